/* SPDX-License-Identifier: MIT */
/*
 * The libraries inside a guest: a PV domU, booted by upstream's xl with
 * dom0's kernel and an initramfs made here, runs tests/cross/guest-inguest-domu
 * (static, from the project's archives) against this dom0 program:
 *
 *   - xenstore: the domU reads a token dom0 wrote and writes it back,
 *     through its /dev/xen/xenbus;
 *   - an event channel dom0 allocates and the domU binds carries
 *     INGUEST_ROUNDS notifications each way, as a ping-pong;
 *   - dom0 grants pages (gntshr) that the domU maps, checks and answers
 *     in, and the domU grants pages that dom0 maps, checks and answers in;
 *   - a libxenvchan server in a dom0 process, on the project's shared
 *     libraries (its /proc/PID/maps), moves 1 MiB each way with the
 *     domU's client, each end checking every byte and giving a CRC-32.
 *
 * The domU reports on its console, which xenconsoled logs here; its
 * PASS/FAIL lines are repeated as this program's own and its figures
 * are compared with dom0's.  Every wait is bounded; the domU is destroyed
 * with xl in the end, and by a guard process if this program dies first.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>
#include <xentoolcore.h>
#include <xentoollog.h>
#include <libxenvchan.h>

#include "inguest.h"
#include "services.h"
#include "testlib.h"
#include "vstream.h"
#include "xlguest.h"

#define DOMU_PROGRAM "guest-inguest-domu"
#define GUEST_PROGRAM PROJECT_LIBDIR "/../tests/cross/" DOMU_PROGRAM
#define GUEST_MEMORY_MB 128
#define CONSOLE_DIR "/var/log/xen/console"
/* The whole test, should everything hang: the guard destroys the domU. */
#define ALARM_S 900

static const char *const project_libs[] = { "libxengnttab.so", "libxenevtchn.so",
                                            "libxentoolcore.so", "libxentoollog.so", NULL };
static const char *const upstream_libs[] = { "libxenvchan.so", "libxenstore.so", NULL };

static const char *libdir;      /* where the libraries under test are */
static bool started_xenstored;
static pid_t xenconsoled;       /* > 0: started here */
static struct xlguest guest = { .domid = -1, .guard_fd = -1 };
static struct xs_handle *xs;
static char base[64];           /* /local/domain/<domid>/data/inguest */
static bool domu_stuck;         /* it missed a step: waits are short */
static double t_unpaused;
static double t_boot;           /* unpause to the domU's xenstore write */

/* Dom0's end of each exchange. */
static xenevtchn_handle *xce;
static evtchn_port_t port;
static xengntshr_handle *xgs;
static void *dom0_pages;
static uint32_t dom0_pages_crc;
static uint32_t domu_pages_crc; /* as dom0 read them */
static unsigned evtchn_received, evtchn_sent;
static double evtchn_us;

/* The vchan server process and what it reports through a pipe. */
static pid_t server = -1;
static int server_pipe = -1;
static struct server_report {
    bool sent, received, saw_close;
    uint32_t sent_crc, received_crc;
    double receive_ms;
} report;

/* What the domU's console said. */
static char console[64 * 1024];

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ xenstore */

static char *get(const char *key)
{
    char path[128];
    unsigned len;

    snprintf(path, sizeof(path), "%s/%s", base, key);
    return xs_read(xs, XBT_NULL, path, &len);
}

static bool put(const char *key, const char *value)
{
    char path[128];

    snprintf(path, sizeof(path), "%s/%s", base, key);
    return CHECKF(xs_write(xs, XBT_NULL, path, value, strlen(value)), "xs_write %s: %s", path,
                  strerror(errno));
}

/* When a wait for the domU starting now gives up: a step's worth, or
 * soon once the domU has missed a step (whose case failed then). */
static double wait_limit(void)
{
    return now_s() + (domu_stuck ? 5 : INGUEST_WAIT_S);
}

/* Waits for the domU to write key. */
static char *await(const char *key)
{
    double limit = wait_limit();

    while (now_s() < limit) {
        char *v = get(key);

        if (v)
            return v;
        usleep(20000);
    }
    fprintf(stderr, "  the domU never wrote %s/%s\n", base, key);
    domu_stuck = true;
    return NULL;
}

/* ------------------------------------------------------------ set-up */

/* The guest program came from the project's archives, and only its two
 * allowed parts from upstream's: the linker's map says where each
 * archive member was taken from. */
static void guest_program_linked(void)
{
    static const char *const ours[] = { "libxengnttab.a(", "libxenevtchn.a(",
                                        "libxentoolcore.a(", "libxentoollog.a(" };
    static const char *const theirs[] = { "libxenvchan.a(", "libxenstore.a(" };
    char line[1024];
    unsigned from_ours[4] = { 0 }, from_theirs[2] = { 0 }, elsewhere = 0;
    FILE *f = fopen(GUEST_PROGRAM ".map", "re");

    if (!CHECKF(f != NULL, "%s.map: %s", GUEST_PROGRAM, strerror(errno)))
        return;
    while (fgets(line, sizeof(line), f)) {
        char *member = strstr(line, ".a(");
        bool known = false;

        /* Only the archive-member lines at the top name an archive. */
        if (!member || line[0] != '/')
            continue;
        for (int i = 0; i < 4; i++)
            if (strstr(line, ours[i])) {
                known = true;
                from_ours[i] += strncmp(line, PROJECT_LIBDIR "/", strlen(PROJECT_LIBDIR) + 1) == 0;
                elsewhere += strncmp(line, PROJECT_LIBDIR "/", strlen(PROJECT_LIBDIR) + 1) != 0;
            }
        for (int i = 0; i < 2; i++)
            if (strstr(line, theirs[i])) {
                known = true;
                from_theirs[i] += strncmp(line, UPSTREAM_LIBDIR "/", strlen(UPSTREAM_LIBDIR) + 1) == 0;
            }
        /* libc's own members are fine; no other Xen library may come in. */
        if (!known && strstr(line, "/libxen")) {
            elsewhere++;
            fprintf(stderr, "  unexpected: %s", line);
        }
    }
    fclose(f);
    for (int i = 0; i < 4; i++)
        CHECKF(from_ours[i] > 0, "no member of %s/%s", PROJECT_LIBDIR, ours[i]);
    for (int i = 0; i < 2; i++)
        CHECKF(from_theirs[i] > 0, "no member of %s/%s", UPSTREAM_LIBDIR, theirs[i]);
    CHECKF(elsewhere == 0, "%u Xen library members from elsewhere", elsewhere);
    fprintf(stderr, "  %s: members of libxengnttab.a %u, libxenevtchn.a %u, libxentoolcore.a %u, "
            "libxentoollog.a %u from %s\n", GUEST_PROGRAM, from_ours[0], from_ours[1],
            from_ours[2], from_ours[3], PROJECT_LIBDIR);
}

static void services(void)
{
    pid_t running;

    CHECK(svc_xenstored_start(&started_xenstored));
    running = svc_find("xenconsoled");
    if (running) {
        fprintf(stderr, "  xenconsoled runs already (pid %d): using it\n", (int)running);
    } else {
        xenconsoled = svc_xenconsoled_start(CONSOLE_DIR);
        CHECK_GT(xenconsoled, 0);
    }
    xs = xs_open(0);
    CHECKF(xs != NULL, "xs_open: %s", strerror(errno));
}

/* The domU's initramfs: its /init runs the program on the console. */
static void initramfs(void)
{
    static const char *const files[] = { GUEST_PROGRAM, NULL };
    static const char *const modules[] = { "xen-evtchn", "xen-gntdev", "xen-gntalloc", NULL };

    CHECK(xlguest_initramfs(&guest, "inguest",
                            "echo \"domU: init runs the test program\"\n"
                            "/" DOMU_PROGRAM "\n"
                            "echo \"domU: program exited with $?\"",
                            files, modules));
}

static void create(void)
{
    if (!CHECK_NE(xs, NULL) || xlguest_create(&guest, CONSOLE_DIR, GUEST_MEMORY_MB, true) < 0)
        return;
    snprintf(base, sizeof(base), "/local/domain/%d/data/inguest", guest.domid);
}

/* The vchan server: reports through fd, exits 0 when it got that far. */
static void vchan_server(int fd)
{
    static const struct vs_calls calls = { libxenvchan_read, libxenvchan_write };
    char path[64];
    struct libxenvchan *ctrl;
    double t0;

    alarm(ALARM_S);
    snprintf(path, sizeof(path), "/local/domain/%d/%s", guest.domid, INGUEST_VCHAN);
    /* Rings of 16 and 64 KiB: granted pages, not the shared page's slots. */
    ctrl = libxenvchan_server_init(NULL, guest.domid, path, 16 * 1024, 64 * 1024);
    if (!ctrl || write(fd, "R", 1) != 1)
        _exit(2);
    ctrl->blocking = 1;
    /* Its send starts before the domU runs: only the receive is timed. */
    report.sent = vs_send(&calls, ctrl, INGUEST_SEED_DOM0_STREAM, INGUEST_STREAM_BYTES,
                          &report.sent_crc);
    t0 = now_s();
    report.received = report.sent && vs_receive(&calls, ctrl, INGUEST_SEED_DOMU_STREAM,
                                                INGUEST_STREAM_BYTES, &report.received_crc);
    report.receive_ms = (now_s() - t0) * 1e3;
    /* The client's close shows in the ring's shared page. */
    for (int i = 0; i < 100 && !report.saw_close; i++)
        report.saw_close = !libxenvchan_is_open(ctrl) || (libxenvchan_wait(ctrl), false);
    libxenvchan_close(ctrl);
    _exit(write(fd, &report, sizeof(report)) == sizeof(report) ? 0 : 3);
}

static void prepare(void)
{
    char text[INGUEST_PAGES * 12] = "", token[32], c;
    uint32_t refs[INGUEST_PAGES];
    xenevtchn_port_or_error_t p;
    int fds[2];
    const char *complaint;

    if (!CHECK_GT(guest.domid, 0) || !CHECK_EQ(pipe2(fds, O_CLOEXEC), 0))
        return;
    fflush(stdout);
    fflush(stderr);
    server = fork();
    if (server == 0) {
        /* It must not outlive the test, nor hold the guard's pipe. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close(guest.guard_fd);
        close(fds[0]);
        vchan_server(fds[1]);
    }
    close(fds[1]);
    server_pipe = fds[0];
    if (CHECK_GT(server, 0) && CHECKF(read(server_pipe, &c, 1) == 1, "the vchan server failed")) {
        complaint = t_maps_from(server, libdir, project_libs);
        CHECKF(!complaint, "vchan server (pid %d): %s", (int)server, complaint);
        complaint = t_maps_from(server, UPSTREAM_LIBDIR, upstream_libs);
        CHECKF(!complaint, "vchan server (pid %d): %s", (int)server, complaint);
        fprintf(stderr, "  vchan server pid %d maps libxengnttab, libxenevtchn, libxentoolcore,"
                " libxentoollog from %s; libxenvchan, libxenstore from %s\n", (int)server,
                libdir, UPSTREAM_LIBDIR);
    }

    snprintf(token, sizeof(token), "token-%d-%ld", (int)getpid(), (long)time(NULL));
    put(INGUEST_KEY_TOKEN, token);

    xce = xenevtchn_open(NULL, 0);
    if (CHECK_NE(xce, NULL)) {
        p = xenevtchn_bind_unbound_port(xce, (uint32_t)guest.domid);
        if (CHECKF(p >= 0, "bind_unbound_port: %s", strerror(errno))) {
            port = (evtchn_port_t)p;
            snprintf(text, sizeof(text), "%u", port);
            put(INGUEST_KEY_PORT, text);
        }
    }

    xgs = xengntshr_open(NULL, 0);
    if (CHECK_NE(xgs, NULL)) {
        dom0_pages = xengntshr_share_pages(xgs, (uint32_t)guest.domid, INGUEST_PAGES, refs, 1);
        if (CHECKF(dom0_pages != NULL, "share_pages: %s", strerror(errno))) {
            vs_fill(dom0_pages, INGUEST_SEED_DOM0_PAGES, 0, INGUEST_PAGES * 4096);
            dom0_pages_crc = vs_crc32(0, dom0_pages, INGUEST_PAGES * 4096);
            text[0] = '\0';
            for (int i = 0; i < INGUEST_PAGES; i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%" PRIu32,
                         i ? " " : "", refs[i]);
            put(INGUEST_KEY_DOM0_REFS, text);
        }
    }
}

static void unpause(void)
{
    if (xlguest_unpause(&guest))
        t_unpaused = now_s();
}

/* ------------------------------------------------------------ exchanges */

static void xenstore_echo(void)
{
    char *token, *echo, want[160];

    if (!CHECK_GT(guest.domid, 0) || !CHECK_NE((token = get(INGUEST_KEY_TOKEN)), NULL))
        return;
    echo = await(INGUEST_KEY_ECHO);
    snprintf(want, sizeof(want), INGUEST_ECHO_FMT, guest.domid, token);
    if (CHECK_NE(echo, NULL)) {
        CHECKF(strcmp(echo, want) == 0, "the domU wrote '%s', not '%s'", echo, want);
        t_boot = now_s() - t_unpaused;
        printf("  figure: domU's xenstore write seen %.1f s after unpause: \"%s\"\n", t_boot,
               echo);
    }
    free(token);
    free(echo);
}

/* Waits for the next event on port. */
static bool wait_event(void)
{
    struct pollfd pfd = { .fd = xenevtchn_fd(xce), .events = POLLIN };

    if (poll(&pfd, 1, (int)((wait_limit() - now_s()) * 1000)) != 1) {
        domu_stuck = true;
        return false;
    }
    return xenevtchn_pending(xce) == (xenevtchn_port_or_error_t)port &&
           xenevtchn_unmask(xce, port) == 0;
}

static void event_channel(void)
{
    double t0 = 0;

    if (!CHECK_GT(guest.domid, 0) || !CHECK_NE(xce, NULL))
        return;
    for (int i = 0; i < INGUEST_ROUNDS; i++) {
        if (!wait_event())
            break;
        if (i == 0)
            t0 = now_s();
        evtchn_received++;
        if (xenevtchn_notify(xce, port) < 0)
            break;
        evtchn_sent++;
    }
    CHECKF(evtchn_received == INGUEST_ROUNDS && evtchn_sent == INGUEST_ROUNDS,
           "received %u, sent %u of %d", evtchn_received, evtchn_sent, INGUEST_ROUNDS);
    if (evtchn_received > 1)
        evtchn_us = (now_s() - t0) * 1e6 / (evtchn_received - 1);
    xenevtchn_unbind(xce, port);
}

static void dom0_pages_read(void)
{
    char *crc;
    char want[16];
    size_t bad = 0;

    if (!CHECK_GT(guest.domid, 0) || !CHECK_NE(dom0_pages, NULL))
        return;
    crc = await(INGUEST_KEY_DOMU_MAPPED);
    snprintf(want, sizeof(want), "%08" PRIx32, dom0_pages_crc);
    if (CHECK_NE(crc, NULL))
        CHECKF(strcmp(crc, want) == 0, "the domU read CRC %s, dom0 shared %s", crc, want);
    CHECKF(vs_matches(dom0_pages, INGUEST_SEED_DOMU_REPLY, 0, INGUEST_PAGES * 4096, &bad),
           "byte %zu of the domU's answer is wrong", bad);
    CHECK_EQ(xengntshr_unshare(xgs, dom0_pages, INGUEST_PAGES), 0);
    dom0_pages = NULL;
    free(crc);
}

static void domu_pages_mapped(void)
{
    const size_t size = INGUEST_PAGES * 4096;
    xengnttab_handle *xgt = xengnttab_open(NULL, 0);
    char *text = NULL, *end, crc[16];
    uint32_t refs[INGUEST_PAGES];
    size_t bad = 0;
    void *pages;

    if (!CHECK_GT(guest.domid, 0) || !CHECK_NE(xgt, NULL) ||
        !CHECK_NE((text = await(INGUEST_KEY_DOMU_REFS)), NULL))
        goto out;
    end = text;
    for (int i = 0; i < INGUEST_PAGES; i++)
        refs[i] = (uint32_t)strtoul(end, &end, 10);
    pages = xengnttab_map_domain_grant_refs(xgt, INGUEST_PAGES, (uint32_t)guest.domid, refs,
                                            PROT_READ | PROT_WRITE);
    if (!CHECKF(pages != NULL, "map the domU's refs %s: %s", text, strerror(errno)))
        goto out;
    CHECKF(vs_matches(pages, INGUEST_SEED_DOMU_PAGES, 0, size, &bad),
           "byte %zu of the domU's pages is wrong", bad);
    domu_pages_crc = vs_crc32(0, pages, size);
    vs_fill(pages, INGUEST_SEED_DOM0_REPLY, 0, size);
    CHECK_EQ(xengnttab_unmap(xgt, pages, INGUEST_PAGES), 0);
    snprintf(crc, sizeof(crc), "%08" PRIx32, domu_pages_crc);
    put(INGUEST_KEY_DOM0_MAPPED, crc);
out:
    free(text);
    xengnttab_close(xgt);
}

static void vchan_stream(void)
{
    struct pollfd pfd = { .fd = server_pipe, .events = POLLIN };
    int status = 0;

    if (!CHECK_GT(server, 0))
        return;
    if (CHECKF(poll(&pfd, 1, (int)((wait_limit() - now_s()) * 1000)) == 1 &&
                   read(server_pipe, &report, sizeof(report)) == sizeof(report),
               "no report from the vchan server")) {
        CHECKF(report.sent, "the server could not send its stream");
        CHECKF(report.received, "the server received a wrong stream");
        CHECKF(report.saw_close, "the server never saw the client close");
    } else {
        domu_stuck = true;
        kill(server, SIGKILL);
    }
    CHECK_EQ(waitpid(server, &status, 0), server);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "vchan server: status %#x", status);
    server = -1;
}

/* ------------------------------------------------------------ the console */

/* The value of "domU: figure NAME VALUE" on the console, or "".  The
 * last few values stay valid, for one printf of several. */
static const char *figure(const char *key)
{
    static char values[8][64];
    static unsigned next;
    char pattern[96], *value = values[next++ % 8];
    const char *at;

    snprintf(pattern, sizeof(pattern), "domU: figure %s ", key);
    value[0] = '\0';
    at = strstr(console, pattern);
    if (at)
        sscanf(at + strlen(pattern), "%63s", value);
    return value;
}

static bool read_console(void)
{
    xlguest_console(&guest, console, sizeof(console));
    return strstr(console, INGUEST_END) != NULL;
}

static void console_report(void)
{
    static char lines[sizeof(console)];
    char hex[16], *line, *save;
    unsigned passes = 0, fails = 0;
    double limit = wait_limit();
    bool ended;

    if (!CHECK_GT(guest.domid, 0))
        return;
    while (!(ended = read_console()) && now_s() < limit)
        usleep(100000);
    CHECKF(ended, "no '%s' line in %s", INGUEST_END, guest.console_log);
    snprintf(hex, sizeof(hex), "%08" PRIx32, report.sent_crc);
    CHECKF(strcmp(figure("vchan-received-crc32"), hex) == 0, "vchan: dom0 sent CRC %s, domU got %s",
           hex, figure("vchan-received-crc32"));
    snprintf(hex, sizeof(hex), "%08" PRIx32, report.received_crc);
    CHECKF(strcmp(figure("vchan-sent-crc32"), hex) == 0, "vchan: domU sent CRC %s, dom0 got %s",
           figure("vchan-sent-crc32"), hex);
    snprintf(hex, sizeof(hex), "%08" PRIx32, dom0_pages_crc);
    CHECKF(strcmp(figure("dom0-pages-crc32"), hex) == 0, "dom0's pages: CRC %s, domU read %s",
           hex, figure("dom0-pages-crc32"));
    snprintf(hex, sizeof(hex), "%08" PRIx32, domu_pages_crc);
    CHECKF(strcmp(figure("domU-pages-crc32"), hex) == 0, "domU's pages: CRC %s, dom0 read %s",
           figure("domU-pages-crc32"), hex);
    CHECK_EQ(atoi(figure("evtchn-sent")), INGUEST_ROUNDS);
    CHECK_EQ(atoi(figure("evtchn-received")), INGUEST_ROUNDS);
    CHECKF(atoi(figure("domid")) == guest.domid, "the domU says it is domain %s", figure("domid"));

    /* The domU's verdicts become this program's, after the console. */
    fprintf(stderr, "  ---- %s\n", guest.console_log);
    memcpy(lines, console, sizeof(lines));
    for (line = strtok_r(lines, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save))
        fprintf(stderr, "  | %s\n", line);
    memcpy(lines, console, sizeof(lines));
    for (line = strtok_r(lines, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        if (strncmp(line, "PASS: " DOMU_PROGRAM ":", strlen("PASS: " DOMU_PROGRAM ":")) == 0)
            passes++;
        else if (strncmp(line, "FAIL: " DOMU_PROGRAM ":", strlen("FAIL: " DOMU_PROGRAM ":")) == 0)
            fails++;
        else
            continue;
        printf("%s\n", line);
    }
    CHECKF(passes == 5 && fails == 0, "the domU passed %u and failed %u of its 5 cases", passes,
           fails);
}

static void destroy(void)
{
    xlguest_destroy(&guest);
}

/* Whatever the cases got to, the domU goes, then the daemons started. */
static void tear_down(void)
{
    if (guest.domid > 0)
        destroy();
    if (server > 0) {
        kill(server, SIGKILL);
        waitpid(server, NULL, 0);
    }
    if (server_pipe >= 0)
        close(server_pipe);
    if (dom0_pages)
        CHECK_EQ(xengntshr_unshare(xgs, dom0_pages, INGUEST_PAGES), 0);
    xengntshr_close(xgs);
    xenevtchn_close(xce);
    if (xs)
        xs_close(xs);
    if (xenconsoled > 0)
        CHECK(svc_stop(xenconsoled));
    if (started_xenstored)
        CHECK(svc_xenstored_stop());
    xlguest_remove_files(&guest);
}

static void figures(void)
{
    printf("  figure: vchan dom0 -> domU: %d bytes, CRC-32 %08" PRIx32 " sent, %s received, "
           "%s ms (domU's receive)\n", INGUEST_STREAM_BYTES, report.sent_crc,
           figure("vchan-received-crc32"), figure("vchan-receive-ms"));
    printf("  figure: vchan domU -> dom0: %d bytes, CRC-32 %s sent, %08" PRIx32 " received, "
           "%.0f ms (dom0's receive), %s ms (domU's send)\n", INGUEST_STREAM_BYTES,
           figure("vchan-sent-crc32"), report.received_crc, report.receive_ms,
           figure("vchan-send-ms"));
    printf("  figure: grants dom0 -> domU: %d pages, CRC-32 %08" PRIx32 " shared, %s read\n",
           INGUEST_PAGES, dom0_pages_crc, figure("dom0-pages-crc32"));
    printf("  figure: grants domU -> dom0: %d pages, CRC-32 %s shared, %08" PRIx32 " read\n",
           INGUEST_PAGES, figure("domU-pages-crc32"), domu_pages_crc);
    printf("  figure: event channel: dom0 received %u, sent %u; domU sent %s, received %s; "
           "round trip %.0f us (dom0), %s us (domU)\n", evtchn_received, evtchn_sent,
           figure("evtchn-sent"), figure("evtchn-received"), evtchn_us,
           figure("evtchn-round-trip-us"));
}

int main(void)
{
    double t0 = now_s();

    libdir = t_libdir_under_test();
    alarm(ALARM_S);
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    T_CASE(guest_program_linked,
           "inguest: the domU program is linked from the project's archives (linker map)");
    T_CASE(services, "inguest: xenstored and xenconsoled run");
    T_CASE(initramfs, "inguest: the domU's initramfs is built");
    T_CASE(create, "inguest: upstream's xl creates the domU paused");
    T_CASE(prepare, "inguest: dom0 sets up vchan server, event channel and grants for the domU");
    T_CASE(unpause, "inguest: the domU is unpaused");
    T_CASE(xenstore_echo, "inguest: dom0 reads the domU's xenstore write (its /dev/xen/xenbus)");
    T_CASE(event_channel, "inguest: event channel to the domU, notifications both ways");
    T_CASE(dom0_pages_read,
           "inguest: the domU read dom0's granted pages intact and answered in them");
    T_CASE(domu_pages_mapped,
           "inguest: dom0 maps the domU's granted pages, data compared, answer written");
    T_CASE(vchan_stream, "inguest: vchan server in dom0 moves 1 MiB each way with the domU");
    T_CASE(console_report,
           "inguest: the domU's console (xenconsoled's log) agrees on every figure");
    figures();
    T_CASE(destroy, "inguest: upstream's xl destroys the domU");
    T_CASE(tear_down, "inguest: tear-down (domU gone, daemons stopped)");
    printf("  figure: this test took %.0f s, the domU's boot to its xenstore write %.0f s\n",
           now_s() - t0, t_boot);
    return t_exit_status();
}
