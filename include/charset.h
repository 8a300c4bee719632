/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * charset: turns the bytes of a file a school sends us into UTF-8.
 *
 * Russian Excel saves CSV as Windows-1251; "Unicode text" is UTF-16 with a
 * BOM; "CSV UTF-8" starts with a BOM. We accept exactly these and refuse
 * anything else, so nothing is ever stored as mojibake.
 */
#ifndef DAPTER_CHARSET_H
#define DAPTER_CHARSET_H

#include <stddef.h>

enum charset {
	CHARSET_UTF8,		/* valid UTF-8, no BOM */
	CHARSET_UTF8_BOM,	/* valid UTF-8 after a BOM (stripped) */
	CHARSET_UTF16LE,	/* BOM FF FE */
	CHARSET_UTF16BE,	/* BOM FE FF */
	CHARSET_CP1251,		/* not UTF-8, and looks like Windows-1251 Cyrillic */
	CHARSET_UNKNOWN,	/* refused */
};

/*
 * Detects the encoding of buf[0..len) and returns a malloc'd, NUL-terminated
 * UTF-8 copy (BOM removed, CRLF kept as is), or NULL when the bytes are in no
 * encoding we accept, contain NUL bytes, or are malformed UTF-16.
 * *detected (may be NULL) gets what was found, also on failure.
 */
char *charset_to_utf8(const char *buf, size_t len, enum charset *detected);

/* "UTF-8", "Windows-1251", ... for messages. */
const char *charset_name(enum charset cs);

#endif
