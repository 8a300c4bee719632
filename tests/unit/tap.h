/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tap: the few lines of the Test Anything Protocol our unit tests need.
 * Each test program prints "ok N - name" / "not ok N - name" and ends with
 * tap_done(), which prints the plan and returns the exit status for main().
 */
#ifndef DAPTER_TAP_H
#define DAPTER_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int
tap_ok(int cond, const char *name)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
	if (!cond)
		tap_failed++;
	return cond;
}

static inline int
tap_is_str(const char *got, const char *want, const char *name)
{
	int same = got != NULL && want != NULL ? strcmp(got, want) == 0 : got == want;

	if (!tap_ok(same, name))
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got ? got : "(null)",
		    want ? want : "(null)");
	return same;
}

static inline int
tap_is_int(long long got, long long want, const char *name)
{
	if (!tap_ok(got == want, name)) {
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
		return 0;
	}
	return 1;
}

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
