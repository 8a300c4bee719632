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
#include <stdio.h>
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

int
store_audit_append(struct store *st, const char *action, const char *object,
    const char *old_value, const char *new_value)
{
	sqlite3_stmt *s = NULL;
	char prev[65], hash[65], at[32];
	int64_t id = 1;
	time_t now = time(NULL);
	struct tm tm;

	snprintf(prev, sizeof prev, "%s", genesis);
	if ((s = store_stmt(st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")) == NULL)
		return STORE_FAILED;
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		id = sqlite3_column_int64(s, 0) + 1;
		store_col_text(s, 1, prev, sizeof prev);
		sqlite3_reset(s);
		break;
	case SQLITE_DONE:
		break;
	default:
		return store_fail_db(st);
	}
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	audit_hash(prev, id, at, st->actor.login, st->actor.session, action, object,
	    old_value, new_value, hash);

	if ((s = store_stmt(st, "INSERT INTO audit(id, at, login, session, action, object,"
	    " old, new, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, at);
	store_bind_text(s, 3, st->actor.login);
	store_bind_text(s, 4, st->actor.session);
	store_bind_text(s, 5, action);
	store_bind_text(s, 6, object);
	if (old_value != NULL)
		store_bind_text(s, 7, old_value);
	if (new_value != NULL)
		store_bind_text(s, 8, new_value);
	store_bind_text(s, 9, prev);
	store_bind_text(s, 10, hash);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail_db(st);
	return STORE_OK;
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
 * it, the table's value and the audit's. Marks: mark.set records, object
 * "... lesson:L DATE pupil:P", value as mark_describe() writes it (NULL when
 * cleared), none of a lesson after its lesson.remove (its marks went with
 * it). Lessons: lesson.add and lesson.update, object "... lesson:L DATE",
 * value as lesson_describe() writes it; lesson.remove takes it away.
 */
static const char *const audit_replays[] = {
	"WITH a AS (SELECT id, new,"
	"   CAST(substr(object, instr(object, ' lesson:') + 8) AS INTEGER) AS lesson,"
	"   CAST(substr(object, instr(object, ' pupil:') + 7) AS INTEGER) AS pupil"
	"   FROM audit WHERE action = 'mark.set'),"
	" gone AS (SELECT max(id) AS id,"
	"   CAST(substr(object, instr(object, ' lesson:') + 8) AS INTEGER) AS lesson"
	"   FROM audit WHERE action = 'lesson.remove' GROUP BY lesson),"
	" audited AS (SELECT lesson, pupil, new FROM a WHERE id IN"
	"   (SELECT max(id) FROM a GROUP BY lesson, pupil) AND new IS NOT NULL"
	"   AND id > coalesce((SELECT id FROM gone WHERE gone.lesson = a.lesson), 0)),"
	" stored AS (SELECT lesson_id AS lesson, pupil_id AS pupil,"
	"   CASE WHEN value IS NOT NULL AND attendance IS NOT NULL"
	"   THEN value || ' ' || attendance ELSE coalesce(CAST(value AS TEXT), attendance)"
	"   END AS new FROM mark),"
	" diff AS (SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM audited)"
	"   UNION SELECT * FROM (SELECT * FROM audited EXCEPT SELECT * FROM stored))"
	" SELECT 'lesson:' || d.lesson || ' pupil:' || d.pupil,"
	"   (SELECT new FROM stored t WHERE t.lesson = d.lesson AND t.pupil = d.pupil),"
	"   (SELECT new FROM audited t WHERE t.lesson = d.lesson AND t.pupil = d.pupil)"
	" FROM (SELECT DISTINCT lesson, pupil FROM diff) d ORDER BY d.lesson, d.pupil LIMIT 1",

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
