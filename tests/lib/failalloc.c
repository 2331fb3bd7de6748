/* SPDX-License-Identifier: MIT */
/* failalloc.c - see failalloc.h. */
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "failalloc.h"

/* A sanitizer's runtime allocates (and so calls in here) before it has set
 * itself up: code here that it instrumented would touch its shadow memory
 * before that exists. */
#define UNSANITIZED __attribute__((no_sanitize("address,thread,undefined")))

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
int posix_memalign(void **memptr, size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
void *memalign(size_t alignment, size_t size);
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);

static struct {
    void *(*malloc)(size_t);
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
    int (*posix_memalign)(void **, size_t, size_t);
    void *(*aligned_alloc)(size_t, size_t);
    void *(*memalign)(size_t, size_t);
    void *(*mmap)(void *, size_t, int, int, int, off_t);
} next;

/* dlsym() may allocate while the pointers above are being looked up:
 * those few early blocks come from here and are never freed. */
static _Alignas(max_align_t) char early[16384];
static atomic_size_t early_used;
static atomic_int resolving;

UNSANITIZED
static void *early_alloc(size_t size)
{
    size_t at = atomic_fetch_add(&early_used, (size + 15) & ~(size_t)15);

    if (at + size > sizeof(early))
        return NULL;
    return early + at;
}

UNSANITIZED
static bool is_early(const void *p)
{
    return (const char *)p >= early && (const char *)p < early + sizeof(early);
}

UNSANITIZED
static void resolve(void)
{
    if (next.mmap)
        return;
    atomic_store(&resolving, 1);
    next.malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    next.calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    next.realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    next.free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    next.posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    next.aligned_alloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
    next.memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
    next.mmap = (void *(*)(void *, size_t, int, int, int, off_t))dlsym(RTLD_NEXT, "mmap");
    atomic_store(&resolving, 0);
}

/* ------------------------------------------------------------ counting */

static atomic_bool armed;
static atomic_ulong attempts, fail_at, passed_through;

/* The blocks allocated while armed and not freed: an open-addressing set
 * of pointers under a spin lock (a failing call allocates a handful). */
#define LIVE_SLOTS 4096
static void *live[LIVE_SLOTS];
static unsigned long live_count;
static atomic_flag live_lock = ATOMIC_FLAG_INIT;

UNSANITIZED
static size_t slot_of(const void *p)
{
    return ((uintptr_t)p >> 4) * 2654435761u % LIVE_SLOTS;
}

UNSANITIZED
static void live_add(void *p)
{
    while (atomic_flag_test_and_set(&live_lock))
        ;
    for (size_t i = slot_of(p), n = 0; n < LIVE_SLOTS; i = (i + 1) % LIVE_SLOTS, n++)
        if (!live[i] || live[i] == (void *)1) {
            live[i] = p;
            live_count++;
            break;
        }
    atomic_flag_clear(&live_lock);
}

UNSANITIZED
static void live_remove(void *p)
{
    while (atomic_flag_test_and_set(&live_lock))
        ;
    for (size_t i = slot_of(p), n = 0; n < LIVE_SLOTS && live[i]; i = (i + 1) % LIVE_SLOTS, n++)
        if (live[i] == p) {
            live[i] = (void *)1;        /* a tombstone keeps probing going */
            live_count--;
            break;
        }
    atomic_flag_clear(&live_lock);
}

/* Whether this allocation is the one to fail. */
UNSANITIZED
static bool should_fail(void)
{
    atomic_fetch_add(&passed_through, 1);
    if (!atomic_load(&armed))
        return false;
    return atomic_fetch_add(&attempts, 1) + 1 == atomic_load(&fail_at);
}

UNSANITIZED
static void *made(void *p)
{
    if (p && atomic_load(&armed))
        live_add(p);
    return p;
}

UNSANITIZED
void failalloc_arm(unsigned long nth)
{
    resolve();
    while (atomic_flag_test_and_set(&live_lock))
        ;
    memset(live, 0, sizeof(live));
    live_count = 0;
    atomic_flag_clear(&live_lock);
    atomic_store(&attempts, 0);
    atomic_store(&fail_at, nth);
    atomic_store(&armed, true);
}

UNSANITIZED
unsigned long failalloc_disarm(void)
{
    atomic_store(&armed, false);
    return atomic_load(&attempts);
}

UNSANITIZED
unsigned long failalloc_live(void)
{
    return live_count;
}

UNSANITIZED
bool failalloc_active(void)
{
    /* Through a volatile pointer, so the compiler cannot elide the pair. */
    void *(*volatile alloc)(size_t) = malloc;
    unsigned long before = atomic_load(&passed_through);
    void *p = alloc(1);

    free(p);
    return atomic_load(&passed_through) != before;
}

/* ------------------------------------------------------------ the calls */

UNSANITIZED
void *malloc(size_t size)
{
    if (atomic_load(&resolving))
        return early_alloc(size);
    resolve();
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return made(next.malloc(size));
}

UNSANITIZED
void *calloc(size_t nmemb, size_t size)
{
    if (atomic_load(&resolving)) {
        void *p = nmemb && size > SIZE_MAX / nmemb ? NULL : early_alloc(nmemb * size);

        return p ? memset(p, 0, nmemb * size) : NULL;
    }
    resolve();
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return made(next.calloc(nmemb, size));
}

UNSANITIZED
void *realloc(void *ptr, size_t size)
{
    void *p;

    resolve();
    if (is_early(ptr)) {
        /* Never the case past start-up; move the block to the real heap. */
        p = next.malloc(size);
        if (p)
            memcpy(p, ptr, size);
        return p;
    }
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    p = next.realloc(ptr, size);
    if (p && ptr)
        live_remove(ptr);
    return made(p);
}

UNSANITIZED
void free(void *ptr)
{
    if (!ptr || is_early(ptr))
        return;
    resolve();
    live_remove(ptr);
    next.free(ptr);
}

UNSANITIZED
int posix_memalign(void **memptr, size_t alignment, size_t size)
{
    int rc;

    resolve();
    if (should_fail())
        return ENOMEM;
    rc = next.posix_memalign(memptr, alignment, size);
    if (rc == 0)
        made(*memptr);
    return rc;
}

UNSANITIZED
void *aligned_alloc(size_t alignment, size_t size)
{
    resolve();
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return made(next.aligned_alloc(alignment, size));
}

UNSANITIZED
void *memalign(size_t alignment, size_t size)
{
    resolve();
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return made(next.memalign(alignment, size));
}

/* Mappings are not remembered: a test counts the bytes mapped instead. */
UNSANITIZED
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    resolve();
    if (should_fail()) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    return next.mmap(addr, length, prot, flags, fd, offset);
}
