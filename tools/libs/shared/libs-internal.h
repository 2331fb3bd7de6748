/* SPDX-License-Identifier: LGPL-2.1-only */
/* Helpers shared by the implementation of every library; never installed. */
#ifndef LIBS_INTERNAL_H
#define LIBS_INTERNAL_H

#include "config.h"

/* Marks a definition as part of the library's ABI.  Everything else stays
 * hidden (-fvisibility=hidden), and the version script names the same set. */
#define EXPORT __attribute__((visibility("default")))

#endif /* LIBS_INTERNAL_H */
