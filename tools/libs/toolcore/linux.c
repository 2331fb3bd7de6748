/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxentoolcore: the POSIX file-descriptor side of restricting a handle. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "private.h"

EXPORT int xentoolcore__restrict_by_dup2_null(int fd)
{
    int fd_flags, null_fd, rc, saved_errno;

    fd_flags = fcntl(fd, F_GETFD);
    if (fd_flags < 0)
        return -1;
    null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0)
        return -1;
    /* dup3, unlike dup2, can keep the handle's close-on-exec choice. */
    rc = dup3(null_fd, fd, (fd_flags & FD_CLOEXEC) ? O_CLOEXEC : 0);
    saved_errno = errno;
    close(null_fd);
    errno = saved_errno;
    return rc < 0 ? -1 : 0;
}
