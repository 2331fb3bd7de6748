/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxengnttab: the table of a handle's mappings, a hash table by address
 * with chained buckets, grown to keep chains short.  Growth failing only
 * lengthens chains: only getting a new record can fail. */
#include <stdlib.h>

#include "private.h"

/* About a page of records at a time. */
#define BLOCK_RECORDS 127

struct record_block {
    struct record_block *next;
    struct mapping record[BLOCK_RECORDS];
};

/* Mappings start on page boundaries: the bits above the page offset,
 * mixed (Fibonacci hashing) so that neighbouring pages spread out. */
static size_t bucket_of(const void *addr, size_t nr_buckets)
{
    uint64_t page = (uint64_t)(uintptr_t)addr >> XENLIBS_PAGE_SHIFT;

    return (size_t)((page * 0x9e3779b97f4a7c15ull) >> 32) & (nr_buckets - 1);
}

void xengnttab__table_init(struct mapping_table *t)
{
    *t = (struct mapping_table){ .bucket = t->first, .nr_buckets = TABLE_FIRST_BUCKETS };
    for (int i = 0; i < TABLE_FIRST_RECORDS; i++)
        xengnttab__table_put_record(t, &t->first_records[i]);
}

void xengnttab__table_free(struct mapping_table *t)
{
    struct record_block *b, *next;

    for (b = t->blocks; b; b = next) {
        next = b->next;
        free(b);
    }
    if (t->bucket != t->first)
        free(t->bucket);
    xengnttab__table_init(t);
}

struct mapping *xengnttab__table_new_record(struct mapping_table *t)
{
    struct record_block *b;
    struct mapping *m;

    if (!t->unused) {
        b = malloc(sizeof(*b));
        if (!b)
            return NULL;
        b->next = t->blocks;
        t->blocks = b;
        for (int i = 0; i < BLOCK_RECORDS; i++)
            xengnttab__table_put_record(t, &b->record[i]);
    }
    m = t->unused;
    t->unused = m->next;
    return m;
}

void xengnttab__table_put_record(struct mapping_table *t, struct mapping *m)
{
    m->next = t->unused;
    t->unused = m;
}

static void grow(struct mapping_table *t)
{
    size_t n = t->nr_buckets * 2;
    struct mapping **bucket = calloc(n, sizeof(*bucket));

    if (!bucket)
        return;
    for (size_t i = 0; i < t->nr_buckets; i++) {
        struct mapping *m = t->bucket[i], *next;

        for (; m; m = next) {
            size_t b = bucket_of(m->addr, n);

            next = m->next;
            m->next = bucket[b];
            bucket[b] = m;
        }
    }
    if (t->bucket != t->first)
        free(t->bucket);
    t->bucket = bucket;
    t->nr_buckets = n;
}

/* The link that points at the entry for addr, or at the NULL ending its
 * chain. */
static struct mapping **link_of(struct mapping_table *t, const void *addr)
{
    struct mapping **link = &t->bucket[bucket_of(addr, t->nr_buckets)];

    while (*link && (*link)->addr != addr)
        link = &(*link)->next;
    return link;
}

struct mapping *xengnttab__table_add(struct mapping_table *t, struct mapping *m)
{
    struct mapping **link, *stale;

    if (t->nr_mappings >= t->nr_buckets)
        grow(t);
    link = link_of(t, m->addr);
    stale = *link;
    m->next = stale ? stale->next : NULL;
    *link = m;
    if (stale) {
        t->nr_pages -= stale->count;
    } else {
        t->nr_mappings++;
    }
    t->nr_pages += m->count;
    return stale;
}

struct mapping *xengnttab__table_take(struct mapping_table *t, const void *addr)
{
    struct mapping **link = link_of(t, addr), *m = *link;

    if (m) {
        *link = m->next;
        t->nr_mappings--;
        t->nr_pages -= m->count;
    }
    return m;
}
