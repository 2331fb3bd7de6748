/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xengnttab.h - share memory between Xen domains with grant references,
 * from a program in a Xen domain, through the kernel's grant drivers.
 *
 * Library: libxengnttab.so.1 (stable API and ABI).
 *
 * A domain lets another one reach a page of its memory by writing a grant
 * into its grant table: "domain D may map (or copy from, or write to) page
 * P".  The grant is named by its reference, a small integer that the
 * granting domain hands to its peer by some other channel (xenstore, a
 * ring).  The library has one interface for each side:
 *
 *   xengntshr_*   the granting side, over /dev/xen/gntalloc: allocate
 *                 pages, grant them to a domain, get their references.
 *   xengnttab_*   the using side, over /dev/xen/gntdev: map the pages
 *                 behind another domain's references into this process,
 *                 or copy to and from them without mapping.
 *
 * A domain may grant pages to itself: sharing with domain 0 from dom0 and
 * mapping the references back gives two views of the same memory.
 *
 * Unmap notification.  A shared ring needs to know when its peer goes
 * away, even when the peer's process dies without saying so.  Both sides
 * can therefore ask the kernel to act when their mapping of a page goes
 * (unmapped, or the process ends): clear one byte of the page, and/or send
 * an event on an event channel (see <xenevtchn.h>).  A protocol built on
 * this keeps a nonzero "alive" byte for each end in the shared page; 0
 * means gone.
 *
 * The two halves' handles are one C type, as they always were; a handle
 * of one half given to a call of the other fails with EINVAL.
 *
 * Every call is safe to make from several threads on one handle.  Failures
 * are returned as NULL or -1 with errno set, and logged as errors through
 * the handle's logger; xengnttab_close(), xengntshr_close() and
 * xengnttab_set_max_grants() never log.
 *
 * Pages are Xen's pages of 4096 bytes (XEN_PAGE_SIZE).
 */
#ifndef XENGNTTAB_H
#define XENGNTTAB_H

#include <stdint.h>

/* grant_ref_t and the GNTCOPY_* and GNTST_* values; domid_t. */
#include <xen/grant_table.h>
/* evtchn_port_t. */
#include <xen/event_channel.h>

/* A logger from <xentoollog.h>; only needed by callers who pass one. */
struct xentoollog_logger;

/* ================================================= the using side: gnttab */

/* An open connection to the grant mapping driver.  Opaque. */
typedef struct xengntdev_handle xengnttab_handle;

/*
 * xengnttab_open - open a handle onto the grant mapping driver,
 * /dev/xen/gntdev.
 *
 * logger receives the library's messages; NULL makes the handle log to
 * stderr, at level XTL_PROGRESS and above, through a logger of its own.
 * open_flags must be 0.  The descriptor is close-on-exec.  The handle is
 * registered with libxentoolcore: xentoolcore_restrict_all() turns its
 * descriptor into /dev/null, after which it can map nothing more while
 * the pages already mapped stay usable and can still be unmapped.
 *
 * Returns the handle, or NULL with errno set and the cause logged: EINVAL
 * for a nonzero open_flags; the error of opening /dev/xen/gntdev (ENOENT
 * where the kernel has no gntdev driver, EACCES without the right to use
 * it); ENOMEM.
 *
 * After fork(), the child must not use a handle inherited from its parent
 * nor touch the parent's mappings, which it may not have at all (in a PV
 * domain the kernel does not copy grant mappings into a child).
 * xengnttab_close() is the one call allowed on such a handle; the child
 * opens one of its own if it needs one.  exec() releases everything a
 * handle held.
 */
xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
                                 unsigned open_flags);

/*
 * xengnttab_close - close a handle from xengnttab_open().
 *
 * Unmap every mapping with xengnttab_unmap() first.  Mappings left over
 * stay mapped and usable, and keep the driver's resources, until they are
 * removed with munmap(2) or the process ends; closing the handle does not
 * remove them, since a caller may have unmapped some of them itself and
 * their addresses may hold other memory by now.
 *
 * No other thread may use the handle during or after the call.  Returns 0,
 * also for a NULL handle; -1 with errno set if closing the descriptor
 * failed (the handle is released all the same).
 */
int xengnttab_close(xengnttab_handle *xgt);

/*
 * xengnttab_fd - the handle's file descriptor, for callers that pass it on
 * or call the driver's ioctls themselves.  Waiting on it tells nothing.
 *
 * It stays owned by the handle: do not close it.  Returns -1 with errno
 * EINVAL for a NULL handle.
 */
int xengnttab_fd(xengnttab_handle *xgt);

/*
 * xengnttab_map_grant_ref - map the page that domain domid granted to this
 * domain under reference ref.
 *
 * prot is as for mmap(2): PROT_READ for a read-only mapping (which also
 * works for a grant that is read-only), PROT_READ | PROT_WRITE to write to
 * the page, which Xen only allows for a writable grant.
 *
 * Returns the address of the page, which stays mapped until
 * xengnttab_unmap(addr, 1); or NULL with errno set and the cause logged:
 * EINVAL when domid does not fit a domain id (16 bits), when Xen refused
 * the grant (a reference not granted to this domain, a domain that does
 * not exist, a write mapping of a read-only grant); ENOSPC when the handle
 * would exceed its limit (see xengnttab_set_max_grants()); ENOTTY when the
 * handle is restricted; ENOMEM; EINVAL for a NULL handle.
 */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt,
                              uint32_t domid,
                              uint32_t ref,
                              int prot);

/*
 * xengnttab_map_grant_refs - map count pages, granted by one or more
 * domains, next to each other: page i is the one domids[i] granted under
 * refs[i].
 *
 * prot is as for xengnttab_map_grant_ref(), for all the pages.  Either all
 * pages are mapped or none is: on any failure, nothing stays mapped.
 *
 * Returns the address of the first page; the mapping spans count pages and
 * stays until xengnttab_unmap(addr, count).  Or NULL with errno set and the
 * cause logged: EINVAL for a count of 0, a count above what the driver
 * maps in one request (its "limit" parameter, 65536 by default), NULL
 * arrays, or any reason of xengnttab_map_grant_ref(); ENOSPC and ENOMEM as
 * there.
 */
void *xengnttab_map_grant_refs(xengnttab_handle *xgt,
                               uint32_t count,
                               uint32_t *domids,
                               uint32_t *refs,
                               int prot);

/*
 * xengnttab_map_domain_grant_refs - xengnttab_map_grant_refs() for pages
 * that one domain, domid, granted: page i is its grant refs[i].
 */
void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt,
                                      uint32_t count,
                                      uint32_t domid,
                                      uint32_t *refs,
                                      int prot);

/*
 * xengnttab_map_grant_ref_notify - xengnttab_map_grant_ref() that also
 * asks the kernel to notify the granting side when the mapping goes,
 * whether by xengnttab_unmap() or by the end of the process.
 *
 * notify_offset is the offset in the page of a byte that the kernel sets
 * to 0 just before it unmaps the page, or (uint32_t)-1 for none; only a
 * writable mapping (prot with PROT_WRITE) can have one.
 * notify_port is a port bound through a libxenevtchn handle in this
 * domain, on which the kernel then sends an event, or (evtchn_port_t)-1
 * for none.
 *
 * Returns the page's address, or NULL with errno set and the cause logged:
 * the reasons of xengnttab_map_grant_ref(), and EINVAL when notify_offset
 * lies outside the page or comes without PROT_WRITE, or notify_port is not
 * a port bound through libxenevtchn.  When the notification cannot be set
 * up, nothing stays mapped.
 */
void *xengnttab_map_grant_ref_notify(xengnttab_handle *xgt,
                                     uint32_t domid,
                                     uint32_t ref,
                                     int prot,
                                     uint32_t notify_offset,
                                     evtchn_port_t notify_port);

/*
 * xengnttab_unmap - unmap the count pages at start_address, a mapping made
 * through this handle by one of the xengnttab_map_* calls, with count the
 * number of pages it was made with.  Its unmap notification, if any, is
 * carried out.
 *
 * Returns 0, or -1 with errno set and the cause logged: EINVAL when
 * start_address is not the start of a mapping of this handle (never
 * mapped, unmapped already, mapped through another handle) or count is
 * not its number of pages, in which cases nothing is unmapped; the error
 * of munmap(2) or of the driver; EINVAL for a NULL handle.
 */
int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
                    uint32_t count);

/*
 * xengnttab_set_max_grants - limit the number of pages this handle may
 * have mapped at once to nr_grants.
 *
 * The library enforces the limit itself, since current Linux kernels no
 * longer do: a xengnttab_map_* call that would take the handle above it
 * fails with ENOSPC.  Mappings made before stay; a limit below what is
 * mapped only stops new mappings.  Pages unmapped with munmap(2) instead
 * of xengnttab_unmap() may go on counting until the handle is closed.  A
 * new handle has no limit of its own.  Call it right after opening the
 * handle.
 *
 * Returns 0, or -1 with errno EINVAL for a NULL handle.
 */
int xengnttab_set_max_grants(xengnttab_handle *xgt,
                             uint32_t nr_grants);

/*
 * One segment of xengnttab_grant_copy(): len bytes from source to dest.
 *
 * Each side is either local memory of this process (virt, which may cross
 * pages) or part of a page granted by another domain (foreign: the
 * granting domain, its reference, and an offset with offset + len <=
 * 4096).  flags says which sides are foreign: GNTCOPY_source_gref,
 * GNTCOPY_dest_gref or both, never neither.  status receives the outcome,
 * GNTST_okay (0) or a negative GNTST_* code.
 */
struct xengnttab_grant_copy_segment {
    union xengnttab_copy_ptr {
        void *virt;
        struct {
            uint32_t ref;
            uint16_t offset;
            uint16_t domid;
        } foreign;
    } source, dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;
};

typedef struct xengnttab_grant_copy_segment xengnttab_grant_copy_segment_t;

/*
 * xengnttab_grant_copy - copy the count segments of segs, each to, from or
 * between granted pages, without mapping them into this process.
 *
 * Each segment succeeds or fails on its own: the call returns 0 when Xen
 * was asked to do them all, and then segs[i].status says how segment i
 * went (GNTST_bad_gntref for a reference that is not granted to this
 * domain, GNTST_bad_domain for a domain that does not exist, ...).  A
 * count of 0 does nothing and returns 0.
 *
 * Returns -1 with errno set and the cause logged when the segments could
 * not all be submitted: EINVAL for a segment with neither side foreign or
 * whose foreign side crosses the end of its page (the segments before it
 * may have been copied, those after it were not), or for NULL segs;
 * EFAULT when the kernel cannot read segs or a local side; ENOTTY when the
 * handle is restricted; EINVAL for a NULL handle.
 */
int xengnttab_grant_copy(xengnttab_handle *xgt,
                         uint32_t count,
                         xengnttab_grant_copy_segment_t *segs);

/*
 * dma-buf: grants as buffers that devices can use.  These need a kernel
 * built with CONFIG_XEN_GNTDEV_DMABUF; without it each of the four calls
 * fails with EOPNOTSUPP and logs why.
 */

/* Flags of xengnttab_dmabuf_exp_from_refs(): where the buffer's backing
 * memory comes from.  Neither: ordinary pages. */
#define GNTDEV_DMA_FLAG_WC (1 << 0)       /* DMA memory, write-combining */
#define GNTDEV_DMA_FLAG_COHERENT (1 << 1) /* DMA memory, coherent */

/*
 * xengnttab_dmabuf_exp_from_refs - make a dma-buf of the count pages that
 * domain domid granted under refs[0..count-1].
 *
 * flags is 0 or one of the GNTDEV_DMA_FLAG_* values.  On success *fd is
 * the dma-buf's new file descriptor, the caller's to pass on and close.
 *
 * Returns 0, or -1 with errno set and the cause logged: EOPNOTSUPP (see
 * above); EINVAL for a count of 0 or above the driver's limit, NULL refs
 * or fd, a domid beyond 16 bits, or a grant Xen refused; ENOMEM; EINVAL
 * for a NULL handle.
 */
int xengnttab_dmabuf_exp_from_refs(xengnttab_handle *xgt, uint32_t domid,
                                   uint32_t flags, uint32_t count,
                                   const uint32_t *refs, uint32_t *fd);

/*
 * xengnttab_dmabuf_exp_wait_released - wait until the dma-buf fd made by
 * xengnttab_dmabuf_exp_from_refs() is released by all its users, for at
 * most wait_to_ms milliseconds.
 *
 * Returns 0 once it is released, or -1 with errno set: ETIMEDOUT when it
 * still is not; ENOENT when fd is not such a buffer of this handle or is
 * released already (not an error for a caller that knows fd was one);
 * these two are answers, and not logged.  Or EOPNOTSUPP (see above), or
 * another error of the kernel, logged.
 */
int xengnttab_dmabuf_exp_wait_released(xengnttab_handle *xgt, uint32_t fd,
                                       uint32_t wait_to_ms);

/*
 * xengnttab_dmabuf_imp_to_refs - grant domain domid the count pages of the
 * dma-buf fd (made by some other driver), writing the references into
 * refs[0..count-1].
 *
 * Returns 0, or -1 with errno set and the cause logged: EOPNOTSUPP (see
 * above); EINVAL for a count of 0 or above the driver's limit, NULL refs,
 * a domid beyond 16 bits, or a count that does not match the buffer; the
 * kernel's error for an fd that is not a usable dma-buf.
 */
int xengnttab_dmabuf_imp_to_refs(xengnttab_handle *xgt, uint32_t domid,
                                 uint32_t fd, uint32_t count, uint32_t *refs);

/*
 * xengnttab_dmabuf_imp_release - end the grants made by
 * xengnttab_dmabuf_imp_to_refs() of dma-buf fd, so that its owner can free
 * it.
 *
 * Returns 0, or -1 with errno set and the cause logged: ENOENT when fd was
 * not imported through this handle; EOPNOTSUPP (see above).
 */
int xengnttab_dmabuf_imp_release(xengnttab_handle *xgt, uint32_t fd);

/* ============================================== the granting side: gntshr */

/* An open connection to the grant allocation driver.  Opaque. */
typedef struct xengntdev_handle xengntshr_handle;

/*
 * xengntshr_open - open a handle onto the grant allocation driver,
 * /dev/xen/gntalloc.
 *
 * logger and open_flags are as for xengnttab_open(); the descriptor is
 * close-on-exec, and the handle is registered with libxentoolcore in the
 * same way (once restricted, it can share nothing more).
 *
 * Returns the handle, or NULL with errno set and the cause logged: EINVAL
 * for a nonzero open_flags; the error of opening /dev/xen/gntalloc;
 * ENOMEM.  After fork(), the rules of xengnttab_open() apply.
 */
xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger,
                                 unsigned open_flags);

/*
 * xengntshr_close - close a handle from xengntshr_open().
 *
 * Unshare every page with xengntshr_unshare() first: shared pages left
 * over stay mapped, and granted, until they are removed with munmap(2) or
 * the process ends.  No other thread may use the handle during or after
 * the call.  Returns 0, also for a NULL handle; -1 with errno set if
 * closing the descriptor failed (the handle is released all the same).
 */
int xengntshr_close(xengntshr_handle *xgs);

/*
 * xengntshr_fd - the handle's file descriptor, as xengnttab_fd() for this
 * side.  Returns -1 with errno EINVAL for a NULL handle.
 */
int xengntshr_fd(xengntshr_handle *xgs);

/*
 * xengntshr_share_pages - allocate count zeroed pages, map them into this
 * process next to each other, and grant them to domain domid (which may
 * be this domain), read-only unless writable is nonzero.
 *
 * refs must have room for count references; refs[i] receives page i's.
 * Only pages from this call can be shared: memory from anywhere else
 * cannot.
 *
 * Returns the address of the first page, writable by this process; the
 * pages stay shared until xengntshr_unshare(addr, count).  Or NULL with
 * errno set and the cause logged, and nothing allocated: EINVAL for a
 * count below 1, NULL refs, or a domid beyond 16 bits; ENOSPC when the
 * driver's pool of grants (its "limit" parameter, 1024 by default, shared
 * by the whole domain) or Xen's grant table has no room for count more;
 * ENOTTY when the handle is restricted; ENOMEM; EINVAL for a NULL handle.
 */
void *xengntshr_share_pages(xengntshr_handle *xgs, uint32_t domid,
                            int count, uint32_t *refs, int writable);

/*
 * xengntshr_share_page_notify - xengntshr_share_pages() of one page, whose
 * reference goes to *ref, that also asks the kernel to notify the peer
 * when this side's mapping goes (by xengntshr_unshare() or the end of the
 * process).
 *
 * notify_offset and notify_port are as for
 * xengnttab_map_grant_ref_notify(): a byte of the page that is set to 0,
 * (uint32_t)-1 for none; a port bound through libxenevtchn on which an
 * event is sent, (evtchn_port_t)-1 for none.
 *
 * Returns the page's address, or NULL with errno set and the cause
 * logged: the reasons of xengntshr_share_pages(), and EINVAL when the
 * notification cannot be set up (an offset outside the page, a port not
 * bound through libxenevtchn), in which case nothing is shared.
 */
void *xengntshr_share_page_notify(xengntshr_handle *xgs, uint32_t domid,
                                  uint32_t *ref, int writable,
                                  uint32_t notify_offset,
                                  evtchn_port_t notify_port);

/*
 * xengntshr_unshare - unmap the count pages at start_address, shared
 * through this handle by one call of xengntshr_share_pages() or
 * xengntshr_share_page_notify() with count pages, and carry out their
 * unmap notification, if any.
 *
 * The grants end with this.  A peer that still has the pages mapped keeps
 * them, and the kernel frees them once the peer lets go.
 *
 * Returns 0, or -1 with errno set and the cause logged: EINVAL when
 * start_address is not the start of pages shared through this handle or
 * count is not their number, in which case nothing is unshared; the error
 * of munmap(2); EINVAL for a NULL handle.
 */
int xengntshr_unshare(xengntshr_handle *xgs, void *start_address,
                      uint32_t count);

#endif /* XENGNTTAB_H */
