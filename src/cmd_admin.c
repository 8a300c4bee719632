/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_admin: the administrator's other tools: password resets, roles, keys,
 * renaming and promoting classes, moving pupils, substitute teachers, and
 * who is online holding which journal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "password.h"

static int
run_user_reset(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[1], pw[64];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_user_reset, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_user_reset_password(ctx->st, pos[0], pw, sizeof pw)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* Shown this once: only its hash is kept. */
	fprintf(ctx->out, _("New password for %s: %s\n"), pos[0], pw);
	explicit_bzero(pw, sizeof pw);
	return CMD_OK;
}

const struct cmd cmd_user_reset = {
	"user reset", "LOGIN",
	N_("Give a user a new random password, shown once."), NULL,
	CMD_ADMIN, 0, run_user_reset,
};

static int
run_user_role(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[2];
	enum role role;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_user_role, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if (role_parse(pos[1], &role) != STORE_OK) {
		cmd_error(ctx, _("A role is admin, head or teacher."));
		return CMD_USAGE;
	}
	if ((rc = store_user_set_role(ctx->st, pos[0], role)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_user_role = {
	"user role", "LOGIN admin|head|teacher", N_("Change a user's role."), NULL,
	CMD_ADMIN, 0, run_user_role,
};

static int
run_user_key_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct user_key *k = NULL;
	size_t n = 0, i;
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_user_key_list, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_user_key_list(ctx->st, pos[0], &k, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		/* Rows stored before keys were parsed may hold anything: never raw. */
		fprintf(ctx->out, "%lld\t", (long long)k[i].id);
		cmd_put(ctx, k[i].type);
		fputc('\t', ctx->out);
		cmd_put(ctx, k[i].fingerprint);
		fputc('\t', ctx->out);
		cmd_put(ctx, k[i].comment);
		fputc('\n', ctx->out);
	}
	free(k);
	return CMD_OK;
}

const struct cmd cmd_user_key_list = {
	"user key list", "LOGIN", N_("List a user's SSH keys: number, type, fingerprint, comment."),
	NULL, CMD_ANYONE, 0, run_user_key_list,
};

static int
run_user_key_remove(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[2];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_user_key_remove, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_user_key_remove(ctx->st, pos[0], atoll(pos[1]))) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_user_key_remove = {
	"user key remove", "LOGIN NUMBER",
	N_("Remove a user's SSH key (its number from `user key list`)."), NULL,
	CMD_ADMIN, 0, run_user_key_remove,
};

static int
run_class_rename(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct class c;
	char *pos[2];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_class_rename, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK ||
	    (rc = store_class_rename(ctx->st, c.id, pos[1])) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_class_rename = {
	"class rename", "CLASS NEW_NAME", N_("Rename a class (audited)."), NULL,
	CMD_ADMIN, 0, run_class_rename,
};

static int
run_class_promote(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct class c, next;
	char *pos[1];
	int64_t id = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_class_promote, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK ||
	    (rc = store_class_promote(ctx->st, c.id, &id)) != STORE_OK ||
	    (rc = store_class_get(ctx->st, id, &next)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	fprintf(ctx->out, _("%s of %d-%d is now %s of %d-%d.\n"), c.name, c.start_year,
	    c.start_year + 1, next.name, next.start_year, next.start_year + 1);
	return CMD_OK;
}

const struct cmd cmd_class_promote = {
	"class promote", "CLASS",
	N_("Move a class and its pupils up to next school year's grade."),
	N_("Needs next year to exist (`dapter year add`). This year's journals keep every "
	"pupil and mark; the class teacher goes along."),
	CMD_ADMIN, 0, run_class_promote,
};

/* A pupil of a class by "Surname Given[ Patronymic]". */
static int
find_pupil(struct cmd_ctx *ctx, const struct class *c, const char *name, int64_t *id)
{
	struct pupil *p = NULL;
	char full[3 * STORE_NAME_MAX + 3];
	size_t n = 0, i, len = strlen(name);
	int rc, found = 0;

	if ((rc = store_pupil_list(ctx->st, c->id, 0, 0, &p, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		if (p[i].left[0] != '\0')
			continue;
		pupil_full_name(&p[i], full, sizeof full);
		if (strcmp(full, name) == 0 || (strncmp(full, name, len) == 0 && full[len] == ' ')) {
			*id = p[i].id;
			found++;
		}
	}
	free(p);
	if (found == 1)
		return CMD_OK;
	cmd_error(ctx, found == 0 ? _("No pupil \"%s\" in %s.") :
	    _("More than one pupil \"%s\" in %s: give the full name."), name, c->name);
	return CMD_NOT_FOUND;
}

static int
run_pupil_move(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *date = NULL;
	const struct cmd_opt opts[] = { { "--from", &from, NULL }, { "--to", &to, NULL },
		{ "--date", &date, NULL }, { NULL, NULL, NULL } };
	struct class a, b;
	char *pos[1], today[11];
	int64_t id = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_pupil_move, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if (from == NULL || to == NULL) {
		cmd_error(ctx, _("Give the classes: --from CLASS --to CLASS."));
		return CMD_USAGE;
	}
	store_today(today);
	if ((rc = store_class_find(ctx->st, from, &a)) != STORE_OK ||
	    (rc = store_class_find(ctx->st, to, &b)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if ((rc = find_pupil(ctx, &a, pos[0], &id)) != CMD_OK)
		return rc;
	if ((rc = store_pupil_move(ctx->st, id, b.id, date != NULL ? date : today)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_pupil_move = {
	"pupil move", "\"SURNAME GIVEN\" --from CLASS --to CLASS [--date DATE]",
	N_("Move a pupil to another class from a date on (default today)."),
	N_("The old class's journals keep the pupil's marks up to that day, marked as moved."),
	CMD_ADMIN, 0, run_pupil_move,
};

/* The class named by --class and the pupil named in it, for the pupil commands. */
static int
class_pupil(struct cmd_ctx *ctx, const char *class_name, const char *name, struct class *c,
    int64_t *id)
{
	int rc;

	if (class_name == NULL) {
		cmd_error(ctx, "%s", _("Give the pupil's class: --class CLASS."));
		return CMD_USAGE;
	}
	if ((rc = store_class_find(ctx->st, class_name, c)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return find_pupil(ctx, c, name, id);
}

static int
run_pupil_rename(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *cls = NULL, *surname = NULL, *given = NULL, *patronymic = NULL;
	const struct cmd_opt opts[] = { { "--class", &cls, NULL },
		{ "--surname", &surname, NULL }, { "--given", &given, NULL },
		{ "--patronymic", &patronymic, NULL }, { NULL, NULL, NULL } };
	struct pupil *rows = NULL, p;
	struct class c;
	char *pos[1];
	size_t n = 0, i;
	int64_t id = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_pupil_rename, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK ||
	    (rc = class_pupil(ctx, cls, pos[0], &c, &id)) != CMD_OK)
		return rc;
	if (surname == NULL && given == NULL && patronymic == NULL) {
		cmd_error(ctx, "%s", _("Give the new name: --surname, --given, --patronymic."));
		return CMD_USAGE;
	}
	/* What is not given stays as it is. */
	if ((rc = store_pupil_list(ctx->st, c.id, 0, 0, &rows, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n && rows[i].id != id; i++)
		;
	if (i < n)
		p = rows[i];
	free(rows);
	if (i == n) {
		cmd_error(ctx, _("No pupil \"%s\" in %s."), pos[0], c.name);
		return CMD_NOT_FOUND;
	}
	if ((surname != NULL && strlen(surname) >= sizeof p.surname) ||
	    (given != NULL && strlen(given) >= sizeof p.given) ||
	    (patronymic != NULL && strlen(patronymic) >= sizeof p.patronymic)) {
		cmd_error(ctx, "%s", _("The name is too long."));
		return CMD_USAGE;
	}
	if (surname != NULL)
		snprintf(p.surname, sizeof p.surname, "%s", surname);
	if (given != NULL)
		snprintf(p.given, sizeof p.given, "%s", given);
	if (patronymic != NULL)
		snprintf(p.patronymic, sizeof p.patronymic, "%s", patronymic);
	if ((rc = store_pupil_rename(ctx->st, id, &p)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_pupil_rename = {
	"pupil rename", "\"SURNAME GIVEN\" --class CLASS [--surname S] [--given G] "
	"[--patronymic P]",
	N_("Correct a pupil's name; what is not given stays."),
	N_("The journals, marks and reports follow the new name; the audit log keeps the old "
	"one. --patronymic \"\" takes the patronymic away."),
	CMD_ADMIN, 0, run_pupil_rename,
};

static int
run_pupil_leave(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *cls = NULL, *date = NULL;
	const struct cmd_opt opts[] = { { "--class", &cls, NULL }, { "--date", &date, NULL },
		{ NULL, NULL, NULL } };
	struct class c;
	char *pos[1], today[11];
	int64_t id = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_pupil_leave, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK ||
	    (rc = class_pupil(ctx, cls, pos[0], &c, &id)) != CMD_OK)
		return rc;
	store_today(today);
	if ((rc = store_pupil_leave(ctx->st, id, date != NULL ? date : today)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_pupil_leave = {
	"pupil leave", "\"SURNAME GIVEN\" --class CLASS [--date DATE]",
	N_("Record that a pupil left the school on a date (default today)."),
	N_("The pupil stays in the lessons before that day, with the marks, and is in none "
	"from it on; the roster screen shows the day. Marks from that day on must be cleared "
	"first."),
	CMD_ADMIN, 0, run_pupil_leave,
};

static int
run_substitute(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *subgroup = NULL;
	const struct cmd_opt opts[] = { { "--from", &from, NULL }, { "--to", &to, NULL },
		{ "--subgroup", &subgroup, NULL }, { NULL, NULL, NULL } };
	struct class c;
	struct subject s;
	char *pos[3];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_substitute, argc, argv, opts, pos, 3, 3, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[1], pos[2], &c, &s)) != CMD_OK)
		return rc;
	if (from == NULL || to == NULL) {
		cmd_error(ctx, _("Give the days: --from DATE --to DATE."));
		return CMD_USAGE;
	}
	if ((rc = store_substitute_add(ctx->st, pos[0], c.id, s.id,
	    subgroup != NULL ? atoi(subgroup) : 0, from, to)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_substitute = {
	"substitute", "LOGIN CLASS SUBJECT --from DATE --to DATE [--subgroup N]",
	N_("Let a substitute teacher write a journal for some days."),
	N_("The substitute writes the journal from the first to the last day, inclusive. "
	"`dapter substitute list` shows the substitutions; `dapter substitute remove NUMBER` "
	"ends one."),
	CMD_ADMIN, 0, run_substitute,
};

/*
 * `substitute list` and `substitute remove N` are commands of their own; a
 * substitute whose login is "list" or "remove" still gets the add form: its
 * words reach run_substitute() with the login in front (cmd_main() passes
 * argv after the command's words, so argv[-1] is that word).
 */
static int
run_substitute_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct substitution *x = NULL;
	size_t n = 0, i;
	int rc;

	if (argc > 0)
		return run_substitute(ctx, argc + 1, argv - 1);
	if ((rc = store_substitution_list(ctx->st, &x, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		fprintf(ctx->out, "%lld\t%s\t%s\t", (long long)x[i].id, x[i].login,
		    x[i].class_name);
		cmd_put(ctx, x[i].subject_name);
		fprintf(ctx->out, "\t%d\t%s\t%s\n", x[i].subgroup, x[i].starts, x[i].ends);
	}
	free(x);
	return CMD_OK;
}

const struct cmd cmd_substitute_list = {
	"substitute list", "",
	N_("List substitutions: number, substitute, class, subject, subgroup, first and last "
	"day."),
	N_("The head and administrators see every substitution; a teacher sees her own."),
	CMD_ANYONE, 0, run_substitute_list,
};

static int
run_substitute_remove(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[1], *end = NULL;
	long long id;
	int rc;

	if (argc >= 3)
		return run_substitute(ctx, argc + 1, argv - 1);
	if ((rc = cmd_args(ctx, &cmd_substitute_remove, argc, argv, NULL, pos, 1, 1, NULL)) !=
	    CMD_OK)
		return rc;
	id = strtoll(pos[0], &end, 10);
	if (end == pos[0] || *end != '\0' || id < 1) {
		cmd_error(ctx, _("\"%s\" is not a number from `dapter %s`."), pos[0],
		    cmd_substitute_list.name);
		return CMD_USAGE;
	}
	if ((rc = store_substitution_remove(ctx->st, id)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_substitute_remove = {
	"substitute remove", "NUMBER",
	N_("End a substitution (its number from `substitute list`; audited)."), NULL,
	CMD_ADMIN, 0, run_substitute_remove,
};

static int
run_session_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const states[] = { N_("active"), N_("locked"), N_("detached") };
	struct session_info *si = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_session_list, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_session_list(ctx->st, &si, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		fprintf(ctx->out, "%s\t%s\t", si[i].id, si[i].login);
		cmd_put(ctx, si[i].origin);
		fprintf(ctx->out, "\t%s\t%s\t%llds\t%s\n", si[i].started, _(states[si[i].state]),
		    si[i].idle_seconds, si[i].resource);
	}
	free(si);
	return CMD_OK;
}

const struct cmd cmd_session_list = {
	"session list", "",
	N_("Who is online: session, login, from where, since, state, idle, journal held."),
	NULL, CMD_ADMIN | CMD_HEAD, 0, run_session_list,
};

static int
run_lock_break(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *subgroup = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--subgroup", &subgroup, NULL }, { NULL, NULL, NULL } };
	struct class c;
	struct subject s;
	struct period p;
	char *pos[2], res[96];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_lock_break, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK ||
	    (rc = cmd_period_arg(ctx, period, &s, &p)) != CMD_OK)
		return rc;
	journal_resource(res, sizeof res, c.id, s.id, subgroup != NULL ? atoi(subgroup) : 0, p.id);
	if ((rc = store_lock_break(ctx->st, res)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_lock_break = {
	"lock break", "CLASS SUBJECT [--period P] [--subgroup N]",
	N_("Free a journal page another session holds (audited)."), NULL,
	CMD_ADMIN, 0, run_lock_break,
};
