/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Physical CPU hotplug (sysctl cpu_hotplug): one CPU online or offline,
 * or every secondary SMT thread at once.  Xen does the work on CPU 0 and
 * tries once more itself when the CPU is busy; the library passes its
 * answer on as it is.
 */
#include "private.h"

static int hotplug(xc_interface *xch, uint32_t op, uint32_t cpu)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_cpu_hotplug };

    s.u.cpu_hotplug.cpu = cpu;
    s.u.cpu_hotplug.op = op;
    return xc__sysctl(xch, &s);
}

EXPORT int xc_cpu_online(xc_interface *xch, int cpu)
{
    return hotplug(xch, XEN_SYSCTL_CPU_HOTPLUG_ONLINE, (uint32_t)cpu);
}

EXPORT int xc_cpu_offline(xc_interface *xch, int cpu)
{
    return hotplug(xch, XEN_SYSCTL_CPU_HOTPLUG_OFFLINE, (uint32_t)cpu);
}

EXPORT int xc_smt_enable(xc_interface *xch)
{
    return hotplug(xch, XEN_SYSCTL_CPU_HOTPLUG_SMT_ENABLE, 0);
}

EXPORT int xc_smt_disable(xc_interface *xch)
{
    return hotplug(xch, XEN_SYSCTL_CPU_HOTPLUG_SMT_DISABLE, 0);
}
