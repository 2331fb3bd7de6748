/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Client requests that tell valgrind's memcheck about memory the kernel or
 * Xen writes behind its back (ioctl results, mapped pages), and about the
 * library's own deliberate reads; they cost a few instructions outside
 * valgrind.  Without valgrind's headers at build time they are nothing.
 * Never installed.
 */
#ifndef LIBS_VALGRIND_H
#define LIBS_VALGRIND_H

#include "config.h"

#ifdef HAVE_VALGRIND
#include <valgrind/memcheck.h>
#else
#define VALGRIND_MAKE_MEM_DEFINED(addr, len) ((void)0)
#define VALGRIND_MAKE_MEM_NOACCESS(addr, len) ((void)0)
#define VALGRIND_DISABLE_ERROR_REPORTING ((void)0)
#define VALGRIND_ENABLE_ERROR_REPORTING ((void)0)
#endif

#endif /* LIBS_VALGRIND_H */
