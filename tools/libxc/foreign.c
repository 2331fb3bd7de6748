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

#include "private.h"

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
