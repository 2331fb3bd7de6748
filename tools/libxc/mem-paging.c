/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Memory paging of an HVM domain: its paging ring (domctl vm_event_op,
 * mode paging) and the page operations a pager makes (memory_op
 * XENMEM_paging_op).
 */
#include "private.h"

/* Paging operation op on gfn; page, when given, is the page's new
 * contents (XC_PAGE_SIZE bytes, copied to Xen). */
static int paging_op(xc_interface *xch, uint32_t domid, uint8_t op, uint64_t gfn, void *page)
{
    DECLARE_HYPERCALL_BOUNCE(page, XC_PAGE_SIZE, XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_mem_paging_op p = { .op = op, .domain = (domid_t)domid, .gfn = gfn };
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (xc_hypercall_bounce_pre(xch, page))
        return -1;
    set_xen_guest_handle(p.buffer, page);
    rc = (int)xc_memory_op(xch, XENMEM_paging_op, &p, sizeof(p));
    xc_hypercall_bounce_post(xch, page);
    return rc;
}

EXPORT int xc_mem_paging_enable(xc_interface *xch, uint32_t domain_id, uint32_t *port)
{
    if (!port)
        return xc__invalid(xch, "xc_mem_paging_enable: NULL port");
    return xc_vm_event_control(xch, domain_id, XEN_VM_EVENT_ENABLE, XEN_DOMCTL_VM_EVENT_OP_PAGING,
                               port);
}

EXPORT int xc_mem_paging_disable(xc_interface *xch, uint32_t domain_id)
{
    return xc_vm_event_control(xch, domain_id, XEN_VM_EVENT_DISABLE, XEN_DOMCTL_VM_EVENT_OP_PAGING,
                               NULL);
}

EXPORT int xc_mem_paging_resume(xc_interface *xch, uint32_t domain_id)
{
    return xc_vm_event_control(xch, domain_id, XEN_VM_EVENT_RESUME, XEN_DOMCTL_VM_EVENT_OP_PAGING,
                               NULL);
}

EXPORT int xc_mem_paging_nominate(xc_interface *xch, uint32_t domain_id, uint64_t gfn)
{
    return paging_op(xch, domain_id, XENMEM_paging_op_nominate, gfn, NULL);
}

EXPORT int xc_mem_paging_evict(xc_interface *xch, uint32_t domain_id, uint64_t gfn)
{
    return paging_op(xch, domain_id, XENMEM_paging_op_evict, gfn, NULL);
}

/* Without contents: Xen gives gfn a frame the pager fills later. */
EXPORT int xc_mem_paging_prep(xc_interface *xch, uint32_t domain_id, uint64_t gfn)
{
    return paging_op(xch, domain_id, XENMEM_paging_op_prep, gfn, NULL);
}

EXPORT int xc_mem_paging_load(xc_interface *xch, uint32_t domain_id, uint64_t gfn,
                              void *buffer)
{
    if (!buffer)
        return xc__invalid(xch, "xc_mem_paging_load: NULL buffer");
    return paging_op(xch, domain_id, XENMEM_paging_op_prep, gfn, buffer);
}
