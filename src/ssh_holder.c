/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_holder: the session holder, which keeps a journal UI alive across a
 * dropped connection (dtach's model). See server.h.
 *
 * The holder owns the pty master and listens on a private unix socket,
 * <db>.sessions/LOGIN@ID (the directory is 0700). A connection process
 * talks to it in records of a SOCK_SEQPACKET socket: one type byte, then
 * the payload. A new connection of the same user takes the holder over
 * (a phone whose link died is often not yet known to be dead); while no
 * connection is attached the UI runs on and its output is dropped, and
 * after `detached_max` seconds alone the holder hangs the UI up. When the
 * UI ends, the holder passes its exit status on and removes its socket.
 * Detached journals are bounded per user and in total: before a new journal
 * starts, holder_bound() asks the oldest detached holders beyond the bounds
 * to end (the UI hangs up; marks are saved as typed, the page lock goes).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

static int
holder_addr(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof *sun);
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun->sun_path)
		return -1;
	memcpy(sun->sun_path, path, strlen(path) + 1);
	return 0;
}

/*
 * The holder's process, from here on: the program again, under the name
 * HOLDER_PROGRAM, so that it keeps nothing of the connection's memory (its
 * keys, its compression state, what the login read) for a school day, and
 * maps neither libssh nor this module. The socket and the pty go with it as
 * descriptors 3 and 4; the UI, forked already, stays its child.
 */
static void
holder_exec(const struct server_conn *conn, const char *path, pid_t ui)
{
	extern char **environ;
	char pid[24], detached[24];
	char *argv[] = { HOLDER_PROGRAM, "--db", (char *)conn->db_path, (char *)path, pid,
	    detached, NULL };

	snprintf(pid, sizeof pid, "%ld", (long)ui);
	snprintf(detached, sizeof detached, "%d", conn->detached_max);
	if (fcntl(HOLDER_FD_LISTEN, F_SETFD, 0) == -1 || fcntl(HOLDER_FD_PTY, F_SETFD, 0) == -1)
		return;
	execve(conn->self, argv, environ);
	server_log(SERVER_LOG_ERR, "%s: cannot run the session holder %s: %s", conn->session_id,
	    conn->self, strerror(errno));
}

int
holder_start(const struct server_conn *conn, char *const argv[], char *const envp[],
    int cols, int rows)
{
	struct sockaddr_un sun;
	struct winsize ws;
	char path[sizeof sun.sun_path];
	int lfd = -1, fd = -1, master = -1, slave = -1, st;
	pid_t mid, ui;

	if (mkdir(conn->session_dir, 0700) != 0 && errno != EEXIST) {
		server_log(SERVER_LOG_ERR, "%s: cannot make %s: %s", conn->session_id,
		    conn->session_dir, strerror(errno));
		return -1;
	}
	if ((size_t)snprintf(path, sizeof path, "%s/%s@%ld", conn->session_dir, conn->login,
	    (long)getpid()) >= sizeof path || holder_addr(&sun, path) != 0) {
		server_log(SERVER_LOG_ERR, "%s: the session directory's path is too long",
		    conn->session_id);
		return -1;
	}
	unlink(path);
	if ((lfd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&sun, sizeof sun) == -1 || chmod(path, 0600) == -1 ||
	    listen(lfd, 4) == -1) {
		server_log(SERVER_LOG_ERR, "%s: session socket %s: %s", conn->session_id, path,
		    strerror(errno));
		goto fail;
	}
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)(cols > 0 ? cols : 80);
	ws.ws_row = (unsigned short)(rows > 0 ? rows : 24);
	if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
		server_log(SERVER_LOG_ERR, "%s: openpty: %s", conn->session_id, strerror(errno));
		goto fail;
	}
	/* Two forks: the holder belongs to no connection and outlives them all. */
	if ((mid = fork()) == -1) {
		server_log(SERVER_LOG_ERR, "%s: fork: %s", conn->session_id, strerror(errno));
		goto fail;
	}
	if (mid == 0) {
		int null = open("/dev/null", O_RDWR);

		setsid();
		if (fork() != 0)
			_exit(0);
		/* Nothing of the connection (its TCP socket above all) stays open here. */
		if (null == -1 || dup2(null, 0) == -1 || dup2(null, 1) == -1)
			_exit(1);
		close(null);
		if (dup2(lfd, 3) == -1 || dup2(master, 4) == -1 || dup2(slave, 5) == -1)
			_exit(1);
		lfd = 3;
		master = 4;
		slave = 5;
		closefrom(6);
		fcntl(lfd, F_SETFD, FD_CLOEXEC);
		fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
		fcntl(master, F_SETFD, FD_CLOEXEC);
		if ((ui = fork()) == -1)
			_exit(1);
		if (ui == 0) {
			struct sigaction sa;
			sigset_t none;
			int sig;

			memset(&sa, 0, sizeof sa);
			sa.sa_handler = SIG_DFL;
			sigemptyset(&sa.sa_mask);
			for (sig = 1; sig < NSIG; sig++)
				if (sig != SIGKILL && sig != SIGSTOP)
					sigaction(sig, &sa, NULL);
			/*
			 * The holder signals the UI of a detach (SIGUSR1) and an
			 * attach (SIGUSR2) at any time, perhaps before the UI has
			 * its handlers: ignored (as exec keeps it) until then,
			 * never fatal. The UI has drawn nothing before them.
			 */
			sa.sa_handler = SIG_IGN;
			sigaction(SIGUSR1, &sa, NULL);
			sigaction(SIGUSR2, &sa, NULL);
			sigemptyset(&none);
			sigprocmask(SIG_SETMASK, &none, NULL);
			alarm(0);
			if (setsid() == -1 || ioctl(slave, TIOCSCTTY, 0) == -1 ||
			    dup2(slave, 0) == -1 || dup2(slave, 1) == -1 || dup2(slave, 2) == -1)
				_exit(127);
			close(slave);
			execve(conn->self, argv, envp);
			_exit(127);
		}
		close(slave);
		signal(SIGHUP, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
		holder_exec(conn, path, ui);
		/* The program cannot be run again (replaced by an upgrade): the UI hangs up. */
		kill(-ui, SIGHUP);
		_exit(1);
	}
	waitpid(mid, &st, 0);
	close(master);
	close(slave);
	master = slave = -1;
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		server_log(SERVER_LOG_ERR, "%s: cannot reach the session holder: %s",
		    conn->session_id, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	close(lfd);
	if (fd != -1)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
fail:
	if (lfd != -1) {
		close(lfd);
		unlink(path);
	}
	if (master != -1)
		close(master);
	if (slave != -1)
		close(slave);
	return -1;
}

/* 1 when socket `name` (LOGIN@ID) is a journal of conn->login. */
static int
holder_mine(const struct server_conn *conn, const char *name)
{
	size_t len = strlen(conn->login);

	return strncmp(name, conn->login, len) == 0 && name[len] == '@';
}

int
holder_find(const struct server_conn *conn, char *since, size_t sincesize)
{
	struct sockaddr_un sun;
	struct dirent *de = NULL;
	struct stat sb;
	struct tm tm;
	char path[sizeof sun.sun_path];
	DIR *d = NULL;
	int fd = -1;

	if ((d = opendir(conn->session_dir)) == NULL)
		return -1;
	while (fd == -1 && (de = readdir(d)) != NULL) {
		if (!holder_mine(conn, de->d_name))
			continue;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", conn->session_dir, de->d_name) >=
		    sizeof path || holder_addr(&sun, path) != 0)
			continue;
		if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1)
			break;
		if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
			/* A holder that is gone left its socket behind. */
			if (errno == ECONNREFUSED)
				unlink(path);
			close(fd);
			fd = -1;
			continue;
		}
		since[0] = '\0';
		if (stat(path, &sb) == 0 && localtime_r(&sb.st_mtime, &tm) != NULL)
			strftime(since, sincesize, "%H:%M", &tm);
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	}
	closedir(d);
	return fd;
}

/* A detached journal's socket, for holder_bound(). */
struct holder_alone {
	char name[NAME_MAX + 1];	/* LOGIN@ID */
	struct timespec started;	/* to the nanosecond: two logins may share a second */
};

static int
holder_alone_cmp(const void *a, const void *b)
{
	const struct holder_alone *x = a, *y = b;

	if (x->started.tv_sec != y->started.tv_sec)
		return x->started.tv_sec < y->started.tv_sec ? -1 : 1;
	return (x->started.tv_nsec > y->started.tv_nsec) -
	    (x->started.tv_nsec < y->started.tv_nsec);
}

/*
 * Asks the holder of socket `name` to end its detached journal: 1 when it is
 * gone (it answered, or only its socket was left), 0 when it stays (it was
 * attached meanwhile, or did not answer within a few seconds).
 */
static int
holder_end(const struct server_conn *conn, const char *name)
{
	struct sockaddr_un sun;
	struct holder_record r;
	struct pollfd p;
	char path[sizeof sun.sun_path], rec[HOLDER_RECORD + 1];
	time_t deadline = time(NULL) + 5;
	ssize_t n;
	int fd = -1, ended = 0;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", conn->session_dir, name) >=
	    sizeof path || holder_addr(&sun, path) != 0)
		return 0;
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		if (errno == ECONNREFUSED)
			ended = unlink(path) == 0 || errno == ENOENT;
		goto out;
	}
	if (holder_send(fd, HOLDER_END, NULL, 0) != 0)
		goto out;
	p.fd = fd;
	p.events = POLLIN;
	/* The UI's last output may come first; the answer, or the close, ends the wait. */
	while (time(NULL) <= deadline && poll(&p, 1, 1000) >= 0) {
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = recv(fd, rec, sizeof rec, MSG_DONTWAIT);
		if (n > 0 && holder_record_parse(rec, (size_t)n, &r) == HOLDER_END) {
			ended = 1;
			break;
		}
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			break;
	}
out:
	if (fd != -1)
		close(fd);
	return ended;
}

void
holder_bound(const struct server_conn *conn)
{
	struct holder_alone *all = NULL, *grown = NULL;
	struct dirent *de = NULL;
	struct stat sb;
	char path[PATH_MAX];
	size_t n = 0, cap = 0, mine = 0, total, i;
	DIR *d = NULL;

	if ((d = opendir(conn->session_dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strchr(de->d_name, '@') == NULL ||
		    (size_t)snprintf(path, sizeof path, "%s/%s", conn->session_dir,
		    de->d_name) >= sizeof path || lstat(path, &sb) != 0 ||
		    !S_ISSOCK(sb.st_mode) || !(sb.st_mode & S_IXUSR))
			continue;
		if (n == cap) {
			cap = cap > 0 ? 2 * cap : 16;
			if ((grown = realloc(all, cap * sizeof *all)) == NULL) {
				server_log(SERVER_LOG_ERR,
				    "%s: out of memory counting detached journals",
				    conn->session_id);
				goto out;
			}
			all = grown;
		}
		snprintf(all[n].name, sizeof all[n].name, "%s", de->d_name);
		all[n].started = sb.st_mtim;
		n++;
	}
	if (n > 0)
		qsort(all, n, sizeof *all, holder_alone_cmp);
	total = n;
	for (i = 0; i < n; i++)
		if (holder_mine(conn, all[i].name))
			mine++;
	/* The new journal may become one of them: room is made for it, oldest first. */
	for (i = 0; i < n && mine >= (size_t)conn->detached_per_user; i++) {
		if (!holder_mine(conn, all[i].name))
			continue;
		mine--;
		if (!holder_end(conn, all[i].name))
			continue;
		server_log(SERVER_LOG_NOTICE,
		    "%s: %s keeps at most %d detached journals; the oldest, %s, is closed",
		    conn->session_id, conn->login, conn->detached_per_user, all[i].name);
		all[i].name[0] = '\0';
		total--;
	}
	for (i = 0; i < n && total >= (size_t)conn->detached_total; i++) {
		if (all[i].name[0] == '\0')
			continue;
		total--;
		if (holder_end(conn, all[i].name))
			server_log(SERVER_LOG_NOTICE,
			    "%s: the server keeps at most %d detached journals; the "
			    "oldest, %s, is closed", conn->session_id, conn->detached_total,
			    all[i].name);
	}
out:
	closedir(d);
	free(all);
}
