/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xenctrl_compat.h - the calls libxenctrl keeps for programs written
 * before Xen split them into the stable libraries, as upstream 4.17's
 * header of the same name (which <xenctrl.h> includes at its end).  New
 * code uses the stable libraries.  Each group is declared only when the
 * program defines its macro before including <xenctrl.h>:
 *
 *   XC_WANT_COMPAT_MAP_FOREIGN_API  mapping other domains' memory
 *   XC_WANT_COMPAT_EVTCHN_API       xc_evtchn_*, a libxenevtchn handle
 *   XC_WANT_COMPAT_GNTTAB_API       xc_gnttab_* and xc_gntshr_*, libxengnttab
 *   XC_WANT_COMPAT_DEVICEMODEL_API  xc_hvm_*, through libxendevicemodel
 *
 * Each forwards to the stable library's call of the same job, whose
 * return values and errnos (documented in its header) it keeps.
 */
#ifndef XENCTRL_COMPAT_H
#define XENCTRL_COMPAT_H

/* Included alone, it needs the types of <xenctrl.h> (which includes this
 * header back at its end, then a no-op thanks to the guard above). */
#include "xenctrl.h"

#ifdef XC_WANT_COMPAT_MAP_FOREIGN_API
/*
 * Mapping another domain's memory (new code uses libxenforeignmemory,
 * whose handle xc_interface_fmem_handle() gives).
 *
 * xc_map_foreign_pages - maps the num frames arr of domain dom (machine
 * frames of a PV domain, gfns of an HVM one) with mmap() protection prot
 * into one range.  xc_map_foreign_range - maps the frames from mfn on
 * that size bytes (rounded up to pages) cover.  Release with munmap().
 * NULL on failure, with errno set (EINVAL: NULL handle, a negative
 * count or size, no pages; otherwise the first failing frame's error,
 * e.g. EFAULT or EPERM for a frame the domain does not have).
 */
void *xc_map_foreign_range(xc_interface *xch, uint32_t dom,
                           int size, int prot,
                           unsigned long mfn );

void *xc_map_foreign_pages(xc_interface *xch, uint32_t dom, int prot,
                           const xen_pfn_t *arr, int num );

/* Upstream hides this one from its own library's files (which define
 * XC_INTERNAL_COMPAT_MAP_FOREIGN_API) but the one defining it. */
#if !defined(XC_INTERNAL_COMPAT_MAP_FOREIGN_API) || \
     defined(XC_BUILDING_COMPAT_MAP_FOREIGN_API)
/*
 * xc_map_foreign_bulk - xenforeignmemory_map(): maps the num frames arr
 * of domain dom with protection prot into one range, where a frame that
 * cannot be mapped does not fail the call but has its negative errno in
 * err[i] (0 for each mapped one; err NULL: all or nothing).  Release
 * with munmap().  NULL with errno set when the range cannot be set up
 * (EINVAL: NULL handle, NULL arr, num 0; with err NULL, the first failed
 * frame's error).
 */
void *xc_map_foreign_bulk(xc_interface *xch, uint32_t dom, int prot,
                          const xen_pfn_t *arr, int *err, unsigned int num);
#endif
#endif /* XC_WANT_COMPAT_MAP_FOREIGN_API */

#ifdef XC_WANT_COMPAT_EVTCHN_API
/*
 * An event channel handle of this process: a libxenevtchn handle, so
 * xc_evtchn_open(), _close(), _fd(), _notify(), _bind_unbound_port(),
 * _bind_interdomain(), _bind_virq(), _unbind(), _pending() and _unmask()
 * are xenevtchn_open() ... xenevtchn_unmask(), with the same arguments,
 * results and errnos (EINVAL for a NULL handle).
 */
typedef struct xenevtchn_handle xc_evtchn;
typedef xc_evtchn_port_or_error_t evtchn_port_or_error_t;

xc_evtchn *xc_evtchn_open(xentoollog_logger *logger,
                          unsigned open_flags);
int xc_evtchn_close(xc_evtchn *xce);
int xc_evtchn_fd(xc_evtchn *xce);
int xc_evtchn_notify(xc_evtchn *xce, evtchn_port_t port);
xc_evtchn_port_or_error_t
xc_evtchn_bind_unbound_port(xc_evtchn *xce, uint32_t domid);
xc_evtchn_port_or_error_t
xc_evtchn_bind_interdomain(xc_evtchn *xce, uint32_t domid,
                           evtchn_port_t remote_port);
xc_evtchn_port_or_error_t
xc_evtchn_bind_virq(xc_evtchn *xce, unsigned int virq);
int xc_evtchn_unbind(xc_evtchn *xce, evtchn_port_t port);
xc_evtchn_port_or_error_t
xc_evtchn_pending(xc_evtchn *xce);
int xc_evtchn_unmask(xc_evtchn *xce, evtchn_port_t port);
#endif /* XC_WANT_COMPAT_EVTCHN_API */

#ifdef XC_WANT_COMPAT_GNTTAB_API
/*
 * Grant mapping and sharing handles of this process: libxengnttab's.
 * xc_gnttab_open(), _close(), _map_grant_ref(), _map_grant_refs(),
 * _map_domain_grant_refs(), _map_grant_ref_notify() and
 * _set_max_grants() are the xengnttab_* calls of those names,
 * xc_gnttab_munmap() is xengnttab_unmap(); xc_gntshr_open(), _close(),
 * _share_pages() and _share_page_notify() are the xengntshr_* ones,
 * xc_gntshr_munmap() is xengntshr_unshare().  Same arguments, results
 * and errnos (EINVAL for a NULL handle or pointer, a count of 0).
 */
typedef struct xengntdev_handle xc_gnttab;

xc_gnttab *xc_gnttab_open(xentoollog_logger *logger,
                          unsigned open_flags);
int xc_gnttab_close(xc_gnttab *xcg);
void *xc_gnttab_map_grant_ref(xc_gnttab *xcg,
                              uint32_t domid,
                              uint32_t ref,
                              int prot);
void *xc_gnttab_map_grant_refs(xc_gnttab *xcg,
                               uint32_t count,
                               uint32_t *domids,
                               uint32_t *refs,
                               int prot);
void *xc_gnttab_map_domain_grant_refs(xc_gnttab *xcg,
                                      uint32_t count,
                                      uint32_t domid,
                                      uint32_t *refs,
                                      int prot);
void *xc_gnttab_map_grant_ref_notify(xc_gnttab *xcg,
                                     uint32_t domid,
                                     uint32_t ref,
                                     int prot,
                                     uint32_t notify_offset,
                                     evtchn_port_t notify_port);
int xc_gnttab_munmap(xc_gnttab *xcg,
                     void *start_address,
                     uint32_t count);
int xc_gnttab_set_max_grants(xc_gnttab *xcg,
                             uint32_t count);

typedef struct xengntdev_handle xc_gntshr;

xc_gntshr *xc_gntshr_open(xentoollog_logger *logger,
                          unsigned open_flags);
int xc_gntshr_close(xc_gntshr *xcg);
void *xc_gntshr_share_pages(xc_gntshr *xcg, uint32_t domid,
                            int count, uint32_t *refs, int writable);
void *xc_gntshr_share_page_notify(xc_gntshr *xcg, uint32_t domid,
                                  uint32_t *ref, int writable,
                                  uint32_t notify_offset,
                                  evtchn_port_t notify_port);
int xc_gntshr_munmap(xc_gntshr *xcg, void *start_address, uint32_t count);
#endif /* XC_WANT_COMPAT_GNTTAB_API */

#ifdef XC_WANT_COMPAT_DEVICEMODEL_API
/*
 * Device model calls on HVM domain domid (new code uses
 * libxendevicemodel, xc_interface_dmod_handle()): each is the
 * xendevicemodel_* call of the same name through the handle's
 * libxendevicemodel handle, with its arguments, results and errnos.
 * Each returns 0, or -1 with errno set: EINVAL for a NULL or dummy
 * handle or a domid above 0xffff (which upstream truncates), ESRCH for
 * no such domain, and Xen's other refusals (EINVAL for a PV domain, an
 * argument out of range; ENOENT for no such ioreq server).
 *
 * xc_hvm_create_ioreq_server - a new ioreq server, its id into *id
 * (handle_bufioreq: HVM_IOREQSRV_BUFIOREQ_*); created disabled.
 * xc_hvm_get_ioreq_server_info - its pages' gfns and its buffered ioreq
 * event channel port, each pointer NULL if not wanted (asking for gfns
 * gives the server pages in the guest's memory).
 * xc_hvm_map_io_range_to_ioreq_server, ..._unmap_io_range_... - send it
 * (or no longer) the guest's accesses to ports (is_mmio 0) or memory
 * (is_mmio 1) start..end inclusive.
 * xc_hvm_map_pcidev_to_ioreq_server, ..._unmap_pcidev_... - the same for
 * the config space of one PCI device.
 * xc_hvm_destroy_ioreq_server, xc_hvm_set_ioreq_server_state - destroy
 * it; enable it (enabled nonzero) or disable it.
 * xc_hvm_set_pci_intx_level, xc_hvm_set_isa_irq_level - assert (level
 * 1) or deassert (0) a PCI device's INTx line (intx 0..3 for INTA..D),
 * an ISA IRQ (0..15).
 * xc_hvm_set_pci_link_route - route PCI link link (0..3) to ISA IRQ irq
 * (0 for none).
 * xc_hvm_inject_msi - an MSI of address msi_addr and data msi_data.
 * xc_hvm_track_dirty_vram - the pages of first_pfn..+nr written since the
 * last call into dirty_bitmap (a bit each; nr 0 stops tracking).
 * xc_hvm_modified_memory - marks nr pages from first_pfn dirty for
 * log-dirty tracking.
 * xc_hvm_set_mem_type - gives nr pages from first_pfn the type type.
 * xc_hvm_inject_trap - makes vCPU vcpu take an event when it next enters
 * the guest (xendevicemodel_inject_event): vector, type
 * (XEN_DMOP_EVENT_*), error_code (~0U for none), insn_len (for software
 * events) and cr2 (a page fault's address); EINVAL for a vCPU the domain
 * does not have, EBUSY while the vCPU still has an event pending.
 */
int xc_hvm_create_ioreq_server(
    xc_interface *xch, uint32_t domid, int handle_bufioreq,
    ioservid_t *id);
int xc_hvm_get_ioreq_server_info(
    xc_interface *xch, uint32_t domid, ioservid_t id, xen_pfn_t *ioreq_pfn,
    xen_pfn_t *bufioreq_pfn, evtchn_port_t *bufioreq_port);
int xc_hvm_map_io_range_to_ioreq_server(
    xc_interface *xch, uint32_t domid, ioservid_t id, int is_mmio,
    uint64_t start, uint64_t end);
int xc_hvm_unmap_io_range_from_ioreq_server(
    xc_interface *xch, uint32_t domid, ioservid_t id, int is_mmio,
    uint64_t start, uint64_t end);
int xc_hvm_map_pcidev_to_ioreq_server(
    xc_interface *xch, uint32_t domid, ioservid_t id, uint16_t segment,
    uint8_t bus, uint8_t device, uint8_t function);
int xc_hvm_unmap_pcidev_from_ioreq_server(
    xc_interface *xch, uint32_t domid, ioservid_t id, uint16_t segment,
    uint8_t bus, uint8_t device, uint8_t function);
int xc_hvm_destroy_ioreq_server(
    xc_interface *xch, uint32_t domid, ioservid_t id);
int xc_hvm_set_ioreq_server_state(
    xc_interface *xch, uint32_t domid, ioservid_t id, int enabled);
int xc_hvm_set_pci_intx_level(
    xc_interface *xch, uint32_t domid, uint16_t segment, uint8_t bus,
    uint8_t device, uint8_t intx, unsigned int level);
int xc_hvm_set_isa_irq_level(
    xc_interface *xch, uint32_t domid, uint8_t irq, unsigned int level);
int xc_hvm_set_pci_link_route(
    xc_interface *xch, uint32_t domid, uint8_t link, uint8_t irq);
int xc_hvm_inject_msi(
    xc_interface *xch, uint32_t domid, uint64_t msi_addr, uint32_t msi_data);
int xc_hvm_track_dirty_vram(
    xc_interface *xch, uint32_t domid, uint64_t first_pfn, uint32_t nr,
    unsigned long *dirty_bitmap);
int xc_hvm_modified_memory(
    xc_interface *xch, uint32_t domid, uint64_t first_pfn, uint32_t nr);
int xc_hvm_set_mem_type(
    xc_interface *xch, uint32_t domid, hvmmem_type_t type,
    uint64_t first_pfn, uint32_t nr);
int xc_hvm_inject_trap(
    xc_interface *xch, uint32_t domid, int vcpu, uint8_t vector,
    uint8_t type, uint32_t error_code, uint8_t insn_len, uint64_t cr2);

/* xc_domain_pin_memory_cacheattr - pin the caching type of HVM domain
 * domid's gfns start .. end (inclusive) to type (XEN_DMOP_MEM_CACHEATTR_*
 * of <xen/hvm/dm_op.h>), as xendevicemodel_pin_memory_cacheattr() does;
 * XEN_DMOP_DELETE_MEM_CACHEATTR removes a range pinned before.  EBUSY for
 * a range overlapping another, ENOENT for deleting one not pinned, EINVAL
 * for a bad type or range, or a domid above 0xffff. */
int xc_domain_pin_memory_cacheattr(xc_interface *xch, uint32_t domid,
                                   uint64_t start, uint64_t end,
                                   uint32_t type);
#endif /* XC_WANT_COMPAT_DEVICEMODEL_API */

#endif /* XENCTRL_COMPAT_H */
