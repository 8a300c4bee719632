/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_school: the school, academic years and their periods, classes,
 * subjects and the assessment schemes they use.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicase.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"

int
store_school_init(struct store *st, const char *name, const char *today)
{
	char clean[STORE_NAME_MAX + 1];
	sqlite3_stmt *s = NULL;
	int rc, year;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_clean_text(st, _("School name"), name, STORE_NAME_MAX, 0, clean,
	    sizeof clean)) != STORE_OK)
		return rc;
	/* The academic year starts on 1 September; July and August prepare the next one. */
	year = atoi(today);
	if (atoi(today + 5) < 7)
		year--;
	if ((rc = store_tx_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO school(id, name, created) VALUES (1, ?, ?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, clean);
	store_bind_text(s, 2, today);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((rc = store_write_begin(st)) != STORE_OK)
		goto out;
	rc = store_write_end(st, store_audit_append(st, "school.init", "school", NULL, clean));
	if (rc == STORE_OK)
		rc = store_year_add(st, year, NULL, NULL);
out:
	if (rc == STORE_OK)
		return store_tx_commit(st);
	store_tx_rollback(st);
	return rc;
}

int
store_school_name(struct store *st, char *out, size_t outsize)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT name FROM school WHERE id = 1");

	if (s == NULL)
		return STORE_FAILED;
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND, _("The database has no school yet."));
	store_col_text(s, 0, out, outsize);
	sqlite3_reset(s);
	return STORE_OK;
}

/*
 * Standard periods of a Kazakh school year (order of the Ministry, shifted a
 * little each year): quarters end at the autumn, winter and spring holidays.
 * Each period runs to the day before the next, so every school day has one.
 * `period set` (an admin command) moves them when the order says otherwise.
 */
static const struct {
	char kind;
	int num;
	int year_offset_from, year_offset_to;
	const char *from, *to;
} standard_periods[] = {
	{ 'q', 1, 0, 0, "09-01", "11-02" },
	{ 'q', 2, 0, 1, "11-03", "01-07" },
	{ 'q', 3, 1, 1, "01-08", "03-29" },
	{ 'q', 4, 1, 1, "03-30", "05-31" },
	{ 'h', 1, 0, 1, "09-01", "01-07" },
	{ 'h', 2, 1, 1, "01-08", "05-31" },
};

static const struct {
	int year_offset_from, year_offset_to;
	const char *from, *to, *name;
} standard_holidays[] = {
	{ 0, 0, "10-27", "11-02", N_("Autumn holidays") },
	{ 0, 1, "12-29", "01-07", N_("Winter holidays") },
	{ 1, 1, "03-19", "03-29", N_("Spring holidays") },
};

/* Names stored in English and shown translated, as the standard holidays' are. */
static const char *const known_holiday_names[] = {
	/* L10N: the extra week of holidays grade 1 has in February. */
	N_("Extra holidays of grade 1"),	/* STORE_HOLIDAY_GRADE1, spelt out for xgettext */
};

int
store_year_add(struct store *st, int start_year, const char *starts, const char *ends)
{
	sqlite3_stmt *s = NULL;
	char from[11], to[11], value[64];
	int64_t year_id;
	size_t i;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (start_year < 2000 || start_year > 2999)
		return store_fail(st, STORE_INVALID,
		    _("A school year is named by the year it starts, such as 2026."));
	snprintf(from, sizeof from, "%04d-09-01", start_year);
	snprintf(to, sizeof to, "%04d-05-31", start_year + 1);
	if ((starts != NULL && !date_parse(starts, from)) || (ends != NULL && !date_parse(ends, to)))
		return store_fail(st, STORE_INVALID, _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO year(start_year, starts, ends) VALUES (?,?,?)")) ==
	    NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int(s, 1, start_year);
	store_bind_text(s, 2, from);
	store_bind_text(s, 3, to);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("The school year %d-%d exists already."),
		    start_year, start_year + 1) : store_fail_db(st);
		goto out;
	}
	year_id = sqlite3_last_insert_rowid(st->db);
	for (i = 0; i < sizeof standard_periods / sizeof standard_periods[0]; i++) {
		char pf[16], pt[16];

		snprintf(pf, sizeof pf, "%04d-%s",
		    (start_year + standard_periods[i].year_offset_from) % 10000, standard_periods[i].from);
		snprintf(pt, sizeof pt, "%04d-%s",
		    (start_year + standard_periods[i].year_offset_to) % 10000, standard_periods[i].to);
		/* The year's own bounds win over the standard table. */
		if (strcmp(pf, from) < 0 || (standard_periods[i].num == 1 &&
		    strcmp(pf, from) > 0))
			snprintf(pf, sizeof pf, "%s", from);
		if (strcmp(pt, to) > 0 || (standard_periods[i].kind == 'q' &&
		    standard_periods[i].num == 4) || (standard_periods[i].kind == 'h' &&
		    standard_periods[i].num == 2))
			snprintf(pt, sizeof pt, "%s", to);
		if ((s = store_stmt(st, "INSERT INTO period(year_id, kind, num, starts, ends)"
		    " VALUES (?,?,?,?,?)")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int64(s, 1, year_id);
		sqlite3_bind_text(s, 2, &standard_periods[i].kind, 1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 3, standard_periods[i].num);
		store_bind_text(s, 4, pf);
		store_bind_text(s, 5, pt);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = store_fail_db(st);
			goto out;
		}
	}
	for (i = 0; i < sizeof standard_holidays / sizeof standard_holidays[0]; i++) {
		char hf[16], ht[16];

		snprintf(hf, sizeof hf, "%04d-%s",
		    (start_year + standard_holidays[i].year_offset_from) % 10000, standard_holidays[i].from);
		snprintf(ht, sizeof ht, "%04d-%s",
		    (start_year + standard_holidays[i].year_offset_to) % 10000, standard_holidays[i].to);
		if ((s = store_stmt(st, "INSERT INTO holiday(year_id, starts, ends, name)"
		    " VALUES (?,?,?,?)")) == NULL) {
			rc = STORE_FAILED;
			goto out;
		}
		sqlite3_bind_int64(s, 1, year_id);
		store_bind_text(s, 2, hf);
		store_bind_text(s, 3, ht);
		store_bind_text(s, 4, standard_holidays[i].name);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = store_fail_db(st);
			goto out;
		}
	}
	/* A grade's subjects keep their hours and schemes from the year before. */
	if ((s = store_stmt(st, "INSERT INTO subject_rule(subject_id, year_id, grade, hours,"
	    " scheme_id) SELECT subject_id, ?1, grade, hours, scheme_id FROM subject_rule"
	    " WHERE year_id = (SELECT id FROM year WHERE start_year < ?2"
	    " ORDER BY start_year DESC LIMIT 1)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, year_id);
	sqlite3_bind_int(s, 2, start_year);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	snprintf(value, sizeof value, "%s..%s", from, to);
	snprintf(from, sizeof from, "%d", start_year);
	rc = store_audit_append(st, "year.add", from, NULL, value);
out:
	return store_write_end(st, rc);
}

int
store_year_current(struct store *st, const char *date, int *start_year)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT start_year FROM year"
	    " ORDER BY (starts <= ?1 AND ends >= ?1) DESC, start_year DESC LIMIT 1");

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, date);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND,
		    _("There is no school year yet. Add one with `dapter year add YEAR`."));
	*start_year = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return STORE_OK;
}

static void
period_row(sqlite3_stmt *s, struct period *p)
{
	const char *kind = (const char *)sqlite3_column_text(s, 3);

	p->id = sqlite3_column_int64(s, 0);
	p->year_id = sqlite3_column_int64(s, 1);
	p->start_year = sqlite3_column_int(s, 2);
	p->kind = kind != NULL ? kind[0] : 'q';
	p->num = sqlite3_column_int(s, 4);
	store_col_text(s, 5, p->starts, sizeof p->starts);
	store_col_text(s, 6, p->ends, sizeof p->ends);
	p->closed = sqlite3_column_int(s, 7);
}

#define PERIOD_COLUMNS "p.id, p.year_id, y.start_year, p.kind, p.num, p.starts, p.ends, p.closed"

int
store_period_list(struct store *st, int start_year, struct period **rows, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " PERIOD_COLUMNS " FROM period p"
	    " JOIN year y ON y.id = p.year_id WHERE y.start_year = ? ORDER BY p.kind DESC, p.num");
	struct period *p = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int(s, 1, start_year);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((p = store_grow(st, (void **)rows, n, sizeof *p)) == NULL)
			return STORE_FAILED;
		period_row(s, p);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_period_find(struct store *st, const char *spec, const char *today, struct period *out)
{
	sqlite3_stmt *s = NULL;
	const char *p = spec;
	int year = 0, num = 0, rc, i, has_year = 0;
	char kind = 'q';

	/*
	 * A year written is the year asked for, even 0000 (found in no year):
	 * only its absence means the current one.
	 */
	for (i = 0; i < 4 && isdigit((unsigned char)spec[i]); i++)
		;
	if (i == 4 && (spec[4] == '-' || spec[4] == '/')) {
		year = atoi(spec);
		has_year = 1;
		p = spec + 5;
	}
	if (*p == 'q' || *p == 'Q' || *p == 'h' || *p == 'H')
		kind = (char)tolower((unsigned char)*p++);
	if (!isdigit((unsigned char)p[0]) || p[1] != '\0' ||
	    (num = p[0] - '0') < 1 || num > (kind == 'q' ? 4 : 2))
		return store_fail(st, STORE_INVALID,
		    _("No such period: %s. Write q1..q4 for quarters, h1 or h2 for half-years, "
		    "optionally after the year: 2026-q1."), spec);
	if (!has_year && (rc = store_year_current(st, today, &year)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT " PERIOD_COLUMNS " FROM period p JOIN year y"
	    " ON y.id = p.year_id WHERE y.start_year = ? AND p.kind = ? AND p.num = ?")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int(s, 1, year);
	sqlite3_bind_text(s, 2, &kind, 1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, num);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND, _("No such period: %s."), spec);
	period_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_period_for_date(struct store *st, const char *date, char kind, struct period *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " PERIOD_COLUMNS " FROM period p JOIN year y"
	    " ON y.id = p.year_id WHERE p.kind = ? AND p.starts <= ?2 AND p.ends >= ?2");

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_text(s, 1, &kind, 1, SQLITE_TRANSIENT);
	store_bind_text(s, 2, date);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND,
		    _("%s is in no period of a school year (summer, or no year added)."), date);
	period_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_period_set_closed(struct store *st, int64_t period_id, int closed)
{
	sqlite3_stmt *s = NULL;
	char object[32];
	int rc;

	if ((rc = store_require_head(st)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "UPDATE period SET closed = ? WHERE id = ? AND closed <> ?1")) ==
	    NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int(s, 1, closed != 0);
	sqlite3_bind_int64(s, 2, period_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0)
		goto out;	/* already so: nothing to audit */
	snprintf(object, sizeof object, "period:%lld", (long long)period_id);
	rc = store_audit_append(st, closed ? "period.close" : "period.reopen", object,
	    closed ? "open" : "closed", closed ? "closed" : "open");
out:
	return store_write_end(st, rc);
}

/* A holiday of every grade, or (grade > 0) of that grade alone, holds `date`. */
static int
holiday_on(struct store *st, int grade, const char *date)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT 1 FROM holiday WHERE starts <= ?1 AND ends >= ?1"
	    " AND (grade IS NULL OR grade = ?2)");
	int on;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, date);
	sqlite3_bind_int(s, 2, grade);
	on = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return on;
}

int
store_holiday_on(struct store *st, const char *date)
{
	return holiday_on(st, 0, date);
}

int
store_class_day_off(struct store *st, int64_t class_id, const char *date)
{
	struct class c;

	if (date_weekday(date) == 0)
		return DAY_SUNDAY;
	/* Class 0, or one that cannot be read, has the holidays of every grade. */
	if (class_id == 0 || store_class_get(st, class_id, &c) != STORE_OK)
		c.grade = 0;
	return holiday_on(st, c.grade, date) ? DAY_HOLIDAY : DAY_SCHOOL;
}

void
period_label(const struct period *p, char *out, size_t outsize)
{
	snprintf(out, outsize, "%d-%c%d", p->start_year, p->kind, p->num);
}

const char *
period_name(const struct period *p, char *out, size_t outsize)
{
	/* L10N: a quarter: "2-тоқсан", "2 четверть". %d is 1..4. */
	snprintf(out, outsize, p->kind == 'q' ? _("quarter %d") :
	/* L10N: a half-year: "1-жартыжылдық", "1 полугодие". %d is 1 or 2. */
	    _("half-year %d"), p->num);
	return out;
}

/* The bounds of a school year; STORE_NOT_FOUND (error set) when it was never added. */
static int
year_bounds(struct store *st, int start_year, int64_t *year_id, char starts[11], char ends[11])
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, starts, ends FROM year WHERE start_year = ?");

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int(s, 1, start_year);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND,
		    _("There is no school year %d-%d. `dapter year add %d` adds it."), start_year,
		    start_year + 1, start_year);
	*year_id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, starts, 11);
	store_col_text(s, 2, ends, 11);
	sqlite3_reset(s);
	return STORE_OK;
}

/* Parses both days and refuses a reversed pair or one outside the school year. */
static int
dates_in_year(struct store *st, const char *starts, const char *ends, int start_year,
    const char *year_starts, const char *year_ends, char from[11], char to[11])
{
	if (!date_parse(starts, from) || !date_parse(ends, to))
		return store_fail(st, STORE_INVALID, _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
	if (strcmp(from, to) > 0)
		return store_fail(st, STORE_INVALID,
		    _("The first day (%s) is after the last (%s)."), from, to);
	if (strcmp(from, year_starts) < 0 || strcmp(to, year_ends) > 0)
		return store_fail(st, STORE_INVALID,
		    _("%s to %s is not inside the school year %d-%d, which runs from %s to %s."),
		    from, to, start_year, start_year + 1, year_starts, year_ends);
	return STORE_OK;
}

/* Lessons of subjects assessed by `kind` periods that lie in none of them. */
static int
lessons_uncovered(struct store *st, int64_t year_id, char kind, const char *year_starts,
    const char *year_ends)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM lesson l JOIN subject_in_class s"
	    " ON s.class_id = l.class_id AND s.subject_id = l.subject_id"
	    " WHERE (s.hours = 1) = (?2 = 'h')"
	    " AND l.date >= ?3 AND l.date <= ?4 AND NOT EXISTS (SELECT 1 FROM period p"
	    " WHERE p.year_id = ?1 AND p.kind = ?2 AND l.date >= p.starts AND l.date <= p.ends)");
	int n;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, year_id);
	sqlite3_bind_text(s, 2, &kind, 1, SQLITE_TRANSIENT);
	store_bind_text(s, 3, year_starts);
	store_bind_text(s, 4, year_ends);
	n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	if (n < 0)
		store_fail_db(st);
	return n;
}

/* The period `num` of p's year and kind; STORE_NOT_FOUND when there is none. */
static int
period_sibling(struct store *st, const struct period *p, int num, struct period *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " PERIOD_COLUMNS " FROM period p JOIN year y"
	    " ON y.id = p.year_id WHERE p.year_id = ? AND p.kind = ? AND p.num = ?");
	int step;

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, p->year_id);
	sqlite3_bind_text(s, 2, &p->kind, 1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, num);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		period_row(s, out);
	sqlite3_reset(s);
	if (step == SQLITE_ROW)
		return STORE_OK;
	return step == SQLITE_DONE ? STORE_NOT_FOUND : store_fail_db(st);
}

/* `date` moved by `days` ("-1", "+1"), by SQLite's calendar. */
static int
date_shift(struct store *st, const char *date, const char *days, char out[11])
{
	sqlite3_stmt *s = store_stmt(st, "SELECT date(?, ? || ' day')");
	int ok;

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, date);
	store_bind_text(s, 2, days);
	if ((ok = sqlite3_step(s) == SQLITE_ROW))
		store_col_text(s, 0, out, 11);
	sqlite3_reset(s);
	return ok ? STORE_OK : store_fail_db(st);
}

/* Writes a period's new days with its audit record (old -> new). */
static int
period_write_dates(struct store *st, const struct period *p, const char *from, const char *to)
{
	char label[32], object[64], before[32], after[32];
	sqlite3_stmt *s = store_stmt(st, "UPDATE period SET starts = ?, ends = ? WHERE id = ?");

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, from);
	store_bind_text(s, 2, to);
	sqlite3_bind_int64(s, 3, p->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail_db(st);
	sqlite3_reset(s);
	period_label(p, label, sizeof label);
	snprintf(object, sizeof object, "period:%lld %s", (long long)p->id, label);
	snprintf(before, sizeof before, "%s..%s", p->starts, p->ends);
	snprintf(after, sizeof after, "%s..%s", from, to);
	return store_audit_append(st, "period.dates", object, before, after);
}

/*
 * A neighbour that touched p (no day between them) keeps touching it: its
 * edge follows p's, so moving the end of q2 moves the start of q3 and no day
 * falls between terms. `dir` is -1 for the term before, +1 for the one after.
 */
static int
period_follow(struct store *st, const struct period *p, int dir, const char *from,
    const char *to)
{
	char edge[11], moved[11], label[32], mine[32];
	struct period q;
	int rc;

	if ((rc = period_sibling(st, p, p->num + dir, &q)) != STORE_OK)
		return rc == STORE_NOT_FOUND ? STORE_OK : rc;
	if ((rc = date_shift(st, dir < 0 ? p->starts : p->ends, dir < 0 ? "-1" : "+1", edge)) !=
	    STORE_OK)
		return rc;
	if (strcmp(dir < 0 ? q.ends : q.starts, edge) != 0)
		return STORE_OK;	/* a gap already: the overlap check speaks for it */
	if (strcmp(dir < 0 ? from : to, dir < 0 ? p->starts : p->ends) == 0)
		return STORE_OK;	/* this edge stays */
	period_label(&q, label, sizeof label);
	if (q.closed)
		return store_fail(st, STORE_CLOSED,
		    _("Period %s is closed: reopen it before moving its days."), label);
	if ((rc = date_shift(st, dir < 0 ? from : to, dir < 0 ? "-1" : "+1", moved)) != STORE_OK)
		return rc;
	if (dir < 0 ? strcmp(moved, q.starts) < 0 : strcmp(moved, q.ends) > 0) {
		period_label(p, mine, sizeof mine);
		return store_fail(st, STORE_INVALID,
		    _("%s would overlap %s, which runs from %s to %s. Move that period first."),
		    mine, label, q.starts, q.ends);
	}
	return period_write_dates(st, &q, dir < 0 ? q.starts : moved, dir < 0 ? moved : q.ends);
}

int
store_period_set_dates(struct store *st, int64_t period_id, const char *starts,
    const char *ends)
{
	char from[11], to[11], year_from[11], year_to[11], label[32], other[32];
	sqlite3_stmt *s = NULL;
	struct period p, q;
	int64_t year_id = 0;
	int rc, step, lost, now;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	/* Checked inside the write: no lesson may slip in between check and move. */
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_row_by_id(st, "SELECT " PERIOD_COLUMNS " FROM period p"
	    " JOIN year y ON y.id = p.year_id WHERE p.id = ?", period_id,
	    _("No such period."))) == NULL) {
		rc = STORE_NOT_FOUND;
		goto out;
	}
	period_row(s, &p);
	sqlite3_reset(s);
	period_label(&p, label, sizeof label);
	if (p.closed) {
		rc = store_fail(st, STORE_CLOSED,
		    _("Period %s is closed: reopen it before moving its days."), label);
		goto out;
	}
	if ((rc = year_bounds(st, p.start_year, &year_id, year_from, year_to)) != STORE_OK ||
	    (rc = dates_in_year(st, starts, ends, p.start_year, year_from, year_to, from, to)) !=
	    STORE_OK)
		goto out;
	if (strcmp(from, p.starts) == 0 && strcmp(to, p.ends) == 0)
		goto out;	/* nothing moves: nothing to audit */
	if ((lost = lessons_uncovered(st, year_id, p.kind, year_from, year_to)) < 0) {
		rc = STORE_FAILED;
		goto out;
	}
	if ((rc = period_follow(st, &p, -1, from, to)) != STORE_OK ||
	    (rc = period_follow(st, &p, +1, from, to)) != STORE_OK)
		goto out;
	/* Any other term of the kind keeps its days: q2 stays between q1 and q3. */
	if ((s = store_stmt(st, "SELECT " PERIOD_COLUMNS " FROM period p JOIN year y"
	    " ON y.id = p.year_id WHERE p.year_id = ?1 AND p.kind = ?2 AND p.id <> ?3"
	    " AND p.starts <= ?5 AND p.ends >= ?4 ORDER BY p.num LIMIT 1")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, p.year_id);
	sqlite3_bind_text(s, 2, &p.kind, 1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, p.id);
	store_bind_text(s, 4, from);
	store_bind_text(s, 5, to);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		period_row(s, &q);
		sqlite3_reset(s);
		period_label(&q, other, sizeof other);
		rc = store_fail(st, STORE_INVALID,
		    _("%s would overlap %s, which runs from %s to %s. Move that period first."),
		    label, other, q.starts, q.ends);
		goto out;
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((rc = period_write_dates(st, &p, from, to)) != STORE_OK)
		goto out;
	/* A lesson is in the term holding its date; none may be left in no term. */
	if ((now = lessons_uncovered(st, year_id, p.kind, year_from, year_to)) < 0)
		rc = STORE_FAILED;
	else if ((lost = now - lost) > 0)
		rc = store_fail(st, STORE_INVALID,
		    _("Lessons already recorded in %s would fall outside %s to %s (%d of them). "
		    "Move those lessons first, or choose days that keep them."),
		    label, from, to, lost);
out:
	return store_write_end(st, rc);
}

/* ---- holidays ---- */

/* The standard names are msgids (store_year_add writes them): show them translated. */
static void
holiday_name(const char *stored, char *out, size_t outsize)
{
	size_t i;

	for (i = 0; i < sizeof standard_holidays / sizeof standard_holidays[0]; i++) {
		if (strcmp(stored, standard_holidays[i].name) == 0) {
			snprintf(out, outsize, "%s", _(standard_holidays[i].name));
			return;
		}
	}
	for (i = 0; i < sizeof known_holiday_names / sizeof known_holiday_names[0]; i++) {
		if (strcmp(stored, known_holiday_names[i]) == 0) {
			snprintf(out, outsize, "%s", _(known_holiday_names[i]));
			return;
		}
	}
	snprintf(out, outsize, "%s", stored);
}

int
store_holiday_list(struct store *st, int start_year, struct holiday **rows, size_t *n)
{
	char year_from[11], year_to[11], name[STORE_NAME_MAX + 1];
	struct holiday *h = NULL;
	sqlite3_stmt *s = NULL;
	int64_t year_id = 0;
	int rc, step;

	*rows = NULL;
	*n = 0;
	if ((rc = year_bounds(st, start_year, &year_id, year_from, year_to)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT id, starts, ends, name, coalesce(grade, 0) FROM holiday"
	    " WHERE year_id = ? ORDER BY starts, id")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, year_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((h = store_grow(st, (void **)rows, n, sizeof *h)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		h->id = sqlite3_column_int64(s, 0);
		h->start_year = start_year;
		store_col_text(s, 1, h->starts, sizeof h->starts);
		store_col_text(s, 2, h->ends, sizeof h->ends);
		store_col_text(s, 3, name, sizeof name);
		holiday_name(name, h->name, sizeof h->name);
		h->grade = sqlite3_column_int(s, 4);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_holiday_add(struct store *st, int start_year, int grade, const char *starts,
    const char *ends, const char *name, int64_t *id)
{
	char clean[STORE_NAME_MAX + 1], other[STORE_NAME_MAX + 1], stored[STORE_NAME_MAX + 1];
	char from[11], to[11], year_from[11], year_to[11], o_from[11], o_to[11];
	char object[32], value[STORE_NAME_MAX + 48];
	sqlite3_stmt *s = NULL;
	int64_t year_id = 0, new_id = 0;
	int rc, step;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_clean_text(st, _("Holiday name"), name, STORE_NAME_MAX, 0, clean,
	    sizeof clean)) != STORE_OK ||
	    (rc = year_bounds(st, start_year, &year_id, year_from, year_to)) != STORE_OK ||
	    (rc = dates_in_year(st, starts, ends, start_year, year_from, year_to, from, to)) !=
	    STORE_OK)
		return rc;
	if (grade < 0 || grade > 12)
		return store_fail(st, STORE_INVALID, _("A grade is a number from 1 to 12."));
	/* Holidays that fall on the same pupils may not overlap; other grades' may. */
	if ((s = store_stmt(st, "SELECT starts, ends, name FROM holiday"
	    " WHERE starts <= ?2 AND ends >= ?1 AND (?3 = 0 OR grade IS NULL OR grade = ?3)"
	    " ORDER BY starts LIMIT 1")) == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, from);
	store_bind_text(s, 2, to);
	sqlite3_bind_int(s, 3, grade);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_text(s, 0, o_from, sizeof o_from);
		store_col_text(s, 1, o_to, sizeof o_to);
		store_col_text(s, 2, stored, sizeof stored);
		sqlite3_reset(s);
		holiday_name(stored, other, sizeof other);
		return store_fail(st, STORE_INVALID,
		    _("%s to %s overlaps the holiday \"%s\" (%s to %s)."), from, to, other, o_from,
		    o_to);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_fail_db(st);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO holiday(year_id, starts, ends, name, grade)"
	    " VALUES (?,?,?,?,nullif(?,0))")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, year_id);
	store_bind_text(s, 2, from);
	store_bind_text(s, 3, to);
	store_bind_text(s, 4, clean);
	sqlite3_bind_int(s, 5, grade);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	new_id = sqlite3_last_insert_rowid(st->db);
	snprintf(object, sizeof object, "holiday:%lld", (long long)new_id);
	if (grade > 0)
		snprintf(value, sizeof value, "%s..%s grade %d %s", from, to, grade, clean);
	else
		snprintf(value, sizeof value, "%s..%s %s", from, to, clean);
	if ((rc = store_audit_append(st, "holiday.add", object, NULL, value)) == STORE_OK &&
	    id != NULL)
		*id = new_id;
out:
	return store_write_end(st, rc);
}

int
store_holiday_remove(struct store *st, int64_t id)
{
	char object[32], value[STORE_NAME_MAX + 32], from[11], to[11], name[STORE_NAME_MAX + 1];
	sqlite3_stmt *s = NULL;
	int rc, step;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT starts, ends, name FROM holiday WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	if ((step = sqlite3_step(s)) != SQLITE_ROW) {
		rc = step == SQLITE_DONE ? store_fail(st, STORE_NOT_FOUND,
		    _("There is no holiday %lld. `dapter holiday list` shows their numbers."),
		    (long long)id) : store_fail_db(st);
		goto out;
	}
	store_col_text(s, 0, from, sizeof from);
	store_col_text(s, 1, to, sizeof to);
	store_col_text(s, 2, name, sizeof name);
	sqlite3_reset(s);
	if ((s = store_stmt(st, "DELETE FROM holiday WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	snprintf(object, sizeof object, "holiday:%lld", (long long)id);
	snprintf(value, sizeof value, "%s..%s %s", from, to, name);
	rc = store_audit_append(st, "holiday.remove", object, value, NULL);
out:
	return store_write_end(st, rc);
}

/* ---- classes ---- */

int
class_name_canonical(const char *in, char *out, size_t outsize, int *grade)
{
	char *clean = NULL, *upper = NULL;
	enum text_error err = TEXT_OK;
	const char *p = NULL;
	size_t len = 0;
	int g = 0, rc = STORE_INVALID;

	if ((clean = text_clean(in, STORE_CLASS_MAX, 0, &err)) == NULL)
		goto out;
	/* Three digits at most: a longer run is refused, not added up past INT_MAX. */
	for (p = clean; isdigit((unsigned char)*p) && p - clean <= 2; p++)
		g = g * 10 + (*p - '0');
	if (p == clean || p - clean > 2 || g < 0 || g > 12)
		goto out;
	while (*p == ' ' || *p == '-')
		p++;
	if (*p != '\0' && (upper = (char *)u8_toupper((const uint8_t *)p, strlen(p) + 1, NULL,
	    NULL, NULL, &len)) == NULL)
		goto out;
	if (upper != NULL && strchr(upper, ' ') != NULL)
		goto out;
	if (upper != NULL)
		snprintf(out, outsize, "%d %s", g, upper);
	else
		snprintf(out, outsize, "%d", g);
	if (grade != NULL)
		*grade = g;
	rc = STORE_OK;
out:
	free(clean);
	free(upper);
	return rc;
}

static int
store_class_name(struct store *st, const char *in, char *out, size_t outsize, int *grade)
{
	if (class_name_canonical(in, out, outsize, grade) == STORE_OK)
		return STORE_OK;
	return store_fail(st, STORE_INVALID,
	    _("\"%s\" is not a class name. Write the grade and a letter, such as 7 Ә or 10 А."),
	    in);
}

int
store_class_add(struct store *st, const char *name, int64_t *id)
{
	char today[11];
	int rc, year = 0;

	store_today(today);
	if ((rc = store_year_current(st, today, &year)) != STORE_OK)
		return rc;
	return store_class_add_in(st, name, year, id);
}

/* The class's row line (STORE_CLASS_STATE) and its query, for what class records append. */
#define CLASS_LINE_SQL "SELECT char(10) || " STORE_CLASS_STATE STORE_CLASS_STATE_FROM \
	" WHERE c.id = ?1"

/*
 * Appends a class record whose new value is `first` (NULL: "") and the
 * class's row as it is now, so that the replay knows it by its id.
 */
static int
class_audit(struct store *st, const char *action, const char *object, const char *old_value,
    const char *first, int64_t class_id)
{
	char *value = NULL;
	int rc;

	if ((value = store_audit_value(st, first != NULL ? first : "", CLASS_LINE_SQL,
	    class_id)) == NULL)
		return STORE_FAILED;
	rc = store_audit_append(st, action, object, old_value, value);
	free(value);
	return rc;
}

int
store_class_add_in(struct store *st, const char *name, int year, int64_t *id)
{
	char canon[STORE_CLASS_MAX + 1];
	sqlite3_stmt *s = NULL;
	int64_t new_id = 0;
	int rc, grade = 0;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_class_name(st, name, canon, sizeof canon, &grade)) != STORE_OK)
		return rc;
	if (grade < 1)
		return store_class_name(st, "", canon, sizeof canon, NULL);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO class(year_id, grade, name)"
	    " SELECT id, ?, ? FROM year WHERE start_year = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int(s, 1, grade);
	store_bind_text(s, 2, canon);
	sqlite3_bind_int(s, 3, year);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("Class %s exists already."), canon) :
		    store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) != 1) {
		rc = store_fail(st, STORE_NOT_FOUND, _("There is no school year %d-%d."), year,
		    year + 1);
		goto out;
	}
	new_id = sqlite3_last_insert_rowid(st->db);
	if (id != NULL)
		*id = new_id;
	rc = class_audit(st, "class.add", canon, NULL, canon, new_id);
out:
	return store_write_end(st, rc);
}

#define CLASS_COLUMNS "c.id, y.start_year, c.grade, c.name, coalesce(c.teacher_id, 0)"

static void
class_row(sqlite3_stmt *s, struct class *c)
{
	c->id = sqlite3_column_int64(s, 0);
	c->start_year = sqlite3_column_int(s, 1);
	c->grade = sqlite3_column_int(s, 2);
	store_col_text(s, 3, c->name, sizeof c->name);
	c->teacher_id = sqlite3_column_int64(s, 4);
}

int
store_class_find(struct store *st, const char *name, struct class *out)
{
	char canon[STORE_CLASS_MAX + 1], today[11];
	sqlite3_stmt *s = NULL;
	int rc, year = 0;

	store_today(today);
	if ((rc = store_class_name(st, name, canon, sizeof canon, NULL)) != STORE_OK ||
	    (rc = store_year_current(st, today, &year)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT " CLASS_COLUMNS " FROM class c JOIN year y"
	    " ON y.id = c.year_id WHERE c.name = ? AND y.start_year = ?")) == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, canon);
	sqlite3_bind_int(s, 2, year);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND,
		    _("There is no class %s this school year. `dapter class list` shows them."),
		    canon);
	class_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_class_get(struct store *st, int64_t id, struct class *out)
{
	sqlite3_stmt *s = store_row_by_id(st, "SELECT " CLASS_COLUMNS " FROM class c JOIN year y"
	    " ON y.id = c.year_id WHERE c.id = ?", id, _("No such class."));

	if (s == NULL)
		return STORE_NOT_FOUND;
	class_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_class_list(struct store *st, struct class **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct class *c = NULL;
	char today[11];
	int step, year = 0, rc;

	*rows = NULL;
	*n = 0;
	store_today(today);
	if ((rc = store_year_current(st, today, &year)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT " CLASS_COLUMNS " FROM class c JOIN year y"
	    " ON y.id = c.year_id WHERE y.start_year = ? ORDER BY c.grade, c.name")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int(s, 1, year);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((c = store_grow(st, (void **)rows, n, sizeof *c)) == NULL)
			return STORE_FAILED;
		class_row(s, c);
	}
	if (step != SQLITE_DONE)
		return store_fail_db(st);
	/* Kazakh letter order within a grade ("7 Ә" after "7 А"), not byte order. */
	for (size_t i = 1; i < *n; i++) {
		struct class tmp = (*rows)[i];
		size_t j = i;

		while (j > 0 && ((*rows)[j - 1].grade > tmp.grade ||
		    ((*rows)[j - 1].grade == tmp.grade &&
		    text_compare((*rows)[j - 1].name, tmp.name) > 0))) {
			(*rows)[j] = (*rows)[j - 1];
			j--;
		}
		(*rows)[j] = tmp;
	}
	return STORE_OK;
}

int
store_class_set_teacher(struct store *st, int64_t class_id, const char *login)
{
	sqlite3_stmt *s = NULL;
	struct class c;
	int64_t uid = 0;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_class_get(st, class_id, &c)) != STORE_OK)
		return rc;
	if (login != NULL && (uid = store_user_id(st, login)) == 0)
		return STORE_NOT_FOUND;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "UPDATE class SET teacher_id = ? WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	if (uid != 0)
		sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int64(s, 2, class_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	rc = class_audit(st, "class.teacher", c.name, NULL, login, class_id);
out:
	return store_write_end(st, rc);
}

/* ---- subjects and schemes ---- */

int
store_subject_add(struct store *st, const char *name, int hours, const char *scheme, int64_t *id)
{
	char clean[STORE_NAME_MAX + 1];
	struct subject existing;
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_clean_text(st, _("Subject"), name, STORE_NAME_MAX, 0, clean,
	    sizeof clean)) != STORE_OK)
		return rc;
	if (hours < 1 || hours > 20)
		return store_fail(st, STORE_INVALID, _("Hours per week must be 1 to 20."));
	if (scheme == NULL)
		scheme = "criteria";
	/* Unique as people read it: "алгебра" is "Алгебра". */
	if (store_subject_find(st, clean, &existing) == STORE_OK)
		return store_fail(st, STORE_EXISTS, _("Subject %s exists already."), existing.name);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO subject(name, hours, scheme_id)"
	    " SELECT ?, ?, id FROM scheme WHERE name = ? AND kind <> 'ungraded'")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, clean);
	sqlite3_bind_int(s, 2, hours);
	store_bind_text(s, 3, scheme);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("Subject %s exists already."), clean) :
		    store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		rc = store_fail(st, STORE_INVALID,
		    _("No assessment scheme \"%s\": use criteria, classic or passfail."), scheme);
		goto out;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	rc = store_audit_append(st, "subject.add", clean, NULL, scheme);
out:
	return store_write_end(st, rc);
}

#define SUBJECT_COLUMNS "s.id, s.name, s.hours, k.name"

static void
subject_row(sqlite3_stmt *s, struct subject *out)
{
	out->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, out->name, sizeof out->name);
	out->hours = sqlite3_column_int(s, 2);
	store_col_text(s, 3, out->scheme, sizeof out->scheme);
}

int
store_subject_find(struct store *st, const char *name, struct subject *out)
{
	sqlite3_stmt *s = NULL;
	char *folded = NULL;
	int rc = STORE_NOT_FOUND, step;

	/* Case-insensitive, as teachers type it: "алгебра" finds "Алгебра". */
	if ((folded = text_casefold(name)) == NULL)
		return store_fail(st, STORE_INVALID, _("No such subject: %s."), name);
	if ((s = store_stmt(st, "SELECT " SUBJECT_COLUMNS " FROM subject s"
	    " JOIN scheme k ON k.id = s.scheme_id ORDER BY s.id")) == NULL) {
		free(folded);
		return STORE_FAILED;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		char *f = text_casefold((const char *)sqlite3_column_text(s, 1));

		if (f != NULL && strcmp(f, folded) == 0) {
			subject_row(s, out);
			rc = STORE_OK;
		}
		free(f);
		if (rc == STORE_OK)
			break;
	}
	sqlite3_reset(s);
	free(folded);
	if (rc != STORE_OK)
		return store_fail(st, STORE_NOT_FOUND,
		    _("There is no subject %s. `dapter subject list` shows them."), name);
	return rc;
}

int
store_subject_list(struct store *st, struct subject **rows, size_t *n)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " SUBJECT_COLUMNS " FROM subject s"
	    " JOIN scheme k ON k.id = s.scheme_id ORDER BY s.name");
	struct subject *p = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return STORE_FAILED;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((p = store_grow(st, (void **)rows, n, sizeof *p)) == NULL)
			return STORE_FAILED;
		subject_row(s, p);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_scheme_for(struct store *st, const struct class *c, const struct subject *subj,
    struct assess_scheme *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT kind, sor_pool, fo_min, fo_max, w_fo, w_sor,"
	    " w_soch, w_fo_nosoch, w_sor_nosoch, min3, min4, min5, pass_min, w_work, w_exam"
	    " FROM scheme"
	    " WHERE name = ?");
	struct subject in_class = *subj;
	const char *kind = NULL;
	int rc;

	if (s == NULL)
		return STORE_FAILED;
	/* Grade 1 is not marked at all (descriptive assessment only). */
	if (subj->id != 0 && c->id != 0 &&
	    (rc = store_subject_in_class(st, c->id, subj->id, &in_class)) != STORE_OK)
		return rc;
	store_bind_text(s, 1, c->grade == 1 ? "ungraded" : in_class.scheme);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND, _("No assessment scheme %s."),
		    in_class.scheme);
	kind = (const char *)sqlite3_column_text(s, 0);
	out->kind = strcmp(kind, "classic") == 0 ? ASSESS_CLASSIC :
	    strcmp(kind, "passfail") == 0 ? ASSESS_PASSFAIL :
	    strcmp(kind, "ungraded") == 0 ? ASSESS_UNGRADED : ASSESS_CRITERIA;
	out->sor_pool = strcmp((const char *)sqlite3_column_text(s, 1), "shares") == 0 ?
	    POOL_SHARES : POOL_POINTS;
	out->fo_min = sqlite3_column_int(s, 2);
	out->fo_max = sqlite3_column_int(s, 3);
	out->w_fo = sqlite3_column_double(s, 4);
	out->w_sor = sqlite3_column_double(s, 5);
	out->w_soch = sqlite3_column_double(s, 6);
	out->w_fo_nosoch = sqlite3_column_double(s, 7);
	out->w_sor_nosoch = sqlite3_column_double(s, 8);
	out->min3 = sqlite3_column_double(s, 9);
	out->min4 = sqlite3_column_double(s, 10);
	out->min5 = sqlite3_column_double(s, 11);
	out->pass_min = sqlite3_column_double(s, 12);
	out->w_work = sqlite3_column_double(s, 13);
	out->w_exam = sqlite3_column_double(s, 14);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_class_rename(struct store *st, int64_t class_id, const char *new_name)
{
	char canon[STORE_CLASS_MAX + 1];
	sqlite3_stmt *s = NULL;
	struct class c;
	int rc, grade = 0;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_class_get(st, class_id, &c)) != STORE_OK ||
	    (rc = store_class_name(st, new_name, canon, sizeof canon, &grade)) != STORE_OK)
		return rc;
	if (grade < 1)
		return store_class_name(st, "", canon, sizeof canon, NULL);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "UPDATE class SET name = ?, grade = ? WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, canon);
	sqlite3_bind_int(s, 2, grade);
	sqlite3_bind_int64(s, 3, class_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("Class %s exists already."), canon) :
		    store_fail_db(st);
		goto out;
	}
	rc = class_audit(st, "class.rename", c.name, c.name, canon, class_id);
out:
	return store_write_end(st, rc);
}

int
store_class_promote(struct store *st, int64_t class_id, int64_t *new_id)
{
	char next_name[STORE_CLASS_MAX + 1], next_starts[11] = "", value[64];
	char *logged = NULL;
	const char *letter = NULL;
	sqlite3_stmt *s = NULL;
	struct class c;
	int64_t id = 0, next_year_id = 0;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_class_get(st, class_id, &c)) != STORE_OK)
		return rc;
	if (c.grade >= 12)
		return store_fail(st, STORE_INVALID, _("Grade %d is the last: there is no next one."),
		    c.grade);
	if ((s = store_stmt(st, "SELECT id, starts FROM year WHERE start_year = ?")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int(s, 1, c.start_year + 1);
	if (sqlite3_step(s) == SQLITE_ROW) {
		next_year_id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, next_starts, sizeof next_starts);
	}
	sqlite3_reset(s);
	if (next_year_id == 0)
		return store_fail(st, STORE_NOT_FOUND,
		    _("Add the next school year first: dapter year add %d."), c.start_year + 1);
	letter = strchr(c.name, ' ');
	snprintf(next_name, sizeof next_name, "%d%s", c.grade + 1, letter != NULL ? letter : "");
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO class(year_id, grade, name, teacher_id)"
	    " VALUES (?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, next_year_id);
	sqlite3_bind_int(s, 2, c.grade + 1);
	store_bind_text(s, 3, next_name);
	if (c.teacher_id != 0)
		sqlite3_bind_int64(s, 4, c.teacher_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("Class %s exists already next year."), next_name) :
		    store_fail_db(st);
		goto out;
	}
	id = sqlite3_last_insert_rowid(st->db);
	/* Every pupil still in the class goes up; this year's journal keeps them. */
	if ((s = store_stmt(st, "INSERT INTO enrolment(pupil_id, class_id, since)"
	    " SELECT pupil_id, ?2, ?3 FROM enrolment WHERE class_id = ?1 AND until IS NULL")) ==
	    NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, id);
	store_bind_text(s, 3, next_starts);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((s = store_stmt(st, "UPDATE pupil SET class_id = ?2 WHERE id IN (SELECT pupil_id"
	    " FROM enrolment WHERE class_id = ?1 AND until IS NULL)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((s = store_stmt(st, "UPDATE enrolment SET until = ?2 WHERE class_id = ?1"
	    " AND until IS NULL")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, class_id);
	store_bind_text(s, 2, next_starts);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	snprintf(value, sizeof value, "%s %d-%d", next_name, c.start_year + 1, c.start_year + 2);
	/*
	 * The new class's row (STORE_CLASS_STATE), then each pupil moved up and
	 * the class history it has now (STORE_ENROLMENT_STATE).
	 */
	if ((logged = store_audit_value(st, value, "SELECT (" CLASS_LINE_SQL ") ||"
	    " coalesce(group_concat(char(10) || 'pupil:' || p.id || ' ' || substr("
	    STORE_ENROLMENT_STATE("p.id") ", 2), ''), '') FROM pupil p WHERE p.class_id = ?1",
	    id)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	rc = store_audit_append(st, "class.promote", c.name, NULL, logged);
	if (new_id != NULL)
		*new_id = id;
out:
	free(logged);
	return store_write_end(st, rc);
}
