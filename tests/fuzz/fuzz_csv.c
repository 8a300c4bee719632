/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_csv: csv_parse() on any bytes a school could send us.
 *
 * Beyond "no crash, no leak" (the sanitizers' part), checks what callers
 * rely on: every field of every row is a string, source lines only grow,
 * and what csv_write_row() writes reads back as the same fields, so an
 * exported marks file always imports. The first byte picks the separator
 * (detected, ',', ';' or tab) so each path gets its share.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fuzz.h"

#define T "fuzz_csv"

static void
check_round_trip(const struct csv *csv, char sep)
{
	struct csv *again = NULL;
	const char **fields = NULL;
	char *text = NULL;
	size_t textlen = 0, r, c, n, rows = 0;
	FILE *f = NULL;

	/*
	 * A first field that starts with a BOM loses it on the way back (the
	 * reader drops a BOM at the start of a file); spreadsheets never write
	 * one inside a field, so such inputs prove nothing here.
	 */
	if (csv_rows(csv) > 0 && strncmp(csv_field(csv, 0, 0), "\xef\xbb\xbf", 3) == 0)
		return;
	if ((f = open_memstream(&text, &textlen)) == NULL)
		abort();
	for (r = 0; r < csv_rows(csv); r++) {
		n = csv_cols(csv, r);
		if ((fields = calloc(n, sizeof *fields)) == NULL)
			abort();
		for (c = 0; c < n; c++)
			fields[c] = csv_field(csv, r, c);
		csv_write_row(f, fields, n, sep);
		free(fields);
	}
	if (fclose(f) != 0)
		abort();
	if ((again = csv_parse(text, sep, NULL)) == NULL)
		fuzz_fail(T, "what csv_write_row() wrote does not parse");
	for (r = 0; r < csv_rows(csv); r++) {
		if (r >= csv_rows(again))
			fuzz_fail(T, "rows lost on the way back");
		if (csv_cols(again, r) != csv_cols(csv, r))
			fuzz_fail(T, "a written row reads back with another number of fields");
		for (c = 0; c < csv_cols(csv, r); c++)
			if (strcmp(csv_field(again, r, c), csv_field(csv, r, c)) != 0)
				fuzz_fail(T, "a written field reads back different");
		rows++;
	}
	if (csv_rows(again) != rows)
		fuzz_fail(T, "rows gained on the way back");
	csv_free(again);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[] = { 0, ',', ';', '\t' };
	struct csv *csv = NULL;
	char *text = NULL, sep;
	size_t r, c, err_line = 0, last_line = 0;

	if (size < 1)
		return 0;
	sep = seps[data[0] & 3];
	text = fuzz_cstring(data + 1, size - 1);
	if ((csv = csv_parse(text, sep, &err_line)) == NULL) {
		if (err_line == 0)
			fuzz_fail(T, "a refused table names no line");
		goto out;
	}
	if (sep != 0 && csv_separator(csv) != sep)
		fuzz_fail(T, "the separator asked for was not used");
	for (r = 0; r < csv_rows(csv); r++) {
		if (csv_line(csv, r) <= last_line)
			fuzz_fail(T, "source lines of rows do not grow");
		last_line = csv_line(csv, r);
		if (csv_cols(csv, r) == 0)
			fuzz_fail(T, "a row without fields");
		for (c = 0; c <= csv_cols(csv, r); c++)
			if (csv_field(csv, r, c) == NULL)
				fuzz_fail(T, "csv_field() returned NULL");
	}
	check_round_trip(csv, csv_separator(csv));
out:
	csv_free(csv);
	free(text);
	return 0;
}
