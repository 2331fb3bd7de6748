/* SPDX-License-Identifier: LGPL-2.1-only */
/* Processor tracing of a domain's vCPUs (domctl vmtrace_op). */
#include "private.h"

static int vmtrace(xc_interface *xch, uint32_t domid, uint32_t vcpu, uint32_t cmd,
                   uint64_t key, uint64_t *value)
{
    struct xen_domctl d = { 0 };
    int rc;

    d.u.vmtrace_op.cmd = cmd;
    d.u.vmtrace_op.vcpu = vcpu;
    d.u.vmtrace_op.key = key;
    d.u.vmtrace_op.value = value ? *value : 0;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_vmtrace_op, domid);
    if (rc == 0 && value)
        *value = d.u.vmtrace_op.value;
    return rc;
}

EXPORT int xc_vmtrace_enable(xc_interface *xch, uint32_t domid, uint32_t vcpu)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_enable, 0, NULL);
}

EXPORT int xc_vmtrace_disable(xc_interface *xch, uint32_t domid, uint32_t vcpu)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_disable, 0, NULL);
}

EXPORT int xc_vmtrace_reset_and_enable(xc_interface *xch, uint32_t domid, uint32_t vcpu)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_reset_and_enable, 0, NULL);
}

EXPORT int xc_vmtrace_output_position(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                      uint64_t *pos)
{
    if (!pos)
        return xc__invalid(xch, "xc_vmtrace_output_position: NULL pos");
    *pos = 0;
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_output_position, 0, pos);
}

EXPORT int xc_vmtrace_get_option(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                 uint64_t key, uint64_t *value)
{
    if (!value)
        return xc__invalid(xch, "xc_vmtrace_get_option: NULL value");
    *value = 0;
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_get_option, key, value);
}

EXPORT int xc_vmtrace_set_option(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                 uint64_t key, uint64_t value)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_set_option, key, &value);
}
