/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/lockprof.c.  Debian's Xen is built without
 * lock profiling and refuses each (ENOSYS); both libraries must pass that
 * refusal on alike.  What the count is left at after a refusal is not
 * compared: upstream's comes from a struct it does not clear.
 */
#include <errno.h>

#include "diff.h"

#define RECORDS 8

void diff_lockprof(xc_interface *xch, const struct diff_domains *d)
{
    DECLARE_HYPERCALL_BUFFER(xc_lockprof_data_t, data);
    uint32_t n = 0;
    uint64_t time = 0;
    int rc;

    (void)d;
    T_RC("lockprof/lockprof_reset", xc_lockprof_reset(xch));
    errno = 0;
    rc = xc_lockprof_query_number(xch, &n);
    t_rc_result("lockprof/lockprof_query_number", rc, errno);
    if (rc == 0)
        t_result("lockprof/locks", "%s", n ? "some" : "none");
    data = xc_hypercall_buffer_alloc(xch, data, sizeof(*data) * RECORDS);
    t_result("lockprof/buffer", "%s", data ? "allocated" : "NULL");
    n = RECORDS;
    T_RC("lockprof/lockprof_query", xc_lockprof_query(xch, &n, &time, HYPERCALL_BUFFER(data)));
    n = 0;
    T_RC("lockprof/lockprof_query without a buffer",
         xc_lockprof_query(xch, &n, &time, HYPERCALL_BUFFER(HYPERCALL_BUFFER_NULL)));
    xc_hypercall_buffer_free(xch, data);
}
