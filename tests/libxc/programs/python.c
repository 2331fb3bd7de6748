/* SPDX-License-Identifier: MIT */
/*
 * The Python module xen.lowlevel.xc of xen-utils-4.17, in the host's
 * python3 (dom0 runs the host's filesystem): xeninfo, physinfo,
 * domain_getinfo and getcpuinfo.
 */
#include "programs.h"

/* What changes between runs (free memory, times, running and blocked) is
 * masked; of the domains only dom0's record is printed. */
static const char python[] =
    "PYTHONPATH=\"$XENRUN_XEN_BIN\"/../lib/python python3 - <<'EOF'\n"
    "import xen.lowlevel.xc as xc\n"
    "x = xc.xc()\n"
    "vary = ('free_memory', 'scrub_memory', 'cpu_time', 'running', 'blocked')\n"
    "def show(what, d):\n"
    "    for k in sorted(d):\n"
    "        print(what, k, '*' if k in vary else d[k])\n"
    "show('xeninfo', x.xeninfo())\n"
    "show('physinfo', x.physinfo())\n"
    "doms = x.domain_getinfo()\n"
    "show('dom0', [d for d in doms if d['domid'] == 0][0])\n"
    "cpus = x.getcpuinfo(max_cpus=64)\n"
    "print('getcpuinfo cpus', len(cpus), 'all idle times > 0',\n"
    "      all(c['idletime'] > 0 for c in cpus))\n"
    "EOF";

void programs_python(void)
{
    prog_run("python xen.lowlevel.xc", "%s", python);
}
