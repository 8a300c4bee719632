/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dates: calendar dates as the journal writes them (YYYY-MM-DD), parsed
 * from what people type (also DD.MM.YYYY, as Russian and Kazakh forms do).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* 1 when in[0..n) are all digits: sscanf's %d alone would take signs and spaces. */
static int
digits(const char *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (in[i] < '0' || in[i] > '9')
			return 0;
	return 1;
}

int
date_parse(const char *in, char out[11])
{
	int y = 0, m = 0, d = 0;

	if (in == NULL || strlen(in) != 10)
		return 0;
	if (digits(in, 4) && in[4] == '-' && digits(in + 5, 2) && in[7] == '-' &&
	    digits(in + 8, 2)) {
		y = atoi(in);
		m = atoi(in + 5);
		d = atoi(in + 8);
	} else if (digits(in, 2) && in[2] == '.' && digits(in + 3, 2) && in[5] == '.' &&
	    digits(in + 6, 4)) {
		d = atoi(in);
		m = atoi(in + 3);
		y = atoi(in + 6);
	} else
		return 0;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 1;
}

void
store_today(char out[11])
{
	const char *fixed = getenv("DAPTER_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (fixed != NULL && date_parse(fixed, out))
		return;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Noon: no daylight-saving shift can move the day. */
static void
date_tm(const char *date, int days, struct tm *tm)
{
	memset(tm, 0, sizeof *tm);
	tm->tm_year = atoi(date) - 1900;
	tm->tm_mon = atoi(date + 5) - 1;
	tm->tm_mday = atoi(date + 8) + days;
	tm->tm_hour = 12;
	tm->tm_isdst = -1;
	mktime(tm);
}

int
date_weekday(const char *date)
{
	struct tm tm;

	date_tm(date, 0, &tm);
	return tm.tm_wday;
}

void
date_add_days(const char *date, int days, char out[11])
{
	struct tm tm;

	date_tm(date, days, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
