/* SPDX-License-Identifier: LGPL-2.1-only */
/* The host as a whole (sysctl): what it is made of (physinfo; CPU, NUMA
 * node and PCI topology; the counts derived from physinfo), its console
 * ring, performance counters and debug keys; and xc_sysctl, a caller's
 * own sysctl. */
#include <string.h>

#include "private.h"

/* A caller's own sysctl: the interface version is filled in, the rest
 * goes to Xen as it is. */
EXPORT int xc_sysctl(xc_interface *xch, struct xen_sysctl *sysctl)
{
    if (!sysctl)
        return xc__invalid(xch, "xc_sysctl: NULL sysctl");
    return xc__sysctl(xch, sysctl);
}

EXPORT int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_physinfo };
    int rc;

    if (!info)
        return xc__invalid(xch, "xc_physinfo: NULL info");
    rc = xc__sysctl(xch, &s);
    if (rc == 0)
        *info = s.u.physinfo;
    return rc;
}

EXPORT int xc_get_max_cpus(xc_interface *xch)
{
    /* Fixed at Xen's boot: asked once per process. */
    static _Atomic int max_cpus;
    xc_physinfo_t info;
    int n = atomic_load(&max_cpus);

    if (n)
        return n;
    if (xc_physinfo(xch, &info) < 0)
        return -1;
    n = (int)info.max_cpu_id + 1;
    atomic_store(&max_cpus, n);
    return n;
}

int xc__cpumap_size(xc_interface *xch)
{
    int max_cpus;

    /* xc_get_max_cpus() answers from its cache even without a handle. */
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    max_cpus = xc_get_max_cpus(xch);
    return max_cpus < 0 ? -1 : (max_cpus + 7) / 8;
}

EXPORT int xc_get_online_cpus(xc_interface *xch)
{
    xc_physinfo_t info;

    return xc_physinfo(xch, &info) < 0 ? -1 : (int)info.nr_cpus;
}

EXPORT int xc_get_max_nodes(xc_interface *xch)
{
    /* Fixed at Xen's boot: asked once per process. */
    static _Atomic int max_nodes;
    xc_physinfo_t info;
    int n = atomic_load(&max_nodes);

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (n)
        return n;
    if (xc_physinfo(xch, &info) < 0)
        return -1;
    n = (int)info.max_node_id + 1;
    atomic_store(&max_nodes, n);
    return n;
}

EXPORT int xc_cputopoinfo(xc_interface *xch, unsigned *max_cpus, xc_cputopo_t *cputopo)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_cputopoinfo };
    int rc;

    if (!max_cpus)
        return xc__invalid(xch, "xc_cputopoinfo: NULL count");
    {
        DECLARE_HYPERCALL_BOUNCE(cputopo, (size_t)*max_cpus * sizeof(*cputopo),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, cputopo))
            return -1;
        s.u.cputopoinfo.num_cpus = *max_cpus;
        set_xen_guest_handle(s.u.cputopoinfo.cputopo, cputopo);
        rc = xc__sysctl(xch, &s);
        if (rc == 0)
            *max_cpus = s.u.cputopoinfo.num_cpus;
        xc_hypercall_bounce_post(xch, cputopo);
    }
    return rc;
}

EXPORT int xc_numainfo(xc_interface *xch, unsigned *max_nodes, xc_meminfo_t *meminfo,
                       uint32_t *distance)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_numainfo };
    size_t n;
    int rc = -1;

    if (!max_nodes)
        return xc__invalid(xch, "xc_numainfo: NULL count");
    n = *max_nodes;
    {
        DECLARE_HYPERCALL_BOUNCE(meminfo, n * sizeof(*meminfo), XC_HYPERCALL_BUFFER_BOUNCE_OUT);
        DECLARE_HYPERCALL_BOUNCE(distance, n * n * sizeof(*distance),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, meminfo) || xc_hypercall_bounce_pre(xch, distance))
            goto out;
        s.u.numainfo.num_nodes = *max_nodes;
        set_xen_guest_handle(s.u.numainfo.meminfo, meminfo);
        set_xen_guest_handle(s.u.numainfo.distance, distance);
        rc = xc__sysctl(xch, &s);
        if (rc == 0)
            *max_nodes = s.u.numainfo.num_nodes;
    out:
        xc_hypercall_bounce_post(xch, meminfo);
        xc_hypercall_bounce_post(xch, distance);
    }
    return rc;
}

EXPORT int xc_pcitopoinfo(xc_interface *xch, unsigned num_devs, physdev_pci_device_t *devs,
                          uint32_t *nodes)
{
    DECLARE_HYPERCALL_BOUNCE(devs, (size_t)num_devs * sizeof(*devs),
                             XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(nodes, (size_t)num_devs * sizeof(*nodes),
                             XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_pcitopoinfo };
    unsigned done = 0;
    int rc = -1;

    if (xc_hypercall_bounce_pre(xch, devs) || xc_hypercall_bounce_pre(xch, nodes))
        goto out;
    rc = 0;
    /* Xen may stop early to be preempted: it says how many it did. */
    while (done < num_devs) {
        s.u.pcitopoinfo.num_devs = num_devs - done;
        set_xen_guest_handle_offset(s.u.pcitopoinfo.devs, devs, done);
        set_xen_guest_handle_offset(s.u.pcitopoinfo.nodes, nodes, done);
        rc = xc__sysctl(xch, &s);
        if (rc != 0)
            break;
        if (!s.u.pcitopoinfo.num_devs) {
            errno = EIO;
            xc__perror(xch, "xc_pcitopoinfo: Xen did none of %u devices", num_devs - done);
            rc = -1;
            break;
        }
        done += s.u.pcitopoinfo.num_devs;
    }
out:
    xc_hypercall_bounce_post(xch, devs);
    xc_hypercall_bounce_post(xch, nodes);
    return rc;
}

EXPORT int xc_readconsolering(xc_interface *xch, char *buffer, unsigned int *pnr_chars,
                              int clear, int incremental, uint32_t *pindex)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_readconsole };
    char *buf;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!pnr_chars || (*pnr_chars && !buffer))
        return xc__invalid(xch, "xc_readconsolering: NULL %s", pnr_chars ? "buffer" : "count");
    buf = xencall_alloc_buffer(xch->xcall, *pnr_chars);
    if (!buf)
        return -1;
    set_xen_guest_handle_raw(s.u.readconsole.buffer, buf);
    s.u.readconsole.count = *pnr_chars;
    s.u.readconsole.clear = !!clear;
    /* Without pindex there is nowhere to continue from. */
    if (pindex) {
        s.u.readconsole.incremental = !!incremental;
        s.u.readconsole.index = *pindex;
    }
    rc = xc__sysctl(xch, &s);
    saved_errno = errno;
    if (rc == 0) {
        memcpy(buffer, buf, s.u.readconsole.count);
        *pnr_chars = s.u.readconsole.count;
        if (pindex)
            *pindex = s.u.readconsole.index;
    }
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

/* *out gets what Xen left in the struct, zeros where it wrote nothing
 * (upstream's counts are written on failure too). */
static int perfc(xc_interface *xch, uint32_t cmd, void *desc, void *val,
                 struct xen_sysctl_perfc_op *out)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_perfc_op };
    int rc;

    s.u.perfc_op.cmd = cmd;
    set_xen_guest_handle_raw(s.u.perfc_op.desc, desc);
    set_xen_guest_handle_raw(s.u.perfc_op.val, val);
    rc = xc__sysctl(xch, &s);
    if (out)
        *out = s.u.perfc_op;
    return rc;
}

EXPORT int xc_perfc_reset(xc_interface *xch)
{
    return perfc(xch, XEN_SYSCTL_PERFCOP_reset, NULL, NULL, NULL);
}

EXPORT int xc_perfc_query_number(xc_interface *xch, int *nbr_desc, int *nbr_val)
{
    struct xen_sysctl_perfc_op op;
    int rc = perfc(xch, XEN_SYSCTL_PERFCOP_query, NULL, NULL, &op);

    if (nbr_desc)
        *nbr_desc = (int)op.nr_counters;
    if (nbr_val)
        *nbr_val = (int)op.nr_vals;
    return rc;
}

/* desc and val are hypercall buffers (HYPERCALL_BUFFER() of the caller's
 * variables, shadows already resolved), sized after query_number. */
EXPORT int xc_perfc_query(xc_interface *xch, xc_hypercall_buffer_t *desc,
                          xc_hypercall_buffer_t *val)
{
    return perfc(xch, XEN_SYSCTL_PERFCOP_query, desc ? desc->hbuf : NULL,
                 val ? val->hbuf : NULL, NULL);
}

EXPORT int xc_send_debug_keys(xc_interface *xch, const char *keys)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_debug_keys };
    size_t len;
    char *buf;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!keys)
        return xc__invalid(xch, "xc_send_debug_keys: NULL keys");
    len = strlen(keys);
    buf = xencall_alloc_buffer(xch->xcall, len);
    if (!buf)
        return -1;
    memcpy(buf, keys, len);
    set_xen_guest_handle_raw(s.u.debug_keys.keys, buf);
    s.u.debug_keys.nr_keys = (uint32_t)len;
    rc = xc__sysctl(xch, &s);
    saved_errno = errno;
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

/* Each CPU's idle time, for up to max_cpus CPUs (info may be NULL for
 * none); *nr_cpus (when given) gets how many Xen wrote, 0 when it
 * refused. */
EXPORT int xc_getcpuinfo(xc_interface *xch, int max_cpus, xc_cpuinfo_t *info, int *nr_cpus)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_getcpuinfo };
    int rc;

    if (max_cpus < 0)
        return xc__invalid(xch, "xc_getcpuinfo: %d CPUs", max_cpus);
    {
        DECLARE_HYPERCALL_BOUNCE(info, (size_t)max_cpus * sizeof(*info),
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, info))
            return -1;
        s.u.getcpuinfo.max_cpus = (uint32_t)max_cpus;
        set_xen_guest_handle(s.u.getcpuinfo.info, info);
        rc = xc__sysctl(xch, &s);
        xc_hypercall_bounce_post(xch, info);
    }
    if (nr_cpus)
        *nr_cpus = (int)s.u.getcpuinfo.nr_cpus;
    return rc;
}

/* The free heap in bytes of NUMA node node (-1: all) within the address
 * widths min_width .. max_width bits (0: no bound). */
EXPORT int xc_availheap(xc_interface *xch, int min_width, int max_width, int node,
                        uint64_t *bytes)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_availheap };
    int rc;

    if (!bytes)
        return xc__invalid(xch, "xc_availheap: NULL bytes");
    s.u.availheap.min_bitwidth = (uint32_t)min_width;
    s.u.availheap.max_bitwidth = (uint32_t)max_width;
    s.u.availheap.node = node;
    rc = xc__sysctl(xch, &s);
    if (rc == 0)
        *bytes = s.u.availheap.avail_bytes;
    return rc;
}
