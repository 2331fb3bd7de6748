/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenkexec internals.  There is no linux.c: the library's only way to
 * Xen is libxencall, which holds the OS backend, so all of it is core.c.
 */
#ifndef XENKEXEC_PRIVATE_H
#define XENKEXEC_PRIVATE_H

/*
 * The kexec_load and kexec_unload commands with segment lists, and
 * kexec_status, exist in Xen's interface from 4.4 on; without this the
 * public headers give a program built without __XEN_TOOLS__ (as SSS
 * libraries are) the obsolete pre-4.4 commands under the same names.
 * First of everything, so that no header sees another version.
 */
#define __XEN_INTERFACE_VERSION__ 0x00040400

#include <stdatomic.h>
#include <stdint.h>     /* before Xen's headers, which use its types */

#include <xen/xen.h>
#include <xen/kexec.h>
#include <xen/memory.h>

#include <xencall.h>
#include <xenkexec.h>
#include <xentoolcore_internal.h>
#include <xentoollog.h>

#include "libs-handle.h"
#include "libs-internal.h"

/* The context of every message the library logs. */
#define XENKEXEC_LOG_CONTEXT "xenkexec"

struct xenkexec_handle {
    struct xenlibs_handle base;
    xencall_handle *xcall;      /* every hypercall goes through it */
    /* Set by xentoolcore_restrict_all(): every call then fails (EPERM). */
    atomic_bool restricted;
};

#endif /* XENKEXEC_PRIVATE_H */
