/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_keymap: keymap_parse() of any text.
 *
 * A user's own keys file goes through the same parser as the shipped ones,
 * so it must take anything without crashing. Checked: a refusal leaves no
 * keymap and names the file and line; an accepted keymap answers every
 * binding it holds with the action it was given.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "keymap.h"

#define T "fuzz_keymap"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct keymap_binding *b = NULL;
	struct keymap *km = NULL;
	char *text = NULL, err[256];
	enum action act;
	size_t i;

	text = fuzz_cstring(data, size);
	if (keymap_parse("fuzz.keys", text, &km, err, sizeof err) != 0) {
		if (km != NULL)
			fuzz_fail(T, "a refused keymap was returned");
		if (strncmp(err, "fuzz.keys:", 10) != 0)
			fuzz_fail(T, "a refusal does not name the file and line");
		goto out;
	}
	if (km == NULL)
		fuzz_fail(T, "an accepted keymap is NULL");
	for (i = 0; i < keymap_count(km); i++) {
		b = keymap_binding(km, i);
		act = keymap_lookup(km, b->context, b->key);
		if (act == ACTION_NONE || act != b->action)
			fuzz_fail(T, "a binding does not answer with its own action");
		if (keymap_action_help(b->action) == NULL)
			fuzz_fail(T, "a binding names an unknown action");
		if (keymap_key_for(km, b->context, b->action) == NULL)
			fuzz_fail(T, "no key found for a bound action");
		(void)keymap_physical(b->key);
	}
out:
	keymap_free(km);
	free(text);
	return 0;
}
