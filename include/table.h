/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table: a file of rows that a school prepared in a spreadsheet (a class
 * list, a timetable, a plan), read into a struct csv whatever Excel saved:
 * CSV in UTF-8, UTF-8 with a BOM, UTF-16 or Windows-1251 (charset.h), or
 * an XLSX workbook, whose first sheet is read.
 *
 * Every importer calls table_read() and then reads rows with csv.h, so a
 * problem is named by csv_line(): the line of a CSV file, the row number
 * that Excel shows for a workbook.
 */
#ifndef DAPTER_TABLE_H
#define DAPTER_TABLE_H

#include <stdarg.h>
#include <stddef.h>

#include "charset.h"
#include "csv.h"

struct table_source {
	enum charset	charset;	/* of a CSV file; CHARSET_UTF8 for a workbook */
	int		xlsx;		/* 1: the file was an XLSX workbook */
};

/*
 * Reads buf (len bytes, the whole file). Returns the table, or NULL with a
 * translated reason in err and, where the problem has a line, that line in
 * *err_line (else 0).
 */
struct csv *table_read(const char *buf, size_t len, struct table_source *src, size_t *err_line,
    char *err, size_t errsize);

/* "Windows-1251", "XLSX"...: how the file was read, for "Read as %s." */
const char *table_source_name(const struct table_source *src);

/*
 * A problem an importer found, by line (0: the file as a whole). Every
 * importer collects them all before it writes anything.
 */
struct table_problem {
	size_t line;
	char msg[320];
};

/* Appends one to *rows; with no memory left, the ones already there say enough. */
void table_problem_vadd(struct table_problem **rows, size_t *n, size_t line, const char *fmt,
    va_list ap) __attribute__((format(printf, 4, 0)));

/* A word of a header row (case-folded, '_' read as ' ') and the importer's column it names. */
struct table_header {
	const char *word;
	int col;
};

/*
 * Reads the first row, whose words in English, Russian or Kazakh name the
 * columns: cols[c] is the file's first column named as the importer's
 * column c, or -1 when none is (cols holds ncols entries).
 */
void table_header_row(const struct csv *csv, const struct table_header *words, size_t nwords,
    int *cols, int ncols);

#endif
