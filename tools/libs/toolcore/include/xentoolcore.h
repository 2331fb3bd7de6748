/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xentoolcore.h - what the Xen tool libraries share.
 *
 * Library: libxentoolcore.so.1 (stable API and ABI).
 */
#ifndef XENTOOLCORE_H
#define XENTOOLCORE_H

#include <stdint.h>
#include <xen/xen.h>

/*
 * xentoolcore_restrict_all - confine every open Xen library handle of this
 * process to domain domid.
 *
 * Each handle opened through libxencall, libxenevtchn, libxengnttab,
 * libxenforeignmemory, libxendevicemodel... is restricted in its own way:
 * limited to operations on domid where the kernel can enforce that, or
 * made unusable, its file descriptor replaced by /dev/null.  A deprivileged
 * device model calls this once it no longer needs to act on other domains.
 *
 * Returns 0 when every handle was restricted.  On the first failure it
 * stops and returns -1 with errno set; handles already restricted stay so.
 * Thread-safe; handles must not be opened or closed from a restrict
 * callback.
 */
int xentoolcore_restrict_all(domid_t domid);

#endif /* XENTOOLCORE_H */
