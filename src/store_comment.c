/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_comment: the teacher's written feedback on one cell (a pupil in a
 * lesson), which the Ministry's letter of 2019 asks of the journal for
 * formative work. A comment sits beside the mark, not in it: grade 1 has
 * comments and no marks, and clearing a mark keeps what was said.
 *
 * A comment is written as a mark is (store_cell_check(): the journal hers
 * on the lesson's day, the period open, the page hers) and audited
 * "comment.set" with the old and the new text; `audit verify` replays them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_internal.h"
#include "text.h"

int
store_comment_set(struct store *st, int64_t lesson_id, int64_t pupil_id, const char *text)
{
	char clean[STORE_COMMENT_MAX + 1] = "", old[STORE_COMMENT_MAX + 1] = "";
	char object[STORE_CLASS_MAX + STORE_NAME_MAX + 96];
	struct lesson l;
	sqlite3_stmt *s = NULL;
	int had = 0, rc;

	/* The text first: a bad one is refused before anything is locked. */
	if (text != NULL && text[0] != '\0' &&
	    (rc = store_clean_text(st, _("Comment"), text, STORE_COMMENT_MAX,
	    TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE, clean, sizeof clean)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((rc = store_cell_check(st, lesson_id, pupil_id, &l)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "SELECT text FROM comment WHERE lesson_id = ? AND pupil_id = ?"))
	    == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, lesson_id);
	sqlite3_bind_int64(s, 2, pupil_id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		had = 1;
		store_col_text(s, 0, old, sizeof old);
	}
	sqlite3_reset(s);
	if (strcmp(old, clean) == 0)
		goto out;	/* nothing changes: nothing to write or audit */
	if (clean[0] == '\0')
		s = store_stmt(st, "DELETE FROM comment WHERE lesson_id = ? AND pupil_id = ?");
	else
		s = store_stmt(st, "INSERT INTO comment(lesson_id, pupil_id, text) VALUES (?,?,?)"
		    " ON CONFLICT DO UPDATE SET text = excluded.text");
	if (s == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, lesson_id);
	sqlite3_bind_int64(s, 2, pupil_id);
	if (clean[0] != '\0' && store_bind_text(s, 3, clean) != SQLITE_OK) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	store_cell_object(st, &l, pupil_id, object, sizeof object);
	rc = store_audit_append(st, "comment.set", object, had ? old : NULL,
	    clean[0] != '\0' ? clean : NULL);
out:
	return store_write_end(st, rc);
}

struct comment_in {
	int64_t pupil_id;
	const char *text;
};

static int
comment_in_write(struct store *st, int64_t lesson_id, const void *arg)
{
	const struct comment_in *c = arg;

	return store_comment_set(st, lesson_id, c->pupil_id, c->text);
}

int
store_comment_set_in(struct store *st, struct lesson *l, int64_t pupil_id, const char *text)
{
	struct comment_in c = { pupil_id, text };
	char *clean = text != NULL ? text_clean(text, STORE_COMMENT_MAX,
	    TEXT_ALLOW_EMPTY | TEXT_ALLOW_NEWLINE, NULL) : NULL;
	/* Nothing (or white space) on a timetabled day not yet written writes nothing. */
	int empty = text == NULL || (clean != NULL && clean[0] == '\0');
	int rc = store_cell_write_in(st, l, empty, comment_in_write, &c);

	free(clean);
	return rc;
}

int
store_comment_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    const struct period *p, struct comment **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct comment *c = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (!store_journal_readable(st, class_id, subject_id, subgroup))
		return store_fail(st, STORE_DENIED, _("You may not read this journal."));
	if ((s = store_stmt(st, "SELECT k.lesson_id, k.pupil_id, l.date, k.text FROM comment k"
	    " JOIN lesson l ON l.id = k.lesson_id WHERE l.class_id = ? AND l.subject_id = ?"
	    " AND l.subgroup = ? AND l.date >= ? AND l.date <= ? ORDER BY l.date, l.id")) == NULL)
		return STORE_FAILED;
	store_bind_page(s, class_id, subject_id, subgroup, p);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((c = store_grow(st, (void **)rows, n, sizeof *c)) == NULL) {
			sqlite3_reset(s);
			return STORE_FAILED;
		}
		c->lesson_id = sqlite3_column_int64(s, 0);
		c->pupil_id = sqlite3_column_int64(s, 1);
		store_col_text(s, 2, c->date, sizeof c->date);
		store_col_text(s, 3, c->text, sizeof c->text);
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

const struct comment *
comment_find(const struct comment *rows, size_t n, int64_t lesson_id, int64_t pupil_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].lesson_id == lesson_id && rows[i].pupil_id == pupil_id)
			return &rows[i];
	return NULL;
}
