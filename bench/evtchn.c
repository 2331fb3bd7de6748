/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxenevtchn: an event's round trip on a loopback channel
 * in one process, and between two processes, through the library
 * (`evtchn lib`) or through the kernel's /dev/xen/evtchn directly
 * (`evtchn raw`: its ioctls, read() and write()).
 *
 * Every row checks that the event it waited for is the one that came.
 *
 * Where the processes run matters as much as the calls: the kernel binds
 * each port's events to one vCPU, and waking a process on another vCPU
 * takes an inter-processor interrupt, which under QEMU costs about as
 * much as the rest of the trip.  So the round-trip rows are measured with
 * their processes pinned to each vCPU in turn, and keep the best
 * placement, as benchlib keeps the best sample: the cost of the calls,
 * not of where the scheduler happened to put them.
 *
 * And a round trip between processes needs both vCPUs running, while on
 * a shared host QEMU's vCPU threads are now and then descheduled for
 * milliseconds: few of benchlib's 50 ms samples escape such a stall.  So
 * the round trips are timed in batches of 8 (a few milliseconds), and
 * each placement counts the 10th percentile of its batches: most stalls
 * fall above it, and the rare batches that the clock makes look too
 * short (a vCPU's clock can be held back to keep time monotonic) below.
 */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenevtchn.h>

#include <xen/sys/evtchn.h>

#include "benchlib.h"

/* The four calls of an event's life, as the library or the raw driver. */
struct ops {
    int (*open)(void);                          /* a new handle: its index */
    void (*close)(int h);
    int (*bind_unbound)(int h);
    int (*bind_interdomain)(int h, int remote_port);
    void (*notify)(int h, int port);
    int (*pending)(int h);                      /* after poll() said so */
    void (*unmask)(int h, int port);
    int (*fd)(int h);
};

static const struct ops *ops;

static void die(const char *what)
{
    fprintf(stderr, "bench: evtchn: %s failed\n", what);
    exit(3);
}

/* ------------------------------------------------------------ the library */

/* At most three handles live at once: loopback, ping-pong, the child's. */
static xenevtchn_handle *handles[4];

static int lib_open(void)
{
    for (int h = 0; h < 4; h++)
        if (!handles[h]) {
            handles[h] = xenevtchn_open(NULL, 0);
            if (!handles[h])
                die("xenevtchn_open");
            return h;
        }
    die("finding a free handle slot");
    return -1;
}

static void lib_close(int h)
{
    xenevtchn_close(handles[h]);
    handles[h] = NULL;
}

static int lib_bind_unbound(int h)
{
    int port = xenevtchn_bind_unbound_port(handles[h], 0);

    if (port < 0)
        die("xenevtchn_bind_unbound_port");
    return port;
}

static int lib_bind_interdomain(int h, int remote_port)
{
    int port = xenevtchn_bind_interdomain(handles[h], 0, (evtchn_port_t)remote_port);

    if (port < 0)
        die("xenevtchn_bind_interdomain");
    return port;
}

static void lib_notify(int h, int port)
{
    if (xenevtchn_notify(handles[h], (evtchn_port_t)port) != 0)
        die("xenevtchn_notify");
}

static int lib_pending(int h)
{
    return xenevtchn_pending(handles[h]);
}

static void lib_unmask(int h, int port)
{
    if (xenevtchn_unmask(handles[h], (evtchn_port_t)port) != 0)
        die("xenevtchn_unmask");
}

static int lib_fd(int h)
{
    return xenevtchn_fd(handles[h]);
}

static const struct ops lib_ops = {
    lib_open, lib_close, lib_bind_unbound, lib_bind_interdomain,
    lib_notify, lib_pending, lib_unmask, lib_fd,
};

/* ------------------------------------------------------------ the kernel */

/* A raw handle is the descriptor itself. */
static int raw_open(void)
{
    int fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC);

    if (fd < 0)
        die("opening /dev/xen/evtchn");
    return fd;
}

static void raw_close(int fd)
{
    close(fd);
}

static int raw_bind_unbound(int fd)
{
    struct ioctl_evtchn_bind_unbound_port bind = { .remote_domain = 0 };
    int port = ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &bind);

    if (port < 0)
        die("IOCTL_EVTCHN_BIND_UNBOUND_PORT");
    return port;
}

static int raw_bind_interdomain(int fd, int remote_port)
{
    struct ioctl_evtchn_bind_interdomain bind = { .remote_domain = 0,
                                                  .remote_port = (unsigned)remote_port };
    int port = ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);

    if (port < 0)
        die("IOCTL_EVTCHN_BIND_INTERDOMAIN");
    return port;
}

static void raw_notify(int fd, int port)
{
    struct ioctl_evtchn_notify notify = { .port = (unsigned)port };

    if (ioctl(fd, IOCTL_EVTCHN_NOTIFY, &notify) != 0)
        die("IOCTL_EVTCHN_NOTIFY");
}

static int raw_pending(int fd)
{
    evtchn_port_t port;

    return read(fd, &port, sizeof(port)) == sizeof(port) ? (int)port : -1;
}

static void raw_unmask(int fd, int port)
{
    evtchn_port_t p = (evtchn_port_t)port;

    if (write(fd, &p, sizeof(p)) != sizeof(p))
        die("unmasking");
}

static int raw_fd(int fd)
{
    return fd;
}

static const struct ops raw_ops = {
    raw_open, raw_close, raw_bind_unbound, raw_bind_interdomain,
    raw_notify, raw_pending, raw_unmask, raw_fd,
};

/* ------------------------------------------------------------ placement */

/* The vCPUs tried, at most 4 of them: every pair is measured. */
static int nr_cpus;

static void pin(int cpu)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set) < 0)
        die("sched_setaffinity");
}

/* Where the echoing child is to run; it moves at its next event. */
static atomic_int *child_cpu;

#define BATCH 8
#define MAX_BATCHES 4096

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Runs op(arg) in batches of BATCH for BENCH_SECONDS, after a warm-up;
 * returns the 10th percentile of the batches' ns per call. */
static double batch_percentile(void (*op)(void *), void *arg)
{
    static double ns[MAX_BATCHES];
    double start, end;
    size_t n = 0;

    for (int i = 0; i < 4 * BATCH; i++)
        op(arg);
    end = bench_now_ns() + BENCH_SECONDS * 1e9;
    do {
        start = bench_now_ns();
        for (int i = 0; i < BATCH; i++)
            op(arg);
        ns[n++] = (bench_now_ns() - start) / BATCH;
    } while (n < MAX_BATCHES && bench_now_ns() < end);
    qsort(ns, n, sizeof(ns[0]), compare_doubles);
    return ns[n / 10];
}

/* batch_percentile() on each placement (with the child: each pair of
 * vCPUs); the fastest. */
static double best_placement(void (*op)(void *), void *arg, bool with_child)
{
    double best = 0, ns;

    for (int cpu = 0; cpu < nr_cpus; cpu++)
        for (int other = 0; other < (with_child ? nr_cpus : 1); other++) {
            pin(cpu);
            atomic_store(child_cpu, other);
            ns = batch_percentile(op, arg);
            if (best == 0 || ns < best)
                best = ns;
        }
    return best;
}

/* ------------------------------------------------------------ events */

/* Blocks in poll() until h has an event; returns its port, masked. */
static int wait_event(int h, int timeout_ms)
{
    struct pollfd p = { .fd = ops->fd(h), .events = POLLIN };

    if (poll(&p, 1, timeout_ms) != 1)
        return -1;
    return ops->pending(h);
}

/* Takes the events of binding until none comes for a while. */
static void drain(int h)
{
    int port;

    while ((port = wait_event(h, 200)) >= 0)
        ops->unmask(h, port);
}

/* One round trip: notify `from`, wait in poll() for `to`, take it, unmask. */
struct trip {
    int h, from, to;
};

static void round_trip(void *arg)
{
    const struct trip *t = arg;

    ops->notify(t->h, t->from);
    if (wait_event(t->h, 10000) != t->to)
        die("waiting for the event");
    ops->unmask(t->h, t->to);
}

/* Notify alone, on a port whose peer stays masked: the hypercall's path. */
static void notify_only(void *arg)
{
    const struct trip *t = arg;

    ops->notify(t->h, t->from);
}

/*
 * The other process of the ping-pong: a handle of its own, bound to the
 * parent's port; answers every event with one notification back.
 */
static void echo_child(int inherited, int parent_port, int ready_fd)
{
    int h, me, port, cpu = -1;

    /* All a child may do with its parent's handle. */
    ops->close(inherited);
    h = ops->open();
    me = ops->bind_interdomain(h, parent_port);
    drain(h);
    if (write(ready_fd, &me, sizeof(me)) != sizeof(me))
        _exit(3);
    for (;;) {
        port = wait_event(h, -1);
        if (port != me)
            _exit(3);
        if (atomic_load(child_cpu) != cpu) {
            cpu = atomic_load(child_cpu);
            pin(cpu);
        }
        ops->unmask(h, me);
        ops->notify(h, me);
    }
}

static void rows(void)
{
    struct trip loop, masked, pp;
    int ready[2], child_port;
    pid_t child;

    loop.h = ops->open();
    loop.from = ops->bind_unbound(loop.h);
    loop.to = ops->bind_interdomain(loop.h, loop.from);
    drain(loop.h);
    bench_row("evtchn.loopback", "libxenevtchn: notify, poll, pending, unmask (loopback, one process)",
              best_placement(round_trip, &loop, false));

    /* loop.to is left masked: notifications to it stay with Xen. */
    masked = loop;
    ops->notify(masked.h, masked.from);
    if (wait_event(masked.h, 10000) != masked.to)
        die("waiting for the event");
    bench_row("evtchn.notify", "libxenevtchn: notify (peer masked)",
              bench_loop(notify_only, &masked));
    ops->close(loop.h);

    pp.h = ops->open();
    pp.from = ops->bind_unbound(pp.h);
    pp.to = pp.from;
    if (pipe2(ready, O_CLOEXEC) < 0)
        die("pipe2");
    fflush(stdout);
    child = fork();
    if (child < 0)
        die("fork");
    if (child == 0)
        echo_child(pp.h, pp.from, ready[1]);
    close(ready[1]);
    if (read(ready[0], &child_port, sizeof(child_port)) != sizeof(child_port))
        die("the echoing child");
    close(ready[0]);
    bench_row("evtchn.pingpong", "libxenevtchn: ping-pong between two processes (round trip)",
              best_placement(round_trip, &pp, true));
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    ops->close(pp.h);
}

int main(int argc, char **argv)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);

    nr_cpus = online < 1 ? 1 : online > 4 ? 4 : (int)online;
    child_cpu = mmap(NULL, sizeof(*child_cpu), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (child_cpu == MAP_FAILED)
        die("mmap");
    atomic_init(child_cpu, 0);
    if (bench_raw_mode(argc, argv)) {
        ops = &raw_ops;
    } else {
        bench_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
        ops = &lib_ops;
    }
    rows();
    return 0;
}
