/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_widgets: what the screens are drawn and asked with (layer 3 of the UI,
 * ui_term.h draws the layers): the frame with its key hints, the one-line
 * editor, the comment editor, the list widget every list and scrolled text
 * is, the prompts, the pick list and the yes/no question. It may use the
 * key loop (ui_keys.h) and the terminal (ui_term.h) below it, never a
 * screen: a widget knows no screen it is shown on.
 */
#ifndef DAPTER_UI_WIDGETS_H
#define DAPTER_UI_WIDGETS_H

#include <stddef.h>
#include <stdint.h>

#include "keymap.h"
#include "store.h"
#include "ui_keys.h"

/* ---- the frame and the editors (ui_draw.c, ui_comment.c) ---- */

/* A key hint: the key bound to `action` and what it does; ACTION_NONE: the label alone. */
struct ui_hint {
	enum action action;
	const char *label;	/* N_() text; NULL ends a list of hints */
};

/* Title line (with the language), status line (message or `status`), key hints. */
void ui_frame(struct ui *ui, const char *title, const char *status, const char *context,
    const struct ui_hint *hints);

/*
 * Edits `buf` in one line at y, x, `cols` wide. Returns 1 on Enter, 0 on
 * Escape, C-g or the quit key, 2 on Tab, UI_QUIT when the session ends.
 * `secret` shows nothing of what is typed; a value given in `buf` is
 * replaced by the first character typed.
 */
int ui_line_edit(struct ui *ui, int y, int x, int cols, char *buf, size_t size, int secret);
/* Removes the last character (UTF-8 sequence) of s. */
void ui_chop(char *s);

/*
 * The comment on a cell (ui_comment.c), the whole screen under `title`:
 * Enter saves (1), Tab starts a new line, Esc or C-g leaves it as it was
 * (0). `readonly` shows it to be read and scrolled. UI_QUIT ends the session.
 */
int ui_comment_edit(struct ui *ui, const char *title, char *buf, size_t size, int readonly);

/* ---- the list widget and the prompts every screen uses (ui_list.c) ---- */

/* One column of a list; a list's columns end with UI_COLUMNS_END. */
struct ui_column {
	const char *heading;	/* N_() text, or NULL */
	int max;		/* grows to fit its text up to this; 0: takes the rest */
	int style;		/* UI_BOLD, UI_RIGHT... for its cells */
	int flags;
	int min;		/* the rest column: at least this wide (0: 8) */
};
#define UI_COL_NARROW	0x01	/* left out first when the terminal is narrow */
#define UI_COLUMNS_END	{ NULL, -1, 0, 0, 0 }

/* What an action on a list asks for next (or UI_QUIT). */
enum { LIST_STAY, LIST_RELOAD, LIST_BACK };

struct ui_list {
	char title[256];
	const char *status;	/* status line under the rows, or NULL */
	const char *empty;	/* N_() text for the status line when there are no rows */
	const struct ui_hint *hints;
	const struct ui_column *columns;
	int live;		/* read again on every quiet tick, not only on changes */
	int no_selection;	/* a text to scroll, not rows to act on */
	int under_title;	/* no headings: the rows start right under the title */
	size_t first;		/* the row selected at first */
	int follow;		/* set by act: select row `first` next */
	const char *context;	/* the keymap's context of its keys; NULL: "admin" */
	void *ctx;		/* the screen's own rows and state */
	/* Reads the rows again (and may set the title); 0, or -1 after ui_status(). */
	int (*load)(struct ui *ui, struct ui_list *l, size_t *n);
	/* The text of a cell: into buf, or a string of its own; may add to *style. */
	const char *(*cell)(const struct ui_list *l, size_t row, int col, char *buf,
	    size_t size, int *style);
	/*
	 * Or, with no columns, the screen draws row `row` itself on line y
	 * (ui_cols() wide, a line the list has filled; `style` is UI_REVERSE
	 * on the selected row): a row laid out in overlapping parts, as the
	 * home screen's read-only note over its subject.
	 */
	void (*draw_row)(struct ui *ui, const struct ui_list *l, size_t row, int y,
	    int style);
	/* An action on row `sel` of `n` (n may be 0): ADMIN_*, or UI_QUIT. */
	int (*act)(struct ui *ui, struct ui_list *l, enum action action, size_t sel,
	    size_t n);
};

/* Runs a list until "back" (0) or the session's end (UI_QUIT). */
int ui_list_run(struct ui *ui, struct ui_list *l);
/* The lines of a text to scroll: adds a copy of `len` bytes of p (-1: no memory); frees all. */
int ui_lines_add(char ***lines, size_t *n, const char *p, size_t len);
void ui_lines_free(char ***lines, size_t *n);
/* Waits for a key (idle ticks return UI_IDLE only when `idle` asks for them). */
int admin_key(struct ui *ui, struct ui_key *k, enum action *action, int idle);
int ui_list_height(void);
int ui_prompt(struct ui *ui, const char *label, char *buf, size_t size, int secret);
int ui_prompt_date(struct ui *ui, const char *label, char out[11]);
int ui_prompt_pick(struct ui *ui, const char *label, char *buf, size_t size,
    char **items, size_t n);
int ui_confirm(struct ui *ui, const char *question);
int ui_ask(struct ui *ui, const char *question);	/* i18n_answer(): 1, 0 or -1 */
/*
 * A list of `items` to choose from, starting on *chosen: 1 with the row in
 * *chosen, 0 when none was chosen, UI_QUIT.
 */
int ui_pick(struct ui *ui, const char *title, char **items, size_t n, size_t *chosen);
/* Bytes the terminal has sent that no key read has taken yet (0 when unknown). */
int ui_input_pending(void);
/* Names to pick from with Tab: enabled users' logins, classes, subjects. */
struct pick_lists {
	char **logins, **classes, **subjects;
	size_t nlogins, nclasses, nsubjects;
	struct user *users;
	struct class *cls;
	struct subject *subj;
	size_t nusers;
};
void pick_lists_load(struct ui *ui, struct pick_lists *l);	/* a list unread stays empty */
void pick_lists_free(struct pick_lists *l);
const char *pick_lists_login(const struct pick_lists *l, int64_t user_id);	/* "" if none */

#endif
