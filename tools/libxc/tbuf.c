/* SPDX-License-Identifier: LGPL-2.1-only */
/* Xen's trace buffers (sysctl tbuf_op), what xentrace reads: their size,
 * allocated once per boot, tracing on and off, and which CPUs and event
 * classes are traced. */
#include <errno.h>
#include <sys/mman.h>

#include "private.h"

#include <xen/trace.h>

static int tbuf_op(xc_interface *xch, uint32_t cmd, struct xen_sysctl *s)
{
    s->cmd = XEN_SYSCTL_tbuf_op;
    s->u.tbuf_op.cmd = cmd;
    return xc__sysctl(xch, s);
}

EXPORT int xc_tbuf_set_size(xc_interface *xch, unsigned long size)
{
    struct xen_sysctl s = { 0 };

    /* Xen's field is 32 bits wide: the size is truncated to it. */
    s.u.tbuf_op.size = (uint32_t)size;
    return tbuf_op(xch, XEN_SYSCTL_TBUFOP_set_size, &s);
}

EXPORT int xc_tbuf_get_size(xc_interface *xch, unsigned long *size)
{
    struct xen_sysctl s = { 0 };
    struct t_info *info;
    xen_pfn_t frame;
    int err = 0;
    uint16_t pages;

    if (!size)
        return xc__invalid(xch, "xc_tbuf_get_size: NULL size");
    if (tbuf_op(xch, XEN_SYSCTL_TBUFOP_get_info, &s))
        return -1;
    /* Before the buffers exist their metadata (t_info) has no pages:
     * upstream's mapping of none fails so. */
    if (!s.u.tbuf_op.size) {
        errno = EINVAL;
        return -1;
    }
    /* The size is in the metadata's first page, which Xen shares
     * read-only.  Upstream maps it writable, which Xen refuses to a PV
     * dom0 (EBUSY): the same mapping gives the same answer.  That page's
     * error is Xen's refusal, not the library's to log. */
    frame = s.u.tbuf_op.buffer_mfn;
    info = xenforeignmemory_map(xch->fmem, DOMID_XEN, PROT_READ | PROT_WRITE, 1, &frame, &err);
    if (!info)
        return -1;
    pages = err ? 0 : info->tbuf_size;
    xenforeignmemory_unmap(xch->fmem, info, 1);
    if (err) {
        errno = -err;
        return -1;
    }
    /* Xen fills the size in before it shares the page: 0 is no buffers. */
    if (!pages) {
        errno = ENODATA;
        return -1;
    }
    *size = pages;
    return 0;
}

EXPORT int xc_tbuf_enable(xc_interface *xch, unsigned long pages, unsigned long *mfn,
                          unsigned long *size)
{
    struct xen_sysctl s = { 0 };

    if (!mfn || !size)
        return xc__invalid(xch, "xc_tbuf_enable: NULL %s", mfn ? "size" : "mfn");
    /* Allocates the buffers if nobody has yet; once they exist Xen refuses
     * any size (EBUSY or EINVAL), which does not matter here. */
    xc_tbuf_set_size(xch, pages);
    if (tbuf_op(xch, XEN_SYSCTL_TBUFOP_enable, &s))
        return -1;
    /* Where the metadata is and how big: for the caller to map.  Tracing
     * is on either way. */
    s = (struct xen_sysctl){ 0 };
    if (tbuf_op(xch, XEN_SYSCTL_TBUFOP_get_info, &s) == 0) {
        *mfn = s.u.tbuf_op.buffer_mfn;
        *size = s.u.tbuf_op.size;
    }
    return 0;
}

EXPORT int xc_tbuf_disable(xc_interface *xch)
{
    struct xen_sysctl s = { 0 };

    return tbuf_op(xch, XEN_SYSCTL_TBUFOP_disable, &s);
}

/* mask holds xc_get_cpumap_size() bytes, of which Xen reads
 * xc_get_max_cpus() bits. */
EXPORT int xc_tbuf_set_cpu_mask(xc_interface *xch, xc_cpumap_t mask)
{
    struct xen_sysctl s = { 0 };
    int bytes, rc;

    if (!mask)
        return xc__invalid(xch, "xc_tbuf_set_cpu_mask: NULL mask");
    bytes = xc__cpumap_size(xch);
    if (bytes < 0)
        return -1;
    {
        DECLARE_HYPERCALL_BOUNCE(mask, (size_t)bytes, XC_HYPERCALL_BUFFER_BOUNCE_IN);

        if (xc_hypercall_bounce_pre(xch, mask))
            return -1;
        set_xen_guest_handle(s.u.tbuf_op.cpu_mask.bitmap, mask);
        s.u.tbuf_op.cpu_mask.nr_bits = (uint32_t)xc_get_max_cpus(xch);
        rc = tbuf_op(xch, XEN_SYSCTL_TBUFOP_set_cpu_mask, &s);
        xc_hypercall_bounce_post(xch, mask);
    }
    return rc;
}

EXPORT int xc_tbuf_set_evt_mask(xc_interface *xch, uint32_t mask)
{
    struct xen_sysctl s = { 0 };

    s.u.tbuf_op.evt_mask = mask;
    return tbuf_op(xch, XEN_SYSCTL_TBUFOP_set_evt_mask, &s);
}
