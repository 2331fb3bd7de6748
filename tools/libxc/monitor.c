/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Monitoring an HVM domain (VM introspection): its monitor vm_event ring
 * (vm-event.c), and each kind of event Xen reports on it turned on or off
 * (domctl monitor_op).  Xen refuses an event its CPU support lacks
 * (xc_monitor_get_capabilities() says which it has) with EOPNOTSUPP.
 */
#include "private.h"

#include <xen/hvm/params.h>

EXPORT void *xc_monitor_enable(xc_interface *xch, uint32_t domain_id, uint32_t *port)
{
    return xc_vm_event_enable(xch, domain_id, HVM_PARAM_MONITOR_RING_PFN, port);
}

EXPORT int xc_monitor_disable(xc_interface *xch, uint32_t domain_id)
{
    return xc_vm_event_control(xch, domain_id, XEN_VM_EVENT_DISABLE,
                               XEN_DOMCTL_VM_EVENT_OP_MONITOR, NULL);
}

EXPORT int xc_monitor_resume(xc_interface *xch, uint32_t domain_id)
{
    return xc_vm_event_control(xch, domain_id, XEN_VM_EVENT_RESUME,
                               XEN_DOMCTL_VM_EVENT_OP_MONITOR, NULL);
}

/* One monitor_op on domid: op, event and the event's options (in m). */
static int monitor_op(xc_interface *xch, uint32_t domid, uint32_t op, uint32_t event,
                      struct xen_domctl *d)
{
    d->u.monitor_op.op = op;
    d->u.monitor_op.event = event;
    return xc__domctl_on(xch, d, XEN_DOMCTL_monitor_op, domid);
}

/* Turns event on or off, with the options d holds. */
static int toggle(xc_interface *xch, uint32_t domid, uint32_t event, bool enable,
                  struct xen_domctl *d)
{
    return monitor_op(xch, domid, enable ? XEN_DOMCTL_MONITOR_OP_ENABLE :
                      XEN_DOMCTL_MONITOR_OP_DISABLE, event, d);
}

/* The same, without options. */
static int toggle_plain(xc_interface *xch, uint32_t domid, uint32_t event, bool enable)
{
    struct xen_domctl d = { 0 };

    return toggle(xch, domid, event, enable, &d);
}

EXPORT int xc_monitor_get_capabilities(xc_interface *xch, uint32_t domain_id,
                                       uint32_t *capabilities)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (!capabilities)
        return xc__invalid(xch, "xc_monitor_get_capabilities: NULL capabilities");
    rc = monitor_op(xch, domain_id, XEN_DOMCTL_MONITOR_OP_GET_CAPABILITIES, 0, &d);
    if (rc == 0)
        *capabilities = d.u.monitor_op.event;
    return rc;
}

EXPORT int xc_monitor_write_ctrlreg(xc_interface *xch, uint32_t domain_id, uint16_t index,
                                    bool enable, bool sync, uint64_t bitmask,
                                    bool onchangeonly)
{
    struct xen_domctl d = { 0 };

    /* Xen's index is a byte and refuses what it does not know (VM_EVENT_X86_*). */
    d.u.monitor_op.u.mov_to_cr.index = (uint8_t)index;
    d.u.monitor_op.u.mov_to_cr.sync = sync;
    d.u.monitor_op.u.mov_to_cr.onchangeonly = onchangeonly;
    d.u.monitor_op.u.mov_to_cr.bitmask = bitmask;
    return toggle(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_WRITE_CTRLREG, enable, &d);
}

EXPORT int xc_monitor_mov_to_msr(xc_interface *xch, uint32_t domain_id, uint32_t msr,
                                 bool enable, bool onchangeonly)
{
    struct xen_domctl d = { 0 };

    d.u.monitor_op.u.mov_to_msr.msr = msr;
    d.u.monitor_op.u.mov_to_msr.onchangeonly = onchangeonly;
    return toggle(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_MOV_TO_MSR, enable, &d);
}

EXPORT int xc_monitor_software_breakpoint(xc_interface *xch, uint32_t domain_id, bool enable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_SOFTWARE_BREAKPOINT, enable);
}

EXPORT int xc_monitor_singlestep(xc_interface *xch, uint32_t domain_id, bool enable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_SINGLESTEP, enable);
}

EXPORT int xc_monitor_descriptor_access(xc_interface *xch, uint32_t domain_id, bool enable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_DESC_ACCESS, enable);
}

EXPORT int xc_monitor_guest_request(xc_interface *xch, uint32_t domain_id, bool enable,
                                    bool sync, bool allow_userspace)
{
    struct xen_domctl d = { 0 };

    d.u.monitor_op.u.guest_request.sync = sync;
    d.u.monitor_op.u.guest_request.allow_userspace = allow_userspace;
    return toggle(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_GUEST_REQUEST, enable, &d);
}

/* Xen reports in-guest page faults by default: turning its event "on"
 * is what stops them (emulating the page walks instead). */
EXPORT int xc_monitor_inguest_pagefault(xc_interface *xch, uint32_t domain_id, bool disable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_INGUEST_PAGEFAULT, disable);
}

EXPORT int xc_monitor_debug_exceptions(xc_interface *xch, uint32_t domain_id, bool enable,
                                       bool sync)
{
    struct xen_domctl d = { 0 };

    d.u.monitor_op.u.debug_exception.sync = sync;
    return toggle(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_DEBUG_EXCEPTION, enable, &d);
}

EXPORT int xc_monitor_cpuid(xc_interface *xch, uint32_t domain_id, bool enable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_CPUID, enable);
}

EXPORT int xc_monitor_privileged_call(xc_interface *xch, uint32_t domain_id, bool enable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_PRIVILEGED_CALL, enable);
}

EXPORT int xc_monitor_emul_unimplemented(xc_interface *xch, uint32_t domain_id, bool enable)
{
    return toggle_plain(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_EMUL_UNIMPLEMENTED, enable);
}

EXPORT int xc_monitor_vmexit(xc_interface *xch, uint32_t domain_id, bool enable, bool sync)
{
    struct xen_domctl d = { 0 };

    d.u.monitor_op.u.vmexit.sync = sync;
    return toggle(xch, domain_id, XEN_DOMCTL_MONITOR_EVENT_VMEXIT, enable, &d);
}

/* Not an event: the op's event field carries the setting. */
EXPORT int xc_monitor_emulate_each_rep(xc_interface *xch, uint32_t domain_id, bool enable)
{
    struct xen_domctl d = { 0 };

    return monitor_op(xch, domain_id, XEN_DOMCTL_MONITOR_OP_EMULATE_EACH_REP, enable, &d);
}
