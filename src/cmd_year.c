/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_year: the end of the year on the command line: a pupil's year
 * summative work (after a year «2») and exams, and their list. The final
 * mark they make is shown by `dapter grades CLASS SUBJECT --year` and the
 * summary sheet (grades.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "grades.h"
#include "i18n.h"

/* "18/30": points of a maximum; "4": a mark; "-": clear. 0, or -1 when it is neither. */
static int
work_value_parse(const char *text, int *points, int *max, int *mark)
{
	char *end = NULL;
	long a, b;

	*points = *max = *mark = -1;
	if (strcmp(text, "-") == 0)
		return 0;
	a = strtol(text, &end, 10);
	if (end == text || a < 0 || a > 100000)
		return -1;
	if (*end == '\0') {
		*mark = (int)a;
		return 0;
	}
	if (*end != '/')
		return -1;
	text = end + 1;
	b = strtol(text, &end, 10);
	if (end == text || *end != '\0' || b < 0 || b > 100000)
		return -1;
	*points = (int)a;
	*max = (int)b;
	return 0;
}

static int
run_exam_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	int work = 0, points, max, mark, rc;
	const struct cmd_opt opts[] = { { "--work", NULL, &work }, { NULL, NULL, NULL } };
	struct pupil pupil;
	struct class c;
	struct subject s;
	char *pos[4];

	if ((rc = cmd_args(ctx, &cmd_exam_set, argc, argv, opts, pos, 4, 4, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK ||
	    (rc = cmd_pupil_arg(ctx, &c, pos[2], &pupil)) != CMD_OK)
		return rc;
	if (work_value_parse(pos[3], &points, &max, &mark) != 0) {
		cmd_error(ctx, _("\"%s\" is neither a mark (2-5), points of a maximum (18/30) "
		    "nor - (clear)."), pos[3]);
		return CMD_USAGE;
	}
	if ((rc = store_year_work_set(ctx->st, &c, &s, pupil.id, work ? YEAR_WORK : YEAR_EXAM,
	    points, max, mark)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	return CMD_OK;
}

const struct cmd cmd_exam_set = {
	"exam set", "CLASS SUBJECT \"SURNAME GIVEN\" POINTS/MAX|MARK|- [--work]",
	N_("Record a pupil's exam, or with --work the year summative work after a year 2."),
	N_("18/30 is points of a maximum (the Kazakh-language exam: 0-11 of 30 is a 2, a "
	"retake); 4 is a mark; - clears. The final mark is the rounded mean of the year mark "
	"and the exam (the scheme's exam weight, 50 % by default); after a year 2, of the year "
	"mark and the year work first. Refused once the year's last period is closed."),
	CMD_ANYONE, 0, run_exam_set,
};

static int
run_exam_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct grade_year *y = NULL;
	struct class c;
	struct subject s;
	char *pos[2], name[3 * STORE_NAME_MAX + 3], buf[64];
	size_t n = 0, i;
	int rc;

	if ((rc = cmd_args(ctx, &cmd_exam_list, argc, argv, NULL, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK)
		return rc;
	if ((rc = grades_year(ctx->st, &c, &s, 0, &y, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* L10N: column heads of `dapter exam list`, tab-separated; keep the tabs. */
	fputs(_("Pupil\tYear work\tExam\n"), ctx->out);
	for (i = 0; i < n; i++) {
		if (y[i].work.mark == 0 && y[i].work.points < 0 && y[i].exam.mark == 0 &&
		    y[i].exam.points < 0)
			continue;
		pupil_full_name(&y[i].pupil, name, sizeof name);
		cmd_put(ctx, name);
		fprintf(ctx->out, "\t%s", grades_work_text(&y[i].work, y[i].work_mark, buf,
		    sizeof buf));
		fprintf(ctx->out, "\t%s\n", grades_work_text(&y[i].exam, y[i].exam_mark, buf,
		    sizeof buf));
	}
	free(y);
	return CMD_OK;
}

const struct cmd cmd_exam_list = {
	"exam list", "CLASS SUBJECT",
	N_("List the year summative works and exams recorded in a subject."),
	N_("Points are shown with the mark the scheme gives them: 18/30 (3)."),
	CMD_ANYONE, 0, run_exam_list,
};
