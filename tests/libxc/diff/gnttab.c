/* SPDX-License-Identifier: MIT */
/*
 * Grant tables as a domain builder and save/restore see them:
 * xc_gnttab_op on the PV test domain, and its table mapped with
 * xc_gnttab_map_table_v1/_v2.  Only a domain writes its own grant
 * entries, so a mapping is checked against what Xen reports: the table's
 * size, and a fresh table's contents (all zero).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "diff.h"

static void ops(xc_interface *xch, int pv)
{
    struct gnttab_query_size q = { .dom = (domid_t)pv };
    struct gnttab_get_version v = { .dom = (domid_t)pv };
    struct gnttab_query_size two[2] = { { .dom = (domid_t)pv },
                                        { .dom = DOMID_FIRST_RESERVED - 1 } };

    T_RC("gnttab_op query_size", xc_gnttab_op(xch, GNTTABOP_query_size, &q, sizeof(q), 1));
    t_result("gnttab_op query_size answer", "frames %u max %u status %d", q.nr_frames,
             q.max_nr_frames, q.status);
    T_RC("gnttab_op get_version", xc_gnttab_op(xch, GNTTABOP_get_version, &v, sizeof(v), 1));
    t_result("gnttab_op get_version answer", "version %u", v.version);
    T_RC("gnttab_op of two query_size", xc_gnttab_op(xch, GNTTABOP_query_size, two,
                                                     sizeof(two[0]), 2));
    t_result("the two answers", "status %d, %d; frames %u", two[0].status, two[1].status,
             two[0].nr_frames);
    T_RC("gnttab_op of 0 ops", xc_gnttab_op(xch, GNTTABOP_query_size, &q, sizeof(q), 0));
    T_RC("gnttab_op of an unknown command", xc_gnttab_op(xch, 99, &q, sizeof(q), 1));
    v = (struct gnttab_get_version){ .dom = DOMID_FIRST_RESERVED - 1 };
    T_RC("gnttab_op get_version of no domain", xc_gnttab_op(xch, GNTTABOP_get_version, &v,
                                                            sizeof(v), 1));
}

/* "NULL errno E" or what the mapped table holds. */
static void mapped(const char *name, const void *table, int err, int n, size_t entry_size)
{
    const unsigned char *bytes = table;
    size_t nonzero = 0;

    if (!table) {
        t_result(name, "NULL errno %d", err);
        return;
    }
    for (size_t i = 0; i < (size_t)n * entry_size; i++)
        nonzero += bytes[i] != 0;
    t_result(name, "gnt_num %d, %zu nonzero bytes", n, nonzero);
    munmap((void *)table, ((size_t)n * 8 + 4095) / 4096 * 4096);
}

static void tables(xc_interface *xch, const struct diff_domains *d)
{
    int n = -7;
    void *t;

    errno = 0;
    t = xc_gnttab_map_table_v1(xch, (uint32_t)d->pv, &n);
    mapped("map_table_v1 of the PV domain", t, errno, n, sizeof(grant_entry_v1_t));
    n = -7;
    errno = 0;
    t = xc_gnttab_map_table_v1(xch, (uint32_t)d->pv2, &n);
    mapped("map_table_v1 of the second PV domain", t, errno, n, sizeof(grant_entry_v1_t));
    n = -7;
    t = xc_gnttab_map_table_v2(xch, (uint32_t)d->pv, &n);
    /* Upstream leaves errno as it was: only the result and n count. */
    t_result("map_table_v2 of a v1 table", "%s, gnt_num %d", t ? "mapped" : "NULL", n);
    n = -7;
    t = xc_gnttab_map_table_v1(xch, DOMID_FIRST_RESERVED - 1, &n);
    t_result("map_table_v1 of no domain", "%s, gnt_num %d", t ? "mapped" : "NULL", n);
}

void diff_gnttab(xc_interface *xch, const struct diff_domains *d)
{
    ops(xch, d->pv);
    tables(xch, d);
}
