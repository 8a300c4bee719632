/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_keys: the key loop every screen waits in, and the actions every screen
 * shares (help, language, redraw, lock, quit). Between a screen and the
 * terminal: it reads keys with ui_term_key(), heeds the signals (hang-up,
 * the holder's lock and attach), locks an idle session through the lock
 * screen the application installed (ui->lock_screen), and keeps the
 * registry of who is online told of input.
 *
 * Waiting for a key times out every UI_TICK_MS so a screen can poll the
 * database; a tick that finds nothing new writes nothing.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "keymap.h"
#include "store.h"
#include "ui_keys.h"

static volatile sig_atomic_t ui_signalled;
/* SIGUSR1: the SSH server's holder lost the connection; lock the screen now. */
static volatile sig_atomic_t ui_lock_now;

/* SIGUSR2: the holder has a new terminal attached (a resume, a take-over). */
static volatile sig_atomic_t ui_attached;

static void
ui_on_lock_signal(int sig)
{
	ui_lock_now = 1;
}

static void
ui_on_attach_signal(int sig)
{
	ui_attached = 1;
}

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

void
ui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait for a key must return so we can let go of locks. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = ui_on_lock_signal;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = ui_on_attach_signal;
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * The session ends: every key read from now on says UI_QUIT at once, so a
 * widget that can only answer "not done" (a prompt, a question) leaves its
 * caller to see ui->quit and pass UI_QUIT up. A read after the first quit
 * is a screen that did not heed it: counted, told at the end (ui_main.c).
 */
static int
ui_quit(struct ui *ui)
{
	if (ui->quit)
		ui->quit_unheeded++;
	ui->quit = 1;
	return UI_QUIT;
}

int
ui_key_read(struct ui *ui, struct ui_key *k, int wait)
{
	static int fast_errors;
	struct timespec t0, t1;
	int r;
	long ms;

	memset(k, 0, sizeof *k);
	if (ui_signalled || ui->quit)
		return ui_quit(ui);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = ui_term_key(k, wait ? UI_TICK_MS : 0);
	if (ui_signalled)
		return ui_quit(ui);
	if (ui_attached) {
		/*
		 * The new terminal gets our modes, and the screen is drawn whole
		 * (ui_term_reinit marks it so). A key that came with the attach is
		 * the teacher's first keystroke on it: it is kept, never dropped.
		 */
		ui_attached = 0;
		ui_term_reinit();
		if (r == UI_TERM_NONE) {
			memset(k, 0, sizeof *k);
			snprintf(k->name, sizeof k->name, "Redraw");
			return UI_KEY;
		}
	}
	if (r == UI_TERM_NONE) {
		if (!wait)
			return UI_IDLE;
		/* A terminal that is gone returns at once, forever: the session ends. */
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms < UI_TICK_MS / 4) {
			if (++fast_errors > 20)
				return ui_quit(ui);
		} else
			fast_errors = 0;
		/* `session list` shows idle time by input, written at most once a minute. */
		if (ui->user.id != 0 && ui->last_input > ui->session_seen &&
		    time(NULL) - ui->session_seen >= 60) {
			ui->session_seen = time(NULL);
			store_session_touch(ui->st, SESSION_ACTIVE);
		}
		if (ui->user.id != 0 && !ui->locked && ui->lock_screen != NULL &&
		    (ui_lock_now || (ui->idle_lock > 0 &&
		    time(NULL) - ui->last_input >= ui->idle_lock))) {
			ui_lock_now = 0;
			/* The lock screen saw the quit itself: this is no second one. */
			if (ui->lock_screen(ui) != UI_KEY) {
				ui->quit = 1;
				return UI_QUIT;
			}
			snprintf(k->name, sizeof k->name, "Redraw");
			return UI_KEY;
		}
		return UI_IDLE;
	}
	fast_errors = 0;
	ui->last_input = time(NULL);
	return UI_KEY;
}

enum action
ui_action(struct ui *ui, const char *context, const struct ui_key *k)
{
	return keymap_lookup(ui->km, context, k->name);
}

void
ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
}

int
ui_key_next(struct ui *ui, struct ui_key *k)
{
	static time_t beat;
	int r;

	/* One screen update per batch of input: flush when no key is waiting. */
	if ((r = ui_key_read(ui, k, 0)) == UI_IDLE) {
		ui_flush();
		do {
			/*
			 * A comment or a topic may take minutes to write: the page's
			 * lock lives on meanwhile, as the page's own ticks keep it
			 * (not behind the lock screen: a page left there goes stale).
			 */
			if (ui->st != NULL && ui->user.id != 0 && !ui->locked &&
			    time(NULL) - beat >= UI_HEARTBEAT) {
				beat = time(NULL);
				if (store_lock_heartbeat(ui->st) != STORE_OK)
					ui_status(ui, "%s", store_error(ui->st));
			}
			r = ui_key_read(ui, k, 1);
		} while (r == UI_IDLE);
	}
	return r;
}

static int
ui_language_next(struct ui *ui)
{
	const char *now = i18n_language(), *next;

	next = strcmp(now, "kk") == 0 ? "ru" : strcmp(now, "ru") == 0 ? "en" : "kk";
	if (i18n_set_language(next) != 0)
		return -1;
	if (ui->user.id != 0 && store_user_set_lang(ui->st, ui->user.login, next) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	snprintf(ui->user.lang, sizeof ui->user.lang, "%s", next);
	return 0;
}

int
ui_global_action(struct ui *ui, const char *context, enum action action)
{
	if (action == ACTION_NONE)
		return 0;
	if (action == ACTION_HELP) {
		if (ui->help_screen != NULL && ui->help_screen(ui, context) == UI_QUIT)
			return -1;
		return 1;
	}
	if (action == ACTION_LANGUAGE) {
		ui_language_next(ui);
		return 1;
	}
	if (action == ACTION_REDRAW) {
		ui_term_redraw();
		return 1;
	}
	if (action == ACTION_LOCK) {
		if (ui->user.id == 0 || ui->locked || ui->lock_screen == NULL)
			return 1;
		if (ui->lock_screen(ui) == UI_KEY)
			return 1;
		ui->quit = 1;
		return -1;
	}
	if (action == ACTION_QUIT) {
		/* A stray Esc or q must not end a teacher's journal: ask. */
		if (ui->confirm == NULL || !ui->confirm(ui, ui->waiting[0] != '\0' ?
		    _("Log out? The locked journal comes back.") : _("Quit the journal?")))
			return ui->quit ? -1 : 1;
		ui->leaving = 1;
		return -1;
	}
	return 0;
}

int
ui_signal_ended(void)
{
	return ui_signalled != 0;
}
