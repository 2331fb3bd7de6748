/* SPDX-License-Identifier: MIT */
/*
 * xen-version: prints the running hypervisor's version as Xen gives it
 * (XENVER_version and XENVER_extraversion, through libxencall), e.g.
 * "4.20.5-pre": tests/runner/run-system-tests names each boot by it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <xencall.h>
#include <xen/xen.h>
#include <xen/version.h>

int main(void)
{
    xencall_handle *xc = xencall_open(NULL, 0);
    xen_extraversion_t *extra;
    int version;

    if (!xc) {
        fprintf(stderr, "xen-version: cannot open libxencall: %s\n", strerror(errno));
        return 1;
    }
    version = xencall2(xc, __HYPERVISOR_xen_version, XENVER_version, 0);
    extra = xencall_alloc_buffer(xc, sizeof(*extra));
    if (version < 0 || !extra ||
        xencall2(xc, __HYPERVISOR_xen_version, XENVER_extraversion, (uintptr_t)extra) < 0) {
        fprintf(stderr, "xen-version: cannot ask Xen: %s\n", strerror(errno));
        xencall_free_buffer(xc, extra);
        xencall_close(xc);
        return 1;
    }
    printf("%d.%d%.*s\n", version >> 16, version & 0xffff, (int)sizeof(*extra), *extra);
    xencall_free_buffer(xc, extra);
    xencall_close(xc);
    return 0;
}
