/* SPDX-License-Identifier: MIT */
#include "programs.h"

void programs_platform(void)
{
}
