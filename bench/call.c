/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks of libxencall: a hypercall's latency and the cost of a
 * hypercall buffer, through the library (`call lib`) or through the
 * kernel's privcmd and hypercall drivers directly (`call raw`).
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/sys/privcmd.h>
#include <xen/version.h>

#include <xencall.h>

#include "benchlib.h"

#define PAGE 4096

/* One hypercall that every domain may make and Xen answers at once. */
#define CHEAP_OP __HYPERVISOR_xen_version
#define CHEAP_ARG XENVER_version

static const size_t buffer_pages[] = { 1, 4, 64 };

/* ------------------------------------------------------------ the library */

static xencall_handle *xcall;
static size_t nr_pages;

static void lib_hypercall(void *arg)
{
    (void)arg;
    if (xencall2(xcall, CHEAP_OP, CHEAP_ARG, 0) <= 0)
        exit(3);
}

static void lib_alloc_free(void *arg)
{
    void *p = xencall_alloc_buffer_pages(xcall, nr_pages);

    (void)arg;
    if (!p)
        exit(3);
    xencall_free_buffer_pages(xcall, p, nr_pages);
}

/* ------------------------------------------------------------ the kernel */

static int privcmd_fd, hypercall_fd;

static void raw_hypercall(void *arg)
{
    privcmd_hypercall_t call = { .op = CHEAP_OP, .arg = { CHEAP_ARG } };

    (void)arg;
    if (ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &call) <= 0)
        exit(3);
}

static void raw_alloc_free(void *arg)
{
    void *p = mmap(NULL, nr_pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, hypercall_fd, 0);

    (void)arg;
    if (p == MAP_FAILED)
        exit(3);
    munmap(p, nr_pages * PAGE);
}

/* ------------------------------------------------------------ the rows */

static void rows(void (*hypercall)(void *), void (*alloc_free)(void *))
{
    char key[32], description[64];

    bench_row("call.hypercall", "libxencall: hypercall (xen_version)",
              bench_loop(hypercall, NULL));
    for (size_t i = 0; i < sizeof(buffer_pages) / sizeof(buffer_pages[0]); i++) {
        nr_pages = buffer_pages[i];
        snprintf(key, sizeof(key), "call.alloc%zu", nr_pages);
        snprintf(description, sizeof(description), "libxencall: alloc+free %zu page%s",
                 nr_pages, nr_pages > 1 ? "s" : "");
        bench_row(key, description, bench_loop(alloc_free, NULL));
    }
    nr_pages = 1;
    bench_row("call.threads4", "libxencall: alloc+free 1 page, 4 threads, one handle",
              bench_threads(4, alloc_free, NULL));
}

int main(int argc, char **argv)
{
    if (bench_raw_mode(argc, argv)) {
        privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
        hypercall_fd = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
        if (privcmd_fd < 0 || hypercall_fd < 0) {
            perror("bench: /dev/xen");
            return 2;
        }
        rows(raw_hypercall, raw_alloc_free);
        close(privcmd_fd);
        close(hypercall_fd);
        return 0;
    }
    bench_expect_library("libxencall.so.1", (const void *)xencall_open);
    xcall = xencall_open(NULL, 0);
    if (!xcall)
        return 2;
    rows(lib_hypercall, lib_alloc_free);
    xencall_close(xcall);
    return 0;
}
