/*
 * foreignmemory-roundtrip: dom0 creates a small guest, writes a message
 * into one page of the guest's memory through a foreign mapping made with
 * libxenforeignmemory, reads it back through a second mapping of the same
 * guest frame made by another, independent handle, and destroys the guest.
 *
 * The guest comes from tests/common/testdom.c, which the project's tests
 * and benchmarks use too: an HVM domain, created paused (it never runs),
 * given memory with the createdomain, max_mem and populate_physmap
 * hypercalls through libxencall, and destroyed again even if this program
 * dies half way.
 */
/* First: it sets up the Xen headers' tools-only view for itself. */
#include "../tests/common/testdom.c"

#include <xenforeignmemory.h>
#include <xentoollog.h>

#define GUEST_PAGES 16
/* The guest frame the message goes into, and where in that page. */
#define GUEST_FRAME 5
#define MESSAGE_AT 256

static int run(xenforeignmemory_handle *writer, xenforeignmemory_handle *reader, int domid)
{
    xen_pfn_t gfn = GUEST_FRAME;
    char message[128], *out, *in;
    int rc = 1;

    snprintf(message, sizeof(message), "hello, domain %d: dom0 wrote this into your memory",
             domid);
    out = xenforeignmemory_map(writer, (uint32_t)domid, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    if (!out)
        return 1;               /* the library has said why */
    printf("mapped guest frame %d of domain %d read-write at %p\n", GUEST_FRAME, domid,
           (void *)out);
    memcpy(out + MESSAGE_AT, message, strlen(message) + 1);
    printf("  wrote at offset %d: \"%s\"\n", MESSAGE_AT, message);

    in = xenforeignmemory_map(reader, (uint32_t)domid, PROT_READ, 1, &gfn, NULL);
    if (in) {
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
    xenforeignmemory_handle *writer = xenforeignmemory_open(logger, 0);
    xenforeignmemory_handle *reader = xenforeignmemory_open(logger, 0);
    int domid = -1, rc = 1;

    if (!writer || !reader) {
        fprintf(stderr, "foreignmemory-roundtrip: no privcmd driver here (root in dom0?)\n");
        goto out;
    }
    domid = testdom_create_hvm(GUEST_PAGES);
    if (domid < 0)
        goto out;               /* testdom has said why */
    printf("created domain %d: an HVM guest with %d pages of memory, paused\n", domid,
           GUEST_PAGES);
    rc = run(writer, reader, domid);
    if (testdom_destroy(domid) == 0)
        printf("destroyed domain %d\n", domid);
    else
        rc = 1;
out:
    xenforeignmemory_close(reader);
    xenforeignmemory_close(writer);
    xtl_logger_destroy(logger);
    return rc;
}
