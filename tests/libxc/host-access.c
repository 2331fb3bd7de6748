/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl's VM introspection calls (monitor, vm_event,
 * mem_access) and the debugging settings of domain.c, no Xen needed: a
 * NULL handle, and NULL pointers that would receive an answer or carry
 * the frames, are refused with EINVAL before any hypercall, logged as
 * the handle's last error.  What Xen does with valid calls is
 * tests/libxc/system-differential's.
 */
#include <errno.h>
#include <stdlib.h>

#include <xenctrl.h>

#include "testlib.h"

#include <xen/hvm/params.h>

#define DOM 1

static void test_null_handle(void)
{
    uint32_t port = 0, caps = 0;
    uint8_t access[1] = { XENMEM_access_r };
    uint64_t pages[1] = { 0 };
    xenmem_access_t a;

    BAD_INPUT(xc_vm_event_control, "NULL handle", MINUS1(EINVAL),
              xc_vm_event_control(NULL, DOM, XEN_VM_EVENT_DISABLE, XEN_DOMCTL_VM_EVENT_OP_MONITOR,
                                  NULL));
    BAD_INPUT(xc_vm_event_enable, "NULL handle", NULLPTR(EINVAL),
              xc_vm_event_enable(NULL, DOM, HVM_PARAM_MONITOR_RING_PFN, &port));
    BAD_INPUT(xc_vm_event_get_version, "NULL handle", MINUS1(EINVAL),
              xc_vm_event_get_version(NULL));
    BAD_INPUT(xc_monitor_enable, "NULL handle", NULLPTR(EINVAL),
              xc_monitor_enable(NULL, DOM, &port));
    BAD_INPUT(xc_monitor_disable, "NULL handle", MINUS1(EINVAL), xc_monitor_disable(NULL, DOM));
    BAD_INPUT(xc_monitor_resume, "NULL handle", MINUS1(EINVAL), xc_monitor_resume(NULL, DOM));
    BAD_INPUT(xc_monitor_get_capabilities, "NULL handle", MINUS1(EINVAL),
              xc_monitor_get_capabilities(NULL, DOM, &caps));
    BAD_INPUT(xc_monitor_write_ctrlreg, "NULL handle", MINUS1(EINVAL),
              xc_monitor_write_ctrlreg(NULL, DOM, 0, true, true, 0, true));
    BAD_INPUT(xc_monitor_mov_to_msr, "NULL handle", MINUS1(EINVAL),
              xc_monitor_mov_to_msr(NULL, DOM, 0xc0000080, true, false));
    BAD_INPUT(xc_monitor_software_breakpoint, "NULL handle", MINUS1(EINVAL),
              xc_monitor_software_breakpoint(NULL, DOM, true));
    BAD_INPUT(xc_monitor_singlestep, "NULL handle", MINUS1(EINVAL),
              xc_monitor_singlestep(NULL, DOM, true));
    BAD_INPUT(xc_monitor_descriptor_access, "NULL handle", MINUS1(EINVAL),
              xc_monitor_descriptor_access(NULL, DOM, true));
    BAD_INPUT(xc_monitor_guest_request, "NULL handle", MINUS1(EINVAL),
              xc_monitor_guest_request(NULL, DOM, true, true, false));
    BAD_INPUT(xc_monitor_inguest_pagefault, "NULL handle", MINUS1(EINVAL),
              xc_monitor_inguest_pagefault(NULL, DOM, true));
    BAD_INPUT(xc_monitor_debug_exceptions, "NULL handle", MINUS1(EINVAL),
              xc_monitor_debug_exceptions(NULL, DOM, true, false));
    BAD_INPUT(xc_monitor_cpuid, "NULL handle", MINUS1(EINVAL), xc_monitor_cpuid(NULL, DOM, true));
    BAD_INPUT(xc_monitor_privileged_call, "NULL handle", MINUS1(EINVAL),
              xc_monitor_privileged_call(NULL, DOM, true));
    BAD_INPUT(xc_monitor_emul_unimplemented, "NULL handle", MINUS1(EINVAL),
              xc_monitor_emul_unimplemented(NULL, DOM, true));
    BAD_INPUT(xc_monitor_emulate_each_rep, "NULL handle", MINUS1(EINVAL),
              xc_monitor_emulate_each_rep(NULL, DOM, true));
    BAD_INPUT(xc_monitor_vmexit, "NULL handle", MINUS1(EINVAL),
              xc_monitor_vmexit(NULL, DOM, true, false));
    BAD_INPUT(xc_set_mem_access, "NULL handle", MINUS1(EINVAL),
              xc_set_mem_access(NULL, DOM, XENMEM_access_r, 0, 1));
    BAD_INPUT(xc_set_mem_access_multi, "NULL handle", MINUS1(EINVAL),
              xc_set_mem_access_multi(NULL, DOM, access, pages, 1));
    BAD_INPUT(xc_get_mem_access, "NULL handle", MINUS1(EINVAL),
              xc_get_mem_access(NULL, DOM, 0, &a));
    BAD_INPUT(xc_domain_setdebugging, "NULL handle", MINUS1(EINVAL),
              xc_domain_setdebugging(NULL, DOM, 1));
    BAD_INPUT(xc_domain_debug_control, "NULL handle", MINUS1(EINVAL),
              xc_domain_debug_control(NULL, DOM, XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON, 0));
    BAD_INPUT(xc_domain_set_access_required, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_access_required(NULL, DOM, 1));
}

static void test_null_pointers(void)
{
    struct t_capture log;
    uint8_t access[1] = { XENMEM_access_r };
    uint64_t pages[1] = { 0 };
    uint32_t port = 0;
    xc_interface *xch;

    t_capture_start(&log);
    xch = xc_interface_open(log.logger, NULL, XC_OPENFLAG_DUMMY);
    if (!CHECK_NE(xch, NULL)) {
        t_capture_end(&log);
        free(log.text);
        return;
    }
    t_bad_input_log(&log);
    BAD_INPUT(xc_vm_event_enable, "NULL port",
              NULLPTR_LOGS(EINVAL, "xc_vm_event_enable: NULL port"),
              xc_vm_event_enable(xch, DOM, HVM_PARAM_MONITOR_RING_PFN, NULL));
    BAD_INPUT(xc_vm_event_enable, "an HVM parameter that is no ring (TIMER_MODE)",
              NULLPTR_LOGS(EINVAL, "xc_vm_event_enable: HVM param 10 is no vm_event ring"),
              xc_vm_event_enable(xch, DOM, HVM_PARAM_TIMER_MODE, &port));
    BAD_INPUT(xc_monitor_enable, "NULL port",
              NULLPTR_LOGS(EINVAL, "xc_vm_event_enable: NULL port"),
              xc_monitor_enable(xch, DOM, NULL));
    BAD_INPUT(xc_monitor_get_capabilities, "NULL capabilities",
              MINUS1_LOGS(EINVAL, "xc_monitor_get_capabilities: NULL capabilities"),
              xc_monitor_get_capabilities(xch, DOM, NULL));
    BAD_INPUT(xc_get_mem_access, "NULL access",
              MINUS1_LOGS(EINVAL, "xc_get_mem_access: NULL access"),
              xc_get_mem_access(xch, DOM, 0, NULL));
    BAD_INPUT(xc_set_mem_access_multi, "NULL access array, 1 frame",
              MINUS1_LOGS(EINVAL, "xc_set_mem_access_multi: NULL access"),
              xc_set_mem_access_multi(xch, DOM, NULL, pages, 1));
    BAD_INPUT(xc_set_mem_access_multi, "NULL pages array, 1 frame",
              MINUS1_LOGS(EINVAL, "xc_set_mem_access_multi: NULL pages"),
              xc_set_mem_access_multi(xch, DOM, access, NULL, 1));
    t_bad_input_log(NULL);
    CHECK_EQ(xc_get_last_error(xch)->code, XC_INVALID_PARAM);
    CHECK_EQ(xc_interface_close(xch), 0);
    t_capture_end(&log);
    free(log.text);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_null_handle, "xenctrl introspection: NULL handle refused with EINVAL");
    T_CASE(test_null_pointers, "xenctrl introspection: NULL pointers and a parameter that "
           "is no ring refused before any hypercall, logged");
    return t_exit_status();
}
