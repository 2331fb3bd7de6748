/*
 * libxenctrl's internals.  Where the functions live, one file per Xen
 * interface: handle.c (open, close, the handles inside), errors.c (last
 * error, logging, progress), buffer.c (hypercall and bounce buffers),
 * hypercall.c (the one path of each hypercall family into libxencall),
 * domain.c (domctl), sysctl.c, memory.c (memory_op), sched.c (sched_op),
 * evtchn.c, gnttab.c, physdev.c, hvm.c (hvm_op), version.c, kexec.c
 * (through libxenkexec).  vcpu.c (vCPU contexts, affinity, state),
 * scheduler.c (scheduler parameters: domctl and sysctl scheduler_op,
 * sched_id), cpupool.c, topology.c (CPU, NUMA and PCI topology, CPU and
 * node counts), flask.c (xsm_op), psr.c (cache and memory bandwidth
 * monitoring and allocation), devices.c (device assignment).  The dm_op calls of xenctrl_compat.h (xc_hvm_*
 * on HVM device models) belong in devicemodel.c, through
 * libxendevicemodel, once that library is part of the tree.
 */
#ifndef LIBXC_PRIVATE_H
#define LIBXC_PRIVATE_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>

#include <xenctrl.h>
#include <xencall.h>
#include <xenforeignmemory.h>
#include <xenkexec.h>

#include "libs-handle.h"
#include "libs-internal.h"

/*
 * The handle.  Upstream's libxenguest is compiled with upstream's private
 * header and reads (and for the domain builder's logger, writes) these
 * fields in place, so everything up to dmod has upstream 4.17's layout,
 * checked below and by tests/host/xenctrl.c.  The shared skeleton (struct
 * xenlibs_handle) cannot sit first, and the handle needs no part of it:
 * libxenctrl opens no device, and the libxencall and libxenforeignmemory
 * handles inside register themselves with libxentoolcore.  What fits is
 * its logger pair: struct xenlibs_logger is {logger, owned}, exactly
 * upstream's {error_handler, error_handler_tofree} and {dombuild_logger,
 * dombuild_logger_tofree}.  Fields of our own follow upstream's.
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
    struct xendevicemodel_handle *dmod; /* NULL: see private.h's top */
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
/* A hypercall (op) whose second argument is a struct of size bytes
 * (memory_op, sched_op, physdev_op, event_channel_op, hvm_op,
 * grant_table_op with a nonzero count as third argument). */
long xc__hypercall_struct(xc_interface *xch, unsigned op, unsigned cmd, void *arg,
                          size_t size, unsigned long count);
/* The same for platform_op and xsm_op (FLASK), whose structs carry their
 * interface versions. */
int xc__platform_op(xc_interface *xch, struct xen_platform_op *op);
int xc__flask_op(xc_interface *xch, struct xen_flask_op *op);

/* ------------------------------------------------------------- CPUs
 * The bytes of a map of every CPU Xen supports (xc_get_max_cpus() bits),
 * or -1 with errno set (topology.c). */
int xc__cpumap_size(xc_interface *xch);

#endif /* LIBXC_PRIVATE_H */
