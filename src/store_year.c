/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_year: the pupil's year summative work and exams per subject, the
 * records that, with the period marks, make the final mark (assess.h).
 * They are stored as typed (points of a maximum, or a mark) so that the
 * scheme, not the moment of entry, turns points into a mark.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"

/* Exams are held at the end of grades 5-8 and 10 (Kazakh) and 9, 11, 12 (final). */
#define EXAM_GRADE_MIN 5
/* A work's maximum beyond this is a typing slip, not a paper. */
#define YEAR_WORK_MAX_POINTS 1000

static const char *
kind_name(enum year_work_kind kind)
{
	return kind == YEAR_EXAM ? "exam" : "work";
}

/* The subject's teacher of the pupil's subgroup, the head or the admin. */
static int
require_year_writer(struct store *st, const struct class *c, const struct subject *subj,
    int64_t pupil_id)
{
	sqlite3_stmt *s = NULL;
	int subgroup = 0;

	if (st->actor.role == ROLE_HEAD || st->actor.role == ROLE_ADMIN)
		return STORE_OK;
	if ((s = store_stmt(st, "SELECT subgroup FROM pupil_subgroup WHERE pupil_id = ?"
	    " AND subject_id = ?")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, subj->id);
	if (sqlite3_step(s) == SQLITE_ROW)
		subgroup = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (store_journal_writable(st, c->id, subj->id, subgroup))
		return STORE_OK;
	return store_fail(st, STORE_DENIED,
	    _("This journal is not yours: you may read it but not change it."));
}

/*
 * The year's work and exams follow its last period: once that is closed,
 * the year and final marks are closed too.
 */
static int
require_year_open(struct store *st, const struct class *c, const struct subject *subj)
{
	sqlite3_stmt *s = NULL;
	struct period p;
	char label[32];
	int closed;

	if ((s = store_stmt(st, "SELECT p.closed, p.kind, p.num FROM period p"
	    " JOIN year y ON y.id = p.year_id WHERE y.start_year = ? AND p.kind = ?"
	    " ORDER BY p.num DESC LIMIT 1")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int(s, 1, c->start_year);
	store_bind_text(s, 2, subj->hours == 1 ? "h" : "q");
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, STORE_NOT_FOUND, _("The school year %d-%d has no periods."),
		    c->start_year, c->start_year + 1);
	}
	memset(&p, 0, sizeof p);
	closed = sqlite3_column_int(s, 0);
	p.kind = ((const char *)sqlite3_column_text(s, 1))[0];
	p.num = sqlite3_column_int(s, 2);
	p.start_year = c->start_year;
	sqlite3_reset(s);
	if (!closed)
		return STORE_OK;
	period_name(&p, label, sizeof label);
	return store_fail(st, STORE_CLOSED,
	    _("Period %s is closed: the year and final marks can no longer change. "
	    "The head of studies can reopen it."), label);
}

/* The pupil is (or was) in the class this year. */
static int
require_pupil_in_class(struct store *st, const struct class *c, int64_t pupil_id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT 1 FROM enrolment WHERE pupil_id = ?"
	    " AND class_id = ? LIMIT 1");
	int found;

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, c->id);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found ? STORE_OK :
	    store_fail(st, STORE_NOT_FOUND, _("That pupil is not in class %s."), c->name);
}

/*
 * Binds a row's key (pupil, class, subject, kind) as ?1..?4. The binds
 * fail only for an index out of range or out of memory, which the step
 * that follows reports.
 */
static void
bind_key(sqlite3_stmt *s, int64_t pupil_id, const struct class *c, const struct subject *subj,
    enum year_work_kind kind)
{
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, c->id);
	sqlite3_bind_int64(s, 3, subj->id);
	store_bind_text(s, 4, kind_name(kind));
}

static int
year_work_check(struct store *st, const struct class *c, enum year_work_kind kind,
    int points, int max, int mark)
{
	if (kind == YEAR_EXAM && c->grade < EXAM_GRADE_MIN)
		return store_fail(st, STORE_INVALID,
		    _("Exams are held from grade %d on; %s is grade %d."), EXAM_GRADE_MIN,
		    c->name, c->grade);
	if (c->grade == 1)
		return store_fail(st, STORE_INVALID, _("Grade 1 is not marked."));
	if (points < 0 && mark < 0)
		return STORE_OK;	/* a clear */
	if (points < 0 && (mark < 2 || mark > 5))
		return store_fail(st, STORE_INVALID, _("A mark is 2, 3, 4 or 5."));
	if (points >= 0 && (max <= 0 || max > YEAR_WORK_MAX_POINTS || points > max))
		return store_fail(st, STORE_INVALID,
		    _("Points are 0 to the maximum, and the maximum 1 to %d: %d/%d is neither."),
		    YEAR_WORK_MAX_POINTS, points, max);
	return STORE_OK;
}

static void
year_work_text(int points, int max, int mark, char *out, size_t outsize)
{
	if (points >= 0)
		snprintf(out, outsize, "%d/%d", points, max);
	else
		snprintf(out, outsize, "%d", mark);
}

int
store_year_work_set(struct store *st, const struct class *c, const struct subject *subj,
    int64_t pupil_id, enum year_work_kind kind, int points, int max, int mark)
{
	char before[32] = "", after[32] = "", object[STORE_CLASS_MAX + STORE_NAME_MAX + 64];
	struct subject in_class;
	sqlite3_stmt *s = NULL;
	int had = 0, old_points = -1, old_max = -1, old_mark = -1, rc;

	if (points >= 0)
		mark = -1;
	if ((rc = year_work_check(st, c, kind, points, max, mark)) != STORE_OK)
		return rc;
	/* Every check inside the write: a period closed meanwhile is seen. */
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((rc = require_pupil_in_class(st, c, pupil_id)) != STORE_OK ||
	    (rc = require_year_writer(st, c, subj, pupil_id)) != STORE_OK ||
	    (rc = store_subject_in_class(st, c->id, subj->id, &in_class)) != STORE_OK ||
	    (rc = require_year_open(st, c, &in_class)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "SELECT coalesce(points, -1), coalesce(max_points, -1),"
	    " coalesce(mark, -1) FROM year_work WHERE pupil_id = ? AND class_id = ?"
	    " AND subject_id = ? AND kind = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	bind_key(s, pupil_id, c, subj, kind);
	if (sqlite3_step(s) == SQLITE_ROW) {
		had = 1;
		old_points = sqlite3_column_int(s, 0);
		old_max = sqlite3_column_int(s, 1);
		old_mark = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	if (had && old_points == points && old_mark == mark &&
	    (points < 0 || old_max == max))
		goto out;	/* nothing changes: nothing to write or audit */
	if (!had && points < 0 && mark < 0)
		goto out;
	if (points < 0 && mark < 0)
		s = store_stmt(st, "DELETE FROM year_work WHERE pupil_id = ? AND class_id = ?"
		    " AND subject_id = ? AND kind = ?");
	else
		s = store_stmt(st, "INSERT INTO year_work(pupil_id, class_id, subject_id, kind,"
		    " points, max_points, mark) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO UPDATE"
		    " SET points = excluded.points, max_points = excluded.max_points,"
		    " mark = excluded.mark");
	if (s == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	bind_key(s, pupil_id, c, subj, kind);
	if (points >= 0) {
		sqlite3_bind_int(s, 5, points);
		sqlite3_bind_int(s, 6, max);
	} else if (mark >= 0) {
		sqlite3_bind_int(s, 7, mark);
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (had)
		year_work_text(old_points, old_max, old_mark, before, sizeof before);
	year_work_text(points, max, mark, after, sizeof after);
	snprintf(object, sizeof object, "%s/%s pupil:%lld", c->name, subj->name,
	    (long long)pupil_id);
	rc = store_audit_append(st, kind == YEAR_EXAM ? "exam.set" : "yearwork.set", object,
	    had ? before : NULL, points < 0 && mark < 0 ? NULL : after);
out:
	return store_write_end(st, rc);
}

int
store_year_work_list(struct store *st, int64_t class_id, int64_t subject_id,
    struct year_work **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct year_work *w = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if ((s = store_stmt(st, "SELECT w.pupil_id, w.subject_id, w.kind,"
	    " coalesce(w.points, -1), coalesce(w.max_points, -1), coalesce(w.mark, 0)"
	    " FROM year_work w JOIN pupil p ON p.id = w.pupil_id"
	    " JOIN subject s ON s.id = w.subject_id WHERE w.class_id = ?1"
	    " AND (?2 = 0 OR w.subject_id = ?2) ORDER BY s.name, p.sort_key, w.kind")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((w = store_grow(st, (void **)rows, n, sizeof *w)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		w->pupil_id = sqlite3_column_int64(s, 0);
		w->class_id = class_id;
		w->subject_id = sqlite3_column_int64(s, 1);
		w->kind = strcmp((const char *)sqlite3_column_text(s, 2), "exam") == 0 ?
		    YEAR_EXAM : YEAR_WORK;
		w->points = sqlite3_column_int(s, 3);
		w->max = sqlite3_column_int(s, 4);
		w->mark = sqlite3_column_int(s, 5);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}
