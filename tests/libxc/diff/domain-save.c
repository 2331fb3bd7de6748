/* SPDX-License-Identifier: MIT */
/*
 * What save, restore and migration use, through libxenctrl: an HVM
 * domain's saved state (read, loaded back, refused when corrupt), the
 * paging pool and shadow allocation, log-dirty tracking.  They act on an
 * HVM domain of this family's own, made with its vCPU (saving the state
 * of one without panics Xen 4.17.7).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

#define NO_DOMAIN (DOMID_FIRST_RESERVED - 1)

static void context(xc_interface *xch, uint32_t dom, const struct diff_domains *d)
{
    uint8_t small[16];
    uint8_t *buf, *again;
    int size, n;

    errno = 0;
    size = xc_domain_hvm_getcontext(xch, dom, NULL, 0);
    t_rc_result("save/hvm_getcontext size", size, errno);
    if (size <= (int)(sizeof(struct hvm_save_descriptor) + sizeof(struct hvm_save_header)))
        return;
    buf = calloc(1, (size_t)size);
    again = calloc(1, (size_t)size);
    if (!buf || !again) {
        t_result("save/context buffers", "none");
        free(buf);
        free(again);
        return;
    }
    errno = 0;
    n = xc_domain_hvm_getcontext(xch, dom, buf, (uint32_t)size);
    t_rc_result("save/hvm_getcontext", n, errno);
    {
        struct hvm_save_descriptor desc;
        struct hvm_save_header header;

        memcpy(&desc, buf, sizeof(desc));
        memcpy(&header, buf + sizeof(desc), sizeof(header));
        t_result("save/first record", "type %u length %u magic %#x version %u", desc.typecode,
                 desc.length, header.magic, header.version);
    }
    T_RC("save/hvm_getcontext into 16 bytes", xc_domain_hvm_getcontext(xch, dom, small,
                                                                      sizeof(small)));
    T_RC("save/hvm_setcontext of what was read", xc_domain_hvm_setcontext(xch, dom, buf,
                                                                         (uint32_t)size));
    errno = 0;
    n = xc_domain_hvm_getcontext(xch, dom, again, (uint32_t)size);
    t_rc_result("save/hvm_getcontext after the load", n, errno);
    /* The header and the first vCPU's record stand as loaded. */
    t_result("save/header the same after the load", "%s",
             memcmp(buf, again, sizeof(struct hvm_save_descriptor) +
                    sizeof(struct hvm_save_header)) == 0 ? "yes" : "no");
    ((struct hvm_save_header *)(buf + sizeof(struct hvm_save_descriptor)))->magic ^= 1;
    T_RC("save/hvm_setcontext with a bad magic", xc_domain_hvm_setcontext(xch, dom, buf,
                                                                         (uint32_t)size));
    T_RC("save/hvm_getcontext of a PV domain", xc_domain_hvm_getcontext(xch, (uint32_t)d->pv2,
                                                                       NULL, 0));
    T_RC("save/hvm_getcontext of no domain", xc_domain_hvm_getcontext(xch, NO_DOMAIN, NULL, 0));
    T_RC("save/hvm_setcontext of no domain", xc_domain_hvm_setcontext(xch, NO_DOMAIN, again,
                                                                     (uint32_t)size));
    free(buf);
    free(again);
}

static void paging_pool(xc_interface *xch, uint32_t dom)
{
    unsigned mb = 77;

    T_RC("save/shadow GET_ALLOCATION", xc_shadow_control(xch, dom,
                                                        XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION,
                                                        &mb, 0));
    t_result("save/allocation", "%u MiB", mb);
    T_RC("save/set_paging_mempool_size 4 MiB", xc_set_paging_mempool_size(xch, dom, 4 << 20));
    mb = 77;
    xc_shadow_control(xch, dom, XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, &mb, 0);
    t_result("save/allocation after set_paging_mempool_size", "%u MiB", mb);
    T_RC("save/set_paging_mempool_size of 4097 bytes",
         xc_set_paging_mempool_size(xch, dom, 4097));
    T_RC("save/set_paging_mempool_size of no domain",
         xc_set_paging_mempool_size(xch, NO_DOMAIN, 4 << 20));
    mb = 6;
    T_RC("save/shadow SET_ALLOCATION 6 MiB",
         xc_shadow_control(xch, dom, XEN_DOMCTL_SHADOW_OP_SET_ALLOCATION, &mb, 0));
    t_result("save/allocation written back by SET_ALLOCATION", "%u MiB", mb);
    mb = 77;
    xc_shadow_control(xch, dom, XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, &mb, 0);
    t_result("save/allocation after SET_ALLOCATION", "%u MiB", mb);
    T_RC("save/shadow without mb", xc_shadow_control(xch, dom,
                                                    XEN_DOMCTL_SHADOW_OP_GET_ALLOCATION, NULL,
                                                    0));
    T_RC("save/shadow op 99", xc_shadow_control(xch, dom, 99, NULL, 0));
}

static void log_dirty(xc_interface *xch, uint32_t dom)
{
    DECLARE_HYPERCALL_BUFFER(uint8_t, bitmap);
    xc_shadow_op_stats_t stats;
    long long n;

    bitmap = xc_hypercall_buffer_alloc(xch, bitmap, 8);
    if (!bitmap) {
        t_result("save/bitmap", "none");
        return;
    }
    T_RC("save/PEEK with log-dirty off",
         xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_PEEK, HYPERCALL_BUFFER(bitmap), 16,
                             0, NULL));
    T_RC("save/ENABLE_LOGDIRTY", xc_logdirty_control(xch, dom,
                                                     XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY,
                                                     NULL, 0, 0, NULL));
    T_RC("save/ENABLE_LOGDIRTY again", xc_logdirty_control(xch, dom,
                                                           XEN_DOMCTL_SHADOW_OP_ENABLE_LOGDIRTY,
                                                           NULL, 0, 0, NULL));
    memset(bitmap, 0xee, 8);
    memset(&stats, 0xee, sizeof(stats));
    errno = 0;
    n = xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_CLEAN, HYPERCALL_BUFFER(bitmap), 16,
                            0, &stats);
    t_rc_result("save/CLEAN", (long)n, errno);
    t_result("save/CLEAN's bitmap", "%02x %02x %02x", bitmap[0], bitmap[1], bitmap[2]);
    memset(bitmap, 0xee, 8);
    errno = 0;
    n = xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_PEEK, HYPERCALL_BUFFER(bitmap), 16,
                            0, &stats);
    t_rc_result("save/PEEK after CLEAN", (long)n, errno);
    t_result("save/PEEK's bitmap and counts", "%02x %02x %02x dirty %u", bitmap[0], bitmap[1],
             bitmap[2], stats.dirty_count);
    T_RC("save/PEEK without a bitmap", xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_PEEK,
                                                          NULL, 16, 0, NULL));
    T_RC("save/log-dirty OFF", xc_logdirty_control(xch, dom, XEN_DOMCTL_SHADOW_OP_OFF, NULL, 0,
                                                  0, NULL));
    T_RC("save/CLEAN of no domain", xc_logdirty_control(xch, NO_DOMAIN,
                                                        XEN_DOMCTL_SHADOW_OP_CLEAN,
                                                        HYPERCALL_BUFFER(bitmap), 16, 0, NULL));
    xc_hypercall_buffer_free(xch, bitmap);
}

void diff_domain_save(xc_interface *xch, const struct diff_domains *d)
{
    int dom = testdom_create_hvm(16);

    if (dom < 0) {
        t_result("save/test domain", "none");
        return;
    }
    context(xch, (uint32_t)dom, d);
    paging_pool(xch, (uint32_t)dom);
    log_dirty(xch, (uint32_t)dom);
    testdom_destroy(dom);
}
