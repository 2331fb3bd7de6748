/* SPDX-License-Identifier: MIT */
/* The calls of tools/libxc/vm-event.c (being written). */
#include "diff.h"

void diff_vm_event(xc_interface *xch, const struct diff_domains *d)
{
    (void)xch;
    (void)d;
}
