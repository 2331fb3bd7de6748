/* SPDX-License-Identifier: MIT */
/*
 * benchlib.h - what the benchmark programs share.
 *
 * A benchmark program is run as `PROGRAM lib` (on whichever build of the
 * libraries the dynamic linker finds: bench/measure points it at ours or
 * at upstream's) or `PROGRAM raw` (the kernel interface called directly,
 * for the rows that have such a baseline).  It prints one line per row,
 *     KEY <TAB> DESCRIPTION <TAB> NANOSECONDS-PER-OPERATION
 * and exits 0; anything else on stdout is an error.  bench/run turns the
 * lines of many runs into bench/results.md.
 */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Each row is measured for BENCH_SECONDS, after a tenth of that of
 * warm-up, in BENCH_SAMPLES samples, and reported as its fastest sample:
 * what else runs on the machine can only add time to a sample, so the
 * fastest is the nearest to the operation's own cost.
 */
#define BENCH_SECONDS 0.5
#define BENCH_SAMPLES 10

static inline double bench_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Dies unless `symbol` comes from soname in $XENLIBS_EXPECT_LIBDIR: a
 * figure measured on the wrong library would be worse than none. */
static inline void bench_expect_library(const char *soname, const void *symbol)
{
    const char *want_dir = getenv("XENLIBS_EXPECT_LIBDIR");
    char want[PATH_MAX], got[PATH_MAX];
    Dl_info info;
    size_t len;

    if (!want_dir || !dladdr(symbol, &info) || !info.dli_fname ||
        !realpath(info.dli_fname, got) || !realpath(want_dir, want)) {
        fprintf(stderr, "bench: cannot tell where %s came from (XENLIBS_EXPECT_LIBDIR set?)\n",
                soname);
        exit(2);
    }
    len = strlen(want);
    if (strncmp(got, want, len) != 0 || got[len] != '/' ||
        strncmp(got + len + 1, soname, strlen(soname)) != 0) {
        fprintf(stderr, "bench: %s came from %s, not from %s\n", soname, got, want);
        exit(2);
    }
}

/* Runs op(arg) over and over for seconds, after a tenth of that of
 * warm-up, in samples samples; returns ns per call of the fastest. */
static inline double bench_loop_for(void (*op)(void *), void *arg, double seconds, int samples)
{
    double start = bench_now_ns(), end, best = 0;

    while (bench_now_ns() < start + seconds / 10 * 1e9)
        op(arg);
    for (int sample = 0; sample < samples; sample++) {
        unsigned long n = 0;

        start = bench_now_ns();
        do {
            /* The clock costs about as much as a cached allocation: read
             * it once per batch. */
            for (int i = 0; i < 16; i++)
                op(arg);
            n += 16;
            end = bench_now_ns();
        } while (end < start + seconds / samples * 1e9);
        if (sample == 0 || (end - start) / n < best)
            best = (end - start) / n;
    }
    return best;
}

/* The same for BENCH_SECONDS in BENCH_SAMPLES samples. */
static inline double bench_loop(void (*op)(void *), void *arg)
{
    return bench_loop_for(op, arg, BENCH_SECONDS, BENCH_SAMPLES);
}

struct bench_thread {
    void (*op)(void *);
    void *arg;
    atomic_ulong done;
    atomic_bool *stop;
};

static inline void *bench_thread_main(void *p)
{
    struct bench_thread *t = p;
    unsigned long done = 0;

    /* Only this thread writes done: a plain store publishes it, cheaper
     * than an atomic add, and each call counts even when calls are slow. */
    while (!atomic_load_explicit(t->stop, memory_order_relaxed)) {
        t->op(t->arg);
        atomic_store_explicit(&t->done, ++done, memory_order_relaxed);
    }
    return NULL;
}

static inline unsigned long bench_threads_done(struct bench_thread *t, int nthreads)
{
    unsigned long n = 0;

    for (int i = 0; i < nthreads; i++)
        n += atomic_load_explicit(&t[i].done, memory_order_relaxed);
    return n;
}

static inline void bench_sleep(double seconds)
{
    struct timespec ts = { .tv_sec = (time_t)seconds,
                           .tv_nsec = (long)((seconds - (time_t)seconds) * 1e9) };

    while (nanosleep(&ts, &ts) != 0)
        ;
}

/*
 * Runs op(arg) over and over in nthreads threads at once; returns the
 * wall-clock ns per call of all of them, the inverse of their combined
 * rate (samples and warm-up as for bench_loop).
 */
static inline double bench_threads(int nthreads, void (*op)(void *), void *arg)
{
    struct bench_thread t[nthreads];
    pthread_t id[nthreads];
    atomic_bool stop = false;
    unsigned long n0, n1;
    double t0, t1, best = 0;

    for (int i = 0; i < nthreads; i++) {
        t[i].op = op;
        t[i].arg = arg;
        atomic_init(&t[i].done, 0);
        t[i].stop = &stop;
        if (pthread_create(&id[i], NULL, bench_thread_main, &t[i]) != 0) {
            fprintf(stderr, "bench: cannot create a thread\n");
            exit(2);
        }
    }
    bench_sleep(BENCH_SECONDS / 10);
    for (int sample = 0; sample < BENCH_SAMPLES; sample++) {
        n0 = bench_threads_done(t, nthreads);
        t0 = bench_now_ns();
        /* Slow calls: wait for a few of each thread's, for a figure at all. */
        do {
            bench_sleep(BENCH_SECONDS / BENCH_SAMPLES / 5);
            n1 = bench_threads_done(t, nthreads);
            t1 = bench_now_ns();
        } while (t1 - t0 < BENCH_SECONDS / BENCH_SAMPLES * 1e9 ||
                 n1 - n0 < 4 * (unsigned long)nthreads);
        if (sample == 0 || (t1 - t0) / (n1 - n0) < best)
            best = (t1 - t0) / (n1 - n0);
    }
    atomic_store(&stop, true);
    for (int i = 0; i < nthreads; i++)
        pthread_join(id[i], NULL);
    return best;
}

static inline void bench_row(const char *key, const char *description, double ns)
{
    printf("%s\t%s\t%.1f\n", key, description, ns);
    fflush(stdout);
}

/* Which implementation a program runs on, from its one argument. */
static inline bool bench_raw_mode(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "lib") != 0 && strcmp(argv[1], "raw") != 0)) {
        fprintf(stderr, "usage: %s lib|raw\n", argc ? argv[0] : "bench");
        exit(2);
    }
    return strcmp(argv[1], "raw") == 0;
}

#endif /* BENCHLIB_H */
