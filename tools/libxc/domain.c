/* Domain control: the domctl family, and xc_domain_getinfo on top of the
 * domain list of sysctl.c. */
#include <string.h>

#include "private.h"

/* Domains asked for per getdomaininfolist sysctl by xc_domain_getinfo:
 * a machine with fewer is listed in one hypercall. */
#define GETINFO_CHUNK 64

static void to_dominfo(xc_dominfo_t *out, const xc_domaininfo_t *in)
{
    unsigned flags = in->flags;

    out->domid = in->domain;
    out->ssidref = in->ssidref;
    out->dying = !!(flags & XEN_DOMINF_dying);
    out->shutdown = !!(flags & XEN_DOMINF_shutdown);
    out->paused = !!(flags & XEN_DOMINF_paused);
    out->blocked = !!(flags & XEN_DOMINF_blocked);
    out->running = !!(flags & XEN_DOMINF_running);
    out->hvm = !!(flags & XEN_DOMINF_hvm_guest);
    out->debugged = !!(flags & XEN_DOMINF_debugged);
    out->xenstore = !!(flags & XEN_DOMINF_xs_domain);
    out->hap = !!(flags & XEN_DOMINF_hap);
    out->shutdown_reason = (flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    /* A crash is reported as crashed, not as a shutdown. */
    out->crashed = out->shutdown && out->shutdown_reason == SHUTDOWN_crash;
    if (out->crashed)
        out->shutdown = 0;
    out->nr_pages = in->tot_pages;
    out->nr_outstanding_pages = in->outstanding_pages;
    out->nr_shared_pages = in->shr_pages;
    out->nr_paged_pages = in->paged_pages;
    out->shared_info_frame = in->shared_info_frame;
    out->cpu_time = in->cpu_time;
    out->max_memkb = in->max_pages << (XC_PAGE_SHIFT - 10);
    out->nr_online_vcpus = in->nr_online_vcpus;
    out->max_vcpu_id = in->max_vcpu_id;
    memcpy(out->handle, in->handle, sizeof(out->handle));
    out->cpupool = in->cpupool;
    out->gpaddr_bits = in->gpaddr_bits;
    out->arch_config = in->arch_config;
}

/* Upstream asks Xen for one domain per domctl; the list sysctl gives the
 * same records for many at once. */
EXPORT int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid, unsigned int max_doms,
                             xc_dominfo_t *info)
{
    xc_domaininfo_t chunk[GETINFO_CHUNK];
    unsigned got = 0;
    uint32_t next = first_domid;

    if (max_doms && !info)
        return xc__invalid(xch, "xc_domain_getinfo: NULL info");
    /* Xen's answer for a reserved id (DOMID_SELF included), as upstream's. */
    if (max_doms && first_domid >= DOMID_FIRST_RESERVED) {
        errno = EINVAL;
        return -1;
    }
    while (got < max_doms && next < DOMID_FIRST_RESERVED) {
        unsigned want = max_doms - got < GETINFO_CHUNK ? max_doms - got : GETINFO_CHUNK;
        int n = xc_domain_getinfolist(xch, next, want, chunk);

        if (n < 0) {
            if (got)
                break;      /* what was listed stands, as upstream's */
            return -1;
        }
        for (int i = 0; i < n; i++)
            to_dominfo(&info[got + i], &chunk[i]);
        got += (unsigned)n;
        if ((unsigned)n < want)
            break;
        next = chunk[n - 1].domain + 1U;
    }
    if (!got && max_doms) {
        errno = ESRCH;      /* Xen's answer for "no domain from here on" */
        return -1;
    }
    return (int)got;
}

EXPORT int xc_domain_iomem_permission(xc_interface *xch, uint32_t domid,
                                      unsigned long first_mfn, unsigned long nr_mfns,
                                      uint8_t allow_access)
{
    struct xen_domctl d = { 0 };

    d.u.iomem_permission.first_mfn = first_mfn;
    d.u.iomem_permission.nr_mfns = nr_mfns;
    d.u.iomem_permission.allow_access = allow_access;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_iomem_permission, domid);
}

EXPORT int xc_domain_ioport_mapping(xc_interface *xch, uint32_t domid, uint32_t first_gport,
                                    uint32_t first_mport, uint32_t nr_ports,
                                    uint32_t add_mapping)
{
    struct xen_domctl d = { 0 };

    d.u.ioport_mapping.first_gport = first_gport;
    d.u.ioport_mapping.first_mport = first_mport;
    d.u.ioport_mapping.nr_ports = nr_ports;
    d.u.ioport_mapping.add_mapping = add_mapping;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_ioport_mapping, domid);
}

/*
 * Xen maps at most a batch of frames per call: it answers with how many
 * it did (the caller goes on from there), or E2BIG for a batch too large,
 * which is halved.  Removal goes on past failures (as much as possible is
 * removed; the first error is returned); a failed addition removes the
 * whole range again.  Returns upstream's values: 0, -1 with errno, and
 * -EINVAL when the domain cannot be looked up.
 */
EXPORT int xc_domain_memory_mapping(xc_interface *xch, uint32_t domid,
                                    unsigned long first_gfn, unsigned long first_mfn,
                                    unsigned long nr_mfns, uint32_t add_mapping)
{
    struct xen_domctl d = { 0 };
    xc_dominfo_t info;
    unsigned long done = 0, batch = nr_mfns;
    int first_err = 0, saved_errno = 0, n;

    /* The list starts at the first domain from domid on: another one
     * means there is no domid. */
    n = xc_domain_getinfo(xch, domid, 1, &info);
    if (n != 1 || info.domid != domid) {
        if (n == 1)
            errno = ESRCH;
        xc__perror(xch, "xc_domain_memory_mapping: no domain %u", domid);
        return -EINVAL;
    }
    /* Only a translated (HVM) guest has a physical map to put frames in. */
    if (!info.hvm || !nr_mfns)
        return 0;
    d.u.memory_mapping.add_mapping = add_mapping;
    while (done < nr_mfns) {
        unsigned long nr = nr_mfns - done < batch ? nr_mfns - done : batch;
        int rc;

        d.u.memory_mapping.first_gfn = first_gfn + done;
        d.u.memory_mapping.first_mfn = first_mfn + done;
        d.u.memory_mapping.nr_mfns = nr;
        rc = xc__domctl_on(xch, &d, XEN_DOMCTL_memory_mapping, domid);
        if (rc < 0 && errno == E2BIG) {
            if (batch == 1)
                break;
            batch /= 2;
            continue;
        }
        if (rc > 0) {
            done += (unsigned long)rc;
            continue;
        }
        if (rc < 0 && !first_err) {
            first_err = -1;
            saved_errno = errno;
        }
        if (rc < 0 && add_mapping != DPCI_REMOVE_MAPPING)
            break;
        done += nr;
    }
    if (first_err) {
        if (add_mapping != DPCI_REMOVE_MAPPING &&
            xc_domain_memory_mapping(xch, domid, first_gfn, first_mfn, nr_mfns,
                                     DPCI_REMOVE_MAPPING))
            xc__perror(xch, "xc_domain_memory_mapping: undoing a failed mapping failed");
        errno = saved_errno;
        return -1;
    }
    /* E2BIG even for one frame: nothing could be done. */
    return done ? 0 : -1;
}

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
        /* Arm's; Xen on x86 refuses it.  These calls take no SPI number. */
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

static int vmtrace(xc_interface *xch, uint32_t domid, uint32_t vcpu, uint32_t cmd,
                   uint64_t key, uint64_t *value)
{
    struct xen_domctl d = { 0 };
    int rc;

    d.u.vmtrace_op.cmd = cmd;
    d.u.vmtrace_op.vcpu = vcpu;
    d.u.vmtrace_op.key = key;
    d.u.vmtrace_op.value = value ? *value : 0;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_vmtrace_op, domid);
    if (rc == 0 && value)
        *value = d.u.vmtrace_op.value;
    return rc;
}

EXPORT int xc_vmtrace_enable(xc_interface *xch, uint32_t domid, uint32_t vcpu)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_enable, 0, NULL);
}

EXPORT int xc_vmtrace_disable(xc_interface *xch, uint32_t domid, uint32_t vcpu)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_disable, 0, NULL);
}

EXPORT int xc_vmtrace_reset_and_enable(xc_interface *xch, uint32_t domid, uint32_t vcpu)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_reset_and_enable, 0, NULL);
}

EXPORT int xc_vmtrace_output_position(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                      uint64_t *pos)
{
    if (!pos)
        return xc__invalid(xch, "xc_vmtrace_output_position: NULL pos");
    *pos = 0;
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_output_position, 0, pos);
}

EXPORT int xc_vmtrace_get_option(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                 uint64_t key, uint64_t *value)
{
    if (!value)
        return xc__invalid(xch, "xc_vmtrace_get_option: NULL value");
    *value = 0;
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_get_option, key, value);
}

EXPORT int xc_vmtrace_set_option(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                                 uint64_t key, uint64_t value)
{
    return vmtrace(xch, domid, vcpu, XEN_DOMCTL_vmtrace_set_option, key, &value);
}
