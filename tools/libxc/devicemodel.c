/* Upstream's xenctrl_compat.h calls for device models (dm_op), kept for
 * old callers: each goes through the handle's libxendevicemodel handle. */
#define XC_WANT_COMPAT_DEVICEMODEL_API
#include "private.h"

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
