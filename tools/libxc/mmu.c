/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * A PV guest's page tables as its builder writes them: batches of
 * mmu_update records (machine-to-phys entries, page-table writes) and
 * mmuext_op (pinning page tables).
 */
#include <stdlib.h>

#include "private.h"

EXPORT struct xc_mmu *xc_alloc_mmu_updates(xc_interface *xch, unsigned int subject)
{
    struct xc_mmu *mmu;

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    mmu = malloc(sizeof(*mmu));
    if (!mmu) {
        xc__perror(xch, "xc_alloc_mmu_updates: no memory for a batch");
        return NULL;
    }
    mmu->idx = 0;
    mmu->subject = subject;
    return mmu;
}

EXPORT int xc_flush_mmu_updates(xc_interface *xch, struct xc_mmu *mmu)
{
    long rc;
    unsigned count;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!mmu)
        return xc__invalid(xch, "xc_flush_mmu_updates: NULL batch");
    if (mmu->idx <= 0)
        return 0;
    count = (unsigned)mmu->idx;
    /* Emptied whatever Xen says, as upstream's: a refused batch is not
     * submitted again with the next record. */
    mmu->idx = 0;
    rc = xc__hypercall_batch(xch, __HYPERVISOR_mmu_update, mmu->updates,
                             sizeof(mmu->updates[0]), count, mmu->subject);
    if (rc < 0) {
        xc__perror(xch, "xc_flush_mmu_updates: Xen refused %u updates for domain %u", count,
                   mmu->subject);
        return 1;
    }
    return 0;
}

EXPORT int xc_add_mmu_update(xc_interface *xch, struct xc_mmu *mmu, unsigned long long ptr,
                             unsigned long long val)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!mmu || mmu->idx < 0 || mmu->idx >= MAX_MMU_UPDATES)
        return xc__invalid(xch, "xc_add_mmu_update: %s", mmu ? "corrupt batch" : "NULL batch");
    mmu->updates[mmu->idx].ptr = ptr;
    mmu->updates[mmu->idx].val = val;
    if (++mmu->idx == MAX_MMU_UPDATES)
        return xc_flush_mmu_updates(xch, mmu);
    return 0;
}

EXPORT int xc_mmuext_op(xc_interface *xch, struct mmuext_op *op, unsigned int nr_ops,
                        uint32_t dom)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (nr_ops && !op)
        return xc__invalid(xch, "xc_mmuext_op: NULL op");
    return (int)xc__hypercall_batch(xch, __HYPERVISOR_mmuext_op, op, sizeof(*op), nr_ops, dom);
}
