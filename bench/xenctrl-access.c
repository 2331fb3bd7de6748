/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxenctrl's VM introspection calls (`xenctrl-access
 * lib`; no raw variant: libxencall's rows are that comparison), on an
 * HVM domain with its monitor ring on: xc_set_mem_access_multi of 1024
 * frames, each its own access (Xen 4.17 keeps access rights only on
 * Intel's EPT: elsewhere it refuses every call alike, after the library
 * has bounced both arrays, which is then what is measured), and one
 * monitor event turned on and off (xc_monitor_software_breakpoint twice),
 * which Xen allows on both vendors.
 */
/* Built as gnu11: <xenctrl.h> includes Xen's tools-only headers, which
 * use GNU C's anonymous unions. */
#include <errno.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xen/hvm/params.h>

#include "benchlib.h"
#include "testdom.h"

#define FRAMES 1024

static xc_interface *xch;
static uint32_t guest;
static uint8_t rights[FRAMES];
static uint64_t pages[FRAMES];
/* The first call's outcome (0, or errno): every later one must match. */
static int multi_outcome = -1;

static void multi1024(void *arg)
{
    int rc, outcome;

    (void)arg;
    rc = xc_set_mem_access_multi(xch, guest, rights, pages, FRAMES);
    outcome = rc == 0 ? 0 : errno;
    if (multi_outcome < 0)
        multi_outcome = outcome;
    if (outcome != multi_outcome)
        exit(3);
}

static void breakpoint_toggle(void *arg)
{
    (void)arg;
    if (xc_monitor_software_breakpoint(xch, guest, true) != 0 ||
        xc_monitor_software_breakpoint(xch, guest, false) != 0)
        exit(3);
}

int main(int argc, char **argv)
{
    uint32_t port;
    void *ring;
    int dom;

    if (bench_raw_mode(argc, argv))
        return 0;
    bench_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    xch = xc_interface_open(NULL, NULL, 0);
    dom = testdom_create_hvm(FRAMES + 1);
    if (!xch || dom < 0 ||
        xc_hvm_param_set(xch, (uint32_t)dom, HVM_PARAM_MONITOR_RING_PFN, FRAMES) != 0)
        return 2;
    guest = (uint32_t)dom;
    ring = xc_monitor_enable(xch, guest, &port);
    if (!ring)
        return 2;
    for (unsigned i = 0; i < FRAMES; i++) {
        pages[i] = i;
        rights[i] = (uint8_t)(i % (XENMEM_access_rwx + 1));
    }
    bench_row("xenctrl.mem_access_multi1024", "libxenctrl: xc_set_mem_access_multi of 1024 "
              "frames (refused by Xen without EPT)", bench_loop(multi1024, NULL));
    bench_row("xenctrl.monitor_breakpoint", "libxenctrl: xc_monitor_software_breakpoint on + "
              "off", bench_loop(breakpoint_toggle, NULL));
    munmap(ring, XC_PAGE_SIZE);
    xc_monitor_disable(xch, guest);
    xc_interface_close(xch);
    testdom_destroy_all();
    return 0;
}
