/* SPDX-License-Identifier: MIT */
/*
 * libxenctrl's libxendevicemodel handle against Xen: the handle that
 * xc_interface_dmod_handle() gives works on a real HVM domain, and
 * xc_hvm_inject_trap (upstream's compat call, which xen-access imports)
 * reaches Xen through it: a vCPU that never runs keeps the event pending,
 * so Xen refuses a second one with EBUSY.
 */
#include <errno.h>
#include <string.h>

#define XC_WANT_COMPAT_DEVICEMODEL_API
#include <xenctrl.h>
#include <xendevicemodel.h>

#include "testdom.h"
#include "testlib.h"

static xc_interface *xch;
static int hvm = -1;

/* xc_hvm_inject_trap's outcome: 0, or the errno of its failure. */
static int inject(int domid, int vcpu, uint8_t vector, uint8_t type)
{
    errno = 0;
    if (xc_hvm_inject_trap(xch, (uint32_t)domid, vcpu, vector, type, ~0u, 0, 0) == 0)
        return 0;
    return errno ? errno : -1;
}

static void test_dmod_handle(void)
{
    xendevicemodel_handle *dmod = xc_interface_dmod_handle(xch);
    unsigned vcpus = 0;

    if (!CHECK_NE(dmod, NULL))
        return;
    CHECKF(xendevicemodel_nr_vcpus(dmod, (domid_t)hvm, &vcpus) == 0, "nr_vcpus: %s",
           strerror(errno));
    CHECKF(vcpus == 1, "Xen says domain %d has %u vCPUs", hvm, vcpus);
}

static void test_inject_trap(void)
{
    int pv = testdom_create_pv(), rc;

    rc = inject(hvm, 0, 2, XEN_DMOP_EVENT_nmi);
    CHECKF(rc == 0, "first NMI: %s", strerror(rc));
    /* Pending until the vCPU runs, which it never does. */
    rc = inject(hvm, 0, 14, XEN_DMOP_EVENT_hw_exc);
    CHECKF(rc == EBUSY, "second event: %s", strerror(rc));
    rc = inject(hvm, 1, 2, XEN_DMOP_EVENT_nmi);
    CHECKF(rc == EINVAL, "vCPU 1 of a 1-vCPU domain: %s", strerror(rc));
    rc = inject(0x7000, 0, 2, XEN_DMOP_EVENT_nmi);
    CHECKF(rc == ESRCH, "no such domain: %s", strerror(rc));
    if (CHECK_GT(pv, 0)) {
        rc = inject(pv, 0, 2, XEN_DMOP_EVENT_nmi);
        CHECKF(rc == EINVAL, "a PV domain: %s", strerror(rc));
        CHECK_EQ(testdom_destroy(pv), 0);
    }
}

static void set_up(void)
{
    xch = xc_interface_open(NULL, NULL, 0);
    CHECKF(xch != NULL, "xc_interface_open: %s", strerror(errno));
    hvm = testdom_create_hvm(16);
    CHECK_GT(hvm, 0);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(set_up, "xenctrl devicemodel: a handle and an HVM domain");
    if (xch && hvm > 0) {
        T_CASE(test_dmod_handle,
               "xenctrl devicemodel: xc_interface_dmod_handle works on an HVM domain (nr_vcpus)");
        T_CASE(test_inject_trap,
               "xenctrl devicemodel: xc_hvm_inject_trap pends an event on the vCPU, refusals");
    }
    if (hvm > 0)
        testdom_destroy(hvm);
    xc_interface_close(xch);
    return t_exit_status();
}
