/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_term: the terminal, and the only code that speaks curses (as tmux's
 * tty.c). It sets the terminal's modes up and restores them, sets them again
 * when a new terminal is attached to the journal (a resume or a take-over
 * over SSH), decodes keys into keymap names, and offers the few output
 * primitives the widgets (ui_draw.c) and screens draw with.
 *
 * The UI's layers, each using only those below it (tests/cli/layers.sh
 * checks their #include lines and the functions their objects call):
 *   4 screens   ui_screens.h ui_admin.h   ui_main.c (the application), ui_home.c,
 *                                         ui_grid.c, ui_plan.c, ui_help.c, ui_admin*.c...
 *   3 widgets   ui_widgets.h              ui_draw.c, ui_list.c, ui_comment.c
 *   2 key loop  ui_keys.h                 ui_keys.c
 *   1 terminal  ui_term.h (this one)      ui_term.c, ui_keyseq.c
 * This layer uses no other: nothing here knows a key binding, a widget or
 * a screen. No file but ui_term.c includes curses.h.
 */
#ifndef DAPTER_UI_TERM_H
#define DAPTER_UI_TERM_H

#include <stddef.h>

/* What ui_term_key() read. */
enum { UI_TERM_NONE, UI_TERM_KEY };

struct ui_key {
	char name[16];		/* keymap name: "Up", "C-l", "q", "й"; "Redraw" */
	char text[8];		/* the character typed, UTF-8, or "" for special keys */
};

/* Styles for ui_put(). */
#define UI_BOLD		0x01
#define UI_REVERSE	0x02
#define UI_DIM		0x04
#define UI_UNDERLINE	0x08
#define UI_PAD		0x10	/* fill the rest of the width with spaces */
#define UI_RIGHT	0x20	/* align to the right of the width */

/*
 * Takes the terminal on stdin/stdout. -1 with a translated reason in `err`
 * when it cannot be used (no terminfo entry, or no cursor addressing).
 */
int ui_term_start(char *err, size_t size);
/* Gives the terminal back as it was (safe to call when not started). */
void ui_term_end(void);
/*
 * A new terminal took the place of the old one: sends it the modes the UI
 * needs (keypad transmit, the alternate screen, the cursor) and makes the
 * next ui_flush() repaint everything.
 */
void ui_term_reinit(void);
/* The next ui_flush() repaints the whole screen (C-l). */
void ui_term_redraw(void);
/*
 * Waits up to `ms` (0: only what is queued) for a key; UI_TERM_NONE when
 * none came (or the wait was interrupted). An escape sequence is read whole:
 * one it does not know is swallowed (named "Key?"), never Esc and letters.
 */
int ui_term_key(struct ui_key *k, int ms);
/*
 * The rest of an escape sequence curses did not match, after its Esc, read
 * with next() (-1: no byte came in time): the other cursor mode (CSI
 * arrows while the terminfo says SS3, as a terminal attached after the UI
 * set keypad transmit sends them), PuTTY's and VT220 keypad, Home/End in
 * their many forms. A sequence not known here is read to its end and named
 * "Key?", so that it is never taken for Esc followed by letters. Esc and
 * another key (or Alt and a key) is "Escape", and that key's byte is
 * returned to be read again; else -1.
 */
int ui_keyseq_escape(int (*next)(void *), void *arg, struct ui_key *k);

int ui_rows(void);
int ui_cols(void);
void ui_erase(void);
void ui_flush(void);
/* Writes text fitted to `cols` columns (never raw user text); returns columns used. */
int ui_put(int y, int x, int cols, const char *s, int style);
void ui_cursor(int visible, int y, int x);

#endif
