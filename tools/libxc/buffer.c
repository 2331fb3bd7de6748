/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Hypercall buffers (memory Xen may touch, from libxencall), bounce
 * buffers and arrays of buffers.  Callers expand the macros of
 * <xenctrl.h> into code that reads and writes xc_hypercall_buffer_t
 * directly, so its fields mean what they mean upstream: hbuf is the
 * memory, param_shadow the buffer a shadow stands for (the macros resolve
 * it before any call reaches here), dir/ubuf/sz describe a bounce.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* The NULL that set_xen_guest_handle() is given: hbuf NULL, no bounce.
 * Its size (40 bytes on 64-bit) is ABI: kexec-tools copy-relocates it. */
EXPORT xc_hypercall_buffer_t XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL) = {
    .hbuf = NULL,
    .param_shadow = NULL,
    HYPERCALL_BUFFER_INIT_NO_BOUNCE
};

EXPORT void *xc__hypercall_buffer_alloc_pages(xc_interface *xch, xc_hypercall_buffer_t *b,
                                              int nr_pages)
{
    void *p;

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (!b || nr_pages <= 0) {
        xc__invalid(xch, "xc_hypercall_buffer_alloc_pages: %s", b ? "page count not positive"
                                                                   : "NULL buffer");
        return NULL;
    }
    p = xencall_alloc_buffer_pages(xch->xcall, (size_t)nr_pages);
    if (p)
        b->hbuf = p;
    return p;
}

EXPORT void xc__hypercall_buffer_free_pages(xc_interface *xch, xc_hypercall_buffer_t *b,
                                            int nr_pages)
{
    if (xch && b && b->hbuf && nr_pages > 0)
        xencall_free_buffer_pages(xch->xcall, b->hbuf, (size_t)nr_pages);
}

EXPORT void *xc__hypercall_buffer_alloc(xc_interface *xch, xc_hypercall_buffer_t *b,
                                        size_t size)
{
    void *p;

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (!b) {
        xc__invalid(xch, "xc_hypercall_buffer_alloc: NULL buffer");
        return NULL;
    }
    p = xencall_alloc_buffer(xch->xcall, size);
    if (p)
        b->hbuf = p;
    return p;
}

EXPORT void xc__hypercall_buffer_free(xc_interface *xch, xc_hypercall_buffer_t *b)
{
    if (xch && b && b->hbuf)
        xencall_free_buffer(xch->xcall, b->hbuf);
}

/* Memory for the caller (freed with free()), nothing Xen touches: the
 * handle is not needed.  NULL with errno EINVAL (alignment not a power of
 * two times the size of a pointer) or ENOMEM; upstream's leaves errno. */
EXPORT void *xc_memalign(xc_interface *xch, size_t alignment, size_t size)
{
    void *p = NULL;
    int err;

    (void)xch;
    /* Refused here, not by posix_memalign: a sanitizer's allocator
     * aborts the process on such requests instead of failing them. */
    if (alignment < sizeof(void *) || (alignment & (alignment - 1))) {
        errno = EINVAL;
        return NULL;
    }
    if (size > PTRDIFF_MAX) {
        errno = ENOMEM;
        return NULL;
    }
    err = posix_memalign(&p, alignment, size);
    if (err) {
        errno = err;
        return NULL;
    }
    return p;
}

/* ----------------------------------------------------------- bounce */

/* A shadow declared without DECLARE_HYPERCALL_BOUNCE has no direction
 * (and ubuf (void *)-1): upstream aborts, here the call fails. */
static bool not_a_bounce(xc_interface *xch, const xc_hypercall_buffer_t *b, const char *fn)
{
    if (b && b->dir != XC_HYPERCALL_BUFFER_BOUNCE_NONE && b->ubuf != (void *)-1)
        return false;
    xc__invalid(xch, "%s: not a bounce buffer", fn);
    return true;
}

EXPORT int xc__hypercall_bounce_pre(xc_interface *xch, xc_hypercall_buffer_t *b)
{
    if (xenlibs_refuse_null_handle(xch) || not_a_bounce(xch, b, "xc_hypercall_bounce_pre"))
        return -1;
    if (!b->ubuf) {
        b->hbuf = NULL;
        return 0;
    }
    if (!xc__hypercall_buffer_alloc(xch, b, b->sz))
        return -1;
    if (b->dir & XC_HYPERCALL_BUFFER_BOUNCE_IN)
        memcpy(b->hbuf, b->ubuf, b->sz);
    return 0;
}

EXPORT void xc__hypercall_bounce_post(xc_interface *xch, xc_hypercall_buffer_t *b)
{
    int saved_errno = errno;    /* the call's error is the one to report */

    if (xch && !not_a_bounce(xch, b, "xc_hypercall_bounce_post") && b->hbuf) {
        if (b->dir & XC_HYPERCALL_BUFFER_BOUNCE_OUT)
            memcpy(b->ubuf, b->hbuf, b->sz);
        xc__hypercall_buffer_free(xch, b);
        b->hbuf = NULL;
    }
    errno = saved_errno;
}

/* ----------------------------------------------------------- arrays */

struct xc_hypercall_buffer_array {
    unsigned n;
    xc_hypercall_buffer_t bufs[];   /* hbuf NULL: slot not allocated */
};

EXPORT xc_hypercall_buffer_array_t *xc_hypercall_buffer_array_create(xc_interface *xch,
                                                                      unsigned n)
{
    xc_hypercall_buffer_array_t *array;

    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    array = calloc(1, sizeof(*array) + (size_t)n * sizeof(array->bufs[0]));
    if (!array) {
        xc__perror(xch, "cannot allocate a hypercall buffer array of %u", n);
        return NULL;
    }
    array->n = n;
    return array;
}

EXPORT void *xc__hypercall_buffer_array_alloc(xc_interface *xch,
                                              xc_hypercall_buffer_array_t *array,
                                              unsigned index, xc_hypercall_buffer_t *hbuf,
                                              size_t size)
{
    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (!array || !hbuf || index >= array->n || array->bufs[index].hbuf) {
        xc__invalid(xch, "xc_hypercall_buffer_array_alloc: slot %u %s", index,
                    !array || !hbuf ? "of a NULL array or buffer" :
                    index >= array->n ? "out of range" : "already allocated");
        return NULL;
    }
    if (!xc__hypercall_buffer_alloc(xch, hbuf, size))
        return NULL;
    array->bufs[index] = *hbuf;
    return hbuf->hbuf;
}

EXPORT void *xc__hypercall_buffer_array_get(xc_interface *xch,
                                            xc_hypercall_buffer_array_t *array,
                                            unsigned index, xc_hypercall_buffer_t *hbuf)
{
    if (xenlibs_refuse_null_handle(xch))
        return NULL;
    if (!array || !hbuf || index >= array->n || !array->bufs[index].hbuf) {
        xc__invalid(xch, "xc_hypercall_buffer_array_get: slot %u %s", index,
                    !array || !hbuf ? "of a NULL array or buffer" :
                    index >= array->n ? "out of range" : "not allocated");
        return NULL;
    }
    *hbuf = array->bufs[index];
    return hbuf->hbuf;
}

EXPORT void xc_hypercall_buffer_array_destroy(xc_interface *xch,
                                              xc_hypercall_buffer_array_t *array)
{
    if (!xch || !array)
        return;
    for (unsigned i = 0; i < array->n; i++)
        xc__hypercall_buffer_free(xch, &array->bufs[i]);
    free(array);
}
