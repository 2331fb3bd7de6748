/* SPDX-License-Identifier: MIT */
/*
 * crashkernel.h - what the tests that run a kexec in dom0 (Debian's, the
 * project's port) share: the arguments that load dom0's own kernel as the
 * crash kernel, and Xen's own answer whether one is loaded.
 */
#ifndef CRASHKERNEL_H
#define CRASHKERNEL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * t_crash_kernel_args - writes to args kexec's arguments that load dom0's
 * kernel as the crash kernel ("-p KERNEL --initrd=... --append=..."), with
 * an initramfs from xen-run's cache: any will do, as the kernel is never
 * started by these tests.  false, having failed a check of the running
 * case, outside tests/vm/xen-run or with no initramfs there.
 */
bool t_crash_kernel_args(char *args, size_t size);

/* Xen's crash image status read through libxenkexec: 1 loaded, 0 not, -1
 * when it cannot be asked. */
int t_crash_image_status(void);

#endif /* CRASHKERNEL_H */
