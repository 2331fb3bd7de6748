/* SPDX-License-Identifier: LGPL-2.1-only */
/* Machine check architecture (the x86 mca hypercall): telemetry, CPU
 * information and error injection for testing, as xen-mceinj uses it. */
#include <string.h>

#include "private.h"

/* One mca hypercall on *mc, copied in and back whatever Xen answers. */
static int mca_call(xc_interface *xch, struct xen_mc *mc)
{
    DECLARE_HYPERCALL_BOUNCE(mc, sizeof(*mc), XC_HYPERCALL_BUFFER_BOUNCE_BOTH);
    int rc;

    if (xc_hypercall_bounce_pre(xch, mc))
        return -1;
    rc = xencall1(xch->xcall, __HYPERVISOR_mca, HYPERCALL_BUFFER_AS_ARG(mc));
    xc_hypercall_bounce_post(xch, mc);
    return rc;
}

/* Upstream copies mc into the hypercall buffer before it stamps the
 * interface version into the caller's copy, which the copy back then
 * overwrites: Xen sees the caller's version, and so it does here. */
EXPORT int xc_mca_op(xc_interface *xch, struct xen_mc *mc)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!mc)
        return xc__invalid(xch, "xc_mca_op: NULL operation");
    return mca_call(xch, mc);
}

EXPORT int xc_mca_op_inject_v2(xc_interface *xch, unsigned int flags, xc_cpumap_t cpumap,
                               unsigned int nr_cpus)
{
    DECLARE_HYPERCALL_BOUNCE(cpumap, (nr_cpus + 7ul) / 8, XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_mc mc;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (cpumap && !nr_cpus)
        return xc__invalid(xch, "xc_mca_op_inject_v2: a CPU map of 0 CPUs");
    memset(&mc, 0, sizeof(mc));
    mc.cmd = XEN_MC_inject_v2;
    mc.interface_version = XEN_MCA_INTERFACE_VERSION;
    mc.u.mc_inject_v2.flags = flags;
    /* No map: Xen sees a map of no CPUs (or all, with the broadcast flag). */
    if (xc_hypercall_bounce_pre(xch, cpumap))
        return -1;
    if (cpumap) {
        set_xen_guest_handle(mc.u.mc_inject_v2.cpumap.bitmap, cpumap);
        mc.u.mc_inject_v2.cpumap.nr_bits = nr_cpus;
    }
    rc = mca_call(xch, &mc);
    xc_hypercall_bounce_post(xch, cpumap);
    return rc;
}
