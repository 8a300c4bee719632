/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report: the school's records as neutral tables. See report.h.
 *
 * The builders only gather and word: what a journal page, a summary sheet,
 * a pupil's extract and an attendance sheet hold, in the UI language, with
 * every piece of user text made safe once, here. How a table is laid out on
 * a terminal, in a spreadsheet or on A4 is the writers' business
 * (report_txt.c, report_csv.c, report_xlsx.c, report_pdf.c), so the four
 * formats can never disagree about a number.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grades.h"
#include "i18n.h"
#include "report.h"
#include "report_internal.h"
#include "text.h"

/* Safe text for a cell: one line, no controls. NULL when out of memory. */
char *
cell_text(const char *s)
{
	char *copy = NULL, *safe = NULL, *p = NULL;

	if ((copy = strdup(s != NULL ? s : "")) == NULL)
		return NULL;
	for (p = copy; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	safe = text_safe(copy);
	free(copy);
	return safe;
}

char *
cell_printf(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return cell_text(buf);
}

static int
add_line(char ***lines, size_t *n, char *text)
{
	char **grown = NULL;

	if (text == NULL)
		return STORE_FAILED;
	if ((grown = realloc(*lines, (*n + 1) * sizeof *grown)) == NULL) {
		free(text);
		return STORE_FAILED;
	}
	*lines = grown;
	grown[(*n)++] = text;
	return STORE_OK;
}

/* One page of a chain. */
static void
report_free_one(struct report *r)
{
	size_t i, j;

	for (i = 0; i < r->ntitle; i++)
		free(r->title[i]);
	free(r->title);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	for (i = 0; i < r->ntables; i++) {
		struct report_table *t = &r->tables[i];

		free(t->title);
		for (j = 0; j < t->ncols; j++) {
			free(t->cols[j].head);
			free(t->cols[j].group);
		}
		free(t->cols);
		for (j = 0; j < t->nrows * t->ncols; j++)
			free(t->cells[j]);
		free(t->cells);
	}
	free(r->tables);
	free(r->name);
	free(r);
}

void
report_free(struct report *r)
{
	struct report *next = NULL;

	for (; r != NULL; r = next) {
		next = r->next;
		report_free_one(r);
	}
}

int
report_format_parse(const char *name, enum report_format *fmt)
{
	if (name == NULL || strcmp(name, "txt") == 0)
		*fmt = REPORT_TXT;
	else if (strcmp(name, "csv") == 0)
		*fmt = REPORT_CSV;
	else if (strcmp(name, "xlsx") == 0)
		*fmt = REPORT_XLSX;
	else if (strcmp(name, "pdf") == 0)
		*fmt = REPORT_PDF;
	else
		return -1;
	return 0;
}

int
report_write(const struct report *r, enum report_format fmt, FILE *out, char *err,
    size_t errsize)
{
	const struct report *page = NULL;

	/* PDF and XLSX are one document of many pages; text pages follow each other. */
	if (fmt == REPORT_XLSX)
		return report_write_xlsx(r, out, err, errsize);
	if (fmt == REPORT_PDF)
		return report_write_pdf(r, out, err, errsize);
	for (page = r; page != NULL; page = page->next) {
		if (page != r)
			fputs(fmt == REPORT_TXT ? "\f\n" : "\n", out);
		if ((fmt == REPORT_CSV ? report_write_csv(page, out, err, errsize) :
		    report_write_txt(page, out, err, errsize)) != 0)
			return -1;
	}
	return 0;
}

struct report *
report_new(const char *name)
{
	struct report *r = NULL;

	if ((r = calloc(1, sizeof *r)) == NULL)
		return NULL;
	if ((r->name = strdup(name)) == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

/* A new table of ncols empty columns; NULL when out of memory. */
struct report_table *
table_new(struct report *r, const char *title, size_t ncols, size_t nkey)
{
	struct report_table *grown = NULL, *t = NULL;

	if ((grown = realloc(r->tables, (r->ntables + 1) * sizeof *grown)) == NULL)
		return NULL;
	r->tables = grown;
	t = &grown[r->ntables];
	memset(t, 0, sizeof *t);
	if ((t->cols = calloc(ncols > 0 ? ncols : 1, sizeof *t->cols)) == NULL)
		return NULL;
	if (title != NULL && (t->title = cell_text(title)) == NULL) {
		free(t->cols);
		return NULL;
	}
	t->ncols = ncols;
	t->nkey = nkey;
	r->ntables++;
	return t;
}

int
col_set(struct report_table *t, size_t i, const char *head, const char *group,
    enum report_align align)
{
	char *copy = NULL, *line = NULL, *save = NULL, *safe = NULL, *joined = NULL;
	size_t len = 0, add;
	int rc = STORE_FAILED;

	/* A head keeps its line breaks: safe text line by line. */
	if ((copy = strdup(head != NULL ? head : "")) == NULL ||
	    (joined = calloc(1, 1)) == NULL)
		goto out;
	for (line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *grown = NULL;

		if ((safe = text_safe(line)) == NULL)
			goto out;
		add = strlen(safe);
		if ((grown = realloc(joined, len + add + 2)) == NULL)
			goto out;
		joined = grown;
		if (len > 0)
			joined[len++] = '\n';
		memcpy(joined + len, safe, add + 1);
		len += add;
		free(safe);
		safe = NULL;
	}
	if (group != NULL && (t->cols[i].group = cell_text(group)) == NULL)
		goto out;
	t->cols[i].head = joined;
	joined = NULL;
	t->cols[i].align = align;
	rc = STORE_OK;
out:
	free(copy);
	free(safe);
	free(joined);
	return rc;
}

/* Appends a row of empty cells; returns its index, or -1 when out of memory. */
long
row_add(struct report_table *t)
{
	char **grown = NULL;
	size_t i;

	if ((grown = realloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *grown)) == NULL)
		return -1;
	t->cells = grown;
	for (i = 0; i < t->ncols; i++)
		grown[t->nrows * t->ncols + i] = NULL;
	for (i = 0; i < t->ncols; i++)
		if ((grown[t->nrows * t->ncols + i] = strdup("")) == NULL) {
			while (i-- > 0)
				free(grown[t->nrows * t->ncols + i]);
			return -1;
		}
	return (long)t->nrows++;
}

/* Sets a cell to (safe) text; takes ownership of `text`. */
int
cell_set(struct report_table *t, long row, size_t col, char *text)
{
	char **cell = &t->cells[(size_t)row * t->ncols + col];

	if (text == NULL)
		return STORE_FAILED;
	free(*cell);
	*cell = text;
	return STORE_OK;
}

int
title_add(struct report *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return add_line(&r->title, &r->ntitle, cell_text(buf));
}

int
note_add(struct report *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return add_line(&r->notes, &r->nnotes, cell_text(buf));
}

/*
 * A page that could not be computed: the store's reason, kept for the caller
 * and printed at the top of the report, where nobody reads past it.
 */
int
problem_add(struct report *r, const char *why)
{
	int rc;

	if ((rc = add_line(&r->problems, &r->nproblems, cell_text(why))) != STORE_OK)
		return rc;
	/* L10N: at the top of a report that lacks a page's results. */
	return title_add(r, _("Not computed: %s"), why);
}

/* "2026-09-02" -> "02.09" */
static void
short_date(const char *iso, char *out, size_t outsize)
{
	snprintf(out, outsize, "%.2s.%.2s", iso + 8, iso + 5);
}

/* "2026-09-02" -> "02.09.2026" */
void
long_date(const char *iso, char *out, size_t outsize)
{
	snprintf(out, outsize, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
}

int
title_school(struct store *st, struct report *r, const struct class *c)
{
	char school[STORE_NAME_MAX + 1];
	int rc;

	if ((rc = store_school_name(st, school, sizeof school)) != STORE_OK)
		return rc;
	if ((rc = title_add(r, "%s", school)) != STORE_OK || c == NULL)
		return rc;
	/* L10N: %s is the class ("7 Ә"), %d-%d the school year (2026-2027). */
	return title_add(r, _("Class %s, school year %d-%d"), c->name, c->start_year,
	    c->start_year + 1);
}

/* "Class teacher: NAME" when the class has one. */
int
title_class_teacher(struct store *st, struct report *r, const struct class *c)
{
	struct user u;

	if (c->teacher_id == 0 || store_user_get(st, c->teacher_id, &u) != STORE_OK)
		return STORE_OK;
	/* L10N: сынып жетекшісі, классный руководитель. */
	return title_add(r, _("Class teacher: %s"), u.name);
}

/*
 * Lines to sign and stamp: the extract is a document the next school files,
 * the summary sheet one the school keeps.
 */
int
notes_signatures(struct report *r)
{
	int rc;

	/* L10N: signature lines under an extract or a summary; keep the underscores. */
	if ((rc = note_add(r, _("Director: ____________________    Class teacher: "
	    "____________________"))) != STORE_OK)
		return rc;
	/* L10N: where the school's stamp goes (М.О. in Kazakh, М.П. in Russian). */
	return note_add(r, "%s", _("Stamp"));
}

int
notes_printed(struct store *st, struct report *r)
{
	char today[11], shown[16], hash[65];
	int64_t id = 0;
	int rc;

	store_today(today);
	long_date(today, shown, sizeof shown);
	/*
	 * The audit head as of printing makes the paper an anchor of the chain
	 * (`audit verify --head`); 32 hex digits (128 bits) fit the 80 columns.
	 */
	if ((rc = store_audit_head(st, &id, hash)) != STORE_OK)
		return rc;
	/* L10N: at the foot of every report; %s is the date (23.11.2026), then the audit head. */
	return note_add(r, _("Made by dapter on %s; audit %lld:%.32s."), shown, (long long)id,
	    hash);
}

void
pct_text(double v, char *out, size_t outsize)
{
	if (v < 0)
		snprintf(out, outsize, "-");
	else
		snprintf(out, outsize, "%.2f", v);
}

static int
notes_legend(struct report *r)
{
	return note_add(r, "%s %s, %s %s, %s %s, %s %s.",
	    attendance_label(ATT_ABSENT), _("absent"), attendance_label(ATT_EXCUSED),
	    _("absent for a good reason"), attendance_label(ATT_ILL), _("ill"),
	    attendance_label(ATT_LATE), _("late"));
}

/* The teacher's name of a journal, "" when the actor cannot see it. */
void
journal_teacher(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    char *out, size_t outsize)
{
	struct journal *j = NULL;
	struct user u;
	size_t n = 0, i;

	out[0] = '\0';
	if (store_journal_list(st, &j, &n) != STORE_OK) {
		free(j);
		return;
	}
	for (i = 0; i < n; i++)
		if (j[i].class_id == class_id && j[i].subject_id == subject_id &&
		    j[i].subgroup == subgroup) {
			if (store_user_find(st, j[i].teacher_login, &u) == STORE_OK)
				snprintf(out, outsize, "%s", u.name);
			else
				snprintf(out, outsize, "%s", j[i].teacher_login);
			break;
		}
	free(j);
}

/* A table of comments, the teacher's feedback: date, `who` (pupil or subject), comment. */
static struct report_table *
feedback_new(struct report *r, const char *who, size_t nkey)
{
	struct report_table *t = NULL;

	/* L10N: the teacher's comments on a pupil's work (обратная связь, кері байланыс). */
	if ((t = table_new(r, _("Feedback"), 3, nkey)) == NULL ||
	    col_set(t, 0, _("Date"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 1, who, NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 2, _("Comment"), NULL, REPORT_LEFT) != STORE_OK)
		return NULL;
	return t;
}

/* A row of it; text is the comment as stored (its lines are joined). */
static int
feedback_row(struct report_table *t, const char *iso, const char *who, const char *text)
{
	char day[16];
	long row;

	long_date(iso, day, sizeof day);
	if ((row = row_add(t)) < 0 || cell_set(t, row, 0, cell_text(day)) != STORE_OK ||
	    cell_set(t, row, 1, cell_text(who)) != STORE_OK ||
	    cell_set(t, row, 2, cell_text(text)) != STORE_OK)
		return STORE_FAILED;
	return STORE_OK;
}

/*
 * The page's comments, the teacher's feedback, by lesson and pupil in the
 * page's order: a table of their own after the lessons (the archive keeps
 * them with the page), none when the page has none.
 */
static int
journal_feedback(struct store *st, struct report *r, const struct class *c,
    const struct subject *s, int subgroup, const struct period *p, const struct pupil *pupils,
    size_t np, const struct lesson *lessons, size_t nl)
{
	struct report_table *t = NULL;
	struct comment *cs = NULL;
	const struct comment *one = NULL;
	char buf[NAME_MAX_BYTES];
	size_t nc = 0, i, j;
	int rc;

	if ((rc = store_comment_list(st, c->id, s->id, subgroup, p, &cs, &nc)) != STORE_OK ||
	    nc == 0)
		goto out;
	rc = STORE_FAILED;
	if ((t = feedback_new(r, _("Pupil"), 2)) == NULL)
		goto out;
	for (j = 0; j < nl; j++)
		for (i = 0; i < np; i++) {
			if ((one = comment_find(cs, nc, lessons[j].id, pupils[i].id)) == NULL)
				continue;
			pupil_full_name(&pupils[i], buf, sizeof buf);
			if (feedback_row(t, lessons[j].date, buf, one->text) != STORE_OK)
				goto out;
		}
	rc = STORE_OK;
out:
	free(cs);
	return rc;
}

int
report_journal_build(struct store *st, const struct class *c, const struct subject *s,
    int subgroup, const struct period *p, struct report **out)
{
	struct report *r = NULL;
	struct report_table *t = NULL;
	struct pupil *pupils = NULL;
	struct lesson *lessons = NULL;
	struct mark *marks = NULL;
	struct grade_row *g = NULL;
	size_t np = 0, nl = 0, nm = 0, ng = 0, i, j, col;
	char buf[NAME_MAX_BYTES], day[16], pname[64], from[16], to[16];
	long row;
	char problem[1024] = "";	/* why the results are missing, or "" */
	int rc = STORE_FAILED;

	*out = NULL;
	/* A page whose marks break the scheme is printed without its results. */
	if ((rc = grades_compute(st, c, s, subgroup, p, &g, &ng)) == STORE_INVALID)
		snprintf(problem, sizeof problem, "%s", store_error(st));
	else if (rc != STORE_OK)
		goto out;
	if ((rc = store_pupil_list(st, c->id, s->id, subgroup, &pupils, &np)) != STORE_OK ||
	    (rc = store_lesson_list(st, c->id, s->id, subgroup, p, &lessons, &nl)) != STORE_OK ||
	    (rc = store_mark_list(st, c->id, s->id, subgroup, p, &marks, &nm)) != STORE_OK)
		goto out;
	rc = STORE_FAILED;
	if ((r = report_new("journal")) == NULL || title_school(st, r, c) != STORE_OK)
		goto out;
	if (subgroup > 0) {
		/* L10N: journal title: subject, then the subgroup number. */
		if (title_add(r, _("Journal: %s, subgroup %d"), s->name, subgroup) != STORE_OK)
			goto out;
	} else if (title_add(r, _("Journal: %s"), s->name) != STORE_OK)
		goto out;
	long_date(p->starts, from, sizeof from);
	long_date(p->ends, to, sizeof to);
	period_name(p, pname, sizeof pname);
	/* L10N: "quarter 1 (01.09.2026-02.11.2026), closed" or "..., open". */
	if (title_add(r, _("Period: %s (%s-%s), %s"), pname, from, to,
	    p->closed ? _("closed") : _("open")) != STORE_OK)
		goto out;
	journal_teacher(st, c->id, s->id, subgroup, buf, sizeof buf);
	if (buf[0] != '\0' && title_add(r, _("Teacher: %s"), buf) != STORE_OK)
		goto out;
	if (problem[0] != '\0' && problem_add(r, problem) != STORE_OK)
		goto out;

	/* Marks: number, pupil, one column per lesson, then the period's result. */
	if ((t = table_new(r, _("Marks and attendance"), 2 + nl + 5, 2)) == NULL ||
	    col_set(t, 0, "№", NULL, REPORT_RIGHT) != STORE_OK ||
	    col_set(t, 1, _("Pupil"), NULL, REPORT_LEFT) != STORE_OK)
		goto out;
	for (j = 0; j < nl; j++) {
		short_date(lessons[j].date, day, sizeof day);
		if (lessons[j].kind != LESSON_REGULAR)
			snprintf(buf, sizeof buf, "%s\n%s/%d", day,
			    lesson_kind_label(lessons[j].kind), lessons[j].max_points);
		else
			snprintf(buf, sizeof buf, "%s", day);
		if (col_set(t, 2 + j, buf, NULL, REPORT_CENTER) != STORE_OK)
			goto out;
	}
	col = 2 + nl;
	snprintf(buf, sizeof buf, "%s %%", lesson_kind_label(LESSON_REGULAR));
	if (col_set(t, col, buf, NULL, REPORT_RIGHT) != STORE_OK)
		goto out;
	snprintf(buf, sizeof buf, "%s %%", lesson_kind_label(LESSON_SOR));
	if (col_set(t, col + 1, buf, NULL, REPORT_RIGHT) != STORE_OK)
		goto out;
	snprintf(buf, sizeof buf, "%s %%", lesson_kind_label(LESSON_SOCH));
	if (col_set(t, col + 2, buf, NULL, REPORT_RIGHT) != STORE_OK ||
	    col_set(t, col + 3, _("Percent"), NULL, REPORT_RIGHT) != STORE_OK ||
	    col_set(t, col + 4, _("Mark"), NULL, REPORT_CENTER) != STORE_OK)
		goto out;
	for (i = 0; i < np; i++) {
		const struct grade_row *gr = NULL;
		const struct assess_result *res = NULL;

		if ((row = row_add(t)) < 0 ||
		    cell_set(t, row, 0, cell_printf("%zu", i + 1)) != STORE_OK)
			goto out;
		pupil_full_name(&pupils[i], buf, sizeof buf);
		if (cell_set(t, row, 1, cell_text(buf)) != STORE_OK)
			goto out;
		for (j = 0; j < nl; j++) {
			mark_text(mark_find(marks, nm, lessons[j].id, pupils[i].id), buf,
			    sizeof buf);
			if (cell_set(t, row, 2 + j, cell_text(buf)) != STORE_OK)
				goto out;
		}
		for (j = 0; j < ng; j++)
			if (g[j].pupil.id == pupils[i].id)
				gr = &g[j];
		if (gr == NULL)
			continue;
		res = &gr->result;
		pct_text(res->fo_pct, buf, sizeof buf);
		if (cell_set(t, row, col, cell_text(buf)) != STORE_OK)
			goto out;
		pct_text(res->sor_pct, buf, sizeof buf);
		if (cell_set(t, row, col + 1, cell_text(buf)) != STORE_OK)
			goto out;
		pct_text(res->soch_pct, buf, sizeof buf);
		if (cell_set(t, row, col + 2, cell_text(buf)) != STORE_OK)
			goto out;
		pct_text(res->status == ASSESS_NO_DATA || res->status == ASSESS_NO_MARK ? -1 :
		    res->percent, buf, sizeof buf);
		if (cell_set(t, row, col + 3, cell_text(buf)) != STORE_OK ||
		    cell_set(t, row, col + 4, cell_text(grades_mark_text(gr, buf, sizeof buf))) !=
		    STORE_OK)
			goto out;
	}

	/* Lessons: what was taught and set, the page's other half. */
	if ((t = table_new(r, _("Lessons"), 4, 1)) == NULL ||
	    col_set(t, 0, _("Date"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 1, _("Kind"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 2, _("Topic"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 3, _("Homework"), NULL, REPORT_LEFT) != STORE_OK)
		goto out;
	for (j = 0; j < nl; j++) {
		long_date(lessons[j].date, day, sizeof day);
		if (lessons[j].kind != LESSON_REGULAR)
			snprintf(buf, sizeof buf, "%s/%d", lesson_kind_label(lessons[j].kind),
			    lessons[j].max_points);
		else
			snprintf(buf, sizeof buf, "%s", lesson_kind_label(lessons[j].kind));
		if ((row = row_add(t)) < 0 || cell_set(t, row, 0, cell_text(day)) != STORE_OK ||
		    cell_set(t, row, 1, cell_text(buf)) != STORE_OK ||
		    cell_set(t, row, 2, cell_text(lessons[j].topic)) != STORE_OK ||
		    cell_set(t, row, 3, cell_text(lessons[j].homework)) != STORE_OK)
			goto out;
	}
	if ((rc = journal_feedback(st, r, c, s, subgroup, p, pupils, np, lessons, nl)) !=
	    STORE_OK)
		goto out;
	rc = STORE_FAILED;
	if (notes_legend(r) != STORE_OK ||
	    /* L10N: how the period percent is made, under the journal page. */
	    note_add(r, _("Percent: 25%% %s + 25%% %s + 50%% %s (50/50 without %s); "
	    "%s: temporarily not attested."), lesson_kind_label(LESSON_REGULAR),
	    lesson_kind_label(LESSON_SOR), lesson_kind_label(LESSON_SOCH),
	    lesson_kind_label(LESSON_SOCH), _("n/a")) != STORE_OK ||
	    notes_printed(st, r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	free(pupils);
	free(lessons);
	free(marks);
	free(g);
	return rc;
}

/* The class's journals the actor may read, in the store's order. */
int
class_journals(struct store *st, const struct class *c, struct journal **rows, size_t *n)
{
	struct journal *all = NULL;
	size_t nall = 0, i;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = store_journal_list(st, &all, &nall)) != STORE_OK) {
		free(all);
		return rc;
	}
	for (i = 0; i < nall; i++)
		if (all[i].class_id == c->id)
			all[(*n)++] = all[i];
	*rows = all;
	return STORE_OK;
}


int
class_subjects(struct store *st, const struct class *c, struct subject_journals **out,
    size_t *n)
{
	struct journal *j = NULL;
	struct subject_journals *sj = NULL;
	size_t nj = 0, i, k;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = class_journals(st, c, &j, &nj)) != STORE_OK)
		goto out;
	if ((sj = calloc(nj > 0 ? nj : 1, sizeof *sj)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	for (i = 0; i < nj; i++) {
		for (k = 0; k < *n; k++)
			if (sj[k].subject.id == j[i].subject_id)
				break;
		if (k == *n) {
			if ((rc = store_subject_in_class(st, c->id, j[i].subject_id,
			    &sj[k].subject)) != STORE_OK)
				goto out;
			(*n)++;
		}
		if (sj[k].nsub < sizeof sj[k].subgroups / sizeof sj[k].subgroups[0])
			sj[k].subgroups[sj[k].nsub++] = j[i].subgroup;
	}
	/* Subjects in alphabetical order, as the summary sheet lists them. */
	for (i = 1; i < *n; i++)
		for (k = i; k > 0 && text_compare(sj[k - 1].subject.name, sj[k].subject.name) > 0;
		    k--) {
			struct subject_journals tmp = sj[k];

			sj[k] = sj[k - 1];
			sj[k - 1] = tmp;
		}
	*out = sj;
	sj = NULL;
	rc = STORE_OK;
out:
	free(sj);
	free(j);
	return rc;
}


int
subject_years(struct store *st, struct report *r, const struct class *c,
    const struct subject_journals *sj, const struct pupil *pupils, size_t np,
    struct year_cell *cells)
{
	struct grade_year *g = NULL;
	size_t ng = 0, k, i, x;
	int rc = STORE_OK;

	for (k = 0; k < sj->nsub; k++) {
		rc = grades_year(st, c, &sj->subject, sj->subgroups[k], &g, &ng);
		if (rc == STORE_INVALID && (rc = problem_add(r, store_error(st))) == STORE_OK)
			continue;
		if (rc != STORE_OK)
			return rc;
		for (x = 0; x < ng; x++)
			for (i = 0; i < np; i++)
				if (pupils[i].id == g[x].pupil.id) {
					cells[i].have = 1;
					cells[i].subgroup = sj->subgroups[k];
					cells[i].y = g[x];
				}
		free(g);
		g = NULL;
	}
	return rc;
}

/* A work or an exam is recorded: it has a mark, given or from points. */
int
work_recorded(const struct year_work *w)
{
	return w->points >= 0 || w->mark > 0;
}

/* The mark of the year work or exam a summary cell shows: "ex. 5", "wk. 4". */
void
work_cell(const struct grade_year *y, char *out, size_t outsize)
{
	out[0] = '\0';
	if (work_recorded(&y->work) && work_recorded(&y->exam))
		/* L10N: a summary cell with both: the year work's mark, then the exam's. */
		snprintf(out, outsize, _("%d, ex. %d"), y->work_mark, y->exam_mark);
	else if (work_recorded(&y->work))
		snprintf(out, outsize, "%d", y->work_mark);
	else if (work_recorded(&y->exam))
		snprintf(out, outsize, "%d", y->exam_mark);
}

static const char *
period_short(const struct period *p, char *out, size_t outsize)
{
	snprintf(out, outsize, "%d", p->num);
	return out;
}


int
summary_subject_fill(struct store *st, struct report *r, const struct class *c,
    const struct subject_journals *sj, const struct pupil *pupils, size_t np,
    struct summary_subject *out)
{
	size_t i;
	int rc;

	if ((out->cells = calloc(np > 0 ? np : 1, sizeof *out->cells)) == NULL)
		return STORE_FAILED;
	if ((rc = subject_years(st, r, c, sj, pupils, np, out->cells)) != STORE_OK)
		return rc;
	for (i = 0; i < np; i++) {
		if (!out->cells[i].have)
			continue;
		out->nps = out->cells[i].y.nperiods;
		out->shown |= out->cells[i].y.year_shown;
		out->has_work |= work_recorded(&out->cells[i].y.work) ||
		    work_recorded(&out->cells[i].y.exam);
	}
	return STORE_OK;
}

/* Counts a pupil's year mark (and final mark, into fin) for the summary's figures. */
static void
summary_tally_year(struct assess_tally *yr, struct assess_tally *fin, const struct grade_year *y)
{
	if (y->year_mark >= 0)
		assess_tally_add(yr, y->kind, ASSESS_MARKED, y->year_mark);
	if (fin == NULL)
		return;
	if (y->final.status == FINAL_MARKED)
		assess_tally_add(fin, y->kind, ASSESS_MARKED, y->final.mark);
	else if (y->kind == ASSESS_PASSFAIL && y->year_mark >= 0)
		assess_tally_add(fin, y->kind, ASSESS_MARKED, y->year_mark);
}

/* Two rows under the pupils: each mark column's pass rate and quality (assess.h). */
static int
summary_figures(struct report_table *t, const struct assess_tally *ct, size_t ncols)
{
	long pass, quality;
	size_t c;

	if ((pass = row_add(t)) < 0 || (quality = row_add(t)) < 0 ||
	    /* L10N: a summary row under the pupils: успеваемость, үлгерім. */
	    cell_set(t, pass, 1, cell_text(_("Pass rate, %"))) != STORE_OK ||
	    /* L10N: a summary row under the pupils: качество знаний, білім сапасы. */
	    cell_set(t, quality, 1, cell_text(_("Quality, %"))) != STORE_OK)
		return STORE_FAILED;
	for (c = 2; c < ncols; c++) {
		/* A period not marked yet (all not attested) is not a pass rate of 0. */
		if (assess_tally_total(&ct[c]) == ct[c].not_attested + ct[c].not_attested_pf)
			continue;
		/* Whole percents keep the columns as narrow as the marks. */
		if (cell_set(t, pass, c, cell_printf("%ld", assess_round(assess_pass_rate(
		    &ct[c])))) != STORE_OK ||
		    (assess_quality(&ct[c]) >= 0 && cell_set(t, quality, c, cell_printf("%ld",
		    assess_round(assess_quality(&ct[c])))) != STORE_OK))
			return STORE_FAILED;
	}
	return STORE_OK;
}

int
report_summary_build(struct store *st, const struct class *c, struct report **out)
{
	struct report *r = NULL;
	struct report_table *t = NULL;
	struct subject_journals *sj = NULL;
	struct summary_subject *ss = NULL;
	struct pupil *pupils = NULL;
	struct period ps[4];
	size_t nsj = 0, np = 0, i, k, x, ncols, col, nps;
	char buf[NAME_MAX_BYTES], num[8];
	long row;
	int rc = STORE_FAILED, any_shown = 0, *twos = NULL;
	struct assess_tally *ct = NULL;	/* per column: its pass rate and quality */

	*out = NULL;
	if ((rc = class_subjects(st, c, &sj, &nsj)) != STORE_OK ||
	    (rc = store_pupil_list(st, c->id, 0, 0, &pupils, &np)) != STORE_OK)
		goto out;
	rc = STORE_FAILED;
	if ((ss = calloc(nsj > 0 ? nsj : 1, sizeof *ss)) == NULL ||
	    (twos = calloc(np > 0 ? np : 1, sizeof *twos)) == NULL ||
	    (r = report_new("summary")) == NULL || title_school(st, r, c) != STORE_OK ||
	    /* L10N: a class's summary sheet (сводная ведомость, жиынтық ведомость). */
	    title_add(r, "%s", _("Summary of period and year marks")) != STORE_OK ||
	    title_class_teacher(st, r, c) != STORE_OK)
		goto out;
	ncols = 2;
	for (k = 0; k < nsj; k++) {
		if ((rc = summary_subject_fill(st, r, c, &sj[k], pupils, np, &ss[k])) !=
		    STORE_OK ||
		    (rc = grades_periods(st, c, &sj[k].subject, ps, &nps)) !=
		    STORE_OK)
			goto out;
		ss[k].nps = nps;
		ncols += nps + 1 + (size_t)ss[k].has_work + (size_t)ss[k].shown;
		any_shown |= ss[k].shown;
	}
	ncols += (size_t)any_shown;
	rc = STORE_FAILED;
	if ((ct = calloc(ncols, sizeof *ct)) == NULL ||
	    (t = table_new(r, NULL, ncols, 2)) == NULL ||
	    col_set(t, 0, "№", NULL, REPORT_RIGHT) != STORE_OK ||
	    col_set(t, 1, _("Pupil"), NULL, REPORT_LEFT) != STORE_OK)
		goto out;
	for (i = 0; i < np; i++) {
		if ((row = row_add(t)) < 0 ||
		    cell_set(t, row, 0, cell_printf("%zu", i + 1)) != STORE_OK)
			goto out;
		pupil_full_name(&pupils[i], buf, sizeof buf);
		if (cell_set(t, row, 1, cell_text(buf)) != STORE_OK)
			goto out;
	}
	col = 2;
	for (k = 0; k < nsj; k++) {
		const char *name = sj[k].subject.name;
		size_t ycol = col + ss[k].nps, wcol = ycol + 1;
		size_t fcol = wcol + (size_t)ss[k].has_work;

		if ((rc = grades_periods(st, c, &sj[k].subject, ps, &nps)) !=
		    STORE_OK)
			goto out;
		rc = STORE_FAILED;
		for (x = 0; x < nps; x++)
			if (col_set(t, col + x, period_short(&ps[x], num, sizeof num), name,
			    REPORT_CENTER) != STORE_OK)
				goto out;
		/* L10N: head of the year-mark column in the summary sheet; keep it short. */
		if (col_set(t, ycol, _("Yr"), name, REPORT_CENTER) != STORE_OK ||
		    /* L10N: head of the year work / exam column in the summary; keep it short. */
		    (ss[k].has_work && col_set(t, wcol, _("Ex"), name, REPORT_CENTER) !=
		    STORE_OK) ||
		    /* L10N: head of the final-mark column in the summary sheet; keep it short. */
		    (ss[k].shown && col_set(t, fcol, _("Fin"), name, REPORT_CENTER) != STORE_OK))
			goto out;
		for (i = 0; i < np; i++) {
			const struct grade_year *y = &ss[k].cells[i].y;

			if (!ss[k].cells[i].have)
				continue;
			for (x = 0; x < y->nperiods; x++) {
				if (cell_set(t, (long)i, col + x, cell_text(grades_mark_text(
				    &y->period[x], buf, sizeof buf))) != STORE_OK)
					goto out;
				assess_tally_add(&ct[col + x], y->kind, y->period[x].result.status,
				    y->period[x].result.mark);
			}
			summary_tally_year(&ct[ycol], ss[k].shown ? &ct[fcol] : NULL, y);
			if (cell_set(t, (long)i, ycol, cell_text(grades_year_text(y, buf,
			    sizeof buf))) != STORE_OK)
				goto out;
			work_cell(y, buf, sizeof buf);
			if (ss[k].has_work && cell_set(t, (long)i, wcol, cell_text(buf)) !=
			    STORE_OK)
				goto out;
			if (ss[k].shown && cell_set(t, (long)i, fcol, cell_text(
			    grades_final_text(y, buf, sizeof buf))) != STORE_OK)
				goto out;
			if (y->kind != ASSESS_PASSFAIL && y->year_mark == 2)
				twos[i]++;
		}
		col = fcol + (size_t)ss[k].shown;
	}
	if (np > 0 && summary_figures(t, ct, ncols) != STORE_OK)
		goto out;
	if (any_shown) {
		/* L10N: head of the summary's last column: «2» in three or more subjects. */
		if (col_set(t, col, _("Note"), NULL, REPORT_LEFT) != STORE_OK)
			goto out;
		for (i = 0; i < np; i++)
			/* L10N: «2» for the year in three or more subjects; nothing is decided. */
			if (twos[i] >= ASSESS_REPEAT_TWOS && cell_set(t, (long)i, col,
			    cell_text(_("repeats the year?"))) != STORE_OK)
				goto out;
	}
	if (note_add(r, _("Columns 1-4: quarters, 1-2: half-years; %s: the year mark, shown once "
	    "the year's last period is over or closed; %s: temporarily not attested."), _("Yr"),
	    _("n/a")) != STORE_OK)
		goto out;
	if (any_shown && note_add(r, _("%s: the year summative work after a year 2, or the "
	    "exam; %s: the final mark."), _("Ex"), _("Fin")) != STORE_OK)
		goto out;
	if (notes_printed(st, r) != STORE_OK || notes_signatures(r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	for (k = 0; ss != NULL && k < nsj; k++)
		free(ss[k].cells);
	free(ss);
	free(ct);
	free(twos);
	free(sj);
	free(pupils);
	return rc;
}

/* "СОр 17/20, СОч 20/25": the pupil's summative works of a journal page. */
static int
works_text(struct store *st, const struct class *c, const struct subject *s, int subgroup,
    const struct period *p, int64_t pupil_id, char *out, size_t outsize)
{
	struct lesson *l = NULL;
	struct mark *m = NULL;
	const struct mark *one = NULL;
	size_t nl = 0, nm = 0, j, len = 0;
	int rc;

	out[0] = '\0';
	if ((rc = store_lesson_list(st, c->id, s->id, subgroup, p, &l, &nl)) != STORE_OK ||
	    (rc = store_mark_list(st, c->id, s->id, subgroup, p, &m, &nm)) != STORE_OK)
		goto out;
	for (j = 0; j < nl && len + 1 < outsize; j++) {
		char points[16];

		if (l[j].kind == LESSON_REGULAR)
			continue;
		one = mark_find(m, nm, l[j].id, pupil_id);
		if (one != NULL && one->value >= 0)
			snprintf(points, sizeof points, "%d", one->value);
		else
			snprintf(points, sizeof points, "-");
		snprintf(out + len, outsize - len, "%s%s %s/%d", len > 0 ? ", " : "",
		    lesson_kind_label(l[j].kind), points, l[j].max_points);
		len = strlen(out);
	}
out:
	free(l);
	free(m);
	return rc;
}

/* A row of the extract: the year work or the exam, its points and mark. */
static int
pupil_work_row(struct report_table *t, const char *label, const struct year_work *w, int mark)
{
	char buf[64];
	long row;

	if (!work_recorded(w))
		return STORE_OK;
	if ((row = row_add(t)) < 0 || cell_set(t, row, 1, cell_text(label)) != STORE_OK ||
	    cell_set(t, row, 2, cell_text(grades_work_text(w, mark, buf, sizeof buf))) !=
	    STORE_OK || cell_set(t, row, 4, cell_printf("%d", mark)) != STORE_OK)
		return STORE_FAILED;
	return STORE_OK;
}

/* The extract's rows after the year: the year work, the exam, the final mark. */
static int
pupil_year_rows(struct report_table *t, const struct grade_year *y)
{
	char buf[64];
	long row;

	/* L10N: a row of the pupil's extract: the year summative work after a year 2. */
	if (pupil_work_row(t, _("year work"), &y->work, y->work_mark) != STORE_OK ||
	    /* L10N: a row of the pupil's extract: the exam. */
	    pupil_work_row(t, _("exam"), &y->exam, y->exam_mark) != STORE_OK)
		return STORE_FAILED;
	if (!y->year_shown)
		return STORE_OK;
	if ((row = row_add(t)) < 0 ||
	    /* L10N: a row of the pupil's extract: the final (итоговая, қорытынды) mark. */
	    cell_set(t, row, 1, cell_text(_("final"))) != STORE_OK ||
	    cell_set(t, row, 4, cell_text(grades_final_text(y, buf, sizeof buf))) != STORE_OK)
		return STORE_FAILED;
	return STORE_OK;
}

/* One comment of a pupil and its subject, for the feedback table. */
struct feedback {
	struct comment c;
	const char *subject;
};

static int
feedback_cmp(const void *a, const void *b)
{
	const struct feedback *x = a, *y = b;
	int d = strcmp(x->c.date, y->c.date);

	return d != 0 ? d : text_compare(x->subject, y->subject);
}

int
feedback_table(struct store *st, struct report *r, const struct class *c,
    const struct subject_journals *sj, size_t nsj, const struct pupil *pupil,
    const struct period *p)
{
	struct report_table *t = NULL;
	struct comment *cs = NULL;
	struct feedback *fb = NULL, *grown = NULL;
	size_t nc = 0, nfb = 0, i, k, sub;
	int rc = STORE_OK;

	for (k = 0; k < nsj && rc == STORE_OK; k++)
		for (sub = 0; sub < sj[k].nsub && rc == STORE_OK; sub++) {
			rc = store_comment_list(st, c->id, sj[k].subject.id, sj[k].subgroups[sub],
			    p, &cs, &nc);
			for (i = 0; rc == STORE_OK && i < nc; i++) {
				if (cs[i].pupil_id != pupil->id)
					continue;
				if ((grown = realloc(fb, (nfb + 1) * sizeof *fb)) == NULL) {
					rc = STORE_FAILED;
					break;
				}
				fb = grown;
				fb[nfb].c = cs[i];
				fb[nfb++].subject = sj[k].subject.name;
			}
			free(cs);
			cs = NULL;
		}
	if (rc != STORE_OK || nfb == 0)
		goto out;
	qsort(fb, nfb, sizeof *fb, feedback_cmp);
	rc = STORE_FAILED;
	if ((t = feedback_new(r, _("Subject"), 1)) == NULL)
		goto out;
	for (i = 0; i < nfb; i++)
		if (feedback_row(t, fb[i].c.date, fb[i].subject, fb[i].c.text) != STORE_OK)
			goto out;
	rc = STORE_OK;
out:
	free(fb);
	free(cs);
	return rc;
}

int
report_pupil_build(struct store *st, const struct class *c, const struct pupil *pupil,
    struct report **out)
{
	struct report *r = NULL;
	struct report_table *t = NULL;
	struct subject_journals *sj = NULL;
	struct year_cell yc;
	struct period ps[4];
	size_t nsj = 0, k, x, nps;
	char buf[NAME_MAX_BYTES], works[1024], pname[64], birth[16];
	long row;
	int rc = STORE_FAILED;

	*out = NULL;
	if ((rc = class_subjects(st, c, &sj, &nsj)) != STORE_OK)
		goto out;
	rc = STORE_FAILED;
	pupil_full_name(pupil, buf, sizeof buf);
	if ((r = report_new("pupil")) == NULL || title_school(st, r, c) != STORE_OK ||
	    /* L10N: the extract that goes with a pupil who changes school. */
	    title_add(r, _("Extract of summative assessment: %s"), buf) != STORE_OK)
		goto out;
	if (pupil->birth[0] != '\0') {
		long_date(pupil->birth, birth, sizeof birth);
		if (title_add(r, _("Born %s"), birth) != STORE_OK)
			goto out;
	}
	/* The pupil's own extract is the one paper that carries her IIN whole. */
	if (pupil->iin[0] != '\0' && title_add(r, _("IIN %s"), pupil->iin) != STORE_OK)
		goto out;
	if (title_class_teacher(st, r, c) != STORE_OK)
		goto out;
	if ((t = table_new(r, NULL, 5, 1)) == NULL ||
	    col_set(t, 0, _("Subject"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 1, _("Period"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 2, _("Summative works (points/maximum)"), NULL, REPORT_LEFT) !=
	    STORE_OK ||
	    col_set(t, 3, _("Percent"), NULL, REPORT_RIGHT) != STORE_OK ||
	    col_set(t, 4, _("Mark"), NULL, REPORT_CENTER) != STORE_OK)
		goto out;
	for (k = 0; k < nsj; k++) {
		if ((rc = grades_periods(st, c, &sj[k].subject, ps, &nps)) !=
		    STORE_OK)
			goto out;
		memset(&yc, 0, sizeof yc);
		if ((rc = subject_years(st, r, c, &sj[k], pupil, 1, &yc)) != STORE_OK)
			goto out;
		if (!yc.have)
			continue;	/* the pupil is in another subgroup's journal only */
		for (x = 0; x < nps; x++) {
			const struct assess_result *a = &yc.y.period[x].result;

			works[0] = '\0';
			if ((rc = works_text(st, c, &sj[k].subject, yc.subgroup, &ps[x],
			    pupil->id, works, sizeof works)) != STORE_OK)
				goto out;
			rc = STORE_FAILED;
			if ((row = row_add(t)) < 0 ||
			    cell_set(t, row, 0, cell_text(x == 0 ? sj[k].subject.name : "")) !=
			    STORE_OK ||
			    cell_set(t, row, 1, cell_text(period_name(&ps[x], pname,
			    sizeof pname))) != STORE_OK ||
			    cell_set(t, row, 2, cell_text(works)) != STORE_OK)
				goto out;
			pct_text(a->status == ASSESS_NO_DATA || a->status == ASSESS_NO_MARK ? -1 :
			    a->percent, buf, sizeof buf);
			if (cell_set(t, row, 3, cell_text(buf)) != STORE_OK ||
			    cell_set(t, row, 4, cell_text(grades_mark_text(&yc.y.period[x], buf,
			    sizeof buf))) != STORE_OK)
				goto out;
		}
		rc = STORE_FAILED;
		if ((row = row_add(t)) < 0 ||
		    cell_set(t, row, 1, cell_text(_("year"))) != STORE_OK ||
		    cell_set(t, row, 4, cell_text(grades_year_text(&yc.y, buf, sizeof buf))) !=
		    STORE_OK)
			goto out;
		if ((rc = pupil_year_rows(t, &yc.y)) != STORE_OK)
			goto out;
		rc = STORE_FAILED;
	}
	/* The teacher's feedback of the year, after the marks it explains. */
	if ((rc = feedback_table(st, r, c, sj, nsj, pupil, NULL)) != STORE_OK)
		goto out;
	rc = STORE_FAILED;
	if (note_add(r, _("A dash in place of points: the pupil did not write that work."))
	    != STORE_OK || notes_printed(st, r) != STORE_OK || notes_signatures(r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	free(sj);
	return rc;
}

int
report_attendance_build(struct store *st, const struct class *c, const struct period *p,
    struct report **out)
{
	static const enum attendance atts[4] = { ATT_ABSENT, ATT_EXCUSED, ATT_ILL, ATT_LATE };
	struct report *r = NULL;
	struct report_table *t = NULL;
	struct subject_journals *sj = NULL;
	struct pupil *pupils = NULL;
	struct mark *m = NULL;
	struct card_journal *cj = NULL;
	struct card_attendance days;
	unsigned *count = NULL;
	size_t nsj = 0, np = 0, nm = 0, ncj = 0, i, k, a, x, sub, ncols, tcol;
	char buf[NAME_MAX_BYTES], pname[64], from[16], to[16];
	long row;
	int rc = STORE_FAILED;

	*out = NULL;
	if ((rc = class_subjects(st, c, &sj, &nsj)) != STORE_OK ||
	    (rc = store_pupil_list(st, c->id, 0, 0, &pupils, &np)) != STORE_OK ||
	    (rc = card_journals_load(st, c, p, &cj, &ncj)) != STORE_OK)
		goto out;
	rc = STORE_FAILED;
	if ((r = report_new("attendance")) == NULL || title_school(st, r, c) != STORE_OK ||
	    title_add(r, "%s", _("Attendance")) != STORE_OK)
		goto out;
	if (p != NULL) {
		long_date(p->starts, from, sizeof from);
		long_date(p->ends, to, sizeof to);
		if (title_add(r, "%s (%s-%s)", period_name(p, pname, sizeof pname), from, to) !=
		    STORE_OK)
			goto out;
	} else if (title_add(r, "%s", _("The whole school year")) != STORE_OK)
		goto out;
	if (title_class_teacher(st, r, c) != STORE_OK)
		goto out;
	/* Subjects, the whole days missed (for the class teacher), the totals last. */
	ncols = 2 + 4 * (nsj + 1) + 1;
	tcol = 2 + 4 * nsj + 1;
	if ((count = calloc((np > 0 ? np : 1) * (nsj + 1) * 4, sizeof *count)) == NULL ||
	    (t = table_new(r, NULL, ncols, 2)) == NULL ||
	    col_set(t, 0, "№", NULL, REPORT_RIGHT) != STORE_OK ||
	    col_set(t, 1, _("Pupil"), NULL, REPORT_LEFT) != STORE_OK)
		goto out;
	for (k = 0; k <= nsj; k++)
		for (a = 0; a < 4; a++)
			if (col_set(t, (k < nsj ? 2 + k * 4 : tcol) + a, attendance_label(atts[a]),
			    k < nsj ? sj[k].subject.name : _("Total"), REPORT_RIGHT) != STORE_OK)
				goto out;
	/* L10N: attendance: whole days missed (every lesson of the day); keep it short. */
	if (col_set(t, tcol - 1, C_("missed", "Days"), NULL, REPORT_RIGHT) != STORE_OK)
		goto out;
	for (k = 0; k < nsj; k++)
		for (sub = 0; sub < sj[k].nsub; sub++) {
			if ((rc = store_mark_list(st, c->id, sj[k].subject.id, sj[k].subgroups[sub],
			    p, &m, &nm)) != STORE_OK)
				goto out;
			for (x = 0; x < nm; x++)
				for (i = 0; i < np; i++)
					if (pupils[i].id == m[x].pupil_id && m[x].att != ATT_NONE) {
						a = (size_t)m[x].att - 1;
						count[(i * (nsj + 1) + k) * 4 + a]++;
						count[(i * (nsj + 1) + nsj) * 4 + a]++;
					}
			free(m);
			m = NULL;
		}
	rc = STORE_FAILED;
	for (i = 0; i < np; i++) {
		if ((row = row_add(t)) < 0 ||
		    cell_set(t, row, 0, cell_printf("%zu", i + 1)) != STORE_OK)
			goto out;
		pupil_full_name(&pupils[i], buf, sizeof buf);
		if (cell_set(t, row, 1, cell_text(buf)) != STORE_OK)
			goto out;
		for (k = 0; k <= nsj; k++)
			for (a = 0; a < 4; a++) {
				unsigned v = count[(i * (nsj + 1) + k) * 4 + a];

				if (v > 0 && cell_set(t, row, (k < nsj ? 2 + k * 4 : tcol) + a,
				    cell_printf("%u", v)) != STORE_OK)
					goto out;
			}
		if (card_attendance(st, c, cj, ncj, pupils[i].id, &days) != STORE_OK)
			goto out;
		x = days.days[ATT_ABSENT] + days.days[ATT_EXCUSED] + days.days[ATT_ILL];
		if (x > 0 && cell_set(t, row, tcol - 1, cell_printf("%zu", x)) != STORE_OK)
			goto out;
	}
	if (notes_legend(r) != STORE_OK ||
	    note_add(r, _("%s: whole days missed, on which the pupil missed every lesson."),
	    C_("missed", "Days")) != STORE_OK || notes_printed(st, r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	card_journals_free(cj, ncj);
	free(count);
	free(m);
	free(sj);
	free(pupils);
	return rc;
}
