/* SPDX-License-Identifier: MIT */
/*
 * testdom-helper - the process that makes and destroys a system test's
 * guest domains (tests/lib/testdom.h), started by the test itself.
 *
 * Domctls carry the interface version of the headers they were built
 * with, and a hypervisor takes only its own, so this program is built
 * once per Xen version (testdom-helper-4.17 against Debian 12's headers,
 * testdom-helper-4.20 against Debian 13's), while the tests and the
 * libraries under test are built once.  Being a program of its own, it
 * also runs outside whatever checking tool runs the test.
 *
 * It answers testdom-wire.h's requests on stdin and stdout, one at a
 * time, and keeps the list of the domains it made or was told to adopt.
 * When stdin reaches its end (the test and every child holding the pipe
 * are gone, however they ended) it destroys whatever the list still holds
 * and exits.  Its messages go to stderr, inherited from the test.
 */
#define __XEN_TOOLS__ 1         /* for <xen/domctl.h> */

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xencall.h>

#include "testdom.h"
#include "testdom-wire.h"

/* <xen/hvm/save.h>, which <xen/domctl.h> includes, refuses strict ISO C
 * for its anonymous unions, which C11 has.  Last of the includes, so
 * that no system header sees the difference. */
#undef __STRICT_ANSI__
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/memory.h>
#include <xen/hvm/hvm_op.h>

#define NO_DOMAIN (-1)

static xencall_handle *xcall;
static int registry[TESTDOM_MAX];

/* ------------------------------------------------------------ hypercalls */

/* Issues a domctl, copying op in and out of a hypercall buffer. */
static int domctl(struct xen_domctl *op)
{
    struct xen_domctl *buf = xencall_alloc_buffer(xcall, sizeof(*buf));
    int rc, saved_errno;

    if (!buf)
        return -1;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    memcpy(buf, op, sizeof(*buf));
    rc = xencall1(xcall, __HYPERVISOR_domctl, (uintptr_t)buf);
    saved_errno = errno;
    memcpy(op, buf, sizeof(*op));
    xencall_free_buffer(xcall, buf);
    errno = saved_errno;
    return rc;
}

/* Xen tears a domain down in steps and asks to be called again. */
static int destroy(int domid)
{
    struct xen_domctl op;
    int rc;

    do
        op = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = (domid_t)domid };
    while ((rc = domctl(&op)) < 0 && (errno == EAGAIN || errno == EINTR));
    return rc;
}

/* Gives domid memory at guest frames 0 .. count - 1; a PV domain's machine
 * frames, which Xen chooses, into given[] if not NULL. */
static int populate(int domid, unsigned count, uint64_t *given)
{
    struct xen_memory_reservation *r = xencall_alloc_buffer(xcall, sizeof(*r));
    xen_pfn_t *frames = xencall_alloc_buffer(xcall, count * sizeof(*frames));
    unsigned done = 0;
    int rc = -1;

    if (!r || !frames)
        goto out;
    for (unsigned i = 0; i < count; i++)
        frames[i] = i;
    while (done < count) {
        *r = (struct xen_memory_reservation){ .nr_extents = count - done, .extent_order = 0,
                                              .domid = (domid_t)domid };
        set_xen_guest_handle(r->extent_start, frames + done);
        rc = xencall2(xcall, __HYPERVISOR_memory_op, XENMEM_populate_physmap, (uintptr_t)r);
        if (rc <= 0) {
            if (rc == 0)
                errno = ENOMEM;
            rc = -1;
            goto out;
        }
        done += (unsigned)rc;
    }
    for (unsigned i = 0; given && i < count; i++)
        given[i] = frames[i];
    rc = 0;
out:
    xencall_free_buffer(xcall, r);
    xencall_free_buffer(xcall, frames);
    return rc;
}

/* ------------------------------------------------------------ the registry */

static void forget(int domid)
{
    for (int i = 0; i < TESTDOM_MAX; i++)
        if (registry[i] == domid) {
            registry[i] = NO_DOMAIN;
            return;
        }
}

static int remember(int domid)
{
    for (int i = 0; i < TESTDOM_MAX; i++)
        if (registry[i] == NO_DOMAIN) {
            registry[i] = domid;
            return 0;
        }
    errno = ENOSPC;
    return -1;
}

/* Destroys what the registry lists. */
static void destroy_listed(const char *when)
{
    for (int i = 0; i < TESTDOM_MAX; i++) {
        int domid = registry[i];

        if (domid == NO_DOMAIN)
            continue;
        registry[i] = NO_DOMAIN;
        if (destroy(domid) < 0 && errno != ESRCH)
            fprintf(stderr, "testdom (%s): cannot destroy domain %d: %s\n", when, domid,
                    strerror(errno));
    }
}

/* ------------------------------------------------------------ domains */

/* Destroys domid after a failed step, keeping that step's errno: -1. */
static int undo(int domid)
{
    int saved_errno = errno;

    destroy(domid);
    forget(domid);
    errno = saved_errno;
    return -1;
}

/*
 * A domain of kind TESTDOM_KIND_*, paused, registered; with `vcpus` vCPUs
 * made (XEN_DOMCTL_max_vcpus; 0: room for one, none made) and nr_pages of
 * memory at guest frames 0 on, their machine frames into frames[] for a
 * PV domain.  Its id, or -1 with nothing left behind.
 */
static int create(unsigned kind, unsigned vcpus, unsigned nr_pages, uint64_t *frames)
{
    const char *what = kind == TESTDOM_KIND_HVM ? "an HVM" : "a PV";
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain, .domain = 0 };
    struct xen_domctl_createdomain *c = &op.u.createdomain;
    int domid;

    c->max_vcpus = vcpus ? vcpus : 1;
    c->max_evtchn_port = -1;
    c->max_grant_frames = 4;
    c->max_maptrack_frames = 0;
    c->grant_opts = XEN_DOMCTL_GRANT_version(1);
    if (kind == TESTDOM_KIND_HVM) {
        c->flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
        /* Xen refuses vPCI for an HVM domain not made by a toolstack. */
        c->arch.emulation_flags = XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI;
    }
    if (domctl(&op) < 0) {
        fprintf(stderr, "testdom: cannot create %s domain: %s\n", what, strerror(errno));
        return -1;
    }
    domid = op.domain;
    if (remember(domid) < 0) {
        fprintf(stderr, "testdom: more than %d domains at once\n", TESTDOM_MAX);
        return undo(domid);
    }
    /* createdomain only sets the number: without the vCPUs an ioreq server
     * gets no event channels, vCPU calls find no vCPU, and saving an HVM
     * domain's state dereferences a NULL vCPU (Xen 4.17.7 panics). */
    if (vcpus) {
        op = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_vcpus, .domain = (domid_t)domid };
        op.u.max_vcpus.max = vcpus;
        if (domctl(&op) < 0) {
            fprintf(stderr, "testdom: cannot make domain %d's vCPUs: %s\n", domid,
                    strerror(errno));
            return undo(domid);
        }
    }
    if (nr_pages) {
        op = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_mem, .domain = (domid_t)domid };
        op.u.max_mem.max_memkb = (uint64_t)nr_pages * (4096 / 1024);
        if (domctl(&op) < 0 ||
            populate(domid, nr_pages, kind == TESTDOM_KIND_PV ? frames : NULL) < 0) {
            fprintf(stderr, "testdom: cannot give domain %d %u pages: %s\n", domid, nr_pages,
                    strerror(errno));
            return undo(domid);
        }
    }
    return domid;
}

static int info(int domid, struct testdom_wire_info *out)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = (domid_t)domid };
    const struct xen_domctl_getdomaininfo *d = &op.u.getdomaininfo;

    if (domctl(&op) < 0)
        return -1;
    /* Older Xens answer with the next domain when domid is gone. */
    if (d->domain != domid) {
        errno = ESRCH;
        return -1;
    }
    out->dying = !!(d->flags & XEN_DOMINF_dying);
    out->shutdown = !!(d->flags & XEN_DOMINF_shutdown);
    out->shutdown_code = (d->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    out->vcpus = d->max_vcpu_id + 1;
    return 0;
}

/* The record's length; at most size bytes of it into out. */
static int hvm_record(int domid, unsigned type, unsigned instance, size_t size, uint8_t *out)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_gethvmcontext_partial, .domain = (domid_t)domid };
    uint8_t *data = xencall_alloc_buffer(xcall, size);
    int rc = -1;

    if (!data)
        return -1;
    op.u.hvmcontext_partial.type = type;
    op.u.hvmcontext_partial.instance = instance;
    op.u.hvmcontext_partial.bufsz = size;
    set_xen_guest_handle(op.u.hvmcontext_partial.buffer, data);
    if (domctl(&op) == 0) {
        rc = (int)op.u.hvmcontext_partial.bufsz;
        memcpy(out, data, (size_t)rc < size ? (size_t)rc : size);
    }
    xencall_free_buffer(xcall, data);
    return rc;
}

static int mem_type(int domid, uint64_t gfn)
{
    struct xen_hvm_get_mem_type *arg = xencall_alloc_buffer(xcall, sizeof(*arg));
    int rc = -1;

    if (!arg)
        return -1;
    *arg = (struct xen_hvm_get_mem_type){ .domid = (domid_t)domid, .pfn = gfn };
    if (xencall2(xcall, __HYPERVISOR_hvm_op, HVMOP_get_mem_type, (uintptr_t)arg) == 0)
        rc = arg->mem_type;
    xencall_free_buffer(xcall, arg);
    return rc;
}

static int log_dirty(int domid, bool on)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_shadow_op, .domain = (domid_t)domid };

    op.u.shadow_op.op = on ? XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY : XEN_DOMCTL_SHADOW_OP_OFF;
    return domctl(&op);
}

static int dirty_peek(int domid, unsigned nr_pages, uint8_t *out)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_shadow_op, .domain = (domid_t)domid };
    size_t bytes = ((size_t)nr_pages + 7) / 8;
    uint8_t *data = xencall_alloc_buffer(xcall, bytes);
    int rc;

    if (!data)
        return -1;
    memset(data, 0, bytes);
    op.u.shadow_op.op = XEN_DOMCTL_SHADOW_OP_PEEK;
    op.u.shadow_op.pages = nr_pages;
    set_xen_guest_handle(op.u.shadow_op.dirty_bitmap, data);
    rc = domctl(&op);
    if (rc == 0)
        memcpy(out, data, bytes);
    xencall_free_buffer(xcall, data);
    return rc < 0 ? -1 : 0;
}

static int destroy_one(int domid)
{
    if (destroy(domid) < 0) {
        fprintf(stderr, "testdom: cannot destroy domain %d: %s\n", domid, strerror(errno));
        return -1;
    }
    forget(domid);
    return 0;
}

/* ------------------------------------------------------------ the loop */

/* Serves rq: the reply's data into data (room for `room` bytes), its
 * length into *len. */
static int serve(const struct testdom_request *rq, uint8_t *data, size_t room, size_t *len)
{
    *len = 0;
    switch (rq->op) {
    case TESTDOM_CREATE:
        if (rq->count > room / sizeof(uint64_t))
            break;
        if (rq->arg0 == TESTDOM_KIND_PV)
            *len = rq->count * sizeof(uint64_t);
        return create(rq->arg0, rq->arg1, (unsigned)rq->count, (uint64_t *)(void *)data);
    case TESTDOM_INFO:
        *len = sizeof(struct testdom_wire_info);
        return info(rq->domid, (struct testdom_wire_info *)(void *)data);
    case TESTDOM_HVM_RECORD: {
        int rc;

        if (rq->count > room)
            break;
        rc = hvm_record(rq->domid, rq->arg0, rq->arg1, rq->count, data);
        *len = rc < 0 ? 0 : (size_t)rc < rq->count ? (size_t)rc : rq->count;
        return rc;
    }
    case TESTDOM_MEM_TYPE:
        return mem_type(rq->domid, rq->count);
    case TESTDOM_LOG_DIRTY:
        return log_dirty(rq->domid, rq->arg0);
    case TESTDOM_DIRTY_PEEK:
        if ((rq->count + 7) / 8 > room)
            break;
        *len = (rq->count + 7) / 8;
        return dirty_peek(rq->domid, (unsigned)rq->count, data);
    case TESTDOM_ADOPT:
        return remember(rq->domid);
    case TESTDOM_FORGET:
        forget(rq->domid);
        return 0;
    case TESTDOM_DESTROY:
        return destroy_one(rq->domid);
    case TESTDOM_DESTROY_ALL:
        destroy_listed("destroy_all");
        return 0;
    }
    errno = EINVAL;
    return -1;
}

int main(void)
{
    /* The biggest reply: the frames of a domain of 4 GiB. */
    static uint8_t data[(1u << 20) * sizeof(uint64_t)];
    struct testdom_request rq;

    /* A ^C or a kill of the test's process group must not stop the
     * cleanup: the end of stdin does. */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    /* A test gone before its reply: the write fails (EPIPE), then the
     * cleanup runs. */
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < TESTDOM_MAX; i++)
        registry[i] = NO_DOMAIN;
    xcall = xencall_open(NULL, 0);
    if (!xcall) {
        fprintf(stderr, "testdom: cannot open libxencall: %s\n", strerror(errno));
        return 1;
    }
    while (testdom_transfer(STDIN_FILENO, &rq, sizeof(rq), false)) {
        struct testdom_reply reply;
        size_t len;

        errno = 0;
        reply.rc = serve(&rq, data, sizeof(data), &len);
        reply.error = reply.rc < 0 ? errno : 0;
        reply.len = reply.rc < 0 ? 0 : (uint32_t)len;
        if (!testdom_transfer(STDOUT_FILENO, &reply, sizeof(reply), true) ||
            !testdom_transfer(STDOUT_FILENO, data, reply.len, true))
            break;
    }
    destroy_listed("the test ended");
    xencall_close(xcall);
    return 0;
}
