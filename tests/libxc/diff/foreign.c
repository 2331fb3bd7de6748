/* SPDX-License-Identifier: MIT */
/*
 * Mapping another domain's memory with upstream's compatibility calls
 * (xc_map_foreign_pages, xc_map_foreign_range, xc_map_foreign_bulk, and
 * libxenguest's xc_map_foreign_ranges): data written through one mapping
 * is read back through the others, on the HVM test domain's first pages
 * (put back as they were) and a PV domain's machine frames; a bulk
 * mapping's per-page errors.  xc_translate_foreign_address
 * walks a PV vCPU's page tables built here (4 levels, one data page) and
 * an HVM vCPU without paging.
 */

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

#define PAGE 4096
#define PAGES 4
/* A gfn beyond the HVM test domain's memory. */
#define UNPOPULATED 0x100000

/* "NULL errno E" or "mapped": nothing printed depends on addresses.
 * MAPPED(name, call) makes the call with errno cleared first. */
#define MAPPED(name, call)                                                \
    do {                                                                  \
        errno = 0;                                                        \
        void *p_ = (call);                                                \
        outcome(name, p_, errno);                                         \
        if (p_)                                                           \
            munmap(p_, PAGE);                                             \
    } while (0)

static void outcome(const char *name, void *p, int err)
{
    if (p)
        t_result(name, "mapped");
    else
        t_result(name, "NULL errno %d", err);
}

/* xc_map_foreign_bulk of gfns 3, a hole and 1: rw maps gfns 0..3. */
static void bulk(xc_interface *xch, int hvm, const unsigned char *rw)
{
    xen_pfn_t gfns[3] = { 3, UNPOPULATED, 1 };
    int err[3] = { 7, 7, 7 };
    unsigned char *p;

    errno = 0;
    p = xc_map_foreign_bulk(xch, (uint32_t)hvm, PROT_READ, gfns, err, 3);
    outcome("map_foreign_bulk of gfns 3, a hole, 1", p, errno);
    t_result("its per-page errors", "%d %d %d", err[0], err[1], err[2]);
    if (p) {
        t_result("bulk reads gfns 3 and 1 around the hole", "%s",
                 memcmp(p, rw + 3 * PAGE, PAGE) == 0 && memcmp(p + 2 * PAGE, rw + PAGE, PAGE) == 0 ?
                 "yes" : "no");
        munmap(p, 3 * PAGE);
    }
    errno = 0;
    p = xc_map_foreign_bulk(xch, (uint32_t)hvm, PROT_READ, gfns, NULL, 3);
    outcome("map_foreign_bulk of the hole without an error array", p, errno);
    if (p)
        munmap(p, 3 * PAGE);
    MAPPED("map_foreign_bulk of 0 pages",
           xc_map_foreign_bulk(xch, (uint32_t)hvm, PROT_READ, gfns, err, 0));
    err[0] = 7;
    errno = 0;
    p = xc_map_foreign_bulk(xch, NO_DOMAIN, PROT_READ, gfns, err, 1);
    outcome("map_foreign_bulk of no domain", p, errno);
    t_result("its error", "%d", err[0]);
    if (p)
        munmap(p, PAGE);
}

static void hvm_pages(xc_interface *xch, int hvm)
{
    static unsigned char saved[PAGES * PAGE];
    xen_pfn_t gfns[PAGES] = { 0, 1, 2, 3 };
    unsigned char *rw, *ro;
    privcmd_mmap_entry_t runs[2] = { { .mfn = 2 }, { .mfn = 0 } };

    errno = 0;
    rw = xc_map_foreign_pages(xch, (uint32_t)hvm, PROT_READ | PROT_WRITE, gfns, PAGES);
    outcome("map_foreign_pages of 4 HVM pages", rw, errno);
    if (!rw)
        return;
    memcpy(saved, rw, sizeof(saved));
    for (int i = 0; i < PAGES * PAGE; i++)
        rw[i] = (unsigned char)(i / PAGE * 31 + i % 251);

    errno = 0;
    ro = xc_map_foreign_range(xch, (uint32_t)hvm, 3 * PAGE - 100, PROT_READ, 1);
    outcome("map_foreign_range of gfns 1..3 (a size short of 3 pages)", ro, errno);
    if (ro) {
        t_result("range reads what the pages got", "%s",
                 memcmp(ro, rw + PAGE, 3 * PAGE) == 0 ? "yes" : "no");
        munmap(ro, 3 * PAGE);
    }

    errno = 0;
    ro = xc_map_foreign_ranges(xch, (uint32_t)hvm, 12345, PROT_READ, PAGE, runs, 2);
    outcome("map_foreign_ranges of gfn 2 then gfn 0", ro, errno);
    if (ro) {
        t_result("ranges read the two pages in that order", "%s",
                 memcmp(ro, rw + 2 * PAGE, PAGE) == 0 && memcmp(ro + PAGE, rw, PAGE) == 0 ?
                 "yes" : "no");
        munmap(ro, 2 * PAGE);
    }
    errno = 0;
    ro = xc_map_foreign_ranges(xch, (uint32_t)hvm, 0, PROT_READ, 2 * PAGE, runs, 1);
    outcome("map_foreign_ranges of one 2-page chunk", ro, errno);
    if (ro) {
        t_result("the chunk reads gfns 2 and 3", "%s",
                 memcmp(ro, rw + 2 * PAGE, 2 * PAGE) == 0 ? "yes" : "no");
        munmap(ro, 2 * PAGE);
    }
    bulk(xch, hvm, rw);
    memcpy(rw, saved, sizeof(saved));
    munmap(rw, PAGES * PAGE);
}

static void refusals(xc_interface *xch, int hvm, int pv)
{
    xen_pfn_t gfns[2] = { 0, UNPOPULATED };
    privcmd_mmap_entry_t run = { .mfn = 0 };
    void *p;

    errno = 0;
    p = xc_map_foreign_pages(xch, (uint32_t)hvm, PROT_READ, gfns, 2);
    outcome("map_foreign_pages with an unpopulated gfn", p, errno);
    if (p)
        munmap(p, 2 * PAGE);
    MAPPED("map_foreign_pages of 0 pages",
           xc_map_foreign_pages(xch, (uint32_t)hvm, PROT_READ, gfns, 0));
    MAPPED("map_foreign_pages of -1 pages",
           xc_map_foreign_pages(xch, (uint32_t)hvm, PROT_READ, gfns, -1));
    MAPPED("map_foreign_pages of no domain",
           xc_map_foreign_pages(xch, DOMID_FIRST_RESERVED - 1, PROT_READ, gfns, 1));
    MAPPED("map_foreign_pages of an empty PV domain",
           xc_map_foreign_pages(xch, (uint32_t)pv, PROT_READ, gfns, 1));
    MAPPED("map_foreign_range of 0 bytes",
           xc_map_foreign_range(xch, (uint32_t)hvm, 0, PROT_READ, 0));
    MAPPED("map_foreign_range at an unpopulated gfn",
           xc_map_foreign_range(xch, (uint32_t)hvm, PAGE, PROT_READ, UNPOPULATED));
    MAPPED("map_foreign_ranges of 0 entries",
           xc_map_foreign_ranges(xch, (uint32_t)hvm, 0, PROT_READ, PAGE, &run, 0));
    MAPPED("map_foreign_ranges of chunks under a page",
           xc_map_foreign_ranges(xch, (uint32_t)hvm, 0, PROT_READ, 100, &run, 1));
}

/* A PV domain's pages are its machine frames. */
static void pv_pages(xc_interface *xch)
{
    uint64_t mfns[2];
    xen_pfn_t frames[2];
    int domid = testdom_create_pv_mem(2, mfns);
    unsigned char *rw, *ro;

    if (domid < 0) {
        t_result("foreign: a PV domain with memory", "none, errno %d", errno);
        return;
    }
    frames[0] = (xen_pfn_t)mfns[1];
    frames[1] = (xen_pfn_t)mfns[0];
    errno = 0;
    rw = xc_map_foreign_pages(xch, (uint32_t)domid, PROT_READ | PROT_WRITE, frames, 2);
    outcome("map_foreign_pages of a PV domain's 2 frames", rw, errno);
    if (rw) {
        memset(rw, 0x5a, PAGE);
        memset(rw + PAGE, 0xa5, PAGE);
        ro = xc_map_foreign_range(xch, (uint32_t)domid, PAGE, PROT_READ, (unsigned long)mfns[1]);
        t_result("the PV frame read back through map_foreign_range", "%s",
                 ro && ro[0] == 0x5a && ro[PAGE - 1] == 0x5a ? "as written" : "not");
        if (ro)
            munmap(ro, PAGE);
        munmap(rw, 2 * PAGE);
    }
    testdom_destroy(domid);
}

/* Where the PV translation's tables are: L4 slot 1, L3 slot 2, L2 slot 3,
 * L1 slot 4 lead to the data page. */
#define PT_FLAGS 0x7ULL     /* present, writable, user */
#define MAPPED_VA ((1ULL << 39) | (2ULL << 30) | (3ULL << 21) | (4ULL << 12))
enum { L4, L3, L2, L1, DATA, PT_PAGES };

/* Prints a translation as the index of the test domain's frame it gave
 * (frames differ by run), or its failure. */
static void translated(const char *name, unsigned long frame, int err, const uint64_t *mfns)
{
    for (int i = 0; i < PT_PAGES; i++)
        if (frame && frame == mfns[i]) {
            t_result(name, "frame %d of the domain", i);
            return;
        }
    t_result(name, frame ? "another frame" : "0 errno %d", err);
}

#define TRANSLATE(name, dom, vcpu, va, mfns)                                       \
    do {                                                                           \
        errno = 0;                                                                 \
        unsigned long f_ = xc_translate_foreign_address(xch, dom, vcpu, va);       \
        translated(name, f_, errno, mfns);                                         \
    } while (0)

/* Builds the tables in the domain's frames (before Xen types them), then
 * makes them vCPU 0's. */
static void pv_translation(xc_interface *xch)
{
    static const uint64_t slot[DATA] = { 1, 2, 3, 4 };
    uint64_t mfns[PT_PAGES];
    xen_pfn_t frames[PT_PAGES];
    vcpu_guest_context_any_t ctx;
    int domid = testdom_create_pv_mem(PT_PAGES, mfns);
    uint64_t *tables;

    if (domid < 0) {
        t_result("translate/a PV domain with memory", "none, errno %d", errno);
        return;
    }
    for (int i = 0; i < PT_PAGES; i++)
        frames[i] = (xen_pfn_t)mfns[i];
    tables = xc_map_foreign_pages(xch, (uint32_t)domid, PROT_READ | PROT_WRITE, frames,
                                  PT_PAGES);
    if (!tables) {
        t_result("translate/the page tables", "not mapped, errno %d", errno);
        testdom_destroy(domid);
        return;
    }
    memset(tables, 0, PT_PAGES * PAGE);
    for (int level = L4; level < DATA; level++)
        tables[level * (PAGE / 8) + slot[level]] = (mfns[level + 1] << 12) | PT_FLAGS;
    munmap(tables, PT_PAGES * PAGE);

    T_RC("translate/max_vcpus 1", xc_domain_max_vcpus(xch, (uint32_t)domid, 1));
    memset(&ctx, 0, sizeof(ctx));
    ctx.x64.flags = VGCF_in_kernel | VGCF_online;
    ctx.x64.ctrlreg[3] = mfns[L4] << 12;
    T_RC("translate/vcpu_setcontext with the tables",
         xc_vcpu_setcontext(xch, (uint32_t)domid, 0, &ctx));
    TRANSLATE("translate_foreign_address of the mapped page", (uint32_t)domid, 0,
              MAPPED_VA + 0x123, mfns);
    TRANSLATE("translate_foreign_address of the next page (no L1 entry)", (uint32_t)domid, 0,
              MAPPED_VA + PAGE, mfns);
    TRANSLATE("translate_foreign_address without an L4 entry", (uint32_t)domid, 0,
              MAPPED_VA + (1ULL << 39), mfns);
    TRANSLATE("translate_foreign_address with a kernel-half address", (uint32_t)domid, 0,
              0xffff800000000000ULL | MAPPED_VA, mfns);
    TRANSLATE("translate_foreign_address of vcpu 1 of 1", (uint32_t)domid, 1, MAPPED_VA,
              mfns);
    TRANSLATE("translate_foreign_address of no domain", NO_DOMAIN, 0, MAPPED_VA, mfns);
    testdom_destroy(domid);
}

/* An HVM vCPU brought up with paging off (as at reset): an address is
 * its own gfn.  The shared HVM domain's vCPU is down: Xen has no CPU
 * record of it. */
static void hvm_translation(xc_interface *xch, int shared_hvm, int pv)
{
    uint64_t none[PT_PAGES] = { 0 };
    vcpu_guest_context_any_t ctx;
    int hvm = testdom_create_hvm(16);

    TRANSLATE("translate_foreign_address of an HVM vcpu that is down", (uint32_t)shared_hvm, 0,
              0x1000, none);
    /* No vCPU at all (the shared PV domain has room for one only). */
    TRANSLATE("translate_foreign_address of a PV domain without vcpus", (uint32_t)pv, 0,
              0x1000, none);
    if (hvm < 0) {
        t_result("translate/an HVM domain", "none, errno %d", errno);
        return;
    }
    memset(&ctx, 0, sizeof(ctx));
    ctx.x64.flags = VGCF_online;
    ctx.x64.user_regs.rip = 0x100000;
    T_RC("translate/vcpu_setcontext of HVM online", xc_vcpu_setcontext(xch, (uint32_t)hvm, 0,
                                                                       &ctx));
    errno = 0;
    unsigned long frame = xc_translate_foreign_address(xch, (uint32_t)hvm, 0, 0x12345678ULL);
    t_result("translate_foreign_address of HVM without paging", "%#lx errno %d", frame,
             frame ? 0 : errno);
    TRANSLATE("translate_foreign_address of HVM vcpu 3", (uint32_t)hvm, 3, 0x1000, none);
    testdom_destroy(hvm);
}

void diff_foreign(xc_interface *xch, const struct diff_domains *d)
{
    hvm_pages(xch, d->hvm);
    refusals(xch, d->hvm, d->pv);
    pv_pages(xch);
    hvm_translation(xch, d->hvm, d->pv);
    pv_translation(xch);
}
