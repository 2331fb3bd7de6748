/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxencall: hypercall buffers, and the cache that recycles them. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "libs-valgrind.h"
#include "private.h"

#define HEADER_TAG ((uintptr_t)0x78656e63616c6c31u) /* "xencall1" */

static inline bool non_reentrant(const xencall_handle *xcall)
{
    return xcall->flags & XENCALL_OPENFLAG_NON_REENTRANT;
}

static void cache_lock(xencall_handle *xcall)
{
    if (!non_reentrant(xcall))
        pthread_mutex_lock(&xcall->cache.lock);
}

static void cache_unlock(xencall_handle *xcall)
{
    if (!non_reentrant(xcall))
        pthread_mutex_unlock(&xcall->cache.lock);
}

void xencall__cache_init(xencall_handle *xcall)
{
    pthread_mutex_init(&xcall->cache.lock, NULL);
    xcall->cache.count = 0;
    xcall->cache.pages = 0;
}

/* Gives every cached buffer back to the kernel; returns how many. */
static size_t cache_flush(xencall_handle *xcall)
{
    struct buffer_cache *c = &xcall->cache;
    struct cached_buffer flushed[CACHE_SLOTS];
    size_t n;

    cache_lock(xcall);
    n = c->count;
    memcpy(flushed, c->slot, n * sizeof(c->slot[0]));
    c->count = 0;
    c->pages = 0;
    cache_unlock(xcall);
    for (size_t i = 0; i < n; i++)
        xencall__os_unmap_pages(xcall, flushed[i].p, flushed[i].nr_pages);
    return n;
}

/* No locking: nothing else may use a handle being closed, and a child
 * after fork() may close a handle whose lock another thread held. */
void xencall__cache_fini(xencall_handle *xcall)
{
    struct buffer_cache *c = &xcall->cache;

    for (size_t i = 0; i < c->count; i++)
        xencall__os_unmap_pages(xcall, c->slot[i].p, c->slot[i].nr_pages);
    c->count = 0;
    c->pages = 0;
    pthread_mutex_destroy(&c->lock);
}

/* A cached buffer of exactly nr_pages, or NULL. */
static void *cache_take(xencall_handle *xcall, size_t nr_pages)
{
    struct buffer_cache *c = &xcall->cache;
    void *p = NULL;

    if (nr_pages > CACHE_MAX_BUFFER_PAGES)
        return NULL;
    cache_lock(xcall);
    /* Newest first: its memory is the likeliest to be in the CPU's caches. */
    for (size_t i = c->count; i-- > 0;) {
        if (c->slot[i].nr_pages == nr_pages) {
            p = c->slot[i].p;
            c->count--;
            c->pages -= nr_pages;
            /* Mostly the newest matches: then nothing moves. */
            if (i < c->count)
                memmove(&c->slot[i], &c->slot[i + 1], (c->count - i) * sizeof(c->slot[0]));
            break;
        }
    }
    cache_unlock(xcall);
    return p;
}

/*
 * Keeps a freed buffer for reuse, first releasing the oldest ones as far
 * as needed to stay within bounds.  Returns false when the buffer is too
 * big to keep: the caller releases it.
 */
static bool cache_put(xencall_handle *xcall, void *p, size_t nr_pages)
{
    struct buffer_cache *c = &xcall->cache;
    struct cached_buffer evicted[CACHE_SLOTS];
    size_t nr_evicted = 0, evicted_pages = 0;
    bool twice = false;

    if (nr_pages > CACHE_MAX_BUFFER_PAGES)
        return false;
    cache_lock(xcall);
    /* A buffer in the cache twice would be handed out twice. */
    for (size_t i = 0; i < c->count && !twice; i++)
        twice = c->slot[i].p == p;
    if (!twice) {
        while (c->count - nr_evicted == CACHE_SLOTS ||
               c->pages - evicted_pages + nr_pages > CACHE_PAGES)
            evicted_pages += c->slot[nr_evicted++].nr_pages;
        if (nr_evicted) {
            memcpy(evicted, c->slot, nr_evicted * sizeof(c->slot[0]));
            c->count -= nr_evicted;
            c->pages -= evicted_pages;
            memmove(c->slot, &c->slot[nr_evicted], c->count * sizeof(c->slot[0]));
        }
        c->slot[c->count++] = (struct cached_buffer){ .p = p, .nr_pages = nr_pages };
        c->pages += nr_pages;
        /* Until handed out again it is nobody's: memcheck reports any use. */
        VALGRIND_MAKE_MEM_NOACCESS(p, nr_pages << XENLIBS_PAGE_SHIFT);
    }
    cache_unlock(xcall);

    if (twice)
        xenlibs_handle_log(&xcall->base, XTL_ERROR, -1, "buffer %p freed twice; ignored", p);
    /* The munmap()s happen outside the lock, not to hold up other threads. */
    for (size_t i = 0; i < nr_evicted; i++)
        xencall__os_unmap_pages(xcall, evicted[i].p, evicted[i].nr_pages);
    return true;
}

static void *alloc_pages(xencall_handle *xcall, size_t nr_pages)
{
    void *p;

    if (nr_pages == 0 || nr_pages > SIZE_MAX >> XENLIBS_PAGE_SHIFT) {
        errno = nr_pages ? ENOMEM : EINVAL;
        xenlibs_handle_log(&xcall->base, XTL_ERROR, errno, "cannot allocate a hypercall buffer of %zu pages", nr_pages);
        return NULL;
    }
    p = cache_take(xcall, nr_pages);
    if (p) {
        /* The caller's again.  Defined, as fresh pages are, since Xen
         * writes buffers behind memcheck's back: what the program reads
         * back from one must not count as uninitialised. */
        VALGRIND_MAKE_MEM_DEFINED(p, nr_pages << XENLIBS_PAGE_SHIFT);
        /* Zeroed, as fresh pages are, which callers count on: a struct for
         * Xen whose padding they leave alone must reach it as zeros. */
        memset(p, 0, nr_pages << XENLIBS_PAGE_SHIFT);
        return p;
    }
    p = xencall__os_map_pages(xcall, nr_pages);
    /* The kernel may be short of just what the cache holds (the hypercall
     * driver of older kernels allows one open file 64 pages by default):
     * give it back and try again. */
    if (!p && cache_flush(xcall))
        p = xencall__os_map_pages(xcall, nr_pages);
    if (!p)
        xenlibs_handle_log(&xcall->base, XTL_ERROR, errno, "cannot allocate a hypercall buffer of %zu pages", nr_pages);
    return p;
}

static void free_pages(xencall_handle *xcall, void *p, size_t nr_pages)
{
    if (nr_pages == 0 || nr_pages > SIZE_MAX >> XENLIBS_PAGE_SHIFT) {
        xenlibs_handle_log(&xcall->base, XTL_ERROR, -1, "buffer %p freed with an impossible %zu pages; ignored", p, nr_pages);
        return;
    }
    if (!cache_put(xcall, p, nr_pages))
        xencall__os_unmap_pages(xcall, p, nr_pages);
}

EXPORT void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages)
{
    if (!xcall) {
        errno = EINVAL;
        return NULL;
    }
    return alloc_pages(xcall, nr_pages);
}

/* With no handle there is nowhere to log to, or to free into: the frees
 * ignore a NULL one. */
EXPORT void xencall_free_buffer_pages(xencall_handle *xcall, void *p, size_t nr_pages)
{
    if (p && xcall)
        free_pages(xcall, p, nr_pages);
}

EXPORT void *xencall_alloc_buffer(xencall_handle *xcall, size_t size)
{
    struct buffer_header *header;
    size_t nr_pages;

    if (!xcall) {
        errno = EINVAL;
        return NULL;
    }
    if (size > SIZE_MAX - sizeof(*header) - (XENLIBS_PAGE_SIZE - 1)) {
        errno = ENOMEM;
        xenlibs_handle_log(&xcall->base, XTL_ERROR, errno, "cannot allocate a hypercall buffer of %zu bytes", size);
        return NULL;
    }
    nr_pages = (size + sizeof(*header) + XENLIBS_PAGE_SIZE - 1) >> XENLIBS_PAGE_SHIFT;
    header = alloc_pages(xcall, nr_pages);
    if (!header)
        return NULL;
    header->nr_pages = nr_pages;
    header->tag = HEADER_TAG ^ (uintptr_t)header;
    return header + 1;
}

/* A header freed before may sit in the cache, no-access to memcheck:
 * reading its tag there is how a second free is told, not a misuse. */
static uintptr_t header_tag(const struct buffer_header *header)
{
    uintptr_t tag;

    VALGRIND_DISABLE_ERROR_REPORTING;
    tag = header->tag;
    VALGRIND_ENABLE_ERROR_REPORTING;
    return tag;
}

EXPORT void xencall_free_buffer(xencall_handle *xcall, void *p)
{
    struct buffer_header *header;

    if (!p || !xcall)
        return;
    header = (struct buffer_header *)p - 1;
    /* The header sits at a page's start: test that before reading it. */
    if (((uintptr_t)header & (XENLIBS_PAGE_SIZE - 1)) != 0 ||
        header_tag(header) != (HEADER_TAG ^ (uintptr_t)header)) {
        xenlibs_handle_log(&xcall->base, XTL_ERROR, -1, "xencall_free_buffer: %p is not from xencall_alloc_buffer; ignored", p);
        return;
    }
    /* A second free of the same pointer then finds no tag. */
    header->tag = 0;
    free_pages(xcall, header, header->nr_pages);
}
