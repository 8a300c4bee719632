/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The store's guarantees that the command line cannot show: locks between
 * sessions, data_version for live refresh, and audit records that share
 * their change's fate.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "plan.h"
#include "store.h"
#include "tap.h"

static struct store *
open_as(const char *path, int64_t uid, const char *login, const char *session)
{
	struct store *st = NULL;
	struct actor a;

	if (store_open(path, 0, &st) != STORE_OK) {
		printf("Bail out! cannot open %s: %s\n", path, store_error(st));
		exit(1);
	}
	memset(&a, 0, sizeof a);
	a.user_id = uid;
	snprintf(a.login, sizeof a.login, "%s", login);
	a.role = ROLE_TEACHER;
	snprintf(a.session, sizeof a.session, "%s", session);
	store_set_actor(st, &a);
	return st;
}

/* The same with another role (head, admin) for the role checks. */
static struct store *
open_role(const char *path, int64_t uid, const char *login, enum role role)
{
	struct store *st = open_as(path, uid, login, login);
	struct actor a = *store_actor(st);

	a.role = role;
	store_set_actor(st, &a);
	return st;
}

struct last_audit {
	char action[32], object[160], old_value[256], new_value[256];
};

static int
last_audit_cb(const struct audit_record *r, void *arg)
{
	struct last_audit *la = arg;

	snprintf(la->action, sizeof la->action, "%s", r->action);
	snprintf(la->object, sizeof la->object, "%s", r->object);
	snprintf(la->old_value, sizeof la->old_value, "%s", r->old_value ? r->old_value : "");
	snprintf(la->new_value, sizeof la->new_value, "%s", r->new_value ? r->new_value : "");
	return 1;
}

/* The newest audit record. */
static struct last_audit
last_audit(struct store *st)
{
	struct audit_filter f = { NULL, NULL, NULL, NULL, 1 };
	struct last_audit la;

	memset(&la, 0, sizeof la);
	store_audit_each(st, &f, last_audit_cb, &la);
	return la;
}

static int64_t
audit_count(struct store *st)
{
	int64_t bad = 0, n = 0;

	store_audit_verify(st, &bad, &n);
	return n;
}

/* One number from the database, read beside the store. */
static int
raw_count(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/*
 * Sets a mark as `login` in a child process while this one holds the write
 * lock, and commits `sql` in that held transaction once the child waits for
 * the lock (asleep in SQLite's busy handler). What the write checked before
 * it waited must not decide it: returns the child's store status.
 */
static int
mark_while_held(const char *path, int64_t uid, const char *login, int64_t lesson_id,
    int64_t pupil_id, int value, const char *sql)
{
	char wchan_path[64], wchan[64];
	sqlite3 *db = NULL;
	pid_t child = -1;
	int status = 0, i, rc = 1, go[2];
	FILE *f = NULL;

	if (pipe(go) != 0)
		return 1;
	/* The lock is taken after the fork: SQLite's lock state must not cross it. */
	if ((child = fork()) == 0) {
		struct store *st = open_as(path, uid, login, "s-waiting");
		char byte;

		close(go[1]);
		if (read(go[0], &byte, 1) != 1)
			_exit(1);
		_exit(-store_mark_set(st, lesson_id, pupil_id, value, ATT_NONE));
	}
	close(go[0]);
	if (child < 0 || sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    write(go[1], "g", 1) != 1)
		goto out;
	snprintf(wchan_path, sizeof wchan_path, "/proc/%ld/wchan", (long)child);
	/* Up to 20 s: a loaded machine may take long to start the child. */
	for (i = 0; i < 2000; i++) {
		wchan[0] = '\0';
		if ((f = fopen(wchan_path, "r")) != NULL) {
			if (fgets(wchan, sizeof wchan, f) == NULL)
				wchan[0] = '\0';
			fclose(f);
		}
		if (strstr(wchan, "nanosleep") != NULL)
			break;
		usleep(10000);
	}
	if (i == 2000)
		printf("# the child never waited for the lock (wchan %s)\n", wchan);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		printf("# %s: %s\n", sql, sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
out:
	close(go[1]);
	if (child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status))
		rc = -WEXITSTATUS(status);
	sqlite3_close(db);
	return rc;
}

int
main(void)
{
	char dir[] = "/tmp/dapter-store-XXXXXX", path[64], res[96];
	struct store *op = NULL, *a1 = NULL, *a2 = NULL, *b = NULL;
	struct lock_info h;
	struct class c;
	struct subject s;
	struct user ua, ub, uh;
	struct lesson l;
	struct pupil p;
	int64_t v, before;

	setenv("DAPTER_TODAY", "2026-11-23", 1);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (store_open(path, STORE_CREATE, &op) != STORE_OK ||
	    store_school_init(op, "Test", "2026-11-23") != STORE_OK ||
	    store_user_add(op, "ana", "Ana", ROLE_TEACHER, "password-1") != STORE_OK ||
	    store_user_add(op, "ben", "Ben", ROLE_TEACHER, "password-2") != STORE_OK ||
	    store_user_add(op, "hana", "Hana", ROLE_HEAD, "password-3") != STORE_OK ||
	    store_class_add(op, "7 Ә", NULL) != STORE_OK ||
	    store_subject_add(op, "Алгебра", 3, NULL, NULL) != STORE_OK ||
	    store_class_find(op, "7ә", &c) != STORE_OK ||
	    store_subject_find(op, "алгебра", &s) != STORE_OK ||
	    store_assign(op, "ana", c.id, s.id, 0) != STORE_OK ||
	    store_user_find(op, "ana", &ua) != STORE_OK ||
	    store_user_find(op, "ben", &ub) != STORE_OK ||
	    store_user_find(op, "hana", &uh) != STORE_OK) {
		printf("Bail out! set-up failed: %s\n", store_error(op));
		return 1;
	}
	{
		char name[64];
		int grade = 0;

		/* Found by fuzz_marks under UBSan: the digits were summed past INT_MAX. */
		tap_is_int(class_name_canonical("888888888888888888887 Ә", name, sizeof name,
		    &grade), STORE_INVALID, "a class number of many digits is no class");
		tap_is_int(class_name_canonical("11а", name, sizeof name, &grade), STORE_OK,
		    "two digits are");
		tap_is_str(name, "11 А", "and come out canonical");
	}
	memset(&p, 0, sizeof p);
	snprintf(p.surname, sizeof p.surname, "Әлиев");
	snprintf(p.given, sizeof p.given, "Нұр");
	tap_is_int(store_pupil_add(op, c.id, &p), STORE_OK, "a pupil is added");

	a1 = open_as(path, ua.id, "ana", "s-ana-1");
	a2 = open_as(path, ua.id, "ana", "s-ana-2");
	b = open_as(path, ub.id, "ben", "s-ben");
	journal_resource(res, sizeof res, c.id, s.id, 0, 1);

	tap_is_int(store_lock_take(a1, res, 0, 120, NULL), STORE_OK, "a free page is locked");
	memset(&h, 0, sizeof h);
	tap_is_int(store_lock_take(b, res, 1, 120, &h), STORE_LOCKED,
	    "another user cannot take a held page, even asking to take his own");
	tap_is_str(h.login, "ana", "the refusal names the holder");
	tap_ok(strstr(store_error(b), "Ana") != NULL, "and the message names her");
	tap_is_int(store_lock_take(a2, res, 0, 120, NULL), STORE_LOCKED,
	    "the same user's other session waits unless it asks to take over");
	tap_is_int(store_lock_take(a2, res, 1, 120, NULL), STORE_OK,
	    "the same user takes over her own lock from another session");
	tap_is_int(store_lock_holder(b, res, 120, &h), STORE_OK, "the holder can be read");
	tap_is_str(h.session, "s-ana-2", "the lock moved to the new session");
	tap_is_int(store_lock_take(a1, res, 0, 0, NULL), STORE_LOCKED,
	    "the old session lost it");

	/* A lock whose process died is free: fake a dead pid on this host. */
	{
		struct store *raw = open_as(path, ub.id, "ben", "raw");
		tap_is_int(store_lock_release(a2, res), STORE_OK, "the holder releases");
		tap_is_int(store_lock_holder(b, res, 120, &h), STORE_NOT_FOUND,
		    "a released page has no holder");
		store_close(raw);
	}
	tap_is_int(store_lock_take(a1, res, 0, 1, NULL), STORE_OK, "ana locks again");
	sleep(2);
	tap_is_int(store_lock_take(b, res, 0, 1, NULL), STORE_OK,
	    "a lock without a heartbeat past the staleness limit is free");

	/* data_version: another connection's commit is visible, our own is not. */
	memset(&l, 0, sizeof l);
	l.class_id = c.id;
	l.subject_id = s.id;
	snprintf(l.date, sizeof l.date, "2026-11-23");
	v = store_data_version(b);
	tap_is_int(store_lesson_add(a1, &l), STORE_OK, "ana adds a lesson to her journal");
	tap_ok(store_data_version(b) != v, "a reader sees data_version change after a commit");
	v = store_data_version(b);
	tap_is_int(store_data_version(b), v, "and it stays put while nothing changes");

	/* Refused writes leave no trace in the audit log. */
	before = audit_count(op);
	tap_is_int(store_mark_set(a1, l.id, p.id, 11, ATT_NONE), STORE_INVALID,
	    "a mark of 11 is refused");
	tap_is_int(store_mark_set(b, l.id, p.id, 5, ATT_NONE), STORE_DENIED,
	    "a mark in another teacher's journal is refused");
	tap_is_int(audit_count(op), before, "refused writes append no audit record");
	tap_is_int(store_mark_set(a1, l.id, p.id, 9, ATT_LATE), STORE_OK, "a mark is set");
	tap_is_int(audit_count(op), before + 1, "one change, one audit record");
	tap_is_int(store_mark_set(a1, l.id, p.id, 9, ATT_LATE), STORE_OK, "the same mark again");
	tap_is_int(audit_count(op), before + 1, "an unchanged mark is not audited again");

	/* A transaction rolled back takes its audit records with it. */
	before = audit_count(op);
	tap_is_int(store_tx_begin(a1), STORE_OK, "a transaction begins");
	store_mark_set(a1, l.id, p.id, 3, ATT_NONE);
	store_tx_rollback(a1);
	tap_is_int(audit_count(op), before, "a rolled-back change leaves no audit record");
	{
		struct mark *m = NULL;
		size_t n = 0;

		store_mark_list(a1, c.id, s.id, 0, NULL, &m, &n);
		tap_ok(n == 1 && m[0].value == 9 && m[0].att == ATT_LATE,
		    "and the mark is what it was");
		free(m);
	}
	/*
	 * Every check under the write lock: a period closed, an account disabled
	 * or a role changed while a write waits for the lock stops that write.
	 */
	tap_is_int(mark_while_held(path, ua.id, "ana", l.id, p.id, 4, "UPDATE period SET closed = 1"
	    " WHERE kind = 'q' AND '2026-11-23' BETWEEN starts AND ends"), STORE_CLOSED,
	    "a period closed while the mark waits for the lock refuses it");
	tap_is_int(raw_count(path, "SELECT value FROM mark"), 9, "and the mark is unchanged");
	tap_is_int(mark_while_held(path, ua.id, "ana", l.id, p.id, 4, "UPDATE period SET closed = 0"
	    " WHERE kind = 'q' AND '2026-11-23' BETWEEN starts AND ends; UPDATE user SET disabled = 1"
	    " WHERE login = 'ana'"), STORE_DENIED,
	    "an account disabled while the mark waits for the lock is refused");
	tap_is_int(store_mark_set(a1, l.id, p.id, 4, ATT_NONE), STORE_DENIED,
	    "a disabled teacher's open session writes no more");
	tap_ok(strstr(store_error(a1), "disabled") != NULL, "and is told her account is disabled");
	tap_is_int(store_actor_check(a1), STORE_DENIED, "which her session can ask without writing");
	tap_is_int(mark_while_held(path, ua.id, "ana", l.id, p.id, 4, "UPDATE user SET"
	    " disabled = 0, role = 'head' WHERE login = 'ana'"), STORE_DENIED,
	    "a role changed while the mark waits for the lock refuses it");
	tap_is_int(store_mark_set(a1, l.id, p.id, 4, ATT_NONE), STORE_DENIED,
	    "a teacher made head writes no more as the teacher she logged in as");
	tap_ok(strstr(store_error(a1), "role") != NULL, "and is told her role changed");
	tap_is_int(raw_count(path, "SELECT value FROM mark"), 9, "the mark never changed");
	if (store_user_set_role(op, "ana", ROLE_TEACHER) != STORE_OK) {
		printf("Bail out! cannot give ana her role back: %s\n", store_error(op));
		return 1;
	}
	tap_is_int(store_actor_check(a1), STORE_OK, "her role back, her session writes again");
	/* ---- a comment on a cell: checked and audited as a mark is ---- */
	{
		struct comment *cm = NULL;
		size_t n = 0;

		before = audit_count(op);
		tap_is_int(store_comment_set(a1, l.id, p.id, "Жақсы\nжұмыс"), STORE_OK,
		    "a comment of two lines is set");
		tap_is_int(audit_count(op), before + 1, "and audited");
		tap_is_int(store_comment_set(a1, l.id, p.id, " Жақсы \r\nжұмыс "), STORE_OK,
		    "the same comment, spaces and CRLF aside");
		tap_is_int(audit_count(op), before + 1, "is no change and no record");
		tap_is_int(store_comment_set(a1, l.id, p.id, "\x1b[2Jx"), STORE_INVALID,
		    "an escape sequence is refused");
		tap_is_int(store_comment_set(a1, l.id, p.id, "a\xe2\x80\xae" "b"), STORE_INVALID,
		    "a bidi override is refused");
		tap_is_int(store_comment_set(b, l.id, p.id, "x"), STORE_DENIED,
		    "another teacher may not comment in her journal");
		tap_is_int(audit_count(op), before + 1, "refusals leave no record");
		tap_is_int(store_mark_set(a1, l.id, p.id, -1, ATT_NONE), STORE_OK,
		    "the mark is cleared");
		tap_is_int(store_comment_list(b, c.id, s.id, 0, NULL, &cm, &n), STORE_DENIED,
		    "another teacher may not read her comments");
		free(cm);
		cm = NULL;
		tap_is_int(store_comment_list(a1, c.id, s.id, 0, NULL, &cm, &n), STORE_OK,
		    "the page's comments are listed");
		tap_ok(n == 1 && strcmp(cm[0].text, "Жақсы\nжұмыс") == 0 &&
		    strcmp(cm[0].date, "2026-11-23") == 0,
		    "the comment outlives the mark, as typed");
		free(cm);
		cm = NULL;
		tap_is_int(store_comment_set(a1, l.id, p.id, "  "), STORE_OK,
		    "white space alone clears it");
		tap_is_int(audit_count(op), before + 3, "audited (the mark's clearing too)");
		tap_is_int(raw_count(path, "SELECT count(*) FROM comment"), 0, "and it is gone");
		tap_is_int(store_mark_set(a1, l.id, p.id, 9, ATT_LATE), STORE_OK,
		    "the mark is put back for what follows");
	}
	/* ---- holidays ---- */
	{
		struct store *head = open_role(path, uh.id, "hana", ROLE_HEAD);
		struct holiday *hs = NULL;
		struct last_audit la;
		size_t n = 0;
		int64_t hid = 0;

		tap_is_int(store_holiday_list(a1, 2026, &hs, &n), STORE_OK,
		    "anyone lists the holidays of a year");
		tap_ok(n == 3 && strcmp(hs[0].name, "Autumn holidays") == 0 &&
		    strcmp(hs[0].starts, "2026-10-27") == 0 && strcmp(hs[2].ends, "2027-03-29") == 0 &&
		    hs[1].start_year == 2026, "a new year has its autumn, winter and spring holidays");
		free(hs);
		tap_is_int(store_holiday_list(op, 2030, &hs, &n), STORE_NOT_FOUND,
		    "the holidays of a year never added are not found");
		free(hs);

		before = audit_count(op);
		tap_is_int(store_holiday_add(a1, 2026, 0, "2027-03-08", "2027-03-08", "8 Наурыз",
		    &hid), STORE_DENIED, "a teacher may not add a holiday");
		tap_is_int(store_holiday_add(head, 2026, 0, "2027-03-08", "2027-03-08", "8 Наурыз",
		    &hid), STORE_DENIED, "nor the head of studies: the calendar is the admin's");
		tap_is_int(store_holiday_add(op, 2026, 0, "2027-03-09", "2027-03-08", "8 Наурыз",
		    &hid), STORE_INVALID, "a holiday ending before it starts is refused");
		tap_is_int(store_holiday_add(op, 2026, 0, "2027-02-30", "2027-03-08", "8 Наурыз",
		    &hid), STORE_INVALID, "a day that does not exist is refused");
		tap_is_int(store_holiday_add(op, 2026, 0, "2027-06-01", "2027-06-05", "Summer",
		    &hid), STORE_INVALID, "a holiday outside the school year is refused");
		tap_ok(strstr(store_error(op), "2026-09-01") != NULL,
		    "and the message gives the year's days");
		tap_is_int(store_holiday_add(op, 2026, 0, "2027-03-15", "2027-03-20", "Наурыз",
		    &hid), STORE_INVALID, "a holiday overlapping another is refused");
		tap_ok(strstr(store_error(op), "Spring holidays") != NULL,
		    "and the message names the other holiday");
		tap_is_int(store_holiday_add(op, 2026, 0, "2027-03-08", "2027-03-08", "", &hid),
		    STORE_INVALID, "a holiday needs a name");
		tap_is_int(store_holiday_add(op, 2030, 0, "2030-10-01", "2030-10-02", "X", &hid),
		    STORE_NOT_FOUND, "a holiday in a year never added is not found");
		tap_is_int(audit_count(op), before, "refused holidays leave no audit record");

		tap_is_int(store_holiday_add(op, 2026, 0, "08.03.2027", "2027-03-08", "8 Наурыз",
		    &hid), STORE_OK, "an admin adds a one-day holiday");
		tap_ok(hid > 0, "and learns its id");
		tap_is_int(audit_count(op), before + 1, "the holiday is audited");
		la = last_audit(op);
		tap_is_str(la.action, "holiday.add", "as holiday.add");
		tap_is_str(la.new_value, "2027-03-08..2027-03-08 8 Наурыз", "with its days and name");
		tap_ok(store_holiday_on(op, "2027-03-08"), "the day is now a holiday");
		tap_is_int(store_holiday_list(op, 2026, &hs, &n), STORE_OK, "the list again");
		tap_ok(n == 4 && hs[2].id == hid && strcmp(hs[2].name, "8 Наурыз") == 0,
		    "holidays are listed by first day");
		free(hs);

		before = audit_count(op);
		tap_is_int(store_holiday_remove(a1, hid), STORE_DENIED,
		    "a teacher may not remove a holiday");
		tap_is_int(store_holiday_remove(head, hid), STORE_DENIED, "nor the head");
		tap_is_int(audit_count(op), before, "refused removals leave no audit record");
		tap_is_int(store_holiday_remove(op, hid), STORE_OK, "an admin removes the holiday");
		la = last_audit(op);
		tap_ok(strcmp(la.action, "holiday.remove") == 0 &&
		    strcmp(la.old_value, "2027-03-08..2027-03-08 8 Наурыз") == 0 &&
		    la.new_value[0] == '\0', "the removal is audited with the old value");
		tap_ok(!store_holiday_on(op, "2027-03-08"), "the day is a school day again");
		tap_is_int(store_holiday_remove(op, hid), STORE_NOT_FOUND,
		    "removing it twice says it is not found");
		store_close(head);
	}

	/* ---- moving a period's days ---- */
	{
		struct store *head = open_role(path, uh.id, "hana", ROLE_HEAD);
		struct period q1, q2, h1, got;
		struct last_audit la;

		if (store_period_find(op, "2026-q1", "2026-11-23", &q1) != STORE_OK ||
		    store_period_find(op, "2026-q2", "2026-11-23", &q2) != STORE_OK ||
		    store_period_find(op, "2026-h1", "2026-11-23", &h1) != STORE_OK) {
			printf("Bail out! no periods: %s\n", store_error(op));
			return 1;
		}
		/* A lesson on q1's first day: moving that day would leave it in no quarter. */
		{
			struct lesson first;

			memset(&first, 0, sizeof first);
			first.class_id = c.id;
			first.subject_id = s.id;
			snprintf(first.date, sizeof first.date, "2026-09-01");
			store_lesson_add(a1, &first);
		}
		before = audit_count(op);
		tap_is_int(store_period_set_dates(a1, q1.id, "2026-09-02", "2026-10-30"), STORE_DENIED,
		    "a teacher may not move a period");
		tap_is_int(store_period_set_dates(head, q1.id, "2026-09-02", "2026-10-30"),
		    STORE_DENIED, "nor the head: the calendar is the admin's");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-10-30", "2026-09-02"), STORE_INVALID,
		    "reversed days are refused");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-09-02", "31.10"), STORE_INVALID,
		    "a malformed day is refused");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-08-25", "2026-10-30"), STORE_INVALID,
		    "a period may not start before its school year");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-09-01", "2027-01-10"), STORE_INVALID,
		    "nor swallow the next quarter");
		tap_ok(strstr(store_error(op), "2026-q2") != NULL, "and the message names it");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-09-03", "2026-11-02"), STORE_INVALID,
		    "a quarter may not leave a recorded lesson in no quarter");
		tap_ok(strstr(store_error(op), "(1 of them)") != NULL, "and says how many lessons");
		tap_is_int(store_period_set_dates(op, 999999, "2026-09-02", "2026-10-30"),
		    STORE_NOT_FOUND, "an unknown period is not found");
		tap_is_int(audit_count(op), before, "refused moves leave no audit record");

		tap_is_int(store_period_set_dates(op, q1.id, "01.09.2026", "2026-10-30"), STORE_OK,
		    "an admin moves the end of the first quarter");
		store_period_find(op, "2026-q1", "2026-11-23", &got);
		tap_ok(strcmp(got.starts, "2026-09-01") == 0 && strcmp(got.ends, "2026-10-30") == 0,
		    "the period has its new days");
		store_period_find(op, "2026-q2", "2026-11-23", &got);
		tap_ok(strcmp(got.starts, "2026-10-31") == 0 && strcmp(got.ends, "2027-01-07") == 0,
		    "and the second starts the next day: no day falls between terms");
		tap_is_int(audit_count(op), before + 2, "both moves are audited");
		la = last_audit(op);
		tap_ok(strcmp(la.action, "period.dates") == 0 &&
		    strcmp(la.old_value, "2026-09-01..2026-11-02") == 0 &&
		    strcmp(la.new_value, "2026-09-01..2026-10-30") == 0 &&
		    strstr(la.object, "2026-q1") != NULL, "as period.dates, old -> new");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-09-01", "2026-10-30"), STORE_OK,
		    "the same days again are fine");
		tap_is_int(audit_count(op), before + 2, "and not audited again");
		tap_is_int(store_period_set_dates(op, h1.id, "2026-09-01", "2026-11-20"), STORE_OK,
		    "a half-year may move past a quarter subject's lesson: it is not that lesson's");
		store_period_set_dates(op, h1.id, h1.starts, h1.ends);

		tap_is_int(store_period_set_closed(head, q1.id, 1), STORE_OK, "the head closes q1");
		tap_is_int(store_period_set_dates(op, q1.id, "2026-09-01", "2026-11-02"), STORE_CLOSED,
		    "a closed period keeps its days");
		tap_is_int(store_period_set_dates(op, q2.id, "2026-11-03", "2027-01-07"), STORE_CLOSED,
		    "and so does its edge: q2 may not take days from a closed q1");
		tap_ok(strstr(store_error(op), "2026-q1") != NULL, "the message names the closed one");
		store_period_set_closed(head, q1.id, 0);
		tap_is_int(store_period_set_dates(op, q1.id, "2026-09-01", "2026-11-02"), STORE_OK,
		    "reopened, it moves back");
		store_period_find(op, "2026-q2", "2026-11-23", &got);
		tap_ok(strcmp(got.starts, "2026-11-03") == 0, "and q2 with it");
		store_close(head);
	}

	/* ---- substitutions ---- */
	{
		struct store *head = open_role(path, uh.id, "hana", ROLE_HEAD);
		struct substitution *x = NULL;
		struct last_audit la;
		size_t n = 0;
		int64_t ben_sub = 0;

		if (store_substitute_add(op, "ben", c.id, s.id, 0, "2026-11-20", "2026-11-27") !=
		    STORE_OK || store_substitute_add(op, "ana", c.id, s.id, 0, "2026-10-01",
		    "2026-10-02") != STORE_OK) {
			printf("Bail out! cannot add substitutions: %s\n", store_error(op));
			return 1;
		}
		tap_is_int(store_substitution_list(op, &x, &n), STORE_OK, "an admin lists substitutions");
		tap_ok(n == 2 && strcmp(x[0].login, "ana") == 0 && strcmp(x[1].login, "ben") == 0,
		    "by first day, the newest last");
		if (n == 2) {
			ben_sub = x[1].id;
			tap_ok(x[1].class_id == c.id && x[1].subject_id == s.id && x[1].subgroup == 0 &&
			    strcmp(x[1].class_name, "7 Ә") == 0 &&
			    strcmp(x[1].subject_name, "Алгебра") == 0 &&
			    strcmp(x[1].starts, "2026-11-20") == 0 && strcmp(x[1].ends, "2026-11-27") == 0,
			    "each with its journal and days");
		}
		free(x);
		tap_is_int(store_substitution_list(head, &x, &n), STORE_OK, "the head lists them");
		tap_is_int(n, 2, "all of them");
		free(x);
		tap_is_int(store_substitution_list(b, &x, &n), STORE_OK, "a teacher lists them");
		tap_ok(n == 1 && strcmp(x[0].login, "ben") == 0, "and sees only his own");
		free(x);

		tap_ok(store_journal_writable(b, c.id, s.id, 0), "the substitute writes the journal");
		{
			struct lesson l9, l24, l10;

			/* A substitute writes the lessons of her days only. */
			memset(&l9, 0, sizeof l9);
			l9.class_id = c.id;
			l9.subject_id = s.id;
			snprintf(l9.date, sizeof l9.date, "2026-11-09");
			l24 = l10 = l9;
			snprintf(l24.date, sizeof l24.date, "2026-11-24");
			snprintf(l10.date, sizeof l10.date, "2026-11-10");
			if (store_lesson_add(a1, &l9) != STORE_OK ||
			    store_mark_set(a1, l9.id, p.id, 8, ATT_NONE) != STORE_OK) {
				printf("Bail out! cannot add the 9 November lesson: %s\n",
				    store_error(a1));
				return 1;
			}
			tap_is_int(store_mark_set(b, l9.id, p.id, 2, ATT_NONE), STORE_DENIED,
			    "the substitute may not change a mark of a lesson before her days");
			tap_ok(strstr(store_error(b), "2026-11-09") != NULL,
			    "and the refusal names the lesson's day");
			snprintf(l9.topic, sizeof l9.topic, "rewritten");
			tap_is_int(store_lesson_update(b, &l9, 0), STORE_DENIED,
			    "nor that lesson's topic");
			tap_is_int(store_lesson_add(b, &l10), STORE_DENIED,
			    "nor add a lesson before her days");
			tap_is_int(store_lesson_add(b, &l24), STORE_OK,
			    "she adds the lesson of a day of her substitution");
			tap_is_int(store_mark_set(b, l24.id, p.id, 7, ATT_NONE), STORE_OK,
			    "and marks it");
			tap_is_int(raw_count(path, "SELECT value FROM mark m JOIN lesson l"
			    " ON l.id = m.lesson_id WHERE l.date = '2026-11-09'"), 8,
			    "the regular teacher's mark stands");
		}
		before = audit_count(op);
		tap_is_int(store_substitution_remove(b, ben_sub), STORE_DENIED,
		    "a teacher may not end a substitution");
		tap_is_int(store_substitution_remove(head, ben_sub), STORE_DENIED, "nor the head");
		tap_is_int(audit_count(op), before, "refused removals leave no audit record");
		tap_is_int(store_substitution_remove(op, ben_sub), STORE_OK,
		    "an admin ends the substitution");
		la = last_audit(op);
		tap_ok(strcmp(la.action, "substitute.remove") == 0 &&
		    strncmp(la.old_value, "ben 2026-11-20..2026-11-27\nsubstitution:", 40) == 0 &&
		    strstr(la.object, "7 Ә") != NULL, "the removal is audited with the old value");
		tap_ok(!store_journal_writable(b, c.id, s.id, 0), "and he may write no longer");
		tap_is_int(store_substitution_remove(op, ben_sub), STORE_NOT_FOUND,
		    "ending it twice says it is not found");
		tap_is_int(store_substitution_list(op, &x, &n), STORE_OK, "the list again");
		tap_ok(n == 1 && strcmp(x[0].login, "ana") == 0, "holds the other one");
		free(x);
		store_close(head);
	}
	/* A killed session's row and lock go when the next session begins. */
	{
		char res2[96];
		pid_t child;
		int status = 0;

		journal_resource(res2, sizeof res2, c.id, s.id, 0, 2);
		if ((child = fork()) == 0) {
			struct store *dead = open_as(path, ub.id, "ben", "s-killed");

			_exit(store_session_begin(dead, "test") != STORE_OK ||
			    store_lock_take(dead, res2, 0, 120, NULL) != STORE_OK);
		}
		waitpid(child, &status, 0);
		tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "a session that then dies took a lock");
		tap_is_int(raw_count(path, "SELECT count(*) FROM session WHERE id = 's-killed'"), 1,
		    "its row stays after the kill");
		tap_is_int(store_session_begin(a1, "test"), STORE_OK, "another session begins");
		tap_is_int(raw_count(path, "SELECT count(*) FROM session WHERE id = 's-killed'"), 0,
		    "and the dead session's row is gone");
		tap_is_int(raw_count(path, "SELECT count(*) FROM lock WHERE session = 's-killed'"), 0,
		    "with its lock");
		tap_is_int(raw_count(path, "SELECT count(*) FROM session WHERE id = 's-ana-1'"), 1,
		    "the live session is registered");
	}
	/*
	 * The timetable: dated, admin-only, and its days on the page cost
	 * nothing until the first mark, which writes the lesson with it or not
	 * at all.
	 */
	{
		struct timetable_entry tt[3], *on = NULL;
		struct lesson *cols = NULL;
		struct period q2;
		size_t n = 0, i, wed = 0, first = 0;
		int late = 0, today = 0;

		memset(tt, 0, sizeof tt);
		for (i = 0; i < 3; i++) {
			tt[i].weekday = i == 0 ? 1 : 3;
			tt[i].num = i == 0 ? 1 : (int)i + 2;
			tt[i].shift = 1;
			tt[i].subject_id = s.id;
			tt[i].teacher_id = ua.id;
		}
		tap_is_int(store_timetable_set(a1, c.id, "2026-09-01", tt, 3), STORE_DENIED,
		    "a teacher may not set a timetable");
		tt[2].teacher_id = ub.id;
		tap_is_int(store_timetable_set(op, c.id, "2026-09-01", tt, 3), STORE_INVALID,
		    "a teacher not assigned to the subject is refused");
		tap_is_int(raw_count(path, "SELECT count(*) FROM timetable"), 0,
		    "and nothing of it is written");
		tt[2].teacher_id = ua.id;
		tap_is_int(store_timetable_set(op, c.id, "2026-09-01", tt, 3), STORE_OK,
		    "Monday's lesson 1 and Wednesday's 3 and 4");
		tap_is_int(store_period_find(op, "q2", "2026-11-23", &q2), STORE_OK, "q2");
		tap_is_int(store_lesson_page(a1, c.id, s.id, 0, &q2, "2026-11-23", &cols, &n),
		    STORE_OK, "the page's columns");
		for (i = 0; i < n; i++) {
			if (strcmp(cols[i].date, "2026-11-18") == 0 && cols[i].id == 0 &&
			    wed++ == 0)
				first = i;
			late += cols[i].id == 0 && strcmp(cols[i].date, "2026-11-23") > 0;
			today += strcmp(cols[i].date, "2026-11-23") == 0;
		}
		tap_is_int((int)wed, 2, "a Wednesday has two timetabled columns");
		tap_ok(today > 0 && late == 0, "today has its column, and no day after it has one");
		tap_is_int(store_mark_set_in(a1, &cols[first], p.id, 11, ATT_NONE), STORE_INVALID,
		    "a mark out of range in an unwritten lesson is refused");
		tap_is_int(raw_count(path, "SELECT count(*) FROM lesson WHERE date = '2026-11-18'"),
		    0, "and the lesson is not written either");
		tap_is_int(store_mark_set_in(a1, &cols[first], p.id, 9, ATT_NONE), STORE_OK,
		    "a mark in an unwritten lesson");
		tap_ok(cols[first].id > 0 && raw_count(path, "SELECT count(*) FROM lesson"
		    " WHERE date = '2026-11-18'") == 1, "writes the lesson with it");
		free(cols);
		tap_is_int(store_lesson_page(a1, c.id, s.id, 0, &q2, "2026-11-23", &cols, &n),
		    STORE_OK, "the page again");
		for (i = 0, wed = 0; i < n; i++)
			wed += strcmp(cols[i].date, "2026-11-18") == 0;
		tap_is_int((int)wed, 2, "the written lesson fills one of the day's two places");
		free(cols);
		tap_is_int(store_timetable_set(op, c.id, "2026-11-16", tt, 1), STORE_OK,
		    "a new timetable from 16.11");
		tap_is_int(store_timetable_on(op, c.id, "2026-11-13", &on, &n), STORE_OK,
		    "the timetable on 13.11");
		tap_is_int((int)n, 3, "is the old one");
		free(on);
		tap_is_int(store_timetable_on(op, c.id, "2026-11-16", &on, &n), STORE_OK,
		    "the timetable on 16.11");
		tap_is_int((int)n, 1, "is the new one");
		free(on);
	}
	/* The plan's editor (ui_plan.c): who may write it, and no edit lost unseen. */
	{
		struct store *e1 = open_as(path, ua.id, "ana", "s-ana-plan-1");
		struct store *e2 = open_as(path, ua.id, "ana", "s-ana-plan-2");
		struct plan_topic t[2], *was = NULL;
		struct plan_owner o;
		size_t n = 0;

		memset(t, 0, sizeof t);
		t[0].num = 1;
		t[0].hours = 2;
		snprintf(t[0].topic, sizeof t[0].topic, "Степень");
		t[1] = t[0];
		t[1].num = 2;
		snprintf(t[1].topic, sizeof t[1].topic, "Одночлены");
		tap_is_int(store_plan_owner(e1, c.id, s.id, &o), STORE_NOT_FOUND,
		    "a journal without a plan follows none");
		tap_ok(o.class_id == c.id && o.grade == c.grade, "a start would be the class's own");
		tap_ok(store_plan_writable(e1, &o, s.id), "the subject's teacher may write it");
		tap_ok(!store_plan_writable(b, &o, s.id), "a substitute may not");
		tap_is_int(store_plan_edit(e1, &o, s.id, NULL, 0, t, 1), STORE_OK,
		    "a plan is started from an empty list");
		tap_is_int(store_plan_edit(e2, &o, s.id, NULL, 0, t, 2), STORE_LOCKED,
		    "a second editor who read no plan cannot save over the one started meanwhile");
		tap_is_int(store_plan_progress(e2, c.id, s.id, 0, &was, &n, NULL), STORE_OK,
		    "she reads it again");
		tap_is_int(store_plan_edit(e2, &o, s.id, was, n, t, 2), STORE_OK,
		    "and her edit over what she read is written");
		tap_is_int(store_plan_edit(e1, &o, s.id, was, n, t, 1), STORE_LOCKED,
		    "the first editor's copy, now stale, is refused");
		tap_is_int(store_plan_edit(b, &o, s.id, t, 2, t, 1), STORE_DENIED,
		    "and a substitute's edit is refused for who he is");
		free(was);
		was = NULL;
		tap_is_int(store_plan_progress(op, c.id, s.id, 0, &was, &n, NULL), STORE_OK,
		    "the plan is read");
		tap_is_int((int)n, 2, "with the two topics of the edit written");
		free(was);
		store_close(e1);
		store_close(e2);
	}
	tap_ok(store_audit_verify(op, &v, &before) == STORE_OK, "the audit chain holds");

	tap_is_int(store_integrity_check(op), STORE_OK, "the database passes integrity_check");

	store_close(a1);
	store_close(a2);
	store_close(b);
	store_close(op);
	snprintf(res, sizeof res, "rm -rf '%s'", dir);
	if (system(res) != 0)
		return 1;
	return tap_done();
}
