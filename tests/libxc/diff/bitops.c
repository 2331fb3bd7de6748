/* SPDX-License-Identifier: MIT */
/* The calls of tools/libxc/bitops.c (being written). */
#include "diff.h"

void diff_bitops(xc_interface *xch, const struct diff_domains *d)
{
    (void)xch;
    (void)d;
}
