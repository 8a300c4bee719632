/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server: `dapter serve`, the embedded SSH server (libssh). No curses here.
 *
 * The listener accepts connections and forks one process per connection,
 * as OpenSSH does; it never reads a byte from a client. The connection
 * process does the key exchange, authenticates the user against the store
 * (password, keyboard-interactive, public key) and serves one session
 * channel: an exec request runs a dapter command as that user, a shell
 * request with a pty runs the journal UI in a session holder that keeps it
 * across dropped links. Both are the dapter program itself, started with
 * --as LOGIN --remote, so the server never holds the database open across
 * a fork and never links the UI.
 */
#ifndef DAPTER_SERVER_H
#define DAPTER_SERVER_H

#include <stdio.h>
#include <time.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "holder.h"
#include "holder_proto.h"

#define SERVER_PORT_DEFAULT	"2222"
#define SERVER_MAX_SESSIONS	100
#define SERVER_LOGIN_GRACE	30	/* seconds from connect to authenticated */
#define SERVER_DETACHED_MAX	(8 * 3600)	/* seconds a journal waits for its dropped user */
#define SERVER_LINK_TIMEOUT	120	/* seconds a silent or stuck link lives */
#define SERVER_DETACHED_PER_USER	3	/* detached journals one user keeps */
#define SERVER_DETACHED_TOTAL	200	/* detached journals on the server */
/*
 * Connections not logged in yet: OpenSSH's MaxStartups 10:30:100 scaled for
 * a school, whose teachers log in together at the bell from one NAT address:
 * random early drop from 30 such connections (30 %) to all at 100, and at
 * most 20 from one address, which stays below the start of the drop.
 */
#define SERVER_STARTUPS_START	30
#define SERVER_STARTUPS_RATE	30
#define SERVER_STARTUPS_FULL	100
#define SERVER_STARTUPS_PER_ADDRESS 20

struct server_startups {
	int start, rate, full;	/* MaxStartups start:rate:full */
	int per_address;	/* PerSourceMaxStartups */
};

/*
 * Per-source penalties (ssh_penalty.c), as OpenSSH 9.8's PerSourcePenalties
 * with its defaults: seconds an address owes when a connection of it ends
 * without logging in (failed authentication, none attempted, the login grace
 * ran out, its process crashed); past `min` owed, its new connections are
 * refused until the time runs out, never more than `max`. The school's own
 * networks are exempt by default ("private": loopback, RFC 1918, link-local,
 * IPv6 ULA), since a whole school may reach the server from one address.
 */
#define SERVER_PENALTY_AUTHFAIL	5
#define SERVER_PENALTY_NOAUTH	1
#define SERVER_PENALTY_GRACE	10
#define SERVER_PENALTY_CRASH	90
#define SERVER_PENALTY_MIN	15
#define SERVER_PENALTY_MAX	600
#define SERVER_PENALTY_SOURCES	4096	/* addresses tracked at most */
#define SERVER_PENALTY_EXEMPT	"private"

struct server_penalties {
	int off;		/* "no": none at all */
	int authfail, noauth, grace, crash;	/* seconds added per connection */
	int min, max;		/* refused past min owed; never more than max */
	int max_sources;	/* addresses tracked; more push out the soonest to end */
	const char *exempt;	/* CIDRs, "private", "none"; NULL: SERVER_PENALTY_EXEMPT */
};

enum server_penalty {
	SERVER_PENALTY_FAILED,	/* authentication attempted and failed */
	SERVER_PENALTY_SILENT,	/* left without attempting authentication */
	SERVER_PENALTY_LATE,	/* the login grace ran out */
	SERVER_PENALTY_CRASHED,	/* its connection process crashed */
};

void server_penalties_defaults(struct server_penalties *p);
/* "no" or words "authfail:5 noauth:1 grace-exceeded:10 crash:90 min:15 max:10m max-sources:N"
 * over the current values; 0, or -1 when the text is not that. */
int server_penalties_parse(const char *spec, struct server_penalties *p);
/* 0 when text is an exempt list: CIDRs ("192.0.2.10", "10.0.0.0/8"), "private", "none". */
int server_penalty_exempt_check(const char *text);
/* The listener's table: set up once (0, or -1 on a bad list), then asked and fed. */
int server_penalty_setup(const struct server_penalties *p);
/* Why a new connection from addr is refused (a penalty's reason, *left seconds), or NULL. */
const char *server_penalty_refuses(const char *addr, long *left);
/* addr's connection ended as `kind`: it owes more, and is logged once refused. */
void server_penalty_add(const char *addr, enum server_penalty kind);
size_t server_penalty_count(void);	/* addresses in the table */

/*
 * What the server offers for SSH compression (zlib@openssh.com, which starts
 * after the login, so nothing a client sends before it is inflated).
 */
enum server_compression {
	SERVER_COMPRESS_AUTO,	/* YES for the clients known to compress, else CLIENT */
	SERVER_COMPRESS_YES,	/* zlib@openssh.com only: every client compresses */
	SERVER_COMPRESS_NO,	/* none only */
	SERVER_COMPRESS_CLIENT,	/* none and zlib@openssh.com: the client's choice (ssh -C) */
};

struct server_opts {
	const char *db_path;
	const char *listen;	/* "0.0.0.0" */
	const char *port;	/* "2222" */
	const char *hostkey_dir;	/* NULL: "<db_path>.keys" */
	int max_sessions;	/* logged-in connections */
	struct server_startups startups;	/* connections not logged in yet */
	struct server_penalties penalties;	/* all 0: the defaults */
	int login_grace;	/* seconds; 0: SERVER_LOGIN_GRACE */
	int detached_max;	/* seconds; 0: SERVER_DETACHED_MAX */
	int detached_per_user;	/* journals; 0: SERVER_DETACHED_PER_USER */
	int detached_total;	/* journals; 0: SERVER_DETACHED_TOTAL */
	int link_timeout;	/* seconds; 0: SERVER_LINK_TIMEOUT */
	enum server_compression compression;	/* 0: SERVER_COMPRESS_AUTO */
	FILE *out, *err;	/* where the start-up report goes */
	void (*ready)(void *arg);	/* called once listening, or NULL */
	void *ready_arg;
};

/* Runs the server until SIGINT/SIGTERM. Returns an exit status (cmd.h). */
int server_run(const struct server_opts *opts);

/* ---- inside the server (ssh_*.c) ---- */

/* Makes DIR (0700) with ed25519 and RSA 3072 keys (0600) unless there; loads them. */
int server_hostkeys(ssh_bind bind, const char *dir, FILE *out, FILE *err);

/* Everything the connection process knows about its client. */
struct server_conn {
	const char *db_path;
	const char *self;	/* the dapter program (/proc/self/exe) */
	int login_grace;	/* seconds from connect to authenticated */
	const char *session_dir;	/* "<db>.sessions": the holders' sockets */
	int detached_max;	/* seconds a holder waits alone */
	int detached_per_user;	/* holders one user keeps; more end the oldest detached */
	int detached_total;	/* holders on the server; likewise */
	int link_timeout;	/* seconds before a dead link is given up */
	enum server_compression compression;
	char addr[64];		/* the client's address */
	char session_id[32];	/* "ssh-PID", in the log and the audit */
	char login[64];		/* set once authenticated */
	int authenticated;
	int attempts;		/* failed authentication attempts */
	time_t started;		/* when the client connected (the login grace runs from it) */
	char kbdint_user[64];	/* keyboard-interactive: who asked */
	int slot_fd;		/* to the listener: may this login have a session? */
	const char *refusal;	/* logged in, but refused this (a msgid): say it and end */
	const char *notice;	/* logged in, and should know this (a msgid), or NULL */
};

/* Asks the listener for a session slot once a client has logged in: 1 yes, 0 no. */
int server_slot_ask(struct server_conn *conn);
/* Tells the listener of a failed authentication (its penalty if the client never logs in). */
void server_slot_failed(struct server_conn *conn);
/* The exit status of a connection process whose login grace ran out. */
#define SERVER_EXIT_GRACE	3
/* The numeric address of the peer of socket fd, or "?". */
void server_peer_addr(int fd, char *buf, size_t size);

/* Authentication: handles one SSH_REQUEST_AUTH message; 0 when it replied. */
int server_auth_message(struct server_conn *conn, ssh_session session, ssh_message msg);
/* Serves one connection after accept, in its own process. Exit status. */
int server_connection(struct server_conn *conn, ssh_session session);
/* The session holder (ssh_holder.c) keeps the UI's pty across dropped connections. */
/* Starts a holder running argv on a new pty; returns a socket attached to it, or -1. */
int holder_start(const struct server_conn *conn, char *const argv[], char *const envp[],
    int cols, int rows);
/* Attaches to a running holder of conn->login; `since` gets its start "HH:MM". */
int holder_find(const struct server_conn *conn, char *since, size_t sincesize);
/*
 * Before a new journal starts: ends the oldest detached journals beyond the
 * per-user and total bounds (each UI is hung up and locks; its marks are
 * saved as typed). An attached journal is never ended.
 */
void holder_bound(const struct server_conn *conn);

/*
 * The priority of a log line, as syslog numbers it. Under systemd (stderr is
 * the journal: $JOURNAL_STREAM names it) a line starts "<N>" and journald
 * files it at that priority; elsewhere (a terminal, a test's file) the line
 * is plain text with a UTC time stamp and "dapter[PID]: ".
 */
enum server_log_level {
	SERVER_LOG_ERR = 3,	/* the server failed at something it should do */
	SERVER_LOG_WARNING = 4,	/* a refused login, a client the server shut out */
	SERVER_LOG_NOTICE = 5,	/* a refused request, a dropped link, a slowed login */
	SERVER_LOG_INFO = 6,	/* logins, commands, sessions opening and ending */
};

/* One log line to stderr, at `level`. */
void server_log(enum server_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * A line a client can cause as often as it likes (a refused connection or
 * request, a failed resize): at most one a second for each limit, the next
 * one saying how many were left out, so a flood cannot fill the disk.
 */
struct server_log_limit {
	time_t last;
	long quiet;
};
void server_log_limited(struct server_log_limit *lim, enum server_log_level level,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
