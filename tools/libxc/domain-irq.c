/* SPDX-License-Identifier: LGPL-2.1-only */
/* Host IRQs passed through to a domain, bound to its guest's interrupts
 * (domctl bind_pt_irq, unbind_pt_irq). */
#include "private.h"

static int pt_irq(xc_interface *xch, uint32_t cmd, uint32_t domid, uint8_t machine_irq,
                  uint8_t irq_type, uint8_t bus, uint8_t device, uint8_t intx, uint8_t isa_irq)
{
    struct xen_domctl d = { 0 };
    struct xen_domctl_bind_pt_irq *b = &d.u.bind_pt_irq;

    b->machine_irq = machine_irq;
    b->irq_type = irq_type;
    switch (irq_type) {
    case PT_IRQ_TYPE_PCI:
    case PT_IRQ_TYPE_MSI_TRANSLATE:
        b->u.pci.bus = bus;
        b->u.pci.device = device;
        b->u.pci.intx = intx;
        break;
    case PT_IRQ_TYPE_ISA:
        b->u.isa.isa_irq = isa_irq;
        break;
    case PT_IRQ_TYPE_SPI:
        /* Arm's; Xen on x86 refuses it.  These calls take no SPI number
         * (the SPI calls below do). */
        b->u.spi.spi = 0;
        break;
    default:
        /* MSI has calls of its own. */
        errno = EINVAL;
        return -1;
    }
    return xc__domctl_on(xch, &d, cmd, domid);
}

EXPORT int xc_domain_bind_pt_irq(xc_interface *xch, uint32_t domid, uint8_t machine_irq,
                                 uint8_t irq_type, uint8_t bus, uint8_t device, uint8_t intx,
                                 uint8_t isa_irq)
{
    return pt_irq(xch, XEN_DOMCTL_bind_pt_irq, domid, machine_irq, irq_type, bus, device, intx,
                  isa_irq);
}

EXPORT int xc_domain_unbind_pt_irq(xc_interface *xch, uint32_t domid, uint8_t machine_irq,
                                   uint8_t irq_type, uint8_t bus, uint8_t device, uint8_t intx,
                                   uint8_t isa_irq)
{
    return pt_irq(xch, XEN_DOMCTL_unbind_pt_irq, domid, machine_irq, irq_type, bus, device,
                  intx, isa_irq);
}

EXPORT int xc_domain_bind_pt_pci_irq(xc_interface *xch, uint32_t domid, uint8_t machine_irq,
                                     uint8_t bus, uint8_t device, uint8_t intx)
{
    return pt_irq(xch, XEN_DOMCTL_bind_pt_irq, domid, machine_irq, PT_IRQ_TYPE_PCI, bus, device,
                  intx, 0);
}

EXPORT int xc_domain_bind_pt_isa_irq(xc_interface *xch, uint32_t domid, uint8_t machine_irq)
{
    return pt_irq(xch, XEN_DOMCTL_bind_pt_irq, domid, machine_irq, PT_IRQ_TYPE_ISA, 0, 0, 0,
                  machine_irq);
}

/* Arm's shared peripheral interrupts: host SPI spi seen by the guest as
 * vspi (which goes in machine_irq, a field wider than the calls above
 * give).  Xen on x86 refuses them. */
static int spi_irq(xc_interface *xch, uint32_t cmd, uint32_t domid, uint16_t vspi,
                   uint16_t spi)
{
    struct xen_domctl d = { 0 };
    struct xen_domctl_bind_pt_irq *b = &d.u.bind_pt_irq;

    b->machine_irq = vspi;
    b->irq_type = PT_IRQ_TYPE_SPI;
    b->u.spi.spi = spi;
    return xc__domctl_on(xch, &d, cmd, domid);
}

EXPORT int xc_domain_bind_pt_spi_irq(xc_interface *xch, uint32_t domid, uint16_t vspi,
                                     uint16_t spi)
{
    return spi_irq(xch, XEN_DOMCTL_bind_pt_irq, domid, vspi, spi);
}

EXPORT int xc_domain_unbind_pt_spi_irq(xc_interface *xch, uint32_t domid, uint16_t vspi,
                                       uint16_t spi)
{
    return spi_irq(xch, XEN_DOMCTL_unbind_pt_irq, domid, vspi, spi);
}

static int msi_irq(xc_interface *xch, uint32_t cmd, uint32_t domid, uint32_t gvec,
                   uint32_t pirq, uint32_t gflags, uint64_t gtable)
{
    struct xen_domctl d = { 0 };
    struct xen_domctl_bind_pt_irq *b = &d.u.bind_pt_irq;

    b->irq_type = PT_IRQ_TYPE_MSI;
    b->machine_irq = pirq;
    b->u.msi.gvec = (uint8_t)gvec;
    b->u.msi.gflags = gflags;
    b->u.msi.gtable = gtable;
    return xc__domctl_on(xch, &d, cmd, domid);
}

EXPORT int xc_domain_update_msi_irq(xc_interface *xch, uint32_t domid, uint32_t gvec,
                                    uint32_t pirq, uint32_t gflags, uint64_t gtable)
{
    return msi_irq(xch, XEN_DOMCTL_bind_pt_irq, domid, gvec, pirq, gflags, gtable);
}

EXPORT int xc_domain_unbind_msi_irq(xc_interface *xch, uint32_t domid, uint32_t gvec,
                                    uint32_t pirq, uint32_t gflags)
{
    return msi_irq(xch, XEN_DOMCTL_unbind_pt_irq, domid, gvec, pirq, gflags, 0);
}
