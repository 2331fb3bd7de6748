/* SPDX-License-Identifier: MIT */
/*
 * What the parts of tests/libxc/programs share.  The program is
 * tests/libxc/programs.c plus every .c file of this folder, each a family
 * of upstream's own programs (Debian's xen-utils-4.17, in xen-run's cache,
 * $XENRUN_XEN_BIN), called from main there.  tests/libxc/system-programs
 * runs it once on the project's libraries and once on upstream's
 * (LD_LIBRARY_PATH, which the programs inherit) and compares the outcomes.
 */
#ifndef XENCTRL_PROGRAMS_H
#define XENCTRL_PROGRAMS_H

#include <stdbool.h>

#include "testlib.h"

/*
 * prog_run - runs the shell command line made from fmt (in sh -c, stdin
 * from /dev/null, stdout and stderr together, a 120 s limit) and prints
 * each line of its output as the outcome "NAME line N" and its exit
 * status as "NAME status".  Whatever differs from run to run (times,
 * counters, free memory) is the command's to normalise, with a sed
 * stage of its own.  Returns the exit status (-1 if it could not run).
 */
int prog_run(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * prog_loads - whether $XENRUN_XEN_BIN/PROG loads with every symbol
 * bound (ld.so's trace with LD_BIND_NOW, LD_WARN) and takes libxenctrl
 * from the folder under test (the helper's LD_LIBRARY_PATH): the outcome
 * "PROG loads", "bound, libxenctrl from the folder under test" on both
 * stacks when it does.  Returns whether it does.
 */
bool prog_loads(const char *prog);

/* The families, one per file of this folder, called by main in the order
 * of their names; the Python module alone when XENCTRL_PROGRAMS is
 * "python" (system-programs runs it as a case of its own), the others
 * alone otherwise. */
void programs_access(void);
void programs_boot(void);
void programs_debug(void);
void programs_memory(void);
void programs_paging(void);
void programs_platform(void);
void programs_pm(void);
void programs_python(void);
void programs_trace(void);

#endif /* XENCTRL_PROGRAMS_H */
