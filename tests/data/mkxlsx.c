/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mkxlsx: an XLSX workbook from a CSV file, as a school's Excel saves it,
 * for the tests' sample files. Made with libxlsxwriter, which dapter's
 * reports already use and which writes what Excel writes: shared strings,
 * dates as serial numbers with a date style, numbers as numbers.
 *
 *   make tests/data/mkxlsx && tests/data/mkxlsx [options] OUT.xlsx IN.csv
 *   make xlsx-samples        remakes every sample in tests/data (Makefile.am)
 *
 *   -d COL   the column COL (its header) holds dates: written as dates
 *            (Excel's short date style, numFmtId 14)
 *   -n COL   the column COL holds numbers (a ИИН as a number, as Excel
 *            makes of 12 typed digits)
 *   -e COL   an empty column before COL, with an empty header
 *   -s       a second sheet, with other rows, that a reader must ignore
 *   -i       strings inline (<is><t>) and dates in a custom dd.mm.yyyy
 *            style, as many programs other than Excel write them
 *
 * A cell of a -d or -n column that is not a date (YYYY-MM-DD or
 * DD.MM.YYYY) or a number is written as text, as Excel keeps what it
 * cannot read; an empty CSV cell is no cell at all. Each CSV line is the
 * sheet row of its number, so blank lines stay empty rows and a problem
 * names the same line in both files.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "charset.h"
#include "csv.h"

#define MAX_COLS 8

struct opts {
	const char	*dates[MAX_COLS], *numbers[MAX_COLS], *empty_before;
	int		 ndates, nnumbers, second_sheet, inline_strings;
};

static int
listed(const char *const *list, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static int
parse_date(const char *s, lxw_datetime *dt)
{
	int y, m, d;
	char end;

	memset(dt, 0, sizeof *dt);
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 &&
	    sscanf(s, "%2d.%2d.%4d%c", &d, &m, &y, &end) != 3)
		return -1;
	dt->year = y;
	dt->month = m;
	dt->day = d;
	return 0;
}

static int
parse_number(const char *s, double *v)
{
	char *end = NULL;

	*v = strtod(s, &end);
	return end != s && *end == '\0' ? 0 : -1;
}

static char *
slurp(const char *path)
{
	FILE *f = NULL;
	char *buf = NULL, *text = NULL;
	long len;
	enum charset cs;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len)
		goto out;
	text = charset_to_utf8(buf, (size_t)len, &cs);
out:
	if (f != NULL)
		fclose(f);
	free(buf);
	return text;
}

static int
write_sheet(lxw_worksheet *ws, const struct csv *csv, const struct opts *o, lxw_format *date)
{
	lxw_row_t row;
	size_t r, c, n;
	int out_col, date_col[64] = { 0 }, number_col[64] = { 0 };
	const char *field = NULL;
	lxw_datetime dt;
	double v;

	for (c = 0; c < csv_cols(csv, 0) && c < 64; c++) {
		date_col[c] = listed(o->dates, o->ndates, csv_field(csv, 0, c));
		number_col[c] = listed(o->numbers, o->nnumbers, csv_field(csv, 0, c));
	}
	for (r = 0; r < csv_rows(csv); r++) {
		/* The CSV's line is the sheet's row: a blank line stays an empty row. */
		row = (lxw_row_t)(csv_line(csv, r) - 1);
		n = csv_cols(csv, r);
		for (c = 0, out_col = 0; c < n && c < 64; c++, out_col++) {
			if (o->empty_before != NULL &&
			    strcmp(csv_field(csv, 0, c), o->empty_before) == 0)
				out_col++;
			field = csv_field(csv, r, c);
			if (*field == '\0')
				continue;
			if (r > 0 && date_col[c] && parse_date(field, &dt) == 0) {
				if (worksheet_write_datetime(ws, row, (lxw_col_t)out_col,
				    &dt, date) != LXW_NO_ERROR)
					return -1;
			} else if (r > 0 && number_col[c] && parse_number(field, &v) == 0) {
				if (worksheet_write_number(ws, row, (lxw_col_t)out_col, v,
				    NULL) != LXW_NO_ERROR)
					return -1;
			} else if (worksheet_write_string(ws, row, (lxw_col_t)out_col, field,
			    NULL) != LXW_NO_ERROR) {
				return -1;
			}
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o = { .ndates = 0 };
	lxw_workbook_options wo = { 0 };
	lxw_doc_properties props = { 0 };
	lxw_workbook *wb = NULL;
	lxw_worksheet *ws = NULL;
	lxw_format *date = NULL;
	struct csv *csv = NULL;
	char *text = NULL;
	int opt, rc = 1;

	while ((opt = getopt(argc, argv, "d:n:e:si")) != -1) {
		switch (opt) {
		case 'd':
			if (o.ndates < MAX_COLS)
				o.dates[o.ndates++] = optarg;
			break;
		case 'n':
			if (o.nnumbers < MAX_COLS)
				o.numbers[o.nnumbers++] = optarg;
			break;
		case 'e':
			o.empty_before = optarg;
			break;
		case 's':
			o.second_sheet = 1;
			break;
		case 'i':
			o.inline_strings = 1;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	if ((text = slurp(argv[optind + 1])) == NULL || (csv = csv_parse(text, 0, NULL)) == NULL ||
	    csv_rows(csv) == 0) {
		fprintf(stderr, "mkxlsx: cannot read %s as CSV\n", argv[optind + 1]);
		goto out;
	}
	/* constant_memory: libxlsxwriter then writes every string inline. */
	wo.constant_memory = (uint8_t)o.inline_strings;
	if ((wb = workbook_new_opt(argv[optind], &wo)) == NULL ||
	    (ws = workbook_add_worksheet(wb, "Сынып")) == NULL ||
	    (date = workbook_add_format(wb)) == NULL)
		goto fail;
	/* A fixed creation time: the samples stay the same bytes when remade. */
	props.created = (time_t)1788220800;	/* 2026-09-01 */
	if (workbook_set_properties(wb, &props) != LXW_NO_ERROR)
		goto fail;
	if (o.inline_strings)
		format_set_num_format(date, "dd.mm.yyyy");
	else
		format_set_num_format_index(date, 14);
	if (write_sheet(ws, csv, &o, date) != 0)
		goto fail;
	if (o.second_sheet) {
		lxw_worksheet *other = workbook_add_worksheet(wb, "Архив");

		if (other == NULL ||
		    worksheet_write_string(other, 0, 0, "Басқа парақ: оқылмауы керек", NULL) ||
		    worksheet_write_number(other, 1, 0, 42, NULL))
			goto fail;
	}
	if (workbook_close(wb) != LXW_NO_ERROR) {
		wb = NULL;
		goto fail;
	}
	wb = NULL;
	rc = 0;
	goto out;
usage:
	fprintf(stderr, "usage: mkxlsx [-d COL]... [-n COL]... [-e COL] [-s] [-i] OUT.xlsx "
	    "IN.csv\n");
	rc = 2;
	goto out;
fail:
	fprintf(stderr, "mkxlsx: cannot write %s\n", argv[optind]);
out:
	if (wb != NULL)
		workbook_close(wb);
	csv_free(csv);
	free(text);
	return rc;
}
