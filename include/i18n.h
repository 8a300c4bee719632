/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * i18n: gettext with English msgids, and the language switch.
 *
 * dapter speaks Kazakh, Russian and English and switches at run time with
 * one key. The switch must work on a server whose only locale is C.UTF-8:
 * we keep LC_CTYPE at a UTF-8 locale and pick the catalog with LANGUAGE,
 * which glibc honours for every locale except plain "C".
 */
#ifndef DAPTER_I18N_H
#define DAPTER_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/*
 * A message in a context, as pgettext(): the same English word may need a
 * shorter translation in a 5-column cell than in a report ("pass" is
 * «есепке алынды» in a report, «өтті» in a cell). xgettext reads it with
 * --keyword=C_:1c,2.
 */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* The translation of "CONTEXT\004MSGID", or msgid when there is none. */
const char *i18n_pgettext(const char *ctx_msgid, const char *msgid);

/*
 * The answer a key gives to a yes/no question, the same for every question:
 * 1 for yes (y, and д, и: the first letters of да, иә), 0 for no (n, and
 * н, ж: нет, жоқ), -1 for any other key. Ask with _("(y/n)").
 */
int i18n_answer(const char *key);

/* Sets a UTF-8 locale and binds the catalogs ($DAPTER_LOCALEDIR overrides). */
void i18n_init(void);

/* "kk", "ru" or "en"; returns -1 for anything else. */
int i18n_set_language(const char *lang);

/* The language now in use: "kk", "ru" or "en". */
const char *i18n_language(void);

/* kk/ru/en guessed from a LANG-style value ("ru_RU.UTF-8"), or NULL. */
const char *i18n_language_from_locale(const char *value);

#endif
