/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "services.h"

#define XENSTORED_SOCKET "/run/xenstored/socket"
#define XENSTORED_PIDFILE "/run/xenstored.pid"

bool svc_xenstored_start(bool *started)
{
    char script[PATH_MAX];
    int status;
    pid_t pid;

    *started = false;
    if (access(XENSTORED_SOCKET, F_OK) == 0) {
        fprintf(stderr, "  a xenstored runs already (%s): using it\n", XENSTORED_SOCKET);
        return true;
    }
    snprintf(script, sizeof(script), "%s/vm/dom0-services", PROJECT_TESTS);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        execl("/bin/bash", "bash", script, (char *)NULL);
        perror(script);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || access(XENSTORED_SOCKET, F_OK) != 0) {
        fprintf(stderr, "  %s failed\n", script);
        return false;
    }
    *started = true;
    return true;
}

bool svc_gone(pid_t pid)
{
    char path[64], state = 0;
    FILE *f;

    if (kill(pid, 0) < 0 && errno == ESRCH)
        return true;
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    f = fopen(path, "re");
    if (!f)
        return true;
    if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
        state = 0;
    fclose(f);
    return state == 'Z';
}

bool svc_stop(pid_t pid)
{
    bool went;

    if (pid <= 1 || kill(pid, SIGTERM) < 0)
        return false;
    for (int i = 0; i < 100 && !svc_gone(pid); i++)
        usleep(100000);
    went = svc_gone(pid);
    if (!went) {
        fprintf(stderr, "  pid %d ignored SIGTERM for 10 s\n", (int)pid);
        kill(pid, SIGKILL);
    }
    waitpid(pid, NULL, 0);
    return went;
}

bool svc_xenstored_stop(void)
{
    FILE *f = fopen(XENSTORED_PIDFILE, "re");
    int pid = 0;
    bool ok;

    if (!f) {
        fprintf(stderr, "  %s: %s\n", XENSTORED_PIDFILE, strerror(errno));
        return false;
    }
    if (fscanf(f, "%d", &pid) != 1)
        pid = 0;
    fclose(f);
    ok = svc_stop(pid);
    unlink(XENSTORED_SOCKET);
    unlink(XENSTORED_PIDFILE);
    return ok;
}

bool svc_stop_started(pid_t *xenconsoled, bool *started_xenstored)
{
    bool ok = true;

    if (*xenconsoled > 0)
        ok = svc_stop(*xenconsoled);
    *xenconsoled = -1;
    if (*started_xenstored) {
        *started_xenstored = false;
        ok = svc_xenstored_stop() && ok;
    }
    return ok;
}

pid_t svc_find(const char *name)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t found = 0;

    while (d && !found && (e = readdir(d))) {
        char path[300], comm[64] = "";
        FILE *f;

        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
        f = fopen(path, "re");
        if (!f)
            continue;
        if (fgets(comm, sizeof(comm), f) && strcmp(strtok(comm, "\n"), name) == 0 &&
            !svc_gone(atoi(e->d_name)))
            found = atoi(e->d_name);
        fclose(f);
    }
    if (d)
        closedir(d);
    return found;
}

pid_t svc_xenconsoled_start(const char *logdir)
{
    const char *bin = getenv("XENRUN_XEN_BIN");
    char prog[PATH_MAX], dir_opt[PATH_MAX + 16];
    pid_t pid;

    if (!bin) {
        fprintf(stderr, "  XENRUN_XEN_BIN unset: run through tests/vm/xen-run\n");
        return -1;
    }
    snprintf(prog, sizeof(prog), "%s/xenconsoled", bin);
    snprintf(dir_opt, sizeof(dir_opt), "--log-dir=%s", logdir);
    mkdir("/var/log/xen", 0755);
    mkdir(logdir, 0755);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        /* Its messages (stderr, syslog) are not the test's output. */
        if (!freopen("/var/log/xen/xenconsoled.log", "w", stdout) ||
            dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
            _exit(126);
        unsetenv("LD_LIBRARY_PATH");
        execl(prog, prog, "-i", "--log=guest", dir_opt, (char *)NULL);
        perror(prog);
        _exit(127);
    }
    if (pid < 0)
        perror("fork");
    return pid;
}
