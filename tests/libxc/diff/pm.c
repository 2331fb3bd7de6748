/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/pm.c, power management, on CPUs 0 and 1 and
 * one that does not exist.  Under QEMU Xen has no cpufreq driver: the
 * cpufreq calls' refusals are what is compared, the C-state statistics
 * what Xen has (counts, not times).  The C-state limits and the
 * scheduler's SMT power saving are set, read back and restored; the
 * cpufreq setters only ever set what is in force.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

#define NO_CPU 4096
#define MAX_STATES 16
#define MAX_RESIDENCIES 8
#define SENTINEL 0xfeedfacecafebeefULL

static void px(xc_interface *xch, int cpu, const char *c)
{
    uint64_t trans[MAX_STATES * MAX_STATES];
    struct xc_px_val vals[MAX_STATES];
    struct xc_px_stat st = { .trans_pt = trans, .pt = vals };
    char name[64];
    int max = -7, rc;

    snprintf(name, sizeof(name), "%s pm_get_max_px", c);
    errno = 0;
    rc = xc_pm_get_max_px(xch, cpu, &max);
    t_result(name, "rc %d errno %d max %d", rc, rc ? errno : 0, max);
    snprintf(name, sizeof(name), "%s pm_get_pxstat", c);
    if (rc == 0 && (max < 0 || max > MAX_STATES)) {
        t_result(name, "not called: %d states", max);
    } else {
        errno = 0;
        rc = xc_pm_get_pxstat(xch, cpu, &st);
        t_result(name, "rc %d errno %d total %u usable %u", rc, rc ? errno : 0, st.total,
                 st.usable);
    }
    st.pt = NULL;
    snprintf(name, sizeof(name), "%s pm_get_pxstat NULL pt", c);
    T_RC(name, xc_pm_get_pxstat(xch, cpu, &st));
    snprintf(name, sizeof(name), "%s pm_reset_pxstat", c);
    T_RC(name, xc_pm_reset_pxstat(xch, cpu));
}

static void cx(xc_interface *xch, int cpu, const char *c)
{
    uint64_t triggers[MAX_STATES], residencies[MAX_STATES];
    uint64_t pc[MAX_RESIDENCIES], cc[MAX_RESIDENCIES];
    struct xc_cx_stat st = { .triggers = triggers, .residencies = residencies,
                             .pc = pc, .cc = cc, .nr_pc = MAX_RESIDENCIES,
                             .nr_cc = MAX_RESIDENCIES };
    unsigned pc_set = 0, cc_set = 0;
    char name[64];
    int max = -7, rc;

    snprintf(name, sizeof(name), "%s pm_get_max_cx", c);
    errno = 0;
    rc = xc_pm_get_max_cx(xch, cpu, &max);
    t_result(name, "rc %d errno %d max %d", rc, rc ? errno : 0, max);
    st.nr = rc == 0 && max > 0 && max <= MAX_STATES ? (uint32_t)max : 1;
    for (unsigned i = 0; i < MAX_RESIDENCIES; i++)
        pc[i] = cc[i] = SENTINEL;
    snprintf(name, sizeof(name), "%s pm_get_cxstat", c);
    errno = 0;
    rc = xc_pm_get_cxstat(xch, cpu, &st);
    for (unsigned i = 0; i < MAX_RESIDENCIES; i++) {
        pc_set += pc[i] != SENTINEL;
        cc_set += cc[i] != SENTINEL;
    }
    /* Counts only: times and the state last entered change. */
    t_result(name, "rc %d errno %d nr %u nr_pc %u nr_cc %u pc written %u cc written %u", rc,
             rc ? errno : 0, st.nr, st.nr_pc, st.nr_cc, pc_set, cc_set);
    snprintf(name, sizeof(name), "%s pm_reset_cxstat", c);
    T_RC(name, xc_pm_reset_cxstat(xch, cpu));
}

/* The cpufreq calls; the setters set only what get_cpufreq_para says is
 * in force (nothing where Xen has no cpufreq). */
static void cpufreq(xc_interface *xch, int cpu, const char *c)
{
    struct xc_get_cpufreq_para p = { 0 };
    char name[64], gov[CPUFREQ_NAME_LEN] = "performance";
    int rc, avg = -7;
    bool known = false;

    snprintf(name, sizeof(name), "%s get_cpufreq_para counts", c);
    errno = 0;
    rc = xc_get_cpufreq_para(xch, cpu, &p);
    t_result(name, "rc %d errno %d cpus %u freqs %u govs %u", rc, rc ? errno : 0, p.cpu_num,
             p.freq_num, p.gov_num);
    if (rc == -EAGAIN && p.cpu_num && p.freq_num && p.gov_num) {
        p.affected_cpus = calloc(p.cpu_num, sizeof(*p.affected_cpus));
        p.scaling_available_frequencies = calloc(p.freq_num, sizeof(uint32_t));
        p.scaling_available_governors = calloc(p.gov_num, CPUFREQ_NAME_LEN);
        snprintf(name, sizeof(name), "%s get_cpufreq_para", c);
        errno = 0;
        rc = xc_get_cpufreq_para(xch, cpu, &p);
        t_result(name, "rc %d errno %d driver %.16s governor %.16s max %u min %u turbo %d",
                 rc, rc ? errno : 0, p.scaling_driver, p.scaling_governor,
                 p.scaling_max_freq, p.scaling_min_freq, p.turbo_enabled);
        if (rc == 0) {
            known = true;
            memcpy(gov, p.scaling_governor, sizeof(gov));
            gov[sizeof(gov) - 1] = '\0';
        }
        free(p.affected_cpus);
        free(p.scaling_available_frequencies);
        free(p.scaling_available_governors);
    }
    /* All counts, no arrays: the library's refusal. */
    p = (struct xc_get_cpufreq_para){ .cpu_num = 1, .freq_num = 1, .gov_num = 1 };
    snprintf(name, sizeof(name), "%s get_cpufreq_para NULL arrays", c);
    T_RC(name, xc_get_cpufreq_para(xch, cpu, &p));
    snprintf(name, sizeof(name), "%s get_cpufreq_avgfreq", c);
    errno = 0;
    rc = xc_get_cpufreq_avgfreq(xch, cpu, &avg);
    t_rc_result(name, rc, errno);
    snprintf(name, sizeof(name), "%s set_cpufreq_gov", c);
    T_RC(name, xc_set_cpufreq_gov(xch, cpu, gov));
    snprintf(name, sizeof(name), "%s set_cpufreq_para bad type", c);
    T_RC(name, xc_set_cpufreq_para(xch, cpu, 99, 0));
    if (known) {
        snprintf(name, sizeof(name), "%s set_cpufreq_para max as it is", c);
        T_RC(name, xc_set_cpufreq_para(xch, cpu, SCALING_MAX_FREQ, (int)p.scaling_max_freq));
    }
    /* Turbo mode: only to the state it is in when that is known. */
    if (!known || !p.turbo_enabled) {
        snprintf(name, sizeof(name), "%s disable_turbo", c);
        T_RC(name, xc_disable_turbo(xch, cpu));
    }
    if (!known || p.turbo_enabled) {
        snprintf(name, sizeof(name), "%s enable_turbo", c);
        T_RC(name, xc_enable_turbo(xch, cpu));
    }
}

/* The C-state limit, or with sub the C-substate one: called by name, so
 * that the API matrix sees the calls. */
static int get_limit(xc_interface *xch, bool sub, uint32_t *value)
{
    return sub ? xc_get_cpuidle_max_csubstate(xch, value) : xc_get_cpuidle_max_cstate(xch, value);
}

static int set_limit(xc_interface *xch, bool sub, uint32_t value)
{
    return sub ? xc_set_cpuidle_max_csubstate(xch, value) : xc_set_cpuidle_max_cstate(xch, value);
}

/* A limit got, set to value (or other, when value is what it is), read
 * back and restored. */
static void limit(xc_interface *xch, const char *what, bool sub, uint32_t value, uint32_t other)
{
    char name[64];
    uint32_t orig = 7, now = 7;
    int rc;

    snprintf(name, sizeof(name), "get %s", what);
    errno = 0;
    rc = get_limit(xch, sub, &orig);
    t_result(name, "rc %d errno %d value %u", rc, rc ? errno : 0, orig);
    if (rc)
        return;
    if (orig == value)
        value = other;
    snprintf(name, sizeof(name), "set %s %u", what, value);
    T_RC(name, set_limit(xch, sub, value));
    snprintf(name, sizeof(name), "%s read back", what);
    errno = 0;
    rc = get_limit(xch, sub, &now);
    t_result(name, "rc %d errno %d value %u", rc, rc ? errno : 0, now);
    snprintf(name, sizeof(name), "set %s back", what);
    T_RC(name, set_limit(xch, sub, orig));
    snprintf(name, sizeof(name), "%s restored", what);
    errno = 0;
    rc = get_limit(xch, sub, &now);
    t_result(name, "rc %d errno %d value %u", rc, rc ? errno : 0, now);
}

/* Xen gives back the setting it replaced in the sysctl, which the
 * library does not pass on: a raw sysctl reads it. */
static int raw_set_smt(xc_interface *xch, uint32_t value, uint32_t *was)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_pm_op };
    int rc;

    s.u.pm_op.cmd = XEN_SYSCTL_pm_op_set_sched_opt_smt;
    s.u.pm_op.u.set_sched_opt_smt = value;
    rc = xc_sysctl(xch, &s);
    *was = s.u.pm_op.u.set_sched_opt_smt;
    return rc;
}

static void sched_smt(xc_interface *xch)
{
    uint32_t orig = 7, was = 7;
    int rc;

    errno = 0;
    rc = raw_set_smt(xch, 0, &orig);
    t_result("sched_opt_smt as found", "rc %d errno %d value %u", rc, rc ? errno : 0, orig);
    if (rc)
        return;
    T_RC("set_sched_opt_smt 1", xc_set_sched_opt_smt(xch, 1));
    errno = 0;
    rc = raw_set_smt(xch, orig, &was);
    t_result("sched_opt_smt read back", "rc %d errno %d value %u", rc, rc ? errno : 0, was);
    T_RC("set_sched_opt_smt as found", xc_set_sched_opt_smt(xch, orig));
}

void diff_pm(xc_interface *xch, const struct diff_domains *d)
{
    static const struct { int cpu; const char *name; } cpus[] = {
        { 0, "cpu 0" }, { 1, "cpu 1" }, { NO_CPU, "no cpu" },
    };

    (void)d;
    for (size_t i = 0; i < sizeof(cpus) / sizeof(cpus[0]); i++) {
        px(xch, cpus[i].cpu, cpus[i].name);
        cx(xch, cpus[i].cpu, cpus[i].name);
        cpufreq(xch, cpus[i].cpu, cpus[i].name);
    }
    /* C-state limits that keep C1 (halt) allowed: under 0 idle CPUs
     * would spin. */
    limit(xch, "max_cstate", false, 2, 3);
    limit(xch, "max_csubstate", true, 0, 1);
    sched_smt(xch);
}
