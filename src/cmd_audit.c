/*
 * cmd_audit: the audit log and its chain check (backups: cmd_archive.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"

static void
put_value(struct cmd_ctx *ctx, const char *v)
{
	char *p = NULL, *copy = NULL;

	if (v == NULL) {
		fputc('-', ctx->out);
		return;
	}
	/* One record, one line: multi-line values (homework) fold. */
	if ((copy = strdup(v)) == NULL)
		return;
	for (p = copy; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	cmd_put(ctx, copy);
	free(copy);
}

static int
print_record(const struct audit_record *r, void *arg)
{
	struct cmd_ctx *ctx = arg;

	fprintf(ctx->out, "%lld\t%s\t%s\t%s\t%s\t", (long long)r->id, r->at, r->login,
	    r->session, r->action);
	cmd_put(ctx, r->object);
	fputc('\t', ctx->out);
	put_value(ctx, r->old_value);
	fputs(" -> ", ctx->out);
	put_value(ctx, r->new_value);
	fputc('\n', ctx->out);
	return 0;
}

static int
run_audit_log(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *limit = NULL;
	struct audit_filter f;
	const struct cmd_opt opts[] = {
		{ "--last", &limit, NULL }, { "--user", &f.login, NULL },
		{ "--about", &f.text, NULL }, { "--since", &f.since, NULL },
		{ "--until", &f.until, NULL }, { NULL, NULL, NULL },
	};
	int rc;

	memset(&f, 0, sizeof f);
	if ((rc = cmd_args(ctx, &cmd_audit_log, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	f.limit = limit != NULL ? atoll(limit) : 0;
	if ((rc = store_audit_each(ctx->st, &f, print_record, ctx)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_audit_log = {
	"audit log", "[--last N] [--user LOGIN] [--about TEXT] [--since DATE] [--until DATE]",
	N_("Print the audit log: id, time (UTC), user, session, action, object, old -> new."),
	N_("--last N prints the newest N records, newest first. --about keeps the records "
	"whose object mentions TEXT: a class (\"7 Ә\"), a subject, a login. Dates are UTC days."),
	CMD_ADMIN | CMD_HEAD, 0, run_audit_log,
};

static int
run_audit_verify(struct cmd_ctx *ctx, int argc, char **argv)
{
	int64_t bad = 0, count = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_audit_verify, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_audit_verify(ctx->st, &bad, &count)) != STORE_OK) {
		cmd_error(ctx, "%s", store_error(ctx->st));
		return CMD_FAIL;
	}
	fprintf(ctx->out, _("The audit chain holds: %lld records.\n"), (long long)count);
	return CMD_OK;
}

const struct cmd cmd_audit_verify = {
	"audit verify", "",
	N_("Check the audit chain; exit 0 when it holds, else name the first broken record."),
	NULL, CMD_ADMIN | CMD_HEAD, 0, run_audit_verify,
};
