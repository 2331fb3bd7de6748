/* SPDX-License-Identifier: MIT */
/*
 * Upstream's own programs on both stacks: tests/libxc/programs (a
 * differential helper, families in programs/) runs Debian's xenpm,
 * xen-hptool, xentrace, xenlockprof, xen-livepatch, flask tools, the
 * Python module and others once on the project's libraries and once on
 * upstream's, in this boot; every line they print (normalised where it
 * changes from run to run) and every exit status must be the same.
 */
#include <xenctrl.h>

#include "testlib.h"

int main(void)
{
    int failed;

    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    failed = t_differential("xenctrl programs", "programs", "libxenctrl.so.4.17", NULL, 0);
    return failed || t_exit_status() ? 1 : 0;
}
