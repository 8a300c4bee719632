/*
 * ui_admin: the administration screens (issue 5), so that a school runs
 * without a shell: users, classes and their rosters, assignments (admin);
 * terms, who is online and the audit (head and admin). The home screen
 * opens them with the "admin" action; "password" lets anyone change their
 * own password there.
 *
 * These screens only read and call the store: every write goes through the
 * store API, which checks the role and writes the audit record, and a
 * refusal is shown as the store words it. A generated password is shown
 * once, on the status line, and gone with the next key. Classes, rosters
 * and assignments are in ui_admin_classes.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keymap.h"
#include "store.h"
#include "ui_internal.h"

#define ADMIN_AUDIT_MAX	200

/* Waits for a key (idle ticks return UI_IDLE only when `idle` asks for them). */
int
admin_key(struct ui *ui, struct ui_key *k, const char **action, int idle)
{
	int r;

	*action = NULL;
	do {
		r = ui_key_read(ui, k, 1);
	} while (r == UI_IDLE && !idle);
	if (r != UI_KEY)
		return r;
	ui->message[0] = '\0';
	*action = ui_action(ui, "admin", k);
	return UI_KEY;
}

/* Moves the selection for up/down/page keys; 1 when the action was one of them. */
int
admin_move(const char *action, int *sel, size_t n, int height)
{
	if (strcmp(action, "up") == 0) {
		if (*sel > 0)
			(*sel)--;
	} else if (strcmp(action, "down") == 0) {
		if (*sel + 1 < (int)n)
			(*sel)++;
	} else if (strcmp(action, "page-up") == 0)
		*sel = *sel > height ? *sel - height : 0;
	else if (strcmp(action, "page-down") == 0) {
		if (n > 0)
			*sel = *sel + height < (int)n ? *sel + height : (int)n - 1;
	} else
		return 0;
	return 1;
}

int
admin_height(void)
{
	return ui_rows() - 5 > 1 ? ui_rows() - 5 : 1;
}

/* Keeps the selected row in the window of `height` rows starting at *top. */
void
admin_scroll(int *sel, int *top, size_t n, int height)
{
	if (*sel >= (int)n)
		*sel = n > 0 ? (int)n - 1 : 0;
	if (*sel < 0)
		*sel = 0;
	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + height)
		*top = *sel - height + 1;
}

/*
 * Asks for one line on the status line. Returns 1 with the text in buf, 0
 * when cancelled (Escape, Tab, or the session ending: the caller's next
 * key read says UI_QUIT then).
 */
int
admin_prompt(struct ui *ui, const char *label, char *buf, size_t size, int secret)
{
	int w, r;

	for (;;) {
		ui->message[0] = '\0';
		ui_put(ui_rows() - 2, 0, ui_cols(), "", UI_PAD);
		w = ui_put(ui_rows() - 2, 0, ui_cols() / 2, label, UI_BOLD);
		r = ui_line_edit(ui, ui_rows() - 2, w + 1, ui_cols() - w - 2, buf, size, secret);
		if (r == 1)
			return 1;
		if (r != 3)
			return 0;
	}
}

/*
 * A list to choose one of `items` from; Enter copies the chosen one into
 * buf and returns 1. The screen behind is left blank for the next prompt.
 */
static int
admin_pick(struct ui *ui, const char *title, char **items, size_t n, char *buf,
    size_t size)
{
	static const char *const hints[] = { "open", N_("Choose"), "back", N_("Back"), NULL };
	struct ui_key k;
	const char *action;
	int sel = 0, top = 0, height, y, i, rc = 0;

	for (i = 0; i < (int)n; i++)
		if (strcmp(items[i], buf) == 0)
			sel = i;
	for (;;) {
		height = admin_height() + 1;
		admin_scroll(&sel, &top, n, height);
		ui_erase();
		ui_frame(ui, title, NULL, "admin", hints);
		for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
			ui_put(2 + y, 0, ui_cols(), "", UI_PAD | (i == sel ? UI_REVERSE : 0));
			ui_put(2 + y, 2, ui_cols() - 4, items[i], i == sel ? UI_REVERSE : 0);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		if (admin_key(ui, &k, &action, 0) == UI_QUIT)
			break;
		if (action == NULL || admin_move(action, &sel, n, height))
			continue;
		if (strcmp(action, "open") == 0 && n > 0) {
			snprintf(buf, size, "%s", items[sel]);
			rc = 1;
			break;
		}
		if (strcmp(action, "back") == 0 || ui_global_action(ui, "admin", action) < 0)
			break;
	}
	ui_erase();
	ui_frame(ui, title, NULL, "admin", NULL);
	return rc;
}

/* admin_prompt() where Tab opens a list of `items`: a choice there answers the prompt. */
int
admin_prompt_pick(struct ui *ui, const char *label, char *buf, size_t size, char **items,
    size_t n)
{
	int w, r;

	for (;;) {
		ui->message[0] = '\0';
		ui_put(ui_rows() - 2, 0, ui_cols(), "", UI_PAD);
		w = ui_put(ui_rows() - 2, 0, ui_cols() / 2, label, UI_BOLD);
		r = ui_line_edit(ui, ui_rows() - 2, w + 1, ui_cols() - w - 2, buf, size, 0);
		if (r == 1)
			return 1;
		/* 2 is Tab, or the session's end: the list's first key read says so. */
		if (r == 2 && n > 0) {
			if (admin_pick(ui, label, items, n, buf, size))
				return 1;
			continue;
		}
		if (r != 3)
			return 0;
	}
}

/* Asks a yes/no question on the status line: 1 for y (or its Cyrillic twin). */
int
admin_confirm(struct ui *ui, const char *question)
{
	struct ui_key k;
	const char *latin;
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
		return 0;
	latin = keymap_physical(k.name);
	return strcmp(k.name, "y") == 0 || strcmp(k.name, "Y") == 0 ||
	    (latin != NULL && (strcmp(latin, "y") == 0 || strcmp(latin, "Y") == 0));
}

static const char *
admin_role_label(enum role role)
{
	switch (role) {
	case ROLE_ADMIN:
		return _("admin");
	case ROLE_HEAD:
		return _("head");
	case ROLE_TEACHER:
		break;
	}
	return _("teacher");
}

/* Accepts the English role names and their translations. */
static int
admin_role_parse(const char *s, enum role *role)
{
	static const enum role all[] = { ROLE_TEACHER, ROLE_HEAD, ROLE_ADMIN };
	size_t i;

	if (role_parse(s, role) == STORE_OK)
		return 0;
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, admin_role_label(all[i])) == 0) {
			*role = all[i];
			return 0;
		}
	return -1;
}

/* ---- users ---- */

static void
users_add(struct ui *ui)
{
	char login[STORE_LOGIN_MAX + 1] = "", name[STORE_NAME_MAX + 1] = "";
	char rolebuf[32] = "teacher", pw[64] = "";
	enum role role;

	if (!admin_prompt(ui, _("Login of the new user:"), login, sizeof login, 0) ||
	    login[0] == '\0' ||
	    !admin_prompt(ui, _("Full name:"), name, sizeof name, 0) ||
	    !admin_prompt(ui, _("Role (teacher, head, admin):"), rolebuf, sizeof rolebuf, 0))
		return;
	if (admin_role_parse(rolebuf, &role) != 0) {
		ui_status(ui, "%s", _("The roles are teacher, head and admin."));
		return;
	}
	if (store_user_add(ui->st, login, name, role, NULL) != STORE_OK ||
	    store_user_reset_password(ui->st, login, pw, sizeof pw) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return;
	}
	ui_status(ui, _("User %s added. Password, shown once: %s"), login, pw);
	explicit_bzero(pw, sizeof pw);
}

static void
users_draw(struct ui *ui, const struct user *rows, size_t n, int sel, int top)
{
	static const char *const hints[] = { "add", N_("Add"), "toggle", N_("Disable/enable"),
	    "reset", N_("New password"), "role", N_("Role"), "back", N_("Back"), NULL };
	int height = admin_height(), y, i, cols = ui_cols(), st;
	int nw = cols - 40 > 8 ? cols - 40 : 8;

	ui_erase();
	ui_frame(ui, _("Users"), NULL, "admin", hints);
	ui_put(2, 1, 16, _("Login"), UI_BOLD);
	ui_put(2, 18, 8, _("Role"), UI_BOLD);
	ui_put(2, 27, nw, _("Name"), UI_BOLD);
	for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
		st = i == sel ? UI_REVERSE : 0;
		ui_put(3 + y, 0, cols, "", UI_PAD | st);
		ui_put(3 + y, 1, 16, rows[i].login, st | UI_BOLD);
		ui_put(3 + y, 18, 8, admin_role_label(rows[i].role), st);
		ui_put(3 + y, 27, nw, rows[i].name, st);
		if (rows[i].disabled)
			ui_put(3 + y, cols - 12, 11, _("disabled"), st | UI_RIGHT);
	}
	ui_cursor(0, 0, 0);
	ui_flush();
}

static int
admin_users(struct ui *ui)
{
	struct user *rows = NULL;
	struct ui_key k;
	const char *action;
	char buf[64], pw[64];
	size_t n = 0;
	enum role role;
	int sel = 0, top = 0, reload = 1, rc = 0, g;

	for (;;) {
		if (reload) {
			free(rows);
			rows = NULL;
			n = 0;
			if (store_user_list(ui->st, &rows, &n) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			reload = 0;
		}
		admin_scroll(&sel, &top, n, admin_height());
		users_draw(ui, rows, n, sel, top);
		if ((rc = admin_key(ui, &k, &action, 0)) == UI_QUIT)
			goto out;
		rc = 0;
		if (action == NULL || admin_move(action, &sel, n, admin_height()))
			continue;
		if ((g = ui_global_action(ui, "admin", action)) < 0) {
			rc = UI_QUIT;
			goto out;
		}
		if (g > 0)
			continue;
		if (strcmp(action, "back") == 0)
			goto out;
		if (strcmp(action, "add") == 0) {
			users_add(ui);
			reload = 1;
			continue;
		}
		if (n == 0)
			continue;
		if (strcmp(action, "toggle") == 0) {
			if (store_user_set_disabled(ui->st, rows[sel].login,
			    !rows[sel].disabled) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, rows[sel].disabled ? _("User %s enabled.") :
				    _("User %s disabled."), rows[sel].login);
			reload = 1;
		} else if (strcmp(action, "reset") == 0) {
			snprintf(buf, sizeof buf, _("New password for %s?"), rows[sel].login);
			if (!admin_confirm(ui, buf))
				continue;
			if (store_user_reset_password(ui->st, rows[sel].login, pw, sizeof pw) !=
			    STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, _("New password of %s, shown once: %s"),
				    rows[sel].login, pw);
			explicit_bzero(pw, sizeof pw);
		} else if (strcmp(action, "role") == 0) {
			snprintf(buf, sizeof buf, "%s", role_name(rows[sel].role));
			if (!admin_prompt(ui, _("Role (teacher, head, admin):"), buf, sizeof buf,
			    0))
				continue;
			if (admin_role_parse(buf, &role) != 0)
				ui_status(ui, "%s", _("The roles are teacher, head and admin."));
			else if (store_user_set_role(ui->st, rows[sel].login, role) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, _("%s is now %s."), rows[sel].login,
				    admin_role_label(role));
			reload = 1;
		}
	}
out:
	free(rows);
	return rc;
}

/* ---- one's own password, from the home screen ---- */

int
ui_admin_password(struct ui *ui)
{
	static const char *const hints[] = { "", N_("Enter: next"), "", N_("Esc: cancel"),
	    NULL };
	char old[128] = "", pw1[128] = "", pw2[128] = "";
	struct user u;
	int field, r, rc = 0;

	for (field = 0; field < 3; ) {
		ui_erase();
		ui_frame(ui, _("Change my password"), NULL, "login", hints);
		ui_put(2, 2, ui_cols() - 4, ui->user.login, UI_BOLD);
		ui_put(4, 2, 20, _("Old password:"), 0);
		ui_put(5, 2, 20, _("New password:"), 0);
		ui_put(6, 2, 20, _("New again:"), 0);
		r = ui_line_edit(ui, 4 + field, 23, ui_cols() - 25,
		    field == 0 ? old : field == 1 ? pw1 : pw2, sizeof old, 1);
		ui->message[0] = '\0';
		if (r == 1)
			field++;
		else if (r != 3)
			goto out;
	}
	if (store_user_check_password(ui->st, ui->user.login, old, &u) != STORE_OK)
		ui_status(ui, "%s", _("Wrong password."));
	else if (strcmp(pw1, pw2) != 0)
		ui_status(ui, "%s", _("The two new passwords differ; nothing changed."));
	else if (store_user_set_password(ui->st, ui->user.login, pw1) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, "%s", _("Your password is changed."));
out:
	explicit_bzero(old, sizeof old);
	explicit_bzero(pw1, sizeof pw1);
	explicit_bzero(pw2, sizeof pw2);
	return rc;
}

/* ---- terms ---- */

static int
admin_periods(struct ui *ui)
{
	static const char *const hints[] = { "toggle", N_("Close/reopen"), "back", N_("Back"),
	    NULL };
	struct period *rows = NULL;
	struct ui_key k;
	const char *action;
	char label[32], dates[32], ask[128];
	size_t n = 0;
	int sel = 0, top = 0, reload = 1, rc = 0, g, y, i, st, height, year = 0;

	for (;;) {
		if (reload) {
			free(rows);
			rows = NULL;
			n = 0;
			if (store_year_current(ui->st, ui->today, &year) != STORE_OK ||
			    store_period_list(ui->st, year, &rows, &n) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			reload = 0;
		}
		height = admin_height();
		admin_scroll(&sel, &top, n, height);
		ui_erase();
		ui_frame(ui, _("Terms"), NULL, "admin", hints);
		for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
			st = i == sel ? UI_REVERSE : 0;
			period_label(&rows[i], label, sizeof label);
			snprintf(dates, sizeof dates, "%s - %s", rows[i].starts, rows[i].ends);
			ui_put(2 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(2 + y, 1, 10, label, st | UI_BOLD);
			ui_put(2 + y, 12, 24, dates, st);
			ui_put(2 + y, 37, 12, rows[i].closed ? _("closed") : _("open"), st);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		if ((rc = admin_key(ui, &k, &action, 0)) == UI_QUIT)
			goto out;
		rc = 0;
		if (action == NULL || admin_move(action, &sel, n, height))
			continue;
		if ((g = ui_global_action(ui, "admin", action)) < 0) {
			rc = UI_QUIT;
			goto out;
		}
		if (g > 0)
			continue;
		if (strcmp(action, "back") == 0)
			goto out;
		if (n > 0 && (strcmp(action, "toggle") == 0 || strcmp(action, "open") == 0)) {
			period_label(&rows[sel], label, sizeof label);
			snprintf(ask, sizeof ask, rows[sel].closed ? _("Reopen term %s?") :
			    _("Close term %s?"), label);
			if (!admin_confirm(ui, ask))
				continue;
			if (store_period_set_closed(ui->st, rows[sel].id, !rows[sel].closed) !=
			    STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, rows[sel].closed ? _("Term %s is open again.") :
				    _("Term %s is closed."), label);
			reload = 1;
		}
	}
out:
	free(rows);
	return rc;
}

/* ---- sessions and locks ---- */

static const char *
admin_state_label(enum session_state s)
{
	switch (s) {
	case SESSION_LOCKED:
		return _("locked");
	case SESSION_DETACHED:
		return _("detached");
	case SESSION_ACTIVE:
		break;
	}
	return _("active");
}

/* By login, then session: the rows keep their places when the list is read again. */
static int
session_cmp(const void *a, const void *b)
{
	const struct session_info *x = a, *y = b;
	int c;

	if ((c = strcmp(x->login, y->login)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

static int
admin_sessions(struct ui *ui)
{
	static const char *const hints[] = { "break", N_("Break the lock"), "back", N_("Back"),
	    NULL };
	struct session_info *rows = NULL;
	struct ui_key k;
	const char *action;
	char idle[32], ask[256];
	size_t n = 0;
	int sel = 0, top = 0, reload = 1, rc = 0, g, y, i, st, height, r;

	for (;;) {
		if (reload) {
			free(rows);
			rows = NULL;
			n = 0;
			if (store_session_list(ui->st, &rows, &n) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else if (n > 1)
				qsort(rows, n, sizeof *rows, session_cmp);
			reload = 0;
		}
		height = admin_height();
		admin_scroll(&sel, &top, n, height);
		ui_erase();
		ui_frame(ui, _("Sessions"), NULL, "admin", hints);
		ui_put(2, 1, 12, _("Login"), UI_BOLD);
		ui_put(2, 14, 16, _("From"), UI_BOLD);
		ui_put(2, 31, 19, _("Since"), UI_BOLD);
		ui_put(2, 51, 9, _("State"), UI_BOLD);
		ui_put(2, 61, 7, _("Idle"), UI_BOLD);
		ui_put(2, 69, ui_cols() - 70, _("Page held"), UI_BOLD);
		for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
			st = i == sel ? UI_REVERSE : 0;
			snprintf(idle, sizeof idle, "%lldm", rows[i].idle_seconds / 60);
			ui_put(3 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(3 + y, 1, 12, rows[i].login, st | UI_BOLD);
			ui_put(3 + y, 14, 16, rows[i].origin, st);
			ui_put(3 + y, 31, 19, rows[i].started, st);
			ui_put(3 + y, 51, 9, admin_state_label(rows[i].state), st);
			ui_put(3 + y, 61, 7, idle, st);
			ui_put(3 + y, 69, ui_cols() - 70, rows[i].resource, st);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		/* Who is online changes by itself: look again on every quiet tick. */
		if ((r = admin_key(ui, &k, &action, 1)) == UI_QUIT) {
			rc = UI_QUIT;
			goto out;
		}
		if (r == UI_IDLE) {
			reload = 1;
			continue;
		}
		if (action == NULL || admin_move(action, &sel, n, height))
			continue;
		if ((g = ui_global_action(ui, "admin", action)) < 0) {
			rc = UI_QUIT;
			goto out;
		}
		if (g > 0)
			continue;
		if (strcmp(action, "back") == 0)
			goto out;
		if (n > 0 && strcmp(action, "break") == 0) {
			if (rows[sel].resource[0] == '\0') {
				ui_status(ui, "%s", _("This session holds no journal page."));
				continue;
			}
			snprintf(ask, sizeof ask, _("Break the lock of %s on %s?"), rows[sel].login,
			    rows[sel].resource);
			if (!admin_confirm(ui, ask))
				continue;
			if (store_lock_break(ui->st, rows[sel].resource) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, _("The lock on %s is broken."), rows[sel].resource);
			reload = 1;
		}
	}
out:
	free(rows);
	return rc;
}

/* ---- audit ---- */

struct audit_row {
	char at[20];
	char login[STORE_LOGIN_MAX + 1];
	char what[480];
};

struct audit_rows {
	struct audit_row *rows;
	size_t n, size;
};

static int
audit_collect(const struct audit_record *r, void *arg)
{
	struct audit_rows *a = arg;
	struct audit_row *nr = NULL;

	if (a->n == a->size) {
		a->size = a->size ? a->size * 2 : 64;
		if ((nr = realloc(a->rows, a->size * sizeof *a->rows)) == NULL)
			return -1;
		a->rows = nr;
	}
	nr = &a->rows[a->n++];
	snprintf(nr->at, sizeof nr->at, "%.19s", r->at);
	snprintf(nr->login, sizeof nr->login, "%s", r->login);
	snprintf(nr->what, sizeof nr->what, "%s %s: %s -> %s", r->action, r->object,
	    r->old_value != NULL ? r->old_value : "", r->new_value != NULL ? r->new_value : "");
	return 0;
}

static int
admin_audit(struct ui *ui)
{
	static const char *const hints[] = { "filter", N_("Filter"), "verify", N_("Verify"),
	    "back", N_("Back"), NULL };
	struct audit_rows a;
	struct audit_filter f;
	struct ui_key k;
	const char *action;
	char filter[128] = "", arg[128] = "", title[256];
	int64_t bad = 0, count = 0;
	int sel = 0, top = 0, reload = 1, rc = 0, g, y, i, st, height;

	memset(&a, 0, sizeof a);
	for (;;) {
		if (reload) {
			a.n = 0;
			memset(&f, 0, sizeof f);
			f.limit = ADMIN_AUDIT_MAX;
			/* "--user LOGIN", "--about TEXT", or plain text about the object. */
			if (strncmp(filter, "--user ", 7) == 0) {
				snprintf(arg, sizeof arg, "%s", filter + 7);
				f.login = arg;
			} else if (strncmp(filter, "--about ", 8) == 0) {
				snprintf(arg, sizeof arg, "%s", filter + 8);
				f.text = arg;
			} else if (filter[0] != '\0') {
				snprintf(arg, sizeof arg, "%s", filter);
				f.text = arg;
			}
			if (store_audit_each(ui->st, &f, audit_collect, &a) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			reload = 0;
		}
		height = admin_height() + 1;
		admin_scroll(&sel, &top, a.n, height);
		if (filter[0] != '\0')
			snprintf(title, sizeof title, _("Audit: %zu newest records, %s"), a.n,
			    filter);
		else
			snprintf(title, sizeof title, _("Audit: %zu newest records"), a.n);
		ui_erase();
		ui_frame(ui, title, NULL, "admin", hints);
		for (y = 0, i = top; y < height && i < (int)a.n; y++, i++) {
			st = i == sel ? UI_REVERSE : 0;
			ui_put(2 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(2 + y, 0, 19, a.rows[i].at, st);
			ui_put(2 + y, 20, 10, a.rows[i].login, st | UI_BOLD);
			ui_put(2 + y, 31, ui_cols() - 31, a.rows[i].what, st);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		if ((rc = admin_key(ui, &k, &action, 0)) == UI_QUIT)
			goto out;
		rc = 0;
		if (action == NULL || admin_move(action, &sel, a.n, height))
			continue;
		if ((g = ui_global_action(ui, "admin", action)) < 0) {
			rc = UI_QUIT;
			goto out;
		}
		if (g > 0)
			continue;
		if (strcmp(action, "back") == 0)
			goto out;
		if (strcmp(action, "filter") == 0) {
			if (admin_prompt(ui, _("Filter (text, --user LOGIN, --about TEXT):"),
			    filter, sizeof filter, 0)) {
				reload = 1;
				sel = top = 0;
			}
		} else if (strcmp(action, "verify") == 0) {
			if (store_audit_verify(ui->st, &bad, &count) == STORE_OK)
				ui_status(ui, _("The audit chain is whole: %lld records "
				    "verified."), (long long)count);
			else if (bad > 0)
				ui_status(ui, _("The audit chain is broken at record %lld."),
				    (long long)bad);
			else
				ui_status(ui, "%s", store_error(ui->st));
		}
	}
out:
	free(a.rows);
	return rc;
}

/* ---- the menu ---- */

struct admin_item {
	const char *label;
	int admin_only;
	int (*run)(struct ui *);
};

int
ui_admin_run(struct ui *ui)
{
	static const char *const hints[] = { "open", N_("Open"), "help", N_("Help"),
	    "back", N_("Back"), NULL };
	static const struct admin_item all[] = {
		{ N_("Users"), 1, admin_users },
		{ N_("Classes and rosters"), 1, admin_classes },
		{ N_("Assignments"), 1, admin_assignments },
		{ N_("Terms"), 0, admin_periods },
		{ N_("Sessions and locks"), 0, admin_sessions },
		{ N_("Audit"), 0, admin_audit },
	};
	const struct admin_item *items[sizeof all / sizeof all[0]];
	struct ui_key k;
	const char *action;
	size_t n = 0, i;
	int sel = 0, rc = 0, g, y, st;

	if (ui->user.role == ROLE_TEACHER) {
		ui_status(ui, "%s", _("Only the admin and the head may open the "
		    "administration."));
		return 0;
	}
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (!all[i].admin_only || ui->user.role == ROLE_ADMIN)
			items[n++] = &all[i];
	for (;;) {
		ui_erase();
		ui_frame(ui, _("Administration"), NULL, "admin", hints);
		for (y = 0; y < (int)n; y++) {
			st = y == sel ? UI_REVERSE : 0;
			ui_put(2 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(2 + y, 2, ui_cols() - 4, _(items[y]->label), st);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		if ((rc = admin_key(ui, &k, &action, 0)) == UI_QUIT)
			goto out;
		rc = 0;
		if (action == NULL || admin_move(action, &sel, n, (int)n))
			continue;
		if ((g = ui_global_action(ui, "admin", action)) < 0) {
			rc = UI_QUIT;
			goto out;
		}
		if (g > 0)
			continue;
		if (strcmp(action, "back") == 0)
			goto out;
		if (strcmp(action, "open") == 0 && items[sel]->run(ui) == UI_QUIT) {
			rc = UI_QUIT;
			goto out;
		}
	}
out:
	return rc;
}
