/* SPDX-License-Identifier: MIT */
/*
 * A domain's settings through libxenctrl, each read back where Xen can
 * say: memory limit, TSC, guest width, I/O port and IRQ permissions, NUMA
 * node affinity, virtual NUMA topology; and a caller's own domctl and
 * sysctl.  They act on an HVM domain of this family's own.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

#define NO_DOMAIN (DOMID_FIRST_RESERVED - 1)

static void memory_limit(xc_interface *xch, uint32_t dom)
{
    xc_dominfo_t info;

    T_RC("ctl/setmaxmem 1024 KiB", xc_domain_setmaxmem(xch, dom, 1024));
    if (xc_domain_getinfo(xch, dom, 1, &info) == 1)
        t_result("ctl/max_memkb after setmaxmem", "%lu", info.max_memkb);
    T_RC("ctl/setmaxmem of no domain", xc_domain_setmaxmem(xch, NO_DOMAIN, 1024));
    T_RC("ctl/set_time_offset", xc_domain_set_time_offset(xch, dom, 3600));
    T_RC("ctl/set_time_offset of no domain", xc_domain_set_time_offset(xch, NO_DOMAIN, 1));
}

static void tsc(xc_interface *xch, uint32_t dom)
{
    uint32_t mode = 77, khz = 77, incarnation = 77;
    uint64_t elapsed = 77;

    T_RC("ctl/get_tsc_info", xc_domain_get_tsc_info(xch, dom, &mode, &elapsed, &khz,
                                                   &incarnation));
    /* The host's frequency, the same on both runs; elapsed time is not. */
    t_result("ctl/tsc info", "mode %u khz %u incarnation %u", mode, khz, incarnation);
    T_RC("ctl/set_tsc_info always emulate at 1 GHz",
         xc_domain_set_tsc_info(xch, dom, 1, 0, 1000000, 5));
    T_RC("ctl/get_tsc_info after set", xc_domain_get_tsc_info(xch, dom, &mode, &elapsed, &khz,
                                                             &incarnation));
    t_result("ctl/tsc info after set", "mode %u khz %u incarnation %u", mode, khz, incarnation);
    T_RC("ctl/set_tsc_info mode 9", xc_domain_set_tsc_info(xch, dom, 9, 0, 0, 0));
    T_RC("ctl/get_tsc_info of no domain", xc_domain_get_tsc_info(xch, NO_DOMAIN, &mode,
                                                                &elapsed, &khz, &incarnation));
}

static void width_and_cache(xc_interface *xch, uint32_t dom, const struct diff_domains *d)
{
    unsigned width = 77;

    T_RC("ctl/get_guest_width of HVM", xc_domain_get_guest_width(xch, dom, &width));
    t_result("ctl/HVM guest width", "%u", width);
    width = 77;
    T_RC("ctl/get_guest_width of PV", xc_domain_get_guest_width(xch, (uint32_t)d->pv2,
                                                               &width));
    t_result("ctl/PV guest width", "%u", width);
    T_RC("ctl/get_guest_width of no domain", xc_domain_get_guest_width(xch, NO_DOMAIN, &width));
    T_RC("ctl/cacheflush", xc_domain_cacheflush(xch, dom, 0, 16));
    T_RC("ctl/cacheflush of no domain", xc_domain_cacheflush(xch, NO_DOMAIN, 0, 16));
}

/* Xen has no call that reads a domain's I/O port permissions back (a
 * mapping checks the caller's, and grants the domain its own). */
static void permissions(xc_interface *xch, uint32_t dom)
{
    T_RC("ctl/ioport_permission allow", xc_domain_ioport_permission(xch, dom, 0x1000, 8, 1));
    T_RC("ctl/ioport_mapping allowed",
         xc_domain_ioport_mapping(xch, dom, 0x1000, 0x1000, 8, DPCI_ADD_MAPPING));
    T_RC("ctl/ioport_mapping remove",
         xc_domain_ioport_mapping(xch, dom, 0x1000, 0x1000, 8, DPCI_REMOVE_MAPPING));
    T_RC("ctl/ioport_permission deny", xc_domain_ioport_permission(xch, dom, 0x1000, 8, 0));
    T_RC("ctl/ioport_mapping after deny",
         xc_domain_ioport_mapping(xch, dom, 0x1000, 0x1000, 8, DPCI_ADD_MAPPING));
    T_RC("ctl/ioport_permission beyond 64K",
         xc_domain_ioport_permission(xch, dom, 0xfff0, 0x20, 1));
    T_RC("ctl/ioport_permission of no domain",
         xc_domain_ioport_permission(xch, NO_DOMAIN, 0x1000, 8, 1));
    T_RC("ctl/irq_permission of a pirq dom0 lacks", xc_domain_irq_permission(xch, dom, 1000,
                                                                           true));
    T_RC("ctl/irq_permission of no domain", xc_domain_irq_permission(xch, NO_DOMAIN, 1, true));
}

static void numa(xc_interface *xch, uint32_t dom)
{
    uint8_t map[8];
    xen_vmemrange_t range = { .start = 0, .end = 16 << 20, .flags = 0, .nid = 0 }, back[2];
    unsigned distance = 10, vcpu_node = 0, pnode = 0, dist_back[4], vcpu_back[2];
    uint32_t nodes, ranges, vcpus;

    memset(map, 0xee, sizeof(map));
    T_RC("ctl/node_getaffinity", xc_domain_node_getaffinity(xch, dom, map));
    t_result("ctl/node affinity", "%#x", map[0]);
    memset(map, 0, sizeof(map));
    map[0] = 1;
    T_RC("ctl/node_setaffinity node 0", xc_domain_node_setaffinity(xch, dom, map));
    memset(map, 0xee, sizeof(map));
    T_RC("ctl/node_getaffinity after set", xc_domain_node_getaffinity(xch, dom, map));
    t_result("ctl/node affinity after set", "%#x", map[0]);
    memset(map, 0, sizeof(map));
    T_RC("ctl/node_setaffinity of no node", xc_domain_node_setaffinity(xch, dom, map));
    T_RC("ctl/node_getaffinity of no domain", xc_domain_node_getaffinity(xch, NO_DOMAIN, map));

    nodes = 1, ranges = 2, vcpus = 2;
    T_RC("ctl/getvnuma without a topology", xc_domain_getvnuma(xch, dom, &nodes, &ranges, &vcpus,
                                                              back, dist_back, vcpu_back));
    T_RC("ctl/setvnuma of one node", xc_domain_setvnuma(xch, dom, 1, 1, 1, &range, &distance,
                                                       &vcpu_node, &pnode));
    nodes = 0, ranges = 0, vcpus = 0;
    T_RC("ctl/getvnuma without room", xc_domain_getvnuma(xch, dom, &nodes, &ranges, &vcpus,
                                                        back, dist_back, vcpu_back));
    t_result("ctl/vnuma counts needed", "nodes %u ranges %u vcpus %u", nodes, ranges, vcpus);
    nodes = 2, ranges = 2, vcpus = 2;
    memset(back, 0xee, sizeof(back));
    memset(dist_back, 0xee, sizeof(dist_back));
    memset(vcpu_back, 0xee, sizeof(vcpu_back));
    T_RC("ctl/getvnuma", xc_domain_getvnuma(xch, dom, &nodes, &ranges, &vcpus, back, dist_back,
                                           vcpu_back));
    t_result("ctl/vnuma read back", "nodes %u ranges %u vcpus %u range %#lx-%#lx nid %u "
             "distance %u vcpu0 node %u", nodes, ranges, vcpus, (unsigned long)back[0].start,
             (unsigned long)back[0].end, back[0].nid, dist_back[0], vcpu_back[0]);
    T_RC("ctl/setvnuma of no node", xc_domain_setvnuma(xch, dom, 0, 1, 1, &range, &distance,
                                                      &vcpu_node, &pnode));
    T_RC("ctl/setvnuma for 2 vCPUs of 1", xc_domain_setvnuma(xch, dom, 1, 1, 2, &range,
                                                             &distance, dist_back, &pnode));
    T_RC("ctl/setvnuma of no domain", xc_domain_setvnuma(xch, NO_DOMAIN, 1, 1, 1, &range,
                                                        &distance, &vcpu_node, &pnode));
}

static void raw(xc_interface *xch, uint32_t dom)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = (domid_t)dom };
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    T_RC("ctl/xc_domctl getdomaininfo", xc_domctl(xch, &dc));
    t_result("ctl/xc_domctl's answer", "dom %+d max_vcpu_id %u hvm %s max %lu",
             (int)dc.u.getdomaininfo.domain - diff_base, dc.u.getdomaininfo.max_vcpu_id,
             dc.u.getdomaininfo.flags & XEN_DOMINF_hvm_guest ? "yes" : "no",
             (unsigned long)dc.u.getdomaininfo.max_pages);
    dc = (struct xen_domctl){ .cmd = 9999, .domain = (domid_t)dom };
    T_RC("ctl/xc_domctl 9999", xc_domctl(xch, &dc));
    T_RC("ctl/xc_sysctl physinfo", xc_sysctl(xch, &sc));
    t_result("ctl/xc_sysctl's answer", "cpus %u max_node %u", sc.u.physinfo.nr_cpus,
             sc.u.physinfo.max_node_id);
    sc = (struct xen_sysctl){ .cmd = 9999 };
    T_RC("ctl/xc_sysctl 9999", xc_sysctl(xch, &sc));
}

void diff_domain_control(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(16);

    if (dom < 0) {
        t_result("ctl/test domain", "none");
        return;
    }
    memory_limit(xch, (uint32_t)dom);
    tsc(xch, (uint32_t)dom);
    width_and_cache(xch, (uint32_t)dom, d);
    permissions(xch, (uint32_t)dom);
    numa(xch, (uint32_t)dom);
    raw(xch, (uint32_t)dom);
    testdom_destroy(dom);
}
