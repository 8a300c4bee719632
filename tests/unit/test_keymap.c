/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_keymap: the keymap library (src/keymap.c) without a terminal.
 * - every action of KEYMAP_ACTIONS has a distinct name, a description, and
 *   its name reads back as the same enum value;
 * - the parser refuses what a user's file may get wrong (an unknown context,
 *   key or action, a key bound twice, a missing or extra word, no bindings,
 *   bytes that are not UTF-8), naming the file and the line;
 * - a context's binding comes before global's; a Cyrillic letter with no
 *   binding of its own acts as the Latin key at its place, except for
 *   attendance, which is typed only with the letters of its codes;
 * - the shipped keymaps parse, and the compiled-in default is the installed
 *   default.keys.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "tap.h"

static void
check_actions(void)
{
	const struct keymap_action *a, *b;
	int bad = 0;

	for (a = keymap_actions(); a->name != NULL; a++) {
		if (keymap_action_named(a->name) != a->id ||
		    strcmp(keymap_action_name(a->id), a->name) != 0) {
			printf("# %s does not read back as itself\n", a->name);
			bad++;
		}
		if (keymap_action_help(a->id) == NULL || a->help[0] == '\0') {
			printf("# %s has no description\n", a->name);
			bad++;
		}
		for (b = a + 1; b->name != NULL; b++)
			if (strcmp(a->name, b->name) == 0 || a->id == b->id) {
				printf("# %s is in the list twice\n", a->name);
				bad++;
			}
	}
	tap_ok(bad == 0, "every action has one name, a description, and reads back as itself");
	tap_is_int(keymap_actions()[ACTION_COUNT - 1].name == NULL, 1,
	    "the list holds every enum value, ACTION_NONE aside");
	tap_is_int(keymap_action_named("no-such-action"), ACTION_NONE,
	    "an unknown name is ACTION_NONE");
	tap_is_str(keymap_action_name(ACTION_NONE), "", "ACTION_NONE has no name");
	tap_ok(keymap_action_help(ACTION_NONE) == NULL, "nor a description");
	tap_is_str(keymap_action_name(ACTION_LESSON_EDIT), "lesson-edit",
	    "ACTION_LESSON_EDIT is lesson-edit in a keymap file");
}

/* The text must be refused with an error that starts with `where` (file:line: ...). */
static void
refused(const char *text, const char *where, const char *what)
{
	struct keymap *km = NULL;
	char err[256], name[256];

	snprintf(name, sizeof name, "refused: %s", what);
	if (!tap_ok(keymap_parse("my.keys", text, &km, err, sizeof err) != 0 && km == NULL &&
	    strncmp(err, where, strlen(where)) == 0, name))
		printf("#   error: \"%s\", wanted it to start \"%s\"\n", err, where);
	keymap_free(km);
}

static void
check_parser(void)
{
	refused("grid q quit\nnowhere q quit\n", "my.keys:2: unknown context \"nowhere\"",
	    "an unknown context");
	refused("grid NoSuchKey quit\n", "my.keys:1: unknown key name \"NoSuchKey\"",
	    "an unknown key name");
	refused("# a comment\n\ngrid q fly\n", "my.keys:3: unknown action \"fly\"",
	    "an unknown action, comments and blank lines counted");
	refused("grid q quit\ngrid q help\n", "my.keys:2: key \"q\" is bound twice in \"grid\"",
	    "a key bound twice in one context");
	refused("grid q\n", "my.keys:1: expected \"CONTEXT KEY ACTION\"", "a missing action");
	refused("grid q quit now\n", "my.keys:1: unexpected \"now\" after the action",
	    "a word after the action");
	refused("# nothing", "my.keys:1: the keymap binds no keys", "a keymap with no bindings");
	refused("grid \xff quit\n", "my.keys:1: the file is not UTF-8 text",
	    "bytes that are not UTF-8");
	refused("grid C-1 quit\n", "my.keys:1: unknown key name",
	    "a control key that is no letter");
	refused("grid F13 quit\n", "my.keys:1: unknown key name", "a function key past F12");
}

static void
check_lookup(void)
{
	static const char text[] =
	    "global q quit   # as in every screen\n"
	    "global ? help\n"
	    "grid q back\r\n"
	    "grid a absent\n"
	    "grid l late\n"
	    "grid F9 comment\n"
	    "grid # today\n"
	    "home j down\n";
	struct keymap *km = NULL;
	char err[256];

	if (!tap_ok(keymap_parse("t.keys", text, &km, err, sizeof err) == 0, "a keymap parses")) {
		printf("#   %s\n", err);
		return;
	}
	tap_is_int(keymap_count(km), 8, "with its eight bindings (a comment after one, CRLF)");
	tap_is_int(keymap_lookup(km, "grid", "q"), ACTION_BACK, "the grid's own q comes first");
	tap_is_int(keymap_lookup(km, "home", "q"), ACTION_QUIT, "elsewhere q is global's");
	tap_is_int(keymap_lookup(km, "grid", "?"), ACTION_HELP, "global's keys reach the grid");
	tap_is_int(keymap_lookup(km, "grid", "#"), ACTION_TODAY, "# is a key, not a comment");
	tap_is_int(keymap_lookup(km, "grid", "x"), ACTION_NONE, "an unbound key is ACTION_NONE");
	tap_is_int(keymap_lookup(km, "home", "о"), ACTION_DOWN,
	    "Russian о acts as j, the key at its place");
	tap_is_int(keymap_lookup(km, "grid", "й"), ACTION_BACK, "й acts as q in the grid");
	tap_is_int(keymap_lookup(km, "grid", "ф"), ACTION_NONE,
	    "ф, at a's place, does not mark absent: attendance takes its own letters");
	tap_is_int(keymap_lookup(km, "grid", "д"), ACTION_NONE, "nor д at l's place late");
	tap_is_str(keymap_key_for(km, "grid", ACTION_COMMENT), "F9",
	    "the key for an action in a context");
	tap_is_str(keymap_key_for(km, "grid", ACTION_HELP), "?", "or global's");
	tap_ok(keymap_key_for(km, "home", ACTION_COMMENT) == NULL, "none for an unbound action");
	tap_is_str(keymap_physical("ц"), "w", "ц is at w's place");
	tap_is_str(keymap_physical("ә"), "2", "Kazakh ә is on the 2 key");
	tap_is_int(keymap_digit("қ"), 0, "Kazakh қ types 0 on the digit row");
	tap_is_str(keymap_twin("с"), "c", "Cyrillic с looks like Latin c");
	keymap_free(km);
}

/* The whole of a file, or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len + 1)) != NULL) {
		if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		} else
			buf[len] = '\0';
	}
	fclose(f);
	return buf;
}

static void
check_shipped(void)
{
	static const char *const names[] = { "default", "vi", "phone", NULL };
	const char *top = getenv("top_srcdir");
	struct keymap *km = NULL;
	char path[1024], err[512], name[256], *text = NULL;
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/keymaps/%s.keys", top != NULL ? top : ".",
		    names[i]);
		snprintf(name, sizeof name, "keymaps/%s.keys parses", names[i]);
		if (!tap_ok(keymap_load(path, &km, err, sizeof err) == 0, name))
			printf("#   %s\n", err);
		keymap_free(km);
		km = NULL;
	}
	snprintf(path, sizeof path, "%s/keymaps/default.keys", top != NULL ? top : ".");
	text = slurp(path);
	tap_ok(text != NULL && strcmp(text, keymap_builtin_default) == 0,
	    "the compiled-in keymap is keymaps/default.keys");
	free(text);
	snprintf(path, sizeof path, "%s/keymaps/no-such.keys", top != NULL ? top : ".");
	tap_ok(keymap_load(path, &km, err, sizeof err) != 0 && km == NULL &&
	    strstr(err, "no-such.keys:0: cannot open") != NULL, "a missing file is named");
}

int
main(void)
{
	check_actions();
	check_parser();
	check_lookup();
	check_shipped();
	return tap_done();
}
