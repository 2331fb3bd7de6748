/* SPDX-License-Identifier: MIT */
/*
 * dying.c - what a test meets when a domain dies under it (see dying.h).
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dying.h"
#include "testdom.h"
#include "testlib.h"

#define TICK_WAIT_MS 2000       /* for the second thread to count on */

long long t_now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void t_pause_ms(long ms)
{
    struct timespec t = { .tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000L };

    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
}

long long t_wait_gone(int domid, long timeout_ms)
{
    struct testdom_info info;
    long long start = t_now_ms();

    do {
        if (testdom_info(domid, &info) < 0 && errno == ESRCH)
            return t_now_ms() - start;
        t_pause_ms(10);
    } while (t_now_ms() - start < timeout_ms);
    return -1;
}

bool t_listed_dying(int domid)
{
    struct testdom_info info;

    if (!CHECKF(testdom_info(domid, &info) == 0, "the destroyed domain %d, mapped: %s", domid,
                strerror(errno)))
        return false;
    return CHECKF(info.dying, "domain %d is listed, not dying", domid);
}

static int privcmd_maps(void)
{
    return t_maps_containing(0, "/dev/xen/privcmd");
}

void t_held_snapshot(struct t_held *held)
{
    t_fds_snapshot(&held->fds);
    held->privcmd_maps = privcmd_maps();
}

void t_check_nothing_left(const struct t_held *before, const char *when)
{
    int maps = privcmd_maps();

    CHECKF(maps == before->privcmd_maps, "%d privcmd mappings more%s",
           maps - before->privcmd_maps, when);
    t_check_fds_as_before(&before->fds);
}

/* ------------------------------------------------------------ the ticker */

static void *tick(void *arg)
{
    struct t_ticker *ticker = arg;

    while (!__atomic_load_n(&ticker->stop, __ATOMIC_ACQUIRE)) {
        __atomic_add_fetch(&ticker->count, 1, __ATOMIC_RELEASE);
        t_pause_ms(1);
    }
    return arg;
}

unsigned long t_ticks(const struct t_ticker *ticker)
{
    return __atomic_load_n(&ticker->count, __ATOMIC_ACQUIRE);
}

bool t_ticker_start(struct t_ticker *ticker)
{
    long long start = t_now_ms();

    ticker->count = 0;
    ticker->stop = false;
    if (!CHECK_EQ(pthread_create(&ticker->thread, NULL, tick, ticker), 0))
        return false;
    while (t_ticks(ticker) == 0 && t_now_ms() - start < TICK_WAIT_MS)
        t_pause_ms(1);
    if (CHECKF(t_ticks(ticker) > 0, "the second thread never counted"))
        return true;
    /* The caller's ticker may go out of scope: the thread must not run on. */
    __atomic_store_n(&ticker->stop, true, __ATOMIC_RELEASE);
    pthread_join(ticker->thread, NULL);
    return false;
}

void t_ticker_stop(struct t_ticker *ticker, unsigned long since)
{
    long long start = t_now_ms();
    void *result = NULL;

    while (t_ticks(ticker) <= since && t_now_ms() - start < TICK_WAIT_MS)
        t_pause_ms(1);
    CHECKF(t_ticks(ticker) > since, "the second thread stopped counting at %lu",
           t_ticks(ticker));
    __atomic_store_n(&ticker->stop, true, __ATOMIC_RELEASE);
    CHECK_EQ(pthread_join(ticker->thread, &result), 0);
    CHECK_EQ(result, (void *)ticker);
}

/* ------------------------------------------------------------ the access */

const char *t_access_name(enum t_access_outcome outcome)
{
    static const char *const names[] = {
        [T_ACCESS_DATA] = "the data still reads",
        [T_ACCESS_OTHER_DATA] = "other data",
        [T_ACCESS_BUS_ERROR] = "SIGBUS",
    };

    return names[outcome];
}

static sigjmp_buf bus_jump;

static void on_bus(int sig)
{
    siglongjmp(bus_jump, sig);
}

enum t_access_outcome t_access_guarded(bool (*access)(void *arg), void *arg)
{
    struct sigaction sa = { .sa_handler = on_bus }, old;
    volatile enum t_access_outcome outcome = T_ACCESS_OTHER_DATA;

    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, &old);
    if (sigsetjmp(bus_jump, 1) == 0) {
        if (access(arg))
            outcome = T_ACCESS_DATA;
    } else {
        outcome = T_ACCESS_BUS_ERROR;
    }
    sigaction(SIGBUS, &old, NULL);
    return outcome;
}

/* ------------------------------------------------------------ the dying */

bool t_destroy_and_access(int domid, bool (*access)(void *arg), void *arg,
                          enum t_access_outcome *outcome)
{
    struct t_ticker ticker;
    unsigned long counted;

    if (!CHECK_EQ(testdom_destroy(domid), 0))
        return false;
    /* The mapping's references keep it. */
    t_listed_dying(domid);
    if (!t_ticker_start(&ticker))
        return false;
    counted = t_ticks(&ticker);
    *outcome = t_access_guarded(access, arg);
    t_ticker_stop(&ticker, counted);
    return true;
}

void t_check_gone_after_unmap(int domid, long timeout_ms)
{
    long long gone_ms = t_wait_gone(domid, timeout_ms);

    printf("  figure: the domain gone %lld ms after the unmap\n", gone_ms);
    CHECKF(gone_ms >= 0, "domain %d still there %ld ms after the unmap", domid, timeout_ms);
}
