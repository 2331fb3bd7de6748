/* SPDX-License-Identifier: LGPL-2.1-only */
/* Lock profiling (sysctl lockprof_op), what xenlockprof reads: the
 * counts and times of Xen's spinlocks.  A Xen built without lock
 * profiling (Debian's) refuses every call (ENOSYS): its error is passed
 * on. */
#include "private.h"

/* Xen's count of records is written back on failure too, as upstream's
 * (0 where Xen answered nothing). */
static int lockprof(xc_interface *xch, uint32_t cmd, uint32_t *n_elems, void *data)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_lockprof_op };
    int rc;

    s.u.lockprof_op.cmd = cmd;
    s.u.lockprof_op.max_elem = n_elems ? *n_elems : 0;
    set_xen_guest_handle_raw(s.u.lockprof_op.data, data);
    rc = xc__sysctl(xch, &s);
    if (n_elems)
        *n_elems = s.u.lockprof_op.nr_elem;
    return rc;
}

EXPORT int xc_lockprof_reset(xc_interface *xch)
{
    return lockprof(xch, XEN_SYSCTL_LOCKPROF_reset, NULL, NULL);
}

EXPORT int xc_lockprof_query_number(xc_interface *xch, uint32_t *n_elems)
{
    if (!n_elems)
        return xc__invalid(xch, "xc_lockprof_query_number: NULL count");
    /* Room for no records: Xen only counts them. */
    *n_elems = 0;
    return lockprof(xch, XEN_SYSCTL_LOCKPROF_query, n_elems, NULL);
}

/* data is a hypercall buffer (HYPERCALL_BUFFER() of the caller's
 * variable, shadow already resolved) of *n_elems records, or NULL.  time
 * is not written, as upstream's. */
EXPORT int xc_lockprof_query(xc_interface *xch, uint32_t *n_elems, uint64_t *time,
                             xc_hypercall_buffer_t *data)
{
    (void)time;
    if (!n_elems)
        return xc__invalid(xch, "xc_lockprof_query: NULL count");
    return lockprof(xch, XEN_SYSCTL_LOCKPROF_query, n_elems, data ? data->hbuf : NULL);
}
