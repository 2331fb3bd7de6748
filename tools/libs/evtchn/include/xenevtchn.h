/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xenevtchn.h - send and receive Xen event channel notifications from a
 * program in a Xen domain, through the kernel's event channel driver.
 *
 * Library: libxenevtchn.so.1 (stable API and ABI).
 *
 * An event channel is Xen's doorbell between two endpoints: a port in one
 * domain connected to a port in another (or the same) domain, or a port
 * that Xen itself rings for a virtual interrupt (VIRQ).  A notification
 * carries no data; it says "look at the shared state".  Ringing a port
 * that is already pending does nothing more, so notifications coalesce.
 *
 * A handle owns the ports bound through it.  When one of them fires, the
 * driver masks it and queues its number; the handle's file descriptor
 * becomes readable, xenevtchn_pending() returns the number, and the port
 * stays masked until xenevtchn_unmask().  A notification that arrives
 * while the port is masked is not lost: it is delivered once the port is
 * unmasked.  Closing the handle unbinds all its ports.
 *
 * Threads may share a handle: every call but xenevtchn_close() may run in
 * several threads at once (the driver serialises them), but see
 * xenevtchn_fd() on waiting for one handle's events in several threads.
 *
 * Failures are returned as -1 and errno.  Opening and restricting a
 * handle also log theirs, as errors, through the handle's logger; the
 * other calls log theirs at XTL_DEBUG only, since they fail in the normal
 * course of things (a peer closing its end), and never log a success.
 */
#ifndef XENEVTCHN_H
#define XENEVTCHN_H

#include <stdint.h>

/* evtchn_port_t and domid_t; also the VIRQ_* numbers of xen/xen.h. */
#include <xen/event_channel.h>

/* A port number (at most 31 bits) or -1 for an error. */
typedef int xenevtchn_port_or_error_t;

/* An open connection to the event channel driver.  Opaque. */
typedef struct xenevtchn_handle xenevtchn_handle;

/* A logger from <xentoollog.h>; only needed by callers who pass one. */
struct xentoollog_logger;

/*
 * Flag for xenevtchn_open(): leave the handle's file descriptor open
 * across exec(), for a daemon that replaces itself with a new version of
 * its program and rebuilds the handle there with xenevtchn_fdopen().
 */
#define XENEVTCHN_NO_CLOEXEC (1 << 0)

/*
 * xenevtchn_open - open a handle onto the event channel driver,
 * /dev/xen/evtchn.
 *
 * logger receives the library's messages; NULL makes the handle log to
 * stderr, at level XTL_PROGRESS and above, through a logger of its own.
 * flags is 0 or XENEVTCHN_NO_CLOEXEC: the descriptor is close-on-exec
 * unless that flag is given.  The handle is registered with
 * libxentoolcore: xentoolcore_restrict_all(domid) restricts it as
 * xenevtchn_restrict(domid) does.
 *
 * Returns the handle, or NULL with errno set and the cause logged: EINVAL
 * for an unknown flag; the error of opening /dev/xen/evtchn (ENOENT where
 * the kernel has no event channel driver, EACCES without the right to use
 * it); ENOMEM.
 *
 * After fork(), the child must not use a handle inherited from its parent,
 * not even poll() its descriptor: parent and child would share its ports
 * and its queue of events.  xenevtchn_close() is the one call allowed on
 * it; the child opens a handle of its own if it needs one.
 */
xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                 unsigned int flags);

/*
 * xenevtchn_fdopen - rebuild a handle around fd, a descriptor of
 * /dev/xen/evtchn that a previous program image opened with
 * XENEVTCHN_NO_CLOEXEC and left open across exec().
 *
 * The ports bound through fd stay bound and keep their events.  logger is
 * as for xenevtchn_open().  open_flags must be 0: XENEVTCHN_NO_CLOEXEC is
 * refused, since fd exists already; its close-on-exec flag is left as it
 * is (clear, ready for the next exec()).  On success the handle owns fd
 * and xenevtchn_close() closes it; on failure fd is left open and the
 * caller's.
 *
 * Returns the handle, or NULL with errno set and the cause logged: EINVAL
 * for any flag; EBADF when fd is not an open descriptor; ENOMEM.  That fd
 * really is the event channel driver is not checked: with any other file
 * the handle's operations fail (ENOTTY, EIO...).
 */
xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger,
                                   int fd, unsigned open_flags);

/*
 * xenevtchn_close - close a handle from xenevtchn_open() or
 * xenevtchn_fdopen(), unbinding every port bound through it (unless a
 * copy of its descriptor remains open elsewhere, as in a forked child).
 *
 * No other thread may use the handle during or after the call.  Returns
 * 0, also for a NULL handle; -1 with errno set if closing the descriptor
 * failed (the handle is released all the same).
 */
int xenevtchn_close(xenevtchn_handle *xce);

/*
 * xenevtchn_fd - the handle's file descriptor, for poll(), select() or
 * epoll: it is readable while events are queued for xenevtchn_pending().
 *
 * It stays owned by the handle: do not close it.  Do not make it
 * non-blocking and rely on xenevtchn_pending() failing with EAGAIN;
 * rather wait for it to be readable before each xenevtchn_pending().
 * When several threads or processes wait on one handle, one may take the
 * event another was woken for and leave it blocked in
 * xenevtchn_pending(): give each waiter a handle of its own.
 *
 * Returns -1 with errno EINVAL for a NULL handle.
 */
int xenevtchn_fd(xenevtchn_handle *xce);

/*
 * xenevtchn_notify - send a notification through port, a port bound
 * through this handle, to whatever is at its other end (for a loopback
 * channel, this domain itself).
 *
 * Returns 0, or -1 with errno set: ENOTCONN when port is not bound
 * through this handle (never bound, unbound since, or out of range);
 * EINVAL for a NULL handle.  Notifying a port whose interdomain peer has
 * gone is no error: the notification is dropped.
 */
int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * xenevtchn_bind_unbound_port - allocate a new local port that domain
 * domid may connect to with an interdomain bind (domid may be this
 * domain's own id, for a loopback channel).
 *
 * Xen does not check that domid exists: the port waits for whichever
 * domain has that id when the bind comes.
 *
 * Returns the local port, or -1 with errno set: Xen's error, such as
 * ENOSPC when this domain has no free port; EACCES when the handle is
 * restricted, to any domain (see xenevtchn_restrict()); EINVAL for a NULL
 * handle.
 */
xenevtchn_port_or_error_t
xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid);

/*
 * xenevtchn_bind_interdomain - allocate a new local port connected to
 * remote_port, an unbound port of domain domid that was allocated for
 * this domain.
 *
 * Xen marks the new local port pending as it connects it, so that nothing
 * sent before the connection is missed: expect one event on it from
 * xenevtchn_pending() soon after, with no notification from the peer.
 *
 * Returns the local port, or -1 with errno set: Xen's error, such as
 * EINVAL when remote_port is not an unbound port open to this domain, or
 * ESRCH for a domain that does not exist; EACCES when the handle is
 * restricted to a domain other than domid; EINVAL for a NULL handle.
 */
xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                           evtchn_port_t remote_port);

/*
 * xenevtchn_bind_virq - allocate a new local port on which Xen raises
 * virtual interrupt virq (VIRQ_DOM_EXC, VIRQ_DEBUG... from xen/xen.h).
 *
 * Returns the local port, or -1 with errno set: Xen's error, such as
 * EEXIST when virq is bound already (a global VIRQ such as VIRQ_DOM_EXC
 * has one port in the whole domain: a running xenstored holds that one),
 * EINVAL for an unknown virq; EACCES when the handle is restricted;
 * EINVAL for a NULL handle.
 */
xenevtchn_port_or_error_t
xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq);

/*
 * xenevtchn_unbind - close port, a port bound through this handle.  Its
 * interdomain peer, if any, becomes unconnected; events of port still
 * queued may yet come out of xenevtchn_pending().
 *
 * Returns 0, or -1 with errno set: ENOTCONN when port is not bound
 * through this handle; EINVAL when port is beyond every port this domain
 * can have, or for a NULL handle.
 */
int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * xenevtchn_pending - take the next event from the handle's queue: the
 * number of a port that fired, masked since.
 *
 * Blocks while the queue is empty, unless the descriptor is non-blocking
 * (see xenevtchn_fd() on why not to count on that).  The usual loop:
 * poll() the descriptor; xenevtchn_pending(); look at the shared state
 * and do the work it asks for; xenevtchn_unmask() the port, after which
 * a notification sent in the meantime is delivered again.
 *
 * Returns the port, or -1 with errno set: EAGAIN for an empty queue on a
 * non-blocking descriptor; EINTR when a signal interrupted the wait;
 * EFBIG when the queue overflowed and events were lost (the handle's
 * events are then unreliable: close it and start again); EINVAL for a
 * NULL handle.
 */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce);

/*
 * xenevtchn_unmask - let port, a port bound through this handle that
 * xenevtchn_pending() returned, fire again.
 *
 * Unmasking a port that is not masked does nothing.  So does unmasking a
 * port that is not bound through this handle: the driver ignores it and
 * the call returns 0, as it does with upstream's library.
 *
 * Returns 0, or -1 with errno set (EINVAL for a NULL handle).
 */
int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * xenevtchn_restrict - confine the handle to domain domid, for good.
 *
 * Afterwards the only new ports it can have are those of
 * xenevtchn_bind_interdomain() to a port of domid: binding to any other
 * domain, and every xenevtchn_bind_unbound_port() and
 * xenevtchn_bind_virq(), fail with EACCES.  Ports bound before keep
 * working.  A process that gives up its privileges calls this, or
 * xentoolcore_restrict_all(), before it starts handling untrusted input.
 *
 * Returns 0, or -1 with errno set and the cause logged: EACCES when the
 * handle is restricted already; EINVAL when domid is 0 or a reserved id
 * (DOMID_FIRST_RESERVED and up); ENOTTY for a kernel without the
 * restriction (before Linux 4.8); EINVAL for a NULL handle.
 */
int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid);

#endif /* XENEVTCHN_H */
