/* SPDX-License-Identifier: MIT */
/*
 * peer-wire.h - what dom0's side of a peer domU (peer.c, in a test) and
 * the program the domU runs (tests/cross/guest-peer.c) say to each other
 * through xenstore, under /local/domain/<peer>/data/peer (the domU's own
 * node, which libxl made: what dom0 creates below it inherits that).
 *
 * dom0 writes PEER_KEY_CMD, "SEQ VERB ARG...", with SEQ one more than the
 * last; the peer does it and writes PEER_KEY_REPLY, "SEQ ok WORD..." or
 * "SEQ error TEXT".  Before its first command the peer writes the reply
 * "0 ok ready".  It holds one set of shared pages and one event channel
 * at a time.  Verbs:
 *
 *   share N SEED        share N pages with dom0, writable, filled with
 *                       stream SEED (vstream.h): "ok REF..."
 *   holds SEED          whether the shared pages hold stream SEED now
 *                       (dom0 wrote it): "ok", or "error byte I"
 *   unshare             end the grants (xengntshr_unshare): "ok"
 *   bind PORT           bind to dom0's unbound PORT: "ok LOCAL"
 *   notify K            K notifications as fast as it can: "ok K"
 *   pong K              K rounds: wait for dom0's event, answer it: "ok K"
 *   unbind              close its end: "ok"
 *   vchan PATH BYTES SEED END
 *                       a vchan client in a child process: it connects to
 *                       dom0's server at PATH, sends BYTES of stream SEED,
 *                       then closes (END "close") or exits with the
 *                       channel open (END "die"), as a crashing client
 *                       would: "ok CRC" (of what it sent, hex)
 *   stats               its own open descriptors and resident memory:
 *                       "ok FDS RSS_KB"
 */
#ifndef PEER_WIRE_H
#define PEER_WIRE_H

#define PEER_NODE "data/peer"   /* below /local/domain/<peer> */
#define PEER_KEY_CMD "cmd"
#define PEER_KEY_REPLY "reply"
#define PEER_MAX_PAGES 16
/* The longest a command or the domU's start may take: a slow, busy
 * machine (TCG) may take minutes. */
#define PEER_WAIT_S 300

#endif /* PEER_WIRE_H */
