/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/domain-permission.c: a domain's I/O port and
 * IRQ permissions, on domain.c's settings domain (ctl/); a permission
 * shows in what a mapping of the ports (xc_domain_ioport_mapping) does.
 */
#include "diff.h"

/* Xen has no call that reads a domain's I/O port permissions back (a
 * mapping checks the caller's, and grants the domain its own). */
void diff_domain_permission(xc_interface *xch, uint32_t dom)
{
    T_RC("ctl/ioport_permission allow", xc_domain_ioport_permission(xch, dom, 0x1000, 8, 1));
    T_RC("ctl/ioport_mapping allowed",
         xc_domain_ioport_mapping(xch, dom, 0x1000, 0x1000, 8, DPCI_ADD_MAPPING));
    T_RC("ctl/ioport_mapping remove",
         xc_domain_ioport_mapping(xch, dom, 0x1000, 0x1000, 8, DPCI_REMOVE_MAPPING));
    T_RC("ctl/ioport_permission deny", xc_domain_ioport_permission(xch, dom, 0x1000, 8, 0));
    T_RC("ctl/ioport_mapping after deny",
         xc_domain_ioport_mapping(xch, dom, 0x1000, 0x1000, 8, DPCI_ADD_MAPPING));
    T_RC("ctl/ioport_permission beyond 64K",
         xc_domain_ioport_permission(xch, dom, 0xfff0, 0x20, 1));
    T_RC("ctl/ioport_permission of no domain",
         xc_domain_ioport_permission(xch, NO_DOMAIN, 0x1000, 8, 1));
    T_RC("ctl/irq_permission of a pirq dom0 lacks", xc_domain_irq_permission(xch, dom, 1000,
                                                                           true));
    T_RC("ctl/irq_permission of no domain", xc_domain_irq_permission(xch, NO_DOMAIN, 1, true));
}
