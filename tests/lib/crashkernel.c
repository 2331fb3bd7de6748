/* SPDX-License-Identifier: MIT */
/* Loading dom0's kernel as the crash kernel with a kexec (crashkernel.h). */
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include <xenkexec.h>

#include "crashkernel.h"
#include "testlib.h"

bool t_crash_kernel_args(char *args, size_t size)
{
    const char *kernel = getenv("XENRUN_DOM0_KERNEL"), *cache = getenv("XENRUN_CACHE");
    char pattern[PATH_MAX];
    glob_t g;

    if (!CHECKF(kernel && cache, "run through tests/vm/xen-run"))
        return false;
    snprintf(pattern, sizeof(pattern), "%s/initrd-*.cpio.gz", cache);
    if (!CHECKF(glob(pattern, 0, NULL, &g) == 0, "no %s", pattern))
        return false;
    snprintf(args, size,
             "-p %s --initrd=%s --append='console=hvc0 irqpoll nr_cpus=1 reset_devices'", kernel,
             g.gl_pathv[0]);
    globfree(&g);
    return true;
}

int t_crash_image_status(void)
{
    xenkexec_handle *xk = xenkexec_open(NULL, 0);
    int status = xk ? xenkexec_status(xk, XENKEXEC_TYPE_CRASH) : -1;

    xenkexec_close(xk);
    return status;
}
