/* SPDX-License-Identifier: MIT */
/*
 * Upstream's own toolstack on the project's libraries: Debian's xl (with
 * its libxenlight and libxenguest, the domain builder) runs the same
 * session twice in this boot, once on upstream's libraries and once with
 * LD_LIBRARY_PATH on the project's, whose libxenctrl, libxencall,
 * libxenforeignmemory, libxenevtchn, libxentoolcore and libxentoollog
 * (and libxendevicemodel and libxengnttab, which upstream's libxenctrl
 * loads and the project's need not) then serve xl, libxenlight and
 * libxenguest alike (libxenlight, libxenguest, libxenstore and
 * libxenhypfs stay upstream's).  Each session:
 *
 *   - xl create boots a PV guest (dom0's kernel, a busybox initramfs) to
 *     its /init, whose line is read back from xenconsoled's log;
 *   - the xl process that watches that guest shows, in /proc/PID/maps,
 *     whose libraries it runs on;
 *   - everyday commands (list, info, vcpu-list, vcpu-pin, pause, unpause,
 *     mem-set, uptime, sched-credit2, cpupool-list, dmesg, shutdown) act
 *     on it and on the host;
 *   - xl create starts an HVM guest with qemu-xen as its device model,
 *     whose firmware enumerates qemu's PCI devices (xl dmesg), and xl
 *     destroy ends it.
 *
 * Then every command's output on the project's stack must equal
 * upstream's, once times, free-memory figures and the guests' domain ids
 * are normalised.  xl and the domain builder are linked with BIND_NOW: if
 * the project's libxenctrl lacks a function they import, xl cannot start,
 * and the project's session fails naming every missing symbol.
 *
 * xenstored and xenconsoled (tests/lib/services) run on upstream's
 * libraries.  The guests are destroyed on every path, at exit too.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "services.h"
#include "testlib.h"

#define PV "xl-toolstack-pv"
#define HVM "xl-toolstack-hvm"
#define WORKDIR "/tmp/xl-toolstack"
#define PV_CONFIG WORKDIR "/pv.cfg"
#define HVM_CONFIG WORKDIR "/hvm.cfg"
#define CONSOLE_DIR "/var/log/xen/console"
#define PV_CONSOLE CONSOLE_DIR "/guest-" PV ".log"
#define QEMU "/usr/libexec/xen-qemu-system-i386"
#define INIT_LINE "xl-toolstack: init of the PV guest runs"
#define ABI_LIST PROJECT_TESTS "/data/upstream-abi/libxenctrl.txt"
/* Nested TCG on a loaded machine is slow: generous, never a threshold. */
#define BOOT_WAIT_S 300
#define OUTPUT_MAX 16384
#define STEPS 32

/* What each stack's xl must load from the stack's folder: the libraries
 * the project provides (libxendevicemodel and libxengnttab too, if it
 * loads them: upstream's libxenctrl does, the project's need not) ... */
static const char *const project_libs[] = {
    "libxenctrl.so.4.17", "libxencall.so.1",     "libxenforeignmemory.so.1",
    "libxenevtchn.so.1",  "libxentoolcore.so.1", "libxentoollog.so.1", NULL,
};
static const char *const project_if_loaded[] = {
    "libxendevicemodel.so.", "libxengnttab.so.", "libxenkexec.so.", NULL,
};
/* ... and from upstream's, whatever the stack. */
static const char *const upstream_only_libs[] = {
    "libxenlight.so.4.17", "libxenguest.so.4.17", "libxenstore.so.4", "libxenhypfs.so.1", NULL,
};

/* One session: its libraries and what each command printed. */
struct stack {
    const char *id, *label;
    const char *libdir;         /* LD_LIBRARY_PATH, or NULL for upstream's */
    bool loads;                 /* xl starts at all */
    char why_not[4096];         /* if not: the missing symbols */
    int pv_domid, hvm_domid;
    unsigned steps;
    struct step {
        const char *part;       /* of the session: "host", "PV guest", ... */
        char command[512];
        char output[OUTPUT_MAX];
    } step[STEPS];
};

static struct stack upstream = { .id = "upstream", .label = "upstream's stack" };
static struct stack project = { .id = "project", .label = "the project's stack" };
static bool started_xenstored;
static pid_t xenconsoled = -1;
static const char *xen_bin;
static const char *session_part;    /* what the running case works on */

/* ------------------------------------------------------------ running xl */

/*
 * Runs a shell command line on the stack's libraries, within 300 s, its
 * stdout and stderr together into out (at most size - 1 bytes, trailing
 * newlines dropped) or, with out NULL, to our stderr.  Returns its exit
 * status (124: timed out), or -1.
 */
static int run(const struct stack *s, char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int run(const struct stack *s, char *out, size_t size, const char *fmt, ...)
{
    const struct t_shell how = {
        .timeout_s = 300, .libdir = s ? s->libdir : NULL, .stderr_too = true,
        .out = out, .size = size,
    };
    va_list ap;
    int status;

    va_start(ap, fmt);
    status = t_vshell_exit(&how, fmt, ap);
    va_end(ap);
    return status;
}

/* A guest's domain id, or -1. */
static int domid_of(const struct stack *s, const char *name)
{
    char out[64];

    if (run(s, out, sizeof(out), "%s/xl domid %s 2>/dev/null", xen_bin, name) != 0)
        return -1;
    return atoi(out) > 0 ? atoi(out) : -1;
}

/* Destroys whatever of the two guests exists, on upstream's libraries. */
static void destroy_guests(void)
{
    static const char *const names[] = { PV, HVM };

    for (int i = 0; i < 2; i++)
        if (domid_of(NULL, names[i]) > 0)
            run(NULL, NULL, 0, "%s/xl destroy %s", xen_bin, names[i]);
}

static void at_exit(void)
{
    destroy_guests();
    svc_stop_started(&xenconsoled, &started_xenstored);
}

/* ------------------------------------------------------------ normalising */

/* Appends a line of tokens joined by single spaces. */
static void put_tokens(char *out, size_t size, char **tok, int n)
{
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", tok[i]);
    snprintf(out + strlen(out), size - strlen(out), "\n");
}

/*
 * What may differ between the sessions, each replaced by a placeholder:
 * the guests' domain ids (the ID column of a table whose row names a
 * guest, "Domain N" in messages), times (the Time(s) column, uptime,
 * Xen's console timestamps), free memory (xl info's free_memory) and
 * whether a guest's vCPU was running or blocked at the instant xl looked
 * (the r and b of the State column: "-bp---" and "--p---" are the same
 * paused guest, seen a moment apart).
 * Column widths follow the values, so a table's tokens are rejoined by
 * single spaces.  Nothing else is touched.
 */
static void normalise(const struct stack *s, const char *text, char *out, size_t size)
{
    char *copy = strdup(text), *line, *save = NULL;
    int time_col = -1, state_col = -1;
    bool uptime = false;

    out[0] = '\0';
    for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tok[64], *tsave = NULL, buf[1024], *t;
        int n = 0;
        bool guest_row;

        /* Xen's console timestamps: "(XEN) [    1.234567] ". */
        if (strncmp(line, "(XEN) [", 7) == 0 && strchr(line, ']'))
            line = strchr(line, ']') + 1;
        snprintf(buf, sizeof(buf), "%s", line);
        for (t = strtok_r(buf, " \t", &tsave); t && n < 64; t = strtok_r(NULL, " \t", &tsave))
            tok[n++] = t;
        if (n >= 2 && strcmp(tok[0], "Name") == 0 && strcmp(tok[1], "ID") == 0) {
            time_col = state_col = -1;
            uptime = n >= 3 && strcmp(tok[2], "Uptime") == 0;
            for (int i = 2; i < n; i++) {
                if (strcmp(tok[i], "Time(s)") == 0)
                    time_col = i;
                if (strcmp(tok[i], "State") == 0)
                    state_col = i;
            }
            put_tokens(out, size, tok, n);
            continue;
        }
        if (n >= 3 && strcmp(tok[0], "free_memory") == 0) {
            tok[2] = "<free>";
            put_tokens(out, size, tok, n);
            continue;
        }
        guest_row = n >= 2 && (strcmp(tok[0], PV) == 0 || strcmp(tok[0], HVM) == 0);
        if (guest_row)
            tok[1] = "<id>";
        if (guest_row || (n >= 2 && strcmp(tok[0], "Domain-0") == 0)) {
            if (time_col > 0 && time_col < n)
                tok[time_col] = "<time>";
            if (state_col > 0 && state_col < n && strlen(tok[state_col]) == 6)
                tok[state_col][0] = tok[state_col][1] = '-';
            if (uptime)
                n = 3, tok[2] = "<uptime>";
        }
        for (int i = 0; i + 1 < n; i++)
            if (strcasecmp(tok[i], "Domain") == 0 &&
                (atoi(tok[i + 1]) == s->pv_domid || atoi(tok[i + 1]) == s->hvm_domid))
                tok[i + 1] = "<id>";
        put_tokens(out, size, tok, n);
    }
    free(copy);
}

/* Runs an xl command of the session and keeps its normalised output. */
static int step(struct stack *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int step(struct stack *s, const char *fmt, ...)
{
    static char raw[OUTPUT_MAX];
    struct step *st;
    va_list ap;
    int rc;

    if (s->steps >= STEPS)
        return -1;
    st = &s->step[s->steps++];
    st->part = session_part;
    va_start(ap, fmt);
    vsnprintf(st->command, sizeof(st->command), fmt, ap);
    va_end(ap);
    rc = run(s, raw, sizeof(raw), "%s/%s", xen_bin, st->command);
    if (rc != 0)
        fprintf(stderr, "  `%s` on %s: status %d:\n%s\n", st->command, s->label, rc, raw);
    snprintf(raw + strlen(raw), sizeof(raw) - strlen(raw), "%sexit status %d", raw[0] ? "\n" : "",
             rc);
    normalise(s, raw, st->output, sizeof(st->output));
    return rc;
}

/* ------------------------------------------------------------ set-up */

/* The PV guest's initramfs (static busybox and an /init that says it runs
 * and waits; its /sbin/poweroff is what Linux runs for xl shutdown) and
 * both guests' configs. */
static void prepare(void)
{
    static const char init[] =
        "#!/bin/busybox sh\n"
        "/bin/busybox mount -t proc proc /proc\n"
        "/bin/busybox --install -s /bin\n"
        "echo '" INIT_LINE "'\n"
        "exec sleep 100000\n";
    static const char poweroff[] = "#!/bin/busybox sh\n/bin/busybox poweroff -f\n";
    const char *cache = getenv("XENRUN_CACHE"), *kernel = getenv("XENRUN_DOM0_KERNEL");
    char text[2048];

    if (!CHECKF(cache && kernel && xen_bin, "XENRUN_* unset: run through tests/vm/xen-run") ||
        !CHECKF(access(QEMU, X_OK) == 0, "%s: %s (package qemu-system-xen)", QEMU,
                strerror(errno)))
        return;
    CHECK_EQ(run(NULL, NULL, 0, "rm -rf %s && mkdir -p %s/root/bin %s/root/sbin %s/root/proc && "
              "cp /bin/busybox %s/root/bin/", WORKDIR, WORKDIR, WORKDIR, WORKDIR, WORKDIR), 0);
    if (!t_write_file(WORKDIR "/root/init", 0755, init) ||
        !t_write_file(WORKDIR "/root/sbin/poweroff", 0755, poweroff))
        return;
    CHECK_EQ(run(NULL, NULL, 0, "cd %s/root && find . | cpio -o -H newc -R 0:0 --quiet "
              ">../initrd.cpio", WORKDIR), 0);
    snprintf(text, sizeof(text),
             "name = \"%s\"\ntype = \"pv\"\nkernel = \"%s\"\nramdisk = \"%s/initrd.cpio\"\n"
             "memory = 128\nvcpus = 1\nextra = \"console=hvc0 quiet loglevel=1\"\n"
             "on_poweroff = \"destroy\"\non_crash = \"destroy\"\n", PV, kernel, WORKDIR);
    t_write_file(PV_CONFIG, 0644, text);
    snprintf(text, sizeof(text),
             "name = \"%s\"\ntype = \"hvm\"\nmemory = 32\nvcpus = 1\nvga = \"none\"\nvnc = 0\n"
             "device_model_override = \"%s\"\n"
             "firmware_override = \"%s/xen-utils/usr/lib/xen-4.17/boot/hvmloader\"\n",
             HVM, QEMU, cache);
    t_write_file(HVM_CONFIG, 0644, text);
}

static void services(void)
{
    int rc;

    if (!CHECK(svc_xenstored_start(&started_xenstored)))
        return;
    xenconsoled = svc_xenconsoled_start(CONSOLE_DIR);
    CHECK_GT(xenconsoled, 0);
    /* xl's lock file lives in /var/lock, that is /run/lock (a tmpfs here). */
    mkdir("/run/lock", 01777);
    /* Xen drops guests' console output by default: hvmloader's too. */
    rc = run(NULL, NULL, 0, "%s/xl set-parameters guest_loglvl=all", xen_bin);
    CHECKF(rc == 0, "xl set-parameters guest_loglvl=all: status %d", rc);
}

/* ------------------------------------------------------------ a session */

/* Whether a comma-separated importers list names xl, libxenlight or
 * libxenguest. */
static bool imported_by_xl(char *importers)
{
    char *save = NULL;

    for (char *i = strtok_r(importers, ",", &save); i; i = strtok_r(NULL, ",", &save))
        if (strcmp(i, "xl") == 0 || strcmp(i, "libxenlight") == 0 ||
            strcmp(i, "libxenguest") == 0)
            return true;
    return false;
}

/*
 * The libxenctrl functions xl, libxenlight and libxenguest import
 * (upstream's list) that the library in libdir does not define, into
 * why (empty when none).
 */
static void missing_symbols(const char *libdir, char *why, size_t size)
{
    char path[PATH_MAX], line[512], name[128], kind[64], importers[256], list[3072] = "";
    unsigned count = 0;
    void *lib;
    FILE *f;

    why[0] = '\0';
    snprintf(path, sizeof(path), "%s/libxenctrl.so.4.17", libdir);
    lib = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
    f = fopen(ABI_LIST, "re");
    if (!lib || !f) {
        snprintf(why, size, "cannot read %.1000s or %.1000s", path, ABI_LIST);
        goto out;
    }
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || sscanf(line, "%127s %63s %255s", name, kind, importers) != 3)
            continue;
        if (!imported_by_xl(importers))
            continue;
        if (dlvsym(lib, name, "VERS_4.17.0"))
            continue;
        count++;
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", count > 1 ? " " : "",
                 name);
    }
    if (count)
        snprintf(why, size, "%u symbols missing from %.500s: %s", count, path, list);
out:
    if (f)
        fclose(f);
    if (lib)
        dlclose(lib);
}

static struct stack *current;

static bool usable(void)
{
    return CHECKF(current->loads, "xl cannot run on %s: %s", current->label, current->why_not);
}

static void xl_loads(void)
{
    char out[1024];
    int rc;

    current->why_not[0] = '\0';
    if (current->libdir)
        missing_symbols(current->libdir, current->why_not, sizeof(current->why_not));
    rc = run(current, out, sizeof(out), "%s/xl info >/dev/null", xen_bin);
    current->loads = rc == 0;
    if (!current->loads && !current->why_not[0])
        snprintf(current->why_not, sizeof(current->why_not), "xl info: status %d: %.900s", rc,
                 out);
    else if (!current->loads)
        fprintf(stderr, "  the loader says: %s\n", out);
    CHECKF(current->loads && !current->why_not[0], "%s", current->why_not);
}

static bool console_says(const char *text)
{
    static char log[65536];
    int fd = open(PV_CONSOLE, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, log, sizeof(log) - 1);

    if (fd >= 0)
        close(fd);
    log[n > 0 ? n : 0] = '\0';
    return strstr(log, text) != NULL;
}

static void host_commands(void)
{
    if (!usable())
        return;
    CHECK_EQ(step(current, "xl info"), 0);
    CHECK_EQ(step(current, "xl cpupool-list"), 0);
    CHECK_EQ(step(current, "xl sched-credit2"), 0);
    CHECK_EQ(step(current, "xl list"), 0);
}

static void pv_boots(void)
{
    time_t limit;

    if (!usable())
        return;
    unlink(PV_CONSOLE);
    if (!CHECK_EQ(step(current, "xl create %s", PV_CONFIG), 0))
        return;
    current->pv_domid = domid_of(current, PV);
    for (limit = time(NULL) + BOOT_WAIT_S; time(NULL) < limit && !console_says(INIT_LINE);)
        sleep(1);
    if (!CHECKF(console_says(INIT_LINE), "no \"%s\" in %s after %d s", INIT_LINE, PV_CONSOLE,
                BOOT_WAIT_S))
        run(NULL, NULL, 0, "%s/xl list; tail -n 20 %s /var/log/xen/xl-%s.log "
            "/var/log/xen/xenconsoled.log; %s/xl dmesg | tail -n 20", xen_bin, PV_CONSOLE, PV,
            xen_bin);
}

/* The xl process that watches the guest: forked by xl create, same
 * command line. */
static pid_t pv_watcher(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t found = 0;

    while (d && !found && (e = readdir(d))) {
        char path[300], args[4096];
        ssize_t n;
        int fd;

        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        n = fd < 0 ? -1 : read(fd, args, sizeof(args) - 1);
        if (fd >= 0)
            close(fd);
        if (n <= 0)
            continue;
        args[n] = '\0';
        for (ssize_t i = 0; i < n; i++)
            if (!args[i])
                args[i] = ' ';
        if (strstr(args, "xl create " PV_CONFIG) && !svc_gone(atoi(e->d_name)))
            found = atoi(e->d_name);
    }
    if (d)
        closedir(d);
    return found;
}

static bool listed(const char *name, const char *const libs[])
{
    for (int i = 0; libs[i]; i++)
        if (strncmp(name, libs[i], strlen(libs[i])) == 0)
            return true;
    return false;
}

/* A libxen* file that pid maps from neither where the stack's libraries
 * are nor (for the four the project does not provide) upstream's folder,
 * or NULL. */
static const char *unexpected_libxen(pid_t pid, const char *stack_dir)
{
    static char wrong[PATH_MAX + 64];
    char dir[PATH_MAX], upstream_dir[PATH_MAX];
    struct t_maps maps;
    const struct t_mapping *m;

    if (!realpath(stack_dir, dir) || !realpath(UPSTREAM_LIBDIR, upstream_dir) ||
        !t_maps_open(&maps, pid))
        return "cannot read its maps";
    wrong[0] = '\0';
    while (!wrong[0] && (m = t_maps_next(&maps))) {
        const char *name = strrchr(m->path, '/');
        char real[PATH_MAX];
        bool upstream_only;

        if (m->path[0] != '/' || strncmp(++name, "libxen", 6) != 0 || !realpath(m->path, real))
            continue;
        upstream_only = listed(name, upstream_only_libs);
        *strrchr(real, '/') = '\0';
        if (upstream_only ? strcmp(real, upstream_dir) != 0 :
            !(listed(name, project_libs) || listed(name, project_if_loaded)) ||
            strcmp(real, dir) != 0)
            snprintf(wrong, sizeof(wrong), "%s is mapped", m->path);
    }
    t_maps_close(&maps);
    return wrong[0] ? wrong : NULL;
}

static void watcher_maps(void)
{
    const char *want = current->libdir ? current->libdir : UPSTREAM_LIBDIR, *wrong;
    pid_t pid;

    if (!usable() || !CHECKF(current->pv_domid > 0, "no PV guest"))
        return;
    pid = pv_watcher();
    if (!CHECKF(pid > 0, "no xl process watches %s", PV))
        return;
    wrong = t_maps_from(pid, want, project_libs);
    CHECKF(!wrong, "xl (pid %d): %s", (int)pid, wrong);
    wrong = t_maps_from(pid, UPSTREAM_LIBDIR, upstream_only_libs);
    CHECKF(!wrong, "xl (pid %d): %s", (int)pid, wrong);
    wrong = unexpected_libxen(pid, want);
    CHECKF(!wrong, "xl (pid %d): %s", (int)pid, wrong);
    run(NULL, NULL, 0, "grep -o '/[^ ]*/libxen[^ ]*' /proc/%d/maps | sort -u | "
        "sed 's/^/  xl (pid %d) maps /' >&2", (int)pid, (int)pid);
}

/* Waits until `xl list GUEST` shows mem MiB (ballooning takes a while). */
static void await_memory(const char *name, int mem)
{
    char out[512], want[32];

    snprintf(want, sizeof(want), " %d ", mem);
    for (int i = 0; i < 60; i++) {
        if (run(current, out, sizeof(out), "%s/xl list %s | tail -n 1 | tr -s ' '", xen_bin,
                name) == 0 && strstr(out, want))
            return;
        sleep(1);
    }
}

static void pv_commands(void)
{
    if (!usable() || !CHECKF(current->pv_domid > 0, "no PV guest"))
        return;
    CHECK_EQ(step(current, "xl list"), 0);
    CHECK_EQ(step(current, "xl vcpu-pin %s 0 0", PV), 0);
    sleep(2);
    CHECK_EQ(step(current, "xl pause %s", PV), 0);
    CHECK_EQ(step(current, "xl list %s", PV), 0);
    CHECK_EQ(step(current, "xl vcpu-list %s", PV), 0);
    CHECK_EQ(step(current, "xl unpause %s", PV), 0);
    CHECK_EQ(step(current, "xl mem-set %s 100m", PV), 0);
    await_memory(PV, 100);
    /* Paused, its state column does not depend on the moment. */
    CHECK_EQ(step(current, "xl pause %s", PV), 0);
    CHECK_EQ(step(current, "xl list %s", PV), 0);
    CHECK_EQ(step(current, "xl unpause %s", PV), 0);
    CHECK_EQ(step(current, "xl uptime %s", PV), 0);
    CHECK_EQ(step(current, "xl sched-credit2 -d %s", PV), 0);
    CHECK_EQ(step(current, "xl cpupool-list"), 0);
    /* A known text in Xen's console: the debug keys' help. */
    CHECK_EQ(step(current, "xl dmesg -c >/dev/null; %s/xl debug-keys h; %s/xl dmesg", xen_bin,
               xen_bin), 0);
}

static void pv_shutdown(void)
{
    if (!usable() || !CHECKF(current->pv_domid > 0, "no PV guest"))
        return;
    CHECK_EQ(step(current, "xl shutdown -w %s", PV), 0);
    CHECKF(domid_of(NULL, PV) < 0, "%s still exists", PV);
    CHECK_EQ(step(current, "xl list"), 0);
}

/* hvmloader's "pci dev 01:1" line: qemu's PIIX3 IDE, after the bridge. */
static bool firmware_found_ide(void)
{
    return run(current, NULL, 0, "%s/xl dmesg | grep -q 'pci dev 01:1'", xen_bin) == 0;
}

static void hvm_firmware(void)
{
    time_t limit;

    if (!usable())
        return;
    run(current, NULL, 0, "%s/xl dmesg -c >/dev/null", xen_bin);
    if (!CHECK_EQ(step(current, "xl create %s", HVM_CONFIG), 0))
        return;
    current->hvm_domid = domid_of(current, HVM);
    for (limit = time(NULL) + BOOT_WAIT_S; time(NULL) < limit && !firmware_found_ide();)
        sleep(5);
    if (!CHECKF(firmware_found_ide(), "no \"pci dev 01:1\" in xl dmesg after %d s", BOOT_WAIT_S))
        run(current, NULL, 0, "%s/xl dmesg | tail -n 20 | sed 's/^/  dmesg: /' >&2; "
            "sed 's/^/  log: /' /var/log/xen/qemu-dm-%s.log >&2", xen_bin, HVM);
    CHECK_EQ(step(current, "xl pause %s", HVM), 0);
    CHECK_EQ(step(current, "xl list %s", HVM), 0);
    CHECK_EQ(step(current, "xl unpause %s", HVM), 0);
    /* Paused until destroyed: the firmware, finding no boot device,
     * reboots the guest 60 s on, and a reboot racing xl destroy fails it
     * (seen under ASan, where each xl step is slower). */
    CHECK_EQ(step(current, "xl pause %s", HVM), 0);
}

static void hvm_destroy(void)
{
    if (!usable() || !CHECKF(current->hvm_domid > 0, "no HVM guest"))
        return;
    CHECK_EQ(step(current, "xl destroy %s", HVM), 0);
    /* A dying domain lingers until its last pages are released. */
    for (int i = 0; i < 60 && domid_of(NULL, HVM) > 0; i++)
        sleep(1);
    CHECKF(domid_of(NULL, HVM) < 0, "%s still exists 60 s after xl destroy", HVM);
    CHECK_EQ(step(current, "xl list"), 0);
}

static void session(struct stack *s)
{
    char id[64], name[256];
    static const struct {
        const char *part, *body_name, *what;
        void (*body)(void);
    } cases[] = {
        { "host", "xl_loads",
          "xl starts (BIND_NOW: every libxenctrl symbol it, libxenlight and libxenguest "
          "import is there)", xl_loads },
        { "host", "host_commands", "host commands (info, cpupool-list, sched-credit2, list)",
          host_commands },
        { "PV guest", "pv_boots", "xl create boots a PV guest to its init (xenconsoled's log)",
          pv_boots },
        { "PV guest", "watcher_maps",
          "the guest's xl process maps libxenctrl, libxencall, libxenforeignmemory, "
          "libxenevtchn, libxentoolcore, libxentoollog (and libxendevicemodel, libxengnttab "
          "if loaded) from the stack's folder, libxenlight, libxenguest, libxenstore and "
          "libxenhypfs from upstream's, no other libxen*", watcher_maps },
        { "PV guest", "pv_commands",
          "list, vcpu-pin, pause, vcpu-list, unpause, mem-set, uptime, sched-credit2, dmesg "
          "on the PV guest", pv_commands },
        { "PV guest", "pv_shutdown", "xl shutdown -w ends the PV guest", pv_shutdown },
        { "HVM guest", "hvm_firmware",
          "xl create starts an HVM guest with qemu-xen; hvmloader enumerates its PCI devices",
          hvm_firmware },
        { "HVM guest", "hvm_destroy", "xl destroy ends the HVM guest", hvm_destroy },
    };

    current = s;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        session_part = cases[i].part;
        snprintf(id, sizeof(id), "%s.%s", s->id, cases[i].body_name);
        snprintf(name, sizeof(name), "xl-toolstack: %s: %s", s->label, cases[i].what);
        t_case(id, name, cases[i].body);
    }
    destroy_guests();
}

/* ------------------------------------------------------------ comparison */

static struct step *compared;

/* A part's name as an id: "host", "pv", "hvm". */
static const char *part_id(const char *part)
{
    return strcmp(part, "PV guest") == 0 ? "pv" : strcmp(part, "HVM guest") == 0 ? "hvm" : part;
}

static void same_output(void)
{
    const struct step *theirs = compared, *ours = &project.step[compared - upstream.step];

    if (!CHECKF(project.loads, "xl cannot run on the project's stack: %s", project.why_not) ||
        !CHECKF(ours < project.step + project.steps, "the project's session never got here"))
        return;
    CHECKF(strcmp(theirs->command, ours->command) == 0, "the sessions diverged: `%s` vs `%s`",
           theirs->command, ours->command);
    if (!CHECKF(strcmp(theirs->output, ours->output) == 0, "`%s` differs", theirs->command))
        fprintf(stderr, "  ---- upstream's:\n%s  ---- the project's:\n%s", theirs->output,
                ours->output);
}

static void compare(void)
{
    for (unsigned i = 0; i < upstream.steps; i++) {
        char id[64], name[256];

        compared = &upstream.step[i];
        /* The id names the part of the session ("step.hvm.12"), so that
         * tests/data/not-run can name the steps of a part a tool keeps
         * from running. */
        snprintf(id, sizeof(id), "step.%s.%u", part_id(compared->part), i + 1);
        snprintf(name, sizeof(name), "xl-toolstack: %s, step %u, `%.120s` prints the same on "
                 "both stacks", compared->part, i + 1, compared->command);
        t_case(id, name, same_output);
    }
}

int main(void)
{
    project.libdir = t_libdir_under_test();
    xen_bin = getenv("XENRUN_XEN_BIN");
    unsetenv("LD_LIBRARY_PATH");
    t_clean_up_at_exit(at_exit);

    T_CASE(prepare, "xl-toolstack: the guests' initramfs and configs are made");
    T_CASE(services, "xl-toolstack: xenstored and xenconsoled run");
    session(&upstream);
    session(&project);
    compare();
    return t_exit_status();
}
