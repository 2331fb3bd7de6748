/* SPDX-License-Identifier: MIT */
/*
 * The soak (make soak; not part of make check): for SOAK_SECONDS (600
 * unless set) dom0 and a peer domU (tests/lib/peer.h), both on the
 * project's libraries, go round three exchanges:
 *
 *   - a vchan stream of VCHAN_BYTES from a new client in the peer to a
 *     new libxenvchan server in dom0, every byte checked;
 *   - MAPS maps and unmaps of pages the peer granted, their data checked;
 *   - PINGS event channel round trips.
 *
 * A line a minute gives the operations and errors so far, with open
 * descriptors and resident memory of this process and of the peer's.  At
 * the end those must be as after the first round (the warm-up): the same
 * descriptors, grant mappings and peer descriptors, and at most
 * RSS_SLACK_KB more resident memory on either side.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "dying.h"
#include "peer.h"
#include "procmaps.h"
#include "testlib.h"
#include "vstream.h"

#define VCHAN_BYTES (256 * 1024)
#define MAPS 50
#define PINGS 200
#define PAGES 4
#define RSS_SLACK_KB 256
#define ARRIVAL_MS 30000
#define MAX_ERRORS 10           /* then it stops: the peer is in trouble */

enum { SEED_PAGES = 1, SEED_STREAM };

static struct peer peer = { .guest = { .domid = -1, .guard_fd = -1 } };
static xengnttab_handle *xgt;
static xenevtchn_handle *xce;
static evtchn_port_t port;
static uint32_t refs[PAGES];
static bool ready;

static struct {
    unsigned long rounds, vchans, vchan_bytes, maps, pings, errors;
} ops;

/* What a minute line and the end compare. */
struct usage {
    int fds, gntdev_maps, peer_fds;
    long rss_kb, peer_rss_kb;
};

static double elapsed_s(long long since_ms)
{
    return (double)(t_now_ms() - since_ms) / 1e3;
}

static bool usage(struct usage *u)
{
    char *stats = peer_do(&peer, "stats");

    *u = (struct usage){ .fds = t_open_fds(), .gntdev_maps = t_maps_containing(0, "/dev/xen/gntdev"),
                         .rss_kb = t_rss_kb(), .peer_fds = -1, .peer_rss_kb = -1 };
    if (stats)
        sscanf(stats, "%d %ld", &u->peer_fds, &u->peer_rss_kb);
    free(stats);
    return stats != NULL && u->rss_kb >= 0;
}

static void report(const char *when, const struct usage *u)
{
    printf("  soak %s: rounds %lu, vchan %lu (%lu bytes), maps %lu, ping-pongs %lu, errors %lu; "
           "dom0 fds %d, RSS %ld kB; peer fds %d, RSS %ld kB\n", when, ops.rounds, ops.vchans,
           ops.vchan_bytes, ops.maps, ops.pings, ops.errors, u->fds, u->rss_kb, u->peer_fds,
           u->peer_rss_kb);
    fflush(stdout);
}

/* ------------------------------------------------------------ a round */

static void vchan_once(void)
{
    struct peer_vchan r;
    bool ok = peer_vchan(&peer, VCHAN_BYTES, SEED_STREAM, "close", &r) && r.got == VCHAN_BYTES &&
              r.wrong_at == SIZE_MAX && r.client_crc_same && r.open_after == 0;

    if (CHECKF(ok, "vchan: %zu of %d bytes, first wrong %zu", r.got, VCHAN_BYTES, r.wrong_at)) {
        ops.vchans++;
        ops.vchan_bytes += r.got;
    } else {
        ops.errors++;
    }
}

static void maps_once(void)
{
    for (int i = 0; i < MAPS; i++) {
        void *pages = xengnttab_map_domain_grant_refs(xgt, PAGES, (uint32_t)peer.guest.domid, refs,
                                                      PROT_READ);
        size_t bad = 0;
        bool ok = pages && vs_matches(pages, SEED_PAGES, 0, PAGES * 4096, &bad);

        if (pages && xengnttab_unmap(xgt, pages, PAGES))
            ok = false;
        if (CHECKF(ok, "map %lu: %s", ops.maps, pages ? "wrong data or unmap" : strerror(errno)))
            ops.maps++;
        else
            ops.errors++;
    }
}

static void round_once(void)
{
    vchan_once();
    maps_once();
    if (peer_ping_pong(&peer, xce, port, PINGS, ARRIVAL_MS))
        ops.pings += PINGS;
    else
        ops.errors++;
    ops.rounds++;
}

/* ------------------------------------------------------------ cases */

static void setup(void)
{
    xenevtchn_port_or_error_t p;
    char *local;

    if (!peer_start(&peer, "soak-peer", 128))
        return;
    xgt = xengnttab_open(NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    if (!CHECK_NE(xgt, NULL) || !CHECK_NE(xce, NULL))
        return;
    p = xenevtchn_bind_unbound_port(xce, (uint32_t)peer.guest.domid);
    if (!CHECKF(p >= 0, "bind_unbound_port: %s", strerror(errno)))
        return;
    port = (evtchn_port_t)p;
    local = peer_do(&peer, "bind %u", port);
    free(local);
    ready = local != NULL && peer_share(&peer, PAGES, SEED_PAGES, refs);
}

static void soak(void)
{
    const char *text = getenv("SOAK_SECONDS");
    double seconds = text ? atof(text) : 600, next_line = 60;
    long long t0;
    struct usage start, now;
    char when[32];

    if (!CHECK(ready) || !CHECK_GT(seconds, 0))
        return;
    round_once();
    if (!CHECK(usage(&start)))
        return;
    report("after the warm-up round", &start);
    t0 = t_now_ms();
    while (elapsed_s(t0) < seconds && ops.errors < MAX_ERRORS) {
        round_once();
        if (elapsed_s(t0) >= next_line) {
            snprintf(when, sizeof(when), "at %.0f s", elapsed_s(t0));
            if (usage(&now))
                report(when, &now);
            next_line += 60;
        }
    }
    if (!CHECK(usage(&now)))
        return;
    snprintf(when, sizeof(when), "end, %.0f s", elapsed_s(t0));
    report(when, &now);
    CHECK_EQ(ops.errors, 0ul);
    CHECK_EQ(now.fds, start.fds);
    CHECK_EQ(now.gntdev_maps, start.gntdev_maps);
    CHECK_EQ(now.peer_fds, start.peer_fds);
    CHECK_LE(now.rss_kb, start.rss_kb + RSS_SLACK_KB);
    CHECK_LE(now.peer_rss_kb, start.peer_rss_kb + RSS_SLACK_KB);
    printf("  figure: soak of %.0f s: %lu rounds, %lu vchan streams (%lu MiB), %lu maps, %lu "
           "ping-pongs, %lu errors; dom0 fds %d -> %d, RSS %ld -> %ld kB; peer fds %d -> %d, RSS "
           "%ld -> %ld kB\n", elapsed_s(t0), ops.rounds, ops.vchans, ops.vchan_bytes >> 20,
           ops.maps, ops.pings, ops.errors, start.fds, now.fds, start.rss_kb, now.rss_kb,
           start.peer_fds, now.peer_fds, start.peer_rss_kb, now.peer_rss_kb);
}

static void tear_down(void)
{
    if (xgt)
        CHECK_EQ(xengnttab_close(xgt), 0);
    if (xce)
        CHECK_EQ(xenevtchn_close(xce), 0);
    peer_stop(&peer);
}

int main(void)
{
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    T_CASE(setup, "soak: a peer domU, bound to dom0's port, sharing pages");
    T_CASE(soak, "soak: vchan streams, grant maps and ping-pongs: no error, nothing grows");
    T_CASE(tear_down, "soak: tear-down");
    return t_exit_status();
}
