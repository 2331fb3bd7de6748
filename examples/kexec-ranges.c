/* SPDX-License-Identifier: MIT */
/*
 * kexec-ranges: what Xen's kexec machinery looks like from dom0, through
 * libxenkexec: the memory reserved for a crash kernel, Xen's own range,
 * the vmcoreinfo note dump tools read, each CPU's crash note, and whether
 * a default or crash image is loaded.  Reads only; loads nothing.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include <xenkexec.h>
#include <xentoollog.h>

static void print_range(const char *what, uint64_t start, uint64_t size)
{
    if (size)
        printf("  %-22s %#014" PRIx64 "-%#014" PRIx64 "  %10" PRIu64 " bytes\n", what, start,
               start + size - 1, size);
    else
        printf("  %-22s none\n", what);
}

int main(void)
{
    static const struct {
        unsigned int range;
        const char *what;
    } ranges[] = {
        { XENKEXEC_RANGE_CRASH, "crash region" },
        { XENKEXEC_RANGE_XEN, "Xen" },
        { XENKEXEC_RANGE_VMCOREINFO, "vmcoreinfo note" },
    };
    xentoollog_logger *logger =
        (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_ERROR, 0);
    xenkexec_handle *xk = xenkexec_open(logger, 0);
    uint64_t start, size;
    unsigned int cpu;
    int status = 0;

    if (!xk) {
        xtl_logger_destroy(logger);
        return 1;
    }
    printf("kexec ranges, as Xen reports them (machine addresses):\n");
    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
        if (xenkexec_get_range(xk, ranges[i].range, 0, &start, &size) < 0) {
            status = 1;
            continue;
        }
        print_range(ranges[i].what, start, size);
    }
    /* Xen answers ERANGE past its last CPU. */
    for (cpu = 0; xenkexec_get_range(xk, XENKEXEC_RANGE_CPU_NOTE, cpu, &start, &size) == 0;
         cpu++) {
        char what[32];

        snprintf(what, sizeof(what), "crash note of CPU %u", cpu);
        print_range(what, start, size);
    }
    if (errno != ERANGE)
        status = 1;

    printf("images loaded:\n");
    for (unsigned int type = XENKEXEC_TYPE_DEFAULT; type <= XENKEXEC_TYPE_CRASH; type++) {
        int loaded = xenkexec_status(xk, type);

        if (loaded < 0)
            status = 1;
        printf("  %-22s %s\n", type == XENKEXEC_TYPE_CRASH ? "crash" : "default",
               loaded < 0 ? "(unknown)" : loaded ? "yes" : "no");
    }
    xenkexec_close(xk);
    xtl_logger_destroy(logger);
    return status;
}
