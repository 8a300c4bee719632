/*
 * The store's guarantees that the command line cannot show: locks between
 * sessions, data_version for live refresh, and audit records that share
 * their change's fate.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static int64_t
audit_count(struct store *st)
{
	int64_t bad = 0, n = 0;

	store_audit_verify(st, &bad, &n);
	return n;
}

int
main(void)
{
	char dir[] = "/tmp/dapter-store-XXXXXX", path[64], res[96];
	struct store *op = NULL, *a1 = NULL, *a2 = NULL, *b = NULL;
	struct lock_info h;
	struct class c;
	struct subject s;
	struct user ua, ub;
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
	    store_class_add(op, "7 Ә", NULL) != STORE_OK ||
	    store_subject_add(op, "Алгебра", 3, NULL, NULL) != STORE_OK ||
	    store_class_find(op, "7ә", &c) != STORE_OK ||
	    store_subject_find(op, "алгебра", &s) != STORE_OK ||
	    store_assign(op, "ana", c.id, s.id, 0) != STORE_OK ||
	    store_user_find(op, "ana", &ua) != STORE_OK ||
	    store_user_find(op, "ben", &ub) != STORE_OK) {
		printf("Bail out! set-up failed: %s\n", store_error(op));
		return 1;
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
