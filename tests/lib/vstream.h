/* SPDX-License-Identifier: MIT */
/*
 * vstream.h - the test byte streams that cross a libxenvchan channel (or
 * a granted page): a pattern both ends compute, so the receiver checks
 * every byte, and a CRC-32 each end reports, so two domains can compare
 * what was sent with what arrived.
 *
 * The channel calls are passed in, because the dom0 tests load
 * libxenvchan with dlopen() while the guest program links it statically.
 */
#ifndef VSTREAM_H
#define VSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct libxenvchan;

/* Byte i of the stream numbered seed. */
uint8_t vs_byte(unsigned seed, size_t i);

/* Fills buf with bytes first .. first + len - 1 of stream seed. */
void vs_fill(void *buf, unsigned seed, size_t first, size_t len);

/* Whether buf holds bytes first .. of stream seed; if not and bad is not
 * NULL, *bad is the index of the first wrong byte. */
bool vs_matches(const void *buf, unsigned seed, size_t first, size_t len, size_t *bad);

/* CRC-32 (the IEEE polynomial, as zlib's crc32) of len bytes, carried on
 * from crc (0 to start). */
uint32_t vs_crc32(uint32_t crc, const void *data, size_t len);

struct vs_calls {
    int (*read)(struct libxenvchan *ctrl, void *data, size_t size);
    int (*write)(struct libxenvchan *ctrl, const void *data, size_t size);
};

/* Sends bytes of stream seed through a blocking channel, in pieces of
 * varied sizes; *crc gets the CRC-32 of what was sent.  On failure says
 * why on stderr. */
bool vs_send(const struct vs_calls *vc, struct libxenvchan *ctrl, unsigned seed, size_t bytes,
             uint32_t *crc);

/* Receives bytes from a blocking channel, checking each against stream
 * seed; *crc gets the CRC-32 of what arrived. */
bool vs_receive(const struct vs_calls *vc, struct libxenvchan *ctrl, unsigned seed,
                size_t bytes, uint32_t *crc);

#endif /* VSTREAM_H */
