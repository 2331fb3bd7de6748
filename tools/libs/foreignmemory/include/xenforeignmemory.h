/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xenforeignmemory.h - map the memory of other Xen domains into this
 * process, through the kernel's privcmd driver (/dev/xen/privcmd).
 *
 * Library: libxenforeignmemory.so.1 (stable API and ABI).
 *
 * A privileged domain (dom0, or a device model's stub domain) may map
 * pages of a guest's memory: a toolstack building a guest writes its
 * kernel this way, a device model emulates DMA, xenstored reaches a
 * guest's ring.  Pages are named by frame numbers in the guest's own
 * address space: guest frame numbers (GFNs) for HVM and PVH guests,
 * machine frame numbers for PV guests.  Besides ordinary memory, Xen
 * offers "resources" of a domain (its grant table frames, an ioreq
 * server's pages, trace buffers) that map the same way.
 *
 * Every call is safe to make from several threads on one handle.  A
 * failure is returned as NULL or -1 with errno set and, where the handle
 * is known, logged as an error through the handle's logger.  A NULL
 * handle is refused with EINVAL and logs nothing: there is no logger.
 *
 * Pages are Xen's pages of 4096 bytes (XEN_PAGE_SIZE), whatever the
 * kernel's page size.
 */
#ifndef XENFOREIGNMEMORY_H
#define XENFOREIGNMEMORY_H

#include <stddef.h>
#include <stdint.h>

/* xen_pfn_t, domid_t. */
#include <xen/xen.h>

/* A logger from <xentoollog.h>; only needed by callers who pass one. */
struct xentoollog_logger;

/* An open connection to the privcmd driver.  Opaque. */
typedef struct xenforeignmemory_handle xenforeignmemory_handle;

/*
 * xenforeignmemory_open - open a handle onto /dev/xen/privcmd.
 *
 * logger receives the handle's messages; NULL gives the handle a logger
 * of its own writing to stderr at XTL_PROGRESS and above.  open_flags
 * must be 0.  The handle's descriptor is close-on-exec, and the handle is
 * registered with libxentoolcore, so that xentoolcore_restrict_all()
 * restricts it as xenforeignmemory_restrict() would.
 *
 * Returns the handle, or NULL with errno set and the cause logged:
 * EINVAL for unknown open_flags; ENOENT when there is no privcmd device
 * (not a Xen domain, or the xen-privcmd module not loaded); EACCES when
 * the caller may not open it; ENOMEM; EMFILE or ENFILE.
 */
xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned open_flags);

/*
 * xenforeignmemory_close - close a handle.
 *
 * Mappings made through the handle stay valid until unmapped (with
 * munmap(2) once the handle is gone); resource handles not released with
 * xenforeignmemory_unmap_resource() are freed, their mappings kept.  A
 * NULL handle is no error.  Returns 0, or -1 with errno set if closing
 * the descriptor failed; the handle is freed either way.  Never logs.
 */
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/*
 * xenforeignmemory_map - map pages frames of domain dom next to each
 * other, anywhere in this process.  The same as xenforeignmemory_map2()
 * with addr NULL and flags 0.
 */
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                           int prot, size_t pages,
                           const xen_pfn_t arr[/*pages*/], int err[/*pages*/]);

/*
 * xenforeignmemory_map2 - map pages frames of domain dom next to each
 * other: page i of the mapping is frame arr[i].
 *
 * addr and flags are as for mmap(2): addr is a hint, or with MAP_FIXED
 * the place the mapping must go (replacing what was there, a mapping of
 * this handle included).  flags may hold MAP_SHARED (always implied),
 * MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_NORESERVE and MAP_LOCKED; prot is
 * mmap(2)'s PROT_READ, PROT_WRITE, PROT_EXEC or PROT_NONE.
 *
 * With err non-NULL, every page gets its own result: err[i] is 0 when
 * page i is mapped, or a negative errno value from Xen (-EINVAL for a
 * frame the domain does not have, -EPERM when it may not be mapped,
 * -ENOENT for a frame still paged out after retrying, ...).  Pages that
 * failed are left as holes that raise SIGBUS when touched; the call
 * succeeds as long as the mapping itself could be set up, however many
 * pages failed.  With err NULL, the call succeeds only if every page
 * mapped; otherwise nothing stays mapped and errno is the first failed
 * page's error.
 *
 * A frame that Xen reports as paged out (the guest's memory is being
 * paged by a pager) is asked for again, with growing pauses, until the
 * pager has brought it back or about a minute has passed.
 *
 * Returns the address of the mapping, pages pages long, which stays until
 * xenforeignmemory_unmap(); or NULL with errno set and the cause logged:
 * EINVAL for pages 0, pages beyond the address space, a NULL arr, flags
 * other than the ones above, or a mapping of the privcmd driver refused
 * by the kernel; EPERM when the handle is restricted to another domain;
 * ENOMEM; EEXIST for MAP_FIXED_NOREPLACE over an existing mapping; with
 * err NULL, a page's error as above (ESRCH for every page of a domain that
 * does not exist).
 */
void *xenforeignmemory_map2(xenforeignmemory_handle *fmem, uint32_t dom,
                            void *addr, int prot, int flags, size_t pages,
                            const xen_pfn_t arr[/*pages*/], int err[/*pages*/]);

/*
 * xenforeignmemory_unmap - unmap a whole mapping that
 * xenforeignmemory_map() or xenforeignmemory_map2() made through this
 * handle: addr is its address and pages its length in pages, as they
 * were.  (Linux cannot unmap part of such a mapping.)
 *
 * Returns 0, or -1 with errno set and the cause logged: EINVAL when addr
 * and pages are not those of such a mapping of this handle (another
 * handle's, a resource mapping, part of a mapping, ordinary memory, a
 * mapping already unmapped); then nothing is unmapped.
 */
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem,
                           void *addr, size_t pages);

/*
 * xenforeignmemory_restrict - confine the handle to domain domid, for
 * good: from now on it maps only that domain's memory and resources.
 * The kernel enforces it, so that the descriptor can be handed to less
 * trusted code.  Mappings made before stay.
 *
 * Restricting again to the same domain is no error.  Returns 0, or -1
 * with errno set and the cause logged: EINVAL for DOMID_SELF or another
 * reserved id (DOMID_FIRST_RESERVED and above), or when the handle is
 * already restricted to another domain; ENOTTY when the kernel cannot
 * restrict privcmd handles.
 */
int xenforeignmemory_restrict(xenforeignmemory_handle *fmem,
                              domid_t domid);

/* A mapping of a resource, from xenforeignmemory_map_resource().  Opaque. */
typedef struct xenforeignmemory_resource_handle xenforeignmemory_resource_handle;

/*
 * xenforeignmemory_map_resource - map nr_frames frames of a resource of
 * domain domid, starting at its frame frame.
 *
 * type and id name the resource, with the XENMEM_resource_* values of
 * <xen/memory.h>: XENMEM_resource_grant_table with id
 * XENMEM_resource_grant_table_id_shared or _status for the domain's grant
 * table; XENMEM_resource_ioreq_server with the ioreq server's id for its
 * pages (frame XENMEM_resource_ioreq_server_frame_bufioreq, then the
 * synchronous ioreq pages); any other type Xen offers.
 *
 * On entry *paddr is the address hint, and prot and flags are as for
 * xenforeignmemory_map2(): with MAP_FIXED, *paddr is where the mapping
 * goes.  On success *paddr is the mapping's address.
 *
 * Returns a handle of the mapping, valid until
 * xenforeignmemory_unmap_resource(); or NULL with errno set and the cause
 * logged: EINVAL for nr_frames 0, frames beyond 32 bits or beyond the
 * address space, a NULL paddr, unknown flags, or frames the resource
 * does not have; EOPNOTSUPP when Xen or the kernel cannot map resources
 * or does not know this type (not logged: callers try and fall back);
 * EPERM when the handle is restricted to another domain; ESRCH when the
 * domain does not exist; ENOMEM.
 */
xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags);

/*
 * xenforeignmemory_unmap_resource - unmap a resource mapping of this
 * handle and free its handle fres.  A NULL fres is no error.
 *
 * Returns 0, or -1 with errno set and the cause logged: EINVAL when fres
 * is not a live resource mapping of this handle (then it is left alone).
 */
int xenforeignmemory_unmap_resource(
    xenforeignmemory_handle *fmem, xenforeignmemory_resource_handle *fres);

/*
 * xenforeignmemory_resource_size - how big a resource of domain domid is,
 * in bytes: type and id as for xenforeignmemory_map_resource().  Maps
 * nothing.
 *
 * Returns 0 with the size in *size, or -1 with errno set and the cause
 * logged: EINVAL for a NULL size or an id the type does not have;
 * EOPNOTSUPP (not logged) as for xenforeignmemory_map_resource(); EPERM
 * when the handle is restricted to another domain; ESRCH when the domain
 * does not exist.  A type Xen does not know: EINVAL from Xen 4.20, while
 * Xen 4.17 answers success with a meaningless size (its error code in
 * the frame count), passed on as it comes, as upstream's library does.
 */
int xenforeignmemory_resource_size(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, size_t *size);

#endif /* XENFOREIGNMEMORY_H */
