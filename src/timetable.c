/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * timetable: a class's weekly timetable from a spreadsheet. See timetable.h.
 *
 * The words a school writes are many: weekdays in three languages, whole or
 * cut to two letters, teachers by login or by name. Each is matched
 * case-folded; anything left unknown is a problem named by its line, and
 * the file is written only when none is left.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "table.h"
#include "text.h"
#include "timetable.h"

enum column { COL_WEEKDAY, COL_NUM, COL_SUBJECT, COL_TEACHER, COL_ROOM, COL_SUBGROUP, COL_SHIFT,
	NCOLS };

/*
 * Header words, compared case-folded with '_' read as ' ' (table_header_row());
 * the abbreviations with their dot as well as without.
 */
static const struct table_header headers[] = {
	{ "weekday", COL_WEEKDAY }, { "day", COL_WEEKDAY }, { "день", COL_WEEKDAY },
	{ "день недели", COL_WEEKDAY }, { "күн", COL_WEEKDAY }, { "апта күні", COL_WEEKDAY },
	{ "lesson", COL_NUM }, { "lesson number", COL_NUM }, { "no", COL_NUM }, { "no.", COL_NUM },
	{ "№", COL_NUM },
	{ "урок", COL_NUM }, { "№ урока", COL_NUM }, { "номер урока", COL_NUM },
	{ "сабақ", COL_NUM }, { "№ сабақ", COL_NUM }, { "сабақ №", COL_NUM },
	{ "сабақ нөмірі", COL_NUM },
	{ "subject", COL_SUBJECT }, { "предмет", COL_SUBJECT }, { "пән", COL_SUBJECT },
	{ "teacher", COL_TEACHER }, { "учитель", COL_TEACHER }, { "преподаватель", COL_TEACHER },
	{ "мұғалім", COL_TEACHER }, { "оқытушы", COL_TEACHER },
	{ "room", COL_ROOM }, { "кабинет", COL_ROOM }, { "каб", COL_ROOM }, { "каб.", COL_ROOM },
	{ "аудитория", COL_ROOM }, { "бөлме", COL_ROOM },
	{ "subgroup", COL_SUBGROUP }, { "group", COL_SUBGROUP }, { "подгруппа", COL_SUBGROUP },
	{ "группа", COL_SUBGROUP }, { "топ", COL_SUBGROUP }, { "топша", COL_SUBGROUP },
	{ "shift", COL_SHIFT }, { "смена", COL_SHIFT }, { "ауысым", COL_SHIFT },
};

/* Weekday words, case-folded; Ср is Wednesday in Kazakh and in Russian. */
static const char *const weekdays[6][8] = {
	{ "monday", "mon", "mo", "понедельник", "пн", "дүйсенбі", "дс", NULL },
	{ "tuesday", "tue", "tu", "вторник", "вт", "сейсенбі", "сс", NULL },
	{ "wednesday", "wed", "we", "среда", "ср", "сәрсенбі", NULL, NULL },
	{ "thursday", "thu", "th", "четверг", "чт", "бейсенбі", "бс", NULL },
	{ "friday", "fri", "fr", "пятница", "пт", "жұма", "жм", NULL },
	{ "saturday", "sat", "sa", "суббота", "сб", "сенбі", NULL, NULL },
};

static void
problem(struct timetable_report *rep, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	table_problem_vadd(&rep->problems, &rep->nproblems, line, fmt, ap);
	va_end(ap);
}

/* Case-folded, '_' read as ' ', a trailing '.' dropped ("Пн." is "пн"); NULL if not UTF-8. */
static char *
fold(const char *field)
{
	char *folded = text_casefold(field), *c = NULL;
	size_t len;

	if (folded == NULL)
		return NULL;
	for (c = folded; *c != '\0'; c++)
		if (*c == '_')
			*c = ' ';
	len = strlen(folded);
	if (len > 1 && folded[len - 1] == '.')
		folded[len - 1] = '\0';
	return folded;
}

/* A whole number lo..hi, "" giving `empty`; -1 for anything else. */
static int
number_field(const char *s, int lo, int hi, int empty)
{
	char *end = NULL;
	long v;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return empty;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	/* "3." and "3)" as numbered lists write them. */
	if (*end == '.' || *end == ')')
		end++;
	while (*end == ' ')
		end++;
	return *end == '\0' && v >= lo && v <= hi ? (int)v : -1;
}

int
timetable_weekday_parse(const char *s)
{
	char *folded = fold(s);
	int d, w, found = 0;

	if (folded != NULL && (d = number_field(folded, 1, 6, 0)) > 0)
		found = d;
	for (d = 0; folded != NULL && !found && d < 6; d++)
		for (w = 0; weekdays[d][w] != NULL; w++)
			if (strcmp(folded, weekdays[d][w]) == 0)
				found = d + 1;
	free(folded);
	return found;
}

const char *
timetable_weekday_name(int weekday)
{
	static const char *const names[] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	    N_("Thursday"), N_("Friday"), N_("Saturday") };

	return weekday >= 1 && weekday <= 6 ? _(names[weekday - 1]) : "?";
}

const char *
timetable_weekday_short(int weekday)
{
	/* L10N: weekdays in a timetable's column heading: Дс Сс Ср Бс Жм Сб, Пн Вт Ср Чт Пт Сб. */
	switch (weekday) {
	case 1:
		return C_("weekday", "Mon");
	case 2:
		return C_("weekday", "Tue");
	case 3:
		return C_("weekday", "Wed");
	case 4:
		return C_("weekday", "Thu");
	case 5:
		return C_("weekday", "Fri");
	case 6:
		return C_("weekday", "Sat");
	}
	return "?";
}

/* A subject by its name, case-folded. */
static const struct subject *
subject_match(const struct subject *rows, size_t n, const char *name)
{
	char *want = fold(name), *have = NULL;
	const struct subject *found = NULL;
	size_t i;

	for (i = 0; want != NULL && found == NULL && i < n; i++) {
		if ((have = fold(rows[i].name)) != NULL && strcmp(have, want) == 0)
			found = &rows[i];
		free(have);
	}
	free(want);
	return found;
}

/*
 * A teacher by login, or by full name ("Айгерім Нұрланқызы Бекова"), case-
 * folded. *ambiguous is set when two people share the name.
 */
static const struct user *
teacher_match(const struct user *rows, size_t n, const char *name, int *ambiguous)
{
	char *want = fold(name), *have = NULL;
	const struct user *found = NULL;
	size_t i;

	*ambiguous = 0;
	for (i = 0; want != NULL && i < n; i++)
		if (strcmp(rows[i].login, name) == 0) {
			free(want);
			return &rows[i];
		}
	for (i = 0; want != NULL && i < n; i++) {
		if ((have = fold(rows[i].name)) != NULL && strcmp(have, want) == 0) {
			*ambiguous |= found != NULL;
			found = &rows[i];
		}
		free(have);
	}
	free(want);
	return *ambiguous ? NULL : found;
}

int
timetable_default_from(struct store *st, int64_t class_id, char out[11])
{
	struct timetable_entry *rows = NULL;
	struct period *ps = NULL;
	struct class c;
	size_t n = 0, i;
	int rc;

	store_today(out);
	if ((rc = store_timetable_on(st, class_id, "9999-12-31", &rows, &n)) != STORE_OK ||
	    n > 0 || (rc = store_class_get(st, class_id, &c)) != STORE_OK ||
	    (rc = store_period_list(st, c.start_year, &ps, &n)) != STORE_OK)
		goto out;
	for (i = 0; i < n; i++)
		if (strcmp(ps[i].starts, out) < 0)
			snprintf(out, 11, "%s", ps[i].starts);
out:
	free(rows);
	free(ps);
	return rc;
}

/* Reads the rows of the file into entries; problems by line. */
static void
timetable_rows(struct store *st, int64_t class_id, const struct csv *csv, const int *cols,
    const struct subject *subjects, size_t nsubjects, const struct user *users, size_t nusers,
    struct timetable_entry *rows, size_t *line_of, size_t *nrows,
    struct timetable_report *rep)
{
	const struct subject *subj = NULL;
	const struct user *u = NULL;
	const char *f = NULL;
	size_t r, k, line;
	int weekday = 0, bad, ambiguous;

	for (r = 1; r < csv_rows(csv); r++) {
		struct timetable_entry *e = &rows[*nrows];

		line = csv_line(csv, r);
		bad = 0;
		memset(e, 0, sizeof *e);
		e->class_id = class_id;
		/* An empty weekday is the one above: Excel's merged cell saved as CSV. */
		f = csv_field(csv, r, (size_t)cols[COL_WEEKDAY]);
		if (*f != '\0' && (weekday = timetable_weekday_parse(f)) == 0) {
			problem(rep, line, _("Weekday \"%s\": write a weekday (Дүйсенбі or Дс, "
			    "Понедельник or Пн, Monday) or its number, 1 to 6."), f);
			bad = 1;
		} else if (weekday == 0) {
			problem(rep, line, "%s", _("The weekday is missing."));
			bad = 1;
		}
		e->weekday = weekday;
		f = csv_field(csv, r, (size_t)cols[COL_NUM]);
		if ((e->num = number_field(f, 1, TIMETABLE_LESSONS_MAX, -1)) < 0) {
			problem(rep, line, _("Lesson number \"%s\": write 1 to %d."), f,
			    TIMETABLE_LESSONS_MAX);
			bad = 1;
		}
		f = csv_field(csv, r, (size_t)cols[COL_SUBJECT]);
		if ((subj = subject_match(subjects, nsubjects, f)) == NULL) {
			problem(rep, line, _("Unknown subject \"%s\": add it first (dapter subject "
			    "add), or write its name as the subject list has it."), f);
			bad = 1;
		} else
			e->subject_id = subj->id;
		f = csv_field(csv, r, (size_t)cols[COL_TEACHER]);
		if ((u = teacher_match(users, nusers, f, &ambiguous)) == NULL) {
			problem(rep, line, ambiguous ? _("Teacher \"%s\": two users have this "
			    "name; write the login.") : _("Unknown teacher \"%s\": write her login "
			    "or her full name as the user list has it."), f);
			bad = 1;
		} else
			e->teacher_id = u->id;
		if (cols[COL_ROOM] >= 0)
			snprintf(e->room, sizeof e->room, "%s", csv_field(csv, r,
			    (size_t)cols[COL_ROOM]));
		f = cols[COL_SUBGROUP] >= 0 ? csv_field(csv, r, (size_t)cols[COL_SUBGROUP]) : "";
		if ((e->subgroup = number_field(f, 0, 9, 0)) < 0) {
			problem(rep, line, _("Subgroup \"%s\": write 1 to 9, or leave it empty for "
			    "the whole class."), f);
			bad = 1;
		}
		f = cols[COL_SHIFT] >= 0 ? csv_field(csv, r, (size_t)cols[COL_SHIFT]) : "";
		if ((e->shift = number_field(f, 1, 2, 1)) < 0) {
			problem(rep, line, _("Shift \"%s\": write 1 or 2."), f);
			bad = 1;
		}
		if (bad)
			continue;
		/* The store's own checks: the room's text, the teacher's assignment. */
		if (store_timetable_entry_check(st, e) != STORE_OK) {
			problem(rep, line, "%s", store_error(st));
			continue;
		}
		for (k = 0; k < *nrows; k++)
			if (rows[k].weekday == e->weekday && rows[k].shift == e->shift &&
			    rows[k].num == e->num && (rows[k].subgroup == e->subgroup ||
			    rows[k].subgroup == 0 || e->subgroup == 0))
				break;
		if (k < *nrows) {
			problem(rep, line, _("Lesson %d on %s is on line %zu already."), e->num,
			    timetable_weekday_name(e->weekday), line_of[k]);
			continue;
		}
		line_of[(*nrows)++] = line;
	}
}

int
timetable_import(struct store *st, int64_t class_id, const char *from, const char *buf,
    size_t len, int dry_run, struct timetable_report *rep)
{
	struct timetable_entry *rows = NULL;
	struct subject *subjects = NULL;
	struct user *users = NULL;
	struct csv *csv = NULL;
	char why[256];
	int cols[NCOLS], rc = STORE_INVALID;
	size_t nrows = 0, nsubjects = 0, nusers = 0, err_line = 0, *line_of = NULL;

	memset(rep, 0, sizeof *rep);
	if (from != NULL && !date_parse(from, rep->from)) {
		problem(rep, 0, _("The first day \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), from);
		goto out;
	}
	if (from == NULL && (rc = timetable_default_from(st, class_id, rep->from)) != STORE_OK) {
		problem(rep, 0, "%s", store_error(st));
		goto out;
	}
	rc = STORE_INVALID;
	if (len > TIMETABLE_MAX_BYTES) {
		problem(rep, 0, _("The file is %zu KB; a class's timetable is never larger than "
		    "%d KB. Is it the right file?"), len >> 10, TIMETABLE_MAX_BYTES >> 10);
		goto out;
	}
	if ((csv = table_read(buf, len, &rep->source, &err_line, why, sizeof why)) == NULL) {
		problem(rep, err_line, "%s", why);
		goto out;
	}
	if (csv_rows(csv) < 1) {
		problem(rep, 0, "%s", _("The file is empty."));
		goto out;
	}
	table_header_row(csv, headers, sizeof headers / sizeof headers[0], cols, NCOLS);
	if (cols[COL_WEEKDAY] < 0 || cols[COL_NUM] < 0 || cols[COL_SUBJECT] < 0 ||
	    cols[COL_TEACHER] < 0) {
		problem(rep, csv_line(csv, 0), "%s", _("The first line must name the columns: "
		    "weekday, lesson number, subject and teacher (Күн;Сабақ;Пән;Мұғалім or "
		    "День;Урок;Предмет;Учитель), and optionally room, subgroup and shift."));
		goto out;
	}
	if ((rc = store_subject_list(st, &subjects, &nsubjects)) != STORE_OK ||
	    (rc = store_user_list(st, &users, &nusers)) != STORE_OK) {
		problem(rep, 0, "%s", store_error(st));
		goto out;
	}
	rc = STORE_INVALID;
	if ((rows = calloc(csv_rows(csv), sizeof *rows)) == NULL ||
	    (line_of = calloc(csv_rows(csv), sizeof *line_of)) == NULL) {
		problem(rep, 0, "%s", _("Out of memory."));
		goto out;
	}
	timetable_rows(st, class_id, csv, cols, subjects, nsubjects, users, nusers, rows, line_of,
	    &nrows, rep);
	if (rep->nproblems > 0)
		goto out;
	rep->lessons = nrows;
	if (dry_run) {
		rc = STORE_OK;
		goto out;
	}
	if ((rc = store_timetable_set(st, class_id, rep->from, rows, nrows)) != STORE_OK)
		problem(rep, 0, "%s", store_error(st));
out:
	if (rep->nproblems > 0 && rc == STORE_OK)
		rc = STORE_INVALID;
	if (rc != STORE_OK)
		rep->lessons = 0;
	free(rows);
	free(line_of);
	free(subjects);
	free(users);
	csv_free(csv);
	return rc;
}

void
timetable_report_free(struct timetable_report *rep)
{
	free(rep->problems);
	rep->problems = NULL;
	rep->nproblems = 0;
}
