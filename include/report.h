/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report: the school's paper records (the journal page, the summary sheet,
 * a pupil's extract, attendance) computed as neutral tables.
 *
 * A report_*_build() function reads the store and fills a struct report:
 * title lines, one or more tables (column heads, optional column groups
 * spanning several heads, rows of cells) and notes. It knows nothing of
 * formats; report_write_txt/csv/xlsx/pdf() turn any report into a file.
 * Every cell is already text_safe(): writers may show it as it is.
 *
 * The first `nkey` columns of a table identify a row (number, pupil): a
 * writer that must split a wide table over several panels or pages repeats
 * them. Columns sharing a non-NULL group (a subject over its periods) are
 * kept together and labelled once above their heads.
 */
#ifndef DAPTER_REPORT_H
#define DAPTER_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "store.h"

enum report_align { REPORT_LEFT, REPORT_RIGHT, REPORT_CENTER };

struct report_col {
	char *head;		/* may hold '\n' for a second line */
	char *group;		/* label over a run of columns, or NULL */
	enum report_align align;
};

struct report_table {
	char *title;		/* or NULL */
	struct report_col *cols;
	size_t ncols, nkey;
	char **cells;		/* nrows * ncols, row-major, never NULL */
	size_t nrows;
};

struct report {
	char *name;		/* "journal", used for sheet and file names */
	char **title;		/* lines above everything */
	size_t ntitle;
	struct report_table *tables;
	size_t ntables;
	char **notes;		/* lines below everything */
	size_t nnotes;
	/*
	 * Pages that could not be computed (marks edited behind the store's
	 * back): each is also a note of the report, and the rest is printed.
	 * A caller says so (stderr, exit status): the record is incomplete.
	 */
	char **problems;
	size_t nproblems;
	struct report *next;	/* the next page (a class's report cards: one a pupil), or NULL */
};

enum report_format { REPORT_TXT, REPORT_CSV, REPORT_XLSX, REPORT_PDF };

/* Frees r and the pages chained after it. */
void report_free(struct report *r);
/* "txt", "csv", "xlsx", "pdf": 0, or -1 for anything else. */
int report_format_parse(const char *name, enum report_format *fmt);

/*
 * Builders: STORE_OK, or a store status with the store's error set (a
 * journal the actor may not read is STORE_DENIED). *out is malloc'd; free it
 * with report_free().
 */
int report_journal_build(struct store *st, const struct class *c, const struct subject *s,
    int subgroup, const struct period *p, struct report **out);
/* The class's own school year: its periods, and the year mark once the year is over. */
int report_summary_build(struct store *st, const struct class *c, struct report **out);
int report_pupil_build(struct store *st, const struct class *c, const struct pupil *pupil,
    struct report **out);
/* p NULL: the whole school year. */
int report_attendance_build(struct store *st, const struct class *c, const struct period *p,
    struct report **out);
/*
 * Pass rate and quality of knowledge (assess.h) of the period `sel` (NULL:
 * the year marks) per class and subject, class, teacher and school: of one
 * class, or (c NULL) of every class of the school year start_year the actor
 * may read. A quarter asks one-hour subjects for their half-year.
 */
int report_quality_build(struct store *st, const struct class *c, int start_year,
    const struct period *sel, struct report **out);
/*
 * The analysis of summative results of a journal page in period p: per СОр
 * and СОч, the pupils at the high, middle and low level (assess_work_level),
 * the mean percent of those who wrote it and the names of those who did not.
 */
int report_analysis_build(struct store *st, const struct class *c, const struct subject *s,
    int subgroup, const struct period *p, struct report **out);
/*
 * Report cards (табель): a page per pupil of the class (only: that pupil)
 * chained by r->next: each subject's period marks, and for the year (sel
 * NULL) the year mark, exam and final mark; lessons and whole days missed
 * by reason in the period (or the year); signature lines.
 */
int report_card_build(struct store *st, const struct class *c, const struct period *sel,
    const struct pupil *only, struct report **out);

/*
 * Writers: 0, or -1 with a translated reason in err. A chain of pages
 * (r->next) is written page after page: a form feed between them in txt, a
 * blank line in csv, a new page in pdf, their sheets one after another in
 * xlsx.
 */
int report_write(const struct report *r, enum report_format fmt, FILE *out, char *err,
    size_t errsize);
int report_write_txt(const struct report *r, FILE *out, char *err, size_t errsize);
int report_write_csv(const struct report *r, FILE *out, char *err, size_t errsize);
int report_write_xlsx(const struct report *r, FILE *out, char *err, size_t errsize);
int report_write_pdf(const struct report *r, FILE *out, char *err, size_t errsize);

#endif
