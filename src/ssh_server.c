/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_server: the listener of `dapter serve`. See server.h.
 *
 * It makes or loads the host keys, listens, and forks one process per
 * connection; the parent never reads a byte from a client, only counts and
 * reaps its children. The algorithms are today's safe ones (ssh-audit finds
 * nothing to fail) that OpenSSH 7.x and PuTTY 0.7x speak.
 *
 * Connections that have not logged in yet are limited apart from sessions,
 * as OpenSSH's MaxStartups and PerSourceMaxStartups do: a small number per
 * address, and a total past which new ones are dropped at random, more
 * often the fuller it is. A child tells the listener over a socketpair
 * when its client has logged in, and asks whether a session slot is free;
 * so silent or guessing connections never take the place of a teacher who
 * has logged in. It also says 'F' at each failed authentication: a process
 * that ends without logging in costs its address a penalty (ssh_penalty.c),
 * which refuses the address's new connections for a while.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "server.h"
#include "server_module.h"
#include "store.h"

#define SERVER_KEX	"curve25519-sha256,curve25519-sha256@libssh.org," \
	"diffie-hellman-group16-sha512,diffie-hellman-group18-sha512"
/* Every client that has aes128-gcm or aes192-ctr has aes256-gcm and the other ctr. */
#define SERVER_CIPHERS	"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com," \
	"aes256-ctr,aes128-ctr"
/*
 * Encrypt-then-MAC first; the plain hmac-sha2 pair after them for clients that
 * know nothing else (ConnectBot 1.9, libssh2 before 1.11). They are only ever
 * used with the CTR ciphers (GCM and chacha20-poly1305 carry their own MAC),
 * which the Terrapin prefix truncation does not touch.
 */
#define SERVER_MACS	"hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com," \
	"hmac-sha2-256,hmac-sha2-512"
#define SERVER_HOSTKEYS	"ssh-ed25519,rsa-sha2-512,rsa-sha2-256"
/*
 * The user keys `dapter user key add` takes, no certificates: the list is
 * also the server-sig-algs sent at connect, which libssh would fill with
 * fifteen names.
 */
#define SERVER_USERKEYS	"ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384," \
	"ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com," \
	"rsa-sha2-512,rsa-sha2-256"

static volatile sig_atomic_t server_reap;
static volatile sig_atomic_t server_stopping;

/* A connection process, as the listener knows it. */
struct server_kid {
	pid_t pid;
	int fd;			/* our end of its socketpair, or -1 once it ended */
	int authed;		/* it has logged in and holds a session slot */
	int logged_in;		/* it has logged in (even if refused a slot): no penalty */
	int failed;		/* it failed an authentication */
	char addr[64];
};

static struct server_kid *server_kids;
static size_t server_nkids, server_capkids;

static void
server_sigchld(int sig)
{
	server_reap = 1;
}

static void
server_sigstop(int sig)
{
	server_stopping = 1;
}

/* Prints "TYPE SHA256:..." for the key. */
static int
server_fingerprint(ssh_key key, const char *name, FILE *out)
{
	unsigned char *hash = NULL;
	char *fp = NULL;
	size_t len = 0;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) != 0)
		return -1;
	if ((fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len)) != NULL)
		fprintf(out, "  %-12s %s\n", name, fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_string_free_char(fp);
	return 0;
}

int
server_hostkeys(ssh_bind bind, const char *dir, FILE *out, FILE *err)
{
	static const struct {
		const char *file, *name;
		enum ssh_keytypes_e type;
		int bits;
	} keys[] = {
		{ "ssh_host_ed25519_key", "ssh-ed25519", SSH_KEYTYPE_ED25519, 0 },
		{ "ssh_host_rsa_key", "ssh-rsa", SSH_KEYTYPE_RSA, 3072 },
	};
	char path[4096];
	ssh_key key = NULL;
	struct stat sb;
	mode_t old_mask;
	size_t i;
	int rc = -1, made;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(err, _("dapter: cannot make %s: %s\n"), dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(err, _("dapter: %s is not a directory.\n"), dir);
		return -1;
	}
	fprintf(out, _("Host key fingerprints:\n"));
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, keys[i].file) >= sizeof path)
			goto out;
		made = 0;
		if (access(path, F_OK) != 0) {
			if (ssh_pki_generate(keys[i].type, keys[i].bits, &key) != SSH_OK) {
				fprintf(err, _("dapter: cannot make a %s host key.\n"),
				    keys[i].name);
				goto out;
			}
			old_mask = umask(077);
			rc = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
			umask(old_mask);
			if (rc != SSH_OK || chmod(path, 0600) != 0) {
				fprintf(err, _("dapter: cannot write %s.\n"), path);
				rc = -1;
				goto out;
			}
			rc = -1;
			made = 1;
		} else if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK) {
			fprintf(err, _("dapter: cannot read the host key %s.\n"), path);
			goto out;
		}
		if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_HOSTKEY, path) != SSH_OK) {
			fprintf(err, "dapter: %s: %s\n", path, ssh_get_error(bind));
			goto out;
		}
		if (server_fingerprint(key, keys[i].name, out) != 0)
			goto out;
		if (made)
			fprintf(out, _("    (new, written to %s)\n"), path);
		ssh_key_free(key);
		key = NULL;
	}
	rc = 0;
out:
	if (key != NULL)
		ssh_key_free(key);
	return rc;
}

/* Sets the listen address, port and algorithms. */
static int
server_bind_options(ssh_bind bind, const struct server_opts *o, FILE *err)
{
	static const struct {
		enum ssh_bind_options_e opt;
		const char *value;
	} algos[] = {
		{ SSH_BIND_OPTIONS_KEY_EXCHANGE, SERVER_KEX },
		{ SSH_BIND_OPTIONS_CIPHERS_C_S, SERVER_CIPHERS },
		{ SSH_BIND_OPTIONS_CIPHERS_S_C, SERVER_CIPHERS },
		{ SSH_BIND_OPTIONS_HMAC_C_S, SERVER_MACS },
		{ SSH_BIND_OPTIONS_HMAC_S_C, SERVER_MACS },
		{ SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, SERVER_HOSTKEYS },
		{ SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES, SERVER_USERKEYS },
	};
	size_t i;
	int no = 0;

	/* libssh must not read /etc/ssh/libssh_server_config behind our back. */
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no) != SSH_OK ||
	    ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDADDR, o->listen) != SSH_OK ||
	    ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDPORT_STR, o->port) != SSH_OK ||
	    ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BANNER, "dapter_" PACKAGE_VERSION) !=
	    SSH_OK)
		goto fail;
	for (i = 0; i < sizeof algos / sizeof algos[0]; i++)
		if (ssh_bind_options_set(bind, algos[i].opt, algos[i].value) != SSH_OK)
			goto fail;
	return 0;
fail:
	fprintf(err, "dapter: %s\n", ssh_get_error(bind));
	return -1;
}

/* The connection process: never returns. */
static void
server_child(const struct server_opts *o, const char *self, const char *sessdir, ssh_bind bind,
    ssh_session session, int slot_fd)
{
	struct server_conn conn;
	struct sigaction sa;
	size_t i;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* The listening socket and the other children's sockets are the listener's alone. */
	ssh_bind_free(bind);
	for (i = 0; i < server_nkids; i++)
		if (server_kids[i].fd != -1)
			close(server_kids[i].fd);
	memset(&conn, 0, sizeof conn);
	conn.db_path = o->db_path;
	conn.self = self;
	conn.login_grace = o->login_grace > 0 ? o->login_grace : SERVER_LOGIN_GRACE;
	conn.session_dir = sessdir;
	conn.detached_max = o->detached_max > 0 ? o->detached_max : SERVER_DETACHED_MAX;
	conn.detached_per_user =
	    o->detached_per_user > 0 ? o->detached_per_user : SERVER_DETACHED_PER_USER;
	conn.detached_total = o->detached_total > 0 ? o->detached_total : SERVER_DETACHED_TOTAL;
	conn.link_timeout = o->link_timeout > 0 ? o->link_timeout : SERVER_LINK_TIMEOUT;
	conn.compression = o->compression;
	conn.slot_fd = slot_fd;
	snprintf(conn.session_id, sizeof conn.session_id, "ssh-%ld", (long)getpid());
	rc = server_connection(&conn, session);
	ssh_free(session);
	ssh_finalize();
	_exit(rc);
}

/*
 * Logs the audit head (the last record's ID:HASH) at start and once a day:
 * the log leaves the server (journald, syslog), so it anchors the chain
 * against a tail cut or a rewrite (`audit verify --head`).
 */
static void
server_log_head(const char *db_path, char day[11])
{
	struct store *st = NULL;
	char today[11], hash[65];
	int64_t id = 0;

	store_today(today);
	if (strcmp(today, day) == 0)
		return;
	if (store_open(db_path, 0, &st) == STORE_OK &&
	    store_audit_head(st, &id, hash) == STORE_OK) {
		server_log(SERVER_LOG_INFO, "audit head %lld:%s", (long long)id, hash);
		snprintf(day, 11, "%s", today);
	}
	store_close(st);
}

int
server_slot_ask(struct server_conn *conn)
{
	struct pollfd pfd;
	char answer = 0;

	if (conn->slot_fd == -1)
		return 1;
	pfd.fd = conn->slot_fd;
	pfd.events = POLLIN;
	/*
	 * The listener answers at once; a bound all the same, and yes if it is
	 * gone (it stopped: sessions go on without it). One question per
	 * connection: the socket closes after it, so that no holder or child
	 * forked later keeps it.
	 */
	if (write(conn->slot_fd, "A", 1) != 1 || poll(&pfd, 1, 5000) != 1 ||
	    read(conn->slot_fd, &answer, 1) != 1)
		answer = 'y';
	close(conn->slot_fd);
	conn->slot_fd = -1;
	return answer == 'y';
}

void
server_slot_failed(struct server_conn *conn)
{
	/* A listener that is gone (stopped) penalises nobody: nothing to do when this fails. */
	if (conn->slot_fd != -1 && write(conn->slot_fd, "F", 1) != 1)
		return;
}

void
server_peer_addr(int fd, char *buf, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	snprintf(buf, size, "?");
	if (fd == -1 || getpeername(fd, (struct sockaddr *)&ss, &len) != 0)
		return;
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, buf, (socklen_t)size);
	else if (ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, buf,
		    (socklen_t)size);
}

/*
 * A child that ended without logging in costs its address a penalty, as
 * OpenSSH's sshd does: by the way it ended. What it said last is read
 * first: a failure it reported just before it exited still counts.
 */
static void
server_kid_ended(struct server_kid *k, int status)
{
	char c;
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

	while (k->fd != -1 && recv(k->fd, &c, 1, MSG_DONTWAIT) == 1) {
		k->failed |= c == 'F';
		k->logged_in |= c == 'A';
	}
	if (k->logged_in)
		return;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGABRT || sig == SIGILL || sig == SIGFPE)
		server_penalty_add(k->addr, SERVER_PENALTY_CRASHED);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == SERVER_EXIT_GRACE)
		server_penalty_add(k->addr, SERVER_PENALTY_LATE);
	else if (k->failed)
		server_penalty_add(k->addr, SERVER_PENALTY_FAILED);
	else if (!server_stopping)
		server_penalty_add(k->addr, SERVER_PENALTY_SILENT);
}

/* Forgets the children that ended. */
static void
server_kids_reap(void)
{
	pid_t pid;
	size_t i;
	int status;

	server_reap = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < server_nkids; i++)
			if (server_kids[i].pid == pid) {
				server_kid_ended(&server_kids[i], status);
				if (server_kids[i].fd != -1)
					close(server_kids[i].fd);
				server_kids[i] = server_kids[--server_nkids];
				break;
			}
}

static int
server_kids_count(int authed, const char *addr)
{
	size_t i;
	int n = 0;

	for (i = 0; i < server_nkids; i++)
		if (server_kids[i].authed == authed &&
		    (addr == NULL || strcmp(server_kids[i].addr, addr) == 0))
			n++;
	return n;
}

/*
 * Whether a new connection from addr gets a process: NULL, or why not (for
 * the log). Past `start` connections not logged in, one in `rate` percent is
 * dropped, growing to all of them at `full` (OpenSSH's MaxStartups). A full
 * server still lets a client log in, to tell it so (server_kid_heard).
 */
static const char *
server_admit(const struct server_opts *o, const char *addr)
{
	static const struct server_startups defaults = { SERVER_STARTUPS_START,
	    SERVER_STARTUPS_RATE, SERVER_STARTUPS_FULL, SERVER_STARTUPS_PER_ADDRESS };
	const struct server_startups *m = o->startups.full > 0 ? &o->startups : &defaults;
	int waiting = server_kids_count(0, NULL);
	long p;

	if (server_kids_count(0, addr) >= m->per_address)
		return "too many connections not logged in from this address";
	if (waiting >= m->full)
		return "too many connections not logged in";
	if (waiting >= m->start) {
		/* From rate % at start, linearly, to 100 % at full. */
		p = m->rate + (100 - m->rate) * (long)(waiting - m->start) /
		    (m->full > m->start ? m->full - m->start : 1);
		if (random() % 100 < p)
			return "too many connections not logged in (random early drop)";
	}
	return NULL;
}

/* Room for one more child in the table. */
static int
server_kids_grow(void)
{
	struct server_kid *p = NULL;
	size_t cap = server_capkids > 0 ? server_capkids * 2 : 64;

	if (server_nkids < server_capkids)
		return 0;
	if ((p = realloc(server_kids, cap * sizeof *p)) == NULL)
		return -1;
	server_kids = p;
	server_capkids = cap;
	return 0;
}

/* A child asks for a session slot: it has logged in. */
static void
server_kid_heard(const struct server_opts *o, struct server_kid *k)
{
	int max = o->max_sessions > 0 ? o->max_sessions : SERVER_MAX_SESSIONS;
	char c = 0, answer;
	ssize_t n = read(k->fd, &c, 1);

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(k->fd);
		k->fd = -1;
		return;
	}
	if (n == 1 && c == 'F')
		k->failed = 1;
	if (n != 1 || c != 'A' || k->authed)
		return;
	k->logged_in = 1;
	answer = server_kids_count(1, NULL) < max ? 'y' : 'n';
	if (answer == 'y')
		k->authed = 1;
	else
		server_log(SERVER_LOG_WARNING,
		    "refused a session to a login from %s: %d sessions already", k->addr, max);
	if (write(k->fd, &answer, 1) != 1)
		server_log(SERVER_LOG_ERR, "cannot answer a connection process: %s",
		    strerror(errno));
}


int
server_listen(const struct server_opts *o)
{
	struct timespec hour = { 3600, 0 };
	char day[11] = "";
	int dblock = -1;
	char self[4096], keydir[4096], sessdir[4096];
	struct store *st = NULL;
	ssh_bind bind = NULL;
	ssh_session session = NULL;
	struct sigaction sa;
	sigset_t block, old;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof ss;
	static struct server_log_limit refusals, penalised;
	long left = 0;
	struct server_kid *k = NULL;
	struct pollfd *pfd = NULL;
	const char *why = NULL;
	char port[16], addr[64];
	size_t i, nk, npfd = 0;
	ssize_t n;
	pid_t pid;
	int fl, lfd, sv[2], blocked = 0, rc = CMD_FAIL;

	/* Commands and the UI run as this very program. */
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0) {
		fprintf(o->err, _("dapter: cannot find my own program: %s\n"), strerror(errno));
		return CMD_FAIL;
	}
	self[n] = '\0';
	if ((size_t)snprintf(keydir, sizeof keydir, "%s%s", o->hostkey_dir != NULL ?
	    o->hostkey_dir : o->db_path, o->hostkey_dir != NULL ? "" : ".keys") >=
	    sizeof keydir)
		return CMD_USAGE;
	if ((size_t)snprintf(sessdir, sizeof sessdir, "%s.sessions", o->db_path) >=
	    sizeof sessdir)
		return CMD_USAGE;
	/* Check the database once, and close it before any fork. */
	if (store_open(o->db_path, 0, &st) != STORE_OK) {
		fprintf(o->err, "dapter: %s\n", store_error(st));
		store_close(st);
		return CMD_FAIL;
	}
	store_close(st);
	/* Held while serving: `restore` refuses to swap the file under us. */
	if ((dblock = store_lock_file(o->db_path, LOCK_SH)) < 0 && errno != EACCES &&
	    errno != EROFS) {
		fprintf(o->err, "dapter: %s%s: %s\n", o->db_path, STORE_LOCK_SUFFIX,
		    strerror(errno));
		return CMD_FAIL;
	}
	if (ssh_init() != SSH_OK || (bind = ssh_bind_new()) == NULL) {
		fprintf(o->err, _("dapter: cannot start libssh.\n"));
		return CMD_FAIL;
	}
	if (server_penalty_setup(&o->penalties) != 0) {
		fprintf(o->err, _("dapter: the penalty exempt list is not addresses.\n"));
		goto out;
	}
	if (server_bind_options(bind, o, o->err) != 0 ||
	    server_hostkeys(bind, keydir, o->out, o->err) != 0)
		goto out;
	if (ssh_bind_listen(bind) != SSH_OK) {
		fprintf(o->err, _("dapter: cannot listen on %s port %s: %s\n"), o->listen, o->port,
		    ssh_get_error(bind));
		goto out;
	}

	/*
	 * The signals we handle stay blocked except inside ppoll(), so a stop
	 * request can never fall between the check of the flag and the wait.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	blocked = 1;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = server_sigchld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = server_sigstop;
	sa.sa_flags = 0;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	lfd = ssh_bind_get_fd(bind);
	/* Readable is not a promise: a client may reset before accept(). */
	if ((fl = fcntl(lfd, F_GETFL)) == -1 || fcntl(lfd, F_SETFL, fl | O_NONBLOCK) == -1) {
		fprintf(o->err, "dapter: fcntl: %s\n", strerror(errno));
		goto out;
	}
	/* --port 0 takes any free port: say which, so that nobody has to guess one. */
	if (getsockname(lfd, (struct sockaddr *)&ss, &sslen) != 0 ||
	    (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)) {
		fprintf(o->err, "dapter: getsockname: %s\n", strerror(errno));
		goto out;
	}
	snprintf(port, sizeof port, "%u", (unsigned int)ntohs(ss.ss_family == AF_INET ?
	    ((struct sockaddr_in *)&ss)->sin_port : ((struct sockaddr_in6 *)&ss)->sin6_port));
	srandom((unsigned int)time(NULL) ^ (unsigned int)getpid());

	fprintf(o->out, _("Serving %s on %s port %s.\n"), o->db_path, o->listen, port);
	fflush(o->out);
	if (o->ready != NULL)
		o->ready(o->ready_arg);
	server_log(SERVER_LOG_INFO, "listening on %s port %s, database %s", o->listen, port,
	    o->db_path);
	while (!server_stopping) {
		server_log_head(o->db_path, day);
		if (server_reap)
			server_kids_reap();
		if (server_nkids + 1 > npfd) {
			struct pollfd *p = realloc(pfd, (server_nkids + 1) * 2 * sizeof *pfd);

			if (p == NULL) {
				sleep(1);
				continue;
			}
			pfd = p;
			npfd = (server_nkids + 1) * 2;
		}
		pfd[0].fd = lfd;
		pfd[0].events = POLLIN;
		for (i = 0; i < server_nkids; i++) {
			pfd[i + 1].fd = server_kids[i].fd;
			pfd[i + 1].events = POLLIN;
			pfd[i + 1].revents = 0;
		}
		nk = server_nkids;
		if (ppoll(pfd, nk + 1, &hour, &old) <= 0 || server_stopping)
			continue;
		for (i = 0; i < nk; i++)
			if (pfd[i + 1].revents != 0)
				server_kid_heard(o, &server_kids[i]);
		/* A child that ended while we waited frees its place before anyone asks. */
		if (server_reap)
			server_kids_reap();
		if ((pfd[0].revents & POLLIN) == 0)
			continue;
		if ((session = ssh_new()) == NULL) {
			sleep(1);
			continue;
		}
		if (ssh_bind_accept(bind, session) != SSH_OK) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNABORTED) {
				server_log(SERVER_LOG_ERR, "accept: %s", ssh_get_error(bind));
				usleep(100000);
			}
			ssh_free(session);
			session = NULL;
			continue;
		}
		server_peer_addr(ssh_get_fd(session), addr, sizeof addr);
		/* Before any byte is sent: a penalised address learns nothing more. */
		if ((why = server_penalty_refuses(addr, &left)) != NULL) {
			server_log_limited(&penalised, SERVER_LOG_WARNING,
			    "refused a connection from %s: penalty: %s (%ld s left)", addr, why,
			    left);
			ssh_free(session);
			session = NULL;
			continue;
		}
		if ((why = server_admit(o, addr)) != NULL || server_kids_grow() != 0) {
			server_log_limited(&refusals, SERVER_LOG_WARNING,
			    "refused a connection from %s: %s", addr,
			    why != NULL ? why : strerror(ENOMEM));
			ssh_free(session);
			session = NULL;
			continue;
		}
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
			server_log(SERVER_LOG_ERR, "socketpair: %s", strerror(errno));
			ssh_free(session);
			session = NULL;
			continue;
		}
		if ((pid = fork()) == 0) {
			close(sv[0]);
			sigprocmask(SIG_SETMASK, &old, NULL);
			server_child(o, self, sessdir, bind, session, sv[1]);
		}
		close(sv[1]);
		if (pid > 0) {
			k = &server_kids[server_nkids++];
			k->pid = pid;
			k->fd = sv[0];
			k->authed = k->logged_in = k->failed = 0;
			snprintf(k->addr, sizeof k->addr, "%s", addr);
		} else {
			server_log(SERVER_LOG_ERR, "fork: %s", strerror(errno));
			close(sv[0]);
		}
		/* Closes our copy of the socket; the child keeps its own. */
		ssh_free(session);
		session = NULL;
	}
	server_log(SERVER_LOG_INFO, "stopping; open sessions go on until they end");
	rc = CMD_OK;
out:
	free(pfd);
	ssh_bind_free(bind);
	ssh_finalize();
	if (blocked)
		sigprocmask(SIG_SETMASK, &old, NULL);
	if (dblock >= 0)
		close(dblock);
	return rc;
}
