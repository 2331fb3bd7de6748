/* SPDX-License-Identifier: MIT */
/*
 * System tests of libxenforeignmemory, in a Xen dom0, against real guest
 * domains (tests/lib/testdom.h): data written through one mapping of
 * an HVM guest's memory read back through a second, independent one;
 * per-page errors; read-only mappings; address hints; the kernel's
 * restriction; grant table frames through map_resource, proven by mapping
 * a grant written into them; refused input; and no descriptor or mapping
 * left behind.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenforeignmemory.h>
#include <xengnttab.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include <xen/grant_table.h>
#include <xen/memory.h>

#include "testdom.h"
#include "testlib.h"

#define PAGE 4096
#define GUEST_PAGES 1024
/* Guest frames the HVM domain does not have. */
#define HOLE_GFN 0x80000

static int hvm = -1;           /* an HVM domain, GUEST_PAGES populated */

/* ------------------------------------------------------------ helpers */

/* How many mappings of the privcmd driver this process has. */
static int privcmd_mappings(void)
{
    return t_maps_containing(0, "/dev/xen/privcmd");
}

/* The 32-bit word that test data puts at offset `at` of guest frame gfn. */
static uint32_t pattern(unsigned gfn, size_t at, unsigned seed)
{
    return (uint32_t)(gfn * 2654435761u) ^ (uint32_t)at ^ (seed << 24);
}

static void fill(void *page, unsigned gfn, unsigned seed)
{
    uint32_t *w = page;

    for (size_t i = 0; i < PAGE / 4; i++)
        w[i] = pattern(gfn, i, seed);
}

static bool holds(const void *page, unsigned gfn, unsigned seed)
{
    const uint32_t *w = page;

    for (size_t i = 0; i < PAGE / 4; i++)
        if (w[i] != pattern(gfn, i, seed))
            return false;
    return true;
}

static sigjmp_buf fault_jump;

static void on_fault(int sig)
{
    siglongjmp(fault_jump, sig);
}

/* The signal reading the byte at p raises, or 0. */
static int read_fault(const volatile char *p)
{
    struct sigaction sa = { .sa_handler = on_fault }, old_bus, old_segv;
    int sig;

    sigaction(SIGBUS, &sa, &old_bus);
    sigaction(SIGSEGV, &sa, &old_segv);
    sig = sigsetjmp(fault_jump, 1);
    if (sig == 0) {
        (void)*p;
    }
    sigaction(SIGBUS, &old_bus, NULL);
    sigaction(SIGSEGV, &old_segv, NULL);
    return sig;
}

/* ------------------------------------------------------------ handles */

static void test_open_close(void)
{
    struct t_fd_set before;
    xenforeignmemory_handle *fmem;

    t_fds_snapshot(&before);
    for (int i = 0; i < 300; i++) {
        fmem = xenforeignmemory_open(NULL, 0);
        if (!CHECK_NE(fmem, NULL))
            return;
        CHECK_EQ(xenforeignmemory_close(fmem), 0);
    }
    fmem = xenforeignmemory_open(NULL, 0);
    CHECKF(t_check_new_fds_cloexec(&before) == 1, "one close-on-exec descriptor per handle");
    xenforeignmemory_close(fmem);
    t_check_fds_as_before(&before);
    CHECK_EQ(xenforeignmemory_close(NULL), 0);
}

/* ------------------------------------------------------------ mapping */

/*
 * Writes 64 guest pages through one handle's mapping, reads them back
 * through a second handle's mapping made in the reverse order, and
 * writes through the second to read through the first.
 */
static void test_two_mappings(void)
{
    enum { N = 64 };
    xenforeignmemory_handle *a = xenforeignmemory_open(NULL, 0);
    xenforeignmemory_handle *b = xenforeignmemory_open(NULL, 0);
    xen_pfn_t fwd[N], rev[N];
    int err[N];
    char *pa = NULL, *pb = NULL;

    if (!CHECK(a && b))
        goto out;
    for (unsigned i = 0; i < N; i++) {
        fwd[i] = 100 + i;
        rev[i] = 100 + N - 1 - i;
        err[i] = 12345;
    }
    pa = xenforeignmemory_map(a, (uint32_t)hvm, PROT_READ | PROT_WRITE, N, fwd, err);
    if (!CHECKF(pa != NULL, "map: %s", strerror(errno)))
        goto out;
    for (unsigned i = 0; i < N; i++)
        CHECKF(err[i] == 0, "err[%u] = %d", i, err[i]);
    for (unsigned i = 0; i < N; i++)
        fill(pa + i * PAGE, (unsigned)fwd[i], 1);
    pb = xenforeignmemory_map2(b, (uint32_t)hvm, NULL, PROT_READ | PROT_WRITE, 0, N, rev, NULL);
    if (!CHECKF(pb != NULL, "map2: %s", strerror(errno)))
        goto out;
    CHECK_NE(pb, pa);
    for (unsigned i = 0; i < N; i++)
        CHECKF(holds(pb + i * PAGE, (unsigned)rev[i], 1), "gfn %u differs through the second",
               (unsigned)rev[i]);
    for (unsigned i = 0; i < N; i++)
        fill(pb + i * PAGE, (unsigned)rev[i], 2);
    for (unsigned i = 0; i < N; i++)
        CHECKF(holds(pa + i * PAGE, (unsigned)fwd[i], 2), "gfn %u differs through the first",
               (unsigned)fwd[i]);
    CHECK_EQ(xenforeignmemory_unmap(b, pb, N), 0);
    pb = NULL;
    CHECK_EQ(xenforeignmemory_unmap(a, pa, N), 0);
    pa = NULL;
out:
    xenforeignmemory_close(a);
    xenforeignmemory_close(b);
}

/*
 * Good and bad frames in one request: with an err array every page has
 * its own result and the good ones map; without, the call fails with the
 * bad page's error and leaves nothing mapped.
 */
static void test_partial_failure(void)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xen_pfn_t arr[6] = { 10, HOLE_GFN, 11, 12, HOLE_GFN + 1, 13 };
    int err[6], maps = privcmd_mappings(), bad;
    char *p;

    if (!CHECK_NE(fmem, NULL))
        return;
    memset(err, 0x55, sizeof(err));
    p = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ | PROT_WRITE, 6, arr, err);
    if (!CHECKF(p != NULL, "map: %s", strerror(errno)))
        goto out;
    fprintf(stderr, "  per-page results: %d %d %d %d %d %d\n", err[0], err[1], err[2], err[3],
            err[4], err[5]);
    CHECK(err[0] == 0 && err[2] == 0 && err[3] == 0 && err[5] == 0);
    CHECK(err[1] < 0 && err[4] < 0);
    bad = err[1];
    for (int i = 0; i < 6; i++) {
        if (err[i])
            continue;
        fill(p + i * PAGE, (unsigned)arr[i], 3);
        CHECKF(holds(p + i * PAGE, (unsigned)arr[i], 3), "page %d", i);
    }
    /* A page that failed is a hole. */
    CHECKF(read_fault(p + PAGE) == SIGBUS, "reading a failed page: signal %d",
           read_fault(p + PAGE));
    CHECK_EQ(xenforeignmemory_unmap(fmem, p, 6), 0);
    errno = 0;
    p = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 6, arr, NULL);
    CHECKF(p == NULL && errno == -bad, "without err: %p, errno %d, want %d", (void *)p, errno,
           -bad);
    CHECKF(privcmd_mappings() == maps, "%d privcmd mappings more", privcmd_mappings() - maps);
out:
    xenforeignmemory_close(fmem);
}

/*
 * A read-only mapping takes no write.  The write is made in a child (the
 * fault kills it), on a mapping of the child's own: Linux does not copy
 * privcmd mappings into a child, so one inherited from here would fault
 * for the wrong reason.  The child first reads the page, which proves its
 * mapping is there; the page keeps its data.
 */
static void test_read_only(void)
{
    enum { GFN = 60 };
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xen_pfn_t gfn = GFN;
    char *rw;
    int status = 0;
    pid_t pid;

    if (!CHECK_NE(fmem, NULL))
        return;
    rw = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    if (!CHECKF(rw != NULL, "map: %s", strerror(errno)))
        goto out;
    fill(rw, GFN, 9);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        xenforeignmemory_handle *child = xenforeignmemory_open(NULL, 0);
        volatile char *ro = child ? xenforeignmemory_map(child, (uint32_t)hvm, PROT_READ, 1,
                                                         &gfn, NULL) : NULL;

        if (!ro)
            _exit(2);
        if (!holds((const void *)ro, GFN, 9))
            _exit(3);
        ro[100] = (char)~ro[100];
        _exit(4);               /* the write went through */
    }
    if (CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
        CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
               "child: %s %d (want SIGSEGV; exit 2: no mapping, 3: wrong data, 4: written)",
               WIFSIGNALED(status) ? "signal" : "exit",
               WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    CHECK(holds(rw, GFN, 9));
    CHECK_EQ(xenforeignmemory_unmap(fmem, rw, 1), 0);
out:
    xenforeignmemory_close(fmem);
}

/*
 * map2's address without MAP_FIXED is a hint: Linux takes it when the
 * range is free, and maps elsewhere, leaving what is there alone, when
 * it is not.
 */
static void test_hint(void)
{
    enum { GFN = 70 };
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xen_pfn_t arr[2] = { GFN, GFN + 1 }, gfn = GFN + 1;
    char *area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *hint = area + PAGE, *p = NULL, *q;

    if (!CHECK(fmem != NULL && area != MAP_FAILED))
        goto out;
    /* A free range: the area's middle, given back. */
    CHECK_EQ(munmap(hint, 2 * PAGE), 0);
    p = xenforeignmemory_map2(fmem, (uint32_t)hvm, hint, PROT_READ | PROT_WRITE, 0, 2, arr,
                              NULL);
    if (!CHECKF(p == hint, "map2 with the free hint %p: %p (%s)", (void *)hint, (void *)p,
                p ? "elsewhere" : strerror(errno)))
        goto out;
    fill(p, GFN, 10);
    fill(p + PAGE, GFN + 1, 10);
    /* It is the guest's memory: a second mapping shows what was written. */
    q = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 1, &gfn, NULL);
    if (CHECKF(q != NULL, "map: %s", strerror(errno))) {
        CHECK(holds(q, GFN + 1, 10));
        CHECK_EQ(xenforeignmemory_unmap(fmem, q, 1), 0);
    }
    CHECK_EQ(xenforeignmemory_unmap(fmem, p, 2), 0);
    p = NULL;
    /* An occupied range: the page before it holds data of its own. */
    memset(area, 0x5a, PAGE);
    p = xenforeignmemory_map2(fmem, (uint32_t)hvm, area, PROT_READ, 0, 2, arr, NULL);
    if (CHECKF(p != NULL, "map2 with an occupied hint: %s", strerror(errno))) {
        CHECKF(p != area, "mapped over the anonymous page");
        CHECK(holds(p + PAGE, GFN + 1, 10));
        CHECK_EQ(xenforeignmemory_unmap(fmem, p, 2), 0);
    }
    p = NULL;
    CHECK(area[0] == 0x5a && area[PAGE - 1] == 0x5a);
out:
    if (p)
        xenforeignmemory_unmap(fmem, p, 2);
    if (area != MAP_FAILED) {
        munmap(area, PAGE);
        munmap(area + 3 * PAGE, PAGE);
    }
    xenforeignmemory_close(fmem);
}

/* MAP_FIXED puts the mapping where asked, replacing what was there; the
 * handle then owns just that part of the area. */
static void test_fixed(void)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    char *area = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    xen_pfn_t arr[2] = { 20, 21 };
    char *p;

    if (!CHECK(fmem != NULL && area != MAP_FAILED))
        goto out;
    fill(area + 2 * PAGE, 20, 4);
    p = xenforeignmemory_map2(fmem, (uint32_t)hvm, area + 2 * PAGE, PROT_READ | PROT_WRITE,
                              MAP_FIXED, 2, arr, NULL);
    if (!CHECKF(p == area + 2 * PAGE, "map2 MAP_FIXED at %p: %p (%s)", (void *)(area + 2 * PAGE),
                (void *)p, strerror(errno)))
        goto out;
    fill(p, 20, 5);
    fill(p + PAGE, 21, 5);
    /* Not the anonymous pages around it. */
    errno = 0;
    CHECK(xenforeignmemory_unmap(fmem, area, 8) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xenforeignmemory_unmap(fmem, area + PAGE, 2) == -1 && errno == EINVAL);
    area[0] = 1;
    CHECK_EQ(xenforeignmemory_unmap(fmem, p, 2), 0);
    /* MAP_FIXED_NOREPLACE over the anonymous pages is refused. */
    errno = 0;
    p = xenforeignmemory_map2(fmem, (uint32_t)hvm, area, PROT_READ, MAP_FIXED_NOREPLACE, 2, arr,
                              NULL);
    CHECKF(p == NULL && errno == EEXIST, "MAP_FIXED_NOREPLACE: %p, errno %d", (void *)p, errno);
out:
    if (area != MAP_FAILED)
        munmap(area, 8 * PAGE);
    xenforeignmemory_close(fmem);
}

/*
 * Unmap takes only what the handle mapped: not another handle's mapping,
 * not ordinary memory, not twice; parts of a mapping are fine.
 */
static void test_unmap_checks(void)
{
    xenforeignmemory_handle *a = xenforeignmemory_open(NULL, 0);
    xenforeignmemory_handle *b = xenforeignmemory_open(NULL, 0);
    char *anon = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    xen_pfn_t arr[4] = { 30, 31, 32, 33 };
    char *p = NULL;
    int maps = privcmd_mappings();

    if (!CHECK(a && b && anon != MAP_FAILED))
        goto out;
    p = xenforeignmemory_map(a, (uint32_t)hvm, PROT_READ | PROT_WRITE, 4, arr, NULL);
    if (!CHECKF(p != NULL, "map: %s", strerror(errno)))
        goto out;
    for (int i = 0; i < 4; i++)
        fill(p + i * PAGE, (unsigned)arr[i], 6);
    errno = 0;
    CHECK(xenforeignmemory_unmap(b, p, 4) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xenforeignmemory_unmap(a, anon, 1) == -1 && errno == EINVAL);
    anon[0] = 7;
    CHECK_EQ(anon[0], 7);
    errno = 0;
    CHECK(xenforeignmemory_unmap(a, p, 5) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xenforeignmemory_unmap(a, p + 1, 1) == -1 && errno == EINVAL);
    /* Refused, so all still mapped. */
    for (int i = 0; i < 4; i++)
        CHECK(holds(p + i * PAGE, (unsigned)arr[i], 6));
    /* Nor part of a mapping: the kernel could not split it. */
    errno = 0;
    CHECK(xenforeignmemory_unmap(a, p + PAGE, 2) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xenforeignmemory_unmap(a, p, 1) == -1 && errno == EINVAL);
    CHECK(munmap(p, PAGE) == -1 && errno == EINVAL);
    CHECK_EQ(xenforeignmemory_unmap(a, p, 4), 0);
    CHECK_EQ(read_fault(p), SIGSEGV);
    errno = 0;
    CHECK(xenforeignmemory_unmap(a, p, 4) == -1 && errno == EINVAL);
    CHECKF(privcmd_mappings() == maps, "%d privcmd mappings more", privcmd_mappings() - maps);
out:
    if (anon != MAP_FAILED)
        munmap(anon, PAGE);
    xenforeignmemory_close(a);
    xenforeignmemory_close(b);
}

/* A mapping outlives its handle. */
static void test_close_keeps_mappings(void)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xen_pfn_t gfn = 40;
    char *p;

    if (!CHECK_NE(fmem, NULL))
        return;
    p = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    if (CHECK_NE(p, NULL))
        fill(p, 40, 7);
    CHECK_EQ(xenforeignmemory_close(fmem), 0);
    if (p) {
        CHECK(holds(p, 40, 7));
        CHECK_EQ(munmap(p, PAGE), 0);
    }
}

/* ------------------------------------------------------------ restricting */

/* Restricted to the HVM domain, a handle maps it and no other. */
static void test_restrict(void)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    int other = testdom_create_hvm(16), err = 0;
    xen_pfn_t gfn = 1;
    char *p;

    if (!CHECK_NE(fmem, NULL) || !CHECKF(other >= 0, "second HVM domain: %s", strerror(errno)))
        goto out;
    CHECK_EQ(xenforeignmemory_restrict(fmem, (domid_t)hvm), 0);
    CHECK_EQ(xenforeignmemory_restrict(fmem, (domid_t)hvm), 0);
    p = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 1, &gfn, NULL);
    CHECKF(p != NULL, "mapping the domain restricted to: %s", strerror(errno));
    if (p)
        CHECK_EQ(xenforeignmemory_unmap(fmem, p, 1), 0);
    errno = 0;
    p = xenforeignmemory_map(fmem, (uint32_t)other, PROT_READ, 1, &gfn, &err);
    CHECKF(p == NULL && errno == EPERM, "mapping another: %p, errno %d", (void *)p, errno);
    errno = 0;
    CHECK(xenforeignmemory_map(fmem, 0, PROT_READ, 1, &gfn, NULL) == NULL && errno == EPERM);
    errno = 0;
    CHECK(xenforeignmemory_restrict(fmem, (domid_t)other) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(xenforeignmemory_restrict(fmem, DOMID_SELF) == -1 && errno == EINVAL);
out:
    xenforeignmemory_close(fmem);
    if (other >= 0)
        testdom_destroy(other);
}

/* xentoolcore_restrict_all reaches a handle; in a child, whose handles
 * are its own (the parent's privcmd mappings are not inherited). */
static void test_restrict_all(void)
{
    int other = testdom_create_hvm(16), status;
    pid_t pid;

    if (!CHECKF(other >= 0, "second HVM domain: %s", strerror(errno)))
        return;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
        xen_pfn_t gfn = 2;
        void *p;
        bool ok = fmem != NULL;

        ok = ok && xentoolcore_restrict_all((domid_t)other) == 0;
        errno = 0;
        ok = ok && xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 1, &gfn, NULL) == NULL &&
             errno == EPERM;
        p = ok ? xenforeignmemory_map(fmem, (uint32_t)other, PROT_READ, 1, &gfn, NULL) : NULL;
        ok = ok && p && xenforeignmemory_unmap(fmem, p, 1) == 0;
        _exit(ok ? 0 : 1);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: status %#x", status);
    testdom_destroy(other);
}

/* ------------------------------------------------------------ resources */

/*
 * The domain's grant table frame 0 through map_resource: a grant written
 * into it lets dom0 map the granted guest frame with libxengnttab, and
 * what that mapping shows is the frame's content.
 */
static void test_grant_table_resource(void)
{
    enum { REF = 12, GFN = 50 };
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xenforeignmemory_resource_handle *fres = NULL;
    xengnttab_handle *xgt = xengnttab_open(NULL, 0);
    xen_pfn_t gfn = GFN;
    grant_entry_v1_t *table;
    void *addr = NULL, *data = NULL, *granted = NULL;
    size_t size = 0;

    if (!CHECK(fmem && xgt))
        goto out;
    CHECKF(xenforeignmemory_resource_size(fmem, (domid_t)hvm, XENMEM_resource_grant_table,
                                          XENMEM_resource_grant_table_id_shared, &size) == 0,
           "resource_size: %s", strerror(errno));
    fprintf(stderr, "  grant table: %zu bytes\n", size);
    CHECKF(size >= PAGE && size % PAGE == 0, "size %zu", size);
    fres = xenforeignmemory_map_resource(fmem, (domid_t)hvm, XENMEM_resource_grant_table,
                                         XENMEM_resource_grant_table_id_shared, 0, 1, &addr,
                                         PROT_READ | PROT_WRITE, 0);
    if (!CHECKF(fres && addr, "map_resource: %s", strerror(errno)))
        goto out;
    data = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    if (!CHECK_NE(data, NULL))
        goto out;
    fill(data, GFN, 8);
    table = addr;
    table[REF].domid = 0;
    table[REF].frame = GFN;
    __atomic_store_n(&table[REF].flags, GTF_permit_access | GTF_readonly, __ATOMIC_RELEASE);
    granted = xengnttab_map_grant_ref(xgt, (uint32_t)hvm, REF, PROT_READ);
    if (CHECKF(granted != NULL, "mapping the grant: %s", strerror(errno))) {
        CHECK(holds(granted, GFN, 8));
        CHECK_EQ(xengnttab_unmap(xgt, granted, 1), 0);
    }
    __atomic_store_n(&table[REF].flags, 0, __ATOMIC_RELEASE);
    /* Not a plain mapping. */
    errno = 0;
    CHECK(xenforeignmemory_unmap(fmem, addr, 1) == -1 && errno == EINVAL);
    CHECK_EQ(xenforeignmemory_unmap(fmem, data, 1), 0);
    CHECK_EQ(xenforeignmemory_unmap_resource(fmem, fres), 0);
    fres = NULL;
    CHECK_EQ(xenforeignmemory_unmap_resource(fmem, NULL), 0);
out:
    if (fres)
        xenforeignmemory_unmap_resource(fmem, fres);
    xengnttab_close(xgt);
    xenforeignmemory_close(fmem);
}

static void test_resource_errors(void)
{
    struct t_capture c;
    xenforeignmemory_handle *fmem, *other;
    xenforeignmemory_resource_handle *fres;
    void *addr = NULL;
    size_t size;

    t_capture_start(&c);
    fmem = xenforeignmemory_open(c.logger, 0);
    other = xenforeignmemory_open(NULL, 0);
    if (!CHECK(fmem && other))
        goto out;
    errno = 0;
    CHECK(xenforeignmemory_map_resource(fmem, (domid_t)hvm, 0x7777, 0, 0, 1, &addr,
                                        PROT_READ, 0) == NULL && errno != 0);
    fprintf(stderr, "  unknown resource type: %s\n", strerror(errno));
    errno = 0;
    CHECK(xenforeignmemory_resource_size(fmem, (domid_t)hvm, XENMEM_resource_grant_table, 99,
                                         &size) == -1 && errno != 0);
    /* Beyond the domain's grant frames. */
    errno = 0;
    CHECK(xenforeignmemory_map_resource(fmem, (domid_t)hvm, XENMEM_resource_grant_table,
                                        XENMEM_resource_grant_table_id_shared, 1000, 1, &addr,
                                        PROT_READ, 0) == NULL && errno != 0);
    /* Another handle's resource mapping. */
    fres = xenforeignmemory_map_resource(other, (domid_t)hvm, XENMEM_resource_grant_table,
                                         XENMEM_resource_grant_table_id_shared, 0, 1, &addr,
                                         PROT_READ, 0);
    if (CHECK_NE(fres, NULL)) {
        errno = 0;
        CHECK(xenforeignmemory_unmap_resource(fmem, fres) == -1 && errno == EINVAL);
        CHECK_EQ(xenforeignmemory_unmap_resource(other, fres), 0);
    }
    CHECKF(strstr(t_capture_end(&c), "is no resource mapping of this handle") != NULL,
           "logged \"%s\"", c.text);
    free(c.text);
    c.text = NULL;
out:
    xenforeignmemory_close(fmem);
    xenforeignmemory_close(other);
    if (c.text)
        free(c.text);
}

/* ------------------------------------------------------------ bad input */

static void test_bad_input(void)
{
    struct t_capture c;
    xenforeignmemory_handle *fmem;
    xen_pfn_t arr[2] = { 1, 2 };
    void *addr = NULL;
    int maps = privcmd_mappings();

    t_capture_start(&c);
    fmem = xenforeignmemory_open(c.logger, 0);
    if (!CHECK_NE(fmem, NULL))
        goto out;
    t_bad_input_log(&c);
    BAD_INPUT(xenforeignmemory_map, "zero count", NULLPTR_LOGS(EINVAL, "xenforeignmemory: error: xenforeignmemory_map: a count of 0 pages"),
              xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 0, arr, NULL));
    BAD_INPUT(xenforeignmemory_map, "count overflowing the size", NULLPTR(EINVAL),
              xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, SIZE_MAX / 2, arr, NULL));
    BAD_INPUT(xenforeignmemory_map, "count of 2^40 pages", NULLPTR(EINVAL),
              xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, (size_t)1 << 40, arr, NULL));
    BAD_INPUT(xenforeignmemory_map, "NULL frame array",
              NULLPTR_LOGS(EINVAL, "the frame array is NULL"),
              xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 2, NULL, NULL));
    BAD_INPUT(xenforeignmemory_map, "domid above 16 bits", NULLPTR(EINVAL),
              xenforeignmemory_map(fmem, 0x10000u + (uint32_t)hvm, PROT_READ, 2, arr, NULL));
    BAD_INPUT(xenforeignmemory_map2, "MAP_PRIVATE",
              NULLPTR_LOGS(EINVAL, "xenforeignmemory_map2: unknown flags 0x2"),
              xenforeignmemory_map2(fmem, (uint32_t)hvm, NULL, PROT_READ, MAP_PRIVATE, 2, arr,
                                    NULL));
    BAD_INPUT(xenforeignmemory_map2, "unknown flags", NULLPTR(EINVAL),
              xenforeignmemory_map2(fmem, (uint32_t)hvm, NULL, PROT_READ, 0x40000000, 2, arr,
                                    NULL));
    BAD_INPUT(xenforeignmemory_unmap, "zero count", MINUS1(EINVAL),
              xenforeignmemory_unmap(fmem, arr, 0));
    BAD_INPUT(xenforeignmemory_unmap, "overflowing count", MINUS1(EINVAL),
              xenforeignmemory_unmap(fmem, (void *)0x1000, SIZE_MAX));
    BAD_INPUT(xenforeignmemory_map_resource, "zero frames", NULLPTR(EINVAL),
              xenforeignmemory_map_resource(fmem, (domid_t)hvm, XENMEM_resource_grant_table, 0,
                                            0, 0, &addr, PROT_READ, 0));
    BAD_INPUT(xenforeignmemory_map_resource, "NULL address pointer", NULLPTR(EINVAL),
              xenforeignmemory_map_resource(fmem, (domid_t)hvm, XENMEM_resource_grant_table, 0,
                                            0, 1, NULL, PROT_READ, 0));
    BAD_INPUT(xenforeignmemory_map_resource, "MAP_PRIVATE", NULLPTR(EINVAL),
              xenforeignmemory_map_resource(fmem, (domid_t)hvm, XENMEM_resource_grant_table, 0,
                                            0, 1, &addr, PROT_READ, MAP_PRIVATE));
    BAD_INPUT(xenforeignmemory_resource_size, "NULL size pointer", MINUS1(EINVAL),
              xenforeignmemory_resource_size(fmem, (domid_t)hvm, XENMEM_resource_grant_table, 0,
                                             NULL));
    BAD_INPUT(xenforeignmemory_restrict, "DOMID_IDLE", MINUS1(EINVAL),
              xenforeignmemory_restrict(fmem, DOMID_IDLE));
    BAD_INPUT(xenforeignmemory_open, "unknown flags",
              NULLPTR_LOGS(EINVAL, "xenforeignmemory_open: unknown flags 0x1"),
              xenforeignmemory_open(c.logger, 1));
    t_bad_input_log(NULL);
    t_capture_end(&c);
    free(c.text);
    CHECKF(privcmd_mappings() == maps, "%d privcmd mappings more", privcmd_mappings() - maps);
    xenforeignmemory_close(fmem);
    return;
out:
    t_capture_end(&c);
    free(c.text);
}

/* Many maps and unmaps, and the refused ones, leave nothing behind. */
static void test_no_leaks(void)
{
    struct t_fd_set before;
    xenforeignmemory_handle *fmem;
    xen_pfn_t arr[8];
    int maps = privcmd_mappings(), err[8];

    for (int i = 0; i < 8; i++)
        arr[i] = 200 + (xen_pfn_t)i;
    struct t_capture quiet;

    t_fds_snapshot(&before);
    /* The failed maps' messages go here. */
    t_capture_start(&quiet);
    fmem = xenforeignmemory_open(quiet.logger, 0);
    if (!CHECK_NE(fmem, NULL))
        return;
    for (int round = 0; round < 300; round++) {
        void *p = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 1 + round % 8, arr,
                                       round % 2 ? err : NULL);

        if (!CHECKF(p != NULL, "round %d: %s", round, strerror(errno)))
            break;
        if (!CHECK_EQ(xenforeignmemory_unmap(fmem, p, 1 + round % 8), 0))
            break;
        arr[round % 8] = HOLE_GFN;
        CHECK_EQ(xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 8, arr, NULL), NULL);
        arr[round % 8] = 200 + (xen_pfn_t)(round % 8);
    }
    CHECKF(privcmd_mappings() == maps, "%d privcmd mappings more", privcmd_mappings() - maps);
    CHECK_EQ(xenforeignmemory_close(fmem), 0);
    t_capture_end(&quiet);
    free(quiet.text);
    t_check_fds_as_before(&before);
}

static void test_destroy(void)
{
    CHECK_EQ(testdom_destroy(hvm), 0);
}

int main(void)
{
    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_map2);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    if (!testdom_init()) {
        printf("FAIL: xenforeignmemory: cannot set up test domains\n");
        return 1;
    }
    hvm = testdom_create_hvm(GUEST_PAGES);
    if (hvm < 0) {
        printf("FAIL: xenforeignmemory: cannot create an HVM domain: %s\n", strerror(errno));
        return 1;
    }
    fprintf(stderr, "  HVM domain %d, %d pages\n", hvm, GUEST_PAGES);
    T_CASE(test_open_close,
           "xenforeignmemory: open and close 300 handles, close-on-exec, no fd left");
    T_CASE(test_two_mappings,
           "xenforeignmemory: 64 guest pages written through one handle read back through another");
    T_CASE(test_partial_failure,
           "xenforeignmemory: good and bad frames in one request: per-page errors, holes");
    T_CASE(test_read_only, "xenforeignmemory: a read-only mapping faults on write (in a child)");
    T_CASE(test_hint,
           "xenforeignmemory: map2 at a free hint address lands there, an occupied one is kept");
    T_CASE(test_fixed, "xenforeignmemory: map2 with MAP_FIXED and MAP_FIXED_NOREPLACE");
    T_CASE(test_unmap_checks, "xenforeignmemory: unmap takes only a whole mapping of the handle");
    T_CASE(test_close_keeps_mappings, "xenforeignmemory: mappings outlive their handle");
    T_CASE(test_restrict, "xenforeignmemory: restricted by the kernel to one domain");
    T_CASE(test_restrict_all, "xenforeignmemory: xentoolcore_restrict_all reaches the handle");
    T_CASE(test_grant_table_resource,
           "xenforeignmemory: grant table frame 0 through map_resource carries a working grant");
    T_CASE(test_resource_errors,
           "xenforeignmemory: resource errors, another handle's resource refused");
    T_CASE(test_bad_input, "xenforeignmemory: bad input refused with EINVAL and a logged reason");
    T_CASE(test_no_leaks,
           "xenforeignmemory: 300 maps, unmaps and failed maps leave no mapping or fd");
    T_CASE(test_destroy, "xenforeignmemory: the HVM domain is destroyed");
    return t_exit_status();
}
