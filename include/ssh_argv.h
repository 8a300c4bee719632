/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_argv: an SSH exec request's command string split into words.
 *
 * The server never runs a shell: the words go straight to dapter's own
 * command line. Quoting follows the POSIX shell's simple cases, so that
 * `ssh school marks export "7 Ә" Алгебра` means what it looks like:
 * single quotes keep everything, double quotes keep everything but \" \\ \$ \`,
 * a backslash outside quotes keeps the next byte, blanks separate words.
 */
#ifndef DAPTER_SSH_ARGV_H
#define DAPTER_SSH_ARGV_H

#include <stddef.h>

#define SSH_ARGV_MAX	64	/* words */

/*
 * Splits `cmd` into a NULL-terminated array of malloc'd words (free with
 * ssh_argv_free). Returns 0, or -1 for an unclosed quote, a trailing
 * backslash, too many words, or no memory.
 */
int ssh_argv_split(const char *cmd, char ***argv, int *argc);
void ssh_argv_free(char **argv);

#endif
