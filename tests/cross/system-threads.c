/* SPDX-License-Identifier: MIT */
/*
 * Shared handles under load: for each library whose header says threads
 * may share a handle (libxencall, libxenevtchn, libxengnttab,
 * libxenforeignmemory, libxendevicemodel, libxenkexec, and libxenctrl
 * handles not opened XC_OPENFLAG_NON_REENTRANT), 8 threads make 10,000
 * calls each on one handle (1,000 for grant and foreign mappings: see
 * cases[]; $T_THREAD_CALLS sets the number for all, e.g. lower for a run
 * under valgrind or a sanitizer), and every result is checked against what Xen
 * holds: versions, event channel states read back with xc_evtchn_status(),
 * a granted page's contents, a foreign page's contents, a domain's vCPU
 * count, kexec ranges.  Afterwards no descriptor or mapping is left over.
 * (libxentoolcore's registry and libxentoollog's stdio logger are tested
 * under threads on the host: tests/toolcore/host.c, tests/toollog/host.c.)
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <xencall.h>
#include <xenctrl.h>
#include <xendevicemodel.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>
#include <xenkexec.h>

#include <xen/version.h>

#include "testdom.h"
#include "testlib.h"

#define THREADS 8
/* Calls per thread in the running case (see cases[] below). */
static unsigned long calls_per_thread;
#define DOM0 0
#define HVM_PAGES 16
#define HVM_VCPUS 2

static xencall_handle *xcall;
static xenevtchn_handle *xce;
static xengnttab_handle *xgt;
static xengntshr_handle *xgs;
static xenforeignmemory_handle *fmem;
static xendevicemodel_handle *dmod;
static xenkexec_handle *kexec;
static xc_interface *xch;
static int hvm = -1;

/* A thread's tally: calls made, and the first thing that was wrong. */
struct tally {
    unsigned long calls, wrong;
    char first[256];
};

static void __attribute__((format(printf, 2, 3))) wrong(struct tally *t, const char *fmt, ...)
{
    va_list al;

    if (t->wrong++ == 0) {
        va_start(al, fmt);
        vsnprintf(t->first, sizeof(t->first), fmt, al);
        va_end(al);
    }
}

struct worker {
    pthread_t thread;
    unsigned index;
    void (*body)(unsigned index, struct tally *t);
    struct tally tally;
};

static void *run_worker(void *arg)
{
    struct worker *w = arg;

    w->body(w->index, &w->tally);
    return NULL;
}

/* A thread that only takes its malloc arena, as the workers will. */
static void *idle(void *arg)
{
    void *(*volatile alloc)(size_t) = malloc;

    free(alloc(64));
    return arg;
}

/* Runs body in THREADS threads at once; each must make calls_per_thread
 * calls with nothing wrong, and nothing may be left open or mapped. */
static void in_threads(void (*body)(unsigned index, struct tally *t))
{
    struct worker w[THREADS];
    struct t_fd_set fds;
    pthread_attr_t attr;
    struct timespec start, end;
    unsigned long mapped;

    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    /* glibc keeps the stacks and malloc arenas of joined threads for the
     * next ones: idle threads first, so the count below starts with them. */
    for (unsigned i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&w[i].thread, &attr, idle, NULL), 0);
    for (unsigned i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_join(w[i].thread, NULL), 0);
    mapped = t_mapped_bytes();
    t_fds_snapshot(&fds);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (unsigned i = 0; i < THREADS; i++) {
        w[i] = (struct worker){ .index = i, .body = body };
        CHECK_EQ(pthread_create(&w[i].thread, &attr, run_worker, &w[i]), 0);
    }
    for (unsigned i = 0; i < THREADS; i++) {
        CHECK_EQ(pthread_join(w[i].thread, NULL), 0);
        CHECKF(w[i].tally.calls >= calls_per_thread, "thread %u made %lu calls", i,
               w[i].tally.calls);
        CHECKF(w[i].tally.wrong == 0, "thread %u: %lu wrong, first: %s", i, w[i].tally.wrong,
               w[i].tally.first);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    fprintf(stderr, "  %d threads x %lu calls: %.1f s\n", THREADS, calls_per_thread,
            (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    pthread_attr_destroy(&attr);
    t_check_fds_as_before(&fds);
    /* Caches (libxencall's buffers) may keep a little; a leak per call
     * would be megabytes. */
    CHECKF(t_mapped_bytes() <= mapped + 64 * 4096, "%lu bytes more mapped",
           t_mapped_bytes() - mapped);
}

/* ------------------------------------------------------------ the domain */

/* The HVM domain the foreignmemory, devicemodel and libxenctrl cases work
 * on: a case of its own, as a tool may refuse the domctls that make it. */
static void test_domain(void)
{
    hvm = testdom_create_hvm_vcpus(HVM_PAGES, HVM_VCPUS);
    CHECKF(hvm >= 0, "creating it: %s", strerror(errno));
}

static bool have_domain(void)
{
    return CHECKF(hvm >= 0, "no HVM domain to work on");
}

/* ------------------------------------------------------------ libxencall */

static char extraversion[XEN_EXTRAVERSION_LEN];
/* What xen_version must answer (t_xen_version(), read once in main). */
static int running_xen;

static void xencall_body(unsigned index, struct tally *t)
{
    while (t->calls < calls_per_thread) {
        long v = xencall2(xcall, __HYPERVISOR_xen_version, XENVER_version, 0);

        t->calls++;
        if (v != running_xen)
            wrong(t, "xen_version: %#lx", v);
        /* Every 8th round a buffer too, of a size of this thread's own. */
        if (t->calls % 8 == index) {
            char *buf = xencall_alloc_buffer(xcall, XEN_EXTRAVERSION_LEN + index * 1000);

            if (!buf) {
                wrong(t, "buffer: %s", strerror(errno));
                continue;
            }
            memset(buf, 0, XEN_EXTRAVERSION_LEN);
            if (xencall2(xcall, __HYPERVISOR_xen_version, XENVER_extraversion,
                         (uintptr_t)buf) != 0 ||
                memcmp(buf, extraversion, sizeof(extraversion)) != 0)
                wrong(t, "extraversion \"%.16s\"", buf);
            xencall_free_buffer(xcall, buf);
            t->calls += 3;
        }
    }
}

static void test_xencall(void)
{
    char *buf = xencall_alloc_buffer(xcall, XEN_EXTRAVERSION_LEN);

    if (!CHECK(buf && xencall2(xcall, __HYPERVISOR_xen_version, XENVER_extraversion,
                               (uintptr_t)buf) == 0))
        return;
    memcpy(extraversion, buf, sizeof(extraversion));
    xencall_free_buffer(xcall, buf);
    in_threads(xencall_body);
}

/* ------------------------------------------------------------ libxenevtchn */

/* A loopback pair per round, its two ends read back from Xen. */
static void evtchn_body(unsigned index, struct tally *t)
{
    (void)index;
    while (t->calls < calls_per_thread) {
        xenevtchn_port_or_error_t a = xenevtchn_bind_unbound_port(xce, DOM0), b = -1;
        xc_evtchn_status_t st = { .dom = DOMID_SELF };

        t->calls++;
        if (a < 0) {
            wrong(t, "bind_unbound_port: %s", strerror(errno));
            continue;
        }
        st.port = (evtchn_port_t)a;
        if (xc_evtchn_status(xch, &st) < 0 || st.status != EVTCHNSTAT_unbound ||
            st.u.unbound.dom != DOM0)
            wrong(t, "port %d: status %u", a, st.status);
        b = xenevtchn_bind_interdomain(xce, DOM0, (evtchn_port_t)a);
        t->calls++;
        if (b < 0) {
            wrong(t, "bind_interdomain to %d: %s", a, strerror(errno));
        } else {
            st.port = (evtchn_port_t)b;
            if (xc_evtchn_status(xch, &st) < 0 || st.status != EVTCHNSTAT_interdomain ||
                st.u.interdomain.port != (evtchn_port_t)a)
                wrong(t, "port %d: status %u, peer %u", b, st.status, st.u.interdomain.port);
            if (xenevtchn_unmask(xce, (evtchn_port_t)b) < 0)
                wrong(t, "unmask %d: %s", b, strerror(errno));
            if (xenevtchn_unbind(xce, (evtchn_port_t)b) < 0)
                wrong(t, "unbind %d: %s", b, strerror(errno));
            t->calls += 2;
        }
        if (xenevtchn_unbind(xce, (evtchn_port_t)a) < 0)
            wrong(t, "unbind %d: %s", a, strerror(errno));
        t->calls++;
    }
}

static void test_evtchn(void)
{
    in_threads(evtchn_body);
}

/* ------------------------------------------------------------ libxengnttab */

/* Shares a page, writes a value of its own, maps the grant through the
 * other handle and reads the value back. */
static void gnttab_body(unsigned index, struct tally *t)
{
    for (uint32_t round = 0; t->calls < calls_per_thread; round++) {
        uint32_t ref, value = index << 24 | round;
        volatile uint32_t *page = xengntshr_share_pages(xgs, DOM0, 1, &ref, 1);
        const volatile uint32_t *seen;

        t->calls++;
        if (!page) {
            wrong(t, "share: %s", strerror(errno));
            continue;
        }
        page[1] = value;
        seen = xengnttab_map_grant_ref(xgt, DOM0, ref, PROT_READ);
        t->calls++;
        if (!seen) {
            wrong(t, "map ref %u: %s", ref, strerror(errno));
        } else {
            if (seen[1] != value)
                wrong(t, "ref %u holds %#x, not %#x", ref, seen[1], value);
            if (xengnttab_unmap(xgt, (void *)seen, 1) < 0)
                wrong(t, "unmap: %s", strerror(errno));
            t->calls++;
        }
        if (xengntshr_unshare(xgs, (void *)page, 1) < 0)
            wrong(t, "unshare: %s", strerror(errno));
        t->calls++;
    }
}

static void test_gnttab(void)
{
    in_threads(gnttab_body);
}

/* ---------------------------------------------------- libxenforeignmemory */

/* Page i of the HVM domain holds i + 1 in its first word (written once
 * before the threads start); each round maps one page and reads it. */
static void fmem_body(unsigned index, struct tally *t)
{
    for (unsigned round = 0; t->calls < calls_per_thread; round++) {
        xen_pfn_t gfn = (index + round) % HVM_PAGES;
        int err = 0;
        const volatile uint64_t *p =
            xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ, 1, &gfn, &err);

        t->calls++;
        if (!p || err) {
            wrong(t, "map gfn %lu: %s, err %d", (unsigned long)gfn, strerror(errno), err);
            continue;
        }
        if (*p != gfn + 1)
            wrong(t, "gfn %lu holds %#llx", (unsigned long)gfn, (unsigned long long)*p);
        if (xenforeignmemory_unmap(fmem, (void *)p, 1) < 0)
            wrong(t, "unmap: %s", strerror(errno));
        t->calls++;
    }
}

static void test_foreignmemory(void)
{
    xen_pfn_t gfns[HVM_PAGES];
    int errs[HVM_PAGES];
    uint64_t *all;

    if (!have_domain())
        return;
    for (unsigned i = 0; i < HVM_PAGES; i++)
        gfns[i] = i;
    all = xenforeignmemory_map(fmem, (uint32_t)hvm, PROT_READ | PROT_WRITE, HVM_PAGES, gfns,
                               errs);
    if (!CHECKF(all != NULL, "mapping the domain: %s", strerror(errno)))
        return;
    for (unsigned i = 0; i < HVM_PAGES; i++)
        all[i * 4096 / sizeof(*all)] = i + 1;
    xenforeignmemory_unmap(fmem, all, HVM_PAGES);
    in_threads(fmem_body);
}

/* ---------------------------------------------------- libxendevicemodel */

static void dmod_body(unsigned index, struct tally *t)
{
    (void)index;
    while (t->calls < calls_per_thread) {
        unsigned vcpus = 0;

        if (xendevicemodel_nr_vcpus(dmod, (domid_t)hvm, &vcpus) < 0 || vcpus != HVM_VCPUS)
            wrong(t, "nr_vcpus: %u (%s)", vcpus, strerror(errno));
        t->calls++;
    }
}

static void test_devicemodel(void)
{
    if (have_domain())
        in_threads(dmod_body);
}

/* ------------------------------------------------------------ libxenkexec */

static uint64_t xen_start, xen_size;

static void kexec_body(unsigned index, struct tally *t)
{
    (void)index;
    while (t->calls < calls_per_thread) {
        uint64_t start = 0, size = 0;

        if (xenkexec_get_range(kexec, XENKEXEC_RANGE_XEN, 0, &start, &size) < 0 ||
            start != xen_start || size != xen_size)
            wrong(t, "Xen's range %#llx+%#llx (%s)", (unsigned long long)start,
                  (unsigned long long)size, strerror(errno));
        t->calls++;
    }
}

static void test_kexec(void)
{
    if (!CHECK(xenkexec_get_range(kexec, XENKEXEC_RANGE_XEN, 0, &xen_start, &xen_size) == 0 &&
               xen_size > 0))
        return;
    in_threads(kexec_body);
}

/* ------------------------------------------------------------ libxenctrl */

static void xc_body(unsigned index, struct tally *t)
{
    while (t->calls < calls_per_thread) {
        xc_dominfo_t info;
        int v;

        if (t->calls % 2 == index % 2) {
            v = xc_version(xch, XENVER_version, NULL);
            if (v != running_xen)
                wrong(t, "xc_version: %#x", v);
        } else if (xc_domain_getinfo(xch, (uint32_t)hvm, 1, &info) != 1 ||
                   info.domid != (uint32_t)hvm || !info.hvm ||
                   info.max_vcpu_id != HVM_VCPUS - 1) {
            wrong(t, "xc_domain_getinfo(%d): %s", hvm, strerror(errno));
        }
        t->calls++;
    }
}

static void test_xenctrl(void)
{
    if (have_domain())
        in_threads(xc_body);
}

/* Mapping and unmapping a page costs a TLB flush on every vCPU, about
 * 20 ms a call under QEMU/TCG on a busy host: 10,000 calls per thread
 * would take half an hour per library there, so those make 1,000. */
static const struct {
    const char *id, *library;
    void (*run)(void);
    unsigned long calls;
} cases[] = {
    { "xencall", "libxencall", test_xencall, 10000 },
    { "evtchn", "libxenevtchn", test_evtchn, 10000 },
    { "gnttab", "libxengnttab (both sides)", test_gnttab, 1000 },
    { "foreignmemory", "libxenforeignmemory", test_foreignmemory, 1000 },
    { "devicemodel", "libxendevicemodel", test_devicemodel, 10000 },
    { "kexec", "libxenkexec", test_kexec, 10000 },
    { "xenctrl", "libxenctrl", test_xenctrl, 10000 },
};

int main(void)
{
    const char *calls = getenv("T_THREAD_CALLS");
    char name[128];

    running_xen = t_xen_version();
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    t_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_open);
    t_expect_library("libxendevicemodel.so.1", (const void *)xendevicemodel_open);
    t_expect_library("libxenkexec.so.1", (const void *)xenkexec_open);
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    testdom_init();
    xcall = xencall_open(NULL, 0);
    xce = xenevtchn_open(NULL, 0);
    xgt = xengnttab_open(NULL, 0);
    xgs = xengntshr_open(NULL, 0);
    fmem = xenforeignmemory_open(NULL, 0);
    dmod = xendevicemodel_open(NULL, 0);
    kexec = xenkexec_open(NULL, 0);
    xch = xc_interface_open(NULL, NULL, 0);
    if (!xcall || !xce || !xgt || !xgs || !fmem || !dmod || !kexec || !xch) {
        printf("FAIL: threads: cannot open the handles: %s\n", strerror(errno));
        return 1;
    }
    T_CASE(test_domain, "threads: the HVM domain the cases of three libraries work on");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        calls_per_thread = calls && *calls ? strtoul(calls, NULL, 10) : cases[i].calls;
        snprintf(name, sizeof(name), "threads: %s, %d threads x %lu calls on one handle",
                 cases[i].library, THREADS, calls_per_thread);
        t_case(cases[i].id, name, cases[i].run);
    }
    xc_interface_close(xch);
    xenkexec_close(kexec);
    xendevicemodel_close(dmod);
    xenforeignmemory_close(fmem);
    xengntshr_close(xgs);
    xengnttab_close(xgt);
    xenevtchn_close(xce);
    xencall_close(xcall);
    if (hvm >= 0)
        testdom_destroy(hvm);
    return t_exit_status();
}
