/* SPDX-License-Identifier: LGPL-2.1-only */
/* What of the host a domain may use: I/O memory, I/O ports and IRQs
 * (domctl). */
#include "private.h"

EXPORT int xc_domain_iomem_permission(xc_interface *xch, uint32_t domid,
                                      unsigned long first_mfn, unsigned long nr_mfns,
                                      uint8_t allow_access)
{
    struct xen_domctl d = { 0 };

    d.u.iomem_permission.first_mfn = first_mfn;
    d.u.iomem_permission.nr_mfns = nr_mfns;
    d.u.iomem_permission.allow_access = allow_access;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_iomem_permission, domid);
}

EXPORT int xc_domain_ioport_permission(xc_interface *xch, uint32_t domid, uint32_t first_port,
                                       uint32_t nr_ports, uint32_t allow_access)
{
    struct xen_domctl d = { 0 };

    d.u.ioport_permission.first_port = first_port;
    d.u.ioport_permission.nr_ports = nr_ports;
    d.u.ioport_permission.allow_access = allow_access;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_ioport_permission, domid);
}

EXPORT int xc_domain_irq_permission(xc_interface *xch, uint32_t domid, uint32_t pirq,
                                    bool allow_access)
{
    struct xen_domctl d = { 0 };

    d.u.irq_permission.pirq = pirq;
    d.u.irq_permission.allow_access = allow_access;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_irq_permission, domid);
}
