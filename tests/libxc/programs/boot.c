/* SPDX-License-Identifier: MIT */
#include "programs.h"

void programs_boot(void)
{
}
