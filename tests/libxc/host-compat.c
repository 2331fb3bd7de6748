/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenctrl's compat calls (xenctrl_compat.h) and
 * xc_gnttab_get_version, no Xen needed: NULL handles refused with EINVAL
 * (upstream's wrappers pass them on to the stable libraries, which
 * dereference them), and, in a child whose /dev/xen drivers are
 * /dev/null, NULL pointers, zero counts and domain ids above 0xffff
 * refused before any ioctl or hypercall; what the stable libraries say
 * comes back unchanged.  What Xen does with valid calls is
 * tests/libxc/system-differential's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define XC_WANT_COMPAT_EVTCHN_API
#define XC_WANT_COMPAT_GNTTAB_API
#define XC_WANT_COMPAT_DEVICEMODEL_API
#define XC_WANT_COMPAT_MAP_FOREIGN_API
#include <xenctrl.h>

#include "child.h"
#include "testlib.h"

#define DOM 1
/* A domain id no domid_t holds: upstream truncates it to domain 1. */
#define WIDE_DOM 0x10001u

static void test_null_handles(void)
{
    uint32_t ref = 1, refs[1] = { 1 }, domids[1] = { 0 };
    xen_pfn_t gfn = 0;
    int err = 0;
    ioservid_t id;
    evtchn_port_t port;
    unsigned long bitmap = 0;
    char page[1];

    BAD_INPUT(xc_evtchn_close, "NULL handle", RETURNS(0), xc_evtchn_close(NULL));
    BAD_INPUT(xc_evtchn_fd, "NULL handle", MINUS1(EINVAL), xc_evtchn_fd(NULL));
    BAD_INPUT(xc_evtchn_notify, "NULL handle", MINUS1(EINVAL), xc_evtchn_notify(NULL, 1));
    BAD_INPUT(xc_evtchn_bind_unbound_port, "NULL handle", MINUS1(EINVAL),
              xc_evtchn_bind_unbound_port(NULL, 0));
    BAD_INPUT(xc_evtchn_bind_interdomain, "NULL handle", MINUS1(EINVAL),
              xc_evtchn_bind_interdomain(NULL, 0, 1));
    BAD_INPUT(xc_evtchn_bind_virq, "NULL handle", MINUS1(EINVAL), xc_evtchn_bind_virq(NULL, 3));
    BAD_INPUT(xc_evtchn_unbind, "NULL handle", MINUS1(EINVAL), xc_evtchn_unbind(NULL, 1));
    BAD_INPUT(xc_evtchn_pending, "NULL handle", MINUS1(EINVAL), xc_evtchn_pending(NULL));
    BAD_INPUT(xc_evtchn_unmask, "NULL handle", MINUS1(EINVAL), xc_evtchn_unmask(NULL, 1));

    BAD_INPUT(xc_gnttab_close, "NULL handle", RETURNS(0), xc_gnttab_close(NULL));
    BAD_INPUT(xc_gnttab_map_grant_ref, "NULL handle", NULLPTR(EINVAL),
              xc_gnttab_map_grant_ref(NULL, 0, 1, PROT_READ));
    BAD_INPUT(xc_gnttab_map_grant_refs, "NULL handle", NULLPTR(EINVAL),
              xc_gnttab_map_grant_refs(NULL, 1, domids, refs, PROT_READ));
    BAD_INPUT(xc_gnttab_map_domain_grant_refs, "NULL handle", NULLPTR(EINVAL),
              xc_gnttab_map_domain_grant_refs(NULL, 1, 0, refs, PROT_READ));
    BAD_INPUT(xc_gnttab_map_grant_ref_notify, "NULL handle", NULLPTR(EINVAL),
              xc_gnttab_map_grant_ref_notify(NULL, 0, 1, PROT_READ | PROT_WRITE, 0,
                                             (evtchn_port_t)-1));
    BAD_INPUT(xc_gnttab_munmap, "NULL handle", MINUS1(EINVAL), xc_gnttab_munmap(NULL, page, 1));
    BAD_INPUT(xc_gnttab_set_max_grants, "NULL handle", MINUS1(EINVAL),
              xc_gnttab_set_max_grants(NULL, 4));
    BAD_INPUT(xc_gntshr_close, "NULL handle", RETURNS(0), xc_gntshr_close(NULL));
    BAD_INPUT(xc_gntshr_share_pages, "NULL handle", NULLPTR(EINVAL),
              xc_gntshr_share_pages(NULL, 0, 1, &ref, 1));
    BAD_INPUT(xc_gntshr_share_page_notify, "NULL handle", NULLPTR(EINVAL),
              xc_gntshr_share_page_notify(NULL, 0, &ref, 1, 0, (evtchn_port_t)-1));
    BAD_INPUT(xc_gntshr_munmap, "NULL handle", MINUS1(EINVAL), xc_gntshr_munmap(NULL, page, 1));
    BAD_INPUT(xc_gnttab_get_version, "NULL handle", MINUS1(EINVAL),
              xc_gnttab_get_version(NULL, DOM));

    BAD_INPUT(xc_hvm_create_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xc_hvm_create_ioreq_server(NULL, DOM, 0, &id));
    BAD_INPUT(xc_hvm_get_ioreq_server_info, "NULL handle", MINUS1(EINVAL),
              xc_hvm_get_ioreq_server_info(NULL, DOM, 0, NULL, NULL, &port));
    BAD_INPUT(xc_hvm_map_io_range_to_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xc_hvm_map_io_range_to_ioreq_server(NULL, DOM, 0, 0, 0x1000, 0x100f));
    BAD_INPUT(xc_hvm_unmap_io_range_from_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xc_hvm_unmap_io_range_from_ioreq_server(NULL, DOM, 0, 0, 0x1000, 0x100f));
    BAD_INPUT(xc_hvm_map_pcidev_to_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xc_hvm_map_pcidev_to_ioreq_server(NULL, DOM, 0, 0, 0, 3, 0));
    BAD_INPUT(xc_hvm_unmap_pcidev_from_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xc_hvm_unmap_pcidev_from_ioreq_server(NULL, DOM, 0, 0, 0, 3, 0));
    BAD_INPUT(xc_hvm_destroy_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xc_hvm_destroy_ioreq_server(NULL, DOM, 0));
    BAD_INPUT(xc_hvm_set_ioreq_server_state, "NULL handle", MINUS1(EINVAL),
              xc_hvm_set_ioreq_server_state(NULL, DOM, 0, 1));
    BAD_INPUT(xc_hvm_set_pci_intx_level, "NULL handle", MINUS1(EINVAL),
              xc_hvm_set_pci_intx_level(NULL, DOM, 0, 0, 3, 0, 1));
    BAD_INPUT(xc_hvm_set_isa_irq_level, "NULL handle", MINUS1(EINVAL),
              xc_hvm_set_isa_irq_level(NULL, DOM, 9, 1));
    BAD_INPUT(xc_hvm_set_pci_link_route, "NULL handle", MINUS1(EINVAL),
              xc_hvm_set_pci_link_route(NULL, DOM, 0, 5));
    BAD_INPUT(xc_hvm_inject_msi, "NULL handle", MINUS1(EINVAL),
              xc_hvm_inject_msi(NULL, DOM, 0xfee00000, 0x30));
    BAD_INPUT(xc_hvm_track_dirty_vram, "NULL handle", MINUS1(EINVAL),
              xc_hvm_track_dirty_vram(NULL, DOM, 0, 1, &bitmap));
    BAD_INPUT(xc_hvm_modified_memory, "NULL handle", MINUS1(EINVAL),
              xc_hvm_modified_memory(NULL, DOM, 0, 1));
    BAD_INPUT(xc_hvm_set_mem_type, "NULL handle", MINUS1(EINVAL),
              xc_hvm_set_mem_type(NULL, DOM, HVMMEM_ram_rw, 0, 1));
    BAD_INPUT(xc_map_foreign_bulk, "NULL handle", NULLPTR(EINVAL),
              xc_map_foreign_bulk(NULL, DOM, PROT_READ, &gfn, &err, 1));
}

static void test_open_flags(void)
{
    BAD_INPUT(xc_evtchn_open, "unknown flags", NULLPTR(EINVAL), xc_evtchn_open(NULL, 1u << 31));
    BAD_INPUT(xc_gnttab_open, "unknown flags", NULLPTR(EINVAL), xc_gnttab_open(NULL, 2));
    BAD_INPUT(xc_gntshr_open, "unknown flags", NULLPTR(EINVAL), xc_gntshr_open(NULL, 2));
}

/* Open handles on drivers that are /dev/null: what is refused before any
 * ioctl. */
static void test_fake_handles(void)
{
    xc_gnttab *xcg = xc_gnttab_open(NULL, 0);
    xc_gntshr *xcs = xc_gntshr_open(NULL, 0);
    xc_evtchn *xce = xc_evtchn_open(NULL, 0);
    uint32_t refs[1] = { 1 }, domids[1] = { 0 };
    char local[1];

    if (!CHECK(xcg && xcs && xce))
        goto out;
    CHECK_GE(xc_evtchn_fd(xce), 0);
    BAD_INPUT(xc_gnttab_map_grant_refs, "a count of 0", NULLPTR(EINVAL),
              xc_gnttab_map_grant_refs(xcg, 0, domids, refs, PROT_READ));
    BAD_INPUT(xc_gnttab_map_grant_refs, "NULL domids", NULLPTR(EINVAL),
              xc_gnttab_map_grant_refs(xcg, 1, NULL, refs, PROT_READ));
    BAD_INPUT(xc_gnttab_map_domain_grant_refs, "NULL refs", NULLPTR(EINVAL),
              xc_gnttab_map_domain_grant_refs(xcg, 1, 0, NULL, PROT_READ));
    BAD_INPUT(xc_gnttab_map_domain_grant_refs, "a count of 0", NULLPTR(EINVAL),
              xc_gnttab_map_domain_grant_refs(xcg, 0, 0, refs, PROT_READ));
    BAD_INPUT(xc_gnttab_map_grant_ref, "a domain id above 0xffff", NULLPTR(EINVAL),
              xc_gnttab_map_grant_ref(xcg, WIDE_DOM, 1, PROT_READ));
    BAD_INPUT(xc_gnttab_map_grant_ref_notify, "notify offset outside the page", NULLPTR(EINVAL),
              xc_gnttab_map_grant_ref_notify(xcg, 0, 1, PROT_READ | PROT_WRITE, 4096, 3));
    BAD_INPUT(xc_gnttab_munmap, "an address it did not map", MINUS1(EINVAL),
              xc_gnttab_munmap(xcg, local, 1));
    BAD_INPUT(xc_gntshr_share_pages, "a count of 0", NULLPTR(EINVAL),
              xc_gntshr_share_pages(xcs, 0, 0, refs, 1));
    BAD_INPUT(xc_gntshr_share_pages, "NULL refs", NULLPTR(EINVAL),
              xc_gntshr_share_pages(xcs, 0, 1, NULL, 1));
    BAD_INPUT(xc_gntshr_share_page_notify, "NULL ref", NULLPTR(EINVAL),
              xc_gntshr_share_page_notify(xcs, 0, NULL, 1, 0, (evtchn_port_t)-1));
    BAD_INPUT(xc_gntshr_munmap, "an address it did not share", MINUS1(EINVAL),
              xc_gntshr_munmap(xcs, local, 1));
    BAD_INPUT(xc_gnttab_set_max_grants, "a gntshr handle", MINUS1(EINVAL),
              xc_gnttab_set_max_grants((xc_gnttab *)xcs, 4));
out:
    CHECK_EQ(xc_evtchn_close(xce), 0);
    CHECK_EQ(xc_gntshr_close(xcs), 0);
    CHECK_EQ(xc_gnttab_close(xcg), 0);
}

/* A handle whose every hypercall fails: the library's own refusals. */
static void test_fake_interface(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xen_pfn_t gfn = 0;
    int err = 0;
    ioservid_t id;

    if (!CHECK(xch))
        return;
    BAD_INPUT(xc_map_foreign_bulk, "NULL arr", NULLPTR(EINVAL),
              xc_map_foreign_bulk(xch, DOM, PROT_READ, NULL, &err, 1));
    BAD_INPUT(xc_map_foreign_bulk, "0 pages", NULLPTR(EINVAL),
              xc_map_foreign_bulk(xch, DOM, PROT_READ, &gfn, &err, 0));
    BAD_INPUT(xc_hvm_create_ioreq_server, "NULL id", MINUS1(EINVAL),
              xc_hvm_create_ioreq_server(xch, DOM, 0, NULL));
    BAD_INPUT(xc_hvm_create_ioreq_server, "a domain id above 0xffff", MINUS1(EINVAL),
              xc_hvm_create_ioreq_server(xch, WIDE_DOM, 0, &id));
    BAD_INPUT(xc_hvm_set_pci_intx_level, "a domain id above 0xffff", MINUS1(EINVAL),
              xc_hvm_set_pci_intx_level(xch, WIDE_DOM, 0, 0, 3, 0, 1));
    BAD_INPUT(xc_hvm_set_pci_intx_level, "INTx pin 4", MINUS1(EINVAL),
              xc_hvm_set_pci_intx_level(xch, DOM, 0, 0, 3, 4, 1));
    BAD_INPUT(xc_hvm_set_isa_irq_level, "ISA IRQ 16", MINUS1(EINVAL),
              xc_hvm_set_isa_irq_level(xch, DOM, 16, 1));
    BAD_INPUT(xc_hvm_set_pci_link_route, "PCI link 4", MINUS1(EINVAL),
              xc_hvm_set_pci_link_route(xch, DOM, 4, 5));
    BAD_INPUT(xc_hvm_track_dirty_vram, "NULL bitmap", MINUS1(EINVAL),
              xc_hvm_track_dirty_vram(xch, DOM, 0, 8, NULL));
    BAD_INPUT(xc_hvm_map_io_range_to_ioreq_server, "ports beyond 0xffff", MINUS1(EINVAL),
              xc_hvm_map_io_range_to_ioreq_server(xch, DOM, 0, 0, 0xfff0, 0x10000));
    BAD_INPUT(xc_hvm_map_pcidev_to_ioreq_server, "PCI device number 32", MINUS1(EINVAL),
              xc_hvm_map_pcidev_to_ioreq_server(xch, DOM, 0, 0, 0, 32, 0));
    BAD_INPUT(xc_hvm_destroy_ioreq_server, "a domain id above 0xffff", MINUS1(EINVAL),
              xc_hvm_destroy_ioreq_server(xch, WIDE_DOM, 0));
    BAD_INPUT(xc_hvm_modified_memory, "a domain id above 0xffff", MINUS1(EINVAL),
              xc_hvm_modified_memory(xch, WIDE_DOM, 0, 1));
    BAD_INPUT(xc_hvm_set_mem_type, "a domain id above 0xffff", MINUS1(EINVAL),
              xc_hvm_set_mem_type(xch, WIDE_DOM, HVMMEM_ram_rw, 0, 1));
    BAD_INPUT(xc_hvm_inject_msi, "a domain id above 0xffff", MINUS1(EINVAL),
              xc_hvm_inject_msi(xch, WIDE_DOM, 0xfee00000, 0x30));
    CHECK_EQ(xc_interface_close(xch), 0);
}

static void fake_driver_cases(void)
{
    T_CASE(test_fake_handles, "xenctrl compat: fake drivers: bad handle input refused");
    T_CASE(test_fake_interface, "xenctrl compat: fake privcmd: bad input refused before Xen");
}

static void test_fake_drivers(void)
{
    static const char *const drivers[] = { "privcmd", "hypercall", "evtchn", "gntdev",
                                           "gntalloc", NULL };

    t_in_child_with_fake_devices(drivers, fake_driver_cases);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_null_handles, "xenctrl compat: NULL handles refused with EINVAL");
    T_CASE(test_open_flags, "xenctrl compat: unknown open flags refused");
    T_CASE(test_fake_drivers, "xenctrl compat: in a child with fake drivers");
    return t_exit_status();
}
