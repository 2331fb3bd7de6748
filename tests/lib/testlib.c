/* SPDX-License-Identifier: MIT */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <libgen.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "testlib.h"

static unsigned failed_cases;
static unsigned failed_checks_in_case;
static unsigned cases_selected;

/* Every case id this run has met, selected or not: an id names one case. */
static char **seen_ids;
static size_t nr_seen_ids;

const char *t_program(void)
{
    static char name[128];
    const char *path = program_invocation_name, *base = strrchr(path, '/'), *folder = base;

    if (name[0])
        return name;
    if (!base) {
        snprintf(name, sizeof(name), "%s", path);
        return name;
    }
    while (folder > path && folder[-1] != '/')
        folder--;
    /* A program in / (a guest's) is named by its file alone. */
    snprintf(name, sizeof(name), "%s", folder + (*folder == '/'));
    return name;
}

static bool id_is_valid(const char *id)
{
    if (!*id)
        return false;
    for (; *id; id++)
        if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || strchr("_.-", *id)))
            return false;
    return true;
}

static bool id_seen(const char *id)
{
    for (size_t i = 0; i < nr_seen_ids; i++)
        if (strcmp(seen_ids[i], id) == 0)
            return true;
    return false;
}

static void remember_id(const char *id)
{
    char **grown = realloc(seen_ids, (nr_seen_ids + 1) * sizeof(*seen_ids));

    if (!grown)
        return;
    seen_ids = grown;
    if ((seen_ids[nr_seen_ids] = strdup(id)))
        nr_seen_ids++;
}

/* T_CASE (a shell pattern) names the ids of the cases to run; unset: all. */
static bool case_selected(const char *id)
{
    const char *pattern = getenv("T_CASE");

    return !pattern || !*pattern || fnmatch(pattern, id, 0) == 0;
}

bool t_check(bool ok, const char *file, int line, const char *fmt, ...)
{
    va_list al;

    if (ok)
        return true;
    /* Details go to stderr; the verdict line to stdout stays one line. */
    fprintf(stderr, "  check failed at %s:%d: ", file, line);
    va_start(al, fmt);
    vfprintf(stderr, fmt, al);
    va_end(al);
    fputc('\n', stderr);
    failed_checks_in_case++;
    return false;
}

void t_format_value(char *buf, size_t size, const void *value, size_t value_size, int kind,
                    bool is_signed)
{
    union {
        unsigned char bytes[sizeof(long double)];
        signed char sc; short ss; int si; long long sll;
        unsigned char uc; unsigned short us; unsigned int ui; unsigned long long ull;
        float f; double d; long double ld;
        const void *p;
    } v = { .bytes = { 0 } };

    memcpy(v.bytes, value, value_size < sizeof(v) ? value_size : sizeof(v));
    if (kind == __builtin_classify_type((void *)0)) {
        snprintf(buf, size, "%p", v.p);
    } else if (kind == __builtin_classify_type(0.0)) {
        snprintf(buf, size, "%Lg", value_size == sizeof(float)    ? (long double)v.f
                                   : value_size == sizeof(double) ? (long double)v.d
                                                                  : v.ld);
    } else if (is_signed) {
        long long n = value_size == 1 ? v.sc : value_size == 2 ? v.ss
                    : value_size == 4 ? v.si : v.sll;

        snprintf(buf, size, "%lld", n);
    } else {
        unsigned long long n = value_size == 1 ? v.uc : value_size == 2 ? v.us
                             : value_size == 4 ? v.ui : v.ull;

        snprintf(buf, size, n > 9 ? "%llu (0x%llx)" : "%llu", n, n);
    }
}

bool t_check_cmp(bool ok, const char *file, int line, const char *a_text, const char *op,
                 const char *b_text, const char *a_value, const char *b_value)
{
    return t_check(ok, file, line, "%s %s %s: %s is %s, %s is %s", a_text, op, b_text, a_text,
                   a_value, b_text, b_value);
}

bool t_check_str(bool ok, const char *file, int line, const char *a_text, const char *op,
                 const char *b_text, const char *a, const char *b)
{
    return t_check(ok, file, line, "%s %s %s: \"%s\" against \"%s\"", a_text, op, b_text,
                   a ? a : "(null)", b ? b : "(null)");
}

/* Why the case may not run here (under the tool or on the hypervisor
 * T_WHERE names), or NULL: the reason of the first "pattern|why" line of
 * T_NOT_RUN whose pattern matches. */
static const char *not_run_reason(const char *id)
{
    static char line[1024];
    const char *table = getenv("T_NOT_RUN"), *end;

    for (; table && *table; table = *end ? end + 1 : end) {
        char *sep;

        end = strchrnul(table, '\n');
        snprintf(line, sizeof(line), "%.*s", (int)(end - table), table);
        if ((sep = strchr(line, '|'))) {
            *sep = '\0';
            if (fnmatch(line, id, 0) == 0)
                return sep + 1;
        }
    }
    return NULL;
}

const char *t_case_id(const char *body_name)
{
    return strncmp(body_name, "test_", 5) == 0 ? body_name + 5 : body_name;
}

void t_case(const char *id, const char *description, void (*body)(void))
{
    const char *where = getenv("T_WHERE"), *why;

    if (!id_is_valid(id) || id_seen(id)) {
        printf("FAIL: %s:%s: %s: case id %s\n", t_program(), id, description,
               id_seen(id) ? "used twice" : "not made of a-z, 0-9, '_', '.' and '-'");
        failed_cases++;
        fflush(stdout);
        return;
    }
    remember_id(id);
    if (!case_selected(id))
        return;
    cases_selected++;
    if ((why = not_run_reason(id))) {
        printf("NOT RUN %s: %s:%s: %s: %s\n", where ? where : "here", t_program(), id,
               description, why);
        fflush(stdout);
        return;
    }
    failed_checks_in_case = 0;
    fflush(stdout);
    body();
    if (failed_checks_in_case) {
        printf("FAIL: %s:%s: %s: %u check(s) failed\n", t_program(), id, description,
               failed_checks_in_case);
        failed_cases++;
    } else {
        printf("PASS: %s:%s: %s\n", t_program(), id, description);
    }
    fflush(stdout);
}

static void (*clean_up_at_exit)(void);

static void clean_up_on_signal(int sig)
{
    clean_up_at_exit();
    signal(sig, SIG_DFL);
    raise(sig);
}

void t_clean_up_at_exit(void (*clean_up)(void))
{
    clean_up_at_exit = clean_up;
    atexit(clean_up);
    signal(SIGTERM, clean_up_on_signal);
    signal(SIGINT, clean_up_on_signal);
    signal(SIGHUP, clean_up_on_signal);
}

void t_stage_foreign_env(void)
{
    const char *words = getenv("STAGE_FOREIGN_ENV");
    char *copy, *word, *save;

    if (!words || !(copy = strdup(words)))
        return;
    /* putenv() keeps the strings: the copy lives as long as the process. */
    for (word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save))
        putenv(word);
}

void t_exec_checked(const char *path, char *const argv[])
{
    /* The shell splits the tool's words as tests/runner/tool quoted them. */
    static const char script[] = "eval \"exec $STAGE_EXEC_WRAP \\\"\\$0\\\" \\\"\\$@\\\"\"";
    const char *wrap = getenv("STAGE_EXEC_WRAP");
    size_t argc = 0;

    if (!wrap || !*wrap) {
        execv(path, argv);
        return;
    }
    while (argv[argc])
        argc++;
    const char *shell[argc + 4];
    shell[0] = "sh";
    shell[1] = "-c";
    shell[2] = script;
    shell[3] = path;
    for (size_t i = 1; i <= argc; i++)
        shell[3 + i] = argv[i];
    execv("/bin/sh", (char *const *)shell);
}

const char *t_libdir_under_test(void)
{
    const char *dir = getenv("XENLIBS_EXPECT_LIBDIR");

    return dir && *dir ? dir : PROJECT_LIBDIR;
}

bool t_have_xen(void)
{
    return access("/dev/xen/privcmd", F_OK) == 0 || access("/proc/xen/privcmd", F_OK) == 0;
}

/* A number from a one-line sysfs file, or -1. */
static int sysfs_number(const char *path)
{
    FILE *f = fopen(path, "re");
    int n = -1;

    if (f) {
        if (fscanf(f, "%d", &n) != 1)
            n = -1;
        fclose(f);
    }
    return n;
}

int t_xen_version(void)
{
    int major = sysfs_number("/sys/hypervisor/version/major");
    int minor = sysfs_number("/sys/hypervisor/version/minor");

    return major < 0 || minor < 0 ? -1 : major << 16 | minor;
}

void t_expect_library(const char *soname, const void *symbol)
{
    const char *want_dir = t_libdir_under_test();
    char want[PATH_MAX], got[PATH_MAX];
    Dl_info info;
    size_t len;

    if (!dladdr(symbol, &info) || !info.dli_fname || !realpath(info.dli_fname, got) ||
        !realpath(want_dir, want)) {
        printf("FAIL: loaded %s: cannot tell where its code came from\n", soname);
        failed_cases++;
        return;
    }
    len = strlen(want);
    fprintf(stderr, "  %s loaded from %s\n", soname, got);
    if (strncmp(got, want, len) == 0 && got[len] == '/' && !strchr(got + len + 1, '/') &&
        strncmp(got + len + 1, soname, strlen(soname)) == 0) {
        printf("PASS: loaded %s from %s\n", soname, want);
    } else {
        printf("FAIL: loaded %s: came from %s, not from %s\n", soname, got, want);
        failed_cases++;
    }
    fflush(stdout);
}

size_t t_drain(int fd, char *buf, size_t size)
{
    size_t len = 0;
    ssize_t n;

    /* A pipe ends with 0; a master whose slaves are closed fails with EIO. */
    while (len + 1 < size) {
        n = read(fd, buf + len, size - 1 - len);
        if (n > 0)
            len += (size_t)n;
        else if (n == 0 || errno != EINTR)
            break;
    }
    buf[len] = '\0';
    return len;
}

static int saved_stderr = -1;
static FILE *stderr_file;

void t_stderr_start(void)
{
    fflush(stderr);
    stderr_file = tmpfile();
    saved_stderr = dup(STDERR_FILENO);
    dup2(fileno(stderr_file), STDERR_FILENO);
}

char *t_stderr_end(void)
{
    char *text = calloc(1, 4096);

    fflush(stderr);
    dup2(saved_stderr, STDERR_FILENO);
    close(saved_stderr);
    rewind(stderr_file);
    if (fread(text, 1, 4095, stderr_file) == 0)
        text[0] = '\0';
    fclose(stderr_file);
    return text;
}

void t_capture_start(struct t_capture *c)
{
    c->text = NULL;
    c->f = open_memstream(&c->text, &c->len);
    c->logger = (xentoollog_logger *)xtl_createlogger_stdiostream(c->f, XTL_DEBUG, 0);
}

const char *t_capture_text(struct t_capture *c)
{
    if (c->f)
        fflush(c->f);
    return c->text ? c->text : "";
}

bool t_logged(struct t_capture *c, const char *text)
{
    return strstr(t_capture_text(c), text) != NULL;
}

const char *t_capture_end(struct t_capture *c)
{
    xtl_logger_destroy(c->logger);
    fclose(c->f);
    c->f = NULL;
    c->logger = NULL;
    return c->text ? c->text : "";
}

int t_open_fds(void)
{
    int n = 0;

    for (int fd = 0; fd < 1024; fd++)
        n += fcntl(fd, F_GETFD) >= 0;
    return n;
}

void t_fds_snapshot(struct t_fd_set *set)
{
    for (int fd = 0; fd < 1024; fd++)
        set->open[fd] = fcntl(fd, F_GETFD) >= 0;
}

int t_check_new_fds_cloexec(const struct t_fd_set *before)
{
    int opened = 0;

    for (int fd = 0; fd < 1024; fd++) {
        int flags = fcntl(fd, F_GETFD);

        if (flags < 0 || before->open[fd])
            continue;
        opened++;
        CHECKF(flags & FD_CLOEXEC, "fd %d is not close-on-exec", fd);
    }
    return opened;
}

void t_check_fds_as_before(const struct t_fd_set *before)
{
    for (int fd = 0; fd < 1024; fd++)
        CHECKF((fcntl(fd, F_GETFD) >= 0) == before->open[fd], "fd %d differs from before", fd);
}

bool t_is_dev_null(int fd)
{
    struct stat fd_st, null_st;

    return fstat(fd, &fd_st) == 0 && stat("/dev/null", &null_st) == 0 &&
           S_ISCHR(fd_st.st_mode) && fd_st.st_rdev == null_st.st_rdev;
}

bool t_write_file(const char *path, mode_t mode, const char *text)
{
    FILE *f = fopen(path, "we");
    bool ok = f && fputs(text, f) >= 0;

    if (f)
        ok = fclose(f) == 0 && ok;
    return CHECKF(ok && chmod(path, mode) == 0, "%s: %s", path, strerror(errno));
}

static struct t_capture *bad_input_capture;

void t_bad_input_log(struct t_capture *c)
{
    bad_input_capture = c;
}

void t_bad_begin(struct t_bad_case *b, const char *function, const char *input,
                 struct t_bad_outcome outcome)
{
    b->function = function;
    b->input = input;
    b->outcome = outcome;
    b->log_start = 0;
    if (bad_input_capture) {
        t_capture_text(bad_input_capture);
        b->log_start = bad_input_capture->len;
    }
    t_fds_snapshot(&b->fds);
    b->mapped = t_mapped_bytes();
}

void t_bad_end(struct t_bad_case *b, bool is_pointer, long result, int err, const char *file,
               int line)
{
    static const char *const expected[] = {
        [T_BAD_MINUS1] = "-1", [T_BAD_NULLPTR] = "NULL", [T_BAD_RETURNS] = "the value",
        [T_BAD_TEXT] = "a string",
        [T_BAD_IGNORED] = "nothing",
    };
    const struct t_bad_outcome *o = &b->outcome;
    unsigned long mapped = t_mapped_bytes();
    bool ok;

    switch (o->kind) {
    case T_BAD_MINUS1:
        ok = !is_pointer && result == -1;
        break;
    case T_BAD_NULLPTR:
        ok = is_pointer && result == 0;
        break;
    case T_BAD_RETURNS:
        ok = result == o->value;
        break;
    case T_BAD_TEXT:
        ok = is_pointer && result &&
             strncmp((const char *)(intptr_t)result, o->text, strlen(o->text)) == 0;
        break;
    default:
        ok = true;
    }
    t_check(ok, file, line, "%s, %s: returned %ld, expected %s (%ld)", b->function, b->input,
            result, expected[o->kind], o->value);
    if (o->kind == T_BAD_IGNORED)
        t_check(err == T_BAD_ERRNO_UNTOUCHED, file, line, "%s, %s: errno changed to %d (%s)",
                b->function, b->input, err, strerror(err));
    if (o->err)
        t_check(err == o->err, file, line, "%s, %s: errno %d (%s), expected %d (%s)",
                b->function, b->input, err, strerror(err), o->err, strerror(o->err));
    if (o->logs) {
        const char *text = "";

        if (bad_input_capture) {
            t_capture_text(bad_input_capture);
            if (bad_input_capture->text && bad_input_capture->len >= b->log_start)
                text = bad_input_capture->text + b->log_start;
        }
        t_check(strstr(text, o->logs) != NULL, file, line, "%s, %s: logged \"%s\", not \"%s\"",
                b->function, b->input, text, o->logs);
    }
    for (int fd = 0; fd < 1024; fd++)
        t_check((fcntl(fd, F_GETFD) >= 0) == b->fds.open[fd], file, line,
                "%s, %s: fd %d was %s", b->function, b->input, fd,
                b->fds.open[fd] ? "closed" : "left open");
    t_check(mapped == b->mapped, file, line, "%s, %s: %lu bytes mapped before, %lu after",
            b->function, b->input, b->mapped, mapped);
}

void t_result(const char *name, const char *fmt, ...)
{
    va_list ap;

    printf("R: %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

void t_rc_result(const char *name, long rc, int err)
{
    if (rc < 0)
        t_result(name, "rc %ld errno %d", rc, err);
    else
        t_result(name, "rc %ld", rc);
}

int t_exit_status(void)
{
    /* A pattern that selects nothing is a mistyped name, not a pass. */
    if (!cases_selected && !case_selected("")) {
        printf("FAIL: %s: T_CASE='%s' names no case of this program\n", t_program(),
               getenv("T_CASE"));
        return 1;
    }
    return failed_cases ? 1 : 0;
}

bool t_fake_xen_devices(const char *const names[])
{
    dev_t null_dev = makedev(1, 3);
    char path[PATH_MAX];

    if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("tmpfs", "/dev", "tmpfs", 0, "mode=0755") < 0 || mkdir("/dev/xen", 0755) < 0 ||
        mknod("/dev/null", S_IFCHR | 0666, null_dev) < 0) {
        perror("setting up a fake /dev/xen");
        return false;
    }
    for (; *names; names++) {
        snprintf(path, sizeof(path), "/dev/xen/%s", *names);
        if (mknod(path, S_IFCHR | 0600, null_dev) < 0) {
            perror(path);
            return false;
        }
    }
    return true;
}

/* --------------------------------------------------- differential */

/* Room for the outcomes of one helper run; a run with more fails. */
#define MAX_OUTCOMES 2048

struct run {
    int n;
    char name[MAX_OUTCOMES][256], value[MAX_OUTCOMES][1024];
    bool loaded;            /* the helper proved which library it ran on */
    bool overflow;          /* it printed more than MAX_OUTCOMES */
    int status;
};

static void run_helper(const char *helper, const char *soname, const char *libdir,
                       struct run *r)
{
    char cmd[PATH_MAX * 3], line[2048], proof[256];
    FILE *f;

    const char *wrap = getenv("STAGE_EXEC_WRAP");

    /* The helper's own cases all run: T_CASE chose this program's.  On the
     * project's libraries it runs under the stage's memcheck, if any. */
    if (strcmp(libdir, PROJECT_LIBDIR) != 0 || !wrap)
        wrap = "";
    snprintf(cmd, sizeof(cmd), "LD_LIBRARY_PATH='%s' XENLIBS_EXPECT_LIBDIR='%s' T_CASE= exec %s '%s'",
             libdir, libdir, wrap, helper);
    snprintf(proof, sizeof(proof), "PASS: loaded %s", soname);
    fflush(stdout);
    f = popen(cmd, "r");
    r->n = 0;
    r->loaded = false;
    r->overflow = false;
    if (!f) {
        r->status = -1;
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        char *sep;

        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, proof, strlen(proof)) == 0)
            r->loaded = true;
        if (strncmp(line, "FAIL: ", 6) == 0)
            printf("FAIL: helper on %s: %s\n", libdir, line + 6);
        if (strncmp(line, "R: ", 3) != 0 || !(sep = strstr(line + 3, ": ")))
            continue;
        if (r->n == MAX_OUTCOMES) {
            r->overflow = true;
            continue;
        }
        *sep = '\0';
        snprintf(r->name[r->n], sizeof(r->name[0]), "%.255s", line + 3);
        snprintf(r->value[r->n], sizeof(r->value[0]), "%.1023s", sep + 2);
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

static int helper_ran(const char *label, const char *whose, const struct run *r)
{
    bool ok = r->loaded && r->status == 0 && r->n > 0 && !r->overflow;

    printf("%s: %s: the helper ran on %s library (%d outcomes%s)\n", ok ? "PASS" : "FAIL",
           label, whose, r->n, r->overflow ? ", more not compared" : "");
    return !ok;
}

bool t_sibling_path(const char *name, char *path, size_t size)
{
    char self[PATH_MAX];

    if (!realpath("/proc/self/exe", self))
        return false;
    snprintf(path, size, "%s/%s", dirname(self), name);
    return true;
}

int t_differential(const char *label, const char *helper_name, const char *soname,
                   const struct t_difference *differences, size_t nr_differences)
{
    char helper[PATH_MAX * 2];
    const char *upstream_dir = getenv("UPSTREAM_LIBDIR");
    static struct run ours, upstream;
    int failed = 0;

    if (!upstream_dir || !*upstream_dir)
        upstream_dir = UPSTREAM_LIBDIR;
    if (!t_sibling_path(helper_name, helper, sizeof(helper))) {
        printf("FAIL: %s: cannot find myself\n", label);
        return 1;
    }
    run_helper(helper, soname, PROJECT_LIBDIR, &ours);
    run_helper(helper, soname, upstream_dir, &upstream);
    failed += helper_ran(label, "our", &ours);
    failed += helper_ran(label, "upstream's", &upstream);
    if (ours.n != upstream.n) {
        printf("FAIL: %s: %d outcomes on ours, %d on upstream's\n", label, ours.n, upstream.n);
        failed++;
    }
    for (int i = 0; i < ours.n; i++) {
        const char *name = ours.name[i], *theirs = value_of(&upstream, name);
        const struct t_difference *d = NULL;

        for (size_t k = 0; k < nr_differences; k++)
            if (strcmp(differences[k].name, name) == 0)
                d = &differences[k];
        if (!theirs) {
            printf("FAIL: %s: %s: no outcome on upstream's\n", label, name);
            failed++;
        } else if (d) {
            bool ok = strcmp(ours.value[i], d->ours) == 0 && strcmp(theirs, d->upstream) == 0;

            printf("%s: %s: %s: differs as documented (ours %s, upstream %s)\n",
                   ok ? "PASS" : "FAIL", label, name, ours.value[i], theirs);
            failed += !ok;
        } else if (strcmp(ours.value[i], theirs) == 0) {
            printf("PASS: %s: %s: %s on both\n", label, name, theirs);
        } else {
            printf("FAIL: %s: %s: ours %s, upstream %s\n", label, name, ours.value[i], theirs);
            failed++;
        }
    }
    return failed;
}
