/* SPDX-License-Identifier: MIT */
/*
 * foreignmemory-roundtrip: dom0 creates a small guest, writes a message
 * into one page of the guest's memory through a foreign mapping made with
 * libxenforeignmemory, reads it back through a second mapping of the same
 * guest frame made by another, independent handle, and destroys the guest.
 *
 * The guest is made with libxenctrl, as a toolstack makes one: an HVM
 * domain (hardware-assisted paging, one vCPU), created paused and never
 * run, given GUEST_PAGES pages of memory at guest frames 0 and up.  Every
 * path out of main() after the domain exists destroys it again.  (Killed
 * half way, the program leaves it behind: `xl destroy DOMID` removes it.)
 *
 * Build (xenctrl.h needs GNU C):
 *     cc -std=gnu11 foreignmemory-roundtrip.c -lxenctrl -lxenforeignmemory -lxentoollog
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xentoollog.h>

#define GUEST_PAGES 16
/* The guest frame the message goes into, and where in that page. */
#define GUEST_FRAME 5
#define MESSAGE_AT 256

/*
 * Creates a paused HVM guest with nr_pages pages of memory at guest frames
 * 0 .. nr_pages - 1.  Returns 0 and its id in *domid, or -1 (having said
 * why, and destroyed what it had made).
 */
static int create_guest(xc_interface *xch, unsigned nr_pages, uint32_t *domid)
{
    struct xen_domctl_createdomain config = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1,
        .max_evtchn_port = -1,          /* no limit */
        .max_grant_frames = 4,
        .max_maptrack_frames = 0,       /* it maps no other domain's grants */
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        /* Every device Xen emulates itself, but vPCI, which Xen 4.17
         * refuses for an HVM guest. */
        .arch.emulation_flags = XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI,
    };
    xen_pfn_t frames[GUEST_PAGES];
    const char *step;

    if (nr_pages > GUEST_PAGES) {
        fprintf(stderr, "create_guest: at most %d pages\n", GUEST_PAGES);
        return -1;
    }
    *domid = 0;                         /* 0: Xen chooses the id */
    if (xc_domain_create(xch, domid, &config) < 0) {
        fprintf(stderr, "xc_domain_create: cannot create an HVM domain: %s\n", strerror(errno));
        return -1;
    }

    step = "xc_domain_max_vcpus: cannot make its vCPU";
    if (xc_domain_max_vcpus(xch, *domid, config.max_vcpus) < 0)
        goto fail;
    step = "xc_domain_setmaxmem: cannot raise its memory limit";
    if (xc_domain_setmaxmem(xch, *domid, (uint64_t)nr_pages * (XC_PAGE_SIZE / 1024)) < 0)
        goto fail;
    for (unsigned i = 0; i < nr_pages; i++)
        frames[i] = i;
    step = "xc_domain_populate_physmap_exact: cannot give it memory";
    if (xc_domain_populate_physmap_exact(xch, *domid, nr_pages, 0, 0, frames) < 0)
        goto fail;
    return 0;

fail:
    fprintf(stderr, "%s (domain %u): %s\n", step, *domid, strerror(errno));
    if (xc_domain_destroy(xch, *domid) < 0)
        fprintf(stderr, "xc_domain_destroy: cannot destroy domain %u: %s\n", *domid,
                strerror(errno));
    return -1;
}

/* Writes a message into the guest's frame through writer, reads it back
 * through reader: 0 if the same bytes came back, 1 if not. */
static int roundtrip(xenforeignmemory_handle *writer, xenforeignmemory_handle *reader,
                     uint32_t domid)
{
    xen_pfn_t gfn = GUEST_FRAME;
    char message[128], *out, *in;
    int rc = 1;

    snprintf(message, sizeof(message), "hello, domain %u: dom0 wrote this into your memory",
             domid);
    out = xenforeignmemory_map(writer, domid, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    if (!out) {
        fprintf(stderr, "xenforeignmemory_map: cannot map frame %d of domain %u: %s\n",
                GUEST_FRAME, domid, strerror(errno));
        return 1;
    }
    printf("mapped guest frame %d of domain %u read-write at %p\n", GUEST_FRAME, domid,
           (void *)out);
    memcpy(out + MESSAGE_AT, message, strlen(message) + 1);
    printf("  wrote at offset %d: \"%s\"\n", MESSAGE_AT, message);

    in = xenforeignmemory_map(reader, domid, PROT_READ, 1, &gfn, NULL);
    if (!in) {
        fprintf(stderr, "xenforeignmemory_map: cannot map frame %d of domain %u again: %s\n",
                GUEST_FRAME, domid, strerror(errno));
    } else {
        printf("mapped the same frame read-only through a second handle at %p\n", (void *)in);
        printf("  read at offset %d: \"%.*s\"\n", MESSAGE_AT, (int)sizeof(message) - 1,
               in + MESSAGE_AT);
        rc = strncmp(in + MESSAGE_AT, message, sizeof(message)) != 0;
        printf("%s\n", rc ? "the two mappings differ: round trip FAILED"
                          : "round trip through the guest's memory: the same bytes");
        xenforeignmemory_unmap(reader, in, 1);
    }
    xenforeignmemory_unmap(writer, out, 1);
    return rc;
}

int main(void)
{
    xentoollog_logger *logger =
        (xentoollog_logger *)xtl_createlogger_stdiostream(stderr, XTL_INFO, 0);
    xc_interface *xch = NULL;
    xenforeignmemory_handle *writer = NULL, *reader = NULL;
    uint32_t domid;
    int rc = 1;

    xch = xc_interface_open(logger, NULL, 0);
    if (!xch) {
        fprintf(stderr, "xc_interface_open: %s (run this as root in a Xen dom0)\n",
                strerror(errno));
        goto out;
    }
    writer = xenforeignmemory_open(logger, 0);
    reader = xenforeignmemory_open(logger, 0);
    if (!writer || !reader) {
        fprintf(stderr, "xenforeignmemory_open: %s\n", strerror(errno));
        goto out;
    }

    if (create_guest(xch, GUEST_PAGES, &domid) < 0)
        goto out;
    printf("created domain %u: an HVM guest with %d pages of memory, paused\n", domid,
           GUEST_PAGES);

    rc = roundtrip(writer, reader, domid);

    if (xc_domain_destroy(xch, domid) == 0) {
        printf("destroyed domain %u\n", domid);
    } else {
        fprintf(stderr, "xc_domain_destroy: cannot destroy domain %u: %s\n", domid,
                strerror(errno));
        rc = 1;
    }
out:
    xenforeignmemory_close(reader);
    xenforeignmemory_close(writer);
    xc_interface_close(xch);
    xtl_logger_destroy(logger);
    return rc;
}
