/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenevtchn: handles, argument checks and error reports, independent
 * of the OS. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>

#include "private.h"

/* ------------------------------------------------------------ handles */

static int restrict_and_report(xenevtchn_handle *xce, domid_t domid)
{
    int rc = xenevtchn__os_restrict(xce, domid);

    if (rc < 0)
        xenlibs_handle_error(&xce->base, "cannot restrict the handle to domain %u",
                             (unsigned)domid);
    return rc;
}

static int restrict_handle(struct xenlibs_handle *base, domid_t domid)
{
    return restrict_and_report(XENLIBS_HANDLE_OF(base, xenevtchn_handle), domid);
}

static int open_device(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    (void)arg;
    return xenevtchn__os_open(XENLIBS_HANDLE_OF(base, xenevtchn_handle), flags);
}

/* xenevtchn_fdopen(): the handle adopts the caller's descriptor. */
static int adopt_fd(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    (void)flags;
    XENLIBS_HANDLE_OF(base, xenevtchn_handle)->fd = *(const int *)arg;
    return 0;
}

static int release_handle(struct xenlibs_handle *base)
{
    return xenevtchn__os_close(XENLIBS_HANDLE_OF(base, xenevtchn_handle));
}

static const struct xenlibs_handle_kind opened_kind = {
    .context = XENEVTCHN_LOG_CONTEXT,
    .known_flags = XENEVTCHN_ALL_OPENFLAGS,
    XENLIBS_HANDLE_LAYOUT(xenevtchn_handle),
    .open = open_device,
    .close = release_handle,
    .restrict_to = restrict_handle,
};

static const struct xenlibs_handle_kind adopted_kind = {
    .context = XENEVTCHN_LOG_CONTEXT,
    .known_flags = 0,
    XENLIBS_HANDLE_LAYOUT(xenevtchn_handle),
    .open = adopt_fd,
    .close = release_handle,
    .restrict_to = restrict_handle,
};

EXPORT xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger, unsigned int flags)
{
    return xenlibs_handle_open(&opened_kind, logger, flags, NULL, __func__);
}

EXPORT xenevtchn_handle *xenevtchn_fdopen(struct xentoollog_logger *logger, int fd,
                                          unsigned open_flags)
{
    if (open_flags) {
        xenlibs_log_without_handle(
            logger, XTL_ERROR, EINVAL, XENEVTCHN_LOG_CONTEXT, "xenevtchn_fdopen: flags %#x: %s",
            open_flags,
            open_flags == XENEVTCHN_NO_CLOEXEC
                ? "XENEVTCHN_NO_CLOEXEC is for xenevtchn_open(); the descriptor exists"
                : "no flag applies here");
        errno = EINVAL;
        return NULL;
    }
    if (fd < 0 || fcntl(fd, F_GETFD) < 0) {
        xenlibs_log_without_handle(logger, XTL_ERROR, EBADF, XENEVTCHN_LOG_CONTEXT,
                                   "xenevtchn_fdopen: %d is not an open file descriptor", fd);
        errno = EBADF;
        return NULL;
    }
    return xenlibs_handle_open(&adopted_kind, logger, 0, &fd, __func__);
}

EXPORT int xenevtchn_close(xenevtchn_handle *xce)
{
    return xenlibs_handle_close(xce ? &xce->base : NULL);
}

EXPORT int xenevtchn_fd(xenevtchn_handle *xce)
{
    return xenlibs_refuse_null_handle(xce) ? -1 : xce->fd;
}

EXPORT int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid)
{
    return xenlibs_refuse_null_handle(xce) ? -1 : restrict_and_report(xce, domid);
}

/* ------------------------------------------------------------ ports */

/* The per-port calls' failures are logged at XTL_DEBUG only (see
 * xenevtchn.h): a peer closing its end must not fill a daemon's log. */
#define debug_failure(xce, ...) xenlibs_handle_log(&(xce)->base, XTL_DEBUG, errno, __VA_ARGS__)

EXPORT int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_notify(xce, port);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_notify: port %u", (unsigned)port);
    return rc;
}

EXPORT xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *xce,
                                                             uint32_t domid)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_bind_unbound_port(xce, domid);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_bind_unbound_port: domain %u", (unsigned)domid);
    return rc;
}

EXPORT xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce,
                                                            uint32_t domid,
                                                            evtchn_port_t remote_port)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_bind_interdomain(xce, domid, remote_port);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_bind_interdomain: domain %u port %u", (unsigned)domid,
                      (unsigned)remote_port);
    return rc;
}

EXPORT xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_bind_virq(xce, virq);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_bind_virq: VIRQ %u", virq);
    return rc;
}

EXPORT int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_unbind(xce, port);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_unbind: port %u", (unsigned)port);
    return rc;
}

EXPORT xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_pending(xce);
    /* An empty queue or a signal is no failure worth a message. */
    if (rc < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        debug_failure(xce, "xenevtchn_pending");
    return rc;
}

EXPORT int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    int rc;

    if (xenlibs_refuse_null_handle(xce))
        return -1;
    rc = xenevtchn__os_unmask(xce, port);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_unmask: port %u", (unsigned)port);
    return rc;
}
