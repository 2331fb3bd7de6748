/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxendevicemodel: the Linux backend, over the privcmd driver. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* First: privcmd.h needs the Xen types it brings. */
#include "private.h"

#include <xen/sys/privcmd.h>

#include "libs-privcmd.h"

/* The core's buffers go to the driver as they are. */
_Static_assert(sizeof(struct dm_buf) == sizeof(privcmd_dm_op_buf_t) &&
                   offsetof(struct dm_buf, ptr) == offsetof(privcmd_dm_op_buf_t, uptr) &&
                   offsetof(struct dm_buf, size) == offsetof(privcmd_dm_op_buf_t, size),
               "struct dm_buf is the driver's privcmd_dm_op_buf_t");

int xendevicemodel__os_open(xendevicemodel_handle *dmod, bool *has_ioctl)
{
    /* No buffers: a driver that knows the ioctl returns 0 without asking
     * Xen (Linux 4.11 and later); an older one says ENOTTY. */
    privcmd_dm_op_t probe = { .dom = DOMID_INVALID, .num = 0, .ubufs = NULL };

    dmod->fd = xenlibs_open_privcmd(&dmod->base);
    if (dmod->fd < 0)
        return -1;
    *has_ioctl = ioctl(dmod->fd, IOCTL_PRIVCMD_DM_OP, &probe) == 0;
    if (!*has_ioctl)
        xenlibs_handle_log(&dmod->base, XTL_DEBUG, errno,
                           "the privcmd driver has no dm_op ioctl; using the hypercall");
    return 0;
}

int xendevicemodel__os_close(xendevicemodel_handle *dmod)
{
    int rc = close(dmod->fd);

    dmod->fd = -1;
    return rc;
}

int xendevicemodel__os_restrict(xendevicemodel_handle *dmod, domid_t domid)
{
    if (ioctl(dmod->fd, IOCTL_PRIVCMD_RESTRICT, &domid) == 0)
        return 0;
    xenlibs_handle_error(&dmod->base, "cannot restrict the handle to domain %u%s",
                         (unsigned)domid,
                         errno == EINVAL ? " (restricted to another already?)" : "");
    return -1;
}

int xendevicemodel__os_dm_op(xendevicemodel_handle *dmod, domid_t domid, unsigned nr_bufs,
                             const struct dm_buf *bufs)
{
    privcmd_dm_op_t op = {
        .dom = domid,
        .num = (__u16)nr_bufs,
        .ubufs = (const privcmd_dm_op_buf_t *)(const void *)bufs,
    };

    return ioctl(dmod->fd, IOCTL_PRIVCMD_DM_OP, &op) < 0 ? -1 : 0;
}
