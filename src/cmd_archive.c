/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_archive: backups, restore, and the yearly archive bundle.
 *
 * A journal is a legal record: a backup is worth something only when it is
 * known to open, so every copy is checked (PRAGMA integrity_check) and
 * flushed to the disk before it counts, and old copies are pruned only after
 * a new one is safe. A restore checks the copy (integrity and the audit
 * chain) before it replaces anything, and keeps the database it replaces.
 * The yearly archive must outlive dapter itself: a database snapshot, every
 * journal and summary sheet as PDF and CSV, a README in three languages and a
 * SHA256SUMS manifest that `sha256sum -c` checks without us.
 *
 * These commands touch paths on the server's disk: operator only.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "report.h"
#include "sha256.h"
#include "sshsig.h"

#define BACKUP_KEEP_DEFAULT 30

/* Flushes a file (or directory) to the disk. */
static int
fsync_path(const char *path)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static void
stamp_now(char *out, size_t outsize)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, outsize, "%Y-%m-%d-%H%M%S", &tm);
}

/* Prints a message (one line) naming paths: they may hold anything, the terminal never cares. */
static void
say(struct cmd_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct cmd_ctx *ctx, const char *fmt, ...)
{
	char buf[8192];
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	cmd_put(ctx, buf);
	fputc('\n', ctx->out);
}

/* Opens a database copy with the store and checks it; the error is printed. */
static int
check_copy(struct cmd_ctx *ctx, const char *path, int audit)
{
	struct store *st = NULL;
	int64_t bad = 0, count = 0;
	int rc;

	if ((rc = store_open(path, STORE_PRIVATE, &st)) != STORE_OK ||
	    (rc = store_integrity_check(st)) != STORE_OK ||
	    (audit && (rc = store_audit_verify(st, &bad, &count)) != STORE_OK)) {
		cmd_error(ctx, "%s: %s", path, st != NULL ? store_error(st) : strerror(ENOMEM));
		store_close(st);
		return CMD_FAIL;
	}
	store_close(st);
	return CMD_OK;
}

/* path without its ".db" (the stem its checkpoint and host keys are named by). */
static void
backup_stem(const char *path, char *out, size_t outsize)
{
	size_t len = strlen(path);

	if (len > 3 && strcmp(path + len - 3, ".db") == 0)
		len -= 3;
	snprintf(out, outsize, "%.*s", (int)len, path);
}

/* What backup writes beside DIR/NAME.db: NAME.checkpoint(.sig), NAME.keys/. */
static void
remove_sides(const char *dir, const char *name)
{
	char stem[4096], path[4200];
	DIR *d = NULL;
	struct dirent *e = NULL;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	backup_stem(path, stem, sizeof stem);
	snprintf(path, sizeof path, "%s.checkpoint", stem);
	unlink(path);
	snprintf(path, sizeof path, "%s.checkpoint.sig", stem);
	unlink(path);
	snprintf(path, sizeof path, "%s.keys", stem);
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if ((size_t)snprintf(path, sizeof path, "%s.keys/%s", stem, e->d_name) <
			    sizeof path)
				unlink(path);
		}
		closedir(d);
		snprintf(path, sizeof path, "%s.keys", stem);
		rmdir(path);
	}
}

int
cmd_backup_copy(const char *dir, const char *name, struct stat *sb)
{
	size_t len = strlen(name);
	char path[4096];

	if (strncmp(name, "dapter-", 7) != 0 || len < 10 || strcmp(name + len - 3, ".db") != 0 ||
	    (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return 0;
	return lstat(path, sb) == 0 && S_ISREG(sb->st_mode);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Deletes the oldest DIR/dapter-*.db beyond the newest `keep`. */
static int
prune_backups(struct cmd_ctx *ctx, const char *dir, long keep)
{
	DIR *d = NULL;
	struct dirent *e = NULL;
	struct stat sb;
	char **names = NULL, **grown = NULL, path[4096];
	size_t n = 0, i;
	int rc = CMD_FAIL;

	if ((d = opendir(dir)) == NULL) {
		cmd_error(ctx, _("Cannot read %s: %s."), dir, strerror(errno));
		return CMD_FAIL;
	}
	while ((e = readdir(d)) != NULL) {
		if (!cmd_backup_copy(dir, e->d_name, &sb))
			continue;
		if ((grown = realloc(names, (n + 1) * sizeof *names)) == NULL)
			goto out;
		names = grown;
		if ((names[n] = strdup(e->d_name)) == NULL)
			goto out;
		n++;
	}
	/* DATE-TIME in the names: the byte order is the time order. */
	qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i + (size_t)keep < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (unlink(path) != 0) {
			cmd_error(ctx, _("Cannot remove the old backup %s: %s."), path,
			    strerror(errno));
			goto out;
		}
		remove_sides(dir, names[i]);
	}
	rc = CMD_OK;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

static int copy_file(struct cmd_ctx *ctx, const char *from, const char *to);

/* Equal contents (a host key already in place needs no copy). */
static int
same_file(const char *a, const char *b)
{
	char x[4096], y[4096];
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	size_t n, m;
	int same = fa != NULL && fb != NULL;

	while (same && (n = fread(x, 1, sizeof x, fa)) > 0) {
		m = fread(y, 1, n, fb);
		same = m == n && memcmp(x, y, n) == 0;
	}
	if (same)
		same = fgetc(fb) == EOF && !ferror(fa);
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

/*
 * Copies the host keys (ssh_host_*) of `from` into `to` (0700), each 0600:
 * they are the server's identity. A different key already in `to` is kept
 * as NAME.before-restore-STAMP when stamp is given. No `from`: nothing to do.
 */
static int
copy_host_keys(struct cmd_ctx *ctx, const char *from, const char *to, const char *stamp)
{
	char a[4200], b[4200], kept[4300];
	DIR *d = NULL;
	struct dirent *e = NULL;
	struct stat sb;
	int rc = CMD_OK;

	if ((d = opendir(from)) == NULL) {
		if (errno == ENOENT)
			return CMD_OK;
		cmd_error(ctx, _("Cannot read %s: %s."), from, strerror(errno));
		return CMD_FAIL;
	}
	if (mkdir(to, 0700) != 0 && errno != EEXIST) {
		cmd_error(ctx, _("Cannot create %s: %s."), to, strerror(errno));
		closedir(d);
		return CMD_FAIL;
	}
	while (rc == CMD_OK && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "ssh_host_", 9) != 0 || strstr(e->d_name, ".before-") != NULL)
			continue;
		if ((size_t)snprintf(a, sizeof a, "%s/%s", from, e->d_name) >= sizeof a ||
		    (size_t)snprintf(b, sizeof b, "%s/%s", to, e->d_name) >= sizeof b ||
		    lstat(a, &sb) != 0 || !S_ISREG(sb.st_mode) || same_file(a, b))
			continue;
		if (stamp != NULL && access(b, F_OK) == 0) {
			snprintf(kept, sizeof kept, "%s.before-restore-%s", b, stamp);
			if (rename(b, kept) != 0) {
				cmd_error(ctx, _("Cannot move %s aside: %s."), b, strerror(errno));
				rc = CMD_FAIL;
				break;
			}
		}
		rc = copy_file(ctx, a, b);
	}
	closedir(d);
	if (rc == CMD_OK && fsync_path(to) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), to, strerror(errno));
		rc = CMD_FAIL;
	}
	return rc;
}

static int
run_backup(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *keep_arg = NULL;
	const struct cmd_opt opts[] = { { "--keep", &keep_arg, NULL }, { NULL, NULL, NULL } };
	char *pos[1], path[4096], stamp[32], *end = NULL, stem[4096], side[4200], keydir[4200];
	long keep = BACKUP_KEEP_DEFAULT;
	mode_t mask;
	int rc, tries;

	if ((rc = cmd_args(ctx, &cmd_backup, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if (keep_arg != NULL && ((keep = strtol(keep_arg, &end, 10)) < 1 || *end != '\0')) {
		cmd_error(ctx, _("--keep is how many backups to keep: 1 or more."));
		return CMD_USAGE;
	}
	/*
	 * The copy holds password hashes: for the operator's eyes only, from its
	 * first byte (a chmod after the copy leaves a moment in which anyone may
	 * open it, and keeps nothing from a reader who opened it then).
	 */
	mask = umask(077);
	if (mkdir(pos[0], 0700) != 0 && errno != EEXIST) {
		cmd_error(ctx, _("Cannot create %s: %s."), pos[0], strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	/* Two backups in one second would share a name and the second would
	 * overwrite the first: wait for the next second (names keep time order). */
	for (tries = 0;; tries++) {
		stamp_now(stamp, sizeof stamp);
		snprintf(path, sizeof path, "%s/dapter-%s.db", pos[0], stamp);
		if (access(path, F_OK) != 0)
			break;
		if (tries == 2) {
			cmd_error(ctx, _("%s exists already; the clock may be stuck."), path);
			rc = CMD_FAIL;
			goto out;
		}
		sleep(1);
	}
	/*
	 * The head beside the copy, signed: a later copy or the live file must
	 * still hold it. Taken before the copy, so that the copy holds it too.
	 */
	backup_stem(path, stem, sizeof stem);
	snprintf(side, sizeof side, "%s.checkpoint", stem);
	if ((rc = cmd_audit_checkpoint(ctx, side, NULL)) != CMD_OK)
		goto out;
	if ((rc = store_backup(ctx->st, path)) != STORE_OK) {
		remove_sides(pos[0], strrchr(path, '/') + 1);
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	if (check_copy(ctx, path, 0) != CMD_OK) {
		unlink(path);
		remove_sides(pos[0], strrchr(path, '/') + 1);
		cmd_error(ctx, _("The backup failed its check and was removed; the database "
		    "itself was not changed."));
		rc = CMD_FAIL;
		goto out;
	}
	/* The host keys: a server rebuilt from backups keeps the identity teachers pinned. */
	snprintf(side, sizeof side, "%s.keys", stem);
	snprintf(keydir, sizeof keydir, "%s.keys", ctx->db_path);
	if ((rc = copy_host_keys(ctx, keydir, side, NULL)) != CMD_OK)
		goto out;
	if (fsync_path(path) != 0 || fsync_path(pos[0]) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), path, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	if ((rc = prune_backups(ctx, pos[0], keep)) != CMD_OK)
		goto out;
	say(ctx, "%s", path);
	rc = CMD_OK;
out:
	umask(mask);
	return rc;
}

const struct cmd cmd_backup = {
	"backup", "DIR [--keep N]",
	N_("Copy the database into DIR as dapter-DATE-TIME.db, safely while teachers work."),
	N_("The copy is checked (integrity_check) and flushed to the disk; beside it go a "
	"signed audit checkpoint (dapter-DATE-TIME.checkpoint and .sig, see `audit head`) and "
	"the server's host keys (dapter-DATE-TIME.keys, mode 0600). Then all but the newest N "
	"backups in DIR are removed (--keep, 30 by default)."),
	CMD_OPERATOR, 0, run_backup,
};

/* Copies a file and flushes the copy to the disk. */
static int
copy_file(struct cmd_ctx *ctx, const char *from, const char *to)
{
	char buf[65536];
	FILE *in = NULL, *out = NULL;
	size_t n;
	int rc = CMD_FAIL, fd;

	if ((in = fopen(from, "rb")) == NULL) {
		cmd_error(ctx, _("Cannot open %s: %s."), from, strerror(errno));
		goto out;
	}
	if ((fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    (out = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		cmd_error(ctx, _("Cannot create %s: %s."), to, strerror(errno));
		goto out;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (ferror(in) || ferror(out) || fflush(out) != 0 || fsync(fileno(out)) != 0) {
		cmd_error(ctx, _("Cannot copy %s to %s: %s."), from, to, strerror(errno));
		goto out;
	}
	rc = CMD_OK;
out:
	if (in != NULL)
		fclose(in);
	if (out != NULL && fclose(out) != 0 && rc == CMD_OK) {
		cmd_error(ctx, _("Cannot copy %s to %s: %s."), from, to, strerror(errno));
		rc = CMD_FAIL;
	}
	return rc;
}

/*
 * A test's kill at step N of a restore (DAPTER_RESTORE_STOP=N, for
 * tests/report/backup.sh): each step must leave a database that opens, the
 * old one or the restored one.
 */
static void
restore_step(int n)
{
	const char *stop = getenv("DAPTER_RESTORE_STOP");

	if (stop != NULL && atoi(stop) == n)
		raise(SIGKILL);
}

/*
 * The replaced database's audit head. Opening and closing it (we hold its
 * lock exclusive, so ours is the last connection) also folds its WAL into
 * the file, so the file alone is the whole journal and can be kept by a
 * hard link.
 */
static int
current_head(struct cmd_ctx *ctx, const char *target, int64_t *id, char hash[65])
{
	struct store *st = NULL;
	char wal[4200];
	int rc;

	if ((rc = store_open(target, STORE_PRIVATE, &st)) != STORE_OK ||
	    (rc = store_audit_head(st, id, hash)) != STORE_OK)
		cmd_error(ctx, "%s: %s", target, st != NULL ? store_error(st) : strerror(ENOMEM));
	store_close(st);
	snprintf(wal, sizeof wal, "%s-wal", target);
	if (rc == STORE_OK && access(wal, F_OK) == 0) {
		cmd_error(ctx, _("Cannot fold %s into %s; nothing was changed."), wal, target);
		rc = STORE_FAILED;
	}
	return rc;
}

/*
 * Checks that the copy continues the replaced journal (it holds the replaced
 * head: the same history, as long or longer), then appends the restore's own
 * audit record to the copy, so that the swap itself installs it.
 */
static int
restore_audit(struct cmd_ctx *ctx, const char *copy, const char *from, int had, int force,
    int64_t id, const char *hash)
{
	struct store *st = NULL;
	char value[200], head[65], wal[4200];
	int64_t copy_id = 0;
	int rc, continues = 1;

	if ((rc = store_open(copy, STORE_PRIVATE, &st)) != STORE_OK ||
	    (rc = store_audit_head(st, &copy_id, head)) != STORE_OK)
		goto out;
	if (had && id > 0 && store_audit_anchor(st, id, hash) != STORE_OK) {
		continues = 0;
		if (!force) {
			store_close(st);
			cmd_error(ctx, _("%s does not continue the journal's audit: the journal is "
			    "at record %lld, the copy ends at %lld or differs. It is an older or "
			    "another journal; --force restores it anyway (audited)."), from,
			    (long long)id, (long long)copy_id);
			return CMD_FAIL;
		}
	}
	snprintf(value, sizeof value, "%s %lld:%s%s", had ? "replaces" : "new",
	    (long long)id, had ? hash : "", continues ? "" : " forced");
	rc = store_audit_note(st, "restore", from, value);
out:
	if (rc != STORE_OK)
		cmd_error(ctx, "%s: %s", copy, st != NULL ? store_error(st) : strerror(ENOMEM));
	store_close(st);
	snprintf(wal, sizeof wal, "%s-wal", copy);
	unlink(wal);	/* empty after the last close; never to be paired with another file */
	snprintf(wal, sizeof wal, "%s-shm", copy);
	unlink(wal);
	return rc == STORE_OK ? CMD_OK : CMD_FAIL;
}

/*
 * The swap survives a kill at any point: the copy is checked and complete
 * under PATH.restore-tmp; the replaced file gets a second name (a hard link,
 * PATH.before-restore-DATE-TIME) after its WAL is folded in; then one
 * rename() puts the copy in place. Before that rename PATH is the old
 * journal, after it the new one; never is there no database. PATH.lock,
 * held exclusive throughout, refuses a restore while any dapter process has
 * the file open and keeps new ones waiting until the swap is done.
 */
static int
run_restore(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *target = ctx->db_path;
	char *pos[1], tmp[4096], before[4096], stamp[32], dir[4096], hash[65], side[4200];
	char stem[4096], keydir[4200];
	int rc, had = 0, lock = -1, force = 0, i;
	const struct cmd_opt opts[] = { { "--force", NULL, &force }, { NULL, NULL, NULL } };
	struct stat a, b;
	int64_t id = 0;

	if ((rc = cmd_args(ctx, &cmd_restore, argc, argv, opts, pos, 1, 1, NULL)) != CMD_OK)
		return rc;
	if (ctx->remote) {
		cmd_error(ctx, _("Restore on the server itself, as its operator."));
		return CMD_DENIED;
	}
	if (stat(pos[0], &a) != 0) {
		cmd_error(ctx, _("Cannot open %s: %s."), pos[0], strerror(errno));
		return CMD_FAIL;
	}
	if (stat(target, &b) == 0) {
		had = 1;
		if (a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			cmd_error(ctx, _("%s is the database itself; name a backup."), pos[0]);
			return CMD_USAGE;
		}
	}
	if ((lock = store_lock_file(target, LOCK_EX)) < 0) {
		if (errno == EWOULDBLOCK)
			cmd_error(ctx, _("%s is open in another dapter process (serve, a session or a "
			    "command); stop them, then restore."), target);
		else
			cmd_error(ctx, _("Cannot lock %s%s: %s."), target, STORE_LOCK_SUFFIX,
			    strerror(errno));
		return CMD_FAIL;
	}
	/* Check a private copy, so the backup itself is never modified. */
	snprintf(tmp, sizeof tmp, "%s.restore-tmp", target);
	if ((rc = copy_file(ctx, pos[0], tmp)) != CMD_OK)
		goto fail;
	if (check_copy(ctx, tmp, 1) != CMD_OK) {
		cmd_error(ctx, _("%s is not a sound journal database; nothing was changed."),
		    pos[0]);
		rc = CMD_FAIL;
		goto fail;
	}
	if (had && current_head(ctx, target, &id, hash) != STORE_OK && !force) {
		cmd_error(ctx, _("The journal being replaced cannot be read; --force replaces it "
		    "anyway."));
		rc = CMD_FAIL;
		goto fail;
	}
	if ((rc = restore_audit(ctx, tmp, pos[0], had, force, id, hash)) != CMD_OK)
		goto fail;
	restore_step(1);
	stamp_now(stamp, sizeof stamp);
	backup_stem(pos[0], stem, sizeof stem);
	snprintf(side, sizeof side, "%s.keys", stem);
	snprintf(keydir, sizeof keydir, "%s.keys", target);
	if ((rc = copy_host_keys(ctx, side, keydir, stamp)) != CMD_OK)
		goto fail;
	restore_step(2);
	if (had) {
		/*
		 * The WAL is folded in (current_head); its index goes with it. Not
		 * checked: a stale index beside no WAL is rebuilt by SQLite anyway.
		 */
		snprintf(side, sizeof side, "%s-shm", target);
		unlink(side);
		/* Two restores in one second: number the second copy. */
		for (i = 1, errno = EEXIST; i < 100 && errno == EEXIST; i++) {
			if (i == 1)
				snprintf(before, sizeof before, "%s.before-restore-%s", target, stamp);
			else
				snprintf(before, sizeof before, "%s.before-restore-%s-%d", target,
				    stamp, i);
			if (link(target, before) == 0)
				errno = 0;
		}
		if (errno != 0) {
			cmd_error(ctx, _("Cannot move %s aside: %s."), target, strerror(errno));
			rc = CMD_FAIL;
			goto fail;
		}
	}
	cmd_path_dir(target, dir, sizeof dir);
	restore_step(3);
	if (fsync_path(dir) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), dir, strerror(errno));
		rc = CMD_FAIL;
		goto fail;
	}
	restore_step(4);
	if (rename(tmp, target) != 0) {
		cmd_error(ctx, _("Cannot move %s to %s: %s."), tmp, target, strerror(errno));
		rc = CMD_FAIL;
		goto fail;
	}
	restore_step(5);
	if (fsync_path(dir) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), dir, strerror(errno));
		close(lock);
		return CMD_FAIL;
	}
	close(lock);
	if (had)
		say(ctx, _("Restored %s to %s; the replaced database is %s.\n"), pos[0], target,
		    before);
	else
		say(ctx, _("Restored %s to %s.\n"), pos[0], target);
	return CMD_OK;
fail:
	unlink(tmp);
	close(lock);
	return rc;
}

const struct cmd cmd_restore = {
	"restore", "FILE [--force]",
	N_("Replace the database (--db) with a backup, after checking the backup."),
	N_("FILE must pass PRAGMA integrity_check and `audit verify`, and continue the journal's "
	"audit (hold its last record): an older copy needs --force. The restore is audited; "
	"the host keys `backup` saved beside FILE are put back. The replaced database is "
	"kept as PATH.before-restore-DATE-TIME. Refused while `dapter serve` or any session "
	"has the database open: stop them first."),
	CMD_OPERATOR, CMD_NO_DB, run_restore,
};

/* ---- the yearly archive ---- */

struct manifest {
	char **paths;		/* relative to the archive's root */
	size_t n;
};

static int
manifest_add(struct manifest *m, const char *rel)
{
	char **grown = NULL;

	if ((grown = realloc(m->paths, (m->n + 1) * sizeof *grown)) == NULL)
		return -1;
	m->paths = grown;
	if ((grown[m->n] = strdup(rel)) == NULL)
		return -1;
	m->n++;
	return 0;
}

static void
manifest_free(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->paths[i]);
	free(m->paths);
}

static int
sha256_file(const char *path, char hex[65])
{
	unsigned char buf[65536], digest[32];
	struct sha256 c;
	FILE *f = NULL;
	size_t n;
	int rc = -1;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	sha256_init(&c);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_update(&c, buf, n);
	if (!ferror(f)) {
		sha256_final(&c, digest);
		sha256_hex(digest, hex);
		rc = 0;
	}
	fclose(f);
	return rc;
}

/* A file name part from a class or subject: no spaces, no slashes. */
static void
file_part(const char *in, char *out, size_t outsize)
{
	size_t i;

	snprintf(out, outsize, "%s", in);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == ' ' || out[i] == '/' || out[i] == '\\')
			out[i] = '_';
}

/* Writes a report into ROOT/REL and lists it in the manifest. */
static int
archive_report(struct cmd_ctx *ctx, const char *root, const char *rel, const struct report *r,
    enum report_format fmt, struct manifest *m)
{
	char path[4096], err[256];
	FILE *f = NULL;
	int rc = CMD_FAIL;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((f = fopen(path, "wb")) == NULL) {
		cmd_error(ctx, _("Cannot create %s: %s."), path, strerror(errno));
		return CMD_FAIL;
	}
	if (report_write(r, fmt, f, err, sizeof err) != 0) {
		cmd_error(ctx, "%s: %s", path, err);
		goto out;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), path, strerror(errno));
		goto out;
	}
	if (manifest_add(m, rel) != 0) {
		cmd_error(ctx, "%s", strerror(ENOMEM));
		goto out;
	}
	rc = CMD_OK;
out:
	if (fclose(f) != 0 && rc == CMD_OK) {
		cmd_error(ctx, _("Cannot write %s: %s."), path, strerror(errno));
		rc = CMD_FAIL;
	}
	return rc;
}

/* Both printable and tabular forms of one report. */
static int
archive_pair(struct cmd_ctx *ctx, const char *root, const char *base, const struct report *r,
    struct manifest *m)
{
	char rel[1024];
	int rc;

	snprintf(rel, sizeof rel, "%s.pdf", base);
	if ((rc = archive_report(ctx, root, rel, r, REPORT_PDF, m)) != CMD_OK)
		return rc;
	snprintf(rel, sizeof rel, "%s.csv", base);
	return archive_report(ctx, root, rel, r, REPORT_CSV, m);
}

static const char archive_readme[] =
"dapter: the school year's archive\n"
"=================================\n"
"\n"
"[kk] Бұл бума - оқу жылының мұрағаты. Оны dapter бағдарламасынсыз оқуға болады.\n"
"  journals/  - әр журнал беті (сынып, пән, тоқсан немесе жартыжылдық):\n"
"               .pdf басып шығаруға, .csv Excel немесе LibreOffice-та ашуға\n"
"               (UTF-8 кодтауы, үтірмен бөлінген).\n"
"  summary/   - әр сыныптың жиынтық ведомосы (тоқсандық және жылдық бағалар).\n"
"  dapter-YEAR.db - бүкіл дерекқор (SQLite 3): sqlite3 немесе\n"
"               \"DB Browser for SQLite\" бағдарламасымен ашылады.\n"
"  audit-checkpoint.txt, .sig - аудит тізбегінің соңғы жазбасы, сервер\n"
"               кілтімен қол қойылған (ssh-keygen -Y verify, dapter README).\n"
"  SHA256SUMS - бақылау сомалары. Тексеру: sha256sum -c SHA256SUMS\n"
"  Мұрағат жасалғанда жылдың барлық кезеңдері жабылды (өзгертуге болмайды).\n"
"  Дерекқорда құпиясөздер мен SSH кілттері жоқ: мұрағатты адамдар оқиды,\n"
"  оған ешкім кірмейді.\n"
"\n"
"[ru] Эта папка - архив учебного года. Её можно читать без программы dapter.\n"
"  journals/  - каждая страница журнала (класс, предмет, четверть или\n"
"               полугодие): .pdf для печати, .csv для Excel или LibreOffice\n"
"               (кодировка UTF-8, разделитель - запятая).\n"
"  summary/   - сводная ведомость каждого класса (четвертные и годовые оценки).\n"
"  dapter-YEAR.db - вся база данных (SQLite 3): открывается программой sqlite3\n"
"               или \"DB Browser for SQLite\".\n"
"  audit-checkpoint.txt, .sig - последняя запись цепочки аудита, подписанная\n"
"               ключом сервера (ssh-keygen -Y verify, см. README dapter).\n"
"  SHA256SUMS - контрольные суммы. Проверка: sha256sum -c SHA256SUMS\n"
"  При создании архива все периоды года закрыты (изменять их нельзя).\n"
"  В базе нет паролей и SSH-ключей: архив читают люди, в него не входят.\n"
"\n"
"[en] This folder is the archive of a school year. It reads without dapter.\n"
"  journals/  - every journal page (class, subject, quarter or half-year):\n"
"               .pdf to print, .csv to open in Excel or LibreOffice\n"
"               (UTF-8, comma-separated).\n"
"  summary/   - each class's summary sheet (period and year marks).\n"
"  dapter-YEAR.db - the whole database (SQLite 3): open it with sqlite3 or\n"
"               \"DB Browser for SQLite\"; `dapter audit verify` checks its\n"
"               audit chain, and the README of dapter says how to check it by hand.\n"
"  audit-checkpoint.txt, .sig - the audit chain's last record, signed with\n"
"               the server's host key (ssh-keygen -Y verify, dapter's README).\n"
"  SHA256SUMS - checksums. Check them with: sha256sum -c SHA256SUMS\n"
"  Every period of the year was closed when this archive was made.\n"
"  The database holds no passwords and no SSH keys: an archive is read by\n"
"  people, never logged into.\n";

static int
archive_text(struct cmd_ctx *ctx, const char *root, const char *rel, const char *text,
    struct manifest *m)
{
	char path[4096];
	FILE *f = NULL;
	int rc = CMD_FAIL;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((f = fopen(path, "wb")) == NULL) {
		cmd_error(ctx, _("Cannot create %s: %s."), path, strerror(errno));
		return CMD_FAIL;
	}
	if (fputs(text, f) < 0 || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		cmd_error(ctx, _("Cannot write %s: %s."), path, strerror(errno));
		goto out;
	}
	if (m != NULL && manifest_add(m, rel) != 0)
		goto out;
	rc = CMD_OK;
out:
	if (fclose(f) != 0 && rc == CMD_OK)
		rc = CMD_FAIL;
	return rc;
}

/* A 25-year record holds every page: one that could not be computed stops the archive. */
static int
archive_whole(struct cmd_ctx *ctx, const struct report *r)
{
	size_t i;

	for (i = 0; i < r->nproblems; i++)
		cmd_error(ctx, _("Not computed: %s"), r->problems[i]);
	return r->nproblems > 0 ? CMD_FAIL : CMD_OK;
}

/* Removes a bundle being built: its two folders of files, then itself. */
static void
archive_discard(const char *root)
{
	static const char *const subdirs[] = { "journals", "summary", "" };
	char dir[4096], path[8192];
	struct dirent *e = NULL;
	DIR *d = NULL;
	size_t i;

	for (i = 0; i < sizeof subdirs / sizeof subdirs[0]; i++) {
		snprintf(dir, sizeof dir, "%s/%s", root, subdirs[i]);
		if ((d = opendir(dir)) == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			/* The folders themselves go with rmdir below; . and .. fail harmlessly. */
			(void)unlink(path);
		}
		closedir(d);
		if (subdirs[i][0] != '\0')
			(void)rmdir(dir);
	}
	(void)rmdir(root);
}

/* The last day of the school year: the end of its last period. */
static const char *
year_last_day(const struct period *ps, size_t nps)
{
	const char *last = ps[0].ends;
	size_t i;

	for (i = 1; i < nps; i++)
		if (strcmp(ps[i].ends, last) > 0)
			last = ps[i].ends;
	return last;
}

static int
archive_journals(struct cmd_ctx *ctx, int year, const char *root, const struct period *ps,
    size_t nps, struct manifest *m, size_t *njournals)
{
	struct journal *j = NULL;
	struct report *r = NULL;
	struct class c;
	struct subject s;
	char base[1024], cls[64], subj[STORE_NAME_MAX + 1], label[32];
	int64_t *done = NULL;
	size_t nj = 0, i, k, ndone = 0;
	int rc;

	*njournals = 0;
	if ((rc = store_journal_list(ctx->st, &j, &nj)) != STORE_OK) {
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	if ((done = calloc(nj > 0 ? nj : 1, sizeof *done)) == NULL) {
		rc = CMD_FAIL;
		goto out;
	}
	for (i = 0; i < nj; i++) {
		if ((rc = store_class_get(ctx->st, j[i].class_id, &c)) != STORE_OK ||
		    (rc = store_subject_in_class(ctx->st, c.id, j[i].subject_id, &s)) !=
		    STORE_OK) {
			rc = cmd_store_error(ctx, rc);
			goto out;
		}
		if (c.start_year != year)
			continue;
		file_part(c.name, cls, sizeof cls);
		file_part(s.name, subj, sizeof subj);
		for (k = 0; k < nps; k++) {
			if (ps[k].kind != (s.hours == 1 ? 'h' : 'q'))
				continue;
			period_label(&ps[k], label, sizeof label);
			if (j[i].subgroup > 0)
				snprintf(base, sizeof base, "journals/%s-%s-g%d-%s", cls, subj,
				    j[i].subgroup, label);
			else
				snprintf(base, sizeof base, "journals/%s-%s-%s", cls, subj, label);
			if ((rc = report_journal_build(ctx->st, &c, &s, j[i].subgroup, &ps[k], &r)) !=
			    STORE_OK) {
				rc = cmd_store_error(ctx, rc);
				goto out;
			}
			if ((rc = archive_whole(ctx, r)) != CMD_OK ||
			    (rc = archive_pair(ctx, root, base, r, m)) != CMD_OK)
				goto out;
			report_free(r);
			r = NULL;
			(*njournals)++;
		}
		/* One summary sheet per class. */
		for (k = 0; k < ndone && done[k] != c.id; k++)
			continue;
		if (k < ndone)
			continue;
		done[ndone++] = c.id;
		snprintf(base, sizeof base, "summary/%s", cls);
		if ((rc = report_summary_build(ctx->st, &c, &r)) != STORE_OK) {
			rc = cmd_store_error(ctx, rc);
			goto out;
		}
		if ((rc = archive_whole(ctx, r)) != CMD_OK ||
		    (rc = archive_pair(ctx, root, base, r, m)) != CMD_OK)
			goto out;
		report_free(r);
		r = NULL;
	}
	rc = CMD_OK;
out:
	report_free(r);
	free(done);
	free(j);
	return rc;
}

/*
 * The bundle is built in a hidden folder beside its target, inside one write
 * transaction that closes the year's periods: the database copy and the
 * printed pages show the year as it is frozen, and nothing can change
 * between them. Only when every file is written and flushed is the folder
 * renamed into place, and only then is the closing committed. A failure at
 * any step leaves the year open and no bundle (the hidden folder is removed;
 * a killed run leaves at most that folder, and the transaction rolls back).
 * Other writers wait for the transaction meanwhile, as long as the busy
 * timeout lets them: archive an ended year outside school hours.
 */
static int
run_archive(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct manifest m = { NULL, 0 };
	struct period *ps = NULL;
	char *pos[2], root[2048], tmp[2048], path[4096], rel[64], hex[65], today[11];
	char *sums = NULL, *grown = NULL;
	size_t nps = 0, i, njournals = 0, len = 0;
	int force = 0, tx = 0, built = 0, rc, year;
	const struct cmd_opt opts[] = { { "--force", NULL, &force }, { NULL, NULL, NULL } };
	struct stat sb;
	mode_t mask;

	if ((rc = cmd_args(ctx, &cmd_archive, argc, argv, opts, pos, 2, 2, NULL)) != CMD_OK)
		return rc;
	year = atoi(pos[0]);
	if (strlen(pos[0]) != 4 || year < 2000 || year > 2200) {
		cmd_error(ctx, _("YEAR is the year the school year starts: 2026 for 2026-2027."));
		return CMD_USAGE;
	}
	/* Dirs 0700, files 0600 from their first byte: no moment in which others may read. */
	mask = umask(077);
	if ((rc = store_period_list(ctx->st, year, &ps, &nps)) != STORE_OK) {
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	if (nps == 0) {
		cmd_error(ctx, _("There is no school year %d-%d. `dapter period list` shows "
		    "the periods."), year, year + 1);
		rc = CMD_NOT_FOUND;
		goto out;
	}
	store_today(today);
	if (strcmp(today, year_last_day(ps, nps)) <= 0 && !force) {
		cmd_error(ctx, _("The school year %d-%d lasts until %s, and an archive closes "
		    "every period of the whole school's year. Archive it after that day, or add "
		    "--force."), year, year + 1, year_last_day(ps, nps));
		rc = CMD_FAIL;
		goto out;
	}
	if (snprintf(root, sizeof root, "%s/dapter-archive-%d", pos[1], year) >=
	    (int)sizeof root - 16) {
		cmd_error(ctx, _("The path %s is too long."), pos[1]);
		rc = CMD_USAGE;
		goto out;
	}
	snprintf(tmp, sizeof tmp, "%s/.dapter-archive-%d.XXXXXX", pos[1], year);
	if (lstat(root, &sb) == 0)
		errno = EEXIST;
	if (errno != ENOENT) {
		cmd_error(ctx, _("Cannot create %s: %s (an archive is never overwritten: move "
		    "the old one away)."), root, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	if ((mkdir(pos[1], 0700) != 0 && errno != EEXIST) || mkdtemp(tmp) == NULL) {
		cmd_error(ctx, _("Cannot create %s: %s."), tmp, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	built = 1;
	snprintf(path, sizeof path, "%s/journals", tmp);
	if (mkdir(path, 0700) != 0) {
		cmd_error(ctx, _("Cannot create %s: %s."), path, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	snprintf(path, sizeof path, "%s/summary", tmp);
	if (mkdir(path, 0700) != 0) {
		cmd_error(ctx, _("Cannot create %s: %s."), path, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	if ((rc = store_tx_begin(ctx->st)) != STORE_OK) {
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	tx = 1;
	/* Freeze the year first, so what is archived is what stays. */
	for (i = 0; i < nps; i++)
		if (!ps[i].closed && (rc = store_period_set_closed(ctx->st, ps[i].id, 1)) !=
		    STORE_OK) {
			rc = cmd_store_error(ctx, rc);
			goto out;
		}
	free(ps);
	ps = NULL;
	if ((rc = store_period_list(ctx->st, year, &ps, &nps)) != STORE_OK) {
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	/*
	 * The chain's head, signed: the archive outlives the server's file.
	 * Taken before the copy, so that the copy holds it.
	 */
	snprintf(path, sizeof path, "%s/audit-checkpoint.txt", tmp);
	if ((rc = cmd_audit_checkpoint(ctx, path, NULL)) != CMD_OK)
		goto out;
	if (manifest_add(&m, "audit-checkpoint.txt") != 0 ||
	    manifest_add(&m, "audit-checkpoint.txt.sig") != 0) {
		cmd_error(ctx, _("Out of memory."));
		rc = CMD_FAIL;
		goto out;
	}
	/* The copy is taken through this connection: it holds the closing too. */
	snprintf(rel, sizeof rel, "dapter-%d.db", year);
	snprintf(path, sizeof path, "%s/%s", tmp, rel);
	if ((rc = store_backup_for_reading(ctx->st, path)) != STORE_OK) {
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	if ((rc = check_copy(ctx, path, 1)) != CMD_OK)
		goto out;
	if (fsync_path(path) != 0 || manifest_add(&m, rel) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), path, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	if ((rc = archive_journals(ctx, year, tmp, ps, nps, &m, &njournals)) != CMD_OK ||
	    (rc = archive_text(ctx, tmp, "README.txt", archive_readme, &m)) != CMD_OK)
		goto out;
	/* The manifest last, in the format `sha256sum -c` reads. */
	for (i = 0; i < m.n; i++) {
		if (snprintf(path, sizeof path, "%s/%s", tmp, m.paths[i]) >= (int)sizeof path ||
		    sha256_file(path, hex) != 0 ||
		    (grown = realloc(sums, len + strlen(m.paths[i]) + 70)) == NULL) {
			cmd_error(ctx, _("Cannot read %s: %s."), path, strerror(errno));
			rc = CMD_FAIL;
			goto out;
		}
		sums = grown;
		len += (size_t)sprintf(sums + len, "%s  %s\n", hex, m.paths[i]);
	}
	if ((rc = archive_text(ctx, tmp, "SHA256SUMS", sums != NULL ? sums : "", NULL)) !=
	    CMD_OK)
		goto out;
	/* The folders' entries too: a rename of a folder whose names are lost is no bundle. */
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", tmp, i == 0 ? "/journals" : i == 1 ?
		    "/summary" : "");
		if (fsync_path(path) != 0) {
			cmd_error(ctx, _("Cannot flush %s to the disk: %s."), path,
			    strerror(errno));
			rc = CMD_FAIL;
			goto out;
		}
	}
	/* The bundle appears whole or not at all; an existing one is never replaced. */
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, root, RENAME_NOREPLACE) != 0) {
		cmd_error(ctx, _("Cannot create %s: %s (an archive is never overwritten: move "
		    "the old one away)."), root, strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	snprintf(tmp, sizeof tmp, "%s", root);
	if (fsync_path(pos[1]) != 0) {
		cmd_error(ctx, _("Cannot flush %s to the disk: %s."), pos[1], strerror(errno));
		rc = CMD_FAIL;
		goto out;
	}
	tx = 0;
	if ((rc = store_tx_commit(ctx->st)) != STORE_OK) {
		rc = cmd_store_error(ctx, rc);
		goto out;
	}
	built = 0;
	say(ctx, _("Archived %d-%d in %s: %zu journal pages, %zu files, all periods "
	    "closed.\n"), year, year + 1, root, njournals, m.n);
	rc = CMD_OK;
out:
	if (tx)
		store_tx_rollback(ctx->st);
	if (built) {
		/* The year stays open: no bundle may claim it closed. */
		archive_discard(tmp);
		cmd_error(ctx, _("No archive was made; the periods of %d-%d are as they were."),
		    year, year + 1);
	}
	umask(mask);
	free(sums);
	free(ps);
	manifest_free(&m);
	return rc;
}

const struct cmd cmd_archive = {
	"archive", "YEAR DIR [--force]",
	N_("Close every period of an ended school year and write its archive to DIR."),
	N_("Writes DIR/dapter-archive-YEAR/: the database (without password hashes and SSH "
	"keys), every journal page and each class's summary sheet as PDF and CSV, a README in "
	"three languages and SHA256SUMS, readable by its owner only. It is all or nothing: a "
	"page that cannot be computed stops it, and the periods close only with a complete "
	"bundle. A year that has not ended yet needs --force, since its archive freezes the "
	"whole school's year. `dapter archive verify` (or `sha256sum -c SHA256SUMS`) checks "
	"it later."),
	CMD_OPERATOR, 0, run_archive,
};

static int
run_archive_verify(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *pos[1], sums[4096], *line = NULL, path[8192], hex[65];
	const char *name = NULL;
	FILE *f = NULL;
	size_t n = 0, lineno = 0, cap = 0;
	ssize_t len;
	int rc = CMD_FAIL, parsed;

	if ((rc = cmd_args(ctx, &cmd_archive_verify, argc, argv, NULL, pos, 1, 1, NULL)) !=
	    CMD_OK)
		return rc;
	rc = CMD_FAIL;
	if (ctx->remote) {
		cmd_error(ctx, _("Check an archive on the server itself, as its operator."));
		return CMD_DENIED;
	}
	snprintf(sums, sizeof sums, "%s/SHA256SUMS", pos[0]);
	if ((f = fopen(sums, "r")) == NULL) {
		cmd_error(ctx, _("Cannot open %s: %s."), sums, strerror(errno));
		return CMD_FAIL;
	}
	/* Whole lines, however long, named by their place in the file. */
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0)
			continue;
		/* The hash, two blanks and a path no longer than the system's own. */
		if ((size_t)len > 66 + PATH_MAX ||
		    (parsed = sha256sums_line(line, &name)) == SHA256SUMS_MALFORMED) {
			cmd_error(ctx, _("%s: line %zu is not a sha256sum line."), sums, lineno);
			goto out;
		}
		if (parsed == SHA256SUMS_OUTSIDE) {
			cmd_error(ctx, _("%s: %s points outside the archive."), sums, line + 66);
			goto out;
		}
		snprintf(path, sizeof path, "%s/%s", pos[0], name);
		if (sha256_file(path, hex) != 0) {
			cmd_error(ctx, _("%s: cannot read it: %s."), name, strerror(errno));
			goto out;
		}
		if (strncmp(hex, line, 64) != 0) {
			cmd_error(ctx, _("%s: the checksum does not match; the file was changed "
			    "or damaged."), name);
			goto out;
		}
		n++;
	}
	if (ferror(f) || n == 0) {
		cmd_error(ctx, _("%s lists no files."), sums);
		goto out;
	}
	say(ctx, _("All %zu files match %s.\n"), n, sums);
	rc = CMD_OK;
out:
	free(line);
	fclose(f);
	return rc;
}

const struct cmd cmd_archive_verify = {
	"archive verify", "DIR",
	N_("Check a year's archive against its SHA256SUMS; exit 1 naming the first bad file."),
	NULL, CMD_OPERATOR, CMD_NO_DB, run_archive_verify,
};
