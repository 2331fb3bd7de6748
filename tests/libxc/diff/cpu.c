/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/cpu.c, CPU hotplug: CPU 1 offline and online
 * again, the host read back in between (online count, topology, Pool-0's
 * CPUs), Xen's refusals (a CPU already in the state asked for, one that
 * does not exist), and the SMT switches.  CPU 0 is never touched, and
 * whatever went offline is brought back.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

#define MAX_CPUS 64
#define NO_CPU 4096

/* The host's CPUs as Xen sees them now, into topo (n of them); prints
 * them under the label when. */
static unsigned host_cpus(xc_interface *xch, const char *when, xc_cputopo_t *topo)
{
    xc_cpupoolinfo_t *pool;
    char name[64];
    unsigned n = MAX_CPUS;
    int rc;

    snprintf(name, sizeof(name), "%s, online cpus", when);
    errno = 0;
    rc = xc_get_online_cpus(xch);
    t_rc_result(name, rc, errno);
    snprintf(name, sizeof(name), "%s, cputopoinfo", when);
    errno = 0;
    rc = xc_cputopoinfo(xch, &n, topo);
    t_result(name, "rc %d errno %d cpus %u", rc, rc ? errno : 0, n);
    if (rc)
        n = 0;
    for (unsigned i = 0; i < n && i < MAX_CPUS; i++) {
        snprintf(name, sizeof(name), "%s, cpu %u", when, i);
        t_result(name, "core %u socket %u", topo[i].core, topo[i].socket);
    }
    snprintf(name, sizeof(name), "%s, Pool-0", when);
    errno = 0;
    pool = xc_cpupool_getinfo(xch, 0);
    if (pool) {
        t_result(name, "cpus %s", diff_hex(pool->cpumap, 1));
        xc_cpupool_infofree(xch, pool);
    } else {
        t_result(name, "NULL errno %d", errno);
    }
    return n < MAX_CPUS ? n : MAX_CPUS;
}

/* Whether an online CPU is a second thread of a core another online CPU
 * is on: what smt_disable would take away. */
static bool has_siblings(const xc_cputopo_t *topo, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = i + 1; j < n; j++)
            if (topo[i].core != XEN_INVALID_CORE_ID && topo[i].core == topo[j].core &&
                topo[i].socket == topo[j].socket)
                return true;
    return false;
}

void diff_cpu(xc_interface *xch, const struct diff_domains *d)
{
    xc_cputopo_t topo[MAX_CPUS];
    uint32_t limit;
    unsigned n;
    int rc;

    (void)d;
    n = host_cpus(xch, "before", topo);
    T_RC("cpu_online of an online CPU", xc_cpu_online(xch, 1));
    T_RC("cpu_online of no CPU", xc_cpu_online(xch, NO_CPU));
    T_RC("cpu_offline of no CPU", xc_cpu_offline(xch, NO_CPU));
    T_RC("cpu_online of CPU -1", xc_cpu_online(xch, -1));
    if (n >= 2) {
        T_RC("cpu_offline 1", xc_cpu_offline(xch, 1));
        host_cpus(xch, "CPU 1 offline", topo);
        T_RC("cpu_offline 1 again", xc_cpu_offline(xch, 1));
        /* The sub-state limit is asked for with cpuid 1, which Xen takes
         * as the limit's number, not a CPU. */
        errno = 0;
        rc = xc_get_cpuidle_max_csubstate(xch, &limit);
        t_result("max_csubstate while CPU 1 is offline", "rc %d errno %d", rc, rc ? errno : 0);
        /* Brought back whatever the answers above were. */
        T_RC("cpu_online 1", xc_cpu_online(xch, 1));
        n = host_cpus(xch, "CPU 1 online again", topo);
    }
    /* smt_disable would take sibling threads offline (CPU 1 among them,
     * perhaps): only called where there are none, so it changes nothing. */
    if (has_siblings(topo, n))
        t_result("smt_disable", "not called: the host has sibling threads");
    else
        T_RC("smt_disable", xc_smt_disable(xch));
    T_RC("smt_enable", xc_smt_enable(xch));
    host_cpus(xch, "after SMT", topo);
}
