/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the real libxengnttab where there is no Xen: opening fails
 * cleanly; and, in a child whose /dev/xen/gntdev and gntalloc are
 * /dev/null (a mount namespace of its own), handles open, every argument
 * check refuses bad input with errno and a message through the handle's
 * logger before the driver is asked, the driver's refusals come back as
 * errno, and nothing leaks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xengnttab.h>
#include <xentoolcore.h>
#include <xentoollog.h>

#include "child.h"
#include "testlib.h"

/* ------------------------------------------------------------ no driver */

static void test_open_without_driver(void)
{
    struct t_capture c;
    int fds = t_open_fds();

    if (access("/dev/xen/gntdev", F_OK) == 0) {
        fprintf(stderr, "  this machine has /dev/xen/gntdev: nothing to check\n");
        return;
    }
    t_capture_start(&c);
    BAD_INPUT(xengnttab_open, "no driver (/dev/xen/gntdev absent)", NULLPTR(ENOENT),
              xengnttab_open(c.logger, 0));
    BAD_INPUT(xengntshr_open, "no driver (/dev/xen/gntalloc absent)", NULLPTR(ENOENT),
              xengntshr_open(c.logger, 0));
    CHECKF(strcmp(t_capture_text(&c),
                  "xengnttab: error: cannot open /dev/xen/gntdev (is its driver loaded?): "
                  "No such file or directory\n"
                  "xengntshr: error: cannot open /dev/xen/gntalloc (is its driver loaded?): "
                  "No such file or directory\n") == 0,
           "logged \"%s\"", t_capture_text(&c));
    t_capture_end(&c);
    free(c.text);
    CHECK_EQ(t_open_fds(), fds);
}

static void test_null_handles(void)
{
    uint32_t ref = 1, fd;
    xengnttab_grant_copy_segment_t seg = { 0 };

    BAD_INPUT(xengnttab_close, "NULL handle", RETURNS(0), xengnttab_close(NULL));
    BAD_INPUT(xengntshr_close, "NULL handle", RETURNS(0), xengntshr_close(NULL));
    BAD_INPUT(xengnttab_fd, "NULL handle", MINUS1(EINVAL), xengnttab_fd(NULL));
    BAD_INPUT(xengntshr_fd, "NULL handle", MINUS1(EINVAL), xengntshr_fd(NULL));
    BAD_INPUT(xengnttab_map_grant_ref, "NULL handle", NULLPTR(EINVAL),
              xengnttab_map_grant_ref(NULL, 0, ref, PROT_READ));
    BAD_INPUT(xengnttab_map_grant_refs, "NULL handle", NULLPTR(EINVAL),
              xengnttab_map_grant_refs(NULL, 1, &ref, &ref, PROT_READ));
    BAD_INPUT(xengnttab_map_domain_grant_refs, "NULL handle", NULLPTR(EINVAL),
              xengnttab_map_domain_grant_refs(NULL, 1, 0, &ref, PROT_READ));
    BAD_INPUT(xengnttab_map_grant_ref_notify, "NULL handle", NULLPTR(EINVAL),
              xengnttab_map_grant_ref_notify(NULL, 0, ref, PROT_READ, 0, 1));
    BAD_INPUT(xengnttab_unmap, "NULL handle", MINUS1(EINVAL), xengnttab_unmap(NULL, &ref, 1));
    BAD_INPUT(xengnttab_set_max_grants, "NULL handle", MINUS1(EINVAL),
              xengnttab_set_max_grants(NULL, 1));
    BAD_INPUT(xengnttab_grant_copy, "NULL handle", MINUS1(EINVAL),
              xengnttab_grant_copy(NULL, 1, &seg));
    BAD_INPUT(xengnttab_dmabuf_exp_from_refs, "NULL handle", MINUS1(EINVAL),
              xengnttab_dmabuf_exp_from_refs(NULL, 0, 0, 1, &ref, &fd));
    BAD_INPUT(xengnttab_dmabuf_exp_wait_released, "NULL handle", MINUS1(EINVAL),
              xengnttab_dmabuf_exp_wait_released(NULL, 3, 0));
    BAD_INPUT(xengnttab_dmabuf_imp_to_refs, "NULL handle", MINUS1(EINVAL),
              xengnttab_dmabuf_imp_to_refs(NULL, 0, 3, 1, &ref));
    BAD_INPUT(xengnttab_dmabuf_imp_release, "NULL handle", MINUS1(EINVAL),
              xengnttab_dmabuf_imp_release(NULL, 3));
    BAD_INPUT(xengntshr_share_pages, "NULL handle", NULLPTR(EINVAL),
              xengntshr_share_pages(NULL, 0, 1, &ref, 1));
    BAD_INPUT(xengntshr_share_page_notify, "NULL handle", NULLPTR(EINVAL),
              xengntshr_share_page_notify(NULL, 0, &ref, 1, 0, 1));
    BAD_INPUT(xengntshr_unshare, "NULL handle", MINUS1(EINVAL), xengntshr_unshare(NULL, &ref, 1));
}

static void test_open_flags(void)
{
    struct t_capture c;

    t_capture_start(&c);
    BAD_INPUT(xengnttab_open, "unknown flags", NULLPTR(EINVAL), xengnttab_open(c.logger, 2));
    BAD_INPUT(xengntshr_open, "unknown flags (bit 31)", NULLPTR(EINVAL),
              xengntshr_open(c.logger, 1u << 31));
    CHECKF(t_logged(&c, "xengnttab: error: xengnttab_open: unknown flags 0x2") &&
               t_logged(&c, "xengntshr_open: unknown flags 0x80000000"),
           "logged \"%s\"", t_capture_text(&c));
    t_capture_end(&c);
    free(c.text);
}

/* ------------------------------------------------------------ a fake driver */

static xengnttab_handle *tab;
static xengntshr_handle *shr;
static struct t_capture log_tab, log_shr;

/* Checks call failed with err, and that the handle's logger got a
 * message containing msg. */
#define REFUSED(call, err, cap, msg)                                                    \
    do {                                                                                \
        errno = 0;                                                                      \
        CHECKF((call) && errno == (err), "%s: errno %d", #call, errno);                 \
        CHECKF(t_logged(cap, (msg)), "%s: logged \"%s\"", #call, t_capture_text(cap));  \
    } while (0)

static void test_fake_open(void)
{
    char link[64], target[64] = "";

    CHECK(tab != NULL && shr != NULL);
    if (!tab || !shr)
        return;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", xengnttab_fd(tab));
    CHECK(readlink(link, target, sizeof(target) - 1) > 0 &&
          strcmp(target, "/dev/xen/gntdev") == 0);
    CHECK(fcntl(xengnttab_fd(tab), F_GETFD) & FD_CLOEXEC);
    CHECK(fcntl(xengntshr_fd(shr), F_GETFD) & FD_CLOEXEC);
}

static void test_fake_map_checks(void)
{
    static uint32_t many[300];
    uint32_t refs[2] = { 8, 9 }, domids[2] = { 0, 0x12345 };
    struct t_capture *c = &log_tab;

    REFUSED(xengnttab_map_domain_grant_refs(tab, 0, 0, refs, PROT_READ) == NULL, EINVAL, c,
            "xengnttab: error: xengnttab_map_domain_grant_refs: a count of 0 pages");
    REFUSED(xengnttab_map_grant_refs(tab, 0, domids, refs, PROT_READ) == NULL, EINVAL, c,
            "xengnttab_map_grant_refs: a count of 0 pages");
    /* Refused before the arrays are read: they are far too short. */
    REFUSED(xengnttab_map_domain_grant_refs(tab, UINT32_MAX, 0, refs, PROT_READ) == NULL, EINVAL,
            c, "4294967295 pages are more than /dev/xen/gntdev takes at once");
    REFUSED(xengnttab_map_grant_refs(tab, 1, NULL, refs, PROT_READ) == NULL, EINVAL, c,
            "xengnttab_map_grant_refs: domids is NULL");
    REFUSED(xengnttab_map_domain_grant_refs(tab, 1, 0, NULL, PROT_READ) == NULL, EINVAL, c,
            "xengnttab_map_domain_grant_refs: refs is NULL");
    REFUSED(xengnttab_map_grant_refs(tab, 2, domids, refs, PROT_READ) == NULL, EINVAL, c,
            "xengnttab_map_grant_refs: 74565 is no domain id");
    REFUSED(xengnttab_map_grant_ref(tab, 0x10000, 1, PROT_READ) == NULL, EINVAL, c,
            "xengnttab_map_grant_ref: 65536 is no domain id");
    REFUSED(xengnttab_map_grant_ref_notify(tab, 0, 1, PROT_READ | PROT_WRITE, 4096, 3) == NULL,
            EINVAL, c, "xengnttab_map_grant_ref_notify: notify offset 4096 is outside the page");
    REFUSED(xengnttab_map_grant_ref_notify(tab, 0, 1, PROT_READ, 12, (evtchn_port_t)-1) == NULL,
            EINVAL, c, "a notify offset needs a writable mapping");
    /* Past the checks, the driver (here /dev/null) refuses. */
    REFUSED(xengnttab_map_grant_ref(tab, 0, 1, PROT_READ) == NULL, ENOTTY, c,
            "cannot set up a mapping of 1 grants");
    /* More refs than the library's request holds on the stack. */
    REFUSED(xengnttab_map_domain_grant_refs(tab, 300, 0, many, PROT_READ) == NULL, ENOTTY, c,
            "cannot set up a mapping of 300 grants");
}

static void test_fake_unmap_checks(void)
{
    char local[64];
    struct t_capture *c = &log_tab;

    REFUSED(xengnttab_unmap(tab, local, 1) == -1, EINVAL, c,
            "xengnttab_unmap: no mapping of this handle starts at");
    REFUSED(xengnttab_unmap(tab, NULL, 0) == -1, EINVAL, c,
            "xengnttab_unmap: no mapping of this handle starts at (nil)");
    REFUSED(xengntshr_unshare(shr, local, 1) == -1, EINVAL, &log_shr,
            "xengntshr_unshare: no mapping of this handle starts at");
}

static void test_fake_other_half(void)
{
    uint32_t ref;

    REFUSED(xengnttab_map_grant_ref((xengnttab_handle *)shr, 0, 1, PROT_READ) == NULL, EINVAL,
            &log_shr, "xengnttab_map_grant_ref: a xengntshr handle, not a xengnttab one");
    REFUSED(xengntshr_share_pages((xengntshr_handle *)tab, 0, 1, &ref, 1) == NULL, EINVAL,
            &log_tab, "xengntshr_share_pages: a xengnttab handle, not a xengntshr one");
    REFUSED(xengnttab_fd((xengnttab_handle *)shr) == -1, EINVAL, &log_shr,
            "xengnttab_fd: a xengntshr handle");
    BAD_INPUT(xengnttab_set_max_grants, "a gntshr handle passed as a gnttab one", MINUS1(EINVAL),
              xengnttab_set_max_grants((xengnttab_handle *)shr, 4));
}

static void test_fake_grant_copy(void)
{
    xengnttab_grant_copy_segment_t seg[2];
    char local[8];

    memset(seg, 0, sizeof(seg));
    seg[0].source.virt = local;
    seg[0].dest.foreign.ref = 5;
    seg[0].len = 8;
    seg[0].flags = GNTCOPY_dest_gref;
    CHECK_EQ(xengnttab_grant_copy(tab, 0, NULL), 0);
    REFUSED(xengnttab_grant_copy(tab, 2, NULL) == -1, EINVAL, &log_tab,
            "xengnttab_grant_copy: segs is NULL");
    REFUSED(xengnttab_grant_copy(tab, 2, seg) == -1, ENOTTY, &log_tab,
            "xengnttab_grant_copy: cannot copy 2 segments");
}

static void test_fake_dmabuf(void)
{
    uint32_t refs[2] = { 1, 2 }, fd = 77;
    struct t_capture *c = &log_tab;

    REFUSED(xengnttab_dmabuf_exp_from_refs(tab, 0, 0, 0, refs, &fd) == -1, EINVAL, c,
            "xengnttab_dmabuf_exp_from_refs: a count of 0 pages");
    REFUSED(xengnttab_dmabuf_exp_from_refs(tab, 0, 0, 2, refs, NULL) == -1, EINVAL, c,
            "xengnttab_dmabuf_exp_from_refs: fd is NULL");
    REFUSED(xengnttab_dmabuf_imp_to_refs(tab, 0x10000, 3, 2, refs) == -1, EINVAL, c,
            "xengnttab_dmabuf_imp_to_refs: 65536 is no domain id");
    /* A driver that knows no dma-buf request. */
    REFUSED(xengnttab_dmabuf_exp_from_refs(tab, 0, 0, 2, refs, &fd) == -1, EOPNOTSUPP, c,
            "xengnttab_dmabuf_exp_from_refs: this kernel's gntdev driver has no dma-buf "
            "support (CONFIG_XEN_GNTDEV_DMABUF)");
    REFUSED(xengnttab_dmabuf_exp_wait_released(tab, 3, 10) == -1, EOPNOTSUPP, c,
            "xengnttab_dmabuf_exp_wait_released: this kernel's");
    REFUSED(xengnttab_dmabuf_imp_to_refs(tab, 0, 3, 2, refs) == -1, EOPNOTSUPP, c,
            "xengnttab_dmabuf_imp_to_refs: this kernel's");
    REFUSED(xengnttab_dmabuf_imp_release(tab, 3) == -1, EOPNOTSUPP, c,
            "xengnttab_dmabuf_imp_release: this kernel's");
    CHECK(fd == 77 && refs[0] == 1 && refs[1] == 2);
}

static void test_fake_share_checks(void)
{
    uint32_t refs[2] = { 0, 0 };
    struct t_capture *c = &log_shr;

    REFUSED(xengntshr_share_pages(shr, 0, 0, refs, 1) == NULL, EINVAL, c,
            "xengntshr: error: xengntshr_share_pages: a count of 0 pages");
    REFUSED(xengntshr_share_pages(shr, 0, -5, refs, 1) == NULL, EINVAL, c,
            "xengntshr_share_pages: a count of -5 pages");
    REFUSED(xengntshr_share_pages(shr, 0, 5000, refs, 1) == NULL, ENOSPC, c,
            "5000 pages are more than /dev/xen/gntalloc takes at once");
    REFUSED(xengntshr_share_pages(shr, 0, 1, NULL, 1) == NULL, EINVAL, c,
            "xengntshr_share_pages: refs is NULL");
    REFUSED(xengntshr_share_pages(shr, 70000, 1, refs, 1) == NULL, EINVAL, c,
            "xengntshr_share_pages: 70000 is no domain id");
    REFUSED(xengntshr_share_page_notify(shr, 0, refs, 1, 4096, 5) == NULL, EINVAL, c,
            "xengntshr_share_page_notify: notify offset 4096 is outside the page");
    REFUSED(xengntshr_share_pages(shr, 0, 2, refs, 0) == NULL, ENOTTY, c,
            "cannot grant 2 pages to domain 0");
    CHECK(refs[0] == 0 && refs[1] == 0);
}

/* Once restricted, the driver's refusals are no longer taken for a
 * missing feature. */
static void test_fake_restricted(void)
{
    uint32_t refs[1] = { 1 }, fd;

    CHECK_EQ(xentoolcore_restrict_all(0), 0);
    REFUSED(xengnttab_dmabuf_exp_from_refs(tab, 0, 0, 1, refs, &fd) == -1, ENOTTY, &log_tab,
            "xengnttab_dmabuf_exp_from_refs: Inappropriate ioctl for device");
    CHECK_EQ(xengnttab_set_max_grants(tab, 10), 0);
}

/* The cases of a child whose /dev/xen/gntdev and gntalloc are /dev/null. */
static void fake_driver_cases(void)
{
    int fds = t_open_fds();

    t_capture_start(&log_tab);
    t_capture_start(&log_shr);
    tab = xengnttab_open(log_tab.logger, 0);
    shr = xengntshr_open(log_shr.logger, 0);
    T_CASE(test_fake_open, "gnttab: fake driver: handles open, close-on-exec");
    if (tab && shr) {
        T_CASE(test_fake_map_checks,
               "gnttab: fake driver: bad map input refused with errno and a message");
        T_CASE(test_fake_unmap_checks,
               "gnttab: fake driver: unmap of what was not mapped is EINVAL");
        T_CASE(test_fake_other_half, "gnttab: fake driver: a handle of the other half is refused");
        T_CASE(test_fake_grant_copy, "gnttab: fake driver: grant copy");
        T_CASE(test_fake_dmabuf,
               "gnttab: fake driver: dma-buf without driver support is EOPNOTSUPP");
        T_CASE(test_fake_share_checks,
               "gntshr: fake driver: bad share input refused with errno and a message");
        T_CASE(test_fake_restricted, "gnttab: fake driver: restricted, failures are the driver's");
    }
    CHECK(xengnttab_close(tab) == 0 && xengntshr_close(shr) == 0);
    t_capture_end(&log_tab);
    free(log_tab.text);
    t_capture_end(&log_shr);
    free(log_shr.text);
    if (t_open_fds() != fds) {
        printf("FAIL: gnttab: fake driver: %d fds left open\n", t_open_fds() - fds);
        exit(1);
    }
    printf("PASS: gnttab: fake driver: no fd left open\n");
}

static void test_fake_driver(void)
{
    static const char *const drivers[] = { "gntdev", "gntalloc", NULL };

    t_in_child_with_fake_devices(drivers, fake_driver_cases);
}

int main(void)
{
    t_expect_library("libxengnttab.so.1", (const void *)xengnttab_open);
    T_CASE(test_open_without_driver,
           "gnttab: without the drivers, open fails with ENOENT and says why");
    T_CASE(test_null_handles, "gnttab: every call refuses a NULL handle with EINVAL");
    T_CASE(test_open_flags, "gnttab: open refuses flags");
    T_CASE(test_fake_driver, "gnttab: with a fake driver (child)");
    return t_exit_status();
}
