/* SPDX-License-Identifier: MIT */
/*
 * child.h - a part of a test run in a child process: cases that must not
 * change this process (a fake /dev/xen, a handle restricted for good, a
 * resource limit), or a shell command line whose output the test reads.
 */
#ifndef CHILD_H
#define CHILD_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

/*
 * t_in_child - runs body in a forked child and waits for it to end.
 *
 * stdout and stderr are flushed first, so that nothing the program wrote
 * before is written twice.  The child runs body(), which runs cases of
 * its own (T_CASE: their PASS and FAIL lines are the child's verdicts),
 * flushes both streams and ends with _exit(t_exit_status()): without
 * exit()'s atexit handlers, which stay this process's (a test domain is
 * destroyed once, by its owner; testdom.h).  body may end the child
 * itself with an exit status of its own.
 *
 * Returns the child's wait status (waitpid(2)), for the caller to judge
 * with WIFEXITED() and the like; or -1, having failed a check of the
 * running case, when the child could not be forked or waited for.
 *
 *     static void restricted_cases(void)
 *     {
 *         T_CASE(restricted, "after xentoolcore_restrict_all ...");
 *     }
 *     ...
 *         int status = t_in_child(restricted_cases);
 *
 *         CHECKF(WIFEXITED(status), "child status %#x", status);
 */
int t_in_child(void (*body)(void));

/*
 * t_in_child_with_fake_devices - t_in_child(body) in a child whose /dev
 * holds only null and, as /dev/null too, /dev/xen/NAME for each NAME of
 * the NULL-ended names (t_fake_xen_devices(), which needs root): the
 * libraries open "their" drivers there and every ioctl fails.  A child
 * that cannot make them exits with status 2 before body runs.
 *
 * The running case fails when the child could not be forked or waited
 * for, died, or could not make the devices; the verdicts of body's cases
 * are their own lines.
 *
 *     static const char *const drivers[] = { "privcmd", NULL };
 *
 *     t_in_child_with_fake_devices(drivers, fake_driver_cases);
 */
void t_in_child_with_fake_devices(const char *const names[], void (*body)(void));

/* How t_shell() runs a command line, and where its output goes. */
struct t_shell {
    unsigned timeout_s;     /* killed after this long (timeout(1): status 124) */
    const char *libdir;     /* LD_LIBRARY_PATH, with t_stage_foreign_env(); NULL: unset */
    bool stderr_too;        /* its stderr goes where its stdout goes; else to ours */
    char *out;              /* its stdout, NUL-terminated; NULL: to our stderr */
    size_t size;            /* out's size: at most size - 1 bytes are kept */
};

/*
 * t_shell - runs the shell command line cmd (/bin/sh -c cmd, under
 * /usr/bin/timeout how->timeout_s) in a child, as *how says, and waits
 * for it.  With how->out, its output is read to the end (a command that
 * writes more than fits does not stall) and the first how->size - 1 bytes
 * are kept.  Our stdout, the verdicts' place, never gets any of it.
 *
 * Returns the command's wait status (waitpid(2)), or -1 when it could not
 * be started (out then holds "").
 */
int t_shell(const struct t_shell *how, const char *cmd);

/*
 * t_shell_exit - t_shell() of the command line that fmt and what follows
 * format (printf-style), as *how says, with the trailing newlines of
 * how->out dropped.  Returns the command's exit status, 128 + N when
 * signal N ended it, or -1 when it could not be run.  t_vshell_exit()
 * takes a va_list.
 */
int t_shell_exit(const struct t_shell *how, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int t_vshell_exit(const struct t_shell *how, const char *fmt, va_list ap);
#endif /* CHILD_H */
