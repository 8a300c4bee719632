/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * assess: period and year results. See assess.h.
 *
 * The rule is the criterion-based assessment of Order No. 125 of the
 * Minister of Education (Типовые правила текущего контроля успеваемости,
 * промежуточной и итоговой аттестации), as amended: a quarter's percent is
 * 25 % of the ФО mean over the ФО maximum, 25 % of the СОр share and 50 %
 * of the СОч share; a half-year of a one-hour subject has no СОч and counts
 * ФО and СОр 50/50; the rounded percent earns 2 below 40, 3 from 40, 4 from
 * 65 and 5 from 85. Every number here comes from struct assess_scheme, so a
 * new amendment is a row in the database, not a release.
 *
 * The percent is carried at full precision and rounded once, half up, at
 * the very end: rounding each component first would move pupils across a
 * threshold (20.4 + 19.4 + 24.7 = 64.5 is a 4; rounded one by one,
 * 20 + 19 + 25 = 64 is a 3). Binary doubles cannot hold most shares
 * exactly (1/3, 0.1), so a percent that is 64.5 on paper may come out as
 * 64.49999999999999 and would round down to 64, a 3 instead of a 4.
 * assess_round() therefore adds a tolerance of 1e-11 of the value before
 * it takes the floor. Why that size: the noise of the dozen
 * operations behind a percent of at most 100 is a few units in the last
 * place, about 1e-13; a percent that is truly below a half is below it by
 * at least 1/(2q), q being the common denominator of the shares (lessons x
 * ФО maximum x СОр maxima x СОч maximum). For a real journal (40 lessons,
 * СОр maxima summing to a few hundred, a СОч out of 100) q is about 1e7 and
 * the gap at least about 5e-8; shares of maxima with no common factor push
 * q higher, which is why the tolerance is no larger. At most 1e-9 on
 * 0..100, it sits far from both: noise rounds up, a real 39.4998 stays 39.
 * Means of whole marks (classic periods, the year mark) are rounded in
 * integer arithmetic and need no tolerance at all.
 */
#include <limits.h>
#include <math.h>

#include "assess.h"

/* Relative tolerance of assess_round(); see the comment at the top. */
#define ASSESS_ROUND_EPS 1e-11

/* A component that is not there: no ФО mark, no written work. */
#define ABSENT (-1.0)

void
assess_scheme_default(struct assess_scheme *s, enum assess_kind kind)
{
	s->kind = kind;
	s->sor_pool = POOL_POINTS;
	s->fo_min = 1;
	s->fo_max = 10;
	s->w_fo = 25;
	s->w_sor = 25;
	s->w_soch = 50;
	s->w_fo_nosoch = 50;
	s->w_sor_nosoch = 50;
	s->min3 = 40;
	s->min4 = 65;
	s->min5 = 85;
	s->pass_min = 40;
	s->w_work = 50;
	s->w_exam = 50;
	if (kind == ASSESS_CLASSIC) {
		s->fo_min = 2;
		s->fo_max = 5;
	}
}

long
assess_round(double x)
{
	double y;

	if (isnan(x))
		return 0;
	y = floor(x + 0.5 + ASSESS_ROUND_EPS * fmax(1.0, fabs(x)));
	if (y >= (double)LONG_MAX)
		return LONG_MAX;
	if (y <= (double)LONG_MIN)
		return LONG_MIN;
	return (long)y;
}

/* Half-up mean of n positive whole marks, exactly: floor(sum / n + 1/2). */
static int
mean_marks(long long sum, long long n)
{
	return (int)((2 * sum + n) / (2 * n));
}

int
assess_mark_for_percent(const struct assess_scheme *s, double percent)
{
	double r = (double)assess_round(percent);

	switch (s->kind) {
	case ASSESS_UNGRADED:
		return 0;
	case ASSESS_PASSFAIL:
		return r >= s->pass_min ? 1 : 0;
	case ASSESS_CRITERIA:
	case ASSESS_CLASSIC:
		break;
	}
	if (r >= s->min5)
		return 5;
	if (r >= s->min4)
		return 4;
	if (r >= s->min3)
		return 3;
	return 2;
}

int
assess_year_mark(const int *period_marks, size_t n)
{
	long long sum = 0, count = 0;
	size_t i;

	if (period_marks == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		/* 0 is a period that was not attested: it does not count. */
		if (period_marks[i] <= 0)
			continue;
		sum += period_marks[i];
		count++;
	}
	if (count == 0)
		return 0;
	return mean_marks(sum, count);
}

/* Weights are usable when none is negative and together they make 100. */
static int
weights_valid(double a, double b, double c)
{
	if (!isfinite(a) || !isfinite(b) || !isfinite(c))
		return 0;
	if (a < 0 || b < 0 || c < 0)
		return 0;
	return fabs(a + b + c - 100.0) <= 1e-9;
}

/* The scheme comes from the database: check it before trusting it. */
static int
scheme_valid(const struct assess_scheme *s)
{
	if (s->fo_min > s->fo_max || s->fo_max <= 0)
		return 0;
	if (s->kind == ASSESS_CLASSIC || s->kind == ASSESS_UNGRADED)
		return 1;
	if (!weights_valid(s->w_fo, s->w_sor, s->w_soch) ||
	    !weights_valid(s->w_fo_nosoch, s->w_sor_nosoch, 0))
		return 0;
	if (!isfinite(s->min3) || !isfinite(s->min4) || !isfinite(s->min5) ||
	    !isfinite(s->pass_min))
		return 0;
	return s->min3 <= s->min4 && s->min4 <= s->min5;
}

static int
fo_valid(const struct assess_scheme *s, const struct assess_input *in)
{
	size_t i;

	if (in->n_fo > 0 && in->fo == NULL)
		return 0;
	for (i = 0; i < in->n_fo; i++) {
		if (in->fo[i] < s->fo_min || in->fo[i] > s->fo_max)
			return 0;
	}
	return 1;
}

static int
works_valid(const struct assess_work *w, size_t n)
{
	size_t i;

	if (n > 0 && w == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isfinite(w[i].points) || !isfinite(w[i].max))
			return 0;
		if (w[i].max <= 0 || w[i].points > w[i].max)
			return 0;
	}
	return 1;
}

/*
 * The share (0..100) of the works the pupil wrote, or ABSENT when none was
 * written. A work not written (points < 0) leaves the pool: it neither
 * adds its maximum nor counts as a zero.
 */
static double
works_share(enum assess_pool pool, const struct assess_work *w, size_t n)
{
	double points = 0, max = 0, shares = 0;
	size_t i, written = 0;

	for (i = 0; i < n; i++) {
		if (w[i].points < 0)
			continue;
		points += w[i].points;
		max += w[i].max;
		shares += w[i].points / w[i].max;
		written++;
	}
	if (written == 0)
		return ABSENT;
	if (pool == POOL_SHARES)
		return shares * 100.0 / (double)written;
	return points * 100.0 / max;
}

static double
fo_share(const struct assess_scheme *s, const struct assess_input *in)
{
	long long sum = 0;
	size_t i;

	if (in->n_fo == 0)
		return ABSENT;
	for (i = 0; i < in->n_fo; i++)
		sum += in->fo[i];
	/* One division: mean / fo_max * 100 without the mean's own error. */
	return (double)sum * 100.0 / ((double)in->n_fo * s->fo_max);
}

static int
period_classic(const struct assess_input *in, struct assess_result *out)
{
	long long sum = 0;
	size_t i;

	/* A classic journal has no summative works: this one is a store bug. */
	if (in->n_sor > 0 || in->n_soch > 0)
		return -1;
	if (in->n_fo == 0)
		return 0;
	for (i = 0; i < in->n_fo; i++)
		sum += in->fo[i];
	out->status = ASSESS_MARKED;
	out->mark = mean_marks(sum, (long long)in->n_fo);
	return 0;
}

/* Criteria and pass/fail: the same maths, a different last step. */
static int
period_criteria(const struct assess_scheme *s, const struct assess_input *in,
    struct assess_result *out)
{
	double comp[3], w[3], sum = 0, wsum = 0;
	int missing = 0;
	size_t i;

	/*
	 * A period without СОч counts only ФО and СОр: a СОч sent for it
	 * (a "soch" lesson in a one-hour subject) is left out, not fatal.
	 */
	if (in->n_fo == 0 && in->n_sor == 0 &&
	    (!in->has_soch || in->n_soch == 0))
		return 0;

	comp[0] = out->fo_pct = fo_share(s, in);
	comp[1] = out->sor_pct = works_share(s->sor_pool, in->sor, in->n_sor);
	if (in->has_soch) {
		/* One СОч a term is the rule; several pool like the СОр. */
		comp[2] = out->soch_pct =
		    works_share(s->sor_pool, in->soch, in->n_soch);
		w[0] = s->w_fo;
		w[1] = s->w_sor;
		w[2] = s->w_soch;
	} else {
		comp[2] = ABSENT;
		w[0] = s->w_fo_nosoch;
		w[1] = s->w_sor_nosoch;
		w[2] = 0;
	}

	/*
	 * The weights are fixed by the order: a component that carries weight
	 * and has nothing in it cannot be replaced by the others, so the
	 * pupil is not attested yet. The percent is still shown, over the
	 * components present, for the teacher's information only.
	 */
	for (i = 0; i < 3; i++) {
		if (comp[i] < 0) {
			if (w[i] > 0)
				missing = 1;
			continue;
		}
		sum += w[i] * comp[i];
		wsum += w[i];
	}
	if (missing) {
		out->status = ASSESS_NOT_ATTESTED;
		out->percent = wsum > 0 ? sum / wsum : ABSENT;
		return 0;
	}
	out->status = ASSESS_MARKED;
	out->percent = sum / 100.0;
	out->mark = assess_mark_for_percent(s, out->percent);
	return 0;
}

int
assess_period(const struct assess_scheme *s, const struct assess_input *in,
    struct assess_result *out)
{
	if (out == NULL)
		return -1;
	out->status = ASSESS_NO_DATA;
	out->percent = out->fo_pct = out->sor_pct = out->soch_pct = ABSENT;
	out->mark = 0;
	if (s == NULL || in == NULL)
		return -1;

	/* Grade 1: no marks, whatever was typed; the store refuses them. */
	if (s->kind == ASSESS_UNGRADED) {
		out->status = ASSESS_NO_MARK;
		return 0;
	}
	if (!scheme_valid(s) || !fo_valid(s, in) ||
	    !works_valid(in->sor, in->n_sor) ||
	    !works_valid(in->soch, in->n_soch))
		return -1;
	if (s->kind == ASSESS_CLASSIC)
		return period_classic(in, out);
	return period_criteria(s, in, out);
}

/* 2..5, or 0 for none: what a final's input may hold. */
static int
final_mark_valid(int m)
{
	return m == 0 || (m >= 2 && m <= 5);
}

/* The weighted mean of two marks, rounded half up once. */
static int
mark_blend(int base, int other, double w_other)
{
	return (int)assess_round((base * (100.0 - w_other) + other * w_other) / 100.0);
}

int
assess_final_mark(const struct assess_scheme *s, const struct assess_final_input *in,
    struct assess_final *out)
{
	int mark;

	if (out == NULL)
		return -1;
	out->status = FINAL_NONE;
	out->mark = 0;
	if (s == NULL || in == NULL)
		return -1;
	/* Pass/fail and ungraded subjects end with their year: no marks to combine. */
	if (s->kind != ASSESS_CRITERIA && s->kind != ASSESS_CLASSIC)
		return 0;
	if (!final_mark_valid(in->year_mark) ||
	    !final_mark_valid(in->work_mark) || !final_mark_valid(in->exam_mark) ||
	    !isfinite(s->w_work) || !isfinite(s->w_exam) || s->w_work < 0 ||
	    s->w_work > 100 || s->w_exam < 0 || s->w_exam > 100)
		return -1;
	if (in->year_mark == 0)
		return 0;
	mark = in->year_mark;
	if (mark == 2) {
		if (in->work_mark == 0) {
			out->status = FINAL_WORK_DUE;
			return 0;
		}
		mark = mark_blend(mark, in->work_mark, s->w_work);
	}
	if (in->exam_mark == 2) {
		out->status = FINAL_RETAKE;
		return 0;
	}
	if (in->exam_mark > 0)
		mark = mark_blend(mark, in->exam_mark, s->w_exam);
	out->status = FINAL_MARKED;
	out->mark = mark;
	return 0;
}

int
assess_points_mark(const struct assess_scheme *s, double points, double max)
{
	struct assess_scheme graded;

	if (s == NULL || !isfinite(points) || !isfinite(max) || max <= 0 || points < 0 ||
	    points > max)
		return -1;
	/* An exam is marked 2..5 whatever the subject's own scheme is. */
	graded = *s;
	graded.kind = ASSESS_CRITERIA;
	return assess_mark_for_percent(&graded, points * 100.0 / max);
}

int
assess_repeats_year(const int *year_marks, size_t n)
{
	size_t i, twos = 0;

	if (year_marks == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (year_marks[i] == 2)
			twos++;
	return twos >= ASSESS_REPEAT_TWOS;
}

void
assess_tally_add(struct assess_tally *t, enum assess_kind kind, enum assess_status status,
    int mark)
{
	if (kind == ASSESS_UNGRADED || status == ASSESS_NO_DATA || status == ASSESS_NO_MARK)
		return;
	if (status == ASSESS_NOT_ATTESTED) {
		if (kind == ASSESS_PASSFAIL)
			t->not_attested_pf++;
		else
			t->not_attested++;
		return;
	}
	if (kind == ASSESS_PASSFAIL) {
		if (mark)
			t->pass++;
		else
			t->fail++;
		return;
	}
	if (mark >= 2 && mark <= 5)
		t->marks[mark]++;
}

void
assess_tally_sum(struct assess_tally *into, const struct assess_tally *t)
{
	size_t i;

	for (i = 0; i < 6; i++)
		into->marks[i] += t->marks[i];
	into->pass += t->pass;
	into->fail += t->fail;
	into->not_attested += t->not_attested;
	into->not_attested_pf += t->not_attested_pf;
}

/* Results of marked subjects: the quality's denominator. */
static size_t
tally_marked(const struct assess_tally *t)
{
	return t->marks[2] + t->marks[3] + t->marks[4] + t->marks[5] + t->not_attested;
}

size_t
assess_tally_total(const struct assess_tally *t)
{
	return tally_marked(t) + t->pass + t->fail + t->not_attested_pf;
}

double
assess_pass_rate(const struct assess_tally *t)
{
	size_t total = assess_tally_total(t);

	if (total == 0)
		return -1;
	return (double)(t->marks[3] + t->marks[4] + t->marks[5] + t->pass) * 100.0 /
	    (double)total;
}

double
assess_quality(const struct assess_tally *t)
{
	size_t total = tally_marked(t);

	if (total == 0)
		return -1;
	return (double)(t->marks[4] + t->marks[5]) * 100.0 / (double)total;
}

int
assess_work_level(const struct assess_scheme *s, double points, double max)
{
	double r;

	if (s == NULL || !isfinite(points) || !isfinite(max) || max <= 0 || points < 0 ||
	    points > max)
		return -1;
	r = (double)assess_round(points * 100.0 / max);
	if (r >= s->min5)
		return LEVEL_HIGH;
	if (r >= s->min3)
		return LEVEL_MIDDLE;
	return LEVEL_LOW;
}
