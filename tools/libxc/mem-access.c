/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Access rights of an HVM domain's guest frames, whose violations Xen
 * reports on the monitor ring (memory_op XENMEM_access_op).  Xen 4.17
 * keeps them only for HAP guests on Intel's EPT and refuses the rest
 * with EINVAL.
 */
#include "private.h"

static int access_op(xc_interface *xch, xen_mem_access_op_t *op)
{
    return (int)xc__hypercall_struct(xch, __HYPERVISOR_memory_op, XENMEM_access_op, op,
                                     sizeof(*op), 0);
}

/* Xen works through a long range in preemptible steps on its own. */
EXPORT int xc_set_mem_access(xc_interface *xch, uint32_t domain_id, xenmem_access_t access,
                             uint64_t first_pfn, uint32_t nr)
{
    xen_mem_access_op_t op = {
        .op = XENMEM_access_op_set_access,
        .domid = (domid_t)domain_id,
        .access = (uint8_t)access,
        .pfn = first_pfn,
        .nr = nr,
    };

    return access_op(xch, &op);
}

EXPORT int xc_set_mem_access_multi(xc_interface *xch, uint32_t domain_id, uint8_t *access,
                                   uint64_t *pages, uint32_t nr)
{
    DECLARE_HYPERCALL_BOUNCE(access, nr, XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(pages, nr * sizeof(*pages), XC_HYPERCALL_BUFFER_BOUNCE_IN);
    /* The single-range fields hold what Xen takes for none. */
    xen_mem_access_op_t op = {
        .op = XENMEM_access_op_set_access_multi,
        .domid = (domid_t)domain_id,
        .access = XENMEM_access_default + 1,
        .pfn = ~0ULL,
        .nr = nr,
    };
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (nr && (!access || !pages))
        return xc__invalid(xch, "xc_set_mem_access_multi: NULL %s", access ? "pages" : "access");
    if (nr) {
        if (xc_hypercall_bounce_pre(xch, pages))
            return -1;
        if (xc_hypercall_bounce_pre(xch, access)) {
            xc_hypercall_bounce_post(xch, pages);
            return -1;
        }
    }
    set_xen_guest_handle(op.pfn_list, pages);
    set_xen_guest_handle(op.access_list, access);
    rc = access_op(xch, &op);
    xc_hypercall_bounce_post(xch, access);
    xc_hypercall_bounce_post(xch, pages);
    return rc;
}

EXPORT int xc_get_mem_access(xc_interface *xch, uint32_t domain_id, uint64_t pfn,
                             xenmem_access_t *access)
{
    xen_mem_access_op_t op = {
        .op = XENMEM_access_op_get_access,
        .domid = (domid_t)domain_id,
        .pfn = pfn,
    };
    int rc;

    if (!access)
        return xc__invalid(xch, "xc_get_mem_access: NULL access");
    rc = access_op(xch, &op);
    if (rc == 0)
        *access = (xenmem_access_t)op.access;
    return rc;
}
