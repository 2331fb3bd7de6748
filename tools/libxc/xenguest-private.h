/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * What libxenctrl exports for upstream's libxenguest beyond <xenctrl.h>.
 * Upstream declares it in its private header, which libxenguest is built
 * with; here once, with upstream's types, for the library and for tests
 * built against upstream's <xenctrl.h>: only that header, the Xen headers
 * installed beside it and standard ones are needed.
 */
#ifndef LIBXC_XENGUEST_PRIVATE_H
#define LIBXC_XENGUEST_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/uio.h>

#include <xenctrl.h>

#include <xen/sys/privcmd.h>

/* ---------------------------------------------------------- logging */
void xc_report_error(xc_interface *xch, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void xc_reportv(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
                const char *fmt, va_list args) __attribute__((format(printf, 5, 0)));
void xc_report(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
const char *xc_set_progress_prefix(xc_interface *xch, const char *doing);
void xc_report_progress_single(xc_interface *xch, const char *doing);
void xc_report_progress_step(xc_interface *xch, unsigned long done, unsigned long total);

/* -------------------------------------------------- bounce buffers
 * libxenguest compiles these in: the direction values and the shadow's
 * use are part of the ABI. */
#define XC_HYPERCALL_BUFFER_BOUNCE_NONE 0
#define XC_HYPERCALL_BUFFER_BOUNCE_IN   1   /* copied to Xen before the call */
#define XC_HYPERCALL_BUFFER_BOUNCE_OUT  2   /* copied back after it */
#define XC_HYPERCALL_BUFFER_BOUNCE_BOTH 3

/* Declares bounce buffer _name for the caller's pointer of that name. */
#define DECLARE_HYPERCALL_BOUNCE(_ubuf, _sz, _dir)                \
    xc_hypercall_buffer_t XC__HYPERCALL_BUFFER_NAME(_ubuf) = {    \
        .hbuf = NULL, .param_shadow = NULL,                       \
        .sz = (_sz), .dir = (_dir), .ubuf = (_ubuf),              \
    }

/* Copies the user memory in (for IN and BOTH) to a new hypercall buffer;
 * a NULL user pointer bounces to a NULL buffer.  0, or -1 with errno. */
int xc__hypercall_bounce_pre(xc_interface *xch, xc_hypercall_buffer_t *bounce);
#define xc_hypercall_bounce_pre(_xch, _name) xc__hypercall_bounce_pre(_xch, HYPERCALL_BUFFER(_name))
/* Copies back (for OUT and BOTH) and frees the buffer. */
void xc__hypercall_bounce_post(xc_interface *xch, xc_hypercall_buffer_t *bounce);
#define xc_hypercall_bounce_post(_xch, _name) xc__hypercall_bounce_post(_xch, HYPERCALL_BUFFER(_name))

/* -------------------------------------------------------- PV guests */

/*
 * A batch of mmu_update records for domain subject (upstream's layout:
 * libxenguest is compiled with it).  xc_alloc_mmu_updates() returns an
 * empty one (the caller free()s it), or NULL with errno set (EINVAL: NULL
 * handle; ENOMEM).  xc_add_mmu_update() appends {ptr, val} and submits
 * the batch when it is full; xc_flush_mmu_updates() submits what is
 * queued.  Both return 0, or 1 when Xen refused the batch (errno set;
 * the batch is emptied either way), or -1 with errno EINVAL for a NULL
 * handle or batch.
 */
#define MAX_MMU_UPDATES 1024
struct xc_mmu {
    mmu_update_t updates[MAX_MMU_UPDATES];
    int idx;
    unsigned int subject;
};
struct xc_mmu *xc_alloc_mmu_updates(xc_interface *xch, unsigned int subject);
int xc_add_mmu_update(xc_interface *xch, struct xc_mmu *mmu, unsigned long long ptr,
                      unsigned long long val);
int xc_flush_mmu_updates(xc_interface *xch, struct xc_mmu *mmu);

/*
 * xc_get_pfn_type_batch - replaces each of the num frames of domain dom
 * in arr (a PV guest's machine frames, an HVM guest's gfns) by its type:
 * XEN_DOMCTL_PFINFO_* (page-table level, pinned, broken, or XTAB for a
 * frame the domain does not have).  0, or -1 with errno set (EINVAL:
 * NULL handle, or NULL arr with num > 0; Xen's: ESRCH no such domain).
 */
int xc_get_pfn_type_batch(xc_interface *xch, uint32_t dom, unsigned int num, xen_pfn_t *arr);

/*
 * xc_map_foreign_ranges - maps nentries chunks of chunksize bytes of
 * domain dom, chunk i at machine/guest frame entries[i].mfn onwards, into
 * one contiguous range (size and the entries' va and npages are not
 * used, as upstream).  The mapping, to be released with munmap(), or
 * NULL with errno set (EINVAL: NULL handle or entries, chunksize under a
 * page, no pages; a frame's own error when one cannot be mapped).
 */
void *xc_map_foreign_ranges(xc_interface *xch, uint32_t dom, size_t size, int prot,
                            size_t chunksize, privcmd_mmap_entry_t entries[], int nentries);

/* ------------------------------------------------------------ bits */

/* xc_ffs8 .. xc_ffs64 - the position (from 1) of x's lowest set bit, 0
 * when none is. */
int xc_ffs8(uint8_t x);
int xc_ffs16(uint16_t x);
int xc_ffs32(uint32_t x);
int xc_ffs64(uint64_t x);

/*
 * bitmap_64_to_byte, bitmap_byte_to_64 - the first nbits bits (rounded up
 * to whole bytes) of a bitmap of 64-bit words lp as bytes bp, or back;
 * bit n is bit n % 8 of byte n / 8 and bit n % 64 of word n / 64.
 * bitmap_byte_to_64 writes whole words (the bits past the last byte 0).
 * Nothing is done for nbits <= 0; no pointer is checked.
 */
void bitmap_64_to_byte(uint8_t *bp, const uint64_t *lp, int nbits);
void bitmap_byte_to_64(uint64_t *lp, const uint8_t *bp, int nbits);

/* ---------------------------------------- save and restore streams */

/*
 * read_exact, write_exact, writev_exact - the whole of size bytes (of
 * iovcnt buffers) from or to fd, resuming after EINTR and short
 * transfers.  0, or -1 with errno set; read_exact at end of file: -1
 * with errno 0.  writev_exact returns with errno 0 on success.
 */
int read_exact(int fd, void *data, size_t size);
int write_exact(int fd, const void *data, size_t size);
int writev_exact(int fd, const struct iovec *iov, int iovcnt);

/*
 * discard_file_cache - drops fd's pages from the page cache: with flush,
 * after fsync(), the whole file; otherwise up to the last page boundary
 * before the current offset (what a stream has finished writing).  Best
 * effort, for save files: failures are ignored and errno is kept.
 */
void discard_file_cache(xc_interface *xch, int fd, int flush);

#endif /* LIBXC_XENGUEST_PRIVATE_H */
