/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_reports: the Reports screen. The head and the admin reach it from the
 * administration, a class teacher from her journals for her own class: pick
 * a paper (report card, summary sheet, pass rate and quality, analysis of
 * summative work, attendance), the class, the subject and the period it
 * needs, and read it as text in a pager that scrolls both ways.
 *
 * A curses session cannot hand the user a file, so above the text the pager
 * gives the command that fetches the same paper over SSH as PDF, XLSX or
 * CSV, with the user's login, this server's name and its port.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "ui_screens.h"

enum paper { PAPER_CARD, PAPER_SUMMARY, PAPER_QUALITY, PAPER_ANALYSIS, PAPER_ATTENDANCE };

/* What each paper asks for, and the `report` command that makes it. */
static const struct paper_kind {
	const char *label;	/* N_() */
	const char *command;
	int subject;		/* asks for a subject */
	int period;		/* 0: none; 1: a period or the year; 2: a period */
} papers[] = {
	[PAPER_CARD] = { N_("Report cards"), "card", 0, 1 },
	[PAPER_SUMMARY] = { N_("Summary sheet"), "summary", 0, 0 },
	[PAPER_QUALITY] = { N_("Pass rate and quality of knowledge"), "quality", 0, 1 },
	[PAPER_ANALYSIS] = { N_("Analysis of summative work"), "analysis", 1, 2 },
	[PAPER_ATTENDANCE] = { N_("Attendance"), "attendance", 0, 1 },
};
#define NPAPERS (sizeof papers / sizeof papers[0])

/* The paper asked for: the report and what its command line names. */
struct paper_ask {
	enum paper kind;
	struct class c;
	struct subject s;
	struct period p;
	int has_period;		/* 0: the whole school year */
};

/* The pager: the text's lines and how far it is scrolled to the right. */
struct pager {
	char **lines;
	size_t n;
	size_t ncommand;	/* the lines before it are the ssh commands */
	int xoff;
};

static void
pager_free(struct pager *pg)
{
	ui_lines_free(&pg->lines, &pg->n);
}

static int
pager_add(struct pager *pg, const char *line, size_t len)
{
	return ui_lines_add(&pg->lines, &pg->n, line, len);
}

/* Splits text into the pager's lines; a form feed between pages becomes an empty line. */
static int
pager_text(struct pager *pg, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl = NULL;

	while (p < end) {
		if (*p == '\f') {
			p++;
			continue;
		}
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (pager_add(pg, p, (size_t)(nl - p)) != 0)
			return -1;
		p = nl + 1;
	}
	return 0;
}

/*
 * A command in lines of at most `cols` columns, broken between words with a
 * shell's " \\" at the end of each line but the last: copied whole, it runs
 * as typed on one line.
 */
static int
pager_add_command(struct pager *pg, const char *cmd, size_t cols)
{
	char line[768], word[768];
	const char *p = cmd, *sp = NULL;
	size_t len = 0, wlen, words = 0;

	line[0] = '\0';
	while (*p != '\0') {
		/* A word ends at a space outside quotes ('"Қазақ тілі"'); "> card.pdf" is one. */
		for (sp = p; *sp != '\0' && (*sp != ' ' || (sp == p + 1 && *p == '>')); sp++)
			if (*sp == '\'' && strchr(sp + 1, '\'') != NULL)
				sp = strchr(sp + 1, '\'');
		wlen = (size_t)(sp - p);
		snprintf(word, sizeof word, "%.*s", (int)wlen, p);
		/* A word that does not fit ends the line before it: 2 columns for " \\". */
		if (words > 0 && text_width(line) + 1 + text_width(word) + 2 > cols) {
			snprintf(line + len, sizeof line - len, " \\");
			if (pager_add(pg, line, strlen(line)) != 0)
				return -1;
			len = (size_t)snprintf(line, sizeof line, "    ");
			words = 0;
		} else if (words > 0 && len + 1 < sizeof line)
			line[len++] = ' ';
		if (len + wlen < sizeof line) {
			memcpy(line + len, p, wlen);
			len += wlen;
			line[len] = '\0';
			words++;
		}
		p = *sp == ' ' ? sp + 1 : sp;
	}
	return pager_add(pg, line, len);
}

/* "9А": a class as a command word, without the space it is shown with. */
static void
class_word(const struct class *c, char *out, size_t size)
{
	size_t i, k = 0;

	for (i = 0; c->name[i] != '\0' && k + 1 < size; i++)
		if (c->name[i] != ' ')
			out[k++] = c->name[i];
	out[k] = '\0';
}

/*
 * "ssh -p 2222 aigerim@school": the port this session came in on (OpenSSH
 * says it in SSH_CONNECTION), else the embedded server's from dapter.conf,
 * else its default; the host is dapter.conf's, else this machine's name.
 */
static void
ssh_target(const struct ui *ui, char *out, size_t size)
{
	const char *conn = getenv("SSH_CONNECTION"), *port = NULL, *p = NULL;
	char host[256] = "", from_conn[16] = "", err[256];
	int field;

	/* A broken file was reported where it is read for the database: no more here. */
	if (conf_load(err, sizeof err) == 0) {
		port = conf_get("port");
		if ((p = conf_get("host")) != NULL)
			snprintf(host, sizeof host, "%s", p);
	}
	if (host[0] == '\0' && (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0'))
		snprintf(host, sizeof host, "%s", "localhost");
	/* SSH_CONNECTION: client address, client port, server address, server port. */
	if (conn != NULL) {
		for (p = conn, field = 0; *p != '\0' && field < 3; p++)
			if (*p == ' ')
				field++;
		if (field == 3 && strspn(p, "0123456789") == strlen(p) && strlen(p) < 6) {
			snprintf(from_conn, sizeof from_conn, "%s", p);
			port = from_conn;
		}
	}
	if (port == NULL)
		port = "2222";
	if (strcmp(port, "22") == 0)
		snprintf(out, size, "ssh %s@%s", ui->user.login, host);
	else
		snprintf(out, size, "ssh -p %s %s@%s", port, ui->user.login, host);
}

/* The command that fetches the paper as `format` into a file. */
static void
fetch_command(const struct ui *ui, const struct paper_ask *a, const char *format, char *out,
    size_t size)
{
	const struct paper_kind *k = &papers[a->kind];
	char target[384], cls[STORE_CLASS_MAX + 1], period[48] = "", subject[STORE_NAME_MAX + 8];

	ssh_target(ui, target, sizeof target);
	class_word(&a->c, cls, sizeof cls);
	subject[0] = '\0';
	if (k->subject) {
		/* A name of two words is one word: quoted for both shells, ours and dapter's. */
		if (strchr(a->s.name, ' ') != NULL)
			snprintf(subject, sizeof subject, " '\"%s\"'", a->s.name);
		else
			snprintf(subject, sizeof subject, " %s", a->s.name);
	}
	if (a->has_period) {
		char label[32];

		period_label(&a->p, label, sizeof label);
		snprintf(period, sizeof period, " --period %s", label);
	} else if (a->kind == PAPER_QUALITY)
		snprintf(period, sizeof period, "%s", " --period year");
	snprintf(out, size, "%s report %s %s%s%s --format %s > %s.%s", target, k->command, cls,
	    subject, period, format, k->command, format);
}

static int
paper_build(struct ui *ui, const struct paper_ask *a, struct report **r)
{
	const struct period *p = a->has_period ? &a->p : NULL;

	switch (a->kind) {
	case PAPER_CARD:
		return report_card_build(ui->st, &a->c, p, NULL, r);
	case PAPER_SUMMARY:
		return report_summary_build(ui->st, &a->c, r);
	case PAPER_QUALITY:
		return report_quality_build(ui->st, &a->c, a->c.start_year, p, r);
	case PAPER_ANALYSIS:
		return report_analysis_build(ui->st, &a->c, &a->s, 0, &a->p, r);
	case PAPER_ATTENDANCE:
		return report_attendance_build(ui->st, &a->c, p, r);
	}
	return STORE_INVALID;
}

/* The commands that fetch the paper as files, then the paper as text. */
static int
pager_fill(struct ui *ui, const struct paper_ask *a, struct pager *pg)
{
	static const char *const formats[] = { "pdf", "xlsx", "csv" };
	struct report *r = NULL;
	char line[768], err[256] = "", *text = NULL;
	const char *heading = NULL;
	size_t len = 0, i;
	FILE *f = NULL;
	int rc = -1;

	if (paper_build(ui, a, &r) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	heading = _("As a file, over SSH:");
	if (pager_add(pg, heading, strlen(heading)) != 0)
		goto oom;
	/* The pager's text starts in column 1 and keeps the last one free. */
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		fetch_command(ui, a, formats[i], line, sizeof line);
		if (pager_add_command(pg, line, ui_cols() > 22 ? (size_t)ui_cols() - 2 : 20) != 0)
			goto oom;
	}
	pg->ncommand = pg->n;
	if (pager_add(pg, "", 0) != 0 || (f = open_memstream(&text, &len)) == NULL)
		goto oom;
	if (report_write_txt(r, f, err, sizeof err) != 0) {
		ui_status(ui, "%s", err);
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		goto oom;
	}
	f = NULL;
	if (pager_text(pg, text, len) != 0)
		goto oom;
	rc = 0;
	goto out;
oom:
	ui_status(ui, "%s", _("Out of memory."));
out:
	if (f != NULL)
		fclose(f);
	free(text);
	report_free(r);
	return rc;
}

/* ---- the pager, on the administration's list ---- */

static int
pager_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	(void)ui;
	*n = ((struct pager *)l->ctx)->n;
	return 0;
}

static const char *
pager_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct pager *pg = l->ctx;

	(void)col, (void)buf, (void)size;
	/* The commands stand out from the paper below them. */
	if (row > 0 && row < pg->ncommand)
		*style |= UI_BOLD;
	return text_skip(pg->lines[row], (size_t)pg->xoff);
}

/* Left and right scroll the text sideways by half a screen. */
static int
pager_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct pager *pg = l->ctx;
	int step = ui_cols() / 2 > 4 ? ui_cols() / 2 : 4;

	(void)ui, (void)sel, (void)n;
	if (action == ACTION_RIGHT)
		pg->xoff += step;
	else if (action == ACTION_LEFT)
		pg->xoff = pg->xoff > step ? pg->xoff - step : 0;
	else if (action == ACTION_OPEN)
		return LIST_BACK;
	return LIST_STAY;
}

static int
pager_run(struct ui *ui, const struct paper_ask *a)
{
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_RIGHT, N_("more") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = { { NULL, 0, 0, 0, 0 }, UI_COLUMNS_END };
	struct pager pg = { NULL, 0, 0, 0 };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &pg,
	    .no_selection = 1, .load = pager_load, .cell = pager_cell, .act = pager_act };
	char label[48] = "";
	int rc;

	if (pager_fill(ui, a, &pg) != 0) {
		pager_free(&pg);
		return 0;
	}
	if (a->has_period)
		period_name(&a->p, label, sizeof label);
	else if (papers[a->kind].period != 0)
		snprintf(label, sizeof label, "%s", _("the year"));
	snprintf(l.title, sizeof l.title, "%s: %s%s%s%s%s", _(papers[a->kind].label), a->c.name,
	    papers[a->kind].subject ? ", " : "", papers[a->kind].subject ? a->s.name : "",
	    label[0] != '\0' ? ", " : "", label);
	rc = ui_list_run(ui, &l);
	pager_free(&pg);
	return rc;
}

/* ---- what the paper needs: class, subject, period ---- */

/* The class: any of this year's for the head and the admin, her own for a class teacher. */
static int
ask_class(struct ui *ui, struct class *out)
{
	struct pick_lists pl;
	char **own = NULL, name[STORE_CLASS_MAX + 8] = "";
	size_t n = 0, i;
	int ok = 0;

	memset(&pl, 0, sizeof pl);
	pick_lists_load(ui, &pl);
	if (ui->user.role == ROLE_TEACHER) {
		if ((own = calloc(pl.nclasses > 0 ? pl.nclasses : 1, sizeof *own)) == NULL)
			goto out;
		for (i = 0; i < pl.nclasses; i++)
			if (pl.cls[i].teacher_id == ui->user.id)
				own[n++] = pl.classes[i];
		if (n == 0) {
			ui_status(ui, "%s", _("Reports are for the class teacher of a class, the "
			    "head and the admin."));
			goto out;
		}
		snprintf(name, sizeof name, "%s", own[0]);
		if (n > 1 && !ui_prompt_pick(ui, _("Class:"), name, sizeof name, own, n))
			goto out;
		for (i = 0; i < n && strcmp(own[i], name) != 0; i++)
			;
		if (i == n) {
			ui_status(ui, "%s", _("You are the class teacher of another class."));
			goto out;
		}
	} else if (!ui_prompt_pick(ui, _("Class:"), name, sizeof name, pl.classes,
	    pl.nclasses))
		goto out;
	if (store_class_find(ui->st, name, out) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	ok = 1;
out:
	free(own);
	pick_lists_free(&pl);
	return ok;
}

static int
ask_subject(struct ui *ui, const struct class *c, struct subject *out)
{
	struct pick_lists pl;
	char name[STORE_NAME_MAX + 1] = "";
	int ok = 0;

	memset(&pl, 0, sizeof pl);
	pick_lists_load(ui, &pl);
	if (ui_prompt_pick(ui, _("Subject:"), name, sizeof name, pl.subjects, pl.nsubjects)) {
		if (store_subject_find(ui->st, name, out) != STORE_OK ||
		    store_subject_in_class(ui->st, c->id, out->id, out) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ok = 1;
	}
	pick_lists_free(&pl);
	return ok;
}

/*
 * The period: its code ("2026-q2", "q2", "h1"), or "year" where the paper
 * takes the whole year. Today's quarter (or half-year, for a one-hour
 * subject) is offered.
 */
static int
ask_period(struct ui *ui, struct paper_ask *a)
{
	struct period *ps = NULL, today;
	char **items = NULL, (*labels)[32] = NULL, spec[32] = "";
	const char *year = _("year");
	size_t n = 0, i, k = 0;
	int ok = 0, whole = papers[a->kind].period == 1;

	if (store_period_list(ui->st, a->c.start_year, &ps, &n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	if ((items = calloc(n + 1, sizeof *items)) == NULL ||
	    (labels = calloc(n + 1, sizeof *labels)) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		period_label(&ps[i], labels[k], sizeof labels[k]);
		items[k] = labels[k];
		k++;
	}
	if (whole)
		items[k++] = (char *)year;
	if (store_period_for_date(ui->st, ui->today, papers[a->kind].subject &&
	    a->s.hours == 1 ? 'h' : 'q', &today) == STORE_OK)
		period_label(&today, spec, sizeof spec);
	if (!ui_prompt_pick(ui, whole ? _("Period (or year):") : _("Period:"), spec,
	    sizeof spec, items, k))
		goto out;
	if (whole && (strcmp(spec, year) == 0 || strcmp(spec, "year") == 0)) {
		a->has_period = 0;
		ok = 1;
		goto out;
	}
	if (store_period_find(ui->st, spec, ui->today, &a->p) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	a->has_period = 1;
	ok = 1;
out:
	free(items);
	free(labels);
	free(ps);
	return ok;
}

/* ---- the list of papers ---- */

static int
papers_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	(void)ui;
	snprintf(l->title, sizeof l->title, "%s", _("Reports"));
	*n = NPAPERS;
	return 0;
}

static const char *
papers_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	(void)l, (void)col, (void)buf, (void)size, (void)style;
	return _(papers[row].label);
}

static int
papers_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct paper_ask a;

	(void)l;
	if (n == 0 || sel >= NPAPERS || action != ACTION_OPEN)
		return LIST_STAY;
	memset(&a, 0, sizeof a);
	a.kind = (enum paper)sel;
	if (!ask_class(ui, &a.c) || (papers[a.kind].subject && !ask_subject(ui, &a.c, &a.s)) ||
	    (papers[a.kind].period != 0 && !ask_period(ui, &a)))
		return LIST_STAY;
	return pager_run(ui, &a) == UI_QUIT ? UI_QUIT : LIST_STAY;
}

int
ui_reports_run(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Open") },
	    { ACTION_HELP, N_("Help") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = { { NULL, 0, 0, 0, 0 }, UI_COLUMNS_END };
	struct ui_list l = { .hints = hints, .columns = columns, .load = papers_load,
	    .cell = papers_cell, .act = papers_act };
	struct class *cls = NULL;
	size_t n = 0, i;
	int own = ui->user.role != ROLE_TEACHER;

	/* A teacher has the papers of the class she is the class teacher of, or none. */
	if (!own && store_class_list(ui->st, &cls, &n) == STORE_OK)
		for (i = 0; i < n; i++)
			own |= cls[i].teacher_id == ui->user.id;
	free(cls);
	if (!own) {
		ui_status(ui, "%s", _("Reports are for the class teacher of a class, the head and "
		    "the admin."));
		return 0;
	}
	return ui_list_run(ui, &l);
}
