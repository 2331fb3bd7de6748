/* SPDX-License-Identifier: MIT */
/* Host tests of libxentoolcore: the handle registry and restricting handles. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xentoolcore_internal.h>

#include "testlib.h"

struct fake_handle {
    Xentoolcore__Active_Handle ah;   /* first, as the libraries embed it */
    int id;
    int fail_with;                   /* errno to fail with, 0 to succeed */
    atomic_bool registered;
};

static int call_order[16];
static int calls;
static domid_t seen_domid;

static int record_restrict(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    struct fake_handle *h = (struct fake_handle *)ah;

    call_order[calls++] = h->id;
    seen_domid = domid;
    if (h->fail_with) {
        errno = h->fail_with;
        return -1;
    }
    return 0;
}

static void test_restrict_order(void)
{
    struct fake_handle h[3] = {
        { .ah.restrict_callback = record_restrict, .id = 1 },
        { .ah.restrict_callback = record_restrict, .id = 2 },
        { .ah.restrict_callback = record_restrict, .id = 3 },
    };

    calls = 0;
    CHECK_EQ(xentoolcore_restrict_all(7), 0);
    CHECKF(calls == 0, "%d callbacks with nothing registered", calls);

    for (int i = 0; i < 3; i++)
        xentoolcore__register_active_handle(&h[i].ah);
    BAD_INPUT_VOID(xentoolcore__register_active_handle, "a handle registered already", IGNORED,
                   xentoolcore__register_active_handle(&h[1].ah));
    BAD_INPUT_VOID(xentoolcore__register_active_handle, "NULL handle", IGNORED,
                   xentoolcore__register_active_handle(NULL));
    BAD_INPUT_VOID(xentoolcore__deregister_active_handle, "NULL handle", IGNORED,
                   xentoolcore__deregister_active_handle(NULL));
    CHECK_EQ(xentoolcore_restrict_all(42), 0);
    /* Newest first, every handle once. */
    CHECKF(calls == 3 && call_order[0] == 3 && call_order[1] == 2 && call_order[2] == 1,
           "calls=%d order %d %d %d", calls, call_order[0], call_order[1], call_order[2]);
    CHECK_EQ(seen_domid, 42);

    /* Removing the middle one, then the ends, keeps the list whole. */
    calls = 0;
    xentoolcore__deregister_active_handle(&h[1].ah);
    CHECK_EQ(xentoolcore_restrict_all(1), 0);
    CHECK(calls == 2 && call_order[0] == 3 && call_order[1] == 1);
    BAD_INPUT_VOID(xentoolcore__deregister_active_handle, "a handle deregistered already",
                   IGNORED, xentoolcore__deregister_active_handle(&h[1].ah));
    xentoolcore__deregister_active_handle(&h[2].ah);
    xentoolcore__deregister_active_handle(&h[0].ah);
    calls = 0;
    CHECK_EQ(xentoolcore_restrict_all(1), 0);
    CHECK_EQ(calls, 0);
}

static void test_restrict_failure_stops(void)
{
    struct fake_handle h[3] = {
        { .ah.restrict_callback = record_restrict, .id = 1 },
        { .ah.restrict_callback = record_restrict, .id = 2, .fail_with = EPERM },
        { .ah.restrict_callback = record_restrict, .id = 3 },
    };

    for (int i = 0; i < 3; i++)
        xentoolcore__register_active_handle(&h[i].ah);
    calls = 0;
    errno = 0;
    CHECK_EQ(xentoolcore_restrict_all(5), -1);
    CHECK_EQ(errno, EPERM);
    /* 3 was visited, 2 failed, 1 was never reached. */
    CHECKF(calls == 2 && call_order[0] == 3 && call_order[1] == 2, "calls=%d", calls);
    for (int i = 0; i < 3; i++)
        xentoolcore__deregister_active_handle(&h[i].ah);
}

/* Registry under load: 8 threads open and close handles while another
 * restricts; every callback must land on a live, registered handle. */
#define THREADS 8
#define ROUNDS 20000

static atomic_int live_calls, stale_calls;
static atomic_bool stop_restricting;

static int count_restrict(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    struct fake_handle *h = (struct fake_handle *)ah;

    (void)domid;
    if (atomic_load(&h->registered))
        atomic_fetch_add(&live_calls, 1);
    else
        atomic_fetch_add(&stale_calls, 1);
    return 0;
}

static void *churn(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        struct fake_handle h = { .ah.restrict_callback = count_restrict };

        atomic_store(&h.registered, true);
        xentoolcore__register_active_handle(&h.ah);
        xentoolcore__deregister_active_handle(&h.ah);
        /* A callback that still finds h after this is a registry bug. */
        atomic_store(&h.registered, false);
    }
    return NULL;
}

static void *restrict_loop(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop_restricting))
        xentoolcore_restrict_all(3);
    return NULL;
}

static void test_registry_threads(void)
{
    pthread_t threads[THREADS], restricter;

    pthread_create(&restricter, NULL, restrict_loop, NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, churn, NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    atomic_store(&stop_restricting, true);
    pthread_join(restricter, NULL);

    CHECKF(atomic_load(&stale_calls) == 0, "%d callbacks on deregistered handles",
           atomic_load(&stale_calls));
    calls = 0;
    live_calls = 0;
    CHECK_EQ(xentoolcore_restrict_all(3), 0);
    CHECKF(atomic_load(&live_calls) == 0, "%d handles left registered", atomic_load(&live_calls));
}

static void test_dup2_null(void)
{
    for (int cloexec = 0; cloexec <= 1; cloexec++) {
        int pipe_fds[2];

        if (!CHECK_EQ(pipe2(pipe_fds, cloexec ? O_CLOEXEC : 0), 0))
            return;
        CHECK(!t_is_dev_null(pipe_fds[1]));
        CHECK_EQ(xentoolcore__restrict_by_dup2_null(pipe_fds[1]), 0);
        CHECK(t_is_dev_null(pipe_fds[1]));
        /* Same number, same close-on-exec choice, and writes now fail. */
        CHECK_EQ(!!(fcntl(pipe_fds[1], F_GETFD) & FD_CLOEXEC), cloexec);
        errno = 0;
        CHECK(write(pipe_fds[1], "x", 1) == -1 && errno == EBADF);
        /* The pipe's write end is gone: the reader sees end of file. */
        char byte;
        CHECK_EQ(read(pipe_fds[0], &byte, 1), 0);
        CHECK_EQ(close(pipe_fds[1]), 0);
        close(pipe_fds[0]);
    }

    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    close(fd);
    BAD_INPUT(xentoolcore__restrict_by_dup2_null, "fd that is not open", MINUS1(EBADF),
              xentoolcore__restrict_by_dup2_null(fd));
    BAD_INPUT(xentoolcore__restrict_by_dup2_null, "fd -1", MINUS1(EBADF),
              xentoolcore__restrict_by_dup2_null(-1));
}

/* What the libraries do: a restrict callback that neutralises its fd. */
struct fd_handle {
    Xentoolcore__Active_Handle ah;
    int fd;
};

static int restrict_fd(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    (void)domid;
    return xentoolcore__restrict_by_dup2_null(((struct fd_handle *)ah)->fd);
}

static void test_restrict_all_neutralises_fd(void)
{
    int pipe_fds[2];
    struct fd_handle h = { .ah.restrict_callback = restrict_fd };

    if (!CHECK_EQ(pipe2(pipe_fds, O_CLOEXEC), 0))
        return;
    h.fd = pipe_fds[1];
    xentoolcore__register_active_handle(&h.ah);
    CHECK_EQ(xentoolcore_restrict_all(9), 0);
    CHECK(t_is_dev_null(h.fd));
    xentoolcore__deregister_active_handle(&h.ah);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

int main(void)
{
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    T_CASE(test_restrict_order, "restrict_all order and domid");
    T_CASE(test_restrict_failure_stops, "restrict_all stops at the first failure");
    T_CASE(test_registry_threads, "registry under 8 threads");
    T_CASE(test_dup2_null, "restrict_by_dup2_null");
    T_CASE(test_restrict_all_neutralises_fd, "restrict_all neutralises a handle's fd");
    return t_exit_status();
}
