/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xentoolcore_internal.h - the interface between libxentoolcore and the
 * other Xen tool libraries.  Not for applications.
 *
 * Each library embeds a Xentoolcore__Active_Handle in its handle, sets
 * restrict_callback, and registers the handle for its open lifetime, so
 * that xentoolcore_restrict_all() can reach it.
 */
#ifndef XENTOOLCORE_INTERNAL_H
#define XENTOOLCORE_INTERNAL_H

#include <xentoolcore.h>

typedef struct Xentoolcore__Active_Handle Xentoolcore__Active_Handle;

/* Confines one handle to domid; returns 0, or -1 with errno set. */
typedef int Xentoolcore__Restrict_Callback(Xentoolcore__Active_Handle *ah,
                                           domid_t domid);

struct Xentoolcore__Active_Handle {
    Xentoolcore__Restrict_Callback *restrict_callback;
    /* Owned by libxentoolcore while registered; zero it before. */
    struct {
        Xentoolcore__Active_Handle *next;
        Xentoolcore__Active_Handle **prev_next;
    } entry;
};

/* Adds ah to the registry; ah must stay valid until deregistered.  NULL,
 * or a handle already registered, is ignored. */
void xentoolcore__register_active_handle(Xentoolcore__Active_Handle *ah);

/* Removes ah from the registry.  NULL, a zeroed, never registered handle or
 * one already deregistered is accepted and left alone. */
void xentoolcore__deregister_active_handle(Xentoolcore__Active_Handle *ah);

/*
 * A restrict callback for handles that cannot be confined to one domain:
 * makes fd refer to /dev/null, keeping its number and close-on-exec flag,
 * so every later operation on it fails cleanly while closing it still
 * works.  Returns 0, or -1 with errno set (EBADF for a closed fd).
 */
int xentoolcore__restrict_by_dup2_null(int fd);

#endif /* XENTOOLCORE_INTERNAL_H */
