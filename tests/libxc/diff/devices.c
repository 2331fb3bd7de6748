/* SPDX-License-Identifier: MIT */
/*
 * Device assignment: the VM has no IOMMU, so Xen refuses to assign
 * anything, or to tell a device's group; both libraries must report
 * Xen's refusal alike.  Only a
 * device no machine here has is ever offered, so nothing of dom0's could
 * move even on a host with an IOMMU.
 */
#include <errno.h>
#include <stdio.h>

#include "diff.h"

/* segment 0, bus 0x77, device 3, function 1 */
#define NO_DEVICE ((0x77u << 8) | (3u << 3) | 1u)
/* q35's LPC bridge, 00:1f.0: only ever tested, never assigned. */
#define LPC_BRIDGE (0x1fu << 3)

/* On failure upstream's count is what its uninitialised domctl held:
 * printed only on success. */
static void group(xc_interface *xch, const struct diff_domains *d)
{
    uint32_t sdevs[8] = { 0 }, n = 0;
    int rc;

    errno = 0;
    rc = xc_get_device_group(xch, (uint32_t)d->hvm, LPC_BRIDGE, 8, &n, sdevs);
    if (rc == 0)
        t_result("get_device_group of the LPC bridge", "rc 0 devices %u first %#x", n,
                 sdevs[0]);
    else
        t_rc_result("get_device_group of the LPC bridge", rc, errno);
    T_RC("get_device_group of dom0's LPC bridge", xc_get_device_group(xch, 0, LPC_BRIDGE, 8, &n,
                                                                      sdevs));
    T_RC("get_device_group of no domain", xc_get_device_group(xch, NO_DOMAIN, LPC_BRIDGE, 8, &n,
                                                              sdevs));
}

/* Device-tree nodes are Arm's: Xen on x86 refuses each call. */
static void dt_devices(xc_interface *xch, const struct diff_domains *d, char *path)
{
    char empty[] = "";

    T_RC("test_assign_dt_device", xc_test_assign_dt_device(xch, (uint32_t)d->hvm, path));
    T_RC("test_assign_dt_device of an empty path",
         xc_test_assign_dt_device(xch, (uint32_t)d->hvm, empty));
    T_RC("test_assign_dt_device of no domain", xc_test_assign_dt_device(xch, NO_DOMAIN, path));
    T_RC("deassign_dt_device", xc_deassign_dt_device(xch, (uint32_t)d->hvm, path));
    T_RC("deassign_dt_device from PV", xc_deassign_dt_device(xch, (uint32_t)d->pv, path));
    T_RC("deassign_dt_device of no domain", xc_deassign_dt_device(xch, NO_DOMAIN, path));
}

void diff_devices(xc_interface *xch, const struct diff_domains *d)
{
    char path[] = "/soc/serial@1000";

    T_RC("test_assign_device of the LPC bridge",
         xc_test_assign_device(xch, (uint32_t)d->hvm, LPC_BRIDGE));
    T_RC("test_assign_device of no device", xc_test_assign_device(xch, (uint32_t)d->hvm,
                                                                   NO_DEVICE));
    T_RC("assign_device to HVM", xc_assign_device(xch, (uint32_t)d->hvm, NO_DEVICE, 0));
    T_RC("assign_device relaxed to PV",
         xc_assign_device(xch, (uint32_t)d->pv, NO_DEVICE, XEN_DOMCTL_DEV_RDM_RELAXED));
    T_RC("deassign_device", xc_deassign_device(xch, (uint32_t)d->hvm, NO_DEVICE));
    T_RC("assign_device to no domain",
         xc_assign_device(xch, DOMID_FIRST_RESERVED - 1, NO_DEVICE, 0));
    T_RC("assign_dt_device", xc_assign_dt_device(xch, (uint32_t)d->hvm, path));
    dt_devices(xch, d, path);
    group(xch, d);
}
