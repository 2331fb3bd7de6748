/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "vstream.h"

uint8_t vs_byte(unsigned seed, size_t i)
{
    uint32_t x = (uint32_t)i * 2654435761u + seed * 97u;

    x ^= x >> 15;
    x *= 0x2c1b3c6du;
    return (uint8_t)(x >> 24);
}

void vs_fill(void *buf, unsigned seed, size_t first, size_t len)
{
    uint8_t *p = buf;

    for (size_t i = 0; i < len; i++)
        p[i] = vs_byte(seed, first + i);
}

bool vs_matches(const void *buf, unsigned seed, size_t first, size_t len, size_t *bad)
{
    const uint8_t *p = buf;

    for (size_t i = 0; i < len; i++) {
        if (p[i] != vs_byte(seed, first + i)) {
            if (bad)
                *bad = first + i;
            return false;
        }
    }
    return true;
}

uint32_t vs_crc32(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;

    /* Bitwise: the streams are small and a table would be one more thing
     * to get right. */
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1u));
    }
    return ~crc;
}

bool vs_send(const struct vs_calls *vc, struct libxenvchan *ctrl, unsigned seed, size_t bytes,
             uint32_t *crc)
{
    static uint8_t buf[40000];
    size_t sent = 0, piece = 1;

    *crc = 0;
    while (sent < bytes) {
        size_t n = piece < bytes - sent ? piece : bytes - sent;
        int rc;

        vs_fill(buf, seed, sent, n);
        rc = vc->write(ctrl, buf, n);
        if (rc <= 0) {
            fprintf(stderr, "  libxenvchan_write after %zu bytes: %d\n", sent, rc);
            return false;
        }
        /* A partial write sends a prefix of the piece. */
        *crc = vs_crc32(*crc, buf, (size_t)rc);
        sent += (size_t)rc;
        piece = piece * 3 % sizeof(buf) + 1;
    }
    return true;
}

bool vs_receive(const struct vs_calls *vc, struct libxenvchan *ctrl, unsigned seed,
                size_t bytes, uint32_t *crc)
{
    static uint8_t buf[50000];
    size_t got = 0, bad;

    *crc = 0;
    while (got < bytes) {
        size_t want = bytes - got < sizeof(buf) ? bytes - got : sizeof(buf);
        int rc = vc->read(ctrl, buf, want);

        if (rc <= 0) {
            fprintf(stderr, "  libxenvchan_read after %zu bytes: %d\n", got, rc);
            return false;
        }
        *crc = vs_crc32(*crc, buf, (size_t)rc);
        if (!vs_matches(buf, seed, got, (size_t)rc, &bad)) {
            fprintf(stderr, "  byte %zu of the stream is wrong\n", bad);
            return false;
        }
        got += (size_t)rc;
    }
    return true;
}
