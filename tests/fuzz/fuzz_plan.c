/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_plan: plan_import() of any bytes, as a dry run.
 *
 * A calendar-thematic plan comes from a teacher's spreadsheet and goes
 * through charset detection, the CSV reader, header matching, numbers,
 * dates, text cleaning and the store. The promise checked here is all or
 * nothing: a dry run leaves the class without a plan, a refusal explains
 * itself with at least one problem, and a success reports no problem and
 * at least one topic, each of at least an hour.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "fuzz_school.h"
#include "plan.h"

#define T "fuzz_plan"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_school_open();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_owner owner = { .class_id = fuzz_class.id, .grade = fuzz_class.grade,
	    .start_year = fuzz_class.start_year };
	struct plan_report rep;
	struct plan_topic *rows = NULL;
	size_t n = 0, i;
	int rc;

	snprintf(owner.label, sizeof owner.label, "%s", fuzz_class.name);
	rc = plan_import(fuzz_st, &owner, fuzz_subject.id, (const char *)data, size, 1, &rep);
	if (store_plan_progress(fuzz_st, fuzz_class.id, fuzz_subject.id, 0, &rows, &n, NULL) !=
	    STORE_NOT_FOUND)
		fuzz_fail(T, "a dry run wrote a plan");
	free(rows);
	if (rc == STORE_OK && rep.nproblems > 0)
		fuzz_fail(T, "an import succeeded with problems");
	if (rc == STORE_OK && (rep.topics == 0 || rep.hours < rep.topics))
		fuzz_fail(T, "an import succeeded without topics, or with a topic of no hours");
	if (rc != STORE_OK && rep.nproblems == 0)
		fuzz_fail(T, "an import failed without saying why");
	for (i = 0; i < rep.nproblems; i++)
		if (rep.problems[i].msg[0] == '\0')
			fuzz_fail(T, "a problem without a message");
	plan_report_free(&rep);
	return 0;
}
