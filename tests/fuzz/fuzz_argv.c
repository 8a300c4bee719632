/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_argv: ssh_argv_split() of any exec request.
 *
 * The exec string comes from the network before anyone is trusted with a
 * command, so the splitter must take any bytes. Checked: a split is
 * NULL-terminated and within SSH_ARGV_MAX words, and the words, quoted back
 * the way a shell would (single quotes, ' as '\''), split into the same
 * words again, so what the client meant is what the server runs.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ssh_argv.h"

#define T "fuzz_argv"

static char *
quote_words(char **argv, int argc)
{
	size_t len = 1;
	char *s = NULL, *w = NULL;
	const char *p = NULL;
	int i;

	for (i = 0; i < argc; i++)
		len += 4 * strlen(argv[i]) + 3;
	if ((s = malloc(len)) == NULL)
		abort();
	w = s;
	for (i = 0; i < argc; i++) {
		if (i > 0)
			*w++ = ' ';
		*w++ = '\'';
		for (p = argv[i]; *p != '\0'; p++) {
			if (*p == '\'') {
				memcpy(w, "'\\''", 4);
				w += 4;
			} else
				*w++ = *p;
		}
		*w++ = '\'';
	}
	*w = '\0';
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **argv = NULL, **again = NULL, *text = NULL, *quoted = NULL;
	int argc = 0, argc2 = 0, i;

	text = fuzz_cstring(data, size);
	if (ssh_argv_split(text, &argv, &argc) != 0) {
		if (argv != NULL)
			fuzz_fail(T, "a refused command left words behind");
		goto out;
	}
	if (argc < 0 || argc > SSH_ARGV_MAX || argv == NULL || argv[argc] != NULL)
		fuzz_fail(T, "words not NULL-terminated or too many");
	for (i = 0; i < argc; i++)
		if (argv[i] == NULL)
			fuzz_fail(T, "a NULL word");
	quoted = quote_words(argv, argc);
	if (ssh_argv_split(quoted, &again, &argc2) != 0)
		fuzz_fail(T, "the words quoted back do not split");
	if (argc2 != argc)
		fuzz_fail(T, "the words quoted back split into another number of words");
	for (i = 0; i < argc; i++)
		if (strcmp(again[i], argv[i]) != 0)
			fuzz_fail(T, "a word quoted back splits differently");
out:
	ssh_argv_free(argv);
	ssh_argv_free(again);
	free(quoted);
	free(text);
	return 0;
}
