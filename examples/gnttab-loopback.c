/* SPDX-License-Identifier: MIT */
/*
 * gnttab-loopback: this domain grants a page of its memory to itself with
 * libxengnttab's sharing half (xengntshr), maps the grant back with its
 * mapping half (xengnttab), and shows bytes written on one side appearing
 * on the other, both ways.  Unmapping then clears a byte of the page, an
 * unmap notification, as a ring protocol would use it to see its peer go.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xengnttab.h>
#include <xentoollog.h>

/* The granting side's "peer alive" byte: the unmap notification clears it. */
#define ALIVE_AT 4095

static void show(const char *side, const char *page)
{
    printf("  %-34s \"%s\"\n", side, page);
}

static int run(xengntshr_handle *shr, xengnttab_handle *tab)
{
    uint32_t ref;
    char *shared, *mapped;

    /* Domain 0 grants to domain 0: itself. */
    shared = xengntshr_share_pages(shr, 0, 1, &ref, 1);
    if (!shared)
        return 1;               /* the library has said why */
    printf("granted a page to this domain: grant reference %u, at %p\n", (unsigned)ref,
           (void *)shared);
    snprintf(shared, 64, "hello from the granting side");
    mapped = xengnttab_map_grant_ref_notify(tab, 0, ref, PROT_READ | PROT_WRITE, ALIVE_AT,
                                            (evtchn_port_t)-1);
    if (!mapped) {
        xengntshr_unshare(shr, shared, 1);
        return 1;
    }
    printf("mapped grant %u of domain 0 at %p: the same memory, another address\n",
           (unsigned)ref, (void *)mapped);
    show("read through the mapping:", mapped);
    snprintf(mapped, 64, "and hello back from the mapping");
    show("read on the granting side:", shared);

    shared[ALIVE_AT] = 1;
    printf("the granting side sets byte %d to %d; the mapping sees %d\n", ALIVE_AT,
           shared[ALIVE_AT], mapped[ALIVE_AT]);
    xengnttab_unmap(tab, mapped, 1);
    printf("unmapped: the kernel cleared byte %d, the granting side now sees %d\n", ALIVE_AT,
           shared[ALIVE_AT]);
    xengntshr_unshare(shr, shared, 1);
    return 0;
}

int main(void)
{
    xentoollog_logger *logger =
        (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_INFO, 0);
    xengntshr_handle *shr = xengntshr_open(logger, 0);
    xengnttab_handle *tab = xengnttab_open(logger, 0);
    int rc = 1;

    if (!shr || !tab)
        fprintf(stderr, "gnttab-loopback: no Xen grant drivers here (root in a Xen domain?)\n");
    else
        rc = run(shr, tab);
    xengnttab_close(tab);
    xengntshr_close(shr);
    xtl_logger_destroy(logger);
    return rc;
}
