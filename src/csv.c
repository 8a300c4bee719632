/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv: reads and writes the CSV files schools exchange with spreadsheets
 * (RFC 4180 plus what Excel and LibreOffice really write). See csv.h.
 *
 * The reader makes one copy of the text and unquotes every field in place
 * (a field never grows when its quotes are removed), so a table costs one
 * pass and one buffer however long its fields are; rows and fields are
 * offsets into that buffer.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"

struct csv_row {
	size_t	first;	/* index of the first field in csv->fields */
	size_t	n;	/* number of fields */
	size_t	line;	/* 1-based source line where the row starts */
};

struct csv {
	char		 sep;
	char		*buf;		/* unquoted fields, NUL-terminated */
	size_t		 buf_len;	/* bytes of buf in use (csv_add_row()) */
	size_t		 buf_size;	/* bytes allocated */
	size_t		*fields;	/* offsets into buf */
	size_t		 nfields;
	size_t		 fields_size;
	struct csv_row	*rows;
	size_t		 nrows;
	size_t		 rows_size;
};

/*
 * Counts ';', ',' and tabs outside quotes on the first line that is not
 * blank (a quoted field may carry it over several lines) and picks the most
 * frequent. A tie goes to ';', which Russian and Kazakh Excel write and
 * whose rows often hold decimal commas; no separator at all means ','.
 */
static char
csv_detect(const char *p)
{
	size_t semis = 0, commas = 0, tabs = 0, most;
	int quoted = 0;
	char best = ',';

	while (*p == '\r' || *p == '\n' || *p == ' ')
		p++;
	for (; *p != '\0'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\r' || *p == '\n')
			break;
		else if (*p == ';')
			semis++;
		else if (*p == ',')
			commas++;
		else if (*p == '\t')
			tabs++;
	}
	most = commas;
	if (tabs > most) {
		best = '\t';
		most = tabs;
	}
	if (semis > 0 && semis >= most)
		best = ';';
	return best;
}

static int
csv_add_field(struct csv *csv, size_t offset)
{
	size_t *p = NULL, size;

	if (csv->nfields == csv->fields_size) {
		size = csv->fields_size == 0 ? 64 : csv->fields_size * 2;
		if (size > SIZE_MAX / sizeof *p ||
		    (p = realloc(csv->fields, size * sizeof *p)) == NULL)
			return -1;
		csv->fields = p;
		csv->fields_size = size;
	}
	csv->fields[csv->nfields++] = offset;
	return 0;
}

static int
csv_push_row(struct csv *csv, size_t first, size_t line)
{
	struct csv_row *p = NULL;
	size_t size;

	if (csv->nrows == csv->rows_size) {
		size = csv->rows_size == 0 ? 16 : csv->rows_size * 2;
		if (size > SIZE_MAX / sizeof *p ||
		    (p = realloc(csv->rows, size * sizeof *p)) == NULL)
			return -1;
		csv->rows = p;
		csv->rows_size = size;
	}
	csv->rows[csv->nrows].first = first;
	csv->rows[csv->nrows].n = csv->nfields - first;
	csv->rows[csv->nrows].line = line;
	csv->nrows++;
	return 0;
}

/*
 * A row of nothing but empty or white-space fields: an empty line, or the
 * ";;;;" Excel writes for a row it once touched.
 */
static int
csv_row_blank(const struct csv *csv, size_t first)
{
	const char *p = NULL;
	size_t i;

	for (i = first; i < csv->nfields; i++) {
		for (p = csv->buf + csv->fields[i]; *p != '\0'; p++) {
			if (*p != ' ' && *p != '\t')
				return 0;
		}
	}
	return 1;
}

/*
 * Unquotes the field whose opening quote is at b[*r], writing it at b[*w]
 * and counting the line breaks inside it. Returns -1 if the text ends
 * before the closing quote.
 */
static int
csv_unquote(char *b, size_t len, size_t *r, size_t *w, size_t *line)
{
	size_t i = *r + 1, o = *w;

	for (; i < len; i++) {
		if (b[i] == '"') {
			if (i + 1 >= len || b[i + 1] != '"')
				break;
			i++;	/* "" is one quote */
		} else if (b[i] == '\n' ||
		    (b[i] == '\r' && (i + 1 >= len || b[i + 1] != '\n')))
			(*line)++;
		b[o++] = b[i];
	}
	if (i >= len)
		return -1;
	*r = i + 1;
	*w = o;
	return 0;
}

struct csv *
csv_parse(const char *text, char sep, size_t *err_line)
{
	struct csv *csv = NULL;
	char *b = NULL;
	size_t len, r = 0, w = 0, line = 1, row_line, field_line, first;
	char c;

	if (err_line != NULL)
		*err_line = 0;
	if (sep == '"' || sep == '\r' || sep == '\n')
		abort();	/* a caller's mistake, not the file's */
	/* charset_to_utf8() drops the BOM, but text may come from elsewhere. */
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	len = strlen(text);

	if ((csv = calloc(1, sizeof *csv)) == NULL)
		goto fail;
	if ((csv->buf = malloc(len + 1)) == NULL)
		goto fail;
	memcpy(csv->buf, text, len + 1);
	csv->buf_len = csv->buf_size = len + 1;
	csv->sep = sep != '\0' ? sep : csv_detect(text);
	b = csv->buf;

	/*
	 * r reads, w writes; w never passes r, so every field is unquoted in
	 * place, and each field's NUL lands on a separator, newline or quote
	 * already read.
	 */
	while (r < len) {
		row_line = line;
		first = csv->nfields;
		for (;;) {
			if (csv_add_field(csv, w) != 0)
				goto fail;
			field_line = line;
			if (r < len && b[r] == '"' &&
			    csv_unquote(b, len, &r, &w, &line) != 0) {
				if (err_line != NULL)
					*err_line = field_line;
				goto fail;
			}
			/* Unquoted text, or what follows a closing quote. */
			while (r < len && b[r] != csv->sep && b[r] != '\n' &&
			    b[r] != '\r')
				b[w++] = b[r++];
			c = r < len ? b[r] : '\0';
			b[w++] = '\0';
			if (c == csv->sep) {
				r++;
				continue;
			}
			if (c == '\r' && r + 1 < len && b[r + 1] == '\n')
				r++;
			if (c == '\r' || c == '\n') {
				r++;
				line++;
			}
			break;
		}
		if (csv_row_blank(csv, first))
			csv->nfields = first;
		else if (csv_push_row(csv, first, row_line) != 0)
			goto fail;
	}
	return csv;

fail:
	csv_free(csv);
	return NULL;
}

struct csv *
csv_new(void)
{
	struct csv *csv = NULL;

	if ((csv = calloc(1, sizeof *csv)) == NULL)
		return NULL;
	csv->sep = ',';
	return csv;
}

/* Appends s and its NUL to buf; its offset in *off. */
static int
csv_append_text(struct csv *csv, const char *s, size_t *off)
{
	size_t len = strlen(s) + 1, size;
	char *p = NULL;

	if (len > SIZE_MAX / 2 - csv->buf_len)
		return -1;
	if (csv->buf_len + len > csv->buf_size) {
		size = csv->buf_size == 0 ? 4096 : csv->buf_size;
		while (size < csv->buf_len + len)
			size *= 2;
		if ((p = realloc(csv->buf, size)) == NULL)
			return -1;
		csv->buf = p;
		csv->buf_size = size;
	}
	memcpy(csv->buf + csv->buf_len, s, len);
	*off = csv->buf_len;
	csv->buf_len += len;
	return 0;
}

int
csv_add_row(struct csv *csv, size_t line, const char *const *fields, size_t n)
{
	size_t first = csv->nfields, buf_len = csv->buf_len, i, off;

	for (i = 0; i < n; i++) {
		if (csv_append_text(csv, fields[i] != NULL ? fields[i] : "", &off) != 0 ||
		    csv_add_field(csv, off) != 0)
			goto fail;
	}
	/* As the parser does: a row with nothing in it is no row. */
	if (csv_row_blank(csv, first)) {
		csv->nfields = first;
		csv->buf_len = buf_len;
		return 0;
	}
	if (csv_push_row(csv, first, line) != 0)
		goto fail;
	return 0;
fail:
	/* The table stays as it was before this row. */
	csv->nfields = first;
	csv->buf_len = buf_len;
	return -1;
}

void
csv_free(struct csv *csv)
{
	if (csv == NULL)
		return;
	free(csv->buf);
	free(csv->fields);
	free(csv->rows);
	free(csv);
}

size_t
csv_rows(const struct csv *csv)
{
	return csv->nrows;
}

size_t
csv_cols(const struct csv *csv, size_t row)
{
	return row < csv->nrows ? csv->rows[row].n : 0;
}

/*
 * Spreadsheet formulas (OWASP, "CSV injection"): Excel and LibreOffice run a
 * cell that starts with = + - @ (or a tab or CR before one) as a formula, so
 * a topic "=HYPERLINK(...)" would become a live link. The writer puts an
 * apostrophe before such a cell, which the spreadsheet shows as text; the
 * reader takes it off again. A plain number ("-", "-5", "+2.5") is no formula
 * and stays as it is. Text that itself starts with an apostrophe gets one more,
 * so that reading gives back exactly what was written.
 */
static int
csv_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static int
csv_needs_guard(const char *f)
{
	const char *p = f;

	if (f[0] == '\'')
		return 1;
	if (!csv_formula_start(f[0]))
		return 0;
	if (f[0] == '-' || f[0] == '+') {
		for (p = f + 1; (*p >= '0' && *p <= '9') || *p == '.' || *p == ','; p++)
			;
		if (*p == '\0')
			return 0;	/* a number, or a lone sign */
	}
	return 1;
}

const char *
csv_field(const struct csv *csv, size_t row, size_t col)
{
	const char *f = NULL;

	if (row >= csv->nrows || col >= csv->rows[row].n)
		return "";
	f = csv->buf + csv->fields[csv->rows[row].first + col];
	/* A cell csv_write_field() guarded: its own text follows the apostrophe. */
	if (f[0] == '\'' && (f[1] == '\'' || csv_formula_start(f[1])))
		f++;
	return f;
}

size_t
csv_line(const struct csv *csv, size_t row)
{
	return row < csv->nrows ? csv->rows[row].line : 0;
}

char
csv_separator(const struct csv *csv)
{
	return csv->sep;
}

void
csv_style_default(struct csv_style *out)
{
	const char *lang = i18n_language();
	int excel = strcmp(lang, "kk") == 0 || strcmp(lang, "ru") == 0;

	out->sep = excel ? ';' : ',';
	out->bom = excel;
}

int
csv_style_parse(const char *name, struct csv_style *out)
{
	if (name == NULL)
		csv_style_default(out);
	else if (strcmp(name, "excel") == 0)
		*out = (struct csv_style){ ';', 1 };
	else if (strcmp(name, "plain") == 0)
		*out = (struct csv_style){ ',', 0 };
	else
		return -1;
	return 0;
}

void
csv_write_start(FILE *out, const struct csv_style *style)
{
	if (style->bom)
		fputs("\xef\xbb\xbf", out);
}

void
csv_write_field(FILE *out, const char *field, char sep)
{
	const char *p = NULL;

	if (field == NULL)
		field = "";
	for (p = field; *p != '\0'; p++) {
		if (*p == sep || *p == '"' || *p == '\r' || *p == '\n')
			break;
	}
	if (*p == '\0') {
		if (csv_needs_guard(field))
			putc('\'', out);
		fputs(field, out);
		return;
	}
	putc('"', out);
	if (csv_needs_guard(field))
		putc('\'', out);
	for (p = field; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

void
csv_write_row(FILE *out, const char *const *fields, size_t n, char sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(sep, out);
		csv_write_field(out, fields[i], sep);
	}
	putc('\n', out);
}
