/* SPDX-License-Identifier: MIT */
/*
 * foreignmemory-diff - one run of libxenforeignmemory calls against a
 * real HVM domain, built against UPSTREAM's header, whose outcomes (return
 * values, errno, per-page errors, data read back) it prints as "R: case:
 * outcome" lines.  tests/foreignmemory/system-differential runs it on our
 * library and on upstream's (LD_LIBRARY_PATH) in one boot and compares.
 * Nothing printed depends on addresses or domain ids, which differ from
 * run to run; no case name contains ": ".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Upstream's declarations, not the project's (whose folder comes first on
 * the include path): the program is what a client built against
 * upstream's libxen-dev is. */
#include "/usr/include/xenforeignmemory.h"

#include <xen/memory.h>

#include "testdom.h"
#include "testlib.h"

#define PAGE 4096
#define HOLE_GFN 0x80000

/* "NULL errno N" or "mapped" for a map call's return. */
static const char *outcome(const void *p, int err)
{
    static char buf[64];

    if (p)
        return "mapped";
    snprintf(buf, sizeof(buf), "NULL errno %d", err);
    return buf;
}

static void errs(const char *name, const void *p, int saved_errno, const int *err, int n)
{
    char buf[256];
    size_t len = 0;

    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, " %d", err[i]);
    t_result(name, "%s, err%s", outcome(p, saved_errno), buf);
}

int main(void)
{
    xenforeignmemory_handle *a, *b;
    xenforeignmemory_resource_handle *fres;
    xen_pfn_t arr[6], mixed[6] = { 10, HOLE_GFN, 11, 12, HOLE_GFN + 1, 13 };
    int err[6], hvm, other, rc, e, same, status;
    pid_t pid;
    char *p, *q, *area;
    void *addr;
    size_t size;

    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_map2);
    hvm = testdom_create_hvm(256);
    other = testdom_create_hvm(16);
    a = xenforeignmemory_open(NULL, 0);
    b = xenforeignmemory_open(NULL, 0);
    if (hvm < 0 || other < 0 || !a || !b) {
        printf("FAIL: foreignmemory-diff: setting up: %s\n", strerror(errno));
        return 1;
    }

    for (int i = 0; i < 6; i++)
        arr[i] = 100 + (xen_pfn_t)i;
    memset(err, 0x55, sizeof(err));
    errno = 0;
    p = xenforeignmemory_map(a, (uint32_t)hvm, PROT_READ | PROT_WRITE, 6, arr, err);
    errs("map 6 good frames with err", p, errno, err, 6);
    q = xenforeignmemory_map2(b, (uint32_t)hvm, NULL, PROT_READ, 0, 6, arr, NULL);
    t_result("map2 the same frames through a second handle", "%s", outcome(q, errno));
    if (p && q) {
        for (int i = 0; i < 6 * PAGE; i++)
            p[i] = (char)(i * 7 + 3);
        same = 1;
        for (int i = 0; i < 6 * PAGE; i++)
            same &= q[i] == (char)(i * 7 + 3);
        t_result("data written through one read through the other", "%s", same ? "same" : "differs");
        t_result("unmap the second", "%d", xenforeignmemory_unmap(b, q, 6));
    }

    /* A write through a read-only mapping, in a child and on a mapping of
     * its own (Linux does not copy privcmd mappings into a child). */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        xenforeignmemory_handle *c = xenforeignmemory_open(NULL, 0);
        volatile char *ro = c ? xenforeignmemory_map(c, (uint32_t)hvm, PROT_READ, 1, arr, NULL)
                              : NULL;

        if (!ro)
            _exit(2);
        ro[0] = (char)(ro[0] + 1);
        _exit(0);
    }
    if (pid > 0 && waitpid(pid, &status, 0) == pid)
        t_result("write through a read-only mapping, in a child", "%s %d",
                 WIFSIGNALED(status) ? "signal" : "exit",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));

    memset(err, 0x55, sizeof(err));
    errno = 0;
    q = xenforeignmemory_map(b, (uint32_t)hvm, PROT_READ, 6, mixed, err);
    errs("map good and bad frames with err", q, errno, err, 6);
    if (q)
        t_result("unmap it", "%d", xenforeignmemory_unmap(b, q, 6));
    errno = 0;
    q = xenforeignmemory_map(b, (uint32_t)hvm, PROT_READ, 6, mixed, NULL);
    t_result("map good and bad frames without err", "%s", outcome(q, errno));

    memset(err, 0x55, sizeof(err));
    errno = 0;
    q = xenforeignmemory_map(b, 31000, PROT_READ, 2, arr, err);
    errs("map frames of a domain that does not exist, with err", q, errno, err, 2);
    if (q)
        xenforeignmemory_unmap(b, q, 2);
    errno = 0;
    q = xenforeignmemory_map(b, 31000, PROT_READ, 2, arr, NULL);
    t_result("map frames of a domain that does not exist, without err", "%s", outcome(q, errno));

    errno = 0;
    q = xenforeignmemory_map(b, (uint32_t)hvm, PROT_READ, 0, arr, NULL);
    t_result("map 0 pages", "%s", outcome(q, errno));

    area = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    errno = 0;
    q = xenforeignmemory_map2(b, (uint32_t)hvm, area + PAGE, PROT_READ, MAP_FIXED, 2, arr, NULL);
    t_result("map2 MAP_FIXED", "%s", q == area + PAGE ? "at the address asked" : outcome(q, errno));
    if (q == area + PAGE) {
        same = 1;
        for (int i = 0; i < 2 * PAGE; i++)
            same &= q[i] == (char)(i * 7 + 3);
        t_result("MAP_FIXED mapping shows the data", "%s", same ? "same" : "differs");
        t_result("unmap the MAP_FIXED mapping", "%d", xenforeignmemory_unmap(b, q, 2));
    }
    /* A hint without MAP_FIXED: the free middle of the area, then its
     * occupied first page. */
    munmap(area + PAGE, 2 * PAGE);
    errno = 0;
    q = xenforeignmemory_map2(b, (uint32_t)hvm, area + PAGE, PROT_READ, 0, 2, arr, NULL);
    t_result("map2 at a free hint", "%s", q == area + PAGE ? "at the hint" : q ? "elsewhere" :
             outcome(q, errno));
    if (q)
        xenforeignmemory_unmap(b, q, 2);
    errno = 0;
    q = xenforeignmemory_map2(b, (uint32_t)hvm, area, PROT_READ, 0, 2, arr, NULL);
    t_result("map2 at an occupied hint", "%s", q == area ? "at the hint" : q ? "elsewhere" :
             outcome(q, errno));
    if (q)
        xenforeignmemory_unmap(b, q, 2);
    /* Upstream unmaps whatever it is given; ours refuses what the handle
     * did not map. */
    errno = 0;
    rc = xenforeignmemory_unmap(b, area + 3 * PAGE, 1);
    t_result("unmap an anonymous page the handle did not map", "%d errno %d", rc,
             rc ? errno : 0);
    munmap(area, 4 * PAGE);

    errno = 0;
    rc = xenforeignmemory_resource_size(b, (domid_t)hvm, XENMEM_resource_grant_table,
                                        XENMEM_resource_grant_table_id_shared, &size);
    t_result("resource_size of the grant table", "%d size %zu", rc, rc ? 0 : size);
    errno = 0;
    rc = xenforeignmemory_resource_size(b, (domid_t)hvm, XENMEM_resource_grant_table,
                                        XENMEM_resource_grant_table_id_status, &size);
    t_result("resource_size of the grant status frames (v1)", "%d errno %d size %zu", rc,
             rc ? errno : 0, rc ? 0 : size);
    addr = NULL;
    errno = 0;
    fres = xenforeignmemory_map_resource(b, (domid_t)hvm, XENMEM_resource_grant_table,
                                         XENMEM_resource_grant_table_id_shared, 0, 2, &addr,
                                         PROT_READ | PROT_WRITE, 0);
    t_result("map_resource of 2 grant table frames", "%s", fres && addr ? "mapped" : outcome(NULL, errno));
    if (fres)
        t_result("unmap_resource", "%d", xenforeignmemory_unmap_resource(b, fres));
    errno = 0;
    fres = xenforeignmemory_map_resource(b, (domid_t)hvm, XENMEM_resource_grant_table,
                                         XENMEM_resource_grant_table_id_shared, 64, 1, &addr,
                                         PROT_READ, 0);
    t_result("map_resource beyond the grant frames", "%s", outcome(fres, errno));
    errno = 0;
    fres = xenforeignmemory_map_resource(b, (domid_t)hvm, 0x7777, 0, 0, 1, &addr, PROT_READ, 0);
    t_result("map_resource of an unknown type", "%s", outcome(fres, errno));

    errno = 0;
    rc = xenforeignmemory_restrict(b, (domid_t)hvm);
    t_result("restrict", "%d", rc);
    errno = 0;
    q = xenforeignmemory_map(b, (uint32_t)other, PROT_READ, 1, arr, NULL);
    t_result("restricted, map another domain", "%s", outcome(q, errno));
    errno = 0;
    q = xenforeignmemory_map(b, (uint32_t)hvm, PROT_READ, 1, arr, NULL);
    t_result("restricted, map its domain", "%s", outcome(q, errno));
    if (q)
        xenforeignmemory_unmap(b, q, 1);
    errno = 0;
    rc = xenforeignmemory_restrict(b, (domid_t)other);
    e = errno;
    t_result("restrict to another domain", "%d errno %d", rc, rc ? e : 0);
    if (p)
        t_result("unmap the first", "%d", xenforeignmemory_unmap(a, p, 6));
    t_result("close", "%d %d", xenforeignmemory_close(a), xenforeignmemory_close(b));
    testdom_destroy_all();
    return t_exit_status();
}
