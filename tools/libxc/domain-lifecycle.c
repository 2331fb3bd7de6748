/* A domain's life: the domctls that create, run, stop and destroy it. */
#include "private.h"

/* libxl asks for a given id (*pdomid) or lets Xen choose (0, or an id
 * of DOMID_FIRST_RESERVED and above); Xen may adjust the configuration,
 * which the caller gets back. */
EXPORT int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                            struct xen_domctl_createdomain *config)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!pdomid || !config)
        return xc__invalid(xch, "xc_domain_create: NULL %s", pdomid ? "config" : "domid");
    d.u.createdomain = *config;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_createdomain, *pdomid);
    if (rc)
        return rc;
    *pdomid = d.domain;
    *config = d.u.createdomain;
    return 0;
}

/* Xen frees a dying domain's memory in steps and answers EAGAIN until
 * the last one. */
EXPORT int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    int rc;

    do {
        struct xen_domctl d = { 0 };

        rc = xc__domctl_on(xch, &d, XEN_DOMCTL_destroydomain, domid);
    } while (rc < 0 && errno == EAGAIN);
    return rc;
}

EXPORT int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    struct xen_domctl d = { 0 };

    return xc__domctl_on(xch, &d, XEN_DOMCTL_pausedomain, domid);
}

EXPORT int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    struct xen_domctl d = { 0 };

    return xc__domctl_on(xch, &d, XEN_DOMCTL_unpausedomain, domid);
}

EXPORT int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max)
{
    struct xen_domctl d = { 0 };

    d.u.max_vcpus.max = max;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_max_vcpus, domid);
}

EXPORT int xc_domain_soft_reset(xc_interface *xch, uint32_t domid)
{
    struct xen_domctl d = { 0 };

    return xc__domctl_on(xch, &d, XEN_DOMCTL_soft_reset, domid);
}

EXPORT int xc_domain_set_target(xc_interface *xch, uint32_t domid, uint32_t target)
{
    struct xen_domctl d = { 0 };

    d.u.set_target.target = (domid_t)target;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_target, domid);
}

EXPORT int xc_domain_subscribe_for_suspend(xc_interface *xch, uint32_t domid,
                                           evtchn_port_t port)
{
    struct xen_domctl d = { 0 };

    d.u.subscribe.port = port;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_subscribe, domid);
}

EXPORT int xc_domain_send_trigger(xc_interface *xch, uint32_t domid, uint32_t trigger,
                                  uint32_t vcpu)
{
    struct xen_domctl d = { 0 };

    d.u.sendtrigger.trigger = trigger;
    d.u.sendtrigger.vcpu = vcpu;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_sendtrigger, domid);
}
