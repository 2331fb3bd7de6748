/* SPDX-License-Identifier: LGPL-2.1-only */
/* Memory sharing between domains (x86 HAP guests): sharing turned on or
 * off for a domain (domctl).  A Xen built without memory sharing refuses
 * (its error is passed on). */
#include "private.h"

EXPORT int xc_memshr_control(xc_interface *xch, uint32_t domid, int enable)
{
    struct xen_domctl d = { 0 };

    d.u.mem_sharing_op.op = XEN_DOMCTL_MEM_SHARING_CONTROL;
    /* A byte in Xen's struct, as upstream's passes it. */
    d.u.mem_sharing_op.u.enable = (uint8_t)enable;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_mem_sharing_op, domid);
}
