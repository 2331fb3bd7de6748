/* SPDX-License-Identifier: MIT */
/*
 * Fault injection against the real drivers, in a Xen dom0:
 *
 * - every allocation failing in turn (tests/lib/failalloc.c): for each
 *   library's open and for calls on open handles, allocation N = 1, 2, ...
 *   fails until the call gets through with none failing; each failure must
 *   end in a clean error (NULL or -1, errno set), leave no heap block, fd
 *   or mapping behind, and the handle usable;
 * - no file descriptors left (RLIMIT_NOFILE), then one, two, ... until the
 *   open succeeds: EMFILE each time, nothing leaked;
 * - hypercall buffers with no /dev/xen/hypercall, RLIMIT_MEMLOCK 0 and no
 *   CAP_IPC_LOCK: allocation fails cleanly, buffer-less hypercalls still
 *   work, and buffers come back once the limit allows them;
 * - a driver not loaded (xen-gntalloc: boot with xen-run --omit-module
 *   xen-gntalloc, or, when it is loaded, it is unloaded here and loaded
 *   again from the dom0 kernel's modules): the open fails with ENOENT and
 *   the message names the device.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xencall.h>
#include <xenctrl.h>
#include <xendevicemodel.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>
#include <xenkexec.h>
#include <xentoollog.h>

#include <xen/version.h>

#include "child.h"
#include "failalloc.h"
#include "testdom.h"
#include "testlib.h"

#define DOM0 0

/* One call to inject failures into: attempt() makes it (true: it
 * succeeded), undo() releases what a success made, usable() (optional)
 * proves the handle it ran on still works after a failure. */
struct fault_call {
    const char *name;
    bool (*attempt)(void);
    void (*undo)(void);
    bool (*usable)(void);
};

static xentoollog_logger *quiet;        /* the failures' messages */
static xencall_handle *xcall;
static xenevtchn_handle *xce;
static xengnttab_handle *xgt;
static xengntshr_handle *xgs;
static xenforeignmemory_handle *fmem;
static xendevicemodel_handle *dmod;
static xenkexec_handle *kexec;
static xc_interface *xch;
static xentoollog_logger_stdiostream *made_logger;
static void *buffer, *mapping, *shared, *shared_more;
static uint32_t grant_ref, grant_ref_more;
static int hvm = -1;

static bool xen_version_answers(void)
{
    return xencall2(xcall, __HYPERVISOR_xen_version, XENVER_version, 0) == t_xen_version();
}

/* ------------------------------------------------------------ opens */

static bool open_xencall(void) { return (xcall = xencall_open(quiet, 0)) != NULL; }
static void close_xencall(void) { xencall_close(xcall); xcall = NULL; }
static bool open_evtchn(void) { return (xce = xenevtchn_open(quiet, 0)) != NULL; }
static void close_evtchn(void) { xenevtchn_close(xce); xce = NULL; }
static bool open_gnttab(void) { return (xgt = xengnttab_open(quiet, 0)) != NULL; }
static void close_gnttab(void) { xengnttab_close(xgt); xgt = NULL; }
static bool open_gntshr(void) { return (xgs = xengntshr_open(quiet, 0)) != NULL; }
static void close_gntshr(void) { xengntshr_close(xgs); xgs = NULL; }
static bool open_fmem(void) { return (fmem = xenforeignmemory_open(quiet, 0)) != NULL; }
static void close_fmem(void) { xenforeignmemory_close(fmem); fmem = NULL; }
static bool open_dmod(void) { return (dmod = xendevicemodel_open(quiet, 0)) != NULL; }
static void close_dmod(void) { xendevicemodel_close(dmod); dmod = NULL; }
static bool open_kexec(void) { return (kexec = xenkexec_open(quiet, 0)) != NULL; }
static void close_kexec(void) { xenkexec_close(kexec); kexec = NULL; }
static bool open_xc(void) { return (xch = xc_interface_open(quiet, NULL, 0)) != NULL; }
static void close_xc(void) { xc_interface_close(xch); xch = NULL; }

static bool make_logger(void)
{
    return (made_logger = xtl_createlogger_stdiostream(stderr, XTL_ERROR, 0)) != NULL;
}

static void destroy_logger(void)
{
    xtl_logger_destroy((xentoollog_logger *)made_logger);
    made_logger = NULL;
}

static const struct fault_call opens[] = {
    { "xencall_open", open_xencall, close_xencall, NULL },
    { "xenevtchn_open", open_evtchn, close_evtchn, NULL },
    { "xengnttab_open", open_gnttab, close_gnttab, NULL },
    { "xengntshr_open", open_gntshr, close_gntshr, NULL },
    { "xenforeignmemory_open", open_fmem, close_fmem, NULL },
    { "xendevicemodel_open", open_dmod, close_dmod, NULL },
    { "xenkexec_open", open_kexec, close_kexec, NULL },
    { "xc_interface_open", open_xc, close_xc, NULL },
    { "xtl_createlogger_stdiostream", make_logger, destroy_logger, NULL },
};

/* ---------------------------------------------------- calls on handles */

/* (Calls that allocate nothing, e.g. xenevtchn_bind_unbound_port() or any
 * libxendevicemodel call, have no failure to inject.) */

static bool alloc_pages(void) { return (buffer = xencall_alloc_buffer_pages(xcall, 3)) != NULL; }
static void free_pages(void) { xencall_free_buffer_pages(xcall, buffer, 3); }
static bool alloc_bytes(void) { return (buffer = xencall_alloc_buffer(xcall, 5000)) != NULL; }
static void free_bytes(void) { xencall_free_buffer(xcall, buffer); }

static bool xcall_usable(void)
{
    void *p = xencall_alloc_buffer_pages(xcall, 1);

    xencall_free_buffer_pages(xcall, p, 1);
    return p && xen_version_answers();
}

/* The page the grant mappings map, shared once. */
static bool share_page(void)
{
    return (shared = xengntshr_share_pages(xgs, DOM0, 1, &grant_ref, 1)) != NULL;
}

static void unshare_page(void) { xengntshr_unshare(xgs, shared, 1); }

static bool share_more(void)
{
    return (shared_more = xengntshr_share_pages(xgs, DOM0, 1, &grant_ref_more, 1)) != NULL;
}

static void unshare_more(void) { xengntshr_unshare(xgs, shared_more, 1); }

static bool map_grant(void)
{
    return (mapping = xengnttab_map_grant_ref(xgt, DOM0, grant_ref, PROT_READ)) != NULL;
}

static void unmap_grant(void) { xengnttab_unmap(xgt, mapping, 1); }

/* The page shared for map_grant, read back through a new mapping. */
static bool gnttab_usable(void)
{
    const volatile uint32_t *m = xengnttab_map_grant_ref(xgt, DOM0, grant_ref, PROT_READ);
    bool ok = m && *m == 0x5eed;

    if (m)
        xengnttab_unmap(xgt, (void *)m, 1);
    return ok;
}

static bool gntshr_usable(void)
{
    uint32_t ref;
    void *p = xengntshr_share_pages(xgs, DOM0, 1, &ref, 1);

    return p && xengntshr_unshare(xgs, p, 1) == 0;
}

static bool map_foreign(void)
{
    xen_pfn_t gfns[2] = { 0, 1 };
    int err[2];

    mapping = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 2, gfns, err);
    return mapping != NULL;
}

static void unmap_foreign(void) { xenforeignmemory_unmap(fmem, mapping, 2); }

static bool fmem_usable(void)
{
    bool ok = map_foreign();

    if (ok)
        unmap_foreign();
    return ok;
}

static void nothing(void) {}

static bool xc_physinfo_works(void)
{
    xc_physinfo_t info = { 0 };

    return xc_physinfo(xch, &info) == 0 && info.nr_cpus > 0;
}

static bool xc_getinfo_works(void)
{
    xc_dominfo_t info[2];

    return xc_domain_getinfo(xch, 0, 2, info) >= 1 && info[0].domid == 0;
}

static const struct fault_call calls[] = {
    { "xencall_alloc_buffer_pages", alloc_pages, free_pages, xcall_usable },
    { "xencall_alloc_buffer", alloc_bytes, free_bytes, xcall_usable },
    { "xengntshr_share_pages", share_more, unshare_more, gntshr_usable },
    { "xengnttab_map_grant_ref", map_grant, unmap_grant, gnttab_usable },
    { "xenforeignmemory_map", map_foreign, unmap_foreign, fmem_usable },
    { "xc_physinfo", xc_physinfo_works, nothing, xc_physinfo_works },
    { "xc_domain_getinfo", xc_getinfo_works, nothing, xc_getinfo_works },
};

/* ------------------------------------------------------ the injection */

/* Fails allocation 1, 2, ... of f until it succeeds with none failing. */
static void inject(const struct fault_call *f)
{
    unsigned long n, seen, coped = 0;

    for (n = 1; n <= 100000; n++) {
        struct t_fd_set fds;
        unsigned long mapped = t_mapped_bytes(), live;
        bool ok;
        int err;

        t_fds_snapshot(&fds);
        errno = 0;
        failalloc_arm(n);
        ok = f->attempt();
        err = errno;
        seen = failalloc_disarm();
        live = failalloc_live();
        if (seen < n) {
            CHECKF(ok, "%s: failed (%s) with no allocation failing", f->name, strerror(err));
            if (ok)
                f->undo();
            break;
        }
        if (ok) {
            /* It coped (a retry, a fallback): then it must have worked. */
            coped++;
            f->undo();
            continue;
        }
        CHECKF(err != 0, "%s: allocation %lu failing: no errno", f->name, n);
        CHECKF(live == 0, "%s: allocation %lu failing left %lu heap blocks", f->name, n, live);
        for (int fd = 0; fd < 1024; fd++)
            CHECKF((fcntl(fd, F_GETFD) >= 0) == fds.open[fd], "%s: allocation %lu failing: fd %d %s",
                   f->name, n, fd, fds.open[fd] ? "closed" : "left open");
        /* Less is fine: a library may give back cached buffers and retry. */
        CHECKF(t_mapped_bytes() <= mapped, "%s: allocation %lu failing left %lu bytes mapped",
               f->name, n, t_mapped_bytes() - mapped);
        if (f->usable)
            CHECKF(f->usable(), "%s: unusable after allocation %lu failed", f->name, n);
    }
    fprintf(stderr, "  %s: %lu allocation failures injected, one per attempt: %lu clean "
            "errors, %lu coped\n", f->name, n - 1, n - 1 - coped, coped);
    CHECKF(n > 1, "%s: makes no allocation the injector saw", f->name);
}

static const struct fault_call *current;

static void test_inject_current(void)
{
    inject(current);
}

static void test_injector_active(void)
{
    CHECK(failalloc_active());
}

/* Opens every handle the calls need and shares the page map_grant maps. */
static bool open_all(void)
{
    if (!open_xencall() || !open_gnttab() || !open_gntshr() || !open_fmem() ||
        !open_xc() || (hvm = testdom_create_hvm(4)) < 0 || !share_page())
        return false;
    *(volatile uint32_t *)shared = 0x5eed;
    return true;
}

static bool opened;

static void test_open_all(void)
{
    opened = CHECKF(open_all(), "%s", strerror(errno));
}

static void close_all(void)
{
    if (xgs && shared)
        unshare_page();
    close_xc();
    close_fmem();
    close_gntshr();
    close_gnttab();
    close_xencall();
    if (hvm >= 0)
        testdom_destroy(hvm);
}

/* ------------------------------------------------------- no fds left */

/* Sets RLIMIT_NOFILE so that exactly `spare` descriptors can be opened. */
static bool leave_fds(int spare, struct rlimit *saved)
{
    struct rlimit lim;
    int fd = 0;

    for (int free_seen = 0;; fd++)
        if (fcntl(fd, F_GETFD) < 0 && free_seen++ == spare)
            break;
    getrlimit(RLIMIT_NOFILE, saved);
    lim = *saved;
    lim.rlim_cur = (rlim_t)fd;
    return setrlimit(RLIMIT_NOFILE, &lim) == 0;
}

static void test_no_fds_left(void)
{
    for (size_t i = 0; i < sizeof(opens) / sizeof(opens[0]); i++) {
        const struct fault_call *f = &opens[i];
        int spare;

        if (f->attempt == make_logger)
            continue;       /* opens no descriptor */
        for (spare = 0; spare < 16; spare++) {
            struct t_fd_set fds;
            struct rlimit saved;
            unsigned long mapped = t_mapped_bytes();
            bool ok;
            int err;

            t_fds_snapshot(&fds);
            if (!CHECK(leave_fds(spare, &saved)))
                return;
            errno = 0;
            ok = f->attempt();
            err = errno;
            setrlimit(RLIMIT_NOFILE, &saved);
            if (ok) {
                f->undo();
                break;
            }
            CHECKF(err == EMFILE, "%s with %d fds left: errno %d (%s)", f->name, spare, err,
                   strerror(err));
            for (int fd = 0; fd < 1024; fd++)
                CHECKF((fcntl(fd, F_GETFD) >= 0) == fds.open[fd],
                       "%s with %d fds left: fd %d %s", f->name, spare, fd,
                       fds.open[fd] ? "closed" : "left open");
            CHECKF(t_mapped_bytes() == mapped, "%s with %d fds left: mappings left behind",
                   f->name, spare);
        }
        fprintf(stderr, "  %s: needs %d descriptors; with fewer, EMFILE and nothing leaked\n",
                f->name, spare);
        CHECKF(spare > 0 && spare < 16, "%s opened with %d fds left", f->name, spare);
    }
}

/* ------------------------------------------- no locked memory, no driver */

/* Drops CAP_IPC_LOCK from the effective set, so RLIMIT_MEMLOCK binds. */
static bool drop_ipc_lock(void)
{
    struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];

    if (syscall(SYS_capget, &head, data) < 0)
        return false;
    data[CAP_IPC_LOCK / 32].effective &= ~(1u << (CAP_IPC_LOCK % 32));
    return syscall(SYS_capset, &head, data) == 0;
}

/* In a mount namespace of its own: /dev/xen as it is, but without name. */
static bool hide_xen_device(const char *name)
{
    static const char *const devices[] = { "privcmd", "hypercall", "evtchn", "gntdev",
                                           "gntalloc", NULL };
    struct stat st[5];
    char path[64];

    for (int i = 0; devices[i]; i++) {
        snprintf(path, sizeof(path), "/dev/xen/%s", devices[i]);
        if (stat(path, &st[i]) < 0)
            return false;
    }
    if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("tmpfs", "/dev/xen", "tmpfs", 0, "mode=0755") < 0)
        return false;
    for (int i = 0; devices[i]; i++) {
        snprintf(path, sizeof(path), "/dev/xen/%s", devices[i]);
        if (strcmp(devices[i], name) != 0 && mknod(path, st[i].st_mode, st[i].st_rdev) < 0)
            return false;
    }
    return true;
}

static void memlock_child(void)
{
    struct rlimit lim = { 0, 0 }, saved;
    unsigned long mapped;
    xen_extraversion_t extra;
    void *p;
    int err;

    if (!CHECK(hide_xen_device("hypercall") && drop_ipc_lock()))
        return;
    getrlimit(RLIMIT_MEMLOCK, &saved);
    lim.rlim_max = saved.rlim_max;
    if (!CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &lim), 0) || !CHECK(open_xencall()))
        return;
    mapped = t_mapped_bytes();
    errno = 0;
    p = xencall_alloc_buffer_pages(xcall, 1);
    err = errno;
    CHECKF(p == NULL && (err == EPERM || err == ENOMEM || err == EAGAIN),
           "buffer with RLIMIT_MEMLOCK 0: %p, errno %d (%s)", p, err, strerror(err));
    CHECKF(t_mapped_bytes() == mapped, "the failed buffer stayed mapped");
    /* Hypercalls without buffers still work; those with fail cleanly. */
    CHECK(xen_version_answers());
    if (CHECK(open_xc())) {
        errno = 0;
        CHECK(xc_version(xch, XENVER_extraversion, extra) == -1 && errno != 0);
        CHECK_EQ(xc_version(xch, XENVER_version, NULL), t_xen_version());
    }
    /* A limit that allows a page: buffers again. */
    lim.rlim_cur = 64 * 1024 < saved.rlim_max ? 64 * 1024 : saved.rlim_max;
    CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &lim), 0);
    p = xencall_alloc_buffer_pages(xcall, 1);
    CHECKF(p != NULL, "one page within the limit: %s", strerror(errno));
    xencall_free_buffer_pages(xcall, p, 1);
    if (xch)
        CHECK(xc_version(xch, XENVER_extraversion, extra) == 0 && extra[0] == '.');
    close_xc();
    close_xencall();
}

static void memlock_cases(void)
{
    T_CASE(memlock_child, "faults: no /dev/xen/hypercall, RLIMIT_MEMLOCK 0, no CAP_IPC_LOCK");
}

/* The verdict is the child's own PASS or FAIL line: this case fails only
 * when the child did not get to the end. */
static void test_memlock(void)
{
    int status = t_in_child(memlock_cases);

    CHECKF(WIFEXITED(status), "child status %#x", status);
}

/* ------------------------------------------------------ a missing driver */

static bool module_loaded(const char *name)
{
    char path[128];

    snprintf(path, sizeof(path), "/sys/module/%s", name);
    return access(path, F_OK) == 0;
}

/* Loads xen-gntalloc.ko from the dom0 kernel's package (xen-run's cache). */
static bool load_gntalloc(void)
{
    const char *cache = getenv("XENRUN_CACHE");
    char pattern[4096];
    glob_t g;
    bool ok = false;

    if (!cache)
        return false;
    snprintf(pattern, sizeof(pattern),
             "%s/linux-image/lib/modules/*/kernel/drivers/xen/xen-gntalloc.ko", cache);
    if (glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc == 1) {
        int fd = open(g.gl_pathv[0], O_RDONLY | O_CLOEXEC);

        ok = fd >= 0 && syscall(SYS_finit_module, fd, "", 0) == 0;
        if (fd >= 0)
            close(fd);
    }
    globfree(&g);
    /* devtmpfs makes the node as the driver registers. */
    for (int i = 0; ok && i < 100 && access("/dev/xen/gntalloc", F_OK) < 0; i++)
        usleep(10000);
    return ok && access("/dev/xen/gntalloc", F_OK) == 0;
}

static void test_driver_not_loaded(void)
{
    bool was_loaded = module_loaded("xen_gntalloc");
    struct t_capture c;
    xengnttab_handle *other;

    fprintf(stderr, "  xen-gntalloc %s\n",
            was_loaded ? "is loaded: unloading it" : "was not loaded (xen-run --omit-module)");
    if (was_loaded && syscall(SYS_delete_module, "xen_gntalloc", O_NONBLOCK) < 0) {
        CHECKF(false, "cannot unload xen_gntalloc: %s", strerror(errno));
        return;
    }
    t_capture_start(&c);
    t_bad_input_log(&c);
    T_OUTCOME(xengntshr_open, "xen-gntalloc not loaded",
              NULLPTR_LOGS(ENOENT, "/dev/xen/gntalloc"), xengntshr_open(c.logger, 0));
    t_bad_input_log(NULL);
    /* The library is otherwise usable: the other driver still opens. */
    other = xengnttab_open(c.logger, 0);
    CHECK_NE(other, NULL);
    xengnttab_close(other);
    t_capture_end(&c);
    free(c.text);
    if (was_loaded)
        CHECKF(load_gntalloc(), "xen-gntalloc could not be loaded again");
}

int main(void)
{
    static char ids[sizeof(calls) / sizeof(calls[0]) + sizeof(opens) / sizeof(opens[0])][64];
    static char names[sizeof(ids) / sizeof(ids[0])][128];
    size_t k = 0;

    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    quiet = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);
    T_CASE(test_injector_active, "faults: the allocation injector sees the libraries' allocations");
    for (size_t i = 0; i < sizeof(opens) / sizeof(opens[0]); i++, k++) {
        current = &opens[i];
        snprintf(ids[k], sizeof(ids[k]), "alloc_fail.%s", current->name);
        snprintf(names[k], sizeof(names[k]), "faults: %s with each allocation failing",
                 current->name);
        t_case(ids[k], names[k], test_inject_current);
    }
    testdom_init();
    T_CASE(test_open_all, "faults: the handles and the domain the calls need are there");
    for (size_t i = 0; opened && i < sizeof(calls) / sizeof(calls[0]); i++, k++) {
        current = &calls[i];
        snprintf(ids[k], sizeof(ids[k]), "alloc_fail.%s", current->name);
        snprintf(names[k], sizeof(names[k]), "faults: %s with each allocation failing",
                 current->name);
        t_case(ids[k], names[k], test_inject_current);
    }
    close_all();
    T_CASE(test_no_fds_left,
           "faults: opens with no descriptors left fail with EMFILE, leaking nothing");
    T_CASE(test_memlock, "faults: the locked-memory child ran to its end");
    T_CASE(test_driver_not_loaded, "faults: a driver not loaded: the open names the device");
    xtl_logger_destroy(quiet);
    return t_exit_status();
}
