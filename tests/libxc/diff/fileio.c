/* SPDX-License-Identifier: MIT */
/*
 * The file helpers libxenguest's save and restore streams use:
 * read_exact, write_exact, writev_exact (over pipes that deliver and take
 * data in small pieces, a file, a closed descriptor) and
 * discard_file_cache (which must keep errno and the file as they were).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diff.h"

#define STREAM 20000

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 7 + i / 251);
}

/* A child that writes the pattern into the pipe fds[1] in pieces of piece
 * bytes, with pauses, so that reads come back short. */
static pid_t slow_writer(const int fds[2], size_t piece)
{
    pid_t pid = fork();

    if (pid == 0) {
        unsigned char buf[STREAM];

        close(fds[0]);
        for (size_t i = 0; i < STREAM; i++)
            buf[i] = pattern(i);
        for (size_t at = 0; at < STREAM; at += piece) {
            if (write(fds[1], buf + at, at + piece < STREAM ? piece : STREAM - at) < 0)
                _exit(1);
            usleep(2000);
        }
        _exit(0);
    }
    return pid;
}

/* A child that reads the pipe fds[0] in pieces until end of file and
 * exits 0 when what came was the pattern, STREAM bytes. */
static pid_t slow_reader(const int fds[2], size_t piece)
{
    pid_t pid = fork();

    if (pid == 0) {
        unsigned char buf[4096];
        size_t got = 0;
        ssize_t n;

        /* Its own copy of the write end would keep end of file away. */
        close(fds[1]);
        while ((n = read(fds[0], buf, piece < sizeof(buf) ? piece : sizeof(buf))) > 0) {
            for (ssize_t i = 0; i < n; i++)
                if (buf[i] != pattern(got + (size_t)i))
                    _exit(2);
            got += (size_t)n;
            usleep(1000);
        }
        _exit(got == STREAM ? 0 : 3);
    }
    return pid;
}

static int child_status(pid_t pid)
{
    int status = -1;

    if (pid <= 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void reads(void)
{
    static unsigned char buf[STREAM];
    int fds[2];
    pid_t pid;
    size_t bad = 0;
    int rc;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return;
    pid = slow_writer(fds, 3000);
    close(fds[1]);
    errno = 0;
    rc = read_exact(fds[0], buf, STREAM);
    t_rc_result("read_exact of a stream in pieces", rc, errno);
    for (size_t i = 0; i < STREAM; i++)
        bad += buf[i] != pattern(i);
    t_result("what read_exact read", "%zu bytes differ", bad);
    errno = 0;
    rc = read_exact(fds[0], buf, 1);
    t_result("read_exact at end of file", "rc %d errno %d", rc, errno);
    t_result("the writer", "status %d", child_status(pid));
    close(fds[0]);
    T_RC("read_exact of 0 bytes", read_exact(fds[0], buf, 0));
    T_RC("read_exact of a closed descriptor", read_exact(fds[0], buf, 1));
}

static void writes(void)
{
    static unsigned char buf[STREAM];
    struct iovec iov[5];
    int fds[2];
    pid_t pid;

    for (size_t i = 0; i < STREAM; i++)
        buf[i] = pattern(i);
    if (pipe2(fds, O_CLOEXEC) < 0)
        return;
    /* The smallest pipe: writes stop short of what is asked. */
    fcntl(fds[1], F_SETPIPE_SZ, 4096);
    pid = slow_reader(fds, 1000);
    close(fds[0]);
    T_RC("write_exact into a slow pipe", write_exact(fds[1], buf, STREAM));
    close(fds[1]);
    t_result("the reader of write_exact", "status %d", child_status(pid));

    if (pipe2(fds, O_CLOEXEC) < 0)
        return;
    fcntl(fds[1], F_SETPIPE_SZ, 4096);
    pid = slow_reader(fds, 700);
    close(fds[0]);
    iov[0] = (struct iovec){ buf, 0 };
    iov[1] = (struct iovec){ buf, 5000 };
    iov[2] = (struct iovec){ buf + 5000, 0 };
    iov[3] = (struct iovec){ buf + 5000, 9000 };
    iov[4] = (struct iovec){ buf + 14000, STREAM - 14000 };
    errno = 77;
    {
        int rc = writev_exact(fds[1], iov, 5);

        t_result("writev_exact of 5 buffers (2 empty) into a slow pipe", "rc %d errno %d", rc,
                 errno);
    }
    close(fds[1]);
    t_result("the reader of writev_exact", "status %d", child_status(pid));
    errno = 77;
    {
        int rc = writev_exact(fds[1], iov, 0);

        t_result("writev_exact of no buffers", "rc %d errno %d", rc, errno);
    }
    T_RC("write_exact to a closed descriptor", write_exact(fds[1], buf, 1));
    T_RC("writev_exact to a closed descriptor", writev_exact(fds[1], iov + 1, 1));

    if (pipe2(fds, O_CLOEXEC) < 0)
        return;
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    T_RC("write_exact to a pipe nobody reads", write_exact(fds[1], buf, 10));
    T_RC("writev_exact to a pipe nobody reads", writev_exact(fds[1], iov + 1, 1));
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
}

static void discard(xc_interface *xch)
{
    static unsigned char buf[3 * 4096 + 10], back[sizeof(buf)];
    char path[] = "/tmp/xenctrl-diff-fileio.XXXXXX";
    int fd = mkstemp(path);

    if (fd < 0) {
        t_result("discard_file_cache: a file", "none, errno %d", errno);
        return;
    }
    unlink(path);
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = pattern(i);
    T_RC("write_exact into a file", write_exact(fd, buf, sizeof(buf)));
    errno = 1234;
    discard_file_cache(xch, fd, 0);
    t_result("discard_file_cache without flush", "errno %d offset %ld", errno,
             (long)lseek(fd, 0, SEEK_CUR));
    errno = 1234;
    discard_file_cache(xch, fd, 1);
    t_result("discard_file_cache with flush", "errno %d offset %ld", errno,
             (long)lseek(fd, 0, SEEK_CUR));
    lseek(fd, 0, SEEK_SET);
    T_RC("read_exact of the file back", read_exact(fd, back, sizeof(back)));
    t_result("the file after the discards", "%s", memcmp(buf, back, sizeof(buf)) == 0 ?
             "intact" : "changed");
    close(fd);
    errno = 1234;
    discard_file_cache(xch, fd, 1);
    t_result("discard_file_cache of a closed descriptor", "errno %d", errno);
}

void diff_fileio(xc_interface *xch, const struct diff_domains *d)
{
    (void)d;
    reads();
    writes();
    discard(xch);
}
