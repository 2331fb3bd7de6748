/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/domain-memory.c: a domain's memory limit,
 * populating, claims, reservations, PoD target, exchange, physmap
 * additions, memory maps.  Each effect is read back (the domain's page
 * counts, its highest gfn).  mem/: on an HVM and a PV domain of this
 * family's own, which
 * memory.c's mem/ cases use too (a PV frame traded for one below 4 GiB,
 * the HVM domain's reservation and the clearing of its pages); ctl/: the
 * memory limit of domain.c's settings domain; map/: pages moved and
 * taken out of the physical map of an HVM domain of its own (read back
 * through foreign mappings), its PoD counts and pinned cache types.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

/* After <xenctrl.h>, which asks Xen's headers for their tools parts. */
#include <xenforeignmemory.h>

void diff_domain_memory_limit(xc_interface *xch, uint32_t dom)
{
    xc_dominfo_t info;

    T_RC("ctl/setmaxmem 1024 KiB", xc_domain_setmaxmem(xch, dom, 1024));
    if (xc_domain_getinfo(xch, dom, 1, &info) == 1)
        t_result("ctl/max_memkb after setmaxmem", "%lu", info.max_memkb);
    T_RC("ctl/setmaxmem of no domain", xc_domain_setmaxmem(xch, NO_DOMAIN, 1024));
}

static void populate(xc_interface *xch, uint32_t dom)
{
    xen_pfn_t gfns[4] = { 0x100, 0x101, 0x102, 0x103 }, many[2048], nr = 0;
    int n;

    T_RC("mem/setmaxmem 4 MiB", xc_domain_setmaxmem(xch, dom, 4096));
    T_RC("mem/claim 512 pages", xc_domain_claim_pages(xch, dom, 512));
    diff_pages(xch, "mem/after the claim", dom);
    T_RC("mem/populate_physmap 4 pages", xc_domain_populate_physmap(xch, dom, 4, 0, 0, gfns));
    t_result("mem/populated gfns", "%#lx %#lx %#lx %#lx", (unsigned long)gfns[0],
             (unsigned long)gfns[1], (unsigned long)gfns[2], (unsigned long)gfns[3]);
    diff_pages(xch, "mem/after populating from the claim", dom);
    T_RC("mem/claim 0 (cancel)", xc_domain_claim_pages(xch, dom, 0));
    diff_pages(xch, "mem/after cancelling the claim", dom);
    T_RC("mem/claim beyond the host", xc_domain_claim_pages(xch, dom, 1UL << 40));
    T_RC("mem/claim of no domain", xc_domain_claim_pages(xch, NO_DOMAIN, 1));

    /* 2048 pages where 1020 more fit under the limit: Xen gives what fits. */
    for (unsigned i = 0; i < 2048; i++)
        many[i] = 0x1000 + i;
    errno = 0;
    n = xc_domain_populate_physmap(xch, dom, 2048, 0, 0, many);
    t_rc_result("mem/populate_physmap past the limit", n, errno);
    diff_pages(xch, "mem/after populating past the limit", dom);
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

    /* A PV domain's frame, traded for one below 4 GiB by memory.c's cases. */
    T_RC("mem/setmaxmem of the PV domain", xc_domain_setmaxmem(xch, pv, 1024));
    T_RC("mem/populate_physmap of the PV domain", xc_domain_populate_physmap(xch, pv, 1, 0, 0,
                                                                            &mfn));
    diff_memory_below_4G(xch, pv, mfn);

    if (xc_domain_populate_physmap(xch, pv, 1, 0, 0, &mfn) == 1) {
        in = mfn;
        out = 0;
        T_RC("mem/exchange a PV domain's page", xc_domain_memory_exchange_pages(xch, pv, 1, 0,
                                                                               &in, 1, 0,
                                                                               &out));
        t_result("mem/PV page exchanged", "for a frame %s", out ? "given" : "not given");
        diff_pages(xch, "mem/PV domain after the exchange", pv);
    }
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

/* How many of n frames Xen wrote (nonzero: frame 0 is no guest's). */
static unsigned given(const xen_pfn_t *frames, unsigned n)
{
    unsigned k = 0;

    for (unsigned i = 0; i < n; i++)
        k += frames[i] != 0;
    return k;
}

/* Pages given and taken back: the PV domain's by the machine frames Xen
 * gave, the HVM domain's by gfn.  Every page given is given back, but
 * one given without saying which (it goes with the domain). */
static void increase_decrease(xc_interface *xch, uint32_t hvm, uint32_t pv)
{
    static xen_pfn_t many[1024];
    xen_pfn_t mfns[4] = { 0 }, not_its_own = 1, gfn = 0x100;
    int n;

    diff_pages(xch, "mem/PV domain before increase_reservation", pv);
    errno = 0;
    n = xc_domain_increase_reservation(xch, pv, 4, 0, 0, mfns);
    t_rc_result("mem/increase_reservation of 4 pages", n, errno);
    t_result("mem/frames given", "%u", given(mfns, 4));
    diff_pages(xch, "mem/PV domain after increase_reservation", pv);
    T_RC("mem/decrease_reservation of them", xc_domain_decrease_reservation(xch, pv, 4, 0,
                                                                           mfns));
    diff_pages(xch, "mem/PV domain after decrease_reservation", pv);
    T_RC("mem/decrease_reservation of a frame given back",
         xc_domain_decrease_reservation(xch, pv, 1, 0, mfns));
    T_RC("mem/decrease_reservation_exact of a frame not its own",
         xc_domain_decrease_reservation_exact(xch, pv, 1, 0, &not_its_own));
    T_RC("mem/decrease_reservation of none, NULL array",
         xc_domain_decrease_reservation(xch, pv, 0, 0, NULL));
    T_RC("mem/decrease_reservation of none", xc_domain_decrease_reservation(xch, pv, 0, 0,
                                                                           mfns));
    memset(mfns, 0, sizeof(mfns));
    T_RC("mem/increase_reservation_exact of 2", xc_domain_increase_reservation_exact(xch, pv, 2,
                                                                                    0, 0,
                                                                                    mfns));
    T_RC("mem/decrease_reservation_exact of them",
         xc_domain_decrease_reservation_exact(xch, pv, 2, 0, mfns));
    T_RC("mem/increase_reservation without an array",
         xc_domain_increase_reservation(xch, pv, 1, 0, 0, NULL));
    diff_pages(xch, "mem/PV domain after an increase without an array", pv);

    /* More than the domain's limit leaves: Xen gives what fits. */
    memset(many, 0, sizeof(many));
    T_RC("mem/increase_reservation_exact past the limit",
         xc_domain_increase_reservation_exact(xch, pv, 1024, 0, 0, many));
    n = (int)given(many, 1024);
    t_result("mem/frames given past the limit", "%d", n);
    diff_pages(xch, "mem/PV domain after the increase past the limit", pv);
    T_RC("mem/decrease_reservation_exact of them",
         xc_domain_decrease_reservation_exact(xch, pv, (unsigned long)n, 0, many));
    diff_pages(xch, "mem/PV domain after giving them back", pv);
    T_RC("mem/increase_reservation of no domain",
         xc_domain_increase_reservation(xch, NO_DOMAIN, 1, 0, 0, mfns));
    T_RC("mem/decrease_reservation of no domain",
         xc_domain_decrease_reservation(xch, NO_DOMAIN, 1, 0, mfns));

    /* A translated domain, at its limit: a gfn is taken out of its
     * physical map, and of 2 pages given the one that fits (not in the
     * map: no frame written back). */
    diff_pages(xch, "mem/HVM domain before decrease_reservation", hvm);
    T_RC("mem/decrease_reservation_exact of gfn 0x100",
         xc_domain_decrease_reservation_exact(xch, hvm, 1, 0, &gfn));
    diff_pages(xch, "mem/HVM domain after decrease_reservation", hvm);
    T_RC("mem/decrease_reservation_exact of gfn 0x100 again",
         xc_domain_decrease_reservation_exact(xch, hvm, 1, 0, &gfn));
    memset(mfns, 0, sizeof(mfns));
    T_RC("mem/increase_reservation of the HVM domain by 2",
         xc_domain_increase_reservation(xch, hvm, 2, 0, 0, mfns));
    t_result("mem/frames written for the HVM domain", "%u", given(mfns, 2));
    diff_pages(xch, "mem/HVM domain after increase_reservation", hvm);
}

/* The first byte of dom's frame gfn through a mapping of its own, or
 * the mapping's errno (negative). */
static int first_byte(xc_interface *xch, uint32_t dom, xen_pfn_t gfn)
{
    xenforeignmemory_handle *fmem = xc_interface_fmem_handle(xch);
    uint8_t *p;
    int byte;

    errno = 0;
    p = fmem ? xenforeignmemory_map(fmem, dom, PROT_READ, 1, &gfn, NULL) : NULL;
    if (!p)
        return -errno;
    byte = p[0];
    xenforeignmemory_unmap(fmem, p, 1);
    return byte;
}

static void marker(xc_interface *xch, uint32_t dom, xen_pfn_t gfn, uint8_t value)
{
    xenforeignmemory_handle *fmem = xc_interface_fmem_handle(xch);
    uint8_t *p = fmem ? xenforeignmemory_map(fmem, dom, PROT_WRITE, 1, &gfn, NULL) : NULL;

    if (p) {
        p[0] = value;
        xenforeignmemory_unmap(fmem, p, 1);
    }
}

static void highest_gfn(xc_interface *xch, const char *name, uint32_t dom)
{
    xen_pfn_t max = 0x77;
    int rc;

    errno = 0;
    rc = xc_domain_maximum_gpfn(xch, dom, &max);
    t_result(name, "rc %d errno %d max gpfn %#lx", rc, rc ? errno : 0, (unsigned long)max);
}

/* Gfn 3 (marked 0x5a) moved to 0x300 by a batch with a bad entry, the
 * physical map's top then, the page taken out again. */
static void physmap(xc_interface *xch, uint32_t hvm, uint32_t pv, uint32_t other_hvm)
{
    xen_ulong_t idxs[3] = { 3, 0x2000, 0 };
    xen_pfn_t gpfns[3] = { 0x300, 0x301, 0x302 };
    int errs[3] = { 0x77, 0x77, 0x77 }, rc;

    highest_gfn(xch, "map/maximum_gpfn", hvm);
    highest_gfn(xch, "map/maximum_gpfn of a PV domain", pv);
    highest_gfn(xch, "map/maximum_gpfn of no domain", NO_DOMAIN);
    marker(xch, hvm, 3, 0x5a);
    errno = 0;
    rc = xc_domain_add_to_physmap_batch(xch, hvm, 0, XENMAPSPACE_gmfn, 2, idxs, gpfns, errs);
    t_rc_result("map/add_to_physmap_batch gmfn", rc, errno);
    t_result("map/batch errors", "%d %d, past the size %#x", errs[0], errs[1], errs[2]);
    t_result("map/first byte at 0x300, at 3", "%d, %d", first_byte(xch, hvm, 0x300),
             first_byte(xch, hvm, 3));
    highest_gfn(xch, "map/maximum_gpfn after the batch", hvm);
    diff_pages(xch, "map/after the batch", hvm);
    T_RC("map/add_to_physmap_batch of none",
         xc_domain_add_to_physmap_batch(xch, hvm, 0, XENMAPSPACE_gmfn, 0, idxs, gpfns, errs));
    T_RC("map/add_to_physmap_batch gmfn_range",
         xc_domain_add_to_physmap_batch(xch, hvm, 0, XENMAPSPACE_gmfn_range, 1, idxs, gpfns,
                                        errs));
    T_RC("map/add_to_physmap_batch of a PV domain",
         xc_domain_add_to_physmap_batch(xch, pv, 0, XENMAPSPACE_gmfn, 1, idxs, gpfns, errs));
    T_RC("map/add_to_physmap_batch of no domain",
         xc_domain_add_to_physmap_batch(xch, NO_DOMAIN, 0, XENMAPSPACE_gmfn, 1, idxs, gpfns,
                                        errs));
    /* Only the hardware domain may have foreign pages in its map. */
    idxs[0] = 0;
    gpfns[0] = 0x310;
    errs[0] = 0x77;
    errno = 0;
    rc = xc_domain_add_to_physmap_batch(xch, hvm, other_hvm, XENMAPSPACE_gmfn_foreign, 1, idxs,
                                        gpfns, errs);
    t_rc_result("map/add_to_physmap_batch gmfn_foreign", rc, errno);
    t_result("map/foreign batch error", "%d", errs[0]);
    errno = 0;
    rc = xc_domain_add_to_physmap_batch(xch, hvm, 0, XENMAPSPACE_shared_info, 1, idxs, gpfns,
                                        errs);
    t_rc_result("map/add_to_physmap_batch shared_info", rc, errno);
    errno = 0;
    rc = xc_domain_add_to_physmap_batch(xch, hvm, 1, XENMAPSPACE_shared_info, 1, idxs, gpfns,
                                        errs);
    t_rc_result("map/add_to_physmap_batch shared_info, a foreign domid given", rc, errno);

    T_RC("map/remove_from_physmap 0x300", xc_domain_remove_from_physmap(xch, hvm, 0x300));
    t_result("map/first byte at 0x300 after the removal", "%d", first_byte(xch, hvm, 0x300));
    highest_gfn(xch, "map/maximum_gpfn after the removal", hvm);
    diff_pages(xch, "map/after the removal", hvm);
    T_RC("map/remove_from_physmap 0x300 again", xc_domain_remove_from_physmap(xch, hvm, 0x300));
    T_RC("map/remove_from_physmap of a PV domain", xc_domain_remove_from_physmap(xch, pv, 1));
    T_RC("map/remove_from_physmap of no domain",
         xc_domain_remove_from_physmap(xch, NO_DOMAIN, 1));
}

static void pod_target(xc_interface *xch, uint32_t hvm, uint32_t pv)
{
    uint64_t tot = 77, cache = 77, entries = 77;

    T_RC("map/get_pod_target", xc_domain_get_pod_target(xch, hvm, &tot, &cache, &entries));
    t_result("map/PoD counts", "tot %lu cache %lu entries %lu", (unsigned long)tot,
             (unsigned long)cache, (unsigned long)entries);
    T_RC("map/get_pod_target without pointers",
         xc_domain_get_pod_target(xch, hvm, NULL, NULL, NULL));
    tot = cache = entries = 77;
    T_RC("map/get_pod_target of a PV domain",
         xc_domain_get_pod_target(xch, pv, &tot, &cache, &entries));
    t_result("map/PoD counts of a PV domain", "tot %lu cache %lu entries %lu",
             (unsigned long)tot, (unsigned long)cache, (unsigned long)entries);
    T_RC("map/get_pod_target of no domain",
         xc_domain_get_pod_target(xch, NO_DOMAIN, &tot, &cache, &entries));
}

static void cache_types(xc_interface *xch, uint32_t hvm, uint32_t pv)
{
    T_RC("map/pin_memory_cacheattr WB 0..15",
         xc_domain_pin_memory_cacheattr(xch, hvm, 0, 15, XEN_DMOP_MEM_CACHEATTR_WB));
    T_RC("map/pin_memory_cacheattr UC 0..15 (the same range)",
         xc_domain_pin_memory_cacheattr(xch, hvm, 0, 15, XEN_DMOP_MEM_CACHEATTR_UC));
    T_RC("map/pin_memory_cacheattr overlapping",
         xc_domain_pin_memory_cacheattr(xch, hvm, 8, 31, XEN_DMOP_MEM_CACHEATTR_WB));
    T_RC("map/pin_memory_cacheattr of type 2",
         xc_domain_pin_memory_cacheattr(xch, hvm, 0x100, 0x10f, 2));
    T_RC("map/pin_memory_cacheattr end before start",
         xc_domain_pin_memory_cacheattr(xch, hvm, 0x10f, 0x100, XEN_DMOP_MEM_CACHEATTR_WB));
    T_RC("map/pin_memory_cacheattr delete",
         xc_domain_pin_memory_cacheattr(xch, hvm, 0, 15, XEN_DMOP_DELETE_MEM_CACHEATTR));
    T_RC("map/pin_memory_cacheattr delete again",
         xc_domain_pin_memory_cacheattr(xch, hvm, 0, 15, XEN_DMOP_DELETE_MEM_CACHEATTR));
    T_RC("map/pin_memory_cacheattr of a PV domain",
         xc_domain_pin_memory_cacheattr(xch, pv, 0, 15, XEN_DMOP_MEM_CACHEATTR_WB));
    T_RC("map/pin_memory_cacheattr of no domain",
         xc_domain_pin_memory_cacheattr(xch, NO_DOMAIN, 0, 15, XEN_DMOP_MEM_CACHEATTR_WB));
}

/* map/: an HVM domain of 16 pages of its own, beside the shared ones. */
static void physical_map(xc_interface *xch, const struct diff_domains *d)
{
    int hvm = testdom_create_hvm(16);

    if (hvm < 0) {
        t_result("map/test domain", "none");
        return;
    }
    pod_target(xch, (uint32_t)hvm, (uint32_t)d->pv);
    physmap(xch, (uint32_t)hvm, (uint32_t)d->pv, (uint32_t)d->hvm);
    cache_types(xch, (uint32_t)hvm, (uint32_t)d->pv);
    testdom_destroy(hvm);
}

void diff_domain_memory(xc_interface *xch, const struct diff_domains *d)
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
    memory_maps(xch, (uint32_t)hvm, (uint32_t)pv);
    diff_memory_of_domain(xch, (uint32_t)hvm);
    increase_decrease(xch, (uint32_t)hvm, (uint32_t)pv);
    testdom_destroy(hvm);
    testdom_destroy(pv);
    physical_map(xch, d);
}
