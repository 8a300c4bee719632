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

#endif
