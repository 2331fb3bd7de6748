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
        xtl_log(xce->log.logger, XTL_ERROR, errno, XENEVTCHN_LOG_CONTEXT,
                "cannot restrict the handle to domain %u", (unsigned)domid);
    return rc;
}

static int restrict_callback(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    return restrict_and_report((xenevtchn_handle *)((char *)ah - offsetof(xenevtchn_handle, tc_ah)),
                               domid);
}

/* A handle around fd (-1: none yet), registered with libxentoolcore. */
static xenevtchn_handle *new_handle(xentoollog_logger *logger, int fd)
{
    xenevtchn_handle *xce = calloc(1, sizeof(*xce));

    if (!xce) {
        xenlibs_log_without_handle(logger, XTL_ERROR, errno, XENEVTCHN_LOG_CONTEXT,
                                   "cannot allocate a handle");
        return NULL;
    }
    if (xenlibs_logger_init(&xce->log, logger) < 0) {
        free(xce);
        return NULL;
    }
    xce->fd = fd;
    xce->tc_ah.restrict_callback = restrict_callback;
    xentoolcore__register_active_handle(&xce->tc_ah);
    return xce;
}

/* Undoes new_handle(); errno is left as it was, for error paths. */
static void free_handle(xenevtchn_handle *xce)
{
    int saved_errno = errno;

    xentoolcore__deregister_active_handle(&xce->tc_ah);
    xenlibs_logger_fini(&xce->log);
    free(xce);
    errno = saved_errno;
}

EXPORT xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger, unsigned int flags)
{
    xenevtchn_handle *xce;

    if (xenlibs_refuse_unknown_flags(logger, XENEVTCHN_LOG_CONTEXT, __func__, flags,
                                     XENEVTCHN_ALL_OPENFLAGS))
        return NULL;
    /* Registered before its descriptor exists: a xentoolcore_restrict_all()
     * racing with this open then fails (EBADF) instead of missing it. */
    xce = new_handle(logger, -1);
    if (xce && xenevtchn__os_open(xce, flags) < 0) {
        free_handle(xce);
        return NULL;
    }
    return xce;
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
    /* Registered with its descriptor: there is no window to close as in
     * xenevtchn_open(), the descriptor was there, unrestricted, before. */
    return new_handle(logger, fd);
}

EXPORT int xenevtchn_close(xenevtchn_handle *xce)
{
    int rc;

    if (!xce)
        return 0;
    /* Out of the registry first: a restrict must not meet a closed fd. */
    xentoolcore__deregister_active_handle(&xce->tc_ah);
    rc = xenevtchn__os_close(xce);
    xenlibs_logger_fini(&xce->log);
    free(xce);
    return rc;
}

/* For the calls that take a handle: a NULL one fails with EINVAL. */
static inline bool no_handle(const xenevtchn_handle *xce)
{
    if (xce)
        return false;
    errno = EINVAL;
    return true;
}

EXPORT int xenevtchn_fd(xenevtchn_handle *xce)
{
    return no_handle(xce) ? -1 : xce->fd;
}

EXPORT int xenevtchn_restrict(xenevtchn_handle *xce, domid_t domid)
{
    return no_handle(xce) ? -1 : restrict_and_report(xce, domid);
}

/* ------------------------------------------------------------ ports */

/* The per-port calls' failures: at XTL_DEBUG only (see xenevtchn.h).
 * Out of line, off the path of the calls that succeed. */
static void __attribute__((cold, noinline, format(printf, 2, 3)))
debug_failure(xenevtchn_handle *xce, const char *fmt, ...)
{
    va_list al;

    va_start(al, fmt);
    xtl_logv(xce->log.logger, XTL_DEBUG, errno, XENEVTCHN_LOG_CONTEXT, fmt, al);
    va_end(al);
}

EXPORT int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    int rc;

    if (no_handle(xce))
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

    if (no_handle(xce))
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

    if (no_handle(xce))
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

    if (no_handle(xce))
        return -1;
    rc = xenevtchn__os_bind_virq(xce, virq);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_bind_virq: VIRQ %u", virq);
    return rc;
}

EXPORT int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    int rc;

    if (no_handle(xce))
        return -1;
    rc = xenevtchn__os_unbind(xce, port);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_unbind: port %u", (unsigned)port);
    return rc;
}

EXPORT xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    int rc;

    if (no_handle(xce))
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

    if (no_handle(xce))
        return -1;
    rc = xenevtchn__os_unmask(xce, port);
    if (rc < 0)
        debug_failure(xce, "xenevtchn_unmask: port %u", (unsigned)port);
    return rc;
}
