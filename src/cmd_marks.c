/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_marks: lessons, marks in and out as CSV, and period results.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "cmd.h"
#include "grades.h"
#include "i18n.h"
#include "marks_csv.h"

#define MARKS_MAX_BYTES (16 * 1024 * 1024)

/* --kind's word: regular, sor or soch. */
static int
kind_arg(struct cmd_ctx *ctx, const char *kind, enum lesson_kind *out)
{
	if (kind == NULL || strcmp(kind, "regular") == 0)
		*out = LESSON_REGULAR;
	else if (strcmp(kind, "sor") == 0)
		*out = LESSON_SOR;
	else if (strcmp(kind, "soch") == 0)
		*out = LESSON_SOCH;
	else {
		cmd_error(ctx, _("--kind is regular, sor or soch."));
		return CMD_USAGE;
	}
	return CMD_OK;
}

static int
run_lesson_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *kind = NULL, *max = NULL, *topic = NULL, *homework = NULL, *subgroup = NULL;
	int day_off = 0, makeup = 0, off;
	const struct cmd_opt opts[] = {
		{ "--kind", &kind, NULL }, { "--max", &max, NULL }, { "--topic", &topic, NULL },
		{ "--homework", &homework, NULL }, { "--subgroup", &subgroup, NULL },
		{ "--day-off", NULL, &day_off }, { "--makeup", NULL, &makeup },
		{ NULL, NULL, NULL },
	};
	struct lesson l;
	struct class c;
	struct subject s;
	char *pos[3];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_lesson_add, argc, argv, opts, pos, 3, 3, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK)
		return rc;
	memset(&l, 0, sizeof l);
	l.class_id = c.id;
	l.subject_id = s.id;
	l.subgroup = subgroup != NULL ? atoi(subgroup) : 0;
	l.makeup = makeup;
	snprintf(l.date, sizeof l.date, "%.10s", pos[2]);
	if (strlen(pos[2]) != 10)
		l.date[0] = '\0';
	if ((rc = kind_arg(ctx, kind, &l.kind)) != CMD_OK)
		return rc;
	l.max_points = max != NULL ? atoi(max) : 0;
	snprintf(l.topic, sizeof l.topic, "%s", topic != NULL ? topic : "");
	snprintf(l.homework, sizeof l.homework, "%s", homework != NULL ? homework : "");
	if ((topic != NULL && strlen(topic) >= sizeof l.topic) ||
	    (homework != NULL && strlen(homework) >= sizeof l.homework)) {
		cmd_error(ctx, _("The topic or homework is too long."));
		return CMD_USAGE;
	}
	/* A Sunday or a holiday is most often a typing slip: say so unless told. */
	if (!day_off && date_parse(l.date, l.date) &&
	    (off = store_class_day_off(ctx->st, l.class_id, l.date)) != DAY_SCHOOL) {
		cmd_error(ctx, off == DAY_SUNDAY ? _("%s is a Sunday: add --day-off to give a "
		    "lesson on it.") : _("%s is in the holidays: add --day-off to give a lesson "
		    "on it."), l.date);
		return CMD_USAGE;
	}
	if ((rc = store_lesson_add(ctx->st, &l)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	fprintf(ctx->out, "%lld\n", (long long)l.id);
	return CMD_OK;
}

const struct cmd cmd_lesson_add = {
	"lesson add", "CLASS SUBJECT DATE [--kind regular|sor|soch --max N] [--topic T] "
	"[--homework H] [--subgroup N] [--day-off] [--makeup]",
	N_("Add a lesson to a journal; prints its number."),
	N_("--kind sor is a summative work for a section (СОр, БЖБ), soch for the term (СОч, "
	"ТЖБ); both need --max, the maximum points. A lesson on a Sunday or in the holidays "
	"needs --day-off. On a day of the timetable the lesson is the timetabled one; "
	"--makeup adds it beside them, as a make-up or extra lesson."),
	CMD_ANYONE, 0, run_lesson_add,
};

static int
run_lesson_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *kind = NULL, *max = NULL, *topic = NULL, *homework = NULL;
	int reinterpret = 0;
	const struct cmd_opt opts[] = {
		{ "--date", &date, NULL }, { "--kind", &kind, NULL }, { "--max", &max, NULL },
		{ "--topic", &topic, NULL }, { "--homework", &homework, NULL },
		{ "--reinterpret-marks", NULL, &reinterpret }, { NULL, NULL, NULL },
	};
	struct lesson l;
	char *pos[1], *end = NULL;
	long long id;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_lesson_set, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	id = strtoll(pos[0], &end, 10);
	if (end == pos[0] || *end != '\0' || id < 1) {
		cmd_error(ctx, _("\"%s\" is not a lesson number (see `dapter lesson list`)."),
		    pos[0]);
		return CMD_USAGE;
	}
	if ((rc = store_lesson_get(ctx->st, id, &l)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if (kind != NULL && (rc = kind_arg(ctx, kind, &l.kind)) != CMD_OK)
		return rc;
	if (max != NULL)
		l.max_points = atoi(max);
	if ((date != NULL && strlen(date) >= sizeof l.date) ||
	    (topic != NULL && strlen(topic) >= sizeof l.topic) ||
	    (homework != NULL && strlen(homework) >= sizeof l.homework)) {
		cmd_error(ctx, _("The date, topic or homework is too long."));
		return CMD_USAGE;
	}
	if (date != NULL)
		snprintf(l.date, sizeof l.date, "%s", date);
	if (topic != NULL)
		snprintf(l.topic, sizeof l.topic, "%s", topic);
	if (homework != NULL)
		snprintf(l.homework, sizeof l.homework, "%s", homework);
	if ((rc = store_lesson_update(ctx->st, &l, reinterpret ? STORE_LESSON_REINTERPRET : 0)) !=
	    STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_lesson_set = {
	"lesson set", "NUMBER [--date D] [--kind regular|sor|soch] [--max N] [--topic T] "
	"[--homework H] [--reinterpret-marks]",
	N_("Change a lesson (its number is in `dapter lesson list`)."),
	N_("A change is refused while a mark of the lesson would not fit the new kind or "
	"maximum. Turning a formative lesson with marks into a summative one (or back) reads "
	"its marks anew, as points of the maximum: it needs --reinterpret-marks."),
	CMD_ANYONE, 0, run_lesson_set,
};

static int
run_lesson_remove(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *subgroup = NULL;
	int with_marks = 0;
	const struct cmd_opt opts[] = { { "--subgroup", &subgroup, NULL },
		{ "--with-marks", NULL, &with_marks }, { NULL, NULL, NULL } };
	struct lesson *l = NULL;
	struct class c;
	struct subject s;
	char *pos[4], date[11], *end = NULL;
	size_t n = 0, i;
	long nth = 1, seen = 0;
	int64_t id = 0;
	int rc, npos = 0;

	if ((rc = cmd_args(ctx, &cmd_lesson_remove, argc, argv, opts, pos, 3, 4, &npos)) !=
	    CMD_OK || (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK)
		return rc;
	if (!date_parse(pos[2], date)) {
		cmd_error(ctx, _("Lesson date \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), pos[2]);
		return CMD_USAGE;
	}
	/* "#2": the second lesson of that day, for a day with two. */
	if (npos == 4 && (pos[3][0] != '#' || (nth = strtol(pos[3] + 1, &end, 10)) < 1 ||
	    *end != '\0')) {
		cmd_error(ctx, _("Name the lesson of the day as #1, #2..."));
		return CMD_USAGE;
	}
	if ((rc = store_lesson_list(ctx->st, c.id, s.id, subgroup != NULL ? atoi(subgroup) : 0,
	    NULL, &l, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n && id == 0; i++)
		if (strcmp(l[i].date, date) == 0 && ++seen == nth)
			id = l[i].id;
	free(l);
	if (id == 0) {
		cmd_error(ctx, _("%s %s has no lesson #%ld on %s."), c.name, s.name, nth, date);
		return CMD_NOT_FOUND;
	}
	if ((rc = store_lesson_remove(ctx->st, id, with_marks)) != STORE_OK) {
		int exists = rc == STORE_EXISTS;

		rc = cmd_store_error(ctx, rc);
		if (exists)
			cmd_error(ctx, "%s",
			    _("Add --with-marks to remove the lesson with its marks."));
		return rc;
	}
	return CMD_OK;
}

const struct cmd cmd_lesson_remove = {
	"lesson remove", "CLASS SUBJECT DATE [#N] [--with-marks] [--subgroup N]",
	N_("Remove a lesson added by mistake."),
	N_("#N picks the Nth lesson of that day (default #1). A lesson with marks is removed "
	"only with --with-marks, and its marks go with it; a closed period refuses. The audit "
	"log keeps what was removed."),
	CMD_ANYONE, 0, run_lesson_remove,
};

static int
run_lesson_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *subgroup = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--subgroup", &subgroup, NULL }, { NULL, NULL, NULL } };
	struct lesson *l = NULL;
	struct period p;
	struct class c;
	struct subject s;
	char *pos[2];
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_lesson_list, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK ||
	    (rc = cmd_period_arg(ctx, period, &s, &p)) != CMD_OK)
		return rc;
	if ((rc = store_lesson_list(ctx->st, c.id, s.id, subgroup != NULL ? atoi(subgroup) : 0,
	    &p, &l, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		fprintf(ctx->out, "%lld\t%s\t%s", (long long)l[i].id, l[i].date,
		    lesson_kind_label(l[i].kind));
		if (l[i].kind != LESSON_REGULAR)
			fprintf(ctx->out, "/%d", l[i].max_points);
		fputc('\t', ctx->out);
		cmd_put(ctx, l[i].topic);
		fputc('\n', ctx->out);
	}
	free(l);
	return CMD_OK;
}

const struct cmd cmd_lesson_list = {
	"lesson list", "CLASS SUBJECT [--period P] [--subgroup N]",
	N_("List a journal's lessons: number, date, kind, topic."), NULL,
	CMD_ANYONE, 0, run_lesson_list,
};

static int
run_marks_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *subgroup = NULL, *sep = NULL, *style_name = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--subgroup", &subgroup, NULL }, { "--separator", &sep, NULL },
		{ "--csv", &style_name, NULL }, { NULL, NULL, NULL } };
	struct csv_style style;
	struct period p;
	struct class c;
	struct subject s;
	char *pos[2];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_marks_export, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK ||
	    (rc = cmd_period_arg(ctx, period, &s, &p)) != CMD_OK)
		return rc;
	if (csv_style_parse(style_name, &style) != 0) {
		cmd_error(ctx, _("--csv is excel (a BOM and \";\", for a Russian or Kazakh Excel) "
		    "or plain (\",\")."));
		return CMD_USAGE;
	}
	if (sep != NULL && strcmp(sep, ",") != 0 && strcmp(sep, ";") != 0) {
		cmd_error(ctx, _("--separator is \",\" or \";\"."));
		return CMD_USAGE;
	}
	/* --separator sets the separator alone; the style still says whether a BOM goes first. */
	if (sep != NULL)
		style.sep = sep[0];
	if ((rc = marks_csv_export(ctx->st, &c, &s, subgroup != NULL ? atoi(subgroup) : 0, &p,
	    ctx->out, &style)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_marks_export = {
	"marks export",
	"CLASS SUBJECT [--period P] [--subgroup N] [--csv excel|plain] [--separator ;]",
	N_("Write a journal page as CSV to standard output."),
	N_("The period defaults to today's. Fill the file offline and send it back with "
	"`dapter marks import`. In Kazakh or Russian the file is for Excel (--csv excel: "
	"a BOM and \";\"); in English it is plain (--csv plain: \",\"). --separator "
	"sets the separator alone."),
	CMD_ANYONE, 0, run_marks_export,
};

static int
run_marks_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	int dry_run = 0, rc;
	const struct cmd_opt opts[] = { { "--dry-run", NULL, &dry_run }, { NULL, NULL, NULL } };
	struct marks_import_report rep;
	char *buf = NULL, *text = NULL;
	size_t len = 0;
	enum charset cs;

	if ((rc = cmd_args(ctx, &cmd_marks_import, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	if ((rc = cmd_read_file(ctx, "-", MARKS_MAX_BYTES, &buf, &len)) != CMD_OK)
		return rc;
	if ((text = charset_to_utf8(buf, len, &cs)) == NULL) {
		free(buf);
		cmd_error(ctx, _("The file is not text in UTF-8 or Windows-1251. "
		    "In Excel, save it as \"CSV UTF-8\"."));
		return CMD_FAIL;
	}
	free(buf);
	rc = marks_csv_import(ctx->st, text, dry_run, &rep);
	free(text);
	if (rc != STORE_OK) {
		if (rep.error_line > 0)
			cmd_error(ctx, _("line %zu: %s"), rep.error_line, store_error(ctx->st));
		else
			cmd_error(ctx, "%s", store_error(ctx->st));
		cmd_error(ctx, _("Nothing was changed."));
		return rc == STORE_DENIED ? CMD_DENIED : rc == STORE_NOT_FOUND ? CMD_NOT_FOUND :
		    CMD_FAIL;
	}
	fprintf(ctx->out, dry_run ?
	    _("Would set %zu marks, clear %zu, add %zu lessons; %zu cells unchanged.\n") :
	    _("Set %zu marks, cleared %zu, added %zu lessons; %zu cells unchanged.\n"),
	    rep.set, rep.cleared, rep.lessons_added, rep.unchanged);
	if (rep.comments_set + rep.comments_cleared > 0)
		fprintf(ctx->out, dry_run ? _("Would set %zu comments, clear %zu.\n") :
		    _("Set %zu comments, cleared %zu.\n"), rep.comments_set, rep.comments_cleared);
	return CMD_OK;
}

const struct cmd cmd_marks_import = {
	"marks import", "[--dry-run] < FILE.csv",
	N_("Read a journal page from CSV on standard input; all or nothing."),
	N_("The file is one written by `dapter marks export`, filled in: a mark, an "
	"attendance letter (н п б о, ж д а к or a e i l), both (\"о 7\"), or empty for none. "
	"New date columns add lessons. A column \"DATE comment\" after a lesson's holds its "
	"comments (empty: none). Any error names its line and changes nothing."),
	CMD_ANYONE, 0, run_marks_import,
};

static void
put_pct(struct cmd_ctx *ctx, double v)
{
	if (v < 0)
		fputs("\t-", ctx->out);
	else
		fprintf(ctx->out, "\t%.2f", v);
}

/* `grades --year`: each pupil's period marks, year mark, year work, exam and final mark. */
static int
grades_year_print(struct cmd_ctx *ctx, const struct class *c, const struct subject *s,
    int subgroup)
{
	struct grade_year *y = NULL;
	char name[3 * STORE_NAME_MAX + 3], buf[64];
	size_t n = 0, i, x;
	int rc;

	if ((rc = grades_year(ctx->st, c, s, subgroup, &y, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* L10N: first column head of `dapter grades --year`; periods' numbers follow. */
	fputs(_("Pupil"), ctx->out);
	for (x = 0; n > 0 && x < y[0].nperiods; x++)
		fprintf(ctx->out, "\t%zu", x + 1);
	/* L10N: column heads of `dapter grades --year` after the periods; keep the tabs. */
	fputs(_("\tYear\tYear work\tExam\tFinal\n"), ctx->out);
	for (i = 0; i < n; i++) {
		pupil_full_name(&y[i].pupil, name, sizeof name);
		cmd_put(ctx, name);
		for (x = 0; x < y[i].nperiods; x++)
			fprintf(ctx->out, "\t%s", grades_mark_text(&y[i].period[x], buf,
			    sizeof buf));
		fprintf(ctx->out, "\t%s", grades_year_text(&y[i], buf, sizeof buf));
		fprintf(ctx->out, "\t%s", grades_work_text(&y[i].work, y[i].work_mark, buf,
		    sizeof buf));
		fprintf(ctx->out, "\t%s", grades_work_text(&y[i].exam, y[i].exam_mark, buf,
		    sizeof buf));
		fprintf(ctx->out, "\t%s\n", grades_final_text(&y[i], buf, sizeof buf));
	}
	free(y);
	return CMD_OK;
}

static int
run_grades(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *subgroup = NULL;
	int year = 0;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--subgroup", &subgroup, NULL }, { "--year", NULL, &year },
		{ NULL, NULL, NULL } };
	struct grade_row *g = NULL;
	struct period p;
	struct class c;
	struct subject s;
	char *pos[2], name[3 * STORE_NAME_MAX + 3], mark[32];
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_grades, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK)
		return rc;
	if (year && period != NULL) {
		cmd_error(ctx, _("--year shows every period: leave out --period."));
		return CMD_USAGE;
	}
	if (year)
		return grades_year_print(ctx, &c, &s, subgroup != NULL ? atoi(subgroup) : 0);
	if ((rc = cmd_period_arg(ctx, period, &s, &p)) != CMD_OK)
		return rc;
	if ((rc = grades_compute(ctx->st, &c, &s, subgroup != NULL ? atoi(subgroup) : 0, &p, &g,
	    &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* L10N: column heads of `dapter grades`, tab-separated; keep the tabs. */
	fputs(_("Pupil\tFA %\tSA-S %\tSA-T %\tPercent\tMark\n"), ctx->out);
	for (i = 0; i < n; i++) {
		pupil_full_name(&g[i].pupil, name, sizeof name);
		cmd_put(ctx, name);
		put_pct(ctx, g[i].result.fo_pct);
		put_pct(ctx, g[i].result.sor_pct);
		put_pct(ctx, g[i].result.soch_pct);
		put_pct(ctx, g[i].result.status == ASSESS_NO_DATA ||
		    g[i].result.status == ASSESS_NO_MARK ? -1 : g[i].result.percent);
		fprintf(ctx->out, "\t%s\n", grades_mark_text(&g[i], mark, sizeof mark));
	}
	free(g);
	return CMD_OK;
}

const struct cmd cmd_grades = {
	"grades", "CLASS SUBJECT [--period P | --year] [--subgroup N]",
	N_("Each pupil's period percent and mark."),
	N_("Columns: pupil, formative %, section summative %, term summative %, period percent "
	"(full precision, shown to two decimals) and mark, or n/a when summative work is "
	"missing (temporarily not attested). With --year: each period's mark, the year mark "
	"(once the year's last period is over or closed), the year summative work, the exam "
	"and the final mark (work due: a year 2 without its year work; retake: an exam 2)."),
	CMD_ANYONE, 0, run_grades,
};
