/* SPDX-License-Identifier: MIT */
/*
 * services.h - upstream's dom0 daemons (Debian's xen-utils-4.17, run
 * from xen-run's cache) as fixtures of the system tests.  A test starts
 * what does not run yet and stops only what it started.  The daemons run
 * on upstream's libraries: LD_LIBRARY_PATH is dropped for them.
 */
#ifndef SERVICES_H
#define SERVICES_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * xenstored plus xen-init-dom0, through tests/vm/dom0-services, unless a
 * xenstored socket exists already.  Sets *started when this call started
 * it.  Returns false, having said why on stderr, on failure.
 */
bool svc_xenstored_start(bool *started);

/* Stops the xenstored of svc_xenstored_start() and removes its socket and
 * pid file, so a later test can start its own. */
bool svc_xenstored_stop(void);

/* The pid of a running process called name (its comm), or 0. */
pid_t svc_find(const char *name);

/*
 * xenconsoled in the foreground, logging every guest's console into
 * logdir as guest-<name>.log.  Returns its pid, or -1.
 */
pid_t svc_xenconsoled_start(const char *logdir);

/* Whether pid is gone; a zombie that nobody reaps counts as gone. */
bool svc_gone(pid_t pid);

/* SIGTERM, then SIGKILL after 10 s; reaps pid if it is our child.
 * Returns whether it went at SIGTERM. */
bool svc_stop(pid_t pid);

/*
 * svc_stop_started - stops the daemons a test started, for its clean-up:
 * the xenconsoled *xenconsoled (when > 0; it becomes -1) and, when
 * *started_xenstored (svc_xenstored_start()'s), xenstored (it becomes
 * false).  A second call finds nothing to stop.  Returns whether what it
 * stopped went at SIGTERM.
 */
bool svc_stop_started(pid_t *xenconsoled, bool *started_xenstored);

#endif /* SERVICES_H */
