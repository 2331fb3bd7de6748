/* SPDX-License-Identifier: LGPL-2.1-only */
/* Grant tables as the control domain sees them: grant_table_op.
 * (Mapping and sharing grants is libxengnttab's; upstream's xc_gnttab and
 * xc_gntshr handle calls of xenctrl_compat.h, at the end, are its calls
 * under old names.) */
#define XC_WANT_COMPAT_GNTTAB_API
#include <sys/mman.h>

#include "private.h"

#include <xengnttab.h>

EXPORT int xc_gnttab_query_size(xc_interface *xch, struct gnttab_query_size *query)
{
    int rc;

    if (!query)
        return xc__invalid(xch, "xc_gnttab_query_size: NULL query");
    rc = (int)xc__hypercall_struct(xch, __HYPERVISOR_grant_table_op, GNTTABOP_query_size, query,
                                   sizeof(*query), 1);
    /* Xen's verdict on the domain is in query->status, as upstream's. */
    if (rc == 0 && query->status != GNTST_okay)
        xc_report_error(xch, XC_INTERNAL_ERROR, "could not query dom %u's grant table size: "
                        "status %d", query->dom, query->status);
    return rc;
}

EXPORT int xc_gnttab_op(xc_interface *xch, int cmd, void *op, int op_size, int count)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (op_size < 0 || count < 0 || (count && op_size && !op))
        return xc__invalid(xch, "xc_gnttab_op: %d ops of %d bytes at %p", count, op_size, op);
    return (int)xc__hypercall_struct(xch, __HYPERVISOR_grant_table_op, (unsigned)cmd, op,
                                     (size_t)op_size * (size_t)count, (unsigned long)count);
}

EXPORT int xc_gnttab_get_version(xc_interface *xch, uint32_t domid)
{
    struct gnttab_get_version v = { .dom = (domid_t)domid };

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (xc__hypercall_struct(xch, __HYPERVISOR_grant_table_op, GNTTABOP_get_version, &v,
                             sizeof(v), 1) < 0)
        return -1;
    return (int)v.version;
}

/*
 * Maps domid's grant table read-only: its current frames, as
 * GNTTABOP_setup_table lists them.  *gnt_num becomes the number of v1
 * entries they hold (for v2 tables too, as upstream's).
 */
static void *map_table(xc_interface *xch, uint32_t domid, int *gnt_num)
{
    struct gnttab_query_size query = { .dom = (domid_t)domid };
    struct gnttab_setup_table setup = { .dom = (domid_t)domid };
    xen_pfn_t *frames = NULL;
    void *table = NULL;
    int saved_errno;

    if (!gnt_num) {
        xc__invalid(xch, "xc_gnttab_map_table: NULL gnt_num");
        return NULL;
    }
    if (xc_gnttab_query_size(xch, &query) < 0 || query.status != GNTST_okay) {
        xc_report_error(xch, XC_INTERNAL_ERROR, "could not query dom %u's grant table size",
                        domid);
        return NULL;
    }
    *gnt_num = (int)(query.nr_frames * (XC_PAGE_SIZE / sizeof(grant_entry_v1_t)));
    if (query.nr_frames)
        frames = xencall_alloc_buffer(xch->xcall, query.nr_frames * sizeof(*frames));
    if (!frames) {
        xc__perror(xch, "no buffer for dom %u's %u grant frames", domid, query.nr_frames);
        return NULL;
    }
    setup.nr_frames = query.nr_frames;
    set_xen_guest_handle_raw(setup.frame_list, frames);
    if (xc__hypercall_struct(xch, __HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &setup,
                             sizeof(setup), 1) < 0 || setup.status != GNTST_okay)
        xc_report_error(xch, XC_INTERNAL_ERROR, "could not list dom %u's grant frames: "
                        "status %d", domid, setup.status);
    else if (!(table = xenforeignmemory_map(xch->fmem, domid, PROT_READ, setup.nr_frames,
                                            frames, NULL)))
        xc__perror(xch, "could not map dom %u's grant table", domid);
    saved_errno = errno;
    xencall_free_buffer(xch->xcall, frames);
    errno = saved_errno;
    return table;
}

EXPORT grant_entry_v1_t *xc_gnttab_map_table_v1(xc_interface *xch, uint32_t domid, int *gnt_num)
{
    int version = xc_gnttab_get_version(xch, domid);

    if (version < 0)
        return NULL;
    if (version == 2) {
        xc__invalid(xch, "xc_gnttab_map_table_v1: dom %u's grant table is v2", domid);
        return NULL;
    }
    return map_table(xch, domid, gnt_num);
}

EXPORT grant_entry_v2_t *xc_gnttab_map_table_v2(xc_interface *xch, uint32_t domid, int *gnt_num)
{
    int version = xc_gnttab_get_version(xch, domid);

    if (version < 0)
        return NULL;
    if (version != 2) {
        xc__invalid(xch, "xc_gnttab_map_table_v2: dom %u's grant table is v%d", domid, version);
        return NULL;
    }
    return map_table(xch, domid, gnt_num);
}

/* ------------------------------------------------------------ compat
 * An xc_gnttab or xc_gntshr is a libxengnttab handle: each call is that
 * library's. */

EXPORT xc_gnttab *xc_gnttab_open(xentoollog_logger *logger, unsigned open_flags)
{
    return xengnttab_open(logger, open_flags);
}

EXPORT int xc_gnttab_close(xc_gnttab *xcg)
{
    return xengnttab_close(xcg);
}

EXPORT void *xc_gnttab_map_grant_ref(xc_gnttab *xcg, uint32_t domid, uint32_t ref, int prot)
{
    return xengnttab_map_grant_ref(xcg, domid, ref, prot);
}

EXPORT void *xc_gnttab_map_grant_refs(xc_gnttab *xcg, uint32_t count, uint32_t *domids,
                                      uint32_t *refs, int prot)
{
    return xengnttab_map_grant_refs(xcg, count, domids, refs, prot);
}

EXPORT void *xc_gnttab_map_domain_grant_refs(xc_gnttab *xcg, uint32_t count, uint32_t domid,
                                             uint32_t *refs, int prot)
{
    return xengnttab_map_domain_grant_refs(xcg, count, domid, refs, prot);
}

EXPORT void *xc_gnttab_map_grant_ref_notify(xc_gnttab *xcg, uint32_t domid, uint32_t ref,
                                            int prot, uint32_t notify_offset,
                                            evtchn_port_t notify_port)
{
    return xengnttab_map_grant_ref_notify(xcg, domid, ref, prot, notify_offset, notify_port);
}

EXPORT int xc_gnttab_munmap(xc_gnttab *xcg, void *start_address, uint32_t count)
{
    return xengnttab_unmap(xcg, start_address, count);
}

EXPORT int xc_gnttab_set_max_grants(xc_gnttab *xcg, uint32_t count)
{
    return xengnttab_set_max_grants(xcg, count);
}

EXPORT xc_gntshr *xc_gntshr_open(xentoollog_logger *logger, unsigned open_flags)
{
    return xengntshr_open(logger, open_flags);
}

EXPORT int xc_gntshr_close(xc_gntshr *xcg)
{
    return xengntshr_close(xcg);
}

EXPORT void *xc_gntshr_share_pages(xc_gntshr *xcg, uint32_t domid, int count, uint32_t *refs,
                                   int writable)
{
    return xengntshr_share_pages(xcg, domid, count, refs, writable);
}

EXPORT void *xc_gntshr_share_page_notify(xc_gntshr *xcg, uint32_t domid, uint32_t *ref,
                                         int writable, uint32_t notify_offset,
                                         evtchn_port_t notify_port)
{
    return xengntshr_share_page_notify(xcg, domid, ref, writable, notify_offset, notify_port);
}

EXPORT int xc_gntshr_munmap(xc_gntshr *xcg, void *start_address, uint32_t count)
{
    return xengntshr_unshare(xcg, start_address, count);
}
