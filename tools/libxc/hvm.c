/* SPDX-License-Identifier: LGPL-2.1-only */
/* HVM guests: their parameters (hvm_op), and upstream's xenctrl_compat.h
 * call for device models (dm_op), through the handle's libxendevicemodel
 * handle. */
#define XC_WANT_COMPAT_DEVICEMODEL_API
#include "private.h"

#include <xen/hvm/hvm_op.h>

static int param(xc_interface *xch, unsigned cmd, uint32_t dom, uint32_t index,
                 uint64_t *value)
{
    struct xen_hvm_param arg = { .domid = (domid_t)dom, .index = index, .value = *value };
    int rc = (int)xc__hypercall_struct(xch, __HYPERVISOR_hvm_op, cmd, &arg, sizeof(arg), 0);

    if (rc == 0)
        *value = arg.value;
    return rc;
}

EXPORT int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t index, uint64_t value)
{
    return param(xch, HVMOP_set_param, dom, index, &value);
}

EXPORT int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t index, uint64_t *value)
{
    if (!value)
        return xc__invalid(xch, "xc_hvm_param_get: NULL value");
    *value = 0;
    return param(xch, HVMOP_get_param, dom, index, value);
}

EXPORT int xc_set_hvm_param(xc_interface *xch, uint32_t dom, int index, unsigned long value)
{
    return xc_hvm_param_set(xch, dom, (uint32_t)index, value);
}

EXPORT int xc_get_hvm_param(xc_interface *xch, uint32_t dom, int index, unsigned long *value)
{
    uint64_t v;
    int rc;

    if (!value)
        return xc__invalid(xch, "xc_get_hvm_param: NULL value");
    rc = xc_hvm_param_get(xch, dom, (uint32_t)index, &v);
    if (rc == 0)
        *value = (unsigned long)v;
    return rc;
}

/* Upstream truncates a domid above 0xffff; it is refused here. */
EXPORT int xc_hvm_inject_trap(xc_interface *xch, uint32_t domid, int vcpu, uint8_t vector,
                              uint8_t type, uint32_t error_code, uint8_t insn_len, uint64_t cr2)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (domid > UINT16_MAX)
        return xc__invalid(xch, "xc_hvm_inject_trap: domain id %u", domid);
    return xendevicemodel_inject_event(xch->dmod, (domid_t)domid, vcpu, vector, type, error_code,
                                       insn_len, cr2);
}
