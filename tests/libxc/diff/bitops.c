/* SPDX-License-Identifier: MIT */
/*
 * The pure helpers of tools/libxc/bitops.c, on a table of inputs: the
 * lowest set bit of words of each width, and bitmaps converted between
 * 64-bit words and bytes for bit counts around the byte and word
 * boundaries (destinations prefilled, so what is written beyond the
 * count shows).
 */
#include <stdio.h>
#include <string.h>

#include "diff.h"

static const uint64_t words[] = {
    0, 1, 2, 0x80, 0x100, 0x8000, 0x10000, 0x80000000ULL, 0x100000000ULL,
    0x8000000000000000ULL, 0xffffffffffffffffULL, 0x0123456789abcdefULL,
    0xfedcba9876543210ULL, 0x0000f00000000000ULL, 0x00000000f0000000ULL,
};

static void ffs_table(void)
{
    char name[64];

    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        uint64_t w = words[i];

        snprintf(name, sizeof(name), "ffs of %#llx", (unsigned long long)w);
        t_result(name, "8:%d 16:%d 32:%d 64:%d", xc_ffs8((uint8_t)w), xc_ffs16((uint16_t)w),
                 xc_ffs32((uint32_t)w), xc_ffs64(w));
    }
}

static const int bit_counts[] = { -8, 0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 100, 128, 129, 192 };

static void bitmap_table(void)
{
    const uint64_t src64[3] = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL,
                                0x5555aaaa3333ccccULL };
    uint8_t src8[24];
    char name[64];

    for (unsigned i = 0; i < sizeof(src8); i++)
        src8[i] = (uint8_t)(0x11 * (i + 1) ^ 0x80);
    for (size_t i = 0; i < sizeof(bit_counts) / sizeof(bit_counts[0]); i++) {
        int nbits = bit_counts[i];
        uint8_t bytes[32];
        uint64_t lp[4];

        memset(bytes, 0xee, sizeof(bytes));
        bitmap_64_to_byte(bytes, src64, nbits);
        snprintf(name, sizeof(name), "bitmap_64_to_byte of %d bits", nbits);
        t_result(name, "%s", diff_hex(bytes, sizeof(bytes)));
        memset(lp, 0xee, sizeof(lp));
        bitmap_byte_to_64(lp, src8, nbits);
        snprintf(name, sizeof(name), "bitmap_byte_to_64 of %d bits", nbits);
        t_result(name, "%s", diff_hex(lp, sizeof(lp)));
    }
}

void diff_bitops(xc_interface *xch, const struct diff_domains *d)
{
    (void)xch;
    (void)d;
    ffs_table();
    bitmap_table();
}
