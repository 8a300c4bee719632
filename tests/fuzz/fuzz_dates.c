/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_dates: date_parse() and the period parser (store_period_find()) on
 * any text a user types after --date or --period.
 *
 * Checked for a date: one accepted is a real calendar date, written back
 * as YYYY-MM-DD, which parses to itself, and the input was exactly that or
 * DD.MM.YYYY of the same day (no signs, spaces or short fields slip in).
 * For a period: one found has its kind, number and dates in range, its
 * label finds it again, and a year written before it is the year found; a
 * refusal says why.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_school.h"

#define T "fuzz_dates"

static void
check_date(const char *in)
{
	char out[11], again[11];

	if (!date_parse(in, out))
		return;
	if (strlen(out) != 10 || !date_parse(out, again) || strcmp(again, out) != 0)
		fuzz_fail(T, "an accepted date is not written back as one that parses to itself");
	if (strcmp(in, out) == 0)
		return;
	if (strlen(in) != 10 || in[2] != '.' || in[5] != '.' || memcmp(in, out + 8, 2) != 0 ||
	    memcmp(in + 3, out + 5, 2) != 0 || memcmp(in + 6, out, 4) != 0)
		fuzz_fail(T, "a date accepted in neither YYYY-MM-DD nor DD.MM.YYYY");
}

static void
check_period(const char *spec)
{
	struct period p, again;
	char label[32], starts[11], ends[11];

	if (store_period_find(fuzz_st, spec, "2026-11-23", &p) != STORE_OK) {
		if (*store_error(fuzz_st) == '\0')
			fuzz_fail(T, "a period refused without saying why");
		return;
	}
	if ((p.kind != 'q' && p.kind != 'h') || p.num < 1 || p.num > (p.kind == 'q' ? 4 : 2))
		fuzz_fail(T, "a period found with a kind or number out of range");
	if (!date_parse(p.starts, starts) || !date_parse(p.ends, ends) || strcmp(starts, ends) > 0)
		fuzz_fail(T, "a period found with dates out of order");
	period_label(&p, label, sizeof label);
	if (store_period_find(fuzz_st, label, "2026-11-23", &again) != STORE_OK || again.id != p.id)
		fuzz_fail(T, "a period's label does not find it again");
	if (strlen(spec) > 5 && isdigit((unsigned char)spec[0]) &&
	    (spec[4] == '-' || spec[4] == '/') && p.start_year != atoi(spec))
		fuzz_fail(T, "a period found in another year than the one written");
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_school_open();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;

	text = fuzz_cstring(data, size);
	check_date(text);
	check_period(text);
	free(text);
	return 0;
}
