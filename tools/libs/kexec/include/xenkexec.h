/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xenkexec.h - load, unload, query and start kexec images through Xen's
 * kexec hypercall, from a program in the control domain (dom0).
 *
 * Library: libxenkexec.so.1 (stable API and ABI; the project's own: upstream
 * Xen offers these calls only in the unstable libxenctrl).
 *
 * Xen keeps up to two images, one of each type: a default image, which
 * replaces Xen and every domain when started on purpose (a reboot into
 * another kernel), and a crash image, which Xen starts by itself when it
 * or dom0 crashes (kdump), and which must lie in the memory Xen reserved
 * for it at boot (Xen's "crashkernel=" option; see XENKEXEC_RANGE_CRASH).
 *
 * An image is a list of segments, each copied by Xen to a machine address
 * at load time, and an entry point.  The caller describes the segments in
 * its own ordinary memory; the library copies them into memory the
 * hypervisor can read (hypercall buffers of libxencall), so a caller never
 * deals with hypercall buffers.
 *
 * Failures are returned as -1 with errno set, and logged, as errors,
 * through the handle's logger (except where a function says otherwise);
 * successes are never logged.  The errno values listed are the library's
 * own checks and Xen's answers (Xen's error numbers are the host's); any
 * call may also fail with the errors of libxencall: EFAULT, ENOMEM for a
 * hypercall buffer.  Calls need the privileges of the control domain's
 * root: without them Xen or the driver refuse with EPERM or EACCES.
 *
 * Threads may share a handle; Xen serialises the hypercalls.  Xen keeps
 * one state for the whole machine, though, so two programs (or threads)
 * loading and unloading images of the same type at once race as they
 * would with any shared resource.
 */
#ifndef XENKEXEC_H
#define XENKEXEC_H

#include <stdint.h>

/* A logger from <xentoollog.h>; only needed by callers who pass one. */
struct xentoollog_logger;

/* An open connection to Xen's kexec hypercall.  Opaque. */
typedef struct xenkexec_handle xenkexec_handle;

/*
 * Image types: the "type" argument of the calls below.  Their values are
 * Xen's KEXEC_TYPE_* numbers.
 */
#define XENKEXEC_TYPE_DEFAULT 0  /* started only by xenkexec_exec() */
#define XENKEXEC_TYPE_CRASH   1  /* started by Xen when Xen or dom0 crashes */

/*
 * Memory ranges Xen reports through xenkexec_get_range(), with machine
 * (host physical) addresses.  Their values are Xen's KEXEC_RANGE_MA_*
 * numbers.  Which ones a Xen answers depends on its architecture: Xen on
 * x86 answers CRASH, XEN, CPU_NOTE and VMCOREINFO and refuses the others.
 */
#define XENKEXEC_RANGE_CRASH      0  /* reserved for the crash image; size 0 if none */
#define XENKEXEC_RANGE_XEN        1  /* Xen's own code and data */
#define XENKEXEC_RANGE_CPU_NOTE   2  /* ELF crash note of one physical CPU */
#define XENKEXEC_RANGE_XENHEAP    3  /* Xen's heap, where separate from Xen (ia64) */
#define XENKEXEC_RANGE_BOOT_PARAM 4  /* obsolete: ia64 boot parameters */
#define XENKEXEC_RANGE_EFI_MEMMAP 5  /* the EFI memory map */
#define XENKEXEC_RANGE_VMCOREINFO 6  /* ELF note describing Xen to dump tools */

/*
 * The most segments one image may have: Xen 4.4 and later refuse more
 * than 15 in one load.
 */
#define XENKEXEC_MAX_SEGMENTS 15

/*
 * One segment of an image, in the caller's memory.
 *
 * Xen copies buf_size bytes from buf to machine address dest_maddr and
 * fills the rest of the dest_size bytes there with zeros.  dest_maddr and
 * dest_size are multiples of 4096 (Xen's page size); buf_size is at most
 * dest_size.
 *
 * buf NULL (with buf_size 0) makes a segment that loads nothing: Xen only
 * maps its range for the image, which may then use that memory when it
 * runs.  Such a segment may lie outside the crash region even in a crash
 * image (kexec-tools gives a crash image the first MiB this way).  A
 * segment with a buf, even of buf_size 0, is one Xen writes to.
 *
 * The library reads buf during xenkexec_load() only.
 */
typedef struct xenkexec_segment {
    const void *buf;        /* data to load, or NULL */
    uint64_t buf_size;      /* bytes at buf */
    uint64_t dest_maddr;    /* machine address of the segment */
    uint64_t dest_size;     /* bytes of machine memory it covers */
} xenkexec_segment;

/*
 * xenkexec_open - open a handle onto Xen's kexec hypercall.
 *
 * logger receives the library's messages; NULL makes the handle log to
 * stderr, at level XTL_PROGRESS and above, through a logger of its own.
 * flags must be 0.
 *
 * The handle issues its hypercalls through a libxencall handle of its
 * own; its file descriptors are close-on-exec.  The handle is registered
 * with libxentoolcore: after xentoolcore_restrict_all() every call on it
 * but xenkexec_close() fails with EPERM.
 *
 * Returns the handle, or NULL with errno set and the cause logged: EINVAL
 * for nonzero flags; libxencall's error for opening /dev/xen/privcmd
 * (ENOENT without Xen, EACCES without the right to use it); ENOMEM.
 */
xenkexec_handle *xenkexec_open(struct xentoollog_logger *logger,
                               unsigned int flags);

/*
 * xenkexec_close - close a handle from xenkexec_open().
 *
 * An image loaded through the handle stays loaded: images belong to Xen,
 * not to the handle.  No other thread may use the handle during or after
 * the call.
 *
 * Returns 0, also for a NULL handle; -1 with errno set if closing the
 * underlying libxencall handle failed (the handle is released all the
 * same).
 */
int xenkexec_close(xenkexec_handle *xk);

/*
 * xenkexec_load - load an image of type type, replacing the one loaded.
 *
 * arch is the ELF machine number of the image's code, as in <elf.h>
 * (EM_X86_64 or EM_386 for Xen on x86); entry_maddr the machine address
 * Xen jumps to when it starts the image.  segments points to nr_segments
 * segments (1 to XENKEXEC_MAX_SEGMENTS), which must not overlap.  For a
 * crash image the entry point and every segment with a buf lie inside
 * the crash region (XENKEXEC_RANGE_CRASH).
 *
 * Nothing is loaded half-way: on success the new image is the one loaded
 * (the one before is gone) and xenkexec_status() says 1; on failure no
 * part of the new image is loaded.  Input the library refuses (every
 * error below but Xen's refusals, marked [Xen], and ENOMEM) leaves the
 * image loaded before as it was.  Beyond that the types differ.  Xen
 * copies a default image aside and swaps it in, so after any failure the
 * default image before stays loaded.  Xen writes a crash image straight
 * into the crash region, where the loaded crash image and Xen's own
 * records of it lie, and Xen 4.17 crashes when it frees an image whose
 * records were overwritten; so the library unloads the loaded crash image
 * before loading a new one, and when Xen then refuses the new one no
 * crash image is loaded.
 *
 * Returns 0, or -1 with errno set and the reason logged:
 *   EINVAL         NULL handle; type unknown; segments NULL; nr_segments
 *                  0; a segment with buf NULL but buf_size nonzero, with
 *                  buf_size above dest_size, or reaching beyond the end of
 *                  the address space; two segments overlapping; [Xen]
 *                  Xen does not run images of arch.
 *   E2BIG          nr_segments above XENKEXEC_MAX_SEGMENTS.
 *   EADDRNOTAVAIL  a segment's dest_maddr or dest_size is not a multiple
 *                  of 4096; for a crash image, Xen reserved no crash
 *                  region, or the entry point or a segment with a buf lies
 *                  outside it.
 *   ENOMEM         Xen or the library ran out of memory.
 *   EBUSY          [Xen] Xen is executing a crash image.
 *   EPERM          the handle was restricted (xentoolcore_restrict_all()).
 */
int xenkexec_load(xenkexec_handle *xk, unsigned int type, uint16_t arch,
                  uint64_t entry_maddr, const xenkexec_segment *segments,
                  uint32_t nr_segments);

/*
 * xenkexec_unload - unload the image of type type.  Unloading when no
 * image is loaded succeeds.  Afterwards xenkexec_status() says 0.
 *
 * Returns 0, or -1 with errno set and the reason logged: EINVAL for a
 * NULL handle or an unknown type; EBUSY while Xen executes a crash image;
 * EPERM for a restricted handle.
 */
int xenkexec_unload(xenkexec_handle *xk, unsigned int type);

/*
 * xenkexec_status - whether an image of type type is loaded.
 *
 * Returns 1 if one is, 0 if not, or -1 with errno set and the reason
 * logged: EINVAL for a NULL handle or an unknown type; EPERM for a
 * restricted handle.
 *
 * Xen (4.4 to 4.17 at least) does not answer this question exactly: it
 * reports a bit that every load and every unload flips, which says
 * "loaded" only while loads and unloads alternate, starting from none.
 * xenkexec_load() and xenkexec_unload() keep that bit right (each checks
 * it afterwards and corrects it with a second, harmless load or unload),
 * so the answer is exact after any sequence of this library's calls.
 * After other programs loaded twice in a row, or unloaded when nothing
 * was loaded (upstream's libxenctrl does not correct the bit), it is
 * wrong until the next xenkexec_load() or xenkexec_unload() of the type.
 */
int xenkexec_status(xenkexec_handle *xk, unsigned int type);

/*
 * xenkexec_exec - start the loaded image of type type, now.
 *
 * THIS ENDS THE RUNNING SYSTEM.  For XENKEXEC_TYPE_DEFAULT it is a reboot
 * into the image: Xen stops and every domain, dom0 included, is gone at
 * once, without shutting down, syncing a disk or saving anything.  For
 * XENKEXEC_TYPE_CRASH Xen takes its crash path as if it had crashed (the
 * crash image then sees a dump of the machine).  On success the call does
 * not return.
 *
 * Returns -1 with errno set and the reason logged: ENOENT when no image
 * of the type is loaded; EINVAL for a NULL handle or an unknown type;
 * EPERM for a restricted handle.
 */
int xenkexec_exec(xenkexec_handle *xk, unsigned int type);

/*
 * xenkexec_get_range - where range lies in machine memory, as Xen reports
 * it: its first byte's machine address in *start and its length in bytes
 * in *size.
 *
 * range is one of XENKEXEC_RANGE_*.  cpu is a physical CPU's number
 * (counting from 0) for XENKEXEC_RANGE_CPU_NOTE and must be 0 for the
 * others.  A range Xen has nothing for is reported with start and size 0
 * (XENKEXEC_RANGE_CRASH when Xen was booted without crashkernel=;
 * XENKEXEC_RANGE_CPU_NOTE when Xen could not allocate the note).
 *
 * Returns 0, or -1 with errno set, *start and *size untouched:
 *   EINVAL  NULL handle, start or size; range unknown; cpu nonzero for a
 *           range other than XENKEXEC_RANGE_CPU_NOTE; Xen does not report
 *           range on this architecture (XENKEXEC_RANGE_XENHEAP,
 *           XENKEXEC_RANGE_BOOT_PARAM and XENKEXEC_RANGE_EFI_MEMMAP on
 *           x86); Xen has no crash notes (no crash region).
 *   ERANGE  no CPU cpu: programs count CPUs by asking until this error.
 *   EPERM   the handle was restricted.
 * The library's own refusals are logged as errors; Xen's refusals (EINVAL,
 * ERANGE) only at XTL_DEBUG, since probing for them is normal use.
 */
int xenkexec_get_range(xenkexec_handle *xk, unsigned int range,
                       unsigned int cpu, uint64_t *start, uint64_t *size);

/* ------------------------------------------------- since VERS_1.1 */

/*
 * Types of memory in the machine's memory map: the firmware's E820 type
 * numbers, which Xen passes on.  A type not listed here reaches the
 * caller as the firmware gave it; treat it as reserved.
 */
#define XENKEXEC_MEMORY_RAM      1  /* usable RAM */
#define XENKEXEC_MEMORY_RESERVED 2  /* reserved by the firmware */
#define XENKEXEC_MEMORY_ACPI     3  /* ACPI tables, reclaimable */
#define XENKEXEC_MEMORY_NVS      4  /* ACPI non-volatile storage */
#define XENKEXEC_MEMORY_UNUSABLE 5  /* faulty RAM */
#define XENKEXEC_MEMORY_PMEM     7  /* persistent memory */

/*
 * One range of the machine's memory map.  All three fields are 64-bit,
 * so the struct is 24 bytes with no padding on every ABI; it is passed as
 * an array, so it never grows.
 */
typedef struct xenkexec_memory_range {
    uint64_t start;         /* machine address of its first byte */
    uint64_t size;          /* its length in bytes */
    uint64_t type;          /* XENKEXEC_MEMORY_* */
} xenkexec_memory_range;

/*
 * xenkexec_memory_map - the machine's memory map as Xen has it
 * (XENMEM_machine_memory_map): the host's physical memory, not the
 * control domain's own view of it, as a crash image needs it to describe
 * the machine's memory in its dump.  Ranges come in Xen's order (by
 * address on x86).
 *
 * Writes at most max_ranges ranges to ranges[] (NULL when max_ranges is
 * 0) and returns the number of ranges the map has, which may be more than
 * max_ranges: then only the first max_ranges were written, and a call
 * with room for the returned number gets them all.  A call with
 * max_ranges 0 asks for the number only.
 *
 * Returns that number, or -1 with errno set and the cause logged:
 *   EINVAL  NULL handle; ranges NULL with max_ranges nonzero.
 *   EPERM   the handle was restricted; or Xen refuses a domain without
 *           the control domain's privilege.
 *   ENOMEM  no hypercall buffer for the map.
 */
int xenkexec_memory_map(xenkexec_handle *xk, xenkexec_memory_range *ranges,
                        unsigned int max_ranges);

#endif /* XENKEXEC_H */
