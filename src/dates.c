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

int
date_parse(const char *in, char out[11])
{
	int y = 0, m = 0, d = 0, n = 0;

	if (in == NULL)
		return 0;
	if (sscanf(in, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 && in[n] == '\0')
		;
	else if (sscanf(in, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && n == 10 && in[n] == '\0')
		;
	else
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
