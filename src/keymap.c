/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keymap: parses "context key action" files and answers which action a key
 * means on a screen. The shipped keymaps (keymaps/NAME.keys) go through this
 * same parser, so a mistake in them shows the way a user's would.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keymap.h"
#include "text.h"

#define KEYMAP_FILE_MAX	(64 * 1024)

struct keymap {
	struct keymap_binding *b;
	size_t n, size;
};

/* keymap.h's KEYMAP_ACTIONS as a table, indexed by enum action. */
static const struct keymap_action actions[] = {
	{ ACTION_NONE, "", NULL },
#define KEYMAP_ACTION_ENTRY(id, name, help) { ACTION_##id, name, help },
	KEYMAP_ACTIONS(KEYMAP_ACTION_ENTRY)
#undef KEYMAP_ACTION_ENTRY
	{ ACTION_COUNT, NULL, NULL }
};

static const char *const contexts[] = { "global", "login", "home", "grid", "help", "admin",
    "plan", NULL };

static const char *const named_keys[] = {
	"Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter",
	"Tab", "BTab", "Backspace", "Delete", "Insert", "Escape", "Space", NULL
};

/* Russian ЙЦУКЕН and the Kazakh number row, by the Latin key at the same place. */
static const char *const physical[][2] = {
	{ "й", "q" }, { "ц", "w" }, { "у", "e" }, { "к", "r" }, { "е", "t" }, { "н", "y" },
	{ "г", "u" }, { "ш", "i" }, { "щ", "o" }, { "з", "p" }, { "х", "[" }, { "ъ", "]" },
	{ "ф", "a" }, { "ы", "s" }, { "в", "d" }, { "а", "f" }, { "п", "g" }, { "р", "h" },
	{ "о", "j" }, { "л", "k" }, { "д", "l" }, { "ж", ";" }, { "э", "'" }, { "я", "z" },
	{ "ч", "x" }, { "с", "c" }, { "м", "v" }, { "и", "b" }, { "т", "n" }, { "ь", "m" },
	{ "б", "," }, { "ю", "." }, { "ё", "`" },
	{ "Й", "Q" }, { "Ц", "W" }, { "У", "E" }, { "К", "R" }, { "Е", "T" }, { "Н", "Y" },
	{ "Г", "U" }, { "Ш", "I" }, { "Щ", "O" }, { "З", "P" }, { "Х", "{" }, { "Ъ", "}" },
	{ "Ф", "A" }, { "Ы", "S" }, { "В", "D" }, { "А", "F" }, { "П", "G" }, { "Р", "H" },
	{ "О", "J" }, { "Л", "K" }, { "Д", "L" }, { "Ж", ":" }, { "Э", "\"" }, { "Я", "Z" },
	{ "Ч", "X" }, { "С", "C" }, { "М", "V" }, { "И", "B" }, { "Т", "N" }, { "Ь", "M" },
	{ "Б", "<" }, { "Ю", ">" }, { "Ё", "~" },
	{ "ә", "2" }, { "і", "3" }, { "ң", "4" }, { "ғ", "5" }, { "ү", "8" }, { "ұ", "9" },
	{ "қ", "0" }, { "ө", "-" }, { "һ", "=" },
	{ NULL, NULL }
};

const struct keymap_action *
keymap_actions(void)
{
	return actions + 1;
}

enum action
keymap_action_named(const char *name)
{
	size_t i;

	for (i = 1; i < ACTION_COUNT; i++)
		if (strcmp(actions[i].name, name) == 0)
			return actions[i].id;
	return ACTION_NONE;
}

const char *
keymap_action_name(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? actions[a].name : "";
}

const char *
keymap_action_help(enum action a)
{
	return a > ACTION_NONE && a < ACTION_COUNT ? actions[a].help : NULL;
}

/* Bytes of the UTF-8 sequence starting with c, or 0 for a bad lead byte. */
static size_t
utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

static int
key_valid(const char *key)
{
	size_t i, len = strlen(key);
	char *safe = NULL;
	int ok;

	for (i = 0; named_keys[i] != NULL; i++)
		if (strcmp(key, named_keys[i]) == 0)
			return 1;
	if (key[0] == 'F' && len >= 2 && len <= 3) {
		i = (size_t)strtoul(key + 1, NULL, 10);
		return key[1] >= '1' && key[1] <= '9' && i >= 1 && i <= 12 &&
		    (len == 2 || (key[2] >= '0' && key[2] <= '9'));
	}
	if (len == 3 && key[0] == 'C' && key[1] == '-')
		return key[2] >= 'a' && key[2] <= 'z';
	/* One printable character. */
	if (len == 0 || utf8_len((unsigned char)key[0]) != len || !text_is_utf8(key, len))
		return 0;
	if ((unsigned char)key[0] <= ' ' || key[0] == 0x7f)
		return 0;
	if ((safe = text_safe(key)) == NULL)
		return 0;
	ok = strcmp(safe, key) == 0;
	free(safe);
	return ok;
}

static int
context_valid(const char *ctx)
{
	size_t i;

	for (i = 0; contexts[i] != NULL; i++)
		if (strcmp(ctx, contexts[i]) == 0)
			return 1;
	return 0;
}

static enum action
find(const struct keymap *km, const char *context, const char *key)
{
	size_t i;

	for (i = 0; i < km->n; i++)
		if (strcmp(km->b[i].context, context) == 0 && strcmp(km->b[i].key, key) == 0)
			return km->b[i].action;
	return ACTION_NONE;
}

/* Splits off the next blank-separated word of *p; NULL at the end. */
static char *
word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	w = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*p = s;
	return w;
}

int
keymap_parse(const char *name, const char *text, struct keymap **out, char *err,
    size_t errsize)
{
	struct keymap *km = NULL;
	struct keymap_binding *nb = NULL;
	char *copy = NULL, *line, *next, *p, *ctx, *key, *act, *extra, *hash;
	enum action action;
	size_t lineno = 0;
	int rc = -1;

	*out = NULL;
	if (err != NULL && errsize > 0)
		err[0] = '\0';
	if ((km = calloc(1, sizeof *km)) == NULL || (copy = strdup(text)) == NULL) {
		snprintf(err, errsize, _("%s: out of memory"), name);
		goto out;
	}
	if (!text_is_utf8(text, strlen(text))) {
		snprintf(err, errsize, _("%s:1: the file is not UTF-8 text"), name);
		goto out;
	}
	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((p = strchr(line, '\r')) != NULL)
			*p = '\0';
		/* '#' starts a comment, except as the key itself ("grid # ..."). */
		p = line;
		if ((ctx = word(&p)) == NULL || ctx[0] == '#')
			continue;
		key = word(&p);
		act = NULL;
		if (key != NULL && (act = word(&p)) != NULL && (hash = strchr(act, '#')) != NULL)
			*hash = '\0';
		extra = word(&p);
		if (key == NULL || act == NULL || act[0] == '\0') {
			snprintf(err, errsize, _("%s:%zu: expected \"CONTEXT KEY ACTION\""),
			    name, lineno);
			goto out;
		}
		if (extra != NULL && extra[0] != '#') {
			snprintf(err, errsize, _("%s:%zu: unexpected \"%s\" after the action"),
			    name, lineno, extra);
			goto out;
		}
		if (!context_valid(ctx) || strlen(ctx) >= sizeof km->b[0].context) {
			snprintf(err, errsize, _("%s:%zu: unknown context \"%s\" (global, login, "
			    "home, grid, help, admin, plan)"), name, lineno, ctx);
			goto out;
		}
		if (!key_valid(key) || strlen(key) >= sizeof km->b[0].key) {
			snprintf(err, errsize, _("%s:%zu: unknown key name \"%s\""), name, lineno,
			    key);
			goto out;
		}
		if ((action = keymap_action_named(act)) == ACTION_NONE) {
			snprintf(err, errsize, _("%s:%zu: unknown action \"%s\""), name, lineno,
			    act);
			goto out;
		}
		if (find(km, ctx, key) != ACTION_NONE) {
			snprintf(err, errsize, _("%s:%zu: key \"%s\" is bound twice in \"%s\""),
			    name, lineno, key, ctx);
			goto out;
		}
		if (km->n == km->size) {
			km->size = km->size ? km->size * 2 : 64;
			if ((nb = realloc(km->b, km->size * sizeof *km->b)) == NULL) {
				snprintf(err, errsize, _("%s: out of memory"), name);
				goto out;
			}
			km->b = nb;
		}
		snprintf(km->b[km->n].context, sizeof km->b[0].context, "%s", ctx);
		snprintf(km->b[km->n].key, sizeof km->b[0].key, "%s", key);
		km->b[km->n].action = action;
		km->n++;
	}
	if (km->n == 0) {
		snprintf(err, errsize, _("%s:%zu: the keymap binds no keys"), name, lineno);
		goto out;
	}
	*out = km;
	km = NULL;
	rc = 0;
out:
	free(copy);
	keymap_free(km);
	return rc;
}

int
keymap_load(const char *path, struct keymap **out, char *err, size_t errsize)
{
	FILE *f = NULL;
	char *buf = NULL;
	size_t len;
	int rc = -1;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsize, _("%s:0: cannot open: %s"), path, strerror(errno));
		goto out;
	}
	if ((buf = malloc(KEYMAP_FILE_MAX + 1)) == NULL) {
		snprintf(err, errsize, _("%s: out of memory"), path);
		goto out;
	}
	len = fread(buf, 1, KEYMAP_FILE_MAX + 1, f);
	if (ferror(f)) {
		snprintf(err, errsize, _("%s:0: cannot read: %s"), path, strerror(errno));
		goto out;
	}
	if (len > KEYMAP_FILE_MAX) {
		snprintf(err, errsize, _("%s:0: the file is larger than 64 KB"), path);
		goto out;
	}
	if (memchr(buf, '\0', len) != NULL) {
		snprintf(err, errsize, _("%s:1: the file is not UTF-8 text"), path);
		goto out;
	}
	buf[len] = '\0';
	rc = keymap_parse(path, buf, out, err, errsize);
out:
	free(buf);
	if (f != NULL)
		fclose(f);
	return rc;
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	free(km->b);
	free(km);
}

int
keymap_path(const char *spec, char *out, size_t outsize)
{
	const char *dir = getenv("DAPTER_KEYMAPDIR");
	size_t len = strlen(spec);
	int n;

	if (dir == NULL || *dir == '\0')
		dir = PKGDATADIR "/keymaps";
	if (strchr(spec, '/') != NULL || (len > 5 && strcmp(spec + len - 5, ".keys") == 0))
		n = snprintf(out, outsize, "%s", spec);
	else
		n = snprintf(out, outsize, "%s/%s.keys", dir, spec);
	return n < 0 || (size_t)n >= outsize ? -1 : 0;
}

const char *
keymap_physical(const char *key)
{
	size_t i;

	for (i = 0; physical[i][0] != NULL; i++)
		if (strcmp(physical[i][0], key) == 0)
			return physical[i][1];
	return NULL;
}

/* The four attendance actions, with the letter each writes into a cell. */
static const struct {
	enum action action;
	const char *letter;
} attendance[] = {
	/* The same msgids as the cell letters (store_journal.c): ж/н, д/п, а/б, к/о. */
	{ ACTION_ABSENT, N_("a") }, { ACTION_EXCUSED, N_("e") }, { ACTION_ILL, N_("i") },
	{ ACTION_LATE, N_("l") }, { ACTION_NONE, NULL }
};

static int
is_attendance(enum action action)
{
	size_t i;

	for (i = 0; attendance[i].letter != NULL; i++)
		if (attendance[i].action == action)
			return 1;
	return 0;
}

enum action
keymap_lookup(const struct keymap *km, const char *context, const char *key)
{
	const char *latin;
	enum action a;

	if (km == NULL)
		return ACTION_NONE;
	if ((a = find(km, context, key)) != ACTION_NONE ||
	    (a = find(km, "global", key)) != ACTION_NONE)
		return a;
	if ((latin = keymap_physical(key)) == NULL)
		return ACTION_NONE;
	/*
	 * One rule a teacher can predict on a Cyrillic layout: attendance is
	 * typed with the letters of its codes (н п б о, ж д а к), never by the
	 * place of a Latin letter; ф у ш would otherwise mean a e i, and д
	 * (excused) would sit where l (late) is.
	 */
	if ((a = find(km, context, latin)) != ACTION_NONE ||
	    (a = find(km, "global", latin)) != ACTION_NONE)
		return is_attendance(a) ? ACTION_NONE : a;
	return ACTION_NONE;
}

int
keymap_digit(const char *key)
{
	/*
	 * The digit rows: Latin and Russian layouts type the digits; the Kazakh
	 * layout types " ә і ң ғ , . ү ұ қ, its letters in capitals under Caps
	 * Lock. Shift's punctuation (! ; :) is no digit on any layout.
	 */
	static const char *const kk[10][3] = {
		{ "қ", "Қ", NULL }, { "\"", NULL, NULL }, { "ә", "Ә", NULL }, { "і", "І", NULL },
		{ "ң", "Ң", NULL }, { "ғ", "Ғ", NULL }, { ",", NULL, NULL }, { ".", NULL, NULL },
		{ "ү", "Ү", NULL }, { "ұ", "Ұ", NULL },
	};
	int d;
	size_t i;

	if (key == NULL)
		return -1;
	if (key[0] >= '0' && key[0] <= '9' && key[1] == '\0')
		return key[0] - '0';
	for (d = 0; d < 10; d++)
		for (i = 0; kk[d][i] != NULL; i++)
			if (strcmp(kk[d][i], key) == 0)
				return d;
	return -1;
}

const char *
keymap_twin(const char *key)
{
	/* Latin and Cyrillic letters a tired eye cannot tell apart. */
	static const char *const twins[][2] = {
		{ "a", "а" }, { "c", "с" }, { "e", "е" }, { "i", "і" }, { "o", "о" },
		{ "p", "р" }, { "x", "х" }, { "y", "у" }, { "A", "А" }, { "B", "В" },
		{ "C", "С" }, { "E", "Е" }, { "H", "Н" }, { "I", "І" }, { "K", "К" },
		{ "M", "М" }, { "O", "О" }, { "P", "Р" }, { "T", "Т" }, { "X", "Х" },
		{ "Y", "У" },
	};
	size_t i;

	for (i = 0; i < sizeof twins / sizeof twins[0]; i++) {
		if (strcmp(twins[i][0], key) == 0)
			return twins[i][1];
		if (strcmp(twins[i][1], key) == 0)
			return twins[i][0];
	}
	return NULL;
}

/* A key is safe to name on screen when its look-alike means the same or nothing. */
static int
hint_safe(const struct keymap *km, const char *context, const char *key, enum action action)
{
	const char *twin = keymap_twin(key);
	enum action a;

	if (twin == NULL)
		return 1;
	a = keymap_lookup(km, context, twin);
	return a == ACTION_NONE || a == action;
}

static const char *
hint_key_in(const struct keymap *km, const char *ctx, const char *context, enum action action)
{
	size_t i;

	for (i = 0; i < km->n; i++) {
		if (strcmp(km->b[i].context, ctx) != 0 || km->b[i].action != action)
			continue;
		/* A context's own binding hides global's for the same key. */
		if (keymap_lookup(km, context, km->b[i].key) == action &&
		    hint_safe(km, context, km->b[i].key, action))
			return km->b[i].key;
	}
	return NULL;
}

const char *
keymap_hint_key(const struct keymap *km, const char *context, enum action action)
{
	const char *key;
	size_t i;

	if (km == NULL)
		return NULL;
	/* Attendance: the letter the cell will show, in the language on screen. */
	for (i = 0; attendance[i].letter != NULL; i++)
		if (attendance[i].action == action) {
			/*
			 * No look-alike test: the Kazakh ill letter а looks like Latin a
			 * (absent), but in a Kazakh UI а is what she reads and types.
			 */
			key = _(attendance[i].letter);
			if (keymap_lookup(km, context, key) == action)
				return key;
		}
	/* In English the Latin letter is what the teacher types. */
	if (strcmp(i18n_language(), "en") == 0)
		return keymap_key_for(km, context, action);
	if ((key = hint_key_in(km, context, context, action)) != NULL)
		return key;
	return hint_key_in(km, "global", context, action);
}

const char *
keymap_key_for(const struct keymap *km, const char *context, enum action action)
{
	size_t i;

	if (km == NULL)
		return NULL;
	for (i = 0; i < km->n; i++)
		if (strcmp(km->b[i].context, context) == 0 && km->b[i].action == action)
			return km->b[i].key;
	for (i = 0; i < km->n; i++)
		if (strcmp(km->b[i].context, "global") == 0 && km->b[i].action == action)
			return km->b[i].key;
	return NULL;
}

size_t
keymap_count(const struct keymap *km)
{
	return km == NULL ? 0 : km->n;
}

const struct keymap_binding *
keymap_binding(const struct keymap *km, size_t i)
{
	return km == NULL || i >= km->n ? NULL : &km->b[i];
}
