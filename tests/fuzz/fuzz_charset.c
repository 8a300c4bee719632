/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_charset: bytes of any encoding through charset_to_utf8() and the
 * text functions that stand between user input and a terminal or the
 * database.
 *
 * Each function runs on the converted text and on the raw bytes (which
 * need not be UTF-8: the terminal-facing ones must cope). The invariants are
 * the promises of text.h that the UI and the SSH server build on:
 *   - charset_to_utf8() returns valid UTF-8 or nothing;
 *   - text_safe() and text_fit() return valid UTF-8 without C0, DEL, C1,
 *     ESC or bidi controls, and text_fit() stays within its columns;
 *   - text_clean() returns valid NFC UTF-8 free of controls within its
 *     limit, and cleaning twice changes nothing;
 *   - sort keys are NUL-free: two strings have equal keys only if they
 *     are equal (a NUL inside a key would cut it short and tie them).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "fuzz.h"
#include "text.h"

#define T "fuzz_charset"

static void
check_terminal(const char *s, size_t cols)
{
	char *safe = NULL, *fit = NULL, initial[16];
	size_t width = (size_t)-1;

	if ((safe = text_safe(s)) == NULL)
		fuzz_fail(T, "text_safe() returned NULL");
	if (!text_is_utf8(safe, strlen(safe)))
		fuzz_fail(T, "text_safe() output is not UTF-8");
	if (!fuzz_terminal_safe(safe, 0))
		fuzz_fail(T, "text_safe() output holds a control character");

	if ((fit = text_fit(s, cols, &width)) == NULL)
		fuzz_fail(T, "text_fit() returned NULL");
	if (width > cols)
		fuzz_fail(T, "text_fit() is wider than its columns");
	if (text_width(fit) != width)
		fuzz_fail(T, "text_fit() reports another width than text_width() measures");
	if (!text_is_utf8(fit, strlen(fit)))
		fuzz_fail(T, "text_fit() output is not UTF-8");
	if (!fuzz_terminal_safe(fit, 0))
		fuzz_fail(T, "text_fit() output holds a control character");
	if (strncmp(safe, fit, strlen(fit)) != 0)
		fuzz_fail(T, "text_fit() is not a prefix of text_safe()");

	text_initial(s, initial, sizeof initial);
	if (!text_is_utf8(initial, strlen(initial)) || !fuzz_terminal_safe(initial, 0))
		fuzz_fail(T, "text_initial() output is not safe UTF-8");
	free(safe);
	free(fit);
}

static void
check_clean(const char *s, size_t max, int flags)
{
	enum text_error err = TEXT_OK, err2 = TEXT_OK;
	char *clean = NULL, *again = NULL, *fold = NULL;

	clean = text_clean(s, max, flags, &err);
	if (clean == NULL) {
		if (err == TEXT_OK)
			fuzz_fail(T, "text_clean() refused without a reason");
		if (text_error_message(err) == NULL || *text_error_message(err) == '\0')
			fuzz_fail(T, "text_clean() reason has no sentence");
		return;
	}
	if (err != TEXT_OK)
		fuzz_fail(T, "text_clean() returned text and an error");
	if (strlen(clean) > max)
		fuzz_fail(T, "text_clean() output is over its limit");
	if (!text_is_utf8(clean, strlen(clean)))
		fuzz_fail(T, "text_clean() output is not UTF-8");
	if (!fuzz_terminal_safe(clean, flags & TEXT_ALLOW_NEWLINE))
		fuzz_fail(T, "text_clean() output holds a control character");
	if (*clean == '\0' && !(flags & TEXT_ALLOW_EMPTY))
		fuzz_fail(T, "text_clean() returned empty text it was told to refuse");
	if ((again = text_clean(clean, max, flags, &err2)) == NULL ||
	    strcmp(again, clean) != 0)
		fuzz_fail(T, "text_clean() of its own output changes it");
	if ((fold = text_casefold(clean)) == NULL)
		fuzz_fail(T, "text_casefold() refused clean text");
	free(fold);
	free(again);
	free(clean);
}

static void
check_sort(const char *a, const char *b)
{
	char *ka = NULL, *kb = NULL;
	int same_text, same_key;

	if ((ka = text_sort_key(a)) == NULL || (kb = text_sort_key(b)) == NULL)
		fuzz_fail(T, "text_sort_key() returned NULL");
	same_text = strcmp(a, b) == 0;
	same_key = strcmp(ka, kb) == 0;
	if (same_text != same_key)
		fuzz_fail(T, "sort keys tie for different strings (a NUL in a key?)");
	if ((text_compare(a, b) < 0) != (strcmp(ka, kb) < 0))
		fuzz_fail(T, "text_compare() disagrees with the sort keys");
	free(ka);
	free(kb);
}

static void
check_text(const char *s, const uint8_t *data, size_t size)
{
	/* Limits of the store's fields and the widths of the UI's columns. */
	static const size_t maxes[] = { 32, 120, 400, 1000 };
	size_t cols = size > 0 ? data[0] % 41 : 0;
	int flags = size > 1 ? data[1] & (TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE) : 0;
	size_t max = maxes[size > 2 ? data[2] & 3 : 0];
	size_t half = strlen(s) / 2;
	char *a = NULL;

	check_terminal(s, cols);
	check_clean(s, max, flags);
	(void)text_width(s);
	if ((a = strdup(s)) == NULL)
		abort();
	a[half] = '\0';
	check_sort(a, s + half);
	check_sort(s, s);
	free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum charset cs = CHARSET_UNKNOWN;
	char *raw = NULL, *utf8 = NULL;

	if ((utf8 = charset_to_utf8((const char *)data, size, &cs)) != NULL) {
		if (!text_is_utf8(utf8, strlen(utf8)))
			fuzz_fail(T, "charset_to_utf8() returned text that is not UTF-8");
		if (cs == CHARSET_UNKNOWN)
			fuzz_fail(T, "charset_to_utf8() converted from an unknown charset");
		check_text(utf8, data, size);
	}
	if (charset_name(cs) == NULL)
		fuzz_fail(T, "charset_name() returned NULL");
	raw = fuzz_cstring(data, size);
	check_text(raw, data, size);
	free(raw);
	free(utf8);
	return 0;
}
