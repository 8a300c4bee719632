/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd: the command table, dispatch, argument parsing and the helpers every
 * command uses. See cmd.h.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "text.h"

const struct cmd *const cmd_table[] = {
	&cmd_help, &cmd_version, &cmd_init, &cmd_demo,
	&cmd_user_add, &cmd_user_list, &cmd_user_disable, &cmd_user_enable, &cmd_user_passwd,
	&cmd_user_key_add, &cmd_user_lang,
	&cmd_year_add, &cmd_year_current, &cmd_period_list, &cmd_period_close, &cmd_period_reopen,
	&cmd_period_dates, &cmd_holiday_list, &cmd_holiday_add, &cmd_holiday_remove,
	&cmd_class_add, &cmd_class_list, &cmd_class_teacher,
	&cmd_subject_add, &cmd_subject_list, &cmd_subject_set, &cmd_subject_show,
	&cmd_assign, &cmd_unassign, &cmd_journal_list,
	&cmd_roster_import, &cmd_roster_list, &cmd_subgroup_set,
	&cmd_timetable_import, &cmd_timetable_show,
	&cmd_lesson_add, &cmd_lesson_set, &cmd_lesson_remove, &cmd_lesson_list,
	&cmd_marks_export, &cmd_marks_import, &cmd_grades,
	&cmd_exam_set, &cmd_exam_list,
	&cmd_plan_import, &cmd_plan_show,
	&cmd_audit_log, &cmd_audit_verify, &cmd_audit_head, &cmd_backup,
	&cmd_user_reset, &cmd_user_role, &cmd_user_key_list, &cmd_user_key_remove,
	&cmd_class_rename, &cmd_class_promote, &cmd_pupil_move, &cmd_pupil_rename,
	&cmd_pupil_leave, &cmd_substitute,
	&cmd_substitute_list, &cmd_substitute_remove,
	&cmd_session_list, &cmd_lock_break,
	&cmd_report_journal, &cmd_report_summary, &cmd_report_pupil, &cmd_report_attendance,
	&cmd_report_quality, &cmd_report_analysis, &cmd_report_card,
	&cmd_restore, &cmd_archive, &cmd_archive_verify,
	&cmd_serve, &cmd_check,
	NULL,
};

const struct cmd *
cmd_find(int argc, char **argv, int *used)
{
	const struct cmd *best = NULL;
	int best_words = 0;
	size_t i;

	for (i = 0; cmd_table[i] != NULL; i++) {
		const char *name = cmd_table[i]->name;
		int w = 0;

		/* Match the command's words one by one against argv. */
		while (w < argc) {
			size_t len = strcspn(name, " ");

			if (strlen(argv[w]) != len || strncmp(argv[w], name, len) != 0)
				break;
			w++;
			name += len;
			if (*name == '\0') {
				if (w > best_words) {
					best = cmd_table[i];
					best_words = w;
				}
				break;
			}
			name++;
		}
	}
	*used = best_words;
	return best;
}

int
cmd_allowed(const struct cmd *c, const struct actor *a)
{
	if (a->operator)
		return 1;
	if (c->roles & CMD_OPERATOR)
		return 0;
	switch (a->role) {
	case ROLE_ADMIN:
		return (c->roles & CMD_ADMIN) != 0;
	case ROLE_HEAD:
		return (c->roles & CMD_HEAD) != 0;
	case ROLE_TEACHER:
		break;
	}
	return (c->roles & CMD_TEACHER) != 0;
}

static void
cmd_usage(struct cmd_ctx *ctx, const struct cmd *c)
{
	fprintf(ctx->err, _("Usage: dapter %s %s\n"), c->name, c->args);
	fprintf(ctx->err, _("`dapter help %s` tells more.\n"), c->name);
}

int
cmd_main(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd *c = NULL;
	int used = 0;

	if (argc == 0)
		return cmd_help.run(ctx, 0, argv);
	if ((c = cmd_find(argc, argv, &used)) == NULL) {
		cmd_error(ctx, _("There is no command \"%s\". `dapter help` lists them."), argv[0]);
		return CMD_USAGE;
	}
	if (ctx->st != NULL && !cmd_allowed(c, store_actor(ctx->st))) {
		cmd_error(ctx, _("Your role may not run `%s`."), c->name);
		return CMD_DENIED;
	}
	if (ctx->st == NULL && !(c->flags & CMD_NO_DB)) {
		cmd_error(ctx, _("No database is open."));
		return CMD_FAIL;
	}
	return c->run(ctx, argc - used, argv + used);
}

int
cmd_args(struct cmd_ctx *ctx, const struct cmd *c, int argc, char **argv,
    const struct cmd_opt *opts, char **pos, int npos_min, int npos_max, int *npos)
{
	int i, n = 0, dashdash = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const struct cmd_opt *o = NULL;
		size_t len;

		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (dashdash || a[0] != '-' || a[1] != '-') {
			if (n >= npos_max)
				goto usage;
			pos[n++] = argv[i];
			continue;
		}
		len = strcspn(a, "=");
		for (o = opts; o != NULL && o->name != NULL; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (o == NULL || o->name == NULL) {
			cmd_error(ctx, _("Unknown option %.*s."), (int)len, a);
			goto usage;
		}
		if (o->flag != NULL) {
			if (a[len] == '=')
				goto usage;
			*o->flag = 1;
		} else if (a[len] == '=')
			*o->value = a + len + 1;
		else if (i + 1 < argc)
			*o->value = argv[++i];
		else {
			cmd_error(ctx, _("Option %s needs a value."), o->name);
			goto usage;
		}
	}
	if (n < npos_min)
		goto usage;
	if (npos != NULL)
		*npos = n;
	return CMD_OK;
usage:
	cmd_usage(ctx, c);
	return CMD_USAGE;
}

void
cmd_path_dir(const char *path, char *out, size_t outsize)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, outsize, ".");
	else if (slash == path)
		snprintf(out, outsize, "/");
	else
		snprintf(out, outsize, "%.*s", (int)(slash - path), path);
}

void
cmd_put(struct cmd_ctx *ctx, const char *text)
{
	char *safe = text_safe(text);

	fputs(safe != NULL ? safe : "?", ctx->out);
	free(safe);
}

void
cmd_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	char buf[1024], *safe = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* Messages quote user input: never let it drive the terminal. */
	safe = text_safe(buf);
	fprintf(ctx->err, "dapter: %s\n", safe != NULL ? safe : buf);
	free(safe);
}

int
cmd_store_error(struct cmd_ctx *ctx, int status)
{
	cmd_error(ctx, "%s", store_error(ctx->st));
	switch (status) {
	case STORE_DENIED:
		return CMD_DENIED;
	case STORE_NOT_FOUND:
		return CMD_NOT_FOUND;
	default:
		return CMD_FAIL;
	}
}

int
cmd_read_line(struct cmd_ctx *ctx, char *buf, size_t size)
{
	size_t len;

	if (fgets(buf, (int)size, ctx->in) == NULL)
		return -1;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 0;
}

int
cmd_read_file(struct cmd_ctx *ctx, const char *path, size_t max, char **buf, size_t *len)
{
	FILE *f = NULL;
	char *p = NULL, *grown = NULL;
	size_t cap = 65536, n = 0, got;
	int rc = CMD_FAIL;

	*buf = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		f = ctx->in;
	else if (ctx->remote) {
		cmd_error(ctx, _("Over SSH, send the file on standard input and name it \"-\"."));
		return CMD_USAGE;
	} else if ((f = fopen(path, "rb")) == NULL) {
		cmd_error(ctx, _("Cannot open %s: %s."), path, strerror(errno));
		return CMD_FAIL;
	}
	if ((p = malloc(cap)) == NULL)
		goto out;
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max) {
			cmd_error(ctx, _("%s is larger than %zu MB; that is not a file dapter "
			    "expects."), path, max >> 20);
			goto out;
		}
		if (n == cap) {
			if ((grown = realloc(p, cap * 2)) == NULL)
				goto out;
			p = grown;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		cmd_error(ctx, _("Cannot read %s."), path);
		goto out;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	p = NULL;
	rc = CMD_OK;
out:
	if (f != NULL && f != ctx->in)
		fclose(f);
	free(p);
	return rc;
}

int
cmd_journal_args(struct cmd_ctx *ctx, const char *class_name, const char *subject_name,
    struct class *c, struct subject *s)
{
	int rc;

	/* The subject as it is in the class: its hours and scheme there. */
	if ((rc = store_class_find(ctx->st, class_name, c)) != STORE_OK ||
	    (rc = store_subject_find(ctx->st, subject_name, s)) != STORE_OK ||
	    (rc = store_subject_in_class(ctx->st, c->id, s->id, s)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

int
cmd_grade_arg(struct cmd_ctx *ctx, const char *arg)
{
	char *end = NULL;
	long g = strtol(arg, &end, 10);

	if (arg[0] == '\0' || *end != '\0' || g < 1 || g > 12) {
		cmd_error(ctx, _("A grade is a number from 1 to 12, not \"%s\"."), arg);
		return -1;
	}
	return (int)g;
}

int
cmd_period_arg(struct cmd_ctx *ctx, const char *spec, const struct subject *s,
    struct period *p)
{
	char today[11];
	int rc;

	store_today(today);
	if (spec != NULL)
		rc = store_period_find(ctx->st, spec, today, p);
	else
		rc = store_period_for_date(ctx->st, today, s->hours == 1 ? 'h' : 'q', p);
	return rc == STORE_OK ? CMD_OK : cmd_store_error(ctx, rc);
}

int
cmd_table_report(struct cmd_ctx *ctx, int status, const struct table_problem *p, size_t n,
    const struct table_source *src)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i].line > 0)
			cmd_error(ctx, _("line %zu: %s"), p[i].line, p[i].msg);
		else
			cmd_error(ctx, "%s", p[i].msg);
	}
	if (status != STORE_OK) {
		cmd_error(ctx, _("Nothing was imported."));
		return status == STORE_DENIED ? CMD_DENIED : CMD_FAIL;
	}
	if (src->xlsx || src->charset == CHARSET_CP1251 || src->charset == CHARSET_UTF16LE ||
	    src->charset == CHARSET_UTF16BE)
		fprintf(ctx->out, _("Read as %s.\n"), table_source_name(src));
	return CMD_OK;
}
