/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_charset: which bytes charset_to_utf8() accepts as what, and the UTF-8
 * it makes of them, including the shared Windows-1251 roster
 * roster-8b-cp1251.csv read from disk ($DAPTER_SHARED_DATA, else
 * ../shared/data beside the source tree found from $srcdir).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "tap.h"

struct convert_case {
	const char	*name;
	const char	*in;
	size_t		 len;
	enum charset	 cs;
	const char	*want;	/* NULL: refused */
};

#define BYTES(s)	s, sizeof(s) - 1

static const struct convert_case convert_cases[] = {
	{ "cp1251 Иванов becomes UTF-8",
	    BYTES("\xc8\xe2\xe0\xed\xee\xe2"), CHARSET_CP1251, "Иванов" },
	{ "cp1251 row with separators and CRLF",
	    BYTES("\xc8\xe2\xe0\xed\xee\xe2;\xc8\xe2\xe0\xed;12.03.2011\r\n"),
	    CHARSET_CP1251, "Иванов;Иван;12.03.2011\r\n" },
	{ "cp1251 Ё and ё (0xa8, 0xb8)", BYTES("\xa8\xe6\xe8\xea\xee\xe2 "
	    "\xd1\xe5\xec\xb8\xed"), CHARSET_CP1251, "Ёжиков Семён" },
	{ "cp1251 І and і (0xb2, 0xb3) as Kazakh files use them",
	    BYTES("\xb2\xf1\xea\xe0\xea\xee\xe2\xe0 \xb3\xed\xe6\xf3"),
	    CHARSET_CP1251, "Іскакова інжу" },
	{ "cp1251 № « » — punctuation among names",
	    BYTES("\xb9 5 \xab\xc0\xe1\xe0\xe9\xbb \x97 \xc8\xe2\xe0\xed\xee"
	    "\xe2\xe0 \xc0\xed\xe0\xf1\xf2\xe0\xf1\xe8\xff"),
	    CHARSET_CP1251, "№ 5 «Абай» — Иванова Анастасия" },
	{ "UTF-8 stays as it is", BYTES("Әлия;Ұлжан\r\n"), CHARSET_UTF8,
	    "Әлия;Ұлжан\r\n" },
	{ "ASCII is UTF-8", BYTES("a,b\n"), CHARSET_UTF8, "a,b\n" },
	{ "empty input is empty UTF-8", BYTES(""), CHARSET_UTF8, "" },
	{ "UTF-8 BOM is stripped", BYTES("\xef\xbb\xbfӘлия;Ұлжан"),
	    CHARSET_UTF8_BOM, "Әлия;Ұлжан" },
	{ "a lone UTF-8 BOM is empty text", BYTES("\xef\xbb\xbf"),
	    CHARSET_UTF8_BOM, "" },
	{ "UTF-8 BOM followed by bad UTF-8 is refused",
	    BYTES("\xef\xbb\xbf\xc8\xe2\xe0\xed"), CHARSET_UTF8_BOM, NULL },
	{ "UTF-16LE with BOM", BYTES("\xff\xfe\xd8\x04\x3b\x04\x38\x04;\x00"
	    "a\x00\r\x00\n\x00"), CHARSET_UTF16LE, "Әли;a\r\n" },
	{ "UTF-16LE surrogate pair becomes one 4-byte character",
	    BYTES("\xff\xfe" "A\x00\x3d\xd8\x00\xde" "B\x00"), CHARSET_UTF16LE,
	    "A\xf0\x9f\x98\x80" "B" },
	{ "UTF-16BE with BOM and a surrogate pair",
	    BYTES("\xfe\xff\x04\xd8\xd8\x3d\xde\x00"), CHARSET_UTF16BE,
	    "Ә\xf0\x9f\x98\x80" },
	{ "UTF-16LE BOM alone is empty text", BYTES("\xff\xfe"),
	    CHARSET_UTF16LE, "" },
	{ "UTF-16LE with an odd byte count is refused", BYTES("\xff\xfe" "A\x00"
	    "B"), CHARSET_UTF16LE, NULL },
	{ "UTF-16LE lone high surrogate at the end is refused",
	    BYTES("\xff\xfe" "A\x00\x3d\xd8"), CHARSET_UTF16LE, NULL },
	{ "UTF-16LE high surrogate without its low half is refused",
	    BYTES("\xff\xfe\x3d\xd8" "A\x00"), CHARSET_UTF16LE, NULL },
	{ "UTF-16LE lone low surrogate is refused",
	    BYTES("\xff\xfe\x00\xde" "A\x00"), CHARSET_UTF16LE, NULL },
	{ "UTF-16LE NUL character is refused",
	    BYTES("\xff\xfe" "A\x00\x00\x00"), CHARSET_UTF16LE, NULL },
	{ "a NUL byte in plain text is refused", BYTES("a,b\x00,c\n"),
	    CHARSET_UNKNOWN, NULL },
	{ "Latin-1 accents are not taken for Cyrillic",
	    BYTES("M\xfcller;Zo\xeb;Fran\xe7ois\n"), CHARSET_UNKNOWN, NULL },
	{ "cut-off UTF-8 Cyrillic is not taken for cp1251",
	    BYTES("\xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0"),
	    CHARSET_UNKNOWN, NULL },
	{ "cp1251-looking text with a control byte is refused",
	    BYTES("\xc8\xe2\xe0\xed\x1b[2J"), CHARSET_UNKNOWN, NULL },
	{ "cp1251 byte 0x98 (unassigned) is refused",
	    BYTES("\xc8\xe2\xe0\xed\x98"), CHARSET_UNKNOWN, NULL },
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

static void
test_roster_file(void)
{
	char *raw = NULL, *text = NULL;
	const char *path = NULL;
	enum charset cs = CHARSET_UNKNOWN;
	size_t len = 0;

	path = data_path("roster-8b-cp1251.csv");
	if ((raw = read_file(path, &len)) == NULL) {
		tap_ok(0, "roster-8b-cp1251.csv can be read");
		printf("#   cannot read %s; set DAPTER_SHARED_DATA to the "
		    "shared data directory\n", path);
		goto out;
	}
	text = charset_to_utf8(raw, len, &cs);
	tap_is_int(cs, CHARSET_CP1251,
	    "roster-8b file is detected as Windows-1251");
	tap_ok(text != NULL && strncmp(text,
	    "Фамилия;Имя;Отчество;Дата рождения;Пол\r\n", strlen(
	    "Фамилия;Имя;Отчество;Дата рождения;Пол\r\n")) == 0,
	    "roster-8b header reads in Cyrillic with its CRLF kept");
	tap_ok(text != NULL && strstr(text,
	    "\r\nЁжиков;Пётр;Алексеевич;19.11.2011;М\r\n") != NULL,
	    "roster-8b pupil Ёжиков Пётр reads correctly (Ё from 0xa8)");
	tap_ok(text != NULL && strstr(text, "Цой;Алина;Вячеславовна") != NULL,
	    "roster-8b pupil Цой Алина reads correctly");

out:
	free(raw);
	free(text);
}

/* Every byte 0x80-0xff against the system's iconv, when it has CP1251. */
static void
test_cp1251_table(void)
{
	iconv_t cd = (iconv_t)-1;
	char in[9], want[16], *got = NULL, *ip = NULL, *op = NULL;
	size_t inleft, outleft;
	int c, bad = 0;

	if ((cd = iconv_open("UTF-8", "CP1251")) == (iconv_t)-1) {
		tap_ok(1, "cp1251 table matches iconv "
		    "# SKIP no CP1251 iconv module");
		return;
	}
	for (c = 0x80; c <= 0xff; c++) {
		if (c == 0x98)
			continue;
		/* Among letters, so that every byte passes detection. */
		memset(in, 0xc0, sizeof in);
		in[4] = (char)c;
		ip = in + 4;
		inleft = 1;
		op = want;
		outleft = sizeof want - 1;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
			printf("#   iconv cannot convert 0x%02x\n", c);
			bad++;
			continue;
		}
		*op = '\0';
		got = charset_to_utf8(in, sizeof in, NULL);
		if (got == NULL || strlen(got) != strlen(want) + 16 ||
		    memcmp(got + 8, want, strlen(want)) != 0) {
			printf("#   byte 0x%02x: got \"%s\", "
			    "want \"АААА%sАААА\"\n", c,
			    got != NULL ? got : "(refused)", want);
			bad++;
		}
		free(got);
	}
	iconv_close(cd);
	tap_is_int(bad, 0, "cp1251 table matches iconv for all 127 bytes");
}

/* A fixed-seed generator: the same "random" bytes every run. */
static uint32_t
next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

static void
test_random_binary(void)
{
	char buf[4096], *got = NULL;
	enum charset cs = CHARSET_UTF8;
	uint32_t state = 4251;
	size_t i;
	int run, refused = 1;

	for (run = 0; run < 50; run++) {
		for (i = 0; i < sizeof buf; i++)
			buf[i] = (char)next_random(&state);
		got = charset_to_utf8(buf + 2, sizeof buf - 2, &cs);
		if (got != NULL || cs != CHARSET_UNKNOWN)
			refused = 0;
		free(got);
	}
	tap_ok(refused, "random binary is refused as an unknown encoding");

	/* No NUL and no control byte: only the letter statistics can tell. */
	refused = 1;
	for (run = 0; run < 50; run++) {
		for (i = 0; i < sizeof buf; i++)
			buf[i] = (char)(0x20 + next_random(&state) % 0xe0);
		buf[0] = buf[1] = 'x';
		got = charset_to_utf8(buf, sizeof buf, &cs);
		if (got != NULL || cs != CHARSET_UNKNOWN)
			refused = 0;
		free(got);
	}
	tap_ok(refused, "random printable bytes are not taken for Cyrillic");
}

int
main(void)
{
	const struct convert_case *c = NULL;
	enum charset cs;
	char *got = NULL, name[256];
	size_t i;

	for (i = 0; i < sizeof convert_cases / sizeof convert_cases[0]; i++) {
		c = &convert_cases[i];
		cs = (enum charset)-1;
		got = charset_to_utf8(c->in, c->len, &cs);
		snprintf(name, sizeof name, "%s", c->name);
		tap_is_str(got, c->want, name);
		snprintf(name, sizeof name, "%s (detected %s)", c->name,
		    charset_name(c->cs));
		tap_is_int(cs, c->cs, name);
		free(got);
	}
	got = charset_to_utf8("abc", 3, NULL);
	tap_is_str(got, "abc", "a NULL detected pointer is allowed");
	free(got);

	tap_is_str(charset_name(CHARSET_UTF8), "UTF-8", "name of UTF-8");
	tap_is_str(charset_name(CHARSET_CP1251), "Windows-1251",
	    "name of Windows-1251");
	tap_is_str(charset_name(CHARSET_UTF16LE), "UTF-16LE",
	    "name of UTF-16LE");
	tap_ok(*charset_name(CHARSET_UNKNOWN) != '\0',
	    "unknown has a name too");

	test_cp1251_table();
	test_random_binary();
	test_roster_file();

	return tap_done();
}
