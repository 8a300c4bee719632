/*
 * ui_internal: what the ui_*.c files share. No curses types here: the
 * screens draw through the small helpers below, so this header stays
 * includable anywhere and only ui_*.c include curses.h.
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

#define UI_TICK_MS	2000	/* poll for other sessions' changes this often */
#define UI_LOCK_STALE	120	/* a journal lock without heartbeat is free after this */
#define UI_HEARTBEAT	30	/* seconds between heartbeats of our locks */
#define UI_IDLE_LOCK	600	/* default seconds before the session locks itself */

/* UI_QUIT is negative: ui_line_edit() returns 0..3 for its own outcomes (2: Tab). */
enum { UI_QUIT = -1, UI_KEY, UI_IDLE };

/* Styles for ui_put(). */
#define UI_BOLD		0x01
#define UI_REVERSE	0x02
#define UI_DIM		0x04
#define UI_UNDERLINE	0x08
#define UI_PAD		0x10	/* fill the rest of the width with spaces */
#define UI_RIGHT	0x20	/* align to the right of the width */

struct ui {
	struct store *st;
	struct keymap *km;
	char keymap_error[512];
	struct user user;
	struct actor actor;
	char today[11];
	char message[512];	/* for the status line until the next key */
	int idle_lock;		/* seconds, 0: never */
	int locked;		/* the lock screen is up */
	time_t last_input;
	time_t session_seen;	/* last input written to the session registry */
};

struct ui_key {
	char name[16];		/* keymap name: "Up", "C-l", "q", "й"; "Redraw" after a lock */
	char text[8];		/* the character typed, UTF-8, or "" for special keys */
};

/* Reads one key; wait = 0 returns UI_IDLE at once when none is queued. */
int ui_key_read(struct ui *ui, struct ui_key *k, int wait);
/* The keymap's action for a key on a screen, or NULL. */
const char *ui_action(struct ui *ui, const char *context, const struct ui_key *k);
/* help, language, redraw, quit: 1 when handled, 0 when not ours, -1 to quit. */
int ui_global_action(struct ui *ui, const char *context, const char *action);

int ui_rows(void);
int ui_cols(void);
void ui_erase(void);
void ui_flush(void);
/* Writes text fitted to `cols` columns (never raw user text); returns columns used. */
int ui_put(int y, int x, int cols, const char *s, int style);
void ui_cursor(int visible, int y, int x);
/* Title line (with the language), status line (message or `status`), key hints. */
void ui_frame(struct ui *ui, const char *title, const char *status, const char *context,
    const char *const *hints);
void ui_status(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Edits `buf` in one line at y, x, `cols` wide. Returns 1 on Enter, 0 on
 * Escape or C-g, 2 on Tab, UI_QUIT when the session ends. `secret` shows
 * nothing of what is typed.
 */
int ui_line_edit(struct ui *ui, int y, int x, int cols, char *buf, size_t size, int secret);

/* The password screen of a locked session: UI_KEY when unlocked, else UI_QUIT. */
int ui_lock_screen(struct ui *ui);
void ui_help(struct ui *ui, const char *context);
int ui_home_run(struct ui *ui);
int ui_grid_run(struct ui *ui, const struct journal *j);
/* The administration screens (admin; head sees terms, sessions, audit). */
int ui_admin_run(struct ui *ui);
/* Changes the user's own password: old one, new one twice. */
int ui_admin_password(struct ui *ui);

/* What the ui_admin*.c screens share (ui_admin.c). */
int admin_key(struct ui *ui, struct ui_key *k, const char **action, int idle);
int admin_move(const char *action, int *sel, size_t n, int height);
int admin_height(void);
void admin_scroll(int *sel, int *top, size_t n, int height);
int admin_prompt(struct ui *ui, const char *label, char *buf, size_t size, int secret);
int admin_prompt_pick(struct ui *ui, const char *label, char *buf, size_t size,
    char **items, size_t n);
int admin_confirm(struct ui *ui, const char *question);
/* ui_admin_classes.c */
int admin_classes(struct ui *ui);
int admin_assignments(struct ui *ui);

#endif
