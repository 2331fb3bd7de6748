/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the real libxenkexec where there is no Xen: opening fails
 * cleanly, NULL handles and unknown flags are refused; then, in a child
 * whose /dev/xen/privcmd is /dev/null (every hypercall fails with ENOTTY),
 * bad input is refused with the library's own errno, so before any
 * hypercall, descriptors are close-on-exec and none leaks.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xenkexec.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "child.h"
#include "testlib.h"

/* ------------------------------------------------------------ no Xen */

static void test_open_without_xen(void)
{
    xenkexec_handle *xk;
    char *text;
    int err;

    if (t_have_xen())
        return;
    t_stderr_start();
    xk = xenkexec_open(NULL, 0);
    err = errno;
    text = t_stderr_end();
    CHECK_EQ(xk, NULL);
    CHECKF(err == ENOENT, "errno %d", err);
    /* libxencall says why, once, through the handle's default logger. */
    CHECKF(strcmp(text, "xencall: error: cannot open /dev/xen/privcmd: "
                        "No such file or directory\n") == 0,
           "stderr: \"%s\"", text);
    free(text);
}

static void test_unknown_flags(void)
{
    struct t_fd_set before;
    struct t_capture c;

    t_fds_snapshot(&before);
    t_capture_start(&c);
    BAD_INPUT(xenkexec_open, "unknown flags", NULLPTR(EINVAL), xenkexec_open(c.logger, 1));
    BAD_INPUT(xenkexec_open, "unknown flags (bit 31)", NULLPTR(EINVAL),
              xenkexec_open(c.logger, 1u << 31));
    t_capture_end(&c);
    CHECKF(t_logged(&c, "xenkexec: error: xenkexec_open: unknown flags 0x1:") &&
               t_logged(&c, "xenkexec: error: xenkexec_open: unknown flags 0x80000000"),
           "logged \"%s\"", c.text);
    /* Refused before any device was opened. */
    CHECK(!t_logged(&c, "privcmd"));
    t_check_fds_as_before(&before);
    free(c.text);
}

static void test_null_handle(void)
{
    xenkexec_segment seg = { NULL, 0, 0, 4096 };
    uint64_t start, size;

    BAD_INPUT(xenkexec_close, "NULL handle", RETURNS(0), xenkexec_close(NULL));
    BAD_INPUT(xenkexec_load, "NULL handle", MINUS1(EINVAL),
              xenkexec_load(NULL, XENKEXEC_TYPE_CRASH, EM_X86_64, 0, &seg, 1));
    BAD_INPUT(xenkexec_unload, "NULL handle", MINUS1(EINVAL),
              xenkexec_unload(NULL, XENKEXEC_TYPE_CRASH));
    BAD_INPUT(xenkexec_status, "NULL handle", MINUS1(EINVAL),
              xenkexec_status(NULL, XENKEXEC_TYPE_CRASH));
    BAD_INPUT(xenkexec_exec, "NULL handle", MINUS1(EINVAL),
              xenkexec_exec(NULL, XENKEXEC_TYPE_CRASH));
    BAD_INPUT(xenkexec_get_range, "NULL handle", MINUS1(EINVAL),
              xenkexec_get_range(NULL, XENKEXEC_RANGE_CRASH, 0, &start, &size));
}

static void test_failed_opens_leak_nothing(void)
{
    struct t_capture c;
    int fds = t_open_fds();

    if (t_have_xen())
        return;
    t_capture_start(&c);
    for (int i = 0; i < 200; i++)
        CHECK_EQ(xenkexec_open(c.logger, (unsigned)i & 1), NULL);
    t_capture_end(&c);
    free(c.text);
    CHECK_EQ(t_open_fds(), fds);
}

/* ------------------------------------------------------------ fake privcmd */

static xenkexec_handle *fake;
static struct t_capture fake_log;
static struct t_fd_set fake_before;

static void test_fake_open(void)
{
    int opened;

    if (!CHECK_NE(fake, NULL))
        return;
    opened = t_check_new_fds_cloexec(&fake_before);
    CHECKF(opened == 1, "%d fds opened", opened);
}

/* One refused load: the library's errno, not the fake driver's ENOTTY. */
#define REFUSED(call, want)                                                                   \
    do {                                                                                      \
        int rc_, err_;                                                                        \
        errno = 0;                                                                            \
        rc_ = (call);                                                                         \
        err_ = errno;                                                                         \
        CHECKF(rc_ == -1 && err_ == (want), "%s: %d, errno %d", #call, rc_, err_);             \
    } while (0)

static void test_fake_bad_loads(void)
{
    xenkexec_segment s[XENKEXEC_MAX_SEGMENTS + 1];
    static const char page[4096];

    memset(s, 0, sizeof(s));
    for (unsigned i = 0; i <= XENKEXEC_MAX_SEGMENTS; i++)
        s[i] = (xenkexec_segment){ page, sizeof(page), 0x100000 + 0x2000 * (uint64_t)i, 4096 };
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, NULL, 1), EINVAL);
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 0), EINVAL);
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 16), E2BIG);
    REFUSED(xenkexec_load(fake, 2, EM_X86_64, 0, s, 1), EINVAL);
    s[0].dest_maddr = 0x100800;
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 1), EADDRNOTAVAIL);
    s[0].dest_maddr = 0x100000;
    s[0].dest_size = 4095;
    s[0].buf_size = 100;
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 1), EADDRNOTAVAIL);
    s[0].buf_size = 4096;
    s[0].dest_size = 0x3000;
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 2), EINVAL);
    s[0].dest_size = 4096;
    s[0].buf_size = 8192;
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 1), EINVAL);
    s[0].buf = NULL;
    s[0].buf_size = 1;
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 1), EINVAL);
    s[0] = (xenkexec_segment){ NULL, 0, UINT64_MAX - 4095, 8192 };
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0, s, 1), EINVAL);
    /* A good image reaches the driver, whose refusal is reported. */
    s[0] = (xenkexec_segment){ page, sizeof(page), 0x100000, 4096 };
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_DEFAULT, EM_X86_64, 0x100000, s, 1), ENOTTY);
    /* For a crash image the library first asks Xen for the region. */
    REFUSED(xenkexec_load(fake, XENKEXEC_TYPE_CRASH, EM_X86_64, 0x100000, s, 1), ENOTTY);
    CHECKF(t_logged(&fake_log, "xenkexec: error: xenkexec_load: 16 segments, Xen takes at most 15") &&
               t_logged(&fake_log, "xenkexec: error: xenkexec_load: segments 0 and 1 overlap") &&
               t_logged(&fake_log, "xenkexec: error: xenkexec_load: Xen refused the default image") &&
               t_logged(&fake_log, "xenkexec: error: xenkexec_load: cannot ask Xen for the crash "
                                   "region: Inappropriate ioctl for device"),
           "logged \"%s\"", t_capture_text(&fake_log));
}

static void test_fake_bad_calls(void)
{
    uint64_t start = 7, size = 7;

    REFUSED(xenkexec_get_range(fake, 7, 0, &start, &size), EINVAL);
    REFUSED(xenkexec_get_range(fake, XENKEXEC_RANGE_XEN, 3, &start, &size), EINVAL);
    REFUSED(xenkexec_get_range(fake, XENKEXEC_RANGE_CPU_NOTE, 0x80000000u, &start, &size),
            ERANGE);
    REFUSED(xenkexec_get_range(fake, XENKEXEC_RANGE_CRASH, 0, NULL, &size), EINVAL);
    REFUSED(xenkexec_status(fake, 2), EINVAL);
    REFUSED(xenkexec_unload(fake, 2), EINVAL);
    REFUSED(xenkexec_exec(fake, 2), EINVAL);
    CHECK(start == 7 && size == 7);
    /* Good requests reach the driver. */
    REFUSED(xenkexec_get_range(fake, XENKEXEC_RANGE_CRASH, 0, &start, &size), ENOTTY);
    REFUSED(xenkexec_status(fake, XENKEXEC_TYPE_CRASH), ENOTTY);
    REFUSED(xenkexec_exec(fake, XENKEXEC_TYPE_CRASH), ENOTTY);
}

static void test_fake_restricted(void)
{
    uint64_t start, size;

    CHECK_EQ(xentoolcore_restrict_all(0), 0);
    REFUSED(xenkexec_get_range(fake, XENKEXEC_RANGE_CRASH, 0, &start, &size), EPERM);
    REFUSED(xenkexec_status(fake, XENKEXEC_TYPE_CRASH), EPERM);
    REFUSED(xenkexec_unload(fake, XENKEXEC_TYPE_CRASH), EPERM);
    REFUSED(xenkexec_exec(fake, XENKEXEC_TYPE_DEFAULT), EPERM);
    CHECKF(t_logged(&fake_log, "xenkexec: error: xenkexec_exec: the handle was restricted"),
           "logged \"%s\"", t_capture_text(&fake_log));
}

static void test_fake_close(void)
{
    CHECK_EQ(xenkexec_close(fake), 0);
    t_check_fds_as_before(&fake_before);
}

/* The cases of a child whose /dev/xen/privcmd is /dev/null. */
static void fake_driver_cases(void)
{
    t_fds_snapshot(&fake_before);
    t_capture_start(&fake_log);
    fake = xenkexec_open(fake_log.logger, 0);
    T_CASE(test_fake_open, "kexec: fake privcmd: the handle opens, its fd close-on-exec");
    if (fake) {
        T_CASE(test_fake_bad_loads, "kexec: fake privcmd: bad images refused before any hypercall");
        T_CASE(test_fake_bad_calls,
               "kexec: fake privcmd: bad ranges and types refused before any hypercall");
        T_CASE(test_fake_restricted,
               "kexec: fake privcmd: restricted, every call fails with EPERM");
    }
    T_CASE(test_fake_close, "kexec: fake privcmd: closing leaves no fd open");
    t_capture_end(&fake_log);
    free(fake_log.text);
}

static void test_fake_driver(void)
{
    static const char *const privcmd[] = { "privcmd", NULL };

    t_in_child_with_fake_devices(privcmd, fake_driver_cases);
}

int main(void)
{
    t_expect_library("libxenkexec.so.1", (const void *)xenkexec_open);
    T_CASE(test_open_without_xen, "kexec: open without Xen fails with ENOENT and says why");
    T_CASE(test_unknown_flags, "kexec: unknown open flags refused and logged, nothing opened");
    T_CASE(test_null_handle, "kexec: a NULL handle is refused with EINVAL");
    T_CASE(test_failed_opens_leak_nothing, "kexec: failed opens leave no fd behind");
    T_CASE(test_fake_driver, "kexec: with a fake privcmd (child)");
    return t_exit_status();
}
