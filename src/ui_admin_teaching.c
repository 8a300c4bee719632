/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_admin_teaching: who teaches what: the subjects, the assignments of
 * teachers to journals, and substitute teachers for a range of days.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "subject_rule.h"
#include "ui_admin.h"

/* Asks for a teacher, a class, a subject and a subgroup; 1 when all are answered. */
static int
ask_journal(struct ui *ui, const struct pick_lists *l, char *login, size_t loginsize,
    struct class *c, struct subject *s, int *subgroup)
{
	char cname[64], sname[STORE_NAME_MAX + 1], group[8], *end = NULL;
	long sub;

	snprintf(cname, sizeof cname, "%s", c->name);
	snprintf(sname, sizeof sname, "%s", s->name);
	snprintf(group, sizeof group, "%d", *subgroup);
	if (!ui_prompt_pick(ui, _("Teacher's login (Tab: list):"), login, loginsize,
	    l->logins, l->nlogins) || login[0] == '\0' ||
	    !ui_prompt_pick(ui, _("Class (Tab: list):"), cname, sizeof cname, l->classes,
	    l->nclasses) ||
	    !ui_prompt_pick(ui, _("Subject (Tab: list):"), sname, sizeof sname, l->subjects,
	    l->nsubjects) ||
	    !ui_prompt(ui, _("Subgroup (0: the whole class):"), group, sizeof group, 0))
		return 0;
	sub = strtol(group, &end, 10);
	if (group[0] == '\0' || *end != '\0' || sub < 0 || sub > 9) {
		ui_status(ui, "%s", _("A subgroup is 0 (the whole class), 1, 2..."));
		return 0;
	}
	*subgroup = (int)sub;
	if (store_class_find(ui->st, cname, c) != STORE_OK ||
	    store_subject_find(ui->st, sname, s) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return 0;
	}
	return 1;
}

/* ---- subjects ---- */

static const char *const scheme_names[] = { "criteria", "classic", "passfail" };

/* A scheme as the Subjects list shows it; the prompt keeps the names typed. */
static const char *
scheme_label(const char *scheme)
{
	/* L10N: assessment schemes in a 10-column cell: ФО/СОр/СОч criteria, 5-point, pass/fail. */
	if (strcmp(scheme, "criteria") == 0)
		return C_("scheme", "criteria");
	if (strcmp(scheme, "classic") == 0)
		return C_("scheme", "classic");
	if (strcmp(scheme, "passfail") == 0)
		return C_("scheme", "passfail");
	return scheme;
}

static int
subjects_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct subject **rows = l->ctx;

	free(*rows);
	*rows = NULL;
	snprintf(l->title, sizeof l->title, "%s", _("Subjects"));
	if (store_subject_list(ui->st, rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	return 0;
}

static const char *
subjects_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct subject *s = &(*(struct subject **)l->ctx)[row];

	(void)style;
	switch (col) {
	case 0:
		return s->name;
	case 1:
		snprintf(buf, size, "%d", s->hours);
		return buf;
	}
	return scheme_label(s->scheme);
}

/* ---- a subject's hours and scheme for the school, a grade or a class ---- */

/* The period marks a change would move, shown before it is made. */
struct moved {
	const struct rule_change *rows;
	size_t n;
	int confirmed;
};

static int
moved_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	(void)ui;
	snprintf(l->title, sizeof l->title, "%s", _("Period marks the change moves"));
	*n = ((struct moved *)l->ctx)->n;
	return 0;
}

static const char *
moved_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct rule_change *c = &((const struct moved *)l->ctx)->rows[row];

	(void)style;
	switch (col) {
	case 0:
		return c->class_name;
	case 1:
		return c->pupil;
	case 2:
		return period_name(&c->period, buf, size);
	}
	snprintf(buf, size, "%s > %s", c->before[0] != '\0' ? c->before : "-",
	    c->after[0] != '\0' ? c->after : "-");
	return buf;
}

static int
moved_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	(void)ui, (void)sel, (void)n;
	if (action != ACTION_OPEN)
		return LIST_STAY;
	((struct moved *)l->ctx)->confirmed = 1;
	return LIST_BACK;
}

/* Lists the moved marks; 1 when the admin makes the change all the same. */
static int
moved_confirm(struct ui *ui, const struct rule_change *rows, size_t n)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Make the change") },
	    { ACTION_BACK, N_("Cancel") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Class"), 6, UI_BOLD, 0, 0 },
		{ N_("Pupil"), 0, 0, 0, 0 },
		{ N_("Period"), 16, 0, UI_COL_NARROW, 0 },
		{ N_("Mark"), 14, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct moved m = { rows, n, 0 };
	char status[160];
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &m, .status = status,
	    .load = moved_load, .cell = moved_cell, .act = moved_act };

	snprintf(status, sizeof status, "%s", _("Enter makes the change and moves these marks; "
	    "q leaves everything as it was."));
	return ui_list_run(ui, &l) != UI_QUIT && m.confirmed;
}

/* "": the school; "9": grade 9 of this school year; "9 А": that class. 1 when understood. */
static int
rule_target(struct ui *ui, const char *where, struct subject_rule *r)
{
	struct class c;
	char *end = NULL;
	long g;

	memset(r, 0, sizeof *r);
	if (where[0] == '\0')
		return 1;
	g = strtol(where, &end, 10);
	if (*end == '\0') {
		if (g < 1 || g > 12) {
			ui_status(ui, "%s", _("A grade is a number from 1 to 12."));
			return 0;
		}
		r->grade = (int)g;
		if (store_year_current(ui->st, ui->today, &r->start_year) == STORE_OK)
			return 1;
	} else if (store_class_find(ui->st, where, &c) == STORE_OK) {
		r->class_id = c.id;
		r->start_year = c.start_year;
		return 1;
	}
	ui_status(ui, "%s", store_error(ui->st));
	return 0;
}

/*
 * Sets a subject's hours and scheme for the school, a grade or a class; a
 * change that moves period marks lists them and asks first, as `subject
 * set` refuses it without --yes.
 */
static void
subject_rule_edit(struct ui *ui, const struct subject *s)
{
	static const char *const schemes[] = { "criteria", "classic", "passfail", "inherit" };
	char where[STORE_CLASS_MAX + 8] = "", hours[16], scheme[16], *end = NULL;
	struct rule_change *moved = NULL;
	struct subject_rule r;
	struct pick_lists pl;
	size_t n = 0;
	int applied = 0, ok, rc;
	long h;

	memset(&pl, 0, sizeof pl);
	pick_lists_load(ui, &pl);
	ok = ui_prompt_pick(ui, _("Grade or class (empty: school):"), where,
	    sizeof where, pl.classes, pl.nclasses);
	pick_lists_free(&pl);
	if (!ok || !rule_target(ui, where, &r))
		return;
	if (subject_rule_get(ui->st, s, &r) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return;
	}
	/* What the target has of its own now; "inherit" where it has nothing. */
	if (r.hours > 0)
		snprintf(hours, sizeof hours, "%d", r.hours);
	else
		snprintf(hours, sizeof hours, "%s", "inherit");
	snprintf(scheme, sizeof scheme, "%s", r.scheme[0] != '\0' ? r.scheme : "inherit");
	if (!ui_prompt(ui, _("Hours a week (or inherit):"),
	    hours, sizeof hours, 0) ||
	    !ui_prompt_pick(ui, _("Scheme (Tab: list):"), scheme, sizeof scheme,
	    (char **)schemes, sizeof schemes / sizeof schemes[0]))
		return;
	h = strcmp(hours, "inherit") == 0 ? 0 : strtol(hours, &end, 10);
	if (h != 0 && (hours[0] == '\0' || *end != '\0' || h < 1 || h > 20)) {
		ui_status(ui, "%s", _("Hours per week must be 1 to 20."));
		return;
	}
	r.hours = (int)h;
	snprintf(r.scheme, sizeof r.scheme, "%s", strcmp(scheme, "inherit") == 0 ? "" : scheme);
	rc = subject_rule_apply(ui->st, s->id, &r, 0, &moved, &n, &applied);
	if (rc == STORE_OK && !applied && moved_confirm(ui, moved, n)) {
		free(moved);
		moved = NULL;
		rc = subject_rule_apply(ui->st, s->id, &r, 1, &moved, &n, &applied);
	}
	if (rc != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else if (applied)
		ui_status(ui, _("%s: hours and scheme saved."), s->name);
	else
		ui_status(ui, "%s", _("Nothing was changed."));
	free(moved);
}

static int
subjects_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	char name[STORE_NAME_MAX + 1] = "", hours[8] = "2", scheme[16] = "criteria", *end;
	long h;
	int64_t id;

	if (action == ACTION_OPEN && n > 0) {
		subject_rule_edit(ui, &(*(struct subject **)l->ctx)[sel]);
		return LIST_RELOAD;
	}
	if (action != ACTION_ADD)
		return LIST_STAY;
	if (!ui_prompt(ui, _("New subject:"), name, sizeof name, 0) || name[0] == '\0' ||
	    !ui_prompt(ui, _("Hours a week (1: assessed by half-years):"), hours,
	    sizeof hours, 0) ||
	    !ui_prompt_pick(ui, _("Scheme (Tab: list):"), scheme, sizeof scheme,
	    (char **)scheme_names, sizeof scheme_names / sizeof scheme_names[0]))
		return LIST_STAY;
	h = strtol(hours, &end, 10);
	/* The store's rule and words: one message, one limit. */
	if (hours[0] == '\0' || *end != '\0' || h < 1 || h > 20) {
		ui_status(ui, "%s", _("Hours per week must be 1 to 20."));
		return LIST_STAY;
	}
	if (store_subject_add(ui->st, name, (int)h, scheme, &id) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, _("Subject %s added."), name);
	return LIST_RELOAD;
}

int
admin_subjects(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Hours and scheme") },
	    { ACTION_ADD, N_("Add") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Subject"), 0, UI_BOLD, 0, 0 },
		{ N_("Hours"), 6, UI_RIGHT, 0, 0 },
		{ N_("Scheme"), 10, 0, UI_COL_NARROW, 0 },
		UI_COLUMNS_END
	};
	struct subject *rows = NULL;
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &rows,
	    .load = subjects_load, .cell = subjects_cell, .act = subjects_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(rows);
	return rc;
}

/* ---- assignments ---- */

static int
assignments_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct journal **rows = l->ctx;

	free(*rows);
	*rows = NULL;
	snprintf(l->title, sizeof l->title, "%s", _("Assignments"));
	if (store_journal_list(ui->st, rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	return 0;
}

static const char *
assignments_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct journal *j = &(*(struct journal **)l->ctx)[row];

	(void)style;
	switch (col) {
	case 0:
		return j->class_name;
	case 1:
		return j->subject_name;
	case 2:
		if (j->subgroup == 0)
			return "";
		snprintf(buf, size, "%d", j->subgroup);
		return buf;
	}
	return j->teacher_login;
}

/* Ends the selected assignment; the journal keeps its lessons and marks. */
static int
assignment_remove(struct ui *ui, const struct journal *j)
{
	char ask[320];

	if (j->teacher_login[0] == '\0') {
		ui_status(ui, "%s", _("Nobody is assigned to this journal."));
		return LIST_STAY;
	}
	snprintf(ask, sizeof ask, _("Should %s no longer teach %s in %s?"), j->teacher_login,
	    j->subject_name, j->class_name);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_unassign(ui->st, j->teacher_login, j->class_id, j->subject_id, j->subgroup) !=
	    STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, _("%s no longer teaches %s in %s."), j->teacher_login,
		    j->subject_name, j->class_name);
	return LIST_RELOAD;
}

static int
assignments_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel,
    size_t n)
{
	const struct journal *j = n > 0 ? &(*(struct journal **)l->ctx)[sel] : NULL;
	char login[STORE_LOGIN_MAX + 1] = "";
	struct pick_lists pick;
	struct class c;
	struct subject s;
	int subgroup = 0;

	if (action == ACTION_REMOVE && j != NULL)
		return assignment_remove(ui, j);
	if (action != ACTION_ADD && action != ACTION_OPEN)
		return LIST_STAY;
	memset(&pick, 0, sizeof pick);
	memset(&c, 0, sizeof c);
	memset(&s, 0, sizeof s);
	if (j != NULL) {	/* the selected journal is the likely next one */
		snprintf(c.name, sizeof c.name, "%s", j->class_name);
		snprintf(s.name, sizeof s.name, "%s", j->subject_name);
	}
	pick_lists_load(ui, &pick);
	if (ask_journal(ui, &pick, login, sizeof login, &c, &s, &subgroup)) {
		if (store_assign(ui->st, login, c.id, s.id, subgroup) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("%s now teaches %s in %s."), login, s.name, c.name);
	}
	pick_lists_free(&pick);
	return LIST_RELOAD;
}

int
admin_assignments(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_ADD, N_("Assign a teacher") },
	    { ACTION_REMOVE, N_("Unassign") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Class"), 8, UI_BOLD, 0, 0 },
		{ N_("Subject"), 0, 0, 0, 0 },
		{ N_("Group"), 6, 0, UI_COL_NARROW, 0 },
		{ N_("Teacher"), 16, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct journal *rows = NULL;
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &rows,
	    .load = assignments_load, .cell = assignments_cell, .act = assignments_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(rows);
	return rc;
}

/* ---- substitute teachers ---- */

static int
substitutes_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct substitution **rows = l->ctx;

	free(*rows);
	*rows = NULL;
	snprintf(l->title, sizeof l->title, "%s", _("Substitute teachers"));
	if (store_substitution_list(ui->st, rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	return 0;
}

static const char *
substitutes_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct substitution *s = &(*(struct substitution **)l->ctx)[row];

	(void)style;
	switch (col) {
	case 0:
		return s->login;
	case 1:
		return s->class_name;
	case 2:
		if (s->subgroup == 0)
			return s->subject_name;
		snprintf(buf, size, "%s (%d)", s->subject_name, s->subgroup);
		return buf;
	}
	snprintf(buf, size, "%s..%s", s->starts, s->ends);
	return buf;
}

static int
substitutes_add(struct ui *ui)
{
	char login[STORE_LOGIN_MAX + 1] = "", from[11], to[11];
	struct pick_lists pick;
	struct class c;
	struct subject s;
	int subgroup = 0;

	memset(&pick, 0, sizeof pick);
	memset(&c, 0, sizeof c);
	memset(&s, 0, sizeof s);
	snprintf(from, sizeof from, "%s", ui->today);
	snprintf(to, sizeof to, "%s", ui->today);
	pick_lists_load(ui, &pick);
	if (ask_journal(ui, &pick, login, sizeof login, &c, &s, &subgroup) &&
	    ui_prompt_date(ui, _("First day:"), from) &&
	    ui_prompt_date(ui, _("Last day:"), to)) {
		if (store_substitute_add(ui->st, login, c.id, s.id, subgroup, from, to) !=
		    STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("%s substitutes in %s, %s, from %s to %s."), login,
			    c.name, s.name, from, to);
	}
	pick_lists_free(&pick);
	return LIST_RELOAD;
}

static int
substitutes_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel,
    size_t n)
{
	const struct substitution *s;
	char ask[256];

	if (action == ACTION_ADD)
		return substitutes_add(ui);
	if (n == 0 || action != ACTION_REMOVE)
		return LIST_STAY;
	s = &(*(struct substitution **)l->ctx)[sel];
	snprintf(ask, sizeof ask, _("End the substitution of %s in %s, %s?"), s->login,
	    s->class_name, s->subject_name);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_substitution_remove(ui->st, s->id) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, "%s", _("The substitution is removed."));
	return LIST_RELOAD;
}

int
admin_substitutes(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_ADD, N_("Add") },
	    { ACTION_REMOVE, N_("Remove") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Teacher"), 16, UI_BOLD, 0, 0 },
		{ N_("Class"), 8, 0, 0, 0 },
		{ N_("Subject"), 0, 0, 0, 0 },
		{ N_("Days"), 22, 0, UI_COL_NARROW, 0 },
		UI_COLUMNS_END
	};
	struct substitution *rows = NULL;
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &rows,
	    .empty = N_("No substitutions."),
	    .load = substitutes_load, .cell = substitutes_cell, .act = substitutes_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(rows);
	return rc;
}
