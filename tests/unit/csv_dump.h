/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv_dump: a table as text for the unit tests that compare tables
 * (test_csv.c, test_xlsx.c): one line per row, csv_line(), ':', then the
 * fields joined by '|'.
 */
#ifndef DAPTER_CSV_DUMP_H
#define DAPTER_CSV_DUMP_H

#include <stdio.h>
#include <stdlib.h>

#include "csv.h"

/* The dump, malloc'd; NULL when out of memory. */
static char *
dump(const struct csv *csv)
{
	char *buf = NULL;
	size_t size = 0, row, col;
	FILE *f = NULL;

	if ((f = open_memstream(&buf, &size)) == NULL)
		return NULL;
	for (row = 0; row < csv_rows(csv); row++) {
		fprintf(f, "%zu:", csv_line(csv, row));
		for (col = 0; col < csv_cols(csv, row); col++)
			fprintf(f, "%s%s", col > 0 ? "|" : "", csv_field(csv, row, col));
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

#endif
