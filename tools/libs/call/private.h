/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxencall internals. */
#ifndef XENCALL_PRIVATE_H
#define XENCALL_PRIVATE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <xencall.h>
#include <xentoolcore_internal.h>
#include <xentoollog.h>

#include "libs-handle.h"
#include "libs-internal.h"

/* The context of every message the library logs. */
#define XENCALL_LOG_CONTEXT "xencall"

/*
 * Freed buffers kept for reuse.  Mapping and unmapping pages costs far
 * more than a hypercall, and callers allocate the same few sizes over and
 * over, so freed buffers wait here to be handed out again for the same
 * page count.  The cache is bounded (CACHE_SLOTS buffers, CACHE_PAGES
 * pages) and makes room by releasing the buffers freed longest ago.
 */
#define CACHE_SLOTS 32
#define CACHE_PAGES 256                        /* 1 MiB of Xen pages */
/* Bigger buffers are never kept: one would crowd out many small ones. */
#define CACHE_MAX_BUFFER_PAGES (CACHE_PAGES / 4)

struct cached_buffer {
    void *p;
    size_t nr_pages;
};

struct buffer_cache {
    pthread_mutex_t lock;   /* unused for XENCALL_OPENFLAG_NON_REENTRANT */
    size_t count;           /* slot[0 .. count-1], oldest first */
    size_t pages;           /* total of their nr_pages */
    struct cached_buffer slot[CACHE_SLOTS];
};

/*
 * xencall_alloc_buffer() (buffer.c) hands out the bytes after this header, at the
 * start of the buffer's first page: its free has no size to go by.
 * The tag tells the header of a live buffer from anything else.
 */
struct buffer_header {
    _Alignas(max_align_t) size_t nr_pages;
    uintptr_t tag;
};

struct xencall_handle {
    struct xenlibs_handle base;
    unsigned flags;
    int privcmd_fd;
    int buf_fd;             /* /dev/xen/hypercall, or -1: locked anon memory */
    struct buffer_cache cache;
};

#define XENCALL_ALL_OPENFLAGS XENCALL_OPENFLAG_NON_REENTRANT

/* buffer.c: the cache's life; fini releases every buffer it holds. */
void xencall__cache_init(xencall_handle *xcall);
void xencall__cache_fini(xencall_handle *xcall);

/*
 * The OS backend (linux.c), logging as libs-handle.h's rule says.
 *
 * os_open opens the handle's devices (logging why it could not) and
 * os_close closes them; both return 0 or -1 with errno set.  os_hypercall
 * issues op with args[0..4] and returns the result, or -1 with errno set.
 * os_map_pages returns nr_pages fresh, zeroed, hypercall-safe pages or NULL
 * with errno set (the caller logs it); os_unmap_pages gives them back to the
 * kernel.
 */
int xencall__os_open(xencall_handle *xcall);
int xencall__os_close(xencall_handle *xcall);
long xencall__os_hypercall(xencall_handle *xcall, unsigned int op,
                           const uint64_t args[5]);
void *xencall__os_map_pages(xencall_handle *xcall, size_t nr_pages);
void xencall__os_unmap_pages(xencall_handle *xcall, void *p, size_t nr_pages);

#endif /* XENCALL_PRIVATE_H */
