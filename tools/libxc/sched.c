/* Scheduler operations: the sched_op family. */
#include "private.h"

EXPORT int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason)
{
    struct sched_remote_shutdown arg = {
        .domain_id = (domid_t)domid,
        .reason = (unsigned)reason,
    };

    return (int)xc__hypercall_struct(xch, __HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, &arg,
                                     sizeof(arg), 0);
}

EXPORT int xc_watchdog(xc_interface *xch, uint32_t id, uint32_t timeout)
{
    struct sched_watchdog arg = { .id = id, .timeout = timeout };

    return (int)xc__hypercall_struct(xch, __HYPERVISOR_sched_op, SCHEDOP_watchdog, &arg,
                                     sizeof(arg), 0);
}
