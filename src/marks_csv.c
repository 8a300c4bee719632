/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks_csv: journal pages to and from CSV. See marks_csv.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int
marks_csv_export(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, const struct period *p, FILE *out, const struct csv_style *style)
{
	const char sep = style->sep;
	struct pupil *ps = NULL;
	struct lesson *ls = NULL;
	struct mark *ms = NULL;
	size_t np = 0, nl = 0, nm = 0, i, j;
	const char **row = NULL;
	char (*cells)[64] = NULL;
	char sg[8], label[32], name[3 * STORE_NAME_MAX + 3], id[24];
	int rc;

	if ((rc = store_pupil_list(st, c->id, subj->id, subgroup, &ps, &np)) != STORE_OK ||
	    (rc = store_lesson_list(st, c->id, subj->id, subgroup, p, &ls, &nl)) != STORE_OK ||
	    (rc = store_mark_list(st, c->id, subj->id, subgroup, p, &ms, &nm)) != STORE_OK)
		goto out;
	if ((row = calloc(nl + 8, sizeof *row)) == NULL ||
	    (cells = calloc(nl + 1, sizeof *cells)) == NULL) {
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
	for (j = 0; j < nl; j++) {
		lesson_header(ls, j, cells[j], sizeof cells[j]);
		row[2 + j] = cells[j];
	}
	csv_write_row(out, row, 2 + nl, sep);
	for (i = 0; i < np; i++) {
		snprintf(id, sizeof id, "%lld", (long long)ps[i].id);
		pupil_full_name(&ps[i], name, sizeof name);
		row[0] = id;
		row[1] = name;
		for (j = 0; j < nl; j++) {
			mark_text(mark_find(ms, nm, ls[j].id, ps[i].id), cells[j], sizeof cells[j]);
			row[2 + j] = cells[j];
		}
		csv_write_row(out, row, 2 + nl, sep);
	}
	if (fflush(out) != 0 || ferror(out))
		rc = store_fail(st, STORE_FAILED, _("Could not write the output."));
out:
	free(row);
	free(cells);
	free(ps);
	free(ls);
	free(ms);
	return rc;
}

/* "DATE[ KIND/MAX][ #N]" into a lesson template and its ordinal that day. */
static int
parse_lesson_header(const char *h, struct lesson *l, int *ordinal)
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
	size_t nl = 0, np = 0, nm = 0, ncols = 0, r, j, k, err_line = 0;
	char name[3 * STORE_NAME_MAX + 3];
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
	    (rc = store_mark_list(st, c.id, subj.id, subgroup, NULL, &ms, &nm)) != STORE_OK)
		goto out;
	ncols = csv_cols(csv, 1) > 2 ? csv_cols(csv, 1) - 2 : 0;
	if ((cols = calloc(ncols + 1, sizeof *cols)) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Out of memory."));
		goto out;
	}
	/* Match each column to its lesson, or create the lesson it names. */
	for (j = 0; j < ncols; j++) {
		const char *h = csv_field(csv, 1, 2 + j);
		int ordinal = 0, seen = 0;

		if (parse_lesson_header(h, &cols[j], &ordinal) != 0) {
			rep->error_line = csv_line(csv, 1);
			rc = store_fail(st, STORE_INVALID, _("Column %zu: \"%s\" is not a lesson "
			    "(write a date, such as 2026-09-02, or 2026-10-20 SA-S/20)."), j + 3, h);
			goto out;
		}
		for (k = 0; k < nl; k++)
			if (strcmp(ls[k].date, cols[j].date) == 0 && ++seen == ordinal)
				break;
		if (k < nl) {
			if (ls[k].kind != cols[j].kind || (cols[j].kind != LESSON_REGULAR &&
			    ls[k].max_points != cols[j].max_points)) {
				rep->error_line = csv_line(csv, 1);
				rc = store_fail(st, STORE_INVALID, _("Column %zu: the lesson of %s "
				    "is of another kind or maximum in the journal."), j + 3, h);
				goto out;
			}
			cols[j] = ls[k];
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
				char prefix[64];

				/* Say which cell: the store's sentence alone does not. */
				snprintf(prefix, sizeof prefix, _("Column %zu: "), j + 3);
				memmove(st->error + strlen(prefix), st->error,
				    sizeof st->error - strlen(prefix));
				memcpy(st->error, prefix, strlen(prefix));
				st->error[sizeof st->error - 1] = '\0';
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
	free(cols);
	free(ls);
	free(ps);
	free(ms);
	csv_free(csv);
	return rc;
}
