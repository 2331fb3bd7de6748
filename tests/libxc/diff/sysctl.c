/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/sysctl.c: the host's topology (CPUs, NUMA
 * nodes, PCI devices), the counts from physinfo, debug keys (whose output
 * must reach Xen's console), the CPUs' idle times, the free heap and a
 * caller's own sysctl.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

#define MAX_CPUS 64
#define MAX_NODES 8

static void cpus(xc_interface *xch)
{
    xc_cputopo_t topo[MAX_CPUS];
    unsigned n = 0, all;
    int rc;

    errno = 0;
    rc = xc_cputopoinfo(xch, &n, NULL);
    t_result("cputopoinfo count", "rc %d errno %d cpus %u", rc, rc ? errno : 0, n);
    all = n;
    n = MAX_CPUS;
    memset(topo, 0xab, sizeof(topo));
    errno = 0;
    rc = xc_cputopoinfo(xch, &n, topo);
    t_result("cputopoinfo", "rc %d errno %d cpus %u", rc, rc ? errno : 0, n);
    for (unsigned i = 0; rc == 0 && i < n && i < MAX_CPUS; i++) {
        char name[48];

        snprintf(name, sizeof(name), "cpu %u", i);
        t_result(name, "core %u socket %u node %u", topo[i].core, topo[i].socket, topo[i].node);
    }
    if (all > 1) {
        n = 1;
        errno = 0;
        rc = xc_cputopoinfo(xch, &n, topo);
        t_result("cputopoinfo into 1", "rc %d errno %d cpus %u", rc, rc ? errno : 0, n);
    }
}

static void nodes(xc_interface *xch)
{
    xc_meminfo_t mem[MAX_NODES];
    uint32_t dist[MAX_NODES * MAX_NODES];
    unsigned n = 0;
    int rc;

    errno = 0;
    rc = xc_numainfo(xch, &n, NULL, NULL);
    t_result("numainfo count", "rc %d errno %d nodes %u", rc, rc ? errno : 0, n);
    if (rc || n == 0 || n > MAX_NODES)
        return;
    memset(dist, 0xab, sizeof(dist));
    errno = 0;
    rc = xc_numainfo(xch, &n, mem, dist);
    t_result("numainfo", "rc %d errno %d nodes %u", rc, rc ? errno : 0, n);
    for (unsigned i = 0; rc == 0 && i < n; i++) {
        char name[48];

        snprintf(name, sizeof(name), "node %u", i);
        /* Free memory moves between the runs; its bounds do not. */
        t_result(name, "size %lu free %s distance to 0 %u", (unsigned long)mem[i].memsize,
                 mem[i].memfree > 0 && mem[i].memfree <= mem[i].memsize ? "some" : "odd",
                 dist[i * n]);
    }
    if (n > 0) {
        unsigned fewer = n - 1;

        errno = 0;
        rc = xc_numainfo(xch, &fewer, mem, dist);
        t_result("numainfo into one node fewer", "rc %d errno %d nodes %u", rc, rc ? errno : 0,
                 fewer);
    }
}

static void pci(xc_interface *xch)
{
    /* q35's host bridge and LPC bridge, and a device no machine here has. */
    physdev_pci_device_t devs[3] = {
        { .seg = 0, .bus = 0, .devfn = 0 },
        { .seg = 0, .bus = 0, .devfn = (0x1f << 3) | 0 },
        { .seg = 0, .bus = 0x77, .devfn = (3 << 3) | 1 },
    };
    uint32_t nodes_of[3] = { 7, 7, 7 };

    T_RC("pcitopoinfo", xc_pcitopoinfo(xch, 3, devs, nodes_of));
    t_result("pci nodes", "%#x %#x %#x", nodes_of[0], nodes_of[1], nodes_of[2]);
    T_RC("pcitopoinfo of no devices", xc_pcitopoinfo(xch, 0, devs, nodes_of));
}

static void debug_keys(xc_interface *xch)
{
    static char ring[1 << 16];
    unsigned nr;
    uint32_t index = 0;

    /* To the end of what Xen has printed so far. */
    do {
        nr = sizeof(ring);
    } while (xc_readconsolering(xch, ring, &nr, 0, 1, &index) == 0 && nr > 0);
    /* 't': the clocks' skew, a few lines. */
    T_RC("send_debug_keys t", xc_send_debug_keys(xch, "t"));
    nr = sizeof(ring);
    if (xc_readconsolering(xch, ring, &nr, 0, 1, &index) != 0)
        nr = 0;
    t_result("console after the key", "%s", nr > 0 ? "new text" : "nothing");
    T_RC("send_debug_keys of no key", xc_send_debug_keys(xch, ""));
}

/* Idle times grow between the runs: only how many CPUs answered and
 * whether each has a time are printed. */
static void cpuinfo(xc_interface *xch)
{
    xc_cpuinfo_t info[MAX_CPUS];
    int nr = -7, rc, timed = 0;

    memset(info, 0, sizeof(info));
    errno = 0;
    rc = xc_getcpuinfo(xch, MAX_CPUS, info, &nr);
    for (int i = 0; rc == 0 && i < nr && i < MAX_CPUS; i++)
        timed += info[i].idletime > 0;
    t_result("getcpuinfo", "rc %d errno %d cpus %d with an idle time %d", rc, rc ? errno : 0,
             nr, timed);
    nr = -7;
    errno = 0;
    rc = xc_getcpuinfo(xch, 1, info, &nr);
    t_result("getcpuinfo of 1", "rc %d errno %d cpus %d", rc, rc ? errno : 0, nr);
    nr = -7;
    errno = 0;
    rc = xc_getcpuinfo(xch, 0, NULL, &nr);
    t_result("getcpuinfo of 0", "rc %d errno %d cpus %d", rc, rc ? errno : 0, nr);
    T_RC("getcpuinfo without nr_cpus", xc_getcpuinfo(xch, MAX_CPUS, info, NULL));
    /* Upstream writes its uninitialised request's count on failure. */
    T_RC("getcpuinfo of 4 into NULL", xc_getcpuinfo(xch, 4, NULL, &nr));
}

/* Free memory moves between the runs: whether there is some, and no
 * more than the host has, is what is printed. */
static void availheap(xc_interface *xch)
{
    static const struct {
        const char *name;
        int min, max, node;
    } asks[] = {
        { "availheap of all", 0, 0, -1 },
        { "availheap of node 0", 0, 0, 0 },
        { "availheap below 4 GiB", 0, 32, -1 },
        { "availheap of node 5 (none)", 0, 0, 5 },
    };
    xc_physinfo_t pi = { 0 };
    uint64_t total;

    xc_physinfo(xch, &pi);
    total = (uint64_t)pi.total_pages * XC_PAGE_SIZE;
    for (unsigned i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
        uint64_t bytes = 7;
        int rc;

        errno = 0;
        rc = xc_availheap(xch, asks[i].min, asks[i].max, asks[i].node, &bytes);
        t_result(asks[i].name, "rc %d errno %d %s", rc, rc ? errno : 0,
                 rc ? "" : bytes == 0 ? "none" : bytes <= total && !(bytes % XC_PAGE_SIZE) ?
                 "some, in pages, within the host's" : "odd");
    }
}

/* The outcomes are named as when this was part of the domain settings'
 * cases (ctl/). */
static void raw(xc_interface *xch)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    T_RC("ctl/xc_sysctl physinfo", xc_sysctl(xch, &sc));
    t_result("ctl/xc_sysctl's answer", "cpus %u max_node %u", sc.u.physinfo.nr_cpus,
             sc.u.physinfo.max_node_id);
    sc = (struct xen_sysctl){ .cmd = 9999 };
    T_RC("ctl/xc_sysctl 9999", xc_sysctl(xch, &sc));
}

void diff_sysctl(xc_interface *xch, const struct diff_domains *d)
{
    (void)d;
    T_RC("get_online_cpus", xc_get_online_cpus(xch));
    T_RC("get_max_nodes", xc_get_max_nodes(xch));
    T_RC("get_max_cpus", xc_get_max_cpus(xch));
    cpus(xch);
    nodes(xch);
    pci(xch);
    debug_keys(xch);
    cpuinfo(xch);
    availheap(xch);
    raw(xch);
}
