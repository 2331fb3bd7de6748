/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenstore.h>
#include <libxenvchan.h>

#include "dying.h"
#include "peer-wire.h"
#include "peer.h"
#include "services.h"
#include "testlib.h"
#include "vstream.h"

#define PEER_PROGRAM "guest-peer"
#define PEER_PATH PROJECT_LIBDIR "/../tests/cross/" PEER_PROGRAM
#define CONSOLE_DIR "/var/log/xen/console"

/* Waits for the reply numbered seq: the text after the number, or NULL. */
static char *await_reply(struct peer *p, unsigned seq)
{
    long long limit = t_now_ms() + (p->stuck ? 5 : PEER_WAIT_S) * 1000LL;
    char path[128];

    snprintf(path, sizeof(path), "%s/%s", p->base, PEER_KEY_REPLY);
    while (p->xs && t_now_ms() < limit) {
        unsigned len, got;
        int at = 0;
        char *text = xs_read(p->xs, XBT_NULL, path, &len);

        if (text && sscanf(text, "%u %n", &got, &at) == 1 && got == seq) {
            memmove(text, text + at, strlen(text + at) + 1);
            return text;
        }
        free(text);
        usleep(5000);
    }
    p->stuck = true;
    return NULL;
}

bool peer_start(struct peer *p, const char *prefix, unsigned memory_mb)
{
    static const char *const files[] = { PEER_PATH, NULL };
    static const char *const modules[] = { "xen-evtchn", "xen-gntdev", "xen-gntalloc", NULL };
    long long t0;
    char *ready;
    pid_t running;

    *p = (struct peer){ .guest = { .domid = -1, .guard_fd = -1 } };
    if (!CHECK(svc_xenstored_start(&p->started_xenstored)))
        return false;
    running = svc_find("xenconsoled");
    if (!running && !CHECK_GT((p->xenconsoled = svc_xenconsoled_start(CONSOLE_DIR)), 0))
        return false;
    p->xs = xs_open(0);
    if (!CHECKF(p->xs != NULL, "xs_open: %s", strerror(errno)) ||
        !xlguest_initramfs(&p->guest, prefix, "/" PEER_PROGRAM "\necho \"peer: exited with $?\"",
                           files, modules))
        return false;
    t0 = t_now_ms();
    if (xlguest_create(&p->guest, CONSOLE_DIR, memory_mb, false) < 0)
        return false;
    snprintf(p->base, sizeof(p->base), "/local/domain/%d/%s", p->guest.domid, PEER_NODE);
    ready = await_reply(p, 0);
    if (!CHECKF(ready && strcmp(ready, "ok ready") == 0, "peer %d: no 'ready' in %s/%s",
                p->guest.domid, p->base, PEER_KEY_REPLY)) {
        free(ready);
        return false;
    }
    free(ready);
    printf("  figure: peer domain %d ready %.1f s after xl create\n", p->guest.domid,
           (double)(t_now_ms() - t0) / 1e3);
    return true;
}

static bool send_va(struct peer *p, const char *fmt, va_list al)
{
    char cmd[512], path[128], text[600];

    vsnprintf(cmd, sizeof(cmd), fmt, al);
    if (!CHECKF(p->guest.domid > 0 && p->xs, "no peer for '%s'", cmd))
        return false;
    snprintf(path, sizeof(path), "%s/%s", p->base, PEER_KEY_CMD);
    snprintf(text, sizeof(text), "%u %s", ++p->seq, cmd);
    return CHECKF(xs_write(p->xs, XBT_NULL, path, text, strlen(text)), "xs_write %s: %s", path,
                  strerror(errno));
}

bool peer_send(struct peer *p, const char *fmt, ...)
{
    va_list al;
    bool ok;

    va_start(al, fmt);
    ok = send_va(p, fmt, al);
    va_end(al);
    return ok;
}

char *peer_reply(struct peer *p)
{
    char *text = await_reply(p, p->seq);

    if (!CHECKF(text != NULL, "peer %d: no reply to command %u", p->guest.domid, p->seq))
        return NULL;
    if (!CHECKF(strncmp(text, "ok", 2) == 0 && (text[2] == '\0' || text[2] == ' '),
                "peer %d, command %u: %s", p->guest.domid, p->seq, text)) {
        free(text);
        return NULL;
    }
    memmove(text, text + 2 + (text[2] == ' '), strlen(text + 2) + 1);
    return text;
}

char *peer_do(struct peer *p, const char *fmt, ...)
{
    va_list al;
    bool sent;

    va_start(al, fmt);
    sent = send_va(p, fmt, al);
    va_end(al);
    return sent ? peer_reply(p) : NULL;
}

bool peer_share(struct peer *p, unsigned n, unsigned seed, uint32_t refs[])
{
    char *text = peer_do(p, "share %u %u", n, seed), *at = text;
    bool ok = text != NULL;

    for (unsigned i = 0; ok && i < n; i++) {
        char *end;

        refs[i] = (uint32_t)strtoul(at, &end, 10);
        ok = CHECKF(end != at, "peer %d shared '%s'", p->guest.domid, text);
        at = end;
    }
    free(text);
    return ok;
}

/* Waits for the next event of xce: whether it is port's (unmasked). */
static bool next_is(xenevtchn_handle *xce, evtchn_port_t port, int timeout_ms)
{
    struct pollfd pfd = { .fd = xenevtchn_fd(xce), .events = POLLIN };

    return poll(&pfd, 1, timeout_ms) == 1 &&
           xenevtchn_pending(xce) == (xenevtchn_port_or_error_t)port &&
           xenevtchn_unmask(xce, port) == 0;
}

bool peer_ping_pong(struct peer *p, xenevtchn_handle *xce, evtchn_port_t port, unsigned rounds,
                    int timeout_ms)
{
    unsigned done = 0;
    char *reply;

    if (!peer_send(p, "pong %u", rounds))
        return false;
    while (done < rounds && CHECK_EQ(xenevtchn_notify(xce, port), 0) &&
           CHECKF(next_is(xce, port, timeout_ms), "round %u: no event on port %u", done, port))
        done++;
    reply = peer_reply(p);
    free(reply);
    return CHECK_EQ(done, rounds) && reply != NULL;
}

struct server {
    struct libxenvchan *ctrl;
    unsigned seed;
    struct peer_vchan *r;
};

static void *serve(void *arg)
{
    static uint8_t buf[50000];
    struct server *s = arg;
    struct peer_vchan *r = s->r;
    size_t bad;

    for (;;) {
        int n = libxenvchan_read(s->ctrl, buf, sizeof(buf));

        if (n <= 0) {
            r->last_rc = n;
            break;
        }
        if (r->wrong_at == SIZE_MAX && !vs_matches(buf, s->seed, r->got, (size_t)n, &bad))
            r->wrong_at = r->got + bad;
        r->crc = vs_crc32(r->crc, buf, (size_t)n);
        r->got += (size_t)n;
    }
    r->open_after = libxenvchan_is_open(s->ctrl);
    return NULL;
}

bool peer_vchan(struct peer *p, size_t bytes, unsigned seed, const char *end,
                struct peer_vchan *r)
{
    struct server s = { .seed = seed, .r = r };
    char path[96], crc[16], *sent;
    struct timespec limit;
    pthread_t thread;
    int joined;

    *r = (struct peer_vchan){ .wrong_at = SIZE_MAX, .last_rc = 1, .open_after = -1 };
    snprintf(path, sizeof(path), "%s/vchan", p->base);
    s.ctrl = libxenvchan_server_init(NULL, p->guest.domid, path, 16 * 1024, 64 * 1024);
    if (!CHECKF(s.ctrl != NULL, "libxenvchan_server_init(%d, %s): %s", p->guest.domid, path,
                strerror(errno)))
        return false;
    s.ctrl->blocking = 1;
    if (!CHECK_EQ(pthread_create(&thread, NULL, serve, &s), 0)) {
        libxenvchan_close(s.ctrl);
        return false;
    }
    sent = peer_do(p, "vchan %s %zu %u %s", path, bytes, seed, end);
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += p->stuck ? 5 : PEER_WAIT_S;
    joined = pthread_timedjoin_np(thread, NULL, &limit);
    if (!CHECKF(joined == 0, "the vchan server never saw the client go")) {
        pthread_cancel(thread);
        pthread_join(thread, NULL);
    }
    snprintf(crc, sizeof(crc), "%08" PRIx32, r->crc);
    r->client_crc_same = sent && strcmp(sent, crc) == 0;
    libxenvchan_close(s.ctrl);
    free(sent);
    return joined == 0;
}

bool peer_kill(struct peer *p)
{
    bool gone = CHECK_GT(p->guest.domid, 0) && xlguest_destroy(&p->guest);

    if (gone)
        p->guest.domid = -1;
    return gone;
}

void peer_stop(struct peer *p)
{
    static char console[32 * 1024];

    if (p->guest.workdir[0] && xlguest_console(&p->guest, console, sizeof(console)))
        fprintf(stderr, "  ---- %s\n%s  ----\n", p->guest.console_log, console);
    if (p->guest.domid > 0)
        peer_kill(p);
    if (p->xs)
        xs_close(p->xs);
    p->xs = NULL;
    CHECK(svc_stop_started(&p->xenconsoled, &p->started_xenstored));
    xlguest_remove_files(&p->guest);
}
