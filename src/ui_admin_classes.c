/*
 * ui_admin_classes: the admin's screens for classes, their rosters and who
 * teaches what. A roster comes from a CSV file on the server and is always
 * checked first (roster_import with dry_run): every problem is listed with
 * its line and nothing is written until the file is clean and the admin
 * says yes. The helpers (lists, prompts, questions) are ui_admin.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "roster.h"
#include "store.h"
#include "ui_internal.h"

#define ADMIN_PATH_MAX	1024

/* ---- roster import: a preview first, then the import ---- */

/* Reads a file of up to ROSTER_MAX_BYTES + 1 bytes (roster_import refuses more). */
static char *
admin_read_file(struct ui *ui, const char *path, size_t *len)
{
	FILE *f = NULL;
	char *buf = NULL;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		ui_status(ui, _("Cannot open %s."), path);
		goto out;
	}
	if ((buf = malloc(ROSTER_MAX_BYTES + 2)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		goto out;
	}
	*len = fread(buf, 1, ROSTER_MAX_BYTES + 1, f);
	if (ferror(f)) {
		ui_status(ui, _("Cannot read %s."), path);
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[*len] = '\0';
out:
	if (f != NULL)
		fclose(f);
	return buf;
}

/* The problems of a dry run, one a line, scrollable; returns UI_QUIT or 0. */
static int
import_problems(struct ui *ui, const struct class *c, const struct roster_report *rep)
{
	static const char *const hints[] = { "down", N_("scroll"), "back", N_("Back"), NULL };
	struct ui_key k;
	const char *action;
	char title[128], status[256], line[400];
	int top = 0, height, y, i;

	snprintf(title, sizeof title, _("Import into %s: preview"), c->name);
	snprintf(status, sizeof status, _("%zu problems: nothing was written. Fix the file "
	    "and import again."), rep->nproblems);
	for (;;) {
		height = admin_height() + 1;
		if (top + height > (int)rep->nproblems)
			top = (int)rep->nproblems > height ? (int)rep->nproblems - height : 0;
		ui_erase();
		ui_frame(ui, title, status, "admin", hints);
		for (y = 0, i = top; y < height && i < (int)rep->nproblems; y++, i++) {
			if (rep->problems[i].line > 0)
				snprintf(line, sizeof line, _("line %zu: %s"),
				    rep->problems[i].line, rep->problems[i].msg);
			else
				snprintf(line, sizeof line, _("the file: %s"),
				    rep->problems[i].msg);
			ui_put(2 + y, 1, ui_cols() - 2, line, 0);
		}
		ui_cursor(0, 0, 0);
		ui_flush();
		if (admin_key(ui, &k, &action, 0) == UI_QUIT)
			return UI_QUIT;
		if (action == NULL)
			continue;
		if (strcmp(action, "down") == 0)
			top++;
		else if (strcmp(action, "up") == 0 && top > 0)
			top--;
		else if (strcmp(action, "page-down") == 0)
			top += height;
		else if (strcmp(action, "page-up") == 0)
			top = top > height ? top - height : 0;
		else if (strcmp(action, "back") == 0 || strcmp(action, "open") == 0)
			return 0;
		else if (ui_global_action(ui, "admin", action) < 0)
			return UI_QUIT;
	}
}

static int
admin_import(struct ui *ui, const struct class *c)
{
	static const char *const hints[] = { "", N_("y: import"), "", N_("n: cancel"), NULL };
	static char path[ADMIN_PATH_MAX];	/* the last path typed, offered again */
	struct roster_report rep;
	char *buf = NULL, title[128], status[320], ask[128];
	size_t len = 0;
	int rc = 0, r;

	memset(&rep, 0, sizeof rep);
	if (!admin_prompt(ui, _("CSV file on the server:"), path, sizeof path, 0) ||
	    path[0] == '\0')
		goto out;
	if ((buf = admin_read_file(ui, path, &len)) == NULL)
		goto out;
	r = roster_import(ui->st, c->id, buf, len, 1, &rep);
	if (rep.nproblems > 0) {
		rc = import_problems(ui, c, &rep);
		goto out;
	}
	if (r != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	snprintf(title, sizeof title, _("Import into %s: preview"), c->name);
	snprintf(status, sizeof status, _("%zu pupils would be added (%zu already in the "
	    "class)."), rep.added, rep.existing);
	ui_erase();
	ui_frame(ui, title, status, "admin", hints);
	ui_put(2, 1, ui_cols() - 2, path, 0);
	ui_put(4, 1, ui_cols() - 2, status, UI_BOLD);
	snprintf(ask, sizeof ask, _("Import into %s?"), c->name);
	if (!admin_confirm(ui, ask)) {
		ui_status(ui, "%s", _("Nothing was imported."));
		goto out;
	}
	roster_report_free(&rep);
	memset(&rep, 0, sizeof rep);
	if (roster_import(ui->st, c->id, buf, len, 0, &rep) != STORE_OK) {
		if (rep.nproblems > 0)
			rc = import_problems(ui, c, &rep);
		else
			ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	ui_status(ui, _("%zu pupils added to %s."), rep.added, c->name);
out:
	roster_report_free(&rep);
	free(buf);
	return rc;
}

/* ---- classes and rosters ---- */

static int
admin_roster(struct ui *ui, const struct class *c)
{
	static const char *const hints[] = { "import", N_("Import CSV"), "down", N_("scroll"),
	    "back", N_("Back"), NULL };
	struct pupil *rows = NULL;
	struct ui_key k;
	const char *action;
	char title[128], name[STORE_NAME_MAX * 3 + 8], num[16];
	size_t n = 0;
	int sel = 0, top = 0, reload = 1, rc = 0, g, y, i, st, height;

	for (;;) {
		if (reload) {
			free(rows);
			rows = NULL;
			n = 0;
			if (store_pupil_list(ui->st, c->id, 0, 0, &rows, &n) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			reload = 0;
		}
		height = admin_height();
		admin_scroll(&sel, &top, n, height);
		snprintf(title, sizeof title, _("Class %s: %zu pupils"), c->name, n);
		ui_erase();
		ui_frame(ui, title, n == 0 ? _("No pupils yet: import a class list.") : NULL,
		    "admin", hints);
		for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
			st = i == sel ? UI_REVERSE : 0;
			pupil_full_name(&rows[i], name, sizeof name);
			snprintf(num, sizeof num, "%d", i + 1);
			ui_put(2 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(2 + y, 1, 4, num, st | UI_RIGHT);
			ui_put(2 + y, 6, ui_cols() - 32, name, st);
			ui_put(2 + y, ui_cols() - 25, 10, rows[i].birth, st);
			if (rows[i].left[0] != '\0')
				ui_put(2 + y, ui_cols() - 14, 13, _("left"), st | UI_DIM);
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
		if (strcmp(action, "import") == 0) {
			if ((rc = admin_import(ui, c)) == UI_QUIT)
				goto out;
			reload = 1;
		}
	}
out:
	free(rows);
	return rc;
}

int
admin_classes(struct ui *ui)
{
	static const char *const hints[] = { "open", N_("Roster"), "add", N_("Add"),
	    "import", N_("Import CSV"), "back", N_("Back"), NULL };
	struct class *rows = NULL;
	struct ui_key k;
	const char *action;
	char name[64], years[16];
	size_t n = 0;
	int64_t id;
	int sel = 0, top = 0, reload = 1, rc = 0, g, y, i, st, height;

	for (;;) {
		if (reload) {
			free(rows);
			rows = NULL;
			n = 0;
			if (store_class_list(ui->st, &rows, &n) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			reload = 0;
		}
		height = admin_height();
		admin_scroll(&sel, &top, n, height);
		ui_erase();
		ui_frame(ui, _("Classes"), NULL, "admin", hints);
		for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
			st = i == sel ? UI_REVERSE : 0;
			snprintf(years, sizeof years, "%d-%d", rows[i].start_year,
			    rows[i].start_year + 1);
			ui_put(2 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(2 + y, 1, 12, rows[i].name, st | UI_BOLD);
			ui_put(2 + y, 14, 10, years, st);
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
		if (strcmp(action, "add") == 0) {
			name[0] = '\0';
			if (!admin_prompt(ui, _("New class (e.g. 9 А):"), name, sizeof name,
			    0) || name[0] == '\0')
				continue;
			if (store_class_add(ui->st, name, &id) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			else
				ui_status(ui, _("Class %s added."), name);
			reload = 1;
		} else if (n > 0 && strcmp(action, "open") == 0) {
			if ((rc = admin_roster(ui, &rows[sel])) == UI_QUIT)
				goto out;
		} else if (n > 0 && strcmp(action, "import") == 0) {
			if ((rc = admin_import(ui, &rows[sel])) == UI_QUIT)
				goto out;
		}
	}
out:
	free(rows);
	return rc;
}

/* ---- assignments ---- */

/* The names to pick from when assigning: teachers' logins, classes, subjects. */
struct assign_lists {
	char **logins, **classes, **subjects;
	size_t nlogins, nclasses, nsubjects;
	struct user *users;
	struct class *cls;
	struct subject *subj;
};

static void
assign_lists_free(struct assign_lists *l)
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
static void
assign_lists_load(struct ui *ui, struct assign_lists *l)
{
	size_t nu = 0, nc = 0, ns = 0, i;

	memset(l, 0, sizeof *l);
	if (store_user_list(ui->st, &l->users, &nu) == STORE_OK && nu > 0 &&
	    (l->logins = calloc(nu, sizeof *l->logins)) != NULL)
		for (i = 0; i < nu; i++)
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

static void
assign_add(struct ui *ui, const struct journal *sel)
{
	char login[STORE_LOGIN_MAX + 1] = "", cname[64] = "", sname[STORE_NAME_MAX + 1] = "";
	char group[8] = "0", *end = NULL;
	struct assign_lists l;
	struct class c;
	struct subject s;
	long sub;

	assign_lists_load(ui, &l);
	if (sel != NULL) {
		snprintf(cname, sizeof cname, "%s", sel->class_name);
		snprintf(sname, sizeof sname, "%s", sel->subject_name);
	}
	if (!admin_prompt_pick(ui, _("Teacher's login (Tab: list):"), login, sizeof login,
	    l.logins, l.nlogins) || login[0] == '\0' ||
	    !admin_prompt_pick(ui, _("Class (Tab: list):"), cname, sizeof cname, l.classes,
	    l.nclasses) ||
	    !admin_prompt_pick(ui, _("Subject (Tab: list):"), sname, sizeof sname, l.subjects,
	    l.nsubjects) ||
	    !admin_prompt(ui, _("Subgroup (0: the whole class):"), group, sizeof group, 0))
		goto out;
	sub = strtol(group, &end, 10);
	if (group[0] == '\0' || *end != '\0' || sub < 0 || sub > 9) {
		ui_status(ui, "%s", _("A subgroup is 0 (the whole class), 1, 2..."));
		goto out;
	}
	if (store_class_find(ui->st, cname, &c) != STORE_OK ||
	    store_subject_find(ui->st, sname, &s) != STORE_OK ||
	    store_assign(ui->st, login, c.id, s.id, (int)sub) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		goto out;
	}
	ui_status(ui, _("%s now teaches %s in %s."), login, s.name, c.name);
out:
	assign_lists_free(&l);
}

int
admin_assignments(struct ui *ui)
{
	static const char *const hints[] = { "add", N_("Assign a teacher"), "back", N_("Back"),
	    NULL };
	struct journal *rows = NULL;
	struct ui_key k;
	const char *action;
	char sub[32];
	size_t n = 0;
	int sel = 0, top = 0, reload = 1, rc = 0, g, y, i, st, height, sw;

	for (;;) {
		if (reload) {
			free(rows);
			rows = NULL;
			n = 0;
			if (store_journal_list(ui->st, &rows, &n) != STORE_OK)
				ui_status(ui, "%s", store_error(ui->st));
			reload = 0;
		}
		height = admin_height();
		admin_scroll(&sel, &top, n, height);
		sw = ui_cols() - 40 > 10 ? ui_cols() - 40 : 10;
		ui_erase();
		ui_frame(ui, _("Assignments"), NULL, "admin", hints);
		ui_put(2, 1, 8, _("Class"), UI_BOLD);
		ui_put(2, 10, sw, _("Subject"), UI_BOLD);
		ui_put(2, 11 + sw, 8, _("Group"), UI_BOLD);
		ui_put(2, 20 + sw, 18, _("Teacher"), UI_BOLD);
		for (y = 0, i = top; y < height && i < (int)n; y++, i++) {
			st = i == sel ? UI_REVERSE : 0;
			ui_put(3 + y, 0, ui_cols(), "", UI_PAD | st);
			ui_put(3 + y, 1, 8, rows[i].class_name, st | UI_BOLD);
			ui_put(3 + y, 10, sw, rows[i].subject_name, st);
			snprintf(sub, sizeof sub, "%d", rows[i].subgroup);
			ui_put(3 + y, 11 + sw, 8, rows[i].subgroup > 0 ? sub : "", st);
			ui_put(3 + y, 20 + sw, 18, rows[i].teacher_login, st);
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
		if (strcmp(action, "add") == 0 || strcmp(action, "open") == 0) {
			assign_add(ui, n > 0 ? &rows[sel] : NULL);
			reload = 1;
		}
	}
out:
	free(rows);
	return rc;
}
