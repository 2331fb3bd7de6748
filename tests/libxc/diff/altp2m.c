/* SPDX-License-Identifier: MIT */
/*
 * The calls of tools/libxc/altp2m.c on an HVM domain (HAP, 1 vCPU),
 * a PV domain and no domain: altp2m asked for through HVM_PARAM_ALTP2M
 * (on an HVM domain made here), then every view call, each output pre-set to a
 * marker so an output left alone shows.  Xen supports altp2m on Intel
 * EPT only: on the AMD CPU of the test VM the refusals are compared.
 */
#include <errno.h>

#include "testdom.h"
#include "diff.h"

/* The view calls on view, whatever state they find the domain in. */
static void views(xc_interface *xch, const char *what, uint32_t dom, uint16_t view)
{
    char name[96];
    bool flag = true;
    xenmem_access_t access = (xenmem_access_t)0x5a;
    uint16_t idx = 0x5a5a;
    xen_pfn_t error_gfn = 0x5a5a;
    int32_t error_code = 0x5a5a;
    uint8_t accesses[3] = { XENMEM_access_r, XENMEM_access_rw, XENMEM_access_rwx };
    uint64_t gfns[3] = { 1, 2, 3 };
    int rc;

#define ROW(call_name) (snprintf(name, sizeof(name), "altp2m_%s of %s", call_name, what), name)
    T_RC(ROW("switch_to_view"), xc_altp2m_switch_to_view(xch, dom, view));
    T_RC(ROW("set_visibility off"), xc_altp2m_set_visibility(xch, dom, view, false));
    T_RC(ROW("set_visibility on"), xc_altp2m_set_visibility(xch, dom, view, true));
    T_RC(ROW("set_mem_access"), xc_altp2m_set_mem_access(xch, dom, view, 1, XENMEM_access_r));
    errno = 0;
    rc = xc_altp2m_get_mem_access(xch, dom, view, 1, &access);
    t_rc_result(ROW("get_mem_access"), rc, errno);
    t_result(ROW("mem access read"), "%#x", (unsigned)access);
    T_RC(ROW("set_mem_access_multi"),
         xc_altp2m_set_mem_access_multi(xch, dom, view, accesses, gfns, 3));
    T_RC(ROW("set_mem_access_multi of none"),
         xc_altp2m_set_mem_access_multi(xch, dom, view, accesses, gfns, 0));
    T_RC(ROW("set_suppress_ve"), xc_altp2m_set_suppress_ve(xch, dom, view, 2, false));
    errno = 0;
    rc = xc_altp2m_get_suppress_ve(xch, dom, view, 2, &flag);
    t_rc_result(ROW("get_suppress_ve"), rc, errno);
    t_result(ROW("suppress_ve read"), "%d", flag);
    errno = 0;
    rc = xc_altp2m_set_supress_ve_multi(xch, dom, view, 1, 4, true, &error_gfn, &error_code);
    t_rc_result(ROW("set_supress_ve_multi"), rc, errno);
    t_result(ROW("supress_ve_multi error"), "gfn %#lx code %d", (unsigned long)error_gfn,
             error_code);
    T_RC(ROW("set_supress_ve_multi backwards"),
         xc_altp2m_set_supress_ve_multi(xch, dom, view, 4, 1, true, &error_gfn, &error_code));
    T_RC(ROW("change_gfn"), xc_altp2m_change_gfn(xch, dom, view, 1, 2));
    T_RC(ROW("change_gfn back"), xc_altp2m_change_gfn(xch, dom, view, 1, ~(xen_pfn_t)0));
    T_RC(ROW("set_vcpu_enable_notify"), xc_altp2m_set_vcpu_enable_notify(xch, dom, 0, 5));
    T_RC(ROW("set_vcpu_disable_notify"), xc_altp2m_set_vcpu_disable_notify(xch, dom, 0));
    T_RC(ROW("set_vcpu_enable_notify of vcpu 7"),
         xc_altp2m_set_vcpu_enable_notify(xch, dom, 7, 5));
    errno = 0;
    rc = xc_altp2m_get_vcpu_p2m_idx(xch, dom, 0, &idx);
    t_rc_result(ROW("get_vcpu_p2m_idx"), rc, errno);
    t_result(ROW("vcpu 0 view"), "%#x", idx);
    T_RC(ROW("switch_to_view 0"), xc_altp2m_switch_to_view(xch, dom, 0));
#undef ROW
}

/* The domain state calls, then a view made, used and destroyed. */
static void domain(xc_interface *xch, const char *what, uint32_t dom)
{
    char name[96];
    bool state = true;
    uint16_t view = 0x5a5a;
    int rc;

    snprintf(name, sizeof(name), "altp2m_get_domain_state of %s", what);
    errno = 0;
    rc = xc_altp2m_get_domain_state(xch, dom, &state);
    t_rc_result(name, rc, errno);
    snprintf(name, sizeof(name), "altp2m state of %s", what);
    t_result(name, "%d", state);
    snprintf(name, sizeof(name), "altp2m_set_domain_state on of %s", what);
    T_RC(name, xc_altp2m_set_domain_state(xch, dom, true));
    state = false;
    snprintf(name, sizeof(name), "altp2m_get_domain_state after on of %s", what);
    errno = 0;
    rc = xc_altp2m_get_domain_state(xch, dom, &state);
    t_rc_result(name, rc, errno);
    snprintf(name, sizeof(name), "altp2m state after on of %s", what);
    t_result(name, "%d", state);
    snprintf(name, sizeof(name), "altp2m_create_view of %s", what);
    errno = 0;
    rc = xc_altp2m_create_view(xch, dom, XENMEM_access_rwx, &view);
    t_rc_result(name, rc, errno);
    snprintf(name, sizeof(name), "altp2m view made in %s", what);
    t_result(name, "%#x", view);
    views(xch, what, dom, rc == 0 ? view : 1);
    snprintf(name, sizeof(name), "altp2m_destroy_view of %s", what);
    T_RC(name, xc_altp2m_destroy_view(xch, dom, rc == 0 ? view : 1));
    snprintf(name, sizeof(name), "altp2m_destroy_view 0 of %s", what);
    T_RC(name, xc_altp2m_destroy_view(xch, dom, 0));
    snprintf(name, sizeof(name), "altp2m_set_domain_state off of %s", what);
    T_RC(name, xc_altp2m_set_domain_state(xch, dom, false));
}

/* HVM_PARAM_ALTP2M is set once only (Xen refuses a change with EEXIST):
 * the mode is asked for on a domain of this family's own, not on the
 * shared HVM domain. */
void diff_altp2m(xc_interface *xch, const struct diff_domains *d)
{
    uint64_t mode = 0x5a;
    int hvm = testdom_create_hvm(16), rc;

    if (hvm < 0) {
        t_result("altp2m HVM domain", "none");
        return;
    }
    errno = 0;
    rc = xc_hvm_param_get(xch, (uint32_t)hvm, HVM_PARAM_ALTP2M, &mode);
    t_rc_result("hvm_param_get ALTP2M", rc, errno);
    t_result("altp2m mode", "%#lx", (unsigned long)mode);
    domain(xch, "HVM without altp2m", (uint32_t)hvm);
    T_RC("hvm_param_set ALTP2M beyond limited",
         xc_hvm_param_set(xch, (uint32_t)hvm, HVM_PARAM_ALTP2M, XEN_ALTP2M_limited + 1));
    T_RC("hvm_param_set ALTP2M external",
         xc_hvm_param_set(xch, (uint32_t)hvm, HVM_PARAM_ALTP2M, XEN_ALTP2M_external));
    mode = 0x5a;
    T_RC("hvm_param_get ALTP2M after the set",
         xc_hvm_param_get(xch, (uint32_t)hvm, HVM_PARAM_ALTP2M, &mode));
    t_result("altp2m mode after the set", "%#lx", (unsigned long)mode);
    domain(xch, "HVM", (uint32_t)hvm);
    T_RC("hvm_param_set ALTP2M mixed after external",
         xc_hvm_param_set(xch, (uint32_t)hvm, HVM_PARAM_ALTP2M, XEN_ALTP2M_mixed));
    testdom_destroy(hvm);
    domain(xch, "PV", (uint32_t)d->pv);
    domain(xch, "no domain", NO_DOMAIN);
}
