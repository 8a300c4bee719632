/*
 * ui_term: the terminal; see ui_term.h.
 *
 * Bytes matter (teachers on 2G): the terminal is set up once with newterm()
 * on stdin/stdout, nothing is ever clear()ed except on C-l, and the screens
 * call doupdate() once per batch of input, so curses sends only the cells
 * that changed.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "text.h"
#include "ui_term.h"

static SCREEN *term_screen;

int
ui_term_start(char *err, size_t size)
{
	const char *term = getenv("TERM");

	if ((term_screen = newterm(NULL, stdout, stdin)) == NULL) {
		snprintf(err, size, _("dapter: cannot use this terminal (TERM=%s).\n"),
		    term != NULL ? term : "");
		return -1;
	}
	set_escdelay(50);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	idlok(stdscr, FALSE);
	scrollok(stdscr, FALSE);
	return 0;
}

void
ui_term_end(void)
{
	if (term_screen == NULL)
		return;
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
}

void
ui_term_redraw(void)
{
	clearok(curscr, TRUE);
}

static void
utf8_put(unsigned long c, char *out, size_t size)
{
	if (size < 5)
		return;
	if (c < 0x80) {
		out[0] = (char)c;
		out[1] = '\0';
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		out[2] = '\0';
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		out[3] = '\0';
	} else {
		out[0] = (char)(0xf0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[3] = (char)(0x80 | (c & 0x3f));
		out[4] = '\0';
	}
}

static void
key_name_special(int code, char *out, size_t size)
{
	static const struct { int code; const char *name; } names[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PageUp" }, { KEY_NPAGE, "PageDown" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_ENTER, "Enter" },
		{ KEY_BTAB, "BTab" }, { KEY_BACKSPACE, "Backspace" }, { KEY_DC, "Delete" },
		{ KEY_IC, "Insert" }, { KEY_RESIZE, "Resize" }, { KEY_FIND, "Home" },
		{ KEY_SELECT, "End" }, { KEY_A1, "Home" }, { KEY_C1, "End" },
		{ KEY_A3, "PageUp" }, { KEY_C3, "PageDown" },
	};
	size_t i;

	out[0] = '\0';
	if (code >= KEY_F(1) && code <= KEY_F(12)) {
		snprintf(out, size, "F%d", code - KEY_F(0));
		return;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].code == code) {
			snprintf(out, size, "%s", names[i].name);
			return;
		}
	snprintf(out, size, "Key%d", code);
}

int
ui_term_key(struct ui_key *k, int ms)
{
	wint_t wc = 0;
	int r;

	memset(k, 0, sizeof *k);
	wtimeout(stdscr, ms);
	if ((r = wget_wch(stdscr, &wc)) == ERR)
		return UI_TERM_NONE;
	if (r == KEY_CODE_YES) {
		key_name_special((int)wc, k->name, sizeof k->name);
		return UI_TERM_KEY;
	}
	switch (wc) {
	case 27:
		snprintf(k->name, sizeof k->name, "Escape");
		break;
	case '\r':
	case '\n':
		snprintf(k->name, sizeof k->name, "Enter");
		break;
	case '\t':
		snprintf(k->name, sizeof k->name, "Tab");
		break;
	case 8:
	case 127:
		snprintf(k->name, sizeof k->name, "Backspace");
		break;
	case ' ':
		snprintf(k->name, sizeof k->name, "Space");
		snprintf(k->text, sizeof k->text, " ");
		break;
	default:
		if (wc < 32) {
			snprintf(k->name, sizeof k->name, "C-%c", (int)('a' + wc - 1));
			break;
		}
		if (wc == 0x7f || (wc >= 0x80 && wc < 0xa0) || wc > 0x10ffff) {
			snprintf(k->name, sizeof k->name, "Key%lu", (unsigned long)wc);
			break;
		}
		utf8_put((unsigned long)wc, k->text, sizeof k->text);
		snprintf(k->name, sizeof k->name, "%s", k->text);
		break;
	}
	return UI_TERM_KEY;
}

int
ui_rows(void)
{
	return LINES;
}

int
ui_cols(void)
{
	return COLS;
}

void
ui_erase(void)
{
	werase(stdscr);
}

void
ui_flush(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

static attr_t
ui_attr(int style)
{
	attr_t a = A_NORMAL;

	if (style & UI_BOLD)
		a |= A_BOLD;
	if (style & UI_REVERSE)
		a |= A_REVERSE;
	if (style & UI_DIM)
		a |= A_DIM;
	if (style & UI_UNDERLINE)
		a |= A_UNDERLINE;
	return a;
}

int
ui_put(int y, int x, int cols, const char *s, int style)
{
	char *fit = NULL;
	size_t w = 0;
	attr_t a = ui_attr(style);
	int pad, i;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	if ((fit = text_fit(s != NULL ? s : "", (size_t)cols, &w)) == NULL)
		return 0;
	pad = cols - (int)w;
	wattrset(stdscr, a);
	wmove(stdscr, y, x);
	if (style & UI_RIGHT)
		for (i = 0; i < pad; i++)
			waddch(stdscr, ' ');
	waddstr(stdscr, fit);
	if ((style & UI_PAD) && !(style & UI_RIGHT))
		for (i = 0; i < pad; i++)
			waddch(stdscr, ' ');
	wattrset(stdscr, A_NORMAL);
	free(fit);
	return (style & (UI_PAD | UI_RIGHT)) ? cols : (int)w;
}

void
ui_cursor(int visible, int y, int x)
{
	/* Terminals without cursor control say ERR; the screen works the same. */
	(void)curs_set(visible ? 1 : 0);
	if (visible)
		wmove(stdscr, y, x);
	leaveok(stdscr, visible ? FALSE : TRUE);
}
