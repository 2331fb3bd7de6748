/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxendevicemodel: handles, argument checks and the marshalling of each
 * call into one struct xen_dm_op, independent of the OS.
 */
/* First: it sets the interface version of Xen's headers. */
#include "private.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <xen/sched.h>

/* Fails with errno err and logs why. */
#define REFUSE(h, err, ...) (errno = (err), xenlibs_handle_error(&(h)->base, __VA_ARGS__))

/* Extents of modified_memory_bulk handed to Xen in one dm_op: what fits
 * the kernel's default limit of 4096 bytes per buffer. */
#define EXTENTS_PER_OP (4096 / sizeof(struct xen_dm_op_modified_memory_extent))
/* More extents than any guest needs: a count beyond is a caller's bug,
 * and reading that many would run off the end of its array. */
#define MAX_EXTENTS 65536u

/* The highest handle_bufioreq of create_ioreq_server: Xen's
 * HVM_IOREQSRV_BUFIOREQ_ATOMIC, whose definition is tools-only. */
#define MAX_BUFIOREQ 2

/* The highest I/O port. */
#define MAX_PORT 0xffffu

/* The operations' names, for messages. */
static const char *const op_names[] = {
    [XEN_DMOP_create_ioreq_server] = "create_ioreq_server",
    [XEN_DMOP_get_ioreq_server_info] = "get_ioreq_server_info",
    [XEN_DMOP_map_io_range_to_ioreq_server] = "map_io_range_to_ioreq_server",
    [XEN_DMOP_unmap_io_range_from_ioreq_server] = "unmap_io_range_from_ioreq_server",
    [XEN_DMOP_set_ioreq_server_state] = "set_ioreq_server_state",
    [XEN_DMOP_destroy_ioreq_server] = "destroy_ioreq_server",
    [XEN_DMOP_track_dirty_vram] = "track_dirty_vram",
    [XEN_DMOP_set_pci_intx_level] = "set_pci_intx_level",
    [XEN_DMOP_set_isa_irq_level] = "set_isa_irq_level",
    [XEN_DMOP_set_pci_link_route] = "set_pci_link_route",
    [XEN_DMOP_modified_memory] = "modified_memory",
    [XEN_DMOP_set_mem_type] = "set_mem_type",
    [XEN_DMOP_inject_event] = "inject_event",
    [XEN_DMOP_inject_msi] = "inject_msi",
    [XEN_DMOP_map_mem_type_to_ioreq_server] = "map_mem_type_to_ioreq_server",
    [XEN_DMOP_remote_shutdown] = "shutdown",
    [XEN_DMOP_relocate_memory] = "relocate_memory",
    [XEN_DMOP_pin_memory_cacheattr] = "pin_memory_cacheattr",
    [XEN_DMOP_set_irq_level] = "set_irq_level",
    [XEN_DMOP_nr_vcpus] = "nr_vcpus",
};

/* ------------------------------------------------------------ handles */

static int setup_handle(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    xendevicemodel_handle *dmod = XENLIBS_HANDLE_OF(base, xendevicemodel_handle);
    bool has_ioctl;

    (void)flags;
    (void)arg;
    dmod->fd = -1;
    if (xendevicemodel__os_open(dmod, &has_ioctl) < 0)
        return -1;
    if (has_ioctl)
        return 0;
    /* libxencall logs why it could not open, through the same logger. */
    dmod->xcall = xencall_open(base->log.logger, 0);
    if (!dmod->xcall) {
        xendevicemodel__os_close(dmod);
        return -1;
    }
    return 0;
}

static int release_handle(struct xenlibs_handle *base)
{
    xendevicemodel_handle *dmod = XENLIBS_HANDLE_OF(base, xendevicemodel_handle);
    int rc = xencall_close(dmod->xcall);

    if (xendevicemodel__os_close(dmod) < 0)
        rc = -1;
    return rc;
}

/* The kernel's restriction covers the dm_op ioctl; libxencall's handle,
 * if any, registered itself with libxentoolcore and is restricted there. */
static int restrict_handle(struct xenlibs_handle *base, domid_t domid)
{
    return xendevicemodel__os_restrict(XENLIBS_HANDLE_OF(base, xendevicemodel_handle), domid);
}

/* No open flags. */
static const struct xenlibs_handle_kind kind = {
    .context = "xendevicemodel",
    XENLIBS_HANDLE_LAYOUT(xendevicemodel_handle),
    .open = setup_handle,
    .close = release_handle,
    .restrict_to = restrict_handle,
};

EXPORT xendevicemodel_handle *xendevicemodel_open(struct xentoollog_logger *logger,
                                                  unsigned int open_flags)
{
    return xenlibs_handle_open(&kind, logger, open_flags, NULL, __func__);
}

EXPORT int xendevicemodel_close(xendevicemodel_handle *dmod)
{
    return xenlibs_handle_close(dmod ? &dmod->base : NULL);
}

EXPORT int xendevicemodel_restrict(xendevicemodel_handle *dmod, domid_t domid)
{
    if (xenlibs_refuse_null_handle(dmod))
        return -1;
    /* The driver would take DOMID_INVALID as "no restriction". */
    if (domid >= DOMID_FIRST_RESERVED) {
        REFUSE(dmod, EINVAL, "%s: %#x is a reserved domain id", __func__, (unsigned)domid);
        return -1;
    }
    return xendevicemodel__os_restrict(dmod, domid);
}

/* ------------------------------------------------------------ issuing */

/*
 * The dm_op through libxencall, for kernels without the ioctl: every
 * buffer is copied into hypercall memory and back (only those Xen
 * writes, so that a caller's read-only array stays untouched).
 */
static int hypercall_dm_op(xendevicemodel_handle *dmod, domid_t domid, unsigned nr,
                           const struct dm_buf *bufs, unsigned written)
{
    xen_dm_op_buf_t *xbufs = xencall_alloc_buffer(dmod->xcall, nr * sizeof(*xbufs));
    void *copies[DM_MAX_BUFS] = { NULL };
    int rc = -1, saved_errno;
    unsigned i;

    if (!xbufs)
        return -1;
    for (i = 0; i < nr; i++) {
        copies[i] = xencall_alloc_buffer(dmod->xcall, bufs[i].size);
        if (!copies[i])
            goto out;
        memcpy(copies[i], bufs[i].ptr, bufs[i].size);
        set_xen_guest_handle(xbufs[i].h, copies[i]);
        xbufs[i].size = bufs[i].size;
    }
    rc = xencall3(dmod->xcall, __HYPERVISOR_dm_op, domid, nr, (uintptr_t)xbufs);
    for (i = 0; rc == 0 && i < nr; i++)
        if (written & (1u << i))
            memcpy(bufs[i].ptr, copies[i], bufs[i].size);
out:
    saved_errno = errno;
    for (i = 0; i < nr; i++)
        xencall_free_buffer(dmod->xcall, copies[i]);
    xencall_free_buffer(dmod->xcall, xbufs);
    errno = saved_errno;
    return rc;
}

/*
 * Issues op for domid, with the caller's buffer extra (extra_size bytes;
 * none when NULL) as the second buffer; extra_written says whether Xen
 * writes into it.  Returns 0, or -1 with errno set and the failure
 * logged.
 */
static int dm_op(xendevicemodel_handle *dmod, domid_t domid, struct xen_dm_op *op, void *extra,
                 size_t extra_size, bool extra_written)
{
    struct dm_buf bufs[DM_MAX_BUFS] = {
        { .ptr = op, .size = sizeof(*op) },
        { .ptr = extra, .size = extra_size },
    };
    unsigned nr = extra ? 2 : 1;
    int rc;

    if (dmod->xcall)
        rc = hypercall_dm_op(dmod, domid, nr, bufs, extra_written ? 3u : 1u);
    else
        rc = xendevicemodel__os_dm_op(dmod, domid, nr, bufs);
    if (rc < 0)
        xenlibs_handle_error(&dmod->base, "%s (domain %u) failed", op_names[op->op],
                             (unsigned)domid);
    return rc;
}

/*
 * What every call does first: false (errno set, and logged when there is
 * a handle) for a NULL handle or a domid no device model can serve.
 */
static bool usable(xendevicemodel_handle *dmod, domid_t domid, const char *function)
{
    if (xenlibs_refuse_null_handle(dmod))
        return false;
    if (domid >= DOMID_FIRST_RESERVED) {
        REFUSE(dmod, ESRCH, "%s: %#x is a reserved domain id, not a guest", function,
               (unsigned)domid);
        return false;
    }
    return true;
}

/* Refuses (EINVAL, logged) the range first..first + nr - 1 of guest
 * frames when it wraps around. */
static bool wraps(xendevicemodel_handle *dmod, const char *function, uint64_t first,
                  uint64_t nr)
{
    if (nr == 0 || first <= UINT64_MAX - (nr - 1))
        return false;
    REFUSE(dmod, EINVAL, "%s: %llu pages from %#llx wrap around", function,
           (unsigned long long)nr, (unsigned long long)first);
    return true;
}

/* ------------------------------------------------------------ ioreq servers */

EXPORT int xendevicemodel_create_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                              int handle_bufioreq, ioservid_t *id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };

    if (!usable(dmod, domid, __func__))
        return -1;
    if (!id) {
        REFUSE(dmod, EINVAL, "%s: id is NULL", __func__);
        return -1;
    }
    if (handle_bufioreq < 0 || handle_bufioreq > MAX_BUFIOREQ) {
        REFUSE(dmod, EINVAL, "%s: unknown handle_bufioreq %d", __func__, handle_bufioreq);
        return -1;
    }
    op.u.create_ioreq_server.handle_bufioreq = (uint8_t)handle_bufioreq;
    if (dm_op(dmod, domid, &op, NULL, 0, false) < 0)
        return -1;
    *id = op.u.create_ioreq_server.id;
    return 0;
}

EXPORT int xendevicemodel_get_ioreq_server_info(xendevicemodel_handle *dmod, domid_t domid,
                                                ioservid_t id, xen_pfn_t *ioreq_gfn,
                                                xen_pfn_t *bufioreq_gfn,
                                                evtchn_port_t *bufioreq_port)
{
    struct xen_dm_op op = { .op = XEN_DMOP_get_ioreq_server_info };
    struct xen_dm_op_get_ioreq_server_info *info = &op.u.get_ioreq_server_info;

    if (!usable(dmod, domid, __func__))
        return -1;
    info->id = id;
    /* Asking for gfns makes Xen take them from the guest: only when
     * wanted. */
    if (!ioreq_gfn && !bufioreq_gfn)
        info->flags = XEN_DMOP_no_gfns;
    if (dm_op(dmod, domid, &op, NULL, 0, false) < 0)
        return -1;
    if (ioreq_gfn)
        *ioreq_gfn = (xen_pfn_t)info->ioreq_gfn;
    if (bufioreq_gfn)
        *bufioreq_gfn = (xen_pfn_t)info->bufioreq_gfn;
    if (bufioreq_port)
        *bufioreq_port = info->bufioreq_port;
    return 0;
}

/* map_io_range and unmap_io_range, with a range of kind type. */
static int io_range(xendevicemodel_handle *dmod, domid_t domid, uint32_t cmd, ioservid_t id,
                    uint32_t type, uint64_t start, uint64_t end, const char *function)
{
    struct xen_dm_op op = { .op = cmd };
    struct xen_dm_op_ioreq_server_range *r = &op.u.map_io_range_to_ioreq_server;

    if (!usable(dmod, domid, function))
        return -1;
    if (start > end) {
        REFUSE(dmod, EINVAL, "%s: range %#llx..%#llx ends before it starts", function,
               (unsigned long long)start, (unsigned long long)end);
        return -1;
    }
    if (type == XEN_DMOP_IO_RANGE_PORT && end > MAX_PORT) {
        REFUSE(dmod, EINVAL, "%s: I/O ports %#llx..%#llx go beyond %#x", function,
               (unsigned long long)start, (unsigned long long)end, MAX_PORT);
        return -1;
    }
    r->id = id;
    r->type = type;
    r->start = start;
    r->end = end;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_map_io_range_to_ioreq_server(xendevicemodel_handle *dmod,
                                                       domid_t domid, ioservid_t id,
                                                       int is_mmio, uint64_t start,
                                                       uint64_t end)
{
    return io_range(dmod, domid, XEN_DMOP_map_io_range_to_ioreq_server, id,
                    is_mmio ? XEN_DMOP_IO_RANGE_MEMORY : XEN_DMOP_IO_RANGE_PORT, start, end,
                    __func__);
}

EXPORT int xendevicemodel_unmap_io_range_from_ioreq_server(xendevicemodel_handle *dmod,
                                                           domid_t domid, ioservid_t id,
                                                           int is_mmio, uint64_t start,
                                                           uint64_t end)
{
    return io_range(dmod, domid, XEN_DMOP_unmap_io_range_from_ioreq_server, id,
                    is_mmio ? XEN_DMOP_IO_RANGE_MEMORY : XEN_DMOP_IO_RANGE_PORT, start, end,
                    __func__);
}

/* A PCI device as a range of one, after refusing what the SBDF encoding
 * would silently fold onto another device. */
static int pcidev(xendevicemodel_handle *dmod, domid_t domid, uint32_t cmd, ioservid_t id,
                  uint16_t segment, uint8_t bus, uint8_t device, uint8_t function,
                  const char *caller)
{
    uint64_t sbdf;

    if (!usable(dmod, domid, caller))
        return -1;
    if (device > 31 || function > 7) {
        REFUSE(dmod, EINVAL, "%s: no PCI device %04x:%02x:%02x.%u (device 0..31, function 0..7)",
               caller, (unsigned)segment, (unsigned)bus, (unsigned)device, (unsigned)function);
        return -1;
    }
    sbdf = XEN_DMOP_PCI_SBDF(segment, bus, device, function);
    return io_range(dmod, domid, cmd, id, XEN_DMOP_IO_RANGE_PCI, sbdf, sbdf, caller);
}

EXPORT int xendevicemodel_map_pcidev_to_ioreq_server(xendevicemodel_handle *dmod,
                                                     domid_t domid, ioservid_t id,
                                                     uint16_t segment, uint8_t bus,
                                                     uint8_t device, uint8_t function)
{
    return pcidev(dmod, domid, XEN_DMOP_map_io_range_to_ioreq_server, id, segment, bus, device,
                  function, __func__);
}

EXPORT int xendevicemodel_unmap_pcidev_from_ioreq_server(xendevicemodel_handle *dmod,
                                                         domid_t domid, ioservid_t id,
                                                         uint16_t segment, uint8_t bus,
                                                         uint8_t device, uint8_t function)
{
    return pcidev(dmod, domid, XEN_DMOP_unmap_io_range_from_ioreq_server, id, segment, bus,
                  device, function, __func__);
}

EXPORT int xendevicemodel_map_mem_type_to_ioreq_server(xendevicemodel_handle *dmod,
                                                       domid_t domid, ioservid_t id,
                                                       uint16_t type, uint32_t flags)
{
    struct xen_dm_op op = { .op = XEN_DMOP_map_mem_type_to_ioreq_server };

    if (!usable(dmod, domid, __func__))
        return -1;
    op.u.map_mem_type_to_ioreq_server.id = id;
    op.u.map_mem_type_to_ioreq_server.type = type;
    op.u.map_mem_type_to_ioreq_server.flags = flags;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_destroy_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                               ioservid_t id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_destroy_ioreq_server };

    if (!usable(dmod, domid, __func__))
        return -1;
    op.u.destroy_ioreq_server.id = id;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_set_ioreq_server_state(xendevicemodel_handle *dmod, domid_t domid,
                                                 ioservid_t id, int enabled)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_ioreq_server_state };

    if (!usable(dmod, domid, __func__))
        return -1;
    op.u.set_ioreq_server_state.id = id;
    op.u.set_ioreq_server_state.enabled = !!enabled;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

/* ------------------------------------------------------------ interrupts */

/* Refuses (EINVAL, logged) a line level other than 0 and 1. */
static bool bad_level(xendevicemodel_handle *dmod, const char *function, unsigned int level)
{
    if (level <= 1)
        return false;
    REFUSE(dmod, EINVAL, "%s: level %u is neither 0 nor 1", function, level);
    return true;
}

EXPORT int xendevicemodel_set_pci_intx_level(xendevicemodel_handle *dmod, domid_t domid,
                                             uint16_t segment, uint8_t bus, uint8_t device,
                                             uint8_t intx, unsigned int level)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_pci_intx_level };

    if (!usable(dmod, domid, __func__) || bad_level(dmod, __func__, level))
        return -1;
    if (device > 31 || intx > 3) {
        REFUSE(dmod, EINVAL, "%s: no INTx line %u of PCI device %u (device 0..31, INTx 0..3)",
               __func__, (unsigned)intx, (unsigned)device);
        return -1;
    }
    op.u.set_pci_intx_level.domain = segment;
    op.u.set_pci_intx_level.bus = bus;
    op.u.set_pci_intx_level.device = device;
    op.u.set_pci_intx_level.intx = intx;
    op.u.set_pci_intx_level.level = (uint8_t)level;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_set_isa_irq_level(xendevicemodel_handle *dmod, domid_t domid,
                                            uint8_t irq, unsigned int level)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_isa_irq_level };

    if (!usable(dmod, domid, __func__) || bad_level(dmod, __func__, level))
        return -1;
    if (irq > 15) {
        REFUSE(dmod, EINVAL, "%s: no ISA interrupt %u (0..15)", __func__, (unsigned)irq);
        return -1;
    }
    op.u.set_isa_irq_level.isa_irq = irq;
    op.u.set_isa_irq_level.level = (uint8_t)level;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_set_irq_level(xendevicemodel_handle *dmod, domid_t domid,
                                        unsigned int irq, unsigned int level)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_irq_level };

    if (!usable(dmod, domid, __func__) || bad_level(dmod, __func__, level))
        return -1;
    op.u.set_irq_level.irq = irq;
    op.u.set_irq_level.level = (uint8_t)level;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_set_pci_link_route(xendevicemodel_handle *dmod, domid_t domid,
                                             uint8_t link, uint8_t irq)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_pci_link_route };

    if (!usable(dmod, domid, __func__))
        return -1;
    if (link > 3 || irq > 15) {
        REFUSE(dmod, EINVAL, "%s: cannot route link %u to ISA interrupt %u (links 0..3, "
               "interrupts 0..15)", __func__, (unsigned)link, (unsigned)irq);
        return -1;
    }
    op.u.set_pci_link_route.link = link;
    op.u.set_pci_link_route.isa_irq = irq;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_inject_msi(xendevicemodel_handle *dmod, domid_t domid,
                                     uint64_t msi_addr, uint32_t msi_data)
{
    struct xen_dm_op op = { .op = XEN_DMOP_inject_msi };

    if (!usable(dmod, domid, __func__))
        return -1;
    op.u.inject_msi.addr = msi_addr;
    op.u.inject_msi.data = msi_data;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_inject_event(xendevicemodel_handle *dmod, domid_t domid, int vcpu,
                                       uint8_t vector, uint8_t type, uint32_t error_code,
                                       uint8_t insn_len, uint64_t extra)
{
    struct xen_dm_op op = { .op = XEN_DMOP_inject_event };
    struct xen_dm_op_inject_event *e = &op.u.inject_event;

    if (!usable(dmod, domid, __func__))
        return -1;
    if (vcpu < 0) {
        REFUSE(dmod, EINVAL, "%s: no vCPU %d", __func__, vcpu);
        return -1;
    }
    e->vcpuid = (uint32_t)vcpu;
    e->vector = vector;
    e->type = type;
    e->error_code = error_code;
    e->insn_len = insn_len;
    e->cr2 = extra;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

/* ------------------------------------------------------------ memory */

EXPORT int xendevicemodel_track_dirty_vram(xendevicemodel_handle *dmod, domid_t domid,
                                           uint64_t first_pfn, uint32_t nr,
                                           unsigned long *dirty_bitmap)
{
    struct xen_dm_op op = { .op = XEN_DMOP_track_dirty_vram };

    if (!usable(dmod, domid, __func__) || wraps(dmod, __func__, first_pfn, nr))
        return -1;
    if (nr && !dirty_bitmap) {
        REFUSE(dmod, EINVAL, "%s: dirty_bitmap is NULL for %u pages", __func__, (unsigned)nr);
        return -1;
    }
    op.u.track_dirty_vram.first_pfn = first_pfn;
    op.u.track_dirty_vram.nr = nr;
    /* Xen writes one bit per page, rounded up to whole bytes, and wants
     * the buffer even when that is none (stopping, nr 0): then an empty
     * one at any writable address. */
    return dm_op(dmod, domid, &op, dirty_bitmap ? (void *)dirty_bitmap : (void *)&op,
                 ((size_t)nr + 7) / 8, true);
}

/* Refuses (logged) an extent Xen would refuse, naming it. */
static bool bad_extent(xendevicemodel_handle *dmod, const char *function,
                       const struct xen_dm_op_modified_memory_extent *e, uint32_t i)
{
    if (e->pad) {
        REFUSE(dmod, EINVAL, "%s: extent %u: pad is %#x, not 0", function, (unsigned)i,
               (unsigned)e->pad);
        return true;
    }
    return wraps(dmod, function, e->first_pfn, e->nr);
}

/* One modified_memory dm_op over nr extents (at most EXTENTS_PER_OP). */
static int modified_extents(xendevicemodel_handle *dmod, domid_t domid,
                            struct xen_dm_op_modified_memory_extent *extents, uint32_t nr)
{
    struct xen_dm_op op = { .op = XEN_DMOP_modified_memory };

    op.u.modified_memory.nr_extents = nr;
    return dm_op(dmod, domid, &op, extents, nr * sizeof(*extents), false);
}

EXPORT int xendevicemodel_modified_memory(xendevicemodel_handle *dmod, domid_t domid,
                                          uint64_t first_pfn, uint32_t nr)
{
    struct xen_dm_op_modified_memory_extent extent = { .first_pfn = first_pfn, .nr = nr };

    if (!usable(dmod, domid, __func__) || bad_extent(dmod, __func__, &extent, 0))
        return -1;
    return modified_extents(dmod, domid, &extent, 1);
}

EXPORT int xendevicemodel_modified_memory_bulk(xendevicemodel_handle *dmod, domid_t domid,
                                               struct xen_dm_op_modified_memory_extent extents[],
                                               uint32_t nr)
{
    if (!usable(dmod, domid, __func__))
        return -1;
    if (!extents || nr == 0) {
        REFUSE(dmod, EINVAL, "%s: no extents (%s, %u)", __func__,
               extents ? "array given" : "NULL array", (unsigned)nr);
        return -1;
    }
    if (nr > MAX_EXTENTS) {
        REFUSE(dmod, E2BIG, "%s: %u extents, at most %u are taken", __func__, (unsigned)nr,
               MAX_EXTENTS);
        return -1;
    }
    for (uint32_t i = 0; i < nr; i++)
        if (bad_extent(dmod, __func__, &extents[i], i))
            return -1;
    for (uint32_t done = 0; done < nr;) {
        uint32_t n = nr - done < EXTENTS_PER_OP ? nr - done : (uint32_t)EXTENTS_PER_OP;

        if (modified_extents(dmod, domid, extents + done, n) < 0)
            return -1;
        done += n;
    }
    return 0;
}

EXPORT int xendevicemodel_set_mem_type(xendevicemodel_handle *dmod, domid_t domid,
                                       hvmmem_type_t mem_type, uint64_t first_pfn, uint32_t nr)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_mem_type };

    if (!usable(dmod, domid, __func__) || wraps(dmod, __func__, first_pfn, nr))
        return -1;
    /* The field is 16 bits wide: a larger value would alias a valid one. */
    if ((unsigned)mem_type > UINT16_MAX) {
        REFUSE(dmod, EINVAL, "%s: unknown memory type %u", __func__, (unsigned)mem_type);
        return -1;
    }
    op.u.set_mem_type.mem_type = (uint16_t)mem_type;
    op.u.set_mem_type.first_pfn = first_pfn;
    op.u.set_mem_type.nr = nr;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_relocate_memory(xendevicemodel_handle *dmod, domid_t domid,
                                          uint32_t size, uint64_t src_gfn, uint64_t dst_gfn)
{
    struct xen_dm_op op = { .op = XEN_DMOP_relocate_memory };

    if (!usable(dmod, domid, __func__) || wraps(dmod, __func__, src_gfn, size) ||
        wraps(dmod, __func__, dst_gfn, size))
        return -1;
    op.u.relocate_memory.size = size;
    op.u.relocate_memory.src_gfn = src_gfn;
    op.u.relocate_memory.dst_gfn = dst_gfn;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_pin_memory_cacheattr(xendevicemodel_handle *dmod, domid_t domid,
                                               uint64_t start, uint64_t end, uint32_t type)
{
    struct xen_dm_op op = { .op = XEN_DMOP_pin_memory_cacheattr };

    if (!usable(dmod, domid, __func__))
        return -1;
    if (start > end) {
        REFUSE(dmod, EINVAL, "%s: range %#llx..%#llx ends before it starts", __func__,
               (unsigned long long)start, (unsigned long long)end);
        return -1;
    }
    switch (type) {
    case XEN_DMOP_MEM_CACHEATTR_UC:
    case XEN_DMOP_MEM_CACHEATTR_WC:
    case XEN_DMOP_MEM_CACHEATTR_WT:
    case XEN_DMOP_MEM_CACHEATTR_WP:
    case XEN_DMOP_MEM_CACHEATTR_WB:
    case XEN_DMOP_MEM_CACHEATTR_UCM:
    case XEN_DMOP_DELETE_MEM_CACHEATTR:
        break;
    default:
        REFUSE(dmod, EINVAL, "%s: unknown cache type %u", __func__, (unsigned)type);
        return -1;
    }
    op.u.pin_memory_cacheattr.start = start;
    op.u.pin_memory_cacheattr.end = end;
    op.u.pin_memory_cacheattr.type = type;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

/* ------------------------------------------------------------ the domain */

EXPORT int xendevicemodel_shutdown(xendevicemodel_handle *dmod, domid_t domid,
                                   unsigned int reason)
{
    struct xen_dm_op op = { .op = XEN_DMOP_remote_shutdown };

    if (!usable(dmod, domid, __func__))
        return -1;
    /* Xen records any number as the reason: refuse what no toolstack
     * would understand. */
    if (reason > SHUTDOWN_MAX) {
        REFUSE(dmod, EINVAL, "%s: unknown shutdown reason %u", __func__, reason);
        return -1;
    }
    op.u.remote_shutdown.reason = reason;
    return dm_op(dmod, domid, &op, NULL, 0, false);
}

EXPORT int xendevicemodel_nr_vcpus(xendevicemodel_handle *dmod, domid_t domid,
                                   unsigned int *vcpus)
{
    struct xen_dm_op op = { .op = XEN_DMOP_nr_vcpus };

    if (!usable(dmod, domid, __func__))
        return -1;
    if (!vcpus) {
        REFUSE(dmod, EINVAL, "%s: vcpus is NULL", __func__);
        return -1;
    }
    if (dm_op(dmod, domid, &op, NULL, 0, false) < 0)
        return -1;
    *vcpus = op.u.nr_vcpus.vcpus;
    return 0;
}
