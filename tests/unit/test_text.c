/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_text: what text_clean() lets in, what text_fit()/text_safe() let out,
 * widths, initials and the Kazakh name order, checked against the shared
 * class roster (roster-7a.csv and its expected order roster-7a.sorted.txt).
 *
 * The data directory is $DAPTER_SHARED_DATA, else ../shared/data next to the
 * source tree, found from $srcdir (set by automake; "." by default).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "text.h"

#define OK	TEXT_OK

struct clean_case {
	const char	*name;
	const char	*in;
	size_t		 max;
	int		 flags;
	const char	*want;	/* NULL: refused */
	enum text_error	 err;
};

static const struct clean_case clean_cases[] = {
	{ "plain Cyrillic name is kept", "Иванов", 0, 0, "Иванов", OK },
	{ "Kazakh letters are kept", "Әлихан Ұлжан Ғалым Іңкәр", 0, 0,
	    "Әлихан Ұлжан Ғалым Іңкәр", OK },
	{ "leading and trailing spaces are trimmed", "  Иванов  ", 0, 0,
	    "Иванов", OK },
	{ "inner runs of spaces fold to one", "Иванов    Иван", 0, 0,
	    "Иванов Иван", OK },
	{ "tab becomes a space", "Иванов\tИван", 0, 0, "Иванов Иван", OK },
	{ "no-break spaces are trimmed and folded", "\xc2\xa0Иван\xc2\xa0 "
	    "\xc2\xa0Иванов\xc2\xa0", 0, 0, "Иван Иванов", OK },
	{ "decomposed И+breve becomes Й (NFC)", "Серге\xd0\xb8\xcc\x86", 0, 0,
	    "Сергей", OK },
	{ "decomposed е+diaeresis becomes ё (NFC)", "П\xd0\xb5\xcc\x88тр", 0, 0,
	    "Пётр", OK },
	{ "overlong C0 80 is bad UTF-8", "a\xc0\x80", 0, 0, NULL,
	    TEXT_BAD_UTF8 },
	{ "overlong E0 80 AF is bad UTF-8", "\xe0\x80\xaf", 0, 0, NULL,
	    TEXT_BAD_UTF8 },
	{ "surrogate ED A0 80 is bad UTF-8", "a\xed\xa0\x80", 0, 0, NULL,
	    TEXT_BAD_UTF8 },
	{ "truncated sequence is bad UTF-8", "Иван\xd0", 0, 0, NULL,
	    TEXT_BAD_UTF8 },
	{ "stray continuation byte is bad UTF-8", "\x80Иван", 0, 0, NULL,
	    TEXT_BAD_UTF8 },
	{ "code point above U+10FFFF is bad UTF-8", "\xf4\x90\x80\x80", 0, 0,
	    NULL, TEXT_BAD_UTF8 },
	{ "ESC sequence is a control", "\x1b[2Jhello", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "OSC title sequence is a control", "x\x1b]0;pwned\x07", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "DEL is a control", "abc\x7f", 0, 0, NULL, TEXT_CONTROL },
	{ "C1 CSI U+009B is a control", "a\xc2\x9b" "2J", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "C1 NEL U+0085 is a control", "a\xc2\x85z", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "carriage return is a control", "a\rb", 0, 0, NULL, TEXT_CONTROL },
	{ "newline is a control in one-line fields", "a\nb", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "line separator U+2028 is a control", "a\xe2\x80\xa8z", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "paragraph separator U+2029 is a control", "a\xe2\x80\xa9z", 0, 0,
	    NULL, TEXT_CONTROL },
	{ "BOM U+FEFF inside text is a control", "a\xef\xbb\xbfz", 0, 0, NULL,
	    TEXT_CONTROL },
	{ "right-to-left override U+202E is bidi", "abc\xe2\x80\xae" "fdp.exe",
	    0, 0, NULL, TEXT_BIDI },
	{ "left-to-right embedding U+202A is bidi", "\xe2\x80\xaa" "a", 0, 0,
	    NULL, TEXT_BIDI },
	{ "isolate U+2066 is bidi", "a\xe2\x81\xa6z", 0, 0, NULL, TEXT_BIDI },
	{ "pop isolate U+2069 is bidi", "a\xe2\x81\xa9z", 0, 0, NULL,
	    TEXT_BIDI },
	{ "right-to-left mark U+200F is bidi", "a\xe2\x80\x8fz", 0, 0, NULL,
	    TEXT_BIDI },
	{ "left-to-right mark U+200E is bidi", "a\xe2\x80\x8ez", 0, 0, NULL,
	    TEXT_BIDI },
	{ "Arabic letter mark U+061C is bidi", "a\xd8\x9cz", 0, 0, NULL,
	    TEXT_BIDI },
	/* Two pupils must never print the same: invisible characters are refused. */
	{ "zero-width space U+200B is invisible", "\xd3\x98\xd0\xbb\xd0\xb8\xd0\xb5\xd0\xb2"
	    "\xe2\x80\x8b", 0, 0, NULL, TEXT_INVISIBLE },
	{ "zero-width non-joiner U+200C is invisible", "a\xe2\x80\x8cz", 0, 0, NULL,
	    TEXT_INVISIBLE },
	{ "zero-width joiner U+200D is invisible", "a\xe2\x80\x8dz", 0, 0, NULL,
	    TEXT_INVISIBLE },
	{ "word joiner U+2060 is invisible", "a\xe2\x81\xa0z", 0, 0, NULL, TEXT_INVISIBLE },
	{ "soft hyphen U+00AD is invisible", "a\xc2\xadz", 0, 0, NULL, TEXT_INVISIBLE },
	{ "Hangul filler U+3164 is invisible", "a\xe3\x85\xa4z", 0, 0, NULL, TEXT_INVISIBLE },
	{ "combining grapheme joiner U+034F is invisible", "a\xcd\x8fz", 0, 0, NULL,
	    TEXT_INVISIBLE },
	{ "a tag character U+E0041 is invisible", "a\xf3\xa0\x81\x81z", 0, 0, NULL,
	    TEXT_INVISIBLE },
	{ "an em space U+2003 is one space", "a\xe2\x80\x83z", 0, 0, "a z", OK },
	{ "an ideographic space U+3000 is one space", "a\xe3\x80\x80 z", 0, 0, "a z", OK },
	{ "an emoji's presentation selector U+FE0F is dropped", "\xe2\x9d\xa4\xef\xb8\x8f",
	    0, 0, "\xe2\x9d\xa4", OK },
	{ "multi-line text keeps its newlines", "line one\nline two",
	    0, TEXT_ALLOW_NEWLINE, "line one\nline two", OK },
	{ "multi-line text is trimmed line by line",
	    "  \n  one  \n\n  two  \n\n",
	    0, TEXT_ALLOW_NEWLINE, "one\n\ntwo", OK },
	{ "CRLF in multi-line text becomes LF", "one\r\ntwo", 0,
	    TEXT_ALLOW_NEWLINE, "one\ntwo", OK },
	{ "lone CR in multi-line text is a control", "one\rtwo", 0,
	    TEXT_ALLOW_NEWLINE, NULL, TEXT_CONTROL },
	{ "empty text is refused", "", 0, 0, NULL, TEXT_EMPTY },
	{ "only spaces is empty", " \t \xc2\xa0 ", 0, 0, NULL, TEXT_EMPTY },
	{ "empty text allowed for optional fields", "   ", 0, TEXT_ALLOW_EMPTY,
	    "", OK },
	{ "text at the byte limit is fine", "Иван", 8, 0, "Иван", OK },
	{ "text over the byte limit is too long", "Иван", 7, 0, NULL,
	    TEXT_TOO_LONG },
	{ "the limit applies after NFC", "\xd0\x98\xcc\x86", 2, 0, "Й", OK },
	{ "the limit applies after trimming", "   ab   ", 2, 0, "ab", OK },
};

struct width_case {
	const char	*name;
	const char	*in;
	size_t		 want;
};

static const struct width_case width_cases[] = {
	{ "Russian name is one column a letter", "Иванов", 6 },
	{ "Kazakh letters are one column each", "ӘҒҚҢӨҰҮҺІәғқңөұүһі", 18 },
	{ "combining mark takes no column", "\xd0\xb5\xcc\x88", 1 },
	{ "CJK ideographs take two columns", "漢字", 4 },
	{ "empty text is zero columns", "", 0 },
	{ "a control counts one (shown as U+FFFD)", "a\x1b" "b", 3 },
	{ "a malformed byte counts one", "a\xff" "b", 3 },
};

struct fit_case {
	const char	*name;
	const char	*in;
	size_t		 cols;
	const char	*want;
	size_t		 width;
};

static const struct fit_case fit_cases[] = {
	{ "short text is whole", "Әлі", 10, "Әлі", 3 },
	{ "long name is cut at the column", "Әбдірахманова", 4, "Әбді", 4 },
	{ "Ә at the edge is never cut in half", "Әә", 1, "Ә", 1 },
	{ "base and combining mark stay together", "\xd0\xb5\xcc\x88\xd0\xb6",
	    1, "\xd0\xb5\xcc\x88", 1 },
	{ "combining mark stays with its base at the edge",
	    "а\xd0\xb5\xcc\x88ж", 2, "а\xd0\xb5\xcc\x88", 2 },
	{ "wide character is not split", "漢字", 3, "漢", 2 },
	{ "wide character that does not fit is left out", "漢字", 1, "", 0 },
	{ "zero columns is empty", "abc", 0, "", 0 },
	{ "ESC becomes U+FFFD", "a\x1b[31mb", 10, "a\xef\xbf\xbd[31mb", 7 },
	{ "bidi override becomes U+FFFD", "x\xe2\x80\xaey", 10,
	    "x\xef\xbf\xbdy", 3 },
	{ "C1 CSI becomes U+FFFD", "x\xc2\x9by", 10, "x\xef\xbf\xbdy", 3 },
	{ "newline becomes U+FFFD", "x\ny", 10, "x\xef\xbf\xbdy", 3 },
	{ "malformed bytes become U+FFFD", "x\xc0\x80y", 10,
	    "x\xef\xbf\xbd\xef\xbf\xbdy", 4 },
	{ "U+FFFD counts in the width", "\x1b\x1b\x1b", 2,
	    "\xef\xbf\xbd\xef\xbf\xbd", 2 },
};

struct initial_case {
	const char	*name;
	const char	*in;
	size_t		 outsize;
	const char	*want;
};

static const struct initial_case initial_cases[] = {
	{ "Kazakh initial is upper-cased", "әлия", 8, "Ә" },
	{ "Russian initial is upper-cased", "иван", 8, "И" },
	{ "І initial", "інжу", 8, "І" },
	{ "decomposed ё gives a composed Ё", "\xd0\xb5\xcc\x88лкина", 8, "Ё" },
	{ "capital stays capital", "Ұлжан", 8, "Ұ" },
	{ "Latin initial", "timur", 8, "T" },
	{ "empty text has no initial", "", 8, "" },
	{ "a buffer too small gets nothing", "әлия", 2, "" },
	{ "a control is not an initial", "\x1b" "abc", 8, "\xef\xbf\xbd" },
};

/* Pairs that must sort strictly in this order. */
struct order_case {
	const char	*name;
	const char	*first;
	const char	*second;
};

static const struct order_case order_cases[] = {
	{ "А before Ә", "А", "Ә" },
	{ "Ә after А, before Б", "Ә", "Б" },
	{ "Г before Ғ", "Г", "Ғ" },
	{ "Ғ after Г, before Д", "Ғ", "Д" },
	{ "Е before Ё", "Е", "Ё" },
	{ "Ё before Ж", "Ё", "Ж" },
	{ "И before Й", "И", "Й" },
	{ "К before Қ", "К", "Қ" },
	{ "Қ before Л", "Қ", "Л" },
	{ "Н before Ң", "Н", "Ң" },
	{ "Ң after Н, before О", "Ң", "О" },
	{ "О before Ө", "О", "Ө" },
	{ "Ө after О, before П", "Ө", "П" },
	{ "У before Ұ", "У", "Ұ" },
	{ "Ұ before Ү", "Ұ", "Ү" },
	{ "Ү before Ф", "Ү", "Ф" },
	{ "Х before Һ", "Х", "Һ" },
	{ "Һ after Х, before Ц", "Һ", "Ц" },
	{ "Ъ before Ы", "Ъ", "Ы" },
	{ "Ы before І", "Ы", "І" },
	{ "І before Ь", "І", "Ь" },
	{ "Ь before Э", "Ь", "Э" },
	{ "Я is the last Cyrillic letter", "Ю", "Я" },
	{ "Ұзақбаева before Үмбетов", "Ұзақбаева", "Үмбетов" },
	{ "Ыбыраев before Іскакова", "Ыбыраев", "Іскакова" },
	{ "lower case Ұ before upper case Ү", "ұ", "Ү" },
	{ "the letter decides before case", "Абаев", "абай" },
	{ "case breaks a tie: lower first", "абай", "Абай" },
	{ "space before letters", "Ан Бек", "Анар" },
	{ "hyphen before letters", "Ан-Бек", "Анар" },
	{ "space before hyphen", "Ан Бек", "Ан-Бек" },
	{ "shorter prefix first", "Әлиев", "Әлиева" },
	{ "digits before letters", "7А", "А" },
	{ "digits in order", "1", "9" },
	{ "Cyrillic before Latin", "Яковлев", "Adams" },
	{ "Latin in order", "Adams", "Brown" },
	{ "other scripts after Latin", "Zed", "Ölmez" },
	{ "decomposed Й sorts as Й", "Йа", "\xd0\x98\xcc\x86\xd0\xb1" },
	{ "malformed bytes still have an order", "a\xff", "a\xfe\xff" },
};

static char *
read_file(const char *path, size_t *lenp)
{
	FILE *f = NULL;
	char *buf = NULL, *p = NULL;
	size_t len = 0, size = 4096, n;

	if ((f = fopen(path, "rb")) == NULL)
		goto fail;
	if ((buf = malloc(size)) == NULL)
		goto fail;
	while ((n = fread(buf + len, 1, size - len - 1, f)) > 0) {
		len += n;
		if (size - len - 1 == 0) {
			if ((p = realloc(buf, size * 2)) == NULL)
				goto fail;
			buf = p;
			size *= 2;
		}
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;

fail:
	if (f != NULL)
		fclose(f);
	free(buf);
	return NULL;
}

/*
 * $DAPTER_SHARED_DATA/name, or shared/data beside the source tree: the
 * tree is $srcdir or one of its parents (the one holding include/text.h).
 */
static const char *
data_path(const char *name)
{
	static const char *const ups[] = { "", "../", "../../", "../../../" };
	static char path[4096];
	const char *dir = getenv("DAPTER_SHARED_DATA");
	const char *srcdir = getenv("srcdir");
	char probe[4096];
	size_t i;

	if (dir != NULL && *dir != '\0') {
		snprintf(path, sizeof path, "%s/%s", dir, name);
		return path;
	}
	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(path, sizeof path, "%s/../shared/data/%s", srcdir, name);
	for (i = 0; i < sizeof ups / sizeof ups[0]; i++) {
		snprintf(probe, sizeof probe, "%s/%sinclude/text.h", srcdir,
		    ups[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(path, sizeof path, "%s/%s../shared/data/%s",
			    srcdir, ups[i], name);
			break;
		}
	}
	return path;
}

/* Splits text into its non-empty lines (CR removed); returns the count. */
static size_t
split_lines(char *text, char **lines, size_t max)
{
	char *p = NULL, *save = NULL;
	size_t n = 0, len;

	for (p = strtok_r(text, "\n", &save); p != NULL && n < max;
	    p = strtok_r(NULL, "\n", &save)) {
		len = strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			p[--len] = '\0';
		if (len > 0)
			lines[n++] = p;
	}
	return n;
}

static int
compare_names(const void *a, const void *b)
{
	return text_compare(*(const char *const *)a, *(const char *const *)b);
}

/* A fixed-seed Fisher-Yates shuffle: the same "random" order every run. */
static void
shuffle(const char **v, size_t n, uint32_t seed)
{
	const char *t = NULL;
	size_t i, j;

	for (i = n; i > 1; i--) {
		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static int
same_order(const char **got, char **want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(got[i], want[i]) != 0) {
			printf("#   position %zu: got \"%s\", want \"%s\"\n",
			    i + 1, got[i], want[i]);
			return 0;
		}
	}
	return 1;
}

#define MAX_NAMES 256

static void
test_roster(void)
{
	char *sorted_text = NULL, *csv_text = NULL;
	char *want[MAX_NAMES], *rows[MAX_NAMES + 1];
	const char *got[MAX_NAMES];
	char built[MAX_NAMES][256];
	char *surname = NULL, *given = NULL, *save = NULL;
	size_t n, nrows, i, pass;
	const char *path = NULL;

	path = data_path("roster-7a.sorted.txt");
	if ((sorted_text = read_file(path, NULL)) == NULL) {
		tap_ok(0, "roster-7a.sorted.txt can be read");
		printf("#   cannot read %s; set DAPTER_SHARED_DATA to the "
		    "shared data directory\n", path);
		goto out;
	}
	n = split_lines(sorted_text, want, MAX_NAMES);
	tap_ok(n > 20, "roster-7a.sorted.txt holds the class");

	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < n; i++)
			got[i] = want[i];
		if (pass == 0) {
			for (i = 0; i < n / 2; i++) {
				got[i] = want[n - 1 - i];
				got[n - 1 - i] = want[i];
			}
		} else
			shuffle(got, n, 20240901u + pass);
		qsort(got, n, sizeof got[0], compare_names);
		tap_ok(same_order(got, want, n), pass == 0 ?
		    "reversed roster sorts into the expected Kazakh order" :
		    "shuffled roster sorts into the expected Kazakh order");
	}

	/* The same names taken from the roster CSV (no quoted fields there). */
	path = data_path("roster-7a.csv");
	if ((csv_text = read_file(path, NULL)) == NULL) {
		tap_ok(0, "roster-7a.csv can be read");
		printf("#   cannot read %s\n", path);
		goto out;
	}
	nrows = split_lines(csv_text, rows, MAX_NAMES + 1);
	tap_is_int(nrows - 1, n,
	    "roster CSV has as many pupils as the sorted list");
	if (nrows - 1 != n)
		goto out;
	for (i = 1; i < nrows; i++) {
		save = NULL;
		surname = strtok_r(rows[i], ",", &save);
		given = strtok_r(NULL, ",", &save);
		snprintf(built[i - 1], sizeof built[i - 1], "%s %s",
		    surname != NULL ? surname : "", given != NULL ? given : "");
		got[i - 1] = built[i - 1];
	}
	qsort(got, n, sizeof got[0], compare_names);
	tap_ok(same_order(got, want, n),
	    "roster CSV in file order sorts into the expected Kazakh order");

out:
	free(sorted_text);
	free(csv_text);
}

static void
test_sort_keys(void)
{
	static const char *const samples[] = {
		"Иванов", "", "a\xff", "Ölmez 漢字 😀", "Ан-Бек", "\x7f\x01",
	};
	char *key = NULL, *key2 = NULL;
	size_t i;
	int good = 1;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		if ((key = text_sort_key(samples[i])) == NULL ||
		    strstr(key, samples[i]) == NULL)
			good = 0;
		free(key);
	}
	tap_ok(good, "sort keys are NUL-free strings ending in the original");

	key = text_sort_key("Иванов");
	key2 = text_sort_key("Иванов");
	tap_ok(key != NULL && key2 != NULL && strcmp(key, key2) == 0 &&
	    text_compare("Иванов", "Иванов") == 0,
	    "equal names have equal keys");
	free(key);
	free(key2);

	/* Й composed and decomposed: different bytes, so not equal, but no
	 * other name can sort between them. */
	tap_ok(text_compare("Й", "\xd0\x98\xcc\x86") != 0 &&
	    text_compare("Ияz", "Й") < 0 &&
	    text_compare("Ияz", "\xd0\x98\xcc\x86") < 0 &&
	    text_compare("Й", "Йа") < 0 &&
	    text_compare("\xd0\x98\xcc\x86", "Йа") < 0,
	    "composed and decomposed Й differ only in the last tie-break");
}

/* text_wrap(): one line of a multi-line editor at a time. */
static const struct wrap_case {
	const char *name, *in;
	size_t cols, len, next;
} wrap_cases[] = {
	{ "a short line is whole", "Жақсы", 10, 10, 10 },
	{ "a newline ends the line and is skipped", "Жақсы\nбол", 10, 10, 11 },
	{ "a long line breaks after its last word", "Жақсы жұмыс", 8, 10, 11 },
	{ "a word longer than the line breaks inside it", "Жақсыжұмыс", 4, 8, 8 },
	{ "a space just past the line is dropped", "ab cd", 2, 2, 3 },
	{ "a wide character is never halved", "a漢字", 2, 1, 1 },
	{ "one grapheme at least, even too wide", "漢", 1, 3, 3 },
	{ "a combining accent stays with its letter", "e\xcc\x81x", 1, 3, 3 },
	{ "an empty line", "\nx", 5, 0, 1 },
	{ "the end", "", 5, 0, 0 },
};

int
main(void)
{
	const struct clean_case *cc = NULL;
	const struct fit_case *fc = NULL;
	const struct initial_case *ic = NULL;
	const struct order_case *oc = NULL;
	enum text_error err;
	char *got = NULL, *folded = NULL, name[256], out[16];
	size_t i, width, n;

	for (i = 0; i < sizeof clean_cases / sizeof clean_cases[0]; i++) {
		cc = &clean_cases[i];
		err = TEXT_OK;
		got = text_clean(cc->in, cc->max, cc->flags, &err);
		snprintf(name, sizeof name, "clean: %s", cc->name);
		if (!tap_is_str(got, cc->want, name))
			printf("#   error %d (%s)\n", err,
			    text_error_message(err));
		snprintf(name, sizeof name, "clean: %s (error code)", cc->name);
		tap_is_int(err, cc->err, name);
		free(got);
	}
	got = text_clean("x\x1b", 0, 0, NULL);
	tap_ok(got == NULL, "clean: a NULL error pointer is allowed");
	for (err = TEXT_OK; err <= TEXT_NO_MEMORY; err++) {
		if (text_error_message(err) == NULL ||
		    *text_error_message(err) == '\0')
			break;
	}
	tap_ok(err > TEXT_NO_MEMORY, "every error has a message");

	tap_ok(text_is_utf8("Әлия", strlen("Әлия")), "is_utf8: Kazakh text");
	tap_ok(!text_is_utf8("\xc0\x80", 2), "is_utf8: overlong refused");
	tap_ok(!text_is_utf8("\xed\xa0\x80", 3), "is_utf8: surrogate refused");
	tap_ok(!text_is_utf8("\xd0", 1), "is_utf8: truncated refused");

	for (i = 0; i < sizeof width_cases / sizeof width_cases[0]; i++) {
		snprintf(name, sizeof name, "width: %s", width_cases[i].name);
		tap_is_int(text_width(width_cases[i].in), width_cases[i].want,
		    name);
	}

	for (i = 0; i < sizeof fit_cases / sizeof fit_cases[0]; i++) {
		fc = &fit_cases[i];
		width = 12345;
		got = text_fit(fc->in, fc->cols, &width);
		snprintf(name, sizeof name, "fit: %s", fc->name);
		tap_is_str(got, fc->want, name);
		snprintf(name, sizeof name, "fit: %s (width)", fc->name);
		tap_is_int(width, fc->width, name);
		free(got);
	}
	for (i = 0; i < sizeof wrap_cases / sizeof wrap_cases[0]; i++) {
		const struct wrap_case *wc = &wrap_cases[i];
		size_t next = 0, len = text_wrap(wc->in, wc->cols, &next);

		snprintf(name, sizeof name, "wrap: %s", wc->name);
		if (!tap_ok(len == wc->len && next == wc->next, name))
			printf("#   got %zu, next %zu; wanted %zu, %zu\n", len, next, wc->len,
			    wc->next);
	}
	got = text_safe("Әлия \x1b[2J\xe2\x80\xae\xd8\x9c\xc2\x85\xff");
	tap_is_str(got, "Әлия \xef\xbf\xbd[2J\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd",
	    "safe: every non-printable becomes U+FFFD");
	free(got);
	got = text_safe("Әлиев\xe2\x80\x8b");
	tap_is_str(got, "Әлиев\xef\xbf\xbd",
	    "safe: a zero-width space stored before the check shows as U+FFFD");
	free(got);
	got = text_safe("漢字 é ё");
	tap_is_str(got, "漢字 é ё", "safe: printable text is unchanged");
	free(got);

	for (i = 0; i < sizeof initial_cases / sizeof initial_cases[0]; i++) {
		ic = &initial_cases[i];
		memset(out, 'X', sizeof out);
		n = text_initial(ic->in, out, ic->outsize);
		snprintf(name, sizeof name, "initial: %s", ic->name);
		tap_is_str(out, ic->want, name);
		snprintf(name, sizeof name, "initial: %s (bytes)", ic->name);
		tap_is_int(n, strlen(ic->want), name);
	}

	folded = text_casefold("ӘЛИЯ Ұлжан ІҢКӘР");
	tap_is_str(folded, "әлия ұлжан іңкәр",
	    "casefold: Kazakh capitals fold");
	free(folded);
	folded = text_casefold("П\xd0\x95\xcc\x88ТР");
	tap_is_str(folded, "пётр", "casefold: result is NFC");
	free(folded);

	for (i = 0; i < sizeof order_cases / sizeof order_cases[0]; i++) {
		oc = &order_cases[i];
		snprintf(name, sizeof name, "order: %s", oc->name);
		if (!tap_ok(text_compare(oc->first, oc->second) < 0 &&
		    text_compare(oc->second, oc->first) > 0, name))
			printf("#   \"%s\" should sort before \"%s\"\n",
			    oc->first, oc->second);
	}
	test_sort_keys();
	test_roster();

	return tap_done();
}
