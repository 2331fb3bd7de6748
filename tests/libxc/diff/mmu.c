/* SPDX-License-Identifier: MIT */
/*
 * A PV guest's memory as a domain builder handles it: page types
 * (xc_get_pfn_type_batch), pinning a page table (xc_mmuext_op) and
 * batches of machine-to-phys updates (xc_alloc_mmu_updates,
 * xc_add_mmu_update, xc_flush_mmu_updates), on a PV domain of its own
 * with a few pages.  Each update is read back from Xen's machine-to-phys
 * table, mapped read-only as libxenguest maps it.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xencall.h>

#include "testdom.h"
#include "diff.h"

#define PAGES 4
/* A machine frame no machine of this kind has. */
#define NO_FRAME ((xen_pfn_t)1 << 36)
/* Entries per page and pages per 2 MiB extent of the machine-to-phys table. */
#define M2P_PER_PAGE (4096 / sizeof(unsigned long))
#define M2P_PAGES_PER_EXTENT 512

static void types(xc_interface *xch, const char *name, int domid, const uint64_t *mfns,
                  unsigned n)
{
    xen_pfn_t arr[PAGES + 1];
    int rc;

    for (unsigned i = 0; i < n; i++)
        arr[i] = (xen_pfn_t)mfns[i];
    errno = 0;
    rc = xc_get_pfn_type_batch(xch, (uint32_t)domid, n, arr);
    t_rc_result(name, rc, errno);
    /* On failure arr keeps the frame numbers, which differ between runs. */
    for (unsigned i = 0; rc == 0 && i < n; i++) {
        char what[96];

        snprintf(what, sizeof(what), "%s, frame %u's type", name, i);
        t_result(what, "%#lx", (unsigned long)arr[i]);
    }
}

/* What Xen's machine-to-phys table says of frame mfn: its extent list
 * (XENMEM_machphys_mfn_list), then the one page of it, mapped from
 * DOMID_XEN.  ~0UL when it cannot be read. */
static unsigned long m2p(xc_interface *xch, uint64_t mfn)
{
    xencall_handle *xcall = xc_interface_xcall_handle(xch);
    struct xen_machphys_mfn_list *list = xencall_alloc_buffer(xcall, sizeof(*list));
    xen_pfn_t *extents = xencall_alloc_buffer(xcall, 4096);
    unsigned long entry = ~0UL, extent = mfn / (M2P_PER_PAGE * M2P_PAGES_PER_EXTENT);
    xen_pfn_t page;
    unsigned long *mapped;

    if (!list || !extents)
        goto out;
    *list = (struct xen_machphys_mfn_list){ .max_extents = 4096 / sizeof(xen_pfn_t) };
    set_xen_guest_handle_raw(list->extent_start, extents);
    if (xencall2(xcall, __HYPERVISOR_memory_op, XENMEM_machphys_mfn_list, (uintptr_t)list) < 0 ||
        extent >= list->nr_extents)
        goto out;
    page = extents[extent] + (mfn / M2P_PER_PAGE) % M2P_PAGES_PER_EXTENT;
    mapped = xc_map_foreign_pages(xch, DOMID_XEN, PROT_READ, &page, 1);
    if (mapped) {
        entry = mapped[mfn % M2P_PER_PAGE];
        munmap(mapped, 4096);
    }
out:
    xencall_free_buffer(xcall, list);
    xencall_free_buffer(xcall, extents);
    return entry;
}

static void pin(xc_interface *xch, int domid, const uint64_t *mfns)
{
    struct mmuext_op op = { .cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = (xen_pfn_t)mfns[0] };

    T_RC("mmuext_op pin L1 table", xc_mmuext_op(xch, &op, 1, (uint32_t)domid));
    types(xch, "pfn types after the pin", domid, mfns, 1);
    T_RC("mmuext_op pin it again", xc_mmuext_op(xch, &op, 1, (uint32_t)domid));
    op = (struct mmuext_op){ .cmd = MMUEXT_UNPIN_TABLE, .arg1.mfn = (xen_pfn_t)mfns[0] };
    T_RC("mmuext_op unpin", xc_mmuext_op(xch, &op, 1, (uint32_t)domid));
    types(xch, "pfn types after the unpin", domid, mfns, 1);
    T_RC("mmuext_op unpin of an unpinned frame", xc_mmuext_op(xch, &op, 1, (uint32_t)domid));
    op = (struct mmuext_op){ .cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = NO_FRAME };
    T_RC("mmuext_op pin of a frame the domain has not", xc_mmuext_op(xch, &op, 1,
                                                                     (uint32_t)domid));
    T_RC("mmuext_op of 0 ops", xc_mmuext_op(xch, &op, 0, (uint32_t)domid));
    op = (struct mmuext_op){ .cmd = MMUEXT_PIN_L1_TABLE, .arg1.mfn = (xen_pfn_t)mfns[1] };
    T_RC("mmuext_op of no domain", xc_mmuext_op(xch, &op, 1, DOMID_FIRST_RESERVED - 1));
    T_RC("mmuext_op of an unknown command", xc_mmuext_op(xch, &(struct mmuext_op){ .cmd = 99 },
                                                         1, (uint32_t)domid));
}

static void updates(xc_interface *xch, int domid, const uint64_t *mfns)
{
    struct xc_mmu *mmu = xc_alloc_mmu_updates(xch, (uint32_t)domid);

    t_result("alloc_mmu_updates", "%s", mmu ? "batch" : "NULL");
    if (!mmu)
        return;
    t_result("new batch", "idx %d subject %+d", mmu->idx, (int)mmu->subject - diff_base);
    T_RC("flush of an empty batch", xc_flush_mmu_updates(xch, mmu));
    T_RC("add a machphys update", xc_add_mmu_update(xch, mmu, (mfns[1] << 12) |
                                                    MMU_MACHPHYS_UPDATE, 0x41));
    t_result("batch after one add", "idx %d", mmu->idx);
    T_RC("flush of one update", xc_flush_mmu_updates(xch, mmu));
    t_result("batch after the flush", "idx %d", mmu->idx);
    t_result("machine-to-phys entry of frame 1", "%#lx", m2p(xch, mfns[1]));

    /* The last of a full batch sends it. */
    for (int i = 0; i < MAX_MMU_UPDATES - 1; i++)
        xc_add_mmu_update(xch, mmu, (mfns[2] << 12) | MMU_MACHPHYS_UPDATE, (unsigned)i);
    t_result("batch of 1023 updates", "idx %d", mmu->idx);
    t_result("frame 2's entry before the batch is sent", "%s",
             m2p(xch, mfns[2]) == 1022 ? "its last value" : "not yet");
    T_RC("the 1024th update", xc_add_mmu_update(xch, mmu, (mfns[2] << 12) | MMU_MACHPHYS_UPDATE,
                                                0x7fe));
    t_result("batch after the 1024th", "idx %d", mmu->idx);
    t_result("machine-to-phys entry of frame 2", "%#lx", m2p(xch, mfns[2]));

    /* Xen refuses a frame the domain does not own: the batch goes. */
    xc_add_mmu_update(xch, mmu, (mfns[3] << 12) | MMU_MACHPHYS_UPDATE, 0x43);
    xc_add_mmu_update(xch, mmu, (NO_FRAME << 12) | MMU_MACHPHYS_UPDATE, 0x44);
    T_RC("flush of a batch with a bad frame", xc_flush_mmu_updates(xch, mmu));
    t_result("batch after the refused flush", "idx %d", mmu->idx);
    t_result("machine-to-phys entry of frame 3 (before the bad one)", "%#lx", m2p(xch, mfns[3]));
    free(mmu);

    mmu = xc_alloc_mmu_updates(xch, DOMID_FIRST_RESERVED - 1);
    if (mmu) {
        xc_add_mmu_update(xch, mmu, (mfns[1] << 12) | MMU_MACHPHYS_UPDATE, 0x45);
        T_RC("flush for no domain", xc_flush_mmu_updates(xch, mmu));
        free(mmu);
    }
}

void diff_mmu(xc_interface *xch, const struct diff_domains *d)
{
    uint64_t mfns[PAGES + 1];
    int domid = testdom_create_pv_mem(PAGES, mfns);

    if (domid < 0) {
        t_result("mmu: a PV domain with memory", "none, errno %d", errno);
        return;
    }
    mfns[PAGES] = NO_FRAME;
    types(xch, "pfn types of fresh pages", domid, mfns, PAGES + 1);
    T_RC("pfn types of 0 frames", xc_get_pfn_type_batch(xch, (uint32_t)domid, 0, NULL));
    types(xch, "pfn types of another domain's frames", d->pv, mfns, 1);
    types(xch, "pfn types of no domain's frames", DOMID_FIRST_RESERVED - 1, mfns, 1);
    pin(xch, domid, mfns);
    updates(xch, domid, mfns);
    testdom_destroy(domid);
}
