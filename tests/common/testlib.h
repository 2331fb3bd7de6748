/*
 * testlib.h - the project's test protocol.
 *
 * A test program runs named cases; each prints one line, "PASS: name" or
 * "FAIL: name: why", on stdout.  tests/run-tests counts those lines, and a
 * program that dies or exits non-zero without a FAIL line is a failure too.
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include <xentoollog.h>

/*
 * For a forked child: a mount namespace of its own whose /dev holds only
 * null and /dev/xen/NAME for each NAME of the NULL-ended names, all of
 * them /dev/null, so that the libraries open "their" drivers and every
 * ioctl fails (needs root).  Returns false, having said why, on failure.
 */
bool t_fake_xen_devices(const char *const names[]);

/* Runs one case; it fails when any CHECK inside it failed.  With T_CASE
 * set to a shell pattern (tests/run-one), only the cases it matches run.
 * Under a checking tool (tests/check-stage) a case that cannot run under it
 * is not run but reported "NOT RUN under TOOL: name: why": T_TOOL names the
 * tool, T_NOT_RUN holds "pattern|why" lines (from tests/not-run). */
void t_run(const char *name, void (*body)(void));

/* Checks that call, an expression true when the call failed, failed with
 * EINVAL: how every library refuses a NULL handle. */
#define NULL_REFUSED(call)                                                              \
    do {                                                                                \
        errno = 0;                                                                      \
        CHECKF((call) && errno == EINVAL, "%s: errno %d", #call, errno);                \
    } while (0)

/* Records a failed check of the running case (with where and what). */
bool t_check(bool ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define CHECK(cond) t_check((cond), __FILE__, __LINE__, "%s", #cond)
#define CHECKF(cond, ...) t_check((cond), __FILE__, __LINE__, __VA_ARGS__)

/*
 * A case named "loaded <soname>" that passes when the code of `symbol` was
 * loaded from the library the test is meant to run on: the project's
 * build/lib by default, or the folder in $XENLIBS_EXPECT_LIBDIR (set it to
 * upstream's folder to run the same binary on upstream's libraries).
 */
void t_expect_library(const char *soname, const void *symbol);

/*
 * Where a process (pid, not necessarily this one) loaded libraries from:
 * each file named in the NULL-ended libs (a prefix such as
 * "libxengnttab.so") must be mapped, every mapping of it from folder dir.
 * Returns NULL, or what is wrong (static storage).
 */
const char *t_maps_from(pid_t pid, const char *dir, const char *const libs[]);

/*
 * Reads what a pseudo-terminal's master received until every slave is
 * closed (the kernel may hand it over in several pieces), at most size - 1
 * bytes, and NUL-terminates it.  Returns the length.
 */
size_t t_drain_pty(int master, char *buf, size_t size);

/* Sends stderr into a temporary file until t_stderr_end(), which restores
 * it and returns what was written (at most 4095 bytes; the caller frees). */
void t_stderr_start(void);
char *t_stderr_end(void);

/* A stdio logger writing into memory, at every level, for tests of what a
 * library reports. */
struct t_capture {
    char *text;
    size_t len;
    FILE *f;
    xentoollog_logger *logger;
};

void t_capture_start(struct t_capture *c);

/* Ends the capture and returns what was logged; the caller frees c->text. */
const char *t_capture_end(struct t_capture *c);

/* How many file descriptors this process has open (of the first 1024):
 * compared before and after, it shows a leak. */
int t_open_fds(void);

/* Which of the first 1024 file descriptors are open. */
struct t_fd_set {
    bool open[1024];
};

void t_fds_snapshot(struct t_fd_set *set);

/* Checks that every fd opened since the snapshot is close-on-exec; returns
 * how many there are. */
int t_check_new_fds_cloexec(const struct t_fd_set *before);

/* Checks that exactly the fds of the snapshot are open again. */
void t_check_fds_as_before(const struct t_fd_set *before);

/* Whether fd refers to /dev/null, as a restricted handle's fd does. */
bool t_is_dev_null(int fd);

/* 0 when every case passed, 1 otherwise: the program's exit status. */
int t_exit_status(void);

/* An outcome where the project's library deliberately differs from
 * upstream's (see README.md), and how each side reports it. */
struct t_difference {
    const char *name, *ours, *upstream;
};

/*
 * A differential test: runs tests/helpers/HELPER (built against upstream's
 * header; it prints "R: case: outcome" lines and proves which library it
 * loaded with t_expect_library(soname)) once on the project's libraries
 * and once on upstream's (UPSTREAM_LIBDIR, by LD_LIBRARY_PATH), and prints
 * a PASS or FAIL line per outcome, prefixed with label: the same on both,
 * or, for a listed difference, exactly as listed.  Returns the number of
 * failures.
 */
int t_differential(const char *label, const char *helper, const char *soname,
                   const struct t_difference *differences, size_t nr_differences);

#endif /* TESTLIB_H */
