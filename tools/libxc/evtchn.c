/* SPDX-License-Identifier: LGPL-2.1-only */
/* Event channels as the control domain sees them: event_channel_op.
 * (Using event channels is libxenevtchn's.) */
#include "private.h"

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
