/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_roster: class lists in and out, and subgroups.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "iin.h"
#include "roster.h"

static int
run_roster_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	int dry_run = 0, rc;
	const struct cmd_opt opts[] = { { "--dry-run", NULL, &dry_run }, { NULL, NULL, NULL } };
	struct roster_report rep;
	struct class c;
	char *pos[2], *buf = NULL;
	size_t len = 0;

	if ((rc = cmd_args(ctx, &cmd_roster_import, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	/* Read one byte past the limit so roster_import can name the size. */
	if ((rc = cmd_read_file(ctx, pos[1], ROSTER_MAX_BYTES, &buf, &len)) != CMD_OK)
		return rc;
	rc = roster_import(ctx->st, c.id, buf, len, dry_run, &rep);
	free(buf);
	if ((rc = cmd_table_report(ctx, rc, rep.problems, rep.nproblems, &rep.source)) !=
	    CMD_OK) {
		roster_report_free(&rep);
		return rc;
	}
	fprintf(ctx->out, dry_run ? _("%zu pupils would be added to %s (%zu already there).\n") :
	    _("%zu pupils added to %s (%zu already there).\n"), rep.added, c.name, rep.existing);
	roster_report_free(&rep);
	return CMD_OK;
}

const struct cmd cmd_roster_import = {
	"roster import", "CLASS FILE [--dry-run]",
	N_("Import a class list from a CSV or XLSX file (\"-\": standard input)."),
	N_("The first line names the columns, in English, Russian or Kazakh: surname, given "
	"name, patronymic, birth date, gender (Фамилия;Имя;Отчество;Дата рождения;Пол or "
	"Тегі;Аты;Әкесінің аты;Туған күні;Жынысы), or one full-name column (ФИО, Аты-жөні). "
	"An XLSX workbook is read from its first sheet; a CSV file has commas or "
	"semicolons, in UTF-8 (with or without BOM), Windows-1251 or UTF-16. Dates "
	"YYYY-MM-DD or DD.MM.YYYY. Every problem is listed with its line and nothing is "
	"written until the whole file is right. Pupils already in the class are skipped."),
	CMD_ADMIN, 0, run_roster_import,
};

static int
run_roster_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct pupil *p = NULL;
	struct class c;
	char *pos[1], name[3 * STORE_NAME_MAX + 3], iin[IIN_LEN + 1];
	size_t n = 0, i;
	int rc, admin = store_actor(ctx->st)->role == ROLE_ADMIN || store_actor(ctx->st)->operator;

	if ((rc = cmd_args(ctx, &cmd_roster_list, argc, argv, NULL, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if ((rc = store_class_find(ctx->st, pos[0], &c)) != STORE_OK ||
	    (rc = store_pupil_list(ctx->st, c.id, 0, 0, &p, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	for (i = 0; i < n; i++) {
		if (p[i].left[0] != '\0')
			continue;	/* moved to another class: history, not roster */
		pupil_full_name(&p[i], name, sizeof name);
		cmd_put(ctx, name);
		/* The IIN whole for the admin who keeps the roster; masked for the rest. */
		if (p[i].iin[0] != '\0') {
			if (admin)
				snprintf(iin, sizeof iin, "%s", p[i].iin);
			else
				iin_mask(p[i].iin, iin, sizeof iin);
			fprintf(ctx->out, "\t%s", iin);
		}
		fputc('\n', ctx->out);
	}
	free(p);
	return CMD_OK;
}

const struct cmd cmd_roster_list = {
	"roster list", "CLASS",
	N_("List a class's pupils in Kazakh alphabetical order, one a line."),
	N_("A pupil's IIN follows a tab: whole for the admin, its last four digits for others."),
	CMD_ANYONE, 0, run_roster_list,
};

static int
run_subgroup_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct pupil *p = NULL;
	struct class c;
	struct subject s;
	char *pos[64], name[3 * STORE_NAME_MAX + 3];
	size_t n = 0, i;
	int npos = 0, k, rc, found;

	if ((rc = cmd_args(ctx, &cmd_subgroup_set, argc, argv, NULL, pos, 4, 64, &npos)) != CMD_OK ||
	    (rc = cmd_journal_args(ctx, pos[0], pos[1], &c, &s)) != CMD_OK)
		return rc;
	if ((rc = store_pupil_list(ctx->st, c.id, 0, 0, &p, &n)) != STORE_OK)
		return cmd_store_error(ctx, rc);
	if ((rc = store_tx_begin(ctx->st)) != STORE_OK)
		goto fail;
	for (k = 3; k < npos; k++) {
		found = 0;
		for (i = 0; i < n && !found; i++) {
			pupil_full_name(&p[i], name, sizeof name);
			/* "Surname Given" is enough when it is unambiguous. */
			if (strcmp(name, pos[k]) == 0 || (strncmp(name, pos[k], strlen(pos[k])) == 0 &&
			    name[strlen(pos[k])] == ' ')) {
				found = 1;
				if ((rc = store_pupil_set_subgroup(ctx->st, p[i].id, s.id,
				    atoi(pos[2]))) != STORE_OK)
					goto fail;
			}
		}
		if (!found) {
			store_tx_rollback(ctx->st);
			free(p);
			cmd_error(ctx, _("No pupil \"%s\" in %s."), pos[k], c.name);
			return CMD_NOT_FOUND;
		}
	}
	if ((rc = store_tx_commit(ctx->st)) != STORE_OK)
		goto fail;
	free(p);
	return CMD_OK;
fail:
	store_tx_rollback(ctx->st);
	free(p);
	return cmd_store_error(ctx, rc);
}

const struct cmd cmd_subgroup_set = {
	"subgroup set", "CLASS SUBJECT N PUPIL...",
	N_("Put pupils (\"Surname Given-name\") in subgroup N of a subject."), NULL,
	CMD_ADMIN, 0, run_subgroup_set,
};
