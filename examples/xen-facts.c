/* SPDX-License-Identifier: MIT */
/*
 * xen-facts: what the hypervisor under this dom0 says about itself, asked
 * with hypercalls through libxencall: version, build, capabilities, and
 * the physical machine's CPUs and memory.
 */
#define __XEN_TOOLS__ 1         /* for <xen/sysctl.h> */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <xencall.h>
#include <xentoollog.h>

/* <xen/hvm/save.h>, which <xen/sysctl.h> includes, refuses strict ISO C
 * for its anonymous unions, which C11 has: tell it this is not C89. */
#undef __STRICT_ANSI__
#include <xen/xen.h>
#include <xen/sysctl.h>
#include <xen/version.h>

/* Xen counts memory in pages of 4 KiB. */
#define PAGES_PER_MIB 256

static xentoollog_logger *logger;
static xencall_handle *xcall;

/* XENVER_<cmd> into a hypercall buffer of size bytes; printed as text. */
static void print_version_string(const char *label, int cmd, size_t size)
{
    char *buf = xencall_alloc_buffer(xcall, size);
    int len;

    if (!buf)
        return;                 /* libxencall has said why */
    if (xencall2(xcall, __HYPERVISOR_xen_version, cmd, (uintptr_t)buf) < 0) {
        xtl_log(logger, XTL_WARN, errno, "xen-facts", "cannot read the %s", label);
    } else {
        len = (int)strnlen(buf, size);
        while (len > 0 && buf[len - 1] == ' ')
            len--;
        if (len)
            printf("  %-14s %.*s\n", label, len, buf);
        else
            printf("  %-14s (none recorded in this build)\n", label);
    }
    xencall_free_buffer(xcall, buf);
}

static void print_version(void)
{
    int version = xencall2(xcall, __HYPERVISOR_xen_version, XENVER_version, 0);
    char *extra = xencall_alloc_buffer(xcall, sizeof(xen_extraversion_t));

    if (version < 0 || !extra ||
        xencall2(xcall, __HYPERVISOR_xen_version, XENVER_extraversion, (uintptr_t)extra) < 0) {
        xtl_log(logger, XTL_WARN, errno, "xen-facts", "cannot read the version");
    } else {
        printf("  %-14s %d.%d%.*s\n", "version", version >> 16, version & 0xffff,
               (int)sizeof(xen_extraversion_t), extra);
    }
    xencall_free_buffer(xcall, extra);
}

static void print_machine(void)
{
    struct xen_sysctl *sysctl = xencall_alloc_buffer(xcall, sizeof(*sysctl));
    const struct xen_sysctl_physinfo *info;

    if (!sysctl)
        return;
    memset(sysctl, 0, sizeof(*sysctl));
    sysctl->cmd = XEN_SYSCTL_physinfo;
    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    if (xencall1(xcall, __HYPERVISOR_sysctl, (uintptr_t)sysctl) < 0) {
        xtl_log(logger, XTL_WARN, errno, "xen-facts", "cannot read the physical machine's facts");
    } else {
        info = &sysctl->u.physinfo;
        printf("  %-14s %u online; %u core(s) per socket, %u thread(s) per core; %u.%02u GHz\n", "CPUs",
               info->nr_cpus, info->cores_per_socket, info->threads_per_core,
               info->cpu_khz / 1000000, info->cpu_khz / 10000 % 100);
        printf("  %-14s %llu MiB, %llu MiB of it free\n", "memory",
               (unsigned long long)(info->total_pages / PAGES_PER_MIB),
               (unsigned long long)(info->free_pages / PAGES_PER_MIB));
    }
    xencall_free_buffer(xcall, sysctl);
}

int main(void)
{
    xentoollog_logger_stdiostream *lg = xtl_createlogger_stdiostream(stderr, XTL_INFO, 0);

    logger = (xentoollog_logger *)lg;
    xcall = xencall_open(logger, 0);
    if (!xcall) {
        xtl_log(logger, XTL_ERROR, -1, "xen-facts",
                "no Xen here, or not allowed to make hypercalls (root in dom0?)");
        xtl_logger_destroy(logger);
        return 1;
    }
    printf("Xen hypervisor facts, asked through libxencall\n");
    print_version();
    print_version_string("changeset", XENVER_changeset, sizeof(xen_changeset_info_t));
    print_version_string("capabilities", XENVER_capabilities, sizeof(xen_capabilities_info_t));
    print_machine();
    printf("  %-14s %s\n", "buffers", xencall_buffers_never_fault(xcall)
                                          ? "from /dev/xen/hypercall, never faulting"
                                          : "locked memory (no /dev/xen/hypercall)");
    xencall_close(xcall);
    xtl_logger_destroy(logger);
    return 0;
}
