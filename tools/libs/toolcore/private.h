/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxentoolcore internals. */
#ifndef XENTOOLCORE_PRIVATE_H
#define XENTOOLCORE_PRIVATE_H

#include <xentoolcore_internal.h>

#include "libs-internal.h"

#endif /* XENTOOLCORE_PRIVATE_H */
