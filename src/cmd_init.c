/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_init: help, version, init (a school from nothing) and demo.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "demo.h"
#include "i18n.h"
#include "text.h"

static int
run_help(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct actor *a = ctx->st != NULL ? store_actor(ctx->st) : NULL;
	const struct cmd *c = NULL;
	char *words[8], joined[128] = "", *save = NULL, *w = NULL;
	size_t i;
	int used = 0, n = 0;

	if (argc > 0) {
		/* `help user add` and `help "user add"` are the same question. */
		for (i = 0; i < (size_t)argc; i++)
			snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s",
			    i > 0 ? " " : "", argv[i]);
		for (w = strtok_r(joined, " ", &save); w != NULL && n < 8;
		    w = strtok_r(NULL, " ", &save))
			words[n++] = w;
		if (n == 0 || (c = cmd_find(n, words, &used)) == NULL || used != n) {
			cmd_error(ctx, _("There is no command \"%s\". `dapter help` lists them."),
			    argv[0]);
			return CMD_USAGE;
		}
		fprintf(ctx->out, _("Usage: dapter %s %s\n"), c->name, c->args);
		fprintf(ctx->out, "\n%s\n", _(c->summary));
		if (c->help != NULL)
			fprintf(ctx->out, "\n%s\n", _(c->help));
		return CMD_OK;
	}
	fprintf(ctx->out, _("Usage: dapter [--db PATH] [--as LOGIN] COMMAND [ARGS]\n\n"
	    "With no command, dapter opens the journal on this terminal.\n"
	    "The database is PATH, else $DAPTER_DB, else ./dapter.db.\n\nCommands:\n"));
	for (i = 0; cmd_table[i] != NULL; i++) {
		if (a != NULL && !cmd_allowed(cmd_table[i], a))
			continue;
		fprintf(ctx->out, "  %-16s %s\n", cmd_table[i]->name, _(cmd_table[i]->summary));
	}
	fprintf(ctx->out, _("\n`dapter help COMMAND` tells more about one.\n"));
	return CMD_OK;
}

const struct cmd cmd_help = {
	"help", "[COMMAND]", N_("List the commands, or explain one."), NULL,
	CMD_ANYONE, CMD_NO_DB, run_help,
};

static int
run_version(struct cmd_ctx *ctx, int argc, char **argv)
{
	fprintf(ctx->out, "dapter %s\n", PACKAGE_VERSION);
	return CMD_OK;
}

const struct cmd cmd_version = {
	"version", "", N_("Print dapter's version."), NULL, CMD_ANYONE, CMD_NO_DB, run_version,
};

static int
run_init(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *school = NULL;
	const struct cmd_opt opts[] = { { "--school", &school, NULL }, { NULL, NULL, NULL } };
	struct store *st = NULL;
	char today[11], *safe = NULL;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_init, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if (school == NULL) {
		cmd_error(ctx, _("Name the school: dapter init --school \"School No. 12\"."));
		return CMD_USAGE;
	}
	store_today(today);
	if ((rc = store_open(ctx->db_path, STORE_CREATE, &st)) != STORE_OK ||
	    (rc = store_school_init(st, school, today)) != STORE_OK) {
		cmd_error(ctx, "%s", store_error(st));
		store_close(st);
		/* Leave nothing half-made behind: init either works or does not. */
		if (rc != STORE_EXISTS)
			remove(ctx->db_path);
		return CMD_FAIL;
	}
	store_close(st);
	/* The path is the operator's own words: no escape sequence in it may act. */
	if ((safe = text_safe(ctx->db_path)) == NULL)
		return CMD_FAIL;
	fprintf(ctx->out, _("Created %s with the current school year.\n"), safe);
	free(safe);
	fprintf(ctx->out, _("Next: dapter user add LOGIN --name NAME --role admin "
	    "--password-stdin\n"));
	return CMD_OK;
}

const struct cmd cmd_init = {
	"init", "--school NAME",
	N_("Create a new journal database for a school."),
	N_("Creates the database file (never overwriting one), the current school year with "
	"its four quarters, two half-years and holidays, and the assessment schemes. Then add "
	"users, classes and subjects."),
	CMD_ADMIN | CMD_OPERATOR, CMD_NO_DB, run_init,
};

static int
run_demo(struct cmd_ctx *ctx, int argc, char **argv)
{
	int no_serve = 0, rc;
	const char *listen = NULL, *port = NULL;
	const struct cmd_opt opts[] = {
		{ "--no-serve", NULL, &no_serve }, { "--listen", &listen, NULL },
		{ "--port", &port, NULL }, { NULL, NULL, NULL },
	};

	if ((rc = cmd_args(ctx, &cmd_demo, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = demo_create(ctx->db_path, ctx->out, ctx->err)) != CMD_OK)
		return rc;
	if (no_serve)
		return CMD_OK;
	return demo_serve(ctx, listen != NULL ? listen : "127.0.0.1",
	    port != NULL ? port : "2222");
}

const struct cmd cmd_demo = {
	"demo", "[--no-serve] [--listen ADDR] [--port N]",
	N_("Create a demo school and serve it."),
	N_("Creates a demo school in the database (which must not exist yet): two classes "
	"with Kazakh and Russian names, three teachers, a head, an admin and a term of "
	"lessons with marks. Without --no-serve it then starts the server on 127.0.0.1:2222 "
	"and prints how to connect."),
	CMD_OPERATOR, CMD_NO_DB, run_demo,
};
