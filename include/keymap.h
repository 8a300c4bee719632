/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keymap: key bindings read from keymaps/NAME.keys files.
 *
 * A keymap file holds lines "CONTEXT KEY ACTION" ('#' starts a comment).
 * Contexts are global, login, home, grid, help and admin; a screen looks up its
 * own context first and then global. Keys are named as the UI names them:
 * "Up", "Enter", "F1", "C-l", "Space", or one printable character ("q",
 * "й", "?"). Actions are names from keymap_actions(), never functions.
 *
 * The shipped keymaps and a user's file go through the same parser. A
 * Cyrillic letter with no binding of its own answers as the Latin key at
 * the same place on the keyboard (й=q, ц=w, ...; Kazakh ә=2, і=3, ...), so
 * hotkeys work on Russian and Kazakh layouts.
 *
 * No curses here: tests and tools link it without a terminal.
 */
#ifndef DAPTER_KEYMAP_H
#define DAPTER_KEYMAP_H

#include <stddef.h>

struct keymap;

struct keymap_action {
	const char *name;	/* "lesson-edit" */
	const char *help;	/* N_() description, translate with _() */
};

struct keymap_binding {
	char context[16];
	char key[16];
	char action[24];
};

/* The actions a keymap may name, ending with { NULL, NULL }. */
const struct keymap_action *keymap_actions(void);
/* The untranslated description of an action, or NULL when there is none. */
const char *keymap_action_help(const char *action);

/*
 * Parses keymap text; `name` is used in messages. On error returns -1, leaves
 * *out NULL and writes "NAME:LINE: message" (translated) into err.
 */
int keymap_parse(const char *name, const char *text, struct keymap **out, char *err,
    size_t errsize);
/* Reads and parses a file, with the same error reporting. */
int keymap_load(const char *path, struct keymap **out, char *err, size_t errsize);
void keymap_free(struct keymap *km);

/*
 * The file for a keymap spec: a path when it contains '/' or ends in
 * ".keys", else DIR/SPEC.keys with DIR from $DAPTER_KEYMAPDIR or PKGDATADIR.
 * Returns -1 when the result does not fit.
 */
int keymap_path(const char *spec, char *out, size_t outsize);

/* keymaps/default.keys, compiled in: the keymap when none is installed. */
extern const char keymap_builtin_default[];

/*
 * The action for a key in a context: the context's own binding, then
 * global's, then the same for the Latin twin of a Cyrillic key. NULL when
 * the key is not bound.
 */
const char *keymap_lookup(const struct keymap *km, const char *context, const char *key);
/* The first key bound to an action in a context (or global), or NULL. */
const char *keymap_key_for(const struct keymap *km, const char *context, const char *action);
/* Latin key at the place of a Cyrillic (Russian/Kazakh layout) key, or NULL. */
const char *keymap_physical(const char *key);
/*
 * The digit a key types on the digit row of a Latin, Russian or Kazakh
 * layout (Kazakh " ә і ң ғ , . ү ұ қ are 1..0), or -1. No shipped keymap
 * binds those keys in the grid, where digits write marks.
 */
int keymap_digit(const char *key);
/* The Latin or Cyrillic look-alike of a letter (a and а, x and х ...), or NULL. */
const char *keymap_twin(const char *key);
/*
 * The key a hint line names for an action: for attendance the letter of the
 * code in the language on screen (ж in Kazakh, н in Russian) when it is
 * bound there; outside English never a letter whose look-alike means
 * something else in the context. NULL when no key is safe to name.
 */
const char *keymap_hint_key(const struct keymap *km, const char *context, const char *action);

size_t keymap_count(const struct keymap *km);
const struct keymap_binding *keymap_binding(const struct keymap *km, size_t i);

#endif
