/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_draw: the widgets the screens share, drawn with ui_term's primitives:
 * the frame (title, status line, key hints) and the one-line editor. Every
 * string passes text_fit() in ui_put(), so user text never reaches the
 * terminal raw.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keymap.h"
#include "text.h"
#include "ui_widgets.h"

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
