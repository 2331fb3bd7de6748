/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl's memory sharing, physical map and page calls
 * (memshr.c, and the newer calls of domain-memory.c, memory.c and
 * buffer.c), no Xen needed: a NULL handle, NULL pointers, a batch too big
 * for Xen's struct and a domid above 0xffff are refused with EINVAL
 * before any hypercall (upstream dereferences or truncates them), logged
 * as the handle's last error; xc_memalign's refusals.  What Xen does with
 * valid calls is tests/libxc/system-differential's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#define XC_WANT_COMPAT_DEVICEMODEL_API
#include <xenctrl.h>

#include "testlib.h"

#define DOM 1

static void test_null_handle(void)
{
    static char page[XC_PAGE_SIZE];
    xen_ulong_t idx = 0;
    xen_pfn_t gpfn = 0x100;
    uint64_t u64 = 0;
    uint32_t port = 0;
    int err = 0;

    BAD_INPUT(xc_memshr_ring_enable, "NULL handle", MINUS1(EINVAL),
              xc_memshr_ring_enable(NULL, DOM, &port));
    BAD_INPUT(xc_memshr_ring_disable, "NULL handle", MINUS1(EINVAL),
              xc_memshr_ring_disable(NULL, DOM));
    BAD_INPUT(xc_memshr_domain_resume, "NULL handle", MINUS1(EINVAL),
              xc_memshr_domain_resume(NULL, DOM));
    BAD_INPUT(xc_memshr_nominate_gfn, "NULL handle", MINUS1(EINVAL),
              xc_memshr_nominate_gfn(NULL, DOM, 0, &u64));
    BAD_INPUT(xc_memshr_nominate_gref, "NULL handle", MINUS1(EINVAL),
              xc_memshr_nominate_gref(NULL, DOM, 0, &u64));
    BAD_INPUT(xc_memshr_share_gfns, "NULL handle", MINUS1(EINVAL),
              xc_memshr_share_gfns(NULL, DOM, 0, 1, DOM + 1, 0, 2));
    BAD_INPUT(xc_memshr_share_grefs, "NULL handle", MINUS1(EINVAL),
              xc_memshr_share_grefs(NULL, DOM, 0, 1, DOM + 1, 0, 2));
    BAD_INPUT(xc_memshr_add_to_physmap, "NULL handle", MINUS1(EINVAL),
              xc_memshr_add_to_physmap(NULL, DOM, 0, 1, DOM + 1, 0));
    BAD_INPUT(xc_memshr_range_share, "NULL handle", MINUS1(EINVAL),
              xc_memshr_range_share(NULL, DOM, DOM + 1, 0, 1));
    BAD_INPUT(xc_memshr_fork, "NULL handle", MINUS1(EINVAL),
              xc_memshr_fork(NULL, DOM, DOM + 1, false, false));
    BAD_INPUT(xc_memshr_fork_reset, "NULL handle", MINUS1(EINVAL),
              xc_memshr_fork_reset(NULL, DOM, true, true));
    BAD_INPUT(xc_memshr_debug_gfn, "NULL handle", MINUS1(EINVAL),
              xc_memshr_debug_gfn(NULL, DOM, 0));
    BAD_INPUT(xc_memshr_debug_gref, "NULL handle", MINUS1(EINVAL),
              xc_memshr_debug_gref(NULL, DOM, 0));
    BAD_INPUT(xc_memshr_audit, "NULL handle", MINUS1(EINVAL), xc_memshr_audit(NULL));
    BAD_INPUT(xc_domain_maximum_gpfn, "NULL handle", MINUS1(EINVAL),
              xc_domain_maximum_gpfn(NULL, DOM, &gpfn));
    BAD_INPUT(xc_domain_get_pod_target, "NULL handle", MINUS1(EINVAL),
              xc_domain_get_pod_target(NULL, DOM, &u64, &u64, &u64));
    BAD_INPUT(xc_domain_add_to_physmap_batch, "NULL handle", MINUS1(EINVAL),
              xc_domain_add_to_physmap_batch(NULL, DOM, 0, XENMAPSPACE_gmfn, 1, &idx, &gpfn,
                                             &err));
    BAD_INPUT(xc_domain_remove_from_physmap, "NULL handle", MINUS1(EINVAL),
              xc_domain_remove_from_physmap(NULL, DOM, 0x100));
    BAD_INPUT(xc_domain_pin_memory_cacheattr, "NULL handle", MINUS1(EINVAL),
              xc_domain_pin_memory_cacheattr(NULL, DOM, 0, 15, XEN_DMOP_MEM_CACHEATTR_WB));
    BAD_INPUT(xc_get_tot_pages, "NULL handle", MINUS1(EINVAL), xc_get_tot_pages(NULL, DOM));
    BAD_INPUT(xc_set_broken_page_p2m, "NULL handle", MINUS1(EINVAL),
              xc_set_broken_page_p2m(NULL, DOM, 5));
    BAD_INPUT(xc_copy_to_domain_page, "NULL handle", MINUS1(EINVAL),
              xc_copy_to_domain_page(NULL, DOM, 2, page));
}

/* A dummy handle: the refusals come before anything it lacks is used. */
static void test_bad_arguments(void)
{
    struct t_capture log;
    xen_ulong_t idxs[2] = { 0, 1 };
    xen_pfn_t gpfns[2] = { 0x100, 0x101 };
    int errs[2];
    xc_interface *xch;

    t_capture_start(&log);
    t_bad_input_log(&log);
    xch = xc_interface_open(log.logger, NULL, XC_OPENFLAG_DUMMY);
    if (!CHECK_NE(xch, NULL)) {
        t_bad_input_log(NULL);
        t_capture_end(&log);
        free(log.text);
        return;
    }
    BAD_INPUT(xc_memshr_ring_enable, "NULL port",
              MINUS1_LOGS(EINVAL, "xc_memshr_ring_enable: NULL port"),
              xc_memshr_ring_enable(xch, DOM, NULL));
    BAD_INPUT(xc_memshr_nominate_gfn, "NULL handle pointer",
              MINUS1_LOGS(EINVAL, "xc_memshr_nominate_gfn: NULL handle pointer"),
              xc_memshr_nominate_gfn(xch, DOM, 0, NULL));
    BAD_INPUT(xc_memshr_nominate_gref, "NULL handle pointer",
              MINUS1_LOGS(EINVAL, "xc_memshr_nominate_gref: NULL handle pointer"),
              xc_memshr_nominate_gref(xch, DOM, 0, NULL));
    BAD_INPUT(xc_domain_maximum_gpfn, "NULL gpfns",
              MINUS1_LOGS(EINVAL, "xc_domain_maximum_gpfn: NULL gpfns"),
              xc_domain_maximum_gpfn(xch, DOM, NULL));
    BAD_INPUT(xc_domain_add_to_physmap_batch, "NULL idxs",
              MINUS1_LOGS(EINVAL, "xc_domain_add_to_physmap_batch: NULL idxs"),
              xc_domain_add_to_physmap_batch(xch, DOM, 0, XENMAPSPACE_gmfn, 2, NULL, gpfns,
                                             errs));
    BAD_INPUT(xc_domain_add_to_physmap_batch, "NULL gpfns",
              MINUS1_LOGS(EINVAL, "xc_domain_add_to_physmap_batch: NULL gpfns"),
              xc_domain_add_to_physmap_batch(xch, DOM, 0, XENMAPSPACE_gmfn, 2, idxs, NULL,
                                             errs));
    BAD_INPUT(xc_domain_add_to_physmap_batch, "NULL errs",
              MINUS1_LOGS(EINVAL, "xc_domain_add_to_physmap_batch: NULL errs"),
              xc_domain_add_to_physmap_batch(xch, DOM, 0, XENMAPSPACE_gmfn, 2, idxs, gpfns,
                                             NULL));
    BAD_INPUT(xc_domain_add_to_physmap_batch, "size above 0xffff (Xen's field is 16 bits)",
              MINUS1_LOGS(EINVAL, "xc_domain_add_to_physmap_batch: 65536 pages"),
              xc_domain_add_to_physmap_batch(xch, DOM, 0, XENMAPSPACE_gmfn, 0x10000, idxs,
                                             gpfns, errs));
    BAD_INPUT(xc_domain_pin_memory_cacheattr, "domid above 0xffff",
              MINUS1_LOGS(EINVAL, "xc_domain_pin_memory_cacheattr: domain id 65536"),
              xc_domain_pin_memory_cacheattr(xch, 0x10000, 0, 15, XEN_DMOP_MEM_CACHEATTR_WB));
    BAD_INPUT(xc_copy_to_domain_page, "NULL src_page",
              MINUS1_LOGS(EINVAL, "xc_copy_to_domain_page: NULL src_page"),
              xc_copy_to_domain_page(xch, DOM, 2, NULL));
    CHECK_EQ(xc_interface_close(xch), 0);
    t_bad_input_log(NULL);
    t_capture_end(&log);
    free(log.text);
}

/* Ordinary memory: the handle is not needed, and posix_memalign's
 * refusals come back in errno. */
static void test_memalign(void)
{
    void *p = xc_memalign(NULL, 4096, 100);

    CHECK(p && (uintptr_t)p % 4096 == 0);
    free(p);
    BAD_INPUT(xc_memalign, "alignment 3 (not a power of two)", NULLPTR(EINVAL),
              xc_memalign(NULL, 3, 64));
    BAD_INPUT(xc_memalign, "alignment 0", NULLPTR(EINVAL), xc_memalign(NULL, 0, 64));
    BAD_INPUT(xc_memalign, "alignment 4 (less than a pointer)", NULLPTR(EINVAL),
              xc_memalign(NULL, 4, 64));
    BAD_INPUT(xc_memalign, "size beyond the address space", NULLPTR(ENOMEM),
              xc_memalign(NULL, 64, SIZE_MAX - 4096));
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_null_handle, "xenctrl memory: NULL handle refused with EINVAL");
    T_CASE(test_bad_arguments, "xenctrl memory: NULL pointers, a batch too big and a domid "
                               "above 0xffff refused, logged");
    T_CASE(test_memalign, "xenctrl memory: xc_memalign without a handle, its refusals in errno");
    return t_exit_status();
}
