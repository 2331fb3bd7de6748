/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl's PV-building plumbing, no Xen needed: MMU
 * update batches, page types, foreign mappings, grant table calls, an
 * unbound port and the save stream's file helpers refuse a NULL handle or
 * a descriptor that is not open before any hypercall.  What Xen does with
 * valid calls is tests/libxc/system-differential's.
 */
#define XC_WANT_COMPAT_MAP_FOREIGN_API
#include <errno.h>
#include <sys/mman.h>
#include <sys/uio.h>

#include <xenctrl.h>
#include <xen/sys/privcmd.h>

#include "testlib.h"

#include "../../tools/libxc/xenguest-private.h"

#define DOM 1
#define NOT_OPEN 1000   /* a descriptor number no test opens */

static void test_null_handle(void)
{
    struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_ALL };
    struct gnttab_query_size query = { .dom = DOM };
    privcmd_mmap_entry_t entry = { .mfn = 1, .npages = 1 };
    xen_pfn_t frames[1] = { 0 };
    int count;

    BAD_INPUT(xc_alloc_mmu_updates, "NULL handle", NULLPTR(EINVAL),
              xc_alloc_mmu_updates(NULL, DOM));
    BAD_INPUT(xc_add_mmu_update, "NULL handle", MINUS1(EINVAL),
              xc_add_mmu_update(NULL, NULL, 0, 0));
    BAD_INPUT(xc_flush_mmu_updates, "NULL handle", MINUS1(EINVAL),
              xc_flush_mmu_updates(NULL, NULL));
    BAD_INPUT(xc_mmuext_op, "NULL handle", MINUS1(EINVAL), xc_mmuext_op(NULL, &op, 1, DOM));
    BAD_INPUT(xc_get_pfn_type_batch, "NULL handle", MINUS1(EINVAL),
              xc_get_pfn_type_batch(NULL, DOM, 1, frames));
    BAD_INPUT(xc_map_foreign_pages, "NULL handle", NULLPTR(EINVAL),
              xc_map_foreign_pages(NULL, DOM, PROT_READ, frames, 1));
    BAD_INPUT(xc_map_foreign_range, "NULL handle", NULLPTR(EINVAL),
              xc_map_foreign_range(NULL, DOM, 4096, PROT_READ, 0));
    BAD_INPUT(xc_map_foreign_ranges, "NULL handle", NULLPTR(EINVAL),
              xc_map_foreign_ranges(NULL, DOM, 4096, PROT_READ, 4096, &entry, 1));
    BAD_INPUT(xc_gnttab_op, "NULL handle", MINUS1(EINVAL),
              xc_gnttab_op(NULL, GNTTABOP_query_size, &query, sizeof(query), 1));
    BAD_INPUT(xc_gnttab_map_table_v1, "NULL handle", NULLPTR(EINVAL),
              xc_gnttab_map_table_v1(NULL, DOM, &count));
    BAD_INPUT(xc_gnttab_map_table_v2, "NULL handle", NULLPTR(EINVAL),
              xc_gnttab_map_table_v2(NULL, DOM, &count));
    BAD_INPUT(xc_evtchn_alloc_unbound, "NULL handle", MINUS1(EINVAL),
              xc_evtchn_alloc_unbound(NULL, DOM, 0));
}

static void test_file_helpers(void)
{
    char buf[4] = "abc";
    struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };

    BAD_INPUT(read_exact, "a descriptor that is not open", MINUS1(EBADF),
              read_exact(NOT_OPEN, buf, sizeof(buf)));
    BAD_INPUT(write_exact, "a descriptor that is not open", MINUS1(EBADF),
              write_exact(NOT_OPEN, buf, sizeof(buf)));
    BAD_INPUT(writev_exact, "a descriptor that is not open", MINUS1(EBADF),
              writev_exact(NOT_OPEN, &iov, 1));
    BAD_INPUT_VOID(discard_file_cache, "NULL handle, a descriptor that is not open", IGNORED,
                   discard_file_cache(NULL, NOT_OPEN, 1));
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_null_handle, "xenctrl pvbuild: NULL handle refused with EINVAL");
    T_CASE(test_file_helpers, "xenctrl pvbuild: file helpers on a descriptor that is not open");
    return t_exit_status();
}
