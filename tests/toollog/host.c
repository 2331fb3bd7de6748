/* SPDX-License-Identifier: MIT */
/* Host tests of libxentoollog: level filtering, flags, progress, odd input. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xentoollog.h>

#include "testlib.h"

/* A stdio logger writing into memory, read back as one string. */
struct capture {
    char *buf;
    size_t len;
    FILE *f;
    xentoollog_logger_stdiostream *lg;
};

static xentoollog_logger *cap_open(struct capture *c, xentoollog_level min, unsigned flags)
{
    memset(c, 0, sizeof(*c));
    c->f = open_memstream(&c->buf, &c->len);
    c->lg = xtl_createlogger_stdiostream(c->f, min, flags);
    CHECK_NE(c->lg, NULL);
    return (xentoollog_logger *)c->lg;
}

static const char *cap_text(struct capture *c)
{
    fflush(c->f);
    return c->buf ? c->buf : "";
}

/* Destroys the logger, then checks everything it wrote. */
static void cap_close_expect(struct capture *c, const char *want)
{
    xtl_logger_destroy((xentoollog_logger *)c->lg);
    fclose(c->f);
    CHECKF(strcmp(c->buf, want) == 0, "wrote \"%s\", want \"%s\"", c->buf, want);
    free(c->buf);
}

static void test_level_names(void)
{
    static const char *const want[XTL_NUM_LEVELS] = {
        "[BUG:XTL_NONE]", "debug", "verbose", "detail", "progress",
        "info", "notice", "warning", "error", "critical",
    };

    for (int l = 0; l < XTL_NUM_LEVELS; l++)
        CHECKF(strcmp(xtl_level_to_string(l), want[l]) == 0, "level %d is %s", l,
               xtl_level_to_string(l));
    BAD_INPUT(xtl_level_to_string, "XTL_NUM_LEVELS", RETURNS_TEXT("[BUG:"),
              xtl_level_to_string(XTL_NUM_LEVELS));
    BAD_INPUT(xtl_level_to_string, "level -1", RETURNS_TEXT("[BUG:"),
              xtl_level_to_string((xentoollog_level)-1));
    BAD_INPUT(xtl_level_to_string, "level 1000", RETURNS_TEXT("[BUG:"),
              xtl_level_to_string((xentoollog_level)1000));
}

static void test_message_format(void)
{
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_DEBUG, 0);

    xtl_log(l, XTL_ERROR, -1, "ctx", "hello %d", 42);
    xtl_log(l, XTL_WARN, ENOENT, "ctx", "open %s", "x");
    xtl_log(l, XTL_INFO, 0, NULL, "no context");
    xtl_log(l, XTL_DEBUG, -7, "", "empty context");
    xtl_log(l, XTL_CRITICAL, 99999, "c", "odd errno");
    cap_close_expect(&c, "ctx: error: hello 42\n"
                         "ctx: warning: open x: No such file or directory\n"
                         "info: no context: Success\n"
                         ": debug: empty context\n"
                         "c: critical: odd errno: Unknown error 99999\n");
}

static void test_level_filtering(void)
{
    for (int min = XTL_DEBUG; min < XTL_NUM_LEVELS; min++) {
        struct capture c;
        xentoollog_logger *l = cap_open(&c, min, 0);
        char want[512] = "";

        for (int lvl = XTL_DEBUG; lvl < XTL_NUM_LEVELS; lvl++) {
            xtl_log(l, lvl, -1, NULL, "m%d", lvl);
            if (lvl >= min)
                snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s: m%d\n",
                         xtl_level_to_string(lvl), lvl);
        }
        cap_close_expect(&c, want);
    }

    /* set_minlevel takes effect for the next message, both ways. */
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_ERROR, 0);
    xtl_log(l, XTL_INFO, -1, NULL, "dropped");
    xtl_stdiostream_set_minlevel(c.lg, XTL_INFO);
    xtl_log(l, XTL_INFO, -1, NULL, "kept");
    xtl_stdiostream_set_minlevel(c.lg, XTL_CRITICAL);
    xtl_log(l, XTL_ERROR, -1, NULL, "dropped again");
    cap_close_expect(&c, "info: kept\n");
}

static void test_show_pid(void)
{
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_DEBUG, XTL_STDIOSTREAM_SHOW_PID);
    char want[64];

    xtl_log(l, XTL_INFO, -1, "c", "m");
    snprintf(want, sizeof(want), "[%lu] c: info: m\n", (unsigned long)getpid());
    cap_close_expect(&c, want);
}

static void format_date(time_t t, char *buf, size_t size)
{
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M:%S %Z", &tm);
}

static void test_show_date(void)
{
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_DEBUG, XTL_STDIOSTREAM_SHOW_DATE | XTL_STDIOSTREAM_SHOW_PID);
    char before[64], after[64], want1[160], want2[160];
    time_t t0 = time(NULL);

    xtl_log(l, XTL_INFO, -1, "c", "m");
    format_date(t0, before, sizeof(before));
    format_date(time(NULL), after, sizeof(after));
    snprintf(want1, sizeof(want1), "%s [%lu] c: info: m\n", before, (unsigned long)getpid());
    snprintf(want2, sizeof(want2), "%s [%lu] c: info: m\n", after, (unsigned long)getpid());
    /* The clock may have ticked over between the two dates. */
    cap_close_expect(&c, strcmp(cap_text(&c), want2) == 0 ? want2 : want1);
}

static void test_progress_lines(void)
{
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_DEBUG, 0);

    xtl_progress(l, "ctx", "copy", 0, 100);   /* same as the start: silent */
    xtl_progress(l, "ctx", "copy", 3, 100);   /* small step: detail */
    xtl_progress(l, "ctx", "copy", 3, 100);   /* no change: silent */
    xtl_progress(l, "ctx", "copy", 50, 100);  /* big step: progress */
    xtl_progress(l, "ctx", "copy", 49, 100);  /* back: progress */
    xtl_progress(l, NULL, "copy", 100, 100);
    xtl_progress(l, NULL, "copy", 250, 100);  /* not clamped */
    xtl_stdiostream_set_minlevel(c.lg, XTL_PROGRESS);
    xtl_progress(l, NULL, "copy", 251, 100);  /* detail, filtered */
    xtl_stdiostream_adjust_flags(c.lg, XTL_STDIOSTREAM_HIDE_PROGRESS, 0);
    xtl_progress(l, NULL, "hidden", 0, 10);
    xtl_stdiostream_adjust_flags(c.lg, 0, XTL_STDIOSTREAM_HIDE_PROGRESS);
    xtl_progress(l, NULL, "again", 0, 10);
    cap_close_expect(&c, "ctx: detail: copy: 3/100    3%\n"
                         "ctx: progress: copy: 50/100   50%\n"
                         "ctx: progress: copy: 49/100   49%\n"
                         "progress: copy: 100/100  100%\n"
                         "progress: copy: 250/100  250%\n"
                         "progress: again: 0/10    0%\n");
}

static void test_progress_in_place(void)
{
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_DEBUG, XTL_STDIOSTREAM_PROGRESS_USE_CR);

    xtl_progress(l, "c", "a-long-name", 20, 100);
    xtl_progress(l, "c", "s", 30, 100);       /* shorter: padded, back to col 0 */
    xtl_progress(l, "c", "s", 100, 100);      /* finished: newline */
    xtl_log(l, XTL_ERROR, -1, "c", "msg");    /* erases what was drawn */
    xtl_log(l, XTL_DEBUG, -1, "c", "again");  /* erases again, same width */
    xtl_stdiostream_adjust_flags(c.lg, XTL_STDIOSTREAM_SHOW_PID, 0);
    xtl_stdiostream_adjust_flags(c.lg, XTL_STDIOSTREAM_HIDE_PROGRESS, XTL_STDIOSTREAM_SHOW_PID);
    cap_close_expect(&c, "c: a-long-name: 20/100   20%"
                         "\rc: s: 30/100   30%          \r"
                         "\rc: s: 100/100  100%\n"
                         "\r                    \rc: error: msg\n"
                         "\r                    \rc: debug: again\n"
                         "\r                    \r"    /* hiding progress */
                         "\r                    \r");  /* destroy */
}

static void test_bad_create_arguments(void)
{
    BAD_INPUT(xtl_createlogger_stdiostream, "contradicting flags (USE_CR and NO_CR)",
              NULLPTR(EINVAL),
              xtl_createlogger_stdiostream(stderr, XTL_DEBUG,
                                           XTL_STDIOSTREAM_PROGRESS_USE_CR |
                                               XTL_STDIOSTREAM_PROGRESS_NO_CR));
    BAD_INPUT(xtl_createlogger_stdiostream, "NULL stream", NULLPTR(EINVAL),
              xtl_createlogger_stdiostream(NULL, XTL_DEBUG, 0));
}

/* On a terminal the default is carriage-return mode; NO_CR turns it off. */
static void test_terminal_default(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    char buf[256];

    if (!CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0))
        return;
    for (int no_cr = 0; no_cr <= 1; no_cr++) {
        FILE *tty = fopen(ptsname(master), "w");
        xentoollog_logger_stdiostream *lg;

        if (!CHECK_NE(tty, NULL))
            break;
        lg = xtl_createlogger_stdiostream(tty, XTL_DEBUG,
                                          no_cr ? XTL_STDIOSTREAM_PROGRESS_NO_CR : 0);
        xtl_progress((xentoollog_logger *)lg, NULL, "t", 10, 100);
        xtl_logger_destroy((xentoollog_logger *)lg);
        fclose(tty);
        t_drain(master, buf, sizeof(buf));
        /* The terminal turns \n into \r\n. */
        CHECKF(strcmp(buf, no_cr ? "progress: t: 10/100   10%\r\n"
                                 : "t: 10/100   10%\r               \r") == 0,
               "no_cr=%d: terminal got \"%s\"", no_cr, buf);
    }
    close(master);
}

/* A logger recording what xtl_* hands to its callbacks. */
struct recorder {
    xentoollog_logger vtable;
    int messages, last_percent, progress_calls;
    xentoollog_level last_level;
};

static void recorder_vmessage(xentoollog_logger *l, xentoollog_level level, int errnoval,
                              const char *context, const char *format, va_list al)
{
    struct recorder *r = (struct recorder *)l;

    (void)errnoval; (void)context; (void)format; (void)al;
    r->messages++;
    r->last_level = level;
    errno = EIO;    /* a callback clobbering errno must not leak to the caller */
}

static void recorder_progress(xentoollog_logger *l, const char *context, const char *doing_what,
                              int percent, unsigned long done, unsigned long total)
{
    struct recorder *r = (struct recorder *)l;

    (void)context; (void)doing_what; (void)done; (void)total;
    r->progress_calls++;
    r->last_percent = percent;
    errno = EIO;
}

static void test_progress_percent(void)
{
    static const struct { unsigned long done, total; int percent; } cases[] = {
        { 0, 0, 0 }, { 5, 0, 0 }, { 1, 3, 33 }, { 2, 3, 66 }, { 999, 1000, 99 },
        { 5, 4, 125 }, { 100, 100, 100 },
        { ULONG_MAX / 100 - 2, ULONG_MAX / 100 - 1, 99 },
        { ULONG_MAX / 100 - 1, ULONG_MAX / 100 - 1, 100 },
        { ULONG_MAX / 100, ULONG_MAX / 100, 99 },
        { ULONG_MAX / 2, ULONG_MAX - 99, 50 },
        /* Totals this near ULONG_MAX once overflowed into a division by 0;
         * the rounded-up hundredth makes a whole one come out as 99%. */
        { ULONG_MAX / 2, ULONG_MAX - 98, 50 },
        { ULONG_MAX / 2, ULONG_MAX, 49 },
        { ULONG_MAX, ULONG_MAX, 99 },
        { 0, ULONG_MAX, 0 },
    };
    struct recorder r = { { recorder_vmessage, recorder_progress, NULL }, 0, 0, 0, 0 };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        errno = ENOENT;
        xtl_progress(&r.vtable, "c", "d", cases[i].done, cases[i].total);
        CHECKF(r.last_percent == cases[i].percent, "%lu/%lu gave %d%%, want %d%%",
               cases[i].done, cases[i].total, r.last_percent, cases[i].percent);
        CHECK_EQ(errno, ENOENT);
    }
    CHECK_EQ(r.progress_calls, (int)(sizeof(cases) / sizeof(cases[0])));
}

static void __attribute__((format(printf, 5, 6)))
logv_through(xentoollog_logger *l, xentoollog_level level, int errnoval, const char *context,
             const char *fmt, ...)
{
    va_list al;

    va_start(al, fmt);
    xtl_logv(l, level, errnoval, context, fmt, al);
    va_end(al);
}

static void test_odd_arguments(void)
{
    struct recorder r = { { recorder_vmessage, NULL, NULL }, 0, 0, 0, 0 };

    BAD_INPUT_VOID(xtl_log, "NULL logger", IGNORED, xtl_log(NULL, XTL_ERROR, -1, "c", "x"));
    BAD_INPUT_VOID(xtl_logv, "NULL logger", IGNORED,
                   logv_through(NULL, XTL_ERROR, -1, "c", "x"));
    BAD_INPUT_VOID(xtl_progress, "NULL logger", IGNORED, xtl_progress(NULL, "c", "d", 1, 2));
    BAD_INPUT_VOID(xtl_logger_destroy, "NULL logger", IGNORED, xtl_logger_destroy(NULL));
    BAD_INPUT_VOID(xtl_stdiostream_set_minlevel, "NULL logger", IGNORED,
                   xtl_stdiostream_set_minlevel(NULL, XTL_DEBUG));
    BAD_INPUT_VOID(xtl_stdiostream_adjust_flags, "NULL logger", IGNORED,
                   xtl_stdiostream_adjust_flags(NULL, 1, 0));
    BAD_INPUT_VOID(xtl_progress, "a logger without a progress callback", IGNORED,
                   xtl_progress(&r.vtable, "c", "no progress callback", 1, 2));
    BAD_INPUT_VOID(xtl_logger_destroy, "a logger without a destroy callback", IGNORED,
                   xtl_logger_destroy(&r.vtable));

    errno = ENOENT;
    xtl_log(&r.vtable, XTL_ERROR, -1, "c", "m");
    CHECK(r.messages == 1 && r.last_level == XTL_ERROR);
    CHECK_EQ(errno, ENOENT);
    BAD_INPUT_VOID(xtl_log, "level XTL_NONE", IGNORED,
                   xtl_log(&r.vtable, XTL_NONE, -1, "c", "sentinel level"));
    BAD_INPUT_VOID(xtl_log, "level XTL_NUM_LEVELS", IGNORED,
                   xtl_log(&r.vtable, XTL_NUM_LEVELS, -1, "c", "out of range"));
    BAD_INPUT_VOID(xtl_logv, "negative level", IGNORED,
                   logv_through(&r.vtable, (xentoollog_level)-3, -1, "c", "negative"));
    CHECK_EQ(r.messages, 1);
}

/* XTL_NEW_LOGGER as a logger implementer uses it. */
typedef struct {
    xentoollog_logger vtable;
    int *destroyed;
} xentoollog_logger_counting;

static void counting_vmessage(xentoollog_logger *l, xentoollog_level level, int errnoval,
                              const char *context, const char *format, va_list al)
{
    (void)l; (void)level; (void)errnoval; (void)context; (void)format; (void)al;
}

static void counting_progress(xentoollog_logger *l, const char *context, const char *doing_what,
                              int percent, unsigned long done, unsigned long total)
{
    (void)l; (void)context; (void)doing_what; (void)percent; (void)done; (void)total;
}

static void counting_destroy(xentoollog_logger *l)
{
    xentoollog_logger_counting *self = (xentoollog_logger_counting *)l;

    (*self->destroyed)++;
    free(self);
}

static void test_new_logger_macro(void)
{
    int destroyed = 0;
    xentoollog_logger_counting buffer = { .destroyed = &destroyed };
    xentoollog_logger_counting *lg = XTL_NEW_LOGGER(counting, buffer);

    if (!CHECK_NE(lg, NULL))
        return;
    CHECK(lg->vtable.vmessage == counting_vmessage);
    CHECK(lg->vtable.progress == counting_progress);
    CHECK(lg->destroyed == &destroyed);
    xtl_logger_destroy(&lg->vtable);
    CHECK_EQ(destroyed, 1);
}

/* Threads sharing one logger never interleave inside a line. */
#define THREADS 8
#define LINES_PER_THREAD 10000

static void *log_lines(void *arg)
{
    xentoollog_logger *l = arg;

    for (int i = 0; i < LINES_PER_THREAD; i++)
        xtl_log(l, XTL_INFO, EAGAIN, "thread", "line %d of a message long enough to tear", i);
    return NULL;
}

static void test_threads_share_logger(void)
{
    static const char line_tail[] = " of a message long enough to tear: Resource temporarily unavailable";
    struct capture c;
    xentoollog_logger *l = cap_open(&c, XTL_DEBUG, 0);
    pthread_t threads[THREADS];
    int lines = 0, good = 0;

    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, log_lines, l);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    xtl_logger_destroy(l);
    fclose(c.f);
    for (char *line = strtok(c.buf, "\n"); line; line = strtok(NULL, "\n")) {
        int n, end = 0;

        lines++;
        if (sscanf(line, "thread: info: line %d%n", &n, &end) == 1 &&
            strcmp(line + end, line_tail) == 0)
            good++;
    }
    CHECKF(lines == THREADS * LINES_PER_THREAD && good == lines, "%d lines, %d intact", lines, good);
    free(c.buf);
}

int main(void)
{
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    T_CASE(test_level_names, "level names");
    T_CASE(test_message_format, "message format");
    T_CASE(test_level_filtering, "level filtering");
    T_CASE(test_show_pid, "flag SHOW_PID");
    T_CASE(test_show_date, "flag SHOW_DATE");
    T_CASE(test_progress_lines, "progress as messages, HIDE_PROGRESS");
    T_CASE(test_progress_in_place, "progress redrawn in place (PROGRESS_USE_CR)");
    T_CASE(test_terminal_default, "terminal default and PROGRESS_NO_CR");
    T_CASE(test_bad_create_arguments, "bad create arguments");
    T_CASE(test_progress_percent, "progress percentages incl. ULONG_MAX totals");
    T_CASE(test_odd_arguments, "NULL and out-of-range arguments");
    T_CASE(test_new_logger_macro, "XTL_NEW_LOGGER");
    T_CASE(test_threads_share_logger, "8 threads on one logger");
    return t_exit_status();
}
