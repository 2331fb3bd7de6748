/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxentoollog: the logger that writes to a stdio stream. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xentoollog.h>

#include "libs-internal.h"

struct xentoollog_logger_stdiostream {
    xentoollog_logger vtable;   /* first: callers cast us to xentoollog_logger */
    FILE *f;
    xentoollog_level min_level;
    unsigned flags;
    bool progress_in_place;     /* carriage-return mode, fixed at creation */
    int last_percent;
    /* Columns of the progress line last drawn in carriage-return mode. */
    int progress_width;
};

/*
 * Blanks the progress line, leaving the cursor at its start.  The width is
 * deliberately kept: every later message blanks the same width again, as
 * the output of this logger always has, so log scrapers see the same bytes.
 */
static void erase_progress(xentoollog_logger_stdiostream *lg)
{
    if (lg->progress_width > 0)
        fprintf(lg->f, "\r%*s\r", lg->progress_width, "");
}

static void put_date(FILE *f)
{
    char date[64];
    struct tm tm;
    time_t now = time(NULL);

    tzset();
    if (localtime_r(&now, &tm) && strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S %Z ", &tm))
        fputs(date, f);
}

static void stdiostream_vmessage(xentoollog_logger *logger, xentoollog_level level,
                                 int errnoval, const char *context,
                                 const char *format, va_list al)
    __attribute__((format(printf, 5, 0)));

static void stdiostream_vmessage(xentoollog_logger *logger, xentoollog_level level,
                                 int errnoval, const char *context,
                                 const char *format, va_list al)
{
    xentoollog_logger_stdiostream *lg = (xentoollog_logger_stdiostream *)logger;
    FILE *f = lg->f;
    char errbuf[128];

    if (level < lg->min_level)
        return;

    /* One message is one write sequence even if threads share the stream. */
    flockfile(f);
    erase_progress(lg);
    if (lg->flags & XTL_STDIOSTREAM_SHOW_DATE)
        put_date(f);
    if (lg->flags & XTL_STDIOSTREAM_SHOW_PID)
        fprintf(f, "[%lu] ", (unsigned long)getpid());
    if (context)
        fprintf(f, "%s: ", context);
    fprintf(f, "%s: ", xtl_level_to_string(level));
    vfprintf(f, format, al);
    if (errnoval >= 0)
        fprintf(f, ": %s", strerror_r(errnoval, errbuf, sizeof(errbuf)));
    fputc('\n', f);
    fflush(f);
    funlockfile(f);
}

static void stdiostream_message(xentoollog_logger *logger, xentoollog_level level,
                                const char *context, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void stdiostream_message(xentoollog_logger *logger, xentoollog_level level,
                                const char *context, const char *format, ...)
{
    va_list al;

    va_start(al, format);
    stdiostream_vmessage(logger, level, -1, context, format, al);
    va_end(al);
}

static void stdiostream_progress(xentoollog_logger *logger, const char *context,
                                 const char *doing_what, int percent,
                                 unsigned long done, unsigned long total)
{
    xentoollog_logger_stdiostream *lg = (xentoollog_logger_stdiostream *)logger;
    xentoollog_level level;
    int width;

    if (lg->flags & XTL_STDIOSTREAM_HIDE_PROGRESS)
        return;

    /* Small steps forward are detail; a big step or a restart is progress. */
    if (percent == lg->last_percent)
        return;
    if (percent > lg->last_percent && (long long)percent < (long long)lg->last_percent + 5)
        level = XTL_DETAIL;
    else
        level = XTL_PROGRESS;
    if (level < lg->min_level)
        return;
    lg->last_percent = percent;

    if (!lg->progress_in_place) {
        stdiostream_message(logger, level, context, "%s: %lu/%lu  %3d%%",
                            doing_what, done, total, percent);
        return;
    }

    flockfile(lg->f);
    if (lg->progress_width > 0)
        fputc('\r', lg->f);
    /* A finished operation's line is ended; its newline counts in its width. */
    width = fprintf(lg->f, "%s%s%s: %lu/%lu  %3d%%%s",
                    context ? context : "", context ? ": " : "",
                    doing_what, done, total, percent, done == total ? "\n" : "");
    if (width < 0)
        width = 0;
    if (width < lg->progress_width)
        fprintf(lg->f, "%*s\r", lg->progress_width - width, "");
    lg->progress_width = width;
    fflush(lg->f);
    funlockfile(lg->f);
}

static void stdiostream_destroy(xentoollog_logger *logger)
{
    xentoollog_logger_stdiostream *lg = (xentoollog_logger_stdiostream *)logger;

    erase_progress(lg);
    fflush(lg->f);
    free(lg);
}

EXPORT xentoollog_logger_stdiostream *
xtl_createlogger_stdiostream(FILE *f, xentoollog_level min_level, unsigned flags)
{
    xentoollog_logger_stdiostream buffer = {
        .f = f,
        .min_level = min_level,
        .flags = flags,
    };
    int saved_errno = errno;

    if (!f || ((flags & XTL_STDIOSTREAM_PROGRESS_USE_CR) &&
               (flags & XTL_STDIOSTREAM_PROGRESS_NO_CR))) {
        errno = EINVAL;
        return NULL;
    }
    if (flags & XTL_STDIOSTREAM_PROGRESS_USE_CR)
        buffer.progress_in_place = true;
    else if (!(flags & XTL_STDIOSTREAM_PROGRESS_NO_CR))
        buffer.progress_in_place = isatty(fileno(f));
    errno = saved_errno;    /* isatty's ENOTTY is no failure */

    return XTL_NEW_LOGGER(stdiostream, buffer);
}

EXPORT void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *lg,
                                         xentoollog_level min_level)
{
    if (lg)
        lg->min_level = min_level;
}

EXPORT void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *lg,
                                         unsigned set_flags, unsigned clear_flags)
{
    if (!lg)
        return;
    lg->flags = (lg->flags & ~clear_flags) | set_flags;
    if (lg->flags & XTL_STDIOSTREAM_HIDE_PROGRESS) {
        flockfile(lg->f);
        erase_progress(lg);
        fflush(lg->f);
        funlockfile(lg->f);
    }
}
