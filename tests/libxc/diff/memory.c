/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/memory.c: the host's frames (its highest, the
 * machine-to-phys table's, the shared and reserved ones), a caller's own
 * memory_op, a PV frame traded for one below 4 GiB, clearing a domain's
 * pages (read back through a foreign mapping), and what save, restore and
 * migration use: the paging pool and shadow allocation, log-dirty
 * tracking.  The domain cases act on domains of other families: mem/ on
 * domain-memory.c's, save/ on domain.c's saved-state domain; pages/ on an
 * HVM domain of this family's own: a page copied in and read back, its
 * page count, a frame marked broken.  Last, memory for the caller.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

/* After <xenctrl.h>, which asks Xen's headers for their tools parts. */
#include <xenforeignmemory.h>

static void host(xc_interface *xch)
{
    xen_pfn_t mfns[64];
    struct xen_reserved_device_memory rdm[16];
    unsigned long max = 0;
    uint32_t nr;

    T_RC("mem/maximum_ram_page", xc_maximum_ram_page(xch, &max));
    t_result("mem/max mfn", "%#lx", max);
    memset(mfns, 0, sizeof(mfns));
    T_RC("mem/machphys_mfn_list of 1", xc_machphys_mfn_list(xch, 1, mfns));
    t_result("mem/first M2P frame", "%s", mfns[0] ? "given" : "none");
    T_RC("mem/machphys_mfn_list of 64", xc_machphys_mfn_list(xch, 64, mfns));
    T_RC("mem/sharing_freed_pages", xc_sharing_freed_pages(xch));
    T_RC("mem/sharing_used_frames", xc_sharing_used_frames(xch));
    nr = 0;
    T_RC("mem/reserved_device_memory_map without room",
         xc_reserved_device_memory_map(xch, XENMEM_RDM_ALL, 0, 0, 0, rdm, &nr));
    t_result("mem/reserved regions", "%u", nr);
    nr = 16;
    T_RC("mem/reserved_device_memory_map", xc_reserved_device_memory_map(xch, XENMEM_RDM_ALL, 0,
                                                                        0, 0, rdm, &nr));
    t_result("mem/reserved regions with room", "%u", nr);
}

void diff_memory_below_4G(xc_interface *xch, uint32_t pv, xen_pfn_t mfn)
{
    unsigned long fresh;

    /* Xen may hand the same frame back: it is free again in between. */
    errno = 0;
    fresh = xc_make_page_below_4G(xch, pv, mfn);
    t_result("mem/make_page_below_4G", "%s errno %d",
             fresh == 0 ? "0" : fresh < (1UL << 20) ? "a frame below 4G" : "a frame above",
             fresh ? 0 : errno);
    diff_pages(xch, "mem/PV domain after make_page_below_4G", pv);
    errno = 0;
    fresh = xc_make_page_below_4G(xch, pv, 1);
    t_result("mem/make_page_below_4G of a frame not its own", "%lu errno %d", fresh, errno);
}

/* Data written through a mapping of our own is gone after the clear. */
static void clear_pages(xc_interface *xch, uint32_t dom)
{
    xenforeignmemory_handle *fmem = xc_interface_fmem_handle(xch);
    xen_pfn_t gfns[2] = { 0x102, 0x103 };
    uint8_t *p = fmem ? xenforeignmemory_map(fmem, dom, PROT_READ | PROT_WRITE, 2, gfns, NULL) :
                        NULL;
    bool zero = true;

    if (!p) {
        t_result("mem/mapping for clear_domain_pages", "none");
        return;
    }
    memset(p, 0xab, 2 * XC_PAGE_SIZE);
    T_RC("mem/clear_domain_pages", xc_clear_domain_pages(xch, dom, 0x102, 1));
    for (unsigned i = 0; i < XC_PAGE_SIZE; i++)
        zero = zero && p[i] == 0;
    t_result("mem/cleared", "first page %s, second page kept %s", zero ? "zero" : "not zero",
             p[XC_PAGE_SIZE] == 0xab && p[2 * XC_PAGE_SIZE - 1] == 0xab ? "yes" : "no");
    xenforeignmemory_unmap(fmem, p, 2);
    T_RC("mem/clear_domain_pages of an unpopulated frame",
         xc_clear_domain_pages(xch, dom, 0x20000, 1));
    T_RC("mem/clear_domain_pages of no domain", xc_clear_domain_pages(xch, NO_DOMAIN, 0, 1));
}

void diff_memory_of_domain(xc_interface *xch, uint32_t dom)
{
    domid_t id = (domid_t)dom;

    T_RC("mem/xc_memory_op maximum_reservation",
         xc_memory_op(xch, XENMEM_maximum_reservation, &id, sizeof(id)));
    T_RC("mem/xc_memory_op current_reservation",
         xc_memory_op(xch, XENMEM_current_reservation, &id, sizeof(id)));
    T_RC("mem/xc_memory_op 99", xc_memory_op(xch, 99, NULL, 0));
    clear_pages(xch, dom);
}

static void paging_pool(xc_interface *xch, uint32_t dom)
{
    unsigned mb = 77;
    uint64_t size = 77;

    T_RC("save/shadow GET_ALLOCATION", xc_shadow_control(xch, dom,
                                                        XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION,
                                                        &mb, 0));
    t_result("save/allocation", "%u MiB", mb);
    T_RC("save/get_paging_mempool_size", xc_get_paging_mempool_size(xch, dom, &size));
    t_result("save/paging mempool size", "%lu bytes", (unsigned long)size);
    T_RC("save/set_paging_mempool_size 4 MiB", xc_set_paging_mempool_size(xch, dom, 4 << 20));
    size = 77;
    T_RC("save/get_paging_mempool_size after the set",
         xc_get_paging_mempool_size(xch, dom, &size));
    t_result("save/paging mempool size after the set", "%lu bytes", (unsigned long)size);
    size = 77;
    T_RC("save/get_paging_mempool_size of no domain",
         xc_get_paging_mempool_size(xch, NO_DOMAIN, &size));
    t_result("save/paging mempool size of no domain", "%lu", (unsigned long)size);
    mb = 77;
    xc_shadow_control(xch, dom, XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, &mb, 0);
    t_result("save/allocation after set_paging_mempool_size", "%u MiB", mb);
    T_RC("save/set_paging_mempool_size of 4097 bytes",
         xc_set_paging_mempool_size(xch, dom, 4097));
    T_RC("save/set_paging_mempool_size of no domain",
         xc_set_paging_mempool_size(xch, NO_DOMAIN, 4 << 20));
    mb = 6;
    T_RC("save/shadow SET_ALLOCATION 6 MiB",
         xc_shadow_control(xch, dom, XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION, &mb, 0));
    t_result("save/allocation written back by SET_ALLOCATION", "%u MiB", mb);
    mb = 77;
    xc_shadow_control(xch, dom, XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, &mb, 0);
    t_result("save/allocation after SET_ALLOCATION", "%u MiB", mb);
    T_RC("save/shadow without mb", xc_shadow_control(xch, dom,
                                                    XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, NULL,
                                                    0));
    T_RC("save/shadow op 99", xc_shadow_control(xch, dom, 99, NULL, 0));
}

static void log_dirty(xc_interface *xch, uint32_t dom)
{
    DECLARE_HYPERCALL_BUFFER(uint8_t, bitmap);
    xc_shadow_op_stats_t stats;
    long long n;

    bitmap = xc_hypercall_buffer_alloc(xch, bitmap, 8);
    if (!bitmap) {
        t_result("save/bitmap", "none");
        return;
    }
    T_RC("save/PEEK with log-dirty off",
         xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_PEEK, HYPERCALL_BUFFER(bitmap), 16,
                             0, NULL));
    T_RC("save/ENABLE_LOGDIRTY", xc_logdirty_control(xch, dom,
                                                     XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY,
                                                     NULL, 0, 0, NULL));
    T_RC("save/ENABLE_LOGDIRTY again", xc_logdirty_control(xch, dom,
                                                           XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY,
                                                           NULL, 0, 0, NULL));
    memset(bitmap, 0xee, 8);
    memset(&stats, 0xee, sizeof(stats));
    errno = 0;
    n = xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_CLEAN, HYPERCALL_BUFFER(bitmap), 16,
                            0, &stats);
    t_rc_result("save/CLEAN", (long)n, errno);
    t_result("save/CLEAN's bitmap", "%02x %02x %02x", bitmap[0], bitmap[1], bitmap[2]);
    memset(bitmap, 0xee, 8);
    errno = 0;
    n = xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_PEEK, HYPERCALL_BUFFER(bitmap), 16,
                            0, &stats);
    t_rc_result("save/PEEK after CLEAN", (long)n, errno);
    t_result("save/PEEK's bitmap and counts", "%02x %02x %02x dirty %u", bitmap[0], bitmap[1],
             bitmap[2], stats.dirty_count);
    T_RC("save/PEEK without a bitmap", xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_PEEK,
                                                          NULL, 16, 0, NULL));
    T_RC("save/log-dirty OFF", xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_OFF, NULL, 0,
                                                  0, NULL));
    T_RC("save/CLEAN of no domain", xc_logdirty_control(xch, NO_DOMAIN,
                                                        XEN_DOMCTL_SHADOW_OP_CLEAN,
                                                        HYPERCALL_BUFFER(bitmap), 16, 0, NULL));
    xc_hypercall_buffer_free(xch, bitmap);
}

void diff_memory_paging(xc_interface *xch, uint32_t dom)
{
    paging_pool(xch, dom);
    log_dirty(xch, dom);
}

/* A page of 0..255 repeated, copied into gfn 2, read back through
 * xc_map_foreign_range. */
static void copy_page(xc_interface *xch, uint32_t dom, uint32_t pv)
{
    static char page[XC_PAGE_SIZE];
    uint8_t *p;

    for (unsigned i = 0; i < XC_PAGE_SIZE; i++)
        page[i] = (char)(i * 7 + 1);
    T_RC("pages/copy_to_domain_page", xc_copy_to_domain_page(xch, dom, 2, page));
    p = xc_map_foreign_range(xch, dom, XC_PAGE_SIZE, PROT_READ, 2);
    if (p) {
        t_result("pages/page read back", "%s", memcmp(p, page, XC_PAGE_SIZE) ? "differs" :
                                                                                "the same");
        munmap(p, XC_PAGE_SIZE);
    } else {
        t_result("pages/page read back", "not mapped, errno %d", errno);
    }
    T_RC("pages/copy_to_domain_page of an unpopulated frame",
         xc_copy_to_domain_page(xch, dom, 0x5000, page));
    T_RC("pages/copy_to_domain_page of a PV domain's frame 1",
         xc_copy_to_domain_page(xch, pv, 1, page));
    T_RC("pages/copy_to_domain_page of no domain",
         xc_copy_to_domain_page(xch, NO_DOMAIN, 2, page));
}

static void tot_pages(xc_interface *xch, uint32_t dom, const struct diff_domains *d)
{
    T_RC("pages/get_tot_pages", xc_get_tot_pages(xch, dom));
    T_RC("pages/get_tot_pages of the 16 MiB HVM domain", xc_get_tot_pages(xch, (uint32_t)d->hvm));
    T_RC("pages/get_tot_pages of an empty PV domain", xc_get_tot_pages(xch, (uint32_t)d->pv));
    T_RC("pages/get_tot_pages of no domain", xc_get_tot_pages(xch, NO_DOMAIN));
}

/* Gfn 5 marked broken: its type as Xen gives it before and after. */
static void broken_page(xc_interface *xch, uint32_t dom, uint32_t pv)
{
    t_result("pages/type of gfn 5", "%d", testdom_mem_type((int)dom, 5));
    T_RC("pages/set_broken_page_p2m", xc_set_broken_page_p2m(xch, dom, 5));
    t_result("pages/type of gfn 5 after", "%d", testdom_mem_type((int)dom, 5));
    t_result("pages/type of gfn 6 after", "%d", testdom_mem_type((int)dom, 6));
    diff_pages(xch, "pages/after set_broken_page_p2m", dom);
    T_RC("pages/set_broken_page_p2m again", xc_set_broken_page_p2m(xch, dom, 5));
    T_RC("pages/set_broken_page_p2m of an unpopulated frame",
         xc_set_broken_page_p2m(xch, dom, 0x5000));
    T_RC("pages/set_broken_page_p2m of a PV domain", xc_set_broken_page_p2m(xch, pv, 1));
    T_RC("pages/set_broken_page_p2m of no domain", xc_set_broken_page_p2m(xch, NO_DOMAIN, 5));
}

static void domain_pages(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(16);

    if (dom < 0) {
        t_result("pages/test domain", "none");
        return;
    }
    copy_page(xch, (uint32_t)dom, (uint32_t)d->pv);
    tot_pages(xch, (uint32_t)dom, d);
    broken_page(xch, (uint32_t)dom, (uint32_t)d->pv);
    testdom_destroy(dom);
}

/* Whether a block came, aligned as asked. */
static void memalign_case(xc_interface *xch, const char *name, size_t alignment, size_t size)
{
    void *p = xc_memalign(xch, alignment, size);

    t_result(name, "%s", !p ? "NULL" : alignment && (uintptr_t)p % alignment ? "misaligned" :
                                                                               "aligned");
    free(p);
}

static void memalign(xc_interface *xch)
{
    memalign_case(xch, "memalign/page of 100 bytes", XC_PAGE_SIZE, 100);
    memalign_case(xch, "memalign/2 MiB of 3 pages", 2 << 20, 3 * XC_PAGE_SIZE);
    memalign_case(xch, "memalign/8 of 1 byte", 8, 1);
    memalign_case(NULL, "memalign/without a handle", 64, 64);
    memalign_case(xch, "memalign/alignment 3", 3, 64);
    memalign_case(xch, "memalign/alignment 0", 0, 64);
    memalign_case(xch, "memalign/more than the address space", 64, SIZE_MAX - 4096);
}

void diff_memory(xc_interface *xch, const struct diff_domains *d)
{
    host(xch);
    domain_pages(xch, d);
    memalign(xch);
}
