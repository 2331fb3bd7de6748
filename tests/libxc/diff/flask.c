/* SPDX-License-Identifier: MIT */
/*
 * FLASK: Xen here runs the dummy security module, which refuses every
 * xsm_op; both libraries must pass that refusal on alike, leave what
 * they would have written alone, and do alike what they do before
 * asking Xen (the context lookups of the add and access calls, the
 * cache statistics' heading).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

static void booleans(xc_interface *xch)
{
    char name[64] = "unchanged", boolean[] = "xen_has_a_boolean";
    int curr = 77, pend = 77;

    T_RC("flask_getbool_byid", xc_flask_getbool_byid(xch, 3, name, sizeof(name), &curr, &pend));
    t_result("flask_getbool_byid's results", "name %.16s curr %d pend %d", name, curr, pend);
    T_RC("flask_getbool_byid without results", xc_flask_getbool_byid(xch, 0, NULL, 0, NULL,
                                                                     NULL));
    T_RC("flask_getbool_byname", xc_flask_getbool_byname(xch, boolean, &curr, &pend));
    t_result("flask_getbool_byname's results", "curr %d pend %d", curr, pend);
    T_RC("flask_setbool", xc_flask_setbool(xch, boolean, 1, 0));
}

/* The add calls look their context up first, and fail there. */
static void labels(xc_interface *xch, char *context)
{
    T_RC("flask_add_pirq", xc_flask_add_pirq(xch, 40, context));
    T_RC("flask_add_ioport", xc_flask_add_ioport(xch, 0x3f8, 0x3ff, context));
    T_RC("flask_add_iomem", xc_flask_add_iomem(xch, 0xfed00, 0xfed00, context));
    T_RC("flask_add_device", xc_flask_add_device(xch, 0x1f << 3, context));
    T_RC("flask_del_pirq", xc_flask_del_pirq(xch, 40));
    T_RC("flask_del_ioport", xc_flask_del_ioport(xch, 0x3f8, 0x3ff));
    T_RC("flask_del_iomem", xc_flask_del_iomem(xch, 0xfed00, 0xfed00));
    T_RC("flask_del_device", xc_flask_del_device(xch, 0x1f << 3));
}

static void access_and_cache(xc_interface *xch, const char *context)
{
    uint32_t allowed = 77, decided = 77, audit_allow = 77, audit_deny = 77, seqno = 77;
    xen_flask_op_t op = { .cmd = FLASK_GETENFORCE };
    char text[256];

    T_RC("flask_access", xc_flask_access(xch, context, context, 1, 1, &allowed, &decided,
                                         &audit_allow, &audit_deny, &seqno));
    t_result("flask_access's results", "%u %u %u %u %u", allowed, decided, audit_allow,
             audit_deny, seqno);
    T_RC("flask_access without results", xc_flask_access(xch, context, context, 1, 1, NULL,
                                                         NULL, NULL, NULL, NULL));
    /* On failure upstream's text holds what its uninitialised op held. */
    T_RC("flask_avc_hashstats", xc_flask_avc_hashstats(xch, text, sizeof(text)));
    T_RC("flask_avc_hashstats into nothing", xc_flask_avc_hashstats(xch, NULL, 0));
    memset(text, 0, sizeof(text));
    T_RC("flask_avc_cachestats", xc_flask_avc_cachestats(xch, text, sizeof(text)));
    text[strcspn(text, "\n")] = '\0';
    t_result("flask_avc_cachestats's text", "%s", text);
    memset(text, 'x', sizeof(text));
    T_RC("flask_avc_cachestats into 10 bytes", xc_flask_avc_cachestats(xch, text, 10));
    t_result("flask_avc_cachestats's 10 bytes", "%.12s", text);
    T_RC("flask_avc_cachestats into nothing", xc_flask_avc_cachestats(xch, NULL, 0));
    T_RC("flask_policyvers", xc_flask_policyvers(xch));
    T_RC("flask_getavc_threshold", xc_flask_getavc_threshold(xch));
    T_RC("flask_setavc_threshold", xc_flask_setavc_threshold(xch, 512));
    T_RC("flask_op GETENFORCE", xc_flask_op(xch, &op));
    t_result("flask_op's interface version", "%u", op.interface_version);
}

void diff_flask(xc_interface *xch, const struct diff_domains *d)
{
    char context[] = "system_u:system_r:domU_t";
    char policy[16] = "not a policy";
    char out[256];
    uint32_t sid = 77;
    int mode;

    errno = 0;
    mode = xc_flask_getenforce(xch);
    t_rc_result("flask_getenforce", mode, errno);
    /* Asks for the mode in force (none without FLASK): changes nothing. */
    T_RC("flask_setenforce", xc_flask_setenforce(xch, mode < 0 ? 0 : mode));
    T_RC("flask_context_to_sid", xc_flask_context_to_sid(xch, context, sizeof(context), &sid));
    t_result("sid", "%u", sid);
    memset(out, 'x', sizeof(out));
    T_RC("flask_sid_to_context", xc_flask_sid_to_context(xch, 2, out, sizeof(out)));
    t_result("context", "%.8s", out);
    T_RC("flask_load", xc_flask_load(xch, policy, sizeof(policy)));
    T_RC("flask_relabel_domain", xc_flask_relabel_domain(xch, (uint32_t)d->pv, 2));
    booleans(xch);
    labels(xch, context);
    access_and_cache(xch, context);
}
