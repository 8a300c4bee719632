/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roster: CSV class lists into the store. See roster.h.
 *
 * Why '?' is refused: Excel's plain "CSV" save replaces letters outside the
 * Windows code page (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) with '?', and that loss cannot
 * be undone. Names never contain '?', so one is the mark of such a file.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "iin.h"
#include "roster.h"
#include "table.h"
#include "text.h"

enum column {
	COL_SURNAME, COL_GIVEN, COL_PATRONYMIC, COL_FULL, COL_BIRTH, COL_GENDER, COL_IIN, NCOLS
};

/* Header words, compared case-folded with '_' read as ' '. */
static const struct table_header headers[] = {
	{ "surname", COL_SURNAME }, { "last name", COL_SURNAME }, { "family name", COL_SURNAME },
	{ "фамилия", COL_SURNAME }, { "тегі", COL_SURNAME },
	{ "given name", COL_GIVEN }, { "first name", COL_GIVEN }, { "name", COL_GIVEN },
	{ "имя", COL_GIVEN }, { "аты", COL_GIVEN }, { "есімі", COL_GIVEN },
	{ "patronymic", COL_PATRONYMIC }, { "middle name", COL_PATRONYMIC },
	{ "отчество", COL_PATRONYMIC }, { "әкесінің аты", COL_PATRONYMIC },
	{ "full name", COL_FULL }, { "фио", COL_FULL }, { "ф.и.о.", COL_FULL },
	{ "аты-жөні", COL_FULL }, { "толық аты-жөні", COL_FULL },
	{ "birth date", COL_BIRTH }, { "date of birth", COL_BIRTH }, { "birthday", COL_BIRTH },
	{ "дата рождения", COL_BIRTH }, { "туған күні", COL_BIRTH }, { "туған күн", COL_BIRTH },
	{ "gender", COL_GENDER }, { "sex", COL_GENDER }, { "пол", COL_GENDER },
	{ "жынысы", COL_GENDER },
	{ "iin", COL_IIN }, { "иин", COL_IIN }, { "жсн", COL_IIN },
};

static void
problem(struct roster_report *rep, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	table_problem_vadd(&rep->problems, &rep->nproblems, line, fmt, ap);
	va_end(ap);
}

/*
 * The optional ИИН column: empty, or 12 digits (spaces and dashes typed
 * inside dropped) with a right check digit. An error names the line and
 * only the last digits: the number is personal data (iin.h).
 */
static int
iin_field(struct roster_report *rep, size_t line, const char *field, struct pupil *p)
{
	char masked[16];

	if (*field == '\0')
		return 0;
	if (iin_normalize(field, p->iin, sizeof p->iin) != 0 || !iin_valid(p->iin)) {
		iin_mask(p->iin[0] != '\0' ? p->iin : field, masked, sizeof masked);
		problem(rep, line, _("IIN %s: write the 12 digits of the pupil's IIN (ЖСН); "
		    "their check digit does not match."), masked);
		p->iin[0] = '\0';
		return 1;
	}
	return 0;
}

static char
gender_parse(const char *s)
{
	static const struct { const char *word; char g; } words[] = {
		{ "m", 'M' }, { "male", 'M' }, { "м", 'M' }, { "муж", 'M' }, { "ер", 'M' },
		{ "ұл", 'M' }, { "f", 'F' }, { "female", 'F' }, { "ж", 'F' }, { "жен", 'F' },
		{ "әйел", 'F' }, { "қыз", 'F' },
	};
	char *folded = text_casefold(s);
	char g = '?';
	size_t i;

	if (folded != NULL && folded[0] == '\0')
		g = 0;
	for (i = 0; folded != NULL && g == '?' && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(folded, words[i].word) == 0)
			g = words[i].g;
	free(folded);
	return g;
}

/* Splits "Surname Given Patronymic..." (the rest is the patronymic). */
static int
split_full_name(const char *full, struct pupil *p)
{
	const char *a = full, *b = NULL;

	while (*a == ' ')
		a++;
	if ((b = strchr(a, ' ')) == NULL || (size_t)(b - a) > STORE_NAME_MAX)
		return -1;
	snprintf(p->surname, sizeof p->surname, "%.*s", (int)(b - a), a);
	while (*b == ' ')
		b++;
	a = b;
	b = strchr(a, ' ');
	if (b == NULL) {
		snprintf(p->given, sizeof p->given, "%s", a);
		return p->given[0] != '\0' ? 0 : -1;
	}
	if ((size_t)(b - a) > STORE_NAME_MAX)
		return -1;
	snprintf(p->given, sizeof p->given, "%.*s", (int)(b - a), a);
	snprintf(p->patronymic, sizeof p->patronymic, "%s", b + 1);
	return 0;
}

/* One name field: cleaned into out, or a problem naming the line. */
static int
name_field(struct roster_report *rep, size_t line, const char *label, const char *in,
    int optional, char *out, size_t outsize)
{
	enum text_error err = TEXT_OK;
	char *clean = NULL;

	if (strchr(in, '?') != NULL) {
		problem(rep, line, _("%s \"%s\" has \"?\" where letters were lost: the file was "
		    "saved without Kazakh letters. In Excel, save it as \"CSV UTF-8\"."), label, in);
		return -1;
	}
	if ((clean = text_clean(in, STORE_NAME_MAX, optional ? TEXT_ALLOW_EMPTY : 0,
	    &err)) == NULL) {
		problem(rep, line, "%s: %s", label, text_error_message(err));
		return -1;
	}
	snprintf(out, outsize, "%s", clean);
	free(clean);
	return 0;
}

int
roster_import(struct store *st, int64_t class_id, const char *buf, size_t len, int dry_run,
    struct roster_report *rep)
{
	struct pupil *rows = NULL, *existing = NULL;
	struct csv *csv = NULL;
	char why[256];
	int cols[NCOLS];
	size_t i, r, nrows = 0, nexisting = 0, err_line = 0;
	int rc = STORE_INVALID;

	memset(rep, 0, sizeof *rep);
	if (len > ROSTER_MAX_BYTES) {
		problem(rep, 0, _("The file is %zu MB; a class list is never larger than %d MB. "
		    "Is it the right file?"), len >> 20, ROSTER_MAX_BYTES >> 20);
		goto out;
	}
	if ((csv = table_read(buf, len, &rep->source, &err_line, why, sizeof why)) == NULL) {
		problem(rep, err_line, "%s", why);
		goto out;
	}
	if (csv_rows(csv) < 1) {
		problem(rep, 0, _("The file is empty."));
		goto out;
	}
	table_header_row(csv, headers, sizeof headers / sizeof headers[0], cols, NCOLS);
	if (cols[COL_FULL] < 0 && (cols[COL_SURNAME] < 0 || cols[COL_GIVEN] < 0)) {
		problem(rep, csv_line(csv, 0), _("The first line must name the columns: surname "
		    "and given name (Фамилия, Имя / Тегі, Аты), or a full name (ФИО, Аты-жөні)."));
		goto out;
	}
	if ((rows = calloc(csv_rows(csv), sizeof *rows)) == NULL)
		goto out;
	for (r = 1; r < csv_rows(csv); r++) {
		struct pupil *p = &rows[nrows];
		size_t line = csv_line(csv, r);
		int bad = 0;

		memset(p, 0, sizeof *p);
		if (cols[COL_SURNAME] >= 0 && cols[COL_GIVEN] >= 0) {
			bad |= name_field(rep, line, _("Surname"),
			    csv_field(csv, r, (size_t)cols[COL_SURNAME]), 0, p->surname,
			    sizeof p->surname);
			bad |= name_field(rep, line, _("Given name"),
			    csv_field(csv, r, (size_t)cols[COL_GIVEN]), 0, p->given,
			    sizeof p->given);
			if (cols[COL_PATRONYMIC] >= 0)
				bad |= name_field(rep, line, _("Patronymic"),
				    csv_field(csv, r, (size_t)cols[COL_PATRONYMIC]), 1,
				    p->patronymic, sizeof p->patronymic);
		} else {
			char full[3 * STORE_NAME_MAX + 3];

			bad |= name_field(rep, line, _("Full name"),
			    csv_field(csv, r, (size_t)cols[COL_FULL]), 0, full, sizeof full);
			if (!bad && split_full_name(full, p) != 0) {
				problem(rep, line, _("\"%s\" is not \"Surname Given-name "
				    "[Patronymic]\"."), full);
				bad = 1;
			}
		}
		if (cols[COL_BIRTH] >= 0) {
			const char *b = csv_field(csv, r, (size_t)cols[COL_BIRTH]);

			if (*b != '\0' && !date_parse(b, p->birth)) {
				problem(rep, line, _("Birth date \"%s\": write YYYY-MM-DD or "
				    "DD.MM.YYYY."), b);
				bad = 1;
			}
		}
		if (cols[COL_GENDER] >= 0 &&
		    (p->gender = gender_parse(csv_field(csv, r, (size_t)cols[COL_GENDER]))) == '?') {
			problem(rep, line, _("Gender \"%s\": write M or F (М/Ж, ер/әйел, ұл/қыз)."),
			    csv_field(csv, r, (size_t)cols[COL_GENDER]));
			bad = 1;
		}
		if (cols[COL_IIN] >= 0)
			bad |= iin_field(rep, line, csv_field(csv, r, (size_t)cols[COL_IIN]), p);
		if (!bad)
			nrows++;
	}
	if (rep->nproblems > 0)
		goto out;
	if ((rc = store_pupil_list(st, class_id, 0, 0, &existing, &nexisting)) != STORE_OK) {
		problem(rep, 0, "%s", store_error(st));
		goto out;
	}
	if ((rc = store_tx_begin(st)) != STORE_OK) {
		problem(rep, 0, "%s", store_error(st));
		goto out;
	}
	for (i = 0; i < nrows && rc == STORE_OK; i++) {
		size_t k;
		int known = 0;

		/* A re-imported list adds only the new pupils. */
		for (k = 0; k < nexisting && !known; k++)
			known = strcmp(existing[k].surname, rows[i].surname) == 0 &&
			    strcmp(existing[k].given, rows[i].given) == 0 &&
			    strcmp(existing[k].patronymic, rows[i].patronymic) == 0 &&
			    strcmp(existing[k].birth, rows[i].birth) == 0;
		if (known) {
			rep->existing++;
			continue;
		}
		if ((rc = store_pupil_add(st, class_id, &rows[i])) != STORE_OK)
			problem(rep, 0, "%s %s: %s", rows[i].surname, rows[i].given,
			    store_error(st));
		else
			rep->added++;
	}
	if (rc != STORE_OK || dry_run)
		store_tx_rollback(st);
	else if ((rc = store_tx_commit(st)) != STORE_OK)
		problem(rep, 0, "%s", store_error(st));
	if (rc != STORE_OK)
		rep->added = 0;
out:
	if (rep->nproblems > 0 && rc == STORE_OK)
		rc = STORE_INVALID;
	free(existing);
	free(rows);
	csv_free(csv);
	return rc;
}

void
roster_report_free(struct roster_report *rep)
{
	free(rep->problems);
	rep->problems = NULL;
	rep->nproblems = 0;
}
