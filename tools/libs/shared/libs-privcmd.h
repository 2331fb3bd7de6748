/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Opening Linux's privcmd driver, which libxencall, libxenforeignmemory
 * and libxendevicemodel each hold.  Linux backends only.
 */
#ifndef LIBS_PRIVCMD_H
#define LIBS_PRIVCMD_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>

#include "libs-handle.h"

#define XENLIBS_PRIVCMD_DEVICE "/dev/xen/privcmd"
/* Where kernels without the device node (no devtmpfs) still have it. */
#define XENLIBS_PRIVCMD_XENFS "/proc/xen/privcmd"

static inline bool xenlibs_driver_missing(int err)
{
    return err == ENOENT || err == ENODEV || err == ENXIO;
}

/*
 * The driver, read-write and close-on-exec, for handle h: its descriptor,
 * or -1 with errno set and the cause logged through h.  A missing driver
 * is reported as ENOENT on the device node, not as the fallback's error.
 */
static inline int xenlibs_open_privcmd(const struct xenlibs_handle *h)
{
    const char *path = XENLIBS_PRIVCMD_DEVICE;
    int fd = xenlibs_open_cloexec(path, O_RDWR);

    if (fd < 0 && xenlibs_driver_missing(errno)) {
        path = XENLIBS_PRIVCMD_XENFS;
        fd = xenlibs_open_cloexec(path, O_RDWR);
        if (fd < 0 && xenlibs_driver_missing(errno)) {
            path = XENLIBS_PRIVCMD_DEVICE;
            errno = ENOENT;
        }
    }
    if (fd < 0)
        xenlibs_handle_error(h, "cannot open %s", path);
    return fd;
}

#endif /* LIBS_PRIVCMD_H */
