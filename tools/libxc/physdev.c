/* SPDX-License-Identifier: LGPL-2.1-only */
/* Physical interrupts of domains: the physdev_op family. */
#include "private.h"

static int map_pirq(xc_interface *xch, struct physdev_map_pirq *map, int *pirq)
{
    int rc = (int)xc__hypercall_struct(xch, __HYPERVISOR_physdev_op, PHYSDEVOP_map_pirq, map,
                                       sizeof(*map), 0);

    if (rc == 0)
        *pirq = map->pirq;
    return rc;
}

EXPORT int xc_physdev_map_pirq(xc_interface *xch, uint32_t domid, int index, int *pirq)
{
    struct physdev_map_pirq map = {
        .domid = (domid_t)domid,
        .type = MAP_PIRQ_TYPE_GSI,
        .index = index,
    };

    if (!pirq)
        return xc__invalid(xch, "xc_physdev_map_pirq: NULL pirq");
    /* A negative pirq asks for the GSI's own number. */
    map.pirq = *pirq < 0 ? index : *pirq;
    return map_pirq(xch, &map, pirq);
}

EXPORT int xc_physdev_map_pirq_msi(xc_interface *xch, uint32_t domid, int index, int *pirq,
                                   int devfn, int bus, int entry_nr, uint64_t table_base)
{
    struct physdev_map_pirq map = {
        .domid = (domid_t)domid,
        .type = MAP_PIRQ_TYPE_MSI,
        .index = index,
        .bus = bus,
        .devfn = devfn,
        .entry_nr = entry_nr,
        .table_base = table_base,
    };

    if (!pirq)
        return xc__invalid(xch, "xc_physdev_map_pirq_msi: NULL pirq");
    map.pirq = *pirq;
    return map_pirq(xch, &map, pirq);
}

EXPORT int xc_physdev_unmap_pirq(xc_interface *xch, uint32_t domid, int pirq)
{
    struct physdev_unmap_pirq unmap = { .domid = (domid_t)domid, .pirq = pirq };

    return (int)xc__hypercall_struct(xch, __HYPERVISOR_physdev_op, PHYSDEVOP_unmap_pirq,
                                     &unmap, sizeof(unmap), 0);
}

/* Xen has no such operation any more (PCI configuration space access
 * is dom0's): ENOSYS always, without a hypercall, as upstream's. */
EXPORT int xc_physdev_pci_access_modify(xc_interface *xch, uint32_t domid, int bus, int dev,
                                        int func, int enable)
{
    (void)xch;
    (void)domid;
    (void)bus;
    (void)dev;
    (void)func;
    (void)enable;
    errno = ENOSYS;
    return -1;
}
