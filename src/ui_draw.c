/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_draw: the widgets the screens share, drawn with ui_term's primitives:
 * the frame (title, status line, key hints), the one-line editor and the
 * help screen. Every string passes text_fit() in ui_put(), so user text
 * never reaches the terminal raw.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "keymap.h"
#include "text.h"
#include "ui_screens.h"	/* ui_help(), a screen, until it moves out */

/* Short names of long keys, for the hint line only. */
static const char *
ui_key_short(const char *key)
{
	static const char *const names[][2] = {
		{ "Backspace", "Bksp" }, { "Delete", "Del" }, { "Escape", "Esc" },
		{ "PageUp", "PgUp" }, { "PageDown", "PgDn" }, { "Insert", "Ins" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(key, names[i][0]) == 0)
			return names[i][1];
	return key;
}

#define UI_HINTS_MAX	24

/*
 * Whether a hint stays when the line is too narrow for all: the way out
 * (back, quit), the page's first hint (its main keys), attendance, and the
 * language key for one who cannot read the language on screen.
 */
static int
ui_hint_needed(size_t i, enum action action)
{
	return i == 0 || action == ACTION_BACK || action == ACTION_QUIT ||
	    action == ACTION_ABSENT || action == ACTION_LANGUAGE;
}

/*
 * A hint is an action (keymap_hint_key() names its key) and a label;
 * ACTION_NONE shows the label alone. They are shown in their order; when they do not
 * all fit, the needed ones stay and the others fill what is left from the
 * left, so a narrow screen loses the least important, never the way out.
 */
static void
ui_hints(struct ui *ui, const char *context, const struct ui_hint *hints)
{
	char buf[1024] = "", one[UI_HINTS_MAX][128];
	const char *key;
	int keep[UI_HINTS_MAX] = { 0 }, pass;
	size_t i, n = 0, w[UI_HINTS_MAX], used = 0, len;

	for (i = 0; hints != NULL && hints[i].label != NULL && n < UI_HINTS_MAX; i++) {
		if (hints[i].action == ACTION_NONE)
			snprintf(one[n], sizeof one[n], "%s", _(hints[i].label));
		else if ((key = keymap_hint_key(ui->km, context, hints[i].action)) != NULL)
			snprintf(one[n], sizeof one[n], "%s %s", ui_key_short(key),
			    _(hints[i].label));
		else
			continue;
		w[n] = text_width(one[n]);
		keep[n] = ui_hint_needed(n, hints[i].action) ? 1 : 0;
		n++;
	}
	/* Whole hints only: a hint cut in half helps nobody. */
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++) {
			if (keep[i] != pass)
				continue;
			keep[i] = used + (used ? 2 : 0) + w[i] <= (size_t)ui_cols() ? 2 : 0;
			if (keep[i])
				used += (used ? 2 : 0) + w[i];
		}
	for (i = 0; i < n; i++)
		if (keep[i]) {
			len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, "%s%s", len ? "  " : "", one[i]);
		}
	ui_put(ui_rows() - 1, 0, ui_cols(), buf, UI_PAD | UI_DIM);
}

void
ui_frame(struct ui *ui, const char *title, const char *status, const char *context,
    const struct ui_hint *hints)
{
	char lang[8], line[512];

	snprintf(lang, sizeof lang, " [%c%c]", i18n_language()[0] - 'a' + 'A',
	    i18n_language()[1] - 'a' + 'A');
	/* Another teacher works beside a locked journal: both are named. */
	if (ui->waiting[0] != '\0' && !ui->locked) {
		snprintf(line, sizeof line, _("%s · %s's journal waits locked"), title,
		    ui->waiting);
		title = line;
	}
	ui_put(0, 0, ui_cols(), title, UI_PAD | UI_REVERSE | UI_BOLD);
	if (ui_cols() > 10)
		ui_put(0, ui_cols() - 5, 5, lang, UI_REVERSE | UI_BOLD);
	if (ui->message[0] != '\0')
		ui_put(ui_rows() - 2, 0, ui_cols(), ui->message, UI_PAD | UI_BOLD);
	else
		ui_put(ui_rows() - 2, 0, ui_cols(), status != NULL ? status : "", UI_PAD);
	ui_hints(ui, context, hints);
}

void
ui_chop(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && ((unsigned char)s[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	s[len] = '\0';
}

int
ui_line_edit(struct ui *ui, int y, int x, int cols, char *buf, size_t size, int secret)
{
	struct ui_key k;
	const char *shown;
	enum action action = ACTION_NONE;
	size_t len;
	/*
	 * A value given beforehand is replaced by the first character typed
	 * (typing 2 into "FA" gives "2", not "FA2"); a cursor key or Backspace
	 * first keeps it to be edited. It shows selected until then.
	 */
	int r, given = !secret && buf[0] != '\0';

	if (cols < 2)
		cols = 2;
	for (;;) {
		/* Show the end of a long text: that is where the typing happens. */
		shown = buf;
		while (!secret && *shown != '\0' && (int)text_width(shown) > cols - 1) {
			shown++;
			while (((unsigned char)*shown & 0xc0) == 0x80)
				shown++;
		}
		ui_put(y, x, cols, "", UI_PAD);
		ui_put(y, x, cols, secret ? "" : shown, given ? UI_REVERSE : 0);
		ui_cursor(1, y, x + (secret ? 0 : (int)text_width(shown)));
		if (ui->message[0] != '\0')
			ui_put(ui_rows() - 2, 0, ui_cols(), ui->message, UI_PAD | UI_BOLD);
		if ((r = ui_key_next(ui, &k)) == UI_QUIT)
			return UI_QUIT;
		if (k.text[0] != '\0') {
			if (given)
				buf[0] = '\0';
			given = 0;
			len = strlen(buf);
			if (len + strlen(k.text) < size)
				memcpy(buf + len, k.text, strlen(k.text) + 1);
			continue;
		}
		if (strcmp(k.name, "Enter") == 0)
			r = 1;
		else if (strcmp(k.name, "Escape") == 0 || strcmp(k.name, "C-g") == 0)
			r = 0;
		else if (strcmp(k.name, "Tab") == 0 || strcmp(k.name, "BTab") == 0 ||
		    strcmp(k.name, "Up") == 0 || strcmp(k.name, "Down") == 0)
			r = 2;
		else if (strcmp(k.name, "Resize") == 0 || strcmp(k.name, "Redraw") == 0)
			r = 3;
		else if (strcmp(k.name, "Backspace") == 0) {
			given = 0;
			ui_chop(buf);
			continue;
		} else if (strcmp(k.name, "Left") == 0 || strcmp(k.name, "Right") == 0 ||
		    strcmp(k.name, "Home") == 0 || strcmp(k.name, "End") == 0) {
			given = 0;	/* the text is edited at its end */
			continue;
		} else if (strcmp(k.name, "C-u") == 0) {
			buf[0] = '\0';
			continue;
		} else if ((action = keymap_lookup(ui->km, "login", k.name)) != ACTION_NONE &&
		    (action == ACTION_LANGUAGE || action == ACTION_REDRAW)) {
			ui_global_action(ui, "login", action);
			r = 3;
		} else if (action != ACTION_NONE && action == ACTION_QUIT)
			r = 0;	/* as Esc: a prompt is left, the journal is not */
		else
			continue;
		ui_cursor(0, 0, 0);
		snprintf(ui->edit_key, sizeof ui->edit_key, "%s", k.name);
		return r;
	}
}

/* The help screen: the current keymap's bindings with translated descriptions. */
void
ui_help(struct ui *ui, const char *context)
{
	static const char *const all[] = { "global", "home", "grid", "plan", "help", "admin",
	    NULL };
	static const char *const titles[] = { N_("Every screen"), N_("My journals"),
	    N_("Journal page"), N_("The plan"), N_("Help"), N_("Administration") };
	static const struct ui_hint hints[] = { { ACTION_DOWN, N_("scroll") },
	    { ACTION_BACK, N_("back") }, { ACTION_NONE, NULL } };
	const char *ctxs[7];
	const char *names[7];
	const struct keymap_binding *b;
	const struct keymap_action *act;
	struct ui_key k;
	enum action action;
	char keys[256];
	int top = 0, y, row, r, c, height, total, n, w;
	size_t i, len;

	/* The screen's own keys first, then every screen's, then the rest. */
	n = 0;
	for (c = 0; all[c] != NULL; c++)
		if (strcmp(all[c], context) == 0) {
			ctxs[n] = all[c];
			names[n++] = titles[c];
		}
	for (c = 0; all[c] != NULL; c++)
		if (strcmp(all[c], context) != 0) {
			ctxs[n] = all[c];
			names[n++] = titles[c];
		}
	ctxs[n] = NULL;
	for (;;) {
		ui_erase();
		ui_frame(ui, _("Keys"), _("The digits 1-9 write a mark and go down; 0 writes 10."),
		    "help", hints);
		height = ui_rows() - 3;
		row = 0;
		for (c = 0; ctxs[c] != NULL; c++) {
			if (row - top >= 0 && row - top < height)
				ui_put(1 + row - top, 0, ui_cols(), _(names[c]), UI_BOLD);
			row++;
			/* The one rule for Cyrillic layouts (keymap_lookup), said where it applies. */
			for (i = 0; strcmp(ctxs[c], "grid") == 0 && i < 2; i++, row++)
				if (row - top >= 0 && row - top < height)
					ui_put(1 + row - top, 2, ui_cols() - 2, i == 0 ?
					    _("On a Cyrillic layout attendance is н п б о or ж д а к,") :
					    _("the letters of its codes; other letters are the Latin key "
					    "in their place."), 0);
			/* One line per action: all its keys, then what it does. */
			for (act = keymap_actions(); act->name != NULL; act++) {
				keys[0] = '\0';
				for (i = 0; (b = keymap_binding(ui->km, i)) != NULL; i++)
					if (strcmp(b->context, ctxs[c]) == 0 &&
					    b->action == act->id) {
						len = strlen(keys);
						snprintf(keys + len, sizeof keys - len, "%s%s",
						    len ? " " : "", b->key);
					}
				if (keys[0] == '\0')
					continue;
				y = row - top;
				if (y >= 0 && y < height) {
					w = ui_put(1 + y, 2, 16, keys, 0);
					ui_put(1 + y, 2 + (w < 16 ? 16 : w + 1), ui_cols(),
					    _(act->help), 0);
				}
				row++;
			}
		}
		total = row;
		ui_flush();
		do {
			r = ui_key_read(ui, &k, 1);
		} while (r == UI_IDLE);
		ui->message[0] = '\0';
		if (r == UI_QUIT)
			return;
		action = ui_action(ui, "help", &k);
		if (action == ACTION_NONE || strcmp(k.name, "Resize") == 0 ||
		    strcmp(k.name, "Redraw") == 0) {
			if (action == ACTION_NONE && strcmp(k.name, "Resize") != 0 &&
			    strcmp(k.name, "Redraw") != 0)
				return;
			continue;
		}
		if (action == ACTION_DOWN && top + height < total)
			top++;
		else if (action == ACTION_UP && top > 0)
			top--;
		else if (action == ACTION_PAGE_DOWN && top + height < total)
			top += height;
		else if (action == ACTION_PAGE_UP)
			top = top > height ? top - height : 0;
		else if (action == ACTION_BACK || action == ACTION_HELP ||
		    action == ACTION_QUIT)
			return;
		else if (action == ACTION_LANGUAGE || action == ACTION_REDRAW)
			ui_global_action(ui, "help", action);
	}
}
