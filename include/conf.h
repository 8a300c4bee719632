/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * conf: /etc/dapter/dapter.conf, what a school's server is set up with.
 *
 * One "key = value" a line ('#' starts a comment): db, listen, port and the
 * limits of `serve` (max-sessions, login-grace, detach-timeout, link-timeout),
 * its SSH compression (compression = yes, no or client), backup-dir, and host
 * (the name users reach the server by, for the commands the Reports screen
 * shows). The command line and $DAPTER_DB win over the file; the file wins
 * over the built-in defaults, so `dapter user list` run on the server finds
 * the school without --db. $DAPTER_CONF names another file ("" for none).
 */
#ifndef DAPTER_CONF_H
#define DAPTER_CONF_H

#include <stddef.h>

/* The file read: $DAPTER_CONF when set, else SYSCONFDIR/dapter/dapter.conf. */
const char *conf_path(void);

/*
 * Reads the file once (later calls return the first result). A missing file
 * is no error. Returns 0, or -1 with "PATH:LINE: message" (translated) in err.
 */
int conf_load(char *err, size_t errsize);

/* The value of a key from the file, or NULL when the file does not set it. */
const char *conf_get(const char *key);

#endif
