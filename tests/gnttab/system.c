/* SPDX-License-Identifier: MIT */
/*
 * System tests of libxengnttab, in a Xen dom0: dom0 grants pages to
 * itself with xengntshr and maps them back with xengnttab, so that every
 * byte that crosses a grant can be checked from the other side; unmap
 * notifications are checked on real event channels (libxenevtchn).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "child.h"
#include "testlib.h"

#define PAGE 4096
#define DOM0 0
/* A domain id no domain has here (only dom0 runs). */
#define NO_SUCH_DOMAIN 0x7000
/* A reference beyond any grant table Xen gives a domain. */
#define NO_SUCH_REF 0xfffff0u

static xengntshr_handle *shr;
static xengnttab_handle *tab;

/* ------------------------------------------------------------ helpers */

/* How many mappings of each driver this process has. */
static int gntdev_mappings(void)
{
    return t_maps_containing(0, "/dev/xen/gntdev");
}

static int gntalloc_mappings(void)
{
    return t_maps_containing(0, "/dev/xen/gntalloc");
}

/* The byte a test writes at offset i of page `page`, for pattern seed. */
static uint8_t pattern(unsigned seed, size_t page, size_t i)
{
    uint32_t x = (uint32_t)(seed * 2654435761u) ^ (uint32_t)(page * 40503u) ^ (uint32_t)i;

    x ^= x >> 13;
    x *= 0x5bd1e995u;
    return (uint8_t)(x ^ (x >> 15));
}

static void fill(void *p, size_t pages, unsigned seed)
{
    for (size_t page = 0; page < pages; page++)
        for (size_t i = 0; i < PAGE; i++)
            ((uint8_t *)p)[page * PAGE + i] = pattern(seed, page, i);
}

/* The first offset where p differs from the pattern, or -1. */
static long differs(const void *p, size_t pages, unsigned seed)
{
    for (size_t page = 0; page < pages; page++)
        for (size_t i = 0; i < PAGE; i++)
            if (((const uint8_t *)p)[page * PAGE + i] != pattern(seed, page, i))
                return (long)(page * PAGE + i);
    return -1;
}

/* ------------------------------------------------------------ event channels */

/*
 * A loopback event channel of dom0: `send` is the port to give the kernel
 * for notifications, their events arrive at `recv`, bound through a
 * handle of its own so that nothing else lands there.
 */
struct loopback {
    xenevtchn_handle *rx, *tx;
    evtchn_port_t recv, send;
};

static bool loopback_open(struct loopback *lb)
{
    int recv, send;

    lb->rx = xenevtchn_open(NULL, 0);
    lb->tx = xenevtchn_open(NULL, 0);
    if (!lb->rx || !lb->tx)
        return false;
    recv = xenevtchn_bind_unbound_port(lb->rx, DOM0);
    send = recv < 0 ? -1 : xenevtchn_bind_interdomain(lb->tx, DOM0, (evtchn_port_t)recv);
    if (recv < 0 || send < 0)
        return false;
    lb->recv = (evtchn_port_t)recv;
    lb->send = (evtchn_port_t)send;
    return true;
}

static void loopback_close(struct loopback *lb)
{
    xenevtchn_close(lb->rx);
    xenevtchn_close(lb->tx);
}

/* Whether an event arrives at lb->recv within ms milliseconds. */
static bool event_arrives(struct loopback *lb, int ms)
{
    struct pollfd pfd = { .fd = xenevtchn_fd(lb->rx), .events = POLLIN };
    int port;

    if (poll(&pfd, 1, ms) != 1)
        return false;
    port = xenevtchn_pending(lb->rx);
    if (port >= 0)
        xenevtchn_unmask(lb->rx, (evtchn_port_t)port);
    return port == (int)lb->recv;
}

/* ------------------------------------------------------------ handles */

static void test_open_close(void)
{
    struct t_fd_set before;
    char link[64], target[64];
    xengnttab_handle *t;
    xengntshr_handle *s;
    int opened;
    ssize_t n;

    CHECK(tab != NULL && shr != NULL);
    t_fds_snapshot(&before);
    t = xengnttab_open(NULL, 0);
    s = xengntshr_open(NULL, 0);
    if (!CHECK(t && s))
        return;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", xengnttab_fd(t));
    n = readlink(link, target, sizeof(target) - 1);
    CHECKF(n > 0 && (target[n] = '\0', strcmp(target, "/dev/xen/gntdev") == 0),
           "xengnttab_fd is %s", n > 0 ? target : "?");
    snprintf(link, sizeof(link), "/proc/self/fd/%d", xengntshr_fd(s));
    n = readlink(link, target, sizeof(target) - 1);
    CHECKF(n > 0 && (target[n] = '\0', strcmp(target, "/dev/xen/gntalloc") == 0),
           "xengntshr_fd is %s", n > 0 ? target : "?");
    opened = t_check_new_fds_cloexec(&before);
    CHECKF(opened == 2, "%d fds opened", opened);
    CHECK_EQ(xengnttab_close(t), 0);
    CHECK_EQ(xengntshr_close(s), 0);
    t_check_fds_as_before(&before);

    CHECK(xengnttab_close(NULL) == 0 && xengntshr_close(NULL) == 0);
    errno = 0;
    CHECK(xengnttab_fd(NULL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xengntshr_fd(NULL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xengnttab_open(NULL, 1) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(xengntshr_open(NULL, 4) == NULL && errno == EINVAL);
}

/* ------------------------------------------------------------ loopback */

/*
 * Shares pages pages with dom0, maps them back with `how`, and checks
 * that bytes written on either side are read on the other.
 */
enum map_how { SINGLE, MULTI, DOMAIN };

static void loopback(size_t pages, enum map_how how)
{
    uint32_t refs[256], domids[256];
    int maps = gntdev_mappings(), shares = gntalloc_mappings(), fds = t_open_fds();
    uint8_t *s, *m;

    s = xengntshr_share_pages(shr, DOM0, (int)pages, refs, 1);
    if (!CHECK_NE(s, NULL))
        return;
    CHECK_EQ(((uintptr_t)s & (PAGE - 1)), 0);
    /* gntalloc's pages start zeroed. */
    CHECK(s[0] == 0 && s[pages * PAGE - 1] == 0);
    fill(s, pages, 1);
    for (size_t i = 0; i < pages; i++)
        domids[i] = DOM0;
    switch (how) {
    case SINGLE:
        m = xengnttab_map_grant_ref(tab, DOM0, refs[0], PROT_READ | PROT_WRITE);
        break;
    case MULTI:
        m = xengnttab_map_grant_refs(tab, (uint32_t)pages, domids, refs, PROT_READ | PROT_WRITE);
        break;
    default:
        m = xengnttab_map_domain_grant_refs(tab, (uint32_t)pages, DOM0, refs,
                                            PROT_READ | PROT_WRITE);
        break;
    }
    if (CHECKF(m != NULL, "map: %s", strerror(errno))) {
        CHECK_NE(m, s);
        CHECK_EQ(gntdev_mappings(), maps + 1);
        CHECKF(differs(m, pages, 1) == -1, "shared -> mapped: differs at %ld",
               differs(m, pages, 1));
        fill(m, pages, 2);
        CHECKF(differs(s, pages, 2) == -1, "mapped -> shared: differs at %ld",
               differs(s, pages, 2));
        CHECK_EQ(xengnttab_unmap(tab, m, (uint32_t)pages), 0);
    }
    /* The pages stay this side's after the peer let go. */
    CHECK_EQ(differs(s, pages, 2), -1);
    CHECK_EQ(xengntshr_unshare(shr, s, (uint32_t)pages), 0);
    CHECK(gntdev_mappings() == maps && gntalloc_mappings() == shares && t_open_fds() == fds);
}

static void test_single(void)
{
    loopback(1, SINGLE);
}

static void test_multi(void)
{
    loopback(8, MULTI);
}

static void test_domain(void)
{
    loopback(8, DOMAIN);
}

/* More references than fit the library's request on the stack. */
static void test_domain_many(void)
{
    loopback(200, DOMAIN);
}

/* Pages granted by several calls, mapped in one go, keep their order. */
static void test_multi_order(void)
{
    uint32_t refs[6], domids[6], ref;
    uint8_t *s[6], *m;

    for (int i = 0; i < 6; i++) {
        s[i] = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);
        if (!CHECK_NE(s[i], NULL))
            return;
        memset(s[i], 'a' + i, PAGE);
        /* Backwards: the mapping's order is the array's. */
        refs[5 - i] = ref;
        domids[5 - i] = DOM0;
    }
    m = xengnttab_map_grant_refs(tab, 6, domids, refs, PROT_READ);
    if (CHECK_NE(m, NULL)) {
        for (int i = 0; i < 6; i++)
            CHECKF(m[i * PAGE] == 'a' + 5 - i && m[i * PAGE + PAGE - 1] == 'a' + 5 - i,
                   "page %d is '%c'", i, m[i * PAGE]);
        CHECK_EQ(xengnttab_unmap(tab, m, 6), 0);
    }
    for (int i = 0; i < 6; i++)
        CHECK_EQ(xengntshr_unshare(shr, s[i], 1), 0);
}

/* ------------------------------------------------------------ read-only */

static void test_read_only_grant(void)
{
    int maps = gntdev_mappings();
    uint32_t ref;
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 1, &ref, 0), *m;

    if (!CHECK_NE(s, NULL))
        return;
    fill(s, 1, 3);
    errno = 0;
    m = xengnttab_map_grant_ref(tab, DOM0, ref, PROT_READ | PROT_WRITE);
    CHECKF(m == NULL && errno == EINVAL, "writable map of a read-only grant: %p, %s", (void *)m,
           strerror(errno));
    CHECK_EQ(gntdev_mappings(), maps);
    m = xengnttab_map_grant_ref(tab, DOM0, ref, PROT_READ);
    if (CHECK_NE(m, NULL)) {
        CHECK_EQ(differs(m, 1, 3), -1);
        CHECK_EQ(xengnttab_unmap(tab, m, 1), 0);
    }
    /* This side may still write its page. */
    s[5] ^= 0xff;
    CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
}

/*
 * A child maps a writable grant read-only, proves it reads the page (it
 * says so on a pipe), then writes to it: it must die of SIGSEGV, and the
 * page must be unchanged.  The child opens its own handle: grant mappings
 * are not inherited.
 */
static void test_read_only_mapping_faults(void)
{
    int pipefd[2], status;
    char said = 0;
    uint32_t ref;
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);
    pid_t pid;

    if (!CHECK_NE(s, NULL) || !CHECK_EQ(pipe(pipefd), 0))
        return;
    fill(s, 1, 4);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        xengnttab_handle *t = xengnttab_open(NULL, 0);
        volatile uint8_t *m = t ? xengnttab_map_grant_ref(t, DOM0, ref, PROT_READ) : NULL;

        close(pipefd[0]);
        if (!m || differs((const void *)m, 1, 4) != -1)
            _exit(2);
        if (write(pipefd[1], "R", 1) != 1)
            _exit(3);
        m[100] = 0x5a;          /* must fault */
        _exit(0);
    }
    close(pipefd[1]);
    CHECK_GT(pid, 0);
    CHECKF(read(pipefd[0], &said, 1) == 1 && said == 'R', "the child did not read the page");
    close(pipefd[0]);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "child status %#x", status);
    CHECK_EQ(differs(s, 1, 4), -1);
    CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
}

/* ------------------------------------------------------------ unmap notify */

#define NOTIFY_AT 100

static void test_gnttab_notify(void)
{
    struct loopback lb;
    uint32_t ref;
    uint8_t *s = NULL, *m;

    if (!CHECK(loopback_open(&lb)))
        goto out;
    s = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);
    if (!CHECK_NE(s, NULL))
        goto out;

    /* Byte and event. */
    memset(s, 0xaa, PAGE);
    m = xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ | PROT_WRITE, NOTIFY_AT,
                                       lb.send);
    if (!CHECK_NE(m, NULL))
        goto out;
    CHECK_EQ(m[NOTIFY_AT], 0xaa);
    CHECK(!event_arrives(&lb, 0));
    CHECK_EQ(xengnttab_unmap(tab, m, 1), 0);
    CHECKF(s[NOTIFY_AT] == 0, "byte %d is %#x", NOTIFY_AT, s[NOTIFY_AT]);
    CHECK(s[NOTIFY_AT - 1] == 0xaa && s[NOTIFY_AT + 1] == 0xaa);
    CHECKF(event_arrives(&lb, 5000), "no event on port %u", lb.recv);

    /* The byte only. */
    memset(s, 0xaa, PAGE);
    m = xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ | PROT_WRITE, PAGE - 1,
                                       (evtchn_port_t)-1);
    if (CHECK_NE(m, NULL))
        CHECK_EQ(xengnttab_unmap(tab, m, 1), 0);
    CHECK(s[PAGE - 1] == 0 && s[PAGE - 2] == 0xaa);
    CHECK(!event_arrives(&lb, 200));

    /* The event only. */
    memset(s, 0xaa, PAGE);
    m = xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ, (uint32_t)-1, lb.send);
    if (CHECK_NE(m, NULL))
        CHECK_EQ(xengnttab_unmap(tab, m, 1), 0);
    CHECK(event_arrives(&lb, 5000));
    CHECK_EQ(memchr(s, 0, PAGE), NULL);
out:
    if (s)
        CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
    loopback_close(&lb);
}

/* A process that dies with the page mapped notifies all the same. */
static void test_gnttab_notify_on_exit(void)
{
    struct loopback lb;
    int status;
    uint32_t ref;
    uint8_t *s = NULL;
    pid_t pid;

    if (!CHECK(loopback_open(&lb)))
        goto out;
    s = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);
    if (!CHECK_NE(s, NULL))
        goto out;
    memset(s, 0x77, PAGE);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        xengnttab_handle *t = xengnttab_open(NULL, 0);

        if (!t ||
            !xengnttab_map_grant_ref_notify(t, DOM0, ref, PROT_READ | PROT_WRITE, 7, lb.send))
            _exit(2);
        raise(SIGKILL);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child status %#x", status);
    CHECKF(s[7] == 0 && s[6] == 0x77, "byte 7 is %#x", s[7]);
    CHECK(event_arrives(&lb, 5000));
out:
    if (s)
        CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
    loopback_close(&lb);
}

static void test_gntshr_notify(void)
{
    struct loopback lb;
    uint32_t ref;
    uint8_t *s, *m = NULL;

    if (!CHECK(loopback_open(&lb)))
        goto out;
    s = xengntshr_share_page_notify(shr, DOM0, &ref, 1, 200, lb.send);
    if (!CHECK_NE(s, NULL))
        goto out;
    m = xengnttab_map_grant_ref(tab, DOM0, ref, PROT_READ | PROT_WRITE);
    if (!CHECK_NE(m, NULL))
        goto out;
    memset(m, 0x55, PAGE);
    CHECK_EQ(s[200], 0x55);
    CHECK(!event_arrives(&lb, 0));
    CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
    /* The page lives on while mapped here; the byte was cleared in it. */
    CHECKF(m[200] == 0 && m[199] == 0x55 && m[201] == 0x55, "byte 200 is %#x", m[200]);
    CHECKF(event_arrives(&lb, 5000), "no event on port %u", lb.recv);
out:
    if (m)
        CHECK_EQ(xengnttab_unmap(tab, m, 1), 0);
    loopback_close(&lb);
}

/* Notifications that cannot be set up leave nothing behind. */
static void test_notify_refused(void)
{
    int maps = gntdev_mappings(), shares = gntalloc_mappings();
    struct loopback lb;
    uint32_t ref, ref2 = 0;
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);

    if (!CHECK_NE(s, NULL) || !CHECK(loopback_open(&lb)))
        return;
    shares++;
    errno = 0;
    CHECK(xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ | PROT_WRITE, PAGE,
                                         lb.send) == NULL &&
          errno == EINVAL);
    /* The byte of a read-only mapping cannot be cleared. */
    errno = 0;
    CHECK(xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ, 0, (evtchn_port_t)-1) ==
              NULL &&
          errno == EINVAL);
    /* lb.send + 100: no handle of this domain bound it. */
    errno = 0;
    CHECKF(xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ, (uint32_t)-1,
                                          lb.send + 100) == NULL &&
               errno == EINVAL,
           "errno %s", strerror(errno));
    errno = 0;
    CHECKF(xengnttab_map_grant_ref_notify(tab, DOM0, ref, PROT_READ | PROT_WRITE, 0,
                                          lb.send + 100) == NULL &&
               errno == EINVAL,
           "errno %s", strerror(errno));
    CHECK_EQ(gntdev_mappings(), maps);
    errno = 0;
    CHECK(xengntshr_share_page_notify(shr, DOM0, &ref2, 1, 5000, lb.send) == NULL &&
          errno == EINVAL);
    errno = 0;
    CHECK(xengntshr_share_page_notify(shr, DOM0, &ref2, 1, 0, lb.send + 100) == NULL &&
          errno == EINVAL);
    CHECK_EQ(ref2, 0);
    CHECK_EQ(gntalloc_mappings(), shares);
    /* Nothing was sent on the refused ports' behalf either. */
    CHECK(!event_arrives(&lb, 200));
    CHECK_EQ(s[0], 0);
    CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
    loopback_close(&lb);
}

/* ------------------------------------------------------------ grant copy */

#define COPY_PAGES 4

static void set_foreign(union xengnttab_copy_ptr *p, uint32_t ref, uint16_t offset)
{
    p->foreign.ref = ref;
    p->foreign.offset = offset;
    p->foreign.domid = DOM0;
}

static void test_grant_copy(void)
{
    enum { SEGS = 96 };
    static xengnttab_grant_copy_segment_t seg[SEGS];
    static uint8_t local[COPY_PAGES * PAGE + 64];
    uint32_t refs[COPY_PAGES];
    uint8_t *s = xengntshr_share_pages(shr, DOM0, COPY_PAGES, refs, 1);
    unsigned seed = 12345;
    int bad = 0;

    if (!CHECK_NE(s, NULL))
        return;
    fill(s, COPY_PAGES, 5);

    /* Granted pages -> local memory: whole pages, at odd local offsets
     * that cross local page boundaries. */
    memset(local, 0, sizeof(local));
    for (int i = 0; i < COPY_PAGES; i++) {
        memset(&seg[i], 0, sizeof(seg[i]));
        set_foreign(&seg[i].source, refs[i], 0);
        seg[i].dest.virt = local + 13 + i * PAGE;
        seg[i].len = PAGE;
        seg[i].flags = GNTCOPY_source_gref;
        seg[i].status = 99;
    }
    CHECK_EQ(xengnttab_grant_copy(tab, COPY_PAGES, seg), 0);
    for (int i = 0; i < COPY_PAGES; i++)
        CHECKF(seg[i].status == GNTST_okay, "segment %d: status %d", i, seg[i].status);
    CHECK(local[12] == 0 && memcmp(local + 13, s, COPY_PAGES * PAGE) == 0 &&
          local[13 + COPY_PAGES * PAGE] == 0);

    /* Local memory -> granted pages: many small segments at scattered
     * offsets, each to its own stretch. */
    for (size_t i = 0; i < sizeof(local); i++)
        local[i] = (uint8_t)(i * 7 + 3);
    for (int i = 0; i < SEGS; i++) {
        int page = i % COPY_PAGES, slot = i / COPY_PAGES;   /* 24 slots per page */
        uint16_t offset = (uint16_t)(slot * 170 + rand_r(&seed) % 20);

        memset(&seg[i], 0, sizeof(seg[i]));
        seg[i].source.virt = local + rand_r(&seed) % (sizeof(local) - 150);
        set_foreign(&seg[i].dest, refs[page], offset);
        seg[i].len = (uint16_t)(1 + rand_r(&seed) % 150);
        seg[i].flags = GNTCOPY_dest_gref;
        seg[i].status = 99;
    }
    CHECK_EQ(xengnttab_grant_copy(tab, SEGS, seg), 0);
    for (int i = 0; i < SEGS; i++) {
        const uint8_t *to = s + (i % COPY_PAGES) * PAGE + seg[i].dest.foreign.offset;

        bad += seg[i].status != GNTST_okay || memcmp(to, seg[i].source.virt, seg[i].len) != 0;
    }
    CHECKF(bad == 0, "%d of %d segments wrong", bad, SEGS);

    /* Grant to grant. */
    memset(&seg[0], 0, sizeof(seg[0]));
    set_foreign(&seg[0].source, refs[0], 1000);
    set_foreign(&seg[0].dest, refs[3], 3000);
    seg[0].len = 1000;
    seg[0].flags = GNTCOPY_source_gref | GNTCOPY_dest_gref;
    CHECK(xengnttab_grant_copy(tab, 1, seg) == 0 && seg[0].status == GNTST_okay);
    CHECK_EQ(memcmp(s + 3 * PAGE + 3000, s + 1000, 1000), 0);
    CHECK_EQ(xengntshr_unshare(shr, s, COPY_PAGES), 0);
}

/* A bad reference or domain fails its own segment, not the others. */
static void test_grant_copy_bad_segment(void)
{
    xengnttab_grant_copy_segment_t seg[5];
    uint8_t local[5][64];
    uint32_t ref;
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);

    if (!CHECK_NE(s, NULL))
        return;
    fill(s, 1, 6);
    memset(seg, 0, sizeof(seg));
    memset(local, 0xee, sizeof(local));
    for (int i = 0; i < 5; i++) {
        set_foreign(&seg[i].source, ref, (uint16_t)(i * 64));
        seg[i].dest.virt = local[i];
        seg[i].len = 64;
        seg[i].flags = GNTCOPY_source_gref;
        seg[i].status = 99;
    }
    seg[1].source.foreign.ref = NO_SUCH_REF;
    seg[3].source.foreign.domid = NO_SUCH_DOMAIN;
    CHECK_EQ(xengnttab_grant_copy(tab, 5, seg), 0);
    CHECKF(seg[1].status == GNTST_bad_gntref, "bad ref: status %d", seg[1].status);
    CHECKF(seg[3].status == GNTST_bad_domain, "bad domain: status %d", seg[3].status);
    for (int i = 0; i < 5; i += 2)
        CHECKF(seg[i].status == GNTST_okay && memcmp(local[i], s + i * 64, 64) == 0,
               "segment %d: status %d", i, seg[i].status);
    CHECK(local[1][0] == 0xee && local[3][63] == 0xee);
    CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
}

static void test_grant_copy_refused(void)
{
    xengnttab_grant_copy_segment_t seg;
    struct t_capture c;
    uint8_t local[8];
    const char *log;
    xengnttab_handle *t;

    t_capture_start(&c);
    t = xengnttab_open(c.logger, 0);
    if (!CHECK_NE(t, NULL))
        return;
    memset(&seg, 0, sizeof(seg));
    seg.source.virt = local;
    seg.dest.virt = local + 4;
    seg.len = 4;
    BAD_INPUT(xengnttab_grant_copy, "segment with neither side foreign", MINUS1(EINVAL),
              xengnttab_grant_copy(t, 1, &seg));
    set_foreign(&seg.dest, 1, PAGE - 2);
    seg.flags = GNTCOPY_dest_gref;
    BAD_INPUT(xengnttab_grant_copy, "segment crossing a page end", MINUS1(EINVAL),
              xengnttab_grant_copy(t, 1, &seg));
    BAD_INPUT(xengnttab_grant_copy, "NULL segments", MINUS1(EINVAL),
              xengnttab_grant_copy(t, 3, NULL));
    CHECK_EQ(xengnttab_grant_copy(t, 0, NULL), 0);
    errno = 0;
    CHECK(xengnttab_grant_copy(NULL, 1, &seg) == -1 && errno == EINVAL);
    xengnttab_close(t);
    log = t_capture_end(&c);
    CHECKF(strstr(log, "segment 0 of 1: neither side is a grant reference") &&
               strstr(log, "segment 0 of 1: its destination crosses the end of the granted page") &&
               strstr(log, "segs is NULL"),
           "logged \"%s\"", log);
    free(c.text);
}

/* ------------------------------------------------------------ limits and bad input */

static void test_max_grants(void)
{
    xengnttab_handle *t = xengnttab_open(NULL, 0);
    uint32_t refs[5];
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 5, refs, 1), *a, *b, *c;
    int maps = gntdev_mappings();

    if (!CHECK(t != NULL && s != NULL))
        return;
    CHECK_EQ(xengnttab_set_max_grants(t, 3), 0);
    a = xengnttab_map_domain_grant_refs(t, 2, DOM0, refs, PROT_READ);
    CHECK_NE(a, NULL);
    errno = 0;
    CHECK(xengnttab_map_domain_grant_refs(t, 2, DOM0, refs + 2, PROT_READ) == NULL &&
          errno == ENOSPC);
    b = xengnttab_map_grant_ref(t, DOM0, refs[2], PROT_READ);
    CHECK_NE(b, NULL);
    errno = 0;
    CHECK(xengnttab_map_grant_ref(t, DOM0, refs[3], PROT_READ) == NULL && errno == ENOSPC);
    CHECK_EQ(gntdev_mappings(), maps + 2);
    /* Unmapping gives the pages back to the limit. */
    CHECK_EQ(xengnttab_unmap(t, a, 2), 0);
    c = xengnttab_map_domain_grant_refs(t, 2, DOM0, refs + 3, PROT_READ);
    CHECK_NE(c, NULL);
    /* The limit is the handle's: another maps freely. */
    a = xengnttab_map_domain_grant_refs(tab, 5, DOM0, refs, PROT_READ);
    CHECK_NE(a, NULL);
    CHECK_EQ(xengnttab_unmap(tab, a, 5), 0);
    CHECK(xengnttab_unmap(t, b, 1) == 0 && xengnttab_unmap(t, c, 2) == 0);
    CHECK_EQ(xengnttab_set_max_grants(NULL, 3), -1);
    CHECK_EQ(xengnttab_close(t), 0);
    CHECK_EQ(xengntshr_unshare(shr, s, 5), 0);
    CHECK_EQ(gntdev_mappings(), maps);
}

static void test_bad_map_input(void)
{
    int maps = gntdev_mappings(), fds = t_open_fds();
    uint32_t ref, refs[2], domids[2] = { DOM0, 0x10000 };
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 1, &ref, 1);
    struct t_capture c;
    xengnttab_handle *t;
    const char *log;

    t_capture_start(&c);
    t = xengnttab_open(c.logger, 0);
    if (!CHECK(s != NULL && t != NULL))
        return;
    refs[0] = refs[1] = ref;
#define REFUSED(call, err)                                                              \
    do {                                                                                \
        errno = 0;                                                                      \
        CHECKF((call) == NULL && errno == (err), "%s: errno %s", #call, strerror(errno)); \
    } while (0)
    REFUSED(xengnttab_map_domain_grant_refs(t, 0, DOM0, refs, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_refs(t, 0, domids, refs, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_domain_grant_refs(t, 1, DOM0, NULL, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_refs(t, 1, NULL, refs, PROT_READ), EINVAL);
    /* Far more than the arrays hold: refused before they are read. */
    REFUSED(xengnttab_map_domain_grant_refs(t, UINT32_MAX, DOM0, refs, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_refs(t, 0x80000000u, domids, refs, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_domain_grant_refs(t, 65537, DOM0, refs, PROT_READ), EINVAL);
    /* 0x10000 is domain 0 cut to 16 bits: it must not map dom0's page. */
    REFUSED(xengnttab_map_grant_ref(t, 0x10000, ref, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_refs(t, 2, domids, refs, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_ref(t, DOM0, NO_SUCH_REF, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_ref(t, NO_SUCH_DOMAIN, ref, PROT_READ), EINVAL);
    refs[1] = NO_SUCH_REF;
    REFUSED(xengnttab_map_domain_grant_refs(t, 2, DOM0, refs, PROT_READ), EINVAL);
    REFUSED(xengnttab_map_grant_ref(NULL, DOM0, ref, PROT_READ), EINVAL);
    /* A handle of the other half. */
    REFUSED(xengnttab_map_grant_ref((xengnttab_handle *)shr, DOM0, ref, PROT_READ), EINVAL);
    CHECK_EQ(gntdev_mappings(), maps);
    /* None of that hurt the handle. */
    refs[1] = ref;
    s[0] = 42;
    {
        uint8_t *m = xengnttab_map_domain_grant_refs(t, 2, DOM0, refs, PROT_READ);

        CHECK(m != NULL && m[0] == 42 && m[PAGE] == 42);
        CHECK(m && xengnttab_unmap(t, m, 2) == 0);
    }
    CHECK_EQ(xengnttab_close(t), 0);
    CHECK_EQ(xengntshr_unshare(shr, s, 1), 0);
    log = t_capture_end(&c);
    CHECKF(strstr(log, "xengnttab: error: xengnttab_map_domain_grant_refs: a count of 0 pages") &&
               strstr(log, "65537 pages are more than /dev/xen/gntdev takes at once") &&
               strstr(log, "65536 is no domain id") && strstr(log, "cannot map grant") &&
               strstr(log, "refs is NULL"),
           "logged \"%s\"", log);
    free(c.text);
    CHECK(gntdev_mappings() == maps && t_open_fds() == fds);
}

static void test_bad_unmap(void)
{
    int maps = gntdev_mappings();
    uint32_t refs[3];
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 3, refs, 1), *m, *other;
    xengnttab_handle *t = xengnttab_open(NULL, 0);
    char stack[16];
    void *heap = malloc(PAGE);

    if (!CHECK(s != NULL && t != NULL))
        return;
    fill(s, 3, 7);
    m = xengnttab_map_domain_grant_refs(tab, 3, DOM0, refs, PROT_READ);
    other = xengnttab_map_grant_ref(t, DOM0, refs[0], PROT_READ);
    if (!CHECK(m != NULL && other != NULL))
        return;
#define UNMAP_REFUSED(call)                                                             \
    do {                                                                                \
        errno = 0;                                                                      \
        CHECKF((call) == -1 && errno == EINVAL, "%s: errno %s", #call, strerror(errno)); \
    } while (0)
    UNMAP_REFUSED(xengnttab_unmap(tab, stack, 1));
    UNMAP_REFUSED(xengnttab_unmap(tab, heap, 1));
    UNMAP_REFUSED(xengnttab_unmap(tab, NULL, 1));
    UNMAP_REFUSED(xengnttab_unmap(tab, m + PAGE, 2));       /* inside a mapping */
    UNMAP_REFUSED(xengnttab_unmap(tab, m, 2));              /* wrong count */
    UNMAP_REFUSED(xengnttab_unmap(tab, m, 0));
    UNMAP_REFUSED(xengnttab_unmap(tab, other, 1));          /* another handle's */
    UNMAP_REFUSED(xengnttab_unmap(NULL, m, 3));
    UNMAP_REFUSED(xengntshr_unshare(shr, m, 3));            /* not shared */
    UNMAP_REFUSED(xengntshr_unshare(shr, s, 2));
    UNMAP_REFUSED(xengntshr_unshare(shr, s + PAGE, 1));
    UNMAP_REFUSED(xengntshr_unshare(NULL, s, 3));
    /* Every mapping is still whole. */
    CHECK(differs(m, 3, 7) == -1 && differs(other, 1, 7) == -1 && differs(s, 3, 7) == -1);
    CHECK_EQ(gntdev_mappings(), maps + 2);
    CHECK_EQ(xengnttab_unmap(tab, m, 3), 0);
    UNMAP_REFUSED(xengnttab_unmap(tab, m, 3));              /* twice */
    CHECK_EQ(xengnttab_unmap(t, other, 1), 0);
    CHECK_EQ(xengnttab_close(t), 0);
    CHECK_EQ(xengntshr_unshare(shr, s, 3), 0);
    UNMAP_REFUSED(xengntshr_unshare(shr, s, 3));
    CHECK_EQ(gntdev_mappings(), maps);
    free(heap);
}

static void test_bad_share_input(void)
{
    int shares = gntalloc_mappings(), fds = t_open_fds();
    uint32_t refs[4] = { 0 };

#define SHARE_REFUSED(call, err)                                                        \
    do {                                                                                \
        errno = 0;                                                                      \
        CHECKF((call) == NULL && errno == (err), "%s: errno %s", #call, strerror(errno)); \
    } while (0)
    SHARE_REFUSED(xengntshr_share_pages(shr, DOM0, 0, refs, 1), EINVAL);
    SHARE_REFUSED(xengntshr_share_pages(shr, DOM0, -1, refs, 1), EINVAL);
    SHARE_REFUSED(xengntshr_share_pages(shr, DOM0, INT_MAX, refs, 1), ENOSPC);
    SHARE_REFUSED(xengntshr_share_pages(shr, DOM0, 2, NULL, 1), EINVAL);
    SHARE_REFUSED(xengntshr_share_pages(shr, 0x10000, 2, refs, 1), EINVAL);
    SHARE_REFUSED(xengntshr_share_page_notify(shr, DOM0, NULL, 1, 0, (evtchn_port_t)-1), EINVAL);
    SHARE_REFUSED(xengntshr_share_pages(NULL, DOM0, 1, refs, 1), EINVAL);
    SHARE_REFUSED(xengntshr_share_pages((xengntshr_handle *)tab, DOM0, 1, refs, 1), EINVAL);
    CHECK(refs[0] == 0 && refs[3] == 0);
    CHECK(gntalloc_mappings() == shares && t_open_fds() == fds);
}

/* ------------------------------------------------------------ lifetimes */

/* A caller that unmaps with munmap(2) itself (libxenvchan does, for its
 * data pages) leaves a stale record; the next mapping there replaces it. */
static void test_raw_munmap(void)
{
    int maps = gntdev_mappings();
    uint32_t refs[2];
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 2, refs, 1), *m, *again;
    int reused = 0;

    if (!CHECK_NE(s, NULL))
        return;
    for (int round = 0; round < 20; round++) {
        m = xengnttab_map_domain_grant_refs(tab, 2, DOM0, refs, PROT_READ | PROT_WRITE);
        if (!CHECK_NE(m, NULL))
            break;
        m[PAGE] = (uint8_t)round;
        CHECK_EQ(munmap(m, 2 * PAGE), 0);
        again = xengnttab_map_domain_grant_refs(tab, 2, DOM0, refs, PROT_READ);
        if (!CHECK_NE(again, NULL))
            break;
        CHECK_EQ(again[PAGE], (uint8_t)round);
        reused += again == m;
        CHECK_EQ(xengnttab_unmap(tab, again, 2), 0);
    }
    /* The kernel hands the freed address out again: the stale record's
     * case did come up. */
    CHECKF(reused > 0, "no address was reused in 20 rounds");
    CHECK_EQ(gntdev_mappings(), maps);
    /* Same on the granting side. */
    m = xengntshr_share_pages(shr, DOM0, 1, refs, 1);
    CHECK(m != NULL && munmap(m, PAGE) == 0);
    again = xengntshr_share_pages(shr, DOM0, 1, refs, 1);
    CHECK(again != NULL && xengntshr_unshare(shr, again, 1) == 0);
    CHECK_EQ(xengntshr_unshare(shr, s, 2), 0);
}

/* Closing a handle leaves its mappings usable until they are unmapped. */
static void test_close_keeps_mappings(void)
{
    int maps = gntdev_mappings(), shares = gntalloc_mappings();
    xengnttab_handle *t = xengnttab_open(NULL, 0);
    xengntshr_handle *h = xengntshr_open(NULL, 0);
    uint32_t ref;
    uint8_t *s = h ? xengntshr_share_pages(h, DOM0, 1, &ref, 1) : NULL, *m;

    if (!CHECK(t && s))
        return;
    fill(s, 1, 8);
    m = xengnttab_map_grant_ref(t, DOM0, ref, PROT_READ | PROT_WRITE);
    if (!CHECK_NE(m, NULL))
        return;
    CHECK(xengnttab_close(t) == 0 && xengntshr_close(h) == 0);
    CHECK(gntdev_mappings() == maps + 1 && gntalloc_mappings() == shares + 1);
    CHECK_EQ(differs(m, 1, 8), -1);
    m[9] = 9;
    CHECK_EQ(s[9], 9);
    CHECK(munmap(m, PAGE) == 0 && munmap(s, PAGE) == 0);
    CHECK(gntdev_mappings() == maps && gntalloc_mappings() == shares);
}

/* ------------------------------------------------------------ threads */

#define THREADS 4
#define ROUNDS 150

static void *churn(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    long errors = 0;

    for (int round = 0; round < ROUNDS; round++) {
        uint32_t refs[8], n = 1 + (uint32_t)(rand_r(&seed) % 8);
        uint8_t *s = xengntshr_share_pages(shr, DOM0, (int)n, refs, 1), *m;

        if (!s) {
            errors++;
            continue;
        }
        fill(s, n, seed + (unsigned)round);
        m = xengnttab_map_domain_grant_refs(tab, n, DOM0, refs, PROT_READ);
        errors += !m || differs(m, n, seed + (unsigned)round) != -1;
        errors += m && xengnttab_unmap(tab, m, n) != 0;
        errors += xengntshr_unshare(shr, s, n) != 0;
    }
    return (void *)(intptr_t)errors;
}

static void test_threads(void)
{
    int maps = gntdev_mappings(), shares = gntalloc_mappings();
    pthread_t t[THREADS];
    void *errors;

    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, churn, (void *)(intptr_t)(i + 1)), 0);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ(pthread_join(t[i], &errors), 0);
        CHECKF(errors == NULL, "thread %d: %ld errors", i, (long)(intptr_t)errors);
    }
    CHECK(gntdev_mappings() == maps && gntalloc_mappings() == shares);
}

/* ------------------------------------------------------------ dma-buf */

static void test_dmabuf(void)
{
    int fds = t_open_fds();
    uint32_t refs[2], refs2[2], fd = 12345;
    uint8_t *s = xengntshr_share_pages(shr, DOM0, 2, refs, 1), *m;
    struct t_capture c;
    xengnttab_handle *t;
    const char *log;
    int rc;

    t_capture_start(&c);
    t = xengnttab_open(c.logger, 0);
    if (!CHECK(s != NULL && t != NULL))
        return;
    fill(s, 2, 9);
    rc = xengnttab_dmabuf_exp_from_refs(t, DOM0, 0, 2, refs, &fd);
    if (rc < 0 && errno == EOPNOTSUPP) {
        /* A kernel without CONFIG_XEN_GNTDEV_DMABUF: all four say so. */
        fprintf(stderr, "  this kernel has no gntdev dma-buf support\n");
        CHECK_EQ(fd, 12345);
        errno = 0;
        CHECK(xengnttab_dmabuf_exp_wait_released(t, 5, 10) == -1 && errno == EOPNOTSUPP);
        errno = 0;
        CHECK(xengnttab_dmabuf_imp_to_refs(t, DOM0, 5, 2, refs2) == -1 && errno == EOPNOTSUPP);
        errno = 0;
        CHECK(xengnttab_dmabuf_imp_release(t, 5) == -1 && errno == EOPNOTSUPP);
        xengnttab_close(t);
        log = t_capture_end(&c);
        CHECKF(strstr(log, "xengnttab_dmabuf_exp_from_refs: this kernel's gntdev driver has no "
                           "dma-buf support (CONFIG_XEN_GNTDEV_DMABUF)"),
               "logged \"%s\"", log);
    } else if (CHECKF(rc == 0, "export: %s", strerror(errno))) {
        /* Export the grants as a dma-buf, import it back as new grants. */
        CHECK_GE(fcntl((int)fd, F_GETFD), 0);
        CHECK_EQ(xengnttab_dmabuf_imp_to_refs(t, DOM0, fd, 2, refs2), 0);
        m = xengnttab_map_domain_grant_refs(t, 2, DOM0, refs2, PROT_READ);
        CHECK(m != NULL && differs(m, 2, 9) == -1);
        CHECK(m && xengnttab_unmap(t, m, 2) == 0);
        CHECK_EQ(xengnttab_dmabuf_imp_release(t, fd), 0);
        close((int)fd);
        CHECK_EQ(xengnttab_dmabuf_exp_wait_released(t, fd, 5000), 0);
        xengnttab_close(t);
        t_capture_end(&c);
    }
    free(c.text);
    BAD_INPUT(xengnttab_dmabuf_exp_from_refs, "zero refs", MINUS1(EINVAL),
              xengnttab_dmabuf_exp_from_refs(tab, DOM0, 0, 0, refs, &fd));
    BAD_INPUT(xengnttab_dmabuf_exp_from_refs, "NULL fd pointer", MINUS1(EINVAL),
              xengnttab_dmabuf_exp_from_refs(tab, DOM0, 0, 2, refs, NULL));
    BAD_INPUT(xengnttab_dmabuf_imp_to_refs, "domid above 16 bits", MINUS1(EINVAL),
              xengnttab_dmabuf_imp_to_refs(tab, 0x10000, 5, 2, refs2));
    errno = 0;
    CHECK(xengnttab_dmabuf_imp_release(NULL, 5) == -1 && errno == EINVAL);
    CHECK_EQ(xengntshr_unshare(shr, s, 2), 0);
    CHECK_EQ(t_open_fds(), fds);
}

/* ------------------------------------------------------------ restricting */

static void restricted(void)
{
    xengnttab_handle *t = xengnttab_open(NULL, 0);
    xengntshr_handle *h = xengntshr_open(NULL, 0);
    int maps = gntdev_mappings();
    uint32_t ref, ref2;
    uint8_t *s = h ? xengntshr_share_pages(h, DOM0, 1, &ref, 1) : NULL, *m;

    if (!CHECK(t && s))
        return;
    m = xengnttab_map_grant_ref(t, DOM0, ref, PROT_READ | PROT_WRITE);
    if (!CHECK_NE(m, NULL))
        return;
    CHECK_EQ(xentoolcore_restrict_all(DOM0), 0);
    CHECK(t_is_dev_null(xengnttab_fd(t)) && t_is_dev_null(xengntshr_fd(h)));
    CHECK(fcntl(xengnttab_fd(t), F_GETFD) & FD_CLOEXEC);
    BAD_INPUT(xengnttab_map_grant_ref, "restricted handle", NULLPTR(ENOTTY),
              xengnttab_map_grant_ref(t, DOM0, ref, PROT_READ));
    BAD_INPUT(xengntshr_share_pages, "restricted handle", NULLPTR(ENOTTY),
              xengntshr_share_pages(h, DOM0, 1, &ref2, 1));
    /* What was mapped stays usable, and unmaps cleanly. */
    m[1] = 0x11;
    CHECK_EQ(s[1], 0x11);
    CHECK_EQ(xengnttab_unmap(t, m, 1), 0);
    CHECK_EQ(xengntshr_unshare(h, s, 1), 0);
    CHECK_EQ(gntdev_mappings(), maps);
    CHECK(xengnttab_close(t) == 0 && xengntshr_close(h) == 0);
}

static void restricted_cases(void)
{
    xengnttab_close(tab);
    xengntshr_close(shr);
    T_CASE(restricted,
           "gnttab: after xentoolcore_restrict_all nothing new maps, mappings stay (child)");
}

/* In a child: restricting reaches every handle of the process. */
static void test_restrict(void)
{
    int status = t_in_child(restricted_cases);

    CHECKF(WIFEXITED(status), "child status %#x", status);
}

int main(void)
{
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    tab = xengnttab_open(NULL, 0);
    shr = xengntshr_open(NULL, 0);
    T_CASE(test_open_close, "gnttab: open and close both halves, fds close-on-exec");
    T_CASE(test_single, "gnttab: loopback, 1 page, map_grant_ref, both directions");
    T_CASE(test_multi, "gnttab: loopback, 8 pages, map_grant_refs, both directions");
    T_CASE(test_domain, "gnttab: loopback, 8 pages, map_domain_grant_refs, both directions");
    T_CASE(test_domain_many, "gnttab: loopback, 200 pages, map_domain_grant_refs");
    T_CASE(test_multi_order, "gnttab: map_grant_refs keeps the order of the refs");
    T_CASE(test_read_only_grant, "gnttab: a read-only grant maps read-only only");
    T_CASE(test_read_only_mapping_faults, "gnttab: a write to a read-only mapping faults (child)");
    T_CASE(test_gnttab_notify, "gnttab: unmap notify clears the byte and sends the event");
    T_CASE(test_gnttab_notify_on_exit, "gnttab: unmap notify when the mapping process dies");
    T_CASE(test_gntshr_notify, "gntshr: unshare notify clears the byte and sends the event");
    T_CASE(test_notify_refused, "gnttab: notifications that cannot be set up leave nothing");
    T_CASE(test_grant_copy, "gnttab: grant copy both ways, 96 segments at offsets");
    T_CASE(test_grant_copy_bad_segment,
           "gnttab: grant copy, bad ref and domain fail their own segments");
    T_CASE(test_grant_copy_refused, "gnttab: grant copy refuses malformed segments");
    T_CASE(test_max_grants, "gnttab: set_max_grants limits the handle's mapped pages");
    T_CASE(test_bad_map_input,
           "gnttab: bad map input gives NULL, errno, a message, nothing mapped");
    T_CASE(test_bad_unmap, "gnttab: unmap of anything but a whole mapping of the handle is EINVAL");
    T_CASE(test_bad_share_input, "gntshr: bad share input gives NULL and errno");
    T_CASE(test_raw_munmap, "gnttab: pages unmapped by munmap() leave no trouble");
    T_CASE(test_close_keeps_mappings, "gnttab: close leaves mappings usable");
    T_CASE(test_threads, "gnttab: 4 threads share, map and unmap on the same handles");
    T_CASE(test_dmabuf, "gnttab: dma-buf export and import, or EOPNOTSUPP");
    T_CASE(test_restrict, "gnttab: restricting, in a child");
    xengnttab_close(tab);
    xengntshr_close(shr);
    return t_exit_status();
}
