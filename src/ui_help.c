/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_help: the help screen, the keys of the current keymap with what they
 * do, the screen's own keys first. A screen of layer 4 (ui_term.h draws
 * the layers): the key loop reaches it only through ui->help_screen, which
 * the application installs. It is a text on the list widget, scrolled with
 * the keys of the "help" context and made anew when the language changes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keymap.h"
#include "text.h"
#include "ui_screens.h"

#define HELP_KEYS_COLS	16	/* the keys of an action; what it does starts past them */

struct help_row {
	char *text;
	int style;
};

struct help {
	const char *context;	/* the screen the help was asked on */
	struct help_row *rows;
	size_t n;
};

static void
help_free(struct help *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->rows[i].text);
	free(h->rows);
	h->rows = NULL;
	h->n = 0;
}

/*
 * Adds a row: a title (UI_BOLD) as it is; else indented, `a` (fitted to
 * `cols` columns and padded past them, when cols > 0) and then `b`.
 */
static int
help_add(struct help *h, int style, const char *a, size_t cols, const char *b)
{
	struct help_row *grown = NULL;
	char *fit = NULL, line[1024];
	size_t w = 0;
	int rc = -1;

	if (cols > 0 && (fit = text_fit(a, cols, &w)) == NULL)
		goto out;
	snprintf(line, sizeof line, "%s%s%*s%s", style == UI_BOLD ? "" : "  ",
	    fit != NULL ? fit : a, cols == 0 ? 0 : (int)(w < cols ? cols - w : 1), "", b);
	if ((grown = realloc(h->rows, (h->n + 1) * sizeof *grown)) == NULL)
		goto out;
	h->rows = grown;
	if ((h->rows[h->n].text = strdup(line)) == NULL)
		goto out;
	h->rows[h->n++].style = style;
	rc = 0;
out:
	free(fit);
	return rc;
}

/* The bindings of one context: one row per action, all its keys, then what it does. */
static int
help_context(struct ui *ui, struct help *h, const char *ctx, const char *title)
{
	const struct keymap_binding *b;
	const struct keymap_action *act;
	char keys[256];
	size_t i, len;

	if (help_add(h, UI_BOLD, _(title), 0, "") != 0)
		return -1;
	/* The one rule for Cyrillic layouts (keymap_lookup), said where it applies. */
	if (strcmp(ctx, "grid") == 0 &&
	    (help_add(h, 0, _("On a Cyrillic layout attendance is н п б о or ж д а к,"), 0, "") ||
	    help_add(h, 0, _("the letters of its codes; other letters are the Latin key in "
	    "their place."), 0, "")))
		return -1;
	for (act = keymap_actions(); act->name != NULL; act++) {
		keys[0] = '\0';
		for (i = 0; (b = keymap_binding(ui->km, i)) != NULL; i++)
			if (strcmp(b->context, ctx) == 0 && b->action == act->id) {
				len = strlen(keys);
				snprintf(keys + len, sizeof keys - len, "%s%s", len ? " " : "",
				    b->key);
			}
		if (keys[0] != '\0' && help_add(h, 0, keys, HELP_KEYS_COLS, _(act->help)) != 0)
			return -1;
	}
	return 0;
}

static int
help_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	static const char *const all[] = { "global", "home", "grid", "plan", "help", "admin",
	    NULL };
	static const char *const titles[] = { N_("Every screen"), N_("My journals"),
	    N_("Journal page"), N_("The plan"), N_("Help"), N_("Administration") };
	struct help *h = l->ctx;
	int c, pass;

	help_free(h);
	snprintf(l->title, sizeof l->title, "%s", _("Keys"));
	l->status = _("The digits 1-9 write a mark and go down; 0 writes 10.");
	/* The screen's own keys first, then every screen's, then the rest. */
	for (pass = 0; pass < 2; pass++)
		for (c = 0; all[c] != NULL; c++)
			if ((strcmp(all[c], h->context) == 0) == (pass == 0) &&
			    help_context(ui, h, all[c], titles[c]) != 0) {
				ui_status(ui, "%s", _("Out of memory."));
				return -1;
			}
	*n = h->n;
	return 0;
}

static const char *
help_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size, int *style)
{
	const struct help *h = l->ctx;

	*style |= h->rows[row].style;
	return h->rows[row].text;
}

/* The keys only scroll the help (ui_list_run), and back leaves it. */
static int
help_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	return LIST_STAY;
}

int
ui_help(struct ui *ui, const char *context)
{
	static const struct ui_column columns[] = { { NULL, 0, 0, 0, 0 }, UI_COLUMNS_END };
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_BACK, N_("back") }, { ACTION_NONE, NULL } };
	struct help h = { context, NULL, 0 };
	struct ui_list l = { .columns = columns, .hints = hints, .no_selection = 1,
	    .under_title = 1, .context = "help", .ctx = &h, .load = help_load, .cell = help_cell,
	    .act = help_act };
	int r;

	/* Help asked for on the help: it is already up (a keymap without "help ? back"). */
	if (strcmp(context, "help") == 0)
		return 0;
	r = ui_list_run(ui, &l);
	help_free(&h);
	return r == UI_QUIT ? UI_QUIT : 0;
}
