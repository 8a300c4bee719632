/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server_log: the server's log lines (server.h), in the library rather than
 * the server module: every process of the server writes them, and the unit
 * tests reach them without libssh.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

/*
 * 1 if stderr is the journal's stream: systemd sets $JOURNAL_STREAM to its
 * "DEVICE:INODE", and a child whose stderr was redirected elsewhere inherits
 * the variable, so the variable alone is not enough (sd-daemon(3)).
 */
static int
log_to_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (js == NULL || sscanf(js, "%llu:%llu", &dev, &ino) != 2)
		return 0;
	if (fstat(STDERR_FILENO, &st) != 0)
		return 0;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static void
log_line(enum server_log_level level, const char *fmt, va_list ap)
{
	char line[1024];
	struct tm tm;
	time_t now = time(NULL);
	int n;

	if (log_to_journal()) {
		/* journald stamps the time and the pid itself. */
		n = snprintf(line, sizeof line, "<%d>", (int)level);
	} else {
		gmtime_r(&now, &tm);
		n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02dZ dapter[%ld]: ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, (long)getpid());
	}
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	/* One write per line, so lines of several processes never mix. */
	n = (int)strlen(line);
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}

void
server_log(enum server_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(level, fmt, ap);
	va_end(ap);
}

void
server_log_limited(struct server_log_limit *lim, enum server_log_level level, const char *fmt,
    ...)
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
		server_log(level, "%s (and %ld more like it not logged)", line, lim->quiet);
	else
		server_log(level, "%s", line);
	lim->last = now;
	lim->quiet = 0;
}
