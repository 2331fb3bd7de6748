/* libxencall: handles and hypercalls, independent of the OS. */
#include <errno.h>
#include <stdlib.h>

#include "private.h"

static int restrict_handle(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    xencall_handle *xcall = (xencall_handle *)((char *)ah - offsetof(xencall_handle, tc_ah));

    /* privcmd cannot confine arbitrary hypercalls to one domain: the
     * handle loses them all, and its hold on the buffer driver too, which
     * a deprivileged process has no use for.  Buffers already mapped stay. */
    (void)domid;
    if (xentoolcore__restrict_by_dup2_null(xcall->privcmd_fd) < 0)
        return -1;
    return xcall->buf_fd < 0 ? 0 : xentoolcore__restrict_by_dup2_null(xcall->buf_fd);
}

EXPORT xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    xencall_handle *xcall;

    if (xenlibs_refuse_unknown_flags(logger, XENCALL_LOG_CONTEXT, __func__, open_flags,
                                     XENCALL_ALL_OPENFLAGS))
        return NULL;
    xcall = calloc(1, sizeof(*xcall));
    if (!xcall) {
        xenlibs_log_without_handle(logger, XTL_ERROR, errno, XENCALL_LOG_CONTEXT,
                                   "cannot allocate a handle");
        return NULL;
    }
    xcall->flags = open_flags;
    xcall->privcmd_fd = -1;
    xcall->buf_fd = -1;
    xencall__cache_init(xcall);
    /* Registered before its descriptor exists: a xentoolcore_restrict_all()
     * racing with this open then fails (EBADF) instead of missing it. */
    xcall->tc_ah.restrict_callback = restrict_handle;
    xentoolcore__register_active_handle(&xcall->tc_ah);
    if (xenlibs_logger_init(&xcall->log, logger) < 0 || xencall__os_open(xcall) < 0) {
        xentoolcore__deregister_active_handle(&xcall->tc_ah);
        xenlibs_logger_fini(&xcall->log);
        xencall__cache_fini(xcall);
        free(xcall);
        return NULL;
    }
    return xcall;
}

EXPORT int xencall_close(xencall_handle *xcall)
{
    int rc;

    if (!xcall)
        return 0;
    xentoolcore__deregister_active_handle(&xcall->tc_ah);
    xencall__cache_fini(xcall);
    rc = xencall__os_close(xcall);
    xenlibs_logger_fini(&xcall->log);
    free(xcall);
    return rc;
}

EXPORT int xencall_fd(xencall_handle *xcall)
{
    if (!xcall) {
        errno = EINVAL;
        return -1;
    }
    return xcall->privcmd_fd;
}

EXPORT int xencall_buffers_never_fault(xencall_handle *xcall)
{
    if (!xcall) {
        errno = EINVAL;
        return 0;
    }
    return xcall->buf_fd >= 0;
}

static long hypercall(xencall_handle *xcall, unsigned int op, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t args[5] = { a1, a2, a3, a4, a5 };

    if (!xcall) {
        errno = EINVAL;
        return -1;
    }
    return xencall__os_hypercall(xcall, op, args);
}

EXPORT int xencall0(xencall_handle *xcall, unsigned int op)
{
    return hypercall(xcall, op, 0, 0, 0, 0, 0);
}

EXPORT int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1)
{
    return hypercall(xcall, op, arg1, 0, 0, 0, 0);
}

EXPORT int xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2)
{
    return hypercall(xcall, op, arg1, arg2, 0, 0, 0);
}

EXPORT int xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
                    uint64_t arg3)
{
    return hypercall(xcall, op, arg1, arg2, arg3, 0, 0);
}

EXPORT int xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
                    uint64_t arg3, uint64_t arg4)
{
    return hypercall(xcall, op, arg1, arg2, arg3, arg4, 0);
}

EXPORT int xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
                    uint64_t arg3, uint64_t arg4, uint64_t arg5)
{
    return hypercall(xcall, op, arg1, arg2, arg3, arg4, arg5);
}

EXPORT long xencall2L(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2)
{
    return hypercall(xcall, op, arg1, arg2, 0, 0, 0);
}
