/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Resource access (platform_op XENPF_resource_op): batches of MSR reads
 * and writes that Xen runs on one CPU with interrupts off, for the MSRs
 * it allows (the TSC, the cache monitoring counters...).  Several batches
 * go to Xen as one multicall, as upstream sends them.
 */
#include <string.h>

#include "private.h"

/* Each op's result field: the batch's answer (entries done, or negative
 * for a refusal) as Xen gave it (a multicall) or as the call returned. */
static int resource_op_one(xc_interface *xch, xc_resource_op_t *op)
{
    struct xen_platform_op p = { .cmd = XENPF_resource_op };
    size_t size = (size_t)op->nr_entries * sizeof(*op->entries);
    void *buf = NULL;
    int rc;

    /* A NULL array (of no entries) reaches Xen as a NULL handle, as
     * upstream sends it. */
    if (op->entries) {
        buf = xencall_alloc_buffer(xch->xcall, size);
        if (!buf)
            return -1;
        memcpy(buf, op->entries, size);
    }
    p.u.resource_op.nr_entries = op->nr_entries;
    p.u.resource_op.cpu = op->cpu;
    set_xen_guest_handle_raw(p.u.resource_op.entries, buf);
    rc = xc__platform_op(xch, &p);
    /* Upstream's int, widened: -1 becomes all ones. */
    op->result = (uint64_t)(int64_t)rc;
    if (buf) {
        memcpy(op->entries, buf, size);
        xencall_free_buffer(xch->xcall, buf);
    }
    return rc;
}

/* The multicall's layout in one hypercall buffer: the calls, then the
 * platform_op of each, then each op's entries. */
static int resource_op_multi(xc_interface *xch, uint32_t nr_ops, xc_resource_op_t *ops)
{
    multicall_entry_t *calls;
    struct xen_platform_op *p;
    xenpf_resource_entry_t *e;
    size_t size = (size_t)nr_ops * (sizeof(*calls) + sizeof(*p));
    int rc;

    for (uint32_t i = 0; i < nr_ops; i++)
        if (__builtin_add_overflow(size, (size_t)ops[i].nr_entries * sizeof(*e), &size))
            return xc__invalid(xch, "xc_resource_op: %u batches too large", nr_ops);
    calls = xencall_alloc_buffer(xch->xcall, size);
    if (!calls)
        return -1;
    p = (struct xen_platform_op *)(calls + nr_ops);
    e = (xenpf_resource_entry_t *)(p + nr_ops);
    for (uint32_t i = 0; i < nr_ops; i++) {
        p[i].cmd = XENPF_resource_op;
        p[i].interface_version = XENPF_INTERFACE_VERSION;
        p[i].u.resource_op.nr_entries = ops[i].nr_entries;
        p[i].u.resource_op.cpu = ops[i].cpu;
        set_xen_guest_handle_raw(p[i].u.resource_op.entries, e);
        if (ops[i].nr_entries)
            memcpy(e, ops[i].entries, ops[i].nr_entries * sizeof(*e));
        e += ops[i].nr_entries;
        calls[i].op = __HYPERVISOR_platform_op;
        calls[i].args[0] = (xen_ulong_t)(uintptr_t)&p[i];
    }
    rc = xencall2(xch->xcall, __HYPERVISOR_multicall, (uintptr_t)calls, nr_ops);
    /* Whatever the multicall did is reported, as upstream does even when
     * it failed. */
    e = (xenpf_resource_entry_t *)(p + nr_ops);
    for (uint32_t i = 0; i < nr_ops; i++) {
        ops[i].result = calls[i].result;
        if (ops[i].nr_entries)
            memcpy(ops[i].entries, e, ops[i].nr_entries * sizeof(*e));
        e += ops[i].nr_entries;
    }
    xencall_free_buffer(xch->xcall, calls);
    return rc;
}

EXPORT int xc_resource_op(xc_interface *xch, uint32_t nr_ops, xc_resource_op_t *ops)
{
    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!nr_ops || !ops)
        return xc__invalid(xch, "xc_resource_op: %s", ops ? "no batches" : "NULL batches");
    for (uint32_t i = 0; i < nr_ops; i++)
        if (!ops[i].entries && ops[i].nr_entries)
            return xc__invalid(xch, "xc_resource_op: batch %u: NULL entries", i);
    return nr_ops == 1 ? resource_op_one(xch, ops) : resource_op_multi(xch, nr_ops, ops);
}
