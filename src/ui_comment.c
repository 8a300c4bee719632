/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_comment: the comment on a cell, a short multi-line text on the whole
 * screen (it must work at 40x12, where a box over the grid would leave a
 * few words a line).
 *
 * Keys, chosen for PuTTY and phone SSH apps, where Shift+Enter and Alt+Enter
 * send what Enter sends: Enter saves, as in every other prompt of dapter;
 * Tab starts a new line; Esc (or C-g) leaves the comment as it was. A paste
 * of several lines arrives as text with Enters between: an Enter with more
 * text already queued behind it is a line break, not a save, so a pasted
 * paragraph never spills its second line into the grid as keys.
 *
 * The text is edited at its end (Backspace, C-u clears it all), wrapped at
 * the screen's width by text_wrap() and drawn through ui_put(), so a Kazakh
 * or Russian letter, a wide or combining character is never cut and
 * nothing typed reaches the terminal raw; the store checks it on saving.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui_widgets.h"

/* The text's lines at `cols` columns: starts and lengths into malloc'd arrays. */
static size_t
comment_lines(const char *buf, size_t cols, size_t *start, size_t *len)
{
	size_t pos = 0, n = 0, next = 0, l;
	int ended;

	do {
		l = text_wrap(buf + pos, cols, &next);
		start[n] = pos;
		len[n++] = l;
		ended = buf[pos + l] == '\0';
		pos += next;
	} while (!ended);
	return n;
}

/* Draws the text from line *top (editing: its end, the cursor after it). */
static void
comment_draw(struct ui *ui, const char *title, const char *buf, int readonly, size_t *top)
{
	char hint[256], *line = NULL;
	size_t *start = NULL, *len = NULL, n, i;
	int rows = ui_rows() - 3 > 1 ? ui_rows() - 3 : 1;
	int cols = ui_cols() - 2 > 1 ? ui_cols() - 2 : 1;

	ui_erase();
	/* Tab is the key nobody guesses: the status line says it while nothing else is said. */
	ui_frame(ui, title, readonly ? _("This comment is read-only.") :
	    _("Tab starts a new line."), "grid", NULL);
	if (readonly)
		snprintf(hint, sizeof hint, "Esc %s", _("back"));
	else
		/* L10N: the comment editor's keys: "Enter save  Esc cancel". */
		snprintf(hint, sizeof hint, "Enter %s  Esc %s", _("save"), _("cancel"));
	ui_put(ui_rows() - 1, 0, ui_cols(), hint, UI_PAD | UI_DIM);
	if ((start = calloc(strlen(buf) + 2, sizeof *start)) == NULL ||
	    (len = calloc(strlen(buf) + 2, sizeof *len)) == NULL ||
	    (line = malloc(strlen(buf) + 1)) == NULL) {
		ui_put(1, 1, cols, _("Out of memory."), UI_BOLD);
		goto out;
	}
	n = comment_lines(buf, (size_t)cols, start, len);
	/* Editing shows the end, where the typing is; reading scrolls within the text. */
	if (!readonly || *top + (size_t)rows > n)
		*top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (i = *top; i < n && i < *top + (size_t)rows; i++) {
		memcpy(line, buf + start[i], len[i]);
		line[len[i]] = '\0';
		ui_put(1 + (int)(i - *top), 1, cols, line, 0);
	}
	if (!readonly) {
		memcpy(line, buf + start[n - 1], len[n - 1]);
		line[len[n - 1]] = '\0';
		ui_cursor(1, 1 + (int)(n - 1 - *top), 1 + (int)text_width(line));
	} else
		ui_cursor(0, 0, 0);
out:
	free(start);
	free(len);
	free(line);
}

/* Adds typed text at the end, if it fits. */
static void
comment_add(struct ui *ui, char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);

	if (len + strlen(text) < size)
		memcpy(buf + len, text, strlen(text) + 1);
	else
		ui_status(ui, "%s", _("The comment is full: shorten it, or save it as it is."));
}

int
ui_comment_edit(struct ui *ui, const char *title, char *buf, size_t size, int readonly)
{
	struct ui_key k, ahead;
	enum action action = ACTION_NONE;
	size_t top = 0;
	int r, have_ahead = 0;

	for (;;) {
		comment_draw(ui, title, buf, readonly, &top);
		ui->message[0] = '\0';
		if (have_ahead) {
			k = ahead;
			have_ahead = 0;
		} else if (ui_key_next(ui, &k) == UI_QUIT)
			return UI_QUIT;
		if (strcmp(k.name, "Escape") == 0 || strcmp(k.name, "C-g") == 0)
			break;
		if (readonly) {
			action = ui_action(ui, "grid", &k);
			if (strcmp(k.name, "Enter") == 0 || (action != ACTION_NONE &&
			    (action == ACTION_BACK || action == ACTION_COMMENT)))
				break;
			if (action != ACTION_NONE && (action == ACTION_UP ||
			    action == ACTION_PAGE_UP) && top > 0)
				top--;
			else if (action != ACTION_NONE && (action == ACTION_DOWN ||
			    action == ACTION_PAGE_DOWN))
				top++;
			continue;
		}
		if (k.text[0] != '\0') {
			comment_add(ui, buf, size, k.text);
			continue;
		}
		if (strcmp(k.name, "Enter") == 0) {
			/* Text right behind it: a pasted line break. */
			if ((r = ui_key_read(ui, &ahead, 0)) == UI_QUIT)
				return UI_QUIT;
			if (r == UI_KEY && ahead.text[0] != '\0') {
				comment_add(ui, buf, size, "\n");
				have_ahead = 1;
				continue;
			}
			ui_cursor(0, 0, 0);
			return 1;
		}
		if (strcmp(k.name, "Tab") == 0)
			comment_add(ui, buf, size, "\n");
		else if (strcmp(k.name, "Backspace") == 0)
			ui_chop(buf);
		else if (strcmp(k.name, "C-u") == 0)
			buf[0] = '\0';
		else if ((action = ui_action(ui, "grid", &k)) != ACTION_NONE &&
		    (action == ACTION_LANGUAGE || action == ACTION_REDRAW))
			ui_global_action(ui, "grid", action);
	}
	ui_cursor(0, 0, 0);
	return 0;
}
