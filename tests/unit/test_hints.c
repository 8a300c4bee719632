/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_hints: the keys a screen names mean what the teacher thinks, on the
 * shipped default, vi and phone keymaps, in Kazakh, Russian and English, for
 * a teacher typing on the Latin, Russian or Kazakh layout (issue 16):
 * - the key a hint line names is bound, in that context, to the action the
 *   hint describes, whether the teacher types it as shown or presses the key
 *   at its place on a Cyrillic layout; its look-alike (a/а, x/х ...) never
 *   means something else there;
 * - the attendance hint names the language's own letter (ж, н);
 * - the whole digit row of every layout writes marks in the grid, and no grid
 *   key takes a character a digit row sends, nor a key of the plan screen the
 *   page opens (a digit typed a moment late must not edit the plan);
 * - yes and no are the same keys for every question: y/д/и, n/н/ж;
 * - pass and fail stay distinct in a 5-column cell.
 *
 * The catalogs come from $DAPTER_LOCALEDIR (make check sets it), the keymaps
 * from $top_srcdir/keymaps.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grades.h"
#include "i18n.h"
#include "keymap.h"
#include "tap.h"
#include "text.h"

/* Every Cyrillic letter a Russian or Kazakh layout types on a letter key. */
static const char *const cyrillic[] = {
	"й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ъ", "ф", "ы", "в", "а", "п",
	"р", "о", "л", "д", "ж", "э", "я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ё",
	"Й", "Ц", "У", "К", "Е", "Н", "Г", "Ш", "Щ", "З", "Х", "Ъ", "Ф", "Ы", "В", "А", "П",
	"Р", "О", "Л", "Д", "Ж", "Э", "Я", "Ч", "С", "М", "И", "Т", "Ь", "Б", "Ю", "Ё", NULL
};

/* The Cyrillic key at the place of a Latin one, or NULL. */
static const char *
at_place(const char *latin)
{
	const char *p;
	size_t i;

	for (i = 0; cyrillic[i] != NULL; i++)
		if ((p = keymap_physical(cyrillic[i])) != NULL && strcmp(p, latin) == 0)
			return cyrillic[i];
	return NULL;
}

static struct keymap *
load(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct keymap *km = NULL;
	char path[1024], err[512];

	snprintf(path, sizeof path, "%s/keymaps/%s.keys", top != NULL ? top : ".", name);
	if (keymap_load(path, &km, err, sizeof err) != 0)
		printf("# %s\n", err);
	return km;
}

static const char *
unbound(enum action a)
{
	return a == ACTION_NONE ? "unbound" : keymap_action_name(a);
}

/* Every action bound in a context: its hint key, read as the teacher reads it. */
static void
check_hints(const struct keymap *km, const char *kmname, const char *lang)
{
	static const char *const contexts[] = { "home", "grid", "plan", "admin", "help", NULL };
	const struct keymap_binding *b;
	const char *key, *twin, *cyr, *name_of;
	enum action a;
	char name[256];
	int bad = 0;
	size_t i, c;

	for (c = 0; contexts[c] != NULL; c++)
		for (i = 0; (b = keymap_binding(km, i)) != NULL; i++) {
			if (strcmp(b->context, contexts[c]) != 0)
				continue;
			name_of = keymap_action_name(b->action);
			if ((key = keymap_hint_key(km, b->context, b->action)) == NULL) {
				printf("# %s %s %s: no key is safe to name for %s\n", kmname,
				    lang, b->context, name_of);
				bad++;
				continue;
			}
			a = keymap_lookup(km, b->context, key);
			if (a != b->action) {
				printf("# %s %s %s: the hint names %s for %s, which is %s\n",
				    kmname, lang, b->context, key, name_of, unbound(a));
				bad++;
			}
			if (strcmp(lang, "en") == 0)
				continue;
			/*
			 * The look-alike typed on a Cyrillic layout. A Cyrillic letter
			 * named in a Cyrillic UI is typed as shown (the Kazakh ill
			 * letter а looks like Latin a, absent).
			 */
			twin = (unsigned char)key[0] < 0x80 ? keymap_twin(key) : NULL;
			a = twin != NULL ? keymap_lookup(km, b->context, twin) : ACTION_NONE;
			if (a != ACTION_NONE && a != b->action) {
				printf("# %s %s %s: the hint names %s for %s; %s looks the same "
				    "and is %s\n", kmname, lang, b->context, key, name_of, twin,
				    unbound(a));
				bad++;
			}
			/* The key at the Latin letter's place on a Cyrillic layout. */
			cyr = at_place(key);
			a = cyr != NULL ? keymap_lookup(km, b->context, cyr) : ACTION_NONE;
			if (cyr != NULL && a != b->action) {
				printf("# %s %s %s: the hint names %s for %s; its key types %s "
				    "on a Cyrillic layout, which is %s\n", kmname, lang, b->context,
				    key, name_of, cyr, unbound(a));
				bad++;
			}
		}
	snprintf(name, sizeof name, "%s keymap, %s: every hint key means the hint's action",
	    kmname, lang);
	tap_ok(bad == 0, name);
}

static void
check_digits(const struct keymap *km, const char *kmname)
{
	/* Latin/Russian digits, then the Kazakh layout's row, for 1..9, 0. */
	static const char *const rows[][10] = {
		{ "1", "2", "3", "4", "5", "6", "7", "8", "9", "0" },
		{ "\"", "ә", "і", "ң", "ғ", ",", ".", "ү", "ұ", "қ" },
	};
	enum action a;
	char name[256];
	int bad = 0, d;
	size_t r;

	for (r = 0; r < 2; r++)
		for (d = 0; d < 10; d++) {
			if (keymap_digit(rows[r][d]) != (d + 1) % 10) {
				printf("# %s types %d, read as %d\n", rows[r][d], (d + 1) % 10,
				    keymap_digit(rows[r][d]));
				bad++;
			}
			if ((a = keymap_lookup(km, "grid", rows[r][d])) != ACTION_NONE) {
				printf("# %s: the grid binds %s (a digit on a layout) to %s\n",
				    kmname, rows[r][d], keymap_action_name(a));
				bad++;
			}
			if ((a = keymap_lookup(km, "plan", rows[r][d])) != ACTION_NONE) {
				printf("# %s: the plan binds %s (a digit on a layout) to %s\n",
				    kmname, rows[r][d], keymap_action_name(a));
				bad++;
			}
		}
	snprintf(name, sizeof name, "%s keymap: every layout's digit row writes marks", kmname);
	tap_ok(bad == 0, name);
}

static void
check_language(const char *lang, const char *absent)
{
	static const char *const names[] = { "default", "vi", "phone" };
	struct keymap *km = NULL;
	char name[256];
	size_t i;

	if (i18n_set_language(lang) != 0) {
		tap_ok(0, "the language switches");
		return;
	}
	for (i = 0; i < 3; i++) {
		if ((km = load(names[i])) == NULL) {
			tap_ok(0, "the keymap loads");
			continue;
		}
		snprintf(name, sizeof name, "%s keymap, %s: the attendance hint names %s",
		    names[i], lang, absent);
		tap_is_str(keymap_hint_key(km, "grid", ACTION_ABSENT), absent, name);
		check_hints(km, names[i], lang);
		if (strcmp(lang, "en") == 0)
			check_digits(km, names[i]);
		keymap_free(km);
	}
}

static void
check_cells(const char *lang)
{
	struct grade_row pass, fail;
	char b1[32], b2[32], name[128], *p = NULL, *f = NULL;

	memset(&pass, 0, sizeof pass);
	pass.kind = ASSESS_PASSFAIL;
	pass.result.status = ASSESS_MARKED;
	pass.result.mark = 1;
	fail = pass;
	fail.result.mark = 0;
	i18n_set_language(lang);
	p = text_fit(grades_mark_cell(&pass, b1, sizeof b1), 5, NULL);
	f = text_fit(grades_mark_cell(&fail, b2, sizeof b2), 5, NULL);
	snprintf(name, sizeof name, "%s: pass and fail differ in a 5-column cell", lang);
	/* Untranslated, the cell would fall back to English "pass"/"fail". */
	if (!tap_ok(p != NULL && f != NULL && strcmp(p, f) != 0 && strcmp(p, "pass") != 0, name))
		printf("#   both read \"%s\"\n", p ? p : "(null)");
	snprintf(name, sizeof name, "%s: reports keep the full word for pass", lang);
	tap_ok(strcmp(grades_mark_text(&pass, b1, sizeof b1), _("pass")) == 0, name);
	free(p);
	free(f);
}

int
main(void)
{
	i18n_init();
	check_language("en", "a");
	check_language("kk", "ж");
	check_language("ru", "н");

	tap_is_int(i18n_answer("y"), 1, "y is yes");
	tap_is_int(i18n_answer("д"), 1, "д (да) is yes");
	tap_is_int(i18n_answer("и"), 1, "и (иә) is yes");
	tap_is_int(i18n_answer("n"), 0, "n is no");
	tap_is_int(i18n_answer("н"), 0, "н (нет) is no, although it sits on the Y key");
	tap_is_int(i18n_answer("ж"), 0, "ж (жоқ) is no");
	tap_is_int(i18n_answer("у"), -1, "у (a y look-alike) is neither");

	check_cells("kk");
	check_cells("ru");
	return tap_done();
}
