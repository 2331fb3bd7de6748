/* SPDX-License-Identifier: MIT */
/*
 * kexec-e2e-maps: runs a program (a kexec, for tests/kexec/e2e and
 * kexec/system-kexec-tools) under ptrace and, when it makes its first
 * ioctl on /dev/xen/privcmd -- the way every hypercall leaves a dom0
 * process -- prints which libxen* files are mapped into it, read from its
 * /proc/PID/maps at that moment.
 * That is proof of whose libraries the program is calling Xen through,
 * taken from the running process itself rather than from how it was
 * started.
 *
 *     kexec-e2e-maps PROGRAM [ARG...]
 *
 * Prints one "kexec-e2e-maps: pid P at its first privcmd ioctl maps PATH"
 * line per libxen* file (or "... made no privcmd ioctl") and exits with
 * the program's own status (128+N if signal N killed it; 125 if it could
 * not be traced at all).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procmaps.h"

#define PREFIX "kexec-e2e-maps: "
#define PRIVCMD "/dev/xen/privcmd"

/* Whether the traced process's file descriptor fd is privcmd. */
static int is_privcmd(pid_t pid, unsigned long long fd)
{
    char link[64], target[PATH_MAX];
    ssize_t n;

    snprintf(link, sizeof(link), "/proc/%d/fd/%llu", (int)pid, fd);
    n = readlink(link, target, sizeof(target) - 1);
    if (n < 0)
        return 0;
    target[n] = '\0';
    return strcmp(target, PRIVCMD) == 0;
}

/* Prints every distinct libxen* file mapped into pid; returns how many. */
static int print_libxen_maps(pid_t pid)
{
    char last[PATH_MAX] = "";
    struct t_maps maps;
    const struct t_mapping *m;
    int found = 0;

    if (!t_maps_open(&maps, pid)) {
        printf(PREFIX "cannot read /proc/%d/maps: %s\n", (int)pid, strerror(errno));
        return 0;
    }
    while ((m = t_maps_next(&maps))) {
        /* A library's mappings are adjacent: one line per file. */
        if (m->path[0] != '/' || strncmp(strrchr(m->path, '/') + 1, "libxen", 6) != 0 ||
            strcmp(m->path, last) == 0)
            continue;
        snprintf(last, sizeof(last), "%s", m->path);
        printf(PREFIX "pid %d at its first privcmd ioctl maps %s\n", (int)pid, m->path);
        found++;
    }
    t_maps_close(&maps);
    return found;
}

/* Follows the stopped child's system calls until its first privcmd ioctl,
 * prints its maps then, and lets it run on untraced.  Returns its wait
 * status. */
static int trace(pid_t child)
{
    int status, seen = 0, sig = 0;

    if (ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL) < 0) {
        perror(PREFIX "PTRACE_SETOPTIONS");
        kill(child, SIGKILL);
    }
    for (;;) {
        if (ptrace(seen ? PTRACE_DETACH : PTRACE_SYSCALL, child, 0, sig) < 0 && errno != ESRCH)
            perror(PREFIX "ptrace");
        if (waitpid(child, &status, 0) < 0) {
            perror(PREFIX "waitpid");
            return -1;
        }
        if (WIFEXITED(status) || WIFSIGNALED(status))
            break;
        sig = 0;
        if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
            struct user_regs_struct regs;

            if (ptrace(PTRACE_GETREGS, child, 0, &regs) == 0 && regs.orig_rax == SYS_ioctl &&
                is_privcmd(child, regs.rdi)) {
                if (print_libxen_maps(child) == 0)
                    printf(PREFIX "pid %d maps no libxen* file\n", (int)child);
                seen = 1;
            }
        } else if (WSTOPSIG(status) != SIGTRAP) {
            sig = WSTOPSIG(status);     /* a real signal: deliver it */
        }
    }
    if (!seen)
        printf(PREFIX "pid %d made no privcmd ioctl\n", (int)child);
    return status;
}

int main(int argc, char **argv)
{
    pid_t child;
    int status;

    if (argc < 2) {
        fprintf(stderr, "usage: kexec-e2e-maps PROGRAM [ARG...]\n");
        return 125;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    child = fork();
    if (child < 0) {
        perror(PREFIX "fork");
        return 125;
    }
    if (child == 0) {
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0) {
            perror(PREFIX "PTRACE_TRACEME");
            _exit(125);
        }
        execvp(argv[1], argv + 1);
        perror(PREFIX "exec");
        _exit(127);
    }
    /* The child stops with SIGTRAP once exec has replaced it. */
    if (waitpid(child, &status, 0) < 0) {
        perror(PREFIX "waitpid");
        return 125;
    }
    if (WIFSTOPPED(status))
        status = trace(child);
    if (status < 0)
        return 125;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
