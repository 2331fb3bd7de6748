/* SPDX-License-Identifier: MIT */
/*
 * cpupools, and the credit and RTDS schedulers in pools of their own: a
 * new pool, a test domain moved into it, their scheduler parameters set
 * and read back, then everything undone (the host is left as found: one
 * pool, every CPU in it).  CPUs stay in Pool-0: see in_own_pool().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

static int mapsize(xc_interface *xch)
{
    return (xc_get_max_cpus(xch) + 7) / 8;
}

static void pool_info(xc_interface *xch, const char *name, uint32_t poolid)
{
    xc_cpupoolinfo_t *info;

    errno = 0;
    info = xc_cpupool_getinfo(xch, poolid);
    if (!info) {
        t_result(name, "NULL errno %d", errno);
        return;
    }
    t_result(name, "pool %u sched %u domains %s cpus %s", info->cpupool_id, info->sched_id,
             info->n_dom ? "some" : "none", diff_hex(info->cpumap, (size_t)mapsize(xch)));
    xc_cpupool_infofree(xch, info);
}

static void free_cpus(xc_interface *xch, const char *name)
{
    xc_cpumap_t map;

    errno = 0;
    map = xc_cpupool_freeinfo(xch);
    if (!map) {
        t_result(name, "NULL errno %d", errno);
        return;
    }
    t_result(name, "%s", diff_hex(map, (size_t)mapsize(xch)));
    free(map);
}

static void domain_pool(xc_interface *xch, const char *name, int domid)
{
    xc_dominfo_t info;

    if (xc_domain_getinfo(xch, (uint32_t)domid, 1, &info) == 1 && (int)info.domid == domid)
        t_result(name, "pool %u", info.cpupool);
    else
        t_result(name, "no domain");
}

static void credit_in_pool(xc_interface *xch, uint32_t pool, int domid)
{
    struct xen_domctl_sched_credit dom = { .weight = 0 };
    struct xen_sysctl_credit_schedule params;

    T_RC("credit_domain_get", xc_sched_credit_domain_get(xch, (uint32_t)domid, &dom));
    t_result("credit domain", "weight %u cap %u", dom.weight, dom.cap);
    dom = (struct xen_domctl_sched_credit){ .weight = 512, .cap = 50 };
    T_RC("credit_domain_set 512/50", xc_sched_credit_domain_set(xch, (uint32_t)domid, &dom));
    t_result("credit domain after set", "weight %u cap %u", dom.weight, dom.cap);
    memset(&dom, 0, sizeof(dom));
    T_RC("credit_domain_get again", xc_sched_credit_domain_get(xch, (uint32_t)domid, &dom));
    t_result("credit domain read back", "weight %u cap %u", dom.weight, dom.cap);
    dom = (struct xen_domctl_sched_credit){ .cap = 9999 };
    T_RC("credit_domain_set cap 9999",
         xc_sched_credit_domain_set(xch, (uint32_t)domid, &dom));

    memset(&params, 0, sizeof(params));
    T_RC("credit_params_get", xc_sched_credit_params_get(xch, pool, &params));
    t_result("credit params", "tslice %u ratelimit %u migr_delay %u", params.tslice_ms,
             params.ratelimit_us, params.vcpu_migr_delay_us);
    params = (struct xen_sysctl_credit_schedule){ .tslice_ms = 10, .ratelimit_us = 500,
                                                  .vcpu_migr_delay_us = 100 };
    T_RC("credit_params_set 10/500/100", xc_sched_credit_params_set(xch, pool, &params));
    t_result("credit params after set", "tslice %u ratelimit %u migr_delay %u",
             params.tslice_ms, params.ratelimit_us, params.vcpu_migr_delay_us);
    params = (struct xen_sysctl_credit_schedule){ .tslice_ms = 0, .ratelimit_us = 500 };
    T_RC("credit_params_set tslice 0", xc_sched_credit_params_set(xch, pool, &params));
    t_result("credit params after the refused set", "tslice %u ratelimit %u migr_delay %u",
             params.tslice_ms, params.ratelimit_us, params.vcpu_migr_delay_us);
    {
        struct xen_domctl_sched_credit2 c2 = { .weight = 1 };
        struct xen_sysctl_credit2_schedule p2 = { .ratelimit_us = 1 };

        T_RC("credit2_domain_get of a credit domain",
             xc_sched_credit2_domain_get(xch, (uint32_t)domid, &c2));
        T_RC("credit2_params_get of a credit pool", xc_sched_credit2_params_get(xch, pool, &p2));
    }
    /* The domain leaves with credit's defaults, as it came. */
    dom = (struct xen_domctl_sched_credit){ .weight = 256, .cap = 0 };
    T_RC("credit_domain_set back to 256/0", xc_sched_credit_domain_set(xch, (uint32_t)domid,
                                                                       &dom));
}

static void rtds_in_pool(xc_interface *xch, uint32_t pool, int domid)
{
    struct xen_domctl_sched_rtds dom = { .period = 0 };
    struct xen_domctl_schedparam_vcpu v[2];

    (void)pool;     /* RTDS has no pool-wide parameters */
    T_RC("rtds_domain_get", xc_sched_rtds_domain_get(xch, (uint32_t)domid, &dom));
    t_result("rtds domain", "period %u budget %u flags %#x", dom.period, dom.budget, dom.flags);
    dom = (struct xen_domctl_sched_rtds){ .period = 20000, .budget = 5000 };
    T_RC("rtds_domain_set 20000/5000", xc_sched_rtds_domain_set(xch, (uint32_t)domid, &dom));
    memset(&dom, 0, sizeof(dom));
    T_RC("rtds_domain_get again", xc_sched_rtds_domain_get(xch, (uint32_t)domid, &dom));
    t_result("rtds domain read back", "period %u budget %u flags %#x", dom.period, dom.budget,
             dom.flags);

    memset(v, 0, sizeof(v));
    v[0].vcpuid = 0;
    T_RC("rtds_vcpu_get of vcpu 0", xc_sched_rtds_vcpu_get(xch, (uint32_t)domid, v, 1));
    t_result("rtds vcpu 0", "period %u budget %u flags %#x", v[0].u.rtds.period,
             v[0].u.rtds.budget, v[0].u.rtds.flags);
    v[0].u.rtds.period = 30000;
    v[0].u.rtds.budget = 6000;
    v[0].u.rtds.flags = XEN_DOMCTL_SCHEDRT_extra;
    T_RC("rtds_vcpu_set of vcpu 0", xc_sched_rtds_vcpu_set(xch, (uint32_t)domid, v, 1));
    memset(v, 0, sizeof(v));
    T_RC("rtds_vcpu_get of vcpu 0 again", xc_sched_rtds_vcpu_get(xch, (uint32_t)domid, v, 1));
    t_result("rtds vcpu 0 read back", "period %u budget %u flags %#x", v[0].u.rtds.period,
             v[0].u.rtds.budget, v[0].u.rtds.flags);
    v[1].vcpuid = 5;
    T_RC("rtds_vcpu_get of vcpus 0 and 5", xc_sched_rtds_vcpu_get(xch, (uint32_t)domid, v, 2));
    v[0].u.rtds = (struct xen_domctl_sched_rtds){ .period = 100, .budget = 200 };
    T_RC("rtds_vcpu_set budget above period", xc_sched_rtds_vcpu_set(xch, (uint32_t)domid, v, 1));
}

/*
 * A pool of scheduler sched_id, a new domain moved into it, test(xch,
 * pool, domain) run on them, then all undone; `label` names the pool in
 * the case names.  No CPU moves between pools here: under QEMU (TCG, a
 * loaded host), moving CPU 1 from Pool-0 to a new pool and back hung in
 * three of five boots, on either library, in a hypercall that SIGTERM
 * could not end (once seen in the removal from the new pool; cause not
 * found), so the pool stays without CPUs (Xen's answers to that are
 * compared too).
 */
static void in_own_pool(xc_interface *xch, const char *label, uint32_t sched_id,
                        void (*test)(xc_interface *, uint32_t, int))
{
    uint32_t pool = XC_CPUPOOL_POOLID_ANY;
    char name[96];
    int domid, rc;

    snprintf(name, sizeof(name), "cpupool_create %s", label);
    errno = 0;
    rc = xc_cpupool_create(xch, &pool, sched_id);
    t_rc_result(name, rc, errno);
    if (rc != 0)
        return;
    snprintf(name, sizeof(name), "%s pool id", label);
    t_result(name, "%u", pool);
    snprintf(name, sizeof(name), "new %s pool", label);
    pool_info(xch, name, pool);
    snprintf(name, sizeof(name), "%s pool, free CPUs", label);
    free_cpus(xch, name);
    snprintf(name, sizeof(name), "%s pool, addcpu of a CPU in Pool-0", label);
    T_RC(name, xc_cpupool_addcpu(xch, pool, 1));
    snprintf(name, sizeof(name), "%s pool, removecpu of a CPU it has not", label);
    T_RC(name, xc_cpupool_removecpu(xch, pool, 1));

    domid = testdom_create_pv();
    snprintf(name, sizeof(name), "%s pool, movedomain", label);
    T_RC(name, xc_cpupool_movedomain(xch, pool, (uint32_t)domid));
    snprintf(name, sizeof(name), "%s pool, the domain's pool", label);
    domain_pool(xch, name, domid);
    snprintf(name, sizeof(name), "%s pool with its domain", label);
    pool_info(xch, name, pool);
    test(xch, pool, domid);

    snprintf(name, sizeof(name), "%s pool, movedomain back", label);
    T_RC(name, xc_cpupool_movedomain(xch, 0, (uint32_t)domid));
    snprintf(name, sizeof(name), "%s pool, the domain's pool at the end", label);
    domain_pool(xch, name, domid);
    snprintf(name, sizeof(name), "%s pool, destroy", label);
    T_RC(name, xc_cpupool_destroy(xch, pool));
    snprintf(name, sizeof(name), "%s pool, getinfo after destroy", label);
    pool_info(xch, name, pool);
    snprintf(name, sizeof(name), "%s pool, destroy the domain", label);
    T_RC(name, testdom_destroy(domid));
}

static void refusals(xc_interface *xch, int domid)
{
    uint32_t pool = 0;

    T_RC("cpupool_create with Pool-0's id", xc_cpupool_create(xch, &pool, XEN_SCHEDULER_CREDIT));
    t_result("pool id after the refused create", "%u", pool);
    pool = XC_CPUPOOL_POOLID_ANY;
    T_RC("cpupool_create of scheduler 99", xc_cpupool_create(xch, &pool, 99));
    T_RC("cpupool_destroy of Pool-0", xc_cpupool_destroy(xch, 0));
    T_RC("cpupool_destroy of pool 77", xc_cpupool_destroy(xch, 77));
    T_RC("cpupool_addcpu of a CPU in use", xc_cpupool_addcpu(xch, 0, 0));
    T_RC("cpupool_addcpu of CPU 4000", xc_cpupool_addcpu(xch, 0, 4000));
    T_RC("cpupool_addcpu with none free", xc_cpupool_addcpu(xch, 0, -1));
    T_RC("cpupool_removecpu of CPU 4000", xc_cpupool_removecpu(xch, 0, 4000));
    T_RC("cpupool_addcpu to pool 77", xc_cpupool_addcpu(xch, 77, 1));
    T_RC("cpupool_movedomain to pool 77", xc_cpupool_movedomain(xch, 77, (uint32_t)domid));
    T_RC("cpupool_movedomain of no domain",
         xc_cpupool_movedomain(xch, 0, DOMID_FIRST_RESERVED - 1));
    T_RC("cpupool_movedomain to its own pool", xc_cpupool_movedomain(xch, 0, (uint32_t)domid));
}

void diff_cpupool(xc_interface *xch, const struct diff_domains *d)
{
    pool_info(xch, "Pool-0", 0);
    pool_info(xch, "first pool from 1", 1);
    free_cpus(xch, "free CPUs at the start");
    refusals(xch, d->hvm);
    in_own_pool(xch, "credit", XEN_SCHEDULER_CREDIT, credit_in_pool);
    in_own_pool(xch, "RTDS", XEN_SCHEDULER_RTDS, rtds_in_pool);
    pool_info(xch, "Pool-0 at the end", 0);
    pool_info(xch, "first pool from 1 at the end", 1);
    free_cpus(xch, "free CPUs at the end");
}
