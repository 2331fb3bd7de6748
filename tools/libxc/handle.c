/* SPDX-License-Identifier: LGPL-2.1-only */
/* The handle: open, close, and the library handles inside it. */
#include <stdlib.h>

#include "private.h"

#define KNOWN_FLAGS (XC_OPENFLAG_DUMMY | XC_OPENFLAG_NON_REENTRANT)

/* Closes what the handle holds; -1 (errno from the first failure) if a
 * library's close failed. */
static int release(xc_interface *xch)
{
    int rc = 0, saved_errno = 0;

    if (xenkexec_close(atomic_load(&xch->kexec)) < 0 && !saved_errno)
        saved_errno = errno;
    if (xendevicemodel_close(xch->dmod) < 0 && !saved_errno)
        saved_errno = errno;
    if (xenforeignmemory_close(xch->fmem) < 0 && !saved_errno)
        saved_errno = errno;
    if (xencall_close(xch->xcall) < 0 && !saved_errno)
        saved_errno = errno;
    if (saved_errno) {
        xc__perror(xch, "xc_interface_close: closing an underlying handle failed");
        rc = -1;
    }
    /* libxenguest may have made the builder's logger and its file; the
     * logger writes to the file, so it goes first. */
    xenlibs_logger_fini(&xch->dombuild_log);
    if (xch->dombuild_logger_file)
        fclose(xch->dombuild_logger_file);
    xenlibs_logger_fini(&xch->error_log);
    free(xch);
    if (rc)
        errno = saved_errno;
    return rc;
}

EXPORT xc_interface *xc_interface_open(xentoollog_logger *logger,
                                       xentoollog_logger *dombuild_logger, unsigned open_flags)
{
    xc_interface *xch;

    if (xenlibs_refuse_unknown_flags(logger, "xc", "xc_interface_open", open_flags, KNOWN_FLAGS))
        return NULL;
    xch = calloc(1, sizeof(*xch));
    if (!xch) {
        xenlibs_log_without_handle(logger, XTL_ERROR, errno, "xc", "cannot allocate a handle");
        return NULL;
    }
    xch->flags = (int)open_flags;
    atomic_init(&xch->kexec, NULL);
    if (xenlibs_logger_init(&xch->error_log, logger) < 0) {
        free(xch);
        return NULL;
    }
    /* NULL stays NULL: libxenguest makes its file logger when it needs one. */
    xch->dombuild_log.logger = dombuild_logger;
    if (open_flags & XC_OPENFLAG_DUMMY)
        return xch;
    /* The libraries log why they failed through the same logger.  As
     * upstream's, the libxendevicemodel handle is always open: callers
     * take it from xc_interface_dmod_handle() without checking. */
    xch->xcall = xencall_open(xch->error_log.logger,
                              open_flags & XC_OPENFLAG_NON_REENTRANT ?
                              XENCALL_OPENFLAG_NON_REENTRANT : 0);
    if (xch->xcall)
        xch->fmem = xenforeignmemory_open(xch->error_log.logger, 0);
    if (xch->fmem)
        xch->dmod = xendevicemodel_open(xch->error_log.logger, 0);
    if (!xch->dmod) {
        int saved_errno = errno;

        release(xch);
        errno = saved_errno;
        return NULL;
    }
    return xch;
}

EXPORT int xc_interface_close(xc_interface *xch)
{
    return xch ? release(xch) : 0;
}

EXPORT struct xencall_handle *xc_interface_xcall_handle(xc_interface *xch)
{
    return xenlibs_refuse_null_handle(xch) ? NULL : xch->xcall;
}

EXPORT struct xenforeignmemory_handle *xc_interface_fmem_handle(xc_interface *xch)
{
    return xenlibs_refuse_null_handle(xch) ? NULL : xch->fmem;
}

EXPORT struct xendevicemodel_handle *xc_interface_dmod_handle(xc_interface *xch)
{
    return xenlibs_refuse_null_handle(xch) ? NULL : xch->dmod;
}
