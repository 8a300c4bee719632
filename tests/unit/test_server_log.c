/* The server's log: a line a client can cause at will is limited to one a second. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
		server_log_limited(&lim, "refused a connection from %s: %s", "10.0.0.1", "full");
	n = lines_since(f, 0, last, sizeof last);
	tap_ok(n == 1, "1000 refusals in one second make one line");
	tap_ok(strstr(last, "refused a connection from 10.0.0.1: full") != NULL,
	    "the line says what happened");
	t0 = time(NULL);
	while (time(NULL) == t0)
		usleep(1000);
	server_log_limited(&lim, "refused a connection from %s: %s", "10.0.0.2", "full");
	n = lines_since(f, 0, last, sizeof last);
	tap_ok(n == 2, "the next second gets its line");
	tap_ok(strstr(last, "10.0.0.2: full (and 999 more like it not logged)") != NULL,
	    "which counts the lines left out");
	fclose(f);
	return tap_done();
}
