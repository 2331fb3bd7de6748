/* SPDX-License-Identifier: MIT */
/*
 * libxenctrl (class Uxx, built for Xen 4.17) on the hypervisor of the
 * boot, 4.17 or another.  On 4.17 its domctls work and nothing is logged
 * of versions.  On any other Xen a domctl fails with EPROTONOSUPPORT, not
 * Xen's bare EACCES, and the first such refusal on a handle is logged with
 * both versions, once per handle; what goes through interfaces Xen keeps
 * (xen_version, the sysctl that lists domains, physinfo) still works.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "testlib.h"

#define XEN_4_17 (4 << 16 | 17)

/* How many times text occurs in the capture. */
static int times_logged(struct t_capture *c, const char *text)
{
    int n = 0;

    for (const char *p = t_capture_text(c); (p = strstr(p, text)); p += strlen(text))
        n++;
    return n;
}

/* A domctl that only reads: vCPU 0 of dom0 (XEN_DOMCTL_getvcpuinfo).  Its
 * errno, 0 on success. */
static int read_dom0_vcpu(xc_interface *xch)
{
    xc_vcpuinfo_t info;

    errno = 0;
    return xc_vcpu_getinfo(xch, 0, 0, &info) == 0 ? 0 : errno ? errno : -1;
}

static void test_domctl(void)
{
    int xen = t_xen_version();
    char refusal[160];
    struct t_capture c;
    xc_interface *xch;

    if (!CHECKF(xen > 0, "Xen's version from /sys/hypervisor: %d", xen))
        return;
    snprintf(refusal, sizeof(refusal),
             "domctl refused: this libxenctrl is built for Xen 4.17 (domctl interface version "
             "0x15) and the hypervisor is Xen %d.%d, which takes only its own",
             xen >> 16, xen & 0xffff);
    t_capture_start(&c);
    for (int handle = 0; handle < 2; handle++) {
        xch = xc_interface_open(c.logger, NULL, 0);
        if (!CHECK_NE(xch, NULL))
            break;
        for (int call = 0; call < 3; call++) {
            int err = read_dom0_vcpu(xch);

            if (xen == XEN_4_17)
                CHECKF(err == 0, "getvcpuinfo of dom0 on Xen 4.17: %s", strerror(err));
            else
                CHECKF(err == EPROTONOSUPPORT, "getvcpuinfo of dom0 on Xen %d.%d: %s",
                       xen >> 16, xen & 0xffff, strerror(err));
        }
        if (xen != XEN_4_17) {
            const xc_error *e = xc_get_last_error(xch);

            CHECKF(e && e->code == XC_INTERNAL_ERROR && strstr(e->message, refusal),
                   "last error: %d \"%s\"", e ? (int)e->code : -1, e ? e->message : "");
        }
        xc_interface_close(xch);
        /* Once per handle, however many calls were refused. */
        CHECKF(times_logged(&c, refusal) == (xen == XEN_4_17 ? 0 : handle + 1),
               "after %d handle(s) of 3 calls each the log holds: %s", handle + 1,
               t_capture_text(&c));
    }
    CHECKF(times_logged(&c, "refused") == times_logged(&c, refusal), "logged: %s",
           t_capture_text(&c));
    t_capture_end(&c);
    free(c.text);
}

static void test_stable_interfaces(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xc_dominfo_t dom0;
    xc_physinfo_t phys = { 0 };

    if (!CHECK_NE(xch, NULL))
        return;
    CHECK_EQ(xc_version(xch, XENVER_version, NULL), t_xen_version());
    CHECK_EQ(xc_domain_getinfo(xch, 0, 1, &dom0), 1);
    CHECK_EQ(dom0.domid, 0u);
    CHECKF(xc_physinfo(xch, &phys) == 0, "physinfo: %s", strerror(errno));
    CHECK_GT(phys.nr_cpus, 0u);
    xc_interface_close(xch);
}

int main(void)
{
    t_expect_library("libxenctrl.so.4.17", (const void *)xc_interface_open);
    T_CASE(test_domctl, "xenctrl: a domctl on Xen 4.17 works; on another Xen, EPROTONOSUPPORT and "
                        "the versions logged once per handle");
    T_CASE(test_stable_interfaces,
           "xenctrl: xen_version, the domain list and physinfo work on any Xen");
    return t_exit_status();
}
