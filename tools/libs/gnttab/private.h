/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxengnttab internals: one handle type serves both halves, gnttab
 * (mapping others' grants, gntdev) and gntshr (granting, gntalloc). */
#ifndef XENGNTTAB_PRIVATE_H
#define XENGNTTAB_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xengnttab.h>
#include <xentoolcore_internal.h>
#include <xentoollog.h>

#include "libs-handle.h"
#include "libs-internal.h"

/*
 * On the path of mapping, unmapping, sharing and copying: placed together
 * (in .text.hot), so that such a call runs through few pages of code,
 * which counts where TLB misses are dear (a PV domain under emulation
 * empties the TLB at every system call).
 */
#define HOT __attribute__((hot))

/* What "no notification" is in the _notify calls' arguments. */
#define NO_NOTIFY_OFFSET ((uint32_t)-1)
#define NO_NOTIFY_PORT ((evtchn_port_t)-1)

/* Grant requests name the domain in 16 bits (domid_t). */
#define MAX_DOMID 0xffffu

enum handle_kind { GNTTAB, GNTSHR };

/*
 * One mapping made through a handle: its address and size, and for
 * gnttab the driver's offset of it, which unmapping it needs.  Kept in
 * the handle's table, so that an unmap names a mapping of this handle
 * exactly (not just any gntdev page, not another handle's) without asking
 * the kernel.
 */
struct mapping {
    struct mapping *next;       /* in its hash bucket */
    void *addr;
    uint32_t count;
    uint64_t index;
};

#define TABLE_FIRST_BUCKETS 16
#define TABLE_FIRST_RECORDS 16

/* Records come from blocks of many, kept until the table is freed: a
 * mapping costs no allocation of its own. */
struct record_block;

struct mapping_table {
    struct mapping **bucket;    /* nr_buckets chains */
    size_t nr_buckets;          /* a power of two */
    size_t nr_mappings;
    uint64_t nr_pages;          /* over every mapping */
    struct mapping *unused;     /* records free for reuse, by next */
    struct record_block *blocks;
    /* The buckets until the table grows: so there always are some. */
    struct mapping *first[TABLE_FIRST_BUCKETS];
    /* The first records: a handle with few mappings keeps them all here,
     * next to the rest of the handle. */
    struct mapping first_records[TABLE_FIRST_RECORDS];
};

struct xengntdev_handle {
    struct xenlibs_handle base;
    enum handle_kind kind;
    int fd;
    /* Set by xentoolcore_restrict_all(): fd is /dev/null since. */
    atomic_bool restricted;
    pthread_mutex_t lock;       /* guards the three below */
    struct mapping_table table;
    uint64_t mapping_pages;     /* of maps under way, not in the table yet */
    /* xengnttab_set_max_grants(); UINT64_MAX: none.  Atomic so that maps
     * can see there is none without the lock. */
    _Atomic uint64_t max_pages;
};

/*
 * mapping.c: the table of a handle's mappings.  The caller holds the
 * handle's lock.  table_init sets up an empty table, which table_free
 * empties again, freeing every record.  table_new_record returns an
 * unused record, or NULL when there is no memory for one; table_put_record
 * takes back one that is not in the table.  table_add enters m and
 * returns any record it had at the same address: a stale one, whose
 * pages the caller unmapped with munmap(2) itself, for the address is
 * free again.  table_take removes and returns the record at addr, or
 * NULL.
 */
void xengnttab__table_init(struct mapping_table *t);
void xengnttab__table_free(struct mapping_table *t);
HOT struct mapping *xengnttab__table_new_record(struct mapping_table *t);
HOT void xengnttab__table_put_record(struct mapping_table *t, struct mapping *m);
HOT struct mapping *xengnttab__table_add(struct mapping_table *t, struct mapping *m);
HOT struct mapping *xengnttab__table_take(struct mapping_table *t, const void *addr);

/*
 * The OS backend (linux.c), logging as libs-handle.h's rule says.  Each
 * returns 0 (or the address) on success, or -1 (or NULL) with errno set,
 * and logs its failures itself: it alone knows the driver's side of them.
 *
 * os_open opens the handle's driver into h->fd; os_close closes it.
 * os_check_count fails (EINVAL for gntdev, ENOSPC for gntalloc) when count
 * exceeds what the handle's driver takes in one request.
 * os_map maps the grants refs[0..count-1], each of domids[i] or, when
 * domids is NULL, of domid, sets up the unmap notification asked for,
 * and returns the address and the driver's index of the mapping; on
 * failure nothing stays mapped.  os_unmap_pages unmaps what os_map or
 * os_share mapped; os_release then drops the driver's record of an
 * os_map mapping (nothing to do once the handle is restricted: the
 * driver drops its records with its file).  os_share allocates, maps and
 * grants count pages, with the unmap notification asked for (count is
 * then 1).  The dma-buf calls are as the public ones, which say what they
 * log.
 */
int xengnttab__os_open(struct xengntdev_handle *h);
int xengnttab__os_close(struct xengntdev_handle *h);
HOT int xengnttab__os_check_count(struct xengntdev_handle *h, uint32_t count);
HOT void *xengnttab__os_map(struct xengntdev_handle *h, uint32_t count, const uint32_t *domids,
                        uint32_t domid, const uint32_t *refs, int prot,
                        uint32_t notify_offset, evtchn_port_t notify_port, uint64_t *index);
HOT int xengnttab__os_unmap_pages(struct xengntdev_handle *h, void *addr, uint32_t count);
HOT int xengnttab__os_release(struct xengntdev_handle *h, uint64_t index, uint32_t count);
HOT int xengnttab__os_grant_copy(struct xengntdev_handle *h, uint32_t count,
                             xengnttab_grant_copy_segment_t *segs);
int xengnttab__os_dmabuf_exp_from_refs(struct xengntdev_handle *h, uint32_t domid,
                                       uint32_t flags, uint32_t count, const uint32_t *refs,
                                       uint32_t *fd);
int xengnttab__os_dmabuf_exp_wait_released(struct xengntdev_handle *h, uint32_t fd,
                                           uint32_t wait_to_ms);
int xengnttab__os_dmabuf_imp_to_refs(struct xengntdev_handle *h, uint32_t domid, uint32_t fd,
                                     uint32_t count, uint32_t *refs);
int xengnttab__os_dmabuf_imp_release(struct xengntdev_handle *h, uint32_t fd);
HOT void *xengnttab__os_share(struct xengntdev_handle *h, uint32_t domid, uint32_t count,
                          uint32_t *refs, bool writable, uint32_t notify_offset,
                          evtchn_port_t notify_port);

#endif /* XENGNTTAB_PRIVATE_H */
