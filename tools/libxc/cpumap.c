/* SPDX-License-Identifier: LGPL-2.1-only */
/* CPU and NUMA node maps: bitmaps of one bit per CPU (node) Xen
 * supports, bit n of a map in byte n / 8, sized from physinfo. */
#include <errno.h>
#include <stdlib.h>

#include "private.h"

EXPORT int xc_get_cpumap_size(xc_interface *xch)
{
    return xc__cpumap_size(xch);
}

EXPORT int xc_get_nodemap_size(xc_interface *xch)
{
    int max_nodes = xc_get_max_nodes(xch);

    return max_nodes < 0 ? -1 : (max_nodes + 7) / 8;
}

/* A zeroed map of size bytes (from one of the above), or NULL with errno
 * set; the caller frees it. */
static uint8_t *zeroed_map(xc_interface *xch, int size)
{
    uint8_t *map;

    if (size <= 0)
        return NULL;
    map = calloc(1, (size_t)size);
    if (!map)
        xc__perror(xch, "no memory for a map of %d bytes", size);
    return map;
}

EXPORT xc_cpumap_t xc_cpumap_alloc(xc_interface *xch)
{
    return zeroed_map(xch, xc__cpumap_size(xch));
}

EXPORT xc_nodemap_t xc_nodemap_alloc(xc_interface *xch)
{
    return zeroed_map(xch, xc_get_nodemap_size(xch));
}

/* The bit operations cannot know the map's size; a negative CPU or a NULL
 * map, which upstream's would write or read outside any map, is ignored
 * (testcpu: 0 with errno EINVAL). */
EXPORT void xc_cpumap_setcpu(int cpu, xc_cpumap_t map)
{
    if (map && cpu >= 0)
        map[cpu / 8] |= (uint8_t)(1u << (cpu % 8));
}

EXPORT void xc_cpumap_clearcpu(int cpu, xc_cpumap_t map)
{
    if (map && cpu >= 0)
        map[cpu / 8] &= (uint8_t)~(1u << (cpu % 8));
}

EXPORT int xc_cpumap_testcpu(int cpu, xc_cpumap_t map)
{
    if (!map || cpu < 0) {
        errno = EINVAL;
        return 0;
    }
    return (map[cpu / 8] >> (cpu % 8)) & 1;
}
