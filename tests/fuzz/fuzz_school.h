/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_school: the small school the import fuzzers write into.
 *
 * Made once per process in LLVMFuzzerInitialize() in a fresh directory under
 * $TMPDIR, and removed at exit: class 7 Ә with three pupils (ids 1, 2, 3),
 * Алгебра with one lesson on 2026-09-02 and one mark, so the seed files of
 * tests/fuzz/corpus match real rows. The operator acts (all rights), so
 * what a fuzzed file cannot get past is the importer, not a permission.
 */
#ifndef DAPTER_FUZZ_SCHOOL_H
#define DAPTER_FUZZ_SCHOOL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "store.h"

static char fuzz_dir[256], fuzz_db[300];
static struct store *fuzz_st;
static struct class fuzz_class;
static struct subject fuzz_subject;

static void
fuzz_quiet(enum log_level level, const char *msg)
{
}

static void
fuzz_school_remove(void)
{
	char path[320];

	store_close(fuzz_st);
	fuzz_st = NULL;
	unlink(fuzz_db);
	snprintf(path, sizeof path, "%s-wal", fuzz_db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", fuzz_db);
	unlink(path);
	rmdir(fuzz_dir);
}

static void
fuzz_school_add_pupil(const char *surname, const char *given)
{
	struct pupil p;

	memset(&p, 0, sizeof p);
	snprintf(p.surname, sizeof p.surname, "%s", surname);
	snprintf(p.given, sizeof p.given, "%s", given);
	if (store_pupil_add(fuzz_st, fuzz_class.id, &p) != STORE_OK) {
		fprintf(stderr, "fuzz: cannot add a pupil: %s\n", store_error(fuzz_st));
		exit(1);
	}
}

static void
fuzz_school_open(void)
{
	const char *tmp = getenv("TMPDIR");
	struct lesson l;

	setenv("DAPTER_TODAY", "2026-11-23", 1);
	log_set_hook(fuzz_quiet);
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/dapter-fuzz-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("fuzz: mkdtemp");
		exit(1);
	}
	snprintf(fuzz_db, sizeof fuzz_db, "%s/school.db", fuzz_dir);
	atexit(fuzz_school_remove);
	if (store_open(fuzz_db, STORE_CREATE, &fuzz_st) != STORE_OK ||
	    store_school_init(fuzz_st, "Fuzz", "2026-11-23") != STORE_OK ||
	    store_class_add(fuzz_st, "7 Ә", NULL) != STORE_OK ||
	    store_subject_add(fuzz_st, "Алгебра", 3, NULL, NULL) != STORE_OK ||
	    store_class_find(fuzz_st, "7 Ә", &fuzz_class) != STORE_OK ||
	    store_subject_find(fuzz_st, "Алгебра", &fuzz_subject) != STORE_OK) {
		fprintf(stderr, "fuzz: cannot make the school in %s: %s\n", fuzz_db,
		    store_error(fuzz_st));
		exit(1);
	}
	fuzz_school_add_pupil("Әлиев", "Нұр");
	fuzz_school_add_pupil("Беков", "Ерлан");
	fuzz_school_add_pupil("Ахметова", "Дана");
	memset(&l, 0, sizeof l);
	l.class_id = fuzz_class.id;
	l.subject_id = fuzz_subject.id;
	snprintf(l.date, sizeof l.date, "2026-09-02");
	if (store_lesson_add(fuzz_st, &l) != STORE_OK ||
	    store_mark_set(fuzz_st, l.id, 1, 8, ATT_NONE) != STORE_OK) {
		fprintf(stderr, "fuzz: cannot add a lesson: %s\n", store_error(fuzz_st));
		exit(1);
	}
}

/* Pupils, lessons and marks of the class: what a dry run must leave alone. */
static void
fuzz_school_count(size_t *pupils, size_t *lessons, size_t *marks)
{
	struct pupil *p = NULL;
	struct lesson *l = NULL;
	struct mark *m = NULL;

	if (store_pupil_list(fuzz_st, fuzz_class.id, 0, 0, &p, pupils) != STORE_OK ||
	    store_lesson_list(fuzz_st, fuzz_class.id, fuzz_subject.id, 0, NULL, &l,
	    lessons) != STORE_OK ||
	    store_mark_list(fuzz_st, fuzz_class.id, fuzz_subject.id, 0, NULL, &m,
	    marks) != STORE_OK) {
		fprintf(stderr, "fuzz: cannot count rows: %s\n", store_error(fuzz_st));
		abort();
	}
	free(p);
	free(l);
	free(m);
}

#endif
