/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_csv: the CSV reader on what spreadsheets write (separators, quotes,
 * embedded newlines, CRLF, blank and Excel-empty rows, broken quotes, a
 * 10 MB field) and the writer's round trip through the reader.
 *
 * A parsed table is compared as a dump: one line per row, "line:" then the
 * fields joined by '|'.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "csv_dump.h"
#include "tap.h"

struct parse_case {
	const char	*name;
	const char	*text;
	char		 sep;		/* given to csv_parse(); 0 detects */
	char		 want_sep;
	const char	*want;		/* dump; NULL: refused */
	size_t		 err_line;
};

static const struct parse_case parse_cases[] = {
	{ "semicolon from Russian Excel is detected",
	    "Фамилия;Имя\nИванов;Иван\n", 0, ';',
	    "1:Фамилия|Имя\n2:Иванов|Иван\n", 0 },
	{ "comma is detected", "a,b,c\n1,2,3\n", 0, ',',
	    "1:a|b|c\n2:1|2|3\n", 0 },
	{ "tab is detected", "a\tb\n1\t2\n", 0, '\t', "1:a|b\n2:1|2\n", 0 },
	{ "semicolon wins a tie with decimal commas", "mark;weight,kg\n4,5;1\n",
	    0, ';', "1:mark|weight,kg\n2:4,5|1\n", 0 },
	{ "separators inside quotes do not count", "\"a;b;c\",d\n", 0, ',',
	    "1:a;b;c|d\n", 0 },
	{ "one column means comma", "name\nАлия\n", 0, ',',
	    "1:name\n2:Алия\n", 0 },
	{ "detection skips leading blank lines", "\n\na;b\n", 0, ';',
	    "3:a|b\n", 0 },
	{ "a given separator is used as is", "a;b,c\n", ',', ',',
	    "1:a;b|c\n", 0 },
	{ "doubled quotes become one", "\"He said \"\"hi\"\"\",x\n", 0, ',',
	    "1:He said \"hi\"|x\n", 0 },
	{ "quoted empty field is empty", "a,\"\",c\n", 0, ',', "1:a||c\n", 0 },
	{ "quote inside an unquoted field is kept", "ab\"c,d\n", 0, ',',
	    "1:ab\"c|d\n", 0 },
	{ "text after a closing quote is kept", "\"ab\"c,d\n", 0, ',',
	    "1:abc|d\n", 0 },
	{ "embedded newline; later rows keep their source line",
	    "id,text\n1,\"line one\nline two\"\n2,next\n", 0, ',',
	    "1:id|text\n2:1|line one\nline two\n4:2|next\n", 0 },
	{ "embedded CRLF is kept and counted once",
	    "a;b\r\n1;\"x\r\ny\r\nz\"\r\n2;w\r\n", 0, ';',
	    "1:a|b\n2:1|x\r\ny\r\nz\n5:2|w\n", 0 },
	{ "CRLF ends rows without leaving CR in fields", "a,b\r\nc,d\r\n", 0,
	    ',', "1:a|b\n2:c|d\n", 0 },
	{ "lone CR ends rows too", "a,b\rc,d\r", 0, ',', "1:a|b\n2:c|d\n", 0 },
	{ "blank lines are skipped and counted", "\n\na,b\n\n\nc,d\n\n", 0, ',',
	    "3:a|b\n6:c|d\n", 0 },
	{ "Excel's empty rows ;;; are skipped", "a;b;c\n;;\r\nd;e;f\n", 0, ';',
	    "1:a|b|c\n3:d|e|f\n", 0 },
	{ "white-space-only rows are skipped", "a,b\n   \nc,d\n", 0, ',',
	    "1:a|b\n3:c|d\n", 0 },
	{ "last row without a newline", "a,b\nc,d", 0, ',',
	    "1:a|b\n2:c|d\n", 0 },
	{ "trailing separator makes an empty last field", "a;b;\n", 0, ';',
	    "1:a|b|\n", 0 },
	{ "ragged rows keep their own length", "a,b,c\nd\ne,f\n", 0, ',',
	    "1:a|b|c\n2:d\n3:e|f\n", 0 },
	{ "UTF-8 BOM at the start is dropped", "\xef\xbb\xbf" "a;b\n", 0, ';',
	    "1:a|b\n", 0 },
	{ "empty text has no rows", "", 0, ',', "", 0 },
	{ "unterminated quote reports the line it began on",
	    "a,b\n1,\"open\nmore\n", 0, 0, NULL, 2 },
	{ "unterminated quote on the first line", "\"abc", 0, 0, NULL, 1 },
	{ "unterminated quote after a multi-line field",
	    "a,\"x\ny\"\nb,\"z\n", 0, 0, NULL, 3 },
};

static void
test_parse_cases(void)
{
	const struct parse_case *c = NULL;
	struct csv *csv = NULL;
	char *got = NULL, name[256];
	size_t i, err_line;

	for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		c = &parse_cases[i];
		err_line = 12345;
		csv = csv_parse(c->text, c->sep, &err_line);
		got = csv != NULL ? dump(csv) : NULL;
		tap_is_str(got, c->want, c->name);
		if (csv != NULL) {
			snprintf(name, sizeof name, "%s (separator)", c->name);
			tap_is_int(csv_separator(csv), c->want_sep, name);
		} else {
			snprintf(name, sizeof name, "%s (error line)", c->name);
			tap_is_int(err_line, c->err_line, name);
		}
		free(got);
		csv_free(csv);
	}
}

static void
test_access(void)
{
	struct csv *csv = NULL;

	csv = csv_parse("a,b,c\nd\n", 0, NULL);
	if (!tap_ok(csv != NULL, "access: a NULL err_line is allowed"))
		return;
	tap_is_int(csv_rows(csv), 2, "access: row count");
	tap_is_int(csv_cols(csv, 1), 1,
	    "access: a short row has its own width");
	tap_is_str(csv_field(csv, 1, 2), "", "access: missing field is \"\"");
	tap_is_str(csv_field(csv, 9, 0), "", "access: missing row is \"\"");
	tap_is_int(csv_cols(csv, 9), 0, "access: missing row has no columns");
	tap_is_int(csv_line(csv, 9), 0, "access: missing row has no line");
	csv_free(csv);
	csv_free(NULL);
	tap_ok(1, "access: csv_free(NULL) is harmless");
}

#define BIG	(10 * 1024 * 1024)

/* A 10 MB quoted field with quotes and newlines, then the row after it. */
static void
test_big_field(void)
{
	char *field = NULL, *text = NULL, *p = NULL;
	struct csv *csv = NULL;
	size_t i, newlines = 0;

	if ((field = malloc(BIG + 1)) == NULL ||
	    (text = malloc(2 * BIG + 64)) == NULL) {
		tap_ok(0, "big: memory for the 10 MB field");
		goto out;
	}
	for (i = 0; i < BIG; i++) {
		if (i % 4096 == 4095)
			field[i] = '"';
		else if (i % (1024 * 1024) == 1000) {
			field[i] = '\n';
			newlines++;
		} else
			field[i] = 'a' + i % 26;
	}
	field[BIG] = '\0';

	p = text;
	p += sprintf(p, "id;note\n1;\"");
	for (i = 0; i < BIG; i++) {
		if (field[i] == '"')
			*p++ = '"';
		*p++ = field[i];
	}
	sprintf(p, "\"\n2;end\n");

	csv = csv_parse(text, 0, NULL);
	if (!tap_ok(csv != NULL, "big: a 10 MB quoted field parses"))
		goto out;
	tap_is_int(csv_rows(csv), 3, "big: all rows are there");
	tap_ok(strlen(csv_field(csv, 1, 1)) == BIG &&
	    memcmp(csv_field(csv, 1, 1), field, BIG) == 0,
	    "big: the 10 MB field is exact, quotes undoubled");
	tap_is_int(csv_line(csv, 2), 3 + newlines,
	    "big: the row after it starts on the right line");
	tap_is_str(csv_field(csv, 2, 1), "end",
	    "big: the row after it is intact");
	csv_free(csv);

	/* The same bytes unquoted, without quotes and newlines. */
	for (i = 0; i < BIG; i++)
		if (field[i] == '"' || field[i] == '\n')
			field[i] = 'x';
	sprintf(text, "a,%s,b\n", field);
	csv = csv_parse(text, 0, NULL);
	tap_ok(csv != NULL && strcmp(csv_field(csv, 0, 1), field) == 0 &&
	    strcmp(csv_field(csv, 0, 2), "b") == 0,
	    "big: a 10 MB unquoted field parses");

out:
	csv_free(csv);
	free(field);
	free(text);
}

/* Many short rows: field and row tables grow without limit. */
static void
test_many_rows(void)
{
	struct csv *csv = NULL;
	char *text = NULL, *p = NULL, want[32];
	size_t i, n = 200000;
	int good = 1;

	if ((text = malloc(n * 24 + 1)) == NULL) {
		tap_ok(0, "many: memory for 200000 rows");
		return;
	}
	p = text;
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu;pupil %zu\n", i, i);
	csv = csv_parse(text, 0, NULL);
	if (!tap_ok(csv != NULL && csv_rows(csv) == n,
	    "many: 200000 rows parse"))
		goto out;
	for (i = 0; i < n; i += 997) {
		snprintf(want, sizeof want, "pupil %zu", i);
		if (csv_line(csv, i) != i + 1 ||
		    strcmp(csv_field(csv, i, 1), want) != 0)
			good = 0;
	}
	tap_ok(good, "many: rows keep their fields and lines");

out:
	csv_free(csv);
	free(text);
}

static void
test_writer(void)
{
	static const char *const row1[] = {
		"plain", "with;semi", "with \"quote\"", "multi\nline",
		"cr\rhere", "", "comma,ok", "tab\there", "Әлия",
	};
	static const char *const row2[] = { "second", NULL, "end" };
	static const char seps[] = { ';', ',', '\t' };
	static const char *const want_semi =
	    "plain;\"with;semi\";\"with \"\"quote\"\"\";\"multi\nline\";"
	    "\"cr\rhere\";;comma,ok;tab\there;Әлия\nsecond;;end\n";
	const size_t n1 = sizeof row1 / sizeof row1[0];
	struct csv *csv = NULL;
	char *buf = NULL, name[128];
	size_t size = 0, s, i;
	FILE *f = NULL;
	int good;

	for (s = 0; s < sizeof seps; s++) {
		buf = NULL;
		if ((f = open_memstream(&buf, &size)) == NULL) {
			tap_ok(0, "writer: open_memstream");
			return;
		}
		csv_write_row(f, row1, n1, seps[s]);
		csv_write_row(f, row2, 3, seps[s]);
		if (fclose(f) != 0) {
			free(buf);
			tap_ok(0, "writer: fclose");
			return;
		}
		if (seps[s] == ';')
			tap_is_str(buf, want_semi,
			    "writer: quotes only fields that need it");

		/* Row 2 follows the two line breaks inside row 1's fields. */
		csv = csv_parse(buf, seps[s], NULL);
		good = csv != NULL && csv_rows(csv) == 2 &&
		    csv_cols(csv, 0) == n1 && csv_cols(csv, 1) == 3 &&
		    csv_line(csv, 1) == 4;
		for (i = 0; good && i < n1; i++)
			good = strcmp(csv_field(csv, 0, i), row1[i]) == 0;
		good = good && strcmp(csv_field(csv, 1, 1), "") == 0 &&
		    strcmp(csv_field(csv, 1, 2), "end") == 0;
		snprintf(name, sizeof name, "writer: round trip with '%s'",
		    seps[s] == '\t' ? "\\t" : (seps[s] == ';' ? ";" : ","));
		tap_ok(good, name);
		csv_free(csv);
		free(buf);
	}
}

/* Formulas never reach a spreadsheet live, and the text reads back the same. */
static void
test_formula_guard(void)
{
	static const char *const row[] = {
		"=HYPERLINK(\"http://x\",\"y\")", "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "\r=1",
		"-5", "+2.5", "-", "8", "'quoted", "'=already", "a=b", "Әлия",
	};
	static const char *const want =
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";'+1+cmd;'-2+3;'@SUM(A1);'\tx;"
	    "\"'\r=1\";-5;+2.5;-;8;''quoted;''=already;a=b;Әлия\n";
	const size_t n = sizeof row / sizeof row[0];
	struct csv *csv = NULL;
	char *buf = NULL;
	size_t size = 0, i;
	FILE *f = NULL;
	int good;

	if ((f = open_memstream(&buf, &size)) == NULL) {
		tap_ok(0, "guard: open_memstream");
		return;
	}
	csv_write_row(f, row, n, ';');
	fclose(f);
	tap_is_str(buf, want, "guard: formula cells get an apostrophe, numbers do not");
	csv = csv_parse(buf, ';', NULL);
	good = csv != NULL && csv_rows(csv) == 1 && csv_cols(csv, 0) == n;
	for (i = 0; good && i < n; i++)
		good = strcmp(csv_field(csv, 0, i), row[i]) == 0;
	tap_ok(good, "guard: the guarded cells read back to their own text");
	csv_free(csv);
	free(buf);
}

/* csv_new() and csv_add_row(): a table built by a reader that is not CSV. */
static void
test_builder(void)
{
	static const char *const header[] = { "surname", "given", NULL };
	static const char *const blank[] = { "", " ", NULL };
	static const char *const pupil[] = { "Әлиев", NULL, "2012-12-01" };
	struct csv *csv = NULL;
	char *got = NULL, big[5000];
	size_t i;
	int good = 1;

	if ((csv = csv_new()) == NULL) {
		tap_ok(0, "builder: csv_new");
		return;
	}
	tap_is_int(csv_rows(csv), 0, "builder: a new table has no rows");
	tap_ok(csv_add_row(csv, 1, header, 3) == 0 && csv_add_row(csv, 4, blank, 3) == 0 &&
	    csv_add_row(csv, 7, pupil, 3) == 0 && csv_add_row(csv, 9, NULL, 0) == 0,
	    "builder: rows are added");
	tap_is_str(got = dump(csv), "1:surname|given|\n7:Әлиев||2012-12-01\n",
	    "builder: rows keep their lines, NULL is empty, blank rows are skipped");
	free(got);
	tap_ok(csv_separator(csv) == ',', "builder: the separator is ','");
	/* Many rows move the text buffer: every field must follow it. */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (i = 0; i < 2000 && good; i++) {
		const char *const row[] = { big + i };

		good = csv_add_row(csv, 10 + i, row, 1) == 0;
	}
	for (i = 0; i < 2000 && good; i++)
		good = strcmp(csv_field(csv, 2 + i, 0), big + i) == 0 && csv_line(csv, 2 + i) == 10 + i;
	tap_ok(good, "builder: 2000 long rows read back after the buffer grew");
	csv_free(csv);
}

int
main(void)
{
	test_builder();
	test_formula_guard();
	test_parse_cases();
	test_access();
	test_big_field();
	test_many_rows();
	test_writer();
	return tap_done();
}
