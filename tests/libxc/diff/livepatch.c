/* SPDX-License-Identifier: MIT */
/*
 * Live patching: Debian's Xen has it, with no payload loaded.  The list
 * is read (empty), and every other call is refused: payloads of no name
 * Xen knows, and uploads of garbage that Xen's ELF checks reject before
 * loading anything.  Never a real payload.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff.h"

static void listing(xc_interface *xch)
{
    struct xen_livepatch_status info[4];
    char name[256], metadata[256];
    uint32_t len[4], metadata_len[4], name_size = 7, metadata_size = 7;
    unsigned int nr = 7, done = 7, left = 7;

    T_RC("livepatch_list_get_sizes",
         xc_livepatch_list_get_sizes(xch, &nr, &name_size, &metadata_size));
    t_result("livepatch sizes", "nr %u names %u metadata %u", nr, name_size, metadata_size);
    T_RC("livepatch_list of 0 name bytes",
         xc_livepatch_list(xch, 4, 0, info, name, len, 0, metadata, metadata_len, 0, &done,
                           &left));
    T_RC("livepatch_list of 0 entries",
         xc_livepatch_list(xch, 0, 0, info, name, len, 64, metadata, metadata_len, 64, &done,
                           &left));
    memset(info, 0xee, sizeof(info));
    T_RC("livepatch_list from 0",
         xc_livepatch_list(xch, 4, 0, info, name, len, sizeof(name), metadata, metadata_len,
                           sizeof(metadata), &done, &left));
    t_result("livepatch listed from 0", "done %u left %u info[0] state %#x", done, left,
             info[0].state);
    done = left = 7;
    T_RC("livepatch_list from 5",
         xc_livepatch_list(xch, 1, 5, info, name, len, sizeof(name), metadata, metadata_len,
                           sizeof(metadata), &done, &left));
    t_result("livepatch listed from 5", "done %u left %u", done, left);
}

static void by_name(xc_interface *xch)
{
    static unsigned char garbage[16] = "not an ELF file";
    char longest[XEN_LIVEPATCH_NAME_SIZE], too_long[XEN_LIVEPATCH_NAME_SIZE + 1];
    char none[] = "xenlibs-diff-none", empty[] = "";
    xen_livepatch_status_t st = { .state = 7, .rc = 7 };
    unsigned int nr;
    uint32_t size;

    memset(longest, 'a', sizeof(longest) - 1);
    longest[sizeof(longest) - 1] = '\0';
    memset(too_long, 'a', sizeof(too_long) - 1);
    too_long[sizeof(too_long) - 1] = '\0';

    T_RC("livepatch_get of no payload", xc_livepatch_get(xch, none, &st));
    t_result("livepatch status of no payload", "state %u rc %d", st.state, st.rc);
    T_RC("livepatch_get of the longest name", xc_livepatch_get(xch, longest, &st));
    st.state = 7;
    T_RC("livepatch_get of a name too long", xc_livepatch_get(xch, too_long, &st));
    t_result("livepatch status after a name too long", "state %u", st.state);
    T_RC("livepatch_get of an empty name", xc_livepatch_get(xch, empty, &st));
    T_RC("livepatch_get of a NULL name", xc_livepatch_get(xch, NULL, &st));

    T_RC("livepatch_upload of garbage", xc_livepatch_upload(xch, none, garbage, sizeof(garbage)));
    T_RC("livepatch_upload of 0 bytes", xc_livepatch_upload(xch, none, garbage, 0));
    T_RC("livepatch_upload of a NULL payload", xc_livepatch_upload(xch, none, NULL, 4));
    T_RC("livepatch_upload of a name too long",
         xc_livepatch_upload(xch, too_long, garbage, sizeof(garbage)));
    nr = 7;
    T_RC("livepatch_list_get_sizes after the uploads",
         xc_livepatch_list_get_sizes(xch, &nr, &size, &size));
    t_result("livepatch payloads after the uploads", "%u", nr);

    T_RC("livepatch_apply of no payload", xc_livepatch_apply(xch, none, 0, 0));
    T_RC("livepatch_revert of no payload", xc_livepatch_revert(xch, none, 0, 0));
    T_RC("livepatch_unload of no payload", xc_livepatch_unload(xch, none, 0, 0));
    T_RC("livepatch_replace of no payload", xc_livepatch_replace(xch, none, 0, 0));
    T_RC("livepatch_apply nodeps of no payload",
         xc_livepatch_apply(xch, none, 1000000, LIVEPATCH_ACTION_APPLY_NODEPS));
    T_RC("livepatch_apply of an empty name", xc_livepatch_apply(xch, empty, 0, 0));
    T_RC("livepatch_unload of a name too long", xc_livepatch_unload(xch, too_long, 0, 0));
}

void diff_livepatch(xc_interface *xch, const struct diff_domains *d)
{
    (void)d;
    listing(xch);
    by_name(xch);
}
