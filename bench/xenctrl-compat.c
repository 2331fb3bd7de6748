/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxenctrl's compat wrappers (xenctrl_compat.h) against
 * the stable library call each forwards to, made by the same program on
 * the same libraries in the same run (`xenctrl-compat lib`): an event
 * sent on a loopback channel (xc_evtchn_notify, xenevtchn_notify), a
 * page dom0 grants itself mapped and unmapped (xc_gnttab_map_grant_ref +
 * xc_gnttab_munmap, xengnttab_map_grant_ref + xengnttab_unmap), and an
 * HVM domain's PCI INTx line set (xc_hvm_set_pci_intx_level,
 * xendevicemodel_set_pci_intx_level), each pair measured A B B A.  The
 * direct calls are this
 * program's baseline; bench/run's raw column is the kernel interface,
 * which bench/evtchn.c, bench/gnttab.c and bench/devicemodel.c already
 * measure against those libraries, so there is no raw variant here.
 */
/* Built as gnu11: <xenctrl.h> includes Xen's tools-only headers. */
#define XC_WANT_COMPAT_EVTCHN_API
#define XC_WANT_COMPAT_GNTTAB_API
#define XC_WANT_COMPAT_DEVICEMODEL_API
#include <sys/mman.h>

#include <xenctrl.h>
#include <xendevicemodel.h>
#include <xenevtchn.h>
#include <xengnttab.h>

#include "benchlib.h"
#include "testdom.h"

static xc_interface *xch;
static xenevtchn_handle *xce;
static xengnttab_handle *xgt;
static xendevicemodel_handle *dmod;
static evtchn_port_t local_port;
static uint32_t grant_ref;
static uint32_t hvm;

static void die(const char *what)
{
    fprintf(stderr, "bench: %s failed\n", what);
    exit(3);
}

static void compat_notify(void *arg)
{
    (void)arg;
    if (xc_evtchn_notify(xce, local_port) != 0)
        die("xc_evtchn_notify");
}

static void direct_notify(void *arg)
{
    (void)arg;
    if (xenevtchn_notify(xce, local_port) != 0)
        die("xenevtchn_notify");
}

static void compat_map(void *arg)
{
    void *p = xc_gnttab_map_grant_ref(xgt, 0, grant_ref, PROT_READ | PROT_WRITE);

    (void)arg;
    if (!p || xc_gnttab_munmap(xgt, p, 1) != 0)
        die("xc_gnttab_map_grant_ref + xc_gnttab_munmap");
}

static void direct_map(void *arg)
{
    void *p = xengnttab_map_grant_ref(xgt, 0, grant_ref, PROT_READ | PROT_WRITE);

    (void)arg;
    if (!p || xengnttab_unmap(xgt, p, 1) != 0)
        die("xengnttab_map_grant_ref + xengnttab_unmap");
}

static void compat_intx(void *arg)
{
    (void)arg;
    if (xc_hvm_set_pci_intx_level(xch, hvm, 0, 0, 3, 0, 0) != 0)
        die("xc_hvm_set_pci_intx_level");
}

static void direct_intx(void *arg)
{
    (void)arg;
    if (xendevicemodel_set_pci_intx_level(dmod, (domid_t)hvm, 0, 0, 3, 0, 0) != 0)
        die("xendevicemodel_set_pci_intx_level");
}

/* The wrapper's and the direct call's rows, measured A B B A so that a
 * drift in the machine's speed falls on both alike: the faster of each
 * one's two figures. */
static void pair(const char *key, const char *description, void (*wrapper)(void *),
                 const char *direct_key, const char *direct_description, void (*direct)(void *))
{
    double w = bench_loop(wrapper, NULL), d = bench_loop(direct, NULL);
    double d2 = bench_loop(direct, NULL), w2 = bench_loop(wrapper, NULL);

    bench_row(key, description, w < w2 ? w : w2);
    bench_row(direct_key, direct_description, d < d2 ? d : d2);
}

int main(int argc, char **argv)
{
    xengntshr_handle *xgs;
    void *shared;
    int unbound, local, domid;

    if (bench_raw_mode(argc, argv))
        return 0;
    bench_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    bench_expect_library("libxenevtchn.so.1", (const void *)xenevtchn_open);
    bench_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    bench_expect_library("libxendevicemodel.so.1", (const void *)xendevicemodel_open);

    xce = xc_evtchn_open(NULL, 0);
    unbound = xce ? xc_evtchn_bind_unbound_port(xce, 0) : -1;
    local = unbound < 0 ? -1 : xc_evtchn_bind_interdomain(xce, 0, (evtchn_port_t)unbound);
    if (local < 0)
        return 2;
    local_port = (evtchn_port_t)local;
    pair("compat.evtchn_notify", "libxenctrl compat: xc_evtchn_notify (loopback)",
         compat_notify, "compat.evtchn_notify_direct",
         "libxenevtchn direct: xenevtchn_notify (loopback)", direct_notify);
    xc_evtchn_close(xce);

    xgs = xc_gntshr_open(NULL, 0);
    xgt = xc_gnttab_open(NULL, 0);
    shared = xgs ? xc_gntshr_share_pages(xgs, 0, 1, &grant_ref, 1) : NULL;
    if (!xgt || !shared)
        return 2;
    pair("compat.gnttab_map", "libxenctrl compat: xc_gnttab_map_grant_ref + "
         "xc_gnttab_munmap of a page dom0 granted itself", compat_map,
         "compat.gnttab_map_direct", "libxengnttab direct: xengnttab_map_grant_ref + "
         "xengnttab_unmap of the same page", direct_map);
    xc_gnttab_close(xgt);
    xc_gntshr_munmap(xgs, shared, 1);
    xc_gntshr_close(xgs);

    domid = testdom_create_hvm(16);
    xch = xc_interface_open(NULL, NULL, 0);
    dmod = xendevicemodel_open(NULL, 0);
    if (domid < 0 || !xch || !dmod)
        return 2;
    hvm = (uint32_t)domid;
    pair("compat.hvm_intx", "libxenctrl compat: xc_hvm_set_pci_intx_level of an HVM domain",
         compat_intx, "compat.hvm_intx_direct", "libxendevicemodel direct: "
         "xendevicemodel_set_pci_intx_level of the same domain", direct_intx);
    xendevicemodel_close(dmod);
    xc_interface_close(xch);
    testdom_destroy_all();
    return 0;
}
