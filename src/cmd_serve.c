/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_serve: `dapter serve`, the embedded SSH server (server.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "i18n.h"
#include "server.h"

/* "auto", "yes", "no" or "client" into *c: 0, or -1 when the text is none of them. */
static int
serve_compression(const char *text, enum server_compression *c)
{
	static const struct {
		const char *name;
		enum server_compression value;
	} names[] = {
		{ "auto", SERVER_COMPRESS_AUTO },
		{ "yes", SERVER_COMPRESS_YES },
		{ "no", SERVER_COMPRESS_NO },
		{ "client", SERVER_COMPRESS_CLIENT },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(text, names[i].name) == 0) {
			*c = names[i].value;
			return 0;
		}
	return -1;
}

static int
run_serve(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *listen = NULL, *port = NULL, *keydir = NULL, *max = NULL, *grace = NULL;
	const char *detach = NULL, *link = NULL, *startups = NULL, *per_address = NULL;
	const char *per_user = NULL, *total = NULL, *penalties = NULL, *exempt = NULL;
	const char *compression = NULL;
	const struct cmd_opt opts[] = {
		{ "--max-startups", &startups, NULL },
		{ "--max-startups-per-address", &per_address, NULL },
		{ "--listen", &listen, NULL }, { "--port", &port, NULL },
		{ "--hostkey-dir", &keydir, NULL }, { "--max-sessions", &max, NULL },
		{ "--login-grace", &grace, NULL }, { "--detach-timeout", &detach, NULL },
		{ "--link-timeout", &link, NULL }, { "--detached-per-user", &per_user, NULL },
		{ "--detached-max-total", &total, NULL }, { "--penalties", &penalties, NULL },
		{ "--penalty-exempt", &exempt, NULL }, { "--compression", &compression, NULL },
		{ NULL, NULL, NULL },
	};
	struct server_opts o;
	char *end = NULL;
	long n;
	char err[512];
	int rc;

	/* The configuration file's settings, which the command line overrides. */
	if (conf_load(err, sizeof err) != 0) {
		cmd_error(ctx, "%s", err);
		return CMD_FAIL;
	}
	listen = conf_get("listen");
	port = conf_get("port");
	max = conf_get("max-sessions");
	grace = conf_get("login-grace");
	detach = conf_get("detach-timeout");
	link = conf_get("link-timeout");
	startups = conf_get("max-startups");
	per_address = conf_get("max-startups-per-address");
	per_user = conf_get("detached-per-user");
	total = conf_get("detached-max-total");
	penalties = conf_get("penalties");
	exempt = conf_get("penalty-exempt");
	compression = conf_get("compression");
	if ((rc = cmd_args(ctx, &cmd_serve, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if (ctx->remote) {
		cmd_error(ctx, _("The server is started on its own machine, not over SSH."));
		return CMD_DENIED;
	}
	memset(&o, 0, sizeof o);
	o.db_path = ctx->db_path;
	o.listen = listen != NULL ? listen : "0.0.0.0";
	o.port = port != NULL ? port : SERVER_PORT_DEFAULT;
	o.hostkey_dir = keydir;
	o.max_sessions = SERVER_MAX_SESSIONS;
	o.startups.start = SERVER_STARTUPS_START;
	o.startups.rate = SERVER_STARTUPS_RATE;
	o.startups.full = SERVER_STARTUPS_FULL;
	o.startups.per_address = SERVER_STARTUPS_PER_ADDRESS;
	server_penalties_defaults(&o.penalties);
	if (penalties != NULL && server_penalties_parse(penalties, &o.penalties) != 0) {
		cmd_error(ctx, _("--penalties is \"no\" or words such as \"authfail:5 noauth:1 "
		    "grace-exceeded:10 crash:90 min:15 max:10m max-sources:4096\" (seconds, or "
		    "minutes with m; min no more than max)."));
		return CMD_USAGE;
	}
	if (exempt != NULL && server_penalty_exempt_check(exempt) != 0) {
		cmd_error(ctx, _("--penalty-exempt is a list of addresses or networks "
		    "(\"192.0.2.10, 10.0.0.0/8\"), \"private\" for the private networks, or "
		    "\"none\"."));
		return CMD_USAGE;
	}
	if (exempt != NULL)
		o.penalties.exempt = exempt;
	if (compression != NULL && serve_compression(compression, &o.compression) != 0) {
		cmd_error(ctx, _("--compression is \"auto\" (OpenSSH and PuTTY compress, other "
		    "clients choose), \"yes\" (every client must), \"client\" (as the client "
		    "asks, ssh -C) or \"no\"."));
		return CMD_USAGE;
	}
	o.out = ctx->out;
	o.err = ctx->err;
	n = strtol(o.port, &end, 10);
	if (*o.port == '\0' || *end != '\0' || n < 0 || n > 65535) {
		cmd_error(ctx, _("The port is a number from 0 (any free port) to 65535."));
		return CMD_USAGE;
	}
	if (max != NULL) {
		n = strtol(max, &end, 10);
		if (*max == '\0' || *end != '\0' || n < 1 || n > 10000) {
			cmd_error(ctx, _("--max-sessions is a number from 1 to 10000."));
			return CMD_USAGE;
		}
		o.max_sessions = (int)n;
	}
	if (startups != NULL) {
		int a = 0, b = 0, c = 0, used = 0;

		if (sscanf(startups, "%d:%d:%d%n", &a, &b, &c, &used) != 3 ||
		    startups[used] != '\0' || a < 1 || b < 1 || b > 100 || c <= a || c > 10000) {
			cmd_error(ctx, _("--max-startups is START:RATE:FULL, such as 30:30:100: "
			    "from START connections not logged in, RATE percent of new ones are "
			    "refused, up to all of them at FULL."));
			return CMD_USAGE;
		}
		o.startups.start = a;
		o.startups.rate = b;
		o.startups.full = c;
	}
	if (per_address != NULL) {
		n = strtol(per_address, &end, 10);
		if (*per_address == '\0' || *end != '\0' || n < 1 || n > 10000) {
			cmd_error(ctx, _("--max-startups-per-address is a number from 1 to 10000."));
			return CMD_USAGE;
		}
		o.startups.per_address = (int)n;
	}
	if (grace != NULL) {
		n = strtol(grace, &end, 10);
		if (*grace == '\0' || *end != '\0' || n < 1 || n > 600) {
			cmd_error(ctx, _("--login-grace is a number of seconds from 1 to 600."));
			return CMD_USAGE;
		}
		o.login_grace = (int)n;
	}
	if (detach != NULL) {
		n = strtol(detach, &end, 10);
		if (*detach == '\0' || *end != '\0' || n < 1 || n > 7 * 86400) {
			cmd_error(ctx,
			    _("--detach-timeout is a number of seconds from 1 to 604800."));
			return CMD_USAGE;
		}
		o.detached_max = (int)n;
	}
	if (per_user != NULL) {
		n = strtol(per_user, &end, 10);
		if (*per_user == '\0' || *end != '\0' || n < 1 || n > 100) {
			cmd_error(ctx, _("--detached-per-user is a number from 1 to 100."));
			return CMD_USAGE;
		}
		o.detached_per_user = (int)n;
	}
	if (total != NULL) {
		n = strtol(total, &end, 10);
		if (*total == '\0' || *end != '\0' || n < 1 || n > 10000) {
			cmd_error(ctx, _("--detached-max-total is a number from 1 to 10000."));
			return CMD_USAGE;
		}
		o.detached_total = (int)n;
	}
	if (link != NULL) {
		n = strtol(link, &end, 10);
		if (*link == '\0' || *end != '\0' || n < 2 || n > 3600) {
			cmd_error(ctx, _("--link-timeout is a number of seconds from 2 to 3600."));
			return CMD_USAGE;
		}
		o.link_timeout = (int)n;
	}
	return server_run(&o);
}

const struct cmd cmd_serve = {
	"serve", "[--listen ADDR] [--port N] [--hostkey-dir DIR] [--max-sessions N] "
	"[--max-startups START:RATE:FULL] [--max-startups-per-address N] [--login-grace SECONDS] "
	"[--detach-timeout SECONDS] [--detached-per-user N] [--detached-max-total N] "
	"[--link-timeout SECONDS] [--penalties SPEC] [--penalty-exempt LIST] "
	"[--compression auto|yes|client|no]",
	N_("Serve the journal over SSH (default 0.0.0.0 port 2222)."),
	N_("Teachers connect with any SSH client: `ssh -t -p 2222 LOGIN@HOST` opens the "
	"journal, `ssh -p 2222 LOGIN@HOST COMMAND` runs a command with the user's role. "
	"Passwords and the users' public keys (dapter user key add) are accepted. Host keys "
	"(ed25519, RSA) are made on the first start in DIR, by default beside the database "
	"(PATH.keys); their fingerprints are printed at every start; --port 0 takes any free "
	"port and prints it. At most N logged-in connections (--max-sessions, default 100) "
	"are served at once, and a client has SECONDS (default 30) to log in. Connections "
	"that have not logged in yet are limited apart, so that they never keep a teacher "
	"out: at most 20 from one address (--max-startups-per-address), and past 30 of them "
	"new ones are refused at random, 30 percent at first and all of them at 100 "
	"(--max-startups 30:30:100, as OpenSSH's MaxStartups). "
	"An address whose connections keep ending without a login is refused for a while, "
	"as OpenSSH's PerSourcePenalties: each failed login adds 5 seconds, a connection "
	"that tries none 1, one that runs out of its login grace 10; past 15 seconds owed "
	"its new connections are refused until the time runs out, at most 10 minutes "
	"(--penalties \"authfail:5 noauth:1 grace-exceeded:10 crash:90 min:15 max:10m "
	"max-sources:4096\", or \"no\"). A session that has logged in is never cut. "
	"The private networks are exempt (--penalty-exempt private): a school reaches its "
	"own server from them, often all from one address; a server outside the school "
	"should name the school's address instead (--penalty-exempt \"203.0.113.7, "
	"private\"), or \"none\". "
	"A journal whose link drops stays open (PATH.sessions) for --detach-timeout seconds "
	"(default 28800, a school day); it locks at once, and the user's next login offers "
	"to resume it behind the password. A user keeps at most N detached journals "
	"(--detached-per-user, default 3) and the server at most N (--detached-max-total, "
	"default 200): a new journal closes the oldest detached ones beyond them, which "
	"lock and keep every mark typed. A link that stays silent, or leaves what we "
	"sent unacknowledged, for --link-timeout seconds (default 120) is taken for dead. "
	"What the server sends to OpenSSH and PuTTY is compressed from the login on "
	"(zlib@openssh.com), though they did not ask: a journal's task takes a third fewer "
	"bytes. Other clients choose (--compression auto); --compression yes makes every "
	"client compress, and one that cannot (ConnectBot unless Compression is ticked, "
	"Windows 10's own ssh) cannot connect then; client lets each client choose "
	"(ssh -C), no offers none. "
	"Logins and failures are logged to standard error."),
	CMD_OPERATOR, CMD_NO_DB, run_serve,
};
