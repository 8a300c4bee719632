/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_timetable: the weekly timetable of a class, and the journal page's
 * columns that come from it.
 *
 * A timetable is dated: its rows carry the first day they hold from, and
 * the timetable in force on a day is the class's rows with the latest such
 * day up to it. Setting one from a date replaces the rows from that date
 * on and leaves the past as it was, so the page of a past term still shows
 * the days it had.
 *
 * A timetabled day costs nothing until something is written in it: the
 * page lists it as a lesson with id 0, and the first mark writes the lesson
 * row in the same transaction (store_mark_set_in).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"

/* The rows in force on ?2 for class ?1: the latest valid_from up to it. */
#define IN_FORCE(t) t ".valid_from = (SELECT max(valid_from) FROM timetable"		\
	" WHERE class_id = " t ".class_id AND valid_from <= ?2)"

#define ENTRY_COLUMNS "t.class_id, t.valid_from, t.weekday, t.shift, t.num, t.subject_id,"	\
	" t.subgroup, t.teacher_id, t.room, s.name, u.login, c.name"
#define ENTRY_JOINS " FROM timetable t JOIN subject s ON s.id = t.subject_id"			\
	" JOIN user u ON u.id = t.teacher_id JOIN class c ON c.id = t.class_id"

static void
entry_row(sqlite3_stmt *s, struct timetable_entry *e)
{
	e->class_id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, e->valid_from, sizeof e->valid_from);
	e->weekday = sqlite3_column_int(s, 2);
	e->shift = sqlite3_column_int(s, 3);
	e->num = sqlite3_column_int(s, 4);
	e->subject_id = sqlite3_column_int64(s, 5);
	e->subgroup = sqlite3_column_int(s, 6);
	e->teacher_id = sqlite3_column_int64(s, 7);
	store_col_text(s, 8, e->room, sizeof e->room);
	store_col_text(s, 9, e->subject_name, sizeof e->subject_name);
	store_col_text(s, 10, e->teacher_login, sizeof e->teacher_login);
	store_col_text(s, 11, e->class_name, sizeof e->class_name);
}

/* Steps a bound statement of ENTRY_COLUMNS into a new array. */
static int
entry_rows(struct store *st, sqlite3_stmt *s, struct timetable_entry **rows, size_t *n)
{
	struct timetable_entry *e = NULL;
	int step;

	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((e = store_grow(st, (void **)rows, n, sizeof *e)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		entry_row(s, e);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_timetable_entry_check(struct store *st, struct timetable_entry *e)
{
	sqlite3_stmt *s = NULL;
	struct user u;
	int rc;

	if (e->weekday < 1 || e->weekday > 6)
		return store_fail(st, STORE_INVALID, _("A weekday is 1 (Monday) to 6 (Saturday)."));
	if (e->num < 1 || e->num > TIMETABLE_LESSONS_MAX)
		return store_fail(st, STORE_INVALID, _("A lesson number is 1 to %d."),
		    TIMETABLE_LESSONS_MAX);
	if (e->shift < 1 || e->shift > 2)
		return store_fail(st, STORE_INVALID, _("A shift is 1 or 2."));
	if (e->subgroup < 0 || e->subgroup > 9)
		return store_fail(st, STORE_INVALID, _("A subgroup is a number from 0 to 9."));
	if ((rc = store_clean_text(st, _("Room"), e->room, STORE_ROOM_MAX, TEXT_ALLOW_EMPTY,
	    e->room, sizeof e->room)) != STORE_OK)
		return rc;
	if ((rc = store_user_get(st, e->teacher_id, &u)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT s.name, c.name, EXISTS (SELECT 1 FROM assignment a"
	    " WHERE a.user_id = ?3 AND a.class_id = c.id AND a.subject_id = s.id"
	    " AND a.subgroup = ?4) FROM subject s, class c WHERE s.id = ?1 AND c.id = ?2")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, e->subject_id);
	sqlite3_bind_int64(s, 2, e->class_id);
	sqlite3_bind_int64(s, 3, e->teacher_id);
	sqlite3_bind_int(s, 4, e->subgroup);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, STORE_NOT_FOUND, _("No such subject or class."));
	}
	store_col_text(s, 0, e->subject_name, sizeof e->subject_name);
	store_col_text(s, 1, e->class_name, sizeof e->class_name);
	snprintf(e->teacher_login, sizeof e->teacher_login, "%s", u.login);
	rc = sqlite3_column_int(s, 2) ? STORE_OK : e->subgroup > 0 ?
	    store_fail(st, STORE_INVALID, _("%s does not teach %s (group %d) in %s: assign "
	    "her first (dapter assign %s \"%s\" \"%s\" --subgroup %d)."), u.login,
	    e->subject_name, e->subgroup, e->class_name, u.login, e->class_name,
	    e->subject_name, e->subgroup) :
	    store_fail(st, STORE_INVALID, _("%s does not teach %s in %s: assign her first "
	    "(dapter assign %s \"%s\" \"%s\")."), u.login, e->subject_name, e->class_name,
	    u.login, e->class_name, e->subject_name);
	sqlite3_reset(s);
	return rc;
}

/* The audit text of a timetable, a lesson a line: "weekday shift.num subject/group login room". */
static int
timetable_describe(struct store *st, const struct timetable_entry *rows, size_t n, char **out)
{
	size_t i, len = 0, size = 64 + n * (STORE_NAME_MAX + STORE_LOGIN_MAX + STORE_ROOM_MAX + 32);

	if ((*out = malloc(size)) == NULL)
		return store_fail(st, STORE_FAILED, _("Out of memory."));
	(*out)[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(*out + len, size - len, "%s%d %d.%d %s/%d %s %s",
		    i > 0 ? "\n" : "", rows[i].weekday, rows[i].shift, rows[i].num,
		    rows[i].subject_name, rows[i].subgroup, rows[i].teacher_login, rows[i].room);
	return STORE_OK;
}

/* Two lessons in one place: the same slot, and the same subgroup or the whole class. */
static int
timetable_clash(const struct timetable_entry *a, const struct timetable_entry *b)
{
	return a->weekday == b->weekday && a->shift == b->shift && a->num == b->num &&
	    (a->subgroup == b->subgroup || a->subgroup == 0 || b->subgroup == 0);
}

int
store_timetable_set(struct store *st, int64_t class_id, const char *from,
    struct timetable_entry *rows, size_t n)
{
	struct timetable_entry *old = NULL;
	struct class c;
	sqlite3_stmt *s = NULL;
	char date[11], object[STORE_CLASS_MAX + 48], *before = NULL, *after = NULL;
	char *logged = NULL;
	size_t nold = 0, i, k;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (!date_parse(from, date))
		return store_fail(st, STORE_INVALID,
		    _("The first day \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), from);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* Every check under the write lock: the assignments checked are those kept. */
	if ((rc = store_class_get(st, class_id, &c)) != STORE_OK)
		goto out;
	for (i = 0; i < n; i++) {
		rows[i].class_id = class_id;
		snprintf(rows[i].valid_from, sizeof rows[i].valid_from, "%s", date);
		if ((rc = store_timetable_entry_check(st, &rows[i])) != STORE_OK)
			goto out;
		for (k = 0; k < i; k++)
			if (timetable_clash(&rows[k], &rows[i])) {
				rc = store_fail(st, STORE_INVALID,
				    _("Two lessons at once: %s and %s on weekday %d, lesson %d."),
				    rows[k].subject_name, rows[i].subject_name, rows[i].weekday,
				    rows[i].num);
				goto out;
			}
	}
	if ((rc = store_timetable_on(st, class_id, date, &old, &nold)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "DELETE FROM timetable WHERE class_id = ? AND valid_from >= ?")) ==
	    NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, class_id);
	store_bind_text(s, 2, date);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((s = store_stmt(st, "INSERT INTO timetable(class_id, valid_from, weekday, shift, num,"
	    " subject_id, subgroup, teacher_id, room) VALUES (?,?,?,?,?,?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(s, 1, class_id);
		store_bind_text(s, 2, date);
		sqlite3_bind_int(s, 3, rows[i].weekday);
		sqlite3_bind_int(s, 4, rows[i].shift);
		sqlite3_bind_int(s, 5, rows[i].num);
		sqlite3_bind_int64(s, 6, rows[i].subject_id);
		sqlite3_bind_int(s, 7, rows[i].subgroup);
		sqlite3_bind_int64(s, 8, rows[i].teacher_id);
		store_bind_text(s, 9, rows[i].room);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = store_fail_db(st);
			goto out;
		}
		sqlite3_reset(s);
	}
	if ((rc = timetable_describe(st, old, nold, &before)) != STORE_OK ||
	    (rc = timetable_describe(st, rows, n, &after)) != STORE_OK)
		goto out;
	/* The class's whole timetable after the lessons set: what the replay compares. */
	if ((logged = store_audit_value(st, after, "SELECT char(10) || "
	    STORE_TIMETABLE_STATE("?1"), class_id)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	snprintf(object, sizeof object, "%s timetable from %s", c.name, date);
	rc = store_audit_append(st, "timetable.set", object, nold > 0 ? before : NULL, logged);
out:
	free(old);
	free(before);
	free(after);
	free(logged);
	return store_write_end(st, rc);
}

int
store_timetable_on(struct store *st, int64_t class_id, const char *date,
    struct timetable_entry **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;

	*rows = NULL;
	*n = 0;
	if ((s = store_stmt(st, "SELECT " ENTRY_COLUMNS ENTRY_JOINS " WHERE t.class_id = ?1"
	    " AND " IN_FORCE("t") " ORDER BY t.weekday, t.shift, t.num, t.subgroup")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	store_bind_text(s, 2, date);
	return entry_rows(st, s, rows, n);
}

int
store_timetable_mine(struct store *st, const char *date, struct timetable_entry **rows,
    size_t *n)
{
	sqlite3_stmt *s = NULL;

	*rows = NULL;
	*n = 0;
	/*
	 * Her own lessons and those she substitutes in on that day: a substitute
	 * for two days has the absent teacher's lessons of those days, no more.
	 */
	if ((s = store_stmt(st, "SELECT " ENTRY_COLUMNS ENTRY_JOINS " WHERE (t.teacher_id = ?1"
	    " OR EXISTS (SELECT 1 FROM substitution x WHERE x.user_id = ?1"
	    " AND x.class_id = t.class_id AND x.subject_id = t.subject_id"
	    " AND x.subgroup = t.subgroup AND x.starts <= ?2 AND x.ends >= ?2))"
	    " AND t.weekday = ?3 AND " IN_FORCE("t") " ORDER BY t.shift, t.num, c.grade, c.name"))
	    == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, st->actor.user_id);
	store_bind_text(s, 2, date);
	sqlite3_bind_int(s, 3, date_weekday(date));
	return entry_rows(st, s, rows, n);
}

/* How many lessons of the journal the timetable in force puts on `date`. */
static int
timetabled_count(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const char *date, size_t *count)
{
	sqlite3_stmt *s = NULL;

	*count = 0;
	if ((s = store_stmt(st, "SELECT count(*) FROM timetable t WHERE t.class_id = ?1"
	    " AND t.subject_id = ?3 AND t.subgroup = ?4 AND t.weekday = ?5 AND "
	    IN_FORCE("t"))) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	store_bind_text(s, 2, date);
	sqlite3_bind_int64(s, 3, subject_id);
	sqlite3_bind_int(s, 4, subgroup);
	sqlite3_bind_int(s, 5, date_weekday(date));
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail_db(st);
	}
	*count = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_lesson_page(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, const char *upto, struct lesson **rows, size_t *n)
{
	struct lesson *written = NULL, *l = NULL;
	size_t nw = 0, w = 0, have, want;
	char date[11];
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = store_lesson_list(st, class_id, subject_id, subgroup, p, &written, &nw)) !=
	    STORE_OK)
		return rc;
	for (snprintf(date, sizeof date, "%s", p->starts); strcmp(date, p->ends) <= 0;
	    date_add_days(date, 1, date)) {
		/* The lessons written that day first, in the order they were written. */
		for (have = 0; w < nw && strcmp(written[w].date, date) <= 0; w++) {
			if ((l = store_grow(st, (void **)rows, n, sizeof *l)) == NULL) {
				rc = STORE_FAILED;
				goto out;
			}
			*l = written[w];
			/* A make-up lesson is beside the timetable's, never in its place. */
			have += strcmp(written[w].date, date) == 0 && !written[w].makeup;
		}
		if (strcmp(date, upto) > 0 || store_class_day_off(st, class_id, date) != DAY_SCHOOL)
			continue;
		if ((rc = timetabled_count(st, class_id, subject_id, subgroup, date, &want)) !=
		    STORE_OK)
			goto out;
		for (; have < want; have++) {
			if ((l = store_grow(st, (void **)rows, n, sizeof *l)) == NULL) {
				rc = STORE_FAILED;
				goto out;
			}
			l->class_id = class_id;
			l->subject_id = subject_id;
			l->subgroup = subgroup;
			snprintf(l->date, sizeof l->date, "%s", date);
			l->kind = LESSON_REGULAR;
		}
	}
	/* Lessons after the period's last day cannot be in its list: none are left. */
	rc = STORE_OK;
out:
	if (rc != STORE_OK) {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	free(written);
	return rc;
}

int
store_cell_write_in(struct store *st, struct lesson *l, int empty,
    int (*write)(struct store *st, int64_t lesson_id, const void *arg), const void *arg)
{
	struct lesson added;
	int rc;

	if (l->id != 0)
		return write(st, l->id, arg);
	/* Clearing an empty cell of an unwritten lesson writes nothing. */
	if (empty)
		return STORE_OK;
	added = *l;
	if ((rc = store_tx_begin(st)) != STORE_OK)
		return rc;
	if ((rc = store_lesson_add(st, &added)) != STORE_OK ||
	    (rc = write(st, added.id, arg)) != STORE_OK) {
		store_tx_rollback(st);
		return rc;
	}
	if ((rc = store_tx_commit(st)) != STORE_OK)
		return rc;
	/* The lesson as written: its id, and the topic its plan gave it (plan.h). */
	*l = added;
	return STORE_OK;
}

struct mark_in {
	int64_t pupil_id;
	int value;
	enum attendance att;
};

static int
mark_in_write(struct store *st, int64_t lesson_id, const void *arg)
{
	const struct mark_in *m = arg;

	return store_mark_set(st, lesson_id, m->pupil_id, m->value, m->att);
}

int
store_mark_set_in(struct store *st, struct lesson *l, int64_t pupil_id, int value,
    enum attendance att)
{
	struct mark_in m = { pupil_id, value, att };

	return store_cell_write_in(st, l, value < 0 && att == ATT_NONE, mark_in_write, &m);
}
