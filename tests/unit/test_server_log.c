/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server's log: a line a client can cause at will is limited to one a second. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server.h"
#include "tap.h"

/* Lines written to stderr (a temp file) since `from`; the last one in `last`. */
static int
lines_since(FILE *f, long from, char *last, size_t lastsize)
{
	char line[2048];
	int n = 0;

	fflush(stderr);
	if (fseek(f, from, SEEK_SET) != 0)
		return -1;
	last[0] = '\0';
	while (fgets(line, sizeof line, f) != NULL) {
		n++;
		snprintf(last, lastsize, "%s", line);
	}
	return n;
}

int
main(void)
{
	struct server_log_limit lim = { 0, 0 };
	char path[] = "/tmp/dapter-log-XXXXXX", last[2048];
	FILE *f = NULL;
	time_t t0;
	int fd, i, n;

	if ((fd = mkstemp(path)) == -1 || dup2(fd, STDERR_FILENO) == -1 ||
	    (f = fopen(path, "r")) == NULL) {
		printf("Bail out! no temp file\n");
		return 1;
	}
	unlink(path);
	/* Start at the beginning of a second, so the flood stays within it. */
	t0 = time(NULL);
	while (time(NULL) == t0)
		usleep(1000);
	for (i = 0; i < 1000; i++)
		server_log_limited(&lim, SERVER_LOG_WARNING, "refused a connection from %s: %s",
		    "10.0.0.1", "full");
	n = lines_since(f, 0, last, sizeof last);
	tap_ok(n == 1, "1000 refusals in one second make one line");
	tap_ok(strstr(last, "refused a connection from 10.0.0.1: full") != NULL,
	    "the line says what happened");
	t0 = time(NULL);
	while (time(NULL) == t0)
		usleep(1000);
	server_log_limited(&lim, SERVER_LOG_WARNING, "refused a connection from %s: %s",
	    "10.0.0.2", "full");
	n = lines_since(f, 0, last, sizeof last);
	tap_ok(n == 2, "the next second gets its line");
	tap_ok(strstr(last, "10.0.0.2: full (and 999 more like it not logged)") != NULL,
	    "which counts the lines left out");

	/* Plain text, as before, when stderr is not the journal. */
	if (unsetenv("JOURNAL_STREAM") != 0)
		printf("# unsetenv failed\n");
	server_log(SERVER_LOG_INFO, "login %s", "aigerim");
	lines_since(f, 0, last, sizeof last);
	tap_ok(last[0] != '<' && strstr(last, "Z dapter[") != NULL,
	    "on a file: no priority, a time stamp and the pid");
	/* A JOURNAL_STREAM inherited with stderr sent elsewhere is not the journal. */
	setenv("JOURNAL_STREAM", "1:1", 1);
	server_log(SERVER_LOG_ERR, "fork: %s", "no memory");
	lines_since(f, 0, last, sizeof last);
	tap_ok(last[0] != '<', "JOURNAL_STREAM naming another file: still plain text");
	/* stderr is the stream JOURNAL_STREAM names: journald's priority prefixes. */
	{
		struct stat st;
		char js[64], name[64];
		static const struct {
			enum server_log_level level;
			const char *want;
		} cases[] = {
			{ SERVER_LOG_ERR, "<3>fork failed\n" },
			{ SERVER_LOG_WARNING, "<4>fork failed\n" },
			{ SERVER_LOG_NOTICE, "<5>fork failed\n" },
			{ SERVER_LOG_INFO, "<6>fork failed\n" },
		};
		size_t k;

		if (fstat(STDERR_FILENO, &st) != 0) {
			printf("Bail out! fstat\n");
			return 1;
		}
		snprintf(js, sizeof js, "%llu:%llu", (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino);
		setenv("JOURNAL_STREAM", js, 1);
		for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			server_log(cases[k].level, "fork failed");
			lines_since(f, 0, last, sizeof last);
			snprintf(name, sizeof name, "journal: level %d starts \"%.3s\"",
			    (int)cases[k].level, cases[k].want);
			tap_ok(strcmp(last, cases[k].want) == 0, name);
		}
		lim.last = 0;
		lim.quiet = 0;
		server_log_limited(&lim, SERVER_LOG_NOTICE, "refused a channel");
		lines_since(f, 0, last, sizeof last);
		tap_ok(strncmp(last, "<5>refused a channel", 20) == 0,
		    "a limited line carries its priority too");
	}
	fclose(f);
	return tap_done();
}
