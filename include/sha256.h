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

#endif
