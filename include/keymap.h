/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keymap: key bindings read from keymaps/NAME.keys files.
 *
 * A keymap file holds lines "CONTEXT KEY ACTION" ('#' starts a comment).
 * Contexts are global, login, home, grid, help and admin; a screen looks up its
 * own context first and then global. Keys are named as the UI names them:
 * "Up", "Enter", "F1", "C-l", "Space", or one printable character ("q",
 * "й", "?"). Actions are names from KEYMAP_ACTIONS, never functions.
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

/*
 * The actions, one list: X(ID, "name in a keymap file", N_("what it does")).
 * The enum, the parser's names and the help screen's lines all come from it,
 * so no action can be bound in a file and unknown to the screens.
 */
#define KEYMAP_ACTIONS(X) \
	X(HELP, "help", N_("Show the keys")) \
	X(LANGUAGE, "language", N_("Switch the language (kk, ru, en)")) \
	X(REDRAW, "redraw", N_("Redraw the screen")) \
	X(QUIT, "quit", N_("Quit dapter")) \
	X(LOCK, "lock", N_("Lock the journal; another teacher may log in meanwhile")) \
	X(BACK, "back", N_("Back to the screen before (from a page: the list of journals)")) \
	X(OPEN, "open", N_("Open the journal")) \
	X(UP, "up", N_("Previous pupil or line")) \
	X(DOWN, "down", N_("Next pupil or line")) \
	X(LEFT, "left", N_("Previous lesson")) \
	X(RIGHT, "right", N_("Next lesson")) \
	X(PAGE_UP, "page-up", N_("Page up")) \
	X(PAGE_DOWN, "page-down", N_("Page down")) \
	X(FIRST, "first", N_("First lesson; the top of a list")) \
	X(LAST, "last", N_("Last lesson; the end of a list")) \
	X(TODAY, "today", N_("Today's lesson")) \
	X(ABSENT, "absent", N_("Absent")) \
	X(EXCUSED, "excused", N_("Absent for a good reason")) \
	X(ILL, "ill", N_("Ill")) \
	X(LATE, "late", N_("Late")) \
	X(CLEAR, "clear", N_("Clear the cell")) \
	X(ENTER, "enter", N_("Save the typed points and go down, else edit the lesson")) \
	X(LESSON_EDIT, "lesson-edit", N_("Edit the lesson's topic and homework")) \
	X(LESSON_ADD, "lesson-add", N_("Add a lesson for today")) \
	X(LESSON_REMOVE, "lesson-remove", N_("Remove the lesson, a lesson added by mistake")) \
	X(COMMENT, "comment", N_("The comment on the cell: feedback on the pupil's work")) \
	X(SUMMARY, "summary", N_("Term results: the shares of FA, SA-S and SA-T")) \
	X(PLAN, "plan", N_("The plan: topics done, where a SA-S is due, ahead or behind")) \
	X(CLASS, "class", N_("Class view: every subject's term mark")) \
	X(PERIOD_PREV, "period-prev", N_("Previous term")) \
	X(PERIOD_NEXT, "period-next", N_("Next term")) \
	X(ADMIN, "admin", N_("Administration: users, classes, terms, sessions, audit")) \
	X(PASSWORD, "password", N_("Change my password")) \
	X(REPORTS, "reports", \
	    N_("Reports: report cards, summary sheet, quality, analysis, attendance")) \
	X(ADD, "add", N_("Add (a user, a class, an assignment)")) \
	X(TOGGLE, "toggle", N_("Disable or enable the user; close or reopen the term")) \
	X(RESET, "reset", N_("Reset the user's password")) \
	X(ROLE, "role", N_("Change the user's role")) \
	X(IMPORT, "import", N_("Import the class list from a CSV or XLSX file or a paste")) \
	X(BREAK, "break", N_("Break the lock the session holds")) \
	X(FILTER, "filter", N_("Filter the audit records")) \
	X(VERIFY, "verify", N_("Verify the audit chain")) \
	X(KEYS, "keys", N_("The user's SSH keys")) \
	X(REMOVE, "remove", N_("Remove (a key, a substitution, a holiday)")) \
	X(RENAME, "rename", N_("Rename the class or the pupil")) \
	X(LEAVE, "leave", N_("Record that the pupil left the school on a date")) \
	X(PROMOTE, "promote", N_("Move the class up into the next school year")) \
	X(TEACHER, "teacher", N_("Choose the class teacher")) \
	X(MOVE, "move", N_("Move the pupil to another class")) \
	X(SUBGROUP, "subgroup", N_("Put the pupil into a subgroup of a subject")) \
	X(DATES, "dates", N_("Change the term's first and last day")) \
	X(YEAR, "year", N_("Show another school year")) \
	X(TOPIC_EDIT, "topic-edit", \
	    N_("Edit the plan's topic: text, hours, date, homework, section, SA-S")) \
	X(TOPIC_ADD, "topic-add", N_("Add a topic to the plan after this one, or start the plan")) \
	X(TOPIC_REMOVE, "topic-remove", N_("Remove the topic from the plan")) \
	X(TOPIC_UP, "topic-up", N_("Move the topic up the plan")) \
	X(TOPIC_DOWN, "topic-down", N_("Move the topic down the plan")) \
	X(TIMETABLE, "timetable", N_("The class's weekly timetable")) \
	X(ROOM, "room", N_("Set the room of the timetable's lesson")) \
	X(SHIFT, "shift", N_("Show the other shift of the timetable")) \
	X(SAVE, "save", N_("Save the timetable from a date"))

enum action {
	ACTION_NONE,	/* the key means nothing here */
#define KEYMAP_ACTION_ENUM(id, name, help) ACTION_##id,
	KEYMAP_ACTIONS(KEYMAP_ACTION_ENUM)
#undef KEYMAP_ACTION_ENUM
	ACTION_COUNT
};

struct keymap_action {
	enum action id;
	const char *name;	/* "lesson-edit" */
	const char *help;	/* N_() description, translate with _() */
};

struct keymap_binding {
	char context[16];
	char key[16];
	enum action action;
};

/* The actions a keymap may name, in the list's order, ending with name NULL. */
const struct keymap_action *keymap_actions(void);
/* The action called `name` in keymap files, or ACTION_NONE. */
enum action keymap_action_named(const char *name);
/* An action's name in keymap files ("" for ACTION_NONE). */
const char *keymap_action_name(enum action a);
/* The untranslated description of an action, or NULL for ACTION_NONE. */
const char *keymap_action_help(enum action a);

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
 * global's, then the same for the Latin twin of a Cyrillic key.
 * ACTION_NONE when the key is not bound.
 */
enum action keymap_lookup(const struct keymap *km, const char *context, const char *key);
/* The first key bound to an action in a context (or global), or NULL. */
const char *keymap_key_for(const struct keymap *km, const char *context, enum action action);
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
const char *keymap_hint_key(const struct keymap *km, const char *context, enum action action);

size_t keymap_count(const struct keymap *km);
const struct keymap_binding *keymap_binding(const struct keymap *km, size_t i);

#endif
