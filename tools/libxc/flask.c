/* SPDX-License-Identifier: LGPL-2.1-only */
/* The FLASK security module (xsm_op): policy, contexts, booleans, the
 * labels of devices and I/O resources, access queries and the access
 * vector cache.  A Xen booted without FLASK (the dummy module) refuses
 * every call: its error is passed on. */
#include <stdio.h>
#include <string.h>

#include "private.h"

/* The kinds of resource FLASK_ADD_OCONTEXT labels (Xen's OCON_*, which
 * its public header leaves out). */
enum { OCON_PIRQ = 1, OCON_IOPORT, OCON_IOMEM, OCON_DEVICE };

/* An operation whose string argument (size bytes at text, copied in the
 * direction dir) sits in op's sid_context, load or boolean member. */
static int with_text(xc_interface *xch, struct xen_flask_op *op, char *text, uint32_t size,
                     int dir)
{
    DECLARE_HYPERCALL_BOUNCE(text, size, dir);
    int rc;

    if (!text && size)
        return xc__invalid(xch, "FLASK operation %u: NULL buffer of %u bytes", op->cmd, size);
    if (xc_hypercall_bounce_pre(xch, text))
        return -1;
    switch (op->cmd) {
    case FLASK_LOAD:
        op->u.load.size = size;
        set_xen_guest_handle(op->u.load.buffer, text);
        break;
    case FLASK_GETBOOL:
    case FLASK_SETBOOL:
        op->u.boolean.size = size;
        set_xen_guest_handle(op->u.boolean.name, text);
        break;
    default:
        op->u.sid_context.size = size;
        set_xen_guest_handle(op->u.sid_context.context, text);
        break;
    }
    rc = xc__flask_op(xch, op);
    xc_hypercall_bounce_post(xch, text);
    return rc;
}

EXPORT int xc_flask_load(xc_interface *xch, char *buf, uint32_t size)
{
    struct xen_flask_op op = { .cmd = FLASK_LOAD };

    return with_text(xch, &op, buf, size, XC_HYPERCALL_BUFFER_BOUNCE_IN);
}

EXPORT int xc_flask_context_to_sid(xc_interface *xch, char *buf, uint32_t size, uint32_t *sid)
{
    struct xen_flask_op op = { .cmd = FLASK_CONTEXT_TO_SID };
    int rc;

    if (!sid)
        return xc__invalid(xch, "xc_flask_context_to_sid: NULL sid");
    rc = with_text(xch, &op, buf, size, XC_HYPERCALL_BUFFER_BOUNCE_IN);
    if (rc == 0)
        *sid = op.u.sid_context.sid;
    return rc;
}

EXPORT int xc_flask_sid_to_context(xc_interface *xch, int sid, char *buf, uint32_t size)
{
    struct xen_flask_op op = { .cmd = FLASK_SID_TO_CONTEXT };

    op.u.sid_context.sid = (uint32_t)sid;
    return with_text(xch, &op, buf, size, XC_HYPERCALL_BUFFER_BOUNCE_OUT);
}

EXPORT int xc_flask_getenforce(xc_interface *xch)
{
    struct xen_flask_op op = { .cmd = FLASK_GETENFORCE };

    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_setenforce(xc_interface *xch, int mode)
{
    struct xen_flask_op op = { .cmd = FLASK_SETENFORCE };

    op.u.enforce.enforcing = (uint32_t)mode;
    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_relabel_domain(xc_interface *xch, uint32_t domid, uint32_t sid)
{
    struct xen_flask_op op = { .cmd = FLASK_RELABEL_DOMAIN };

    op.u.relabel.domid = domid;
    op.u.relabel.sid = sid;
    return xc__flask_op(xch, &op);
}

/* A caller's own xsm_op: the interface version is filled in. */
EXPORT int xc_flask_op(xc_interface *xch, xen_flask_op_t *op)
{
    if (!op)
        return xc__invalid(xch, "xc_flask_op: NULL op");
    return xc__flask_op(xch, op);
}

/* Boolean id's name (into name, size bytes) and values. */
EXPORT int xc_flask_getbool_byid(xc_interface *xch, int id, char *name, uint32_t size,
                                 int *curr, int *pend)
{
    struct xen_flask_op op = { .cmd = FLASK_GETBOOL };
    int rc;

    op.u.boolean.bool_id = (uint32_t)id;
    rc = with_text(xch, &op, name, size, XC_HYPERCALL_BUFFER_BOUNCE_OUT);
    if (rc)
        return rc;
    if (curr)
        *curr = op.u.boolean.enforcing;
    if (pend)
        *pend = op.u.boolean.pending;
    return 0;
}

/* A boolean by name: Xen is given its characters without the NUL, and
 * bool_id -1 (look it up by name). */
static int bool_by_name(xc_interface *xch, struct xen_flask_op *op, char *name)
{
    if (!name)
        return xc__invalid(xch, "FLASK boolean operation %u: NULL name", op->cmd);
    op->u.boolean.bool_id = (uint32_t)-1;
    return with_text(xch, op, name, (uint32_t)strlen(name), XC_HYPERCALL_BUFFER_BOUNCE_IN);
}

EXPORT int xc_flask_getbool_byname(xc_interface *xch, char *name, int *curr, int *pend)
{
    struct xen_flask_op op = { .cmd = FLASK_GETBOOL };
    int rc = bool_by_name(xch, &op, name);

    if (rc)
        return rc;
    if (curr)
        *curr = op.u.boolean.enforcing;
    if (pend)
        *pend = op.u.boolean.pending;
    return 0;
}

/* The new value is always committed, whatever commit says (upstream's
 * behaviour). */
EXPORT int xc_flask_setbool(xc_interface *xch, char *name, int value, int commit)
{
    struct xen_flask_op op = { .cmd = FLASK_SETBOOL };

    (void)commit;
    op.u.boolean.new_value = (uint8_t)value;
    op.u.boolean.commit = 1;
    return bool_by_name(xch, &op, name);
}

/* The SID of context string scontext (its characters without the NUL). */
static int sid_of(xc_interface *xch, const char *scontext, uint32_t *sid)
{
    if (!scontext)
        return xc__invalid(xch, "FLASK: NULL security context");
    return xc_flask_context_to_sid(xch, (char *)scontext, (uint32_t)strlen(scontext), sid);
}

/* Labels resources low .. high of kind ocon with context scontext: its
 * SID first, so a context FLASK does not know fails that lookup. */
static int add_ocontext(xc_interface *xch, uint32_t ocon, uint64_t low, uint64_t high,
                        char *scontext)
{
    struct xen_flask_op op = { .cmd = FLASK_ADD_OCONTEXT };
    int rc = sid_of(xch, scontext, &op.u.ocontext.sid);

    if (rc)
        return rc;
    op.u.ocontext.ocon = ocon;
    op.u.ocontext.low = low;
    op.u.ocontext.high = high;
    return xc__flask_op(xch, &op);
}

static int del_ocontext(xc_interface *xch, uint32_t ocon, uint64_t low, uint64_t high)
{
    struct xen_flask_op op = { .cmd = FLASK_DEL_OCONTEXT };

    op.u.ocontext.ocon = ocon;
    op.u.ocontext.low = low;
    op.u.ocontext.high = high;
    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_add_pirq(xc_interface *xch, unsigned int pirq, char *scontext)
{
    return add_ocontext(xch, OCON_PIRQ, pirq, pirq, scontext);
}

EXPORT int xc_flask_add_ioport(xc_interface *xch, unsigned long low, unsigned long high,
                               char *scontext)
{
    return add_ocontext(xch, OCON_IOPORT, low, high, scontext);
}

EXPORT int xc_flask_add_iomem(xc_interface *xch, unsigned long low, unsigned long high,
                              char *scontext)
{
    return add_ocontext(xch, OCON_IOMEM, low, high, scontext);
}

EXPORT int xc_flask_add_device(xc_interface *xch, unsigned long device, char *scontext)
{
    return add_ocontext(xch, OCON_DEVICE, device, device, scontext);
}

EXPORT int xc_flask_del_pirq(xc_interface *xch, unsigned int pirq)
{
    return del_ocontext(xch, OCON_PIRQ, pirq, pirq);
}

EXPORT int xc_flask_del_ioport(xc_interface *xch, unsigned long low, unsigned long high)
{
    return del_ocontext(xch, OCON_IOPORT, low, high);
}

EXPORT int xc_flask_del_iomem(xc_interface *xch, unsigned long low, unsigned long high)
{
    return del_ocontext(xch, OCON_IOMEM, low, high);
}

EXPORT int xc_flask_del_device(xc_interface *xch, unsigned long device)
{
    return del_ocontext(xch, OCON_DEVICE, device, device);
}

/* Whether context scon may do req (permission bits of class tclass) to
 * tcon.  The results are written only when Xen answered; *decided is
 * always all ones.  Returns -EPERM (errno untouched, as upstream's) when
 * not everything asked is allowed. */
EXPORT int xc_flask_access(xc_interface *xch, const char *scon, const char *tcon,
                           uint16_t tclass, uint32_t req, uint32_t *allowed,
                           uint32_t *decided, uint32_t *auditallow, uint32_t *auditdeny,
                           uint32_t *seqno)
{
    struct xen_flask_op op = { .cmd = FLASK_ACCESS };
    int rc;

    if (!scon || !tcon)
        return xc__invalid(xch, "xc_flask_access: NULL %s context", scon ? "target" : "source");
    rc = sid_of(xch, scon, &op.u.access.ssid);
    if (!rc)
        rc = sid_of(xch, tcon, &op.u.access.tsid);
    if (rc)
        return rc;
    op.u.access.tclass = tclass;
    op.u.access.req = req;
    rc = xc__flask_op(xch, &op);
    if (rc)
        return rc;
    if (allowed)
        *allowed = op.u.access.allowed;
    if (decided)
        *decided = 0xffffffff;
    if (auditallow)
        *auditallow = op.u.access.audit_allow;
    if (auditdeny)
        *auditdeny = op.u.access.audit_deny;
    if (seqno)
        *seqno = op.u.access.seqno;
    return (op.u.access.allowed & req) == req ? 0 : -EPERM;
}

/* A text buffer of size bytes (NULL only with none). */
static bool bad_text(xc_interface *xch, const char *fn, const char *buf, int size)
{
    if (size >= 0 && (buf || !size))
        return false;
    xc__invalid(xch, "%s: %d bytes at %s", fn, size, buf ? "buf" : "NULL");
    return true;
}

/* The access vector cache's hash table, as text into buf (at most size
 * bytes): written also when Xen refused (zeros then), as upstream's. */
EXPORT int xc_flask_avc_hashstats(xc_interface *xch, char *buf, int size)
{
    struct xen_flask_op op = { .cmd = FLASK_AVC_HASHSTATS };
    int rc;

    if (bad_text(xch, "xc_flask_avc_hashstats", buf, size))
        return -1;
    rc = xc__flask_op(xch, &op);
    snprintf(buf, (size_t)size, "entries: %d\nbuckets used: %d/%d\nlongest chain: %d\n",
             (int)op.u.hash_stats.entries, (int)op.u.hash_stats.buckets_used,
             (int)op.u.hash_stats.buckets_total, (int)op.u.hash_stats.max_chain_len);
    return rc;
}

/* The cache's counters as text into buf (at most size bytes): a heading
 * line, then one line per CPU while there is room, until Xen has no
 * more CPUs (ENOENT).  Without room for the heading Xen is not asked. */
EXPORT int xc_flask_avc_cachestats(xc_interface *xch, char *buf, int size)
{
    struct xen_flask_op op = { .cmd = FLASK_AVC_CACHESTATS };
    int used;

    if (bad_text(xch, "xc_flask_avc_cachestats", buf, size))
        return -1;
    used = snprintf(buf, (size_t)size, "lookups hits misses allocations reclaims frees\n");
    for (uint32_t cpu = 0; used < size; cpu++) {
        struct xen_flask_cache_stats *c = &op.u.cache_stats;

        c->cpu = cpu;
        if (xc__flask_op(xch, &op) < 0)
            return errno == ENOENT ? 0 : -1;
        used += snprintf(buf + used, (size_t)(size - used), "%u %u %u %u %u %u\n", c->lookups,
                         c->hits, c->misses, c->allocations, c->reclaims, c->frees);
    }
    return 0;
}

EXPORT int xc_flask_policyvers(xc_interface *xch)
{
    struct xen_flask_op op = { .cmd = FLASK_POLICYVERS };

    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_getavc_threshold(xc_interface *xch)
{
    struct xen_flask_op op = { .cmd = FLASK_GETAVC_THRESHOLD };

    return xc__flask_op(xch, &op);
}

EXPORT int xc_flask_setavc_threshold(xc_interface *xch, int threshold)
{
    struct xen_flask_op op = { .cmd = FLASK_SETAVC_THRESHOLD };

    op.u.setavc_threshold.threshold = (uint32_t)threshold;
    return xc__flask_op(xch, &op);
}
