/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_internal: the pieces the report builders share (report.c has the
 * journal page, summary, extract and attendance; report_year.c the year's
 * figures). Nothing outside src/report*.c includes this.
 */
#ifndef DAPTER_REPORT_INTERNAL_H
#define DAPTER_REPORT_INTERNAL_H

#include "grades.h"
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
/* A page that could not be computed: kept in r->problems and shown in its title. */
int problem_add(struct report *r, const char *why);
/* "81.25", or "-" for a negative value. */
void pct_text(double v, char *out, size_t outsize);

/* The teacher's name of a journal, "" when the actor cannot see it. */
void journal_teacher(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    char *out, size_t outsize);
/* The class's journals the actor may read, in the store's order. */
int class_journals(struct store *st, const struct class *c, struct journal **rows, size_t *n);

/* Distinct subjects of the class's journals, with their subgroups. */
struct subject_journals {
	struct subject subject;
	int subgroups[8];
	size_t nsub;
};
int class_subjects(struct store *st, const struct class *c, struct subject_journals **out,
    size_t *n);
/*
 * The teacher's comments on the pupil's work in the class's journals sj, of
 * period p (NULL: all), as a table "Feedback" (date, subject, comment) by
 * date; no table when there are none.
 */
int feedback_table(struct store *st, struct report *r, const struct class *c,
    const struct subject_journals *sj, size_t nsj, const struct pupil *pupil,
    const struct period *p);

/* One pupil's year in one subject, whichever subgroup's journal holds them. */
struct year_cell {
	int have;
	int subgroup;		/* of the journal that holds the pupil */
	struct grade_year y;
};
/* A page whose marks break the scheme leaves its cells empty and is named in r. */
int subject_years(struct store *st, struct report *r, const struct class *c,
    const struct subject_journals *sj, const struct pupil *pupils, size_t np,
    struct year_cell *cells);
/* A year work or exam is recorded: it has a mark, given or from points. */
int work_recorded(const struct year_work *w);
/* The marks of the year work and exam in one cell: "4", "4, ex. 5", "" for none. */
void work_cell(const struct grade_year *y, char *out, size_t outsize);

/* What the summary shows of one subject: its periods and which end-of-year columns. */
struct summary_subject {
	struct year_cell *cells;	/* np */
	size_t nps;
	int has_work, shown;		/* a work or exam column; year and final columns */
};
/* Fills out (its cells calloc'd, np of them; free them) for the subject's journals. */
int summary_subject_fill(struct store *st, struct report *r, const struct class *c,
    const struct subject_journals *sj, const struct pupil *pupils, size_t np,
    struct summary_subject *out);

/* One journal of the class, read once for every pupil's card. */
struct card_journal {
	struct lesson *lessons;
	size_t nl;
	struct mark *marks;
	size_t nm;
	struct pupil *pupils;
	size_t np;
};
/* The class's journals the actor may read, their lessons and marks in p (NULL: all). */
int card_journals_load(struct store *st, const struct class *c, const struct period *p,
    struct card_journal **out, size_t *n);
void card_journals_free(struct card_journal *cj, size_t n);

/* What a card counts of attendance: lessons by reason, and whole days missed. */
struct card_attendance {
	size_t lessons[ATT_LATE + 1];	/* by enum attendance; [ATT_NONE] unused */
	size_t days[ATT_ILL + 1];	/* whole days missed, by the day's reason */
};
/*
 * A pupil's lessons missed, by reason, and her days missed: a school day of
 * the class (store_class_day_off()) counts when she missed every lesson she had
 * on it, as ill if any was an illness, else excused if any was excused, else
 * absent without reason.
 */
int card_attendance(struct store *st, const struct class *c, const struct card_journal *cj,
    size_t ncj, int64_t pupil_id, struct card_attendance *a);

#endif
