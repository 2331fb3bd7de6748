/* SPDX-License-Identifier: MIT */
/*
 * System tests of libxencall, in a Xen dom0: real hypercalls through real
 * buffers, checked against what Linux reports in /sys/hypervisor.
 */
#define __XEN_TOOLS__ 1         /* for <xen/sysctl.h> */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xencall.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "child.h"
#include "testlib.h"

/* <xen/hvm/save.h>, which <xen/sysctl.h> includes, refuses strict ISO C
 * for its anonymous unions, which C11 has: tell it this is not C89.  Last
 * of the includes, so that no system header sees the difference. */
#undef __STRICT_ANSI__
#include <xen/xen.h>
#include <xen/memory.h>
#include <xen/sysctl.h>
#include <xen/version.h>

static xencall_handle *xcall;

/* The first line of a /sys or /proc file, without its newline. */
static char *read_line(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "re");

    buf[0] = '\0';
    if (f) {
        if (fgets(buf, (int)size, f))
            buf[strcspn(buf, "\n")] = '\0';
        fclose(f);
    }
    return buf;
}

static int read_int(const char *path)
{
    char buf[32];

    return atoi(read_line(path, buf, sizeof(buf)));
}

/* How many of this process's mappings are of /dev/xen/hypercall. */
static int hypercall_mappings(void)
{
    return t_maps_containing(0, "/dev/xen/hypercall");
}

/* XENVER_extraversion into buf (at least XEN_EXTRAVERSION_LEN bytes). */
static int get_extraversion(xencall_handle *h, char *buf)
{
    return xencall2(h, __HYPERVISOR_xen_version, XENVER_extraversion, (uintptr_t)buf);
}

/* ------------------------------------------------------------ handles */

static void test_open(void)
{
    xencall_handle *h;

    CHECK_NE(xcall, NULL);
    CHECK_EQ(xencall_close(NULL), 0);
    h = xencall_open(NULL, XENCALL_OPENFLAG_NON_REENTRANT);
    CHECK_NE(h, NULL);
    CHECK_EQ(xencall_close(h), 0);
    errno = 0;
    CHECK(xencall_open(NULL, 0x80) == NULL && errno == EINVAL);
}

static void test_fds_close_on_exec(void)
{
    struct t_fd_set before;
    char link[64], target[64] = "";
    int opened, fd;
    xencall_handle *h;

    t_fds_snapshot(&before);
    h = xencall_open(NULL, 0);
    if (!CHECK_NE(h, NULL))
        return;
    fd = xencall_fd(h);
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    CHECK_GT(readlink(link, target, sizeof(target) - 1), 0);
    CHECKF(strcmp(target, "/dev/xen/privcmd") == 0, "xencall_fd is %s", target);
    /* Every descriptor the handle opened: privcmd's and the buffers'. */
    opened = t_check_new_fds_cloexec(&before);
    CHECKF(opened == 2, "%d fds opened", opened);
    CHECK_EQ(xencall_close(h), 0);
    t_check_fds_as_before(&before);
}

static void test_buffers_never_fault(void)
{
    CHECK_EQ(access("/dev/xen/hypercall", F_OK), 0);
    CHECK_EQ(xencall_buffers_never_fault(xcall), 1);
}

/* ------------------------------------------------------------ hypercalls */

static void test_version(void)
{
    int v = xencall0(xcall, __HYPERVISOR_xen_version);

    /* xencall0 leaves the argument registers 0: XENVER_version. */
    CHECKF(v >> 16 == read_int("/sys/hypervisor/version/major") &&
               (v & 0xffff) == read_int("/sys/hypervisor/version/minor"),
           "Xen says %d.%d", v >> 16, v & 0xffff);
    CHECK_EQ(xencall2(xcall, __HYPERVISOR_xen_version, XENVER_version, 0), v);
    CHECK_EQ(xencall5(xcall, __HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0), v);
}

static void test_extraversion(void)
{
    char *buf = xencall_alloc_buffer(xcall, XEN_EXTRAVERSION_LEN), want[64];

    if (!CHECK_NE(buf, NULL))
        return;
    memset(buf, 'X', XEN_EXTRAVERSION_LEN);
    CHECK_EQ(get_extraversion(xcall, buf), 0);
    read_line("/sys/hypervisor/version/extra", want, sizeof(want));
    CHECKF(strnlen(buf, XEN_EXTRAVERSION_LEN) < XEN_EXTRAVERSION_LEN && strcmp(buf, want) == 0,
           "Xen says \"%.16s\", sysfs \"%s\"", buf, want);
    xencall_free_buffer(xcall, buf);
}

static void test_physinfo(void)
{
    struct xen_sysctl *sysctl = xencall_alloc_buffer(xcall, sizeof(*sysctl));
    int rc;

    if (!CHECK_NE(sysctl, NULL))
        return;
    memset(sysctl, 0, sizeof(*sysctl));
    sysctl->cmd = XEN_SYSCTL_physinfo;
    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    rc = xencall1(xcall, __HYPERVISOR_sysctl, (uintptr_t)sysctl);
    CHECKF(rc == 0, "sysctl: %d, %s", rc, strerror(errno));
    CHECKF(sysctl->u.physinfo.nr_cpus == 2, "%u CPUs", sysctl->u.physinfo.nr_cpus);
    CHECKF(sysctl->u.physinfo.total_pages > 0 &&
               sysctl->u.physinfo.free_pages <= sysctl->u.physinfo.total_pages,
           "%llu pages, %llu free", (unsigned long long)sysctl->u.physinfo.total_pages,
           (unsigned long long)sysctl->u.physinfo.free_pages);
    xencall_free_buffer(xcall, sysctl);
}

static void test_long_result(void)
{
    long max = xencall2L(xcall, __HYPERVISOR_memory_op, XENMEM_maximum_ram_page, 0);

    CHECKF(max > 0, "maximum_ram_page %ld, %s", max, strerror(errno));
    CHECK_EQ(xencall2(xcall, __HYPERVISOR_memory_op, XENMEM_maximum_ram_page, 0), (int)max);
}

static void test_errors(void)
{
    static const unsigned int unused[] = { 55, 63 };

    for (size_t i = 0; i < sizeof(unused) / sizeof(unused[0]); i++) {
        unsigned int op = unused[i];
        long rc[7];
        int err[7];

        errno = 0, rc[0] = xencall0(xcall, op), err[0] = errno;
        errno = 0, rc[1] = xencall1(xcall, op, 1), err[1] = errno;
        errno = 0, rc[2] = xencall2(xcall, op, 1, 2), err[2] = errno;
        errno = 0, rc[3] = xencall3(xcall, op, 1, 2, 3), err[3] = errno;
        errno = 0, rc[4] = xencall4(xcall, op, 1, 2, 3, 4), err[4] = errno;
        errno = 0, rc[5] = xencall5(xcall, op, 1, 2, 3, 4, 5), err[5] = errno;
        errno = 0, rc[6] = xencall2L(xcall, op, 1, 2), err[6] = errno;
        for (int v = 0; v < 7; v++)
            CHECKF(rc[v] == -1 && err[v] == ENOSYS, "hypercall %u, variant %d: %ld, errno %d",
                   op, v, rc[v], err[v]);
    }
    /* Xen's -EFAULT for an address it cannot write to. */
    errno = 0;
    CHECKF(get_extraversion(xcall, (char *)8) == -1 && errno == EFAULT, "errno %d", errno);
}

/* ------------------------------------------------------------ buffers */

static void test_buffer_requests(void)
{
    char *p = xencall_alloc_buffer_pages(xcall, 1), *q;

    CHECK(p != NULL && ((uintptr_t)p & 4095) == 0);
    xencall_free_buffer_pages(xcall, p, 1);
    q = xencall_alloc_buffer(xcall, 1);
    CHECK(q != NULL && ((uintptr_t)q % 16) == 0);
    xencall_free_buffer(xcall, q);

    BAD_INPUT(xencall_alloc_buffer_pages, "zero pages", NULLPTR(EINVAL),
              xencall_alloc_buffer_pages(xcall, 0));
    BAD_INPUT(xencall_alloc_buffer_pages, "SIZE_MAX / 2 pages", NULLPTR(ENOMEM),
              xencall_alloc_buffer_pages(xcall, SIZE_MAX / 2));
    /* Bigger than the address space: the kernel refuses it. */
    errno = 0;
    CHECK(xencall_alloc_buffer_pages(xcall, (size_t)1 << 40) == NULL && errno != 0);
    errno = 0;
    CHECK(xencall_alloc_buffer(xcall, SIZE_MAX) == NULL && errno == ENOMEM);
    xencall_free_buffer(xcall, NULL);
    xencall_free_buffer_pages(xcall, NULL, 3);
}

/* As upstream's: callers leave padding alone and count on zeros. */
static void test_buffers_zeroed(void)
{
    static const size_t pages[] = { 1, 4, 64 };

    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        size_t len = pages[i] * 4096, nonzero = 0;
        unsigned char *p = xencall_alloc_buffer_pages(xcall, pages[i]), *q;

        if (!CHECK_NE(p, NULL))
            continue;
        memset(p, 0xff, len);
        xencall_free_buffer_pages(xcall, p, pages[i]);
        q = xencall_alloc_buffer_pages(xcall, pages[i]);
        for (size_t b = 0; q && b < len; b++)
            nonzero += q[b] != 0;
        CHECKF(q == p && nonzero == 0, "%zu pages: %s buffer, %zu bytes not 0", pages[i],
               q == p ? "the same" : "another", nonzero);
        xencall_free_buffer_pages(xcall, q, pages[i]);
    }
}

/* Every page of a big buffer is one Xen can write to. */
static void test_big_buffer(void)
{
    size_t pages = 256;
    char *p = xencall_alloc_buffer_pages(xcall, pages);
    int bad = 0;

    if (!CHECK_NE(p, NULL))
        return;
    for (size_t i = 0; i < pages; i++) {
        char *at = p + i * 4096 + 4096 - XEN_EXTRAVERSION_LEN;

        bad += get_extraversion(xcall, at) != 0;
    }
    CHECKF(bad == 0, "%d pages refused", bad);
    xencall_free_buffer_pages(xcall, p, pages);
}

static void test_errors_are_logged(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    xentoollog_logger_stdiostream *lg = xtl_createlogger_stdiostream(f, XTL_DEBUG, 0);
    xencall_handle *h = xencall_open((xentoollog_logger *)lg, 0);
    char local[64];

    CHECK_NE(h, NULL);
    xencall_free_buffer(h, local + 16);
    CHECK_EQ(xencall_alloc_buffer_pages(h, 0), NULL);
    xencall_close(h);
    xtl_logger_destroy((xentoollog_logger *)lg);
    fclose(f);
    CHECKF(buf && strstr(buf, "xencall: error: xencall_free_buffer:") &&
               strstr(buf, "xencall: error: cannot allocate a hypercall buffer of 0 pages"),
           "logged \"%s\"", buf);
    free(buf);
}

/* ------------------------------------------------------------ threads */

#define THREADS 8
#define ROUNDS 400

static char extraversion[XEN_EXTRAVERSION_LEN];

static void *churn(void *arg)
{
    static const size_t pages[] = { 1, 2, 4, 64, 100 };
    unsigned seed = (unsigned)(uintptr_t)arg;
    long errors = 0;

    for (int i = 0; i < ROUNDS; i++) {
        size_t size, n = 0;
        char *p, *at;

        if (i % 2) {
            n = pages[rand_r(&seed) % 5];
            size = n * 4096;
            p = xencall_alloc_buffer_pages(xcall, n);
        } else {
            size = XEN_EXTRAVERSION_LEN + (size_t)rand_r(&seed) % 20000;
            p = xencall_alloc_buffer(xcall, size);
        }
        if (!p) {
            errors++;
            continue;
        }
        at = p + (size_t)rand_r(&seed) % (size - XEN_EXTRAVERSION_LEN + 1);
        memset(at, 0, XEN_EXTRAVERSION_LEN);
        errors += get_extraversion(xcall, at) != 0;
        errors += memcmp(at, extraversion, XEN_EXTRAVERSION_LEN) != 0;
        errors += xencall0(xcall, __HYPERVISOR_xen_version) <= 0;
        if (n)
            xencall_free_buffer_pages(xcall, p, n);
        else
            xencall_free_buffer(xcall, p);
    }
    return (void *)(intptr_t)errors;
}

static void test_threads(void)
{
    pthread_t t[THREADS];
    int fds = t_open_fds();
    void *errors;

    char *buf = xencall_alloc_buffer(xcall, XEN_EXTRAVERSION_LEN);

    if (!CHECK(buf && get_extraversion(xcall, buf) == 0))
        return;
    memcpy(extraversion, buf, sizeof(extraversion));
    xencall_free_buffer(xcall, buf);
    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, churn, (void *)(intptr_t)(i + 1)), 0);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ(pthread_join(t[i], &errors), 0);
        CHECKF(errors == NULL, "thread %d: %ld errors", i, (long)(intptr_t)errors);
    }
    /* What stays mapped is the handle's bounded cache, and no more. */
    CHECKF(hypercall_mappings() <= 32, "%d buffers mapped", hypercall_mappings());
    CHECK_EQ(t_open_fds(), fds);
}

/* Closing gives every buffer back: the handle's cache included. */
static void test_close_unmaps(void)
{
    xencall_handle *h = xencall_open(NULL, 0);
    int before = hypercall_mappings();
    void *p[8];

    if (!CHECK_NE(h, NULL))
        return;
    for (int i = 0; i < 8; i++)
        p[i] = xencall_alloc_buffer_pages(h, (size_t)i + 1);
    for (int i = 0; i < 8; i++)
        xencall_free_buffer_pages(h, p[i], (size_t)i + 1);
    CHECK_EQ(hypercall_mappings(), before + 8);
    CHECK_EQ(xencall_close(h), 0);
    CHECKF(hypercall_mappings() == before, "%d mappings left", hypercall_mappings() - before);
}

/* ------------------------------------------------------------ no /dev/xen/hypercall */

static long locked_kib(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    char line[128];
    long kib = -1;

    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "VmLck: %ld kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

static void fallback_buffers(void)
{
    static const size_t pages[] = { 1, 4, 64 };
    int mappings = hypercall_mappings();
    long locked = locked_kib();
    xencall_handle *h = xencall_open(NULL, 0);
    char *p[3], want[64];

    if (!CHECK_NE(h, NULL))
        return;
    CHECK_EQ(xencall_buffers_never_fault(h), 0);
    read_line("/sys/hypervisor/version/extra", want, sizeof(want));
    for (int i = 0; i < 3; i++) {
        p[i] = xencall_alloc_buffer_pages(h, pages[i]);
        if (!CHECK_NE(p[i], NULL))
            continue;
        CHECK_EQ(get_extraversion(h, p[i] + pages[i] * 4096 - 64), 0);
        CHECKF(strcmp(p[i] + pages[i] * 4096 - 64, want) == 0, "%zu pages", pages[i]);
    }
    CHECKF(locked_kib() - locked == 69 * 4, "%ld KiB locked", locked_kib() - locked);
    CHECK_EQ(hypercall_mappings(), mappings);
    for (int i = 0; i < 3; i++)
        xencall_free_buffer_pages(h, p[i], pages[i]);
    CHECK_EQ(xencall_close(h), 0);
    CHECKF(locked_kib() == locked, "%ld KiB still locked", locked_kib() - locked);
}

/* A mount namespace of its own where /dev/xen has privcmd but not
 * hypercall, as on kernels before 4.18 (exit status 2 when it cannot be
 * made). */
static void without_hypercall_cases(void)
{
    struct stat st;

    if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0 ||
        stat("/dev/xen/privcmd", &st) < 0 ||
        mount("tmpfs", "/dev/xen", "tmpfs", 0, "mode=0755") < 0 ||
        mknod("/dev/xen/privcmd", S_IFCHR | 0600, st.st_rdev) < 0) {
        perror("setting up /dev/xen without hypercall");
        _exit(2);
    }
    T_CASE(fallback_buffers, "xencall: buffers without /dev/xen/hypercall are locked memory");
}

/* In a child, whose verdicts are its own lines. */
static void test_without_hypercall_device(void)
{
    int status = t_in_child(without_hypercall_cases);

    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) != 2, "child status %#x", status);
}

/* ------------------------------------------------------------ restricting */

static void test_restrict(void)
{
    xencall_handle *h = xencall_open(NULL, 0);
    char *kept, *page;
    int fd;

    if (!CHECK_NE(h, NULL))
        return;
    fd = xencall_fd(h);
    kept = xencall_alloc_buffer(h, 100);
    CHECK_EQ(xentoolcore_restrict_all(0), 0);
    errno = 0;
    CHECKF(xencall0(h, __HYPERVISOR_xen_version) == -1 && errno == ENOTTY, "errno %d", errno);
    CHECK(xencall_fd(h) == fd && t_is_dev_null(fd) && (fcntl(fd, F_GETFD) & FD_CLOEXEC));
    /* No new buffer pages either; those it has stay valid. */
    errno = 0;
    page = xencall_alloc_buffer_pages(h, 7);
    CHECKF(page == NULL && errno != 0, "errno %d", errno);
    CHECK_NE(kept, NULL);
    if (kept)
        memset(kept, 1, 100);
    xencall_free_buffer(h, kept);
    CHECK_EQ(xencall_close(h), 0);
}

int main(void)
{
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    xcall = xencall_open(NULL, 0);
    T_CASE(test_open, "xencall: open and close");
    T_CASE(test_fds_close_on_exec, "xencall: its fds are close-on-exec, xencall_fd is privcmd");
    T_CASE(test_buffers_never_fault, "xencall: buffers from /dev/xen/hypercall never fault");
    T_CASE(test_version, "xencall: Xen's version is sysfs's");
    T_CASE(test_extraversion, "xencall: XENVER_extraversion into a buffer");
    T_CASE(test_physinfo, "xencall: sysctl physinfo sees the VM's 2 CPUs");
    T_CASE(test_long_result, "xencall: xencall2L returns a long");
    T_CASE(test_errors, "xencall: Xen's errors become -1 and errno");
    T_CASE(test_buffer_requests, "xencall: buffer requests, good and bad");
    T_CASE(test_buffers_zeroed, "xencall: reused buffers come back zeroed");
    T_CASE(test_big_buffer, "xencall: every page of a 256-page buffer takes a hypercall");
    T_CASE(test_errors_are_logged, "xencall: errors go to the handle's logger");
    T_CASE(test_threads, "xencall: 8 threads allocate, call and free on one handle");
    T_CASE(test_close_unmaps, "xencall: close unmaps every buffer");
    T_CASE(test_without_hypercall_device, "xencall: without /dev/xen/hypercall (child)");
    xencall_close(xcall);
    T_CASE(test_restrict, "xencall: after xentoolcore_restrict_all hypercalls fail cleanly");
    return t_exit_status();
}
