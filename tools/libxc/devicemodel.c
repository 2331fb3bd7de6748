/* Upstream's xenctrl_compat.h calls for device models (dm_op), kept for
 * old callers: each goes through the handle's libxendevicemodel handle. */
#define XC_WANT_COMPAT_DEVICEMODEL_API
#include "private.h"

/*
 * xc_hvm_inject_trap - make vCPU vcpu of HVM domain domid take an event
 * when it next enters the guest, as xendevicemodel_inject_event() does:
 * vector, type (XEN_DMOP_EVENT_*), error_code (~0U for none), insn_len
 * (for software events) and cr2 (a page fault's address).  Declared by
 * xenctrl.h when XC_WANT_COMPAT_DEVICEMODEL_API is defined.
 *
 * Returns 0, or -1 with errno set: EINVAL for a NULL or dummy handle, a
 * domid above 0xffff or a vCPU the domain does not have, EBUSY while the
 * vCPU still has an event pending, ESRCH for no such domain, and Xen's
 * other refusals.
 */
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
