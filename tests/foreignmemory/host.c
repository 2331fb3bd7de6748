/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxenforeignmemory where there is no Xen: opening fails
 * cleanly; and, in a child whose /dev/xen/privcmd is /dev/null (a mount
 * namespace of its own), a handle opens close-on-exec, every argument
 * check refuses bad input with EINVAL and a message before the driver is
 * asked, what the driver refuses comes back as errno, and nothing leaks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenforeignmemory.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "child.h"
#include "testlib.h"

static void test_open_without_driver(void)
{
    struct t_capture c;
    struct t_fd_set before;

    if (t_have_xen()) {
        fprintf(stderr, "  this machine has a privcmd driver: nothing to check\n");
        return;
    }
    t_fds_snapshot(&before);
    t_capture_start(&c);
    BAD_INPUT(xenforeignmemory_open, "no driver (/dev/xen/privcmd absent)", NULLPTR(ENOENT),
              xenforeignmemory_open(c.logger, 0));
    CHECKF(strcmp(t_capture_end(&c), "xenforeignmemory: error: cannot open /dev/xen/privcmd: "
                                     "No such file or directory\n") == 0,
           "logged \"%s\"", c.text);
    free(c.text);
    t_check_fds_as_before(&before);
}

static void test_null_handle(void)
{
    xen_pfn_t gfn = 1;
    void *addr = NULL;
    size_t size;

    BAD_INPUT(xenforeignmemory_close, "NULL handle", RETURNS(0), xenforeignmemory_close(NULL));
    BAD_INPUT(xenforeignmemory_map, "NULL handle", NULLPTR(EINVAL),
              xenforeignmemory_map(NULL, 1, PROT_READ, 1, &gfn, NULL));
    BAD_INPUT(xenforeignmemory_map2, "NULL handle", NULLPTR(EINVAL),
              xenforeignmemory_map2(NULL, 1, NULL, PROT_READ, 0, 1, &gfn, NULL));
    BAD_INPUT(xenforeignmemory_unmap, "NULL handle", MINUS1(EINVAL),
              xenforeignmemory_unmap(NULL, &gfn, 1));
    BAD_INPUT(xenforeignmemory_restrict, "NULL handle", MINUS1(EINVAL),
              xenforeignmemory_restrict(NULL, 1));
    BAD_INPUT(xenforeignmemory_map_resource, "NULL handle", NULLPTR(EINVAL),
              xenforeignmemory_map_resource(NULL, 1, 1, 0, 0, 1, &addr, PROT_READ, 0));
    BAD_INPUT(xenforeignmemory_unmap_resource, "NULL handle", MINUS1(EINVAL),
              xenforeignmemory_unmap_resource(NULL, NULL));
    BAD_INPUT(xenforeignmemory_resource_size, "NULL handle", MINUS1(EINVAL),
              xenforeignmemory_resource_size(NULL, 1, 1, 0, &size));
}

static void test_open_flags(void)
{
    struct t_capture c;

    t_capture_start(&c);
    BAD_INPUT(xenforeignmemory_open, "unknown flags", NULLPTR(EINVAL),
              xenforeignmemory_open(c.logger, 1));
    BAD_INPUT(xenforeignmemory_open, "unknown flags (bit 31)", NULLPTR(EINVAL),
              xenforeignmemory_open(c.logger, 1u << 31));
    CHECKF(strstr(t_capture_end(&c), "xenforeignmemory: error: xenforeignmemory_open: unknown "
                                     "flags 0x1") &&
               strstr(c.text, "xenforeignmemory_open: unknown flags 0x80000000"),
           "logged \"%s\"", c.text);
    free(c.text);
}

/* ------------------------------------------------------------ a fake driver */

static xenforeignmemory_handle *fmem;
static struct t_capture log_fmem;
static struct t_fd_set fake_before;

/* Checks call failed with err and the handle's logger got msg. */
#define REFUSED(call, err, msg)                                                         \
    do {                                                                                \
        errno = 0;                                                                      \
        CHECKF((call) && errno == (err), "%s: errno %d", #call, errno);                 \
        CHECKF(t_logged(&log_fmem, (msg)), "%s: logged \"%s\"", #call,                 \
               t_capture_text(&log_fmem));                                              \
    } while (0)

static void test_fake_open(void)
{
    char link[64], target[64] = "";
    int found = 0;

    /* No call hands out the descriptor: find it among this process's. */
    for (int fd = 3; fd < 1024; fd++) {
        ssize_t n;

        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        n = readlink(link, target, sizeof(target) - 1);
        if (n > 0) {
            target[n] = '\0';
            if (strcmp(target, "/dev/xen/privcmd") == 0) {
                found++;
                CHECKF(fcntl(fd, F_GETFD) & FD_CLOEXEC, "fd %d is not close-on-exec", fd);
            }
        }
    }
    CHECKF(found == 1, "%d descriptors of /dev/xen/privcmd", found);
}

static void test_fake_checks(void)
{
    xen_pfn_t arr[2] = { 1, 2 };
    void *addr = NULL;
    size_t size;
    char *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    REFUSED(xenforeignmemory_map(fmem, 1, PROT_READ, 0, arr, NULL) == NULL, EINVAL,
            "xenforeignmemory_map: a count of 0 pages");
    REFUSED(xenforeignmemory_map(fmem, 1, PROT_READ, SIZE_MAX, arr, NULL) == NULL, EINVAL,
            "pages are more than one mapping can span");
    REFUSED(xenforeignmemory_map(fmem, 1, PROT_READ, (size_t)UINT32_MAX + 1, arr, NULL) == NULL,
            EINVAL, "4294967296 pages are more than one mapping can span");
    REFUSED(xenforeignmemory_map2(fmem, 1, NULL, PROT_READ, 0, 2, NULL, NULL) == NULL, EINVAL,
            "xenforeignmemory_map2: the frame array is NULL");
    REFUSED(xenforeignmemory_map2(fmem, 1, NULL, PROT_READ, MAP_PRIVATE, 2, arr, NULL) == NULL,
            EINVAL, "xenforeignmemory_map2: unknown flags 0x2");
    REFUSED(xenforeignmemory_map2(fmem, 1, NULL, PROT_READ, MAP_ANONYMOUS, 2, arr, NULL) ==
                NULL,
            EINVAL, "xenforeignmemory_map2: unknown flags 0x20");
    REFUSED(xenforeignmemory_map(fmem, 0x10000, PROT_READ, 2, arr, NULL) == NULL, EINVAL,
            "65536 is no domain id");
    REFUSED(xenforeignmemory_unmap(fmem, anon, 1) == -1, EINVAL,
            "xenforeignmemory_unmap: no mapping of this handle is the 1 pages at");
    REFUSED(xenforeignmemory_unmap(fmem, anon, 0) == -1, EINVAL,
            "no mapping of this handle is the 0 pages");
    /* Refused: the anonymous page is still there. */
    anon[0] = 1;
    REFUSED(xenforeignmemory_restrict(fmem, DOMID_SELF) == -1, EINVAL,
            "xenforeignmemory_restrict: 0x7ff0 is a reserved domain id");
    REFUSED(xenforeignmemory_map_resource(fmem, 1, 1, 0, 0, 0, &addr, PROT_READ, 0) == NULL,
            EINVAL, "xenforeignmemory_map_resource: frames 0..+0 are no range of a resource");
    REFUSED(xenforeignmemory_map_resource(fmem, 1, 1, 0, 0xffffffffUL, 2, &addr, PROT_READ, 0) ==
                NULL,
            EINVAL, "frames 4294967295..+2 are no range");
    REFUSED(xenforeignmemory_map_resource(fmem, 1, 1, 0, 0, 1, NULL, PROT_READ, 0) == NULL,
            EINVAL, "xenforeignmemory_map_resource: paddr is NULL");
    REFUSED(xenforeignmemory_map_resource(fmem, 1, 1, 0, 0, 1, &addr, PROT_READ, MAP_PRIVATE) ==
                NULL,
            EINVAL, "xenforeignmemory_map_resource: unknown flags 0x2");
    REFUSED(xenforeignmemory_resource_size(fmem, 1, 1, 0, NULL) == -1, EINVAL,
            "xenforeignmemory_resource_size: size is NULL");
    REFUSED(xenforeignmemory_unmap_resource(fmem, (xenforeignmemory_resource_handle *)anon) ==
                -1,
            EINVAL, "is no resource mapping of this handle");
    CHECK_EQ(xenforeignmemory_unmap_resource(fmem, NULL), 0);
    (void)size;
    munmap(anon, 4096);
}

/* /dev/null has no ioctls: the driver's refusals come back as errno. */
static void test_fake_driver_refuses(void)
{
    xen_pfn_t arr[2] = { 1, 2 };
    int err[2];
    void *addr = NULL;
    size_t size;

    /* mmap of /dev/null gives ENODEV. */
    REFUSED(xenforeignmemory_map(fmem, 1, PROT_READ, 2, arr, err) == NULL, ENODEV,
            "cannot make a mapping of 2 pages of the privcmd driver");
    REFUSED(xenforeignmemory_resource_size(fmem, 1, 1, 0, &size) == -1, ENOTTY,
            "cannot map frames 0..+0 of resource 1:0 of domain 1");
    REFUSED(xenforeignmemory_map_resource(fmem, 1, 1, 0, 0, 1, &addr, PROT_READ, 0) == NULL,
            ENODEV, "cannot make a mapping of 1 pages");
    REFUSED(xenforeignmemory_restrict(fmem, 5) == -1, ENOTTY,
            "cannot restrict the handle to domain 5");
    errno = 0;
    CHECK(xentoolcore_restrict_all(5) == -1 && errno == ENOTTY);
}

static void test_fake_close(void)
{
    CHECK_EQ(xenforeignmemory_close(fmem), 0);
    t_capture_end(&log_fmem);
    free(log_fmem.text);
    t_check_fds_as_before(&fake_before);
}

/* The cases of a child whose /dev/xen/privcmd is /dev/null. */
static void fake_driver_cases(void)
{
    t_fds_snapshot(&fake_before);
    t_capture_start(&log_fmem);
    fmem = xenforeignmemory_open(log_fmem.logger, 0);
    T_CASE(test_fake_open, "foreignmemory: fake driver: a handle opens, its one fd close-on-exec");
    if (fmem) {
        T_CASE(test_fake_checks,
               "foreignmemory: fake driver: bad input refused with EINVAL and a message");
        T_CASE(test_fake_driver_refuses,
               "foreignmemory: fake driver: the driver's refusals come back as errno");
    }
    T_CASE(test_fake_close, "foreignmemory: fake driver: close releases everything");
}

static void test_fake_driver(void)
{
    static const char *const drivers[] = { "privcmd", NULL };

    t_in_child_with_fake_devices(drivers, fake_driver_cases);
}

int main(void)
{
    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_open);
    T_CASE(test_open_without_driver,
           "foreignmemory: without the driver, open fails with ENOENT and says why");
    T_CASE(test_null_handle, "foreignmemory: every call refuses a NULL handle with EINVAL");
    T_CASE(test_open_flags, "foreignmemory: open refuses flags");
    T_CASE(test_fake_driver, "foreignmemory: with a fake driver (child)");
    return t_exit_status();
}
