/* SPDX-License-Identifier: MIT */
/*
 * testdom.c - real guest domains for system tests (see testdom.h), made
 * with domctls and memory ops issued through libxencall.
 */
#define __XEN_TOOLS__ 1         /* for <xen/domctl.h> */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <xencall.h>

#include "testdom.h"

/* <xen/hvm/save.h>, which <xen/domctl.h> includes, refuses strict ISO C
 * for its anonymous unions, which C11 has.  Last of the includes, so
 * that no system header sees the difference. */
#undef __STRICT_ANSI__
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/memory.h>
#include <xen/hvm/hvm_op.h>

#define NO_DOMAIN (-1)

/* Shared with the watchdog: the domains to destroy. */
struct registry {
    atomic_int domid[TESTDOM_MAX];
};

static struct registry *registry;
static xencall_handle *xcall;
/* The process that made the registry: only it cleans up at exit, not the
 * children a test forks. */
static pid_t owner;
static int watchdog_pipe;   /* its write end: the watchdog waits for its close */

/* ------------------------------------------------------------ hypercalls */

/* Issues a domctl, copying op in and out of a hypercall buffer. */
static int domctl(xencall_handle *xc, struct xen_domctl *op)
{
    struct xen_domctl *buf = xencall_alloc_buffer(xc, sizeof(*buf));
    int rc, saved_errno;

    if (!buf)
        return -1;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    memcpy(buf, op, sizeof(*buf));
    rc = xencall1(xc, __HYPERVISOR_domctl, (uintptr_t)buf);
    saved_errno = errno;
    memcpy(op, buf, sizeof(*op));
    xencall_free_buffer(xc, buf);
    errno = saved_errno;
    return rc;
}

/* Xen tears a domain down in steps and asks to be called again. */
static int destroy(xencall_handle *xc, int domid)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_destroydomain, .domain = (domid_t)domid };
    int rc;

    while ((rc = domctl(xc, &op)) < 0 && (errno == EAGAIN || errno == EINTR))
        op = (struct xen_domctl){ .cmd = XEN_DOMCTL_destroydomain, .domain = (domid_t)domid };
    return rc;
}

/* Gives domid memory at guest frames first .. first + count - 1; a PV
 * domain's machine frames, which Xen chooses, into given[] if not NULL. */
static int populate(int domid, xen_pfn_t first, unsigned count, uint64_t *given)
{
    struct xen_memory_reservation *r = xencall_alloc_buffer(xcall, sizeof(*r));
    xen_pfn_t *frames = xencall_alloc_buffer(xcall, count * sizeof(*frames));
    unsigned done = 0;
    int rc = -1;

    if (!r || !frames)
        goto out;
    for (unsigned i = 0; i < count; i++)
        frames[i] = first + i;
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
    for (int i = 0; i < TESTDOM_MAX; i++) {
        int expected = domid;

        if (atomic_compare_exchange_strong(&registry->domid[i], &expected, NO_DOMAIN))
            return;
    }
}

static int remember(int domid)
{
    for (int i = 0; i < TESTDOM_MAX; i++) {
        int expected = NO_DOMAIN;

        if (atomic_compare_exchange_strong(&registry->domid[i], &expected, domid))
            return 0;
    }
    errno = ENOSPC;
    return -1;
}

/* Destroys what the registry lists, through xc. */
static void destroy_listed(xencall_handle *xc, const char *who)
{
    for (int i = 0; i < TESTDOM_MAX; i++) {
        int domid = atomic_exchange(&registry->domid[i], NO_DOMAIN);

        if (domid == NO_DOMAIN)
            continue;
        if (destroy(xc, domid) < 0 && errno != ESRCH)
            fprintf(stderr, "testdom (%s): cannot destroy domain %d: %s\n", who, domid,
                    strerror(errno));
    }
}

/*
 * The watchdog: blocks until every write end of the pipe is closed (the
 * test and its children are gone, however they ended), then destroys what
 * is left.  It keeps stderr for its messages but not stdout, so that
 * nothing reading the test's output waits for it.
 */
static void watchdog(int read_end)
{
    char c;
    int null_fd = open("/dev/null", O_WRONLY);

    if (null_fd >= 0)
        dup2(null_fd, STDOUT_FILENO);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    while (read(read_end, &c, 1) != 0 && errno == EINTR)
        ;
    for (int i = 0; i < TESTDOM_MAX; i++)
        if (atomic_load(&registry->domid[i]) != NO_DOMAIN) {
            xencall_handle *xc = xencall_open(NULL, 0);

            if (xc)
                destroy_listed(xc, "watchdog");
            xencall_close(xc);
            break;
        }
    _exit(0);
}

/* Then the handle and the watchdog's pipe close, as a tool that counts the
 * descriptors left at exit expects. */
static void destroy_at_exit(void)
{
    if (getpid() != owner)
        return;
    destroy_listed(xcall, "at exit");
    xencall_close(xcall);
    close(watchdog_pipe);
}

bool testdom_init(void)
{
    int pipe_fds[2];
    pid_t pid;

    if (registry)
        return true;
    xcall = xencall_open(NULL, 0);
    if (!xcall) {
        fprintf(stderr, "testdom: cannot open libxencall: %s\n", strerror(errno));
        return false;
    }
    registry = mmap(NULL, sizeof(*registry), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                    -1, 0);
    if (registry == MAP_FAILED || pipe2(pipe_fds, O_CLOEXEC) < 0) {
        fprintf(stderr, "testdom: cannot set up the registry: %s\n", strerror(errno));
        registry = NULL;
        return false;
    }
    for (int i = 0; i < TESTDOM_MAX; i++)
        atomic_init(&registry->domid[i], NO_DOMAIN);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        close(pipe_fds[1]);
        prctl(PR_SET_NAME, "testdom-watch");
        watchdog(pipe_fds[0]);
    }
    close(pipe_fds[0]);
    if (pid < 0) {
        fprintf(stderr, "testdom: cannot start the watchdog: %s\n", strerror(errno));
        close(pipe_fds[1]);
        return false;
    }
    /* pipe_fds[1] stays open, unused, until this process ends. */
    watchdog_pipe = pipe_fds[1];
    owner = getpid();
    atexit(destroy_at_exit);
    return true;
}

/* ------------------------------------------------------------ domains */

/* Creates a domain as c describes, paused, and registers it. */
static int create(struct xen_domctl_createdomain *c, const char *what)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain, .domain = 0 };

    if (!testdom_init())
        return -1;
    if (c->max_vcpus == 0)
        c->max_vcpus = 1;
    c->max_evtchn_port = -1;
    c->max_grant_frames = 4;
    c->max_maptrack_frames = 0;
    c->grant_opts = XEN_DOMCTL_GRANT_version(1);
    op.u.createdomain = *c;
    if (domctl(xcall, &op) < 0) {
        fprintf(stderr, "testdom: cannot create %s domain: %s\n", what, strerror(errno));
        return -1;
    }
    if (remember(op.domain) < 0) {
        fprintf(stderr, "testdom: more than %d domains at once\n", TESTDOM_MAX);
        destroy(xcall, op.domain);
        errno = ENOSPC;
        return -1;
    }
    return op.domain;
}

int testdom_create_pv(void)
{
    struct xen_domctl_createdomain c = { .flags = 0 };

    return create(&c, "a PV");
}

/* Gives domid nr_pages of memory (max_mem, then populate), or destroys
 * it: 0, or -1. */
static int give_memory(int domid, unsigned nr_pages, uint64_t *given)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = (domid_t)domid };
    int saved_errno;

    op.u.max_mem.max_memkb = (uint64_t)nr_pages * (4096 / 1024);
    if (domctl(xcall, &op) == 0 && populate(domid, 0, nr_pages, given) == 0)
        return 0;
    saved_errno = errno;
    fprintf(stderr, "testdom: cannot give domain %d %u pages: %s\n", domid, nr_pages,
            strerror(errno));
    testdom_destroy(domid);
    errno = saved_errno;
    return -1;
}

int testdom_create_pv_mem(unsigned nr_pages, uint64_t *mfns)
{
    int domid = testdom_create_pv();

    if (domid < 0 || give_memory(domid, nr_pages, mfns) < 0)
        return -1;
    return domid;
}

/* createdomain only sets the number: this makes the vCPUs, without which
 * an ioreq server gets no event channels, vCPU calls find no vCPU, and
 * saving an HVM domain's state dereferences a NULL vCPU (Xen 4.17.7
 * panics).  The domain is destroyed on failure. */
static int make_vcpus(int domid, unsigned vcpus)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = (domid_t)domid };
    int saved_errno;

    op.u.max_vcpus.max = vcpus;
    if (domctl(xcall, &op) < 0) {
        saved_errno = errno;
        fprintf(stderr, "testdom: cannot make domain %d's vCPUs: %s\n", domid, strerror(errno));
        testdom_destroy(domid);
        errno = saved_errno;
        return -1;
    }
    return domid;
}

int testdom_create_pv_vcpus(unsigned vcpus)
{
    struct xen_domctl_createdomain c = { .max_vcpus = vcpus };
    int domid = create(&c, "a PV");

    return domid < 0 ? domid : make_vcpus(domid, c.max_vcpus);
}

int testdom_create_hvm(unsigned nr_pages)
{
    return testdom_create_hvm_vcpus(nr_pages, 1);
}

int testdom_create_hvm_vcpus(unsigned nr_pages, unsigned vcpus)
{
    struct xen_domctl_createdomain c = {
        .max_vcpus = vcpus,
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        /* Xen 4.17 refuses vPCI for an HVM domain. */
        .arch.emulation_flags = XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI,
    };
    int domid = create(&c, "an HVM");

    if (domid < 0 || make_vcpus(domid, c.max_vcpus) < 0)
        return -1;
    if (nr_pages && give_memory(domid, nr_pages, NULL) < 0)
        return -1;
    return domid;
}

int testdom_adopt(int domid)
{
    return testdom_init() ? remember(domid) : -1;
}

void testdom_forget(int domid)
{
    if (registry)
        forget(domid);
}

int testdom_destroy(int domid)
{
    int rc;

    if (!registry) {
        errno = EINVAL;
        return -1;
    }
    rc = destroy(xcall, domid);
    if (rc < 0)
        fprintf(stderr, "testdom: cannot destroy domain %d: %s\n", domid, strerror(errno));
    else
        forget(domid);
    return rc;
}

int testdom_info(int domid, struct testdom_info *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = (domid_t)domid };
    const struct xen_domctl_getdomaininfo *d = &op.u.getdomaininfo;

    if (!testdom_init() || domctl(xcall, &op) < 0)
        return -1;
    /* Older Xens answer with the next domain when domid is gone. */
    if (d->domain != domid) {
        errno = ESRCH;
        return -1;
    }
    info->dying = d->flags & XEN_DOMINF_dying;
    info->shutdown = d->flags & XEN_DOMINF_shutdown;
    info->shutdown_code = (d->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    info->vcpus = d->max_vcpu_id + 1;
    return 0;
}

int testdom_hvm_record(int domid, unsigned type, unsigned instance, void *buf, size_t size)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_gethvmcontext_partial, .domain = (domid_t)domid };
    uint8_t *data;
    int rc = -1;

    if (!testdom_init() || !(data = xencall_alloc_buffer(xcall, size)))
        return -1;
    op.u.hvmcontext_partial.type = type;
    op.u.hvmcontext_partial.instance = instance;
    op.u.hvmcontext_partial.bufsz = size;
    set_xen_guest_handle(op.u.hvmcontext_partial.buffer, data);
    if (domctl(xcall, &op) == 0) {
        rc = (int)op.u.hvmcontext_partial.bufsz;
        memcpy(buf, data, (size_t)rc < size ? (size_t)rc : size);
    }
    xencall_free_buffer(xcall, data);
    return rc;
}

int testdom_mem_type(int domid, uint64_t gfn)
{
    struct xen_hvm_get_mem_type *arg;
    int rc = -1;

    if (!testdom_init() || !(arg = xencall_alloc_buffer(xcall, sizeof(*arg))))
        return -1;
    *arg = (struct xen_hvm_get_mem_type){ .domid = (domid_t)domid, .pfn = gfn };
    if (xencall2(xcall, __HYPERVISOR_hvm_op, HVMOP_get_mem_type, (uintptr_t)arg) == 0)
        rc = arg->mem_type;
    xencall_free_buffer(xcall, arg);
    return rc;
}

int testdom_log_dirty(int domid, bool on)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_shadow_op, .domain = (domid_t)domid };

    op.u.shadow_op.op = on ? XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY : XEN_DOMCTL_SHADOW_OP_OFF;
    return testdom_init() && domctl(xcall, &op) == 0 ? 0 : -1;
}

int testdom_dirty_peek(int domid, uint8_t *bitmap, unsigned nr_pages)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_shadow_op, .domain = (domid_t)domid };
    size_t bytes = ((size_t)nr_pages + 7) / 8;
    uint8_t *data;
    int rc;

    if (!testdom_init() || !(data = xencall_alloc_buffer(xcall, bytes)))
        return -1;
    memset(data, 0, bytes);
    op.u.shadow_op.op = XEN_DOMCTL_SHADOW_OP_PEEK;
    op.u.shadow_op.pages = nr_pages;
    set_xen_guest_handle(op.u.shadow_op.dirty_bitmap, data);
    rc = domctl(xcall, &op);
    if (rc == 0)
        memcpy(bitmap, data, bytes);
    xencall_free_buffer(xcall, data);
    return rc < 0 ? -1 : 0;
}

void testdom_destroy_all(void)
{
    if (registry)
        destroy_listed(xcall, "destroy_all");
}
