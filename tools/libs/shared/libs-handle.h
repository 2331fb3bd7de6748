/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * What every library whose handle wraps a Xen device shares: the handle
 * skeleton (open, close, NULL refusal, logging with the library's context,
 * libxentoolcore registration), the logger a handle reports through,
 * opening and closing device files, and the unit of Xen's page counts.
 * Static inline, so that each library carries its own hidden copy and the
 * static archives of several libraries link together without clashes.
 *
 * Logging, the one rule of every library: a failure is logged once, by the
 * layer that knows why.  The OS backend (linux.c) logs what only it knows
 * (which device would not open, a driver's limit, which segment failed);
 * the core logs refused arguments and every other failure, at the level
 * the library's public header states.  A function that logs says so where
 * it is declared.
 */
#ifndef LIBS_HANDLE_H
#define LIBS_HANDLE_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <xentoolcore_internal.h>
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

/* ------------------------------------------------------------ handles */

struct xenlibs_handle;

/*
 * What a library tells the skeleton about one kind of handle.  The
 * library's handle type embeds a struct xenlibs_handle (member `base`,
 * anywhere in it); the skeleton allocates, zeroes and frees the whole.
 */
struct xenlibs_handle_kind {
    const char *context;        /* of every message: "xencall" */
    unsigned known_flags;       /* open flags the library takes */
    size_t size;                /* sizeof the library's handle */
    size_t base_offset;         /* offsetof its struct xenlibs_handle */
    /*
     * Sets up the library's part of a zeroed handle whose logger is ready
     * and which is already registered (but not yet restrictable), opening
     * its devices; arg is the open call's.  Returns 0, or -1 with errno
     * set, having logged why and released what it took.
     */
    int (*open)(struct xenlibs_handle *h, unsigned flags, const void *arg);
    /* Releases what open took; 0, or -1 with errno set.  May be NULL. */
    int (*close)(struct xenlibs_handle *h);
    /* Confines the handle to domid (xentoolcore_restrict_all); 0, or -1
     * with errno set.  Called only on a handle that finished opening. */
    int (*restrict_to)(struct xenlibs_handle *h, domid_t domid);
};

struct xenlibs_handle {
    Xentoolcore__Active_Handle tc_ah;
    struct xenlibs_logger log;
    const struct xenlibs_handle_kind *kind;
    /* Set once open succeeded: until then a restrict fails (EBADF). */
    atomic_bool opened;
};

/* The library's handle of type `type` around base pointer `ptr`. */
#define XENLIBS_HANDLE_OF(ptr, type) ((type *)((char *)(ptr) - offsetof(type, base)))

/* A xenlibs_handle_kind's size and base_offset for the library's type. */
#define XENLIBS_HANDLE_LAYOUT(type) .size = sizeof(type), .base_offset = offsetof(type, base)

static inline void *xenlibs_handle_outer(struct xenlibs_handle *h)
{
    return (char *)h - h->kind->base_offset;
}

static inline int xenlibs_handle_restrict_callback(Xentoolcore__Active_Handle *ah, domid_t domid)
{
    struct xenlibs_handle *h = (struct xenlibs_handle *)((char *)ah -
                                                         offsetof(struct xenlibs_handle, tc_ah));

    /* A restrict racing with the open fails rather than missing the
     * descriptors the open is making. */
    if (!atomic_load(&h->opened)) {
        errno = EBADF;
        return -1;
    }
    return h->kind->restrict_to(h, domid);
}

/*
 * Logs a message of the handle at `level`, in the library's context, with
 * errnoval; errno is left as it was.
 */
static inline void __attribute__((cold, format(printf, 4, 5)))
xenlibs_handle_log(const struct xenlibs_handle *h, xentoollog_level level, int errnoval,
                   const char *format, ...)
{
    int saved_errno = errno;
    va_list al;

    va_start(al, format);
    xtl_logv(h->log.logger, level, errnoval, h->kind->context, format, al);
    va_end(al);
    errno = saved_errno;
}

/* Logs a failure of the handle at XTL_ERROR with the current errno. */
#define xenlibs_handle_error(h, ...) xenlibs_handle_log((h), XTL_ERROR, errno, __VA_ARGS__)

/*
 * The open every handle-based library's open calls are: refuses flags
 * outside kind->known_flags (EINVAL, logged as "FUNCTION: unknown flags"),
 * allocates and zeroes the handle, sets up its logger (the caller's, or
 * for NULL a default one of its own), registers it with libxentoolcore
 * before kind->open makes its descriptors (so that a concurrent
 * xentoolcore_restrict_all() fails with EBADF rather than missing them),
 * and undoes all of it when a step fails.  Returns the library's handle,
 * or NULL with errno set and the reason logged.
 */
static inline void *xenlibs_handle_open(const struct xenlibs_handle_kind *kind,
                                        xentoollog_logger *logger, unsigned flags,
                                        const void *arg, const char *function)
{
    struct xenlibs_handle *h;
    char *outer;

    if (xenlibs_refuse_unknown_flags(logger, kind->context, function, flags, kind->known_flags))
        return NULL;
    outer = calloc(1, kind->size);
    if (!outer) {
        xenlibs_log_without_handle(logger, XTL_ERROR, errno, kind->context,
                                   "cannot allocate a handle");
        return NULL;
    }
    h = (struct xenlibs_handle *)(outer + kind->base_offset);
    h->kind = kind;
    atomic_init(&h->opened, false);
    if (xenlibs_logger_init(&h->log, logger) < 0) {
        free(outer);
        return NULL;
    }
    h->tc_ah.restrict_callback = xenlibs_handle_restrict_callback;
    xentoolcore__register_active_handle(&h->tc_ah);
    if (kind->open(h, flags, arg) < 0) {
        xentoolcore__deregister_active_handle(&h->tc_ah);
        xenlibs_logger_fini(&h->log);
        free(outer);
        return NULL;
    }
    atomic_store(&h->opened, true);
    return outer;
}

/*
 * The close of every library: 0 for NULL; otherwise out of the registry
 * first (a restrict must never meet a closed descriptor), kind->close,
 * the logger, the memory.  Returns kind->close's result.
 */
static inline int xenlibs_handle_close(struct xenlibs_handle *h)
{
    int rc = 0;

    if (!h)
        return 0;
    xentoolcore__deregister_active_handle(&h->tc_ah);
    if (h->kind->close)
        rc = h->kind->close(h);
    xenlibs_logger_fini(&h->log);
    free(xenlibs_handle_outer(h));
    return rc;
}

/* For the calls that take a handle: a NULL one fails with EINVAL (there
 * is no logger to report it to).  Returns true when refused. */
static inline bool xenlibs_refuse_null_handle(const void *handle)
{
    if (handle)
        return false;
    errno = EINVAL;
    return true;
}

#endif /* LIBS_HANDLE_H */
