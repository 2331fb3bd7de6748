/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the real libxenevtchn where there is no Xen: opening fails
 * cleanly, handles rebuilt with xenevtchn_fdopen() around a file that is
 * not the driver fail cleanly in every call, bad arguments are refused
 * with errno and a message through the right logger, nothing leaks.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "testlib.h"

static bool have_driver(void)
{
    return access("/dev/xen/evtchn", F_OK) == 0;
}

/* ------------------------------------------------------------ opening */

static void test_open_without_xen(void)
{
    xenevtchn_handle *xce;
    char *text;
    int err;

    t_stderr_start();
    xce = xenevtchn_open(NULL, 0);
    err = errno;
    text = t_stderr_end();
    if (have_driver()) {
        CHECKF(xce != NULL, "this machine has Xen, yet: %s", text);
    } else {
        CHECK_EQ(xce, NULL);
        CHECKF(err == ENOENT, "errno %d", err);
        /* The default logger: stderr, as the stdio logger writes it. */
        CHECKF(strcmp(text, "xenevtchn: error: cannot open /dev/xen/evtchn: "
                            "No such file or directory\n") == 0,
               "stderr: \"%s\"", text);
    }
    xenevtchn_close(xce);
    free(text);
}

static void test_given_logger_gets_the_message(void)
{
    struct t_capture c;
    xenevtchn_handle *xce;
    char *text;

    t_capture_start(&c);
    t_stderr_start();
    xce = xenevtchn_open(c.logger, XENEVTCHN_NO_CLOEXEC);
    text = t_stderr_end();
    xenevtchn_close(xce);
    CHECKF(text[0] == '\0', "stderr: \"%s\"", text);
    t_capture_end(&c);
    if (!have_driver())
        CHECKF(strstr(c.text, "xenevtchn: error: cannot open /dev/xen/evtchn") == c.text,
               "logged \"%s\"", c.text);
    free(c.text);
    free(text);
}

static void test_unknown_flags(void)
{
    struct t_capture c;

    t_capture_start(&c);
    BAD_INPUT(xenevtchn_open, "unknown flags", NULLPTR(EINVAL), xenevtchn_open(c.logger, 1u << 31));
    BAD_INPUT(xenevtchn_open, "unknown flags beside XENEVTCHN_NO_CLOEXEC", NULLPTR(EINVAL),
              xenevtchn_open(c.logger, XENEVTCHN_NO_CLOEXEC | 2));
    t_capture_end(&c);
    CHECKF(strstr(c.text, "xenevtchn: error: xenevtchn_open: unknown flags 0x80000000") &&
               strstr(c.text, "xenevtchn: error: xenevtchn_open: unknown flags 0x2"),
           "logged \"%s\"", c.text);
    free(c.text);
}

/* A failed open, however often, leaves no descriptor behind. */
static void test_failed_opens_leak_nothing(void)
{
    struct t_capture c;
    int fds = t_open_fds();

    if (have_driver())
        return;
    t_capture_start(&c);
    for (int i = 0; i < 200; i++)
        CHECK_EQ(xenevtchn_open(c.logger, (unsigned)i & XENEVTCHN_NO_CLOEXEC), NULL);
    t_capture_end(&c);
    free(c.text);
    CHECK_EQ(t_open_fds(), fds);
}

/* ------------------------------------------------------------ fdopen */

static void test_fdopen_refuses_flags(void)
{
    struct t_capture c;
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

    t_capture_start(&c);
    BAD_INPUT(xenevtchn_fdopen, "XENEVTCHN_NO_CLOEXEC (fdopen takes none)", NULLPTR(EINVAL),
              xenevtchn_fdopen(c.logger, fd, XENEVTCHN_NO_CLOEXEC));
    BAD_INPUT(xenevtchn_fdopen, "unknown flags", NULLPTR(EINVAL),
              xenevtchn_fdopen(c.logger, fd, 4));
    t_capture_end(&c);
    CHECKF(strstr(c.text, "xenevtchn: error: xenevtchn_fdopen: flags 0x1: XENEVTCHN_NO_CLOEXEC") &&
               strstr(c.text, "xenevtchn: error: xenevtchn_fdopen: flags 0x4"),
           "logged \"%s\"", c.text);
    /* The descriptor stays the caller's, open. */
    CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    close(fd);
    free(c.text);
}

static void test_fdopen_refuses_closed_fds(void)
{
    struct t_capture c;
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

    close(fd);
    t_capture_start(&c);
    BAD_INPUT(xenevtchn_fdopen, "fd that is not open", NULLPTR(EBADF),
              xenevtchn_fdopen(c.logger, fd, 0));
    BAD_INPUT(xenevtchn_fdopen, "fd -1", NULLPTR(EBADF), xenevtchn_fdopen(c.logger, -1, 0));
    t_capture_end(&c);
    CHECKF(strstr(c.text, "xenevtchn: error: xenevtchn_fdopen: -1 is not an open file descriptor"),
           "logged \"%s\"", c.text);
    free(c.text);
}

/* The handle takes the descriptor as it is, and closing it closes it. */
static void test_fdopen_owns_the_fd(void)
{
    int fds = t_open_fds();
    int fd = open("/dev/null", O_RDWR);
    xenevtchn_handle *xce = xenevtchn_fdopen(NULL, fd, 0);

    if (!CHECK_NE(xce, NULL))
        return;
    CHECK_EQ(xenevtchn_fd(xce), fd);
    CHECKF(fcntl(fd, F_GETFD) == 0, "fd flags %#x: close-on-exec must stay clear",
           fcntl(fd, F_GETFD));
    CHECK_EQ(xenevtchn_close(xce), 0);
    CHECK(fcntl(fd, F_GETFD) < 0 && errno == EBADF);
    CHECK_EQ(t_open_fds(), fds);
}

/*
 * Around a file that is not the driver, every call fails cleanly with the
 * kernel's errno, except unmask: /dev/null takes the write.
 */
static void test_calls_on_the_wrong_file(void)
{
    xenevtchn_handle *xce = xenevtchn_fdopen(NULL, open("/dev/null", O_RDWR | O_CLOEXEC), 0);

    if (!CHECK_NE(xce, NULL))
        return;
    errno = 0;
    CHECK(xenevtchn_notify(xce, 1) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xenevtchn_bind_unbound_port(xce, 0) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xenevtchn_bind_interdomain(xce, 0, 1) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xenevtchn_bind_virq(xce, 3) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xenevtchn_unbind(xce, 1) == -1 && errno == ENOTTY);
    /* /dev/null reads as end of file: no whole port number. */
    errno = 0;
    CHECK(xenevtchn_pending(xce) == -1 && errno == EIO);
    CHECK_EQ(xenevtchn_unmask(xce, 1), 0);
    t_stderr_start();
    errno = 0;
    CHECK(xenevtchn_restrict(xce, 1) == -1 && errno == ENOTTY);
    free(t_stderr_end());
    CHECK_EQ(xenevtchn_close(xce), 0);
}

/* ------------------------------------------------------------ NULL */

static void test_null_handle(void)
{
    BAD_INPUT(xenevtchn_close, "NULL handle", RETURNS(0), xenevtchn_close(NULL));
    BAD_INPUT(xenevtchn_fd, "NULL handle", MINUS1(EINVAL), xenevtchn_fd(NULL));
    BAD_INPUT(xenevtchn_notify, "NULL handle", MINUS1(EINVAL), xenevtchn_notify(NULL, 1));
    BAD_INPUT(xenevtchn_bind_unbound_port, "NULL handle", MINUS1(EINVAL),
              xenevtchn_bind_unbound_port(NULL, 0));
    BAD_INPUT(xenevtchn_bind_interdomain, "NULL handle", MINUS1(EINVAL),
              xenevtchn_bind_interdomain(NULL, 0, 1));
    BAD_INPUT(xenevtchn_bind_virq, "NULL handle", MINUS1(EINVAL), xenevtchn_bind_virq(NULL, 3));
    BAD_INPUT(xenevtchn_unbind, "NULL handle", MINUS1(EINVAL), xenevtchn_unbind(NULL, 1));
    BAD_INPUT(xenevtchn_pending, "NULL handle", MINUS1(EINVAL), xenevtchn_pending(NULL));
    BAD_INPUT(xenevtchn_unmask, "NULL handle", MINUS1(EINVAL), xenevtchn_unmask(NULL, 1));
    BAD_INPUT(xenevtchn_restrict, "NULL handle", MINUS1(EINVAL), xenevtchn_restrict(NULL, 1));
}

/* ------------------------------------------------------------ messages */

/* Per-port failures reach a given logger at debug level, with errno. */
static void test_failures_logged_at_debug(void)
{
    struct t_capture c;
    xenevtchn_handle *xce;

    t_capture_start(&c);
    xce = xenevtchn_fdopen(c.logger, open("/dev/null", O_RDWR | O_CLOEXEC), 0);
    if (CHECK_NE(xce, NULL)) {
        xenevtchn_notify(xce, 7);
        xenevtchn_bind_interdomain(xce, 3, 9);
        xenevtchn_pending(xce);
        xenevtchn_restrict(xce, 5);
        xenevtchn_close(xce);
    }
    t_capture_end(&c);
    CHECKF(strstr(c.text, "xenevtchn: debug: xenevtchn_notify: port 7: Inappropriate ioctl") &&
               strstr(c.text, "xenevtchn: debug: xenevtchn_bind_interdomain: domain 3 port 9: ") &&
               strstr(c.text, "xenevtchn: debug: xenevtchn_pending: Input/output error") &&
               strstr(c.text, "xenevtchn: error: cannot restrict the handle to domain 5: "),
           "logged \"%s\"", c.text);
    free(c.text);
}

/* The default logger shows no debug messages: nothing on stderr. */
static void test_default_logger_stays_quiet(void)
{
    xenevtchn_handle *xce;
    char *text;

    t_stderr_start();
    xce = xenevtchn_fdopen(NULL, open("/dev/null", O_RDWR | O_CLOEXEC), 0);
    xenevtchn_notify(xce, 7);
    xenevtchn_unbind(xce, 7);
    xenevtchn_pending(xce);
    xenevtchn_close(xce);
    text = t_stderr_end();
    CHECK_NE(xce, NULL);
    CHECKF(text[0] == '\0', "stderr: \"%s\"", text);
    free(text);
}

/* ------------------------------------------------------------ libxentoolcore */

/* xentoolcore_restrict_all reaches an open handle, and a closed one no
 * longer: /dev/null refuses the restriction's ioctl. */
static void test_registered_with_toolcore(void)
{
    struct t_capture c;
    xenevtchn_handle *xce;

    t_capture_start(&c);
    xce = xenevtchn_fdopen(c.logger, open("/dev/null", O_RDWR | O_CLOEXEC), 0);
    BAD_INPUT(xentoolcore_restrict_all, "a handle whose driver refuses (fake driver)", MINUS1(ENOTTY),
              xentoolcore_restrict_all(4));
    CHECK_EQ(xenevtchn_close(xce), 0);
    CHECK_EQ(xentoolcore_restrict_all(4), 0);
    t_capture_end(&c);
    CHECKF(strstr(c.text, "cannot restrict the handle to domain 4"), "logged \"%s\"", c.text);
    free(c.text);
}

/* ------------------------------------------------------------ upstream's libxentoollog */

#define UPSTREAM_TOOLLOG UPSTREAM_LIBDIR "/libxentoollog.so.1"

/*
 * The program again, with upstream's libxentoollog in place of the
 * project's: refused opens with no logger must still report (through a
 * default logger) and not crash; upstream's xtl_logv() takes no NULL.
 * Exit status 0 when all went as it should.
 */
static int beside_upstream_toollog(void)
{
    Dl_info info;
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    xenevtchn_handle *xce;

    if (!dladdr((const void *)xtl_logv, &info) || strcmp(info.dli_fname, UPSTREAM_TOOLLOG) != 0) {
        fprintf(stderr, "xtl_logv is not upstream's\n");
        return 2;
    }
    errno = 0;
    if (xenevtchn_open(NULL, 2) != NULL || errno != EINVAL)
        return 1;
    errno = 0;
    if (xenevtchn_fdopen(NULL, -1, 0) != NULL || errno != EBADF)
        return 1;
    errno = 0;
    if (xenevtchn_fdopen(NULL, fd, XENEVTCHN_NO_CLOEXEC) != NULL || errno != EINVAL)
        return 1;
    /* A handle's own default logger, a failure at debug level, close. */
    xce = xenevtchn_fdopen(NULL, fd, 0);
    if (!xce || xenevtchn_notify(xce, 1) != -1 || xenevtchn_close(xce) != 0)
        return 1;
    return 0;
}

static void test_beside_upstream_toollog(void)
{
    char *text;
    pid_t pid;
    int status = -1;

    if (!CHECKF(access(UPSTREAM_TOOLLOG, F_OK) == 0, "no %s (libxen-dev)", UPSTREAM_TOOLLOG))
        return;
    t_stderr_start();
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        /* Preloaded, it takes the SONAME libxenevtchn asks for. */
        char self[PATH_MAX];
        char *const argv[] = { "evtchn", "--beside-upstream-toollog", NULL };

        setenv("LD_PRELOAD", UPSTREAM_TOOLLOG, 1);
        if (realpath("/proc/self/exe", self))
            t_exec_checked(self, argv);
        _exit(127);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    text = t_stderr_end();
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x; stderr: %s", status, text);
    CHECKF(strstr(text, "xenevtchn: error: xenevtchn_open: unknown flags 0x2") &&
               strstr(text, "xenevtchn: error: xenevtchn_fdopen: -1 is not an open file"),
           "stderr: \"%s\"", text);
    free(text);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--beside-upstream-toollog") == 0)
        return beside_upstream_toollog();
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    T_CASE(test_open_without_xen, "xenevtchn: open without Xen fails with ENOENT and says why");
    T_CASE(test_given_logger_gets_the_message,
           "xenevtchn: a given logger gets the messages, stderr none");
    T_CASE(test_unknown_flags, "xenevtchn: open refuses unknown flags");
    T_CASE(test_failed_opens_leak_nothing, "xenevtchn: 200 failed opens leak no descriptor");
    T_CASE(test_fdopen_refuses_flags,
           "xenevtchn: fdopen refuses every flag, XENEVTCHN_NO_CLOEXEC included");
    T_CASE(test_fdopen_refuses_closed_fds,
           "xenevtchn: fdopen refuses a descriptor that is not open");
    T_CASE(test_fdopen_owns_the_fd,
           "xenevtchn: fdopen keeps the descriptor as it is; close closes it");
    T_CASE(test_calls_on_the_wrong_file,
           "xenevtchn: every call on a file other than the driver fails cleanly");
    T_CASE(test_null_handle, "xenevtchn: a NULL handle is refused with EINVAL");
    T_CASE(test_failures_logged_at_debug,
           "xenevtchn: failures reach the handle's logger at debug level");
    T_CASE(test_default_logger_stays_quiet,
           "xenevtchn: the default logger prints no debug messages");
    T_CASE(test_registered_with_toolcore,
           "xenevtchn: handles are registered with libxentoolcore while open");
    T_CASE(test_beside_upstream_toollog,
           "xenevtchn: beside upstream's libxentoollog, no logger given, nothing crashes");
    return t_exit_status();
}
