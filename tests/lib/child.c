/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "testlib.h"

/* t_in_child(), with the fake devices of names (NULL: none) made first. */
static int run_child(const char *const names[], void (*body)(void))
{
    int status = -1;
    pid_t pid;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        if (names && !t_fake_xen_devices(names))
            _exit(2);
        body();
        fflush(stdout);
        fflush(stderr);
        _exit(t_exit_status());
    }
    if (!CHECK(pid > 0 && waitpid(pid, &status, 0) == pid))
        return -1;
    return status;
}

int t_in_child(void (*body)(void))
{
    return run_child(NULL, body);
}

void t_in_child_with_fake_devices(const char *const names[], void (*body)(void))
{
    int status = run_child(names, body);

    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) != 2,
           "could not set up the fake driver (status %#x)", status);
}

int t_shell(const struct t_shell *how, const char *cmd)
{
    char timeout[16], chunk[4096];
    int fds[2] = { -1, -1 }, status;
    size_t len = 0;
    ssize_t n;
    pid_t pid;

    if (how->out && how->size)
        how->out[0] = '\0';
    if (how->out && pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    snprintf(timeout, sizeof(timeout), "%u", how->timeout_s);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        dup2(how->out ? fds[1] : STDERR_FILENO, STDOUT_FILENO);
        if (how->stderr_too)
            dup2(STDOUT_FILENO, STDERR_FILENO);
        if (how->libdir) {
            setenv("LD_LIBRARY_PATH", how->libdir, 1);
            t_stage_foreign_env();
        } else {
            unsetenv("LD_LIBRARY_PATH");
        }
        execl("/usr/bin/timeout", "timeout", timeout, "/bin/sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    if (how->out) {
        close(fds[1]);
        /* Read to the end, keeping what fits: a full pipe would stall it. */
        while (pid > 0 && (n = read(fds[0], chunk, sizeof(chunk))) > 0) {
            size_t keep = len + 1 < how->size ? how->size - 1 - len : 0;

            if ((size_t)n < keep)
                keep = (size_t)n;
            memcpy(how->out + len, chunk, keep);
            len += keep;
        }
        close(fds[0]);
        if (how->size)
            how->out[len] = '\0';
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

int t_vshell_exit(const struct t_shell *how, const char *fmt, va_list ap)
{
    char cmd[8192];
    size_t len;
    int status;

    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    status = t_shell(how, cmd);
    for (len = how->out ? strlen(how->out) : 0; len && how->out[len - 1] == '\n'; len--)
        how->out[len - 1] = '\0';
    if (status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int t_shell_exit(const struct t_shell *how, const char *fmt, ...)
{
    va_list ap;
    int status;

    va_start(ap, fmt);
    status = t_vshell_exit(how, fmt, ap);
    va_end(ap);
    return status;
}
