/*
 * A caller's own domctl and sysctl (libxenguest issues some itself):
 * the interface version is filled in, the rest goes to Xen as it is.
 */
#include "private.h"

EXPORT int xc_domctl(xc_interface *xch, struct xen_domctl *domctl)
{
    if (!domctl)
        return xc__invalid(xch, "xc_domctl: NULL domctl");
    return xc__domctl(xch, domctl);
}

EXPORT int xc_sysctl(xc_interface *xch, struct xen_sysctl *sysctl)
{
    if (!sysctl)
        return xc__invalid(xch, "xc_sysctl: NULL sysctl");
    return xc__sysctl(xch, sysctl);
}
