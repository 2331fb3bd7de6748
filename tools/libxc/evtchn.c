/* SPDX-License-Identifier: LGPL-2.1-only */
/* Event channels as the control domain sees them: event_channel_op.
 * (Using event channels is libxenevtchn's; upstream's xc_evtchn handle
 * calls of xenctrl_compat.h, at the end, are its calls under old names.) */
#define XC_WANT_COMPAT_EVTCHN_API
#include "private.h"

#include <xenevtchn.h>

EXPORT int xc_evtchn_status(xc_interface *xch, xc_evtchn_status_t *status)
{
    if (!status)
        return xc__invalid(xch, "xc_evtchn_status: NULL status");
    return (int)xc__hypercall_struct(xch, __HYPERVISOR_event_channel_op, EVTCHNOP_status,
                                     status, sizeof(*status), 0);
}

EXPORT xc_evtchn_port_or_error_t xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom,
                                                         uint32_t remote_dom)
{
    struct evtchn_alloc_unbound a = { .dom = (domid_t)dom, .remote_dom = (domid_t)remote_dom };

    if (xc__hypercall_struct(xch, __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, &a,
                             sizeof(a), 0) < 0) {
        /* Logged, as upstream's: a failure here stops a domain's build. */
        if (xch)
            xc__perror(xch, "xc_evtchn_alloc_unbound: no port of dom %u for dom %u", dom,
                       remote_dom);
        return -1;
    }
    return (xc_evtchn_port_or_error_t)a.port;
}

/* Closes every event channel of domain dom (for a soft reset or a
 * kexec'd guest).  Xen does it only for a domain its controller has
 * paused, or for the caller itself. */
EXPORT int xc_evtchn_reset(xc_interface *xch, uint32_t dom)
{
    struct evtchn_reset r = { .dom = (domid_t)dom };

    if (xc__hypercall_struct(xch, __HYPERVISOR_event_channel_op, EVTCHNOP_reset, &r,
                             sizeof(r), 0) < 0) {
        /* Logged, as upstream's. */
        if (xch)
            xc__perror(xch, "xc_evtchn_reset: dom %u", dom);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ compat
 * An xc_evtchn is a xenevtchn_handle: each call is libxenevtchn's. */

EXPORT xc_evtchn *xc_evtchn_open(xentoollog_logger *logger, unsigned open_flags)
{
    return xenevtchn_open(logger, open_flags);
}

EXPORT int xc_evtchn_close(xc_evtchn *xce)
{
    return xenevtchn_close(xce);
}

EXPORT int xc_evtchn_fd(xc_evtchn *xce)
{
    return xenevtchn_fd(xce);
}

EXPORT int xc_evtchn_notify(xc_evtchn *xce, evtchn_port_t port)
{
    return xenevtchn_notify(xce, port);
}

EXPORT xc_evtchn_port_or_error_t xc_evtchn_bind_unbound_port(xc_evtchn *xce, uint32_t domid)
{
    return xenevtchn_bind_unbound_port(xce, domid);
}

EXPORT xc_evtchn_port_or_error_t xc_evtchn_bind_interdomain(xc_evtchn *xce, uint32_t domid,
                                                            evtchn_port_t remote_port)
{
    return xenevtchn_bind_interdomain(xce, domid, remote_port);
}

EXPORT xc_evtchn_port_or_error_t xc_evtchn_bind_virq(xc_evtchn *xce, unsigned int virq)
{
    return xenevtchn_bind_virq(xce, virq);
}

EXPORT int xc_evtchn_unbind(xc_evtchn *xce, evtchn_port_t port)
{
    return xenevtchn_unbind(xce, port);
}

EXPORT xc_evtchn_port_or_error_t xc_evtchn_pending(xc_evtchn *xce)
{
    return xenevtchn_pending(xce);
}

EXPORT int xc_evtchn_unmask(xc_evtchn *xce, evtchn_port_t port)
{
    return xenevtchn_unmask(xce, port);
}
