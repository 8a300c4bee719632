/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_user: accounts: add, list, disable, enable, passwords, keys, language.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "password.h"

/* Reads a password from stdin (--password-stdin), never from the command line. */
static int
read_password(struct cmd_ctx *ctx, char *buf, size_t size)
{
	if (cmd_read_line(ctx, buf, size) != 0 || buf[0] == '\0') {
		cmd_error(ctx, _("Give the password on standard input, one line."));
		return CMD_USAGE;
	}
	return CMD_OK;
}

static int
run_user_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL, *role_s = NULL;
	int pw_stdin = 0, rc;
	const struct cmd_opt opts[] = {
		{ "--name", &name, NULL }, { "--role", &role_s, NULL },
		{ "--password-stdin", NULL, &pw_stdin }, { NULL, NULL, NULL },
	};
	char *pos[1], pw[PASSWORD_MAX + 2] = "";
	enum role role;

	if ((rc = cmd_args(ctx, &cmd_user_add, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if (name == NULL || role_s == NULL || role_parse(role_s, &role) != STORE_OK) {
		cmd_error(ctx, _("Give --name and --role (admin, head or teacher)."));
		return CMD_USAGE;
	}
	if (pw_stdin && (rc = read_password(ctx, pw, sizeof pw)) != CMD_OK)
		return rc;
	rc = store_user_add(ctx->st, pos[0], name, role, pw_stdin ? pw : NULL);
	explicit_bzero(pw, sizeof pw);
	if (rc != STORE_OK)
		return cmd_store_error(ctx, rc);
	fprintf(ctx->out, _("User %s added.\n"), pos[0]);
	return CMD_OK;
}

const struct cmd cmd_user_add = {
	"user add", "LOGIN --name NAME --role admin|head|teacher [--password-stdin]",
	N_("Add a user."),
	N_("LOGIN is small Latin letters, digits, '.', '_' or '-'. With --password-stdin the "
	"password (10 characters or more, none of the commonest) is read from the first line "
	"of standard input; "
	"without it the user can log in only with an SSH key."),
	CMD_ADMIN, 0, run_user_add,
};

static int
run_user_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct user *u = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_user_list, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_user_list(ctx->st, &u, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		fprintf(ctx->out, "%s\t%s\t", u[i].login, role_name(u[i].role));
		cmd_put(ctx, u[i].name);
		fprintf(ctx->out, "%s\n", u[i].disabled ? _("\t(disabled)") : "");
	}
	free(u);
	return CMD_OK;
}

const struct cmd cmd_user_list = {
	"user list", "", N_("List users: login, role, name."), NULL,
	CMD_ADMIN | CMD_HEAD, 0, run_user_list,
};

static int
set_disabled(struct cmd_ctx *ctx, const struct cmd *c, int argc, char **argv, int disabled)
{
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, c, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_user_set_disabled(ctx->st, pos[0], disabled)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

static int
run_user_disable(struct cmd_ctx *ctx, int argc, char **argv)
{
	return set_disabled(ctx, &cmd_user_disable, argc, argv, 1);
}

static int
run_user_enable(struct cmd_ctx *ctx, int argc, char **argv)
{
	return set_disabled(ctx, &cmd_user_enable, argc, argv, 0);
}

const struct cmd cmd_user_disable = {
	"user disable", "LOGIN", N_("Stop a user from logging in (the record stays)."), NULL,
	CMD_ADMIN, 0, run_user_disable,
};

const struct cmd cmd_user_enable = {
	"user enable", "LOGIN", N_("Let a disabled user log in again."), NULL,
	CMD_ADMIN, 0, run_user_enable,
};

static int
run_user_passwd(struct cmd_ctx *ctx, int argc, char **argv)
{
	int pw_stdin = 0, rc;
	const struct cmd_opt opts[] = { { "--password-stdin", NULL, &pw_stdin },
		{ NULL, NULL, NULL } };
	char *pos[1], pw[PASSWORD_MAX + 2] = "", old[PASSWORD_MAX + 2] = "";
	const struct actor *a = NULL;
	int own;

	if ((rc = cmd_args(ctx, &cmd_user_passwd, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	a = store_actor(ctx->st);
	if (!a->operator && a->role != ROLE_ADMIN && strcmp(a->login, pos[0]) != 0) {
		cmd_error(ctx, _("You may change only your own password."));
		return CMD_DENIED;
	}
	if (!pw_stdin) {
		cmd_error(ctx, _("Give the new password on standard input with --password-stdin."));
		return CMD_USAGE;
	}
	/* One's own password: the current one first, as passwd(1) asks. */
	own = !a->operator && strcmp(a->login, pos[0]) == 0;
	if (own && (cmd_read_line(ctx, old, sizeof old) != 0 || old[0] == '\0' ||
	    cmd_read_line(ctx, pw, sizeof pw) != 0 || pw[0] == '\0')) {
		explicit_bzero(old, sizeof old);
		cmd_error(ctx, _("Give your current password on the first line of standard input "
		    "and the new one on the second."));
		return CMD_USAGE;
	}
	if (!own && (rc = read_password(ctx, pw, sizeof pw)) != CMD_OK)
		return rc;
	rc = own ? store_user_change_password(ctx->st, old, pw) :
	    store_user_set_password(ctx->st, pos[0], pw);
	explicit_bzero(old, sizeof old);
	explicit_bzero(pw, sizeof pw);
	if (rc != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_user_passwd = {
	"user passwd", "LOGIN --password-stdin",
	N_("Set a user's password (your own, or anyone's as admin)."),
	N_("The password (10 characters or more, none of the commonest) is read from standard "
	"input. Your own: the current password on the first line, the new one on the second."),
	CMD_ANYONE, 0, run_user_passwd,
};

static int
run_user_key_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[2], *buf = NULL, *line = NULL, *save = NULL;
	size_t len = 0;
	int rc, added = 0;

	if ((rc = cmd_args(ctx, &cmd_user_key_add, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if ((rc = cmd_read_file(ctx, pos[1], 1 << 20, &buf, &len)) != CMD_OK)
		return rc;
	/* A file of keys, like authorized_keys: one a line, '#' comments. */
	for (line = strtok_r(buf, "\r\n", &save); line != NULL; line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		if ((rc = store_user_key_add(ctx->st, pos[0], line)) != STORE_OK) {
			free(buf);
			return cmd_store_error(ctx, rc);
		}
		added++;
	}
	free(buf);
	if (added == 0) {
		cmd_error(ctx, _("%s holds no public key."), pos[1]);
		return CMD_FAIL;
	}
	fprintf(ctx->out, _("%d key(s) added for %s.\n"), added, pos[0]);
	return CMD_OK;
}

const struct cmd cmd_user_key_add = {
	"user key add", "LOGIN FILE",
	N_("Add the OpenSSH public key(s) in FILE (\"-\": standard input) to a user."), NULL,
	CMD_ADMIN, 0, run_user_key_add,
};

static int
run_user_lang(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[2];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_user_lang, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_user_set_lang(ctx->st, pos[0], pos[1])) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_user_lang = {
	"user lang", "LOGIN kk|ru|en", N_("Set the language a user sees."), NULL,
	CMD_ANYONE, 0, run_user_lang,
};
