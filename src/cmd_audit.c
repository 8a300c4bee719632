/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_audit: the audit log, its chain check, and its anchors (backups:
 * cmd_archive.c).
 *
 * The chain proves that no record was changed in place, but whoever holds
 * the file can delete its tail or rewrite it whole with the README's recipe.
 * So the head (last id and hash) leaves the file: printed, logged, and
 * written as a checkpoint signed with the server's ed25519 host key in
 * OpenSSH's SSHSIG format, which `ssh-keygen -Y verify` checks without us.
 * `audit verify --head` / `--checkpoint` then catch a chain that no longer
 * holds that record.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "server_module.h"
#include "sshsig.h"

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

/* Parses "ID:HASH" (the form `audit head` prints; 32 to 64 hex digits); 0 or -1. */
static int
parse_head(const char *text, int64_t *id, char hash[65])
{
	char *end = NULL;
	long long v;
	size_t i;

	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno != 0 || end == text || v < 1 || *end != ':')
		return -1;
	for (i = 0; i < 64 && ((end[1 + i] >= '0' && end[1 + i] <= '9') ||
	    (end[1 + i] >= 'a' && end[1 + i] <= 'f')); i++)
		;
	/* A printed report carries 32 digits (128 bits): enough to pin a record. */
	if (i < 32 || (end[1 + i] != '\0' && end[1 + i] != '\n'))
		return -1;
	*id = v;
	snprintf(hash, 65, "%.*s", (int)i, end + 1);
	return 0;
}

/*
 * The "head: ID:HASH" line of a checkpoint file; 0 or -1 (error printed).
 * With FILE.sig beside it, the signature must be this server's (key_dir,
 * NULL: PATH.keys): a checkpoint forged together with the chain fails.
 */
static int
checkpoint_head(struct cmd_ctx *ctx, const char *path, const char *key_dir, int64_t *id,
    char hash[65])
{
	char sigpath[4096], key[4200], err[512], *text = NULL, *sig = NULL, *line = NULL;
	size_t len = 0, siglen = 0, dblen = strlen(ctx->db_path);
	int rc = -1;

	if (cmd_read_file(ctx, path, 1 << 16, &text, &len) != CMD_OK)
		return -1;
	for (line = text; line != NULL && rc != 0; line = strchr(line, '\n'), line += line != NULL)
		if (strncmp(line, "head: ", 6) == 0 && parse_head(line + 6, id, hash) == 0)
			rc = 0;
	if (rc != 0) {
		cmd_error(ctx, _("%s is not an audit checkpoint (no \"head: ID:HASH\" line)."),
		    path);
		goto out;
	}
	snprintf(sigpath, sizeof sigpath, "%s.sig", path);
	if (access(sigpath, F_OK) != 0)
		goto out;	/* an unsigned head (copied from a log) still anchors */
	snprintf(key, sizeof key, "%s%s/%s", key_dir != NULL ? key_dir : ctx->db_path,
	    key_dir != NULL ? "" : ".keys", SSHSIG_KEY_FILE);
	/* A backup copy's keys are beside it as dapter-DATE-TIME.keys. */
	if (key_dir == NULL && access(key, F_OK) != 0 && dblen > 3 &&
	    strcmp(ctx->db_path + dblen - 3, ".db") == 0)
		snprintf(key, sizeof key, "%.*s.keys/%s", (int)(dblen - 3), ctx->db_path,
		    SSHSIG_KEY_FILE);
	if (key_dir == NULL && access(key, F_OK) != 0) {
		fprintf(ctx->out, _("No host key beside the database: the checkpoint's signature "
		    "was not checked (give --keys DIR).\n"));
		goto out;
	}
	if (cmd_read_file(ctx, sigpath, 1 << 16, &sig, &siglen) != CMD_OK ||
	    server_verify(key, SSHSIG_NAMESPACE, text, len, sig, err, sizeof err) != 0) {
		if (sig != NULL)
			cmd_error(ctx, "%s: %s", sigpath, err);
		rc = -1;
	}
out:
	free(text);
	free(sig);
	return rc;
}

static int
run_audit_verify(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *head = NULL, *checkpoint = NULL, *keys = NULL;
	const struct cmd_opt opts[] = { { "--head", &head, NULL },
		{ "--checkpoint", &checkpoint, NULL }, { "--keys", &keys, NULL },
		{ NULL, NULL, NULL } };
	int64_t bad = 0, id = 0;
	char hash[65], *text = NULL;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_audit_verify, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if (head != NULL && parse_head(head, &id, hash) != 0) {
		cmd_error(ctx, _("--head is ID:HASH, as `dapter audit head` prints it."));
		return CMD_USAGE;
	}
	if ((checkpoint != NULL || keys != NULL) && ctx->remote) {
		cmd_error(ctx, _("Give --head ID:HASH over SSH; a checkpoint file is read on the "
		    "server itself."));
		return CMD_DENIED;
	}
	if (checkpoint != NULL && checkpoint_head(ctx, checkpoint, keys, &id, hash) != 0)
		return CMD_FAIL;
	/* The anchor first: a cut tail also leaves rows the audit no longer explains. */
	if ((id > 0 && (rc = store_audit_anchor(ctx->st, id, hash)) != STORE_OK) ||
	    (rc = store_audit_verify_text(ctx->st, &bad, &text)) != STORE_OK) {
		cmd_error(ctx, "%s", store_error(ctx->st));
		return CMD_FAIL;
	}
	fprintf(ctx->out, "%s\n", text);
	free(text);
	return CMD_OK;
}

const struct cmd cmd_audit_verify = {
	"audit verify", "[--head ID:HASH | --checkpoint FILE [--keys DIR]]",
	N_("Check the audit chain; exit 0 when it holds, else name the first broken record."),
	N_("The marks, attendance, lessons, pupils, their class histories, subgroups, users, "
	"passwords, SSH keys, classes and their class teachers, assignments, substitutions "
	"and timetables in the tables must be what the audit records say; what an "
	"older audit cannot replay is named. --head (from `audit head`, a log or a printed report) or --checkpoint (a file "
	"`audit head FILE` or `backup` wrote) also requires that record, unchanged: a chain "
	"cut short or rewritten fails. A checkpoint's FILE.sig must be by the host key in DIR "
	"(by default PATH.keys)."),
	CMD_ADMIN | CMD_HEAD, 0, run_audit_verify,
};

int
cmd_audit_checkpoint(struct cmd_ctx *ctx, const char *path, const char *key_dir)
{
	char head[65], at[32], keydir[4096], key[4200], sigpath[4096], err[512];
	char text[256], *sig = NULL;
	int64_t id = 0;
	time_t now = time(NULL);
	struct tm tm;
	FILE *f = NULL;
	int rc = CMD_FAIL, n;

	if ((rc = store_audit_head(ctx->st, &id, head)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = CMD_FAIL;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(keydir, sizeof keydir, "%s%s", key_dir != NULL ? key_dir : ctx->db_path,
	    key_dir != NULL ? "" : ".keys");
	snprintf(key, sizeof key, "%s/%s", keydir, SSHSIG_KEY_FILE);
	snprintf(sigpath, sizeof sigpath, "%s.sig", path);
	n = snprintf(text, sizeof text, "dapter audit checkpoint\nhead: %" PRId64 ":%s\n"
	    "records: %" PRId64 "\nat: %s\n", id, head, id, at);
	if (server_sign_key_ensure(keydir, err, sizeof err) != 0 ||
	    server_sign(key, SSHSIG_NAMESPACE, text, (size_t)n, &sig, err, sizeof err) != 0) {
		cmd_error(ctx, "%s", err);
		goto out;
	}
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		f = NULL;
		cmd_error(ctx, _("Cannot write %s: %s."), path, strerror(errno));
		goto out;
	}
	if ((f = fopen(sigpath, "w")) == NULL || fputs(sig, f) == EOF || fclose(f) != 0) {
		f = NULL;
		cmd_error(ctx, _("Cannot write %s: %s."), sigpath, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = CMD_OK;
out:
	if (f != NULL)
		fclose(f);
	free(sig);
	return rc;
}

static int
run_audit_head(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *keys = NULL;
	const struct cmd_opt opts[] = { { "--keys", &keys, NULL }, { NULL, NULL, NULL } };
	char *pos[1] = { NULL }, hash[65];
	int64_t id = 0;
	int rc, npos = 0;

	if ((rc = cmd_args(ctx, &cmd_audit_head, argc, argv, opts, pos, 0, 1, &npos)) != CMD_OK)
		return rc;
	if ((npos > 0 || keys != NULL) && ctx->remote) {
		cmd_error(ctx, _("A checkpoint file is written on the server itself, by its "
		    "operator."));
		return CMD_DENIED;
	}
	if ((rc = store_audit_head(ctx->st, &id, hash)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if (npos > 0 && (rc = cmd_audit_checkpoint(ctx, pos[0], keys)) != CMD_OK)
		return rc;
	fprintf(ctx->out, "%" PRId64 ":%s\n", id, hash);
	return CMD_OK;
}

const struct cmd cmd_audit_head = {
	"audit head", "[FILE [--keys DIR]]",
	N_("Print the last audit record's ID:HASH; with FILE, write a signed checkpoint."),
	N_("FILE and FILE.sig are signed with the server's ed25519 host key (DIR, by default "
	"beside the database as PATH.keys) in OpenSSH's SSHSIG format, namespace "
	"dapter-audit: `ssh-keygen -Y verify -f allowed_signers -I dapter -n dapter-audit "
	"-s FILE.sig < FILE` checks it without dapter. Keep the head away from the server: "
	"`audit verify --head ID:HASH` or `--checkpoint FILE` then catches a chain cut short "
	"or rewritten."),
	CMD_ADMIN | CMD_HEAD, 0, run_audit_head,
};
