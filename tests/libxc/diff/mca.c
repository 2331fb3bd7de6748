/* SPDX-License-Identifier: MIT */
/*
 * Machine checks: the CPU information Xen reads (what xen-mceinj asks
 * first), and refusals only.  Nothing is injected: the one inject_v2
 * call Xen sees has a map of no CPU (refused before any injection) and
 * an unknown type besides.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

/* A struct xen_mc for cmd with the interface version Xen wants. */
static struct xen_mc mc_for(uint32_t cmd)
{
    struct xen_mc mc;

    memset(&mc, 0, sizeof(mc));
    mc.cmd = cmd;
    mc.interface_version = XEN_MCA_INTERFACE_VERSION;
    return mc;
}

static void cpu_info(xc_interface *xch)
{
    struct xen_mc mc = mc_for(XEN_MC_physcpuinfo);
    DECLARE_HYPERCALL_BUFFER(xen_mc_logical_cpu_t, cpus);
    uint32_t n;

    T_RC("mca physcpuinfo count", xc_mca_op(xch, &mc));
    n = mc.u.mc_physcpuinfo.ncpus;
    t_result("mca online cpus", "%u, version written back %#x", n, mc.interface_version);
    if (!n || n > 64)
        return;
    cpus = xc_hypercall_buffer_alloc(xch, cpus, n * sizeof(*cpus));
    if (!cpus) {
        t_result("mca cpu info buffer", "errno %d", errno);
        return;
    }
    memset(cpus, 0xff, n * sizeof(*cpus));
    mc = mc_for(XEN_MC_physcpuinfo);
    mc.u.mc_physcpuinfo.ncpus = n;
    set_xen_guest_handle(mc.u.mc_physcpuinfo.info, cpus);
    T_RC("mca physcpuinfo", xc_mca_op(xch, &mc));
    t_result("mca physcpuinfo ncpus", "%u", mc.u.mc_physcpuinfo.ncpus);
    for (uint32_t i = 0; i < n; i++) {
        char name[64];

        snprintf(name, sizeof(name), "mca cpu #%u", i);
        t_result(name, "cpunr %u apicid %u family %u model %u step %u vendor %.16s "
                 "msr values %d", cpus[i].mc_cpunr, cpus[i].mc_apicid, cpus[i].mc_family,
                 cpus[i].mc_model, cpus[i].mc_step, cpus[i].mc_vendorid, cpus[i].mc_nmsrvals);
    }
    /* Given an array, Xen wants room for at least one CPU. */
    mc = mc_for(XEN_MC_physcpuinfo);
    set_xen_guest_handle(mc.u.mc_physcpuinfo.info, cpus);
    T_RC("mca physcpuinfo into an array of 0 cpus", xc_mca_op(xch, &mc));
    xc_hypercall_buffer_free(xch, cpus);
}

static void refusals(xc_interface *xch)
{
    struct xen_mc mc = mc_for(XEN_MC_physcpuinfo);
    uint8_t none[1] = { 0 };

    /* Upstream passes the caller's version on: Xen sees this one. */
    mc.interface_version = XEN_MCA_INTERFACE_VERSION - 1;
    T_RC("mca with a wrong interface version", xc_mca_op(xch, &mc));
    t_result("mca wrong version kept", "%s",
             mc.interface_version == XEN_MCA_INTERFACE_VERSION - 1 ? "yes" : "no");
    mc = mc_for(99);
    T_RC("mca unknown command", xc_mca_op(xch, &mc));
    mc = mc_for(XEN_MC_notifydomain);
    T_RC("mca notifydomain", xc_mca_op(xch, &mc));
    /* Refused by the library, no hypercall. */
    T_RC("mca inject_v2 map of 0 cpus", xc_mca_op_inject_v2(xch, 0, none, 0));
    /* No CPU in the map, and type 7 is none: refused by Xen either way. */
    T_RC("mca inject_v2 empty map, unknown type",
         xc_mca_op_inject_v2(xch, XEN_MC_INJECT_TYPE_MASK, none, 8));
}

void diff_mca(xc_interface *xch, const struct diff_domains *d)
{
    (void)d;
    cpu_info(xch);
    refusals(xch);
}
