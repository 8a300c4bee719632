/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_main: the journal editor's entry point, its login screen, and the
 * lock screen with "another teacher". The key loop is ui_keys.c's, the
 * terminal ui_term.c's.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "keymap.h"
#include "log.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "ui_screens.h"

static struct ui *log_ui;

/* The store and other modules report here: show it on the status line. */
static void
ui_log(enum log_level level, const char *msg)
{
	if (log_ui != NULL && level <= LOG_WARN)
		snprintf(log_ui->message, sizeof log_ui->message, "%s", msg);
}

/* Draws the login (or lock) screen around its two fields. */
static void
ui_login_draw(struct ui *ui, const char *title, const char *school, const char *who,
    const char *login)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("Enter: next") },
	    { ACTION_NONE, N_("Tab: field") }, { ACTION_NONE, N_("Esc: quit") },
	    { ACTION_NONE, NULL } };
	int cols = ui_cols(), w = cols - 4;

	ui_erase();
	ui_frame(ui, title, NULL, "login", hints);
	if (w < 10)
		w = 10;
	ui_put(2, 2, w, school, UI_BOLD);
	ui_put(4, 2, w, who, 0);
	ui_put(6, 2, 12, _("Login:"), 0);
	ui_put(6, 14, cols - 16, login, 0);
	ui_put(7, 2, 12, _("Password:"), 0);
}

static int
ui_login(struct ui *ui, const char *title, struct user *out)
{
	char school[STORE_NAME_MAX + 1] = "", login[STORE_LOGIN_MAX + 1] = "", pw[128] = "";
	int field = 0, r, rc = -1;

	if (store_school_name(ui->st, school, sizeof school) != STORE_OK)
		snprintf(school, sizeof school, "%s", store_error(ui->st));
	for (;;) {
		ui_login_draw(ui, title, school, _("Log in with your login and password."),
		    field == 0 ? "" : login);
		r = ui_line_edit(ui, field == 0 ? 6 : 7, 14, ui_cols() - 16,
		    field == 0 ? login : pw, field == 0 ? sizeof login : sizeof pw, field == 1);
		ui->message[0] = '\0';
		if (r == UI_QUIT || r == 0)
			goto out;
		if (r == 2 || r == 3) {
			if (r == 2)
				field = !field;
			continue;
		}
		if (field == 0) {
			field = login[0] != '\0';
			continue;
		}
		if (store_user_check_password(ui->st, login, pw, out) == STORE_OK)
			break;
		explicit_bzero(pw, sizeof pw);
		ui_status(ui, "%s", _("Wrong login or password."));
	}
	rc = 0;
out:
	explicit_bzero(pw, sizeof pw);
	return rc;
}

/*
 * $DAPTER_KEYMAP, else the user's own choice, else "default". A broken file
 * falls back to default; `to_stderr` says whether the terminal is still ours
 * to print on (before curses starts).
 */
static int
ui_keymap_init(struct ui *ui, int to_stderr)
{
	const char *spec = getenv("DAPTER_KEYMAP");
	char path[PATH_MAX], err[512];

	keymap_free(ui->km);
	ui->km = NULL;
	ui->keymap_error[0] = '\0';
	if (spec == NULL || *spec == '\0')
		spec = ui->user.keymap[0] != '\0' ? ui->user.keymap : "default";
	if (keymap_path(spec, path, sizeof path) == 0 &&
	    keymap_load(path, &ui->km, ui->keymap_error, sizeof ui->keymap_error) == 0)
		return 0;
	/*
	 * dapter run where it was built has no keymaps installed: the default
	 * one is also built in, and is no error. Any other failure is told.
	 */
	if (strcmp(spec, "default") == 0 && access(path, F_OK) != 0)
		ui->keymap_error[0] = '\0';
	else {
		if (ui->keymap_error[0] == '\0')
			snprintf(ui->keymap_error, sizeof ui->keymap_error,
			    _("%s: the path is too long"), spec);
		if (to_stderr)
			fprintf(stderr, "dapter: %s\n", ui->keymap_error);
	}
	if (keymap_parse("default", keymap_builtin_default, &ui->km, err, sizeof err) != 0) {
		if (to_stderr)
			fprintf(stderr, "dapter: %s\n", err);
		else
			snprintf(ui->keymap_error, sizeof ui->keymap_error, "%s", err);
		return -1;
	}
	return 0;
}

/* Where this session comes from, for `session list`: the server says, else the tty. */
static const char *
ui_origin(char *buf, size_t size)
{
	const char *from = getenv("DAPTER_ORIGIN"), *ssh = getenv("SSH_CLIENT");
	const char *tty = ttyname(STDIN_FILENO);

	if (from != NULL && *from != '\0')
		snprintf(buf, size, "%s", from);
	else if (ssh != NULL && *ssh != '\0')
		snprintf(buf, size, "ssh %.*s", (int)strcspn(ssh, " "), ssh);
	else
		snprintf(buf, size, "local %s", tty != NULL ? tty : "?");
	return buf;
}

/*
 * Starts the session of ui->user on this terminal: who acts, the audit of
 * the login, the registry of who is online, her keymap and language.
 */
static void
ui_session_begin(struct ui *ui, int own_keymap)
{
	char origin[64];

	ui->actor.user_id = ui->user.id;
	snprintf(ui->actor.login, sizeof ui->actor.login, "%s", ui->user.login);
	ui->actor.role = ui->user.role;
	/* Another teacher's session beside a locked one is told apart by "-2". */
	snprintf(ui->actor.session, sizeof ui->actor.session, "ui-%ld-%lld%s", (long)getpid(),
	    (long long)time(NULL), ui->waiting[0] != '\0' ? "-2" : "");
	store_set_actor(ui->st, &ui->actor);
	if (store_audit_note(ui->st, "login", "ui", ui->actor.session) != STORE_OK ||
	    store_session_begin(ui->st, ui_origin(origin, sizeof origin)) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	/* The user's own keymap, once we know who it is. */
	if (own_keymap && getenv("DAPTER_KEYMAP") == NULL) {
		if (ui_keymap_init(ui, 0) != 0 || ui->keymap_error[0] != '\0')
			snprintf(ui->message, sizeof ui->message, "%s", ui->keymap_error);
	}
	if (ui->user.lang[0] != '\0' && i18n_set_language(ui->user.lang) != 0)
		ui_status(ui, _("Unknown language %s."), ui->user.lang);
	ui->last_input = ui->session_seen = time(NULL);
}

/*
 * "Another teacher" on the lock screen of a shared PC: a second teacher
 * logs in on this terminal while the locked journal waits. Hers is a
 * session of its own (actor, registry, audit, pages); when she logs out,
 * it ends and the lock screen of the first one comes back (UI_KEY). The
 * locked user logging in here just unlocks (1).
 */
static int
ui_another_teacher(struct ui *ui)
{
	struct user first = ui->user, second;
	struct actor actor = ui->actor;
	char lang[3];
	int r = UI_KEY;

	snprintf(lang, sizeof lang, "%s", i18n_language());
	ui->locked = 0;
	if (ui_login(ui, _("Another teacher"), &second) != 0) {
		if (ui->quit)
			r = UI_QUIT;
		goto out;
	}
	if (second.id == first.id) {
		r = 1;
		goto out;
	}
	snprintf(ui->waiting, sizeof ui->waiting, "%s", first.login);
	ui->user = second;
	ui_session_begin(ui, 1);
	if (ui_home_run(ui) == UI_QUIT && !ui->leaving)
		r = UI_QUIT;
	ui->leaving = 0;
	/* Her pages go with her session; the first one's session acts again. */
	if (store_session_end(ui->st) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	ui->waiting[0] = '\0';
	ui->user = first;
	ui->actor = actor;
	store_set_actor(ui->st, &ui->actor);
	if (ui_keymap_init(ui, 0) != 0)
		r = UI_QUIT;
	i18n_set_language(lang);
out:
	ui->locked = 1;
	return r;
}

int
ui_lock_screen(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("Enter: unlock") },
	    { ACTION_NONE, N_("Tab: another teacher") }, { ACTION_NONE, NULL } };
	/* One teacher waits beneath at most: the second one's lock screen is only hers. */
	static const struct ui_hint hints_second[] = { { ACTION_NONE, N_("Enter: unlock") },
	    { ACTION_NONE, NULL } };
	char pw[128] = "", who[256];
	struct user u;
	int r, rc = UI_QUIT, cols;

	ui->locked = 1;
	store_session_touch(ui->st, SESSION_LOCKED);
	for (;;) {
		cols = ui_cols();
		snprintf(who, sizeof who, _("This session is locked. Password of %s:"),
		    ui->user.login);
		ui_erase();
		ui_frame(ui, _("Locked"), NULL, "login", ui->waiting[0] == '\0' ? hints :
		    hints_second);
		ui_put(2, 2, cols - 4, ui->user.name, UI_BOLD);
		ui_put(4, 2, cols - 4, who, 0);
		ui_put(6, 2, 12, _("Login:"), 0);
		ui_put(6, 14, cols - 16, ui->user.login, 0);
		ui_put(7, 2, 12, _("Password:"), 0);
		if (ui->waiting[0] == '\0')
			ui_put(9, 2, cols - 4, _("Another teacher may log in with Tab; this "
			    "journal waits locked."), UI_DIM);
		r = ui_line_edit(ui, 7, 14, cols - 16, pw, sizeof pw, 1);
		ui->message[0] = '\0';
		if (r == UI_QUIT)
			goto out;
		/* Esc (or a quit key) clears the field: a lock screen never ends the journal. */
		if (r == 0)
			explicit_bzero(pw, sizeof pw);
		if (r == 2 && ui->waiting[0] == '\0') {
			if ((r = ui_another_teacher(ui)) == UI_QUIT)
				goto out;
			if (r == 1)
				break;
			continue;
		}
		if (r != 1)
			continue;
		if (store_user_check_password(ui->st, ui->user.login, pw, &u) == STORE_OK)
			break;
		explicit_bzero(pw, sizeof pw);
		ui_status(ui, "%s", _("Wrong password."));
	}
	rc = UI_KEY;
	ui->last_input = ui->session_seen = time(NULL);
	store_session_touch(ui->st, SESSION_ACTIVE);
out:
	ui->locked = 0;
	explicit_bzero(pw, sizeof pw);
	return rc;
}

int
ui_main(const char *db_path, const char *login)
{
	struct ui ui;
	char err[256];
	const char *e;
	char *end = NULL;
	long n;
	int rc = 1, term = 0;

	memset(&ui, 0, sizeof ui);
	store_today(ui.today);
	ui.idle_lock = UI_IDLE_LOCK;
	if ((e = getenv("DAPTER_IDLE_LOCK")) != NULL && *e != '\0') {
		n = strtol(e, &end, 10);
		if (*end == '\0' && n >= 0 && n <= INT_MAX)
			ui.idle_lock = (int)n;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("dapter: the journal editor needs a terminal; "
		    "`dapter help` lists the commands.\n"));
		goto out;
	}
	if (store_open(db_path, 0, &ui.st) != STORE_OK) {
		fprintf(stderr, "dapter: %s\n", store_error(ui.st));
		goto out;
	}
	if (login != NULL && (store_user_find(ui.st, login, &ui.user) != STORE_OK ||
	    ui.user.disabled)) {
		fprintf(stderr, _("dapter: there is no active user %s.\n"), login);
		goto out;
	}
	if (ui_keymap_init(&ui, 1) != 0)
		goto out;
	ui_signals();
	/* The screens and the question the key loop calls upward, through these only. */
	ui.lock_screen = ui_lock_screen;
	ui.help_screen = ui_help;
	ui.confirm = ui_confirm;
	if (ui_term_start(err, sizeof err) != 0) {
		fputs(err, stderr);
		goto out;
	}
	term = 1;
	log_ui = &ui;
	log_set_hook(ui_log);
	if (ui.keymap_error[0] != '\0')
		snprintf(ui.message, sizeof ui.message, "%s", ui.keymap_error);
	if (login == NULL && ui_login(&ui, _("Class journal"), &ui.user) != 0) {
		rc = 0;
		goto out;
	}
	ui_session_begin(&ui, login == NULL && ui.user.keymap[0] != '\0');
	if (ui.km == NULL)
		goto out;
	rc = ui_home_run(&ui) == UI_QUIT && ui_signal_ended() ? 1 : 0;
out:
	/* Leaves the registry of who is online and lets go of every page held. */
	if (ui.st != NULL && ui.actor.session[0] != '\0')
		store_session_end(ui.st);
	if (term) {
		ui_term_end();
		/* Curses is gone: a keymap that failed under it can say so now. */
		if (ui.km == NULL && ui.keymap_error[0] != '\0')
			fprintf(stderr, "dapter: %s\n", ui.keymap_error);
		/*
		 * A programming error, for the tests to see: a screen went on
		 * reading keys after it was told the session ends.
		 */
		if (ui.quit_unheeded > 0)
			fprintf(stderr, "dapter: a screen read keys %d times after the session "
			    "ended\n", ui.quit_unheeded);
	}
	log_set_hook(NULL);
	log_ui = NULL;
	keymap_free(ui.km);
	store_close(ui.st);
	return rc;
}
