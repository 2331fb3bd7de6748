/* SPDX-License-Identifier: MIT */
/*
 * A real client of libxenctrl, libxendevicemodel and their family:
 * Debian's qemu-xen (/usr/libexec/xen-qemu-system-i386, package
 * qemu-system-xen) as the device model of an HVM guest that upstream's xl
 * creates.  Only qemu runs on the libraries under test (a wrapper named by
 * device_model_override sets LD_LIBRARY_PATH and execs it); xl, xenstored
 * and xenconsoled run on upstream's.  Of the nine Xen libraries qemu
 * loads, eight are the project's; libxenstore, which the project does not
 * provide, stays upstream's.  The project's libxenctrl brings a tenth,
 * its own libxenkexec.
 *
 * The guest's firmware, hvmloader, scans PCI through ports 0xcf8/0xcfc:
 * every access is an ioreq that qemu serves through the libraries under
 * test, and hvmloader prints each device it finds into Xen's console,
 * read back here with `xl dmesg`.
 *
 * xenstored and xenconsoled come from tests/lib/services (xl waits
 * for the guest's console, which xenconsoled serves).
 * The guest is destroyed on every path, also at exit after a failure.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "services.h"
#include "testlib.h"

#define QEMU "/usr/libexec/xen-qemu-system-i386"
#define GUEST "qemu-xen-test"
#define WRAPPER "/tmp/qemu-xen-test-dm"
#define DM_PIDFILE "/tmp/qemu-xen-test-dm.pid"
#define CONFIG "/tmp/qemu-xen-test.cfg"
#define DMESG "/tmp/qemu-xen-test.dmesg"
/* Nested TCG on a loaded machine is slow: generous, never a threshold. */
#define FIRMWARE_WAIT_S 240

static const char *libdir;      /* where the libraries under test are */
static bool started_xenstored, created;
static pid_t qemu = -1, xenconsoled = -1;

static const char *const libs[] = {
    "libxenctrl.so.4.17",  "libxendevicemodel.so.1", "libxenforeignmemory.so.1",
    "libxenevtchn.so.1",   "libxengnttab.so.1",      "libxencall.so.1",
    "libxentoolcore.so.1", "libxentoollog.so.1",     "libxenkexec.so.1", NULL,
};
static const char *const upstream_libs[] = { "libxenstore.so.4", NULL };
#define XEN_LIBS 10     /* all of them: no other libxen* may be mapped */

/* Runs a shell command line; its exit status, 128 + N for signal N. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    int status;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    fflush(stdout);
    fflush(stderr);
    status = system(cmd);
    if (status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int read_pid(const char *path)
{
    FILE *f = fopen(path, "re");
    int pid = 0;

    if (!f)
        return -1;
    if (fscanf(f, "%d", &pid) != 1)
        pid = -1;
    fclose(f);
    return pid > 1 ? pid : -1;
}

static void destroy_guest(void)
{
    if (!created)
        return;
    created = false;
    sh("timeout 120 xl destroy " GUEST " >&2");
    /* xl kills qemu; if it did not, nothing may be left running. */
    if (qemu > 0 && !svc_gone(qemu))
        svc_stop(qemu);
}

static void at_exit(void)
{
    destroy_guest();
    svc_stop_started(&xenconsoled, &started_xenstored);
}

/* ------------------------------------------------------------ cases */

static void start_services(void)
{
    int rc;

    if (!CHECKF(access(QEMU, X_OK) == 0, "%s: %s (package qemu-system-xen)", QEMU,
                strerror(errno)) ||
        !CHECKF(svc_xenstored_start(&started_xenstored), "no xenstored"))
        return;
    /* xl waits for the guest's console, which xenconsoled serves. */
    xenconsoled = svc_xenconsoled_start("/var/log/xen/console");
    CHECKF(xenconsoled > 0, "xenconsoled did not start");
    /* Xen drops guests' console output by default: hvmloader's too. */
    rc = sh("xl set-parameters guest_loglvl=all >&2");
    CHECKF(rc == 0, "xl set-parameters guest_loglvl=all: status %d", rc);
}

static void create_guest(void)
{
    const char *cache = getenv("XENRUN_CACHE"), *foreign_env = getenv("STAGE_FOREIGN_ENV");
    char text[2048];
    int rc;

    if (!CHECKF(cache != NULL, "XENRUN_CACHE unset: run through tests/vm/xen-run"))
        return;
    unlink(DM_PIDFILE);
    /* The wrapper's pid becomes qemu's at exec. */
    snprintf(text, sizeof(text),
             "#!/bin/sh\necho $$ > %s\nLD_LIBRARY_PATH=%s %s exec %s \"$@\"\n", DM_PIDFILE,
             libdir, foreign_env ? foreign_env : "", QEMU);
    if (!t_write_file(WRAPPER, 0755, text))
        return;
    snprintf(text, sizeof(text),
             "name = \"%s\"\ntype = \"hvm\"\nmemory = 32\nvcpus = 1\nvga = \"none\"\nvnc = 0\n"
             "device_model_override = \"%s\"\n"
             "firmware_override = \"%s/xen-utils/usr/lib/xen-4.17/boot/hvmloader\"\n",
             GUEST, WRAPPER, cache);
    if (!t_write_file(CONFIG, 0644, text))
        return;
    created = true;
    rc = sh("timeout 300 xl create " CONFIG " >&2");
    qemu = read_pid(DM_PIDFILE);
    sh("xl list >&2");
    CHECKF(rc == 0, "xl create: status %d", rc);
    CHECKF(qemu > 0 && !svc_gone(qemu), "no qemu running (pid file %s: %d)", DM_PIDFILE,
           (int)qemu);
}

/* Every library qemu loads from the project: from the folder under test
 * only; libxenstore from upstream's; no other Xen library. */
static void loaded_libs(void)
{
    const char *wrong;
    unsigned n;

    if (!CHECKF(qemu > 0 && !svc_gone(qemu), "qemu is not running"))
        return;
    wrong = t_maps_from(qemu, libdir, libs);
    CHECKF(!wrong, "qemu (pid %d): %s", (int)qemu, wrong);
    wrong = t_maps_from(qemu, UPSTREAM_LIBDIR, upstream_libs);
    CHECKF(!wrong, "qemu (pid %d): %s", (int)qemu, wrong);
    n = t_maps_count(qemu, "libxen");
    if (!CHECKF(n == XEN_LIBS, "qemu (pid %d) maps %u libxen* files, not %d", (int)qemu, n,
                XEN_LIBS))
        sh("grep -o '/[^ ]*/libxen[^ ]*' /proc/%d/maps | sort -u | sed 's/^/  maps: /' >&2",
           (int)qemu);
}

/* hvmloader's "pci dev BB:D ..." lines in `xl dmesg`, for this guest. */
static int firmware_pci_lines(void)
{
    char line[512];
    int n = 0;
    FILE *f;

    if (sh("xl dmesg > " DMESG " 2>/dev/null") != 0)
        return 0;
    f = fopen(DMESG, "re");
    while (f && fgets(line, sizeof(line), f))
        n += strstr(line, "pci dev ") != NULL;
    if (f)
        fclose(f);
    return n;
}

static void firmware_enumerates_pci(void)
{
    int n = 0;

    if (!CHECKF(created && qemu > 0, "no guest"))
        return;
    for (int s = 0; s < FIRMWARE_WAIT_S; s += 5) {
        n = firmware_pci_lines();
        /* The IDE function of qemu's PIIX3 (01:1) comes after the bridge. */
        if (n > 0 && sh("grep -q 'pci dev 01:1' " DMESG) == 0)
            break;
        if (svc_gone(qemu))
            break;
        sleep(5);
    }
    sh("grep -E 'HVM Loader|pci dev|SeaBIOS|Invoking' " DMESG " | sed 's/^/  /' >&2");
    CHECKF(sh("grep -q 'HVM Loader' " DMESG) == 0, "hvmloader never ran (no \"HVM Loader\")");
    CHECKF(sh("grep -q 'pci dev 01:1' " DMESG) == 0,
           "no \"pci dev 01:1\" (qemu's IDE) in xl dmesg after %d s (%d pci dev lines)",
           FIRMWARE_WAIT_S, n);
    if (!CHECKF(!svc_gone(qemu), "qemu died while serving the firmware") ||
        sh("grep -q 'pci dev 01:1' " DMESG) != 0) {
        sh("xl list >&2; tail -n 30 " DMESG " | sed 's/^/  dmesg: /' >&2");
        sh("cat /var/log/xen/qemu-dm-" GUEST ".log /var/log/xen/xl-" GUEST ".log | "
           "sed 's/^/  log: /' >&2; ps ax | grep -E 'qemu|xl' >&2");
    }
}

static void destroy(void)
{
    int rc;

    if (!CHECKF(created, "no guest"))
        return;
    created = false;
    rc = sh("timeout 120 xl destroy " GUEST " >&2");
    CHECKF(rc == 0, "xl destroy: status %d", rc);
    for (int i = 0; i < 100 && qemu > 0 && !svc_gone(qemu); i++)
        usleep(100000);
    CHECKF(qemu > 0 && svc_gone(qemu), "qemu (pid %d) still runs after xl destroy", (int)qemu);
    if (qemu > 0 && !svc_gone(qemu))
        svc_stop(qemu);
    CHECK_NE(sh("xl domid " GUEST " >/dev/null 2>&1"), 0);
}

int main(void)
{
    libdir = t_libdir_under_test();
    /* xl and the daemons run on upstream's libraries; only qemu on ours. */
    unsetenv("LD_LIBRARY_PATH");
    t_clean_up_at_exit(at_exit);

    T_CASE(start_services, "qemu-xen: xenstored and xenconsoled run");
    T_CASE(create_guest, "qemu-xen: xl creates an HVM guest with qemu-xen as its device model");
    T_CASE(loaded_libs, "qemu-xen: qemu maps eight of its nine Xen libraries (libxenctrl too) and "
          "libxenkexec from the folder under test, libxenstore from upstream's");
    T_CASE(firmware_enumerates_pci,
           "qemu-xen: hvmloader enumerates qemu's PCI devices (xl dmesg), ioreqs served");
    T_CASE(destroy, "qemu-xen: xl destroy ends the guest and qemu");
    svc_stop_started(&xenconsoled, &started_xenstored);
    return t_exit_status();
}
