/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Bit helpers upstream's library exports (its private header declares
 * them for libxenguest): the lowest set bit of a word, and bitmaps
 * converted between arrays of 64-bit words and of bytes, both
 * little-endian by bit number.
 */
#include "private.h"

/* Bit positions count from 1; 0 for no bit set (as ffs(3)). */
EXPORT int xc_ffs8(uint8_t x)
{
    return x ? __builtin_ctz(x) + 1 : 0;
}

EXPORT int xc_ffs16(uint16_t x)
{
    return x ? __builtin_ctz(x) + 1 : 0;
}

EXPORT int xc_ffs32(uint32_t x)
{
    return x ? __builtin_ctz(x) + 1 : 0;
}

EXPORT int xc_ffs64(uint64_t x)
{
    return x ? __builtin_ctzll(x) + 1 : 0;
}

/* Whole bytes are converted: the bits of nbits' last byte above nbits
 * come along, and bitmap_byte_to_64 zeroes the rest of the last word.
 * nbits of 0 or less touches nothing. */
EXPORT void bitmap_64_to_byte(uint8_t *bp, const uint64_t *lp, int nbits)
{
    for (int byte = 0; nbits > 0; byte++, nbits -= 8)
        bp[byte] = (uint8_t)(lp[byte / 8] >> (8 * (byte % 8)));
}

EXPORT void bitmap_byte_to_64(uint64_t *lp, const uint8_t *bp, int nbits)
{
    for (int byte = 0; nbits > 0; byte++, nbits -= 8) {
        if (byte % 8 == 0)
            lp[byte / 8] = 0;
        lp[byte / 8] |= (uint64_t)bp[byte] << (8 * (byte % 8));
    }
}
