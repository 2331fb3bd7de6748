/* SPDX-License-Identifier: MIT */
/*
 * failalloc.h - allocation failure injection for tests.
 *
 * A program linked with failalloc.c (tests/tests.mk adds it to the
 * programs that ask) defines malloc, calloc, realloc, posix_memalign,
 * aligned_alloc, memalign, free, mmap and munmap itself; as the executable
 * comes first in symbol lookup, the libraries' calls land here too, and
 * go on to the next definition (libc's, or a sanitizer's).  Disarmed, the
 * calls only pass through.  Armed, the Nth allocation (any of the above
 * but free and munmap) fails with ENOMEM, and every heap block allocated
 * and not freed since arming is remembered, so that what a failed call
 * left behind can be counted.
 */
#ifndef FAILALLOC_H
#define FAILALLOC_H

#include <stdbool.h>

/* Starts counting allocations; the nth from now (1 = the next) fails. */
void failalloc_arm(unsigned long nth);

/* Stops counting; returns how many allocations were attempted while
 * armed (fewer than nth: none was made to fail). */
unsigned long failalloc_disarm(void);

/* Heap blocks allocated while armed and not freed since. */
unsigned long failalloc_live(void);

/* Whether the program's allocations go through here at all (they do not
 * under a tool that replaces malloc in the executable, e.g. valgrind). */
bool failalloc_active(void);

#endif /* FAILALLOC_H */
