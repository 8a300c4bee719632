/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit chain's hash against the FIPS 180-4 / NIST example vectors. */
#include "config.h"

#include <string.h>

#include "sha256.h"
#include "tap.h"

static const char *
hash_of(const char *s, size_t repeat)
{
	static char hex[65];
	unsigned char d[32];
	struct sha256 c;
	size_t i;

	sha256_init(&c);
	for (i = 0; i < repeat; i++)
		sha256_update(&c, s, strlen(s));
	sha256_final(&c, d);
	sha256_hex(d, hex);
	return hex;
}

int
main(void)
{
	tap_is_str(hash_of("", 1),
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty input");
	tap_is_str(hash_of("abc", 1),
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	tap_is_str(hash_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1),
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "two-block message (448 bits)");
	tap_is_str(hash_of("a", 1000000),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "one million 'a' fed in single bytes");
	return tap_done();
}
