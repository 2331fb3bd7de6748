/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenkexec: the handle, argument checks, and Xen's kexec hypercall
 * (and the memory op that gives the machine's memory map) through
 * libxencall, their arguments marshalled into hypercall buffers.
 */
#include "private.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The public numbers are Xen's own, passed through unchanged. */
_Static_assert(XENKEXEC_TYPE_DEFAULT == KEXEC_TYPE_DEFAULT, "type numbers are Xen's");
_Static_assert(XENKEXEC_TYPE_CRASH == KEXEC_TYPE_CRASH, "type numbers are Xen's");
_Static_assert(XENKEXEC_RANGE_CRASH == KEXEC_RANGE_MA_CRASH &&
                   XENKEXEC_RANGE_XEN == KEXEC_RANGE_MA_XEN &&
                   XENKEXEC_RANGE_CPU_NOTE == KEXEC_RANGE_MA_CPU &&
                   XENKEXEC_RANGE_XENHEAP == KEXEC_RANGE_MA_XENHEAP &&
                   XENKEXEC_RANGE_BOOT_PARAM == KEXEC_RANGE_MA_BOOT_PARAM &&
                   XENKEXEC_RANGE_EFI_MEMMAP == KEXEC_RANGE_MA_EFI_MEMMAP &&
                   XENKEXEC_RANGE_VMCOREINFO == KEXEC_RANGE_MA_VMCOREINFO,
               "range numbers are Xen's");
/* The segment list travels as Xen's layout, which has 64-bit fields only. */
_Static_assert(sizeof(xen_kexec_segment_t) == 32, "Xen's segment layout");

#define PAGE_MASK_LOW ((uint64_t)XENLIBS_PAGE_SIZE - 1)

/* ------------------------------------------------------------ handles */

static int open_hypercalls(struct xenlibs_handle *base, unsigned flags, const void *arg)
{
    xenkexec_handle *xk = XENLIBS_HANDLE_OF(base, xenkexec_handle);

    (void)flags;
    (void)arg;
    atomic_init(&xk->restricted, false);
    /* libxencall logs why it could not open, through the same logger. */
    xk->xcall = xencall_open(base->log.logger, 0);
    return xk->xcall ? 0 : -1;
}

static int close_hypercalls(struct xenlibs_handle *base)
{
    return xencall_close(XENLIBS_HANDLE_OF(base, xenkexec_handle)->xcall);
}

/*
 * libxencall's handle registers itself with libxentoolcore and loses its
 * hypercalls there; the flag makes this handle's calls fail with a clear
 * EPERM and message before reaching it.  The domain does not matter: no
 * kexec operation concerns a domain other than the whole machine.
 */
static int restrict_handle(struct xenlibs_handle *base, domid_t domid)
{
    (void)domid;
    atomic_store(&XENLIBS_HANDLE_OF(base, xenkexec_handle)->restricted, true);
    return 0;
}

static const struct xenlibs_handle_kind xenkexec_kind = {
    .context = XENKEXEC_LOG_CONTEXT,
    .known_flags = 0,
    XENLIBS_HANDLE_LAYOUT(xenkexec_handle),
    .open = open_hypercalls,
    .close = close_hypercalls,
    .restrict_to = restrict_handle,
};

EXPORT xenkexec_handle *xenkexec_open(struct xentoollog_logger *logger, unsigned int flags)
{
    return xenlibs_handle_open(&xenkexec_kind, logger, flags, NULL, __func__);
}

EXPORT int xenkexec_close(xenkexec_handle *xk)
{
    return xenlibs_handle_close(xk ? &xk->base : NULL);
}

/* ------------------------------------------------------------ helpers */

#define refuse(xk, err, ...)                                                                  \
    do {                                                                                      \
        errno = (err);                                                                        \
        xenlibs_handle_error(&(xk)->base, __VA_ARGS__);                                       \
    } while (0)

/* Whether a call may go ahead: false, with errno set (and logged when
 * there is a logger), for a NULL or restricted handle. */
static bool usable(xenkexec_handle *xk, const char *function)
{
    if (xenlibs_refuse_null_handle(xk))
        return false;
    if (atomic_load(&xk->restricted)) {
        refuse(xk, EPERM, "%s: the handle was restricted (xentoolcore_restrict_all)", function);
        return false;
    }
    return true;
}

static const char *type_name(unsigned int type)
{
    return type == XENKEXEC_TYPE_CRASH ? "crash" : "default";
}

/* Refuses (EINVAL, logged) a type other than the two Xen has. */
static bool bad_type(xenkexec_handle *xk, const char *function, unsigned int type)
{
    if (type == XENKEXEC_TYPE_DEFAULT || type == XENKEXEC_TYPE_CRASH)
        return false;
    refuse(xk, EINVAL, "%s: unknown image type %u", function, type);
    return true;
}

/* KEXEC_CMD_* cmd with its argument arg, which lies in a hypercall buffer.
 * Returns Xen's result, or -1 with errno set; logs nothing. */
static int kexec_op(xenkexec_handle *xk, unsigned int cmd, void *arg)
{
    return xencall2(xk->xcall, __HYPERVISOR_kexec_op, cmd, (uint64_t)(uintptr_t)arg);
}

/*
 * The commands whose argument is only an image type (unload, status,
 * exec; Xen's structs for these differ in the type's width).  Returns
 * Xen's result or -1 with errno set; only a failed allocation is logged
 * (by libxencall).
 */
static int type_op(xenkexec_handle *xk, unsigned int cmd, unsigned int type)
{
    union {
        xen_kexec_unload_t unload;
        xen_kexec_status_t status;
        xen_kexec_exec_t exec;
    } *arg = xencall_alloc_buffer(xk->xcall, sizeof(*arg));
    int rc;

    if (!arg)
        return -1;
    if (cmd == KEXEC_CMD_kexec)
        arg->exec.type = (int)type;
    else if (cmd == KEXEC_CMD_kexec_unload)
        arg->unload.type = (uint8_t)type;
    else
        arg->status.type = (uint8_t)type;
    rc = kexec_op(xk, cmd, arg);
    xencall_free_buffer(xk->xcall, arg);
    return rc;
}

/* KEXEC_CMD_kexec_get_range without the public call's checks. */
static int query_range(xenkexec_handle *xk, unsigned int range, unsigned int cpu,
                       uint64_t *start, uint64_t *size)
{
    xen_kexec_range_t *arg = xencall_alloc_buffer(xk->xcall, sizeof(*arg));
    int rc;

    if (!arg)
        return -1;
    arg->range = (int)range;
    arg->nr = (int)cpu;
    rc = kexec_op(xk, KEXEC_CMD_kexec_get_range, arg);
    if (rc == 0) {
        *start = arg->start;
        *size = arg->size;
    }
    xencall_free_buffer(xk->xcall, arg);
    return rc;
}

/* ------------------------------------------------------------ loading */

/*
 * Checks what Xen would refuse, so that the caller learns which segment
 * is wrong and why; Xen's own checks stay the last word.  Returns true
 * (errno set, logged) when the image is refused.
 */
static bool bad_image(xenkexec_handle *xk, unsigned int type, uint64_t entry,
                      const xenkexec_segment *segs, uint32_t nr)
{
    static const char fn[] = "xenkexec_load";
    uint64_t crash_start = 0, crash_size = 0;

    if (bad_type(xk, fn, type))
        return true;
    if (!segs || nr == 0) {
        refuse(xk, EINVAL, "%s: no segments (%s, %u)", fn, segs ? "list given" : "NULL list",
               (unsigned)nr);
        return true;
    }
    if (nr > XENKEXEC_MAX_SEGMENTS) {
        refuse(xk, E2BIG, "%s: %u segments, Xen takes at most %u", fn, (unsigned)nr,
               XENKEXEC_MAX_SEGMENTS);
        return true;
    }
    for (uint32_t i = 0; i < nr; i++) {
        const xenkexec_segment *s = &segs[i];

        if (!s->buf && s->buf_size) {
            refuse(xk, EINVAL, "%s: segment %u: buf is NULL, buf_size %#llx", fn, (unsigned)i,
                   (unsigned long long)s->buf_size);
            return true;
        }
        if (s->buf_size > s->dest_size) {
            refuse(xk, EINVAL, "%s: segment %u: buf_size %#llx exceeds dest_size %#llx", fn,
                   (unsigned)i, (unsigned long long)s->buf_size,
                   (unsigned long long)s->dest_size);
            return true;
        }
        if ((s->dest_maddr | s->dest_size) & PAGE_MASK_LOW) {
            refuse(xk, EADDRNOTAVAIL,
                   "%s: segment %u: destination %#llx+%#llx is not in whole 4 KiB pages", fn,
                   (unsigned)i, (unsigned long long)s->dest_maddr,
                   (unsigned long long)s->dest_size);
            return true;
        }
        if (s->dest_size > UINT64_MAX - s->dest_maddr) {
            refuse(xk, EINVAL, "%s: segment %u: destination %#llx+%#llx wraps around", fn,
                   (unsigned)i, (unsigned long long)s->dest_maddr,
                   (unsigned long long)s->dest_size);
            return true;
        }
        for (uint32_t j = 0; j < i; j++) {
            const xenkexec_segment *t = &segs[j];

            if (s->dest_maddr < t->dest_maddr + t->dest_size &&
                t->dest_maddr < s->dest_maddr + s->dest_size) {
                refuse(xk, EINVAL, "%s: segments %u and %u overlap", fn, (unsigned)j,
                       (unsigned)i);
                return true;
            }
        }
    }
    if (type != XENKEXEC_TYPE_CRASH)
        return false;

    if (query_range(xk, XENKEXEC_RANGE_CRASH, 0, &crash_start, &crash_size) < 0) {
        xenlibs_handle_error(&xk->base, "%s: cannot ask Xen for the crash region", fn);
        return true;
    }
    if (crash_size == 0) {
        refuse(xk, EADDRNOTAVAIL, "%s: Xen reserved no crash region (crashkernel=)", fn);
        return true;
    }
    if (entry < crash_start || entry - crash_start >= crash_size) {
        refuse(xk, EADDRNOTAVAIL, "%s: entry point %#llx is outside the crash region %#llx+%#llx",
               fn, (unsigned long long)entry, (unsigned long long)crash_start,
               (unsigned long long)crash_size);
        return true;
    }
    for (uint32_t i = 0; i < nr; i++) {
        const xenkexec_segment *s = &segs[i];

        /* Segments without data are only mapped for the image: Xen lets
         * them lie anywhere. */
        if (!s->buf)
            continue;
        if (s->dest_maddr < crash_start || s->dest_maddr - crash_start > crash_size ||
            s->dest_size > crash_size - (s->dest_maddr - crash_start)) {
            refuse(xk, EADDRNOTAVAIL,
                   "%s: segment %u: %#llx+%#llx is outside the crash region %#llx+%#llx", fn,
                   (unsigned)i, (unsigned long long)s->dest_maddr,
                   (unsigned long long)s->dest_size, (unsigned long long)crash_start,
                   (unsigned long long)crash_size);
            return true;
        }
    }
    return false;
}

/* Rounds n up to a multiple of 8, the alignment of Xen's structs here. */
static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/*
 * One hypercall buffer holding Xen's load argument, its segment list and
 * then every segment's data: one mapping for the whole image.
 */
struct load_buffer {
    void *p;
    xen_kexec_load_t *load;
};

/* Fills lb; returns 0, or -1 with errno set and the reason logged. */
static int marshal_image(xenkexec_handle *xk, struct load_buffer *lb, unsigned int type,
                         uint16_t arch, uint64_t entry, const xenkexec_segment *segs,
                         uint32_t nr)
{
    size_t list_at = align8(sizeof(xen_kexec_load_t));
    size_t data_at = list_at + nr * sizeof(xen_kexec_segment_t), total = data_at;
    xen_kexec_segment_t *list;
    char *data;

    for (uint32_t i = 0; i < nr; i++) {
        if (segs[i].buf_size > SIZE_MAX - total) {
            refuse(xk, ENOMEM, "xenkexec_load: the image's data does not fit in memory");
            return -1;
        }
        total += (size_t)segs[i].buf_size;
    }
    /* libxencall logs a failed allocation itself. */
    lb->p = xencall_alloc_buffer(xk->xcall, total);
    if (!lb->p)
        return -1;
    lb->load = lb->p;
    list = (xen_kexec_segment_t *)((char *)lb->p + list_at);
    data = (char *)lb->p + data_at;
    for (uint32_t i = 0; i < nr; i++) {
        /* The buffer is zeroed: a segment without data keeps a NULL handle. */
        if (segs[i].buf) {
            memcpy(data, segs[i].buf, (size_t)segs[i].buf_size);
            set_xen_guest_handle(list[i].buf.h, data);
            data += segs[i].buf_size;
        }
        list[i].buf_size = segs[i].buf_size;
        list[i].dest_maddr = segs[i].dest_maddr;
        list[i].dest_size = segs[i].dest_size;
    }
    lb->load->type = (uint8_t)type;
    lb->load->arch = arch;
    lb->load->nr_segments = nr;
    set_xen_guest_handle(lb->load->segments.h, list);
    lb->load->entry_maddr = entry;
    return 0;
}

/*
 * Unloads the image of type; afterwards Xen's status bit, which flips on
 * every unload, even of nothing, says "not loaded" again.  Returns 0, or
 * -1 with errno set and the reason logged.
 */
static int unload(xenkexec_handle *xk, const char *function, unsigned int type)
{
    if (type_op(xk, KEXEC_CMD_kexec_unload, type) < 0) {
        xenlibs_handle_error(&xk->base, "%s: Xen refused to unload the %s image", function,
                             type_name(type));
        return -1;
    }
    /* An unload of nothing left the bit saying "loaded": a second unload
     * of nothing flips it back. */
    if (type_op(xk, KEXEC_CMD_kexec_status, type) == 1 &&
        type_op(xk, KEXEC_CMD_kexec_unload, type) < 0)
        xenlibs_handle_log(&xk->base, XTL_WARN, errno,
                           "%s: no %s image is loaded, but Xen's status says one is", function,
                           type_name(type));
    return 0;
}

EXPORT int xenkexec_load(xenkexec_handle *xk, unsigned int type, uint16_t arch,
                         uint64_t entry_maddr, const xenkexec_segment *segments,
                         uint32_t nr_segments)
{
    struct load_buffer lb;
    int rc;

    if (!usable(xk, __func__) || bad_image(xk, type, entry_maddr, segments, nr_segments) ||
        marshal_image(xk, &lb, type, arch, entry_maddr, segments, nr_segments) < 0)
        return -1;
    /*
     * Xen writes a crash image straight into the crash region, where the
     * loaded one lies together with Xen's own list of its pages; freeing
     * that image after its list was overwritten crashes Xen 4.17.  So the
     * loaded crash image goes first (and nothing of it can be overwritten
     * in use).  A default image is copied aside and replaced atomically.
     */
    if (type == XENKEXEC_TYPE_CRASH && unload(xk, __func__, type) < 0) {
        xencall_free_buffer(xk->xcall, lb.p);
        return -1;
    }
    rc = kexec_op(xk, KEXEC_CMD_kexec_load, lb.load);
    if (rc < 0) {
        xenlibs_handle_error(&xk->base, "%s: Xen refused the %s image (arch %u, entry %#llx)",
                             __func__, type_name(type), (unsigned)arch,
                             (unsigned long long)entry_maddr);
    } else if (type == XENKEXEC_TYPE_DEFAULT &&
               type_op(xk, KEXEC_CMD_kexec_status, type) == 0) {
        /*
         * Xen's status bit flips on every load: loading over an image
         * left it saying "not loaded".  Loading the same image again
         * flips it back; an image stays loaded throughout.
         */
        if (kexec_op(xk, KEXEC_CMD_kexec_load, lb.load) < 0)
            xenlibs_handle_log(&xk->base, XTL_WARN, errno,
                               "%s: the %s image is loaded, but Xen's status says it is not",
                               __func__, type_name(type));
    }
    xencall_free_buffer(xk->xcall, lb.p);
    return rc < 0 ? -1 : 0;
}

EXPORT int xenkexec_unload(xenkexec_handle *xk, unsigned int type)
{
    if (!usable(xk, __func__) || bad_type(xk, __func__, type))
        return -1;
    return unload(xk, __func__, type);
}

EXPORT int xenkexec_status(xenkexec_handle *xk, unsigned int type)
{
    int rc;

    if (!usable(xk, __func__) || bad_type(xk, __func__, type))
        return -1;
    rc = type_op(xk, KEXEC_CMD_kexec_status, type);
    if (rc < 0)
        xenlibs_handle_error(&xk->base, "%s: Xen gave no status of the %s image", __func__,
                             type_name(type));
    return rc < 0 ? -1 : rc != 0;
}

EXPORT int xenkexec_exec(xenkexec_handle *xk, unsigned int type)
{
    if (!usable(xk, __func__) || bad_type(xk, __func__, type))
        return -1;
    type_op(xk, KEXEC_CMD_kexec, type);
    if (errno == ENOENT)
        xenlibs_handle_error(&xk->base, "%s: no %s image is loaded", __func__, type_name(type));
    else
        xenlibs_handle_error(&xk->base, "%s: Xen did not start the %s image", __func__,
                             type_name(type));
    return -1;
}

/* ------------------------------------------------------------ ranges */

EXPORT int xenkexec_get_range(xenkexec_handle *xk, unsigned int range, unsigned int cpu,
                              uint64_t *start, uint64_t *size)
{
    uint64_t s, n;

    if (!usable(xk, __func__))
        return -1;
    if (!start || !size) {
        refuse(xk, EINVAL, "%s: NULL %s", __func__, start ? "size" : "start");
        return -1;
    }
    if (range > XENKEXEC_RANGE_VMCOREINFO) {
        refuse(xk, EINVAL, "%s: unknown range %u", __func__, range);
        return -1;
    }
    if (range != XENKEXEC_RANGE_CPU_NOTE && cpu != 0) {
        refuse(xk, EINVAL, "%s: cpu %u given for range %u, which is no CPU's", __func__, cpu,
               range);
        return -1;
    }
    /* Xen takes the CPU as an int: beyond that there is no such CPU. */
    if (cpu > INT32_MAX) {
        refuse(xk, ERANGE, "%s: no CPU %u", __func__, cpu);
        return -1;
    }
    if (query_range(xk, range, cpu, &s, &n) < 0) {
        xenlibs_handle_log(&xk->base, XTL_DEBUG, errno, "%s: Xen does not report range %u%s",
                           __func__, range, range == XENKEXEC_RANGE_CPU_NOTE ? " of that CPU" : "");
        return -1;
    }
    *start = s;
    *size = n;
    return 0;
}

/* ------------------------------------------------------------ memory map */

/* An entry of the map as Xen writes it: the firmware's E820 layout. */
struct e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

_Static_assert(sizeof(struct e820_entry) == 20, "E820's layout");

/*
 * XENMEM_machine_memory_map into `entries` (room for room of them, or
 * NULL for the count only).  Xen writes nothing but answers the count
 * when the buffer is NULL, and wants room for one entry more than it
 * writes.  Returns the count, or -1 with errno set; logs nothing.
 */
static int machine_map(xenkexec_handle *xk, struct e820_entry *entries, unsigned int room)
{
    struct xen_memory_map *arg = xencall_alloc_buffer(xk->xcall, sizeof(*arg));
    int rc;

    if (!arg)
        return -1;
    arg->nr_entries = room;
    set_xen_guest_handle(arg->buffer, entries);
    rc = xencall2(xk->xcall, __HYPERVISOR_memory_op, XENMEM_machine_memory_map,
                  (uint64_t)(uintptr_t)arg);
    if (rc == 0)
        rc = (int)arg->nr_entries;
    xencall_free_buffer(xk->xcall, arg);
    return rc;
}

EXPORT int xenkexec_memory_map(xenkexec_handle *xk, xenkexec_memory_range *ranges,
                               unsigned int max_ranges)
{
    struct e820_entry *entries;
    int count, got;

    if (!usable(xk, __func__))
        return -1;
    if (!ranges && max_ranges) {
        refuse(xk, EINVAL, "%s: NULL ranges for %u of them", __func__, max_ranges);
        return -1;
    }
    count = machine_map(xk, NULL, 0);
    if (count < 0) {
        xenlibs_handle_error(&xk->base, "%s: Xen does not give the machine's memory map",
                             __func__);
        return -1;
    }
    if (max_ranges == 0 || count == 0)
        return count;
    entries = xencall_alloc_buffer(xk->xcall, ((size_t)count + 1) * sizeof(*entries));
    if (!entries)
        return -1;
    got = machine_map(xk, entries, (unsigned)count + 1);
    if (got < 0) {
        xenlibs_handle_error(&xk->base, "%s: Xen does not give the machine's memory map",
                             __func__);
    } else {
        for (int i = 0; i < got && (unsigned)i < max_ranges; i++)
            ranges[i] = (xenkexec_memory_range){ .start = entries[i].addr,
                                                 .size = entries[i].size,
                                                 .type = entries[i].type };
    }
    xencall_free_buffer(xk->xcall, entries);
    return got;
}
