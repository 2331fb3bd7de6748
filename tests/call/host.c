/* SPDX-License-Identifier: MIT */
/*
 * Host tests of libxencall's OS-independent code - handles, the hypercall
 * entry points, buffers and their cache - linked in here from the
 * library's static archive (core.c and buffer.c: tests/tests.mk) on top
 * of a fake OS backend that counts what the real one would map and unmap.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../tools/libs/call/private.h"

#include "testlib.h"

/* ------------------------------------------------------------ the fake */

static struct {
    pthread_mutex_t lock;
    size_t maps, unmaps;     /* calls */
    long pages_mapped;       /* pages mapped and not yet unmapped */
    size_t last_map_pages;
    void *unmapped[64];      /* the first unmapped pointers, in order */
    int map_errno;           /* nonzero: map_pages fails with it */
    long limit_pages;        /* nonzero: map_pages fails beyond it */
    int open_errno;          /* nonzero: os_open fails with it */
    bool buffer_device;      /* what os_open reports having */
    unsigned int op;         /* the last hypercall */
    uint64_t args[5];
    long result;             /* what it returns (from -4095 to -1: errno) */
} fake = { .lock = PTHREAD_MUTEX_INITIALIZER, .buffer_device = true };

int xencall__os_open(xencall_handle *xcall)
{
    if (fake.open_errno) {
        errno = fake.open_errno;
        return -1;
    }
    xcall->privcmd_fd = open("/dev/zero", O_RDWR | O_CLOEXEC);
    xcall->buf_fd = fake.buffer_device ? open("/dev/zero", O_RDWR | O_CLOEXEC) : -1;
    return 0;
}

int xencall__os_close(xencall_handle *xcall)
{
    if (xcall->buf_fd >= 0)
        close(xcall->buf_fd);
    return close(xcall->privcmd_fd);
}

long xencall__os_hypercall(xencall_handle *xcall, unsigned int op, const uint64_t args[5])
{
    (void)xcall;
    fake.op = op;
    memcpy(fake.args, args, sizeof(fake.args));
    if (fake.result < 0 && fake.result >= -4095) {
        errno = (int)-fake.result;
        return -1;
    }
    return fake.result;
}

void *xencall__os_map_pages(xencall_handle *xcall, size_t nr_pages)
{
    void *p;

    (void)xcall;
    if (fake.map_errno || (fake.limit_pages && fake.pages_mapped + (long)nr_pages > fake.limit_pages)) {
        errno = fake.map_errno ? fake.map_errno : ENOMEM;
        return NULL;
    }
    /* Fresh pages are zeroed, as the kernel's are. */
    p = aligned_alloc(XENLIBS_PAGE_SIZE, nr_pages * XENLIBS_PAGE_SIZE);
    if (p) {
        memset(p, 0, nr_pages * XENLIBS_PAGE_SIZE);
        pthread_mutex_lock(&fake.lock);
        fake.maps++;
        fake.pages_mapped += nr_pages;
        fake.last_map_pages = nr_pages;
        pthread_mutex_unlock(&fake.lock);
    }
    return p;
}

void xencall__os_unmap_pages(xencall_handle *xcall, void *p, size_t nr_pages)
{
    (void)xcall;
    pthread_mutex_lock(&fake.lock);
    if (fake.unmaps < sizeof(fake.unmapped) / sizeof(fake.unmapped[0]))
        fake.unmapped[fake.unmaps] = p;
    fake.unmaps++;
    fake.pages_mapped -= nr_pages;
    pthread_mutex_unlock(&fake.lock);
    free(p);
}

static void fake_reset(void)
{
    fake.maps = fake.unmaps = 0;
    fake.pages_mapped = 0;
    fake.map_errno = fake.open_errno = 0;
    fake.limit_pages = 0;
    fake.buffer_device = true;
    fake.result = 0;
}

/* A logger that keeps count, and the last message with its errno. */
static struct {
    xentoollog_logger vtable;
    int count;
    int errnoval;
    char last[256];
} capture;

static void capture_vmessage(xentoollog_logger *lg, xentoollog_level level, int errnoval,
                             const char *context, const char *format, va_list al)
{
    int n;

    (void)lg;
    (void)level;
    capture.count++;
    capture.errnoval = errnoval;
    n = snprintf(capture.last, sizeof(capture.last), "%s: ", context ? context : "");
    vsnprintf(capture.last + n, sizeof(capture.last) - n, format, al);
}

static xentoollog_logger *capture_reset(void)
{
    capture.vtable.vmessage = capture_vmessage;
    capture.count = 0;
    capture.errnoval = 0;
    capture.last[0] = '\0';
    return &capture.vtable;
}

static xencall_handle *open_handle(unsigned flags)
{
    xencall_handle *h;

    fake_reset();
    h = xencall_open(capture_reset(), flags);
    CHECK_NE(h, NULL);
    return h;
}

/* Closes h and checks that every page the library mapped went back. */
static void close_handle(xencall_handle *h)
{
    CHECK_EQ(xencall_close(h), 0);
    CHECKF(fake.pages_mapped == 0, "%ld pages still mapped after close", fake.pages_mapped);
}

/* ------------------------------------------------------------ handles */

static void test_open_close(void)
{
    xencall_handle *h;

    BAD_INPUT(xencall_close, "NULL handle", RETURNS(0), xencall_close(NULL));
    h = open_handle(0);
    CHECK_GE(xencall_fd(h), 0);
    CHECK(fcntl(xencall_fd(h), F_GETFD) & FD_CLOEXEC);
    CHECK_EQ(xencall_buffers_never_fault(h), 1);
    CHECK_EQ(capture.count, 0);
    close_handle(h);

    fake_reset();
    fake.buffer_device = false;
    h = xencall_open(NULL, XENCALL_OPENFLAG_NON_REENTRANT);
    CHECK_NE(h, NULL);
    CHECK_EQ(xencall_buffers_never_fault(h), 0);
    /* The default logger is the handle's own: it goes with the handle. */
    CHECK(h && h->base.log.owned != NULL && h->base.log.logger == h->base.log.owned);
    CHECK_EQ(xencall_close(h), 0);
}

static void test_open_failures(void)
{
    BAD_INPUT(xencall_open, "unknown flags", NULLPTR(EINVAL), xencall_open(capture_reset(), 2));
    CHECKF(capture.count == 1 && strstr(capture.last, "xencall: ") == capture.last &&
               strstr(capture.last, "0x2"),
           "logged %d: %s", capture.count, capture.last);

    fake_reset();
    fake.open_errno = EACCES;
    errno = 0;
    CHECK_EQ(xencall_open(capture_reset(), 0), NULL);
    CHECKF(errno == EACCES, "errno %d", errno);
}

static void test_null_handle(void)
{
    BAD_INPUT(xencall_fd, "NULL handle", MINUS1(EINVAL), xencall_fd(NULL));
    BAD_INPUT(xencall_buffers_never_fault, "NULL handle", RETURNS_ERRNO(0, EINVAL),
              xencall_buffers_never_fault(NULL));
    BAD_INPUT(xencall0, "NULL handle", MINUS1(EINVAL), xencall0(NULL, 17));
    BAD_INPUT(xencall1, "NULL handle", MINUS1(EINVAL), xencall1(NULL, 17, 1));
    BAD_INPUT(xencall2, "NULL handle", MINUS1(EINVAL), xencall2(NULL, 17, 1, 2));
    BAD_INPUT(xencall3, "NULL handle", MINUS1(EINVAL), xencall3(NULL, 17, 1, 2, 3));
    BAD_INPUT(xencall4, "NULL handle", MINUS1(EINVAL), xencall4(NULL, 17, 1, 2, 3, 4));
    BAD_INPUT(xencall5, "NULL handle", MINUS1(EINVAL), xencall5(NULL, 17, 1, 2, 3, 4, 5));
    BAD_INPUT(xencall2L, "NULL handle", MINUS1(EINVAL), xencall2L(NULL, 17, 0, 0));
    BAD_INPUT(xencall_alloc_buffer, "NULL handle", NULLPTR(EINVAL), xencall_alloc_buffer(NULL, 8));
    BAD_INPUT(xencall_alloc_buffer_pages, "NULL handle", NULLPTR(EINVAL),
              xencall_alloc_buffer_pages(NULL, 1));
    errno = 42;
    BAD_INPUT_VOID(xencall_free_buffer, "NULL handle", IGNORED, xencall_free_buffer(NULL, &fake));
    BAD_INPUT_VOID(xencall_free_buffer_pages, "NULL handle", IGNORED,
                   xencall_free_buffer_pages(NULL, &fake, 1));
}

/* ------------------------------------------------------------ hypercalls */

static bool args_are(unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                     uint64_t a5)
{
    return fake.op == op && fake.args[0] == a1 && fake.args[1] == a2 && fake.args[2] == a3 &&
           fake.args[3] == a4 && fake.args[4] == a5;
}

static void test_hypercall_arguments(void)
{
    xencall_handle *h = open_handle(0);
    const uint64_t big = UINT64_C(0xfedcba9876543210);

    fake.result = 7;
    CHECK(xencall0(h, 1) == 7 && args_are(1, 0, 0, 0, 0, 0));
    CHECK(xencall1(h, 2, big) == 7 && args_are(2, big, 0, 0, 0, 0));
    CHECK(xencall2(h, 3, 1, big) == 7 && args_are(3, 1, big, 0, 0, 0));
    CHECK(xencall3(h, 4, 1, 2, big) == 7 && args_are(4, 1, 2, big, 0, 0));
    CHECK(xencall4(h, 5, 1, 2, 3, big) == 7 && args_are(5, 1, 2, 3, big, 0));
    CHECK(xencall5(h, 6, 1, 2, 3, 4, big) == 7 && args_are(6, 1, 2, 3, 4, big));
    CHECK(xencall2L(h, 0xffffffffu, big, 1) == 7 && args_are(0xffffffffu, big, 1, 0, 0, 0));

    fake.result = 0x123456789L;
    CHECK_EQ(xencall2L(h, 12, 2, 0), 0x123456789L);

    fake.result = -38;
    errno = 0;
    CHECK(xencall3(h, 63, 0, 0, 0) == -1 && errno == 38);
    CHECK_EQ(capture.count, 0);      /* hypercalls never log */
    close_handle(h);
}

static void test_restrict(void)
{
    xencall_handle *h = open_handle(0);
    struct stat st, null_st;
    int fd = xencall_fd(h);

    CHECK_EQ(xentoolcore_restrict_all(3), 0);
    CHECK(fstat(fd, &st) == 0 && stat("/dev/null", &null_st) == 0);
    CHECKF(st.st_rdev == null_st.st_rdev, "fd %d is now device %u:%u", fd,
           major(st.st_rdev), minor(st.st_rdev));
    CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close_handle(h);
    /* Closed handles are out of the registry. */
    CHECK_EQ(xentoolcore_restrict_all(3), 0);
}

/* ------------------------------------------------------------ buffers */

static void test_bad_requests(void)
{
    xencall_handle *h = open_handle(0);

    BAD_INPUT(xencall_alloc_buffer_pages, "zero pages", NULLPTR(EINVAL),
              xencall_alloc_buffer_pages(h, 0));
    CHECKF(capture.count == 1 && strstr(capture.last, "0 pages"), "%s", capture.last);
    BAD_INPUT(xencall_alloc_buffer_pages, "count of SIZE_MAX pages", NULLPTR(ENOMEM),
              xencall_alloc_buffer_pages(h, SIZE_MAX));
    BAD_INPUT(xencall_alloc_buffer_pages, "byte size overflowing size_t", NULLPTR(ENOMEM),
              xencall_alloc_buffer_pages(h, (SIZE_MAX >> 12) + 1));
    BAD_INPUT(xencall_alloc_buffer, "SIZE_MAX bytes", NULLPTR(ENOMEM),
              xencall_alloc_buffer(h, SIZE_MAX));
    BAD_INPUT(xencall_alloc_buffer, "size overflowing when rounded up to pages", NULLPTR(ENOMEM),
              xencall_alloc_buffer(h, SIZE_MAX - 4096));
    CHECK_EQ(fake.maps, 0);

    fake.map_errno = ENOMEM;
    capture_reset();
    errno = 0;
    CHECK(xencall_alloc_buffer_pages(h, 3) == NULL && errno == ENOMEM);
    CHECKF(capture.count == 1 && capture.errnoval == ENOMEM && strstr(capture.last, "3 pages"),
           "%s", capture.last);
    close_handle(h);
}

static void test_frees_of_nothing(void)
{
    xencall_handle *h = open_handle(0);
    void *p;

    BAD_INPUT_VOID(xencall_free_buffer, "NULL buffer", IGNORED, xencall_free_buffer(h, NULL));
    BAD_INPUT_VOID(xencall_free_buffer_pages, "NULL buffer", IGNORED,
                   xencall_free_buffer_pages(h, NULL, 1));
    BAD_INPUT_VOID(xencall_free_buffer_pages, "NULL buffer, zero pages", IGNORED,
                   xencall_free_buffer_pages(h, NULL, 0));
    CHECK(capture.count == 0 && fake.unmaps == 0);

    p = xencall_alloc_buffer_pages(h, 2);
    BAD_INPUT_VOID(xencall_free_buffer_pages, "zero pages of a buffer", IGNORED,
                   xencall_free_buffer_pages(h, p, 0));
    CHECKF(capture.count == 1 && strstr(capture.last, "impossible"), "%s", capture.last);
    xencall_free_buffer_pages(h, p, 2);
    close_handle(h);
}

static void test_reuse(void)
{
    static const size_t sizes[] = { 1, 4, 64 };
    xencall_handle *h = open_handle(0);

    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t maps = fake.maps;
        void *p = xencall_alloc_buffer_pages(h, sizes[i]), *q;

        CHECK(p != NULL && ((uintptr_t)p & 4095) == 0);
        memset(p, 0xa5, sizes[i] * 4096);
        xencall_free_buffer_pages(h, p, sizes[i]);
        q = xencall_alloc_buffer_pages(h, sizes[i]);
        CHECKF(q == p && fake.maps == maps + 1, "%zu pages: %zu maps", sizes[i],
               fake.maps - maps);
        /* Reused buffers are zeroed like fresh ones. */
        for (size_t b = 0; q && b < sizes[i] * 4096; b++)
            if (!CHECKF(((unsigned char *)q)[b] == 0, "%zu pages: byte %zu not 0", sizes[i], b))
                break;
        xencall_free_buffer_pages(h, q, sizes[i]);
    }
    CHECK_EQ(fake.unmaps, 0);
    close_handle(h);
    CHECK_EQ(fake.unmaps, 3);
}

static void test_exact_sizes_only(void)
{
    xencall_handle *h = open_handle(0);
    void *four = xencall_alloc_buffer_pages(h, 4), *two;

    xencall_free_buffer_pages(h, four, 4);
    two = xencall_alloc_buffer_pages(h, 2);
    CHECK(two != four && fake.maps == 2);
    xencall_free_buffer_pages(h, two, 2);
    close_handle(h);
}

static void test_big_buffers_not_kept(void)
{
    xencall_handle *h = open_handle(0);
    void *p = xencall_alloc_buffer_pages(h, CACHE_MAX_BUFFER_PAGES + 1);

    xencall_free_buffer_pages(h, p, CACHE_MAX_BUFFER_PAGES + 1);
    CHECK(fake.unmaps == 1 && fake.pages_mapped == 0);
    close_handle(h);
}

/* Past its bounds the cache releases the buffers freed longest ago. */
static void test_bounds(void)
{
    xencall_handle *h = open_handle(0);
    void *p[CACHE_SLOTS + 8];
    size_t n = sizeof(p) / sizeof(p[0]);

    for (size_t i = 0; i < n; i++)
        p[i] = xencall_alloc_buffer_pages(h, 1);
    for (size_t i = 0; i < n; i++)
        xencall_free_buffer_pages(h, p[i], 1);
    CHECKF(fake.unmaps == 8 && fake.pages_mapped == CACHE_SLOTS, "%zu unmaps, %ld pages kept",
           fake.unmaps, fake.pages_mapped);
    for (size_t i = 0; i < 8 && i < fake.unmaps; i++)
        CHECKF(fake.unmapped[i] == p[i], "unmapped #%zu is not the #%zu freed", i, i);

    /* Page budget: 64-page buffers push out 1-page ones, then each other. */
    for (size_t i = 0; i < 5; i++)
        p[i] = xencall_alloc_buffer_pages(h, CACHE_MAX_BUFFER_PAGES);
    for (size_t i = 0; i < 5; i++)
        xencall_free_buffer_pages(h, p[i], CACHE_MAX_BUFFER_PAGES);
    CHECKF(fake.pages_mapped == CACHE_PAGES, "%ld pages kept", fake.pages_mapped);
    CHECK(h->cache.count == 4 && h->cache.pages == CACHE_PAGES);
    CHECK_EQ(h->cache.slot[0].p, p[1]);
    close_handle(h);
}

/* A kernel out of pages gets the cached ones back before a retry. */
static void test_flush_and_retry(void)
{
    xencall_handle *h = open_handle(0);
    void *p = xencall_alloc_buffer_pages(h, 60), *q;

    xencall_free_buffer_pages(h, p, 60);
    fake.limit_pages = 64;
    q = xencall_alloc_buffer_pages(h, 8);
    CHECK(q != NULL && fake.unmaps == 1 && h->cache.count == 0);
    /* With nothing cached to give back, the failure stands. */
    errno = 0;
    CHECK(xencall_alloc_buffer_pages(h, 60) == NULL && errno == ENOMEM);
    CHECK_EQ(capture.count, 1);
    xencall_free_buffer_pages(h, q, 8);
    close_handle(h);
}

static void test_double_free(void)
{
    xencall_handle *h = open_handle(0);
    void *p = xencall_alloc_buffer_pages(h, 1), *q, *r;

    xencall_free_buffer_pages(h, p, 1);
    BAD_INPUT_VOID(xencall_free_buffer_pages, "double free", IGNORED,
                   xencall_free_buffer_pages(h, p, 1));
    CHECKF(capture.count == 1 && strstr(capture.last, "twice"), "%s", capture.last);
    q = xencall_alloc_buffer_pages(h, 1);
    r = xencall_alloc_buffer_pages(h, 1);
    CHECK(q == p && r != p);
    xencall_free_buffer_pages(h, q, 1);
    xencall_free_buffer_pages(h, r, 1);
    close_handle(h);
}

static void test_alloc_buffer(void)
{
    xencall_handle *h = open_handle(0);
    char *a = xencall_alloc_buffer(h, 0), *b, *c;

    CHECK(a != NULL && fake.last_map_pages == 1 && ((uintptr_t)a % _Alignof(max_align_t)) == 0);
    b = xencall_alloc_buffer(h, 4096 - sizeof(struct buffer_header));
    CHECK(b != NULL && fake.last_map_pages == 1);
    memset(b, 1, 4096 - sizeof(struct buffer_header));
    c = xencall_alloc_buffer(h, 4096 - sizeof(struct buffer_header) + 1);
    CHECK(c != NULL && fake.last_map_pages == 2);
    memset(c, 2, 4096 - sizeof(struct buffer_header) + 1);
    xencall_free_buffer(h, a);
    xencall_free_buffer(h, b);
    xencall_free_buffer(h, c);
    CHECK_EQ(capture.count, 0);
    /* Same page counts come back from the cache. */
    a = xencall_alloc_buffer(h, 100);
    c = xencall_alloc_buffer(h, 5000);
    CHECK_EQ(fake.maps, 3);
    xencall_free_buffer(h, a);
    xencall_free_buffer(h, c);
    close_handle(h);
}

static void test_free_buffer_misuse(void)
{
    xencall_handle *h = open_handle(0);
    char *page = xencall_alloc_buffer_pages(h, 2), *p;
    size_t unmaps;

    /* Not from xencall_alloc_buffer: refused, untouched. */
    memset(page, 0, 2 * 4096);
    BAD_INPUT_VOID(xencall_free_buffer, "a pointer from xencall_alloc_buffer_pages", IGNORED,
                   xencall_free_buffer(h, page));
    BAD_INPUT_VOID(xencall_free_buffer, "a pointer inside a buffer", IGNORED,
                   xencall_free_buffer(h, page + 4096 + sizeof(struct buffer_header)));
    CHECKF(capture.count == 2 && strstr(capture.last, "not from"), "%d: %s", capture.count,
           capture.last);
    xencall_free_buffer_pages(h, page, 2);

    p = xencall_alloc_buffer(h, 10);
    xencall_free_buffer(h, p);
    unmaps = fake.unmaps;
    capture_reset();
    BAD_INPUT_VOID(xencall_free_buffer, "double free", IGNORED, xencall_free_buffer(h, p));
    CHECKF(capture.count == 1, "second free logged %d times", capture.count);
    CHECK(fake.unmaps == unmaps && h->cache.count == 2);
    close_handle(h);
}

static void test_non_reentrant(void)
{
    xencall_handle *h = open_handle(XENCALL_OPENFLAG_NON_REENTRANT);
    void *p = xencall_alloc_buffer_pages(h, 4);

    xencall_free_buffer_pages(h, p, 4);
    CHECK_EQ(xencall_alloc_buffer_pages(h, 4), p);
    xencall_free_buffer_pages(h, p, 4);
    close_handle(h);
}

/* Threads sharing a handle never get the same buffer at the same time. */
#define THREADS 8
#define ROUNDS 20000

static void *churn(void *arg)
{
    static const size_t pages[] = { 1, 1, 2, 4, 64, 65 };
    xencall_handle *h = arg;
    unsigned seed = (unsigned)(uintptr_t)pthread_self();
    long bad = 0;

    for (int i = 0; i < ROUNDS; i++) {
        size_t n = pages[rand_r(&seed) % 6];
        unsigned char tag = (unsigned char)rand_r(&seed);
        unsigned char *p = xencall_alloc_buffer_pages(h, n);

        if (!p)
            return (void *)(intptr_t)-1;
        p[0] = p[n * 4096 - 1] = tag;
        sched_yield();
        bad += p[0] != tag || p[n * 4096 - 1] != tag;
        xencall_free_buffer_pages(h, p, n);
    }
    return (void *)(intptr_t)bad;
}

static void test_threads(void)
{
    xencall_handle *h = open_handle(0);
    pthread_t t[THREADS];
    void *bad;

    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, churn, h), 0);
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ(pthread_join(t[i], &bad), 0);
        CHECKF(bad == NULL, "thread %d: %ld", i, (long)(intptr_t)bad);
    }
    CHECK(h->cache.count <= CACHE_SLOTS && h->cache.pages <= CACHE_PAGES);
    CHECKF((size_t)fake.pages_mapped == h->cache.pages, "%ld pages mapped, %zu cached",
           fake.pages_mapped, h->cache.pages);
    CHECK_EQ(capture.count, 0);
    close_handle(h);
}

int main(void)
{
    T_CASE(test_open_close, "xencall: open and close");
    T_CASE(test_open_failures, "xencall: open failures set errno and log");
    T_CASE(test_null_handle, "xencall: a NULL handle is refused");
    T_CASE(test_hypercall_arguments, "xencall: hypercall arguments, results and errors");
    T_CASE(test_restrict, "xencall: restrict_all turns the fd into /dev/null");
    T_CASE(test_bad_requests, "xencall: bad buffer requests give NULL, errno and a message");
    T_CASE(test_frees_of_nothing, "xencall: freeing nothing does nothing");
    T_CASE(test_reuse, "xencall: 1, 4 and 64 pages are reused, zeroed");
    T_CASE(test_exact_sizes_only, "xencall: the cache hands out exact page counts");
    T_CASE(test_big_buffers_not_kept, "xencall: buffers over the cache's size are unmapped");
    T_CASE(test_bounds, "xencall: the cache stays within its bounds, oldest out");
    T_CASE(test_flush_and_retry, "xencall: out of pages, the cache is given back first");
    T_CASE(test_double_free, "xencall: a double free is caught");
    T_CASE(test_alloc_buffer, "xencall: xencall_alloc_buffer sizes and alignment");
    T_CASE(test_free_buffer_misuse, "xencall: xencall_free_buffer refuses foreign pointers");
    T_CASE(test_non_reentrant, "xencall: non-reentrant handles");
    T_CASE(test_threads, "xencall: 8 threads share a handle's buffers");
    return t_exit_status();
}
