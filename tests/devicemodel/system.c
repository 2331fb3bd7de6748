/* SPDX-License-Identifier: MIT */
/*
 * System tests of libxendevicemodel, in a Xen dom0, against real HVM
 * domains (tests/lib/testdom.h).  Every call's effect is read back from
 * Xen wherever Xen shows it: an ioreq server's pages (mapped through
 * libxenforeignmemory) and event channels (bound through libxenevtchn),
 * the ranges it holds (Xen refuses a second claim), interrupt lines and
 * the local APIC in the domain's saved state, memory types, dirty
 * bitmaps, moved memory, the domain's shutdown reason and vCPU count.
 *
 * Ioreq servers are only ever asked for their event channel, never for
 * gfns: on these domains, which have no ioreq gfns reserved, that
 * followed by destroying the server panics Xen 4.17.7
 * (../shared/xen-in-qemu.md).
 */
#define __XEN_TOOLS__ 1         /* for <xen/hvm/save.h>'s record types */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xendevicemodel.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "testdom.h"
#include "testlib.h"

/* <xen/hvm/save.h> uses anonymous unions, which strict ISO C refuses
 * before C11: last of the includes (see testdom.c). */
#undef __STRICT_ANSI__
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/hvm/ioreq.h>
#include <xen/hvm/save.h>

#define PAGE 4096
#define GUEST_PAGES 1024
#define GUEST_VCPUS 2
/* Guest frames none of the domains have. */
#define HOLE_GFN 0x90000

static int hvm = -1;            /* GUEST_PAGES populated, GUEST_VCPUS vCPUs */
static int other = -1;          /* a second HVM domain */

/* ------------------------------------------------------------ helpers */

static xendevicemodel_handle *open_dm(void)
{
    xendevicemodel_handle *dmod = xendevicemodel_open(NULL, 0);

    CHECKF(dmod != NULL, "xendevicemodel_open: %s", strerror(errno));
    return dmod;
}

/* The call's result is -1 with errno err. */
#define CHECK_FAILS(call, err)                                                                \
    do {                                                                                      \
        int rc_ = (call);                                                                     \
        int errno_ = errno;                                                                   \
        CHECKF(rc_ == -1 && errno_ == (err), "%s: rc %d, errno %s (want %s)", #call, rc_,     \
               strerror(errno_), strerror(err));                                              \
    } while (0)

#define CHECK_OK(call)                                                                        \
    do {                                                                                      \
        int rc_ = (call);                                                                     \
        CHECKF(rc_ == 0, "%s: rc %d, errno %s", #call, rc_, strerror(errno));                 \
    } while (0)

/* Page gfn of domid, mapped read-write; NULL when Xen refuses it. */
static uint32_t *map_gfn(xenforeignmemory_handle *fmem, int domid, xen_pfn_t gfn)
{
    int err = 0;
    void *p = xenforeignmemory_map(fmem, (uint32_t)domid, PROT_READ | PROT_WRITE, 1, &gfn, &err);

    if (p && err) {
        xenforeignmemory_unmap(fmem, p, 1);
        p = NULL;
    }
    return p;
}

/* Writes word `value` at the start of guest page gfn. */
static bool poke(xenforeignmemory_handle *fmem, int domid, xen_pfn_t gfn, uint32_t value)
{
    uint32_t *p = map_gfn(fmem, domid, gfn);

    if (!p)
        return false;
    p[0] = value;
    xenforeignmemory_unmap(fmem, p, 1);
    return true;
}

/* The word at the start of guest page gfn, or ~0 when it has no page. */
static uint64_t peek(xenforeignmemory_handle *fmem, int domid, xen_pfn_t gfn)
{
    uint32_t *p = map_gfn(fmem, domid, gfn);
    uint64_t v;

    if (!p)
        return UINT64_MAX;
    v = p[0];
    xenforeignmemory_unmap(fmem, p, 1);
    return v;
}

/* Whether dom0 can bind to port of domid: it is an unbound channel of that
 * domain offered to dom0. */
static bool port_offered(xenevtchn_handle *xce, int domid, evtchn_port_t port)
{
    xenevtchn_port_or_error_t local = xenevtchn_bind_interdomain(xce, (uint32_t)domid, port);

    if (local < 0)
        return false;
    xenevtchn_unbind(xce, (evtchn_port_t)local);
    return true;
}

static bool bit(const void *bitmap, unsigned i)
{
    return ((const uint8_t *)bitmap)[i / 8] >> (i % 8) & 1;
}

/* ------------------------------------------------------------ handles */

static void test_open_close(void)
{
    struct t_fd_set before;
    xendevicemodel_handle *dmod;

    t_fds_snapshot(&before);
    for (int i = 0; i < 300; i++) {
        dmod = xendevicemodel_open(NULL, 0);
        if (!CHECK_NE(dmod, NULL))
            return;
        CHECK_EQ(xendevicemodel_close(dmod), 0);
    }
    dmod = xendevicemodel_open(NULL, 0);
    CHECKF(t_check_new_fds_cloexec(&before) >= 1, "the handle's descriptors are close-on-exec");
    xendevicemodel_close(dmod);
    t_check_fds_as_before(&before);
    CHECK_EQ(xendevicemodel_close(NULL), 0);
    errno = 0;
    CHECK(xendevicemodel_open(NULL, 1) == NULL && errno == EINVAL);
}

/* ------------------------------------------------------------ ioreq servers */

/*
 * The whole life of a server with a buffered ring, in the order qemu
 * uses: create, map its pages, learn its event channel, claim ports,
 * MMIO and a PCI device, enable, disable, give them back, destroy.
 */
static void test_ioreq_server_lifecycle(void)
{
    xendevicemodel_handle *dmod = open_dm();
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    xenforeignmemory_resource_handle *fres = NULL;
    ioservid_t id = 0xffff;
    evtchn_port_t bufport = 0;
    char *pages = NULL;
    const shared_iopage_t *iopage;

    if (!dmod || !CHECK(fmem && xce))
        goto out;
    CHECK_OK(xendevicemodel_create_ioreq_server(dmod, (domid_t)hvm, 2 /* atomic */, &id));
    if (!CHECKF(id != 0xffff, "create_ioreq_server gave no id"))
        goto out;

    /* Frame 0 is the buffered ring, frame 1 the synchronous ioreq page. */
    fres = xenforeignmemory_map_resource(fmem, (domid_t)hvm, XENMEM_resource_ioreq_server, id,
                                         0, 2, (void **)&pages, PROT_READ | PROT_WRITE, 0);
    if (!CHECKF(fres != NULL, "map_resource of the server's pages: %s", strerror(errno)))
        goto out;
    iopage = (const shared_iopage_t *)(pages + PAGE);

    CHECK_OK(xendevicemodel_get_ioreq_server_info(dmod, (domid_t)hvm, id, NULL, NULL, &bufport));
    CHECKF(bufport != 0 && port_offered(xce, hvm, bufport),
           "buffered ring's port %u is an unbound channel of the guest for dom0", bufport);

    /* Ranges: Xen refuses to give the same server an overlapping range
     * twice, and to take back one it does not have. */
    CHECK_OK(xendevicemodel_map_io_range_to_ioreq_server(dmod, (domid_t)hvm, id, 0, 0x200, 0x20f));
    CHECK_FAILS(xendevicemodel_map_io_range_to_ioreq_server(dmod, (domid_t)hvm, id, 0, 0x20f,
                                                            0x210),
                EEXIST);
    CHECK_OK(xendevicemodel_map_io_range_to_ioreq_server(dmod, (domid_t)hvm, id, 1, 0xfe000000,
                                                         0xfe000fff));
    CHECK_FAILS(xendevicemodel_map_io_range_to_ioreq_server(dmod, (domid_t)hvm, id, 1,
                                                            0xfe000800, 0xfe000800),
                EEXIST);
    CHECK_OK(xendevicemodel_map_pcidev_to_ioreq_server(dmod, (domid_t)hvm, id, 0, 0, 5, 0));
    CHECK_FAILS(xendevicemodel_map_pcidev_to_ioreq_server(dmod, (domid_t)hvm, id, 0, 0, 5, 0),
                EEXIST);
    /* The port range and the PCI device are different kinds of range. */
    CHECK_OK(xendevicemodel_map_pcidev_to_ioreq_server(dmod, (domid_t)hvm, id, 0, 0, 5, 1));

    /* Enabling fills in each vCPU's event channel in the ioreq page. */
    CHECK_OK(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)hvm, id, 1));
    for (int v = 0; v < GUEST_VCPUS; v++) {
        evtchn_port_t port = iopage->vcpu_ioreq[v].vp_eport;

        CHECKF(port != 0 && port != bufport && port_offered(xce, hvm, port),
               "vCPU %d's ioreq port %u is a channel of the guest for dom0", v, port);
    }
    CHECKF(iopage->vcpu_ioreq[0].vp_eport != iopage->vcpu_ioreq[1].vp_eport,
           "each vCPU has its own ioreq channel");
    CHECK_OK(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)hvm, id, 0));

    CHECK_OK(xendevicemodel_unmap_io_range_from_ioreq_server(dmod, (domid_t)hvm, id, 0, 0x200,
                                                             0x20f));
    CHECK_FAILS(xendevicemodel_unmap_io_range_from_ioreq_server(dmod, (domid_t)hvm, id, 0,
                                                                0x200, 0x20f),
                ENOENT);
    CHECK_OK(xendevicemodel_unmap_io_range_from_ioreq_server(dmod, (domid_t)hvm, id, 1,
                                                             0xfe000000, 0xfe000fff));
    CHECK_OK(xendevicemodel_unmap_pcidev_from_ioreq_server(dmod, (domid_t)hvm, id, 0, 0, 5, 0));
    CHECK_FAILS(xendevicemodel_unmap_pcidev_from_ioreq_server(dmod, (domid_t)hvm, id, 0, 0, 5, 0),
                ENOENT);
    /* Given back, a range can be claimed again. */
    CHECK_OK(xendevicemodel_map_io_range_to_ioreq_server(dmod, (domid_t)hvm, id, 0, 0x200, 0x20f));

    CHECK_OK(xenforeignmemory_unmap_resource(fmem, fres));
    fres = NULL;
    CHECK_OK(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, id));
    /* Gone: its id, and its channels with it. */
    CHECK_FAILS(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, id), ENOENT);
    CHECK_FAILS(xendevicemodel_get_ioreq_server_info(dmod, (domid_t)hvm, id, NULL, NULL,
                                                     &bufport),
                ENOENT);
    CHECK_FAILS(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)hvm, id, 1), ENOENT);
    CHECKF(!port_offered(xce, hvm, bufport), "the buffered ring's channel closed with the server");
out:
    if (fres)
        xenforeignmemory_unmap_resource(fmem, fres);
    xenevtchn_close(xce);
    xenforeignmemory_close(fmem);
    xendevicemodel_close(dmod);
}

/* A server without a buffered ring has no such port; Xen holds at most
 * 8 servers per domain, and ids of destroyed ones are free again. */
static void test_ioreq_server_limits(void)
{
    enum { MAX_SERVERS = 8 };
    xendevicemodel_handle *dmod = open_dm();
    ioservid_t ids[MAX_SERVERS], extra;
    evtchn_port_t port = 12345;
    int made = 0;

    if (!dmod)
        return;
    for (; made < MAX_SERVERS; made++)
        if (xendevicemodel_create_ioreq_server(dmod, (domid_t)hvm, 0, &ids[made]) < 0)
            break;
    CHECKF(made == MAX_SERVERS, "made %d servers: %s", made, strerror(errno));
    CHECK_FAILS(xendevicemodel_create_ioreq_server(dmod, (domid_t)hvm, 0, &extra), ENOSPC);
    if (made > 0) {
        int rc = xendevicemodel_get_ioreq_server_info(dmod, (domid_t)hvm, ids[0], NULL, NULL,
                                                      &port);

        CHECKF(rc == 0 && port == 0, "no buffered ring, no port: rc %d, port %u", rc, port);
    }
    for (int i = 0; i < made; i++)
        CHECK_OK(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, ids[i]));
    CHECK_OK(xendevicemodel_create_ioreq_server(dmod, (domid_t)hvm, 1, &extra));
    CHECK_OK(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, extra));
    xendevicemodel_close(dmod);
}

/* ------------------------------------------------------------ memory types */

static void test_mem_types(void)
{
    xendevicemodel_handle *dmod = open_dm();
    ioservid_t a, b;

    if (!dmod)
        return;
    CHECK_OK(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_ram_ro, 300, 2));
    CHECK_EQ(testdom_mem_type(hvm, 300), HVMMEM_ram_ro);
    CHECK_EQ(testdom_mem_type(hvm, 301), HVMMEM_ram_ro);
    CHECK_EQ(testdom_mem_type(hvm, 302), HVMMEM_ram_rw);
    CHECK_OK(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_ram_rw, 300, 2));
    CHECK_EQ(testdom_mem_type(hvm, 300), HVMMEM_ram_rw);
    CHECK_EQ(testdom_mem_type(hvm, 301), HVMMEM_ram_rw);
    /* A hole below the highest gfn may become emulated MMIO: make one. */
    CHECK_OK(xendevicemodel_relocate_memory(dmod, (domid_t)hvm, 1, 330, HOLE_GFN + 1));
    CHECK_OK(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_mmio_dm, 330, 1));
    CHECK_EQ(testdom_mem_type(hvm, 330), HVMMEM_mmio_dm);
    CHECK_EQ(testdom_mem_type(hvm, HOLE_GFN + 1), HVMMEM_ram_rw);
    /* Beyond the highest gfn. */
    CHECK_FAILS(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_mmio_dm, 0x1000000, 1),
                EINVAL);
    CHECK_FAILS(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_unused, 300, 1), EINVAL);

    /* Pages of type ioreq_server go to the one server that has the type. */
    if (xendevicemodel_create_ioreq_server(dmod, (domid_t)hvm, 0, &a) < 0 ||
        xendevicemodel_create_ioreq_server(dmod, (domid_t)hvm, 0, &b) < 0) {
        CHECKF(false, "create_ioreq_server: %s", strerror(errno));
        xendevicemodel_close(dmod);
        return;
    }
    CHECK_OK(xendevicemodel_map_mem_type_to_ioreq_server(dmod, (domid_t)hvm, a,
                                                         HVMMEM_ioreq_server,
                                                         XEN_DMOP_IOREQ_MEM_ACCESS_WRITE));
    CHECK_FAILS(xendevicemodel_map_mem_type_to_ioreq_server(dmod, (domid_t)hvm, b,
                                                            HVMMEM_ioreq_server,
                                                            XEN_DMOP_IOREQ_MEM_ACCESS_WRITE),
                EBUSY);
    CHECK_FAILS(xendevicemodel_map_mem_type_to_ioreq_server(dmod, (domid_t)hvm, a, HVMMEM_ram_ro,
                                                            XEN_DMOP_IOREQ_MEM_ACCESS_WRITE),
                EINVAL);
    CHECK_OK(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_ioreq_server, 310, 1));
    CHECK_EQ(testdom_mem_type(hvm, 310), HVMMEM_ioreq_server);
    CHECK_OK(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_ram_rw, 310, 1));
    CHECK_EQ(testdom_mem_type(hvm, 310), HVMMEM_ram_rw);
    CHECK_OK(xendevicemodel_map_mem_type_to_ioreq_server(dmod, (domid_t)hvm, a,
                                                         HVMMEM_ioreq_server, 0));
    /* Released by a, the type is free for b. */
    CHECK_OK(xendevicemodel_map_mem_type_to_ioreq_server(dmod, (domid_t)hvm, b,
                                                         HVMMEM_ioreq_server,
                                                         XEN_DMOP_IOREQ_MEM_ACCESS_WRITE));
    CHECK_OK(xendevicemodel_map_mem_type_to_ioreq_server(dmod, (domid_t)hvm, b,
                                                         HVMMEM_ioreq_server, 0));
    CHECK_OK(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, a));
    CHECK_OK(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, b));
    xendevicemodel_close(dmod);
}

/* ------------------------------------------------------------ interrupts */

static void test_interrupt_lines(void)
{
    xendevicemodel_handle *dmod = open_dm();
    struct hvm_hw_pci_link link;
    struct hvm_hw_pci_irqs pci;
    struct hvm_hw_isa_irqs isa;

    if (!dmod)
        return;
    CHECK_OK(xendevicemodel_set_pci_link_route(dmod, (domid_t)hvm, 2, 11));
    CHECK(testdom_hvm_record(hvm, HVM_SAVE_CODE(PCI_LINK), 0, &link, sizeof(link)) ==
              (int)sizeof(link) &&
          link.route[2] == 11);
    CHECK_OK(xendevicemodel_set_pci_link_route(dmod, (domid_t)hvm, 2, 0));
    CHECK(testdom_hvm_record(hvm, HVM_SAVE_CODE(PCI_LINK), 0, &link, sizeof(link)) > 0 &&
          link.route[2] == 0);

    /* PCI device 3's INTB is wire 3 * 4 + 1. */
    CHECK_OK(xendevicemodel_set_pci_intx_level(dmod, (domid_t)hvm, 0, 0, 3, 1, 1));
    CHECK(testdom_hvm_record(hvm, HVM_SAVE_CODE(PCI_IRQ), 0, &pci, sizeof(pci)) > 0 &&
          bit(pci.i, 13) && !bit(pci.i, 12));
    CHECK_OK(xendevicemodel_set_pci_intx_level(dmod, (domid_t)hvm, 0, 0, 3, 1, 0));
    CHECK(testdom_hvm_record(hvm, HVM_SAVE_CODE(PCI_IRQ), 0, &pci, sizeof(pci)) > 0 &&
          !bit(pci.i, 13));
    CHECK_FAILS(xendevicemodel_set_pci_intx_level(dmod, (domid_t)hvm, 0, 1, 3, 1, 1), EINVAL);

    CHECK_OK(xendevicemodel_set_isa_irq_level(dmod, (domid_t)hvm, 9, 1));
    CHECK(testdom_hvm_record(hvm, HVM_SAVE_CODE(ISA_IRQ), 0, &isa, sizeof(isa)) > 0 &&
          bit(isa.i, 9) && !bit(isa.i, 10));
    CHECK_OK(xendevicemodel_set_isa_irq_level(dmod, (domid_t)hvm, 9, 0));
    CHECK(testdom_hvm_record(hvm, HVM_SAVE_CODE(ISA_IRQ), 0, &isa, sizeof(isa)) > 0 &&
          !bit(isa.i, 9));

    /* The generic line call serves Arm guests: x86 Xen refuses it. */
    CHECK_FAILS(xendevicemodel_set_irq_level(dmod, (domid_t)hvm, 20, 1), EOPNOTSUPP);
    xendevicemodel_close(dmod);
}

/*
 * An MSI to APIC id 2 (Xen numbers vCPU n's local APIC 2n), vector 0x45:
 * Xen takes it.  The guest never ran, so its local APICs are still
 * software-disabled (SVR bit 8 clear, as the saved state shows), and
 * Xen rightly latches nothing in their IRRs; that is checked too, so a
 * change in either would show here.  Seeing the vector arrive would take
 * a guest that enabled its APIC.
 */
static void test_inject_msi(void)
{
    enum { VECTOR = 0x45, IRR = 0x200, SVR = 0xf0 };
    xendevicemodel_handle *dmod = open_dm();
    struct hvm_hw_lapic_regs regs;
    uint32_t irr, svr;

    if (!dmod)
        return;
    CHECK_OK(xendevicemodel_inject_msi(dmod, (domid_t)hvm, 0xfee00000u | (2u << 12), VECTOR));
    for (int v = 0; v < GUEST_VCPUS; v++) {
        if (!CHECK_EQ(testdom_hvm_record(hvm, HVM_SAVE_CODE(LAPIC_REGS), (unsigned)v, &regs,
                                      sizeof(regs)), (int)sizeof(regs)))
            break;
        /* IRR: eight 32-bit registers, 16 bytes apart. */
        memcpy(&irr, regs.data + IRR + (VECTOR / 32) * 16, 4);
        memcpy(&svr, regs.data + SVR, 4);
        CHECKF(!(svr & 0x100) && !(irr >> (VECTOR % 32) & 1),
               "vCPU %d: SVR %#x, IRR %#x: a disabled APIC latched vector %#x", v, svr, irr,
               VECTOR);
    }
    xendevicemodel_close(dmod);
}

/* A paused vCPU keeps the event until it runs: a second is refused. */
static void test_inject_event(void)
{
    xendevicemodel_handle *dmod = open_dm();

    if (!dmod)
        return;
    CHECK_OK(xendevicemodel_inject_event(dmod, (domid_t)hvm, 0, 2, XEN_DMOP_EVENT_nmi, ~0u, 0,
                                         0));
    CHECK_FAILS(xendevicemodel_inject_event(dmod, (domid_t)hvm, 0, 2, XEN_DMOP_EVENT_nmi, ~0u,
                                            0, 0),
                EBUSY);
    /* The other vCPU has none pending yet. */
    CHECK_OK(xendevicemodel_inject_event(dmod, (domid_t)hvm, 1, 14, XEN_DMOP_EVENT_hw_exc, 2, 0,
                                         0x1000));
    CHECK_FAILS(xendevicemodel_inject_event(dmod, (domid_t)hvm, GUEST_VCPUS, 2,
                                            XEN_DMOP_EVENT_nmi, ~0u, 0, 0),
                EINVAL);
    xendevicemodel_close(dmod);
}

/* ------------------------------------------------------------ memory */

static void test_dirty_tracking(void)
{
    enum { FIRST = 512, NR = 64 };
    xendevicemodel_handle *dmod = open_dm();
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    unsigned long vram[NR / (8 * sizeof(unsigned long)) + 1];
    uint8_t logdirty[GUEST_PAGES / 8];
    struct xen_dm_op_modified_memory_extent ext[2] = {
        { .first_pfn = 40, .nr = 2 },
        { .first_pfn = 50, .nr = 1 },
    };
    int n;

    if (!dmod || !CHECK(fmem))
        goto out;
    /* The first call starts tracking and reports every page. */
    memset(vram, 0, sizeof(vram));
    CHECK_OK(xendevicemodel_track_dirty_vram(dmod, (domid_t)hvm, FIRST, NR, vram));
    n = 0;
    for (unsigned i = 0; i < NR; i++)
        n += bit(vram, i);
    CHECKF(n == NR, "first report: %d of %d pages dirty", n, NR);
    CHECKF(!bit(vram, NR), "nothing beyond the range is written");

    /* The guest does not run: nothing written since. */
    memset(vram, 0, sizeof(vram));
    CHECK_OK(xendevicemodel_track_dirty_vram(dmod, (domid_t)hvm, FIRST, NR, vram));
    n = 0;
    for (unsigned i = 0; i < NR; i++)
        n += bit(vram, i);
    CHECKF(n == 0, "second report: %d pages dirty", n);

    /* The frame buffer's report: a page whose type went back to writable
     * RAM (as a guest's write makes it) is dirty, untouched ones are not.
     * Writes through a foreign mapping do not count: device models report
     * them with modified_memory, below. */
    CHECK(poke(fmem, hvm, FIRST + 5, 0x5a5a5a5a));
    CHECK_OK(xendevicemodel_set_mem_type(dmod, (domid_t)hvm, HVMMEM_ram_rw, FIRST + 9, 1));
    memset(vram, 0, sizeof(vram));
    CHECK_OK(xendevicemodel_track_dirty_vram(dmod, (domid_t)hvm, FIRST, NR, vram));
    CHECKF(bit(vram, 9), "page %d reported dirty", FIRST + 9);
    CHECKF(!bit(vram, 5) && !bit(vram, 8) && !bit(vram, 10) && !bit(vram, 63),
           "other pages clean");
    /* Stop tracking. */
    CHECK_OK(xendevicemodel_track_dirty_vram(dmod, (domid_t)hvm, 0, 0, NULL));

    /* What a device model reports lands in the log-dirty bitmap of a
     * migration; with none under way, reports are accepted and dropped. */
    CHECK_OK(xendevicemodel_modified_memory(dmod, (domid_t)hvm, 0x10000000, 1));
    if (!CHECK_EQ(testdom_log_dirty(hvm, true), 0))
        goto out;
    CHECK(poke(fmem, hvm, FIRST + 5, 0xa5a5a5a5));
    CHECK_OK(xendevicemodel_modified_memory(dmod, (domid_t)hvm, FIRST + 5, 1));
    CHECK_OK(xendevicemodel_modified_memory_bulk(dmod, (domid_t)hvm, ext, 2));
    if (CHECK_EQ(testdom_dirty_peek(hvm, logdirty, GUEST_PAGES), 0)) {
        n = 0;
        for (unsigned i = 0; i < GUEST_PAGES; i++)
            n += bit(logdirty, i);
        CHECKF(bit(logdirty, FIRST + 5), "modified_memory marked page %d", FIRST + 5);
        CHECKF(bit(logdirty, 40) && bit(logdirty, 41) && bit(logdirty, 50),
               "modified_memory_bulk marked pages 40, 41 and 50");
        CHECKF(n == 4, "%d pages dirty, want those 4", n);
    }
    /* Checked against the guest's memory now. */
    CHECK_FAILS(xendevicemodel_modified_memory(dmod, (domid_t)hvm, 0x10000000, 1), EINVAL);
    CHECK_EQ(testdom_log_dirty(hvm, false), 0);
out:
    xenforeignmemory_close(fmem);
    xendevicemodel_close(dmod);
}

/* The page moves with its contents, leaving a hole behind. */
static void test_relocate_memory(void)
{
    enum { SRC = 700 };
    xendevicemodel_handle *dmod = open_dm();
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);

    if (!dmod || !CHECK(fmem))
        goto out;
    CHECK(poke(fmem, hvm, SRC, 0xc0ffee01));
    CHECK_OK(xendevicemodel_relocate_memory(dmod, (domid_t)hvm, 1, SRC, HOLE_GFN));
    CHECKF(peek(fmem, hvm, HOLE_GFN) == 0xc0ffee01, "the data is at gfn %#x",
           (unsigned)HOLE_GFN);
    CHECKF(peek(fmem, hvm, SRC) == UINT64_MAX, "gfn %d is a hole", SRC);
    CHECK_OK(xendevicemodel_relocate_memory(dmod, (domid_t)hvm, 1, HOLE_GFN, SRC));
    CHECK_EQ(peek(fmem, hvm, SRC), 0xc0ffee01);
    CHECK_EQ(peek(fmem, hvm, HOLE_GFN), UINT64_MAX);
out:
    xenforeignmemory_close(fmem);
    xendevicemodel_close(dmod);
}

/* Xen keeps the pinned ranges: it refuses an overlapping one and the
 * removal of one it does not have. */
static void test_pin_memory_cacheattr(void)
{
    xendevicemodel_handle *dmod = open_dm();

    if (!dmod)
        return;
    CHECK_FAILS(xendevicemodel_pin_memory_cacheattr(dmod, (domid_t)hvm, 100, 110,
                                                    XEN_DMOP_DELETE_MEM_CACHEATTR),
                ENOENT);
    CHECK_OK(xendevicemodel_pin_memory_cacheattr(dmod, (domid_t)hvm, 100, 110,
                                                 XEN_DMOP_MEM_CACHEATTR_WB));
    CHECK_FAILS(xendevicemodel_pin_memory_cacheattr(dmod, (domid_t)hvm, 105, 120,
                                                    XEN_DMOP_MEM_CACHEATTR_UC),
                EBUSY);
    /* The same range again only changes its type. */
    CHECK_OK(xendevicemodel_pin_memory_cacheattr(dmod, (domid_t)hvm, 100, 110,
                                                 XEN_DMOP_MEM_CACHEATTR_UC));
    CHECK_OK(xendevicemodel_pin_memory_cacheattr(dmod, (domid_t)hvm, 100, 110,
                                                 XEN_DMOP_DELETE_MEM_CACHEATTR));
    CHECK_FAILS(xendevicemodel_pin_memory_cacheattr(dmod, (domid_t)hvm, 100, 110,
                                                    XEN_DMOP_DELETE_MEM_CACHEATTR),
                ENOENT);
    xendevicemodel_close(dmod);
}

/* ------------------------------------------------------------ the domain */

static void test_nr_vcpus(void)
{
    xendevicemodel_handle *dmod = open_dm();
    struct testdom_info info;
    unsigned vcpus = 0;

    if (!dmod)
        return;
    CHECK_OK(xendevicemodel_nr_vcpus(dmod, (domid_t)hvm, &vcpus));
    CHECKF(vcpus == GUEST_VCPUS, "%u vCPUs", vcpus);
    CHECK(testdom_info(hvm, &info) == 0 && info.vcpus == vcpus);
    CHECK_OK(xendevicemodel_nr_vcpus(dmod, (domid_t)other, &vcpus));
    CHECKF(vcpus == 1, "the other domain: %u vCPUs", vcpus);
    xendevicemodel_close(dmod);
}

/* The reason Xen records is the one asked for. */
static void test_shutdown(void)
{
    static const unsigned reasons[] = { SHUTDOWN_reboot, SHUTDOWN_watchdog, SHUTDOWN_soft_reset };
    xendevicemodel_handle *dmod = open_dm();

    if (!dmod)
        return;
    for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
        int domid = testdom_create_hvm(0);
        struct testdom_info info = { .shutdown = false };

        if (!CHECK_GE(domid, 0))
            break;
        CHECK_OK(xendevicemodel_shutdown(dmod, (domid_t)domid, reasons[i]));
        CHECKF(testdom_info(domid, &info) == 0 && info.shutdown &&
                   info.shutdown_code == reasons[i],
               "domain %d: shut down %d, code %u (asked %u)", domid, info.shutdown,
               info.shutdown_code, reasons[i]);
        testdom_destroy(domid);
    }
    xendevicemodel_close(dmod);
}

/* Confined to one domain by the kernel, whether by the library's own call
 * or by libxentoolcore. */
static void test_restrict(void)
{
    xendevicemodel_handle *dmod = open_dm();
    unsigned vcpus = 0;
    int status = -1;
    pid_t pid;

    if (!dmod)
        return;
    CHECK_OK(xendevicemodel_restrict(dmod, (domid_t)hvm));
    CHECK_OK(xendevicemodel_nr_vcpus(dmod, (domid_t)hvm, &vcpus));
    CHECK_EQ(vcpus, GUEST_VCPUS);
    CHECK_FAILS(xendevicemodel_nr_vcpus(dmod, (domid_t)other, &vcpus), EPERM);
    CHECK_FAILS(xendevicemodel_set_isa_irq_level(dmod, (domid_t)other, 3, 0), EPERM);
    CHECK_OK(xendevicemodel_restrict(dmod, (domid_t)hvm));
    CHECK_FAILS(xendevicemodel_restrict(dmod, (domid_t)other), EINVAL);
    xendevicemodel_close(dmod);

    /* In a child: it restricts every handle of the process, the test
     * domains' own included.  Its exit status is the number of checks
     * that went wrong. */
    dmod = open_dm();
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        int wrong = 0;

        wrong += xentoolcore_restrict_all((domid_t)other) != 0;
        wrong += xendevicemodel_nr_vcpus(dmod, (domid_t)other, &vcpus) != 0 || vcpus != 1;
        wrong += xendevicemodel_nr_vcpus(dmod, (domid_t)hvm, &vcpus) != -1 || errno != EPERM;
        _exit(wrong);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "after xentoolcore_restrict_all: status %#x", status);
    xendevicemodel_close(dmod);
}

/* ------------------------------------------------------------ refusals */

/* call fails with errno err, and the handle logs a message holding `what`.
 * (What the library refuses itself is tested in tests/devicemodel/host.c.) */
#define CHECK_REFUSED(call, err, what)                                                        \
    do {                                                                                      \
        struct t_capture cap_;                                                                \
        xendevicemodel_handle *dmod;                                                          \
        int rc_ = 0, errno_ = 0;                                                              \
        t_capture_start(&cap_);                                                               \
        dmod = xendevicemodel_open(cap_.logger, 0);                                           \
        if (dmod) {                                                                           \
            rc_ = (call);                                                                     \
            errno_ = errno;                                                                   \
            xendevicemodel_close(dmod);                                                       \
        }                                                                                     \
        CHECKF(rc_ == -1 && errno_ == (err), "%s: rc %d, errno %s (want %s)", #call, rc_,     \
               strerror(errno_), strerror(err));                                              \
        t_capture_end(&cap_);                                                                 \
        CHECKF(strstr(cap_.text, (what)) != NULL, "%s: logged \"%s\", want \"%s\"", #call,    \
               cap_.text, (what));                                                            \
        free(cap_.text);                                                                      \
    } while (0)

/* What Xen refuses comes back as errno, logged with the operation. */
static void test_refused_by_xen(void)
{
    char want[64];
    unsigned vcpus;

    snprintf(want, sizeof(want), "destroy_ioreq_server (domain %d) failed", hvm);
    CHECK_REFUSED(xendevicemodel_destroy_ioreq_server(dmod, (domid_t)hvm, 0x7777), ENOENT, want);
    CHECK_REFUSED(xendevicemodel_set_ioreq_server_state(dmod, (domid_t)hvm, 0x7777, 1), ENOENT,
                  "set_ioreq_server_state (domain");
    CHECK_REFUSED(xendevicemodel_map_io_range_to_ioreq_server(dmod, (domid_t)hvm, 0x7777, 0, 1,
                                                              2),
                  ENOENT, "map_io_range_to_ioreq_server (domain");
    CHECK_REFUSED(xendevicemodel_nr_vcpus(dmod, 0x7000, &vcpus), ESRCH,
                  "nr_vcpus (domain 28672) failed");
}

/* A PV domain has no device model: every dm_op is refused. */
static void test_pv_domain(void)
{
    xendevicemodel_handle *dmod = open_dm();
    int pv = testdom_create_pv();
    ioservid_t id;

    if (!dmod || !CHECK_GE(pv, 0))
        goto out;
    CHECK_FAILS(xendevicemodel_create_ioreq_server(dmod, (domid_t)pv, 0, &id), EINVAL);
    CHECK_FAILS(xendevicemodel_set_isa_irq_level(dmod, (domid_t)pv, 3, 1), EINVAL);
    testdom_destroy(pv);
out:
    xendevicemodel_close(dmod);
}

int main(void)
{
    t_expect_library("libxendevicemodel.so.1", (const void *)xendevicemodel_open);
    hvm = testdom_create_hvm_vcpus(GUEST_PAGES, GUEST_VCPUS);
    other = testdom_create_hvm(16);
    if (hvm < 0 || other < 0) {
        printf("FAIL: test domains: cannot create them\n");
        return 1;
    }
    T_CASE(test_open_close, "open and close: close-on-exec, nothing leaked");
    T_CASE(test_ioreq_server_lifecycle, "ioreq server: pages, channels, ranges, state, destroy");
    T_CASE(test_ioreq_server_limits, "ioreq server: no buffered ring, at most 8");
    T_CASE(test_mem_types, "memory types, read back; mem type claimed by a server");
    T_CASE(test_interrupt_lines, "interrupt lines and link routes in the saved state");
    T_CASE(test_inject_msi, "inject_msi: taken; disabled APICs latch nothing");
    T_CASE(test_inject_event, "inject_event: pending on the vCPU");
    T_CASE(test_dirty_tracking, "dirty tracking: track_dirty_vram, modified_memory(_bulk)");
    T_CASE(test_relocate_memory, "relocate_memory: the data at the new gfn");
    T_CASE(test_pin_memory_cacheattr, "pin_memory_cacheattr: ranges kept by Xen");
    T_CASE(test_nr_vcpus, "nr_vcpus: the domain's count");
    T_CASE(test_shutdown, "shutdown: the reason Xen records");
    T_CASE(test_refused_by_xen, "refused by Xen: errno and a logged reason");
    T_CASE(test_pv_domain, "a PV domain is refused");
    T_CASE(test_restrict, "restrict: other domains refused (EPERM), xentoolcore_restrict_all");
    testdom_destroy(hvm);
    testdom_destroy(other);
    return t_exit_status();
}
