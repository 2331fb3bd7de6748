/* Host-wide control: the sysctl family. */
#include <string.h>

#include "private.h"

EXPORT int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                                 unsigned int max_domains, xc_domaininfo_t *info)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_getdomaininfolist };
    xc_domaininfo_t *buf;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (max_domains && !info)
        return xc__invalid(xch, "xc_domain_getinfolist: NULL info");
    /* libxencall keeps this buffer for the next call: listing costs no
     * mapping of fresh pages. */
    buf = xencall_alloc_buffer(xch->xcall, (size_t)max_domains * sizeof(*buf));
    if (!buf)
        return -1;
    s.u.getdomaininfolist.first_domain = (domid_t)first_domain;
    s.u.getdomaininfolist.max_domains = max_domains;
    set_xen_guest_handle_raw(s.u.getdomaininfolist.buffer, buf);
    rc = xc__sysctl(xch, &s);
    saved_errno = errno;
    if (rc == 0) {
        rc = (int)s.u.getdomaininfolist.num_domains;
        memcpy(info, buf, (size_t)rc * sizeof(*buf));
    }
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

EXPORT int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_physinfo };
    int rc;

    if (!info)
        return xc__invalid(xch, "xc_physinfo: NULL info");
    rc = xc__sysctl(xch, &s);
    if (rc == 0)
        *info = s.u.physinfo;
    return rc;
}

EXPORT int xc_get_max_cpus(xc_interface *xch)
{
    /* Fixed at Xen's boot: asked once per process. */
    static _Atomic int max_cpus;
    xc_physinfo_t info;
    int n = atomic_load(&max_cpus);

    if (n)
        return n;
    if (xc_physinfo(xch, &info) < 0)
        return -1;
    n = (int)info.max_cpu_id + 1;
    atomic_store(&max_cpus, n);
    return n;
}

EXPORT int xc_readconsolering(xc_interface *xch, char *buffer, unsigned int *pnr_chars,
                              int clear, int incremental, uint32_t *pindex)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_readconsole };
    char *buf;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!pnr_chars || (*pnr_chars && !buffer))
        return xc__invalid(xch, "xc_readconsolering: NULL %s", pnr_chars ? "buffer" : "count");
    buf = xencall_alloc_buffer(xch->xcall, *pnr_chars);
    if (!buf)
        return -1;
    set_xen_guest_handle_raw(s.u.readconsole.buffer, buf);
    s.u.readconsole.count = *pnr_chars;
    s.u.readconsole.clear = !!clear;
    /* Without pindex there is nowhere to continue from. */
    if (pindex) {
        s.u.readconsole.incremental = !!incremental;
        s.u.readconsole.index = *pindex;
    }
    rc = xc__sysctl(xch, &s);
    saved_errno = errno;
    if (rc == 0) {
        memcpy(buffer, buf, s.u.readconsole.count);
        *pnr_chars = s.u.readconsole.count;
        if (pindex)
            *pindex = s.u.readconsole.index;
    }
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

/* *out gets what Xen left in the struct, zeros where it wrote nothing
 * (upstream's counts are written on failure too). */
static int perfc(xc_interface *xch, uint32_t cmd, void *desc, void *val,
                 struct xen_sysctl_perfc_op *out)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_perfc_op };
    int rc;

    s.u.perfc_op.cmd = cmd;
    set_xen_guest_handle_raw(s.u.perfc_op.desc, desc);
    set_xen_guest_handle_raw(s.u.perfc_op.val, val);
    rc = xc__sysctl(xch, &s);
    if (out)
        *out = s.u.perfc_op;
    return rc;
}

EXPORT int xc_perfc_reset(xc_interface *xch)
{
    return perfc(xch, XEN_SYSCTL_PERFCOP_reset, NULL, NULL, NULL);
}

EXPORT int xc_perfc_query_number(xc_interface *xch, int *nbr_desc, int *nbr_val)
{
    struct xen_sysctl_perfc_op op;
    int rc = perfc(xch, XEN_SYSCTL_PERFCOP_query, NULL, NULL, &op);

    if (nbr_desc)
        *nbr_desc = (int)op.nr_counters;
    if (nbr_val)
        *nbr_val = (int)op.nr_vals;
    return rc;
}

/* desc and val are hypercall buffers (HYPERCALL_BUFFER() of the caller's
 * variables, shadows already resolved), sized after query_number. */
EXPORT int xc_perfc_query(xc_interface *xch, xc_hypercall_buffer_t *desc,
                          xc_hypercall_buffer_t *val)
{
    return perfc(xch, XEN_SYSCTL_PERFCOP_query, desc ? desc->hbuf : NULL,
                 val ? val->hbuf : NULL, NULL);
}

EXPORT int xc_send_debug_keys(xc_interface *xch, const char *keys)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_debug_keys };
    size_t len;
    char *buf;
    int rc, saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!keys)
        return xc__invalid(xch, "xc_send_debug_keys: NULL keys");
    len = strlen(keys);
    buf = xencall_alloc_buffer(xch->xcall, len);
    if (!buf)
        return -1;
    memcpy(buf, keys, len);
    set_xen_guest_handle_raw(s.u.debug_keys.keys, buf);
    s.u.debug_keys.nr_keys = (uint32_t)len;
    rc = xc__sysctl(xch, &s);
    saved_errno = errno;
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}
