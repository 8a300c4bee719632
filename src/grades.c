/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * grades: collects a journal page's marks into assess_input per pupil and
 * runs the scheme. See grades.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grades.h"
#include "i18n.h"
#include "store_internal.h"

int
grades_compute(struct store *st, const struct class *c, const struct subject *subj_in,
    int subgroup, const struct period *p, struct grade_row **rows, size_t *n)
{
	struct subject in_class, *subj = &in_class;
	struct assess_scheme scheme;
	struct pupil *pupils = NULL;
	struct lesson *lessons = NULL;
	struct mark *marks = NULL;
	struct grade_row *out = NULL;
	struct assess_work *sor = NULL, *soch = NULL;
	int *fo = NULL;
	size_t np = 0, nl = 0, nm = 0, i, j, k;
	int rc;

	*rows = NULL;
	*n = 0;
	/* The hours and scheme of the subject in this class, whatever the caller read. */
	if ((rc = store_subject_in_class(st, c->id, subj_in->id, &in_class)) != STORE_OK)
		return rc;
	if ((subj->hours == 1) != (p->kind == 'h'))
		return store_fail(st, STORE_INVALID, subj->hours == 1 ?
		    _("%s has one lesson a week: it is assessed by half-years (h1, h2).") :
		    _("%s is assessed by quarters (q1..q4), not half-years."), subj->name);
	if ((rc = store_scheme_for(st, c, subj, &scheme)) != STORE_OK ||
	    (rc = store_pupil_list(st, c->id, subj->id, subgroup, &pupils, &np)) != STORE_OK ||
	    (rc = store_lesson_list(st, c->id, subj->id, subgroup, p, &lessons, &nl)) !=
	    STORE_OK ||
	    (rc = store_mark_list(st, c->id, subj->id, subgroup, p, &marks, &nm)) != STORE_OK)
		goto out;
	out = calloc(np > 0 ? np : 1, sizeof *out);
	fo = calloc(nl > 0 ? nl : 1, sizeof *fo);
	sor = calloc(nl > 0 ? nl : 1, sizeof *sor);
	soch = calloc(nl > 0 ? nl : 1, sizeof *soch);
	if (out == NULL || fo == NULL || sor == NULL || soch == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	for (i = 0; i < np; i++) {
		struct assess_input in = { fo, 0, sor, 0, soch, 0, p->kind == 'q' };

		for (j = 0; j < nl; j++) {
			int value = -1;

			/* Marks are few per lesson; a linear scan keeps this simple. */
			for (k = 0; k < nm; k++)
				if (marks[k].lesson_id == lessons[j].id &&
				    marks[k].pupil_id == pupils[i].id) {
					value = marks[k].value;
					break;
				}
			switch (lessons[j].kind) {
			case LESSON_REGULAR:
				if (value >= 0)
					fo[in.n_fo++] = value;
				break;
			case LESSON_SOR:
			case LESSON_SOCH:
				if (scheme.kind == ASSESS_CLASSIC) {
					if (value >= 0)
						fo[in.n_fo++] = value;
					break;
				}
				/* A work held counts even when the pupil missed it. */
				if (lessons[j].kind == LESSON_SOR) {
					sor[in.n_sor].points = value;
					sor[in.n_sor++].max = lessons[j].max_points;
				} else {
					soch[in.n_soch].points = value;
					soch[in.n_soch++].max = lessons[j].max_points;
				}
				break;
			}
		}
		out[i].pupil = pupils[i];
		out[i].kind = scheme.kind;
		if (assess_period(&scheme, &in, &out[i].result) != 0) {
			/*
			 * The store validates every mark; this is data edited behind its
			 * back. Name the page and the mark, so someone can mend it.
			 */
			char page[STORE_CLASS_MAX + STORE_NAME_MAX + 48];
			const struct lesson *bad = NULL;
			int value = -1;

			if (subgroup > 0)
				snprintf(page, sizeof page, "%s %s/%d %d-%c%d", c->name, subj->name,
				    subgroup, p->start_year, p->kind, p->num);
			else
				snprintf(page, sizeof page, "%s %s %d-%c%d", c->name, subj->name,
				    p->start_year, p->kind, p->num);
			for (j = 0; j < nl && bad == NULL; j++) {
				const struct mark *m = mark_find(marks, nm, lessons[j].id,
				    pupils[i].id);
				int points = lessons[j].kind != LESSON_REGULAR &&
				    scheme.kind != ASSESS_CLASSIC;

				if (m != NULL && m->value >= 0 && (points ?
				    m->value > lessons[j].max_points :
				    m->value < scheme.fo_min || m->value > scheme.fo_max)) {
					bad = &lessons[j];
					value = m->value;
				}
			}
			if (bad != NULL)
				rc = store_fail(st, STORE_INVALID, _("%s: the marks of %s %s break "
				    "the assessment scheme (%d on the lesson of %s)."), page,
				    pupils[i].surname, pupils[i].given, value, bad->date);
			else
				rc = store_fail(st, STORE_INVALID, _("%s: the marks of %s %s break "
				    "the assessment scheme."), page, pupils[i].surname,
				    pupils[i].given);
			goto out;
		}
	}
	*rows = out;
	*n = np;
	out = NULL;
	rc = STORE_OK;
out:
	free(out);
	free(fo);
	free(sor);
	free(soch);
	free(pupils);
	free(lessons);
	free(marks);
	return rc;
}

const char *
grades_mark_text(const struct grade_row *g, char *buf, size_t bufsize)
{
	switch (g->result.status) {
	case ASSESS_MARKED:
		if (g->kind == ASSESS_PASSFAIL)
			/* L10N: pass/fail subjects: зачёт / незачёт, сынақ / сынақ емес. */
			return g->result.mark ? _("pass") : _("fail");
		snprintf(buf, bufsize, "%d", g->result.mark);
		return buf;
	/* L10N: "temporarily not attested": н/а in Russian, а/е in Kazakh. */
	case ASSESS_NOT_ATTESTED:
		return _("n/a");
	case ASSESS_NO_DATA:
	case ASSESS_NO_MARK:
		return "";
	}
	return "";
}

const char *
grades_mark_cell(const struct grade_row *g, char *buf, size_t bufsize)
{
	if (g->result.status == ASSESS_MARKED && g->kind == ASSESS_PASSFAIL)
		/*
		 * L10N: pass/fail in a 5-column cell: the two words must differ in
		 * their first 5 letters (өтті / өтпеді, зач. / незач.).
		 */
		return g->result.mark ? C_("cell", "pass") : C_("cell", "fail");
	return grades_mark_text(g, buf, bufsize);
}

int
grades_periods(struct store *st, const struct class *c, const struct subject *s,
    struct period *out, size_t *n)
{
	struct period *all = NULL;
	struct subject in_class;
	size_t nall = 0, i;
	int rc;

	*n = 0;
	if ((rc = store_subject_in_class(st, c->id, s->id, &in_class)) != STORE_OK ||
	    (rc = store_period_list(st, c->start_year, &all, &nall)) != STORE_OK)
		goto out;
	for (i = 0; i < nall && *n < 4; i++)
		if (all[i].kind == (in_class.hours == 1 ? 'h' : 'q'))
			out[(*n)++] = all[i];
out:
	free(all);
	return rc;
}

/* Whether the year mark may be shown: the year's last period is over or closed. */
static int
year_over(const struct period *ps, size_t n)
{
	char today[11];
	size_t i;
	int closed = n > 0;

	store_today(today);
	for (i = 0; i < n; i++)
		if (!ps[i].closed)
			closed = 0;
	return closed || (n > 0 && strcmp(today, ps[n - 1].ends) > 0);
}

/* The year mark from the period results: -1 while none, pass/fail 1 or 0. */
static int
year_mark_of(const struct grade_year *y)
{
	int marks[4] = { 0, 0, 0, 0 }, any = 0, failed = 0;
	size_t i;

	if (!y->year_shown || y->kind == ASSESS_UNGRADED)
		return -1;
	for (i = 0; i < y->nperiods; i++)
		if (y->period[i].result.status == ASSESS_MARKED) {
			marks[i] = y->period[i].result.mark;
			any = 1;
			if (marks[i] == 0)
				failed = 1;
		}
	if (!any)
		return -1;
	if (y->kind == ASSESS_PASSFAIL)
		return !failed;
	return assess_year_mark(marks, y->nperiods);
}

/* The mark of a recorded work or exam: as given, or its points by the scheme. */
static int
work_mark_of(const struct assess_scheme *s, const struct year_work *w)
{
	int m;

	if (w->points >= 0) {
		m = assess_points_mark(s, w->points, w->max);
		return m < 0 ? 0 : m;
	}
	return w->mark;
}

int
grades_year(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, struct grade_year **rows, size_t *n)
{
	struct assess_scheme scheme;
	struct grade_year *out = NULL;
	struct grade_row *g = NULL;
	struct year_work *w = NULL;
	struct period ps[4];
	size_t np = 0, nps = 0, ng = 0, nw = 0, i, x, k;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = grades_periods(st, c, subj, ps, &nps)) != STORE_OK ||
	    (rc = store_scheme_for(st, c, subj, &scheme)) != STORE_OK ||
	    (rc = store_year_work_list(st, c->id, subj->id, &w, &nw)) != STORE_OK)
		goto out;
	for (x = 0; x < nps; x++) {
		if ((rc = grades_compute(st, c, subj, subgroup, &ps[x], &g, &ng)) != STORE_OK)
			goto out;
		/* Every period lists the same roster: the first one sizes the rows. */
		if (out == NULL) {
			np = ng;
			if ((out = calloc(np > 0 ? np : 1, sizeof *out)) == NULL) {
				rc = store_fail(st, STORE_FAILED, _("Out of memory."));
				goto out;
			}
			for (i = 0; i < np; i++) {
				out[i].pupil = g[i].pupil;
				out[i].kind = scheme.kind;
				out[i].nperiods = nps;
				out[i].work.points = out[i].exam.points = -1;
			}
		}
		for (i = 0; i < np; i++) {
			out[i].period[x].pupil = out[i].pupil;
			out[i].period[x].kind = scheme.kind;
			out[i].period[x].result.status = ASSESS_NO_DATA;
			for (k = 0; k < ng; k++)
				if (g[k].pupil.id == out[i].pupil.id)
					out[i].period[x] = g[k];
		}
		free(g);
		g = NULL;
	}
	for (i = 0; i < np; i++) {
		struct grade_year *y = &out[i];
		struct assess_final_input in = { 0, 0, 0 };

		y->year_shown = year_over(ps, nps);
		y->year_mark = year_mark_of(y);
		for (k = 0; k < nw; k++) {
			if (w[k].pupil_id != y->pupil.id)
				continue;
			if (w[k].kind == YEAR_EXAM) {
				y->exam = w[k];
				y->exam_mark = work_mark_of(&scheme, &w[k]);
			} else {
				y->work = w[k];
				y->work_mark = work_mark_of(&scheme, &w[k]);
			}
		}
		if (scheme.kind == ASSESS_CRITERIA || scheme.kind == ASSESS_CLASSIC)
			in.year_mark = y->year_mark > 0 ? y->year_mark : 0;
		in.work_mark = y->work_mark;
		in.exam_mark = y->exam_mark;
		if (assess_final_mark(&scheme, &in, &y->final) != 0) {
			rc = store_fail(st, STORE_INVALID,
			    _("The year of %s %s breaks the assessment scheme."),
			    y->pupil.surname, y->pupil.given);
			goto out;
		}
	}
	*rows = out;
	*n = np;
	out = NULL;
	rc = STORE_OK;
out:
	free(out);
	free(g);
	free(w);
	return rc;
}

const char *
grades_year_text(const struct grade_year *y, char *buf, size_t bufsize)
{
	buf[0] = '\0';
	if (y->year_mark < 0)
		return buf;
	if (y->kind == ASSESS_PASSFAIL)
		return y->year_mark ? _("pass") : _("fail");
	snprintf(buf, bufsize, "%d", y->year_mark);
	return buf;
}

const char *
grades_work_text(const struct year_work *w, int mark, char *buf, size_t bufsize)
{
	buf[0] = '\0';
	if (w->points >= 0)
		snprintf(buf, bufsize, "%d/%d (%d)", w->points, w->max, mark);
	else if (w->mark > 0)
		snprintf(buf, bufsize, "%d", w->mark);
	return buf;
}

const char *
grades_final_text(const struct grade_year *y, char *buf, size_t bufsize)
{
	buf[0] = '\0';
	if (y->kind == ASSESS_PASSFAIL)
		return grades_year_text(y, buf, bufsize);
	switch (y->final.status) {
	case FINAL_MARKED:
		snprintf(buf, bufsize, "%d", y->final.mark);
		return buf;
	case FINAL_WORK_DUE:
		/* L10N: a year «2»: the year summative work is still to write; keep it short. */
		return C_("final", "work due");
	case FINAL_RETAKE:
		/* L10N: an exam marked «2» is retaken; keep it short. */
		return C_("final", "retake");
	case FINAL_NONE:
		break;
	}
	return buf;
}
