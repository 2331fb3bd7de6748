/* SPDX-License-Identifier: MIT */
/*
 * Drives the stdio logger through every flag, level and progress path that
 * upstream's library also survives, writing what the logger produced to
 * stdout.  tests/compare-toollog runs it on upstream's library and on ours
 * and requires the same bytes.  Which library was loaded goes to stderr.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xentoollog.h>

#include "testlib.h"

static void session(FILE *f, xentoollog_level min, unsigned flags)
{
    xentoollog_logger_stdiostream *lg = xtl_createlogger_stdiostream(f, min, flags);
    xentoollog_logger *l = (xentoollog_logger *)lg;
    static const unsigned long steps[] = { 0, 1, 3, 6, 6, 50, 49, 55, 56, 61, 100, 100, 7, 250 };

    fprintf(f, "--- min=%d flags=%#o\n", min, flags);
    for (int level = XTL_DEBUG; level < XTL_NUM_LEVELS; level++)
        xtl_log(l, level, level == XTL_ERROR ? ENOENT : -1, level % 2 ? "ctx" : NULL,
                "level %d says %s", level, xtl_level_to_string(level));
    xtl_log(l, XTL_WARN, 0, "", "errno zero");
    xtl_log(l, XTL_WARN, 12345, "c", "unknown errno");
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        xtl_progress(l, "ctx", "copying", steps[i], 100);
    xtl_log(l, XTL_ERROR, -1, "ctx", "after progress");
    xtl_progress(l, NULL, "a much longer operation name", 20, 1000);
    xtl_progress(l, "c", "short", 300, 1000);
    xtl_progress(l, "c", "short", 1000, 1000);
    xtl_progress(l, "c", "x", 5, 10);
    xtl_progress(l, "c", "x", 0, 0);
    xtl_progress(l, "c", "big", 1UL << 40, 1UL << 41);
    xtl_stdiostream_set_minlevel(lg, XTL_INFO);
    xtl_progress(l, "c", "filtered", 60, 100);
    xtl_log(l, XTL_DETAIL, -1, "c", "filtered");
    xtl_log(l, XTL_NOTICE, -1, "c", "kept");
    xtl_stdiostream_set_minlevel(lg, min);
    xtl_stdiostream_adjust_flags(lg, XTL_STDIOSTREAM_HIDE_PROGRESS, 0);
    xtl_progress(l, "c", "hidden", 10, 100);
    xtl_log(l, XTL_ERROR, -1, "c", "hidden progress");
    xtl_stdiostream_adjust_flags(lg, XTL_STDIOSTREAM_SHOW_PID, XTL_STDIOSTREAM_HIDE_PROGRESS);
    xtl_progress(l, "c", "shown", 90, 100);
    xtl_log(l, XTL_ERROR, -1, "c", "with pid");
    xtl_stdiostream_adjust_flags(lg, XTL_STDIOSTREAM_SHOW_DATE,
                                 XTL_STDIOSTREAM_SHOW_PID | XTL_STDIOSTREAM_SHOW_DATE);
    xtl_log(l, XTL_ERROR, -1, "c", "set wins over clear");
    xtl_progress(l, "c", "shown", 30, 100);
    xtl_logger_destroy(l);
    fflush(f);
}

/* The logger on a terminal: prints the bytes the terminal received. */
static void on_terminal(unsigned flags)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    char buf[8192];
    FILE *tty;

    if (master < 0 || grantpt(master) || unlockpt(master) ||
        !(tty = fopen(ptsname(master), "w"))) {
        perror("pty");
        exit(2);
    }
    printf("--- terminal flags=%#o\n", flags);
    fflush(stdout);
    /* The pty buffer (4 KiB at least) holds one short session. */
    xentoollog_logger_stdiostream *lg = xtl_createlogger_stdiostream(tty, XTL_DEBUG, flags);
    xentoollog_logger *l = (xentoollog_logger *)lg;
    xtl_progress(l, "c", "t", 10, 100);
    xtl_progress(l, "c", "t", 12, 100);
    xtl_log(l, XTL_INFO, -1, "c", "message");
    xtl_progress(l, "c", "t", 100, 100);
    xtl_logger_destroy(l);
    fclose(tty);
    fwrite(buf, 1, t_drain(master, buf, sizeof(buf)), stdout);
    printf("\n");
    close(master);
}

int main(void)
{
    static const unsigned flag_sets[] = {
        0, XTL_STDIOSTREAM_SHOW_PID, XTL_STDIOSTREAM_SHOW_DATE,
        XTL_STDIOSTREAM_SHOW_PID | XTL_STDIOSTREAM_SHOW_DATE,
        XTL_STDIOSTREAM_HIDE_PROGRESS, XTL_STDIOSTREAM_PROGRESS_USE_CR,
        XTL_STDIOSTREAM_PROGRESS_NO_CR,
        XTL_STDIOSTREAM_PROGRESS_USE_CR | XTL_STDIOSTREAM_SHOW_PID | XTL_STDIOSTREAM_SHOW_DATE,
    };
    Dl_info info;

    if (dladdr((const void *)xtl_log, &info))
        fprintf(stderr, "toollog-transcript: libxentoollog from %s\n", info.dli_fname);
    for (size_t i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]); i++)
        for (int min = XTL_DEBUG; min < XTL_NUM_LEVELS; min += 2)
            session(stdout, min, flag_sets[i]);
    on_terminal(0);
    on_terminal(XTL_STDIOSTREAM_PROGRESS_NO_CR);
    on_terminal(XTL_STDIOSTREAM_PROGRESS_USE_CR);
    return 0;
}
