/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/vm-event.c: Xen's vm_event interface version,
 * and each ring (paging, monitor, sharing) turned on by
 * xc_vm_event_enable() and off by xc_vm_event_control() on an HVM domain
 * of this family's own whose ring gfns are set (populated frames), with
 * the ring gfn's type read back; the refusals of a parameter that is no
 * ring, an unknown op or mode, a PV domain and no domain.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

#include <xen/hvm/params.h>

/* Upstream declares these in its private header only. */
int xc_vm_event_control(xc_interface *xch, uint32_t domain_id, unsigned int op,
                        unsigned int mode, uint32_t *port);
void *xc_vm_event_enable(xc_interface *xch, uint32_t domain_id, int param, uint32_t *port);

#define PAGES 32

static const struct ring {
    const char *name;
    int param;
    unsigned mode;
    uint64_t gfn;
} rings[] = {
    { "paging", HVM_PARAM_PAGING_RING_PFN, XEN_DOMCTL_VM_EVENT_OP_PAGING, PAGES - 1 },
    { "monitor", HVM_PARAM_MONITOR_RING_PFN, XEN_DOMCTL_VM_EVENT_OP_MONITOR, PAGES - 2 },
    { "sharing", HVM_PARAM_SHARING_RING_PFN, XEN_DOMCTL_VM_EVENT_OP_SHARING, PAGES - 3 },
};

static void enable(xc_interface *xch, const char *name, uint32_t dom, int param)
{
    uint32_t port = 0;
    void *ring;

    errno = 0;
    ring = xc_vm_event_enable(xch, dom, param, &port);
    if (!ring) {
        t_rc_result(name, -1, errno);
        return;
    }
    t_result(name, "ring mapped, port %s", port ? "given" : "0");
    munmap(ring, 4096);
}

static void ring_life(xc_interface *xch, int dom, const struct ring *r)
{
    char name[96];
    uint32_t port = 0;
    int rc;

#define NAME(what) (snprintf(name, sizeof(name), "vm_event/%s ring, %s", r->name, (what)), name)
    T_RC(NAME("set its gfn"), xc_hvm_param_set(xch, (uint32_t)dom, (uint32_t)r->param, r->gfn));
    t_result(NAME("gfn before"), "mem type %d", testdom_mem_type(dom, r->gfn));
    enable(xch, NAME("vm_event_enable"), (uint32_t)dom, r->param);
    t_result(NAME("gfn with the ring on"), "mem type %d", testdom_mem_type(dom, r->gfn));
    errno = 0;
    rc = xc_vm_event_control(xch, (uint32_t)dom, XEN_VM_EVENT_ENABLE, r->mode, &port);
    t_rc_result(NAME("vm_event_control enable again"), rc, errno);
    T_RC(NAME("resume"), xc_vm_event_control(xch, (uint32_t)dom, XEN_VM_EVENT_RESUME,
                                             r->mode, NULL));
    T_RC(NAME("disable"), xc_vm_event_control(xch, (uint32_t)dom, XEN_VM_EVENT_DISABLE,
                                              r->mode, NULL));
    T_RC(NAME("disable again"), xc_vm_event_control(xch, (uint32_t)dom, XEN_VM_EVENT_DISABLE,
                                                    r->mode, NULL));
    t_result(NAME("gfn after"), "mem type %d", testdom_mem_type(dom, r->gfn));
#undef NAME
}

static void refusals(xc_interface *xch, const char *kind, uint32_t dom, bool try_enable)
{
    char name[96];
    uint32_t port = 0;

#define NAME(what) (snprintf(name, sizeof(name), "vm_event/%s, %s", kind, (what)), name)
    if (try_enable)
        enable(xch, NAME("vm_event_enable of the monitor ring"), dom,
               HVM_PARAM_MONITOR_RING_PFN);
    T_RC(NAME("vm_event_control op 99"), xc_vm_event_control(xch, dom, 99,
                                                             XEN_DOMCTL_VM_EVENT_OP_MONITOR,
                                                             &port));
    T_RC(NAME("vm_event_control mode 99"), xc_vm_event_control(xch, dom, XEN_VM_EVENT_ENABLE,
                                                               99, &port));
    T_RC(NAME("vm_event_control resume monitor"),
         xc_vm_event_control(xch, dom, XEN_VM_EVENT_RESUME, XEN_DOMCTL_VM_EVENT_OP_MONITOR,
                             NULL));
    errno = 0;
    t_result(NAME("vm_event_control get_version"), "rc %d",
             xc_vm_event_control(xch, dom, XEN_VM_EVENT_GET_VERSION,
                                 XEN_DOMCTL_VM_EVENT_OP_MONITOR, NULL));
#undef NAME
}

void diff_vm_event(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(PAGES), pv = testdom_create_pv();
    uint32_t port = 0;

    (void)d;
    T_RC("vm_event/vm_event_get_version", xc_vm_event_get_version(xch));
    if (dom >= 0) {
        for (unsigned i = 0; i < sizeof(rings) / sizeof(rings[0]); i++)
            ring_life(xch, dom, &rings[i]);
        T_RC("vm_event/vm_event_enable with NULL port",
             xc_vm_event_enable(xch, (uint32_t)dom, HVM_PARAM_MONITOR_RING_PFN, NULL) ? 0 : -1);
        T_RC("vm_event/vm_event_enable of HVM_PARAM_TIMER_MODE",
             xc_vm_event_enable(xch, (uint32_t)dom, HVM_PARAM_TIMER_MODE, &port) ? 0 : -1);
        refusals(xch, "HVM", (uint32_t)dom, false);
        testdom_destroy(dom);
    } else {
        t_result("vm_event/vm_event test domain", "none");
    }
    if (pv >= 0) {
        refusals(xch, "PV", (uint32_t)pv, true);
        testdom_destroy(pv);
    }
    refusals(xch, "no domain", NO_DOMAIN, true);
}
