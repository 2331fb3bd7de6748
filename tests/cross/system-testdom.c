/* SPDX-License-Identifier: MIT */
/*
 * System tests of the tests' own domain helper (tests/lib/testdom.h):
 * PV and HVM domains are really created and destroyed, and a test that
 * exits, aborts or is killed leaves no domain behind.
 */
#define __XEN_TOOLS__ 1         /* for <xen/domctl.h>, <xen/sysctl.h> */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xencall.h>

#include "testdom.h"
#include "testlib.h"

/* See testdom.c. */
#undef __STRICT_ANSI__
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

static xencall_handle *xcall;

/* Whether domid exists and is not dying: asked with a sysctl, whose
 * interface version Xen 4.17 and 4.20 share, so that the answer does not
 * come from the helper under test. */
static bool alive(int domid)
{
    struct xen_sysctl *op = xencall_alloc_buffer(xcall, sizeof(*op));
    struct xen_domctl_getdomaininfo *info = xencall_alloc_buffer(xcall, sizeof(*info));
    bool found = false;

    if (op && info) {
        *op = (struct xen_sysctl){ .cmd = XEN_SYSCTL_getdomaininfolist,
                                   .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
        op->u.getdomaininfolist.first_domain = (domid_t)domid;
        op->u.getdomaininfolist.max_domains = 1;
        set_xen_guest_handle(op->u.getdomaininfolist.buffer, info);
        found = xencall1(xcall, __HYPERVISOR_sysctl, (uintptr_t)op) == 0 &&
                op->u.getdomaininfolist.num_domains == 1 && info->domain == domid &&
                !(info->flags & XEN_DOMINF_dying);
    }
    xencall_free_buffer(xcall, op);
    xencall_free_buffer(xcall, info);
    return found;
}

/* Whether domid is gone within 20 s (the helper works asynchronously). */
static bool gone_soon(int domid)
{
    for (int i = 0; i < 200; i++) {
        if (!alive(domid))
            return true;
        usleep(100000);
    }
    return false;
}

static void test_pv(void)
{
    int d[4];

    for (int i = 0; i < 4; i++) {
        d[i] = testdom_create_pv();
        CHECKF(d[i] > 0 && alive(d[i]), "PV domain %d: %s", d[i], strerror(errno));
    }
    for (int i = 0; i < 4; i++)
        if (d[i] > 0) {
            CHECK_EQ(testdom_destroy(d[i]), 0);
            CHECK(!alive(d[i]));
        }
}

static void test_hvm(void)
{
    int d = testdom_create_hvm(1024);

    if (!CHECKF(d > 0 && alive(d), "HVM domain: %s", strerror(errno)))
        return;
    CHECK_EQ(testdom_destroy(d), 0);
    CHECK(!alive(d));
}

/*
 * A fresh copy of this program (its own helper) creates a
 * PV and an HVM domain, prints their ids and ends as `how` says; the
 * domains must be gone after.
 */
static void ends_clean(const char *how)
{
    char cmd[4200], self[4096];
    int pv = -1, hvm = -1;
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    FILE *f;

    if (!CHECK_GT(n, 0))
        return;
    self[n] = '\0';
    snprintf(cmd, sizeof(cmd), "'%s' --end %s", self, how);
    fflush(stdout);
    f = popen(cmd, "r");
    if (!CHECK_NE(f, NULL))
        return;
    CHECKF(fscanf(f, "%d %d", &pv, &hvm) == 2, "no domain ids from the child");
    pclose(f);
    CHECKF(pv > 0 && gone_soon(pv), "PV domain %d still there after %s", pv, how);
    CHECKF(hvm > 0 && gone_soon(hvm), "HVM domain %d still there after %s", hvm, how);
}

static void test_exit(void)
{
    ends_clean("exit");
}

static void test_abort(void)
{
    ends_clean("abort");
}

static void test_sigkill(void)
{
    ends_clean("sigkill");
}

/* The child of ends_clean. */
static int end(const char *how)
{
    int pv = testdom_create_pv(), hvm = testdom_create_hvm(64);

    printf("%d %d\n", pv, hvm);
    fflush(stdout);
    if (strcmp(how, "abort") == 0)
        abort();
    if (strcmp(how, "sigkill") == 0)
        kill(getpid(), SIGKILL);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--end") == 0)
        return end(argv[2]);
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    xcall = xencall_open(NULL, 0);
    T_CASE(test_pv, "testdom: 4 empty PV domains created and destroyed");
    T_CASE(test_hvm, "testdom: an HVM domain with 1024 pages created and destroyed");
    T_CASE(test_exit, "testdom: a test that exits leaves no domain");
    T_CASE(test_abort, "testdom: a test that aborts leaves no domain (the helper)");
    T_CASE(test_sigkill, "testdom: a test killed by SIGKILL leaves no domain (the helper)");
    xencall_close(xcall);
    return t_exit_status();
}
