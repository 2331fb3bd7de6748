/* SPDX-License-Identifier: LGPL-2.1-only */
/* CPU microcode loading (platform_op XENPF_microcode_update), as
 * xen-ucode uses it: Xen parses the blob and applies what fits the CPUs. */
#include <stdint.h>
#include <string.h>

#include "private.h"

EXPORT int xc_microcode_update(xc_interface *xch, const void *buf, size_t len)
{
    struct xen_platform_op op = { .cmd = XENPF_microcode_update };
    void *blob;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!buf && len)
        return xc__invalid(xch, "xc_microcode_update: NULL blob of %zu bytes", len);
    /* The length field has 32 bits: upstream truncates a longer one. */
    if (len > UINT32_MAX)
        return xc__invalid(xch, "xc_microcode_update: blob of %zu bytes", len);
    /* Xen reads the blob from hypercall memory (an empty one too, as
     * upstream gives it). */
    blob = xencall_alloc_buffer(xch->xcall, len);
    if (!blob)
        return -1;
    if (len)
        memcpy(blob, buf, len);
    op.u.microcode.length = (uint32_t)len;
    set_xen_guest_handle_raw(op.u.microcode.data, blob);
    rc = xc__platform_op(xch, &op);
    xencall_free_buffer(xch->xcall, blob);
    return rc;
}
