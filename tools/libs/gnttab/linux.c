/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxengnttab: the Linux backend, over the gntdev (mapping) and gntalloc
 * (granting) drivers. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* First: the drivers' headers need the Xen types it brings. */
#include "private.h"

#include "libs-valgrind.h"

#include <xen/sys/gntalloc.h>
#include <xen/sys/gntdev.h>

static const char *const device_of[] = { [GNTTAB] = "/dev/xen/gntdev",
                                         [GNTSHR] = "/dev/xen/gntalloc" };

/* The drivers' "limit" parameters and their defaults: gntdev maps at most
 * that many grants per request, gntalloc has that many for everyone. */
static const char *const limit_param_of[] = {
    [GNTTAB] = "/sys/module/xen_gntdev/parameters/limit",
    [GNTSHR] = "/sys/module/xen_gntalloc/parameters/limit",
};
static const uint32_t default_limit_of[] = { [GNTTAB] = 64 * 1024, [GNTSHR] = 1024 };

/*
 * Requests carry their grant references in the ioctl's argument, which a
 * short array on the stack holds for the usual few pages; longer ones are
 * allocated.  Sized for the 128-page rings of block and network backends.
 */
#define STACK_REFS 128

/* Space for an ioctl argument of size bytes: local (of local_size bytes)
 * when it fits, else allocated (logged when that fails). */
static void *arg_space(struct xengntdev_handle *h, size_t size, void *local, size_t local_size)
{
    void *p;

    if (size <= local_size)
        return local;
    p = malloc(size);
    if (!p)
        xenlibs_handle_error(&h->base, "cannot allocate a request for %zu bytes", size);
    return p;
}

static void arg_free(void *p, void *local)
{
    if (p != local)
        free(p);
}

/* ------------------------------------------------------------ handles */

int xengnttab__os_open(struct xengntdev_handle *h)
{
    const char *path = device_of[h->kind];

    h->fd = xenlibs_open_cloexec(path, O_RDWR);
    if (h->fd < 0) {
        xenlibs_handle_error(&h->base, "cannot open %s%s", path,
                         errno == ENOENT ? " (is its driver loaded?)" : "");
        return -1;
    }
    return 0;
}

int xengnttab__os_close(struct xengntdev_handle *h)
{
    int rc = close(h->fd);

    h->fd = -1;
    return rc;
}

int xengnttab__os_check_count(struct xengntdev_handle *h, uint32_t count)
{
    unsigned long limit = default_limit_of[h->kind];
    FILE *f;

    /* The parameter can be changed at run time; reading it costs, and
     * is only needed past the default. */
    if (count <= limit)
        return 0;
    f = fopen(limit_param_of[h->kind], "re");
    if (f) {
        if (fscanf(f, "%lu", &limit) != 1)
            limit = default_limit_of[h->kind];
        fclose(f);
    }
    if (count <= limit)
        return 0;
    errno = h->kind == GNTTAB ? EINVAL : ENOSPC;
    xenlibs_handle_error(&h->base, "%u pages are more than %s takes at once (its limit parameter is %lu)",
                     (unsigned)count, device_of[h->kind], limit);
    return -1;
}

/* ------------------------------------------------------------ mapping */

int xengnttab__os_release(struct xengntdev_handle *h, uint64_t index, uint32_t count)
{
    struct ioctl_gntdev_unmap_grant_ref op = { .index = index, .count = count };
    int rc;

    /* Restricted, fd is /dev/null: the driver drops its records itself
     * when the last mapping of its file goes. */
    if (atomic_load(&h->restricted))
        return 0;
    rc = ioctl(h->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &op);
    if (rc < 0)
        xenlibs_handle_error(&h->base, "cannot release the driver's record of %u grants at offset %#llx",
                         (unsigned)count, (unsigned long long)index);
    return rc;
}

int xengnttab__os_unmap_pages(struct xengntdev_handle *h, void *addr, uint32_t count)
{
    int rc = munmap(addr, (size_t)count << XENLIBS_PAGE_SHIFT);

    if (rc < 0)
        xenlibs_handle_error(&h->base, "cannot unmap the %u pages at %p", (unsigned)count, addr);
    return rc;
}

/* Undoes a mapping on an error path, keeping errno. */
static void undo_map(struct xengntdev_handle *h, void *addr, size_t len, uint64_t index,
                     uint32_t count)
{
    int saved_errno = errno;

    if (addr)
        munmap(addr, len);
    xengnttab__os_release(h, index, count);
    errno = saved_errno;
}

/* The unmap notification of a mapping at index (in either driver: the
 * two structures agree), if one is asked for.  Both drivers refuse a port
 * that no event channel handle of this domain has bound. */
HOT static int set_notify(struct xengntdev_handle *h, unsigned long request, uint64_t index,
                          uint32_t notify_offset, evtchn_port_t notify_port)
{
    struct ioctl_gntdev_unmap_notify notify = { .index = index };

    if (notify_offset != NO_NOTIFY_OFFSET) {
        notify.index += notify_offset;
        notify.action |= UNMAP_NOTIFY_CLEAR_BYTE;
    }
    if (notify_port != NO_NOTIFY_PORT) {
        notify.action |= UNMAP_NOTIFY_SEND_EVENT;
        notify.event_channel_port = notify_port;
    }
    if (!notify.action || ioctl(h->fd, request, &notify) == 0)
        return 0;
    if (notify_port == NO_NOTIFY_PORT)
        xenlibs_handle_error(&h->base, "cannot set up the unmap notification at offset %u",
                         (unsigned)notify_offset);
    else
        xenlibs_handle_error(&h->base, "cannot set up the unmap notification on event channel port %u"
                            " (bound through libxenevtchn in this domain?)",
                         (unsigned)notify_port);
    return -1;
}

_Static_assert(sizeof(struct ioctl_gntdev_unmap_notify) ==
                       sizeof(struct ioctl_gntalloc_unmap_notify) &&
                   offsetof(struct ioctl_gntdev_unmap_notify, event_channel_port) ==
                       offsetof(struct ioctl_gntalloc_unmap_notify, event_channel_port),
               "gntdev's and gntalloc's unmap notifications differ");

void *xengnttab__os_map(struct xengntdev_handle *h, uint32_t count, const uint32_t *domids,
                        uint32_t domid, const uint32_t *refs, int prot,
                        uint32_t notify_offset, evtchn_port_t notify_port, uint64_t *index)
{
    union {
        struct ioctl_gntdev_map_grant_ref op;
        char space[offsetof(struct ioctl_gntdev_map_grant_ref, refs) +
                   STACK_REFS * sizeof(struct ioctl_gntdev_grant_ref)];
    } local;
    size_t size = offsetof(struct ioctl_gntdev_map_grant_ref, refs) +
                  (size_t)count * sizeof(struct ioctl_gntdev_grant_ref);
    size_t len = (size_t)count << XENLIBS_PAGE_SHIFT;
    struct ioctl_gntdev_map_grant_ref *op = arg_space(h, size, &local, sizeof(local));
    void *addr = NULL;

    if (!op)
        return NULL;
    op->count = count;
    for (uint32_t i = 0; i < count; i++) {
        op->refs[i].domid = domids ? domids[i] : domid;
        op->refs[i].ref = refs[i];
    }
    /* The driver takes the grants and gives the offset to mmap() them at;
     * in a PV domain the mmap() is what maps them, and where Xen refuses. */
    if (ioctl(h->fd, IOCTL_GNTDEV_MAP_GRANT_REF, op) < 0) {
        xenlibs_handle_error(&h->base, "cannot set up a mapping of %u grants", (unsigned)count);
        goto out;
    }
    /* Memcheck does not know the drivers' ioctls: what they write back
     * is marked here, where it is read. */
    VALGRIND_MAKE_MEM_DEFINED(&op->index, sizeof(op->index));
    addr = mmap(NULL, len, prot, MAP_SHARED, h->fd, (off_t)op->index);
    if (addr == MAP_FAILED) {
        addr = NULL;
        if (count == 1)
            xenlibs_handle_error(&h->base, "cannot map grant %u of domain %u", (unsigned)refs[0],
                             (unsigned)(domids ? domids[0] : domid));
        else
            xenlibs_handle_error(&h->base, "cannot map %u grants%s", (unsigned)count,
                             errno == EINVAL ? " (Xen refused one at least)" : "");
        undo_map(h, NULL, len, op->index, count);
        goto out;
    }
    if (set_notify(h, IOCTL_GNTDEV_SET_UNMAP_NOTIFY, op->index, notify_offset, notify_port) < 0) {
        undo_map(h, addr, len, op->index, count);
        addr = NULL;
        goto out;
    }
    *index = op->index;
out:
    arg_free(op, &local);
    return addr;
}

/* ------------------------------------------------------------ grant copy */

/* The driver takes the library's segments as they are: same layout. */
_Static_assert(sizeof(xengnttab_grant_copy_segment_t) ==
                   sizeof(struct ioctl_gntdev_grant_copy_segment),
               "grant copy segments differ in size");
#define SAME_FIELD(f)                                                                   \
    _Static_assert(offsetof(xengnttab_grant_copy_segment_t, f) ==                       \
                           offsetof(struct ioctl_gntdev_grant_copy_segment, f) &&       \
                       sizeof(((xengnttab_grant_copy_segment_t *)0)->f) ==              \
                           sizeof(((struct ioctl_gntdev_grant_copy_segment *)0)->f),    \
                   "grant copy segments differ in " #f)
SAME_FIELD(source.virt);
SAME_FIELD(source.foreign.ref);
SAME_FIELD(source.foreign.offset);
SAME_FIELD(source.foreign.domid);
SAME_FIELD(dest.virt);
SAME_FIELD(dest.foreign.ref);
SAME_FIELD(dest.foreign.offset);
SAME_FIELD(dest.foreign.domid);
SAME_FIELD(len);
SAME_FIELD(flags);
SAME_FIELD(status);

/* What is wrong with seg for the driver, or NULL. */
static const char *bad_segment(const xengnttab_grant_copy_segment_t *seg)
{
    if (!(seg->flags & (GNTCOPY_source_gref | GNTCOPY_dest_gref)))
        return "neither side is a grant reference";
    if ((seg->flags & GNTCOPY_source_gref) &&
        seg->source.foreign.offset + seg->len > XENLIBS_PAGE_SIZE)
        return "its source crosses the end of the granted page";
    if ((seg->flags & GNTCOPY_dest_gref) &&
        seg->dest.foreign.offset + seg->len > XENLIBS_PAGE_SIZE)
        return "its destination crosses the end of the granted page";
    return NULL;
}

int xengnttab__os_grant_copy(struct xengntdev_handle *h, uint32_t count,
                             xengnttab_grant_copy_segment_t *segs)
{
    struct ioctl_gntdev_grant_copy copy = {
        .count = count,
        .segments = (struct ioctl_gntdev_grant_copy_segment *)segs,
    };
    const char *why;

    if (ioctl(h->fd, IOCTL_GNTDEV_GRANT_COPY, &copy) == 0) {
        for (uint32_t i = 0; i < count; i++)
            VALGRIND_MAKE_MEM_DEFINED(&segs[i].status, sizeof(segs[i].status));
        return 0;
    }
    /* The driver reads the segments in order and stops at the first bad
     * one: those up to it are readable, and one of them says why. */
    if (errno == EINVAL) {
        for (uint32_t i = 0; i < count; i++) {
            why = bad_segment(&segs[i]);
            if (why) {
                xenlibs_handle_error(&h->base, "xengnttab_grant_copy: segment %u of %u: %s",
                                 (unsigned)i, (unsigned)count, why);
                return -1;
            }
        }
    }
    xenlibs_handle_error(&h->base, "xengnttab_grant_copy: cannot copy %u segments", (unsigned)count);
    return -1;
}

/* ------------------------------------------------------------ dma-buf */

/* An ioctl of the dma-buf family failed: the driver without them answers
 * as to any unknown request, unless fd is /dev/null by now. */
static int dmabuf_error(struct xengntdev_handle *h, const char *call)
{
    if (errno == ENOTTY && !atomic_load(&h->restricted)) {
        errno = EOPNOTSUPP;
        xenlibs_handle_error(&h->base, "%s: this kernel's gntdev driver has no dma-buf support"
                            " (CONFIG_XEN_GNTDEV_DMABUF)", call);
    } else {
        xenlibs_handle_error(&h->base, "%s", call);
    }
    return -1;
}

int xengnttab__os_dmabuf_exp_from_refs(struct xengntdev_handle *h, uint32_t domid,
                                       uint32_t flags, uint32_t count, const uint32_t *refs,
                                       uint32_t *fd)
{
    union {
        struct ioctl_gntdev_dmabuf_exp_from_refs op;
        char space[offsetof(struct ioctl_gntdev_dmabuf_exp_from_refs, refs) +
                   STACK_REFS * sizeof(uint32_t)];
    } local;
    size_t size = offsetof(struct ioctl_gntdev_dmabuf_exp_from_refs, refs) +
                  (size_t)count * sizeof(uint32_t);
    struct ioctl_gntdev_dmabuf_exp_from_refs *op = arg_space(h, size, &local, sizeof(local));
    int rc;

    if (!op)
        return -1;
    op->flags = flags;
    op->count = count;
    op->domid = domid;
    memcpy(op->refs, refs, (size_t)count * sizeof(uint32_t));
    rc = ioctl(h->fd, IOCTL_GNTDEV_DMABUF_EXP_FROM_REFS, op);
    VALGRIND_MAKE_MEM_DEFINED(&op->fd, sizeof(op->fd));
    if (rc < 0)
        dmabuf_error(h, "xengnttab_dmabuf_exp_from_refs");
    else
        *fd = op->fd;
    arg_free(op, &local);
    return rc < 0 ? -1 : 0;
}

int xengnttab__os_dmabuf_exp_wait_released(struct xengntdev_handle *h, uint32_t fd,
                                           uint32_t wait_to_ms)
{
    struct ioctl_gntdev_dmabuf_exp_wait_released op = { .fd = fd, .wait_to_ms = wait_to_ms };

    if (ioctl(h->fd, IOCTL_GNTDEV_DMABUF_EXP_WAIT_RELEASED, &op) == 0)
        return 0;
    /* Still in use, or gone already: answers, not failures. */
    if (errno == ETIMEDOUT || errno == ENOENT)
        return -1;
    return dmabuf_error(h, "xengnttab_dmabuf_exp_wait_released");
}

int xengnttab__os_dmabuf_imp_to_refs(struct xengntdev_handle *h, uint32_t domid, uint32_t fd,
                                     uint32_t count, uint32_t *refs)
{
    union {
        struct ioctl_gntdev_dmabuf_imp_to_refs op;
        char space[offsetof(struct ioctl_gntdev_dmabuf_imp_to_refs, refs) +
                   STACK_REFS * sizeof(uint32_t)];
    } local;
    size_t size = offsetof(struct ioctl_gntdev_dmabuf_imp_to_refs, refs) +
                  (size_t)count * sizeof(uint32_t);
    struct ioctl_gntdev_dmabuf_imp_to_refs *op = arg_space(h, size, &local, sizeof(local));
    int rc;

    if (!op)
        return -1;
    memset(op, 0, offsetof(struct ioctl_gntdev_dmabuf_imp_to_refs, refs));
    op->fd = fd;
    op->count = count;
    op->domid = domid;
    rc = ioctl(h->fd, IOCTL_GNTDEV_DMABUF_IMP_TO_REFS, op);
    VALGRIND_MAKE_MEM_DEFINED(op->refs, (size_t)count * sizeof(uint32_t));
    if (rc < 0)
        dmabuf_error(h, "xengnttab_dmabuf_imp_to_refs");
    else
        memcpy(refs, op->refs, (size_t)count * sizeof(uint32_t));
    arg_free(op, &local);
    return rc < 0 ? -1 : 0;
}

int xengnttab__os_dmabuf_imp_release(struct xengntdev_handle *h, uint32_t fd)
{
    struct ioctl_gntdev_dmabuf_imp_release op = { .fd = fd };

    if (ioctl(h->fd, IOCTL_GNTDEV_DMABUF_IMP_RELEASE, &op) == 0)
        return 0;
    return dmabuf_error(h, "xengnttab_dmabuf_imp_release");
}

/* ------------------------------------------------------------ sharing */

/* Takes the grants at index out of the file's list: from now on they end
 * when their mapping goes (at once, if there is none). */
HOT static int dealloc(struct xengntdev_handle *h, uint64_t index, uint32_t count)
{
    struct ioctl_gntalloc_dealloc_gref op = { .index = index, .count = count };

    return ioctl(h->fd, IOCTL_GNTALLOC_DEALLOC_GREF, &op);
}

void *xengnttab__os_share(struct xengntdev_handle *h, uint32_t domid, uint32_t count,
                          uint32_t *refs, bool writable, uint32_t notify_offset,
                          evtchn_port_t notify_port)
{
    union {
        struct ioctl_gntalloc_alloc_gref op;
        char space[offsetof(struct ioctl_gntalloc_alloc_gref, gref_ids) +
                   STACK_REFS * sizeof(uint32_t)];
    } local;
    size_t size = offsetof(struct ioctl_gntalloc_alloc_gref, gref_ids) +
                  (size_t)count * sizeof(uint32_t);
    size_t len = (size_t)count << XENLIBS_PAGE_SHIFT;
    struct ioctl_gntalloc_alloc_gref *op = arg_space(h, size, &local, sizeof(local));
    void *addr = NULL;
    int saved_errno;

    if (!op)
        return NULL;
    op->domid = (uint16_t)domid;
    op->flags = writable ? GNTALLOC_FLAG_WRITABLE : 0;
    op->count = count;
    if (ioctl(h->fd, IOCTL_GNTALLOC_ALLOC_GREF, op) < 0) {
        xenlibs_handle_error(&h->base, "cannot grant %u pages to domain %u", (unsigned)count,
                         (unsigned)domid);
        goto out;
    }
    VALGRIND_MAKE_MEM_DEFINED(&op->index, sizeof(op->index));
    VALGRIND_MAKE_MEM_DEFINED(op->gref_ids, (size_t)count * sizeof(uint32_t));
    addr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, h->fd, (off_t)op->index);
    if (addr == MAP_FAILED) {
        addr = NULL;
        xenlibs_handle_error(&h->base, "cannot map %u granted pages", (unsigned)count);
    } else if (set_notify(h, IOCTL_GNTALLOC_SET_UNMAP_NOTIFY, op->index, notify_offset,
                          notify_port) < 0) {
        munmap(addr, len);
        addr = NULL;
    }
    /* Whatever happened: with no mapping the grants end here, with one
     * they end with it.  Only a restricted handle (fd /dev/null) cannot
     * say so, and then the driver ends them with the last mapping. */
    saved_errno = errno;
    if (dealloc(h, op->index, count) < 0 && !atomic_load(&h->restricted) && addr) {
        xenlibs_handle_error(&h->base, "cannot hand %u granted pages over to their mapping",
                         (unsigned)count);
        munmap(addr, len);
        addr = NULL;
        saved_errno = errno;
    }
    errno = saved_errno;
    if (addr)
        memcpy(refs, op->gref_ids, (size_t)count * sizeof(uint32_t));
out:
    arg_free(op, &local);
    return addr;
}
