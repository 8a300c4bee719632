/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv: RFC 4180 tables as spreadsheets write them.
 *
 * The reader takes UTF-8 text (see charset.h), detects the separator from the
 * first line (';' from a Russian or Kazakh Excel, ',' otherwise, or a tab),
 * handles quoted fields with doubled quotes and embedded newlines, and
 * remembers the source line of every row for error messages. Blank lines are
 * skipped. The writer quotes only where needed.
 *
 * No cell dapter writes runs as a spreadsheet formula: the writer puts an
 * apostrophe before a cell that starts with = + - @, a tab or CR (unless it
 * is a plain number such as -5) and before one that starts with an
 * apostrophe; csv_field() takes that apostrophe off, so a file dapter wrote
 * reads back to the same text.
 */
#ifndef DAPTER_CSV_H
#define DAPTER_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv;

/*
 * Parses `text`. sep is ',', ';', '\t' or 0 to detect. Returns NULL on an
 * unterminated quote with *err_line set to the line where the field began.
 */
struct csv *csv_parse(const char *text, char sep, size_t *err_line);
void csv_free(struct csv *csv);

/*
 * A table built row by row, for a reader that is not CSV (an XLSX sheet):
 * csv_new() gives an empty table (separator ','), csv_add_row() copies n
 * fields (NULL reads as "") as a row whose csv_line() is `line`. A row of
 * blank fields is skipped, as csv_parse() skips a blank line. -1 when out of
 * memory, with the table as it was.
 */
struct csv *csv_new(void);
int csv_add_row(struct csv *csv, size_t line, const char *const *fields, size_t n);

size_t csv_rows(const struct csv *csv);
size_t csv_cols(const struct csv *csv, size_t row);
/* The field, or "" when the row is shorter; a guarded cell without its apostrophe. Never NULL. */
const char *csv_field(const struct csv *csv, size_t row, size_t col);
/* 1-based line of the file where the row starts. */
size_t csv_line(const struct csv *csv, size_t row);
char csv_separator(const struct csv *csv);

/*
 * How a file is written for the spreadsheet that opens it. A Russian or
 * Kazakh Excel splits columns at ';' (its decimal sign is the comma) and
 * reads a file without a byte order mark as Windows-1251, so its style is a
 * BOM and ';'; LibreOffice, scripts and an English Excel take plain ','.
 */
struct csv_style {
	char	sep;
	int	bom;
};

/* The default: excel when the language in use is kk or ru, plain otherwise. */
void csv_style_default(struct csv_style *out);
/*
 * "excel" (BOM and ';'), "plain" (',' and no BOM), or NULL for the default.
 * 0, or -1 for any other name.
 */
int csv_style_parse(const char *name, struct csv_style *out);
/* Starts a file in that style: the UTF-8 BOM when it has one. */
void csv_write_start(FILE *out, const struct csv_style *style);

/* Writes one field, guarded against formulas, quoted if it holds sep, a quote, CR or LF. */
void csv_write_field(FILE *out, const char *field, char sep);
/* Writes a row of n fields and CRLF-free "\n". */
void csv_write_row(FILE *out, const char *const *fields, size_t n, char sep);

#endif
