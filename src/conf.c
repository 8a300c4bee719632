/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * conf: the server's configuration file. See conf.h.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "i18n.h"

#define CONF_LINE_MAX	1024

/* The keys a file may set: a typo is an error, never a silently ignored limit. */
static const char *const conf_keys[] = {
	"db", "listen", "port", "max-sessions", "login-grace", "detach-timeout",
	"link-timeout", "max-startups", "max-startups-per-address", "detached-per-user",
	"detached-max-total", "backup-dir", "penalties", "penalty-exempt", "host", "compression",
	NULL,
};

static char *conf_values[sizeof conf_keys / sizeof conf_keys[0]];
static int conf_loaded;		/* 0: not yet; 1: done; -1: failed */
static char conf_error[512];

const char *
conf_path(void)
{
	const char *env = getenv("DAPTER_CONF");

	return env != NULL ? env : SYSCONFDIR "/dapter/dapter.conf";
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
	    end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* One line: 0 when it is blank, a comment or a known key; -1 with the message. */
static int
conf_line(char *line, char *err, size_t errsize)
{
	char *key, *value, *eq;
	size_t i;

	key = trim(line);
	if (*key == '\0' || *key == '#')
		return 0;
	if ((eq = strchr(key, '=')) == NULL) {
		snprintf(err, errsize, "%s", _("expected \"key = value\""));
		return -1;
	}
	*eq = '\0';
	key = trim(key);
	value = trim(eq + 1);
	for (i = 0; conf_keys[i] != NULL; i++) {
		if (strcmp(conf_keys[i], key) != 0)
			continue;
		free(conf_values[i]);
		if ((conf_values[i] = strdup(value)) == NULL) {
			snprintf(err, errsize, "%s", strerror(ENOMEM));
			return -1;
		}
		return 0;
	}
	snprintf(err, errsize, _("unknown setting \"%.64s\""), key);
	return -1;
}

int
conf_load(char *err, size_t errsize)
{
	const char *path = conf_path();
	char line[CONF_LINE_MAX], why[256];
	FILE *f = NULL;
	size_t n = 0;

	if (conf_loaded != 0)
		goto out;
	conf_loaded = 1;
	if (*path == '\0')
		goto out;
	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT) {
			snprintf(conf_error, sizeof conf_error, "%s: %s", path, strerror(errno));
			conf_loaded = -1;
		}
		goto out;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(conf_error, sizeof conf_error, _("%s:%zu: the line is too long"),
			    path, n);
			conf_loaded = -1;
			break;
		}
		if (conf_line(line, why, sizeof why) != 0) {
			snprintf(conf_error, sizeof conf_error, "%s:%zu: %s", path, n, why);
			conf_loaded = -1;
			break;
		}
	}
	if (conf_loaded == 1 && ferror(f)) {
		snprintf(conf_error, sizeof conf_error, "%s: %s", path, strerror(errno));
		conf_loaded = -1;
	}
out:
	if (f != NULL)
		fclose(f);
	if (conf_loaded < 0)
		snprintf(err, errsize, "%s", conf_error);
	return conf_loaded < 0 ? -1 : 0;
}

const char *
conf_get(const char *key)
{
	size_t i;

	for (i = 0; conf_keys[i] != NULL; i++)
		if (strcmp(conf_keys[i], key) == 0)
			return conf_values[i] != NULL && *conf_values[i] != '\0' ? conf_values[i] :
			    NULL;
	return NULL;
}
