/* SPDX-License-Identifier: MIT */
/*
 * Intel PSR (cache monitoring and allocation): QEMU's CPU has none, so
 * Xen refuses; both libraries must report Xen's refusal alike.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

static void monitoring(xc_interface *xch, int domid)
{
    uint32_t v;
    uint64_t data = 7, tsc = 7;

    T_RC("psr_cmt_enabled", xc_psr_cmt_enabled(xch));
    T_RC("psr_cmt_attach", xc_psr_cmt_attach(xch, (uint32_t)domid));
    v = 7;
    T_RC("psr_cmt_get_domain_rmid", xc_psr_cmt_get_domain_rmid(xch, (uint32_t)domid, &v));
    t_result("rmid", "%u", v);
    T_RC("psr_cmt_detach", xc_psr_cmt_detach(xch, (uint32_t)domid));
    T_RC("psr_cmt_attach of no domain", xc_psr_cmt_attach(xch, DOMID_FIRST_RESERVED - 1));
    v = 7;
    T_RC("psr_cmt_get_total_rmid", xc_psr_cmt_get_total_rmid(xch, &v));
    t_result("total rmid", "%u", v);
    v = 7;
    T_RC("psr_cmt_get_l3_upscaling_factor", xc_psr_cmt_get_l3_upscaling_factor(xch, &v));
    t_result("upscaling factor", "%u", v);
    v = 7;
    T_RC("psr_cmt_get_l3_event_mask", xc_psr_cmt_get_l3_event_mask(xch, &v));
    t_result("event mask", "%u", v);
    v = 7;
    T_RC("psr_cmt_get_l3_cache_size", xc_psr_cmt_get_l3_cache_size(xch, 0, &v));
    t_result("l3 cache size", "%u", v);
    T_RC("psr_cmt_get_data with tsc",
         xc_psr_cmt_get_data(xch, 1, 0, XC_PSR_CMT_L3_OCCUPANCY, &data, &tsc));
    t_result("cmt data", "%lu tsc %s", (unsigned long)data, tsc == 7 ? "untouched" : "set");
    T_RC("psr_cmt_get_data total memory",
         xc_psr_cmt_get_data(xch, 1, 0, XC_PSR_CMT_TOTAL_MEM_COUNT, &data, NULL));
    T_RC("psr_cmt_get_data local memory",
         xc_psr_cmt_get_data(xch, 1, 0, XC_PSR_CMT_LOCAL_MEM_COUNT, &data, NULL));
}

static void allocation(xc_interface *xch, int domid)
{
    static const struct {
        const char *name;
        xc_psr_type type;
    } types[] = {
        { "L3 CBM", XC_PSR_CAT_L3_CBM }, { "L3 code", XC_PSR_CAT_L3_CBM_CODE },
        { "L3 data", XC_PSR_CAT_L3_CBM_DATA }, { "L2 CBM", XC_PSR_CAT_L2_CBM },
        { "MBA", XC_PSR_MBA_THRTL },
    };
    static const char *const feats[] = { "L3", "L2", "MBA" };

    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        char name[64];
        uint64_t data = 7;

        snprintf(name, sizeof(name), "psr_set_domain_data %s", types[i].name);
        T_RC(name, xc_psr_set_domain_data(xch, (uint32_t)domid, types[i].type, 0, 0xf));
        snprintf(name, sizeof(name), "psr_get_domain_data %s", types[i].name);
        T_RC(name, xc_psr_get_domain_data(xch, (uint32_t)domid, types[i].type, 0, &data));
        snprintf(name, sizeof(name), "%s data", types[i].name);
        t_result(name, "%lu", (unsigned long)data);
    }
    for (int f = XC_PSR_CAT_L3; f <= XC_PSR_MBA; f++) {
        char name[64];
        xc_psr_hw_info info;

        memset(&info, 0x77, sizeof(info));
        snprintf(name, sizeof(name), "psr_get_hw_info %s", feats[f]);
        T_RC(name, xc_psr_get_hw_info(xch, 0, (xc_psr_feat_type)f, &info));
    }
    {
        xc_psr_hw_info info;

        T_RC("psr_get_hw_info of type 9", xc_psr_get_hw_info(xch, 0, (xc_psr_feat_type)9, &info));
        T_RC("psr_set_domain_data of type 0",
             xc_psr_set_domain_data(xch, (uint32_t)domid, (xc_psr_type)0, 0, 1));
    }
}

void diff_psr(xc_interface *xch, const struct diff_domains *d)
{
    monitoring(xch, d->hvm);
    allocation(xch, d->hvm);
}
