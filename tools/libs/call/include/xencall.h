/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xencall.h - issue hypercalls to Xen from a program in a privileged
 * domain, and allocate the memory those hypercalls read and write.
 *
 * Library: libxencall.so.1 (stable API and ABI).
 *
 * The library forwards a hypercall number and up to five arguments to the
 * hypervisor; what the arguments mean is the business of the hypercall
 * (Xen's public headers, <xen/...>), whose interface has its own rules of
 * stability.  Any argument that points at memory must point into a
 * hypercall buffer from xencall_alloc_buffer*(): ordinary memory may be
 * paged or moved while Xen accesses it.
 */
#ifndef XENCALL_H
#define XENCALL_H

#include <stddef.h>
#include <stdint.h>

/* A logger from <xentoollog.h>; only needed by callers who pass one. */
struct xentoollog_logger;

/* An open connection to the hypercall driver.  Opaque. */
typedef struct xencall_handle xencall_handle;

/*
 * Flag for xencall_open(): the caller promises to use the handle from one
 * thread at a time, so the library skips the locking of its buffer cache.
 */
#define XENCALL_OPENFLAG_NON_REENTRANT (1U << 0)

/*
 * xencall_open - open a handle onto the hypercall driver.
 *
 * logger receives the library's error messages; NULL makes the handle log
 * to stderr, at level XTL_PROGRESS and above, through a logger of its own.
 * open_flags is 0 or XENCALL_OPENFLAG_NON_REENTRANT.
 *
 * The handle's file descriptors are close-on-exec, and the handle is
 * registered with libxentoolcore.  After xentoolcore_restrict_all() its
 * hypercalls fail (see xencall0()), and so do allocations that need new
 * pages from /dev/xen/hypercall; buffers already allocated stay valid.
 *
 * Returns the handle, or NULL with errno set (and the cause logged):
 * EINVAL for an unknown flag; the error of opening /dev/xen/privcmd (ENOENT
 * when the kernel has no Xen privcmd driver, EACCES without the right to
 * use it); ENOMEM.
 *
 * After fork(), the child must not use a handle inherited from its parent,
 * nor any of its buffers, except to xencall_close() it; exec() releases
 * everything.  The child opens its own handle if it needs one.
 */
xencall_handle *xencall_open(struct xentoollog_logger *logger,
                             unsigned open_flags);

/*
 * xencall_close - close a handle from xencall_open(), and release every
 * buffer the handle keeps for reuse.
 *
 * Buffers the caller has not freed are not released: free them before
 * closing.  No other thread may use the handle during or after the call.  In a child after fork() this is the
 * only call allowed on an inherited handle.
 *
 * Returns 0, also for a NULL handle; -1 with errno set if closing the
 * driver's file descriptor failed (the handle is released all the same).
 */
int xencall_close(xencall_handle *xcall);

/*
 * xencall_fd - the file descriptor of /dev/xen/privcmd that the handle
 * issues hypercalls through.
 *
 * For unusual uses (fcntl(), handing it to another program, ioctl()s the
 * library does not wrap); polling it is of no use.  It stays owned by the
 * handle: do not close it.  Returns -1 with errno EINVAL for a NULL handle.
 */
int xencall_fd(xencall_handle *xcall);

/*
 * xencall0 ... xencall5, xencall2L - issue hypercall op with 0 to 5
 * arguments, in the calling thread, and wait for it to complete.
 *
 * Returns the hypervisor's result (xencall2L as a long, for hypercalls
 * whose results need more than an int; the others truncate it to int),
 * except that an error -E, a result from -4095 to -1, becomes -1 with
 * errno E: Xen's error numbers are the host's on Linux.  The driver and
 * the library fail in the same way with their own errno values (EINVAL for
 * a NULL handle, EFAULT for a bad pointer, ENOTTY or EPERM once
 * xentoolcore_restrict_all() has restricted the handle): an errno alone
 * cannot always tell who failed.
 *
 * Thread-safe: threads may issue hypercalls on one handle at the same time.
 * These functions never log.
 */
int xencall0(xencall_handle *xcall, unsigned int op);
int xencall1(xencall_handle *xcall, unsigned int op,
             uint64_t arg1);
int xencall2(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2);
int xencall3(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2, uint64_t arg3);
int xencall4(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2, uint64_t arg3,
             uint64_t arg4);
int xencall5(xencall_handle *xcall, unsigned int op,
             uint64_t arg1, uint64_t arg2, uint64_t arg3,
             uint64_t arg4, uint64_t arg5);
long xencall2L(xencall_handle *xcall, unsigned int op,
               uint64_t arg1, uint64_t arg2);

/*
 * xencall_alloc_buffer_pages - allocate nr_pages pages (of 4096 bytes) of
 * hypercall buffer, page aligned.
 *
 * The memory is zero-filled, and stays in place and resident until freed,
 * so Xen can read and write it while a hypercall runs.  Free it with
 * xencall_free_buffer_pages() and the same nr_pages.  Freed buffers are
 * kept for reuse within a bounded amount of memory, so allocating again
 * is cheap.
 *
 * Returns the buffer, or NULL with errno set and the cause logged: EINVAL
 * for a NULL handle or nr_pages 0; ENOMEM when nr_pages is too large or
 * memory ran out.  Where the kernel lacks /dev/xen/hypercall, buffers are
 * locked memory, and RLIMIT_MEMLOCK applies: ENOMEM beyond it, EPERM when
 * it is 0.
 *
 * Thread-safe unless the handle was opened XENCALL_OPENFLAG_NON_REENTRANT.
 */
void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages);

/*
 * xencall_free_buffer_pages - free a buffer from xencall_alloc_buffer_pages()
 * with the nr_pages it was allocated with.  p NULL does nothing.  Freeing
 * with a different nr_pages is undefined; a nr_pages of 0 is logged and
 * the buffer left alone.  errno is left unchanged.
 */
void xencall_free_buffer_pages(xencall_handle *xcall, void *p,
                               size_t nr_pages);

/*
 * xencall_alloc_buffer - allocate size bytes of hypercall buffer, aligned
 * for any object type (as malloc()), in pages of its own.
 *
 * As xencall_alloc_buffer_pages() otherwise, including errors (ENOMEM when
 * size is too large).  Free it with xencall_free_buffer().
 */
void *xencall_alloc_buffer(xencall_handle *xcall, size_t size);

/*
 * xencall_free_buffer - free a buffer from xencall_alloc_buffer().  p NULL
 * does nothing; a pointer that xencall_alloc_buffer() did not return is
 * logged and left alone when the library can tell.  errno is left
 * unchanged.
 */
void xencall_free_buffer(xencall_handle *xcall, void *p);

/*
 * xencall_buffers_never_fault - whether the handle's buffers are always
 * accessible to Xen.
 *
 * Returns 1 when they come from the kernel's hypercall buffer driver
 * (/dev/xen/hypercall), so Xen never meets a page fault in them; 0 when
 * they are locked anonymous memory, which the kernel may still move, so a
 * hypercall may in rare cases fail with EFAULT.  0 also, with errno EINVAL,
 * for a NULL handle.
 */
int xencall_buffers_never_fault(xencall_handle *xcall);

#endif /* XENCALL_H */
