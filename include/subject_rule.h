/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * subject_rule: a change of a subject's hours or scheme, for the school, a
 * grade or a class, with the period marks it would move shown first.
 *
 * A change recomputes nothing silently: subject_rule_apply() computes every
 * period mark of the classes it reaches before and after the change, in one
 * write transaction, and keeps the change only when none moves or the caller
 * confirmed the moves it was shown. A mark of a closed period never moves.
 */
#ifndef DAPTER_SUBJECT_RULE_H
#define DAPTER_SUBJECT_RULE_H

#include "store.h"

/* One pupil's period mark that the change moves. */
struct rule_change {
	char class_name[STORE_CLASS_MAX + 1];
	char pupil[3 * STORE_NAME_MAX + 3];
	struct period period;
	char before[32], after[32];	/* as grades_mark_text() writes them; "": none */
};

/*
 * Fills r's hours and scheme with those its target (r->class_id, else
 * r->grade of r->start_year, else the school) has of its own now: the
 * subject's for the school, 0 and "" where a grade or class inherits.
 */
int subject_rule_get(struct store *st, const struct subject *s, struct subject_rule *r);

/*
 * Makes r the subject's rule for its target (store_subject_rule_set()).
 * The moved marks come back in *changes (malloc'd; class by class, the
 * marks that go first, then those that come). With moves and without
 * `confirmed`, nothing is changed and *applied is 0; else the change is
 * kept and *applied is 1. A move in a closed period is STORE_CLOSED (the
 * error names it), confirmed or not.
 */
int subject_rule_apply(struct store *st, int64_t subject_id, const struct subject_rule *r,
    int confirmed, struct rule_change **changes, size_t *n, int *applied);

#endif
