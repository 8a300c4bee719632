/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_subject: a subject's hours and scheme per grade and per class.
 *
 * The subject row holds the school-wide values; a rule (table subject_rule)
 * sets the hours, the scheme or both for one grade of a school year or for
 * one class, and the view subject_in_class resolves them: the class's rule,
 * else its grade's, else the subject's own. Every reader that marks, or
 * places a lesson in a quarter or a half-year, asks store_subject_in_class().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"

int
store_subject_in_class(struct store *st, int64_t class_id, int64_t subject_id,
    struct subject *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT s.id, s.name, v.hours, k.name"
	    " FROM subject_in_class v JOIN subject s ON s.id = v.subject_id"
	    " JOIN scheme k ON k.id = v.scheme_id WHERE v.class_id = ? AND v.subject_id = ?");

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, STORE_NOT_FOUND, _("No such class or subject."));
	}
	out->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, out->name, sizeof out->name);
	out->hours = sqlite3_column_int(s, 2);
	store_col_text(s, 3, out->scheme, sizeof out->scheme);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_subject_rule_list(struct store *st, int64_t subject_id, struct subject_rule **rows,
    size_t *n)
{
	/* Grades first (by year and grade), then classes by year and name. */
	sqlite3_stmt *s = store_stmt(st, "SELECT r.id, y.start_year, coalesce(r.grade, 0),"
	    " coalesce(r.class_id, 0), coalesce(c.name, ''), coalesce(r.hours, 0),"
	    " coalesce(k.name, '') FROM subject_rule r"
	    " LEFT JOIN class c ON c.id = r.class_id"
	    " JOIN year y ON y.id = coalesce(r.year_id, c.year_id)"
	    " LEFT JOIN scheme k ON k.id = r.scheme_id WHERE r.subject_id = ?"
	    " ORDER BY r.class_id IS NOT NULL, y.start_year, r.grade, c.grade, c.name");
	struct subject_rule *r = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, subject_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((r = store_grow(st, (void **)rows, n, sizeof *r)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		r->id = sqlite3_column_int64(s, 0);
		r->start_year = sqlite3_column_int(s, 1);
		r->grade = sqlite3_column_int(s, 2);
		r->class_id = sqlite3_column_int64(s, 3);
		store_col_text(s, 4, r->class_name, sizeof r->class_name);
		r->hours = sqlite3_column_int(s, 5);
		store_col_text(s, 6, r->scheme, sizeof r->scheme);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/* "hours 2, scheme passfail" for the audit; "inherited" for what a rule leaves alone. */
static void
rule_text(int hours, const char *scheme, char *out, size_t outsize)
{
	char h[16];

	snprintf(h, sizeof h, "%d", hours);
	snprintf(out, outsize, "hours %s, scheme %s", hours > 0 ? h : "inherited",
	    scheme[0] != '\0' ? scheme : "inherited");
}

/* The rule now in force for the target (the subject's own values for the school). */
static int
rule_current(struct store *st, int64_t subject_id, int64_t year_id, const struct subject_rule *r,
    char *out, size_t outsize)
{
	sqlite3_stmt *s = NULL;
	int step;

	if (r->grade == 0 && r->class_id == 0)
		s = store_stmt(st, "SELECT s.hours, k.name FROM subject s JOIN scheme k"
		    " ON k.id = s.scheme_id WHERE s.id = ?1");
	else
		s = store_stmt(st, "SELECT coalesce(r.hours, 0), coalesce(k.name, '')"
		    " FROM subject_rule r LEFT JOIN scheme k ON k.id = r.scheme_id"
		    " WHERE r.subject_id = ?1 AND (r.class_id = ?2 OR (r.year_id = ?3"
		    " AND r.grade = ?4))");
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, subject_id);
	if (r->grade != 0 || r->class_id != 0) {
		sqlite3_bind_int64(s, 2, r->class_id);
		sqlite3_bind_int64(s, 3, year_id);
		sqlite3_bind_int(s, 4, r->grade);
	}
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		rule_text(sqlite3_column_int(s, 0), (const char *)sqlite3_column_text(s, 1), out,
		    outsize);
	else
		rule_text(0, "", out, outsize);
	sqlite3_reset(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/* Replaces the target's rule by r's values (none: the rule goes). */
static int
rule_write(struct store *st, int64_t subject_id, int64_t year_id, const struct subject_rule *r)
{
	sqlite3_stmt *s = NULL;

	if (r->grade == 0 && r->class_id == 0) {
		if ((s = store_stmt(st, "UPDATE subject SET hours = ?2, scheme_id ="
		    " (SELECT id FROM scheme WHERE name = ?3) WHERE id = ?1")) == NULL)
			return STORE_FAILED;
		sqlite3_bind_int64(s, 1, subject_id);
		sqlite3_bind_int(s, 2, r->hours);
		store_bind_text(s, 3, r->scheme);
		return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
	}
	if ((s = store_stmt(st, "DELETE FROM subject_rule WHERE subject_id = ?1"
	    " AND (class_id = ?2 OR (year_id = ?3 AND grade = ?4))")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, subject_id);
	sqlite3_bind_int64(s, 2, r->class_id);
	sqlite3_bind_int64(s, 3, year_id);
	sqlite3_bind_int(s, 4, r->grade);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail_db(st);
	if (r->hours == 0 && r->scheme[0] == '\0')
		return STORE_OK;
	if ((s = store_stmt(st, "INSERT INTO subject_rule(subject_id, year_id, grade, class_id,"
	    " hours, scheme_id) VALUES (?1, nullif(?2, 0), nullif(?3, 0), nullif(?4, 0),"
	    " nullif(?5, 0), (SELECT id FROM scheme WHERE name = ?6))")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, subject_id);
	sqlite3_bind_int64(s, 2, r->grade != 0 ? year_id : 0);
	sqlite3_bind_int(s, 3, r->grade);
	sqlite3_bind_int64(s, 4, r->class_id);
	sqlite3_bind_int(s, 5, r->hours);
	store_bind_text(s, 6, r->scheme);
	return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_subject_rule_set(struct store *st, int64_t subject_id, const struct subject_rule *r)
{
	char object[STORE_NAME_MAX + STORE_CLASS_MAX + 32], old[64], new[64];
	sqlite3_stmt *s = NULL;
	struct subject subj;
	struct class c;
	int64_t year_id = 0;
	int rc, school = r->grade == 0 && r->class_id == 0;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (r->hours < (school ? 1 : 0) || r->hours > 20)
		return store_fail(st, STORE_INVALID, _("Hours per week must be 1 to 20."));
	if (r->grade < 0 || r->grade > 12)
		return store_fail(st, STORE_INVALID, _("A grade is a number from 1 to 12."));
	if (school && r->scheme[0] == '\0')
		return store_fail(st, STORE_INVALID,
		    _("A subject's own scheme cannot be inherited: name one."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_row_by_id(st, "SELECT id, name FROM subject WHERE id = ?", subject_id,
	    _("No such subject."))) == NULL) {
		rc = STORE_NOT_FOUND;
		goto out;
	}
	subj.id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, subj.name, sizeof subj.name);
	sqlite3_reset(s);
	if (r->scheme[0] != '\0') {
		if ((s = store_stmt(st, "SELECT 1 FROM scheme WHERE name = ?"
		    " AND kind <> 'ungraded'")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		store_bind_text(s, 1, r->scheme);
		rc = sqlite3_step(s) == SQLITE_ROW ? STORE_OK :
		    store_fail(st, STORE_INVALID,
		    _("No assessment scheme \"%s\": use criteria, classic or passfail."),
		    r->scheme);
		sqlite3_reset(s);
		if (rc != STORE_OK)
			goto out;
	}
	if (r->class_id != 0) {
		if ((rc = store_class_get(st, r->class_id, &c)) != STORE_OK)
			goto out;
		snprintf(object, sizeof object, "%s/%s", subj.name, c.name);
	} else if (r->grade != 0) {
		if ((s = store_stmt(st, "SELECT id FROM year WHERE start_year = ?")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int(s, 1, r->start_year);
		if (sqlite3_step(s) == SQLITE_ROW)
			year_id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (year_id == 0) {
			rc = store_fail(st, STORE_NOT_FOUND, _("There is no school year %d-%d."),
			    r->start_year, r->start_year + 1);
			goto out;
		}
		snprintf(object, sizeof object, "%s/grade %d %d-%d", subj.name, r->grade,
		    r->start_year, r->start_year + 1);
	} else
		snprintf(object, sizeof object, "%s", subj.name);
	if ((rc = rule_current(st, subj.id, year_id, r, old, sizeof old)) != STORE_OK)
		goto out;
	rule_text(r->hours, r->scheme, new, sizeof new);
	if (strcmp(old, new) == 0)
		goto out;	/* nothing changes: nothing to write or audit */
	if ((rc = rule_write(st, subj.id, year_id, r)) != STORE_OK)
		goto out;
	rc = store_audit_append(st, "subject.rule", object, old, new);
out:
	return store_write_end(st, rc);
}

int
store_subject_rule_classes(struct store *st, int64_t subject_id, const struct subject_rule *r,
    int64_t **ids, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT c.id FROM class c JOIN year y ON y.id = c.year_id"
	    " WHERE EXISTS (SELECT 1 FROM lesson l WHERE l.class_id = c.id AND l.subject_id = ?1)"
	    " AND (?2 = 0 OR c.id = ?2) AND (?3 = 0 OR (c.grade = ?3 AND y.start_year = ?4))"
	    " ORDER BY y.start_year, c.grade, c.id");
	int64_t *id = NULL;
	int step;

	*ids = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, subject_id);
	sqlite3_bind_int64(s, 2, r->class_id);
	sqlite3_bind_int(s, 3, r->class_id != 0 ? 0 : r->grade);
	sqlite3_bind_int(s, 4, r->start_year);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((id = store_grow(st, (void **)ids, n, sizeof *id)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		*id = sqlite3_column_int64(s, 0);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}
