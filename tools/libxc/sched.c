/* SPDX-License-Identifier: LGPL-2.1-only */
/* Schedulers: which one Xen started with (sysctl sched_id), a domain's
 * parameters (domctl scheduler_op), a cpupool scheduler's (sysctl
 * scheduler_op); and sched_op's watchdog. */
#include <string.h>

#include "private.h"

EXPORT int xc_sched_id(xc_interface *xch, int *sched_id)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_sched_id };
    int rc;

    if (!sched_id)
        return xc__invalid(xch, "xc_sched_id: NULL sched_id");
    rc = xc__sysctl(xch, &s);
    if (rc == 0)
        *sched_id = (int)s.u.sched_id.sched_id;
    return rc;
}

/* A domain's parameters under scheduler sched_id, put from or got into
 * *params (size bytes, the scheduler's member of the union).  Xen refuses
 * a domain whose cpupool runs another scheduler (EINVAL). */
static int domain_params(xc_interface *xch, uint32_t domid, uint32_t sched_id, uint32_t cmd,
                         void *params, size_t size)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_scheduler_op, .domain = (domid_t)domid };
    int rc;

    if (!params)
        return xc__invalid(xch, "scheduler parameters of domain %u: NULL", domid);
    d.u.scheduler_op.sched_id = sched_id;
    d.u.scheduler_op.cmd = cmd;
    if (cmd == XEN_DOMCTL_SCHEDOP_putinfo)
        memcpy(&d.u.scheduler_op.u, params, size);
    rc = xc__domctl(xch, &d);
    if (rc == 0 && cmd == XEN_DOMCTL_SCHEDOP_getinfo)
        memcpy(params, &d.u.scheduler_op.u, size);
    return rc;
}

EXPORT int xc_sched_credit_domain_set(xc_interface *xch, uint32_t domid,
                                      struct xen_domctl_sched_credit *sdom)
{
    return domain_params(xch, domid, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_putinfo, sdom,
                         sizeof(*sdom));
}

EXPORT int xc_sched_credit_domain_get(xc_interface *xch, uint32_t domid,
                                      struct xen_domctl_sched_credit *sdom)
{
    return domain_params(xch, domid, XEN_SCHEDULER_CREDIT, XEN_DOMCTL_SCHEDOP_getinfo, sdom,
                         sizeof(*sdom));
}

EXPORT int xc_sched_credit2_domain_set(xc_interface *xch, uint32_t domid,
                                       struct xen_domctl_sched_credit2 *sdom)
{
    return domain_params(xch, domid, XEN_SCHEDULER_CREDIT2, XEN_DOMCTL_SCHEDOP_putinfo, sdom,
                         sizeof(*sdom));
}

EXPORT int xc_sched_credit2_domain_get(xc_interface *xch, uint32_t domid,
                                       struct xen_domctl_sched_credit2 *sdom)
{
    return domain_params(xch, domid, XEN_SCHEDULER_CREDIT2, XEN_DOMCTL_SCHEDOP_getinfo, sdom,
                         sizeof(*sdom));
}

EXPORT int xc_sched_rtds_domain_set(xc_interface *xch, uint32_t domid,
                                    struct xen_domctl_sched_rtds *sdom)
{
    return domain_params(xch, domid, XEN_SCHEDULER_RTDS, XEN_DOMCTL_SCHEDOP_putinfo, sdom,
                         sizeof(*sdom));
}

EXPORT int xc_sched_rtds_domain_get(xc_interface *xch, uint32_t domid,
                                    struct xen_domctl_sched_rtds *sdom)
{
    return domain_params(xch, domid, XEN_SCHEDULER_RTDS, XEN_DOMCTL_SCHEDOP_getinfo, sdom,
                         sizeof(*sdom));
}

/* Per-vCPU parameters of an RTDS domain: Xen may stop part way to be
 * preempted and says how many it did; the rest follows. */
static int rtds_vcpus(xc_interface *xch, uint32_t domid, uint32_t cmd,
                      struct xen_domctl_schedparam_vcpu *vcpus, uint32_t num_vcpus)
{
    DECLARE_HYPERCALL_BOUNCE(vcpus, (size_t)num_vcpus * sizeof(*vcpus),
                             cmd == XEN_DOMCTL_SCHEDOP_getvcpuinfo ?
                             XC_HYPERCALL_BUFFER_BOUNCE_BOTH : XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_domctl d = { .cmd = XEN_DOMCTL_scheduler_op, .domain = (domid_t)domid };
    uint32_t done = 0;
    int rc = 0;

    if (num_vcpus && !vcpus)
        return xc__invalid(xch, "RTDS vCPU parameters of domain %u: NULL", domid);
    if (xc_hypercall_bounce_pre(xch, vcpus))
        return -1;
    d.u.scheduler_op.sched_id = XEN_SCHEDULER_RTDS;
    d.u.scheduler_op.cmd = cmd;
    while (done < num_vcpus) {
        d.u.scheduler_op.u.v.nr_vcpus = num_vcpus - done;
        set_xen_guest_handle_offset(d.u.scheduler_op.u.v.vcpus, vcpus, done);
        rc = xc__domctl(xch, &d);
        if (rc != 0)
            break;
        if (!d.u.scheduler_op.u.v.nr_vcpus) {
            errno = EIO;
            xc__perror(xch, "RTDS vCPU parameters of domain %u: Xen did none of %u", domid,
                       num_vcpus - done);
            rc = -1;
            break;
        }
        done += d.u.scheduler_op.u.v.nr_vcpus;
    }
    xc_hypercall_bounce_post(xch, vcpus);
    return rc;
}

EXPORT int xc_sched_rtds_vcpu_set(xc_interface *xch, uint32_t domid,
                                  struct xen_domctl_schedparam_vcpu *vcpus, uint32_t num_vcpus)
{
    return rtds_vcpus(xch, domid, XEN_DOMCTL_SCHEDOP_putvcpuinfo, vcpus, num_vcpus);
}

EXPORT int xc_sched_rtds_vcpu_get(xc_interface *xch, uint32_t domid,
                                  struct xen_domctl_schedparam_vcpu *vcpus, uint32_t num_vcpus)
{
    return rtds_vcpus(xch, domid, XEN_DOMCTL_SCHEDOP_getvcpuinfo, vcpus, num_vcpus);
}

/* The parameters of cpupool cpupool_id's scheduler sched_id, put or got
 * through *params; both write back what Xen then has (a put answers with
 * the values in force, as upstream's reports them). */
static int pool_params(xc_interface *xch, uint32_t cpupool_id, uint32_t sched_id, uint32_t cmd,
                       void *params, size_t size)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_scheduler_op };
    int rc;

    if (!params)
        return xc__invalid(xch, "scheduler parameters of cpupool %u: NULL", cpupool_id);
    s.u.scheduler_op.cpupool_id = cpupool_id;
    s.u.scheduler_op.sched_id = sched_id;
    s.u.scheduler_op.cmd = cmd;
    memcpy(&s.u.scheduler_op.u, params, size);
    rc = xc__sysctl(xch, &s);
    if (rc == 0)
        memcpy(params, &s.u.scheduler_op.u, size);
    return rc;
}

EXPORT int xc_sched_credit_params_set(xc_interface *xch, uint32_t cpupool_id,
                                      struct xen_sysctl_credit_schedule *schedule)
{
    return pool_params(xch, cpupool_id, XEN_SCHEDULER_CREDIT, XEN_SYSCTL_SCHEDOP_putinfo,
                       schedule, sizeof(*schedule));
}

EXPORT int xc_sched_credit_params_get(xc_interface *xch, uint32_t cpupool_id,
                                      struct xen_sysctl_credit_schedule *schedule)
{
    return pool_params(xch, cpupool_id, XEN_SCHEDULER_CREDIT, XEN_SYSCTL_SCHEDOP_getinfo,
                       schedule, sizeof(*schedule));
}

EXPORT int xc_sched_credit2_params_set(xc_interface *xch, uint32_t cpupool_id,
                                       struct xen_sysctl_credit2_schedule *schedule)
{
    return pool_params(xch, cpupool_id, XEN_SCHEDULER_CREDIT2, XEN_SYSCTL_SCHEDOP_putinfo,
                       schedule, sizeof(*schedule));
}

EXPORT int xc_sched_credit2_params_get(xc_interface *xch, uint32_t cpupool_id,
                                       struct xen_sysctl_credit2_schedule *schedule)
{
    return pool_params(xch, cpupool_id, XEN_SCHEDULER_CREDIT2, XEN_SYSCTL_SCHEDOP_getinfo,
                       schedule, sizeof(*schedule));
}

/* The ARINC 653 scheduler's schedule of cpupool cpupool_id, which Xen
 * reads from or writes into *schedule (a hypercall buffer's copy). */
static int arinc653_schedule(xc_interface *xch, uint32_t cpupool_id, uint32_t cmd,
                             struct xen_sysctl_arinc653_schedule *schedule)
{
    DECLARE_HYPERCALL_BOUNCE(schedule, sizeof(*schedule),
                             cmd == XEN_SYSCTL_SCHEDOP_putinfo ?
                             XC_HYPERCALL_BUFFER_BOUNCE_IN : XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_scheduler_op };
    int rc;

    if (!schedule)
        return xc__invalid(xch, "ARINC 653 schedule of cpupool %u: NULL", cpupool_id);
    if (xc_hypercall_bounce_pre(xch, schedule))
        return -1;
    s.u.scheduler_op.cpupool_id = cpupool_id;
    s.u.scheduler_op.sched_id = XEN_SCHEDULER_ARINC653;
    s.u.scheduler_op.cmd = cmd;
    set_xen_guest_handle(s.u.scheduler_op.u.sched_arinc653.schedule, schedule);
    rc = xc__sysctl(xch, &s);
    xc_hypercall_bounce_post(xch, schedule);
    return rc;
}

EXPORT int xc_sched_arinc653_schedule_set(xc_interface *xch, uint32_t cpupool_id,
                                          struct xen_sysctl_arinc653_schedule *schedule)
{
    return arinc653_schedule(xch, cpupool_id, XEN_SYSCTL_SCHEDOP_putinfo, schedule);
}

EXPORT int xc_sched_arinc653_schedule_get(xc_interface *xch, uint32_t cpupool_id,
                                          struct xen_sysctl_arinc653_schedule *schedule)
{
    return arinc653_schedule(xch, cpupool_id, XEN_SYSCTL_SCHEDOP_getinfo, schedule);
}

EXPORT int xc_watchdog(xc_interface *xch, uint32_t id, uint32_t timeout)
{
    struct sched_watchdog arg = { .id = id, .timeout = timeout };

    return (int)xc__hypercall_struct(xch, __HYPERVISOR_sched_op, SCHEDOP_watchdog, &arg,
                                     sizeof(arg), 0);
}
