/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_internal: what the screens and widgets share. No curses types here:
 * they draw through ui_term.h's primitives, and only ui_term.c includes
 * curses.h.
 *
 * Every screen runs the same loop: draw into the screen buffer, one
 * doupdate(), then wait for keys; all keys that arrived together are handled
 * before the next draw, and a quiet tick (ui_key_read() says UI_IDLE) draws
 * nothing unless the screen's data changed.
 */
#ifndef DAPTER_UI_INTERNAL_H
#define DAPTER_UI_INTERNAL_H

#include <stddef.h>
#include <time.h>

#include "keymap.h"
#include "store.h"
#include "ui_term.h"

#define UI_TICK_MS	2000	/* poll for other sessions' changes this often */
#define UI_LOCK_STALE	STORE_LOCK_STALE	/* a lock without heartbeat is free after this */
#define UI_HEARTBEAT	30	/* seconds between heartbeats of our locks */
#define UI_IDLE_LOCK	600	/* default seconds before the session locks itself */

/* UI_QUIT is negative: ui_line_edit() returns 0..3 for its own outcomes (2: Tab). */
enum { UI_QUIT = -1, UI_KEY, UI_IDLE };

struct ui {
	struct store *st;
	struct keymap *km;
	char keymap_error[512];
	struct user user;
	struct actor actor;
	char today[11];
	char message[512];	/* for the status line until the next key */
	char edit_key[16];	/* the key that ended the last ui_line_edit() */
	int idle_lock;		/* seconds, 0: never */
	int locked;		/* the lock screen is up */
	int leaving;		/* the user said yes to quit */
	char waiting[STORE_LOGIN_MAX + 1];	/* whose journal waits locked beneath, or "" */
	/* The lock screen the application installed: UI_KEY once unlocked. */
	int (*lock_screen)(struct ui *ui);
	time_t last_input;
	time_t session_seen;	/* last input written to the session registry */
};

/* ---- the key loop (ui_keys.c) ---- */

/* Hang-up, the holder's lock and attach signals reach the key loop. */
void ui_signals(void);
/* 1 when a signal (hang-up, TERM) ended the journal. */
int ui_signal_ended(void);
/* Reads one key; wait = 0 returns UI_IDLE at once when none is queued. */
int ui_key_read(struct ui *ui, struct ui_key *k, int wait);
/* The keymap's action for a key on a screen, or NULL. */
enum action ui_action(struct ui *ui, const char *context, const struct ui_key *k);
/* help, language, redraw, lock, quit (asked): 1 when handled, 0 when not ours, -1 to quit. */
int ui_global_action(struct ui *ui, const char *context, enum action action);

/* A key hint: the key bound to `action` and what it does; ACTION_NONE: the label alone. */
struct ui_hint {
	enum action action;
	const char *label;	/* N_() text; NULL ends a list of hints */
};

/* Title line (with the language), status line (message or `status`), key hints. */
void ui_frame(struct ui *ui, const char *title, const char *status, const char *context,
    const struct ui_hint *hints);
void ui_status(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Edits `buf` in one line at y, x, `cols` wide. Returns 1 on Enter, 0 on
 * Escape, C-g or the quit key, 2 on Tab, UI_QUIT when the session ends.
 * `secret` shows nothing of what is typed; a value given in `buf` is
 * replaced by the first character typed.
 */
int ui_line_edit(struct ui *ui, int y, int x, int cols, char *buf, size_t size, int secret);
/* Removes the last character (UTF-8 sequence) of s. */
void ui_chop(char *s);
/* The next key of an editor; when none is queued, the screen is flushed first. */
int ui_key_next(struct ui *ui, struct ui_key *k);

/*
 * The comment on a cell (ui_comment.c), the whole screen under `title`:
 * Enter saves (1), Tab starts a new line, Esc or C-g leaves it as it was
 * (0). `readonly` shows it to be read and scrolled. UI_QUIT ends the session.
 */
int ui_comment_edit(struct ui *ui, const char *title, char *buf, size_t size, int readonly);

/*
 * The password screen of a locked session, from which another teacher may
 * log in meanwhile: UI_KEY when unlocked, else UI_QUIT.
 */
int ui_lock_screen(struct ui *ui);
void ui_help(struct ui *ui, const char *context);
int ui_home_run(struct ui *ui);
int ui_grid_run(struct ui *ui, const struct journal *j);
struct plan_topic;
/*
 * The journal's plan (ui_plan.c), read-only; with `pick`, Enter takes the
 * topic selected into *out: 1 then, 0 back without one, or UI_QUIT.
 */
int ui_plan_run(struct ui *ui, const struct journal *j, int pick, struct plan_topic *out);
/* The administration screens (admin; head sees terms, sessions, audit). */
int ui_admin_run(struct ui *ui);
/* The papers of a class as text, and how to fetch them as files (ui_reports.c). */
int ui_reports_run(struct ui *ui);
/* Changes the user's own password: old one, new one twice. */
int ui_admin_password(struct ui *ui);

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
	size_t first;		/* the row selected at first */
	int follow;		/* set by act: select row `first` next */
	const char *context;	/* the keymap's context of its keys; NULL: "admin" */
	void *ctx;		/* the screen's own rows and state */
	/* Reads the rows again (and may set the title); 0, or -1 after ui_status(). */
	int (*load)(struct ui *ui, struct ui_list *l, size_t *n);
	/* The text of a cell: into buf, or a string of its own; may add to *style. */
	const char *(*cell)(const struct ui_list *l, size_t row, int col, char *buf,
	    size_t size, int *style);
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
/* ui_admin_classes.c */
int admin_classes(struct ui *ui);
/* ui_admin_timetable.c: the class's weekly timetable as a grid to edit. */
int admin_timetable(struct ui *ui, const struct class *c);
/* ui_admin_teaching.c */
int admin_subjects(struct ui *ui);
int admin_assignments(struct ui *ui);
int admin_substitutes(struct ui *ui);
/* ui_admin_terms.c */
int admin_terms(struct ui *ui);
int admin_holidays(struct ui *ui);

#endif
