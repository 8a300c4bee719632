/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_auth: who is knocking. Password, keyboard-interactive and public key
 * authentication against the store, in the connection process.
 *
 * libssh 0.10 has no keyboard-interactive callback, so authentication goes
 * through its message API (as libssh's samplesshd-kbdint example does); its
 * accessors for the password and the key are marked deprecated in favour of
 * callbacks that cannot do keyboard-interactive, hence the pragma below.
 *
 * Every refusal looks the same to the client (unknown user, disabled user,
 * wrong password, unknown key), costs it a second, and leaves one line in
 * the log, with the name the client sent neutralised; after
 * SERVER_AUTH_TRIES refusals the connection is dropped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "server.h"
#include "store.h"
#include "text.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define SERVER_AUTH_TRIES	6

/* 1 when the database's file system has no room left (a few pages at most). */
static int
auth_disk_full(const char *db_path)
{
	char dir[4096], *slash = NULL;
	struct statvfs sv;

	snprintf(dir, sizeof dir, "%s", db_path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	return statvfs(dir, &sv) == 0 && (unsigned long long)sv.f_bavail * sv.f_frsize < 65536;
}

/*
 * Opens the store for one check; the connection process has no other use
 * for it. On a full disk SQLite may not even open the file (its -shm cannot
 * grow): the client is told why before the refusal, in the banner every
 * client shows, or it would take the refusal for a wrong password.
 */
static struct store *
auth_store(struct server_conn *conn, ssh_session session)
{
	struct store *st = NULL;
	ssh_string banner = NULL;
	const char *why = _("The server cannot write: its disk is full. Tell the school's "
	    "administrator.\n");

	if (store_open(conn->db_path, 0, &st) != STORE_OK) {
		server_log(SERVER_LOG_ERR, "%s: cannot open the database: %s", conn->session_id,
		    store_error(st));
		store_close(st);
		if (auth_disk_full(conn->db_path) && (banner = ssh_string_from_char(why)) != NULL) {
			if (ssh_send_issue_banner(session, banner) != SSH_OK)
				server_log(SERVER_LOG_ERR, "%s: cannot send the banner",
				    conn->session_id);
			ssh_string_free(banner);
		}
		return NULL;
	}
	return st;
}

/* Records the login in the audit chain, as the user who logged in. */
static void
auth_audit(struct server_conn *conn, struct store *st, const struct user *u,
    const char *method)
{
	struct actor actor;

	memset(&actor, 0, sizeof actor);
	actor.user_id = u->id;
	snprintf(actor.login, sizeof actor.login, "%s", u->login);
	actor.role = u->role;
	snprintf(actor.session, sizeof actor.session, "%s", conn->session_id);
	store_set_actor(st, &actor);
	if (store_audit_note(st, "login", conn->addr, method) != STORE_OK)
		server_log(SERVER_LOG_ERR, "%s: cannot audit the login of %s: %s", conn->session_id,
		    u->login, store_error(st));
}

static int
auth_accept(struct server_conn *conn, ssh_session session, ssh_message msg, struct store *st,
    const struct user *u, const char *method)
{
	/*
	 * Every session slot may be taken by teachers who logged in before. The
	 * login goes on only to tell the client so on its channel, which every
	 * client shows (a disconnect message would not leave libssh's buffer).
	 */
	if (!server_slot_ask(conn)) {
		server_log(SERVER_LOG_WARNING,
		    "%s: %s logged in from %s, but every session is taken", conn->session_id,
		    u->login, conn->addr);
		conn->refusal = N_("The server is full: every session is taken. "
		    "Try again in a minute.");
	}
	if (ssh_message_auth_reply_success(msg, 0) != SSH_OK) {
		server_log(SERVER_LOG_ERR, "%s: cannot confirm the login of %s", conn->session_id,
		    u->login);
		return 0;
	}
	snprintf(conn->login, sizeof conn->login, "%s", u->login);
	conn->authenticated = 1;
	/* Reading goes on; whoever means to write must know that nothing will be kept. */
	if (auth_disk_full(conn->db_path)) {
		server_log(SERVER_LOG_ERR, "%s: the disk of %s is full: the server cannot write",
		    conn->session_id, conn->db_path);
		conn->notice = N_("The server cannot write: its disk is full. You can read, but "
		    "nothing you change will be saved. Tell the school's administrator.");
	}
	server_log(SERVER_LOG_INFO, "%s: login %s from %s by %s", conn->session_id, u->login,
	    conn->addr, method);
	auth_audit(conn, st, u, method);
	return 0;
}

/*
 * A client's login as the log shows it: control characters, escapes and bidi
 * overrides become U+FFFD and it is cut at 32 columns, so that a name sent
 * before any login can neither rewrite a terminal showing the log nor forge
 * a line of its own.
 */
static void
auth_shown(const char *in, char *out, size_t outsize)
{
	char *safe = text_fit(in != NULL ? in : "", 32, NULL);

	snprintf(out, outsize, "%s", safe != NULL ? safe : "?");
	free(safe);
}

/* The same failure for every reason; `slow` costs the client a second. */
static int
auth_refuse(struct server_conn *conn, ssh_session session, ssh_message msg,
    const char *user, const char *method, const char *why, int slow)
{
	char shown[160];

	conn->attempts++;
	server_slot_failed(conn);
	auth_shown(user, shown, sizeof shown);
	server_log(SERVER_LOG_WARNING, "%s: refused %s from %s by %s (%s)", conn->session_id, shown,
	    conn->addr, method, why);
	if (slow)
		sleep(1);
	ssh_message_reply_default(msg);
	if (conn->attempts >= SERVER_AUTH_TRIES) {
		server_log(SERVER_LOG_WARNING, "%s: too many failures from %s, closing",
		    conn->session_id, conn->addr);
		ssh_disconnect(session);
	}
	return 0;
}

/* A short copy of the name the client sent, without bytes that end a C string early. */
static void
auth_name(const char *in, char *out, size_t outsize)
{
	snprintf(out, outsize, "%s", in != NULL ? in : "");
}

/*
 * Guessing is slowed so that it costs the guesser and never the owner:
 * only an address that has itself been failing waits before its password
 * is checked. The counts live in the store, across connections: a login
 * from an address waits 2, 4, 8 s after 3 failures of that login from that
 * address in 15 minutes; an address waits only past 30 failures, whatever
 * the logins (a whole school may sit behind one NAT address), then a second
 * more per failure, up to 8 s. A right password from an address that has
 * not been failing, and every key, is checked at once. No wait takes more
 * than half of what is left of the login grace, so a right password always
 * gets its check. Unknown logins count like real ones.
 */
#define AUTH_WINDOW	(15 * 60)
#define AUTH_PAIR_FREE	3
#define AUTH_ADDR_FREE	30
#define AUTH_DELAY_MAX	8

static unsigned int
auth_delay(struct server_conn *conn, struct store *st, const char *pair_key,
    const char *addr_key)
{
	int np = store_login_failures(st, pair_key, AUTH_WINDOW) - AUTH_PAIR_FREE;
	int na = store_login_failures(st, addr_key, AUTH_WINDOW) - AUTH_ADDR_FREE;
	unsigned int dp = np > 0 ? (np >= 4 ? AUTH_DELAY_MAX : 1u << np) : 0;
	unsigned int da = na > 0 ? (unsigned int)na : 0;
	unsigned int d = dp > da ? dp : da;
	long left = conn->login_grace - (long)(time(NULL) - conn->started);

	if (d > AUTH_DELAY_MAX)
		d = AUTH_DELAY_MAX;
	if (left < 2)
		return 0;
	return d > (unsigned long)left / 2 ? (unsigned int)(left / 2) : d;
}

static int
auth_password(struct server_conn *conn, ssh_session session, ssh_message msg,
    const char *user, const char *password, const char *method)
{
	struct store *st = NULL;
	struct user u;
	char pair_key[160], addr_key[80], shown[160];
	unsigned int delay;
	int rc;

	if (password == NULL || (st = auth_store(conn, session)) == NULL)
		return auth_refuse(conn, session, msg, user, method, "no check", 1);
	snprintf(pair_key, sizeof pair_key, "pair:%.64s %.64s", user, conn->addr);
	snprintf(addr_key, sizeof addr_key, "addr:%.64s", conn->addr);
	if ((delay = auth_delay(conn, st, pair_key, addr_key)) > 0) {
		auth_shown(user, shown, sizeof shown);
		server_log(SERVER_LOG_NOTICE, "%s: slowing a login as %s from %s by %u s",
		    conn->session_id, shown, conn->addr, delay);
		sleep(delay);
	}
	if (store_user_check_password(st, user, password, &u) != STORE_OK) {
		store_login_failure_note(st, pair_key, AUTH_WINDOW);
		store_login_failure_note(st, addr_key, AUTH_WINDOW);
		rc = auth_refuse(conn, session, msg, user, method, "bad login or password", 1);
	} else {
		store_login_failure_clear(st, pair_key);
		rc = auth_accept(conn, session, msg, st, &u, method);
	}
	store_close(st);
	return rc;
}

static int
auth_publickey(struct server_conn *conn, ssh_session session, ssh_message msg, const char *user)
{
	struct store *st = NULL;
	struct user u;
	ssh_key key = ssh_message_auth_pubkey(msg);
	enum ssh_publickey_state_e state = ssh_message_auth_publickey_state(msg);
	const char *type = NULL;
	char *b64 = NULL, why[64];
	int rc, known;

	if (key == NULL || (type = ssh_key_type_to_char(ssh_key_type(key))) == NULL ||
	    ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		return auth_refuse(conn, session, msg, user, "publickey", "unreadable key", 0);
	if ((st = auth_store(conn, session)) == NULL) {
		rc = auth_refuse(conn, session, msg, user, "publickey", "no check", 0);
		goto out;
	}
	/* The key must belong to the very user the client names. */
	known = store_user_by_key(st, type, b64, &u) == STORE_OK && strcmp(u.login, user) == 0;
	if (!known) {
		/* The type by name: an admin helping with an old client needs it. */
		snprintf(why, sizeof why, "unknown %s key", type);
		rc = auth_refuse(conn, session, msg, user, "publickey", why, 0);
	}
	else if (state == SSH_PUBLICKEY_STATE_NONE) {
		/* A probe: say the key would do, and wait for its signature. */
		if (ssh_message_auth_reply_pk_ok_simple(msg) != SSH_OK)
			server_log(SERVER_LOG_ERR, "%s: cannot answer a key probe",
			    conn->session_id);
		rc = 0;
	} else if (state == SSH_PUBLICKEY_STATE_VALID)
		rc = auth_accept(conn, session, msg, st, &u, "publickey");
	else
		rc = auth_refuse(conn, session, msg, user, "publickey", "bad signature", 1);
out:
	store_close(st);
	if (b64 != NULL)
		ssh_string_free_char(b64);
	return rc;
}

static int
auth_kbdint(struct server_conn *conn, ssh_session session, ssh_message msg, const char *user)
{
	const char *prompts[1] = { "Password: " };
	char echo[1] = { 0 };
	const char *answer = NULL;

	if (!ssh_message_auth_kbdint_is_response(msg)) {
		/* The first request: ask for the password, remember who asks. */
		snprintf(conn->kbdint_user, sizeof conn->kbdint_user, "%s", user);
		if (ssh_message_auth_interactive_request(msg, "", "", 1, prompts, echo) !=
		    SSH_OK)
			server_log(SERVER_LOG_ERR, "%s: cannot send the password prompt",
			    conn->session_id);
		return 0;
	}
	if (conn->kbdint_user[0] == '\0' || ssh_userauth_kbdint_getnanswers(session) != 1 ||
	    (answer = ssh_userauth_kbdint_getanswer(session, 0)) == NULL)
		return auth_refuse(conn, session, msg, conn->kbdint_user, "keyboard-interactive",
		    "no answer", 1);
	return auth_password(conn, session, msg, conn->kbdint_user, answer,
	    "keyboard-interactive");
}

int
server_auth_message(struct server_conn *conn, ssh_session session, ssh_message msg)
{
	char user[64];

	auth_name(ssh_message_auth_user(msg), user, sizeof user);
	if (conn->authenticated) {
		ssh_message_reply_default(msg);
		return 0;
	}
	switch (ssh_message_subtype(msg)) {
	case SSH_AUTH_METHOD_PASSWORD:
		return auth_password(conn, session, msg, user, ssh_message_auth_password(msg),
		    "password");
	case SSH_AUTH_METHOD_PUBLICKEY:
		return auth_publickey(conn, session, msg, user);
	case SSH_AUTH_METHOD_INTERACTIVE:
		return auth_kbdint(conn, session, msg, user);
	default:
		/* "none" and the rest: list the methods we take, as a failure. */
		ssh_message_reply_default(msg);
		return 0;
	}
}
