/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz: what every libFuzzer target in tests/fuzz shares.
 *
 * libFuzzer hands us bytes without a terminating NUL; our parsers take C
 * strings, so each target copies the input first. A broken invariant must
 * stop the run with a message that says which one, so fuzz_fail() prints
 * it and aborts, and libFuzzer saves the input that did it.
 */
#ifndef DAPTER_FUZZ_H
#define DAPTER_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static inline void
fuzz_fail(const char *target, const char *what)
{
	fprintf(stderr, "%s: invariant broken: %s\n", target, what);
	abort();
}

/* A NUL-terminated copy of data[0..size), NUL bytes inside kept (they end the string). */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = NULL;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * 1 when `s` holds nothing a terminal would act on: no C0 control, DEL, C1
 * control (U+0080..U+009F, bytes C2 80..C2 9F) or bidi control (U+202A..E,
 * U+2066..9). `newline_ok` lets '\n' through for multi-line fields.
 */
static inline int
fuzz_terminal_safe(const char *s, int newline_ok)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '\n' && newline_ok)
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			return 0;
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			return 0;
	}
	return 1;
}

#endif
