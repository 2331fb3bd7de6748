/* SPDX-License-Identifier: MIT */
/*
 * Memory through libxenctrl (memory_op): populating, claims, PoD target,
 * exchange, physmap additions, memory maps, the host's frames, and
 * clearing a domain's pages through a foreign mapping.  Each effect is
 * read back (the domain's page counts, its highest gfn, the data).  They
 * act on an HVM and a PV domain of this family's own.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

/* After <xenctrl.h>, which asks Xen's headers for their tools parts. */
#include <xenforeignmemory.h>

#define NO_DOMAIN (DOMID_FIRST_RESERVED - 1)

static void pages(xc_interface *xch, const char *name, uint32_t dom)
{
    xc_dominfo_t info;

    if (xc_domain_getinfo(xch, dom, 1, &info) == 1 && info.domid == dom)
        t_result(name, "pages %lu outstanding %lu max %lu KiB", info.nr_pages,
                 info.nr_outstanding_pages, info.max_memkb);
    else
        t_result(name, "no domain");
}

static void populate(xc_interface *xch, uint32_t dom)
{
    xen_pfn_t gfns[4] = { 0x100, 0x101, 0x102, 0x103 }, many[2048], nr = 0;
    int n;

    T_RC("mem/setmaxmem 4 MiB", xc_domain_setmaxmem(xch, dom, 4096));
    T_RC("mem/claim 512 pages", xc_domain_claim_pages(xch, dom, 512));
    pages(xch, "mem/after the claim", dom);
    T_RC("mem/populate_physmap 4 pages", xc_domain_populate_physmap(xch, dom, 4, 0, 0, gfns));
    t_result("mem/populated gfns", "%#lx %#lx %#lx %#lx", (unsigned long)gfns[0],
             (unsigned long)gfns[1], (unsigned long)gfns[2], (unsigned long)gfns[3]);
    pages(xch, "mem/after populating from the claim", dom);
    T_RC("mem/claim 0 (cancel)", xc_domain_claim_pages(xch, dom, 0));
    pages(xch, "mem/after cancelling the claim", dom);
    T_RC("mem/claim beyond the host", xc_domain_claim_pages(xch, dom, 1UL << 40));
    T_RC("mem/claim of no domain", xc_domain_claim_pages(xch, NO_DOMAIN, 1));

    /* 2048 pages where 1020 more fit under the limit: Xen gives what fits. */
    for (unsigned i = 0; i < 2048; i++)
        many[i] = 0x1000 + i;
    errno = 0;
    n = xc_domain_populate_physmap(xch, dom, 2048, 0, 0, many);
    t_rc_result("mem/populate_physmap past the limit", n, errno);
    pages(xch, "mem/after populating past the limit", dom);
    T_RC("mem/populate_physmap 2 MiB superpage past the limit",
         xc_domain_populate_physmap(xch, dom, 1, 9, 0, many));
    T_RC("mem/populate_physmap of no domain",
         xc_domain_populate_physmap(xch, NO_DOMAIN, 1, 0, 0, gfns));
    T_RC("mem/nr_gpfns", xc_domain_nr_gpfns(xch, dom, &nr));
    t_result("mem/gpfns", "%#lx", (unsigned long)nr);
    T_RC("mem/nr_gpfns of no domain", xc_domain_nr_gpfns(xch, NO_DOMAIN, &nr));
}

static void reservations(xc_interface *xch, uint32_t dom, uint32_t pv)
{
    uint64_t tot = 77, cache = 77, entries = 77;
    xen_pfn_t in = 0x101, out = 0x101, mfn = 0;
    domid_t id = (domid_t)dom;
    unsigned long fresh;

    T_RC("mem/set_pod_target", xc_domain_set_pod_target(xch, dom, 16, &tot, &cache, &entries));
    t_result("mem/PoD counts", "tot %lu cache %lu entries %lu", (unsigned long)tot,
             (unsigned long)cache, (unsigned long)entries);
    T_RC("mem/set_pod_target of a PV domain", xc_domain_set_pod_target(xch, pv, 16, NULL, NULL,
                                                                      NULL));
    T_RC("mem/exchange an HVM domain's page", xc_domain_memory_exchange_pages(xch, dom, 1, 0,
                                                                             &in, 1, 0, &out));
    T_RC("mem/exchange of no domain", xc_domain_memory_exchange_pages(xch, NO_DOMAIN, 1, 0, &in,
                                                                     1, 0, &out));
    T_RC("mem/add_to_physmap shared info", xc_domain_add_to_physmap(xch, dom,
                                                                    XENMAPSPACE_shared_info,
                                                                    0, 0x3000));
    {
        xen_pfn_t nr = 0;

        xc_domain_nr_gpfns(xch, dom, &nr);
        t_result("mem/gpfns after add_to_physmap", "%#lx", (unsigned long)nr);
    }
    T_RC("mem/add_to_physmap of space 99", xc_domain_add_to_physmap(xch, dom, 99, 0, 0x3001));
    T_RC("mem/xc_memory_op maximum_reservation",
         xc_memory_op(xch, XENMEM_maximum_reservation, &id, sizeof(id)));
    T_RC("mem/xc_memory_op current_reservation",
         xc_memory_op(xch, XENMEM_current_reservation, &id, sizeof(id)));
    T_RC("mem/xc_memory_op 99", xc_memory_op(xch, 99, NULL, 0));

    /* A PV domain's frame traded for one below 4 GiB. */
    T_RC("mem/setmaxmem of the PV domain", xc_domain_setmaxmem(xch, pv, 1024));
    T_RC("mem/populate_physmap of the PV domain", xc_domain_populate_physmap(xch, pv, 1, 0, 0,
                                                                            &mfn));
    /* Xen may hand the same frame back: it is free again in between. */
    errno = 0;
    fresh = xc_make_page_below_4G(xch, pv, mfn);
    t_result("mem/make_page_below_4G", "%s errno %d",
             fresh == 0 ? "0" : fresh < (1UL << 20) ? "a frame below 4G" : "a frame above",
             fresh ? 0 : errno);
    pages(xch, "mem/PV domain after make_page_below_4G", pv);
    errno = 0;
    fresh = xc_make_page_below_4G(xch, pv, 1);
    t_result("mem/make_page_below_4G of a frame not its own", "%lu errno %d", fresh, errno);

    if (xc_domain_populate_physmap(xch, pv, 1, 0, 0, &mfn) == 1) {
        in = mfn;
        out = 0;
        T_RC("mem/exchange a PV domain's page", xc_domain_memory_exchange_pages(xch, pv, 1, 0,
                                                                               &in, 1, 0,
                                                                               &out));
        t_result("mem/PV page exchanged", "for a frame %s", out ? "given" : "not given");
        pages(xch, "mem/PV domain after the exchange", pv);
    }
}

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

static void memory_maps(xc_interface *xch, uint32_t dom, uint32_t pv)
{
    struct e820entry map[E820MAX + 1] = {
        { .addr = 0, .size = 0x9f000, .type = E820_RAM },
        { .addr = 0x100000, .size = 0x300000, .type = E820_RAM },
    };

    T_RC("mem/set_memory_map", xc_domain_set_memory_map(xch, dom, map, 2));
    T_RC("mem/set_memory_map of 129 entries", xc_domain_set_memory_map(xch, dom, map,
                                                                      E820MAX + 1));
    T_RC("mem/set_memory_map of no domain", xc_domain_set_memory_map(xch, NO_DOMAIN, map, 2));
    T_RC("mem/set_memmap_limit", xc_domain_set_memmap_limit(xch, pv, 4096));
    T_RC("mem/set_memmap_limit of no domain", xc_domain_set_memmap_limit(xch, NO_DOMAIN, 4096));
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

void diff_memory(xc_interface *xch, const struct diff_domains *d)
{
    int hvm = testdom_create_hvm(0), pv = testdom_create_pv();

    (void)d;
    if (hvm < 0 || pv < 0) {
        t_result("mem/test domains", "none");
        if (hvm >= 0)
            testdom_destroy(hvm);
        if (pv >= 0)
            testdom_destroy(pv);
        return;
    }
    populate(xch, (uint32_t)hvm);
    reservations(xch, (uint32_t)hvm, (uint32_t)pv);
    host(xch);
    memory_maps(xch, (uint32_t)hvm, (uint32_t)pv);
    clear_pages(xch, (uint32_t)hvm);
    testdom_destroy(hvm);
    testdom_destroy(pv);
}
