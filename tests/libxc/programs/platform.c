/* SPDX-License-Identifier: MIT */
/*
 * Machine check, microcode, live patching and resource tools.  Only what
 * Xen refuses or only reads: xen-mceinj is never run (it injects machine
 * checks); xen-ucode and xen-livepatch upload get a file of garbage that
 * Xen's parsers reject; test-tsx reads MSRs (through xc_resource_op) and
 * CPU policies, and makes a PV and an HVM domain that it destroys (it
 * would change a domain's policy only on a host with RTM, which QEMU's
 * CPU lacks).  Any domain it leaves behind is destroyed here.
 */
#include <stdbool.h>
#include <stdlib.h>

#include <xenctrl.h>

#include "programs.h"

#define MAX_DOMAINS 256

/* The ids of the domains there are, into ids; their number, or -1. */
static int domain_ids(xc_interface *xch, uint32_t ids[MAX_DOMAINS])
{
    xc_domaininfo_t *info = calloc(MAX_DOMAINS, sizeof(*info));
    int n = info ? xc_domain_getinfolist(xch, 0, MAX_DOMAINS, info) : -1;

    for (int i = 0; i < n; i++)
        ids[i] = info[i].domain;
    free(info);
    return n;
}

static void test_tsx(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    uint32_t before[MAX_DOMAINS], after[MAX_DOMAINS];
    int n_before, n_after, left = 0;

    if (!xch) {
        t_result("test-tsx", "no libxenctrl handle: not run");
        return;
    }
    n_before = domain_ids(xch, before);
    if (n_before >= 0)
        prog_run("test-tsx", "\"$XENRUN_XEN_BIN\"/test-tsx | sed 's/Created d[0-9]*/Created dN/'");
    n_after = domain_ids(xch, after);
    for (int i = 0; i < n_after; i++) {
        bool known = false;

        for (int j = 0; j < n_before && !known; j++)
            known = after[i] == before[j];
        if (!known) {
            xc_domain_destroy(xch, after[i]);
            left++;
        }
    }
    t_result("test-tsx domains left behind", "%s", n_before < 0 || n_after < 0 ?
             "cannot list the domains" : left ? "some (destroyed now)" : "none");
    xc_interface_close(xch);
}

void programs_platform(void)
{
    prog_loads("xen-mceinj");
    prog_loads("xen-ucode");
    prog_loads("xen-livepatch");
    prog_loads("test-tsx");
    prog_run("xen-livepatch list", "\"$XENRUN_XEN_BIN\"/xen-livepatch list");
    prog_run("xen-livepatch apply of no payload",
             "\"$XENRUN_XEN_BIN\"/xen-livepatch apply xenlibs-none");
    prog_run("xen-livepatch upload of garbage",
             "f=/run/xenlibs-livepatch-garbage && echo 'not an ELF payload' >\"$f\" && "
             "\"$XENRUN_XEN_BIN\"/xen-livepatch upload xenlibs-garbage \"$f\"; "
             "rc=$?; rm -f \"$f\"; exit $rc");
    prog_run("xen-livepatch list after the upload", "\"$XENRUN_XEN_BIN\"/xen-livepatch list");
    prog_run("xen-ucode of garbage",
             "f=/run/xenlibs-ucode-garbage && "
             "echo 'not microcode: garbage that no vendor parser takes' >\"$f\" && "
             "\"$XENRUN_XEN_BIN\"/xen-ucode \"$f\"; rc=$?; rm -f \"$f\"; exit $rc");
    test_tsx();
}
