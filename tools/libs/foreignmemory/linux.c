/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenforeignmemory: the Linux backend, over the privcmd driver. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* First: privcmd.h needs the Xen types it brings. */
#include "private.h"

#include <xen/sys/privcmd.h>

#include "libs-privcmd.h"

/* Paged-out frames: the pauses between asking again grow from the first
 * to the longest, and asking stops after about PAGED_GIVE_UP_NS. */
#define PAGED_FIRST_PAUSE_NS 100000L
#define PAGED_LONGEST_PAUSE_NS 100000000L
#define PAGED_GIVE_UP_NS 60000000000LL

int xenforeignmemory__os_open(xenforeignmemory_handle *h)
{
    h->fd = xenlibs_open_privcmd(&h->base);
    return h->fd < 0 ? -1 : 0;
}

int xenforeignmemory__os_close(xenforeignmemory_handle *h)
{
    int rc = close(h->fd);

    h->fd = -1;
    return rc;
}

int xenforeignmemory__os_restrict(xenforeignmemory_handle *h, domid_t domid)
{
    if (ioctl(h->fd, IOCTL_PRIVCMD_RESTRICT, &domid) == 0)
        return 0;
    xenlibs_handle_error(&h->base, "cannot restrict the handle to domain %u%s", (unsigned)domid,
                         errno == EINVAL ? " (already restricted to another?)" : "");
    return -1;
}

int xenforeignmemory__os_unmap(xenforeignmemory_handle *h, void *addr, size_t pages)
{
    if (munmap(addr, pages << XENLIBS_PAGE_SHIFT) == 0)
        return 0;
    xenlibs_handle_error(&h->base, "cannot unmap the %zu pages at %p", pages, addr);
    return -1;
}

/* munmap(2) on error paths, keeping errno. */
static void release(void *addr, size_t pages)
{
    int saved_errno = errno;

    munmap(addr, pages << XENLIBS_PAGE_SHIFT);
    errno = saved_errno;
}

/* Space for a mapping of pages pages; MAP_FAILED (logged) if none. */
static void *reserve(xenforeignmemory_handle *h, void *addr, int prot, int flags, size_t pages)
{
    void *p = mmap(addr, pages << XENLIBS_PAGE_SHIFT, prot, flags | MAP_SHARED, h->fd, 0);

    /* A kernel older than 4.17 (or valgrind 3.19) takes MAP_FIXED_NOREPLACE
     * for a hint, placing the mapping elsewhere when addr is taken. */
    if (p != MAP_FAILED && (flags & MAP_FIXED_NOREPLACE) && p != addr) {
        munmap(p, pages << XENLIBS_PAGE_SHIFT);
        p = MAP_FAILED;
        errno = EEXIST;
    }
    if (p == MAP_FAILED)
        xenlibs_handle_error(&h->base, "cannot make a mapping of %zu pages of the privcmd driver",
                             pages);
    return p;
}

/* Fills count pages from page `first` of the mapping at base. */
static int batch(xenforeignmemory_handle *h, uint32_t dom, char *base, size_t first,
                 unsigned count, const xen_pfn_t *arr, int *err)
{
    privcmd_mmapbatch_v2_t op = {
        .num = count,
        .dom = (domid_t)dom,
        .addr = (uintptr_t)(base + (first << XENLIBS_PAGE_SHIFT)),
        .arr = arr + first,
        .err = err + first,
    };

    /* The driver writes back only the pages that failed. */
    memset(err + first, 0, count * sizeof(*err));
    return ioctl(h->fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &op);
}

static void pause_ns(long ns)
{
    struct timespec t = { .tv_sec = ns / 1000000000L, .tv_nsec = ns % 1000000000L };

    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
}

/*
 * Asks again for the pages Xen reported as paged out (-ENOENT) until each
 * has another result or time is up: its pager brings a frame back once
 * someone asks for it.  The driver fills such holes of a mapping one at a
 * time.  Returns 0, or -1 with errno set when the driver failed otherwise.
 */
static int retry_paged_out(xenforeignmemory_handle *h, uint32_t dom, char *base, size_t pages,
                           const xen_pfn_t *arr, int *err)
{
    long long waited = 0;
    long pause = PAGED_FIRST_PAUSE_NS;
    bool again = true;

    while (again && waited < PAGED_GIVE_UP_NS) {
        pause_ns(pause);
        waited += pause;
        pause = pause * 2 > PAGED_LONGEST_PAUSE_NS ? PAGED_LONGEST_PAUSE_NS : pause * 2;
        again = false;
        for (size_t i = 0; i < pages; i++) {
            if (err[i] != -ENOENT)
                continue;
            if (batch(h, dom, base, i, 1, arr, err) < 0 && errno != ENOENT)
                return -1;
            again |= err[i] == -ENOENT;
        }
    }
    if (again)
        xenlibs_handle_log(&h->base, XTL_WARN, ENOENT,
                           "domain %u: frames still paged out after %lld s", (unsigned)dom,
                           waited / 1000000000LL);
    return 0;
}

void *xenforeignmemory__os_map(xenforeignmemory_handle *h, uint32_t dom, void *addr, int prot,
                               int flags, size_t pages, const xen_pfn_t *arr, int *err)
{
    char *base = reserve(h, addr, prot, flags, pages);
    int rc;

    if (base == MAP_FAILED)
        return NULL;
    rc = batch(h, dom, base, 0, (unsigned)pages, arr, err);
    if (rc < 0 && errno == ENOENT)
        rc = retry_paged_out(h, dom, base, pages, arr, err);
    if (rc < 0) {
        xenlibs_handle_error(&h->base, "cannot map %zu frames of domain %u", pages,
                             (unsigned)dom);
        release(base, pages);
        return NULL;
    }
    return base;
}

int xenforeignmemory__os_map_resource(xenforeignmemory_handle *h,
                                      xenforeignmemory_resource_handle *fres)
{
    privcmd_mmap_resource_t op = {
        .dom = fres->domid,
        .type = fres->type,
        .id = fres->id,
        .idx = (uint32_t)fres->frame,
        .num = fres->nr_frames,
    };
    void *base = NULL;

    /* Asked for nothing, the driver says how many frames there are. */
    if (fres->nr_frames) {
        base = reserve(h, fres->addr, fres->prot, fres->flags, fres->nr_frames);
        if (base == MAP_FAILED)
            return -1;
        op.addr = (uintptr_t)base;
    }
    if (ioctl(h->fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &op) < 0) {
        if (errno != EOPNOTSUPP)
            xenlibs_handle_error(&h->base,
                                 "cannot map frames %lu..+%lu of resource %u:%u of domain %u",
                                 fres->frame, fres->nr_frames, fres->type, fres->id,
                                 (unsigned)fres->domid);
        if (base)
            release(base, fres->nr_frames);
        return -1;
    }
    if (base)
        fres->addr = base;
    else
        fres->nr_frames = op.num;
    return 0;
}
