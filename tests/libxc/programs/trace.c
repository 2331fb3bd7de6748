/* SPDX-License-Identifier: MIT */
/*
 * Xen's tracing and lock profiling tools: xentrace_setsize, xentrace (a
 * two-second capture while dom0 forks, read back record by record) and
 * xenlockprof (refused: Debian's Xen has no lock profiling).
 *
 * The trace buffers' size is set once per boot: the first command below
 * sets it (or finds it set, by this program's earlier run or by
 * tests/libxc/diff's tbuf family, which asks for the same 32 pages) and
 * prints both alike; everything after it sees the same buffers on both
 * stacks.  xentrace_format is not run: Debian 12's (xen-utils-common) is
 * Python 2 (a SyntaxError under its Python 3) and Debian ships no formats
 * file for it; the capture is read by the awk below instead.
 */
#include "programs.h"

/* The size tests/libxc/diff/tbuf.c asks for (xentrace's default). */
#define PAGES "32"

/*
 * Reads a capture ($f) as xentrace writes it: records of a header word
 * (event in bits 0-27, extra words in 28-30, a 64-bit cycle count
 * following when bit 31 is set) and their extra words.  Prints whether
 * there were records and which of the classes every capture here has
 * were there: GEN (xentrace's own CPU change records), SCHED and PV (dom0
 * is a PV guest).  The counts themselves change from run to run.  Its
 * first MiB is enough for that (a record cut there still has its header
 * word), and under QEMU reading more can take minutes.  (A
 * prog_run() format: %% for awk's %.)
 */
#define READ_CAPTURE                                                                       \
    "head -c 1048576 \"$f\" | od -An -v -tu4 -w4 | awk '"                                  \
    "skip > 0 { skip--; next }"                                                            \
    "{ w = $1; event = w %% 268435456; n++;"                                                \
    "  skip = int(w / 268435456) %% 8 + (w >= 2147483648 ? 2 : 0);"                         \
    "  class[int(event / 65536)] = 1 }"                                                    \
    "END { print \"records:\", (n > 0 ? \"some\" : \"none\");"                             \
    "  print \"GEN\", class[1] ? \"seen\" : \"missing\";"                                  \
    "  print \"SCHED\", class[2] ? \"seen\" : \"missing\";"                                \
    "  print \"PV\", class[32] ? \"seen\" : \"missing\" }'"

void programs_trace(void)
{
    bool setsize = prog_loads("xentrace_setsize");
    bool xentrace = prog_loads("xentrace");

    if (setsize) {
        prog_run("xentrace_setsize " PAGES ", allocated now or before",
                 "out=$(\"$XENRUN_XEN_BIN/xentrace_setsize\" " PAGES " 2>&1); case $out in "
                 "*'set_size succeeded.'* | *'set_size Hypercall failure: Device or resource "
                 "busy'*) echo allocated ;; *) printf '%%s\\n' \"$out\" ;; esac");
        /* Xen refuses the writable mapping of the size upstream asks for
         * to a PV dom0: the size always reads as unknown. */
        prog_run("xentrace_setsize", "\"$XENRUN_XEN_BIN/xentrace_setsize\"");
        prog_run("xentrace_setsize " PAGES " again",
                 "\"$XENRUN_XEN_BIN/xentrace_setsize\" " PAGES);
        prog_run("xentrace_setsize 64", "\"$XENRUN_XEN_BIN/xentrace_setsize\" 64");
        prog_run("xentrace_setsize 0", "\"$XENRUN_XEN_BIN/xentrace_setsize\" 0");
    }
    if (xentrace)
        prog_run("xentrace -T 2 while dom0 forks",
                 "f=/tmp/programs-trace.$$; (while :; do /bin/true; done) & busy=$!; "
                 "\"$XENRUN_XEN_BIN/xentrace\" -D -S " PAGES " -c all -e 0x0ffff000 -T 2 \"$f\"; "
                 "echo \"xentrace exit $?\"; { kill $busy; wait $busy; } 2>/dev/null; "
                 READ_CAPTURE "; rm -f \"$f\"");
    if (prog_loads("xenlockprof")) {
        prog_run("xenlockprof", "\"$XENRUN_XEN_BIN/xenlockprof\"");
        prog_run("xenlockprof -r", "\"$XENRUN_XEN_BIN/xenlockprof\" -r");
    }
}
