/* SPDX-License-Identifier: MIT */
/*
 * xlguest.h - a PV domU that upstream's xl (xen-run's cache) boots with
 * dom0's kernel and a busybox initramfs made here, whose /init runs the
 * caller's shell script with the guest's console (hvc0) as its output.
 * The console reaches the guest log of a xenconsoled the caller runs
 * (--log=guest or all).  xl runs on upstream's libraries, or on those of
 * the folder libdir names.
 *
 * Failures are reported as failed checks of the running case (testlib.h)
 * and as a false or -1 return.  Before xl create starts, a guard process
 * is forked: unless xlguest_destroy() got rid of the domU, the guard
 * destroys it by name when this program ends, however it ends.  A child
 * this program forks must close the guard's fd (guard_fd), or the guard
 * waits for the child too.
 */
#ifndef XLGUEST_H
#define XLGUEST_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct xlguest {
    char name[32];              /* the domU's: prefix-PID */
    int domid;                  /* > 0 once created */
    char workdir[64];           /* its initramfs and config; "" until made */
    char console_log[PATH_MAX]; /* xenconsoled's log of its console */
    int guard_fd;               /* held by this process only; -1: none */
    const char *libdir;         /* xl's libraries (LD_LIBRARY_PATH); NULL: upstream's */
};

/*
 * Runs a shell command line (printf-style) on upstream's libraries
 * (LD_LIBRARY_PATH dropped), within 120 s: its stdout into out (at most
 * size - 1 bytes, first line kept), or with out NULL to our stderr, as
 * is its stderr.  Returns its exit status, or -1.
 */
int xlguest_run(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Names the domU prefix-PID and builds its initramfs: static busybox,
 * the files (absolute paths, copied into /) and kernel modules (names in
 * the kernel package's drivers/xen, loaded by /init in their order) of
 * the NULL-ended lists, and an /init that mounts proc, sysfs and devtmpfs,
 * loads the modules, runs script and then sleeps: the domU never ends by
 * itself.  Returns whether it all worked.
 */
bool xlguest_initramfs(struct xlguest *g, const char *prefix, const char *script,
                       const char *const files[], const char *const modules[]);

/*
 * Starts the guard, then creates the domU with xl create (-p: paused),
 * memory_mb of memory, its console logged by xenconsoled in console_dir.
 * Returns its domain id, or -1.
 */
int xlguest_create(struct xlguest *g, const char *console_dir, unsigned memory_mb, bool paused);

/* xl unpause; whether it worked. */
bool xlguest_unpause(struct xlguest *g);

/* The console log so far, at most size - 1 bytes, NUL-terminated: its
 * length (0 while xenconsoled has written nothing). */
size_t xlguest_console(const struct xlguest *g, char *buf, size_t size);

/* Waits until the console log contains text, for at most timeout_s
 * seconds; whether it did. */
bool xlguest_await_console(const struct xlguest *g, const char *text, double timeout_s);

/* xl destroy, and a check that the domU is gone; the guard then ends.
 * Whether the domU is gone. */
bool xlguest_destroy(struct xlguest *g);

/* Removes the work folder (after xlguest_destroy()). */
void xlguest_remove_files(struct xlguest *g);

#endif /* XLGUEST_H */
