/* SPDX-License-Identifier: MIT */
/*
 * A real client of libxenctrl's kexec calls: Debian's kexec-tools (kexec
 * links libxenctrl.so.4.17) loads dom0's own kernel as the crash kernel,
 * reports it loaded, and unloads it, on the project's libxenctrl, which
 * goes through libxenkexec.  The dynamic loader's own record (LD_DEBUG)
 * proves which libraries kexec ran; Xen's state is checked independently
 * through the project's libxenkexec.
 *
 * Needs Xen booted with crashkernel= (tests/vm/xen-run does so).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenkexec.h>

#include "crashkernel.h"
#include "ldrecord.h"
#include "testlib.h"

#define LD_RECORD "/tmp/kexec-ld-debug"

static const char *libdir;

/* kexec ARGS on libdir; its exit status (-1: did not run). */
static int kexec(const char *args)
{
    char cmd[PATH_MAX * 3];
    int status;

    snprintf(cmd, sizeof(cmd), "LD_LIBRARY_PATH='%s' %s timeout 300 kexec %s", libdir,
             t_ld_record_env(LD_RECORD), args);
    fflush(stdout);
    status = system(cmd);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The loader initialised libxenctrl and libxenkexec from libdir, and no
 * libxen* from anywhere else. */
static void ran_on_libdir(void)
{
    static const char *const want[] = { "libxenctrl.so.4.17", "libxenkexec.so.1", NULL };
    static const char *const unwanted[] = { NULL };

    t_ld_record_check(LD_RECORD, libdir, want, unwanted);
}

static void load(void)
{
    char args[PATH_MAX * 2 + 128];
    int rc;

    if (!t_crash_kernel_args(args, sizeof(args)) || !CHECK_EQ(t_crash_image_status(), 0))
        return;
    rc = kexec(args);
    CHECKF(rc == 0, "kexec -p exited %d", rc);
    ran_on_libdir();
    CHECKF(t_crash_image_status() == 1, "Xen has no crash image loaded");
}

static void status_loaded(void)
{
    int rc = kexec("-S -p");

    /* kexec-tools answers "loaded" with 1. */
    CHECKF(rc == 1, "kexec -S -p exited %d", rc);
    ran_on_libdir();
}

static void unload(void)
{
    int rc = kexec("-p -u");

    CHECKF(rc == 0, "kexec -p -u exited %d", rc);
    ran_on_libdir();
    CHECK_EQ(t_crash_image_status(), 0);
    rc = kexec("-S -p");
    CHECKF(rc == 0, "kexec -S -p exited %d after the unload", rc);
}

int main(void)
{
    libdir = t_libdir_under_test();
    t_expect_library("libxenkexec.so.1", (const void *)xenkexec_open);
    T_CASE(load, "kexec-tools: loads dom0's kernel as the crash kernel through the project's "
          "libxenctrl and libxenkexec");
    T_CASE(status_loaded, "kexec-tools: reports it loaded");
    T_CASE(unload, "kexec-tools: unloads it; Xen has none loaded");
    return t_exit_status();
}
