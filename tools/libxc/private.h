/*
 * libxenctrl's internals.  Where the functions live, one file per Xen
 * interface: handle.c (open, close, the handles inside), errors.c (last
 * error, logging, progress), buffer.c (hypercall and bounce buffers),
 * hypercall.c (the one path of each hypercall family into libxencall),
 * domain.c (domctl), sysctl.c, memory.c (memory_op), sched.c (sched_op),
 * evtchn.c, gnttab.c, physdev.c, hvm.c (hvm_op), version.c, kexec.c
 * (through libxenkexec), devicemodel.c (the dm_op calls of upstream's
 * xenctrl_compat.h, through libxendevicemodel).  Domains by subject:
 * domain-lifecycle.c (create, pause, destroy...), domain-control.c (a
 * domain's settings: memory limit, clocks, permissions, NUMA),
 * domain-save.c (HVM context, shadow and log-dirty, paging pool);
 * passthrough.c (a caller's own domctl and sysctl); mmu.c (a PV guest's
 * page tables: mmu_update, mmuext_op, page types), foreign.c (mapping
 * other domains' memory, through libxenforeignmemory), fileio.c (the
 * exact reads and writes of libxenguest's save/restore streams); vcpu.c
 * (vCPU contexts, affinity, state), scheduler.c (scheduler parameters:
 * domctl and sysctl scheduler_op, sched_id), cpupool.c, topology.c (CPU,
 * NUMA and PCI topology, CPU and node counts), flask.c (xsm_op), psr.c
 * (cache and memory bandwidth monitoring and allocation), devices.c
 * (device assignment).
 */
#ifndef LIBXC_PRIVATE_H
#define LIBXC_PRIVATE_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/uio.h>

#include <xenctrl.h>
#include <xencall.h>
#include <xendevicemodel.h>
#include <xenforeignmemory.h>
#include <xenkexec.h>

#include <xen/sys/privcmd.h>

#include "libs-handle.h"
#include "libs-internal.h"

/*
 * The handle.  Upstream's libxenguest is compiled with upstream's private
 * header and reads (and for the domain builder's logger, writes) these
 * fields in place, so everything up to dmod has upstream 4.17's layout,
 * checked below and by tests/host/xenctrl.c.  The shared skeleton (struct
 * xenlibs_handle) cannot sit first, and the handle needs no part of it:
 * libxenctrl opens no device, and the libxencall, libxenforeignmemory
 * and libxendevicemodel handles inside register themselves with
 * libxentoolcore.  What fits is its logger pair: struct xenlibs_logger
 * is {logger, owned}, exactly upstream's {error_handler,
 * error_handler_tofree} and {dombuild_logger, dombuild_logger_tofree}.
 * Fields of our own follow upstream's.
 */
struct xc_interface_core {
    int flags;                          /* XC_OPENFLAG_* */
    struct xenlibs_logger error_log;    /* every message of the library */
    struct xenlibs_logger dombuild_log; /* set up by libxenguest */
    xc_error last_error;
    FILE *dombuild_logger_file;         /* libxenguest's log file, if any */
    const char *currently_progress_reporting;
    xencall_handle *xcall;
    xenforeignmemory_handle *fmem;
    xendevicemodel_handle *dmod;
    /* Ours: opened by the first kexec call (one more privcmd descriptor
     * that most programs never need). */
    _Atomic(xenkexec_handle *) kexec;
};

_Static_assert(offsetof(struct xc_interface_core, error_log) == 8, "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, dombuild_log) == 24, "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, last_error) == 40, "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, dombuild_logger_file) == 1072, "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, currently_progress_reporting) == 1080,
               "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, xcall) == 1088, "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, fmem) == 1096, "upstream layout");
_Static_assert(offsetof(struct xc_interface_core, dmod) == 1104, "upstream layout");

/* ---------------------------------------------------------- logging
 * Exported for libxenguest, which upstream builds against these; not in
 * the public header (nor is it in upstream's). */
void xc_report_error(xc_interface *xch, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void xc_reportv(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
                const char *fmt, va_list args) __attribute__((format(printf, 5, 0)));
void xc_report(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
const char *xc_set_progress_prefix(xc_interface *xch, const char *doing);
void xc_report_progress_single(xc_interface *xch, const char *doing);
void xc_report_progress_step(xc_interface *xch, unsigned long done, unsigned long total);

/* An internal failure, with errno's number and text appended: logged as
 * XC_INTERNAL_ERROR, the handle's last error.  errno is kept. */
void xc__perror(xc_interface *xch, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Refuses a call with errno EINVAL, logged as XC_INVALID_PARAM; -1. */
int xc__invalid(xc_interface *xch, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* -------------------------------------------------- bounce buffers
 * libxenguest compiles these in (from upstream's private header): the
 * direction values and the shadow's use are part of the ABI. */
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

/* ------------------------------------------------------- hypercalls
 * Each copies its argument struct through a hypercall buffer both ways
 * (Xen writes results into it, also on failure) and returns Xen's
 * result: >= 0, or -1 with errno set.  Xen's refusals are not logged. */
int xc__domctl(xc_interface *xch, struct xen_domctl *domctl);
int xc__sysctl(xc_interface *xch, struct xen_sysctl *sysctl);

/* xc__domctl() of command cmd on domain domid, whose union member the
 * caller has filled. */
static inline int xc__domctl_on(xc_interface *xch, struct xen_domctl *d, uint32_t cmd,
                                uint32_t domid)
{
    d->cmd = cmd;
    d->domain = (domid_t)domid;
    return xc__domctl(xch, d);
}

/* A hypercall (op) whose second argument is a struct of size bytes
 * (memory_op, sched_op, physdev_op, event_channel_op, hvm_op,
 * grant_table_op with a nonzero count as third argument); a NULL arg
 * reaches Xen as NULL. */
long xc__hypercall_struct(xc_interface *xch, unsigned op, unsigned cmd, void *arg,
                          size_t size, unsigned long count);
/* mmu_update or mmuext_op (op) of count records of record_size bytes,
 * copied in and back, acting for domain domid. */
long xc__hypercall_batch(xc_interface *xch, unsigned op, void *records, size_t record_size,
                         unsigned count, uint32_t domid);

/* --------------------------------------- for libxenguest: PV guests
 * Exported, not in the public header (nor in upstream's): upstream's
 * libxenguest declares them itself, with these types. */

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
/* The same for platform_op and xsm_op (FLASK), whose structs carry their
 * interface versions. */
int xc__platform_op(xc_interface *xch, struct xen_platform_op *op);
int xc__flask_op(xc_interface *xch, struct xen_flask_op *op);

/* ------------------------------------------------------------- CPUs
 * The bytes of a map of every CPU Xen supports (xc_get_max_cpus() bits),
 * or -1 with errno set (topology.c). */
int xc__cpumap_size(xc_interface *xch);

#endif /* LIBXC_PRIVATE_H */
