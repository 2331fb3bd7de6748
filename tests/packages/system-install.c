/* SPDX-License-Identifier: MIT */
/*
 * The project's Debian packages (make deb) installed for real, in a dom0
 * that then runs on them with nothing in LD_LIBRARY_PATH, and an
 * administrator's way back to Debian's own.
 *
 * A writable overlay (tmpfs over the read-only host root) becomes the
 * root of a child process, which runs the cases there:
 *
 *   - apt installs every .deb of make deb, as README's "Install as Debian
 *     packages" does: the seven stable libraries take the place of
 *     Debian's, libxen-dev goes, libxenctrl4.17 diverts libxenmisc4.17's
 *     libxenctrl aside;
 *   - dpkg installs Debian's Xen tools (xen-utils-4.17 and its two
 *     siblings), whose versioned dependencies the project's libraries now
 *     meet (udev, which xen-utils-common also asks for and this machine
 *     lacks, is the one dependency ignored: dom0 here plugs no devices);
 *   - a session: Debian's init script starts xenstored, xen-init-dom0,
 *     xenconsoled and dom0's qemu; xl creates a PV guest that boots to its
 *     /init and an HVM guest whose qemu-xen the firmware finds; kexec
 *     loads and unloads a crash kernel; every installed program that
 *     links libxenctrl loads with all its symbols bound.  What each ran is
 *     read off /proc/PID/maps (the daemons, xl's watcher, qemu) or the
 *     loader's own record (xen-init-dom0, kexec: they end at once), and
 *     every libxen* file must be the system's, byte for byte the one its
 *     package shipped;
 *   - then README's way back: apt puts Debian's seven and libxen-dev back
 *     and removes the project's other packages, the diversion goes, and
 *     the same session runs on Debian's files.
 *
 * The parent stays outside: at the end, however the child ended, it
 * destroys the guests, ends every process left in the overlay and
 * unmounts it, so later tests see the dom0 as before.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenkexec.h>

#include "child.h"
#include "crashkernel.h"
#include "testlib.h"

#define BASE "/tmp/pkg"
#define ROOT BASE "/root"
#define LIBDIR "/usr/lib/x86_64-linux-gnu"
#define REF "/tmp/ref"            /* inside ROOT: each set's files, unpacked */
#define PV "pkg-pv"
#define HVM "pkg-hvm"
#define WORK "/tmp/guests"
#define CONSOLE_DIR "/var/log/xen/console"
#define QEMU "/usr/libexec/xen-qemu-system-i386"
#define INIT_LINE "system-install: init of the PV guest runs"
#define LD_RECORD "/tmp/ld-record"
#define BOOT_WAIT_S 300
#define OUTPUT_MAX 65536

/* The project's packages but the debug symbols, and Debian's own seven. */
static const char *const our_packages[] = {
    "libxentoollog1", "libxentoolcore1",    "libxencall1",   "libxenevtchn1",
    "libxengnttab1",  "libxenforeignmemory1", "libxendevicemodel1", "libxenkexec1",
    "libxenctrl4.17", "libxen-stable-dev",  NULL,
};
#define DEBIAN_SEVEN "libxentoollog1 libxentoolcore1 libxencall1 libxenevtchn1 " \
                     "libxengnttab1 libxenforeignmemory1 libxendevicemodel1"
#define XEN_TOOLS "xenstore-utils xen-utils-common xen-utils-4.17"

/* Which set of files a session must find: "ours" or "debian". */
static const char *set;
static char our_version[128];

/* A shell command line in this process's root, no LD_LIBRARY_PATH, its
 * stdout and stderr into out (or our stderr): its exit status, or -1. */
static int sh(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int sh(char *out, size_t size, const char *fmt, ...)
{
    const struct t_shell how = {
        .timeout_s = 900, .stderr_too = true, .out = out, .size = size,
    };
    va_list ap;
    int status;

    va_start(ap, fmt);
    status = t_vshell_exit(&how, fmt, ap);
    va_end(ap);
    return status;
}

/* sh() as a check of the running case: on failure the command and the
 * end of its output go to stderr.  Whether it exited 0. */
static bool sh_ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool sh_ok(const char *fmt, ...)
{
    static char out[OUTPUT_MAX];
    char cmd[8192];
    size_t len;
    va_list ap;
    int rc;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    rc = sh(out, sizeof(out), "%s", cmd);
    if (CHECKF(rc == 0, "exit status %d: %s", rc, cmd))
        return true;
    len = strlen(out);
    fprintf(stderr, "  output (its end):\n%s\n", out + (len > 3000 ? len - 3000 : 0));
    return false;
}

/*
 * loaded_right - judges the files a process ran (one path a line) against
 * the session's set: each libxen* file is the system's, and byte for byte
 * the file the set's packages have where they have one; each of must
 * (NULL-ended file names: "libxenctrl.so.4.17.0") is among them; under
 * Debian's set libxenkexec, which only the project ships, is not.
 */
static void loaded_right(const char *who, const char *files, const char *const must[])
{
    char seen[4096] = "";
    const char *line, *end;

    for (line = files; *line; line = *end ? end + 1 : end) {
        char name[PATH_MAX], path[PATH_MAX], ref[PATH_MAX + 64];
        const char *base;

        end = strchrnul(line, '\n');
        snprintf(name, sizeof(name), "%.*s", (int)(end - line), line);
        base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
        if (strncmp(base, "libxen", 6) != 0)
            continue;
        /* The file itself: the loader names /lib/..., through usrmerge's
         * link, and the SONAME's link. */
        if (!CHECKF(realpath(name, path), "%s ran %s, which is not there: %s", who, name,
                    strerror(errno)))
            continue;
        base = strrchr(path, '/') + 1;
        CHECKF(strncmp(path, LIBDIR "/", strlen(LIBDIR "/")) == 0 &&
                   !strchr(path + strlen(LIBDIR "/"), '/'),
               "%s ran %s, not a file of " LIBDIR, who, path);
        snprintf(ref, sizeof(ref), REF "/%s%s", set, path);
        if (access(ref, F_OK) == 0)
            CHECKF(sh(NULL, 0, "cmp -s '%s' '%s'", path, ref) == 0,
                   "%s ran %s, which is not the file of %s's packages", who, path, set);
        if (strcmp(set, "debian") == 0)
            CHECKF(strncmp(base, "libxenkexec", 11) != 0, "%s ran %s on Debian's libraries", who,
                   path);
        if (strlen(seen) + strlen(base) + 3 <= sizeof(seen)) {
            strcat(seen, " ");
            strcat(seen, base);
            strcat(seen, " ");
        }
    }
    for (int i = 0; must[i]; i++) {
        char word[128];

        snprintf(word, sizeof(word), " %s ", must[i]);
        CHECKF(strstr(seen, word), "%s did not run %s (it ran:%s)", who, must[i], seen);
    }
}

/* What a libxenctrl user must run: the file and what it stands on, the
 * project's libxenkexec too under the project's set. */
static const char *const ctrl_ours[] = { "libxenctrl.so.4.17.0", "libxencall.so.1.3",
                                         "libxentoollog.so.1.0", "libxenkexec.so.1.1", NULL };
static const char *const ctrl_debian[] = { "libxenctrl.so.4.17.0", "libxencall.so.1.3",
                                           "libxentoollog.so.1.0", NULL };
#define CTRL_USER (strcmp(set, "ours") == 0 ? ctrl_ours : ctrl_debian)

/* The files process pid has mapped, judged by loaded_right(). */
static void maps_right(const char *who, pid_t pid, const char *const must[])
{
    static char files[OUTPUT_MAX];

    if (!CHECKF(pid > 0, "%s is not running", who))
        return;
    sh(files, sizeof(files), "awk '$6 ~ /^\\// { print $6 }' /proc/%d/maps | sort -u", (int)pid);
    loaded_right(who, files, must);
}

/* The shared objects the loader's record at LD_RECORD (LD_DEBUG=libs of
 * a program that ends at once) says it initialised, judged the same. */
static void record_right(const char *who, const char *const must[])
{
    static char files[OUTPUT_MAX];

    sh(files, sizeof(files), "sed -n 's/.*calling init: //p' " LD_RECORD ".* | sort -u");
    loaded_right(who, files, must);
}

/* A number a command prints (a pid, a domain id), or -1. */
static long number_of(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static long number_of(const char *fmt, ...)
{
    char cmd[2048], out[64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    if (sh(out, sizeof(out), "%s", cmd) != 0 || !out[0])
        return -1;
    return strtol(out, NULL, 10);
}

/* ------------------------------------------------------ installing */

/* Each set's files as its packages have them, to compare with. */
static void unpack_references(void)
{
    sh_ok("rm -rf " REF " && mkdir -p " REF "/ours " REF "/debian && "
          "for deb in " PROJECT_DEBS "/*.deb; do case $deb in *-dbgsym_*) ;; "
          "*) dpkg-deb -x \"$deb\" " REF "/ours ;; esac; done && "
          "for p in " DEBIAN_SEVEN " libxenmisc4.17; do "
          "dpkg-deb -x " DEBIAN_DEBS "/${p}_*.deb " REF "/debian; done");
}

static void test_install(void)
{
    char out[256];

    if (!sh_ok("cd " PROJECT_DEBS " && apt-get install -y ./*.deb"))
        return;
    for (int i = 0; our_packages[i]; i++) {
        sh(out, sizeof(out), "dpkg-query -W -f='${db:Status-Status} ${Version}' %s",
           our_packages[i]);
        CHECKF(strncmp(out, "installed ", 10) == 0 && strcmp(out + 10, our_version) == 0,
               "%s: %s, not installed at %s", our_packages[i], out, our_version);
    }
    sh(out, sizeof(out), "dpkg-query -W -f='${db:Status-Status}' libxen-dev");
    CHECKF(strcmp(out, "installed") != 0, "libxen-dev is still installed");
    /* Both of libxenmisc4.17's libxenctrl files aside, where ldconfig
     * does not look, and Debian's bytes there. */
    sh_ok("dpkg-divert --list | grep -c ' by libxenctrl4.17$' | grep -qx 2");
    sh_ok("cmp " LIBDIR "/xen-dropin/libxenctrl.so.4.17.0 "
          REF "/debian" LIBDIR "/libxenctrl.so.4.17.0");
    sh_ok("[ \"$(readlink " LIBDIR "/libxenctrl.so.4.17)\" = libxenctrl.so.4.17.0 ] && "
          "cmp " LIBDIR "/libxenctrl.so.4.17.0 " REF "/ours" LIBDIR "/libxenctrl.so.4.17.0");
    sh_ok("ldconfig -p | grep -Eq 'libxenctrl.so.4.17 .*=> (/usr)?/lib/x86_64-linux-gnu/"
          "libxenctrl.so.4.17$' && "
          "! ldconfig -p | grep -q xen-dropin");
}

/* Debian's Xen tools, over whichever libraries are installed; dpkg
 * checks their versioned dependencies on them. */
static void install_xen_tools(void)
{
    char debs[1024] = "";

    for (const char *p = XEN_TOOLS, *end; *p; p = *end ? end + 1 : end) {
        end = strchrnul(p, ' ');
        snprintf(debs + strlen(debs), sizeof(debs) - strlen(debs), " " DEBIAN_DEBS "/%.*s_*.deb",
                 (int)(end - p), p);
    }
    if (!sh_ok("dpkg -i --ignore-depends=udev%s", debs))
        return;
    /* The administrator's choices: the C xenstored (Debian's default is
     * oxenstored), guests' consoles logged. */
    sh_ok("printf '%%s\\n' XENSTORED=/usr/lib/xen-4.17/bin/xenstored "
          "'XENCONSOLED_ARGS=\"--log=guest --log-dir=" CONSOLE_DIR "\"' >>/etc/default/xen");
}

/* README's way back: Debian's seven and libxen-dev again, the project's
 * other packages removed.  The Xen tools go first and come back after:
 * apt will not act while their udev dependency is missing. */
static void test_go_back(void)
{
    char out[256];

    if (!sh_ok("dpkg -P " XEN_TOOLS) ||
        !sh_ok("cd " DEBIAN_DEBS " && apt-get install -y --allow-downgrades "
               "./libxen*.deb libxenctrl4.17- libxenkexec1- libxen-stable-dev-"))
        return;
    for (int i = 0; our_packages[i]; i++) {
        sh(out, sizeof(out), "dpkg-query -W -f='${db:Status-Status} ${Version}' %s 2>/dev/null",
           our_packages[i]);
        /* Removed, not purged: a package with maintainer scripts stays
         * known as "config-files". */
        CHECKF(strncmp(out, "installed ", 10) != 0 || !strstr(out, our_version),
               "%s: still %s", our_packages[i], out);
    }
    sh_ok("dpkg-query -W -f='${db:Status-Status}\\n' " DEBIAN_SEVEN " libxen-dev | "
          "grep -vx installed | wc -l | grep -qx 0");
    sh_ok("! dpkg-divert --list | grep -q libxenctrl && [ ! -e " LIBDIR "/xen-dropin ]");
    sh_ok("cmp " LIBDIR "/libxenctrl.so.4.17.0 " REF "/debian" LIBDIR "/libxenctrl.so.4.17.0");
    install_xen_tools();
}

/* ------------------------------------------------------ a session */

static void stop_services(void)
{
    sh(NULL, 0, "/etc/init.d/xen stop >/dev/null 2>&1; "
       "[ -f /run/xenstore.pid ] && kill $(cat /run/xenstore.pid); "
       "for i in $(seq 50); do pgrep -x xenstored >/dev/null || break; sleep 0.2; done; "
       "rm -rf /run/xenstored /run/xenstore.pid");
}

static void services(void)
{
    static const char *const xenstored_must[] = { "libxenctrl.so.4.17.0", "libxenevtchn.so.1.2",
                                                  "libxengnttab.so.1.2", NULL };

    if (!sh_ok("mkdir -p /run/lock " CONSOLE_DIR " && /etc/init.d/xen start") ||
        !sh_ok("[ \"$(xenstore-read /local/domain/0/name)\" = Domain-0 ]"))
        return;
    maps_right("xenstored", number_of("cat /run/xenstore.pid"), xenstored_must);
    maps_right("xenconsoled", number_of("cat /run/xenconsoled.pid"), CTRL_USER);
    maps_right("dom0's qemu", number_of("cat /run/qemu-dom0.pid"), CTRL_USER);
    /* xen-init-dom0 has run and ended: again, under the loader's record. */
    if (sh_ok("LD_DEBUG=libs LD_DEBUG_OUTPUT=" LD_RECORD " /usr/lib/xen-4.17/bin/xen-init-dom0"))
        record_right("xen-init-dom0", CTRL_USER);
    sh_ok("rm -f " LD_RECORD ".*");
    sh_ok("xl set-parameters guest_loglvl=all");
}

/* A busybox initramfs and the two guests' configurations, in WORK. */
static void guest_files(void)
{
    const char *kernel = getenv("XENRUN_DOM0_KERNEL");

    if (!CHECKF(kernel, "XENRUN_DOM0_KERNEL unset: run through tests/vm/xen-run"))
        return;
    sh_ok("rm -rf " WORK " && mkdir -p " WORK "/root/bin " WORK "/root/proc && "
          "cp /bin/busybox " WORK "/root/bin/ && "
          "printf '%%s\\n' '#!/bin/busybox sh' '/bin/busybox mount -t proc proc /proc' "
          "'echo \"" INIT_LINE "\"' 'exec /bin/busybox sleep 100000' >" WORK "/root/init && "
          "chmod 755 " WORK "/root/init && "
          "(cd " WORK "/root && find . | cpio -o -H newc -R 0:0 --quiet >../initrd.cpio) && "
          "printf '%%s\\n' 'name = \"" PV "\"' 'type = \"pv\"' 'kernel = \"%s\"' "
          "'ramdisk = \"" WORK "/initrd.cpio\"' 'memory = 128' 'vcpus = 1' "
          "'extra = \"console=hvc0 quiet loglevel=1\"' 'on_poweroff = \"destroy\"' "
          ">" WORK "/pv.cfg && "
          "printf '%%s\\n' 'name = \"" HVM "\"' 'type = \"hvm\"' 'memory = 32' 'vcpus = 1' "
          "'vga = \"none\"' 'vnc = 0' 'device_model_override = \"" QEMU "\"' "
          "'on_reboot = \"destroy\"' "
          ">" WORK "/hvm.cfg", kernel);
}

static bool gone(const char *name)
{
    for (int i = 0; i < 60; i++) {
        if (sh(NULL, 0, "xl domid %s >/dev/null 2>&1", name) != 0)
            return true;
        sleep(1);
    }
    return false;
}

static void pv_guest(void)
{
    pid_t watcher;
    int i;

    if (!sh_ok("rm -f " CONSOLE_DIR "/guest-" PV ".log && xl create " WORK "/pv.cfg"))
        return;
    for (i = 0; i < BOOT_WAIT_S; i++) {
        if (sh(NULL, 0, "grep -q '" INIT_LINE "' " CONSOLE_DIR "/guest-" PV ".log") == 0)
            break;
        sleep(1);
    }
    CHECKF(i < BOOT_WAIT_S, "no \"%s\" in the guest's console log after %d s", INIT_LINE,
           BOOT_WAIT_S);
    /* xl create leaves a child of its own watching the guest. */
    watcher = number_of("pgrep -o -f 'xl create " WORK "/pv.cfg'");
    maps_right("xl (the PV guest's watcher)", watcher, CTRL_USER);
    sh_ok("xl destroy " PV);
    CHECKF(gone(PV), "%s still exists 60 s after xl destroy", PV);
}

static void hvm_guest(void)
{
    long domid;
    int i;

    /* Paused at first: qemu-xen is up, and its maps read, before the
     * firmware runs. */
    if (!sh_ok("xl dmesg -c >/dev/null && xl create -p " WORK "/hvm.cfg"))
        return;
    domid = number_of("xl domid " HVM);
    maps_right("qemu-xen (the HVM guest's)", number_of("pgrep -o -f 'xen-domid %ld '", domid),
               CTRL_USER);
    if (!sh_ok("xl unpause " HVM))
        return;
    /* hvmloader's "pci dev 01:1": qemu's PIIX3 IDE, behind the bridge. */
    for (i = 0; i < BOOT_WAIT_S; i += 5) {
        if (sh(NULL, 0, "xl dmesg | grep -q 'pci dev 01:1'") == 0)
            break;
        sleep(5);
    }
    CHECKF(i < BOOT_WAIT_S, "the firmware found no qemu device in %d s", BOOT_WAIT_S);
    /* With no boot device the firmware reboots the guest, which then ends
     * (on_reboot): either way it must be gone. */
    sh(NULL, 0, "xl destroy " HVM " 2>/dev/null");
    CHECKF(gone(HVM), "%s still exists 60 s after xl destroy", HVM);
}

static void kexec_load_unload(void)
{
    char args[PATH_MAX * 2 + 128];

    if (!t_crash_kernel_args(args, sizeof(args)) || !CHECK_EQ(t_crash_image_status(), 0))
        return;
    if (sh_ok("LD_DEBUG=libs LD_DEBUG_OUTPUT=" LD_RECORD " kexec %s", args))
        record_right("kexec -p", CTRL_USER);
    CHECKF(t_crash_image_status() == 1, "Xen has no crash image loaded after kexec -p");
    sh_ok("rm -f " LD_RECORD ".*");
    if (sh_ok("LD_DEBUG=libs LD_DEBUG_OUTPUT=" LD_RECORD " kexec -p -u"))
        record_right("kexec -p -u", CTRL_USER);
    sh_ok("rm -f " LD_RECORD ".*");
    CHECK_EQ(t_crash_image_status(), 0);
}

/* Every installed ELF of Debian's that needs libxenctrl resolves it to the
 * system's file and binds every symbol it imports (but a Python module's
 * Py* and _Py*, which the interpreter defines). */
static void programs_load(void)
{
    static char out[OUTPUT_MAX];
    const char *last;
    int rc;

    rc = sh(out, sizeof(out),
            "n=0; for f in $(dpkg -L xen-utils-4.17 xen-utils-common libxenmisc4.17 "
            "qemu-system-xen kexec-tools | sort -u); do "
            "[ -f \"$f\" ] && [ ! -L \"$f\" ] && head -c 4 \"$f\" | grep -q ELF || continue; "
            "readelf -d \"$f\" 2>/dev/null | grep -q 'NEEDED.*libxenctrl.so.4.17' || continue; "
            "n=$((n + 1)); t=$(LD_TRACE_LOADED_OBJECTS=1 LD_BIND_NOW=1 LD_WARN=1 "
            "/lib64/ld-linux-x86-64.so.2 \"$f\" 2>&1); "
            "ctrl=$(echo \"$t\" | sed -n 's/.*libxenctrl.so.4.17 => \\([^ ]*\\) .*/\\1/p'); "
            "[ \"$(readlink -f \"$ctrl\")\" = " LIBDIR "/libxenctrl.so.4.17.0 ] || "
            "{ echo \"$f: libxenctrl is $ctrl\"; exit 1; }; "
            "! echo \"$t\" | grep 'undefined symbol' | grep -v 'symbol: _\\?Py' || "
            "{ echo \"$f: unbound\"; exit 1; }; "
            "done; echo $n");
    last = strrchr(out, '\n') ? strrchr(out, '\n') + 1 : out;
    if (!CHECKF(rc == 0 && atoi(last) > 0, "status %d, %s programs: an installed program did "
                "not load, or none needs libxenctrl", rc, last))
        fprintf(stderr, "%s\n", out);
    else
        fprintf(stderr, "  %s installed programs and libraries that need libxenctrl load, "
                "every symbol bound\n", last);
}

static void session(const char *which)
{
    char id[64], what[256];
    static const struct {
        const char *id, *what;
        void (*body)(void);
    } parts[] = {
        { "services", "Debian's init script starts xenstored, xen-init-dom0, xenconsoled and "
                      "dom0's qemu", services },
        { "pv_guest", "xl creates a PV guest that boots to its init, and destroys it", pv_guest },
        { "hvm_guest", "xl creates an HVM guest whose firmware finds qemu-xen, and destroys it",
          hvm_guest },
        { "kexec", "kexec loads and unloads dom0's kernel as the crash kernel",
          kexec_load_unload },
        { "programs_load", "every installed program that links libxenctrl loads with all its "
                           "symbols bound", programs_load },
    };

    set = which;
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        snprintf(id, sizeof(id), "%s.%s", which, parts[i].id);
        snprintf(what, sizeof(what), "on %s packages' files, no LD_LIBRARY_PATH: %s",
                 strcmp(which, "ours") == 0 ? "the project's" : "Debian's", parts[i].what);
        t_case(id, what, parts[i].body);
    }
    stop_services();
}

/* ------------------------------------------------------ the overlay */

/* The child: the overlay as its root, the cases. */
static void cases(void)
{
    if (chroot(ROOT) != 0 || chdir("/") != 0) {
        fprintf(stderr, "system-install: chroot " ROOT ": %s\n", strerror(errno));
        _exit(2);
    }
    unsetenv("LD_LIBRARY_PATH");
    setenv("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1);
    setenv("DEBIAN_FRONTEND", "noninteractive", 1);
    unpack_references();
    guest_files();
    T_CASE(test_install, "apt installs the project's packages: Debian's seven replaced, "
           "libxen-dev removed, libxenmisc4.17's libxenctrl diverted aside");
    t_case("xen_tools", "dpkg installs Debian's Xen tools over them, their versioned "
           "dependencies met", install_xen_tools);
    session("ours");
    T_CASE(test_go_back, "apt puts Debian's libraries back, the project's other packages and "
           "the diversion go");
    session("debian");
    fflush(NULL);
    _exit(t_exit_status());
}

/* Makes ROOT: tmpfs over the bare host root (a bind of this root without
 * what is mounted on it), with the kernel's trees and fresh /tmp, /run. */
static bool make_root(void)
{
    const struct t_shell how = { .timeout_s = 60 };
    int status = t_shell(&how,
        "set -e; mkdir -p " BASE " && mount -t tmpfs tmpfs " BASE " && "
        "mkdir " BASE "/lower " BASE "/upper " BASE "/work " ROOT " && "
        "mount --bind / " BASE "/lower && "
        "mount -t overlay overlay -o lowerdir=" BASE "/lower,upperdir=" BASE "/upper,workdir="
        BASE "/work " ROOT " && "
        "for d in proc sys dev; do mount --rbind /$d " ROOT "/$d; done && "
        "mount -t tmpfs tmpfs " ROOT "/tmp && mount -t tmpfs tmpfs " ROOT "/run && "
        /* No service starts by itself on an install (Policy 9.3.3.1), and
         * man-db's trigger (minutes of indexing, here) is off. */
        "rm -f " ROOT "/var/lib/man-db/auto-update && printf '#!/bin/sh\\nexit 101\\n' >" ROOT "/usr/sbin/policy-rc.d && "
        "chmod 755 " ROOT "/usr/sbin/policy-rc.d");

    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Whatever the child left: guests, then every process whose root is
 * ROOT, then the mounts. */
static void clean_up(void)
{
    const struct t_shell how = { .timeout_s = 120 };

    t_shell(&how, "[ -d " ROOT "/proc/xen ] || exit 0; "
            /* xl without a xenstored would wait on the kernel's xenbus. */
            "if [ -S " ROOT "/run/xenstored/socket ]; then for g in " PV " " HVM "; do "
            "chroot " ROOT " xl destroy $g 2>/dev/null; done; fi; "
            "for p in /proc/[0-9]*; do [ \"$(readlink $p/root)\" = " ROOT " ] && "
            "kill -9 ${p#/proc/} 2>/dev/null; done; sleep 1; "
            "umount -R " ROOT " 2>/dev/null; umount -R " BASE " 2>/dev/null; true");
}

static void test_overlay(void)
{
    CHECK(make_root());
}

static int child_status;

static void test_child(void)
{
    child_status = t_in_child(cases);
    CHECKF(WIFEXITED(child_status), "the child died: status %#x", child_status);
}

int main(void)
{
    FILE *changelog;

    t_expect_library("libxenkexec.so.1", (const void *)xenkexec_open);
    changelog = popen("dpkg-parsechangelog -l " PROJECT_TESTS "/../debian/changelog -SVersion", "r");
    if (changelog) {
        if (fgets(our_version, sizeof(our_version), changelog))
            our_version[strcspn(our_version, "\n")] = '\0';
        pclose(changelog);
    }
    t_clean_up_at_exit(clean_up);
    T_CASE(test_overlay, "a writable overlay over dom0's read-only root, to install into");
    if (t_exit_status() != 0)
        return t_exit_status();
    T_CASE(test_child, "the cases above ran to their end, in a child whose root is the overlay");
    clean_up();
    return t_exit_status() ? t_exit_status() : WEXITSTATUS(child_status);
}
