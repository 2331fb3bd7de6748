/* SPDX-License-Identifier: MIT */
/* xen-access (being written). */
#include "programs.h"

void programs_access(void)
{
}
