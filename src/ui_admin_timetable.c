/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_admin_timetable: a class's weekly timetable as the admin enters it, a
 * grid of weekdays (Monday to Saturday, columns) by lesson numbers (1 to 8,
 * rows), one shift at a time. A cell shows the subject and the teacher's
 * initials; Enter picks the subject and then the teacher from lists (only
 * the teachers assigned to that subject in the class, as the import
 * requires), a key clears the cell, another sets its room.
 *
 * Changes stay on the screen until they are saved, as one new timetable
 * from a date (store_timetable_set(): the past keeps the timetable it had),
 * so a half-entered week never reaches the teachers' pages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "text.h"
#include "timetable.h"
#include "ui_admin.h"

#define TT_DAYS		6
#define TT_GUTTER	3	/* the lesson number left of the cells */
#define TT_CELL_MIN	8	/* narrower terminals show fewer weekdays and scroll */

struct tt {
	const struct class *c;
	struct timetable_entry *rows;	/* the timetable being edited */
	size_t n;
	struct journal *journals;	/* the class's assignments: what a cell may hold */
	size_t nj;
	struct user *users;		/* for the teachers' initials */
	size_t nusers;
	int shift;			/* 1, or 2 for the second shift */
	int day, num;			/* the cell: weekday 1..6, lesson 1..8 */
	int left, top;			/* the first weekday and lesson shown */
	int dirty;			/* changed since it was read or saved */
};

static void
tt_free(struct tt *t)
{
	free(t->rows);
	free(t->journals);
	free(t->users);
	t->rows = NULL;
	t->journals = NULL;
	t->users = NULL;
	t->n = t->nj = t->nusers = 0;
}

/* The timetable in force today, the class's journals and the teachers' names. */
static int
tt_load(struct ui *ui, struct tt *t)
{
	struct journal *all = NULL;
	size_t nall = 0, i;
	int rc = -1;

	tt_free(t);
	if (store_timetable_on(ui->st, t->c->id, ui->today, &t->rows, &t->n) != STORE_OK ||
	    store_journal_list(ui->st, &all, &nall) != STORE_OK ||
	    store_user_list(ui->st, &t->users, &t->nusers) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	if (nall > 0 && (t->journals = calloc(nall, sizeof *t->journals)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	for (i = 0; i < nall; i++)
		if (all[i].class_id == t->c->id)
			t->journals[t->nj++] = all[i];
	t->dirty = 0;
	rc = 0;
out:
	free(all);
	return rc;
}

/* The first entry in the cell (weekday, lesson) of the shift shown, from `from` on; n if none. */
static size_t
tt_find(const struct tt *t, int day, int num, size_t from)
{
	size_t i;

	for (i = from; i < t->n; i++)
		if (t->rows[i].weekday == day && t->rows[i].num == num &&
		    t->rows[i].shift == t->shift)
			return i;
	return t->n;
}

static const struct user *
tt_user(const struct tt *t, int64_t id)
{
	size_t i;

	for (i = 0; i < t->nusers; i++)
		if (t->users[i].id == id)
			return &t->users[i];
	return NULL;
}

/* "Алгебра АС": the subject cut to the cell, the teacher's initials after it. */
static void
tt_cell_text(const struct tt *t, const struct timetable_entry *e, int more, int width,
    char *out, size_t size)
{
	const struct user *u = tt_user(t, e->teacher_id);
	const char *name = u != NULL && u->name[0] != '\0' ? u->name : e->teacher_login, *p;
	char initials[16] = "", *subject = NULL;
	size_t len = 0, w;

	/* The first letters of the first two words of the teacher's name. */
	for (p = name; *p != '\0' && len + 5 < sizeof initials; ) {
		len += text_initial(p, initials + len, sizeof initials - len);
		if (len >= 4 || (p = strchr(p, ' ')) == NULL)
			break;
		while (*p == ' ')
			p++;
	}
	w = text_width(initials) + (more ? 1 : 0) + 1;
	if ((subject = text_fit(e->subject_name, width > (int)w + 1 ? (size_t)width - w :
	    1, NULL)) == NULL) {
		snprintf(out, size, "%s", initials);
		return;
	}
	snprintf(out, size, "%s%s %s", subject, more ? "+" : "", initials);
	free(subject);
}

/* What the cell holds, on the status line: every entry with its teacher and room. */
static void
tt_cell_status(const struct tt *t, char *out, size_t size)
{
	const struct timetable_entry *e;
	const struct user *u;
	size_t i, len;
	char sub[32];

	snprintf(out, size, "%s, %d: ", timetable_weekday_name(t->day), t->num);
	if ((i = tt_find(t, t->day, t->num, 0)) == t->n) {
		len = strlen(out);
		snprintf(out + len, size - len, "%s", _("no lesson"));
		return;
	}
	for (; i < t->n; i = tt_find(t, t->day, t->num, i + 1)) {
		e = &t->rows[i];
		u = tt_user(t, e->teacher_id);
		sub[0] = '\0';
		if (e->subgroup > 0)
			snprintf(sub, sizeof sub, _(" (group %d)"), e->subgroup);
		len = strlen(out);
		snprintf(out + len, size - len, "%s%s%s, %s", i == tt_find(t, t->day, t->num, 0) ?
		    "" : "; ", e->subject_name, sub, u != NULL && u->name[0] != '\0' ? u->name :
		    e->teacher_login);
		if (e->room[0] != '\0') {
			len = strlen(out);
			snprintf(out + len, size - len, _(", room %s"), e->room);
		}
	}
}

static void
tt_draw(struct ui *ui, struct tt *t)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Subject") },
	    { ACTION_SAVE, N_("Save") }, { ACTION_REMOVE, N_("Clear") },
	    { ACTION_ROOM, N_("Room") }, { ACTION_SHIFT, N_("Shift") }, { ACTION_BACK, N_("Back") },
	    { ACTION_NONE, NULL } };
	char title[256], status[1024], cell[128];
	int cols = ui_cols(), height = ui_list_height(), ndays, cw, x, y, day, num, style;
	size_t i;

	ndays = (cols - TT_GUTTER) / TT_CELL_MIN;
	if (ndays > TT_DAYS)
		ndays = TT_DAYS;
	if (ndays < 1)
		ndays = 1;
	cw = (cols - TT_GUTTER) / ndays;
	/* Keep the cell on screen. */
	if (t->day < t->left)
		t->left = t->day;
	if (t->day >= t->left + ndays)
		t->left = t->day - ndays + 1;
	if (t->num < t->top)
		t->top = t->num;
	if (t->num >= t->top + height)
		t->top = t->num - height + 1;
	if (t->left + ndays > TT_DAYS + 1)
		t->left = TT_DAYS + 1 - ndays;
	if (t->top + height > TIMETABLE_LESSONS_MAX + 1)
		t->top = TIMETABLE_LESSONS_MAX + 1 - height > 1 ? TIMETABLE_LESSONS_MAX + 1 -
		    height : 1;

	snprintf(title, sizeof title, t->shift == 2 ? _("Timetable of %s, second shift%s") :
	    _("Timetable of %s%s"), t->c->name, t->dirty ? _(" (not saved)") : "");
	tt_cell_status(t, status, sizeof status);
	ui_erase();
	ui_frame(ui, title, status, "admin", hints);
	for (x = 0, day = t->left; x < ndays && day <= TT_DAYS; x++, day++)
		ui_put(2, TT_GUTTER + x * cw, cw - 1, timetable_weekday_short(day),
		    UI_BOLD | (day == t->day ? UI_UNDERLINE : 0));
	for (y = 0, num = t->top; y < height && num <= TIMETABLE_LESSONS_MAX; y++, num++) {
		snprintf(cell, sizeof cell, "%d", num);
		ui_put(3 + y, 0, TT_GUTTER - 1, cell, UI_RIGHT | UI_BOLD);
		for (x = 0, day = t->left; x < ndays && day <= TT_DAYS; x++, day++) {
			cell[0] = '\0';
			if ((i = tt_find(t, day, num, 0)) < t->n)
				tt_cell_text(t, &t->rows[i], tt_find(t, day, num, i + 1) < t->n,
				    cw - 1, cell, sizeof cell);
			else if (day != t->day || num != t->num)
				snprintf(cell, sizeof cell, "%s", "·");
			style = day == t->day && num == t->num ? UI_REVERSE | UI_PAD : 0;
			ui_put(3 + y, TT_GUTTER + x * cw, cw - 1, cell, style);
		}
	}
	ui_cursor(0, 0, 0);
	ui_flush();
}

/* Removes the entry at i, keeping the others in order. */
static void
tt_remove(struct tt *t, size_t i)
{
	memmove(&t->rows[i], &t->rows[i + 1], (t->n - i - 1) * sizeof *t->rows);
	t->n--;
}

/*
 * Enter on a cell: the subject (one of the class's journals), then its
 * teacher. The new lesson takes the place of those it would clash with
 * (the same subgroup, or the whole class), keeping their room.
 */
static int
tt_pick(struct ui *ui, struct tt *t)
{
	struct timetable_entry e, *grown = NULL;
	char **items = NULL, *labels = NULL, sub[32], title[128];
	size_t *which = NULL, ni = 0, i, k, chosen = 0, label = 160;
	const struct journal *j = NULL;
	const struct user *u;
	int r, rc = 0;

	if (t->nj == 0) {
		ui_status(ui, _("No teacher is assigned to %s yet: assign them first "
		    "(Administration, Assignments)."), t->c->name);
		return 0;
	}
	if ((items = calloc(t->nj, sizeof *items)) == NULL ||
	    (which = calloc(t->nj, sizeof *which)) == NULL ||
	    (labels = calloc(t->nj, label)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	/* The subjects, a subject and subgroup once however many teach it. */
	for (i = 0; i < t->nj; i++) {
		for (k = 0; k < ni; k++)
			if (t->journals[which[k]].subject_id == t->journals[i].subject_id &&
			    t->journals[which[k]].subgroup == t->journals[i].subgroup)
				break;
		if (k < ni)
			continue;
		sub[0] = '\0';
		if (t->journals[i].subgroup > 0)
			snprintf(sub, sizeof sub, _(" (group %d)"), t->journals[i].subgroup);
		snprintf(labels + ni * label, label, "%s%s", t->journals[i].subject_name, sub);
		items[ni] = labels + ni * label;
		which[ni++] = i;
	}
	if ((i = tt_find(t, t->day, t->num, 0)) < t->n)
		for (k = 0; k < ni; k++)
			if (t->journals[which[k]].subject_id == t->rows[i].subject_id &&
			    t->journals[which[k]].subgroup == t->rows[i].subgroup)
				chosen = k;
	snprintf(title, sizeof title, _("Subject: %s, lesson %d"),
	    timetable_weekday_name(t->day), t->num);
	if ((r = ui_pick(ui, title, items, ni, &chosen)) != 1) {
		rc = r;
		goto out;
	}
	j = &t->journals[which[chosen]];
	/* Its teachers: every assignment of that subject and subgroup. */
	for (i = 0, ni = 0; i < t->nj; i++) {
		if (t->journals[i].subject_id != j->subject_id ||
		    t->journals[i].subgroup != j->subgroup)
			continue;
		u = tt_user(t, t->journals[i].teacher_id);
		snprintf(labels + ni * label, label, "%s  %s", t->journals[i].teacher_login,
		    u != NULL ? u->name : "");
		items[ni] = labels + ni * label;
		which[ni++] = i;
	}
	chosen = 0;
	snprintf(title, sizeof title, _("Teacher of %s"), j->subject_name);
	if ((r = ui_pick(ui, title, items, ni, &chosen)) != 1) {
		rc = r;
		goto out;
	}
	j = &t->journals[which[chosen]];
	memset(&e, 0, sizeof e);
	e.class_id = t->c->id;
	e.weekday = t->day;
	e.shift = t->shift;
	e.num = t->num;
	e.subject_id = j->subject_id;
	e.subgroup = j->subgroup;
	e.teacher_id = j->teacher_id;
	snprintf(e.subject_name, sizeof e.subject_name, "%s", j->subject_name);
	snprintf(e.teacher_login, sizeof e.teacher_login, "%s", j->teacher_login);
	snprintf(e.class_name, sizeof e.class_name, "%s", t->c->name);
	for (i = tt_find(t, t->day, t->num, 0); i < t->n; ) {
		if (t->rows[i].subgroup == e.subgroup || t->rows[i].subgroup == 0 ||
		    e.subgroup == 0) {
			if (e.room[0] == '\0')
				snprintf(e.room, sizeof e.room, "%s", t->rows[i].room);
			tt_remove(t, i);
			i = tt_find(t, t->day, t->num, i);
		} else
			i = tt_find(t, t->day, t->num, i + 1);
	}
	if ((grown = realloc(t->rows, (t->n + 1) * sizeof *t->rows)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	t->rows = grown;
	t->rows[t->n++] = e;
	t->dirty = 1;
out:
	free(items);
	free(which);
	free(labels);
	return rc;
}

/* The room of every lesson in the cell. */
static void
tt_room(struct ui *ui, struct tt *t)
{
	char room[STORE_ROOM_MAX + 1];
	size_t i = tt_find(t, t->day, t->num, 0);

	if (i == t->n) {
		ui_status(ui, "%s", _("No lesson here: choose its subject first (Enter)."));
		return;
	}
	snprintf(room, sizeof room, "%s", t->rows[i].room);
	if (!ui_prompt(ui, _("Room:"), room, sizeof room, 0))
		return;
	for (; i < t->n; i = tt_find(t, t->day, t->num, i + 1))
		snprintf(t->rows[i].room, sizeof t->rows[i].room, "%s", room);
	t->dirty = 1;
}

/* Saves the grid as the class's timetable from a date asked for: 1 when saved. */
static int
tt_save(struct ui *ui, struct tt *t)
{
	char from[11];

	if (timetable_default_from(ui->st, t->c->id, from) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return 0;
	}
	if (!ui_prompt_date(ui, _("The new timetable holds from (date):"), from))
		return 0;
	if (store_timetable_set(ui->st, t->c->id, from, t->rows, t->n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return 0;
	}
	ui_status(ui, _("The timetable of %s from %s is saved: %zu lessons."), t->c->name, from,
	    t->n);
	t->dirty = 0;
	return 1;
}

int
admin_timetable(struct ui *ui, const struct class *c)
{
	struct tt t;
	struct ui_key k;
	enum action action = ACTION_NONE;
	size_t i;
	int r, g, rc = 0, height;

	memset(&t, 0, sizeof t);
	t.c = c;
	t.shift = t.day = t.num = t.left = t.top = 1;
	if (tt_load(ui, &t) != 0)
		goto out;
	for (;;) {
		tt_draw(ui, &t);
		height = ui_list_height();
		if ((r = admin_key(ui, &k, &action, 0)) == UI_QUIT) {
			rc = UI_QUIT;
			goto out;
		}
		if (r != UI_KEY || action == ACTION_NONE)
			continue;
		if (action == ACTION_UP && t.num > 1)
			t.num--;
		else if (action == ACTION_DOWN && t.num < TIMETABLE_LESSONS_MAX)
			t.num++;
		else if (action == ACTION_LEFT && t.day > 1)
			t.day--;
		else if (action == ACTION_RIGHT && t.day < TT_DAYS)
			t.day++;
		else if (action == ACTION_FIRST)
			t.num = 1;
		else if (action == ACTION_LAST)
			t.num = TIMETABLE_LESSONS_MAX;
		else if (action == ACTION_PAGE_UP)
			t.num = t.num > height ? t.num - height : 1;
		else if (action == ACTION_PAGE_DOWN)
			t.num = t.num + height < TIMETABLE_LESSONS_MAX ? t.num + height :
			    TIMETABLE_LESSONS_MAX;
		else if (action == ACTION_OPEN) {
			if (tt_pick(ui, &t) == UI_QUIT) {
				rc = UI_QUIT;
				goto out;
			}
		} else if (action == ACTION_REMOVE) {
			while ((i = tt_find(&t, t.day, t.num, 0)) < t.n) {
				tt_remove(&t, i);
				t.dirty = 1;
			}
		} else if (action == ACTION_ROOM)
			tt_room(ui, &t);
		else if (action == ACTION_SHIFT)
			t.shift = t.shift == 1 ? 2 : 1;
		else if (action == ACTION_SAVE)
			tt_save(ui, &t);
		else if (action == ACTION_BACK) {
			/* Unsaved changes: the question saves them, or they go on purpose. */
			if (!t.dirty || !ui_confirm(ui, _("The timetable is changed. Save it?")) ||
			    tt_save(ui, &t))
				goto out;
		} else if ((g = ui_global_action(ui, "admin", action)) < 0) {
			rc = UI_QUIT;
			goto out;
		}
		/* The room's or the date's prompt may have seen the session end. */
		if (ui->quit)
			goto out;
	}
out:
	tt_free(&t);
	return ui->quit ? UI_QUIT : rc;
}
