/* SPDX-License-Identifier: MIT */
/*
 * xc_evtchn_alloc_unbound, as libxenlight calls it for a new guest's
 * xenstore and console channels: on a PV domain of its own, each port
 * read back with xc_evtchn_status; then xc_evtchn_reset closes them.
 */
#include <errno.h>

#include "testdom.h"
#include "diff.h"

static void status(xc_interface *xch, const char *name, int domid, int port)
{
    xc_evtchn_status_t st = { .dom = (domid_t)domid, .port = (evtchn_port_t)port };
    char what[128];
    int remote;

    if (port < 0)
        return;
    snprintf(what, sizeof(what), "%s, its status", name);
    T_RC(name, xc_evtchn_status(xch, &st));
    remote = st.status == EVTCHNSTAT_unbound ? st.u.unbound.dom : -1;
    /* Ids relative to the test domains, but for dom0's and the port's own. */
    t_result(what, "status %u remote %s %+d", st.status,
             remote < 0 ? "none" : remote == 0 ? "dom0" : remote == domid ? "itself" :
             "test domain", remote > 0 && remote != domid ? remote - diff_base : 0);
}

/* Every port of the domain closed at once (the last one allocated read
 * back), which Xen does only while its controller keeps it paused (as
 * it was created); never of dom0. */
static void reset(xc_interface *xch, int domid, int port)
{
    T_RC("reset of the paused domain", xc_evtchn_reset(xch, (uint32_t)domid));
    status(xch, "the port for itself after the reset", domid, port);
    T_RC("reset again", xc_evtchn_reset(xch, (uint32_t)domid));
    if (xc_domain_unpause(xch, (uint32_t)domid) == 0) {
        T_RC("reset of the domain unpaused", xc_evtchn_reset(xch, (uint32_t)domid));
        xc_domain_pause(xch, (uint32_t)domid);
    }
    T_RC("reset of no domain", xc_evtchn_reset(xch, NO_DOMAIN));
}

void diff_evtchn(xc_interface *xch, const struct diff_domains *d)
{
    int domid = testdom_create_pv(), port;

    if (domid < 0) {
        t_result("evtchn: a PV domain", "none, errno %d", errno);
        return;
    }
    errno = 0;
    port = xc_evtchn_alloc_unbound(xch, (uint32_t)domid, 0);
    t_rc_result("alloc_unbound for dom0", port, errno);
    status(xch, "the port for dom0", domid, port);
    errno = 0;
    port = xc_evtchn_alloc_unbound(xch, (uint32_t)domid, (uint32_t)d->pv);
    t_rc_result("alloc_unbound for a test domain", port, errno);
    status(xch, "the port for the test domain", domid, port);
    errno = 0;
    port = xc_evtchn_alloc_unbound(xch, (uint32_t)domid, DOMID_SELF);
    t_rc_result("alloc_unbound for itself (DOMID_SELF)", port, errno);
    status(xch, "the port for itself", domid, port);
    T_RC("alloc_unbound in no domain", xc_evtchn_alloc_unbound(xch, DOMID_FIRST_RESERVED - 1, 0));
    T_RC("alloc_unbound for no domain", xc_evtchn_alloc_unbound(xch, (uint32_t)domid,
                                                                DOMID_FIRST_RESERVED - 1));
    reset(xch, domid, port);
    testdom_destroy(domid);
}
