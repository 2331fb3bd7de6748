/*
 * What saving, restoring and migrating a domain use, by domctl: an HVM
 * domain's saved state, shadow paging and log-dirty tracking, the pool
 * Xen keeps for the domain's page tables.
 */
#include "private.h"

/* One HVM context domctl: ctxt (size bytes, or NULL to ask for the
 * size) bounced in the given direction.  Xen's answer, or -1. */
static int hvm_context(xc_interface *xch, uint32_t cmd, uint32_t domid, uint8_t *ctxt,
                       uint32_t size, int dir, uint32_t *filled)
{
    DECLARE_HYPERCALL_BOUNCE(ctxt, size, dir);
    struct xen_domctl d = { 0 };
    int rc;

    if (xc_hypercall_bounce_pre(xch, ctxt))
        return -1;
    d.u.hvmcontext.size = size;
    set_xen_guest_handle(d.u.hvmcontext.buffer, ctxt);
    rc = xc__domctl_on(xch, &d, cmd, domid);
    xc_hypercall_bounce_post(xch, ctxt);
    *filled = d.u.hvmcontext.size;
    return rc;
}

/* Xen writes the domain's whole state, or with a NULL buffer only says
 * how large it is.  Returns that size. */
EXPORT int xc_domain_hvm_getcontext(xc_interface *xch, uint32_t domid, uint8_t *ctxt_buf,
                                    uint32_t size)
{
    uint32_t filled = 0;

    if (hvm_context(xch, XEN_DOMCTL_gethvmcontext, domid, ctxt_buf, size,
                    XC_HYPERCALL_BUFFER_BOUNCE_OUT, &filled) < 0)
        return -1;
    return (int)filled;
}

EXPORT int xc_domain_hvm_setcontext(xc_interface *xch, uint32_t domid, uint8_t *hvm_ctxt,
                                    uint32_t size)
{
    uint32_t filled;

    return hvm_context(xch, XEN_DOMCTL_sethvmcontext, domid, hvm_ctxt, size,
                       XC_HYPERCALL_BUFFER_BOUNCE_IN, &filled);
}

/* A shadow_op domctl; *op comes back as Xen left it. */
static int shadow_op(xc_interface *xch, uint32_t domid, struct xen_domctl_shadow_op *op)
{
    struct xen_domctl d = { 0 };
    int rc;

    d.u.shadow_op = *op;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_shadow_op, domid);
    *op = d.u.shadow_op;
    return rc;
}

/* *mb (when given) is the allocation to set, and becomes Xen's answer. */
EXPORT int xc_shadow_control(xc_interface *xch, uint32_t domid, unsigned int sop,
                             unsigned int *mb, unsigned int mode)
{
    struct xen_domctl_shadow_op op = { .op = sop, .mode = mode, .mb = mb ? *mb : 0 };
    int rc = shadow_op(xch, domid, &op);

    if (mb)
        *mb = op.mb;
    return rc;
}

/*
 * dirty_bitmap is a hypercall buffer of (pages + 7) / 8 bytes or NULL;
 * the stats are written whatever Xen answered.  Returns the number of
 * pages Xen reports (for CLEAN and PEEK: how many it scanned), or -1.
 */
EXPORT long long xc_logdirty_control(xc_interface *xch, uint32_t domid, unsigned int sop,
                                     xc_hypercall_buffer_t *dirty_bitmap, unsigned long pages,
                                     unsigned int mode, xc_shadow_op_stats_t *stats)
{
    struct xen_domctl_shadow_op op = { .op = sop, .mode = mode, .pages = pages };
    int rc;

    if (dirty_bitmap)
        set_xen_guest_handle_raw(op.dirty_bitmap, dirty_bitmap->hbuf);
    rc = shadow_op(xch, domid, &op);
    if (stats)
        *stats = op.stats;
    return rc == 0 ? (long long)op.pages : rc;
}

/* size in bytes; Xen rounds to its own granularity or refuses. */
EXPORT int xc_set_paging_mempool_size(xc_interface *xch, uint32_t domid, uint64_t size)
{
    struct xen_domctl d = { 0 };

    d.u.paging_mempool.size = size;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_paging_mempool_size, domid);
}
