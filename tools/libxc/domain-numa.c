/* SPDX-License-Identifier: LGPL-2.1-only */
/* A domain's NUMA placement: the host nodes it prefers (domctl node
 * affinity) and the virtual NUMA topology its guest sees (set by domctl,
 * read back by memory_op). */
#include <string.h>

#include "private.h"

/* The caller's nodemap holds one bit per host node, as upstream sizes
 * it; Xen reads it (set) or fills it (get, also on failure). */
static int node_affinity(xc_interface *xch, uint32_t cmd, uint32_t domid, xc_nodemap_t nodemap,
                         const char *fn)
{
    struct xen_domctl d = { 0 };
    uint8_t *buf;
    int size, rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!nodemap)
        return xc__invalid(xch, "%s: NULL nodemap", fn);
    size = xc_get_nodemap_size(xch);
    if (size < 0) {
        xc__perror(xch, "cannot tell how many NUMA nodes the host has");
        return -1;
    }
    buf = xencall_alloc_buffer(xch->xcall, (size_t)size);
    if (!buf)
        return -1;
    memcpy(buf, nodemap, (size_t)size);
    set_xen_guest_handle_raw(d.u.nodeaffinity.nodemap.bitmap, buf);
    d.u.nodeaffinity.nodemap.nr_bits = (uint32_t)size * 8;
    rc = xc__domctl_on(xch, &d, cmd, domid);
    saved_errno = errno;
    if (cmd == XEN_DOMCTL_getnodeaffinity)
        memcpy(nodemap, buf, (size_t)size);
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

EXPORT int xc_domain_node_setaffinity(xc_interface *xch, uint32_t domid, xc_nodemap_t nodemap)
{
    return node_affinity(xch, XEN_DOMCTL_setnodeaffinity, domid, nodemap,
                         "xc_domain_node_setaffinity");
}

EXPORT int xc_domain_node_getaffinity(xc_interface *xch, uint32_t domid, xc_nodemap_t nodemap)
{
    return node_affinity(xch, XEN_DOMCTL_getnodeaffinity, domid, nodemap,
                         "xc_domain_node_getaffinity");
}

/* The four arrays are all Xen needs: nr_vnodes^2 distances, a vnode per
 * vCPU, a host node per vnode, nr_regions memory ranges. */
EXPORT int xc_domain_setvnuma(xc_interface *xch, uint32_t domid, uint32_t nr_vnodes,
                              uint32_t nr_regions, uint32_t nr_vcpus,
                              xen_vmemrange_t *vmemrange, unsigned int *vdistance,
                              unsigned int *vcpu_to_vnode, unsigned int *vnode_to_pnode)
{
    DECLARE_HYPERCALL_BOUNCE(vmemrange, sizeof(*vmemrange) * nr_regions,
                             XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(vdistance, sizeof(*vdistance) * nr_vnodes * nr_vnodes,
                             XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(vcpu_to_vnode, sizeof(*vcpu_to_vnode) * nr_vcpus,
                             XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(vnode_to_pnode, sizeof(*vnode_to_pnode) * nr_vnodes,
                             XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_domctl d = { 0 };
    int rc = -1;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!nr_vnodes || !nr_regions || nr_regions < nr_vnodes)
        return xc__invalid(xch, "xc_domain_setvnuma: %u vnodes and %u memory ranges",
                           nr_vnodes, nr_regions);
    if (!vmemrange || !vdistance || !vcpu_to_vnode || !vnode_to_pnode)
        return xc__invalid(xch, "xc_domain_setvnuma: NULL topology array");
    if (xc_hypercall_bounce_pre(xch, vmemrange) || xc_hypercall_bounce_pre(xch, vdistance) ||
        xc_hypercall_bounce_pre(xch, vcpu_to_vnode) ||
        xc_hypercall_bounce_pre(xch, vnode_to_pnode))
        goto out;
    set_xen_guest_handle(d.u.vnuma.vmemrange, vmemrange);
    set_xen_guest_handle(d.u.vnuma.vdistance, vdistance);
    set_xen_guest_handle(d.u.vnuma.vcpu_to_vnode, vcpu_to_vnode);
    set_xen_guest_handle(d.u.vnuma.vnode_to_pnode, vnode_to_pnode);
    d.u.vnuma.nr_vnodes = nr_vnodes;
    d.u.vnuma.nr_vmemranges = nr_regions;
    d.u.vnuma.nr_vcpus = nr_vcpus;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_setvnumainfo, domid);
out:
    xc_hypercall_bounce_post(xch, vmemrange);
    xc_hypercall_bounce_post(xch, vdistance);
    xc_hypercall_bounce_post(xch, vcpu_to_vnode);
    xc_hypercall_bounce_post(xch, vnode_to_pnode);
    return rc;
}

/* The counts go in as the arrays' room and come back as the domain's
 * (also on failure: ENOBUFS tells the caller how much room to make). */
EXPORT int xc_domain_getvnuma(xc_interface *xch, uint32_t domid, uint32_t *nr_vnodes,
                              uint32_t *nr_vmemranges, uint32_t *nr_vcpus,
                              xen_vmemrange_t *vmemrange, unsigned int *vdistance,
                              unsigned int *vcpu_to_vnode)
{
    struct xen_vnuma_topology_info topo = { .domid = (domid_t)domid };
    int rc = -1;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!nr_vnodes || !nr_vmemranges || !nr_vcpus)
        return xc__invalid(xch, "xc_domain_getvnuma: NULL count");
    {
        DECLARE_HYPERCALL_BOUNCE(vmemrange, sizeof(*vmemrange) * *nr_vmemranges,
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);
        DECLARE_HYPERCALL_BOUNCE(vdistance, sizeof(*vdistance) * *nr_vnodes * *nr_vnodes,
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);
        DECLARE_HYPERCALL_BOUNCE(vcpu_to_vnode, sizeof(*vcpu_to_vnode) * *nr_vcpus,
                                 XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, vmemrange) ||
            xc_hypercall_bounce_pre(xch, vdistance) ||
            xc_hypercall_bounce_pre(xch, vcpu_to_vnode))
            goto out;
        set_xen_guest_handle(topo.vmemrange.h, vmemrange);
        set_xen_guest_handle(topo.vdistance.h, vdistance);
        set_xen_guest_handle(topo.vcpu_to_vnode.h, vcpu_to_vnode);
        topo.nr_vnodes = *nr_vnodes;
        topo.nr_vcpus = *nr_vcpus;
        topo.nr_vmemranges = *nr_vmemranges;
        rc = (int)xc__hypercall_struct(xch, __HYPERVISOR_memory_op, XENMEM_get_vnumainfo,
                                       &topo, sizeof(topo), 0);
        *nr_vnodes = topo.nr_vnodes;
        *nr_vcpus = topo.nr_vcpus;
        *nr_vmemranges = topo.nr_vmemranges;
out:
        xc_hypercall_bounce_post(xch, vmemrange);
        xc_hypercall_bounce_post(xch, vdistance);
        xc_hypercall_bounce_post(xch, vcpu_to_vnode);
    }
    return rc;
}
