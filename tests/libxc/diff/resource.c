/* SPDX-License-Identifier: MIT */
/*
 * Resource access: MSR reads only (the TSC, which Xen allows and answers
 * with its scaled system time, and MSRs it refuses), on one batch and on
 * several (a multicall).  The time read changes from run to run: only
 * whether a value came back is printed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

#define MSR_IA32_TSC    0x00000010
#define MSR_TSX_CTRL    0x00000122
#define MSR_CMT_CTR     0x00000c8e

static xc_resource_entry_t msr_read(uint64_t msr)
{
    return (xc_resource_entry_t){ .u.cmd = XEN_RESOURCE_OP_MSR_READ, .idx = msr };
}

/* What came back in batch op (named name): its result and, per entry,
 * its u.ret and whether a value was read. */
static void show(const char *name, const xc_resource_op_t *op)
{
    char line[64];

    snprintf(line, sizeof(line), "%s result", name);
    t_result(line, "%" PRId64, (int64_t)op->result);
    for (uint32_t i = 0; i < op->nr_entries; i++) {
        snprintf(line, sizeof(line), "%s entry %u", name, i);
        t_result(line, "ret %d value %s", op->entries[i].u.ret,
                 op->entries[i].val ? "read" : "none");
    }
}

/* One batch of n entries on cpu. */
static void one(xc_interface *xch, const char *name, uint32_t cpu, xc_resource_entry_t *e,
                uint32_t n)
{
    xc_resource_op_t op = { .result = 7, .cpu = cpu, .nr_entries = n, .entries = e };

    T_RC(name, xc_resource_op(xch, 1, &op));
    show(name, &op);
}

static void single(xc_interface *xch)
{
    xc_resource_entry_t e[4];

    e[0] = msr_read(MSR_IA32_TSC);
    one(xch, "resource_op TSC on cpu 0", 0, e, 1);
    e[0] = msr_read(MSR_IA32_TSC);
    one(xch, "resource_op TSC on cpu 1", 1, e, 1);
    e[0] = msr_read(MSR_IA32_TSC);
    e[1] = msr_read(MSR_IA32_TSC);
    one(xch, "resource_op TSC twice", 0, e, 2);
    e[0] = msr_read(MSR_TSX_CTRL);
    one(xch, "resource_op TSX_CTRL", 0, e, 1);
    e[0] = msr_read(MSR_CMT_CTR);
    one(xch, "resource_op CMT counter", 0, e, 1);
    e[0] = msr_read(MSR_IA32_TSC);
    e[1] = msr_read(MSR_TSX_CTRL);
    one(xch, "resource_op TSC then TSX_CTRL", 0, e, 2);
    e[0] = msr_read(MSR_IA32_TSC);
    e[0].u.cmd = 7;
    one(xch, "resource_op unknown command", 0, e, 1);
    e[0] = msr_read(1ull << 32);
    one(xch, "resource_op MSR above 32 bits", 0, e, 1);
    e[0] = msr_read(MSR_IA32_TSC);
    e[0].rsvd = 1;
    one(xch, "resource_op reserved field set", 0, e, 1);
    for (int i = 0; i < 4; i++)
        e[i] = msr_read(MSR_IA32_TSC);
    one(xch, "resource_op of 4 entries", 0, e, 4);
    e[0] = msr_read(MSR_IA32_TSC);
    one(xch, "resource_op on cpu 99", 99, e, 1);
    one(xch, "resource_op of 0 entries", 0, NULL, 0);
}

static void multi(xc_interface *xch)
{
    xc_resource_entry_t e[5] = {
        msr_read(MSR_IA32_TSC), msr_read(MSR_IA32_TSC), msr_read(MSR_TSX_CTRL),
        msr_read(MSR_IA32_TSC), msr_read(MSR_IA32_TSC),
    };
    xc_resource_op_t ops[5] = {
        { .result = 7, .cpu = 0, .nr_entries = 1, .entries = &e[0] },
        { .result = 7, .cpu = 1, .nr_entries = 1, .entries = &e[1] },
        { .result = 7, .cpu = 0, .nr_entries = 1, .entries = &e[2] },
        { .result = 7, .cpu = 99, .nr_entries = 1, .entries = &e[3] },
        { .result = 7, .cpu = 0, .nr_entries = 0, .entries = NULL },
    };
    xc_resource_op_t two[2] = {
        { .result = 7, .cpu = 0, .nr_entries = 1, .entries = &e[4] },
        { .result = 7, .cpu = 1, .nr_entries = 0, .entries = NULL },
    };
    char name[64];

    T_RC("resource_op of 5 batches", xc_resource_op(xch, 5, ops));
    for (int i = 0; i < 5; i++) {
        snprintf(name, sizeof(name), "resource_op batch %d of 5", i);
        show(name, &ops[i]);
    }
    T_RC("resource_op of 2 batches", xc_resource_op(xch, 2, two));
    show("resource_op batch 0 of 2", &two[0]);
    show("resource_op batch 1 of 2", &two[1]);
}

void diff_resource(xc_interface *xch, const struct diff_domains *d)
{
    (void)d;
    single(xch);
    multi(xch);
}
