/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * assess: the period and year results of criterion-based assessment
 * (критериальное оценивание) and of the classic 5-point scheme.
 *
 * The rules are data: a struct assess_scheme is loaded from the database
 * (table scheme), so a change of the ministry's order is an UPDATE, not a
 * release. This module only computes; it never touches the store.
 *
 * Criterion-based, for a quarter:
 *   percent = w_fo  * (mean of ФО marks) / fo_max
 *           + w_sor * (СОр share: pooled by points or by mean of shares)
 *           + w_soch * (СОч points / СОч maximum)
 * with weights in percent (25/25/50). A period without СОч (half-years of
 * one-hour subjects) uses w_fo_nosoch / w_sor_nosoch (50/50).
 * The percent is kept at full precision; only the final value is rounded
 * (half up, 39.5 -> 40) before the thresholds turn it into a mark.
 *
 * Who counts as what:
 * - A summative work with points < 0 was not written by the pupil: it
 *   leaves the pool (its maximum does not count, it is not a zero).
 * - The weights are fixed by the order, so a weighted component with
 *   nothing in it is never spread over the others: no СОр written, no СОч
 *   written (when has_soch), and also no ФО mark at all, each give
 *   ASSESS_NOT_ATTESTED (temporarily not attested), mark 0. The shares that
 *   exist are filled, and percent is their weighted mean over the present
 *   components only, for the teacher's information; it never makes a mark.
 *   A component whose weight is 0 in the scheme is not required.
 * - ASSESS_NO_DATA: the input holds nothing at all (no ФО mark and no
 *   summative work, written or not). Works held but all missed by the
 *   pupil are data: not attested.
 * - Several СОч in one period pool the way the scheme pools the СОр. A
 *   period without СОч (has_soch == 0) leaves out any СОч it is given.
 * - assess_period() returns -1, result cleared to ASSESS_NO_DATA, when a
 *   mark is outside fo_min..fo_max, points exceed the maximum, a maximum
 *   is not above 0, a number is not finite, a classic period comes
 *   with summative works (the caller files those among the marks), or the
 *   scheme itself is unusable (weights negative or not making 100,
 *   thresholds out of order, fo_min above fo_max), or a pointer it needs
 *   is NULL.
 * - ASSESS_UNGRADED gives ASSESS_NO_MARK without looking at the input.
 */
#ifndef DAPTER_ASSESS_H
#define DAPTER_ASSESS_H

#include <stddef.h>

enum assess_kind {
	ASSESS_CRITERIA,	/* ФО 1..fo_max, СОр and СОч as points of a maximum */
	ASSESS_CLASSIC,		/* 5-point marks 2..5 per lesson, period mark = rounded mean */
	ASSESS_PASSFAIL,	/* criteria maths, result is pass (зачёт) / fail */
	ASSESS_UNGRADED,	/* grade 1: no marks at all */
};

enum assess_pool {
	POOL_POINTS,	/* sum of points / sum of maxima */
	POOL_SHARES,	/* mean of (points / maximum) per work */
};

struct assess_scheme {
	enum assess_kind kind;
	enum assess_pool sor_pool;
	int fo_min, fo_max;		/* 1, 10 (classic: 2, 5) */
	double w_fo, w_sor, w_soch;	/* 25, 25, 50 */
	double w_fo_nosoch, w_sor_nosoch; /* 50, 50 */
	double min3, min4, min5;	/* rounded percent that earns 3, 4, 5: 40, 65, 85 */
	double pass_min;		/* pass/fail: rounded percent that passes: 40 */
	double w_work;			/* share of the year summative work in the final: 50 */
	double w_exam;			/* share of the exam in the final: 50 */
};

/* The 2025 defaults above, for tests and for the first migration. */
void assess_scheme_default(struct assess_scheme *s, enum assess_kind kind);

/* One summative work: points earned out of max (points < 0: not written). */
struct assess_work {
	double points;
	double max;
};

struct assess_input {
	const int *fo;			/* ФО (or classic) marks of the period */
	size_t n_fo;
	const struct assess_work *sor;	/* СОр works held in the period */
	size_t n_sor;
	const struct assess_work *soch;	/* СОч works held in the period */
	size_t n_soch;
	int has_soch;			/* 0: a period without СОч (half-year, one-hour subject) */
};

enum assess_status {
	ASSESS_MARKED,		/* mark (and percent) valid */
	ASSESS_NOT_ATTESTED,	/* not attested yet: a component missing */
	ASSESS_NO_DATA,		/* nothing at all recorded */
	ASSESS_NO_MARK,		/* ungraded scheme */
};

struct assess_result {
	enum assess_status status;
	double percent;		/* full precision, or -1 (classic, no data) */
	double fo_pct, sor_pct, soch_pct; /* component shares 0..100, -1 where absent */
	int mark;		/* 2..5; pass/fail: 1 pass, 0 fail; 0 when not marked */
};

/* Computes a period result. Returns 0, or -1 when the input breaks the scheme. */
int assess_period(const struct assess_scheme *s, const struct assess_input *in,
    struct assess_result *out);

/*
 * Mark for a percent under the scheme's thresholds (rounds half up first):
 * 2..5; pass/fail schemes give 1 (pass) or 0; ungraded gives 0.
 */
int assess_mark_for_percent(const struct assess_scheme *s, double percent);

/*
 * Year mark: rounded (half up) mean of the period marks, leaving out the 0s
 * of periods not attested; 0 when no period has a mark.
 */
int assess_year_mark(const int *period_marks, size_t n);

/*
 * The end of the year in one subject (Order 125, para 28).
 *
 * - A year mark of «2» calls for a year summative work; the final mark is
 *   the rounded (half up) mean of the year mark and the work's mark, the
 *   work weighing w_work percent (50: the plain mean of the order).
 * - An exam (the Kazakh-language exam of grades 5-8 and 10, the final
 *   exams of grades 9 and 11) weighs w_exam percent of the final against
 *   the year mark (after a year work, its result). The combination is not
 *   published in the sources we have: 50, the rounded mean, is the
 *   documented default and a scheme setting (scheme.w_exam).
 * - An exam mark of «2» is a retake: nothing is final until it is
 *   rewritten. A year «2» without its work is FINAL_WORK_DUE.
 * - Only marked schemes (criteria, classic) have finals; for pass/fail and
 *   ungraded ones the status is FINAL_NONE and the year stands.
 */
enum assess_final_status {
	FINAL_NONE,		/* no year mark yet, or a scheme without marks */
	FINAL_MARKED,		/* mark valid */
	FINAL_WORK_DUE,		/* year mark «2»: the year summative work is not written */
	FINAL_RETAKE,		/* the exam's mark is «2»: the exam is retaken */
};

struct assess_final_input {
	int year_mark;		/* 2..5, 0: none */
	int work_mark;		/* year summative work 2..5, 0: not written */
	int exam_mark;		/* 2..5, 0: no exam */
};

struct assess_final {
	enum assess_final_status status;
	int mark;		/* 2..5 when FINAL_MARKED, else 0 */
};

/* Returns 0, or -1 (FINAL_NONE) when a mark is outside 0, 2..5 or a weight outside 0..100. */
int assess_final_mark(const struct assess_scheme *s, const struct assess_final_input *in,
    struct assess_final *out);

/*
 * The mark of points out of max (an exam, a year work) by the scheme's
 * percent thresholds: the Kazakh-language exam's 0-11 of 30 is below 40 %,
 * a «2» and a retake; 12 of 30 is 40 %, a «3». -1 for points outside 0..max.
 */
int assess_points_mark(const struct assess_scheme *s, double points, double max);

/* Year marks of «2» in this many subjects or more: the pupil may repeat the year. */
#define ASSESS_REPEAT_TWOS 3

/* 1 when the year marks hold «2» in ASSESS_REPEAT_TWOS subjects or more; decides nothing. */
int assess_repeats_year(const int *year_marks, size_t n);

/*
 * The deputy head's figures (report quality): results counted one per
 * pupil and subject. Pass rate (успеваемость) is the share of results
 * without a «2»: «5», «4», «3» and pass over every result, a not attested
 * pupil counting as not passed yet. Quality of knowledge (качество знаний)
 * is the share of «4» and «5» over the results of marked subjects: pass/fail
 * subjects have no «4» or «5» and stay out of it (their not attested too).
 * Ungraded subjects and "no data" count nowhere.
 */
struct assess_tally {
	size_t marks[6];	/* [2]..[5]: results with that mark */
	size_t pass, fail;	/* pass/fail subjects */
	size_t not_attested;	/* of marked subjects */
	size_t not_attested_pf;	/* of pass/fail subjects */
};

/* Counts one result: kind of the scheme, status and mark as assess_period() gives them. */
void assess_tally_add(struct assess_tally *t, enum assess_kind kind, enum assess_status status,
    int mark);
void assess_tally_sum(struct assess_tally *into, const struct assess_tally *t);
/* Results counted in the pass rate. */
size_t assess_tally_total(const struct assess_tally *t);
/* Percent at full precision, or -1 when nothing is counted. */
double assess_pass_rate(const struct assess_tally *t);
double assess_quality(const struct assess_tally *t);

/*
 * The level of one summative work in the analysis of results (report
 * analysis): high from the scheme's «5» threshold (85 %), middle from its
 * «3» threshold (40 %), low below; the percent rounded half up as a mark's.
 */
enum assess_level { LEVEL_LOW, LEVEL_MIDDLE, LEVEL_HIGH };

/* The level of points out of max, or -1 for points outside 0..max. */
int assess_work_level(const struct assess_scheme *s, double points, double max);

/*
 * Round half up (toward +inf), robust to binary noise: 64.49999999999999
 * computed for 64.5 gives 65, a real 64.4999 gives 64. The tolerance is
 * 1e-11 of the value; assess.c says why.
 */
long assess_round(double x);

#endif
