/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/tbuf.c: Xen's trace buffers.  Their size is
 * set once per boot and they are never freed, so the first run of this
 * helper (ours) allocates them and every later one (upstream's, or one
 * after tests/libxc/programs' xentrace, which asks for the same size)
 * finds them: the first case prints both alike, and every case after it
 * sees the same buffers.  Tracing ends off, as at boot, the event mask
 * as found and every CPU traced.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

#include <xen/trace.h>

/* xentrace's default size, which tests/libxc/programs/trace.c asks for. */
#define PAGES 32

/* Xen's own answer, which the library reads but does not give: the event
 * mask and where the metadata is. */
static void get_info(xc_interface *xch, const char *name, struct xen_sysctl_tbuf_op *op)
{
    struct xen_sysctl s;

    memset(&s, 0, sizeof(s));
    s.cmd = XEN_SYSCTL_tbuf_op;
    s.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    s.u.tbuf_op.cmd = XEN_SYSCTL_TBUFOP_get_info;
    T_RC(name, xc_sysctl(xch, &s));
    *op = s.u.tbuf_op;
}

static void masks(xc_interface *xch, uint32_t evt_mask)
{
    struct xen_sysctl_tbuf_op op;
    xc_cpumap_t cpus = xc_cpumap_alloc(xch);
    int max = xc_get_max_cpus(xch);

    T_RC("tbuf/set_evt_mask TRC_SCHED", xc_tbuf_set_evt_mask(xch, TRC_SCHED));
    get_info(xch, "tbuf/get_info after set_evt_mask", &op);
    t_result("tbuf/evt_mask read back", "%#x", op.evt_mask);
    T_RC("tbuf/set_evt_mask as found", xc_tbuf_set_evt_mask(xch, evt_mask));
    get_info(xch, "tbuf/get_info after the restore", &op);
    t_result("tbuf/evt_mask restored", "%s", op.evt_mask == evt_mask ? "yes" : "no");

    t_result("tbuf/cpumap", "%s", cpus ? "allocated" : "NULL");
    if (!cpus)
        return;
    xc_cpumap_setcpu(0, cpus);
    T_RC("tbuf/set_cpu_mask CPU 0", xc_tbuf_set_cpu_mask(xch, cpus));
    for (int cpu = 0; cpu < max; cpu++)
        xc_cpumap_setcpu(cpu, cpus);
    T_RC("tbuf/set_cpu_mask every CPU", xc_tbuf_set_cpu_mask(xch, cpus));
    free(cpus);
}

void diff_tbuf(xc_interface *xch, const struct diff_domains *d)
{
    struct xen_sysctl_tbuf_op found;
    unsigned long size = 0, mfn = 0;
    int rc;

    (void)d;
    errno = 0;
    rc = xc_tbuf_set_size(xch, PAGES);
    if (rc == 0 || errno == EBUSY)
        t_result("tbuf/set_size 32, allocated now or before", "allocated");
    else
        t_rc_result("tbuf/set_size 32, allocated now or before", rc, errno);
    T_RC("tbuf/set_size 32 again", xc_tbuf_set_size(xch, PAGES));
    T_RC("tbuf/set_size 2^32 + 32 (Xen's 32 bits: 32)",
         xc_tbuf_set_size(xch, (1UL << 32) + PAGES));
    T_RC("tbuf/set_size 33", xc_tbuf_set_size(xch, PAGES + 1));
    T_RC("tbuf/set_size 0", xc_tbuf_set_size(xch, 0));
    /* Refused to a PV dom0 (the writable mapping). */
    T_RC("tbuf/get_size", xc_tbuf_get_size(xch, &size));
    t_result("tbuf/size", "%lu", size);

    get_info(xch, "tbuf/get_info", &found);
    t_result("tbuf/get_info's answer", "evt_mask %#x metadata %s, %u bytes", found.evt_mask,
             found.buffer_mfn ? "at a frame" : "nowhere", found.size);
    T_RC("tbuf/enable", xc_tbuf_enable(xch, PAGES, &mfn, &size));
    t_result("tbuf/enable's metadata", "frame %s, %lu bytes",
             mfn && mfn == found.buffer_mfn ? "get_info's" : "another", size);
    mfn = size = 0;
    T_RC("tbuf/enable asking for 64 pages", xc_tbuf_enable(xch, 2 * PAGES, &mfn, &size));
    t_result("tbuf/enable's metadata again", "frame %s, %lu bytes",
             mfn && mfn == found.buffer_mfn ? "get_info's" : "another", size);
    masks(xch, found.evt_mask);
    T_RC("tbuf/disable", xc_tbuf_disable(xch));
    T_RC("tbuf/disable again", xc_tbuf_disable(xch));
}
