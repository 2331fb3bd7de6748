/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxencall: handles and hypercalls, independent of the OS. */
#include <errno.h>
#include <stdlib.h>

#include "private.h"

static int restrict_handle(struct xenlibs_handle *base, domid_t domid)
{
    xencall_handle *xcall = XENLIBS_HANDLE_OF(base, xencall_handle);

    /* privcmd cannot confine arbitrary hypercalls to one domain: the
     * handle loses them all, and its hold on the buffer driver too, which
     * a deprivileged process has no use for.  Buffers already mapped stay. */
    (void)domid;
    if (xentoolcore__restrict_by_dup2_null(xcall->privcmd_fd) < 0)
        return -1;
    return xcall->buf_fd < 0 ? 0 : xentoolcore__restrict_by_dup2_null(xcall->buf_fd);
}

static int setup_handle(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    xencall_handle *xcall = XENLIBS_HANDLE_OF(base, xencall_handle);

    (void)arg;
    xcall->flags = flags;
    xcall->privcmd_fd = -1;
    xcall->buf_fd = -1;
    xencall__cache_init(xcall);
    if (xencall__os_open(xcall) < 0) {
        xencall__cache_fini(xcall);
        return -1;
    }
    return 0;
}

static int release_handle(struct xenlibs_handle *base)
{
    xencall_handle *xcall = XENLIBS_HANDLE_OF(base, xencall_handle);

    xencall__cache_fini(xcall);
    return xencall__os_close(xcall);
}

static const struct xenlibs_handle_kind xencall_kind = {
    .context = XENCALL_LOG_CONTEXT,
    .known_flags = XENCALL_ALL_OPENFLAGS,
    XENLIBS_HANDLE_LAYOUT(xencall_handle),
    .open = setup_handle,
    .close = release_handle,
    .restrict_to = restrict_handle,
};

EXPORT xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    return xenlibs_handle_open(&xencall_kind, logger, open_flags, NULL, __func__);
}

EXPORT int xencall_close(xencall_handle *xcall)
{
    return xenlibs_handle_close(xcall ? &xcall->base : NULL);
}

EXPORT int xencall_fd(xencall_handle *xcall)
{
    return xenlibs_refuse_null_handle(xcall) ? -1 : xcall->privcmd_fd;
}

EXPORT int xencall_buffers_never_fault(xencall_handle *xcall)
{
    return xenlibs_refuse_null_handle(xcall) ? 0 : xcall->buf_fd >= 0;
}

static long hypercall(xencall_handle *xcall, unsigned int op, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t args[5] = { a1, a2, a3, a4, a5 };

    if (xenlibs_refuse_null_handle(xcall))
        return -1;
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
