/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_lock: one session edits a journal page at a time.
 *
 * A lock row names the session, its process and host, and a heartbeat the
 * holder refreshes. A lock is free again when its process is gone (checked
 * with kill(pid, 0) and /proc when it lives on this host) or its heartbeat
 * is older than the caller's staleness limit: a crashed session never
 * blocks a page.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store_internal.h"

void
journal_resource(char *out, size_t outsize, int64_t class_id, int64_t subject_id,
    int subgroup, int64_t period_id)
{
	snprintf(out, outsize, "journal:%lld:%lld:%d:%lld", (long long)class_id,
	    (long long)subject_id, subgroup, (long long)period_id);
}

/*
 * A journal page's lock resource as a person reads it ("7 Ә · Алгебра ·
 * 2-тоқсан"; * marks a subgroup's page, as the page's own title does); any
 * other resource, or one whose rows are gone, as it is.
 */
static int
page_name(struct store *st, const char *resource, char *out, size_t outsize)
{
	sqlite3_stmt *s = NULL;
	long long class_id, subject_id, period_id;
	struct period p;
	char cname[STORE_NAME_MAX + 1], sname[STORE_NAME_MAX + 1], kind[4], pname[48];
	int subgroup, len = 0, step;

	snprintf(out, outsize, "%s", resource);
	if (sscanf(resource, "journal:%lld:%lld:%d:%lld%n", &class_id, &subject_id, &subgroup,
	    &period_id, &len) != 4 || resource[len] != '\0')
		return STORE_OK;
	if ((s = store_stmt(st, "SELECT c.name, s.name, p.kind, p.num FROM class c, subject s,"
	    " period p WHERE c.id = ?1 AND s.id = ?2 AND p.id = ?3")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int64(s, 3, period_id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&p, 0, sizeof p);
		store_col_text(s, 0, cname, sizeof cname);
		store_col_text(s, 1, sname, sizeof sname);
		store_col_text(s, 2, kind, sizeof kind);
		p.kind = kind[0];
		p.num = sqlite3_column_int(s, 3);
		/* A name cut at the end still names the page: the screen cuts it anyway. */
		if (snprintf(out, outsize, "%s · %s%s · %s", cname, sname, subgroup ? "*" : "",
		    period_name(&p, pname, sizeof pname)) < 0)
			snprintf(out, outsize, "%s", resource);
	}
	sqlite3_reset(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

static void
this_host(char *out, size_t outsize)
{
	if (gethostname(out, outsize) != 0)
		snprintf(out, outsize, "?");
	out[outsize - 1] = '\0';
}

/*
 * 1 when process `pid` of this host has ended: there is no such process, or
 * it is a zombie. A zombie has exited and holds nothing, but kill(pid, 0)
 * still finds it until its parent waits; a UI whose holder was killed is
 * left to init, which may reap it late (or, in a container, never).
 */
static int
pid_gone(int pid)
{
	char path[64], buf[512], *p = NULL;
	FILE *f = NULL;
	int gone = 0;

	if (pid <= 0)
		return 0;
	if (kill(pid, 0) != 0)
		return errno == ESRCH;
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	/* "PID (COMM) STATE ...": COMM may hold spaces and parentheses. */
	if (fgets(buf, sizeof buf, f) != NULL && (p = strrchr(buf, ')')) != NULL &&
	    p[1] == ' ' && p[2] == 'Z')
		gone = 1;
	fclose(f);
	return gone;
}

/* Reads the holder of `resource`; 1 if held by a live session, 0 if free or stale. */
static int
lock_read(struct store *st, const char *resource, int stale_seconds, struct lock_info *holder,
    int *status)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT l.session, u.login, u.name, l.since, l.pid,"
	    " l.host, l.heartbeat FROM lock l JOIN user u ON u.id = l.user_id"
	    " WHERE l.resource = ?");
	char host[256], me[256];
	long long beat;
	int live = 1;

	*status = STORE_OK;
	if (s == NULL) {
		*status = STORE_FAILED;
		return 0;
	}
	store_bind_text(s, 1, resource);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return 0;
	}
	store_col_text(s, 0, holder->session, sizeof holder->session);
	store_col_text(s, 1, holder->login, sizeof holder->login);
	store_col_text(s, 2, holder->name, sizeof holder->name);
	store_col_text(s, 3, holder->since, sizeof holder->since);
	holder->pid = sqlite3_column_int(s, 4);
	store_col_text(s, 5, host, sizeof host);
	beat = sqlite3_column_int64(s, 6);
	sqlite3_reset(s);
	this_host(me, sizeof me);
	if (strcmp(host, me) == 0 && pid_gone(holder->pid))
		live = 0;
	if (stale_seconds > 0 && (long long)time(NULL) - beat > stale_seconds)
		live = 0;
	return live;
}

int
store_lock_holder(struct store *st, const char *resource, int stale_seconds,
    struct lock_info *holder)
{
	int status;

	memset(holder, 0, sizeof *holder);
	if (lock_read(st, resource, stale_seconds, holder, &status))
		return STORE_OK;
	return status != STORE_OK ? status : STORE_NOT_FOUND;
}

int
store_lock_take(struct store *st, const char *resource, int take_own, int stale_seconds,
    struct lock_info *holder)
{
	struct lock_info h;
	sqlite3_stmt *s = NULL;
	char host[256], since[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc, status;

	if (st->actor.user_id == 0)
		return store_fail(st, STORE_DENIED, _("Only a signed-in user can edit a journal."));
	memset(&h, 0, sizeof h);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if (lock_read(st, resource, stale_seconds, &h, &status) &&
	    strcmp(h.session, st->actor.session) != 0 &&
	    !(take_own && strcmp(h.login, st->actor.login) == 0)) {
		if (holder != NULL)
			*holder = h;
		rc = store_fail(st, STORE_LOCKED, _("%s is editing this page since %s."), h.name,
		    h.since);
		goto out;
	}
	if ((rc = status) != STORE_OK)
		goto out;
	this_host(host, sizeof host);
	localtime_r(&now, &tm);
	strftime(since, sizeof since, "%Y-%m-%d %H:%M", &tm);
	if ((s = store_stmt(st, "INSERT OR REPLACE INTO lock(resource, session, user_id, pid,"
	    " host, since, heartbeat) VALUES (?,?,?,?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, resource);
	store_bind_text(s, 2, st->actor.session);
	sqlite3_bind_int64(s, 3, st->actor.user_id);
	sqlite3_bind_int(s, 4, (int)getpid());
	store_bind_text(s, 5, host);
	store_bind_text(s, 6, since);
	sqlite3_bind_int64(s, 7, (long long)now);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail_db(st);
out:
	return store_write_end(st, rc);
}

int
store_lock_release(struct store *st, const char *resource)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM lock WHERE resource = ? AND session = ?");

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, resource);
	store_bind_text(s, 2, st->actor.session);
	return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_lock_release_session(struct store *st, const char *session)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM lock WHERE session = ?");
	int rc;

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, session);
	rc = sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
	sqlite3_reset(s);	/* session_prune() calls it again at once */
	return rc;
}

int
store_lock_heartbeat(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE lock SET heartbeat = ? WHERE session = ?");

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, (long long)time(NULL));
	store_bind_text(s, 2, st->actor.session);
	return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/*
 * A broken lock is not deleted: its row stays, free to anyone (no heartbeat,
 * no process), with the session renamed "broken:SESSION" and the breaker as
 * its user. The session that held it finds it there (store_lock_broken) and
 * turns read-only instead of taking the page straight back.
 */
int
store_lock_break(struct store *st, const char *resource)
{
	struct lock_info h;
	sqlite3_stmt *s = NULL;
	char since[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc, status;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	memset(&h, 0, sizeof h);
	lock_read(st, resource, 0, &h, &status);
	localtime_r(&now, &tm);
	strftime(since, sizeof since, "%Y-%m-%d %H:%M", &tm);
	if ((s = store_stmt(st, "UPDATE lock SET session = 'broken:' || session, user_id = ?,"
	    " pid = 0, host = '', since = ?, heartbeat = 0 WHERE resource = ?"
	    " AND session NOT LIKE 'broken:%'")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, st->actor.user_id);
	store_bind_text(s, 2, since);
	store_bind_text(s, 3, resource);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		rc = store_fail(st, STORE_NOT_FOUND, _("Nobody holds %s."), resource);
		goto out;
	}
	rc = store_audit_append(st, "lock.break", resource, h.login, NULL);
out:
	return store_write_end(st, rc);
}

int
store_lock_broken(struct store *st, const char *resource, struct lock_info *by)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT coalesce(u.login, 'operator'),"
	    " coalesce(u.name, ''), l.since FROM lock l LEFT JOIN user u ON u.id = l.user_id"
	    " WHERE l.resource = ? AND l.session = 'broken:' || ?");
	int found;

	memset(by, 0, sizeof *by);
	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, resource);
	store_bind_text(s, 2, st->actor.session);
	if ((found = sqlite3_step(s) == SQLITE_ROW)) {
		store_col_text(s, 0, by->login, sizeof by->login);
		store_col_text(s, 1, by->name, sizeof by->name);
		store_col_text(s, 2, by->since, sizeof by->since);
	}
	sqlite3_reset(s);
	return found ? STORE_OK : STORE_NOT_FOUND;
}

/* ---- sessions ---- */

static const char *const session_states[] = { "active", "locked", "detached" };

/*
 * Forgets this host's sessions whose process has ended (killed, or lost in
 * a restart) with their locks: a row left behind would look online again
 * once its pid is reused. A few at a time; the next session takes the rest.
 */
static int
session_prune(struct store *st, const char *host)
{
	char dead[16][STORE_SESSION_MAX + 1];
	sqlite3_stmt *s = store_stmt(st, "SELECT id, pid FROM session WHERE host = ?");
	size_t n = 0, i;
	int rc = STORE_OK;

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, host);
	while (n < sizeof dead / sizeof dead[0] && sqlite3_step(s) == SQLITE_ROW)
		if (pid_gone(sqlite3_column_int(s, 1)))
			store_col_text(s, 0, dead[n++], sizeof dead[0]);
	sqlite3_reset(s);
	for (i = 0; i < n && rc == STORE_OK; i++) {
		if ((rc = store_lock_release_session(st, dead[i])) != STORE_OK)
			break;
		if ((s = store_stmt(st, "DELETE FROM session WHERE id = ?")) == NULL)
			return STORE_FAILED;
		store_bind_text(s, 1, dead[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail_db(st);
		sqlite3_reset(s);
	}
	return rc;
}

int
store_session_begin(struct store *st, const char *origin)
{
	sqlite3_stmt *s = NULL;
	char host[256], started[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	if (st->actor.user_id == 0)
		return STORE_OK;	/* the operator's commands are not sessions */
	this_host(host, sizeof host);
	localtime_r(&now, &tm);
	strftime(started, sizeof started, "%Y-%m-%d %H:%M", &tm);
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((rc = session_prune(st, host)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "INSERT OR REPLACE INTO session(id, user_id, pid, host, origin,"
	    " started, seen, state) VALUES (?,?,?,?,?,?,?, 'active')")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, st->actor.session);
	sqlite3_bind_int64(s, 2, st->actor.user_id);
	sqlite3_bind_int(s, 3, (int)getpid());
	store_bind_text(s, 4, host);
	store_bind_text(s, 5, origin != NULL ? origin : "");
	store_bind_text(s, 6, started);
	sqlite3_bind_int64(s, 7, (long long)now);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail_db(st);
out:
	return store_write_end(st, rc);
}

int
store_session_touch(struct store *st, enum session_state state)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE session SET seen = ?, state = ? WHERE id = ?");

	if (s == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, (long long)time(NULL));
	store_bind_text(s, 2, session_states[state]);
	store_bind_text(s, 3, st->actor.session);
	return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_session_end(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((rc = store_lock_release_session(st, st->actor.session)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "DELETE FROM session WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, st->actor.session);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail_db(st);
out:
	return store_write_end(st, rc);
}

int
store_session_list(struct store *st, struct session_info **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct session_info *si = NULL;
	char host[256], me[256];
	long long now = (long long)time(NULL);
	int step, rc, pid;
	size_t i;

	*rows = NULL;
	*n = 0;
	if ((rc = store_require_head(st)) != STORE_OK)
		return rc;
	this_host(me, sizeof me);
	if ((s = store_stmt(st, "SELECT x.id, u.login, x.origin, x.started, x.pid, x.state,"
	    " x.seen, x.host, coalesce((SELECT resource FROM lock l WHERE l.session = x.id), '')"
	    " FROM session x JOIN user u ON u.id = x.user_id ORDER BY x.started")) == NULL)
		return STORE_FAILED;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(s, 5);

		pid = sqlite3_column_int(s, 4);
		store_col_text(s, 7, host, sizeof host);
		/* A session whose process is gone is not online, whatever its row says. */
		if (strcmp(host, me) == 0 && pid_gone(pid))
			continue;
		if ((si = store_grow(st, (void **)rows, n, sizeof *si)) == NULL)
			return STORE_FAILED;
		store_col_text(s, 0, si->id, sizeof si->id);
		store_col_text(s, 1, si->login, sizeof si->login);
		store_col_text(s, 2, si->origin, sizeof si->origin);
		store_col_text(s, 3, si->started, sizeof si->started);
		si->pid = pid;
		si->state = strcmp(state, "locked") == 0 ? SESSION_LOCKED :
		    strcmp(state, "detached") == 0 ? SESSION_DETACHED : SESSION_ACTIVE;
		si->idle_seconds = now - sqlite3_column_int64(s, 6);
		store_col_text(s, 8, si->resource, sizeof si->resource);
	}
	if (step != SQLITE_DONE)
		return store_fail_db(st);
	for (i = 0; i < *n; i++)
		if ((rc = page_name(st, (*rows)[i].resource, (*rows)[i].page,
		    sizeof (*rows)[i].page)) != STORE_OK)
			return rc;
	return STORE_OK;
}
