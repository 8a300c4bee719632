/*
 * server_log: the server's log lines (server.h), in the library rather than
 * the server module: every process of the server writes them, and the unit
 * tests reach them without libssh.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

void
server_log(const char *fmt, ...)
{
	char line[1024];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;
	int n;

	gmtime_r(&now, &tm);
	n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02dZ dapter[%ld]: ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long)getpid());
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	/* One write per line, so lines of several processes never mix. */
	n = (int)strlen(line);
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}

void
server_log_limited(struct server_log_limit *lim, const char *fmt, ...)
{
	char line[900];
	time_t now = time(NULL);
	va_list ap;

	if (now == lim->last) {
		lim->quiet++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (lim->quiet > 0)
		server_log("%s (and %ld more like it not logged)", line, lim->quiet);
	else
		server_log("%s", line);
	lim->last = now;
	lim->quiet = 0;
}
