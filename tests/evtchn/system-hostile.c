/* SPDX-License-Identifier: MIT */
/*
 * libxenevtchn against a hostile peer (tests/lib/peer.h): a booted PV domU,
 * bound to a port dom0 allocated, closes its end while a dom0 thread
 * waits in poll, leaves a notification pending and closes, binds the same
 * dom0 port again, floods it with notifications, and is destroyed while
 * dom0 waits.  After each, dom0's handle and port must still work (a
 * ping-pong with the peer, or loopback in dom0 once the peer is gone),
 * nothing comes on a port it did not bind, and each case ends with the
 * descriptors dom0 had after the set-up.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "peer.h"
#include "testdom.h"
#include "testlib.h"

/* An event's longest way (TCG on a busy machine is slow), and how long
 * "nothing comes" is watched for. */
#define ARRIVAL_MS 30000
#define QUIET_MS 2000
#define FLOOD 100000
#define ALARM_S 1200

static struct peer peer = { .guest = { .domid = -1, .guard_fd = -1 } };
static xenevtchn_handle *xce;
static evtchn_port_t port;      /* dom0's end, unbound for the peer */
static bool bound;              /* the peer is bound to it */
static struct t_fd_set fds_before;

/* ------------------------------------------------------------ helpers */

/* What came within timeout_ms: the port pending (unmasked again), 0 for
 * nothing, -1 for an error. */
static long next_event(int timeout_ms)
{
    struct pollfd pfd = { .fd = xenevtchn_fd(xce), .events = POLLIN };
    xenevtchn_port_or_error_t got;
    int rc = poll(&pfd, 1, timeout_ms);

    if (rc <= 0)
        return rc;
    got = xenevtchn_pending(xce);
    if (got < 0 || xenevtchn_unmask(xce, (evtchn_port_t)got) < 0)
        return -1;
    return got;
}

static bool ping_pong(unsigned rounds)
{
    return peer_ping_pong(&peer, xce, port, rounds, ARRIVAL_MS);
}

/* The peer binds to dom0's port; whether it did. */
static bool peer_binds(void)
{
    char *local = peer_do(&peer, "bind %u", port);

    bound = local != NULL;
    if (bound)
        fprintf(stderr, "  peer bound its port %s to dom0's %u\n", local, port);
    free(local);
    return bound;
}

static bool peer_unbinds(void)
{
    char *reply = peer_do(&peer, "unbind");

    bound = reply == NULL;
    free(reply);
    return !bound;
}

/* A thread in poll on dom0's handle for QUIET_MS: what it got. */
struct poller {
    pthread_t thread;
    long got;
};

static void *poll_thread(void *arg)
{
    struct poller *p = arg;

    p->got = next_event(QUIET_MS);
    return NULL;
}

static bool start_poller(struct poller *p)
{
    p->got = -2;
    return CHECK_EQ(pthread_create(&p->thread, NULL, poll_thread, p), 0);
}

/* ------------------------------------------------------------ cases */

static void setup(void)
{
    xenevtchn_port_or_error_t p;

    CHECK(testdom_init());
    if (!peer_start(&peer, "evtchn-peer", 128))
        return;
    xce = xenevtchn_open(NULL, 0);
    if (!CHECK_NE(xce, NULL))
        return;
    p = xenevtchn_bind_unbound_port(xce, (uint32_t)peer.guest.domid);
    if (CHECKF(p >= 0, "bind_unbound_port(%d): %s", peer.guest.domid, strerror(errno)))
        port = (evtchn_port_t)p;
    if (CHECK(peer_binds()))
        ping_pong(10);
    t_fds_snapshot(&fds_before);
}

/* Xen turns dom0's end back into an unbound port for the peer, silently:
 * the thread waiting in poll sees nothing, and a notification into the
 * unbound port is taken and dropped. */
static void closed_during_poll(void)
{
    struct poller p;

    if (!CHECK(bound) || !start_poller(&p))
        return;
    CHECK(peer_unbinds());
    CHECK_EQ(pthread_join(p.thread, NULL), 0);
    CHECKF(p.got == 0, "the waiting thread got %ld", p.got);
    CHECK_EQ(xenevtchn_notify(xce, port), 0);
    CHECK_EQ(next_event(QUIET_MS), 0);
    t_check_fds_as_before(&fds_before);
}

/* The same dom0 port, bound again by the peer, carries events again. */
static void port_reused(void)
{
    if (CHECK(!bound) && CHECK(peer_binds()))
        ping_pong(20);
    t_check_fds_as_before(&fds_before);
}

/* A notification sent just before the peer closed stays pending on
 * dom0's port, and is taken as any other. */
static void pending_after_close(void)
{
    char *sent;

    if (!CHECK(bound))
        return;
    sent = peer_do(&peer, "notify 1");
    CHECK_STREQ(sent ? sent : "", "1");
    free(sent);
    CHECK(peer_unbinds());
    CHECK_EQ(next_event(ARRIVAL_MS), (long)port);
    CHECK_EQ(next_event(QUIET_MS), 0);
    if (CHECK(peer_binds()))
        ping_pong(5);
    t_check_fds_as_before(&fds_before);
}

/* The flood's receiver: takes events until told to stop and then quiet. */
static atomic_bool flood_over;
static unsigned flood_events, flood_strays;
static bool flood_error;

static void *flood_receiver(void *arg)
{
    (void)arg;
    for (;;) {
        long got = next_event(flood_over ? QUIET_MS : 100);

        if (got < 0) {
            flood_error = true;
            break;
        }
        if (got == 0 && flood_over)
            break;
        if (got > 0)
            *(got == (long)port ? &flood_events : &flood_strays) += 1;
    }
    return NULL;
}

/* Notifications merge while pending: dom0 sees at least one and at most
 * all, each on its port, and the handle answers a ping-pong afterwards. */
static void flood(void)
{
    struct timespec t0, t1;
    pthread_t receiver;
    char *sent = NULL;

    if (!CHECK(bound) || !CHECK_EQ(pthread_create(&receiver, NULL, flood_receiver, NULL), 0))
        return;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (peer_send(&peer, "notify %d", FLOOD))
        sent = peer_reply(&peer);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    flood_over = true;
    CHECK_EQ(pthread_join(receiver, NULL), 0);
    CHECKF(sent && atoi(sent) == FLOOD, "the peer sent '%s'", sent ? sent : "(nothing)");
    CHECK(!flood_error);
    CHECK_GE(flood_events, 1u);
    CHECK_LE(flood_events, (unsigned)FLOOD);
    CHECK_EQ(flood_strays, 0u);
    printf("  figure: flood of %d notifications in %.1f s: dom0 took %u events\n", FLOOD,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           flood_events);
    free(sent);
    ping_pong(10);
    t_check_fds_as_before(&fds_before);
}

/* The domain dies under a waiting thread: nothing comes, and the port
 * (unbound again, for a dead domain) still takes notify and unbind. */
static void peer_dies_during_poll(void)
{
    int guard;
    struct poller p;

    if (!CHECK(bound) || !start_poller(&p))
        return;
    /* The guard's pipe goes with the peer's domain. */
    guard = peer.guest.guard_fd;
    if (CHECK(peer_kill(&peer)) && guard >= 0)
        fds_before.open[guard] = false;
    bound = false;
    CHECK_EQ(pthread_join(p.thread, NULL), 0);
    CHECKF(p.got == 0, "the waiting thread got %ld", p.got);
    CHECK_EQ(xenevtchn_notify(xce, port), 0);
    CHECK_EQ(next_event(QUIET_MS), 0);
    CHECK_EQ(xenevtchn_unbind(xce, port), 0);
    t_check_fds_as_before(&fds_before);
}

/* The handle, after all that, still makes a loopback channel in dom0
 * that carries an event, and nothing was left open. */
static void handle_still_works(void)
{
    xenevtchn_port_or_error_t a, b;

    if (!CHECK_NE(xce, NULL))
        return;
    a = xenevtchn_bind_unbound_port(xce, 0);
    b = a < 0 ? -1 : xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)a);
    if (CHECKF(a >= 0 && b >= 0, "loopback: %d, %d: %s", a, b, strerror(errno))) {
        /* The bind raised b itself. */
        CHECK_EQ(next_event(ARRIVAL_MS), (long)b);
        CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)a), 0);
        CHECK_EQ(next_event(ARRIVAL_MS), (long)b);
        CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)a), 0);
        CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)b), 0);
    }
    t_check_fds_as_before(&fds_before);
}

static void tear_down(void)
{
    if (xce)
        CHECK_EQ(xenevtchn_close(xce), 0);
    xce = NULL;
    peer_stop(&peer);
}

int main(void)
{
    alarm(ALARM_S);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    T_CASE(setup, "evtchn hostile: a peer domU bound to dom0's port, ping-pong");
    T_CASE(closed_during_poll,
           "evtchn hostile: the peer closes while dom0 waits in poll: nothing comes, notify taken");
    T_CASE(port_reused, "evtchn hostile: the peer binds dom0's port again, ping-pong");
    T_CASE(pending_after_close,
           "evtchn hostile: a notification left pending by a peer that closed is taken");
    T_CASE(flood, "evtchn hostile: 100000 notifications: merged, all on the port, handle works");
    T_CASE(peer_dies_during_poll,
           "evtchn hostile: the peer's domain destroyed while dom0 waits: notify, unbind work");
    T_CASE(handle_still_works,
           "evtchn hostile: the handle then carries a loopback event; no descriptor left");
    T_CASE(tear_down, "evtchn hostile: tear-down (peer gone, daemons stopped)");
    return t_exit_status();
}
