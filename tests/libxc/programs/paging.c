/* SPDX-License-Identifier: MIT */
/* xenpaging (being written). */
#include "programs.h"

void programs_paging(void)
{
}
