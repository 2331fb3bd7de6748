/* SPDX-License-Identifier: MIT */
#include "programs.h"

void programs_pm(void)
{
}
