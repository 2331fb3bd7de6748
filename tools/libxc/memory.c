/* Memory: the memory_op family. */
#include <string.h>

#include "private.h"

EXPORT int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                            unsigned long nr_extents, unsigned int extent_order,
                                            unsigned int mem_flags, xen_pfn_t *extent_start)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr_extents,
        .extent_order = extent_order,
        .mem_flags = mem_flags,
        .domid = (domid_t)domid,
    };
    size_t size = nr_extents * sizeof(*extent_start);
    xen_pfn_t *buf;
    long done;
    int saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (nr_extents && !extent_start)
        return xc__invalid(xch, "xc_domain_populate_physmap_exact: NULL extent_start");
    buf = xencall_alloc_buffer(xch->xcall, size);
    if (!buf)
        return -1;
    memcpy(buf, extent_start, size);
    set_xen_guest_handle_raw(r.extent_start, buf);
    done = xc__hypercall_struct(xch, __HYPERVISOR_memory_op, XENMEM_populate_physmap, &r,
                                sizeof(r), 0);
    saved_errno = errno;
    /* Xen writes the frames it gave (for a translated guest: the gfns
     * back; for PV: the mfns). */
    if (done > 0)
        memcpy(extent_start, buf, (size_t)done * sizeof(*buf));
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    if (done < 0)
        return -1;
    if ((unsigned long)done != nr_extents) {
        errno = EBUSY;
        xc__perror(xch, "xc_domain_populate_physmap_exact: domain %u got %ld of %lu extents "
                   "of order %u", domid, done, nr_extents, extent_order);
        return -1;
    }
    return 0;
}

EXPORT int xc_get_machine_memory_map(xc_interface *xch, struct e820entry entries[],
                                     uint32_t max_entries)
{
    struct xen_memory_map map = { .nr_entries = max_entries };
    size_t size = (size_t)max_entries * sizeof(entries[0]);
    void *buf;
    long rc;
    int saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (max_entries && !entries)
        return xc__invalid(xch, "xc_get_machine_memory_map: NULL entries");
    buf = xencall_alloc_buffer(xch->xcall, size);
    if (!buf)
        return -1;
    set_xen_guest_handle_raw(map.buffer, buf);
    rc = xc__hypercall_struct(xch, __HYPERVISOR_memory_op, XENMEM_machine_memory_map, &map,
                              sizeof(map), 0);
    saved_errno = errno;
    if (rc == 0)
        memcpy(entries, buf, (map.nr_entries < max_entries ? map.nr_entries : max_entries) *
                             sizeof(entries[0]));
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc ? (int)rc : (int)map.nr_entries;
}
