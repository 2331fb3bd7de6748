/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/mem-access.c, on an HVM domain of this
 * family's own (1024 populated frames and a monitor ring gfn above
 * them), before its monitor ring is on and while it is: access set on a
 * range and read back frame by frame, set on 1024 frames each its own
 * (multi) and read back, the default restored; frames the domain lacks,
 * unknown access values, no frames; a PV domain and no domain.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>

#include "testdom.h"
#include "diff.h"

#include <xen/hvm/params.h>

#define FRAMES 1024
#define RING_GFN FRAMES

/* Frames first..+n's access, as one line. */
static void read_back(xc_interface *xch, const char *name, uint32_t dom, uint64_t first,
                      unsigned n, unsigned step)
{
    char text[512];
    size_t len = 0;

    text[0] = '\0';
    for (unsigned i = 0; i < n && len < sizeof(text) - 16; i++) {
        xenmem_access_t a = (xenmem_access_t)77;
        int rc;

        errno = 0;
        rc = xc_get_mem_access(xch, dom, first + (uint64_t)i * step, &a);
        len += (size_t)snprintf(text + len, sizeof(text) - len, rc ? " e%d" : " %d",
                                rc ? errno : (int)a);
    }
    t_result(name, "%s", text);
}

static void accesses(xc_interface *xch, const char *kind, uint32_t dom)
{
    static uint8_t access[FRAMES];
    static uint64_t pages[FRAMES];
    char name[128];
    xenmem_access_t a = (xenmem_access_t)77;

#define NAME(what) (snprintf(name, sizeof(name), "mem_access/%s, %s", kind, (what)), name)
    T_RC(NAME("set_mem_access r on 0..15"), xc_set_mem_access(xch, dom, XENMEM_access_r, 0, 16));
    read_back(xch, NAME("access of 0..17"), dom, 0, 18, 1);
    T_RC(NAME("set_mem_access rx2rw on 1000..1023"),
         xc_set_mem_access(xch, dom, XENMEM_access_rx2rw, 1000, 24));
    T_RC(NAME("set_mem_access n on 0..1023"), xc_set_mem_access(xch, dom, XENMEM_access_n, 0,
                                                                FRAMES));
    read_back(xch, NAME("access of every 64th"), dom, 0, 16, 64);
    T_RC(NAME("set_mem_access beyond the domain"),
         xc_set_mem_access(xch, dom, XENMEM_access_rw, 0x100000, 4));
    T_RC(NAME("set_mem_access of value 99"), xc_set_mem_access(xch, dom, (xenmem_access_t)99,
                                                               0, 1));
    T_RC(NAME("set_mem_access of 0 frames"), xc_set_mem_access(xch, dom, XENMEM_access_rw, 0,
                                                               0));
    T_RC(NAME("set_mem_access default"), xc_set_mem_access(xch, dom, XENMEM_access_default,
                                                           ~0ULL, 0));
    for (unsigned i = 0; i < FRAMES; i++) {
        pages[i] = i;
        access[i] = (uint8_t)(i % (XENMEM_access_rwx + 1));
    }
    T_RC(NAME("set_mem_access_multi of 1024"),
         xc_set_mem_access_multi(xch, dom, access, pages, FRAMES));
    read_back(xch, NAME("access of 0..19 after multi"), dom, 0, 20, 1);
    read_back(xch, NAME("access of 1010..1023 after multi"), dom, 1010, 14, 1);
    T_RC(NAME("set_mem_access_multi of 0"), xc_set_mem_access_multi(xch, dom, access, pages,
                                                                    0));
    pages[1] = 0x100000;
    T_RC(NAME("set_mem_access_multi with a frame beyond"),
         xc_set_mem_access_multi(xch, dom, access, pages, 4));
    pages[1] = 1;
    access[2] = 99;
    T_RC(NAME("set_mem_access_multi with value 99"),
         xc_set_mem_access_multi(xch, dom, access, pages, 4));
    T_RC(NAME("get_mem_access beyond the domain"),
         xc_get_mem_access(xch, dom, 0x100000, &a));
    T_RC(NAME("set_mem_access rwx on 0..1023"), xc_set_mem_access(xch, dom, XENMEM_access_rwx,
                                                                  0, FRAMES));
    read_back(xch, NAME("access of 0..7 at the end"), dom, 0, 8, 1);
#undef NAME
}

void diff_mem_access(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(FRAMES + 1), pv = testdom_create_pv();
    uint32_t port = 0;
    void *ring;

    (void)d;
    if (dom >= 0) {
        accesses(xch, "HVM without monitor ring", (uint32_t)dom);
        T_RC("mem_access/set MONITOR_RING_PFN", xc_hvm_param_set(xch, (uint32_t)dom,
                                                      HVM_PARAM_MONITOR_RING_PFN, RING_GFN));
        errno = 0;
        ring = xc_monitor_enable(xch, (uint32_t)dom, &port);
        t_rc_result("mem_access/monitor_enable", ring ? 0 : -1, errno);
        accesses(xch, "HVM with monitor ring", (uint32_t)dom);
        T_RC("mem_access/set_access_required 1", xc_domain_set_access_required(xch, (uint32_t)dom, 1));
        T_RC("mem_access/set_access_required 0", xc_domain_set_access_required(xch, (uint32_t)dom, 0));
        if (ring) {
            munmap(ring, 4096);
            T_RC("mem_access/monitor_disable", xc_monitor_disable(xch, (uint32_t)dom));
        }
        testdom_destroy(dom);
    } else {
        t_result("mem_access/mem_access test domain", "none");
    }
    if (pv >= 0) {
        accesses(xch, "PV", (uint32_t)pv);
        testdom_destroy(pv);
    }
    accesses(xch, "no domain", NO_DOMAIN);
}
