/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_year: the deputy head's figures over a period or the year (report
 * quality): pass rate and quality of knowledge per class and subject, per
 * class, per teacher and for the school (assess.h says what each counts).
 *
 * A result is one pupil in one subject: the period mark of the journal
 * page, as `dapter grades` gives it, or the year mark. So the school's
 * counts are the sums of `dapter grades` over every class and subject, which
 * tests/report/quality.sh checks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grades.h"
#include "i18n.h"
#include "report.h"
#include "report_internal.h"

/* One line of figures: a journal, a class, a teacher or the school. */
struct quality_line {
	int64_t class_id;
	char class_name[STORE_CLASS_MAX + 1];
	char subject[STORE_NAME_MAX + 1];
	char teacher[STORE_LOGIN_MAX + 1];	/* login; the name is looked up when printed */
	struct assess_tally tally;
};

/*
 * The period of a subject that matches the period asked for: the same for
 * the same kind; a quarter asks a one-hour subject for the half-year that
 * holds it (q1, q2 -> h1), a half-year asks the others for the quarter
 * that ends it (h1 -> q2).
 */
static int
matching_period(const struct period *sel, const struct period *ps, size_t nps, struct period *out)
{
	int num = sel->num;
	size_t i;

	if (nps == 0)
		return 0;
	if (ps[0].kind == 'h' && sel->kind == 'q')
		num = (sel->num + 1) / 2;
	else if (ps[0].kind == 'q' && sel->kind == 'h')
		num = 2 * sel->num;
	for (i = 0; i < nps; i++)
		if (ps[i].num == num) {
			*out = ps[i];
			return 1;
		}
	return 0;
}

/* Counts one journal page's results: the period's marks, or (sel NULL) the year's. */
static int
journal_tally(struct store *st, const struct class *c, const struct journal *j,
    const struct period *sel, struct assess_tally *t)
{
	struct subject s;
	struct period ps[4], p;
	struct grade_row *g = NULL;
	struct grade_year *y = NULL;
	size_t nps = 0, n = 0, i;
	int rc;

	if ((rc = store_subject_in_class(st, c->id, j->subject_id, &s)) != STORE_OK ||
	    (rc = grades_periods(st, c, &s, ps, &nps)) != STORE_OK)
		return rc;
	if (sel == NULL) {
		if ((rc = grades_year(st, c, &s, j->subgroup, &y, &n)) != STORE_OK)
			return rc;
		for (i = 0; i < n; i++)
			if (y[i].year_mark >= 0)
				assess_tally_add(t, y[i].kind, ASSESS_MARKED, y[i].year_mark);
		free(y);
		return STORE_OK;
	}
	if (!matching_period(sel, ps, nps, &p))
		return STORE_OK;
	if ((rc = grades_compute(st, c, &s, j->subgroup, &p, &g, &n)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++)
		assess_tally_add(t, g[i].kind, g[i].result.status, g[i].result.mark);
	free(g);
	return STORE_OK;
}

/* The line with that key in *lines, added (zeroed) when new; NULL when out of memory. */
static struct quality_line *
line_for(struct quality_line **lines, size_t *n, int64_t class_id, const char *subject,
    const char *teacher)
{
	struct quality_line *grown = NULL;
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*lines)[i].class_id == class_id && strcmp((*lines)[i].subject, subject) == 0 &&
		    strcmp((*lines)[i].teacher, teacher) == 0)
			return &(*lines)[i];
	if ((grown = realloc(*lines, (*n + 1) * sizeof **lines)) == NULL)
		return NULL;
	*lines = grown;
	memset(&grown[*n], 0, sizeof grown[*n]);
	grown[*n].class_id = class_id;
	snprintf(grown[*n].subject, sizeof grown[*n].subject, "%s", subject);
	snprintf(grown[*n].teacher, sizeof grown[*n].teacher, "%s", teacher);
	return &grown[(*n)++];
}

/* The figures' columns after the first `nkey`: counts, then the two percentages. */
#define QUALITY_FIGURES 9

static int
figures_heads(struct report_table *t, size_t first)
{
	const char *heads[QUALITY_FIGURES] = {
		/* L10N: report quality: results counted (pupils x subjects); keep it short. */
		_("Results"), "5", "4", "3", "2", _("pass"), _("fail"), _("n/a"),
		NULL,
	};
	size_t i;

	for (i = 0; i < QUALITY_FIGURES - 1; i++)
		if (col_set(t, first + i, heads[i], NULL, REPORT_RIGHT) != STORE_OK)
			return STORE_FAILED;
	/* L10N: report quality: успеваемость, үлгерім; keep the % and the \n. */
	if (col_set(t, first + i, _("Pass\nrate %"), NULL, REPORT_RIGHT) != STORE_OK ||
	    /* L10N: report quality: качество знаний, білім сапасы; keep the % and the \n. */
	    col_set(t, first + i + 1, _("Quality\n%"), NULL, REPORT_RIGHT) != STORE_OK)
		return STORE_FAILED;
	return STORE_OK;
}

static int
figures_row(struct report_table *t, long row, size_t first, const struct assess_tally *a)
{
	size_t counts[QUALITY_FIGURES - 1], i;
	char pct[32];

	counts[0] = assess_tally_total(a);
	counts[1] = a->marks[5];
	counts[2] = a->marks[4];
	counts[3] = a->marks[3];
	counts[4] = a->marks[2];
	counts[5] = a->pass;
	counts[6] = a->fail;
	counts[7] = a->not_attested + a->not_attested_pf;
	for (i = 0; i < QUALITY_FIGURES - 1; i++)
		if (cell_set(t, row, first + i, cell_printf("%zu", counts[i])) != STORE_OK)
			return STORE_FAILED;
	pct_text(assess_pass_rate(a), pct, sizeof pct);
	if (cell_set(t, row, first + i, cell_text(pct)) != STORE_OK)
		return STORE_FAILED;
	pct_text(assess_quality(a), pct, sizeof pct);
	return cell_set(t, row, first + i + 1, cell_text(pct));
}

/* What names a line: its class, subject and teacher, in this order. */
enum { KEY_CLASS, KEY_SUBJECT, KEY_TEACHER, KEYS };

/*
 * A table of lines named by `nkey` of their keys (fields[] of KEY_*), with
 * the figures after, and a total row when `total` is given.
 */
static int
figures_table(struct store *st, struct report *r, const char *title,
    const struct quality_line *lines, size_t n, const int *fields, size_t nkey,
    const char *total_label, const struct assess_tally *total)
{
	const char *heads[KEYS] = { _("Class"), _("Subject"), _("Teacher") };
	struct report_table *t = NULL;
	struct user u;
	size_t i, k;
	long row;

	if ((t = table_new(r, title, nkey + QUALITY_FIGURES + 1, nkey)) == NULL)
		return STORE_FAILED;
	for (k = 0; k < nkey; k++)
		if (col_set(t, k, heads[fields[k]], NULL, REPORT_LEFT) != STORE_OK)
			return STORE_FAILED;
	if (figures_heads(t, nkey) != STORE_OK)
		return STORE_FAILED;
	for (i = 0; i < n; i++) {
		const char *keys[KEYS] = { lines[i].class_name, lines[i].subject,
			lines[i].teacher };
		const char *name = NULL;

		if ((row = row_add(t)) < 0)
			return STORE_FAILED;
		for (k = 0; k < nkey; k++) {
			name = keys[fields[k]];
			/* The teacher column names the teacher, not her login. */
			if (fields[k] == KEY_TEACHER && name[0] != '\0' &&
			    store_user_find(st, name, &u) == STORE_OK)
				name = u.name;
			if (cell_set(t, row, k, cell_text(name)) != STORE_OK)
				return STORE_FAILED;
		}
		if (figures_row(t, row, nkey, &lines[i].tally) != STORE_OK)
			return STORE_FAILED;
	}
	if (total == NULL)
		return STORE_OK;
	if ((row = row_add(t)) < 0 || cell_set(t, row, 0, cell_text(total_label)) != STORE_OK)
		return STORE_FAILED;
	return figures_row(t, row, nkey, total);
}

int
report_quality_build(struct store *st, const struct class *only, int start_year,
    const struct period *sel, struct report **out)
{
	static const int journal_keys[] = { KEY_CLASS, KEY_SUBJECT, KEY_TEACHER };
	static const int class_keys[] = { KEY_CLASS }, teacher_keys[] = { KEY_TEACHER };
	struct report *r = NULL;
	struct journal *j = NULL;
	struct quality_line *by_journal = NULL, *by_class = NULL, *by_teacher = NULL, *l = NULL;
	struct assess_tally total;
	struct class c;
	size_t nj = 0, nbj = 0, nbc = 0, nbt = 0, i;
	char what[64], label[64];
	int rc = STORE_FAILED;

	*out = NULL;
	memset(&total, 0, sizeof total);
	if (sel != NULL)
		period_name(sel, what, sizeof what);
	else
		/* L10N: report quality over the year marks. */
		snprintf(what, sizeof what, "%s", _("the year"));
	if ((r = report_new("quality")) == NULL || title_school(st, r, only) != STORE_OK ||
	    (only == NULL && title_add(r, _("School year %d-%d"), start_year, start_year + 1) !=
	    STORE_OK) ||
	    /* L10N: title of report quality; %s is "quarter 2", "the year". */
	    title_add(r, _("Pass rate and quality of knowledge: %s"), what) != STORE_OK)
		goto out;
	if ((rc = store_journal_list(st, &j, &nj)) != STORE_OK)
		goto out;
	for (i = 0; i < nj; i++) {
		struct assess_tally t;

		if (only != NULL && j[i].class_id != only->id)
			continue;
		if ((rc = store_class_get(st, j[i].class_id, &c)) != STORE_OK)
			goto out;
		if (c.start_year != start_year)
			continue;
		memset(&t, 0, sizeof t);
		/* A page that breaks the scheme counts nowhere and is named in the report. */
		rc = journal_tally(st, &c, &j[i], sel, &t);
		if (rc == STORE_INVALID && (rc = problem_add(r, store_error(st))) == STORE_OK)
			continue;
		if (rc != STORE_OK)
			goto out;
		rc = STORE_FAILED;
		/* Subgroups of one subject and teacher make one line. */
		if ((l = line_for(&by_journal, &nbj, c.id, j[i].subject_name,
		    j[i].teacher_login)) == NULL)
			goto out;
		snprintf(l->class_name, sizeof l->class_name, "%s", c.name);
		assess_tally_sum(&l->tally, &t);
		if ((l = line_for(&by_class, &nbc, c.id, "", "")) == NULL)
			goto out;
		snprintf(l->class_name, sizeof l->class_name, "%s", c.name);
		assess_tally_sum(&l->tally, &t);
		if ((l = line_for(&by_teacher, &nbt, 0, "", j[i].teacher_login)) == NULL)
			goto out;
		assess_tally_sum(&l->tally, &t);
		assess_tally_sum(&total, &t);
	}
	rc = STORE_FAILED;
	/* L10N: the total row of report quality for a class; %s is "7 Ә". */
	snprintf(label, sizeof label, _("Class %s"), only != NULL ? only->name : "");
	if (figures_table(st, r, _("By class and subject"), by_journal, nbj, journal_keys, 3,
	    only != NULL ? label : NULL, only != NULL ? &total : NULL) != STORE_OK)
		goto out;
	if (only == NULL && figures_table(st, r, _("By class"), by_class, nbc, class_keys, 1,
	    /* L10N: the total row of report quality for the whole school. */
	    _("School"), &total) != STORE_OK)
		goto out;
	if (figures_table(st, r, _("By teacher"), by_teacher, nbt, teacher_keys, 1, NULL, NULL)
	    != STORE_OK)
		goto out;
	if (note_add(r, _("A result is one pupil in one subject. Pass rate: results without a "
	    "2 (5, 4, 3, pass) over all results, not attested included; quality: results of 4 "
	    "and 5 over the results of marked subjects (pass/fail subjects left out)."))
	    != STORE_OK || notes_printed(st, r) != STORE_OK || notes_signatures(r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	free(j);
	free(by_journal);
	free(by_class);
	free(by_teacher);
	return rc;
}

/* The names of the pupils who did not write a work, "Surname Given, ...". */
static int
names_add(char **list, size_t *len, const struct pupil *p)
{
	char name[NAME_MAX_BYTES], *grown = NULL;
	size_t add;

	snprintf(name, sizeof name, "%s %s", p->surname, p->given);
	add = strlen(name) + 2;
	if ((grown = realloc(*list, *len + add + 1)) == NULL)
		return STORE_FAILED;
	snprintf(grown + *len, add + 1, "%s%s", *len > 0 ? ", " : "", name);
	*len += strlen(grown + *len);
	*list = grown;
	return STORE_OK;
}

/* One work's row: levels, mean percent and who did not write it. */
static int
analysis_row(struct report_table *t, const struct assess_scheme *scheme, const struct lesson *l,
    const struct pupil *pupils, size_t np, const struct mark *marks, size_t nm)
{
	size_t levels[3] = { 0, 0, 0 }, wrote = 0, missed_len = 0, i;
	char day[16], pct[32], *missed = NULL;
	const struct mark *m = NULL;
	double sum = 0;
	long row;
	int rc = STORE_FAILED, level;

	for (i = 0; i < np; i++) {
		/* A pupil who left before the work was not there to write it. */
		if (pupils[i].left[0] != '\0' && strcmp(pupils[i].left, l->date) <= 0)
			continue;
		m = mark_find(marks, nm, l->id, pupils[i].id);
		if (m == NULL || m->value < 0 ||
		    (level = assess_work_level(scheme, m->value, l->max_points)) < 0) {
			if (names_add(&missed, &missed_len, &pupils[i]) != STORE_OK)
				goto out;
			continue;
		}
		levels[level]++;
		wrote++;
		sum += m->value * 100.0 / l->max_points;
	}
	long_date(l->date, day, sizeof day);
	pct_text(wrote > 0 ? sum / (double)wrote : -1, pct, sizeof pct);
	if ((row = row_add(t)) < 0 || cell_set(t, row, 0, cell_text(day)) != STORE_OK ||
	    cell_set(t, row, 1, cell_printf("%s/%d", lesson_kind_label(l->kind),
	    l->max_points)) != STORE_OK ||
	    cell_set(t, row, 2, cell_text(l->topic)) != STORE_OK ||
	    cell_set(t, row, 3, cell_printf("%zu", wrote)) != STORE_OK ||
	    cell_set(t, row, 4, cell_printf("%zu", levels[LEVEL_HIGH])) != STORE_OK ||
	    cell_set(t, row, 5, cell_printf("%zu", levels[LEVEL_MIDDLE])) != STORE_OK ||
	    cell_set(t, row, 6, cell_printf("%zu", levels[LEVEL_LOW])) != STORE_OK ||
	    cell_set(t, row, 7, cell_text(pct)) != STORE_OK ||
	    cell_set(t, row, 8, cell_text(missed != NULL ? missed : "")) != STORE_OK)
		goto out;
	rc = STORE_OK;
out:
	free(missed);
	return rc;
}

int
report_analysis_build(struct store *st, const struct class *c, const struct subject *s,
    int subgroup, const struct period *p, struct report **out)
{
	/* L10N: heads of report analysis; keep the \n where a head takes two lines. */
	const char *heads[] = { N_("Date"), N_("Work"), N_("Topic"), N_("Wrote"),
		N_("High\n85-100 %"), N_("Middle\n40-84 %"), N_("Low\n0-39 %"), N_("Mean %"),
		N_("Did not write") };
	const enum report_align aligns[] = { REPORT_LEFT, REPORT_LEFT, REPORT_LEFT, REPORT_RIGHT,
		REPORT_RIGHT, REPORT_RIGHT, REPORT_RIGHT, REPORT_RIGHT, REPORT_LEFT };
	struct assess_scheme scheme;
	struct report *r = NULL;
	struct report_table *t = NULL;
	struct pupil *pupils = NULL;
	struct lesson *lessons = NULL;
	struct mark *marks = NULL;
	struct grade_row *g = NULL;
	size_t np = 0, nl = 0, nm = 0, ng = 0, i, works = 0;
	char pname[64], buf[NAME_MAX_BYTES];
	int rc;

	*out = NULL;
	if ((rc = store_scheme_for(st, c, s, &scheme)) != STORE_OK ||
	    (rc = store_pupil_list(st, c->id, s->id, subgroup, &pupils, &np)) != STORE_OK ||
	    (rc = store_lesson_list(st, c->id, s->id, subgroup, p, &lessons, &nl)) != STORE_OK ||
	    (rc = store_mark_list(st, c->id, s->id, subgroup, p, &marks, &nm)) != STORE_OK)
		goto out;
	rc = STORE_FAILED;
	period_name(p, pname, sizeof pname);
	if ((r = report_new("analysis")) == NULL || title_school(st, r, c) != STORE_OK ||
	    /* L10N: title of report analysis: the subject, then "quarter 1". */
	    title_add(r, _("Analysis of summative results: %s, %s"), s->name, pname) !=
	    STORE_OK)
		goto out;
	journal_teacher(st, c->id, s->id, subgroup, buf, sizeof buf);
	if (buf[0] != '\0' && title_add(r, _("Teacher: %s"), buf) != STORE_OK)
		goto out;
	if ((t = table_new(r, NULL, sizeof heads / sizeof heads[0], 2)) == NULL)
		goto out;
	for (i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (col_set(t, i, _(heads[i]), NULL, aligns[i]) != STORE_OK)
			goto out;
	/* A page that breaks the scheme is named, not analysed: its points cannot be read. */
	if ((rc = grades_compute(st, c, s, subgroup, p, &g, &ng)) == STORE_INVALID) {
		if ((rc = problem_add(r, store_error(st))) != STORE_OK)
			goto out;
		nl = 0;
	} else if (rc != STORE_OK) {
		goto out;
	}
	rc = STORE_FAILED;
	for (i = 0; i < nl; i++) {
		if (lessons[i].kind == LESSON_REGULAR || lessons[i].max_points <= 0)
			continue;
		if (analysis_row(t, &scheme, &lessons[i], pupils, np, marks, nm) != STORE_OK)
			goto out;
		works++;
	}
	if ((works == 0 && r->nproblems == 0 &&
	    note_add(r, "%s", _("No summative work in this period.")) !=
	    STORE_OK) ||
	    note_add(r, _("Levels by the percent of the work's maximum, rounded as for marks; "
	    "the mean is over the pupils who wrote it.")) != STORE_OK ||
	    notes_printed(st, r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	free(g);
	free(pupils);
	free(lessons);
	free(marks);
	return rc;
}



/* One school day of a pupil: how many lessons she had and missed, and why. */
struct card_day {
	char date[11];
	size_t lessons, missed;
	int ill, excused;
};

int
card_journals_load(struct store *st, const struct class *c, const struct period *p,
    struct card_journal **out, size_t *n)
{
	struct journal *j = NULL;
	struct card_journal *cj = NULL;
	size_t nj = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = class_journals(st, c, &j, &nj)) != STORE_OK)
		goto out;
	if ((cj = calloc(nj > 0 ? nj : 1, sizeof *cj)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	*out = cj;
	for (i = 0; i < nj; i++) {
		if ((rc = store_lesson_list(st, c->id, j[i].subject_id, j[i].subgroup, p,
		    &cj[i].lessons, &cj[i].nl)) != STORE_OK ||
		    (rc = store_mark_list(st, c->id, j[i].subject_id, j[i].subgroup, p,
		    &cj[i].marks, &cj[i].nm)) != STORE_OK ||
		    (rc = store_pupil_list(st, c->id, j[i].subject_id, j[i].subgroup,
		    &cj[i].pupils, &cj[i].np)) != STORE_OK)
			goto out;
		*n = i + 1;
	}
	rc = STORE_OK;
out:
	free(j);
	return rc;
}

void
card_journals_free(struct card_journal *cj, size_t n)
{
	size_t i;

	for (i = 0; cj != NULL && i < n; i++) {
		free(cj[i].lessons);
		free(cj[i].marks);
		free(cj[i].pupils);
	}
	free(cj);
}

static struct card_day *
card_day_for(struct card_day **days, size_t *n, const char *date)
{
	struct card_day *grown = NULL;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*days)[i].date, date) == 0)
			return &(*days)[i];
	if ((grown = realloc(*days, (*n + 1) * sizeof **days)) == NULL)
		return NULL;
	*days = grown;
	memset(&grown[*n], 0, sizeof grown[*n]);
	snprintf(grown[*n].date, sizeof grown[*n].date, "%s", date);
	return &grown[(*n)++];
}

/* Lateness is not a lesson missed: it counts apart and misses no day. */
int
card_attendance(struct store *st, const struct class *c, const struct card_journal *cj,
    size_t ncj, int64_t pupil_id, struct card_attendance *a)
{
	struct card_day *days = NULL, *d = NULL;
	const struct mark *m = NULL;
	size_t ndays = 0, i, k, x;

	memset(a, 0, sizeof *a);
	for (i = 0; i < ncj; i++) {
		for (k = 0; k < cj[i].np && cj[i].pupils[k].id != pupil_id; k++)
			continue;
		if (k == cj[i].np)
			continue;	/* another subgroup's journal */
		for (x = 0; x < cj[i].nl; x++) {
			if ((d = card_day_for(&days, &ndays, cj[i].lessons[x].date)) == NULL) {
				free(days);
				return STORE_FAILED;
			}
			d->lessons++;
			m = mark_find(cj[i].marks, cj[i].nm, cj[i].lessons[x].id, pupil_id);
			if (m == NULL || m->att == ATT_NONE)
				continue;
			a->lessons[m->att]++;
			if (m->att == ATT_LATE)
				continue;
			d->missed++;
			d->ill |= m->att == ATT_ILL;
			d->excused |= m->att == ATT_EXCUSED;
		}
	}
	/* A lesson given on a holiday of the class's grade misses no school day. */
	for (i = 0; i < ndays; i++)
		if (days[i].lessons > 0 && days[i].missed == days[i].lessons &&
		    store_class_day_off(st, c->id, days[i].date) == DAY_SCHOOL)
			a->days[days[i].ill ? ATT_ILL : days[i].excused ? ATT_EXCUSED :
			    ATT_ABSENT]++;
	free(days);
	return STORE_OK;
}

/* One subject of the cards: its journals, its year for every pupil, its periods. */
struct card_subject {
	struct summary_subject ss;
	struct period ps[4];
	size_t nps;
};

/*
 * The marks table of one pupil's card: a row per subject. A card of period
 * `sel` shows the periods that ended by its end, and no year; the year's
 * card (sel NULL) adds the year mark, the exam and the final mark.
 */
static int
card_marks(struct report *r, const struct subject_journals *sj, const struct card_subject *cs,
    size_t nsj, size_t pupil, const struct period *sel)
{
	struct report_table *t = NULL;
	char buf[64], work[64];
	size_t k, x;
	long row;

	/* Subject, four periods (half-years in the first two), year, exam, final. */
	if ((t = table_new(r, _("Marks"), 8, 1)) == NULL ||
	    col_set(t, 0, _("Subject"), NULL, REPORT_LEFT) != STORE_OK ||
	    col_set(t, 5, _("Yr"), NULL, REPORT_CENTER) != STORE_OK ||
	    col_set(t, 6, _("Ex"), NULL, REPORT_CENTER) != STORE_OK ||
	    col_set(t, 7, _("Fin"), NULL, REPORT_CENTER) != STORE_OK)
		return STORE_FAILED;
	for (x = 0; x < 4; x++) {
		snprintf(buf, sizeof buf, "%zu", x + 1);
		if (col_set(t, 1 + x, buf, NULL, REPORT_CENTER) != STORE_OK)
			return STORE_FAILED;
	}
	for (k = 0; k < nsj; k++) {
		const struct year_cell *yc = &cs[k].ss.cells[pupil];
		const struct grade_year *y = &yc->y;

		if (!yc->have)
			continue;
		if ((row = row_add(t)) < 0 ||
		    cell_set(t, row, 0, cell_text(sj[k].subject.name)) != STORE_OK)
			return STORE_FAILED;
		for (x = 0; x < y->nperiods && x < cs[k].nps; x++) {
			if (sel != NULL && strcmp(cs[k].ps[x].ends, sel->ends) > 0)
				break;
			if (cell_set(t, row, 1 + x, cell_text(grades_mark_text(&y->period[x], buf,
			    sizeof buf))) != STORE_OK)
				return STORE_FAILED;
		}
		if (sel != NULL)
			continue;
		work_cell(y, work, sizeof work);
		if (cell_set(t, row, 5, cell_text(grades_year_text(y, buf, sizeof buf))) !=
		    STORE_OK || cell_set(t, row, 6, cell_text(work)) != STORE_OK ||
		    cell_set(t, row, 7, cell_text(y->year_shown ? grades_final_text(y, buf,
		    sizeof buf) : "")) != STORE_OK)
			return STORE_FAILED;
	}
	return STORE_OK;
}

/* The attendance table of one pupil's card: lessons and whole days by reason. */
static int
card_attendance_table(struct report *r, const struct card_attendance *a)
{
	static const enum attendance reasons[] = { ATT_ABSENT, ATT_EXCUSED, ATT_ILL, ATT_LATE };
	const char *names[] = { _("absent"), _("absent for a good reason"), _("ill"), _("late") };
	struct report_table *t = NULL;
	size_t i, lessons = 0, days = 0;
	long row;

	/* L10N: a report card's table of absences. */
	if ((t = table_new(r, _("Missed"), 3, 1)) == NULL ||
	    /* L10N: head of the report card's absence reasons. */
	    col_set(t, 0, _("Reason"), NULL, REPORT_LEFT) != STORE_OK ||
	    /* L10N: the report card's count of lessons missed. */
	    col_set(t, 1, C_("missed", "Lessons"), NULL, REPORT_RIGHT) != STORE_OK ||
	    /* L10N: the report card's count of whole days missed. */
	    col_set(t, 2, C_("missed", "Days"), NULL, REPORT_RIGHT) != STORE_OK)
		return STORE_FAILED;
	for (i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
		enum attendance at = reasons[i];

		if ((row = row_add(t)) < 0 ||
		    cell_set(t, row, 0, cell_printf("%s %s", attendance_label(at), names[i])) !=
		    STORE_OK ||
		    cell_set(t, row, 1, cell_printf("%zu", a->lessons[at])) != STORE_OK ||
		    cell_set(t, row, 2, at == ATT_LATE ? cell_text("") :
		    cell_printf("%zu", a->days[at])) != STORE_OK)
			return STORE_FAILED;
		if (at != ATT_LATE) {
			lessons += a->lessons[at];
			days += a->days[at];
		}
	}
	/* L10N: the report card's total of lessons and days missed (lateness apart). */
	if ((row = row_add(t)) < 0 || cell_set(t, row, 0, cell_text(_("Missed in all"))) !=
	    STORE_OK || cell_set(t, row, 1, cell_printf("%zu", lessons)) != STORE_OK ||
	    cell_set(t, row, 2, cell_printf("%zu", days)) != STORE_OK)
		return STORE_FAILED;
	return STORE_OK;
}

/* One pupil's page. */
static int
card_page(struct store *st, const struct class *c, const struct pupil *pupil,
    const struct subject_journals *sj, const struct card_subject *cs, size_t nsj, size_t index,
    const struct period *sel, const struct card_attendance *a, struct report **out)
{
	struct report *r = NULL;
	char name[NAME_MAX_BYTES], what[64];
	int rc = STORE_FAILED;

	pupil_full_name(pupil, name, sizeof name);
	if (sel != NULL)
		period_name(sel, what, sizeof what);
	else
		snprintf(what, sizeof what, "%s", _("the year"));
	if ((r = report_new("card")) == NULL || title_school(st, r, c) != STORE_OK ||
	    /* L10N: a pupil's report card (табель успеваемости, үлгерім табелі). */
	    title_add(r, _("Report card: %s"), name) != STORE_OK ||
	    /* L10N: the report card's period: "quarter 2", "the year". */
	    title_add(r, _("For %s"), what) != STORE_OK ||
	    title_class_teacher(st, r, c) != STORE_OK ||
	    card_marks(r, sj, cs, nsj, index, sel) != STORE_OK ||
	    card_attendance_table(r, a) != STORE_OK ||
	    feedback_table(st, r, c, sj, nsj, pupil, sel) != STORE_OK ||
	    note_add(r, _("Columns 1-4: quarters, 1-2: half-years; %s: the year mark; %s: the "
	    "year summative work after a year 2, or the exam; %s: the final mark."), _("Yr"),
	    _("Ex"), _("Fin")) != STORE_OK ||
	    notes_printed(st, r) != STORE_OK || notes_signatures(r) != STORE_OK)
		goto out;
	*out = r;
	r = NULL;
	rc = STORE_OK;
out:
	report_free(r);
	return rc;
}

int
report_card_build(struct store *st, const struct class *c, const struct period *sel,
    const struct pupil *only, struct report **out)
{
	struct subject_journals *sj = NULL;
	struct card_subject *cs = NULL;
	struct card_journal *cj = NULL;
	struct pupil *pupils = NULL;
	struct report *head = NULL, **tail = &head, *probs = NULL;
	struct card_attendance a;
	size_t nsj = 0, np = 0, ncj = 0, i, k;
	int rc;

	*out = NULL;
	if ((rc = class_subjects(st, c, &sj, &nsj)) != STORE_OK ||
	    (rc = store_pupil_list(st, c->id, 0, 0, &pupils, &np)) != STORE_OK ||
	    (rc = card_journals_load(st, c, sel, &cj, &ncj)) != STORE_OK)
		goto out;
	/* Pages that break the scheme are named once, on the first card. */
	if ((cs = calloc(nsj > 0 ? nsj : 1, sizeof *cs)) == NULL ||
	    (probs = report_new("card")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	for (k = 0; k < nsj; k++)
		if ((rc = summary_subject_fill(st, probs, c, &sj[k], pupils, np, &cs[k].ss)) !=
		    STORE_OK ||
		    (rc = grades_periods(st, c, &sj[k].subject, cs[k].ps,
		    &cs[k].nps)) != STORE_OK)
			goto out;
	for (i = 0; i < np; i++) {
		if (only != NULL && pupils[i].id != only->id)
			continue;
		if ((rc = card_attendance(st, c, cj, ncj, pupils[i].id, &a)) != STORE_OK ||
		    (rc = card_page(st, c, &pupils[i], sj, cs, nsj, i, sel, &a, tail)) !=
		    STORE_OK)
			goto out;
		tail = &(*tail)->next;
	}
	/* A class without pupils still gets a page that says so. */
	rc = STORE_FAILED;
	if (head == NULL && ((head = report_new("card")) == NULL ||
	    title_school(st, head, c) != STORE_OK ||
	    note_add(head, _("Class %s has no pupils."), c->name) != STORE_OK))
		goto out;
	for (k = 0; k < probs->nproblems; k++)
		if (problem_add(head, probs->problems[k]) != STORE_OK)
			goto out;
	*out = head;
	head = NULL;
	rc = STORE_OK;
out:
	report_free(head);
	report_free(probs);
	for (k = 0; cs != NULL && k < nsj; k++)
		free(cs[k].ss.cells);
	free(cs);
	card_journals_free(cj, ncj);
	free(sj);
	free(pupils);
	return rc;
}
