/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_school: the shape of the school: years and periods, classes,
 * subjects, and who teaches what.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "subject_rule.h"

static int
run_year_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct cmd_opt opts[] = { { "--from", &from, NULL }, { "--to", &to, NULL },
		{ NULL, NULL, NULL } };
	char *pos[1], *end = NULL;
	long year;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_year_add, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	year = strtol(pos[0], &end, 10);
	if (*end != '\0' || year < 2000 || year > 2999) {
		cmd_error(ctx, _("Name the school year by the year it starts, such as 2027."));
		return CMD_USAGE;
	}
	if ((rc = store_year_add(ctx->st, (int)year, from, to)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_year_add = {
	"year add", "START_YEAR [--from DATE] [--to DATE]",
	N_("Add a school year with its quarters, half-years and holidays."),
	N_("START_YEAR is the year it begins: 2027 for 2027-2028. By default the year runs "
	"from 1 September to 31 May; the periods follow the usual order of holidays."),
	CMD_ADMIN, 0, run_year_add,
};

static int
print_periods(struct cmd_ctx *ctx, int year)
{
	struct period *p = NULL;
	size_t n = 0, i;
	char label[32];
	int rc;

	if ((rc = store_period_list(ctx->st, year, &p, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		period_label(&p[i], label, sizeof label);
		fprintf(ctx->out, "%s\t%s\t%s\t%s\n", label, p[i].starts, p[i].ends,
		    p[i].closed ? _("closed") : _("open"));
	}
	free(p);
	return CMD_OK;
}

static int
run_year_current(struct cmd_ctx *ctx, int argc, char **argv)
{
	char today[11];
	int rc, year = 0;

	if ((rc = cmd_args(ctx, &cmd_year_current, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	store_today(today);
	if ((rc = store_year_current(ctx->st, today, &year)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	fprintf(ctx->out, "%d-%d\n", year, year + 1);
	return CMD_OK;
}

const struct cmd cmd_year_current = {
	"year current", "", N_("Print the current school year."), NULL,
	CMD_ANYONE, 0, run_year_current,
};

static int
run_period_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[1], today[11];
	int rc, year = 0, n = 0;

	if ((rc = cmd_args(ctx, &cmd_period_list, argc, argv, NULL, pos, 0, 1, &n)) != CMD_OK)
		return rc;
	store_today(today);
	if (n == 1)
		year = atoi(pos[0]);
	else if ((rc = store_year_current(ctx->st, today, &year)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return print_periods(ctx, year);
}

const struct cmd cmd_period_list = {
	"period list", "[START_YEAR]",
	N_("List the periods of a school year: name, first day, last day, open or closed."),
	NULL, CMD_ANYONE, 0, run_period_list,
};

static int
set_closed(struct cmd_ctx *ctx, const struct cmd *c, int argc, char **argv, int closed)
{
	struct period p;
	char *pos[1], today[11];
	int rc;

	if ((rc = cmd_args(ctx, c, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	store_today(today);
	if ((rc = store_period_find(ctx->st, pos[0], today, &p)) != STORE_OK ||
	    (rc = store_period_set_closed(ctx->st, p.id, closed)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

static int
run_period_close(struct cmd_ctx *ctx, int argc, char **argv)
{
	return set_closed(ctx, &cmd_period_close, argc, argv, 1);
}

static int
run_period_reopen(struct cmd_ctx *ctx, int argc, char **argv)
{
	return set_closed(ctx, &cmd_period_reopen, argc, argv, 0);
}

const struct cmd cmd_period_close = {
	"period close", "PERIOD",
	N_("Close a period: its lessons and marks can no longer change."),
	N_("PERIOD is q1..q4 or h1, h2, optionally after the year (2026-q2). Closing and "
	"reopening are recorded in the audit log."),
	CMD_ADMIN | CMD_HEAD, 0, run_period_close,
};

const struct cmd cmd_period_reopen = {
	"period reopen", "PERIOD", N_("Reopen a closed period (audited)."), NULL,
	CMD_ADMIN | CMD_HEAD, 0, run_period_reopen,
};

static int
run_period_dates(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct period p;
	char *pos[3], today[11];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_period_dates, argc, argv, NULL, pos, 3, 3, NULL)) != CMD_OK)
		return rc;
	store_today(today);
	if ((rc = store_period_find(ctx->st, pos[0], today, &p)) != STORE_OK ||
	    (rc = store_period_set_dates(ctx->st, p.id, pos[1], pos[2])) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_period_dates = {
	"period dates", "PERIOD FIRST LAST",
	N_("Move the first and last day of a period (audited)."),
	N_("PERIOD is q1..q4 or h1, h2, optionally after the year (2026-q2). The days must lie "
	"in the school year. A neighbouring period that touched a moved day moves with it, so "
	"no day falls between periods; it must be open and keep at least one day. Nothing "
	"changes when a period is closed, or when a recorded lesson would be left in no "
	"period."),
	CMD_ADMIN, 0, run_period_dates,
};

/* A number from a list's first column, such as a holiday's. */
static int
parse_id(struct cmd_ctx *ctx, const struct cmd *c, const char *arg, int64_t *id)
{
	char *end = NULL;
	long long v = strtoll(arg, &end, 10);

	if (end == arg || *end != '\0' || v < 1) {
		cmd_error(ctx, _("\"%s\" is not a number from `dapter %s`."), arg, c->name);
		return CMD_USAGE;
	}
	*id = v;
	return CMD_OK;
}

static int
run_holiday_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct holiday *h = NULL;
	char *pos[1], today[11], *end = NULL;
	size_t n = 0, i;
	int rc, year = 0, npos = 0;

	if ((rc = cmd_args(ctx, &cmd_holiday_list, argc, argv, NULL, pos, 0, 1, &npos)) != CMD_OK)
		return rc;
	store_today(today);
	if (npos == 1) {
		year = (int)strtol(pos[0], &end, 10);
		if (*end != '\0' || year < 2000 || year > 2999) {
			cmd_error(ctx, _("Name the school year by the year it starts, such as 2027."));
			return CMD_USAGE;
		}
	} else if ((rc = store_year_current(ctx->st, today, &year)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if ((rc = store_holiday_list(ctx->st, year, &h, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		fprintf(ctx->out, "%lld\t%s\t%s\t", (long long)h[i].id, h[i].starts, h[i].ends);
		cmd_put(ctx, h[i].name);
		if (h[i].grade > 0)
			fprintf(ctx->out, "\t%d", h[i].grade);
		fputc('\n', ctx->out);
	}
	free(h);
	return CMD_OK;
}

const struct cmd cmd_holiday_list = {
	"holiday list", "[START_YEAR]",
	N_("List the holidays of a school year: number, first day, last day, name, and the grade "
	"of a holiday of one grade only."), NULL,
	CMD_ANYONE, 0, run_holiday_list,
};

static int
run_holiday_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[32], first[11], name[4 * STORE_NAME_MAX] = "";
	const char *grade = NULL;
	const struct cmd_opt opts[] = { { "--grade", &grade, NULL }, { NULL, NULL, NULL } };
	int64_t id = 0;
	int rc, npos = 0, year, i, g = 0;

	if ((rc = cmd_args(ctx, &cmd_holiday_add, argc, argv, opts, pos, 3,
	    (int)(sizeof pos / sizeof pos[0]), &npos)) != CMD_OK)
		return rc;
	if (grade != NULL && (g = cmd_grade_arg(ctx, grade)) < 0)
		return CMD_USAGE;
	if (!date_parse(pos[0], first)) {
		cmd_error(ctx, _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
		return CMD_FAIL;
	}
	/* The school year starts in September: July and August belong to the next one. */
	year = atoi(first);
	if (atoi(first + 5) < 7)
		year--;
	/* The name's words need no quotes: holiday add 2027-03-08 2027-03-08 Women's Day. */
	for (i = 2; i < npos; i++)
		snprintf(name + strlen(name), sizeof name - strlen(name), "%s%s",
		    i > 2 ? " " : "", pos[i]);
	if ((rc = store_holiday_add(ctx->st, year, g, first, pos[1], name, &id)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	fprintf(ctx->out, "%lld\n", (long long)id);
	return CMD_OK;
}

const struct cmd cmd_holiday_add = {
	"holiday add", "FIRST LAST [--grade N] NAME...",
	N_("Add a holiday to the school year holding its first day (audited)."),
	N_("FIRST and LAST are its first and last day, inclusive; both must lie in the school "
	"year, and it may not overlap another holiday of the same pupils. With --grade it is "
	"that grade's alone, as the extra week of grade 1 in February. Prints the new holiday's "
	"number."),
	CMD_ADMIN, 0, run_holiday_add,
};

static int
run_holiday_remove(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[1];
	int64_t id = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_holiday_remove, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK ||
	    (rc = parse_id(ctx, &cmd_holiday_list, pos[0], &id)) != CMD_OK)
		return rc;
	if ((rc = store_holiday_remove(ctx->st, id)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_holiday_remove = {
	"holiday remove", "NUMBER",
	N_("Remove a holiday (its number from `holiday list`; audited)."), NULL,
	CMD_ADMIN, 0, run_holiday_remove,
};

static int
run_class_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *teacher = NULL;
	const struct cmd_opt opts[] = { { "--teacher", &teacher, NULL }, { NULL, NULL, NULL } };
	char *pos[1];
	int64_t id = 0;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_class_add, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_tx_begin(ctx->st)) != STORE_OK ||
	    (rc = store_class_add(ctx->st, pos[0], &id)) != STORE_OK ||
	    (teacher != NULL && (rc = store_class_set_teacher(ctx->st, id, teacher)) != STORE_OK) ||
	    (rc = store_tx_commit(ctx->st)) != STORE_OK) {
		store_tx_rollback(ctx->st);
		return cmd_store_error(ctx, rc);
	}
	return CMD_OK;
}

const struct cmd cmd_class_add = {
	"class add", "CLASS [--teacher LOGIN]",
	N_("Add a class to the current school year."),
	N_("CLASS is the grade and a letter: \"7 Ә\", 7Ә and 7-ә are the same class. "
	"--teacher names its class teacher, who may read all its journals."),
	CMD_ADMIN, 0, run_class_add,
};

static int
run_class_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct class *c = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_class_list, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_class_list(ctx->st, &c, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++)
		fprintf(ctx->out, "%s\n", c[i].name);
	free(c);
	return CMD_OK;
}

const struct cmd cmd_class_list = {
	"class list", "", N_("List the classes of the current school year, one a line."), NULL,
	CMD_ANYONE, 0, run_class_list,
};

static int
run_class_teacher(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct class c;
	char *pos[2];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_class_teacher, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK ||
	    (rc = store_class_set_teacher(ctx->st, c.id, pos[1])) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_class_teacher = {
	"class teacher", "CLASS LOGIN", N_("Make a user the class teacher of a class."), NULL,
	CMD_ADMIN, 0, run_class_teacher,
};

static int
run_subject_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *hours = NULL, *scheme = NULL;
	const struct cmd_opt opts[] = { { "--hours", &hours, NULL }, { "--scheme", &scheme, NULL },
		{ NULL, NULL, NULL } };
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_subject_add, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_subject_add(ctx->st, pos[0], hours != NULL ? atoi(hours) : 2, scheme,
	    NULL)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_subject_add = {
	"subject add", "NAME [--hours N] [--scheme criteria|classic|passfail]",
	N_("Add a subject."),
	N_("--hours is lessons a week (default 2); a one-hour subject is assessed by "
	"half-years, with formative and section summative work only. --scheme is how it is "
	"assessed (default criteria: ФО, СОр, СОч)."),
	CMD_ADMIN, 0, run_subject_add,
};

static int
run_subject_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct subject *s = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_subject_list, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_subject_list(ctx->st, &s, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		cmd_put(ctx, s[i].name);
		fprintf(ctx->out, "\t%d\t%s\n", s[i].hours, s[i].scheme);
	}
	free(s);
	return CMD_OK;
}

const struct cmd cmd_subject_list = {
	"subject list", "", N_("List subjects: name, hours a week, scheme."), NULL,
	CMD_ANYONE, 0, run_subject_list,
};


/* --hours N or "inherit" (0); -1 with the error printed. */
static int
hours_arg(struct cmd_ctx *ctx, const char *arg)
{
	char *end = NULL;
	long h;

	if (strcmp(arg, "inherit") == 0)
		return 0;
	h = strtol(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || h < 1 || h > 20) {
		cmd_error(ctx, _("--hours is lessons a week, 1 to 20, or inherit."));
		return -1;
	}
	return (int)h;
}

static int
run_subject_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *grade = NULL, *class_name = NULL, *hours = NULL, *scheme = NULL;
	int yes = 0;
	const struct cmd_opt opts[] = { { "--grade", &grade, NULL },
		{ "--class", &class_name, NULL }, { "--hours", &hours, NULL },
		{ "--scheme", &scheme, NULL }, { "--yes", NULL, &yes }, { NULL, NULL, NULL } };
	struct rule_change *ch = NULL;
	struct subject_rule r;
	struct subject s;
	struct class c;
	char *pos[1], today[11], label[32];
	size_t n = 0, i;
	int rc, applied = 0;

	if ((rc = cmd_args(ctx, &cmd_subject_set, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((grade != NULL && class_name != NULL) || (hours == NULL && scheme == NULL)) {
		cmd_error(ctx, _("Give --hours or --scheme, for the school, one --grade or one "
		    "--class."));
		return CMD_USAGE;
	}
	memset(&r, 0, sizeof r);
	store_today(today);
	if ((rc = store_subject_find(ctx->st, pos[0], &s)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if (class_name != NULL) {
		if ((rc = store_class_find(ctx->st, class_name, &c)) != STORE_OK)
			return cmd_store_error(ctx, rc);
		r.class_id = c.id;
		r.start_year = c.start_year;
	} else if (grade != NULL) {
		if ((r.grade = cmd_grade_arg(ctx, grade)) < 0)
			return CMD_USAGE;
		if ((rc = store_year_current(ctx->st, today, &r.start_year)) != STORE_OK)
			return cmd_store_error(ctx, rc);
	}
	/* What is not given stays as it is. */
	if ((rc = subject_rule_get(ctx->st, &s, &r)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if (hours != NULL && (r.hours = hours_arg(ctx, hours)) < 0)
		return CMD_USAGE;
	if (scheme != NULL)
		snprintf(r.scheme, sizeof r.scheme, "%s", strcmp(scheme, "inherit") == 0 ? "" :
		    scheme);
	if ((rc = subject_rule_apply(ctx->st, s.id, &r, yes, &ch, &n, &applied)) != STORE_OK) {
		free(ch);
		return cmd_store_error(ctx, rc);
	}
	/* The marks it moves, one a line: class, pupil, period, before, after. */
	for (i = 0; i < n; i++) {
		period_label(&ch[i].period, label, sizeof label);
		cmd_put(ctx, ch[i].class_name);
		fputc('\t', ctx->out);
		cmd_put(ctx, ch[i].pupil);
		fprintf(ctx->out, "\t%s\t%s\t%s\n", label, ch[i].before[0] != '\0' ?
		    ch[i].before : "-", ch[i].after[0] != '\0' ? ch[i].after : "-");
	}
	free(ch);
	if (!applied) {
		cmd_error(ctx, ngettext("The change moves %zu period mark (listed above): nothing "
		    "was changed. Add --yes to make it.", "The change moves %zu period marks "
		    "(listed above): nothing was changed. Add --yes to make it.", n), n);
		return CMD_FAIL;
	}
	return CMD_OK;
}

const struct cmd cmd_subject_set = {
	"subject set",
	"SUBJECT [--grade N | --class CLASS] [--hours N|inherit] [--scheme S|inherit] [--yes]",
	N_("Set a subject's hours or scheme for the school, a grade or a class (audited)."),
	N_("Without --grade or --class it sets the school-wide values, which every class "
	"inherits unless its grade (this school year) or the class itself has its own. "
	"inherit drops a grade's or class's own value. A change that moves period marks "
	"already given lists them (class, pupil, period, before, after) and changes nothing "
	"without --yes; a mark of a closed period never moves."),
	CMD_ADMIN, 0, run_subject_set,
};

static int
run_subject_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct subject_rule *rules = NULL;
	struct subject s;
	char *pos[1], hours[16];
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_subject_show, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_subject_find(ctx->st, pos[0], &s)) != STORE_OK ||
	    (rc = store_subject_rule_list(ctx->st, s.id, &rules, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* L10N: subject show: the line of the school-wide values. */
	fprintf(ctx->out, "%s\t%d\t%s\n", _("school"), s.hours, s.scheme);
	for (i = 0; i < n; i++) {
		snprintf(hours, sizeof hours, "%d", rules[i].hours);
		if (rules[i].class_id != 0) {
			cmd_put(ctx, rules[i].class_name);
			fprintf(ctx->out, " %d-%d", rules[i].start_year, rules[i].start_year + 1);
		} else
			/* L10N: subject show: a grade's line, "grade 9 2026-2027". */
			fprintf(ctx->out, _("grade %d %d-%d"), rules[i].grade, rules[i].start_year,
			    rules[i].start_year + 1);
		fprintf(ctx->out, "\t%s\t%s\n", rules[i].hours > 0 ? hours : "-",
		    rules[i].scheme[0] != '\0' ? rules[i].scheme : "-");
	}
	free(rules);
	return CMD_OK;
}

const struct cmd cmd_subject_show = {
	"subject show", "SUBJECT",
	N_("Show a subject's hours and scheme: the school's, then each grade's and class's own."),
	N_("One line each: school, grade N YEAR or CLASS YEAR; hours a week; scheme. - means "
	"inherited: a class takes its grade's value, a grade the school's."),
	CMD_ANYONE, 0, run_subject_show,
};

/* `assign` and `unassign`: LOGIN CLASS SUBJECT [--subgroup N], one store call apart. */
static int
assignment_change(struct cmd_ctx *ctx, const struct cmd *cmd, int argc, char **argv,
    int (*change)(struct store *, const char *, int64_t, int64_t, int))
{
	const char *subgroup = NULL;
	const struct cmd_opt opts[] = { { "--subgroup", &subgroup, NULL }, { NULL, NULL, NULL } };
	struct class c;
	struct subject s;
	char *pos[3];
	int rc;

	if ((rc = cmd_args(ctx, cmd, argc, argv, opts, pos, 3, 3, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[1], pos[2], &c, &s)) != CMD_OK)
		return rc;
	if ((rc = change(ctx->st, pos[0], c.id, s.id, subgroup != NULL ? atoi(subgroup) : 0)) !=
	    STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

static int
run_assign(struct cmd_ctx *ctx, int argc, char **argv)
{
	return assignment_change(ctx, &cmd_assign, argc, argv, store_assign);
}

const struct cmd cmd_assign = {
	"assign", "LOGIN CLASS SUBJECT [--subgroup N]",
	N_("Make a teacher the teacher of a subject in a class."),
	N_("--subgroup N (1-9) when the class is split for the subject (languages, "
	"informatics); pupils are put in subgroups with `dapter subgroup set`."),
	CMD_ADMIN, 0, run_assign,
};

static int
run_unassign(struct cmd_ctx *ctx, int argc, char **argv)
{
	return assignment_change(ctx, &cmd_unassign, argc, argv, store_unassign);
}

const struct cmd cmd_unassign = {
	"unassign", "LOGIN CLASS SUBJECT [--subgroup N]",
	N_("End a teacher's assignment to a subject in a class."),
	N_("The journal keeps its lessons and marks; the next teacher assigned goes on "
	"with it."),
	CMD_ADMIN, 0, run_unassign,
};

static int
run_journal_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct journal *j = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_journal_list, argc, argv, NULL, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_journal_list(ctx->st, &j, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		fprintf(ctx->out, "%s\t", j[i].class_name);
		cmd_put(ctx, j[i].subject_name);
		fprintf(ctx->out, "\t%d\t%s\n", j[i].subgroup, j[i].teacher_login);
	}
	free(j);
	return CMD_OK;
}

const struct cmd cmd_journal_list = {
	"journal list", "",
	N_("List the journals you may open: class, subject, subgroup, teacher."), NULL,
	CMD_ANYONE, 0, run_journal_list,
};
