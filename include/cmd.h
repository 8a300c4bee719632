/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd: dapter's commands, one descriptor each, shared by every door.
 *
 * The command line (main.c) and the SSH server's exec requests both call
 * cmd_main() with a context: the open store (its actor already set), the
 * streams to use, and whether the caller is remote. A command file
 * (cmd_*.c) defines `const struct cmd cmd_xxx` and is listed in cmd.c.
 */
#ifndef DAPTER_CMD_H
#define DAPTER_CMD_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include "store.h"
#include "table.h"

/* Exit statuses, documented in README. */
enum {
	CMD_OK = 0,
	CMD_FAIL = 1,		/* the command could not do its work */
	CMD_USAGE = 2,		/* the command line is wrong */
	CMD_DENIED = 3,		/* the acting user may not do this */
	CMD_NOT_FOUND = 4,	/* a named class, subject, user... does not exist */
};

#define CMD_TEACHER	0x1
#define CMD_HEAD	0x2
#define CMD_ADMIN	0x4
#define CMD_ANYONE	(CMD_TEACHER | CMD_HEAD | CMD_ADMIN)
#define CMD_OPERATOR	0x8	/* the local operator only (files on the server) */

#define CMD_NO_DB	0x1	/* opens or creates the database itself */

struct cmd_ctx {
	struct store *st;	/* NULL for CMD_NO_DB commands */
	const char *db_path;
	FILE *in, *out, *err;
	int remote;		/* over SSH: no paths on the server's disk */
};

struct cmd {
	const char *name;	/* "user add" */
	const char *args;	/* "LOGIN --name NAME --role ROLE [--password-stdin]" */
	const char *summary;	/* N_() one line */
	const char *help;	/* N_() more lines, or NULL */
	unsigned roles;
	unsigned flags;
	int (*run)(struct cmd_ctx *ctx, int argc, char **argv);
};

/* Finds the command named by argv's first words; *used = how many words. */
const struct cmd *cmd_find(int argc, char **argv, int *used);
/* Runs argv (without "dapter" and the global options). Returns an exit status. */
int cmd_main(struct cmd_ctx *ctx, int argc, char **argv);
/* Permission of the actor for a command. */
int cmd_allowed(const struct cmd *c, const struct actor *a);

struct cmd_opt {
	const char *name;	/* "--name" */
	const char **value;	/* set for an option with a value */
	int *flag;		/* set to 1 for a flag */
};

/*
 * Splits argv into options (from opts) and positionals; requires exactly
 * npos_min..npos_max positionals. Prints usage and returns CMD_USAGE on error.
 */
int cmd_args(struct cmd_ctx *ctx, const struct cmd *c, int argc, char **argv,
    const struct cmd_opt *opts, char **pos, int npos_min, int npos_max, int *npos);

/* Prints "dapter: MESSAGE" to ctx->err (sanitized). */
void cmd_error(struct cmd_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the store's error and maps its status to an exit status. */
int cmd_store_error(struct cmd_ctx *ctx, int status);
/* Reads one line (a password) from ctx->in without its newline. */
int cmd_read_line(struct cmd_ctx *ctx, char *buf, size_t size);
/* Reads all of a file ("-": ctx->in; remote callers may only use "-"). */
int cmd_read_file(struct cmd_ctx *ctx, const char *path, size_t max, char **buf, size_t *len);
/* Writes user text to a stream with controls neutralized. */
void cmd_put(struct cmd_ctx *ctx, const char *text);
/* The directory part of a path: "." when it has none, "/" for the root's files. */
void cmd_path_dir(const char *path, char *out, size_t outsize);
/*
 * An import's end, `status` being what the importer returned: its problems,
 * each with its line, on the error stream; then "Nothing was imported." and
 * CMD_FAIL (CMD_DENIED) for a failed one, or "Read as Windows-1251." when
 * the file was not plain UTF-8 and CMD_OK.
 */
int cmd_table_report(struct cmd_ctx *ctx, int status, const struct table_problem *p, size_t n,
    const struct table_source *src);

/*
 * Writes the audit head to path and its SSHSIG signature to path.sig, with
 * the ed25519 host key in key_dir (NULL: PATH.keys beside the database,
 * made when missing). Errors printed.
 */
int cmd_audit_checkpoint(struct cmd_ctx *ctx, const char *path, const char *key_dir);

/*
 * 1 when DIR/NAME is one of `dapter backup`'s copies (a regular file named
 * dapter-*.db), with its stat in *sb: what pruning deletes and `check` dates.
 */
int cmd_backup_copy(const char *dir, const char *name, struct stat *sb);

/* The shared lookups of class and subject arguments. */
int cmd_journal_args(struct cmd_ctx *ctx, const char *class_name, const char *subject_name,
    struct class *c, struct subject *s);
/* A grade 1..12 (--grade N), or -1 with the error printed. */
int cmd_grade_arg(struct cmd_ctx *ctx, const char *arg);
/* --period P, or the period of today for the subject (quarter or half-year). */
int cmd_period_arg(struct cmd_ctx *ctx, const char *spec, const struct subject *s,
    struct period *p);
/* The pupil of the class named "Surname Given" (or with the patronymic too). */
int cmd_pupil_arg(struct cmd_ctx *ctx, const struct class *c, const char *name,
    struct pupil *out);

extern const struct cmd *const cmd_table[];

/* Every command, defined in its cmd_*.c file. */
extern const struct cmd cmd_help, cmd_version, cmd_init, cmd_demo;
extern const struct cmd cmd_user_add, cmd_user_list, cmd_user_disable, cmd_user_enable,
    cmd_user_passwd, cmd_user_key_add, cmd_user_lang;
extern const struct cmd cmd_year_add, cmd_year_current, cmd_period_list, cmd_period_close,
    cmd_period_reopen, cmd_period_dates, cmd_holiday_list, cmd_holiday_add, cmd_holiday_remove,
    cmd_class_add, cmd_class_list, cmd_class_teacher, cmd_subject_add,
    cmd_subject_list, cmd_subject_set, cmd_subject_show, cmd_assign, cmd_unassign, cmd_journal_list;
extern const struct cmd cmd_roster_import, cmd_roster_list, cmd_subgroup_set;
extern const struct cmd cmd_timetable_import, cmd_timetable_show;
extern const struct cmd cmd_lesson_add, cmd_lesson_set, cmd_lesson_remove, cmd_lesson_list,
    cmd_marks_export, cmd_marks_import, cmd_grades;
extern const struct cmd cmd_exam_set, cmd_exam_list;
extern const struct cmd cmd_plan_import, cmd_plan_show;
extern const struct cmd cmd_audit_log, cmd_audit_verify, cmd_audit_head, cmd_backup;
extern const struct cmd cmd_user_reset, cmd_user_role, cmd_user_key_list, cmd_user_key_remove,
    cmd_class_rename, cmd_class_promote, cmd_pupil_move, cmd_pupil_rename, cmd_pupil_leave,
    cmd_substitute, cmd_substitute_list,
    cmd_substitute_remove, cmd_session_list,
    cmd_lock_break;
extern const struct cmd cmd_report_journal, cmd_report_summary, cmd_report_pupil,
    cmd_report_attendance, cmd_report_quality,
    cmd_report_analysis, cmd_report_card, cmd_restore, cmd_archive, cmd_archive_verify;
extern const struct cmd cmd_serve, cmd_check;


#endif
