/* SPDX-License-Identifier: LGPL-2.1-only */
/* Device assignment (pass-through) of host devices to domains: PCI
 * devices by machine SBDF, device-tree nodes by path, and the groups
 * PCI devices go in.  Xen needs an IOMMU for it; without one it refuses
 * (its error is passed on). */
#include <string.h>

#include "private.h"

static int pci_device(xc_interface *xch, uint32_t cmd, uint32_t domid, uint32_t machine_sbdf,
                      uint32_t flags)
{
    struct xen_domctl d = { .cmd = cmd, .domain = (domid_t)domid };

    d.u.assign_device.dev = XEN_DOMCTL_DEV_PCI;
    d.u.assign_device.flags = flags;
    d.u.assign_device.u.pci.machine_sbdf = machine_sbdf;
    return xc__domctl(xch, &d);
}

EXPORT int xc_assign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf,
                            uint32_t flag)
{
    return pci_device(xch, XEN_DOMCTL_assign_device, domid, machine_sbdf, flag);
}

EXPORT int xc_test_assign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf)
{
    return pci_device(xch, XEN_DOMCTL_test_assign_device, domid, machine_sbdf, 0);
}

EXPORT int xc_deassign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf)
{
    return pci_device(xch, XEN_DOMCTL_deassign_device, domid, machine_sbdf, 0);
}

/* A device-tree node by path (Arm's; Xen on x86 refuses): the path's
 * characters go to Xen without the terminating NUL. */
static int dt_device(xc_interface *xch, uint32_t cmd, uint32_t domid, char *path,
                     const char *fn)
{
    size_t size;
    int rc;

    if (!path)
        return xc__invalid(xch, "%s: NULL path", fn);
    size = strlen(path);
    {
        DECLARE_HYPERCALL_BOUNCE(path, size, XC_HYPERCALL_BUFFER_BOUNCE_IN);
        struct xen_domctl d = { .cmd = cmd, .domain = (domid_t)domid };

        if (xc_hypercall_bounce_pre(xch, path))
            return -1;
        d.u.assign_device.dev = XEN_DOMCTL_DEV_DT;
        d.u.assign_device.u.dt.size = (uint32_t)size;
        set_xen_guest_handle(d.u.assign_device.u.dt.path, path);
        rc = xc__domctl(xch, &d);
        xc_hypercall_bounce_post(xch, path);
    }
    return rc;
}

EXPORT int xc_assign_dt_device(xc_interface *xch, uint32_t domid, char *path)
{
    return dt_device(xch, XEN_DOMCTL_assign_device, domid, path, "xc_assign_dt_device");
}

EXPORT int xc_test_assign_dt_device(xc_interface *xch, uint32_t domid, char *path)
{
    return dt_device(xch, XEN_DOMCTL_test_assign_device, domid, path,
                     "xc_test_assign_dt_device");
}

EXPORT int xc_deassign_dt_device(xc_interface *xch, uint32_t domid, char *path)
{
    return dt_device(xch, XEN_DOMCTL_deassign_device, domid, path, "xc_deassign_dt_device");
}

/* The machine SBDFs of the devices that share an IOMMU context with
 * machine_sbdf (and so can only be assigned together), at most max_sdevs
 * of them into sdev_array; *num_sdevs gets how many Xen wrote (0 when it
 * refused). */
EXPORT int xc_get_device_group(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf,
                               uint32_t max_sdevs, uint32_t *num_sdevs, uint32_t *sdev_array)
{
    DECLARE_HYPERCALL_BOUNCE(sdev_array, (size_t)max_sdevs * sizeof(*sdev_array),
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    struct xen_domctl d = { 0 };
    int rc;

    if (!num_sdevs)
        return xc__invalid(xch, "xc_get_device_group: NULL num_sdevs");
    if (xc_hypercall_bounce_pre(xch, sdev_array))
        return -1;
    d.u.get_device_group.machine_sbdf = machine_sbdf;
    d.u.get_device_group.max_sdevs = max_sdevs;
    set_xen_guest_handle(d.u.get_device_group.sdev_array, sdev_array);
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_get_device_group, domid);
    xc_hypercall_bounce_post(xch, sdev_array);
    *num_sdevs = d.u.get_device_group.num_sdevs;
    return rc;
}
