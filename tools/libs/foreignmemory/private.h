/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenforeignmemory internals. */
#ifndef XENFOREIGNMEMORY_PRIVATE_H
#define XENFOREIGNMEMORY_PRIVATE_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <xenforeignmemory.h>
#include <xentoolcore_internal.h>
#include <xentoollog.h>

#include "libs-handle.h"
#include "libs-internal.h"

/*
 * A mapping made through a handle by map2().  Kept so that an unmap names
 * a whole mapping the handle made, never another handle's, a resource
 * mapping, or the caller's own memory.
 */
struct mapping {
    uintptr_t start;
    size_t pages;
};

struct xenforeignmemory_handle {
    struct xenlibs_handle base;
    int fd;                     /* the privcmd driver */
    pthread_mutex_t lock;       /* guards the table and resources */
    /* The table: nr records sorted by start, none overlapping, in space
     * for cap. */
    struct mapping *table;
    size_t nr, cap;
    /* The live resource mappings, by next. */
    struct xenforeignmemory_resource_handle *resources;
};

struct xenforeignmemory_resource_handle {
    struct xenforeignmemory_resource_handle *next;
    domid_t domid;
    unsigned int type, id;
    unsigned long frame, nr_frames;
    void *addr;
    int prot, flags;
};

/*
 * The OS backend (linux.c), logging as libs-handle.h's rule says: each
 * returns 0 (or an address) on success, or -1 (or NULL) with errno set,
 * having logged what only it knows.
 *
 * os_open opens h->fd; os_close closes it.  os_restrict confines the
 * descriptor to domid.  os_map maps pages frames arr[] of dom at addr
 * (a hint, or fixed per flags) and puts each page's result in err[]
 * (0 or a negative errno value), retrying paged-out frames; it fails
 * only when the mapping as a whole could not be made, leaving nothing
 * mapped.  os_map_resource maps the resource fres describes and sets
 * fres->addr, or with fres->nr_frames 0 maps nothing and sets nr_frames
 * to the resource's size in frames; EOPNOTSUPP is not logged.  os_unmap
 * unmaps pages pages at addr.
 */
int xenforeignmemory__os_open(xenforeignmemory_handle *h);
int xenforeignmemory__os_close(xenforeignmemory_handle *h);
int xenforeignmemory__os_restrict(xenforeignmemory_handle *h, domid_t domid);
void *xenforeignmemory__os_map(xenforeignmemory_handle *h, uint32_t dom, void *addr, int prot,
                               int flags, size_t pages, const xen_pfn_t *arr, int *err);
int xenforeignmemory__os_map_resource(xenforeignmemory_handle *h,
                                      xenforeignmemory_resource_handle *fres);
int xenforeignmemory__os_unmap(xenforeignmemory_handle *h, void *addr, size_t pages);

#endif /* XENFOREIGNMEMORY_PRIVATE_H */
