/* SPDX-License-Identifier: MIT */
/*
 * ldrecord.h - which libraries a program really ran, from the dynamic
 * loader's own record.  Under LD_DEBUG=libs LD_DEBUG_OUTPUT=PREFIX, ld.so
 * writes PREFIX.PID for every process of the program, with one "calling
 * init: PATH" line per shared object it initialised, those the program
 * dlopen()s included: what a program's NEEDED list or its maps at one
 * moment may miss.
 */
#ifndef LDRECORD_H
#define LDRECORD_H

#include <stdbool.h>

/*
 * t_ld_record_env - removes any record left at prefix and returns the
 * environment words ("LD_DEBUG=libs LD_DEBUG_OUTPUT=prefix") to put before
 * a shell command so that its loader records at prefix.  The string is
 * static: the next call overwrites it.
 */
const char *t_ld_record_env(const char *prefix);

/*
 * t_ld_record_check - judges the record at prefix as a check of the
 * running case: each soname of want (NULL-ended: "libxenkexec.so.1") was
 * initialised exactly once, from folder libdir; no soname of unwanted
 * (NULL-ended; a name prefix, "libxenctrl.so") was initialised at all,
 * from anywhere; and no other libxen* library came from outside libdir.
 * Every file found is named on stderr when the check fails.  Returns
 * whether it held.
 */
bool t_ld_record_check(const char *prefix, const char *libdir, const char *const want[],
                       const char *const unwanted[]);

#endif /* LDRECORD_H */
