/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl's domain and memory calls, no Xen needed: a
 * NULL handle and NULL or empty arguments are refused with EINVAL before
 * any hypercall (upstream dereferences them), and the library's refusals
 * are logged as the handle's last error.  What Xen does with valid calls
 * is tests/libxc/system-differential's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "testlib.h"

#define DOM 1

static void test_null_handle(void)
{
    struct xen_domctl_createdomain config = { .max_vcpus = 1 };
    struct xen_domctl domctl = { .cmd = XEN_DOMCTL_getdomaininfo };
    struct xen_sysctl sysctl = { .cmd = XEN_SYSCTL_physinfo };
    xen_pfn_t frames[2] = { 0, 1 };
    uint32_t domid = 0, u32 = 1;
    uint64_t u64 = 0;
    unsigned width = 0, mb = 0;
    uint8_t nodemap[8] = { 1 };
    unsigned long max = 0;
    xen_vmemrange_t range = { .end = 1 << 20 };
    unsigned one = 1;
    struct e820entry e820 = { .size = 1 << 20, .type = 1 };
    struct xen_reserved_device_memory rdm[2];

    BAD_INPUT(xc_domain_create, "NULL handle", MINUS1(EINVAL),
              xc_domain_create(NULL, &domid, &config));
    BAD_INPUT(xc_domain_destroy, "NULL handle", MINUS1(EINVAL), xc_domain_destroy(NULL, DOM));
    BAD_INPUT(xc_domain_pause, "NULL handle", MINUS1(EINVAL), xc_domain_pause(NULL, DOM));
    BAD_INPUT(xc_domain_unpause, "NULL handle", MINUS1(EINVAL), xc_domain_unpause(NULL, DOM));
    BAD_INPUT(xc_domain_max_vcpus, "NULL handle", MINUS1(EINVAL),
              xc_domain_max_vcpus(NULL, DOM, 1));
    BAD_INPUT(xc_domain_soft_reset, "NULL handle", MINUS1(EINVAL), xc_domain_soft_reset(NULL, DOM));
    BAD_INPUT(xc_domain_set_target, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_target(NULL, DOM, 2));
    BAD_INPUT(xc_domain_subscribe_for_suspend, "NULL handle", MINUS1(EINVAL),
              xc_domain_subscribe_for_suspend(NULL, DOM, 1));
    BAD_INPUT(xc_domain_send_trigger, "NULL handle", MINUS1(EINVAL),
              xc_domain_send_trigger(NULL, DOM, XEN_DOMCTL_SENDTRIGGER_NMI, 0));
    BAD_INPUT(xc_domain_setmaxmem, "NULL handle", MINUS1(EINVAL),
              xc_domain_setmaxmem(NULL, DOM, 1024));
    BAD_INPUT(xc_domain_set_time_offset, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_time_offset(NULL, DOM, 1));
    BAD_INPUT(xc_domain_set_tsc_info, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_tsc_info(NULL, DOM, 0, 0, 0, 0));
    BAD_INPUT(xc_domain_get_tsc_info, "NULL handle", MINUS1(EINVAL),
              xc_domain_get_tsc_info(NULL, DOM, &u32, &u64, &u32, &u32));
    /* Upstream's failure value here is 1. */
    BAD_INPUT(xc_domain_get_guest_width, "NULL handle", RETURNS_ERRNO(1, EINVAL),
              xc_domain_get_guest_width(NULL, DOM, &width));
    BAD_INPUT(xc_domain_ioport_permission, "NULL handle", MINUS1(EINVAL),
              xc_domain_ioport_permission(NULL, DOM, 0x80, 1, 1));
    BAD_INPUT(xc_domain_irq_permission, "NULL handle", MINUS1(EINVAL),
              xc_domain_irq_permission(NULL, DOM, 1, true));
    BAD_INPUT(xc_domain_node_setaffinity, "NULL handle", MINUS1(EINVAL),
              xc_domain_node_setaffinity(NULL, DOM, nodemap));
    BAD_INPUT(xc_domain_node_getaffinity, "NULL handle", MINUS1(EINVAL),
              xc_domain_node_getaffinity(NULL, DOM, nodemap));
    BAD_INPUT(xc_domain_getvnuma, "NULL handle", MINUS1(EINVAL),
              xc_domain_getvnuma(NULL, DOM, &u32, &u32, &u32, NULL, NULL, NULL));
    BAD_INPUT(xc_domain_hvm_getcontext, "NULL handle", MINUS1(EINVAL),
              xc_domain_hvm_getcontext(NULL, DOM, NULL, 0));
    BAD_INPUT(xc_domain_hvm_setcontext, "NULL handle", MINUS1(EINVAL),
              xc_domain_hvm_setcontext(NULL, DOM, nodemap, sizeof(nodemap)));
    BAD_INPUT(xc_shadow_control, "NULL handle", MINUS1(EINVAL),
              xc_shadow_control(NULL, DOM, XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, &mb, 0));
    BAD_INPUT(xc_logdirty_control, "NULL handle", MINUS1(EINVAL),
              xc_logdirty_control(NULL, DOM, XEN_DOMCTL_SHADOW_OP_PEEK, NULL, 0, 0, NULL));
    BAD_INPUT(xc_set_paging_mempool_size, "NULL handle", MINUS1(EINVAL),
              xc_set_paging_mempool_size(NULL, DOM, 1 << 20));
    BAD_INPUT(xc_domctl, "NULL handle", MINUS1(EINVAL), xc_domctl(NULL, &domctl));
    BAD_INPUT(xc_sysctl, "NULL handle", MINUS1(EINVAL), xc_sysctl(NULL, &sysctl));
    BAD_INPUT(xc_memory_op, "NULL handle", MINUS1(EINVAL),
              xc_memory_op(NULL, XENMEM_maximum_ram_page, NULL, 0));
    BAD_INPUT(xc_domain_populate_physmap, "NULL handle", MINUS1(EINVAL),
              xc_domain_populate_physmap(NULL, DOM, 2, 0, 0, frames));
    BAD_INPUT(xc_domain_populate_physmap_exact, "NULL handle", MINUS1(EINVAL),
              xc_domain_populate_physmap_exact(NULL, DOM, 2, 0, 0, frames));
    BAD_INPUT(xc_domain_claim_pages, "NULL handle", MINUS1(EINVAL),
              xc_domain_claim_pages(NULL, DOM, 1));
    BAD_INPUT(xc_domain_set_pod_target, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_pod_target(NULL, DOM, 1, NULL, NULL, NULL));
    BAD_INPUT(xc_domain_memory_exchange_pages, "NULL handle", MINUS1(EINVAL),
              xc_domain_memory_exchange_pages(NULL, DOM, 1, 0, frames, 1, 0, frames + 1));
    BAD_INPUT(xc_domain_add_to_physmap, "NULL handle", MINUS1(EINVAL),
              xc_domain_add_to_physmap(NULL, DOM, XENMAPSPACE_shared_info, 0, 0x100));
    BAD_INPUT(xc_maximum_ram_page, "NULL handle", MINUS1(EINVAL), xc_maximum_ram_page(NULL, &max));
    BAD_INPUT(xc_machphys_mfn_list, "NULL handle", MINUS1(EINVAL),
              xc_machphys_mfn_list(NULL, 2, frames));
    BAD_INPUT(xc_make_page_below_4G, "NULL handle", RETURNS_ERRNO(0, EINVAL),
              xc_make_page_below_4G(NULL, DOM, 5));
    BAD_INPUT(xc_sharing_freed_pages, "NULL handle", MINUS1(EINVAL), xc_sharing_freed_pages(NULL));
    BAD_INPUT(xc_sharing_used_frames, "NULL handle", MINUS1(EINVAL), xc_sharing_used_frames(NULL));
    BAD_INPUT(xc_domain_nr_gpfns, "NULL handle", MINUS1(EINVAL),
              xc_domain_nr_gpfns(NULL, DOM, frames));
    BAD_INPUT(xc_clear_domain_pages, "NULL handle", MINUS1(EINVAL),
              xc_clear_domain_pages(NULL, DOM, 0, 1));
    BAD_INPUT(xc_domain_setvnuma, "NULL handle", MINUS1(EINVAL),
              xc_domain_setvnuma(NULL, DOM, 1, 1, 1, &range, &one, &one, &one));
    BAD_INPUT(xc_domain_set_memory_map, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_memory_map(NULL, DOM, &e820, 1));
    u32 = 2;
    BAD_INPUT(xc_reserved_device_memory_map, "NULL handle", MINUS1(EINVAL),
              xc_reserved_device_memory_map(NULL, XENMEM_RDM_ALL, 0, 0, 0, rdm, &u32));
    BAD_INPUT(xc_domain_set_memmap_limit, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_memmap_limit(NULL, DOM, 1024));
}

/* Each refusal is logged: the handle's last error says which call. */
static bool refused(xc_interface *xch, long rc, const char *fn)
{
    const xc_error *e = xc_get_last_error(xch);
    bool ok = CHECKF(rc == -1 && errno == EINVAL && e->code == XC_INVALID_PARAM &&
                     strstr(e->message, fn), "%s: rc %ld errno %d last error %d '%s'", fn, rc,
                     errno, e->code, e->message);

    xc_clear_last_error(xch);
    errno = 0;
    return ok;
}

static void test_bad_arguments(void)
{
    struct t_capture log;
    struct xen_domctl_createdomain config = { .max_vcpus = 1 };
    xen_vmemrange_t range = { .end = 1 << 20 };
    unsigned one = 1;
    uint32_t domid = 0, u32 = 1;
    xc_interface *xch;

    t_capture_start(&log);
    xch = xc_interface_open(log.logger, NULL, XC_OPENFLAG_DUMMY);
    if (!CHECK_NE(xch, NULL)) {
        t_capture_end(&log);
        free(log.text);
        return;
    }
    errno = 0;
    refused(xch, xc_domain_create(xch, NULL, &config), "xc_domain_create");
    refused(xch, xc_domain_create(xch, &domid, NULL), "xc_domain_create");
    refused(xch, xc_domctl(xch, NULL), "xc_domctl");
    refused(xch, xc_sysctl(xch, NULL), "xc_sysctl");
    refused(xch, xc_domain_get_tsc_info(xch, DOM, &u32, NULL, &u32, &u32),
            "xc_domain_get_tsc_info");
    refused(xch, xc_domain_get_guest_width(xch, DOM, NULL), "xc_domain_get_guest_width");
    refused(xch, xc_domain_node_getaffinity(xch, DOM, NULL), "xc_domain_node_getaffinity");
    refused(xch, xc_domain_node_setaffinity(xch, DOM, NULL), "xc_domain_node_setaffinity");
    refused(xch, xc_domain_setvnuma(xch, DOM, 0, 1, 1, &range, &one, &one, &one),
            "xc_domain_setvnuma");
    refused(xch, xc_domain_setvnuma(xch, DOM, 2, 1, 1, &range, &one, &one, &one),
            "xc_domain_setvnuma");
    refused(xch, xc_domain_setvnuma(xch, DOM, 1, 1, 1, &range, NULL, &one, &one),
            "xc_domain_setvnuma");
    refused(xch, xc_domain_getvnuma(xch, DOM, &u32, NULL, &u32, NULL, NULL, NULL),
            "xc_domain_getvnuma");
    refused(xch, xc_domain_populate_physmap(xch, DOM, 1, 0, 0, NULL),
            "xc_domain_populate_physmap");
    refused(xch, xc_domain_memory_exchange_pages(xch, DOM, 1, 0, NULL, 0, 0, NULL),
            "xc_domain_memory_exchange_pages");
    refused(xch, xc_maximum_ram_page(xch, NULL), "xc_maximum_ram_page");
    refused(xch, xc_machphys_mfn_list(xch, 1, NULL), "xc_machphys_mfn_list");
    refused(xch, xc_reserved_device_memory_map(xch, XENMEM_RDM_ALL, 0, 0, 0, NULL, NULL),
            "xc_reserved_device_memory_map");
    refused(xch, xc_domain_nr_gpfns(xch, DOM, NULL), "xc_domain_nr_gpfns");
    refused(xch, xc_clear_domain_pages(xch, DOM, 0, 0), "xc_clear_domain_pages");
    refused(xch, xc_clear_domain_pages(xch, DOM, 0, -1), "xc_clear_domain_pages");
    refused(xch, xc_domain_set_memory_map(xch, DOM, NULL, 1), "xc_domain_set_memory_map");
    CHECK_EQ(xc_interface_close(xch), 0);
    t_capture_end(&log);
    CHECK(log.text && strstr(log.text, "xc_domain_create: NULL domid"));
    free(log.text);
}

/* x86's caches are coherent: no hypercall, so not even a handle needed. */
static void test_cacheflush_on_x86(void)
{
    BAD_INPUT(xc_domain_cacheflush, "NULL handle (no hypercall on x86)", RETURNS(0),
              xc_domain_cacheflush(NULL, DOM, 0, 16));
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_null_handle, "xenctrl domains: NULL handle refused with EINVAL");
    T_CASE(test_bad_arguments, "xenctrl domains: NULL and empty arguments refused, logged");
    T_CASE(test_cacheflush_on_x86, "xenctrl domains: cacheflush is a no-op on x86");
    return t_exit_status();
}
