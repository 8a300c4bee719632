/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_keyseq: ui_keyseq_escape() on any bytes after an Esc.
 *
 * Over SSH every byte of a key press comes from the client, cut anywhere by
 * a slow link. Checked: the decoder stops asking once no byte came, reads
 * at most Esc's longest sequence, names every key (a name the keymap can
 * hold, "Escape" or "Key?" when it knows none), gives text only for a
 * keypad key that types its own name, and hands a byte back only after
 * naming "Escape", that byte being the one it read last.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ui_term.h"

#define T "fuzz_keyseq"

struct bytes {
	const uint8_t *data;
	size_t size, pos;
	int ended;		/* next() said -1 once */
};

static int
next(void *arg)
{
	struct bytes *b = arg;

	if (b->ended)
		fuzz_fail(T, "read on after no byte came");
	if (b->pos == b->size) {
		b->ended = 1;
		return -1;
	}
	return b->data[b->pos++];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size, 0, 0 };
	struct ui_key k;
	int back;

	memset(&k, 0, sizeof k);
	back = ui_keyseq_escape(next, &b, &k);
	if (b.pos > 2 + 32)
		fuzz_fail(T, "read past the longest sequence");
	if (memchr(k.name, '\0', sizeof k.name) == NULL || k.name[0] == '\0' ||
	    memchr(k.text, '\0', sizeof k.text) == NULL)
		fuzz_fail(T, "a key without a name, or a name or text not terminated");
	if (!fuzz_terminal_safe(k.name, 0) || !fuzz_terminal_safe(k.text, 0))
		fuzz_fail(T, "a key name or text that would act on a terminal");
	if (k.text[0] != '\0' && strcmp(k.text, k.name) != 0)
		fuzz_fail(T, "a key types text other than its name");
	if (back != -1 && (strcmp(k.name, "Escape") != 0 || b.pos == 0 ||
	    back != data[b.pos - 1]))
		fuzz_fail(T, "a byte handed back that is not the key after Esc");
	return 0;
}
