/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/mem-paging.c on the HVM test domain (HAP; its
 * gfns 0..15 populated), a PV domain and no domain: the paging ring set
 * up and taken down, a populated gfn nominated, evicted, prepared and
 * loaded again.  Debian's Xen is built without memory paging: the
 * refusals are what is compared.
 */
#include <errno.h>
#include <string.h>

#include "diff.h"

static void paging(xc_interface *xch, const char *what, uint32_t dom)
{
    static unsigned char page[XC_PAGE_SIZE];
    uint32_t port = 0x5a5a;
    char name[96];
    int rc;

    memset(page, 0xa5, sizeof(page));
    snprintf(name, sizeof(name), "mem_paging_enable of %s", what);
    errno = 0;
    rc = xc_mem_paging_enable(xch, dom, &port);
    t_rc_result(name, rc, errno);
    snprintf(name, sizeof(name), "paging port of %s", what);
    t_result(name, "%s", port == 0x5a5a ? "untouched" : "written");
    snprintf(name, sizeof(name), "mem_paging_nominate of %s", what);
    T_RC(name, xc_mem_paging_nominate(xch, dom, 3));
    snprintf(name, sizeof(name), "mem_paging_evict of %s", what);
    T_RC(name, xc_mem_paging_evict(xch, dom, 3));
    snprintf(name, sizeof(name), "mem_paging_prep of %s", what);
    T_RC(name, xc_mem_paging_prep(xch, dom, 3));
    snprintf(name, sizeof(name), "mem_paging_load of %s", what);
    T_RC(name, xc_mem_paging_load(xch, dom, 3, page));
    snprintf(name, sizeof(name), "mem_paging_nominate of an unpopulated gfn of %s", what);
    T_RC(name, xc_mem_paging_nominate(xch, dom, 0x10000));
    snprintf(name, sizeof(name), "mem_paging_resume of %s", what);
    T_RC(name, xc_mem_paging_resume(xch, dom));
    snprintf(name, sizeof(name), "mem_paging_disable of %s", what);
    T_RC(name, xc_mem_paging_disable(xch, dom));
}

void diff_mem_paging(xc_interface *xch, const struct diff_domains *d)
{
    paging(xch, "HVM", (uint32_t)d->hvm);
    paging(xch, "PV", (uint32_t)d->pv);
    paging(xch, "no domain", NO_DOMAIN);
}
