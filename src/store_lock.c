/*
 * store_lock: one session edits a journal page at a time.
 *
 * A lock row names the session, its process and host, and a heartbeat the
 * holder refreshes. A lock is free again when its process is gone (checked
 * with kill(pid, 0) when it lives on this host) or its heartbeat is older
 * than the caller's staleness limit: a crashed session never blocks a page.
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

static void
this_host(char *out, size_t outsize)
{
	if (gethostname(out, outsize) != 0)
		snprintf(out, outsize, "?");
	out[outsize - 1] = '\0';
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
	if (strcmp(host, me) == 0 && holder->pid > 0 && kill(holder->pid, 0) != 0 &&
	    errno == ESRCH)
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

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, session);
	return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
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
