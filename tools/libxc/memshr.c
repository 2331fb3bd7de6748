/* SPDX-License-Identifier: LGPL-2.1-only */
/* Memory sharing between domains (x86 HAP guests): sharing turned on or
 * off for a domain (domctl), the ring of failed-unshare notifications
 * (the vm_event domctl, sharing mode), and the page operations
 * (memory_op XENMEM_sharing_op).  A Xen built without memory sharing
 * refuses (its error is passed on). */
#include "private.h"

EXPORT int xc_memshr_control(xc_interface *xch, uint32_t domid, int enable)
{
    struct xen_domctl d = { 0 };

    d.u.mem_sharing_op.op = XEN_DOMCTL_MEM_SHARING_CONTROL;
    /* A byte in Xen's struct, as upstream's passes it. */
    d.u.mem_sharing_op.u.enable = (uint8_t)enable;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_mem_sharing_op, domid);
}

EXPORT int xc_memshr_ring_enable(xc_interface *xch, uint32_t domid, uint32_t *port)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!port)
        return xc__invalid(xch, "xc_memshr_ring_enable: NULL port");
    return xc_vm_event_control(xch, domid, XEN_VM_EVENT_ENABLE, XEN_DOMCTL_VM_EVENT_OP_SHARING,
                               port);
}

EXPORT int xc_memshr_ring_disable(xc_interface *xch, uint32_t domid)
{
    return xc_vm_event_control(xch, domid, XEN_VM_EVENT_DISABLE, XEN_DOMCTL_VM_EVENT_OP_SHARING,
                               NULL);
}

EXPORT int xc_memshr_domain_resume(xc_interface *xch, uint32_t domid)
{
    return xc_vm_event_control(xch, domid, XEN_VM_EVENT_RESUME, XEN_DOMCTL_VM_EVENT_OP_SHARING,
                               NULL);
}

/* The sharing op *op (its op and arguments filled in) on domid; Xen's
 * answer (a reference count for the debug ops), or -1 with errno set
 * (ECHILD and EBADF: Xen's -10 and -9, an invalid source or client
 * handle). */
static int sharing_op(xc_interface *xch, uint32_t domid, struct xen_mem_sharing_op *op)
{
    op->domain = (domid_t)domid;
    return (int)xc_memory_op(xch, XENMEM_sharing_op, op, sizeof(*op));
}

/* The handle Xen gives is written on success only. */
static int nominate(xc_interface *xch, uint32_t domid, struct xen_mem_sharing_op *op,
                    uint64_t *handle, const char *fn)
{
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!handle)
        return xc__invalid(xch, "%s: NULL handle pointer", fn);
    rc = sharing_op(xch, domid, op);
    if (rc == 0)
        *handle = op->u.nominate.handle;
    return rc;
}

EXPORT int xc_memshr_nominate_gfn(xc_interface *xch, uint32_t domid, unsigned long gfn,
                                  uint64_t *handle)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_nominate_gfn };

    op.u.nominate.u.gfn = gfn;
    return nominate(xch, domid, &op, handle, "xc_memshr_nominate_gfn");
}

EXPORT int xc_memshr_nominate_gref(xc_interface *xch, uint32_t domid, grant_ref_t gref,
                                   uint64_t *handle)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_nominate_gref };

    op.u.nominate.u.grant_ref = gref;
    return nominate(xch, domid, &op, handle, "xc_memshr_nominate_gref");
}

/* Share (XENMEM_sharing_op_share) or add to the client's physical map
 * (add_physmap, whose client handle Xen does not read) one page. */
static int share(xc_interface *xch, uint8_t cmd, uint32_t source_domain, uint64_t source_gfn,
                 uint64_t source_handle, uint32_t client_domain, uint64_t client_gfn,
                 uint64_t client_handle)
{
    struct xen_mem_sharing_op op = { .op = cmd };

    op.u.share.source_gfn = source_gfn;
    op.u.share.source_handle = source_handle;
    op.u.share.client_domain = (domid_t)client_domain;
    op.u.share.client_gfn = client_gfn;
    op.u.share.client_handle = client_handle;
    return sharing_op(xch, source_domain, &op);
}

EXPORT int xc_memshr_share_gfns(xc_interface *xch, uint32_t source_domain,
                                unsigned long source_gfn, uint64_t source_handle,
                                uint32_t client_domain, unsigned long client_gfn,
                                uint64_t client_handle)
{
    return share(xch, XENMEM_sharing_op_share, source_domain, source_gfn, source_handle,
                 client_domain, client_gfn, client_handle);
}

/* A grant reference travels in the gfn field, marked as one. */
EXPORT int xc_memshr_share_grefs(xc_interface *xch, uint32_t source_domain,
                                 grant_ref_t source_gref, uint64_t source_handle,
                                 uint32_t client_domain, grant_ref_t client_gref,
                                 uint64_t client_handle)
{
    return share(xch, XENMEM_sharing_op_share, source_domain,
                 XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG | source_gref, source_handle,
                 client_domain, XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG | client_gref,
                 client_handle);
}

EXPORT int xc_memshr_add_to_physmap(xc_interface *xch, uint32_t source_domain,
                                    unsigned long source_gfn, uint64_t source_handle,
                                    uint32_t client_domain, unsigned long client_gfn)
{
    return share(xch, XENMEM_sharing_op_add_physmap, source_domain, source_gfn, source_handle,
                 client_domain, client_gfn, 0);
}

EXPORT int xc_memshr_range_share(xc_interface *xch, uint32_t source_domain,
                                 uint32_t client_domain, uint64_t first_gfn, uint64_t last_gfn)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_range_share };

    op.u.range.first_gfn = first_gfn;
    op.u.range.last_gfn = last_gfn;
    op.u.range.client_domain = (domid_t)client_domain;
    return sharing_op(xch, source_domain, &op);
}

/* client_domain, a domain just created, becomes a fork of paused
 * source_domain. */
EXPORT int xc_memshr_fork(xc_interface *xch, uint32_t source_domain, uint32_t client_domain,
                          bool allow_with_iommu, bool block_interrupts)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_fork };

    op.u.fork.parent_domain = (domid_t)source_domain;
    op.u.fork.flags = (allow_with_iommu ? XENMEM_FORK_WITH_IOMMU_ALLOWED : 0) |
                      (block_interrupts ? XENMEM_FORK_BLOCK_INTERRUPTS : 0);
    return sharing_op(xch, client_domain, &op);
}

EXPORT int xc_memshr_fork_reset(xc_interface *xch, uint32_t forked_domain, bool reset_state,
                                bool reset_memory)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_fork_reset };

    op.u.fork.flags = (reset_state ? XENMEM_FORK_RESET_STATE : 0) |
                      (reset_memory ? XENMEM_FORK_RESET_MEMORY : 0);
    return sharing_op(xch, forked_domain, &op);
}

EXPORT int xc_memshr_debug_gfn(xc_interface *xch, uint32_t domid, unsigned long gfn)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_debug_gfn };

    op.u.debug.u.gfn = gfn;
    return sharing_op(xch, domid, &op);
}

EXPORT int xc_memshr_debug_gref(xc_interface *xch, uint32_t domid, grant_ref_t gref)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_debug_gref };

    op.u.debug.u.gref = gref;
    return sharing_op(xch, domid, &op);
}

/* Host-wide: Xen looks at no domain (0 is passed, as upstream's). */
EXPORT int xc_memshr_audit(xc_interface *xch)
{
    struct xen_mem_sharing_op op = { .op = XENMEM_sharing_op_audit };

    return sharing_op(xch, 0, &op);
}
