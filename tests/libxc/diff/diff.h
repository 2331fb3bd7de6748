/* SPDX-License-Identifier: MIT */
/*
 * What xenctrl-diff's case families share.  The program is
 * tests/helpers/xenctrl-diff.c plus every .c file of this folder, each a
 * family of libxenctrl functions (one per hypercall family, as the
 * library's own files are) called from main there.
 */
#ifndef XENCTRL_DIFF_H
#define XENCTRL_DIFF_H

#include <stdarg.h>

/* Upstream's declarations, not the project's (whose folder comes first on
 * the include path): the program is what a client built against
 * upstream's libxen-dev is. */
#include "/usr/include/xenctrl.h"

#include "testlib.h"

/* Not in upstream's public header; libxenguest declares them itself. */
void xc_report_error(xc_interface *xch, int code, const char *fmt, ...);
void xc_report(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
               const char *fmt, ...);
void xc_reportv(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level, int code,
                const char *fmt, va_list args);
const char *xc_set_progress_prefix(xc_interface *xch, const char *doing);
void xc_report_progress_single(xc_interface *xch, const char *doing);
void xc_report_progress_step(xc_interface *xch, unsigned long done, unsigned long total);
int xc__hypercall_bounce_pre(xc_interface *xch, xc_hypercall_buffer_t *bounce);
void xc__hypercall_bounce_post(xc_interface *xch, xc_hypercall_buffer_t *bounce);

/* The real domains every family may use (made by main, destroyed at the
 * end): two empty PV domains and an HVM domain with 16 MiB, consecutive
 * ids.  A family that changes one puts it back as it found it, or makes
 * a domain of its own with tests/common/testdom.h. */
struct diff_domains {
    int pv, pv2, hvm;
};

/* The first test domain's id: every printed domain id is relative to it,
 * so the two runs print the same. */
extern int diff_base;

/* Prints a domain's record without what changes between runs (id, time,
 * frames). */
void diff_dominfo(const char *name, const xc_dominfo_t *d);

/* The case families, one per file of this folder. */
void diff_domain_control(xc_interface *xch, const struct diff_domains *d);
void diff_domain_lifecycle(xc_interface *xch, const struct diff_domains *d);
void diff_domain_save(xc_interface *xch, const struct diff_domains *d);
void diff_evtchn(xc_interface *xch, const struct diff_domains *d);
void diff_fileio(xc_interface *xch, const struct diff_domains *d);
void diff_foreign(xc_interface *xch, const struct diff_domains *d);
void diff_gnttab(xc_interface *xch, const struct diff_domains *d);
void diff_memory(xc_interface *xch, const struct diff_domains *d);
void diff_mmu(xc_interface *xch, const struct diff_domains *d);
/* The families of the vCPU, scheduling, cpupool, topology, FLASK, PSR
 * and device assignment calls; diff_hex() prints bytes (a CPU map) as
 * hex, into a buffer the next call reuses. */
void diff_cpupool(xc_interface *xch, const struct diff_domains *d);
void diff_devices(xc_interface *xch, const struct diff_domains *d);
void diff_flask(xc_interface *xch, const struct diff_domains *d);
void diff_psr(xc_interface *xch, const struct diff_domains *d);
void diff_scheduler(xc_interface *xch, const struct diff_domains *d);
void diff_topology(xc_interface *xch, const struct diff_domains *d);
void diff_vcpu(xc_interface *xch, const struct diff_domains *d);
const char *diff_hex(const void *p, size_t n);

#endif /* XENCTRL_DIFF_H */
