/* SPDX-License-Identifier: MIT */
/*
 * System tests of libxenkexec, in a Xen dom0 whose Xen reserved a crash
 * region (crashkernel=128M): ranges checked against Xen's boot messages and
 * against upstream's libxenctrl, crash images loaded into the region and
 * unloaded again, bad input refused with nothing loaded half-way.  No
 * image is ever started here (see tests/kexec/e2e), and every case that
 * loads one unloads it on every path.
 */
#define __XEN_TOOLS__ 1         /* for <xen/sysctl.h> */

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xencall.h>
#include <xenkexec.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "testlib.h"

/* As in call.c: <xen/sysctl.h> needs anonymous unions, which C11 has. */
#undef __STRICT_ANSI__
#include <xen/xen.h>
#include <xen/sysctl.h>

#define MiB (1024 * 1024ULL)
#define PAGE 4096ULL

static xenkexec_handle *xk;
static uint64_t crash_start, crash_size;

/* ------------------------------------------------------------ upstream */

/* Upstream's libxenctrl, the reference, through dlopen of its file: the
 * tests link the project's libxenctrl of the same SONAME.  DEEPBIND, so
 * that upstream's calls its own functions, not ours. */
static struct {
    void *xch;
    int (*get_range)(void *xch, int range, int nr, uint64_t *size, uint64_t *start);
    int (*status)(void *xch, int type);
    int (*unload)(void *xch, int type);
    int (*memory_map)(void *xch, void *entries, unsigned int max);
    int (*close)(void *xch);
} up;

/* An entry of upstream's xc_get_machine_memory_map(): E820's layout. */
struct e820_entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static bool upstream_open(void)
{
    void *lib = dlopen(UPSTREAM_LIBDIR "/libxenctrl.so.4.17", RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
    void *(*open_fn)(void *, void *, unsigned);

    if (!lib)
        return false;
    open_fn = (void *(*)(void *, void *, unsigned))dlsym(lib, "xc_interface_open");
    up.get_range = (int (*)(void *, int, int, uint64_t *, uint64_t *))dlsym(lib,
                                                                        "xc_kexec_get_range");
    up.status = (int (*)(void *, int))dlsym(lib, "xc_kexec_status");
    up.unload = (int (*)(void *, int))dlsym(lib, "xc_kexec_unload");
    up.memory_map = (int (*)(void *, void *, unsigned))dlsym(lib, "xc_get_machine_memory_map");
    up.close = (int (*)(void *))dlsym(lib, "xc_interface_close");
    up.xch = open_fn && up.get_range && up.status && up.unload && up.memory_map && up.close
                 ? open_fn(NULL, NULL, 0)
                 : NULL;
    return up.xch != NULL;
}

/* ------------------------------------------------------------ helpers */

/* Xen's console ring, as `xl dmesg` reads it, NUL-terminated; NULL if it
 * could not be read.  The caller frees it. */
static char *xen_console(void)
{
    const uint32_t size = 256 * 1024;
    xencall_handle *xcall = xencall_open(NULL, 0);
    struct xen_sysctl *sysctl = xcall ? xencall_alloc_buffer(xcall, sizeof(*sysctl)) : NULL;
    char *ring = xcall ? xencall_alloc_buffer(xcall, size) : NULL, *copy = NULL;

    if (sysctl && ring) {
        memset(sysctl, 0, sizeof(*sysctl));
        sysctl->cmd = XEN_SYSCTL_readconsole;
        sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
        set_xen_guest_handle(sysctl->u.readconsole.buffer, ring);
        sysctl->u.readconsole.count = size - 1;
        if (xencall1(xcall, __HYPERVISOR_sysctl, (uintptr_t)sysctl) == 0) {
            ring[sysctl->u.readconsole.count] = '\0';
            copy = strdup(ring);
        }
    }
    xencall_free_buffer(xcall, ring);
    xencall_free_buffer(xcall, sysctl);
    xencall_close(xcall);
    return copy;
}

/* Makes sure no crash image is left, whatever a case did. */
static void unload_crash(void)
{
    xenkexec_unload(xk, XENKEXEC_TYPE_CRASH);
}

/* A recognisable page-sized pattern per image and segment. */
static unsigned char data[3][3 * 4096];

static void fill_data(int image)
{
    for (int s = 0; s < 3; s++)
        for (size_t i = 0; i < sizeof(data[s]); i++)
            data[s][i] = (unsigned char)(i * 7 + (size_t)s * 31 + (size_t)image);
}

/*
 * A crash image of 4 segments: 3 with data inside the crash region (one
 * with a buffer shorter than its destination, one far into the region),
 * and the first MiB without data, as kexec-tools gives a crash kernel.
 */
static uint32_t crash_image(xenkexec_segment segs[4])
{
    memset(segs, 0, 4 * sizeof(*segs));
    segs[0] = (xenkexec_segment){ data[0], PAGE, crash_start, PAGE };
    segs[1] = (xenkexec_segment){ data[1], 5000, crash_start + 16 * PAGE, 3 * PAGE };
    segs[2] = (xenkexec_segment){ data[2], 2 * PAGE, crash_start + crash_size - 2 * PAGE,
                                  2 * PAGE };
    segs[3] = (xenkexec_segment){ NULL, 0, 0, MiB };
    return 4;
}

/* ------------------------------------------------------------ handles */

/* A handle whose messages c captures, or NULL (a failed check; the
 * capture is over then). */
static xenkexec_handle *open_captured(struct t_capture *c)
{
    xenkexec_handle *h;

    t_capture_start(c);
    h = xenkexec_open(c->logger, 0);
    if (!CHECK_NE(h, NULL)) {
        t_capture_end(c);
        free(c->text);
    }
    return h;
}

/* Ends the capture c and checks, as one check, that each of the
 * NULL-ended texts was logged. */
static void end_capture_expecting(struct t_capture *c, const char *const texts[])
{
    bool all = true;

    t_capture_end(c);
    for (size_t i = 0; all && texts[i]; i++)
        all = t_logged(c, texts[i]);
    CHECKF(all, "logged \"%s\"", c->text);
    free(c->text);
}

static void test_open_close(void)
{
    struct t_capture c;
    xenkexec_handle *h;

    CHECK_NE(xk, NULL);
    CHECK_EQ(xenkexec_close(NULL), 0);
    t_capture_start(&c);
    h = xenkexec_open(c.logger, 0);
    CHECK_NE(h, NULL);
    CHECK_EQ(xenkexec_close(h), 0);
    errno = 0;
    CHECK(xenkexec_open(c.logger, 1) == NULL && errno == EINVAL);
    end_capture_expecting(&c, (const char *const[]){
        "xenkexec: error: xenkexec_open: unknown flags 0x1", NULL });
}

static void test_fds(void)
{
    struct t_fd_set before;
    xenkexec_handle *h;
    int opened;

    t_fds_snapshot(&before);
    h = xenkexec_open(NULL, 0);
    if (!CHECK_NE(h, NULL))
        return;
    /* libxencall's privcmd and hypercall-buffer descriptors. */
    opened = t_check_new_fds_cloexec(&before);
    CHECKF(opened == 2, "%d fds opened", opened);
    CHECK_EQ(xenkexec_close(h), 0);
    t_check_fds_as_before(&before);
}

/* ------------------------------------------------------------ ranges */

static void test_crash_region(void)
{
    char *console = xen_console(), *line;
    unsigned mb = 0, kb = 0;
    unsigned long long at = 0;
    uint64_t s = 0, n = 0;

    CHECK_EQ(xenkexec_get_range(xk, XENKEXEC_RANGE_CRASH, 0, &crash_start, &crash_size), 0);
    CHECKF(crash_size == 128 * MiB, "crash region %#llx+%#llx", (unsigned long long)crash_start,
           (unsigned long long)crash_size);
    CHECKF(crash_start != 0 && crash_start % PAGE == 0, "crash region at %#llx",
           (unsigned long long)crash_start);
    /* What Xen printed when it made the reservation at boot. */
    line = console ? strstr(console, "Kdump: ") : NULL;
    CHECKF(line && sscanf(line, "Kdump: %uMB (%ukB) at %llx", &mb, &kb, &at) == 3,
           "no Kdump line in Xen's console");
    CHECKF(mb == 128 && (uint64_t)kb * 1024 == crash_size && at == crash_start,
           "Xen booted with %uMB (%ukB) at %#llx", mb, kb, at);
    CHECK(console && strstr(console, "crashkernel=128M"));
    free(console);
    /* Upstream's libxenctrl asks the same of Xen. */
    CHECK_EQ(up.get_range(up.xch, XENKEXEC_RANGE_CRASH, 0, &n, &s), 0);
    CHECK(s == crash_start && n == crash_size);
}

/* Each range, with our library and upstream's: the same answer or the
 * same refusal. */
static void compare_range(unsigned range, unsigned cpu, bool answered)
{
    uint64_t start = 1, size = 1, ustart = 2, usize = 2;
    int rc, urc, err, uerr;

    errno = 0;
    rc = xenkexec_get_range(xk, range, cpu, &start, &size);
    err = errno;
    errno = 0;
    urc = up.get_range(up.xch, (int)range, (int)cpu, &usize, &ustart);
    uerr = errno;
    CHECKF(rc == urc && (rc == 0 || err == uerr), "range %u cpu %u: %d/%d vs upstream %d/%d",
           range, cpu, rc, err, urc, uerr);
    CHECKF(answered == (rc == 0), "range %u cpu %u: %s", range, cpu,
           rc == 0 ? "answered" : strerror(err));
    if (rc == 0)
        CHECKF(start == ustart && size == usize,
               "range %u cpu %u: %#llx+%#llx, upstream %#llx+%#llx", range, cpu,
               (unsigned long long)start, (unsigned long long)size,
               (unsigned long long)ustart, (unsigned long long)usize);
    else
        CHECKF(start == 1 && size == 1, "range %u: outputs written on failure", range);
}

static void test_ranges_as_xen(void)
{
    uint64_t xen_start = 0, xen_size = 0, start, size;

    compare_range(XENKEXEC_RANGE_CRASH, 0, true);
    compare_range(XENKEXEC_RANGE_XEN, 0, true);
    compare_range(XENKEXEC_RANGE_CPU_NOTE, 0, true);
    compare_range(XENKEXEC_RANGE_CPU_NOTE, 1, true);
    /* The VM has 2 CPUs: Xen has no third. */
    compare_range(XENKEXEC_RANGE_CPU_NOTE, 2, false);
    compare_range(XENKEXEC_RANGE_CPU_NOTE, 63, false);
    /* ia64's ranges, which Xen on x86 refuses. */
    compare_range(XENKEXEC_RANGE_XENHEAP, 0, false);
    compare_range(XENKEXEC_RANGE_BOOT_PARAM, 0, false);
    compare_range(XENKEXEC_RANGE_EFI_MEMMAP, 0, false);
    compare_range(XENKEXEC_RANGE_VMCOREINFO, 0, true);

    errno = 0;
    CHECK(xenkexec_get_range(xk, XENKEXEC_RANGE_CPU_NOTE, 2, &start, &size) == -1 &&
          errno == ERANGE);
    CHECK_EQ(xenkexec_get_range(xk, XENKEXEC_RANGE_XEN, 0, &xen_start, &xen_size), 0);
    CHECKF(xen_size > 0 && (xen_start + xen_size <= crash_start ||
                            crash_start + crash_size <= xen_start),
           "Xen at %#llx+%#llx, crash region %#llx+%#llx", (unsigned long long)xen_start,
           (unsigned long long)xen_size, (unsigned long long)crash_start,
           (unsigned long long)crash_size);
    CHECK(xenkexec_get_range(xk, XENKEXEC_RANGE_VMCOREINFO, 0, &start, &size) == 0 &&
          size == PAGE && start != 0);
}

/*
 * The machine's memory map: as upstream's xc_get_machine_memory_map()
 * gives it, each RAM range as Xen printed it at boot ("Xen-e820 RAM map"),
 * the count alone for max 0, and a short array filled and no further.
 */
static void test_memory_map(void)
{
    enum { ROOM = 128 };
    xenkexec_memory_range ranges[ROOM], two[3];
    struct e820_entry theirs[ROOM];
    char *console = xen_console(), line[64];
    int n = xenkexec_memory_map(xk, NULL, 0), got, ram = 0;

    if (!CHECKF(n > 0 && n < ROOM, "the map's count: %d (%s)", n, strerror(errno)))
        goto out;
    memset(ranges, 0xa5, sizeof(ranges));
    got = xenkexec_memory_map(xk, ranges, ROOM);
    CHECK_EQ(got, n);
    CHECK_EQ(up.memory_map(up.xch, theirs, ROOM), n);
    for (int i = 0; i < got && i < n; i++) {
        const xenkexec_memory_range *r = &ranges[i];

        CHECKF(r->start == theirs[i].addr && r->size == theirs[i].size &&
                   r->type == theirs[i].type,
               "range %d: %#llx+%#llx type %llu, upstream's %#llx+%#llx type %u", i,
               (unsigned long long)r->start, (unsigned long long)r->size,
               (unsigned long long)r->type, (unsigned long long)theirs[i].addr,
               (unsigned long long)theirs[i].size, theirs[i].type);
        snprintf(line, sizeof(line), "[%016llx, %016llx]", (unsigned long long)r->start,
                 (unsigned long long)(r->start + r->size - 1));
        /* Xen adds reserved ranges of its own (the APICs'); RAM is the
         * firmware's. */
        if (r->type == XENKEXEC_MEMORY_RAM) {
            CHECKF(console && strstr(console, line), "RAM range %d, %s, not in Xen's boot map", i,
                   line);
            ram++;
        }
    }
    CHECKF(ram > 0, "no RAM in the machine's map");
    /* Room for two: two written, the third left as it was. */
    memset(two, 0x5a, sizeof(two));
    CHECK_EQ(xenkexec_memory_map(xk, two, 2), n);
    CHECK(memcmp(two, ranges, 2 * sizeof(*two)) == 0);
    CHECK_EQ(two[2].start, 0x5a5a5a5a5a5a5a5aULL);
    BAD_INPUT(xenkexec_memory_map, "NULL ranges, max_ranges 4", MINUS1(EINVAL),
              xenkexec_memory_map(xk, NULL, 4));
    BAD_INPUT(xenkexec_memory_map, "NULL handle", MINUS1(EINVAL),
              xenkexec_memory_map(NULL, ranges, ROOM));
out:
    free(console);
}

static void test_bad_ranges(void)
{
    struct t_capture c;
    xenkexec_handle *h;
    uint64_t start = 5, size = 5;

    if (!(h = open_captured(&c)))
        return;
    BAD_INPUT(xenkexec_get_range, "unknown range 7", MINUS1(EINVAL),
              xenkexec_get_range(h, 7, 0, &start, &size));
    BAD_INPUT(xenkexec_get_range, "unknown range 1000", MINUS1(EINVAL),
              xenkexec_get_range(h, 1000, 0, &start, &size));
    BAD_INPUT(xenkexec_get_range, "nr 1 for a range that has only 0", MINUS1(EINVAL),
              xenkexec_get_range(h, XENKEXEC_RANGE_XEN, 1, &start, &size));
    BAD_INPUT(xenkexec_get_range, "CPU 0x80000000", MINUS1(ERANGE),
              xenkexec_get_range(h, XENKEXEC_RANGE_CPU_NOTE, 0x80000000u, &start, &size));
    BAD_INPUT(xenkexec_get_range, "NULL start pointer", MINUS1(EINVAL),
              xenkexec_get_range(h, XENKEXEC_RANGE_CRASH, 0, NULL, &size));
    BAD_INPUT(xenkexec_get_range, "NULL size pointer", MINUS1(EINVAL),
              xenkexec_get_range(h, XENKEXEC_RANGE_CRASH, 0, &start, NULL));
    CHECK(start == 5 && size == 5);
    /* Xen's own refusal, at debug level. */
    errno = 0;
    CHECK(xenkexec_get_range(h, XENKEXEC_RANGE_XENHEAP, 0, &start, &size) == -1 &&
          errno == EINVAL);
    xenkexec_close(h);
    end_capture_expecting(&c, (const char *const[]){
        "xenkexec: error: xenkexec_get_range: unknown range 7",
        "xenkexec: error: xenkexec_get_range: unknown range 1000",
        "xenkexec: error: xenkexec_get_range: cpu 1 given for range 1",
        "xenkexec: error: xenkexec_get_range: no CPU 2147483648",
        "xenkexec: error: xenkexec_get_range: NULL start",
        "xenkexec: error: xenkexec_get_range: NULL size",
        "xenkexec: debug: xenkexec_get_range: Xen does not report range 3",
        NULL,
    });
}

/* ------------------------------------------------------------ images */

static void test_load_unload(void)
{
    xenkexec_segment segs[4];
    uint32_t nr;

    unload_crash();
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 0);
    fill_data(1);
    nr = crash_image(segs);
    CHECK_EQ(xenkexec_load(xk, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, segs, nr), 0);
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 1);
    CHECK_EQ(up.status(up.xch, XENKEXEC_TYPE_CRASH), 1);
    /* The default slot is another: untouched. */
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_DEFAULT), 0);

    /* A second image replaces the first, and Xen's status still says so. */
    fill_data(2);
    segs[1].buf_size = 3 * PAGE;
    CHECK_EQ(xenkexec_load(xk, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start + 16 * PAGE, segs,
                        nr), 0);
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 1);
    CHECK_EQ(up.status(up.xch, XENKEXEC_TYPE_CRASH), 1);

    /* The largest image Xen takes: 15 segments. */
    {
        xenkexec_segment many[XENKEXEC_MAX_SEGMENTS];

        for (unsigned i = 0; i < XENKEXEC_MAX_SEGMENTS; i++)
            many[i] = (xenkexec_segment){ data[i % 3], PAGE, crash_start + 2 * i * PAGE, PAGE };
        CHECK_EQ(xenkexec_load(xk, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, many,
                            XENKEXEC_MAX_SEGMENTS), 0);
        CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 1);
    }

    CHECK_EQ(xenkexec_unload(xk, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(up.status(up.xch, XENKEXEC_TYPE_CRASH), 0);
    /* Unloading nothing succeeds and keeps the status right. */
    CHECK_EQ(xenkexec_unload(xk, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 0);
    unload_crash();
}

/* Xen's status bit flips on every unload: upstream's two unloads of
 * nothing leave it saying "loaded"; ours puts it right. */
static void test_status_corrected(void)
{
    unload_crash();
    CHECK_EQ(up.unload(up.xch, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(up.unload(up.xch, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(up.unload(up.xch, XENKEXEC_TYPE_CRASH), 0);
    CHECKF(up.status(up.xch, XENKEXEC_TYPE_CRASH) == 1,
           "Xen 4.17's status bit no longer flips on an unload of nothing");
    CHECK_EQ(xenkexec_unload(xk, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(xenkexec_status(xk, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(up.status(up.xch, XENKEXEC_TYPE_CRASH), 0);
}

/* One bad load: -1 and the errno; and the image loaded before is still
 * the one loaded (Xen's status bit would have flipped on any load). */
static void bad_load(xenkexec_handle *h, unsigned type, uint16_t arch, uint64_t entry,
                     const xenkexec_segment *segs, uint32_t nr, int want_errno, const char *what)
{
    int rc, err;

    errno = 0;
    rc = xenkexec_load(h, type, arch, entry, segs, nr);
    err = errno;
    CHECKF(rc == -1 && err == want_errno, "%s: %d, errno %d (%s)", what, rc, err, strerror(err));
    CHECKF(xenkexec_status(h, XENKEXEC_TYPE_CRASH) == 1, "after %s: status %d", what,
           xenkexec_status(h, XENKEXEC_TYPE_CRASH));
}

static void test_bad_loads(void)
{
    xenkexec_segment segs[4], bad[4], many[XENKEXEC_MAX_SEGMENTS + 1];
    struct t_capture c;
    xenkexec_handle *h;
    uint32_t nr;

    fill_data(3);
    nr = crash_image(segs);
    memset(many, 0, sizeof(many));
    for (unsigned i = 0; i <= XENKEXEC_MAX_SEGMENTS; i++)
        many[i] = (xenkexec_segment){ NULL, 0, crash_start + i * PAGE, PAGE };
    t_capture_start(&c);
    h = xenkexec_open(c.logger, 0);
    if (!CHECK_NE(h, NULL) ||
        !CHECK_EQ(xenkexec_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, segs, nr), 0)) {
        xenkexec_close(h);
        t_capture_end(&c);
        free(c.text);
        unload_crash();
        return;
    }
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, NULL, 2, EINVAL, "NULL list");
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, segs, 0, EINVAL, "0 segments");
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, many, XENKEXEC_MAX_SEGMENTS + 1,
             E2BIG, "16 segments");
    bad_load(h, 2, EM_X86_64, crash_start, segs, nr, EINVAL, "type 2");
    memcpy(bad, segs, sizeof(bad));
    bad[1].dest_maddr = crash_start - 4 * PAGE;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EADDRNOTAVAIL, "segment below the region");
    memcpy(bad, segs, sizeof(bad));
    bad[2].dest_maddr = crash_start + crash_size - PAGE;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EADDRNOTAVAIL, "segment past the region's end");
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start + crash_size, segs, nr,
             EADDRNOTAVAIL, "entry past the region");
    memcpy(bad, segs, sizeof(bad));
    bad[0].dest_maddr += 1;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EADDRNOTAVAIL, "unaligned segment");
    memcpy(bad, segs, sizeof(bad));
    bad[1].dest_maddr = crash_start;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EINVAL, "overlap");
    memcpy(bad, segs, sizeof(bad));
    bad[0].buf = NULL;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EINVAL, "NULL buf with a size");
    memcpy(bad, segs, sizeof(bad));
    bad[0].buf_size = 2 * PAGE;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EINVAL, "buf_size over dest_size");
    memcpy(bad, segs, sizeof(bad));
    bad[3].dest_maddr = UINT64_MAX - PAGE + 1;
    bad[3].dest_size = 2 * PAGE;
    bad_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, bad, nr, EINVAL, "wrapping segment");
    /* Passes the library's checks; Xen refuses: it runs no ARM image.  The
     * crash image before was unloaded first (see xenkexec_load()). */
    errno = 0;
    CHECK(xenkexec_load(h, XENKEXEC_TYPE_CRASH, EM_ARM, crash_start, segs, nr) == -1 &&
          errno == EINVAL);
    CHECK_EQ(xenkexec_status(h, XENKEXEC_TYPE_CRASH), 0);
    CHECK_EQ(up.status(up.xch, XENKEXEC_TYPE_CRASH), 0);
    /* With nothing loaded, a refused load leaves nothing loaded. */
    errno = 0;
    CHECK(xenkexec_load(h, XENKEXEC_TYPE_CRASH, EM_ARM, crash_start, segs, nr) == -1 &&
          errno == EINVAL);
    CHECK_EQ(xenkexec_status(h, XENKEXEC_TYPE_CRASH), 0);
    xenkexec_close(h);
    t_capture_end(&c);
    unload_crash();

    static const char *const want[] = {
        "xenkexec: error: xenkexec_load: no segments (NULL list, 2)",
        "xenkexec: error: xenkexec_load: no segments (list given, 0)",
        "xenkexec: error: xenkexec_load: 16 segments, Xen takes at most 15",
        "xenkexec: error: xenkexec_load: unknown image type 2",
        "xenkexec: error: xenkexec_load: segment 1: ",
        "is outside the crash region",
        "xenkexec: error: xenkexec_load: entry point ",
        "is not in whole 4 KiB pages",
        "xenkexec: error: xenkexec_load: segments 0 and 1 overlap",
        "xenkexec: error: xenkexec_load: segment 0: buf is NULL, buf_size 0x1000",
        "xenkexec: error: xenkexec_load: segment 0: buf_size 0x2000 exceeds dest_size 0x1000",
        "xenkexec: error: xenkexec_load: segment 3: destination 0xfffffffffffff000+0x2000 wraps",
        "xenkexec: error: xenkexec_load: Xen refused the crash image (arch 40, entry ",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        CHECKF(t_logged(&c, want[i]), "not logged: \"%s\" in \"%s\"", want[i], c.text);
    free(c.text);
}

/* Checked in the VM only with nothing loaded: exec of a loaded image would
 * end the test run. */
static void test_exec_nothing_loaded(void)
{
    struct t_capture c;
    xenkexec_handle *h;

    if (!(h = open_captured(&c)))
        return;
    if (!CHECK_EQ(xenkexec_unload(h, XENKEXEC_TYPE_CRASH), 0) ||
        !CHECK_EQ(xenkexec_unload(h, XENKEXEC_TYPE_DEFAULT), 0) ||
        !CHECK_EQ(xenkexec_status(h, XENKEXEC_TYPE_CRASH), 0) ||
        !CHECK_EQ(xenkexec_status(h, XENKEXEC_TYPE_DEFAULT), 0)) {
        xenkexec_close(h);
        t_capture_end(&c);
        free(c.text);
        return;
    }
    BAD_INPUT(xenkexec_exec, "restricted handle", MINUS1(ENOENT),
              xenkexec_exec(h, XENKEXEC_TYPE_CRASH));
    BAD_INPUT(xenkexec_exec, "no image loaded", MINUS1(ENOENT),
              xenkexec_exec(h, XENKEXEC_TYPE_DEFAULT));
    BAD_INPUT(xenkexec_exec, "unknown type 2", MINUS1(EINVAL), xenkexec_exec(h, 2));
    BAD_INPUT(xenkexec_status, "unknown type 2", MINUS1(EINVAL), xenkexec_status(h, 2));
    BAD_INPUT(xenkexec_unload, "unknown type 255", MINUS1(EINVAL), xenkexec_unload(h, 255));
    xenkexec_close(h);
    end_capture_expecting(&c, (const char *const[]){
        "xenkexec: error: xenkexec_exec: no crash image is loaded",
        "xenkexec: error: xenkexec_exec: no default image is loaded",
        "xenkexec: error: xenkexec_exec: unknown image type 2",
        "xenkexec: error: xenkexec_status: unknown image type 2",
        "xenkexec: error: xenkexec_unload: unknown image type 255",
        NULL,
    });
}

/* ------------------------------------------------------------ restricting */

static void test_restrict(void)
{
    xenkexec_segment segs[4];
    struct t_capture c;
    uint64_t start = 0, size = 0;
    xenkexec_handle *h;
    uint32_t nr = crash_image(segs);

    if (!(h = open_captured(&c)))
        return;
    CHECK_EQ(xentoolcore_restrict_all(0), 0);
    BAD_INPUT(xenkexec_get_range, "restricted handle", MINUS1(EPERM),
              xenkexec_get_range(h, XENKEXEC_RANGE_CRASH, 0, &start, &size));
    BAD_INPUT(xenkexec_status, "restricted handle", MINUS1(EPERM),
              xenkexec_status(h, XENKEXEC_TYPE_CRASH));
    BAD_INPUT(xenkexec_load, "restricted handle", MINUS1(EPERM),
              xenkexec_load(h, XENKEXEC_TYPE_CRASH, EM_X86_64, crash_start, segs, nr));
    BAD_INPUT(xenkexec_unload, "restricted handle", MINUS1(EPERM),
              xenkexec_unload(h, XENKEXEC_TYPE_CRASH));
    BAD_INPUT(xenkexec_memory_map, "restricted handle", MINUS1(EPERM),
              xenkexec_memory_map(h, NULL, 0));
    errno = 0;
    CHECK(xenkexec_exec(h, XENKEXEC_TYPE_CRASH) == -1 && errno == EPERM);
    CHECK_EQ(xenkexec_close(h), 0);
    end_capture_expecting(&c, (const char *const[]){
        "xenkexec: error: xenkexec_load: the handle was restricted", NULL });
}

int main(void)
{
    t_expect_library("libxenkexec.so.1", (const void *)xenkexec_open);
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    xk = xenkexec_open(NULL, 0);
    if (!upstream_open())
        printf("FAIL: kexec: upstream's libxenctrl, the reference, did not open: %s\n",
               dlerror());
    if (!xk || !up.xch)
        return 1;
    T_CASE(test_open_close, "kexec: open and close, unknown flags refused");
    T_CASE(test_fds, "kexec: a handle's fds are close-on-exec and closed with it");
    T_CASE(test_crash_region, "kexec: the crash region is Xen's crashkernel=128M reservation");
    T_CASE(test_ranges_as_xen, "kexec: every range answered or refused as Xen does for upstream");
    T_CASE(test_memory_map, "kexec: the machine's memory map, as upstream's and Xen's boot map");
    T_CASE(test_bad_ranges, "kexec: bad range requests refused before Xen, and logged");
    T_CASE(test_load_unload,
           "kexec: crash images load, replace each other, unload; status follows");
    T_CASE(test_status_corrected, "kexec: status is right after upstream's unloads of nothing");
    T_CASE(test_bad_loads, "kexec: bad images refused, logged, nothing loaded half-way");
    T_CASE(test_exec_nothing_loaded, "kexec: exec with nothing loaded fails with ENOENT");
    unload_crash();
    xenkexec_close(xk);
    up.close(up.xch);
    T_CASE(test_restrict, "kexec: after xentoolcore_restrict_all every call fails with EPERM");
    return t_exit_status();
}
