/* SPDX-License-Identifier: LGPL-2.1-only */
/* kexec, through libxenkexec: upstream's xc_kexec_* calls translated to
 * the project's stable API. */
#include "private.h"

/* The handle's libxenkexec handle, opened by the first kexec call; two
 * threads racing here keep one of theirs. */
static xenkexec_handle *kexec_handle(xc_interface *xch)
{
    xenkexec_handle *xk, *none = NULL;

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    xk = atomic_load(&xch->kexec);
    if (xk)
        return xk;
    if (xch->flags & XC_OPENFLAG_DUMMY) {
        xc__invalid(xch, "kexec on a dummy handle");
        return NULL;
    }
    xk = xenkexec_open(xch->error_log.logger, 0);
    if (xk && !atomic_compare_exchange_strong(&xch->kexec, &none, xk)) {
        xenkexec_close(xk);
        xk = none;
    }
    return xk;
}

EXPORT int xc_kexec_exec(xc_interface *xch, int type)
{
    xenkexec_handle *xk = kexec_handle(xch);

    return xk ? xenkexec_exec(xk, (unsigned)type) : -1;
}

EXPORT int xc_kexec_get_range(xc_interface *xch, int range, int nr, uint64_t *size,
                              uint64_t *start)
{
    xenkexec_handle *xk = kexec_handle(xch);

    if (!xk)
        return -1;
    /* Xen reads nr for CPU notes only; libxenkexec wants 0 elsewhere. */
    return xenkexec_get_range(xk, (unsigned)range,
                              range == KEXEC_RANGE_MA_CPU ? (unsigned)nr : 0, start, size);
}

EXPORT int xc_kexec_load(xc_interface *xch, uint8_t type, uint16_t arch, uint64_t entry_maddr,
                         uint32_t nr_segments, xen_kexec_segment_t *segments)
{
    xenkexec_segment segs[XENKEXEC_MAX_SEGMENTS];
    xenkexec_handle *xk = kexec_handle(xch);

    if (!xk)
        return -1;
    if (!segments || nr_segments > XENKEXEC_MAX_SEGMENTS)
        /* libxenkexec would say why; it cannot be given these. */
        return xenkexec_load(xk, type, arch, entry_maddr, NULL, nr_segments);
    /* Each segment's data: the hypercall buffer (or NULL) its handle
     * points to, which libxenkexec copies into buffers of its own. */
    for (uint32_t i = 0; i < nr_segments; i++) {
        segs[i] = (xenkexec_segment){
            .buf = segments[i].buf.h.p,
            .buf_size = segments[i].buf_size,
            .dest_maddr = segments[i].dest_maddr,
            .dest_size = segments[i].dest_size,
        };
    }
    return xenkexec_load(xk, type, arch, entry_maddr, segs, nr_segments);
}

EXPORT int xc_kexec_unload(xc_interface *xch, int type)
{
    xenkexec_handle *xk = kexec_handle(xch);

    return xk ? xenkexec_unload(xk, (unsigned)type) : -1;
}

EXPORT int xc_kexec_status(xc_interface *xch, int type)
{
    xenkexec_handle *xk = kexec_handle(xch);

    return xk ? xenkexec_status(xk, (unsigned)type) : -1;
}
