/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table: reads a spreadsheet's file into a struct csv. See table.h.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report_module.h"
#include "table.h"
#include "text.h"

/* Every XLSX file is a ZIP archive, which starts with a local file header. */
static int
table_is_zip(const char *buf, size_t len)
{
	return len >= 4 && memcmp(buf, "PK\003\004", 4) == 0;
}

/*
 * An OLE2 compound file: an Excel 97-2003 workbook (.xls), or an XLSX
 * workbook saved with a password, which Excel wraps in one.
 */
static int
table_is_ole2(const char *buf, size_t len)
{
	return len >= 8 && memcmp(buf, "\320\317\021\340\241\261\032\341", 8) == 0;
}

struct csv *
table_read(const char *buf, size_t len, struct table_source *src, size_t *err_line, char *err,
    size_t errsize)
{
	struct csv *csv = NULL;
	char *text = NULL;

	memset(src, 0, sizeof *src);
	*err_line = 0;
	if (table_is_zip(buf, len)) {
		src->xlsx = 1;
		/* The reader is in the report module, with minizip (report_module.h). */
		return report_read_xlsx(buf, len, err_line, err, errsize);
	}
	if (table_is_ole2(buf, len)) {
		snprintf(err, errsize, "%s", _("This is an old Excel workbook (.xls) or one "
		    "with a password, which dapter does not read. In Excel, save it without a "
		    "password as \"Excel Workbook (*.xlsx)\" or as \"CSV UTF-8\"."));
		return NULL;
	}
	if ((text = charset_to_utf8(buf, len, &src->charset)) == NULL) {
		snprintf(err, errsize, "%s", _("The file is not text in UTF-8 or Windows-1251. "
		    "In Excel, save it as \"CSV UTF-8\"."));
		return NULL;
	}
	if ((csv = csv_parse(text, 0, err_line)) == NULL)
		snprintf(err, errsize, "%s", _("A quoted field starts here and never ends."));
	free(text);
	return csv;
}

const char *
table_source_name(const struct table_source *src)
{
	return src->xlsx ? "XLSX" : charset_name(src->charset);
}

void
table_problem_vadd(struct table_problem **rows, size_t *n, size_t line, const char *fmt,
    va_list ap)
{
	struct table_problem *p = NULL;

	if ((p = realloc(*rows, (*n + 1) * sizeof *p)) == NULL)
		return;
	*rows = p;
	p = &p[(*n)++];
	p->line = line;
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
}

void
table_header_row(const struct csv *csv, const struct table_header *words, size_t nwords,
    int *cols, int ncols)
{
	char *folded = NULL, *ch = NULL;
	size_t i, k;
	int c;

	for (c = 0; c < ncols; c++)
		cols[c] = -1;
	for (i = 0; i < csv_cols(csv, 0); i++) {
		if ((folded = text_casefold(csv_field(csv, 0, i))) == NULL)
			continue;
		for (ch = folded; *ch != '\0'; ch++)
			if (*ch == '_')
				*ch = ' ';
		for (k = 0; k < nwords; k++)
			if (strcmp(folded, words[k].word) == 0) {
				c = words[k].col;
				if (c >= 0 && c < ncols && cols[c] < 0)
					cols[c] = (int)i;
				break;
			}
		free(folded);
	}
}
