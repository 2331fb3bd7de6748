/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxenforeignmemory: mapping and unmapping 1, 64 and 1024
 * pages of a real HVM domain (made with the tests' testdom) at a time,
 * through the library (`fmem lib`) or through the privcmd driver directly
 * (`fmem raw`: mmap, IOCTL_PRIVCMD_MMAPBATCH_V2, munmap).  Rows are per
 * page, so that the three sizes compare.
 *
 * Every variant maps at the same place: in a PV dom0 each page-table page
 * Linux allocates or frees costs Xen a validation, and under QEMU that
 * outweighs the library's own work many times (64 pages cost 1.3 ms where
 * the range's page table stays, 2.3 ms where it is made and freed each
 * time, 3 ms across two).  Where the kernel puts a mapping depends on the
 * libraries the process loaded, so left to the kernel the three variants
 * measured their address layouts, not the library.  Here a reserved window
 * keeps a neighbour in each 2 MiB region the mapping only partly covers
 * (as a long-running process's other mappings do), and the mapping is
 * asked for at the hole in it as an address hint.
 *
 * The machine under QEMU also has slow phases, of a few seconds, in which
 * these rows take up to twice as long: on the raw ioctl as much as on
 * either library (seen in one process alternating the raw ioctl and the
 * library every half second, the ratio staying near 1 through them).  So
 * each row is measured for ROW_SECONDS, longer than such a phase, in
 * ROW_SAMPLES samples, and counts its fastest, as every row does.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include <xenforeignmemory.h>

#include "benchlib.h"
#include "testdom.h"

#define PAGE 4096
#define GUEST_PAGES 1024
#define ROW_SECONDS 5.0
#define ROW_SAMPLES 50

static const size_t map_pages[] = { 1, 64, 1024 };

static int domid;
static size_t nr_pages;
static char *where;     /* the hole in the window, 1 MiB into a 2 MiB region */
static xen_pfn_t frames[GUEST_PAGES];
static int errs[GUEST_PAGES];

/* ------------------------------------------------------------ the library */

static xenforeignmemory_handle *fmem;

static void lib_map_unmap(void *arg)
{
    void *p = xenforeignmemory_map2(fmem, (uint32_t)domid, where, PROT_READ | PROT_WRITE, 0,
                                    nr_pages, frames, errs);

    (void)arg;
    if (p != where || xenforeignmemory_unmap(fmem, p, nr_pages) < 0)
        exit(3);
}

/* ------------------------------------------------------------ the kernel */

static int privcmd_fd;

static void raw_map_unmap(void *arg)
{
    void *p = mmap(where, nr_pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, privcmd_fd, 0);
    privcmd_mmapbatch_v2_t op = { .num = (unsigned)nr_pages, .dom = (domid_t)domid,
                                  .addr = (uintptr_t)p, .arr = frames, .err = errs };

    (void)arg;
    if (p != where || ioctl(privcmd_fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &op) < 0)
        exit(3);
    munmap(p, nr_pages * PAGE);
}

/* ------------------------------------------------------------ the rows */

#define REGION (2UL << 20)  /* what one page-table page maps */

/* Reserves a window of inaccessible memory with a hole of pages pages 1 MiB
 * into a 2 MiB region; the hole's address, or NULL. */
static char *window(size_t pages, char **base, size_t *size)
{
    uintptr_t start;

    *size = pages * PAGE + 4 * REGION;
    *base = mmap(NULL, *size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (*base == MAP_FAILED)
        return NULL;
    start = (((uintptr_t)*base + REGION - 1) & ~(REGION - 1)) + REGION / 2;
    return munmap((void *)start, pages * PAGE) == 0 ? (char *)start : NULL;
}

static void rows(void (*map_unmap)(void *))
{
    char key[32], description[112], *base;
    size_t size;

    for (size_t i = 0; i < sizeof(map_pages) / sizeof(map_pages[0]); i++) {
        nr_pages = map_pages[i];
        where = window(nr_pages, &base, &size);
        if (!where)
            exit(2);
        snprintf(key, sizeof(key), "fmem.map%zu", nr_pages);
        snprintf(description, sizeof(description),
                 "libxenforeignmemory: map+unmap of an HVM guest's pages, %zu page%s a time, "
                 "per page", nr_pages, nr_pages > 1 ? "s" : "");
        bench_row(key, description,
                  bench_loop_for(map_unmap, NULL, ROW_SECONDS, ROW_SAMPLES) / (double)nr_pages);
        munmap(base, size);
    }
}

int main(int argc, char **argv)
{
    bool raw = bench_raw_mode(argc, argv);

    domid = testdom_create_hvm(GUEST_PAGES);
    if (domid < 0)
        return 2;
    for (int i = 0; i < GUEST_PAGES; i++)
        frames[i] = (xen_pfn_t)i;
    if (raw) {
        privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
        if (privcmd_fd < 0) {
            perror("bench: /dev/xen/privcmd");
            return 2;
        }
        rows(raw_map_unmap);
        close(privcmd_fd);
    } else {
        bench_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_open);
        fmem = xenforeignmemory_open(NULL, 0);
        if (!fmem)
            return 2;
        rows(lib_map_unmap);
        xenforeignmemory_close(fmem);
    }
    testdom_destroy(domid);
    return 0;
}
