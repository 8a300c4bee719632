/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_session: one connection, in its own process. See server.h.
 *
 * After the key exchange every client message (authentication, channel
 * opens, channel requests, global requests) reaches sess_message(), which
 * answers each one, so that PuTTY never waits for a reply. The only channel
 * served is one session channel; it runs either a dapter command (exec) on
 * pipes, or the journal UI (shell) on a pty kept by a session holder
 * (ssh_holder.c) that outlives a dropped link; both are the dapter program
 * itself. A user with a journal still open is offered to resume it. The
 * loop pumps bytes between the child (or holder) and the channel, with two
 * rules for weak links: pty output is gathered for a few milliseconds into
 * one packet, and nothing more is read from the child while libssh still
 * holds unsent bytes or the client's window is shut.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#ifdef HAVE_PIDFD_OPEN
#include <sys/pidfd.h>
#endif
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>

#include "i18n.h"
#include "server.h"
#include "ssh_argv.h"
#include "text.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define SESS_ENV_MAX	12
#define SESS_OUT_MAX	32768	/* bytes gathered from the child before we stop reading */
#define SESS_IN_MAX	16384	/* bytes from the client not yet taken by the child */
#define SESS_COALESCE_MS 5	/* pty output waits this long for more */
#define SESS_CLOSE_MS	3000	/* after exit-status, wait this long for the client's close */

extern char **environ;

struct sess {
	struct server_conn *conn;
	ssh_session session;
	ssh_channel chan;
	int pty;		/* a pty was asked for */
	char term[64];
	int cols, rows;
	char *env[SESS_ENV_MAX];	/* "NAME=value" the client sent and we accept */
	size_t nenv;

	pid_t child;		/* 0: nothing runs yet */
	int master;		/* pty master (a command on a pty), or -1 */
	int hold;		/* the UI's session holder, or -1 */
	int offer;		/* a detached UI we offer to resume, or -1 */
	int in_fd, out_fd, err_fd;	/* exec pipes, or -1 */
	int started, finished;
	int status;		/* the child's exit status once reaped */
	int reaped;
	int pidfd;		/* readable when the child ends, or -1 */

	char out[SESS_OUT_MAX];	/* toward the client: stdout or the pty */
	size_t nout;
	char err[SESS_OUT_MAX];	/* toward the client: stderr */
	size_t nerr;
	char in[SESS_IN_MAX];	/* toward the child */
	size_t nin;
	long long flush_at;	/* ms clock when `out` goes, or 0 */
	long long close_by;	/* ms clock to give up on the client's close */
	int resize_due;		/* the holder had no room for the latest size yet */
	long long authed_at;	/* ms clock of the login, or 0 */
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Keepalive, a user timeout and no Nagle delay: a dead phone never hangs us.
 * A link silent for `timeout` seconds (keepalive: half of it idle, then four
 * probes an eighth apart), or whose sent data stays unacknowledged that
 * long (TCP_USER_TIMEOUT), is dead; 120 s gives 60 + 4 x 15.
 */
static void
sess_socket_options(int fd, int timeout)
{
	int on = 1, idle = timeout / 2 > 0 ? timeout / 2 : 1;
	int intvl = timeout / 8 > 0 ? timeout / 8 : 1, cnt = 4;
	unsigned int user_timeout = (unsigned int)timeout * 1000;

	if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout,
	    sizeof user_timeout) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0)
		server_log(SERVER_LOG_ERR, "socket options: %s", strerror(errno));
}

/* 1 when terminfo has an entry for `term` (no curses here: look at the files). */
static int
sess_terminfo_has(const char *term)
{
	static const char *const dirs[] = { "/etc/terminfo", "/lib/terminfo",
	    "/usr/share/terminfo" };
	char path[256];
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%c/%s", dirs[i], term[0], term);
		if (stat(path, &sb) == 0)
			return 1;
		snprintf(path, sizeof path, "%s/%02x/%s", dirs[i], (unsigned char)term[0], term);
		if (stat(path, &sb) == 0)
			return 1;
	}
	return 0;
}

/* A name of letters, digits and ._+- only: safe for a path and an environment. */
static int
sess_word_ok(const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= max || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr("._+-@", s[i]) != NULL))
			return 0;
	return i > 0;
}

static const char *
sess_env_get(const struct sess *s, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < s->nenv; i++)
		if (strncmp(s->env[i], name, len) == 0 && s->env[i][len] == '=')
			return s->env[i] + len + 1;
	return NULL;
}

/* The client's language for our own messages and the child's: kk, ru or en. */
static const char *
sess_language(const struct sess *s)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = NULL, *lang = NULL;
	size_t i;

	for (i = 0; i < 3; i++)
		if ((v = sess_env_get(s, names[i])) != NULL && *v != '\0' &&
		    (lang = i18n_language_from_locale(v)) != NULL)
			return lang;
	return NULL;
}

/* TERM, LANG and LC_* only, with tame values. */
static int
sess_env_accept(struct sess *s, const char *name, const char *value)
{
	char *entry = NULL;
	size_t i;

	if (name == NULL || value == NULL || s->nenv == SESS_ENV_MAX)
		return 0;
	if (strcmp(name, "TERM") != 0 && strcmp(name, "LANG") != 0 &&
	    strncmp(name, "LC_", 3) != 0)
		return 0;
	if (!sess_word_ok(name, 32) || (*value != '\0' && !sess_word_ok(value, 64)))
		return 0;
	for (i = 0; i < s->nenv; i++)
		if (strncmp(s->env[i], name, strlen(name)) == 0 &&
		    s->env[i][strlen(name)] == '=')
			return 0;
	if ((entry = malloc(strlen(name) + strlen(value) + 2)) == NULL)
		return 0;
	sprintf(entry, "%s=%s", name, value);
	s->env[s->nenv++] = entry;
	return 1;
}

/* The child's environment: ours (PATH, DAPTER_*) and the client's few. */
static char **
sess_environment(struct sess *s)
{
	char **envp = NULL, *term = NULL;
	const char *lang = NULL;
	size_t n = 0, i, max = SESS_ENV_MAX + 64;

	if ((envp = calloc(max + 1, sizeof *envp)) == NULL)
		return NULL;
	for (i = 0; environ[i] != NULL && n < max - SESS_ENV_MAX - 4; i++)
		if ((strncmp(environ[i], "DAPTER_", 7) == 0 &&
		    strncmp(environ[i], "DAPTER_DB=", 10) != 0 &&
		    strncmp(environ[i], "DAPTER_LANG=", 12) != 0 &&
		    strncmp(environ[i], "DAPTER_ORIGIN=", 14) != 0) ||
		    strncmp(environ[i], "PATH=", 5) == 0 || strncmp(environ[i], "TZ=", 3) == 0)
			envp[n++] = environ[i];
	for (i = 0; i < s->nenv; i++)
		if (strncmp(s->env[i], "TERM=", 5) != 0)
			envp[n++] = s->env[i];
	if (s->pty) {
		/* The UI needs a terminal it can describe; fall back to xterm. */
		const char *t = s->term[0] != '\0' ? s->term : "xterm";

		if (!sess_terminfo_has(t))
			t = sess_terminfo_has("xterm-256color") ? "xterm-256color" : "xterm";
		if ((term = malloc(strlen(t) + 6)) == NULL)
			goto fail;
		sprintf(term, "TERM=%s", t);
		envp[n++] = term;
	}
	if ((lang = sess_language(s)) != NULL) {
		static char dl[32];

		snprintf(dl, sizeof dl, "DAPTER_LANG=%s", lang);
		envp[n++] = dl;
	}
	{
		/* `session list` names the client's address, not the holder's pty. */
		static char origin[96];

		snprintf(origin, sizeof origin, "DAPTER_ORIGIN=ssh %s", s->conn->addr);
		envp[n++] = origin;
	}
	envp[n] = NULL;
	return envp;
fail:
	free(envp);
	return NULL;
}

static void
sess_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		server_log(SERVER_LOG_ERR, "fcntl: %s", strerror(errno));
}

/* In the child, before exec: the defaults a fresh program expects. */
static void
sess_child_signals(void)
{
	struct sigaction sa;
	sigset_t none;
	int sig;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	alarm(0);
}

/*
 * Starts `dapter --db DB --as LOGIN --remote [-- ARGS]`: the UI (args NULL)
 * in a session holder of its own; a command on a pty when the client asked
 * for one (ssh -t HOST COMMAND, as sshd does); else on three pipes.
 */
static int
sess_spawn(struct sess *s, char **args, int nargs)
{
	char *argv[SSH_ARGV_MAX + 10];
	char **envp = NULL;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int master = -1, slave = -1, n = 0, i, rc = -1;
	struct winsize ws;
	pid_t pid;

	argv[n++] = (char *)"dapter";
	argv[n++] = (char *)"--db";
	argv[n++] = (char *)s->conn->db_path;
	argv[n++] = (char *)"--as";
	argv[n++] = s->conn->login;
	argv[n++] = (char *)"--remote";
	if (args != NULL) {
		argv[n++] = (char *)"--";
		for (i = 0; i < nargs; i++)
			argv[n++] = args[i];
	}
	argv[n] = NULL;
	if ((envp = sess_environment(s)) == NULL)
		goto out;
	if (s->pty && args == NULL) {
		/* The UI: in a holder of its own, to outlive a dropped link. */
		holder_bound(s->conn);
		if ((s->hold = holder_start(s->conn, argv, envp, s->cols, s->rows)) != -1) {
			s->started = 1;
			rc = 0;
			goto out;
		}
		/* Without a holder the journal still opens; it just cannot be resumed. */
		server_log(SERVER_LOG_WARNING,
		    "%s: no session holder; the journal runs without one", s->conn->session_id);
	}
	if (s->pty) {
		memset(&ws, 0, sizeof ws);
		ws.ws_col = (unsigned short)(s->cols > 0 ? s->cols : 80);
		ws.ws_row = (unsigned short)(s->rows > 0 ? s->rows : 24);
		if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
			server_log(SERVER_LOG_ERR, "%s: openpty: %s", s->conn->session_id,
			    strerror(errno));
			goto out;
		}
	} else if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(err, O_CLOEXEC) != 0) {
		server_log(SERVER_LOG_ERR, "%s: pipe: %s", s->conn->session_id, strerror(errno));
		goto out;
	}
	if ((pid = fork()) == -1) {
		server_log(SERVER_LOG_ERR, "%s: fork: %s", s->conn->session_id, strerror(errno));
		goto out;
	}
	if (pid == 0) {
		sess_child_signals();
		if (s->pty) {
			close(master);
			if (setsid() == -1 || ioctl(slave, TIOCSCTTY, 0) == -1 ||
			    dup2(slave, 0) == -1 || dup2(slave, 1) == -1 || dup2(slave, 2) == -1)
				_exit(127);
			if (slave > 2)
				close(slave);
		} else if (dup2(in[0], 0) == -1 || dup2(out[1], 1) == -1 || dup2(err[1], 2) == -1)
			_exit(127);
		execve(s->conn->self, argv, envp);
		_exit(127);
	}
	s->child = pid;
	s->started = 1;
	if (s->pty) {
		s->master = master;
		master = -1;
		sess_nonblock(s->master);
	} else {
		s->in_fd = in[1];
		s->out_fd = out[0];
		s->err_fd = err[0];
		in[1] = out[0] = err[0] = -1;
		sess_nonblock(s->in_fd);
		sess_nonblock(s->out_fd);
		sess_nonblock(s->err_fd);
	}
	rc = 0;
out:
	/* The child's ends, and whatever failed half-way. */
	for (i = 0; i < 2; i++) {
		if (in[i] != -1)
			close(in[i]);
		if (out[i] != -1)
			close(out[i]);
		if (err[i] != -1)
			close(err[i]);
	}
	if (slave != -1)
		close(slave);
	if (master != -1)
		close(master);
	if (envp != NULL) {
		for (i = 0; envp[i] != NULL; i++)
			if (strncmp(envp[i], "TERM=", 5) == 0 && s->pty)
				free(envp[i]);
		free(envp);
	}
	return rc;
}

/* Ends the channel with the child's exit status. */
static void
sess_finish(struct sess *s, int code)
{
	if (s->finished)
		return;
	s->finished = 1;
	s->close_by = now_ms() + SESS_CLOSE_MS;
	if (ssh_channel_request_send_exit_status(s->chan, code) != SSH_OK ||
	    ssh_channel_send_eof(s->chan) != SSH_OK || ssh_channel_close(s->chan) != SSH_OK)
		server_log(SERVER_LOG_ERR, "%s: cannot close the channel: %s", s->conn->session_id,
		    ssh_get_error(s->session));
}

/* A message of ours in the client's language (LANG, LC_* it sent). */
static const char *
sess_translate(struct sess *s, const char *msgid)
{
	const char *lang = sess_language(s);

	if (lang != NULL)
		i18n_set_language(lang);
	return _(msgid);
}

/* Ends the channel at once with a message on stderr and status 1. */
static void
sess_say(struct sess *s, const char *message)
{
	snprintf(s->err, sizeof s->err, "%s\n", message);
	s->nerr = strlen(s->err);
	s->started = 1;
	s->reaped = 1;
	s->status = 1;
}

/*
 * The command's words as the log shows them: a word with a space or a quote
 * (or none at all) in double quotes, then the whole passed through text_fit,
 * so that a client's escapes and newlines can neither rewrite a terminal
 * showing the log nor forge a line, and a huge command is cut at 200 columns.
 */
#define SESS_LOG_COLS 200

static char *
sess_shown_command(char *const args[], int nargs)
{
	char buf[SESS_LOG_COLS * 4 + 8];
	size_t len = 0;
	const char *w;
	int i, quote;

	/* Each step adds at most 4 bytes; the last 4 stay free for them and the NUL. */
	for (i = 0; i < nargs && len + 4 < sizeof buf; i++) {
		w = args[i];
		quote = w[0] == '\0' || strpbrk(w, " \"") != NULL;
		if (i > 0)
			buf[len++] = ' ';
		if (quote)
			buf[len++] = '"';
		for (; *w != '\0' && len + 4 < sizeof buf; w++) {
			if (*w == '"')
				buf[len++] = '\\';
			buf[len++] = *w;
		}
		if (quote)
			buf[len++] = '"';
	}
	buf[len] = '\0';
	return text_fit(buf, SESS_LOG_COLS, NULL);
}

static int
sess_exec(struct sess *s, ssh_message msg)
{
	const char *cmd = ssh_message_channel_request_command(msg);
	char **args = NULL, *help[] = { (char *)"help", NULL }, *shown = NULL;
	int nargs = 0, rc;

	if (s->conn->refusal != NULL) {
		sess_say(s, sess_translate(s, s->conn->refusal));
		ssh_message_channel_request_reply_success(msg);
		return 0;
	}
	if (cmd == NULL || ssh_argv_split(cmd, &args, &nargs) != 0) {
		server_log(SERVER_LOG_NOTICE, "%s: %s: an exec command that does not split",
		    s->conn->session_id, s->conn->login);
		return 1;
	}
	shown = sess_shown_command(args, nargs);
	server_log(SERVER_LOG_INFO, "%s: %s runs %s", s->conn->session_id, s->conn->login,
	    nargs == 0 ? "help" : shown != NULL ? shown : "?");
	free(shown);
	if (s->conn->notice != NULL) {
		snprintf(s->err, sizeof s->err, "%s\n", sess_translate(s, s->conn->notice));
		s->nerr = strlen(s->err);
	}
	rc = sess_spawn(s, nargs > 0 ? args : help, nargs > 0 ? nargs : 1);
	ssh_argv_free(args);
	if (rc != 0)
		return 1;
	ssh_message_channel_request_reply_success(msg);
	return 0;
}

static int
sess_shell(struct sess *s, ssh_message msg)
{
	const char *lang = sess_language(s);
	char since[16], prompt[512];

	ssh_message_channel_request_reply_success(msg);
	if (lang != NULL)
		i18n_set_language(lang);
	if (s->conn->refusal != NULL) {
		sess_say(s, _(s->conn->refusal));
		return 0;
	}
	if (!s->pty) {
		sess_say(s, _("dapter needs a terminal: use ssh -t (PuTTY: allocate a terminal)."));
		return 0;
	}
	if ((s->offer = holder_find(s->conn, since, sizeof since)) != -1) {
		/* The user's journal outlived a dropped link: ask before taking it over. */
		snprintf(prompt, sizeof prompt,
		    _("Your journal from %s is still open. Resume it? [Y/n]"), since);
		snprintf(s->out, sizeof s->out, "\r\n%s ", prompt);
		s->nout = strlen(s->out);
		s->started = 1;
		server_log(SERVER_LOG_INFO, "%s: %s has a journal open since %s; offered",
		    s->conn->session_id, s->conn->login, since);
		return 0;
	}
	server_log(SERVER_LOG_INFO, "%s: %s opens the journal (%s %dx%d)", s->conn->session_id,
	    s->conn->login, s->term[0] != '\0' ? s->term : "?", s->cols, s->rows);
	if (sess_spawn(s, NULL, 0) != 0) {
		s->started = 1;
		s->reaped = 1;
		s->status = 1;
	}
	return 0;
}

/* A client may send window changes by the thousand: their errors are limited. */
static struct server_log_limit sess_resize_log, sess_refusal_log;


/* Sends the client's size to the holder or the pty; a full holder socket keeps it due. */
static void
sess_resize(struct sess *s)
{
	struct winsize ws;
	unsigned char rec[4];

	s->resize_due = 0;
	if (s->hold != -1) {
		holder_resize_payload((unsigned)s->cols, (unsigned)s->rows, rec);
		if (holder_send(s->hold, HOLDER_RESIZE, rec, sizeof rec) == 0)
			return;
		/* Only the latest size matters: send it when the holder has room. */
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			s->resize_due = 1;
		else
			server_log_limited(&sess_resize_log, SERVER_LOG_NOTICE, "%s: resize: %s",
			    s->conn->session_id, strerror(errno));
		return;
	}
	if (s->master == -1)
		return;
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)s->cols;
	ws.ws_row = (unsigned short)s->rows;
	if (ioctl(s->master, TIOCSWINSZ, &ws) == -1)
		server_log_limited(&sess_resize_log, SERVER_LOG_NOTICE, "%s: resize: %s",
		    s->conn->session_id, strerror(errno));
}

/* One request on our channel: 0 when answered here, 1 for the default refusal. */

/*
 * The terminal size a client asks for. A client without a terminal of its
 * own (ssh -tt from a script, some phone apps at first) says 0x0, which no
 * screen can be drawn on: such a size, or an absurd one, means 80x24.
 */
static void
sess_size(struct sess *s, ssh_message msg)
{
	int cols = ssh_message_channel_request_pty_width(msg);
	int rows = ssh_message_channel_request_pty_height(msg);

	s->cols = cols > 0 && cols <= 1000 ? cols : 80;
	s->rows = rows > 0 && rows <= 1000 ? rows : 24;
}

static int
sess_channel_request(struct sess *s, ssh_message msg)
{
	const char *term = NULL;

	if (ssh_message_channel_request_channel(msg) != s->chan)
		return 1;
	switch (ssh_message_subtype(msg)) {
	case SSH_CHANNEL_REQUEST_PTY:
		if (s->started)
			return 1;
		term = ssh_message_channel_request_pty_term(msg);
		s->pty = 1;
		if (term != NULL && sess_word_ok(term, sizeof s->term - 1))
			snprintf(s->term, sizeof s->term, "%s", term);
		sess_size(s, msg);
		ssh_message_channel_request_reply_success(msg);
		return 0;
	case SSH_CHANNEL_REQUEST_WINDOW_CHANGE:
		sess_size(s, msg);
		sess_resize(s);
		ssh_message_channel_request_reply_success(msg);
		return 0;
	case SSH_CHANNEL_REQUEST_ENV:
		if (s->started || !sess_env_accept(s, ssh_message_channel_request_env_name(msg),
		    ssh_message_channel_request_env_value(msg)))
			return 1;
		ssh_message_channel_request_reply_success(msg);
		return 0;
	case SSH_CHANNEL_REQUEST_EXEC:
		return s->started ? 1 : sess_exec(s, msg);
	case SSH_CHANNEL_REQUEST_SHELL:
		return s->started ? 1 : sess_shell(s, msg);
	case SSH_CHANNEL_REQUEST_UNKNOWN:
		/*
		 * A vendor's request libssh does not know, such as PuTTY's
		 * winadj@ and simple@putty.projects.tartarus.org, which every
		 * PuTTY sends: declined as the protocol asks, and not logged,
		 * since it is harmless and would bury the refusals that matter.
		 */
		return 1;
	default:
		/* subsystem (sftp), x11 */
		server_log_limited(&sess_refusal_log, SERVER_LOG_NOTICE,
		    "%s: %s: refused a channel request (type %d)", s->conn->session_id,
		    s->conn->login, ssh_message_subtype(msg));
		return 1;
	}
}

/* Every message after the key exchange; libssh sends the default reply on 1. */
static int
sess_message(ssh_session session, ssh_message msg, void *arg)
{
	struct sess *s = arg;

	switch (ssh_message_type(msg)) {
	case SSH_REQUEST_AUTH:
		return server_auth_message(s->conn, session, msg);
	case SSH_REQUEST_SERVICE:
		return 1;
	default:
		break;
	}
	if (!s->conn->authenticated)
		return 1;
	switch (ssh_message_type(msg)) {
	case SSH_REQUEST_CHANNEL_OPEN:
		if (ssh_message_subtype(msg) != SSH_CHANNEL_SESSION || s->chan != NULL) {
			server_log_limited(&sess_refusal_log, SERVER_LOG_NOTICE,
			    "%s: %s: refused a channel (type %d)", s->conn->session_id,
			    s->conn->login, ssh_message_subtype(msg));
			return 1;
		}
		if ((s->chan = ssh_message_channel_request_open_reply_accept(msg)) == NULL)
			server_log(SERVER_LOG_ERR, "%s: cannot open a channel",
			    s->conn->session_id);
		return 0;
	case SSH_REQUEST_CHANNEL:
		return sess_channel_request(s, msg);
	case SSH_REQUEST_GLOBAL:
		if (ssh_message_subtype(msg) == SSH_GLOBAL_REQUEST_TCPIP_FORWARD)
			server_log_limited(&sess_refusal_log, SERVER_LOG_NOTICE,
			    "%s: %s: refused port forwarding", s->conn->session_id, s->conn->login);
		return 1;
	default:
		return 1;
	}
}

/* Reads what the child wrote into buf; -1 at its end. */
static int
sess_drain(int fd, char *buf, size_t *len, size_t cap)
{
	ssize_t n;

	if (*len >= cap)
		return 0;
	n = read(fd, buf + *len, cap - *len);
	if (n > 0) {
		*len += (size_t)n;
		return 0;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	return -1;		/* EOF, or EIO: the pty's slave side is gone */
}

/* Sends as much of buf as the client's window takes. */
static int
sess_send(struct sess *s, char *buf, size_t *len, int is_stderr)
{
	uint32_t window;
	int n;

	if (*len == 0)
		return 0;
	window = ssh_channel_window_size(s->chan);
	if (window == 0)
		return 0;
	n = is_stderr ? ssh_channel_write_stderr(s->chan, buf, (uint32_t)(*len < window ? *len :
	    window)) : ssh_channel_write(s->chan, buf, (uint32_t)(*len < window ? *len : window));
	if (n == SSH_ERROR)
		return -1;
	if (n > 0) {
		memmove(buf, buf + n, *len - (size_t)n);
		*len -= (size_t)n;
	}
	return 0;
}

static void
sess_close_fd(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

/* Stops the child: the client is gone. */
static void
sess_kill(struct sess *s)
{
	int i;

	if (s->child <= 0 || s->reaped)
		return;
	/* The UI leads its own session: hang up the whole group, as a terminal would. */
	kill(s->master != -1 ? -s->child : s->child, s->master != -1 ? SIGHUP : SIGTERM);
	for (i = 0; i < 20; i++) {
		if (waitpid(s->child, NULL, WNOHANG) == s->child) {
			s->reaped = 1;
			return;
		}
		usleep(50000);
	}
	kill(s->master != -1 ? -s->child : s->child, SIGKILL);
	waitpid(s->child, NULL, 0);
	s->reaped = 1;
}

/* The answer to the offer of a detached journal: resume it, or start anew. */
static void
sess_answer(struct sess *s)
{
	/* No as every question takes it (n, нет, жоқ); anything else resumes. */
	char first[3] = "";
	int no;

	if (s->nin > 0)
		memcpy(first, s->in, s->nin >= 2 && ((unsigned char)s->in[0] & 0xe0) == 0xc0 ? 2 :
		    1);
	no = i18n_answer(first) == 0;

	s->nin = 0;
	if (!no) {
		s->hold = s->offer;
		s->offer = -1;
		server_log(SERVER_LOG_INFO, "%s: %s resumes the journal (%dx%d)",
		    s->conn->session_id, s->conn->login, s->cols, s->rows);
		/* The holder repaints for the new screen's size. */
		sess_resize(s);
		return;
	}
	sess_close_fd(&s->offer);
	memcpy(s->out + s->nout, "\r\n", 2);
	s->nout += 2;
	server_log(SERVER_LOG_INFO, "%s: %s opens a new journal (%s %dx%d)", s->conn->session_id,
	    s->conn->login, s->term[0] != '\0' ? s->term : "?", s->cols, s->rows);
	if (sess_spawn(s, NULL, 0) != 0) {
		s->reaped = 1;
		s->status = 1;
	}
}

/* A record from the holder: the UI's output, or its end. */
static void
sess_from_holder(struct sess *s)
{
	char rec[HOLDER_RECORD + 1];
	ssize_t n = recv(s->hold, rec, sizeof rec, MSG_DONTWAIT);
	struct holder_record r;
	int type = n > 0 ? holder_record_parse(rec, (size_t)n, &r) : -1;

	if (type == HOLDER_DATA) {
		memcpy(s->out + s->nout, r.data, r.len);
		s->nout += r.len;
		if (s->flush_at == 0)
			s->flush_at = now_ms() + SESS_COALESCE_MS;
	} else if (type == HOLDER_EXIT) {
		s->status = r.status;
		s->reaped = 1;
		sess_close_fd(&s->hold);
	} else if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		/* The holder went away, or another login of the user took it over. */
		s->status = 1;
		s->reaped = 1;
		sess_close_fd(&s->hold);
	}
}

/* The pump: one turn of poll, libssh, the child's fds. Returns -1 to end. */
static int
sess_turn(struct sess *s, ssh_event event)
{
	struct pollfd pfd[6];
	int nfd = 0, ix_sock, ix_out = -1, ix_err = -1, ix_hold = -1, n;
	int pending = (ssh_get_status(s->session) & SSH_WRITE_PENDING) != 0;
	int outfd = s->master != -1 ? s->master : s->out_fd;
	int infd = s->master != -1 ? s->master : s->in_fd;
	int timeout = 1000, rc;
	long long now = now_ms();

	pfd[nfd].fd = ssh_get_fd(s->session);
	pfd[nfd].events = POLLIN | (pending ? POLLOUT : 0);
	ix_sock = nfd++;
	/* Backpressure: read the child only while the link keeps up. */
	if (!pending && s->chan != NULL) {
		if (outfd != -1 && s->nout < sizeof s->out) {
			pfd[nfd].fd = outfd;
			pfd[nfd].events = POLLIN;
			ix_out = nfd++;
		}
		if (s->err_fd != -1 && s->nerr < sizeof s->err) {
			pfd[nfd].fd = s->err_fd;
			pfd[nfd].events = POLLIN;
			ix_err = nfd++;
		}
		if (s->hold != -1 && s->nout + HOLDER_RECORD <= sizeof s->out) {
			pfd[nfd].fd = s->hold;
			pfd[nfd].events = POLLIN;
			ix_hold = nfd++;
		}
	}
	if ((s->nin > 0 && (s->hold != -1 || infd != -1)) || (s->resize_due && s->hold != -1)) {
		pfd[nfd].fd = s->hold != -1 ? s->hold : infd;
		pfd[nfd++].events = POLLOUT;
	}
	if (s->flush_at != 0)
		timeout = s->flush_at > now ? (int)(s->flush_at - now) : 0;
	else if (s->child > 0 && outfd == -1 && s->err_fd == -1 && !s->reaped) {
		/*
		 * The child's output ended: wait for its exit, woken by its pidfd.
		 * Its exit comes a moment after its last write, and the 50 ms
		 * poll alone made every exec over SSH 50 ms slower.
		 */
#ifdef HAVE_PIDFD_OPEN
		if (s->pidfd == -1)
			s->pidfd = pidfd_open(s->child, 0);
#endif
		if (s->pidfd != -1) {
			pfd[nfd].fd = s->pidfd;
			pfd[nfd++].events = POLLIN;
		}
		timeout = 50;
	}
	else if (s->finished)
		timeout = 100;
	if (poll(pfd, (nfds_t)nfd, timeout) == -1 && errno != EINTR)
		return -1;

	/* An error here is a dead link (a TCP timeout): said and handled just below. */
	if (pfd[ix_sock].revents != 0 || pending)
		ssh_event_dopoll(event, 0);
	if (!ssh_is_connected(s->session)) {
		if (s->hold != -1)
			server_log(SERVER_LOG_NOTICE,
			    "%s: %s: the link dropped; the journal waits %d s", s->conn->session_id,
			    s->conn->login, s->conn->detached_max);
		else if (s->started && !s->finished)
			server_log(SERVER_LOG_NOTICE, "%s: %s: the client went away",
			    s->conn->session_id, s->conn->login);
		return -1;
	}
	/*
	 * A login that never starts a command or the journal holds a process and
	 * a session slot for nothing (ssh -N, a wedged client): it has until
	 * --link-timeout, as a silent link has.
	 */
	if (s->conn->authenticated && s->authed_at == 0)
		s->authed_at = now;
	if (s->authed_at != 0 && !s->started &&
	    now - s->authed_at > (long long)s->conn->link_timeout * 1000) {
		server_log(SERVER_LOG_NOTICE, "%s: %s started nothing in %d s, closing",
		    s->conn->session_id, s->conn->login, s->conn->link_timeout);
		return -1;
	}
	if (s->chan == NULL)
		return 0;

	/* Client -> child, holder or offer. */
	if ((s->child > 0 && !s->reaped) || s->hold != -1 || s->offer != -1) {
		while (s->nin < sizeof s->in && (n = ssh_channel_read_nonblocking(s->chan,
		    s->in + s->nin, (uint32_t)(sizeof s->in - s->nin), 0)) > 0)
			s->nin += (size_t)n;
		if (s->offer != -1 && s->nin > 0)
			sess_answer(s);
		else if (s->hold != -1 && s->nin > 0) {
			size_t k = s->nin < HOLDER_RECORD ? s->nin : HOLDER_RECORD;

			if (holder_send(s->hold, HOLDER_DATA, s->in, k) == 0) {
				memmove(s->in, s->in + k, s->nin - k);
				s->nin -= k;
			} else if (errno != EAGAIN && errno != EWOULDBLOCK)
				s->nin = 0;
		} else if (s->nin > 0 && infd != -1) {
			ssize_t w = write(infd, s->in, s->nin);

			if (w > 0) {
				memmove(s->in, s->in + w, s->nin - (size_t)w);
				s->nin -= (size_t)w;
			} else if (w < 0 && errno != EAGAIN && errno != EINTR)
				s->nin = 0;	/* the child closed its input */
		}
		if (s->in_fd != -1 && s->nin == 0 && ssh_channel_is_eof(s->chan))
			sess_close_fd(&s->in_fd);
	}

	if (s->resize_due && s->hold != -1)
		sess_resize(s);

	/* Child -> client. */
	if (ix_hold != -1 && pfd[ix_hold].revents != 0 && s->hold != -1)
		sess_from_holder(s);
	if (ix_out != -1 && pfd[ix_out].revents != 0) {
		rc = sess_drain(outfd, s->out, &s->nout, sizeof s->out);
		if (rc != 0) {
			if (s->master != -1)
				sess_close_fd(&s->master);
			else
				sess_close_fd(&s->out_fd);
		}
		if (s->master != -1 && s->flush_at == 0 && s->nout < sizeof s->out)
			s->flush_at = now_ms() + SESS_COALESCE_MS;
	}
	if (ix_err != -1 && pfd[ix_err].revents != 0 &&
	    sess_drain(s->err_fd, s->err, &s->nerr, sizeof s->err) != 0)
		sess_close_fd(&s->err_fd);
	if (s->flush_at == 0 || now_ms() >= s->flush_at || s->nout == sizeof s->out ||
	    (s->master == -1 && s->hold == -1)) {
		if (sess_send(s, s->out, &s->nout, 0) != 0 ||
		    sess_send(s, s->err, &s->nerr, 1) != 0)
			return -1;
		s->flush_at = 0;
	}

	/* The child's end. */
	if (s->child > 0 && !s->reaped) {
		int st;

		if (waitpid(s->child, &st, WNOHANG) == s->child) {
			s->reaped = 1;
			s->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
	}
	if (s->started && s->reaped && s->master == -1 && s->hold == -1 && s->offer == -1 &&
	    s->out_fd == -1 && s->err_fd == -1 && s->nout == 0 && s->nerr == 0 &&
	    !s->finished) {
		server_log(SERVER_LOG_INFO, "%s: %s: exit status %d", s->conn->session_id,
		    s->conn->login, s->status);
		sess_finish(s, s->status);
	}
	/* Done: let the client close the connection, as clients expect to. */
	if (s->finished && now_ms() > s->close_by)
		return -1;
	if (!s->finished && ssh_channel_is_closed(s->chan)) {
		server_log(SERVER_LOG_NOTICE, "%s: %s: the client went away", s->conn->session_id,
		    s->conn->login);
		return -1;
	}
	return 0;
}

static char sess_grace_line[160];

/* The login grace time is over: say so (async-signal-safe) and go. */
static void
sess_grace_over(int sig)
{
	/* The status tells the listener why: the address owes a penalty (ssh_penalty.c). */
	if (write(STDERR_FILENO, sess_grace_line, strlen(sess_grace_line)) < 0)
		_exit(SERVER_EXIT_GRACE);
	_exit(SERVER_EXIT_GRACE);
}

/*
 * Offers only the delayed zlib@openssh.com, never plain zlib: it starts
 * after the login, so no byte a client sends before it is ever inflated.
 * Offering it alone is what makes a default OpenSSH or PuTTY compress: a
 * client takes the first of its own list that the server has, and theirs
 * start with none.
 */
static int
sess_compression(ssh_session session, enum server_compression c)
{
	const char *offer = c == SERVER_COMPRESS_NO ? "none" :
	    c == SERVER_COMPRESS_YES ? "zlib@openssh.com" : "none,zlib@openssh.com";

	if (ssh_options_set(session, SSH_OPTIONS_COMPRESSION_S_C, offer) != SSH_OK ||
	    ssh_options_set(session, SSH_OPTIONS_COMPRESSION_C_S, offer) != SSH_OK)
		return -1;
	return 0;
}

/*
 * The clients that offer zlib@openssh.com though not asked to compress,
 * by the banner they send first: OpenSSH (Windows' own from 8.1 only: 10's
 * 7.7 has no zlib) and PuTTY. ConnectBot, and libssh's, libssh2's and
 * paramiko's defaults offer none alone: told to compress they could not
 * connect, so they keep their choice.
 */
static int
sess_client_compresses(const char *banner)
{
	static const char windows[] = "SSH-2.0-OpenSSH_for_Windows_";
	int major = 0, minor = 0;

	if (strncmp(banner, windows, strlen(windows)) == 0)
		return sscanf(banner + strlen(windows), "%d.%d", &major, &minor) == 2 &&
		    (major > 8 || (major == 8 && minor >= 1));
	return strncmp(banner, "SSH-2.0-OpenSSH_", strlen("SSH-2.0-OpenSSH_")) == 0 ||
	    strncmp(banner, "SSH-2.0-PuTTY", strlen("SSH-2.0-PuTTY")) == 0;
}

/*
 * libssh 0.10 says neither what a client sent as its banner before the
 * server's KEXINIT goes out, nor what the key exchange chose for
 * compression; its log lines do, and the key exchange's are read here.
 * "SSH client banner: ..." is logged on the banner's arrival, just before
 * the server's KEXINIT is sent: compression = auto narrows the offer then
 * (ssh_server_init_kex() is made for this moment). Were the line ever
 * missing, the offer stays the client's choice, which locks nobody out.
 * "Negotiated KEX,HOSTKEY,CIPHER,CIPHER,MAC,MAC,COMP,COMP,LANG,LANG" gives
 * the choice. Lines carry what a client sent, so only a line that starts
 * so counts, and only names of compressions are taken from it.
 */
struct sess_kex {
	ssh_session session;
	enum server_compression mode;
	int told;		/* auto: the banner was a compressing client's */
	char comp[2][32];	/* chosen toward the client, [1] from it */
};

static void
sess_kex_log(int priority, const char *function, const char *buffer, void *userdata)
{
	static const char *const known[] = { "none", "zlib@openssh.com", "zlib" };
	static const char banner[] = "SSH client banner: ", chose[] = "Negotiated ";
	struct sess_kex *kx = userdata;
	const char *p = buffer, *end;
	size_t len, flen = strlen(function), k;
	int i;

	if (kx == NULL)
		return;
	/* libssh 0.10 hands the callback "FUNCTION: MESSAGE". */
	if (strncmp(p, function, flen) == 0 && strncmp(p + flen, ": ", 2) == 0)
		p += flen + 2;
	if (strncmp(p, banner, strlen(banner)) == 0) {
		if (kx->mode == SERVER_COMPRESS_AUTO && !kx->told &&
		    sess_client_compresses(p + strlen(banner)) &&
		    sess_compression(kx->session, SERVER_COMPRESS_YES) == 0 &&
		    ssh_server_init_kex(kx->session) == SSH_OK)
			kx->told = 1;
		return;
	}
	if (strncmp(p, chose, strlen(chose)) != 0)
		return;
	p += strlen(chose);
	for (i = 0; i < 8 && p != NULL; i++) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		/* The 7th is client to server, the 8th server to client. */
		for (k = 0; i >= 6 && k < sizeof known / sizeof known[0]; k++)
			if (strlen(known[k]) == len && strncmp(p, known[k], len) == 0)
				snprintf(kx->comp[7 - i], sizeof kx->comp[0], "%s", known[k]);
		p = end != NULL ? end + 1 : NULL;
	}
}

int
server_connection(struct server_conn *conn, ssh_session session)
{
	struct sigaction sa;
	struct sess *s = NULL;
	ssh_event event = NULL;
	long timeout = conn->login_grace;
	struct sess_kex kx = { session, conn->compression, 0, { "", "" } };
	int rc = 1, fd, log_level, kex;
	size_t i;

	if ((s = calloc(1, sizeof *s)) == NULL)
		return 1;
	s->conn = conn;
	s->session = session;
	s->master = s->hold = s->offer = s->in_fd = s->out_fd = s->err_fd = s->pidfd = -1;
	fd = ssh_get_fd(session);
	if (fd != -1)
		sess_socket_options(fd, conn->link_timeout);
	server_peer_addr(fd, conn->addr, sizeof conn->addr);
	conn->started = time(NULL);
	server_log(SERVER_LOG_INFO, "%s: connection from %s", conn->session_id, conn->addr);
	snprintf(sess_grace_line, sizeof sess_grace_line,
	    "dapter[%ld]: %s: no login from %s in %d s, closing\n", (long)getpid(),
	    conn->session_id, conn->addr, conn->login_grace);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sess_grace_over;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	/* From connect to authenticated, login_grace seconds and not one more. */
	alarm((unsigned int)conn->login_grace);
	if (ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeout) != SSH_OK)
		goto out;
	/*
	 * Before the key exchange: the client's first requests may arrive in the
	 * same read as its NEWKEYS, and must not wait in libssh's queue.
	 */
	ssh_set_message_callback(session, sess_message, s);
	ssh_set_auth_methods(session, SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_PUBLICKEY |
	    SSH_AUTH_METHOD_INTERACTIVE);
	if (sess_compression(session, conn->compression) != 0) {
		server_log(SERVER_LOG_ERR, "%s: cannot set the compression: %s", conn->session_id,
		    ssh_get_error(session));
		goto out;
	}
	/* libssh logs nothing by default; only the key exchange's choice is wanted. */
	log_level = ssh_get_log_level();
	if (ssh_set_log_userdata(&kx) != SSH_OK || ssh_set_log_callback(sess_kex_log) != SSH_OK ||
	    ssh_set_log_level(SSH_LOG_DEBUG) != SSH_OK)
		goto out;
	kex = ssh_handle_key_exchange(session);
	/* kx lives on this stack: no later log line may reach it. */
	if (ssh_set_log_level(log_level) != SSH_OK || ssh_set_log_userdata(NULL) != SSH_OK)
		goto out;
	if (kex != SSH_OK) {
		server_log(SERVER_LOG_NOTICE, "%s: key exchange with %s failed: %s",
		    conn->session_id, conn->addr, ssh_get_error(session));
		if ((conn->compression == SERVER_COMPRESS_YES || kx.told) &&
		    strstr(ssh_get_error(session), "compression") != NULL)
			server_log(SERVER_LOG_NOTICE, "%s: the client at %s does not compress; "
			    "compression = client in dapter.conf lets it in", conn->session_id,
			    conn->addr);
		goto out;
	}
	server_log(SERVER_LOG_INFO, "%s: compression %s to the client, %s from it",
	    conn->session_id, *kx.comp[0] != '\0' ? kx.comp[0] : "?",
	    *kx.comp[1] != '\0' ? kx.comp[1] : "?");
	ssh_set_blocking(session, 0);
	if ((event = ssh_event_new()) == NULL || ssh_event_add_session(event, session) != SSH_OK)
		goto out;
	while (sess_turn(s, event) == 0)
		if (conn->authenticated)
			alarm(0);
	rc = 0;
	sess_kill(s);
	if (ssh_is_connected(session)) {
		ssh_blocking_flush(session, 2000);
		ssh_disconnect(session);
	}
	server_log(SERVER_LOG_INFO, "%s: connection from %s closed", conn->session_id, conn->addr);
out:
	if (event != NULL) {
		ssh_event_remove_session(event, session);
		ssh_event_free(event);
	}
	for (i = 0; i < s->nenv; i++)
		free(s->env[i]);
	sess_close_fd(&s->master);
	sess_close_fd(&s->hold);
	sess_close_fd(&s->offer);
	sess_close_fd(&s->in_fd);
	sess_close_fd(&s->out_fd);
	sess_close_fd(&s->err_fd);
	sess_close_fd(&s->pidfd);
	free(s);
	return rc;
}
