/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the real libxencall where there is no Xen: opening fails
 * cleanly, with errno and a message through the right logger.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xencall.h>
#include <xentoollog.h>

#include "testlib.h"

/* Runs xencall_open(logger, 0) and returns what it wrote to stderr. */
static char *open_capturing_stderr(xentoollog_logger *logger, xencall_handle **h, int *err)
{
    t_stderr_start();
    *h = xencall_open(logger, 0);
    *err = errno;
    return t_stderr_end();
}

static void test_open_without_xen(void)
{
    xencall_handle *h;
    int err;
    char *text = open_capturing_stderr(NULL, &h, &err);

    if (t_have_xen()) {
        CHECKF(h != NULL, "this machine has Xen, yet: %s", text);
        CHECK_EQ(xencall_close(h), 0);
    } else {
        CHECK_EQ(h, NULL);
        CHECKF(err == ENOENT, "errno %d", err);
        /* The default logger: stderr, as the stdio logger writes it. */
        CHECKF(strcmp(text, "xencall: error: cannot open /dev/xen/privcmd: "
                            "No such file or directory\n") == 0,
               "stderr: \"%s\"", text);
    }
    free(text);
}

static void test_given_logger_gets_the_message(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    xentoollog_logger_stdiostream *lg = xtl_createlogger_stdiostream(f, XTL_DEBUG, 0);
    xencall_handle *h;
    int err;
    char *text = open_capturing_stderr((xentoollog_logger *)lg, &h, &err);

    CHECKF(text[0] == '\0', "stderr: \"%s\"", text);
    xencall_close(h);
    xtl_logger_destroy((xentoollog_logger *)lg);
    fclose(f);
    if (!t_have_xen())
        CHECKF(strstr(buf, "xencall: error: cannot open /dev/xen/privcmd") == buf, "logged \"%s\"",
               buf);
    free(buf);
    free(text);
}

static void test_unknown_flags(void)
{
    errno = 0;
    CHECK_EQ(xencall_open(NULL, 1u << 31), NULL);
    CHECK_EQ(errno, EINVAL);
}

int main(void)
{
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    T_CASE(test_open_without_xen, "xencall: open without Xen fails with ENOENT and says why");
    T_CASE(test_given_logger_gets_the_message,
           "xencall: a given logger gets the messages, stderr none");
    T_CASE(test_unknown_flags, "xencall: open refuses unknown flags");
    return t_exit_status();
}
