/* SPDX-License-Identifier: MIT */
/*
 * vCPUs: state, register contexts (PV and HVM shapes) and affinity, on
 * domains made here: a PV domain (1 vCPU) and an HVM domain (2 vCPUs),
 * both never run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdom.h"
#include "diff.h"

const char *diff_hex(const void *p, size_t n)
{
    static char text[2 * 512 + 1];
    const unsigned char *b = p;
    size_t i;

    for (i = 0; i < n && i < 512; i++)
        snprintf(text + 2 * i, 3, "%02x", b[i]);
    text[2 * i] = '\0';
    return text;
}

/* FNV-1a of a context: its every byte, printed instead of the bytes. */
static unsigned long digest(const void *p, size_t n)
{
    const unsigned char *b = p;
    unsigned long h = 14695981039346656037UL;

    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211UL;
    return h;
}

static void vcpu_info(xc_interface *xch, const char *what, int domid, uint32_t vcpu)
{
    xc_vcpuinfo_t info;
    char name[96];
    int rc;

    memset(&info, 0, sizeof(info));
    snprintf(name, sizeof(name), "vcpu_getinfo of %s", what);
    errno = 0;
    rc = xc_vcpu_getinfo(xch, (uint32_t)domid, vcpu, &info);
    t_rc_result(name, rc, errno);
    if (rc == 0) {
        snprintf(name, sizeof(name), "%s state", what);
        t_result(name, "vcpu %u online %u blocked %u running %u ran %s on a CPU %s", info.vcpu,
                 info.online, info.blocked, info.running, info.cpu_time ? "yes" : "no",
                 info.cpu < 64 ? "yes" : "no");
    }
}

static void print_context(const char *name, const vcpu_guest_context_any_t *ctx)
{
    t_result(name, "flags %#lx rip %#lx rsp %#lx rflags %#lx cs %#x cr0 %#lx cr3 %#lx "
             "cr4 %#lx digest %#lx", (unsigned long)ctx->x64.flags,
             (unsigned long)ctx->x64.user_regs.rip, (unsigned long)ctx->x64.user_regs.rsp,
             (unsigned long)ctx->x64.user_regs.rflags, ctx->x64.user_regs.cs,
             (unsigned long)ctx->x64.ctrlreg[0], (unsigned long)ctx->x64.ctrlreg[3],
             (unsigned long)ctx->x64.ctrlreg[4], digest(ctx, sizeof(*ctx)));
}

/*
 * A vCPU has a context once one is set: before, Xen has none to give.
 * The HVM vCPU 0 gets registers (and stays down: no VGCF_online), which
 * must read back, then what was read is loaded again unchanged.  A PV
 * context needs page tables the domain owns, which an empty domain has
 * not: Xen refuses it.
 */
static void contexts(xc_interface *xch, int pv, int hvm)
{
    vcpu_guest_context_any_t ctx, again;
    int rc;

    memset(&ctx, 0x5a, sizeof(ctx));
    T_RC("vcpu_getcontext of PV before any", xc_vcpu_getcontext(xch, (uint32_t)pv, 0, &ctx));
    T_RC("vcpu_getcontext of HVM before any", xc_vcpu_getcontext(xch, (uint32_t)hvm, 0, &ctx));
    memset(&ctx, 0, sizeof(ctx));
    ctx.x64.flags = VGCF_in_kernel;
    ctx.x64.ctrlreg[3] = 0x1234000;
    T_RC("vcpu_setcontext of PV with foreign page tables",
         xc_vcpu_setcontext(xch, (uint32_t)pv, 0, &ctx));
    T_RC("vcpu_getcontext of PV after the refused set",
         xc_vcpu_getcontext(xch, (uint32_t)pv, 0, &ctx));

    memset(&ctx, 0, sizeof(ctx));
    ctx.x64.user_regs.rip = 0x100000;
    ctx.x64.user_regs.rsp = 0x8000;
    ctx.x64.user_regs.rflags = 0x2;
    ctx.x64.user_regs.rax = 0x1234;
    T_RC("vcpu_setcontext of HVM", xc_vcpu_setcontext(xch, (uint32_t)hvm, 0, &ctx));
    memset(&ctx, 0x5a, sizeof(ctx));
    errno = 0;
    rc = xc_vcpu_getcontext(xch, (uint32_t)hvm, 0, &ctx);
    t_rc_result("vcpu_getcontext of HVM", rc, errno);
    if (rc == 0) {
        print_context("HVM context", &ctx);
        t_result("HVM rax", "%#lx", (unsigned long)ctx.x64.user_regs.rax);
        T_RC("vcpu_setcontext of HVM, unchanged", xc_vcpu_setcontext(xch, (uint32_t)hvm, 0,
                                                                     &ctx));
        memset(&again, 0, sizeof(again));
        T_RC("vcpu_getcontext of HVM again", xc_vcpu_getcontext(xch, (uint32_t)hvm, 0, &again));
        t_result("HVM context again", "%s",
                 memcmp(&ctx, &again, sizeof(ctx)) == 0 ? "same" : "changed");
    }
    T_RC("vcpu_getcontext of the other HVM vcpu", xc_vcpu_getcontext(xch, (uint32_t)hvm, 1,
                                                                      &ctx));
    T_RC("vcpu_getcontext of vcpu 1 of 1", xc_vcpu_getcontext(xch, (uint32_t)pv, 1, &ctx));
    T_RC("vcpu_getcontext of no domain",
         xc_vcpu_getcontext(xch, DOMID_FIRST_RESERVED - 1, 0, &ctx));
    T_RC("vcpu_setcontext of vcpu 9 of 2", xc_vcpu_setcontext(xch, (uint32_t)hvm, 9, &ctx));
    T_RC("vcpu_setcontext NULL", xc_vcpu_setcontext(xch, (uint32_t)pv, 0, NULL));
}

/* vCPU 0's hard and soft affinity, into maps of size bytes. */
static void read_affinity(xc_interface *xch, const char *when, int domid, uint8_t *hard,
                          uint8_t *soft, size_t size)
{
    char name[64];

    memset(hard, 0xee, size);
    memset(soft, 0xee, size);
    snprintf(name, sizeof(name), "vcpu_getaffinity %s", when);
    T_RC(name, xc_vcpu_getaffinity(xch, (uint32_t)domid, 0, hard, soft,
                                   XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT));
    snprintf(name, sizeof(name), "affinity %s", when);
    t_result(name, "hard %s", diff_hex(hard, size));
    snprintf(name, sizeof(name), "soft affinity %s", when);
    t_result(name, "%s", diff_hex(soft, size));
}

static void affinity(xc_interface *xch, int domid)
{
    int max = xc_get_max_cpus(xch), size = (max + 7) / 8;
    uint8_t *hard = calloc(1, (size_t)size), *soft = calloc(1, (size_t)size);

    t_result("cpumap bytes", "%d", size);
    if (!hard || !soft || max <= 1) {
        t_result("affinity maps", "none (max cpus %d)", max);
        free(hard);
        free(soft);
        return;
    }
    read_affinity(xch, "initially", domid, hard, soft, (size_t)size);

    memset(hard, 0, (size_t)size);
    hard[0] = 1;                            /* CPU 0 only */
    T_RC("vcpu_setaffinity hard to CPU 0",
         xc_vcpu_setaffinity(xch, (uint32_t)domid, 0, hard, NULL, XEN_VCPUAFFINITY_HARD));
    t_result("effective hard affinity", "%s", diff_hex(hard, (size_t)size));
    memset(soft, 0, (size_t)size);
    soft[0] = 2;                            /* CPU 1 only: outside the hard one */
    T_RC("vcpu_setaffinity soft to CPU 1",
         xc_vcpu_setaffinity(xch, (uint32_t)domid, 0, NULL, soft, XEN_VCPUAFFINITY_SOFT));
    t_result("effective soft affinity", "%s", diff_hex(soft, (size_t)size));
    read_affinity(xch, "after setting", domid, hard, soft, (size_t)size);

    memset(hard, 0, (size_t)size);
    T_RC("vcpu_setaffinity hard to no CPU",
         xc_vcpu_setaffinity(xch, (uint32_t)domid, 0, hard, NULL, XEN_VCPUAFFINITY_HARD));
    T_RC("vcpu_getaffinity of vcpu 3 of 1",
         xc_vcpu_getaffinity(xch, (uint32_t)domid, 3, hard, soft, XEN_VCPUAFFINITY_HARD));
    T_RC("vcpu_getaffinity without flags",
         xc_vcpu_getaffinity(xch, (uint32_t)domid, 0, hard, soft, 0));
    T_RC("vcpu_getaffinity hard into NULL",
         xc_vcpu_getaffinity(xch, (uint32_t)domid, 0, NULL, soft, XEN_VCPUAFFINITY_HARD));

    /* Back to every CPU, as the domain was made. */
    memset(hard, 0xff, (size_t)size);
    memset(soft, 0xff, (size_t)size);
    T_RC("vcpu_setaffinity back to all",
         xc_vcpu_setaffinity(xch, (uint32_t)domid, 0, hard, soft,
                             XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT));
    t_result("effective affinity back to all", "hard %s", diff_hex(hard, (size_t)size));
    t_result("effective soft affinity back to all", "%s", diff_hex(soft, (size_t)size));
    free(hard);
    free(soft);
}

/* XSAVE state: the size query, then the state into a buffer of that size
 * (its bytes' digest: the state of a never-run vCPU is Xen's default). */
static void extstate(xc_interface *xch, int hvm, int pv)
{
    xc_vcpu_extstate_t ext = { 0 };
    static uint8_t buf[8192];
    int rc;

    errno = 0;
    rc = xc_vcpu_get_extstate(xch, (uint32_t)hvm, 0, &ext);
    t_rc_result("vcpu_get_extstate query of HVM vcpu 0", rc, errno);
    t_result("extstate size and features", "size %lu mask %#lx", (unsigned long)ext.size,
             (unsigned long)ext.xfeature_mask);
    if (rc == 0 && ext.size && ext.size <= sizeof(buf)) {
        memset(buf, 0x5a, sizeof(buf));
        ext.buffer = buf;
        errno = 0;
        rc = xc_vcpu_get_extstate(xch, (uint32_t)hvm, 0, &ext);
        t_rc_result("vcpu_get_extstate of HVM vcpu 0", rc, errno);
        t_result("extstate", "digest %#lx", digest(buf, (size_t)ext.size));
        ext.size = 64;
        T_RC("vcpu_get_extstate into 64 bytes", xc_vcpu_get_extstate(xch, (uint32_t)hvm, 0,
                                                                      &ext));
    }
    ext = (xc_vcpu_extstate_t){ 0 };
    T_RC("vcpu_get_extstate query of PV vcpu 0", xc_vcpu_get_extstate(xch, (uint32_t)pv, 0,
                                                                       &ext));
    t_result("PV extstate size and features", "size %lu mask %#lx", (unsigned long)ext.size,
             (unsigned long)ext.xfeature_mask);
    ext = (xc_vcpu_extstate_t){ 0 };
    T_RC("vcpu_get_extstate of vcpu 7", xc_vcpu_get_extstate(xch, (uint32_t)hvm, 7, &ext));
    T_RC("vcpu_get_extstate of no domain", xc_vcpu_get_extstate(xch, NO_DOMAIN, 0, &ext));
}

void diff_vcpu(xc_interface *xch, const struct diff_domains *d)
{
    int pv = testdom_create_pv_vcpus(1), hvm = testdom_create_hvm_vcpus(16, 2);

    if (pv < 0 || hvm < 0) {
        t_result("vcpu test domains", "not made");
        testdom_destroy(pv);
        testdom_destroy(hvm);
        return;
    }
    vcpu_info(xch, "the PV vcpu 0", pv, 0);
    vcpu_info(xch, "the HVM vcpu 0", hvm, 0);
    vcpu_info(xch, "the HVM vcpu 1", hvm, 1);
    vcpu_info(xch, "the shared HVM domain's vcpu 0", d->hvm, 0);
    vcpu_info(xch, "vcpu 2 of 2", hvm, 2);
    vcpu_info(xch, "vcpu 5000 of 1", pv, 5000);
    vcpu_info(xch, "no domain", DOMID_FIRST_RESERVED - 1, 0);
    contexts(xch, pv, hvm);
    affinity(xch, pv);
    extstate(xch, hvm, pv);
    T_RC("destroy the vcpu PV domain", testdom_destroy(pv));
    T_RC("destroy the vcpu HVM domain", testdom_destroy(hvm));
}
