/* SPDX-License-Identifier: LGPL-2.1-only */
/* HVM guests: their parameters (hvm_op), and upstream's xenctrl_compat.h
 * calls for device models (dm_op), through the handle's libxendevicemodel
 * handle. */
#define XC_WANT_COMPAT_DEVICEMODEL_API
#include "private.h"

#include <xen/hvm/hvm_op.h>

static int param(xc_interface *xch, unsigned cmd, uint32_t dom, uint32_t index,
                 uint64_t *value)
{
    struct xen_hvm_param arg = { .domid = (domid_t)dom, .index = index, .value = *value };
    int rc = (int)xc__hypercall_struct(xch, __HYPERVISOR_hvm_op, cmd, &arg, sizeof(arg), 0);

    if (rc == 0)
        *value = arg.value;
    return rc;
}

EXPORT int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t index, uint64_t value)
{
    return param(xch, HVMOP_set_param, dom, index, &value);
}

EXPORT int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t index, uint64_t *value)
{
    if (!value)
        return xc__invalid(xch, "xc_hvm_param_get: NULL value");
    *value = 0;
    return param(xch, HVMOP_get_param, dom, index, value);
}

EXPORT int xc_set_hvm_param(xc_interface *xch, uint32_t dom, int index, unsigned long value)
{
    return xc_hvm_param_set(xch, dom, (uint32_t)index, value);
}

EXPORT int xc_get_hvm_param(xc_interface *xch, uint32_t dom, int index, unsigned long *value)
{
    uint64_t v;
    int rc;

    if (!value)
        return xc__invalid(xch, "xc_get_hvm_param: NULL value");
    rc = xc_hvm_param_get(xch, dom, (uint32_t)index, &v);
    if (rc == 0)
        *value = (unsigned long)v;
    return rc;
}

bool xc__dm_call_ok(xc_interface *xch, uint32_t domid, const char *fn)
{
    if (xenlibs_refuse_null_handle(xch))
        return false;
    if (domid > UINT16_MAX) {
        xc__invalid(xch, "%s: domain id %u", fn, domid);
        return false;
    }
    return true;
}

EXPORT int xc_hvm_inject_trap(xc_interface *xch, uint32_t domid, int vcpu, uint8_t vector,
                              uint8_t type, uint32_t error_code, uint8_t insn_len, uint64_t cr2)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_inject_event(xch->dmod, (domid_t)domid, vcpu, vector, type, error_code,
                                       insn_len, cr2);
}

EXPORT int xc_hvm_create_ioreq_server(xc_interface *xch, uint32_t domid, int handle_bufioreq,
                                      ioservid_t *id)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_create_ioreq_server(xch->dmod, (domid_t)domid, handle_bufioreq, id);
}

EXPORT int xc_hvm_get_ioreq_server_info(xc_interface *xch, uint32_t domid, ioservid_t id,
                                        xen_pfn_t *ioreq_pfn, xen_pfn_t *bufioreq_pfn,
                                        evtchn_port_t *bufioreq_port)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_get_ioreq_server_info(xch->dmod, (domid_t)domid, id, ioreq_pfn,
                                                bufioreq_pfn, bufioreq_port);
}

EXPORT int xc_hvm_map_io_range_to_ioreq_server(xc_interface *xch, uint32_t domid, ioservid_t id,
                                               int is_mmio, uint64_t start, uint64_t end)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_map_io_range_to_ioreq_server(xch->dmod, (domid_t)domid, id, is_mmio,
                                                       start, end);
}

EXPORT int xc_hvm_unmap_io_range_from_ioreq_server(xc_interface *xch, uint32_t domid,
                                                   ioservid_t id, int is_mmio, uint64_t start,
                                                   uint64_t end)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_unmap_io_range_from_ioreq_server(xch->dmod, (domid_t)domid, id,
                                                           is_mmio, start, end);
}

EXPORT int xc_hvm_map_pcidev_to_ioreq_server(xc_interface *xch, uint32_t domid, ioservid_t id,
                                             uint16_t segment, uint8_t bus, uint8_t device,
                                             uint8_t function)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_map_pcidev_to_ioreq_server(xch->dmod, (domid_t)domid, id, segment,
                                                     bus, device, function);
}

EXPORT int xc_hvm_unmap_pcidev_from_ioreq_server(xc_interface *xch, uint32_t domid,
                                                 ioservid_t id, uint16_t segment, uint8_t bus,
                                                 uint8_t device, uint8_t function)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_unmap_pcidev_from_ioreq_server(xch->dmod, (domid_t)domid, id,
                                                         segment, bus, device, function);
}

EXPORT int xc_hvm_destroy_ioreq_server(xc_interface *xch, uint32_t domid, ioservid_t id)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_destroy_ioreq_server(xch->dmod, (domid_t)domid, id);
}

EXPORT int xc_hvm_set_ioreq_server_state(xc_interface *xch, uint32_t domid, ioservid_t id,
                                         int enabled)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_set_ioreq_server_state(xch->dmod, (domid_t)domid, id, enabled);
}

EXPORT int xc_hvm_set_pci_intx_level(xc_interface *xch, uint32_t domid, uint16_t segment,
                                     uint8_t bus, uint8_t device, uint8_t intx,
                                     unsigned int level)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_set_pci_intx_level(xch->dmod, (domid_t)domid, segment, bus, device,
                                             intx, level);
}

EXPORT int xc_hvm_set_isa_irq_level(xc_interface *xch, uint32_t domid, uint8_t irq,
                                    unsigned int level)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_set_isa_irq_level(xch->dmod, (domid_t)domid, irq, level);
}

EXPORT int xc_hvm_set_pci_link_route(xc_interface *xch, uint32_t domid, uint8_t link,
                                     uint8_t irq)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_set_pci_link_route(xch->dmod, (domid_t)domid, link, irq);
}

EXPORT int xc_hvm_inject_msi(xc_interface *xch, uint32_t domid, uint64_t msi_addr,
                             uint32_t msi_data)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_inject_msi(xch->dmod, (domid_t)domid, msi_addr, msi_data);
}

EXPORT int xc_hvm_track_dirty_vram(xc_interface *xch, uint32_t domid, uint64_t first_pfn,
                                   uint32_t nr, unsigned long *dirty_bitmap)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_track_dirty_vram(xch->dmod, (domid_t)domid, first_pfn, nr,
                                           dirty_bitmap);
}

EXPORT int xc_hvm_modified_memory(xc_interface *xch, uint32_t domid, uint64_t first_pfn,
                                  uint32_t nr)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_modified_memory(xch->dmod, (domid_t)domid, first_pfn, nr);
}

EXPORT int xc_hvm_set_mem_type(xc_interface *xch, uint32_t domid, hvmmem_type_t type,
                               uint64_t first_pfn, uint32_t nr)
{
    if (!xc__dm_call_ok(xch, domid, __func__))
        return -1;
    return xendevicemodel_set_mem_type(xch->dmod, (domid_t)domid, type, first_pfn, nr);
}
