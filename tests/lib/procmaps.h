/* SPDX-License-Identifier: MIT */
/*
 * procmaps.h - what a process maps, read from /proc/PID/maps: the one
 * reader every test uses, and the questions the tests ask of it.
 * testlib.h includes it.
 */
#ifndef PROCMAPS_H
#define PROCMAPS_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * One mapping, a line of /proc/PID/maps:
 *
 *     start-end perms offset major:minor inode path
 *
 * path is the rest of the line without its newline: a file's absolute
 * path (with " (deleted)" after it when the file is gone), a name in
 * brackets such as "[heap]" or "[stack]", or "" for anonymous memory.
 * perms is the four letters, "r-xp" and the like.
 */
struct t_mapping {
    unsigned long start, end, offset, inode;
    char perms[5];
    const char *path;
};

/* A reading of one process's maps, for t_maps_open() and t_maps_next():
 * no memory is allocated for it but the stream's, so that what a test
 * counts of this process's own maps does not move. */
struct t_maps {
    FILE *f;
    char line[PATH_MAX + 128];
    struct t_mapping m;
};

/*
 * t_maps_open - starts reading the maps of process pid (0: this process,
 * /proc/self/maps).  Returns false, errno set, when they cannot be read;
 * nothing needs closing then.  Otherwise t_maps_next() gives the mappings
 * in order, and t_maps_close() ends the reading.
 *
 *     struct t_maps it;
 *     const struct t_mapping *m;
 *
 *     if (t_maps_open(&it, pid)) {
 *         while ((m = t_maps_next(&it)))
 *             ... m->path ...
 *         t_maps_close(&it);
 *     }
 */
bool t_maps_open(struct t_maps *it, pid_t pid);

/* t_maps_next - the next mapping, or NULL after the last.  What it points
 * to (path too) is overwritten by the next call.  A line that is not a
 * mapping's is passed over, and so is a path longer than PATH_MAX. */
const struct t_mapping *t_maps_next(struct t_maps *it);

/* t_maps_close - ends a reading that t_maps_open() started. */
void t_maps_close(struct t_maps *it);

/*
 * t_maps_containing - how many mappings of process pid (0: this process)
 * have text in their path: t_maps_containing(0, "/dev/xen/privcmd") counts
 * this process's mappings of the privcmd driver.  0 when the maps cannot
 * be read (see t_maps_open() to tell that apart).
 */
int t_maps_containing(pid_t pid, const char *text);

/*
 * t_rss_kb - how much of this process's memory is resident, in kB: the
 * Rss of /proc/self/smaps_rollup, which walks the page tables (VmRSS of
 * /proc/self/status is a per-thread count synced now and then, off by
 * hundreds of kB in a small process).  -1 when it cannot be read.
 */
long t_rss_kb(void);

/*
 * t_maps_from - where a process (pid, not necessarily this one) loaded
 * libraries from: each file named in the NULL-ended libs (a prefix such as
 * "libxengnttab.so", at most 16 of them) must be mapped, every mapping of
 * it from folder dir.  Returns NULL, or what is wrong (static storage).
 */
const char *t_maps_from(pid_t pid, const char *dir, const char *const libs[]);

/* t_maps_count - how many distinct files whose name starts with prefix
 * pid maps (at most 32 are told apart; 0 when its maps cannot be read). */
unsigned t_maps_count(pid_t pid, const char *prefix);

/*
 * t_mapped_bytes - how many bytes this process maps, but the heap and the
 * stack, which grow and shrink by themselves, and anonymous executable
 * memory: valgrind keeps the program's heap and its own there, growing it
 * whenever a call allocates, and no library maps executable memory.  Under
 * TSan (T_TOOL=tsan), whose runtime maps memory for itself as the program
 * runs, only mappings of devices count.  0 when the maps cannot be read.
 */
unsigned long t_mapped_bytes(void);

#endif /* PROCMAPS_H */
