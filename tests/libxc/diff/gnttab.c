/* SPDX-License-Identifier: MIT */
/*
 * Grant tables as a domain builder and save/restore see them:
 * xc_gnttab_op on the PV test domain, and its table mapped with
 * xc_gnttab_map_table_v1/_v2.  Only a domain writes its own grant
 * entries, so a mapping is checked against what Xen reports: the table's
 * size, and a fresh table's contents (all zero).  xc_gnttab_get_version
 * of it.  And upstream's compat handles: pages dom0 shares with itself
 * (xc_gntshr) mapped back (xc_gnttab), data crossing both ways, the
 * unmap notifications clearing their byte.
 */
#include <errno.h>
#include <stdbool.h>
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

static void versions(xc_interface *xch, const struct diff_domains *d)
{
    T_RC("gnttab_get_version of the PV domain", xc_gnttab_get_version(xch, (uint32_t)d->pv));
    T_RC("gnttab_get_version of the HVM domain", xc_gnttab_get_version(xch, (uint32_t)d->hvm));
    T_RC("gnttab_get_version of dom0", xc_gnttab_get_version(xch, 0));
    T_RC("gnttab_get_version of DOMID_SELF", xc_gnttab_get_version(xch, DOMID_SELF));
    T_RC("gnttab_get_version of no domain", xc_gnttab_get_version(xch, NO_DOMAIN));
}

#define PAGE 4096
/* Where the notifications clear a byte. */
#define NOTIFY_AT 100

/* "NULL errno E" or "mapped". */
static void outcome(const char *name, const void *p, int err)
{
    if (p)
        t_result(name, "mapped");
    else
        t_result(name, "NULL errno %d", err);
}

/* Whether every byte of n pages at p is c. */
static bool all(const unsigned char *p, size_t n, unsigned char c)
{
    for (size_t i = 0; i < n * PAGE; i++)
        if (p[i] != c)
            return false;
    return true;
}

/* One page shared and mapped back, written from both sides. */
static void one_page(xc_gnttab *xcg, xc_gntshr *xcs)
{
    uint32_t ref = 0;
    unsigned char *shared, *mapped;

    errno = 0;
    shared = xc_gntshr_share_pages(xcs, 0, 1, &ref, 1);
    outcome("compat gntshr_share_pages of 1 page to dom0", shared, errno);
    if (!shared)
        return;
    t_result("the shared page", "%s", all(shared, 1, 0) ? "zeroed" : "not zeroed");
    memset(shared, 0x3c, PAGE);
    errno = 0;
    mapped = xc_gnttab_map_grant_ref(xcg, 0, ref, PROT_READ | PROT_WRITE);
    outcome("compat gnttab_map_grant_ref of it", mapped, errno);
    if (mapped) {
        t_result("the mapping reads", "%s", all(mapped, 1, 0x3c) ? "what was shared" : "not");
        memset(mapped, 0xc3, PAGE);
        t_result("the shared page reads", "%s", all(shared, 1, 0xc3) ? "what the mapping wrote" :
                 "not");
        T_RC("compat gnttab_munmap", xc_gnttab_munmap(xcg, mapped, 1));
    }
    errno = 0;
    mapped = xc_gnttab_map_grant_ref(xcg, 0, ref, PROT_READ);
    outcome("compat gnttab_map_grant_ref read-only", mapped, errno);
    if (mapped) {
        t_result("the read-only mapping reads", "%s", all(mapped, 1, 0xc3) ? "the page" : "not");
        T_RC("compat gnttab_munmap of it", xc_gnttab_munmap(xcg, mapped, 1));
    }
    T_RC("compat gntshr_munmap", xc_gntshr_munmap(xcs, shared, 1));
    errno = 0;
    mapped = xc_gnttab_map_grant_ref(xcg, 0, ref, PROT_READ);
    outcome("compat gnttab_map_grant_ref after the unshare", mapped, errno);
    if (mapped)
        xc_gnttab_munmap(xcg, mapped, 1);
}

/* Two pages mapped in one call, both ways of naming their domains. */
static void two_pages(xc_gnttab *xcg, xc_gntshr *xcs)
{
    uint32_t refs[2] = { 0, 0 }, domids[2] = { 0, 0 };
    unsigned char *shared, *mapped;

    errno = 0;
    shared = xc_gntshr_share_pages(xcs, 0, 2, refs, 1);
    outcome("compat gntshr_share_pages of 2 pages", shared, errno);
    if (!shared)
        return;
    memset(shared, 0x11, PAGE);
    memset(shared + PAGE, 0x22, PAGE);
    errno = 0;
    mapped = xc_gnttab_map_grant_refs(xcg, 2, domids, refs, PROT_READ);
    outcome("compat gnttab_map_grant_refs of both", mapped, errno);
    if (mapped) {
        t_result("map_grant_refs reads", "%s",
                 all(mapped, 1, 0x11) && all(mapped + PAGE, 1, 0x22) ? "the two pages in order" :
                 "not");
        T_RC("compat gnttab_munmap of 2 pages", xc_gnttab_munmap(xcg, mapped, 2));
    }
    refs[0] ^= refs[1], refs[1] ^= refs[0], refs[0] ^= refs[1];
    errno = 0;
    mapped = xc_gnttab_map_domain_grant_refs(xcg, 2, 0, refs, PROT_READ | PROT_WRITE);
    outcome("compat gnttab_map_domain_grant_refs, the refs swapped", mapped, errno);
    if (mapped) {
        t_result("map_domain_grant_refs reads", "%s",
                 all(mapped, 1, 0x22) && all(mapped + PAGE, 1, 0x11) ? "the two pages swapped" :
                 "not");
        T_RC("compat gnttab_munmap of 1 page of 2", xc_gnttab_munmap(xcg, mapped, 1));
        T_RC("compat gnttab_munmap of both", xc_gnttab_munmap(xcg, mapped, 2));
    }
    T_RC("compat gntshr_munmap of 2 pages", xc_gntshr_munmap(xcs, shared, 2));
}

/* Each side's unmap notification clears a byte the other side sees. */
static void notifications(xc_gnttab *xcg, xc_gntshr *xcs)
{
    uint32_t ref = 0;
    unsigned char *shared, *mapped;

    errno = 0;
    shared = xc_gntshr_share_pages(xcs, 0, 1, &ref, 1);
    outcome("compat gntshr_share_pages for the mapper's notification", shared, errno);
    if (!shared)
        return;
    memset(shared, 0x77, PAGE);
    errno = 0;
    mapped = xc_gnttab_map_grant_ref_notify(xcg, 0, ref, PROT_READ | PROT_WRITE, NOTIFY_AT,
                                            (evtchn_port_t)-1);
    outcome("compat gnttab_map_grant_ref_notify", mapped, errno);
    if (mapped) {
        T_RC("compat gnttab_munmap of the notifying mapping", xc_gnttab_munmap(xcg, mapped, 1));
        t_result("the byte after the mapper's unmap", "%#x, its neighbour %#x", shared[NOTIFY_AT],
                 shared[NOTIFY_AT + 1]);
    }
    xc_gntshr_munmap(xcs, shared, 1);

    errno = 0;
    shared = xc_gntshr_share_page_notify(xcs, 0, &ref, 1, NOTIFY_AT, (evtchn_port_t)-1);
    outcome("compat gntshr_share_page_notify", shared, errno);
    if (!shared)
        return;
    memset(shared, 0x55, PAGE);
    mapped = xc_gnttab_map_grant_ref(xcg, 0, ref, PROT_READ);
    outcome("its page mapped back", mapped, errno);
    T_RC("compat gntshr_munmap of the notifying page", xc_gntshr_munmap(xcs, shared, 1));
    if (mapped) {
        t_result("the byte after the sharer's unshare", "%#x, its neighbour %#x",
                 mapped[NOTIFY_AT], mapped[NOTIFY_AT + 1]);
        xc_gnttab_munmap(xcg, mapped, 1);
    }
}

static void refused(xc_gnttab *xcg, xc_gntshr *xcs)
{
    uint32_t ref = 0;
    unsigned char *shared;
    void *p;

    errno = 0;
    shared = xc_gntshr_share_pages(xcs, 0, 1, &ref, 0);
    outcome("compat gntshr_share_pages read-only", shared, errno);
    if (shared) {
        errno = 0;
        p = xc_gnttab_map_grant_ref(xcg, 0, ref, PROT_READ | PROT_WRITE);
        outcome("compat gnttab_map_grant_ref writable of a read-only grant", p, errno);
        if (p)
            xc_gnttab_munmap(xcg, p, 1);
        xc_gntshr_munmap(xcs, shared, 1);
    }
    errno = 0;
    p = xc_gnttab_map_grant_ref(xcg, NO_DOMAIN, 1, PROT_READ);
    outcome("compat gnttab_map_grant_ref of no domain", p, errno);
    if (p)
        xc_gnttab_munmap(xcg, p, 1);
    errno = 0;
    p = xc_gntshr_share_pages(xcs, NO_DOMAIN, 1, &ref, 1);
    outcome("compat gntshr_share_pages to no domain", p, errno);
    if (p)
        xc_gntshr_munmap(xcs, p, 1);
}

static void compat_handles(void)
{
    xc_gnttab *xcg;
    xc_gntshr *xcs;

    errno = 0;
    xcg = xc_gnttab_open(NULL, 0);
    t_result("compat gnttab_open", "%s errno %d", xcg ? "a handle" : "NULL", xcg ? 0 : errno);
    errno = 0;
    xcs = xc_gntshr_open(NULL, 0);
    t_result("compat gntshr_open", "%s errno %d", xcs ? "a handle" : "NULL", xcs ? 0 : errno);
    if (xcg)
        T_RC("compat gnttab_set_max_grants 16", xc_gnttab_set_max_grants(xcg, 16));
    if (xcg && xcs) {
        one_page(xcg, xcs);
        two_pages(xcg, xcs);
        notifications(xcg, xcs);
        refused(xcg, xcs);
    }
    if (xcs)
        T_RC("compat gntshr_close", xc_gntshr_close(xcs));
    if (xcg)
        T_RC("compat gnttab_close", xc_gnttab_close(xcg));
}

void diff_gnttab(xc_interface *xch, const struct diff_domains *d)
{
    ops(xch, d->pv);
    tables(xch, d);
    versions(xch, d);
    compat_handles();
}
