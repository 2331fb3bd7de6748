/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/cpumap.c: the sizes of CPU and NUMA node maps
 * (from physinfo), maps allocated zeroed, and their bits set, tested and
 * cleared.
 */
#include <errno.h>
#include <stdlib.h>

#include "diff.h"

static void bits(xc_cpumap_t map, int size)
{
    int last = size * 8 - 1;

    xc_cpumap_setcpu(0, map);
    xc_cpumap_setcpu(last, map);
    xc_cpumap_setcpu(3, map);
    t_result("cpumap/set 0, 3 and the last", "%s", diff_hex(map, (size_t)size));
    t_result("cpumap/test 0 1 3 last", "%d %d %d %d", xc_cpumap_testcpu(0, map),
             xc_cpumap_testcpu(1, map), xc_cpumap_testcpu(3, map),
             xc_cpumap_testcpu(last, map));
    xc_cpumap_clearcpu(3, map);
    xc_cpumap_clearcpu(1, map);
    t_result("cpumap/cleared 3 and 1", "%s, test 3 %d", diff_hex(map, (size_t)size),
             xc_cpumap_testcpu(3, map));
}

void diff_cpumap(xc_interface *xch, const struct diff_domains *d)
{
    xc_cpumap_t cpus;
    xc_nodemap_t nodes;
    int size;

    (void)d;
    errno = 0;
    size = xc_get_cpumap_size(xch);
    t_rc_result("cpumap/get_cpumap_size", size, errno);
    t_result("cpumap/max cpus", "%d", xc_get_max_cpus(xch));
    cpus = xc_cpumap_alloc(xch);
    t_result("cpumap/cpumap_alloc", "%s", cpus ? diff_hex(cpus, (size_t)size) : "NULL");
    if (cpus && size > 0)
        bits(cpus, size);
    free(cpus);

    errno = 0;
    size = xc_get_nodemap_size(xch);
    t_rc_result("cpumap/get_nodemap_size", size, errno);
    t_result("cpumap/max nodes", "%d", xc_get_max_nodes(xch));
    nodes = xc_nodemap_alloc(xch);
    t_result("cpumap/nodemap_alloc", "%s", nodes ? diff_hex(nodes, (size_t)size) : "NULL");
    free(nodes);
}
