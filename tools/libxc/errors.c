/* SPDX-License-Identifier: LGPL-2.1-only */
/* Error reporting: the handle's last error, logging, progress. */
#include <string.h>

#include "private.h"

EXPORT const char *xc_error_code_to_desc(int code)
{
    switch (code) {
    case XC_ERROR_NONE:
        return "No error details";
    case XC_INTERNAL_ERROR:
        return "Internal error";
    case XC_INVALID_KERNEL:
        return "Invalid kernel";
    case XC_INVALID_PARAM:
        return "Invalid configuration";
    case XC_OUT_OF_MEMORY:
        return "Out of memory";
    }
    return "Unknown error code";
}

EXPORT const char *xc_strerror(xc_interface *xch, int errcode)
{
    /* One buffer per thread: the answer stays valid until the thread's
     * next call, whoever else shares the handle. */
    static _Thread_local char buf[128];

    (void)xch;
    return strerror_r(errcode, buf, sizeof(buf));
}

EXPORT const xc_error *xc_get_last_error(xc_interface *xch)
{
    return xenlibs_refuse_null_handle(xch) ? NULL : &xch->last_error;
}

EXPORT void xc_clear_last_error(xc_interface *xch)
{
    if (!xch)
        return;
    xch->last_error.code = XC_ERROR_NONE;
    xch->last_error.message[0] = '\0';
}

EXPORT void xc_reportv(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level,
                       int code, const char *fmt, va_list args)
{
    int saved_errno = errno;
    char msg[XC_MAX_ERROR_MSG_LEN];
    size_t len;

    vsnprintf(msg, sizeof(msg), fmt, args);
    /* Messages are lines to the logger; a trailing newline would double. */
    len = strlen(msg);
    if (len && msg[len - 1] == '\n')
        msg[--len] = '\0';
    if (xch && level >= XTL_ERROR) {
        xch->last_error.code = code;
        memset(xch->last_error.message, 0, sizeof(xch->last_error.message));
        memcpy(xch->last_error.message, msg, len);
    }
    if (lg)
        xtl_log(lg, level, -1, "xc", "%s%s%s", msg, code ? ": " : "",
                code ? xc_error_code_to_desc(code) : "");
    errno = saved_errno;
}

EXPORT void xc_report(xc_interface *xch, xentoollog_logger *lg, xentoollog_level level,
                      int code, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    xc_reportv(xch, lg, level, code, fmt, args);
    va_end(args);
}

EXPORT void xc_report_error(xc_interface *xch, int code, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    xc_reportv(xch, xch ? xch->error_log.logger : NULL, XTL_ERROR, code, fmt, args);
    va_end(args);
}

void xc__perror(xc_interface *xch, const char *fmt, ...)
{
    int saved_errno = errno;
    char msg[XC_MAX_ERROR_MSG_LEN];
    va_list args;

    va_start(args, fmt);
    vsnprintf(msg, sizeof(msg), fmt, args);
    va_end(args);
    xc_report_error(xch, XC_INTERNAL_ERROR, "%s (%d = %s)", msg, saved_errno,
                    xc_strerror(xch, saved_errno));
    errno = saved_errno;
}

int xc__invalid(xc_interface *xch, const char *fmt, ...)
{
    char msg[XC_MAX_ERROR_MSG_LEN];
    va_list args;

    va_start(args, fmt);
    vsnprintf(msg, sizeof(msg), fmt, args);
    va_end(args);
    xc_report_error(xch, XC_INVALID_PARAM, "%s", msg);
    errno = EINVAL;
    return -1;
}

EXPORT const char *xc_set_progress_prefix(xc_interface *xch, const char *doing)
{
    const char *before;

    if (!xch)
        return NULL;
    before = xch->currently_progress_reporting;
    xch->currently_progress_reporting = doing;
    return before;
}

/* Upstream asserts on a NULL description; the message is dropped here. */
EXPORT void xc_report_progress_single(xc_interface *xch, const char *doing)
{
    if (xch && doing)
        xtl_progress(xch->error_log.logger, "xc", doing, 0, 0);
}

EXPORT void xc_report_progress_step(xc_interface *xch, unsigned long done, unsigned long total)
{
    if (xch && xch->currently_progress_reporting)
        xtl_progress(xch->error_log.logger, "xc", xch->currently_progress_reporting, done,
                     total);
}
