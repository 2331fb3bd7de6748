/* SPDX-License-Identifier: MIT */
/*
 * A real client of libxenevtchn: upstream's xenstored (Debian's
 * xen-utils-4.17), started here on the libraries under test, then used
 * by upstream's xenstore-write and xenstore-read.
 *
 * Through xenstored's socket a request never meets an event channel;
 * through /dev/xen/xenbus it goes over dom0's shared ring, and each way
 * is signalled on the event channel that xenstored bound with
 * xenevtchn_bind_interdomain() and serves with xenevtchn_pending(),
 * xenevtchn_unmask() and xenevtchn_notify().  Both must work.
 *
 * Run through tests/vm/xen-run, without --services: this test starts
 * (and stops) its own xenstored.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenevtchn.h>

#include "testlib.h"

#define SOCKET "/run/xenstored/socket"
#define LOG "/var/log/xen/xenstored-evtchn-test.log"
#define CLIENT_TIMEOUT "60"

static const char *libdir;      /* the libraries xenstored is to run on */
static pid_t xenstored = -1;

static void show_log(void)
{
    char line[256];
    FILE *f = fopen(LOG, "re");

    while (f && fgets(line, sizeof(line), f))
        fprintf(stderr, "  xenstored: %s", line);
    if (f)
        fclose(f);
}

static void start(void)
{
    const char *bin = getenv("XENRUN_XEN_BIN");
    char path[PATH_MAX];
    int status;

    if (!CHECKF(bin != NULL, "XENRUN_XEN_BIN unset: run through tests/vm/xen-run") ||
        !CHECKF(access(SOCKET, F_OK) != 0,
                "%s exists: a xenstored runs already (xen-run --services?)", SOCKET))
        return;
    snprintf(path, sizeof(path), "%s/xenstored", bin);
    mkdir("/run/xenstored", 0755);
    mkdir("/var/lib/xenstored", 0755);
    mkdir("/var/log/xen", 0755);
    fflush(stdout);
    xenstored = fork();
    if (xenstored == 0) {
        if (!freopen(LOG, "w", stdout) || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
            _exit(126);
        setenv("LD_LIBRARY_PATH", libdir, 1);
        execl(path, path, "--no-fork", (char *)NULL);
        perror(path);
        _exit(127);
    }
    if (!CHECK_GT(xenstored, 0))
        return;
    /* It creates its socket once it has set up dom0's connection. */
    for (int i = 0; i < 600 && access(SOCKET, F_OK) != 0; i++) {
        if (waitpid(xenstored, &status, WNOHANG) == xenstored) {
            CHECKF(false, "xenstored exited (status %#x)", status);
            xenstored = -1;
            show_log();
            return;
        }
        usleep(100000);
    }
    if (!CHECKF(access(SOCKET, F_OK) == 0, "no %s after 60 s", SOCKET))
        show_log();
}

/* Every copy of libxenevtchn that xenstored mapped comes from libdir. */
static void loaded_from_libdir(void)
{
    static const char *const libs[] = { "libxenevtchn.so", NULL };
    const char *complaint;

    if (!CHECK_GT(xenstored, 0))
        return;
    complaint = t_maps_from(xenstored, libdir, libs);
    CHECKF(!complaint, "xenstored (pid %d): %s", (int)xenstored, complaint);
    fprintf(stderr, "  xenstored (pid %d) maps libxenevtchn from %s\n", (int)xenstored, libdir);
}

/*
 * Runs XENRUN_XENSTORE_BIN/xenstore-<verb> args, bounded in time, through
 * `path` (NULL: the client's default, xenstored's socket).  Returns its
 * exit status; its first line of output goes into out.
 */
static int client(const char *path, const char *verb, const char *key, const char *value,
                  char *out, size_t size)
{
    const char *bin = getenv("XENRUN_XENSTORE_BIN");
    char prog[PATH_MAX];
    int pipefd[2], status;
    FILE *f;
    pid_t pid;

    out[0] = '\0';
    if (!bin || pipe2(pipefd, O_CLOEXEC) < 0)
        return -1;
    snprintf(prog, sizeof(prog), "%s/xenstore-%s", bin, verb);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        /* Only xenstored runs on the libraries under test. */
        unsetenv("LD_LIBRARY_PATH");
        if (path)
            setenv("XENSTORED_PATH", path, 1);
        execlp("timeout", "timeout", CLIENT_TIMEOUT, prog, key, value, (char *)NULL);
        _exit(127);
    }
    close(pipefd[1]);
    f = fdopen(pipefd[0], "r");
    if (f && fgets(out, (int)size, f))
        out[strcspn(out, "\n")] = '\0';
    if (f)
        fclose(f);
    else
        close(pipefd[0]);
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Writes key through `via` and reads it back through `via` and `other`. */
static void round_trip(const char *via, const char *other, const char *key)
{
    char value[64], got[128];
    int rc;

    if (!CHECK_GT(xenstored, 0))
        return;
    snprintf(value, sizeof(value), "evtchn-test-%d-%s", (int)getpid(), via ? "xenbus" : "socket");
    rc = client(via, "write", key, value, got, sizeof(got));
    if (!CHECKF(rc == 0, "xenstore-write %s through %s: status %d", key,
                via ? via : "the socket", rc))
        return;
    rc = client(via, "read", key, NULL, got, sizeof(got));
    CHECKF(rc == 0 && strcmp(got, value) == 0, "read back through %s: status %d, \"%s\"",
           via ? via : "the socket", rc, got);
    rc = client(other, "read", key, NULL, got, sizeof(got));
    CHECKF(rc == 0 && strcmp(got, value) == 0, "read back through %s: status %d, \"%s\"",
           other ? other : "the socket", rc, got);
}

static void through_socket(void)
{
    round_trip(NULL, "/dev/xen/xenbus", "/local/domain/0/evtchn-test/socket");
}

static void through_xenbus(void)
{
    round_trip("/dev/xen/xenbus", NULL, "/local/domain/0/evtchn-test/xenbus");
}

static void stop(void)
{
    int status = 0;
    pid_t done = 0;

    if (!CHECK_GT(xenstored, 0))
        return;
    CHECK_EQ(kill(xenstored, SIGTERM), 0);
    for (int i = 0; i < 100 && (done = waitpid(xenstored, &status, WNOHANG)) == 0; i++)
        usleep(100000);
    if (!CHECKF(done == xenstored, "xenstored ignored SIGTERM for 10 s")) {
        kill(xenstored, SIGKILL);
        waitpid(xenstored, &status, 0);
    }
    /* Alive until told to go: it did not die of a failure of its own. */
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x", status);
    unlink(SOCKET);
    xenstored = -1;
}

int main(void)
{
    libdir = t_libdir_under_test();
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    T_CASE(start, "xenstored: upstream's daemon starts on the libraries under test");
    T_CASE(loaded_from_libdir,
           "xenstored: its libxenevtchn is the one under test (/proc/PID/maps)");
    T_CASE(through_socket, "xenstored: write and read back through its socket");
    T_CASE(through_xenbus,
           "xenstored: write and read back through /dev/xen/xenbus, over dom0's event channel");
    T_CASE(stop, "xenstored: stops on SIGTERM, alive until then");
    return t_exit_status();
}
