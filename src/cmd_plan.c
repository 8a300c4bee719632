/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_plan: the calendar-thematic plan in from a spreadsheet, and out as
 * the journal follows it. See plan.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "plan.h"
#include "text.h"

/* CLASS ("7 Ә") or GRADE ("7", the grade's plan in the current school year). */
static int
owner_arg(struct cmd_ctx *ctx, const char *arg, struct plan_owner *owner)
{
	struct class c;
	char today[11];
	size_t i;
	int rc;

	memset(owner, 0, sizeof *owner);
	for (i = 0; arg[i] >= '0' && arg[i] <= '9'; i++)
		;
	if (i > 0 && i <= 2 && arg[i] == '\0') {
		owner->grade = atoi(arg);
		if (owner->grade < 1 || owner->grade > 12) {
			cmd_error(ctx, _("Grade %s: a grade is 1 to 12."), arg);
			return CMD_USAGE;
		}
		store_today(today);
		if ((rc = store_year_current(ctx->st, today, &owner->start_year)) != STORE_OK)
			return cmd_store_error(ctx, rc);
		snprintf(owner->label, sizeof owner->label, "%d", owner->grade);
		return CMD_OK;
	}
	if ((rc = store_class_find(ctx->st, arg, &c)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	owner->class_id = c.id;
	owner->grade = c.grade;
	owner->start_year = c.start_year;
	snprintf(owner->label, sizeof owner->label, "%s", c.name);
	return CMD_OK;
}

static int
run_plan_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	int dry_run = 0, rc;
	const struct cmd_opt opts[] = { { "--dry-run", NULL, &dry_run }, { NULL, NULL, NULL } };
	struct plan_report rep;
	struct plan_owner owner;
	struct subject s;
	char *pos[3], *buf = NULL;
	size_t len = 0;

	if ((rc = cmd_args(ctx, &cmd_plan_import, argc, argv, opts, pos, 3, 3, NULL)) != CMD_OK ||
	    (rc = owner_arg(ctx, pos[0], &owner)) != CMD_OK)
		return rc;
	if ((rc = store_subject_find(ctx->st, pos[1], &s)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if ((rc = cmd_read_file(ctx, pos[2], PLAN_MAX_BYTES, &buf, &len)) != CMD_OK)
		return rc;
	rc = plan_import(ctx->st, &owner, s.id, buf, len, dry_run, &rep);
	free(buf);
	if ((rc = cmd_table_report(ctx, rc, rep.problems, rep.nproblems, &rep.source)) !=
	    CMD_OK) {
		plan_report_free(&rep);
		return rc;
	}
	if (owner.class_id != 0)
		fprintf(ctx->out, dry_run ? _("%zu topics (%zu hours) would be the plan of %s in "
		    "%s.\n") : _("%zu topics (%zu hours) are the plan of %s in %s.\n"), rep.topics,
		    rep.hours, s.name, owner.label);
	else
		fprintf(ctx->out, dry_run ? _("%zu topics (%zu hours) would be the plan of %s in "
		    "grade %s.\n") : _("%zu topics (%zu hours) are the plan of %s in grade %s.\n"),
		    rep.topics, rep.hours, s.name, owner.label);
	plan_report_free(&rep);
	return CMD_OK;
}

const struct cmd cmd_plan_import = {
	"plan import", "CLASS|GRADE SUBJECT FILE [--dry-run]",
	N_("Import the calendar-thematic plan (КТП, КТЖ) of a class or a grade (\"-\": standard "
	"input)."),
	N_("The first line names the columns, in English, Russian or Kazakh: number, topic, hours "
	"(№;Тема;Часы or №;Тақырып;Сағат), and optionally date, homework, section and СОр "
	"(Дата, Домашнее задание, Раздел, СОр or Күні, Үй тапсырмасы, Бөлім, БЖБ). A row with "
	"no number and no hours starts a section. Without a СОр column a СОр is due after "
	"each section's last topic. A grade's plan (GRADE: 7) is every class's of the grade "
	"that has no plan of its own. The plan replaces the one before; lessons keep their "
	"topics. The admin, the head of studies and the subject's teachers may import it. "
	"Every problem is listed with its line and nothing is written until the whole file "
	"is right."),
	CMD_ANYONE, 0, run_plan_import,
};

/* Text padded with spaces to `width` columns. */
static void
put_padded(struct cmd_ctx *ctx, const char *text, size_t width)
{
	size_t w = text_width(text);

	cmd_put(ctx, text);
	for (; w < width; w++)
		fputc(' ', ctx->out);
}

static void
plan_pace_print(struct cmd_ctx *ctx, const struct plan_pace *pace)
{
	fprintf(ctx->out, _("Lessons given: %d. Hours of the plan given: %d of %d.\n"),
	    pace->given, pace->done, pace->hours);
	if (pace->dated)
		fprintf(ctx->out, _("By its dates the plan has %d hours given by today.\n"),
		    pace->planned);
	if (pace->ahead > 0)
		fprintf(ctx->out, _("Ahead of the plan by %d h.\n"), pace->ahead);
	else if (pace->ahead < 0)
		fprintf(ctx->out, pace->dated ? _("Behind the plan by %d h.\n") :
		    _("Behind the plan by %d h: lessons on topics of their own.\n"), -pace->ahead);
	else
		fprintf(ctx->out, _("On schedule.\n"));
}

static int
run_plan_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *subgroup_arg = NULL;
	const struct cmd_opt opts[] = { { "--subgroup", &subgroup_arg, NULL },
		{ NULL, NULL, NULL } };
	struct plan_topic *rows = NULL;
	struct plan_pace pace;
	struct class c;
	struct subject s;
	char *pos[2], today[11], done[32], section[STORE_NAME_MAX + 1] = "";
	const char *hdr[4];
	size_t n = 0, i, w[4] = { 4, 5, 10, 10 };
	int rc, own = 0, subgroup;

	if ((rc = cmd_args(ctx, &cmd_plan_show, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK)
		return rc;
	subgroup = subgroup_arg != NULL ? atoi(subgroup_arg) : 0;
	if (!store_journal_readable(ctx->st, c.id, s.id, subgroup)) {
		cmd_error(ctx, _("This journal is not yours to read."));
		return CMD_DENIED;
	}
	store_today(today);
	if ((rc = store_plan_progress(ctx->st, c.id, s.id, subgroup, &rows, &n, &own)) !=
	    STORE_OK ||
	    (rc = store_plan_pace(ctx->st, c.id, s.id, subgroup, today, rows, n, &pace)) !=
	    STORE_OK) {
		free(rows);
		return cmd_store_error(ctx, rc);
	}
	cmd_put(ctx, s.name);
	fputs(" · ", ctx->out);
	cmd_put(ctx, c.name);
	fputs(": ", ctx->out);
	if (own)
		fprintf(ctx->out, _("the class's own plan.\n"));
	else
		fprintf(ctx->out, _("the plan of grade %d.\n"), c.grade);
	/* L10N: the columns of `plan show`: topic number, hours, planned date, done. */
	hdr[0] = _("No.");
	hdr[1] = _("Hours");
	hdr[2] = _("Planned");
	hdr[3] = _("Done");
	for (i = 0; i < 4; i++) {
		if (text_width(hdr[i]) > w[i])
			w[i] = text_width(hdr[i]);
		put_padded(ctx, hdr[i], w[i] + 2);
	}
	fprintf(ctx->out, "%s\n", _("Topic"));
	for (i = 0; i < n; i++) {
		char num[16], hours[16];

		if (strcmp(rows[i].section, section) != 0) {
			snprintf(section, sizeof section, "%s", rows[i].section);
			fputs("== ", ctx->out);
			cmd_put(ctx, section);
			fputs(" ==\n", ctx->out);
		}
		snprintf(num, sizeof num, "%d", rows[i].num);
		snprintf(hours, sizeof hours, "%d", rows[i].hours);
		if (rows[i].done >= rows[i].hours)
			snprintf(done, sizeof done, "%s", rows[i].done_date);
		else if (rows[i].done > 0)
			snprintf(done, sizeof done, "%d/%d", rows[i].done, rows[i].hours);
		else
			done[0] = '\0';
		put_padded(ctx, num, w[0] + 2);
		put_padded(ctx, hours, w[1] + 2);
		put_padded(ctx, rows[i].date, w[2] + 2);
		put_padded(ctx, done, w[3] + 2);
		cmd_put(ctx, rows[i].topic);
		/* L10N: after a topic of `plan show`: a section summative (СОр, БЖБ) is due. */
		if (rows[i].sor_due)
			fprintf(ctx->out, "  [%s]", _("SA-S due"));
		fputc('\n', ctx->out);
	}
	plan_pace_print(ctx, &pace);
	free(rows);
	return CMD_OK;
}

const struct cmd cmd_plan_show = {
	"plan show", "CLASS SUBJECT [--subgroup N]",
	N_("Show a journal's plan: which topics are done, when, and how far the class is ahead "
	"or behind."),
	N_("A lesson covers a topic when it carries the topic's text; a topic of two hours "
	"takes two lessons. With dates in the plan the hours given are compared with the "
	"hours planned by today; without, with the lessons given."),
	CMD_ANYONE, 0, run_plan_show,
};
