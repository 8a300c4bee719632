/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log: the hook behind log_msg(). See log.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static void
log_stderr(enum log_level level, const char *msg)
{
	if (level <= LOG_WARN)
		fprintf(stderr, "dapter: %s\n", msg);
}

static log_hook hook = log_stderr;

void
log_set_hook(log_hook h)
{
	hook = h != NULL ? h : log_stderr;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	hook(level, buf);
}
