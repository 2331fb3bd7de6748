/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The one way each hypercall family reaches libxencall: the argument
 * struct is copied into a hypercall buffer, Xen works on it there, and it
 * is copied back whatever Xen answered (a failing domctl may still report
 * something in it).  libxencall caches freed buffers, so the usual call
 * costs two memcpy() and one ioctl.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

#include <xen/version.h>

enum shape { STRUCT_ONLY, CMD_STRUCT, CMD_STRUCT_COUNT };

/* Xen's answer, or -1 with errno set (buffer failures are logged by
 * libxencall; Xen's refusals are the caller's to report). */
static long call(xc_interface *xch, unsigned op, enum shape shape, unsigned cmd, void *arg,
                 size_t size, unsigned long count)
{
    void *buf;
    long rc;
    int saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    /* Commands without an argument (e.g. XENMEM_maximum_ram_page) are
     * given a NULL one. */
    if (!arg) {
        buf = NULL;
    } else {
        buf = xencall_alloc_buffer(xch->xcall, size);
        if (!buf)
            return -1;
        memcpy(buf, arg, size);
    }
    switch (shape) {
    case STRUCT_ONLY:
        rc = xencall1(xch->xcall, op, (uintptr_t)buf);
        break;
    case CMD_STRUCT:
        rc = xencall2L(xch->xcall, op, cmd, (uintptr_t)buf);
        break;
    default:
        rc = xencall3(xch->xcall, op, cmd, (uintptr_t)buf, count);
        break;
    }
    saved_errno = errno;
    if (arg)
        memcpy(arg, buf, size);
    xencall_free_buffer(xch->xcall, buf);
    errno = saved_errno;
    return rc;
}

long xc__hypercall_struct(xc_interface *xch, unsigned op, unsigned cmd, void *arg,
                          size_t size, unsigned long count)
{
    return call(xch, op, count ? CMD_STRUCT_COUNT : CMD_STRUCT, cmd, arg, size, count);
}

/* The Xen release whose domctl and sysctl interface versions this library
 * speaks: its SONAME's, libxenctrl.so.4.17. */
#define BUILT_FOR_MAJOR 4
#define BUILT_FOR_MINOR 17

/*
 * After a domctl or sysctl failed with EACCES.  Xen checks the interface
 * version first and refuses a wrong one with EACCES, the errno of a
 * permission refusal too.  On Xen 4.17 it is a permission refusal, passed
 * on as it is.  On any other Xen (asked once per handle) the library's
 * version is the likelier cause: errno becomes EPROTONOSUPPORT, and the
 * first such refusal of each interface on the handle is logged with both
 * versions.  xen_version and the stable hypercalls are unaffected.
 */
static void refused(xc_interface *xch, const char *interface, uint32_t version,
                    atomic_bool *logged)
{
    int xen = atomic_load(&xch->xen_version);

    if (!xen) {
        xen = xencall2(xch->xcall, __HYPERVISOR_xen_version, XENVER_version, 0);
        if (xen <= 0) {
            errno = EACCES;
            return;
        }
        atomic_store(&xch->xen_version, xen);
    }
    if (xen == (BUILT_FOR_MAJOR << 16 | BUILT_FOR_MINOR)) {
        errno = EACCES;
        return;
    }
    if (!atomic_exchange(logged, true))
        xc_report_error(xch, XC_INTERNAL_ERROR,
                        "%s refused: this libxenctrl is built for Xen %d.%d (%s interface "
                        "version %#x) and the hypervisor is Xen %d.%d, which takes only its own",
                        interface, BUILT_FOR_MAJOR, BUILT_FOR_MINOR, interface, version,
                        xen >> 16, xen & 0xffff);
    errno = EPROTONOSUPPORT;
}

/* domctl and sysctl carry the interface version Xen checks. */
int xc__domctl(xc_interface *xch, struct xen_domctl *domctl)
{
    int rc;

    domctl->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    rc = (int)call(xch, __HYPERVISOR_domctl, STRUCT_ONLY, 0, domctl, sizeof(*domctl), 0);
    if (rc < 0 && errno == EACCES)
        refused(xch, "domctl", XEN_DOMCTL_INTERFACE_VERSION, &xch->domctl_refusal_logged);
    return rc;
}

int xc__sysctl(xc_interface *xch, struct xen_sysctl *sysctl)
{
    int rc;

    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    rc = (int)call(xch, __HYPERVISOR_sysctl, STRUCT_ONLY, 0, sysctl, sizeof(*sysctl), 0);
    if (rc < 0 && errno == EACCES)
        refused(xch, "sysctl", XEN_SYSCTL_INTERFACE_VERSION, &xch->sysctl_refusal_logged);
    return rc;
}

/* mmu_update and mmuext_op take an array, its length, where to count
 * what was done (nothing here: Xen stops at the first failure and the
 * callers want all or nothing) and the domain the records act for. */
long xc__hypercall_batch(xc_interface *xch, unsigned op, void *records, size_t record_size,
                         unsigned count, uint32_t domid)
{
    size_t size = record_size * count;
    void *buf = NULL;
    long rc;
    int saved_errno;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (count) {
        buf = xencall_alloc_buffer(xch->xcall, size);
        if (!buf)
            return -1;
        memcpy(buf, records, size);
    }
    rc = xencall4(xch->xcall, op, (uintptr_t)buf, count, 0, domid);
    saved_errno = errno;
    if (count) {
        memcpy(records, buf, size);
        xencall_free_buffer(xch->xcall, buf);
    }
    errno = saved_errno;
    return rc;
}

/* platform_op (the PSR's MSR accesses) and xsm_op (FLASK) carry interface
 * versions too; Xen's answer, or -1 with errno. */
int xc__platform_op(xc_interface *xch, struct xen_platform_op *op)
{
    op->interface_version = XENPF_INTERFACE_VERSION;
    return (int)call(xch, __HYPERVISOR_platform_op, STRUCT_ONLY, 0, op, sizeof(*op), 0);
}

int xc__flask_op(xc_interface *xch, struct xen_flask_op *op)
{
    op->interface_version = XEN_FLASK_INTERFACE_VERSION;
    return (int)call(xch, __HYPERVISOR_xsm_op, STRUCT_ONLY, 0, op, sizeof(*op), 0);
}
