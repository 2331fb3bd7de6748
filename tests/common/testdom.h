/*
 * testdom.h - real guest domains for system tests, in the dom0 of the Xen
 * the tests run on.
 *
 * Domains are created paused and never run.  Every domain created here is
 * destroyed again whatever happens to the test: by testdom_destroy(), by
 * an atexit() handler when the program exits, and by a watchdog process
 * when the program dies without exiting (a crash, a signal, a timeout's
 * SIGKILL).  The watchdog, forked by testdom_init(), waits on a pipe that
 * only the test holds open and destroys whatever the shared registry
 * still lists when that pipe closes.
 *
 * Until libxenctrl exists the domctls go through libxencall.  Each call
 * returns -1 (or false) with errno set on failure and prints why on
 * stderr.
 */
#ifndef TESTDOM_H
#define TESTDOM_H

#include <stdbool.h>

/* The most domains the registry holds at once. */
#define TESTDOM_MAX 64

/*
 * Opens the hypercall handle and starts the watchdog; the create calls
 * call it themselves, but a test that counts its open file descriptors
 * calls it first, as it keeps three open (the handle's two and the
 * watchdog's pipe).  Idempotent.
 */
bool testdom_init(void);

/* An empty PV domain (1 vCPU, 4 grant frames, no memory): its id. */
int testdom_create_pv(void);

/*
 * An HVM domain (HAP, 1 vCPU, 4 grant frames, no device emulated by a
 * device model) whose guest frames 0 .. nr_pages - 1 are populated with
 * memory: its id.  Such a domain is safe for ioreq servers as long as
 * nobody asks Xen for their gfns (see ../shared/xen-in-qemu.md: that
 * followed by destroying the server panics Xen 4.17.7).
 */
int testdom_create_hvm(unsigned nr_pages);

/* Destroys a domain created here and forgets it; 0, or -1. */
int testdom_destroy(int domid);

/* Destroys every domain created here that still exists. */
void testdom_destroy_all(void);

#endif /* TESTDOM_H */
