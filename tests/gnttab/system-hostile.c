/* SPDX-License-Identifier: MIT */
/*
 * libxengnttab against a hostile peer (tests/lib/peer.h), a booted PV
 * domU running the project's libraries:
 *
 *   - a vchan client in the peer dies mid-stream with its channel open:
 *     dom0's libxenvchan server (upstream's, on the project's libraries)
 *     gets every byte sent, then sees the close (the client's unmap
 *     notification), and a new server on the same path takes a whole
 *     stream from a new client;
 *   - the peer ends the grants of pages dom0 has mapped: dom0's mapping
 *     goes on working, unmap works, and the reference then maps no more;
 *   - the peer's domain is destroyed while dom0 maps its pages: they stay
 *     (the domain a zombie), unmap works, and then the domain is gone;
 *   - a grant copy against the destroyed domain fails in its segment.
 *
 * Then the handles still map and copy (a grant dom0 makes to itself).
 * Each case ends with no descriptor more or less than after the set-up
 * and no grant mapping.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xengnttab.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include <xen/grant_table.h>

#include "dying.h"
#include "peer.h"
#include "procmaps.h"
#include "testdom.h"
#include "testlib.h"
#include "vstream.h"

#define PAGE 4096
#define PAGES 2
#define ALARM_S 1200
/* How long the peer's kernel, or Xen, may take to let a grant or a
 * zombie go once dom0 has unmapped. */
#define LET_GO_S 10

/* Stream seeds (vstream.h). */
enum { SEED_DIES = 11, SEED_WHOLE, SEED_SHARED, SEED_ANSWER, SEED_AFTER, SEED_OWNER, SEED_SELF };

static struct peer peer = { .guest = { .domid = -1, .guard_fd = -1 } };
static xengnttab_handle *xgt;
static xengntshr_handle *xgs;
static struct t_fd_set fds_before;
static int dead_domid = -1;     /* the peer, once destroyed */
static uint32_t dead_ref;       /* a grant it had made */

/* A client in the peer sends bytes of stream seed, then ends (peer.h):
 * every byte came to dom0's server, intact, and it saw the client go. */
static void vchan_exchange(size_t bytes, unsigned seed, const char *end)
{
    struct peer_vchan r;

    CHECK(peer_vchan(&peer, bytes, seed, end, &r));
    CHECK_EQ(r.got, bytes);
    CHECKF(r.wrong_at == SIZE_MAX, "byte %zu of the stream is wrong", r.wrong_at);
    CHECKF(r.client_crc_same, "the client's CRC-32 is not the server's, %08" PRIx32, r.crc);
    CHECK_EQ(r.last_rc, -1);
    CHECK_EQ(r.open_after, 0);
    printf("  figure: vchan, client %s: %zu bytes, CRC-32 %08" PRIx32 " on both ends\n", end,
           r.got, r.crc);
}

/* ------------------------------------------------------------ cases */

/* What each case ends with: dom0 holds what it held after the set-up,
 * and no grant mapping. */
static void nothing_left(void)
{
    t_check_fds_as_before(&fds_before);
    CHECK_EQ(t_maps_containing(0, "/dev/xen/gntdev"), 0);
    CHECK_EQ(t_maps_containing(0, "/dev/xen/gntalloc"), 0);
}

static void setup(void)
{
    CHECK(testdom_init());
    if (!peer_start(&peer, "gnttab-peer", 128))
        return;
    xgt = xengnttab_open(NULL, 0);
    xgs = xengntshr_open(NULL, 0);
    CHECK_NE(xgt, NULL);
    CHECK_NE(xgs, NULL);
    t_fds_snapshot(&fds_before);
}

static void vchan_client_dies(void)
{
    if (CHECK_GT(peer.guest.domid, 0))
        vchan_exchange(300000, SEED_DIES, "die");
    nothing_left();
}

static void vchan_accepts_again(void)
{
    if (CHECK_GT(peer.guest.domid, 0))
        vchan_exchange(1 << 20, SEED_WHOLE, "close");
    nothing_left();
}

/* Linux ends a grant in use later, once unmapped (gntalloc's deferred
 * list): until then the reference still maps. */
static void grants_ended_while_mapped(void)
{
    uint32_t refs[PAGES];
    size_t bad = 0;
    long long t0;
    void *pages, *again = NULL;
    int err = 0;

    if (!CHECK_NE(xgt, NULL) || !peer_share(&peer, PAGES, SEED_SHARED, refs))
        return;
    pages = xengnttab_map_domain_grant_refs(xgt, PAGES, (uint32_t)peer.guest.domid, refs,
                                            PROT_READ | PROT_WRITE);
    if (!CHECKF(pages != NULL, "map the peer's refs: %s", strerror(errno)))
        return;
    CHECKF(vs_matches(pages, SEED_SHARED, 0, PAGES * PAGE, &bad), "byte %zu is wrong", bad);
    vs_fill(pages, SEED_ANSWER, 0, PAGES * PAGE);
    /* peer_do() fails the case itself when the peer says no. */
    free(peer_do(&peer, "holds %d", SEED_ANSWER));
    free(peer_do(&peer, "unshare"));
    /* The pages stay dom0's to use until it lets them go. */
    vs_fill(pages, SEED_AFTER, 0, PAGES * PAGE);
    CHECKF(vs_matches(pages, SEED_AFTER, 0, PAGES * PAGE, &bad), "byte %zu is wrong", bad);
    CHECK_EQ(xengnttab_unmap(xgt, pages, PAGES), 0);
    t0 = t_now_ms();
    while (t_now_ms() < t0 + LET_GO_S * 1000) {
        again = xengnttab_map_grant_ref(xgt, (uint32_t)peer.guest.domid, refs[0], PROT_READ);
        err = errno;
        if (!again)
            break;
        CHECK_EQ(xengnttab_unmap(xgt, again, 1), 0);
        usleep(100000);
    }
    if (CHECKF(again == NULL, "ref %" PRIu32 " still maps %d s after the unmap", refs[0], LET_GO_S))
        CHECK_EQ(err, EINVAL);
    printf("  figure: an ended grant mapped no more %.1f s after dom0's unmap (errno %d, %s)\n",
           (double)(t_now_ms() - t0) / 1e3, err, strerror(err));
    nothing_left();
}

/* Dom0's mapping keeps the destroyed domain's pages, the domain dying
 * but there, until the unmap; then it goes. */
static void owner_dies_while_mapped(void)
{
    int guard;
    uint32_t refs[PAGES];
    size_t bad = 0;
    void *pages;

    if (!CHECK_NE(xgt, NULL) || !peer_share(&peer, PAGES, SEED_OWNER, refs))
        return;
    pages = xengnttab_map_domain_grant_refs(xgt, PAGES, (uint32_t)peer.guest.domid, refs,
                                            PROT_READ | PROT_WRITE);
    if (!CHECKF(pages != NULL, "map the peer's refs: %s", strerror(errno)))
        return;
    dead_domid = peer.guest.domid;
    dead_ref = refs[0];
    /* The guard's pipe goes with the peer's domain. */
    guard = peer.guest.guard_fd;
    if (CHECK(peer_kill(&peer)) && guard >= 0)
        fds_before.open[guard] = false;
    t_listed_dying(dead_domid);
    CHECKF(vs_matches(pages, SEED_OWNER, 0, PAGES * PAGE, &bad), "byte %zu is wrong", bad);
    vs_fill(pages, SEED_AFTER, 0, PAGES * PAGE);
    CHECKF(vs_matches(pages, SEED_AFTER, 0, PAGES * PAGE, &bad), "byte %zu is wrong", bad);
    CHECK_EQ(xengnttab_unmap(xgt, pages, PAGES), 0);
    t_check_gone_after_unmap(dead_domid, LET_GO_S * 1000);
    nothing_left();
}

static void copy_against_destroyed(void)
{
    uint8_t local[64];
    xengnttab_grant_copy_segment_t segs[2] = {
        { .source.foreign = { .ref = dead_ref, .domid = (uint16_t)dead_domid },
          .dest.virt = local, .len = sizeof(local), .flags = GNTCOPY_source_gref, .status = 1 },
        { .source.virt = local, .len = sizeof(local), .flags = GNTCOPY_dest_gref, .status = 1,
          .dest.foreign = { .ref = dead_ref, .domid = (uint16_t)dead_domid } },
    };

    if (!CHECK_GT(dead_domid, 0) || !CHECK_NE(xgt, NULL))
        return;
    memset(local, 0x5a, sizeof(local));
    CHECK_EQ(xengnttab_grant_copy(xgt, 2, segs), 0);
    CHECK_EQ(segs[0].status, GNTST_bad_domain);
    CHECK_EQ(segs[1].status, GNTST_bad_domain);
    nothing_left();
}

/* A page dom0 grants to itself still maps and copies on the handles. */
static void handles_still_work(void)
{
    uint8_t local[PAGE];
    uint32_t ref;
    size_t bad = 0;
    void *shared, *mapped;
    xengnttab_grant_copy_segment_t seg = { .dest.virt = local, .len = PAGE,
                                           .flags = GNTCOPY_source_gref, .status = 1 };

    if (!CHECK_NE(xgs, NULL) || !CHECK_NE(xgt, NULL))
        return;
    shared = xengntshr_share_pages(xgs, 0, 1, &ref, 1);
    if (!CHECKF(shared != NULL, "share_pages to dom0: %s", strerror(errno)))
        return;
    vs_fill(shared, SEED_SELF, 0, PAGE);
    memset(local, 0, sizeof(local));
    mapped = xengnttab_map_grant_ref(xgt, 0, ref, PROT_READ | PROT_WRITE);
    if (CHECKF(mapped != NULL, "map dom0's own ref: %s", strerror(errno))) {
        CHECKF(vs_matches(mapped, SEED_SELF, 0, PAGE, &bad), "byte %zu is wrong", bad);
        CHECK_EQ(xengnttab_unmap(xgt, mapped, 1), 0);
    }
    seg.source.foreign.ref = ref;
    seg.source.foreign.domid = 0;
    CHECK_EQ(xengnttab_grant_copy(xgt, 1, &seg), 0);
    CHECK_EQ(seg.status, GNTST_okay);
    CHECKF(vs_matches(local, SEED_SELF, 0, PAGE, &bad), "byte %zu of the copy is wrong", bad);
    CHECK_EQ(xengntshr_unshare(xgs, shared, 1), 0);
    nothing_left();
}

static void tear_down(void)
{
    if (xgt)
        CHECK_EQ(xengnttab_close(xgt), 0);
    if (xgs)
        CHECK_EQ(xengntshr_close(xgs), 0);
    xgt = NULL;
    xgs = NULL;
    peer_stop(&peer);
}

int main(void)
{
    alarm(ALARM_S);
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    T_CASE(setup, "gnttab hostile: a peer domU, gnttab and gntshr handles");
    T_CASE(vchan_client_dies,
           "gnttab hostile: a vchan client dies mid-stream: the server gets all sent, sees it go");
    T_CASE(vchan_accepts_again,
           "gnttab hostile: a new vchan server on the same path takes 1 MiB from a new client");
    T_CASE(grants_ended_while_mapped,
           "gnttab hostile: the peer ends grants dom0 maps: mapping works, unmap, no remap");
    T_CASE(owner_dies_while_mapped,
           "gnttab hostile: the granting domain destroyed while mapped: pages kept, then it goes");
    T_CASE(copy_against_destroyed,
           "gnttab hostile: grant copy with the destroyed domain: GNTST_bad_domain per segment");
    T_CASE(handles_still_work, "gnttab hostile: the handles still map and copy a grant");
    T_CASE(tear_down, "gnttab hostile: tear-down (daemons stopped)");
    return t_exit_status();
}
