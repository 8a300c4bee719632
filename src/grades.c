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
grades_compute(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, const struct period *p, struct grade_row **rows, size_t *n)
{
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
			char page[STORE_CLASS_MAX + STORE_NAME_MAX + 32];
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
