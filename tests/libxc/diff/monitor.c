/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/monitor.c, on an HVM domain of this family's
 * own (with its vCPU, never run) whose monitor ring gfn is set as a
 * domain builder sets it, on its last populated frame: the ring turned
 * on (its page mapped and initialised by Xen, the gfn out of the
 * physmap), on again (refused; the gfn given a page again), resumed, off
 * and on once more; Xen's capabilities; each event turned on and off,
 * with the ring on and off.  Then the same against a PV domain and no
 * domain.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

#include <xen/hvm/params.h>
#include <xen/vm_event.h>

#define PAGES 64
#define RING_GFN (PAGES - 1)

static void ring_gfn_type(const char *name, int dom)
{
    t_result(name, "mem type %d", testdom_mem_type(dom, RING_GFN));
}

/* What xc_monitor_enable() gave: the ring as Xen set it up (its
 * producer and consumer indexes), then unmapped as a caller does. */
static void enabled(const char *name, void *ring, uint32_t port, int err)
{
    char what[96];

    if (!ring) {
        t_rc_result(name, -1, err);
        return;
    }
    t_result(name, "ring mapped, port %s", port ? "given" : "0");
    snprintf(what, sizeof(what), "%s, ring head", name);
    t_result(what, "%s", diff_hex(ring, 16));
    munmap(ring, 4096);
}

static void try_enable(xc_interface *xch, const char *name, uint32_t dom)
{
    uint32_t port = 0;
    void *ring;

    errno = 0;
    ring = xc_monitor_enable(xch, dom, &port);
    enabled(name, ring, port, errno);
}

/* Each kind of event on and off (and off once more), on dom. */
static void events(xc_interface *xch, const char *kind, uint32_t dom)
{
    static const struct { const char *name; uint16_t index; } crs[] = {
        { "CR0", VM_EVENT_X86_CR0 }, { "CR3", VM_EVENT_X86_CR3 },
        { "CR4", VM_EVENT_X86_CR4 }, { "XCR0", VM_EVENT_X86_XCR0 }, { "index 9", 9 },
    };
    char name[128];

#define NAME(what) (snprintf(name, sizeof(name), "monitor/%s, %s", kind, (what)), name)
    for (unsigned i = 0; i < sizeof(crs) / sizeof(crs[0]); i++) {
        char what[64];

        snprintf(what, sizeof(what), "write_ctrlreg %s on", crs[i].name);
        T_RC(NAME(what), xc_monitor_write_ctrlreg(xch, dom, crs[i].index, true, true,
                                                   0, true));
        snprintf(what, sizeof(what), "write_ctrlreg %s on again", crs[i].name);
        T_RC(NAME(what), xc_monitor_write_ctrlreg(xch, dom, crs[i].index, true, false,
                                                   0x10, false));
        snprintf(what, sizeof(what), "write_ctrlreg %s off", crs[i].name);
        T_RC(NAME(what), xc_monitor_write_ctrlreg(xch, dom, crs[i].index, false, false,
                                                   0, false));
    }
    T_RC(NAME("mov_to_msr EFER on"), xc_monitor_mov_to_msr(xch, dom, 0xc0000080, true, true));
    T_RC(NAME("mov_to_msr EFER off"), xc_monitor_mov_to_msr(xch, dom, 0xc0000080, false,
                                                            false));
    T_RC(NAME("mov_to_msr 0x12345678 on"), xc_monitor_mov_to_msr(xch, dom, 0x12345678, true,
                                                                 false));
    T_RC(NAME("singlestep on"), xc_monitor_singlestep(xch, dom, true));
    T_RC(NAME("singlestep off"), xc_monitor_singlestep(xch, dom, false));
    T_RC(NAME("software_breakpoint on"), xc_monitor_software_breakpoint(xch, dom, true));
    T_RC(NAME("software_breakpoint on again"), xc_monitor_software_breakpoint(xch, dom, true));
    T_RC(NAME("software_breakpoint off"), xc_monitor_software_breakpoint(xch, dom, false));
    T_RC(NAME("software_breakpoint off again"), xc_monitor_software_breakpoint(xch, dom,
                                                                               false));
    T_RC(NAME("descriptor_access on"), xc_monitor_descriptor_access(xch, dom, true));
    T_RC(NAME("descriptor_access off"), xc_monitor_descriptor_access(xch, dom, false));
    T_RC(NAME("guest_request on"), xc_monitor_guest_request(xch, dom, true, true, true));
    T_RC(NAME("guest_request off"), xc_monitor_guest_request(xch, dom, false, false, false));
    T_RC(NAME("inguest_pagefault disable"), xc_monitor_inguest_pagefault(xch, dom, true));
    T_RC(NAME("inguest_pagefault enable"), xc_monitor_inguest_pagefault(xch, dom, false));
    T_RC(NAME("debug_exceptions on"), xc_monitor_debug_exceptions(xch, dom, true, true));
    T_RC(NAME("debug_exceptions off"), xc_monitor_debug_exceptions(xch, dom, false, false));
    T_RC(NAME("cpuid on"), xc_monitor_cpuid(xch, dom, true));
    T_RC(NAME("cpuid off"), xc_monitor_cpuid(xch, dom, false));
    T_RC(NAME("privileged_call on"), xc_monitor_privileged_call(xch, dom, true));
    T_RC(NAME("privileged_call off"), xc_monitor_privileged_call(xch, dom, false));
    T_RC(NAME("emul_unimplemented on"), xc_monitor_emul_unimplemented(xch, dom, true));
    T_RC(NAME("emul_unimplemented off"), xc_monitor_emul_unimplemented(xch, dom, false));
    T_RC(NAME("vmexit on"), xc_monitor_vmexit(xch, dom, true, true));
    T_RC(NAME("vmexit off"), xc_monitor_vmexit(xch, dom, false, false));
    T_RC(NAME("emulate_each_rep on"), xc_monitor_emulate_each_rep(xch, dom, true));
    T_RC(NAME("emulate_each_rep off"), xc_monitor_emulate_each_rep(xch, dom, false));
#undef NAME
}

/* The enables pause the domain and unpause it again. */
static void paused(xc_interface *xch, const char *when, uint32_t dom)
{
    xc_dominfo_t info;
    char name[64];

    snprintf(name, sizeof(name), "monitor/domain %s", when);
    if (xc_domain_getinfo(xch, dom, 1, &info) == 1 && info.domid == dom)
        t_result(name, "paused %u", info.paused);
    else
        t_result(name, "no domain");
}

static const char *what_caps(const char *call)
{
    static char name[128];

    snprintf(name, sizeof(name), "%s, capabilities", call);
    return name;
}

static void capabilities(xc_interface *xch, const char *name, uint32_t dom)
{
    uint32_t caps = 0xdeadbeef;
    int rc;

    errno = 0;
    rc = xc_monitor_get_capabilities(xch, dom, &caps);
    t_rc_result(name, rc, errno);
    if (rc == 0)
        t_result(what_caps(name), "%#x", caps);
}

static void on_hvm(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(PAGES);

    if (dom < 0) {
        t_result("monitor/test domain", "none");
        return;
    }
    capabilities(xch, "monitor/get_capabilities of HVM", (uint32_t)dom);
    capabilities(xch, "monitor/get_capabilities of the diff HVM domain", (uint32_t)d->hvm);
    T_RC("monitor/get_capabilities into NULL", xc_monitor_get_capabilities(xch, (uint32_t)dom, NULL));
    events(xch, "HVM, ring off", (uint32_t)dom);

    T_RC("monitor/set MONITOR_RING_PFN", xc_hvm_param_set(xch, (uint32_t)dom,
                                                  HVM_PARAM_MONITOR_RING_PFN, RING_GFN));
    ring_gfn_type("monitor/ring gfn before", dom);
    paused(xch, "before the ring", (uint32_t)dom);
    T_RC("monitor/monitor_enable with NULL port", xc_monitor_enable(xch, (uint32_t)dom, NULL) ? 0 : -1);
    T_RC("monitor/resume with the ring off", xc_monitor_resume(xch, (uint32_t)dom));
    T_RC("monitor/disable with the ring off", xc_monitor_disable(xch, (uint32_t)dom));
    try_enable(xch, "monitor/monitor_enable", (uint32_t)dom);
    ring_gfn_type("monitor/ring gfn with the ring on", dom);
    try_enable(xch, "monitor/monitor_enable again", (uint32_t)dom);
    ring_gfn_type("monitor/ring gfn after the second enable", dom);
    T_RC("monitor/resume", xc_monitor_resume(xch, (uint32_t)dom));
    events(xch, "HVM, ring on", (uint32_t)dom);
    T_RC("monitor/disable", xc_monitor_disable(xch, (uint32_t)dom));
    ring_gfn_type("monitor/ring gfn after disable", dom);
    T_RC("monitor/disable again", xc_monitor_disable(xch, (uint32_t)dom));
    try_enable(xch, "monitor/monitor_enable after disable", (uint32_t)dom);
    ring_gfn_type("monitor/ring gfn with the ring on again", dom);
    T_RC("monitor/disable once more", xc_monitor_disable(xch, (uint32_t)dom));
    paused(xch, "after the ring's life", (uint32_t)dom);
    testdom_destroy(dom);
}

void diff_monitor(xc_interface *xch, const struct diff_domains *d)
{
    int pv = testdom_create_pv();

    on_hvm(xch, d);
    if (pv >= 0) {
        capabilities(xch, "monitor/get_capabilities of PV", (uint32_t)pv);
        try_enable(xch, "monitor/monitor_enable of PV", (uint32_t)pv);
        T_RC("monitor/resume of PV", xc_monitor_resume(xch, (uint32_t)pv));
        T_RC("monitor/disable of PV", xc_monitor_disable(xch, (uint32_t)pv));
        events(xch, "PV", (uint32_t)pv);
        testdom_destroy(pv);
    }
    capabilities(xch, "monitor/get_capabilities of no domain", NO_DOMAIN);
    try_enable(xch, "monitor/monitor_enable of no domain", NO_DOMAIN);
    T_RC("monitor/resume of no domain", xc_monitor_resume(xch, NO_DOMAIN));
    T_RC("monitor/disable of no domain", xc_monitor_disable(xch, NO_DOMAIN));
    events(xch, "no domain", NO_DOMAIN);
}
