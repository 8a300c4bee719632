/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_check: `dapter check`, the health a monitor polls.
 *
 * One line a finding ("ok" or "FAIL", then what was looked at), exit 0 when
 * every finding is ok, else 1: the database opens and passes quick_check, the
 * disk under it has room, the newest backup is recent, the host keys are
 * private, and the clock has not gone back behind the audit log.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "i18n.h"

#define CHECK_DISK_MIN	(512LL * 1024 * 1024)	/* bytes free under the database */
#define CHECK_BACKUP_AGE	(26 * 3600)	/* a nightly backup, with two hours' slack */
#define CHECK_CLOCK_SLACK	300	/* seconds the clock may be behind the last record */

struct check {
	struct cmd_ctx *ctx;
	int failed;
};

static void check_say(struct check *c, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
check_say(struct check *c, int ok, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(c->ctx->out, "%s ", ok ? "ok  " : "FAIL");
	cmd_put(c->ctx, line);
	fputc('\n', c->ctx->out);
	if (!ok)
		c->failed = 1;
}

static void
check_database(struct check *c)
{
	int rc = store_quick_check(c->ctx->st);

	if (rc == STORE_OK)
		check_say(c, 1, _("database %s: quick_check holds"), c->ctx->db_path);
	else
		check_say(c, 0, _("database %s: %s"), c->ctx->db_path, store_error(c->ctx->st));
}

static void
check_disk(struct check *c)
{
	struct statvfs vfs;
	char dir[4096];
	long long free_bytes;

	cmd_path_dir(c->ctx->db_path, dir, sizeof dir);
	if (statvfs(dir, &vfs) != 0) {
		check_say(c, 0, _("disk under %s: %s"), dir, strerror(errno));
		return;
	}
	free_bytes = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
	check_say(c, free_bytes >= CHECK_DISK_MIN, _("disk under %s: %lld MB free (%lld MB needed)"),
	    dir, free_bytes / (1024 * 1024), CHECK_DISK_MIN / (1024 * 1024));
}

/* The newest dapter-*.db in dir: its modification time, or 0 when there is none. */
static time_t
newest_backup(const char *dir, char *name, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e = NULL;
	struct stat sb;
	time_t newest = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (cmd_backup_copy(dir, e->d_name, &sb) && sb.st_mtime > newest) {
			newest = sb.st_mtime;
			snprintf(name, size, "%s", e->d_name);
		}
	}
	closedir(d);
	return newest;
}

static void
check_backup(struct check *c, const char *dir)
{
	char name[256] = "";
	time_t when;
	long hours;

	if (dir == NULL) {
		check_say(c, 0, _("backups: no backup directory (backup-dir in %s, or "
		    "--backup-dir)"), conf_path());
		return;
	}
	if ((when = newest_backup(dir, name, sizeof name)) == 0) {
		check_say(c, 0, _("backups: none in %s"), dir);
		return;
	}
	hours = (long)((time(NULL) - when) / 3600);
	check_say(c, time(NULL) - when <= CHECK_BACKUP_AGE,
	    _("backups: the newest, %s/%s, is %ld hours old (26 at most)"), dir, name, hours);
}

/* The host keys serve makes beside the database: only their owner may read them. */
static void
check_hostkeys(struct check *c)
{
	const char *names[] = { "ssh_host_ed25519_key", "ssh_host_rsa_key", NULL };
	char dir[4096], path[4200];
	struct stat sb;
	size_t i;

	snprintf(dir, sizeof dir, "%s.keys", c->ctx->db_path);
	if (stat(dir, &sb) != 0) {
		check_say(c, 1, _("host keys: none yet in %s (serve makes them)"), dir);
		return;
	}
	if ((sb.st_mode & 077) != 0) {
		check_say(c, 0, _("host keys: %s can be read by others (chmod 700)"), dir);
		return;
	}
	for (i = 0; names[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &sb) == 0 && (sb.st_mode & 077) != 0) {
			check_say(c, 0, _("host keys: %s can be read by others (chmod 600)"), path);
			return;
		}
	}
	check_say(c, 1, _("host keys: %s is private"), dir);
}

static int
keep_record(const struct audit_record *r, void *arg)
{
	*(struct audit_record *)arg = *r;
	return 0;
}

/*
 * The head of the audit chain (id and hash, to compare with a printed or
 * signed one), and the clock against it: a clock gone back would date marks
 * before the records they follow.
 */
static void
check_audit_and_clock(struct check *c)
{
	struct audit_filter newest = { NULL, NULL, NULL, NULL, 1 };
	struct audit_record head;
	const char *last = "";
	char now_text[32], slack_text[32];
	time_t now = time(NULL);
	struct tm tm;

	memset(&head, 0, sizeof head);
	if (store_audit_each(c->ctx->st, &newest, keep_record, &head) != STORE_OK) {
		check_say(c, 0, _("audit: %s"), store_error(c->ctx->st));
		return;
	}
	if (head.id > 0) {
		last = head.at;
		check_say(c, 1, _("audit: head %lld:%s"), (long long)head.id, head.hash);
	} else
		check_say(c, 1, _("audit: no records yet"));
	gmtime_r(&now, &tm);
	strftime(now_text, sizeof now_text, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (tm.tm_year + 1900 < 2024) {
		check_say(c, 0, _("clock: %s is before 2024; set the date"), now_text);
		return;
	}
	/* Records are written by this clock: later than now plus slack means it went back. */
	now += CHECK_CLOCK_SLACK;
	gmtime_r(&now, &tm);
	strftime(slack_text, sizeof slack_text, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (strcmp(slack_text, last) < 0)
		check_say(c, 0, _("clock: UTC %s, before the last audit record (%s)"), now_text,
		    last);
	else
		check_say(c, 1, _("clock: UTC %s, after the last audit record"), now_text);
}

static int
run_check(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *backup_dir = NULL;
	const struct cmd_opt opts[] = {
		{ "--backup-dir", &backup_dir, NULL }, { NULL, NULL, NULL },
	};
	struct check c = { ctx, 0 };
	char err[512];
	int rc;

	if (conf_load(err, sizeof err) != 0) {
		cmd_error(ctx, "%s", err);
		return CMD_FAIL;
	}
	backup_dir = conf_get("backup-dir");
	if ((rc = cmd_args(ctx, &cmd_check, argc, argv, opts, NULL, 0, 0, NULL)) != CMD_OK)
		return rc;
	check_database(&c);
	check_disk(&c);
	check_backup(&c, backup_dir);
	check_hostkeys(&c);
	check_audit_and_clock(&c);
	return c.failed ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_check = {
	"check", "[--backup-dir DIR]",
	N_("The server's health, for a monitor: one line a finding, exit 1 when one fails."),
	N_("Checks that the database opens and passes PRAGMA quick_check, that the disk under "
	"it has 512 MB free, that the newest backup (backup-dir in the configuration file, or "
	"--backup-dir) is at most 26 hours old, that the host keys are private, and that the "
	"clock is not behind the last audit record."),
	CMD_OPERATOR, 0, run_check,
};
