/* SPDX-License-Identifier: MIT */
/* The dynamic loader's record of a program's libraries (ldrecord.h). */
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ldrecord.h"
#include "testlib.h"

#define INIT_MARK "calling init: "

/* The record's files, PREFIX.PID (one per process), in g. */
static bool record_files(const char *prefix, glob_t *g)
{
    char pattern[PATH_MAX];

    snprintf(pattern, sizeof(pattern), "%s.*", prefix);
    return glob(pattern, 0, NULL, g) == 0;
}

const char *t_ld_record_env(const char *prefix)
{
    static char words[PATH_MAX + 64];
    glob_t g;

    if (record_files(prefix, &g)) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            unlink(g.gl_pathv[i]);
        globfree(&g);
    }
    snprintf(words, sizeof(words), "LD_DEBUG=libs LD_DEBUG_OUTPUT=%s", prefix);
    return words;
}

/* Whether file path's name is soname, or starts with it. */
static bool names(const char *path, const char *soname)
{
    const char *base = strrchr(path, '/');

    return strncmp(base ? base + 1 : path, soname, strlen(soname)) == 0;
}

/* Appends " word" to the string list, as much as fits. */
static void append(char *list, size_t size, const char *word)
{
    size_t used = strlen(list);

    snprintf(list + used, size - used, " %s", word);
}

bool t_ld_record_check(const char *prefix, const char *libdir, const char *const want[],
                       const char *const unwanted[])
{
    char dir[PATH_MAX], line[PATH_MAX + 128], found[4096] = "", wanted[512] = "";
    int wanted_count[16] = { 0 }, bad = 0;
    size_t nr_want = 0;
    glob_t g;

    while (want[nr_want])
        nr_want++;
    if (!CHECKF(nr_want <= 16, "at most 16 wanted libraries") ||
        !CHECK_NE(realpath(libdir, dir), NULL) ||
        !CHECKF(record_files(prefix, &g), "the loader wrote no record at %s.*", prefix))
        return false;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "re");

        while (f && fgets(line, sizeof(line), f)) {
            char *path = strstr(line, INIT_MARK);
            bool from_libdir, listed = false;

            if (!path)
                continue;
            path += strlen(INIT_MARK);
            path[strcspn(path, "\n")] = '\0';
            if (!strstr(path, "/libxen"))
                continue;
            append(found, sizeof(found), path);
            from_libdir = strncmp(path, dir, strlen(dir)) == 0 && path[strlen(dir)] == '/';
            for (size_t w = 0; w < nr_want; w++)
                if (names(path, want[w])) {
                    wanted_count[w] += from_libdir;
                    bad += !from_libdir;
                    listed = true;
                }
            for (size_t u = 0; unwanted[u]; u++)
                if (names(path, unwanted[u])) {
                    bad++;
                    listed = true;
                }
            bad += !listed && !from_libdir;
        }
        if (f)
            fclose(f);
    }
    globfree(&g);
    for (size_t w = 0; w < nr_want; w++) {
        bad += wanted_count[w] != 1;
        append(wanted, sizeof(wanted), want[w]);
    }
    return CHECKF(bad == 0, "the loader initialised:%s; wanted once each from %s:%s",
                  *found ? found : " no libxen* library", dir, wanted);
}
