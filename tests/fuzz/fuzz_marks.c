/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_marks: marks_csv_import() of any text, as a dry run.
 *
 * The marks file is the one a teacher edits by hand offline, so it is the
 * input most likely to be odd. A dry run must leave the journal exactly as
 * it was (lessons it names are created inside the transaction and rolled
 * back), and a refusal must say why (store_error()).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "fuzz_school.h"
#include "marks_csv.h"

#define T "fuzz_marks"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_school_open();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct marks_import_report rep;
	size_t p0, l0, m0, p1, l1, m1;
	char *text = NULL;
	int rc;

	text = fuzz_cstring(data, size);
	fuzz_school_count(&p0, &l0, &m0);
	rc = marks_csv_import(fuzz_st, text, 1, &rep);
	fuzz_school_count(&p1, &l1, &m1);
	if (p1 != p0 || l1 != l0 || m1 != m0)
		fuzz_fail(T, "a dry run changed the journal");
	if (rc != STORE_OK && *store_error(fuzz_st) == '\0')
		fuzz_fail(T, "an import failed without saying why");
	if (rc != STORE_OK && (rep.set > 0 || rep.cleared > 0 || rep.lessons_added > 0))
		fuzz_fail(T, "a failed import reports changes");
	free(text);
	return 0;
}
