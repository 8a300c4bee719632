/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_sums: sha256sums_line() on every line of any SHA256SUMS file.
 *
 * `dapter archive verify DIR` reads DIR/SHA256SUMS, which whoever handed
 * over the archive wrote, and opens the files it names. Checked: a line
 * accepted has 64 lower-case hex digits, a mode character and a name that
 * is inside the line, not empty, not absolute and without "..", so verify
 * never reads outside DIR; a refused line names no file.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sha256.h"

#define T "fuzz_sums"

static void
check_line(const char *line)
{
	const char *name = NULL;
	size_t i;
	int rc;

	rc = sha256sums_line(line, &name);
	if (rc != SHA256SUMS_OK) {
		if (rc != SHA256SUMS_MALFORMED && rc != SHA256SUMS_OUTSIDE)
			fuzz_fail(T, "an unknown result");
		if (name != NULL)
			fuzz_fail(T, "a refused line names a file");
		return;
	}
	if (name != line + 66)
		fuzz_fail(T, "the name is not where sha256sum writes it");
	for (i = 0; i < 64; i++)
		if (strchr("0123456789abcdef", line[i]) == NULL || line[i] == '\0')
			fuzz_fail(T, "an accepted line without 64 hex digits");
	if (line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
		fuzz_fail(T, "an accepted line without the mode separator");
	if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") != NULL)
		fuzz_fail(T, "an accepted name that is empty or leaves the archive");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL, *line = NULL, *nl = NULL;

	text = fuzz_cstring(data, size);
	for (line = text; line != NULL; line = nl != NULL ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		check_line(line);
	}
	free(text);
	return 0;
}
