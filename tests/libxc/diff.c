/* SPDX-License-Identifier: MIT */
/*
 * tests/libxc/diff - one run of libxenctrl calls against Xen and real guest
 * domains, built against UPSTREAM's <xenctrl.h>, printing each outcome
 * (return value, errno, what was written back, what Xen did) as an
 * "R: case: outcome" line.  tests/libxc/system-differential runs it on
 * our library and on upstream's (LD_LIBRARY_PATH) in one boot and
 * compares.  Nothing printed depends on domain ids (printed relative to
 * the first domain made here), addresses or times; no case name contains
 * ": ".
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdom.h"
#include "diff/diff.h"

int diff_base;

void diff_dominfo(const char *name, const xc_dominfo_t *d)
{
    t_result(name, "dom %+d dying %u crashed %u shutdown %u reason %u paused %u hvm %u hap %u "
             "xenstore %u pages %lu maxkb %lu vcpus %u maxvcpu %u pool %u gpbits %u emu %#x",
             (int)d->domid - diff_base, d->dying, d->crashed, d->shutdown, d->shutdown_reason,
             d->paused, d->hvm, d->hap, d->xenstore, d->nr_pages, d->max_memkb,
             d->nr_online_vcpus, d->max_vcpu_id, d->cpupool, d->gpaddr_bits,
             d->arch_config.emulation_flags);
}

void diff_pages(xc_interface *xch, const char *name, uint32_t dom)
{
    xc_dominfo_t info;

    if (xc_domain_getinfo(xch, dom, 1, &info) == 1 && info.domid == dom)
        t_result(name, "pages %lu outstanding %lu max %lu KiB", info.nr_pages,
                 info.nr_outstanding_pages, info.max_memkb);
    else
        t_result(name, "no domain");
}

static void layout(xentoollog_logger *lg)
{
    xc_interface *xch = xc_interface_open(lg, NULL, 0);
    char *p = (char *)xch;

    if (!xch) {
        t_result("layout", "open failed errno %d", errno);
        return;
    }
    /* Where upstream's libxenguest reads them. */
    t_result("layout, logger at 8", "%s", *(void **)(p + 8) == lg ? "yes" : "no");
    t_result("layout, flags at 0", "%d", *(int *)p);
    t_result("layout, libxencall handle at 1088", "%s",
             *(void **)(p + 1088) == xc_interface_xcall_handle(xch) && *(void **)(p + 1088) ?
             "yes" : "no");
    t_result("layout, libxenforeignmemory handle at 1096", "%s",
             *(void **)(p + 1096) == xc_interface_fmem_handle(xch) && *(void **)(p + 1096) ?
             "yes" : "no");
    t_result("layout, libxendevicemodel handle at 1104", "%s",
             *(void **)(p + 1104) == xc_interface_dmod_handle(xch) ? "yes" : "no");
    xc_report_error(xch, XC_INVALID_PARAM, "at offset 44");
    t_result("layout, last error at 40", "code %d message %s", *(int *)(p + 40), p + 44);
    t_result("layout, xc_get_last_error is it", "%s",
             (const char *)xc_get_last_error(xch) == p + 40 ? "yes" : "no");
    T_RC("close", xc_interface_close(xch));
}

static void reportv(xc_interface *xch, xentoollog_logger *lg, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    xc_reportv(xch, lg, XTL_INFO, XC_INVALID_KERNEL, fmt, ap);
    va_end(ap);
}

static void errors(xc_interface *xch)
{
    struct t_capture c;
    xc_interface *dummy;

    for (int code = -1; code <= 5; code++) {
        char name[64];

        snprintf(name, sizeof(name), "xc_error_code_to_desc(%d)", code);
        t_result(name, "%s", xc_error_code_to_desc(code));
    }
    t_result("xc_strerror(ENOENT)", "%s", xc_strerror(xch, ENOENT));
    t_capture_start(&c);
    dummy = xc_interface_open(c.logger, NULL, XC_OPENFLAG_DUMMY);
    t_result("dummy open", "%s", dummy ? "handle" : "NULL");
    xc_report_error(dummy, XC_OUT_OF_MEMORY, "report %d with newline\n", 1);
    xc_report(dummy, c.logger, XTL_WARN, XC_INTERNAL_ERROR, "a warning");
    xc_report(dummy, c.logger, XTL_ERROR, XC_ERROR_NONE, "no code");
    reportv(dummy, c.logger, "through %s", "xc_reportv");
    t_result("progress prefix before", "%s", xc_set_progress_prefix(dummy, "copying") ?: "NULL");
    xc_report_progress_step(dummy, 5, 10);
    xc_report_progress_single(dummy, "a single step");
    t_result("progress prefix after", "%s", xc_set_progress_prefix(dummy, NULL) ?: "NULL");
    t_result("last error after the reports", "code %d message %s",
             xc_get_last_error(dummy)->code, xc_get_last_error(dummy)->message);
    xc_clear_last_error(dummy);
    t_result("last error cleared", "code %d message '%s'", xc_get_last_error(dummy)->code,
             xc_get_last_error(dummy)->message);
    T_RC("dummy close", xc_interface_close(dummy));
    t_capture_end(&c);
    for (char *nl; c.text && (nl = strchr(c.text, '\n'));)
        *nl = '|';
    t_result("logged by the reports", "%s", c.text ? c.text : "");
    free(c.text);
}

static void buffers(xc_interface *xch)
{
    DECLARE_HYPERCALL_BUFFER(char, one);
    DECLARE_HYPERCALL_BUFFER(char, from_array);
    xc_hypercall_buffer_array_t *array;

    one = xc_hypercall_buffer_alloc_pages(xch, one, 3);
    t_result("buffer of 3 pages", "%s", one && !((uintptr_t)one & 4095) ? "aligned" : "none");
    if (one)
        memset(one, 1, 3 * 4096);
    xc_hypercall_buffer_free_pages(xch, one, 3);
    array = xc_hypercall_buffer_array_create(xch, 3);
    from_array = xc_hypercall_buffer_array_alloc(xch, array, 2, from_array, 100);
    t_result("array slot 2", "%s", from_array ? "allocated" : "NULL");
    from_array = NULL;
    from_array = xc_hypercall_buffer_array_get(xch, array, 2, from_array, 100);
    t_result("array slot 2 again", "%s", from_array ? "found" : "NULL");
    xc_hypercall_buffer_array_destroy(xch, array);

    /* The functions behind the macros, called directly. */
    one = NULL;
    array = xc_hypercall_buffer_array_create(xch, 1);
    t_result("direct alloc", "%s", xc__hypercall_buffer_alloc(xch, HYPERCALL_BUFFER(one), 10) ?
             "yes" : "no");
    xc__hypercall_buffer_free(xch, HYPERCALL_BUFFER(one));
    t_result("direct alloc_pages", "%s",
             xc__hypercall_buffer_alloc_pages(xch, HYPERCALL_BUFFER(one), 1) ? "yes" : "no");
    xc__hypercall_buffer_free_pages(xch, HYPERCALL_BUFFER(one), 1);
    t_result("direct array_alloc", "%s",
             xc__hypercall_buffer_array_alloc(xch, array, 0, HYPERCALL_BUFFER(one), 8) ?
             "yes" : "no");
    t_result("direct array_get", "%s",
             xc__hypercall_buffer_array_get(xch, array, 0, HYPERCALL_BUFFER(from_array)) ==
             HYPERCALL_BUFFER(one)->hbuf ? "same" : "other");
    xc_hypercall_buffer_array_destroy(xch, array);

    /* Bounce buffers as libxenguest expands upstream's private macros. */
    {
        uint32_t data[4] = { 1, 2, 3, 4 };
        xc_hypercall_buffer_t both = { .dir = 3, .ubuf = data, .sz = sizeof(data) };
        xc_hypercall_buffer_t none = { .dir = 1, .ubuf = NULL, .sz = 8 };
        int rc = xc__hypercall_bounce_pre(xch, &both);

        t_result("bounce in", "rc %d copied %s", rc,
                 both.hbuf && memcmp(both.hbuf, data, sizeof(data)) == 0 ? "yes" : "no");
        if (both.hbuf)
            ((uint32_t *)both.hbuf)[3] = 40;
        xc__hypercall_bounce_post(xch, &both);
        t_result("bounce out", "%u %u %u %u", data[0], data[1], data[2], data[3]);
        rc = xc__hypercall_bounce_pre(xch, &none);
        t_result("bounce of NULL", "rc %d hbuf %s", rc, none.hbuf ? "set" : "NULL");
        xc__hypercall_bounce_post(xch, &none);
    }
    t_result("HYPERCALL_BUFFER_NULL", "hbuf %p shadow %p dir %d ubuf %p sz %zu",
             XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL).hbuf,
             (void *)XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL).param_shadow,
             XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL).dir,
             XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL).ubuf,
             XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL).sz);
}

static void domains(xc_interface *xch, int pv, int pv2, int hvm)
{
    xc_dominfo_t info[8];
    xc_domaininfo_t list[8];
    int n;

    errno = 0;
    n = xc_domain_getinfo(xch, (uint32_t)pv, 8, info);
    t_rc_result("getinfo from the first test domain", n, errno);
    for (int i = 0; i < n && i < 8; i++) {
        char name[64];

        snprintf(name, sizeof(name), "getinfo from the first test domain #%d", i);
        diff_dominfo(name, &info[i]);
    }
    n = xc_domain_getinfo(xch, 0, 1, info);
    t_rc_result("getinfo of dom0", n, errno);
    if (n == 1)
        t_result("dom0", "domid %u hvm %u dying %u shutdown %u vcpus %u pool %u xenstore %u",
                 info[0].domid, info[0].hvm, info[0].dying, info[0].shutdown,
                 info[0].nr_online_vcpus, info[0].cpupool, info[0].xenstore);
    T_RC("getinfo of 0 domains", xc_domain_getinfo(xch, 0, 0, info));
    T_RC("getinfo past the last domain", xc_domain_getinfo(xch, (uint32_t)hvm + 1, 2, info));
    T_RC("getinfo at DOMID_FIRST_RESERVED", xc_domain_getinfo(xch, DOMID_FIRST_RESERVED, 1, info));
    T_RC("getinfo at DOMID_SELF", xc_domain_getinfo(xch, DOMID_SELF, 1, info));
    errno = 0;
    n = xc_domain_getinfolist(xch, (uint32_t)pv, 8, list);
    t_rc_result("getinfolist from the first test domain", n, errno);
    for (int i = 0; i < n && i < 8; i++) {
        char name[64];

        snprintf(name, sizeof(name), "getinfolist #%d", i);
        t_result(name, "dom %+d flags %#x tot %lu max %lu vcpus %u",
                 (int)list[i].domain - diff_base,
                 list[i].flags, (unsigned long)list[i].tot_pages, (unsigned long)list[i].max_pages,
                 list[i].nr_online_vcpus);
    }
    T_RC("getinfolist past the last domain", xc_domain_getinfolist(xch, (uint32_t)hvm + 1, 8, list));

    /* Shutdown: a poweroff is a shutdown, a crash is reported as crashed. */
    T_RC("shutdown poweroff", xc_domain_shutdown(xch, (uint32_t)pv, SHUTDOWN_poweroff));
    T_RC("shutdown crash", xc_domain_shutdown(xch, (uint32_t)pv2, SHUTDOWN_crash));
    if (xc_domain_getinfo(xch, (uint32_t)pv, 2, info) == 2) {
        diff_dominfo("after poweroff", &info[0]);
        diff_dominfo("after crash", &info[1]);
    }
    T_RC("shutdown of no domain", xc_domain_shutdown(xch, DOMID_FIRST_RESERVED - 1, 0));
}

static void host(xc_interface *xch)
{
    xc_physinfo_t pi;
    struct e820entry map[128];
    char buf[16384];
    unsigned nr;
    uint32_t index = 0;
    int n;

    memset(&pi, 0, sizeof(pi));
    errno = 0;
    n = xc_physinfo(xch, &pi);
    t_rc_result("physinfo", n, errno);
    t_result("physinfo values", "threads %u cores %u sockets %u cpus %u max_cpu %u nodes %u "
             "max_node %u khz %u caps %#x arch %#x total %lu", pi.threads_per_core,
             pi.cores_per_socket, pi.nr_cpus == 0 ? 0 : 1, pi.nr_cpus, pi.max_cpu_id, pi.nr_nodes,
             pi.max_node_id, pi.cpu_khz, pi.capabilities, pi.arch_capabilities,
             (unsigned long)pi.total_pages);
    T_RC("get_max_cpus", xc_get_max_cpus(xch));
    errno = 0;
    n = xc_get_machine_memory_map(xch, map, 128);
    t_rc_result("machine memory map", n, errno);
    for (int i = 0; i < n && i < 128; i++) {
        char name[64];

        snprintf(name, sizeof(name), "memory map #%d", i);
        t_result(name, "%#lx +%#lx type %u", (unsigned long)map[i].addr,
                 (unsigned long)map[i].size, map[i].type);
    }
    T_RC("machine memory map of 1 entry", xc_get_machine_memory_map(xch, map, 1));
    nr = sizeof(buf);
    errno = 0;
    n = xc_readconsolering(xch, buf, &nr, 0, 0, NULL);
    t_result("readconsolering", "rc %d errno %d read something %s has Xen's banner %s", n,
             n ? errno : 0, nr > 0 ? "yes" : "no",
             nr > 0 && memmem(buf, nr, "Xen", 3) ? "yes" : "no");
    nr = sizeof(buf);
    n = xc_readconsolering(xch, buf, &nr, 0, 1, &index);
    t_result("readconsolering incremental", "rc %d read something %s index moved %s", n,
             nr > 0 ? "yes" : "no", index > 0 ? "yes" : "no");
    T_RC("perfc_reset", xc_perfc_reset(xch));
    {
        int nd = -7, nv = -7;

        errno = 0;
        n = xc_perfc_query_number(xch, &nd, &nv);
        /* On failure upstream's writes what its uninitialised request held. */
        if (n)
            t_result("perfc_query_number", "rc %d errno %d", n, errno);
        else
            t_result("perfc_query_number", "rc 0 desc %d val %d", nd, nv);
    }
    {
        DECLARE_HYPERCALL_BUFFER(xc_perfc_desc_t, desc);
        DECLARE_HYPERCALL_BUFFER(xc_perfc_val_t, val);

        (void)desc;
        (void)val;
        T_RC("perfc_query without buffers", xc_perfc_query(xch, HYPERCALL_BUFFER(desc),
                                                          HYPERCALL_BUFFER(val)));
    }
}

static void version(xc_interface *xch)
{
    xen_extraversion_t extra;
    xen_capabilities_info_t caps;
    xen_changeset_info_t cs;
    xen_compile_info_t ci;
    xen_feature_info_t fi = { .submap_idx = 0 };
    xen_platform_parameters_t pp;
    xen_commandline_t cmdline;
    struct {
        xen_build_id_t id;
        unsigned char room[128];
    } bid = { .id.len = 128 };
    int v;

    v = xc_version(xch, XENVER_version, NULL);
    t_result("XENVER_version", "%d.%d", v >> 16, v & 0xffff);
    T_RC("XENVER_pagesize", xc_version(xch, XENVER_pagesize, NULL));
    T_RC("XENVER_extraversion", xc_version(xch, XENVER_extraversion, extra));
    t_result("extraversion", "%.16s", extra);
    T_RC("XENVER_capabilities", xc_version(xch, XENVER_capabilities, caps));
    t_result("capabilities", "%.1024s", caps);
    T_RC("XENVER_changeset", xc_version(xch, XENVER_changeset, cs));
    t_result("changeset", "%.64s", cs);
    T_RC("XENVER_compile_info", xc_version(xch, XENVER_compile_info, &ci));
    t_result("compile info", "%.64s %.16s", ci.compiler, ci.compile_date);
    T_RC("XENVER_get_features", xc_version(xch, XENVER_get_features, &fi));
    t_result("features 0", "%#x", fi.submap);
    T_RC("XENVER_platform_parameters", xc_version(xch, XENVER_platform_parameters, &pp));
    t_result("virt_start", "%#lx", (unsigned long)pp.virt_start);
    T_RC("XENVER_commandline", xc_version(xch, XENVER_commandline, cmdline));
    t_result("commandline", "%.1024s", cmdline);
    errno = 0;
    v = xc_version(xch, XENVER_build_id, &bid);
    t_rc_result("XENVER_build_id", v, errno);
    T_RC("unknown XENVER 99", xc_version(xch, 99, caps));
}

static void events_and_grants(xc_interface *xch, int pv)
{
    xc_evtchn_status_t st = { .dom = DOMID_SELF, .port = 0 };
    struct gnttab_query_size q = { .dom = (domid_t)pv };

    T_RC("evtchn_status of dom0 port 0", xc_evtchn_status(xch, &st));
    t_result("port 0", "status %u vcpu %u", st.status, st.vcpu);
    st = (xc_evtchn_status_t){ .dom = (domid_t)pv, .port = 1 };
    T_RC("evtchn_status of a test domain's port 1", xc_evtchn_status(xch, &st));
    t_result("its port 1", "status %u", st.status);
    st = (xc_evtchn_status_t){ .dom = DOMID_SELF, .port = 1U << 30 };
    T_RC("evtchn_status of a port beyond all", xc_evtchn_status(xch, &st));
    st = (xc_evtchn_status_t){ .dom = DOMID_FIRST_RESERVED - 1, .port = 1 };
    T_RC("evtchn_status of no domain", xc_evtchn_status(xch, &st));
    T_RC("gnttab_query_size", xc_gnttab_query_size(xch, &q));
    t_result("grant table size", "frames %u max %u status %d", q.nr_frames, q.max_nr_frames,
             q.status);
    q = (struct gnttab_query_size){ .dom = DOMID_FIRST_RESERVED - 1 };
    T_RC("gnttab_query_size of no domain", xc_gnttab_query_size(xch, &q));
    t_result("no domain's grant status", "%d", q.status);
}

static void hvm_calls(xc_interface *xch, int pv, int hvm)
{
    uint64_t v64 = 0, pos = 77;
    unsigned long v = 0;
    xen_pfn_t gfns[4] = { 0x200, 0x201, 0x202, 0x203 };
    int pirq;

    T_RC("set_hvm_param TIMER_MODE", xc_set_hvm_param(xch, (uint32_t)hvm, HVM_PARAM_TIMER_MODE, 1));
    T_RC("get_hvm_param TIMER_MODE", xc_get_hvm_param(xch, (uint32_t)hvm, HVM_PARAM_TIMER_MODE, &v));
    t_result("TIMER_MODE", "%lu", v);
    T_RC("hvm_param_get TIMER_MODE", xc_hvm_param_get(xch, (uint32_t)hvm, HVM_PARAM_TIMER_MODE, &v64));
    t_result("TIMER_MODE 64", "%lu", (unsigned long)v64);
    T_RC("hvm_param_set TIMER_MODE", xc_hvm_param_set(xch, (uint32_t)hvm, HVM_PARAM_TIMER_MODE, 2));
    T_RC("get_hvm_param of a PV domain", xc_get_hvm_param(xch, (uint32_t)pv, HVM_PARAM_TIMER_MODE, &v));
    T_RC("set_hvm_param out of range", xc_set_hvm_param(xch, (uint32_t)hvm, HVM_NR_PARAMS + 5, 1));

    T_RC("populate_physmap_exact", xc_domain_populate_physmap_exact(xch, (uint32_t)hvm, 4, 0, 0, gfns));
    t_result("populated gfns", "%#lx %#lx %#lx %#lx", (unsigned long)gfns[0],
             (unsigned long)gfns[1], (unsigned long)gfns[2], (unsigned long)gfns[3]);
    T_RC("populate_physmap_exact of no domain",
         xc_domain_populate_physmap_exact(xch, DOMID_FIRST_RESERVED - 1, 1, 0, 0, gfns));

    T_RC("iomem_permission allow", xc_domain_iomem_permission(xch, (uint32_t)hvm, 0xfed00, 1, 1));
    T_RC("memory_mapping add", xc_domain_memory_mapping(xch, (uint32_t)hvm, 0xf0000, 0xfed00, 1,
                                                      DPCI_ADD_MAPPING));
    T_RC("memory_mapping remove", xc_domain_memory_mapping(xch, (uint32_t)hvm, 0xf0000, 0xfed00, 1,
                                                         DPCI_REMOVE_MAPPING));
    T_RC("memory_mapping without permission",
         xc_domain_memory_mapping(xch, (uint32_t)hvm, 0xf0000, 0xfee00, 2, DPCI_ADD_MAPPING));
    T_RC("iomem_permission deny", xc_domain_iomem_permission(xch, (uint32_t)hvm, 0xfed00, 1, 0));
    T_RC("memory_mapping of a PV domain",
         xc_domain_memory_mapping(xch, (uint32_t)pv, 0xf0000, 0xfed00, 1, DPCI_ADD_MAPPING));
    T_RC("memory_mapping of no domain",
         xc_domain_memory_mapping(xch, DOMID_FIRST_RESERVED - 1, 0xf0000, 0xfed00, 1,
                                DPCI_ADD_MAPPING));
    T_RC("memory_mapping of 0 frames",
         xc_domain_memory_mapping(xch, (uint32_t)hvm, 0xf0000, 0xfed00, 0, DPCI_ADD_MAPPING));
    T_RC("ioport_mapping without permission",
         xc_domain_ioport_mapping(xch, (uint32_t)hvm, 0x1000, 0x1000, 1, DPCI_ADD_MAPPING));

    T_RC("bind_pt_pci_irq", xc_domain_bind_pt_pci_irq(xch, (uint32_t)hvm, 10, 0, 3, 0));
    T_RC("unbind_pt_irq", xc_domain_unbind_pt_irq(xch, (uint32_t)hvm, 10, PT_IRQ_TYPE_PCI, 0, 3, 0, 0));
    T_RC("update_msi_irq", xc_domain_update_msi_irq(xch, (uint32_t)hvm, 0x30, 1000, 0, 0));
    T_RC("unbind_msi_irq", xc_domain_unbind_msi_irq(xch, (uint32_t)hvm, 0x30, 1000, 0));
    T_RC("bind_pt_irq of type SPI", xc_domain_bind_pt_irq(xch, (uint32_t)hvm, 10, PT_IRQ_TYPE_SPI,
                                                        0, 0, 0, 0));

    pirq = -1;
    /* A GSI no machine has: real ones may be dom0's (the ACPI SCI). */
    T_RC("physdev_map_pirq of GSI 1000", xc_physdev_map_pirq(xch, (uint32_t)hvm, 1000, &pirq));
    t_result("mapped pirq", "%d", pirq);
    if (pirq >= 0)
        T_RC("physdev_unmap_pirq", xc_physdev_unmap_pirq(xch, (uint32_t)hvm, pirq));
    pirq = -1;
    T_RC("physdev_map_pirq_msi of no device",
         xc_physdev_map_pirq_msi(xch, (uint32_t)hvm, -1, &pirq, 0x18, 0x3, 0, 0));
    T_RC("physdev_unmap_pirq of an unmapped pirq", xc_physdev_unmap_pirq(xch, (uint32_t)hvm, 50));

    T_RC("vmtrace_enable", xc_vmtrace_enable(xch, (uint32_t)hvm, 0));
    T_RC("vmtrace_output_position", xc_vmtrace_output_position(xch, (uint32_t)hvm, 0, &pos));
    T_RC("vmtrace_set_option", xc_vmtrace_set_option(xch, (uint32_t)hvm, 0, 1, 1));
    T_RC("vmtrace_get_option", xc_vmtrace_get_option(xch, (uint32_t)hvm, 0, 1, &v64));
    T_RC("vmtrace_reset_and_enable", xc_vmtrace_reset_and_enable(xch, (uint32_t)hvm, 0));
    T_RC("vmtrace_disable", xc_vmtrace_disable(xch, (uint32_t)hvm, 0));
    T_RC("vmtrace_disable of vcpu 5", xc_vmtrace_disable(xch, (uint32_t)hvm, 5));
}

static void kexec(xc_interface *xch)
{
    uint64_t size = 0, start = 0, xsize = 0, xstart = 0;
    DECLARE_HYPERCALL_BUFFER(xen_kexec_segment_t, segs);
    DECLARE_HYPERCALL_BUFFER(unsigned char, code);

    T_RC("kexec_status crash", xc_kexec_status(xch, KEXEC_TYPE_CRASH));
    T_RC("kexec_get_range crash", xc_kexec_get_range(xch, KEXEC_RANGE_MA_CRASH, 0, &size, &start));
    t_result("crash region", "%s", size >= (64U << 20) ? "reserved" : "none");
    T_RC("kexec_get_range xen", xc_kexec_get_range(xch, KEXEC_RANGE_MA_XEN, 0, &xsize, &xstart));
    T_RC("kexec_get_range xen, nr 3", xc_kexec_get_range(xch, KEXEC_RANGE_MA_XEN, 3, &xsize, &xstart));
    T_RC("kexec_get_range cpu 0", xc_kexec_get_range(xch, KEXEC_RANGE_MA_CPU, 0, &xsize, &xstart));
    T_RC("kexec_get_range cpu 4096", xc_kexec_get_range(xch, KEXEC_RANGE_MA_CPU, 4096, &xsize,
                                                      &xstart));
    T_RC("kexec_get_range 99", xc_kexec_get_range(xch, 99, 0, &xsize, &xstart));
    if (size < (64U << 20))
        return;
    /* A crash image as kexec-tools makes one: segment data in hypercall
     * buffers of an array, plus a data-less segment. */
    segs = xc_hypercall_buffer_alloc(xch, segs, 2 * sizeof(*segs));
    code = xc_hypercall_buffer_alloc(xch, code, 4096);
    if (!segs || !code) {
        t_result("kexec buffers", "none");
        return;
    }
    memset(code, 0xf4, 4096);   /* hlt */
    set_xen_guest_handle(segs[0].buf.h, code);
    segs[0].buf_size = 4096;
    segs[0].dest_maddr = start;
    segs[0].dest_size = 4096;
    set_xen_guest_handle(segs[1].buf.h, HYPERCALL_BUFFER_NULL);
    segs[1].buf_size = 0;
    segs[1].dest_maddr = 0;
    segs[1].dest_size = 1 << 20;
    T_RC("kexec_load crash", xc_kexec_load(xch, KEXEC_TYPE_CRASH, EM_X86_64, start, 2, segs));
    T_RC("kexec_status after load", xc_kexec_status(xch, KEXEC_TYPE_CRASH));
    T_RC("kexec_unload crash", xc_kexec_unload(xch, KEXEC_TYPE_CRASH));
    T_RC("kexec_status after unload", xc_kexec_status(xch, KEXEC_TYPE_CRASH));
    segs[0].dest_maddr = 0x1000;    /* outside the crash region */
    T_RC("kexec_load outside the region", xc_kexec_load(xch, KEXEC_TYPE_CRASH, EM_X86_64, start, 1,
                                                      segs));
    T_RC("kexec_status after the refused load", xc_kexec_status(xch, KEXEC_TYPE_CRASH));
    T_RC("kexec_exec of nothing loaded", xc_kexec_exec(xch, KEXEC_TYPE_DEFAULT));
    xc_hypercall_buffer_free(xch, code);
    xc_hypercall_buffer_free(xch, segs);
}

int main(void)
{
    struct diff_domains doms;
    struct t_capture log;
    xc_interface *xch;
    int id;

    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    doms.pv = testdom_create_pv();
    doms.pv2 = testdom_create_pv();
    doms.hvm = testdom_create_hvm(16);
    if (doms.pv < 0 || doms.pv2 != doms.pv + 1 || doms.hvm != doms.pv2 + 1) {
        printf("FAIL: xenctrl-diff: test domains %d %d %d are not consecutive\n", doms.pv,
               doms.pv2, doms.hvm);
        testdom_destroy_all();
        return 1;
    }
    diff_base = doms.pv;
    t_capture_start(&log);
    layout(log.logger);
    xch = xc_interface_open(log.logger, NULL, 0);
    if (!xch) {
        printf("FAIL: xenctrl-diff: open: errno %d\n", errno);
        testdom_destroy_all();
        return 1;
    }
    errors(xch);
    buffers(xch);
    domains(xch, doms.pv, doms.pv2, doms.hvm);
    host(xch);
    version(xch);
    events_and_grants(xch, doms.pv);
    hvm_calls(xch, doms.pv, doms.hvm);
    kexec(xch);
    /* The families of diff/, one per file of tools/libxc, in the order of
     * their files' names (domain-numa.c and domain-permission.c through
     * diff_domain()).  Xen gives domain ids out in order and some cases
     * print them (relative to diff_base): a family that makes domains
     * keeps its place among the others that do. */
    diff_altp2m(xch, &doms);
    diff_bitops(xch, &doms);
    diff_cpu(xch, &doms);
    diff_cpumap(xch, &doms);
    diff_cpupool(xch, &doms);
    diff_devices(xch, &doms);
    diff_domain(xch, &doms);
    diff_domain_memory(xch, &doms);
    diff_evtchn(xch, &doms);
    diff_fileio(xch, &doms);
    diff_flask(xch, &doms);
    diff_foreign(xch, &doms);
    diff_gnttab(xch, &doms);
    diff_hvm(xch, &doms);
    diff_livepatch(xch, &doms);
    diff_lockprof(xch, &doms);
    diff_mca(xch, &doms);
    diff_mem_access(xch, &doms);
    diff_mem_paging(xch, &doms);
    diff_memory(xch, &doms);
    diff_memshr(xch, &doms);
    diff_microcode(xch, &doms);
    diff_mmu(xch, &doms);
    diff_monitor(xch, &doms);
    diff_physdev(xch, &doms);
    diff_pm(xch, &doms);
    diff_psr(xch, &doms);
    diff_resource(xch, &doms);
    diff_sched(xch, &doms);
    diff_sysctl(xch, &doms);
    diff_tbuf(xch, &doms);
    diff_vcpu(xch, &doms);
    diff_vm_event(xch, &doms);
    /* dom0's own watchdog: armed for an hour, then disarmed at once. */
    errno = 0;
    id = xc_watchdog(xch, 0, 3600);
    t_rc_result("watchdog new", id, errno);
    if (id > 0)
        T_RC("watchdog disarm", xc_watchdog(xch, (uint32_t)id, 0));
    T_RC("watchdog of no such id", xc_watchdog(xch, 99, 0));
    T_RC("close", xc_interface_close(xch));
    t_capture_end(&log);
    free(log.text);
    testdom_destroy_all();
    return t_exit_status();
}
