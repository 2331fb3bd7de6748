/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Live patching of the hypervisor (sysctl XEN_SYSCTL_livepatch_op), as
 * xen-livepatch uses it: payloads are uploaded, listed, applied,
 * reverted, replaced and unloaded by name.  A Xen built without
 * CONFIG_LIVEPATCH refuses every call (ENOSYS).
 */
#include <string.h>

#include "private.h"

/* Restarts of a listing whose payloads changed under it (upstream's). */
#define LIST_RETRIES 4

/* name as Xen takes it, its text (NUL included) copied into a hypercall
 * buffer *text for the caller to free.  0, or -1 with errno set. */
static int payload_name(xc_interface *xch, const char *fn, const char *name,
                        struct xen_livepatch_name *n, char **text)
{
    size_t size;

    if (!name)
        return xc__invalid(xch, "%s: NULL name", fn);
    size = strlen(name) + 1;
    if (size > XEN_LIVEPATCH_NAME_SIZE)
        return xc__invalid(xch, "%s: name of %zu bytes, above %d", fn, size,
                           XEN_LIVEPATCH_NAME_SIZE);
    *text = xencall_alloc_buffer(xch->xcall, size);
    if (!*text)
        return -1;
    memcpy(*text, name, size);
    memset(n, 0, sizeof(*n));
    n->size = (uint16_t)size;
    set_xen_guest_handle_raw(n->name, *text);
    return 0;
}

EXPORT int xc_livepatch_upload(xc_interface *xch, char *name, unsigned char *payload,
                               uint32_t size)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_livepatch_op };
    struct xen_sysctl_livepatch_upload *up = &s.u.livepatch.u.upload;
    char *text;
    void *buf;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!payload)
        return xc__invalid(xch, "xc_livepatch_upload: NULL payload");
    if (payload_name(xch, "xc_livepatch_upload", name, &up->name, &text))
        return -1;
    buf = xencall_alloc_buffer(xch->xcall, size);
    if (!buf) {
        xencall_free_buffer(xch->xcall, text);
        return -1;
    }
    memcpy(buf, payload, size);
    s.u.livepatch.cmd = XEN_SYSCTL_LIVEPATCH_UPLOAD;
    up->size = size;
    set_xen_guest_handle_raw(up->payload, buf);
    rc = xc__sysctl(xch, &s);
    xencall_free_buffer(xch->xcall, buf);
    xencall_free_buffer(xch->xcall, text);
    return rc;
}

/* *status is written whatever Xen answers (zeros when it wrote none), as
 * upstream does. */
EXPORT int xc_livepatch_get(xc_interface *xch, char *name, xen_livepatch_status_t *status)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_livepatch_op };
    char *text;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!status)
        return xc__invalid(xch, "xc_livepatch_get: NULL status");
    if (payload_name(xch, "xc_livepatch_get", name, &s.u.livepatch.u.get.name, &text))
        return -1;
    s.u.livepatch.cmd = XEN_SYSCTL_LIVEPATCH_GET;
    rc = xc__sysctl(xch, &s);
    xencall_free_buffer(xch->xcall, text);
    *status = s.u.livepatch.u.get.status;
    return rc;
}

EXPORT int xc_livepatch_list_get_sizes(xc_interface *xch, unsigned int *nr,
                                       uint32_t *name_total_size, uint32_t *metadata_total_size)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_livepatch_op };

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!nr || !name_total_size || !metadata_total_size)
        return xc__invalid(xch, "xc_livepatch_list_get_sizes: NULL result");
    /* A listing of no entries: Xen answers with the count and sizes. */
    s.u.livepatch.cmd = XEN_SYSCTL_LIVEPATCH_LIST;
    if (xc__sysctl(xch, &s))
        return -1;
    *nr = s.u.livepatch.u.list.nr;
    *name_total_size = s.u.livepatch.u.list.name_total_size;
    *metadata_total_size = s.u.livepatch.u.list.metadata_total_size;
    return 0;
}

/* The five arrays of one listing call, in one hypercall buffer: where
 * each starts in the caller's memory and in the buffer, and its size. */
enum { L_INFO, L_LEN, L_METADATA_LEN, L_NAME, L_METADATA, L_ARRAYS };

struct list_batch {
    void *user[L_ARRAYS];
    size_t size[L_ARRAYS];
    char *buf;
};

static char *batch_part(struct list_batch *b, int which)
{
    char *p = b->buf;

    for (int i = 0; i < which; i++)
        p += b->size[i];
    return p;
}

static int batch_alloc(xc_interface *xch, struct list_batch *b)
{
    size_t total = 0;

    for (int i = 0; i < L_ARRAYS; i++)
        total += b->size[i];
    b->buf = xencall_alloc_buffer(xch->xcall, total);
    return b->buf ? 0 : -1;
}

/* Copies back copy[i] bytes of each array (never more than it has) and
 * frees the buffer.  Upstream copies each whole array back on a failed
 * call too: what Xen wrote, zeros elsewhere. */
static void batch_release(xc_interface *xch, struct list_batch *b, const size_t copy[L_ARRAYS])
{
    for (int i = 0; i < L_ARRAYS; i++) {
        size_t n = copy[i] < b->size[i] ? copy[i] : b->size[i];

        if (n)
            memcpy(b->user[i], batch_part(b, i), n);
    }
    xencall_free_buffer(xch->xcall, b->buf);
}

static void batch_release_whole(xc_interface *xch, struct list_batch *b)
{
    batch_release(xch, b, b->size);
}

/*
 * Upstream's algorithm, quirks included: batches of at most max entries,
 * halved while Xen answers E2BIG; a change of Xen's list version restarts
 * the count (the name and metadata offsets and the index are kept); the
 * index of each next batch is the count done so far, not start plus it.
 */
EXPORT int xc_livepatch_list(xc_interface *xch, const unsigned int max, const unsigned int start,
                             struct xen_livepatch_status *info, char *name, uint32_t *len,
                             const uint32_t name_total_size, char *metadata,
                             uint32_t *metadata_len, const uint32_t metadata_total_size,
                             unsigned int *done, unsigned int *left)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_livepatch_op };
    struct xen_sysctl_livepatch_list *l = &s.u.livepatch.u.list;
    uint32_t batch_max = max, version = 0, retries = 0;
    uint32_t name_off = 0, metadata_off = 0;
    uint32_t name_sz = name_total_size, metadata_sz = metadata_total_size;
    bool again;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (!max || !info || !name || !len || !metadata || !metadata_len || !done || !left)
        return xc__invalid(xch, "xc_livepatch_list: %s", max ? "NULL array or count"
                                                             : "no entries asked for");
    /* Nothing to list (as xc_livepatch_list_get_sizes() said). */
    if (!name_total_size) {
        errno = ENOENT;
        return -1;
    }
    s.u.livepatch.cmd = XEN_SYSCTL_LIVEPATCH_LIST;
    l->idx = start;
    *done = 0;
    *left = 0;
    do {
        uint32_t nr = max - *done < batch_max ? max - *done : batch_max;
        struct list_batch b = {
            .user = { info + *done, len + *done, metadata_len + *done, name + name_off,
                      metadata + metadata_off },
            .size = { nr * sizeof(*info), nr * sizeof(*len), nr * sizeof(*metadata_len),
                      name_sz, metadata_sz },
        };
        size_t got[L_ARRAYS];

        again = false;
        rc = batch_alloc(xch, &b);
        if (rc)
            break;
        l->nr = nr;
        set_xen_guest_handle_raw(l->status, (void *)batch_part(&b, L_INFO));
        set_xen_guest_handle_raw(l->len, (void *)batch_part(&b, L_LEN));
        set_xen_guest_handle_raw(l->metadata_len, (void *)batch_part(&b, L_METADATA_LEN));
        set_xen_guest_handle_raw(l->name, batch_part(&b, L_NAME));
        set_xen_guest_handle_raw(l->metadata, batch_part(&b, L_METADATA));
        rc = xc__sysctl(xch, &s);
        if (rc < 0 && errno == E2BIG && batch_max > 1) {
            batch_max >>= 1;
            batch_release_whole(xch, &b);
            again = true;
            continue;
        }
        if (rc >= 0 && !version)
            version = l->version;
        if (rc >= 0 && l->version != version) {
            if (retries++ >= LIST_RETRIES) {
                batch_release_whole(xch, &b);
                errno = EBUSY;
                rc = -1;
                break;
            }
            *done = 0;
            version = l->version;
            batch_release_whole(xch, &b);
            again = true;
            continue;
        }
        if (rc >= 0 && (uint32_t)rc > nr) {
            errno = EOVERFLOW;
            rc = -1;
        }
        if (rc < 0) {
            batch_release_whole(xch, &b);
            break;
        }
        *left = l->nr;
        got[L_INFO] = (size_t)rc * sizeof(*info);
        got[L_LEN] = (size_t)rc * sizeof(*len);
        got[L_METADATA_LEN] = (size_t)rc * sizeof(*metadata_len);
        got[L_NAME] = l->name_total_size;
        got[L_METADATA] = l->metadata_total_size;
        batch_release(xch, &b, got);
        name_sz -= l->name_total_size;
        name_off += l->name_total_size;
        metadata_sz -= l->metadata_total_size;
        metadata_off += l->metadata_total_size;
        *done += (unsigned)rc;
        l->idx = *done;
    } while (again || (*done < max && *left != 0));
    return rc > 0 ? 0 : rc;
}

static int action(xc_interface *xch, const char *fn, char *name, uint32_t cmd,
                  uint32_t timeout, uint32_t flags)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_livepatch_op };
    struct xen_sysctl_livepatch_action *a = &s.u.livepatch.u.action;
    char *text;
    int rc;

    if (xenlibs_refuse_null_handle(xch))
        return -1;
    if (payload_name(xch, fn, name, &a->name, &text))
        return -1;
    s.u.livepatch.cmd = XEN_SYSCTL_LIVEPATCH_ACTION;
    a->cmd = cmd;
    a->timeout = timeout;
    a->flags = flags;
    rc = xc__sysctl(xch, &s);
    xencall_free_buffer(xch->xcall, text);
    return rc;
}

EXPORT int xc_livepatch_apply(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags)
{
    return action(xch, "xc_livepatch_apply", name, LIVEPATCH_ACTION_APPLY, timeout, flags);
}

EXPORT int xc_livepatch_revert(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags)
{
    return action(xch, "xc_livepatch_revert", name, LIVEPATCH_ACTION_REVERT, timeout, flags);
}

EXPORT int xc_livepatch_unload(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags)
{
    return action(xch, "xc_livepatch_unload", name, LIVEPATCH_ACTION_UNLOAD, timeout, flags);
}

EXPORT int xc_livepatch_replace(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags)
{
    return action(xch, "xc_livepatch_replace", name, LIVEPATCH_ACTION_REPLACE, timeout, flags);
}
