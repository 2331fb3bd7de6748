/* SPDX-License-Identifier: MIT */
/*
 * inguest.h - what the two halves of the in-guest test agree on: the
 * dom0 test (tests/cross/system-inguest.c) and the program its domU runs
 * (tests/cross/guest-inguest-domu.c).  Keys live under
 * /local/domain/<domU>/data/inguest, which libxl makes the domU's own;
 * a node dom0 creates there inherits that, so both sides may use it.
 */
#ifndef INGUEST_H
#define INGUEST_H

/* Written by dom0 before the domU runs. */
#define INGUEST_KEY_TOKEN "dom0-token"      /* a string the domU echoes */
#define INGUEST_KEY_PORT "dom0-port"        /* dom0's unbound event channel */
#define INGUEST_KEY_DOM0_REFS "dom0-refs"   /* grants of dom0's pages */
/* Answers, in the order the domU goes. */
#define INGUEST_KEY_ECHO "domu-echo"        /* INGUEST_ECHO_FMT */
#define INGUEST_KEY_DOMU_MAPPED "domu-mapped" /* CRC of dom0's pages as read */
#define INGUEST_KEY_DOMU_REFS "domu-refs"   /* grants of the domU's pages */
#define INGUEST_KEY_DOM0_MAPPED "dom0-mapped" /* CRC of the domU's pages as read */
#define INGUEST_ECHO_FMT "domU %d read %s"

/* The vchan, below /local/domain/<domU>. */
#define INGUEST_VCHAN "data/vchan"

#define INGUEST_ROUNDS 100              /* event channel ping-pongs */
#define INGUEST_PAGES 4                 /* granted pages each way */
#define INGUEST_STREAM_BYTES (1 << 20)  /* vchan bytes each way */
/* Longest wait for one step of the other side: a slow, busy machine
 * (TCG) may take minutes. */
#define INGUEST_WAIT_S 300

/* Stream seeds (vstream.h): who fills what. */
#define INGUEST_SEED_DOM0_STREAM 1
#define INGUEST_SEED_DOMU_STREAM 2
#define INGUEST_SEED_DOM0_PAGES 3
#define INGUEST_SEED_DOMU_REPLY 4
#define INGUEST_SEED_DOMU_PAGES 5
#define INGUEST_SEED_DOM0_REPLY 6

/* The domU's last line on its console, followed by its exit status. */
#define INGUEST_END "domU: end, status"

#endif /* INGUEST_H */
