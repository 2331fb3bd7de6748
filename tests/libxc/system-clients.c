/* SPDX-License-Identifier: MIT */
/*
 * Real clients of libxenctrl: upstream's xenstored and xenconsoled
 * (Debian's xen-utils-4.17), started here on the project's libraries.
 * Each must map every libxen* library it loads from the project's folder
 * (libxenstore, which the project does not provide, aside).
 *
 * xenstored lists domains with xc_domain_getinfo() when it starts and
 * whenever Xen reports a domain's death (VIRQ_DOM_EXC): a test domain is
 * made and destroyed under it, after which it must still answer.
 * xenconsoled with --log=all copies Xen's console ring into a file with
 * xc_readconsolering(): Xen's boot banner must arrive there.  It also
 * serves guests' consoles (finding them with xc_domain_getinfo()): a PV
 * domU that upstream's xl boots (tests/lib/xlguest.h) writes a line
 * made for this run on its console, which must reach xenconsoled's log
 * of that guest.
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

#include "testdom.h"
#include "testlib.h"
#include "xlguest.h"

#define SOCKET "/run/xenstored/socket"
#define LOGDIR "/var/log/xen"
#define CONSOLE_DIR LOGDIR "/console"
#define HVLOG CONSOLE_DIR "/hypervisor.log"
#define GUEST_MEMORY_MB 128

static const char *libdir;
static pid_t xenstored = -1, xenconsoled = -1;
static struct xlguest guest = { .domid = -1, .guard_fd = -1 };

static void show(const char *file)
{
    char line[256];
    FILE *f = fopen(file, "re");

    while (f && fgets(line, sizeof(line), f))
        fprintf(stderr, "  %s: %s", file, line);
    if (f)
        fclose(f);
}

/* Starts XENRUN_XEN_BIN/prog args... on libdir, output to log. */
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
        setenv("LD_LIBRARY_PATH", libdir, 1);
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

/* Every libxen* library pid maps comes from libdir, libxenctrl among them. */
static void maps_only_libdir(pid_t pid, const char *who)
{
    char want[PATH_MAX], got[PATH_MAX];
    int ours = 0, others = 0, ctrl = 0;
    struct t_maps maps;
    const struct t_mapping *m;

    if (!CHECK_GT(pid, 0) || !CHECK_NE(realpath(libdir, want), NULL))
        return;
    if (!CHECKF(t_maps_open(&maps, pid), "/proc/%d/maps: %s", (int)pid, strerror(errno)))
        return;
    while ((m = t_maps_next(&maps))) {
        if (m->path[0] != '/' || !strstr(m->path, "/libxen") ||
            strstr(m->path, "/libxenstore.so"))
            continue;
        if (realpath(m->path, got) && strncmp(got, want, strlen(want)) == 0 &&
            got[strlen(want)] == '/') {
            ours++;
            ctrl += strstr(got, "/libxenctrl.so.4.17") != NULL;
        } else {
            others++;
            fprintf(stderr, "  %s maps %s\n", who, m->path);
        }
    }
    t_maps_close(&maps);
    CHECKF(ctrl > 0 && others == 0, "%s: %d mappings from %s (%d of libxenctrl), %d elsewhere",
           who, ours, want, ctrl, others);
}

static void stop(pid_t *pid, const char *log)
{
    int status = 0;
    pid_t done = 0;

    if (!CHECK_GT(*pid, 0))
        return;
    CHECK_EQ(kill(*pid, SIGTERM), 0);
    for (int i = 0; i < 100 && (done = waitpid(*pid, &status, WNOHANG)) == 0; i++)
        usleep(100000);
    if (!CHECKF(done == *pid, "ignored SIGTERM for 10 s")) {
        kill(*pid, SIGKILL);
        waitpid(*pid, &status, 0);
    }
    /* Alive until told to go: it did not die of a failure of its own. */
    if (!CHECKF((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) ||
                (WIFEXITED(status) && WEXITSTATUS(status) == 0), "status %#x", status))
        show(log);
    *pid = -1;
}

/* xenstore-read through xenstored's socket, upstream's client library. */
static bool xenstore_answers(void)
{
    const char *bin = getenv("XENRUN_XENSTORE_BIN");
    char cmd[PATH_MAX + 64];

    snprintf(cmd, sizeof(cmd), "env -u LD_LIBRARY_PATH timeout 60 %s/xenstore-read /local/domain/0/name "
             ">/dev/null", bin ? bin : "/nonexistent");
    return system(cmd) == 0;
}

static void start_xenstored(void)
{
    static char *args[] = { NULL, "--no-fork", NULL };

    if (!CHECKF(access(SOCKET, F_OK) != 0, "%s exists: a xenstored runs already", SOCKET))
        return;
    mkdir("/run/xenstored", 0755);
    mkdir("/var/lib/xenstored", 0755);
    mkdir(LOGDIR, 0755);
    xenstored = spawn(LOGDIR "/xenstored-xenctrl-test.log", "xenstored", args);
    if (xenstored > 0 && !wait_for(xenstored, SOCKET, NULL))
        show(LOGDIR "/xenstored-xenctrl-test.log");
}

static void xenstored_maps(void)
{
    maps_only_libdir(xenstored, "xenstored");
}

static void xenstored_survives_a_domain(void)
{
    int domid;

    if (!CHECK_GT(xenstored, 0))
        return;
    domid = testdom_create_pv();
    CHECK_GT(domid, 0);
    CHECK_EQ(testdom_destroy(domid), 0);
    /* Its VIRQ_DOM_EXC handler lists the domains with xc_domain_getinfo. */
    sleep(2);
    CHECK_EQ(kill(xenstored, 0), 0);
    CHECK_EQ(system("env -u LD_LIBRARY_PATH timeout 60 \"$XENRUN_XENSTORE_BIN/xenstore-write\" "
                 "/local/domain/0/name Domain-0"), 0);
    /* Written without xen-init-dom0, read back through the socket. */
    CHECK(xenstore_answers());
}

static void start_xenconsoled(void)
{
    static char *args[] = { NULL, "-i", "--log=all", "--log-dir=" CONSOLE_DIR, NULL };

    mkdir(CONSOLE_DIR, 0755);
    unlink(HVLOG);
    xenconsoled = spawn(LOGDIR "/xenconsoled-xenctrl-test.log", "xenconsoled", args);
}

static void xenconsoled_maps(void)
{
    /* Give it the moment it needs to load and set up. */
    if (xenconsoled > 0)
        wait_for(xenconsoled, HVLOG, "");
    maps_only_libdir(xenconsoled, "xenconsoled");
}

static void xenconsoled_hypervisor_log(void)
{
    if (CHECK_GT(xenconsoled, 0) && !wait_for(xenconsoled, HVLOG, "Xen version 4.17")) {
        show(HVLOG);
        show(LOGDIR "/xenconsoled-xenctrl-test.log");
    }
}

/* A line of the domU's console, through its ring, xenconsoled (on the
 * project's libraries) and into xenconsoled's guest log. */
static void guest_console_log(void)
{
    const char *bin = getenv("XENRUN_XEN_BIN");
    char line[96], script[128];
    time_t t0 = time(NULL);

    if (!CHECK_GT(xenconsoled, 0) || !CHECK_GT(xenstored, 0))
        return;
    /* What xl expects of dom0's xenstore entries (upstream's libraries);
     * it keeps state in /var/lib/xen (a tmpfs here). */
    if (!CHECK_EQ(xlguest_run(NULL, 0, "mkdir -p /var/lib/xen && %s/xen-init-dom0 >/dev/null",
                           bin), 0))
        return;
    snprintf(line, sizeof(line), "domU of xenctrl-clients %d-%ld says hello", (int)getpid(),
             (long)t0);
    snprintf(script, sizeof(script), "echo \"%s\"", line);
    if (xlguest_initramfs(&guest, "xenctrl-clients", script, NULL, NULL) &&
        xlguest_create(&guest, CONSOLE_DIR, GUEST_MEMORY_MB, false) > 0) {
        if (wait_for(xenconsoled, guest.console_log, line)) {
            printf("  figure: the domU's line reached %s %ld s after xl create began\n",
                   guest.console_log, (long)(time(NULL) - t0));
        } else {
            show(guest.console_log);
            show(LOGDIR "/xenconsoled-xenctrl-test.log");
        }
        xlguest_destroy(&guest);
    }
    xlguest_remove_files(&guest);
    /* The process that wrote the log ran on the project's libraries. */
    maps_only_libdir(xenconsoled, "xenconsoled");
}

static void stop_both(void)
{
    stop(&xenconsoled, LOGDIR "/xenconsoled-xenctrl-test.log");
    stop(&xenstored, LOGDIR "/xenstored-xenctrl-test.log");
    unlink(SOCKET);
}

int main(void)
{
    libdir = t_libdir_under_test();
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(start_xenstored,
           "xenctrl clients: upstream's xenstored starts on the project's libraries");
    T_CASE(xenstored_maps,
           "xenctrl clients: xenstored maps libxenctrl and every libxen* from the project "
           "(/proc/PID/maps)");
    T_CASE(xenstored_survives_a_domain,
           "xenctrl clients: xenstored lives through a domain's creation and death, and answers");
    T_CASE(start_xenconsoled,
           "xenctrl clients: upstream's xenconsoled starts on the project's libraries");
    T_CASE(xenconsoled_maps,
           "xenctrl clients: xenconsoled maps libxenctrl and every libxen* but libxenstore "
           "from the project");
    T_CASE(xenconsoled_hypervisor_log,
           "xenctrl clients: xenconsoled copies Xen's console ring (xc_readconsolering) into "
           "its hypervisor log");
    T_CASE(guest_console_log,
           "xenctrl clients: a PV domU's console line (upstream's xl boots it) reaches "
           "xenconsoled's guest log");
    T_CASE(stop_both, "xenctrl clients: both stop on SIGTERM, alive until then");
    testdom_destroy_all();
    return t_exit_status();
}
