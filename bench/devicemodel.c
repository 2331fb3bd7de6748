/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxendevicemodel: one dm_op round trip
 * (set_pci_intx_level on a real HVM domain made with the tests' testdom),
 * through the library (`devicemodel lib`) or through the privcmd driver's
 * dm_op ioctl directly (`devicemodel raw`).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/hvm/dm_op.h>
#include <xen/sys/privcmd.h>

#include <xendevicemodel.h>

#include "benchlib.h"
#include "testdom.h"

static int domid;

/* Lowering INTA of PCI device 3: Xen does the whole operation each time,
 * and the guest, which never runs, is not disturbed by it. */
#define DEVICE 3

static xendevicemodel_handle *dmod;

static void lib_intx(void *arg)
{
    (void)arg;
    if (xendevicemodel_set_pci_intx_level(dmod, (domid_t)domid, 0, 0, DEVICE, 0, 0) < 0)
        exit(3);
}

static int privcmd_fd;

static void raw_intx(void *arg)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_pci_intx_level };
    privcmd_dm_op_buf_t buf = { .uptr = &op, .size = sizeof(op) };
    privcmd_dm_op_t call = { .dom = (domid_t)domid, .num = 1, .ubufs = &buf };

    (void)arg;
    op.u.set_pci_intx_level.device = DEVICE;
    if (ioctl(privcmd_fd, IOCTL_PRIVCMD_DM_OP, &call) < 0)
        exit(3);
}

int main(int argc, char **argv)
{
    bool raw = bench_raw_mode(argc, argv);
    void (*op)(void *) = raw ? raw_intx : lib_intx;

    domid = testdom_create_hvm(0);
    if (domid < 0)
        return 2;
    if (raw) {
        privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
        if (privcmd_fd < 0) {
            perror("bench: /dev/xen/privcmd");
            return 2;
        }
    } else {
        bench_expect_library("libxendevicemodel.so.1", (const void *)xendevicemodel_open);
        dmod = xendevicemodel_open(NULL, 0);
        if (!dmod)
            return 2;
    }
    bench_row("dm.intx", "libxendevicemodel: one dm_op round trip (set_pci_intx_level)",
              bench_loop(op, NULL));
    if (raw)
        close(privcmd_fd);
    else
        xendevicemodel_close(dmod);
    testdom_destroy(domid);
    return 0;
}
