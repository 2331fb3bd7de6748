/* SPDX-License-Identifier: MIT */
/*
 * A real client of libxengnttab and libxenevtchn: upstream's libxenvchan
 * (Debian's libxenvchan.so.4.17), a byte stream between two domains over
 * granted ring pages and an event channel.  Here both ends are processes
 * of dom0: a server that grants the rings (xengntshr_share_page_notify,
 * xengntshr_share_pages) and a client that maps them
 * (xengnttab_map_grant_ref_notify, xengnttab_map_domain_grant_refs), which
 * then move 1 MiB each way and check every byte.
 *
 * libxenvchan finds its rings through xenstore, and needs the dom0 entries
 * that xen-init-dom0 writes: this test starts xenstored with
 * tests/vm/dom0-services unless one runs already (xen-run --services), and
 * stops what it started.  It loads libxenvchan with dlopen(), so that its
 * grant and event channel calls bind to the libraries this program loaded:
 * the ones under test, which it checks.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xentoolcore.h>
#include <xentoollog.h>

/* Upstream's header, on top of this project's xengnttab.h and xenevtchn.h:
 * that it compiles is a check of its own. */
#include <libxenvchan.h>

#include "services.h"
#include "testlib.h"
#include "vstream.h"

#define VCHAN_SONAME "libxenvchan.so.4.17"
#define XS_PATH "/local/domain/0/data/gnttab-vchan-test"
#define DOM0 0

#define STREAM_BYTES (1 << 20)
/* The two rings: 4 and 16 granted pages. */
#define SERVER_READ_MIN (16 * 1024)
#define SERVER_WRITE_MIN (64 * 1024)
/* A stuck transfer ends the program rather than the whole test run. */
#define TIMEOUT_S 300

static const char *libdir;      /* where the libraries under test are */
static bool started_xenstored;
static void *vchan_lib;

static struct {
    __typeof__(libxenvchan_server_init) *server_init;
    __typeof__(libxenvchan_client_init) *client_init;
    __typeof__(libxenvchan_close) *close;
    __typeof__(libxenvchan_read) *read;
    __typeof__(libxenvchan_write) *write;
    __typeof__(libxenvchan_wait) *wait;
    __typeof__(libxenvchan_is_open) *is_open;
} vc;

/* ------------------------------------------------------------ xenstored */

static void start_xenstored(void)
{
    CHECK(svc_xenstored_start(&started_xenstored));
}

static void stop_xenstored(void)
{
    CHECK(svc_xenstored_stop());
}

/* ------------------------------------------------------------ libraries */

/* Whether the code at addr comes from folder dir. */
static bool from_dir(const void *addr, const char *dir, char *got, size_t size)
{
    char want[PATH_MAX], path[PATH_MAX];
    Dl_info info;
    size_t len;

    snprintf(got, size, "?");
    if (!addr || !dladdr(addr, &info) || !info.dli_fname || !realpath(info.dli_fname, path) ||
        !realpath(dir, want))
        return false;
    snprintf(got, size, "%s", path);
    len = strlen(want);
    return strncmp(path, want, len) == 0 && path[len] == '/';
}

/* Every libxengnttab and libxenevtchn mapped into this process comes from
 * libdir, and there is at least one of each.  Returns a complaint, or NULL. */
static const char *maps_only_libdir(void)
{
    static const char *const libs[] = { "libxengnttab.so", "libxenevtchn.so", NULL };

    return t_maps_from(getpid(), libdir, libs);
}

static void load_vchan(void)
{
    static const char *const calls[] = {
        "xengntshr_share_page_notify", "xengntshr_share_pages", "xengntshr_unshare",
        "xengnttab_map_grant_ref_notify", "xengnttab_map_domain_grant_refs", "xengnttab_unmap",
        "xenevtchn_bind_unbound_port", "xenevtchn_notify", "xenevtchn_pending",
    };
    char got[PATH_MAX];
    const char *complaint;

    vchan_lib = dlopen(VCHAN_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!CHECKF(vchan_lib != NULL, "dlopen: %s", dlerror()))
        return;
    vc.server_init = (__typeof__(vc.server_init))dlsym(vchan_lib, "libxenvchan_server_init");
    vc.client_init = (__typeof__(vc.client_init))dlsym(vchan_lib, "libxenvchan_client_init");
    vc.close = (__typeof__(vc.close))dlsym(vchan_lib, "libxenvchan_close");
    vc.read = (__typeof__(vc.read))dlsym(vchan_lib, "libxenvchan_read");
    vc.write = (__typeof__(vc.write))dlsym(vchan_lib, "libxenvchan_write");
    vc.wait = (__typeof__(vc.wait))dlsym(vchan_lib, "libxenvchan_wait");
    vc.is_open = (__typeof__(vc.is_open))dlsym(vchan_lib, "libxenvchan_is_open");
    CHECK(vc.server_init && vc.client_init && vc.close && vc.read && vc.write && vc.wait &&
          vc.is_open);
    /* libxenvchan itself is upstream's, not a build of this project's... */
    CHECKF(!from_dir((const void *)vc.server_init, PROJECT_LIBDIR, got, sizeof(got)) &&
               strcmp(got, "?") != 0,
           "libxenvchan came from %s", got);
    fprintf(stderr, "  %s loaded from %s\n", VCHAN_SONAME, got);
    /* ...and what it calls, as it resolves it, is ours. */
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
        CHECKF(from_dir(dlsym(vchan_lib, calls[i]), libdir, got, sizeof(got)),
               "libxenvchan's %s is %s's", calls[i], got);
    complaint = maps_only_libdir();
    CHECKF(!complaint, "%s", complaint);
}

/* ------------------------------------------------------------ the stream */

/* STREAM_BYTES of stream seed, through the dlopen()ed calls. */
static bool send_stream(struct libxenvchan *ctrl, unsigned seed)
{
    const struct vs_calls calls = { vc.read, vc.write };
    uint32_t crc;

    return vs_send(&calls, ctrl, seed, STREAM_BYTES, &crc);
}

static bool receive_stream(struct libxenvchan *ctrl, unsigned seed)
{
    const struct vs_calls calls = { vc.read, vc.write };
    uint32_t crc;

    return vs_receive(&calls, ctrl, seed, STREAM_BYTES, &crc);
}

/* The client process: its exit status says how it went (see below). */
static int client(int ready_fd)
{
    struct libxenvchan *ctrl;
    const char *complaint;
    char c;

    alarm(TIMEOUT_S);
    if (read(ready_fd, &c, 1) != 1)
        return 2;
    ctrl = vc.client_init(NULL, DOM0, XS_PATH);
    if (!ctrl)
        return 3;
    complaint = maps_only_libdir();
    if (complaint) {
        fprintf(stderr, "  client: %s\n", complaint);
        return 4;
    }
    ctrl->blocking = 1;
    if (!receive_stream(ctrl, 1))
        return 5;
    if (!send_stream(ctrl, 2))
        return 6;
    vc.close(ctrl);
    return 0;
}

static void stream(void)
{
    static const char *const client_failed[] = {
        [2] = "got no word from the server", [3] = "libxenvchan_client_init failed",
        [4] = "ran on other libraries", [5] = "received a wrong stream",
        [6] = "could not send its stream",
    };
    struct libxenvchan *ctrl;
    int ready[2], status = 0;
    bool closed = false;
    pid_t pid;

    if (!CHECK_NE(vc.server_init, NULL) || !CHECK_EQ(pipe(ready), 0))
        return;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        close(ready[1]);
        _exit(client(ready[0]));
    }
    close(ready[0]);
    if (!CHECK_GT(pid, 0))
        return;
    alarm(TIMEOUT_S);
    ctrl = vc.server_init(NULL, DOM0, XS_PATH, SERVER_READ_MIN, SERVER_WRITE_MIN);
    if (CHECK_NE(ctrl, NULL)) {
        ctrl->blocking = 1;
        CHECK_EQ(write(ready[1], "S", 1), 1);
        CHECKF(send_stream(ctrl, 1), "the server could not send its stream");
        CHECKF(receive_stream(ctrl, 2), "the server received a wrong stream");
        /* The client's close clears its "alive" byte in the ring page
         * through its unmap notification, and signals. */
        for (int i = 0; i < 100 && !(closed = !vc.is_open(ctrl)); i++)
            vc.wait(ctrl);
        CHECKF(closed, "the server never saw the client go");
        vc.close(ctrl);
    }
    close(ready[1]);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    alarm(0);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "client: %s (status %#x)",
           WIFEXITED(status) && WEXITSTATUS(status) < 7 && client_failed[WEXITSTATUS(status)]
               ? client_failed[WEXITSTATUS(status)]
               : "died",
           status);
}

/* The server's process still runs on the libraries under test, with
 * nothing left mapped through them. */
static void nothing_left(void)
{
    int grants = t_maps_containing(0, "/dev/xen/gntdev") +
                 t_maps_containing(0, "/dev/xen/gntalloc");

    CHECKF(grants == 0, "%d grant mappings left", grants);
}

int main(void)
{
    libdir = t_libdir_under_test();
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    T_CASE(start_xenstored, "vchan: xenstored runs (tests/vm/dom0-services)");
    T_CASE(load_vchan, "vchan: upstream's libxenvchan calls the libraries under test");
    T_CASE(stream, "vchan: server and client processes move 1 MiB each way intact");
    T_CASE(nothing_left, "vchan: the server's grants are all gone after close");
    if (started_xenstored)
        T_CASE(stop_xenstored, "vchan: xenstored stopped again");
    return t_exit_status();
}
