/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Power management (sysctl get_pmstat and pm_op): P-state (cpufreq) and
 * C-state (cpuidle) statistics, the cpufreq governor and its parameters,
 * turbo mode, the C-state limits and the scheduler's SMT power saving.
 * Without a cpufreq driver (dom0 gave Xen no P-states) Xen refuses the
 * cpufreq calls; its errors are passed on.
 */
#include <string.h>

#include "private.h"

/* A get_pmstat sysctl of type on CPU cpuid; Xen's answer is left in *s. */
static int pmstat(xc_interface *xch, uint32_t type, int cpuid, struct xen_sysctl *s)
{
    s->cmd = XEN_SYSCTL_get_pmstat;
    s->u.get_pmstat.type = type;
    s->u.get_pmstat.cpuid = (uint32_t)cpuid;
    return xc__sysctl(xch, s);
}

/* A pm_op sysctl, its union member filled by the caller; Xen's answer is
 * left in *s. */
static int pm_op(xc_interface *xch, uint32_t cmd, uint32_t cpuid, struct xen_sysctl *s)
{
    s->cmd = XEN_SYSCTL_pm_op;
    s->u.pm_op.cmd = cmd;
    s->u.pm_op.cpuid = cpuid;
    return xc__sysctl(xch, s);
}

/* ------------------------------------------------------- statistics */

EXPORT int xc_pm_get_max_px(xc_interface *xch, int cpuid, int *max_px)
{
    struct xen_sysctl s = { 0 };
    int rc;

    if (!max_px)
        return xc__invalid(xch, "xc_pm_get_max_px: NULL count");
    rc = pmstat(xch, PMSTAT_get_max_px, cpuid, &s);
    if (rc == 0)
        *max_px = s.u.get_pmstat.u.getpx.total;
    return rc;
}

/* The caller's arrays hold as many P-states as Xen has (max_px): a
 * max_px x max_px transition table and max_px values. */
EXPORT int xc_pm_get_pxstat(xc_interface *xch, int cpuid, struct xc_px_stat *pxpt)
{
    struct xen_sysctl s = { 0 };
    uint64_t *trans_pt;
    struct xc_px_val *pt;
    int max_px, rc = -1;

    if (!pxpt || !pxpt->trans_pt || !pxpt->pt)
        return xc__invalid(xch, "xc_pm_get_pxstat: NULL %s", pxpt ? "array" : "statistics");
    if (xc_pm_get_max_px(xch, cpuid, &max_px))
        return -1;
    trans_pt = pxpt->trans_pt;
    pt = pxpt->pt;
    {
        DECLARE_HYPERCALL_BOUNCE(trans_pt, (size_t)max_px * max_px * sizeof(*trans_pt),
                                 XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
        DECLARE_HYPERCALL_BOUNCE(pt, (size_t)max_px * sizeof(*pt),
                                 XC_HYPERCALL_BUFFER_BOUNCE_BOTH);

        if (xc_hypercall_bounce_pre(xch, trans_pt) || xc_hypercall_bounce_pre(xch, pt))
            goto out;
        s.u.get_pmstat.u.getpx.total = (uint8_t)max_px;
        set_xen_guest_handle(s.u.get_pmstat.u.getpx.trans_pt, trans_pt);
        set_xen_guest_handle(s.u.get_pmstat.u.getpx.pt, pt);
        rc = pmstat(xch, PMSTAT_get_pxstat, cpuid, &s);
        if (rc == 0) {
            pxpt->total = s.u.get_pmstat.u.getpx.total;
            pxpt->usable = s.u.get_pmstat.u.getpx.usable;
            pxpt->last = s.u.get_pmstat.u.getpx.last;
            pxpt->cur = s.u.get_pmstat.u.getpx.cur;
        }
    out:
        xc_hypercall_bounce_post(xch, trans_pt);
        xc_hypercall_bounce_post(xch, pt);
    }
    return rc;
}

EXPORT int xc_pm_reset_pxstat(xc_interface *xch, int cpuid)
{
    struct xen_sysctl s = { 0 };

    return pmstat(xch, PMSTAT_reset_pxstat, cpuid, &s);
}

EXPORT int xc_pm_get_max_cx(xc_interface *xch, int cpuid, int *max_cx)
{
    struct xen_sysctl s = { 0 };
    int rc;

    if (!max_cx)
        return xc__invalid(xch, "xc_pm_get_max_cx: NULL count");
    rc = pmstat(xch, PMSTAT_get_max_cx, cpuid, &s);
    if (rc == 0)
        *max_cx = (int)s.u.get_pmstat.u.getcx.nr;
    return rc;
}

/* The caller's arrays are as long as its counts say (nr, nr_pc, nr_cc);
 * Xen writes back the counts it filled. */
EXPORT int xc_pm_get_cxstat(xc_interface *xch, int cpuid, struct xc_cx_stat *cxpt)
{
    struct xen_sysctl s = { 0 };
    uint64_t *triggers, *residencies, *pc, *cc;
    int rc = -1;

    if (!cxpt)
        return xc__invalid(xch, "xc_pm_get_cxstat: NULL statistics");
    triggers = cxpt->triggers;
    residencies = cxpt->residencies;
    pc = cxpt->pc;
    cc = cxpt->cc;
    {
        DECLARE_HYPERCALL_BOUNCE(triggers, (size_t)cxpt->nr * sizeof(*triggers),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);
        DECLARE_HYPERCALL_BOUNCE(residencies, (size_t)cxpt->nr * sizeof(*residencies),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);
        DECLARE_HYPERCALL_BOUNCE(pc, (size_t)cxpt->nr_pc * sizeof(*pc),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);
        DECLARE_HYPERCALL_BOUNCE(cc, (size_t)cxpt->nr_cc * sizeof(*cc),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, triggers) ||
            xc_hypercall_bounce_pre(xch, residencies) || xc_hypercall_bounce_pre(xch, pc) ||
            xc_hypercall_bounce_pre(xch, cc))
            goto out;
        s.u.get_pmstat.u.getcx.nr = cxpt->nr;
        s.u.get_pmstat.u.getcx.nr_pc = cxpt->nr_pc;
        s.u.get_pmstat.u.getcx.nr_cc = cxpt->nr_cc;
        set_xen_guest_handle(s.u.get_pmstat.u.getcx.triggers, triggers);
        set_xen_guest_handle(s.u.get_pmstat.u.getcx.residencies, residencies);
        set_xen_guest_handle(s.u.get_pmstat.u.getcx.pc, pc);
        set_xen_guest_handle(s.u.get_pmstat.u.getcx.cc, cc);
        rc = pmstat(xch, PMSTAT_get_cxstat, cpuid, &s);
        if (rc == 0) {
            cxpt->nr = s.u.get_pmstat.u.getcx.nr;
            cxpt->last = s.u.get_pmstat.u.getcx.last;
            cxpt->idle_time = s.u.get_pmstat.u.getcx.idle_time;
            cxpt->nr_pc = s.u.get_pmstat.u.getcx.nr_pc;
            cxpt->nr_cc = s.u.get_pmstat.u.getcx.nr_cc;
        }
    out:
        xc_hypercall_bounce_post(xch, triggers);
        xc_hypercall_bounce_post(xch, residencies);
        xc_hypercall_bounce_post(xch, pc);
        xc_hypercall_bounce_post(xch, cc);
    }
    return rc;
}

EXPORT int xc_pm_reset_cxstat(xc_interface *xch, int cpuid)
{
    struct xen_sysctl s = { 0 };

    return pmstat(xch, PMSTAT_reset_cxstat, cpuid, &s);
}

/* ---------------------------------------------------------- cpufreq */

/*
 * Xen fills the arrays only when the three counts are exactly its own;
 * otherwise it refuses with EAGAIN and gives its counts, which are
 * passed back with the return value -EAGAIN (upstream's), for the caller
 * to size its arrays and ask again.  All counts nonzero: the arrays must
 * be there.
 */
EXPORT int xc_get_cpufreq_para(xc_interface *xch, int cpuid,
                               struct xc_get_cpufreq_para *user_para)
{
    struct xen_sysctl s = { 0 };
    struct xen_get_cpufreq_para *p = &s.u.pm_op.u.get_para;
    uint32_t *affected_cpus, *scaling_available_frequencies;
    char *scaling_available_governors;
    bool has_num;
    int rc = -1;

    if (!user_para)
        return xc__invalid(xch, "xc_get_cpufreq_para: NULL parameters");
    has_num = user_para->cpu_num && user_para->freq_num && user_para->gov_num;
    affected_cpus = has_num ? user_para->affected_cpus : NULL;
    scaling_available_frequencies = has_num ? user_para->scaling_available_frequencies : NULL;
    scaling_available_governors = has_num ? user_para->scaling_available_governors : NULL;
    if (has_num && (!affected_cpus || !scaling_available_frequencies ||
                    !scaling_available_governors))
        return xc__invalid(xch, "xc_get_cpufreq_para: NULL array");
    {
        DECLARE_HYPERCALL_BOUNCE(affected_cpus,
                                 (size_t)user_para->cpu_num * sizeof(*affected_cpus),
                                 XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
        DECLARE_HYPERCALL_BOUNCE(scaling_available_frequencies,
                                 (size_t)user_para->freq_num *
                                     sizeof(*scaling_available_frequencies),
                                 XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
        DECLARE_HYPERCALL_BOUNCE(scaling_available_governors,
                                 (size_t)user_para->gov_num * CPUFREQ_NAME_LEN,
                                 XC_HYPERCALL_BUFFER_BOUNCE_BOTH);

        if (xc_hypercall_bounce_pre(xch, affected_cpus) ||
            xc_hypercall_bounce_pre(xch, scaling_available_frequencies) ||
            xc_hypercall_bounce_pre(xch, scaling_available_governors))
            goto out;
        set_xen_guest_handle(p->affected_cpus, affected_cpus);
        set_xen_guest_handle(p->scaling_available_frequencies, scaling_available_frequencies);
        set_xen_guest_handle(p->scaling_available_governors, scaling_available_governors);
        p->cpu_num = user_para->cpu_num;
        p->freq_num = user_para->freq_num;
        p->gov_num = user_para->gov_num;
        rc = pm_op(xch, GET_CPUFREQ_PARA, (uint32_t)cpuid, &s);
        if (rc && errno == EAGAIN) {
            user_para->cpu_num = p->cpu_num;
            user_para->freq_num = p->freq_num;
            user_para->gov_num = p->gov_num;
            rc = -EAGAIN;
        } else if (rc == 0) {
            memcpy(user_para->scaling_driver, p->scaling_driver, CPUFREQ_NAME_LEN);
            user_para->cpuinfo_cur_freq = p->cpuinfo_cur_freq;
            user_para->cpuinfo_max_freq = p->cpuinfo_max_freq;
            user_para->cpuinfo_min_freq = p->cpuinfo_min_freq;
            user_para->scaling_cur_freq = p->scaling_cur_freq;
            memcpy(user_para->scaling_governor, p->scaling_governor, CPUFREQ_NAME_LEN);
            user_para->scaling_max_freq = p->scaling_max_freq;
            user_para->scaling_min_freq = p->scaling_min_freq;
            _Static_assert(sizeof(user_para->u) == sizeof(p->u), "governor parameters");
            memcpy(&user_para->u, &p->u, sizeof(p->u));
            user_para->turbo_enabled = p->turbo_enabled;
        }
    out:
        xc_hypercall_bounce_post(xch, affected_cpus);
        xc_hypercall_bounce_post(xch, scaling_available_frequencies);
        xc_hypercall_bounce_post(xch, scaling_available_governors);
    }
    return rc;
}

EXPORT int xc_set_cpufreq_gov(xc_interface *xch, int cpuid, char *govname)
{
    struct xen_sysctl s = { 0 };

    if (!govname)
        return xc__invalid(xch, "xc_set_cpufreq_gov: NULL governor");
    /* A longer name is cut to what the field holds. */
    strncpy(s.u.pm_op.u.set_gov.scaling_governor, govname, CPUFREQ_NAME_LEN - 1);
    return pm_op(xch, SET_CPUFREQ_GOV, (uint32_t)cpuid, &s);
}

EXPORT int xc_set_cpufreq_para(xc_interface *xch, int cpuid, int ctrl_type, int ctrl_value)
{
    struct xen_sysctl s = { 0 };

    s.u.pm_op.u.set_para.ctrl_type = (uint32_t)ctrl_type;
    s.u.pm_op.u.set_para.ctrl_value = (uint32_t)ctrl_value;
    return pm_op(xch, SET_CPUFREQ_PARA, (uint32_t)cpuid, &s);
}

/* *avg_freq is written whatever Xen answers, as upstream does: 0 here
 * when Xen refuses. */
EXPORT int xc_get_cpufreq_avgfreq(xc_interface *xch, int cpuid, int *avg_freq)
{
    struct xen_sysctl s = { 0 };
    int rc;

    if (!avg_freq)
        return xc__invalid(xch, "xc_get_cpufreq_avgfreq: NULL frequency");
    rc = pm_op(xch, GET_CPUFREQ_AVGFREQ, (uint32_t)cpuid, &s);
    *avg_freq = (int)s.u.pm_op.u.get_avgfreq;
    return rc;
}

EXPORT int xc_enable_turbo(xc_interface *xch, int cpuid)
{
    struct xen_sysctl s = { 0 };

    return pm_op(xch, XEN_SYSCTL_pm_op_enable_turbo, (uint32_t)cpuid, &s);
}

EXPORT int xc_disable_turbo(xc_interface *xch, int cpuid)
{
    struct xen_sysctl s = { 0 };

    return pm_op(xch, XEN_SYSCTL_pm_op_disable_turbo, (uint32_t)cpuid, &s);
}

/* ------------------------------------------------ scheduler, cpuidle */

EXPORT int xc_set_sched_opt_smt(xc_interface *xch, uint32_t value)
{
    struct xen_sysctl s = { 0 };

    s.u.pm_op.u.set_sched_opt_smt = value;
    return pm_op(xch, XEN_SYSCTL_pm_op_set_sched_opt_smt, 0, &s);
}

/* pm_op's cpuid says which limit: 0 the C-state, 1 the C-sub-state.
 * *value is written whatever Xen answers (0 when it refuses), as
 * upstream does. */
static int get_limit(xc_interface *xch, uint32_t which, uint32_t *value, const char *fn)
{
    struct xen_sysctl s = { 0 };
    int rc;

    if (!value)
        return xc__invalid(xch, "%s: NULL value", fn);
    rc = pm_op(xch, XEN_SYSCTL_pm_op_get_max_cstate, which, &s);
    *value = s.u.pm_op.u.get_max_cstate;
    return rc;
}

static int set_limit(xc_interface *xch, uint32_t which, uint32_t value)
{
    struct xen_sysctl s = { 0 };

    s.u.pm_op.u.set_max_cstate = value;
    return pm_op(xch, XEN_SYSCTL_pm_op_set_max_cstate, which, &s);
}

EXPORT int xc_get_cpuidle_max_cstate(xc_interface *xch, uint32_t *value)
{
    return get_limit(xch, 0, value, "xc_get_cpuidle_max_cstate");
}

EXPORT int xc_set_cpuidle_max_cstate(xc_interface *xch, uint32_t value)
{
    return set_limit(xch, 0, value);
}

EXPORT int xc_get_cpuidle_max_csubstate(xc_interface *xch, uint32_t *value)
{
    return get_limit(xch, 1, value, "xc_get_cpuidle_max_csubstate");
}

EXPORT int xc_set_cpuidle_max_csubstate(xc_interface *xch, uint32_t value)
{
    return set_limit(xch, 1, value);
}
