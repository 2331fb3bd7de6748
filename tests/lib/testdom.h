/* SPDX-License-Identifier: MIT */
/*
 * testdom.h - real guest domains for system tests, in the dom0 of the Xen
 * the tests run on.
 *
 * Domains are created paused and never run.  They are made by
 * testdom-helper, a program the first call here starts (testdom_init())
 * and talks to over a socket: domctls carry the interface version of the
 * headers they were built with, and each hypervisor takes only its own, so
 * the helper is built once per Xen version (testdom-helper-4.17,
 * testdom-helper-4.20, in TESTDOM_HELPERS) and the one for the running
 * Xen's version (XENVER_version) is run.  Being a process of its own, it
 * also runs outside the checking tool that runs the test (memcheck
 * refuses Xen's domctl interface versions).
 *
 * Every domain created here is destroyed again whatever happens to the
 * test: by testdom_destroy(), by an atexit() handler when the program
 * exits, and by the helper itself when its socket closes without that
 * (a crash, a signal, a timeout's SIGKILL).
 *
 * The domctls go through libxencall, not libxenctrl: the domains the
 * libxenctrl tests use must not depend on the library under test.  Each
 * call returns -1 (or false) with errno set on failure, and the helper
 * prints why on stderr.  Calls may come from several threads of one
 * process; a forked child may use its parent's helper.
 */
#ifndef TESTDOM_H
#define TESTDOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most domains the registry holds at once. */
#define TESTDOM_MAX 64

/*
 * Starts the helper; the other calls call it themselves, but a test that
 * counts its open file descriptors calls it first, as it keeps one open
 * (the helper's socket).  Idempotent.
 */
bool testdom_init(void);

/* An empty PV domain (room for 1 vCPU, none made; 4 grant frames, no
 * memory): its id. */
int testdom_create_pv(void);

/* The same given nr_pages of memory, whose machine frames (a PV domain's
 * frame numbers) are written to mfns[]: its id. */
int testdom_create_pv_mem(unsigned nr_pages, uint64_t *mfns);
/* An empty PV domain with vcpus vCPUs made (XEN_DOMCTL_max_vcpus): its
 * id.  Its vCPUs are down and have no context until one is set. */
int testdom_create_pv_vcpus(unsigned vcpus);

/*
 * An HVM domain (HAP, 1 vCPU made with XEN_DOMCTL_max_vcpus, 4 grant frames, no device emulated by a
 * device model) whose guest frames 0 .. nr_pages - 1 are populated with
 * memory: its id.  Such a domain is safe for ioreq servers as long as
 * nobody asks Xen for their gfns (see ../shared/xen-in-qemu.md: that
 * followed by destroying the server panics Xen 4.17.7).
 */
int testdom_create_hvm(unsigned nr_pages);

/* The same with vcpus vCPUs. */
int testdom_create_hvm_vcpus(unsigned nr_pages, unsigned vcpus);

/* What Xen reports of a domain (XEN_DOMCTL_getdomaininfo). */
struct testdom_info {
    bool dying;
    bool shutdown;              /* shut down, with this code: */
    unsigned shutdown_code;     /* SHUTDOWN_*, as the domain's record has it */
    unsigned vcpus;             /* its highest vCPU id + 1 */
};

/* Fills *info for domain domid (any domain, not only ours); 0, or -1. */
int testdom_info(int domid, struct testdom_info *info);

/*
 * Copies record `type`, instance `instance`, of an HVM domain's saved
 * state (only of domains made here: without vCPUs, Xen 4.17.7 panics) (XEN_DOMCTL_gethvmcontext_partial; types as HVM_SAVE_CODE() of
 * <xen/hvm/save.h> gives them) into buf, at most size bytes.  Returns its
 * length, or -1.
 */
int testdom_hvm_record(int domid, unsigned type, unsigned instance, void *buf, size_t size);

/* The type Xen gives guest frame gfn of an HVM domain (HVMOP_get_mem_type:
 * an hvmmem_type_t), or -1. */
int testdom_mem_type(int domid, uint64_t gfn);

/* Turns log-dirty tracking of the whole domain on, as a live migration
 * does (XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY), or off; 0, or -1. */
int testdom_log_dirty(int domid, bool on);

/*
 * The log-dirty bitmap of the domain's first nr_pages frames, without
 * clearing it (XEN_DOMCTL_SHADOW_OP_PEEK), into bitmap ((nr_pages + 7) / 8
 * bytes, bit i for frame i).  Returns 0, or -1 (e.g. when log-dirty
 * tracking is off).
 */
int testdom_dirty_peek(int domid, uint8_t *bitmap, unsigned nr_pages);

/* Registers a domain made elsewhere (by the library under test) to be
 * destroyed like the ones made here; 0, or -1 (ENOSPC: registry full). */
int testdom_adopt(int domid);

/* Forgets a registered domain that the test destroyed itself. */
void testdom_forget(int domid);

/* Destroys a domain created here and forgets it; 0, or -1. */
int testdom_destroy(int domid);

/* Destroys every domain created here that still exists. */
void testdom_destroy_all(void);

#endif /* TESTDOM_H */
