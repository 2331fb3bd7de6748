/* SPDX-License-Identifier: MIT */
/*
 * The scheduler Xen runs (Pool-0's, credit2 by default) on a domain made
 * here, and the refusals of the calls for the other schedulers.  The
 * credit and RTDS schedulers at work: see cpupool.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

static void credit2(xc_interface *xch, int domid)
{
    struct xen_domctl_sched_credit2 dom = { .weight = 0 };
    struct xen_sysctl_credit2_schedule params = { .ratelimit_us = 0 }, saved;

    T_RC("credit2_domain_get", xc_sched_credit2_domain_get(xch, (uint32_t)domid, &dom));
    t_result("credit2 domain", "weight %u cap %u", dom.weight, dom.cap);
    dom = (struct xen_domctl_sched_credit2){ .weight = 1000, .cap = 25 };
    T_RC("credit2_domain_set 1000/25", xc_sched_credit2_domain_set(xch, (uint32_t)domid, &dom));
    t_result("credit2 domain after set", "weight %u cap %u", dom.weight, dom.cap);
    memset(&dom, 0, sizeof(dom));
    T_RC("credit2_domain_get again", xc_sched_credit2_domain_get(xch, (uint32_t)domid, &dom));
    t_result("credit2 domain read back", "weight %u cap %u", dom.weight, dom.cap);
    dom = (struct xen_domctl_sched_credit2){ .weight = 0 };
    T_RC("credit2_domain_set weight 0", xc_sched_credit2_domain_set(xch, (uint32_t)domid, &dom));
    T_RC("credit2_domain_get of no domain",
         xc_sched_credit2_domain_get(xch, DOMID_FIRST_RESERVED - 1, &dom));

    /* Pool-0's parameters are the host's: changed and put back. */
    T_RC("credit2_params_get of Pool-0", xc_sched_credit2_params_get(xch, 0, &params));
    t_result("credit2 params", "ratelimit %u", params.ratelimit_us);
    saved = params;
    params.ratelimit_us = 2000;
    T_RC("credit2_params_set ratelimit 2000", xc_sched_credit2_params_set(xch, 0, &params));
    t_result("credit2 params after set", "ratelimit %u", params.ratelimit_us);
    params.ratelimit_us = 0;
    T_RC("credit2_params_get again", xc_sched_credit2_params_get(xch, 0, &params));
    t_result("credit2 params read back", "ratelimit %u", params.ratelimit_us);
    params.ratelimit_us = 1;
    T_RC("credit2_params_set ratelimit 1", xc_sched_credit2_params_set(xch, 0, &params));
    t_result("credit2 params after the refused set", "ratelimit %u", params.ratelimit_us);
    T_RC("credit2_params_set back", xc_sched_credit2_params_set(xch, 0, &saved));
    T_RC("credit2_params_get of pool 77", xc_sched_credit2_params_get(xch, 77, &params));
}

/* The calls for the schedulers the domain's pool does not run. */
static void other_schedulers(xc_interface *xch, int domid)
{
    struct xen_domctl_sched_credit credit = { .weight = 3 };
    struct xen_sysctl_credit_schedule credit_params = { .tslice_ms = 3 };
    struct xen_domctl_sched_rtds rtds = { .period = 3 };
    struct xen_domctl_schedparam_vcpu v = { .vcpuid = 0 };

    T_RC("credit_domain_get under credit2",
         xc_sched_credit_domain_get(xch, (uint32_t)domid, &credit));
    t_result("credit after the refusal", "weight %u", credit.weight);
    T_RC("credit_domain_set under credit2",
         xc_sched_credit_domain_set(xch, (uint32_t)domid, &credit));
    T_RC("credit_params_get of Pool-0", xc_sched_credit_params_get(xch, 0, &credit_params));
    t_result("credit params after the refusal", "tslice %u", credit_params.tslice_ms);
    T_RC("credit_params_set of Pool-0", xc_sched_credit_params_set(xch, 0, &credit_params));
    T_RC("rtds_domain_get under credit2", xc_sched_rtds_domain_get(xch, (uint32_t)domid, &rtds));
    T_RC("rtds_domain_set under credit2", xc_sched_rtds_domain_set(xch, (uint32_t)domid, &rtds));
    T_RC("rtds_vcpu_get under credit2", xc_sched_rtds_vcpu_get(xch, (uint32_t)domid, &v, 1));
    T_RC("rtds_vcpu_set under credit2", xc_sched_rtds_vcpu_set(xch, (uint32_t)domid, &v, 1));
    T_RC("rtds_vcpu_get of no vcpus", xc_sched_rtds_vcpu_get(xch, (uint32_t)domid, &v, 0));
}

/* Pool-0 runs credit2 (and no pool runs ARINC 653 unless made so):
 * refused both ways; a schedule got is printed only if Xen gave one. */
static void arinc653(xc_interface *xch, int domid)
{
    static struct xen_sysctl_arinc653_schedule schedule;
    xc_dominfo_t info;
    int rc;

    memset(&schedule, 0x5a, sizeof(schedule));
    errno = 0;
    rc = xc_sched_arinc653_schedule_get(xch, 0, &schedule);
    t_rc_result("arinc653_schedule_get of Pool-0", rc, errno);
    if (rc == 0)
        t_result("arinc653 schedule", "major %lu entries %u",
                 (unsigned long)schedule.major_frame, schedule.num_sched_entries);
    memset(&schedule, 0, sizeof(schedule));
    schedule.major_frame = 10000000;
    schedule.num_sched_entries = 1;
    if (xc_domain_getinfo(xch, (uint32_t)domid, 1, &info) == 1)
        memcpy(schedule.sched_entries[0].dom_handle, info.handle, sizeof(info.handle));
    schedule.sched_entries[0].runtime = 10000000;
    T_RC("arinc653_schedule_set of Pool-0", xc_sched_arinc653_schedule_set(xch, 0, &schedule));
    T_RC("arinc653_schedule_get of cpupool 99",
         xc_sched_arinc653_schedule_get(xch, 99, &schedule));
    T_RC("arinc653_schedule_set of cpupool 99",
         xc_sched_arinc653_schedule_set(xch, 99, &schedule));
}

void diff_sched(xc_interface *xch, const struct diff_domains *d)
{
    int sched = -1, domid = testdom_create_pv();

    (void)d;
    T_RC("sched_id", xc_sched_id(xch, &sched));
    t_result("Xen's scheduler", "%d", sched);
    if (domid < 0) {
        t_result("scheduler test domain", "not made");
        return;
    }
    credit2(xch, domid);
    other_schedulers(xch, domid);
    arinc653(xch, domid);
    T_RC("destroy the scheduler test domain", testdom_destroy(domid));
}
