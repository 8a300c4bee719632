/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_report: the school's records on standard output (report.h).
 *
 * `report journal`, `report summary`, `report pupil` and `report
 * attendance` build a neutral table and hand it to the writer of the asked
 * format, so a head teacher gets the same numbers on a terminal, in Excel,
 * or on paper. Reading rights are the store's: a teacher's report holds
 * only the journals she may read. Output goes to ctx->out, so the same
 * command works over `ssh school report ... > file.pdf`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "report.h"
#include "text.h"

/* --format and --lang, shared by every report. */
static int
report_opts(struct cmd_ctx *ctx, const char *format, const char *lang,
    enum report_format *fmt)
{
	if (report_format_parse(format, fmt) != 0) {
		cmd_error(ctx, _("--format is txt, csv, xlsx or pdf."));
		return CMD_USAGE;
	}
	if (lang != NULL && i18n_set_language(lang) != 0) {
		cmd_error(ctx, _("--lang is kk, ru or en."));
		return CMD_USAGE;
	}
	return CMD_OK;
}

static int
report_emit(struct cmd_ctx *ctx, const struct report *r, enum report_format fmt)
{
	char err[256];
	size_t i;

	/* A spreadsheet or a PDF on a terminal is noise that can drive it. */
	if ((fmt == REPORT_XLSX || fmt == REPORT_PDF) && isatty(fileno(ctx->out))) {
		cmd_error(ctx, _("A %s file is not for the terminal: redirect it, as "
		    "> report.%s."), fmt == REPORT_PDF ? "PDF" : "XLSX",
		    fmt == REPORT_PDF ? "pdf" : "xlsx");
		return CMD_USAGE;
	}
	if (report_write(r, fmt, ctx->out, err, sizeof err) != 0) {
		cmd_error(ctx, "%s", err);
		return CMD_FAIL;
	}
	/*
	 * A page that could not be computed: everything else is printed, but
	 * the record is incomplete, and a script that files it must not take it
	 * for a whole one. Exit 1 says so; the output is still worth reading.
	 */
	for (i = 0; i < r->nproblems; i++)
		cmd_error(ctx, _("Not computed: %s"), r->problems[i]);
	return r->nproblems > 0 ? CMD_FAIL : CMD_OK;
}

/* The class of that name in the school year starting `year` (0: this year). */
static int
class_arg(struct cmd_ctx *ctx, const char *name, const char *year, struct class *out)
{
	struct journal *j = NULL;
	char canon[STORE_CLASS_MAX + 1];
	size_t n = 0, i;
	int rc, start;

	if (year == NULL) {
		if ((rc = store_class_find(ctx->st, name, out)) != STORE_OK)
			return cmd_store_error(ctx, rc);
		return CMD_OK;
	}
	start = atoi(year);
	if (strlen(year) != 4 || start < 2000 || start > 2200) {
		cmd_error(ctx, _("--year is the year the school year starts: 2026 for 2026-2027."));
		return CMD_USAGE;
	}
	if (class_name_canonical(name, canon, sizeof canon, NULL) != STORE_OK) {
		cmd_error(ctx, _("%s is not a class name: write a grade and a letter, as 7 Ә."),
		    name);
		return CMD_USAGE;
	}
	/* Classes are per year; the journals name the classes the actor may read. */
	if ((rc = store_journal_list(ctx->st, &j, &n)) != STORE_OK) {
		free(j);
		return cmd_store_error(ctx, rc);
	}
	rc = CMD_NOT_FOUND;
	for (i = 0; i < n && rc != CMD_OK; i++)
		if (strcmp(j[i].class_name, canon) == 0 &&
		    store_class_get(ctx->st, j[i].class_id, out) == STORE_OK &&
		    out->start_year == start)
			rc = CMD_OK;
	free(j);
	if (rc != CMD_OK)
		cmd_error(ctx, _("There is no class %s in the school year %d-%d."), canon, start,
		    start + 1);
	return rc;
}

/*
 * --period P in the school year of --year, else of today. Without --period:
 * the subject's period of today (journal), or NULL, the whole year (s NULL).
 */
static int
period_arg(struct cmd_ctx *ctx, const char *spec, const char *year, const struct subject *s,
    struct period *p, struct period **out)
{
	char today[11], full[32];
	int rc;

	*out = NULL;
	if (spec == NULL && s == NULL)
		return CMD_OK;
	if (spec == NULL && year != NULL) {
		cmd_error(ctx, _("With --year, name the period too: --period q1."));
		return CMD_USAGE;
	}
	if (spec == NULL) {
		*out = p;
		return cmd_period_arg(ctx, NULL, s, p);
	}
	/* "q1" of --year 2025 is "2025-q1"; a period that names its year keeps it. */
	if (year != NULL && strlen(spec) <= 2)
		snprintf(full, sizeof full, "%s-%s", year, spec);
	else
		snprintf(full, sizeof full, "%s", spec);
	store_today(today);
	if ((rc = store_period_find(ctx->st, full, today, p)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	*out = p;
	return CMD_OK;
}

/* A report of one journal page: report journal, report analysis. */
typedef int (*page_builder)(struct store *st, const struct class *c, const struct subject *s,
    int subgroup, const struct period *p, struct report **out);

static int
run_page_report(struct cmd_ctx *ctx, const struct cmd *cmd, page_builder build, int argc,
    char **argv)
{
	const char *period = NULL, *subgroup = NULL, *year = NULL, *format = NULL, *lang = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--subgroup", &subgroup, NULL }, { "--year", &year, NULL },
		{ "--format", &format, NULL }, { "--lang", &lang, NULL }, { NULL, NULL, NULL } };
	struct report *r = NULL;
	enum report_format fmt;
	struct period p, *pp = NULL;
	struct class c;
	struct subject s;
	char *pos[2];
	int rc;

	if ((rc = cmd_args(ctx, cmd, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK ||
	    (rc = report_opts(ctx, format, lang, &fmt)) != CMD_OK ||
	    (rc = class_arg(ctx, pos[0], year, &c)) != CMD_OK)
		return rc;
	if ((rc = store_subject_find(ctx->st, pos[1], &s)) != STORE_OK ||
	    (rc = store_subject_in_class(ctx->st, c.id, s.id, &s)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if ((rc = period_arg(ctx, period, year, &s, &p, &pp)) != CMD_OK)
		return rc;
	if ((rc = build(ctx->st, &c, &s, subgroup != NULL ? atoi(subgroup) : 0, pp, &r)) !=
	    STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = report_emit(ctx, r, fmt);
	report_free(r);
	return rc;
}

static int
run_report_journal(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_page_report(ctx, &cmd_report_journal, report_journal_build, argc, argv);
}

const struct cmd cmd_report_journal = {
	"report journal", "CLASS SUBJECT [--period P] [--subgroup N] [--year Y] "
	"[--format txt|csv|xlsx|pdf] [--lang kk|ru|en]",
	N_("Print a journal page: pupils by lesson dates, the topics, the period's results."),
	N_("The period defaults to today's; --year 2025 --period q4 prints a page of 2025-2026. "
	"Text fits 80 columns (a wide page continues in panels); csv, xlsx and pdf (A4 "
	"landscape) are written to standard output: redirect them to a file."),
	CMD_ANYONE, 0, run_report_journal,
};

static int
run_report_summary(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *year = NULL, *format = NULL, *lang = NULL;
	const struct cmd_opt opts[] = { { "--year", &year, NULL }, { "--format", &format, NULL },
		{ "--lang", &lang, NULL }, { NULL, NULL, NULL } };
	struct report *r = NULL;
	enum report_format fmt;
	struct class c;
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_report_summary, argc, argv, opts, pos, 1, 1, NULL)) !=
	    CMD_OK || (rc = report_opts(ctx, format, lang, &fmt)) != CMD_OK ||
	    (rc = class_arg(ctx, pos[0], year, &c)) != CMD_OK)
		return rc;
	if ((rc = report_summary_build(ctx->st, &c, &r)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = report_emit(ctx, r, fmt);
	report_free(r);
	return rc;
}

const struct cmd cmd_report_summary = {
	"report summary", "CLASS [--year Y] [--format txt|csv|xlsx|pdf] [--lang kk|ru|en]",
	N_("Print a class's summary sheet: every pupil's period and year marks per subject."),
	N_("--year 2025 prints the sheet of the class of that name in 2025-2026. The year mark "
	"appears once the year's last period is over or closed."),
	CMD_ANYONE, 0, run_report_summary,
};

int
cmd_pupil_arg(struct cmd_ctx *ctx, const struct class *c, const char *name, struct pupil *out)
{
	struct pupil *rows = NULL;
	char full[3 * STORE_NAME_MAX + 3], *want = NULL, *have = NULL;
	size_t n = 0, i, found = 0;
	int rc;

	if ((rc = store_pupil_list(ctx->st, c->id, 0, 0, &rows, &n)) != STORE_OK) {
		free(rows);
		return cmd_store_error(ctx, rc);
	}
	if ((want = text_casefold(name)) == NULL) {
		rc = CMD_USAGE;
		cmd_error(ctx, _("The pupil's name is not UTF-8 text."));
		goto out;
	}
	for (i = 0; i < n; i++) {
		int match;

		snprintf(full, sizeof full, "%s %s", rows[i].surname, rows[i].given);
		if ((have = text_casefold(full)) == NULL)
			continue;
		match = strcmp(have, want) == 0;
		free(have);
		pupil_full_name(&rows[i], full, sizeof full);
		if (!match && (have = text_casefold(full)) != NULL) {
			match = strcmp(have, want) == 0;
			free(have);
		}
		if (match) {
			*out = rows[i];
			found++;
		}
	}
	have = NULL;
	if (found == 1)
		rc = CMD_OK;
	else if (found == 0) {
		cmd_error(ctx, _("There is no pupil \"%s\" in %s. `dapter roster list %s` shows "
		    "them."), name, c->name, c->name);
		rc = CMD_NOT_FOUND;
	} else {
		cmd_error(ctx, _("%s has %zu pupils named \"%s\": add the patronymic."), c->name,
		    found, name);
		rc = CMD_USAGE;
	}
out:
	free(want);
	free(rows);
	return rc;
}

static int
run_report_pupil(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *class_name = NULL, *year = NULL, *format = NULL, *lang = NULL;
	const struct cmd_opt opts[] = { { "--class", &class_name, NULL },
		{ "--year", &year, NULL }, { "--format", &format, NULL },
		{ "--lang", &lang, NULL }, { NULL, NULL, NULL } };
	struct report *r = NULL;
	enum report_format fmt;
	struct pupil pupil;
	struct class c;
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_report_pupil, argc, argv, opts, pos, 1, 1, NULL)) !=
	    CMD_OK || (rc = report_opts(ctx, format, lang, &fmt)) != CMD_OK)
		return rc;
	if (class_name == NULL) {
		cmd_error(ctx, _("Name the pupil's class with --class."));
		return CMD_USAGE;
	}
	if ((rc = class_arg(ctx, class_name, year, &c)) != CMD_OK ||
	    (rc = cmd_pupil_arg(ctx, &c, pos[0], &pupil)) != CMD_OK)
		return rc;
	if ((rc = report_pupil_build(ctx->st, &c, &pupil, &r)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = report_emit(ctx, r, fmt);
	report_free(r);
	return rc;
}

const struct cmd cmd_report_pupil = {
	"report pupil", "\"SURNAME GIVEN\" --class CLASS [--year Y] [--format txt|csv|xlsx|pdf] "
	"[--lang kk|ru|en]",
	N_("Print a pupil's summative points, period percents and marks per subject."),
	N_("The extract that goes with a pupil who changes school. Name the pupil as the "
	"roster does: surname and given name, with the patronymic if two pupils share them."),
	CMD_ANYONE, 0, run_report_pupil,
};

static int
run_report_attendance(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *year = NULL, *format = NULL, *lang = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--year", &year, NULL }, { "--format", &format, NULL },
		{ "--lang", &lang, NULL }, { NULL, NULL, NULL } };
	struct report *r = NULL;
	enum report_format fmt;
	struct period p, *pp = NULL;
	struct class c;
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_report_attendance, argc, argv, opts, pos, 1, 1, NULL)) !=
	    CMD_OK || (rc = report_opts(ctx, format, lang, &fmt)) != CMD_OK ||
	    (rc = class_arg(ctx, pos[0], year, &c)) != CMD_OK ||
	    (rc = period_arg(ctx, period, year, NULL, &p, &pp)) != CMD_OK)
		return rc;
	if ((rc = report_attendance_build(ctx->st, &c, pp, &r)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = report_emit(ctx, r, fmt);
	report_free(r);
	return rc;
}

const struct cmd cmd_report_attendance = {
	"report attendance", "CLASS [--period P] [--year Y] [--format txt|csv|xlsx|pdf] "
	"[--lang kk|ru|en]",
	N_("Print each pupil's absences, excused absences, illnesses and lateness per subject."),
	N_("Without --period, the whole school year. The last four columns are the totals."),
	CMD_ANYONE, 0, run_report_attendance,
};

/*
 * The period of report quality: P of --year (or of its own year, or of
 * today's), "year" for the year marks (*sel NULL), or today's quarter.
 */
static int
quality_period_arg(struct cmd_ctx *ctx, const char *spec, int start_year, struct period *p,
    struct period **sel)
{
	char today[11], full[32];
	int rc;

	*sel = NULL;
	store_today(today);
	if (spec != NULL && strcmp(spec, "year") == 0)
		return CMD_OK;
	if (spec == NULL) {
		if ((rc = store_period_for_date(ctx->st, today, 'q', p)) != STORE_OK) {
			cmd_error(ctx, _("Today is in no quarter: name one with --period q4, or "
			    "--period year."));
			return CMD_USAGE;
		}
	} else {
		if (strlen(spec) <= 2)
			snprintf(full, sizeof full, "%d-%s", start_year, spec);
		else
			snprintf(full, sizeof full, "%s", spec);
		if ((rc = store_period_find(ctx->st, full, today, p)) != STORE_OK)
			return cmd_store_error(ctx, rc);
	}
	*sel = p;
	return CMD_OK;
}

static int
run_report_quality(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *year = NULL, *format = NULL, *lang = NULL;
	int school = 0, npos = 0, start = 0, rc;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--year", &year, NULL }, { "--school", NULL, &school },
		{ "--format", &format, NULL }, { "--lang", &lang, NULL }, { NULL, NULL, NULL } };
	struct report *r = NULL;
	enum report_format fmt;
	struct period p, *sel = NULL;
	struct class c;
	char *pos[1], today[11];

	if ((rc = cmd_args(ctx, &cmd_report_quality, argc, argv, opts, pos, 0, 1, &npos)) !=
	    CMD_OK || (rc = report_opts(ctx, format, lang, &fmt)) != CMD_OK)
		return rc;
	if ((npos == 1) == school) {
		cmd_error(ctx, _("Name a class, or --school for every class."));
		return CMD_USAGE;
	}
	if (npos == 1) {
		if ((rc = class_arg(ctx, pos[0], year, &c)) != CMD_OK)
			return rc;
		start = c.start_year;
	} else if (year != NULL) {
		start = atoi(year);
		if (strlen(year) != 4 || start < 2000 || start > 2200) {
			cmd_error(ctx, _("--year is the year the school year starts: 2026 for "
			    "2026-2027."));
			return CMD_USAGE;
		}
	} else {
		store_today(today);
		if ((rc = store_year_current(ctx->st, today, &start)) != STORE_OK)
			return cmd_store_error(ctx, rc);
	}
	if ((rc = quality_period_arg(ctx, period, start, &p, &sel)) != CMD_OK)
		return rc;
	if (sel != NULL)
		start = sel->start_year;
	if ((rc = report_quality_build(ctx->st, npos == 1 ? &c : NULL, start, sel, &r)) !=
	    STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = report_emit(ctx, r, fmt);
	report_free(r);
	return rc;
}

const struct cmd cmd_report_quality = {
	"report quality", "CLASS | --school [--period P|year] [--year Y] "
	"[--format txt|csv|xlsx|pdf] [--lang kk|ru|en]",
	N_("Print the pass rate and quality of knowledge per class, subject and teacher."),
	N_("Counts of 5, 4, 3, 2, pass, fail and not attested, one per pupil and subject, for "
	"the period (today's quarter by default; one-hour subjects give their half-year) or, "
	"with --period year, the year marks. Pass rate: results without a 2; quality: results "
	"of 4 and 5 among marked subjects."),
	CMD_ANYONE, 0, run_report_quality,
};

static int
run_report_analysis(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_page_report(ctx, &cmd_report_analysis, report_analysis_build, argc, argv);
}

const struct cmd cmd_report_analysis = {
	"report analysis", "CLASS SUBJECT [--period P] [--subgroup N] [--year Y] "
	"[--format txt|csv|xlsx|pdf] [--lang kk|ru|en]",
	N_("Print the analysis of summative results: each work's levels, mean and who missed it."),
	N_("For each section and term summative work of the period (today's by default): how "
	"many pupils reached the high (85-100 %), middle (40-84 %) and low (0-39 %) level, "
	"the mean percent of those who wrote it, and who did not."),
	CMD_ANYONE, 0, run_report_analysis,
};

static int
run_report_card(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *period = NULL, *year = NULL, *name = NULL, *format = NULL, *lang = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL },
		{ "--year", &year, NULL }, { "--pupil", &name, NULL },
		{ "--format", &format, NULL }, { "--lang", &lang, NULL }, { NULL, NULL, NULL } };
	struct report *r = NULL;
	enum report_format fmt;
	struct period p, *pp = NULL;
	struct pupil pupil;
	struct class c;
	char *pos[1];
	int rc;

	if ((rc = cmd_args(ctx, &cmd_report_card, argc, argv, opts, pos, 1, 1, NULL)) !=
	    CMD_OK || (rc = report_opts(ctx, format, lang, &fmt)) != CMD_OK ||
	    (rc = class_arg(ctx, pos[0], year, &c)) != CMD_OK)
		return rc;
	/* Without --period: the year's card, its year and final marks once it is over. */
	if (period != NULL && (rc = period_arg(ctx, period, year, NULL, &p, &pp)) != CMD_OK)
		return rc;
	if (name != NULL && (rc = cmd_pupil_arg(ctx, &c, name, &pupil)) != CMD_OK)
		return rc;
	if ((rc = report_card_build(ctx->st, &c, pp, name != NULL ? &pupil : NULL, &r)) !=
	    STORE_OK)
		return cmd_store_error(ctx, rc);
	rc = report_emit(ctx, r, fmt);
	report_free(r);
	return rc;
}

const struct cmd cmd_report_card = {
	"report card", "CLASS [--period P] [--year Y] [--pupil \"SURNAME GIVEN\"] "
	"[--format txt|csv|xlsx|pdf] [--lang kk|ru|en]",
	N_("Print the pupils' report cards: marks per subject, days and lessons missed."),
	N_("One page per pupil (--pupil: that pupil's only): each subject's period marks, and "
	"for the year (without --period) the year mark, exam and final mark; the lessons and "
	"whole days missed by reason; the class teacher's and director's signature lines. "
	"--year 2025 prints the cards of the class of that name in 2025-2026."),
	CMD_ANYONE, 0, run_report_card,
};
