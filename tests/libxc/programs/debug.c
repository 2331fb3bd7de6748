/* SPDX-License-Identifier: MIT */
/* xenctx and xl dump-core (being written). */
#include "programs.h"

void programs_debug(void)
{
}
