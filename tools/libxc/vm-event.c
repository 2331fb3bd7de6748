/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The vm_event rings (paging, monitor, sharing) of an HVM domain: each
 * turned on, off or resumed by domctl vm_event_op, on a ring page in the
 * guest's own memory whose gfn a domain builder gave an HVM parameter.
 */
#include <sys/mman.h>

#include "private.h"

#include <xen/hvm/params.h>

EXPORT int xc_vm_event_control(xc_interface *xch, uint32_t domain_id, unsigned int op,
                               unsigned int mode, uint32_t *port)
{
    struct xen_domctl d = { 0 };
    int rc;

    d.u.vm_event_op.op = op;
    d.u.vm_event_op.mode = mode;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_vm_event_op, domain_id);
    if (rc == 0 && port)
        *port = d.u.vm_event_op.u.enable.port;
    return rc;
}

/* The vm_event ring whose page HVM parameter param names, or 0. */
static unsigned int ring_mode(int param)
{
    switch (param) {
    case HVM_PARAM_PAGING_RING_PFN:
        return XEN_DOMCTL_VM_EVENT_OP_PAGING;
    case HVM_PARAM_MONITOR_RING_PFN:
        return XEN_DOMCTL_VM_EVENT_OP_MONITOR;
    case HVM_PARAM_SHARING_RING_PFN:
        return XEN_DOMCTL_VM_EVENT_OP_SHARING;
    default:
        return 0;
    }
}

/*
 * The ring page is the guest's frame at gfn, mapped here while the
 * domain is paused.  A gfn some earlier ring took out of the physmap is
 * given a page again first.  Once Xen uses the page as the ring, it
 * leaves the guest's physmap, so the guest cannot see or forge events;
 * if that fails the ring is turned off again rather than left to a
 * caller that got no page (upstream leaves it on).  Returns the
 * mapping, or NULL with errno set.
 */
static void *ring_map_and_enable(xc_interface *xch, uint32_t domid, int param,
                                 unsigned int mode, uint32_t *port)
{
    uint64_t value;
    xen_pfn_t gfn, type;
    void *ring;
    int saved_errno;

    if (xc_hvm_param_get(xch, domid, (uint32_t)param, &value)) {
        xc__perror(xch, "xc_vm_event_enable: reading the ring's gfn (HVM param %d)", param);
        return NULL;
    }
    gfn = type = (xen_pfn_t)value;
    if (xc_get_pfn_type_batch(xch, domid, 1, &type) || (type & XEN_DOMCTL_PFINFO_XTAB)) {
        if (xc_domain_populate_physmap_exact(xch, domid, 1, 0, 0, &gfn)) {
            xc__perror(xch, "xc_vm_event_enable: populating ring gfn %#lx", (unsigned long)gfn);
            return NULL;
        }
    }
    ring = xenforeignmemory_map(xch->fmem, domid, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    if (!ring) {
        xc__perror(xch, "xc_vm_event_enable: mapping ring gfn %#lx", (unsigned long)gfn);
        return NULL;
    }
    if (xc_vm_event_control(xch, domid, XEN_VM_EVENT_ENABLE, mode, port)) {
        xc__perror(xch, "xc_vm_event_enable: enabling ring %u", mode);
    } else if (xc_domain_decrease_reservation_exact(xch, domid, 1, 0, &gfn)) {
        xc__perror(xch, "xc_vm_event_enable: taking ring gfn %#lx out of the physmap",
                   (unsigned long)gfn);
        saved_errno = errno;
        xc_vm_event_control(xch, domid, XEN_VM_EVENT_DISABLE, mode, NULL);
        errno = saved_errno;
    } else {
        return ring;
    }
    saved_errno = errno;
    xenforeignmemory_unmap(xch->fmem, ring, 1);
    errno = saved_errno;
    return NULL;
}

EXPORT void *xc_vm_event_enable(xc_interface *xch, uint32_t domain_id, int param,
                                uint32_t *port)
{
    unsigned int mode = ring_mode(param);
    void *ring;
    int saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (!port) {
        xc__invalid(xch, "xc_vm_event_enable: NULL port");
        return NULL;
    }
    if (!mode) {
        xc__invalid(xch, "xc_vm_event_enable: HVM param %d is no vm_event ring", param);
        return NULL;
    }
    if (xc_domain_pause(xch, domain_id)) {
        xc__perror(xch, "xc_vm_event_enable: pausing domain %u", domain_id);
        return NULL;
    }
    ring = ring_map_and_enable(xch, domain_id, param, mode, port);
    saved_errno = errno;
    if (xc_domain_unpause(xch, domain_id)) {
        xc__perror(xch, "xc_vm_event_enable: unpausing domain %u", domain_id);
        if (ring) {
            saved_errno = errno;
            xc_vm_event_control(xch, domain_id, XEN_VM_EVENT_DISABLE, mode, NULL);
            xenforeignmemory_unmap(xch->fmem, ring, 1);
            ring = NULL;
        }
    }
    errno = saved_errno;
    return ring;
}

/* Xen's VM_EVENT_INTERFACE_VERSION; no domain is involved. */
EXPORT int xc_vm_event_get_version(xc_interface *xch)
{
    struct xen_domctl d = { 0 };
    int rc;

    d.u.vm_event_op.op = XEN_VM_EVENT_GET_VERSION;
    d.u.vm_event_op.mode = XEN_DOMCTL_VM_EVENT_OP_MONITOR;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_vm_event_op, DOMID_INVALID);
    return rc ? rc : (int)d.u.vm_event_op.u.version;
}
