/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/memshr.c: sharing turned on and off for the
 * HVM test domain (HAP), and for domains it cannot be.  Debian's Xen is
 * built without memory sharing: the refusal is what is compared.
 */
#include <errno.h>

#include "diff.h"

void diff_memshr(xc_interface *xch, const struct diff_domains *d)
{
    T_RC("memshr_control enable", xc_memshr_control(xch, (uint32_t)d->hvm, 1));
    T_RC("memshr_control disable", xc_memshr_control(xch, (uint32_t)d->hvm, 0));
    T_RC("memshr_control enable of a PV domain", xc_memshr_control(xch, (uint32_t)d->pv, 1));
    T_RC("memshr_control of no domain", xc_memshr_control(xch, NO_DOMAIN, 1));
}
