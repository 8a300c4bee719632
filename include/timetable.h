/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * timetable: a class's weekly timetable from a spreadsheet into the store,
 * all or nothing, as roster.h does for a class list.
 *
 * The file is read with table_read() (CSV in any encoding Excel writes, or
 * XLSX). Its first line names the columns in English, Russian or Kazakh:
 * weekday, lesson number, subject, teacher, and optionally room, subgroup
 * and shift. A weekday is a name, an abbreviation (Дс Сс Ср Бс Жм Сб, Пн Вт
 * Ср Чт Пт Сб, Mon...) or 1-6; an empty weekday cell is the one above (a
 * merged cell in Excel). A teacher is a login or a full name. Every problem
 * is collected with its line before anything is written.
 */
#ifndef DAPTER_TIMETABLE_H
#define DAPTER_TIMETABLE_H

#include <stddef.h>

#include "store.h"
#include "table.h"

#define TIMETABLE_MAX_BYTES (1024 * 1024)

struct timetable_report {
	size_t lessons;			/* lessons in the new timetable */
	char from[11];			/* the first day it holds from */
	struct table_source source;	/* how the file was read */
	struct table_problem *problems;
	size_t nproblems;
};

/*
 * Reads the file and, unless dry_run, makes it the class's timetable from
 * `from` (NULL: today, or the school year's first day for a class that has
 * no timetable yet). STORE_OK when written or checked; STORE_INVALID with
 * problems in rep.
 */
int timetable_import(struct store *st, int64_t class_id, const char *from, const char *buf,
    size_t len, int dry_run, struct timetable_report *rep);
void timetable_report_free(struct timetable_report *rep);

/* 1..6 for a weekday's name or abbreviation in kk, ru or en, or its number; else 0. */
int timetable_weekday_parse(const char *s);
/* A weekday 1..6 as a person reads it, translated: "Monday", "Дүйсенбі". */
const char *timetable_weekday_name(int weekday);
/* The same in a column heading: "Mon", "Дс". */
const char *timetable_weekday_short(int weekday);
/*
 * The first day a new timetable of the class holds from unless told: today,
 * or the school year's first day for a class that has none yet.
 */
int timetable_default_from(struct store *st, int64_t class_id, char out[11]);

#endif
