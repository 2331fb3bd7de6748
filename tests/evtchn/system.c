/* SPDX-License-Identifier: MIT */
/*
 * System tests of libxenevtchn, in a Xen dom0: loopback channels in one
 * process and across processes, a VIRQ raised by a real domain's death,
 * errors from the driver and from Xen, restriction to a real domain, and a
 * handle carried across exec() by xenevtchn_fdopen().
 *
 * Binding an interdomain port makes Xen raise the new port once, so each
 * test either waits for that event to pass before it counts, or counts in
 * a way that tolerates it.
 */
#define __XEN_TOOLS__ 1         /* the hypercalls' current numbers, not the compat ones */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xencall.h>
#include <xenevtchn.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "testdom.h"
#include "testlib.h"

#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/sched.h>

/* How long an event may take to arrive, and how long "nothing comes" is
 * watched for.  Generous: QEMU without KVM on a busy machine is slow. */
#define ARRIVAL_MS 10000
#define QUIET_MS 300

static char *self_exe;

/* ------------------------------------------------------------ helpers */

static bool readable(xenevtchn_handle *xce, int timeout_ms)
{
    struct pollfd p = { .fd = xenevtchn_fd(xce), .events = POLLIN };

    return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

/* The next event within timeout_ms, masked; -1 if none came. */
static int next_event(xenevtchn_handle *xce, int timeout_ms)
{
    return readable(xce, timeout_ms) ? xenevtchn_pending(xce) : -1;
}

/*
 * Takes and unmasks the events of binding: waits up to BIND_EVENT_MS for
 * the first (a slow machine may be late with it), then until none comes
 * for QUIET_MS.
 */
#define BIND_EVENT_MS 2000

static void drain(xenevtchn_handle *xce)
{
    int port;

    for (int wait = BIND_EVENT_MS; (port = next_event(xce, wait)) >= 0; wait = QUIET_MS)
        xenevtchn_unmask(xce, (evtchn_port_t)port);
}

/* A loopback channel of dom0: an unbound port and a port bound to it,
 * both through xce, with the event of binding taken. */
struct loop {
    int a, b;
};

static bool make_loop(xenevtchn_handle *xce, struct loop *l)
{
    l->a = xenevtchn_bind_unbound_port(xce, 0);
    l->b = l->a < 0 ? -1 : xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)l->a);
    if (!CHECKF(l->a >= 0 && l->b >= 0 && l->a != l->b, "ports %d %d: %s", l->a, l->b,
                strerror(errno)))
        return false;
    drain(xce);
    return true;
}

static void unbind_loop(xenevtchn_handle *xce, const struct loop *l)
{
    CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)l->a), 0);
    CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)l->b), 0);
}

/* Shared memory for a test's two processes. */
static void *shared(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

/* Waits for child pid; true when it exited 0. */
static bool child_ok(pid_t pid)
{
    int status;

    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return false;
    return CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

/* ------------------------------------------------------------ domains */

static xencall_handle *xcall;

/* A new empty PV domain, paused, never run (tests/lib/testdom.h): its
 * id, or -1. */
static int create_domain(void)
{
    int domid = testdom_create_pv();

    CHECKF(domid > 0, "creating a domain: %s", strerror(errno));
    return domid;
}

static bool destroy_domain(int domid)
{
    return CHECKF(testdom_destroy(domid) == 0, "destroying domain %d: %s", domid,
                  strerror(errno));
}

static bool shut_down_domain(int domid)
{
    struct sched_remote_shutdown *arg = xencall_alloc_buffer(xcall, sizeof(*arg));
    int rc = -1;

    if (arg) {
        arg->domain_id = (domid_t)domid;
        arg->reason = SHUTDOWN_poweroff;
        rc = xencall2(xcall, __HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, (uintptr_t)arg);
    }
    xencall_free_buffer(xcall, arg);
    return CHECKF(rc == 0, "remote_shutdown %d: %s", domid, strerror(errno));
}

/* A new unbound port in domain domid that dom0 may connect to, or -1. */
static int alloc_unbound_in(int domid)
{
    struct evtchn_alloc_unbound *arg = xencall_alloc_buffer(xcall, sizeof(*arg));
    int rc = -1;

    if (arg) {
        arg->dom = (domid_t)domid;
        arg->remote_dom = 0;
        rc = xencall2(xcall, __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound,
                      (uintptr_t)arg);
        rc = rc == 0 ? (int)arg->port : -1;
    }
    xencall_free_buffer(xcall, arg);
    return CHECKF(rc >= 0, "alloc_unbound in %d: %s", domid, strerror(errno)) ? rc : -1;
}

/* ------------------------------------------------------------ handles */

static void test_open_close(void)
{
    int fds = t_open_fds();
    xenevtchn_handle *xce;
    char link[64], target[64] = "";

    for (int i = 0; i < 500; i++) {
        xce = xenevtchn_open(NULL, (unsigned)i & XENEVTCHN_NO_CLOEXEC);
        if (!CHECK_NE(xce, NULL))
            return;
        /* Ports are freed with the handle: binding some costs nothing. */
        if (i % 50 == 0)
            CHECK_GE(xenevtchn_bind_unbound_port(xce, 0), 0);
        CHECK_EQ(xenevtchn_close(xce), 0);
    }
    CHECKF(t_open_fds() == fds, "%d fds more", t_open_fds() - fds);
    xce = xenevtchn_open(NULL, 0);
    if (!CHECK_NE(xce, NULL))
        return;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", xenevtchn_fd(xce));
    CHECK_GT(readlink(link, target, sizeof(target) - 1), 0);
    CHECKF(strcmp(target, "/dev/xen/evtchn") == 0, "xenevtchn_fd is %s", target);
    xenevtchn_close(xce);
    errno = 0;
    CHECK(xenevtchn_open(NULL, 2) == NULL && errno == EINVAL);
}

static void test_cloexec(void)
{
    xenevtchn_handle *a = xenevtchn_open(NULL, 0);
    xenevtchn_handle *b = xenevtchn_open(NULL, XENEVTCHN_NO_CLOEXEC);

    if (CHECK(a && b)) {
        CHECKF(fcntl(xenevtchn_fd(a), F_GETFD) == FD_CLOEXEC, "flags %#x",
               fcntl(xenevtchn_fd(a), F_GETFD));
        CHECKF(fcntl(xenevtchn_fd(b), F_GETFD) == 0, "flags %#x",
               fcntl(xenevtchn_fd(b), F_GETFD));
    }
    xenevtchn_close(a);
    xenevtchn_close(b);
}

/* Closing a handle closes its ports: nothing can connect to them after. */
static void test_close_unbinds(void)
{
    xenevtchn_handle *a = xenevtchn_open(NULL, 0), *b = xenevtchn_open(NULL, 0);
    int port, peer;

    if (!CHECK(a && b))
        return;
    port = xenevtchn_bind_unbound_port(a, 0);
    CHECK_GE(port, 0);
    CHECK_EQ(xenevtchn_close(a), 0);
    errno = 0;
    peer = xenevtchn_bind_interdomain(b, 0, (evtchn_port_t)port);
    CHECKF(peer == -1 && errno == EINVAL, "bind to a closed handle's port: %d, %s", peer,
           strerror(errno));
    xenevtchn_close(b);
}

/* ------------------------------------------------------------ loopback */

/*
 * One handle, both ends: a notification comes out of pending() as the
 * other end, once; the port stays masked until unmasked, and what was
 * sent meanwhile arrives then, coalesced into one event.
 */
static void test_loopback(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    struct loop l;
    int port;

    if (!CHECK_NE(xce, NULL) || !make_loop(xce, &l))
        goto out;
    CHECK(!readable(xce, 0));
    for (int i = 0; i < 50; i++) {
        int from = i % 2 ? l.a : l.b, to = i % 2 ? l.b : l.a;

        CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)from), 0);
        port = next_event(xce, ARRIVAL_MS);
        if (!CHECKF(port == to, "round %d: event on %d, want %d", i, port, to))
            break;
        /* Masked: two more notifications wait. */
        CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)from), 0);
        CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)from), 0);
        CHECKF(!readable(xce, i < 2 ? QUIET_MS : 0), "round %d: event while masked", i);
        CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)to), 0);
        port = next_event(xce, ARRIVAL_MS);
        CHECKF(port == to, "round %d: after unmask, event on %d, want %d", i, port, to);
        CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)to), 0);
        /* The two became one. */
        CHECKF(!readable(xce, i < 2 ? QUIET_MS : 0), "round %d: a third event", i);
    }
    unbind_loop(xce, &l);
out:
    xenevtchn_close(xce);
}

/* Two loopback channels on one handle: each event names its port. */
static void test_two_channels(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    struct loop l1, l2;
    int p1, p2;

    if (!CHECK_NE(xce, NULL) || !make_loop(xce, &l1) || !make_loop(xce, &l2))
        goto out;
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)l1.a), 0);
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)l2.b), 0);
    p1 = next_event(xce, ARRIVAL_MS);
    p2 = next_event(xce, ARRIVAL_MS);
    CHECKF((p1 == l1.b && p2 == l2.a) || (p1 == l2.a && p2 == l1.b), "events on %d and %d", p1,
           p2);
    CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)p1), 0);
    CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)p2), 0);
    CHECK(!readable(xce, QUIET_MS));
    unbind_loop(xce, &l1);
    unbind_loop(xce, &l2);
out:
    xenevtchn_close(xce);
}

/* ------------------------------------------------------------ two processes */

/* Each ping-pong is a round trip through two scheduler wake-ups: fewer
 * of them than of the flood's notifications keep the test short. */
#define PING_PONGS 1000
#define FLOOD 10000

struct across {
    atomic_int port;                /* the child's port, -1 on failure */
    atomic_uint sent, answered;     /* what each side wrote last */
    atomic_uint child_wakeups;
};

/*
 * The child's side: a handle of its own, bound to the parent's port, each
 * event unmasked and its cause looked up in shared memory.  ping_pong:
 * answer every new number the parent writes, PING_PONGS times; else
 * notify FLOOD times as fast as it can.
 */
static int across_child(struct across *s, xenevtchn_handle *inherited, int parent_port,
                        bool ping_pong)
{
    unsigned rounds = ping_pong ? PING_PONGS : FLOOD, seen = 0;
    xenevtchn_handle *xce;
    int port, me;

    /* All a child may do with its parent's handle. */
    xenevtchn_close(inherited);
    xce = xenevtchn_open(NULL, 0);
    me = xce ? xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)parent_port) : -1;
    atomic_store(&s->port, me);
    if (me < 0)
        return 1;
    if (!ping_pong) {
        for (unsigned i = 1; i <= rounds; i++) {
            atomic_store(&s->sent, i);
            if (xenevtchn_notify(xce, (evtchn_port_t)me) < 0)
                return 1;
        }
        return xenevtchn_close(xce) == 0 ? 0 : 1;
    }
    while (seen < rounds) {
        port = next_event(xce, ARRIVAL_MS);
        if (port != me || xenevtchn_unmask(xce, (evtchn_port_t)me) < 0)
            return 1;
        atomic_fetch_add(&s->child_wakeups, 1);
        /* An event of binding, or a notification already answered. */
        if (atomic_load(&s->sent) == seen)
            continue;
        seen = atomic_load(&s->sent);
        atomic_store(&s->answered, seen);
        if (xenevtchn_notify(xce, (evtchn_port_t)me) < 0)
            return 1;
    }
    return xenevtchn_close(xce) == 0 ? 0 : 1;
}

static void across_processes(bool ping_pong)
{
    struct across *s = shared(sizeof(*s));
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    unsigned rounds = ping_pong ? PING_PONGS : FLOOD, wakeups = 0, done = 0;
    int port = -1, event;
    double start;
    pid_t pid;

    if (!CHECK(s && xce) || !CHECK_GE((port = xenevtchn_bind_unbound_port(xce, 0)), 0))
        goto out;
    atomic_init(&s->port, -2);
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        _exit(across_child(s, xce, port, ping_pong));
    for (int i = 0; i < 1000 && atomic_load(&s->port) == -2; i++)
        usleep(10000);
    if (!CHECKF(atomic_load(&s->port) >= 0, "child's bind: %d", atomic_load(&s->port)))
        goto reap;
    start = (double)time(NULL);
    while (done < rounds) {
        if (ping_pong && atomic_load(&s->sent) == done) {
            atomic_store(&s->sent, done + 1);
            if (!CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)port), 0))
                break;
        }
        /* Blocked in poll() until the child's notification wakes us. */
        event = next_event(xce, ARRIVAL_MS);
        if (!CHECKF(event == port, "after %u of %u: event %d (%s): a missed wake-up", done,
                    rounds, event, strerror(errno)))
            break;
        wakeups++;
        CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)port), 0);
        done = atomic_load(ping_pong ? &s->answered : &s->sent);
    }
    fprintf(stderr, "  %s: %u notifications, %u wake-ups here, %u in the child, %.0f s\n",
            ping_pong ? "ping-pong" : "flood", done, wakeups, atomic_load(&s->child_wakeups),
            (double)time(NULL) - start);
    CHECK_EQ(done, rounds);
    if (ping_pong) {
        /* Exact: one wake-up per answer here; the child's binding may
         * have woken it once more. */
        CHECKF(wakeups == rounds, "%u wake-ups for %u answers", wakeups, rounds);
        CHECKF(atomic_load(&s->child_wakeups) - rounds <= 1, "child: %u wake-ups",
               atomic_load(&s->child_wakeups));
    } else {
        /* Coalesced, never more wake-ups than notifications. */
        CHECKF(wakeups >= 1 && wakeups <= rounds, "%u wake-ups", wakeups);
    }
reap:
    CHECK(child_ok(pid));
out:
    xenevtchn_close(xce);
    if (s)
        munmap(s, sizeof(*s));
}

static void test_ping_pong(void)
{
    across_processes(true);
}

static void test_flood(void)
{
    across_processes(false);
}

/* ------------------------------------------------------------ threads */

#define THREADS 4
#define THREAD_ROUNDS 200

/*
 * Binds and unbinds ports THREAD_ROUNDS times, then leaves one loopback
 * channel bound for the main thread to try.  Few interdomain binds: each
 * queues an event, and the driver's queue is sized for the ports bound.
 */
static void *bind_churn(void *arg)
{
    xenevtchn_handle *xce = arg;
    struct loop *l = calloc(1, sizeof(*l));
    int port;

    for (int i = 0; l && i < THREAD_ROUNDS; i++) {
        port = xenevtchn_bind_unbound_port(xce, 0);
        if (port < 0 || xenevtchn_unbind(xce, (evtchn_port_t)port) < 0)
            goto failed;
    }
    if (l) {
        l->a = xenevtchn_bind_unbound_port(xce, 0);
        l->b = l->a < 0 ? -1 : xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)l->a);
        if (l->b >= 0)
            return l;
    }
failed:
    free(l);
    return NULL;
}

/* Threads binding and unbinding on one handle at once; the channels they
 * leave all work. */
static void test_threads(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    struct loop *l[THREADS] = { NULL };
    pthread_t t[THREADS];
    void *result;
    int port;

    if (!CHECK_NE(xce, NULL))
        return;
    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, bind_churn, xce), 0);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ(pthread_join(t[i], &result), 0);
        l[i] = result;
        CHECKF(l[i] != NULL, "thread %d failed", i);
    }
    drain(xce);
    for (int i = 0; i < THREADS; i++) {
        if (!l[i])
            continue;
        CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)l[i]->a), 0);
        port = next_event(xce, ARRIVAL_MS);
        CHECKF(port == l[i]->b, "thread %d's channel %d-%d: event %d", i, l[i]->a, l[i]->b, port);
        CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)l[i]->b), 0);
        free(l[i]);
    }
    xenevtchn_close(xce);
}

/* ------------------------------------------------------------ VIRQ */

/* How many events came on port until none came for quiet_ms. */
static int events_on(xenevtchn_handle *xce, int port, int first_ms, int quiet_ms)
{
    int n = 0, event;

    for (int wait = first_ms; (event = next_event(xce, wait)) >= 0; wait = quiet_ms) {
        n += event == port;
        xenevtchn_unmask(xce, (evtchn_port_t)event);
    }
    return n;
}

static void test_virq_dom_exc(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    int port, domid, n;

    if (!CHECK_NE(xce, NULL))
        return;
    port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    if (!CHECKF(port >= 0, "bind VIRQ_DOM_EXC: %s%s", strerror(errno),
                errno == EEXIST ? " (a xenstored running?)" : ""))
        goto out;
    /* A second binding of the global VIRQ: Xen's EEXIST. */
    BAD_INPUT(xenevtchn_bind_virq, "VIRQ bound already", MINUS1(EEXIST),
              xenevtchn_bind_virq(xce, VIRQ_DOM_EXC));
    drain(xce);
    domid = create_domain();
    if (domid < 0)
        goto out;
    n = events_on(xce, port, 1000, QUIET_MS);
    fprintf(stderr, "  domain %d created: %d VIRQ_DOM_EXC event(s)\n", domid, n);
    if (shut_down_domain(domid)) {
        n = events_on(xce, port, ARRIVAL_MS, QUIET_MS);
        CHECKF(n >= 1, "shutting domain %d down raised VIRQ_DOM_EXC %d times", domid, n);
    }
    if (destroy_domain(domid)) {
        n = events_on(xce, port, ARRIVAL_MS, QUIET_MS);
        CHECKF(n >= 1, "destroying domain %d raised VIRQ_DOM_EXC %d times", domid, n);
    }
    CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)port), 0);
out:
    xenevtchn_close(xce);
}

/* ------------------------------------------------------------ errors */

static void test_errors(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    struct loop l;
    int rc;

    if (!CHECK_NE(xce, NULL) || !make_loop(xce, &l))
        goto out;
    /* Unbound: the driver no longer knows the port. */
    CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)l.a), 0);
    BAD_INPUT(xenevtchn_notify, "port unbound already", MINUS1(ENOTCONN),
              xenevtchn_notify(xce, (evtchn_port_t)l.a));
    BAD_INPUT(xenevtchn_unbind, "port unbound already (double unbind)", MINUS1(ENOTCONN),
              xenevtchn_unbind(xce, (evtchn_port_t)l.a));
    /* Its peer is left unconnected; notifying it is no error. */
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)l.b), 0);
    CHECK_EQ(xenevtchn_unbind(xce, (evtchn_port_t)l.b), 0);
    /* Beyond every port Xen can have: not bound, and out of range. */
    BAD_INPUT(xenevtchn_notify, "port beyond every port", MINUS1(ENOTCONN),
              xenevtchn_notify(xce, 0x7fffffff));
    BAD_INPUT(xenevtchn_unbind, "port beyond every port", MINUS1(EINVAL),
              xenevtchn_unbind(xce, 0x7fffffff));
    /* The driver ignores unmasking what it does not know. */
    CHECK_EQ(xenevtchn_unmask(xce, 0x7fffffff), 0);
    /* Xen's refusals. */
    errno = 0;
    rc = xenevtchn_bind_interdomain(xce, 0, 0x7fffffff);
    CHECKF(rc == -1 && errno == EINVAL, "bind to port 0x7fffffff: %d, errno %d", rc, errno);
    errno = 0;
    rc = xenevtchn_bind_interdomain(xce, 31000, 1);
    CHECKF(rc == -1 && errno == ESRCH, "bind to domain 31000: %d, errno %d", rc, errno);
    errno = 0;
    rc = xenevtchn_bind_virq(xce, 1000);
    CHECKF(rc == -1 && errno == EINVAL, "bind VIRQ 1000: %d, errno %d", rc, errno);
out:
    xenevtchn_close(xce);
}

/* Failures reach a given logger, at debug level. */
static void test_errors_are_logged(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    xentoollog_logger *lg = (xentoollog_logger *)xtl_createlogger_stdiostream(f, XTL_DEBUG, 0);
    xenevtchn_handle *xce = xenevtchn_open(lg, 0);

    CHECK_NE(xce, NULL);
    CHECK_EQ(xenevtchn_notify(xce, 0x7fffffff), -1);
    CHECK_EQ(xenevtchn_restrict(xce, 0), -1);
    xenevtchn_close(xce);
    xtl_logger_destroy(lg);
    fclose(f);
    CHECKF(text && strstr(text, "xenevtchn: debug: xenevtchn_notify: port 2147483647: ") &&
               strstr(text, "xenevtchn: error: cannot restrict the handle to domain 0: Invalid"),
           "logged \"%s\"", text);
    free(text);
}

/* ------------------------------------------------------------ restricting */

/*
 * Restricted to a real domain D, a handle binds only to ports of D; what
 * it bound before keeps working.
 */
static void test_restrict(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    struct loop l;
    int domid = -1, remote, rc, err;

    if (!CHECK_NE(xce, NULL) || !make_loop(xce, &l) || (domid = create_domain()) < 0 ||
        (remote = alloc_unbound_in(domid)) < 0)
        goto out;
    CHECK_EQ(xenevtchn_restrict(xce, (domid_t)domid), 0);
    rc = xenevtchn_bind_interdomain(xce, (uint32_t)domid, (evtchn_port_t)remote);
    CHECKF(rc >= 0, "bind to domain %d port %d: %s", domid, remote, strerror(errno));
    BAD_INPUT(xenevtchn_bind_interdomain, "handle restricted to another domain", MINUS1(EACCES),
              xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)l.a));
    /* The driver allows no new unbound port, nor VIRQ, whatever the domain. */
    BAD_INPUT(xenevtchn_bind_unbound_port, "restricted handle", MINUS1(EACCES),
              xenevtchn_bind_unbound_port(xce, 0));
    BAD_INPUT(xenevtchn_bind_unbound_port, "restricted handle, its own domain", MINUS1(EACCES),
              xenevtchn_bind_unbound_port(xce, (uint32_t)domid));
    BAD_INPUT(xenevtchn_bind_virq, "restricted handle", MINUS1(EACCES),
              xenevtchn_bind_virq(xce, VIRQ_DOM_EXC));
    drain(xce);     /* the event of binding to D */
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)l.a), 0);
    CHECK_EQ(next_event(xce, ARRIVAL_MS), l.b);
    /* For good. */
    errno = 0;
    rc = xenevtchn_restrict(xce, (domid_t)domid);
    err = errno;
    CHECKF(rc == -1 && err == EACCES, "restricting again: %d, %s", rc, strerror(err));
out:
    xenevtchn_close(xce);
    if (domid >= 0)
        destroy_domain(domid);
}

static void test_restrict_refusals(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);

    if (!CHECK_NE(xce, NULL))
        return;
    BAD_INPUT(xenevtchn_restrict, "domid 0 (its own domain)", MINUS1(EINVAL),
              xenevtchn_restrict(xce, 0));
    BAD_INPUT(xenevtchn_restrict, "DOMID_SELF", MINUS1(EINVAL),
              xenevtchn_restrict(xce, DOMID_SELF));
    /* Neither restricted it. */
    CHECK_GE(xenevtchn_bind_unbound_port(xce, 0), 0);
    xenevtchn_close(xce);
}

/*
 * xentoolcore_restrict_all restricts an evtchn handle as
 * xenevtchn_restrict does.  In a child, which has no handle but its own:
 * the restriction would reach the parent's handles through their shared
 * descriptors.  The child's exit status is the verdict.
 */
static void test_restrict_all(void)
{
    xenevtchn_handle *xce;
    pid_t pid;
    bool ok;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        xencall_close(xcall);
        xce = xenevtchn_open(NULL, 0);
        ok = CHECK(xce != NULL && xenevtchn_bind_unbound_port(xce, 0) >= 0);
        ok &= CHECK_EQ(xentoolcore_restrict_all(1234), 0);
        errno = 0;
        ok &= CHECK(xenevtchn_bind_unbound_port(xce, 0) == -1 && errno == EACCES);
        errno = 0;
        ok &= CHECK(xenevtchn_bind_interdomain(xce, 0, 1) == -1 && errno == EACCES);
        /* Domain 1234 gets through to Xen, which does not know it. */
        errno = 0;
        ok &= CHECK(xenevtchn_bind_interdomain(xce, 1234, 1) == -1 && errno == ESRCH);
        xenevtchn_close(xce);
        _exit(ok ? 0 : 1);
    }
    CHECK(child_ok(pid));
}

/* ------------------------------------------------------------ fdopen */

/* The program again, after exec: argv = self --fdopen FD CLOSED-FD A B. */
static char **exec_args;

static void fdopen_after_exec(void)
{
    int fd = atoi(exec_args[2]), closed_fd = atoi(exec_args[3]);
    int a = atoi(exec_args[4]), b = atoi(exec_args[5]);
    xenevtchn_handle *xce;

    /* Only what exec() kept is here. */
    CHECKF(fcntl(closed_fd, F_GETFD) < 0, "close-on-exec fd %d survived exec", closed_fd);
    CHECKF(fcntl(fd, F_GETFD) == 0, "fd %d: flags %#x", fd, fcntl(fd, F_GETFD));
    xce = xenevtchn_fdopen(NULL, fd, 0);
    if (!CHECK_NE(xce, NULL))
        return;
    CHECK_EQ(xenevtchn_fd(xce), fd);
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)a), 0);
    CHECK_EQ(next_event(xce, ARRIVAL_MS), b);
    CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)b), 0);
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)b), 0);
    CHECK_EQ(next_event(xce, ARRIVAL_MS), a);
    CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)a), 0);
    CHECK_EQ(xenevtchn_close(xce), 0);
    CHECK_LT(fcntl(fd, F_GETFD), 0);
}

/*
 * A handle opened XENEVTCHN_NO_CLOEXEC survives exec(), and the new image
 * rebuilds it with xenevtchn_fdopen(): same ports, same events.  The
 * close-on-exec handle does not survive.
 */
static void test_fdopen_across_exec(void)
{
    xenevtchn_handle *kept = xenevtchn_open(NULL, XENEVTCHN_NO_CLOEXEC);
    xenevtchn_handle *lost = xenevtchn_open(NULL, 0);
    char fd[16], closed_fd[16], a[16], b[16];
    struct loop l;
    pid_t pid;
    int status;

    if (!CHECK(kept && lost) || !make_loop(kept, &l))
        goto out;
    snprintf(fd, sizeof(fd), "%d", xenevtchn_fd(kept));
    snprintf(closed_fd, sizeof(closed_fd), "%d", xenevtchn_fd(lost));
    snprintf(a, sizeof(a), "%d", l.a);
    snprintf(b, sizeof(b), "%d", l.b);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execl(self_exe, self_exe, "--fdopen", fd, closed_fd, a, b, (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec'd image: status %#x", status);
    /* Its close left the ports to this process, where the handle lives on. */
    CHECK_EQ(xenevtchn_notify(kept, (evtchn_port_t)l.a), 0);
    CHECK_EQ(next_event(kept, ARRIVAL_MS), l.b);
out:
    xenevtchn_close(kept);
    xenevtchn_close(lost);
}

/* In one process: fdopen around a dup() of a handle's descriptor shares
 * the handle's ports; fdopen refuses XENEVTCHN_NO_CLOEXEC. */
static void test_fdopen_in_process(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0), *again;
    struct loop l;
    int fd;

    if (!CHECK_NE(xce, NULL) || !make_loop(xce, &l))
        goto out;
    fd = fcntl(xenevtchn_fd(xce), F_DUPFD_CLOEXEC, 0);
    errno = 0;
    CHECK(xenevtchn_fdopen(NULL, fd, XENEVTCHN_NO_CLOEXEC) == NULL && errno == EINVAL);
    again = xenevtchn_fdopen(NULL, fd, 0);
    if (CHECK_NE(again, NULL)) {
        CHECK_EQ(xenevtchn_fd(again), fd);
        CHECK_EQ(xenevtchn_notify(again, (evtchn_port_t)l.a), 0);
        CHECK_EQ(next_event(xce, ARRIVAL_MS), l.b);
        CHECK_EQ(xenevtchn_close(again), 0);
    }
    CHECK_LT(fcntl(fd, F_GETFD), 0);
    /* The original handle keeps the ports. */
    CHECK_EQ(xenevtchn_unmask(xce, (evtchn_port_t)l.b), 0);
    CHECK_EQ(xenevtchn_notify(xce, (evtchn_port_t)l.b), 0);
    CHECK_EQ(next_event(xce, ARRIVAL_MS), l.a);
out:
    xenevtchn_close(xce);
}

int main(int argc, char **argv)
{
    if (argc == 6 && strcmp(argv[1], "--fdopen") == 0) {
        exec_args = argv;
        t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_fdopen);
        T_CASE(fdopen_after_exec,
               "xenevtchn: after exec, fdopen rebuilds the handle: same ports, same events");
        return t_exit_status();
    }
    self_exe = realpath("/proc/self/exe", NULL);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    xcall = xencall_open(NULL, 0);
    T_CASE(test_open_close, "xenevtchn: open and close 500 handles, no fd left");
    T_CASE(test_cloexec, "xenevtchn: close-on-exec unless XENEVTCHN_NO_CLOEXEC");
    T_CASE(test_close_unbinds, "xenevtchn: close unbinds the handle's ports");
    T_CASE(test_loopback,
           "xenevtchn: loopback both ways: notify, poll, pending, unmask, coalescing");
    T_CASE(test_two_channels, "xenevtchn: two loopback channels on one handle");
    T_CASE(test_ping_pong, "xenevtchn: across processes, 1000 ping-pongs, each one waking poll()");
    T_CASE(test_flood, "xenevtchn: across processes, 10000 notifications, none missed");
    T_CASE(test_threads, "xenevtchn: 4 threads bind and unbind on one handle");
    T_CASE(test_virq_dom_exc, "xenevtchn: VIRQ_DOM_EXC fires when a domain shuts down and dies");
    T_CASE(test_errors, "xenevtchn: errors from the driver and from Xen");
    T_CASE(test_errors_are_logged, "xenevtchn: failures go to the handle's logger");
    T_CASE(test_restrict, "xenevtchn: restricted to a real domain, binds to it only");
    T_CASE(test_restrict_refusals, "xenevtchn: restrict refuses domain 0 and reserved ids");
    T_CASE(test_restrict_all, "xenevtchn: xentoolcore_restrict_all reaches the handle");
    T_CASE(test_fdopen_across_exec,
           "xenevtchn: fdopen after exec rebuilds a XENEVTCHN_NO_CLOEXEC handle");
    T_CASE(test_fdopen_in_process, "xenevtchn: fdopen around a dup in one process");
    xencall_close(xcall);
    free(self_exe);
    return t_exit_status();
}
