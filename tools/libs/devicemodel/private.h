/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxendevicemodel internals. */
#ifndef XENDEVICEMODEL_PRIVATE_H
#define XENDEVICEMODEL_PRIVATE_H

/*
 * The structured guest handles (xen_dm_op_buf_t's) of Xen's current
 * interface; without __XEN_TOOLS__ the headers default to the oldest.
 * First of everything, so that no header sees another version.
 */
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__

#include <stdbool.h>
#include <stddef.h>

#include <xencall.h>
#include <xendevicemodel.h>
#include <xentoolcore_internal.h>
#include <xentoollog.h>

#include "libs-handle.h"
#include "libs-internal.h"

/* One buffer of a dm_op, in the caller's memory; the first holds the
 * struct xen_dm_op.  The layout of the privcmd driver's own (linux.c
 * checks), so that the array goes to the kernel as it is. */
struct dm_buf {
    void *ptr;
    size_t size;
};

/* The most buffers a dm_op of this library has. */
#define DM_MAX_BUFS 2

struct xendevicemodel_handle {
    struct xenlibs_handle base;
    int fd;                     /* the privcmd driver */
    /* Only when the kernel has no dm_op ioctl: the hypercall goes through
     * libxencall's buffers instead.  NULL otherwise. */
    xencall_handle *xcall;
};

/*
 * The OS backend (linux.c), logging as libs-handle.h's rule says.
 *
 * os_open opens dmod->fd and tells, in *has_ioctl, whether the kernel
 * takes dm_ops itself; os_close closes it.  os_restrict confines the
 * descriptor to domid.  os_dm_op issues one dm_op through the driver;
 * it logs nothing (the core knows which operation failed).  Each returns
 * 0, or -1 with errno set.
 */
int xendevicemodel__os_open(xendevicemodel_handle *dmod, bool *has_ioctl);
int xendevicemodel__os_close(xendevicemodel_handle *dmod);
int xendevicemodel__os_restrict(xendevicemodel_handle *dmod, domid_t domid);
int xendevicemodel__os_dm_op(xendevicemodel_handle *dmod, domid_t domid, unsigned nr_bufs,
                             const struct dm_buf *bufs);

#endif /* XENDEVICEMODEL_PRIVATE_H */
