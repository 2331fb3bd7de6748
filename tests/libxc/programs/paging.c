/* SPDX-License-Identifier: MIT */
/*
 * xenpaging: its usage, then an attempt to page out part of an HVM guest
 * made here (256 pages, a known pattern in each) with xenstored running,
 * as xenpaging needs it.  Debian's Xen is built without memory paging:
 * xenpaging is refused (its output and status are compared), and the
 * guest's pages must read back unchanged through libxenforeignmemory
 * after it.  The domain is destroyed whatever happened.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>

#include "services.h"
#include "testdom.h"
#include "programs.h"

#define GUEST_PAGES 256
/* The gfn given to xenpaging for its ring (HVM_PARAM_PAGING_RING_PFN), left
 * out of the comparison. */
#define RING_GFN (GUEST_PAGES - 1)

/* Fills (or checks) gfns 0..RING_GFN-1 of dom with a pattern of each
 * gfn's own; returns the pages that differ, or -1 if they do not map. */
static int pattern(uint32_t dom, bool fill)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xen_pfn_t gfns[RING_GFN];
    int errs[RING_GFN], differ = 0;
    unsigned char *p;

    if (!fmem)
        return -1;
    for (unsigned i = 0; i < RING_GFN; i++)
        gfns[i] = i;
    p = xenforeignmemory_map(fmem, dom, PROT_READ | PROT_WRITE, RING_GFN, gfns, errs);
    if (!p) {
        xenforeignmemory_close(fmem);
        return -1;
    }
    for (unsigned i = 0; i < RING_GFN; i++) {
        unsigned char *page = p + (size_t)i * XC_PAGE_SIZE;

        for (unsigned j = 0; j < XC_PAGE_SIZE; j++) {
            unsigned char want = (unsigned char)(i * 7 + j);

            if (errs[i]) {
                differ++;
                break;
            }
            if (fill) {
                page[j] = want;
            } else if (page[j] != want) {
                differ++;
                break;
            }
        }
    }
    xenforeignmemory_unmap(fmem, p, RING_GFN);
    xenforeignmemory_close(fmem);
    return differ;
}

static void page_out(void)
{
    bool started = false;
    xc_interface *xch;
    int dom;

    if (!svc_xenstored_start(&started)) {
        t_result("xenpaging xenstored", "not started");
        return;
    }
    dom = testdom_create_hvm(GUEST_PAGES);
    if (dom < 0) {
        t_result("xenpaging guest", "none");
        goto out;
    }
    xch = xc_interface_open(NULL, NULL, 0);

    t_result("xenpaging ring param set", "%s", xch && xc_hvm_param_set(xch, (uint32_t)dom,
             HVM_PARAM_PAGING_RING_PFN, RING_GFN) == 0 ? "yes" : "no");
    if (xch)
        xc_interface_close(xch);
    t_result("guest pages written", "%d differ", pattern((uint32_t)dom, true));
    /* Half the guest's 1 MiB paged out; on success it pages until it is
     * stopped, so the timeout ends it (status 124 then). */
    prog_run("xenpaging page-out",
             "{ timeout -s INT 10 \"$XENRUN_XEN_BIN\"/xenpaging -d %d "
             "-f /tmp/xenpaging-test.pages -m 512; echo \"exit status $?\"; } 2>&1 | "
             "sed 's/\\b%d\\b/D/g'; rm -f /tmp/xenpaging-test.pages", dom, dom);
    t_result("guest pages after xenpaging", "%d differ", pattern((uint32_t)dom, false));
    t_result("xenpaging guest destroyed", "%s", testdom_destroy(dom) == 0 ? "yes" : "no");
out:
    if (started)
        svc_xenstored_stop();
}

void programs_paging(void)
{
    if (!prog_loads("xenpaging"))
        return;
    prog_run("xenpaging -h", "\"$XENRUN_XEN_BIN\"/xenpaging -h");
    prog_run("xenpaging without a domain", "\"$XENRUN_XEN_BIN\"/xenpaging -f /tmp/none");
    page_out();
}
