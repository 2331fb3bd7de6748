/* SPDX-License-Identifier: MIT */
/* xen-memshare (being written). */
#include "programs.h"

void programs_memory(void)
{
}
