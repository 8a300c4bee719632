/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text: UTF-8 text as dapter accepts, stores, sorts and shows it.
 *
 * Everything a user types (names, topics, homework, logins) passes
 * text_clean() before it is stored: it must be valid UTF-8, free of control
 * characters, escape sequences, bidi overrides and invisible characters
 * (zero-width spaces and joiners...), and is normalized to NFC.
 * Anything shown on a terminal passes text_fit() or text_safe(), which never
 * emit a control character and never cut a character (grapheme) in half.
 * Pupils are ordered by text_sort_key(), our own Kazakh alphabet order
 * (А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ
 * Ъ Ы І Ь Э Ю Я), independent of the system locale.
 *
 * No function here includes curses or touches the database.
 */
#ifndef DAPTER_TEXT_H
#define DAPTER_TEXT_H

#include <stddef.h>

enum text_error {
	TEXT_OK = 0,
	TEXT_EMPTY,	/* nothing left after trimming */
	TEXT_BAD_UTF8,	/* malformed, overlong or surrogate encodings */
	TEXT_CONTROL,	/* C0/C1 controls, ESC, DEL (tab and newline too, unless allowed) */
	TEXT_BIDI,	/* bidi embedding/override/isolate controls */
	TEXT_INVISIBLE,	/* zero-width and other default-ignorable characters */
	TEXT_TOO_LONG,	/* longer than the caller's limit (in bytes, after NFC) */
	TEXT_NO_MEMORY,	/* malloc failed */
};

/* Flags for text_clean(). */
#define TEXT_ALLOW_EMPTY	0x1	/* "" is fine (optional fields) */
#define TEXT_ALLOW_NEWLINE	0x2	/* multi-line fields (homework) keep '\n' */

/*
 * Validates `in` (NUL-terminated), trims leading/trailing white space,
 * folds runs of inner spaces to one (not newlines), normalizes to NFC.
 * Tabs, U+00A0 and every other space separator count as spaces; emoji
 * presentation selectors (U+FE0E, U+FE0F) are dropped. With TEXT_ALLOW_NEWLINE each line is
 * trimmed, CRLF becomes LF and leading/trailing empty lines go.
 * Returns a malloc'd string, or NULL with *err set (never NULL with TEXT_OK).
 * err may be NULL.
 */
char *text_clean(const char *in, size_t max_bytes, int flags, enum text_error *err);

/* A translated, human sentence for an error ("The text contains a control character."). */
const char *text_error_message(enum text_error err);

/* 1 if `s` is valid UTF-8 (no overlongs, no surrogates), else 0. */
int text_is_utf8(const char *s, size_t len);

/*
 * A sort key for Kazakh alphabetical order: keys compare with strcmp().
 * Case-insensitive at the first level, Cyrillic in the Kazakh order above,
 * Latin after Cyrillic, digits before letters; ties broken by case and then by
 * the original bytes so the order is total. Returns malloc'd NUL-free text
 * (NULL only when out of memory). Space and hyphen sort before digits.
 */
char *text_sort_key(const char *s);

/* strcmp() of the two sort keys; a convenience for qsort callers. */
int text_compare(const char *a, const char *b);

/* Case-folded, NFC text for searching (u8_casefold). malloc'd; NULL if not UTF-8. */
char *text_casefold(const char *s);

/* Display width in terminal columns (u8_width semantics, controls count 1). */
size_t text_width(const char *s);

/*
 * The longest prefix of `s` that fits in `cols` columns, never splitting a
 * grapheme cluster, with every non-printable character replaced by U+FFFD.
 * Returns malloc'd text; *width (may be NULL) gets the columns it takes.
 */
char *text_fit(const char *s, size_t cols, size_t *width);

/*
 * What is left of `s` past its first `cols` columns (a scrolled line), never
 * splitting a grapheme cluster: one that straddles the edge goes whole.
 */
const char *text_skip(const char *s, size_t cols);

/*
 * The next line of `s` wrapped at `cols` columns (a multi-line editor): its
 * length in bytes, up to a newline, else as many whole graphemes as fit,
 * broken after a word where it can (at least one grapheme). *next gets where
 * the line after it starts (past the newline or the space broken at). Pass
 * the line to text_fit() to show it.
 */
size_t text_wrap(const char *s, size_t cols, size_t *next);

/* Like text_fit() without a width limit: safe to write to a terminal. */
char *text_safe(const char *s);

/* Upper-cases the first character of `s` into `out` (for initials); returns bytes written. */
size_t text_initial(const char *s, char *out, size_t outsize);

#endif
