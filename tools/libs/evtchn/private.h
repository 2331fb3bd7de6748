/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenevtchn internals. */
#ifndef XENEVTCHN_PRIVATE_H
#define XENEVTCHN_PRIVATE_H

#include <xenevtchn.h>
#include <xentoolcore_internal.h>
#include <xentoollog.h>

#include "libs-handle.h"
#include "libs-internal.h"

/* The context of every message the library logs. */
#define XENEVTCHN_LOG_CONTEXT "xenevtchn"

#define XENEVTCHN_ALL_OPENFLAGS XENEVTCHN_NO_CLOEXEC

struct xenevtchn_handle {
    struct xenlibs_handle base;
    int fd;                 /* the event channel driver */
};

/*
 * The OS backend (linux.c), logging as libs-handle.h's rule says.  Each
 * returns what the matching public call returns, or -1 with errno set; only
 * os_open logs (which device would not open): the core logs the rest, at
 * the level xenevtchn.h states.  os_open
 * stores the driver's descriptor in xce->fd; os_close closes it.
 */
int xenevtchn__os_open(xenevtchn_handle *xce, unsigned int flags);
int xenevtchn__os_close(xenevtchn_handle *xce);
int xenevtchn__os_notify(xenevtchn_handle *xce, evtchn_port_t port);
int xenevtchn__os_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid);
int xenevtchn__os_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                                   evtchn_port_t remote_port);
int xenevtchn__os_bind_virq(xenevtchn_handle *xce, unsigned int virq);
int xenevtchn__os_unbind(xenevtchn_handle *xce, evtchn_port_t port);
int xenevtchn__os_pending(xenevtchn_handle *xce);
int xenevtchn__os_unmask(xenevtchn_handle *xce, evtchn_port_t port);
int xenevtchn__os_restrict(xenevtchn_handle *xce, domid_t domid);

#endif /* XENEVTCHN_PRIVATE_H */
