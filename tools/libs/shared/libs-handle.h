/*
 * What every library whose handle wraps a Xen device shares: the logger
 * the handle reports through, opening and closing its device files, and
 * the unit of Xen's page counts.  Static inline: libs.mk builds a library
 * from its own folder only.
 */
#ifndef LIBS_HANDLE_H
#define LIBS_HANDLE_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

#include <xentoollog.h>

/* Xen counts memory in 4 KiB pages on every architecture it runs on,
 * whatever page size the kernel uses; the APIs' page counts are these. */
#define XENLIBS_PAGE_SHIFT 12
#define XENLIBS_PAGE_SIZE ((size_t)1 << XENLIBS_PAGE_SHIFT)

/* The logger a handle reports through. */
struct xenlibs_logger {
    xentoollog_logger *logger;  /* where messages go; never NULL once set up */
    xentoollog_logger *owned;   /* the default one we created, or NULL */
};

/*
 * Uses the caller's logger, or for NULL a stderr logger of the handle's
 * own showing XTL_PROGRESS and above, the level upstream's libraries use.
 * Returns 0, or -1 with errno set.
 */
static inline int xenlibs_logger_init(struct xenlibs_logger *lg,
                                      xentoollog_logger *given)
{
    lg->owned = NULL;
    lg->logger = given;
    if (given)
        return 0;
    lg->owned = (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
    lg->logger = lg->owned;
    return lg->owned ? 0 : -1;
}

/* Destroys the default logger, if any; errno is left as it was, for error
 * paths.  Safe on a zeroed struct and on one whose init failed. */
static inline void xenlibs_logger_fini(struct xenlibs_logger *lg)
{
    int saved_errno = errno;

    xtl_logger_destroy(lg->owned);
    lg->owned = NULL;
    lg->logger = NULL;
    errno = saved_errno;
}

/*
 * For a call refused before it has a handle (an open with bad arguments):
 * logs to the logger the handle would have had, given, or for NULL a
 * default one made for this message.  Never hands xtl_logv() a NULL
 * logger: upstream's libxentoollog, which a program may load beside this
 * library, does not accept one.  errno is left as it was.
 */
static inline void __attribute__((format(printf, 5, 6)))
xenlibs_log_without_handle(xentoollog_logger *given, xentoollog_level level, int errnoval,
                           const char *context, const char *format, ...)
{
    struct xenlibs_logger lg;
    int saved_errno = errno;
    va_list al;

    if (xenlibs_logger_init(&lg, given) == 0) {
        va_start(al, format);
        xtl_logv(lg.logger, level, errnoval, context, format, al);
        va_end(al);
    }
    xenlibs_logger_fini(&lg);
    errno = saved_errno;
}

/*
 * For an open that has no handle yet: refuses flags outside `known`,
 * logging "FUNCTION: unknown flags 0x..." as the handle would have and
 * setting errno to EINVAL.  Returns true when the flags were refused.
 */
static inline bool xenlibs_refuse_unknown_flags(xentoollog_logger *given, const char *context,
                                                const char *function, unsigned flags,
                                                unsigned known)
{
    if (!(flags & ~known))
        return false;
    xenlibs_log_without_handle(given, XTL_ERROR, EINVAL, context, "%s: unknown flags %#x",
                               function, flags & ~known);
    errno = EINVAL;
    return true;
}

/* open(2), always close-on-exec: a handle's descriptors must not leak into
 * the programs its caller executes. */
static inline int xenlibs_open_cloexec(const char *path, int flags)
{
    return open(path, flags | O_CLOEXEC);
}

/* close(2) for error paths and teardown, where the error worth reporting
 * is the one that got us there.  A negative fd is ignored. */
static inline void xenlibs_close_keep_errno(int fd)
{
    int saved_errno = errno;

    if (fd >= 0)
        close(fd);
    errno = saved_errno;
}

#endif /* LIBS_HANDLE_H */
