/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sha256: FIPS 180-4 SHA-256, for the audit chain.
 *
 * Small enough to own: the chain must be checkable by anyone with
 * `sha256sum`, so we need only the plain hash, not a crypto library.
 */
#ifndef DAPTER_SHA256_H
#define DAPTER_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char digest[32]);
/* Lower-case hex of the digest into out[65]. */
void sha256_hex(const unsigned char digest[32], char out[65]);

/*
 * One line of a SHA256SUMS file (no newline), as sha256sum writes it:
 * "HEX  NAME" (text mode) or "HEX *NAME" (binary), HEX 64 lower-case
 * digits. SHA256SUMS_OK sets *name to the file name inside `line`, never
 * empty, never absolute and never holding "..", so it stays inside the
 * archive; SHA256SUMS_MALFORMED and SHA256SUMS_OUTSIDE leave it NULL.
 */
enum { SHA256SUMS_OK = 0, SHA256SUMS_MALFORMED = -1, SHA256SUMS_OUTSIDE = -2 };
int sha256sums_line(const char *line, const char **name);

#endif
