/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procmaps.h"

bool t_maps_open(struct t_maps *it, pid_t pid)
{
    char path[64];

    if (pid)
        snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
    else
        snprintf(path, sizeof(path), "/proc/self/maps");
    it->f = fopen(path, "re");
    return it->f != NULL;
}

const struct t_mapping *t_maps_next(struct t_maps *it)
{
    struct t_mapping *m = &it->m;

    while (fgets(it->line, sizeof(it->line), it->f)) {
        size_t len = strlen(it->line);
        int path_at = -1;

        if (len > 0 && it->line[len - 1] == '\n') {
            it->line[len - 1] = '\0';
        } else if (!feof(it->f)) {
            /* Too long: the rest of it is passed over too. */
            int c;

            while ((c = getc(it->f)) != EOF && c != '\n')
                ;
            continue;
        }
        if (sscanf(it->line, "%lx-%lx %4s %lx %*x:%*x %lu %n", &m->start, &m->end, m->perms,
                   &m->offset, &m->inode, &path_at) < 5 || path_at < 0)
            continue;
        m->path = it->line + path_at;
        return m;
    }
    return NULL;
}

void t_maps_close(struct t_maps *it)
{
    fclose(it->f);
    it->f = NULL;
}

int t_maps_containing(pid_t pid, const char *text)
{
    struct t_maps it;
    const struct t_mapping *m;
    int n = 0;

    if (!t_maps_open(&it, pid))
        return 0;
    while ((m = t_maps_next(&it)))
        n += strstr(m->path, text) != NULL;
    t_maps_close(&it);
    return n;
}

long t_rss_kb(void)
{
    char line[128];
    long kb = -1;
    FILE *f = fopen("/proc/self/smaps_rollup", "re");

    while (f && kb < 0 && fgets(line, sizeof(line), f))
        sscanf(line, "Rss: %ld kB", &kb);
    if (f)
        fclose(f);
    return kb;
}

const char *t_maps_from(pid_t pid, const char *dir, const char *const libs[])
{
    static char complaint[PATH_MAX + 64];
    char want[PATH_MAX], got[PATH_MAX];
    unsigned seen[16] = { 0 };
    struct t_maps it;
    const struct t_mapping *m;

    if (!realpath(dir, want) || !t_maps_open(&it, pid)) {
        snprintf(complaint, sizeof(complaint), "cannot read /proc/%d/maps or find %s", (int)pid,
                 dir);
        return complaint;
    }
    complaint[0] = '\0';
    while ((m = t_maps_next(&it))) {
        const char *name = strrchr(m->path, '/');

        if (m->path[0] != '/')
            continue;
        name++;
        for (unsigned i = 0; libs[i] && i < sizeof(seen) / sizeof(seen[0]); i++) {
            if (strncmp(name, libs[i], strlen(libs[i])) != 0)
                continue;
            seen[i]++;
            if (!realpath(m->path, got) || strncmp(got, want, strlen(want)) != 0 ||
                got[strlen(want)] != '/')
                snprintf(complaint, sizeof(complaint), "%s is mapped", m->path);
        }
    }
    t_maps_close(&it);
    for (unsigned i = 0; !complaint[0] && libs[i] && i < sizeof(seen) / sizeof(seen[0]); i++)
        if (!seen[i])
            snprintf(complaint, sizeof(complaint), "no %s mapped", libs[i]);
    return complaint[0] ? complaint : NULL;
}

unsigned t_maps_count(pid_t pid, const char *prefix)
{
    char names[32][NAME_MAX + 1];
    unsigned n = 0;
    struct t_maps it;
    const struct t_mapping *m;

    if (!t_maps_open(&it, pid))
        return 0;
    while ((m = t_maps_next(&it))) {
        const char *name = strrchr(m->path, '/');
        unsigned i = 0;

        if (!name || strncmp(++name, prefix, strlen(prefix)) != 0)
            continue;
        while (i < n && strcmp(names[i], name) != 0)
            i++;
        if (i == n && n < sizeof(names) / sizeof(names[0]))
            snprintf(names[n++], sizeof(names[0]), "%s", name);
    }
    t_maps_close(&it);
    return n;
}

unsigned long t_mapped_bytes(void)
{
    const char *tool = getenv("T_TOOL");
    bool devices_only = tool && strcmp(tool, "tsan") == 0;
    unsigned long total = 0;
    struct t_maps it;
    const struct t_mapping *m;

    if (!t_maps_open(&it, 0))
        return 0;
    while ((m = t_maps_next(&it))) {
        if (strstr(m->path, "[heap]") || strstr(m->path, "[stack]"))
            continue;
        if (m->perms[2] == 'x' && m->inode == 0 && m->path[0] == '\0')
            continue;
        if (devices_only && strncmp(m->path, "/dev/", 5) != 0)
            continue;
        total += m->end - m->start;
    }
    t_maps_close(&it);
    return total;
}
