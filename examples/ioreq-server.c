/* SPDX-License-Identifier: MIT */
/*
 * ioreq-server: what a device model does first.  It creates an HVM
 * domain (never run), registers an ioreq server for the guest's COM1 I/O
 * ports (0x3f8-0x3ff) with libxendevicemodel, maps the server's shared
 * pages with libxenforeignmemory, shows the event channels Xen made for
 * it and the state of the vCPU's ioreq slot, then tears it all down.
 *
 * The domain is made with libxenctrl, as a toolstack makes one: HVM with
 * hardware-assisted paging, one vCPU, created paused, GUEST_PAGES pages of
 * memory at guest frames 0 and up.  Every path out of main() after the
 * domain exists destroys it again.  (Killed half way, the program leaves
 * it behind: `xl destroy DOMID` removes it.)
 *
 * Build (xenctrl.h needs GNU C):
 *     cc -std=gnu11 ioreq-server.c -lxenctrl -lxendevicemodel -lxenforeignmemory
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xendevicemodel.h>
#include <xenforeignmemory.h>

#include <xen/hvm/ioreq.h>
#include <xen/memory.h>

#define GUEST_PAGES 16
#define COM1_FIRST 0x3f8
#define COM1_LAST 0x3ff

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

    /* createdomain only sets the number: this makes the vCPU, without
     * which an ioreq server gets no event channel for it. */
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

/* Prints which call failed and why; for the chain of calls below. */
static int failed(const char *call)
{
    fprintf(stderr, "%s: %s\n", call, strerror(errno));
    return -1;
}

static int serve(xendevicemodel_handle *dmod, xenforeignmemory_handle *fmem, domid_t domid)
{
    xenforeignmemory_resource_handle *fres;
    const shared_iopage_t *iopage;
    evtchn_port_t bufport;
    ioservid_t id;
    char *pages = NULL;
    int rc = 1;

    /* 2: a buffered ring too, whose pointers Xen updates atomically. */
    if (xendevicemodel_create_ioreq_server(dmod, domid, 2, &id) < 0) {
        failed("xendevicemodel_create_ioreq_server");
        return 1;
    }
    printf("ioreq server %u created for domain %u\n", (unsigned)id, (unsigned)domid);

    /* Frame 0: the buffered ring; frame 1: one ioreq slot per vCPU. */
    fres = xenforeignmemory_map_resource(fmem, domid, XENMEM_resource_ioreq_server, id, 0, 2,
                                         (void **)&pages, PROT_READ | PROT_WRITE, 0);
    if (!fres) {
        failed("xenforeignmemory_map_resource");
        goto destroy;
    }
    iopage = (const shared_iopage_t *)(pages + XC_PAGE_SIZE);
    printf("  its pages are mapped here: buffered ring at %p, ioreq page at %p\n",
           (void *)pages, (const void *)iopage);

    /* Only the port: asking for gfns would make Xen take guest memory
     * (and on a guest with no ioreq pages set up, as this one, Xen 4.17
     * then crashes when the server is destroyed). */
    if (xendevicemodel_get_ioreq_server_info(dmod, domid, id, NULL, NULL, &bufport) < 0) {
        failed("xendevicemodel_get_ioreq_server_info");
        goto unmap;
    }
    printf("  buffered ring's event channel: port %u of domain %u\n", (unsigned)bufport,
           (unsigned)domid);
    if (xendevicemodel_map_io_range_to_ioreq_server(dmod, domid, id, 0, COM1_FIRST,
                                                    COM1_LAST) < 0) {
        failed("xendevicemodel_map_io_range_to_ioreq_server");
        goto unmap;
    }
    if (xendevicemodel_set_ioreq_server_state(dmod, domid, id, 1) < 0) {
        failed("xendevicemodel_set_ioreq_server_state (enable)");
        goto unmap;
    }
    printf("  claims I/O ports %#x-%#x; enabled\n", COM1_FIRST, COM1_LAST);
    printf("  vCPU 0's ioreq slot: event channel port %u, state %u (%s)\n",
           (unsigned)iopage->vcpu_ioreq[0].vp_eport, (unsigned)iopage->vcpu_ioreq[0].state,
           iopage->vcpu_ioreq[0].state == STATE_IOREQ_NONE ? "no request pending" : "busy");
    printf("  (a running guest's IN/OUT on those ports would now arrive in that slot)\n");

    if (xendevicemodel_set_ioreq_server_state(dmod, domid, id, 0) < 0)
        failed("xendevicemodel_set_ioreq_server_state (disable)");
    else if (xendevicemodel_unmap_io_range_from_ioreq_server(dmod, domid, id, 0, COM1_FIRST,
                                                             COM1_LAST) < 0)
        failed("xendevicemodel_unmap_io_range_from_ioreq_server");
    else {
        printf("  disabled, ports given back\n");
        rc = 0;
    }
unmap:
    xenforeignmemory_unmap_resource(fmem, fres);
destroy:
    if (xendevicemodel_destroy_ioreq_server(dmod, domid, id) < 0) {
        failed("xendevicemodel_destroy_ioreq_server");
        rc = 1;
    } else {
        printf("ioreq server %u destroyed\n", (unsigned)id);
    }
    return rc;
}

int main(void)
{
    xc_interface *xch = NULL;
    xendevicemodel_handle *dmod = NULL;
    xenforeignmemory_handle *fmem = NULL;
    unsigned vcpus = 0;
    uint32_t domid;
    int rc = 1;

    /* NULL loggers: each library logs its own errors on stderr. */
    xch = xc_interface_open(NULL, NULL, 0);
    if (!xch) {
        fprintf(stderr, "xc_interface_open: %s (run this as root in a Xen dom0)\n",
                strerror(errno));
        goto out;
    }
    dmod = xendevicemodel_open(NULL, 0);
    if (!dmod) {
        failed("xendevicemodel_open");
        goto out;
    }
    fmem = xenforeignmemory_open(NULL, 0);
    if (!fmem) {
        failed("xenforeignmemory_open");
        goto out;
    }

    if (create_guest(xch, GUEST_PAGES, &domid) < 0)
        goto out;
    printf("created HVM domain %u (paused, %d pages of memory)\n", domid, GUEST_PAGES);
    if (xendevicemodel_nr_vcpus(dmod, (domid_t)domid, &vcpus) == 0)
        printf("  it has %u vCPU%s\n", vcpus, vcpus == 1 ? "" : "s");
    else
        failed("xendevicemodel_nr_vcpus");

    rc = serve(dmod, fmem, (domid_t)domid);

    if (xc_domain_destroy(xch, domid) == 0) {
        printf("domain %u destroyed\n", domid);
    } else {
        fprintf(stderr, "xc_domain_destroy: cannot destroy domain %u: %s\n", domid,
                strerror(errno));
        rc = 1;
    }
out:
    xenforeignmemory_close(fmem);
    xendevicemodel_close(dmod);
    xc_interface_close(xch);
    return rc;
}
