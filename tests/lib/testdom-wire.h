/* SPDX-License-Identifier: MIT */
/*
 * testdom-wire.h - what testdom.c (in the test program) and testdom-helper
 * (the program it starts, built once per Xen version) say to each other
 * over a pair of pipes.  Both ends are the same build of the same machine,
 * so the messages are plain structs.  Each request gets one reply: rc (the
 * call's result: a domain id, a length, 0, or -1), the errno of a failure,
 * and len bytes of data after it.
 */
#ifndef TESTDOM_WIRE_H
#define TESTDOM_WIRE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

enum testdom_op {
    TESTDOM_CREATE,       /* arg0: TESTDOM_KIND_*, arg1: vCPUs to make (0: none),
                           * count: pages; data: a PV domain's frames */
    TESTDOM_INFO,         /* data: struct testdom_wire_info */
    TESTDOM_HVM_RECORD,   /* arg0: type, arg1: instance, count: size; data: the record */
    TESTDOM_MEM_TYPE,     /* count: gfn */
    TESTDOM_LOG_DIRTY,    /* arg0: on */
    TESTDOM_DIRTY_PEEK,   /* count: pages; data: the bitmap */
    TESTDOM_ADOPT,
    TESTDOM_FORGET,
    TESTDOM_DESTROY,
    TESTDOM_DESTROY_ALL,
};

enum { TESTDOM_KIND_PV, TESTDOM_KIND_HVM };

struct testdom_request {
    uint32_t op;          /* enum testdom_op */
    int32_t domid;
    uint32_t arg0, arg1;
    uint64_t count;
};

struct testdom_reply {
    int32_t rc;
    int32_t error;        /* errno when rc is -1 */
    uint32_t len;         /* bytes of data that follow */
};

struct testdom_wire_info {
    uint32_t dying, shutdown, shutdown_code, vcpus;
};

/* Moves all len bytes between buf and fd, reading (or, with out, writing)
 * again after a short transfer or EINTR: false at the other end's close
 * or on an error. */
static inline bool testdom_transfer(int fd, void *buf, size_t len, bool out)
{
    for (uint8_t *p = buf; len;) {
        ssize_t n = out ? write(fd, p, len) : read(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n, len -= (size_t)n;
    }
    return true;
}

#endif /* TESTDOM_WIRE_H */
