/* SPDX-License-Identifier: MIT */
/*
 * Hostile system tests of libxenforeignmemory, in a Xen dom0: the domain
 * is destroyed between map and access.  Pages of real domains
 * (tests/lib/testdom.h: an HVM guest's memory, a PV guest's, an HVM
 * guest's grant table through map_resource) are filled through one
 * mapping and mapped again; the domain is destroyed, and the second
 * mapping read and written while another thread of the process keeps
 * counting.  The outcome is orderly, the same on Xen 4.17 and 4.20: Xen
 * keeps a dying domain's pages while they are mapped, so the data still
 * reads (no SIGBUS), and the domain stays, dying, until the unmap; its PV
 * frames and grant table even map again meanwhile, its HVM guest frames
 * not (EINVAL).  Then it goes at once; no descriptor or mapping is left
 * behind, mapping it fails with ESRCH and the same handle maps a live
 * domain.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenforeignmemory.h>
#include <xentoollog.h>

#include <xen/memory.h>

#include "dying.h"
#include "testdom.h"
#include "testlib.h"

#define PAGE 4096
#define GUEST_PAGES 64
#define FIRST_GFN 16
#define PAGES 8                 /* pages of guest memory mapped */
#define GRANT_FRAMES 4          /* a test domain's grant table, whole */
#define GONE_WAIT_MS 5000       /* for a domain to disappear */

/* What is mapped: guest memory of an HVM or a PV domain (by gfn, by
 * machine frame), or an HVM domain's grant table (a resource). */
enum kind { HVM, PV, GRANTS };

/* A mapping of one of them. */
struct mapping {
    char *addr;
    size_t pages;
    xenforeignmemory_resource_handle *fres;   /* GRANTS */
};

/* ------------------------------------------------------------ helpers */

/*
 * Word i of page `page` of test data.  In a grant table every even word
 * is an entry's flags and domid: its flags stay 0, so no grant is ever
 * offered.
 */
static uint32_t pattern(enum kind kind, size_t page, size_t i, unsigned seed)
{
    uint32_t w = (uint32_t)((page + 1) * 2654435761u) ^ (uint32_t)i ^ (seed << 24);

    return kind == GRANTS && i % 2 == 0 ? w & 0xffff0000u : w;
}

static void fill(const struct mapping *m, enum kind kind, unsigned seed)
{
    for (size_t p = 0; p < m->pages; p++) {
        uint32_t *w = (uint32_t *)(m->addr + p * PAGE);

        for (size_t i = 0; i < PAGE / 4; i++)
            w[i] = pattern(kind, p, i, seed);
    }
}

/* How many pages of the mapping hold the data of seed. */
static size_t holding(const struct mapping *m, enum kind kind, unsigned seed)
{
    size_t good = 0;

    for (size_t p = 0; p < m->pages; p++) {
        const volatile uint32_t *w = (const volatile uint32_t *)(m->addr + p * PAGE);
        size_t i = 0;

        while (i < PAGE / 4 && w[i] == pattern(kind, p, i, seed))
            i++;
        good += i == PAGE / 4;
    }
    return good;
}

/* A new domain of the kind, the frames to map of it into frames[]: its id,
 * or -1. */
static int create(enum kind kind, xen_pfn_t frames[PAGES])
{
    uint64_t mfns[PAGES];
    int domid;

    if (kind == PV) {
        domid = testdom_create_pv_mem(PAGES, mfns);
        for (unsigned i = 0; domid >= 0 && i < PAGES; i++)
            frames[i] = (xen_pfn_t)mfns[i];
    } else {
        domid = testdom_create_hvm(GUEST_PAGES);
        for (unsigned i = 0; i < PAGES; i++)
            frames[i] = FIRST_GFN + i;
    }
    CHECKF(domid >= 0, "creating a domain: %s", strerror(errno));
    return domid;
}

/* Maps the kind's pages of domid read-write; false, errno set, when that
 * failed. */
static bool map(xenforeignmemory_handle *fmem, enum kind kind, int domid,
                const xen_pfn_t frames[PAGES], struct mapping *m)
{
    void *addr = NULL;

    *m = (struct mapping){ 0 };
    if (kind == GRANTS) {
        m->fres = xenforeignmemory_map_resource(fmem, (domid_t)domid,
                                                XENMEM_resource_grant_table,
                                                XENMEM_resource_grant_table_id_shared, 0,
                                                GRANT_FRAMES, &addr, PROT_READ | PROT_WRITE, 0);
        m->pages = GRANT_FRAMES;
    } else {
        addr = xenforeignmemory_map(fmem, (uint32_t)domid, PROT_READ | PROT_WRITE, PAGES,
                                    frames, NULL);
        m->pages = PAGES;
    }
    m->addr = addr;
    return addr != NULL && (kind != GRANTS || m->fres != NULL);
}

static int unmap(xenforeignmemory_handle *fmem, struct mapping *m)
{
    int rc = m->fres ? xenforeignmemory_unmap_resource(fmem, m->fres)
                     : xenforeignmemory_unmap(fmem, m->addr, m->pages);

    *m = (struct mapping){ 0 };
    return rc;
}

/* ------------------------------------------------------------ the access */

/* What an access is to: the mapping, holding seed's data. */
struct access {
    const struct mapping *m;
    enum kind kind;
    unsigned seed;
};

/* Reads the mapping against seed's data, writes seed + 1's and reads that
 * back (for t_access_guarded()): whether all of it held. */
static bool access_pages(void *arg)
{
    const struct access *a = arg;

    if (holding(a->m, a->kind, a->seed) != a->m->pages)
        return false;
    fill(a->m, a->kind, a->seed + 1);
    return holding(a->m, a->kind, a->seed + 1) == a->m->pages;
}

/* ------------------------------------------------------------ the cases */

/* Data written through one mapping of a new live domain reads back
 * through a second one of the same handle. */
static void check_maps_live(xenforeignmemory_handle *fmem, enum kind kind)
{
    xen_pfn_t frames[PAGES];
    struct mapping a, b;
    int domid = create(kind, frames);

    if (domid < 0)
        return;
    if (CHECKF(map(fmem, kind, domid, frames, &a), "mapping a live domain: %s",
               strerror(errno))) {
        fill(&a, kind, 7);
        if (CHECKF(map(fmem, kind, domid, frames, &b), "mapping it again: %s",
                   strerror(errno))) {
            CHECK_EQ(holding(&b, kind, 7), b.pages);
            CHECK_EQ(unmap(fmem, &b), 0);
        }
        CHECK_EQ(unmap(fmem, &a), 0);
    }
    CHECK_EQ(testdom_destroy(domid), 0);
}

/* Mapping domid's frames with a per-page error array: the call maps, and
 * every page fails with -want. */
static void check_page_errors(xenforeignmemory_handle *fmem, int domid,
                              const xen_pfn_t frames[PAGES], int want)
{
    int err[PAGES];
    void *p;

    memset(err, 0x55, sizeof(err));
    p = xenforeignmemory_map(fmem, (uint32_t)domid, PROT_READ, PAGES, frames, err);
    if (CHECKF(p != NULL, "mapping with an error array: %s", strerror(errno))) {
        for (unsigned i = 0; i < PAGES; i++)
            CHECKF(err[i] == -want, "err[%u] = %d (want %d)", i, err[i], -want);
        CHECK_EQ(xenforeignmemory_unmap(fmem, p, PAGES), 0);
    }
}

/* Maps the kind's pages of domid into *m, printing how that went (a
 * figure line, "mapping it WHEN: ..."): 0, or the failure's errno. */
static int map_again(xenforeignmemory_handle *fmem, enum kind kind, int domid,
                     const xen_pfn_t frames[PAGES], struct mapping *m, const char *when)
{
    int err;

    errno = 0;
    err = map(fmem, kind, domid, frames, m) ? 0 : errno;
    printf("  figure: mapping it %s: %s\n", when, err ? strerror(err) : "maps");
    return err;
}

/*
 * Mapping domid, destroyed but held by a mapping, after its access wrote
 * seed 2's data: an HVM domain's guest frames are gone with its p2m
 * (EINVAL, for each page), while a PV domain's frames and a grant table,
 * which are still there, map again and show the data.
 */
static void check_dying_mapped(xenforeignmemory_handle *fmem, enum kind kind, int domid,
                               const xen_pfn_t frames[PAGES])
{
    struct mapping m;
    int map_errno = map_again(fmem, kind, domid, frames, &m, "again while it is dying");
    bool mapped = map_errno == 0;

    if (kind == HVM) {
        CHECKF(!mapped && map_errno == EINVAL, "mapping the dying domain: errno %d (want EINVAL)",
               map_errno);
        check_page_errors(fmem, domid, frames, EINVAL);
    } else if (CHECKF(mapped, "mapping the dying domain: %s", strerror(map_errno))) {
        CHECK_EQ(holding(&m, kind, 2), m.pages);
    }
    if (m.addr)
        CHECK_EQ(unmap(fmem, &m), 0);
}

/* Mapping domid, which is gone, fails with ESRCH: without a per-page
 * error array as the call's errno, with one as each page's error. */
static void check_gone_refused(xenforeignmemory_handle *fmem, enum kind kind, int domid,
                               const xen_pfn_t frames[PAGES])
{
    struct mapping m;
    int map_errno = map_again(fmem, kind, domid, frames, &m, "once gone");

    CHECKF(map_errno == ESRCH, "mapping the gone domain: %p, errno %d (want ESRCH)",
           (void *)m.addr, map_errno);
    if (m.addr)
        unmap(fmem, &m);
    if (kind == GRANTS)
        return;
    check_page_errors(fmem, domid, frames, ESRCH);
}

static void destroyed_while_mapped(enum kind kind)
{
    static const char *const names[] = { "HVM memory", "PV memory", "grant table" };
    struct t_capture log;
    xenforeignmemory_handle *fmem;
    struct t_held held;
    struct mapping first = { 0 }, second = { 0 };
    xen_pfn_t frames[PAGES];
    enum t_access_outcome outcome;
    int domid = -1, dead;
    char gone_message[64];

    /* The refused maps' messages go here. */
    t_capture_start(&log);
    fmem = xenforeignmemory_open(log.logger, 0);
    if (!CHECK_NE(fmem, NULL))
        goto out;
    t_held_snapshot(&held);
    domid = create(kind, frames);
    if (domid < 0)
        goto out;
    if (!CHECKF(map(fmem, kind, domid, frames, &first), "map: %s", strerror(errno)))
        goto out;
    fill(&first, kind, 1);
    if (!CHECKF(map(fmem, kind, domid, frames, &second), "second map: %s", strerror(errno)))
        goto out;
    CHECK_EQ(unmap(fmem, &first), 0);

    dead = domid;
    domid = -1;
    if (!t_destroy_and_access(dead, access_pages,
                              &(struct access){ .m = &second, .kind = kind, .seed = 1 }, &outcome))
        goto out;
    printf("  figure: %s of a destroyed domain, accessed: %s\n", names[kind],
           t_access_name(outcome));
    CHECKF(outcome == T_ACCESS_DATA, "accessing the destroyed domain's %s: %s", names[kind],
           t_access_name(outcome));
    check_dying_mapped(fmem, kind, dead, frames);
    t_listed_dying(dead);

    CHECK_EQ(unmap(fmem, &second), 0);
    t_check_gone_after_unmap(dead, GONE_WAIT_MS);
    t_check_nothing_left(&held, "");
    check_gone_refused(fmem, kind, dead, frames);
    snprintf(gone_message, sizeof(gone_message), "of domain %d: No such process", dead);
    CHECKF(t_logged(&log, gone_message), "logged \"%s\", want \"%s\"", t_capture_text(&log),
           gone_message);
    check_maps_live(fmem, kind);
    t_check_nothing_left(&held, " at the end");
out:
    if (first.addr)
        unmap(fmem, &first);
    if (second.addr)
        unmap(fmem, &second);
    if (domid >= 0)
        testdom_destroy(domid);
    CHECK_EQ(xenforeignmemory_close(fmem), 0);
    t_capture_end(&log);
    free(log.text);
}

static void test_hvm_destroyed_while_mapped(void)
{
    destroyed_while_mapped(HVM);
}

static void test_pv_destroyed_while_mapped(void)
{
    destroyed_while_mapped(PV);
}

static void test_grant_table_destroyed_while_mapped(void)
{
    destroyed_while_mapped(GRANTS);
}

int main(void)
{
    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_map);
    if (!testdom_init()) {
        printf("FAIL: xenforeignmemory: cannot set up test domains\n");
        return 1;
    }
    T_CASE(test_hvm_destroyed_while_mapped,
           "xenforeignmemory: an HVM domain destroyed while mapped: its pages still read, "
           "mapping them again EINVAL, it goes at the unmap, nothing left, then ESRCH, the "
           "handle maps a live one");
    T_CASE(test_pv_destroyed_while_mapped,
           "xenforeignmemory: a PV domain destroyed while mapped: the same, but its frames "
           "map again while it is dying");
    T_CASE(test_grant_table_destroyed_while_mapped,
           "xenforeignmemory: a domain destroyed while its grant table is mapped "
           "(map_resource): the same as PV");
    return t_exit_status();
}
