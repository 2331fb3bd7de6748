/* SPDX-License-Identifier: MIT */
/*
 * A dom0's boot path and the FLASK tools: whether xen-init-dom0,
 * oxenstored, init-xenstore-domain and the FLASK tools load (no daemon is
 * started here), the FLASK tools' refusals under the dummy security
 * module, upstream's test-paging-mempool (it makes a PVH domain, sizes
 * its paging pool and destroys it again).
 */
#include <stdio.h>

#include <xenctrl.h>

#include "programs.h"

#define MAX_DOMS 64

/* The ids of the domains there are now, dom0 included and dying ones
 * (destroyed, their last references going) not, into ids. */
static int domains(xc_interface *xch, uint32_t *ids)
{
    xc_domaininfo_t info[MAX_DOMS];
    int n = xch ? xc_domain_getinfolist(xch, 0, MAX_DOMS, info) : -1, k = 0;

    for (int i = 0; i < n; i++)
        if (!(info[i].flags & XEN_DOMINF_dying))
            ids[k++] = info[i].domain;
    return n < 0 ? -1 : k;
}

/* test-paging-mempool destroys its domain unless it dies first: what it
 * leaves is destroyed here. */
static void paging_mempool(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    uint32_t before[MAX_DOMS], after[MAX_DOMS];
    int nb = domains(xch, before), na, left = 0;

    prog_run("test-paging-mempool",
             "{ \"$XENRUN_XEN_BIN\"/test-paging-mempool; echo \"exit status $?\"; } 2>&1 | "
             "sed 's/Created d[0-9]*/Created dN/'");
    na = domains(xch, after);
    for (int i = 0; i < na; i++) {
        int j = 0;

        while (j < nb && before[j] != after[i])
            j++;
        if (j == nb) {
            xc_domain_destroy(xch, after[i]);
            left++;
        }
    }
    t_result("test-paging-mempool's domains left", "%d", nb < 0 || na < 0 ? -1 : left);
    if (xch)
        xc_interface_close(xch);
}

void programs_boot(void)
{
    prog_loads("xen-init-dom0");
    prog_loads("oxenstored");
    prog_loads("init-xenstore-domain");
    prog_loads("flask-get-bool");
    prog_loads("flask-set-bool");
    prog_loads("flask-label-pci");
    prog_loads("test-paging-mempool");
    /* The dummy module refuses each: nothing is read or labelled. */
    prog_run("flask-get-bool", "\"$XENRUN_XEN_BIN\"/flask-get-bool xen_no_such_boolean");
    prog_run("flask-get-bool -a", "\"$XENRUN_XEN_BIN\"/flask-get-bool -a");
    prog_run("flask-set-bool", "\"$XENRUN_XEN_BIN\"/flask-set-bool xen_no_such_boolean 1");
    prog_run("flask-label-pci", "\"$XENRUN_XEN_BIN\"/flask-label-pci 0000:00:1f.0 "
             "system_u:object_r:nic_dev_t");
    paging_mempool();
}
