/* SPDX-License-Identifier: MIT */
/*
 * testlib.h - the project's test protocol.
 *
 * A test program runs cases, each with an id (T_CASE below); each prints
 * one line, "PASS: program:id: description" or "FAIL: ...: why", on
 * stdout.  tests/runner/run-tests counts those lines, and a program that
 * dies or exits non-zero without a FAIL line is a failure too.
 */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <xentoollog.h>

/* What processes map (t_maps_from, t_mapped_bytes, ...). */
#include "procmaps.h"

/*
 * For a forked child: a mount namespace of its own whose /dev holds only
 * null and /dev/xen/NAME for each NAME of the NULL-ended names, all of
 * them /dev/null, so that the libraries open "their" drivers and every
 * ioctl fails (needs root).  Returns false, having said why, on failure.
 * t_in_child_with_fake_devices() (child.h) forks such a child.
 */
bool t_fake_xen_devices(const char *const names[]);

/*
 * Cases.  A test program runs its cases in order, each declared as
 *
 *     T_CASE(test_open_close, "open and close both halves");
 *
 * which runs the function test_open_close as the case with id open_close
 * (the function's name without "test_").  An id is made of a-z, 0-9, '_',
 * '.' and '-', and names the case wherever a case is named: the PASS/FAIL
 * line ("PASS: gnttab/system:open_close: open and close both halves"),
 * tests/runner/run-one's selection and tests/data/not-run.  A case fails
 * when any CHECK inside it failed.  Cases made in a loop pass an id of
 * their own to t_case().
 *
 * With T_CASE set to a shell pattern (tests/runner/run-one), only the
 * cases whose ids it matches run.  A case that cannot run under a
 * checking tool (tests/runner/check), or on the hypervisor of the boot, is
 * not run but reported "NOT RUN under TOOL: program:id: description: why"
 * ("NOT RUN on xen-4.20: ..."): T_WHERE says where ("under valgrind"),
 * T_NOT_RUN holds "id pattern|why" lines (from tests/data/not-run).
 */
#define T_CASE(body, description) t_case(t_case_id(#body), (description), (body))

void t_case(const char *id, const char *description, void (*body)(void));

/* The id of the case whose function is named body_name. */
const char *t_case_id(const char *body_name);

/* The running program's name as cases name it: its folder and file under
 * build/tests ("gnttab/system"). */
const char *t_program(void);

/*
 * t_clean_up_at_exit - makes clean_up (which stops what the program
 * started: a guest, a daemon) run when the program ends: when it exits
 * (atexit(3)) and when SIGTERM, SIGINT or SIGHUP would kill it, after
 * which the signal kills it as it would have.  A signal while it runs at
 * exit runs it again: a second run must do no harm.  One clean_up per
 * program.
 */
void t_clean_up_at_exit(void (*clean_up)(void));

/* The path of program name in the running program's build folder
 * (build/tests/F/NAME, for build/tests/F/system-X), written to path;
 * false if the running program cannot be found. */
bool t_sibling_path(const char *name, char *path, size_t size);

/* Puts into this process's environment what a program that was not built
 * with the checking tool of a stage needs to run on this build's libraries
 * (STAGE_FOREIGN_ENV, tests/runner/tool); nothing outside a stage.  For a
 * child about to exec upstream's qemu or xl on the project's libraries. */
void t_stage_foreign_env(void);

/* Replaces this process with program PATH (argv[0] is not passed on),
 * under the stage's memcheck when there is one (STAGE_EXEC_WRAP,
 * tests/runner/tool): for a test that re-executes itself or a helper of
 * its own, so that what runs there is checked too.  Returns only when the
 * exec failed, with errno set. */
void t_exec_checked(const char *path, char *const argv[]);

/* Records a failed check of the running case (with where and what). */
bool t_check(bool ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define CHECK(cond) t_check((cond), __FILE__, __LINE__, "%s", #cond)
#define CHECKF(cond, ...) t_check((cond), __FILE__, __LINE__, __VA_ARGS__)

/*
 * Comparisons that print both values when they fail, as
 * "check failed at f.c:12: rc == 0: rc is -1, 0 is 0":
 * CHECK_EQ(a, b), CHECK_NE, CHECK_LT, CHECK_LE, CHECK_GT, CHECK_GE for
 * integers, pointers and floating values (compared as C compares them,
 * each side evaluated once), CHECK_STREQ(a, b) and CHECK_STRNE for
 * strings.  Each is an expression: true when the check held.
 */
#define CHECK_EQ(a, b) T_CHECK_CMP(a, ==, b)
#define CHECK_NE(a, b) T_CHECK_CMP(a, !=, b)
#define CHECK_LT(a, b) T_CHECK_CMP(a, <, b)
#define CHECK_LE(a, b) T_CHECK_CMP(a, <=, b)
#define CHECK_GT(a, b) T_CHECK_CMP(a, >, b)
#define CHECK_GE(a, b) T_CHECK_CMP(a, >=, b)
#define CHECK_STREQ(a, b) T_CHECK_STR(a, ==, b)
#define CHECK_STRNE(a, b) T_CHECK_STR(a, !=, b)

#define T_IS_SIGNED(v)                                                                     \
    _Generic((v), char: (char)-1 < 0, signed char: 1, short: 1, int: 1, long: 1, long long: 1, \
             default: 0)
#define T_CHECK_CMP(a, op, b)                                                              \
    __extension__({                                                                        \
        __typeof__(a) a_ = (a);                                                            \
        __typeof__(b) b_ = (b);                                                            \
        /* As C compares them: a literal b is as signed as ever. */                        \
        _Pragma("GCC diagnostic push")                                                     \
        _Pragma("GCC diagnostic ignored \"-Wsign-compare\"")                             \
        bool ok_ = a_ op b_;                                                               \
        _Pragma("GCC diagnostic pop")                                                      \
        char av_[48] = "", bv_[48] = "";                                                   \
        if (!ok_) {                                                                        \
            t_format_value(av_, sizeof(av_), &a_, sizeof(a_), __builtin_classify_type(a_), \
                           T_IS_SIGNED(a_));                                               \
            t_format_value(bv_, sizeof(bv_), &b_, sizeof(b_), __builtin_classify_type(b_), \
                           T_IS_SIGNED(b_));                                               \
        }                                                                                  \
        t_check_cmp(ok_, __FILE__, __LINE__, #a, #op, #b, av_, bv_);                       \
    })
#define T_CHECK_STR(a, op, b)                                                              \
    __extension__({                                                                        \
        const char *a_ = (a), *b_ = (b);                                                   \
        t_check_str(a_ && b_ && (strcmp(a_, b_) == 0) op true, __FILE__, __LINE__, #a, #op, \
                    #b, a_, b_);                                                           \
    })

/* The parts of the comparisons above. */
void t_format_value(char *buf, size_t size, const void *value, size_t value_size, int kind,
                    bool is_signed);
bool t_check_cmp(bool ok, const char *file, int line, const char *a_text, const char *op,
                 const char *b_text, const char *a_value, const char *b_value);
bool t_check_str(bool ok, const char *file, int line, const char *a_text, const char *op,
                 const char *b_text, const char *a, const char *b);

/*
 * t_libdir_under_test - the folder of the libraries under test:
 * $XENLIBS_EXPECT_LIBDIR when it is set and not empty (a run of the same
 * binary on upstream's libraries sets it to their folder), otherwise the
 * project's build/lib (PROJECT_LIBDIR).
 */
const char *t_libdir_under_test(void);

/* t_have_xen - whether this machine has Xen's privcmd driver
 * (/dev/xen/privcmd or /proc/xen/privcmd): a host test's cases of what
 * opening does without Xen have nothing to check then. */
bool t_have_xen(void);

/* t_xen_version - the running hypervisor's version as XENVER_version
 * gives it (major << 16 | minor), read from dom0's kernel
 * (/sys/hypervisor/version/), not through a library under test; -1 when
 * it cannot be read. */
int t_xen_version(void);

/*
 * A case named "loaded <soname>" that passes when the code of `symbol` was
 * loaded from the library the test is meant to run on: the project's
 * build/lib by default, or the folder in $XENLIBS_EXPECT_LIBDIR (set it to
 * upstream's folder to run the same binary on upstream's libraries).
 */
void t_expect_library(const char *soname, const void *symbol);

/*
 * Reads what fd gives until its other end is closed: a pipe's write end,
 * or every slave of a pseudo-terminal master (the kernel may hand it over
 * in several pieces).  Keeps at most size - 1 bytes and NUL-terminates
 * them.  Returns the length.
 */
size_t t_drain(int fd, char *buf, size_t size);

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

/*
 * t_capture_text - what the capture holds: all that was logged so far
 * while it runs, all that was logged once t_capture_end() ended it; ""
 * when nothing was.  While it runs, the text may move with the next
 * message: use it before logging more.
 */
const char *t_capture_text(struct t_capture *c);

/*
 * t_logged - whether what the capture holds (t_capture_text()) contains
 * text, as a library's message or part of one:
 *
 *     CHECKF(t_logged(&c, "xenkexec_open: unknown flags 0x1"), "logged \"%s\"",
 *            t_capture_text(&c));
 */
bool t_logged(struct t_capture *c, const char *text);

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

/*
 * t_write_file - writes text into the file path (made, or emptied first)
 * and gives it mode (chmod(2): a script made executable, a config).
 * Returns whether all of it worked; when not, it is a failed check of the
 * running case that names path and errno's text.
 */
bool t_write_file(const char *path, mode_t mode, const char *text);

/*
 * Bad input.  Every case that feeds a public function input it must refuse
 * is stated as
 *
 *     BAD_INPUT(function, "what is bad", OUTCOME, call);
 *     BAD_INPUT_VOID(function, "what is bad", OUTCOME, call);   (void calls)
 *
 * inside a running case.  It runs call and checks the outcome, that no file
 * descriptor was opened or closed and that the process maps as many bytes
 * as before (/proc/self/maps): nothing leaked.  function is the exported
 * symbol the case is about; scripts/gen-bad-inputs scans these statements
 * (one per public function at least) into docs/bad-inputs.md, so write
 * the first three arguments literally.  OUTCOME is one of:
 *
 *   MINUS1(E)            returns -1 with errno E
 *   NULLPTR(E)           returns NULL with errno E
 *   RETURNS(V)           returns V (errno not looked at)
 *   RETURNS_ERRNO(V, E)  returns V with errno E
 *   RETURNS_TEXT("text") returns a string starting with text
 *   IGNORED              (BAD_INPUT_VOID) returns, changing nothing, not even
 *                        errno
 *
 * and MINUS1_LOGS(E, "text"), NULLPTR_LOGS(E, "text"), IGNORED_LOGS("text"):
 * the same, and the logger set by t_bad_input_log() received text.
 */
enum t_bad_kind { T_BAD_MINUS1, T_BAD_NULLPTR, T_BAD_RETURNS, T_BAD_TEXT, T_BAD_IGNORED };

struct t_bad_outcome {
    enum t_bad_kind kind;
    long value;
    int err;                /* 0: not checked */
    const char *logs;       /* NULL: not checked */
    const char *text;       /* T_BAD_TEXT: what the string starts with */
};

#define MINUS1(e) ((struct t_bad_outcome){ .kind = T_BAD_MINUS1, .value = -1, .err = (e) })
#define MINUS1_LOGS(e, text_)                                                                  \
    ((struct t_bad_outcome){ .kind = T_BAD_MINUS1, .value = -1, .err = (e), .logs = (text_) })
#define NULLPTR(e) ((struct t_bad_outcome){ .kind = T_BAD_NULLPTR, .err = (e) })
#define NULLPTR_LOGS(e, text_)                                                                 \
    ((struct t_bad_outcome){ .kind = T_BAD_NULLPTR, .err = (e), .logs = (text_) })
#define RETURNS(v) ((struct t_bad_outcome){ .kind = T_BAD_RETURNS, .value = (v) })
#define RETURNS_ERRNO(v, e) ((struct t_bad_outcome){ .kind = T_BAD_RETURNS, .value = (v), .err = (e) })
#define RETURNS_TEXT(text_) ((struct t_bad_outcome){ .kind = T_BAD_TEXT, .text = (text_) })
#define IGNORED ((struct t_bad_outcome){ .kind = T_BAD_IGNORED })
#define IGNORED_LOGS(text_) ((struct t_bad_outcome){ .kind = T_BAD_IGNORED, .logs = (text_) })

/* What a bad-input statement remembers between its call's start and end. */
struct t_bad_case {
    const char *function, *input;
    struct t_bad_outcome outcome;
    struct t_fd_set fds;
    unsigned long mapped;
    size_t log_start;
};

/* The check itself, for outcomes that are not about bad input (a fault a
 * test causes): BAD_INPUT without a row in the table. */
#define T_OUTCOME(function, what, outcome, call)                                         \
    do {                                                                                 \
        struct t_bad_case bad_;                                                          \
        (void)(function);                                                                \
        t_bad_begin(&bad_, #function, (what), (outcome));                                \
        errno = 0;                                                                       \
        __typeof__(call) result_ = (call);                                               \
        int errno_ = errno;                                                              \
        t_bad_end(&bad_, __builtin_classify_type(result_) == 5, (long)(intptr_t)result_, \
                  errno_, __FILE__, __LINE__);                                           \
    } while (0)

#define BAD_INPUT(function, input, outcome, call) T_OUTCOME(function, input, outcome, call)

/* What errno holds before a void call: IGNORED wants it unchanged. */
#define T_BAD_ERRNO_UNTOUCHED EDOM

#define BAD_INPUT_VOID(function, input, outcome, call)                                   \
    do {                                                                                 \
        struct t_bad_case bad_;                                                          \
        (void)(function);                                                                \
        t_bad_begin(&bad_, #function, (input), (outcome));                               \
        errno = T_BAD_ERRNO_UNTOUCHED;                                                   \
        call;                                                                            \
        int errno_ = errno;                                                              \
        t_bad_end(&bad_, false, 0, errno_, __FILE__, __LINE__);                          \
    } while (0)

/* The capture (or NULL) whose text the *_LOGS outcomes look in. */
void t_bad_input_log(struct t_capture *c);

void t_bad_begin(struct t_bad_case *b, const char *function, const char *input,
                 struct t_bad_outcome outcome);
void t_bad_end(struct t_bad_case *b, bool is_pointer, long result, int err, const char *file,
               int line);

/* 0 when every case passed, 1 otherwise: the program's exit status. */
int t_exit_status(void);

/* An outcome where the project's library deliberately differs from
 * upstream's (see README.md), and how each side reports it. */
struct t_difference {
    const char *name, *ours, *upstream;
};

/*
 * A differential test: runs HELPER, a program of the test's own folder
 * (built against upstream's
 * header; it prints "R: case: outcome" lines and proves which library it
 * loaded with t_expect_library(soname)) once on the project's libraries
 * and once on upstream's (UPSTREAM_LIBDIR, by LD_LIBRARY_PATH), and prints
 * a PASS or FAIL line per outcome, prefixed with label: the same on both,
 * or, for a listed difference, exactly as listed.  Returns the number of
 * failures.
 */
int t_differential(const char *label, const char *helper, const char *soname,
                   const struct t_difference *differences, size_t nr_differences);

/* A differential helper's outcome line, "R: name: outcome" (flushed at
 * once, so a crash loses nothing already printed). */
void t_result(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "rc N errno E" for a call's return value (errno only when rc < 0). */
void t_rc_result(const char *name, long rc, int err);

/* Makes the call with errno cleared and prints its t_rc_result. */
#define T_RC(name, call)                                                                          \
    do {                                                                                          \
        errno = 0;                                                                                \
        long rc_ = (call);                                                                        \
        t_rc_result(name, rc_, errno);                                                            \
    } while (0)

#endif /* TESTLIB_H */
