/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The exact reads and writes of libxenguest's save and restore streams,
 * and dropping what a saved image left in the page cache.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private.h"

EXPORT int read_exact(int fd, void *data, size_t size)
{
    char *at = data;

    while (size) {
        ssize_t n = read(fd, at, size);

        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            errno = 0;          /* end of file: the caller tells it by this */
        if (n <= 0)
            return -1;
        at += n;
        size -= (size_t)n;
    }
    return 0;
}

EXPORT int write_exact(int fd, const void *data, size_t size)
{
    const char *at = data;

    while (size) {
        ssize_t n = write(fd, at, size);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        at += n;
        size -= (size_t)n;
    }
    return 0;
}

EXPORT int writev_exact(int fd, const struct iovec *iov, int iovcnt)
{
    struct iovec *rest = NULL;  /* a copy, once a write stops inside a buffer */
    int first = 0, rc = 0, saved_errno = 0;

    if (iovcnt < 0 || (iovcnt && !iov)) {
        errno = EINVAL;
        return -1;
    }
    while (first < iovcnt) {
        ssize_t n;

        /* Empty buffers first: a write of only those would look like no
         * progress. */
        if (iov[first].iov_len == 0) {
            first++;
            continue;
        }
        n = writev(fd, iov + first, iovcnt - first < IOV_MAX ? iovcnt - first : IOV_MAX);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            saved_errno = n < 0 ? errno : EIO;
            rc = -1;
            break;
        }
        while (first < iovcnt && (size_t)n >= iov[first].iov_len)
            n -= (ssize_t)iov[first++].iov_len;
        if (n == 0)
            continue;
        if (!rest) {
            rest = malloc((size_t)iovcnt * sizeof(*rest));
            if (!rest) {
                saved_errno = ENOMEM;
                rc = -1;
                break;
            }
            memcpy(rest, iov, (size_t)iovcnt * sizeof(*rest));
            iov = rest;
        }
        rest[first].iov_base = (char *)rest[first].iov_base + n;
        rest[first].iov_len -= (size_t)n;
    }
    free(rest);
    errno = saved_errno;
    return rc;
}

EXPORT void discard_file_cache(xc_interface *xch, int fd, int flush)
{
    int saved_errno = errno;
    off_t end = 0;              /* 0: to the end of the file */

    (void)xch;
    if (flush && fsync(fd) < 0)
        goto out;
    if (!flush) {
        end = lseek(fd, 0, SEEK_CUR);
        if (end < 0)
            end = 0;
        /* The page being written stays: the stream is not done with it. */
        end &= ~(off_t)(XC_PAGE_SIZE - 1);
        if (end == 0)
            goto out;
    }
    posix_fadvise(fd, 0, end, POSIX_FADV_DONTNEED);
out:
    errno = saved_errno;
}
