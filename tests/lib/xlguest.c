/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "testlib.h"
#include "xlguest.h"

#define GUARD_LOG "/var/log/xen/xlguest-guard.log"

/* A command line on the libraries of libdir (NULL: upstream's). */
static int run_on(const char *libdir, char *out, size_t size, const char *fmt, va_list al)
{
    const struct t_shell how = { .timeout_s = 120, .libdir = libdir, .out = out, .size = size };
    char cmd[2048];
    int status;

    vsnprintf(cmd, sizeof(cmd), fmt, al);
    status = t_shell(&how, cmd);
    if (out)
        out[strcspn(out, "\n")] = '\0';
    if (status == -1)
        return -1;
    /* The callers judge exit statuses; this only tells of a hang. */
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 124)
        fprintf(stderr, "  `%s` timed out or died (status %#x)\n", cmd, status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int xlguest_run(char *out, size_t size, const char *fmt, ...)
{
    va_list al;
    int status;

    va_start(al, fmt);
    status = run_on(NULL, out, size, fmt, al);
    va_end(al);
    return status;
}

/* xl (or another command) as the guest's xl runs. */
static int guest_run(const struct xlguest *g, char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int guest_run(const struct xlguest *g, char *out, size_t size, const char *fmt, ...)
{
    va_list al;
    int status;

    va_start(al, fmt);
    status = run_on(g->libdir, out, size, fmt, al);
    va_end(al);
    return status;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool xlguest_initramfs(struct xlguest *g, const char *prefix, const char *script,
                       const char *const files[], const char *const modules[])
{
    const char *cache = getenv("XENRUN_CACHE");
    char path[PATH_MAX + 64];
    bool ok;
    glob_t gl;
    FILE *f;

    g->domid = -1;
    g->guard_fd = -1;
    snprintf(g->name, sizeof(g->name), "%s-%d", prefix, (int)getpid());
    snprintf(g->workdir, sizeof(g->workdir), "/tmp/%s.XXXXXX", g->name);
    if (!CHECKF(cache != NULL, "XENRUN_CACHE unset: run through tests/vm/xen-run") ||
        !CHECKF(mkdtemp(g->workdir) != NULL, "mkdtemp: %s", strerror(errno))) {
        g->workdir[0] = '\0';
        return false;
    }
    ok = CHECK(xlguest_run(NULL, 0, "cd %s && mkdir -p root/bin root/lib/modules root/proc "
                           "root/sys root/dev && cp /bin/busybox root/bin/", g->workdir) == 0);
    for (size_t i = 0; files && files[i]; i++)
        ok = CHECK(xlguest_run(NULL, 0, "cp %s %s/root/", files[i], g->workdir) == 0) && ok;
    /* Numbered, so that /init loads them in the caller's order. */
    for (size_t i = 0; modules && modules[i]; i++) {
        snprintf(path, sizeof(path), "%s/linux-image/lib/modules/*/kernel/drivers/xen/%s.ko",
                 cache, modules[i]);
        if (CHECKF(glob(path, 0, NULL, &gl) == 0 && gl.gl_pathc == 1, "%s: no single match",
                   path))
            ok = CHECK(xlguest_run(NULL, 0, "cp %s %s/root/lib/modules/%02zu-%s.ko",
                                   gl.gl_pathv[0], g->workdir, i, modules[i]) == 0) && ok;
        else
            ok = false;
        globfree(&gl);
    }
    snprintf(path, sizeof(path), "%s/root/init", g->workdir);
    f = fopen(path, "we");
    if (!CHECKF(f != NULL, "%s: %s", path, strerror(errno)))
        return false;
    ok = CHECK(fprintf(f,
                       "#!/bin/busybox sh\n"
                       "/bin/busybox mount -t proc proc /proc\n"
                       "/bin/busybox --install -s /bin\n"
                       "export PATH=/bin\n"
                       "mount -t sysfs sysfs /sys\n"
                       "mount -t devtmpfs devtmpfs /dev\n"
                       "for m in /lib/modules/*.ko; do\n"
                       "    insmod $m || echo \"domU: insmod $m failed\"\n"
                       "done\n"
                       "%s\n"
                       /* init must not end; dom0 destroys the domain. */
                       "exec sleep 100000\n", script) > 0) && ok;
    ok = CHECK(fclose(f) == 0) && ok;
    ok = CHECK(chmod(path, 0755) == 0) && ok;
    return CHECK(xlguest_run(NULL, 0, "cd %s/root && find . | cpio -o -H newc -R 0:0 --quiet "
                             ">../initrd.cpio", g->workdir) == 0) && ok;
}

/* Whether a process (xl create, say) has config on its command line. */
static bool config_in_use(const char *config)
{
    glob_t g;
    bool used = false;

    if (glob("/proc/[0-9]*/cmdline", 0, NULL, &g) != 0)
        return false;
    for (size_t i = 0; i < g.gl_pathc && !used; i++) {
        char args[4096];
        int fd = open(g.gl_pathv[i], O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : read(fd, args, sizeof(args));

        if (fd >= 0)
            close(fd);
        for (ssize_t at = 0; at < n; at += (ssize_t)strnlen(args + at, (size_t)(n - at)) + 1)
            used |= strncmp(args + at, config, (size_t)(n - at)) == 0;
    }
    globfree(&g);
    return used;
}

/*
 * The guard waits on a pipe only this process holds and, unless told
 * that the domU is gone, destroys it by name when the pipe closes; an xl
 * create still at work with config is waited for.
 */
static bool start_guard(struct xlguest *g, const char *bin, const char *config)
{
    int fds[2];
    char c, out[64];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return false;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        close(fds[1]);
        /* Nothing reading this program's output waits for the guard. */
        if (!freopen(GUARD_LOG, "a", stdout) || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
            _exit(126);
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        if (read(fds[0], &c, 1) == 1)
            _exit(0);
        for (int i = 0; i < 600; i++) {
            bool creating = config_in_use(config);

            if (xlguest_run(out, sizeof(out), "%s/xl domid %s 2>/dev/null", bin, g->name) == 0) {
                fprintf(stderr, "xlguest guard: destroying %s\n", g->name);
                xlguest_run(NULL, 0, "%s/xl destroy %s", bin, g->name);
            } else if (!creating) {
                _exit(0);
            }
            sleep(1);
        }
        _exit(1);
    }
    close(fds[0]);
    if (pid < 0) {
        close(fds[1]);
        return false;
    }
    g->guard_fd = fds[1];
    return true;
}

int xlguest_create(struct xlguest *g, const char *console_dir, unsigned memory_mb, bool paused)
{
    const char *kernel = getenv("XENRUN_DOM0_KERNEL"), *bin = getenv("XENRUN_XEN_BIN");
    char config[PATH_MAX], out[64];
    FILE *f;

    if (!CHECKF(kernel && bin, "XENRUN_DOM0_KERNEL/XENRUN_XEN_BIN unset") ||
        !CHECKF(g->workdir[0], "no initramfs"))
        return -1;
    snprintf(g->console_log, sizeof(g->console_log), "%s/guest-%s.log", console_dir, g->name);
    snprintf(config, sizeof(config), "%s/domu.cfg", g->workdir);
    /* xl's lock files live in /var/lock (that is /run/lock) and
     * /run/xen, its domains' records in /var/lib/xen (tmpfs here). */
    mkdir("/run/lock", 01777);
    mkdir("/run/xen", 0755);
    mkdir("/var/lib/xen", 0755);
    f = fopen(config, "we");
    if (!CHECKF(f != NULL, "%s: %s", config, strerror(errno)))
        return -1;
    fprintf(f, "name = \"%s\"\ntype = \"pv\"\nkernel = \"%s\"\nramdisk = \"%s/initrd.cpio\"\n"
            "memory = %u\nvcpus = 1\nextra = \"console=hvc0 quiet loglevel=1\"\n"
            "on_poweroff = \"destroy\"\non_crash = \"destroy\"\n",
            g->name, kernel, g->workdir, memory_mb);
    if (!CHECK(fclose(f) == 0) || !CHECK(start_guard(g, bin, config)) ||
        !CHECK(guest_run(g, NULL, 0, "%s/xl create %s %s", bin, paused ? "-p" : "", config) == 0))
        return -1;
    if (CHECK(guest_run(g, out, sizeof(out), "%s/xl domid %s", bin, g->name) == 0) &&
        CHECKF(atoi(out) > 0, "xl domid says '%s'", out))
        g->domid = atoi(out);
    fprintf(stderr, "  domU %s is domain %d\n", g->name, g->domid);
    return g->domid;
}

bool xlguest_unpause(struct xlguest *g)
{
    return CHECK(g->domid > 0) &&
           CHECK(guest_run(g, NULL, 0, "%s/xl unpause %s", getenv("XENRUN_XEN_BIN"), g->name) == 0);
}

size_t xlguest_console(const struct xlguest *g, char *buf, size_t size)
{
    int fd = open(g->console_log, O_RDONLY | O_CLOEXEC);
    size_t len = 0;
    ssize_t n;

    while (fd >= 0 && len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
        len += (size_t)n;
    if (fd >= 0)
        close(fd);
    if (size)
        buf[len] = '\0';
    return len;
}

bool xlguest_await_console(const struct xlguest *g, const char *text, double timeout_s)
{
    static char console[64 * 1024];
    double limit = now_s() + timeout_s;

    do {
        xlguest_console(g, console, sizeof(console));
        if (strstr(console, text))
            return true;
        usleep(100000);
    } while (now_s() < limit);
    return false;
}

bool xlguest_destroy(struct xlguest *g)
{
    const char *bin = getenv("XENRUN_XEN_BIN");
    char out[64];
    bool gone;

    if (!CHECK(g->domid > 0))
        return false;
    CHECK(guest_run(g, NULL, 0, "%s/xl destroy %s", bin, g->name) == 0);
    gone = CHECKF(guest_run(g, out, sizeof(out), "%s/xl domid %s 2>/dev/null", bin, g->name) != 0,
                  "%s still exists", g->name);
    /* Otherwise the guard tries again when this program ends. */
    if (gone && g->guard_fd >= 0) {
        CHECK(write(g->guard_fd, "", 1) == 1);
        close(g->guard_fd);
        g->guard_fd = -1;
    }
    g->domid = -1;
    return gone;
}

void xlguest_remove_files(struct xlguest *g)
{
    if (g->workdir[0])
        CHECK(xlguest_run(NULL, 0, "rm -rf %s", g->workdir) == 0);
    g->workdir[0] = '\0';
}
