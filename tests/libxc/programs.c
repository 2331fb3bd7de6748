/* SPDX-License-Identifier: MIT */
/*
 * tests/libxc/programs - upstream's own programs (Debian's xen-utils-4.17)
 * run against Xen, their outputs printed as "R: case: outcome" lines: the
 * differential helper of tests/libxc/system-programs, which runs it on
 * the project's libraries and on upstream's.  The families are in
 * programs/, one file each.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <xenctrl.h>

#include "programs/programs.h"

#define PROG_TIMEOUT_S 120

static int exit_status(int status)
{
    if (status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int prog_run(const char *name, const char *fmt, ...)
{
    char command[4096], shell[128], line[1024], outcome[300];
    va_list ap;
    FILE *out;
    int n = 0, status;

    va_start(ap, fmt);
    vsnprintf(command, sizeof(command), fmt, ap);
    va_end(ap);
    /* Through the environment: the command may hold any quote. */
    setenv("PROG_COMMAND", command, 1);
    snprintf(shell, sizeof(shell), "timeout %d sh -c \"$PROG_COMMAND\" </dev/null 2>&1",
             PROG_TIMEOUT_S);
    fflush(stdout);
    out = popen(shell, "r");
    if (!out) {
        t_result(name, "could not run: errno %d", errno);
        return -1;
    }
    while (fgets(line, sizeof(line), out)) {
        line[strcspn(line, "\n")] = '\0';
        snprintf(outcome, sizeof(outcome), "%s line %d", name, ++n);
        t_result(outcome, "%s", line);
    }
    status = exit_status(pclose(out));
    snprintf(outcome, sizeof(outcome), "%s status", name);
    t_result(outcome, "%d", status);
    return status;
}

bool prog_loads(const char *prog)
{
    const char *bin = getenv("XENRUN_XEN_BIN"), *libdir = getenv("LD_LIBRARY_PATH");
    char command[PATH_MAX * 2], line[PATH_MAX + 64], want[PATH_MAX], got[PATH_MAX];
    char outcome[300];
    bool from_libdir = false, unbound = false;
    FILE *out;

    snprintf(outcome, sizeof(outcome), "%s loads", prog);
    if (!bin || !libdir || !realpath(libdir, want)) {
        t_result(outcome, "no XENRUN_XEN_BIN or LD_LIBRARY_PATH: run through system-programs");
        return false;
    }
    snprintf(command, sizeof(command), "LD_TRACE_LOADED_OBJECTS=1 LD_BIND_NOW=1 LD_WARN=yes "
             "'%s/%s' 2>&1", bin, prog);
    out = popen(command, "r");
    while (out && fgets(line, sizeof(line), out)) {
        char *path = strstr(line, "=> /");

        unbound |= strstr(line, "undefined symbol") != NULL;
        if (strstr(line, "libxenctrl.so.4.17 =>") && path &&
            realpath(strtok(path + 3, " \n"), got))
            from_libdir = strncmp(got, want, strlen(want)) == 0 && got[strlen(want)] == '/';
    }
    if (!out || pclose(out) != 0)
        unbound = true;
    t_result(outcome, "%s, libxenctrl %s the folder under test", unbound ? "unbound" : "bound",
             from_libdir ? "from" : "not from");
    return !unbound && from_libdir;
}

int main(void)
{
    const char *only;

    /* The programs run on the library this process loaded. */
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    /* Upstream's programs are not built with a stage's tool: what they
     * need to run on this build's libraries, for every child. */
    t_stage_foreign_env();
    only = getenv("XENCTRL_PROGRAMS");
    if (only && strcmp(only, "python") == 0) {
        programs_python();
    } else {
        programs_access();
        programs_boot();
        programs_debug();
        programs_memory();
        programs_paging();
        programs_platform();
        programs_pm();
        programs_trace();
    }
    return t_exit_status();
}
