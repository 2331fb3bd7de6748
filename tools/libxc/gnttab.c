/* Grant tables as the control domain sees them: grant_table_op.
 * (Mapping and sharing grants is libxengnttab's.) */
#include "private.h"

EXPORT int xc_gnttab_query_size(xc_interface *xch, struct gnttab_query_size *query)
{
    int rc;

    if (!query)
        return xc__invalid(xch, "xc_gnttab_query_size: NULL query");
    rc = (int)xc__hypercall_struct(xch, __HYPERVISOR_grant_table_op, GNTTABOP_query_size, query,
                                   sizeof(*query), 1);
    /* Xen's verdict on the domain is in query->status, as upstream's. */
    if (rc == 0 && query->status != GNTST_okay)
        xc_report_error(xch, XC_INTERNAL_ERROR, "could not query dom %u's grant table size: "
                        "status %d", query->dom, query->status);
    return rc;
}
