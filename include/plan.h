/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * plan: the calendar-thematic plan (КТП, күнтізбелік-тақырыптық жоспар),
 * the numbered topics a subject's teachers prepare in August for a grade
 * (or for one class, whose plan then overrides the grade's).
 *
 * A lesson covers a topic when it carries the topic's text: a lesson whose
 * topic is empty when it is first written takes the journal's next topic
 * (store_plan_next(), called by store_lesson_add()), a topic of two hours
 * fills two lessons, and a teacher who types her own topic simply covers
 * none. So what is done is read from the lessons themselves
 * (store_plan_progress()) and nothing has to be kept in step.
 *
 * plan_import() reads a plan from the file a school prepared in a
 * spreadsheet (table.h), all or nothing, every problem named by its line;
 * store_plan_replace() writes one (audited topic by topic, old -> new).
 */
#ifndef DAPTER_PLAN_H
#define DAPTER_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "table.h"

#define PLAN_MAX_BYTES (4 * 1024 * 1024)
#define PLAN_TOPICS_MAX 400	/* a year of a 10-hour subject is 340 lessons */
#define PLAN_HOURS_MAX 40

struct plan_topic {
	int num;		/* 1, 2, ... as the plan numbers them */
	char topic[STORE_TOPIC_MAX + 1];
	int hours;		/* lessons it takes */
	char date[11];		/* planned date of its first lesson, or "" */
	char homework[STORE_HOMEWORK_MAX + 1];
	char section[STORE_NAME_MAX + 1];	/* раздел / бөлім, or "" */
	int sor_due;		/* a СОр (БЖБ) is due after this topic */
	/* In a journal (store_plan_progress): */
	int done;		/* lessons that covered it, up to hours */
	char done_date[11];	/* the date of the last of them, or "" */
	int64_t done_lesson;	/* its id, or 0 */
};

/* Whose plan: a class's own, or its grade's in a school year. */
struct plan_owner {
	int64_t class_id;	/* 0: the grade's plan */
	int grade;
	int start_year;
	char label[STORE_CLASS_MAX + 16];	/* "7 Ә", or "7" for the grade */
};

/*
 * Replaces the plan of `owner` in a subject with topics[0..n) (n 0: removes
 * it) in one write. Each topic that changed is audited old -> new; the
 * same plan imported again writes nothing. The admin, the head, or a
 * teacher of the subject in that class (for a grade: in a class of it) may.
 */
int store_plan_replace(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const struct plan_topic *topics, size_t n);
/*
 * store_plan_replace() for an editor that read the plan as was[0..nwas)
 * (nwas 0: no plan yet): STORE_LOCKED, nothing written, when another
 * session changed it meanwhile, so no one's edit is lost unseen.
 */
int store_plan_edit(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const struct plan_topic *was, size_t nwas, const struct plan_topic *topics, size_t n);
/*
 * 1 when the user may write the plan of `owner` in a subject: the rule
 * store_plan_replace() keeps, for a screen to say beforehand.
 */
int store_plan_writable(struct store *st, const struct plan_owner *owner, int64_t subject_id);
/*
 * Whose plan a journal follows (the class's own, else its grade's) into
 * *owner. STORE_NOT_FOUND when it follows none; *owner is the class then.
 */
int store_plan_owner(struct store *st, int64_t class_id, int64_t subject_id,
    struct plan_owner *owner);
/*
 * The plan a journal follows (the class's own, else its grade's) with each
 * topic's progress in the journal's lessons; *own = 1 when it is the
 * class's own. STORE_NOT_FOUND when the journal has no plan.
 */
int store_plan_progress(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    struct plan_topic **rows, size_t *n, int *own);
/*
 * The journal's next topic in plan order: the first whose hours are not all
 * given. STORE_NOT_FOUND when there is no plan or every topic is done.
 */
int store_plan_next(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    struct plan_topic *out);

/* How far a journal is, by the plan, on `today`. */
struct plan_pace {
	int hours, done;	/* hours in the plan; hours given to its topics */
	int given;		/* lessons given up to today */
	int dated;		/* 1: the plan has dates and `planned` counts by them */
	int planned;		/* hours the plan's dates put before or on today */
	int ahead;		/* > 0 ahead, < 0 behind, in hours */
};
void plan_pace(const struct plan_topic *rows, size_t n, int given, const char *today,
    struct plan_pace *out);
/* The same for a journal's plan rows (store_plan_progress()), counting its lessons to today. */
int store_plan_pace(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const char *today, const struct plan_topic *rows, size_t n, struct plan_pace *out);

struct plan_report {
	size_t topics, hours;	/* read from the file */
	struct table_source source;
	struct table_problem *problems;
	size_t nproblems;
};

/*
 * Reads a plan file (columns by their headers in kk, ru or en: №, topic,
 * hours, and optionally date, homework, section, СОр) and, unless dry_run,
 * stores it with store_plan_replace(). STORE_INVALID with every problem
 * named in rep; nothing written then.
 */
int plan_import(struct store *st, const struct plan_owner *owner, int64_t subject_id,
    const char *buf, size_t len, int dry_run, struct plan_report *rep);
void plan_report_free(struct plan_report *rep);

#endif
