/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_timetable: a class's weekly timetable in from a spreadsheet, and out
 * as a person reads it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "text.h"
#include "timetable.h"

#define LOGIN_COL 12	/* most logins fit; a longer one pushes its room right */

static int
run_timetable_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL;
	int dry_run = 0, rc;
	const struct cmd_opt opts[] = { { "--from", &from, NULL }, { "--dry-run", NULL, &dry_run },
	    { NULL, NULL, NULL } };
	struct timetable_report rep;
	struct class c;
	char *pos[2], *buf = NULL;
	size_t len = 0;

	if ((rc = cmd_args(ctx, &cmd_timetable_import, argc, argv, opts, pos, 2, 2, NULL)) !=
	    CMD_OK)
		return rc;
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* One byte past the limit, so that the import can name the size. */
	if ((rc = cmd_read_file(ctx, pos[1], TIMETABLE_MAX_BYTES, &buf, &len)) != CMD_OK)
		return rc;
	rc = timetable_import(ctx->st, c.id, from, buf, len, dry_run, &rep);
	free(buf);
	if ((rc = cmd_table_report(ctx, rc, rep.problems, rep.nproblems, &rep.source)) !=
	    CMD_OK) {
		timetable_report_free(&rep);
		return rc;
	}
	fprintf(ctx->out, dry_run ?
	    _("%zu lessons a week would be the timetable of %s from %s.\n") :
	    _("%zu lessons a week are the timetable of %s from %s.\n"), rep.lessons, c.name,
	    rep.from);
	timetable_report_free(&rep);
	return CMD_OK;
}

const struct cmd cmd_timetable_import = {
	"timetable import", "CLASS FILE [--from DATE] [--dry-run]",
	N_("Import a class's weekly timetable from a CSV or XLSX file (\"-\": standard input)."),
	N_("The first line names the columns, in English, Russian or Kazakh: weekday, lesson "
	"number, subject, teacher, and optionally room, subgroup and shift (Күн;Сабақ;Пән;"
	"Мұғалім;Кабинет or День;Урок;Предмет;Учитель;Кабинет). A weekday is a name, "
	"Дс/Сс/Ср/Бс/Жм/Сб, Пн/Вт/Ср/Чт/Пт/Сб, or 1-6; left empty, it is the one above. A "
	"teacher is a login or a full name, and must be assigned to the subject in the class "
	"first: the import never assigns. The timetable holds from --from on (default: today, "
	"or the school year's first day for a class without one), replacing the one from that "
	"day; the days before keep theirs. Every problem is listed with its line and nothing "
	"is written until the whole file is right."),
	CMD_ADMIN, 0, run_timetable_import,
};

/* The subject and its subgroup as the timetable shows them: "Ағылшын тілі (group 1)". */
static void
entry_subject(const struct timetable_entry *e, char *out, size_t outsize)
{
	snprintf(out, outsize, "%s", e->subject_name);
	if (e->subgroup > 0)
		snprintf(out + strlen(out), outsize - strlen(out), _(" (group %d)"), e->subgroup);
}

static int
run_timetable_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *date_arg = NULL;
	const struct cmd_opt opts[] = { { "--date", &date_arg, NULL }, { NULL, NULL, NULL } };
	struct timetable_entry *rows = NULL;
	struct class c;
	char *pos[1], date[11], subject[STORE_NAME_MAX + 32];
	size_t n = 0, i, w, width = 0;
	int rc, day = 0, shifts = 0;

	if ((rc = cmd_args(ctx, &cmd_timetable_show, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if (date_arg == NULL)
		store_today(date);
	else if (!date_parse(date_arg, date)) {
		cmd_error(ctx, _("Date \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), date_arg);
		return CMD_USAGE;
	}
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK ||
	    (rc = store_timetable_on(ctx->st, c.id, date, &rows, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if (n == 0) {
		cmd_error(ctx, _("%s has no timetable on %s: import one with dapter timetable "
		    "import."), c.name, date);
		free(rows);
		return CMD_NOT_FOUND;
	}
	for (i = 0; i < n; i++) {
		entry_subject(&rows[i], subject, sizeof subject);
		if ((w = text_width(subject)) > width)
			width = w;
		shifts |= rows[i].shift == 2;
	}
	/* One line a lesson: it fits any terminal, and grep and a pipe read it. */
	fprintf(ctx->out, _("%s: the timetable from %s\n"), c.name, rows[0].valid_from);
	for (i = 0; i < n; i++) {
		if (rows[i].weekday != day) {
			day = rows[i].weekday;
			fprintf(ctx->out, "%s\n", timetable_weekday_name(day));
		}
		if (shifts)
			fprintf(ctx->out, "  %d.%d  ", rows[i].shift, rows[i].num);
		else
			fprintf(ctx->out, "  %d  ", rows[i].num);
		entry_subject(&rows[i], subject, sizeof subject);
		cmd_put(ctx, subject);
		fprintf(ctx->out, "%*s  %s", (int)(width - text_width(subject)), "",
		    rows[i].teacher_login);
		if (rows[i].room[0] != '\0') {
			w = strlen(rows[i].teacher_login);
			fprintf(ctx->out, "%*s  ", w < LOGIN_COL ? (int)(LOGIN_COL - w) : 0, "");
			cmd_put(ctx, rows[i].room);
		}
		fputc('\n', ctx->out);
	}
	free(rows);
	return CMD_OK;
}

const struct cmd cmd_timetable_show = {
	"timetable show", "CLASS [--date DATE]",
	N_("Show a class's weekly timetable as it is on a date (default: today)."),
	N_("One line a lesson, by weekday: the lesson number (shift.number when the class has "
	"a second shift), the subject and subgroup, the teacher's login and the room."),
	CMD_ANYONE, 0, run_timetable_show,
};
