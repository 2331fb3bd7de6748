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
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenkexec.h>

#include "ldrecord.h"
#include "testlib.h"

#define LD_RECORD "/tmp/kexec-ld-debug"

static const char *libdir;
static char initrd[PATH_MAX];

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

static int crash_status(void)
{
    xenkexec_handle *xk = xenkexec_open(NULL, 0);
    int st = xk ? xenkexec_status(xk, XENKEXEC_TYPE_CRASH) : -1;

    xenkexec_close(xk);
    return st;
}

static void load(void)
{
    const char *kernel = getenv("XENRUN_DOM0_KERNEL"), *cache = getenv("XENRUN_CACHE");
    char args[PATH_MAX * 2 + 128], pattern[PATH_MAX];
    glob_t g;
    int rc;

    if (!CHECKF(kernel && cache, "run through tests/vm/xen-run") || !CHECK_EQ(crash_status(), 0))
        return;
    /* Any initramfs will do: the crash kernel is not started here. */
    snprintf(pattern, sizeof(pattern), "%s/initrd-*.cpio.gz", cache);
    if (!CHECKF(glob(pattern, 0, NULL, &g) == 0, "no %s", pattern))
        return;
    snprintf(initrd, sizeof(initrd), "%s", g.gl_pathv[0]);
    globfree(&g);
    snprintf(args, sizeof(args), "-p %s --initrd=%s --append='console=hvc0 irqpoll nr_cpus=1 "
             "reset_devices'", kernel, initrd);
    rc = kexec(args);
    CHECKF(rc == 0, "kexec -p exited %d", rc);
    ran_on_libdir();
    CHECKF(crash_status() == 1, "Xen has no crash image loaded");
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
    CHECK_EQ(crash_status(), 0);
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
