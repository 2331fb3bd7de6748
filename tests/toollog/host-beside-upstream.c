/* SPDX-License-Identifier: MIT */
/*
 * The libraries beside upstream's libxentoollog, as a program that replaces
 * only some libraries loads them: an open refused before a handle exists,
 * with no logger given, must report through a default logger and fail
 * cleanly.  Upstream's xtl_logv() aborts on the NULL logger a library
 * could otherwise hand it.  (libxenevtchn's own host test covers its
 * fdopen paths the same way.)
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xencall.h>
#include <xengnttab.h>
#include <xentoollog.h>

#include "testlib.h"

#define UPSTREAM_TOOLLOG UPSTREAM_LIBDIR "/libxentoollog.so.1"

static void test_toollog_is_upstreams(void)
{
    Dl_info info = { 0 };

    CHECKF(dladdr((const void *)xtl_logv, &info) && strcmp(info.dli_fname, UPSTREAM_TOOLLOG) == 0,
           "xtl_logv comes from %s", info.dli_fname ? info.dli_fname : "?");
}

static void test_refused_opens(void)
{
    errno = 0;
    CHECK(xencall_open(NULL, 1u << 30) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(xengnttab_open(NULL, 2) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(xengntshr_open(NULL, 2) == NULL && errno == EINVAL);
}

int main(int argc, char **argv)
{
    (void)argc;
    if (access(UPSTREAM_TOOLLOG, F_OK) != 0) {
        printf("FAIL: beside upstream's libxentoollog: no %s (libxen-dev)\n", UPSTREAM_TOOLLOG);
        return 1;
    }
    /* Preloaded, upstream's copy takes the SONAME the libraries ask for.
     * Memcheck preloads its own too: the re-executed program is told by
     * the variable it set. */
    if (!getenv("BESIDE_UPSTREAM_TOOLLOG")) {
        char self[PATH_MAX];

        if (!realpath("/proc/self/exe", self)) {
            printf("FAIL: beside upstream's libxentoollog: cannot find myself: %s\n", strerror(errno));
            return 1;
        }
        setenv("LD_PRELOAD", UPSTREAM_TOOLLOG, 1);
        setenv("BESIDE_UPSTREAM_TOOLLOG", "1", 1);
        t_exec_checked(self, argv);
        printf("FAIL: beside upstream's libxentoollog: cannot re-execute: %s\n", strerror(errno));
        return 1;
    }
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    T_CASE(test_toollog_is_upstreams, "upstream's libxentoollog is the one loaded");
    T_CASE(test_refused_opens,
           "refused opens with no logger fail with EINVAL beside upstream's libxentoollog");
    return t_exit_status();
}
