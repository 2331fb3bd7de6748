/* SPDX-License-Identifier: MIT */
/*
 * A dom0's boot path on each stack: upstream's own daemons and tools
 * (Debian's xen-utils-4.17) started as a dom0 starts them, once on
 * upstream's libraries and once on the project's, first with the C
 * xenstored and then with oxenstored in its place:
 *
 *   the store (xenstored or oxenstored), xen-init-dom0 (dom0's entries),
 *   xenconsoled --log=all (Xen's console ring into its hypervisor log,
 *   xc_readconsolering), and a PV domU that xl creates, whose console
 *   line reaches xenconsoled's log of it.
 *
 * On the project's stack every one of them must take libxenctrl and every
 * libxen* it loads (libxenstore, which the project does not provide,
 * aside) from the project's folder: the daemons and the guest's xl by
 * /proc/PID/maps, xen-init-dom0 (which ends at once) by ld.so's own
 * account (LD_DEBUG=libs).  The store must live through the domU's
 * creation and death (its VIRQ_DOM_EXC handler lists domains with
 * xc_domain_getinfo) and still answer.  With the domU up, `xl list` and
 * `xenstore-ls /local/domain/0` must print the same on both stacks
 * (domain ids, times and run states masked).
 *
 * Run through tests/vm/xen-run, without --services: the test starts (and
 * stops) its own daemons.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>

#include "child.h"
#include "services.h"
#include "testlib.h"
#include "xlguest.h"

#define SOCKET "/run/xenstored/socket"
#define LOGDIR "/var/log/xen"
#define CONSOLE_DIR LOGDIR "/console"
#define HVLOG CONSOLE_DIR "/hypervisor.log"
#define STORE_LOG LOGDIR "/boot-test-store.log"
#define CONSOLED_LOG LOGDIR "/boot-test-xenconsoled.log"
#define GUEST_MEMORY_MB 128
#define SNAPSHOT_SIZE 8192

struct stack {
    const char *name;   /* as case ids name it */
    const char *whose;  /* as descriptions do */
    const char *libdir; /* where its libraries are */
    bool project;
};

/* The session under way: which store, on which stack. */
static const char *store;
static const struct stack *stack;
static pid_t store_pid = -1, xenconsoled = -1;
static struct xlguest guest = { .domid = -1, .guard_fd = -1 };
/* Per store: what `xl list` and xenstore-ls printed on each stack. */
static char snapshot[2][SNAPSHOT_SIZE];

static void show(const char *file)
{
    char line[256];
    FILE *f = fopen(file, "re");

    while (f && fgets(line, sizeof(line), f))
        fprintf(stderr, "  %s: %s", file, line);
    if (f)
        fclose(f);
}

/* Where a program of the session runs: LD_LIBRARY_PATH for the
 * project's stack (and what a stage's tool needs), none for upstream's. */
static void use_stack(void)
{
    if (stack->project) {
        setenv("LD_LIBRARY_PATH", stack->libdir, 1);
        t_stage_foreign_env();
    } else {
        unsetenv("LD_LIBRARY_PATH");
    }
}

/* Starts XENRUN_XEN_BIN/prog args... on the session's stack, output to
 * log. */
static pid_t spawn(const char *log, const char *prog, char *args[])
{
    const char *bin = getenv("XENRUN_XEN_BIN");
    char path[PATH_MAX];
    pid_t pid;

    if (!CHECKF(bin != NULL, "XENRUN_XEN_BIN unset: run through tests/vm/xen-run"))
        return -1;
    snprintf(path, sizeof(path), "%s/%s", bin, prog);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (!freopen(log, "w", stdout) || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
            _exit(126);
        if (guest.guard_fd >= 0)
            close(guest.guard_fd);
        use_stack();
        args[0] = path;
        execv(path, args);
        perror(path);
        _exit(127);
    }
    CHECK_GT(pid, 0);
    return pid;
}

/* Waits for file (a socket, for text NULL) to exist, or to contain text,
 * while pid lives; gives up after 10 minutes (a hang: the VM may be very
 * slow). */
static bool wait_for(pid_t pid, const char *file, const char *text)
{
    for (int i = 0; i < 6000; i++) {
        char buf[65536];
        FILE *f = text ? fopen(file, "re") : NULL;
        size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
        int status;

        if (f)
            fclose(f);
        buf[n] = '\0';
        if (text ? f && strstr(buf, text) : access(file, F_OK) == 0)
            return true;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            CHECKF(false, "it exited (status %#x)", status);
            return false;
        }
        usleep(100000);
    }
    return CHECKF(false, "%s: no \"%s\" after 10 minutes", file, text ? text : "file");
}

/* Whether path is a file of the session's library folder. */
static bool in_libdir(const char *path)
{
    char want[PATH_MAX], got[PATH_MAX];

    return realpath(stack->libdir, want) && realpath(path, got) &&
           strncmp(got, want, strlen(want)) == 0 && got[strlen(want)] == '/';
}

/* Whether the library at path is one the session's stack must provide:
 * a libxen* of that name is in its folder (libxenstore, libxenlight,
 * libxenguest... are upstream's on both stacks). */
static bool stack_provides(const char *path)
{
    const char *name = strrchr(path, '/');
    char mine[PATH_MAX];

    snprintf(mine, sizeof(mine), "%s%s", stack->libdir, name ? name : "/");
    return strstr(path, "/libxen") && access(mine, F_OK) == 0;
}

/* Every libxen* library pid maps (libxenstore aside) is the session's,
 * libxenctrl among them. */
static void maps_only_libdir(pid_t pid, const char *who)
{
    int ours = 0, others = 0, ctrl = 0;
    struct t_maps maps;
    const struct t_mapping *m;

    if (!CHECK_GT(pid, 0))
        return;
    if (!CHECKF(t_maps_open(&maps, pid), "/proc/%d/maps: %s", (int)pid, strerror(errno)))
        return;
    while ((m = t_maps_next(&maps))) {
        if (m->path[0] != '/' || !stack_provides(m->path))
            continue;
        if (in_libdir(m->path)) {
            ours++;
            ctrl += strstr(m->path, "/libxenctrl.so.4.17") != NULL;
        } else {
            others++;
            fprintf(stderr, "  %s maps %s\n", who, m->path);
        }
    }
    t_maps_close(&maps);
    CHECKF(ctrl > 0 && others == 0, "%s: %d mappings from %s (%d of libxenctrl), %d elsewhere",
           who, ours, stack->libdir, ctrl, others);
}

/* A command line (upstream's xenstore clients, which need no libxenctrl,
 * or xl on the session's stack), its stdout into out; its status. */
static int run(bool on_stack, char *out, size_t size, const char *cmd)
{
    const struct t_shell how = { .timeout_s = 120, .out = out, .size = size,
                                 .libdir = on_stack && stack->project ? stack->libdir : NULL };
    int status = t_shell(&how, cmd);

    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool store_answers(void)
{
    char name[64] = "";

    return run(false, name, sizeof(name), "\"$XENRUN_XENSTORE_BIN/xenstore-read\" "
               "/local/domain/0/name") == 0 && strcmp(strtok(name, "\n"), "Domain-0") == 0;
}

static void start_store(void)
{
    /* oxenstored as Debian starts it: with the package's configuration,
     * which names the kernel's files for dom0's ring and port. */
    static char config[PATH_MAX + 16];
    static char *xenstored_args[] = { NULL, "--no-fork", NULL };
    static char *oxenstored_args[] = { NULL, "--no-fork", "--config-file", config, NULL };
    const char *cache = getenv("XENRUN_CACHE");
    char **args = xenstored_args;

    if (strcmp(store, "oxenstored") == 0) {
        snprintf(config, sizeof(config), "%s/xen-utils-common/etc/xen/oxenstored.conf",
                 cache ? cache : "/nonexistent");
        if (!CHECKF(access(config, R_OK) == 0, "%s: %s", config, strerror(errno)))
            return;
        args = oxenstored_args;
    }
    if (!CHECKF(access(SOCKET, F_OK) != 0, "%s exists: a xenstored runs already", SOCKET))
        return;
    mkdir("/run/xenstored", 0755);
    mkdir("/run/xen", 0755);
    mkdir("/var/lib/xenstored", 0755);
    mkdir(LOGDIR, 0755);
    store_pid = spawn(STORE_LOG, store, args);
    if (store_pid > 0 && !wait_for(store_pid, SOCKET, NULL))
        show(STORE_LOG);
}

/* xen-init-dom0 on the session's stack: dom0's name and entries; ld.so
 * names each library whose initialiser it runs. */
static void init_dom0(void)
{
    char trace[16384], *line, *save = NULL;
    int status, ctrl = 0, others = 0;

    if (!CHECK_GT(store_pid, 0))
        return;
    /* xl keeps state in /var/lib/xen (a tmpfs here). */
    mkdir("/var/lib/xen", 0755);
    /* ld.so's lines only (a sanitizer's runtime makes the search long),
     * and the program's status. */
    status = run(true, trace, sizeof(trace),
                 "{ LD_DEBUG=libs \"$XENRUN_XEN_BIN/xen-init-dom0\" 2>&1 >/dev/null; "
                 "echo \"status $?\"; } | grep -E 'calling init: |^status '");
    CHECK_EQ(status, 0);
    CHECK_NE(strstr(trace, "status 0\n"), NULL);
    for (line = strtok_r(trace, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *path = strstr(line, "calling init: ");

        if (!path)
            continue;
        path += strlen("calling init: ");
        if (!stack_provides(path))
            continue;
        if (!in_libdir(path)) {
            others++;
            fprintf(stderr, "  xen-init-dom0 ran %s\n", path);
        } else {
            ctrl += strstr(path, "/libxenctrl.so.4.17") != NULL;
        }
    }
    CHECKF(ctrl == 1 && others == 0, "xen-init-dom0: libxenctrl from %s %d time(s), %d libxen* "
           "elsewhere", stack->libdir, ctrl, others);
    CHECK(store_answers());
}

static void start_xenconsoled(void)
{
    static char *args[] = { NULL, "-i", "--log=all", "--log-dir=" CONSOLE_DIR, NULL };

    mkdir(CONSOLE_DIR, 0755);
    unlink(HVLOG);
    xenconsoled = spawn(CONSOLED_LOG, "xenconsoled", args);
    if (CHECK_GT(xenconsoled, 0) && !wait_for(xenconsoled, HVLOG, "Xen version 4.17")) {
        show(HVLOG);
        show(CONSOLED_LOG);
    }
}

/* A line of the domU's console, through its ring and xenconsoled into
 * xenconsoled's guest log; xl on the session's stack. */
static void guest_console(void)
{
    char line[96], script[128];
    time_t t0 = time(NULL);

    if (!CHECK_GT(xenconsoled, 0) || !CHECK_GT(store_pid, 0))
        return;
    snprintf(line, sizeof(line), "domU of the boot path %d-%ld says hello", (int)getpid(),
             (long)t0);
    snprintf(script, sizeof(script), "echo \"%s\"", line);
    guest.libdir = stack->project ? stack->libdir : NULL;
    if (xlguest_initramfs(&guest, "boot-path", script, NULL, NULL) &&
        xlguest_create(&guest, CONSOLE_DIR, GUEST_MEMORY_MB, false) > 0) {
        if (wait_for(xenconsoled, guest.console_log, line)) {
            printf("  figure: the domU's line reached %s %ld s after xl create began\n",
                   guest.console_log, (long)(time(NULL) - t0));
        } else {
            show(guest.console_log);
            show(CONSOLED_LOG);
        }
    }
}

/* The daemons of the session, and the xl process that watches the
 * domU, map their libraries from the session's folder. */
static void maps(void)
{
    maps_only_libdir(store_pid, store);
    maps_only_libdir(xenconsoled, "xenconsoled");
    maps_only_libdir(svc_find("xl"), "the domU's xl");
}

/* What `xl list` (on the session's stack) and xenstore-ls (upstream's
 * client, on upstream's libraries) print with the domU up, masked; without
 * dom0's control node, which dom0's kernel writes into the first store
 * of a boot only. */
static void snapshot_state(void)
{
    char *out = snapshot[stack->project];

    char cmd[1024];

    if (!CHECK_GT(guest.domid, 0))
        return;
    /* The domU's id, which differs between sessions, is D. */
    snprintf(cmd, sizeof(cmd),
             "\"$XENRUN_XEN_BIN/xl\" list 2>&1 | awk 'NR > 1 { $2 = \"ID\"; "
             "gsub(/[rb]/, \"-\", $5); $6 = \"T\" } { print }'; "
             "env -u LD_LIBRARY_PATH -u LD_PRELOAD "
             "\"$XENRUN_XENSTORE_BIN/xenstore-ls\" /local/domain/0 2>&1 | "
             "awk '/^control = / { skip = 1; next } skip && /^ / { next } { skip = 0; print }' | "
             "sed -E 's|^(  )%d = |\\1D = |; s|/local/domain/%d/|/local/domain/D/|; "
             "s|(frontend-id = )\"%d\"|\\1\"D\"|'", guest.domid, guest.domid, guest.domid);
    CHECK_EQ(run(true, out, SNAPSHOT_SIZE, cmd), 0);
    fprintf(stderr, "%s", out);
}

/* The domU destroyed; the store lived through it and answers; then all
 * stop on SIGTERM, alive until then. */
static void stop_all(void)
{
    if (guest.domid > 0)
        CHECK(xlguest_destroy(&guest));
    xlguest_remove_files(&guest);
    guest.domid = -1;
    if (CHECK_GT(store_pid, 0)) {
        /* Its VIRQ_DOM_EXC handler lists the domains with xc_domain_getinfo. */
        sleep(2);
        CHECK(store_answers());
    }
    CHECK(xenconsoled <= 0 || svc_stop(xenconsoled));
    CHECK(store_pid <= 0 || svc_stop(store_pid));
    xenconsoled = store_pid = -1;
    unlink(SOCKET);
}

static void clean_up(void)
{
    if (guest.domid > 0)
        xlguest_destroy(&guest);
    if (xenconsoled > 0)
        svc_stop(xenconsoled);
    if (store_pid > 0)
        svc_stop(store_pid);
    unlink(SOCKET);
}

static void same_on_both(void)
{
    if (!CHECK_STREQ(snapshot[1], snapshot[0]))
        fprintf(stderr, "  upstream's stack:\n%s  the project's:\n%s", snapshot[0], snapshot[1]);
}

static void session(const char *store_name, const struct stack *on)
{
    static const struct {
        const char *step, *what;
        void (*body)(void);
    } steps[] = {
        { "start_store", "the store starts", start_store },
        { "init_dom0", "xen-init-dom0 writes dom0's entries", init_dom0 },
        { "start_xenconsoled", "xenconsoled copies Xen's console ring into its log",
          start_xenconsoled },
        { "guest_console", "xl creates a PV domU whose console line reaches xenconsoled's log",
          guest_console },
        { "maps", "the store, xenconsoled and the domU's xl map every libxen* of the stack from "
          "its folder", maps },
        { "snapshot", "xl list and xenstore-ls /local/domain/0 with the domU up", snapshot_state },
        { "stop", "the domU goes, the store still answers, the daemons stop on SIGTERM", stop_all },
    };

    store = store_name;
    stack = on;
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        char id[64], description[256];

        /* Upstream's stack is the reference: it only has to work. */
        if (!on->project && strcmp(steps[i].step, "maps") == 0)
            continue;
        snprintf(id, sizeof(id), "%s.%s.%s", store, on->name, steps[i].step);
        snprintf(description, sizeof(description), "boot path, %s on %s stack: %s", store,
                 on->whose, steps[i].what);
        t_case(id, description, steps[i].body);
    }
}

int main(void)
{
    const struct stack upstream = { "upstream", "upstream's", UPSTREAM_LIBDIR, false };
    const struct stack project = { "project", "the project's", t_libdir_under_test(), true };
    static const char *const stores[] = { "xenstored", "oxenstored" };

    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    t_clean_up_at_exit(clean_up);
    for (size_t i = 0; i < sizeof(stores) / sizeof(stores[0]); i++) {
        char id[64];

        session(stores[i], &upstream);
        session(stores[i], &project);
        snprintf(id, sizeof(id), "%s.same_on_both", stores[i]);
        t_case(id, "boot path: xl list and xenstore-ls /local/domain/0 print the same on both "
               "stacks", same_on_both);
    }
    return t_exit_status();
}
