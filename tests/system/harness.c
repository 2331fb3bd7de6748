/*
 * The first system test: proves it runs inside a Xen dom0 on the real
 * hypervisor, with the project's libraries loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <xentoolcore.h>
#include <xentoollog.h>

#include "testlib.h"

static int read_sys_int(const char *path)
{
    FILE *f = fopen(path, "re");
    int value = -1;

    if (f) {
        if (fscanf(f, "%d", &value) != 1)
            value = -1;
        fclose(f);
    }
    return value;
}

static void test_hypervisor_is_xen_4_17(void)
{
    char type[16] = "";
    FILE *f = fopen("/sys/hypervisor/type", "re");

    if (CHECK(f != NULL)) {
        CHECK(fgets(type, sizeof(type), f) != NULL);
        fclose(f);
    }
    CHECKF(strcmp(type, "xen\n") == 0, "hypervisor type \"%s\"", type);
    CHECK(read_sys_int("/sys/hypervisor/version/major") == 4);
    CHECK(read_sys_int("/sys/hypervisor/version/minor") == 17);
}

static void test_in_control_domain(void)
{
    char caps[64] = "";
    FILE *f = fopen("/proc/xen/capabilities", "re");

    if (CHECK(f != NULL)) {
        CHECK(fgets(caps, sizeof(caps), f) != NULL);
        fclose(f);
    }
    CHECKF(strncmp(caps, "control_d", 9) == 0, "capabilities \"%s\"", caps);
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
    t_run("hypervisor is Xen 4.17", test_hypervisor_is_xen_4_17);
    t_run("running in the control domain", test_in_control_domain);
    t_run("/dev/xen/privcmd opens", test_privcmd_opens);
    return t_exit_status();
}
