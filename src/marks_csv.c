/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks_csv: journal pages to and from CSV. See marks_csv.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "i18n.h"
#include "marks_csv.h"
#include "store_internal.h"
#include "text.h"

static void
lesson_header(const struct lesson *ls, size_t i, char *out, size_t outsize)
{
	size_t k;
	int ordinal = 1;

	for (k = 0; k < i; k++)
		if (strcmp(ls[k].date, ls[i].date) == 0)
			ordinal++;
	snprintf(out, outsize, "%s", ls[i].date);
	if (ls[i].kind != LESSON_REGULAR)
		snprintf(out + strlen(out), outsize - strlen(out), " %s/%d",
		    lesson_kind_label(ls[i].kind), ls[i].max_points);
	if (ordinal > 1)
		snprintf(out + strlen(out), outsize - strlen(out), " #%d", ordinal);
}

/* A comment column's heading: its lesson's, and this word. */
#define COMMENT_WORD	"comment"

/* Whether lesson `lesson_id` has a comment on the page: it then gets a column. */
static int
lesson_commented(const struct comment *cs, size_t n, int64_t lesson_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cs[i].lesson_id == lesson_id)
			return 1;
	return 0;
}

int
marks_csv_export(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, const struct period *p, FILE *out, const struct csv_style *style)
{
	const char sep = style->sep;
	struct pupil *ps = NULL;
	struct lesson *ls = NULL;
	struct mark *ms = NULL;
	struct comment *cs = NULL;
	const struct comment *one = NULL;
	size_t np = 0, nl = 0, nm = 0, nc = 0, i, j, n;
	const char **row = NULL;
	char (*cells)[80] = NULL;
	char sg[8], label[32], name[3 * STORE_NAME_MAX + 3], id[24];
	int rc;

	if ((rc = store_pupil_list(st, c->id, subj->id, subgroup, &ps, &np)) != STORE_OK ||
	    (rc = store_lesson_list(st, c->id, subj->id, subgroup, p, &ls, &nl)) != STORE_OK ||
	    (rc = store_mark_list(st, c->id, subj->id, subgroup, p, &ms, &nm)) != STORE_OK ||
	    (rc = store_comment_list(st, c->id, subj->id, subgroup, p, &cs, &nc)) != STORE_OK)
		goto out;
	/* A lesson with comments is followed by their column: each beside its mark. */
	/* cells[n] for the row's columns 2 .. 2 * nl + 1: a lesson and its comments. */
	if ((row = calloc(2 * nl + 8, sizeof *row)) == NULL ||
	    (cells = calloc(2 * nl + 2, sizeof *cells)) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Out of memory."));
		goto out;
	}
	snprintf(sg, sizeof sg, "%d", subgroup);
	period_label(p, label, sizeof label);
	row[0] = "Class"; row[1] = c->name; row[2] = "Subject"; row[3] = subj->name;
	row[4] = "Subgroup"; row[5] = sg; row[6] = "Period"; row[7] = label;
	csv_write_start(out, style);
	csv_write_row(out, row, 8, sep);
	row[0] = "ID";
	row[1] = "Pupil";
	for (j = 0, n = 2; j < nl; j++) {
		lesson_header(ls, j, cells[n], sizeof cells[n]);
		row[n] = cells[n];
		n++;
		if (!lesson_commented(cs, nc, ls[j].id))
			continue;
		lesson_header(ls, j, cells[n], sizeof cells[n]);
		snprintf(cells[n] + strlen(cells[n]), sizeof cells[n] - strlen(cells[n]),
		    " " COMMENT_WORD);
		row[n] = cells[n];
		n++;
	}
	csv_write_row(out, row, n, sep);
	for (i = 0; i < np; i++) {
		snprintf(id, sizeof id, "%lld", (long long)ps[i].id);
		pupil_full_name(&ps[i], name, sizeof name);
		row[0] = id;
		row[1] = name;
		for (j = 0, n = 2; j < nl; j++) {
			mark_text(mark_find(ms, nm, ls[j].id, ps[i].id), cells[n], sizeof cells[n]);
			row[n] = cells[n];
			n++;
			if (!lesson_commented(cs, nc, ls[j].id))
				continue;
			one = comment_find(cs, nc, ls[j].id, ps[i].id);
			row[n++] = one != NULL ? one->text : "";
		}
		csv_write_row(out, row, n, sep);
	}
	if (fflush(out) != 0 || ferror(out))
		rc = store_fail(st, STORE_FAILED, _("Could not write the output."));
out:
	free(row);
	free(cells);
	free(ps);
	free(ls);
	free(ms);
	free(cs);
	return rc;
}

/*
 * "DATE[ KIND/MAX][ #N][ comment]" into a lesson template, its ordinal that
 * day, and whether the column holds the lesson's comments.
 */
static int
parse_lesson_header(const char *h, struct lesson *l, int *ordinal, int *comment)
{
	static const struct { const char *word; enum lesson_kind kind; } kinds[] = {
		{ "fa", LESSON_REGULAR }, { "фо", LESSON_REGULAR }, { "қб", LESSON_REGULAR },
		{ "sa-s", LESSON_SOR }, { "sor", LESSON_SOR }, { "сор", LESSON_SOR },
		{ "бжб", LESSON_SOR },
		{ "sa-t", LESSON_SOCH }, { "soch", LESSON_SOCH }, { "соч", LESSON_SOCH },
		{ "тжб", LESSON_SOCH },
	};
	char date[16] = "", rest[64] = "", *slash = NULL, *folded = NULL;
	int n = 0;
	size_t k;

	memset(l, 0, sizeof *l);
	*ordinal = 1;
	*comment = 0;
	if (sscanf(h, "%15s%n", date, &n) != 1 || !date_parse(date, l->date))
		return -1;
	h += n;
	while (sscanf(h, "%63s%n", rest, &n) == 1) {
		h += n;
		if (rest[0] == '#') {
			if ((*ordinal = atoi(rest + 1)) < 1)
				return -1;
			continue;
		}
		if (strcasecmp(rest, COMMENT_WORD) == 0) {
			*comment = 1;
			continue;
		}
		if ((slash = strchr(rest, '/')) == NULL)
			return -1;
		*slash = '\0';
		l->max_points = atoi(slash + 1);
		if ((folded = text_casefold(rest)) == NULL)
			return -1;
		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (strcmp(folded, kinds[k].word) == 0)
				break;
		free(folded);
		if (k == sizeof kinds / sizeof kinds[0])
			return -1;
		l->kind = kinds[k].kind;
	}
	return 0;
}

/* A cell: "", "8", "н", "н 8", "8 н". */
static int
parse_cell(const char *cell, int *value, enum attendance *att)
{
	char a[32] = "", b[32] = "", extra[2];
	int n;

	*value = -1;
	*att = ATT_NONE;
	n = sscanf(cell, "%31s %31s %1s", a, b, extra);
	if (n <= 0)
		return 0;
	if (n > 2)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *w = i == 0 ? a : b;
		char *end = NULL;
		long v;

		if (isdigit((unsigned char)w[0])) {
			v = strtol(w, &end, 10);
			if (*end != '\0' || *value >= 0 || v > 1000)
				return -1;
			*value = (int)v;
		} else if (*att != ATT_NONE || attendance_parse(w, att) != STORE_OK)
			return -1;
	}
	return 0;
}

/* Says which cell: the store's sentence alone does not. */
static void
column_error(struct store *st, size_t col)
{
	char prefix[64];

	snprintf(prefix, sizeof prefix, _("Column %zu: "), col);
	memmove(st->error + strlen(prefix), st->error, sizeof st->error - strlen(prefix));
	memcpy(st->error, prefix, strlen(prefix));
	st->error[sizeof st->error - 1] = '\0';
}

/*
 * A comment cell: changes the pupil's comment in the lesson when the file's
 * text (cleaned as the store cleans it) differs from the journal's.
 */
static int
import_comment(struct store *st, const struct lesson *l, int64_t pupil_id, const char *text,
    const struct comment *cs, size_t nc, struct marks_import_report *rep)
{
	const struct comment *old = comment_find(cs, nc, l->id, pupil_id);
	char *clean = text_clean(text, STORE_COMMENT_MAX, TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE,
	    NULL);
	int same = clean != NULL && strcmp(clean, old != NULL ? old->text : "") == 0;
	int rc = STORE_OK;

	/* A text the store would refuse goes to it all the same: it says why. */
	if (!same && (rc = store_comment_set(st, l->id, pupil_id, text)) == STORE_OK) {
		if (clean != NULL && clean[0] == '\0')
			rep->comments_cleared++;
		else
			rep->comments_set++;
	}
	free(clean);
	return rc;
}

int
marks_csv_import(struct store *st, const char *text, int dry_run,
    struct marks_import_report *rep)
{
	struct csv *csv = NULL;
	struct class c;
	struct subject subj;
	struct lesson *ls = NULL, *cols = NULL;
	struct pupil *ps = NULL;
	struct mark *ms = NULL;
	struct comment *cs = NULL;
	size_t nl = 0, np = 0, nm = 0, nc = 0, ncols = 0, r, j, k, err_line = 0;
	char name[3 * STORE_NAME_MAX + 3];
	int *ordinals = NULL, *comments = NULL;
	int subgroup = 0, rc = STORE_INVALID, tx = 0;

	memset(rep, 0, sizeof *rep);
	if ((csv = csv_parse(text, 0, &err_line)) == NULL) {
		rep->error_line = err_line;
		rc = store_fail(st, STORE_INVALID, _("A quoted field starts here and never ends."));
		goto out;
	}
	if (csv_rows(csv) < 2 || strcmp(csv_field(csv, 0, 0), "Class") != 0 ||
	    strcmp(csv_field(csv, 0, 2), "Subject") != 0 ||
	    strcmp(csv_field(csv, 1, 0), "ID") != 0) {
		rep->error_line = 1;
		rc = store_fail(st, STORE_INVALID, _("This is not a marks file from `dapter marks "
		    "export`: its first line must start with Class, its second with ID."));
		goto out;
	}
	subgroup = atoi(csv_field(csv, 0, 5));
	if ((rc = store_class_find(st, csv_field(csv, 0, 1), &c)) != STORE_OK ||
	    (rc = store_subject_find(st, csv_field(csv, 0, 3), &subj)) != STORE_OK ||
	    (rc = store_subject_in_class(st, c.id, subj.id, &subj)) != STORE_OK) {
		rep->error_line = 1;
		goto out;
	}
	if (!store_journal_writable(st, c.id, subj.id, subgroup)) {
		rep->error_line = 1;
		rc = store_fail(st, STORE_DENIED,
		    _("This journal is not yours: you may read it but not change it."));
		goto out;
	}
	/*
	 * The page is read inside the write transaction: read before it, two
	 * imports at once would both add a new date's lesson, and a cell another
	 * session changed meanwhile would pass for unchanged and keep its value.
	 */
	if ((rc = store_tx_begin(st)) != STORE_OK)
		goto out;
	tx = 1;
	if ((rc = store_pupil_list(st, c.id, subj.id, subgroup, &ps, &np)) != STORE_OK ||
	    (rc = store_lesson_list(st, c.id, subj.id, subgroup, NULL, &ls, &nl)) != STORE_OK ||
	    (rc = store_mark_list(st, c.id, subj.id, subgroup, NULL, &ms, &nm)) != STORE_OK ||
	    (rc = store_comment_list(st, c.id, subj.id, subgroup, NULL, &cs, &nc)) != STORE_OK)
		goto out;
	ncols = csv_cols(csv, 1) > 2 ? csv_cols(csv, 1) - 2 : 0;
	if ((cols = calloc(ncols + 1, sizeof *cols)) == NULL ||
	    (ordinals = calloc(ncols + 1, sizeof *ordinals)) == NULL ||
	    (comments = calloc(ncols + 1, sizeof *comments)) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Out of memory."));
		goto out;
	}
	/* Match each column to its lesson, or create the lesson it names. */
	for (j = 0; j < ncols; j++) {
		const char *h = csv_field(csv, 1, 2 + j);
		const struct lesson *known = NULL;
		int seen = 0;

		if (parse_lesson_header(h, &cols[j], &ordinals[j], &comments[j]) != 0) {
			rep->error_line = csv_line(csv, 1);
			rc = store_fail(st, STORE_INVALID, _("Column %zu: \"%s\" is not a lesson "
			    "(write a date, such as 2026-09-02, or 2026-10-20 SA-S/20)."), j + 3, h);
			goto out;
		}
		/* A lesson's comment column and its marks' column name one lesson. */
		for (k = 0; k < j && known == NULL; k++)
			if (strcmp(cols[k].date, cols[j].date) == 0 && ordinals[k] == ordinals[j])
				known = &cols[k];
		for (k = 0; k < nl && known == NULL; k++)
			if (strcmp(ls[k].date, cols[j].date) == 0 && ++seen == ordinals[j])
				known = &ls[k];
		if (known != NULL) {
			if (known->kind != cols[j].kind || (cols[j].kind != LESSON_REGULAR &&
			    known->max_points != cols[j].max_points)) {
				rep->error_line = csv_line(csv, 1);
				rc = store_fail(st, STORE_INVALID, _("Column %zu: the lesson of %s "
				    "is of another kind or maximum in the journal."), j + 3, h);
				goto out;
			}
			cols[j] = *known;
			continue;
		}
		cols[j].class_id = c.id;
		cols[j].subject_id = subj.id;
		cols[j].subgroup = subgroup;
		if ((rc = store_lesson_add(st, &cols[j])) != STORE_OK) {
			rep->error_line = csv_line(csv, 1);
			goto out;
		}
		rep->lessons_added++;
	}
	for (r = 2; r < csv_rows(csv); r++) {
		long long id = atoll(csv_field(csv, r, 0));
		const struct pupil *p = NULL;

		rep->error_line = csv_line(csv, r);
		for (k = 0; k < np; k++)
			if (ps[k].id == id)
				p = &ps[k];
		if (p == NULL) {
			rc = store_fail(st, STORE_INVALID, _("ID %s is no pupil of this journal."),
			    csv_field(csv, r, 0));
			goto out;
		}
		pupil_full_name(p, name, sizeof name);
		if (strcmp(name, csv_field(csv, r, 1)) != 0) {
			rc = store_fail(st, STORE_INVALID, _("ID %s is %s, not %s: is this the "
			    "file of another class?"), csv_field(csv, r, 0), name, csv_field(csv, r, 1));
			goto out;
		}
		for (j = 0; j < ncols; j++) {
			const struct mark *old = mark_find(ms, nm, cols[j].id, p->id);
			enum attendance att;
			int value;

			if (comments[j]) {
				rc = import_comment(st, &cols[j], p->id, csv_field(csv, r, 2 + j),
				    cs, nc, rep);
				if (rc != STORE_OK) {
					column_error(st, j + 3);
					goto out;
				}
				continue;
			}
			if (parse_cell(csv_field(csv, r, 2 + j), &value, &att) != 0) {
				rc = store_fail(st, STORE_INVALID, _("Column %zu: \"%s\" is not a mark "
				    "or attendance letter."), j + 3, csv_field(csv, r, 2 + j));
				goto out;
			}
			if ((old == NULL && value < 0 && att == ATT_NONE) ||
			    (old != NULL && old->value == value && old->att == att)) {
				rep->unchanged++;
				continue;
			}
			if ((rc = store_mark_set(st, cols[j].id, p->id, value, att)) != STORE_OK) {
				column_error(st, j + 3);
				goto out;
			}
			if (value < 0 && att == ATT_NONE)
				rep->cleared++;
			else
				rep->set++;
		}
	}
	rep->error_line = 0;
	rc = STORE_OK;
out:
	if (tx) {
		if (rc == STORE_OK && !dry_run)
			rc = store_tx_commit(st);
		else
			store_tx_rollback(st);
	}
	if (rc != STORE_OK)
		rep->set = rep->cleared = rep->lessons_added = 0;
	if (rc != STORE_OK)
		rep->comments_set = rep->comments_cleared = 0;
	free(cols);
	free(ordinals);
	free(comments);
	free(cs);
	free(ls);
	free(ps);
	free(ms);
	csv_free(csv);
	return rc;
}
