/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_argv: the splitter of exec command strings. See ssh_argv.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ssh_argv.h"

void
ssh_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

int
ssh_argv_split(const char *cmd, char ***argv_out, int *argc_out)
{
	char **argv = NULL, *word = NULL;
	const char *p = cmd;
	size_t len = 0;
	int argc = 0, in_word = 0, rc = -1;

	*argv_out = NULL;
	*argc_out = 0;
	if ((argv = calloc(SSH_ARGV_MAX + 1, sizeof *argv)) == NULL)
		goto out;
	/* Every word is shorter than the whole string: one buffer fits any. */
	if ((word = malloc(strlen(cmd) + 1)) == NULL)
		goto out;
	for (;;) {
		char c = *p;

		if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				if (argc == SSH_ARGV_MAX)
					goto out;
				word[len] = '\0';
				if ((argv[argc] = strdup(word)) == NULL)
					goto out;
				argc++;
				in_word = 0;
				len = 0;
			}
			if (c == '\0')
				break;
			p++;
			continue;
		}
		in_word = 1;
		if (c == '\\') {
			if (p[1] == '\0')
				goto out;
			word[len++] = p[1];
			p += 2;
		} else if (c == '\'') {
			for (p++; *p != '\'' && *p != '\0'; p++)
				word[len++] = *p;
			if (*p == '\0')
				goto out;
			p++;
		} else if (c == '"') {
			for (p++; *p != '"' && *p != '\0'; p++) {
				if (*p == '\\' && p[1] != '\0' && strchr("\"\\$`", p[1]) != NULL)
					p++;
				word[len++] = *p;
			}
			if (*p == '\0')
				goto out;
			p++;
		} else
			word[len++] = *p++;
	}
	*argv_out = argv;
	*argc_out = argc;
	argv = NULL;
	rc = 0;
out:
	free(word);
	ssh_argv_free(argv);
	return rc;
}
