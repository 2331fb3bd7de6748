/*
 * ioreq-server: what a device model does first.  It creates an HVM
 * domain (never run), registers an ioreq server for the guest's COM1 I/O
 * ports (0x3f8-0x3ff) with libxendevicemodel, maps the server's shared
 * pages with libxenforeignmemory, shows the event channels Xen made for
 * it and the state of the vCPU's ioreq slot, then tears it all down.
 *
 * The domain comes from the tests' helper (tests/common/testdom.c), which
 * issues the domctls through libxencall until the project has libxenctrl.
 */
/* First: it sets up the Xen headers' tools-only view for itself. */
#include "../tests/common/testdom.c"

#include <xen/hvm/ioreq.h>
#include <xen/memory.h>

#include <xendevicemodel.h>
#include <xenforeignmemory.h>

#define COM1_FIRST 0x3f8
#define COM1_LAST 0x3ff

static int serve(xendevicemodel_handle *dmod, xenforeignmemory_handle *fmem, domid_t domid)
{
    xenforeignmemory_resource_handle *fres;
    const shared_iopage_t *iopage;
    evtchn_port_t bufport;
    ioservid_t id;
    char *pages = NULL;
    int rc = 1;

    /* 2: a buffered ring too, whose pointers Xen updates atomically. */
    if (xendevicemodel_create_ioreq_server(dmod, domid, 2, &id) < 0)
        return 1;               /* the library has said why */
    printf("ioreq server %u created for domain %u\n", (unsigned)id, (unsigned)domid);

    /* Frame 0: the buffered ring; frame 1: one ioreq slot per vCPU. */
    fres = xenforeignmemory_map_resource(fmem, domid, XENMEM_resource_ioreq_server, id, 0, 2,
                                         (void **)&pages, PROT_READ | PROT_WRITE, 0);
    if (!fres)
        goto destroy;
    iopage = (const shared_iopage_t *)(pages + 4096);
    printf("  its pages are mapped here: buffered ring at %p, ioreq page at %p\n",
           (void *)pages, (const void *)iopage);

    /* Only the port: asking for gfns would make Xen take guest memory. */
    if (xendevicemodel_get_ioreq_server_info(dmod, domid, id, NULL, NULL, &bufport) < 0 ||
        xendevicemodel_map_io_range_to_ioreq_server(dmod, domid, id, 0, COM1_FIRST,
                                                    COM1_LAST) < 0 ||
        xendevicemodel_set_ioreq_server_state(dmod, domid, id, 1) < 0)
        goto unmap;
    printf("  buffered ring's event channel: port %u of domain %u\n", (unsigned)bufport,
           (unsigned)domid);
    printf("  claims I/O ports %#x-%#x; enabled\n", COM1_FIRST, COM1_LAST);
    printf("  vCPU 0's ioreq slot: event channel port %u, state %u (%s)\n",
           (unsigned)iopage->vcpu_ioreq[0].vp_eport, (unsigned)iopage->vcpu_ioreq[0].state,
           iopage->vcpu_ioreq[0].state == STATE_IOREQ_NONE ? "no request pending" : "busy");
    printf("  (a running guest's IN/OUT on those ports would now arrive in that slot)\n");

    if (xendevicemodel_set_ioreq_server_state(dmod, domid, id, 0) == 0 &&
        xendevicemodel_unmap_io_range_from_ioreq_server(dmod, domid, id, 0, COM1_FIRST,
                                                        COM1_LAST) == 0)
        rc = 0;
    printf("  disabled, ports given back\n");
unmap:
    xenforeignmemory_unmap_resource(fmem, fres);
destroy:
    if (xendevicemodel_destroy_ioreq_server(dmod, domid, id) < 0)
        rc = 1;
    else
        printf("ioreq server %u destroyed\n", (unsigned)id);
    return rc;
}

int main(void)
{
    xendevicemodel_handle *dmod = xendevicemodel_open(NULL, 0);
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    unsigned vcpus = 0;
    int domid, rc = 1;

    if (!dmod || !fmem)
        return 1;
    domid = testdom_create_hvm(16);
    if (domid < 0)
        return 1;
    printf("created HVM domain %d (paused, 16 pages of memory)\n", domid);
    if (xendevicemodel_nr_vcpus(dmod, (domid_t)domid, &vcpus) == 0)
        printf("  it has %u vCPU%s\n", vcpus, vcpus == 1 ? "" : "s");
    rc = serve(dmod, fmem, (domid_t)domid);
    testdom_destroy(domid);
    printf("domain %d destroyed\n", domid);
    xenforeignmemory_close(fmem);
    xendevicemodel_close(dmod);
    return rc;
}
