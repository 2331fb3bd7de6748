/* The host's shape: CPU, NUMA node and PCI device topology (sysctls),
 * and the counts derived from physinfo. */
#include "private.h"

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
