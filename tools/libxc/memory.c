/* Memory: the memory_op family. */
#include <string.h>
#include <sys/mman.h>

#include "private.h"

EXPORT long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg, size_t len)
{
    return xc__hypercall_struct(xch, __HYPERVISOR_memory_op, cmd, arg, len, 0);
}

/*
 * One reservation op (populate, increase, decrease) on extents, the
 * caller's array of nr_extents frames, bounced in direction dir.
 * Returns how many extents Xen dealt with, or -1.
 */
static long reservation(xc_interface *xch, unsigned cmd, uint32_t domid,
                        unsigned long nr_extents, unsigned int extent_order,
                        unsigned int mem_flags, xen_pfn_t *extents, int dir, const char *fn)
{
    DECLARE_HYPERCALL_BOUNCE(extents, nr_extents * sizeof(*extents), dir);
    struct xen_memory_reservation r = {
        .nr_extents = nr_extents,
        .extent_order = extent_order,
        .mem_flags = mem_flags,
        .domid = (domid_t)domid,
    };
    long done;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (nr_extents && !extents)
        return xc__invalid(xch, "%s: NULL extent_start", fn);
    if (xc_hypercall_bounce_pre(xch, extents))
        return -1;
    set_xen_guest_handle(r.extent_start, extents);
    done = xc_memory_op(xch, cmd, &r, sizeof(r));
    xc_hypercall_bounce_post(xch, extents);
    return done;
}

/* Xen writes back the frames it gave (a translated guest's gfns, a PV
 * guest's mfns). */
EXPORT int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                                      unsigned long nr_extents, unsigned int extent_order,
                                      unsigned int mem_flags, xen_pfn_t *extent_start)
{
    return (int)reservation(xch, XENMEM_populate_physmap, domid, nr_extents, extent_order,
                            mem_flags, extent_start, XC_HYPERCALL_BUFFER_BOUNCE_BOTH,
                            "xc_domain_populate_physmap");
}

EXPORT int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                            unsigned long nr_extents, unsigned int extent_order,
                                            unsigned int mem_flags, xen_pfn_t *extent_start)
{
    int done = xc_domain_populate_physmap(xch, domid, nr_extents, extent_order, mem_flags,
                                          extent_start);

    if (done < 0)
        return -1;
    if ((unsigned long)done != nr_extents) {
        errno = EBUSY;
        xc__perror(xch, "xc_domain_populate_physmap_exact: domain %u got %d of %lu extents "
                   "of order %u", domid, done, nr_extents, extent_order);
        return -1;
    }
    return 0;
}

/* A claim of 0 pages cancels the domain's claim.  A Xen without claims
 * (ENOSYS) is no error: the pages are simply not set aside. */
EXPORT int xc_domain_claim_pages(xc_interface *xch, uint32_t domid, unsigned long nr_pages)
{
    struct xen_memory_reservation r = { .nr_extents = nr_pages, .domid = (domid_t)domid };
    long rc = xc_memory_op(xch, XENMEM_claim_pages, &r, sizeof(r));

    if (rc < 0 && errno == ENOSYS) {
        errno = 0;
        return 0;
    }
    return (int)rc;
}

/* The counts are written whatever Xen answered (zeros where it wrote
 * none); a NULL pointer skips one. */
EXPORT int xc_domain_set_pod_target(xc_interface *xch, uint32_t domid, uint64_t target_pages,
                                    uint64_t *tot_pages, uint64_t *pod_cache_pages,
                                    uint64_t *pod_entries)
{
    struct xen_pod_target t = { .target_pages = target_pages, .domid = (domid_t)domid };
    long rc = xc_memory_op(xch, XENMEM_set_pod_target, &t, sizeof(t));

    if (tot_pages)
        *tot_pages = t.tot_pages;
    if (pod_cache_pages)
        *pod_cache_pages = t.pod_cache_pages;
    if (pod_entries)
        *pod_entries = t.pod_entries;
    return rc < 0 ? -1 : 0;
}

/* Xen replaces the in extents by new ones and writes their frames to
 * out_extents (whose contents it is not given, as upstream's). */
EXPORT int xc_domain_memory_exchange_pages(xc_interface *xch, uint32_t domid,
                                           unsigned long nr_in_extents, unsigned int in_order,
                                           xen_pfn_t *in_extents, unsigned long nr_out_extents,
                                           unsigned int out_order, xen_pfn_t *out_extents)
{
    DECLARE_HYPERCALL_BOUNCE(in_extents, nr_in_extents * sizeof(*in_extents),
                             XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
    DECLARE_HYPERCALL_BOUNCE(out_extents, nr_out_extents * sizeof(*out_extents),
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    struct xen_memory_exchange x = {
        .in = { .nr_extents = nr_in_extents, .extent_order = in_order,
                .domid = (domid_t)domid },
        .out = { .nr_extents = nr_out_extents, .extent_order = out_order,
                 .domid = (domid_t)domid },
    };
    int rc = -1;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if ((nr_in_extents && !in_extents) || (nr_out_extents && !out_extents))
        return xc__invalid(xch, "xc_domain_memory_exchange_pages: NULL extent array");
    if (xc_hypercall_bounce_pre(xch, in_extents) || xc_hypercall_bounce_pre(xch, out_extents))
        goto out;
    set_xen_guest_handle(x.in.extent_start, in_extents);
    set_xen_guest_handle(x.out.extent_start, out_extents);
    rc = (int)xc_memory_op(xch, XENMEM_exchange, &x, sizeof(x));
out:
    xc_hypercall_bounce_post(xch, in_extents);
    xc_hypercall_bounce_post(xch, out_extents);
    return rc;
}

EXPORT int xc_domain_add_to_physmap(xc_interface *xch, uint32_t domid, unsigned int space,
                                    unsigned long idx, xen_pfn_t gpfn)
{
    struct xen_add_to_physmap a = {
        .domid = (domid_t)domid,
        .space = space,
        .idx = idx,
        .gpfn = gpfn,
    };

    return (int)xc_memory_op(xch, XENMEM_add_to_physmap, &a, sizeof(a));
}

/* The highest machine frame Xen gives guests. */
EXPORT int xc_maximum_ram_page(xc_interface *xch, unsigned long *max_mfn)
{
    long rc;

    if (!max_mfn)
        return xc__invalid(xch, "xc_maximum_ram_page: NULL max_mfn");
    rc = xc_memory_op(xch, XENMEM_maximum_ram_page, NULL, 0);
    if (rc < 0)
        return -1;
    *max_mfn = (unsigned long)rc;
    return 0;
}

/* The frames of the machine-to-phys table, max_extents of them exactly:
 * Xen having fewer is a failure (ERANGE here; upstream leaves errno). */
EXPORT int xc_machphys_mfn_list(xc_interface *xch, unsigned long max_extents,
                                xen_pfn_t *extent_start)
{
    DECLARE_HYPERCALL_BOUNCE(extent_start, max_extents * sizeof(*extent_start),
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    struct xen_machphys_mfn_list l = { .max_extents = (unsigned int)max_extents };
    long rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (max_extents && !extent_start)
        return xc__invalid(xch, "xc_machphys_mfn_list: NULL extent_start");
    if (xc_hypercall_bounce_pre(xch, extent_start))
        return -1;
    set_xen_guest_handle(l.extent_start, extent_start);
    rc = xc_memory_op(xch, XENMEM_machphys_mfn_list, &l, sizeof(l));
    xc_hypercall_bounce_post(xch, extent_start);
    if (rc < 0)
        return -1;
    if (l.nr_extents != max_extents) {
        errno = ERANGE;
        return -1;
    }
    return 0;
}

/* Trades PV domain domid's frame mfn for one below 4 GiB: its new mfn,
 * or 0 with errno set: EINVAL when Xen would not take mfn back (not the
 * domain's), ENOMEM when no frame below 4 GiB was free (the old one is
 * gone then). */
EXPORT unsigned long xc_make_page_below_4G(xc_interface *xch, uint32_t domid,
                                           unsigned long mfn)
{
    xen_pfn_t old_mfn = mfn, new_mfn = 0;
    long done;

    done = reservation(xch, XENMEM_decrease_reservation, domid, 1, 0, 0, &old_mfn,
                       XC_HYPERCALL_BUFFER_BOUNCE_IN, "xc_make_page_below_4G");
    if (done != 1) {
        if (done == 0)
            errno = EINVAL;
        return 0;
    }
    done = reservation(xch, XENMEM_increase_reservation, domid, 1, 0, XENMEMF_address_bits(32),
                       &new_mfn, XC_HYPERCALL_BUFFER_BOUNCE_BOTH, "xc_make_page_below_4G");
    if (done != 1) {
        if (done == 0)
            errno = ENOMEM;
        return 0;
    }
    return new_mfn;
}

/* Pages freed by, and frames used for, sharing between domains. */
EXPORT long xc_sharing_freed_pages(xc_interface *xch)
{
    return xc_memory_op(xch, XENMEM_get_sharing_freed_pages, NULL, 0);
}

EXPORT long xc_sharing_used_frames(xc_interface *xch)
{
    return xc_memory_op(xch, XENMEM_get_sharing_shared_pages, NULL, 0);
}

/* *max_entries: the room in entries, then how many regions there are
 * (also when Xen answers ENOBUFS for too little room). */
EXPORT int xc_reserved_device_memory_map(xc_interface *xch, uint32_t flags, uint16_t seg,
                                         uint8_t bus, uint8_t devfn,
                                         struct xen_reserved_device_memory entries[],
                                         uint32_t *max_entries)
{
    struct xen_reserved_device_memory_map m = {
        .flags = flags,
        .dev.pci = { .seg = seg, .bus = bus, .devfn = devfn },
    };
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!max_entries || (*max_entries && !entries))
        return xc__invalid(xch, "xc_reserved_device_memory_map: NULL %s",
                           max_entries ? "entries" : "max_entries");
    m.nr_entries = *max_entries;
    {
        DECLARE_HYPERCALL_BOUNCE(entries, *max_entries * sizeof(*entries),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, entries))
            return -1;
        set_xen_guest_handle(m.buffer, entries);
        rc = (int)xc_memory_op(xch, XENMEM_reserved_device_memory_map, &m, sizeof(m));
        xc_hypercall_bounce_post(xch, entries);
    }
    *max_entries = m.nr_entries;
    return rc;
}

/* The number of guest frames domid's physical map covers (the highest
 * gfn + 1) into *gpfns. */
EXPORT int xc_domain_nr_gpfns(xc_interface *xch, uint32_t domid, xen_pfn_t *gpfns)
{
    domid_t dom = (domid_t)domid;
    long rc;

    if (!gpfns)
        return xc__invalid(xch, "xc_domain_nr_gpfns: NULL gpfns");
    rc = xc_memory_op(xch, XENMEM_maximum_gpfn, &dom, sizeof(dom));
    if (rc < 0)
        return (int)rc;
    *gpfns = (xen_pfn_t)rc + 1;
    return 0;
}

/* Zeroes num pages of domid from guest frame dst_pfn on, through a
 * foreign mapping. */
EXPORT int xc_clear_domain_pages(xc_interface *xch, uint32_t domid, unsigned long dst_pfn,
                                 int num)
{
    xen_pfn_t *pfns;
    void *map;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (num <= 0)
        return xc__invalid(xch, "xc_clear_domain_pages: %d pages", num);
    pfns = malloc((size_t)num * sizeof(*pfns));
    if (!pfns) {
        xc__perror(xch, "xc_clear_domain_pages: cannot list %d frames", num);
        return -1;
    }
    for (int i = 0; i < num; i++)
        pfns[i] = dst_pfn + (unsigned long)i;
    map = xenforeignmemory_map(xch->fmem, domid, PROT_READ | PROT_WRITE, (size_t)num, pfns,
                               NULL);
    free(pfns);
    if (!map)
        return -1;
    memset(map, 0, (size_t)num * XC_PAGE_SIZE);
    xenforeignmemory_unmap(xch->fmem, map, (size_t)num);
    return xc_domain_cacheflush(xch, domid, dst_pfn, (xen_pfn_t)num);
}

#if defined(__i386__) || defined(__x86_64__)
/* A PV or HVM domain's memory map as its guest reads it
 * (XENMEM_memory_map). */
EXPORT int xc_domain_set_memory_map(xc_interface *xch, uint32_t domid,
                                    struct e820entry entries[], uint32_t nr_entries)
{
    DECLARE_HYPERCALL_BOUNCE(entries, nr_entries * sizeof(struct e820entry),
                             XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_foreign_memory_map m = {
        .domid = (domid_t)domid,
        .map = { .nr_entries = nr_entries },
    };
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!entries)
        return xc__invalid(xch, "xc_domain_set_memory_map: NULL entries");
    if (xc_hypercall_bounce_pre(xch, entries))
        return -1;
    set_xen_guest_handle(m.map.buffer, entries);
    rc = (int)xc_memory_op(xch, XENMEM_set_memory_map, &m, sizeof(m));
    xc_hypercall_bounce_post(xch, entries);
    return rc;
}

/* A memory map of one RAM region from 0 to map_limitkb KiB. */
EXPORT int xc_domain_set_memmap_limit(xc_interface *xch, uint32_t domid,
                                      unsigned long map_limitkb)
{
    struct e820entry ram = { .addr = 0, .size = (uint64_t)map_limitkb << 10, .type = E820_RAM };

    return xc_domain_set_memory_map(xch, domid, &ram, 1);
}
#else
EXPORT int xc_domain_set_memmap_limit(xc_interface *xch, uint32_t domid,
                                      unsigned long map_limitkb)
{
    (void)domid;
    (void)map_limitkb;
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    errno = ENOSYS;
    return -1;
}
#endif

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
