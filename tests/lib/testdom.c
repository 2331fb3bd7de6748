/* SPDX-License-Identifier: MIT */
/*
 * testdom.c - real guest domains for system tests (see testdom.h): the
 * test's end of testdom-helper, which makes them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xencall.h>
#include <xen/xen.h>
#include <xen/version.h>

#include "testdom.h"
#include "testdom-wire.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int to_helper = -1;   /* the socket to the helper */
static pid_t helper;
/* The process that started the helper: only it ends the helper at exit,
 * not the children a test forks. */
static pid_t owner;
/* ------------------------------------------------------------ the helper */

/*
 * Which helper speaks the running hypervisor's domctl: the one named for
 * its version (XENVER_version), into path.  Asked through a libxencall
 * handle of its own, closed again, so the test keeps one descriptor only.
 */
static bool helper_path(char *path, size_t size)
{
    xencall_handle *xc = xencall_open(NULL, 0);
    int version;

    if (!xc) {
        fprintf(stderr, "testdom: cannot open libxencall: %s\n", strerror(errno));
        return false;
    }
    version = xencall2(xc, __HYPERVISOR_xen_version, XENVER_version, 0);
    xencall_close(xc);
    if (version < 0) {
        fprintf(stderr, "testdom: cannot tell Xen's version: %s\n", strerror(errno));
        return false;
    }
    snprintf(path, size, "%s/testdom-helper-%d.%d", TESTDOM_HELPERS, version >> 16,
             version & 0xffff);
    if (access(path, X_OK) < 0) {
        fprintf(stderr, "testdom: no domain helper for Xen %d.%d (%s: %s)\n", version >> 16,
                version & 0xffff, path, strerror(errno));
        return false;
    }
    return true;
}

/* At exit: the domains are destroyed before the process ends, and the
 * helper's end of the socket closes as a tool that counts descriptors left
 * at exit expects.  The shutdown ends the helper even if a forked child
 * still holds the socket. */
static void end_helper(void)
{
    if (getpid() != owner || to_helper < 0)
        return;
    testdom_destroy_all();
    shutdown(to_helper, SHUT_RDWR);
    close(to_helper);
    to_helper = -1;
    waitpid(helper, NULL, 0);
}

bool testdom_init(void)
{
    char path[4096];
    int sv[2];
    bool ok = false;

    pthread_mutex_lock(&lock);
    if (to_helper >= 0) {
        ok = true;
        goto out;
    }
    if (!helper_path(path, sizeof(path)))
        goto out;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        fprintf(stderr, "testdom: socketpair: %s\n", strerror(errno));
        goto out;
    }
    fflush(stdout);
    fflush(stderr);
    helper = fork();
    if (helper == 0) {
        dup2(sv[1], STDIN_FILENO);
        dup2(sv[1], STDOUT_FILENO);
        /* Nothing of the test's but stderr: a pipe the helper held would
         * keep its reader waiting. */
        close_range(STDERR_FILENO + 1, ~0u, 0);
        execl(path, path, (char *)NULL);
        fprintf(stderr, "testdom: cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(sv[1]);
    if (helper < 0) {
        fprintf(stderr, "testdom: cannot start the domain helper: %s\n", strerror(errno));
        close(sv[0]);
        goto out;
    }
    to_helper = sv[0];
    if (!owner)
        atexit(end_helper);
    owner = getpid();
    ok = true;
out:
    pthread_mutex_unlock(&lock);
    return ok;
}

/*
 * One request and its reply: the reply's rc, with errno set when it is -1;
 * at most `room` bytes of its data into out (NULL: dropped).  No memory is
 * allocated here: the fault tests make every allocation fail.
 */
static int ask(enum testdom_op op, int domid, uint32_t arg0, uint32_t arg1, uint64_t count,
               void *out, size_t room)
{
    struct testdom_request rq = { .op = op, .domid = domid, .arg0 = arg0, .arg1 = arg1,
                                  .count = count };
    struct testdom_reply reply;
    bool ok;

    if (!testdom_init())
        return -1;
    pthread_mutex_lock(&lock);
    ok = send(to_helper, &rq, sizeof(rq), MSG_NOSIGNAL) == (ssize_t)sizeof(rq) &&
         testdom_transfer(to_helper, &reply, sizeof(reply), false);
    for (size_t left = ok ? reply.len : 0; ok && left;) {
        uint8_t scratch[256];
        bool keep = out && room;
        size_t n = keep ? room : sizeof(scratch);

        if (n > left)
            n = left;
        ok = testdom_transfer(to_helper, keep ? out : scratch, n, false);
        if (keep)
            out = (uint8_t *)out + n, room -= n;
        left -= n;
    }
    pthread_mutex_unlock(&lock);
    if (!ok) {
        fprintf(stderr, "testdom: the domain helper is gone\n");
        errno = EPIPE;
        return -1;
    }
    if (reply.rc < 0)
        errno = reply.error;
    return reply.rc;
}

/* ------------------------------------------------------------ domains */

int testdom_create_pv(void)
{
    return ask(TESTDOM_CREATE, 0, TESTDOM_KIND_PV, 0, 0, NULL, 0);
}

int testdom_create_pv_mem(unsigned nr_pages, uint64_t *mfns)
{
    return ask(TESTDOM_CREATE, 0, TESTDOM_KIND_PV, 0, nr_pages, mfns,
               mfns ? nr_pages * sizeof(*mfns) : 0);
}

int testdom_create_pv_vcpus(unsigned vcpus)
{
    return ask(TESTDOM_CREATE, 0, TESTDOM_KIND_PV, vcpus, 0, NULL, 0);
}

int testdom_create_hvm(unsigned nr_pages)
{
    return testdom_create_hvm_vcpus(nr_pages, 1);
}

int testdom_create_hvm_vcpus(unsigned nr_pages, unsigned vcpus)
{
    return ask(TESTDOM_CREATE, 0, TESTDOM_KIND_HVM, vcpus, nr_pages, NULL, 0);
}

int testdom_info(int domid, struct testdom_info *info)
{
    struct testdom_wire_info w;

    if (ask(TESTDOM_INFO, domid, 0, 0, 0, &w, sizeof(w)) < 0)
        return -1;
    info->dying = w.dying;
    info->shutdown = w.shutdown;
    info->shutdown_code = w.shutdown_code;
    info->vcpus = w.vcpus;
    return 0;
}

int testdom_hvm_record(int domid, unsigned type, unsigned instance, void *buf, size_t size)
{
    return ask(TESTDOM_HVM_RECORD, domid, type, instance, size, buf, size);
}

int testdom_mem_type(int domid, uint64_t gfn)
{
    return ask(TESTDOM_MEM_TYPE, domid, 0, 0, gfn, NULL, 0);
}

int testdom_log_dirty(int domid, bool on)
{
    return ask(TESTDOM_LOG_DIRTY, domid, on, 0, 0, NULL, 0) < 0 ? -1 : 0;
}

int testdom_dirty_peek(int domid, uint8_t *bitmap, unsigned nr_pages)
{
    return ask(TESTDOM_DIRTY_PEEK, domid, 0, 0, nr_pages, bitmap, ((size_t)nr_pages + 7) / 8) < 0
               ? -1
               : 0;
}

int testdom_adopt(int domid)
{
    return ask(TESTDOM_ADOPT, domid, 0, 0, 0, NULL, 0);
}

void testdom_forget(int domid)
{
    if (to_helper >= 0)
        ask(TESTDOM_FORGET, domid, 0, 0, 0, NULL, 0);
}

int testdom_destroy(int domid)
{
    if (to_helper < 0) {
        errno = EINVAL;
        return -1;
    }
    return ask(TESTDOM_DESTROY, domid, 0, 0, 0, NULL, 0);
}

void testdom_destroy_all(void)
{
    if (to_helper >= 0)
        ask(TESTDOM_DESTROY_ALL, 0, 0, 0, 0, NULL, 0);
}
