/* SPDX-License-Identifier: MIT */
/*
 * The peer domU's program (tests/lib/peer.h): a static program the
 * guest's /init runs, linked as tests/cross/guest-inguest-domu is, which
 * does what dom0 asks through xenstore, one command at a time
 * (tests/lib/peer-wire.h), misbehaving on request: it ends grants dom0
 * has mapped, closes event channels dom0 waits on, floods, and lets a
 * vchan client die with its channel open.  It never exits: dom0
 * destroys the domain.  What goes wrong here is said on the console and
 * in the reply.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>
#include <libxenvchan.h>

#include "peer-wire.h"
#include "procmaps.h"
#include "testlib.h"
#include "vstream.h"

static const struct vs_calls vchan_calls = { libxenvchan_read, libxenvchan_write };

static struct xs_handle *xs;
static char base[64];           /* /local/domain/<me>/data/peer */

static xengntshr_handle *xgs;
static void *shared;            /* the pages shared now, or NULL */
static unsigned shared_count;

static xenevtchn_handle *xce;
static xenevtchn_port_or_error_t local = -1;  /* the bound port, or -1 */

static char reply[4096];

/* A command's reply: its length. */
static int say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int say(const char *fmt, ...)
{
    va_list al;
    int n;

    va_start(al, fmt);
    n = vsnprintf(reply, sizeof(reply), fmt, al);
    va_end(al);
    return n;
}

/* A failed command: its reply, also on the console. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    va_list al;
    int n = snprintf(reply, sizeof(reply), "error ");

    va_start(al, fmt);
    vsnprintf(reply + n, sizeof(reply) - (size_t)n, fmt, al);
    va_end(al);
    printf("peer: %s\n", reply);
    return -1;
}

/* Waits up to timeout_ms for an event on the bound port, and unmasks it. */
static bool wait_event(int timeout_ms)
{
    struct pollfd pfd = { .fd = xenevtchn_fd(xce), .events = POLLIN };

    if (poll(&pfd, 1, timeout_ms) != 1)
        return false;
    return xenevtchn_pending(xce) == local && xenevtchn_unmask(xce, (evtchn_port_t)local) == 0;
}

/* ------------------------------------------------------------ grants */

static int cmd_share(unsigned n, unsigned seed)
{
    uint32_t refs[PEER_MAX_PAGES];
    int len;

    if (shared)
        return fail("pages shared already");
    if (n == 0 || n > PEER_MAX_PAGES)
        return fail("share %u pages: 1 to %d", n, PEER_MAX_PAGES);
    shared = xengntshr_share_pages(xgs, 0, (int)n, refs, 1);
    if (!shared)
        return fail("xengntshr_share_pages: %s", strerror(errno));
    shared_count = n;
    vs_fill(shared, seed, 0, (size_t)n * 4096);
    len = say("ok");
    for (unsigned i = 0; i < n; i++)
        len += snprintf(reply + len, sizeof(reply) - (size_t)len, " %" PRIu32, refs[i]);
    return 0;
}

static int cmd_holds(unsigned seed)
{
    size_t bad = 0;

    if (!shared)
        return fail("no pages shared");
    if (!vs_matches(shared, seed, 0, (size_t)shared_count * 4096, &bad))
        return fail("byte %zu", bad);
    return say("ok");
}

static int cmd_unshare(void)
{
    int rc;

    if (!shared)
        return fail("no pages shared");
    rc = xengntshr_unshare(xgs, shared, shared_count);
    shared = NULL;
    return rc ? fail("xengntshr_unshare: %s", strerror(errno)) : say("ok");
}

/* ------------------------------------------------------------ events */

static int cmd_bind(unsigned remote)
{
    if (local >= 0)
        return fail("bound already");
    local = xenevtchn_bind_interdomain(xce, 0, remote);
    if (local < 0)
        return fail("xenevtchn_bind_interdomain(0, %u): %s", remote, strerror(errno));
    /* Xen marks a new interdomain port pending: not dom0's event. */
    wait_event(1000);
    return say("ok %d", local);
}

static int cmd_notify(unsigned k)
{
    unsigned sent = 0;

    if (local < 0)
        return fail("not bound");
    while (sent < k && xenevtchn_notify(xce, (evtchn_port_t)local) == 0)
        sent++;
    return sent == k ? say("ok %u", sent) : fail("notify %u: %s", sent, strerror(errno));
}

static int cmd_pong(unsigned k)
{
    unsigned done = 0;

    if (local < 0)
        return fail("not bound");
    while (done < k && wait_event(PEER_WAIT_S * 1000) &&
           xenevtchn_notify(xce, (evtchn_port_t)local) == 0)
        done++;
    return done == k ? say("ok %u", done) : fail("pong: %u of %u rounds", done, k);
}

static int cmd_unbind(void)
{
    int rc;

    if (local < 0)
        return fail("not bound");
    rc = xenevtchn_unbind(xce, (evtchn_port_t)local);
    local = -1;
    return rc ? fail("xenevtchn_unbind: %s", strerror(errno)) : say("ok");
}

/* ------------------------------------------------------------ vchan */

/* In the child: a client that sends and then closes or just exits. */
static void vchan_client(const char *path, size_t bytes, unsigned seed, bool die, int fd)
{
    struct libxenvchan *ctrl = libxenvchan_client_init(NULL, 0, path);
    uint32_t crc = 0;

    if (!ctrl) {
        dprintf(fd, "error libxenvchan_client_init(0, %s): %s", path, strerror(errno));
        _exit(1);
    }
    ctrl->blocking = 1;
    if (!vs_send(&vchan_calls, ctrl, seed, bytes, &crc)) {
        dprintf(fd, "error sending %zu bytes", bytes);
        _exit(1);
    }
    /* The send returns once the bytes are in the ring: dying now leaves
     * them for the server, with the channel never closed. */
    if (!die)
        libxenvchan_close(ctrl);
    dprintf(fd, "ok %08" PRIx32, crc);
    _exit(0);
}

/* Runs a vchan client in a child (its death is the point) and replies
 * with what it wrote into the pipe. */
static int cmd_vchan(const char *args)
{
    char path[256], end[8] = "";
    unsigned long long bytes = 0;
    unsigned seed = 0;
    int fds[2], status = 0;
    ssize_t n;
    pid_t child;

    if (sscanf(args, "%255s %llu %u %7s", path, &bytes, &seed, end) != 4 ||
        (strcmp(end, "die") != 0 && strcmp(end, "close") != 0))
        return fail("vchan: bad arguments '%s'", args);
    if (pipe(fds))
        return fail("pipe: %s", strerror(errno));
    fflush(stdout);
    child = fork();
    if (child == 0) {
        close(fds[0]);
        vchan_client(path, (size_t)bytes, seed, strcmp(end, "die") == 0, fds[1]);
    }
    close(fds[1]);
    n = child > 0 ? read(fds[0], reply, sizeof(reply) - 1) : -1;
    close(fds[0]);
    if (child > 0)
        waitpid(child, &status, 0);
    if (n <= 0)
        return fail("the vchan client said nothing (status %#x)", status);
    reply[n] = '\0';
    return 0;
}

/* ------------------------------------------------------------ itself */

/* Its open descriptors and resident memory, for a soak to compare. */
static int cmd_stats(void)
{
    long kb = t_rss_kb();

    if (kb < 0)
        return fail("no resident size: %s", strerror(errno));
    return say("ok %d %ld", t_open_fds(), kb);
}

/* ------------------------------------------------------------ the loop */

static int run(const char *verb, const char *args)
{
    unsigned a = 0, b = 0;
    int n = sscanf(args, "%u %u", &a, &b);

    if (strcmp(verb, "share") == 0 && n == 2)
        return cmd_share(a, b);
    if (strcmp(verb, "holds") == 0 && n == 1)
        return cmd_holds(a);
    if (strcmp(verb, "unshare") == 0)
        return cmd_unshare();
    if (strcmp(verb, "bind") == 0 && n == 1)
        return cmd_bind(a);
    if (strcmp(verb, "notify") == 0 && n == 1)
        return cmd_notify(a);
    if (strcmp(verb, "pong") == 0 && n == 1)
        return cmd_pong(a);
    if (strcmp(verb, "unbind") == 0)
        return cmd_unbind();
    if (strcmp(verb, "vchan") == 0)
        return cmd_vchan(args);
    if (strcmp(verb, "stats") == 0)
        return cmd_stats();
    return fail("unknown command '%s %s'", verb, args);
}

static bool put(const char *key, const char *value)
{
    char path[128];

    snprintf(path, sizeof(path), "%s/%s", base, key);
    return xs_write(xs, XBT_NULL, path, value, strlen(value));
}

int main(void)
{
    char path[128], *id, answer[sizeof(reply) + 16];
    unsigned len, last = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    xs = xs_open(0);
    id = xs ? xs_read(xs, XBT_NULL, "domid", &len) : NULL;
    xgs = xengntshr_open(NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    if (!id || !xgs || !xce) {
        printf("peer: cannot start: xenstore %p, gntshr %p, evtchn %p: %s\n", (void *)id,
               (void *)xgs, (void *)xce, strerror(errno));
        return 1;
    }
    snprintf(base, sizeof(base), "/local/domain/%s/%s", id, PEER_NODE);
    free(id);
    if (!put(PEER_KEY_REPLY, "0 ok ready")) {
        printf("peer: cannot write %s/%s: %s\n", base, PEER_KEY_REPLY, strerror(errno));
        return 1;
    }
    printf("peer: ready at %s\n", base);
    snprintf(path, sizeof(path), "%s/%s", base, PEER_KEY_CMD);
    for (;;) {
        char *cmd = xs_read(xs, XBT_NULL, path, &len), verb[32] = "";
        unsigned seq = 0;
        int at = 0;

        if (!cmd || sscanf(cmd, "%u %31s %n", &seq, verb, &at) < 2 || seq != last + 1) {
            free(cmd);
            usleep(5000);
            continue;
        }
        last = seq;
        run(verb, at ? cmd + at : "");
        snprintf(answer, sizeof(answer), "%u %s", seq, reply);
        if (!put(PEER_KEY_REPLY, answer))
            printf("peer: cannot reply to %u: %s\n", seq, strerror(errno));
        free(cmd);
    }
}
