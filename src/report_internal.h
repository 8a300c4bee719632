/*
 * report_internal: the pieces the report builders share (report.c has the
 * journal page, summary, extract and attendance; report_year.c the year's
 * figures). Nothing outside src/report*.c includes this.
 */
#ifndef DAPTER_REPORT_INTERNAL_H
#define DAPTER_REPORT_INTERNAL_H

#include "report.h"
#include "store.h"

/* The pupil's name as the journal prints it: surname, given name, patronymic. */
#define NAME_MAX_BYTES (3 * STORE_NAME_MAX + 3)

/* Safe text for a cell: one line, no controls. NULL when out of memory. */
char *cell_text(const char *s);
char *cell_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct report *report_new(const char *name);
/* A table of ncols columns whose first nkey identify a row; NULL when out of memory. */
struct report_table *table_new(struct report *r, const char *title, size_t ncols, size_t nkey);
int col_set(struct report_table *t, size_t i, const char *head, const char *group,
    enum report_align align);
/* The new row's index, or -1. */
long row_add(struct report_table *t);
/* Takes text (NULL: out of memory). */
int cell_set(struct report_table *t, long row, size_t col, char *text);
int title_add(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int note_add(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "2026-09-02" -> "02.09.2026" */
void long_date(const char *iso, char *out, size_t outsize);
/* The school's name and "Class 7 Ә, school year 2026-2027" (c NULL: the school only). */
int title_school(struct store *st, struct report *r, const struct class *c);
int title_class_teacher(struct store *st, struct report *r, const struct class *c);
int notes_signatures(struct report *r);
/* The foot of every report: the date of printing and the audit head. */
int notes_printed(struct store *st, struct report *r);
/* "81.25", or "-" for a negative value. */
void pct_text(double v, char *out, size_t outsize);

/* The teacher's name of a journal, "" when the actor cannot see it. */
void journal_teacher(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    char *out, size_t outsize);
/* The class's journals the actor may read, in the store's order. */
int class_journals(struct store *st, const struct class *c, struct journal **rows, size_t *n);
int subject_get(struct store *st, int64_t id, struct subject *out);

#endif
