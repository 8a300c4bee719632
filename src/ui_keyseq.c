/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_keyseq: the escape sequences curses did not match, decoded from bytes
 * alone (see ui_term.h). Apart from ui_term.c so that it needs no terminal:
 * tests/fuzz/fuzz_keyseq feeds it any bytes a client can send.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_term.h"

int
ui_keyseq_escape(int (*next)(void *), void *arg, struct ui_key *k)
{
	/* SS3 finals: cursor keys, F1-F4 and the application keypad. */
	static const char ss3[] = "ABCDHFPQRSpqrstuvwxyMkmjonX";
	static const char *const ss3_names[] = { "Up", "Down", "Right", "Left", "Home", "End",
	    "F1", "F2", "F3", "F4", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "Enter",
	    "+", "-", "*", "/", ".", "=" };
	/* CSI finals of the cursor keys, Home, End and Shift-Tab. */
	static const char csi[] = "ABCDHFZ";
	static const char *const csi_names[] = { "Up", "Down", "Right", "Left", "Home", "End",
	    "BTab" };
	/* CSI n ~ by n. */
	static const char *const tilde[] = { NULL, "Home", "Insert", "Delete", "End", "PageUp",
	    "PageDown", "Home", "End", NULL, NULL, "F1", "F2", "F3", "F4", "F5", NULL, "F6", "F7",
	    "F8", "F9", "F10", NULL, "F11", "F12" };
	char params[16];
	const char *p = NULL;
	size_t n = 0, i;
	int c, fin = -1, num;

	snprintf(k->name, sizeof k->name, "Key?");
	if ((c = next(arg)) == -1) {
		snprintf(k->name, sizeof k->name, "Escape");
		return -1;
	}
	if (c == 'O') {
		if ((c = next(arg)) == -1 || (p = strchr(ss3, c)) == NULL || c == '\0')
			return -1;
		snprintf(k->name, sizeof k->name, "%s", ss3_names[p - ss3]);
		/* The keypad's digits and signs type themselves. */
		if (strlen(ss3_names[p - ss3]) == 1)
			memcpy(k->text, ss3_names[p - ss3], 2);
		return -1;
	}
	if (c != '[') {
		/* Esc and then a key typed quickly (or Alt and a key): both count. */
		snprintf(k->name, sizeof k->name, "Escape");
		return c;
	}
	/* CSI: parameter and intermediate bytes, then one final byte. */
	for (i = 0; i < 32 && (c = next(arg)) != -1; i++) {
		if (c >= 0x40 && c <= 0x7e) {
			fin = c;
			break;
		}
		if (c < 0x20 || c > 0x3f)
			return -1;
		if (n + 1 < sizeof params)
			params[n++] = (char)c;
	}
	params[n] = '\0';
	if (fin == -1)
		return -1;
	/* A plain key only: "1;5A" (C-Up) and the like mean nothing here. */
	if ((p = strchr(csi, fin)) != NULL && fin != '\0' &&
	    (n == 0 || strcmp(params, "1") == 0)) {
		snprintf(k->name, sizeof k->name, "%s", csi_names[p - csi]);
		return -1;
	}
	if (fin == '~' && n > 0 && n <= 2 && strspn(params, "0123456789") == n) {
		num = atoi(params);
		if (num < (int)(sizeof tilde / sizeof tilde[0]) && tilde[num] != NULL)
			snprintf(k->name, sizeof k->name, "%s", tilde[num]);
	}
	return -1;
}
