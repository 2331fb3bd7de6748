/* SPDX-License-Identifier: MIT */
/*
 * xen-memshare, upstream's memory sharing tool: its usage, the host's
 * sharing counts, an audit, and its page commands on dom0.  Debian's Xen
 * is built without memory sharing, so each command reports Xen's refusal:
 * that, and its exit status, is what is compared.
 */
#include "programs.h"

#define MEMSHARE "\"$XENRUN_XEN_BIN\"/xen-memshare"

void programs_memory(void)
{
    prog_loads("xen-memshare");
    prog_run("xen-memshare without a command", MEMSHARE);
    prog_run("xen-memshare info", MEMSHARE " info");
    prog_run("xen-memshare audit", MEMSHARE " audit");
    prog_run("xen-memshare nominate 0 0", MEMSHARE " nominate 0 0");
    prog_run("xen-memshare debug-gfn 0 0", MEMSHARE " debug-gfn 0 0");
    prog_run("xen-memshare range of no domain", MEMSHARE " range 32751 32751 0 1");
    prog_run("xen-memshare bad command", MEMSHARE " frobnicate");
}
