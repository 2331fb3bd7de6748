/* SPDX-License-Identifier: MIT */
/*
 * peer.h - a second domain that misbehaves on request: a PV domU booted
 * by upstream's xl (xlguest.h) running tests/cross/guest-peer, the
 * project's libraries linked in statically, which does what the test
 * asks through xenstore (the verbs of peer-wire.h): share pages and end
 * the grants while dom0 maps them, bind and close event channels, flood,
 * be a vchan client that dies mid-transfer.  Killing the domain is the
 * test's own move: peer_kill().
 *
 * xenstored and xenconsoled are started unless they run.  Failures are
 * failed checks of the running case (testlib.h).  A command waits at most
 * PEER_WAIT_S for its reply, and once one has gone unanswered, 5 s.
 * Programs using this link upstream's libxenstore (tests/tests.mk does so
 * for every program that includes this header).
 */
#ifndef PEER_H
#define PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <xenevtchn.h>

#include "xlguest.h"

struct peer {
    struct xlguest guest;       /* guest.domid > 0 while it lives */
    struct xs_handle *xs;
    char base[64];              /* its /local/domain/<id>/data/peer */
    unsigned seq;               /* of the last command sent */
    bool stuck;                 /* a reply never came */
    bool started_xenstored;
    pid_t xenconsoled;          /* > 0: started here */
};

/* Boots the domU (its name prefix-PID, memory_mb of memory) and waits
 * for its "ready".  Returns whether it is ready; its id is
 * p->guest.domid. */
bool peer_start(struct peer *p, const char *prefix, unsigned memory_mb);

/* Sends the next command (printf-style), not waiting for its reply. */
bool peer_send(struct peer *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Waits for the reply to the last command sent.  Returns what follows
 * "ok" ("" for nothing; the caller frees it), or NULL: the peer's error,
 * or no reply, is then a failed check. */
char *peer_reply(struct peer *p);

/* peer_send() then peer_reply(). */
char *peer_do(struct peer *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The peer shares n pages (at most PEER_MAX_PAGES) with dom0, writable,
 * filled with stream seed (vstream.h): their references into refs[].
 * Whether it did. */
bool peer_share(struct peer *p, unsigned n, unsigned seed, uint32_t refs[]);

/* Rounds of dom0 notifying port of xce (bound to the peer's end) and
 * the peer answering, each awaited for at most timeout_ms: whether all
 * came, on port. */
bool peer_ping_pong(struct peer *p, xenevtchn_handle *xce, evtchn_port_t port, unsigned rounds,
                    int timeout_ms);

/* What dom0's vchan server got from a client in the peer. */
struct peer_vchan {
    size_t got;                 /* bytes received */
    uint32_t crc;               /* CRC-32 of them */
    bool client_crc_same;       /* the client's CRC of what it sent is crc */
    size_t wrong_at;            /* the first byte not of the stream; SIZE_MAX: none */
    int last_rc;                /* of the libxenvchan_read() that ended it */
    int open_after;             /* libxenvchan_is_open() then */
};

/*
 * A libxenvchan server (upstream's, on the libraries loaded here) at the
 * peer's data/peer/vchan takes, in a thread, what a client in the peer
 * sends: bytes of stream seed, then end, "close" (libxenvchan_close) or
 * "die" (its process exits with the channel open), until the client has
 * gone.  Fills *r; returns whether the server saw the end within the
 * command's wait.  The server is closed when it returns.
 */
bool peer_vchan(struct peer *p, size_t bytes, unsigned seed, const char *end,
                struct peer_vchan *r);

/* Destroys the domU at once, whatever it is doing (upstream's xl
 * destroy), and checks that it is gone. */
bool peer_kill(struct peer *p);

/* Ends it all: the domU if it lives (its console copied to stderr
 * first), the daemons started, the files. */
void peer_stop(struct peer *p);

#endif /* PEER_H */
