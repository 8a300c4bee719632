/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roster: a class list from a spreadsheet into the store, all or nothing.
 *
 * Takes the file's bytes as the school sent them (UTF-8 with or without a
 * BOM, Windows-1251, UTF-16), headers in English, Russian or Kazakh, a full
 * name in one column or in three. Every problem is collected with its line
 * before anything is written; with problems, nothing is written.
 */
#ifndef DAPTER_ROSTER_H
#define DAPTER_ROSTER_H

#include <stddef.h>

#include "table.h"
#include "store.h"

#define ROSTER_MAX_BYTES (10 * 1024 * 1024)

struct roster_report {
	size_t added, existing;	/* pupils written / already in the class */
	struct table_source source;	/* how the file was read */
	struct table_problem *problems;
	size_t nproblems;
};

/* STORE_OK when written (or checked, with dry_run); STORE_INVALID with problems. */
int roster_import(struct store *st, int64_t class_id, const char *buf, size_t len,
    int dry_run, struct roster_report *rep);
void roster_report_free(struct roster_report *rep);

#endif
