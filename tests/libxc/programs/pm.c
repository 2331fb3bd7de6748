/* SPDX-License-Identifier: MIT */
/*
 * Power management and CPU hotplug: xenpm's read-only commands, its
 * C-state limit set, read back and restored, and xen-hptool taking CPU 1
 * offline and back (the topology read in between).  Under QEMU Xen has
 * C0 and C1 and no cpufreq driver.  Times and counters are replaced by N.
 */
#include "programs.h"

#define XENPM "\"$XENRUN_XEN_BIN\"/xenpm"
#define HPTOOL "\"$XENRUN_XEN_BIN\"/xen-hptool"

/* get-cpuidle-states: idle time, transition counts, residencies. */
#define CX_TIMES " | sed -E 's/\\[ *[0-9]+/[N/; s/^(idle time\\(ms\\) *: ).*/\\1N/'"
/* start: the elapsed time and each state's figures. */
#define SAMPLE_TIMES                                                             \
    " | sed -E 's/^(Elapsed time \\(ms\\): ).*/\\1N/; "                          \
    "s/^([[:space:]]+(C|P|PC|CC)[0-9]+)[[:space:]].*/\\1 N/; s/^(  Avg freq).*/\\1 N/'"

/* cmd's output (stderr too) through filter, its exit status as a last
 * line (the pipeline's own is the filter's). */
#define FILTERED(cmd, filter) "{ " cmd "; echo exit status $?; } 2>&1" filter

void programs_pm(void)
{
    prog_loads("xenpm");
    prog_loads("xen-hptool");
    prog_run("xenpm get-cpuidle-states", FILTERED(XENPM " get-cpuidle-states", CX_TIMES));
    prog_run("xenpm get-cpuidle-states 1", FILTERED(XENPM " get-cpuidle-states 1", CX_TIMES));
    prog_run("xenpm get-cpuidle-states of no CPU", XENPM " get-cpuidle-states 4096");
    prog_run("xenpm get-cpufreq-states", XENPM " get-cpufreq-states");
    prog_run("xenpm get-cpufreq-para", XENPM " get-cpufreq-para");
    prog_run("xenpm get-cpufreq-para 1", XENPM " get-cpufreq-para 1");
    prog_run("xenpm get-cpufreq-average", XENPM " get-cpufreq-average");
    prog_run("xenpm get-cpu-topology", XENPM " get-cpu-topology");
    prog_run("xenpm start 1", FILTERED(XENPM " start 1", SAMPLE_TIMES));
    /* The limits as found, set to C2 and sub-state 0, then put back. */
    prog_run("xenpm set-max-cstate",
             "limits() { " XENPM " get-cpuidle-states 0 | grep -E '^(Max possible|All C)'; }; "
             "c=$(limits | sed -n 's/^Max possible C-state: C//p'); "
             "s=$(limits | sed -n 's/^Max possible substate: //p'); "
             "echo as found:; limits; "
             XENPM " set-max-cstate 2 0; echo set: $?; limits; "
             XENPM " set-max-cstate ${c:-unlimited} ${s:-unlimited}; echo restored: $?; limits");
    prog_run("xenpm set-max-cstate bad", XENPM " set-max-cstate -1");
    /* CPU 1 offline, the topology then, and online again whatever the
     * offline said. */
    prog_run("xen-hptool cpu-offline 1", HPTOOL " cpu-offline 1");
    prog_run("xenpm get-cpu-topology offline", XENPM " get-cpu-topology");
    prog_run("xen-hptool cpu-offline 1 again", HPTOOL " cpu-offline 1");
    prog_run("xen-hptool cpu-online 1", HPTOOL " cpu-online 1");
    prog_run("xen-hptool cpu-online 1 again", HPTOOL " cpu-online 1");
    prog_run("xen-hptool smt-enable", HPTOOL " smt-enable");
    prog_run("xenpm get-cpu-topology online", XENPM " get-cpu-topology");
}
