/* SPDX-License-Identifier: LGPL-2.1-only */
/* The FLASK security module (xsm_op).  A Xen booted without FLASK (the
 * dummy module) refuses every call: its error is passed on. */
#include "private.h"

/* An operation whose string argument (size bytes at text, copied in the
 * direction dir) sits in op's sid_context or load member. */
static int with_text(xc_interface *xch, struct xen_flask_op *op, char *text, uint32_t size,
                     int dir)
{
    DECLARE_HYPERCALL_BOUNCE(text, size, dir);
    int rc;

    if (!text && size)
        return xc__invalid(xch, "FLASK operation %u: NULL buffer of %u bytes", op->cmd, size);
    if (xc_hypercall_bounce_pre(xch, text))
        return -1;
    if (op->cmd == FLASK_LOAD) {
        op->u.load.size = size;
        set_xen_guest_handle(op->u.load.buffer, text);
    } else {
        op->u.sid_context.size = size;
        set_xen_guest_handle(op->u.sid_context.context, text);
    }
    rc = xc__flask_op(xch, op);
    xc_hypercall_bounce_post(xch, text);
    return rc;
}

EXPORT int xc_flask_load(xc_interface *xch, char *buf, uint32_t size)
{
    struct xen_flask_op op = { .cmd = FLASK_LOAD };

    return with_text(xch, &op, buf, size, XC_HYPERCALL_BUFFER_BOUNCE_IN);
}

EXPORT int xc_flask_context_to_sid(xc_interface *xch, char *buf, uint32_t size, uint32_t *sid)
{
    struct xen_flask_op op = { .cmd = FLASK_CONTEXT_TO_SID };
    int rc;

    if (!sid)
        return xc__invalid(xch, "xc_flask_context_to_sid: NULL sid");
    rc = with_text(xch, &op, buf, size, XC_HYPERCALL_BUFFER_BOUNCE_IN);
    if (rc == 0)
        *sid = op.u.sid_context.sid;
    return rc;
}

EXPORT int xc_flask_sid_to_context(xc_interface *xch, int sid, char *buf, uint32_t size)
{
    struct xen_flask_op op = { .cmd = FLASK_SID_TO_CONTEXT };

    op.u.sid_context.sid = (uint32_t)sid;
    return with_text(xch, &op, buf, size, XC_HYPERCALL_BUFFER_BOUNCE_OUT);
}

EXPORT int xc_flask_getenforce(xc_interface *xch)
{
    struct xen_flask_op op = { .cmd = FLASK_GETENFORCE };

    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_setenforce(xc_interface *xch, int mode)
{
    struct xen_flask_op op = { .cmd = FLASK_SETENFORCE };

    op.u.enforce.enforcing = (uint32_t)mode;
    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_relabel_domain(xc_interface *xch, uint32_t domid, uint32_t sid)
{
    struct xen_flask_op op = { .cmd = FLASK_RELABEL_DOMAIN };

    op.u.relabel.domid = domid;
    op.u.relabel.sid = sid;
    return xc__flask_op(xch, &op);
}
