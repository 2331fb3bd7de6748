/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxentoollog: the logger-independent entry points. */
#include <errno.h>
#include <limits.h>

#include <xentoollog.h>

#include "libs-internal.h"

static const char *const level_names[XTL_NUM_LEVELS] = {
    [XTL_NONE] = "[BUG:XTL_NONE]",
    [XTL_DEBUG] = "debug",
    [XTL_VERBOSE] = "verbose",
    [XTL_DETAIL] = "detail",
    [XTL_PROGRESS] = "progress",
    [XTL_INFO] = "info",
    [XTL_NOTICE] = "notice",
    [XTL_WARN] = "warning",
    [XTL_ERROR] = "error",
    [XTL_CRITICAL] = "critical",
};

EXPORT const char *xtl_level_to_string(xentoollog_level level)
{
    /* The enum's signedness is the compiler's choice: compare as unsigned. */
    if ((unsigned)level >= XTL_NUM_LEVELS)
        return "[BUG:level out of range]";
    return level_names[level];
}

EXPORT void xtl_logv(struct xentoollog_logger *logger, xentoollog_level level,
                     int errnoval, const char *context, const char *format,
                     va_list al)
{
    int saved_errno = errno;

    if (logger && logger->vmessage && level > XTL_NONE && level < XTL_NUM_LEVELS)
        logger->vmessage(logger, level, errnoval, context, format, al);
    errno = saved_errno;
}

EXPORT void xtl_log(struct xentoollog_logger *logger, xentoollog_level level,
                    int errnoval, const char *context, const char *format, ...)
{
    va_list al;

    va_start(al, format);
    xtl_logv(logger, level, errnoval, context, format, al);
    va_end(al);
}

/*
 * done * 100 / total, rounded down.  For totals whose hundredfold would not
 * fit, done is divided by total / 100 rounded up instead: log readers have
 * long seen exactly these figures, so the rounding stays as it is.
 */
static int progress_percent(unsigned long done, unsigned long total)
{
    unsigned long hundredth;

    if (total == 0)
        return 0;
    if (total < ULONG_MAX / 100)
        return (int)(done * 100 / total);
    hundredth = total / 100 + (total % 100 != 0);
    return (int)(done / hundredth);
}

EXPORT void xtl_progress(struct xentoollog_logger *logger, const char *context,
                         const char *doing_what, unsigned long done,
                         unsigned long total)
{
    int saved_errno = errno;

    if (logger && logger->progress)
        logger->progress(logger, context, doing_what,
                         progress_percent(done, total), done, total);
    errno = saved_errno;
}

EXPORT void xtl_logger_destroy(struct xentoollog_logger *logger)
{
    if (logger && logger->destroy)
        logger->destroy(logger);
}
