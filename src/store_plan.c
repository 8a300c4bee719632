/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_plan: the calendar-thematic plans in the store. See plan.h.
 *
 * Why progress is read from the lessons' topics rather than kept in a
 * column of its own: every way a lesson changes (the editor, `lesson set`,
 * `marks import`, a removal) then moves the plan along with no second
 * write to forget, and a topic the teacher typed herself covers nothing.
 * Topics are matched in plan order and each lesson counts once, so a plan
 * that names "Повторение" twice is covered twice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plan.h"
#include "store_internal.h"
#include "text.h"

#define TOPIC_COLUMNS "num, topic, hours, date, homework, section, sor_due"

static void
topic_row(sqlite3_stmt *s, struct plan_topic *t)
{
	memset(t, 0, sizeof *t);
	t->num = sqlite3_column_int(s, 0);
	store_col_text(s, 1, t->topic, sizeof t->topic);
	t->hours = sqlite3_column_int(s, 2);
	store_col_text(s, 3, t->date, sizeof t->date);
	store_col_text(s, 4, t->homework, sizeof t->homework);
	store_col_text(s, 5, t->section, sizeof t->section);
	t->sor_due = sqlite3_column_int(s, 6);
}

static int
topic_list(struct store *st, int64_t plan_id, struct plan_topic **rows, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " TOPIC_COLUMNS " FROM plan_topic"
	    " WHERE plan_id = ? ORDER BY num");
	struct plan_topic *t = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((t = store_grow(st, (void **)rows, n, sizeof *t)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		topic_row(s, t);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/* The audit text of a topic: every field, one per line. */
static void
topic_describe(const struct plan_topic *t, char *out, size_t outsize)
{
	snprintf(out, outsize, "topic=%s\nhours=%d\ndate=%s\nhomework=%s\nsection=%s\nsor_due=%d",
	    t->topic, t->hours, t->date, t->homework, t->section, t->sor_due);
}

/*
 * The plan's row of `owner` in `subject_id` in year `year_id`: *id, or 0
 * when it has none.
 */
static int
plan_id_of(struct store *st, const struct plan_owner *owner, int64_t year_id, int64_t subject_id,
    int64_t *id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM plan WHERE year_id = ? AND grade = ?"
	    " AND ifnull(class_id, 0) = ? AND subject_id = ?");
	int step;

	*id = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, year_id);
	sqlite3_bind_int(s, 2, owner->grade);
	sqlite3_bind_int64(s, 3, owner->class_id);
	sqlite3_bind_int64(s, 4, subject_id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/*
 * Who writes a plan: the admin and the head, who keep the school's plans,
 * and a teacher of the subject in the class, or for a grade's plan in one
 * of the grade's classes: she is the one who prepared it in August.
 */
static int
plan_writer(struct store *st, const struct plan_owner *owner, int64_t subject_id)
{
	sqlite3_stmt *s = NULL;
	int ok;

	if (st->actor.operator || st->actor.role != ROLE_TEACHER)
		return 1;
	if ((s = store_stmt(st, "SELECT 1 FROM assignment a JOIN class c ON c.id = a.class_id"
	    " JOIN year y ON y.id = c.year_id WHERE a.user_id = ?1 AND a.subject_id = ?2"
	    " AND y.start_year = ?3 AND c.grade = ?4 AND (?5 = 0 OR c.id = ?5)")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, st->actor.user_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, owner->start_year);
	sqlite3_bind_int(s, 4, owner->grade);
	sqlite3_bind_int64(s, 5, owner->class_id);
	ok = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return ok;
}

static int
plan_require_writer(struct store *st, const struct plan_owner *owner, int64_t subject_id)
{
	int ok = plan_writer(st, owner, subject_id);

	if (ok < 0)
		return STORE_FAILED;
	if (ok)
		return STORE_OK;
	return store_fail(st, STORE_DENIED, owner->class_id != 0 ?
	    _("Only a teacher of the subject in %s, the head of studies or an administrator may "
	    "change its plan.") : _("Only a teacher of the subject in grade %s, the head of "
	    "studies or an administrator may change its plan."), owner->label);
}

int
store_plan_writable(struct store *st, const struct plan_owner *owner, int64_t subject_id)
{
	return plan_writer(st, owner, subject_id) == 1;
}

/* A topic as it may be stored: texts cleaned, numbers in range. */
static int
topic_check(struct store *st, const struct plan_topic *in, struct plan_topic *out)
{
	int rc;

	*out = *in;
	if (in->num < 1 || in->hours < 1 || in->hours > PLAN_HOURS_MAX)
		return store_fail(st, STORE_INVALID, _("Topic %d: a plan's topic takes 1 to %d "
		    "hours."), in->num, PLAN_HOURS_MAX);
	if (in->date[0] != '\0' && !date_parse(in->date, out->date))
		return store_fail(st, STORE_INVALID, _("Topic %d: the date \"%s\" is no date."),
		    in->num, in->date);
	if ((rc = store_clean_text(st, _("Topic"), in->topic, STORE_TOPIC_MAX, 0, out->topic,
	    sizeof out->topic)) != STORE_OK ||
	    (rc = store_clean_text(st, _("Homework"), in->homework, STORE_HOMEWORK_MAX,
	    TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE, out->homework, sizeof out->homework)) !=
	    STORE_OK ||
	    (rc = store_clean_text(st, _("Section"), in->section, STORE_NAME_MAX,
	    TEXT_ALLOW_EMPTY, out->section, sizeof out->section)) != STORE_OK)
		return rc;
	out->sor_due = in->sor_due != 0;
	return STORE_OK;
}

static int
topic_insert(struct store *st, int64_t plan_id, const struct plan_topic *t)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO plan_topic(plan_id, " TOPIC_COLUMNS ")"
	    " VALUES (?,?,?,?,?,?,?,?)");

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, t->num);
	store_bind_text(s, 3, t->topic);
	sqlite3_bind_int(s, 4, t->hours);
	store_bind_text(s, 5, t->date);
	store_bind_text(s, 6, t->homework);
	store_bind_text(s, 7, t->section);
	sqlite3_bind_int(s, 8, t->sor_due);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail_db(st);
	return STORE_OK;
}

static const struct plan_topic *
topic_by_num(const struct plan_topic *rows, size_t n, int num)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].num == num)
			return &rows[i];
	return NULL;
}

/* Audits topic `num` old -> new when it changed; either may be NULL. */
static int
topic_audit(struct store *st, const char *object_prefix, int num, const struct plan_topic *old,
    const struct plan_topic *new)
{
	char object[STORE_CLASS_MAX + STORE_NAME_MAX + 64];
	char a[STORE_TOPIC_MAX + STORE_HOMEWORK_MAX + STORE_NAME_MAX + 128];
	char b[sizeof a];

	if (old != NULL)
		topic_describe(old, a, sizeof a);
	if (new != NULL)
		topic_describe(new, b, sizeof b);
	if (old != NULL && new != NULL && strcmp(a, b) == 0)
		return STORE_OK;	/* nothing changes: nothing to audit */
	snprintf(object, sizeof object, "%s:%d", object_prefix, num);
	return store_audit_append(st, new == NULL ? "plan.remove" : old == NULL ? "plan.add" :
	    "plan.change", object, old != NULL ? a : NULL, new != NULL ? b : NULL);
}

/* The same topics, numbered alike, in the same order: the plan as it was read. */
static int
topics_same(const struct plan_topic *a, size_t na, const struct plan_topic *b, size_t nb)
{
	char x[STORE_TOPIC_MAX + STORE_HOMEWORK_MAX + STORE_NAME_MAX + 128], y[sizeof x];
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		topic_describe(&a[i], x, sizeof x);
		topic_describe(&b[i], y, sizeof y);
		if (a[i].num != b[i].num || strcmp(x, y) != 0)
			return 0;
	}
	return 1;
}

/*
 * store_plan_replace(), and with `check` store_plan_edit(): the plan stored
 * must still be was[0..nwas), compared inside the write transaction.
 */
static int
plan_replace(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const struct plan_topic *topics, size_t n, int check, const struct plan_topic *was,
    size_t nwas)
{
	struct plan_topic *old = NULL, *clean = NULL;
	sqlite3_stmt *s = NULL;
	char prefix[STORE_CLASS_MAX + STORE_NAME_MAX + 48], subject[STORE_NAME_MAX + 1] = "?";
	int64_t year_id = 0, plan_id = 0;
	size_t nold = 0, i;
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT y.id, s.name FROM year y, subject s"
	    " WHERE y.start_year = ? AND s.id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int(s, 1, owner->start_year);
	sqlite3_bind_int64(s, 2, subject_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		year_id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, subject, sizeof subject);
	}
	sqlite3_reset(s);
	if (year_id == 0) {
		rc = store_fail(st, STORE_NOT_FOUND, _("No such school year or subject."));
		goto out;
	}
	if ((rc = plan_require_writer(st, owner, subject_id)) != STORE_OK)
		goto out;
	if ((clean = calloc(n > 0 ? n : 1, sizeof *clean)) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Out of memory."));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = topic_check(st, &topics[i], &clean[i])) != STORE_OK)
			goto out;
		if (topic_by_num(clean, i, clean[i].num) != NULL) {
			rc = store_fail(st, STORE_INVALID, _("Topic %d is in the plan twice."),
			    clean[i].num);
			goto out;
		}
	}
	if ((rc = plan_id_of(st, owner, year_id, subject_id, &plan_id)) != STORE_OK)
		goto out;
	if (plan_id != 0 && (rc = topic_list(st, plan_id, &old, &nold)) != STORE_OK)
		goto out;
	if (check && !topics_same(old, nold, was, nwas)) {
		rc = store_fail(st, STORE_LOCKED, _("The plan was changed in another session "
		    "meanwhile; nothing was written. Look at it again."));
		goto out;
	}
	/* "7 Ә/Алгебра plan", "grade:7/Алгебра plan": what the audit is searched by. */
	snprintf(prefix, sizeof prefix, "%s%s/%s plan", owner->class_id != 0 ? "" : "grade:",
	    owner->label, subject);
	for (i = 0; i < nold; i++)
		if ((rc = topic_audit(st, prefix, old[i].num, &old[i], topic_by_num(clean, n,
		    old[i].num))) != STORE_OK)
			goto out;
	for (i = 0; i < n; i++)
		if (topic_by_num(old, nold, clean[i].num) == NULL &&
		    (rc = topic_audit(st, prefix, clean[i].num, NULL, &clean[i])) != STORE_OK)
			goto out;
	if (plan_id != 0) {
		if ((s = store_stmt(st, "DELETE FROM plan_topic WHERE plan_id = ?")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int64(s, 1, plan_id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = store_fail_db(st);
			goto out;
		}
	}
	if (n == 0 && plan_id != 0) {
		if ((s = store_stmt(st, "DELETE FROM plan WHERE id = ?")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int64(s, 1, plan_id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail_db(st);
		goto out;
	}
	if (n > 0 && plan_id == 0) {
		if ((s = store_stmt(st, "INSERT INTO plan(year_id, grade, class_id, subject_id)"
		    " VALUES (?, ?, nullif(?, 0), ?)")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int64(s, 1, year_id);
		sqlite3_bind_int(s, 2, owner->grade);
		sqlite3_bind_int64(s, 3, owner->class_id);
		sqlite3_bind_int64(s, 4, subject_id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = store_fail_db(st);
			goto out;
		}
		plan_id = sqlite3_last_insert_rowid(st->db);
	}
	for (i = 0; i < n && rc == STORE_OK; i++)
		rc = topic_insert(st, plan_id, &clean[i]);
out:
	free(old);
	free(clean);
	return store_write_end(st, rc);
}

int
store_plan_replace(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const struct plan_topic *topics, size_t n)
{
	return plan_replace(st, owner, subject_id, topics, n, 0, NULL, 0);
}

int
store_plan_edit(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const struct plan_topic *was, size_t nwas, const struct plan_topic *topics, size_t n)
{
	return plan_replace(st, owner, subject_id, topics, n, 1, was, nwas);
}

/* The plan the journal follows: the class's own, else its grade's of the class's year. */
static int
journal_plan(struct store *st, int64_t class_id, int64_t subject_id, int64_t *plan_id, int *own)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT p.id, p.class_id IS NOT NULL FROM plan p"
	    " JOIN class c ON c.year_id = p.year_id AND c.grade = p.grade"
	    " WHERE c.id = ?1 AND p.subject_id = ?2 AND (p.class_id = ?1 OR p.class_id IS NULL)"
	    " ORDER BY p.class_id IS NULL LIMIT 1");
	int step;

	*plan_id = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		*plan_id = sqlite3_column_int64(s, 0);
		if (own != NULL)
			*own = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (step == SQLITE_DONE)
		return store_fail(st, STORE_NOT_FOUND, _("This journal has no plan. Import one "
		    "with `dapter plan import`."));
	return step == SQLITE_ROW ? STORE_OK : store_fail_db(st);
}

int
store_plan_owner(struct store *st, int64_t class_id, int64_t subject_id,
    struct plan_owner *owner)
{
	struct class c;
	int64_t plan_id = 0;
	int rc, own = 0;

	memset(owner, 0, sizeof *owner);
	if ((rc = store_class_get(st, class_id, &c)) != STORE_OK)
		return rc;
	rc = journal_plan(st, class_id, subject_id, &plan_id, &own);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND)
		return rc;
	owner->grade = c.grade;
	owner->start_year = c.start_year;
	/* No plan yet: the class's own is the one a start would make. */
	if (own || rc == STORE_NOT_FOUND) {
		owner->class_id = c.id;
		snprintf(owner->label, sizeof owner->label, "%s", c.name);
	} else
		snprintf(owner->label, sizeof owner->label, "%d", c.grade);
	return rc;
}

struct covered {
	int64_t id;
	char date[11];
	char *topic;
	int used;
};

int
store_plan_progress(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    struct plan_topic **rows, size_t *n, int *own)
{
	sqlite3_stmt *s = NULL;
	struct covered *lessons = NULL, *l = NULL;
	size_t nlessons = 0, i, k;
	int64_t plan_id = 0;
	int rc, step;

	*rows = NULL;
	*n = 0;
	if ((rc = journal_plan(st, class_id, subject_id, &plan_id, own)) != STORE_OK ||
	    (rc = topic_list(st, plan_id, rows, n)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "SELECT id, date, topic FROM lesson WHERE class_id = ?"
	    " AND subject_id = ? AND subgroup = ? AND topic <> '' ORDER BY date, id")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, subgroup);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((l = store_grow(st, (void **)&lessons, &nlessons, sizeof *l)) == NULL ||
		    (l->topic = strdup((const char *)sqlite3_column_text(s, 2))) == NULL) {
			sqlite3_reset(s);
			rc = store_fail(st, STORE_FAILED, _("Out of memory."));
			goto out;
		}
		l->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, l->date, sizeof l->date);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	/* In plan order, each topic takes the earliest lessons with its text, up to its hours. */
	for (i = 0; i < *n; i++) {
		struct plan_topic *t = &(*rows)[i];

		for (k = 0; k < nlessons && t->done < t->hours; k++) {
			if (lessons[k].used || strcmp(lessons[k].topic, t->topic) != 0)
				continue;
			lessons[k].used = 1;
			t->done++;
			memcpy(t->done_date, lessons[k].date, sizeof t->done_date);
			t->done_lesson = lessons[k].id;
		}
	}
out:
	for (i = 0; i < nlessons; i++)
		free(lessons[i].topic);
	free(lessons);
	if (rc != STORE_OK) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

int
store_plan_next(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    struct plan_topic *out)
{
	struct plan_topic *rows = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = store_plan_progress(st, class_id, subject_id, subgroup, &rows, &n, NULL)) !=
	    STORE_OK)
		return rc;
	rc = store_fail(st, STORE_NOT_FOUND, _("Every topic of the plan has its lessons."));
	for (i = 0; i < n; i++)
		if (rows[i].done < rows[i].hours) {
			*out = rows[i];
			rc = STORE_OK;
			break;
		}
	free(rows);
	return rc;
}

int
store_plan_pace(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const char *today, const struct plan_topic *rows, size_t n, struct plan_pace *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM lesson WHERE class_id = ?"
	    " AND subject_id = ? AND subgroup = ? AND date <= ?");
	int given;

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, subgroup);
	store_bind_text(s, 4, today);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail_db(st);
	}
	given = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	plan_pace(rows, n, given, today, out);
	return STORE_OK;
}

void
plan_pace(const struct plan_topic *rows, size_t n, int given, const char *today,
    struct plan_pace *out)
{
	size_t i, last = 0;

	memset(out, 0, sizeof *out);
	out->given = given;
	for (i = 0; i < n; i++) {
		out->hours += rows[i].hours;
		out->done += rows[i].done;
		/* A plan dated only here and there: every topic up to the last one due counts. */
		if (rows[i].date[0] != '\0') {
			out->dated = 1;
			if (strcmp(rows[i].date, today) <= 0)
				last = i + 1;
		}
	}
	for (i = 0; out->dated && i < last; i++)
		out->planned += rows[i].hours;
	/* Undated: each lesson given should have given an hour of the plan. */
	if (!out->dated)
		out->planned = given;
	out->ahead = out->done - out->planned;
}
