/* SPDX-License-Identifier: LGPL-2.1-only */
/* Intel's platform shared resource features: cache monitoring (CMT) of a
 * domain and cache / memory bandwidth allocation (CAT, MBA) to it.
 * Xen on a CPU without them refuses (its error is passed on). */
#include "private.h"

/* The counters' MSRs (Intel SDM vol. 3, "Platform Shared Resource
 * Monitoring"), read and written through Xen's resource_op. */
#define MSR_TSC                 0x00000010
#define MSR_CMT_EVTSEL          0x00000c8d
#define MSR_CMT_CTR             0x00000c8e
#define CMT_CTR_ERROR           (3ULL << 62)    /* "error" and "unavailable" */
#define CMT_EVENT_L3_OCCUPANCY  1
#define CMT_EVENT_TOTAL_MEM     2
#define CMT_EVENT_LOCAL_MEM     3

static int cmt_domain(xc_interface *xch, uint32_t domid, uint32_t cmd, uint32_t *data)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_psr_cmt_op, .domain = (domid_t)domid };
    int rc;

    d.u.psr_cmt_op.cmd = cmd;
    rc = xc__domctl(xch, &d);
    if (rc == 0 && data)
        *data = d.u.psr_cmt_op.data;
    return rc;
}

EXPORT int xc_psr_cmt_attach(xc_interface *xch, uint32_t domid)
{
    return cmt_domain(xch, domid, XEN_DOMCTL_PSR_CMT_OP_ATTACH, NULL);
}

EXPORT int xc_psr_cmt_detach(xc_interface *xch, uint32_t domid)
{
    return cmt_domain(xch, domid, XEN_DOMCTL_PSR_CMT_OP_DETACH, NULL);
}

EXPORT int xc_psr_cmt_get_domain_rmid(xc_interface *xch, uint32_t domid, uint32_t *rmid)
{
    if (!rmid)
        return xc__invalid(xch, "xc_psr_cmt_get_domain_rmid: NULL rmid");
    return cmt_domain(xch, domid, XEN_DOMCTL_PSR_CMT_OP_QUERY_RMID, rmid);
}

/* A host-wide CMT figure (cpu: the CPU whose cache, for the cache size).
 * Values fixed at Xen's boot are kept in *cache (0: not yet asked), as
 * upstream keeps them, once per process. */
static int cmt_host(xc_interface *xch, uint32_t cmd, uint32_t cpu, uint64_t *data,
                    _Atomic uint64_t *cache)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_psr_cmt_op };
    uint64_t known = cache ? atomic_load(cache) : 0;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (known) {
        *data = known;
        return 0;
    }
    s.u.psr_cmt_op.cmd = cmd;
    if (cmd == XEN_SYSCTL_PSR_CMT_get_l3_cache_size)
        s.u.psr_cmt_op.u.l3_cache.cpu = cpu;
    rc = xc__sysctl(xch, &s);
    if (rc == 0) {
        *data = s.u.psr_cmt_op.u.data;
        if (cache)
            atomic_store(cache, *data);
    }
    return rc;
}

/* A 32-bit figure of cmt_host into *out. */
static int cmt_host32(xc_interface *xch, const char *fn, uint32_t cmd, uint32_t cpu,
                      uint32_t *out, _Atomic uint64_t *cache)
{
    uint64_t data;
    int rc;

    if (!out)
        return xc__invalid(xch, "%s: NULL result", fn);
    rc = cmt_host(xch, cmd, cpu, &data, cache);
    if (rc == 0)
        *out = (uint32_t)data;
    return rc;
}

EXPORT int xc_psr_cmt_get_total_rmid(xc_interface *xch, uint32_t *total_rmid)
{
    static _Atomic uint64_t cache;

    return cmt_host32(xch, "xc_psr_cmt_get_total_rmid", XEN_SYSCTL_PSR_CMT_get_total_rmid, 0,
                      total_rmid, &cache);
}

EXPORT int xc_psr_cmt_get_l3_upscaling_factor(xc_interface *xch, uint32_t *upscaling_factor)
{
    static _Atomic uint64_t cache;

    return cmt_host32(xch, "xc_psr_cmt_get_l3_upscaling_factor",
                      XEN_SYSCTL_PSR_CMT_get_l3_upscaling_factor, 0, upscaling_factor, &cache);
}

EXPORT int xc_psr_cmt_get_l3_event_mask(xc_interface *xch, uint32_t *event_mask)
{
    return cmt_host32(xch, "xc_psr_cmt_get_l3_event_mask", XEN_SYSCTL_PSR_CMT_get_l3_event_mask,
                      0, event_mask, NULL);
}

/* Upstream keeps the first answer, whichever CPU was asked (every socket
 * of a host has the same L3). */
EXPORT int xc_psr_cmt_get_l3_cache_size(xc_interface *xch, uint32_t cpu, uint32_t *l3_cache_size)
{
    static _Atomic uint64_t cache;

    return cmt_host32(xch, "xc_psr_cmt_get_l3_cache_size", XEN_SYSCTL_PSR_CMT_get_l3_cache_size,
                      cpu, l3_cache_size, &cache);
}

EXPORT int xc_psr_cmt_enabled(xc_interface *xch)
{
    /* Cached once known; a failed query answers "no" without caching. */
    static _Atomic int enabled = -1;
    int known = atomic_load(&enabled);
    uint64_t data;

    if (xenlibs_refuse_null_handle(xch))
        return 0;
    if (known >= 0)
        return known;
    if (cmt_host(xch, XEN_SYSCTL_PSR_CMT_enabled, 0, &data, NULL) != 0)
        return 0;
    known = (int)data;
    atomic_store(&enabled, known);
    return known;
}

EXPORT int xc_psr_cmt_get_data(xc_interface *xch, uint32_t rmid, uint32_t cpu,
                               xc_psr_cmt_type type, uint64_t *monitor_data, uint64_t *tsc)
{
    /* Select the event for the RMID, read its counter, and the time
     * (Xen reads them with interrupts off, one right after the other). */
    xenpf_resource_entry_t e[3] = {
        { .u.cmd = XEN_RESOURCE_OP_MSR_WRITE, .idx = MSR_CMT_EVTSEL },
        { .u.cmd = XEN_RESOURCE_OP_MSR_READ, .idx = MSR_CMT_CTR },
        { .u.cmd = XEN_RESOURCE_OP_MSR_READ, .idx = MSR_TSC },
    };
    struct xen_platform_op op = { .cmd = XENPF_resource_op };
    uint32_t event, nr = tsc ? 3 : 2;
    int rc;

    switch (type) {
    case XC_PSR_CMT_L3_OCCUPANCY:
        event = CMT_EVENT_L3_OCCUPANCY;
        break;
    case XC_PSR_CMT_TOTAL_MEM_COUNT:
        event = CMT_EVENT_TOTAL_MEM;
        break;
    case XC_PSR_CMT_LOCAL_MEM_COUNT:
        event = CMT_EVENT_LOCAL_MEM;
        break;
    default:
        return xc__invalid(xch, "xc_psr_cmt_get_data: unknown type %d", (int)type);
    }
    if (!monitor_data)
        return xc__invalid(xch, "xc_psr_cmt_get_data: NULL monitor_data");
    e[0].val = (uint64_t)rmid << 32 | event;
    {
        DECLARE_HYPERCALL_BOUNCE(e, nr * sizeof(e[0]), XC_HYPERCALL_BUFFER_BOUNCE_BOTH);

        if (xc_hypercall_bounce_pre(xch, e))
            return -1;
        op.u.resource_op.nr_entries = nr;
        op.u.resource_op.cpu = cpu;
        set_xen_guest_handle(op.u.resource_op.entries, e);
        rc = xc__platform_op(xch, &op);
        xc_hypercall_bounce_post(xch, e);
    }
    if (rc < 0)
        return -1;
    /* Xen did fewer entries than asked (the failed one holds its error),
     * or the counter has no valid value. */
    if ((uint32_t)rc != nr || (e[1].val & CMT_CTR_ERROR)) {
        errno = rc != (int)nr && e[rc].u.ret < 0 ? -e[rc].u.ret : EIO;
        return -1;
    }
    *monitor_data = e[1].val;
    if (tsc)
        *tsc = e[2].val;
    return 0;
}

/* The domctl command of each xc_psr_type (its index), to set and to get. */
static const struct {
    uint32_t set, get;
} alloc_cmds[] = {
    [XC_PSR_CAT_L3_CBM] = { XEN_DOMCTL_PSR_SET_L3_CBM, XEN_DOMCTL_PSR_GET_L3_CBM },
    [XC_PSR_CAT_L3_CBM_CODE] = { XEN_DOMCTL_PSR_SET_L3_CODE, XEN_DOMCTL_PSR_GET_L3_CODE },
    [XC_PSR_CAT_L3_CBM_DATA] = { XEN_DOMCTL_PSR_SET_L3_DATA, XEN_DOMCTL_PSR_GET_L3_DATA },
    [XC_PSR_CAT_L2_CBM] = { XEN_DOMCTL_PSR_SET_L2_CBM, XEN_DOMCTL_PSR_GET_L2_CBM },
    [XC_PSR_MBA_THRTL] = { XEN_DOMCTL_PSR_SET_MBA_THRTL, XEN_DOMCTL_PSR_GET_MBA_THRTL },
};

static bool known_alloc_type(xc_psr_type type)
{
    return type >= XC_PSR_CAT_L3_CBM && type <= XC_PSR_MBA_THRTL;
}

EXPORT int xc_psr_set_domain_data(xc_interface *xch, uint32_t domid, xc_psr_type type,
                                  uint32_t target, uint64_t data)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_psr_alloc, .domain = (domid_t)domid };

    if (!known_alloc_type(type))
        return xc__invalid(xch, "xc_psr_set_domain_data: unknown type %d", (int)type);
    d.u.psr_alloc.cmd = alloc_cmds[type].set;
    d.u.psr_alloc.target = target;
    d.u.psr_alloc.data = data;
    return xc__domctl(xch, &d);
}

EXPORT int xc_psr_get_domain_data(xc_interface *xch, uint32_t domid, xc_psr_type type,
                                  uint32_t target, uint64_t *data)
{
    struct xen_domctl d = { .cmd = XEN_DOMCTL_psr_alloc, .domain = (domid_t)domid };
    int rc;

    if (!known_alloc_type(type))
        return xc__invalid(xch, "xc_psr_get_domain_data: unknown type %d", (int)type);
    if (!data)
        return xc__invalid(xch, "xc_psr_get_domain_data: NULL data");
    d.u.psr_alloc.cmd = alloc_cmds[type].get;
    d.u.psr_alloc.target = target;
    rc = xc__domctl(xch, &d);
    if (rc == 0)
        *data = d.u.psr_alloc.data;
    return rc;
}

EXPORT int xc_psr_get_hw_info(xc_interface *xch, uint32_t socket, xc_psr_feat_type type,
                              xc_psr_hw_info *hw_info)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_psr_alloc };
    int rc;

    if (!hw_info)
        return xc__invalid(xch, "xc_psr_get_hw_info: NULL hw_info");
    switch (type) {
    case XC_PSR_CAT_L3:
        s.u.psr_alloc.cmd = XEN_SYSCTL_PSR_get_l3_info;
        break;
    case XC_PSR_CAT_L2:
        s.u.psr_alloc.cmd = XEN_SYSCTL_PSR_get_l2_info;
        break;
    case XC_PSR_MBA:
        s.u.psr_alloc.cmd = XEN_SYSCTL_PSR_get_mba_info;
        break;
    default:
        errno = EOPNOTSUPP;     /* upstream's answer, not EINVAL */
        return -1;
    }
    s.u.psr_alloc.target = socket;
    rc = xc__sysctl(xch, &s);
    if (rc != 0)
        return rc;
    if (type == XC_PSR_MBA) {
        hw_info->mba.cos_max = s.u.psr_alloc.u.mba_info.cos_max;
        hw_info->mba.thrtl_max = s.u.psr_alloc.u.mba_info.thrtl_max;
        hw_info->mba.linear = s.u.psr_alloc.u.mba_info.flags & XEN_SYSCTL_PSR_MBA_LINEAR;
    } else {
        hw_info->cat.cos_max = s.u.psr_alloc.u.cat_info.cos_max;
        hw_info->cat.cbm_len = s.u.psr_alloc.u.cat_info.cbm_len;
        /* Code/data prioritisation is an L3 feature only. */
        hw_info->cat.cdp_enabled = type == XC_PSR_CAT_L3 &&
                                   (s.u.psr_alloc.u.cat_info.flags & XEN_SYSCTL_PSR_CAT_L3_CDP);
    }
    return 0;
}
