/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_grid: one journal page, pupils down and the term's lessons across,
 * with the term percent and mark at the right.
 *
 * Fast entry: a digit writes a ФО mark and moves to the next pupil, so a
 * lesson column is one key per pupil; 0 writes 10. The points of a
 * summative work (СОр/СОч) may need two digits: they build up in the cell
 * and are saved as soon as no further digit could fit the maximum, or on
 * Enter or a move. Every change goes to the store at once.
 *
 * A cell may carry a comment, the teacher's feedback (c opens it; ui_comment.c):
 * a '*' right after the cell says so, in the blank column between cells, so
 * a mark keeps its three columns and the page its alignment at 40 columns;
 * the status line begins with the comment of the cell under the cursor.
 * Grade 1 is not marked: there the page is attendance and comments, and
 * Enter opens the comment.
 *
 * Locks: an editable page takes the page's lock for this session and
 * heartbeats it; a page someone else holds opens read-only, names the
 * holder, and follows their changes by polling PRAGMA data_version on the
 * quiet ticks. Nothing is drawn while nothing changes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assess.h"
#include "grades.h"
#include "i18n.h"
#include "plan.h"
#include "store.h"
#include "text.h"
#include "ui_screens.h"

#define CELL_W	4	/* one space and three columns of mark */
#define RIGHT_W	10	/* " 100%" and a mark ("  н/а") */
#define HEAD_H	3	/* title, kinds, days */

/*
 * RO_REVOKED: the account was disabled or given another role since login.
 * RO_BROKEN: an admin broke this session's lock of the page.
 */
enum grid_ro { RO_NONE, RO_DENIED, RO_LOCKED, RO_OTHER, RO_REVOKED, RO_BROKEN };

struct grid {
	struct ui *ui;
	struct journal j;
	struct class c;
	struct subject s;
	struct period p;
	struct pupil *pupils;
	size_t np;
	struct lesson *lessons;
	size_t nl;
	int *val;			/* np * nl, -1: none */
	enum attendance *att;
	struct comment *comments;
	size_t nc;
	const struct comment **note;	/* np * nl: the cell's comment, or NULL */
	int ungraded;			/* grade 1: attendance and comments only */
	char *others;			/* nl: 1 for a lesson not hers to write (a substitute's) */
	struct grade_row *grades;
	size_t ng;
	int row, col, top, left;
	/*
	 * No lesson today: the cursor stands on today's place between lessons
	 * (`gap` lessons come before it), shown at the lesson before. A mark
	 * then never lands in another day's lesson unless the teacher moves
	 * there herself.
	 */
	int away;
	size_t gap;
	char resource[128];
	int own_lock;
	enum grid_ro ro;
	struct lock_info holder;
	int64_t version;
	time_t beat;
	char pending[8];		/* digits of summative points being typed */
	int has_plan;			/* the journal follows a plan (plan.h) */
	int64_t *sor_after;		/* lessons after which the plan has a СОр due */
	size_t nsor;
	char revoked[256];		/* why the page turned read-only under her */
};

static void
grid_free_data(struct grid *g)
{
	free(g->pupils);
	free(g->lessons);
	free(g->val);
	free(g->att);
	free(g->others);
	free(g->grades);
	free(g->sor_after);
	g->sor_after = NULL;
	g->nsor = 0;
	free(g->comments);
	free(g->note);
	g->comments = NULL;
	g->note = NULL;
	g->nc = 0;
	g->pupils = NULL;
	g->others = NULL;
	g->lessons = NULL;
	g->val = NULL;
	g->att = NULL;
	g->grades = NULL;
	g->np = g->nl = g->ng = 0;
}

static int
grid_grades(struct grid *g)
{
	free(g->grades);
	g->grades = NULL;
	g->ng = 0;
	if (grades_compute(g->ui->st, &g->c, &g->s, g->j.subgroup, &g->p, &g->grades,
	    &g->ng) != STORE_OK) {
		ui_status(g->ui, "%s", store_error(g->ui->st));
		return -1;
	}
	return 0;
}

/* Today's place among the lessons, for a day without a lesson. */
static void
grid_place_today(struct grid *g)
{
	for (g->gap = 0; g->gap < g->nl && strcmp(g->lessons[g->gap].date, g->ui->today) < 0;
	    g->gap++)
		;
	g->col = g->gap > 0 ? (int)g->gap - 1 : 0;
}

/*
 * What the page shows of the plan: whether there is one (the lesson editor
 * then offers its topics), and the lessons that close a topic after which a
 * СОр is due. A page without a plan is no error.
 */
static void
grid_plan_load(struct grid *g)
{
	struct plan_topic *t = NULL;
	size_t n = 0, i;
	int rc;

	g->has_plan = 0;
	rc = store_plan_progress(g->ui->st, g->c.id, g->s.id, g->j.subgroup, &t, &n, NULL);
	if (rc != STORE_OK) {
		if (rc != STORE_NOT_FOUND)
			ui_status(g->ui, "%s", store_error(g->ui->st));
		return;
	}
	g->has_plan = n > 0;
	if ((g->sor_after = calloc(n + 1, sizeof *g->sor_after)) != NULL)
		for (i = 0; i < n; i++)
			if (t[i].sor_due && t[i].done >= t[i].hours)
				g->sor_after[g->nsor++] = t[i].done_lesson;
	free(t);
}

static int
grid_sor_due(const struct grid *g, int64_t lesson_id)
{
	size_t i;

	for (i = 0; i < g->nsor; i++)
		if (g->sor_after[i] == lesson_id)
			return 1;
	return 0;
}

/*
 * Reads the page from the store; keeps the cursor on the same lesson when it
 * can (a timetabled lesson not yet written has no id: its date then).
 */
static int
grid_load(struct grid *g)
{
	struct ui *ui = g->ui;
	struct mark *marks = NULL;
	size_t nm = 0, i, pi, li;
	int64_t cur = 0;
	char cur_date[11] = "";
	int rc = -1;

	if (g->col >= 0 && (size_t)g->col < g->nl) {
		cur = g->lessons[g->col].id;
		snprintf(cur_date, sizeof cur_date, "%s", g->lessons[g->col].date);
	}
	grid_free_data(g);
	g->version = store_data_version(ui->st);
	/* The lessons written, and the timetabled days up to today as columns to write in. */
	if (store_pupil_list(ui->st, g->c.id, g->s.id, g->j.subgroup, &g->pupils,
	    &g->np) != STORE_OK ||
	    store_lesson_page(ui->st, g->c.id, g->s.id, g->j.subgroup, &g->p, ui->today,
	    &g->lessons, &g->nl) != STORE_OK ||
	    store_mark_list(ui->st, g->c.id, g->s.id, g->j.subgroup, &g->p, &marks,
	    &nm) != STORE_OK ||
	    store_comment_list(ui->st, g->c.id, g->s.id, g->j.subgroup, &g->p, &g->comments,
	    &g->nc) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	grid_plan_load(g);
	/* A pupil who left before the term began has no row in it. */
	for (i = pi = 0; i < g->np; i++)
		if (g->pupils[i].left[0] == '\0' || strcmp(g->pupils[i].left, g->p.starts) > 0)
			g->pupils[pi++] = g->pupils[i];
	g->np = pi;
	if (g->np > 0 && g->nl > 0) {
		if ((g->val = malloc(g->np * g->nl * sizeof *g->val)) == NULL ||
		    (g->att = calloc(g->np * g->nl, sizeof *g->att)) == NULL ||
		    (g->note = calloc(g->np * g->nl, sizeof *g->note)) == NULL) {
			ui_status(ui, "%s", _("Out of memory."));
			goto out;
		}
		for (i = 0; i < g->np * g->nl; i++)
			g->val[i] = -1;
	}
	/* A substitute writes the lessons of her days only: the others are shown apart. */
	if (g->nl > 0 && (g->others = calloc(g->nl, 1)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	for (i = 0; g->ro == RO_NONE && i < g->nl; i++)
		g->others[i] = store_lesson_writable(ui->st, &g->lessons[i]) != STORE_OK;
	for (i = 0; i < nm; i++) {
		for (pi = 0; pi < g->np && g->pupils[pi].id != marks[i].pupil_id; pi++)
			;
		for (li = 0; li < g->nl && g->lessons[li].id != marks[i].lesson_id; li++)
			;
		if (pi == g->np || li == g->nl)
			continue;
		g->val[pi * g->nl + li] = marks[i].value;
		g->att[pi * g->nl + li] = marks[i].att;
	}
	for (i = 0; i < g->nc; i++) {
		for (pi = 0; pi < g->np && g->pupils[pi].id != g->comments[i].pupil_id; pi++)
			;
		for (li = 0; li < g->nl && g->lessons[li].id != g->comments[i].lesson_id; li++)
			;
		if (pi < g->np && li < g->nl)
			g->note[pi * g->nl + li] = &g->comments[i];
	}
	for (i = 0; cur_date[0] != '\0' && i < g->nl; i++)
		if (cur != 0 ? g->lessons[i].id == cur : g->lessons[i].id == 0 &&
		    strcmp(g->lessons[i].date, cur_date) == 0) {
			g->col = (int)i;
			break;
		}
	if (g->away)
		grid_place_today(g);
	if (g->col >= (int)g->nl)
		g->col = g->nl > 0 ? (int)g->nl - 1 : 0;
	if (g->row >= (int)g->np)
		g->row = g->np > 0 ? (int)g->np - 1 : 0;
	rc = grid_grades(g);
out:
	/* Never leave counts without the arrays they describe. */
	if (rc != 0 && (g->val == NULL || g->att == NULL || g->note == NULL ||
	    g->others == NULL))
		grid_free_data(g);
	free(marks);
	return rc;
}

/* The column of today's lesson, else today's empty place among the lessons. */
static void
grid_goto_today(struct grid *g)
{
	size_t i;

	g->away = 1;
	for (i = 0; i < g->nl; i++)
		if (strcmp(g->lessons[i].date, g->ui->today) == 0) {
			g->col = (int)i;
			g->away = 0;
			return;
		}
	grid_place_today(g);
}

static void
grid_lock(struct grid *g)
{
	struct ui *ui = g->ui;
	int rc;

	g->own_lock = 0;
	g->ro = RO_NONE;
	memset(&g->holder, 0, sizeof g->holder);
	journal_resource(g->resource, sizeof g->resource, g->c.id, g->s.id, g->j.subgroup,
	    g->p.id);
	if (store_journal_writable(ui->st, g->c.id, g->s.id, g->j.subgroup) != 1) {
		g->ro = RO_DENIED;
		if (store_lock_holder(ui->st, g->resource, UI_LOCK_STALE, &g->holder) != STORE_OK)
			memset(&g->holder, 0, sizeof g->holder);
		return;
	}
	rc = store_lock_take(ui->st, g->resource, 1, UI_LOCK_STALE, &g->holder);
	if (rc == STORE_OK) {
		g->own_lock = 1;
		g->beat = time(NULL);
	} else if (rc == STORE_LOCKED)
		g->ro = RO_LOCKED;
	else {
		g->ro = RO_OTHER;
		ui_status(ui, "%s", store_error(ui->st));
	}
}

static void
grid_unlock(struct grid *g)
{
	if (g->own_lock && store_lock_release(g->ui->st, g->resource) != STORE_OK)
		ui_status(g->ui, "%s", store_error(g->ui->st));
	g->own_lock = 0;
}

static int
grid_open_period(struct grid *g)
{
	g->row = g->top = g->left = 0;
	g->col = -1;
	g->pending[0] = '\0';
	grid_lock(g);
	if (grid_load(g) != 0)
		return -1;
	grid_goto_today(g);
	return 0;
}

/* ---- drawing ---- */

static int
grid_name_width(void)
{
	return ui_cols() >= 110 ? 30 : ui_cols() >= 80 ? 22 : ui_cols() >= 56 ? 17 : 13;
}

static void
grid_name(const struct pupil *p, int width, char *out, size_t size)
{
	char ini[16];

	snprintf(out, size, "%s %s", p->surname, p->given);
	if ((int)text_width(out) <= width)
		return;
	if (text_initial(p->given, ini, sizeof ini) > 0)
		snprintf(out, size, "%s %s.", p->surname, ini);
	else
		snprintf(out, size, "%s", p->surname);
}

static void
grid_cell_text(const struct grid *g, size_t pi, size_t li, char *out, size_t size)
{
	int v = g->val[pi * g->nl + li];
	enum attendance a = g->att[pi * g->nl + li];
	const char *left = g->pupils[pi].left;

	/* Gone from the class by the lesson's day: no cell to fill. */
	if (left[0] != '\0' && strcmp(g->lessons[li].date, left) >= 0 && v < 0 && a == ATT_NONE)
		snprintf(out, size, "·");
	else if (v >= 0)
		snprintf(out, size, "%s%d", attendance_label(a), v);
	else
		snprintf(out, size, "%s", attendance_label(a));
}

/* СОр, БЖБ fit a cell as they are; "SA-S" loses its hyphen. */
static const char *
grid_kind_short(const struct lesson *l, char *buf, size_t size)
{
	const char *s;
	size_t n = 0;

	if (l->kind == LESSON_REGULAR)
		return "";
	for (s = lesson_kind_label(l->kind); *s != '\0' && n + 1 < size; s++)
		if (*s != '-')
			buf[n++] = *s;
	buf[n] = '\0';
	return buf;
}

static int
grid_today_in_term(const struct grid *g)
{
	return strcmp(g->ui->today, g->p.starts) >= 0 && strcmp(g->ui->today, g->p.ends) <= 0;
}

/* The key of an action in this keymap, for a message that names it. */
static const char *
grid_key_name(const struct grid *g, enum action action)
{
	const char *key = keymap_key_for(g->ui->km, "grid", action);

	return key != NULL ? key : keymap_action_name(action);
}

static void
grid_title(struct grid *g, char *out, size_t size)
{
	char per[32];

	period_name(&g->p, per, sizeof per);
	snprintf(out, size, "%s · %s%s · %s", g->c.name, g->j.subject_name,
	    g->j.subgroup ? "*" : "", per);
	if (g->p.closed)
		snprintf(out + strlen(out), size - strlen(out), " · %s", _("closed"));
	if (g->ro != RO_NONE)
		snprintf(out + strlen(out), size - strlen(out), " · %s", _("read-only"));
}

static void
grid_status(struct grid *g, char *out, size_t size)
{
	const struct lesson *l;
	const struct comment *note = NULL;
	char kind[32], one[STORE_COMMENT_MAX + 1], *p, *fit = NULL;
	size_t w = 0;

	const char *since = g->holder.since;

	out[0] = '\0';
	if (g->ro == RO_BROKEN) {
		snprintf(out, size, _("%s broke your lock at %s: open the page again to edit"),
		    g->holder.name[0] ? g->holder.name : g->holder.login,
		    strlen(since) > 11 ? since + 11 : since);
		snprintf(out + strlen(out), size - strlen(out), " · ");
	} else if (g->ro != RO_NONE && g->holder.login[0] != '\0') {
		/* "YYYY-MM-DD HH:MM": the time alone for today. */
		if (strncmp(since, g->ui->today, 10) == 0 && strlen(since) > 11)
			since += 11;
		snprintf(out, size, _("Being edited by %s since %s"),
		    g->holder.name[0] ? g->holder.name : g->holder.login, since);
		snprintf(out + strlen(out), size - strlen(out), " · ");
	}
	if (g->away && grid_today_in_term(g))
		snprintf(out + strlen(out), size - strlen(out), _("No lesson today, %.2s.%.2s: "
		    "%s adds it, or choose a lesson with the arrows."), g->ui->today + 8,
		    g->ui->today + 5, grid_key_name(g, ACTION_LESSON_ADD));
	else if (g->away && g->nl > 0)
		snprintf(out + strlen(out), size - strlen(out), "%s", _("Today is not in this "
		    "term: choose a lesson with the arrows."));
	if (g->nl == 0) {
		if (!g->away || !grid_today_in_term(g))
			snprintf(out + strlen(out), size - strlen(out), "%s",
			    _("No lessons in this term yet: add one for today."));
		return;
	}
	if (g->away)
		return;
	l = &g->lessons[g->col];
	/* The cell's comment first: it is about this very cell, the rest about the lesson. */
	if (g->np > 0 && (note = g->note[(size_t)g->row * g->nl + (size_t)g->col]) != NULL) {
		snprintf(one, sizeof one, "%s", note->text);
		for (p = one; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		if ((fit = text_fit(one, ui_cols() > 20 ? (size_t)ui_cols() - 12 : 8, &w)) !=
		    NULL) {
			snprintf(out + strlen(out), size - strlen(out), "* %s%s · ", fit,
			    strlen(fit) < strlen(one) ? "…" : "");
			free(fit);
		}
	}
	snprintf(kind, sizeof kind, "%s", lesson_kind_label(l->kind));
	if (l->kind != LESSON_REGULAR)
		snprintf(kind + strlen(kind), sizeof kind - strlen(kind), "/%d", l->max_points);
	/* First, where a narrow screen still shows it: the plan has a СОр due after this. */
	if (grid_sor_due(g, l->id))
		snprintf(out + strlen(out), size - strlen(out), "%s · ", _("SA-S due"));
	snprintf(out + strlen(out), size - strlen(out), "%.2s.%.2s %s: %s", l->date + 8,
	    l->date + 5, kind, l->topic[0] ? l->topic : _("(no topic)"));
	if (l->homework[0] != '\0')
		snprintf(out + strlen(out), size - strlen(out), " · %s: %s", _("Homework"),
		    l->homework);
	/* Homework may hold newlines: one line here. */
	for (p = out; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
}

static void
grid_draw(struct grid *g)
{
	/* Most needed first: a narrow screen keeps the hints that fit. */
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("1-9,0=10 mark") },
	    { ACTION_HELP, N_("help") }, { ACTION_BACK, N_("back") },
	    { ACTION_ABSENT, N_("absent") }, { ACTION_CLEAR, N_("clear") },
	    { ACTION_COMMENT, N_("comment") }, { ACTION_LESSON_EDIT, N_("topic") },
	    { ACTION_LESSON_ADD, N_("new") }, { ACTION_LANGUAGE, N_("lang") },
	    { ACTION_PLAN, N_("plan") }, { ACTION_NONE, NULL } };
	/* Grade 1 is not marked: the comment comes first, and no digits are offered. */
	static const struct ui_hint ungraded[] = { { ACTION_COMMENT, N_("comment") },
	    { ACTION_HELP, N_("help") }, { ACTION_BACK, N_("back") },
	    { ACTION_ABSENT, N_("absent") }, { ACTION_CLEAR, N_("clear") },
	    { ACTION_LESSON_EDIT, N_("topic") }, { ACTION_LESSON_ADD, N_("new") },
	    { ACTION_LANGUAGE, N_("lang") }, { ACTION_PLAN, N_("plan") }, { ACTION_NONE, NULL } };
	char title[1024], status[2048], name[512], cell[32], buf[64];
	const struct grade_row *gr;
	int nw = grid_name_width(), ncols, body, x, y, li, pi, style, cols = ui_cols();
	size_t i;

	body = ui_rows() - HEAD_H - 2;
	if (body < 1)
		body = 1;
	ncols = (cols - nw - RIGHT_W) / CELL_W;
	if (ncols < 1)
		ncols = 1;
	/* Keep the cursor on screen. */
	if (g->row < g->top)
		g->top = g->row;
	if (g->row >= g->top + body)
		g->top = g->row - body + 1;
	if (g->col < g->left)
		g->left = g->col;
	if (g->col >= g->left + ncols)
		g->left = g->col - ncols + 1;
	/* After a resize, fill the screen rather than keep an old scroll. */
	if (g->top + body > (int)g->np)
		g->top = (int)g->np > body ? (int)g->np - body : 0;
	if (g->left + ncols > (int)g->nl)
		g->left = (int)g->nl > ncols ? (int)g->nl - ncols : 0;

	ui_erase();
	grid_title(g, title, sizeof title);
	grid_status(g, status, sizeof status);
	ui_frame(g->ui, title, status, "grid", g->ungraded ? ungraded : hints);

	ui_put(2, 1, nw - 1, _("Pupil"), UI_BOLD);
	for (x = 0, li = g->left; x < ncols && li < (int)g->nl; x++, li++) {
		/*
		 * A timetabled day not yet written is dim until something is put in
		 * it; a day not hers to write (a substitute's) is plain.
		 */
		style = li == g->col && !g->away ? UI_REVERSE | UI_BOLD :
		    g->lessons[li].id == 0 ? UI_DIM : g->others[li] ? 0 : UI_BOLD;
		ui_put(1, nw + x * CELL_W + 1, CELL_W - 1,
		    grid_kind_short(&g->lessons[li], buf, sizeof buf), UI_RIGHT | UI_DIM);
		snprintf(buf, sizeof buf, "%.2s", g->lessons[li].date + 8);
		ui_put(2, nw + x * CELL_W + 1, CELL_W - 1, buf, UI_RIGHT | style);
	}
	/*
	 * The short column word (Баға, Итог), not the reports' «Оценка»; a
	 * longer one heads both right columns rather than glue onto "%".
	 */
	if ((int)text_width(C_("column", "Mark")) < RIGHT_W - 5) {
		ui_put(2, cols - RIGHT_W, 5, "%", UI_RIGHT | UI_BOLD);
		ui_put(2, cols - RIGHT_W + 5, RIGHT_W - 5, C_("column", "Mark"), UI_RIGHT | UI_BOLD);
	} else
		ui_put(2, cols - RIGHT_W, RIGHT_W, C_("column", "Mark"), UI_RIGHT | UI_BOLD);

	for (y = 0, pi = g->top; y < body && pi < (int)g->np; y++, pi++) {
		/* A one-cell marker, not a bold name: moving down then costs a few bytes. */
		if (pi == g->row)
			ui_put(HEAD_H + y, 0, 1, ">", UI_BOLD);
		grid_name(&g->pupils[pi], nw - 2, name, sizeof name);
		ui_put(HEAD_H + y, 1, nw - 2, name, 0);
		for (x = 0, li = g->left; x < ncols && li < (int)g->nl; x++, li++) {
			if (pi == g->row && li == g->col && g->pending[0] != '\0')
				snprintf(cell, sizeof cell, "%s", g->pending);
			else
				grid_cell_text(g, (size_t)pi, (size_t)li, cell, sizeof cell);
			/* Only the cursor cell stands out: a moving row highlight costs bytes. */
			style = pi == g->row && li == g->col && !g->away ? UI_REVERSE : 0;
			if (pi == g->row && li == g->col && g->pending[0] != '\0')
				style |= UI_UNDERLINE;
			ui_put(HEAD_H + y, nw + x * CELL_W + 1, CELL_W - 1, cell,
			    UI_RIGHT | style);
		}
		gr = NULL;
		for (i = 0; i < g->ng; i++)
			if (g->grades[i].pupil.id == g->pupils[pi].id)
				gr = &g->grades[i];
		if (gr == NULL)
			continue;
		buf[0] = '\0';
		if (gr->result.percent >= 0 && (gr->result.status == ASSESS_MARKED ||
		    gr->result.status == ASSESS_NOT_ATTESTED))
			snprintf(buf, sizeof buf, "%ld%%", assess_round(gr->result.percent));
		ui_put(HEAD_H + y, cols - RIGHT_W, 5, buf, UI_RIGHT);
		ui_put(HEAD_H + y, cols - RIGHT_W + 5, RIGHT_W - 5,
		    grades_mark_cell(gr, cell, sizeof cell), UI_RIGHT | UI_BOLD);
	}
	/* After the right columns: the last cell's marker may stand in their first, blank one. */
	for (y = 0, pi = g->top; y < body && pi < (int)g->np; y++, pi++)
		for (x = 0, li = g->left; x < ncols && li < (int)g->nl; x++, li++)
			if (g->note[(size_t)pi * g->nl + (size_t)li] != NULL)
				ui_put(HEAD_H + y, nw + (x + 1) * CELL_W, 1, "*", 0);
	if (g->np == 0)
		ui_put(HEAD_H, 0, cols, _("No pupils in this journal."), 0);
	ui_cursor(0, 0, 0);
	ui_flush();
}

/* ---- editing ---- */

static int grid_add_today(struct grid *g);

static int
grid_editable(struct grid *g)
{
	if (g->np == 0 || (g->nl == 0 && !g->away))
		return 0;
	if (g->ro == RO_LOCKED) {
		ui_status(g->ui, _("Read-only: %s is editing this page."),
		    g->holder.name[0] ? g->holder.name : g->holder.login);
		return 0;
	}
	if (g->ro == RO_REVOKED) {
		ui_status(g->ui, "%s", g->revoked);
		return 0;
	}
	if (g->ro == RO_BROKEN) {
		ui_status(g->ui, _("Read-only: %s broke your lock. Open the page again to edit."),
		    g->holder.name[0] ? g->holder.name : g->holder.login);
		return 0;
	}
	if (g->ro != RO_NONE) {
		ui_status(g->ui, "%s", _("Read-only: you may not change this journal."));
		return 0;
	}
	/* A key meant for today never writes into another day: offer today's lesson. */
	if (g->away) {
		if (!grid_today_in_term(g)) {
			ui_status(g->ui, "%s", _("Today is not in this term: choose a lesson with "
			    "the arrows."));
			return 0;
		}
		if (!ui_confirm(g->ui, _("There is no lesson today. Add today's lesson?")))
			return 0;
		return grid_add_today(g) == 0;
	}
	/* A substitute's page: the lessons outside her days are read-only, and say why. */
	if (g->others[g->col] && store_lesson_writable(g->ui->st, &g->lessons[g->col]) !=
	    STORE_OK) {
		ui_status(g->ui, "%s", store_error(g->ui->st));
		return 0;
	}
	return 1;
}

static void
grid_down(struct grid *g)
{
	if (g->row + 1 < (int)g->np)
		g->row++;
}

/* Saves one cell; on failure the old value stays and the store says why. */
static int
grid_set(struct grid *g, int value, enum attendance att)
{
	size_t i = (size_t)g->row * g->nl + (size_t)g->col;

	/* A timetabled lesson is written with its first mark, in one transaction. */
	if (store_mark_set_in(g->ui->st, &g->lessons[g->col], g->pupils[g->row].id, value,
	    att) != STORE_OK) {
		ui_status(g->ui, "%s", store_error(g->ui->st));
		return -1;
	}
	g->val[i] = value;
	g->att[i] = att;
	grid_grades(g);
	return 0;
}

static void
grid_commit_pending(struct grid *g, int move)
{
	size_t i = (size_t)g->row * g->nl + (size_t)g->col;
	enum attendance a;
	int v;

	if (g->pending[0] == '\0')
		return;
	v = atoi(g->pending);
	g->pending[0] = '\0';
	a = g->att[i] == ATT_LATE ? ATT_LATE : ATT_NONE;
	if (grid_set(g, v, a) == 0 && move)
		grid_down(g);
}

static void
grid_digit(struct grid *g, int d)
{
	const struct lesson *l;
	size_t i, len;
	enum attendance a;

	if (g->ungraded) {
		ui_status(g->ui, _("Grade 1 is not marked: %s writes a comment on the pupil's "
		    "work."), grid_key_name(g, ACTION_COMMENT));
		return;
	}
	if (!grid_editable(g))
		return;
	l = &g->lessons[g->col];
	i = (size_t)g->row * g->nl + (size_t)g->col;
	a = g->att[i] == ATT_LATE ? ATT_LATE : ATT_NONE;
	if (l->kind == LESSON_REGULAR) {
		if (grid_set(g, d == 0 ? 10 : d, a) == 0)
			grid_down(g);
		return;
	}
	len = strlen(g->pending);
	if (len + 1 >= sizeof g->pending)
		return;
	g->pending[len] = (char)('0' + d);
	g->pending[len + 1] = '\0';
	/* Save as soon as one more digit could not fit the maximum. */
	if (atoi(g->pending) * 10 > l->max_points || atoi(g->pending) == 0)
		grid_commit_pending(g, 1);
}

static void
grid_attendance(struct grid *g, enum attendance att)
{
	size_t i;

	if (!grid_editable(g))
		return;
	i = (size_t)g->row * g->nl + (size_t)g->col;
	/* The same key again takes the letter away. */
	if (g->att[i] == att)
		att = ATT_NONE;
	if (grid_set(g, g->val[i], att) == 0)
		grid_down(g);
}

/* "1"/"2"/"3" or a kind's label in any language: ФО СОр СОч, ҚБ БЖБ ТЖБ, FA SA-S SA-T. */
static int
grid_kind_parse(const char *s, enum lesson_kind *kind)
{
	static const char *const words[][4] = {
		{ "1", "fa", "фо", "қб" }, { "2", "sa-s", "сор", "бжб" }, { "3", "sa-t", "соч", "тжб" },
	};
	char *folded = text_casefold(s);
	int k, w, found = -1;

	for (k = 0; folded != NULL && found < 0 && k < 3; k++)
		for (w = 0; w < 4; w++)
			if (strcmp(folded, words[k][w]) == 0)
				found = k;
	free(folded);
	if (found < 0)
		return -1;
	*kind = found == 0 ? LESSON_REGULAR : found == 1 ? LESSON_SOR : LESSON_SOCH;
	return 0;
}

/*
 * The lesson under the cursor: topic and homework (`full` == 0, the daily
 * path), or also its date, kind and maximum points. Enter or Tab goes on,
 * Esc leaves without saving; the store checks it all when it is saved.
 */
static int
grid_lesson_edit(struct grid *g, int full)
{
	struct ui *ui = g->ui;
	struct lesson l;
	struct plan_topic picked;
	char label[160], kind[16], max[8], ask[256];
	int r, w, step, steps = full ? 5 : 2, bad_kind = 0, added;
	int64_t id;
	size_t i, n = 0;

	if (!grid_editable(g))
		return 0;
	l = g->lessons[g->col];
	/* A timetabled lesson not yet written shows the topic the plan gives it. */
	if (l.id == 0 && l.topic[0] == '\0' && g->has_plan &&
	    store_plan_next(ui->st, l.class_id, l.subject_id, l.subgroup, &picked) == STORE_OK) {
		snprintf(l.topic, sizeof l.topic, "%s", picked.topic);
		if (l.homework[0] == '\0')
			snprintf(l.homework, sizeof l.homework, "%s", picked.homework);
	}
	snprintf(kind, sizeof kind, "%s", lesson_kind_label(l.kind));
	snprintf(max, sizeof max, "%d", l.max_points);
	for (step = 0; step < steps;) {
		char *buf = step == 0 ? l.topic : step == 1 ? l.homework : step == 2 ? l.date :
		    step == 3 ? kind : max;
		size_t size = step == 0 ? sizeof l.topic : step == 1 ? sizeof l.homework :
		    step == 2 ? sizeof l.date : step == 3 ? sizeof kind : sizeof max;
		const char *name = step == 0 ? (g->has_plan ? _("Topic (Down: the plan's)") :
		    _("Topic")) : step == 1 ? _("Homework") :
		    step == 2 ? _("Date") : step == 3 ? _("Kind (1 FA, 2 SA-S, 3 SA-T)") :
		    _("Maximum points");

		/* The editor is on the status line: no old message may cover it. */
		ui->message[0] = '\0';
		grid_draw(g);
		if (step == 3 && bad_kind)
			name = _("Type 1 (FA), 2 (SA-S) or 3 (SA-T)");
		snprintf(label, sizeof label, "%s: ", name);
		w = ui_put(ui_rows() - 2, 0, ui_cols(), label, UI_BOLD);
		r = ui_line_edit(ui, ui_rows() - 2, w, ui_cols() - w, buf, size, 0);
		if (r == UI_QUIT)
			return UI_QUIT;
		if (r == 0)
			return 0;
		/* Down on the topic opens the plan's topics, as a drop-down list would. */
		if (step == 0 && r == 2 && g->has_plan && strcmp(ui->edit_key, "Down") == 0) {
			if ((r = ui_plan_run(ui, &g->j, 1, &picked)) == UI_QUIT)
				return UI_QUIT;
			if (r == 1) {
				snprintf(l.topic, sizeof l.topic, "%s", picked.topic);
				if (l.homework[0] == '\0')
					snprintf(l.homework, sizeof l.homework, "%s",
					    picked.homework);
			}
			continue;
		}
		if (r != 1 && r != 2)
			continue;
		if (step == 3) {
			if ((bad_kind = grid_kind_parse(kind, &l.kind) != 0))
				continue;
			/* A formative lesson has no maximum: nothing more to ask. */
			if (l.kind == LESSON_REGULAR)
				step++;
		}
		step++;
	}
	if (full)
		l.max_points = l.kind == LESSON_REGULAR ? 0 : atoi(max);
	added = l.id == 0;
	/* Enter through an empty editor puts nothing in a timetabled lesson: nothing to write. */
	if (added && !full && l.topic[0] == '\0' && l.homework[0] == '\0')
		return 0;
	/* A timetabled lesson not yet written is written now, with its topic. */
	if (l.id == 0 ? store_lesson_add(ui->st, &l) != STORE_OK :
	    store_lesson_reinterpreted(ui->st, &l, &n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return 0;
	}
	if (n > 0) {
		if (l.kind == LESSON_REGULAR)
			snprintf(ask, sizeof ask,
			    _("Read the %zu points of this lesson as formative marks?"), n);
		else
			snprintf(ask, sizeof ask, _("Read the %zu formative marks of this lesson as "
			    "points out of %d?"), n, l.max_points);
		if (!ui_confirm(ui, ask)) {
			ui_status(ui, "%s", _("The lesson is left as it was."));
			return 0;
		}
	}
	/* A refused change keeps the old lesson: the grid still holds it. */
	if (!added && store_lesson_update(ui->st, &l, n > 0 ? STORE_LESSON_REINTERPRET : 0) !=
	    STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return 0;
	}
	/* A new date may move the column, or out of this term: reload and follow it. */
	id = l.id;
	if (grid_load(g) != 0)
		return 0;
	for (i = 0; i < g->nl; i++)
		if (g->lessons[i].id == id)
			g->col = (int)i;
	return 0;
}

/*
 * Adds a lesson for today and puts the cursor on it: 0, or -1 when it was
 * refused or not wanted. A Sunday or a holiday asks first: most often the
 * date is a slip.
 */
static int
grid_add_today(struct grid *g)
{
	struct ui *ui = g->ui;
	struct lesson l;
	size_t i;
	int off;

	if (g->ro != RO_NONE) {
		ui_status(ui, "%s", _("Read-only: you may not change this journal."));
		return -1;
	}
	if (!grid_today_in_term(g)) {
		ui_status(ui, "%s", _("Today is not in this term."));
		return -1;
	}
	off = store_class_day_off(ui->st, g->c.id, ui->today);
	if (off != DAY_SCHOOL && !ui_confirm(ui, off == DAY_SUNDAY ?
	    _("Today is a Sunday. Add a lesson on it all the same?") :
	    _("Today is in the holidays. Add a lesson on it all the same?")))
		return -1;
	memset(&l, 0, sizeof l);
	l.class_id = g->c.id;
	l.subject_id = g->s.id;
	l.subgroup = g->j.subgroup;
	snprintf(l.date, sizeof l.date, "%s", ui->today);
	l.kind = LESSON_REGULAR;
	/* A lesson added by hand is one more: today's timetabled lessons keep their columns. */
	l.makeup = 1;
	if (store_lesson_add(ui->st, &l) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	g->away = 0;
	if (grid_load(g) != 0)
		return -1;
	for (i = 0; i < g->nl; i++)
		if (g->lessons[i].id == l.id)
			g->col = (int)i;
	return 0;
}

static int
grid_lesson_add(struct grid *g)
{
	if (grid_add_today(g) != 0)
		return 0;
	g->row = 0;
	return grid_lesson_edit(g, 0);
}

/*
 * The comment on the cell under the cursor: written where the page is hers,
 * read where it is not (someone else's page, a closed period, a journal she
 * only reads). A refused text stays in the editor with the store's reason.
 */
static int
grid_comment(struct grid *g)
{
	struct ui *ui = g->ui;
	const struct comment *note = NULL;
	char title[1024], name[512], text[STORE_COMMENT_MAX + 1];
	int readonly = g->ro != RO_NONE || g->p.closed, r;
	const struct lesson *l = NULL;
	const struct pupil *p = NULL;

	if (readonly && (g->away || g->nl == 0 || g->np == 0)) {
		ui_status(ui, "%s", _("Choose a lesson with the arrows first."));
		return 0;
	}
	if (!readonly && !grid_editable(g))
		return 0;
	l = &g->lessons[g->col];
	p = &g->pupils[g->row];
	note = g->note[(size_t)g->row * g->nl + (size_t)g->col];
	if (readonly && note == NULL) {
		ui_status(ui, "%s", _("No comment on this cell."));
		return 0;
	}
	snprintf(text, sizeof text, "%s", note != NULL ? note->text : "");
	snprintf(name, sizeof name, "%s %s", p->surname, p->given);
	snprintf(title, sizeof title, "%s · %s · %.2s.%.2s", _("Comment"), name, l->date + 8,
	    l->date + 5);
	while ((r = ui_comment_edit(ui, title, text, sizeof text, readonly)) == 1) {
		if (store_comment_set_in(ui->st, &g->lessons[g->col], p->id, text) == STORE_OK)
			break;
		ui_status(ui, "%s", store_error(ui->st));
	}
	if (r == UI_QUIT)
		return UI_QUIT;
	/* The store's word on what is kept: white space alone removes the comment. */
	if (r == 1 && grid_load(g) == 0 && g->np > 0 && g->nl > 0)
		ui_status(ui, "%s", g->note[(size_t)g->row * g->nl + (size_t)g->col] != NULL ?
		    _("The comment is saved.") : _("The comment is removed."));
	return 0;
}

/* The lesson under the cursor goes, with its marks after a question that counts them. */
static void
grid_lesson_remove(struct grid *g)
{
	struct ui *ui = g->ui;
	const struct lesson *l;
	char ask[256];
	size_t n = 0;

	if (g->away || g->nl == 0) {
		ui_status(ui, "%s", _("Choose the lesson to remove with the arrows first."));
		return;
	}
	if (!grid_editable(g))
		return;
	l = &g->lessons[g->col];
	if (l->id == 0) {
		ui_status(ui, "%s", _("This lesson is only in the timetable: nothing is written "
		    "in it to remove."));
		return;
	}
	if (store_lesson_mark_count(ui->st, l->id, &n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return;
	}
	if (n == 0)
		snprintf(ask, sizeof ask, _("Remove the lesson of %.2s.%.2s?"), l->date + 8,
		    l->date + 5);
	else
		snprintf(ask, sizeof ask, _("Remove the lesson of %.2s.%.2s and the marks in it "
		    "(%zu)?"), l->date + 8, l->date + 5, n);
	if (!ui_confirm(ui, ask))
		return;
	/* With no marks counted, a mark that came meanwhile makes the store refuse. */
	if (store_lesson_remove(ui->st, l->id, n > 0) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return;
	}
	if (grid_load(g) == 0)
		ui_status(ui, "%s", _("The lesson is removed."));
}

static void
grid_period_step(struct grid *g, int step)
{
	struct ui *ui = g->ui;
	struct period *ps = NULL, next;
	size_t n = 0, i;
	int found = -1, k;

	if (store_period_list(ui->st, g->p.start_year, &ps, &n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return;
	}
	for (i = 0; i < n; i++)
		if (ps[i].id == g->p.id)
			found = (int)i;
	for (k = found + step; found >= 0 && k >= 0 && k < (int)n; k += step)
		if (ps[k].kind == g->p.kind)
			break;
	if (found < 0 || k < 0 || k >= (int)n) {
		ui_status(ui, "%s", _("There is no other term this way."));
		goto out;
	}
	next = ps[k];
	grid_unlock(g);
	g->p = next;
	grid_open_period(g);
out:
	free(ps);
}

static void
grid_percent(double v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%ld%%", assess_round(v));
}

/* How the percent is made, from the journal's scheme (weights are data). */
static void
grid_formula(struct grid *g, char *out, size_t size)
{
	struct assess_scheme sc;

	out[0] = '\0';
	if (store_scheme_for(g->ui->st, &g->c, &g->s, &sc) != STORE_OK)
		return;
	if (sc.kind == ASSESS_CLASSIC)
		snprintf(out, size, "%s", _("The term mark is the rounded mean of the marks."));
	else if (sc.kind == ASSESS_UNGRADED)
		snprintf(out, size, "%s", _("This journal is not graded."));
	else if (g->p.kind == 'h')
		snprintf(out, size, "%% = %g%% %s + %g%% %s", sc.w_fo_nosoch,
		    lesson_kind_label(LESSON_REGULAR), sc.w_sor_nosoch,
		    lesson_kind_label(LESSON_SOR));
	else
		snprintf(out, size, "%% = %g%% %s + %g%% %s + %g%% %s", sc.w_fo,
		    lesson_kind_label(LESSON_REGULAR), sc.w_sor, lesson_kind_label(LESSON_SOR),
		    sc.w_soch, lesson_kind_label(LESSON_SOCH));
}

/* The term's results per pupil: the shares that make the percent, and the mark. */
static int
grid_summary(struct grid *g)
{
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_BACK, N_("back") }, { ACTION_HELP, N_("help") }, { ACTION_NONE, NULL } };
	struct ui *ui = g->ui;
	const struct grade_row *gr;
	struct ui_key k;
	enum action action;
	char title[1024], name[512], buf[32], mark[32], formula[256];
	int nw, x, y, r, top = 0, body, i, n = (int)g->ng;

	for (;;) {
		body = ui_rows() - HEAD_H - 2 > 1 ? ui_rows() - HEAD_H - 2 : 1;
		nw = ui_cols() - 5 * 6 - 1;
		if (nw > 40)
			nw = 40;
		if (top + body > n)
			top = n > body ? n - body : 0;
		ui_erase();
		grid_title(g, title, sizeof title);
		snprintf(title + strlen(title), sizeof title - strlen(title), " · %s",
		    _("term results"));
		grid_formula(g, formula, sizeof formula);
		ui_frame(ui, title, formula, "grid", hints);
		ui_put(2, 1, nw - 1, _("Pupil"), UI_BOLD);
		x = nw;
		ui_put(2, x, 6, lesson_kind_label(LESSON_REGULAR), UI_RIGHT | UI_BOLD);
		ui_put(2, x + 6, 6, lesson_kind_label(LESSON_SOR), UI_RIGHT | UI_BOLD);
		ui_put(2, x + 12, 6, lesson_kind_label(LESSON_SOCH), UI_RIGHT | UI_BOLD);
		ui_put(2, x + 18, 6, "%", UI_RIGHT | UI_BOLD);
		ui_put(2, x + 24, 6, C_("column", "Mark"), UI_RIGHT | UI_BOLD);
		for (y = 0, i = top; y < body && i < n; y++, i++) {
			gr = &g->grades[i];
			grid_name(&gr->pupil, nw - 2, name, sizeof name);
			ui_put(HEAD_H + y, 1, nw - 2, name, 0);
			grid_percent(gr->result.fo_pct, buf, sizeof buf);
			ui_put(HEAD_H + y, x, 6, buf, UI_RIGHT);
			grid_percent(gr->result.sor_pct, buf, sizeof buf);
			ui_put(HEAD_H + y, x + 6, 6, buf, UI_RIGHT);
			grid_percent(gr->result.soch_pct, buf, sizeof buf);
			ui_put(HEAD_H + y, x + 12, 6, buf, UI_RIGHT);
			grid_percent(gr->result.status == ASSESS_MARKED ||
			    gr->result.status == ASSESS_NOT_ATTESTED ? gr->result.percent : -1,
			    buf, sizeof buf);
			ui_put(HEAD_H + y, x + 18, 6, buf, UI_RIGHT);
			ui_put(HEAD_H + y, x + 24, 6, grades_mark_cell(gr, mark, sizeof mark),
			    UI_RIGHT | UI_BOLD);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		do {
			r = ui_key_read(ui, &k, 1);
		} while (r == UI_IDLE);
		ui->message[0] = '\0';
		if (r == UI_QUIT)
			return UI_QUIT;
		if ((action = ui_action(ui, "grid", &k)) == ACTION_NONE)
			continue;
		if (action == ACTION_DOWN && top + body < n)
			top++;
		else if (action == ACTION_UP && top > 0)
			top--;
		else if (action == ACTION_PAGE_DOWN)
			top += body;
		else if (action == ACTION_PAGE_UP)
			top = top > body ? top - body : 0;
		else if (action == ACTION_BACK || action == ACTION_SUMMARY)
			return 0;
		else if (ui_global_action(ui, "grid", action) < 0)
			return UI_QUIT;
	}
}

/* A quiet tick: heartbeat our lock, follow other sessions. 1 when a redraw is due. */
static int
grid_tick(struct grid *g)
{
	struct ui *ui = g->ui;
	struct lock_info h;
	time_t now = time(NULL);
	int64_t v;
	int changed = 0, rc;

	if (g->own_lock && now - g->beat >= UI_HEARTBEAT) {
		g->beat = now;
		if (store_lock_heartbeat(ui->st) != STORE_OK) {
			ui_status(ui, "%s", store_error(ui->st));
			changed = 1;
		}
	}
	v = store_data_version(ui->st);
	if (v == g->version && !(g->ro == RO_LOCKED && now - g->beat >= UI_HEARTBEAT))
		return changed;
	if (g->ro == RO_LOCKED)
		g->beat = now;
	/* Someone wrote: perhaps to her account. A revoked account lets the page go. */
	if (g->ro != RO_REVOKED && store_actor_check(ui->st) == STORE_DENIED) {
		snprintf(g->revoked, sizeof g->revoked, "%s", store_error(ui->st));
		grid_unlock(g);
		g->ro = RO_REVOKED;
		g->pending[0] = '\0';
		ui_status(ui, "%s", g->revoked);
		changed = 1;
	}
	if (g->own_lock) {
		/* Our own login elsewhere may have taken the page over. */
		rc = store_lock_holder(ui->st, g->resource, UI_LOCK_STALE, &h);
		if (rc == STORE_OK && strcmp(h.session, ui->actor.session) != 0) {
			g->own_lock = 0;
			g->ro = RO_LOCKED;
			g->holder = h;
			g->pending[0] = '\0';
			changed = 1;
		} else if (rc == STORE_NOT_FOUND && store_lock_broken(ui->st, g->resource, &h) ==
		    STORE_OK) {
			/* An admin broke our lock: taking it back would undo the break. */
			g->own_lock = 0;
			g->ro = RO_BROKEN;
			g->holder = h;
			g->pending[0] = '\0';
			changed = 1;
		} else if (rc == STORE_NOT_FOUND) {
			/* Our lock went with a stale heartbeat: take it again if free. */
			grid_lock(g);
			changed = 1;
		}
	} else if (g->ro == RO_LOCKED) {
		rc = store_lock_holder(ui->st, g->resource, UI_LOCK_STALE, &h);
		if (rc == STORE_NOT_FOUND) {
			grid_lock(g);
			changed = 1;
		} else if (rc == STORE_OK && memcmp(&h, &g->holder, sizeof h) != 0) {
			g->holder = h;
			changed = 1;
		}
	} else if (g->ro == RO_DENIED) {
		rc = store_lock_holder(ui->st, g->resource, UI_LOCK_STALE, &h);
		if (rc != STORE_OK)
			memset(&h, 0, sizeof h);
		if (memcmp(&h, &g->holder, sizeof h) != 0) {
			g->holder = h;
			changed = 1;
		}
	}
	if (v != g->version) {
		grid_load(g);
		changed = 1;
	}
	return changed;
}

/* One key: 1 to stay, 0 to go back, UI_QUIT to end the session. */
static int
grid_key(struct grid *g, const struct ui_key *k)
{
	struct ui *ui = g->ui;
	enum action action;
	int gl, d = -1, body = ui_rows() - HEAD_H - 2 > 1 ? ui_rows() - HEAD_H - 2 : 1;

	action = ui_action(ui, "grid", k);
	if (action == ACTION_NONE && strcmp(k->name, "Redraw") == 0) {
		/* Back from the lock screen: the page may have gone to someone else. */
		if (g->own_lock) {
			g->own_lock = 0;
			grid_lock(g);
		}
		grid_load(g);
		return 1;
	}
	if (action == ACTION_NONE) {
		/* The whole digit row of every layout, Kazakh " , . included. */
		if ((d = keymap_digit(k->name)) >= 0)
			grid_digit(g, d);
		return 1;
	}
	/* Grade 1 has no points to save: Enter opens the cell's comment. */
	if (action == ACTION_COMMENT || (action == ACTION_ENTER && g->ungraded)) {
		grid_commit_pending(g, 0);
		return grid_comment(g) == UI_QUIT ? UI_QUIT : 1;
	}
	if (action == ACTION_ENTER) {
		if (g->pending[0] != '\0')
			grid_commit_pending(g, 1);
		else
			return grid_lesson_edit(g, 1) == UI_QUIT ? UI_QUIT : 1;
		return 1;
	}
	/* Any other key first saves the points being typed. */
	grid_commit_pending(g, 0);
	if ((gl = ui_global_action(ui, "grid", action)) < 0)
		return UI_QUIT;
	if (gl > 0)
		return 1;
	if (action == ACTION_BACK)
		return 0;
	if (action == ACTION_UP && g->row > 0)
		g->row--;
	else if (action == ACTION_DOWN)
		grid_down(g);
	else if (action == ACTION_LEFT && g->away && g->gap > 0)
		g->away = 0;	/* today's place is right of the lesson shown */
	else if (action == ACTION_RIGHT && g->away && g->gap < g->nl) {
		g->col = (int)g->gap;
		g->away = 0;
	} else if (g->away && (action == ACTION_LEFT || action == ACTION_RIGHT))
		;	/* no lesson that way: stay on today's place */
	else if (action == ACTION_LEFT && g->col > 0)
		g->col--;
	else if (action == ACTION_RIGHT && g->col + 1 < (int)g->nl)
		g->col++;
	else if (action == ACTION_PAGE_UP)
		g->row = g->row > body ? g->row - body : 0;
	else if (action == ACTION_PAGE_DOWN && g->np > 0)
		g->row = g->row + body < (int)g->np ? g->row + body : (int)g->np - 1;
	else if (action == ACTION_FIRST && g->nl > 0) {
		g->col = 0;
		g->away = 0;
	} else if (action == ACTION_LAST && g->nl > 0) {
		g->col = (int)g->nl - 1;
		g->away = 0;
	} else if (action == ACTION_TODAY)
		grid_goto_today(g);
	else if (action == ACTION_ABSENT)
		grid_attendance(g, ATT_ABSENT);
	else if (action == ACTION_EXCUSED)
		grid_attendance(g, ATT_EXCUSED);
	else if (action == ACTION_ILL)
		grid_attendance(g, ATT_ILL);
	else if (action == ACTION_LATE)
		grid_attendance(g, ATT_LATE);
	else if (action == ACTION_CLEAR) {
		if (grid_editable(g))
			grid_set(g, -1, ATT_NONE);
	} else if (action == ACTION_LESSON_EDIT)
		return grid_lesson_edit(g, 0) == UI_QUIT ? UI_QUIT : 1;
	else if (action == ACTION_LESSON_ADD)
		return grid_lesson_add(g) == UI_QUIT ? UI_QUIT : 1;
	else if (action == ACTION_LESSON_REMOVE)
		grid_lesson_remove(g);
	else if (action == ACTION_SUMMARY)
		return grid_summary(g) == UI_QUIT ? UI_QUIT : 1;
	else if (action == ACTION_PLAN)
		return ui_plan_run(ui, &g->j, 0, NULL) == UI_QUIT ? UI_QUIT : 1;
	else if (action == ACTION_PERIOD_PREV)
		grid_period_step(g, -1);
	else if (action == ACTION_PERIOD_NEXT)
		grid_period_step(g, 1);
	return 1;
}

int
ui_grid_run(struct ui *ui, const struct journal *j)
{
	struct grid g;
	struct ui_key k;
	struct assess_scheme scheme;
	int r, rc = 0, dirty = 1, stay = 1;

	memset(&g, 0, sizeof g);
	g.ui = ui;
	g.j = *j;
	ui->message[0] = '\0';
	if (store_class_get(ui->st, j->class_id, &g.c) != STORE_OK ||
	    store_subject_in_class(ui->st, j->class_id, j->subject_id, &g.s) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	if (store_period_for_date(ui->st, ui->today, g.s.hours == 1 ? 'h' : 'q', &g.p) !=
	    STORE_OK && store_period_find(ui->st, g.s.hours == 1 ? "h1" : "q1", ui->today,
	    &g.p) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	g.ungraded = store_scheme_for(ui->st, &g.c, &g.s, &scheme) == STORE_OK &&
	    scheme.kind == ASSESS_UNGRADED;
	grid_open_period(&g);
	while (stay > 0) {
		if (dirty)
			grid_draw(&g);
		dirty = 0;
		if ((r = ui_key_read(ui, &k, 1)) == UI_QUIT) {
			rc = UI_QUIT;
			break;
		}
		if (r == UI_IDLE) {
			dirty = grid_tick(&g);
			continue;
		}
		/* A question a key asked may have seen the session end (ui->quit). */
		do {
			ui->message[0] = '\0';
			if ((stay = grid_key(&g, &k)) <= 0 || ui->quit)
				break;
		} while ((r = ui_key_read(ui, &k, 0)) == UI_KEY);
		if (stay == UI_QUIT || r == UI_QUIT || ui->quit) {
			rc = UI_QUIT;
			break;
		}
		/* Keys can come after a long quiet spell: catch up before drawing. */
		grid_tick(&g);
		dirty = 1;
	}
	grid_commit_pending(&g, 0);
out:
	grid_unlock(&g);
	grid_free_data(&g);
	return rc;
}
