/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl's altp2m and memory paging calls, no Xen
 * needed: a NULL handle, and NULL output or input pointers on a dummy
 * handle, refused with EINVAL before any hypercall (upstream
 * dereferences them).  What Xen does with valid calls is
 * tests/libxc/system-differential's.
 */
#include <errno.h>
#include <stdlib.h>

#include <xenctrl.h>

#include "testlib.h"

#define DOM 1

static void test_null_handle(void)
{
    bool flag = false;
    uint16_t u16 = 0;
    xenmem_access_t access = XENMEM_access_rw;
    xen_pfn_t gfn = 0;
    int32_t code = 0;
    uint32_t port = 0;
    uint8_t accesses[1] = { XENMEM_access_r };
    uint64_t gfns[1] = { 1 };
    static unsigned char page[XC_PAGE_SIZE];

    BAD_INPUT(xc_altp2m_get_domain_state, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_get_domain_state(NULL, DOM, &flag));
    BAD_INPUT(xc_altp2m_set_domain_state, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_domain_state(NULL, DOM, true));
    BAD_INPUT(xc_altp2m_set_vcpu_enable_notify, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_vcpu_enable_notify(NULL, DOM, 0, 5));
    BAD_INPUT(xc_altp2m_set_vcpu_disable_notify, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_vcpu_disable_notify(NULL, DOM, 0));
    BAD_INPUT(xc_altp2m_create_view, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_create_view(NULL, DOM, XENMEM_access_rwx, &u16));
    BAD_INPUT(xc_altp2m_destroy_view, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_destroy_view(NULL, DOM, 1));
    BAD_INPUT(xc_altp2m_switch_to_view, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_switch_to_view(NULL, DOM, 1));
    BAD_INPUT(xc_altp2m_get_suppress_ve, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_get_suppress_ve(NULL, DOM, 1, 2, &flag));
    BAD_INPUT(xc_altp2m_set_suppress_ve, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_suppress_ve(NULL, DOM, 1, 2, true));
    BAD_INPUT(xc_altp2m_set_supress_ve_multi, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_supress_ve_multi(NULL, DOM, 1, 1, 4, true, &gfn, &code));
    BAD_INPUT(xc_altp2m_set_mem_access, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_mem_access(NULL, DOM, 1, 2, XENMEM_access_r));
    BAD_INPUT(xc_altp2m_set_mem_access_multi, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_mem_access_multi(NULL, DOM, 1, accesses, gfns, 1));
    BAD_INPUT(xc_altp2m_get_mem_access, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_get_mem_access(NULL, DOM, 1, 2, &access));
    BAD_INPUT(xc_altp2m_change_gfn, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_change_gfn(NULL, DOM, 1, 2, 3));
    BAD_INPUT(xc_altp2m_get_vcpu_p2m_idx, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_get_vcpu_p2m_idx(NULL, DOM, 0, &u16));
    BAD_INPUT(xc_altp2m_set_visibility, "NULL handle", MINUS1(EINVAL),
              xc_altp2m_set_visibility(NULL, DOM, 1, true));

    BAD_INPUT(xc_mem_paging_enable, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_enable(NULL, DOM, &port));
    BAD_INPUT(xc_mem_paging_disable, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_disable(NULL, DOM));
    BAD_INPUT(xc_mem_paging_resume, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_resume(NULL, DOM));
    BAD_INPUT(xc_mem_paging_nominate, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_nominate(NULL, DOM, 3));
    BAD_INPUT(xc_mem_paging_evict, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_evict(NULL, DOM, 3));
    BAD_INPUT(xc_mem_paging_prep, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_prep(NULL, DOM, 3));
    BAD_INPUT(xc_mem_paging_load, "NULL handle", MINUS1(EINVAL),
              xc_mem_paging_load(NULL, DOM, 3, page));
}

static void test_null_pointers(void)
{
    struct t_capture log;
    xc_interface *xch;
    xen_pfn_t gfn = 0;
    int32_t code = 0;
    uint8_t accesses[1] = { XENMEM_access_r };
    uint64_t gfns[1] = { 1 };

    t_capture_start(&log);
    xch = xc_interface_open(log.logger, NULL, XC_OPENFLAG_DUMMY);
    if (!CHECK_NE(xch, NULL)) {
        t_capture_end(&log);
        free(log.text);
        return;
    }
    BAD_INPUT(xc_altp2m_get_domain_state, "NULL state", MINUS1(EINVAL),
              xc_altp2m_get_domain_state(xch, DOM, NULL));
    BAD_INPUT(xc_altp2m_create_view, "NULL view_id", MINUS1(EINVAL),
              xc_altp2m_create_view(xch, DOM, XENMEM_access_rwx, NULL));
    BAD_INPUT(xc_altp2m_get_suppress_ve, "NULL sve", MINUS1(EINVAL),
              xc_altp2m_get_suppress_ve(xch, DOM, 1, 2, NULL));
    BAD_INPUT(xc_altp2m_set_supress_ve_multi, "NULL error_gfn", MINUS1(EINVAL),
              xc_altp2m_set_supress_ve_multi(xch, DOM, 1, 1, 4, true, NULL, &code));
    BAD_INPUT(xc_altp2m_set_supress_ve_multi, "NULL error_code", MINUS1(EINVAL),
              xc_altp2m_set_supress_ve_multi(xch, DOM, 1, 1, 4, true, &gfn, NULL));
    BAD_INPUT(xc_altp2m_set_mem_access_multi, "NULL access, nr 1", MINUS1(EINVAL),
              xc_altp2m_set_mem_access_multi(xch, DOM, 1, NULL, gfns, 1));
    BAD_INPUT(xc_altp2m_set_mem_access_multi, "NULL gfns, nr 1", MINUS1(EINVAL),
              xc_altp2m_set_mem_access_multi(xch, DOM, 1, accesses, NULL, 1));
    BAD_INPUT(xc_altp2m_get_mem_access, "NULL access", MINUS1(EINVAL),
              xc_altp2m_get_mem_access(xch, DOM, 1, 2, NULL));
    BAD_INPUT(xc_altp2m_get_vcpu_p2m_idx, "NULL p2midx", MINUS1(EINVAL),
              xc_altp2m_get_vcpu_p2m_idx(xch, DOM, 0, NULL));
    BAD_INPUT(xc_mem_paging_enable, "NULL port", MINUS1(EINVAL),
              xc_mem_paging_enable(xch, DOM, NULL));
    BAD_INPUT(xc_mem_paging_load, "NULL buffer", MINUS1(EINVAL),
              xc_mem_paging_load(xch, DOM, 3, NULL));
    /* Each refusal is the handle's last error. */
    CHECK_EQ(xc_get_last_error(xch)->code, XC_INVALID_PARAM);
    CHECK(t_logged(&log, "xc_mem_paging_load: NULL buffer"));
    xc_interface_close(xch);
    t_capture_end(&log);
    free(log.text);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_null_handle, "xenctrl altp2m, paging: NULL handle refused with EINVAL");
    T_CASE(test_null_pointers, "xenctrl altp2m, paging: NULL pointers refused, logged");
    return t_exit_status();
}
