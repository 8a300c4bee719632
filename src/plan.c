/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan: a calendar-thematic plan from a spreadsheet into the store. See
 * plan.h.
 *
 * Plans are kept in Excel as the methodists' template has them: a number,
 * the topic, its hours, often a date and homework, and the sections either
 * in a column of their own or as rows of their own between the topics
 * ("Раздел 1. ..." with no number and no hours). Both are read. Where the
 * file marks no СОр, each section's last topic is where one is due: the
 * Ministry's plans give a СОр (БЖБ) to every section.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "plan.h"
#include "table.h"
#include "text.h"

enum column { COL_NUM, COL_TOPIC, COL_HOURS, COL_DATE, COL_HOMEWORK, COL_SECTION, COL_SOR, NCOLS };

/* Header words, compared case-folded with '_' read as ' '. */
static const struct table_header headers[] = {
	{ "№", COL_NUM }, { "no", COL_NUM }, { "no.", COL_NUM }, { "number", COL_NUM },
	{ "#", COL_NUM }, { "номер", COL_NUM }, { "№ п/п", COL_NUM }, { "п/п", COL_NUM },
	{ "р/с", COL_NUM }, { "№ р/с", COL_NUM }, { "нөмірі", COL_NUM },
	{ "topic", COL_TOPIC }, { "тема", COL_TOPIC }, { "тема урока", COL_TOPIC },
	{ "тақырып", COL_TOPIC }, { "тақырыбы", COL_TOPIC }, { "сабақтың тақырыбы", COL_TOPIC },
	{ "hours", COL_HOURS }, { "часы", COL_HOURS }, { "часов", COL_HOURS },
	{ "кол-во часов", COL_HOURS }, { "количество часов", COL_HOURS }, { "сағат", COL_HOURS },
	{ "сағаты", COL_HOURS }, { "сағат саны", COL_HOURS },
	{ "date", COL_DATE }, { "дата", COL_DATE }, { "күні", COL_DATE }, { "мерзімі", COL_DATE },
	{ "homework", COL_HOMEWORK }, { "домашнее задание", COL_HOMEWORK }, { "д/з", COL_HOMEWORK },
	{ "дз", COL_HOMEWORK }, { "үй тапсырмасы", COL_HOMEWORK }, { "үй жұмысы", COL_HOMEWORK },
	{ "section", COL_SECTION }, { "раздел", COL_SECTION }, { "бөлім", COL_SECTION },
	{ "бөлімі", COL_SECTION },
	{ "sa-s", COL_SOR }, { "sor", COL_SOR }, { "сор", COL_SOR }, { "бжб", COL_SOR },
};

static void
problem(struct plan_report *rep, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(struct plan_report *rep, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	table_problem_vadd(&rep->problems, &rep->nproblems, line, fmt, ap);
	va_end(ap);
}

/* The folded word with '_' as ' ': headers and yes/no marks are compared so. */
static char *
fold(const char *s)
{
	char *folded = text_casefold(s), *c = NULL;

	for (c = folded; c != NULL && *c != '\0'; c++)
		if (*c == '_')
			*c = ' ';
	return folded;
}

/* A whole number lo..hi, or -1. */
static int
number(const char *s, int lo, int hi)
{
	long v = 0;
	const char *p = s;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > hi)
			return -1;
	/* "12." as a numbered list writes it */
	if (*p == '.')
		p++;
	while (*p == ' ')
		p++;
	return *p == '\0' && v >= lo ? (int)v : -1;
}

/* The СОр column: empty or a "no" is not due; anything else ("+", "1", "БЖБ 1") is. */
static int
sor_mark(const char *s)
{
	static const char *const no[] = { "", "-", "0", "no", "нет", "жоқ" };
	char *folded = fold(s);
	int due = 1;
	size_t i;

	for (i = 0; folded != NULL && i < sizeof no / sizeof no[0]; i++)
		if (strcmp(folded, no[i]) == 0)
			due = 0;
	free(folded);
	return due;
}

/* One text field: cleaned into out, or a problem naming the line. */
static int
text_field(struct plan_report *rep, size_t line, const char *label, const char *in, size_t max,
    int flags, char *out, size_t outsize)
{
	enum text_error err = TEXT_OK;
	char *clean = NULL;

	if ((clean = text_clean(in, max, flags, &err)) == NULL) {
		problem(rep, line, "%s: %s", label, text_error_message(err));
		return 1;
	}
	snprintf(out, outsize, "%s", clean);
	free(clean);
	return 0;
}

static const char *
field(const struct csv *csv, size_t r, const int *cols, enum column c)
{
	return cols[c] >= 0 ? csv_field(csv, r, (size_t)cols[c]) : "";
}

/* Reads row r into t; 1 when it had a problem. A section row only sets *section. */
static int
plan_row(struct plan_report *rep, const struct csv *csv, size_t r, const int *cols,
    char *section, size_t sectionsize, struct plan_topic *t, int *is_topic)
{
	size_t line = csv_line(csv, r);
	const char *num = field(csv, r, cols, COL_NUM), *hours = field(csv, r, cols, COL_HOURS);
	const char *date = field(csv, r, cols, COL_DATE);
	int bad = 0;

	*is_topic = 0;
	memset(t, 0, sizeof *t);
	/* A row with no number and no hours heads a section (or is empty). */
	if (*num == '\0' && *hours == '\0') {
		const char *head = field(csv, r, cols, COL_TOPIC);

		if (*head == '\0')
			head = field(csv, r, cols, COL_SECTION);
		if (*head != '\0')
			bad = text_field(rep, line, _("Section"), head, STORE_NAME_MAX, 0, section,
			    sectionsize);
		return bad;
	}
	*is_topic = 1;
	if ((t->num = number(num, 1, 9999)) < 0) {
		problem(rep, line, _("The number \"%s\" is no topic number: write 1, 2, 3..."),
		    num);
		bad = 1;
	}
	bad |= text_field(rep, line, _("Topic"), field(csv, r, cols, COL_TOPIC), STORE_TOPIC_MAX,
	    0, t->topic, sizeof t->topic);
	if ((t->hours = number(hours, 1, PLAN_HOURS_MAX)) < 0) {
		problem(rep, line, _("Hours \"%s\": write how many lessons the topic takes, 1 to "
		    "%d."), hours, PLAN_HOURS_MAX);
		bad = 1;
	}
	if (*date != '\0' && !date_parse(date, t->date)) {
		problem(rep, line, _("Date \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), date);
		bad = 1;
	}
	bad |= text_field(rep, line, _("Homework"), field(csv, r, cols, COL_HOMEWORK),
	    STORE_HOMEWORK_MAX, TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE, t->homework,
	    sizeof t->homework);
	if (cols[COL_SECTION] >= 0 && *field(csv, r, cols, COL_SECTION) != '\0')
		bad |= text_field(rep, line, _("Section"), field(csv, r, cols, COL_SECTION),
		    STORE_NAME_MAX, 0, section, sectionsize);
	snprintf(t->section, sizeof t->section, "%s", section);
	t->sor_due = sor_mark(field(csv, r, cols, COL_SOR));
	return bad;
}

/* Without a СОр column, a СОр is due after each section's last topic. */
static void
sor_by_sections(struct plan_topic *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rows[i].sor_due = rows[i].section[0] != '\0' && (i + 1 == n ||
		    strcmp(rows[i].section, rows[i + 1].section) != 0);
}

int
plan_import(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const char *buf, size_t len, int dry_run, struct plan_report *rep)
{
	struct plan_topic *rows = NULL;
	struct csv *csv = NULL;
	char why[256], section[STORE_NAME_MAX + 1] = "";
	size_t r, i, nrows = 0, err_line = 0, *lines = NULL;
	int cols[NCOLS], rc = STORE_INVALID, is_topic;

	memset(rep, 0, sizeof *rep);
	if (len > PLAN_MAX_BYTES) {
		problem(rep, 0, _("The file is %zu MB; a plan is never larger than %d MB. Is it "
		    "the right file?"), len >> 20, PLAN_MAX_BYTES >> 20);
		goto out;
	}
	if ((csv = table_read(buf, len, &rep->source, &err_line, why, sizeof why)) == NULL) {
		problem(rep, err_line, "%s", why);
		goto out;
	}
	if (csv_rows(csv) < 2) {
		problem(rep, 0, _("The file has no topics."));
		goto out;
	}
	table_header_row(csv, headers, sizeof headers / sizeof headers[0], cols, NCOLS);
	if (cols[COL_NUM] < 0 || cols[COL_TOPIC] < 0 || cols[COL_HOURS] < 0) {
		problem(rep, csv_line(csv, 0), _("The first line must name the columns: number, "
		    "topic and hours (№, Тема, Часы / №, Тақырып, Сағат), and may add date, "
		    "homework, section and СОр (Дата, Домашнее задание, Раздел, СОр / Күні, Үй "
		    "тапсырмасы, Бөлім, БЖБ)."));
		goto out;
	}
	if (csv_rows(csv) > PLAN_TOPICS_MAX + 100 ||
	    (rows = calloc(csv_rows(csv), sizeof *rows)) == NULL ||
	    (lines = calloc(csv_rows(csv), sizeof *lines)) == NULL) {
		problem(rep, 0, _("A plan has at most %d topics."), PLAN_TOPICS_MAX);
		goto out;
	}
	for (r = 1; r < csv_rows(csv); r++) {
		if (plan_row(rep, csv, r, cols, section, sizeof section, &rows[nrows], &is_topic) ||
		    !is_topic)
			continue;
		lines[nrows] = csv_line(csv, r);
		for (i = 0; i < nrows; i++)
			if (rows[i].num == rows[nrows].num)
				problem(rep, lines[nrows], _("Topic %d is already on line %zu."),
				    rows[i].num, lines[i]);
		rep->hours += (size_t)rows[nrows].hours;
		nrows++;
	}
	if (nrows == 0 && rep->nproblems == 0)
		problem(rep, 0, _("The file has no topics."));
	if (nrows > PLAN_TOPICS_MAX)
		problem(rep, 0, _("A plan has at most %d topics."), PLAN_TOPICS_MAX);
	if (rep->nproblems > 0)
		goto out;
	if (cols[COL_SOR] < 0)
		sor_by_sections(rows, nrows);
	rep->topics = nrows;
	/* A dry run writes and rolls back: the reader learns whether she may, too. */
	if (dry_run && (rc = store_tx_begin(st)) != STORE_OK) {
		problem(rep, 0, "%s", store_error(st));
		goto out;
	}
	if ((rc = store_plan_replace(st, owner, subject_id, rows, nrows)) != STORE_OK)
		problem(rep, 0, "%s", store_error(st));
	if (dry_run)
		store_tx_rollback(st);
out:
	if (rep->nproblems > 0 && rc == STORE_OK)
		rc = STORE_INVALID;
	free(lines);
	free(rows);
	csv_free(csv);
	return rc;
}

void
plan_report_free(struct plan_report *rep)
{
	free(rep->problems);
	rep->problems = NULL;
	rep->nproblems = 0;
}
