/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Alternate p2m views of an HVM domain (hvm_op HVMOP_altp2m): each call
 * is one sub-command of the op, its arguments in the op's union.  Outputs
 * are written only when Xen succeeded, as upstream's library does.
 */
#include "private.h"

#include <xen/hvm/hvm_op.h>

/* Sub-command cmd on domid, whose union member the caller has filled;
 * Xen's answer is copied back into *op. */
static int altp2m(xc_interface *xch, uint32_t domid, uint32_t cmd, struct xen_hvm_altp2m_op *op)
{
    op->version = HVMOP_ALTP2M_INTERFACE_VERSION;
    op->cmd = cmd;
    op->domain = (domid_t)domid;
    return (int)xc__hypercall_struct(xch, __HYPERVISOR_hvm_op, HVMOP_altp2m, op, sizeof(*op), 0);
}

EXPORT int xc_altp2m_get_domain_state(xc_interface *handle, uint32_t dom, bool *state)
{
    struct xen_hvm_altp2m_op op = { 0 };
    int rc;

    if (!state)
        return xc__invalid(handle, "xc_altp2m_get_domain_state: NULL state");
    rc = altp2m(handle, dom, HVMOP_altp2m_get_domain_state, &op);
    if (rc == 0)
        *state = op.u.domain_state.state;
    return rc;
}

EXPORT int xc_altp2m_set_domain_state(xc_interface *handle, uint32_t dom, bool state)
{
    struct xen_hvm_altp2m_op op = { .u.domain_state.state = state };

    return altp2m(handle, dom, HVMOP_altp2m_set_domain_state, &op);
}

EXPORT int xc_altp2m_set_vcpu_enable_notify(xc_interface *handle, uint32_t domid,
                                            uint32_t vcpuid, xen_pfn_t gfn)
{
    struct xen_hvm_altp2m_op op = { .u.enable_notify = { .vcpu_id = vcpuid, .gfn = gfn } };

    return altp2m(handle, domid, HVMOP_altp2m_vcpu_enable_notify, &op);
}

EXPORT int xc_altp2m_set_vcpu_disable_notify(xc_interface *handle, uint32_t domid,
                                             uint32_t vcpuid)
{
    struct xen_hvm_altp2m_op op = { .u.disable_notify.vcpu_id = vcpuid };

    return altp2m(handle, domid, HVMOP_altp2m_vcpu_disable_notify, &op);
}

EXPORT int xc_altp2m_create_view(xc_interface *handle, uint32_t domid,
                                 xenmem_access_t default_access, uint16_t *view_id)
{
    struct xen_hvm_altp2m_op op = {
        .u.view.hvmmem_default_access = (uint16_t)default_access,
    };
    int rc;

    if (!view_id)
        return xc__invalid(handle, "xc_altp2m_create_view: NULL view_id");
    rc = altp2m(handle, domid, HVMOP_altp2m_create_p2m, &op);
    if (rc == 0)
        *view_id = op.u.view.view;
    return rc;
}

EXPORT int xc_altp2m_destroy_view(xc_interface *handle, uint32_t domid, uint16_t view_id)
{
    struct xen_hvm_altp2m_op op = { .u.view.view = view_id };

    return altp2m(handle, domid, HVMOP_altp2m_destroy_p2m, &op);
}

EXPORT int xc_altp2m_switch_to_view(xc_interface *handle, uint32_t domid, uint16_t view_id)
{
    struct xen_hvm_altp2m_op op = { .u.view.view = view_id };

    return altp2m(handle, domid, HVMOP_altp2m_switch_p2m, &op);
}

EXPORT int xc_altp2m_get_suppress_ve(xc_interface *handle, uint32_t domid, uint16_t view_id,
                                     xen_pfn_t gfn, bool *sve)
{
    struct xen_hvm_altp2m_op op = { .u.suppress_ve = { .view = view_id, .gfn = gfn } };
    int rc;

    if (!sve)
        return xc__invalid(handle, "xc_altp2m_get_suppress_ve: NULL sve");
    rc = altp2m(handle, domid, HVMOP_altp2m_get_suppress_ve, &op);
    if (rc == 0)
        *sve = op.u.suppress_ve.suppress_ve;
    return rc;
}

EXPORT int xc_altp2m_set_suppress_ve(xc_interface *handle, uint32_t domid, uint16_t view_id,
                                     xen_pfn_t gfn, bool sve)
{
    struct xen_hvm_altp2m_op op = {
        .u.suppress_ve = { .view = view_id, .suppress_ve = sve, .gfn = gfn },
    };

    return altp2m(handle, domid, HVMOP_altp2m_set_suppress_ve, &op);
}

/* Xen stops at no failing gfn: it reports the first one (and its error)
 * and goes on; those are written back whatever the call returns, as
 * upstream does. */
EXPORT int xc_altp2m_set_supress_ve_multi(xc_interface *handle, uint32_t domid,
                                          uint16_t view_id, xen_pfn_t first_gfn,
                                          xen_pfn_t last_gfn, bool sve, xen_pfn_t *error_gfn,
                                          int32_t *error_code)
{
    struct xen_hvm_altp2m_op op = {
        .u.suppress_ve_multi = { .view = view_id, .suppress_ve = sve,
                                 .first_gfn = first_gfn, .last_gfn = last_gfn },
    };
    int rc;

    if (!error_gfn || !error_code)
        return xc__invalid(handle, "xc_altp2m_set_supress_ve_multi: NULL error_%s",
                           error_gfn ? "code" : "gfn");
    rc = altp2m(handle, domid, HVMOP_altp2m_set_suppress_ve_multi, &op);
    if (op.u.suppress_ve_multi.first_error) {
        *error_gfn = op.u.suppress_ve_multi.first_error_gfn;
        *error_code = op.u.suppress_ve_multi.first_error;
    }
    return rc;
}

EXPORT int xc_altp2m_set_mem_access(xc_interface *handle, uint32_t domid, uint16_t view_id,
                                    xen_pfn_t gfn, xenmem_access_t access)
{
    struct xen_hvm_altp2m_op op = {
        .u.mem_access = { .view = view_id, .access = (uint16_t)access, .gfn = gfn },
    };

    return altp2m(handle, domid, HVMOP_altp2m_set_mem_access, &op);
}

/* Xen works through long lists in pieces, continuing the hypercall
 * itself (the op's opaque field holds where it got to). */
EXPORT int xc_altp2m_set_mem_access_multi(xc_interface *handle, uint32_t domid,
                                          uint16_t view_id, uint8_t *access, uint64_t *gfns,
                                          uint32_t nr)
{
    DECLARE_HYPERCALL_BOUNCE(access, nr * sizeof(*access), XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(gfns, nr * sizeof(*gfns), XC_HYPERCALL_BUFFER_BOUNCE_IN);
    struct xen_hvm_altp2m_op op = { .u.set_mem_access_multi = { .view = view_id, .nr = nr } };
    int rc = -1;

    if (xenlibs_refuse_null_handle(handle))
        return -1;
    if (nr && (!access || !gfns))
        return xc__invalid(handle, "xc_altp2m_set_mem_access_multi: NULL %s",
                           access ? "gfns" : "access");
    if (xc_hypercall_bounce_pre(handle, access) || xc_hypercall_bounce_pre(handle, gfns))
        goto out;
    set_xen_guest_handle(op.u.set_mem_access_multi.access_list, access);
    set_xen_guest_handle(op.u.set_mem_access_multi.pfn_list, gfns);
    rc = altp2m(handle, domid, HVMOP_altp2m_set_mem_access_multi, &op);
out:
    xc_hypercall_bounce_post(handle, access);
    xc_hypercall_bounce_post(handle, gfns);
    return rc;
}

EXPORT int xc_altp2m_get_mem_access(xc_interface *handle, uint32_t domid, uint16_t view_id,
                                    xen_pfn_t gfn, xenmem_access_t *access)
{
    struct xen_hvm_altp2m_op op = { .u.mem_access = { .view = view_id, .gfn = gfn } };
    int rc;

    if (!access)
        return xc__invalid(handle, "xc_altp2m_get_mem_access: NULL access");
    rc = altp2m(handle, domid, HVMOP_altp2m_get_mem_access, &op);
    if (rc == 0)
        *access = (xenmem_access_t)op.u.mem_access.access;
    return rc;
}

EXPORT int xc_altp2m_change_gfn(xc_interface *handle, uint32_t domid, uint16_t view_id,
                                xen_pfn_t old_gfn, xen_pfn_t new_gfn)
{
    struct xen_hvm_altp2m_op op = {
        .u.change_gfn = { .view = view_id, .old_gfn = old_gfn, .new_gfn = new_gfn },
    };

    return altp2m(handle, domid, HVMOP_altp2m_change_gfn, &op);
}

EXPORT int xc_altp2m_get_vcpu_p2m_idx(xc_interface *handle, uint32_t domid, uint32_t vcpuid,
                                      uint16_t *p2midx)
{
    struct xen_hvm_altp2m_op op = { .u.get_vcpu_p2m_idx.vcpu_id = vcpuid };
    int rc;

    if (!p2midx)
        return xc__invalid(handle, "xc_altp2m_get_vcpu_p2m_idx: NULL p2midx");
    rc = altp2m(handle, domid, HVMOP_altp2m_get_p2m_idx, &op);
    if (rc == 0)
        *p2midx = op.u.get_vcpu_p2m_idx.altp2m_idx;
    return rc;
}

EXPORT int xc_altp2m_set_visibility(xc_interface *handle, uint32_t domid, uint16_t view_id,
                                    bool visible)
{
    struct xen_hvm_altp2m_op op = {
        .u.set_visibility = { .altp2m_idx = view_id, .visible = visible },
    };

    return altp2m(handle, domid, HVMOP_altp2m_set_visibility, &op);
}
