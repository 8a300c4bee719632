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

/* Sets a UTF-8 locale and binds the catalogs ($DAPTER_LOCALEDIR overrides). */
void i18n_init(void);

/* "kk", "ru" or "en"; returns -1 for anything else. */
int i18n_set_language(const char *lang);

/* The language now in use: "kk", "ru" or "en". */
const char *i18n_language(void);

/* kk/ru/en guessed from a LANG-style value ("ru_RU.UTF-8"), or NULL. */
const char *i18n_language_from_locale(const char *value);

#endif
