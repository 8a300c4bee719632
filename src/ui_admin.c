/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <time.h>

#include "i18n.h"
#include "keymap.h"
#include "store.h"
#include "text.h"
#include "ui_admin.h"

#define ADMIN_AUDIT_MAX	200
#define ADMIN_KEY_LINE	4096	/* an OpenSSH public key line, pasted */

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

/* Puts `text` on rows from y on, broken between words to `cols`; returns the next row. */
static int
admin_wrap(int y, int cols, const char *text, int style)
{
	char line[512], word[256];
	const char *p = text, *end;

	line[0] = '\0';
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		for (end = p; *end != '\0' && *end != ' '; end++)
			;
		if (end == p)
			break;
		snprintf(word, sizeof word, "%.*s", (int)(end - p), p);
		p = end;
		if (line[0] != '\0' && (int)(text_width(line) + 1 + text_width(word)) > cols) {
			ui_put(y++, 1, cols, line, style);
			line[0] = '\0';
		}
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s",
		    line[0] != '\0' ? " " : "", word);
	}
	if (line[0] != '\0')
		ui_put(y++, 1, cols, line, style);
	return y;
}

/*
 * A new password, on a screen of its own until a key: on the status line a
 * 40-column terminal cut it, and it could never be read again. It is not
 * kept in the status message either.
 */
static int
admin_show_password(struct ui *ui, const char *what, const char *pw)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, NULL } };
	struct ui_key k;
	int r, y, cols = ui_cols() - 2;

	ui_erase();
	ui_frame(ui, _("Password"), "", "admin", hints);
	y = admin_wrap(2, cols, what, 0);
	ui_put(y + 1, 1, cols, pw, UI_BOLD);
	admin_wrap(y + 3, cols, _("Write it down: it is not shown again. Any key goes on."),
	    UI_DIM);
	ui_cursor(0, 0, 0);
	ui_flush();
	do {
		r = ui_key_read(ui, &k, 1);
	} while (r == UI_IDLE);
	ui_erase();
	return r == UI_QUIT ? UI_QUIT : 0;
}

static int
users_add(struct ui *ui)
{
	char login[STORE_LOGIN_MAX + 1] = "", name[STORE_NAME_MAX + 1] = "";
	char rolebuf[32] = "", pw[64] = "", what[256];
	enum role role;
	int rc;

	/* Offered in the language on screen; admin_role_parse() takes both. */
	snprintf(rolebuf, sizeof rolebuf, "%s", admin_role_label(ROLE_TEACHER));

	if (!ui_prompt(ui, _("Login of the new user:"), login, sizeof login, 0) ||
	    login[0] == '\0' ||
	    !ui_prompt(ui, _("Full name:"), name, sizeof name, 0) ||
	    !ui_prompt(ui, _("Role (teacher, head, admin):"), rolebuf, sizeof rolebuf, 0))
		return 0;
	if (admin_role_parse(rolebuf, &role) != 0) {
		ui_status(ui, "%s", _("The roles are teacher, head and admin."));
		return 0;
	}
	if (store_user_add(ui->st, login, name, role, NULL) != STORE_OK ||
	    store_user_reset_password(ui->st, login, pw, sizeof pw) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return 0;
	}
	snprintf(what, sizeof what, _("User %s added. Password, shown once:"), login);
	rc = admin_show_password(ui, what, pw);
	explicit_bzero(pw, sizeof pw);
	return rc;
}

/* ---- a user's SSH keys ---- */

struct keys_screen {
	const char *login;
	struct user_key *rows;
};

static int
keys_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct keys_screen *s = l->ctx;

	free(s->rows);
	s->rows = NULL;
	snprintf(l->title, sizeof l->title, _("SSH keys of %s"), s->login);
	if (store_user_key_list(ui->st, s->login, &s->rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	return 0;
}

static const char *
keys_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct user_key *k = &((struct keys_screen *)l->ctx)->rows[row];

	(void)style;
	switch (col) {
	case 0:
		snprintf(buf, size, "%lld", (long long)k->id);
		return buf;
	case 1:
		return k->type;
	case 2:
		return k->fingerprint;
	}
	return k->comment;
}

static int
keys_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct keys_screen *s = l->ctx;
	char *line, ask[256];

	if (action == ACTION_ADD) {
		if ((line = calloc(1, ADMIN_KEY_LINE)) == NULL)
			return LIST_STAY;
		if (ui_prompt(ui, _("Paste the public key line (ssh-ed25519 AAAA... name):"),
		    line, ADMIN_KEY_LINE, 0) && line[0] != '\0') {
			if (store_user_key_add(ui->st, s->login, line) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, _("Key added: %s can log in with it."), s->login);
		}
		free(line);
		return LIST_RELOAD;
	}
	if (n == 0 || action != ACTION_REMOVE)
		return LIST_STAY;
	snprintf(ask, sizeof ask, _("Remove key %s of %s?"), s->rows[sel].fingerprint, s->login);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_user_key_remove(ui->st, s->login, s->rows[sel].id) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, "%s", _("The key is removed."));
	return LIST_RELOAD;
}

static int
admin_keys(struct ui *ui, const char *login)
{
	static const struct ui_hint hints[] = { { ACTION_ADD, N_("Add") },
	    { ACTION_REMOVE, N_("Remove") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("No."), 4, UI_RIGHT, 0, 0 },
		{ N_("Type"), 20, 0, UI_COL_NARROW, 0 },
		{ N_("Fingerprint"), 50, 0, 0, 0 },
		{ N_("Comment"), 0, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct keys_screen s = { login, NULL };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &s,
	    .empty = N_("No keys: this user logs in with a password."),
	    .load = keys_load, .cell = keys_cell, .act = keys_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(s.rows);
	return rc;
}

/* ---- users ---- */

static int
users_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct user **rows = l->ctx;

	free(*rows);
	*rows = NULL;
	snprintf(l->title, sizeof l->title, "%s", _("Users"));
	if (store_user_list(ui->st, rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	return 0;
}

static const char *
users_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct user *u = &(*(struct user **)l->ctx)[row];

	(void)buf, (void)size;
	if (u->disabled)
		*style |= UI_DIM;
	switch (col) {
	case 0:
		return u->login;
	case 1:
		return admin_role_label(u->role);
	case 2:
		return u->name;
	}
	return u->disabled ? _("disabled") : "";
}

static int
users_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	const struct user *u = n > 0 ? &(*(struct user **)l->ctx)[sel] : NULL;
	char buf[64], pw[64], what[256];
	int r;
	enum role role;

	if (action == ACTION_ADD)
		return users_add(ui) == UI_QUIT ? UI_QUIT : LIST_RELOAD;
	if (n == 0)
		return LIST_STAY;
	if (action == ACTION_OPEN || action == ACTION_KEYS)
		return admin_keys(ui, u->login) == UI_QUIT ? UI_QUIT : LIST_RELOAD;
	if (action == ACTION_TOGGLE) {
		if (store_user_set_disabled(ui->st, u->login, !u->disabled) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, u->disabled ? _("User %s enabled.") :
			    _("User %s disabled."), u->login);
		return LIST_RELOAD;
	}
	if (action == ACTION_RESET) {
		snprintf(buf, sizeof buf, _("New password for %s?"), u->login);
		if (!ui_confirm(ui, buf))
			return LIST_STAY;
		if (store_user_reset_password(ui->st, u->login, pw, sizeof pw) != STORE_OK) {
			ui_status(ui, "%s", store_error(ui->st));
			return LIST_STAY;
		}
		snprintf(what, sizeof what, _("New password of %s, shown once:"), u->login);
		r = admin_show_password(ui, what, pw);
		explicit_bzero(pw, sizeof pw);
		return r == UI_QUIT ? UI_QUIT : LIST_STAY;
	}
	if (action == ACTION_ROLE) {
		snprintf(buf, sizeof buf, "%s", admin_role_label(u->role));
		if (!ui_prompt(ui, _("Role (teacher, head, admin):"), buf, sizeof buf, 0))
			return LIST_STAY;
		if (admin_role_parse(buf, &role) != 0)
			ui_status(ui, "%s", _("The roles are teacher, head and admin."));
		else if (store_user_set_role(ui->st, u->login, role) != STORE_OK)
			ui_status(ui, "%s", store_error(ui->st));
		else
			ui_status(ui, _("%s is now %s."), u->login, admin_role_label(role));
		return LIST_RELOAD;
	}
	return LIST_STAY;
}

static int
admin_users(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_ADD, N_("Add") },
	    { ACTION_TOGGLE, N_("Disable/enable") }, { ACTION_RESET, N_("New password") },
	    { ACTION_ROLE, N_("Role") }, { ACTION_OPEN, N_("SSH keys") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Login"), 16, UI_BOLD, 0, 0 },
		{ N_("Role"), 14, 0, 0, 0 },
		{ N_("Name"), 0, 0, 0, 0 },
		{ NULL, 12, 0, UI_COL_NARROW, 0 },
		UI_COLUMNS_END
	};
	struct user *rows = NULL;
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &rows,
	    .load = users_load, .cell = users_cell, .act = users_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(rows);
	return rc;
}

/* ---- one's own password, from the home screen ---- */

int
ui_admin_password(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("Enter: next") },
	    { ACTION_NONE, N_("Esc: cancel") }, { ACTION_NONE, NULL } };
	char old[128] = "", pw1[128] = "", pw2[128] = "";
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
		else if (r != 3) {
			rc = r == UI_QUIT ? UI_QUIT : 0;
			goto out;
		}
	}
	if (strcmp(pw1, pw2) != 0)
		ui_status(ui, "%s", _("The two new passwords differ; nothing changed."));
	else if (store_user_change_password(ui->st, old, pw1) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, "%s", _("Your password is changed."));
out:
	explicit_bzero(old, sizeof old);
	explicit_bzero(pw1, sizeof pw1);
	explicit_bzero(pw2, sizeof pw2);
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
sessions_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct session_info **rows = l->ctx;

	free(*rows);
	*rows = NULL;
	snprintf(l->title, sizeof l->title, "%s", _("Sessions"));
	if (store_session_list(ui->st, rows, n) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	if (*n > 1)
		qsort(*rows, *n, sizeof **rows, session_cmp);
	return 0;
}

static const char *
sessions_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct session_info *s = &(*(struct session_info **)l->ctx)[row];

	(void)style;
	switch (col) {
	case 0:
		return s->login;
	case 1:
		return s->origin;
	case 2:
		return s->started;
	case 3:
		return admin_state_label(s->state);
	case 4:
		snprintf(buf, size, "%lldm", s->idle_seconds / 60);
		return buf;
	}
	return s->page;
}

static int
sessions_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	const struct session_info *s;
	char ask[256];

	if (n == 0 || action != ACTION_BREAK)
		return LIST_STAY;
	s = &(*(struct session_info **)l->ctx)[sel];
	if (s->resource[0] == '\0') {
		ui_status(ui, "%s", _("This session holds no journal page."));
		return LIST_STAY;
	}
	snprintf(ask, sizeof ask, _("Break the lock of %s on %s?"), s->login, s->page);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if (store_lock_break(ui->st, s->resource) != STORE_OK)
		ui_status(ui, "%s", store_error(ui->st));
	else
		ui_status(ui, _("The lock on %s is broken."), s->page);
	return LIST_RELOAD;
}

static int
admin_sessions(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_BREAK, N_("Break the lock") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ N_("Login"), 16, UI_BOLD, 0, 0 },
		{ N_("From"), 22, 0, UI_COL_NARROW, 0 },
		{ N_("Since"), 19, 0, UI_COL_NARROW, 0 },
		{ N_("State"), 12, 0, 0, 0 },
		{ N_("Idle"), 6, UI_RIGHT, UI_COL_NARROW, 0 },
		{ N_("Page held"), 0, 0, 0, 16 },
		UI_COLUMNS_END
	};
	struct session_info *rows = NULL;
	/* Who is online changes without writes to the journal: read on every tick. */
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &rows, .live = 1,
	    .load = sessions_load, .cell = sessions_cell, .act = sessions_act };
	int rc;

	rc = ui_list_run(ui, &l);
	free(rows);
	return rc;
}

/* ---- audit ---- */

struct audit_row {
	char at[20];
	char login[STORE_LOGIN_MAX + 1];
	char what[480];
};

struct audit_screen {
	struct store *st;	/* names the objects while the records are read */
	struct audit_row *rows;
	size_t n, size;
	/* the filter: a user, text in the object (a class, a subject), dates */
	char login[STORE_LOGIN_MAX + 1];
	char about[128];
	char since[11], until[11];
};

/* The record's time (UTC, "2026-11-23T09:15:00Z") in the school's local time. */
static void
audit_local_time(const char *utc, char *out, size_t outsize)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	snprintf(out, outsize, "%.19s", utc);
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1 || localtime_r(&t, &tm) == NULL)
		return;
	strftime(out, outsize, "%Y-%m-%d %H:%M:%S", &tm);
}

static int
audit_collect(const struct audit_record *r, void *arg)
{
	struct audit_screen *a = arg;
	struct audit_row *nr = NULL;
	char object[400];

	if (a->n == a->size) {
		a->size = a->size ? a->size * 2 : 64;
		if ((nr = realloc(a->rows, a->size * sizeof *a->rows)) == NULL)
			return -1;
		a->rows = nr;
	}
	nr = &a->rows[a->n++];
	audit_local_time(r->at, nr->at, sizeof nr->at);
	snprintf(nr->login, sizeof nr->login, "%s", r->login);
	if (store_audit_object_text(a->st, r->object, object, sizeof object) != STORE_OK)
		snprintf(object, sizeof object, "%s", r->object);
	snprintf(nr->what, sizeof nr->what, "%s %s: %s -> %s", r->action, object,
	    r->old_value != NULL ? r->old_value : "", r->new_value != NULL ? r->new_value : "");
	return 0;
}

static int
audit_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct audit_screen *a = l->ctx;
	struct audit_filter f = { .limit = ADMIN_AUDIT_MAX };
	size_t len;

	a->n = 0;
	f.login = a->login[0] != '\0' ? a->login : NULL;
	f.text = a->about[0] != '\0' ? a->about : NULL;
	f.since = a->since[0] != '\0' ? a->since : NULL;
	f.until = a->until[0] != '\0' ? a->until : NULL;
	if (store_audit_each(ui->st, &f, audit_collect, a) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	*n = a->n;
	snprintf(l->title, sizeof l->title, _("Audit: %zu newest records"), a->n);
	/* The filter in force, as the title's tail. */
	len = strlen(l->title);
	if (f.login != NULL || f.text != NULL || f.since != NULL || f.until != NULL)
		snprintf(l->title + len, sizeof l->title - len, " | %s %s %s%s%s", a->login,
		    a->about, a->since, f.since != NULL || f.until != NULL ? ".." : "",
		    a->until);
	return 0;
}

static const char *
audit_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	const struct audit_row *r = &((struct audit_screen *)l->ctx)->rows[row];

	(void)buf, (void)size, (void)style;
	return col == 0 ? r->at : col == 1 ? r->login : r->what;
}

/* Asks for each part of the filter in turn; an empty answer matches everything. */
static int
audit_filter_ask(struct ui *ui, struct audit_screen *a)
{
	char canon[STORE_CLASS_MAX + 1];

	if (!ui_prompt(ui, _("Filter by user (login, empty: all):"), a->login,
	    sizeof a->login, 0) ||
	    !ui_prompt(ui, _("Class, subject or other text (empty: all):"), a->about,
	    sizeof a->about, 0))
		return LIST_STAY;
	/* A class however it is typed ("7Ә", "7ә"), as the records spell it ("7 Ә"). */
	if (a->about[0] != '\0' && class_name_canonical(a->about, canon, sizeof canon, NULL) ==
	    STORE_OK)
		snprintf(a->about, sizeof a->about, "%s", canon);
	if (!ui_prompt(ui, _("From date (DD.MM.YYYY, empty: any):"), a->since,
	    sizeof a->since, 0) ||
	    !ui_prompt(ui, _("To date (DD.MM.YYYY, empty: any):"), a->until,
	    sizeof a->until, 0))
		return LIST_STAY;
	if ((a->since[0] != '\0' && !date_parse(a->since, a->since)) ||
	    (a->until[0] != '\0' && !date_parse(a->until, a->until))) {
		a->since[0] = a->until[0] = '\0';
		ui_status(ui, "%s", _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
	}
	return LIST_RELOAD;
}

/*
 * What verify said, as `dapter audit verify` prints it (the chain, the rows
 * not replayed, or the row changed behind dapter's back), wrapped to the
 * screen: a status line cut all but its first words on a 40-column terminal.
 */
struct verify_screen {
	const char *text;
	char **lines;
	size_t n;
};

/* Wraps the text between words at the terminal's width as it is when the screen opens. */
static int
verify_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct verify_screen *v = l->ctx;
	const char *p = v->text, *start = NULL, *end = NULL, *brk = NULL;
	size_t cols = ui_cols() > 4 ? (size_t)ui_cols() - 2 : 2;
	char part[1024];

	ui_lines_free(&v->lines, &v->n);
	while (*p != '\0') {
		/* One line of the text: the longest run of words that fits. */
		start = p;
		brk = NULL;
		for (end = p; *end != '\0' && *end != '\n'; end++) {
			if (*end != ' ')
				continue;
			snprintf(part, sizeof part, "%.*s", (int)(end - start), start);
			if (text_width(part) > cols)
				break;
			brk = end;
		}
		snprintf(part, sizeof part, "%.*s", (int)(end - start), start);
		if ((*end == '\0' || *end == '\n') && text_width(part) <= cols)
			brk = end;
		else if (brk == NULL)	/* one word wider than the screen: cut at the right */
			brk = end;
		if (ui_lines_add(&v->lines, &v->n, start, (size_t)(brk - start)) != 0) {
			ui_status(ui, "%s", _("Out of memory."));
			return -1;
		}
		p = *brk != '\0' ? brk + 1 : brk;
	}
	*n = v->n;
	snprintf(l->title, sizeof l->title, "%s", _("Audit: verify"));
	return 0;
}

static const char *
verify_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	(void)col, (void)buf, (void)size, (void)style;
	return ((struct verify_screen *)l->ctx)->lines[row];
}

static int
verify_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	(void)ui, (void)l, (void)sel, (void)n;
	return action == ACTION_OPEN ? LIST_BACK : LIST_STAY;
}

static int
audit_verify_show(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = { { NULL, 0, 0, 0, 0 }, UI_COLUMNS_END };
	struct verify_screen v = { NULL, NULL, 0 };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &v,
	    .no_selection = 1, .load = verify_load, .cell = verify_cell, .act = verify_act };
	char *text = NULL;
	int64_t bad = 0;
	int rc;

	/* Once per Verify: the replay reads the whole audit, too much for every quiet tick. */
	if (store_audit_verify_text(ui->st, &bad, &text) != STORE_OK &&
	    (text = strdup(store_error(ui->st))) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		return 0;
	}
	v.text = text;
	rc = ui_list_run(ui, &l);
	ui_lines_free(&v.lines, &v.n);
	free(text);
	return rc;
}

static int
audit_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	(void)sel, (void)n;
	if (action == ACTION_FILTER)
		return audit_filter_ask(ui, l->ctx);
	if (action != ACTION_VERIFY)
		return LIST_STAY;
	return audit_verify_show(ui) == UI_QUIT ? UI_QUIT : LIST_STAY;
}

static int
admin_audit(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_FILTER, N_("Filter") },
	    { ACTION_VERIFY, N_("Verify") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = {
		{ NULL, 19, 0, UI_COL_NARROW, 0 },
		{ NULL, 12, UI_BOLD, 0, 0 },
		{ NULL, 0, 0, 0, 0 },
		UI_COLUMNS_END
	};
	struct audit_screen a;
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &a,
	    .load = audit_load, .cell = audit_cell, .act = audit_act };
	int rc;

	memset(&a, 0, sizeof a);
	a.st = ui->st;
	rc = ui_list_run(ui, &l);
	free(a.rows);
	return rc;
}

/* ---- the menu ---- */

struct admin_item {
	const char *label;
	int admin_only;
	int (*run)(struct ui *);
};

struct admin_menu {
	const struct admin_item *items[16];
	size_t n;
};

static int
menu_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	(void)ui;
	snprintf(l->title, sizeof l->title, "%s", _("Administration"));
	*n = ((struct admin_menu *)l->ctx)->n;
	return 0;
}

static const char *
menu_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size,
    int *style)
{
	(void)col, (void)buf, (void)size, (void)style;
	return _(((struct admin_menu *)l->ctx)->items[row]->label);
}

static int
menu_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	const struct admin_menu *m = l->ctx;

	if (n == 0 || action != ACTION_OPEN)
		return LIST_STAY;
	return m->items[sel]->run(ui) == UI_QUIT ? UI_QUIT : LIST_STAY;
}

int
ui_admin_run(struct ui *ui)
{
	static const struct ui_hint hints[] = { { ACTION_OPEN, N_("Open") },
	    { ACTION_HELP, N_("Help") }, { ACTION_BACK, N_("Back") }, { ACTION_NONE, NULL } };
	static const struct ui_column columns[] = { { NULL, 0, 0, 0, 0 }, UI_COLUMNS_END };
	static const struct admin_item all[] = {
		{ N_("Users"), 1, admin_users },
		{ N_("Classes and rosters"), 1, admin_classes },
		{ N_("Subjects"), 1, admin_subjects },
		{ N_("Assignments"), 1, admin_assignments },
		{ N_("Substitute teachers"), 1, admin_substitutes },
		{ N_("Terms"), 0, admin_terms },
		{ N_("Holidays"), 0, admin_holidays },
		{ N_("Sessions and locks"), 0, admin_sessions },
		{ N_("Audit"), 0, admin_audit },
		{ N_("Reports"), 0, ui_reports_run },
	};
	struct admin_menu m = { .n = 0 };
	struct ui_list l = { .hints = hints, .columns = columns, .ctx = &m,
	    .load = menu_load, .cell = menu_cell, .act = menu_act };
	size_t i;

	if (ui->user.role == ROLE_TEACHER) {
		ui_status(ui, "%s", _("Only the admin and the head may open the "
		    "administration."));
		return 0;
	}
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (!all[i].admin_only || ui->user.role == ROLE_ADMIN)
			m.items[m.n++] = &all[i];
	return ui_list_run(ui, &l);
}
