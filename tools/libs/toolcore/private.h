/* libxentoolcore internals. */
#ifndef XENTOOLCORE_PRIVATE_H
#define XENTOOLCORE_PRIVATE_H

#include <xentoolcore_internal.h>

#include "libs-internal.h"

#endif /* XENTOOLCORE_PRIVATE_H */
