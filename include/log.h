/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log: where modules say what went wrong.
 *
 * Library code never prints: it calls log_msg(), and whoever runs it (the
 * command line, the curses UI, the SSH server, a test) installs the hook
 * that decides where the words go (stderr, the status line, syslog, nowhere).
 */
#ifndef DAPTER_LOG_H
#define DAPTER_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

typedef void (*log_hook)(enum log_level level, const char *msg);

/* Installs a hook; NULL restores the default (stderr, errors and warnings). */
void log_set_hook(log_hook hook);

void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
