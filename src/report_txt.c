/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_txt: a report as plain UTF-8 text that fits 80 columns.
 *
 * Text goes to a terminal, an SSH exec over a weak link, or a printer that
 * knows nothing of spreadsheets, so it must fit 80 columns whatever the
 * names are. Widths are measured in terminal columns (text_width), never
 * bytes: a Kazakh letter is two bytes and one column. A table wider than the
 * page is cut into panels at column (or column group) boundaries, each
 * repeating the key columns (number, pupil), the way a printed register
 * continues on the next sheet; a cell wider than its column wraps at spaces,
 * never inside a character.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "text.h"

#define PAGE_COLS	80
#define KEY_MAX_COLS	(PAGE_COLS / 2)
#define WRAP_MIN_COLS	16

struct lines {
	char **v;
	size_t n;
};

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
lines_add(struct lines *l, char *s)
{
	char **grown = NULL;

	if (s == NULL)
		return -1;
	if ((grown = realloc(l->v, (l->n + 1) * sizeof *grown)) == NULL) {
		free(s);
		return -1;
	}
	l->v = grown;
	grown[l->n++] = s;
	return 0;
}

/* Wraps safe text `s` into lines of at most `cols` columns, at spaces when it can. */
static int
wrap(const char *s, size_t cols, struct lines *out)
{
	char *fit = NULL, *line = NULL;
	size_t blen, cut, i;

	if (*s == '\0')
		return lines_add(out, strdup(""));
	while (*s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if ((fit = text_fit(s, cols, NULL)) == NULL)
			return -1;
		blen = strlen(fit);
		if (blen == 0) {
			/* One character wider than the column: let it stick out. */
			free(fit);
			if ((fit = text_fit(s, cols + 2, NULL)) == NULL)
				return -1;
			if ((blen = strlen(fit)) == 0) {
				free(fit);
				return -1;
			}
		}
		cut = blen;
		if (s[blen] != '\0' && s[blen] != ' ') {
			for (i = blen; i > 0 && s[i - 1] != ' '; i--)
				continue;
			if (i > 0)
				cut = i;
		}
		free(fit);
		fit = NULL;
		/* Without the space the line was broken at. */
		for (i = cut; i > 0 && s[i - 1] == ' '; i--)
			continue;
		if ((line = strndup(s, i)) == NULL)
			return -1;
		if (lines_add(out, line) != 0)
			return -1;
		s += cut;
	}
	return 0;
}

/* One output line, built before it is written so trailing spaces can go. */
struct linebuf {
	char *s;
	size_t len, cap;
	int failed;
};

static void
lb_add(struct linebuf *lb, const char *s, size_t n)
{
	char *grown = NULL;
	size_t cap;

	if (lb->failed)
		return;
	if (lb->len + n + 1 > lb->cap) {
		cap = (lb->len + n + 1) * 2;
		if ((grown = realloc(lb->s, cap)) == NULL) {
			lb->failed = 1;
			return;
		}
		lb->s = grown;
		lb->cap = cap;
	}
	memcpy(lb->s + lb->len, s, n);
	lb->len += n;
	lb->s[lb->len] = '\0';
}

static void
lb_spaces(struct linebuf *lb, size_t n)
{
	while (n-- > 0)
		lb_add(lb, " ", 1);
}

/* Adds text padded to `cols` columns by `align`. */
static void
lb_cell(struct linebuf *lb, const char *s, size_t cols, enum report_align align)
{
	size_t w = text_width(s), pad = w < cols ? cols - w : 0, left = 0;

	if (align == REPORT_RIGHT)
		left = pad;
	else if (align == REPORT_CENTER)
		left = pad / 2;
	lb_spaces(lb, left);
	lb_add(lb, s, strlen(s));
	lb_spaces(lb, pad - left);
}

/* Writes the line without its trailing spaces, and empties it. */
static int
lb_flush(struct linebuf *lb, FILE *out)
{
	size_t len = lb->len;

	if (lb->failed)
		return -1;
	while (len > 0 && lb->s[len - 1] == ' ')
		len--;
	if (len > 0)
		fwrite(lb->s, 1, len, out);
	fputc('\n', out);
	lb->len = 0;
	return 0;
}

/* Writes a paragraph wrapped to the page. */
static int
put_para(FILE *out, const char *s)
{
	struct lines l = { NULL, 0 };
	size_t i;

	if (wrap(s, PAGE_COLS, &l) != 0) {
		lines_free(&l);
		return -1;
	}
	for (i = 0; i < l.n; i++)
		fprintf(out, "%s\n", l.v[i]);
	lines_free(&l);
	return 0;
}

/* The n-th line of a head ("02.09\nСОр/20"), or "". */
static void
head_line(const char *head, size_t n, char *out, size_t outsize)
{
	const char *p = head, *nl = NULL;

	while (n > 0 && p != NULL) {
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
		n--;
	}
	if (p == NULL) {
		out[0] = '\0';
		return;
	}
	nl = strchr(p, '\n');
	snprintf(out, outsize, "%.*s", (int)(nl != NULL ? (size_t)(nl - p) : strlen(p)), p);
}

static size_t
head_lines(const char *head)
{
	size_t n = 1;

	for (; *head != '\0'; head++)
		if (*head == '\n')
			n++;
	return n;
}

/* Whether columns a and b belong to one group. */
static int
same_group(const struct report_table *t, size_t a, size_t b)
{
	return t->cols[a].group != NULL && t->cols[b].group != NULL &&
	    strcmp(t->cols[a].group, t->cols[b].group) == 0;
}

/* Writes columns key + [from, to) of the table. */
static int
put_panel(FILE *out, const struct report_table *t, const size_t *w, size_t from, size_t to)
{
	struct linebuf lb = { NULL, 0, 0, 0 };
	struct lines *cell = NULL;
	size_t *cols = NULL, nc = 0, i, r, k, nh = 1, height;
	char part[512], *fit = NULL;
	int rc = -1, groups = 0;

	if ((cols = calloc(t->ncols, sizeof *cols)) == NULL ||
	    (cell = calloc(t->ncols, sizeof *cell)) == NULL)
		goto out;
	for (i = 0; i < t->nkey; i++)
		cols[nc++] = i;
	for (i = from; i < to; i++)
		cols[nc++] = i;
	for (k = 0; k < nc; k++) {
		if (head_lines(t->cols[cols[k]].head) > nh)
			nh = head_lines(t->cols[cols[k]].head);
		if (t->cols[cols[k]].group != NULL)
			groups = 1;
	}
	if (groups) {
		for (k = 0; k < nc; k++) {
			const char *g = t->cols[cols[k]].group;
			size_t span = w[cols[k]], e = k;

			while (e + 1 < nc && same_group(t, cols[k], cols[e + 1]))
				span += 1 + w[cols[++e]];
			if (k > 0)
				lb_spaces(&lb, 1);
			if ((fit = text_fit(g != NULL ? g : "", span, NULL)) == NULL)
				goto out;
			lb_cell(&lb, fit, span, REPORT_CENTER);
			free(fit);
			fit = NULL;
			k = e;
		}
		if (lb_flush(&lb, out) != 0)
			goto out;
	}
	for (r = 0; r < nh; r++) {
		for (k = 0; k < nc; k++) {
			head_line(t->cols[cols[k]].head, r, part, sizeof part);
			if ((fit = text_fit(part, w[cols[k]], NULL)) == NULL)
				goto out;
			if (k > 0)
				lb_spaces(&lb, 1);
			lb_cell(&lb, fit, w[cols[k]], t->cols[cols[k]].align);
			free(fit);
			fit = NULL;
		}
		if (lb_flush(&lb, out) != 0)
			goto out;
	}
	for (k = 0; k < nc; k++) {
		if (k > 0)
			lb_spaces(&lb, 1);
		for (i = 0; i < w[cols[k]]; i++)
			lb_add(&lb, "-", 1);
	}
	if (lb_flush(&lb, out) != 0)
		goto out;
	for (r = 0; r < t->nrows; r++) {
		height = 1;
		for (k = 0; k < nc; k++) {
			if (wrap(t->cells[r * t->ncols + cols[k]], w[cols[k]], &cell[k]) != 0)
				goto out;
			if (cell[k].n > height)
				height = cell[k].n;
		}
		for (i = 0; i < height; i++) {
			for (k = 0; k < nc; k++) {
				if (k > 0)
					lb_spaces(&lb, 1);
				lb_cell(&lb, i < cell[k].n ? cell[k].v[i] : "", w[cols[k]],
				    t->cols[cols[k]].align);
			}
			if (lb_flush(&lb, out) != 0)
				goto out;
		}
		for (k = 0; k < nc; k++)
			lines_free(&cell[k]);
	}
	rc = 0;
out:
	free(fit);
	free(lb.s);
	if (cell != NULL)
		for (k = 0; k < t->ncols; k++)
			lines_free(&cell[k]);
	free(cell);
	free(cols);
	return rc;
}

/* Natural widths, then shrunk until the keys and every column group fit. */
static int
table_widths(const struct report_table *t, size_t *w)
{
	char part[512];
	size_t c, r, l, keyw, unit, widest, e, total, *natural = NULL;
	int one_page;

	for (c = 0; c < t->ncols; c++) {
		w[c] = 1;
		for (l = 0; l < head_lines(t->cols[c].head); l++) {
			head_line(t->cols[c].head, l, part, sizeof part);
			if (text_width(part) > w[c])
				w[c] = text_width(part);
		}
		for (r = 0; r < t->nrows; r++)
			if (text_width(t->cells[r * t->ncols + c]) > w[c])
				w[c] = text_width(t->cells[r * t->ncols + c]);
	}
	/*
	 * A few long text columns (topic, homework) share the page and wrap,
	 * rather than each taking a panel of its own: narrow the widest ones
	 * down to WRAP_MIN_COLS. When even that does not fit, the table goes
	 * in panels with its natural widths.
	 */
	if ((natural = malloc(t->ncols * sizeof *natural)) == NULL)
		return -1;
	memcpy(natural, w, t->ncols * sizeof *natural);
	for (total = 0, c = 0; c < t->ncols; c++)
		total += w[c] + 1;
	while (total > PAGE_COLS + 1 && t->nkey < t->ncols) {
		/* Names (the key columns) keep their width: only text columns wrap. */
		for (widest = t->nkey, c = t->nkey + 1; c < t->ncols; c++)
			if (w[c] > w[widest])
				widest = c;
		if (w[widest] <= WRAP_MIN_COLS)
			break;
		w[widest]--;
		total--;
	}
	if (total > PAGE_COLS + 1)
		memcpy(w, natural, t->ncols * sizeof *natural);
	free(natural);
	/*
	 * A group's columns widen to show its whole label (the subject's name):
	 * on a table that fits one page, while it still does; on a table in
	 * panels, when the group still fits a panel beside the keys.
	 */
	for (total = 0, r = 0; r < t->ncols; r++)
		total += w[r] + 1;
	one_page = total <= PAGE_COLS + 1;
	for (keyw = 0, r = 0; r < t->nkey; r++)
		keyw += w[r] + 1;
	for (c = 0; c < t->ncols; c = e + 1) {
		size_t span = w[c], need;

		e = c;
		while (e + 1 < t->ncols && same_group(t, c, e + 1))
			span += 1 + w[++e];
		if (t->cols[c].group == NULL || (need = text_width(t->cols[c].group)) <= span)
			continue;
		if (one_page && total + need - span > PAGE_COLS + 1)
			continue;
		if (!one_page && keyw + need + 1 > PAGE_COLS + 1)
			continue;
		total += need - span;
		for (r = c; span < need; r = r < e ? r + 1 : c, span++)
			w[r]++;
	}
	for (;;) {
		keyw = 0;
		widest = 0;
		for (c = 0; c < t->nkey; c++) {
			keyw += w[c] + 1;
			if (w[c] > w[widest])
				widest = c;
		}
		if (keyw <= KEY_MAX_COLS || w[widest] <= 1)
			break;
		w[widest]--;
	}
	for (c = t->nkey; c < t->ncols; c = e + 1) {
		e = c;
		while (e + 1 < t->ncols && same_group(t, c, e + 1))
			e++;
		for (;;) {
			unit = keyw;
			widest = c;
			for (r = c; r <= e; r++) {
				unit += w[r] + 1;
				if (w[r] > w[widest])
					widest = r;
			}
			if (unit <= PAGE_COLS + 1 || w[widest] <= 1)
				break;
			w[widest]--;
		}
	}
	return 0;
}

static int
put_table(FILE *out, const struct report_table *t)
{
	size_t *w = NULL, from, to, used, keyw = 0, c, e, unit;
	int rc = -1;

	if (t->title != NULL) {
		fputc('\n', out);
		if (put_para(out, t->title) != 0)
			goto out;
	}
	if ((w = calloc(t->ncols > 0 ? t->ncols : 1, sizeof *w)) == NULL ||
	    table_widths(t, w) != 0)
		goto out;
	for (c = 0; c < t->nkey; c++)
		keyw += w[c] + 1;
	if (t->ncols == t->nkey) {
		fputc('\n', out);
		rc = put_panel(out, t, w, t->ncols, t->ncols);
		goto out;
	}
	for (from = t->nkey; from < t->ncols; from = to) {
		/* Take whole column groups while they fit the page. */
		used = keyw;
		for (to = from; to < t->ncols; to = e + 1) {
			e = to;
			while (e + 1 < t->ncols && same_group(t, to, e + 1))
				e++;
			unit = 0;
			for (c = to; c <= e; c++)
				unit += w[c] + 1;
			if (to > from && used + unit > PAGE_COLS + 1)
				break;
			used += unit;
		}
		fputc('\n', out);
		if (put_panel(out, t, w, from, to) != 0)
			goto out;
	}
	rc = 0;
out:
	free(w);
	return rc;
}

int
report_write_txt(const struct report *r, FILE *out, char *err, size_t errsize)
{
	size_t i;

	for (i = 0; i < r->ntitle; i++)
		if (put_para(out, r->title[i]) != 0)
			goto fail;
	for (i = 0; i < r->ntables; i++)
		if (put_table(out, &r->tables[i]) != 0)
			goto fail;
	if (r->nnotes > 0)
		fputc('\n', out);
	for (i = 0; i < r->nnotes; i++)
		if (put_para(out, r->notes[i]) != 0)
			goto fail;
	if (ferror(out))
		goto fail;
	return 0;
fail:
	snprintf(err, errsize, "%s", _("Could not write the report (out of memory, or the "
	    "output is closed)."));
	return -1;
}
