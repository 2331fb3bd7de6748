/* SPDX-License-Identifier: MIT */
/*
 * Bad input that only Xen can refuse: domains that do not exist, ports,
 * grant references and guest frames nobody has, hypercalls Xen does not
 * know.  Each is a BAD_INPUT row of docs/bad-inputs.md: the outcome as
 * Xen 4.17 gives it, and nothing leaked.  (What the libraries refuse
 * themselves is tested on the host and in each library's system test.)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xencall.h>
#include <xenctrl.h>
#include <xendevicemodel.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>

#include "testdom.h"
#include "testlib.h"

#define DOM0 0
#define NO_DOMAIN 30000         /* below DOMID_FIRST_RESERVED, never created here */
#define NO_HYPERCALL 63         /* beyond Xen's hypercall table */

static int hvm = -1;

static void test_xencall(void)
{
    xencall_handle *h = xencall_open(NULL, 0);

    if (!CHECK_NE(h, NULL))
        return;
    BAD_INPUT(xencall0, "unknown hypercall", MINUS1(ENOSYS), xencall0(h, NO_HYPERCALL));
    BAD_INPUT(xencall2, "unknown sub-command", MINUS1(ENOSYS),
              xencall2(h, __HYPERVISOR_event_channel_op, 0x7fff, 0));
    xencall_close(h);
}

static void test_evtchn(void)
{
    xenevtchn_handle *h = xenevtchn_open(NULL, 0);

    if (!CHECK_NE(h, NULL))
        return;
    BAD_INPUT(xenevtchn_bind_interdomain, "domain that does not exist", MINUS1(ESRCH),
              xenevtchn_bind_interdomain(h, NO_DOMAIN, 1));
    BAD_INPUT(xenevtchn_bind_interdomain, "port nobody has", MINUS1(EINVAL),
              xenevtchn_bind_interdomain(h, DOM0, 100000));
    /* (An unbound port for a domain that does not exist is no error:
     * Xen looks the remote domain up only when it binds.) */
    BAD_INPUT(xenevtchn_bind_virq, "VIRQ 1000", MINUS1(EINVAL), xenevtchn_bind_virq(h, 1000));
    BAD_INPUT(xenevtchn_unmask, "port never bound", RETURNS(0), xenevtchn_unmask(h, 1000));
    xenevtchn_close(h);
}

static void test_gnttab(void)
{
    xengnttab_handle *h = xengnttab_open(NULL, 0);

    if (!CHECK_NE(h, NULL))
        return;
    BAD_INPUT(xengnttab_map_grant_ref, "grant reference nobody gave", NULLPTR(EINVAL),
              xengnttab_map_grant_ref(h, DOM0, 100000, PROT_READ));
    BAD_INPUT(xengnttab_map_grant_ref, "domain that does not exist", NULLPTR(EINVAL),
              xengnttab_map_grant_ref(h, NO_DOMAIN, 1, PROT_READ));
    /* (Sharing with a domain that does not exist is no error: the driver
     * and Xen take any domid for a grant.) */
    xengnttab_close(h);
}

static void test_foreignmemory(void)
{
    xenforeignmemory_handle *h = xenforeignmemory_open(NULL, 0);
    xen_pfn_t gfn = 1, hole = 0x80000;
    size_t size;

    if (!CHECK_NE(h, NULL))
        return;
    BAD_INPUT(xenforeignmemory_map, "domain that does not exist", NULLPTR(ESRCH),
              xenforeignmemory_map(h, NO_DOMAIN, PROT_READ, 1, &gfn, NULL));
    BAD_INPUT(xenforeignmemory_map, "GFN with no memory", NULLPTR(EINVAL),
              xenforeignmemory_map(h, (uint32_t)hvm, PROT_READ, 1, &hole, NULL));
    BAD_INPUT(xenforeignmemory_resource_size, "domain that does not exist", MINUS1(ESRCH),
              xenforeignmemory_resource_size(h, NO_DOMAIN, XENMEM_resource_grant_table,
                                             XENMEM_resource_grant_table_id_shared, &size));
    /* Xen 4.17 answers with its error code as the frame count. */
    if (t_xen_version() == (4 << 16 | 17))
        BAD_INPUT(xenforeignmemory_resource_size, "unknown resource type (Xen 4.17: success)",
                  RETURNS(0), xenforeignmemory_resource_size(h, (domid_t)hvm, 1000, 0, &size));
    else
        BAD_INPUT(xenforeignmemory_resource_size, "unknown resource type (Xen 4.20: refused)",
                  MINUS1(EINVAL),
                  xenforeignmemory_resource_size(h, (domid_t)hvm, 1000, 0, &size));
    xenforeignmemory_close(h);
}

static void test_devicemodel(void)
{
    xendevicemodel_handle *h = xendevicemodel_open(NULL, 0);
    unsigned vcpus;

    if (!CHECK_NE(h, NULL))
        return;
    BAD_INPUT(xendevicemodel_nr_vcpus, "domain that does not exist", MINUS1(ESRCH),
              xendevicemodel_nr_vcpus(h, NO_DOMAIN, &vcpus));
    BAD_INPUT(xendevicemodel_set_mem_type, "range beyond the domain's memory", MINUS1(EINVAL),
              xendevicemodel_set_mem_type(h, (domid_t)hvm, HVMMEM_ram_ro, 1ULL << 40, 1));
    BAD_INPUT(xendevicemodel_destroy_ioreq_server, "server that does not exist",
              MINUS1(ENOENT), xendevicemodel_destroy_ioreq_server(h, (domid_t)hvm, 77));
    xendevicemodel_close(h);
}

static void test_xenctrl(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xc_dominfo_t info;
    xc_evtchn_status_t st = { .dom = DOM0, .port = 100000 };
    uint64_t value;

    /* A first call fills libxencall's buffer cache, which is no leak. */
    if (!CHECK(xch != NULL && xc_domain_getinfo(xch, DOM0, 1, &info) == 1))
        return;
    BAD_INPUT(xc_domain_getinfo, "no domain from this id on", MINUS1(ESRCH),
              xc_domain_getinfo(xch, NO_DOMAIN, 1, &info));
    BAD_INPUT(xc_evtchn_status, "port nobody has", MINUS1(EINVAL), xc_evtchn_status(xch, &st));
    BAD_INPUT(xc_hvm_param_get, "domain that does not exist", MINUS1(ESRCH),
              xc_hvm_param_get(xch, NO_DOMAIN, HVM_PARAM_STORE_PFN, &value));
    BAD_INPUT(xc_hvm_param_get, "parameter 1000", MINUS1(EINVAL),
              xc_hvm_param_get(xch, (uint32_t)hvm, 1000, &value));
    BAD_INPUT(xc_domain_shutdown, "domain that does not exist", MINUS1(ESRCH),
              xc_domain_shutdown(xch, NO_DOMAIN, SHUTDOWN_poweroff));
    xc_interface_close(xch);
}

int main(void)
{
    t_expect_library("libxencall.so.1", (const void *)xencall_open);
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    testdom_init();
    hvm = testdom_create_hvm(4);
    if (hvm < 0) {
        printf("FAIL: bad inputs: cannot create an HVM domain\n");
        return 1;
    }
    T_CASE(test_xencall, "bad inputs Xen refuses: libxencall");
    T_CASE(test_evtchn, "bad inputs Xen refuses: libxenevtchn");
    T_CASE(test_gnttab, "bad inputs Xen refuses: libxengnttab");
    T_CASE(test_foreignmemory, "bad inputs Xen refuses: libxenforeignmemory");
    T_CASE(test_devicemodel, "bad inputs Xen refuses: libxendevicemodel");
    T_CASE(test_xenctrl, "bad inputs Xen refuses: libxenctrl");
    testdom_destroy(hvm);
    return t_exit_status();
}
