/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the test protocol itself (tests/lib/testlib.h): what a
 * case reports when its checks fail, which ids are accepted, what T_CASE
 * selects.  Each scenario runs in a fresh run of this program (argv[0]
 * again, with T_TESTLIB_SCENARIO naming it) whose stdout and stderr are
 * read back, so that its deliberate failures are data here, not failures
 * of this program, and no state of this run leaks into it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

/* What a scenario printed and how it ended. */
struct outcome {
    char out[4096], err[4096];
    int status;
};

/* Runs the scenario named name with T_CASE set to select (NULL: unset). */
static bool run_scenario(const char *name, const char *select, struct outcome *o)
{
    int out[2], err[2];
    pid_t pid;

    if (pipe(out) != 0 || pipe(err) != 0)
        return false;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        if (select)
            setenv("T_CASE", select, 1);
        else
            unsetenv("T_CASE");
        setenv("T_TESTLIB_SCENARIO", name, 1);
        execl(program_invocation_name, program_invocation_name, (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    /* The scenarios print little: stdout fits the pipe while stderr is read. */
    t_drain(err[0], o->err, sizeof(o->err));
    t_drain(out[0], o->out, sizeof(o->out));
    close(out[0]);
    close(err[0]);
    return pid > 0 && waitpid(pid, &o->status, 0) == pid;
}

static int answer(void)
{
    return -1;
}

static void case_int_values(void)
{
    size_t pages = 3;
    const char *name = "gntdev";

    CHECK_EQ(answer(), 0);
    CHECK_GE(pages, 4);
    CHECK_STREQ(name, "evtchn");
    CHECK_EQ(pages, 3);
}

static void scenario_values(void)
{
    T_CASE(case_int_values, "deliberately failing comparisons");
}

static void test_values_printed(void)
{
    struct outcome o;

    if (!CHECK(run_scenario("values", NULL, &o)))
        return;
    CHECK(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 1);
    CHECKF(strstr(o.out, "FAIL: cross/host-testlib:case_int_values: deliberately failing "
                         "comparisons: 3 check(s) failed\n") != NULL,
           "stdout: %s", o.out);
    CHECKF(strstr(o.err, "answer() == 0: answer() is -1, 0 is 0\n") != NULL, "stderr: %s", o.err);
    CHECKF(strstr(o.err, "pages >= 4: pages is 3, 4 is 4\n") != NULL, "stderr: %s", o.err);
    CHECKF(strstr(o.err, "name == \"evtchn\": \"gntdev\" against \"evtchn\"\n") != NULL,
           "stderr: %s", o.err);
    CHECKF(strstr(o.err, "pages == 3") == NULL, "a check that held was reported: %s", o.err);
}

static void case_empty(void)
{
}

static void scenario_ids(void)
{
    T_CASE(case_empty, "the first case of its id");
    t_case("case_empty", "the same id again", case_empty);
    t_case("Not An Id", "an id with capitals and spaces", case_empty);
}

static void test_ids_checked(void)
{
    struct outcome o;

    if (!CHECK(run_scenario("ids", NULL, &o)))
        return;
    CHECK(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 1);
    CHECKF(strstr(o.out, "PASS: cross/host-testlib:case_empty: the first case of its id\n"),
           "stdout: %s", o.out);
    CHECKF(strstr(o.out, "FAIL: cross/host-testlib:case_empty: the same id again: case id used "
                         "twice\n"),
           "stdout: %s", o.out);
    CHECKF(strstr(o.out, "FAIL: cross/host-testlib:Not An Id: an id with capitals and spaces: "
                         "case id not made of"),
           "stdout: %s", o.out);
}

static void scenario_selection(void)
{
    t_case("alpha.one", "first", case_empty);
    t_case("alpha.two", "second", case_empty);
    t_case("beta", "third", case_empty);
}

static void test_selection(void)
{
    struct outcome o;

    if (!CHECK(run_scenario("selection", "alpha.*", &o)))
        return;
    CHECK(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0);
    CHECKF(strstr(o.out, ":alpha.one: first\n") && strstr(o.out, ":alpha.two: second\n") &&
               !strstr(o.out, ":beta:"),
           "stdout: %s", o.out);
    if (!CHECK(run_scenario("selection", "gamma", &o)))
        return;
    CHECK(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 1);
    CHECKF(strstr(o.out, "FAIL: cross/host-testlib: T_CASE='gamma' names no case of this "
                         "program\n"),
           "stdout: %s", o.out);
}

static const struct {
    const char *name;
    void (*run)(void);
} scenarios[] = {
    { "values", scenario_values },
    { "ids", scenario_ids },
    { "selection", scenario_selection },
};

int main(void)
{
    const char *scenario = getenv("T_TESTLIB_SCENARIO");

    if (scenario) {
        for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
            if (strcmp(scenario, scenarios[i].name) == 0)
                scenarios[i].run();
        return t_exit_status();
    }
    T_CASE(test_values_printed, "a failed CHECK_EQ, CHECK_GE or CHECK_STREQ prints both values");
    T_CASE(test_ids_checked, "a case id used twice, or not made of id characters, fails");
    T_CASE(test_selection, "T_CASE selects cases by id pattern; one that selects nothing fails");
    return t_exit_status();
}
