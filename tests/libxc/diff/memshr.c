/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/memshr.c: sharing turned on and off for the
 * HVM test domain (HAP), and for domains it cannot be; the ring for
 * failed unshares (the vm_event domctl, which refuses a domain without
 * vCPUs before it looks at sharing: the PV test domains have none); the
 * page operations (memory_op).  Debian's Xen is built without memory
 * sharing: the refusal is what is compared, and that nothing changed.
 */
#include <errno.h>

#include "diff.h"

/* A handle or port no call wrote. */
#define UNWRITTEN 0x77

static void control(xc_interface *xch, const struct diff_domains *d)
{
    T_RC("memshr_control enable", xc_memshr_control(xch, (uint32_t)d->hvm, 1));
    T_RC("memshr_control disable", xc_memshr_control(xch, (uint32_t)d->hvm, 0));
    T_RC("memshr_control enable of a PV domain", xc_memshr_control(xch, (uint32_t)d->pv, 1));
    T_RC("memshr_control of no domain", xc_memshr_control(xch, NO_DOMAIN, 1));
}

static void ring(xc_interface *xch, const struct diff_domains *d)
{
    uint32_t hvm = (uint32_t)d->hvm, pv = (uint32_t)d->pv, port = UNWRITTEN;

    T_RC("memshr/ring_enable", xc_memshr_ring_enable(xch, hvm, &port));
    t_result("memshr/ring port", "%s", port == UNWRITTEN ? "not written" : "written");
    T_RC("memshr/ring_enable of a domain without vCPUs", xc_memshr_ring_enable(xch, pv, &port));
    T_RC("memshr/ring_enable of no domain", xc_memshr_ring_enable(xch, NO_DOMAIN, &port));
    T_RC("memshr/ring_disable", xc_memshr_ring_disable(xch, hvm));
    T_RC("memshr/ring_disable of a domain without vCPUs", xc_memshr_ring_disable(xch, pv));
    T_RC("memshr/ring_disable of no domain", xc_memshr_ring_disable(xch, NO_DOMAIN));
    T_RC("memshr/domain_resume", xc_memshr_domain_resume(xch, hvm));
    T_RC("memshr/domain_resume of a domain without vCPUs", xc_memshr_domain_resume(xch, pv));
    T_RC("memshr/domain_resume of no domain", xc_memshr_domain_resume(xch, NO_DOMAIN));
}

/* The HVM test domain's populated gfns 0 and 1, offered, shared between
 * each other and with the PV domain, forked, looked at. */
static void pages(xc_interface *xch, const struct diff_domains *d)
{
    uint32_t hvm = (uint32_t)d->hvm, pv = (uint32_t)d->pv;
    uint64_t handle = UNWRITTEN;

    T_RC("memshr/nominate_gfn", xc_memshr_nominate_gfn(xch, hvm, 0, &handle));
    t_result("memshr/nominated handle", "%s", handle == UNWRITTEN ? "not written" : "written");
    T_RC("memshr/nominate_gfn of a PV domain", xc_memshr_nominate_gfn(xch, pv, 0, &handle));
    T_RC("memshr/nominate_gfn of no domain", xc_memshr_nominate_gfn(xch, NO_DOMAIN, 0, &handle));
    T_RC("memshr/nominate_gref", xc_memshr_nominate_gref(xch, hvm, 0, &handle));
    t_result("memshr/nominated gref handle", "%s",
             handle == UNWRITTEN ? "not written" : "written");
    T_RC("memshr/share_gfns", xc_memshr_share_gfns(xch, hvm, 0, 1, hvm, 1, 2));
    T_RC("memshr/share_gfns with a PV client", xc_memshr_share_gfns(xch, hvm, 0, 1, pv, 1, 2));
    T_RC("memshr/share_grefs", xc_memshr_share_grefs(xch, hvm, 0, 1, hvm, 1, 2));
    T_RC("memshr/add_to_physmap", xc_memshr_add_to_physmap(xch, hvm, 0, 1, hvm, 0x800));
    T_RC("memshr/range_share", xc_memshr_range_share(xch, hvm, hvm, 0, 1));
    T_RC("memshr/range_share of no domain", xc_memshr_range_share(xch, NO_DOMAIN, hvm, 0, 1));
    T_RC("memshr/fork into no domain", xc_memshr_fork(xch, hvm, NO_DOMAIN, false, false));
    T_RC("memshr/fork with both flags", xc_memshr_fork(xch, hvm, pv, true, true));
    T_RC("memshr/fork_reset", xc_memshr_fork_reset(xch, hvm, true, true));
    T_RC("memshr/fork_reset of nothing", xc_memshr_fork_reset(xch, hvm, false, false));
    T_RC("memshr/debug_gfn", xc_memshr_debug_gfn(xch, hvm, 0));
    T_RC("memshr/debug_gfn of no domain", xc_memshr_debug_gfn(xch, NO_DOMAIN, 0));
    T_RC("memshr/debug_gref", xc_memshr_debug_gref(xch, hvm, 0));
    T_RC("memshr/audit", xc_memshr_audit(xch));
    /* What Xen reports then: nothing shared, the domains as they were. */
    T_RC("memshr/sharing_freed_pages after", xc_sharing_freed_pages(xch));
    T_RC("memshr/sharing_used_frames after", xc_sharing_used_frames(xch));
    diff_pages(xch, "memshr/HVM domain after", hvm);
    diff_pages(xch, "memshr/PV domain after", pv);
}

void diff_memshr(xc_interface *xch, const struct diff_domains *d)
{
    control(xch, d);
    ring(xch, d);
    pages(xch, d);
}
