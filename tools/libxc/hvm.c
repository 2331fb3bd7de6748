/* HVM guests' parameters: hvm_op. */
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
