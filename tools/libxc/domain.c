/* SPDX-License-Identifier: LGPL-2.1-only */
/* Domains as a whole: their life, their information, their settings,
 * an HVM domain's saved state; and xc_domctl, a caller's own domctl. */
#include <string.h>

#include "private.h"

/* libxl asks for a given id (*pdomid) or lets Xen choose (0, or an id
 * of DOMID_FIRST_RESERVED and above); Xen may adjust the configuration,
 * which the caller gets back. */
EXPORT int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                            struct xen_domctl_createdomain *config)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!pdomid || !config)
        return xc__invalid(xch, "xc_domain_create: NULL %s", pdomid ? "config" : "domid");
    d.u.createdomain = *config;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_createdomain, *pdomid);
    if (rc)
        return rc;
    *pdomid = d.domain;
    *config = d.u.createdomain;
    return 0;
}

/* Xen frees a dying domain's memory in steps and answers EAGAIN until
 * the last one. */
EXPORT int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    int rc;

    do {
        struct xen_domctl d = { 0 };

        rc = xc__domctl_on(xch, &d, XEN_DOMCTL_destroydomain, domid);
    } while (rc < 0 && errno == EAGAIN);
    return rc;
}

EXPORT int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    struct xen_domctl d = { 0 };

    return xc__domctl_on(xch, &d, XEN_DOMCTL_pausedomain, domid);
}

EXPORT int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    struct xen_domctl d = { 0 };

    return xc__domctl_on(xch, &d, XEN_DOMCTL_unpausedomain, domid);
}

EXPORT int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason)
{
    struct sched_remote_shutdown arg = {
        .domain_id = (domid_t)domid,
        .reason = (unsigned)reason,
    };

    return (int)xc__hypercall_struct(xch, __HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, &arg,
                                     sizeof(arg), 0);
}

EXPORT int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max)
{
    struct xen_domctl d = { 0 };

    d.u.max_vcpus.max = max;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_max_vcpus, domid);
}

EXPORT int xc_domain_soft_reset(xc_interface *xch, uint32_t domid)
{
    struct xen_domctl d = { 0 };

    return xc__domctl_on(xch, &d, XEN_DOMCTL_soft_reset, domid);
}

EXPORT int xc_domain_set_target(xc_interface *xch, uint32_t domid, uint32_t target)
{
    struct xen_domctl d = { 0 };

    d.u.set_target.target = (domid_t)target;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_target, domid);
}

EXPORT int xc_domain_subscribe_for_suspend(xc_interface *xch, uint32_t domid,
                                           evtchn_port_t port)
{
    struct xen_domctl d = { 0 };

    d.u.subscribe.port = port;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_subscribe, domid);
}

EXPORT int xc_domain_send_trigger(xc_interface *xch, uint32_t domid, uint32_t trigger,
                                  uint32_t vcpu)
{
    struct xen_domctl d = { 0 };

    d.u.sendtrigger.trigger = trigger;
    d.u.sendtrigger.vcpu = vcpu;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_sendtrigger, domid);
}

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

EXPORT int xc_domain_set_time_offset(xc_interface *xch, uint32_t domid,
                                     int32_t time_offset_seconds)
{
    struct xen_domctl d = { 0 };

    d.u.settimeoffset.time_offset_seconds = time_offset_seconds;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_settimeoffset, domid);
}

EXPORT int xc_domain_set_tsc_info(xc_interface *xch, uint32_t domid, uint32_t tsc_mode,
                                  uint64_t elapsed_nsec, uint32_t gtsc_khz,
                                  uint32_t incarnation)
{
    struct xen_domctl d = { 0 };

    d.u.tsc_info.tsc_mode = tsc_mode;
    d.u.tsc_info.elapsed_nsec = elapsed_nsec;
    d.u.tsc_info.gtsc_khz = gtsc_khz;
    d.u.tsc_info.incarnation = incarnation;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_settscinfo, domid);
}

EXPORT int xc_domain_get_tsc_info(xc_interface *xch, uint32_t domid, uint32_t *tsc_mode,
                                  uint64_t *elapsed_nsec, uint32_t *gtsc_khz,
                                  uint32_t *incarnation)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (!tsc_mode || !elapsed_nsec || !gtsc_khz || !incarnation)
        return xc__invalid(xch, "xc_domain_get_tsc_info: NULL result pointer");
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_gettscinfo, domid);
    if (rc == 0) {
        *tsc_mode = d.u.tsc_info.tsc_mode;
        *elapsed_nsec = d.u.tsc_info.elapsed_nsec;
        *gtsc_khz = d.u.tsc_info.gtsc_khz;
        *incarnation = d.u.tsc_info.incarnation;
    }
    return rc;
}

/* Upstream's answer on failure is 1, not -1 (errno set): kept, as
 * libxenguest tests for nonzero. */
EXPORT int xc_domain_get_guest_width(xc_interface *xch, uint32_t domid,
                                     unsigned int *guest_width)
{
    struct xen_domctl d = { 0 };

    if (!guest_width)
        return xc__invalid(xch, "xc_domain_get_guest_width: NULL guest_width");
    if (xc__domctl_on(xch, &d, XEN_DOMCTL_get_address_size, domid) != 0)
        return 1;
    *guest_width = d.u.address_size.size / 8;
    return 0;
}

/* x86 keeps caches coherent and Xen refuses the domctl there: success
 * without a hypercall, as upstream's. */
EXPORT int xc_domain_cacheflush(xc_interface *xch, uint32_t domid, xen_pfn_t start_pfn,
                                xen_pfn_t nr_pfns)
{
#if defined(__i386__) || defined(__x86_64__)
    (void)xch;
    (void)domid;
    (void)start_pfn;
    (void)nr_pfns;
    return 0;
#else
    struct xen_domctl d = { 0 };

    d.u.cacheflush.start_pfn = start_pfn;
    d.u.cacheflush.nr_pfns = nr_pfns;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_cacheflush, domid);
#endif
}

/* The CPU time (ns) vCPU vcpu has used; -1 on failure, logged as
 * upstream's is. */
EXPORT long long xc_domain_get_cpu_usage(xc_interface *xch, uint32_t domid, int vcpu)
{
    struct xen_domctl d = { 0 };

    d.u.getvcpuinfo.vcpu = (uint32_t)vcpu;
    if (xc__domctl_on(xch, &d, XEN_DOMCTL_getvcpuinfo, domid) < 0) {
        xc__perror(xch, "cannot get the CPU time of vCPU %d of domain %u", vcpu, domid);
        return -1;
    }
    return (long long)d.u.getvcpuinfo.cpu_time;
}

/* Xen's p2m audit exists only in its debug builds (otherwise refused). */
EXPORT int xc_domain_p2m_audit(xc_interface *xch, uint32_t domid, uint64_t *orphans,
                               uint64_t *m2p_bad, uint64_t *p2m_bad)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (!orphans || !m2p_bad || !p2m_bad)
        return xc__invalid(xch, "xc_domain_p2m_audit: NULL result pointer");
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_audit_p2m, domid);
    if (rc == 0) {
        *orphans = d.u.audit_p2m.orphans;
        *m2p_bad = d.u.audit_p2m.m2p_bad;
        *p2m_bad = d.u.audit_p2m.p2m_bad;
    }
    return rc;
}

/* Arm's emulated PL011 UART, the only type there is (Xen checks the
 * type); Xen on x86 refuses the domctl. */
EXPORT int xc_dom_vuart_init(xc_interface *xch, uint32_t type, uint32_t domid,
                             uint32_t console_domid, xen_pfn_t gfn, evtchn_port_t *evtchn)
{
    struct xen_domctl d = { 0 };
    int rc;

    if (!evtchn)
        return xc__invalid(xch, "xc_dom_vuart_init: NULL evtchn");
    d.u.vuart_op.cmd = XEN_DOMCTL_VUART_OP_INIT;
    d.u.vuart_op.type = type;
    d.u.vuart_op.console_domid = (domid_t)console_domid;
    d.u.vuart_op.gfn = gfn;
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_vuart_op, domid);
    if (rc == 0)
        *evtchn = d.u.vuart_op.evtchn;
    return rc;
}

/* The 16-byte handle (a UUID for libxl) Xen keeps for the toolstack and
 * reports back in the domain's record. */
EXPORT int xc_domain_sethandle(xc_interface *xch, uint32_t domid, xen_domain_handle_t handle)
{
    struct xen_domctl d = { 0 };

    if (!handle)
        return xc__invalid(xch, "xc_domain_sethandle: NULL handle");
    memcpy(d.u.setdomainhandle.handle, handle, sizeof(xen_domain_handle_t));
    return xc__domctl_on(xch, &d, XEN_DOMCTL_setdomainhandle, domid);
}

/* The domain that receives global VIRQ virq from now on (xenstored's
 * domain takes VIRQ_DOM_EXC); Xen refuses per-vCPU VIRQs. */
EXPORT int xc_domain_set_virq_handler(xc_interface *xch, uint32_t domid, int virq)
{
    struct xen_domctl d = { 0 };

    d.u.set_virq_handler.virq = (uint32_t)virq;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_virq_handler, domid);
}

/* Whether a debugger is attached to domid: Xen then reports its guest's
 * breakpoints and debug traps to the debugger instead of the guest. */
EXPORT int xc_domain_setdebugging(xc_interface *xch, uint32_t domid, unsigned int enable)
{
    struct xen_domctl d = { 0 };

    /* A byte in Xen's struct, as upstream's passes it. */
    d.u.setdebugging.enable = (uint8_t)enable;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_setdebugging, domid);
}

/* Single-stepping vCPU vcpu of an HVM domain on or off (sop:
 * XEN_DOMCTL_DEBUG_OP_*). */
EXPORT int xc_domain_debug_control(xc_interface *xch, uint32_t domid, uint32_t sop,
                                   uint32_t vcpu)
{
    struct xen_domctl d = { 0 };

    d.u.debug_op.op = sop;
    d.u.debug_op.vcpu = vcpu;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_debug_op, domid);
}

/* Whether a mem_access violation waits for a monitor (required) or, with
 * none listening, gives the page its full rights back. */
EXPORT int xc_domain_set_access_required(xc_interface *xch, uint32_t domid,
                                         unsigned int required)
{
    struct xen_domctl d = { 0 };

    d.u.access_required.access_required = (uint8_t)required;
    return xc__domctl_on(xch, &d, XEN_DOMCTL_set_access_required, domid);
}

/* One HVM context domctl: ctxt (size bytes, or NULL to ask for the
 * size) bounced in the given direction.  Xen's answer, or -1. */
static int hvm_context(xc_interface *xch, uint32_t cmd, uint32_t domid, uint8_t *ctxt,
                       uint32_t size, int dir, uint32_t *filled)
{
    DECLARE_HYPERCALL_BOUNCE(ctxt, size, dir);
    struct xen_domctl d = { 0 };
    int rc;

    if (xc_hypercall_bounce_pre(xch, ctxt))
        return -1;
    d.u.hvmcontext.size = size;
    set_xen_guest_handle(d.u.hvmcontext.buffer, ctxt);
    rc = xc__domctl_on(xch, &d, cmd, domid);
    xc_hypercall_bounce_post(xch, ctxt);
    *filled = d.u.hvmcontext.size;
    return rc;
}

/* Xen writes the domain's whole state, or with a NULL buffer only says
 * how large it is.  Returns that size. */
EXPORT int xc_domain_hvm_getcontext(xc_interface *xch, uint32_t domid, uint8_t *ctxt_buf,
                                    uint32_t size)
{
    uint32_t filled = 0;

    if (hvm_context(xch, XEN_DOMCTL_gethvmcontext, domid, ctxt_buf, size,
                    XC_HYPERCALL_BUFFER_BOUNCE_OUT, &filled) < 0)
        return -1;
    return (int)filled;
}

/* One record of the state (typecode HVM_SAVE_CODE(...), instance: the
 * vCPU for per-vCPU records) into ctxt_buf, which must hold it. */
EXPORT int xc_domain_hvm_getcontext_partial(xc_interface *xch, uint32_t domid,
                                            uint16_t typecode, uint16_t instance,
                                            void *ctxt_buf, uint32_t size)
{
    DECLARE_HYPERCALL_BOUNCE(ctxt_buf, size, XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    struct xen_domctl d = { 0 };
    int rc;

    if (!ctxt_buf)
        return xc__invalid(xch, "xc_domain_hvm_getcontext_partial: NULL buffer");
    if (xc_hypercall_bounce_pre(xch, ctxt_buf))
        return -1;
    d.u.hvmcontext_partial.type = typecode;
    d.u.hvmcontext_partial.instance = instance;
    d.u.hvmcontext_partial.bufsz = size;
    set_xen_guest_handle(d.u.hvmcontext_partial.buffer, ctxt_buf);
    rc = xc__domctl_on(xch, &d, XEN_DOMCTL_gethvmcontext_partial, domid);
    xc_hypercall_bounce_post(xch, ctxt_buf);
    return rc;
}

EXPORT int xc_domain_hvm_setcontext(xc_interface *xch, uint32_t domid, uint8_t *hvm_ctxt,
                                    uint32_t size)
{
    uint32_t filled;

    return hvm_context(xch, XEN_DOMCTL_sethvmcontext, domid, hvm_ctxt, size,
                       XC_HYPERCALL_BUFFER_BOUNCE_IN, &filled);
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

/* A caller's own domctl (libxenguest issues some itself): the interface
 * version is filled in, the rest goes to Xen as it is. */
EXPORT int xc_domctl(xc_interface *xch, struct xen_domctl *domctl)
{
    if (!domctl)
        return xc__invalid(xch, "xc_domctl: NULL domctl");
    return xc__domctl(xch, domctl);
}
