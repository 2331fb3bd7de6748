/* SPDX-License-Identifier: MIT */
/*
 * The domU's half of tests/cross/system-inguest.c: a static program that the
 * guest's /init runs, linked from the project's .a archives plus
 * upstream's libxenvchan.a and libxenstore.a.  Its PASS/FAIL lines and
 * "domU: figure" lines go to the guest console, which xenconsoled logs
 * in dom0, where the test reads them back.
 *
 * The dom0 side prepares everything under /local/domain/<me>/data before
 * unpausing this domain (see KEY_* below); each step here then waits for
 * what dom0 writes in reply, never longer than WAIT_S.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>
#include <libxenvchan.h>

#include "inguest.h"
#include "testlib.h"
#include "vstream.h"

static struct xs_handle *xs;
static int domid = -1;
static char base[64];           /* /local/domain/<me>/data/inguest */

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether the xenstore case found this domain's keys: every later case
 * needs them. */
static bool have_base(void)
{
    return CHECKF(base[0] != '\0', "no xenstore connection");
}

/* The value of base/name (the caller frees), or NULL. */
static char *get(const char *name)
{
    char path[128];
    unsigned len;

    snprintf(path, sizeof(path), "%s/%s", base, name);
    return xs_read(xs, XBT_NULL, path, &len);
}

/* Waits up to WAIT_S for base/name to appear; its value, or NULL. */
static char *await(const char *name)
{
    for (int i = 0; i < INGUEST_WAIT_S * 50; i++) {
        char *v = get(name);

        if (v)
            return v;
        usleep(20000);
    }
    fprintf(stderr, "  no %s/%s after %d s\n", base, name, INGUEST_WAIT_S);
    return NULL;
}

static bool put(const char *name, const char *value)
{
    char path[128];

    snprintf(path, sizeof(path), "%s/%s", base, name);
    return CHECKF(xs_write(xs, XBT_NULL, path, value, strlen(value)),
                  "xs_write %s: %s", path, strerror(errno));
}

/* Whether this process holds /dev/xen/xenbus open: libxenstore found no
 * xenstored socket here and talks to the kernel's xenbus device. */
static bool holds_xenbus(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    bool found = false;

    while (d && (e = readdir(d))) {
        char target[PATH_MAX];
        ssize_t n = readlinkat(dirfd(d), e->d_name, target, sizeof(target) - 1);

        if (n > 0) {
            target[n] = '\0';
            found |= strcmp(target, "/dev/xen/xenbus") == 0;
        }
    }
    if (d)
        closedir(d);
    return found;
}

static void xenstore(void)
{
    char *token, *id, echo[160];
    unsigned len;

    xs = xs_open(0);
    if (!CHECKF(xs != NULL, "xs_open: %s", strerror(errno)))
        return;
    CHECKF(holds_xenbus(), "the xenstore handle is not on /dev/xen/xenbus");
    /* Relative paths are resolved in this domain's home. */
    id = xs_read(xs, XBT_NULL, "domid", &len);
    if (!CHECKF(id != NULL, "read domid: %s", strerror(errno)))
        return;
    domid = atoi(id);
    free(id);
    snprintf(base, sizeof(base), "/local/domain/%d/data/inguest", domid);
    printf("domU: figure domid %d\n", domid);
    token = get(INGUEST_KEY_TOKEN);
    if (!CHECKF(token != NULL, "read %s/%s: %s", base, INGUEST_KEY_TOKEN, strerror(errno)))
        return;
    snprintf(echo, sizeof(echo), INGUEST_ECHO_FMT, domid, token);
    put(INGUEST_KEY_ECHO, echo);
    free(token);
}

/* Waits for an event on port; false on timeout or a wrong port. */
static bool wait_event(xenevtchn_handle *xce, evtchn_port_t port)
{
    struct pollfd pfd = { .fd = xenevtchn_fd(xce), .events = POLLIN };
    xenevtchn_port_or_error_t got;

    if (poll(&pfd, 1, INGUEST_WAIT_S * 1000) != 1)
        return false;
    got = xenevtchn_pending(xce);
    return got == (xenevtchn_port_or_error_t)port && xenevtchn_unmask(xce, port) == 0;
}

static void event_channel(void)
{
    xenevtchn_handle *xce;
    xenevtchn_port_or_error_t local;
    char *remote;
    unsigned sent = 0, received = 0;
    double t0;

    if (!have_base())
        return;
    xce = xenevtchn_open(NULL, 0);
    remote = await(INGUEST_KEY_PORT);
    if (!CHECK_NE(xce, NULL) || !CHECK_NE(remote, NULL))
        goto out;
    local = xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)atoi(remote));
    if (!CHECKF(local >= 0, "bind_interdomain to dom0 port %s: %s", remote, strerror(errno)))
        goto out;
    /* Xen marks the binding end's port pending, for notifications the
     * unbound remote end may have sent: that one is not dom0's. */
    if (!CHECKF(wait_event(xce, (evtchn_port_t)local), "no event on binding"))
        goto out;
    /* Ping-pong: each notification waits for the answer, so none merge. */
    t0 = now_s();
    for (int i = 0; i < INGUEST_ROUNDS; i++) {
        if (xenevtchn_notify(xce, (evtchn_port_t)local) < 0)
            break;
        sent++;
        if (!wait_event(xce, (evtchn_port_t)local))
            break;
        received++;
    }
    CHECKF(sent == INGUEST_ROUNDS && received == INGUEST_ROUNDS,
           "sent %u, received %u of %d notifications", sent, received, INGUEST_ROUNDS);
    printf("domU: figure evtchn-sent %u\ndomU: figure evtchn-received %u\n", sent, received);
    printf("domU: figure evtchn-round-trip-us %.0f\n",
           received ? (now_s() - t0) * 1e6 / received : 0.0);
    xenevtchn_unbind(xce, (evtchn_port_t)local);
out:
    free(remote);
    xenevtchn_close(xce);
}

/* Parses INGUEST_PAGES grant references separated by spaces. */
static bool parse_refs(const char *text, uint32_t refs[INGUEST_PAGES])
{
    char *end;

    for (int i = 0; i < INGUEST_PAGES; i++) {
        refs[i] = (uint32_t)strtoul(text, &end, 10);
        if (end == text)
            return false;
        text = end;
    }
    return true;
}

static void map_dom0_pages(void)
{
    const size_t size = INGUEST_PAGES * 4096;
    xengnttab_handle *xgt;
    char *text, crc[16];
    uint32_t refs[INGUEST_PAGES];
    size_t bad = 0;
    void *pages;

    if (!have_base())
        return;
    xgt = xengnttab_open(NULL, 0);
    text = await(INGUEST_KEY_DOM0_REFS);
    if (!CHECK_NE(xgt, NULL) || !CHECK_NE(text, NULL) || !CHECK(parse_refs(text, refs)))
        goto out;
    pages = xengnttab_map_domain_grant_refs(xgt, INGUEST_PAGES, 0, refs,
                                            PROT_READ | PROT_WRITE);
    if (!CHECKF(pages != NULL, "map dom0's refs %s: %s", text, strerror(errno)))
        goto out;
    CHECKF(vs_matches(pages, INGUEST_SEED_DOM0_PAGES, 0, size, &bad),
           "byte %zu of dom0's pages is wrong", bad);
    snprintf(crc, sizeof(crc), "%08" PRIx32, vs_crc32(0, pages, size));
    printf("domU: figure dom0-pages-crc32 %s\n", crc);
    /* dom0 checks this answer in its own pages after the unmap. */
    vs_fill(pages, INGUEST_SEED_DOMU_REPLY, 0, size);
    CHECK_EQ(xengnttab_unmap(xgt, pages, INGUEST_PAGES), 0);
    put(INGUEST_KEY_DOMU_MAPPED, crc);
out:
    free(text);
    xengnttab_close(xgt);
}

static void share_pages(void)
{
    const size_t size = INGUEST_PAGES * 4096;
    xengntshr_handle *xgs;
    uint32_t refs[INGUEST_PAGES];
    char text[INGUEST_PAGES * 12] = "", *answer = NULL, crc[16];
    size_t bad = 0;
    void *pages;

    if (!have_base())
        return;
    xgs = xengntshr_open(NULL, 0);
    if (!CHECK_NE(xgs, NULL))
        return;
    pages = xengntshr_share_pages(xgs, 0, INGUEST_PAGES, refs, 1);
    if (!CHECKF(pages != NULL, "share_pages: %s", strerror(errno)))
        goto out;
    vs_fill(pages, INGUEST_SEED_DOMU_PAGES, 0, size);
    snprintf(crc, sizeof(crc), "%08" PRIx32, vs_crc32(0, pages, size));
    for (int i = 0; i < INGUEST_PAGES; i++)
        snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%" PRIu32, i ? " " : "",
                 refs[i]);
    printf("domU: figure domU-pages-crc32 %s\n", crc);
    if (put(INGUEST_KEY_DOMU_REFS, text) && CHECK((answer = await(INGUEST_KEY_DOM0_MAPPED)))) {
        CHECKF(strcmp(answer, crc) == 0, "dom0 read CRC %s, shared %s", answer, crc);
        CHECKF(vs_matches(pages, INGUEST_SEED_DOM0_REPLY, 0, size, &bad),
               "byte %zu of dom0's answer is wrong", bad);
    }
    CHECK_EQ(xengntshr_unshare(xgs, pages, INGUEST_PAGES), 0);
    free(answer);
out:
    xengntshr_close(xgs);
}

static void vchan(void)
{
    static const struct vs_calls calls = { libxenvchan_read, libxenvchan_write };
    char path[96];
    struct libxenvchan *ctrl;
    uint32_t got_crc = 0, sent_crc = 0;
    double t0, t1, t2;

    if (!have_base())
        return;
    snprintf(path, sizeof(path), "/local/domain/%d/" INGUEST_VCHAN, domid);
    ctrl = libxenvchan_client_init(NULL, 0, path);
    if (!CHECKF(ctrl != NULL, "libxenvchan_client_init(0, %s): %s", path, strerror(errno)))
        return;
    ctrl->blocking = 1;
    t0 = now_s();
    CHECKF(vs_receive(&calls, ctrl, INGUEST_SEED_DOM0_STREAM, INGUEST_STREAM_BYTES, &got_crc),
           "the stream from dom0 is wrong");
    t1 = now_s();
    CHECKF(vs_send(&calls, ctrl, INGUEST_SEED_DOMU_STREAM, INGUEST_STREAM_BYTES, &sent_crc),
           "could not send the stream to dom0");
    t2 = now_s();
    printf("domU: figure vchan-received-bytes %d\ndomU: figure vchan-received-crc32 %08" PRIx32
           "\ndomU: figure vchan-receive-ms %.0f\n",
           INGUEST_STREAM_BYTES, got_crc, (t1 - t0) * 1e3);
    printf("domU: figure vchan-sent-bytes %d\ndomU: figure vchan-sent-crc32 %08" PRIx32
           "\ndomU: figure vchan-send-ms %.0f\n",
           INGUEST_STREAM_BYTES, sent_crc, (t2 - t1) * 1e3);
    libxenvchan_close(ctrl);
}

int main(void)
{
    int status;

    setvbuf(stdout, NULL, _IOLBF, 0);
    T_CASE(xenstore, "domU: xenstore read and write through /dev/xen/xenbus");
    T_CASE(event_channel, "domU: event channel bound to dom0, notifications both ways");
    T_CASE(map_dom0_pages, "domU: maps dom0's granted pages, data compared, answer written");
    T_CASE(share_pages, "domU: shares pages with dom0 (gntshr), dom0's answer read back");
    T_CASE(vchan, "domU: vchan client to dom0, 1 MiB each way");
    status = t_exit_status();
    printf("%s %d\n", INGUEST_END, status);
    if (xs)
        xs_close(xs);
    return status;
}
