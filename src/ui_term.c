/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* Last: term.h defines macros named like ordinary words (lines, columns). */
#include <term.h>

static SCREEN *term_screen;
static int term_cursor = 1;	/* the cursor is shown */

/* 1 when terminfo has the string capability `cap`. */
static int
term_has(const char *cap)
{
	const char *s = tigetstr(cap);

	return s != NULL && s != (const char *)-1 && *s != '\0';
}

/* Sends a terminfo string as it is, if the terminal has it. */
static void
term_send(const char *cap)
{
	if (term_has(cap))
		putp(tigetstr(cap));
}

int
ui_term_start(char *err, size_t size)
{
	const char *term = getenv("TERM");

	if ((term_screen = newterm(NULL, stdout, stdin)) == NULL) {
		snprintf(err, size, _("dapter: cannot use this terminal (TERM=%s).\n"),
		    term != NULL ? term : "");
		return -1;
	}
	/*
	 * A terminal that cannot move its cursor (TERM=dumb, or unset under
	 * some cron or IDE consoles) would show only the last line of every
	 * screen: say what to set instead.
	 */
	if (!term_has("cup")) {
		ui_term_end();
		snprintf(err, size, _("dapter: this terminal (TERM=%s) cannot move its cursor, "
		    "which the journal needs. Run it in a terminal emulator, with "
		    "TERM=xterm-256color (or TERM=linux on the console).\n"),
		    term != NULL && *term != '\0' ? term : "dumb");
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
ui_term_reinit(void)
{
	/*
	 * curses told the first terminal once (as tmux's tty_start_tty does)
	 * and believes the new one knows: the alternate screen, keypad transmit
	 * (without it the arrows come as CSI, not as terminfo says), the cursor.
	 */
	term_send("smcup");
	term_send("smkx");
	term_send(term_cursor ? "cnorm" : "civis");
	fflush(stdout);
	clearok(curscr, TRUE);
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

/*
 * Keys by what curses makes of them. The keypad's digits (PuTTY's
 * application keypad, xterm's ka1..c3) type digits: marks are typed there.
 */
static const struct {
	int code;
	const char *name, *text;
} term_keys[] = {
	{ KEY_UP, "Up", "" }, { KEY_DOWN, "Down", "" }, { KEY_LEFT, "Left", "" },
	{ KEY_RIGHT, "Right", "" }, { KEY_PPAGE, "PageUp", "" }, { KEY_NPAGE, "PageDown", "" },
	{ KEY_HOME, "Home", "" }, { KEY_END, "End", "" }, { KEY_ENTER, "Enter", "" },
	{ KEY_BTAB, "BTab", "" }, { KEY_BACKSPACE, "Backspace", "" }, { KEY_DC, "Delete", "" },
	{ KEY_IC, "Insert", "" }, { KEY_RESIZE, "Resize", "" }, { KEY_FIND, "Home", "" },
	{ KEY_SELECT, "End", "" }, { KEY_A1, "7", "7" }, { KEY_A3, "9", "9" },
	{ KEY_B2, "5", "5" }, { KEY_C1, "1", "1" }, { KEY_C3, "3", "3" },
};

static void
term_key_code(int code, struct ui_key *k)
{
	size_t i;

	if (code >= KEY_F(1) && code <= KEY_F(12)) {
		snprintf(k->name, sizeof k->name, "F%d", code - KEY_F(0));
		return;
	}
	for (i = 0; i < sizeof term_keys / sizeof term_keys[0]; i++)
		if (term_keys[i].code == code) {
			snprintf(k->name, sizeof k->name, "%s", term_keys[i].name);
			snprintf(k->text, sizeof k->text, "%s", term_keys[i].text);
			return;
		}
	snprintf(k->name, sizeof k->name, "Key%d", code);
}

/* The next byte of a sequence already on its way, or -1 (ui_keyseq_escape()'s next). */
static int
term_next(void *arg)
{
	int c;

	/*
	 * curses has waited ESCDELAY for the sequence it did not know: its
	 * bytes are here already, or a few milliseconds behind on a slow link.
	 */
	wtimeout(stdscr, 25);
	c = wgetch(stdscr);
	return c == ERR || c >= KEY_MIN ? -1 : c;
}

int
ui_term_key(struct ui_key *k, int ms)
{
	wint_t wc = 0;
	int r, c;

	memset(k, 0, sizeof *k);
	wtimeout(stdscr, ms);
	if ((r = wget_wch(stdscr, &wc)) == ERR)
		return UI_TERM_NONE;
	if (r == KEY_CODE_YES) {
		term_key_code((int)wc, k);
		return UI_TERM_KEY;
	}
	switch (wc) {
	case 27:
		/* Esc and a key typed quickly: the key is read again, as itself. */
		if ((c = ui_keyseq_escape(term_next, NULL, k)) != -1)
			ungetch(c);
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
		/* Cyrillic and every other letter is text; the keymap names it by itself. */
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
	term_cursor = visible;
	if (visible)
		wmove(stdscr, y, x);
	leaveok(stdscr, visible ? FALSE : TRUE);
}
