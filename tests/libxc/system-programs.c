/* SPDX-License-Identifier: MIT */
/*
 * Upstream's own programs on both stacks: tests/libxc/programs (a
 * differential helper, families in programs/) runs Debian's xenpm,
 * xen-hptool, xentrace, xenlockprof, xen-livepatch, flask tools, the
 * Python module and others once on the project's libraries and once on
 * upstream's, in this boot; every line they print (normalised where it
 * changes from run to run) and every exit status must be the same.  The
 * Python module is a case of its own: a checking tool may not allow it.
 */
#include <stdlib.h>

#include <xenctrl.h>

#include "testlib.h"

/* Each runs the helper on both stacks, with XENCTRL_PROGRAMS set to the
 * families it is to run. */
static void test_programs(void)
{
    setenv("XENCTRL_PROGRAMS", "tools", 1);
    CHECK_EQ(t_differential("xenctrl programs", "programs", "libxenctrl.so.4.17", NULL, 0), 0);
}

static void test_python_module(void)
{
    setenv("XENCTRL_PROGRAMS", "python", 1);
    CHECK_EQ(t_differential("xenctrl python module", "programs", "libxenctrl.so.4.17", NULL, 0),
             0);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_programs, "xenctrl programs: upstream's tools print the same on both stacks");
    T_CASE(test_python_module, "xenctrl programs: upstream's Python module xen.lowlevel.xc "
           "prints the same on both stacks");
    return t_exit_status();
}
