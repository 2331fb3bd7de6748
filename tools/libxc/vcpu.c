/* SPDX-License-Identifier: LGPL-2.1-only */
/* Virtual CPUs: their register state, their affinity to physical CPUs
 * and what they are doing (domctls on one vCPU). */
#include "private.h"

/* Gets (XEN_DOMCTL_getvcpucontext) or sets a vCPU's context. */
static int context(xc_interface *xch, uint32_t cmd, uint32_t domid, uint32_t vcpu,
                   vcpu_guest_context_any_t *ctxt)
{
    DECLARE_HYPERCALL_BOUNCE(ctxt, sizeof(*ctxt), cmd == XEN_DOMCTL_getvcpucontext ?
                             XC_HYPERCALL_BUFFER_BOUNCE_OUT : XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_domctl d = { .cmd = cmd, .domain = (domid_t)domid };
    int rc;

    /* A NULL context to set is Xen's "reset the vCPU" (as upstream's
     * passes it on); one to get into is refused. */
    if (!ctxt && cmd == XEN_DOMCTL_getvcpucontext)
        return xc__invalid(xch, "vCPU %u of domain %u: NULL context", vcpu, domid);
    if (xc_hypercall_bounce_pre(xch, ctxt))
        return -1;
    d.u.vcpucontext.vcpu = vcpu;
    set_xen_guest_handle(d.u.vcpucontext.ctxt, ctxt);
    rc = xc__domctl(xch, &d);
    xc_hypercall_bounce_post(xch, ctxt);
    return rc;
}

EXPORT int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                              vcpu_guest_context_any_t *ctxt)
{
    return context(xch, XEN_DOMCTL_getvcpucontext, domid, vcpu, ctxt);
}

EXPORT int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                              vcpu_guest_context_any_t *ctxt)
{
    return context(xch, XEN_DOMCTL_setvcpucontext, domid, vcpu, ctxt);
}

/* Both affinity calls: the maps are bounced both ways (set reports the
 * effective affinity back); a NULL map is a NULL handle to Xen. */
static int affinity(xc_interface *xch, uint32_t cmd, uint32_t domid, int vcpu,
                    xc_cpumap_t hard, xc_cpumap_t soft, uint32_t flags)
{
    int size = xc__cpumap_size(xch);

    if (size <= 0) {
        xc__perror(xch, "cannot tell the size of a CPU map");
        return -1;
    }
    {
        DECLARE_HYPERCALL_BOUNCE(hard, (size_t)size, XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
        DECLARE_HYPERCALL_BOUNCE(soft, (size_t)size, XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
        struct xen_domctl d = { .cmd = cmd, .domain = (domid_t)domid };
        int rc = -1;

        if (xc_hypercall_bounce_pre(xch, hard) || xc_hypercall_bounce_pre(xch, soft))
            goto out;
        d.u.vcpuaffinity.vcpu = (uint32_t)vcpu;
        d.u.vcpuaffinity.flags = flags;
        set_xen_guest_handle(d.u.vcpuaffinity.cpumap_hard.bitmap, hard);
        set_xen_guest_handle(d.u.vcpuaffinity.cpumap_soft.bitmap, soft);
        d.u.vcpuaffinity.cpumap_hard.nr_bits = (uint32_t)size * 8;
        d.u.vcpuaffinity.cpumap_soft.nr_bits = (uint32_t)size * 8;
        rc = xc__domctl(xch, &d);
    out:
        xc_hypercall_bounce_post(xch, hard);
        xc_hypercall_bounce_post(xch, soft);
        return rc;
    }
}

EXPORT int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                               xc_cpumap_t cpumap_hard_inout, xc_cpumap_t cpumap_soft_inout,
                               uint32_t flags)
{
    return affinity(xch, XEN_DOMCTL_setvcpuaffinity, domid, vcpu, cpumap_hard_inout,
                    cpumap_soft_inout, flags);
}

EXPORT int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                               xc_cpumap_t cpumap_hard, xc_cpumap_t cpumap_soft, uint32_t flags)
{
    return affinity(xch, XEN_DOMCTL_getvcpuaffinity, domid, vcpu, cpumap_hard, cpumap_soft,
                    flags);
}

EXPORT int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                           xc_vcpuinfo_t *info)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_getvcpuinfo, .domain = (domid_t)domid };
    int rc;

    if (!info)
        return xc__invalid(xch, "xc_vcpu_getinfo: NULL info");
    d.u.getvcpuinfo.vcpu = vcpu;
    rc = xc__domctl(xch, &d);
    if (rc == 0)
        *info = d.u.getvcpuinfo;
    return rc;
}

/* With size and xfeature_mask both 0 a query: Xen's mask and the size a
 * buffer needs are written back and nothing else.  Otherwise Xen fills
 * extstate->buffer (size bytes) with the vCPU's XSAVE state. */
EXPORT int xc_vcpu_get_extstate(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                xc_vcpu_extstate_t *extstate)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_getvcpuextstate, .domain = (domid_t)domid };
    void *buffer;
    int rc;

    if (!extstate)
        return xc__invalid(xch, "xc_vcpu_get_extstate: NULL extstate");
    if (extstate->size && !extstate->buffer)
        return xc__invalid(xch, "xc_vcpu_get_extstate: NULL buffer");
    buffer = extstate->size ? extstate->buffer : NULL;
    {
        DECLARE_HYPERCALL_BOUNCE(buffer, (size_t)extstate->size, XC_HYPERCALL_BUFFER_BOUNCE_OUT);

        if (xc_hypercall_bounce_pre(xch, buffer))
            return -1;
        d.u.vcpuextstate.vcpu = vcpu;
        d.u.vcpuextstate.xfeature_mask = extstate->xfeature_mask;
        d.u.vcpuextstate.size = extstate->size;
        set_xen_guest_handle(d.u.vcpuextstate.buffer, buffer);
        rc = xc__domctl(xch, &d);
        xc_hypercall_bounce_post(xch, buffer);
    }
    if (rc == 0 && !extstate->size && !extstate->xfeature_mask) {
        extstate->xfeature_mask = d.u.vcpuextstate.xfeature_mask;
        extstate->size = d.u.vcpuextstate.size;
    }
    return rc;
}
