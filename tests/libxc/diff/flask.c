/* SPDX-License-Identifier: MIT */
/*
 * FLASK: Xen here runs the dummy security module, which refuses every
 * xsm_op; both libraries must pass that refusal on alike.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

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
}
