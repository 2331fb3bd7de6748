/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenevtchn: the Linux backend, over the event channel driver. */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* First: <xen/sys/evtchn.h> needs the Xen types it brings. */
#include "private.h"

#include <xen/sys/evtchn.h>

#define EVTCHN_DEVICE "/dev/xen/evtchn"

int xenevtchn__os_open(xenevtchn_handle *xce, unsigned int flags)
{
    /* XENEVTCHN_NO_CLOEXEC: the caller means to hand it across exec(). */
    xce->fd = flags & XENEVTCHN_NO_CLOEXEC ? open(EVTCHN_DEVICE, O_RDWR)
                                           : xenlibs_open_cloexec(EVTCHN_DEVICE, O_RDWR);
    if (xce->fd < 0) {
        xenlibs_handle_log(&xce->base, XTL_ERROR, errno, "cannot open %s",
                EVTCHN_DEVICE);
        return -1;
    }
    return 0;
}

int xenevtchn__os_close(xenevtchn_handle *xce)
{
    int rc = close(xce->fd);

    xce->fd = -1;
    return rc;
}

/* The driver's ioctls return the new port, or 0, or -1 and errno: Xen's
 * error for what the hypervisor refused, the driver's for the rest. */

int xenevtchn__os_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    struct ioctl_evtchn_notify notify = { .port = port };

    return ioctl(xce->fd, IOCTL_EVTCHN_NOTIFY, &notify);
}

int xenevtchn__os_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid)
{
    struct ioctl_evtchn_bind_unbound_port bind = { .remote_domain = domid };

    return ioctl(xce->fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &bind);
}

int xenevtchn__os_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                                   evtchn_port_t remote_port)
{
    struct ioctl_evtchn_bind_interdomain bind = { .remote_domain = domid,
                                                  .remote_port = remote_port };

    return ioctl(xce->fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
}

int xenevtchn__os_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    struct ioctl_evtchn_bind_virq bind = { .virq = virq };

    return ioctl(xce->fd, IOCTL_EVTCHN_BIND_VIRQ, &bind);
}

int xenevtchn__os_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    struct ioctl_evtchn_unbind unbind = { .port = port };

    return ioctl(xce->fd, IOCTL_EVTCHN_UNBIND, &unbind);
}

int xenevtchn__os_restrict(xenevtchn_handle *xce, domid_t domid)
{
    struct ioctl_evtchn_restrict_domid restrict_domid = { .domid = domid };

    return ioctl(xce->fd, IOCTL_EVTCHN_RESTRICT_DOMID, &restrict_domid);
}

/* The driver reads and writes whole port numbers: a shorter transfer only
 * comes from a descriptor that is not the driver's. */

int xenevtchn__os_pending(xenevtchn_handle *xce)
{
    evtchn_port_t port;
    ssize_t n = read(xce->fd, &port, sizeof(port));

    if (n == (ssize_t)sizeof(port))
        return (int)port;
    if (n >= 0)
        errno = EIO;
    return -1;
}

int xenevtchn__os_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    ssize_t n = write(xce->fd, &port, sizeof(port));

    if (n == (ssize_t)sizeof(port))
        return 0;
    if (n >= 0)
        errno = EIO;
    return -1;
}
