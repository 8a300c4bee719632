/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main: `dapter [--db PATH] [--as LOGIN] [COMMAND ...]`.
 *
 * With a command, runs it (cmd.h) as the operator, or as LOGIN with that
 * user's role; with none, opens the journal editor on this terminal.
 */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "conf.h"
#include "holder.h"
#include "i18n.h"
#include "server_module.h"
#include "ssh_argv.h"
#include "store.h"
#include "text.h"
#include "ui.h"

/* Words the user typed, echoed back: an escape sequence in them must not reach the terminal. */
static const char *
safe_word(const char *s, char *buf, size_t size)
{
	char *safe = text_safe(s);

	snprintf(buf, size, "%s", safe != NULL ? safe : "?");
	free(safe);
	return buf;
}

/* A word of letters, digits and `extra` only. */
static int
forced_word_ok(const char *s, const char *extra)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= 64 || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr(extra, s[i]) != NULL))
			return 0;
	return i > 0;
}

/* `-l NAME=VALUE` of mosh-server: a language and its locale, nothing else. */
static int
forced_locale_ok(const char *s)
{
	const char *eq = strchr(s, '=');
	char name[32];

	if (eq == NULL || (size_t)(eq - s) >= sizeof name)
		return 0;
	memcpy(name, s, (size_t)(eq - s));
	name[eq - s] = '\0';
	if (strcmp(name, "LANG") != 0 && (strncmp(name, "LC_", 3) != 0 ||
	    !forced_word_ok(name + 3, "_") || strpbrk(name + 3, "abcdefghijklmnopqrstuvwxyz")))
		return 0;
	return eq[1] == '\0' || forced_word_ok(eq + 1, "._-@");
}

/*
 * The options of `mosh-server new` that the mosh client sends and dapter
 * needs: -s, -c COLORS, -l LANG/LC_*=VALUE, -p PORT[:PORT], -i ADDRESS, -v.
 * Returns the index of the first word that is not one of them, or 0.
 */
static int
forced_mosh_bad(char **words, int n)
{
	int i;

	for (i = 2; i < n && strcmp(words[i], "--") != 0; i++) {
		if (strcmp(words[i], "-s") == 0 || strcmp(words[i], "-v") == 0)
			continue;
		if (i + 1 >= n)
			return i;
		if ((strcmp(words[i], "-c") == 0 && forced_word_ok(words[i + 1], "")) ||
		    (strcmp(words[i], "-l") == 0 && forced_locale_ok(words[i + 1])) ||
		    (strcmp(words[i], "-p") == 0 && forced_word_ok(words[i + 1], ":")) ||
		    (strcmp(words[i], "-i") == 0 && forced_word_ok(words[i + 1], ".:"))) {
			i++;
			continue;
		}
		return strcmp(words[i], "-l") == 0 ? i + 1 : i;
	}
	return 0;
}

/*
 * In forced mode the environment came through sshd, whose AcceptEnv (and
 * mosh-server's -l) the client may steer: nothing in it may change what
 * dapter does (DAPTER_TODAY, DAPTER_IDLE_LOCK...) or what it loads (LD_*).
 * Only where the program's own files live is kept, for a build not installed.
 */
static void
forced_env_clear(void)
{
	extern char **environ;
	char name[256];
	const char *eq = NULL;
	size_t i;

	for (i = 0; environ[i] != NULL;) {
		if ((strncmp(environ[i], "DAPTER_", 7) != 0 && strncmp(environ[i], "LD_", 3) != 0) ||
		    strncmp(environ[i], "DAPTER_LOCALEDIR=", 17) == 0 ||
		    strncmp(environ[i], "DAPTER_KEYMAPDIR=", 17) == 0 ||
		    (eq = strchr(environ[i], '=')) == NULL || (size_t)(eq - environ[i]) >= sizeof name) {
			i++;
			continue;
		}
		memcpy(name, environ[i], (size_t)(eq - environ[i]));
		name[eq - environ[i]] = '\0';
		/* unsetenv() moves the rest down: look at this index again. */
		if (unsetenv(name) != 0)
			i++;
	}
}

/*
 * dapter run from the tree it was built in (./quickstart, a developer) has
 * nothing installed yet: its catalogs are in the build's locales/ and its
 * keymaps in the source's keymaps/. The build tree is known by what is
 * beside the program: ../Makefile (the top one, which names the source
 * tree) and ../locales/. The variables are only defaults: a DAPTER_* the
 * user set wins, and the processes the server starts inherit them. An
 * installed program finds no such Makefile and uses the installed files.
 */
static void
use_build_tree(void)
{
	char exe[PATH_MAX], top[PATH_MAX], path[PATH_MAX + 32], line[PATH_MAX + 32];
	char *slash, *src = NULL;
	struct stat sb;
	ssize_t len;
	FILE *mk = NULL;

	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[len] = '\0';
	/* TOP/src/dapter: TOP is two slashes up. */
	if ((slash = strrchr(exe, '/')) == NULL)
		return;
	*slash = '\0';
	if ((slash = strrchr(exe, '/')) == NULL || strcmp(slash, "/src") != 0)
		return;
	*slash = '\0';
	snprintf(top, sizeof top, "%s", exe[0] != '\0' ? exe : "/");
	snprintf(path, sizeof path, "%s/locales", top);
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return;
	snprintf(path, sizeof path, "%s/Makefile", top);
	if ((mk = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, mk) != NULL)
		if (strncmp(line, "abs_top_srcdir = ", 17) == 0) {
			line[strcspn(line, "\n")] = '\0';
			src = line + 17;
			break;
		}
	fclose(mk);
	if (src == NULL)
		return;
	snprintf(path, sizeof path, "%s/locales", top);
	setenv("DAPTER_LOCALEDIR", path, 0);
	snprintf(path, sizeof path, "%s/keymaps", src);
	setenv("DAPTER_KEYMAPDIR", path, 0);
}

/*
 * The OpenSSH door: `ForceCommand dapter --db PATH --forced` in sshd_config.
 * sshd has authenticated the OS account; the dapter user of the same login
 * acts. The client's command (SSH_ORIGINAL_COMMAND) runs as a dapter command
 * exactly as the embedded server runs it, mosh-server is let through with
 * the journal as its program, and no command opens the journal.
 */
static int
run_forced(const char *db)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *cmd = getenv("SSH_ORIGINAL_COMMAND");
	char self[PATH_MAX], login[STORE_LOGIN_MAX + 1], **words = NULL;
	char *args[SSH_ARGV_MAX + 16];
	ssize_t len;
	int n = 0, k = 0, i;

	if (pw == NULL || strlen(pw->pw_name) > STORE_LOGIN_MAX) {
		fprintf(stderr, _("dapter: this account has no dapter login.\n"));
		return CMD_DENIED;
	}
	snprintf(login, sizeof login, "%s", pw->pw_name);
	if ((len = readlink("/proc/self/exe", self, sizeof self - 1)) < 0)
		return CMD_FAIL;
	self[len] = '\0';
	if (cmd != NULL && *cmd != '\0' && ssh_argv_split(cmd, &words, &n) != 0) {
		fprintf(stderr, _("dapter: cannot read the command (unclosed quote?).\n"));
		return CMD_USAGE;
	}
	/* Whatever runs next must not take the client's command for its own. */
	unsetenv("SSH_ORIGINAL_COMMAND");
	forced_env_clear();
	if (n > 1 && strcmp(words[0], "mosh-server") == 0 && strcmp(words[1], "new") == 0) {
		if ((i = forced_mosh_bad(words, n)) != 0) {
			char shown[128];

			fprintf(stderr, _("dapter: mosh-server's %s is not allowed here: only -s, -c, "
			    "-p, -i, -v and -l with LANG or LC_* values.\n"),
			    safe_word(words[i], shown, sizeof shown));
			return CMD_USAGE;
		}
		for (i = 0; i < n && strcmp(words[i], "--") != 0; i++)
			args[k++] = words[i];
		args[k++] = "--";
		args[k++] = self;
		args[k++] = "--db";
		args[k++] = (char *)db;
		args[k++] = "--forced";
		args[k] = NULL;
		execvp("mosh-server", args);
		fprintf(stderr, _("dapter: mosh-server is not installed here.\n"));
		return CMD_FAIL;
	}
	args[k++] = self;
	args[k++] = "--db";
	args[k++] = (char *)db;
	args[k++] = "--as";
	args[k++] = login;
	if (n == 0 && !isatty(STDIN_FILENO)) {
		fprintf(stderr, _("dapter needs a terminal: use ssh -t\n"));
		return CMD_FAIL;
	}
	if (n > 0) {
		args[k++] = "--remote";
		args[k++] = "--";
		for (i = 0; i < n; i++)
			args[k++] = words[i];
	}
	args[k] = NULL;
	execv(self, args);
	return CMD_FAIL;
}

/*
 * The database when no --db names one: $DAPTER_DB, else the configuration
 * file's (the installed server's), else ./dapter.db. NULL when the
 * configuration file is broken (the reason in err).
 */
static const char *
default_db(char *err, size_t errsize)
{
	const char *db = getenv("DAPTER_DB");

	if (db != NULL && *db != '\0')
		return db;
	if (conf_load(err, errsize) != 0)
		return NULL;
	db = conf_get("db");
	return db != NULL ? db : "dapter.db";
}

/* Whether a command's own words ask for help: --help before any "--". */
static int
asks_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, _("Usage: dapter [--db PATH] [--as LOGIN] [COMMAND [ARGS]]\n"
	    "`dapter help` lists the commands.\n"));
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *as = NULL;
	struct cmd_ctx ctx;
	const struct cmd *c = NULL;
	struct store *st = NULL;
	struct actor actor;
	struct user u;
	int i, used = 0, rc, remote = 0;
	char word[512], *help_argv[8];

	/* The session holder's own process (holder.h): the server runs it by this name. */
	if (argc > 0 && strcmp(argv[0], HOLDER_PROGRAM) == 0)
		return holder_main(argc, argv);
	use_build_tree();
	i18n_init();
	/* Keys are read by the server module's libssh, loaded only when one is added. */
	store_key_reader_set(server_key_read);
	/* Global options come before the command; the command's own follow it. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			db = argv[i] + 5;
		else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
			as = argv[++i];
		else if (strncmp(argv[i], "--as=", 5) == 0)
			as = argv[i] + 5;
		else if (strcmp(argv[i], "--forced") == 0) {
			if (db == NULL && (db = default_db(word, sizeof word)) == NULL) {
				fprintf(stderr, "dapter: %s\n", word);
				return CMD_FAIL;
			}
			return run_forced(db);
		} else if (strcmp(argv[i], "--remote") == 0)
			remote = 1;	/* run by the SSH server: no paths on this disk */
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			argv[i] = "help";
			break;
		} else if (strcmp(argv[i], "--version") == 0) {
			argv[i] = "version";
			break;
		} else {
			fprintf(stderr, _("dapter: unknown option %s\n"),
			    safe_word(argv[i], word, sizeof word));
			usage();
			return CMD_USAGE;
		}
	}
	if (i < argc)
		c = cmd_find(argc - i, argv + i, &used);
	if (c != NULL && c != &cmd_help && asks_help(argc - i - used, argv + i + used)) {
		/* `dapter user add --help` is `dapter help user add`: no database needed. */
		int k;

		help_argv[0] = "help";	/* command names have at most three words */
		for (k = 0; k < used; k++)
			help_argv[k + 1] = argv[i + k];
		help_argv[used + 1] = NULL;
		argv = help_argv;
		argc = used + 1;
		i = 0;
		c = &cmd_help;
	}
	/* help and version need no database, so a broken configuration does not stop them. */
	if (db == NULL && (db = default_db(word, sizeof word)) == NULL &&
	    c != &cmd_help && c != &cmd_version) {
		fprintf(stderr, "dapter: %s\n", word);
		return CMD_FAIL;
	}
	if (i == argc)
		return ui_main(db, as);

	memset(&ctx, 0, sizeof ctx);
	ctx.db_path = db;
	ctx.remote = remote;
	ctx.in = stdin;
	ctx.out = stdout;
	ctx.err = stderr;
	/* help run by a user lists what her role may run, so it reads the store. */
	if (c != NULL && (c->flags & CMD_NO_DB) && !(as != NULL && c == &cmd_help)) {
		if (as != NULL && strcmp(c->name, "help") != 0 && strcmp(c->name, "version") != 0) {
			fprintf(stderr, _("dapter: `%s` is for the server's operator, not --as.\n"),
			    c->name);
			return CMD_DENIED;
		}
		return cmd_main(&ctx, argc - i, argv + i);
	}
	if ((rc = store_open(db, 0, &st)) != STORE_OK) {
		fprintf(stderr, "dapter: %s\n", safe_word(store_error(st), word, sizeof word));
		store_close(st);
		return CMD_FAIL;
	}
	if (as != NULL) {
		if (store_user_find(st, as, &u) != STORE_OK || u.disabled) {
			fprintf(stderr, _("dapter: there is no active user %s.\n"),
			    safe_word(as, word, sizeof word));
			store_close(st);
			return CMD_DENIED;
		}
		memset(&actor, 0, sizeof actor);
		actor.user_id = u.id;
		snprintf(actor.login, sizeof actor.login, "%s", u.login);
		actor.role = u.role;
		snprintf(actor.session, sizeof actor.session, "cli-%ld", (long)getpid());
		store_set_actor(st, &actor);
		/* Her own language, as in the journal (over SSH the client's LANG came first). */
		if (u.lang[0] != '\0')
			i18n_set_language(u.lang);
	}
	ctx.st = st;
	rc = cmd_main(&ctx, argc - i, argv + i);
	if (fflush(stdout) != 0 && rc == CMD_OK) {
		fprintf(stderr, _("dapter: could not write the output.\n"));
		rc = CMD_FAIL;
	}
	store_close(st);
	return rc;
}
