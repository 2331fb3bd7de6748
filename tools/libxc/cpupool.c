/* SPDX-License-Identifier: LGPL-2.1-only */
/* CPU pools: sets of physical CPUs, each with a scheduler of its own,
 * that domains are placed in (sysctl cpupool_op). */
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* Xen answers EAGAIN while a CPU leaving a pool is still busy: asked
 * again, it finishes the move. */
static int cpupool_op(xc_interface *xch, struct xen_sysctl *s)
{
    int rc;

    s->cmd = XEN_SYSCTL_cpupool_op;
    do
        rc = xc__sysctl(xch, s);
    while (rc < 0 && errno == EAGAIN);
    return rc;
}

/* Operation op on pool poolid, with the CPU or domain it moves. */
static int pool_change(xc_interface *xch, uint32_t op, uint32_t poolid, uint32_t cpu,
                       uint32_t domid)
{
    struct xen_sysctl s = { 0 };

    s.u.cpupool_op.op = op;
    s.u.cpupool_op.cpupool_id = poolid;
    s.u.cpupool_op.cpu = cpu;
    s.u.cpupool_op.domid = domid;
    return cpupool_op(xch, &s);
}

EXPORT int xc_cpupool_create(xc_interface *xch, uint32_t *ppoolid, uint32_t sched_id)
{
    struct xen_sysctl s = { 0 };
    int rc;

    if (!ppoolid)
        return xc__invalid(xch, "xc_cpupool_create: NULL pool id");
    s.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_CREATE;
    /* XC_CPUPOOL_POOLID_ANY is Xen's "any": the first free id. */
    s.u.cpupool_op.cpupool_id = *ppoolid;
    s.u.cpupool_op.sched_id = sched_id;
    rc = cpupool_op(xch, &s);
    if (rc == 0)
        *ppoolid = s.u.cpupool_op.cpupool_id;
    return rc;
}

EXPORT int xc_cpupool_destroy(xc_interface *xch, uint32_t poolid)
{
    return pool_change(xch, XEN_SYSCTL_CPUPOOL_OP_DESTROY, poolid, 0, 0);
}

/* A negative cpu is Xen's "any": the first free CPU to add, the last of
 * the pool to remove. */
static uint32_t cpu_or_any(int cpu)
{
    return cpu < 0 ? XEN_SYSCTL_CPUPOOL_PAR_ANY : (uint32_t)cpu;
}

EXPORT int xc_cpupool_addcpu(xc_interface *xch, uint32_t poolid, int cpu)
{
    return pool_change(xch, XEN_SYSCTL_CPUPOOL_OP_ADDCPU, poolid, cpu_or_any(cpu), 0);
}

EXPORT int xc_cpupool_removecpu(xc_interface *xch, uint32_t poolid, int cpu)
{
    return pool_change(xch, XEN_SYSCTL_CPUPOOL_OP_RMCPU, poolid, cpu_or_any(cpu), 0);
}

EXPORT int xc_cpupool_movedomain(xc_interface *xch, uint32_t poolid, uint32_t domid)
{
    return pool_change(xch, XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN, poolid, 0, domid);
}

/* An INFO or FREEINFO operation, whose CPU map Xen writes: a new map
 * (malloc'd, xc__cpumap_size() bytes) into *map, or -1 with errno. */
static int pool_query(xc_interface *xch, struct xen_sysctl *s, xc_cpumap_t *map)
{
    int size = xc__cpumap_size(xch), rc, saved_errno;
    void *buf;

    if (size <= 0) {
        xc__perror(xch, "cannot tell the size of a CPU map");
        return -1;
    }
    buf = xencall_alloc_buffer(xch->xcall, (size_t)size);
    if (!buf)
        return -1;
    set_xen_guest_handle_raw(s->u.cpupool_op.cpumap.bitmap, buf);
    s->u.cpupool_op.cpumap.nr_bits = (uint32_t)size * 8;
    rc = cpupool_op(xch, s);
    saved_errno = errno;
    if (rc == 0) {
        *map = malloc((size_t)size);
        if (*map)
            memcpy(*map, buf, (size_t)size);
        else {
            saved_errno = errno;
            xc__perror(xch, "cannot allocate a CPU map");
            rc = -1;
        }
    }
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

EXPORT xc_cpupoolinfo_t *xc_cpupool_getinfo(xc_interface *xch, uint32_t poolid)
{
    struct xen_sysctl s = { 0 };
    xc_cpupoolinfo_t *info;

    s.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_INFO;
    s.u.cpupool_op.cpupool_id = poolid;
    info = calloc(1, sizeof(*info));
    if (!info) {
        xc__perror(xch, "cannot allocate cpupool information");
        return NULL;
    }
    /* Xen describes the first pool whose id is poolid or above. */
    if (pool_query(xch, &s, &info->cpumap) < 0) {
        int saved_errno = errno;

        free(info);
        errno = saved_errno;
        return NULL;
    }
    info->cpupool_id = s.u.cpupool_op.cpupool_id;
    info->sched_id = s.u.cpupool_op.sched_id;
    info->n_dom = s.u.cpupool_op.n_dom;
    return info;
}

EXPORT void xc_cpupool_infofree(xc_interface *xch, xc_cpupoolinfo_t *info)
{
    (void)xch;
    if (info)
        free(info->cpumap);
    free(info);
}

EXPORT xc_cpumap_t xc_cpupool_freeinfo(xc_interface *xch)
{
    struct xen_sysctl s = { 0 };
    xc_cpumap_t map;

    s.u.cpupool_op.op = XEN_SYSCTL_CPUPOOL_OP_FREEINFO;
    return pool_query(xch, &s, &map) < 0 ? NULL : map;
}
