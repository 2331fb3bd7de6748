/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/physdev.c not in the HVM cases of diff.c:
 * xc_physdev_pci_access_modify, retired, refused without asking Xen.
 */
#include <errno.h>

#include "diff.h"

void diff_physdev(xc_interface *xch, const struct diff_domains *d)
{
    T_RC("physdev_pci_access_modify enable",
         xc_physdev_pci_access_modify(xch, (uint32_t)d->hvm, 0, 0x1f, 0, 1));
    T_RC("physdev_pci_access_modify of no domain",
         xc_physdev_pci_access_modify(xch, NO_DOMAIN, 0, 0x1f, 0, 0));
}
