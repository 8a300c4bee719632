/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * marks_csv: a journal page as a spreadsheet, out and back in.
 *
 * The file a teacher fills offline on a weak link:
 *   Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q1
 *   ID,Pupil,2026-09-02,2026-09-04,2026-10-20 SA-S/20
 *   12,Абенов Тимур Маратович,8,н,17
 * A lesson column is "DATE[ KIND/MAX][ #N]" (#2 for a second lesson that day;
 * KIND in any of the three languages); a cell is a mark, an attendance letter
 * (any language), both ("н 8"), or empty (no mark). A lesson with comments
 * is followed by a column "DATE[ KIND/MAX][ #N] comment" of their texts
 * (newlines kept, quoted as CSV quotes them); a file may add or drop such a
 * column. Importing sets exactly what the file says (an empty comment cell
 * clears the comment), creates lessons it names that do not exist yet, and
 * is all or nothing.
 */
#ifndef DAPTER_MARKS_CSV_H
#define DAPTER_MARKS_CSV_H

#include <stdio.h>

#include "csv.h"
#include "store.h"

int marks_csv_export(struct store *st, const struct class *c, const struct subject *subj,
    int subgroup, const struct period *p, FILE *out, const struct csv_style *style);

struct marks_import_report {
	size_t set, cleared, unchanged, lessons_added;
	size_t comments_set, comments_cleared;
	size_t error_line;	/* of the first problem, 0 for the file as a whole */
};

/* STORE_OK when every change landed (or would, with dry_run); else nothing changed. */
int marks_csv_import(struct store *st, const char *text, int dry_run,
    struct marks_import_report *rep);

#endif
