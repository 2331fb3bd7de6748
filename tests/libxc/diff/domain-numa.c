/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/domain-numa.c: a domain's NUMA node affinity
 * and its virtual NUMA topology, each read back, on domain.c's settings
 * domain (ctl/).
 */
#include <errno.h>
#include <string.h>

#include "diff.h"

void diff_domain_numa(xc_interface *xch, uint32_t dom)
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
