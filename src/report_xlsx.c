/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_xlsx: a report as an Excel workbook (libxlsxwriter).
 *
 * Head teachers pass records on as spreadsheets, so each table becomes a
 * worksheet: the report's title lines on top, column groups merged over
 * their columns, bold heads, the heads and key columns frozen so the pupil's
 * name stays in view while scrolling, and numbers stored as numbers. Each
 * sheet prints as the PDF does: A4 landscape, one page wide, the heads
 * repeated on every page.
 * libxlsxwriter writes only to a named file: we write a private temporary
 * file and copy it to the output, which may be a pipe or an SSH channel.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "i18n.h"
#include "report_module.h"
#include "text.h"

/* Column width in characters, the way Excel counts them. */
#define XLSX_COL_MAX 60

struct xlsx_formats {
	lxw_format *bold, *head, *group, *wrap;
};

/* A sheet name Excel accepts: unique (numbered), at most 31 characters, no []:*?/\. */
static int
sheet_name(const struct report *r, size_t i, size_t number, char *out, size_t outsize)
{
	const char *title = r->tables[i].title != NULL ? r->tables[i].title :
	    r->ntitle > 2 ? r->title[2] : r->name;
	char *fit = NULL, *p = NULL;

	if ((fit = text_fit(title, LXW_SHEETNAME_MAX - 4, NULL)) == NULL)
		return -1;
	for (p = fit; *p != '\0'; p++)
		if (strchr("[]:*?/\\'", *p) != NULL)
			*p = ' ';
	while (p > fit && p[-1] == ' ')
		*--p = '\0';
	snprintf(out, outsize, "%zu %s", number, fit);
	free(fit);
	return 0;
}

/* Writes a cell: a number when the whole text is one, else a string. */
static lxw_error
put_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *f)
{
	char *end = NULL;
	double v;

	if (*text == '\0')
		return LXW_NO_ERROR;
	errno = 0;
	v = strtod(text, &end);
	if (errno == 0 && end != text && *end == '\0' && text[0] != '+' && text[0] != ' ')
		return worksheet_write_number(ws, row, col, v, f);
	return worksheet_write_string(ws, row, col, text, f);
}

static int
put_sheet(lxw_workbook *wb, const struct report *r, size_t ti, size_t number,
    const struct xlsx_formats *fm)
{
	const struct report_table *t = &r->tables[ti];
	lxw_worksheet *ws = NULL;
	char name[LXW_MAX_SHEETNAME_LENGTH];
	lxw_row_t row = 0, head_row, first_head_row;
	size_t c, e, i, w;
	int groups = 0, twoline = 0;

	if (sheet_name(r, ti, number, name, sizeof name) != 0 ||
	    (ws = workbook_add_worksheet(wb, name)) == NULL)
		return -1;
	for (i = 0; i < r->ntitle; i++)
		if (worksheet_write_string(ws, row++, 0, r->title[i], i == 0 ? fm->bold : NULL) !=
		    LXW_NO_ERROR)
			return -1;
	if (t->title != NULL && worksheet_write_string(ws, row++, 0, t->title, fm->bold) !=
	    LXW_NO_ERROR)
		return -1;
	row++;
	first_head_row = row;
	for (c = 0; c < t->ncols; c++) {
		if (t->cols[c].group != NULL)
			groups = 1;
		if (strchr(t->cols[c].head, '\n') != NULL)
			twoline = 1;
	}
	if (groups) {
		for (c = 0; c < t->ncols; c = e + 1) {
			e = c;
			if (t->cols[c].group == NULL)
				continue;
			while (e + 1 < t->ncols && t->cols[e + 1].group != NULL &&
			    strcmp(t->cols[e + 1].group, t->cols[c].group) == 0)
				e++;
			if ((e > c ? worksheet_merge_range(ws, row, (lxw_col_t)c, row, (lxw_col_t)e,
			    t->cols[c].group, fm->group) : worksheet_write_string(ws, row,
			    (lxw_col_t)c, t->cols[c].group, fm->group)) != LXW_NO_ERROR)
				return -1;
		}
		row++;
	}
	head_row = row;
	for (c = 0; c < t->ncols; c++)
		if (worksheet_write_string(ws, row, (lxw_col_t)c, t->cols[c].head, fm->head) !=
		    LXW_NO_ERROR)
			return -1;
	if (twoline && worksheet_set_row(ws, row, 30, NULL) != LXW_NO_ERROR)
		return -1;
	row++;
	for (i = 0; i < t->nrows; i++, row++)
		for (c = 0; c < t->ncols; c++)
			if (put_cell(ws, row, (lxw_col_t)c, t->cells[i * t->ncols + c], NULL) !=
			    LXW_NO_ERROR)
				return -1;
	/* Widths from the longest text, measured in characters (not bytes). */
	for (c = 0; c < t->ncols; c++) {
		w = 3;
		for (i = 0; i < t->nrows; i++)
			if (text_width(t->cells[i * t->ncols + c]) + 1 > w)
				w = text_width(t->cells[i * t->ncols + c]) + 1;
		if (strchr(t->cols[c].head, '\n') == NULL && text_width(t->cols[c].head) + 1 > w)
			w = text_width(t->cols[c].head) + 1;
		if (w > XLSX_COL_MAX)
			w = XLSX_COL_MAX;
		if (worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)w,
		    w == XLSX_COL_MAX ? fm->wrap : NULL) != LXW_NO_ERROR)
			return -1;
	}
	worksheet_freeze_panes(ws, head_row + 1, (lxw_col_t)t->nkey);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	/* One page wide, as many long as the rows need (0: no limit). */
	worksheet_fit_to_pages(ws, 1, 0);
	if (worksheet_repeat_rows(ws, first_head_row, head_row) != LXW_NO_ERROR)
		return -1;
	row++;
	for (i = 0; i < r->nnotes; i++)
		if (worksheet_write_string(ws, row++, 0, r->notes[i], NULL) != LXW_NO_ERROR)
			return -1;
	return 0;
}

static int
copy_file(const char *path, FILE *out)
{
	char buf[65536];
	FILE *in = NULL;
	size_t n;
	int rc = -1;

	if ((in = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			goto out;
	if (!ferror(in) && fflush(out) == 0)
		rc = 0;
out:
	fclose(in);
	return rc;
}

int
report_xlsx_write(const struct report *r, FILE *out, char *err, size_t errsize)
{
	const struct report *page = NULL;
	size_t sheets = 0;
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	lxw_workbook *wb = NULL;
	struct xlsx_formats fm;
	lxw_error le;
	size_t i;
	int fd = -1, rc = -1, made = 0;

	snprintf(err, errsize, "%s", _("Could not write the spreadsheet (out of memory, the "
	    "temporary directory is full, or the output is closed)."));
	snprintf(path, sizeof path, "%s/dapter-xlsx-XXXXXX",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		goto out;
	made = 1;
	close(fd);
	if ((wb = workbook_new(path)) == NULL)
		goto out;
	memset(&fm, 0, sizeof fm);
	if ((fm.bold = workbook_add_format(wb)) == NULL ||
	    (fm.head = workbook_add_format(wb)) == NULL ||
	    (fm.group = workbook_add_format(wb)) == NULL ||
	    (fm.wrap = workbook_add_format(wb)) == NULL)
		goto out;
	format_set_bold(fm.bold);
	format_set_bold(fm.head);
	format_set_text_wrap(fm.head);
	format_set_align(fm.head, LXW_ALIGN_CENTER);
	format_set_bottom(fm.head, LXW_BORDER_THIN);
	format_set_bold(fm.group);
	format_set_align(fm.group, LXW_ALIGN_CENTER);
	format_set_text_wrap(fm.wrap);
	/* Sheets numbered through the pages of a chain, so their names stay unique. */
	for (page = r; page != NULL; page = page->next)
		for (i = 0; i < page->ntables; i++)
			if (put_sheet(wb, page, i, ++sheets, &fm) != 0)
				goto out;
	le = workbook_close(wb);
	wb = NULL;
	if (le != LXW_NO_ERROR) {
		snprintf(err, errsize, _("Could not write the spreadsheet: %s."),
		    lxw_strerror(le));
		goto out;
	}
	if (copy_file(path, out) != 0)
		goto out;
	rc = 0;
out:
	if (wb != NULL)
		workbook_close(wb);
	if (made)
		unlink(path);
	return rc;
}
