/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxencall: the Linux backend, over the privcmd and hypercall drivers. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include "private.h"
#include "libs-privcmd.h"

#define HYPERCALL_DEVICE "/dev/xen/hypercall"

int xencall__os_open(xencall_handle *xcall)
{
    xcall->privcmd_fd = xenlibs_open_privcmd(&xcall->base);
    if (xcall->privcmd_fd < 0)
        return -1;

    /* Linux 4.18 and later: buffers Xen can always reach.  Without the
     * driver, buffers are locked anonymous memory (see map_pages). */
    xcall->buf_fd = xenlibs_open_cloexec(HYPERCALL_DEVICE, O_RDWR);
    if (xcall->buf_fd < 0)
        xenlibs_handle_log(&xcall->base, XTL_DEBUG, errno, "cannot open %s; hypercall buffers will be locked memory",
                HYPERCALL_DEVICE);
    return 0;
}

int xencall__os_close(xencall_handle *xcall)
{
    int rc;

    xenlibs_close_keep_errno(xcall->buf_fd);
    rc = close(xcall->privcmd_fd);
    xcall->buf_fd = xcall->privcmd_fd = -1;
    return rc;
}

long xencall__os_hypercall(xencall_handle *xcall, unsigned int op, const uint64_t args[5])
{
    privcmd_hypercall_t call = {
        .op = op,
        .arg = { args[0], args[1], args[2], args[3], args[4] },
    };

    /* Not ioctl(): glibc's returns an int, and xencall2L needs the long the
     * kernel returns.  The kernel's -E results become -1 and errno E. */
    return syscall(SYS_ioctl, xcall->privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &call);
}

void *xencall__os_map_pages(xencall_handle *xcall, size_t nr_pages)
{
    size_t len = nr_pages << XENLIBS_PAGE_SHIFT;
    void *p;
    int saved_errno;

    if (xcall->buf_fd >= 0) {
        p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, xcall->buf_fd, 0);
        return p == MAP_FAILED ? NULL : p;
    }

    /*
     * Anonymous memory must be resident (mlock) and stay the same pages
     * after a fork (MADV_DONTFORK: no copy-on-write would move them).
     */
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (madvise(p, len, MADV_DONTFORK) < 0 || mlock(p, len) < 0) {
        saved_errno = errno;
        munmap(p, len);
        errno = saved_errno;
        return NULL;
    }
    return p;
}

void xencall__os_unmap_pages(xencall_handle *xcall, void *p, size_t nr_pages)
{
    int saved_errno = errno;

    (void)xcall;
    munmap(p, nr_pages << XENLIBS_PAGE_SHIFT);
    errno = saved_errno;
}
