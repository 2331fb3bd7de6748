/* SPDX-License-Identifier: MIT */
/*
 * libxenkexec's first outside client: Debian 12's kexec-tools, ported to
 * it (clients/kexec-tools, built by make check as KEXEC_PORT).  The port
 * loads dom0's own kernel as the crash kernel, reports it loaded and
 * unloads it, on libxenkexec alone: its NEEDED list, its maps at its first
 * hypercall (e2e-maps) and the dynamic loader's record (ldrecord.h) each
 * show libxenkexec and no libxenctrl.  Xen's state is read back through
 * libxenkexec by the test itself.
 *
 * Then the crash header: `kexec -d -p` prints the ELF core header it puts
 * in the crash image (a note per CPU, Xen's vmcoreinfo, the crash memory
 * ranges) and every segment's place.  Debian's own kexec on upstream's
 * libxenctrl and the port on libxenkexec, loaded in turn, must print the
 * same, and the notes must be where Xen says they are.
 *
 * The crash kernel is never started here: tests/kexec/e2e does that.
 * Needs Xen booted with crashkernel= (tests/vm/xen-run does so).
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>

#include <xenkexec.h>

#include "child.h"
#include "crashkernel.h"
#include "ldrecord.h"
#include "testlib.h"

#define LD_RECORD "/tmp/kexec-port-ld-debug"
#define OUT_SIZE (256 * 1024)

static const char *libdir;
static char load_args[PATH_MAX * 2 + 128];

/* Runs cmd on the libraries of dir (NULL: the system's, upstream's), its
 * stdout and stderr into out when out is not NULL; its exit status, or -1
 * if it did not exit. */
static int run(const char *dir, const char *cmd, char *out)
{
    struct t_shell how = { .timeout_s = 300, .libdir = dir, .stderr_too = true, .out = out,
                           .size = out ? OUT_SIZE : 0 };
    int status = t_shell(&how, cmd);

    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The port with args, on the libraries under test, the loader recording. */
static int port(const char *args, char *out)
{
    char cmd[PATH_MAX * 4];

    snprintf(cmd, sizeof(cmd), "%s %s %s", t_ld_record_env(LD_RECORD), KEXEC_PORT, args);
    return run(libdir, cmd, out);
}

/* The port ran libxenkexec (and libxencall under it) from libdir, and no
 * libxenctrl from anywhere. */
static void ran_on_libxenkexec(void)
{
    static const char *const want[] = { "libxenkexec.so.1", "libxencall.so.1", NULL };
    static const char *const unwanted[] = { "libxenctrl.so", NULL };

    t_ld_record_check(LD_RECORD, libdir, want, unwanted);
}

static void needs_libxenkexec_alone(void)
{
    static char out[OUT_SIZE];
    char cmd[PATH_MAX + 64];

    snprintf(cmd, sizeof(cmd), "readelf -d %s", KEXEC_PORT);
    if (!CHECK_EQ(run(NULL, cmd, out), 0))
        return;
    CHECKF(strstr(out, "Shared library: [libxenkexec.so.1]"), "the port does not need libxenkexec");
    CHECKF(!strstr(out, "libxenctrl"), "the port needs libxenctrl:\n%s", out);
}

/* Each libxen* line of e2e-maps' output (out, cut up here) names a file of
 * libdir; libxenkexec and libxencall are there, libxenctrl is not. */
static void check_maps(char *out)
{
    char dir[PATH_MAX], mark[PATH_MAX + 64], *line, *save;
    int kx = 0, call = 0, bad = 0;

    if (!CHECK_NE(realpath(libdir, dir), NULL))
        return;
    snprintf(mark, sizeof(mark), " at its first privcmd ioctl maps %s/", dir);
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "kexec-e2e-maps: ", 16) != 0)
            continue;
        if (!strstr(line, mark) || strstr(line, "/libxenctrl")) {
            fprintf(stderr, "  %s\n", line);
            bad++;
        }
        kx += strstr(line, "/libxenkexec.so.1") != NULL;
        call += strstr(line, "/libxencall.so.1") != NULL;
    }
    CHECKF(kx == 1 && call == 1 && bad == 0,
           "at its first hypercall the port maps libxenkexec %d, libxencall %d times from %s, "
           "and %d other lines (above)", kx, call, dir, bad);
}

static void load(void)
{
    static char out[OUT_SIZE];
    char maps[PATH_MAX], cmd[sizeof(load_args) + PATH_MAX * 3];

    if (!t_crash_kernel_args(load_args, sizeof(load_args)) ||
        !CHECK_EQ(t_crash_image_status(), 0) ||
        !CHECK(t_sibling_path("e2e-maps", maps, sizeof(maps))))
        return;
    /* e2e-maps runs the port and prints its maps at its first hypercall;
     * the loader records the port's libraries alone. */
    snprintf(cmd, sizeof(cmd), "%s env %s %s %s", maps, t_ld_record_env(LD_RECORD), KEXEC_PORT,
             load_args);
    if (!CHECKF(run(libdir, cmd, out) == 0, "kexec -p failed:\n%s", out))
        return;
    check_maps(out);
    ran_on_libxenkexec();
    CHECKF(t_crash_image_status() == 1, "Xen has no crash image loaded");
}

static void status_loaded(void)
{
    /* kexec-tools answers "loaded" with 1. */
    CHECK_EQ(port("-S -p", NULL), 1);
    ran_on_libxenkexec();
}

static void unload(void)
{
    CHECK_EQ(port("-p -u", NULL), 0);
    ran_on_libxenkexec();
    CHECK_EQ(t_crash_image_status(), 0);
    CHECK_EQ(port("-S -p", NULL), 0);
}

/* Blanks what only says where the program's own buffers were: the address
 * after "kernel: " and after "segment[N].buf   = ". */
static void forget_buffers(char *out)
{
    static const char *const marks[] = { "kernel: 0x", ".buf   = 0x" };

    for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
        for (char *p = out; (p = strstr(p, marks[m])); ) {
            p += strlen(marks[m]);
            while (strchr("0123456789abcdef", *p) && *p)
                *p++ = 'x';
        }
}

/* out holds the ELF header line "PREFIX: p_type = 4, p_offset = 0xSTART
 * ... p_filesz = 0xSIZE" of a note Xen placed at start, of size size. */
static bool has_note(const char *out, const char *prefix, uint64_t start, uint64_t size)
{
    char line[256];

    snprintf(line, sizeof(line), "%s: p_type = 4, p_offset = 0x%" PRIx64 " p_paddr = 0x%" PRIx64
             " p_vaddr = 0x0 p_filesz = 0x%" PRIx64 " ", prefix, start, start, size);
    return strstr(out, line) != NULL;
}

/* The port's header holds a note per CPU and Xen's vmcoreinfo, each where
 * Xen reports it. */
static void check_notes(const char *out)
{
    xenkexec_handle *xk = xenkexec_open(NULL, 0);
    uint64_t start, size;
    unsigned int cpu;

    if (!CHECK_NE(xk, NULL))
        return;
    for (cpu = 0; xenkexec_get_range(xk, XENKEXEC_RANGE_CPU_NOTE, cpu, &start, &size) == 0; cpu++)
        CHECKF(has_note(out, "Elf header", start, size),
               "no crash note of CPU %u at %#" PRIx64 " (%#" PRIx64 " bytes)", cpu, start, size);
    CHECK_EQ(errno, ERANGE);
    CHECK_GT(cpu, 0u);
    if (CHECK_EQ(xenkexec_get_range(xk, XENKEXEC_RANGE_VMCOREINFO, 0, &start, &size), 0))
        CHECKF(has_note(out, "vmcoreinfo header", start, size),
               "no vmcoreinfo note at %#" PRIx64 " (%#" PRIx64 " bytes)", start, size);
    xenkexec_close(xk);
}

/* Where a and b begin to differ: up to 30 lines of each, from there. */
static void show_difference(const char *a, const char *b)
{
    int line = 1, n;

    while (*a && *a == *b) {
        line += *a == '\n';
        a++, b++;
    }
    while (line > 1 && a[-1] != '\n')
        a--, b--;
    for (n = 0; n < 2; n++) {
        const char *p = n ? b : a, *end = p;

        for (int i = 0; i < 30 && *end; i++)
            end += strcspn(end, "\n") + (end[strcspn(end, "\n")] != '\0');
        fprintf(stderr, "  %s, from line %d:\n%.*s\n", n ? "the port's" : "Debian's", line,
                (int)(end - p), p);
    }
}

static void crash_header_as_debian(void)
{
    static char debian[OUT_SIZE], ported[OUT_SIZE];
    char args[sizeof(load_args) + 8], cmd[sizeof(args) + 16];

    unsigned char byte;

    if (!t_crash_kernel_args(load_args, sizeof(load_args)) || !CHECK_EQ(t_crash_image_status(), 0))
        return;
    /* kexec gives the crash kernel a random seed (a segment of its own)
     * only once the kernel's random generator is ready, which may happen
     * between the two runs in a freshly booted dom0: wait for it first
     * (a blocking getrandom makes the kernel gather entropy). */
    if (!CHECK_EQ(getrandom(&byte, 1, 0), 1))
        return;
    snprintf(args, sizeof(args), "-d %s", load_args);
    snprintf(cmd, sizeof(cmd), "/sbin/kexec %s", args);
    if (!CHECKF(run(NULL, cmd, debian) == 0, "Debian's kexec -d -p failed:\n%s", debian))
        return;
    CHECK_EQ(run(NULL, "/sbin/kexec -p -u", NULL), 0);
    if (!CHECKF(port(args, ported) == 0, "the port's kexec -d -p failed:\n%s", ported))
        return;
    ran_on_libxenkexec();
    CHECK_EQ(t_crash_image_status(), 1);
    CHECK_EQ(port("-p -u", NULL), 0);
    forget_buffers(debian);
    forget_buffers(ported);
    if (!CHECKF(strcmp(debian, ported) == 0,
                "the port's crash image differs from Debian's kexec's"))
        show_difference(debian, ported);
    check_notes(ported);
}

int main(void)
{
    libdir = t_libdir_under_test();
    t_expect_library("libxenkexec.so.1", (const void *)xenkexec_open);
    T_CASE(needs_libxenkexec_alone, "kexec-tools port: needs libxenkexec.so.1, not libxenctrl");
    T_CASE(load, "kexec-tools port: loads dom0's kernel as the crash kernel on libxenkexec alone");
    T_CASE(status_loaded, "kexec-tools port: reports it loaded");
    T_CASE(unload, "kexec-tools port: unloads it; Xen has none loaded");
    T_CASE(crash_header_as_debian, "kexec-tools port: the crash header and segments of `kexec -d "
           "-p` are Debian's kexec's on upstream's libraries, the notes where Xen has them");
    return t_exit_status();
}
