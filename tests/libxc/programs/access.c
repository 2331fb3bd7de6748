/* SPDX-License-Identifier: MIT */
/*
 * xen-access, upstream's VM introspection example, on an HVM domain made
 * here (its vCPU never run, its monitor ring gfn set as a domain builder
 * sets it), in each of the modes below: it turns the monitor ring on,
 * asks Xen for its events (or is refused: mem_access needs Intel's EPT),
 * reports what comes, and is stopped by SIGTERM as a user stops it
 * (SIGKILL 4 s later if not), which it answers by turning everything off
 * again.  Its output and its exit status are compared, with the domain id
 * taken out, a run of "Got event from Xen" lines counted as one and those
 * after SIGTERM dropped: how many come, and whether one still comes while
 * it shuts down, differs from run to run.  Then that the domain is
 * as it was: not paused by xen-access, its monitor ring off.  The domain
 * is destroyed at the end (testdom also does at exit).
 */
#include <errno.h>
#include <stdio.h>

#include <xenctrl.h>
#include <xen/hvm/params.h>

#include "testdom.h"
#include "programs.h"

#define PAGES 64
#define RING_GFN (PAGES - 1)

/* What xen-access left behind on dom: a monitor ring would refuse to be
 * turned off with EINVAL when off. */
static void left_behind(xc_interface *xch, const char *mode, int dom)
{
    xc_dominfo_t info;
    char name[96];
    int rc;

    snprintf(name, sizeof(name), "xen-access %s left the domain", mode);
    if (xc_domain_getinfo(xch, (uint32_t)dom, 1, &info) != 1 || info.domid != (uint32_t)dom) {
        t_result(name, "gone");
        return;
    }
    rc = xc_monitor_disable(xch, (uint32_t)dom);
    t_result(name, "paused %u, monitor ring %s", info.paused,
             rc == 0 ? "still on" : errno == EINVAL ? "off" : "unknown");
}

static void run_mode(xc_interface *xch, int dom, const char *mode)
{
    char name[64];

    snprintf(name, sizeof(name), "xen-access %s", mode);
    prog_run(name, "{ timeout --preserve-status -s TERM -k 4 4 \"$XENRUN_XEN_BIN/xen-access\" %d %s "
             "2>&1; echo \"exit status $?\"; } | sed 's/^starting \\([a-z_0-9]*\\) %d$/"
             "starting \\1 DOMID/; /^xenaccess shutting down/,$ {/^Got event from Xen$/d}' | uniq",
             dom, mode, dom);
    left_behind(xch, mode, dom);
}

void programs_access(void)
{
    static const char *const modes[] = { "write_ctrlreg_cr4", "breakpoint", "write" };
    xc_interface *xch;
    int dom;

    if (!prog_loads("xen-access"))
        return;
    xch = xc_interface_open(NULL, NULL, 0);
    dom = xch ? testdom_create_hvm(PAGES) : -1;
    if (dom < 0 || xc_hvm_param_set(xch, (uint32_t)dom, HVM_PARAM_MONITOR_RING_PFN, RING_GFN)) {
        t_result("xen-access test domain", "none");
    } else {
        for (unsigned i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
            run_mode(xch, dom, modes[i]);
    }
    /* What the library logs on the way is each library's own wording
     * (upstream's message spans two lines): left out. */
    prog_run("xen-access of no domain", "{ \"$XENRUN_XEN_BIN/xen-access\" 32000 breakpoint 2>&1; "
             "echo \"exit status $?\"; } | grep -v -e '^xc: ' -e '^ ([0-9]* = .*): Internal error$'");
    if (dom >= 0)
        testdom_destroy(dom);
    if (xch)
        xc_interface_close(xch);
}
