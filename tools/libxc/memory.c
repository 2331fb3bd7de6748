/* SPDX-License-Identifier: LGPL-2.1-only */
/* Memory outside the xc_domain_ calls: xc_memory_op, the host's frames
 * and memory map, page sharing, a domain's pages (copied into or cleared
 * through foreign mappings, counted, marked broken), its page types
 * (domctl), its shadow paging, log-dirty tracking and paging pool
 * (domctl). */
#include <string.h>
#include <sys/mman.h>

#include "private.h"

EXPORT long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg, size_t len)
{
    return xc__hypercall_struct(xch, __HYPERVISOR_memory_op, cmd, arg, len, 0);
}

/*
 * One reservation op (populate, increase, decrease) on extents, the
 * caller's array of nr_extents frames, bounced in direction dir.  Only
 * an increase may go without the array (Xen then does not say which
 * frames it gave).  Returns how many extents Xen dealt with, or -1.
 */
long xc__reservation(xc_interface *xch, unsigned cmd, uint32_t domid,
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
    if (nr_extents && !extents && cmd != XENMEM_increase_reservation)
        return xc__invalid(xch, "%s: NULL extent_start", fn);
    if (xc_hypercall_bounce_pre(xch, extents))
        return -1;
    set_xen_guest_handle(r.extent_start, extents);
    done = xc_memory_op(xch, cmd, &r, sizeof(r));
    xc_hypercall_bounce_post(xch, extents);
    return done;
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

    done = xc__reservation(xch, XENMEM_decrease_reservation, domid, 1, 0, 0, &old_mfn,
                           XC_HYPERCALL_BUFFER_BOUNCE_IN, "xc_make_page_below_4G");
    if (done != 1) {
        if (done == 0)
            errno = EINVAL;
        return 0;
    }
    done = xc__reservation(xch, XENMEM_increase_reservation, domid, 1, 0,
                           XENMEMF_address_bits(32), &new_mfn,
                           XC_HYPERCALL_BUFFER_BOUNCE_BOTH, "xc_make_page_below_4G");
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

/* Writes one page from src_page into domid's frame dst_pfn, through a
 * foreign mapping. */
EXPORT int xc_copy_to_domain_page(xc_interface *xch, uint32_t domid, unsigned long dst_pfn,
                                  const char *src_page)
{
    xen_pfn_t pfn = dst_pfn;
    void *map;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!src_page)
        return xc__invalid(xch, "xc_copy_to_domain_page: NULL src_page");
    map = xenforeignmemory_map(xch->fmem, domid, PROT_WRITE, 1, &pfn, NULL);
    if (!map)
        return -1;
    memcpy(map, src_page, XC_PAGE_SIZE);
    xenforeignmemory_unmap(xch->fmem, map, 1);
    return xc_domain_cacheflush(xch, domid, dst_pfn, 1);
}

/* The pages domid has, from its record; -1 with errno set (ESRCH when
 * there is no domain domid). */
EXPORT long xc_get_tot_pages(xc_interface *xch, uint32_t domid)
{
    xc_dominfo_t info;
    int n = xc_domain_getinfo(xch, domid, 1, &info);

    if (n < 0)
        return -1;
    /* The record is of the first domain from domid on. */
    if (n == 0 || info.domid != domid) {
        errno = ESRCH;
        return -1;
    }
    return (long)info.nr_pages;
}

/* Marks HVM domain domid's RAM frame pfn broken in its physical map (as
 * after a machine check): the guest can no longer use it. */
EXPORT int xc_set_broken_page_p2m(xc_interface *xch, uint32_t domid, unsigned long pfn)
{
    struct xen_domctl d = { 0 };

    d.u.set_broken_page_p2m.pfn = pfn;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_broken_page_p2m, domid) ? -1 : 0;
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

EXPORT int xc_get_pfn_type_batch(xc_interface *xch, uint32_t dom, unsigned int num,
                                 xen_pfn_t *arr)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_getpageframeinfo3, .domain = (domid_t)dom };
    size_t size = (size_t)num * sizeof(*arr);
    xen_pfn_t *buf = NULL;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (num && !arr)
        return xc__invalid(xch, "xc_get_pfn_type_batch: NULL arr");
    if (num) {
        buf = xencall_alloc_buffer(xch->xcall, size);
        if (!buf)
            return -1;
        memcpy(buf, arr, size);
    }
    d.u.getpageframeinfo3.num = num;
    set_xen_guest_handle_raw(d.u.getpageframeinfo3.array, buf);
    rc = xc__domctl(xch, &d);
    saved_errno = errno;
    if (rc == 0 && num)
        memcpy(arr, buf, size);
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

/* A shadow_op domctl; *op comes back as Xen left it. */
static int shadow_op(xc_interface *xch, uint32_t domid, struct xen_domctl_shadow_op *op)
{
    struct xen_domctl d = { 0 };
    int rc;

    d.u.shadow_op = *op;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_shadow_op, domid);
    *op = d.u.shadow_op;
    return rc;
}

/* *mb (when given) is the allocation to set, and becomes Xen's answer. */
EXPORT int xc_shadow_control(xc_interface *xch, uint32_t domid, unsigned int sop,
                             unsigned int *mb, unsigned int mode)
{
    struct xen_domctl_shadow_op op = { .op = sop, .mode = mode, .mb = mb ? *mb : 0 };
    int rc = shadow_op(xch, domid, &op);

    if (mb)
        *mb = op.mb;
    return rc;
}

/*
 * dirty_bitmap is a hypercall buffer of (pages + 7) / 8 bytes or NULL;
 * the stats are written whatever Xen answered.  Returns the number of
 * pages Xen reports (for CLEAN and PEEK: how many it scanned), or -1.
 */
EXPORT long long xc_logdirty_control(xc_interface *xch, uint32_t domid, unsigned int sop,
                                     xc_hypercall_buffer_t *dirty_bitmap, unsigned long pages,
                                     unsigned int mode, xc_shadow_op_stats_t *stats)
{
    struct xen_domctl_shadow_op op = { .op = sop, .mode = mode, .pages = pages };
    int rc;

    if (dirty_bitmap)
        set_xen_guest_handle_raw(op.dirty_bitmap, dirty_bitmap->hbuf);
    rc = shadow_op(xch, domid, &op);
    if (stats)
        *stats = op.stats;
    return rc == 0 ? (long long)op.pages : rc;
}

/* size in bytes; Xen rounds to its own granularity or refuses. */
EXPORT int xc_set_paging_mempool_size(xc_interface *xch, uint32_t domid, uint64_t size)
{
    struct xen_domctl d = { 0 };

    d.u.paging_mempool.size = size;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_paging_mempool_size, domid);
}

EXPORT int xc_get_paging_mempool_size(xc_interface *xch, uint32_t domid, uint64_t *size)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (!size)
        return xc__invalid(xch, "xc_get_paging_mempool_size: NULL size");
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_get_paging_mempool_size, domid);
    if (rc == 0)
        *size = d.u.paging_mempool.size;
    return rc;
}
