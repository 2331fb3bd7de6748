/* SPDX-License-Identifier: MIT */
/* xenpaging and xen-memshare (being written). */
#include "programs.h"

void programs_memory(void)
{
}
