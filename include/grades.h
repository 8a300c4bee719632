/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * grades: a journal page's results per pupil, from the store's lessons and
 * marks through the journal's assessment scheme (assess.h).
 */
#ifndef DAPTER_GRADES_H
#define DAPTER_GRADES_H

#include "assess.h"
#include "store.h"

struct grade_row {
	struct pupil pupil;
	struct assess_result result;
	enum assess_kind kind;	/* of the journal's scheme */
};

/*
 * Results of every pupil of the journal for the period, in roster order.
 * A one-hour subject is assessed by half-years without СОч; asking it for a
 * quarter is STORE_INVALID (and the other way round).
 */
int grades_compute(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, const struct period *p, struct grade_row **rows, size_t *n);

/* "4", "н/а" (not attested, translated), "зачёт"/"незачёт", "" for no data. */
const char *grades_mark_text(const struct grade_row *g, char *buf, size_t bufsize);
/* The same for a 5-column cell on screen: short pass/fail words that stay distinct. */
const char *grades_mark_cell(const struct grade_row *g, char *buf, size_t bufsize);

/* The periods a subject is assessed by in a class's year: quarters, or half-years (at most 4). */
int grades_periods(struct store *st, const struct class *c, const struct subject *s,
    struct period *out, size_t *n);

/*
 * A pupil's year in one subject: the period results, the year mark (once
 * the year's last period is over or closed), the year summative work and
 * the exam as recorded, and the final mark they make (assess_final_mark()).
 */
struct grade_year {
	struct pupil pupil;
	enum assess_kind kind;
	struct grade_row period[4];	/* status ASSESS_NO_DATA where nothing is recorded */
	size_t nperiods;
	int year_shown;		/* the year's last period is over or closed */
	int year_mark;		/* 2..5 (pass/fail: 1 pass, 0 fail), -1: none */
	int work_mark, exam_mark;	/* 2..5, 0: none */
	struct year_work work, exam;	/* as recorded; mark 0 and points -1 when none */
	struct assess_final final;
};

/* Every pupil of the journal page, in roster order. */
int grades_year(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, struct grade_year **rows, size_t *n);

/* "4", "pass"/"fail", "" while the year goes on. */
const char *grades_year_text(const struct grade_year *y, char *buf, size_t bufsize);
/* "18/30 (4)", "3" or "" for a work or exam. */
const char *grades_work_text(const struct year_work *w, int mark, char *buf, size_t bufsize);
/* "4", "work due", "retake", the year's text for pass/fail, or "". */
const char *grades_final_text(const struct grade_year *y, char *buf, size_t bufsize);

#endif
