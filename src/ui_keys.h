/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_keys: the key loop and the session's state (layer 2 of the UI).
 * It may use the terminal (ui_term.h) and the data modules (store, keymap),
 * never a widget or a screen: what it must show above itself (the lock
 * screen, the help, the question before quitting) it calls through the
 * hooks the application installs in struct ui.
 *
 * The layers are drawn in ui_term.h.
 *
 * Every screen runs the same loop: draw into the screen buffer, one
 * doupdate(), then wait for keys; all keys that arrived together are handled
 * before the next draw, and a quiet tick (ui_key_read() says UI_IDLE) draws
 * nothing unless the screen's data changed.
 */
#ifndef DAPTER_UI_KEYS_H
#define DAPTER_UI_KEYS_H

#include <stddef.h>
#include <time.h>

#include "keymap.h"
#include "store.h"
#include "ui_term.h"

#define UI_TICK_MS	2000	/* poll for other sessions' changes this often */
#define UI_LOCK_STALE	STORE_LOCK_STALE	/* a lock without heartbeat is free after this */
#define UI_HEARTBEAT	30	/* seconds between heartbeats of our locks */
#define UI_IDLE_LOCK	600	/* default seconds before the session locks itself */

/*
 * UI_QUIT is negative: ui_line_edit() returns 0..3 for its own outcomes (2:
 * Tab). Every screen returns it up to ui_main(), which ends the session; a
 * widget that answers only yes or no (ui_prompt, ui_confirm) says "no" then,
 * and its caller sees ui->quit.
 */
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
	int quit;		/* the session ends: every key read says UI_QUIT */
	int quit_unheeded;	/* key reads after that: a screen that ignored it */
	char waiting[STORE_LOGIN_MAX + 1];	/* whose journal waits locked beneath, or "" */
	/*
	 * What the application installs for the key loop to call upward
	 * (NULL: the action does nothing). The lock screen: UI_KEY once
	 * unlocked. The help on `context`'s keys: UI_QUIT when the session
	 * ended meanwhile. The yes/no question before quitting: 1 for yes.
	 */
	int (*lock_screen)(struct ui *ui);
	int (*help_screen)(struct ui *ui, const char *context);
	int (*confirm)(struct ui *ui, const char *question);
	time_t last_input;
	time_t session_seen;	/* last input written to the session registry */
};

/* Hang-up, the holder's lock and attach signals reach the key loop. */
void ui_signals(void);
/* 1 when a signal (hang-up, TERM) ended the journal. */
int ui_signal_ended(void);
/* Reads one key; wait = 0 returns UI_IDLE at once when none is queued. */
int ui_key_read(struct ui *ui, struct ui_key *k, int wait);
/*
 * The next key of an editor; when none is queued, the screen is flushed
 * first, and the page's lock is kept alive while the key is awaited.
 */
int ui_key_next(struct ui *ui, struct ui_key *k);
/* The keymap's action for a key on a screen, or NULL. */
enum action ui_action(struct ui *ui, const char *context, const struct ui_key *k);
/* help, language, redraw, lock, quit (asked): 1 when handled, 0 when not ours, -1 to quit. */
int ui_global_action(struct ui *ui, const char *context, enum action action);
/* A message for the status line, shown until the next key. */
void ui_status(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
