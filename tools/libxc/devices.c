/* SPDX-License-Identifier: LGPL-2.1-only */
/* Device assignment (pass-through) of host devices to domains: PCI
 * devices by machine SBDF, device-tree nodes by path.  Xen needs an
 * IOMMU for it; without one it refuses (its error is passed on). */
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

EXPORT int xc_assign_dt_device(xc_interface *xch, uint32_t domid, char *path)
{
    size_t size;
    int rc;

    if (!path)
        return xc__invalid(xch, "xc_assign_dt_device: NULL path");
    size = strlen(path);
    {
        /* The path's characters, without the terminating NUL. */
        DECLARE_HYPERCALL_BOUNCE(path, size, XC_HYPERCALL_BUFFER_BOUNCE_IN);
        struct xen_domctl d = { .cmd = XEN_DOMCTL_assign_device, .domain = (domid_t)domid };

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
