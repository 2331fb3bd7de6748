/* SPDX-License-Identifier: MIT */
/*
 * kexec-e2e-load: loads, through libxenkexec, a crash image of its own
 * making into Xen's crash region, for tests/kexec/e2e.
 *
 * The image is a few bytes of x86-64 code with no purgatory and no kernel:
 * it writes a marker line to COM1 (port 0x3f8, which Xen's console set up)
 * and resets the machine through port 0xcf9, so that QEMU (-no-reboot)
 * exits.  Xen enters a 64-bit image in long mode with its segments mapped
 * 1:1, so the code needs no set-up.  Seeing the marker on the console
 * proves that Xen started the image loaded by this library, at its entry
 * point, with its data where the segment said.
 *
 * Prints "loaded at ADDRESS" and exits 0, or says why it failed and exits 1.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <xenkexec.h>

#define MARKER "XENKEXEC-E2E: the crash image loaded by libxenkexec is running"

static size_t emit(unsigned char *p, const unsigned char *bytes, size_t n)
{
    memcpy(p, bytes, n);
    return n;
}

/* The image's code, returns its length. */
static size_t build_image(unsigned char *p)
{
    static const unsigned char com1[] = { 0x66, 0xba, 0xf8, 0x03 };         /* mov $0x3f8,%dx */
    static const unsigned char reset[] = { 0x66, 0xba, 0xf9, 0x0c,         /* mov $0xcf9,%dx */
                                           0xb0, 0x06, 0xee };              /* mov $6,%al; out */
    static const unsigned char halt[] = { 0xfa, 0xf4, 0xeb, 0xfd };         /* cli; 1: hlt; jmp 1b */
    const char *line = "\r\n" MARKER "\r\n";
    size_t n = emit(p, com1, sizeof(com1));

    for (const char *c = line; *c; c++) {
        const unsigned char out[] = { 0xb0, (unsigned char)*c, 0xee };     /* mov $c,%al; out */

        n += emit(p + n, out, sizeof(out));
    }
    n += emit(p + n, reset, sizeof(reset));
    return n + emit(p + n, halt, sizeof(halt));
}

int main(void)
{
    static unsigned char code[4096];
    xenkexec_handle *xk = xenkexec_open(NULL, 0);
    uint64_t start, size;
    xenkexec_segment seg;

    if (!xk || xenkexec_get_range(xk, XENKEXEC_RANGE_CRASH, 0, &start, &size) < 0 || !size) {
        fprintf(stderr, "kexec-e2e-load: no crash region to load into\n");
        return 1;
    }
    seg = (xenkexec_segment){ code, build_image(code), start, sizeof(code) };
    if (xenkexec_load(xk, XENKEXEC_TYPE_CRASH, EM_X86_64, start, &seg, 1) < 0 ||
        xenkexec_status(xk, XENKEXEC_TYPE_CRASH) != 1) {
        fprintf(stderr, "kexec-e2e-load: the crash image did not load\n");
        return 1;
    }
    printf("loaded at %#llx\n", (unsigned long long)start);
    return xenkexec_close(xk) == 0 ? 0 : 1;
}
