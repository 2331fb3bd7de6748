/* SPDX-License-Identifier: MIT */
/* The calls of tools/libxc/hvm.c (being written). */
#include "diff.h"

void diff_hvm(xc_interface *xch, const struct diff_domains *d)
{
    (void)xch;
    (void)d;
}
