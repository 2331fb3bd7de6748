/* SPDX-License-Identifier: MIT */
/*
 * dying.h - what a test meets when a domain dies under it: the clock to
 * wait by, a destroyed domain that is still listed (dying) and then gone,
 * a second thread that must count on meanwhile, an access to the dead
 * domain's pages that SIGBUS may end, and nothing left behind once it is
 * gone.
 */
#ifndef DYING_H
#define DYING_H

#include <pthread.h>
#include <stdbool.h>

#include "testlib.h"

/* Milliseconds of CLOCK_MONOTONIC: a time to measure and bound waits by. */
long long t_now_ms(void);

/* Sleeps ms milliseconds, the whole of them even when a signal comes. */
void t_pause_ms(long ms);

/*
 * t_wait_gone - waits, at most timeout_ms, for domain domid to disappear
 * (testdom_info() failing with ESRCH), looking every 10 ms.  Returns how
 * many ms it took, or -1 when the domain is still there at the timeout.
 */
long long t_wait_gone(int domid, long timeout_ms);

/*
 * t_listed_dying - whether destroyed domain domid is still listed, and
 * dying, as what still maps its pages keeps it.  When not, a failed check
 * of the running case says why.
 */
bool t_listed_dying(int domid);

/* What the process held before it met a dead domain: its descriptors
 * and its mappings of the privcmd driver, which a dead domain's pages are
 * mapped through. */
struct t_held {
    struct t_fd_set fds;
    int privcmd_maps;
};

/* Fills *held with what the process holds now. */
void t_held_snapshot(struct t_held *held);

/* t_check_nothing_left - checks that the process holds what it held at
 * before's snapshot again: the same descriptors, as many privcmd
 * mappings; a failed check's message ends with when (" at the end", or
 * ""). */
void t_check_nothing_left(const struct t_held *before, const char *when);

/*
 * A second thread of the process that counts, a tick a millisecond, while
 * the first one meets a dead domain's pages: that it counts on shows that
 * the process as a whole was not stopped there.  Used as
 *
 *     struct t_ticker ticker;
 *
 *     if (t_ticker_start(&ticker)) {
 *         unsigned long counted = t_ticks(&ticker);
 *         ...the access...
 *         t_ticker_stop(&ticker, counted);
 *     }
 *
 * Its fields are the module's own.
 */
struct t_ticker {
    pthread_t thread;
    unsigned long count;
    bool stop;
};

/* t_ticker_start - starts ticker's thread and waits, at most 2 s, for its
 * first tick.  Returns whether it ticked; when not, that is a failed check
 * and the thread is not running (nothing to stop). */
bool t_ticker_start(struct t_ticker *ticker);

/* How many times ticker's thread has counted so far. */
unsigned long t_ticks(const struct t_ticker *ticker);

/* t_ticker_stop - checks that ticker's thread counts on past since,
 * waiting at most 2 s for it, then stops and joins the thread. */
void t_ticker_stop(struct t_ticker *ticker, unsigned long since);

/* What came of an access to a dead domain's pages. */
enum t_access_outcome {
    T_ACCESS_DATA,          /* the data was right */
    T_ACCESS_OTHER_DATA,    /* it read, but wrong */
    T_ACCESS_BUS_ERROR,     /* SIGBUS */
};

/* How a figure line names the outcome: "the data still reads", "other
 * data", "SIGBUS". */
const char *t_access_name(enum t_access_outcome outcome);

/*
 * t_access_guarded - runs access(arg), which reads and writes a domain's
 * mapped pages and returns whether the data was right, with SIGBUS caught
 * only while it runs: a SIGBUS ends access there, jumping out of it, so
 * access must take nothing that has to be given back.  Not for two
 * threads at once.
 */
enum t_access_outcome t_access_guarded(bool (*access)(void *arg), void *arg);

/*
 * t_destroy_and_access - the dying itself: destroys test domain domid
 * (testdom_destroy()) while the caller still maps pages of it, checks
 * that they keep it listed, dying (t_listed_dying()), and runs access(arg)
 * under t_access_guarded() while a t_ticker counts on.  *outcome gets what
 * came of the access.  Returns false, a failed check having said why,
 * when the domain could not be destroyed or the ticker never counted:
 * there was no access then.
 */
bool t_destroy_and_access(int domid, bool (*access)(void *arg), void *arg,
                          enum t_access_outcome *outcome);

/*
 * t_check_gone_after_unmap - once the caller unmapped the last of domain
 * domid's pages: waits for it to go (t_wait_gone()), prints "  figure: the
 * domain gone N ms after the unmap" and checks that it went within
 * timeout_ms.
 */
void t_check_gone_after_unmap(int domid, long timeout_ms);

#endif /* DYING_H */
