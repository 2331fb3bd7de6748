/* SPDX-License-Identifier: MIT */
/*
 * xc-domains: the running domains and their state, listed through the
 * project's libxenctrl (one hypercall for the whole list), as `xl list`
 * shows them.
 */
#include <stdio.h>

/* Built as gnu11: <xenctrl.h> includes Xen's tools-only headers, which
 * use GNU C's anonymous unions. */
#include <xenctrl.h>

#define MAX_DOMAINS 1024

static const char *state(const xc_dominfo_t *d)
{
    static char s[7];

    /* xl's letters: running, blocked, paused, shut down, crashed, dying */
    snprintf(s, sizeof(s), "%c%c%c%c%c%c", d->running ? 'r' : '-', d->blocked ? 'b' : '-',
             d->paused ? 'p' : '-', d->shutdown ? 's' : '-', d->crashed ? 'c' : '-',
             d->dying ? 'd' : '-');
    return s;
}

int main(void)
{
    static xc_dominfo_t info[MAX_DOMAINS];
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    int n;

    if (!xch)
        return 1;
    n = xc_domain_getinfo(xch, 0, MAX_DOMAINS, info);
    if (n < 0) {
        perror("xc_domain_getinfo");
        xc_interface_close(xch);
        return 1;
    }
    printf("%-6s %-4s %10s %5s %-6s %12s\n", "domid", "type", "mem (MiB)", "vcpus", "state",
           "cpu time (s)");
    for (int i = 0; i < n; i++)
        printf("%-6u %-4s %10lu %5u %-6s %12.1f\n", info[i].domid, info[i].hvm ? "HVM" : "PV",
               info[i].nr_pages / 256, info[i].nr_online_vcpus, state(&info[i]),
               info[i].cpu_time / 1e9);
    xc_interface_close(xch);
    return 0;
}
