/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxendevicemodel where there is no Xen: opening fails
 * cleanly; every call refuses a NULL handle; and, in a child whose
 * /dev/xen/privcmd is /dev/null, a handle opens (the driver knows no
 * dm_op ioctl, so the handle takes the libxencall route), every argument
 * check refuses bad input with errno and a message before Xen is asked,
 * what the driver refuses comes back as errno and a message, and nothing
 * leaks.  What Xen itself refuses is tested in tests/devicemodel/system.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xendevicemodel.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include <xen/sched.h>

#include "child.h"
#include "testlib.h"

static void test_open_without_driver(void)
{
    struct t_capture c;
    struct t_fd_set before;

    if (t_have_xen()) {
        fprintf(stderr, "  this machine has a privcmd driver: nothing to check\n");
        return;
    }
    t_fds_snapshot(&before);
    t_capture_start(&c);
    BAD_INPUT(xendevicemodel_open, "no driver (/dev/xen/privcmd absent)", NULLPTR(ENOENT),
              xendevicemodel_open(c.logger, 0));
    CHECKF(strcmp(t_capture_end(&c), "xendevicemodel: error: cannot open /dev/xen/privcmd: "
                                     "No such file or directory\n") == 0,
           "logged \"%s\"", c.text);
    free(c.text);
    t_check_fds_as_before(&before);
}

static void test_open_flags(void)
{
    struct t_capture c;

    t_capture_start(&c);
    BAD_INPUT(xendevicemodel_open, "unknown flags", NULLPTR(EINVAL),
              xendevicemodel_open(c.logger, 1));
    CHECKF(strstr(t_capture_end(&c), "xendevicemodel: error: xendevicemodel_open: unknown "
                                     "flags 0x1") != NULL,
           "logged \"%s\"", c.text);
    free(c.text);
}

static void test_null_handle(void)
{
    struct xen_dm_op_modified_memory_extent ext = { .first_pfn = 1, .nr = 1 };
    ioservid_t id;
    unsigned vcpus;
    unsigned long bm;

    BAD_INPUT(xendevicemodel_close, "NULL handle", RETURNS(0), xendevicemodel_close(NULL));
    BAD_INPUT(xendevicemodel_create_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_create_ioreq_server(NULL, 1, 0, &id));
    BAD_INPUT(xendevicemodel_get_ioreq_server_info, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_get_ioreq_server_info(NULL, 1, 0, NULL, NULL, NULL));
    BAD_INPUT(xendevicemodel_map_io_range_to_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_map_io_range_to_ioreq_server(NULL, 1, 0, 0, 1, 2));
    BAD_INPUT(xendevicemodel_unmap_io_range_from_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_unmap_io_range_from_ioreq_server(NULL, 1, 0, 0, 1, 2));
    BAD_INPUT(xendevicemodel_map_mem_type_to_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_map_mem_type_to_ioreq_server(NULL, 1, 0, HVMMEM_ioreq_server, 0));
    BAD_INPUT(xendevicemodel_map_pcidev_to_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_map_pcidev_to_ioreq_server(NULL, 1, 0, 0, 0, 1, 0));
    BAD_INPUT(xendevicemodel_unmap_pcidev_from_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_unmap_pcidev_from_ioreq_server(NULL, 1, 0, 0, 0, 1, 0));
    BAD_INPUT(xendevicemodel_destroy_ioreq_server, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_destroy_ioreq_server(NULL, 1, 0));
    BAD_INPUT(xendevicemodel_set_ioreq_server_state, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_set_ioreq_server_state(NULL, 1, 0, 1));
    BAD_INPUT(xendevicemodel_set_pci_intx_level, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_set_pci_intx_level(NULL, 1, 0, 0, 1, 0, 1));
    BAD_INPUT(xendevicemodel_set_isa_irq_level, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_set_isa_irq_level(NULL, 1, 1, 1));
    BAD_INPUT(xendevicemodel_set_irq_level, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_set_irq_level(NULL, 1, 1, 1));
    BAD_INPUT(xendevicemodel_set_pci_link_route, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_set_pci_link_route(NULL, 1, 0, 5));
    BAD_INPUT(xendevicemodel_inject_msi, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_inject_msi(NULL, 1, 0xfee00000, 0x30));
    BAD_INPUT(xendevicemodel_track_dirty_vram, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_track_dirty_vram(NULL, 1, 0, 1, &bm));
    BAD_INPUT(xendevicemodel_modified_memory, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_modified_memory(NULL, 1, 0, 1));
    BAD_INPUT(xendevicemodel_modified_memory_bulk, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_modified_memory_bulk(NULL, 1, &ext, 1));
    BAD_INPUT(xendevicemodel_set_mem_type, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_set_mem_type(NULL, 1, HVMMEM_ram_rw, 0, 1));
    BAD_INPUT(xendevicemodel_inject_event, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_inject_event(NULL, 1, 0, 2, 2, ~0u, 0, 0));
    BAD_INPUT(xendevicemodel_shutdown, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_shutdown(NULL, 1, 0));
    BAD_INPUT(xendevicemodel_relocate_memory, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_relocate_memory(NULL, 1, 1, 0, 1));
    BAD_INPUT(xendevicemodel_pin_memory_cacheattr, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_pin_memory_cacheattr(NULL, 1, 0, 1, 6));
    BAD_INPUT(xendevicemodel_nr_vcpus, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_nr_vcpus(NULL, 1, &vcpus));
    BAD_INPUT(xendevicemodel_restrict, "NULL handle", MINUS1(EINVAL),
              xendevicemodel_restrict(NULL, 1));
}

/* ------------------------------------------------------------ a fake driver */

static xendevicemodel_handle *dmod;
static struct t_capture log_dm;
static struct t_fd_set fake_before;

static void test_fake_open(void)
{
    CHECKF(t_check_new_fds_cloexec(&fake_before) >= 1, "descriptors close-on-exec");
}

static void test_fake_checks(void)
{
    struct xen_dm_op_modified_memory_extent ext[2] = { { .first_pfn = 1, .nr = 1, .pad = 1 } };
    const domid_t h = 1;
    ioservid_t id;
    unsigned vcpus;
    unsigned long bm[1];

    BAD_INPUT(xendevicemodel_create_ioreq_server, "NULL id pointer",

              MINUS1_LOGS(EINVAL, "xendevicemodel_create_ioreq_server: id is NULL"),

              xendevicemodel_create_ioreq_server(dmod, h, 0, NULL));
    BAD_INPUT(xendevicemodel_create_ioreq_server, "unknown handle_bufioreq",
              MINUS1_LOGS(EINVAL, "unknown handle_bufioreq 3"),
              xendevicemodel_create_ioreq_server(dmod, h, 3, &id));
    BAD_INPUT(xendevicemodel_create_ioreq_server, "negative handle_bufioreq",
              MINUS1_LOGS(EINVAL, "unknown handle_bufioreq -1"),
              xendevicemodel_create_ioreq_server(dmod, h, -1, &id));
    BAD_INPUT(xendevicemodel_create_ioreq_server, "DOMID_SELF",
              MINUS1_LOGS(ESRCH, "0x7ff0 is a reserved domain id, not a guest"),
              xendevicemodel_create_ioreq_server(dmod, DOMID_SELF, 0, &id));
    BAD_INPUT(xendevicemodel_nr_vcpus, "DOMID_INVALID",
              MINUS1_LOGS(ESRCH, "xendevicemodel_nr_vcpus: 0x7ff4 is a reserved domain id"),
              xendevicemodel_nr_vcpus(dmod, DOMID_INVALID, &vcpus));
    BAD_INPUT(xendevicemodel_nr_vcpus, "NULL vcpus pointer", MINUS1_LOGS(EINVAL, "vcpus is NULL"),
              xendevicemodel_nr_vcpus(dmod, h, NULL));
    BAD_INPUT(xendevicemodel_map_io_range_to_ioreq_server, "range ending before its start",
              MINUS1_LOGS(EINVAL, "range 0x20..0x10 ends before it starts"),
              xendevicemodel_map_io_range_to_ioreq_server(dmod, h, 0, 0, 0x20, 0x10));
    BAD_INPUT(xendevicemodel_unmap_io_range_from_ioreq_server, "I/O port range beyond 0xffff",
              MINUS1_LOGS(EINVAL, "I/O ports 0xfff0..0x10000 go beyond 0xffff"),
              xendevicemodel_unmap_io_range_from_ioreq_server(dmod, h, 0, 0, 0xfff0, 0x10000));
    BAD_INPUT(xendevicemodel_map_pcidev_to_ioreq_server, "PCI device number 32",
              MINUS1_LOGS(EINVAL, "no PCI device 0000:00:20.0"),
              xendevicemodel_map_pcidev_to_ioreq_server(dmod, h, 0, 0, 0, 32, 0));
    BAD_INPUT(xendevicemodel_unmap_pcidev_from_ioreq_server, "PCI function 8",
              MINUS1_LOGS(EINVAL, "no PCI device 0000:00:01.8"),
              xendevicemodel_unmap_pcidev_from_ioreq_server(dmod, h, 0, 0, 0, 1, 8));
    BAD_INPUT(xendevicemodel_set_pci_intx_level, "INTx pin 4",
              MINUS1_LOGS(EINVAL, "no INTx line 4 of PCI device 3"),
              xendevicemodel_set_pci_intx_level(dmod, h, 0, 0, 3, 4, 1));
    BAD_INPUT(xendevicemodel_set_pci_intx_level, "level 2",
              MINUS1_LOGS(EINVAL, "level 2 is neither 0 nor 1"),
              xendevicemodel_set_pci_intx_level(dmod, h, 0, 0, 3, 0, 2));
    BAD_INPUT(xendevicemodel_set_isa_irq_level, "ISA IRQ 16",
              MINUS1_LOGS(EINVAL, "no ISA interrupt 16"),
              xendevicemodel_set_isa_irq_level(dmod, h, 16, 1));
    BAD_INPUT(xendevicemodel_set_irq_level, "level 7", MINUS1_LOGS(EINVAL, "level 7 is neither"),
              xendevicemodel_set_irq_level(dmod, h, 5, 7));
    BAD_INPUT(xendevicemodel_set_pci_link_route, "PCI link 4",
              MINUS1_LOGS(EINVAL, "cannot route link 4 to ISA interrupt 5"),
              xendevicemodel_set_pci_link_route(dmod, h, 4, 5));
    BAD_INPUT(xendevicemodel_set_pci_link_route, "ISA IRQ 16 for a link",
              MINUS1_LOGS(EINVAL, "cannot route link 0 to ISA interrupt 16"),
              xendevicemodel_set_pci_link_route(dmod, h, 0, 16));
    BAD_INPUT(xendevicemodel_track_dirty_vram, "NULL bitmap",
              MINUS1_LOGS(EINVAL, "dirty_bitmap is NULL for 8 pages"),
              xendevicemodel_track_dirty_vram(dmod, h, 0, 8, NULL));
    BAD_INPUT(xendevicemodel_track_dirty_vram, "range wrapping around",
              MINUS1_LOGS(EINVAL, "2 pages from 0xffffffffffffffff wrap around"),
              xendevicemodel_track_dirty_vram(dmod, h, UINT64_MAX, 2, bm));
    BAD_INPUT(xendevicemodel_modified_memory, "range wrapping around",
              MINUS1_LOGS(EINVAL, "wrap around"),
              xendevicemodel_modified_memory(dmod, h, UINT64_MAX - 1, 3));
    BAD_INPUT(xendevicemodel_modified_memory_bulk, "zero extents",
              MINUS1_LOGS(EINVAL, "no extents (array given, 0)"),
              xendevicemodel_modified_memory_bulk(dmod, h, ext, 0));
    BAD_INPUT(xendevicemodel_modified_memory_bulk, "NULL extent array",
              MINUS1_LOGS(EINVAL, "no extents (NULL array, 1)"),
              xendevicemodel_modified_memory_bulk(dmod, h, NULL, 1));
    BAD_INPUT(xendevicemodel_modified_memory_bulk, "65537 extents",
              MINUS1_LOGS(E2BIG, "65537 extents, at most 65536"),
              xendevicemodel_modified_memory_bulk(dmod, h, ext, 65537));
    BAD_INPUT(xendevicemodel_modified_memory_bulk, "extent with nonzero pad",
              MINUS1_LOGS(EINVAL, "extent 0: pad is 0x1, not 0"),
              xendevicemodel_modified_memory_bulk(dmod, h, ext, 2));
    BAD_INPUT(xendevicemodel_set_mem_type, "unknown memory type",
              MINUS1_LOGS(EINVAL, "unknown memory type 65536"),
              xendevicemodel_set_mem_type(dmod, h, (hvmmem_type_t)0x10000, 1, 1));
    BAD_INPUT(xendevicemodel_inject_event, "vCPU -1", MINUS1_LOGS(EINVAL, "no vCPU -1"),
              xendevicemodel_inject_event(dmod, h, -1, 2, 2, ~0u, 0, 0));
    BAD_INPUT(xendevicemodel_shutdown, "unknown shutdown reason",
              MINUS1_LOGS(EINVAL, "unknown shutdown reason 6"),
              xendevicemodel_shutdown(dmod, h, SHUTDOWN_MAX + 1));
    BAD_INPUT(xendevicemodel_relocate_memory, "range wrapping around",
              MINUS1_LOGS(EINVAL, "wrap around"),
              xendevicemodel_relocate_memory(dmod, h, 4, 1, UINT64_MAX - 1));
    BAD_INPUT(xendevicemodel_pin_memory_cacheattr, "range ending before its start",
              MINUS1_LOGS(EINVAL, "range 0x9..0x8 ends before it starts"),
              xendevicemodel_pin_memory_cacheattr(dmod, h, 9, 8, 6));
    BAD_INPUT(xendevicemodel_pin_memory_cacheattr, "unknown cache type",
              MINUS1_LOGS(EINVAL, "unknown cache type 2"),
              xendevicemodel_pin_memory_cacheattr(dmod, h, 8, 9, 2));
    BAD_INPUT(xendevicemodel_restrict, "DOMID_INVALID",
              MINUS1_LOGS(EINVAL, "xendevicemodel_restrict: 0x7ff4 is a reserved domain id"),
              xendevicemodel_restrict(dmod, DOMID_INVALID));
}

/* /dev/null has no ioctls: neither the dm_op ioctl (probed at open) nor
 * libxencall's hypercall ioctl, whose refusal comes back as errno. */
static void test_fake_driver_refuses(void)
{
    unsigned vcpus;

    errno = 0;
    CHECK(xendevicemodel_nr_vcpus(dmod, 1, &vcpus) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xendevicemodel_set_isa_irq_level(dmod, 7, 3, 1) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK(xendevicemodel_restrict(dmod, 5) == -1 && errno == ENOTTY);
    CHECKF(t_logged(&log_dm, "nr_vcpus (domain 1) failed") &&
               t_logged(&log_dm, "set_isa_irq_level (domain 7) failed") &&
               t_logged(&log_dm, "cannot restrict the handle to domain 5"),
           "logged \"%s\"", t_capture_text(&log_dm));
    errno = 0;
    CHECK(xentoolcore_restrict_all(5) == -1 && errno == ENOTTY);
}

static void test_fake_close(void)
{
    CHECK_EQ(xendevicemodel_close(dmod), 0);
    t_capture_end(&log_dm);
    free(log_dm.text);
    t_check_fds_as_before(&fake_before);
}

/* The cases of a child whose /dev/xen/privcmd is /dev/null. */
static void fake_driver_cases(void)
{
    t_fds_snapshot(&fake_before);
    t_capture_start(&log_dm);
    t_bad_input_log(&log_dm);
    dmod = xendevicemodel_open(log_dm.logger, 0);
    T_CASE(test_fake_open, "devicemodel: fake driver: a handle opens, close-on-exec");
    if (dmod) {
        T_CASE(test_fake_checks,
               "devicemodel: fake driver: bad input refused with errno and a message");
        T_CASE(test_fake_driver_refuses,
               "devicemodel: fake driver: the driver's refusals come back as errno");
    }
    T_CASE(test_fake_close, "devicemodel: fake driver: close releases everything");
}

static void test_fake_driver(void)
{
    static const char *const drivers[] = { "privcmd", NULL };

    t_in_child_with_fake_devices(drivers, fake_driver_cases);
}

int main(void)
{
    t_expect_library("libxendevicemodel.so.1", (const void *)xendevicemodel_open);
    T_CASE(test_open_without_driver,
           "devicemodel: without the driver, open fails with ENOENT and says why");
    T_CASE(test_null_handle, "devicemodel: every call refuses a NULL handle with EINVAL");
    T_CASE(test_open_flags, "devicemodel: open refuses flags");
    T_CASE(test_fake_driver, "devicemodel: with a fake driver (child)");
    return t_exit_status();
}
