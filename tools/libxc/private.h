/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenctrl's internals.  A function is in the file of the family word
 * of its name (get_/set_ aside): xc_vcpu_* in vcpu.c, and so cpupool,
 * sched, evtchn, gnttab (gntshr too), physdev, hvm, vmtrace, kexec,
 * flask, psr, mmu, version, memshr, monitor, altp2m, cpu (xc_smt_* too),
 * cpumap (nodemap too), tbuf, lockprof, mca, microcode, livepatch,
 * resource; two-word families in a file of both words: vm-event.c,
 * mem-access.c, mem-paging.c; power management in pm.c (xc_pm_*,
 * cpufreq, cpuidle, turbo, xc_set_sched_opt_smt); xc_map_foreign_* and
 * xc_translate_foreign_address in foreign.c, xc_*assign*_device and
 * xc_get_device_group in devices.c; bitmap_* and xc_ffs* in bitops.c.
 * The compatibility wrappers of upstream's xenctrl_compat.h (xc_evtchn_*
 * and xc_gnttab_* / xc_gntshr_* handles, xc_hvm_* device model calls)
 * sit in their family's file and forward to the stable library.
 * xc_domain_* by the words after it: *_permission, *_irq,
 * memory (mem, physmap, pages, gpfns, pod) and NUMA (node, vnuma) in
 * domain-<word>.c, the rest in domain.c (xc_dom_vuart_init too).
 * Without a family: memory.c (memory, mempool, ram, pages, frames, pfns,
 * xc_copy_to_domain_page, xc_set_broken_page_p2m), sysctl.c (the host:
 * xc_physinfo, xc_perfc_*, xc_*topoinfo...), fileio.c (read_exact...).
 * Plumbing, once: handle.c (xc_interface_*), errors.c (errors, logging),
 * buffer.c (hypercall buffers, xc_memalign), hypercall.c (each hypercall
 * to libxencall).
 * Exceptions: xc_domctl is in domain.c, xc_watchdog (sched_op) in
 * sched.c, xc_shadow_control and xc_logdirty_control in memory.c.
 */
#ifndef LIBXC_PRIVATE_H
#define LIBXC_PRIVATE_H

#include <stdatomic.h>
#include <stddef.h>

#include <xenctrl.h>
#include <xencall.h>
#include <xendevicemodel.h>
#include <xenforeignmemory.h>
#include <xenkexec.h>

#include "libs-handle.h"
#include "libs-internal.h"
#include "xenguest-private.h"

/*
 * The handle.  Upstream's libxenguest is compiled with upstream's private
 * header and reads (and for the domain builder's logger, writes) these
 * fields in place, so everything up to dmod has upstream 4.17's layout,
 * checked below and by tests/libxc/host.c.  The shared skeleton (struct
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
    /* The hypervisor's XENVER_version, asked at the first refused domctl
     * or sysctl (0: not yet), and whether that refusal was logged yet,
     * once per handle (hypercall.c). */
    atomic_int xen_version;
    atomic_bool domctl_refusal_logged, sysctl_refusal_logged;
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
 * An internal failure, with errno's number and text appended: logged as
 * XC_INTERNAL_ERROR, the handle's last error.  errno is kept. */
void xc__perror(xc_interface *xch, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Refuses a call with errno EINVAL, logged as XC_INVALID_PARAM; -1. */
int xc__invalid(xc_interface *xch, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------- hypercalls
 * Each copies its argument struct through a hypercall buffer both ways
 * (Xen writes results into it, also on failure) and returns Xen's
 * result: >= 0, or -1 with errno set.  Xen's refusals are not logged,
 * but for one: a domctl or sysctl that a Xen other than 4.17 refuses for
 * its interface version fails with EPROTONOSUPPORT, logged once per
 * handle. */
int xc__domctl(xc_interface *xch, struct xen_domctl *domctl);
int xc__sysctl(xc_interface *xch, struct xen_sysctl *sysctl);
/* The same for platform_op and xsm_op (FLASK), whose structs carry their
 * interface versions. */
int xc__platform_op(xc_interface *xch, struct xen_platform_op *op);
int xc__flask_op(xc_interface *xch, struct xen_flask_op *op);

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

/* memory_op's reservation ops, for memory.c and domain-memory.c (described
 * at the definition, in memory.c). */
long xc__reservation(xc_interface *xch, unsigned cmd, uint32_t domid,
                     unsigned long nr_extents, unsigned int extent_order,
                     unsigned int mem_flags, xen_pfn_t *extents, int dir, const char *fn);

/* Whether a device model call on domid can go ahead: refused (EINVAL,
 * logged as fn's) for a NULL handle or a domid above 0xffff, which
 * upstream truncates to a domid_t (hvm.c). */
bool xc__dm_call_ok(xc_interface *xch, uint32_t domid, const char *fn);

/* ------------------------------------------------------------- CPUs
 * The bytes of a map of every CPU Xen supports (xc_get_max_cpus() bits),
 * or -1 with errno set (sysctl.c). */
int xc__cpumap_size(xc_interface *xch);

#endif /* LIBXC_PRIVATE_H */
