/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text: what dapter does to UTF-8 text on the way in (text_clean), on the
 * way to a terminal (text_fit, text_safe, text_width, text_initial) and when
 * it puts names in order (text_sort_key) or searches (text_casefold).
 *
 * All the Unicode knowledge (validity, NFC, case, widths, grapheme clusters)
 * comes from libunistring, never from the system locale: a server whose only
 * locale is C.UTF-8 must sort Kazakh names the way a Kazakh teacher expects.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "i18n.h"
#include "text.h"

#define TEXT_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

/*
 * Sort key layout (see text_sort_key):
 *   primary weights, KEY_SEPARATOR, one case byte per character,
 *   KEY_SEPARATOR, the original bytes.
 * KEY_SEPARATOR is below every weight byte, so a key whose characters are a
 * prefix of another's sorts first ("Әлиев" before "Әлиева").
 */
#define KEY_SEPARATOR	0x01
#define KEY_LOWER	0x02	/* lower case, or no case at all */
#define KEY_UPPER	0x03

/*
 * Primary weights. Each fits in one key byte (weight + 1, below 0x80);
 * characters outside these classes take three bytes from 0x80 upwards
 * holding their code point, so they sort after Latin, by code point.
 */
#define WEIGHT_SPACE	1	/* "Ан Бек" before "Анар" */
#define WEIGHT_HYPHEN	2	/* double surnames: "Ан-Бек" too */
#define WEIGHT_DIGIT	3	/* 0-9: 3..12 */
#define WEIGHT_CYRILLIC	13	/* 42 letters: 13..54 */
#define WEIGHT_LATIN	55	/* a-z: 55..80 */

/*
 * The Kazakh Cyrillic alphabet (lower case, U+0400 block) with each
 * letter's place: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф
 * Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я. Zero means "not a letter of the alphabet".
 */
static const unsigned char text_kazakh_place[256] = {
	[0x30] = 1,	/* а */
	[0xd9] = 2,	/* ә */
	[0x31] = 3,	/* б */
	[0x32] = 4,	/* в */
	[0x33] = 5,	/* г */
	[0x93] = 6,	/* ғ */
	[0x34] = 7,	/* д */
	[0x35] = 8,	/* е */
	[0x51] = 9,	/* ё */
	[0x36] = 10,	/* ж */
	[0x37] = 11,	/* з */
	[0x38] = 12,	/* и */
	[0x39] = 13,	/* й */
	[0x3a] = 14,	/* к */
	[0x9b] = 15,	/* қ */
	[0x3b] = 16,	/* л */
	[0x3c] = 17,	/* м */
	[0x3d] = 18,	/* н */
	[0xa3] = 19,	/* ң */
	[0x3e] = 20,	/* о */
	[0xe9] = 21,	/* ө */
	[0x3f] = 22,	/* п */
	[0x40] = 23,	/* р */
	[0x41] = 24,	/* с */
	[0x42] = 25,	/* т */
	[0x43] = 26,	/* у */
	[0xb1] = 27,	/* ұ */
	[0xaf] = 28,	/* ү */
	[0x44] = 29,	/* ф */
	[0x45] = 30,	/* х */
	[0xbb] = 31,	/* һ */
	[0x46] = 32,	/* ц */
	[0x47] = 33,	/* ч */
	[0x48] = 34,	/* ш */
	[0x49] = 35,	/* щ */
	[0x4a] = 36,	/* ъ */
	[0x4b] = 37,	/* ы */
	[0x56] = 38,	/* і */
	[0x4c] = 39,	/* ь */
	[0x4d] = 40,	/* э */
	[0x4e] = 41,	/* ю */
	[0x4f] = 42,	/* я */
};

/* Bidi embeddings, overrides, isolates and marks: they reorder what follows. */
static int
text_is_bidi(ucs4_t uc)
{
	return (uc >= 0x202a && uc <= 0x202e) ||
	    (uc >= 0x2066 && uc <= 0x2069) || uc == 0x200e || uc == 0x200f ||
	    uc == 0x061c;
}

/* C0, DEL, C1, the line and paragraph separators and a stray BOM. */
static int
text_is_control(ucs4_t uc)
{
	return uc < 0x20 || (uc >= 0x7f && uc <= 0x9f) || uc == 0x2028 ||
	    uc == 0x2029 || uc == 0xfeff;
}

/*
 * Characters that show nothing (Unicode's default ignorables: zero-width
 * space and joiners, soft hyphen, word joiner, Hangul fillers, variation
 * selectors, tags): "Әлиев\u200b" would print as "Әлиев", and two pupils
 * would read the same on every page and sort apart.
 */
static int
text_is_invisible(ucs4_t uc)
{
	return uc_is_property_default_ignorable_code_point(uc);
}

static int
text_is_printable(ucs4_t uc)
{
	return !text_is_control(uc) && !text_is_bidi(uc) && !text_is_invisible(uc);
}

/* Columns a character takes once text_safe() has passed over it. */
static size_t
text_char_width(ucs4_t uc)
{
	int w;

	if (!text_is_printable(uc))
		return 1;	/* shown as U+FFFD */
	w = uc_width(uc, "UTF-8");
	return w < 0 ? 1 : (size_t)w;
}

char *
text_clean(const char *in, size_t max_bytes, int flags, enum text_error *err)
{
	const uint8_t *s = (const uint8_t *)in, *end = NULL;
	uint8_t *folded = NULL, *nfc = NULL;
	char *out = NULL;
	enum text_error e = TEXT_OK;
	size_t len, n = 0, nfclen = 0;
	int space = 0, mblen;
	ucs4_t uc;

	len = strlen(in);
	end = s + len;
	if (u8_check(s, len) != NULL) {
		e = TEXT_BAD_UTF8;
		goto out;
	}
	if ((folded = malloc(len + 1)) == NULL) {
		e = TEXT_NO_MEMORY;
		goto out;
	}

	/*
	 * One pass: refuse what must not be stored, turn tabs and no-break
	 * spaces into plain spaces, and keep a space only between two other
	 * characters of the same line. Nothing here makes the text longer.
	 */
	for (; s < end; s += mblen) {
		mblen = u8_mbtouc_unsafe(&uc, s, end - s);
		/* Every kind of space (U+2003, U+3000...) prints as one. */
		if (uc == ' ' || uc == '\t' || uc_is_general_category(uc, UC_SPACE_SEPARATOR)) {
			space = 1;
			continue;
		}
		if ((flags & TEXT_ALLOW_NEWLINE) && (uc == '\n' ||
		    (uc == '\r' && s + 1 < end && s[1] == '\n'))) {
			/* CRLF (Windows) is one newline. */
			if (uc == '\r')
				mblen = 2;
			space = 0;
			if (n > 0)
				folded[n++] = '\n';
			continue;
		}
		if (text_is_bidi(uc)) {
			e = TEXT_BIDI;
			goto out;
		}
		if (text_is_control(uc)) {
			e = TEXT_CONTROL;
			goto out;
		}
		/* A phone's emoji carry a presentation selector: the emoji stays, it goes. */
		if (uc == 0xfe0e || uc == 0xfe0f)
			continue;
		if (text_is_invisible(uc)) {
			e = TEXT_INVISIBLE;
			goto out;
		}
		if (space && n > 0 && folded[n - 1] != '\n')
			folded[n++] = ' ';
		space = 0;
		memcpy(folded + n, s, mblen);
		n += mblen;
	}
	while (n > 0 && folded[n - 1] == '\n')
		n--;

	if (n > 0) {
		nfc = u8_normalize(UNINORM_NFC, folded, n, NULL, &nfclen);
		if (nfc == NULL) {
			e = TEXT_NO_MEMORY;
			goto out;
		}
	}
	if (nfclen == 0 && !(flags & TEXT_ALLOW_EMPTY)) {
		e = TEXT_EMPTY;
		goto out;
	}
	if (max_bytes != 0 && nfclen > max_bytes) {
		e = TEXT_TOO_LONG;
		goto out;
	}
	if ((out = malloc(nfclen + 1)) == NULL) {
		e = TEXT_NO_MEMORY;
		goto out;
	}
	if (nfclen > 0)
		memcpy(out, nfc, nfclen);
	out[nfclen] = '\0';

out:
	free(folded);
	free(nfc);
	if (err != NULL)
		*err = e;
	return out;
}

const char *
text_error_message(enum text_error err)
{
	switch (err) {
	case TEXT_OK:
		return _("The text is fine.");
	case TEXT_EMPTY:
		return _("The text is empty. Type a value.");
	case TEXT_BAD_UTF8:
		/* L10N: "CSV UTF-8" is the format's name in Excel's Save As. */
		return _("The text is not valid UTF-8. "
		    "Save the file as CSV UTF-8 and try again.");
	case TEXT_CONTROL:
		return _("The text contains a control character. "
		    "Type it again without it.");
	case TEXT_BIDI:
		return _("The text contains a hidden character that changes "
		    "its direction. Type it again instead of pasting it.");
	case TEXT_INVISIBLE:
		return _("The text contains an invisible character (a zero-width space or "
		    "joiner, a soft hyphen). Type it again instead of pasting it.");
	case TEXT_TOO_LONG:
		return _("The text is too long. Shorten it.");
	case TEXT_NO_MEMORY:
		return _("Out of memory. Try again with a shorter text.");
	}
	abort();
}

int
text_is_utf8(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

/*
 * Decodes `s` into malloc'd NFC code points; malformed bytes become U+FFFD
 * (the original bytes still break ties in the sort key).
 */
static uint32_t *
text_to_nfc32(const char *s, size_t *count)
{
	const uint8_t *p = (const uint8_t *)s, *end = NULL;
	uint32_t *cps = NULL, *nfc = NULL;
	size_t len, n = 0;
	ucs4_t uc;

	*count = 0;
	len = strlen(s);
	end = p + len;
	if ((cps = calloc(len + 1, sizeof *cps)) == NULL)
		goto out;
	while (p < end) {
		p += u8_mbtouc(&uc, p, end - p);
		cps[n++] = uc;
	}
	if (n == 0) {
		nfc = cps;
		cps = NULL;
		goto out;
	}
	nfc = u32_normalize(UNINORM_NFC, cps, n, NULL, count);

out:
	free(cps);
	return nfc;
}

/* Appends the primary weight of one lower-case character to the key. */
static size_t
text_key_weight(ucs4_t uc, uint8_t *key)
{
	unsigned int weight = 0;

	if (uc == ' ' || uc == '\t' || uc == '\n' || uc == 0xa0)
		weight = WEIGHT_SPACE;
	else if (uc == '-' || uc == 0x2010 || uc == 0x2011)
		weight = WEIGHT_HYPHEN;
	else if (uc >= '0' && uc <= '9')
		weight = WEIGHT_DIGIT + (uc - '0');
	else if (uc >= 0x400 && uc <= 0x4ff && text_kazakh_place[uc - 0x400])
		weight = WEIGHT_CYRILLIC + text_kazakh_place[uc - 0x400] - 1;
	else if (uc >= 'a' && uc <= 'z')
		weight = WEIGHT_LATIN + (uc - 'a');
	if (weight != 0) {
		key[0] = KEY_SEPARATOR + weight;
		return 1;
	}

	/* 21 bits in three bytes of 0x80..0xff: after every one-byte weight. */
	key[0] = 0x80 | (uc >> 14);
	key[1] = 0x80 | ((uc >> 7) & 0x7f);
	key[2] = 0x80 | (uc & 0x7f);
	return 3;
}

char *
text_sort_key(const char *s)
{
	uint32_t *cps = NULL;
	uint8_t *key = NULL;
	size_t n, i, len, k = 0;
	ucs4_t lower;

	len = strlen(s);
	if ((cps = text_to_nfc32(s, &n)) == NULL)
		goto out;
	/* Up to 3 primary bytes and 1 case byte a character, 2 separators. */
	if (n > (SIZE_MAX - len - 3) / 4)
		goto out;
	if ((key = malloc(4 * n + len + 3)) == NULL)
		goto out;

	for (i = 0; i < n; i++)
		k += text_key_weight(uc_tolower(cps[i]), key + k);
	key[k++] = KEY_SEPARATOR;
	for (i = 0; i < n; i++) {
		lower = uc_tolower(cps[i]);
		key[k++] = lower != cps[i] ? KEY_UPPER : KEY_LOWER;
	}
	key[k++] = KEY_SEPARATOR;
	/* A C string has no NUL inside, so the bytes need no escaping. */
	memcpy(key + k, s, len + 1);

out:
	free(cps);
	return (char *)key;
}

int
text_compare(const char *a, const char *b)
{
	char *ka = NULL, *kb = NULL;
	int cmp;

	ka = text_sort_key(a);
	kb = text_sort_key(b);
	/* Out of memory: some order is better than none. */
	if (ka == NULL || kb == NULL)
		cmp = strcmp(a, b);
	else
		cmp = strcmp(ka, kb);
	free(ka);
	free(kb);
	return cmp;
}

char *
text_casefold(const char *s)
{
	uint8_t *folded = NULL;
	char *out = NULL;
	size_t len, n = 0;

	len = strlen(s);
	if (len > 0) {
		folded = u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFC,
		    NULL, &n);
		if (folded == NULL)
			goto out;
	}
	if ((out = malloc(n + 1)) == NULL)
		goto out;
	if (n > 0)
		memcpy(out, folded, n);
	out[n] = '\0';

out:
	free(folded);
	return out;
}

size_t
text_width(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = NULL;
	size_t width = 0;
	ucs4_t uc;

	end = p + strlen(s);
	while (p < end) {
		p += u8_mbtouc(&uc, p, end - p);
		width += text_char_width(uc);
	}
	return width;
}

/*
 * A copy of `s` in which malformed bytes and every character that could
 * move the cursor, start an escape sequence or reorder text is U+FFFD.
 */
static uint8_t *
text_sanitize(const char *s, size_t *outlen)
{
	const uint8_t *p = (const uint8_t *)s, *end = NULL;
	uint8_t *out = NULL;
	size_t len, n = 0;
	int mblen;
	ucs4_t uc;

	len = strlen(s);
	end = p + len;
	/* One byte can become the three of U+FFFD. */
	if (len > (SIZE_MAX - 1) / 3)
		goto out;
	if ((out = malloc(3 * len + 1)) == NULL)
		goto out;
	for (; p < end; p += mblen) {
		mblen = u8_mbtouc(&uc, p, end - p);
		if (uc == 0xfffd || !text_is_printable(uc)) {
			memcpy(out + n, TEXT_REPLACEMENT, 3);
			n += 3;
		} else {
			memcpy(out + n, p, mblen);
			n += mblen;
		}
	}
	out[n] = '\0';
	*outlen = n;

out:
	return out;
}

char *
text_fit(const char *s, size_t cols, size_t *width)
{
	const uint8_t *p = NULL, *next = NULL, *q = NULL, *end = NULL;
	uint8_t *safe = NULL;
	size_t len = 0, used = 0, w;
	int mblen;
	ucs4_t uc;

	if ((safe = text_sanitize(s, &len)) == NULL)
		goto out;
	end = safe + len;
	for (p = safe; p < end; p = next) {
		next = u8_grapheme_next(p, end);
		w = 0;
		for (q = p; q < next; q += mblen) {
			mblen = u8_mbtouc_unsafe(&uc, q, next - q);
			w += text_char_width(uc);
		}
		if (w > cols - used)
			break;
		used += w;
	}
	safe[p - safe] = '\0';

out:
	if (width != NULL)
		*width = used;
	return (char *)safe;
}

const char *
text_skip(const char *s, size_t cols)
{
	const uint8_t *p = (const uint8_t *)s, *next = NULL, *q = NULL;
	const uint8_t *end = p + strlen(s);
	size_t used = 0;
	int mblen;
	ucs4_t uc;

	for (; p < end && used < cols; p = next) {
		next = u8_grapheme_next(p, end);
		for (q = p; q < next; q += mblen) {
			if ((mblen = u8_mbtouc(&uc, q, next - q)) <= 0)
				mblen = 1;
			used += text_char_width(uc);
		}
	}
	return (const char *)p;
}

char *
text_safe(const char *s)
{
	size_t len;

	return (char *)text_sanitize(s, &len);
}

size_t
text_initial(const char *s, char *out, size_t outsize)
{
	const uint8_t *next = NULL;
	uint8_t *safe = NULL, *upper = NULL;
	size_t len = 0, n = 0;

	if (outsize == 0)
		goto out;
	out[0] = '\0';
	if ((safe = text_sanitize(s, &len)) == NULL || len == 0)
		goto out;
	next = u8_grapheme_next(safe, safe + len);
	upper = u8_toupper(safe, next - safe, NULL, UNINORM_NFC, NULL, &n);
	if (upper == NULL || n >= outsize) {
		/* Nothing rather than half a character. */
		n = 0;
		goto out;
	}
	memcpy(out, upper, n);
	out[n] = '\0';

out:
	free(safe);
	free(upper);
	return n;
}

size_t
text_wrap(const char *s, size_t cols, size_t *next)
{
	const uint8_t *start = (const uint8_t *)s, *p = start, *end = NULL, *g = NULL;
	const uint8_t *space = NULL;
	size_t used = 0, w;
	int mblen;
	ucs4_t uc;

	end = start + strlen(s);
	for (; p < end && *p != '\n'; p = g) {
		g = u8_grapheme_next(p, end);
		w = 0;
		for (const uint8_t *q = p; q < g; q += mblen) {
			mblen = u8_mbtouc(&uc, q, g - q);
			w += text_char_width(uc);
		}
		/* One grapheme at least, even one wider than the line: no endless loop. */
		if (used + w > cols && p > start)
			break;
		if (*p == ' ')
			space = p;
		used += w;
	}
	if (p < end && *p == '\n') {
		*next = (size_t)(p - start) + 1;
		return (size_t)(p - start);
	}
	/* Broken inside the text: at its last space when it has one, the space dropped. */
	if (p < end && *p == ' ') {
		*next = (size_t)(p - start) + 1;
		return (size_t)(p - start);
	}
	if (p < end && space != NULL && space > start) {
		*next = (size_t)(space - start) + 1;
		return (size_t)(space - start);
	}
	*next = (size_t)(p - start);
	return (size_t)(p - start);
}
