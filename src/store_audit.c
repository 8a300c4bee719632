/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_audit: the append-only, hash-chained record of every change.
 *
 * Each record's hash is SHA-256 over the previous record's hash and the
 * record's own fields, each written as "<length>:<bytes>\n" ("-:\n" for a
 * missing value), in this order: prev_hash, id, at, login, session, action,
 * object, old, new. The first record chains to 64 zeros. Anyone can recheck
 * the chain from a copy of the database with sqlite3 and sha256sum (README),
 * so the record outlives dapter.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "sha256.h"
#include "store_internal.h"

static const char genesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void
hash_field(struct sha256 *c, const char *v)
{
	char len[24];

	if (v == NULL) {
		sha256_update(c, "-:\n", 3);
		return;
	}
	snprintf(len, sizeof len, "%zu:", strlen(v));
	sha256_update(c, len, strlen(len));
	sha256_update(c, v, strlen(v));
	sha256_update(c, "\n", 1);
}

static void
audit_hash(const char *prev, int64_t id, const char *at, const char *login,
    const char *session, const char *action, const char *object, const char *old_value,
    const char *new_value, char out[65])
{
	struct sha256 c;
	unsigned char d[32];
	char idbuf[24];

	snprintf(idbuf, sizeof idbuf, "%" PRId64, id);
	sha256_init(&c);
	hash_field(&c, prev);
	hash_field(&c, idbuf);
	hash_field(&c, at);
	hash_field(&c, login);
	hash_field(&c, session);
	hash_field(&c, action);
	hash_field(&c, object);
	hash_field(&c, old_value);
	hash_field(&c, new_value);
	sha256_final(&c, d);
	sha256_hex(d, out);
}

static const char audit_last_sql[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
static const char audit_insert_sql[] = "INSERT INTO audit(id, at, login, session, action,"
    " object, old, new, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)";

/*
 * Chains one record after the last one, with the statements above prepared on
 * the database it goes into (the store's own, or an archive's copy). Returns
 * an SQLite result code; both statements are left reset.
 */
static int
audit_insert(sqlite3_stmt *last, sqlite3_stmt *ins, const struct actor *who, const char *action,
    const char *object, const char *old_value, const char *new_value)
{
	char prev[65], hash[65], at[32];
	int64_t id = 1;
	time_t now = time(NULL);
	struct tm tm;
	int step;

	snprintf(prev, sizeof prev, "%s", genesis);
	step = sqlite3_step(last);
	if (step == SQLITE_ROW) {
		id = sqlite3_column_int64(last, 0) + 1;
		store_col_text(last, 1, prev, sizeof prev);
	}
	sqlite3_reset(last);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return step;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	audit_hash(prev, id, at, who->login, who->session, action, object, old_value, new_value,
	    hash);
	sqlite3_bind_int64(ins, 1, id);
	store_bind_text(ins, 2, at);
	store_bind_text(ins, 3, who->login);
	store_bind_text(ins, 4, who->session);
	store_bind_text(ins, 5, action);
	store_bind_text(ins, 6, object);
	if (old_value != NULL)
		store_bind_text(ins, 7, old_value);
	if (new_value != NULL)
		store_bind_text(ins, 8, new_value);
	store_bind_text(ins, 9, prev);
	store_bind_text(ins, 10, hash);
	step = sqlite3_step(ins);
	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	return step == SQLITE_DONE ? SQLITE_OK : step;
}

int
store_audit_append(struct store *st, const char *action, const char *object,
    const char *old_value, const char *new_value)
{
	sqlite3_stmt *last = NULL, *ins = NULL;

	if ((last = store_stmt(st, audit_last_sql)) == NULL ||
	    (ins = store_stmt(st, audit_insert_sql)) == NULL)
		return STORE_FAILED;
	if (audit_insert(last, ins, &st->actor, action, object, old_value, new_value) != SQLITE_OK)
		return store_fail_db(st);
	return STORE_OK;
}

/*
 * An archive's copy loses its password hashes and keys (store.c); this record
 * says so in the copy's own chain, so that its verify replays them as gone
 * instead of calling the copy tampered with. The live chain never has one.
 */
int
store_audit_append_strip(struct store *st, sqlite3 *copy)
{
	sqlite3_stmt *last = NULL, *ins = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(copy, audit_last_sql, -1, &last, NULL)) == SQLITE_OK &&
	    (rc = sqlite3_prepare_v2(copy, audit_insert_sql, -1, &ins, NULL)) == SQLITE_OK)
		rc = audit_insert(last, ins, &st->actor, "archive.strip", "user", NULL,
		    "password hashes and SSH keys removed");
	sqlite3_finalize(last);
	sqlite3_finalize(ins);
	return rc;
}

char *
store_audit_value(struct store *st, const char *prefix, const char *sql, int64_t id)
{
	sqlite3_stmt *s = NULL;
	const char *text = NULL;
	char *out = NULL;
	size_t len;

	if ((s = store_stmt(st, sql)) == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail_db(st);
		sqlite3_reset(s);
		return NULL;
	}
	text = (const char *)sqlite3_column_text(s, 0);
	len = strlen(prefix) + (text != NULL ? strlen(text) : 0) + 1;
	if ((out = malloc(len)) != NULL)
		snprintf(out, len, "%s%s", prefix, text != NULL ? text : "");
	else
		store_fail(st, STORE_FAILED, _("Out of memory."));
	sqlite3_reset(s);
	return out;
}

void
store_pw_state(const char *hash, char out[STORE_PW_STATE_MAX])
{
	struct sha256 c;
	unsigned char d[32];
	char hex[65];

	if (hash == NULL) {
		snprintf(out, STORE_PW_STATE_MAX, "pw:none");
		return;
	}
	sha256_init(&c);
	sha256_update(&c, hash, strlen(hash));
	sha256_final(&c, d);
	sha256_hex(d, hex);
	snprintf(out, STORE_PW_STATE_MAX, "pw:%.16s", hex);
}

static void
sql_pw_state(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char out[STORE_PW_STATE_MAX];

	(void)argc;
	store_pw_state((const char *)sqlite3_value_text(argv[0]), out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void
sql_key_fp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char out[64];

	(void)argc;
	store_key_fingerprint((const char *)sqlite3_value_text(argv[0]), out, sizeof out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

int
store_audit_functions(sqlite3 *db)
{
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;

	if (sqlite3_create_function(db, "dapter_pw_state", 1, flags, NULL, sql_pw_state, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "dapter_key_fp", 1, flags, NULL, sql_key_fp, NULL,
	    NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	return SQLITE_OK;
}

int
store_audit_note(struct store *st, const char *action, const char *object, const char *value)
{
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	return store_write_end(st, store_audit_append(st, action, object, NULL, value));
}

/* Fills r from a row of (id, at, login, session, action, object, old, new, prev_hash, hash). */
static void
audit_row(sqlite3_stmt *s, struct audit_record *r)
{
	const char *old_value = (const char *)sqlite3_column_text(s, 6);
	const char *new_value = (const char *)sqlite3_column_text(s, 7);
	size_t half = sizeof r->storage / 2;

	r->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, r->at, sizeof r->at);
	store_col_text(s, 2, r->login, sizeof r->login);
	store_col_text(s, 3, r->session, sizeof r->session);
	store_col_text(s, 4, r->action, sizeof r->action);
	store_col_text(s, 5, r->object, sizeof r->object);
	store_col_text(s, 8, r->prev_hash, sizeof r->prev_hash);
	store_col_text(s, 9, r->hash, sizeof r->hash);
	r->old_value = r->new_value = NULL;
	if (old_value != NULL) {
		snprintf(r->storage, half, "%s", old_value);
		r->old_value = r->storage;
	}
	if (new_value != NULL) {
		snprintf(r->storage + half, half, "%s", new_value);
		r->new_value = r->storage + half;
	}
}

int
store_audit_each(struct store *st, const struct audit_filter *f, audit_cb cb, void *arg)
{
	static const struct audit_filter all;
	sqlite3_stmt *s = NULL;
	struct audit_record r;
	int step, rc = STORE_OK;

	if (f == NULL)
		f = &all;
	if ((rc = store_require_head(st)) != STORE_OK)
		return rc;
	/* Newest first when limited (the tail of the log), else in order. */
	s = store_stmt(st, f->limit > 0 ?
	    "SELECT id, at, login, session, action, object, old, new, prev_hash, hash"
	    " FROM audit WHERE (?1 IS NULL OR login = ?1) AND (?2 IS NULL OR instr(object, ?2) > 0)"
	    " AND (?3 IS NULL OR substr(at, 1, 10) >= ?3) AND (?4 IS NULL OR substr(at, 1, 10) <= ?4)"
	    " ORDER BY id DESC LIMIT ?5" :
	    "SELECT id, at, login, session, action, object, old, new, prev_hash, hash"
	    " FROM audit WHERE (?1 IS NULL OR login = ?1) AND (?2 IS NULL OR instr(object, ?2) > 0)"
	    " AND (?3 IS NULL OR substr(at, 1, 10) >= ?3) AND (?4 IS NULL OR substr(at, 1, 10) <= ?4)"
	    " ORDER BY id");
	if (s == NULL)
		return STORE_FAILED;
	if (f->login != NULL)
		store_bind_text(s, 1, f->login);
	if (f->text != NULL)
		store_bind_text(s, 2, f->text);
	if (f->since != NULL)
		store_bind_text(s, 3, f->since);
	if (f->until != NULL)
		store_bind_text(s, 4, f->until);
	if (f->limit > 0)
		sqlite3_bind_int64(s, 5, f->limit);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		audit_row(s, &r);
		if (cb(&r, arg) != 0)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_fail_db(st);
	sqlite3_reset(s);
	return rc;
}

static int audit_replay(struct store *st);

int
store_audit_verify(struct store *st, int64_t *bad, int64_t *count)
{
	sqlite3_stmt *s = NULL;
	char prev[65], want[65];
	int64_t id, expect_id = 1;
	int step, rc = STORE_OK;

	*bad = 0;
	*count = 0;
	snprintf(prev, sizeof prev, "%s", genesis);
	/* Raw columns, not audit_row(): the hash covers values of any length. */
	if ((s = store_stmt(st, "SELECT id, at, login, session, action, object, old, new,"
	    " prev_hash, hash FROM audit ORDER BY id")) == NULL)
		return STORE_FAILED;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *c[10];
		int i;

		for (i = 1; i < 10; i++)
			c[i] = (const char *)sqlite3_column_text(s, i);
		id = sqlite3_column_int64(s, 0);
		audit_hash(prev, id, c[1], c[2], c[3], c[4], c[5], c[6], c[7], want);
		if (id != expect_id || c[8] == NULL || strcmp(c[8], prev) != 0 ||
		    c[9] == NULL || strcmp(c[9], want) != 0) {
			*bad = id;
			rc = store_fail(st, STORE_INVALID,
			    id != expect_id ?
			    _("The audit chain is broken: record %lld is missing.") :
			    _("The audit chain is broken at record %lld: "
			    "it was changed after it was written."),
			    (long long)(id != expect_id ? expect_id : id));
			if (id != expect_id)
				*bad = expect_id;
			break;
		}
		snprintf(prev, sizeof prev, "%s", c[9]);
		expect_id = id + 1;
		(*count)++;
	}
	if (rc == STORE_OK && step != SQLITE_DONE)
		rc = store_fail_db(st);
	sqlite3_reset(s);
	if (rc == STORE_OK && st->triggers_missing[0] != '\0')
		rc = store_fail(st, STORE_INVALID,
		    _("The audit log's append-only triggers were missing (%s): someone could "
		    "change it with sqlite3. They are back now, and the audit says so."),
		    st->triggers_missing);
	if (rc == STORE_OK)
		rc = audit_replay(st);
	return rc;
}

/*
 * The append-only triggers stop honest mistakes; one DROP TRIGGER removes
 * them, so their absence is itself evidence. They are put back at every open
 * (with a record saying so), and the verify of that same run fails naming
 * them. The SQL is the schema's own (migration 0 in store.c).
 */
static const struct {
	const char *name, *sql;
} audit_triggers[] = {
	{ "audit_no_update", "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	    "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;" },
	{ "audit_no_delete", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	    "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;" },
};

int
store_audit_triggers_repair(struct store *st)
{
	sqlite3_stmt *s = NULL;
	size_t i, len;
	int rc = STORE_OK, missing[2] = { 0, 0 }, any = 0;

	st->triggers_missing[0] = '\0';
	for (i = 0; i < sizeof audit_triggers / sizeof audit_triggers[0]; i++) {
		if ((s = store_stmt(st, "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
		    " AND name = ? AND tbl_name = 'audit'")) == NULL)
			return STORE_FAILED;
		store_bind_text(s, 1, audit_triggers[i].name);
		if (sqlite3_step(s) != SQLITE_ROW) {
			missing[i] = any = 1;
			len = strlen(st->triggers_missing);
			snprintf(st->triggers_missing + len, sizeof st->triggers_missing - len,
			    "%s%s", len > 0 ? ", " : "", audit_triggers[i].name);
		}
		sqlite3_reset(s);
	}
	/* A read-only copy cannot be repaired; its verify still fails. */
	if (!any || sqlite3_db_readonly(st->db, "main"))
		return STORE_OK;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	for (i = 0; i < sizeof audit_triggers / sizeof audit_triggers[0] && rc == STORE_OK; i++)
		if (missing[i])
			rc = store_exec(st, audit_triggers[i].sql);
	if (rc == STORE_OK)
		rc = store_audit_append(st, "audit.triggers", "audit", NULL, st->triggers_missing);
	return store_write_end(st, rc);
}

int
store_audit_head(struct store *st, int64_t *id, char hash[65])
{
	sqlite3_stmt *s = NULL;
	int step;

	*id = 0;
	snprintf(hash, 65, "%s", genesis);
	if ((s = store_stmt(st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")) == NULL)
		return STORE_FAILED;
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, hash, 65);
	}
	sqlite3_reset(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_audit_anchor(struct store *st, int64_t id, const char *hash)
{
	sqlite3_stmt *s = NULL;
	char have[65] = "";
	int step, rc;

	if ((s = store_stmt(st, "SELECT hash FROM audit WHERE id = ?")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		store_col_text(s, 0, have, sizeof have);
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail_db(st);
	if (step == SQLITE_DONE)
		rc = store_fail(st, STORE_INVALID,
		    _("The audit chain is shorter than its anchor: record %lld is missing "
		    "(records were deleted from the end)."), (long long)id);
	else if (strlen(hash) < 32 || strncmp(have, hash, strlen(hash)) != 0)
		rc = store_fail(st, STORE_INVALID,
		    _("Record %lld differs from its anchor: the audit chain was rewritten."),
		    (long long)id);
	else
		rc = STORE_OK;
	return rc;
}

/*
 * Replays the audit to each row's last recorded value and compares that with
 * the table both ways: a row changed, added or deleted with sqlite3 shows
 * where the two differ. Each query gives the row's name as the audit writes
 * it, the table's value and the audit's; store_audit_gaps() counts the rows an
 * older audit cannot replay, which verify states. Marks: mark.set records, object
 * "... lesson:L DATE pupil:P", value as mark_describe() writes it (NULL when
 * cleared), none of a lesson after its lesson.remove (its marks went with
 * it). Lessons: lesson.add and lesson.update, object "... lesson:L DATE",
 * value as lesson_describe() writes it; lesson.remove takes it away.
 * Comments: as marks, from comment.set records, the text as it is.
 */
/* Password events: (id, login, "pw:..." or NULL when the record has no fingerprint). */
#define PW_EVENTS \
	"pw_ev AS (SELECT id, object AS login, CASE WHEN action = 'user.passwd' THEN new" \
	" WHEN instr(new, ' pw:') > 0 THEN substr(new, instr(new, ' pw:') + 1) END AS pw" \
	" FROM audit WHERE action IN ('user.add', 'user.passwd')" \
	" UNION ALL SELECT a.id, u.login, 'pw:none' FROM audit a, user u" \
	" WHERE a.action = 'archive.strip')," \
	" pw_last AS (SELECT login, pw FROM (SELECT login, pw, row_number() OVER" \
	" (PARTITION BY login ORDER BY id DESC) AS n FROM pw_ev) WHERE n = 1)"
/* Keys as the audit has them (key_audited), as stored, and those not replayed. */
#define KEY_ROWS \
	"key_strip AS (SELECT coalesce(max(id), 0) AS id FROM audit" \
	" WHERE action = 'archive.strip')," \
	" key_adds AS (SELECT id, object AS row, new," \
	" CAST(substr(object, instr(object, ' key:') + 5) AS INTEGER) AS key FROM audit" \
	" WHERE action = 'user.key.add' AND instr(object, ' key:') > 0)," \
	" key_removed AS (SELECT max(id) AS id," \
	" CAST(substr(object, instr(object, ' key:') + 5) AS INTEGER) AS key FROM audit" \
	" WHERE action = 'user.key.remove' GROUP BY key)," \
	" key_audited AS (SELECT row, new FROM key_adds a WHERE a.id > (SELECT id FROM key_strip)" \
	" AND a.id > coalesce((SELECT id FROM key_removed r WHERE r.key = a.key), 0))," \
	" key_unnamed AS (SELECT DISTINCT object AS login FROM audit" \
	" WHERE action = 'user.key.add' AND instr(object, ' key:') = 0" \
	" AND id > (SELECT id FROM key_strip))," \
	" key_stored AS (SELECT u.login || ' key:' || k.id AS row," \
	" k.type || ' ' || dapter_key_fp(k.blob) AS new FROM user_key k" \
	" JOIN user u ON u.id = k.user_id)," \
	" key_unreplayed AS (SELECT * FROM key_stored WHERE row NOT IN" \
	" (SELECT row FROM key_audited) AND substr(row, 1, instr(row, ' key:') - 1)" \
	" IN (SELECT login FROM key_unnamed))"
/* Pupils as the audit has them (pupil_audited), and the ids not replayed. */
#define PUPIL_ROWS \
	"pupil_adds AS (SELECT id, CASE WHEN instr(new, char(10) || 'classes=') > 0" \
	" THEN substr(new, 1, instr(new, char(10) || 'classes=') - 1) ELSE new END AS new," \
	" CAST(substr(object, instr(object, ' pupil:') + 7) AS INTEGER) AS pupil" \
	" FROM audit WHERE action = 'pupil.add' AND instr(object, ' pupil:') > 0)," \
	" pupil_renames AS (SELECT id, new, pupil FROM (SELECT id, new," \
	" CAST(substr(object, 7) AS INTEGER) AS pupil," \
	" row_number() OVER (PARTITION BY object ORDER BY id DESC) AS n" \
	" FROM audit WHERE action = 'pupil.rename') WHERE n = 1)," \
	" pupil_audited AS (SELECT a.pupil AS row, CASE WHEN r.id > a.id" \
	" THEN r.new || substr(a.new, instr(a.new, char(10))) ELSE a.new END AS new" \
	" FROM pupil_adds a LEFT JOIN pupil_renames r ON r.pupil = a.pupil)," \
	" pupil_unreplayed AS (SELECT id FROM pupil WHERE id NOT IN" \
	" (SELECT row FROM pupil_audited) ORDER BY id LIMIT (SELECT count(*) FROM audit" \
	" WHERE action = 'pupil.add' AND instr(object, ' pupil:') = 0))"

/*
 * Class histories (STORE_ENROLMENT_STATE) as the audit has them: the last of
 * pupil.add, pupil.move, pupil.leave and the lines of class.promote that
 * carry one. A pupil whose stays were recorded by none is not replayed.
 */
#define ENROLMENT_ROWS \
	"enrol_lines(id, line, rest) AS (SELECT id, '', new || char(10) FROM audit" \
	" WHERE action = 'class.promote' UNION ALL SELECT id," \
	" substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1)" \
	" FROM enrol_lines WHERE rest <> '')," \
	" enrol_ev AS (SELECT id, CAST(substr(object, instr(object, 'pupil:') + 6) AS INTEGER)" \
	" AS pupil, substr(new, instr(new, char(10) || 'classes=') + 1) AS state FROM audit" \
	" WHERE action IN ('pupil.add', 'pupil.move', 'pupil.leave')" \
	" AND instr(object, 'pupil:') > 0 AND instr(new, char(10) || 'classes=') > 0" \
	" UNION ALL SELECT id, CAST(substr(line, 7, instr(line, ' ') - 7) AS INTEGER)," \
	" substr(line, instr(line, ' ') + 1) FROM enrol_lines WHERE line LIKE 'pupil:%')," \
	" enrol_audited AS (SELECT pupil AS row, state AS new FROM (SELECT pupil, state," \
	" row_number() OVER (PARTITION BY pupil ORDER BY id DESC) AS n FROM enrol_ev)" \
	" WHERE n = 1)"

/*
 * A cell's replay (marks, comments): the last value each (lesson, pupil) got
 * from `action` records, none after its lesson's lesson.remove, against the
 * table's values as `stored` selects them (lesson, pupil, new).
 */
#define CELL_REPLAY(action, stored, what)						\
	"WITH a AS (SELECT id, new,"							\
	"   CAST(substr(object, instr(object, ' lesson:') + 8) AS INTEGER) AS lesson,"	\
	"   CAST(substr(object, instr(object, ' pupil:') + 7) AS INTEGER) AS pupil"	\
	"   FROM audit WHERE action = '" action "'),"					\
	" gone AS (SELECT max(id) AS id,"						\
	"   CAST(substr(object, instr(object, ' lesson:') + 8) AS INTEGER) AS lesson"	\
	"   FROM audit WHERE action = 'lesson.remove' GROUP BY lesson),"		\
	" audited AS (SELECT lesson, pupil, new FROM a WHERE id IN"			\
	"   (SELECT max(id) FROM a GROUP BY lesson, pupil) AND new IS NOT NULL"		\
	"   AND id > coalesce((SELECT id FROM gone WHERE gone.lesson = a.lesson), 0)),"	\
	" stored AS (" stored "),"							\
	" diff AS (SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM audited)"	\
	"   UNION SELECT * FROM (SELECT * FROM audited EXCEPT SELECT * FROM stored))"	\
	" SELECT 'lesson:' || d.lesson || ' pupil:' || d.pupil || '" what "',"		\
	"   (SELECT new FROM stored t WHERE t.lesson = d.lesson AND t.pupil = d.pupil),"	\
	"   (SELECT new FROM audited t WHERE t.lesson = d.lesson AND t.pupil = d.pupil)"	\
	" FROM (SELECT DISTINCT lesson, pupil FROM diff) d ORDER BY d.lesson, d.pupil LIMIT 1"

/*
 * The line that starts with MARK after a line break in V, to the next one:
 * where the records of classes, substitutions and timetables keep their row.
 */
#define LINE_AT(V, MARK) \
	"CASE WHEN instr(substr(" V ", instr(" V ", char(10) || " MARK ") + 1), char(10)) > 0" \
	" THEN substr(substr(" V ", instr(" V ", char(10) || " MARK ") + 1), 1," \
	" instr(substr(" V ", instr(" V ", char(10) || " MARK ") + 1), char(10)) - 1)" \
	" ELSE substr(" V ", instr(" V ", char(10) || " MARK ") + 1) END"
/*
 * Classes as the audit has them (class_audited: the last STORE_CLASS_STATE
 * line of each), and as many classes not replayed as there are older
 * class.add and class.promote records without one, the lowest ids first.
 */
#define CLASS_ROWS \
	"class_line AS (SELECT id, " LINE_AT("new", "'class:'") " AS line FROM audit" \
	" WHERE action IN ('class.add', 'class.rename', 'class.teacher', 'class.promote')" \
	" AND instr(new, char(10) || 'class:') > 0)," \
	" class_audited AS (SELECT row, new FROM (SELECT row, new, row_number() OVER" \
	" (PARTITION BY row ORDER BY id DESC) AS n FROM (SELECT id, line AS new," \
	" CAST(substr(line, 7, instr(line, ' ') - 7) AS INTEGER) AS row FROM class_line))" \
	" WHERE n = 1)," \
	" class_unreplayed AS (SELECT id FROM class WHERE id NOT IN" \
	" (SELECT row FROM class_audited) ORDER BY id LIMIT (SELECT count(*) FROM audit" \
	" WHERE action IN ('class.add', 'class.promote')" \
	" AND instr(coalesce(new, ''), char(10) || 'class:') = 0))"
/*
 * Assignments: assign and unassign name the row after the login's line
 * (STORE_ASSIGNMENT_STATE); the last of each row says whether it is there.
 * As many rows no record names as there are older assign records are not
 * replayed, the lowest ids first.
 */
#define ASSIGNMENT_ROWS \
	"asg_ev AS (SELECT id, action, substr(v, instr(v, char(10)) + 1) AS row FROM" \
	" (SELECT id, action, CASE action WHEN 'assign' THEN new ELSE old END AS v FROM audit" \
	" WHERE action IN ('assign', 'unassign')) WHERE instr(v, char(10)) > 0)," \
	" asg_audited AS (SELECT row, 'assigned' AS new FROM (SELECT row, action," \
	" row_number() OVER (PARTITION BY row ORDER BY id DESC) AS n FROM asg_ev)" \
	" WHERE n = 1 AND action = 'assign')," \
	" asg_stored AS (SELECT a.id, " STORE_ASSIGNMENT_STATE " AS row, 'assigned' AS new" \
	" FROM assignment a JOIN user u ON u.id = a.user_id)," \
	" asg_unreplayed AS (SELECT id FROM asg_stored WHERE row NOT IN (SELECT row FROM asg_ev)" \
	" ORDER BY id LIMIT (SELECT count(*) FROM audit WHERE action = 'assign'" \
	" AND instr(new, char(10)) = 0))"
/* Substitutions, by their ids (STORE_SUBSTITUTION_STATE), as assignments are. */
#define SUBSTITUTION_ROWS \
	"sub_ev AS (SELECT id, action, line, CAST(substr(line, 14, instr(line, ' ') - 14)" \
	" AS INTEGER) AS sub FROM (SELECT id, action, " LINE_AT("v", "'substitution:'") \
	" AS line FROM (SELECT id, action, CASE action WHEN 'substitute' THEN new ELSE old END" \
	" AS v FROM audit WHERE action IN ('substitute', 'substitute.remove'))" \
	" WHERE instr(v, char(10) || 'substitution:') > 0))," \
	" sub_audited AS (SELECT sub AS row, line AS new FROM (SELECT sub, action, line," \
	" row_number() OVER (PARTITION BY sub ORDER BY id DESC) AS n FROM sub_ev)" \
	" WHERE n = 1 AND action = 'substitute')," \
	" sub_unreplayed AS (SELECT id FROM substitution WHERE id NOT IN (SELECT sub FROM sub_ev)" \
	" ORDER BY id LIMIT (SELECT count(*) FROM audit WHERE action = 'substitute'" \
	" AND instr(new, char(10)) = 0))"
/*
 * Timetables: the last timetable.set of a class ends with its whole
 * timetable (STORE_TIMETABLE_STATE). Classes with rows that no such record
 * explains, as many as there are older timetable.set records, are not replayed.
 */
#define TIMETABLE_ROWS \
	"tt_line AS (SELECT id, " LINE_AT("new", "'class:'") " AS line FROM audit" \
	" WHERE action = 'timetable.set' AND instr(new, char(10) || 'class:') > 0)," \
	" tt_audited AS (SELECT row, new FROM (SELECT row, new, row_number() OVER" \
	" (PARTITION BY row ORDER BY id DESC) AS n FROM (SELECT id, line AS new," \
	" CAST(substr(line, 7, instr(line, ' ') - 7) AS INTEGER) AS row FROM tt_line))" \
	" WHERE n = 1)," \
	" tt_unreplayed AS (SELECT DISTINCT class_id AS id FROM timetable WHERE class_id NOT IN" \
	" (SELECT row FROM tt_audited) ORDER BY class_id LIMIT (SELECT count(*) FROM audit" \
	" WHERE action = 'timetable.set' AND instr(coalesce(new, ''), char(10) || 'class:') = 0))"

/*
 * The end of a row's replay: the first row where the CTEs `stored` and
 * `audited` (row, new) differ either way, as LABEL || row, the table's
 * value and the audit's.
 */
#define ROW_DIFF(audited, label)							\
	" diff AS (SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM " audited ")"	\
	"   UNION SELECT * FROM (SELECT * FROM " audited " EXCEPT SELECT * FROM stored))"	\
	" SELECT " label " || d.row, (SELECT new FROM stored t WHERE t.row = d.row),"	\
	"   (SELECT new FROM " audited " t WHERE t.row = d.row)"			\
	" FROM (SELECT DISTINCT row FROM diff) d ORDER BY d.row LIMIT 1"

static const char *const audit_replays[] = {
	CELL_REPLAY("mark.set", "SELECT lesson_id AS lesson, pupil_id AS pupil,"
	    " CASE WHEN value IS NOT NULL AND attendance IS NOT NULL"
	    " THEN value || ' ' || attendance ELSE coalesce(CAST(value AS TEXT), attendance)"
	    " END AS new FROM mark", ""),
	CELL_REPLAY("comment.set", "SELECT lesson_id AS lesson, pupil_id AS pupil, text AS new"
	    " FROM comment", " comment"),

	"WITH a AS (SELECT id, new,"
	"   CAST(substr(object, instr(object, ' lesson:') + 8) AS INTEGER) AS lesson"
	"   FROM audit WHERE action IN ('lesson.add', 'lesson.update', 'lesson.remove')),"
	" audited AS (SELECT lesson, new FROM a WHERE id IN"
	"   (SELECT max(id) FROM a GROUP BY lesson) AND new IS NOT NULL),"
	" stored AS (SELECT id AS lesson, 'date=' || date || char(10) || 'kind=' || kind ||"
	"   char(10) || 'max=' || max_points || char(10) || 'topic=' || topic || char(10) ||"
	"   'homework=' || homework AS new FROM lesson),"
	" diff AS (SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM audited)"
	"   UNION SELECT * FROM (SELECT * FROM audited EXCEPT SELECT * FROM stored))"
	" SELECT 'lesson:' || d.lesson,"
	"   replace((SELECT new FROM stored t WHERE t.lesson = d.lesson), char(10), '; '),"
	"   replace((SELECT new FROM audited t WHERE t.lesson = d.lesson), char(10), '; ')"
	" FROM (SELECT DISTINCT lesson FROM diff) d ORDER BY d.lesson LIMIT 1",

	/*
	 * Users: user.add (new "ROLE" or "ROLE pw:..."), user.role, user.disable
	 * and user.enable, user.lang; a user is never removed. Every user.add
	 * ever written names its login and role, so every account replays.
	 */
	"WITH ev AS (SELECT id, action, object AS login, new FROM audit WHERE action IN"
	"   ('user.add', 'user.role', 'user.disable', 'user.enable', 'user.lang')),"
	" audited AS (SELECT a.login AS row, 'role=' || (SELECT CASE WHEN instr(new, ' ') > 0"
	"   THEN substr(new, 1, instr(new, ' ') - 1) ELSE new END FROM ev r WHERE r.login ="
	"   a.login AND r.action IN ('user.add', 'user.role') ORDER BY r.id DESC LIMIT 1) ||"
	"   '; disabled=' || coalesce((SELECT CASE action WHEN 'user.disable' THEN 1 ELSE 0 END"
	"   FROM ev d WHERE d.login = a.login AND d.action IN ('user.disable', 'user.enable')"
	"   ORDER BY d.id DESC LIMIT 1), 0) || '; lang=' || coalesce((SELECT new FROM ev l"
	"   WHERE l.login = a.login AND l.action = 'user.lang' ORDER BY l.id DESC LIMIT 1), '')"
	"   AS new FROM ev a WHERE a.action = 'user.add'),"
	" stored AS (SELECT login AS row, 'role=' || role || '; disabled=' || disabled ||"
	"   '; lang=' || lang AS new FROM user),"
	ROW_DIFF("audited", "'user '"),

	/*
	 * Passwords, as their fingerprints (store_pw_state): the last of user.add
	 * ("ROLE pw:..."), user.passwd ("pw:...") and archive.strip (every hash
	 * gone). A user.passwd or user.add from before the audit kept them has
	 * none: that user's password is not replayed (counted in store_audit_gaps).
	 */
	"WITH " PW_EVENTS ","
	" audited AS (SELECT login AS row, pw AS new FROM pw_last WHERE pw IS NOT NULL),"
	" stored AS (SELECT login AS row, dapter_pw_state(pw_hash) AS new FROM user"
	"   WHERE login IN (SELECT row FROM audited)),"
	ROW_DIFF("audited", "'the password of '"),

	/*
	 * SSH keys: user.key.add with object "LOGIN key:ID" and new "TYPE
	 * SHA256:...", until a user.key.remove of that id or an archive.strip.
	 * A key added before the audit named its row (object "LOGIN") cannot be
	 * told from one put in with sqlite3 for that login: such logins' unnamed
	 * keys are not replayed (counted in store_audit_gaps); anyone else's fail.
	 */
	"WITH " KEY_ROWS ","
	" compared AS (SELECT * FROM key_stored EXCEPT SELECT * FROM key_unreplayed),"
	" diff AS (SELECT * FROM (SELECT * FROM compared EXCEPT SELECT * FROM key_audited)"
	"   UNION SELECT * FROM (SELECT * FROM key_audited EXCEPT SELECT * FROM compared))"
	" SELECT 'the SSH key ' || d.row, (SELECT new FROM key_stored t WHERE t.row = d.row),"
	"   (SELECT new FROM key_audited t WHERE t.row = d.row)"
	" FROM (SELECT DISTINCT row FROM diff) d ORDER BY d.row LIMIT 1",

	/*
	 * Pupils: pupil.add with object "CLASS pupil:ID" and new the row as
	 * STORE_PUPIL_STATE gives it (name, then birth, gender, masked IIN), the
	 * name replaced by each later pupil.rename; a pupil is never removed.
	 * As many pupils as there are older pupil.add records (object "CLASS",
	 * no id) are not replayed, the lowest ids first (counted in store_audit_gaps);
	 * any more without a record fail as added behind dapter's back.
	 */
	"WITH " PUPIL_ROWS ","
	" stored AS (SELECT id AS row, " STORE_PUPIL_STATE " AS new FROM pupil"
	"   WHERE id NOT IN (SELECT id FROM pupil_unreplayed)),"
	" diff AS (SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM pupil_audited)"
	"   UNION SELECT * FROM (SELECT * FROM pupil_audited EXCEPT SELECT * FROM stored))"
	" SELECT 'pupil:' || d.row,"
	"   replace((SELECT new FROM stored t WHERE t.row = d.row), char(10), '; '),"
	"   replace((SELECT new FROM pupil_audited t WHERE t.row = d.row), char(10), '; ')"
	" FROM (SELECT DISTINCT row FROM diff) d ORDER BY d.row LIMIT 1",

	/* Class histories: every stay of a pupil in a class, and the current class. */
	"WITH " ENROLMENT_ROWS ","
	" stored AS (SELECT id AS row, substr(" STORE_ENROLMENT_STATE("pupil.id") ", 2) AS new"
	"   FROM pupil WHERE id IN (SELECT row FROM enrol_audited)),"
	ROW_DIFF("enrol_audited", "'the class history of pupil:'"),

	/* Subgroups: pupil.subgroup, object "pupil:P/subject:S", new the subgroup. */
	"WITH a AS (SELECT id, object, new FROM audit WHERE action = 'pupil.subgroup'),"
	" audited AS (SELECT object AS row, new FROM a WHERE id IN"
	"   (SELECT max(id) FROM a GROUP BY object)),"
	" stored AS (SELECT 'pupil:' || pupil_id || '/subject:' || subject_id AS row,"
	"   CAST(subgroup AS TEXT) AS new FROM pupil_subgroup),"
	ROW_DIFF("audited", "'the subgroup of '"),

	/* Classes: their year, grade, name and class teacher, by id. */
	"WITH " CLASS_ROWS ","
	" stored AS (SELECT c.id AS row, " STORE_CLASS_STATE " AS new" STORE_CLASS_STATE_FROM
	"   WHERE c.id NOT IN (SELECT id FROM class_unreplayed)),"
	ROW_DIFF("class_audited", "'class:'"),

	/* Assignments: who teaches which subject and subgroup in which class. */
	"WITH " ASSIGNMENT_ROWS ","
	" stored AS (SELECT row, new FROM asg_stored WHERE id NOT IN"
	"   (SELECT id FROM asg_unreplayed)),"
	ROW_DIFF("asg_audited", "'the assignment '"),

	/* Substitutions: who stands in for which journal on which days. */
	"WITH " SUBSTITUTION_ROWS ","
	" stored AS (SELECT x.id AS row, " STORE_SUBSTITUTION_STATE " AS new FROM substitution x"
	"   JOIN user u ON u.id = x.user_id WHERE x.id NOT IN (SELECT id FROM sub_unreplayed)),"
	ROW_DIFF("sub_audited", "'substitution:'"),

	/* Timetables: every row of a class's timetable, of every first day. */
	"WITH " TIMETABLE_ROWS ","
	" stored AS (SELECT c.id AS row, " STORE_TIMETABLE_STATE("c.id") " AS new FROM class c"
	"   WHERE (c.id IN (SELECT class_id FROM timetable) OR c.id IN (SELECT row FROM"
	"   tt_audited)) AND c.id NOT IN (SELECT id FROM tt_unreplayed)),"
	ROW_DIFF("tt_audited", "'the timetable of class:'"),
};

static int
audit_replay(struct store *st)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int step, rc = STORE_OK;

	for (i = 0; i < sizeof audit_replays / sizeof audit_replays[0] && rc == STORE_OK; i++) {
		if ((s = store_stmt(st, audit_replays[i])) == NULL)
			return STORE_FAILED;
		if ((step = sqlite3_step(s)) == SQLITE_ROW) {
			const char *row = (const char *)sqlite3_column_text(s, 0);
			const char *table = (const char *)sqlite3_column_text(s, 1);
			const char *audited = (const char *)sqlite3_column_text(s, 2);

			rc = store_fail(st, STORE_INVALID,
			    _("%s was changed behind dapter's back: it is \"%s\" in the table, "
			    "but \"%s\" by the audit."), row != NULL ? row : "?",
			    table != NULL ? table : "-", audited != NULL ? audited : "-");
		} else if (step != SQLITE_DONE) {
			rc = store_fail_db(st);
		}
		sqlite3_reset(s);
	}
	return rc;
}

int
store_audit_gaps(struct store *st, struct audit_gaps *g)
{
	sqlite3_stmt *s = NULL;
	int step;

	memset(g, 0, sizeof *g);
	if ((s = store_stmt(st, "WITH " PW_EVENTS ", " KEY_ROWS ", " PUPIL_ROWS ", "
	    ENROLMENT_ROWS ", " CLASS_ROWS ", " ASSIGNMENT_ROWS ", " SUBSTITUTION_ROWS ", "
	    TIMETABLE_ROWS " SELECT (SELECT count(*) FROM pupil_unreplayed), (SELECT count(*)"
	    " FROM pw_last WHERE pw IS NULL), (SELECT count(*) FROM key_unreplayed), (SELECT count(*)"
	    " FROM pupil WHERE id NOT IN (SELECT row FROM enrol_audited)), (SELECT count(*)"
	    " FROM class_unreplayed), (SELECT count(*) FROM asg_unreplayed), (SELECT count(*)"
	    " FROM sub_unreplayed), (SELECT count(*) FROM tt_unreplayed)")) == NULL)
		return STORE_FAILED;
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		g->pupils = sqlite3_column_int64(s, 0);
		g->passwords = sqlite3_column_int64(s, 1);
		g->keys = sqlite3_column_int64(s, 2);
		g->histories = sqlite3_column_int64(s, 3);
		g->classes = sqlite3_column_int64(s, 4);
		g->assignments = sqlite3_column_int64(s, 5);
		g->substitutions = sqlite3_column_int64(s, 6);
		g->timetables = sqlite3_column_int64(s, 7);
	}
	sqlite3_reset(s);
	return step == SQLITE_ROW ? STORE_OK : store_fail_db(st);
}

/* Appends a line to buf (after a line break unless it is the first). */
static void __attribute__((format(printf, 3, 4)))
text_line(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len > 0 && len + 1 < size) {
		buf[len++] = '\n';
		buf[len] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

int
store_audit_verify_text(struct store *st, int64_t *bad, char **text)
{
	struct audit_gaps g;
	int64_t count = 0;
	char buf[4096] = "";
	int rc;

	*text = NULL;
	if ((rc = store_audit_verify(st, bad, &count)) != STORE_OK ||
	    (rc = store_audit_gaps(st, &g)) != STORE_OK)
		return rc;
	text_line(buf, sizeof buf, _("The audit chain holds: %lld records."), (long long)count);
	/* Not replayed is not verified: the text says what the old records could not show. */
	if (g.pupils > 0)
		text_line(buf, sizeof buf, _("Not replayed: %lld pupils added before the audit "
		    "kept their rows."), (long long)g.pupils);
	if (g.passwords > 0)
		text_line(buf, sizeof buf, _("Not replayed: the passwords of %lld users, set "
		    "before the audit kept their fingerprints."), (long long)g.passwords);
	if (g.histories > 0)
		text_line(buf, sizeof buf, _("Not replayed: the class histories of %lld pupils, "
		    "recorded before the audit kept them."), (long long)g.histories);
	if (g.keys > 0)
		text_line(buf, sizeof buf, _("Not replayed: %lld SSH keys added before the audit "
		    "kept their rows."), (long long)g.keys);
	if (g.classes > 0)
		text_line(buf, sizeof buf, _("Not replayed: %lld classes added before the audit "
		    "kept their rows."), (long long)g.classes);
	if (g.assignments > 0)
		text_line(buf, sizeof buf, _("Not replayed: %lld assignments of teachers made "
		    "before the audit kept their rows."), (long long)g.assignments);
	if (g.substitutions > 0)
		text_line(buf, sizeof buf, _("Not replayed: %lld substitutions added before the "
		    "audit kept their rows."), (long long)g.substitutions);
	if (g.timetables > 0)
		text_line(buf, sizeof buf, _("Not replayed: the timetables of %lld classes, set "
		    "before the audit kept them."), (long long)g.timetables);
	if ((*text = strdup(buf)) == NULL)
		return store_fail(st, STORE_FAILED, _("Out of memory."));
	return STORE_OK;
}

/* The name for "pupil:N" or "subject:N" into out; 0 when there is none. */
static int
object_name(struct store *st, const char *kind, long long id, char *out, size_t outsize,
    int *rc)
{
	sqlite3_stmt *s = NULL;
	int step;

	s = store_stmt(st, strcmp(kind, "pupil") == 0 ?
	    "SELECT surname || ' ' || given FROM pupil WHERE id = ?" :
	    "SELECT name FROM subject WHERE id = ?");
	if (s == NULL) {
		*rc = STORE_FAILED;
		return 0;
	}
	sqlite3_bind_int64(s, 1, id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		store_col_text(s, 0, out, outsize);
	else if (step != SQLITE_DONE)
		*rc = store_fail_db(st);
	sqlite3_reset(s);
	return step == SQLITE_ROW;
}

int
store_audit_object_text(struct store *st, const char *object, char *out, size_t outsize)
{
	static const char *const kinds[] = { "pupil", "subject", "lesson", NULL };
	const char *p = object;
	char name[STORE_NAME_MAX * 2 + 2];
	size_t len = 0, k, kl;
	long long id;
	int rc = STORE_OK, used, n, matched;

	out[0] = '\0';
	while (*p != '\0' && len + 1 < outsize) {
		matched = 0;
		/* Ids are words of their own: at the start, after a space or a slash. */
		for (k = 0; kinds[k] != NULL && !matched &&
		    (p == object || p[-1] == ' ' || p[-1] == '/'); k++) {
			kl = strlen(kinds[k]);
			n = 0;
			if (strncmp(p, kinds[k], kl) != 0 || p[kl] != ':' ||
			    sscanf(p + kl + 1, "%lld%n", &id, &n) != 1 || n == 0)
				continue;
			if (strcmp(kinds[k], "lesson") == 0) {
				p += kl + 1 + n;
				if (*p == ' ')
					p++;
				matched = 1;
			} else if (object_name(st, kinds[k], id, name, sizeof name, &rc)) {
				used = snprintf(out + len, outsize - len, "%s", name);
				len += used < 0 ? 0 : (size_t)used < outsize - len ? (size_t)used :
				    outsize - len - 1;
				p += kl + 1 + n;
				matched = 1;
			}
		}
		if (matched)
			continue;
		out[len++] = *p++;
		out[len] = '\0';
	}
	return rc;
}
