/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_roster: roster_import() of any bytes, as a dry run.
 *
 * A class list comes from outside (Excel, a school's own system) and goes
 * through charset detection, the CSV reader, header matching, name
 * cleaning and the store. The promise checked here is all or nothing: a
 * dry run leaves the class as it was, a refusal explains itself with at
 * least one problem and adds no one, and a success reports no problem.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "fuzz_school.h"
#include "roster.h"

#define T "fuzz_roster"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_school_open();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster_report rep;
	size_t p0, l0, m0, p1, l1, m1, i;
	int rc;

	fuzz_school_count(&p0, &l0, &m0);
	rc = roster_import(fuzz_st, fuzz_class.id, (const char *)data, size, 1, &rep);
	fuzz_school_count(&p1, &l1, &m1);
	if (p1 != p0 || l1 != l0 || m1 != m0)
		fuzz_fail(T, "a dry run changed the class");
	if (rc == STORE_OK && rep.nproblems > 0)
		fuzz_fail(T, "an import succeeded with problems");
	if (rc != STORE_OK && rep.nproblems == 0)
		fuzz_fail(T, "an import failed without saying why");
	if (rc != STORE_OK && rep.added > 0)
		fuzz_fail(T, "a failed import reports pupils added");
	for (i = 0; i < rep.nproblems; i++)
		if (rep.problems[i].msg[0] == '\0')
			fuzz_fail(T, "a problem without a message");
	roster_report_free(&rep);
	return 0;
}
