/* SPDX-License-Identifier: MIT */
#include "programs.h"

void programs_trace(void)
{
}
