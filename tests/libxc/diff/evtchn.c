/* SPDX-License-Identifier: MIT */
/*
 * xc_evtchn_alloc_unbound, as libxenlight calls it for a new guest's
 * xenstore and console channels: on a PV domain of its own, each port
 * read back with xc_evtchn_status; then xc_evtchn_reset closes them.
 * And upstream's compat xc_evtchn handle: a loopback channel of dom0
 * (an unbound port bound from the other end), an event sent through it
 * and received, each port's status as Xen reports it.
 */
#include <errno.h>
#include <poll.h>

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

/* What Xen reports of dom0's port: its state and, for an interdomain
 * channel, whether its other end is the port given. */
static void own_port(xc_interface *xch, const char *name, int port, int other_end)
{
    xc_evtchn_status_t st = { .dom = DOMID_SELF, .port = (evtchn_port_t)port };

    if (port < 0)
        return;
    errno = 0;
    if (xc_evtchn_status(xch, &st) < 0) {
        t_result(name, "status refused errno %d", errno);
        return;
    }
    if (st.status == EVTCHNSTAT_interdomain)
        t_result(name, "interdomain, dom0 %s, other end %s",
                 st.u.interdomain.dom == 0 ? "yes" : "no",
                 (int)st.u.interdomain.port == other_end ? "the port bound to it" : "another");
    else
        t_result(name, "status %u", st.status);
}

/* "port" or the refusal: port numbers depend on what dom0 has open. */
static void port_result(const char *name, int port, int err)
{
    if (port >= 0)
        t_result(name, "a port");
    else
        t_rc_result(name, port, err);
}

/* The next pending port within timeout_ms (still masked), or -1. */
static int next_pending(xc_evtchn *xce, int timeout_ms)
{
    struct pollfd p = { .fd = xc_evtchn_fd(xce), .events = POLLIN };

    if (poll(&p, 1, timeout_ms) != 1)
        return -1;
    return xc_evtchn_pending(xce);
}

/* Empties the handle's queue: Xen makes a port pending when it is bound
 * to an interdomain channel, and that event races the ones sent after. */
static void drain(xc_evtchn *xce)
{
    int port;

    while ((port = next_pending(xce, 200)) >= 0)
        xc_evtchn_unmask(xce, (evtchn_port_t)port);
}

/* Whether the event arrives within a second, on the port expected and
 * nothing else after it. */
static void received(xc_evtchn *xce, const char *name, int expected)
{
    int port = next_pending(xce, 1000), more;

    if (port >= 0)
        T_RC("compat unmask of the port", xc_evtchn_unmask(xce, (evtchn_port_t)port));
    more = next_pending(xce, 200);
    if (more >= 0)
        xc_evtchn_unmask(xce, (evtchn_port_t)more);
    t_result(name, "%s%s", port == expected ? "on the port bound to it" :
             port < 0 ? "nothing pending" : "on another port",
             more >= 0 ? ", then another" : "");
}

static void compat_handle(xc_interface *xch)
{
    xc_evtchn *xce;
    int unbound, local, virq;

    errno = 0;
    xce = xc_evtchn_open(NULL, 0);
    t_result("compat evtchn_open", "%s errno %d", xce ? "a handle" : "NULL", xce ? 0 : errno);
    if (!xce)
        return;
    t_result("compat evtchn_fd", "%s", xc_evtchn_fd(xce) >= 0 ? "a descriptor" : "none");
    errno = 0;
    unbound = xc_evtchn_bind_unbound_port(xce, 0);
    port_result("compat bind_unbound_port for dom0", unbound, errno);
    own_port(xch, "the unbound port", unbound, -1);
    errno = 0;
    local = unbound < 0 ? -1 : xc_evtchn_bind_interdomain(xce, 0, (evtchn_port_t)unbound);
    port_result("compat bind_interdomain to it", local, errno);
    own_port(xch, "the unbound port, bound", unbound, local);
    own_port(xch, "the port bound to it", local, unbound);
    if (local >= 0) {
        drain(xce);
        T_RC("compat notify", xc_evtchn_notify(xce, (evtchn_port_t)local));
        received(xce, "the event", unbound);
        T_RC("compat notify back", xc_evtchn_notify(xce, (evtchn_port_t)unbound));
        received(xce, "the event back", local);
        T_RC("compat unbind", xc_evtchn_unbind(xce, (evtchn_port_t)local));
        own_port(xch, "the unbound port after the other end's unbind", unbound, -1);
        T_RC("compat unbind again", xc_evtchn_unbind(xce, (evtchn_port_t)local));
        T_RC("compat notify of the unbound port", xc_evtchn_notify(xce, (evtchn_port_t)local));
    }
    if (unbound >= 0)
        T_RC("compat unbind of the first port", xc_evtchn_unbind(xce, (evtchn_port_t)unbound));
    /* No dom0 kernel binds VIRQ_TBUF (trace buffers; xentrace would). */
    errno = 0;
    virq = xc_evtchn_bind_virq(xce, VIRQ_TBUF);
    port_result("compat bind_virq TBUF", virq, errno);
    if (virq >= 0)
        T_RC("compat unbind of the VIRQ", xc_evtchn_unbind(xce, (evtchn_port_t)virq));
    T_RC("compat bind_virq of no VIRQ", xc_evtchn_bind_virq(xce, NR_VIRQS + 1));
    T_RC("compat bind_interdomain to no domain", xc_evtchn_bind_interdomain(xce, NO_DOMAIN, 1));
    /* Xen lets a port wait for any domain id, even one of no domain. */
    errno = 0;
    unbound = xc_evtchn_bind_unbound_port(xce, NO_DOMAIN);
    port_result("compat bind_unbound_port for no domain", unbound, errno);
    if (unbound >= 0)
        T_RC("compat unbind of it", xc_evtchn_unbind(xce, (evtchn_port_t)unbound));
    T_RC("compat evtchn_close", xc_evtchn_close(xce));
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
    compat_handle(xch);
}
