/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxengnttab: handles, argument checks, the mapping table and the grant
 * limit, independent of the OS. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "private.h"

/* ------------------------------------------------------------ handles */

static int restrict_handle(struct xenlibs_handle *base, domid_t domid)
{
    struct xengntdev_handle *h = XENLIBS_HANDLE_OF(base, struct xengntdev_handle);

    /* Neither driver can confine a descriptor to one domain: the handle
     * loses the driver.  What it has mapped stays mapped. */
    (void)domid;
    if (xentoolcore__restrict_by_dup2_null(h->fd) < 0)
        return -1;
    atomic_store(&h->restricted, true);
    return 0;
}

static int setup_handle(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    struct xengntdev_handle *h = XENLIBS_HANDLE_OF(base, struct xengntdev_handle);

    (void)flags;
    h->kind = *(const enum handle_kind *)arg;
    h->fd = -1;
    atomic_init(&h->restricted, false);
    pthread_mutex_init(&h->lock, NULL);
    xengnttab__table_init(&h->table);
    atomic_init(&h->max_pages, UINT64_MAX);
    if (xengnttab__os_open(h) < 0) {
        pthread_mutex_destroy(&h->lock);
        return -1;
    }
    return 0;
}

static int release_handle(struct xenlibs_handle *base)
{
    struct xengntdev_handle *h = XENLIBS_HANDLE_OF(base, struct xengntdev_handle);

    /* Leftover mappings stay (see xengnttab.h): only the records go. */
    xengnttab__table_free(&h->table);
    pthread_mutex_destroy(&h->lock);
    return xengnttab__os_close(h);
}

/* Both halves take no flags. */
static const struct xenlibs_handle_kind kinds[] = {
    [GNTTAB] = { .context = "xengnttab", XENLIBS_HANDLE_LAYOUT(struct xengntdev_handle),
                 .open = setup_handle, .close = release_handle, .restrict_to = restrict_handle },
    [GNTSHR] = { .context = "xengntshr", XENLIBS_HANDLE_LAYOUT(struct xengntdev_handle),
                 .open = setup_handle, .close = release_handle, .restrict_to = restrict_handle },
};

/* Fails with errno err and logs why. */
#define REFUSE(h, err, ...) (errno = (err), xenlibs_handle_error(&(h)->base, __VA_ARGS__))

static struct xengntdev_handle *open_kind(enum handle_kind kind, xentoollog_logger *logger,
                                          unsigned flags, const char *function)
{
    return xenlibs_handle_open(&kinds[kind], logger, flags, &kind, function);
}

static int close_kind(struct xengntdev_handle *h)
{
    return xenlibs_handle_close(h ? &h->base : NULL);
}

/* For the calls that take a handle: NULL, or one of the other half (both
 * halves' handles have one C type), fails with EINVAL. */
static bool bad_handle(struct xengntdev_handle *h, enum handle_kind kind, const char *call)
{
    if (h && h->kind == kind)
        return false;
    if (h)
        REFUSE(h, EINVAL, "%s: a %s handle, not a %s one", call, kinds[h->kind].context,
               kinds[kind].context);
    errno = EINVAL;
    return true;
}

static int handle_fd(struct xengntdev_handle *h, enum handle_kind kind, const char *call)
{
    return bad_handle(h, kind, call) ? -1 : h->fd;
}

/* ------------------------------------------------------------ the table */

/*
 * Records the mapping of count pages at addr, at the driver's index; of
 * them, claimed pages move from the handle's claim (claim_pages) to the
 * table under one lock, so that a concurrent claim never misses them.  An
 * older record at the same address is stale (see xengnttab__table_add):
 * for gnttab its driver record goes too.  Returns 0, or -1 with errno
 * ENOMEM (logged) when there is no memory for the record.
 */
HOT static int record(struct xengntdev_handle *h, void *addr, uint32_t count, uint64_t index,
                      uint32_t claimed, const char *call)
{
    struct mapping *m, *stale = NULL;
    struct mapping old = { 0 };

    pthread_mutex_lock(&h->lock);
    h->mapping_pages -= claimed;
    m = xengnttab__table_new_record(&h->table);
    if (m) {
        *m = (struct mapping){ .addr = addr, .count = count, .index = index };
        stale = xengnttab__table_add(&h->table, m);
        if (stale) {
            old = *stale;
            xengnttab__table_put_record(&h->table, stale);
        }
    }
    pthread_mutex_unlock(&h->lock);
    if (!m) {
        REFUSE(h, ENOMEM, "%s: cannot allocate the record of a mapping", call);
        return -1;
    }
    if (stale && h->kind == GNTTAB)
        xengnttab__os_release(h, old.index, old.count);
    return 0;
}

/*
 * Takes the record of the mapping at addr, which must have count pages,
 * into *m; false with errno EINVAL (logged) if there is none such, in
 * which case nothing changes.
 */
HOT static bool take_record(struct xengntdev_handle *h, void *addr, uint32_t count,
                            struct mapping *m, const char *call)
{
    struct mapping *found;

    pthread_mutex_lock(&h->lock);
    found = xengnttab__table_take(&h->table, addr);
    if (found) {
        *m = *found;
        if (found->count == count)
            xengnttab__table_put_record(&h->table, found);
        else
            xengnttab__table_add(&h->table, found);
    }
    pthread_mutex_unlock(&h->lock);
    if (!found)
        REFUSE(h, EINVAL, "%s: no mapping of this handle starts at %p", call, addr);
    else if (m->count != count)
        REFUSE(h, EINVAL, "%s: the mapping at %p has %u pages, not %u", call, addr,
               (unsigned)m->count, (unsigned)count);
    return found && m->count == count;
}

/* Unmaps the mapping at addr of count pages and forgets it. */
HOT static int unmap(struct xengntdev_handle *h, void *addr, uint32_t count, const char *call)
{
    struct mapping m;
    int saved_errno;

    if (!take_record(h, addr, count, &m, call))
        return -1;
    if (xengnttab__os_unmap_pages(h, addr, count) < 0) {
        /* Still mapped: recorded again, for a retry. */
        saved_errno = errno;
        record(h, addr, count, m.index, 0, call);
        errno = saved_errno;
        return -1;
    }
    return h->kind == GNTTAB ? xengnttab__os_release(h, m.index, count) : 0;
}

/* Undoes a mapping that could not be recorded, keeping errno. */
static void undo(struct xengntdev_handle *h, void *addr, uint32_t count, uint64_t index)
{
    int saved_errno = errno;

    xengnttab__os_unmap_pages(h, addr, count);
    if (h->kind == GNTTAB)
        xengnttab__os_release(h, index, count);
    errno = saved_errno;
}

/* ------------------------------------------------------------ checks */

static bool bad_count(struct xengntdev_handle *h, uint32_t count, const char *call)
{
    if (count == 0) {
        REFUSE(h, EINVAL, "%s: a count of 0 pages", call);
        return true;
    }
    /* Beyond this the mapping's length does not fit a size_t. */
    if ((uint64_t)count << XENLIBS_PAGE_SHIFT > SIZE_MAX) {
        REFUSE(h, EINVAL, "%s: %u pages are more than the address space", call,
               (unsigned)count);
        return true;
    }
    return xengnttab__os_check_count(h, count) < 0;
}

static bool bad_domid(struct xengntdev_handle *h, uint32_t domid, const char *call)
{
    if (domid <= MAX_DOMID)
        return false;
    REFUSE(h, EINVAL, "%s: %u is no domain id (they have 16 bits)", call, (unsigned)domid);
    return true;
}

static bool bad_pointer(struct xengntdev_handle *h, const void *p, const char *name,
                        const char *call)
{
    if (p)
        return false;
    REFUSE(h, EINVAL, "%s: %s is NULL", call, name);
    return true;
}

static bool bad_notify_offset(struct xengntdev_handle *h, uint32_t offset, const char *call)
{
    if (offset == NO_NOTIFY_OFFSET || offset < XENLIBS_PAGE_SIZE)
        return false;
    REFUSE(h, EINVAL, "%s: notify offset %u is outside the page", call, (unsigned)offset);
    return true;
}

/* ------------------------------------------------------------ gnttab */

EXPORT xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    return open_kind(GNTTAB, logger, open_flags, __func__);
}

EXPORT int xengnttab_close(xengnttab_handle *xgt)
{
    return close_kind(xgt);
}

EXPORT int xengnttab_fd(xengnttab_handle *xgt)
{
    return handle_fd(xgt, GNTTAB, "xengnttab_fd");
}

/*
 * Claims count pages of the handle's limit for a mapping under way, and
 * says in *claimed how many it claimed: none when the handle has no limit.
 * False with errno ENOSPC (logged) when the limit does not allow them.
 */
HOT static bool claim_pages(struct xengntdev_handle *h, uint32_t count, uint32_t *claimed,
                            const char *call)
{
    uint64_t in_use, max;
    bool ok;

    *claimed = 0;
    if (atomic_load_explicit(&h->max_pages, memory_order_relaxed) == UINT64_MAX)
        return true;
    pthread_mutex_lock(&h->lock);
    in_use = h->table.nr_pages + h->mapping_pages;
    max = atomic_load_explicit(&h->max_pages, memory_order_relaxed);
    ok = in_use <= max && count <= max - in_use;
    if (ok) {
        h->mapping_pages += count;
        *claimed = count;
    }
    pthread_mutex_unlock(&h->lock);
    if (!ok)
        REFUSE(h, ENOSPC,
               "%s: %u more pages would exceed the handle's limit of %llu (%llu mapped)", call,
               (unsigned)count, (unsigned long long)max, (unsigned long long)in_use);
    return ok;
}

static void unclaim_pages(struct xengntdev_handle *h, uint32_t claimed)
{
    if (!claimed)
        return;
    pthread_mutex_lock(&h->lock);
    h->mapping_pages -= claimed;
    pthread_mutex_unlock(&h->lock);
}

/* The checks every xengnttab_map_* call makes first. */
static bool bad_map(struct xengntdev_handle *h, uint32_t count, const uint32_t *refs,
                    uint32_t notify_offset, const char *call)
{
    return bad_handle(h, GNTTAB, call) || bad_count(h, count, call) ||
           bad_pointer(h, refs, "refs", call) || bad_notify_offset(h, notify_offset, call);
}

/* What every xengnttab_map_* call comes down to, its arguments checked
 * (see os_map). */
HOT static void *map(struct xengntdev_handle *h, uint32_t count, const uint32_t *domids,
                     uint32_t domid, const uint32_t *refs, int prot, uint32_t notify_offset,
                     evtchn_port_t notify_port, const char *call)
{
    uint32_t claimed;
    uint64_t index;
    void *addr;

    if (!claim_pages(h, count, &claimed, call))
        return NULL;
    addr = xengnttab__os_map(h, count, domids, domid, refs, prot, notify_offset, notify_port,
                             &index);
    if (!addr) {
        unclaim_pages(h, claimed);
        return NULL;
    }
    if (record(h, addr, count, index, claimed, call) < 0) {
        undo(h, addr, count, index);
        return NULL;
    }
    return addr;
}

HOT EXPORT void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid, uint32_t ref,
                                         int prot)
{
    static const char call[] = "xengnttab_map_grant_ref";

    if (bad_map(xgt, 1, &ref, NO_NOTIFY_OFFSET, call) || bad_domid(xgt, domid, call))
        return NULL;
    return map(xgt, 1, NULL, domid, &ref, prot, NO_NOTIFY_OFFSET, NO_NOTIFY_PORT, call);
}

HOT EXPORT void *xengnttab_map_grant_refs(xengnttab_handle *xgt, uint32_t count, uint32_t *domids,
                                          uint32_t *refs, int prot)
{
    static const char call[] = "xengnttab_map_grant_refs";

    if (bad_map(xgt, count, refs, NO_NOTIFY_OFFSET, call) ||
        bad_pointer(xgt, domids, "domids", call))
        return NULL;
    for (uint32_t i = 0; i < count; i++)
        if (bad_domid(xgt, domids[i], call))
            return NULL;
    return map(xgt, count, domids, 0, refs, prot, NO_NOTIFY_OFFSET, NO_NOTIFY_PORT, call);
}

HOT EXPORT void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt, uint32_t count,
                                                 uint32_t domid, uint32_t *refs, int prot)
{
    static const char call[] = "xengnttab_map_domain_grant_refs";

    if (bad_map(xgt, count, refs, NO_NOTIFY_OFFSET, call) || bad_domid(xgt, domid, call))
        return NULL;
    return map(xgt, count, NULL, domid, refs, prot, NO_NOTIFY_OFFSET, NO_NOTIFY_PORT, call);
}

HOT EXPORT void *xengnttab_map_grant_ref_notify(xengnttab_handle *xgt, uint32_t domid, uint32_t ref,
                                                int prot, uint32_t notify_offset,
                                                evtchn_port_t notify_port)
{
    static const char call[] = "xengnttab_map_grant_ref_notify";

    if (bad_map(xgt, 1, &ref, notify_offset, call) || bad_domid(xgt, domid, call))
        return NULL;
    /* The kernel clears the byte through the mapping's own rights. */
    if (notify_offset != NO_NOTIFY_OFFSET && !(prot & PROT_WRITE)) {
        REFUSE(xgt, EINVAL, "%s: a notify offset needs a writable mapping (PROT_WRITE)", call);
        return NULL;
    }
    return map(xgt, 1, NULL, domid, &ref, prot, notify_offset, notify_port, call);
}

HOT EXPORT int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count)
{
    if (bad_handle(xgt, GNTTAB, "xengnttab_unmap"))
        return -1;
    return unmap(xgt, start_address, count, "xengnttab_unmap");
}

EXPORT int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants)
{
    /* Never logs, as upstream's: not even a wrong handle. */
    if (!xgt || xgt->kind != GNTTAB) {
        errno = EINVAL;
        return -1;
    }
    pthread_mutex_lock(&xgt->lock);
    atomic_store(&xgt->max_pages, nr_grants);
    pthread_mutex_unlock(&xgt->lock);
    return 0;
}

HOT EXPORT int xengnttab_grant_copy(xengnttab_handle *xgt, uint32_t count,
                                    xengnttab_grant_copy_segment_t *segs)
{
    if (bad_handle(xgt, GNTTAB, "xengnttab_grant_copy"))
        return -1;
    if (count == 0)
        return 0;
    if (bad_pointer(xgt, segs, "segs", "xengnttab_grant_copy"))
        return -1;
    return xengnttab__os_grant_copy(xgt, count, segs);
}

EXPORT int xengnttab_dmabuf_exp_from_refs(xengnttab_handle *xgt, uint32_t domid, uint32_t flags,
                                          uint32_t count, const uint32_t *refs, uint32_t *fd)
{
    static const char call[] = "xengnttab_dmabuf_exp_from_refs";

    if (bad_handle(xgt, GNTTAB, call) || bad_count(xgt, count, call) ||
        bad_pointer(xgt, refs, "refs", call) || bad_pointer(xgt, fd, "fd", call) ||
        bad_domid(xgt, domid, call))
        return -1;
    return xengnttab__os_dmabuf_exp_from_refs(xgt, domid, flags, count, refs, fd);
}

EXPORT int xengnttab_dmabuf_exp_wait_released(xengnttab_handle *xgt, uint32_t fd,
                                              uint32_t wait_to_ms)
{
    if (bad_handle(xgt, GNTTAB, "xengnttab_dmabuf_exp_wait_released"))
        return -1;
    return xengnttab__os_dmabuf_exp_wait_released(xgt, fd, wait_to_ms);
}

EXPORT int xengnttab_dmabuf_imp_to_refs(xengnttab_handle *xgt, uint32_t domid, uint32_t fd,
                                        uint32_t count, uint32_t *refs)
{
    static const char call[] = "xengnttab_dmabuf_imp_to_refs";

    if (bad_handle(xgt, GNTTAB, call) || bad_count(xgt, count, call) ||
        bad_pointer(xgt, refs, "refs", call) || bad_domid(xgt, domid, call))
        return -1;
    return xengnttab__os_dmabuf_imp_to_refs(xgt, domid, fd, count, refs);
}

EXPORT int xengnttab_dmabuf_imp_release(xengnttab_handle *xgt, uint32_t fd)
{
    if (bad_handle(xgt, GNTTAB, "xengnttab_dmabuf_imp_release"))
        return -1;
    return xengnttab__os_dmabuf_imp_release(xgt, fd);
}

/* ------------------------------------------------------------ gntshr */

EXPORT xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    return open_kind(GNTSHR, logger, open_flags, __func__);
}

EXPORT int xengntshr_close(xengntshr_handle *xgs)
{
    return close_kind(xgs);
}

EXPORT int xengntshr_fd(xengntshr_handle *xgs)
{
    return handle_fd(xgs, GNTSHR, "xengntshr_fd");
}

HOT static void *share(struct xengntdev_handle *h, uint32_t domid, int count, uint32_t *refs,
                       int writable, uint32_t notify_offset, evtchn_port_t notify_port,
                       const char *call)
{
    void *addr;

    if (bad_handle(h, GNTSHR, call))
        return NULL;
    if (count < 1) {
        REFUSE(h, EINVAL, "%s: a count of %d pages", call, count);
        return NULL;
    }
    if (bad_count(h, (uint32_t)count, call) || bad_pointer(h, refs, "refs", call) ||
        bad_domid(h, domid, call) || bad_notify_offset(h, notify_offset, call))
        return NULL;
    addr = xengnttab__os_share(h, domid, (uint32_t)count, refs, writable != 0, notify_offset,
                               notify_port);
    if (addr && record(h, addr, (uint32_t)count, 0, 0, call) < 0) {
        undo(h, addr, (uint32_t)count, 0);
        return NULL;
    }
    return addr;
}

HOT EXPORT void *xengntshr_share_pages(xengntshr_handle *xgs, uint32_t domid, int count,
                                       uint32_t *refs, int writable)
{
    return share(xgs, domid, count, refs, writable, NO_NOTIFY_OFFSET, NO_NOTIFY_PORT,
                 "xengntshr_share_pages");
}

HOT EXPORT void *xengntshr_share_page_notify(xengntshr_handle *xgs, uint32_t domid, uint32_t *ref,
                                             int writable, uint32_t notify_offset,
                                             evtchn_port_t notify_port)
{
    return share(xgs, domid, 1, ref, writable, notify_offset, notify_port,
                 "xengntshr_share_page_notify");
}

HOT EXPORT int xengntshr_unshare(xengntshr_handle *xgs, void *start_address, uint32_t count)
{
    if (bad_handle(xgs, GNTSHR, "xengntshr_unshare"))
        return -1;
    return unmap(xgs, start_address, count, "xengntshr_unshare");
}
