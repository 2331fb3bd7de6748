/* SPDX-License-Identifier: MIT */
/*
 * Upstream's compat device model calls (xc_hvm_*) on the HVM test
 * domain, as a device model makes them: an ioreq server's life (created,
 * given port and memory ranges and a PCI device, enabled, disabled,
 * destroyed), interrupt lines and routes, an MSI, memory types and dirty
 * tracking, each read back where Xen lets it be; and the refusals for a
 * PV domain, no domain and no server.  Never asks for an ioreq server's
 * gfns: on a domain no builder set up, destroying such a server panics
 * Xen 4.17.7 (/work/shared/xen-in-qemu.md).
 */
#include <errno.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

/* A gfn the 16-page test domain has, and one far beyond its memory. */
#define GFN 9
#define UNPOPULATED 0x100000

static void ioreq_server(xc_interface *xch, uint32_t hvm, uint32_t pv)
{
    ioservid_t id = 0xffff, second = 0xffff;
    evtchn_port_t port = 0;
    int rc;

    errno = 0;
    rc = xc_hvm_create_ioreq_server(xch, hvm, HVM_IOREQSRV_BUFIOREQ_ATOMIC, &id);
    t_rc_result("compat create_ioreq_server", rc, errno);
    if (rc < 0)
        return;
    errno = 0;
    rc = xc_hvm_get_ioreq_server_info(xch, hvm, id, NULL, NULL, &port);
    t_rc_result("compat get_ioreq_server_info, the port only", rc, errno);
    t_result("its buffered ioreq port", "%s", port ? "set" : "0");
    T_RC("compat get_ioreq_server_info, nothing asked",
         xc_hvm_get_ioreq_server_info(xch, hvm, id, NULL, NULL, NULL));
    T_RC("compat map_io_range ports 0x1000..0x100f",
         xc_hvm_map_io_range_to_ioreq_server(xch, hvm, id, 0, 0x1000, 0x100f));
    T_RC("compat map_io_range, the same ports again",
         xc_hvm_map_io_range_to_ioreq_server(xch, hvm, id, 0, 0x1000, 0x100f));
    T_RC("compat map_io_range mmio 0xe0000000..0xe0000fff",
         xc_hvm_map_io_range_to_ioreq_server(xch, hvm, id, 1, 0xe0000000, 0xe0000fff));
    T_RC("compat map_io_range backwards",
         xc_hvm_map_io_range_to_ioreq_server(xch, hvm, id, 0, 0x2000, 0x1fff));
    T_RC("compat map_pcidev 0000:00:03.0",
         xc_hvm_map_pcidev_to_ioreq_server(xch, hvm, id, 0, 0, 3, 0));
    T_RC("compat set_ioreq_server_state on", xc_hvm_set_ioreq_server_state(xch, hvm, id, 1));
    T_RC("compat set_ioreq_server_state on again", xc_hvm_set_ioreq_server_state(xch, hvm, id, 1));
    T_RC("compat set_ioreq_server_state off", xc_hvm_set_ioreq_server_state(xch, hvm, id, 0));

    errno = 0;
    rc = xc_hvm_create_ioreq_server(xch, hvm, HVM_IOREQSRV_BUFIOREQ_OFF, &second);
    t_rc_result("compat create_ioreq_server, a second without buffered ring", rc, errno);
    if (rc == 0) {
        t_result("the two ids", "%s", second != id ? "differ" : "the same");
        port = 0;
        T_RC("compat get_ioreq_server_info of the second, its port",
             xc_hvm_get_ioreq_server_info(xch, hvm, second, NULL, NULL, &port));
        T_RC("compat map_io_range of ports the first has",
             xc_hvm_map_io_range_to_ioreq_server(xch, hvm, second, 0, 0x1008, 0x1008));
        T_RC("compat destroy_ioreq_server of the second",
             xc_hvm_destroy_ioreq_server(xch, hvm, second));
    }

    T_RC("compat unmap_io_range ports", xc_hvm_unmap_io_range_from_ioreq_server(xch, hvm, id, 0,
                                                                               0x1000, 0x100f));
    T_RC("compat unmap_io_range ports again",
         xc_hvm_unmap_io_range_from_ioreq_server(xch, hvm, id, 0, 0x1000, 0x100f));
    T_RC("compat unmap_io_range mmio", xc_hvm_unmap_io_range_from_ioreq_server(xch, hvm, id, 1,
                                                                              0xe0000000,
                                                                              0xe0000fff));
    T_RC("compat unmap_pcidev 0000:00:03.0",
         xc_hvm_unmap_pcidev_from_ioreq_server(xch, hvm, id, 0, 0, 3, 0));
    T_RC("compat unmap_pcidev of one never mapped",
         xc_hvm_unmap_pcidev_from_ioreq_server(xch, hvm, id, 0, 0, 4, 0));
    T_RC("compat destroy_ioreq_server", xc_hvm_destroy_ioreq_server(xch, hvm, id));
    T_RC("compat destroy_ioreq_server again", xc_hvm_destroy_ioreq_server(xch, hvm, id));
    T_RC("compat set_ioreq_server_state of no server",
         xc_hvm_set_ioreq_server_state(xch, hvm, id, 1));
    T_RC("compat map_io_range of no server",
         xc_hvm_map_io_range_to_ioreq_server(xch, hvm, id, 0, 0x1000, 0x100f));
    T_RC("compat create_ioreq_server of a PV domain",
         xc_hvm_create_ioreq_server(xch, pv, HVM_IOREQSRV_BUFIOREQ_OFF, &id));
    T_RC("compat create_ioreq_server of no domain",
         xc_hvm_create_ioreq_server(xch, NO_DOMAIN, HVM_IOREQSRV_BUFIOREQ_OFF, &id));
    T_RC("compat create_ioreq_server of an unknown bufioreq kind",
         xc_hvm_create_ioreq_server(xch, hvm, 7, &id));
}

/* Lines are put back down, routes back to none. */
static void interrupts(xc_interface *xch, uint32_t hvm, uint32_t pv)
{
    T_RC("compat set_pci_intx_level 00:03 INTA up", xc_hvm_set_pci_intx_level(xch, hvm, 0, 0, 3,
                                                                             0, 1));
    T_RC("compat set_pci_intx_level 00:03 INTA down",
         xc_hvm_set_pci_intx_level(xch, hvm, 0, 0, 3, 0, 0));
    T_RC("compat set_pci_intx_level INTx 4", xc_hvm_set_pci_intx_level(xch, hvm, 0, 0, 3, 4, 1));
    T_RC("compat set_pci_intx_level level 2", xc_hvm_set_pci_intx_level(xch, hvm, 0, 0, 3, 0, 2));
    T_RC("compat set_pci_intx_level of a PV domain",
         xc_hvm_set_pci_intx_level(xch, pv, 0, 0, 3, 0, 1));
    T_RC("compat set_isa_irq_level 9 up", xc_hvm_set_isa_irq_level(xch, hvm, 9, 1));
    T_RC("compat set_isa_irq_level 9 down", xc_hvm_set_isa_irq_level(xch, hvm, 9, 0));
    T_RC("compat set_isa_irq_level 16", xc_hvm_set_isa_irq_level(xch, hvm, 16, 1));
    T_RC("compat set_isa_irq_level of no domain", xc_hvm_set_isa_irq_level(xch, NO_DOMAIN, 9, 1));
    T_RC("compat set_pci_link_route 2 to 11", xc_hvm_set_pci_link_route(xch, hvm, 2, 11));
    T_RC("compat set_pci_link_route 2 to none", xc_hvm_set_pci_link_route(xch, hvm, 2, 0));
    T_RC("compat set_pci_link_route link 4", xc_hvm_set_pci_link_route(xch, hvm, 4, 5));
    T_RC("compat set_pci_link_route to IRQ 16", xc_hvm_set_pci_link_route(xch, hvm, 0, 16));
    T_RC("compat inject_msi vector 0x45", xc_hvm_inject_msi(xch, hvm, 0xfee00000u, 0x45));
    T_RC("compat inject_msi outside the MSI window", xc_hvm_inject_msi(xch, hvm, 0x1000, 0x45));
    T_RC("compat inject_msi of a PV domain", xc_hvm_inject_msi(xch, pv, 0xfee00000u, 0x45));
}

static void memory(xc_interface *xch, uint32_t hvm, uint32_t pv)
{
    unsigned long vram[2];
    uint8_t dirty[2];

    T_RC("compat set_mem_type ram_ro", xc_hvm_set_mem_type(xch, hvm, HVMMEM_ram_ro, GFN, 2));
    t_result("the types of the two gfns and the next", "%d %d %d",
             testdom_mem_type((int)hvm, GFN), testdom_mem_type((int)hvm, GFN + 1),
             testdom_mem_type((int)hvm, GFN + 2));
    T_RC("compat set_mem_type ram_rw", xc_hvm_set_mem_type(xch, hvm, HVMMEM_ram_rw, GFN, 2));
    t_result("the types back", "%d %d", testdom_mem_type((int)hvm, GFN),
             testdom_mem_type((int)hvm, GFN + 1));
    T_RC("compat set_mem_type unused", xc_hvm_set_mem_type(xch, hvm, HVMMEM_unused, GFN, 1));
    T_RC("compat set_mem_type of an unpopulated gfn",
         xc_hvm_set_mem_type(xch, hvm, HVMMEM_ram_ro, UNPOPULATED, 1));
    T_RC("compat set_mem_type of a PV domain", xc_hvm_set_mem_type(xch, pv, HVMMEM_ram_ro, 0, 1));

    memset(vram, 0, sizeof(vram));
    T_RC("compat track_dirty_vram first call", xc_hvm_track_dirty_vram(xch, hvm, 0, 8, vram));
    t_result("the first report", "%#lx %#lx", vram[0], vram[1]);
    memset(vram, 0, sizeof(vram));
    T_RC("compat track_dirty_vram second call", xc_hvm_track_dirty_vram(xch, hvm, 0, 8, vram));
    t_result("the second report", "%#lx %#lx", vram[0], vram[1]);
    T_RC("compat track_dirty_vram stop", xc_hvm_track_dirty_vram(xch, hvm, 0, 0, vram));
    T_RC("compat track_dirty_vram of a PV domain", xc_hvm_track_dirty_vram(xch, pv, 0, 8, vram));

    T_RC("compat modified_memory, log-dirty off", xc_hvm_modified_memory(xch, hvm, GFN, 1));
    if (testdom_log_dirty((int)hvm, true) == 0) {
        T_RC("compat modified_memory, log-dirty on", xc_hvm_modified_memory(xch, hvm, GFN, 2));
        memset(dirty, 0, sizeof(dirty));
        if (testdom_dirty_peek((int)hvm, dirty, 16) == 0)
            t_result("the log-dirty bitmap", "%#x %#x", dirty[0], dirty[1]);
        T_RC("compat modified_memory beyond the domain",
             xc_hvm_modified_memory(xch, hvm, UNPOPULATED, 1));
        testdom_log_dirty((int)hvm, false);
    }
    T_RC("compat modified_memory of no domain", xc_hvm_modified_memory(xch, NO_DOMAIN, 0, 1));
}

void diff_hvm(xc_interface *xch, const struct diff_domains *d)
{
    ioreq_server(xch, (uint32_t)d->hvm, (uint32_t)d->pv);
    interrupts(xch, (uint32_t)d->hvm, (uint32_t)d->pv);
    memory(xch, (uint32_t)d->hvm, (uint32_t)d->pv);
}
