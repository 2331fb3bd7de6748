/* SPDX-License-Identifier: LGPL-2.1-only */
/* Xen's version and build facts: xen_version. */
#include <string.h>

#include "private.h"

/* How many bytes XENVER_cmd writes to its argument: 0 for the commands
 * that answer in the return value, -1 for those this library does not
 * know. */
static long arg_size(int cmd, const void *arg)
{
    switch (cmd) {
    case XENVER_version:
    case XENVER_pagesize:
        return 0;
    case XENVER_extraversion:
        return sizeof(xen_extraversion_t);
    case XENVER_compile_info:
        return sizeof(xen_compile_info_t);
    case XENVER_capabilities:
        return sizeof(xen_capabilities_info_t);
    case XENVER_changeset:
        return sizeof(xen_changeset_info_t);
    case XENVER_platform_parameters:
        return sizeof(xen_platform_parameters_t);
    case XENVER_get_features:
        return sizeof(xen_feature_info_t);
    case XENVER_guest_handle:
        return sizeof(xen_domain_handle_t);
    case XENVER_commandline:
        return sizeof(xen_commandline_t);
    case XENVER_build_id:
        /* The caller says how much room follows the header. */
        return arg ? (long)(sizeof(xen_build_id_t) + ((const xen_build_id_t *)arg)->len) : -1;
    }
    return -1;
}

EXPORT int xc_version(xc_interface *xch, int cmd, void *arg)
{
    long size = arg_size(cmd, arg);
    void *buf = NULL;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (size < 0 || (size && !arg))
        return xc__invalid(xch, "xc_version: %s command %d", size < 0 ? "unknown" : "NULL argument of",
                           cmd);
    if (size) {
        buf = xencall_alloc_buffer(xch->xcall, (size_t)size);
        if (!buf)
            return -1;
        /* features and build_id read what the caller put there */
        memcpy(buf, arg, (size_t)size);
    }
    rc = xencall2(xch->xcall, __HYPERVISOR_xen_version, (unsigned)cmd, (uintptr_t)buf);
    saved_errno = errno;
    if (buf) {
        if (rc >= 0)
            memcpy(arg, buf, (size_t)size);
        xencall_free_buffer(xch->xcall, buf);
    }
    errno = saved_errno;
    return rc;
}
