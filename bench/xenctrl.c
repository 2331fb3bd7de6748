/*
 * Benchmarks of libxenctrl (`xenctrl lib`; it has no raw variant of its
 * own: it is a layer over libxencall, whose rows are the raw comparison):
 * listing 33 domains (dom0 and 32 empty test domains) with
 * xc_domain_getinfo, which upstream's asks Xen for one domain at a time,
 * and with xc_domain_getinfolist into room for 1024 (as libxl asks), and
 * one single-hypercall call, xc_physinfo.
 */
#include "../tests/common/testdom.c"

/* <xen/hvm/save.h>, which <xenctrl.h> includes, refuses strict ISO C for
 * its anonymous unions, which C11 has: tell it this is not C89. */
#undef __STRICT_ANSI__
#include <xenctrl.h>

#include "benchlib.h"

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
