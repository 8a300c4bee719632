/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_journal: who teaches what (assignments), lessons and their marks.
 *
 * A journal is class x subject x subgroup; its pages are periods. A mark is
 * checked against the lesson's kind and the journal's scheme, refused in a
 * closed period, and saved with its audit record the moment it is set.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plan.h"
#include "store_internal.h"
#include "text.h"

static int mark_range(struct store *st, const struct lesson *l, int *lo, int *hi, int *points);

/* What an assignment names, looked up for a change of it (admin only). */
static int
assignment_parts(struct store *st, const char *login, int64_t class_id, int64_t subject_id,
    struct user *u, struct class *c, struct subject *subj)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_user_find(st, login, u)) != STORE_OK ||
	    (rc = store_class_get(st, class_id, c)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT s.id, s.name, s.hours, k.name FROM subject s"
	    " JOIN scheme k ON k.id = s.scheme_id WHERE s.id = ?")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, subject_id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, STORE_NOT_FOUND, _("No such subject."));
	}
	store_col_text(s, 1, subj->name, sizeof subj->name);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_assign(struct store *st, const char *login, int64_t class_id, int64_t subject_id,
    int subgroup)
{
	sqlite3_stmt *s = NULL;
	char object[STORE_CLASS_MAX + STORE_NAME_MAX + 16], value[2 * STORE_LOGIN_MAX + 80];
	struct class c;
	struct subject subj;
	struct user u;
	int rc;

	if ((rc = assignment_parts(st, login, class_id, subject_id, &u, &c, &subj)) != STORE_OK)
		return rc;
	if (subgroup < 0 || subgroup > 9)
		return store_fail(st, STORE_INVALID, _("A subgroup is a number from 0 to 9."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO assignment(user_id, class_id, subject_id, subgroup)"
	    " VALUES (?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, u.id);
	sqlite3_bind_int64(s, 2, class_id);
	sqlite3_bind_int64(s, 3, subject_id);
	sqlite3_bind_int(s, 4, subgroup);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("%s teaches this already."), login) :
		    store_fail_db(st);
		goto out;
	}
	snprintf(object, sizeof object, "%s/%s/%d", c.name, subj.name, subgroup);
	/* The row by its ids after the login: the replay's key (STORE_ASSIGNMENT_ROW). */
	snprintf(value, sizeof value, "%s\n" STORE_ASSIGNMENT_ROW, login, u.login,
	    (long long)class_id, (long long)subject_id, subgroup);
	rc = store_audit_append(st, "assign", object, NULL, value);
out:
	return store_write_end(st, rc);
}

int
store_unassign(struct store *st, const char *login, int64_t class_id, int64_t subject_id,
    int subgroup)
{
	sqlite3_stmt *s = NULL;
	char object[STORE_CLASS_MAX + STORE_NAME_MAX + 16], value[2 * STORE_LOGIN_MAX + 80];
	struct class c;
	struct subject subj;
	struct user u;
	int rc;

	if ((rc = assignment_parts(st, login, class_id, subject_id, &u, &c, &subj)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* The journal's lessons and marks stay: they are the class's, not the teacher's. */
	if ((s = store_stmt(st, "DELETE FROM assignment WHERE user_id = ? AND class_id = ?"
	    " AND subject_id = ? AND subgroup = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, u.id);
	sqlite3_bind_int64(s, 2, class_id);
	sqlite3_bind_int64(s, 3, subject_id);
	sqlite3_bind_int(s, 4, subgroup);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		rc = store_fail(st, STORE_NOT_FOUND, _("%s does not teach %s in %s."), login,
		    subj.name, c.name);
		goto out;
	}
	snprintf(object, sizeof object, "%s/%s/%d", c.name, subj.name, subgroup);
	snprintf(value, sizeof value, "%s\n" STORE_ASSIGNMENT_ROW, login, u.login,
	    (long long)class_id, (long long)subject_id, subgroup);
	rc = store_audit_append(st, "unassign", object, value, NULL);
out:
	return store_write_end(st, rc);
}

int
store_substitute_add(struct store *st, const char *login, int64_t class_id,
    int64_t subject_id, int subgroup, const char *starts, const char *ends)
{
	char from[11], to[11], object[STORE_CLASS_MAX + 64], value[2 * STORE_LOGIN_MAX + 160];
	sqlite3_stmt *s = NULL;
	struct class c;
	struct user u;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_user_find(st, login, &u)) != STORE_OK ||
	    (rc = store_class_get(st, class_id, &c)) != STORE_OK)
		return rc;
	if (!date_parse(starts, from) || !date_parse(ends, to) || strcmp(from, to) > 0)
		return store_fail(st, STORE_INVALID,
		    _("Give the first and last day of the substitution, the first not after the last."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* The days lie in the class's school year: a typo of a year would grant years. */
	if ((s = store_stmt(st, "SELECT starts, ends FROM year WHERE start_year = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int(s, 1, c.start_year);
	if (sqlite3_step(s) == SQLITE_ROW) {
		char ys[11], ye[11];

		store_col_text(s, 0, ys, sizeof ys);
		store_col_text(s, 1, ye, sizeof ye);
		sqlite3_reset(s);
		if (strcmp(from, ys) < 0 || strcmp(to, ye) > 0) {
			rc = store_fail(st, STORE_INVALID,
			    _("%s to %s is not inside the school year %d-%d, which runs from %s to %s."),
			    from, to, c.start_year, c.start_year + 1, ys, ye);
			goto out;
		}
	}
	sqlite3_reset(s);
	if ((s = store_stmt(st, "INSERT INTO substitution(user_id, class_id, subject_id, subgroup,"
	    " starts, ends) VALUES (?,?,?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, u.id);
	sqlite3_bind_int64(s, 2, class_id);
	sqlite3_bind_int64(s, 3, subject_id);
	sqlite3_bind_int(s, 4, subgroup);
	store_bind_text(s, 5, from);
	store_bind_text(s, 6, to);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	snprintf(object, sizeof object, "%s subject:%lld/%d", c.name, (long long)subject_id,
	    subgroup);
	/* The row by its id after the first line: the replay's key (STORE_SUBSTITUTION_ROW). */
	snprintf(value, sizeof value, "%s %s..%s\n" STORE_SUBSTITUTION_ROW, login, from, to,
	    (long long)sqlite3_last_insert_rowid(st->db), u.login, (long long)class_id,
	    (long long)subject_id, subgroup, from, to);
	rc = store_audit_append(st, "substitute", object, NULL, value);
out:
	return store_write_end(st, rc);
}

#define SUBSTITUTION_COLUMNS "x.id, u.login, x.class_id, x.subject_id, x.subgroup, c.name," \
	" s.name, x.starts, x.ends"
#define SUBSTITUTION_FROM " FROM substitution x JOIN user u ON u.id = x.user_id" \
	" JOIN class c ON c.id = x.class_id JOIN subject s ON s.id = x.subject_id"

static void
substitution_row(sqlite3_stmt *s, struct substitution *x)
{
	x->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, x->login, sizeof x->login);
	x->class_id = sqlite3_column_int64(s, 2);
	x->subject_id = sqlite3_column_int64(s, 3);
	x->subgroup = sqlite3_column_int(s, 4);
	store_col_text(s, 5, x->class_name, sizeof x->class_name);
	store_col_text(s, 6, x->subject_name, sizeof x->subject_name);
	store_col_text(s, 7, x->starts, sizeof x->starts);
	store_col_text(s, 8, x->ends, sizeof x->ends);
}

int
store_substitution_list(struct store *st, struct substitution **rows, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " SUBSTITUTION_COLUMNS SUBSTITUTION_FROM
	    " WHERE ?1 OR x.user_id = ?2 ORDER BY x.starts, x.id");
	struct substitution *x = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	/* A teacher sees her own substitutions; the head and admins plan them all. */
	sqlite3_bind_int(s, 1, st->actor.role != ROLE_TEACHER);
	sqlite3_bind_int64(s, 2, st->actor.user_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((x = store_grow(st, (void **)rows, n, sizeof *x)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		substitution_row(s, x);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_substitution_remove(struct store *st, int64_t id)
{
	char object[STORE_CLASS_MAX + 64], value[2 * STORE_LOGIN_MAX + 160];
	struct substitution x;
	sqlite3_stmt *s = NULL;
	int rc, step;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT " SUBSTITUTION_COLUMNS SUBSTITUTION_FROM
	    " WHERE x.id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	if ((step = sqlite3_step(s)) != SQLITE_ROW) {
		rc = step == SQLITE_DONE ? store_fail(st, STORE_NOT_FOUND,
		    _("There is no substitution %lld. `dapter substitute list` shows their numbers."),
		    (long long)id) : store_fail_db(st);
		goto out;
	}
	substitution_row(s, &x);
	sqlite3_reset(s);
	if ((s = store_stmt(st, "DELETE FROM substitution WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	/* The same object and value as store_substitute_add() wrote: one search finds both. */
	snprintf(object, sizeof object, "%s subject:%lld/%d", x.class_name,
	    (long long)x.subject_id, x.subgroup);
	snprintf(value, sizeof value, "%s %s..%s\n" STORE_SUBSTITUTION_ROW, x.login, x.starts,
	    x.ends, (long long)x.id, x.login, (long long)x.class_id, (long long)x.subject_id,
	    x.subgroup, x.starts, x.ends);
	rc = store_audit_append(st, "substitute.remove", object, value, NULL);
out:
	return store_write_end(st, rc);
}

int
store_journal_list(struct store *st, struct journal **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct journal *j = NULL;
	char today[11];
	int step;

	*rows = NULL;
	*n = 0;
	/*
	 * Teachers: their own journals and those they substitute in today first,
	 * then every journal of a class they lead. Head and admin: all.
	 */
	if ((s = store_stmt(st, "SELECT a.class_id, a.subject_id, a.subgroup, a.user_id,"
	    " c.name, s.name, u.login, c.grade,"
	    " a.user_id = ?2 OR EXISTS (SELECT 1 FROM substitution x WHERE x.user_id = ?2"
	    "  AND x.class_id = a.class_id AND x.subject_id = a.subject_id"
	    "  AND x.subgroup = a.subgroup AND x.starts <= ?3 AND x.ends >= ?3) AS mine"
	    " FROM assignment a JOIN class c ON c.id = a.class_id"
	    " JOIN subject s ON s.id = a.subject_id JOIN user u ON u.id = a.user_id"
	    " WHERE ?1 OR mine OR c.teacher_id = ?2"
	    " ORDER BY NOT mine, c.grade, c.name, s.name, a.subgroup")) == NULL)
		return STORE_FAILED;
	store_today(today);
	sqlite3_bind_int(s, 1, st->actor.role != ROLE_TEACHER);
	sqlite3_bind_int64(s, 2, st->actor.user_id);
	store_bind_text(s, 3, today);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((j = store_grow(st, (void **)rows, n, sizeof *j)) == NULL)
			return STORE_FAILED;
		j->class_id = sqlite3_column_int64(s, 0);
		j->subject_id = sqlite3_column_int64(s, 1);
		j->subgroup = sqlite3_column_int(s, 2);
		j->teacher_id = sqlite3_column_int64(s, 3);
		store_col_text(s, 4, j->class_name, sizeof j->class_name);
		store_col_text(s, 5, j->subject_name, sizeof j->subject_name);
		store_col_text(s, 6, j->teacher_login, sizeof j->teacher_login);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/*
 * The assigned teacher writes every lesson; a substitute, while her
 * substitution runs, only the lessons dated inside it (a substitute for two
 * days in November must not rewrite the regular teacher's earlier marks).
 * `date` NULL: may she write any lesson of the journal today.
 */
static int
journal_writable_on(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const char *date)
{
	sqlite3_stmt *s = NULL;
	char today[11];
	int ok;

	if (st->actor.operator)
		return 1;
	if ((s = store_stmt(st, "SELECT 1 FROM assignment WHERE user_id = ?1 AND class_id = ?2"
	    " AND subject_id = ?3 AND subgroup = ?4 UNION ALL SELECT 1 FROM substitution"
	    " WHERE user_id = ?1 AND class_id = ?2 AND subject_id = ?3 AND subgroup = ?4"
	    " AND starts <= ?5 AND ends >= ?5 AND starts <= ?6 AND ends >= ?6")) == NULL)
		return 0;
	store_today(today);
	sqlite3_bind_int64(s, 1, st->actor.user_id);
	sqlite3_bind_int64(s, 2, class_id);
	sqlite3_bind_int64(s, 3, subject_id);
	sqlite3_bind_int(s, 4, subgroup);
	store_bind_text(s, 5, today);
	store_bind_text(s, 6, date != NULL ? date : today);
	ok = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return ok;
}

int
store_journal_writable(struct store *st, int64_t class_id, int64_t subject_id, int subgroup)
{
	return journal_writable_on(st, class_id, subject_id, subgroup, NULL);
}

int
store_journal_readable(struct store *st, int64_t class_id, int64_t subject_id, int subgroup)
{
	sqlite3_stmt *s = NULL;
	int ok;

	if (st->actor.role != ROLE_TEACHER || store_journal_writable(st, class_id, subject_id,
	    subgroup))
		return 1;
	if ((s = store_stmt(st, "SELECT 1 FROM class WHERE id = ? AND teacher_id = ?")) == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, st->actor.user_id);
	ok = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return ok;
}

/* May the actor write the journal's lesson of `date`? */
static int
require_writable(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const char *date)
{
	if (journal_writable_on(st, class_id, subject_id, subgroup, date))
		return STORE_OK;
	if (store_journal_writable(st, class_id, subject_id, subgroup))
		return store_fail(st, STORE_DENIED,
		    _("You substitute in this journal on other days: the lesson of %s is not "
		    "yours to change."), date);
	return store_fail(st, STORE_DENIED,
	    _("This journal is not yours: you may read it but not change it."));
}

int
store_lesson_writable(struct store *st, const struct lesson *l)
{
	return require_writable(st, l->class_id, l->subject_id, l->subgroup, l->date);
}

/* The subject's hours in the class decide whether quarters or half-years hold the date. */
static int
lesson_period(struct store *st, int64_t class_id, int64_t subject_id, const char *date,
    struct period *p)
{
	struct subject subj;
	int rc;

	if ((rc = store_subject_in_class(st, class_id, subject_id, &subj)) != STORE_OK)
		return rc;
	return store_period_for_date(st, date, subj.hours == 1 ? 'h' : 'q', p);
}

static int
require_open_period(struct store *st, int64_t class_id, int64_t subject_id, const char *date)
{
	struct period p;
	char label[32];
	int rc;

	if ((rc = lesson_period(st, class_id, subject_id, date, &p)) != STORE_OK)
		return rc == STORE_NOT_FOUND ? STORE_INVALID : rc;
	if (p.closed) {
		/* A teacher reads it on her page: the period's name, not its code. */
		period_name(&p, label, sizeof label);
		return store_fail(st, STORE_CLOSED,
		    _("Period %s is closed: its marks can no longer change. "
		    "The head of studies can reopen it."), label);
	}
	return STORE_OK;
}

/*
 * One session edits a page (DESIGN.md, Locks): a write from any other door
 * (an exec `marks import`, a second login) is refused while a live session of
 * another user holds the page's lock. The user's own sessions may write, as
 * she may take her own lock over; her open page follows by data_version.
 * Called inside the write transaction, so no lock can be taken between the
 * check and the write.
 */
static int
require_page_free(struct store *st, const struct lesson *l)
{
	struct lock_info h;
	struct period p;
	char resource[128];
	int rc;

	if ((rc = lesson_period(st, l->class_id, l->subject_id, l->date, &p)) != STORE_OK)
		return rc == STORE_NOT_FOUND ? STORE_OK : rc;
	journal_resource(resource, sizeof resource, l->class_id, l->subject_id, l->subgroup,
	    p.id);
	rc = store_lock_holder(st, resource, STORE_LOCK_STALE, &h);
	if (rc == STORE_NOT_FOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (strcmp(h.session, st->actor.session) == 0 || strcmp(h.login, st->actor.login) == 0)
		return STORE_OK;
	return store_fail(st, STORE_LOCKED,
	    _("%s is editing this page since %s."), h.name, h.since);
}

void
store_bind_page(sqlite3_stmt *s, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p)
{
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, subgroup);
	store_bind_text(s, 4, p != NULL ? p->starts : "0000-00-00");
	store_bind_text(s, 5, p != NULL ? p->ends : "9999-99-99");
}

const char *
lesson_kind_name(enum lesson_kind kind)
{
	return kind == LESSON_SOR ? "sor" : kind == LESSON_SOCH ? "soch" : "regular";
}

const char *
lesson_kind_label(enum lesson_kind kind)
{
	/*
	 * L10N: lesson kinds. FA: formative (ҚБ, ФО); SA-S: summative for a
	 * section (БЖБ, СОр); SA-T: summative for the term (ТЖБ, СОч).
	 */
	return kind == LESSON_SOR ? _("SA-S") : kind == LESSON_SOCH ? _("SA-T") : _("FA");
}

static enum lesson_kind
lesson_kind_parse(const char *s)
{
	return strcmp(s, "sor") == 0 ? LESSON_SOR : strcmp(s, "soch") == 0 ? LESSON_SOCH :
	    LESSON_REGULAR;
}

/* Validates and normalizes a lesson in place. */
static int
lesson_check(struct store *st, struct lesson *l)
{
	struct subject subj;
	char date[11];
	int rc;

	if (!date_parse(l->date, date))
		return store_fail(st, STORE_INVALID,
		    _("Lesson date \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), l->date);
	memcpy(l->date, date, sizeof date);
	if (l->kind == LESSON_REGULAR)
		l->max_points = 0;
	else if (l->max_points < 1 || l->max_points > 100)
		return store_fail(st, STORE_INVALID,
		    _("A summative work needs its maximum points, 1 to 100."));
	if ((rc = store_clean_text(st, _("Topic"), l->topic, STORE_TOPIC_MAX, TEXT_ALLOW_EMPTY,
	    l->topic, sizeof l->topic)) != STORE_OK ||
	    (rc = store_clean_text(st, _("Homework"), l->homework, STORE_HOMEWORK_MAX,
	    TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE, l->homework, sizeof l->homework)) != STORE_OK)
		return rc;
	if ((rc = require_writable(st, l->class_id, l->subject_id, l->subgroup, l->date)) !=
	    STORE_OK)
		return rc;
	if (l->kind == LESSON_SOCH) {
		if ((rc = store_subject_in_class(st, l->class_id, l->subject_id, &subj)) !=
		    STORE_OK)
			return rc;
		/* One-hour subjects are assessed by half-years without a term summative. */
		if (subj.hours == 1)
			return store_fail(st, STORE_INVALID, _("A one-hour subject has no term "
			    "summative work (СОч); use a section summative (СОр)."));
	}
	return require_open_period(st, l->class_id, l->subject_id, l->date);
}

/* The audit text of a lesson: every field, one per line. */
static void
lesson_describe(const struct lesson *l, char *out, size_t outsize)
{
	snprintf(out, outsize, "date=%s\nkind=%s\nmax=%d\ntopic=%s\nhomework=%s", l->date,
	    lesson_kind_name(l->kind), l->max_points, l->topic, l->homework);
}

/* "7 Ә/Алгебра[/2] lesson:ID DATE": what people search the audit log by. */
static void
lesson_object(struct store *st, const struct lesson *l, char *out, size_t outsize)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT c.name, s.name FROM class c, subject s"
	    " WHERE c.id = ? AND s.id = ?");
	char class_name[STORE_CLASS_MAX + 1] = "?", subject[STORE_NAME_MAX + 1] = "?";
	char group[16] = "";

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, l->class_id);
		sqlite3_bind_int64(s, 2, l->subject_id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			store_col_text(s, 0, class_name, sizeof class_name);
			store_col_text(s, 1, subject, sizeof subject);
		}
		sqlite3_reset(s);
	}
	if (l->subgroup > 0)
		snprintf(group, sizeof group, "/%d", l->subgroup);
	snprintf(out, outsize, "%s/%s%s lesson:%lld %s", class_name, subject, group,
	    (long long)l->id, l->date);
}

/*
 * A lesson first written without a topic takes the journal's next one from
 * its plan, with the plan's homework when it has none (issue 13). Inside
 * the write, so two lessons added at once take two topics.
 */
static int
lesson_plan_topic(struct store *st, struct lesson *l)
{
	struct plan_topic t;
	int rc;

	if (l->topic[0] != '\0')
		return STORE_OK;
	rc = store_plan_next(st, l->class_id, l->subject_id, l->subgroup, &t);
	if (rc == STORE_NOT_FOUND)
		return STORE_OK;	/* no plan, or all of it given: the teacher writes one */
	if (rc != STORE_OK)
		return rc;
	snprintf(l->topic, sizeof l->topic, "%s", t.topic);
	if (l->homework[0] == '\0')
		snprintf(l->homework, sizeof l->homework, "%s", t.homework);
	return STORE_OK;
}

int
store_lesson_add(struct store *st, struct lesson *l)
{
	char desc[STORE_TOPIC_MAX + STORE_HOMEWORK_MAX + 128];
	char object[STORE_CLASS_MAX + STORE_NAME_MAX + 64];
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((rc = lesson_plan_topic(st, l)) != STORE_OK || (rc = lesson_check(st, l)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "INSERT INTO lesson(class_id, subject_id, subgroup, date, kind,"
	    " max_points, topic, homework, makeup) VALUES (?,?,?,?,?,?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, l->class_id);
	sqlite3_bind_int64(s, 2, l->subject_id);
	sqlite3_bind_int(s, 3, l->subgroup);
	store_bind_text(s, 4, l->date);
	store_bind_text(s, 5, lesson_kind_name(l->kind));
	sqlite3_bind_int(s, 6, l->max_points);
	store_bind_text(s, 7, l->topic);
	store_bind_text(s, 8, l->homework);
	sqlite3_bind_int(s, 9, l->makeup != 0);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	l->id = sqlite3_last_insert_rowid(st->db);
	lesson_describe(l, desc, sizeof desc);
	lesson_object(st, l, object, sizeof object);
	/* Said where people search: the page's column that is not the timetable's. */
	if (l->makeup)
		snprintf(object + strlen(object), sizeof object - strlen(object), " make-up");
	rc = store_audit_append(st, "lesson.add", object, NULL, desc);
out:
	return store_write_end(st, rc);
}

#define LESSON_COLUMNS "id, class_id, subject_id, subgroup, date, kind, max_points, topic," \
	" homework, makeup"

static void
lesson_row(sqlite3_stmt *s, struct lesson *l)
{
	l->id = sqlite3_column_int64(s, 0);
	l->class_id = sqlite3_column_int64(s, 1);
	l->subject_id = sqlite3_column_int64(s, 2);
	l->subgroup = sqlite3_column_int(s, 3);
	store_col_text(s, 4, l->date, sizeof l->date);
	l->kind = lesson_kind_parse((const char *)sqlite3_column_text(s, 5));
	l->max_points = sqlite3_column_int(s, 6);
	store_col_text(s, 7, l->topic, sizeof l->topic);
	store_col_text(s, 8, l->homework, sizeof l->homework);
	l->makeup = sqlite3_column_int(s, 9);
}

int
store_lesson_get(struct store *st, int64_t id, struct lesson *out)
{
	sqlite3_stmt *s = store_row_by_id(st, "SELECT " LESSON_COLUMNS " FROM lesson WHERE id = ?",
	    id, _("No such lesson."));

	if (s == NULL)
		return STORE_NOT_FOUND;
	lesson_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

/*
 * The marks of lesson `old` against the lesson as `l` would make it: each
 * must fit (the check of store_mark_set and `marks import`), and a change
 * between formative marks and points is counted in *reinterpreted. Run
 * inside the write transaction, so no mark can slip in between.
 */
static int
lesson_marks_fit(struct store *st, const struct lesson *old, const struct lesson *l,
    size_t *reinterpreted)
{
	sqlite3_stmt *s = NULL;
	int old_lo, old_hi, old_points, lo, hi, points, step, rc;

	*reinterpreted = 0;
	if ((rc = mark_range(st, old, &old_lo, &old_hi, &old_points)) != STORE_OK ||
	    (rc = mark_range(st, l, &lo, &hi, &points)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT p.surname, p.given, m.value FROM mark m"
	    " JOIN pupil p ON p.id = m.pupil_id WHERE m.lesson_id = ? AND m.value IS NOT NULL"
	    " ORDER BY m.value DESC")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, old->id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int value = sqlite3_column_int(s, 2);

		if (value < lo || value > hi) {
			rc = store_fail(st, STORE_INVALID, _("%s %s has %d here, and the lesson "
			    "would take %d to %d: change or clear such marks first."),
			    (const char *)sqlite3_column_text(s, 0),
			    (const char *)sqlite3_column_text(s, 1), value, lo, hi);
			break;
		}
		if (points != old_points)
			(*reinterpreted)++;
	}
	if (rc == STORE_OK && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_fail_db(st);
	sqlite3_reset(s);
	return rc;
}

/* The lesson as `in` would make it, in the stored one's journal: a lesson never moves. */
static int
lesson_as_changed(struct store *st, const struct lesson *in, struct lesson *old,
    struct lesson *l)
{
	int rc;

	*l = *in;
	if ((rc = store_lesson_get(st, in->id, old)) != STORE_OK)
		return rc;
	l->class_id = old->class_id;
	l->subject_id = old->subject_id;
	l->subgroup = old->subgroup;
	return STORE_OK;
}

int
store_lesson_reinterpreted(struct store *st, const struct lesson *in, size_t *n)
{
	struct lesson old, l;
	int rc;

	*n = 0;
	if ((rc = lesson_as_changed(st, in, &old, &l)) != STORE_OK)
		return rc;
	rc = lesson_marks_fit(st, &old, &l, n);
	/* A mark that does not fit is the update's to refuse; here only the count matters. */
	return rc == STORE_INVALID ? STORE_OK : rc;
}

int
store_lesson_update(struct store *st, const struct lesson *in, int flags)
{
	char before[STORE_TOPIC_MAX + STORE_HOMEWORK_MAX + 128];
	char after[sizeof before], object[STORE_CLASS_MAX + STORE_NAME_MAX + 64];
	struct lesson old, l;
	sqlite3_stmt *s = NULL;
	size_t reinterpreted = 0;
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* Every check inside the transaction: the lesson and marks checked are those kept. */
	if ((rc = lesson_as_changed(st, in, &old, &l)) != STORE_OK ||
	    (rc = require_writable(st, old.class_id, old.subject_id, old.subgroup, old.date)) !=
	    STORE_OK ||
	    (rc = require_open_period(st, old.class_id, old.subject_id, old.date)) != STORE_OK ||
	    (rc = lesson_check(st, &l)) != STORE_OK)
		goto out;
	lesson_describe(&old, before, sizeof before);
	lesson_describe(&l, after, sizeof after);
	if (strcmp(before, after) == 0)
		goto out;	/* nothing changes: nothing to write or audit */
	if ((rc = lesson_marks_fit(st, &old, &l, &reinterpreted)) != STORE_OK)
		goto out;
	if (reinterpreted > 0 && !(flags & STORE_LESSON_REINTERPRET)) {
		rc = store_fail(st, STORE_INVALID, old.kind == LESSON_REGULAR ?
		    _("%zu formative marks of this lesson would count as points of its maximum: "
		    "confirm it (--reinterpret-marks), or clear them first.") :
		    _("%zu points of this lesson would count as formative marks: confirm it "
		    "(--reinterpret-marks), or clear them first."), reinterpreted);
		goto out;
	}
	if ((s = store_stmt(st, "UPDATE lesson SET date = ?, kind = ?, max_points = ?,"
	    " topic = ?, homework = ? WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, l.date);
	store_bind_text(s, 2, lesson_kind_name(l.kind));
	sqlite3_bind_int(s, 3, l.max_points);
	store_bind_text(s, 4, l.topic);
	store_bind_text(s, 5, l.homework);
	sqlite3_bind_int64(s, 6, l.id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	lesson_object(st, &l, object, sizeof object);
	rc = store_audit_append(st, "lesson.update", object, before, after);
out:
	return store_write_end(st, rc);
}

int
store_lesson_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, struct lesson **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct lesson *l = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (!store_journal_readable(st, class_id, subject_id, subgroup))
		return store_fail(st, STORE_DENIED, _("You may not read this journal."));
	if ((s = store_stmt(st, "SELECT " LESSON_COLUMNS " FROM lesson WHERE class_id = ?"
	    " AND subject_id = ? AND subgroup = ? AND date >= ? AND date <= ?"
	    " ORDER BY date, id")) == NULL)
		return STORE_FAILED;
	store_bind_page(s, class_id, subject_id, subgroup, p);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((l = store_grow(st, (void **)rows, n, sizeof *l)) == NULL)
			return STORE_FAILED;
		lesson_row(s, l);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_lesson_mark_count(struct store *st, int64_t id, size_t *n)
{
	/* A comment alone counts too: it goes with the lesson as a mark does. */
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM (SELECT pupil_id FROM mark"
	    " WHERE lesson_id = ?1 UNION SELECT pupil_id FROM comment WHERE lesson_id = ?1)");

	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail_db(st);
	*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_lesson_remove(struct store *st, int64_t id, int with_marks)
{
	static const char *const deletes[] = { "DELETE FROM mark WHERE lesson_id = ?",
	    "DELETE FROM comment WHERE lesson_id = ?", "DELETE FROM lesson WHERE id = ?" };
	char desc[STORE_TOPIC_MAX + STORE_HOMEWORK_MAX + 160];
	char object[STORE_CLASS_MAX + STORE_NAME_MAX + 64];
	sqlite3_stmt *s = NULL;
	struct lesson l;
	size_t n = 0, i;
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* Every check inside the write: no mark may arrive between the count and the delete. */
	if ((rc = store_lesson_get(st, id, &l)) != STORE_OK ||
	    (rc = require_writable(st, l.class_id, l.subject_id, l.subgroup, l.date)) !=
	    STORE_OK ||
	    (rc = require_open_period(st, l.class_id, l.subject_id, l.date)) != STORE_OK ||
	    (rc = require_page_free(st, &l)) != STORE_OK ||
	    (rc = store_lesson_mark_count(st, id, &n)) != STORE_OK)
		goto out;
	if (n > 0 && !with_marks) {
		rc = store_fail(st, STORE_EXISTS, _("Marks in the lesson of %s: %zu. They would "
		    "go with the lesson."), l.date, n);
		goto out;
	}
	/* Its marks and comments go with it; the audit's replay knows (store_audit.c). */
	for (i = 0; i < sizeof deletes / sizeof deletes[0]; i++) {
		if ((s = store_stmt(st, deletes[i])) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = store_fail_db(st);
			goto out;
		}
	}
	/* The audit keeps what went: the lesson's fields and how many marks. */
	lesson_describe(&l, desc, sizeof desc);
	snprintf(desc + strlen(desc), sizeof desc - strlen(desc), "\nmarks=%zu", n);
	lesson_object(st, &l, object, sizeof object);
	rc = store_audit_append(st, "lesson.remove", object, desc, NULL);
out:
	return store_write_end(st, rc);
}

/* ---- marks ---- */

static const char *const attendance_names[] = { "", "absent", "excused", "ill", "late" };

/* The stored word back to the code; NULL (SQL NULL) is no attendance mark. */
static enum attendance
attendance_from_name(const char *t)
{
	enum attendance att;

	if (t == NULL)
		return ATT_NONE;
	for (att = ATT_ABSENT; att < ATT_LATE && strcmp(attendance_names[att], t) != 0; att++)
		;
	return att;
}

const struct mark *
mark_find(const struct mark *rows, size_t n, int64_t lesson_id, int64_t pupil_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].lesson_id == lesson_id && rows[i].pupil_id == pupil_id)
			return &rows[i];
	return NULL;
}

void
mark_text(const struct mark *m, char *out, size_t outsize)
{
	out[0] = '\0';
	if (m == NULL)
		return;
	if (m->att != ATT_NONE && m->value >= 0)
		snprintf(out, outsize, "%s %d", attendance_label(m->att), m->value);
	else if (m->att != ATT_NONE)
		snprintf(out, outsize, "%s", attendance_label(m->att));
	else if (m->value >= 0)
		snprintf(out, outsize, "%d", m->value);
}

const char *
attendance_name(enum attendance att)
{
	return attendance_names[att <= ATT_LATE ? att : ATT_NONE];
}

const char *
attendance_label(enum attendance att)
{
	switch (att) {
	/* L10N: one letter in the journal grid: н in Russian, ж in Kazakh. */
	case ATT_ABSENT: return _("a");
	/* L10N: one letter: п (Russian), д (Kazakh): absent for a good reason. */
	case ATT_EXCUSED: return _("e");
	/* L10N: one letter: б (Russian), а (Kazakh): ill. */
	case ATT_ILL: return _("i");
	/* L10N: one letter: о (Russian), к (Kazakh): late. */
	case ATT_LATE: return _("l");
	case ATT_NONE: break;
	}
	return "";
}

int
attendance_parse(const char *s, enum attendance *att)
{
	/* Every language's letters, so a CSV from any teacher reads the same. */
	static const struct { const char *word; enum attendance att; } words[] = {
		{ "a", ATT_ABSENT }, { "н", ATT_ABSENT }, { "ж", ATT_ABSENT },
		{ "e", ATT_EXCUSED }, { "п", ATT_EXCUSED }, { "д", ATT_EXCUSED },
		{ "i", ATT_ILL }, { "б", ATT_ILL }, { "а", ATT_ILL },
		{ "l", ATT_LATE }, { "о", ATT_LATE }, { "к", ATT_LATE },
		{ "absent", ATT_ABSENT }, { "excused", ATT_EXCUSED }, { "ill", ATT_ILL },
		{ "late", ATT_LATE },
	};
	char *folded = text_casefold(s);
	size_t i;
	int rc = STORE_INVALID;

	for (i = 0; folded != NULL && i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(folded, words[i].word) == 0) {
			*att = words[i].att;
			rc = STORE_OK;
			break;
		}
	}
	free(folded);
	return rc;
}

static void
mark_describe(int value, enum attendance att, char *out, size_t outsize)
{
	if (value >= 0 && att != ATT_NONE)
		snprintf(out, outsize, "%d %s", value, attendance_name(att));
	else if (value >= 0)
		snprintf(out, outsize, "%d", value);
	else
		snprintf(out, outsize, "%s", attendance_name(att));
}

/*
 * The marks a lesson takes, lo..hi, from its kind and the journal's scheme;
 * *points says whether they are points of the lesson's maximum.
 */
static int
mark_range(struct store *st, const struct lesson *l, int *lo, int *hi, int *points)
{
	struct assess_scheme scheme;
	struct subject subj;
	struct class c;
	int rc;

	if ((rc = store_class_get(st, l->class_id, &c)) != STORE_OK ||
	    (rc = store_subject_in_class(st, c.id, l->subject_id, &subj)) != STORE_OK)
		return rc;
	if ((rc = store_scheme_for(st, &c, &subj, &scheme)) != STORE_OK)
		return rc;
	if (scheme.kind == ASSESS_UNGRADED)
		return store_fail(st, STORE_INVALID,
		    _("Grade 1 is not marked: record attendance and comments only."));
	*points = l->kind != LESSON_REGULAR && scheme.kind != ASSESS_CLASSIC;
	*lo = *points ? 0 : scheme.fo_min;
	*hi = *points ? l->max_points : scheme.fo_max;
	return STORE_OK;
}

/* Checks the value against the lesson's kind and the journal's scheme. */
static int
mark_check(struct store *st, const struct lesson *l, int value)
{
	int lo, hi, points, rc;

	if (value < 0)
		return STORE_OK;
	if ((rc = mark_range(st, l, &lo, &hi, &points)) != STORE_OK)
		return rc;
	if (value < lo || value > hi)
		return store_fail(st, STORE_INVALID, _("A mark here is from %d to %d."), lo, hi);
	return STORE_OK;
}

/* A mark's and a comment's checks, in this order, inside their write. */
int
store_cell_check(struct store *st, int64_t lesson_id, int64_t pupil_id, struct lesson *l)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_lesson_get(st, lesson_id, l)) != STORE_OK ||
	    (rc = require_writable(st, l->class_id, l->subject_id, l->subgroup, l->date)) !=
	    STORE_OK ||
	    (rc = require_open_period(st, l->class_id, l->subject_id, l->date)) != STORE_OK)
		return rc;
	/* In the class on the lesson's day: a pupil who moved keeps his past marks. */
	if ((s = store_stmt(st, "SELECT 1 FROM enrolment e LEFT JOIN pupil_subgroup g"
	    " ON g.pupil_id = e.pupil_id AND g.subject_id = ?3 WHERE e.pupil_id = ?1"
	    " AND e.class_id = ?2 AND (?4 = 0 OR coalesce(g.subgroup, 0) = ?4)"
	    " AND e.since <= ?5 AND (e.until IS NULL OR e.until > ?5)")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, l->class_id);
	sqlite3_bind_int64(s, 3, l->subject_id);
	sqlite3_bind_int(s, 4, l->subgroup);
	store_bind_text(s, 5, l->date);
	rc = sqlite3_step(s) == SQLITE_ROW ? STORE_OK :
	    store_fail(st, STORE_INVALID,
	    _("That pupil is not in this class or subgroup on the lesson's day."));
	sqlite3_reset(s);
	return rc != STORE_OK ? rc : require_page_free(st, l);
}

void
store_cell_object(struct store *st, const struct lesson *l, int64_t pupil_id, char *out,
    size_t outsize)
{
	lesson_object(st, l, out, outsize);
	snprintf(out + strlen(out), outsize - strlen(out), " pupil:%lld", (long long)pupil_id);
}

int
store_mark_set(struct store *st, int64_t lesson_id, int64_t pupil_id, int value,
    enum attendance att)
{
	char before[48] = "", after[48] = "", object[STORE_CLASS_MAX + STORE_NAME_MAX + 96];
	int old_value = -1, had = 0, rc;
	enum attendance old_att = ATT_NONE;
	struct lesson l;
	sqlite3_stmt *s = NULL;

	/* Every check under the write lock: a period closed a moment ago stops the mark. */
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((rc = store_cell_check(st, lesson_id, pupil_id, &l)) != STORE_OK ||
	    (rc = mark_check(st, &l, value)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "SELECT value, attendance FROM mark WHERE lesson_id = ?"
	    " AND pupil_id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, lesson_id);
	sqlite3_bind_int64(s, 2, pupil_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		had = 1;
		if (sqlite3_column_type(s, 0) != SQLITE_NULL)
			old_value = sqlite3_column_int(s, 0);
		old_att = attendance_from_name((const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (had && old_value == value && old_att == att)
		goto out;	/* nothing changes: nothing to write or audit */
	if (!had && value < 0 && att == ATT_NONE)
		goto out;
	if (value < 0 && att == ATT_NONE)
		s = store_stmt(st, "DELETE FROM mark WHERE lesson_id = ? AND pupil_id = ?");
	else
		s = store_stmt(st, "INSERT INTO mark(lesson_id, pupil_id, value, attendance)"
		    " VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET value = excluded.value,"
		    " attendance = excluded.attendance");
	if (s == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, lesson_id);
	sqlite3_bind_int64(s, 2, pupil_id);
	if (value >= 0 || att != ATT_NONE) {
		if (value >= 0)
			sqlite3_bind_int(s, 3, value);
		if (att != ATT_NONE)
			store_bind_text(s, 4, attendance_name(att));
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (had)
		mark_describe(old_value, old_att, before, sizeof before);
	mark_describe(value, att, after, sizeof after);
	store_cell_object(st, &l, pupil_id, object, sizeof object);
	rc = store_audit_append(st, "mark.set", object, had ? before : NULL,
	    value < 0 && att == ATT_NONE ? NULL : after);
out:
	return store_write_end(st, rc);
}

int
store_mark_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, struct mark **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct mark *m = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (!store_journal_readable(st, class_id, subject_id, subgroup))
		return store_fail(st, STORE_DENIED, _("You may not read this journal."));
	if ((s = store_stmt(st, "SELECT m.lesson_id, m.pupil_id, coalesce(m.value, -1),"
	    " m.attendance FROM mark m JOIN lesson l ON l.id = m.lesson_id"
	    " WHERE l.class_id = ? AND l.subject_id = ? AND l.subgroup = ?"
	    " AND l.date >= ? AND l.date <= ? ORDER BY l.date, l.id")) == NULL)
		return STORE_FAILED;
	store_bind_page(s, class_id, subject_id, subgroup, p);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((m = store_grow(st, (void **)rows, n, sizeof *m)) == NULL)
			return STORE_FAILED;
		m->lesson_id = sqlite3_column_int64(s, 0);
		m->pupil_id = sqlite3_column_int64(s, 1);
		m->value = sqlite3_column_int(s, 2);
		m->att = attendance_from_name((const char *)sqlite3_column_text(s, 3));
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}
