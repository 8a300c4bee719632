/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_iin: the ИИН's check digit, normalising and masking (iin.h). */
#include <stdio.h>
#include <string.h>

#include "iin.h"
#include "tap.h"

static const struct {
	const char *iin;
	int valid;
	const char *why;
} checks[] = {
	{ "100101500002", 1, "check digit by the first weights (1..11)" },
	{ "100101500003", 0, "a wrong check digit" },
	{ "100101000107", 1, "first sum 10: check digit by the second weights (3..11, 1, 2)" },
	{ "100101000100", 0, "the second weights' digit, but wrong" },
	{ "100101000170", 0, "both sums 10: no valid IIN has this stem" },
	{ "100101000171", 0, "both sums 10, another last digit" },
	{ "10010150000", 0, "11 digits" },
	{ "1001015000021", 0, "13 digits" },
	{ "10010150000a", 0, "a letter" },
	{ "", 0, "empty" },
};

int
main(void)
{
	char out[32], name[160];
	size_t i;

	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		snprintf(name, sizeof name, "iin_valid: %s", checks[i].why);
		tap_is_int(iin_valid(checks[i].iin), checks[i].valid, name);
	}
	tap_is_int(iin_valid(NULL), 0, "iin_valid: NULL");
	tap_ok(iin_normalize("100101 500 002", out, sizeof out) == 0 &&
	    strcmp(out, "100101500002") == 0, "iin_normalize: spaces typed inside are dropped");
	tap_ok(iin_normalize("100101-500002", out, sizeof out) == 0 &&
	    strcmp(out, "100101500002") == 0, "iin_normalize: and dashes");
	tap_is_int(iin_normalize("1001015000", out, sizeof out), -1, "iin_normalize: too short");
	tap_is_int(iin_normalize("1001015000020", out, sizeof out), -1,
	    "iin_normalize: too long");
	tap_is_int(iin_normalize("100101500002", out, 12), -1,
	    "iin_normalize: no room for the terminator");
	iin_mask("100101500002", out, sizeof out);
	tap_is_str(out, "********0002", "iin_mask: the last four digits only");
	iin_mask("", out, sizeof out);
	tap_is_str(out, "", "iin_mask: no IIN, nothing");
	return tap_done();
}
