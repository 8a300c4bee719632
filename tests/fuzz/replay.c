/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay: a fuzz target as an ordinary test, without libFuzzer.
 *
 * Built once per target (FUZZ_NAME, e.g. "csv") with any compiler and run by
 * `make check`: every seed in tests/fuzz/corpus/NAME goes through the
 * target's LLVMFuzzerTestOneInput(), so the invariants the fuzzer checks
 * hold on the real files in every build, the sanitizer run included. A
 * broken invariant aborts with its message after the "# seed:" line that
 * names the file; a crash found by fuzzing becomes a regression test by
 * saving its input in the corpus.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#pragma weak LLVMFuzzerInitialize

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay(const char *path)
{
	FILE *f = NULL;
	char *buf = NULL;
	size_t len = 0, cap = 4096, got;
	int rc = -1;

	if ((f = fopen(path, "rb")) == NULL || (buf = malloc(cap)) == NULL)
		goto out;
	while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			char *grown = realloc(buf, cap * 2);

			if (grown == NULL)
				goto out;
			buf = grown;
			cap *= 2;
		}
	}
	if (ferror(f))
		goto out;
	printf("# seed: %s (%zu bytes)\n", path, len);
	fflush(stdout);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(buf);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *srcdir = getenv("top_srcdir");
	char dir[4096], path[8192], **names = NULL;
	struct dirent *de = NULL;
	DIR *d = NULL;
	size_t n = 0, i;
	int failed = 0;

	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", srcdir != NULL ? srcdir : ".",
	    FUZZ_NAME);
	if ((d = opendir(dir)) == NULL) {
		printf("Bail out! cannot read the seeds in %s: %s (run me from make check)\n",
		    dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		char **more = NULL;

		if (de->d_name[0] == '.')
			continue;
		if ((more = realloc(names, (n + 1) * sizeof *names)) == NULL ||
		    (more[n] = strdup(de->d_name)) == NULL) {
			printf("Bail out! out of memory\n");
			return 1;
		}
		names = more;
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (replay(path) != 0) {
			printf("not ok %zu - fuzz_%s seed %s cannot be read\n", i + 1, FUZZ_NAME,
			    names[i]);
			failed = 1;
		} else
			printf("ok %zu - fuzz_%s keeps its promises on seed %s\n", i + 1,
			    FUZZ_NAME, names[i]);
		free(names[i]);
	}
	free(names);
	printf("1..%zu\n", n);
	return failed;
}
