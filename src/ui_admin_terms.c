/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_admin_terms: the school year's calendar: its terms (quarters and
 * half-years: close, reopen, move their dates), its holidays, and a new
 * school year. Closing a term freezes its marks; reopening is audited.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "ui_admin.h"

/* Asks which school year to show: its start year ("2026" for 2026-2027). */
static int
ask_year(struct ui *ui, int *year)
{
	char buf[16], *end = NULL;
	long y;

	snprintf(buf, sizeof buf, "%d", *year);
	if (!ui_prompt(ui, _("School year (the year it begins, e.g. 2026):"), buf,
	    sizeof buf, 0))
		return 0;
	y = strtol(buf, &end, 10);
	if (*end != '\0' || y < 1900 || y > 2998) {
		ui_status(ui, "%s",
		    _("A school year is named by the year it starts, such as 2026."));
		return 0;
	}
	*year = (int)y;
	return 1;
}

/* ---- terms ---- */

struct terms_screen {
	int year;		/* 0: the current one */
	struct period *rows;
};

static int
terms_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct terms_screen *s = l->ctx;

	free(s->rows);
	s->rows = NULL;
	if ((s->year == 0 && store_year_current(ui->st, ui->today, &s->year) != STORE_OK) ||
	    store_period_list(ui->st, s->year, &s->rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	snprintf(l->title, sizeof l->title, _("Terms of %d-%d"), s->year, s->year + 1);
	return 0;
}

static const char *
terms_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct period *p = &((struct terms_screen *)l->ctx)->rows[row];

	switch (col) {
	case 0:
		period_name(p, buf, size);
		return buf;
	case 1:
		return p->starts;
	case 2:
		return p->ends;
	}
	if (p->closed)
		*style |= UI_BOLD;
	return p->closed ? _("closed") : _("open");
}

static int
terms_dates(struct ui *ui, const struct period *p)
{
	char from[11], to[11], label[32];

	period_name(p, label, sizeof label);
	snprintf(from, sizeof from, "%s", p->starts);
	snprintf(to, sizeof to, "%s", p->ends);
	if (!ui_prompt_date(ui, _("First day:"), from) ||
	    !ui_prompt_date(ui, _("Last day:"), to))
		return LIST_STAY;
	if (store_period_set_dates(ui->st, p->id, from, to) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, _("Term %s runs from %s to %s."), label, from, to);
	return LIST_RELOAD;
}

static int
terms_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct terms_screen *s = l->ctx;
	const struct period *p = n > 0 ? &s->rows[sel] : NULL;
	char label[32], ask[128];
	int year = s->year + 1;

	if (action == ACTION_YEAR)
		return ask_year(ui, &s->year) ? LIST_RELOAD : LIST_STAY;
	if (action == ACTION_ADD) {
		if (!ask_year(ui, &year))
			return LIST_STAY;
		if (store_year_add(ui->st, year, NULL, NULL) != STORE_OK) {
			ui_status(ui, "%s", store_error(ui->st));
			return LIST_STAY;
		}
		ui_status(ui, _("The school year %d-%d is added."), year, year + 1);
		s->year = year;
		return LIST_RELOAD;
	}
	if (p == NULL)
		return LIST_STAY;
	if (action == ACTION_DATES)
		return terms_dates(ui, p);
	if (action != ACTION_TOGGLE && action != ACTION_OPEN)
		return LIST_STAY;
	period_name(p, label, sizeof label);
	snprintf(ask, sizeof ask, p->closed ? _("Reopen term %s?") : _("Close term %s?"), label);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_period_set_closed(ui->st, p->id, !p->closed) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, p->closed ? _("Term %s is open again.") : _("Term %s is closed."),
		    label);
	return LIST_RELOAD;
}

int
admin_terms(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_TOGGLE, N_("Close/reopen") },
	    { ACTION_DATES, N_("Dates") }, { ACTION_YEAR, N_("Another year") },
	    { ACTION_ADD, N_("New school year") }, { ACTION_BACK, N_("Back") },
	    { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Term"), 14, UI_BOLD, 0, 0 },
		{ N_("First day"), 10, 0, 0, 0 },
		{ N_("Last day"), 10, 0, 0, 0 },
		{ NULL, 12, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct terms_screen s = { 0, NULL };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &s,
	    .load = terms_load, .cell = terms_cell, .act = terms_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(s.rows);
	return rc;
}

/* ---- holidays ---- */

struct holidays_screen {
	int year;
	struct holiday *rows;
};

static int
holidays_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct holidays_screen *s = l->ctx;

	free(s->rows);
	s->rows = NULL;
	if ((s->year == 0 && store_year_current(ui->st, ui->today, &s->year) != STORE_OK) ||
	    store_holiday_list(ui->st, s->year, &s->rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	snprintf(l->title, sizeof l->title, _("Holidays of %d-%d"), s->year, s->year + 1);
	return 0;
}

static const char *
holidays_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct holiday *h = &((struct holidays_screen *)l->ctx)->rows[row];

	(void)style;
	if (col == 2) {
		/* A grade's own holiday names its grade; the others are every grade's. */
		if (h->grade == 0)
			return "";
		snprintf(buf, size, "%d", h->grade);
		return buf;
	}
	return col == 0 ? h->starts : col == 1 ? h->ends : h->name;
}

static int
holidays_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct holidays_screen *s = l->ctx;
	char from[11], to[11], name[STORE_NAME_MAX + 1] = "", ask[256], grade[8] = "", *end;
	int64_t id;
	long g = 0;

	if (action == ACTION_YEAR)
		return ask_year(ui, &s->year) ? LIST_RELOAD : LIST_STAY;
	if (action == ACTION_ADD) {
		snprintf(from, sizeof from, "%s", ui->today);
		snprintf(to, sizeof to, "%s", ui->today);
		if (!ui_prompt(ui, _("Name of the holiday:"), name, sizeof name, 0) ||
		    name[0] == '\0' ||
		    !ui_prompt_date(ui, _("First day:"), from) ||
		    !ui_prompt_date(ui, _("Last day:"), to) ||
		    !ui_prompt(ui, _("Grade (empty: every grade):"), grade, sizeof grade, 0))
			return LIST_STAY;
		if (grade[0] != '\0' && ((g = strtol(grade, &end, 10)) < 1 || g > 12 ||
		    *end != '\0')) {
			ui_status(ui, "%s", _("A grade is a number from 1 to 12."));
			return LIST_STAY;
		}
		if (store_holiday_add(ui->st, s->year, (int)g, from, to, name, &id) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("Holiday %s added."), name);
		return LIST_RELOAD;
	}
	if (n == 0 || action != ACTION_REMOVE)
		return LIST_STAY;
	snprintf(ask, sizeof ask, _("Remove the holiday %s (%s..%s)?"), s->rows[sel].name,
	    s->rows[sel].starts, s->rows[sel].ends);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_holiday_remove(ui->st, s->rows[sel].id) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, "%s", _("The holiday is removed."));
	return LIST_RELOAD;
}

int
admin_holidays(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_ADD, N_("Add") },
	    { ACTION_REMOVE, N_("Remove") }, { ACTION_YEAR, N_("Another year") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("First day"), 10, 0, 0, 0 },
		{ N_("Last day"), 10, 0, 0, 0 },
		{ N_("Grade"), 5, UI_RIGHT, UI_COL_NARROW, 0 },
		{ N_("Holiday"), 0, UI_BOLD, 0, 0 },
		UI_COLUMNS_END
	};
	struct holidays_screen s = { 0, NULL };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &s,
	    .empty = N_("No holidays in this school year."),
	    .load = holidays_load, .cell = holidays_cell, .act = holidays_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(s.rows);
	return rc;
}
