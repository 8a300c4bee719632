/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_pdf: a report as a printable PDF, A4 landscape (cairo + pango).
 *
 * The printed journal is what a school files and an inspector reads, so it
 * must look like one: a grid with the heads repeated on every page, page
 * numbers, and every Kazakh letter drawn. Pango shapes the text with
 * "DejaVu Sans" (fonts-dejavu-core has Ә Ғ Қ Ң Ө Ұ Ү Һ І) and embeds the
 * glyphs, so the file reads the same on any machine. A table wider than the
 * page is cut into panels at column-group boundaries, each repeating the key
 * columns, as report_txt.c does on 80 columns. cairo writes the PDF to a
 * stream, so it goes to a pipe or an SSH channel without a temporary file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "i18n.h"
#include "report_module.h"

/* A4 landscape in points (1/72 inch). */
#define PAGE_W		841.89
#define PAGE_H		595.28
#define MARGIN		28.0
#define PAD		2.5
#define COL_MAX		240.0		/* wider text wraps */
#define KEY_MAX		((PAGE_W - 2 * MARGIN) / 2)
#define FONT_CELL	"DejaVu Sans 7.5"
#define FONT_HEAD	"DejaVu Sans Bold 7.5"
#define FONT_TITLE	"DejaVu Sans Bold 11"
#define FONT_NOTE	"DejaVu Sans 7"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *cell, *head, *title, *note;
	double y;
	int page;
	int drawn;		/* something is on the current page */
};

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int length)
{
	FILE *out = closure;

	return fwrite(data, 1, length, out) == length ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* Lays out text in `width` points (0: one line per '\n'), by `align`. */
static void
layout_text(struct pdf *p, const char *s, const PangoFontDescription *f, double width,
    enum report_align align)
{
	pango_layout_set_font_description(p->layout, f);
	pango_layout_set_width(p->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->layout, align == REPORT_RIGHT ? PANGO_ALIGN_RIGHT :
	    align == REPORT_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	pango_layout_set_text(p->layout, s, -1);
}

static void
text_size(struct pdf *p, const char *s, const PangoFontDescription *f, double width,
    double *w, double *h)
{
	int iw, ih;

	layout_text(p, s, f, width, REPORT_LEFT);
	pango_layout_get_size(p->layout, &iw, &ih);
	*w = (double)iw / PANGO_SCALE;
	*h = (double)ih / PANGO_SCALE;
}

static void
draw_text(struct pdf *p, const char *s, const PangoFontDescription *f, double x, double y,
    double width, enum report_align align)
{
	layout_text(p, s, f, width, align);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

static void
page_footer(struct pdf *p)
{
	char num[32];

	snprintf(num, sizeof num, "%d", p->page);
	draw_text(p, num, p->note, MARGIN, PAGE_H - MARGIN + 8, PAGE_W - 2 * MARGIN,
	    REPORT_CENTER);
}

/* Moves to a new page when `need` points do not fit on this one. */
static void
need_space(struct pdf *p, double need)
{
	if (p->y + need <= PAGE_H - MARGIN || !p->drawn)
		return;
	page_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
	p->drawn = 0;
}

static void
paragraph(struct pdf *p, const char *s, const PangoFontDescription *f)
{
	double w, h;

	text_size(p, s, f, PAGE_W - 2 * MARGIN, &w, &h);
	need_space(p, h);
	draw_text(p, s, f, MARGIN, p->y, PAGE_W - 2 * MARGIN, REPORT_LEFT);
	p->y += h + 1;
	p->drawn = 1;
}

static int
same_group(const struct report_table *t, size_t a, size_t b)
{
	return t->cols[a].group != NULL && t->cols[b].group != NULL &&
	    strcmp(t->cols[a].group, t->cols[b].group) == 0;
}

/* Natural column widths, capped so long topics wrap and keys leave room. */
static void
col_widths(struct pdf *p, const struct report_table *t, double *w)
{
	size_t c, r, e, widest;
	double tw, th, keyw;

	for (c = 0; c < t->ncols; c++) {
		text_size(p, t->cols[c].head, p->head, 0, &tw, &th);
		w[c] = tw + 2 * PAD;
		for (r = 0; r < t->nrows; r++) {
			text_size(p, t->cells[r * t->ncols + c], p->cell, 0, &tw, &th);
			if (tw + 2 * PAD > w[c])
				w[c] = tw + 2 * PAD;
		}
		if (w[c] > COL_MAX)
			w[c] = COL_MAX;
		if (w[c] < 12)
			w[c] = 12;
	}
	/* A group's columns widen to show its whole label (the subject's name). */
	for (c = 0; c < t->ncols; c = e + 1) {
		double span = w[c];

		e = c;
		while (e + 1 < t->ncols && same_group(t, c, e + 1))
			span += w[++e];
		if (t->cols[c].group == NULL)
			continue;
		text_size(p, t->cols[c].group, p->head, 0, &tw, &th);
		if (tw + 2 * PAD > span && tw + 2 * PAD < COL_MAX * 2)
			for (r = c; r <= e; r++)
				w[r] += (tw + 2 * PAD - span) / (double)(e - c + 1);
	}
	for (;;) {
		keyw = 0;
		widest = 0;
		for (c = 0; c < t->nkey; c++) {
			keyw += w[c];
			if (w[c] > w[widest])
				widest = c;
		}
		if (keyw <= KEY_MAX || w[widest] <= 24)
			break;
		w[widest] -= 4;
	}
}

/* Height of one row of cells (or heads) over the chosen columns. */
static double
row_height(struct pdf *p, char *const *texts, const size_t *cols, size_t nc, const double *w,
    const PangoFontDescription *f)
{
	double h = 0, tw, th;
	size_t k;

	for (k = 0; k < nc; k++) {
		text_size(p, texts[cols[k]], f, w[cols[k]] - 2 * PAD, &tw, &th);
		if (th > h)
			h = th;
	}
	return h + 2 * PAD;
}

static void
draw_row(struct pdf *p, const struct report_table *t, char *const *texts, const size_t *cols,
    size_t nc, const double *w, const PangoFontDescription *f, double h, int heads)
{
	double x = MARGIN;
	size_t k;

	for (k = 0; k < nc; k++) {
		cairo_rectangle(p->cr, x, p->y, w[cols[k]], h);
		draw_text(p, texts[cols[k]], f, x + PAD, p->y + PAD, w[cols[k]] - 2 * PAD,
		    heads ? REPORT_CENTER : t->cols[cols[k]].align);
		x += w[cols[k]];
	}
	cairo_stroke(p->cr);
	p->y += h;
	p->drawn = 1;
}

/* The group labels over the heads of the chosen columns. */
static void
draw_groups(struct pdf *p, const struct report_table *t, const size_t *cols, size_t nc,
    const double *w)
{
	double x = MARGIN, span, tw, th, h = 0;
	size_t k, e;

	for (k = 0; k < nc; k++)
		if (t->cols[cols[k]].group != NULL) {
			text_size(p, t->cols[cols[k]].group, p->head, 0, &tw, &th);
			if (th > h)
				h = th;
		}
	if (h == 0)
		return;
	h += 2 * PAD;
	for (k = 0; k < nc; k = e + 1) {
		e = k;
		span = w[cols[k]];
		while (e + 1 < nc && same_group(t, cols[k], cols[e + 1]))
			span += w[cols[++e]];
		if (t->cols[cols[k]].group != NULL) {
			cairo_rectangle(p->cr, x, p->y, span, h);
			pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_END);
			draw_text(p, t->cols[cols[k]].group, p->head, x + PAD, p->y + PAD,
			    span - 2 * PAD, REPORT_CENTER);
			pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_NONE);
		}
		x += span;
	}
	cairo_stroke(p->cr);
	p->y += h;
}

static int
draw_panel(struct pdf *p, const struct report_table *t, const double *w, size_t from,
    size_t to, char **heads)
{
	size_t *cols = NULL, nc = 0, i, r;
	double hh, rh;

	if ((cols = calloc(t->ncols, sizeof *cols)) == NULL)
		return -1;
	for (i = 0; i < t->nkey; i++)
		cols[nc++] = i;
	for (i = from; i < to; i++)
		cols[nc++] = i;
	hh = row_height(p, heads, cols, nc, w, p->head);
	for (r = 0; r < t->nrows || r == 0; r++) {
		rh = t->nrows > 0 ? row_height(p, &t->cells[r * t->ncols], cols, nc, w,
		    p->cell) : 0;
		if (r == 0 || p->y + rh > PAGE_H - MARGIN) {
			/* The heads open the panel and every page it continues on. */
			need_space(p, (r == 0 ? 2 * hh : 0) + rh);
			if (r == 0 && p->drawn)
				p->y += 6;
			draw_groups(p, t, cols, nc, w);
			draw_row(p, t, heads, cols, nc, w, p->head, hh, 1);
		}
		if (t->nrows > 0)
			draw_row(p, t, &t->cells[r * t->ncols], cols, nc, w, p->cell, rh, 0);
	}
	free(cols);
	return 0;
}

static int
draw_table(struct pdf *p, const struct report_table *t)
{
	double *w = NULL, keyw = 0, used, unit;
	char **heads = NULL;
	size_t c, e, from, to;
	int rc = -1;

	if ((w = calloc(t->ncols > 0 ? t->ncols : 1, sizeof *w)) == NULL ||
	    (heads = calloc(t->ncols > 0 ? t->ncols : 1, sizeof *heads)) == NULL)
		goto out;
	for (c = 0; c < t->ncols; c++)
		heads[c] = t->cols[c].head;
	if (t->title != NULL) {
		p->y += 4;
		paragraph(p, t->title, p->head);
	}
	col_widths(p, t, w);
	for (c = 0; c < t->nkey; c++)
		keyw += w[c];
	if (t->ncols == t->nkey) {
		rc = draw_panel(p, t, w, t->ncols, t->ncols, heads);
		goto out;
	}
	for (from = t->nkey; from < t->ncols; from = to) {
		used = keyw;
		for (to = from; to < t->ncols; to = e + 1) {
			e = to;
			while (e + 1 < t->ncols && same_group(t, to, e + 1))
				e++;
			unit = 0;
			for (c = to; c <= e; c++)
				unit += w[c];
			if (to > from && used + unit > PAGE_W - 2 * MARGIN)
				break;
			used += unit;
		}
		if (draw_panel(p, t, w, from, to, heads) != 0)
			goto out;
	}
	rc = 0;
out:
	free(heads);
	free(w);
	return rc;
}

int
report_pdf_write(const struct report *r, FILE *out, char *err, size_t errsize)
{
	const struct report *page = NULL;
	struct pdf p;
	cairo_status_t cs = CAIRO_STATUS_SUCCESS;
	size_t i;
	int rc = -1;

	memset(&p, 0, sizeof p);
	snprintf(err, errsize, "%s", _("Could not write the PDF (out of memory, or the output "
	    "is closed)."));
	p.surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "dapter");
	if (r->ntitle > 0)
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, r->title[0]);
	p.cr = cairo_create(p.surface);
	if (cairo_status(p.cr) != CAIRO_STATUS_SUCCESS ||
	    (p.layout = pango_cairo_create_layout(p.cr)) == NULL ||
	    (p.cell = pango_font_description_from_string(FONT_CELL)) == NULL ||
	    (p.head = pango_font_description_from_string(FONT_HEAD)) == NULL ||
	    (p.title = pango_font_description_from_string(FONT_TITLE)) == NULL ||
	    (p.note = pango_font_description_from_string(FONT_NOTE)) == NULL)
		goto out;
	cairo_set_line_width(p.cr, 0.4);
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	p.page = 1;
	for (page = r; page != NULL; page = page->next) {
		/* Each page of a chain (a pupil's report card) starts a sheet of paper. */
		p.y = MARGIN;
		p.drawn = 0;
		for (i = 0; i < page->ntitle; i++)
			paragraph(&p, page->title[i], i == 0 ? p.title : p.head);
		for (i = 0; i < page->ntables; i++)
			if (draw_table(&p, &page->tables[i]) != 0)
				goto out;
		p.y += 6;
		for (i = 0; i < page->nnotes; i++)
			paragraph(&p, page->notes[i], p.note);
		page_footer(&p);
		cairo_show_page(p.cr);
		p.page++;
	}
	if ((cs = cairo_status(p.cr)) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_surface_finish(p.surface);
	if ((cs = cairo_surface_status(p.surface)) != CAIRO_STATUS_SUCCESS)
		goto out;
	if (fflush(out) != 0)
		goto out;
	rc = 0;
out:
	if (cs != CAIRO_STATUS_SUCCESS)
		snprintf(err, errsize, _("Could not write the PDF: %s."),
		    cairo_status_to_string(cs));
	if (p.layout != NULL)
		g_object_unref(p.layout);
	if (p.cell != NULL)
		pango_font_description_free(p.cell);
	if (p.head != NULL)
		pango_font_description_free(p.head);
	if (p.title != NULL)
		pango_font_description_free(p.title);
	if (p.note != NULL)
		pango_font_description_free(p.note);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	if (p.surface != NULL)
		cairo_surface_destroy(p.surface);
	return rc;
}
