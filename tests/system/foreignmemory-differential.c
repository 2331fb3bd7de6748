/*
 * Differential test of libxenforeignmemory: tests/helpers/foreignmemory-diff,
 * built against upstream's header, runs once on our library and once on
 * upstream's (chosen by LD_LIBRARY_PATH) in this boot; every outcome it
 * reports must be the same on both, except the documented differences
 * below, which must come out exactly as documented.
 */
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenforeignmemory.h>

#include "testlib.h"

#define MAX_RESULTS 64

/* Where ours deliberately differs from upstream (see README.md). */
static const struct {
    const char *name, *ours, *upstream;
} differences[] = {
    /* Upstream munmap()s whatever it is given. */
    { "unmap an anonymous page the handle did not map", "-1 errno 22", "0 errno 0" },
};

struct run {
    int n;
    char name[MAX_RESULTS][512], value[MAX_RESULTS][512];
    bool loaded;            /* the helper proved which library it ran on */
    int status;
};

static void run_helper(const char *helper, const char *libdir, struct run *r)
{
    char cmd[PATH_MAX * 3], line[512];
    FILE *f;

    snprintf(cmd, sizeof(cmd), "LD_LIBRARY_PATH='%s' XENLIBS_EXPECT_LIBDIR='%s' exec '%s'",
             libdir, libdir, helper);
    fflush(stdout);
    f = popen(cmd, "r");
    r->n = 0;
    r->loaded = false;
    if (!f) {
        r->status = -1;
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        char *sep;

        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "PASS: loaded libxenforeignmemory.so.1", 37) == 0)
            r->loaded = true;
        if (strncmp(line, "R: ", 3) != 0 || !(sep = strstr(line + 3, ": ")) ||
            r->n == MAX_RESULTS)
            continue;
        *sep = '\0';
        snprintf(r->name[r->n], sizeof(r->name[0]), "%s", line + 3);
        snprintf(r->value[r->n], sizeof(r->value[0]), "%s", sep + 2);
        r->n++;
    }
    r->status = pclose(f);
}

static const char *value_of(const struct run *r, const char *name)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->name[i], name) == 0)
            return r->value[i];
    return NULL;
}

int main(void)
{
    char self[PATH_MAX], helper[PATH_MAX * 2];
    const char *upstream_dir = getenv("UPSTREAM_LIBDIR");
    static struct run ours, upstream;
    int failed = 0;

    if (!upstream_dir || !*upstream_dir)
        upstream_dir = "/usr/lib/x86_64-linux-gnu";
    if (!realpath("/proc/self/exe", self)) {
        printf("FAIL: foreignmemory differential: cannot find myself\n");
        return 1;
    }
    /* build/tests/system/X -> build/tests/helpers/foreignmemory-diff */
    snprintf(helper, sizeof(helper), "%s/../helpers/foreignmemory-diff", dirname(self));
    t_expect_library("libxenforeignmemory.so.1", (const void *)xenforeignmemory_open);
    run_helper(helper, PROJECT_LIBDIR, &ours);
    run_helper(helper, upstream_dir, &upstream);
    printf("%s: foreignmemory differential: the helper ran on our library (%d outcomes)\n",
           ours.loaded && ours.status == 0 && ours.n > 0 ? "PASS" : "FAIL", ours.n);
    printf("%s: foreignmemory differential: the helper ran on upstream's library (%d outcomes)\n",
           upstream.loaded && upstream.status == 0 && upstream.n > 0 ? "PASS" : "FAIL",
           upstream.n);
    failed += !(ours.loaded && ours.status == 0 && ours.n > 0);
    failed += !(upstream.loaded && upstream.status == 0 && upstream.n > 0);
    if (ours.n != upstream.n) {
        printf("FAIL: foreignmemory differential: %d outcomes on ours, %d on upstream's\n",
               ours.n, upstream.n);
        failed++;
    }
    for (int i = 0; i < ours.n; i++) {
        const char *name = ours.name[i], *theirs = value_of(&upstream, name);
        const char *want_ours = NULL, *want_theirs = NULL;

        for (size_t d = 0; d < sizeof(differences) / sizeof(differences[0]); d++)
            if (strcmp(differences[d].name, name) == 0) {
                want_ours = differences[d].ours;
                want_theirs = differences[d].upstream;
            }
        if (!theirs) {
            printf("FAIL: differential: %s: no outcome on upstream's\n", name);
            failed++;
        } else if (want_ours) {
            bool ok = strcmp(ours.value[i], want_ours) == 0 && strcmp(theirs, want_theirs) == 0;

            printf("%s: differential: %s: differs as documented (ours %s, upstream %s)\n",
                   ok ? "PASS" : "FAIL", name, ours.value[i], theirs);
            failed += !ok;
        } else if (strcmp(ours.value[i], theirs) == 0) {
            printf("PASS: differential: %s: %s on both\n", name, theirs);
        } else {
            printf("FAIL: differential: %s: ours %s, upstream %s\n", name, ours.value[i],
                   theirs);
            failed++;
        }
    }
    return failed || t_exit_status() ? 1 : 0;
}
