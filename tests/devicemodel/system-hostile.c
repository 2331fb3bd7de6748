/* SPDX-License-Identifier: MIT */
/*
 * Hostile system tests of libxendevicemodel, in a Xen dom0: an ioreq
 * server's domain dies while the server's pages are mapped.  A real HVM
 * domain (tests/lib/testdom.h) gets an ioreq server, enabled or not, whose
 * pages are mapped through libxenforeignmemory; the domain is destroyed
 * and the pages read and written while another thread of the process
 * keeps counting.  Xen keeps the pages while they are mapped, so the
 * outcome is orderly: what Xen and the test wrote still reads (no
 * SIGBUS), and the domain stays, dying, until the unmap.  Destroying the
 * server then fails with ENOENT while the domain is dying (Xen destroyed
 * its servers with it) and ESRCH once it is gone; nothing is left behind,
 * and the same handles serve a new domain's server.
 *
 * The server is never asked for its gfns: on these domains, which have no
 * ioreq gfns reserved, that followed by destroying the server panics Xen
 * 4.17.7 (../shared/xen-in-qemu.md).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xendevicemodel.h>
#include <xenforeignmemory.h>
#include <xentoollog.h>

#include <xen/memory.h>
#include <xen/hvm/ioreq.h>

#include "dying.h"
#include "testdom.h"
#include "testlib.h"

#define PAGE 4096
#define GUEST_PAGES 16
/* The ioreq page's part past the vCPU's slot, which Xen leaves alone:
 * the test's data goes there. */
#define TAIL 1024
#define GONE_WAIT_MS 5000       /* for a domain to disappear */

/* A server's pages as mapped: frame 0 the buffered ring, 1 the ioreq page. */
struct server {
    ioservid_t id;
    xenforeignmemory_resource_handle *fres;
    char *pages;
};

/* ------------------------------------------------------------ helpers */

#define CHECK_OK(call)                                                                        \
    do {                                                                                      \
        int rc_ = (call);                                                                     \
        CHECKF(rc_ == 0, "%s: rc %d, errno %s", #call, rc_, strerror(errno));                 \
    } while (0)

/* What destroying server id of domid fails with: its errno, or 0 when it
 * did not fail. */
static int destroy_fails(xendevicemodel_handle *dmod, int domid, ioservid_t id)
{
    errno = 0;
    return xendevicemodel_destroy_ioreq_server(dmod, (domid_t)domid, id) == -1 ? errno : 0;
}

static const shared_iopage_t *iopage(const struct server *s)
{
    return (const shared_iopage_t *)(s->pages + PAGE);
}

static uint32_t pattern(size_t i, unsigned seed)
{
    return (uint32_t)i * 2654435761u ^ (seed << 24);
}

static void fill_tail(const struct server *s, unsigned seed)
{
    uint32_t *w = (uint32_t *)(s->pages + PAGE + TAIL);

    for (size_t i = 0; i < (PAGE - TAIL) / 4; i++)
        w[i] = pattern(i, seed);
}

static bool tail_holds(const struct server *s, unsigned seed)
{
    const volatile uint32_t *w = (const volatile uint32_t *)(s->pages + PAGE + TAIL);

    for (size_t i = 0; i < (PAGE - TAIL) / 4; i++)
        if (w[i] != pattern(i, seed))
            return false;
    return true;
}

/* A server with a buffered ring on domid, its pages mapped read-write;
 * false, said why, when that failed (s->fres tells what to undo). */
static bool server_up(xendevicemodel_handle *dmod, xenforeignmemory_handle *fmem, int domid,
                      struct server *s)
{
    void *addr = NULL;

    *s = (struct server){ .id = 0xffff };
    if (!CHECKF(xendevicemodel_create_ioreq_server(dmod, (domid_t)domid, 1, &s->id) == 0,
                "create_ioreq_server: %s", strerror(errno)))
        return false;
    s->fres = xenforeignmemory_map_resource(fmem, (domid_t)domid, XENMEM_resource_ioreq_server,
                                            s->id, 0, 2, &addr, PROT_READ | PROT_WRITE, 0);
    s->pages = addr;
    return CHECKF(s->fres != NULL, "map_resource of the server's pages: %s", strerror(errno));
}

/* ------------------------------------------------------------ the access */

/* What an access is to: the server's pages, vCPU 0's port and seed's data
 * in the ioreq page's tail. */
struct access {
    const struct server *s;
    evtchn_port_t port;
    unsigned seed;
};

/*
 * Reads the server's pages, an empty buffered ring and vCPU 0's port as
 * Xen left them, seed's data in the ioreq page's tail; then writes seed +
 * 1's and reads that back (for t_access_guarded()): whether all of it
 * held.
 */
static bool access_pages(void *arg)
{
    const struct access *a = arg;
    const volatile buffered_iopage_t *ring = (const volatile buffered_iopage_t *)a->s->pages;

    if (ring->read_pointer != 0 || ring->write_pointer != 0 ||
        ((const volatile shared_iopage_t *)iopage(a->s))->vcpu_ioreq[0].vp_eport != a->port ||
        !tail_holds(a->s, a->seed))
        return false;
    fill_tail(a->s, a->seed + 1);
    return tail_holds(a->s, a->seed + 1);
}

/* ------------------------------------------------------------ the cases */

/* The same handles serve a new domain's server: created, its pages
 * mapped, enabled (Xen gives the vCPU a port), disabled, destroyed. */
static void check_serves_new_domain(xendevicemodel_handle *dmod, xenforeignmemory_handle *fmem)
{
    int domid = testdom_create_hvm(GUEST_PAGES);
    struct server s;

    if (!CHECKF(domid >= 0, "a new HVM domain: %s", strerror(errno)))
        return;
    if (server_up(dmod, fmem, domid, &s)) {
        CHECK_OK(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)domid, s.id, 1));
        CHECK_NE(iopage(&s)->vcpu_ioreq[0].vp_eport, 0);
        CHECK_OK(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)domid, s.id, 0));
    }
    if (s.fres)
        CHECK_OK(xenforeignmemory_unmap_resource(fmem, s.fres));
    if (s.id != 0xffff)
        CHECK_OK(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)domid, s.id));
    CHECK_EQ(testdom_destroy(domid), 0);
}

static void destroyed_while_mapped(bool enabled)
{
    struct t_capture log;
    xendevicemodel_handle *dmod;
    xenforeignmemory_handle *fmem;
    struct t_held held;
    struct server s = { .id = 0xffff };
    evtchn_port_t port = 0;
    enum t_access_outcome outcome;
    int domid = -1, dead, dying_errno, gone_errno;
    char refused[64];

    /* The refused calls' messages go here. */
    t_capture_start(&log);
    dmod = xendevicemodel_open(log.logger, 0);
    fmem = xenforeignmemory_open(NULL, 0);
    if (!CHECK(dmod && fmem))
        goto out;
    t_held_snapshot(&held);
    domid = testdom_create_hvm(GUEST_PAGES);
    if (!CHECKF(domid >= 0, "an HVM domain: %s", strerror(errno)) ||
        !server_up(dmod, fmem, domid, &s))
        goto out;
    if (enabled) {
        CHECK_OK(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)domid, s.id, 1));
        port = iopage(&s)->vcpu_ioreq[0].vp_eport;
        CHECKF(port != 0, "enabled, the server has no port for vCPU 0");
    }
    fill_tail(&s, 1);

    dead = domid;
    domid = -1;
    if (!t_destroy_and_access(dead, access_pages,
                              &(struct access){ .s = &s, .port = port, .seed = 1 }, &outcome))
        goto out;
    printf("  figure: the %s server's pages of a destroyed domain, accessed: %s\n",
           enabled ? "enabled" : "disabled", t_access_name(outcome));
    CHECKF(outcome == T_ACCESS_DATA, "accessing the pages: %s", t_access_name(outcome));
    /* Xen destroyed the server with the domain. */
    dying_errno = destroy_fails(dmod, dead, s.id);
    CHECK_EQ(dying_errno, ENOENT);
    t_listed_dying(dead);

    CHECK_OK(xenforeignmemory_unmap_resource(fmem, s.fres));
    s.fres = NULL;
    t_check_gone_after_unmap(dead, GONE_WAIT_MS);
    gone_errno = destroy_fails(dmod, dead, s.id);
    CHECK_EQ(gone_errno, ESRCH);
    printf("  figure: destroy_ioreq_server: \"%s\" while the domain is dying, \"%s\" once gone\n",
           strerror(dying_errno), strerror(gone_errno));
    snprintf(refused, sizeof(refused), "destroy_ioreq_server (domain %d) failed", dead);
    CHECKF(t_logged(&log, refused), "logged \"%s\", want \"%s\"", t_capture_text(&log), refused);
    t_check_nothing_left(&held, "");
    check_serves_new_domain(dmod, fmem);
    t_check_nothing_left(&held, " at the end");
out:
    if (s.fres)
        xenforeignmemory_unmap_resource(fmem, s.fres);
    if (domid >= 0)
        testdom_destroy(domid);
    CHECK_EQ(xenforeignmemory_close(fmem), 0);
    CHECK_EQ(xendevicemodel_close(dmod), 0);
    t_capture_end(&log);
    free(log.text);
}

static void test_enabled_server_domain_destroyed(void)
{
    destroyed_while_mapped(true);
}

static void test_disabled_server_domain_destroyed(void)
{
    destroyed_while_mapped(false);
}

int main(void)
{
    t_expect_library("libxendevicemodel.so.1", (const void *)xendevicemodel_open);
    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_map_resource);
    if (!testdom_init()) {
        printf("FAIL: xendevicemodel: cannot set up test domains\n");
        return 1;
    }
    T_CASE(test_enabled_server_domain_destroyed,
           "xendevicemodel: an enabled ioreq server's domain destroyed while its pages are "
           "mapped: they still read, ENOENT, then ESRCH, nothing left, the handles serve anew");
    T_CASE(test_disabled_server_domain_destroyed,
           "xendevicemodel: the same with the server never enabled");
    return t_exit_status();
}
