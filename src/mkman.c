/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mkman: writes dapter(1) from man/dapter.1.in and the command table, so the
 * manual lists exactly the commands `dapter help` does (run by make).
 *
 * Copies standard input to standard output; the line "@COMMANDS@" becomes one
 * entry a command: its words and arguments, its summary and its help.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Text for roff: backslashes and hyphens escaped, no line starting a request. */
static void
roff_text(const char *s)
{
	int line_start = 1;

	for (; *s != '\0'; s++) {
		if (line_start && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		line_start = *s == '\n';
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static void
commands(void)
{
	size_t i;

	for (i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd *c = cmd_table[i];

		/* The tag is one line: the command's words in bold, then its arguments. */
		fputs(".TP\n\\fBdapter ", stdout);
		roff_text(c->name);
		fputs("\\fR ", stdout);
		roff_text(c->args);
		fputs("\n", stdout);
		roff_text(c->summary);
		fputs("\n", stdout);
		if (c->help != NULL) {
			fputs(".IP\n", stdout);
			roff_text(c->help);
			fputs("\n", stdout);
		}
	}
}

int
main(void)
{
	char line[4096];

	while (fgets(line, sizeof line, stdin) != NULL) {
		if (strcmp(line, "@COMMANDS@\n") == 0)
			commands();
		else
			fputs(line, stdout);
	}
	return ferror(stdin) || fflush(stdout) != 0 ? 1 : 0;
}
