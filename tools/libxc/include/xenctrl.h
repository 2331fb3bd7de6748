/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xenctrl.h - libxenctrl.so.4.17: Xen 4.17's unstable control library,
 * rebuilt on the project's stable libraries.
 *
 * The types, constants, macros and signatures here are those of Xen 4.17's
 * own <xenctrl.h>, so that a program built against either header runs on
 * either library.  The declarations cover what this library implements so
 * far; the rest of upstream's ~390 functions join as they are written.
 *
 * Conventions (as upstream's): a function returns 0 (or a non-NULL
 * pointer) on success and -1 (or NULL) with errno set on failure, unless
 * it says otherwise.  The library's own refusals and internal failures are
 * logged through the handle's logger; a hypercall that Xen refuses is not,
 * the caller gets Xen's error in errno.  Every hypercall goes through
 * libxencall, every mapping through libxenforeignmemory, every kexec call
 * through libxenkexec: this library opens no device itself.
 *
 * Needs a GNU C compiler (gnu89 or later): Xen's tools-only headers, and
 * the hypercall buffer macros below, use GNU extensions.
 */
#ifndef XENCTRL_H
#define XENCTRL_H

/* Xen's public headers show their tools-only parts (domctl, sysctl) only
 * to tools builds. */
#ifndef __XEN_TOOLS__
#define __XEN_TOOLS__ 1
#endif

#include <unistd.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/physdev.h>
#include <xen/sysctl.h>
#include <xen/version.h>
#include <xen/event_channel.h>
#include <xen/sched.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include <xen/hvm/dm_op.h>
#include <xen/hvm/params.h>
#include <xen/xsm/flask_op.h>
#include <xen/kexec.h>
#include <xen/platform.h>

#include <xentoollog.h>

#if defined(__i386__) || defined(__x86_64__)
#include <xen/foreign/x86_32.h>
#include <xen/foreign/x86_64.h>
#include <xen/arch-x86/xen-mca.h>
#endif

/* Xen's page: 4 KiB on every architecture. */
#define XC_PAGE_SHIFT           12
#define XC_PAGE_SIZE            (1UL << XC_PAGE_SHIFT)
#define XC_PAGE_MASK            (~(XC_PAGE_SIZE-1))

#define INVALID_MFN  (~0UL)

/* Memory barriers for rings shared with Xen or other domains. */
#define xen_barrier() asm volatile ( "" : : : "memory")

#if defined(__i386__)
#define xen_mb()  asm volatile ( "lock addl $0, -4(%%esp)" ::: "memory" )
#define xen_rmb() xen_barrier()
#define xen_wmb() xen_barrier()
#elif defined(__x86_64__)
#define xen_mb()  asm volatile ( "lock addl $0, -32(%%rsp)" ::: "memory" )
#define xen_rmb() xen_barrier()
#define xen_wmb() xen_barrier()
#elif defined(__arm__)
#define xen_mb()   asm volatile ("dmb" : : : "memory")
#define xen_rmb()  asm volatile ("dmb" : : : "memory")
#define xen_wmb()  asm volatile ("dmb" : : : "memory")
#elif defined(__aarch64__)
#define xen_mb()   asm volatile ("dmb sy" : : : "memory")
#define xen_rmb()  asm volatile ("dmb sy" : : : "memory")
#define xen_wmb()  asm volatile ("dmb sy" : : : "memory")
#else
#error "Define barriers"
#endif

/* Tells callers that xc_interface_open() returns a pointer (Xen 4.1+). */
#define XENCTRL_HAS_XC_INTERFACE 1

/* ------------------------------------------------------------- handle */

/* An open connection to Xen's control interfaces.  Opaque. */
typedef struct xc_interface_core xc_interface;

/* What xc_get_last_error() reports; xc_error_code_to_desc() names them. */
enum xc_error_code {
  XC_ERROR_NONE = 0,
  XC_INTERNAL_ERROR = 1,
  XC_INVALID_KERNEL = 2,
  XC_INVALID_PARAM = 3,
  XC_OUT_OF_MEMORY = 4,
};

typedef enum xc_error_code xc_error_code;

/*
 * xc_interface_open - open a handle.
 *
 * logger receives the library's messages; NULL gives a logger of the
 * handle's own on stderr (XTL_PROGRESS and above).  dombuild_logger is
 * the domain builder's (libxenguest); NULL lets the builder make one.
 * open_flags: XC_OPENFLAG_*.
 *
 * The handle opens a libxencall, a libxenforeignmemory and a
 * libxendevicemodel handle with the same logger (their descriptors are
 * close-on-exec), and a libxenkexec handle on the first xc_kexec_* call.  A child after fork() must open
 * its own handle.  Returns NULL with errno set on failure (ENOENT without
 * Xen, EACCES without the right to use it, ENOMEM).
 */
xc_interface *xc_interface_open(xentoollog_logger *logger,
                                xentoollog_logger *dombuild_logger,
                                unsigned open_flags);

enum xc_open_flags {
    /* A handle without a connection to Xen: logging only. */
    XC_OPENFLAG_DUMMY =  1<<0,
    /* The caller never uses the handle from two threads at once. */
    XC_OPENFLAG_NON_REENTRANT = 1<<1,
};

/* xc_interface_close - close a handle (NULL: nothing).  Returns 0, or -1
 * if closing an underlying handle failed; the handle is gone either way. */
int xc_interface_close(xc_interface *xch);

/* The underlying handles, for use with their libraries while xch is open
 * (NULL for a dummy handle). */
struct xencall_handle *xc_interface_xcall_handle(xc_interface *xch);
struct xenforeignmemory_handle *xc_interface_fmem_handle(xc_interface *xch);
struct xendevicemodel_handle *xc_interface_dmod_handle(xc_interface *xch);

/* ------------------------------------------------- hypercall buffers
 *
 * Memory that Xen reads or writes during a hypercall must come from the
 * hypercall driver (libxencall).  A caller declares a pointer together
 * with its shadow xc_hypercall_buffer_t with DECLARE_HYPERCALL_BUFFER and
 * allocates and frees it with the macros below; the shadow's layout and
 * the macros' expansions are part of the ABI, as callers compile them in.
 */
struct xc_hypercall_buffer {
    void *hbuf;                                 /* the hypercall-safe memory */
    struct xc_hypercall_buffer *param_shadow;   /* the buffer this one stands for */
    int dir;                                    /* bounce direction, 0: none */
    void *ubuf;                                 /* bounced user memory (dir != 0) */
    size_t sz;                                  /* its size */
};
typedef struct xc_hypercall_buffer xc_hypercall_buffer_t;

/* The shadow's name for variable _name. */
#define XC__HYPERCALL_BUFFER_NAME(_name) xc__hypercall_buffer_##_name

/* The xc_hypercall_buffer_t behind variable _name, following a shadow. */
#define HYPERCALL_BUFFER(_name)                                \
    ({  xc_hypercall_buffer_t *_hcbuf_buf =                    \
                &XC__HYPERCALL_BUFFER_NAME(_name);             \
        _hcbuf_buf->param_shadow ?: _hcbuf_buf;                \
     })

#define HYPERCALL_BUFFER_INIT_NO_BOUNCE .dir = 0, .sz = 0, .ubuf = (void *)-1

/* Declares pointer _name to _type and its (unallocated) shadow. */
#define DECLARE_HYPERCALL_BUFFER(_type, _name)                 \
    _type *(_name) = NULL;                                     \
    xc_hypercall_buffer_t XC__HYPERCALL_BUFFER_NAME(_name) = { \
        .hbuf = NULL,                                          \
        .param_shadow = NULL,                                  \
        HYPERCALL_BUFFER_INIT_NO_BOUNCE                        \
    }

/* Declares pointer _name onto the allocated buffer _hbuf (an
 * xc_hypercall_buffer_t *), e.g. one passed as an argument. */
#define DECLARE_HYPERCALL_BUFFER_SHADOW(_type, _name, _hbuf)   \
    _type *(_name) = (_hbuf)->hbuf;                            \
    __attribute__((unused))                                    \
    xc_hypercall_buffer_t XC__HYPERCALL_BUFFER_NAME(_name) = { \
        .hbuf = (void *)-1,                                    \
        .param_shadow = (_hbuf),                               \
        HYPERCALL_BUFFER_INIT_NO_BOUNCE                        \
    }

/* Makes argument _name (an xc_hypercall_buffer_t *) usable with the
 * macros that take a variable's name. */
#define DECLARE_HYPERCALL_BUFFER_ARGUMENT(_name)               \
    xc_hypercall_buffer_t XC__HYPERCALL_BUFFER_NAME(_name) = { \
        .hbuf = (void *)-1,                                    \
        .param_shadow = (_name),                               \
        HYPERCALL_BUFFER_INIT_NO_BOUNCE                        \
    }

/* The buffer's address as a hypercall argument; fails to compile for a
 * variable that has no shadow. */
#define HYPERCALL_BUFFER_AS_ARG(_name)                          \
    ({  xc_hypercall_buffer_t _hcbuf_arg1;                      \
        typeof(XC__HYPERCALL_BUFFER_NAME(_name)) *_hcbuf_arg2 = \
                HYPERCALL_BUFFER(_name);                        \
        (void)(&_hcbuf_arg1 == _hcbuf_arg2);                    \
        (unsigned long)(_hcbuf_arg2)->hbuf;                     \
     })

/* Guest handles may only point into hypercall buffers: these replace
 * Xen's set_xen_guest_handle() with a version that checks it. */
#define set_xen_guest_handle_impl(_hnd, _val, _byte_off)        \
    do {                                                        \
        xc_hypercall_buffer_t _hcbuf_hnd1;                      \
        typeof(XC__HYPERCALL_BUFFER_NAME(_val)) *_hcbuf_hnd2 =  \
                HYPERCALL_BUFFER(_val);                         \
        (void) (&_hcbuf_hnd1 == _hcbuf_hnd2);                   \
        set_xen_guest_handle_raw(_hnd,                          \
                (_hcbuf_hnd2)->hbuf + (_byte_off));             \
    } while (0)

#undef set_xen_guest_handle
#define set_xen_guest_handle(_hnd, _val)                        \
    set_xen_guest_handle_impl(_hnd, _val, 0)

#define set_xen_guest_handle_offset(_hnd, _val, _off)           \
    set_xen_guest_handle_impl(_hnd, _val,                       \
            ((sizeof(*_val)*(_off))))

/* The NULL of set_xen_guest_handle(). */
extern xc_hypercall_buffer_t XC__HYPERCALL_BUFFER_NAME(HYPERCALL_BUFFER_NULL);

/* A buffer of size bytes into b->hbuf (and returned), or NULL with errno
 * set; freeing a buffer whose hbuf is NULL does nothing. */
void *xc__hypercall_buffer_alloc(xc_interface *xch, xc_hypercall_buffer_t *b, size_t size);
#define xc_hypercall_buffer_alloc(_xch, _name, _size) xc__hypercall_buffer_alloc(_xch, HYPERCALL_BUFFER(_name), _size)
void xc__hypercall_buffer_free(xc_interface *xch, xc_hypercall_buffer_t *b);
#define xc_hypercall_buffer_free(_xch, _name) xc__hypercall_buffer_free(_xch, HYPERCALL_BUFFER(_name))

/* The same in whole, page-aligned pages. */
void *xc__hypercall_buffer_alloc_pages(xc_interface *xch, xc_hypercall_buffer_t *b, int nr_pages);
#define xc_hypercall_buffer_alloc_pages(_xch, _name, _nr) xc__hypercall_buffer_alloc_pages(_xch, HYPERCALL_BUFFER(_name), _nr)
void xc__hypercall_buffer_free_pages(xc_interface *xch, xc_hypercall_buffer_t *b, int nr_pages);
#define xc_hypercall_buffer_free_pages(_xch, _name, _nr)                    \
    do {                                                                    \
        if ( _name )                                                        \
            xc__hypercall_buffer_free_pages(_xch, HYPERCALL_BUFFER(_name),  \
                                            _nr);                           \
    } while (0)

/*
 * An array of n hypercall buffers: xc_hypercall_buffer_array_alloc()
 * allocates slot index into a declared buffer (each slot once),
 * xc_hypercall_buffer_array_get() fills a declared buffer from an
 * allocated slot, and xc_hypercall_buffer_array_destroy() frees the
 * array and every buffer in it.  A slot out of range or in the wrong
 * state fails with EINVAL (logged).
 */
struct xc_hypercall_buffer_array;
typedef struct xc_hypercall_buffer_array xc_hypercall_buffer_array_t;

xc_hypercall_buffer_array_t *xc_hypercall_buffer_array_create(xc_interface *xch, unsigned n);
void *xc__hypercall_buffer_array_alloc(xc_interface *xch, xc_hypercall_buffer_array_t *array,
                                       unsigned index, xc_hypercall_buffer_t *hbuf, size_t size);
#define xc_hypercall_buffer_array_alloc(_xch, _array, _index, _name, _size) \
    xc__hypercall_buffer_array_alloc(_xch, _array, _index, HYPERCALL_BUFFER(_name), _size)
void *xc__hypercall_buffer_array_get(xc_interface *xch, xc_hypercall_buffer_array_t *array,
                                     unsigned index, xc_hypercall_buffer_t *hbuf);
#define xc_hypercall_buffer_array_get(_xch, _array, _index, _name, _size) \
    xc__hypercall_buffer_array_get(_xch, _array, _index, HYPERCALL_BUFFER(_name))
void xc_hypercall_buffer_array_destroy(xc_interface *xc, xc_hypercall_buffer_array_t *array);

/* xc_memalign - size bytes of ordinary memory aligned to alignment (a
 * power of two times sizeof(void *)), to be freed with free(); the handle
 * may be NULL.  NULL on failure, with errno EINVAL or ENOMEM. */
void *xc_memalign(xc_interface *xch, size_t alignment, size_t size);

/* ------------------------------------------------------------- CPUs */

typedef uint8_t *xc_cpumap_t;

/* The number of CPUs Xen supports (physinfo's max_cpu_id + 1), or -1. */
int xc_get_max_cpus(xc_interface *xch);

/* xc_get_cpumap_size - the bytes of a CPU map, one bit per CPU Xen
 * supports ((xc_get_max_cpus() + 7) / 8), or -1 with errno set. */
int xc_get_cpumap_size(xc_interface *xch);

/* xc_cpumap_alloc - a new map of xc_get_cpumap_size() bytes, every bit
 * clear (free() it), or NULL with errno set. */
xc_cpumap_t xc_cpumap_alloc(xc_interface *xch);

/* xc_cpumap_setcpu, xc_cpumap_clearcpu - set or clear cpu's bit (bit
 * cpu % 8 of byte cpu / 8) of map, which must be big enough; a negative
 * cpu or a NULL map is ignored. */
void xc_cpumap_clearcpu(int cpu, xc_cpumap_t map);
void xc_cpumap_setcpu(int cpu, xc_cpumap_t map);

/* xc_cpumap_testcpu - 1 if cpu's bit of map is set, else 0 (also, with
 * errno EINVAL, for a negative cpu or a NULL map). */
int xc_cpumap_testcpu(int cpu, xc_cpumap_t map);

typedef uint8_t *xc_nodemap_t;

/* xc_get_nodemap_size - the bytes of a NUMA node map, one bit per node
 * Xen supports ((xc_get_max_nodes() + 7) / 8), or -1 with errno set. */
int xc_get_nodemap_size(xc_interface *xch);

/* xc_nodemap_alloc - a new map of xc_get_nodemap_size() bytes, every bit
 * clear (free() it), or NULL with errno set. */
xc_nodemap_t xc_nodemap_alloc(xc_interface *xch);

/* ---------------------------------------------------------- domains */

typedef struct xc_core_header {
    unsigned int xch_magic;
    unsigned int xch_nr_vcpus;
    unsigned int xch_nr_pages;
    unsigned int xch_ctxt_offset;
    unsigned int xch_index_offset;
    unsigned int xch_pages_offset;
} xc_core_header_t;

#define XC_CORE_MAGIC     0xF00FEBED
#define XC_CORE_MAGIC_HVM 0xF00FEBEE

/* One domain as xc_domain_getinfo() reports it. */
typedef struct xc_dominfo {
    uint32_t      domid;
    uint32_t      ssidref;
    unsigned int  dying:1, crashed:1, shutdown:1,
                  paused:1, blocked:1, running:1,
                  hvm:1, debugged:1, xenstore:1, hap:1;
    unsigned int  shutdown_reason; /* SHUTDOWN_*, if shutdown */
    unsigned long nr_pages;        /* pages it has now */
    unsigned long nr_outstanding_pages;
    unsigned long nr_shared_pages;
    unsigned long nr_paged_pages;
    unsigned long shared_info_frame;
    uint64_t      cpu_time;
    unsigned long max_memkb;
    unsigned int  nr_online_vcpus;
    unsigned int  max_vcpu_id;
    xen_domain_handle_t handle;
    unsigned int  cpupool;
    uint8_t       gpaddr_bits;
    struct xen_arch_domainconfig arch_config;
} xc_dominfo_t;

/* One domain as xc_domain_getinfolist() reports it: Xen's own record. */
typedef xen_domctl_getdomaininfo_t xc_domaininfo_t;

/*
 * xc_domain_shutdown - shut domain domid down for reason (SHUTDOWN_*),
 * as if it had asked to.
 */
int xc_domain_shutdown(xc_interface *xch,
                       uint32_t domid,
                       int reason);

/*
 * xc_watchdog - arm (timeout seconds), or with timeout 0 disarm, the
 * calling domain's watchdog id; id 0 creates one.  Returns the new id
 * (id 0), 0, or -1 with errno set.
 */
int xc_watchdog(xc_interface *xch,
		uint32_t id,
		uint32_t timeout);

/*
 * xc_domain_getinfo - up to max_doms domains, starting at the first whose
 * id is first_domid or above, in increasing id order, into info.
 * Returns how many were written, or -1 with errno set when none were
 * (ESRCH: no domain at or above first_domid; EINVAL: first_domid is a
 * reserved id, DOMID_FIRST_RESERVED or above).  Unlike upstream's, which
 * asks Xen once per domain, this asks once per 64 domains; the snapshot
 * of each domain is the same.
 */
int xc_domain_getinfo(xc_interface *xch,
                      uint32_t first_domid,
                      unsigned int max_doms,
                      xc_dominfo_t *info);

/*
 * xc_domain_getinfolist - Xen's records of up to max_domains domains from
 * first_domain on, in one hypercall.  Returns how many were written, or
 * -1 with errno set.
 */
int xc_domain_getinfolist(xc_interface *xch,
                          uint32_t first_domain,
                          unsigned int max_domains,
                          xc_domaininfo_t *info);

/* --------------------------------------------------- event channels */

typedef struct evtchn_status xc_evtchn_status_t;

/* xc_evtchn_status - fills *status for status->dom, status->port. */
int xc_evtchn_status(xc_interface *xch, xc_evtchn_status_t *status);

/*
 * xc_evtchn_reset - close every event channel of domain dom, as a soft
 * reset or a kexec'd guest needs.  Returns 0, or -1 with errno set,
 * logged (EINVAL: a NULL handle, or a domain its controller has not
 * paused; ESRCH: no such domain).  Never of the caller's own domain: a
 * dom0 losing its channels loses xenstore and its consoles.
 */
int xc_evtchn_reset(xc_interface *xch,
                    uint32_t dom);

/* ---------------------------------------------------- host and Xen */

/*
 * xc_readconsolering - reads Xen's console ring into buffer, at most
 * *pnr_chars bytes; *pnr_chars becomes the number read.  clear empties
 * the ring afterwards.  With pindex, reading starts at *pindex when
 * incremental is nonzero, and *pindex becomes where the next read starts.
 */
int xc_readconsolering(xc_interface *xch,
                       char *buffer,
                       unsigned int *pnr_chars,
                       int clear, int incremental, uint32_t *pindex);

typedef struct xen_sysctl_physinfo xc_physinfo_t;
typedef struct xen_sysctl_cputopo xc_cputopo_t;
typedef struct xen_sysctl_numainfo xc_numainfo_t;
typedef struct xen_sysctl_meminfo xc_meminfo_t;
typedef struct xen_sysctl_pcitopoinfo xc_pcitopoinfo_t;

typedef uint32_t xc_cpu_to_node_t;
typedef uint32_t xc_cpu_to_socket_t;
typedef uint32_t xc_cpu_to_core_t;
typedef uint64_t xc_node_to_memsize_t;
typedef uint64_t xc_node_to_memfree_t;
typedef uint32_t xc_node_to_node_dist_t;

/* xc_physinfo - the host's CPUs, memory and capabilities, into *info. */
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);

typedef struct xen_sysctl_cpuinfo xc_cpuinfo_t;

/*
 * xc_getcpuinfo - the idle time (ns) of CPUs 0 .. max_cpus - 1 into info
 * (room for max_cpus records); *nr_cpus (if given) becomes how many Xen
 * wrote: the fewer of max_cpus and the CPUs Xen has, 0 when it refused.
 * Returns 0, or -1 with errno set (EINVAL: a NULL handle or a negative
 * max_cpus; EFAULT: a NULL info with max_cpus > 0).
 */
int xc_getcpuinfo(xc_interface *xch, int max_cpus,
                  xc_cpuinfo_t *info, int *nr_cpus);

/*
 * xc_availheap - the free memory of Xen's heap, in bytes, into *bytes:
 * of NUMA node node (-1: every node; a node the host lacks has none) and
 * of addresses min_width .. max_width bits wide (0: no bound).  Returns
 * 0, or -1 with errno set (EINVAL: a NULL handle or bytes).
 */
int xc_availheap(xc_interface *xch, int min_width, int max_width, int node,
                 uint64_t *bytes);

#if defined(__i386__) || defined(__x86_64__)
/* The BIOS memory map's entry types and entry, as Xen reports them. */
#define E820_RAM          1
#define E820_RESERVED     2
#define E820_ACPI         3
#define E820_NVS          4
#define E820_UNUSABLE     5

#define E820MAX           (128)

struct e820entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

/* xc_get_machine_memory_map - the host's memory map, up to max_entries
 * entries.  Returns the number of entries written, or -1. */
int xc_get_machine_memory_map(xc_interface *xch,
                              struct e820entry entries[],
                              uint32_t max_entries);
#endif

/* -------------------------------------------------- domain memory */

/*
 * xc_domain_populate_physmap_exact - gives domain domid nr_extents
 * extents of 2^extent_order pages at the frames in extent_start
 * (mem_flags: XENMEMF_*).  All or nothing from the caller's view: when
 * Xen gives fewer, fails with EBUSY (the ones given stay).
 */
int xc_domain_populate_physmap_exact(xc_interface *xch,
                                     uint32_t domid,
                                     unsigned long nr_extents,
                                     unsigned int extent_order,
                                     unsigned int mem_flags,
                                     xen_pfn_t *extent_start);

/* xc_domain_iomem_permission - lets domid map (allow_access 1) or not
 * machine frames first_mfn .. first_mfn + nr_mfns - 1. */
int xc_domain_iomem_permission(xc_interface *xch,
                               uint32_t domid,
                               unsigned long first_mfn,
                               unsigned long nr_mfns,
                               uint8_t allow_access);

/* xc_get_tot_pages - the pages domid has now, or -1 with errno set
 * (ESRCH: no domain domid). */
long xc_get_tot_pages(xc_interface *xch, uint32_t domid);

/* xc_set_broken_page_p2m - mark RAM frame pfn of HVM domain domid broken
 * in its physical map, as Xen does after a machine check on it: the
 * frame reads as I/O memory then.  EINVAL for a PV domain or a frame that
 * is not RAM. */
int xc_set_broken_page_p2m(xc_interface *xch,
                           uint32_t domid,
                           unsigned long pfn);

/* ------------------------------------------------ performance counters */

typedef xen_sysctl_perfc_desc_t xc_perfc_desc_t;
typedef xen_sysctl_perfc_val_t xc_perfc_val_t;
/* Zero every counter; count descriptors and values; read both into
 * hypercall buffers sized from that count.  Xen built without perfc
 * refuses them (ENOSYS). */
int xc_perfc_reset(xc_interface *xch);
int xc_perfc_query_number(xc_interface *xch,
                          int *nbr_desc,
                          int *nbr_val);
int xc_perfc_query(xc_interface *xch,
                   xc_hypercall_buffer_t *desc,
                   xc_hypercall_buffer_t *val);

/* ------------------------------------------------------- VM tracing
 * Processor tracing of vcpu of domid (Intel PT; elsewhere EOPNOTSUPP). */
int xc_vmtrace_enable(xc_interface *xch, uint32_t domid, uint32_t vcpu);
int xc_vmtrace_disable(xc_interface *xch, uint32_t domid, uint32_t vcpu);
int xc_vmtrace_reset_and_enable(xc_interface *xch, uint32_t domid,
                                uint32_t vcpu);
int xc_vmtrace_output_position(xc_interface *xch, uint32_t domid,
                               uint32_t vcpu, uint64_t *pos);
int xc_vmtrace_get_option(xc_interface *xch, uint32_t domid,
                          uint32_t vcpu, uint64_t key, uint64_t *value);
int xc_vmtrace_set_option(xc_interface *xch, uint32_t domid,
                          uint32_t vcpu, uint64_t key, uint64_t value);

/* ------------------------------------------------ VM introspection
 * Watching an HVM domain: its monitor ring, the events Xen reports on
 * it and the access rights of its frames.  Each returns 0 (a ring page,
 * a version), or -1 (NULL) with errno set: Xen's ESRCH for no such
 * domain, EINVAL for a PV domain's ring; EINVAL for a NULL handle or
 * pointer. */

/* xc_vm_event_control - vm_event ring mode (XEN_DOMCTL_VM_EVENT_OP_*)
 * of domain_id: op XEN_VM_EVENT_ENABLE, _DISABLE, _RESUME (read the
 * responses) or _GET_VERSION; an enable writes the ring's event channel
 * port (Xen's, to bind) into *port unless port is NULL.  EBUSY: the ring
 * is on already; disable EINVAL and resume ENODEV: it is off; ENOSYS: a
 * Xen built without that ring (Debian's 4.17: paging and sharing). */
int xc_vm_event_control(xc_interface *xch, uint32_t domain_id, unsigned int op,
                        unsigned int mode, uint32_t *port);
/* xc_vm_event_enable - turns on the ring whose page HVM parameter param
 * (HVM_PARAM_PAGING_RING_PFN, _MONITOR_, _SHARING_) names, with the
 * domain paused: the page is mapped (given memory first when its gfn
 * has none) and taken out of the guest's physmap.  Returns the mapped
 * page (the caller unmaps it, one page) and the port in *port. */
void *xc_vm_event_enable(xc_interface *xch, uint32_t domain_id, int param,
                         uint32_t *port);
/* xc_vm_event_get_version - Xen's VM_EVENT_INTERFACE_VERSION. */
int xc_vm_event_get_version(xc_interface *xch);

/* xc_monitor_enable - xc_vm_event_enable() of the monitor ring
 * (HVM_PARAM_MONITOR_RING_PFN); xc_monitor_disable turns it off,
 * xc_monitor_resume tells Xen responses are waiting. */
void *xc_monitor_enable(xc_interface *xch, uint32_t domain_id, uint32_t *port);
int xc_monitor_disable(xc_interface *xch, uint32_t domain_id);
int xc_monitor_resume(xc_interface *xch, uint32_t domain_id);
/* xc_monitor_get_capabilities - the events Xen can report for
 * domain_id, as bits (1 << XEN_DOMCTL_MONITOR_EVENT_*); 0 for PV (AMD's
 * SVM: all but SINGLESTEP and PRIVILEGED_CALL). */
int xc_monitor_get_capabilities(xc_interface *xch, uint32_t domain_id,
                                uint32_t *capabilities);
/*
 * Each turns one event on or off (the ring need not be on): writes to
 * control register index (VM_EVENT_X86_CR0, _CR3, _CR4, _XCR0; the vCPU
 * paused until the answer when sync; only bits outside bitmask; only
 * changes when onchangeonly), writes to MSR msr, int3, single steps,
 * descriptor table accesses, the guest's requests (from its user mode
 * too when allow_userspace), debug exceptions, CPUID, privileged calls
 * (SMC on Arm), instructions Xen cannot emulate, every VM exit.
 * EEXIST: the event is already in that state; EOPNOTSUPP: not among
 * the capabilities (every one for PV); ENXIO: MSRs before the ring was
 * first turned on; EINVAL: an MSR or control register Xen does not
 * watch.
 */
int xc_monitor_write_ctrlreg(xc_interface *xch, uint32_t domain_id,
                             uint16_t index, bool enable, bool sync,
                             uint64_t bitmask, bool onchangeonly);
int xc_monitor_mov_to_msr(xc_interface *xch, uint32_t domain_id, uint32_t msr,
                          bool enable, bool onchangeonly);
int xc_monitor_singlestep(xc_interface *xch, uint32_t domain_id, bool enable);
int xc_monitor_software_breakpoint(xc_interface *xch, uint32_t domain_id,
                                   bool enable);
int xc_monitor_descriptor_access(xc_interface *xch, uint32_t domain_id,
                                 bool enable);
int xc_monitor_guest_request(xc_interface *xch, uint32_t domain_id,
                             bool enable, bool sync, bool allow_userspace);
/* xc_monitor_inguest_pagefault - with disable, no mem_access event for
 * the guest's own page walks (emulated instead; what cannot be is
 * reported as unimplemented emulation). */
int xc_monitor_inguest_pagefault(xc_interface *xch, uint32_t domain_id,
                                 bool disable);
int xc_monitor_debug_exceptions(xc_interface *xch, uint32_t domain_id,
                                bool enable, bool sync);
int xc_monitor_cpuid(xc_interface *xch, uint32_t domain_id, bool enable);
int xc_monitor_privileged_call(xc_interface *xch, uint32_t domain_id,
                               bool enable);
int xc_monitor_emul_unimplemented(xc_interface *xch, uint32_t domain_id,
                                  bool enable);
int xc_monitor_vmexit(xc_interface *xch, uint32_t domain_id, bool enable,
                      bool sync);
/* xc_monitor_emulate_each_rep - with enable, a REP instruction is
 * emulated one repetition at a time (an event for each).  EINVAL while
 * the ring is off. */
int xc_monitor_emulate_each_rep(xc_interface *xch, uint32_t domain_id,
                                bool enable);

/* xc_set_mem_access - access (XENMEM_access_n, _r, _rw, _rx2rw,
 * _default...) for frames first_pfn..+nr of domain_id;
 * xc_set_mem_access_multi for each of pages[0..nr) its own access[i];
 * xc_get_mem_access one frame's, into *access.  EINVAL where Xen keeps
 * no access rights (Xen 4.17: all but HAP guests on Intel's EPT; so also
 * AMD's NPT and PV). */
int xc_set_mem_access(xc_interface *xch, uint32_t domain_id,
                      xenmem_access_t access, uint64_t first_pfn,
                      uint32_t nr);
int xc_set_mem_access_multi(xc_interface *xch, uint32_t domain_id,
                            uint8_t *access, uint64_t *pages,
                            uint32_t nr);
int xc_get_mem_access(xc_interface *xch, uint32_t domain_id,
                      uint64_t pfn, xenmem_access_t *access);

/* xc_version - Xen's answer to XENVER_cmd, into arg (of the type Xen's
 * <xen/version.h> gives cmd; none for XENVER_version and
 * XENVER_pagesize, whose answer is the return value). */
int xc_version(xc_interface *xch, int cmd, void *arg);

/* ---------------------------------------------------- grant tables */

/* xc_gnttab_query_size - query->dom's grant table size into *query
 * (query->status tells Xen's verdict; the call returns 0 either way). */
int xc_gnttab_query_size(xc_interface *xch, struct gnttab_query_size *query);

/* ------------------------------------------------- physical IRQs */

/* Map GSI index (pirq: the wanted pirq, or < 0 for index) or an MSI to a
 * pirq of domid, written back to *pirq; unmap pirq. */
int xc_physdev_map_pirq(xc_interface *xch,
                        uint32_t domid,
                        int index,
                        int *pirq);

int xc_physdev_map_pirq_msi(xc_interface *xch,
                            uint32_t domid,
                            int index,
                            int *pirq,
                            int devfn,
                            int bus,
                            int entry_nr,
                            uint64_t table_base);

int xc_physdev_unmap_pirq(xc_interface *xch,
                          uint32_t domid,
                          int pirq);

/* xc_physdev_pci_access_modify - a retired operation (giving domid
 * access to PCI device bus:dev.func): always -1 with errno ENOSYS, as
 * upstream's, asking Xen nothing. */
int xc_physdev_pci_access_modify(xc_interface *xch,
                                 uint32_t domid,
                                 int bus,
                                 int dev,
                                 int func,
                                 int enable);

/* ------------------------------------------------ errors and logging */

#define XC_MAX_ERROR_MSG_LEN 1024
typedef struct xc_error {
  enum xc_error_code code;
  char message[XC_MAX_ERROR_MSG_LEN];
} xc_error;

/* A fixed description of an xc_error_code (a generic one for others). */
const char *xc_error_code_to_desc(int code);

/* strerror() for errcode, safe for threads sharing a handle. */
const char *xc_strerror(xc_interface *xch, int errcode);

/* The last error the library logged on the handle (code XC_ERROR_NONE
 * when none since open or xc_clear_last_error()).  Threads share it. */
const xc_error *xc_get_last_error(xc_interface *handle);
void xc_clear_last_error(xc_interface *xch);

/* ------------------------------------------------- HVM parameters */

/* Set or get HVM_PARAM_* param of HVM domain dom. */
int xc_hvm_param_set(xc_interface *handle, uint32_t dom, uint32_t param, uint64_t value);
int xc_hvm_param_get(xc_interface *handle, uint32_t dom, uint32_t param, uint64_t *value);

/* The same with upstream's older types (deprecated there too). */
int xc_set_hvm_param(xc_interface *handle, uint32_t dom, int param, unsigned long value);
int xc_get_hvm_param(xc_interface *handle, uint32_t dom, int param, unsigned long *value);

/* ------------------------------------------------ HVM passthrough */

/* Let HVM domain domid see machine frames first_mfn.. at first_gfn..
 * (add_mapping DPCI_ADD_MAPPING) or remove them (DPCI_REMOVE_MAPPING).
 * A failed add removes the whole range again.  Does nothing for a PV
 * domain. */
int xc_domain_memory_mapping(xc_interface *xch,
                             uint32_t domid,
                             unsigned long first_gfn,
                             unsigned long first_mfn,
                             unsigned long nr_mfns,
                             uint32_t add_mapping);

/* The same for I/O ports. */
int xc_domain_ioport_mapping(xc_interface *xch,
                             uint32_t domid,
                             uint32_t first_gport,
                             uint32_t first_mport,
                             uint32_t nr_ports,
                             uint32_t add_mapping);

/* Route pirq to guest MSI vector gvec (gflags: XEN_DOMCTL_VMSI_X86_*,
 * gtable: the guest's MSI-X table address), or undo it. */
int xc_domain_update_msi_irq(
    xc_interface *xch,
    uint32_t domid,
    uint32_t gvec,
    uint32_t pirq,
    uint32_t gflags,
    uint64_t gtable);

int xc_domain_unbind_msi_irq(xc_interface *xch,
                             uint32_t domid,
                             uint32_t gvec,
                             uint32_t pirq,
                             uint32_t gflags);

/* Bind machine_irq to a guest interrupt of irq_type (PT_IRQ_TYPE_*):
 * PCI INTx (bus, device, intx) or ISA isa_irq; or undo it. */
int xc_domain_bind_pt_irq(xc_interface *xch,
                          uint32_t domid,
                          uint8_t machine_irq,
                          uint8_t irq_type,
                          uint8_t bus,
                          uint8_t device,
                          uint8_t intx,
                          uint8_t isa_irq);

int xc_domain_unbind_pt_irq(xc_interface *xch,
                          uint32_t domid,
                          uint8_t machine_irq,
                          uint8_t irq_type,
                          uint8_t bus,
                          uint8_t device,
                          uint8_t intx,
                          uint8_t isa_irq);

int xc_domain_bind_pt_pci_irq(xc_interface *xch,
                              uint32_t domid,
                              uint8_t machine_irq,
                              uint8_t bus,
                              uint8_t device,
                              uint8_t intx);

/* Bind machine_irq to the same ISA interrupt of the guest. */
int xc_domain_bind_pt_isa_irq(xc_interface *xch,
                              uint32_t domid,
                              uint8_t machine_irq);

/* Arm's: bind host SPI spi to guest SPI vspi, or undo it (Xen on x86
 * refuses both: EINVAL). */
int xc_domain_bind_pt_spi_irq(xc_interface *xch,
                              uint32_t domid,
                              uint16_t vspi,
                              uint16_t spi);

int xc_domain_unbind_pt_spi_irq(xc_interface *xch,
                                uint32_t domid,
                                uint16_t vspi,
                                uint16_t spi);

/* ------------------------------------------------------------ kexec
 * Through libxenkexec (see its xenkexec.h for the details and errnos).
 * type: KEXEC_TYPE_*; range: KEXEC_RANGE_MA_*. */

/* Start the loaded image of type now.  Does not return on success. */
int xc_kexec_exec(xc_interface *xch, int type);

/* Where range lies in machine memory (nr: the CPU of a CPU note). */
int xc_kexec_get_range(xc_interface *xch, int range,  int nr,
                       uint64_t *size, uint64_t *start);

/* Load an image: nr_segments segments whose buf handles point into
 * hypercall buffers (or are NULL), entry at entry_maddr. */
int xc_kexec_load(xc_interface *xch, uint8_t type, uint16_t arch,
                  uint64_t entry_maddr,
                  uint32_t nr_segments, xen_kexec_segment_t *segments);

/* Unload the image of type (none loaded: success). */
int xc_kexec_unload(xc_interface *xch, int type);

/* 1 if an image of type is loaded, 0 if not, -1 on error. */
int xc_kexec_status(xc_interface *xch, int type);

/* ================================================= domain lifecycle
 * Each returns 0, or -1 with errno set to Xen's
 * answer: ESRCH for no such domain, EPERM without the right to control
 * it, EINVAL for arguments Xen refuses. */

/*
 * xc_domain_create - create a domain as config describes (flags, vCPU
 * count, grant and event channel limits, architecture settings); it
 * starts paused, with no memory.
 *
 * *pdomid is the id wanted, or 0 (or DOMID_FIRST_RESERVED and above) to
 * let Xen choose; on success it becomes the new domain's id, and *config
 * what Xen made of the configuration.  Both are left alone on failure.
 * Errors: EEXIST (the id wanted is taken), EINVAL (a NULL pointer, or a
 * configuration Xen refuses), ENOMEM.
 */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config);

/*
 * xc_domain_destroy - destroy domain domid: its vCPUs stop and its memory
 * goes back to Xen.  Waits while Xen frees the memory in steps.  A dying
 * domain may stay listed until every mapping of its pages is gone.
 */
int xc_domain_destroy(xc_interface *xch,
                      uint32_t domid);

/* xc_domain_pause, xc_domain_unpause - stop domid's vCPUs from running,
 * or let them run again (pauses nest: each pause wants an unpause). */
int xc_domain_pause(xc_interface *xch,
                    uint32_t domid);
int xc_domain_unpause(xc_interface *xch,
                      uint32_t domid);

/* xc_domain_max_vcpus - create domid's vCPUs, max of them (at most the
 * max_vcpus it was created with: else EINVAL). */
int xc_domain_max_vcpus(xc_interface *xch,
                        uint32_t domid,
                        unsigned int max);

/* xc_domain_soft_reset - reset a domain that has shut down for a soft
 * reset (SHUTDOWN_soft_reset) to be booted again in its memory; EINVAL
 * for one that has not. */
int xc_domain_soft_reset(xc_interface *xch,
                         uint32_t domid);

/* xc_domain_set_target - give domid (a device model's domain) control of
 * domain target. */
int xc_domain_set_target(xc_interface *xch,
                         uint32_t domid,
                         uint32_t target);

/* xc_domain_subscribe_for_suspend - have Xen signal event channel port
 * of the caller when domid suspends. */
int xc_domain_subscribe_for_suspend(
    xc_interface *xch, uint32_t domid, evtchn_port_t port);

/* xc_domain_send_trigger - deliver trigger (XEN_DOMCTL_SENDTRIGGER_*: an
 * NMI, a reset, an ACPI power or sleep button...) to vCPU vcpu of domid
 * (the ACPI ones to an HVM domain only).  ESRCH for a vCPU it lacks,
 * ENOSYS for an unknown trigger. */
int xc_domain_send_trigger(xc_interface *xch,
                           uint32_t domid,
                           uint32_t trigger,
                           uint32_t vcpu);

/* ================================================== domain settings
 * 0, or -1 with errno set (Xen's answer, or EINVAL
 * for a NULL pointer), unless said otherwise. */

/* xc_domain_setmaxmem - the most memory domid may have, in KiB. */
int xc_domain_setmaxmem(xc_interface *xch,
                        uint32_t domid,
                        uint64_t max_memkb);

/* xc_domain_set_time_offset - domid's wallclock, in seconds from the
 * host's. */
int xc_domain_set_time_offset(xc_interface *xch,
                              uint32_t domid,
                              int32_t time_offset_seconds);

/* xc_domain_set_tsc_info, xc_domain_get_tsc_info - how domid's TSC
 * behaves (tsc_mode: XEN_CPUID_TSC_MODE_* of <xen/arch-x86/cpuid.h>),
 * its frequency in kHz, the nanoseconds elapsed and the incarnation (a
 * migration count); set as a restore does, read as a save does. */
int xc_domain_set_tsc_info(xc_interface *xch,
                           uint32_t domid,
                           uint32_t tsc_mode,
                           uint64_t elapsed_nsec,
                           uint32_t gtsc_khz,
                           uint32_t incarnation);

int xc_domain_get_tsc_info(xc_interface *xch,
                           uint32_t domid,
                           uint32_t *tsc_mode,
                           uint64_t *elapsed_nsec,
                           uint32_t *gtsc_khz,
                           uint32_t *incarnation);

/* xc_domain_get_guest_width - the width of domid's guest words in bytes
 * (8, or 4 for a 32-bit PV guest) into *guest_width.  Returns 0, or 1
 * (upstream's value, errno set) when Xen refuses; -1 (EINVAL) for a NULL
 * pointer. */
int xc_domain_get_guest_width(xc_interface *xch, uint32_t domid,
                              unsigned int *guest_width);

/* xc_domain_cacheflush - write back and invalidate the caches of domid's
 * frames start_pfn..+nr_pfns (Arm).  On x86, whose caches are coherent,
 * it does nothing and returns 0. */
int xc_domain_cacheflush(xc_interface *xch, uint32_t domid,
                         xen_pfn_t start_pfn, xen_pfn_t nr_pfns);

/* xc_domain_sethandle - the 16-byte handle (libxl: the domain's UUID)
 * Xen keeps for domid and reports in its record (xc_dominfo_t's
 * handle). */
int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
                        xen_domain_handle_t handle);

/* xc_domain_p2m_audit - checks domid's physical-to-machine map against
 * the machine-to-physical one (a debug build of Xen only: others refuse,
 * EOPNOTSUPP) and counts orphan frames and bad entries of each map into
 * the three (written on success only; EINVAL for a NULL one). */
int xc_domain_p2m_audit(xc_interface *xch,
                        uint32_t domid,
                        uint64_t *orphans,
                        uint64_t *m2p_bad,
                        uint64_t *p2m_bad);

/* xc_dom_vuart_init - sets up Arm's emulated UART (type
 * XEN_DOMCTL_VUART_TYPE_VPL011, the only one Xen knows) of domid
 * with its ring at gfn, served by console_domid, and writes the event
 * channel port that backend binds to into *evtchn.  Xen on x86 refuses
 * it. */
int xc_dom_vuart_init(xc_interface *xch,
                      uint32_t type,
                      uint32_t domid,
                      uint32_t console_domid,
                      xen_pfn_t gfn,
                      evtchn_port_t *evtchn);

/* xc_domain_set_virq_handler - send global VIRQ virq (VIRQ_* of
 * <xen/xen.h>: VIRQ_DOM_EXC for xenstored's domain, VIRQ_CON_CONSOLE,
 * VIRQ_ENOMEM...) to domid instead of the hardware domain.  EINVAL for
 * a per-vCPU VIRQ (VIRQ_TIMER, VIRQ_DEBUG...) or one beyond NR_VIRQS.
 * There is no undoing it but giving the VIRQ to another domain (or
 * domid dying). */
int xc_domain_set_virq_handler(xc_interface *xch, uint32_t domid, int virq);

/* xc_domain_setdebugging - a debugger attached to domid (enable's low
 * byte nonzero) gets its guest's breakpoints and debug traps; or no
 * longer. */
int xc_domain_setdebugging(xc_interface *xch,
                           uint32_t domid,
                           unsigned int enable);

/* xc_domain_debug_control - sop XEN_DOMCTL_DEBUG_OP_SINGLE_STEP_ON or
 * _OFF for vCPU vcpu of HVM domain domid.  EINVAL for a PV domain or an
 * unknown sop, ESRCH for no such vCPU, EOPNOTSUPP without CPU support. */
int xc_domain_debug_control(xc_interface *xch,
                            uint32_t domid,
                            uint32_t sop,
                            uint32_t vcpu);

/* xc_domain_set_access_required - whether a mem_access violation pauses
 * the vCPU for a monitor (required's low byte nonzero) or, with no
 * monitor listening, gives the page its full rights back. */
int xc_domain_set_access_required(xc_interface *xch,
                                  uint32_t domid,
                                  unsigned int required);

/* xc_domain_ioport_permission - let domid use I/O ports first_port..
 * +nr_ports (allow_access 1), or no longer (0). */
int xc_domain_ioport_permission(xc_interface *xch,
                                uint32_t domid,
                                uint32_t first_port,
                                uint32_t nr_ports,
                                uint32_t allow_access);

/* xc_domain_irq_permission - let domid use the IRQ behind the caller's
 * pirq, or no longer.  EINVAL for a pirq the caller has no IRQ behind,
 * EPERM when the caller may not use it itself. */
int xc_domain_irq_permission(xc_interface *xch,
                             uint32_t domid,
                             uint32_t pirq,
                             bool allow_access);

/*
 * xc_domain_node_setaffinity, xc_domain_node_getaffinity - the host NUMA
 * nodes domid's memory should come from, as a bitmap of one bit per node
 * (max_node_id + 1 of xc_physinfo(), rounded up to bytes).  Get writes
 * the bitmap also when Xen refuses.  EINVAL for an empty or invalid set.
 */
int xc_domain_node_setaffinity(xc_interface *xch,
                               uint32_t domind,
                               xc_nodemap_t nodemap);
int xc_domain_node_getaffinity(xc_interface *xch,
                               uint32_t domind,
                               xc_nodemap_t nodemap);

/*
 * xc_domain_setvnuma - give domid a virtual NUMA topology: nr_vnodes
 * nodes, nr_regions memory ranges (vmemrange, at least one a node),
 * nr_vnodes * nr_vnodes distances, the vnode of each of its nr_vcpus
 * vCPUs (its max_vcpus) and the host node of each vnode.  EINVAL for no
 * node, fewer ranges than nodes, or a NULL array, and for what Xen finds
 * inconsistent.
 */
int xc_domain_setvnuma(xc_interface *xch,
                        uint32_t domid,
                        uint32_t nr_vnodes,
                        uint32_t nr_regions,
                        uint32_t nr_vcpus,
                        xen_vmemrange_t *vmemrange,
                        unsigned int *vdistance,
                        unsigned int *vcpu_to_vnode,
                        unsigned int *vnode_to_pnode);

/*
 * xc_domain_getvnuma - read domid's virtual NUMA topology back into
 * arrays with room for *nr_vnodes nodes (and their squared distances),
 * *nr_vmemranges ranges and *nr_vcpus vCPUs; the counts become the
 * domain's.  ENOBUFS: too little room (the counts say how much is
 * needed); EOPNOTSUPP: the domain has no virtual NUMA topology.
 */
int xc_domain_getvnuma(xc_interface *xch,
                       uint32_t domid,
                       uint32_t *nr_vnodes,
                       uint32_t *nr_vmemranges,
                       uint32_t *nr_vcpus,
                       xen_vmemrange_t *vmemrange,
                       unsigned int *vdistance,
                       unsigned int *vcpu_to_vnode);

/* ================================================ save and restore
 */

/*
 * xc_domain_hvm_getcontext - copy HVM domain domid's saved state (its
 * vCPUs' registers, interrupt controllers, timers: records of
 * <xen/hvm/save.h>) into ctxt_buf, size bytes.  A NULL ctxt_buf asks
 * only for the size needed.  Returns that size, or -1 with errno set
 * (EINVAL for a PV domain; ENOSPC for too small a buffer).
 */
int xc_domain_hvm_getcontext(xc_interface *xch,
                             uint32_t domid,
                             uint8_t *ctxt_buf,
                             uint32_t size);

/*
 * xc_domain_hvm_getcontext_partial - copy one record of HVM domain
 * domid's saved state, of type typecode (HVM_SAVE_CODE(CPU)...) and
 * instance (the vCPU, for per-vCPU records), without its descriptor,
 * into ctxt_buf (size bytes).  0, or -1 with errno set (EINVAL: NULL
 * buffer; Xen's: EINVAL for a PV domain or a bad type, ENOENT for no such
 * instance, ENOBUFS for too small a buffer).
 */
int xc_domain_hvm_getcontext_partial(xc_interface *xch,
                                     uint32_t domid,
                                     uint16_t typecode,
                                     uint16_t instance,
                                     void *ctxt_buf,
                                     uint32_t size);

/* xc_domain_hvm_setcontext - load saved state (size bytes, as
 * xc_domain_hvm_getcontext gives it) into HVM domain domid.  0, or -1
 * with errno set (EINVAL for state Xen will not load). */
int xc_domain_hvm_setcontext(xc_interface *xch,
                             uint32_t domid,
                             uint8_t *hvm_ctxt,
                             uint32_t size);

typedef struct xen_domctl_shadow_op_stats xc_shadow_op_stats_t;

/* xc_shadow_control - shadow/paging operation sop
 * (XEN_DOMCTL_SHADOW_OP_*) on domid, with mode flags mode; *mb (if
 * given) is the allocation in MiB for SET_ALLOCATION and becomes Xen's
 * answer (GET_ALLOCATION).  0, or -1 with errno set. */
int xc_shadow_control(xc_interface *xch,
                      uint32_t domid,
                      unsigned int sop,
                      unsigned int *mb,
                      unsigned int mode);

/*
 * xc_logdirty_control - log-dirty operation sop (ENABLE_LOGDIRTY, OFF,
 * CLEAN, PEEK) on domid's first pages frames; CLEAN and PEEK write the
 * dirty bitmap into dirty_bitmap, a hypercall buffer of (pages + 7) / 8
 * bytes (NULL for none), and CLEAN clears it.  *stats (if given) gets
 * Xen's fault and dirty counts.  Returns the number of pages Xen
 * reports, or -1 with errno set (EINVAL e.g. for enabling it twice).
 */
long long xc_logdirty_control(xc_interface *xch,
                              uint32_t domid,
                              unsigned int sop,
                              xc_hypercall_buffer_t *dirty_bitmap,
                              unsigned long pages,
                              unsigned int mode,
                              xc_shadow_op_stats_t *stats);

/* xc_set_paging_mempool_size - the memory Xen keeps for domid's page
 * tables (HAP or shadow), in bytes; EINVAL for a size not a multiple of
 * Xen's granularity, ENOMEM when the host has too little. */
int xc_set_paging_mempool_size(xc_interface *xch, uint32_t domid, uint64_t size);

/* xc_get_paging_mempool_size - that memory's size now, in bytes, into
 * *size (written only on success; EINVAL for a NULL size). */
int xc_get_paging_mempool_size(xc_interface *xch, uint32_t domid, uint64_t *size);

/* =============================================== raw domctl, sysctl
 */

/* xc_domctl, xc_sysctl - issue the caller's domctl or sysctl (the
 * interface version is filled in); Xen writes its results back into it,
 * also on failure.  Xen's answer (>= 0), or -1 with errno set. */
int xc_domctl(xc_interface *xch, struct xen_domctl *domctl);
int xc_sysctl(xc_interface *xch, struct xen_sysctl *sysctl);

/* ======================================================= memory_op
 */

/* xc_memory_op - memory_op command cmd with arg (len bytes, copied to
 * Xen and back; NULL for commands without one).  Xen's answer (>= 0,
 * e.g. a frame number), or -1 with errno set. */
long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg, size_t len);

/* xc_domain_populate_physmap - as xc_domain_populate_physmap_exact, but
 * returns how many extents Xen gave (fewer when memory runs out), or -1
 * with errno set. */
int xc_domain_populate_physmap(xc_interface *xch,
                               uint32_t domid,
                               unsigned long nr_extents,
                               unsigned int extent_order,
                               unsigned int mem_flags,
                               xen_pfn_t *extent_start);

/*
 * xc_domain_increase_reservation - give domid nr_extents more extents of
 * 2^extent_order pages (mem_flags: XENMEMF_*, e.g. an address width),
 * wherever Xen likes: a PV domain's new machine frames are written to
 * extent_start, which may be NULL (not said then; a translated domain
 * gets nothing written).  Returns how many extents Xen gave (fewer when
 * the domain's limit or the host's memory runs out; 0 when there is no
 * domain domid: Xen says so, not ESRCH), or -1 with errno set.
 */
int xc_domain_increase_reservation(xc_interface *xch,
                                   uint32_t domid,
                                   unsigned long nr_extents,
                                   unsigned int extent_order,
                                   unsigned int mem_flags,
                                   xen_pfn_t *extent_start);

/* xc_domain_increase_reservation_exact - the same, all or nothing from
 * the caller's view: 0, or -1 with errno set, ENOMEM when Xen gave fewer
 * (the ones given stay). */
int xc_domain_increase_reservation_exact(xc_interface *xch,
                                         uint32_t domid,
                                         unsigned long nr_extents,
                                         unsigned int extent_order,
                                         unsigned int mem_flags,
                                         xen_pfn_t *extent_start);

/*
 * xc_domain_decrease_reservation - take from domid the nr_extents extents
 * of 2^extent_order pages at the frames in extent_start (a PV domain's
 * machine frames, a translated domain's gfns).  Returns how many Xen
 * took (it stops at the first frame that is not the domain's; 0 when
 * there is no domain domid), or -1 with errno set (EINVAL for a NULL
 * extent_start, even with no extents).
 */
int xc_domain_decrease_reservation(xc_interface *xch,
                                   uint32_t domid,
                                   unsigned long nr_extents,
                                   unsigned int extent_order,
                                   xen_pfn_t *extent_start);

/* xc_domain_decrease_reservation_exact - the same, all or nothing from
 * the caller's view: 0, or -1 with errno set, EINVAL when Xen took fewer
 * (the ones taken stay taken). */
int xc_domain_decrease_reservation_exact(xc_interface *xch,
                                         uint32_t domid,
                                         unsigned long nr_extents,
                                         unsigned int extent_order,
                                         xen_pfn_t *extent_start);

/* xc_domain_claim_pages - set nr_pages of free memory aside for domid,
 * which then populates from it (0 cancels the claim).  EINVAL when the
 * host has not that much, ENOMEM when not that much is free.  A Xen
 * without claims counts as success. */
int xc_domain_claim_pages(xc_interface *xch,
                               uint32_t domid,
                               unsigned long nr_pages);

/* xc_domain_set_pod_target - the populate-on-demand target of HVM domain
 * domid, in pages; its pages, PoD cache pages and PoD entries are
 * written to the pointers given (NULL skips one), also on failure.
 * EINVAL for a PV domain. */
int xc_domain_set_pod_target(xc_interface *xch,
                             uint32_t domid,
                             uint64_t target_pages,
                             uint64_t *tot_pages,
                             uint64_t *pod_cache_pages,
                             uint64_t *pod_entries);

/* xc_domain_get_pod_target - the same counts without changing the
 * target. */
int xc_domain_get_pod_target(xc_interface *xch,
                             uint32_t domid,
                             uint64_t *tot_pages,
                             uint64_t *pod_cache_pages,
                             uint64_t *pod_entries);

/* xc_domain_memory_exchange_pages - trade PV domain domid's nr_in_extents
 * extents of 2^in_order pages (in_extents) for nr_out_extents new ones of
 * 2^out_order pages, whose frames Xen writes to out_extents.  0, or -1
 * with errno set (some may have been exchanged; EOPNOTSUPP for a
 * translated guest). */
int xc_domain_memory_exchange_pages(xc_interface *xch,
                                    uint32_t domid,
                                    unsigned long nr_in_extents,
                                    unsigned int in_order,
                                    xen_pfn_t *in_extents,
                                    unsigned long nr_out_extents,
                                    unsigned int out_order,
                                    xen_pfn_t *out_extents);

/* xc_domain_add_to_physmap - put page idx of space (XENMAPSPACE_*: the
 * shared info page, a grant table frame, another gfn) at gfn gpfn of
 * translated domain domid. */
int xc_domain_add_to_physmap(xc_interface *xch,
                             uint32_t domid,
                             unsigned int space,
                             unsigned long idx,
                             xen_pfn_t gpfn);

/* xc_domain_add_to_physmap_batch - the same for size pages at once: page
 * idxs[i] at gfn gpfns[i], each page's error (0 or -errno) into errs[i];
 * the call itself succeeds even if no page could be added.  Space
 * XENMAPSPACE_gmfn_foreign takes foreign_domid's gfns (0 for the other
 * spaces, where Xen 4.17 ignores it; XENMAPSPACE_gmfn_range is refused:
 * EOPNOTSUPP; foreign pages only for the hardware domain: EPERM in
 * errs).  EACCES for an untranslated (PV) domain; EINVAL for NULL arrays
 * or more than 0xffff pages. */
int xc_domain_add_to_physmap_batch(xc_interface *xch,
                                   uint32_t domid,
                                   uint32_t foreign_domid,
                                   unsigned int space,
                                   unsigned int size,
                                   xen_ulong_t *idxs,
                                   xen_pfn_t *gfpns,
                                   int *errs);

/* xc_domain_remove_from_physmap - take the page at gfn gpfn out of
 * translated domain domid's physical map (it stays the domain's).
 * ENOENT when nothing is there, EACCES for a PV domain. */
int xc_domain_remove_from_physmap(xc_interface *xch,
                                  uint32_t domid,
                                  xen_pfn_t gpfn);

/* xc_maximum_ram_page - the highest machine frame number Xen hands out,
 * into *max_mfn. */
int xc_maximum_ram_page(xc_interface *xch, unsigned long *max_mfn);

/* xc_machphys_mfn_list - the machine frames of Xen's machine-to-phys
 * table, in 2 MiB chunks: exactly max_extents of them, else -1 (ERANGE:
 * the table has fewer). */
int xc_machphys_mfn_list(xc_interface *xch,
                         unsigned long max_extents,
                         xen_pfn_t *extent_start);

/* xc_make_page_below_4G - trade PV domain domid's frame mfn for one below
 * 4 GiB.  Returns the new mfn, or 0 with errno set: EINVAL when Xen will
 * not take mfn back (not the domain's), ENOMEM when no frame below 4 GiB
 * is free (the old one is gone then). */
unsigned long xc_make_page_below_4G(xc_interface *xch, uint32_t domid,
                                    unsigned long mfn);

/* xc_sharing_freed_pages, xc_sharing_used_frames - pages saved by memory
 * sharing, and frames holding shared pages, host-wide; -1 with errno set
 * (ENOSYS: Xen built without memory sharing). */
long xc_sharing_freed_pages(xc_interface *xch);
long xc_sharing_used_frames(xc_interface *xch);

/* xc_reserved_device_memory_map - the memory regions reserved for
 * devices (flags XENMEM_RDM_ALL: all; else the PCI device seg:bus:devfn)
 * into entries, room for *max_entries; *max_entries becomes how many
 * there are.  ENOBUFS: too little room. */
int xc_reserved_device_memory_map(xc_interface *xch,
                                  uint32_t flags,
                                  uint16_t seg,
                                  uint8_t bus,
                                  uint8_t devfn,
                                  struct xen_reserved_device_memory entries[],
                                  uint32_t *max_entries);

/* xc_domain_nr_gpfns - the size of domid's physical map in frames (its
 * highest gfn + 1) into *gpfns. */
int xc_domain_nr_gpfns(xc_interface *xch, uint32_t domid, xen_pfn_t *gpfns);

/* xc_domain_maximum_gpfn - domid's highest gfn into *gpfns. */
int xc_domain_maximum_gpfn(xc_interface *xch, uint32_t domid, xen_pfn_t *gpfns);

/* xc_copy_to_domain_page - copy the page at src_page into frame dst_pfn
 * of domid through a foreign mapping.  0, or -1 with errno set (the
 * mapping's error for a frame the domain lacks). */
int xc_copy_to_domain_page(xc_interface *xch, uint32_t domid,
                           unsigned long dst_pfn, const char *src_page);

/* xc_clear_domain_pages - zero num pages of domid from guest frame
 * dst_pfn on, mapping them through libxenforeignmemory.  0, or -1 with
 * errno set (EINVAL for num <= 0; the mapping's error for frames the
 * domain lacks). */
int xc_clear_domain_pages(xc_interface *xch, uint32_t domid,
                          unsigned long dst_pfn, int num);

#if defined(__i386__) || defined(__x86_64__)
/* xc_domain_set_memory_map - the memory map domid's guest reads
 * (XENMEM_memory_map), nr_entries entries; xc_domain_set_memmap_limit -
 * one of a single RAM region of map_limitkb KiB from 0. */
int xc_domain_set_memory_map(xc_interface *xch,
                               uint32_t domid,
                               struct e820entry entries[],
                               uint32_t nr_entries);
#endif
int xc_domain_set_memmap_limit(xc_interface *xch,
                               uint32_t domid,
                               unsigned long map_limitkb);

/* ------------------------------------ building PV guests, grant tables
 * What libxenguest's domain builder and libxenlight call besides the
 * above. */

/* -1, or a port number. */
typedef int xc_evtchn_port_or_error_t;

/*
 * xc_evtchn_alloc_unbound - a new event channel of domain dom, unbound,
 * that domain remote_dom may bind.  Returns its port in dom, or -1 with
 * errno set (EINVAL: NULL handle; Xen's: ESRCH no such domain, ENOSPC no
 * free port, EPERM), logged.
 */
xc_evtchn_port_or_error_t
xc_evtchn_alloc_unbound(xc_interface *xch,
                        uint32_t dom,
                        uint32_t remote_dom);

/*
 * xc_mmuext_op - the nr_ops extended MMU operations op (pinning and
 * unpinning page tables, TLB flushes; <xen/xen.h>'s MMUEXT_*) on the
 * pages of PV domain dom, stopping at the first Xen refuses.  Returns 0,
 * or -1 with errno set (EINVAL: NULL handle or op; Xen's own, e.g.
 * EINVAL for a frame the domain does not own or a table that does not
 * validate, ESRCH for no such domain).
 */
int xc_mmuext_op(xc_interface *xch, struct mmuext_op *op, unsigned int nr_ops,
                 uint32_t dom);

/*
 * xc_gnttab_op - grant_table_op cmd (GNTTABOP_*) on count structs of
 * op_size bytes at op, copied to Xen and back.  Returns Xen's answer
 * (each struct's status field has the per-operation verdict), or -1
 * with errno set (EINVAL: NULL handle, negative sizes, NULL op).
 */
int xc_gnttab_op(xc_interface *xch, int cmd,
                 void * op, int op_size, int count);

/*
 * xc_gnttab_get_version - the grant table version (1 or 2) of domain
 * domid (DOMID_SELF: the caller's), or -1 with errno set (EINVAL: NULL
 * handle; Xen's: ESRCH no such domain, EPERM another domain than the
 * caller's own without the privilege).  Never logs, as upstream's.
 */
int xc_gnttab_get_version(xc_interface *xch, uint32_t domid);

/*
 * xc_gnttab_map_table_v1, xc_gnttab_map_table_v2 - maps domain domid's
 * grant table read-only, when it is of that version (v1: any but 2), and
 * sets *gnt_num to the number of v1 entries its frames hold.  Release it
 * with munmap() of *gnt_num / 512 pages.  NULL on failure, logged, with
 * errno set (EINVAL: NULL handle or gnt_num, a table of the other
 * version; Xen's: ESRCH no such domain; a frame's when it cannot be
 * mapped).
 */
grant_entry_v1_t *xc_gnttab_map_table_v1(xc_interface *xch, uint32_t domid, int *gnt_num);
grant_entry_v2_t *xc_gnttab_map_table_v2(xc_interface *xch, uint32_t domid, int *gnt_num);

/*
 * xc_translate_foreign_address - the frame (machine frame of a PV domain,
 * gfn of an HVM one) that virtual address virt of vCPU vcpu of domain dom
 * is in, by walking that vCPU's page tables (an HVM vCPU without paging
 * maps virt to itself).  Large pages are followed, PSE-36's extra bits
 * are not.  0 on failure, with errno set (EADDRNOTAVAIL: virt is not
 * mapped; ESRCH no such domain; a mapping's or Xen's error otherwise).
 */
unsigned long xc_translate_foreign_address(xc_interface *xch, uint32_t dom,
                                           int vcpu, unsigned long long virt);

/* ------------------------------------------------------------ vCPUs
 * Each returns 0, or -1 with errno set: Xen's ESRCH for no such
 * domain, EINVAL or ENOENT for no such vCPU; EINVAL for a NULL pointer
 * argument that must not be NULL. */

/* One vCPU's register state, in the layout of either guest width. */
typedef union
{
#if defined(__i386__) || defined(__x86_64__)
    vcpu_guest_context_x86_64_t x64;
    vcpu_guest_context_x86_32_t x32;
#endif
    vcpu_guest_context_t c;
} vcpu_guest_context_any_t;

/*
 * xc_vcpu_getcontext - the registers of vCPU vcpu of domain domid into
 * *ctxt (for a PV domain in its own width's layout, for HVM the 64-bit
 * one).  The domain should be paused for a consistent answer.
 */
int xc_vcpu_getcontext(xc_interface *xch,
                       uint32_t domid,
                       uint32_t vcpu,
                       vcpu_guest_context_any_t *ctxt);

/*
 * xc_vcpu_setcontext - loads *ctxt into vCPU vcpu of domain domid, as a
 * domain builder does before the domain first runs (VGCF_online in its
 * flags brings the vCPU up).  Xen checks the context: EINVAL for one it
 * refuses (e.g. page tables a PV domain does not own).  A NULL ctxt
 * resets the vCPU (down, no context), as Xen does for a NULL handle.
 */
int xc_vcpu_setcontext(xc_interface *xch,
                       uint32_t domid,
                       uint32_t vcpu,
                       vcpu_guest_context_any_t *ctxt);

/*
 * xc_vcpu_setaffinity - sets the hard and/or soft affinity (flags:
 * XEN_VCPUAFFINITY_HARD, _SOFT) of vCPU vcpu to the CPU maps given (each
 * xc_get_max_cpus() bits), and writes the effective affinity that results
 * back into them.  Xen's EINVAL: a map with no online CPU of the domain's
 * cpupool for hard affinity.
 */
int xc_vcpu_setaffinity(xc_interface *xch,
                        uint32_t domid,
                        int vcpu,
                        xc_cpumap_t cpumap_hard_inout,
                        xc_cpumap_t cpumap_soft_inout,
                        uint32_t flags);

/*
 * xc_vcpu_getaffinity - the hard and/or soft affinity (flags as above) of
 * vCPU vcpu into the CPU maps given (xc_get_max_cpus() bits each); a map
 * asked for by flags must not be NULL (Xen: EFAULT).
 */
int xc_vcpu_getaffinity(xc_interface *xch,
                        uint32_t domid,
                        int vcpu,
                        xc_cpumap_t cpumap_hard,
                        xc_cpumap_t cpumap_soft,
                        uint32_t flags);

/* What a vCPU is doing: online, blocked, running, its CPU time (ns) and
 * the physical CPU it is on. */
typedef struct xen_domctl_getvcpuinfo xc_vcpuinfo_t;

/* xc_vcpu_getinfo - vCPU vcpu's state into *info (written on success
 * only). */
int xc_vcpu_getinfo(xc_interface *xch,
                    uint32_t domid,
                    uint32_t vcpu,
                    xc_vcpuinfo_t *info);

/* How large a vCPU's XSAVE state is, or the state itself. */
typedef struct xc_vcpu_extstate {
    uint64_t xfeature_mask;
    uint64_t size;
    void *buffer;
} xc_vcpu_extstate_t;

/*
 * xc_vcpu_get_extstate - with extstate's size and xfeature_mask both 0,
 * writes the XSAVE features vCPU vcpu uses and the size its state needs
 * into them; otherwise copies that state (size bytes, xfeature_mask as
 * Xen reported it) into extstate->buffer.  Xen's: ENODATA for a vCPU
 * without XSAVE state, EINVAL for a wrong size or mask; EINVAL for a NULL
 * extstate or buffer.
 */
int xc_vcpu_get_extstate(xc_interface *xch,
                         uint32_t domid,
                         uint32_t vcpu,
                         xc_vcpu_extstate_t *extstate);

/* xc_domain_get_cpu_usage - the CPU time (ns) vCPU vcpu of domid has
 * used, or -1 with errno set (logged). */
long long xc_domain_get_cpu_usage(xc_interface *xch,
                                  uint32_t domid,
                                  int vcpu);

/* ------------------------------------------------------- scheduling
 * Each returns 0, or -1 with errno set: Xen's EINVAL when
 * the domain's (or pool's) scheduler is not the one the call is for, or
 * a value is out of range; ESRCH for no such domain or cpupool; EINVAL
 * for a NULL pointer. */

/* xc_sched_id - the scheduler Xen booted with (XEN_SCHEDULER_*) into
 * *sched_id. */
int xc_sched_id(xc_interface *xch,
                int *sched_id);

/* A domain's weight and cap under the credit scheduler: set from, or
 * got into, *sdom. */
int xc_sched_credit_domain_set(xc_interface *xch,
                               uint32_t domid,
                               struct xen_domctl_sched_credit *sdom);
int xc_sched_credit_domain_get(xc_interface *xch,
                               uint32_t domid,
                               struct xen_domctl_sched_credit *sdom);

/* The credit scheduler of cpupool cpupool_id: its time slice, rate limit
 * and migration delay.  Both write what is then in force into
 * *schedule. */
int xc_sched_credit_params_set(xc_interface *xch,
                               uint32_t cpupool_id,
                               struct xen_sysctl_credit_schedule *schedule);
int xc_sched_credit_params_get(xc_interface *xch,
                               uint32_t cpupool_id,
                               struct xen_sysctl_credit_schedule *schedule);

/* The same for the credit2 scheduler (its rate limit). */
int xc_sched_credit2_params_set(xc_interface *xch,
                                uint32_t cpupool_id,
                                struct xen_sysctl_credit2_schedule *schedule);
int xc_sched_credit2_params_get(xc_interface *xch,
                                uint32_t cpupool_id,
                                struct xen_sysctl_credit2_schedule *schedule);

/* The ARINC 653 scheduler's schedule of cpupool cpupool_id: set from, or
 * got into, *schedule.  Xen's EINVAL (or ESRCH) for a pool that does not
 * run that scheduler. */
int
xc_sched_arinc653_schedule_set(
    xc_interface *xch,
    uint32_t cpupool_id,
    struct xen_sysctl_arinc653_schedule *schedule);

int
xc_sched_arinc653_schedule_get(
    xc_interface *xch,
    uint32_t cpupool_id,
    struct xen_sysctl_arinc653_schedule *schedule);

/* A domain's weight and cap under the credit2 scheduler. */
int xc_sched_credit2_domain_set(xc_interface *xch,
                                uint32_t domid,
                                struct xen_domctl_sched_credit2 *sdom);
int xc_sched_credit2_domain_get(xc_interface *xch,
                                uint32_t domid,
                                struct xen_domctl_sched_credit2 *sdom);

/* A domain's period and budget (microseconds) under the RTDS scheduler:
 * set for every vCPU, or got as the domain's default. */
int xc_sched_rtds_domain_set(xc_interface *xch,
                             uint32_t domid,
                             struct xen_domctl_sched_rtds *sdom);
int xc_sched_rtds_domain_get(xc_interface *xch,
                             uint32_t domid,
                             struct xen_domctl_sched_rtds *sdom);

/* The RTDS parameters of the num_vcpus vCPUs named by vcpus[i].vcpuid:
 * set from, or got into, vcpus[i].u.rtds. */
int xc_sched_rtds_vcpu_set(xc_interface *xch,
                           uint32_t domid,
                           struct xen_domctl_schedparam_vcpu *vcpus,
                           uint32_t num_vcpus);
int xc_sched_rtds_vcpu_get(xc_interface *xch,
                           uint32_t domid,
                           struct xen_domctl_schedparam_vcpu *vcpus,
                           uint32_t num_vcpus);

/* --------------------------------------------------------- cpupools
 * Xen's errors (see <xen/sysctl.h>): ENOENT no such pool,
 * EEXIST pool id taken, EBUSY pool in use or its last CPU, EINVAL a CPU
 * or domain that cannot move (a CPU that is not free or not in the pool),
 * ENODEV no such CPU.  A CPU still busy leaving a pool is retried until
 * Xen has moved it. */

/* One cpupool: its id, scheduler (XEN_SCHEDULER_*), number of domains
 * and CPU map (xc_get_max_cpus() bits). */
typedef struct xc_cpupoolinfo {
    uint32_t cpupool_id;
    uint32_t sched_id;
    uint32_t n_dom;
    xc_cpumap_t cpumap;
} xc_cpupoolinfo_t;

/* "Any free pool id" for xc_cpupool_create(). */
#define XC_CPUPOOL_POOLID_ANY 0xFFFFFFFF

/*
 * xc_cpupool_create - a new, empty cpupool with scheduler sched_id
 * (XEN_SCHEDULER_*), id *ppoolid or, for XC_CPUPOOL_POOLID_ANY, the
 * first free one; *ppoolid becomes its id.  0, or -1 with errno.
 */
int xc_cpupool_create(xc_interface *xch,
                      uint32_t *ppoolid,
                      uint32_t sched_id);

/* xc_cpupool_destroy - destroys an empty cpupool (no CPU, no domain). */
int xc_cpupool_destroy(xc_interface *xch,
                       uint32_t poolid);

/*
 * xc_cpupool_getinfo - the first cpupool whose id is poolid or above: a
 * new record, to be freed with xc_cpupool_infofree(), or NULL with errno
 * set (ENOENT: none from there on).
 */
xc_cpupoolinfo_t *xc_cpupool_getinfo(xc_interface *xch,
                       uint32_t poolid);

/* xc_cpupool_infofree - frees a record of xc_cpupool_getinfo() (NULL:
 * nothing). */
void xc_cpupool_infofree(xc_interface *xch,
                         xc_cpupoolinfo_t *info);

/* xc_cpupool_addcpu - moves free CPU cpu (negative: the first free one)
 * into cpupool poolid. */
int xc_cpupool_addcpu(xc_interface *xch,
                      uint32_t poolid,
                      int cpu);

/* xc_cpupool_removecpu - frees CPU cpu (negative: the pool's last one)
 * of cpupool poolid. */
int xc_cpupool_removecpu(xc_interface *xch,
                         uint32_t poolid,
                         int cpu);

/* xc_cpupool_movedomain - moves domain domid into cpupool poolid. */
int xc_cpupool_movedomain(xc_interface *xch,
                          uint32_t poolid,
                          uint32_t domid);

/* xc_cpupool_freeinfo - a new map (xc_get_max_cpus() bits, free() it) of
 * the CPUs in no cpupool, or NULL with errno set. */
xc_cpumap_t xc_cpupool_freeinfo(xc_interface *xch);

/* --------------------------------------------------------- topology
 */

/* xc_get_online_cpus - the number of CPUs online (physinfo's nr_cpus),
 * or -1 with errno set. */
int xc_get_online_cpus(xc_interface *xch);

/* xc_get_max_nodes - the number of NUMA nodes Xen supports (physinfo's
 * max_node_id + 1, asked once per process), or -1 with errno set. */
int xc_get_max_nodes(xc_interface *xch);

/*
 * xc_cputopoinfo - the core, socket and node of CPUs 0 .. *max_cpus - 1
 * into cputopo; *max_cpus becomes the number of CPUs Xen has (more than
 * were written when the array was short).  A NULL cputopo asks only for
 * that number.  0, or -1 with errno set.
 */
int xc_cputopoinfo(xc_interface *xch, unsigned *max_cpus,
                   xc_cputopo_t *cputopo);

/*
 * xc_numainfo - the memory size and free memory of nodes 0 ..
 * *max_nodes - 1 into meminfo, and their distances into distance
 * (*max_nodes squared entries, row by row); *max_nodes becomes the number
 * of nodes.  NULL arrays ask only for that number.  0, or -1 with errno
 * (Xen's ENOBUFS: arrays too short for every node).
 */
int xc_numainfo(xc_interface *xch, unsigned *max_nodes,
                xc_meminfo_t *meminfo, uint32_t *distance);

/*
 * xc_pcitopoinfo - the NUMA node of each of the num_devs PCI devices in
 * devs into nodes: XEN_INVALID_NODE_ID when Xen does not know it,
 * XEN_INVALID_DEV for a device Xen does not know.  0, or -1 with errno.
 */
int xc_pcitopoinfo(xc_interface *xch, unsigned num_devs,
                   physdev_pci_device_t *devs, uint32_t *nodes);

/* xc_send_debug_keys - presses the keys of string keys on Xen's debug
 * console, one handler each ('h' lists them; the output goes to Xen's
 * console).  0, or -1 with errno set.  */
int xc_send_debug_keys(xc_interface *xch, const char *keys);

/* ------------------------------------------------------------ FLASK
 * Xen's security module.  Xen without FLASK (the dummy
 * module, the default) refuses each of these: -1 with errno ENOSYS.
 * With FLASK, EACCES when policy forbids the caller. */

/* xc_flask_load - loads the binary policy of size bytes at buf. */
int xc_flask_load(xc_interface *xc_handle, char *buf, uint32_t size);

/* xc_flask_context_to_sid - the SID of security context buf (size
 * bytes) into *sid. */
int xc_flask_context_to_sid(xc_interface *xc_handle, char *buf, uint32_t size, uint32_t *sid);

/* xc_flask_sid_to_context - the context of SID sid into buf, at most
 * size bytes (Xen's ENAMETOOLONG when it does not fit). */
int xc_flask_sid_to_context(xc_interface *xc_handle, int sid, char *buf, uint32_t size);

/* xc_flask_getenforce - 1 when FLASK enforces its policy, 0 when it
 * only logs (permissive), or -1 with errno set. */
int xc_flask_getenforce(xc_interface *xc_handle);

/* xc_flask_setenforce - enforcing (mode 1) or permissive (mode 0). */
int xc_flask_setenforce(xc_interface *xc_handle, int mode);

/* xc_flask_relabel_domain - gives domain domid the security label sid. */
int xc_flask_relabel_domain(xc_interface *xch, uint32_t domid, uint32_t sid);

/* xc_flask_op - the caller's own xsm_op *op (the interface version is
 * filled in; Xen writes its results back into it).  Xen's answer (>= 0),
 * or -1 with errno set (EINVAL for a NULL op). */
int xc_flask_op(xc_interface *xch, xen_flask_op_t *op);

/* xc_flask_getbool_byid - the name of boolean id into name (at most size
 * bytes) and its current and pending values into *curr, *pend (each if
 * given, on success only).  ENOENT: no boolean id. */
int xc_flask_getbool_byid(xc_interface *xc_handle, int id, char *name, uint32_t size, int *curr, int *pend);

/* xc_flask_getbool_byname - the values of the boolean named name. */
int xc_flask_getbool_byname(xc_interface *xc_handle, char *name, int *curr, int *pend);

/* xc_flask_setbool - sets the boolean named name to value, committed at
 * once whatever commit says (upstream's behaviour). */
int xc_flask_setbool(xc_interface *xc_handle, char *name, int value, int commit);

/*
 * xc_flask_add_pirq, _ioport, _iomem, _device - label a physical IRQ, an
 * I/O port range low..high, a machine frame range low..high or a PCI
 * device (its SBDF) with security context scontext; xc_flask_del_* take
 * the label away.  The add calls look scontext's SID up first
 * (xc_flask_context_to_sid) and fail as that does.  EINVAL for a NULL
 * scontext; with FLASK, EEXIST for a range labelled already, ENOENT for
 * a deletion of none.
 */
int xc_flask_add_pirq(xc_interface *xc_handle, unsigned int pirq, char *scontext);
int xc_flask_add_ioport(xc_interface *xc_handle, unsigned long low, unsigned long high,
                      char *scontext);
int xc_flask_add_iomem(xc_interface *xc_handle, unsigned long low, unsigned long high,
                     char *scontext);
int xc_flask_add_device(xc_interface *xc_handle, unsigned long device, char *scontext);
int xc_flask_del_pirq(xc_interface *xc_handle, unsigned int pirq);
int xc_flask_del_ioport(xc_interface *xc_handle, unsigned long low, unsigned long high);
int xc_flask_del_iomem(xc_interface *xc_handle, unsigned long low, unsigned long high);
int xc_flask_del_device(xc_interface *xc_handle, unsigned long device);

/*
 * xc_flask_access - whether context scon may do req (permission bits of
 * class tclass) on context tcon.  Both contexts are looked up first (and
 * fail as xc_flask_context_to_sid).  When Xen answers, what it allowed,
 * its audit masks and the policy's sequence number go to the pointers
 * given, and *decided becomes all ones.  Returns 0, -EPERM (errno not
 * set) when not all of req is allowed, or -1 with errno set (EINVAL for
 * a NULL context).
 */
int xc_flask_access(xc_interface *xc_handle, const char *scon, const char *tcon,
                  uint16_t tclass, uint32_t req,
                  uint32_t *allowed, uint32_t *decided,
                  uint32_t *auditallow, uint32_t *auditdeny,
                  uint32_t *seqno);

/*
 * xc_flask_avc_cachestats - the access vector cache's counters as text
 * into buf (at most size bytes): a heading line, then a line per CPU
 * while there is room.  0 when there was no room for the heading (Xen
 * not asked) or the CPUs ran out; -1 with errno set when Xen refused
 * (the heading is in buf then).  EINVAL for a negative size or a NULL buf
 * with room.
 */
int xc_flask_avc_cachestats(xc_interface *xc_handle, char *buf, int size);

/* xc_flask_policyvers - the version of the loaded policy's format. */
int xc_flask_policyvers(xc_interface *xc_handle);

/* xc_flask_avc_hashstats - the cache's hash table (entries, buckets
 * used, longest chain) as text into buf (at most size bytes), written
 * also when Xen refused (zeros then); Xen's answer (0 or -1). */
int xc_flask_avc_hashstats(xc_interface *xc_handle, char *buf, int size);

/* xc_flask_getavc_threshold, xc_flask_setavc_threshold - the number of
 * cache entries above which FLASK reclaims some: returned, or set. */
int xc_flask_getavc_threshold(xc_interface *xc_handle);
int xc_flask_setavc_threshold(xc_interface *xc_handle, int threshold);

/* -------------------------------------------------------------- PSR
 * Intel's cache monitoring (CMT) and cache / memory bandwidth
 * allocation (CAT, MBA).  Each returns 0, or -1 with errno set: Xen's
 * ENODEV (or EOPNOTSUPP) on a CPU without the feature, ESRCH for no such
 * domain; EINVAL for a NULL pointer or unknown type. */
#if defined(__i386__) || defined(__x86_64__)
enum xc_psr_cmt_type {
    XC_PSR_CMT_L3_OCCUPANCY,
    XC_PSR_CMT_TOTAL_MEM_COUNT,
    XC_PSR_CMT_LOCAL_MEM_COUNT,
};
typedef enum xc_psr_cmt_type xc_psr_cmt_type;

enum xc_psr_type {
    XC_PSR_CAT_L3_CBM      = 1,
    XC_PSR_CAT_L3_CBM_CODE = 2,
    XC_PSR_CAT_L3_CBM_DATA = 3,
    XC_PSR_CAT_L2_CBM      = 4,
    XC_PSR_MBA_THRTL       = 5,
};
typedef enum xc_psr_type xc_psr_type;

enum xc_psr_feat_type {
    XC_PSR_CAT_L3,
    XC_PSR_CAT_L2,
    XC_PSR_MBA,
};
typedef enum xc_psr_feat_type xc_psr_feat_type;

/* What xc_psr_get_hw_info() reports of a feature (cat for L3 and L2). */
union xc_psr_hw_info {
    struct {
        uint32_t cos_max;
        uint32_t cbm_len;
        bool     cdp_enabled;
    } cat;

    struct {
        uint32_t cos_max;
        uint32_t thrtl_max;
        bool     linear;
    } mba;
};
typedef union xc_psr_hw_info xc_psr_hw_info;

/* Start or stop monitoring domain domid (Xen gives it an RMID). */
int xc_psr_cmt_attach(xc_interface *xch, uint32_t domid);
int xc_psr_cmt_detach(xc_interface *xch, uint32_t domid);

/* The RMID of domain domid into *rmid (0: not monitored). */
int xc_psr_cmt_get_domain_rmid(xc_interface *xch, uint32_t domid,
                               uint32_t *rmid);

/* Host-wide figures: the number of RMIDs, the factor from counter to
 * bytes, the events supported (bit n: event n + 1), and the L3 cache
 * size (KiB) of CPU cpu's socket.  All but the event mask are asked once
 * per process. */
int xc_psr_cmt_get_total_rmid(xc_interface *xch, uint32_t *total_rmid);
int xc_psr_cmt_get_l3_upscaling_factor(xc_interface *xch,
                                       uint32_t *upscaling_factor);
int xc_psr_cmt_get_l3_event_mask(xc_interface *xch, uint32_t *event_mask);
int xc_psr_cmt_get_l3_cache_size(xc_interface *xch, uint32_t cpu,
                                 uint32_t *l3_cache_size);

/*
 * xc_psr_cmt_get_data - reads event type's counter for RMID rmid on CPU
 * cpu's socket into *monitor_data and, when tsc is not NULL, the time
 * (ns) it was read into *tsc.  -1 with errno when Xen refuses the
 * counter's MSRs (e.g. EPERM without CMT) or the counter is invalid (EIO).
 */
int xc_psr_cmt_get_data(xc_interface *xch, uint32_t rmid, uint32_t cpu,
                        xc_psr_cmt_type type, uint64_t *monitor_data,
                        uint64_t *tsc);

/* xc_psr_cmt_enabled - 1 when Xen monitors caches, 0 when not or when it
 * cannot tell (never -1; a positive answer is kept for the process). */
int xc_psr_cmt_enabled(xc_interface *xch);

/* The allocation type of domain domid on socket target: its cache bit
 * mask (CAT) or throttle (MBA), set from data or got into *data. */
int xc_psr_set_domain_data(xc_interface *xch, uint32_t domid,
                           xc_psr_type type, uint32_t target,
                           uint64_t data);
int xc_psr_get_domain_data(xc_interface *xch, uint32_t domid,
                           xc_psr_type type, uint32_t target,
                           uint64_t *data);

/* xc_psr_get_hw_info - what feature type offers on socket socket, into
 * *hw_info (EOPNOTSUPP for an unknown type). */
int xc_psr_get_hw_info(xc_interface *xch, uint32_t socket,
                       xc_psr_feat_type type, xc_psr_hw_info *hw_info);
#endif

/* ---------------------------------------------- device assignment
 * Each returns 0, or -1 with errno set: Xen's EOPNOTSUPP
 * when the domain has no IOMMU context (Xen without an IOMMU, or a
 * domain created without passthrough), ENODEV for no such device, EBUSY
 * for one another domain has.  machine_sbdf: segment << 16 | bus << 8 |
 * devfn. */

/* xc_assign_device - gives PCI device machine_sbdf to domain domid
 * (flag: XEN_DOMCTL_DEV_RDM_RELAXED to accept reserved memory clashes). */
int xc_assign_device(xc_interface *xch,
                     uint32_t domid,
                     uint32_t machine_sbdf,
                     uint32_t flag);

/* xc_test_assign_device - 0 when device machine_sbdf could be assigned
 * to domid (it is free), -1 with errno when not. */
int xc_test_assign_device(xc_interface *xch,
                          uint32_t domid,
                          uint32_t machine_sbdf);

/* xc_deassign_device - takes PCI device machine_sbdf back from domid. */
int xc_deassign_device(xc_interface *xch,
                     uint32_t domid,
                     uint32_t machine_sbdf);

/* xc_assign_dt_device - gives the device-tree node at path (Arm; Xen on
 * x86 refuses) to domain domid. */
int xc_assign_dt_device(xc_interface *xch,
                        uint32_t domid,
                        char *path);

/* xc_test_assign_dt_device - 0 when the node at path could be assigned
 * to domid; xc_deassign_dt_device - takes it back (both Arm's). */
int xc_test_assign_dt_device(xc_interface *xch,
                             uint32_t domid,
                             char *path);
int xc_deassign_dt_device(xc_interface *xch,
                          uint32_t domid,
                          char *path);

/* xc_get_device_group - the machine SBDFs of the PCI devices that must
 * be assigned together with machine_sbdf (they share its IOMMU context),
 * at most max_sdevs into sdev_array; *num_sdevs becomes how many Xen
 * wrote (0 when it refused).  EINVAL for a NULL num_sdevs; Xen's
 * EOPNOTSUPP for a domid without an IOMMU, EFAULT when the group does
 * not fit. */
int xc_get_device_group(xc_interface *xch,
                     uint32_t domid,
                     uint32_t machine_sbdf,
                     uint32_t max_sdevs,
                     uint32_t *num_sdevs,
                     uint32_t *sdev_array);

/* ------------------------------------------------- power management
 * P-states (cpufreq) and C-states (cpuidle) of physical CPU cpuid, the
 * cpufreq governor, turbo mode and the idle limits.  Each returns 0, or
 * -1 with errno set: EINVAL for a CPU that is not online (or a NULL
 * pointer).  Without a cpufreq driver (dom0 gave Xen no P-states, as
 * under QEMU) Xen refuses the P-state statistics with ENODEV, the
 * cpufreq calls with EINVAL (no policy) and turbo mode with EACCES; the
 * C-state statistics (ENODEV when Xen's cpuidle is off) and the limits
 * work without one. */

/* One P-state: its frequency (MHz), the time spent in it and how often
 * it was entered. */
struct xc_px_val {
    uint64_t freq;
    uint64_t residency;
    uint64_t count;
};

/* The P-states of a CPU: how many there are and may be used, the
 * current and previous one, and the caller's arrays (see
 * xc_pm_get_pxstat()). */
struct xc_px_stat {
    uint8_t total;
    uint8_t usable;
    uint8_t last;
    uint8_t cur;
    uint64_t *trans_pt;         /* [from * total + to]: transitions */
    struct xc_px_val *pt;       /* [state] */
};

/* xc_pm_get_max_px - the number of P-states of CPU cpuid into *max_px
 * (written only on success). */
int xc_pm_get_max_px(xc_interface *xch, int cpuid, int *max_px);

/* xc_pm_get_pxstat - the P-state statistics of CPU cpuid: the caller's
 * arrays trans_pt (max_px * max_px transition counts) and pt (max_px
 * values), max_px as xc_pm_get_max_px() gives it, and the counts and
 * current and last states into *pxpt.  NULL arrays: EINVAL; ENODATA when
 * Xen keeps no statistics for the CPU. */
int xc_pm_get_pxstat(xc_interface *xch, int cpuid, struct xc_px_stat *pxpt);

/* xc_pm_reset_pxstat - clears the P-state statistics of CPU cpuid. */
int xc_pm_reset_pxstat(xc_interface *xch, int cpuid);

/* The C-states of a CPU (see xc_pm_get_cxstat()): counts of the
 * caller's arrays in, of what Xen filled out. */
struct xc_cx_stat {
    uint32_t nr;                /* triggers[] and residencies[], C0 first */
    uint32_t last;              /* the state last entered */
    uint64_t idle_time;         /* ns idle since boot */
    uint64_t *triggers;
    uint64_t *residencies;
    uint32_t nr_pc;             /* pc[] */
    uint32_t nr_cc;             /* cc[] */
    uint64_t *pc;               /* package C1, C2...: [0] is C1 */
    uint64_t *cc;               /* core C1, C2...: [0] is C1 */
};
typedef struct xc_cx_stat xc_cx_stat_t;

/* xc_pm_get_max_cx - the number of C-states of CPU cpuid, C0 included,
 * into *max_cx (written only on success). */
int xc_pm_get_max_cx(xc_interface *xch, int cpuid, int *max_cx);

/* xc_pm_get_cxstat - the C-state statistics of CPU cpuid: trigger counts
 * and residencies (ns) into the caller's triggers and residencies (nr
 * entries each), package and core residencies into pc (nr_pc) and cc
 * (nr_cc; Xen leaves slots without a hardware counter as they were), the
 * last state and the idle time (ns) into *cxpt, and the counts it filled
 * into nr, nr_pc and nr_cc. */
int xc_pm_get_cxstat(xc_interface *xch, int cpuid, struct xc_cx_stat *cxpt);

/* xc_pm_reset_cxstat - clears the C-state statistics of CPU cpuid. */
int xc_pm_reset_cxstat(xc_interface *xch, int cpuid);

/* A CPU's cpufreq policy, its fields named as Linux's cpufreq files in
 * sysfs; u holds the parameters of the userspace or ondemand governor. */
typedef struct xen_userspace xc_userspace_t;
typedef struct xen_ondemand xc_ondemand_t;

struct xc_get_cpufreq_para {
    /* the arrays' lengths: in, and out on -EAGAIN */
    uint32_t cpu_num;
    uint32_t freq_num;
    uint32_t gov_num;

    /* out, whatever the governor */
    uint32_t *affected_cpus;
    uint32_t *scaling_available_frequencies;
    char     *scaling_available_governors;
    char scaling_driver[CPUFREQ_NAME_LEN];

    uint32_t cpuinfo_cur_freq;
    uint32_t cpuinfo_max_freq;
    uint32_t cpuinfo_min_freq;
    uint32_t scaling_cur_freq;

    char scaling_governor[CPUFREQ_NAME_LEN];
    uint32_t scaling_max_freq;
    uint32_t scaling_min_freq;

    /* the governor's own */
    union {
        xc_userspace_t userspace;
        xc_ondemand_t ondemand;
    } u;

    int32_t turbo_enabled;      /* 1 on, 0 off or none */
};

/*
 * xc_get_cpufreq_para - the cpufreq parameters of CPU cpuid into
 * *user_para: the CPUs sharing its policy into affected_cpus (cpu_num
 * entries), its frequencies (kHz) into scaling_available_frequencies
 * (freq_num), the governors' names into scaling_available_governors
 * (gov_num * CPUFREQ_NAME_LEN bytes), and the rest of the struct.  The
 * counts must be exactly Xen's: when they are not (0 to start with),
 * Xen's counts are written into cpu_num, freq_num and gov_num and the
 * call returns -EAGAIN (not -1) with errno EAGAIN, to be called again
 * with arrays that size.  All three counts nonzero and an array NULL:
 * -1 with errno EINVAL.
 */
int xc_get_cpufreq_para(xc_interface *xch, int cpuid,
                        struct xc_get_cpufreq_para *user_para);

/* xc_set_cpufreq_gov - gives CPU cpuid's policy governor govname (at most
 * CPUFREQ_NAME_LEN - 1 characters are used): EINVAL for a governor Xen
 * does not have. */
int xc_set_cpufreq_gov(xc_interface *xch, int cpuid, char *govname);

/* xc_set_cpufreq_para - sets one parameter of CPU cpuid's policy:
 * ctrl_type SCALING_MAX_FREQ, SCALING_MIN_FREQ (kHz), SCALING_SETSPEED
 * (userspace governor), SAMPLING_RATE or UP_THRESHOLD (ondemand governor)
 * to ctrl_value; EINVAL for another type or governor. */
int xc_set_cpufreq_para(xc_interface *xch, int cpuid,
                        int ctrl_type, int ctrl_value);

/* xc_get_cpufreq_avgfreq - the average frequency (kHz) of CPU cpuid since
 * the last call into *avg_freq, written also when Xen refuses (0 then). */
int xc_get_cpufreq_avgfreq(xc_interface *xch, int cpuid, int *avg_freq);

/* xc_set_sched_opt_smt - the scheduler's SMT power saving (its
 * sched_smt_power_savings) on (value nonzero) or off. */
int xc_set_sched_opt_smt(xc_interface *xch, uint32_t value);

/* xc_get_cpuidle_max_cstate, xc_get_cpuidle_max_csubstate - the deepest
 * C-state (sub-state) Xen lets CPUs enter into *value,
 * XEN_SYSCTL_CX_UNLIMITED for no limit; *value is written also when Xen
 * refuses (0 then). */
int xc_get_cpuidle_max_cstate(xc_interface *xch, uint32_t *value);
int xc_get_cpuidle_max_csubstate(xc_interface *xch, uint32_t *value);

/* xc_set_cpuidle_max_cstate, xc_set_cpuidle_max_csubstate - sets that
 * limit to value (XEN_SYSCTL_CX_UNLIMITED: none); works without a
 * cpuidle driver. */
int xc_set_cpuidle_max_cstate(xc_interface *xch, uint32_t value);
int xc_set_cpuidle_max_csubstate(xc_interface *xch, uint32_t value);

/* xc_enable_turbo, xc_disable_turbo - turbo mode of CPU cpuid's cpufreq
 * policy on or off (EACCES without a policy, EOPNOTSUPP when the CPU has
 * no turbo mode). */
int xc_enable_turbo(xc_interface *xch, int cpuid);
int xc_disable_turbo(xc_interface *xch, int cpuid);

/* ------------------------------------------------------ CPU hotplug
 * Xen does the work on CPU 0 (and tries once more itself when a CPU is
 * busy); CPU 0 itself cannot go offline.  Each returns 0, or -1 with
 * errno set: EEXIST for a CPU already in the state asked for, EINVAL for
 * one that does not exist, EBUSY when Xen cannot take it away now,
 * EOPNOTSUPP for the SMT calls on a host without SMT threads. */

/* xc_cpu_online - brings physical CPU cpu online; it joins Pool-0. */
int xc_cpu_online(xc_interface *xch, int cpu);

/* xc_cpu_offline - takes physical CPU cpu offline. */
int xc_cpu_offline(xc_interface *xch, int cpu);

/* xc_smt_enable, xc_smt_disable - brings online or takes offline every
 * CPU that is a secondary thread of its core. */
int xc_smt_enable(xc_interface *xch);
int xc_smt_disable(xc_interface *xch);

/* ----------------------------------------------------------- altp2m
 * Alternate p2m views of an HVM domain (hvm_op HVMOP_altp2m): views a
 * domain's vCPUs switch between, each with access rights and gfn
 * remappings of its own; view 0 is the host p2m.  Xen supports them on
 * Intel EPT only: elsewhere (AMD) every call fails with EOPNOTSUPP, for
 * any domain or none, even once HVM_PARAM_ALTP2M (set once only) asks
 * for a mode.  With EPT: EINVAL for a domain without altp2m enabled or a
 * bad view, ESRCH for no such domain.  Outputs are written only on
 * success; a NULL output pointer is EINVAL. */

/* xc_altp2m_get_domain_state, xc_altp2m_set_domain_state - whether
 * altp2m is active for dom (*state), or activates/deactivates it. */
int xc_altp2m_get_domain_state(xc_interface *handle, uint32_t dom, bool *state);
int xc_altp2m_set_domain_state(xc_interface *handle, uint32_t dom, bool state);
/* #VE notifications of vcpuid into its info page at gfn, or no more. */
int xc_altp2m_set_vcpu_enable_notify(xc_interface *handle, uint32_t domid,
                                     uint32_t vcpuid, xen_pfn_t gfn);
int xc_altp2m_set_vcpu_disable_notify(xc_interface *handle, uint32_t domid,
                                      uint32_t vcpuid);
/* A new view whose pages get default_access: its index into *view_id;
 * destroy it again. */
int xc_altp2m_create_view(xc_interface *handle, uint32_t domid,
                          xenmem_access_t default_access, uint16_t *view_id);
int xc_altp2m_destroy_view(xc_interface *handle, uint32_t domid,
                           uint16_t view_id);
/* Switch all vCPUs of the domain to view_id. */
int xc_altp2m_switch_to_view(xc_interface *handle, uint32_t domid,
                             uint16_t view_id);
/* The "suppress #VE" bit of gfn in view_id, set (sve) or read (*sve). */
int xc_altp2m_set_suppress_ve(xc_interface *handle, uint32_t domid,
                              uint16_t view_id, xen_pfn_t gfn, bool sve);
/* The same for gfns first_gfn..last_gfn: Xen goes on past a failing gfn;
 * the first one and its error code are written to *error_gfn and
 * *error_code (left alone when none failed), whatever is returned. */
int xc_altp2m_set_supress_ve_multi(xc_interface *handle, uint32_t domid,
                                   uint16_t view_id, xen_pfn_t first_gfn,
                                   xen_pfn_t last_gfn, bool sve,
                                   xen_pfn_t *error_gfn, int32_t *error_code);
int xc_altp2m_get_suppress_ve(xc_interface *handle, uint32_t domid,
                              uint16_t view_id, xen_pfn_t gfn, bool *sve);
/* The access rights of gfn in view_id; of the nr gfns[i], access[i]
 * (NULL arrays with nr > 0: EINVAL); read into *access. */
int xc_altp2m_set_mem_access(xc_interface *handle, uint32_t domid,
                             uint16_t view_id, xen_pfn_t gfn,
                             xenmem_access_t access);
int xc_altp2m_set_mem_access_multi(xc_interface *handle, uint32_t domid,
                                   uint16_t view_id, uint8_t *access,
                                   uint64_t *gfns, uint32_t nr);
int xc_altp2m_get_mem_access(xc_interface *handle, uint32_t domid,
                             uint16_t view_id, xen_pfn_t gfn,
                             xenmem_access_t *access);
/* In view_id, old_gfn shows the frame of new_gfn (new_gfn INVALID_GFN:
 * back to its own). */
int xc_altp2m_change_gfn(xc_interface *handle, uint32_t domid,
                         uint16_t view_id, xen_pfn_t old_gfn,
                         xen_pfn_t new_gfn);
/* The view vcpuid is in, into *p2midx. */
int xc_altp2m_get_vcpu_p2m_idx(xc_interface *handle, uint32_t domid,
                               uint32_t vcpuid, uint16_t *p2midx);
/* Whether view_id may be switched to (xc_altp2m_switch_to_view, and the
 * guest's vmfunc; a guest in mixed mode may change this itself). */
int xc_altp2m_set_visibility(xc_interface *handle, uint32_t domid,
                             uint16_t view_id, bool visible);

/* ---------------------------------------------------- memory paging
 * Pages of an HVM (HAP) domain moved out to a pager and back (domctl
 * vm_event_op on the paging ring, memory_op XENMEM_paging_op).  Xen built
 * without paging (Debian's: CONFIG_MEM_PAGING off) refuses the ring
 * calls on an HVM domain and every page call: ENOSYS; the ring calls are
 * EINVAL for a PV domain, ESRCH for no such domain. */

/* xc_mem_paging_enable - sets up the paging ring of domain_id (its page
 * at HVM_PARAM_PAGING_RING_PFN); the event channel port the pager binds
 * to is written to *port (NULL: EINVAL). */
int xc_mem_paging_enable(xc_interface *xch, uint32_t domain_id, uint32_t *port);
/* Takes the ring down; tells Xen the pager answered requests on it. */
int xc_mem_paging_disable(xc_interface *xch, uint32_t domain_id);
int xc_mem_paging_resume(xc_interface *xch, uint32_t domain_id);
/* Marks gfn to be paged out; drops its frame once nominated (evict). */
int xc_mem_paging_nominate(xc_interface *xch, uint32_t domain_id,
                           uint64_t gfn);
int xc_mem_paging_evict(xc_interface *xch, uint32_t domain_id, uint64_t gfn);
/* Gives gfn a frame again; the same filled from buffer, a page (NULL:
 * EINVAL). */
int xc_mem_paging_prep(xc_interface *xch, uint32_t domain_id, uint64_t gfn);
int xc_mem_paging_load(xc_interface *xch, uint32_t domain_id,
                       uint64_t gfn, void *buffer);

/* --------------------------------------------------- memory sharing
 * Pages of x86 HAP domains shared copy-on-write between domains.  Xen
 * built without it (Debian's) refuses: ENOSYS.  With it: ENODEV for a
 * domain without HAP, ESRCH for no such domain, EPERM for a caller not
 * allowed to. */

/* xc_memshr_control - turn sharing on (enable nonzero: its low byte
 * counts) or off for domid; EXDEV when enabling for a domain with a
 * passed-through device.  Pages shared already stay so until written. */
int xc_memshr_control(xc_interface *xch,
                      uint32_t domid,
                      int enable);

/* xc_memshr_ring_enable - set up domid's ring for failed unshares (a gfn
 * given by HVM_PARAM_SHARING_RING_PFN), whose event channel goes to
 * *port (EINVAL for a NULL port); xc_memshr_ring_disable - take it down;
 * xc_memshr_domain_resume - let Xen read the ring's responses.  These
 * go through the vm_event domctl, which refuses a domain without vCPUs
 * with EINVAL before looking at sharing. */
int xc_memshr_ring_enable(xc_interface *xch,
                          uint32_t domid,
                          uint32_t *port);
int xc_memshr_ring_disable(xc_interface *xch,
                           uint32_t domid);
int xc_memshr_domain_resume(xc_interface *xch,
                            uint32_t domid);

/*
 * The page operations (memory_op XENMEM_sharing_op); EINVAL where sharing
 * is not on for a domain.  xc_memshr_nominate_gfn, xc_memshr_nominate_gref
 * - offer a page (by gfn, or by a grant reference of domid's) for
 * sharing: its handle into *handle (EINVAL for a NULL one), made invalid
 * by a write to the page.
 */
int xc_memshr_nominate_gfn(xc_interface *xch,
                           uint32_t domid,
                           unsigned long gfn,
                           uint64_t *handle);
int xc_memshr_nominate_gref(xc_interface *xch,
                            uint32_t domid,
                            grant_ref_t gref,
                            uint64_t *handle);

/* xc_memshr_share_gfns, xc_memshr_share_grefs - back two nominated pages
 * by one frame, the source's (the client's handle goes invalid); errno
 * 10 or 9 for an invalid source or client handle. */
int xc_memshr_share_gfns(xc_interface *xch,
                    uint32_t source_domain,
                    unsigned long source_gfn,
                    uint64_t source_handle,
                    uint32_t client_domain,
                    unsigned long client_gfn,
                    uint64_t client_handle);
int xc_memshr_share_grefs(xc_interface *xch,
                    uint32_t source_domain,
                    grant_ref_t source_gref,
                    uint64_t source_handle,
                    uint32_t client_domain,
                    grant_ref_t client_gref,
                    uint64_t client_handle);

/* xc_memshr_add_to_physmap - put a nominated source page at client_gfn
 * of client_domain, shared. */
int xc_memshr_add_to_physmap(xc_interface *xch,
                    uint32_t source_domain,
                    unsigned long source_gfn,
                    uint64_t source_handle,
                    uint32_t client_domain,
                    unsigned long client_gfn);

/* xc_memshr_range_share - share every page of first_gfn .. last_gfn
 * whose contents are equal in both domains. */
int xc_memshr_range_share(xc_interface *xch,
                          uint32_t source_domain,
                          uint32_t client_domain,
                          uint64_t first_gfn,
                          uint64_t last_gfn);

/* xc_memshr_fork - make client_domain, just created, a fork of paused
 * source_domain sharing its memory; xc_memshr_fork_reset - put a fork's
 * vCPU state and/or memory back as the parent's. */
int xc_memshr_fork(xc_interface *xch,
                   uint32_t source_domain,
                   uint32_t client_domain,
                   bool allow_with_iommu,
                   bool block_interrupts);
int xc_memshr_fork_reset(xc_interface *xch, uint32_t forked_domain,
                         bool reset_state, bool reset_memory);

/* xc_memshr_debug_gfn, xc_memshr_debug_gref - how many pages share the
 * frame behind a gfn or grant reference of domid (EINVAL: none). */
int xc_memshr_debug_gfn(xc_interface *xch,
                        uint32_t domid,
                        unsigned long gfn);
int xc_memshr_debug_gref(xc_interface *xch,
                         uint32_t domid,
                         grant_ref_t gref);

/* xc_memshr_audit - check Xen's sharing state: the number of errors
 * found (0), or -1 with errno set. */
int xc_memshr_audit(xc_interface *xch);

/* --------------------------------------------------- machine checks
 * The x86 mca hypercall.  Each returns Xen's answer (0 for most
 * commands), or -1 with errno set: EINVAL for a NULL handle or pointer;
 * Xen's EACCES for a wrong interface version, EINVAL for an unknown
 * command, ENODEV when the CPUs have no machine check banks. */
#if defined(__i386__) || defined(__x86_64__)
/*
 * xc_mca_op - the mca command mc->cmd, its arguments and results in *mc,
 * which is copied to Xen and back as it is: the caller sets
 * mc->interface_version to XEN_MCA_INTERFACE_VERSION (upstream's library
 * writes it only after copying *mc for Xen, so Xen sees the caller's
 * version there too).  XEN_MC_physcpuinfo with a NULL info handle gives
 * the number of online CPUs in ncpus; XEN_MC_fetch consumes the
 * telemetry it returns.
 */
int xc_mca_op(xc_interface *xch, struct xen_mc *mc);

/*
 * xc_mca_op_inject_v2 - makes Xen raise a machine check (flags
 * XEN_MC_INJECT_TYPE_MCE, _CMCI or _LMCE) on the CPUs of cpumap, nr_cpus
 * bits (NULL: none), or on every online CPU with
 * XEN_MC_INJECT_CPU_BROADCAST: for testing error handling, it may bring
 * the host down.  EINVAL for a map of 0 CPUs; Xen's EINVAL for a map with
 * no online CPU or an unknown type, ENOENT for a CPU without banks.
 */
int xc_mca_op_inject_v2(xc_interface *xch, unsigned int flags,
                        xc_cpumap_t cpumap, unsigned int nr_cpus);
#endif

/* -------------------------------------------------------- microcode */

/*
 * xc_microcode_update - gives Xen the microcode blob of len bytes at buf
 * (a container file as the vendor ships it); Xen applies the newest
 * update in it that fits the CPUs, on every CPU.  0, or -1 with errno
 * set: EINVAL for a NULL handle, a NULL buf with len > 0 or len above
 * 32 bits; Xen's EINVAL when it cannot load microcode on these CPUs or
 * the blob does not parse (garbage: EINVAL), ENOENT when nothing in it
 * fits or is newer, EBUSY while CPUs go online or offline.
 */
int xc_microcode_update(xc_interface *xch, const void *buf, size_t len);

/* -------------------------------------------------- resource access */

typedef xenpf_resource_entry_t xc_resource_entry_t;

/*
 * A batch of resource accesses (entries: u.cmd XEN_RESOURCE_OP_MSR_READ
 * or _WRITE of MSR idx, val in or out) that Xen runs on CPU cpu, one
 * after the other with interrupts off, stopping at the first that fails
 * (its u.ret then holds the error, negative).  Xen allows only some
 * MSRs (the TSC, whose read gives Xen's scaled system time in ns, and
 * the cache monitoring MSRs where supported): others fail with -EPERM,
 * an unknown command with -EOPNOTSUPP, an MSR above 32 bits or a
 * nonzero rsvd with -EINVAL.
 */
struct xc_resource_op {
    uint64_t result;        /* on return, check this field first */
    uint32_t cpu;           /* which cpu to run */
    uint32_t nr_entries;    /* number of resource entries */
    xc_resource_entry_t *entries;
};

typedef struct xc_resource_op xc_resource_op_t;

/*
 * xc_resource_op - runs the nr_ops batches of ops.  Each batch's result
 * is the number of its entries done, or a negative error of the whole
 * batch (-ENODEV: CPU offline, -EINVAL: too many entries): for one
 * batch what the call returns (-1, all ones, on failure, errno set);
 * for several, sent as one multicall, Xen's answer for each.  Returns
 * the one batch's result, or for several 0 (-1 with errno set when the
 * multicall itself failed).  EINVAL for a NULL handle or ops, nr_ops 0,
 * or NULL entries with nr_entries > 0.
 */
int xc_resource_op(xc_interface *xch, uint32_t nr_ops, xc_resource_op_t *ops);

/* --------------------------------------------------- live patching
 * Payloads (ELF objects built against this very Xen) patch the running
 * hypervisor.  Each call returns 0, or -1 with errno set: EINVAL for a
 * NULL handle, NULL pointer or a name above XEN_LIVEPATCH_NAME_SIZE
 * bytes with its NUL; Xen's ENOSYS when built without live patching,
 * ENOENT for no payload of that name, EEXIST for a name taken, EINVAL
 * for a payload Xen cannot load, EBUSY while another action runs. */

/* xc_livepatch_upload - uploads payload (size bytes) as name: checked
 * and loaded, not applied. */
int xc_livepatch_upload(xc_interface *xch,
                        char *name, unsigned char *payload, uint32_t size);

/* xc_livepatch_get - the state (LIVEPATCH_STATE_*) and last action's
 * rc of payload name into *status, which is written also on failure
 * (zeros where Xen wrote nothing). */
int xc_livepatch_get(xc_interface *xch,
                     char *name,
                     xen_livepatch_status_t *status);

/*
 * xc_livepatch_list_get_sizes - the number of payloads into *nr and the
 * total sizes of their names (NULs included) and metadata into
 * *name_total_size and *metadata_total_size: what xc_livepatch_list()
 * needs allocated.
 */
int xc_livepatch_list_get_sizes(xc_interface *xch, unsigned int *nr,
                                uint32_t *name_total_size,
                                uint32_t *metadata_total_size);

/*
 * xc_livepatch_list - up to max payloads from index start: their states
 * into info[], their names one after the other into name (each's length
 * into len[]), their metadata likewise into metadata and metadata_len[],
 * the arrays holding max entries and the total sizes that
 * xc_livepatch_list_get_sizes() gave.  *done gets the number of entries
 * filled, *left the number of payloads after them.  Xen is asked in
 * batches (halved while it answers E2BIG; a later batch asks from index
 * *done, not start + *done, as upstream does); when the payloads change
 * meanwhile the count restarts, at most 4 times (then EBUSY).  Returns
 * 0, not the count; -1 with errno set (ENOENT for name_total_size 0,
 * EINVAL for max 0 or a NULL pointer, EOVERFLOW for more entries than
 * asked), with *done and *left those of the batches before.
 */
int xc_livepatch_list(xc_interface *xch, const unsigned int max,
                      const unsigned int start,
                      struct xen_livepatch_status *info,
                      char *name, uint32_t *len,
                      const uint32_t name_total_size,
                      char *metadata, uint32_t *metadata_len,
                      const uint32_t metadata_total_size,
                      unsigned int *done, unsigned int *left);

/*
 * xc_livepatch_apply, _revert, _unload, _replace - asks Xen to apply
 * payload name, revert it, unload it (not applied) or apply it in place
 * of every applied one, within timeout ns (0: Xen's default); flags:
 * LIVEPATCH_ACTION_APPLY_NODEPS to skip the build-id dependency check.
 * The action completes asynchronously: xc_livepatch_get() tells.
 */
int xc_livepatch_apply(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags);
int xc_livepatch_revert(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags);
int xc_livepatch_unload(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags);
int xc_livepatch_replace(xc_interface *xch, char *name, uint32_t timeout, uint32_t flags);

/* ---------------------------------------------------- trace buffers
 * Xen's per-CPU trace buffers, which xentrace maps and reads.  Their size
 * is set once per boot (Xen's tbuf_size= option or xc_tbuf_set_size),
 * and setting it allocates them and turns tracing on.  Each returns 0, or
 * -1 with errno set. */

/* xc_tbuf_set_size - allocates buffers of size pages per online CPU
 * (Xen's field is 32 bits: size is truncated to it; Xen may lower a huge
 * size).  EINVAL for 0 or, once buffers exist, another size; EBUSY for
 * the same size again; ENOMEM when Xen has not the memory. */
int xc_tbuf_set_size(xc_interface *xch, unsigned long size);

/* xc_tbuf_get_size - the pages of each CPU's buffer into *size (pages,
 * not bytes), read from the buffers' metadata page, which it maps:
 * EINVAL before there are buffers.  Xen shares that page read-only and
 * this asks for it writable, as upstream 4.17 does: Xen refuses that to
 * a PV dom0 (EBUSY), so there it always fails. */
int xc_tbuf_get_size(xc_interface *xch, unsigned long *size);

/* xc_tbuf_enable - allocates buffers of pages pages per CPU if none exist
 * (a refusal of that size is ignored), turns tracing on (EINVAL without
 * buffers) and gives the machine frame of the metadata page (struct
 * t_info of <xen/trace.h>, which lists each CPU's buffer frames) in *mfn
 * and the metadata's size in bytes in *size, for the caller to map
 * read-only from DOMID_XEN.  Returns 0 once tracing is on even if that
 * last query failed (then *mfn and *size are not written). */
int xc_tbuf_enable(xc_interface *xch, unsigned long pages,
                   unsigned long *mfn, unsigned long *size);

/* xc_tbuf_disable - turns tracing off (records stay in the buffers,
 * which are never freed); also without buffers. */
int xc_tbuf_disable(xc_interface *xch);

/* xc_tbuf_set_cpu_mask - trace only on the CPUs whose bits are set in
 * mask, a map of xc_get_cpumap_size() bytes (Xen reads xc_get_max_cpus()
 * bits of it). */
int xc_tbuf_set_cpu_mask(xc_interface *xch, xc_cpumap_t mask);

/* xc_tbuf_set_evt_mask - trace only the events of mask (TRC_* classes of
 * <xen/trace.h>: an event is traced when it shares a class bit and a
 * subclass bit with the mask; TRC_ALL, the default, is everything). */
int xc_tbuf_set_evt_mask(xc_interface *xch, uint32_t mask);

/* --------------------------------------------------- lock profiling
 * Counts and times of Xen's spinlocks.  Xen built without lock profiling
 * (Debian's) refuses each call: -1 with errno ENOSYS. */

typedef xen_sysctl_lockprof_data_t xc_lockprof_data_t;

/* xc_lockprof_reset - sets every lock's counts and times to zero. */
int xc_lockprof_reset(xc_interface *xch);

/* xc_lockprof_query_number - the number of profiled locks into *n_elems
 * (written also when Xen refuses: 0 then). */
int xc_lockprof_query_number(xc_interface *xch,
                             uint32_t *n_elems);

/* xc_lockprof_query - the records of up to *n_elems locks into data, a
 * hypercall buffer (HYPERCALL_BUFFER() of the caller's variable) of that
 * many xc_lockprof_data_t, or NULL; *n_elems becomes the number of locks
 * Xen has (more than were written when data was short; written also when
 * Xen refuses).  time is not written, as by upstream 4.17. */
int xc_lockprof_query(xc_interface *xch,
                      uint32_t *n_elems,
                      uint64_t *time,
                      xc_hypercall_buffer_t *data);

/* Upstream's compatibility calls (xc_evtchn_*, xc_gnttab_* and xc_gntshr_*
 * handles, device model calls, foreign mappings), each group declared only
 * for a program that asks for it by its XC_WANT_COMPAT_*_API macro. */
#include "xenctrl_compat.h"

#endif /* XENCTRL_H */
