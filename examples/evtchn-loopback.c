/* SPDX-License-Identifier: MIT */
/*
 * evtchn-loopback: connects two ports of this domain into a loopback event
 * channel through libxenevtchn, then bounces an event between them and
 * prints how long a round trip takes: notify one end, wait in poll() for
 * the other end's event, take it with xenevtchn_pending(), unmask it.
 *
 * Usage: evtchn-loopback [ROUND-TRIPS]   (default 2000)
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <xenevtchn.h>
#include <xentoollog.h>

static xentoollog_logger *logger;

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The next event's port, after waiting up to 5 s for one; -1 if none. */
static int next_event(xenevtchn_handle *xce)
{
    struct pollfd p = { .fd = xenevtchn_fd(xce), .events = POLLIN };

    if (poll(&p, 1, 5000) != 1)
        return -1;
    return xenevtchn_pending(xce);
}

/* One event from `from` to `to`; its latency in us, or -1. */
static double round_trip(xenevtchn_handle *xce, int from, int to)
{
    double start = now_us();

    if (xenevtchn_notify(xce, (evtchn_port_t)from) < 0 || next_event(xce) != to ||
        xenevtchn_unmask(xce, (evtchn_port_t)to) < 0)
        return -1;
    return now_us() - start;
}

static int run(xenevtchn_handle *xce, int trips)
{
    double *us = calloc((size_t)trips, sizeof(*us)), total = 0;
    int a, b, port;

    if (!us)
        return 1;
    /* a waits for this domain (0: dom0) to connect; b does. */
    a = xenevtchn_bind_unbound_port(xce, 0);
    b = a < 0 ? -1 : xenevtchn_bind_interdomain(xce, 0, (evtchn_port_t)a);
    if (b < 0) {
        xtl_log(logger, XTL_ERROR, errno, "evtchn-loopback", "cannot set up the channel");
        free(us);
        return 1;
    }
    printf("loopback event channel: port %d <-> port %d\n", a, b);
    /* Xen raises a newly connected port once: take that event first. */
    while ((port = next_event(xce)) >= 0 && port != b)
        xenevtchn_unmask(xce, (evtchn_port_t)port);
    xenevtchn_unmask(xce, (evtchn_port_t)b);

    for (int i = 0; i < trips; i++) {
        /* Both directions, alternately. */
        us[i] = i % 2 ? round_trip(xce, b, a) : round_trip(xce, a, b);
        if (us[i] < 0) {
            xtl_log(logger, XTL_ERROR, errno, "evtchn-loopback", "round trip %d got lost", i);
            free(us);
            return 1;
        }
        total += us[i];
    }
    qsort(us, (size_t)trips, sizeof(*us), compare);
    printf("%d round trips (notify, poll, pending, unmask):\n", trips);
    /* No minimum: under Xen a vCPU's clock may be held back to keep time
     * monotonic across vCPUs, which makes a rare trip look instant. */
    printf("  median %.1f us, mean %.1f us, 99th percentile %.1f us, max %.1f us\n",
           us[trips / 2], total / trips, us[trips - 1 - trips / 100], us[trips - 1]);
    xenevtchn_unbind(xce, (evtchn_port_t)a);
    xenevtchn_unbind(xce, (evtchn_port_t)b);
    free(us);
    return 0;
}

int main(int argc, char **argv)
{
    int trips = argc > 1 ? atoi(argv[1]) : 2000, rc;
    xenevtchn_handle *xce;

    logger = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_INFO, 0);
    if (trips < 1) {
        fprintf(stderr, "usage: %s [ROUND-TRIPS]\n", argv[0]);
        return 2;
    }
    xce = xenevtchn_open(logger, 0);
    if (!xce) {
        xtl_log(logger, XTL_ERROR, -1, "evtchn-loopback",
                "no event channel driver, or no right to it (root in a Xen domain?)");
        xtl_logger_destroy(logger);
        return 1;
    }
    rc = run(xce, trips);
    xenevtchn_close(xce);
    xtl_logger_destroy(logger);
    return rc;
}
