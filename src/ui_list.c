/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_list: the list widget every screen of rows is made of, and the
 * prompts beside it. A list (struct ui_list: how to read its rows, the text
 * of a cell or how to draw a row, what its keys do) is run by
 * ui_list_run(); with no_selection it is a text to scroll. Below it: the
 * one-line prompts, the pick list and the yes/no question.
 *
 * Columns take the width their text needs, up to a maximum, so a Kazakh
 * role name or a long login is not cut where it fits; one column takes
 * what is left. On a narrow terminal the columns marked UI_COL_NARROW
 * go first, from the right, so 40 columns still show what matters.
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "i18n.h"
#include "keymap.h"
#include "text.h"
#include "ui_widgets.h"

#define UI_COLUMNS_MAX	8
#define UI_FLEX_MIN		8	/* the rest column's width when it names none */

/* admin_key() on a screen whose keys are those of `context`. */
static int
context_key(struct ui *ui, const char *context, struct ui_key *k, enum action *action,
    int idle)
{
	int r;

	*action = ACTION_NONE;
	do {
		r = ui_key_read(ui, k, 1);
	} while (r == UI_IDLE && !idle);
	if (r != UI_KEY)
		return r;
	ui->message[0] = '\0';
	*action = ui_action(ui, context, k);
	return UI_KEY;
}

int
admin_key(struct ui *ui, struct ui_key *k, enum action *action, int idle)
{
	return context_key(ui, "admin", k, action, idle);
}

/* Moves the selection for up/down/page/first/last; 1 when the action was one of them. */
static int
list_move(enum action action, int *sel, size_t n, int height)
{
	if (action == ACTION_UP) {
		if (*sel > 0)
			(*sel)--;
	} else if (action == ACTION_DOWN) {
		if (*sel + 1 < (int)n)
			(*sel)++;
	} else if (action == ACTION_FIRST)
		*sel = 0;
	else if (action == ACTION_LAST)
		*sel = n > 0 ? (int)n - 1 : 0;
	else if (action == ACTION_PAGE_UP)
		*sel = *sel > height ? *sel - height : 0;
	else if (action == ACTION_PAGE_DOWN) {
		if (n > 0)
			*sel = *sel + height < (int)n ? *sel + height : (int)n - 1;
	} else
		return 0;
	return 1;
}

/* Keeps the selected row in the window of `height` rows starting at *top. */
static void
list_scroll(int *sel, int *top, size_t n, int height)
{
	if (*sel >= (int)n)
		*sel = n > 0 ? (int)n - 1 : 0;
	if (*sel < 0)
		*sel = 0;
	if (*top > *sel)
		*top = *sel;
	if (*sel >= *top + height)
		*top = *sel - height + 1;
}

/* ---- lists ---- */

static const char *
list_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const char *s;

	buf[0] = '\0';
	*style = l->columns[col].style;
	s = l->cell(l, row, col, buf, size, style);
	return s != NULL ? s : "";
}

/*
 * Chooses the columns shown and their widths for `cols` terminal columns:
 * each fixed column as wide as its widest text (at most its max), the rest
 * column what is left; narrow columns are dropped from the right until the
 * rest column has its minimum.
 */
static void
list_layout(const struct ui_list *l, size_t n, int cols, int width[], int x[])
{
	char buf[512];
	int ncol, c, need, flex = -1, style, w;
	size_t i;

	for (ncol = 0; ncol < UI_COLUMNS_MAX && l->columns[ncol].max >= 0; ncol++) {
		const struct ui_column *col = &l->columns[ncol];

		if (col->max == 0) {
			flex = ncol;
			width[ncol] = col->min > 0 ? col->min : UI_FLEX_MIN;
			continue;
		}
		width[ncol] = col->heading != NULL ? (int)text_width(_(col->heading)) : 0;
		for (i = 0; i < n && width[ncol] < col->max; i++) {
			w = (int)text_width(list_cell(l, i, ncol, buf, sizeof buf, &style));
			if (w > width[ncol])
				width[ncol] = w;
		}
		if (width[ncol] > col->max)
			width[ncol] = col->max;
	}
	for (;;) {
		need = 1;
		for (c = 0; c < ncol; c++)
			if (width[c] > 0)
				need += width[c] + 1;
		if (need <= cols)
			break;
		for (c = ncol - 1; c >= 0; c--)
			if (width[c] > 0 && (l->columns[c].flags & UI_COL_NARROW))
				break;
		if (c < 0)
			break;
		width[c] = 0;
	}
	if (flex >= 0 && need < cols)
		width[flex] += cols - need;
	for (c = 0, w = 1; c < ncol; c++) {
		x[c] = w;
		if (width[c] > 0)
			w += width[c] + 1;
		if (x[c] + width[c] > cols)	/* what still does not fit is cut */
			width[c] = cols - x[c] > 0 ? cols - x[c] : 0;
	}
	for (; c < UI_COLUMNS_MAX; c++)
		width[c] = 0;
}

static int
list_has_headings(const struct ui_list *l)
{
	int c;

	for (c = 0; l->columns != NULL && c < UI_COLUMNS_MAX && l->columns[c].max >= 0; c++)
		if (l->columns[c].heading != NULL)
			return 1;
	return 0;
}

/* The screen row of the list's first line: a blank line under the title, unless asked. */
static int
list_first_row(const struct ui_list *l)
{
	return l->under_title && !list_has_headings(l) ? 1 : 2;
}

/* The keymap's context of a list: its own screen's keys, else the administration's. */
static const char *
list_context(const struct ui_list *l)
{
	return l->context != NULL ? l->context : "admin";
}

static void
list_draw(struct ui *ui, const struct ui_list *l, size_t n, int sel, int top,
    int height)
{
	char buf[512];
	const char *text;
	int width[UI_COLUMNS_MAX], x[UI_COLUMNS_MAX];
	int y0 = list_first_row(l), y, c, st, style;
	size_t i;

	if (l->columns != NULL)
		list_layout(l, n, ui_cols(), width, x);
	ui_erase();
	ui_frame(ui, l->title, n == 0 && l->empty != NULL ? _(l->empty) : l->status,
	    list_context(l), l->hints);
	if (list_has_headings(l)) {
		for (c = 0; c < UI_COLUMNS_MAX; c++)
			if (width[c] > 0 && l->columns[c].heading != NULL)
				ui_put(y0, x[c], width[c], _(l->columns[c].heading),
				    UI_BOLD | (l->columns[c].style & UI_RIGHT));
		y0++;
	}
	for (y = 0, i = (size_t)top; y < height && i < n; y++, i++) {
		st = (int)i == sel && !l->no_selection ? UI_REVERSE : 0;
		/* A row drawn in parts starts from a clean line. */
		if (st || l->columns == NULL)
			ui_put(y0 + y, 0, ui_cols(), "", UI_PAD | st);
		if (l->columns == NULL) {
			l->draw_row(ui, l, i, y0 + y, st);
			continue;
		}
		for (c = 0; c < UI_COLUMNS_MAX; c++) {
			if (width[c] == 0)
				continue;
			/* The cell first: it sets the style the put then uses. */
			text = list_cell(l, i, c, buf, sizeof buf, &style);
			ui_put(y0 + y, x[c], width[c], text, style | st);
		}
	}
	ui_cursor(0, 0, 0);
	ui_flush();
}

/*
 * Bytes still waiting after a typed character: a paste. Keys typed ahead
 * on a slow link (an action, then the answers to its prompts) come to a few
 * dozen bytes; a class list's first two lines already pass this.
 */
#define PASTE_BYTES	64
#define PASTE_QUIET_MS	100	/* a paste over a slow link comes in pieces this close */

int
ui_input_pending(void)
{
	int n = 0;

	if (ioctl(STDIN_FILENO, FIONREAD, &n) != 0)
		return 0;
	return n;
}

/*
 * The next key of a list, or UI_IDLE/UI_QUIT. A paste meant for a prompt
 * (a class list) must never act as commands on a list: a printable key with
 * PASTE_BYTES more bytes already behind it is no one typing. It is swallowed
 * with the rest of the paste, pieces that follow within PASTE_QUIET_MS
 * included. Keys typed ahead stay where they are, for the prompts they
 * answer. (Bracketed paste would say it exactly; the terminal layer does
 * not ask for it yet.)
 */
static int
list_key(struct ui *ui, const struct ui_list *l, struct ui_key *k, enum action *action)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	int r;

	if ((r = context_key(ui, list_context(l), k, action, 1)) != UI_KEY ||
	    k->text[0] == '\0' || ui_input_pending() < PASTE_BYTES)
		return r;
	do {
		while ((r = ui_key_read(ui, k, 0)) == UI_KEY)
			;
		if (r == UI_QUIT)
			return UI_QUIT;
	} while (poll(&pfd, 1, PASTE_QUIET_MS) > 0 && (pfd.revents & POLLIN));
	*action = ACTION_NONE;
	ui_status(ui, "%s", _("A paste here is not a command: it was ignored. Paste a class "
	    "list at the import prompt."));
	return UI_KEY;
}

int
ui_list_run(struct ui *ui, struct ui_list *l)
{
	struct ui_key k;
	enum action action;
	size_t n = 0;
	int64_t seen = -1, now;
	int sel = (int)l->first, top = 0, reload = 1, height, r, g;

	for (;;) {
		if (reload) {
			n = 0;
			seen = store_data_version(ui->st);
			if (l->load(ui, l, &n) != 0)
				n = 0;
			reload = 0;
		}
		/* ui_list_height() counts from row 2 and leaves one for headings. */
		height = ui_list_height() + (list_has_headings(l) ? 0 : 1) + 2 -
		    list_first_row(l);
		list_scroll(&sel, &top, n, height);
		list_draw(ui, l, n, sel, top, height);
		/* Rows change under other sessions' hands: look again on a quiet tick. */
		if ((r = list_key(ui, l, &k, &action)) == UI_QUIT)
			return UI_QUIT;
		if (r == UI_IDLE) {
			now = store_data_version(ui->st);
			reload = l->live || now != seen;
			continue;
		}
		if (action == ACTION_NONE)
			continue;
		if (l->no_selection) {	/* a text: the keys scroll it */
			if (list_move(action, &top, n > (size_t)height ? n - height + 1 : 1,
			    height)) {
				sel = top;
				continue;
			}
		} else if (list_move(action, &sel, n, height))
			continue;
		if ((g = ui_global_action(ui, list_context(l), action)) < 0)
			return UI_QUIT;
		/* The title and cells are made at load: a new language loads them anew. */
		if (g > 0) {
			reload = action == ACTION_LANGUAGE;
			continue;
		}
		if (action == ACTION_BACK)
			return 0;
		/* A prompt or question inside the act may have seen the session end. */
		r = l->act(ui, l, action, (size_t)sel, n);
		if (r == UI_QUIT || ui->quit)
			return UI_QUIT;
		if (r == LIST_BACK)
			return 0;
		if (r == LIST_RELOAD)
			reload = 1;
		/* The act chose the row to show next (a topic moved along with the cursor). */
		if (l->follow) {
			sel = (int)l->first;
			l->follow = 0;
		}
	}
}

int
ui_lines_add(char ***lines, size_t *n, const char *p, size_t len)
{
	char **grown = NULL;

	if ((grown = realloc(*lines, (*n + 1) * sizeof *grown)) == NULL)
		return -1;
	*lines = grown;
	if (((*lines)[*n] = strndup(p, len)) == NULL)
		return -1;
	(*n)++;
	return 0;
}

void
ui_lines_free(char ***lines, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*lines)[i]);
	free(*lines);
	*lines = NULL;
	*n = 0;
}

int
ui_list_height(void)
{
	return ui_rows() - 5 > 1 ? ui_rows() - 5 : 1;
}

/* ---- names to pick from ---- */

void
pick_lists_free(struct pick_lists *l)
{
	free(l->logins);
	free(l->classes);
	free(l->subjects);
	free(l->users);
	free(l->cls);
	free(l->subj);
	memset(l, 0, sizeof *l);
}

/* Fills the lists; a list that cannot be read stays empty (names can still be typed). */
void
pick_lists_load(struct ui *ui, struct pick_lists *l)
{
	size_t nc = 0, ns = 0, i;

	pick_lists_free(l);
	if (store_user_list(ui->st, &l->users, &l->nusers) == STORE_OK && l->nusers > 0 &&
	    (l->logins = calloc(l->nusers, sizeof *l->logins)) != NULL)
		for (i = 0; i < l->nusers; i++)
			if (!l->users[i].disabled)
				l->logins[l->nlogins++] = l->users[i].login;
	if (store_class_list(ui->st, &l->cls, &nc) == STORE_OK && nc > 0 &&
	    (l->classes = calloc(nc, sizeof *l->classes)) != NULL)
		for (i = 0; i < nc; i++)
			l->classes[l->nclasses++] = l->cls[i].name;
	if (store_subject_list(ui->st, &l->subj, &ns) == STORE_OK && ns > 0 &&
	    (l->subjects = calloc(ns, sizeof *l->subjects)) != NULL)
		for (i = 0; i < ns; i++)
			l->subjects[l->nsubjects++] = l->subj[i].name;
}

const char *
pick_lists_login(const struct pick_lists *l, int64_t user_id)
{
	size_t i;

	for (i = 0; i < l->nusers; i++)
		if (l->users[i].id == user_id)
			return l->users[i].login;
	return "";
}

/* ---- prompts ---- */

/* The label and field on the status line; ui_line_edit's answer. */
static int
prompt_line(struct ui *ui, const char *label, char *buf, size_t size, int secret)
{
	int w;

	ui->message[0] = '\0';
	ui_put(ui_rows() - 2, 0, ui_cols(), "", UI_PAD);
	w = ui_put(ui_rows() - 2, 0, ui_cols() / 2, label, UI_BOLD);
	return ui_line_edit(ui, ui_rows() - 2, w + 1, ui_cols() - w - 2, buf, size, secret);
}

/*
 * Asks for one line on the status line. Returns 1 with the text in buf, 0
 * when cancelled (Escape, Tab, or the session ending: ui->quit says which).
 */
int
ui_prompt(struct ui *ui, const char *label, char *buf, size_t size, int secret)
{
	int r;

	while ((r = prompt_line(ui, label, buf, size, secret)) == 3)
		;
	return r == 1;
}

/* ui_prompt() for a date: DD.MM.YYYY or YYYY-MM-DD, kept as YYYY-MM-DD. */
int
ui_prompt_date(struct ui *ui, const char *label, char out[11])
{
	char buf[32];

	snprintf(buf, sizeof buf, "%s", out);
	if (!ui_prompt(ui, label, buf, sizeof buf, 0))
		return 0;
	if (!date_parse(buf, out)) {
		ui_status(ui, "%s", _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
		return 0;
	}
	return 1;
}

struct pick {
	char **items;
	size_t n;
	char *buf;		/* the choice's text, or NULL */
	size_t size;
	int chosen;		/* 1 + the row chosen; 0 none */
};

static int
pick_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	(void)ui;
	*n = ((struct pick *)l->ctx)->n;
	return 0;
}

static const char *
pick_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	(void)col, (void)buf, (void)size, (void)style;
	return ((struct pick *)l->ctx)->items[row];
}

static int
pick_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct pick *p = l->ctx;

	(void)ui;
	if (action != ACTION_OPEN || n == 0)
		return LIST_STAY;
	if (p->buf != NULL)
		snprintf(p->buf, p->size, "%s", p->items[sel]);
	p->chosen = 1 + (int)sel;
	return LIST_BACK;
}

static const struct ui_column ui_one_column[] = { { NULL, 0, 0, 0, 0 },
    UI_COLUMNS_END };

static const struct ui_hint pick_hints[] = { { ACTION_OPEN, N_("Choose") },
    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };

int
ui_pick(struct ui *ui, const char *title, char **items, size_t n, size_t *chosen)
{
	struct pick p = { items, n, NULL, 0, 0 };
	struct ui_list l = { .columns = ui_one_column, .hints = pick_hints, .ctx = &p,
	    .first = *chosen, .load = pick_load, .cell = pick_cell, .act = pick_act };

	snprintf(l.title, sizeof l.title, "%s", title);
	if (ui_list_run(ui, &l) == UI_QUIT)
		return UI_QUIT;
	if (p.chosen == 0)
		return 0;
	*chosen = (size_t)p.chosen - 1;
	return 1;
}

/* ui_prompt() where Tab opens a list of `items`: a choice there answers the prompt. */
int
ui_prompt_pick(struct ui *ui, const char *label, char *buf, size_t size, char **items,
    size_t n)
{
	struct pick p = { items, n, buf, size, 0 };
	struct ui_list l = { .columns = ui_one_column, .hints = pick_hints, .ctx = &p,
	    .load = pick_load, .cell = pick_cell, .act = pick_act };
	int r;

	snprintf(l.title, sizeof l.title, "%s", label);
	for (;;) {
		r = prompt_line(ui, label, buf, size, 0);
		if (r == 1)
			return 1;
		/* 2 is Tab, or the session's end: the list's first key read says so. */
		if (r == 2 && n > 0) {
			for (l.first = 0; l.first < n; l.first++)	/* start on what is typed */
				if (strcmp(items[l.first], buf) == 0)
					break;
			if (ui_list_run(ui, &l) == UI_QUIT)
				return 0;
			ui_erase();
			ui_frame(ui, label, NULL, "admin", NULL);
			if (p.chosen)
				return 1;
			continue;
		}
		if (r != 3)
			return 0;
	}
}

/*
 * Asks a yes/no question on the status line: 1 for yes (y, д, и), 0 for no
 * and any other key (and the session's end: ui->quit). Every question
 * answers the same way: i18n_answer().
 */
int
ui_confirm(struct ui *ui, const char *question)
{
	return ui_ask(ui, question) == 1;
}

/* ui_confirm() that tells no (0) from another key (-1): a choice of two, or neither. */
int
ui_ask(struct ui *ui, const char *question)
{
	struct ui_key k;
	char line[640];
	int r;

	snprintf(line, sizeof line, "%s %s", question, _("(y/n)"));
	ui_put(ui_rows() - 2, 0, ui_cols(), line, UI_PAD | UI_BOLD);
	ui_cursor(0, 0, 0);
	ui_flush();
	do {
		r = ui_key_read(ui, &k, 1);
	} while (r == UI_IDLE);
	if (r != UI_KEY)
		return -1;
	return i18n_answer(k.name);
}
