/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl, no Xen needed: the handle's layout against
 * upstream 4.17's (at compile time and in a live handle), opening without
 * a driver, dummy handles, error reporting and logging, hypercall and
 * bounce buffers and arrays; and, in a child whose /dev/xen/privcmd is
 * /dev/null (every hypercall fails with ENOTTY): descriptors, Xen's errors
 * passed through, arguments refused before any hypercall.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XC_WANT_COMPAT_DEVICEMODEL_API
#include <xenctrl.h>
#include <xendevicemodel.h>

/* The internals, for the layout test only. */
#include "../../tools/libxc/private.h"

#include "child.h"
#include "testlib.h"

/* ----------------------------------------------------------- layout */

/* Upstream 4.17's struct xc_interface_core, from its declaration's facts:
 * int flags; four logger pointers; struct xc_error; FILE *; const char *;
 * the libxencall, libxenforeignmemory and libxendevicemodel handles. */
struct upstream_layout {
    int flags;
    void *error_handler, *error_handler_tofree;
    void *dombuild_logger, *dombuild_logger_tofree;
    struct xc_error last_error;
    FILE *dombuild_logger_file;
    const char *currently_progress_reporting;
    void *xcall, *fmem, *dmod;
};

#define SAME_OFFSET(ours, theirs) \
    CHECKF(offsetof(struct xc_interface_core, ours) == offsetof(struct upstream_layout, theirs), \
           #ours " at %zu, upstream's " #theirs " at %zu", \
           offsetof(struct xc_interface_core, ours), offsetof(struct upstream_layout, theirs))

static void test_layout(void)
{
    SAME_OFFSET(flags, flags);
    SAME_OFFSET(error_log.logger, error_handler);
    SAME_OFFSET(error_log.owned, error_handler_tofree);
    SAME_OFFSET(dombuild_log.logger, dombuild_logger);
    SAME_OFFSET(dombuild_log.owned, dombuild_logger_tofree);
    SAME_OFFSET(last_error, last_error);
    SAME_OFFSET(dombuild_logger_file, dombuild_logger_file);
    SAME_OFFSET(currently_progress_reporting, currently_progress_reporting);
    SAME_OFFSET(xcall, xcall);
    SAME_OFFSET(fmem, fmem);
    SAME_OFFSET(dmod, dmod);
    CHECK_GE(sizeof(struct xc_interface_core), sizeof(struct upstream_layout));
    CHECK_EQ(sizeof(xc_hypercall_buffer_t), 40);
    CHECK_EQ(sizeof(XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL)), 40);
}

/* A live dummy handle read as upstream's libxenguest reads it. */
static void test_layout_live(void)
{
    struct t_capture log, build;
    struct upstream_layout *u;
    xc_interface *xch;

    t_capture_start(&log);
    t_capture_start(&build);
    xch = xc_interface_open(log.logger, build.logger, XC_OPENFLAG_DUMMY);
    if (!CHECK_NE(xch, NULL))
        goto out;
    u = (struct upstream_layout *)xch;
    CHECK_EQ(u->flags, XC_OPENFLAG_DUMMY);
    CHECK(u->error_handler == log.logger && u->error_handler_tofree == NULL);
    CHECK(u->dombuild_logger == build.logger && u->dombuild_logger_tofree == NULL);
    CHECK(u->xcall == NULL && u->fmem == NULL && u->dmod == NULL);
    CHECK_EQ(xc_interface_dmod_handle(xch), NULL);
    errno = 0;
    CHECK(xc_hvm_inject_trap(xch, 1, 0, 2, XEN_DMOP_EVENT_nmi, ~0u, 0, 0) == -1 &&
          errno == EINVAL);
    xc_report_error(xch, XC_INVALID_KERNEL, "seen at upstream's offset");
    CHECK_EQ(u->last_error.code, XC_INVALID_KERNEL);
    CHECK_STREQ(u->last_error.message, "seen at upstream's offset");
    CHECK(xc_get_last_error(xch) == &u->last_error);
    CHECK_EQ(xc_set_progress_prefix(xch, "step"), NULL);
    CHECK(u->currently_progress_reporting && strcmp(u->currently_progress_reporting, "step") == 0);
    CHECK_EQ(xc_interface_close(xch), 0);
out:
    t_capture_end(&log);
    t_capture_end(&build);
    free(log.text);
    free(build.text);
}

/* ----------------------------------------------------------- no Xen */

static void test_open_without_xen(void)
{
    struct t_fd_set before;
    struct t_capture log;
    xc_interface *xch;
    int err;

    if (t_have_xen())
        return;
    t_fds_snapshot(&before);
    t_capture_start(&log);
    xch = xc_interface_open(log.logger, NULL, 0);
    err = errno;
    t_capture_end(&log);
    CHECK_EQ(xch, NULL);
    CHECKF(err == ENOENT, "errno %d", err);
    CHECKF(t_logged(&log, "cannot open /dev/xen/privcmd"), "log: %s", log.text);
    t_check_fds_as_before(&before);
    free(log.text);
}

static void test_unknown_flags(void)
{
    struct t_capture log;

    t_capture_start(&log);
    t_bad_input_log(&log);
    BAD_INPUT(xc_interface_open, "unknown flags",
              NULLPTR_LOGS(EINVAL, "xc_interface_open: unknown flags 0x20"),
              xc_interface_open(log.logger, NULL, 1U << 5));
    t_bad_input_log(NULL);
    t_capture_end(&log);
    free(log.text);
}

static void __attribute__((format(printf, 5, 6)))
reportv_through(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
                const char *fmt, ...)
{
    va_list al;

    va_start(al, fmt);
    xc_reportv(xch, lg, level, code, fmt, al);
    va_end(al);
}

/* Every call that takes a handle, given NULL: EINVAL where it can report,
 * nothing at all where it cannot (void). */
static void test_null_handle(void)
{
    DECLARE_HYPERCALL_BUFFER(void, p);
    DECLARE_HYPERCALL_BUFFER(void, q);
    xc_hypercall_buffer_array_t *array = NULL;
    xc_physinfo_t info;
    xc_dominfo_t dom;
    xc_domaininfo_t list;
    xc_evtchn_status_t st = { .dom = DOMID_SELF, .port = 1 };
    struct gnttab_query_size query = { .dom = DOMID_SELF };
    struct e820entry map[4];
    xen_pfn_t pfn = 1;
    uint64_t u64;
    unsigned long ul;
    unsigned int chars = 16;
    char ring[16];
    int a, b;

    (void)q;
    BAD_INPUT(xc_interface_close, "NULL handle", RETURNS(0), xc_interface_close(NULL));
    BAD_INPUT(xc_get_last_error, "NULL handle", NULLPTR(EINVAL), xc_get_last_error(NULL));
    BAD_INPUT_VOID(xc_clear_last_error, "NULL handle", IGNORED, xc_clear_last_error(NULL));
    BAD_INPUT(xc_interface_xcall_handle, "NULL handle", NULLPTR(EINVAL),
              xc_interface_xcall_handle(NULL));
    BAD_INPUT(xc_interface_fmem_handle, "NULL handle", NULLPTR(EINVAL),
              xc_interface_fmem_handle(NULL));
    BAD_INPUT(xc_interface_dmod_handle, "NULL handle", NULLPTR(EINVAL),
              xc_interface_dmod_handle(NULL));
    BAD_INPUT(xc_hvm_inject_trap, "NULL handle", MINUS1(EINVAL),
              xc_hvm_inject_trap(NULL, 1, 0, 2, XEN_DMOP_EVENT_nmi, ~0u, 0, 0));
    BAD_INPUT(xc__hypercall_buffer_alloc, "NULL handle", NULLPTR(EINVAL),
              xc_hypercall_buffer_alloc(NULL, p, 8));
    BAD_INPUT(xc__hypercall_buffer_alloc_pages, "NULL handle", NULLPTR(EINVAL),
              xc_hypercall_buffer_alloc_pages(NULL, p, 1));
    BAD_INPUT_VOID(xc__hypercall_buffer_free, "NULL handle", IGNORED,
                   xc_hypercall_buffer_free(NULL, p));
    BAD_INPUT_VOID(xc__hypercall_buffer_free_pages, "NULL handle", IGNORED,
                   xc_hypercall_buffer_free_pages(NULL, p, 1));
    BAD_INPUT(xc__hypercall_bounce_pre, "NULL handle", MINUS1(EINVAL),
              xc_hypercall_bounce_pre(NULL, q));
    BAD_INPUT_VOID(xc__hypercall_bounce_post, "NULL handle", IGNORED,
                   xc_hypercall_bounce_post(NULL, q));
    BAD_INPUT(xc_hypercall_buffer_array_create, "NULL handle", NULLPTR(EINVAL),
              xc_hypercall_buffer_array_create(NULL, 2));
    BAD_INPUT(xc__hypercall_buffer_array_alloc, "NULL handle", NULLPTR(EINVAL),
              xc_hypercall_buffer_array_alloc(NULL, array, 0, p, 8));
    BAD_INPUT(xc__hypercall_buffer_array_get, "NULL handle", NULLPTR(EINVAL),
              xc_hypercall_buffer_array_get(NULL, array, 0, p, 8));
    BAD_INPUT_VOID(xc_hypercall_buffer_array_destroy, "NULL handle and array", IGNORED,
                   xc_hypercall_buffer_array_destroy(NULL, NULL));
    BAD_INPUT(xc_version, "NULL handle", MINUS1(EINVAL), xc_version(NULL, XENVER_version, NULL));
    BAD_INPUT(xc_physinfo, "NULL handle", MINUS1(EINVAL), xc_physinfo(NULL, &info));
    BAD_INPUT(xc_get_max_cpus, "NULL handle", MINUS1(EINVAL), xc_get_max_cpus(NULL));
    BAD_INPUT(xc_domain_getinfo, "NULL handle", MINUS1(EINVAL), xc_domain_getinfo(NULL, 0, 1, &dom));
    BAD_INPUT(xc_domain_getinfolist, "NULL handle", MINUS1(EINVAL),
              xc_domain_getinfolist(NULL, 0, 1, &list));
    BAD_INPUT(xc_domain_shutdown, "NULL handle", MINUS1(EINVAL), xc_domain_shutdown(NULL, 1, 0));
    BAD_INPUT(xc_watchdog, "NULL handle", MINUS1(EINVAL), xc_watchdog(NULL, 0, 0));
    BAD_INPUT(xc_readconsolering, "NULL handle", MINUS1(EINVAL),
              xc_readconsolering(NULL, ring, &chars, 0, 0, NULL));
    BAD_INPUT(xc_get_machine_memory_map, "NULL handle", MINUS1(EINVAL),
              xc_get_machine_memory_map(NULL, map, 4));
    BAD_INPUT(xc_domain_populate_physmap_exact, "NULL handle", MINUS1(EINVAL),
              xc_domain_populate_physmap_exact(NULL, 1, 1, 0, 0, &pfn));
    BAD_INPUT(xc_domain_iomem_permission, "NULL handle", MINUS1(EINVAL),
              xc_domain_iomem_permission(NULL, 1, 0, 1, 1));
    BAD_INPUT(xc_evtchn_status, "NULL handle", MINUS1(EINVAL), xc_evtchn_status(NULL, &st));
    BAD_INPUT(xc_gnttab_query_size, "NULL handle", MINUS1(EINVAL),
              xc_gnttab_query_size(NULL, &query));
    BAD_INPUT(xc_physdev_map_pirq, "NULL handle", MINUS1(EINVAL),
              xc_physdev_map_pirq(NULL, 1, 1, &a));
    BAD_INPUT(xc_physdev_map_pirq_msi, "NULL handle", MINUS1(EINVAL),
              xc_physdev_map_pirq_msi(NULL, 1, 1, &a, 0, 0, 0, 0));
    BAD_INPUT(xc_physdev_unmap_pirq, "NULL handle", MINUS1(EINVAL),
              xc_physdev_unmap_pirq(NULL, 1, 1));
    BAD_INPUT(xc_perfc_reset, "NULL handle", MINUS1(EINVAL), xc_perfc_reset(NULL));
    BAD_INPUT(xc_perfc_query_number, "NULL handle", MINUS1(EINVAL),
              xc_perfc_query_number(NULL, &a, &b));
    BAD_INPUT(xc_perfc_query, "NULL handle", MINUS1(EINVAL),
              xc_perfc_query(NULL, HYPERCALL_BUFFER(p), HYPERCALL_BUFFER(p)));
    BAD_INPUT(xc_hvm_param_set, "NULL handle", MINUS1(EINVAL), xc_hvm_param_set(NULL, 1, 0, 0));
    BAD_INPUT(xc_hvm_param_get, "NULL handle", MINUS1(EINVAL),
              xc_hvm_param_get(NULL, 1, 0, &u64));
    BAD_INPUT(xc_set_hvm_param, "NULL handle", MINUS1(EINVAL), xc_set_hvm_param(NULL, 1, 0, 0));
    BAD_INPUT(xc_get_hvm_param, "NULL handle", MINUS1(EINVAL),
              xc_get_hvm_param(NULL, 1, 0, &ul));
    /* -EINVAL as upstream's: it returns that when the domain lookup fails. */
    BAD_INPUT(xc_domain_memory_mapping, "NULL handle", RETURNS_ERRNO(-EINVAL, EINVAL),
              xc_domain_memory_mapping(NULL, 1, 0, 0, 1, 1));
    BAD_INPUT(xc_domain_ioport_mapping, "NULL handle", MINUS1(EINVAL),
              xc_domain_ioport_mapping(NULL, 1, 0, 0, 1, 1));
    BAD_INPUT(xc_domain_update_msi_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_update_msi_irq(NULL, 1, 0x30, 1, 0, 0));
    BAD_INPUT(xc_domain_unbind_msi_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_unbind_msi_irq(NULL, 1, 0x30, 1, 0));
    BAD_INPUT(xc_domain_bind_pt_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_bind_pt_irq(NULL, 1, 5, PT_IRQ_TYPE_ISA, 0, 0, 0, 5));
    BAD_INPUT(xc_domain_unbind_pt_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_unbind_pt_irq(NULL, 1, 5, PT_IRQ_TYPE_ISA, 0, 0, 0, 5));
    BAD_INPUT(xc_domain_bind_pt_pci_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_bind_pt_pci_irq(NULL, 1, 5, 0, 1, 0));
    BAD_INPUT(xc_kexec_exec, "NULL handle", MINUS1(EINVAL), xc_kexec_exec(NULL, KEXEC_TYPE_CRASH));
    BAD_INPUT(xc_kexec_get_range, "NULL handle", MINUS1(EINVAL),
              xc_kexec_get_range(NULL, KEXEC_RANGE_MA_XEN, 0, &u64, &u64));
    BAD_INPUT(xc_kexec_load, "NULL handle", MINUS1(EINVAL),
              xc_kexec_load(NULL, KEXEC_TYPE_CRASH, EM_X86_64, 0, 0, NULL));
    BAD_INPUT(xc_kexec_status, "NULL handle", MINUS1(EINVAL),
              xc_kexec_status(NULL, KEXEC_TYPE_CRASH));
    BAD_INPUT(xc_kexec_unload, "NULL handle", MINUS1(EINVAL),
              xc_kexec_unload(NULL, KEXEC_TYPE_CRASH));
    BAD_INPUT(xc_vmtrace_enable, "NULL handle", MINUS1(EINVAL), xc_vmtrace_enable(NULL, 1, 0));
    BAD_INPUT(xc_vmtrace_disable, "NULL handle", MINUS1(EINVAL), xc_vmtrace_disable(NULL, 1, 0));
    BAD_INPUT(xc_vmtrace_reset_and_enable, "NULL handle", MINUS1(EINVAL),
              xc_vmtrace_reset_and_enable(NULL, 1, 0));
    BAD_INPUT(xc_vmtrace_output_position, "NULL handle", MINUS1(EINVAL),
              xc_vmtrace_output_position(NULL, 1, 0, &u64));
    BAD_INPUT(xc_vmtrace_get_option, "NULL handle", MINUS1(EINVAL),
              xc_vmtrace_get_option(NULL, 1, 0, 0, &u64));
    BAD_INPUT(xc_vmtrace_set_option, "NULL handle", MINUS1(EINVAL),
              xc_vmtrace_set_option(NULL, 1, 0, 0, 0));
    BAD_INPUT(xc_strerror, "NULL handle", RETURNS_TEXT("Invalid argument"),
              xc_strerror(NULL, EINVAL));
    BAD_INPUT(xc_set_progress_prefix, "NULL handle", RETURNS(0),
              xc_set_progress_prefix(NULL, "doing"));
    BAD_INPUT_VOID(xc_report_progress_single, "NULL handle", IGNORED,
                   xc_report_progress_single(NULL, "doing"));
    BAD_INPUT_VOID(xc_report_progress_step, "NULL handle", IGNORED,
                   xc_report_progress_step(NULL, 1, 2));
    BAD_INPUT_VOID(xc_report_error, "NULL handle", IGNORED,
                   xc_report_error(NULL, XC_INTERNAL_ERROR, "to nobody"));
    BAD_INPUT_VOID(xc_report, "NULL handle and logger", IGNORED,
                   xc_report(NULL, NULL, XTL_ERROR, XC_INTERNAL_ERROR, "to nobody"));
    BAD_INPUT_VOID(xc_reportv, "NULL handle and logger", IGNORED,
                   reportv_through(NULL, NULL, XTL_ERROR, XC_INTERNAL_ERROR, "to nobody"));
}

/* The power management and CPU hotplug calls. */
static void test_null_handle_pm(void)
{
    uint64_t trans[1];
    struct xc_px_val val[1];
    struct xc_px_stat px = { .trans_pt = trans, .pt = val };
    uint64_t counts[1];
    struct xc_cx_stat cx = { .nr = 1, .triggers = counts, .residencies = counts };
    struct xc_get_cpufreq_para para = { 0 };
    char gov[] = "performance";
    uint32_t u32;
    int n;

    BAD_INPUT(xc_pm_get_max_px, "NULL handle", MINUS1(EINVAL), xc_pm_get_max_px(NULL, 0, &n));
    BAD_INPUT(xc_pm_get_pxstat, "NULL handle", MINUS1(EINVAL), xc_pm_get_pxstat(NULL, 0, &px));
    BAD_INPUT(xc_pm_get_pxstat, "NULL handle and statistics", MINUS1(EINVAL),
              xc_pm_get_pxstat(NULL, 0, NULL));
    BAD_INPUT(xc_pm_reset_pxstat, "NULL handle", MINUS1(EINVAL), xc_pm_reset_pxstat(NULL, 0));
    BAD_INPUT(xc_pm_get_max_cx, "NULL handle", MINUS1(EINVAL), xc_pm_get_max_cx(NULL, 0, &n));
    BAD_INPUT(xc_pm_get_cxstat, "NULL handle", MINUS1(EINVAL), xc_pm_get_cxstat(NULL, 0, &cx));
    BAD_INPUT(xc_pm_get_cxstat, "NULL handle and statistics", MINUS1(EINVAL),
              xc_pm_get_cxstat(NULL, 0, NULL));
    BAD_INPUT(xc_pm_reset_cxstat, "NULL handle", MINUS1(EINVAL), xc_pm_reset_cxstat(NULL, 0));
    BAD_INPUT(xc_get_cpufreq_para, "NULL handle", MINUS1(EINVAL),
              xc_get_cpufreq_para(NULL, 0, &para));
    BAD_INPUT(xc_get_cpufreq_para, "NULL handle and parameters", MINUS1(EINVAL),
              xc_get_cpufreq_para(NULL, 0, NULL));
    BAD_INPUT(xc_set_cpufreq_gov, "NULL handle", MINUS1(EINVAL),
              xc_set_cpufreq_gov(NULL, 0, gov));
    BAD_INPUT(xc_set_cpufreq_para, "NULL handle", MINUS1(EINVAL),
              xc_set_cpufreq_para(NULL, 0, SCALING_MAX_FREQ, 1000));
    BAD_INPUT(xc_get_cpufreq_avgfreq, "NULL handle", MINUS1(EINVAL),
              xc_get_cpufreq_avgfreq(NULL, 0, &n));
    BAD_INPUT(xc_enable_turbo, "NULL handle", MINUS1(EINVAL), xc_enable_turbo(NULL, 0));
    BAD_INPUT(xc_disable_turbo, "NULL handle", MINUS1(EINVAL), xc_disable_turbo(NULL, 0));
    BAD_INPUT(xc_set_sched_opt_smt, "NULL handle", MINUS1(EINVAL),
              xc_set_sched_opt_smt(NULL, 0));
    BAD_INPUT(xc_get_cpuidle_max_cstate, "NULL handle", MINUS1(EINVAL),
              xc_get_cpuidle_max_cstate(NULL, &u32));
    BAD_INPUT(xc_set_cpuidle_max_cstate, "NULL handle", MINUS1(EINVAL),
              xc_set_cpuidle_max_cstate(NULL, 1));
    BAD_INPUT(xc_get_cpuidle_max_csubstate, "NULL handle", MINUS1(EINVAL),
              xc_get_cpuidle_max_csubstate(NULL, &u32));
    BAD_INPUT(xc_set_cpuidle_max_csubstate, "NULL handle", MINUS1(EINVAL),
              xc_set_cpuidle_max_csubstate(NULL, 1));
    BAD_INPUT(xc_cpu_online, "NULL handle", MINUS1(EINVAL), xc_cpu_online(NULL, 1));
    BAD_INPUT(xc_cpu_offline, "NULL handle", MINUS1(EINVAL), xc_cpu_offline(NULL, 1));
    BAD_INPUT(xc_smt_enable, "NULL handle", MINUS1(EINVAL), xc_smt_enable(NULL));
    BAD_INPUT(xc_smt_disable, "NULL handle", MINUS1(EINVAL), xc_smt_disable(NULL));
}

/* The vCPU, scheduler, cpupool, topology, FLASK, PSR and device calls,
 * those that answer from a per-process cache included. */
static void test_null_handle_host_calls(void)
{
    vcpu_guest_context_any_t ctx;
    xc_vcpuinfo_t vi;
    struct xen_domctl_sched_credit2 c2 = { 0 };
    struct xen_domctl_sched_credit c1 = { 0 };
    struct xen_sysctl_credit_schedule p1 = { 0 };
    struct xen_sysctl_credit2_schedule p2 = { 0 };
    struct xen_domctl_sched_rtds rt = { 0 };
    struct xen_domctl_schedparam_vcpu rtv = { 0 };
    physdev_pci_device_t pci = { 0 };
    xc_psr_hw_info hw;
    char text[16] = "system_u";
    uint64_t u64;
    uint8_t map[8] = { 1 };
    uint32_t u32, pool = XC_CPUPOOL_POOLID_ANY;
    unsigned n = 0;
    int id;

    BAD_INPUT(xc_vcpu_getcontext, "NULL handle", MINUS1(EINVAL),
              xc_vcpu_getcontext(NULL, 1, 0, &ctx));
    BAD_INPUT(xc_vcpu_setcontext, "NULL handle", MINUS1(EINVAL),
              xc_vcpu_setcontext(NULL, 1, 0, &ctx));
    BAD_INPUT(xc_vcpu_getinfo, "NULL handle", MINUS1(EINVAL), xc_vcpu_getinfo(NULL, 1, 0, &vi));
    BAD_INPUT(xc_vcpu_getaffinity, "NULL handle", MINUS1(EINVAL),
              xc_vcpu_getaffinity(NULL, 1, 0, map, NULL, XEN_VCPUAFFINITY_HARD));
    BAD_INPUT(xc_sched_id, "NULL handle", MINUS1(EINVAL), xc_sched_id(NULL, &id));
    BAD_INPUT(xc_sched_credit2_domain_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit2_domain_get(NULL, 1, &c2));
    BAD_INPUT(xc_cpupool_create, "NULL handle", MINUS1(EINVAL),
              xc_cpupool_create(NULL, &pool, XEN_SCHEDULER_CREDIT));
    BAD_INPUT(xc_cpupool_getinfo, "NULL handle", NULLPTR(EINVAL), xc_cpupool_getinfo(NULL, 0));
    BAD_INPUT(xc_cpupool_freeinfo, "NULL handle", NULLPTR(EINVAL), xc_cpupool_freeinfo(NULL));
    BAD_INPUT(xc_get_online_cpus, "NULL handle", MINUS1(EINVAL), xc_get_online_cpus(NULL));
    BAD_INPUT(xc_get_max_nodes, "NULL handle", MINUS1(EINVAL), xc_get_max_nodes(NULL));
    BAD_INPUT(xc_cputopoinfo, "NULL handle", MINUS1(EINVAL), xc_cputopoinfo(NULL, &n, NULL));
    BAD_INPUT(xc_send_debug_keys, "NULL handle", MINUS1(EINVAL), xc_send_debug_keys(NULL, "t"));
    BAD_INPUT(xc_flask_getenforce, "NULL handle", MINUS1(EINVAL), xc_flask_getenforce(NULL));
    BAD_INPUT(xc_psr_cmt_get_total_rmid, "NULL handle", MINUS1(EINVAL),
              xc_psr_cmt_get_total_rmid(NULL, &u32));
    BAD_INPUT(xc_psr_cmt_enabled, "NULL handle", RETURNS_ERRNO(0, EINVAL),
              xc_psr_cmt_enabled(NULL));
    BAD_INPUT(xc_assign_device, "NULL handle", MINUS1(EINVAL), xc_assign_device(NULL, 1, 0, 0));
    BAD_INPUT(xc_vcpu_setaffinity, "NULL handle", MINUS1(EINVAL),
              xc_vcpu_setaffinity(NULL, 1, 0, map, NULL, XEN_VCPUAFFINITY_HARD));
    BAD_INPUT(xc_sched_credit_domain_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit_domain_get(NULL, 1, &c1));
    BAD_INPUT(xc_sched_credit_domain_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit_domain_set(NULL, 1, &c1));
    BAD_INPUT(xc_sched_credit_params_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit_params_get(NULL, 0, &p1));
    BAD_INPUT(xc_sched_credit_params_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit_params_set(NULL, 0, &p1));
    BAD_INPUT(xc_sched_credit2_domain_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit2_domain_set(NULL, 1, &c2));
    BAD_INPUT(xc_sched_credit2_params_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit2_params_get(NULL, 0, &p2));
    BAD_INPUT(xc_sched_credit2_params_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_credit2_params_set(NULL, 0, &p2));
    BAD_INPUT(xc_sched_rtds_domain_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_rtds_domain_get(NULL, 1, &rt));
    BAD_INPUT(xc_sched_rtds_domain_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_rtds_domain_set(NULL, 1, &rt));
    BAD_INPUT(xc_sched_rtds_vcpu_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_rtds_vcpu_get(NULL, 1, &rtv, 1));
    BAD_INPUT(xc_sched_rtds_vcpu_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_rtds_vcpu_set(NULL, 1, &rtv, 1));
    BAD_INPUT(xc_cpupool_destroy, "NULL handle", MINUS1(EINVAL), xc_cpupool_destroy(NULL, 1));
    BAD_INPUT(xc_cpupool_addcpu, "NULL handle", MINUS1(EINVAL), xc_cpupool_addcpu(NULL, 1, 1));
    BAD_INPUT(xc_cpupool_removecpu, "NULL handle", MINUS1(EINVAL),
              xc_cpupool_removecpu(NULL, 1, 1));
    BAD_INPUT(xc_cpupool_movedomain, "NULL handle", MINUS1(EINVAL),
              xc_cpupool_movedomain(NULL, 1, 1));
    BAD_INPUT_VOID(xc_cpupool_infofree, "NULL handle and info", IGNORED,
                   xc_cpupool_infofree(NULL, NULL));
    BAD_INPUT(xc_numainfo, "NULL handle", MINUS1(EINVAL), xc_numainfo(NULL, &n, NULL, NULL));
    BAD_INPUT(xc_pcitopoinfo, "NULL handle", MINUS1(EINVAL),
              xc_pcitopoinfo(NULL, 1, &pci, &u32));
    BAD_INPUT(xc_flask_load, "NULL handle", MINUS1(EINVAL), xc_flask_load(NULL, text, 4));
    BAD_INPUT(xc_flask_setenforce, "NULL handle", MINUS1(EINVAL), xc_flask_setenforce(NULL, 1));
    BAD_INPUT(xc_flask_context_to_sid, "NULL handle", MINUS1(EINVAL),
              xc_flask_context_to_sid(NULL, text, 4, &u32));
    BAD_INPUT(xc_flask_sid_to_context, "NULL handle", MINUS1(EINVAL),
              xc_flask_sid_to_context(NULL, 1, text, sizeof(text)));
    BAD_INPUT(xc_flask_relabel_domain, "NULL handle", MINUS1(EINVAL),
              xc_flask_relabel_domain(NULL, 1, 1));
    BAD_INPUT(xc_psr_cmt_attach, "NULL handle", MINUS1(EINVAL), xc_psr_cmt_attach(NULL, 1));
    BAD_INPUT(xc_psr_cmt_detach, "NULL handle", MINUS1(EINVAL), xc_psr_cmt_detach(NULL, 1));
    BAD_INPUT(xc_psr_cmt_get_domain_rmid, "NULL handle", MINUS1(EINVAL),
              xc_psr_cmt_get_domain_rmid(NULL, 1, &u32));
    BAD_INPUT(xc_psr_cmt_get_l3_cache_size, "NULL handle", MINUS1(EINVAL),
              xc_psr_cmt_get_l3_cache_size(NULL, 0, &u32));
    BAD_INPUT(xc_psr_cmt_get_l3_event_mask, "NULL handle", MINUS1(EINVAL),
              xc_psr_cmt_get_l3_event_mask(NULL, &u32));
    BAD_INPUT(xc_psr_cmt_get_l3_upscaling_factor, "NULL handle", MINUS1(EINVAL),
              xc_psr_cmt_get_l3_upscaling_factor(NULL, &u32));
    BAD_INPUT(xc_psr_cmt_get_data, "NULL handle", MINUS1(EINVAL),
              xc_psr_cmt_get_data(NULL, 1, 0, XC_PSR_CMT_L3_OCCUPANCY, &u64, &u64));
    BAD_INPUT(xc_psr_get_domain_data, "NULL handle", MINUS1(EINVAL),
              xc_psr_get_domain_data(NULL, 1, XC_PSR_CAT_L3_CBM, 0, &u64));
    BAD_INPUT(xc_psr_set_domain_data, "NULL handle", MINUS1(EINVAL),
              xc_psr_set_domain_data(NULL, 1, XC_PSR_CAT_L3_CBM, 0, 1));
    BAD_INPUT(xc_psr_get_hw_info, "NULL handle", MINUS1(EINVAL),
              xc_psr_get_hw_info(NULL, 0, XC_PSR_CAT_L3, &hw));
    BAD_INPUT(xc_test_assign_device, "NULL handle", MINUS1(EINVAL),
              xc_test_assign_device(NULL, 1, 0));
    BAD_INPUT(xc_deassign_device, "NULL handle", MINUS1(EINVAL), xc_deassign_device(NULL, 1, 0));
    BAD_INPUT(xc_assign_dt_device, "NULL handle", MINUS1(EINVAL),
              xc_assign_dt_device(NULL, 1, text));
}

/* The trace buffer, lock profiling and CPU and node map calls; the map
 * bit operations, which need no handle, on a map of two bytes. */
static void test_null_handle_trace(void)
{
    uint8_t map[2] = { 0x81, 0 };
    unsigned long mfn, size;
    uint64_t time;
    uint32_t n = 0;

    BAD_INPUT(xc_tbuf_enable, "NULL handle", MINUS1(EINVAL), xc_tbuf_enable(NULL, 1, &mfn, &size));
    BAD_INPUT(xc_tbuf_disable, "NULL handle", MINUS1(EINVAL), xc_tbuf_disable(NULL));
    BAD_INPUT(xc_tbuf_set_size, "NULL handle", MINUS1(EINVAL), xc_tbuf_set_size(NULL, 1));
    BAD_INPUT(xc_tbuf_get_size, "NULL handle", MINUS1(EINVAL), xc_tbuf_get_size(NULL, &size));
    BAD_INPUT(xc_tbuf_set_cpu_mask, "NULL handle", MINUS1(EINVAL),
              xc_tbuf_set_cpu_mask(NULL, map));
    BAD_INPUT(xc_tbuf_set_evt_mask, "NULL handle", MINUS1(EINVAL),
              xc_tbuf_set_evt_mask(NULL, 0));
    BAD_INPUT(xc_lockprof_reset, "NULL handle", MINUS1(EINVAL), xc_lockprof_reset(NULL));
    BAD_INPUT(xc_lockprof_query_number, "NULL handle", MINUS1(EINVAL),
              xc_lockprof_query_number(NULL, &n));
    BAD_INPUT(xc_lockprof_query, "NULL handle", MINUS1(EINVAL),
              xc_lockprof_query(NULL, &n, &time, NULL));
    BAD_INPUT(xc_get_cpumap_size, "NULL handle", MINUS1(EINVAL), xc_get_cpumap_size(NULL));
    BAD_INPUT(xc_cpumap_alloc, "NULL handle", NULLPTR(EINVAL), xc_cpumap_alloc(NULL));
    BAD_INPUT(xc_get_nodemap_size, "NULL handle", MINUS1(EINVAL), xc_get_nodemap_size(NULL));
    BAD_INPUT(xc_nodemap_alloc, "NULL handle", NULLPTR(EINVAL), xc_nodemap_alloc(NULL));
    BAD_INPUT_VOID(xc_cpumap_setcpu, "NULL map", IGNORED, xc_cpumap_setcpu(3, NULL));
    BAD_INPUT_VOID(xc_cpumap_setcpu, "negative CPU", IGNORED, xc_cpumap_setcpu(-1, map + 1));
    BAD_INPUT_VOID(xc_cpumap_clearcpu, "NULL map", IGNORED, xc_cpumap_clearcpu(3, NULL));
    BAD_INPUT_VOID(xc_cpumap_clearcpu, "negative CPU", IGNORED,
                   xc_cpumap_clearcpu(-1, map + 1));
    BAD_INPUT(xc_cpumap_testcpu, "NULL map", RETURNS_ERRNO(0, EINVAL), xc_cpumap_testcpu(3, NULL));
    BAD_INPUT(xc_cpumap_testcpu, "negative CPU", RETURNS_ERRNO(0, EINVAL),
              xc_cpumap_testcpu(-1, map + 1));
    CHECK_EQ(map[0], 0x81);
    /* Bit n in byte n / 8, lowest bit first. */
    xc_cpumap_setcpu(9, map);
    xc_cpumap_setcpu(15, map);
    xc_cpumap_clearcpu(7, map);
    CHECK_EQ(map[0], 0x01);
    CHECK_EQ(map[1], 0x82);
    CHECK_EQ(xc_cpumap_testcpu(0, map), 1);
    CHECK_EQ(xc_cpumap_testcpu(7, map), 0);
    CHECK_EQ(xc_cpumap_testcpu(9, map), 1);
    CHECK_EQ(xc_cpumap_testcpu(10, map), 0);
    CHECK_EQ(xc_cpumap_testcpu(15, map), 1);
}

/* The machine check, microcode, resource access and live patching
 * calls. */
static void test_null_handle_platform(void)
{
    struct xen_mc mc = { .cmd = XEN_MC_physcpuinfo, .interface_version = XEN_MCA_INTERFACE_VERSION };
    xc_resource_entry_t e = { .u.cmd = XEN_RESOURCE_OP_MSR_READ, .idx = 0x10 };
    xc_resource_op_t op = { .cpu = 0, .nr_entries = 1, .entries = &e };
    struct xen_livepatch_status st[1];
    char name[] = "p", names[8], metadata[8];
    unsigned char payload[4] = { 0 };
    uint32_t len[1], metadata_len[1], u32;
    unsigned nr, done, left;

    BAD_INPUT(xc_mca_op, "NULL handle", MINUS1(EINVAL), xc_mca_op(NULL, &mc));
    BAD_INPUT(xc_mca_op_inject_v2, "NULL handle", MINUS1(EINVAL),
              xc_mca_op_inject_v2(NULL, 0, NULL, 0));
    BAD_INPUT(xc_microcode_update, "NULL handle", MINUS1(EINVAL),
              xc_microcode_update(NULL, payload, sizeof(payload)));
    BAD_INPUT(xc_resource_op, "NULL handle", MINUS1(EINVAL), xc_resource_op(NULL, 1, &op));
    BAD_INPUT(xc_livepatch_upload, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_upload(NULL, name, payload, sizeof(payload)));
    BAD_INPUT(xc_livepatch_get, "NULL handle", MINUS1(EINVAL), xc_livepatch_get(NULL, name, st));
    BAD_INPUT(xc_livepatch_list_get_sizes, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_list_get_sizes(NULL, &nr, &u32, &u32));
    BAD_INPUT(xc_livepatch_list, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_list(NULL, 1, 0, st, names, len, sizeof(names), metadata,
                                metadata_len, sizeof(metadata), &done, &left));
    BAD_INPUT(xc_livepatch_apply, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_apply(NULL, name, 0, 0));
    BAD_INPUT(xc_livepatch_revert, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_revert(NULL, name, 0, 0));
    BAD_INPUT(xc_livepatch_unload, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_unload(NULL, name, 0, 0));
    BAD_INPUT(xc_livepatch_replace, "NULL handle", MINUS1(EINVAL),
              xc_livepatch_replace(NULL, name, 0, 0));
}

/* The calls of a dom0's boot path and the FLASK tools. */
/* Part 2 (E): every call refuses a NULL handle; the bitmap helpers take
 * no handle, and with no bits to convert touch no pointer. */
static void test_null_handle_part2(void)
{
    struct xen_sysctl_arinc653_schedule schedule;
    xc_vcpu_extstate_t ext = { 0 };
    evtchn_port_t port;
    uint64_t u64;
    char path[] = "/soc/serial@1000";
    uint8_t buf[16];

    BAD_INPUT(xc_domain_hvm_getcontext_partial, "NULL handle", MINUS1(EINVAL),
              xc_domain_hvm_getcontext_partial(NULL, 1, 2, 0, buf, sizeof(buf)));
    BAD_INPUT(xc_domain_get_cpu_usage, "NULL handle", MINUS1(EINVAL),
              xc_domain_get_cpu_usage(NULL, 1, 0));
    BAD_INPUT(xc_domain_p2m_audit, "NULL handle", MINUS1(EINVAL),
              xc_domain_p2m_audit(NULL, 1, &u64, &u64, &u64));
    BAD_INPUT(xc_dom_vuart_init, "NULL handle", MINUS1(EINVAL),
              xc_dom_vuart_init(NULL, XEN_DOMCTL_VUART_TYPE_VPL011, 1, 0, 0, &port));
    BAD_INPUT(xc_domain_bind_pt_isa_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_bind_pt_isa_irq(NULL, 1, 10));
    BAD_INPUT(xc_domain_bind_pt_spi_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_bind_pt_spi_irq(NULL, 1, 40, 40));
    BAD_INPUT(xc_domain_unbind_pt_spi_irq, "NULL handle", MINUS1(EINVAL),
              xc_domain_unbind_pt_spi_irq(NULL, 1, 40, 40));
    BAD_INPUT(xc_sched_arinc653_schedule_get, "NULL handle", MINUS1(EINVAL),
              xc_sched_arinc653_schedule_get(NULL, 0, &schedule));
    BAD_INPUT(xc_sched_arinc653_schedule_set, "NULL handle", MINUS1(EINVAL),
              xc_sched_arinc653_schedule_set(NULL, 0, &schedule));
    BAD_INPUT(xc_vcpu_get_extstate, "NULL handle", MINUS1(EINVAL),
              xc_vcpu_get_extstate(NULL, 1, 0, &ext));
    BAD_INPUT(xc_test_assign_dt_device, "NULL handle", MINUS1(EINVAL),
              xc_test_assign_dt_device(NULL, 1, path));
    BAD_INPUT(xc_deassign_dt_device, "NULL handle", MINUS1(EINVAL),
              xc_deassign_dt_device(NULL, 1, path));
    BAD_INPUT(xc_translate_foreign_address, "NULL handle", RETURNS_ERRNO(0, EINVAL),
              xc_translate_foreign_address(NULL, 1, 0, 0x1000));
    BAD_INPUT_VOID(bitmap_64_to_byte, "NULL maps, 0 bits", IGNORED,
                   bitmap_64_to_byte(NULL, NULL, 0));
    BAD_INPUT_VOID(bitmap_64_to_byte, "NULL maps, negative bits", IGNORED,
                   bitmap_64_to_byte(NULL, NULL, -64));
    BAD_INPUT_VOID(bitmap_byte_to_64, "NULL maps, 0 bits", IGNORED,
                   bitmap_byte_to_64(NULL, NULL, 0));
    BAD_INPUT_VOID(bitmap_byte_to_64, "NULL maps, negative bits", IGNORED,
                   bitmap_byte_to_64(NULL, NULL, -1));
}

static void test_null_handle_boot(void)
{
    xen_domain_handle_t handle = { 0 };
    xen_pfn_t frames[1] = { 0 };
    xc_cpuinfo_t cpus[4];
    xen_flask_op_t op = { .cmd = FLASK_GETENFORCE };
    char context[] = "system_u:object_r:domU_t", text[256];
    uint32_t u32, sdevs[4];
    uint64_t u64;
    int n, curr, pend;

    BAD_INPUT(xc_domain_sethandle, "NULL handle", MINUS1(EINVAL),
              xc_domain_sethandle(NULL, 1, handle));
    BAD_INPUT(xc_domain_set_virq_handler, "NULL handle", MINUS1(EINVAL),
              xc_domain_set_virq_handler(NULL, 1, VIRQ_ENOMEM));
    BAD_INPUT(xc_domain_increase_reservation, "NULL handle", MINUS1(EINVAL),
              xc_domain_increase_reservation(NULL, 1, 1, 0, 0, frames));
    BAD_INPUT(xc_domain_increase_reservation_exact, "NULL handle", MINUS1(EINVAL),
              xc_domain_increase_reservation_exact(NULL, 1, 1, 0, 0, frames));
    BAD_INPUT(xc_domain_decrease_reservation, "NULL handle", MINUS1(EINVAL),
              xc_domain_decrease_reservation(NULL, 1, 1, 0, frames));
    BAD_INPUT(xc_domain_decrease_reservation_exact, "NULL handle", MINUS1(EINVAL),
              xc_domain_decrease_reservation_exact(NULL, 1, 1, 0, frames));
    BAD_INPUT(xc_evtchn_reset, "NULL handle", MINUS1(EINVAL), xc_evtchn_reset(NULL, 1));
    BAD_INPUT(xc_getcpuinfo, "NULL handle", MINUS1(EINVAL), xc_getcpuinfo(NULL, 4, cpus, &n));
    BAD_INPUT(xc_availheap, "NULL handle", MINUS1(EINVAL), xc_availheap(NULL, 0, 0, -1, &u64));
    BAD_INPUT(xc_get_device_group, "NULL handle", MINUS1(EINVAL),
              xc_get_device_group(NULL, 1, 0, 4, &u32, sdevs));
    BAD_INPUT(xc_memshr_control, "NULL handle", MINUS1(EINVAL), xc_memshr_control(NULL, 1, 1));
    /* Retired: refused as such whatever the arguments, as upstream's. */
    BAD_INPUT(xc_physdev_pci_access_modify, "NULL handle", MINUS1(ENOSYS),
              xc_physdev_pci_access_modify(NULL, 1, 0, 3, 0, 1));
    BAD_INPUT(xc_get_paging_mempool_size, "NULL handle", MINUS1(EINVAL),
              xc_get_paging_mempool_size(NULL, 1, &u64));
    BAD_INPUT(xc_flask_op, "NULL handle", MINUS1(EINVAL), xc_flask_op(NULL, &op));
    BAD_INPUT(xc_flask_access, "NULL handle", MINUS1(EINVAL),
              xc_flask_access(NULL, context, context, 1, 1, &u32, NULL, NULL, NULL, NULL));
    BAD_INPUT(xc_flask_add_pirq, "NULL handle", MINUS1(EINVAL),
              xc_flask_add_pirq(NULL, 5, context));
    BAD_INPUT(xc_flask_add_ioport, "NULL handle", MINUS1(EINVAL),
              xc_flask_add_ioport(NULL, 0x3f8, 0x3ff, context));
    BAD_INPUT(xc_flask_add_iomem, "NULL handle", MINUS1(EINVAL),
              xc_flask_add_iomem(NULL, 0xfed00, 0xfed00, context));
    BAD_INPUT(xc_flask_add_device, "NULL handle", MINUS1(EINVAL),
              xc_flask_add_device(NULL, 0xf8, context));
    BAD_INPUT(xc_flask_del_pirq, "NULL handle", MINUS1(EINVAL), xc_flask_del_pirq(NULL, 5));
    BAD_INPUT(xc_flask_del_ioport, "NULL handle", MINUS1(EINVAL),
              xc_flask_del_ioport(NULL, 0x3f8, 0x3ff));
    BAD_INPUT(xc_flask_del_iomem, "NULL handle", MINUS1(EINVAL),
              xc_flask_del_iomem(NULL, 0xfed00, 0xfed00));
    BAD_INPUT(xc_flask_del_device, "NULL handle", MINUS1(EINVAL),
              xc_flask_del_device(NULL, 0xf8));
    BAD_INPUT(xc_flask_getbool_byid, "NULL handle", MINUS1(EINVAL),
              xc_flask_getbool_byid(NULL, 0, text, sizeof(text), &curr, &pend));
    BAD_INPUT(xc_flask_getbool_byname, "NULL handle", MINUS1(EINVAL),
              xc_flask_getbool_byname(NULL, context, &curr, &pend));
    BAD_INPUT(xc_flask_setbool, "NULL handle", MINUS1(EINVAL),
              xc_flask_setbool(NULL, context, 1, 1));
    BAD_INPUT(xc_flask_getavc_threshold, "NULL handle", MINUS1(EINVAL),
              xc_flask_getavc_threshold(NULL));
    BAD_INPUT(xc_flask_setavc_threshold, "NULL handle", MINUS1(EINVAL),
              xc_flask_setavc_threshold(NULL, 512));
    /* The text is written whatever Xen said (here: nothing). */
    BAD_INPUT(xc_flask_avc_hashstats, "NULL handle", MINUS1(EINVAL),
              xc_flask_avc_hashstats(NULL, text, sizeof(text)));
    CHECK(strncmp(text, "entries: 0\n", 11) == 0);
    /* The heading comes before the first question to Xen. */
    BAD_INPUT(xc_flask_avc_cachestats, "NULL handle", MINUS1(EINVAL),
              xc_flask_avc_cachestats(NULL, text, sizeof(text)));
    CHECK(strncmp(text, "lookups hits", 12) == 0);
    BAD_INPUT(xc_flask_policyvers, "NULL handle", MINUS1(EINVAL), xc_flask_policyvers(NULL));
}

/* ----------------------------------------------------------- errors */

static void test_error_descriptions(void)
{
    CHECK_STREQ(xc_error_code_to_desc(XC_ERROR_NONE), "No error details");
    CHECK_STREQ(xc_error_code_to_desc(XC_INTERNAL_ERROR), "Internal error");
    CHECK_STREQ(xc_error_code_to_desc(XC_INVALID_KERNEL), "Invalid kernel");
    CHECK_STREQ(xc_error_code_to_desc(XC_INVALID_PARAM), "Invalid configuration");
    CHECK_STREQ(xc_error_code_to_desc(XC_OUT_OF_MEMORY), "Out of memory");
    BAD_INPUT(xc_error_code_to_desc, "unknown code 5", RETURNS_TEXT("Unknown error code"),
              xc_error_code_to_desc(5));
    BAD_INPUT(xc_error_code_to_desc, "code -1", RETURNS_TEXT("Unknown error code"),
              xc_error_code_to_desc(-1));
}

static void test_reporting(void)
{
    struct t_capture log;
    const xc_error *e;
    xc_interface *xch;
    char long_msg[2000];

    t_capture_start(&log);
    xch = xc_interface_open(log.logger, NULL, XC_OPENFLAG_DUMMY);
    if (!CHECK_NE(xch, NULL))
        return;
    e = xc_get_last_error(xch);
    CHECK(e->code == XC_ERROR_NONE && e->message[0] == '\0');
    errno = 42;
    xc_report_error(xch, XC_OUT_OF_MEMORY, "no room for %d pages\n", 3);
    CHECK_EQ(errno, 42);
    CHECK(e->code == XC_OUT_OF_MEMORY && strcmp(e->message, "no room for 3 pages") == 0);
    /* Below XTL_ERROR: logged, not the last error. */
    xc_report(xch, log.logger, XTL_WARN, XC_INTERNAL_ERROR, "just a warning");
    CHECK_EQ(e->code, XC_OUT_OF_MEMORY);
    xc_report(xch, log.logger, XTL_ERROR, XC_ERROR_NONE, "plain");
    CHECK(e->code == XC_ERROR_NONE && strcmp(e->message, "plain") == 0);
    memset(long_msg, 'x', sizeof(long_msg) - 1);
    long_msg[sizeof(long_msg) - 1] = '\0';
    xc_report_error(xch, XC_INTERNAL_ERROR, "%s", long_msg);
    CHECK_EQ(strlen(e->message), XC_MAX_ERROR_MSG_LEN - 1);
    xc_clear_last_error(xch);
    CHECK(e->code == XC_ERROR_NONE && e->message[0] == '\0');
    xc_set_progress_prefix(xch, "copying");
    xc_report_progress_step(xch, 1, 2);
    xc_report_progress_single(xch, "one thing");
    CHECK_STREQ(xc_strerror(xch, ENOENT), "No such file or directory");
    CHECK_EQ(xc_interface_close(xch), 0);
    t_capture_end(&log);
    CHECKF(t_logged(&log, "xc: error: no room for 3 pages: Out of memory\n"), "log: %s", log.text);
    CHECKF(t_logged(&log, "xc: warning: just a warning: Internal error\n"), "log: %s", log.text);
    CHECKF(t_logged(&log, "xc: error: plain\n"), "log: %s", log.text);
    CHECKF(t_logged(&log, "copying"), "log: %s", log.text);
    CHECKF(t_logged(&log, "one thing"), "log: %s", log.text);
    free(log.text);
}

/* --------------------------------------------------------- fake Xen */

static xc_interface *fake;
static struct t_capture fake_log;
static struct t_fd_set fake_before;

static void test_fake_open(void)
{
    int fds_before = t_open_fds();

    fake = xc_interface_open(fake_log.logger, NULL, 0);
    if (!CHECK_NE(fake, NULL))
        return;
    CHECK_NE(xc_interface_xcall_handle(fake), NULL);
    CHECK_NE(xc_interface_fmem_handle(fake), NULL);
    /* The privcmd fds of libxencall, libxenforeignmemory and
     * libxendevicemodel, and the libxencall handle that libxendevicemodel
     * falls back to on a driver without the dm_op ioctl: none of its own. */
    CHECKF(t_open_fds() - fds_before == 4, "%d fds opened", t_open_fds() - fds_before);
    CHECK_EQ(t_check_new_fds_cloexec(&fake_before), 4);
}

/* The libxendevicemodel handle sits where upstream's libxenguest reads
 * it, works on its own, and carries xc_hvm_inject_trap. */
static void test_fake_dmod(void)
{
    xendevicemodel_handle *dmod = xc_interface_dmod_handle(fake);
    unsigned vcpus;

    CHECK_NE(dmod, NULL);
    CHECK_EQ(((struct upstream_layout *)fake)->dmod, dmod);
    errno = 0;
    CHECK(xendevicemodel_nr_vcpus(dmod, 1, &vcpus) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_hvm_inject_trap(fake, 1, 0, 2, XEN_DMOP_EVENT_nmi, ~0u, 0, 0) == -1 &&
          errno == ENOTTY);
    /* Refused before any dm_op. */
    errno = 0;
    CHECK(xc_hvm_inject_trap(fake, 1, -1, 2, XEN_DMOP_EVENT_nmi, ~0u, 0, 0) == -1 &&
          errno == EINVAL);
    errno = 0;
    CHECK(xc_hvm_inject_trap(fake, 0x10001, 0, 2, XEN_DMOP_EVENT_nmi, ~0u, 0, 0) == -1 &&
          errno == EINVAL);
    CHECK(t_logged(&fake_log, "xc_hvm_inject_trap: domain id 65537"));
}

static void test_fake_buffers(void)
{
    DECLARE_HYPERCALL_BUFFER(uint8_t, bytes);
    DECLARE_HYPERCALL_BUFFER(uint8_t, pages);
    uint32_t in[4] = { 1, 2, 3, 4 }, out[4] = { 0 };
    DECLARE_HYPERCALL_BOUNCE(in, sizeof(in), XC_HYPERCALL_BUFFER_BOUNCE_IN);
    DECLARE_HYPERCALL_BOUNCE(out, sizeof(out), XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    DECLARE_HYPERCALL_BUFFER(void, plain);

    (void)plain;
    bytes = xc_hypercall_buffer_alloc(fake, bytes, 100);
    CHECK(bytes != NULL && HYPERCALL_BUFFER(bytes)->hbuf == bytes);
    if (bytes)
        memset(bytes, 0xab, 100);
    CHECK_EQ(HYPERCALL_BUFFER_AS_ARG(bytes), (unsigned long)bytes);
    xc_hypercall_buffer_free(fake, bytes);
    pages = xc_hypercall_buffer_alloc_pages(fake, pages, 2);
    CHECK(pages != NULL && ((uintptr_t)pages & (XC_PAGE_SIZE - 1)) == 0);
    if (pages)
        pages[2 * XC_PAGE_SIZE - 1] = 1;
    xc_hypercall_buffer_free_pages(fake, pages, 2);
    BAD_INPUT(xc__hypercall_buffer_alloc_pages, "zero pages", NULLPTR(EINVAL),
              xc_hypercall_buffer_alloc_pages(fake, pages, 0));

    /* In: the hypercall buffer holds the caller's data; out: copied back. */
    CHECK_EQ(xc_hypercall_bounce_pre(fake, in), 0);
    CHECK(HYPERCALL_BUFFER(in)->hbuf && memcmp(HYPERCALL_BUFFER(in)->hbuf, in, sizeof(in)) == 0);
    xc_hypercall_bounce_post(fake, in);
    CHECK_EQ(xc_hypercall_bounce_pre(fake, out), 0);
    if (HYPERCALL_BUFFER(out)->hbuf)
        memcpy(HYPERCALL_BUFFER(out)->hbuf, in, sizeof(in));
    xc_hypercall_bounce_post(fake, out);
    CHECK_EQ(memcmp(out, in, sizeof(in)), 0);
    /* Not a bounce buffer: refused (upstream aborts). */
    BAD_INPUT(xc__hypercall_bounce_pre, "a buffer not declared for bouncing", MINUS1(EINVAL),
              xc_hypercall_bounce_pre(fake, plain));
    CHECK(t_logged(&fake_log, "xc_hypercall_bounce_pre: not a bounce buffer"));
}

static void test_fake_arrays(void)
{
    xc_hypercall_buffer_array_t *array = xc_hypercall_buffer_array_create(fake, 2);
    DECLARE_HYPERCALL_BUFFER(char, a);
    DECLARE_HYPERCALL_BUFFER(char, b);
    DECLARE_HYPERCALL_BUFFER(char, again);

    if (!CHECK_NE(array, NULL))
        return;
    a = xc_hypercall_buffer_array_alloc(fake, array, 0, a, 10);
    b = xc_hypercall_buffer_array_alloc(fake, array, 1, b, 5000);
    CHECK(a != NULL && b != NULL && a != b);
    if (a)
        strcpy(a, "slot 0");
    again = xc_hypercall_buffer_array_get(fake, array, 0, again, 10);
    CHECK(again == a && HYPERCALL_BUFFER(again)->hbuf == a);
    BAD_INPUT(xc__hypercall_buffer_array_alloc, "slot out of range", NULLPTR(EINVAL),
              xc_hypercall_buffer_array_alloc(fake, array, 2, again, 1));
    BAD_INPUT(xc__hypercall_buffer_array_alloc, "slot already allocated", NULLPTR(EINVAL),
              xc_hypercall_buffer_array_alloc(fake, array, 0, again, 1));
    CHECK(t_logged(&fake_log, "slot 0 already allocated"));
    xc_hypercall_buffer_array_destroy(fake, array);

    array = xc_hypercall_buffer_array_create(fake, 1);
    BAD_INPUT(xc__hypercall_buffer_array_get, "slot never allocated", NULLPTR(EINVAL),
              xc_hypercall_buffer_array_get(fake, array, 0, again, 1));
    xc_hypercall_buffer_array_destroy(fake, array);
}

/* Xen's (here: the driver's) refusals reach the caller in errno. */
static void test_fake_hypercalls_fail(void)
{
    xc_physinfo_t info;
    xc_dominfo_t dom;
    xc_domaininfo_t list[2];
    xc_evtchn_status_t st = { .dom = DOMID_SELF, .port = 1 };
    uint64_t size, start;

    errno = 0;
    CHECK(xc_physinfo(fake, &info) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_domain_getinfolist(fake, 0, 2, list) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_domain_getinfo(fake, 0, 1, &dom) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_evtchn_status(fake, &st) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_version(fake, XENVER_version, NULL) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_get_max_cpus(fake) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xc_kexec_get_range(fake, KEXEC_RANGE_MA_XEN, 0, &size, &start) == -1 &&
          errno == ENOTTY);
}

static void test_fake_refusals(void)
{
    char ver[4];

    BAD_INPUT(xc_physinfo, "NULL info", MINUS1(EINVAL), xc_physinfo(fake, NULL));
    BAD_INPUT(xc_domain_getinfolist, "NULL info array", MINUS1(EINVAL),
              xc_domain_getinfolist(fake, 0, 1, NULL));
    BAD_INPUT(xc_version, "unknown command 99", MINUS1(EINVAL), xc_version(fake, 99, ver));
    CHECK_EQ(xc_get_last_error(fake)->code, XC_INVALID_PARAM);
    CHECK(t_logged(&fake_log, "xc_version: unknown command 99"));
    BAD_INPUT(xc_evtchn_status, "NULL status", MINUS1(EINVAL), xc_evtchn_status(fake, NULL));
    BAD_INPUT(xc_physdev_map_pirq, "NULL pirq pointer", MINUS1(EINVAL),
              xc_physdev_map_pirq(fake, 0, 1, NULL));
    /* The type is checked before any hypercall. */
    BAD_INPUT(xc_domain_bind_pt_irq, "unknown IRQ type 99", MINUS1(EINVAL),
              xc_domain_bind_pt_irq(fake, 1, 5, 99, 0, 0, 0, 0));
    /* Zero of anything needs no hypercall of kexec either.  The first kexec
     * call opens the handle's libxenkexec handle, kept until the close: open
     * it first, so that the case counts only what the refusal leaves. */
    xc_kexec_status(fake, KEXEC_TYPE_CRASH);
    BAD_INPUT(xc_kexec_load, "zero segments", MINUS1(EINVAL),
              xc_kexec_load(fake, KEXEC_TYPE_CRASH, EM_X86_64, 0, 0, NULL));
}

/* The power management calls' pointers, checked before any hypercall. */
static void test_fake_pm_refusals(void)
{
    struct xc_px_stat px = { 0 };
    struct xc_get_cpufreq_para para = { .cpu_num = 1, .freq_num = 1, .gov_num = 1 };

    t_bad_input_log(&fake_log);
    BAD_INPUT(xc_pm_get_max_px, "NULL count", MINUS1(EINVAL), xc_pm_get_max_px(fake, 0, NULL));
    BAD_INPUT(xc_pm_get_max_cx, "NULL count", MINUS1(EINVAL), xc_pm_get_max_cx(fake, 0, NULL));
    BAD_INPUT(xc_pm_get_pxstat, "NULL arrays", MINUS1_LOGS(EINVAL, "xc_pm_get_pxstat: NULL"),
              xc_pm_get_pxstat(fake, 0, &px));
    BAD_INPUT(xc_pm_get_cxstat, "NULL statistics", MINUS1(EINVAL),
              xc_pm_get_cxstat(fake, 0, NULL));
    BAD_INPUT(xc_get_cpufreq_para, "nonzero counts, NULL arrays",
              MINUS1_LOGS(EINVAL, "xc_get_cpufreq_para: NULL array"),
              xc_get_cpufreq_para(fake, 0, &para));
    BAD_INPUT(xc_set_cpufreq_gov, "NULL governor", MINUS1(EINVAL),
              xc_set_cpufreq_gov(fake, 0, NULL));
    BAD_INPUT(xc_get_cpufreq_avgfreq, "NULL frequency", MINUS1(EINVAL),
              xc_get_cpufreq_avgfreq(fake, 0, NULL));
    BAD_INPUT(xc_get_cpuidle_max_cstate, "NULL value", MINUS1(EINVAL),
              xc_get_cpuidle_max_cstate(fake, NULL));
    BAD_INPUT(xc_get_cpuidle_max_csubstate, "NULL value", MINUS1(EINVAL),
              xc_get_cpuidle_max_csubstate(fake, NULL));
    t_bad_input_log(NULL);
}

static void test_fake_trace_refusals(void)
{
    unsigned long mfn, size;

    t_bad_input_log(&fake_log);
    BAD_INPUT(xc_tbuf_enable, "NULL mfn", MINUS1_LOGS(EINVAL, "xc_tbuf_enable: NULL mfn"),
              xc_tbuf_enable(fake, 1, NULL, &size));
    BAD_INPUT(xc_tbuf_enable, "NULL size", MINUS1_LOGS(EINVAL, "xc_tbuf_enable: NULL size"),
              xc_tbuf_enable(fake, 1, &mfn, NULL));
    BAD_INPUT(xc_tbuf_get_size, "NULL size", MINUS1_LOGS(EINVAL, "xc_tbuf_get_size: NULL"),
              xc_tbuf_get_size(fake, NULL));
    BAD_INPUT(xc_tbuf_set_cpu_mask, "NULL mask",
              MINUS1_LOGS(EINVAL, "xc_tbuf_set_cpu_mask: NULL mask"),
              xc_tbuf_set_cpu_mask(fake, NULL));
    BAD_INPUT(xc_lockprof_query_number, "NULL count", MINUS1(EINVAL),
              xc_lockprof_query_number(fake, NULL));
    BAD_INPUT(xc_lockprof_query, "NULL count", MINUS1(EINVAL),
              xc_lockprof_query(fake, NULL, NULL, NULL));
    t_bad_input_log(NULL);
}

/* The machine check, microcode, resource access and live patching
 * calls' pointers, counts and names, checked before any hypercall. */
static void test_fake_platform_refusals(void)
{
    char too_long[XEN_LIVEPATCH_NAME_SIZE + 1], name[] = "p", names[8], metadata[8];
    struct xen_livepatch_status st[1];
    xc_resource_op_t ops[2] = { { .nr_entries = 1, .entries = NULL } };
    unsigned char payload[4] = { 0 };
    uint32_t len[1], metadata_len[1], u32;
    uint8_t map[1] = { 0 };
    unsigned nr, done, left;

    memset(too_long, 'a', sizeof(too_long) - 1);
    too_long[sizeof(too_long) - 1] = '\0';
    t_bad_input_log(&fake_log);
    BAD_INPUT(xc_mca_op, "NULL operation", MINUS1_LOGS(EINVAL, "xc_mca_op: NULL operation"),
              xc_mca_op(fake, NULL));
    BAD_INPUT(xc_mca_op_inject_v2, "a CPU map of 0 CPUs", MINUS1(EINVAL),
              xc_mca_op_inject_v2(fake, 0, map, 0));
    BAD_INPUT(xc_microcode_update, "NULL blob of 4 bytes", MINUS1(EINVAL),
              xc_microcode_update(fake, NULL, 4));
    BAD_INPUT(xc_microcode_update, "length above 32 bits",
              MINUS1_LOGS(EINVAL, "xc_microcode_update: blob of 4294967296 bytes"),
              xc_microcode_update(fake, payload, (size_t)UINT32_MAX + 1));
    BAD_INPUT(xc_resource_op, "0 batches", MINUS1(EINVAL), xc_resource_op(fake, 0, ops));
    BAD_INPUT(xc_resource_op, "NULL batches", MINUS1(EINVAL), xc_resource_op(fake, 2, NULL));
    BAD_INPUT(xc_resource_op, "NULL entries, 1 entry",
              MINUS1_LOGS(EINVAL, "xc_resource_op: batch 0: NULL entries"),
              xc_resource_op(fake, 1, ops));
    BAD_INPUT(xc_resource_op, "second of 2 batches with NULL entries", MINUS1(EINVAL),
              xc_resource_op(fake, 2, (xc_resource_op_t[2]){
                  { .nr_entries = 0, .entries = NULL }, { .nr_entries = 3, .entries = NULL } }));
    BAD_INPUT(xc_livepatch_upload, "NULL name", MINUS1(EINVAL),
              xc_livepatch_upload(fake, NULL, payload, sizeof(payload)));
    BAD_INPUT(xc_livepatch_upload, "NULL payload", MINUS1(EINVAL),
              xc_livepatch_upload(fake, name, NULL, sizeof(payload)));
    BAD_INPUT(xc_livepatch_upload, "name of 129 bytes with its NUL",
              MINUS1_LOGS(EINVAL, "xc_livepatch_upload: name of 129 bytes"),
              xc_livepatch_upload(fake, too_long, payload, sizeof(payload)));
    BAD_INPUT(xc_livepatch_get, "NULL name", MINUS1(EINVAL), xc_livepatch_get(fake, NULL, st));
    BAD_INPUT(xc_livepatch_get, "NULL status", MINUS1(EINVAL),
              xc_livepatch_get(fake, name, NULL));
    BAD_INPUT(xc_livepatch_get, "name of 129 bytes with its NUL", MINUS1(EINVAL),
              xc_livepatch_get(fake, too_long, st));
    BAD_INPUT(xc_livepatch_list_get_sizes, "NULL count", MINUS1(EINVAL),
              xc_livepatch_list_get_sizes(fake, NULL, &u32, &u32));
    BAD_INPUT(xc_livepatch_list_get_sizes, "NULL metadata size", MINUS1(EINVAL),
              xc_livepatch_list_get_sizes(fake, &nr, &u32, NULL));
    BAD_INPUT(xc_livepatch_list, "max 0", MINUS1(EINVAL),
              xc_livepatch_list(fake, 0, 0, st, names, len, sizeof(names), metadata,
                                metadata_len, sizeof(metadata), &done, &left));
    BAD_INPUT(xc_livepatch_list, "NULL metadata", MINUS1(EINVAL),
              xc_livepatch_list(fake, 1, 0, st, names, len, sizeof(names), NULL, metadata_len,
                                sizeof(metadata), &done, &left));
    BAD_INPUT(xc_livepatch_list, "NULL done", MINUS1(EINVAL),
              xc_livepatch_list(fake, 1, 0, st, names, len, sizeof(names), metadata,
                                metadata_len, sizeof(metadata), NULL, &left));
    /* Nothing to list: upstream's answer, not logged. */
    BAD_INPUT(xc_livepatch_list, "name_total_size 0", MINUS1(ENOENT),
              xc_livepatch_list(fake, 1, 0, st, names, len, 0, metadata, metadata_len,
                                sizeof(metadata), &done, &left));
    BAD_INPUT(xc_livepatch_apply, "NULL name", MINUS1(EINVAL), xc_livepatch_apply(fake, NULL, 0, 0));
    BAD_INPUT(xc_livepatch_revert, "NULL name", MINUS1(EINVAL),
              xc_livepatch_revert(fake, NULL, 0, 0));
    BAD_INPUT(xc_livepatch_unload, "name of 129 bytes with its NUL",
              MINUS1_LOGS(EINVAL, "xc_livepatch_unload: name of 129 bytes"),
              xc_livepatch_unload(fake, too_long, 0, 0));
    BAD_INPUT(xc_livepatch_replace, "NULL name", MINUS1(EINVAL),
              xc_livepatch_replace(fake, NULL, 0, 0));
    t_bad_input_log(NULL);
}

/* The boot path's and FLASK's pointers and sizes: refused before any
 * hypercall (the fake driver would answer one with its own error). */
static void test_fake_boot_refusals(void)
{
    xc_cpuinfo_t cpus[2];
    char context[] = "system_u:object_r:domU_t", text[8];
    uint32_t sdevs[2];
    int n;

    BAD_INPUT(xc_domain_sethandle, "NULL handle array", MINUS1(EINVAL),
              xc_domain_sethandle(fake, 1, NULL));
    BAD_INPUT(xc_domain_decrease_reservation, "NULL extent_start, no extents", MINUS1(EINVAL),
              xc_domain_decrease_reservation(fake, 1, 0, 0, NULL));
    BAD_INPUT(xc_domain_decrease_reservation_exact, "NULL extent_start", MINUS1(EINVAL),
              xc_domain_decrease_reservation_exact(fake, 1, 1, 0, NULL));
    BAD_INPUT(xc_getcpuinfo, "negative max_cpus", MINUS1(EINVAL),
              xc_getcpuinfo(fake, -1, cpus, &n));
    BAD_INPUT(xc_availheap, "NULL bytes", MINUS1(EINVAL), xc_availheap(fake, 0, 0, -1, NULL));
    BAD_INPUT(xc_get_device_group, "NULL num_sdevs", MINUS1(EINVAL),
              xc_get_device_group(fake, 1, 0, 2, NULL, sdevs));
    BAD_INPUT(xc_get_paging_mempool_size, "NULL size", MINUS1(EINVAL),
              xc_get_paging_mempool_size(fake, 1, NULL));
    BAD_INPUT(xc_flask_op, "NULL op", MINUS1(EINVAL), xc_flask_op(fake, NULL));
    BAD_INPUT(xc_flask_getbool_byid, "NULL name of 8 bytes", MINUS1(EINVAL),
              xc_flask_getbool_byid(fake, 0, NULL, 8, NULL, NULL));
    BAD_INPUT(xc_flask_getbool_byname, "NULL name", MINUS1(EINVAL),
              xc_flask_getbool_byname(fake, NULL, NULL, NULL));
    BAD_INPUT(xc_flask_setbool, "NULL name", MINUS1(EINVAL), xc_flask_setbool(fake, NULL, 1, 1));
    BAD_INPUT(xc_flask_add_pirq, "NULL context", MINUS1(EINVAL),
              xc_flask_add_pirq(fake, 5, NULL));
    BAD_INPUT(xc_flask_add_ioport, "NULL context", MINUS1(EINVAL),
              xc_flask_add_ioport(fake, 0x3f8, 0x3ff, NULL));
    BAD_INPUT(xc_flask_add_iomem, "NULL context", MINUS1(EINVAL),
              xc_flask_add_iomem(fake, 0xfed00, 0xfed00, NULL));
    BAD_INPUT(xc_flask_add_device, "NULL context", MINUS1(EINVAL),
              xc_flask_add_device(fake, 0xf8, NULL));
    BAD_INPUT(xc_flask_access, "NULL target context", MINUS1(EINVAL),
              xc_flask_access(fake, context, NULL, 1, 1, NULL, NULL, NULL, NULL, NULL));
    BAD_INPUT(xc_flask_avc_hashstats, "NULL buf of 8 bytes", MINUS1(EINVAL),
              xc_flask_avc_hashstats(fake, NULL, 8));
    BAD_INPUT(xc_flask_avc_cachestats, "negative size", MINUS1(EINVAL),
              xc_flask_avc_cachestats(fake, text, -1));
    /* No room for the heading: Xen is not asked, as upstream's. */
    BAD_INPUT(xc_flask_avc_cachestats, "8 bytes, too few for the heading", RETURNS(0),
              xc_flask_avc_cachestats(fake, text, sizeof(text)));
    CHECK_STREQ(text, "lookups");
}

static void test_fake_close(void)
{
    CHECK_EQ(xc_interface_close(fake), 0);
    t_check_fds_as_before(&fake_before);
}

/* Part 2 (E): pointers refused before any hypercall. */
static void test_fake_part2_refusals(void)
{
    uint64_t u64;
    xc_vcpu_extstate_t ext = { .size = 64, .buffer = NULL };

    BAD_INPUT(xc_domain_hvm_getcontext_partial, "NULL buffer", MINUS1(EINVAL),
              xc_domain_hvm_getcontext_partial(fake, 1, 2, 0, NULL, 16));
    BAD_INPUT(xc_domain_p2m_audit, "NULL orphans", MINUS1(EINVAL),
              xc_domain_p2m_audit(fake, 1, NULL, &u64, &u64));
    BAD_INPUT(xc_domain_p2m_audit, "NULL p2m_bad", MINUS1(EINVAL),
              xc_domain_p2m_audit(fake, 1, &u64, &u64, NULL));
    BAD_INPUT(xc_dom_vuart_init, "NULL evtchn", MINUS1(EINVAL),
              xc_dom_vuart_init(fake, XEN_DOMCTL_VUART_TYPE_VPL011, 1, 0, 0, NULL));
    BAD_INPUT(xc_sched_arinc653_schedule_get, "NULL schedule", MINUS1(EINVAL),
              xc_sched_arinc653_schedule_get(fake, 0, NULL));
    BAD_INPUT(xc_sched_arinc653_schedule_set, "NULL schedule", MINUS1(EINVAL),
              xc_sched_arinc653_schedule_set(fake, 0, NULL));
    BAD_INPUT(xc_vcpu_get_extstate, "NULL extstate", MINUS1(EINVAL),
              xc_vcpu_get_extstate(fake, 1, 0, NULL));
    BAD_INPUT(xc_vcpu_get_extstate, "a size with a NULL buffer", MINUS1(EINVAL),
              xc_vcpu_get_extstate(fake, 1, 0, &ext));
    BAD_INPUT(xc_test_assign_dt_device, "NULL path", MINUS1(EINVAL),
              xc_test_assign_dt_device(fake, 1, NULL));
    BAD_INPUT(xc_deassign_dt_device, "NULL path", MINUS1(EINVAL),
              xc_deassign_dt_device(fake, 1, NULL));
}

/* The cases of a child whose /dev/xen/privcmd is /dev/null. */
static void fake_driver_cases(void)
{
    t_fds_snapshot(&fake_before);
    t_capture_start(&fake_log);
    T_CASE(test_fake_open, "xenctrl: fake privcmd: opens a libxencall, a libxenforeignmemory and a "
          "libxendevicemodel handle, close-on-exec");
    if (fake) {
        T_CASE(test_fake_dmod, "xenctrl: fake privcmd: the libxendevicemodel handle (dmod), "
              "xc_hvm_inject_trap through it");
        T_CASE(test_fake_buffers, "xenctrl: fake privcmd: hypercall and bounce buffers");
        T_CASE(test_fake_arrays, "xenctrl: fake privcmd: buffer arrays");
        T_CASE(test_fake_hypercalls_fail,
               "xenctrl: fake privcmd: the driver's errors reach the caller");
        T_CASE(test_fake_refusals,
               "xenctrl: fake privcmd: bad arguments refused before any hypercall");
        T_CASE(test_fake_pm_refusals,
               "xenctrl: fake privcmd: power management pointers refused before any hypercall");
        T_CASE(test_fake_trace_refusals,
               "xenctrl: fake privcmd: trace buffer and lock profiling pointers refused before "
               "any hypercall");
        T_CASE(test_fake_platform_refusals,
               "xenctrl: fake privcmd: machine check, microcode, resource access and live "
               "patching arguments refused before any hypercall");
        T_CASE(test_fake_boot_refusals,
               "xenctrl: fake privcmd: boot path and FLASK pointers and sizes refused before "
               "any hypercall");
        T_CASE(test_fake_part2_refusals,
               "xenctrl: fake privcmd: part 2 (E) pointers refused before any hypercall");
        T_CASE(test_fake_close,
               "xenctrl: fake privcmd: closing (after kexec opened its handle) leaves no fd");
    }
    t_capture_end(&fake_log);
    free(fake_log.text);
}

static void test_fake_driver(void)
{
    static const char *const devices[] = { "privcmd", NULL };

    t_in_child_with_fake_devices(devices, fake_driver_cases);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_layout, "xenctrl: handle fields at upstream 4.17's offsets");
    T_CASE(test_layout_live, "xenctrl: a live handle read at upstream's offsets");
    T_CASE(test_open_without_xen,
           "xenctrl: open without Xen fails with ENOENT, logged, no fd left");
    T_CASE(test_unknown_flags, "xenctrl: unknown open flags refused");
    T_CASE(test_null_handle, "xenctrl: NULL handle refused with EINVAL");
    T_CASE(test_null_handle_host_calls,
           "xenctrl: NULL handle refused by the vCPU, scheduler, cpupool, topology, FLASK, "
           "PSR and device calls");
    T_CASE(test_null_handle_pm,
           "xenctrl: NULL handle refused by the power management and CPU hotplug calls");
    T_CASE(test_null_handle_trace,
           "xenctrl: NULL handle refused by the trace buffer, lock profiling and CPU map "
           "calls; map bits");
    T_CASE(test_null_handle_platform,
           "xenctrl: NULL handle refused by the machine check, microcode, resource access and "
           "live patching calls");
    T_CASE(test_null_handle_boot,
           "xenctrl: NULL handle refused by the boot path's, FLASK's and reservation calls");
    T_CASE(test_null_handle_part2,
           "xenctrl: NULL handle refused by part 2 (E)'s calls; bitmaps of no bits");
    T_CASE(test_error_descriptions, "xenctrl: error code descriptions");
    T_CASE(test_reporting, "xenctrl: last error, logging and progress");
    T_CASE(test_fake_driver, "xenctrl: with a fake privcmd (child)");
    return t_exit_status();
}
