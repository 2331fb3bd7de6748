/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/domain.c, each on domains of this family's own
 * (registered with testdom, so that a crash leaks none):
 *   - ctl/: an HVM domain's settings, each read back where Xen can say:
 *     time offset, TSC, guest width, cache flush, handle, a global
 *     VIRQ; and a caller's own domctl.  The same domain gets the ctl/ cases of domain-memory.c
 *     (its memory limit), domain-permission.c and domain-numa.c, all in
 *     the order of settings() below: the domctl reads the limit back.
 *   - life/: a domain's life: create (PV and HVM, as libxl asks: id
 *     chosen by Xen or by the caller), vCPUs, pause and unpause, target,
 *     suspend subscription, soft reset, triggers, destroy.
 *   - save/: an HVM domain's saved state (read, loaded back, refused when
 *     corrupt), on a domain made with its vCPU (saving the state of one
 *     without panics Xen 4.17.7) that then gets memory.c's save/ cases
 *     (the paging pool, log-dirty tracking).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

/* ------------------------------------------------------------ settings */

static void time_offset(xc_interface *xch, uint32_t dom)
{
    T_RC("ctl/set_time_offset", xc_domain_set_time_offset(xch, dom, 3600));
    T_RC("ctl/set_time_offset of no domain", xc_domain_set_time_offset(xch, NO_DOMAIN, 1));
}

static void tsc(xc_interface *xch, uint32_t dom)
{
    uint32_t mode = 77, khz = 77, incarnation = 77;
    uint64_t elapsed = 77;

    T_RC("ctl/get_tsc_info", xc_domain_get_tsc_info(xch, dom, &mode, &elapsed, &khz,
                                                   &incarnation));
    /* The host's frequency, the same on both runs; elapsed time is not. */
    t_result("ctl/tsc info", "mode %u khz %u incarnation %u", mode, khz, incarnation);
    T_RC("ctl/set_tsc_info always emulate at 1 GHz",
         xc_domain_set_tsc_info(xch, dom, 1, 0, 1000000, 5));
    T_RC("ctl/get_tsc_info after set", xc_domain_get_tsc_info(xch, dom, &mode, &elapsed, &khz,
                                                             &incarnation));
    t_result("ctl/tsc info after set", "mode %u khz %u incarnation %u", mode, khz, incarnation);
    T_RC("ctl/set_tsc_info mode 9", xc_domain_set_tsc_info(xch, dom, 9, 0, 0, 0));
    T_RC("ctl/get_tsc_info of no domain", xc_domain_get_tsc_info(xch, NO_DOMAIN, &mode,
                                                                &elapsed, &khz, &incarnation));
}

static void width_and_cache(xc_interface *xch, uint32_t dom, const struct diff_domains *d)
{
    unsigned width = 77;

    T_RC("ctl/get_guest_width of HVM", xc_domain_get_guest_width(xch, dom, &width));
    t_result("ctl/HVM guest width", "%u", width);
    width = 77;
    T_RC("ctl/get_guest_width of PV", xc_domain_get_guest_width(xch, (uint32_t)d->pv2,
                                                               &width));
    t_result("ctl/PV guest width", "%u", width);
    T_RC("ctl/get_guest_width of no domain", xc_domain_get_guest_width(xch, NO_DOMAIN, &width));
    T_RC("ctl/cacheflush", xc_domain_cacheflush(xch, dom, 0, 16));
    T_RC("ctl/cacheflush of no domain", xc_domain_cacheflush(xch, NO_DOMAIN, 0, 16));
}

/* The toolstack's handle, read back from the domain's record; a global
 * VIRQ given to the domain and back to dom0 (Xen has no "nobody": dom0
 * as the handler is what Xen does without one).  VIRQ_ENOMEM, of
 * xen-lowmemd only: VIRQ_DOM_EXC is xenstored's. */
static void handle_and_virq(xc_interface *xch, uint32_t dom)
{
    xen_domain_handle_t handle;
    xc_dominfo_t info;

    for (unsigned i = 0; i < sizeof(handle); i++)
        handle[i] = (uint8_t)(0xa0 + i);
    T_RC("ctl/sethandle", xc_domain_sethandle(xch, dom, handle));
    if (xc_domain_getinfo(xch, dom, 1, &info) == 1)
        t_result("ctl/handle read back", "%s", diff_hex(info.handle, sizeof(info.handle)));
    T_RC("ctl/sethandle of no domain", xc_domain_sethandle(xch, NO_DOMAIN, handle));
    T_RC("ctl/set_virq_handler VIRQ_ENOMEM to the test domain",
         xc_domain_set_virq_handler(xch, dom, VIRQ_ENOMEM));
    T_RC("ctl/set_virq_handler VIRQ_ENOMEM again", xc_domain_set_virq_handler(xch, dom,
                                                                             VIRQ_ENOMEM));
    T_RC("ctl/set_virq_handler VIRQ_ENOMEM back to dom0",
         xc_domain_set_virq_handler(xch, 0, VIRQ_ENOMEM));
    T_RC("ctl/set_virq_handler VIRQ_TIMER (per vCPU)",
         xc_domain_set_virq_handler(xch, dom, VIRQ_TIMER));
    T_RC("ctl/set_virq_handler NR_VIRQS", xc_domain_set_virq_handler(xch, dom, NR_VIRQS));
    T_RC("ctl/set_virq_handler -1", xc_domain_set_virq_handler(xch, dom, -1));
    T_RC("ctl/set_virq_handler of no domain",
         xc_domain_set_virq_handler(xch, NO_DOMAIN, VIRQ_ENOMEM));
}

/* A caller's own domctl. */
static void domctl(xc_interface *xch, uint32_t dom)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = (domid_t)dom };

    T_RC("ctl/xc_domctl getdomaininfo", xc_domctl(xch, &dc));
    t_result("ctl/xc_domctl's answer", "dom %+d max_vcpu_id %u hvm %s max %lu",
             (int)dc.u.getdomaininfo.domain - diff_base, dc.u.getdomaininfo.max_vcpu_id,
             dc.u.getdomaininfo.flags & XEN_DOMINF_hvm_guest ? "yes" : "no",
             (unsigned long)dc.u.getdomaininfo.max_pages);
    dc = (struct xen_domctl){ .cmd = 9999, .domain = (domid_t)dom };
    T_RC("ctl/xc_domctl 9999", xc_domctl(xch, &dc));
}

static void settings(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(16);

    if (dom < 0) {
        t_result("ctl/test domain", "none");
        return;
    }
    diff_domain_memory_limit(xch, (uint32_t)dom);
    time_offset(xch, (uint32_t)dom);
    tsc(xch, (uint32_t)dom);
    width_and_cache(xch, (uint32_t)dom, d);
    diff_domain_permission(xch, (uint32_t)dom);
    diff_domain_numa(xch, (uint32_t)dom);
    handle_and_virq(xch, (uint32_t)dom);
    domctl(xch, (uint32_t)dom);
    testdom_destroy(dom);
}

/* ------------------------------------------------------------ debug */

static void debugged(xc_interface *xch, const char *name, uint32_t dom)
{
    xc_dominfo_t info;

    if (xc_domain_getinfo(xch, dom, 1, &info) == 1 && info.domid == dom)
        t_result(name, "debugged %u paused %u", info.debugged, info.paused);
    else
        t_result(name, "no domain");
}

static void debug_one(xc_interface *xch, const char *kind, uint32_t dom)
{
    char name[96];

#define NAME(what) (snprintf(name, sizeof(name), "debug/%s of %s", (what), kind), name)
    T_RC(NAME("setdebugging 1"), xc_domain_setdebugging(xch, dom, 1));
    debugged(xch, NAME("record after setdebugging 1"), dom);
    T_RC(NAME("setdebugging 0"), xc_domain_setdebugging(xch, dom, 0));
    debugged(xch, NAME("record after setdebugging 0"), dom);
    T_RC(NAME("setdebugging 7"), xc_domain_setdebugging(xch, dom, 7));
    debugged(xch, NAME("record after setdebugging 7"), dom);
    T_RC(NAME("setdebugging 0 again"), xc_domain_setdebugging(xch, dom, 0));
    T_RC(NAME("debug_control single step on"),
         xc_domain_debug_control(xch, dom, XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON, 0));
    T_RC(NAME("debug_control single step off"),
         xc_domain_debug_control(xch, dom, XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_OFF, 0));
    T_RC(NAME("debug_control op 9"), xc_domain_debug_control(xch, dom, 9, 0));
    T_RC(NAME("debug_control of vcpu 5"),
         xc_domain_debug_control(xch, dom, XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON, 5));
    T_RC(NAME("set_access_required 1"), xc_domain_set_access_required(xch, dom, 1));
    T_RC(NAME("set_access_required 0"), xc_domain_set_access_required(xch, dom, 0));
#undef NAME
}

static void debugging(xc_interface *xch)
{
    int hvm = testdom_create_hvm(16), pv = testdom_create_pv();

    if (hvm < 0 || pv < 0)
        t_result("debug/test domains", "none");
    else {
        debug_one(xch, "HVM", (uint32_t)hvm);
        debug_one(xch, "PV", (uint32_t)pv);
    }
    debug_one(xch, "no domain", NO_DOMAIN);
    if (hvm >= 0)
        testdom_destroy(hvm);
    if (pv >= 0)
        testdom_destroy(pv);
}

/* ------------------------------------------------------------ life */

/* The configuration tests/lib/testdom.c makes its domains with. */
static struct xen_domctl_createdomain config(bool hvm)
{
    struct xen_domctl_createdomain c = {
        .max_vcpus = 1,
        .max_evtchn_port = -1,
        .max_grant_frames = 4,
        .max_maptrack_frames = 0,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };

    if (hvm) {
        c.flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
        c.arch.emulation_flags = XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI;
    }
    return c;
}

/* Creates a domain with xc_domain_create (id wanted: *domid) and prints
 * the outcome; registers it.  Returns its id, or -1. */
static int create(xc_interface *xch, const char *name, uint32_t *domid,
                  struct xen_domctl_createdomain *c, const struct diff_domains *d)
{
    char what[128];
    int rc;

    errno = 0;
    rc = xc_domain_create(xch, domid, c);
    t_rc_result(name, rc, errno);
    if (rc != 0)
        return -1;
    testdom_adopt((int)*domid);
    snprintf(what, sizeof(what), "%s, the domain", name);
    t_result(what, "id after the test domains %s, config back: vcpus %u flags %#x "
             "grant frames %u emu %#x", (int)*domid > d->hvm ? "yes" : "no", c->max_vcpus,
             c->flags, c->max_grant_frames, c->arch.emulation_flags);
    return (int)*domid;
}

static void show(xc_interface *xch, const char *name, int domid)
{
    xc_dominfo_t info;

    if (xc_domain_getinfo(xch, (uint32_t)domid, 1, &info) == 1 && info.domid == (uint32_t)domid)
        diff_dominfo(name, &info);
    else
        t_result(name, "gone");
}

/* A destroyed domain may stay listed as dying for a moment. */
static void destroy(xc_interface *xch, const char *name, int domid)
{
    xc_dominfo_t info;
    char what[128];

    T_RC(name, xc_domain_destroy(xch, (uint32_t)domid));
    snprintf(what, sizeof(what), "%s, gone", name);
    t_result(what, "%s",
             xc_domain_getinfo(xch, (uint32_t)domid, 1, &info) != 1 ||
             info.domid != (uint32_t)domid || info.dying ? "yes" : "no");
    testdom_forget(domid);
}

static void lifecycle(xc_interface *xch, const struct diff_domains *d)
{
    struct xen_domctl_createdomain c = config(false);
    uint32_t id = 0, wanted;
    int pv, hvm, chosen;

    pv = create(xch, "life/create PV, id chosen by Xen", &id, &c, d);
    if (pv < 0)
        return;
    show(xch, "life/created PV domain", pv);

    c = config(false);
    T_RC("life/create with a taken id", xc_domain_create(xch, &id, &c));
    wanted = id = (uint32_t)pv + 20;
    c = config(false);
    chosen = create(xch, "life/create with an id chosen by the caller", &id, &c, d);
    t_result("life/the id chosen", "%s", id == wanted ? "as asked" : "other");
    if (chosen >= 0)
        destroy(xch, "life/destroy the domain of the chosen id", chosen);
    id = 0;
    c = config(false);
    c.max_vcpus = 0;
    T_RC("life/create with no vCPUs", xc_domain_create(xch, &id, &c));
    t_result("life/domid after the refused create", "%u", id);
    c = config(false);
    c.flags = 1U << 30;
    T_RC("life/create with unknown flags", xc_domain_create(xch, &id, &c));

    id = 0;
    c = config(true);
    hvm = create(xch, "life/create HVM (hap), id chosen by Xen", &id, &c, d);

    /* vCPUs: as many as the domain was created for, no more. */
    T_RC("life/max_vcpus 1", xc_domain_max_vcpus(xch, (uint32_t)pv, 1));
    T_RC("life/max_vcpus 2 (created for 1)", xc_domain_max_vcpus(xch, (uint32_t)pv, 2));
    show(xch, "life/PV domain with its vCPU", pv);
    if (hvm >= 0) {
        T_RC("life/max_vcpus of the HVM domain", xc_domain_max_vcpus(xch, (uint32_t)hvm, 1));
        show(xch, "life/HVM domain with its vCPU", hvm);
    }
    T_RC("life/max_vcpus of no domain", xc_domain_max_vcpus(xch, DOMID_FIRST_RESERVED - 1, 1));

    /* Created paused by its controller: one unpause lets it run (its one
     * vCPU is down, so nothing runs), a second has nothing to undo. */
    T_RC("life/unpause", xc_domain_unpause(xch, (uint32_t)pv));
    show(xch, "life/after unpause", pv);
    T_RC("life/unpause again", xc_domain_unpause(xch, (uint32_t)pv));
    T_RC("life/pause", xc_domain_pause(xch, (uint32_t)pv));
    show(xch, "life/after pause", pv);
    T_RC("life/pause again", xc_domain_pause(xch, (uint32_t)pv));
    T_RC("life/unpause once", xc_domain_unpause(xch, (uint32_t)pv));
    show(xch, "life/after two pauses and one unpause", pv);
    T_RC("life/pause of no domain", xc_domain_pause(xch, DOMID_FIRST_RESERVED - 1));
    T_RC("life/unpause of no domain", xc_domain_unpause(xch, DOMID_FIRST_RESERVED - 1));

    T_RC("life/set_target to the HVM test domain", xc_domain_set_target(xch, (uint32_t)pv,
                                                                   (uint32_t)d->hvm));
    T_RC("life/set_target to itself", xc_domain_set_target(xch, (uint32_t)pv, (uint32_t)pv));
    T_RC("life/set_target to no domain", xc_domain_set_target(xch, (uint32_t)pv,
                                                         DOMID_FIRST_RESERVED - 1));
    T_RC("life/subscribe_for_suspend", xc_domain_subscribe_for_suspend(xch, (uint32_t)pv, 5));
    T_RC("life/subscribe_for_suspend of no domain",
         xc_domain_subscribe_for_suspend(xch, DOMID_FIRST_RESERVED - 1, 5));

    /* Soft reset only of a domain that shut down for one: these have not. */
    T_RC("life/soft_reset of a running PV domain", xc_domain_soft_reset(xch, (uint32_t)pv));
    T_RC("life/soft_reset of no domain", xc_domain_soft_reset(xch, DOMID_FIRST_RESERVED - 1));

    T_RC("life/send_trigger NMI to a PV domain",
         xc_domain_send_trigger(xch, (uint32_t)pv, XEN_DOMCTL_SENDTRIGGER_NMI, 0));
    if (hvm >= 0) {
        T_RC("life/soft_reset of a paused HVM domain", xc_domain_soft_reset(xch, (uint32_t)hvm));
        T_RC("life/send_trigger NMI", xc_domain_send_trigger(xch, (uint32_t)hvm,
                                                        XEN_DOMCTL_SENDTRIGGER_NMI, 0));
        T_RC("life/send_trigger NMI to vCPU 5",
             xc_domain_send_trigger(xch, (uint32_t)hvm, XEN_DOMCTL_SENDTRIGGER_NMI, 5));
        T_RC("life/send_trigger 99", xc_domain_send_trigger(xch, (uint32_t)hvm, 99, 0));
        destroy(xch, "life/destroy HVM", hvm);
    }

    destroy(xch, "life/destroy PV", pv);
    T_RC("life/destroy again", xc_domain_destroy(xch, (uint32_t)pv));
    T_RC("life/destroy of no domain", xc_domain_destroy(xch, DOMID_FIRST_RESERVED - 1));
}

/* ------------------------------------------------------------ saved state */

static void context(xc_interface *xch, uint32_t dom, const struct diff_domains *d)
{
    uint8_t small[16];
    uint8_t *buf, *again;
    int size, n;

    errno = 0;
    size = xc_domain_hvm_getcontext(xch, dom, NULL, 0);
    t_rc_result("save/hvm_getcontext size", size, errno);
    if (size <= (int)(sizeof(struct hvm_save_descriptor) + sizeof(struct hvm_save_header)))
        return;
    buf = calloc(1, (size_t)size);
    again = calloc(1, (size_t)size);
    if (!buf || !again) {
        t_result("save/context buffers", "none");
        free(buf);
        free(again);
        return;
    }
    errno = 0;
    n = xc_domain_hvm_getcontext(xch, dom, buf, (uint32_t)size);
    t_rc_result("save/hvm_getcontext", n, errno);
    {
        struct hvm_save_descriptor desc;
        struct hvm_save_header header;

        memcpy(&desc, buf, sizeof(desc));
        memcpy(&header, buf + sizeof(desc), sizeof(header));
        t_result("save/first record", "type %u length %u magic %#x version %u", desc.typecode,
                 desc.length, header.magic, header.version);
    }
    T_RC("save/hvm_getcontext into 16 bytes", xc_domain_hvm_getcontext(xch, dom, small,
                                                                      sizeof(small)));
    T_RC("save/hvm_setcontext of what was read", xc_domain_hvm_setcontext(xch, dom, buf,
                                                                         (uint32_t)size));
    errno = 0;
    n = xc_domain_hvm_getcontext(xch, dom, again, (uint32_t)size);
    t_rc_result("save/hvm_getcontext after the load", n, errno);
    /* The header and the first vCPU's record stand as loaded. */
    t_result("save/header the same after the load", "%s",
             memcmp(buf, again, sizeof(struct hvm_save_descriptor) +
                    sizeof(struct hvm_save_header)) == 0 ? "yes" : "no");
    ((struct hvm_save_header *)(buf + sizeof(struct hvm_save_descriptor)))->magic ^= 1;
    T_RC("save/hvm_setcontext with a bad magic", xc_domain_hvm_setcontext(xch, dom, buf,
                                                                         (uint32_t)size));
    T_RC("save/hvm_getcontext of a PV domain", xc_domain_hvm_getcontext(xch, (uint32_t)d->pv2,
                                                                       NULL, 0));
    T_RC("save/hvm_getcontext of no domain", xc_domain_hvm_getcontext(xch, NO_DOMAIN, NULL, 0));
    T_RC("save/hvm_setcontext of no domain", xc_domain_hvm_setcontext(xch, NO_DOMAIN, again,
                                                                     (uint32_t)size));
    free(buf);
    free(again);
}

/* The fields of a never-run vCPU that Xen sets the same way each time. */
static void print_cpu(const char *name, const struct hvm_hw_cpu *cpu)
{
    t_result(name, "cr0 %#lx cr3 %#lx cr4 %#lx efer %#lx rip %#lx rflags %#lx cs %#x", 
             (unsigned long)cpu->cr0, (unsigned long)cpu->cr3, (unsigned long)cpu->cr4,
             (unsigned long)cpu->msr_efer, (unsigned long)cpu->rip,
             (unsigned long)cpu->rflags, cpu->cs_sel);
}

/* Single records (getcontext_partial) of an HVM domain of its own: Xen
 * has no CPU record of a vCPU that is down, so vCPU 0 is brought up with
 * a context first (the domain stays paused: it never runs). */
static void partial_of(xc_interface *xch, uint32_t dom, const struct diff_domains *d)
{
    struct hvm_hw_cpu cpu;
    struct hvm_hw_lapic_regs lapic;
    struct hvm_hw_mtrr mtrr;
    int rc;

    vcpu_guest_context_any_t ctx;

    T_RC("save/hvm_getcontext_partial CPU of a vcpu that is down",
         xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(CPU), 0, &cpu, sizeof(cpu)));
    memset(&ctx, 0, sizeof(ctx));
    ctx.x64.flags = VGCF_online;
    ctx.x64.user_regs.rip = 0x100000;
    ctx.x64.user_regs.rsp = 0x8000;
    ctx.x64.user_regs.rflags = 0x2;
    T_RC("save/vcpu_setcontext online", xc_vcpu_setcontext(xch, dom, 0, &ctx));
    memset(&cpu, 0x5a, sizeof(cpu));
    errno = 0;
    rc = xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(CPU), 0, &cpu, sizeof(cpu));
    t_rc_result("save/hvm_getcontext_partial CPU 0", rc, errno);
    if (rc == 0)
        print_cpu("save/CPU 0", &cpu);
    memset(&lapic, 0, sizeof(lapic));
    errno = 0;
    rc = xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(LAPIC_REGS), 0, &lapic,
                                          sizeof(lapic));
    t_rc_result("save/hvm_getcontext_partial LAPIC_REGS 0", rc, errno);
    if (rc == 0)
        t_result("save/LAPIC version register", "%#x", lapic.data[0x30]);
    memset(&mtrr, 0, sizeof(mtrr));
    errno = 0;
    rc = xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(MTRR), 0, &mtrr,
                                          sizeof(mtrr));
    t_rc_result("save/hvm_getcontext_partial MTRR 0", rc, errno);
    if (rc == 0)
        t_result("save/MTRR", "cap %#lx pat %#lx", (unsigned long)mtrr.msr_mtrr_cap,
                 (unsigned long)mtrr.msr_pat_cr);
    T_RC("save/hvm_getcontext_partial CPU 1 (no such vcpu)",
         xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(CPU), 1, &cpu, sizeof(cpu)));
    T_RC("save/hvm_getcontext_partial CPU into 16 bytes",
         xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(CPU), 0, &cpu, 16));
    T_RC("save/hvm_getcontext_partial of type 0",
         xc_domain_hvm_getcontext_partial(xch, dom, 0, 0, &cpu, sizeof(cpu)));
    T_RC("save/hvm_getcontext_partial of type 200",
         xc_domain_hvm_getcontext_partial(xch, dom, 200, 0, &cpu, sizeof(cpu)));
    T_RC("save/hvm_getcontext_partial of a PV domain",
         xc_domain_hvm_getcontext_partial(xch, (uint32_t)d->pv2, HVM_SAVE_CODE(CPU), 0, &cpu,
                                          sizeof(cpu)));
    T_RC("save/hvm_getcontext_partial of no domain",
         xc_domain_hvm_getcontext_partial(xch, NO_DOMAIN, HVM_SAVE_CODE(CPU), 0, &cpu,
                                          sizeof(cpu)));
}

static void saved_state(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(16);

    if (dom < 0) {
        t_result("save/test domain", "none");
        return;
    }
    context(xch, (uint32_t)dom, d);
    diff_memory_paging(xch, (uint32_t)dom);
    testdom_destroy(dom);
}

static void partial(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(16);

    if (dom < 0) {
        t_result("save/partial test domain", "none");
        return;
    }
    partial_of(xch, (uint32_t)dom, d);
    testdom_destroy(dom);
}

/* ------------------------------------------------------------ shared */

static void cpu_usage_and_audit(xc_interface *xch, const struct diff_domains *d)
{
    uint64_t orphans = 77, m2p_bad = 77, p2m_bad = 77;
    evtchn_port_t port = 77;
    long long used;
    int rc;

    errno = 0;
    used = xc_domain_get_cpu_usage(xch, (uint32_t)d->hvm, 0);
    t_result("get_cpu_usage of the HVM vcpu 0 (never run)", "%lld errno %d", used,
             used < 0 ? errno : 0);
    T_RC("get_cpu_usage of vcpu 1 of 1", xc_domain_get_cpu_usage(xch, (uint32_t)d->hvm, 1));
    T_RC("get_cpu_usage of a PV domain without vcpus",
         xc_domain_get_cpu_usage(xch, (uint32_t)d->pv, 0));
    T_RC("get_cpu_usage of vcpu -1", xc_domain_get_cpu_usage(xch, (uint32_t)d->hvm, -1));
    T_RC("get_cpu_usage of no domain", xc_domain_get_cpu_usage(xch, NO_DOMAIN, 0));
    errno = 0;
    used = xc_domain_get_cpu_usage(xch, 0, 0);
    t_result("get_cpu_usage of dom0's vcpu 0", "%s", used > 0 ? "positive" : "not");

    /* Upstream's counts are its uninitialised domctl's when Xen refuses:
     * printed only when Xen answers. */
    errno = 0;
    rc = xc_domain_p2m_audit(xch, (uint32_t)d->hvm, &orphans, &m2p_bad, &p2m_bad);
    t_rc_result("p2m_audit of HVM", rc, errno);
    if (rc == 0)
        t_result("p2m_audit's counts", "%lu %lu %lu", (unsigned long)orphans,
                 (unsigned long)m2p_bad, (unsigned long)p2m_bad);
    T_RC("p2m_audit of PV", xc_domain_p2m_audit(xch, (uint32_t)d->pv, &orphans, &m2p_bad,
                                                &p2m_bad));
    T_RC("p2m_audit of no domain", xc_domain_p2m_audit(xch, NO_DOMAIN, &orphans, &m2p_bad,
                                                       &p2m_bad));

    T_RC("dom_vuart_init PL011", xc_dom_vuart_init(xch, XEN_DOMCTL_VUART_TYPE_VPL011,
                                                   (uint32_t)d->hvm, 0, 0x300, &port));
    t_result("vuart port", "%u", port);
    T_RC("dom_vuart_init of type 1", xc_dom_vuart_init(xch, 1, (uint32_t)d->hvm, 0, 0x300,
                                                       &port));
    T_RC("dom_vuart_init of no domain", xc_dom_vuart_init(xch, XEN_DOMCTL_VUART_TYPE_VPL011,
                                                          NO_DOMAIN, 0, 0x300, &port));
}

/* Beside diff.c's PCI INTx and MSI rows: host IRQ 10 is no pirq of the
 * domain. */
static void pass_through_irqs(xc_interface *xch, const struct diff_domains *d)
{
    T_RC("bind_pt_isa_irq 10", xc_domain_bind_pt_isa_irq(xch, (uint32_t)d->hvm, 10));
    T_RC("unbind_pt_irq ISA 10", xc_domain_unbind_pt_irq(xch, (uint32_t)d->hvm, 10,
                                                         PT_IRQ_TYPE_ISA, 0, 0, 0, 10));
    T_RC("bind_pt_isa_irq to a PV domain", xc_domain_bind_pt_isa_irq(xch, (uint32_t)d->pv, 10));
    T_RC("bind_pt_isa_irq to no domain", xc_domain_bind_pt_isa_irq(xch, NO_DOMAIN, 10));
    T_RC("bind_pt_spi_irq", xc_domain_bind_pt_spi_irq(xch, (uint32_t)d->hvm, 40, 40));
    T_RC("unbind_pt_spi_irq", xc_domain_unbind_pt_spi_irq(xch, (uint32_t)d->hvm, 40, 40));
    T_RC("bind_pt_spi_irq to no domain", xc_domain_bind_pt_spi_irq(xch, NO_DOMAIN, 40, 40));
}

void diff_domain(xc_interface *xch, const struct diff_domains *d)
{
    cpu_usage_and_audit(xch, d);
    pass_through_irqs(xch, d);
    settings(xch, d);
    lifecycle(xch, d);
    saved_state(xch, d);
    debugging(xch);
    partial(xch, d);
}
