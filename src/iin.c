/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * iin: the ИИН's check digit. See iin.h.
 *
 * The rule of the national registry: weigh the first 11 digits by 1..11
 * and take the sum modulo 11; when that is 10, weigh them again by
 * 3..11, 1, 2; a second 10 means no valid IIN has this stem. The result is
 * the 12th digit.
 */
#include <stdio.h>
#include <string.h>

#include "iin.h"

static int
weighted(const char *s, int first)
{
	int sum = 0, i, w;

	for (i = 0; i < IIN_LEN - 1; i++) {
		w = (first + i - 1) % 11 + 1;
		sum += (s[i] - '0') * w;
	}
	return sum % 11;
}

int
iin_valid(const char *s)
{
	int i, check;

	if (s == NULL || strlen(s) != IIN_LEN)
		return 0;
	for (i = 0; i < IIN_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if ((check = weighted(s, 1)) == 10 && (check = weighted(s, 3)) == 10)
		return 0;
	return check == s[IIN_LEN - 1] - '0';
}

int
iin_normalize(const char *s, char *out, size_t outsize)
{
	size_t n = 0;

	if (outsize < IIN_LEN + 1)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (n == IIN_LEN) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = *s;
	}
	out[n] = '\0';
	if (n == IIN_LEN)
		return 0;
	out[0] = '\0';
	return -1;
}

void
iin_mask(const char *iin, char *out, size_t outsize)
{
	size_t n = strlen(iin);

	if (n < 4) {
		snprintf(out, outsize, "%s", n == 0 ? "" : "****");
		return;
	}
	snprintf(out, outsize, "********%s", iin + n - 4);
}
