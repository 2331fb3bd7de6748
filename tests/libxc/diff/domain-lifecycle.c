/* SPDX-License-Identifier: MIT */
/*
 * A domain's life through libxenctrl: create (PV and HVM, as libxl asks:
 * id chosen by Xen or by the caller), vCPUs, pause and unpause, target,
 * suspend subscription, soft reset, triggers, destroy.  The domains are
 * this family's own, registered with testdom so that a crash leaks none.
 */
#include <errno.h>
#include <stdio.h>

#include "testdom.h"
#include "diff.h"

/* The configuration tests/common/testdom.c makes its domains with. */
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

void diff_domain_lifecycle(xc_interface *xch, const struct diff_domains *d)
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
