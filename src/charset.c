/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * charset: recognises the few encodings a school's spreadsheet can come in
 * (UTF-8 with or without a BOM, UTF-16 with a BOM, Windows-1251) and turns
 * them into UTF-8. See charset.h.
 *
 * The Windows-1251 table and the UTF-16 decoder are our own so the result
 * does not depend on which iconv modules a server happens to have. Anything
 * we are not sure about is refused: a clear "save it as CSV UTF-8" is better
 * than a roster of mojibake.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "charset.h"
#include "i18n.h"

/* Windows-1251 bytes 0x80-0xff as Unicode; 0 marks 0x98, the unused one. */
static const uint16_t charset_cp1251[128] = {
	0x0402, 0x0403, 0x201a, 0x0453, 0x201e, 0x2026, 0x2020, 0x2021, /* 80 */
	0x20ac, 0x2030, 0x0409, 0x2039, 0x040a, 0x040c, 0x040b, 0x040f, /* 88 */
	0x0452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, /* 90 */
	0x0000, 0x2122, 0x0459, 0x203a, 0x045a, 0x045c, 0x045b, 0x045f, /* 98 */
	0x00a0, 0x040e, 0x045e, 0x0408, 0x00a4, 0x0490, 0x00a6, 0x00a7, /* a0 */
	0x0401, 0x00a9, 0x0404, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x0407, /* a8 */
	0x00b0, 0x00b1, 0x0406, 0x0456, 0x0491, 0x00b5, 0x00b6, 0x00b7, /* b0 */
	0x0451, 0x2116, 0x0454, 0x00bb, 0x0458, 0x0405, 0x0455, 0x0457, /* b8 */
	0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, /* c0 */
	0x0418, 0x0419, 0x041a, 0x041b, 0x041c, 0x041d, 0x041e, 0x041f, /* c8 */
	0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, /* d0 */
	0x0428, 0x0429, 0x042a, 0x042b, 0x042c, 0x042d, 0x042e, 0x042f, /* d8 */
	0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, /* e0 */
	0x0438, 0x0439, 0x043a, 0x043b, 0x043c, 0x043d, 0x043e, 0x043f, /* e8 */
	0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, /* f0 */
	0x0448, 0x0449, 0x044a, 0x044b, 0x044c, 0x044d, 0x044e, 0x044f, /* f8 */
};

static size_t
charset_put_utf8(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = 0xc0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = 0xe0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3f);
		o[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	o[0] = 0xf0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3f);
	o[2] = 0x80 | ((cp >> 6) & 0x3f);
	o[3] = 0x80 | (cp & 0x3f);
	return 4;
}

static int
charset_ascii_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* А-я, Ё ё, and the І і Ў ў Є є Ї ї Ґ ґ that Kazakh and Ukrainian files use. */
static int
charset_cp1251_letter(unsigned char c)
{
	return c >= 0xc0 || c == 0xa8 || c == 0xb8 || c == 0xb2 || c == 0xb3 ||
	    c == 0xa1 || c == 0xa2 || c == 0xaa || c == 0xba || c == 0xaf ||
	    c == 0xbf || c == 0xa5 || c == 0xb4;
}

/*
 * Bytes that are not UTF-8 look like Windows-1251 Cyrillic when they hold
 * no control bytes a text file would not have, when at least four in five
 * high bytes are Cyrillic letters, and when those letters make words of
 * their own: in Latin-1 "Müller" the 0xfc sits between ASCII letters, in
 * Cyrillic text a letter next to an ASCII letter is rare.
 */
static int
charset_looks_cp1251(const unsigned char *s, size_t len)
{
	size_t i, high = 0, letters = 0, mixed = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f || c == 0x98)
			return 0;
		if (c < 0x80)
			continue;
		high++;
		if (!charset_cp1251_letter(c))
			continue;
		letters++;
		if ((i > 0 && charset_ascii_letter(s[i - 1])) ||
		    (i + 1 < len && charset_ascii_letter(s[i + 1])))
			mixed++;
	}
	return high > 0 && letters >= high - high / 5 && mixed <= letters / 4;
}

static char *
charset_from_cp1251(const unsigned char *s, size_t len)
{
	char *out = NULL;
	size_t i, n = 0;

	if (len > (SIZE_MAX - 1) / 3)
		goto out;
	if ((out = malloc(3 * len + 1)) == NULL)
		goto out;
	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			out[n++] = s[i];
		else
			n += charset_put_utf8(out + n,
			    charset_cp1251[s[i] - 0x80]);
	}
	out[n] = '\0';

out:
	return out;
}

/* UTF-16 after its BOM; NULL if cut short, on a lone surrogate or a NUL. */
static char *
charset_from_utf16(const unsigned char *s, size_t len, int big_endian)
{
	char *out = NULL;
	size_t i, n = 0;
	uint32_t u, lo;

	if (len % 2 != 0 || len / 2 > (SIZE_MAX - 1) / 3)
		goto fail;
	/* A unit takes at most 3 bytes of UTF-8, a surrogate pair 4. */
	if ((out = malloc(len / 2 * 3 + 1)) == NULL)
		goto fail;
	for (i = 0; i < len; i += 2) {
		u = big_endian ? (s[i] << 8 | s[i + 1]) :
		    (s[i + 1] << 8 | s[i]);
		if (u == 0 || (u >= 0xdc00 && u <= 0xdfff))
			goto fail;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 3 >= len)
				goto fail;
			i += 2;
			lo = big_endian ? (s[i] << 8 | s[i + 1]) :
			    (s[i + 1] << 8 | s[i]);
			if (lo < 0xdc00 || lo > 0xdfff)
				goto fail;
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		}
		n += charset_put_utf8(out + n, u);
	}
	out[n] = '\0';
	return out;

fail:
	free(out);
	return NULL;
}

static char *
charset_copy(const char *s, size_t len)
{
	char *out = NULL;

	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

char *
charset_to_utf8(const char *buf, size_t len, enum charset *detected)
{
	const unsigned char *s = (const unsigned char *)buf;
	enum charset cs = CHARSET_UNKNOWN;
	char *out = NULL;

	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe) {
		cs = CHARSET_UTF16LE;
		out = charset_from_utf16(s + 2, len - 2, 0);
		goto out;
	}
	if (len >= 2 && s[0] == 0xfe && s[1] == 0xff) {
		cs = CHARSET_UTF16BE;
		out = charset_from_utf16(s + 2, len - 2, 1);
		goto out;
	}
	if (memchr(s, '\0', len) != NULL)
		goto out;
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		cs = CHARSET_UTF8_BOM;
		if (u8_check(s + 3, len - 3) == NULL)
			out = charset_copy(buf + 3, len - 3);
		goto out;
	}
	if (u8_check(s, len) == NULL) {
		cs = CHARSET_UTF8;
		out = charset_copy(buf, len);
		goto out;
	}
	if (charset_looks_cp1251(s, len)) {
		cs = CHARSET_CP1251;
		out = charset_from_cp1251(s, len);
	}

out:
	if (detected != NULL)
		*detected = cs;
	return out;
}

const char *
charset_name(enum charset cs)
{
	switch (cs) {
	case CHARSET_UTF8:
		return "UTF-8";
	case CHARSET_UTF8_BOM:
		return "UTF-8 (BOM)";
	case CHARSET_UTF16LE:
		return "UTF-16LE";
	case CHARSET_UTF16BE:
		return "UTF-16BE";
	case CHARSET_CP1251:
		return "Windows-1251";
	case CHARSET_UNKNOWN:
		/* L10N: the encoding of a file we could not recognise. */
		return _("an unknown encoding");
	}
	abort();
}
