/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xendevicemodel.h - the device model operations of Xen (dm_op): what a
 * program emulating an HVM guest's devices (qemu, or a stub domain) asks
 * of Xen.
 *
 * Library: libxendevicemodel.so.1 (stable API and ABI over Xen's stable
 * dm_op interface).
 *
 * A device model registers "ioreq servers" with Xen: a server receives
 * the guest's accesses to the I/O ports, MMIO ranges and PCI devices it
 * claims, through pages shared with Xen (mapped with libxenforeignmemory,
 * resource XENMEM_resource_ioreq_server) and event channels.  Beside
 * that, the calls here raise the guest's interrupt lines, inject events,
 * change the types of its memory, track which of its pages were written,
 * move its memory and shut it down.
 *
 * Every call (but open and close) issues one dm_op for domain domid
 * through the privcmd driver's IOCTL_PRIVCMD_DM_OP, handing the kernel
 * the caller's own buffers; on kernels without that ioctl, through the
 * dm_op hypercall via libxencall.  Every call is safe to make from
 * several threads on one handle.
 *
 * Errors: every call returning int returns 0 on success and -1 with
 * errno set on failure, and logs the failure as an error through the
 * handle's logger (XTL_ERROR), once.  A NULL handle is refused with
 * EINVAL and logs nothing (there is no logger).  Besides the errno values
 * each call lists, any call on a domain may fail with:
 *   ESRCH   no domain domid exists (a reserved id such as DOMID_SELF
 *           included: a device model serves another domain);
 *   EPERM   the handle is restricted to another domain, or the caller may
 *           not control domid;
 *   EINVAL  domid is not an HVM domain;
 *   E2BIG   a buffer exceeds what the kernel passes to Xen at once (its
 *           xen_privcmd.dm_op_buf_max_size, 4096 bytes by default);
 *   EFAULT  a buffer the caller gave is not readable or writable memory;
 *   ENOMEM, EINTR, and for a kernel without dm_op support, ENOTTY.
 *
 * Pages and frame numbers are Xen's 4096-byte pages of the guest's
 * physical address space (GFNs, called pfns in the older names below).
 */
#ifndef XENDEVICEMODEL_H
#define XENDEVICEMODEL_H

#include <stdint.h>

/* domid_t, xen_pfn_t, evtchn_port_t, ioservid_t, the dm_op structs and
 * constants, hvmmem_type_t. */
#include <xen/xen.h>
#include <xen/hvm/dm_op.h>
#include <xen/hvm/hvm_op.h>

/* A logger from <xentoollog.h>; only needed by callers who pass one. */
struct xentoollog_logger;

/* An open connection to the privcmd driver for dm_ops.  Opaque. */
typedef struct xendevicemodel_handle xendevicemodel_handle;

/*
 * xendevicemodel_open - open a handle.
 *
 * logger receives the handle's messages; NULL gives the handle a logger
 * of its own writing to stderr at XTL_PROGRESS and above.  open_flags
 * must be 0.  Its descriptors are close-on-exec, and the handle is
 * registered with libxentoolcore, so that xentoolcore_restrict_all()
 * restricts it as xendevicemodel_restrict() would.
 *
 * Returns the handle, or NULL with errno set and the cause logged: EINVAL
 * for unknown open_flags; ENOENT when there is no privcmd device (not a
 * Xen domain, or the xen-privcmd module not loaded); EACCES when the
 * caller may not open it; ENOMEM; EMFILE or ENFILE.
 */
xendevicemodel_handle *xendevicemodel_open(struct xentoollog_logger *logger,
                                           unsigned int open_flags);

/*
 * xendevicemodel_close - close a handle.  NULL is no error.  Returns 0,
 * or -1 with errno set when closing a descriptor failed; the handle is
 * freed either way.  Never logs.
 */
int xendevicemodel_close(xendevicemodel_handle *dmod);

/*
 * xendevicemodel_create_ioreq_server - create an ioreq server for domid,
 * disabled, claiming nothing yet.
 *
 * handle_bufioreq says whether it has a buffered ioreq ring too:
 * HVM_IOREQSRV_BUFIOREQ_OFF (no), HVM_IOREQSRV_BUFIOREQ_LEGACY (yes) or
 * HVM_IOREQSRV_BUFIOREQ_ATOMIC (yes, with the pointers updated
 * atomically).  On success *id is the new server's id.
 *
 * Errors: EINVAL for id NULL or another handle_bufioreq; ENOSPC when the
 * domain has as many servers as Xen allows (8); EPERM when the caller
 * is the domain itself.
 */
int xendevicemodel_create_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                       int handle_bufioreq, ioservid_t *id);

/*
 * xendevicemodel_get_ioreq_server_info - where server id's pages and
 * buffered-ring event channel are.
 *
 * Each of ioreq_gfn (the synchronous ioreq page), bufioreq_gfn (the
 * buffered ring's page) and bufioreq_port (the buffered ring's event
 * channel, bound to the device model's domain) may be NULL when not
 * wanted.  With both gfn pointers NULL, Xen is asked not to place the
 * pages in the guest's memory at all: the device model then maps them
 * with xenforeignmemory_map_resource() (the modern way).  Asking for
 * gfns makes Xen put the pages at gfns reserved by the domain builder
 * (HVM_PARAM_IOREQ_PFN, HVM_PARAM_BUFIOREQ_PFN and the ioreq server
 * pages); do not ask on a domain that has none.
 *
 * Errors: ENOENT when the domain has no server id; ENOENT or EINVAL
 * when it has no buffered ring but *bufioreq_gfn or *bufioreq_port was
 * asked for; ENOMEM when no gfns are left for the pages.
 */
int xendevicemodel_get_ioreq_server_info(xendevicemodel_handle *dmod, domid_t domid,
                                         ioservid_t id, xen_pfn_t *ioreq_gfn,
                                         xen_pfn_t *bufioreq_gfn,
                                         evtchn_port_t *bufioreq_port);

/*
 * xendevicemodel_map_io_range_to_ioreq_server - make server id receive
 * the guest's accesses to the range start..end, both included: I/O ports
 * (is_mmio 0; ports are below 0x10000) or guest physical addresses
 * (is_mmio non-zero).
 *
 * Errors: EINVAL when start > end or a port range goes beyond 0xffff;
 * ENOENT for an unknown server id; EEXIST when the range overlaps one the
 * server already has; E2BIG or ENOMEM when the server has too many
 * ranges.
 */
int xendevicemodel_map_io_range_to_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                                ioservid_t id, int is_mmio, uint64_t start,
                                                uint64_t end);

/*
 * xendevicemodel_unmap_io_range_from_ioreq_server - the reverse: the
 * range must be one that xendevicemodel_map_io_range_to_ioreq_server()
 * gave the server.
 *
 * Errors: EINVAL when start > end or a port range goes beyond 0xffff;
 * ENOENT for an unknown server id or a range the server does not have.
 */
int xendevicemodel_unmap_io_range_from_ioreq_server(xendevicemodel_handle *dmod,
                                                    domid_t domid, ioservid_t id, int is_mmio,
                                                    uint64_t start, uint64_t end);

/*
 * xendevicemodel_map_mem_type_to_ioreq_server - make server id receive
 * the guest's accesses to the pages of memory type `type` (only
 * HVMMEM_ioreq_server is possible), for the kinds of access in flags
 * (XEN_DMOP_IOREQ_MEM_ACCESS_WRITE is the only one Xen forwards), or
 * with flags 0 stop doing so.  One server at a time may have the type.
 *
 * Errors: EINVAL for another type or flags; ENOENT for an unknown server
 * id; EBUSY when another server has the type, or (flags 0) pages of the
 * type remain; EOPNOTSUPP when Xen cannot (no HAP).
 */
int xendevicemodel_map_mem_type_to_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                                ioservid_t id, uint16_t type,
                                                uint32_t flags);

/*
 * xendevicemodel_map_pcidev_to_ioreq_server - make server id receive the
 * guest's PCI configuration space accesses to the device
 * segment:bus:device.function.
 *
 * Errors: EINVAL when device > 31 or function > 7; ENOENT for an unknown
 * server id; EEXIST when the server has the device already.
 */
int xendevicemodel_map_pcidev_to_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                              ioservid_t id, uint16_t segment, uint8_t bus,
                                              uint8_t device, uint8_t function);

/*
 * xendevicemodel_unmap_pcidev_from_ioreq_server - the reverse.
 *
 * Errors: EINVAL when device > 31 or function > 7; ENOENT for an unknown
 * server id or a device the server does not have.
 */
int xendevicemodel_unmap_pcidev_from_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                                  ioservid_t id, uint16_t segment, uint8_t bus,
                                                  uint8_t device, uint8_t function);

/*
 * xendevicemodel_destroy_ioreq_server - destroy server id and everything
 * it claimed; its pages return to the guest's memory map if they were
 * taken from it.
 *
 * Errors: ENOENT for an unknown server id.
 */
int xendevicemodel_destroy_ioreq_server(xendevicemodel_handle *dmod, domid_t domid,
                                        ioservid_t id);

/*
 * xendevicemodel_set_ioreq_server_state - enable (enabled non-zero) or
 * disable server id.  Only an enabled server receives ioreqs; while it
 * is enabled, pages Xen placed at gfns are out of the guest's memory
 * map.
 *
 * Errors: ENOENT for an unknown server id.
 */
int xendevicemodel_set_ioreq_server_state(xendevicemodel_handle *dmod, domid_t domid,
                                          ioservid_t id, int enabled);

/*
 * xendevicemodel_set_pci_intx_level - raise (level 1) or lower (level 0)
 * the INTx line intx (0 = INTA .. 3 = INTD) of the emulated PCI device
 * segment:bus:device.  Xen emulates segment 0, bus 0 only.
 *
 * Errors: EINVAL when device > 31, intx > 3, level > 1, or for another
 * segment or bus.
 */
int xendevicemodel_set_pci_intx_level(xendevicemodel_handle *dmod, domid_t domid,
                                      uint16_t segment, uint8_t bus, uint8_t device,
                                      uint8_t intx, unsigned int level);

/*
 * xendevicemodel_set_isa_irq_level - raise (level 1) or lower (level 0)
 * the ISA interrupt line irq (0..15).
 *
 * Errors: EINVAL when irq > 15 or level > 1.
 */
int xendevicemodel_set_isa_irq_level(xendevicemodel_handle *dmod, domid_t domid, uint8_t irq,
                                     unsigned int level);

/*
 * xendevicemodel_set_irq_level - raise (level 1) or lower (level 0) the
 * guest's interrupt line irq, for guests whose interrupt controller Xen
 * numbers that way (Arm's); x86 guests have the calls above.
 *
 * Errors: EINVAL when level > 1 or the guest has no line irq;
 * EOPNOTSUPP on x86, where Xen 4.17 does not implement it.
 */
int xendevicemodel_set_irq_level(xendevicemodel_handle *dmod, domid_t domid, unsigned int irq,
                                 unsigned int level);

/*
 * xendevicemodel_set_pci_link_route - route the PCI interrupt link `link`
 * (0..3, the chipset's PIRQA..PIRQD) to ISA interrupt irq (1..15), or
 * with irq 0 disconnect it.
 *
 * Errors: EINVAL when link > 3 or irq > 15.
 */
int xendevicemodel_set_pci_link_route(xendevicemodel_handle *dmod, domid_t domid, uint8_t link,
                                      uint8_t irq);

/*
 * xendevicemodel_inject_msi - deliver the message-signalled interrupt a
 * device writes as msi_data to msi_addr (in the 0xfeeXXXXX window).
 *
 * Errors: EINVAL when Xen cannot deliver it (e.g. an address outside
 * the window).
 */
int xendevicemodel_inject_msi(xendevicemodel_handle *dmod, domid_t domid, uint64_t msi_addr,
                              uint32_t msi_data);

/*
 * xendevicemodel_track_dirty_vram - track writes to the nr guest pages
 * from first_pfn (a frame buffer) and report which were written.
 *
 * The first call for a range starts tracking it and reports every page
 * as written; each later call for the same range reports in
 * dirty_bitmap (bit i, in unsigned longs as the CPU orders them, for
 * page first_pfn + i; (nr + 7) / 8 bytes are written) the pages the
 * guest wrote since the previous call.  Another range replaces the
 * tracked one; nr 0 stops tracking (dirty_bitmap may then be NULL).
 * Xen sees the guest's own writes only: writes into its memory through
 * foreign mappings are not reported.
 *
 * Errors: EINVAL for a NULL dirty_bitmap with nr > 0, a range wrapping
 * around, or more pages than Xen tracks (1 GiB of memory); E2BIG
 * beyond 32768 pages (the kernel's buffer limit); EOPNOTSUPP or ENODATA
 * when Xen cannot track the domain's memory.
 */
int xendevicemodel_track_dirty_vram(xendevicemodel_handle *dmod, domid_t domid,
                                    uint64_t first_pfn, uint32_t nr,
                                    unsigned long *dirty_bitmap);

/*
 * xendevicemodel_modified_memory - tell Xen that the nr guest pages from
 * first_pfn were written by the device model (through foreign mappings),
 * so that log-dirty tracking (live migration) sees them.  Pages are only
 * marked while log-dirty tracking of the whole domain is on; otherwise
 * the call succeeds and does nothing.
 *
 * Errors: EINVAL when the range wraps around, or (while tracking is on)
 * goes beyond the guest's highest frame.
 */
int xendevicemodel_modified_memory(xendevicemodel_handle *dmod, domid_t domid,
                                   uint64_t first_pfn, uint32_t nr);

/*
 * xendevicemodel_modified_memory_bulk - the same for nr extents at once,
 * each a first_pfn and a count nr (its pad must be 0).  Large arrays are
 * handed to Xen in parts of at most 256 extents (the kernel's default
 * buffer limit); when a part fails, the parts before it took effect.
 * The array itself is not changed.
 *
 * Errors: EINVAL for extents NULL, nr 0, an extent with pad not 0, or
 * wrapping around, or (while tracking is on) beyond the guest's highest
 * frame; E2BIG for nr above 65536.
 */
int xendevicemodel_modified_memory_bulk(xendevicemodel_handle *dmod, domid_t domid,
                                        struct xen_dm_op_modified_memory_extent extents[],
                                        uint32_t nr);

/*
 * xendevicemodel_set_mem_type - make the nr guest pages from first_pfn
 * of type mem_type: HVMMEM_ram_rw, HVMMEM_ram_ro (writes are dropped),
 * HVMMEM_mmio_dm (accesses go to the device model; RAM or holes may
 * become it, it becomes nothing else), or HVMMEM_ioreq_server (to the
 * server that has the type; only from and back to HVMMEM_ram_rw).
 *
 * Errors: EINVAL for another mem_type (HVMMEM_unused included), a range
 * wrapping around or beyond the guest's highest frame, or a change Xen
 * does not allow between the page's type and mem_type; EAGAIN when a
 * page is paged out or shared.
 */
int xendevicemodel_set_mem_type(xendevicemodel_handle *dmod, domid_t domid,
                                hvmmem_type_t mem_type, uint64_t first_pfn, uint32_t nr);

/*
 * xendevicemodel_inject_event - make vCPU vcpu take an event when it next
 * enters the guest: vector `vector`, type one of XEN_DMOP_EVENT_*
 * (external interrupt, NMI, hardware or software exception or
 * interrupt), with error_code (~0U for none) and, for software events,
 * the instruction's length insn_len; extra is the faulting address (cr2)
 * of a page fault.
 *
 * Errors: EINVAL for a negative vcpu or one the domain does not have;
 * EBUSY when the vCPU still has an event pending.
 */
int xendevicemodel_inject_event(xendevicemodel_handle *dmod, domid_t domid, int vcpu,
                                uint8_t vector, uint8_t type, uint32_t error_code,
                                uint8_t insn_len, uint64_t extra);

/*
 * xendevicemodel_shutdown - shut domain domid down for reason `reason`,
 * one of SHUTDOWN_poweroff, _reboot, _suspend, _crash, _watchdog,
 * _soft_reset (<xen/sched.h>), as if the guest had asked: the
 * toolstack learns the reason from Xen.
 *
 * Errors: EINVAL for a reason above SHUTDOWN_MAX (5).
 */
int xendevicemodel_shutdown(xendevicemodel_handle *dmod, domid_t domid, unsigned int reason);

/*
 * xendevicemodel_relocate_memory - move the size guest pages from
 * src_gfn to dst_gfn (the memory, with its contents): they are gone from
 * src_gfn afterwards.  Used to move a frame buffer.
 *
 * Errors: EINVAL when a range wraps around or Xen refuses a page (not
 * RAM, or dst already taken by something it cannot replace); when a
 * page fails, the pages before it have moved.
 */
int xendevicemodel_relocate_memory(xendevicemodel_handle *dmod, domid_t domid, uint32_t size,
                                   uint64_t src_gfn, uint64_t dst_gfn);

/*
 * xendevicemodel_pin_memory_cacheattr - make the guest see the pages
 * start..end (gfns, both included) with cache type `type`, one of
 * XEN_DMOP_MEM_CACHEATTR_UC, _WC, _WT, _WP, _WB, _UCM, whatever its own
 * page tables and MTRRs say; or with XEN_DMOP_DELETE_MEM_CACHEATTR,
 * undo such a pin of exactly start..end.
 *
 * Errors: EINVAL when start > end or for another type; EBUSY when the
 * range overlaps another pinned range; ENOENT when deleting a range that
 * is not pinned.
 */
int xendevicemodel_pin_memory_cacheattr(xendevicemodel_handle *dmod, domid_t domid,
                                        uint64_t start, uint64_t end, uint32_t type);

/*
 * xendevicemodel_nr_vcpus - the number of vCPUs domain domid has (its
 * maximum, online or not), in *vcpus.
 *
 * Errors: EINVAL for vcpus NULL.
 */
int xendevicemodel_nr_vcpus(xendevicemodel_handle *dmod, domid_t domid, unsigned int *vcpus);

/*
 * xendevicemodel_restrict - confine the handle to domain domid for good:
 * the kernel then refuses (EPERM) every dm_op through it for another
 * domain.  Restricting again to the same domain is no error.
 *
 * Errors: EINVAL for a reserved domid, or when the handle is restricted
 * to another domain already; ENOTTY when the kernel cannot restrict.
 */
int xendevicemodel_restrict(xendevicemodel_handle *dmod, domid_t domid);

#endif /* XENDEVICEMODEL_H */
