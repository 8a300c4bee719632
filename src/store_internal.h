/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_internal: what the store_*.c files share and nobody else sees.
 */
#ifndef DAPTER_STORE_INTERNAL_H
#define DAPTER_STORE_INTERNAL_H

#include <sqlite3.h>
#include <time.h>

#include "store.h"

#define STORE_STMT_CACHE 128

struct store {
	sqlite3 *db;
	struct actor actor;
	char error[512];
	int tx_depth;		/* store_tx_begin() nesting */
	struct {
		const char *sql;	/* the literal's address is the key */
		sqlite3_stmt *stmt;
	} cache[STORE_STMT_CACHE];
	size_t ncache;
	struct timespec busy_since;	/* when the current wait for a lock began */
	char triggers_missing[64];
	int lock_fd;		/* PATH.lock, held shared while open; -1: none */	/* append-only triggers found missing at open */
};

/* The cached, reset statement for a string literal; NULL (error set) on failure. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);
/* Records a failure: a translated sentence; returns `status` for `return store_fail(...)`. */
int store_fail(struct store *st, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records an SQLite failure with its message; returns STORE_FAILED (or STORE_LOCKED when busy). */
int store_fail_db(struct store *st);
int store_exec(struct store *st, const char *sql);
/* Resets every cached statement, ending any read snapshot they hold. */
void store_reset_all(struct store *st);

/*
 * A write: BEGIN IMMEDIATE and store_actor_check(), or a savepoint inside
 * store_tx_begin(). Every check a write depends on (period open, journal
 * writable, the row's current value) comes after it, under the write lock.
 */
int store_write_begin(struct store *st);
int store_write_end(struct store *st, int status);	/* commits on STORE_OK, else rolls back */

/* At open: puts back missing append-only triggers of the audit table (audited). */
int store_audit_triggers_repair(struct store *st);

/* Appends the audit record of a change, inside the write. */
int store_audit_append(struct store *st, const char *action, const char *object,
    const char *old_value, const char *new_value);

/*
 * What the audit keeps of rows the replay compares (store_audit.c), one
 * definition for the record and the comparison. A password is audited as
 * "pw:" and the first 16 hex digits of SHA-256 over its crypt hash (or
 * "pw:none"): the hash carries a random salt, so the fingerprint lets nobody
 * test a guessed password, yet a hash put in with sqlite3 no longer matches.
 * A key as its type and "SHA256:..." fingerprint, as ssh-keygen -l shows it.
 */
#define STORE_PW_STATE_MAX 24
void store_pw_state(const char *hash, char out[STORE_PW_STATE_MAX]);
void store_key_fingerprint(const char *b64, char *out, size_t outsize);
/* A pupil's row as the audit keeps it: the IIN masked, as it is shown. */
#define STORE_PUPIL_STATE \
	"surname || ' ' || given || CASE WHEN patronymic <> '' THEN ' ' || patronymic" \
	" ELSE '' END || char(10) || 'birth=' || birth || char(10) || 'gender=' || gender ||" \
	" char(10) || 'iin=' || CASE WHEN length(iin) = 0 THEN '' WHEN length(iin) < 4" \
	" THEN '****' ELSE '********' || substr(iin, -4) END"
/*
 * A pupil's class history as the audit keeps it, after a line break: every
 * stay "CLASS_ID:SINCE..UNTIL" in order, and the current class. P is the
 * SQL expression of the pupil's id. pupil.add, pupil.move and pupil.leave
 * end their value with it; class.promote with a line "pupil:ID" and it for
 * each pupil it moved up.
 */
#define STORE_ENROLMENT_STATE(P) \
	"char(10) || 'classes=' || coalesce((SELECT group_concat(c, ' ') FROM (SELECT" \
	" class_id || ':' || since || '..' || coalesce(until, '') AS c FROM enrolment" \
	" WHERE pupil_id = " P " ORDER BY since, id)), '') || ' class=' ||" \
	" (SELECT q.class_id FROM pupil q WHERE q.id = " P ")"
/*
 * A class as the audit keeps it, on a line of its own: "class:ID year=Y
 * grade=G name=NAME teacher=LOGIN". Its id, not its name, says which class:
 * a name changes on rename and repeats every year. class.add, class.rename,
 * class.teacher and class.promote (for the new class) put it after the first
 * line of their value. The SQL reads class c joined to its year y.
 */
#define STORE_CLASS_STATE \
	"'class:' || c.id || ' year=' || y.start_year || ' grade=' || c.grade ||" \
	" ' name=' || c.name || ' teacher=' ||" \
	" coalesce((SELECT u.login FROM user u WHERE u.id = c.teacher_id), '')"
#define STORE_CLASS_STATE_FROM " FROM class c JOIN year y ON y.id = c.year_id"
/*
 * An assignment as the audit keeps it, after the login on the first line
 * of assign's new value and unassign's old one: "LOGIN class:C subject:S/G".
 * STORE_ASSIGNMENT_ROW is the C format, STORE_ASSIGNMENT_STATE the SQL over
 * assignment a joined to user u: one text, written and compared.
 */
#define STORE_ASSIGNMENT_ROW "%s class:%lld subject:%lld/%d"
#define STORE_ASSIGNMENT_STATE \
	"u.login || ' class:' || a.class_id || ' subject:' || a.subject_id || '/' || a.subgroup"
/*
 * A substitution, after the first line of substitute's new value and
 * substitute.remove's old one: "substitution:ID LOGIN class:C subject:S/G
 * FROM..TO" (C format and SQL over substitution x joined to user u).
 */
#define STORE_SUBSTITUTION_ROW "substitution:%lld %s class:%lld subject:%lld/%d %s..%s"
#define STORE_SUBSTITUTION_STATE \
	"'substitution:' || x.id || ' ' || u.login || ' class:' || x.class_id || ' subject:' ||" \
	" x.subject_id || '/' || x.subgroup || ' ' || x.starts || '..' || x.ends"
/*
 * A class's whole timetable (every valid_from), after the lessons that
 * timetable.set lists: "class:ID" and its rows "FROM WEEKDAY SHIFT.NUM
 * subject:S/G LOGIN ROOM" joined by "; ". C is the SQL of the class's id.
 */
#define STORE_TIMETABLE_STATE(C) \
	"'class:' || " C " || ' ' || coalesce((SELECT group_concat(r, '; ') FROM (SELECT" \
	" t.valid_from || ' ' || t.weekday || ' ' || t.shift || '.' || t.num || ' subject:' ||" \
	" t.subject_id || '/' || t.subgroup || ' ' || u.login || ' ' || t.room AS r" \
	" FROM timetable t JOIN user u ON u.id = t.teacher_id WHERE t.class_id = " C \
	" ORDER BY t.valid_from, t.weekday, t.shift, t.num, t.subgroup)), '')"
/* `prefix` and the text `sql` gives with ?1 bound to id, malloc'd; NULL (error set) if none. */
char *store_audit_value(struct store *st, const char *prefix, const char *sql, int64_t id);
/* Installs the SQL functions the replay uses (dapter_pw_state, dapter_key_fp). */
int store_audit_functions(sqlite3 *db);
/* Appends, to an archive's copy, the record that its hashes and keys were removed (SQLite rc). */
int store_audit_append_strip(struct store *st, sqlite3 *copy);

/* Role checks that set a translated error. */
int store_require_admin(struct store *st);
int store_require_head(struct store *st);	/* head or admin */

/* Copies a column's text into a fixed buffer (truncating never happens: limits match). */
void store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsize);
/* bind helpers */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Validates user text with text_clean() into out; sets the error naming `field`. */
int store_clean_text(struct store *st, const char *field, const char *in, size_t max,
    int flags, char *out, size_t outsize);

/* Grows *rows by one zeroed element; returns it or NULL (error set). */
void *store_grow(struct store *st, void **rows, size_t *n, size_t size);

/*
 * Steps a cached statement whose only parameter is an id. Returns it on its
 * row (read it, then sqlite3_reset()), or NULL with `missing` as the error.
 */
sqlite3_stmt *store_row_by_id(struct store *st, const char *sql, int64_t id,
    const char *missing);

/*
 * Inside a write: may the actor write the cell (lesson, pupil): the journal
 * hers on the lesson's day, its period open, the pupil in the class that day,
 * the page not held by another session. Fills *l with the lesson.
 */
int store_cell_check(struct store *st, int64_t lesson_id, int64_t pupil_id, struct lesson *l);
/*
 * Runs write(st, lesson id, arg) on lesson l; a lesson with id 0 (a
 * timetabled one not yet written) is written first, in the same
 * transaction, and l->id set, unless `empty` says the write puts nothing
 * there: then nothing is written.
 */
int store_cell_write_in(struct store *st, struct lesson *l, int empty,
    int (*write)(struct store *st, int64_t lesson_id, const void *arg), const void *arg);
/* The audit object of a cell: "CLASS/SUBJECT lesson:L DATE pupil:P". */
void store_cell_object(struct store *st, const struct lesson *l, int64_t pupil_id, char *out,
    size_t outsize);

/* Binds ?1..?5 of a journal page query: class, subject, subgroup, first and last day. */
void store_bind_page(sqlite3_stmt *s, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p);

/* The user id for a login, or 0 (error set) */
int64_t store_user_id(struct store *st, const char *login);

#endif
