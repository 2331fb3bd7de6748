/* SPDX-License-Identifier: MIT */
/*
 * Differential test of libxenforeignmemory: tests/foreignmemory/diff,
 * built against upstream's header, runs once on our library and once on
 * upstream's (chosen by LD_LIBRARY_PATH) in this boot; every outcome it
 * reports must be the same on both, except the documented differences
 * below, which must come out exactly as documented.
 */
#include <xenforeignmemory.h>

#include "testlib.h"

/* Where ours deliberately differs from upstream (see README.md). */
static const struct t_difference differences[] = {
    /* Upstream munmap()s whatever it is given. */
    { "unmap an anonymous page the handle did not map", "-1 errno 22", "0 errno 0" },
};

int main(void)
{
    int failed;

    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_open);
    failed = t_differential("foreignmemory differential", "diff",
                            "libxenforeignmemory.so.1", differences,
                            sizeof(differences) / sizeof(differences[0]));
    return failed || t_exit_status() ? 1 : 0;
}
