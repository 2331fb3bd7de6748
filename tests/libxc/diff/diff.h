/* SPDX-License-Identifier: MIT */
/*
 * What the case families of tests/libxc/diff share.  The program is
 * tests/libxc/diff.c plus every .c file of this folder, each the family
 * of the libxenctrl functions of one file of tools/libxc, called from
 * main there.
 */
#ifndef XENCTRL_DIFF_H
#define XENCTRL_DIFF_H

#include <stdarg.h>

/* Upstream's declarations, not the project's (whose folder comes first on
 * the include path): the program is what a client built against
 * upstream's libxen-dev is, one that asks for every group of
 * xenctrl_compat.h. */
#define XC_WANT_COMPAT_EVTCHN_API 1
#define XC_WANT_COMPAT_GNTTAB_API 1
#define XC_WANT_COMPAT_DEVICEMODEL_API 1
#define XC_WANT_COMPAT_MAP_FOREIGN_API 1
#include "/usr/include/xenctrl.h"

/* What libxenctrl exports beyond upstream's public header, for upstream's
 * libxenguest (logging, bounce buffers, mmu batches, file helpers...),
 * declared with upstream's types. */
#include "../../../tools/libxc/xenguest-private.h"

#include "testlib.h"

/* The real domains every family may use (made by main, destroyed at the
 * end): two empty PV domains and an HVM domain with 16 MiB, consecutive
 * ids.  A family that changes one puts it back as it found it, or makes
 * a domain of its own with tests/lib/testdom.h. */
struct diff_domains {
    int pv, pv2, hvm;
};

/* The first test domain's id: every printed domain id is relative to it,
 * so the two runs print the same. */
extern int diff_base;

/* Prints a domain's record without what changes between runs (id, time,
 * frames). */
void diff_dominfo(const char *name, const xc_dominfo_t *d);

/* Prints a domain's page counts, or "no domain": what memory calls
 * change. */
void diff_pages(xc_interface *xch, const char *name, uint32_t dom);

/* Prints bytes (a CPU map) as hex, into a buffer the next call reuses. */
const char *diff_hex(const void *p, size_t n);

/* A domain id no domain has. */
#define NO_DOMAIN (DOMID_FIRST_RESERVED - 1)

/*
 * The families, one per file of this folder, each named after the file
 * of tools/libxc whose calls it is about (the rule at the top of
 * tools/libxc/private.h): main calls them in the order of their names.
 */
void diff_altp2m(xc_interface *xch, const struct diff_domains *d);
void diff_bitops(xc_interface *xch, const struct diff_domains *d);
void diff_cpu(xc_interface *xch, const struct diff_domains *d);
void diff_cpumap(xc_interface *xch, const struct diff_domains *d);
void diff_cpupool(xc_interface *xch, const struct diff_domains *d);
void diff_devices(xc_interface *xch, const struct diff_domains *d);
void diff_domain(xc_interface *xch, const struct diff_domains *d);
void diff_domain_memory(xc_interface *xch, const struct diff_domains *d);
void diff_evtchn(xc_interface *xch, const struct diff_domains *d);
void diff_fileio(xc_interface *xch, const struct diff_domains *d);
void diff_flask(xc_interface *xch, const struct diff_domains *d);
void diff_foreign(xc_interface *xch, const struct diff_domains *d);
void diff_gnttab(xc_interface *xch, const struct diff_domains *d);
void diff_hvm(xc_interface *xch, const struct diff_domains *d);
void diff_livepatch(xc_interface *xch, const struct diff_domains *d);
void diff_lockprof(xc_interface *xch, const struct diff_domains *d);
void diff_mca(xc_interface *xch, const struct diff_domains *d);
void diff_mem_access(xc_interface *xch, const struct diff_domains *d);
void diff_mem_paging(xc_interface *xch, const struct diff_domains *d);
void diff_memory(xc_interface *xch, const struct diff_domains *d);
void diff_memshr(xc_interface *xch, const struct diff_domains *d);
void diff_microcode(xc_interface *xch, const struct diff_domains *d);
void diff_mmu(xc_interface *xch, const struct diff_domains *d);
void diff_monitor(xc_interface *xch, const struct diff_domains *d);
void diff_physdev(xc_interface *xch, const struct diff_domains *d);
void diff_pm(xc_interface *xch, const struct diff_domains *d);
void diff_psr(xc_interface *xch, const struct diff_domains *d);
void diff_resource(xc_interface *xch, const struct diff_domains *d);
void diff_sched(xc_interface *xch, const struct diff_domains *d);
void diff_sysctl(xc_interface *xch, const struct diff_domains *d);
void diff_tbuf(xc_interface *xch, const struct diff_domains *d);
void diff_vcpu(xc_interface *xch, const struct diff_domains *d);
void diff_vm_event(xc_interface *xch, const struct diff_domains *d);

/*
 * The cases one family runs on a domain another family made, among that
 * family's own: the domain settings of diff_domain() (ctl/) get their
 * memory limit, permissions and NUMA cases from domain-memory.c,
 * domain-permission.c and domain-numa.c; its saved-state domain (save/)
 * gets memory.c's paging pool and log-dirty cases; the domains of
 * diff_domain_memory() (mem/) get memory.c's.  Each runs where the
 * owner's cases leave the domain as it needs it.
 */
void diff_domain_memory_limit(xc_interface *xch, uint32_t dom);
void diff_domain_permission(xc_interface *xch, uint32_t dom);
void diff_domain_numa(xc_interface *xch, uint32_t dom);
void diff_memory_paging(xc_interface *xch, uint32_t dom);
/* pv's frame mfn, traded for one below 4 GiB (pv has only that frame). */
void diff_memory_below_4G(xc_interface *xch, uint32_t pv, xen_pfn_t mfn);
/* dom's reservation (xc_memory_op), and the clearing of its populated
 * gfn 0x102 (0x103 kept). */
void diff_memory_of_domain(xc_interface *xch, uint32_t dom);

#endif /* XENCTRL_DIFF_H */
