/* SPDX-License-Identifier: MIT */
/*
 * Upstream's debugging tools on a real PV guest: xenctx (a vCPU's
 * registers and stack, read through xc_vcpu_getcontext and
 * xc_translate_foreign_address) and xl dump-core (libxenguest's core
 * dump over the libxenctrl under test).  Each run makes its own guest
 * with xl on the stack under test, created paused: xenctx reads it before
 * it first runs, when vCPU 0 holds what the domain builder set, the same
 * on both runs but for what depends on machine frames (cr3), which is
 * masked.  The guest is then unpaused until its /init has printed its
 * line (the kernel has published its p2m, which libxenguest's dump
 * needs), paused again with xl, and dumped with xl dump-core: its Xen
 * notes (readelf -x .note.Xen: the header with vCPU and page counts, and
 * the hypervisor's version) and its sections' names and types must be
 * the same on both stacks, for guests made alike.  The guest
 * is destroyed at the end of the run, and the daemons this run started
 * are stopped.
 */
#include <stdio.h>
#include <stdlib.h>

#include "programs.h"
#include "services.h"
#include "xlguest.h"

#define CONSOLE_DIR "/var/log/xen/console"
#define GUEST_MEMORY_MB 128
#define GUEST_LINE "debug guest up"
/* A PV kernel's boot to its /init under TCG, with a margin. */
#define BOOT_TIMEOUT_S 240

static void xenctx(const struct xlguest *g)
{
    prog_run("xenctx", "\"$XENRUN_XEN_BIN\"/xenctx -a %d 0 2>&1 | "
             "sed -E 's/^( *cr3: *)[0-9a-f]+/\\1CR3/'", g->domid);
    prog_run("xenctx of vcpu 5", "\"$XENRUN_XEN_BIN\"/xenctx %d 5 2>&1", g->domid);
}

/* The guest run until its /init's line, then paused again: whether it
 * got there. */
static bool boot_and_pause(struct xlguest *g)
{
    bool up = xlguest_unpause(g) && xlguest_await_console(g, GUEST_LINE, BOOT_TIMEOUT_S);

    t_result("debug/the guest booted to its /init", "%s", up ? "yes" : "no");
    return up && prog_run("xl pause", "\"$XENRUN_XEN_BIN\"/xl pause %d 2>&1", g->domid) == 0;
}

/* The notes of the core and its sections' names and types. */
static void dump_core(const struct xlguest *g)
{
    char core[sizeof(g->workdir) + 16];

    snprintf(core, sizeof(core), "%s/core", g->workdir);
    if (prog_run("xl dump-core", "\"$XENRUN_XEN_BIN\"/xl dump-core %d '%s' 2>&1 | "
                 "sed -E 's/Domain [0-9]+/Domain N/; s#/tmp/[^ :]*#PATH#g'", g->domid,
                 core) != 0)
        return;
    prog_run("readelf -n of the core", "readelf -n -W '%s' 2>&1 | grep -v '^ *$' | "
             "sed -E 's#/tmp/[^ :]*#PATH#g'", core);
    /* readelf -n finds no notes in a Xen core, whoever wrote it: the
     * notes' section byte for byte. */
    prog_run("the core's .note.Xen", "readelf -x .note.Xen '%s' 2>&1 | grep -v '^ *$'", core);
    prog_run("readelf -S of the core",
             "readelf -S -W '%s' 2>&1 | awk '/^ *\\[ *[0-9]+\\]/ { sub(/^ *\\[ *[0-9]+\\] */, \"\"); "
             "print $1, $2 }'", core);
    prog_run("core file", "rm -f '%s' && echo removed", core);
}

void programs_debug(void)
{
    static const char *const none[] = { NULL };
    struct xlguest guest = { .domid = -1, .guard_fd = -1 };
    bool started_xenstored = false;
    pid_t xenconsoled = -1;
    bool ready;

    prog_loads("xenctx");
    prog_loads("xl");
    ready = svc_xenstored_start(&started_xenstored);
    if (ready && !svc_find("xenconsoled")) {
        xenconsoled = svc_xenconsoled_start(CONSOLE_DIR);
        ready = xenconsoled > 0;
    }
    ready = ready && xlguest_initramfs(&guest, "debug", "echo " GUEST_LINE, none, none);
    /* xl, and libxenguest under it, on the stack under test. */
    guest.libdir = getenv("LD_LIBRARY_PATH");
    ready = ready && xlguest_create(&guest, CONSOLE_DIR, GUEST_MEMORY_MB, true) > 0;
    t_result("debug/a paused PV guest", "%s", ready ? "made" : "not made");
    if (ready) {
        xenctx(&guest);
        if (boot_and_pause(&guest))
            dump_core(&guest);
    }
    if (guest.domid > 0)
        t_result("debug/the guest destroyed", "%s", xlguest_destroy(&guest) ? "yes" : "no");
    xlguest_remove_files(&guest);
    svc_stop_started(&xenconsoled, &started_xenstored);
}
