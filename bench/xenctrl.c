/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxenctrl (`xenctrl lib`; it has no raw variant of its
 * own: it is a layer over libxencall, whose rows are the raw comparison):
 * listing 33 domains (dom0 and 32 empty test domains) with
 * xc_domain_getinfo, which upstream's asks Xen for one domain at a time,
 * and with xc_domain_getinfolist into room for 1024 (as libxl asks), and
 * one single-hypercall call, xc_physinfo.  Then a guest's 16 MiB
 * populated with xc_domain_populate_physmap in the domain builder's
 * batches of 512 pages (and released again, through xc_memory_op, for the
 * next round), and a domain's create + destroy cycle.
 */
/* Built as gnu11: <xenctrl.h> includes Xen's tools-only headers, which
 * use GNU C's anonymous unions. */
#include <xenctrl.h>

#include "benchlib.h"
#include "testdom.h"

#define TEST_DOMAINS 32
#define ROOM 1024
#define VCPUS 8

static xc_interface *xch;
static int vcpu_domain;
static xc_dominfo_t info[ROOM];
static xc_domaininfo_t list[ROOM];

static void getinfo(void *arg)
{
    (void)arg;
    if (xc_domain_getinfo(xch, 0, ROOM, info) != TEST_DOMAINS + 1)
        exit(3);
}

static void getinfolist(void *arg)
{
    (void)arg;
    if (xc_domain_getinfolist(xch, 0, ROOM, list) != TEST_DOMAINS + 1)
        exit(3);
}

static void physinfo(void *arg)
{
    xc_physinfo_t pi;

    (void)arg;
    if (xc_physinfo(xch, &pi) != 0)
        exit(3);
}

/* 16 MiB in 4 KiB pages, in batches as libxenguest's builder makes them. */
#define GUEST_PAGES 4096
#define BATCH 512

static uint32_t guest;
static xen_pfn_t gfns[GUEST_PAGES];
static xen_pfn_t *release_list;  /* the gfns, in a hypercall buffer */

static void populate16m(void *arg)
{
    struct xen_memory_reservation r = { .nr_extents = GUEST_PAGES, .domid = (domid_t)guest };

    (void)arg;
    for (unsigned i = 0; i < GUEST_PAGES; i++)
        gfns[i] = i;
    for (unsigned done = 0; done < GUEST_PAGES; done += BATCH)
        if (xc_domain_populate_physmap(xch, guest, BATCH, 0, 0, gfns + done) != BATCH)
            exit(3);
    set_xen_guest_handle_raw(r.extent_start, release_list);
    if (xc_memory_op(xch, XENMEM_decrease_reservation, &r, sizeof(r)) != GUEST_PAGES)
        exit(3);
}

static void create_destroy(void *arg)
{
    struct xen_domctl_createdomain c = {
        .max_vcpus = 1,
        .max_evtchn_port = -1,
        .max_grant_frames = 4,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    uint32_t domid = 0;

    (void)arg;
    if (xc_domain_create(xch, &domid, &c) != 0 || xc_domain_destroy(xch, domid) != 0)
        exit(3);
}

static void vcpu_infos(void *arg)
{
    xc_vcpuinfo_t vi;

    (void)arg;
    for (uint32_t v = 0; v < VCPUS; v++)
        if (xc_vcpu_getinfo(xch, (uint32_t)vcpu_domain, v, &vi) != 0 || vi.vcpu != v)
            exit(3);
}

int main(int argc, char **argv)
{
    DECLARE_HYPERCALL_BUFFER(xen_pfn_t, gfn_buffer);

    if (bench_raw_mode(argc, argv))
        return 0;
    bench_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    for (int i = 0; i < TEST_DOMAINS; i++)
        if (testdom_create_pv() < 0)
            return 2;
    xch = xc_interface_open(NULL, NULL, 0);
    if (!xch)
        return 2;
    bench_row("xenctrl.getinfo33", "libxenctrl: xc_domain_getinfo of 33 domains",
              bench_loop(getinfo, NULL));
    bench_row("xenctrl.getinfolist33", "libxenctrl: xc_domain_getinfolist of 33 domains "
              "(room for 1024)", bench_loop(getinfolist, NULL));
    bench_row("xenctrl.physinfo", "libxenctrl: xc_physinfo", bench_loop(physinfo, NULL));

    guest = (uint32_t)testdom_create_hvm(0);
    gfn_buffer = xc_hypercall_buffer_alloc(xch, gfn_buffer, sizeof(gfns));
    release_list = gfn_buffer;
    if ((int)guest < 0 || !release_list ||
        xc_domain_setmaxmem(xch, guest, GUEST_PAGES * (XC_PAGE_SIZE / 1024)) != 0)
        return 2;
    for (unsigned i = 0; i < GUEST_PAGES; i++)
        release_list[i] = i;
    bench_row("xenctrl.populate16m", "libxenctrl: xc_domain_populate_physmap of 16 MiB "
              "(8 calls of 512 pages), released again", bench_loop(populate16m, NULL));
    xc_hypercall_buffer_free(xch, gfn_buffer);
    bench_row("xenctrl.create_destroy", "libxenctrl: xc_domain_create + xc_domain_destroy of "
              "an empty PV domain", bench_loop(create_destroy, NULL));
    /* Made after the listing rows, which count the domains. */
    vcpu_domain = testdom_create_hvm_vcpus(16, VCPUS);
    if (vcpu_domain < 0)
        return 2;
    bench_row("xenctrl.vcpuinfo8", "libxenctrl: xc_vcpu_getinfo of each of 8 vCPUs",
              bench_loop(vcpu_infos, NULL));
    xc_interface_close(xch);
    testdom_destroy_all();
    return 0;
}
