/* SPDX-License-Identifier: LGPL-2.1-only */
/* A domain's memory: its limit, its pages and physical map (memory_op),
 * its memory map, and the host frames mapped into it (domctl); the
 * caching of its RAM (dm_op, through the handle's libxendevicemodel
 * handle). */
#define XC_WANT_COMPAT_DEVICEMODEL_API
#include "private.h"

EXPORT int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
    struct xen_domctl d = { 0 };

    d.u.max_mem.max_memkb = max_memkb;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_max_mem, domid);
}

/* Xen writes back the frames it gave (a translated guest's gfns, a PV
 * guest's mfns). */
EXPORT int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                                      unsigned long nr_extents, unsigned int extent_order,
                                      unsigned int mem_flags, xen_pfn_t *extent_start)
{
    return (int)xc__reservation(xch, XENMEM_populate_physmap, domid, nr_extents,
                                extent_order, mem_flags, extent_start,
                                XC_HYPERCALL_BUFFER_BOUNCE_BOTH,
                                "xc_domain_populate_physmap");
}

/* Fewer extents than asked for is a failure of its own errno, as
 * upstream's: EBUSY for populate, ENOMEM for an increase, EINVAL for a
 * decrease (the extents dealt with stay dealt with). */
static int exactly(xc_interface *xch, int done, unsigned long nr_extents, int err,
                   const char *fn, uint32_t domid)
{
    if (done < 0)
        return -1;
    if ((unsigned long)done == nr_extents)
        return 0;
    errno = err;
    xc__perror(xch, "%s: domain %u: %d of %lu extents", fn, domid, done, nr_extents);
    return -1;
}

EXPORT int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                            unsigned long nr_extents, unsigned int extent_order,
                                            unsigned int mem_flags, xen_pfn_t *extent_start)
{
    return exactly(xch, xc_domain_populate_physmap(xch, domid, nr_extents, extent_order,
                                                   mem_flags, extent_start),
                   nr_extents, EBUSY, "xc_domain_populate_physmap_exact", domid);
}

/* extent_start may be NULL: Xen then gives the pages without saying
 * which.  A PV guest gets the machine frames written back. */
EXPORT int xc_domain_increase_reservation(xc_interface *xch, uint32_t domid,
                                          unsigned long nr_extents, unsigned int extent_order,
                                          unsigned int mem_flags, xen_pfn_t *extent_start)
{
    return (int)xc__reservation(xch, XENMEM_increase_reservation, domid, nr_extents,
                                extent_order, mem_flags, extent_start,
                                XC_HYPERCALL_BUFFER_BOUNCE_BOTH,
                                "xc_domain_increase_reservation");
}

EXPORT int xc_domain_increase_reservation_exact(xc_interface *xch, uint32_t domid,
                                                unsigned long nr_extents,
                                                unsigned int extent_order,
                                                unsigned int mem_flags,
                                                xen_pfn_t *extent_start)
{
    return exactly(xch, xc_domain_increase_reservation(xch, domid, nr_extents, extent_order,
                                                       mem_flags, extent_start),
                   nr_extents, ENOMEM, "xc_domain_increase_reservation_exact", domid);
}

/* The frames to give back are the array's, so it is needed even for no
 * extents (upstream refuses a NULL one alike). */
EXPORT int xc_domain_decrease_reservation(xc_interface *xch, uint32_t domid,
                                          unsigned long nr_extents, unsigned int extent_order,
                                          xen_pfn_t *extent_start)
{
    if (!extent_start)
        return xc__invalid(xch, "xc_domain_decrease_reservation: NULL extent_start");
    return (int)xc__reservation(xch, XENMEM_decrease_reservation, domid, nr_extents,
                                extent_order, 0, extent_start, XC_HYPERCALL_BUFFER_BOUNCE_IN,
                                "xc_domain_decrease_reservation");
}

EXPORT int xc_domain_decrease_reservation_exact(xc_interface *xch, uint32_t domid,
                                                unsigned long nr_extents,
                                                unsigned int extent_order,
                                                xen_pfn_t *extent_start)
{
    return exactly(xch, xc_domain_decrease_reservation(xch, domid, nr_extents, extent_order,
                                                       extent_start),
                   nr_extents, EINVAL, "xc_domain_decrease_reservation_exact", domid);
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

EXPORT int xc_domain_get_pod_target(xc_interface *xch, uint32_t domid, uint64_t *tot_pages,
                                    uint64_t *pod_cache_pages, uint64_t *pod_entries)
{
    struct xen_pod_target t = { .domid = (domid_t)domid };
    long rc = xc_memory_op(xch, XENMEM_get_pod_target, &t, sizeof(t));

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

/* Xen goes on past a page it cannot map, writing each page's error to
 * errs: the call succeeds even if none was mapped.  size is 16 bits in
 * Xen's struct: a larger one is refused (upstream truncates it). */
EXPORT int xc_domain_add_to_physmap_batch(xc_interface *xch, uint32_t domid,
                                          uint32_t foreign_domid, unsigned int space,
                                          unsigned int size, xen_ulong_t *idxs,
                                          xen_pfn_t *gpfns, int *errs)
{
    DECLARE_HYPERCALL_BOUNCE(idxs, size * sizeof(*idxs), XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(gpfns, size * sizeof(*gpfns), XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(errs, size * sizeof(*errs), XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    struct xen_add_to_physmap_batch b = {
        .domid = (domid_t)domid,
        .space = (uint16_t)space,
        .size = (uint16_t)size,
        .u.foreign_domid = (domid_t)foreign_domid,
    };
    int rc = -1;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (size > UINT16_MAX)
        return xc__invalid(xch, "xc_domain_add_to_physmap_batch: %u pages", size);
    if (size && (!idxs || !gpfns || !errs))
        return xc__invalid(xch, "xc_domain_add_to_physmap_batch: NULL %s",
                           !idxs ? "idxs" : !gpfns ? "gpfns" : "errs");
    if (xc_hypercall_bounce_pre(xch, idxs) || xc_hypercall_bounce_pre(xch, gpfns) ||
        xc_hypercall_bounce_pre(xch, errs))
        goto out;
    set_xen_guest_handle(b.idxs, idxs);
    set_xen_guest_handle(b.gpfns, gpfns);
    set_xen_guest_handle(b.errs, errs);
    rc = (int)xc_memory_op(xch, XENMEM_add_to_physmap_batch, &b, sizeof(b));
out:
    xc_hypercall_bounce_post(xch, idxs);
    xc_hypercall_bounce_post(xch, gpfns);
    xc_hypercall_bounce_post(xch, errs);
    return rc;
}

/* The page stays the domain's (its page count does not change). */
EXPORT int xc_domain_remove_from_physmap(xc_interface *xch, uint32_t domid, xen_pfn_t gpfn)
{
    struct xen_remove_from_physmap r = { .domid = (domid_t)domid, .gpfn = gpfn };

    return (int)xc_memory_op(xch, XENMEM_remove_from_physmap, &r, sizeof(r));
}

/* domid's highest gfn into *gpfns. */
EXPORT int xc_domain_maximum_gpfn(xc_interface *xch, uint32_t domid, xen_pfn_t *gpfns)
{
    domid_t dom = (domid_t)domid;
    long rc;

    if (!gpfns)
        return xc__invalid(xch, "xc_domain_maximum_gpfn: NULL gpfns");
    rc = xc_memory_op(xch, XENMEM_maximum_gpfn, &dom, sizeof(dom));
    if (rc < 0)
        return (int)rc;
    *gpfns = (xen_pfn_t)rc;
    return 0;
}

/* The number of guest frames domid's physical map covers (the highest
 * gfn + 1) into *gpfns. */
EXPORT int xc_domain_nr_gpfns(xc_interface *xch, uint32_t domid, xen_pfn_t *gpfns)
{
    if (!gpfns)
        return xc__invalid(xch, "xc_domain_nr_gpfns: NULL gpfns");
    if (xc_domain_maximum_gpfn(xch, domid, gpfns))
        return -1;
    ++*gpfns;
    return 0;
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

/*
 * Xen maps at most a batch of frames per call: it answers with how many
 * it did (the caller goes on from there), or E2BIG for a batch too large,
 * which is halved.  Removal goes on past failures (as much as possible is
 * removed; the first error is returned); a failed addition removes the
 * whole range again.  Returns upstream's values: 0, -1 with errno, and
 * -EINVAL when the domain cannot be looked up.
 */
EXPORT int xc_domain_memory_mapping(xc_interface *xch, uint32_t domid,
                                    unsigned long first_gfn, unsigned long first_mfn,
                                    unsigned long nr_mfns, uint32_t add_mapping)
{
    struct xen_domctl d = { 0 };
    xc_dominfo_t info;
    unsigned long done = 0, batch = nr_mfns;
    int first_err = 0, saved_errno = 0, n;

    /* -EINVAL as for no domain, without the lookup and its log line. */
    if (xenlibs_refuse_null_handle(xch))
        return -EINVAL;
    /* The list starts at the first domain from domid on: another one
     * means there is no domid. */
    n = xc_domain_getinfo(xch, domid, 1, &info);
    if (n != 1 || info.domid != domid) {
        if (n == 1)
            errno = ESRCH;
        xc__perror(xch, "xc_domain_memory_mapping: no domain %u", domid);
        return -EINVAL;
    }
    /* Only a translated (HVM) guest has a physical map to put frames in. */
    if (!info.hvm || !nr_mfns)
        return 0;
    d.u.memory_mapping.add_mapping = add_mapping;
    while (done < nr_mfns) {
        unsigned long nr = nr_mfns - done < batch ? nr_mfns - done : batch;
        int rc;

        d.u.memory_mapping.first_gfn = first_gfn + done;
        d.u.memory_mapping.first_mfn = first_mfn + done;
        d.u.memory_mapping.nr_mfns = nr;
        rc = xc__domctl_on(xch, &d, XEN_DOMCTL_memory_mapping, domid);
        if (rc < 0 && errno == E2BIG) {
            if (batch == 1)
                break;
            batch /= 2;
            continue;
        }
        if (rc > 0) {
            done += (unsigned long)rc;
            continue;
        }
        if (rc < 0 && !first_err) {
            first_err = -1;
            saved_errno = errno;
        }
        if (rc < 0 && add_mapping != DPCI_REMOVE_MAPPING)
            break;
        done += nr;
    }
    if (first_err) {
        if (add_mapping != DPCI_REMOVE_MAPPING &&
            xc_domain_memory_mapping(xch, domid, first_gfn, first_mfn, nr_mfns,
                                     DPCI_REMOVE_MAPPING))
            xc__perror(xch, "xc_domain_memory_mapping: undoing a failed mapping failed");
        errno = saved_errno;
        return -1;
    }
    /* E2BIG even for one frame: nothing could be done. */
    return done ? 0 : -1;
}

/* Upstream truncates a domid above 0xffff; it is refused here. */
EXPORT int xc_domain_pin_memory_cacheattr(xc_interface *xch, uint32_t domid, uint64_t start,
                                          uint64_t end, uint32_t type)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_pin_memory_cacheattr(xch->dmod, (domid_t)domid, start, end, type);
}
