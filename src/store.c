/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store: opening the file, the schema and its migrations, statements,
 * transactions and errors. The tables are in the migrations below; each
 * store_*.c file owns the functions of one part of the model.
 *
 * Why these pragmas: WAL lets teachers read while one writes; synchronous=FULL
 * because the journal is a state record and a mark acknowledged on screen must
 * survive a power cut; a busy timeout so concurrent sessions wait instead of
 * failing with "database is locked".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"
#include "store_internal.h"
#include "text.h"

/*
 * How long a writer waits for another one before "The journal is busy".
 * SQLite's own busy timeout sleeps ever longer between tries (up to 100 ms),
 * so a waiter misses the moments the lock is free while newcomers, who try
 * at once, take it: under 50 sessions on two busy cores one starved past 15 s
 * (tests/server/soak.sh, 120 s). Short sleeps with jitter keep the waiters in
 * the race, and the limit is a minute: a mark saved late beats a lost one.
 */
#define BUSY_TIMEOUT_MS 60000
/* How long a backup tries again when its one step finds the database busy. */
#define BACKUP_BUSY_MS 10000

/*
 * Each connection's page cache: 256 KB, not SQLite's 2 MB. Every journal
 * session, connection process and command has its own connection, so at 200
 * sessions the default could grow to 400 MB on a year's database. The cache
 * is worth little here: in WAL mode a connection drops it whenever another
 * one has committed, which is every few seconds in a school day, and pages
 * come back from the kernel's cache with one pread each.
 */
#define STORE_CACHE_PRAGMA "PRAGMA cache_size = -256"
#define BUSY_SLEEP_MAX_US 10000

static int
store_busy(void *arg, int count)
{
	struct timespec *since = arg, now;
	long long waited;
	unsigned int us;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		*since = now;
	waited = (now.tv_sec - since->tv_sec) * 1000LL + (now.tv_nsec - since->tv_nsec) / 1000000;
	if (waited >= BUSY_TIMEOUT_MS)
		return 0;
	us = count < 10 ? 500u << (count / 2) : BUSY_SLEEP_MAX_US;
	us = us > BUSY_SLEEP_MAX_US ? BUSY_SLEEP_MAX_US : us;
	/* The jitter from the clock: rand() would sleep alike in every process. */
	usleep(us / 2 + (unsigned int)(now.tv_nsec / 1000) % (us / 2 + 1));
	return 1;
}

/*
 * Ordered migrations: migration[i] brings user_version i to i + 1.
 * Never edit one that has shipped; add the next.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the journal */
	"CREATE TABLE school(id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL,"
	"  created TEXT NOT NULL);"
	"CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE scheme(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('criteria','classic','passfail','ungraded')),"
	"  sor_pool TEXT NOT NULL CHECK (sor_pool IN ('points','shares')),"
	"  fo_min INTEGER NOT NULL, fo_max INTEGER NOT NULL,"
	"  w_fo REAL NOT NULL, w_sor REAL NOT NULL, w_soch REAL NOT NULL,"
	"  w_fo_nosoch REAL NOT NULL, w_sor_nosoch REAL NOT NULL,"
	"  min3 REAL NOT NULL, min4 REAL NOT NULL, min5 REAL NOT NULL, pass_min REAL NOT NULL);"
	"CREATE TABLE year(id INTEGER PRIMARY KEY, start_year INTEGER NOT NULL UNIQUE,"
	"  starts TEXT NOT NULL, ends TEXT NOT NULL);"
	"CREATE TABLE period(id INTEGER PRIMARY KEY,"
	"  year_id INTEGER NOT NULL REFERENCES year(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('q','h')), num INTEGER NOT NULL,"
	"  starts TEXT NOT NULL, ends TEXT NOT NULL, closed INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (year_id, kind, num));"
	"CREATE TABLE holiday(id INTEGER PRIMARY KEY,"
	"  year_id INTEGER NOT NULL REFERENCES year(id), starts TEXT NOT NULL,"
	"  ends TEXT NOT NULL, name TEXT NOT NULL);"
	"CREATE TABLE user(id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('admin','head','teacher')),"
	"  pw_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0, lang TEXT NOT NULL DEFAULT '',"
	"  keymap TEXT NOT NULL DEFAULT '', created TEXT NOT NULL);"
	"CREATE TABLE user_key(id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id), type TEXT NOT NULL,"
	"  blob TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', UNIQUE (type, blob));"
	"CREATE TABLE class(id INTEGER PRIMARY KEY,"
	"  year_id INTEGER NOT NULL REFERENCES year(id), grade INTEGER NOT NULL,"
	"  name TEXT NOT NULL, teacher_id INTEGER REFERENCES user(id),"
	"  UNIQUE (year_id, name));"
	"CREATE TABLE subject(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	"  hours INTEGER NOT NULL DEFAULT 2,"
	"  scheme_id INTEGER NOT NULL REFERENCES scheme(id));"
	"CREATE TABLE pupil(id INTEGER PRIMARY KEY,"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  surname TEXT NOT NULL, given TEXT NOT NULL, patronymic TEXT NOT NULL DEFAULT '',"
	"  birth TEXT NOT NULL DEFAULT '',"
	"  gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'M', 'F')),"
	"  sort_key TEXT NOT NULL);"
	"CREATE INDEX pupil_class ON pupil(class_id, sort_key);"
	"CREATE TABLE pupil_subgroup(pupil_id INTEGER NOT NULL REFERENCES pupil(id),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  subgroup INTEGER NOT NULL CHECK (subgroup >= 0),"
	"  PRIMARY KEY (pupil_id, subject_id));"
	"CREATE TABLE assignment(id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  subgroup INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (user_id, class_id, subject_id, subgroup));"
	"CREATE TABLE lesson(id INTEGER PRIMARY KEY,"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  subgroup INTEGER NOT NULL DEFAULT 0, date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('regular','sor','soch')),"
	"  max_points INTEGER NOT NULL DEFAULT 0,"
	"  topic TEXT NOT NULL DEFAULT '', homework TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX lesson_journal ON lesson(class_id, subject_id, subgroup, date);"
	"CREATE TABLE mark(lesson_id INTEGER NOT NULL REFERENCES lesson(id),"
	"  pupil_id INTEGER NOT NULL REFERENCES pupil(id),"
	"  value INTEGER, attendance TEXT"
	"  CHECK (attendance IN ('absent','excused','ill','late')),"
	"  PRIMARY KEY (lesson_id, pupil_id)) WITHOUT ROWID;"
	"CREATE TABLE audit(id INTEGER PRIMARY KEY, at TEXT NOT NULL, login TEXT NOT NULL,"
	"  session TEXT NOT NULL, action TEXT NOT NULL, object TEXT NOT NULL,"
	"  old TEXT, new TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
	/* The chain detects edits; these stop the honest mistakes. */
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TABLE lock(resource TEXT PRIMARY KEY, session TEXT NOT NULL,"
	"  user_id INTEGER NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,"
	"  since TEXT NOT NULL, heartbeat INTEGER NOT NULL);"
	"INSERT INTO scheme(name, kind, sor_pool, fo_min, fo_max, w_fo, w_sor, w_soch,"
	"  w_fo_nosoch, w_sor_nosoch, min3, min4, min5, pass_min) VALUES"
	"  ('criteria', 'criteria', 'points', 1, 10, 25, 25, 50, 50, 50, 40, 65, 85, 40),"
	"  ('classic', 'classic', 'points', 2, 5, 0, 0, 0, 0, 0, 40, 65, 85, 40),"
	"  ('passfail', 'passfail', 'points', 1, 10, 25, 25, 50, 50, 50, 40, 65, 85, 40),"
	"  ('ungraded', 'ungraded', 'points', 1, 10, 25, 25, 50, 50, 50, 40, 65, 85, 40);",

	/* 1 -> 2: pupils' class history, substitute teachers, online sessions */
	"CREATE TABLE enrolment(id INTEGER PRIMARY KEY,"
	"  pupil_id INTEGER NOT NULL REFERENCES pupil(id),"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  since TEXT NOT NULL, until TEXT);"
	"CREATE INDEX enrolment_class ON enrolment(class_id, pupil_id);"
	"INSERT INTO enrolment(pupil_id, class_id, since)"
	"  SELECT p.id, p.class_id, y.starts FROM pupil p JOIN class c ON c.id = p.class_id"
	"  JOIN year y ON y.id = c.year_id;"
	"CREATE TABLE substitution(id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id),"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  subgroup INTEGER NOT NULL DEFAULT 0, starts TEXT NOT NULL, ends TEXT NOT NULL);"
	"CREATE TABLE session(id TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES user(id),"
	"  pid INTEGER NOT NULL, host TEXT NOT NULL, origin TEXT NOT NULL,"
	"  started TEXT NOT NULL, seen INTEGER NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('active', 'locked', 'detached')));",

	/* 2 -> 3: failed logins, to slow guessing across connections */
	"CREATE TABLE login_failure(key TEXT PRIMARY KEY, count INTEGER NOT NULL,"
	"  first INTEGER NOT NULL);",

	/*
	 * 3 -> 4: the end of the year. A pupil's year summative work (after a
	 * year «2») and exam per subject, as points of a maximum or as a mark;
	 * the scheme's weights of each in the final mark (assess.h); the
	 * pupil's ИИН.
	 */
	"CREATE TABLE year_work(id INTEGER PRIMARY KEY,"
	"  pupil_id INTEGER NOT NULL REFERENCES pupil(id),"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('work','exam')),"
	"  points INTEGER, max_points INTEGER, mark INTEGER,"
	"  CHECK ((mark IS NULL) <> (points IS NULL)),"
	"  UNIQUE (pupil_id, class_id, subject_id, kind));"
	"ALTER TABLE scheme ADD COLUMN w_work REAL NOT NULL DEFAULT 50;"
	"ALTER TABLE scheme ADD COLUMN w_exam REAL NOT NULL DEFAULT 50;"
	/* The pupil's ИИН (iin.h), optional: '' when not known. */
	"ALTER TABLE pupil ADD COLUMN iin TEXT NOT NULL DEFAULT '';",

	/*
	 * 4 -> 5: the weekly timetable of a class (store_timetable.c): who
	 * teaches which subject and subgroup in which lesson of which weekday
	 * and shift, in which room, from a first day on. The timetable in force
	 * on a day is the class's rows with the latest valid_from up to it, so
	 * a new one from a date on leaves the past as it was.
	 */
	"CREATE TABLE timetable(id INTEGER PRIMARY KEY,"
	"  class_id INTEGER NOT NULL REFERENCES class(id),"
	"  valid_from TEXT NOT NULL,"
	"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 6),"
	"  shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1, 2)),"
	"  num INTEGER NOT NULL CHECK (num BETWEEN 1 AND 8),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  subgroup INTEGER NOT NULL DEFAULT 0 CHECK (subgroup BETWEEN 0 AND 9),"
	"  teacher_id INTEGER NOT NULL REFERENCES user(id),"
	"  room TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (class_id, valid_from, weekday, shift, num, subgroup));"
	"CREATE INDEX timetable_class ON timetable(class_id, valid_from);",

	/*
	 * 5 -> 6: a pupil's class history found by the pupil: the audit keeps it
	 * with every change and `audit verify` reads it for every pupil
	 * (STORE_ENROLMENT_STATE), which without the index reads the whole
	 * table for each pupil.
	 */
	"CREATE INDEX enrolment_pupil ON enrolment(pupil_id, since);",

	/*
	 * 6 -> 7: the calendar-thematic plan (КТП/КТЖ, plan.h): per subject, a
	 * grade's plan of a school year, or a class's own (class_id set), which
	 * overrides the grade's; its numbered topics with hours, an optional
	 * planned date, homework, section and "СОр due after this topic".
	 */
	"CREATE TABLE plan(id INTEGER PRIMARY KEY,"
	"  year_id INTEGER NOT NULL REFERENCES year(id), grade INTEGER NOT NULL,"
	"  class_id INTEGER REFERENCES class(id),"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id));"
	/* A NULL class is no value to UNIQUE: one grade's plan per subject by the index. */
	"CREATE UNIQUE INDEX plan_owner ON plan(year_id, grade, ifnull(class_id, 0), subject_id);"
	"CREATE TABLE plan_topic(plan_id INTEGER NOT NULL REFERENCES plan(id),"
	"  num INTEGER NOT NULL CHECK (num > 0), topic TEXT NOT NULL,"
	"  hours INTEGER NOT NULL CHECK (hours > 0), date TEXT NOT NULL DEFAULT '',"
	"  homework TEXT NOT NULL DEFAULT '', section TEXT NOT NULL DEFAULT '',"
	"  sor_due INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (plan_id, num)) WITHOUT ROWID;",

	/*
	 * 7 -> 8: subjects per grade and class, holidays per grade. A rule
	 * sets a subject's hours or scheme (NULL: inherited) for one grade
	 * of a school year or for one class; the view subject_in_class says
	 * what holds for each class and subject (class, else grade, else the
	 * subject's own). A holiday with a grade is that grade's alone (the
	 * extra week of grade 1).
	 */
	"CREATE TABLE subject_rule(id INTEGER PRIMARY KEY,"
	"  subject_id INTEGER NOT NULL REFERENCES subject(id),"
	"  year_id INTEGER REFERENCES year(id), grade INTEGER,"
	"  class_id INTEGER REFERENCES class(id),"
	"  hours INTEGER, scheme_id INTEGER REFERENCES scheme(id),"
	"  CHECK ((class_id IS NULL) = (grade IS NOT NULL)),"
	"  CHECK ((year_id IS NULL) = (grade IS NULL)));"
	"CREATE UNIQUE INDEX subject_rule_grade ON subject_rule(subject_id, year_id, grade)"
	"  WHERE grade IS NOT NULL;"
	"CREATE UNIQUE INDEX subject_rule_class ON subject_rule(subject_id, class_id)"
	"  WHERE class_id IS NOT NULL;"
	"CREATE VIEW subject_in_class AS SELECT c.id AS class_id, s.id AS subject_id,"
	"  COALESCE(rc.hours, rg.hours, s.hours) AS hours,"
	"  COALESCE(rc.scheme_id, rg.scheme_id, s.scheme_id) AS scheme_id"
	"  FROM class c CROSS JOIN subject s"
	"  LEFT JOIN subject_rule rc ON rc.class_id = c.id AND rc.subject_id = s.id"
	"  LEFT JOIN subject_rule rg ON rg.year_id = c.year_id AND rg.grade = c.grade"
	"  AND rg.subject_id = s.id;"
	"ALTER TABLE holiday ADD COLUMN grade INTEGER;",

	/*
	 * 8 -> 9: a comment on a cell (the teacher's feedback on a pupil's work
	 * in a lesson), beside the mark rather than in it: a cell with no mark
	 * (grade 1) has one too, and clearing a mark keeps it.
	 */
	"CREATE TABLE comment(lesson_id INTEGER NOT NULL REFERENCES lesson(id),"
	"  pupil_id INTEGER NOT NULL REFERENCES pupil(id), text TEXT NOT NULL,"
	"  PRIMARY KEY (lesson_id, pupil_id)) WITHOUT ROWID;"
	"CREATE INDEX comment_pupil ON comment(pupil_id);",

	/*
	 * 9 -> 10: a lesson added outside the timetable (a make-up lesson, `n`
	 * on the page): it never takes the place of the day's timetabled lesson.
	 */
	"ALTER TABLE lesson ADD COLUMN makeup INTEGER NOT NULL DEFAULT 0;",
};

/*
 * An upgrade is the one write that changes the tables' shape: a copy of the
 * database as it was goes beside it first (PATH.before-schema-N-DATE-TIME,
 * 0600), so that a failed or regretted upgrade costs nothing. Two processes
 * opening an old file at once may both copy it; only one upgrades.
 */
static int
store_migrate_backup(struct store *st, int version, int target, char *copy, size_t copysize)
{
	const char *path = sqlite3_db_filename(st->db, "main");
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	mode_t old_mask;
	int rc;

	if (path == NULL || path[0] == '\0')
		return STORE_OK;	/* an in-memory database: nothing to keep */
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H%M%S", &tm);
	if ((size_t)snprintf(copy, copysize, "%s.before-schema-%d-%s", path, version, stamp) >=
	    copysize)
		return store_fail(st, STORE_FAILED, _("The path %s is too long."), path);
	old_mask = umask(077);
	rc = store_backup(st, copy);
	umask(old_mask);
	if (rc != STORE_OK)
		log_msg(LOG_ERROR, _("Cannot keep a copy of the database before upgrading it "
		    "from schema %d to %d: %s"), version, target, store_error(st));
	return rc;
}

static int
store_migrate(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int version = 0, from = 0, target = (int)(sizeof migrations / sizeof migrations[0]);
	int rc = STORE_OK;
	char sql[64], copy[4200] = "";

	/* Up to date: no write lock, so a read-only file opens too. */
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW && (version = sqlite3_column_int(s, 0)) == target) {
		sqlite3_finalize(s);
		return STORE_OK;
	}
	sqlite3_finalize(s);
	s = NULL;
	/* The copy before the write lock: the backup API reads outside a transaction. */
	if (version > 0 && version < target && (rc = store_migrate_backup(st, version, target,
	    copy, sizeof copy)) != STORE_OK)
		return rc;
	if (store_exec(st, "BEGIN IMMEDIATE") != STORE_OK)
		return STORE_FAILED;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		rc = store_fail_db(st);
		goto out;
	}
	version = sqlite3_column_int(s, 0);
	if (version > target) {
		rc = store_fail(st, STORE_FAILED,
		    _("This database was written by a newer dapter (schema %d; this one knows %d). "
		    "Upgrade dapter."), version, target);
		goto out;
	}
	from = version;
	for (; version < target; version++) {
		if ((rc = store_exec(st, migrations[version])) != STORE_OK)
			goto out;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version + 1);
		if ((rc = store_exec(st, sql)) != STORE_OK)
			goto out;
	}
	if (from > 0 && from < target && copy[0] != '\0') {
		snprintf(sql, sizeof sql, "%d -> %d", from, target);
		if ((rc = store_audit_append(st, "schema.upgrade", copy, NULL, sql)) != STORE_OK)
			goto out;
		log_msg(LOG_WARN, _("Upgraded the database from schema %d to %d; the database as "
		    "it was is kept as %s."), from, target, copy);
	}
out:
	sqlite3_finalize(s);
	if (rc == STORE_OK)
		rc = store_exec(st, "COMMIT");
	else
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/*
 * Opens a file this user may only read (a read-only backup volume, another
 * owner after a restore): reads work, and SQLite refuses every write as
 * SQLITE_READONLY, which store_fail_db() words. Reading a WAL database needs
 * its -shm file, which a read-only directory cannot hold; then nobody can
 * be writing there, and the file is opened immutable.
 */
static int
store_open_readonly(struct store *st, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = NULL, *w = NULL, *dir = NULL, *slash = NULL;
	const unsigned char *p = NULL;
	int rc = STORE_FAILED;

	if ((uri = malloc(3 * strlen(path) + 32)) == NULL || (dir = strdup(path)) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Out of memory."));
		goto out;
	}
	w = uri + sprintf(uri, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p > 0x7e) {
			*w++ = '%';
			*w++ = hex[*p >> 4];
			*w++ = hex[*p & 0xf];
		} else
			*w++ = (char)*p;
	}
	snprintf(w, 16, "?mode=ro");
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		if (access(slash != NULL ? (*dir != '\0' ? dir : "/") : ".", W_OK) == 0) {
			rc = store_fail_db(st);
			goto out;
		}
		sqlite3_close(st->db);
		st->db = NULL;
		snprintf(w, 16, "?immutable=1");
		if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
		    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
			rc = store_fail_db(st);
			goto out;
		}
	}
	rc = STORE_OK;
out:
	free(uri);
	free(dir);
	return rc;
}

int
store_lock_file(const char *db_path, int how)
{
	char path[4096];
	int fd, saved;

	if ((size_t)snprintf(path, sizeof path, "%s%s", db_path, STORE_LOCK_SUFFIX) >=
	    sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0 &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (flock(fd, how | LOCK_NB) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * Holds PATH.lock shared. A restore holds it exclusive while it checks its
 * copy and swaps the file: wait for it (30 s at most), then open the new file.
 * A directory this user cannot write holds no lock file and needs none:
 * nobody can replace the database there either.
 */
static int
store_lock_shared(struct store *st, const char *path)
{
	int i;

	for (i = 0; i < 300; i++) {
		if ((st->lock_fd = store_lock_file(path, LOCK_SH)) >= 0)
			return STORE_OK;
		if (errno == EACCES || errno == EROFS || errno == ENOENT)
			return STORE_OK;
		if (errno != EWOULDBLOCK)
			break;
		usleep(100000);
	}
	return store_fail(st, STORE_FAILED,
	    _("%s is being restored, or its lock file %s%s cannot be taken: %s."), path, path,
	    STORE_LOCK_SUFFIX, strerror(errno));
}

/* The .before-restore copy an interrupted restore (before this version) left, or "". */
static void
store_before_restore(const char *path, char *out, size_t outsize)
{
	char pattern[4096];
	glob_t g;

	out[0] = '\0';
	if ((size_t)snprintf(pattern, sizeof pattern, "%s.before-restore-*", path) >=
	    sizeof pattern)
		return;
	if (glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0) {
		/* DATE-TIME in the names: the last is the newest. */
		snprintf(out, outsize, "%s", g.gl_pathv[g.gl_pathc - 1]);
	}
	globfree(&g);
}

int
store_open(const char *path, int flags, struct store **out)
{
	char before[4096];
	struct store *st = NULL;
	struct stat sb;
	int rc = STORE_FAILED, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if ((st = calloc(1, sizeof *st)) == NULL)
		return STORE_FAILED;
	st->lock_fd = -1;
	snprintf(st->actor.login, sizeof st->actor.login, "operator");
	st->actor.role = ROLE_ADMIN;
	st->actor.operator = 1;
	snprintf(st->actor.session, sizeof st->actor.session, "cli-%ld", (long)getpid());
	*out = st;

	if (flags & STORE_CREATE) {
		if (stat(path, &sb) == 0) {
			rc = store_fail(st, STORE_EXISTS,
			    _("%s already exists; dapter will not overwrite a journal."), path);
			goto out;
		}
		oflags |= SQLITE_OPEN_CREATE;
	} else if (stat(path, &sb) != 0 && (store_before_restore(path, before, sizeof before),
	    before[0] != '\0')) {
		/* Never send anyone to `init` over a journal that is only moved aside. */
		rc = store_fail(st, STORE_NOT_FOUND,
		    _("No journal database at %s, but %s is there: a restore was interrupted. "
		    "Move it back (with its -wal file) or run `dapter restore` again; do not run "
		    "init."), path, before);
		goto out;
	} else if (stat(path, &sb) != 0) {
		rc = store_fail(st, STORE_NOT_FOUND,
		    _("No journal database at %s. Create one with `dapter init --school NAME`, "
		    "or name it with --db or DAPTER_DB."), path);
		goto out;
	}
	if (!(flags & STORE_PRIVATE) && (rc = store_lock_shared(st, path)) != STORE_OK)
		goto out;
	if (!(flags & STORE_CREATE) && access(path, W_OK) != 0 &&
	    (errno == EACCES || errno == EROFS)) {
		if ((rc = store_open_readonly(st, path)) != STORE_OK)
			goto out;
	} else if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		rc = store_fail_db(st);
		goto out;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_handler(st->db, store_busy, &st->busy_since);
	if (store_audit_functions(st->db) != SQLITE_OK) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((!sqlite3_db_readonly(st->db, "main") &&
	    (rc = store_exec(st, "PRAGMA journal_mode = WAL")) != STORE_OK) ||
	    (rc = store_exec(st, "PRAGMA synchronous = FULL")) != STORE_OK ||
	    (rc = store_exec(st, "PRAGMA foreign_keys = ON")) != STORE_OK ||
	    (rc = store_exec(st, STORE_CACHE_PRAGMA)) != STORE_OK ||
	    (rc = store_migrate(st)) != STORE_OK ||
	    (rc = store_audit_triggers_repair(st)) != STORE_OK)
		goto out;
	if (flags & STORE_CREATE)
		chmod(path, 0600);
	rc = STORE_OK;
out:
	return rc;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	/* After the close: the file is no longer open when restore may take it. */
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st);
}

const char *
store_error(const struct store *st)
{
	return st != NULL && st->error[0] != '\0' ? st->error : _("Unknown error.");
}

void
store_set_actor(struct store *st, const struct actor *actor)
{
	st->actor = *actor;
}

const struct actor *
store_actor(const struct store *st)
{
	return &st->actor;
}

int64_t
store_data_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "PRAGMA data_version");
	int64_t v = -1;

	store_reset_all(st);
	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s != NULL)
		sqlite3_reset(s);
	return v;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	size_t i;

	for (i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
	    SQLITE_OK) {
		store_fail_db(st);
		return NULL;
	}
	if (st->ncache == STORE_STMT_CACHE)
		abort();	/* a programming error: raise STORE_STMT_CACHE */
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	return s;
}

sqlite3_stmt *
store_row_by_id(struct store *st, const char *sql, int64_t id, const char *missing)
{
	sqlite3_stmt *s = store_stmt(st, sql);

	if (s == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail(st, STORE_NOT_FOUND, "%s", missing);
		return NULL;
	}
	return s;
}

int
store_fail(struct store *st, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->error, sizeof st->error, fmt, ap);
	va_end(ap);
	return status;
}

/* The same sentence kept for a module above the store (store.h). */
int
store_refuse(struct store *st, int status, const char *fmt, ...)
    __attribute__((alias("store_fail")));

int
store_fail_db(struct store *st)
{
	int code = st->db != NULL ? sqlite3_errcode(st->db) : SQLITE_CANTOPEN;
	const char *msg = st->db != NULL ? sqlite3_errmsg(st->db) : "cannot open";

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_fail(st, STORE_LOCKED,
		    _("The journal is busy; nothing was changed. Try again."));
	case SQLITE_IOERR:
		/* A WAL or -shm file that cannot grow fails as an I/O error. */
		if (sqlite3_system_errno(st->db) != ENOSPC)
			return store_fail(st, STORE_FAILED, _("Database error: %s."), msg);
		/* FALLTHROUGH */
	case SQLITE_FULL:
		return store_fail(st, STORE_FAILED,
		    _("The disk is full; nothing was changed. Free some space on the server."));
	case SQLITE_READONLY:
		return store_fail(st, STORE_FAILED,
		    _("The journal is read-only on this server; nothing was changed."));
	case SQLITE_CONSTRAINT:
		return store_fail(st, STORE_INVALID, _("The change breaks a rule of the journal (%s)."),
		    msg);
	default:
		return store_fail(st, STORE_FAILED, _("Database error: %s."), msg);
	}
}

int
store_exec(struct store *st, const char *sql)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail_db(st);
	return STORE_OK;
}

/*
 * The actor was read once, at login: an account disabled or given another
 * role since then must stop writing at once, not when the session ends.
 * store_write_begin() asks this inside the write transaction, so the role
 * checks that every write makes against st->actor hold for the state the
 * write commits against.
 */
int
store_actor_check(struct store *st)
{
	sqlite3_stmt *s = NULL;
	enum role role = ROLE_TEACHER;
	int step, disabled = 1;	/* an account that is gone is as good as disabled */

	if (st->actor.operator || st->actor.user_id == 0)
		return STORE_OK;
	if ((s = store_stmt(st, "SELECT role, disabled FROM user WHERE id = ?")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, st->actor.user_id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		role_parse((const char *)sqlite3_column_text(s, 0), &role);
		disabled = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail_db(st);
	if (disabled)
		return store_fail(st, STORE_DENIED,
		    _("Your account has been disabled: nothing was changed. "
		    "Ask an administrator."));
	if (role != st->actor.role)
		return store_fail(st, STORE_DENIED,
		    _("Your role has changed since you logged in: nothing was changed. "
		    "Log in again."));
	return STORE_OK;
}

/* BEGIN IMMEDIATE, then the actor's current state, under the write lock. */
static int
write_lock(struct store *st)
{
	int rc;

	if ((rc = store_exec(st, "BEGIN IMMEDIATE")) != STORE_OK)
		return rc;
	if ((rc = store_actor_check(st)) != STORE_OK) {
		store_reset_all(st);
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}

int
store_tx_begin(struct store *st)
{
	int rc = STORE_OK;

	if (st->tx_depth == 0)
		rc = write_lock(st);
	if (rc == STORE_OK)
		st->tx_depth++;
	return rc;
}

int
store_tx_commit(struct store *st)
{
	int rc = STORE_OK;

	if (st->tx_depth == 1 && (rc = store_exec(st, "COMMIT")) != STORE_OK) {
		store_tx_rollback(st);
		return rc;
	}
	if (st->tx_depth > 0)
		st->tx_depth--;
	return rc;
}

void
store_tx_rollback(struct store *st)
{
	if (st->tx_depth > 0 && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->tx_depth = 0;
}

int
store_write_begin(struct store *st)
{
	if (st->tx_depth > 0)
		return store_exec(st, "SAVEPOINT w");
	return write_lock(st);
}

/*
 * A statement stepped to a row and left there holds a read snapshot: the
 * connection would go on seeing the past (and block WAL checkpoints).
 */
void
store_reset_all(struct store *st)
{
	size_t i;

	for (i = 0; i < st->ncache; i++)
		sqlite3_reset(st->cache[i].stmt);
}

int
store_write_end(struct store *st, int status)
{
	char saved[sizeof st->error];

	store_reset_all(st);
	if (status == STORE_OK) {
		status = store_exec(st, st->tx_depth > 0 ? "RELEASE w" : "COMMIT");
		if (status == STORE_OK)
			return STORE_OK;
	}
	/* Keep the first error: the rollback's own message would hide it. */
	memcpy(saved, st->error, sizeof saved);
	if (st->tx_depth > 0)
		sqlite3_exec(st->db, "ROLLBACK TO w; RELEASE w", NULL, NULL, NULL);
	else if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	memcpy(st->error, saved, sizeof saved);
	return status;
}

int
store_require_admin(struct store *st)
{
	if (st->actor.role == ROLE_ADMIN)
		return STORE_OK;
	return store_fail(st, STORE_DENIED, _("Only an administrator may do this."));
}

int
store_require_head(struct store *st)
{
	if (st->actor.role == ROLE_ADMIN || st->actor.role == ROLE_HEAD)
		return STORE_OK;
	return store_fail(st, STORE_DENIED,
	    _("Only the head of studies or an administrator may do this."));
}

void
store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsize)
{
	const char *t = (const char *)sqlite3_column_text(s, col);

	snprintf(out, outsize, "%s", t != NULL ? t : "");
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

int
store_clean_text(struct store *st, const char *field, const char *in, size_t max, int flags,
    char *out, size_t outsize)
{
	enum text_error err = TEXT_OK;
	char *clean = text_clean(in != NULL ? in : "", max, flags, &err);

	if (clean == NULL)
		return store_fail(st, STORE_INVALID, "%s: %s", field, text_error_message(err));
	snprintf(out, outsize, "%s", clean);
	free(clean);
	return STORE_OK;
}

void *
store_grow(struct store *st, void **rows, size_t *n, size_t size)
{
	char *p = NULL;

	/* Double at powers of two: amortised O(1) without a separate capacity. */
	if ((*n & (*n - 1)) == 0) {
		if ((p = realloc(*rows, (*n == 0 ? 1 : *n * 2) * size)) == NULL) {
			store_fail(st, STORE_FAILED, _("Out of memory."));
			return NULL;
		}
		*rows = p;
	}
	p = (char *)*rows + *n * size;
	memset(p, 0, size);
	(*n)++;
	return p;
}

int
store_backup(struct store *st, const char *dest_path)
{
	sqlite3 *dest = NULL;
	sqlite3_backup *b = NULL;
	int rc = STORE_FAILED, tries = 0, existed = access(dest_path, F_OK) == 0;

	if (sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		rc = store_fail(st, STORE_FAILED, _("Cannot create %s: %s."), dest_path,
		    sqlite3_errmsg(dest));
		goto out;
	}
	if ((b = sqlite3_backup_init(dest, "main", st->db, "main")) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Backup failed: %s."), sqlite3_errmsg(dest));
		goto out;
	}
	/*
	 * Copy all pages in one step: one read transaction, one snapshot. In WAL
	 * mode a reader never blocks the writers, while a copy in several steps
	 * starts over whenever another connection commits in between, and never
	 * ends on a large school's database with teachers at work.
	 */
	for (;;) {
		int r = sqlite3_backup_step(b, -1);

		if (r == SQLITE_DONE)
			break;
		if (r == SQLITE_OK)
			continue;
		/*
		 * A short busy spell (a WAL reader's retry limit, a checkpoint) is
		 * tried again, for BACKUP_BUSY_MS. Not for ever: a program holding
		 * the whole database locked kept the nightly backup waiting until
		 * the next one.
		 */
		if ((r == SQLITE_BUSY || r == SQLITE_LOCKED) && tries++ * 5 < BACKUP_BUSY_MS) {
			sqlite3_sleep(5);
			continue;
		}
		if (r == SQLITE_BUSY || r == SQLITE_LOCKED)
			rc = store_fail(st, STORE_LOCKED, _("Another program holds the database "
			    "locked; no backup was made. Try again later."));
		else
			rc = store_fail(st, STORE_FAILED, _("Backup failed: %s."), sqlite3_errstr(r));
		goto out;
	}
	rc = STORE_OK;
out:
	if (b != NULL && sqlite3_backup_finish(b) != SQLITE_OK && rc == STORE_OK)
		rc = store_fail(st, STORE_FAILED, _("Backup failed: %s."), sqlite3_errmsg(dest));
	sqlite3_close(dest);
	/* A copy that failed is no copy: none is left to be taken for one. */
	if (rc != STORE_OK && !existed)
		unlink(dest_path);
	return rc;
}

/*
 * An archive is read by people, never logged into: the copy keeps the
 * journal and its audit, and loses what opens a door or tracks one (password
 * hashes, users' SSH keys, sessions, locks, failed logins). secure_delete
 * and VACUUM leave none of those bytes in free pages. It stays in WAL mode,
 * as the database is: opening it with dapter then changes no byte of it.
 *
 * The image is this connection's view (sqlite3_serialize), so it holds the
 * caller's uncommitted writes: the archive closes the year's periods and
 * copies them in one transaction, which the backup API cannot (it refuses a
 * source in a write transaction). It takes the database's size in memory.
 */
int
store_backup_for_reading(struct store *st, const char *dest_path)
{
	static const char strip[] =
	    "PRAGMA secure_delete = ON;"
	    "BEGIN;"
	    "UPDATE user SET pw_hash = NULL;"
	    "DELETE FROM user_key;"
	    "DELETE FROM session;"
	    "DELETE FROM lock;"
	    "DELETE FROM login_failure;";
	unsigned char *image = NULL;
	sqlite3_int64 size = 0, done = 0;
	sqlite3 *copy = NULL;
	char *msg = NULL;
	int fd = -1, rc = STORE_FAILED;

	store_reset_all(st);
	if ((image = sqlite3_serialize(st->db, "main", &size, 0)) == NULL) {
		rc = store_fail(st, STORE_FAILED, _("Backup failed: %s."), sqlite3_errmsg(st->db));
		goto out;
	}
	if ((fd = open(dest_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		rc = store_fail(st, STORE_FAILED, _("Cannot create %s: %s."), dest_path,
		    strerror(errno));
		goto out;
	}
	while (done < size) {
		ssize_t n = write(fd, image + done, (size_t)(size - done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = store_fail(st, STORE_FAILED, _("Cannot write %s: %s."), dest_path,
			    strerror(n < 0 ? errno : ENOSPC));
			goto out;
		}
		done += n;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = store_fail(st, STORE_FAILED, _("Cannot write %s: %s."), dest_path,
		    strerror(errno));
		goto out;
	}
	fd = -1;
	/* The copy's audit says what went, in the same transaction (store_audit_append_strip). */
	if (sqlite3_open_v2(dest_path, &copy, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(copy, strip, NULL, NULL, &msg) != SQLITE_OK ||
	    store_audit_append_strip(st, copy) != SQLITE_OK ||
	    sqlite3_exec(copy, "COMMIT; VACUUM;", NULL, NULL, &msg) != SQLITE_OK) {
		rc = store_fail(st, STORE_FAILED, _("Cannot clear the accounts' secrets in %s: %s."),
		    dest_path, msg != NULL ? msg : sqlite3_errmsg(copy));
		goto out;
	}
	rc = STORE_OK;
out:
	if (fd >= 0)
		close(fd);
	sqlite3_free(msg);
	sqlite3_free(image);
	if (sqlite3_close(copy) != SQLITE_OK && rc == STORE_OK)
		rc = store_fail(st, STORE_FAILED, _("Cannot write %s: %s."), dest_path,
		    sqlite3_errmsg(copy));
	return rc;
}

/* PRAGMA integrity_check or quick_check (O(N), without the index cross-checks). */
static int
integrity(struct store *st, const char *pragma)
{
	sqlite3_stmt *s = store_stmt(st, pragma);
	char first[256] = "";

	if (s == NULL)
		return STORE_FAILED;
	if (sqlite3_step(s) == SQLITE_ROW)
		store_col_text(s, 0, first, sizeof first);
	sqlite3_reset(s);
	if (strcmp(first, "ok") == 0)
		return STORE_OK;
	return store_fail(st, STORE_FAILED, _("The database is damaged: %s"), first);
}

int
store_integrity_check(struct store *st)
{
	return integrity(st, "PRAGMA integrity_check");
}

int
store_quick_check(struct store *st)
{
	return integrity(st, "PRAGMA quick_check");
}

const char *
role_name(enum role role)
{
	switch (role) {
	case ROLE_ADMIN:
		return "admin";
	case ROLE_HEAD:
		return "head";
	case ROLE_TEACHER:
		break;
	}
	return "teacher";
}

int
role_parse(const char *name, enum role *role)
{
	if (strcmp(name, "admin") == 0)
		*role = ROLE_ADMIN;
	else if (strcmp(name, "head") == 0)
		*role = ROLE_HEAD;
	else if (strcmp(name, "teacher") == 0)
		*role = ROLE_TEACHER;
	else
		return STORE_INVALID;
	return STORE_OK;
}
