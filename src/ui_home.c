/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_home: the first screen after login, the journals this user may open
 * (store_journal_list: own assignments, own class, or all for head/admin),
 * as a list of the list widget whose rows it draws itself; and the class
 * view.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grades.h"
#include "i18n.h"
#include "store.h"
#include "text.h"
#include "ui_screens.h"

#define CLASS_COL_W	6	/* one subject's term mark: " н/а", "зачёт" fits cut */

#define HOME_TEACHERS_MAX	96	/* "aigerim, dana": every teacher of a journal */

struct home {
	struct journal *rows;
	int *writable;
	int *slot;		/* today's first lesson: shift * 100 + number; 0 none */
	int today;		/* 1 when some journal has a lesson today */
	char (*teachers)[HOME_TEACHERS_MAX];
	size_t n;
	int class_teacher;	/* the user is the class teacher of a class: her reports */
};

static void
home_free(struct home *h)
{
	free(h->rows);
	free(h->writable);
	free(h->teachers);
	free(h->slot);
	h->rows = NULL;
	h->writable = NULL;
	h->slot = NULL;
	h->teachers = NULL;
	h->n = 0;
}

/*
 * The store lists assignments: a journal two teachers share comes twice.
 * The home screen lists pages, so it keeps the first row of each journal
 * (the user's own come first) and names all its teachers there.
 */
static void
home_merge(struct home *h)
{
	size_t i, k, out = 0;
	char *t;

	for (i = 0; i < h->n; i++) {
		for (k = 0; k < out; k++)
			if (h->rows[k].class_id == h->rows[i].class_id &&
			    h->rows[k].subject_id == h->rows[i].subject_id &&
			    h->rows[k].subgroup == h->rows[i].subgroup)
				break;
		if (k < out) {
			t = h->teachers[k];
			snprintf(t + strlen(t), HOME_TEACHERS_MAX - strlen(t), ", %s",
			    h->rows[i].teacher_login);
			continue;
		}
		h->rows[out] = h->rows[i];
		snprintf(h->teachers[out], HOME_TEACHERS_MAX, "%s", h->rows[i].teacher_login);
		out++;
	}
	h->n = out;
}

/* A journal's place in the list: today's lessons by their time, then the rest. */
static int
home_key(const struct home *h, size_t i)
{
	return h->slot[i] != 0 ? h->slot[i] : 1000;
}

/*
 * Today's lessons first, in the order the day has them (the first shift's
 * lesson 1 first), then the rest as the store lists them. A journal with
 * two lessons today stands at its first.
 */
static int
home_order(struct ui *ui, struct home *h)
{
	struct timetable_entry *today = NULL;
	struct journal *rows = NULL;
	char (*teachers)[HOME_TEACHERS_MAX] = NULL;
	int *writable = NULL, *slot = NULL, rc = -1;
	size_t n = 0, i, k, *order = NULL;

	if (store_timetable_mine(ui->st, ui->today, &today, &n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	h->today = 0;
	for (i = 0; i < h->n; i++) {
		for (k = 0; k < n && h->slot[i] == 0; k++)
			if (today[k].class_id == h->rows[i].class_id &&
			    today[k].subject_id == h->rows[i].subject_id &&
			    today[k].subgroup == h->rows[i].subgroup)
				h->slot[i] = today[k].shift * 100 + today[k].num;
		h->today |= h->slot[i] != 0;
	}
	if (!h->today) {
		rc = 0;
		goto out;
	}
	if ((order = calloc(h->n, sizeof *order)) == NULL ||
	    (rows = calloc(h->n, sizeof *rows)) == NULL ||
	    (teachers = calloc(h->n, sizeof *teachers)) == NULL ||
	    (writable = calloc(h->n, sizeof *writable)) == NULL ||
	    (slot = calloc(h->n, sizeof *slot)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	/* A stable insertion sort: a teacher has a handful of journals. */
	for (i = 0; i < h->n; i++) {
		for (k = i; k > 0 && home_key(h, order[k - 1]) > home_key(h, i); k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (i = 0; i < h->n; i++) {
		rows[i] = h->rows[order[i]];
		memcpy(teachers[i], h->teachers[order[i]], sizeof teachers[i]);
		writable[i] = h->writable[order[i]];
		slot[i] = h->slot[order[i]];
	}
	free(h->rows);
	free(h->teachers);
	free(h->writable);
	free(h->slot);
	h->rows = rows;
	h->teachers = teachers;
	h->writable = writable;
	h->slot = slot;
	rows = NULL;
	teachers = NULL;
	writable = slot = NULL;
	rc = 0;
out:
	free(today);
	free(order);
	free(rows);
	free(teachers);
	free(writable);
	free(slot);
	return rc;
}

static int
home_load(struct ui *ui, struct home *h)
{
	struct class *cls = NULL;
	size_t i, ncls = 0;

	home_free(h);
	if (store_journal_list(ui->st, &h->rows, &h->n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	if (h->n > 0 && ((h->writable = calloc(h->n, sizeof *h->writable)) == NULL ||
	    (h->teachers = calloc(h->n, sizeof *h->teachers)) == NULL ||
	    (h->slot = calloc(h->n, sizeof *h->slot)) == NULL)) {
		ui_status(ui, "%s", _("Out of memory."));
		home_free(h);
		return -1;
	}
	home_merge(h);
	h->class_teacher = 0;
	if (ui->user.role == ROLE_TEACHER && store_class_list(ui->st, &cls, &ncls) == STORE_OK)
		for (i = 0; i < ncls; i++)
			h->class_teacher |= cls[i].teacher_id == ui->user.id;
	free(cls);
	for (i = 0; i < h->n; i++)
		h->writable[i] = store_journal_writable(ui->st, h->rows[i].class_id,
		    h->rows[i].subject_id, h->rows[i].subgroup) == 1;
	return home_order(ui, h);
}

struct class_col {
	const struct journal *j;
	struct grade_row *rows;
	size_t n;
};

/*
 * A subject's name over its 5-column mark: on two lines, so that «Қазақ
 * тілі» and «Қазақ әдебиеті» do not both read «Қазақ». The first word goes
 * above, the rest below; one long word runs on from the first line.
 */
static void
class_view_head(int x, const char *name)
{
	const char *rest = strchr(name, ' ');
	char first[128], *fit = NULL;
	size_t w = 0;

	if (text_width(name) <= CLASS_COL_W - 1) {
		ui_put(2, x, CLASS_COL_W - 1, name, UI_BOLD);
		return;
	}
	if (rest != NULL) {
		snprintf(first, sizeof first, "%.*s", (int)(rest - name), name);
		rest++;
	} else if ((fit = text_fit(name, CLASS_COL_W - 1, &w)) != NULL) {
		snprintf(first, sizeof first, "%s", fit);
		rest = name + strlen(fit);
		free(fit);
	} else
		return;
	ui_put(1, x, CLASS_COL_W - 1, first, UI_BOLD);
	ui_put(2, x, CLASS_COL_W - 1, rest, UI_BOLD);
}

/*
 * The class view: every journal of the class the user may read, one column
 * each, with the pupils' marks for the current term (a class teacher's and
 * the head's overview).
 */
static int
home_class_view(struct ui *ui, struct home *h, size_t row)
{
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_RIGHT, N_("more") }, { ACTION_BACK, N_("back") }, { ACTION_NONE, NULL } };
	const struct journal *sel = &h->rows[row];
	struct class_col *cols = NULL;
	struct pupil *pupils = NULL;
	struct class c;
	struct subject s;
	struct period p;
	struct ui_key k;
	const char *mark;
	enum action action;
	char title[256], name[512], buf[32], ini[16];
	size_t ncols = 0, np = 0, i, pi, r;
	int rc = 0, top = 0, left = 0, body, nw, fit, y, x, key;

	if (store_class_get(ui->st, sel->class_id, &c) != STORE_OK ||
	    store_pupil_list(ui->st, c.id, 0, 0, &pupils, &np) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	if ((cols = calloc(h->n, sizeof *cols)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	for (i = 0; i < h->n; i++) {
		if (h->rows[i].class_id != c.id)
			continue;
		if (store_subject_in_class(ui->st, c.id, h->rows[i].subject_id, &s) != STORE_OK ||
		    store_period_for_date(ui->st, ui->today, s.hours == 1 ? 'h' : 'q', &p) !=
		    STORE_OK)
			continue;
		cols[ncols].j = &h->rows[i];
		if (grades_compute(ui->st, &c, &s, h->rows[i].subgroup, &p, &cols[ncols].rows,
		    &cols[ncols].n) != STORE_OK) {
			ui_status(ui, "%s", store_error(ui->st));
			continue;
		}
		ncols++;
	}
	for (;;) {
		body = ui_rows() - 5 > 1 ? ui_rows() - 5 : 1;
		nw = ui_cols() >= 80 ? 24 : 14;
		fit = (ui_cols() - nw) / CLASS_COL_W > 1 ? (ui_cols() - nw) / CLASS_COL_W : 1;
		if (top + body > (int)np)
			top = (int)np > body ? (int)np - body : 0;
		if (left + fit > (int)ncols)
			left = (int)ncols > fit ? (int)ncols - fit : 0;
		ui_erase();
		snprintf(title, sizeof title, "%s · %s", c.name, _("class view"));
		/* Its keys are the grid's (read below), so are its hints. */
		ui_frame(ui, title, _("Term marks of every subject you may read."), "grid",
		    hints);
		ui_put(2, 1, nw - 1, _("Pupil"), UI_BOLD);
		for (x = 0, i = (size_t)left; x < fit && i < ncols; x++, i++)
			class_view_head(nw + x * CLASS_COL_W, cols[i].j->subject_name);
		for (y = 0, pi = (size_t)top; y < body && pi < np; y++, pi++) {
			snprintf(name, sizeof name, "%s %s", pupils[pi].surname, pupils[pi].given);
			if ((int)text_width(name) > nw - 2 &&
			    text_initial(pupils[pi].given, ini, sizeof ini) > 0)
				snprintf(name, sizeof name, "%s %s.", pupils[pi].surname, ini);
			ui_put(3 + y, 1, nw - 2, name, 0);
			for (x = 0, i = (size_t)left; x < fit && i < ncols; x++, i++) {
				mark = "";
				for (r = 0; r < cols[i].n; r++)
					if (cols[i].rows[r].pupil.id == pupils[pi].id)
						mark = grades_mark_cell(&cols[i].rows[r], buf,
						    sizeof buf);
				ui_put(3 + y, nw + x * CLASS_COL_W, CLASS_COL_W - 1, mark,
				    UI_RIGHT);
			}
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		do {
			key = ui_key_read(ui, &k, 1);
		} while (key == UI_IDLE);
		ui->message[0] = '\0';
		if (key == UI_QUIT) {
			rc = UI_QUIT;
			goto out;
		}
		/* The grid's moves, so the same keys scroll here as on a journal page. */
		if ((action = ui_action(ui, "grid", &k)) == ACTION_NONE)
			continue;
		if (action == ACTION_DOWN && top + body < (int)np)
			top++;
		else if (action == ACTION_UP && top > 0)
			top--;
		else if (action == ACTION_RIGHT && left + fit < (int)ncols)
			left++;
		else if (action == ACTION_LEFT && left > 0)
			left--;
		else if (action == ACTION_PAGE_DOWN)
			top += body;
		else if (action == ACTION_PAGE_UP)
			top = top > body ? top - body : 0;
		else if (action == ACTION_BACK || action == ACTION_CLASS)
			goto out;
		else if (ui_global_action(ui, "grid", action) < 0) {
			rc = UI_QUIT;
			goto out;
		}
	}
out:
	for (i = 0; cols != NULL && i < ncols; i++)
		free(cols[i].rows);
	free(cols);
	free(pupils);
	return rc;
}

/* The hints of the home screen, by what the user may open. */
static const struct ui_hint *
home_hints(const struct ui *ui, const struct home *h)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Open") },
	    { ACTION_HELP, N_("Help") }, { ACTION_QUIT, N_("Quit") }, { ACTION_CLASS, N_("Class") },
	    { ACTION_LANGUAGE, N_("Language") }, { ACTION_NONE, NULL } };
	/*
	 * The administration key only for those it opens for. A teacher finds
	 * "password" in the help: her screen stays as it was, byte for byte.
	 */
	static const struct ui_hint admin_hints[] = { { ACTION_OPEN, N_("Open") },
	    { ACTION_HELP, N_("Help") }, { ACTION_QUIT, N_("Quit") }, { ACTION_CLASS, N_("Class") },
	    { ACTION_ADMIN, N_("Administration") }, { ACTION_REPORTS, N_("Reports") },
	    { ACTION_LANGUAGE, N_("Language") }, { ACTION_PASSWORD, N_("Password") },
	    { ACTION_NONE, NULL } };
	/* A class teacher has her class's reports besides. */
	static const struct ui_hint class_hints[] = { { ACTION_OPEN, N_("Open") },
	    { ACTION_HELP, N_("Help") }, { ACTION_QUIT, N_("Quit") }, { ACTION_CLASS, N_("Class") },
	    { ACTION_REPORTS, N_("Reports") }, { ACTION_LANGUAGE, N_("Language") },
	    { ACTION_NONE, NULL } };

	return ui->user.role != ROLE_TEACHER ? admin_hints : h->class_teacher ? class_hints :
	    hints;
}

/* The list's rows are the journals; the title and hints follow the user and language. */
static int
home_list_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct home *h = l->ctx;
	int rc;

	snprintf(l->title, sizeof l->title, "%s: %s", _("My journals"), ui->user.name);
	rc = home_load(ui, h);
	l->hints = home_hints(ui, h);
	*n = h->n;
	return rc;
}

/*
 * One journal: today's lesson number in a gutter (only on a day that has
 * lessons), the class, the subject, and over the subject's end the
 * teachers of a page the user may only read.
 */
static void
home_draw_row(struct ui *ui, const struct ui_list *l, size_t row, int y, int style)
{
	const struct home *h = l->ctx;
	const struct journal *j = &h->rows[row];
	char line[512], sub[64], num[16];
	int cw = ui_cols() >= 60 ? 8 : 6, gw = h->today ? 4 : 0;

	sub[0] = '\0';
	if (j->subgroup > 0)
		snprintf(sub, sizeof sub, _(" (group %d)"), j->subgroup);
	snprintf(line, sizeof line, "%s%s", j->subject_name, sub);
	if (h->slot[row] != 0) {
		/* The second shift's lessons as 2.N: 1 alone would read as the first's. */
		if (h->slot[row] / 100 == 2)
			snprintf(num, sizeof num, "2.%d", h->slot[row] % 100);
		else
			snprintf(num, sizeof num, "%d", h->slot[row] % 100);
		ui_put(y, 1, gw - 1, num, UI_RIGHT | style);
	}
	ui_put(y, 1 + gw, cw, j->class_name, UI_BOLD | style);
	ui_put(y, 1 + gw + cw, ui_cols() - cw - gw - 2, line, style);
	if (!h->writable[row] && ui_cols() >= 50) {
		snprintf(line, sizeof line, "%s %s", _("read-only"), h->teachers[row]);
		ui_put(y, ui_cols() - 24, 23, line, UI_RIGHT | (style ? style : UI_DIM));
	}
}

/* What the home screen's keys open; the journal list is read again after a page. */
static int
home_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct home *h = l->ctx;

	if (action == ACTION_CLASS && n > 0)
		return home_class_view(ui, h, sel) == UI_QUIT ? UI_QUIT : LIST_STAY;
	if (action == ACTION_ADMIN)
		return ui_admin_run(ui) == UI_QUIT ? UI_QUIT : LIST_RELOAD;
	if (action == ACTION_REPORTS)
		return ui_reports_run(ui) == UI_QUIT ? UI_QUIT : LIST_STAY;
	if (action == ACTION_PASSWORD)
		return ui_admin_password(ui) == UI_QUIT ? UI_QUIT : LIST_STAY;
	if (action == ACTION_OPEN && n > 0)
		return ui_grid_run(ui, &h->rows[sel]) == UI_QUIT ? UI_QUIT : LIST_RELOAD;
	return LIST_STAY;
}

/* My journals: the list widget, its rows drawn by the home screen. */
int
ui_home_run(struct ui *ui)
{
	struct home h;
	struct ui_list l = { .context = "home", .ctx = &h, .load = home_list_load,
	    .draw_row = home_draw_row, .act = home_act,
	    .empty = N_("You have no journals yet: ask the admin to assign you a class and "
	    "subject.") };
	int rc;

	memset(&h, 0, sizeof h);
	rc = ui_list_run(ui, &l);
	home_free(&h);
	return rc;
}
