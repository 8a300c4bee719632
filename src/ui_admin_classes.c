/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_admin_classes: the admin's screens for classes and their rosters: add,
 * rename, promote into the next school year, the class teacher; a pupil
 * moved to another class or into a subgroup. A roster comes from a CSV or
 * XLSX file on the server or is pasted into the terminal, and is always checked
 * first (roster_import with dry_run): every problem is listed with its line
 * and nothing is written until the list is clean and the admin says yes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "roster.h"
#include "store.h"
#include "ui_admin.h"

#define ADMIN_PATH_MAX	1024

/* ---- roster import: a preview first, then the import ---- */

/* Reads a file of up to ROSTER_MAX_BYTES + 1 bytes (roster_import refuses more). */
static char *
admin_read_file(struct ui *ui, const char *path, size_t *len)
{
	FILE *f = NULL;
	char *buf = NULL;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		ui_status(ui, _("Cannot open %s."), path);
		goto out;
	}
	if ((buf = malloc(ROSTER_MAX_BYTES + 2)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	*len = fread(buf, 1, ROSTER_MAX_BYTES + 1, f);
	if (ferror(f)) {
		ui_status(ui, _("Cannot read %s."), path);
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[*len] = '\0';
out:
	if (f != NULL)
		fclose(f);
	return buf;
}

/* The problems of a dry run, one a line: a text to scroll; returns UI_QUIT or 0. */
struct problems {
	const struct roster_report *rep;
};

static int
problems_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	(void)ui;
	*n = ((struct problems *)l->ctx)->rep->nproblems;
	return 0;
}

static const char *
problems_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct table_problem *p = &((struct problems *)l->ctx)->rep->problems[row];

	(void)col, (void)style;
	if (p->line > 0)
		snprintf(buf, size, _("line %zu: %s"), p->line, p->msg);
	else
		snprintf(buf, size, _("the file: %s"), p->msg);
	return buf;
}

static int
problems_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	(void)ui, (void)l, (void)sel, (void)n;
	return action == ACTION_OPEN ? LIST_BACK : LIST_STAY;
}

static int
import_problems(struct ui *ui, const struct class *c, const struct roster_report *rep)
{
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = { { NULL, 0, 0, 0, 0 }, UI_COLUMNS_END };
	struct problems p = { rep };
	char status[256];
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &p, .status = status,
	    .no_selection = 1, .load = problems_load, .cell = problems_cell,
	    .act = problems_act };

	snprintf(l.title, sizeof l.title, _("Import into %s: preview"), c->name);
	snprintf(status, sizeof status, _("%zu problems: nothing was written. Fix the file "
	    "and import again."), rep->nproblems);
	return ui_list_run(ui, &l);
}

/* One key of a paste into buf: 0 to go on, 1 at C-d, -1 to cancel. */
static int
paste_key(struct ui *ui, const struct ui_key *k, char *buf, size_t *len, size_t *lines)
{
	const char *text = k->text;
	size_t n;

	if (strcmp(k->name, "Escape") == 0 || strcmp(k->name, "C-c") == 0)
		return -1;
	if (strcmp(k->name, "C-d") == 0)
		return 1;
	if (strcmp(k->name, "Backspace") == 0) {
		if (*len > 0 && buf[*len - 1] == '\n')
			(*lines)--;
		while (*len > 0 && ((unsigned char)buf[*len - 1] & 0xc0) == 0x80)
			(*len)--;
		if (*len > 0)
			(*len)--;
		return 0;
	}
	if (strcmp(k->name, "Enter") == 0) {
		text = "\n";
		(*lines)++;
	} else if (strcmp(k->name, "Tab") == 0)
		text = "\t";	/* cells copied from Excel */
	n = strlen(text);
	if (*len + n > ROSTER_MAX_BYTES) {
		ui_status(ui, "%s", _("The paste is too long; import a file instead."));
		return 0;
	}
	memcpy(buf + *len, text, n);
	*len += n;
	buf[*len] = '\0';
	return 0;
}

/* Shows the last lines of the paste, so one sees it arrive. */
static void
paste_draw(struct ui *ui, const char *title, const char *buf, size_t len, size_t lines)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("C-d: done") },
	    { ACTION_NONE, N_("Esc: cancel") }, { ACTION_NONE, NULL } };
	char status[128];
	const char *p = buf + len, *eol;
	int height = ui_list_height() + 1, y, n;

	snprintf(status, sizeof status, _("%zu lines, %zu bytes"), lines, len);
	ui_erase();
	ui_frame(ui, title, status, "admin", hints);
	for (n = 0; p > buf && n < height; n++)
		for (p--; p > buf && p[-1] != '\n'; p--)
			;
	for (y = 0; *p != '\0' && y < height; y++) {
		char line[512];

		eol = strchr(p, '\n');
		snprintf(line, sizeof line, "%.*s", (int)(eol != NULL ? eol - p : (long)strlen(p)),
		    p);
		ui_put(2 + y, 1, ui_cols() - 2, line, 0);
		p = eol != NULL ? eol + 1 : p + strlen(p);
	}
	ui_cursor(0, 0, 0);
	ui_flush();
}

/*
 * The class list pasted into the terminal (cells copied from Excel come
 * tab-separated), until C-d. `first` is a line that already came (a paste
 * that began at the file prompt), or "". Returns the text, or NULL when
 * cancelled.
 */
static char *
admin_paste(struct ui *ui, const struct class *c, const char *first, size_t *len)
{
	struct ui_key k;
	char title[128], *buf;
	size_t lines = 0;
	int r, done = 0;

	if ((buf = malloc(ROSTER_MAX_BYTES + 8)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		return NULL;
	}
	*len = 0;
	buf[0] = '\0';
	if (first[0] != '\0') {
		*len = (size_t)snprintf(buf, ROSTER_MAX_BYTES, "%s\n", first);
		lines = 1;
	}
	snprintf(title, sizeof title, _("Paste the class list of %s"), c->name);
	while (!done) {
		paste_draw(ui, title, buf, *len, lines);
		do {
			r = ui_key_read(ui, &k, 1);
		} while (r == UI_IDLE);
		ui->message[0] = '\0';
		/* A paste comes as hundreds of keys: take all that are here, then draw. */
		while (r == UI_KEY && done == 0) {
			done = paste_key(ui, &k, buf, len, &lines);
			if (done == 0)
				r = ui_key_read(ui, &k, 0);
		}
		if (r == UI_QUIT || done < 0) {
			free(buf);
			return NULL;
		}
	}
	return buf;
}

/*
 * Over SSH the path field would read any file the server may read (its host
 * key, the database itself): a remote admin pastes the file instead, as an
 * exec command takes it on standard input. The embedded server says where a
 * session comes from in DAPTER_ORIGIN, OpenSSH (and mosh through it) in
 * SSH_CONNECTION and SSH_CLIENT.
 */
static int
admin_remote(void)
{
	static const char *const vars[] = { "DAPTER_ORIGIN", "SSH_CONNECTION", "SSH_CLIENT" };
	const char *v = NULL;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return 1;
	return 0;
}

static int
admin_import(struct ui *ui, const struct class *c)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("y: import") },
	    { ACTION_NONE, N_("n: cancel") }, { ACTION_NONE, NULL } };
	struct roster_report rep;
	/* Never pre-filled: Enter on an old path imported that file again. */
	char path[ADMIN_PATH_MAX] = "";
	char *buf = NULL, title[128], status[320], ask[128];
	size_t len = 0;
	int rc = 0, r;

	memset(&rep, 0, sizeof rep);
	if (!ui_prompt(ui, _("CSV or XLSX file on the server (empty: paste it here):"), path,
	    sizeof path, 0))
		goto out;
	/*
	 * More bytes waiting right after Enter: the "path" was the first line
	 * of a class list pasted at the prompt. The rest follows it there.
	 */
	if (path[0] != '\0' && ui_input_pending() > 0) {
		if ((buf = admin_paste(ui, c, path, &len)) == NULL)
			goto out;
		path[0] = '\0';
	} else if (path[0] != '\0' && admin_remote()) {
		path[0] = '\0';
		ui_status(ui, "%s", _("Over SSH, files on the server cannot be opened from here: "
		    "leave the file name empty and paste the file."));
		goto out;
	} else if ((buf = path[0] != '\0' ? admin_read_file(ui, path, &len) :
	    admin_paste(ui, c, "", &len)) == NULL)
		goto out;
	r = roster_import(ui->st, c->id, buf, len, 1, &rep);
	if (rep.nproblems > 0) {
		rc = import_problems(ui, c, &rep);
		goto out;
	}
	if (r != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	snprintf(title, sizeof title, _("Import into %s: preview"), c->name);
	snprintf(status, sizeof status, _("%zu pupils would be added (%zu already in the "
	    "class)."), rep.added, rep.existing);
	ui_erase();
	ui_frame(ui, title, status, "admin", hints);
	ui_put(2, 1, ui_cols() - 2, path[0] != '\0' ? path : _("(pasted)"), 0);
	ui_put(4, 1, ui_cols() - 2, status, UI_BOLD);
	snprintf(ask, sizeof ask, _("Import into %s?"), c->name);
	if (!ui_confirm(ui, ask)) {
		ui_status(ui, "%s", _("Nothing was imported."));
		goto out;
	}
	roster_report_free(&rep);
	memset(&rep, 0, sizeof rep);
	if (roster_import(ui->st, c->id, buf, len, 0, &rep) != STORE_OK) {
		if (rep.nproblems > 0)
			rc = import_problems(ui, c, &rep);
		else
			ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	ui_status(ui, _("%zu pupils added to %s."), rep.added, c->name);
out:
	roster_report_free(&rep);
	free(buf);
	return rc;
}

/* ---- a class's roster ---- */

struct roster_screen {
	const struct class *c;
	struct pupil *rows;
	struct pick_lists pick;
};

static int
roster_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct roster_screen *s = l->ctx;

	free(s->rows);
	s->rows = NULL;
	if (store_pupil_list(ui->st, s->c->id, 0, 0, &s->rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	snprintf(l->title, sizeof l->title, _("Class %s: %zu pupils"), s->c->name, *n);
	return 0;
}

static const char *
roster_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct pupil *p = &((struct roster_screen *)l->ctx)->rows[row];

	if (p->left[0] != '\0')
		*style |= UI_DIM;
	switch (col) {
	case 0:
		snprintf(buf, size, "%zu", row + 1);
		return buf;
	case 1:
		pupil_full_name(p, buf, size);
		return buf;
	case 2:
		return p->birth;
	}
	if (p->left[0] == '\0')
		return "";
	snprintf(buf, size, _("left %s"), p->left);
	return buf;
}

/* Moves the pupil to another class from a date on; the old journal keeps the history. */
static int
roster_move(struct ui *ui, struct roster_screen *s, const struct pupil *p)
{
	char cname[64] = "", date[11], name[STORE_NAME_MAX * 3 + 8], ask[320];
	struct class to;

	pick_lists_load(ui, &s->pick);
	pupil_full_name(p, name, sizeof name);
	snprintf(date, sizeof date, "%s", ui->today);
	if (!ui_prompt_pick(ui, _("Move to class (Tab: list):"), cname, sizeof cname,
	    s->pick.classes, s->pick.nclasses) || cname[0] == '\0' ||
	    !ui_prompt_date(ui, _("From the date:"), date))
		return LIST_STAY;
	if (store_class_find(ui->st, cname, &to) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return LIST_STAY;
	}
	snprintf(ask, sizeof ask, _("Move %s from %s to %s from %s?"), name, s->c->name,
	    to.name, date);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_pupil_move(ui->st, p->id, to.id, date) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, _("%s moved to %s."), name, to.name);
	return LIST_RELOAD;
}

/* Puts the pupil into a subgroup of a subject (0: out of the subgroups). */
static int
roster_subgroup(struct ui *ui, struct roster_screen *s, const struct pupil *p)
{
	char sname[STORE_NAME_MAX + 1] = "", group[8] = "1", *end = NULL;
	struct subject subj;
	long sub;

	pick_lists_load(ui, &s->pick);
	if (!ui_prompt_pick(ui, _("Subject (Tab: list):"), sname, sizeof sname,
	    s->pick.subjects, s->pick.nsubjects) || sname[0] == '\0' ||
	    !ui_prompt(ui, _("Subgroup (0: the whole class):"), group, sizeof group, 0))
		return LIST_STAY;
	sub = strtol(group, &end, 10);
	if (group[0] == '\0' || *end != '\0' || sub < 0 || sub > 9) {
		ui_status(ui, "%s", _("A subgroup is 0 (the whole class), 1, 2..."));
		return LIST_STAY;
	}
	if (store_subject_find(ui->st, sname, &subj) != STORE_OK ||
	    store_pupil_set_subgroup(ui->st, p->id, subj.id, (int)sub) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, _("%s: subgroup %ld in %s."), p->surname, sub, subj.name);
	return LIST_STAY;
}

/* Corrects the pupil's name: surname, given name, patronymic, each pre-filled. */
static int
roster_rename(struct ui *ui, const struct pupil *p)
{
	struct pupil q = *p;

	if (!ui_prompt(ui, _("Surname:"), q.surname, sizeof q.surname, 0) ||
	    !ui_prompt(ui, _("Given name:"), q.given, sizeof q.given, 0) ||
	    !ui_prompt(ui, _("Patronymic:"), q.patronymic, sizeof q.patronymic, 0))
		return LIST_STAY;
	if (store_pupil_rename(ui->st, p->id, &q) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return LIST_STAY;
	}
	ui_status(ui, "%s", _("The name is changed; the audit log keeps the old one."));
	return LIST_RELOAD;
}

/* Records that the pupil left the school on a date; the history stays. */
static int
roster_leave(struct ui *ui, const struct pupil *p)
{
	char date[11], name[STORE_NAME_MAX * 3 + 8], ask[320];

	if (p->left[0] != '\0') {
		ui_status(ui, _("%s left on %s."), p->surname, p->left);
		return LIST_STAY;
	}
	pupil_full_name(p, name, sizeof name);
	snprintf(date, sizeof date, "%s", ui->today);
	if (!ui_prompt_date(ui, _("Left the school on:"), date))
		return LIST_STAY;
	snprintf(ask, sizeof ask, _("%s left the school on %s: in no lesson from that day on?"),
	    name, date);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_pupil_leave(ui->st, p->id, date) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return LIST_STAY;
	}
	ui_status(ui, _("%s left on %s."), p->surname, date);
	return LIST_RELOAD;
}

static int
roster_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct roster_screen *s = l->ctx;

	if (action == ACTION_IMPORT)
		return admin_import(ui, s->c) == UI_QUIT ? UI_QUIT : LIST_RELOAD;
	if (n == 0)
		return LIST_STAY;
	if (action == ACTION_MOVE)
		return roster_move(ui, s, &s->rows[sel]);
	if (action == ACTION_SUBGROUP)
		return roster_subgroup(ui, s, &s->rows[sel]);
	if (action == ACTION_RENAME)
		return roster_rename(ui, &s->rows[sel]);
	if (action == ACTION_LEAVE)
		return roster_leave(ui, &s->rows[sel]);
	return LIST_STAY;
}

static int
admin_roster(struct ui *ui, const struct class *c)
{
	static const struct ui_hint hints[] = { { ACTION_IMPORT, N_("Import CSV") },
	    { ACTION_MOVE, N_("Move") }, { ACTION_SUBGROUP, N_("Subgroup") },
	    { ACTION_RENAME, N_("Rename") }, { ACTION_LEAVE, N_("Left") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ NULL, 4, UI_RIGHT, 0, 0 },
		{ NULL, 0, 0, 0, 0 },
		{ NULL, 10, 0, UI_COL_NARROW, 0 },
		{ NULL, 18, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct roster_screen s = { .c = c };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &s,
	    .empty = N_("No pupils yet: import a class list."),
	    .load = roster_load, .cell = roster_cell, .act = roster_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(s.rows);
	pick_lists_free(&s.pick);
	return rc;
}

/* ---- classes ---- */

struct classes_screen {
	struct class *rows;
	struct pick_lists pick;	/* the users, for the class teachers' logins */
};

static int
classes_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct classes_screen *s = l->ctx;

	free(s->rows);
	s->rows = NULL;
	snprintf(l->title, sizeof l->title, "%s", _("Classes"));
	pick_lists_load(ui, &s->pick);
	if (store_class_list(ui->st, &s->rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	return 0;
}

static const char *
classes_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct classes_screen *s = l->ctx;
	const struct class *c = &s->rows[row];

	(void)style;
	switch (col) {
	case 0:
		return c->name;
	case 1:
		snprintf(buf, size, "%d-%d", c->start_year, c->start_year + 1);
		return buf;
	}
	return pick_lists_login(&s->pick, c->teacher_id);
}

static int
classes_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct classes_screen *s = l->ctx;
	struct class *c = n > 0 ? &s->rows[sel] : NULL;
	char name[64] = "", ask[256];
	int64_t id;

	if (action == ACTION_ADD) {
		if (!ui_prompt(ui, _("New class (e.g. 9 А):"), name, sizeof name, 0) ||
		    name[0] == '\0')
			return LIST_STAY;
		if (store_class_add(ui->st, name, &id) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("Class %s added."), name);
		return LIST_RELOAD;
	}
	if (c == NULL)
		return LIST_STAY;
	if (action == ACTION_OPEN)
		return admin_roster(ui, c) == UI_QUIT ? UI_QUIT : LIST_RELOAD;
	if (action == ACTION_IMPORT)
		return admin_import(ui, c) == UI_QUIT ? UI_QUIT : LIST_STAY;
	if (action == ACTION_TIMETABLE)
		return admin_timetable(ui, c) == UI_QUIT ? UI_QUIT : LIST_STAY;
	if (action == ACTION_RENAME) {
		snprintf(name, sizeof name, "%s", c->name);
		if (!ui_prompt(ui, _("New name of the class:"), name, sizeof name, 0) ||
		    name[0] == '\0')
			return LIST_STAY;
		if (store_class_rename(ui->st, c->id, name) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("Class %s is now %s."), c->name, name);
		return LIST_RELOAD;
	}
	if (action == ACTION_PROMOTE) {
		snprintf(ask, sizeof ask, _("Move %s and its pupils up into the school year "
		    "%d-%d?"), c->name, c->start_year + 1, c->start_year + 2);
		if (!ui_confirm(ui, ask))
			return LIST_STAY;
		if (store_class_promote(ui->st, c->id, &id) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("%s is promoted to the school year %d-%d."), c->name,
			    c->start_year + 1, c->start_year + 2);
		return LIST_RELOAD;
	}
	if (action == ACTION_TEACHER) {
		snprintf(name, sizeof name, "%s", pick_lists_login(&s->pick, c->teacher_id));
		if (!ui_prompt_pick(ui, _("Class teacher's login (Tab: list):"), name,
		    sizeof name, s->pick.logins, s->pick.nlogins) || name[0] == '\0')
			return LIST_STAY;
		if (store_class_set_teacher(ui->st, c->id, name) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("%s is the class teacher of %s."), name, c->name);
		return LIST_RELOAD;
	}
	return LIST_STAY;
}

int
admin_classes(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Roster") },
	    { ACTION_ADD, N_("Add") }, { ACTION_IMPORT, N_("Import CSV") },
	    { ACTION_TIMETABLE, N_("Timetable") }, { ACTION_RENAME, N_("Rename") },
	    { ACTION_TEACHER, N_("Class teacher") }, { ACTION_PROMOTE, N_("Promote") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Class"), 10, UI_BOLD, 0, 0 },
		{ N_("Year"), 9, 0, UI_COL_NARROW, 0 },
		{ N_("Class teacher"), 0, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct classes_screen s;
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &s,
	    .load = classes_load, .cell = classes_cell, .act = classes_act };
	int rc;

	memset(&s, 0, sizeof s);
	rc = ui_list_run(ui, &l);
	free(s.rows);
	pick_lists_free(&s.pick);
	return rc;
}
