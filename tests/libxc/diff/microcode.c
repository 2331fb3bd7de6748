/* SPDX-License-Identifier: MIT */
/*
 * Microcode: Xen is only ever given blobs it must refuse (garbage, and
 * empty ones), never an update; both libraries must pass its refusal on
 * alike.
 */
#include <errno.h>
#include <string.h>

#include "diff.h"

void diff_microcode(xc_interface *xch, const struct diff_domains *d)
{
    /* Neither AMD's container magic nor Intel's header version 1. */
    static const char garbage[64] = "not microcode: garbage that no vendor's parser takes";
    char empty[1] = { 0 };

    (void)d;
    T_RC("microcode_update of garbage", xc_microcode_update(xch, garbage, sizeof(garbage)));
    T_RC("microcode_update of 0 bytes", xc_microcode_update(xch, empty, 0));
    T_RC("microcode_update of no blob", xc_microcode_update(xch, NULL, 0));
}
