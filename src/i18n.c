/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n: locale set-up and the run-time language switch. See i18n.h.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* glibc's catalog cache generation: bumping it makes gettext() look again. */
extern int _nl_msg_cat_cntr;

static char current[3] = "en";

void
i18n_init(void)
{
	const char *dir = getenv("DAPTER_LOCALEDIR");
	const char *lang = NULL;

	/* Any UTF-8 locale will do for LC_CTYPE; C.UTF-8 is always there. */
	if (setlocale(LC_ALL, "") == NULL ||
	    strstr(setlocale(LC_CTYPE, NULL), "UTF-8") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	if ((lang = getenv("DAPTER_LANG")) == NULL || i18n_set_language(lang) != 0) {
		lang = getenv("LC_ALL");
		if (lang == NULL || *lang == '\0')
			lang = getenv("LC_MESSAGES");
		if (lang == NULL || *lang == '\0')
			lang = getenv("LANG");
		lang = i18n_language_from_locale(lang);
		i18n_set_language(lang != NULL ? lang : "en");
	}
}

int
i18n_set_language(const char *lang)
{
	if (lang == NULL || (strcmp(lang, "kk") != 0 && strcmp(lang, "ru") != 0 &&
	    strcmp(lang, "en") != 0))
		return -1;
	memcpy(current, lang, 3);
	/* "en" has no catalog: the msgids are English. */
	setenv("LANGUAGE", lang, 1);
	/* LANGUAGE is ignored in the "C" locale; make sure we are not in it. */
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	++_nl_msg_cat_cntr;
	return 0;
}

const char *
i18n_language(void)
{
	return current;
}

const char *
i18n_language_from_locale(const char *value)
{
	if (value == NULL)
		return NULL;
	if (strncmp(value, "kk", 2) == 0)
		return "kk";
	if (strncmp(value, "ru", 2) == 0)
		return "ru";
	if (strncmp(value, "en", 2) == 0)
		return "en";
	return NULL;
}

const char *
i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = gettext(ctx_msgid);

	/* gettext() returns its argument when there is no translation. */
	return t == ctx_msgid ? msgid : t;
}

int
i18n_answer(const char *key)
{
	/*
	 * By the word, never by the key's place: н sits on the Y key of the
	 * Russian layout, and a head typing «н» for нет must not say yes.
	 */
	static const char *const yes[] = { "y", "Y", "д", "Д", "и", "И", NULL };
	static const char *const no[] = { "n", "N", "н", "Н", "ж", "Ж", NULL };
	size_t i;

	if (key == NULL)
		return -1;
	for (i = 0; yes[i] != NULL; i++)
		if (strcmp(key, yes[i]) == 0)
			return 1;
	for (i = 0; no[i] != NULL; i++)
		if (strcmp(key, no[i]) == 0)
			return 0;
	return -1;
}
