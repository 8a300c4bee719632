/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * subject_rule: the period marks a change of hours or scheme moves. See
 * subject_rule.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grades.h"
#include "i18n.h"
#include "subject_rule.h"

/* One period mark as it stands, keyed by class, subgroup, pupil and period. */
struct mark_seen {
	int64_t class_id, pupil_id, period_id;
	int subgroup;
	struct rule_change shown;	/* class, pupil, period, and the text in before */
};

struct seen {
	struct mark_seen *rows;
	size_t n, cap;
};

static int
seen_add(struct store *st, struct seen *s, const struct class *c, int subgroup,
    const struct period *p, const struct grade_row *g)
{
	struct mark_seen *m = NULL;
	char buf[32];

	if (s->n == s->cap) {
		size_t cap = s->cap > 0 ? 2 * s->cap : 64;

		if ((m = realloc(s->rows, cap * sizeof *m)) == NULL)
			return store_refuse(st, STORE_FAILED, _("Out of memory."));
		s->rows = m;
		s->cap = cap;
	}
	m = &s->rows[s->n++];
	memset(m, 0, sizeof *m);
	m->class_id = c->id;
	m->pupil_id = g->pupil.id;
	m->period_id = p->id;
	m->subgroup = subgroup;
	snprintf(m->shown.class_name, sizeof m->shown.class_name, "%s", c->name);
	pupil_full_name(&g->pupil, m->shown.pupil, sizeof m->shown.pupil);
	m->shown.period = *p;
	snprintf(m->shown.before, sizeof m->shown.before, "%s",
	    grades_mark_text(g, buf, sizeof buf));
	return STORE_OK;
}

/* The subgroups of the class's journals of the subject; the whole class when none. */
static int
class_subgroups(struct store *st, int64_t class_id, int64_t subject_id, int *out, size_t *n)
{
	struct journal *j = NULL;
	size_t nj = 0, i, k;
	int rc;

	*n = 0;
	if ((rc = store_journal_list(st, &j, &nj)) != STORE_OK)
		goto out;
	for (i = 0; i < nj && *n < 10; i++) {
		if (j[i].class_id != class_id || j[i].subject_id != subject_id)
			continue;
		for (k = 0; k < *n && out[k] != j[i].subgroup; k++)
			;
		if (k == *n)
			out[(*n)++] = j[i].subgroup;
	}
	if (*n == 0)
		out[(*n)++] = 0;
out:
	free(j);
	return rc;
}

/* Every period mark of the classes as the subject is assessed in them now. */
static int
marks_now(struct store *st, int64_t subject_id, const int64_t *ids, size_t nids,
    struct seen *out)
{
	struct grade_row *g = NULL;
	struct subject subj;
	struct period ps[4];
	struct class c;
	int subgroups[10];
	size_t nps = 0, nsub = 0, ng = 0, i, x, k, y;
	int rc = STORE_OK;

	for (i = 0; i < nids && rc == STORE_OK; i++) {
		if ((rc = store_class_get(st, ids[i], &c)) != STORE_OK ||
		    (rc = store_subject_in_class(st, c.id, subject_id, &subj)) != STORE_OK ||
		    (rc = grades_periods(st, &c, &subj, ps, &nps)) != STORE_OK ||
		    (rc = class_subgroups(st, c.id, subject_id, subgroups, &nsub)) != STORE_OK)
			break;
		for (k = 0; k < nsub && rc == STORE_OK; k++)
			for (x = 0; x < nps && rc == STORE_OK; x++) {
				if ((rc = grades_compute(st, &c, &subj, subgroups[k], &ps[x], &g,
				    &ng)) != STORE_OK)
					break;
				for (y = 0; y < ng && rc == STORE_OK; y++)
					rc = seen_add(st, out, &c, subgroups[k], &ps[x], &g[y]);
				free(g);
				g = NULL;
			}
	}
	return rc;
}

static const struct mark_seen *
seen_find(const struct seen *s, const struct mark_seen *m)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->rows[i].class_id == m->class_id && s->rows[i].pupil_id == m->pupil_id &&
		    s->rows[i].period_id == m->period_id && s->rows[i].subgroup == m->subgroup)
			return &s->rows[i];
	return NULL;
}

/* Appends a moved mark: `from` its text before, `to` after ("" where there is none). */
static int
change_add(struct store *st, struct rule_change **rows, size_t *n, const struct mark_seen *m,
    const char *from, const char *to)
{
	struct rule_change *c = NULL;

	if (strcmp(from, to) == 0)
		return STORE_OK;
	if ((c = realloc(*rows, (*n + 1) * sizeof *c)) == NULL)
		return store_refuse(st, STORE_FAILED, _("Out of memory."));
	*rows = c;
	c = &c[(*n)++];
	*c = m->shown;
	snprintf(c->before, sizeof c->before, "%s", from);
	snprintf(c->after, sizeof c->after, "%s", to);
	if (m->shown.period.closed) {
		char label[32];

		period_name(&m->shown.period, label, sizeof label);
		return store_refuse(st, STORE_CLOSED, _("The change would move %s's mark of %s in "
		    "%s, which is closed: its marks can no longer change."), c->pupil, label,
		    c->class_name);
	}
	return STORE_OK;
}

int
subject_rule_get(struct store *st, const struct subject *s, struct subject_rule *r)
{
	struct subject_rule *rules = NULL;
	size_t n = 0, i;
	int rc;

	r->hours = 0;
	r->scheme[0] = '\0';
	if (r->grade == 0 && r->class_id == 0) {
		r->hours = s->hours;
		snprintf(r->scheme, sizeof r->scheme, "%s", s->scheme);
		return STORE_OK;
	}
	if ((rc = store_subject_rule_list(st, s->id, &rules, &n)) != STORE_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((r->class_id != 0 && rules[i].class_id == r->class_id) ||
		    (r->class_id == 0 && rules[i].grade == r->grade &&
		    rules[i].start_year == r->start_year)) {
			r->hours = rules[i].hours;
			snprintf(r->scheme, sizeof r->scheme, "%s", rules[i].scheme);
		}
	free(rules);
	return STORE_OK;
}

int
subject_rule_apply(struct store *st, int64_t subject_id, const struct subject_rule *r,
    int confirmed, struct rule_change **changes, size_t *n, int *applied)
{
	struct seen before = { NULL, 0, 0 }, after = { NULL, 0, 0 };
	const struct mark_seen *m = NULL;
	int64_t *ids = NULL;
	char why[512];
	size_t nids = 0, i;
	int rc, tx = 0;

	*changes = NULL;
	*n = 0;
	*applied = 0;
	/* Before, the change and after in one write: no mark lands in between. */
	if ((rc = store_tx_begin(st)) != STORE_OK)
		goto out;
	tx = 1;
	if ((rc = store_subject_rule_classes(st, subject_id, r, &ids, &nids)) != STORE_OK ||
	    (rc = marks_now(st, subject_id, ids, nids, &before)) != STORE_OK ||
	    (rc = store_subject_rule_set(st, subject_id, r)) != STORE_OK)
		goto out;
	/* Marks given under the old scheme may not fit the new one (a 10 where 5 is the most). */
	if ((rc = marks_now(st, subject_id, ids, nids, &after)) != STORE_OK) {
		snprintf(why, sizeof why, "%s", store_error(st));
		rc = store_refuse(st, rc, _("The marks already given do not fit the change, which "
		    "was not made: %s"), why);
		goto out;
	}
	for (i = 0; i < before.n && rc == STORE_OK; i++)
		rc = change_add(st, changes, n, &before.rows[i], before.rows[i].shown.before,
		    (m = seen_find(&after, &before.rows[i])) != NULL ? m->shown.before : "");
	for (i = 0; i < after.n && rc == STORE_OK; i++)
		if (seen_find(&before, &after.rows[i]) == NULL)
			rc = change_add(st, changes, n, &after.rows[i], "",
			    after.rows[i].shown.before);
	if (rc != STORE_OK || (*n > 0 && !confirmed))
		goto out;
	if ((rc = store_tx_commit(st)) == STORE_OK)
		*applied = 1;
	tx = 0;
out:
	if (tx)
		store_tx_rollback(st);
	free(before.rows);
	free(after.rows);
	free(ids);
	return rc;
}
