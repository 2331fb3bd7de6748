/* SPDX-License-Identifier: MIT */
/*
 * Differential test of libxenctrl: tests/libxc/diff (diff.c, diff/), built
 * against upstream's <xenctrl.h>, runs once on our libxenctrl (and our
 * other libraries) and once on upstream's whole stack, in this boot,
 * against real test domains; every outcome must be the same on both,
 * except the documented differences below, exactly as documented.
 */
#include <xenctrl.h>

#include "testlib.h"

/* Where ours deliberately differs from upstream (see README.md). */
static const struct t_difference differences[] = {
    /* Xen refuses (EINVAL); upstream's errno is lost on the way back. */
    { "machine memory map of 1 entry", "rc -1 errno 22", "rc -1 errno 0" },
    /* Upstream returns -EINVAL and leaves errno as it was. */
    { "unknown XENVER 99", "rc -1 errno 22", "rc -22 errno 0" },
    /* Xen has fewer M2P frames than asked for: ERANGE, where upstream's
     * errno is whatever it was. */
    { "mem/machphys_mfn_list of 64", "rc -1 errno 34", "rc -1 errno 0" },
    /* Xen did not read the counter (no CMT): ours gives the failed entry's
     * error, upstream leaves errno as it was. */
    { "psr_cmt_get_data with tsc", "rc -1 errno 1", "rc -1 errno 0" },
    { "psr_cmt_get_data total memory", "rc -1 errno 1", "rc -1 errno 0" },
    { "psr_cmt_get_data local memory", "rc -1 errno 1", "rc -1 errno 0" },
};

int main(void)
{
    int failed;

    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    failed = t_differential("xenctrl differential", "diff", "libxenctrl.so.4.17",
                            differences, sizeof(differences) / sizeof(differences[0]));
    return failed || t_exit_status() ? 1 : 0;
}
