/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_csv: a report as CSV for spreadsheets and scripts.
 *
 * Each table is a block: its title (when it has one) on a row of its own,
 * a row of column groups when the table has them, the heads, the rows; a
 * blank line between blocks. Heads of two lines ("02.09" over "СОр/20")
 * become one field with a space, so a script can match them. Title and notes
 * are one-field rows, so the whole file stays one valid CSV table. The
 * file is in the style of the report's language (csv_style_default()): a BOM
 * and ';' for a Kazakh or Russian Excel, ',' otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "report.h"

static int
put_table(FILE *out, const struct report_table *t, char sep)
{
	const char **fields = NULL;
	char **heads = NULL;
	size_t c, r;
	int rc = -1, groups = 0;

	if ((fields = calloc(t->ncols > 0 ? t->ncols : 1, sizeof *fields)) == NULL ||
	    (heads = calloc(t->ncols > 0 ? t->ncols : 1, sizeof *heads)) == NULL)
		goto out;
	if (t->title != NULL)
		csv_write_row(out, (const char *const *)&t->title, 1, sep);
	for (c = 0; c < t->ncols; c++) {
		const char *g = t->cols[c].group;

		/* A group is named over its first column only. */
		if (g != NULL && (c == 0 || t->cols[c - 1].group == NULL ||
		    strcmp(t->cols[c - 1].group, g) != 0))
			fields[c] = g;
		else
			fields[c] = "";
		if (g != NULL)
			groups = 1;
	}
	if (groups)
		csv_write_row(out, fields, t->ncols, sep);
	for (c = 0; c < t->ncols; c++) {
		char *p = NULL;

		if ((heads[c] = strdup(t->cols[c].head)) == NULL)
			goto out;
		for (p = heads[c]; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		fields[c] = heads[c];
	}
	csv_write_row(out, fields, t->ncols, sep);
	for (r = 0; r < t->nrows; r++)
		csv_write_row(out, (const char *const *)&t->cells[r * t->ncols], t->ncols, sep);
	rc = 0;
out:
	if (heads != NULL)
		for (c = 0; c < t->ncols; c++)
			free(heads[c]);
	free(heads);
	free(fields);
	return rc;
}

int
report_write_csv(const struct report *r, FILE *out, char *err, size_t errsize)
{
	struct csv_style style;
	char sep;
	size_t i;

	csv_style_default(&style);
	sep = style.sep;
	csv_write_start(out, &style);
	for (i = 0; i < r->ntitle; i++)
		csv_write_row(out, (const char *const *)&r->title[i], 1, sep);
	for (i = 0; i < r->ntables; i++) {
		fputc('\n', out);
		if (put_table(out, &r->tables[i], sep) != 0)
			goto fail;
	}
	if (r->nnotes > 0)
		fputc('\n', out);
	for (i = 0; i < r->nnotes; i++)
		csv_write_row(out, (const char *const *)&r->notes[i], 1, sep);
	if (ferror(out))
		goto fail;
	return 0;
fail:
	snprintf(err, errsize, "%s", _("Could not write the report (out of memory, or the "
	    "output is closed)."));
	return -1;
}
