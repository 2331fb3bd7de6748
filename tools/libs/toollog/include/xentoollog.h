/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xentoollog.h - message and progress logging for the Xen tool libraries.
 *
 * Library: libxentoollog.so.1 (stable API and ABI).
 *
 * A logger is a small object with three callbacks.  The tool libraries
 * (libxencall, libxenevtchn, ...) report through whatever logger their
 * caller hands them; this library also provides one ready logger that
 * writes to a stdio stream.
 */
#ifndef XENTOOLLOG_H
#define XENTOOLLOG_H

#include <stdarg.h>
#include <stdio.h>

/* Severity of a message, lowest first.  XTL_NONE is a sentinel: messages
 * are never logged at it.  XTL_NUM_LEVELS counts the values. */
typedef enum xentoollog_level {
    XTL_NONE,
    XTL_DEBUG,
    XTL_VERBOSE,
    XTL_DETAIL,
    XTL_PROGRESS,
    XTL_INFO,
    XTL_NOTICE,
    XTL_WARN,
    XTL_ERROR,
    XTL_CRITICAL,
    XTL_NUM_LEVELS
} xentoollog_level;

typedef struct xentoollog_logger xentoollog_logger;

/*
 * A logger.  A logger type embeds this struct as its first member, so that
 * a pointer to the whole logger can be used as a xentoollog_logger *.
 *
 * vmessage: record one message.  errnoval is an errno value to explain, or
 *     negative for none; context names the component ("xc", "xl"...) or is
 *     NULL; format has no level, context or trailing newline.
 * progress: report that doing_what has reached done out of total, percent
 *     being xtl_progress()'s rounding of it.  May be NULL: progress is then
 *     not reported.  A new operation starts with done == 0.
 * destroy: release the logger; called by xtl_logger_destroy().
 */
struct xentoollog_logger {
    void (*vmessage)(struct xentoollog_logger *logger,
                     xentoollog_level level,
                     int errnoval,
                     const char *context,
                     const char *format,
                     va_list al)
        __attribute__((format(printf, 5, 0)));
    void (*progress)(struct xentoollog_logger *logger,
                     const char *context,
                     const char *doing_what,
                     int percent, unsigned long done, unsigned long total);
    void (*destroy)(struct xentoollog_logger *logger);
};

/*
 * The stdio logger.
 *
 * Writes one line per message:
 *     [DATE ][[PID] ][CONTEXT: ]LEVEL: MESSAGE[: strerror(errnoval)]
 * DATE is the local time as "%Y-%m-%d %H:%M:%S %Z".
 *
 * Progress is written either as ordinary messages at level "progress" (a
 * step of 5 percent or more, or a step back) or "detail" (a smaller step),
 * or, in carriage-return mode, as one line redrawn in place, which messages
 * erase before they are written.  Carriage-return mode is chosen when the
 * logger is created: by XTL_STDIOSTREAM_PROGRESS_USE_CR, or when the stream
 * is a terminal unless XTL_STDIOSTREAM_PROGRESS_NO_CR is given.
 */
#define XTL_STDIOSTREAM_SHOW_PID        001u /* prefix messages with [pid] */
#define XTL_STDIOSTREAM_SHOW_DATE       002u /* prefix messages with the date */
#define XTL_STDIOSTREAM_HIDE_PROGRESS   004u /* drop progress reports */
#define XTL_STDIOSTREAM_PROGRESS_USE_CR 010u /* redraw progress with \r */
#define XTL_STDIOSTREAM_PROGRESS_NO_CR  020u /* never redraw, even on a tty */

typedef struct xentoollog_logger_stdiostream xentoollog_logger_stdiostream;

/*
 * xtl_createlogger_stdiostream - make a logger that writes to f.
 *
 * Messages below min_level are dropped.  flags is a set of
 * XTL_STDIOSTREAM_* bits.  Returns the logger (cast it to
 * xentoollog_logger * to log through it), or NULL with errno set: EINVAL
 * when f is NULL or both PROGRESS_USE_CR and PROGRESS_NO_CR are given,
 * ENOMEM when memory runs out (also reported on f).  Destroying the logger
 * does not close f.
 */
xentoollog_logger_stdiostream *xtl_createlogger_stdiostream(
    FILE *f, xentoollog_level min_level, unsigned flags);

/* xtl_stdiostream_set_minlevel - drop messages below min_level from now on. */
void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *lg,
                                  xentoollog_level min_level);

/*
 * xtl_stdiostream_adjust_flags - clear clear_flags, then set set_flags (a
 * flag in both ends up set).  Hiding progress erases a progress line in
 * carriage-return mode.  The carriage-return mode itself stays as chosen
 * at creation.
 */
void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *lg,
                                  unsigned set_flags, unsigned clear_flags);

/* xtl_logger_destroy - destroy any logger through its destroy callback.
 * NULL is accepted and ignored. */
void xtl_logger_destroy(struct xentoollog_logger *logger);

/*
 * xtl_logv, xtl_log - log a message through logger.
 *
 * level is XTL_DEBUG to XTL_CRITICAL; a message at any other level, or to
 * a NULL logger, is dropped.  errnoval is an errno value to explain, or -1.
 * context may be NULL.  format takes no trailing newline.  errno is the
 * same on return as on entry.
 */
void xtl_logv(struct xentoollog_logger *logger,
              xentoollog_level level,
              int errnoval,
              const char *context,
              const char *format,
              va_list al)
    __attribute__((format(printf, 5, 0)));

void xtl_log(struct xentoollog_logger *logger,
             xentoollog_level level,
             int errnoval,
             const char *context,
             const char *format,
             ...)
    __attribute__((format(printf, 5, 6)));

/*
 * xtl_progress - report that doing_what has done `done` units of `total`.
 *
 * The percentage handed to the logger is done * 100 / total rounded down
 * (0 when total is 0; it is not clamped, so done > total gives more than
 * 100).  Ignored when logger is NULL or has no progress callback.  errno
 * is the same on return as on entry.
 */
void xtl_progress(struct xentoollog_logger *logger,
                  const char *context,
                  const char *doing_what,
                  unsigned long done, unsigned long total);

/*
 * xtl_level_to_string - the lower-case name of level ("debug", "warning",
 * ...).  Never NULL: XTL_NONE and values out of range get a "[BUG:...]"
 * placeholder.
 */
const char *xtl_level_to_string(xentoollog_level level);

/*
 * XTL_NEW_LOGGER(NAME, buffer) - for implementers of logger types (a GNU C
 * statement expression).  buffer is a struct xentoollog_logger_NAME whose
 * first member, `vtable`, is a xentoollog_logger.  Fills vtable with
 * NAME_vmessage, NAME_progress and NAME_destroy, then yields a malloc'ed
 * copy of buffer, or NULL after logging the failure through buffer itself.
 * The user needs <stdlib.h> and <errno.h>.  Like the historic macro it ends
 * in a semicolon, so code written for either expands the same way.
 */
#define XTL_NEW_LOGGER(NAME, buffer) ({                                     \
    xentoollog_logger_##NAME *xtl_new_logger_;                              \
                                                                            \
    (buffer).vtable.vmessage = NAME##_vmessage;                             \
    (buffer).vtable.progress = NAME##_progress;                             \
    (buffer).vtable.destroy = NAME##_destroy;                               \
    xtl_new_logger_ = malloc(sizeof(*xtl_new_logger_));                     \
    if (xtl_new_logger_)                                                    \
        *xtl_new_logger_ = (buffer);                                        \
    else                                                                    \
        xtl_log(&(buffer).vtable, XTL_CRITICAL, errno, "xtl",               \
                "cannot allocate memory for a new logger");                 \
    xtl_new_logger_;                                                        \
});

#endif /* XENTOOLLOG_H */
