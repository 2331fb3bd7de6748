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
