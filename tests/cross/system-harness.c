/* SPDX-License-Identifier: MIT */
/*
 * The first system test: proves it runs inside a Xen dom0 on the real
 * hypervisor, with the project's libraries loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xentoolcore.h>
#include <xentoollog.h>

#include "testlib.h"

/* The first line of a small kernel file, or "" when it cannot be read. */
static const char *first_line(const char *path)
{
    static char line[128];
    FILE *f = fopen(path, "re");

    line[0] = '\0';
    if (f) {
        if (!fgets(line, sizeof(line), f))
            line[0] = '\0';
        fclose(f);
    }
    line[strcspn(line, "\n")] = '\0';
    return line;
}

/* The Xen that tests/vm/xen-run booted (XENRUN_XEN: 4.17 or 4.20), as
 * dom0's kernel reads its version. */
static void test_hypervisor_is_the_booted_xen(void)
{
    const char *booted = getenv("XENRUN_XEN");
    char version[64];

    CHECKF(strcmp(first_line("/sys/hypervisor/type"), "xen") == 0, "hypervisor type \"%s\"",
           first_line("/sys/hypervisor/type"));
    if (!CHECKF(booted != NULL, "XENRUN_XEN is not set: not a tests/vm/xen-run boot?"))
        return;
    snprintf(version, sizeof(version), "%s.", first_line("/sys/hypervisor/version/major"));
    snprintf(version + strlen(version), sizeof(version) - strlen(version), "%s",
             first_line("/sys/hypervisor/version/minor"));
    CHECK_STREQ(version, booted);
}

static void test_in_control_domain(void)
{
    CHECKF(strcmp(first_line("/proc/xen/capabilities"), "control_d") == 0,
           "capabilities \"%s\"", first_line("/proc/xen/capabilities"));
}

static void test_privcmd_opens(void)
{
    int fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);

    CHECKF(fd >= 0, "open /dev/xen/privcmd: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
}

int main(void)
{
    t_expect_library("libxentoollog.so.1", (const void *)xtl_log);
    t_expect_library("libxentoolcore.so.1", (const void *)xentoolcore_restrict_all);
    T_CASE(test_hypervisor_is_the_booted_xen, "hypervisor is the Xen xen-run booted");
    T_CASE(test_in_control_domain, "running in the control domain");
    T_CASE(test_privcmd_opens, "/dev/xen/privcmd opens");
    return t_exit_status();
}
