/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenforeignmemory: handles, argument checks and the record of each
 * handle's mappings, independent of the OS. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "private.h"

/* Privcmd requests name the domain in 16 bits (domid_t). */
#define MAX_DOMID 0xffffu

/* The mmap(2) flags a mapping of the driver can take; MAP_SHARED is
 * implied (a private copy of foreign memory means nothing). */
#define KNOWN_MAP_FLAGS (MAP_SHARED | MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_NORESERVE | MAP_LOCKED)

/* Per-page results of a map whose caller wants none live here up to this
 * many pages, and are allocated beyond. */
#define LOCAL_ERRS 64

/* Fails with errno err and logs why. */
#define REFUSE(h, err, ...) (errno = (err), xenlibs_handle_error(&(h)->base, __VA_ARGS__))

/* ------------------------------------------------------------ handles */

static int restrict_handle(struct xenlibs_handle *base, domid_t domid)
{
    return xenforeignmemory__os_restrict(XENLIBS_HANDLE_OF(base, xenforeignmemory_handle), domid);
}

static int setup_handle(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    xenforeignmemory_handle *h = XENLIBS_HANDLE_OF(base, xenforeignmemory_handle);

    (void)flags;
    (void)arg;
    h->fd = -1;
    pthread_mutex_init(&h->lock, NULL);
    if (xenforeignmemory__os_open(h) < 0) {
        pthread_mutex_destroy(&h->lock);
        return -1;
    }
    return 0;
}

static int release_handle(struct xenlibs_handle *base)
{
    xenforeignmemory_handle *h = XENLIBS_HANDLE_OF(base, xenforeignmemory_handle);
    xenforeignmemory_resource_handle *fres, *next;

    /* Mappings stay (see xenforeignmemory.h): only the records go. */
    for (fres = h->resources; fres; fres = next) {
        next = fres->next;
        free(fres);
    }
    free(h->table);
    pthread_mutex_destroy(&h->lock);
    return xenforeignmemory__os_close(h);
}

/* No open flags. */
static const struct xenlibs_handle_kind kind = {
    .context = "xenforeignmemory",
    XENLIBS_HANDLE_LAYOUT(xenforeignmemory_handle),
    .open = setup_handle,
    .close = release_handle,
    .restrict_to = restrict_handle,
};

EXPORT xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                                      unsigned open_flags)
{
    return xenlibs_handle_open(&kind, logger, open_flags, NULL, __func__);
}

EXPORT int xenforeignmemory_close(xenforeignmemory_handle *fmem)
{
    return xenlibs_handle_close(fmem ? &fmem->base : NULL);
}

EXPORT int xenforeignmemory_restrict(xenforeignmemory_handle *fmem, domid_t domid)
{
    if (xenlibs_refuse_null_handle(fmem))
        return -1;
    if (domid >= DOMID_FIRST_RESERVED) {
        REFUSE(fmem, EINVAL, "xenforeignmemory_restrict: %#x is a reserved domain id",
               (unsigned)domid);
        return -1;
    }
    return xenforeignmemory__os_restrict(fmem, domid);
}

/* ------------------------------------------------------------ the table */

static uintptr_t end_of(const struct mapping *m)
{
    return m->start + (m->pages << XENLIBS_PAGE_SHIFT);
}

/* The index of the first record that ends after addr (records do not
 * overlap, so their ends are in the order of their starts). */
static size_t first_ending_after(const xenforeignmemory_handle *h, uintptr_t addr)
{
    size_t lo = 0, hi = h->nr;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (end_of(&h->table[mid]) <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Room for one more record; false when there is no memory for it. */
static bool make_room(xenforeignmemory_handle *h)
{
    size_t cap = h->cap ? h->cap * 2 : 16;
    struct mapping *t;

    if (h->nr < h->cap)
        return true;
    t = realloc(h->table, cap * sizeof(*t));
    if (!t)
        return false;
    h->table = t;
    h->cap = cap;
    return true;
}

/* The index of the record of exactly this mapping, or h->nr. */
static size_t find(const xenforeignmemory_handle *h, uintptr_t start, size_t pages)
{
    size_t i = first_ending_after(h, start);

    return i < h->nr && h->table[i].start == start && h->table[i].pages == pages ? i : h->nr;
}

static void open_gap(xenforeignmemory_handle *h, size_t i)
{
    memmove(&h->table[i + 1], &h->table[i], (h->nr - i) * sizeof(h->table[0]));
    h->nr++;
}

static void close_gap(xenforeignmemory_handle *h, size_t i)
{
    memmove(&h->table[i], &h->table[i + 1], (h->nr - i - 1) * sizeof(h->table[0]));
    h->nr--;
}

/* Forgets the records overlapping [start, end). */
static void drop_overlapping(xenforeignmemory_handle *h, uintptr_t start, uintptr_t end)
{
    size_t i = first_ending_after(h, start);

    while (i < h->nr && h->table[i].start < end)
        close_gap(h, i);
}

/*
 * Records a new mapping of pages pages at addr.  The kernel put it where
 * it is, so a record overlapping it is stale (the caller unmapped that
 * mapping with munmap(2), or MAP_FIXED replaced it) and goes.  Returns 0,
 * or -1 with errno ENOMEM (logged).
 */
static int record(xenforeignmemory_handle *h, void *addr, size_t pages, const char *call)
{
    uintptr_t start = (uintptr_t)addr;
    bool room;

    pthread_mutex_lock(&h->lock);
    room = make_room(h);
    if (room) {
        size_t i;

        drop_overlapping(h, start, start + (pages << XENLIBS_PAGE_SHIFT));
        i = first_ending_after(h, start);
        open_gap(h, i);
        h->table[i] = (struct mapping){ .start = start, .pages = pages };
    }
    pthread_mutex_unlock(&h->lock);
    if (!room)
        REFUSE(h, ENOMEM, "%s: cannot allocate the record of a mapping", call);
    return room ? 0 : -1;
}

/* ------------------------------------------------------------ checks */

static bool bad_pages(xenforeignmemory_handle *h, size_t pages, const char *call)
{
    if (pages == 0) {
        REFUSE(h, EINVAL, "%s: a count of 0 pages", call);
        return true;
    }
    /* The driver counts a request's pages in an unsigned int; beyond
     * SIZE_MAX >> 12 the length does not even fit a size_t. */
    if (pages > UINT_MAX || pages > SIZE_MAX >> XENLIBS_PAGE_SHIFT) {
        REFUSE(h, EINVAL, "%s: %zu pages are more than one mapping can span", call, pages);
        return true;
    }
    return false;
}

static bool bad_flags(xenforeignmemory_handle *h, int flags, const char *call)
{
    if (!(flags & ~KNOWN_MAP_FLAGS))
        return false;
    REFUSE(h, EINVAL, "%s: unknown flags %#x", call, (unsigned)(flags & ~KNOWN_MAP_FLAGS));
    return true;
}

static bool bad_pointer(xenforeignmemory_handle *h, const void *p, const char *name,
                        const char *call)
{
    if (p)
        return false;
    REFUSE(h, EINVAL, "%s: %s is NULL", call, name);
    return true;
}

/* ------------------------------------------------------------ mapping */

static void *map(xenforeignmemory_handle *h, uint32_t dom, void *addr, int prot, int flags,
                 size_t pages, const xen_pfn_t *arr, int *err, const char *call)
{
    int local[LOCAL_ERRS], *errs = err;
    void *p;

    if (xenlibs_refuse_null_handle(h))
        return NULL;
    if (bad_pages(h, pages, call) || bad_pointer(h, arr, "the frame array", call) ||
        bad_flags(h, flags, call))
        return NULL;
    if (dom > MAX_DOMID) {
        REFUSE(h, EINVAL, "%s: %u is no domain id (they have 16 bits)", call, (unsigned)dom);
        return NULL;
    }
    if (!errs)
        errs = pages <= LOCAL_ERRS ? local : malloc(pages * sizeof(*errs));
    if (!errs) {
        REFUSE(h, ENOMEM, "%s: cannot allocate the results of %zu pages", call, pages);
        return NULL;
    }
    p = xenforeignmemory__os_map(h, dom, addr, prot, flags, pages, arr, errs);
    /* Without a place for per-page results, any failed page fails all. */
    for (size_t i = 0; p && !err && i < pages; i++) {
        if (!errs[i])
            continue;
        errno = -errs[i];
        xenlibs_handle_error(&h->base, "%s: cannot map frame %#llx (page %zu of %zu) of domain %u",
                             call, (unsigned long long)arr[i], i, pages, (unsigned)dom);
        munmap(p, pages << XENLIBS_PAGE_SHIFT);
        errno = -errs[i];
        p = NULL;
    }
    if (p && record(h, p, pages, call) < 0) {
        munmap(p, pages << XENLIBS_PAGE_SHIFT);
        errno = ENOMEM;
        p = NULL;
    }
    if (errs != err && errs != local)
        free(errs);
    return p;
}

EXPORT void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom, int prot,
                                  size_t pages, const xen_pfn_t arr[], int err[])
{
    return map(fmem, dom, NULL, prot, 0, pages, arr, err, "xenforeignmemory_map");
}

EXPORT void *xenforeignmemory_map2(xenforeignmemory_handle *fmem, uint32_t dom, void *addr,
                                   int prot, int flags, size_t pages, const xen_pfn_t arr[],
                                   int err[])
{
    return map(fmem, dom, addr, prot, flags, pages, arr, err, "xenforeignmemory_map2");
}

EXPORT int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr, size_t pages)
{
    size_t i;
    int rc = -1;

    if (xenlibs_refuse_null_handle(fmem))
        return -1;
    pthread_mutex_lock(&fmem->lock);
    i = find(fmem, (uintptr_t)addr, pages);
    if (i == fmem->nr) {
        /* Linux cannot unmap part of a privcmd mapping either. */
        REFUSE(fmem, EINVAL, "xenforeignmemory_unmap: no mapping of this handle is the %zu "
               "pages at %p", pages, addr);
    } else {
        rc = xenforeignmemory__os_unmap(fmem, addr, pages);
        if (rc == 0)
            close_gap(fmem, i);
    }
    pthread_mutex_unlock(&fmem->lock);
    return rc;
}

/* ------------------------------------------------------------ resources */

EXPORT xenforeignmemory_resource_handle *
xenforeignmemory_map_resource(xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
                              unsigned int id, unsigned long frame, unsigned long nr_frames,
                              void **paddr, int prot, int flags)
{
    static const char call[] = "xenforeignmemory_map_resource";
    xenforeignmemory_resource_handle *fres;

    if (xenlibs_refuse_null_handle(fmem))
        return NULL;
    if (bad_pointer(fmem, paddr, "paddr", call) || bad_flags(fmem, flags, call))
        return NULL;
    if (nr_frames == 0 || nr_frames > SIZE_MAX >> XENLIBS_PAGE_SHIFT || frame > UINT32_MAX ||
        nr_frames - 1 > UINT32_MAX - frame) {
        REFUSE(fmem, EINVAL, "%s: frames %lu..+%lu are no range of a resource", call, frame,
               nr_frames);
        return NULL;
    }
    fres = calloc(1, sizeof(*fres));
    if (!fres) {
        REFUSE(fmem, ENOMEM, "%s: cannot allocate a resource handle", call);
        return NULL;
    }
    *fres = (xenforeignmemory_resource_handle){ .domid = domid, .type = type, .id = id,
                                                .frame = frame, .nr_frames = nr_frames,
                                                .addr = *paddr, .prot = prot, .flags = flags };
    if (xenforeignmemory__os_map_resource(fmem, fres) < 0) {
        free(fres);
        return NULL;
    }
    pthread_mutex_lock(&fmem->lock);
    fres->next = fmem->resources;
    fmem->resources = fres;
    pthread_mutex_unlock(&fmem->lock);
    *paddr = fres->addr;
    return fres;
}

EXPORT int xenforeignmemory_unmap_resource(xenforeignmemory_handle *fmem,
                                           xenforeignmemory_resource_handle *fres)
{
    xenforeignmemory_resource_handle **link;
    bool found;
    int rc;

    if (xenlibs_refuse_null_handle(fmem))
        return -1;
    if (!fres)
        return 0;
    pthread_mutex_lock(&fmem->lock);
    for (link = &fmem->resources; *link && *link != fres; link = &(*link)->next)
        ;
    found = *link != NULL;
    if (found)
        *link = fres->next;
    pthread_mutex_unlock(&fmem->lock);
    if (!found) {
        REFUSE(fmem, EINVAL, "xenforeignmemory_unmap_resource: %p is no resource mapping of "
               "this handle", (void *)fres);
        return -1;
    }
    rc = xenforeignmemory__os_unmap(fmem, fres->addr, fres->nr_frames);
    free(fres);
    return rc;
}

EXPORT int xenforeignmemory_resource_size(xenforeignmemory_handle *fmem, domid_t domid,
                                          unsigned int type, unsigned int id, size_t *size)
{
    xenforeignmemory_resource_handle fres = { .domid = domid, .type = type, .id = id };

    if (xenlibs_refuse_null_handle(fmem))
        return -1;
    if (bad_pointer(fmem, size, "size", "xenforeignmemory_resource_size"))
        return -1;
    if (xenforeignmemory__os_map_resource(fmem, &fres) < 0)
        return -1;
    *size = fres.nr_frames << XENLIBS_PAGE_SHIFT;
    return 0;
}
