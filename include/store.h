/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store: the journal's one SQLite file, and the only code that speaks SQL.
 *
 * Open it with store_open(), say who acts with store_set_actor(), then call
 * the store_* functions. Every write checks the actor's role, refuses closed
 * periods, and appends an audit record (who, session, when, what, old and new
 * value, chained by SHA-256) in the same transaction as the change. Several
 * writes that must land together go between store_tx_begin() and
 * store_tx_commit(); a failed write inside leaves the caller to roll back.
 *
 * Functions return STORE_OK (0) or a negative enum store_status; the
 * translated sentence for the last failure is store_error(). Rows come back
 * in malloc'd arrays of plain structs (one free()). Strings in structs are
 * fixed arrays, sized by the limits below, which text_clean() enforces.
 */
#ifndef DAPTER_STORE_H
#define DAPTER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "assess.h"

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND = -1,
	STORE_EXISTS = -2,
	STORE_DENIED = -3,	/* the actor's role does not allow it */
	STORE_CLOSED = -4,	/* the period is closed */
	STORE_INVALID = -5,	/* bad value (out of range, bad text, bad date) */
	STORE_LOCKED = -6,	/* another session holds the journal page */
	STORE_FAILED = -7,	/* SQLite or the disk failed */
};

/* Limits in bytes, after NFC. */
#define STORE_LOGIN_MAX		32
#define STORE_NAME_MAX		120
#define STORE_CLASS_MAX		24
#define STORE_TOPIC_MAX		400
#define STORE_HOMEWORK_MAX	1000
#define STORE_SESSION_MAX	40

enum role { ROLE_TEACHER, ROLE_HEAD, ROLE_ADMIN };

struct actor {
	int64_t user_id;	/* 0 for the operator */
	char login[STORE_LOGIN_MAX + 1];
	enum role role;
	int operator;		/* a local command without --as: all rights */
	char session[STORE_SESSION_MAX + 1];
};

struct store;

#define STORE_CREATE 0x1	/* create a new file; refuse an existing one */
/* A private copy (a backup being checked) or a file the caller holds locked: no PATH.lock. */
#define STORE_PRIVATE 0x2

/*
 * Every opener of a database holds PATH.lock shared (flock) while it is open,
 * so that `restore` can know, by taking it exclusive, that no dapter process
 * has the file open, and keep newcomers out while it swaps the file.
 */
#define STORE_LOCK_SUFFIX ".lock"
/* Takes PATH.lock (LOCK_SH or LOCK_EX); the fd, or -1 with errno (EWOULDBLOCK: held). */
int store_lock_file(const char *db_path, int how);

int store_open(const char *path, int flags, struct store **out);
void store_close(struct store *st);
const char *store_error(const struct store *st);
/*
 * Records a refusal that a module above the store found (a change of a
 * subject's rule that would move a closed mark): store_error() then says it.
 * Returns `status`.
 */
int store_refuse(struct store *st, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void store_set_actor(struct store *st, const struct actor *actor);
const struct actor *store_actor(const struct store *st);
/*
 * STORE_OK while the actor's account is enabled and keeps the role it had
 * at login; else STORE_DENIED with the reason. Every write asks it inside its
 * transaction; an open session asks it when the database changes.
 */
int store_actor_check(struct store *st);
/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t store_data_version(struct store *st);

int store_tx_begin(struct store *st);
int store_tx_commit(struct store *st);
void store_tx_rollback(struct store *st);

/* Online copy of the whole database (SQLite backup API). */
int store_backup(struct store *st, const char *dest_path);
/* A copy for an archive: the same, without password hashes, SSH keys and sessions. */
int store_backup_for_reading(struct store *st, const char *dest_path);
/* PRAGMA integrity_check: STORE_OK when it says "ok". */
int store_integrity_check(struct store *st);
/* PRAGMA quick_check: the same without checking indexes against tables (a monitor's poll). */
int store_quick_check(struct store *st);

const char *role_name(enum role role);
int role_parse(const char *name, enum role *role);

/* ---- school, years, periods ---- */

struct period {
	int64_t id;
	int64_t year_id;
	int start_year;		/* 2026 for 2026-2027 */
	char kind;		/* 'q' quarter, 'h' half-year */
	int num;
	char starts[11], ends[11];	/* YYYY-MM-DD, inclusive */
	int closed;
};

/* Creates school, the academic year containing `today`, its periods and the default schemes. */
int store_school_init(struct store *st, const char *name, const char *today);
int store_school_name(struct store *st, char *out, size_t outsize);
/* Adds academic year START-(START+1) with standard quarters and half-years. */
int store_year_add(struct store *st, int start_year, const char *starts, const char *ends);
/* The academic year containing `date`, else the latest: its start year. */
int store_year_current(struct store *st, const char *date, int *start_year);
int store_period_list(struct store *st, int start_year, struct period **rows, size_t *n);
/* "q1".."q4", "h1", "h2", "1".."4", optionally "2026-q1"; year defaults to current. */
int store_period_find(struct store *st, const char *spec, const char *today, struct period *out);
int store_period_for_date(struct store *st, const char *date, char kind, struct period *out);
int store_period_set_closed(struct store *st, int64_t period_id, int closed);
/* 1 when `date` falls in a holiday of every grade. */
int store_holiday_on(struct store *st, const char *date);
/* Why a day has no lessons (store_class_day_off()): 0 a school day, a Sunday, a holiday. */
enum { DAY_SCHOOL, DAY_SUNDAY, DAY_HOLIDAY };
/* "2026-q2": a period's code, for commands, files and the audit. */
void period_label(const struct period *p, char *out, size_t outsize);
/* "2-тоқсан", "2 четверть", "quarter 2": a period as a person reads it. */
const char *period_name(const struct period *p, char *out, size_t outsize);
/*
 * Moves a period's first and last day (admin; audited old -> new). Refused
 * for a closed period, dates outside the school year, reversed dates, overlap
 * with the neighbouring period of the same kind, and when lessons already
 * recorded in the period would fall outside it (the error says how many).
 */
int store_period_set_dates(struct store *st, int64_t period_id, const char *starts,
    const char *ends);

struct holiday {
	int64_t id;
	int start_year;			/* school year 2026 = 2026-2027 */
	char starts[11], ends[11];	/* YYYY-MM-DD, inclusive */
	char name[STORE_NAME_MAX + 1];	/* the standard ones come back translated */
	int grade;			/* 0: every grade; else that grade's alone */
};

/* Holidays of a school year, by first day; STORE_NOT_FOUND when there is no such year. */
int store_holiday_list(struct store *st, int start_year, struct holiday **rows, size_t *n);
/*
 * Adds a holiday inside the school year for every grade (grade 0) or for one
 * (admin; audited); STORE_INVALID for bad or reversed dates, dates outside
 * the year, or an overlap with another holiday of the same pupils. Lessons
 * are not refused on holidays: a holiday only tells the calendar (and the
 * demo) which days are free.
 */
int store_holiday_add(struct store *st, int start_year, int grade, const char *starts,
    const char *ends, const char *name, int64_t *id);
int store_holiday_remove(struct store *st, int64_t id);	/* admin; audited; STORE_NOT_FOUND */
/* The name of grade 1's extra week: stored so, shown in the user's language. */
#define STORE_HOLIDAY_GRADE1 "Extra holidays of grade 1"

/* ---- classes, subjects, pupils ---- */

struct class {
	int64_t id;
	int start_year;
	int grade;		/* 1..12 */
	char name[STORE_CLASS_MAX + 1];	/* canonical: "7 Ә" */
	int64_t teacher_id;	/* class teacher (сынып жетекшісі), 0 if none */
};

/* Canonical class name ("7ә" -> "7 Ә"); STORE_INVALID when it is no class name. */
int class_name_canonical(const char *in, char *out, size_t outsize, int *grade);
int store_class_add(struct store *st, const char *name, int64_t *id);
/* The same in the school year starting `start_year` (the demo's last year). */
int store_class_add_in(struct store *st, const char *name, int start_year, int64_t *id);
int store_class_find(struct store *st, const char *name, struct class *out);
int store_class_get(struct store *st, int64_t id, struct class *out);
int store_class_list(struct store *st, struct class **rows, size_t *n);
int store_class_set_teacher(struct store *st, int64_t class_id, const char *login);

struct subject {
	int64_t id;
	char name[STORE_NAME_MAX + 1];
	int hours;		/* per week; 1 => half-year periods */
	char scheme[16];	/* "criteria", "classic", "passfail" */
};

int store_subject_add(struct store *st, const char *name, int hours, const char *scheme, int64_t *id);
int store_subject_find(struct store *st, const char *name, struct subject *out);
int store_subject_list(struct store *st, struct subject **rows, size_t *n);
/*
 * The scheme a journal is assessed by: grade 1 is ungraded, else the
 * subject's in the class (store_subject_in_class(), by c and s's ids).
 */
int store_scheme_for(struct store *st, const struct class *c, const struct subject *s,
    struct assess_scheme *out);
/*
 * The hours and scheme of a subject in a class: the class's rule, else its
 * grade's in that school year, else the subject's own. `out` is the subject
 * with them. Everything that marks, or places a lesson in a quarter or a
 * half-year, reads a subject through this (store_subject.c).
 */
int store_subject_in_class(struct store *st, int64_t class_id, int64_t subject_id,
    struct subject *out);

/* A subject's hours or scheme for one grade of a school year, or for one class. */
struct subject_rule {
	int64_t id;
	int start_year;		/* the school year of the grade or the class */
	int grade;		/* a grade's rule: 1..12; else 0 */
	int64_t class_id;	/* a class's rule; else 0 */
	char class_name[STORE_CLASS_MAX + 1];
	int hours;		/* 0: inherited */
	char scheme[16];	/* "": inherited */
};

/* A subject's rules: grades by year and grade, then classes. */
int store_subject_rule_list(struct store *st, int64_t subject_id, struct subject_rule **rows,
    size_t *n);
/*
 * Makes r the rule of its target (admin; audited old -> new): r->class_id,
 * else r->grade of r->start_year, else (both 0) the subject's own values,
 * which inherit nothing. A rule inheriting both goes. Recomputes nothing by
 * itself: subject_rule.h shows the marks a change moves, and asks.
 */
int store_subject_rule_set(struct store *st, int64_t subject_id, const struct subject_rule *r);
/* The classes with lessons of the subject that a rule for r's target reaches (ids, by year). */
int store_subject_rule_classes(struct store *st, int64_t subject_id, const struct subject_rule *r,
    int64_t **ids, size_t *n);

struct pupil {
	int64_t id;
	int64_t class_id;
	char surname[STORE_NAME_MAX + 1];
	char given[STORE_NAME_MAX + 1];
	char patronymic[STORE_NAME_MAX + 1];
	char birth[11];		/* YYYY-MM-DD or "" */
	char gender;		/* 'M', 'F' or 0 */
	int subgroup;		/* in the subject asked for; 0 when not asked */
	char left[11];		/* the day the pupil left the class listed, or "" */
	char iin[13];		/* ИИН, 12 digits, or "": personal data, see iin.h */
};

/* `p` names the pupil (surname, given, patronymic, birth, gender); sets p->id. */
int store_pupil_add(struct store *st, int64_t class_id, struct pupil *p);
/*
 * In Kazakh alphabetical order, with those who moved to another class during
 * the year (their `left` date set: their marks stay in this class's journal).
 * subject_id/subgroup 0: the whole class.
 */
int store_pupil_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    struct pupil **rows, size_t *n);
int store_pupil_set_subgroup(struct store *st, int64_t pupil_id, int64_t subject_id, int subgroup);
void pupil_full_name(const struct pupil *p, char *out, size_t outsize);
/* Moves a pupil to another class from `date` on; the old class keeps the history. */
int store_pupil_move(struct store *st, int64_t pupil_id, int64_t to_class_id, const char *date);
/* Corrects a pupil's surname, given name and patronymic (admin; audited old -> new). */
int store_pupil_rename(struct store *st, int64_t pupil_id, const struct pupil *names);
/*
 * The pupil left the school on `date`: in the class's lessons before it, in
 * none from it on (admin; audited). Refused while marks from that day on
 * exist: the error says how many.
 */
int store_pupil_leave(struct store *st, int64_t pupil_id, const char *date);
/* Renames a class within its year. */
int store_class_rename(struct store *st, int64_t class_id, const char *new_name);
/*
 * Makes next year's class (grade + 1, same letter) and moves every current
 * pupil into it from that year's first day; the class teacher goes along.
 */
int store_class_promote(struct store *st, int64_t class_id, int64_t *new_id);

/* ---- users ---- */

struct user {
	int64_t id;
	char login[STORE_LOGIN_MAX + 1];
	char name[STORE_NAME_MAX + 1];
	enum role role;
	int disabled;
	char lang[3];		/* "" until the user picks one */
	char keymap[16];
};

/* A login: 1-32 of [a-z0-9._-], starting with a letter. */
int login_valid(const char *login);
int store_user_add(struct store *st, const char *login, const char *name, enum role role,
    const char *password);
int store_user_find(struct store *st, const char *login, struct user *out);
int store_user_get(struct store *st, int64_t id, struct user *out);
int store_user_list(struct store *st, struct user **rows, size_t *n);
int store_user_set_disabled(struct store *st, const char *login, int disabled);
/*
 * Sets another user's password (an admin, or the operator). Refused for the
 * actor's own: that is store_user_change_password(). A password is 10 to 256
 * characters and none of the commonest (password_common()).
 */
int store_user_set_password(struct store *st, const char *login, const char *password);
/* The actor changes her own password, giving the current one. */
int store_user_change_password(struct store *st, const char *old, const char *password);
int store_user_set_lang(struct store *st, const char *login, const char *lang);
/*
 * STORE_OK when the user exists, is enabled and the password matches; else
 * STORE_DENIED, taking the same time whether or not the login exists.
 */
int store_user_check_password(struct store *st, const char *login, const char *password,
    struct user *out);
int store_user_set_role(struct store *st, const char *login, enum role role);
/* Sets a new random password and writes it (once) into out. */
int store_user_reset_password(struct store *st, const char *login, char *out, size_t outsize);

struct user_key {
	int64_t id;
	char type[32];
	char fingerprint[64];	/* SHA256:base64, as ssh-keygen -l prints it */
	char comment[128];
};

int store_user_key_list(struct store *st, const char *login, struct user_key **rows, size_t *n);
int store_user_key_remove(struct store *st, const char *login, int64_t key_id);
/*
 * Failed logins under a key ("pair:LOGIN ADDRESS", "addr:ADDRESS") within
 * `window` seconds, shared by every connection process: the server slows
 * guessing with them. Not audited: they change nothing in the journal.
 * Noting one forgets counts past their window and all but the newest
 * STORE_LOGIN_FAILURES_MAX keys.
 */
#define STORE_LOGIN_FAILURES_MAX	10000
int store_login_failures(struct store *st, const char *key, int window);
int store_login_failure_note(struct store *st, const char *key, int window);
int store_login_failure_clear(struct store *st, const char *key);
/*
 * Reads a public key (TYPE, BASE64) as the SSH server will at login: 0 with
 * the key's own type name in ctype and its canonical base64 in *canonical
 * (malloc'd); 1 when it is no key SSH can read; -1 when it cannot be read
 * now (err says why). The store parses no keys itself: that takes libssh,
 * which only the server module links (server_module.h). The program
 * installs a reader before it opens a store; without one a key cannot be
 * added.
 */
typedef int (*store_key_reader)(const char *type, const char *base64, char *ctype,
    size_t ctypesize, char **canonical, char *err, size_t errsize);
void store_key_reader_set(store_key_reader reader);
/* `line` is an OpenSSH public key line: "TYPE BASE64 [COMMENT]". */
int store_user_key_add(struct store *st, const char *login, const char *line);
/* The enabled user owning this key (type and base64 blob). */
int store_user_by_key(struct store *st, const char *type, const char *base64, struct user *out);

/* ---- journals: assignments, lessons, marks ---- */

struct journal {
	int64_t class_id, subject_id;
	int subgroup;		/* 0: the whole class */
	int64_t teacher_id;
	char class_name[STORE_CLASS_MAX + 1];
	char subject_name[STORE_NAME_MAX + 1];
	char teacher_login[STORE_LOGIN_MAX + 1];
};

int store_assign(struct store *st, const char *login, int64_t class_id, int64_t subject_id,
    int subgroup);
/* Ends an assignment (admin; audited); the journal keeps its lessons and marks. */
int store_unassign(struct store *st, const char *login, int64_t class_id, int64_t subject_id,
    int subgroup);
/* A substitute teacher writes the journal from `starts` to `ends` (inclusive). */
int store_substitute_add(struct store *st, const char *login, int64_t class_id,
    int64_t subject_id, int subgroup, const char *starts, const char *ends);
struct substitution {
	int64_t id;
	char login[STORE_LOGIN_MAX + 1];
	int64_t class_id, subject_id;
	int subgroup;
	char class_name[STORE_CLASS_MAX + 1];
	char subject_name[STORE_NAME_MAX + 1];
	char starts[11], ends[11];
};

/* Substitutions by first day (newest last); head and admin see all, a teacher their own. */
int store_substitution_list(struct store *st, struct substitution **rows, size_t *n);
int store_substitution_remove(struct store *st, int64_t id);	/* admin; audited */
/* Journals the actor may open: own assignments, own class, or all for head/admin. */
int store_journal_list(struct store *st, struct journal **rows, size_t *n);
/* 1 when the actor may write this journal (assigned, or the operator). */
int store_journal_writable(struct store *st, int64_t class_id, int64_t subject_id, int subgroup);
int store_journal_readable(struct store *st, int64_t class_id, int64_t subject_id, int subgroup);

enum lesson_kind { LESSON_REGULAR, LESSON_SOR, LESSON_SOCH };

struct lesson {
	int64_t id;
	int64_t class_id, subject_id;
	int subgroup;
	char date[11];
	enum lesson_kind kind;
	int max_points;		/* СОр/СОч only */
	char topic[STORE_TOPIC_MAX + 1];
	char homework[STORE_HOMEWORK_MAX + 1];
	int makeup;		/* added outside the timetable: takes no timetabled place */
};

int store_lesson_add(struct store *st, struct lesson *l);	/* sets l->id */
/*
 * Changes a lesson's date, kind, maximum, topic and homework. Refused when a
 * mark of the lesson would not fit its new kind or maximum; a change between
 * formative marks and points (ФО <-> СОр/СОч), which reads the same numbers
 * anew, needs STORE_LESSON_REINTERPRET in flags.
 */
#define STORE_LESSON_REINTERPRET 1
int store_lesson_update(struct store *st, const struct lesson *l, int flags);
/* How many marks the change to `l` (by its id) would read anew: the editor asks first. */
int store_lesson_reinterpreted(struct store *st, const struct lesson *l, size_t *n);
int store_lesson_get(struct store *st, int64_t id, struct lesson *out);
/*
 * STORE_OK when the actor may write lesson `l` (by its journal and date): a
 * substitute only the lessons of her days. Else STORE_DENIED and the reason.
 */
int store_lesson_writable(struct store *st, const struct lesson *l);
/* How many pupils have a mark, an attendance letter or a comment in the lesson. */
int store_lesson_mark_count(struct store *st, int64_t id, size_t *n);
/*
 * Removes a lesson added by mistake, with its marks (audited, one
 * transaction). Refused in a closed period, and with STORE_EXISTS when the
 * lesson has marks and `with_marks` is 0.
 */
int store_lesson_remove(struct store *st, int64_t id, int with_marks);
/* Lessons of a journal in the period (NULL: all), by date. */
int store_lesson_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, struct lesson **rows, size_t *n);
const char *lesson_kind_name(enum lesson_kind kind);	/* "regular", "sor", "soch" */
const char *lesson_kind_label(enum lesson_kind kind);	/* translated: ФО/СОр/СОч, ҚБ/БЖБ/ТЖБ */

enum attendance { ATT_NONE = 0, ATT_ABSENT, ATT_EXCUSED, ATT_ILL, ATT_LATE };

struct mark {
	int64_t lesson_id, pupil_id;
	int value;		/* -1: none */
	enum attendance att;
};

/* Sets (value -1 clears) the mark and attendance of one pupil in one lesson. */
int store_mark_set(struct store *st, int64_t lesson_id, int64_t pupil_id, int value,
    enum attendance att);
int store_mark_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, struct mark **rows, size_t *n);
/* One letter in the UI language: н/п/б/о, ж/д/а/к, a/e/i/l. */
const char *attendance_label(enum attendance att);
/* Accepts the letters of all three languages and the English words. */
int attendance_parse(const char *s, enum attendance *att);
const char *attendance_name(enum attendance att);	/* "absent", ... */
/* The mark of a pupil in a lesson among rows, or NULL. */
const struct mark *mark_find(const struct mark *rows, size_t n, int64_t lesson_id,
    int64_t pupil_id);
/* A cell as a journal shows it: "8", "н", "о 7", or "" for no mark (m may be NULL). */
void mark_text(const struct mark *m, char *out, size_t outsize);

/* ---- the weekly timetable of a class (store_timetable.c) ---- */

#define STORE_ROOM_MAX		32
#define TIMETABLE_LESSONS_MAX	8	/* lesson numbers 1..8 in a shift */

/*
 * One lesson of a class's week. A class's timetable has a first day: the
 * one in force on a date is the class's rows with the latest valid_from up
 * to it, so a new timetable from a date on keeps the past as it was.
 */
struct timetable_entry {
	int64_t class_id;
	char valid_from[11];
	int weekday;		/* 1 Monday .. 6 Saturday */
	int shift;		/* 1 or 2 */
	int num;		/* the lesson's number in its shift, 1..8 */
	int64_t subject_id;
	int subgroup;		/* 0: the whole class */
	int64_t teacher_id;
	char room[STORE_ROOM_MAX + 1];	/* "" when not said */
	char subject_name[STORE_NAME_MAX + 1];	/* filled by the readers */
	char teacher_login[STORE_LOGIN_MAX + 1];
	char class_name[STORE_CLASS_MAX + 1];
};

/*
 * STORE_OK when an entry can stand in a timetable: weekday, shift, number
 * and subgroup in range, room text clean, subject and teacher known, and
 * the teacher assigned to teach that subject and subgroup in the class
 * (the timetable never assigns: store_assign() does). Else the reason.
 */
int store_timetable_entry_check(struct store *st, struct timetable_entry *e);
/*
 * The class's timetable from `from` on is rows[0..n) (admin; one
 * transaction, audited old -> new): rows from that day on are replaced, the
 * past keeps the timetable it had. Two lessons in one slot of one subgroup
 * (or of the whole class and a subgroup) are refused.
 */
int store_timetable_set(struct store *st, int64_t class_id, const char *from,
    struct timetable_entry *rows, size_t n);
/* The class's timetable in force on `date`, by weekday, shift, number, subgroup. */
int store_timetable_on(struct store *st, int64_t class_id, const char *date,
    struct timetable_entry **rows, size_t *n);
/*
 * The lessons the actor teaches on `date` by the timetables in force, hers
 * and those of a substitution she has that day, by shift and number.
 */
int store_timetable_mine(struct store *st, const char *date, struct timetable_entry **rows,
    size_t *n);
/*
 * Why `date` has no lessons in the class: DAY_SCHOOL (0) when it has,
 * DAY_SUNDAY, DAY_HOLIDAY (of every grade, or of the class's grade alone, as
 * grade 1's extra week). The one test of "a school day for this class" that
 * the page, the timetable, a new lesson's day and the days missed use
 * (store_school.c).
 */
int store_class_day_off(struct store *st, int64_t class_id, const char *date);
/*
 * A journal page's columns: its lessons in the period, and for each school
 * day up to `upto` the timetabled lessons not yet written, as lessons with
 * id 0 (a day with two timetabled lessons has two columns). A lesson on a
 * timetabled day fills one of its timetabled places, unless it is a make-up
 * lesson (l->makeup), which stands beside them.
 */
int store_lesson_page(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, const char *upto, struct lesson **rows, size_t *n);
/*
 * Sets a mark as store_mark_set() does in lesson `l`; a lesson with id 0
 * (a timetabled one not yet written) is written first, in the same
 * transaction, and l->id set.
 */
int store_mark_set_in(struct store *st, struct lesson *l, int64_t pupil_id, int value,
    enum attendance att);

/* ---- comments: the teacher's written feedback on one cell (store_comment.c) ---- */

#define STORE_COMMENT_MAX	1000	/* bytes: some 500 Kazakh or Russian letters */

struct comment {
	int64_t lesson_id, pupil_id;
	char date[11];		/* the lesson's */
	char text[STORE_COMMENT_MAX + 1];	/* may hold newlines */
};

/*
 * Sets the comment of one pupil in one lesson ("" or NULL clears it), with
 * or without a mark there (grade 1 has none). Checked as a mark is (the
 * journal hers, the period open, the page not held by another) and as every
 * user text (text_clean(), newlines allowed); audited "comment.set" old -> new.
 */
int store_comment_set(struct store *st, int64_t lesson_id, int64_t pupil_id, const char *text);
/* The same in lesson `l`, written first when it is a timetabled one not yet written (id 0). */
int store_comment_set_in(struct store *st, struct lesson *l, int64_t pupil_id, const char *text);
/* The comments of a journal's page (period p; NULL: all), by lesson date. */
int store_comment_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, struct comment **rows, size_t *n);
/* The comment of a pupil in a lesson among rows, or NULL. */
const struct comment *comment_find(const struct comment *rows, size_t n, int64_t lesson_id,
    int64_t pupil_id);

/* ---- audit ---- */

struct audit_record {
	int64_t id;
	char at[32];
	char login[STORE_LOGIN_MAX + 1];
	char session[STORE_SESSION_MAX + 1];
	char action[32];
	char object[160];
	char *old_value, *new_value;	/* point into the record's own storage */
	char hash[65], prev_hash[65];
	char storage[2048];
};

typedef int (*audit_cb)(const struct audit_record *r, void *arg);

/* What store_audit_each() shows; NULL fields match everything. */
struct audit_filter {
	const char *login;
	const char *text;	/* a substring of the object (a class, a subject...) */
	const char *since, *until;	/* dates, inclusive */
	int64_t limit;		/* > 0: the newest `limit` records, newest first */
};

int store_audit_each(struct store *st, const struct audit_filter *f, audit_cb cb, void *arg);
/*
 * STORE_OK when every record's hash chains, the append-only triggers were in
 * place at open, and the marks, attendance and lessons in the tables are
 * what the audit's records replay to; else STORE_INVALID (the error names the
 * record or row) and *bad = the first broken record's id (0 for a table row).
 */
int store_audit_verify(struct store *st, int64_t *bad, int64_t *count);
/*
 * Rows an older audit cannot replay, because its records lacked what a replay
 * needs (a pupil.add without the pupil's id, a password change without its
 * fingerprint, a key added without its row, a pupil's stays in classes):
 * verify passes them, and says so.
 */
struct audit_gaps {
	int64_t pupils, passwords, keys;
	int64_t histories;	/* pupils whose class history no record kept */
	int64_t classes, assignments, substitutions;
	int64_t timetables;	/* classes whose timetable no record kept */
};
int store_audit_gaps(struct store *st, struct audit_gaps *g);
/*
 * verify and its gaps as a person reads them, a finding a line: "The audit
 * chain holds: N records." and a "Not replayed: ..." line for each kind of
 * row an older audit cannot replay. The command line and the admin screen
 * show this one text. *text is malloc'd on STORE_OK; else store_error() says
 * what broke and *bad is as store_audit_verify() sets it.
 */
int store_audit_verify_text(struct store *st, int64_t *bad, char **text);
/*
 * An audit object as a person reads it: "pupil:2" becomes the pupil's name,
 * "subject:3" the subject's, and "lesson:130" goes (the class, subject and
 * date beside it name the lesson). Ids whose rows are gone stay as they are.
 */
int store_audit_object_text(struct store *st, const char *object, char *out, size_t outsize);
/* The last record's id and hash (0 and 64 zeros for an empty log). */
int store_audit_head(struct store *st, int64_t *id, char hash[65]);
/*
 * STORE_OK when record `id` exists with `hash` (an anchor kept outside the
 * file); a prefix of 32 or more hex digits (as a printed report has) counts.
 */
int store_audit_anchor(struct store *st, int64_t id, const char *hash);
/* Appends a record for an action that changes nothing in the tables (a login, a break of a lock). */
int store_audit_note(struct store *st, const char *action, const char *object, const char *value);

/* ---- the end of the year: year summative works and exams (store_year.c) ---- */

enum year_work_kind {
	YEAR_WORK,	/* the year summative work after a year «2» */
	YEAR_EXAM,	/* the Kazakh-language exam (grades 5-8, 10), final exams (9, 11) */
};

/* One pupil's work or exam in a subject: points of a maximum, or a mark given as such. */
struct year_work {
	int64_t pupil_id, class_id, subject_id;
	enum year_work_kind kind;
	int points, max;	/* -1, -1 when a mark was given */
	int mark;		/* 2..5 given, or 0 when points were */
};

/*
 * Records (points >= 0 with max > 0, or a mark 2..5) or, with points and
 * mark both -1, clears a pupil's work or exam; audited. The subject's
 * teacher of the pupil's subgroup, the head and the admin may. Refused
 * with STORE_CLOSED once the subject's last period of the class's year is
 * closed: the year and final marks it makes are closed with it. Exams are
 * held from grade 5 on.
 */
int store_year_work_set(struct store *st, const struct class *c, const struct subject *s,
    int64_t pupil_id, enum year_work_kind kind, int points, int max, int mark);
/* The class's works and exams (subject_id 0: of every subject), by subject and pupil. */
int store_year_work_list(struct store *st, int64_t class_id, int64_t subject_id,
    struct year_work **rows, size_t *n);

/* ---- locks of journal pages, held by sessions ---- */

struct lock_info {
	char session[STORE_SESSION_MAX + 1];
	char login[STORE_LOGIN_MAX + 1];
	char name[STORE_NAME_MAX + 1];
	char since[32];
	int pid;
};

/* A lock whose holder sent no heartbeat for this many seconds is free. */
#define STORE_LOCK_STALE 120

/* Resource name for a journal page. */
void journal_resource(char *out, size_t outsize, int64_t class_id, int64_t subject_id,
    int subgroup, int64_t period_id);
/*
 * Takes the lock for the actor's session. A lock held by a live session of
 * another user gives STORE_LOCKED and fills *holder; a stale one (dead pid on
 * this host, or no heartbeat for `stale_seconds`) is taken over. With
 * `take_own`, a lock of the same user in another session is taken over.
 */
int store_lock_take(struct store *st, const char *resource, int take_own, int stale_seconds,
    struct lock_info *holder);
int store_lock_release(struct store *st, const char *resource);
int store_lock_release_session(struct store *st, const char *session);
int store_lock_heartbeat(struct store *st);
/* STORE_OK with *holder filled, or STORE_NOT_FOUND when nobody holds it. */
int store_lock_holder(struct store *st, const char *resource, int stale_seconds,
    struct lock_info *holder);

/* Breaks a lock held by another session (admin, audited). */
int store_lock_break(struct store *st, const char *resource);
/*
 * STORE_OK when an admin broke the lock this session held on `resource`
 * (and nobody took the page since): `by` names the breaker and the time.
 */
int store_lock_broken(struct store *st, const char *resource, struct lock_info *by);

/* ---- sessions: who is online ---- */

enum session_state { SESSION_ACTIVE, SESSION_LOCKED, SESSION_DETACHED };

struct session_info {
	char id[STORE_SESSION_MAX + 1];
	char login[STORE_LOGIN_MAX + 1];
	char origin[64];	/* "ssh 10.0.0.5", "local tty1" */
	char started[32];
	int pid;
	enum session_state state;
	long long idle_seconds;
	char resource[96];	/* the journal page it holds, or "" */
	char page[192];		/* the same as a person reads it: "7 Ә · Алгебра · 2-тоқсан" */
};

/* Registers the actor's session (its id is actor.session). */
int store_session_begin(struct store *st, const char *origin);
int store_session_touch(struct store *st, enum session_state state);
/* Unregisters the session and releases its locks. */
int store_session_end(struct store *st);
/* Live sessions (dead processes on this host are dropped); head and admin. */
int store_session_list(struct store *st, struct session_info **rows, size_t *n);

/* Today's date as YYYY-MM-DD ($DAPTER_TODAY overrides, for tests and demos). */
void store_today(char out[11]);
/* 1 for a real calendar date in YYYY-MM-DD or DD.MM.YYYY; writes YYYY-MM-DD. */
int date_parse(const char *in, char out[11]);
/* The day of the week of a YYYY-MM-DD date: 0 Sunday, 1 Monday .. 6 Saturday. */
int date_weekday(const char *date);
/* The date `days` days after (before, when negative) `date`; out may be date. */
void date_add_days(const char *date, int days, char out[11]);

#endif
