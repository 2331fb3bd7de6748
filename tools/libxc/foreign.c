/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Mapping other domains' memory, upstream's compatibility calls over the
 * handle's libxenforeignmemory handle (whose rules and errnos apply).
 * The mappings are plain ranges of this process: munmap() releases them,
 * as upstream's callers do.
 */
#define XC_WANT_COMPAT_MAP_FOREIGN_API 1

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "private.h"

#include <xen/hvm/save.h>

EXPORT void *xc_map_foreign_pages(xc_interface *xch, uint32_t dom, int prot,
                                  const xen_pfn_t *arr, int num)
{
    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (num < 0) {
        xc__invalid(xch, "xc_map_foreign_pages: %d pages", num);
        return NULL;
    }
    return xenforeignmemory_map(xch->fmem, dom, prot, (size_t)num, arr, NULL);
}

/* A frame that cannot be mapped fails only its err entry: the mapping
 * succeeds as long as Xen maps the batch. */
EXPORT void *xc_map_foreign_bulk(xc_interface *xch, uint32_t dom, int prot,
                                 const xen_pfn_t *arr, int *err, unsigned int num)
{
    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    return xenforeignmemory_map(xch->fmem, dom, prot, num, arr, err);
}

/* Maps runs of per_run frames, run r from from[r].mfn on, one after the
 * other. */
static void *map_runs(xc_interface *xch, uint32_t dom, int prot,
                      const privcmd_mmap_entry_t *from, size_t runs, size_t per_run)
{
    xen_pfn_t *frames;
    void *mapping;
    int saved_errno;

    if (runs == 0 || per_run == 0 || runs > INT_MAX / per_run) {
        xc__invalid(xch, "cannot map %zu runs of %zu frames", runs, per_run);
        return NULL;
    }
    frames = malloc(runs * per_run * sizeof(*frames));
    if (!frames) {
        xc__perror(xch, "no memory for a list of %zu frames", runs * per_run);
        return NULL;
    }
    for (size_t r = 0; r < runs; r++)
        for (size_t i = 0; i < per_run; i++)
            frames[r * per_run + i] = (xen_pfn_t)(from[r].mfn + i);
    mapping = xenforeignmemory_map(xch->fmem, dom, prot, runs * per_run, frames, NULL);
    saved_errno = errno;
    free(frames);
    errno = saved_errno;
    return mapping;
}

EXPORT void *xc_map_foreign_range(xc_interface *xch, uint32_t dom, int size, int prot,
                                  unsigned long mfn)
{
    privcmd_mmap_entry_t run = { .mfn = mfn };

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (size < 0) {
        xc__invalid(xch, "xc_map_foreign_range: size %d", size);
        return NULL;
    }
    return map_runs(xch, dom, prot, &run, 1,
                    ((size_t)size + XC_PAGE_SIZE - 1) >> XC_PAGE_SHIFT);
}

EXPORT void *xc_map_foreign_ranges(xc_interface *xch, uint32_t dom, size_t size, int prot,
                                   size_t chunksize, privcmd_mmap_entry_t entries[],
                                   int nentries)
{
    (void)size;
    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (!entries || nentries < 0) {
        xc__invalid(xch, "xc_map_foreign_ranges: %s", entries ? "negative count" : "NULL entries");
        return NULL;
    }
    return map_runs(xch, dom, prot, entries, (size_t)nentries,
                    chunksize >> XC_PAGE_SHIFT);
}

/* Architectural bits the page-table walk below looks at. */
#define CR0_PG          (1ULL << 31)
#define CR4_PAE         (1ULL << 5)
#define EFER_LMA        (1ULL << 10)
#define PTE_PRESENT     1ULL
#define PTE_LARGE       (1ULL << 7)
#define PTE_FRAME_BITS  0x000ffffffffff000ULL

/* How a vCPU translates: levels 2 (32-bit), 3 (PAE) or 4 (long mode), 0
 * for no paging; *table: the physical address of its top table.  0, or
 * -1 with errno set. */
static int paging_of(xc_interface *xch, uint32_t dom, int vcpu, int *levels, uint64_t *table)
{
    xc_dominfo_t info;

    if (xc_domain_getinfo(xch, dom, 1, &info) != 1)
        return -1;
    if (info.domid != dom) {
        errno = ESRCH;
        return -1;
    }
    if (info.hvm) {
        struct hvm_hw_cpu cpu;

        if (xc_domain_hvm_getcontext_partial(xch, dom, HVM_SAVE_CODE(CPU), (uint16_t)vcpu,
                                             &cpu, sizeof(cpu)) != 0)
            return -1;
        if (!(cpu.cr0 & CR0_PG))
            *levels = 0;
        else if (cpu.msr_efer & EFER_LMA)
            *levels = 4;
        else if (cpu.cr4 & CR4_PAE)
            *levels = 3;
        else
            *levels = 2;
        /* PAE's page-directory-pointer table is 32-byte aligned. */
        *table = cpu.cr3 & (*levels == 3 ? ~0x1fULL : ~0xfffULL);
    } else {
        vcpu_guest_context_any_t ctxt;
        unsigned width;

        if (xc_domain_get_guest_width(xch, dom, &width) != 0 ||
            xc_vcpu_getcontext(xch, dom, (uint32_t)vcpu, &ctxt) != 0)
            return -1;
        /* A 32-bit PV guest runs on PAE tables, its cr3 in Xen's folded
         * form. */
        if (width == 8) {
            *levels = 4;
            *table = xen_cr3_to_pfn_x86_64(ctxt.x64.ctrlreg[3]) << XC_PAGE_SHIFT;
        } else {
            *levels = 3;
            *table = (uint64_t)xen_cr3_to_pfn_x86_32(ctxt.x32.ctrlreg[3]) << XC_PAGE_SHIFT;
        }
    }
    return 0;
}

/* The entry of entry_size bytes at physical address at of domain dom (a
 * frame number as dom's mappings take them: machine for PV, guest for
 * HVM).  0, or -1 with errno set. */
static int read_entry(xc_interface *xch, uint32_t dom, uint64_t at, unsigned entry_size,
                      uint64_t *entry)
{
    xen_pfn_t frame = (xen_pfn_t)(at >> XC_PAGE_SHIFT);
    uint32_t narrow;
    void *page;

    page = xenforeignmemory_map(xch->fmem, dom, PROT_READ, 1, &frame, NULL);
    if (!page)
        return -1;
    if (entry_size == 4) {
        memcpy(&narrow, (char *)page + (at & (XC_PAGE_SIZE - 1)), sizeof(narrow));
        *entry = narrow;
    } else {
        memcpy(entry, (char *)page + (at & (XC_PAGE_SIZE - 1)), sizeof(*entry));
    }
    xenforeignmemory_unmap(xch->fmem, page, 1);
    return 0;
}

/* Walks vCPU vcpu's page tables as the processor would; large pages end
 * the walk early (PSE-36's high bits are not looked at, as upstream's).
 * The frame, or 0 with errno set (EADDRNOTAVAIL: not mapped). */
EXPORT unsigned long xc_translate_foreign_address(xc_interface *xch, uint32_t dom, int vcpu,
                                                  unsigned long long virt)
{
    uint64_t table, entry = 0;
    unsigned entry_size;
    int levels;

    if (xenlibs_refuse_null_handle(xch))
        return 0;
    if (paging_of(xch, dom, vcpu, &levels, &table) != 0)
        return 0;
    if (levels == 0)
        return (unsigned long)(virt >> XC_PAGE_SHIFT);
    entry_size = levels == 2 ? 4 : 8;
    for (int level = levels; level > 0; level--) {
        unsigned index_bits = levels == 2 ? 10 : 9;
        unsigned shift = XC_PAGE_SHIFT + index_bits * (unsigned)(level - 1);
        uint64_t index = (virt >> shift) & ((1ULL << index_bits) - 1);

        /* PAE's top table has 4 entries, for bits 30 and 31. */
        if (levels == 3 && level == 3)
            index = (virt >> shift) & 3;
        if (read_entry(xch, dom, table + index * entry_size, entry_size, &entry) != 0)
            return 0;
        if (!(entry & PTE_PRESENT)) {
            errno = EADDRNOTAVAIL;
            return 0;
        }
        table = entry & PTE_FRAME_BITS;
        if ((level == 2 || (level == 3 && levels == 4)) && (entry & PTE_LARGE)) {
            uint64_t offset_mask = (1ULL << shift) - 1;

            return (unsigned long)(((table & ~offset_mask) | (virt & offset_mask)) >>
                                   XC_PAGE_SHIFT);
        }
    }
    return (unsigned long)(table >> XC_PAGE_SHIFT);
}
