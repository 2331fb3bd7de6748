/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxengnttab: dom0 grants pages to itself and maps them
 * back, through the library (`gnttab lib`) or through the kernel's gntalloc
 * and gntdev drivers directly (`gnttab raw`: their ioctls, mmap() and
 * munmap()).
 *
 * Rows: the whole life of a shared page (share, map, unmap, unshare) at 1,
 * 16 and 128 pages a time, per page; mapping alone; sharing alone; grant
 * copy of whole pages, per page.  Every operation checks that the bytes
 * crossed.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xengnttab.h>

#include <xen/sys/gntalloc.h>
#include <xen/sys/gntdev.h>

#include "benchlib.h"

#define PAGE 4096
#define DOM0 0
#define MAX_BATCH 128
#define COPY_SEGMENTS 16

/* What a row needs, as the library or the raw drivers do it. */
struct ops {
    void *(*share)(uint32_t count, uint32_t *refs);
    void (*unshare)(void *addr, uint32_t count);
    void *(*map)(uint32_t count, const uint32_t *refs);
    void (*unmap)(void *addr, uint32_t count);
    void (*copy)(xengnttab_grant_copy_segment_t *segs, uint32_t count);
};

static const struct ops *ops;

static void die(const char *what)
{
    fprintf(stderr, "bench: gnttab: %s failed\n", what);
    exit(3);
}

/* ------------------------------------------------------------ the library */

static xengntshr_handle *shr;
static xengnttab_handle *tab;

static void *lib_share(uint32_t count, uint32_t *refs)
{
    void *p = xengntshr_share_pages(shr, DOM0, (int)count, refs, 1);

    if (!p)
        die("xengntshr_share_pages");
    return p;
}

static void lib_unshare(void *addr, uint32_t count)
{
    if (xengntshr_unshare(shr, addr, count) != 0)
        die("xengntshr_unshare");
}

static void *lib_map(uint32_t count, const uint32_t *refs)
{
    void *p = xengnttab_map_domain_grant_refs(tab, count, DOM0, (uint32_t *)refs,
                                              PROT_READ | PROT_WRITE);

    if (!p)
        die("xengnttab_map_domain_grant_refs");
    return p;
}

static void lib_unmap(void *addr, uint32_t count)
{
    if (xengnttab_unmap(tab, addr, count) != 0)
        die("xengnttab_unmap");
}

static void lib_copy(xengnttab_grant_copy_segment_t *segs, uint32_t count)
{
    if (xengnttab_grant_copy(tab, count, segs) != 0)
        die("xengnttab_grant_copy");
}

static const struct ops lib_ops = { lib_share, lib_unshare, lib_map, lib_unmap, lib_copy };

/* ------------------------------------------------------------ the kernel */

static int gntalloc_fd, gntdev_fd;

static void *raw_share(uint32_t count, uint32_t *refs)
{
    union {
        struct ioctl_gntalloc_alloc_gref op;
        char space[sizeof(struct ioctl_gntalloc_alloc_gref) + MAX_BATCH * sizeof(uint32_t)];
    } u = { .op = { .domid = DOM0, .flags = GNTALLOC_FLAG_WRITABLE, .count = count } };
    struct ioctl_gntalloc_dealloc_gref dealloc;
    void *p;

    if (ioctl(gntalloc_fd, IOCTL_GNTALLOC_ALLOC_GREF, &u.op) < 0)
        die("IOCTL_GNTALLOC_ALLOC_GREF");
    p = mmap(NULL, count * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, gntalloc_fd,
             (off_t)u.op.index);
    if (p == MAP_FAILED)
        die("mmap of gntalloc");
    dealloc = (struct ioctl_gntalloc_dealloc_gref){ .index = u.op.index, .count = count };
    if (ioctl(gntalloc_fd, IOCTL_GNTALLOC_DEALLOC_GREF, &dealloc) < 0)
        die("IOCTL_GNTALLOC_DEALLOC_GREF");
    memcpy(refs, u.op.gref_ids, count * sizeof(uint32_t));
    return p;
}

static void raw_unshare(void *addr, uint32_t count)
{
    if (munmap(addr, count * PAGE) != 0)
        die("munmap of gntalloc");
}

/* What the raw unmap needs to know of a mapping, as the library does. */
static uint64_t raw_index;

static void *raw_map(uint32_t count, const uint32_t *refs)
{
    union {
        struct ioctl_gntdev_map_grant_ref op;
        char space[sizeof(struct ioctl_gntdev_map_grant_ref) +
                   MAX_BATCH * sizeof(struct ioctl_gntdev_grant_ref)];
    } u = { .op = { .count = count } };
    void *p;

    for (uint32_t i = 0; i < count; i++)
        u.op.refs[i] = (struct ioctl_gntdev_grant_ref){ .domid = DOM0, .ref = refs[i] };
    if (ioctl(gntdev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &u.op) < 0)
        die("IOCTL_GNTDEV_MAP_GRANT_REF");
    p = mmap(NULL, count * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, gntdev_fd,
             (off_t)u.op.index);
    if (p == MAP_FAILED)
        die("mmap of gntdev");
    raw_index = u.op.index;
    return p;
}

static void raw_unmap(void *addr, uint32_t count)
{
    struct ioctl_gntdev_unmap_grant_ref op = { .index = raw_index, .count = count };

    if (munmap(addr, count * PAGE) != 0 || ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &op) < 0)
        die("unmapping from gntdev");
}

static void raw_copy(xengnttab_grant_copy_segment_t *segs, uint32_t count)
{
    struct ioctl_gntdev_grant_copy copy = {
        .count = count,
        .segments = (struct ioctl_gntdev_grant_copy_segment *)segs,
    };

    if (ioctl(gntdev_fd, IOCTL_GNTDEV_GRANT_COPY, &copy) < 0)
        die("IOCTL_GNTDEV_GRANT_COPY");
}

static const struct ops raw_ops = { raw_share, raw_unshare, raw_map, raw_unmap, raw_copy };

/* ------------------------------------------------------------ the rows */

static uint32_t batch;
static uint8_t round_byte;

/* A page's whole life: granted, mapped, written through the mapping and
 * read on the granting side, unmapped, ungranted. */
static void share_map_unmap(void *arg)
{
    uint32_t refs[MAX_BATCH];
    uint8_t *s = ops->share(batch, refs), *m = ops->map(batch, refs);

    (void)arg;
    round_byte++;
    m[(batch - 1) * PAGE + 1] = round_byte;
    if (s[(batch - 1) * PAGE + 1] != round_byte)
        die("the byte to cross the grant");
    ops->unmap(m, batch);
    ops->unshare(s, batch);
}

/* Pages granted once, mapped and unmapped over and over. */
static uint32_t standing_refs[MAX_BATCH];
static uint8_t *standing;

static void map_unmap(void *arg)
{
    uint8_t *m = ops->map(batch, standing_refs);

    (void)arg;
    round_byte++;
    m[1] = round_byte;
    if (standing[1] != round_byte)
        die("the byte to cross the grant");
    ops->unmap(m, batch);
}

static void share_unshare(void *arg)
{
    uint32_t refs[MAX_BATCH];
    uint8_t *s = ops->share(batch, refs);

    (void)arg;
    s[PAGE - 1] = 1;
    ops->unshare(s, batch);
}

static xengnttab_grant_copy_segment_t segs[COPY_SEGMENTS];
static uint8_t local[COPY_SEGMENTS * PAGE];

/* COPY_SEGMENTS whole granted pages into local memory. */
static void grant_copy(void *arg)
{
    (void)arg;
    round_byte++;
    standing[COPY_SEGMENTS * PAGE - 1] = round_byte;
    ops->copy(segs, COPY_SEGMENTS);
    for (int i = 0; i < COPY_SEGMENTS; i++)
        if (segs[i].status != GNTST_okay)
            die("a segment of the grant copy");
    if (local[COPY_SEGMENTS * PAGE - 1] != round_byte)
        die("the byte to cross by grant copy");
}

static void per_page_row(const char *key, const char *what, void (*op)(void *), uint32_t n)
{
    char k[48], description[96];

    batch = n;
    snprintf(k, sizeof(k), "gnttab.%s%u", key, (unsigned)n);
    snprintf(description, sizeof(description), "libxengnttab: %s, %u page%s a time, per page",
             what, (unsigned)n, n > 1 ? "s" : "");
    bench_row(k, description, bench_loop(op, NULL) / n);
}

static void rows(void)
{
    static const uint32_t batches[] = { 1, 16, 128 };

    for (size_t i = 0; i < sizeof(batches) / sizeof(batches[0]); i++)
        per_page_row("life", "share+map+unmap+unshare", share_map_unmap, batches[i]);
    standing = ops->share(COPY_SEGMENTS, standing_refs);
    per_page_row("map", "map+unmap of granted pages", map_unmap, 1);
    per_page_row("map", "map+unmap of granted pages", map_unmap, 16);
    per_page_row("share", "share+unshare", share_unshare, 1);
    for (int i = 0; i < COPY_SEGMENTS; i++) {
        segs[i].source.foreign.ref = standing_refs[i];
        segs[i].source.foreign.domid = DOM0;
        segs[i].dest.virt = local + i * PAGE;
        segs[i].len = PAGE;
        segs[i].flags = GNTCOPY_source_gref;
    }
    bench_row("gnttab.copy", "libxengnttab: grant copy of 16 whole pages a call, per page",
              bench_loop(grant_copy, NULL) / COPY_SEGMENTS);
    ops->unshare(standing, COPY_SEGMENTS);
}

int main(int argc, char **argv)
{
    if (bench_raw_mode(argc, argv)) {
        gntalloc_fd = open("/dev/xen/gntalloc", O_RDWR | O_CLOEXEC);
        gntdev_fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
        if (gntalloc_fd < 0 || gntdev_fd < 0) {
            perror("bench: /dev/xen");
            return 2;
        }
        ops = &raw_ops;
        rows();
        close(gntalloc_fd);
        close(gntdev_fd);
        return 0;
    }
    bench_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    shr = xengntshr_open(NULL, 0);
    tab = xengnttab_open(NULL, 0);
    if (!shr || !tab)
        return 2;
    ops = &lib_ops;
    rows();
    xengnttab_close(tab);
    xengntshr_close(shr);
    return 0;
}
