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
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* The socket's path, to remove when the holder ends. */
static char holder_path[sizeof ((struct sockaddr_un *)0)->sun_path];

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

int
holder_send(int fd, int type, const void *buf, size_t len)
{
	char rec[HOLDER_RECORD + 1];

	if (len > HOLDER_RECORD)
		return -1;
	rec[0] = (char)type;
	if (len > 0)
		memcpy(rec + 1, buf, len);
	return send(fd, rec, len + 1, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)(len + 1) ? 0 : -1;
}

/* Hangs the UI up and waits for it; its exit status. */
static int
holder_reap(pid_t ui, int hangup)
{
	int st = 0, i;

	if (hangup)
		kill(-ui, SIGHUP);
	for (i = 0; i < 40; i++) {
		if (waitpid(ui, &st, WNOHANG) == ui)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		usleep(50000);
	}
	kill(-ui, SIGKILL);
	if (waitpid(ui, &st, 0) != ui)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The holder's life: pty <-> the attached connection, until the UI ends. */
static void
holder_loop(int lfd, int master, pid_t ui, int detached_max)
{
	char rec[HOLDER_RECORD + 1], in[2 * HOLDER_RECORD], out[HOLDER_RECORD + 1];
	size_t nin = 0, nout = 0;
	int client = -1, pending = -1, fresh = 0, status, hangup = 0, type;
	struct holder_record r;
	time_t alone_since = time(NULL);
	struct pollfd pfd[4];
	ssize_t n;

	for (;;) {
		int timeout = -1, ix_c = -1, ix_p = -1, ix_m, nfd = 1;

		pfd[0].fd = lfd;
		pfd[0].events = POLLIN;
		if (client != -1) {
			pfd[nfd].fd = client;
			pfd[nfd].events = (nin <= sizeof in - HOLDER_RECORD ? POLLIN : 0) |
			    (nout > 0 ? POLLOUT : 0);
			ix_c = nfd++;
		} else {
			timeout = (int)(alone_since + detached_max - time(NULL)) * 1000;
			if (timeout <= 0) {
				hangup = 1;
				break;
			}
		}
		if (pending != -1) {
			pfd[nfd].fd = pending;
			pfd[nfd].events = POLLIN;
			ix_p = nfd++;
		}
		ix_m = nfd++;
		pfd[ix_m].fd = master;
		/* Backpressure: a record not yet sent stops the reading of the pty. */
		pfd[ix_m].events = (nout == 0 ? POLLIN : 0) | (nin > 0 ? POLLOUT : 0);
		if (poll(pfd, (nfds_t)nfd, timeout) == -1) {
			if (errno == EINTR)
				continue;
			hangup = 1;
			break;
		}
		if (pfd[0].revents & POLLIN) {
			int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

			if (fd != -1 && client == -1) {
				client = fd;
				nout = 0;
				fresh = 1;
				continue;
			}
			/*
			 * A login offered this attached journal: it waits until it
			 * answers. Its first record (yes) takes the journal over, as
			 * the newest connection of the user wins; its close (no)
			 * leaves the attached one alone.
			 */
			if (fd != -1) {
				if (pending != -1)
					close(pending);
				pending = fd;
				continue;
			}
		}
		if (ix_p != -1 && (pfd[ix_p].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = recv(pending, rec, 1, MSG_PEEK | MSG_DONTWAIT);
			if (n > 0) {
				if (client != -1)
					close(client);
				client = pending;
				pending = -1;
				nout = 0;
				fresh = 1;
				continue;
			}
			if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(pending);
				pending = -1;
			}
		}
		if (ix_c != -1 && (pfd[ix_c].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = recv(client, rec, sizeof rec, MSG_DONTWAIT);
			type = n > 0 ? holder_record_parse(rec, (size_t)n, &r) : -1;
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
				close(client);
				client = -1;
				nout = 0;
				alone_since = time(NULL);
				/* A journal left alone locks itself at once (ui_main.c). */
				kill(ui, SIGUSR1);
			} else if (type == HOLDER_DATA && r.len <= sizeof in - nin) {
				memcpy(in + nin, r.data, r.len);
				nin += r.len;
			} else if (type == HOLDER_RESIZE) {
				struct winsize ws, now;

				memset(&ws, 0, sizeof ws);
				ws.ws_col = (unsigned short)r.cols;
				ws.ws_row = (unsigned short)r.rows;
				if (ioctl(master, TIOCGWINSZ, &now) != 0 || now.ws_col !=
				    ws.ws_col || now.ws_row != ws.ws_row)
					ioctl(master, TIOCSWINSZ, &ws);
				/*
				 * The first record of a new connection: its terminal
				 * knows nothing of the modes the UI set (keypad
				 * transmit) nor what is on the screen. The UI sets
				 * them again and repaints in full (ui_keys.c).
				 */
				if (fresh)
					kill(ui, SIGUSR2);
				fresh = 0;
			}
		}
		if (client != -1 && nout > 0 &&
		    send(client, out, nout, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)nout)
			nout = 0;
		if (nin > 0 && (n = write(master, in, nin)) > 0) {
			memmove(in, in + n, nin - (size_t)n);
			nin -= (size_t)n;
		}
		if (pfd[ix_m].revents & (POLLIN | POLLHUP | POLLERR)) {
			n = read(master, out + 1, HOLDER_RECORD);
			if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR)))
				break;	/* EIO: the UI has closed its terminal */
			if (n > 0 && client != -1) {
				out[0] = HOLDER_DATA;
				nout = (size_t)n + 1;
				if (send(client, out, nout, MSG_DONTWAIT | MSG_NOSIGNAL) ==
				    (ssize_t)nout)
					nout = 0;
			}
		}
	}
	status = holder_reap(ui, hangup);
	if (hangup)
		server_log(SERVER_LOG_INFO,
		    "holder %s: nobody came back in %d s; the journal is closed",
		    strrchr(holder_path, '/') + 1, detached_max);
	else
		server_log(SERVER_LOG_INFO, "holder %s: the journal ended (status %d)",
		    strrchr(holder_path, '/') + 1, status);
	if (client != -1) {
		int fl = fcntl(client, F_GETFL);
		struct pollfd w;

		/* The last screen, then the exit status, if the connection takes them. */
		w.fd = client;
		w.events = POLLOUT;
		if (fl != -1)
			fcntl(client, F_SETFL, fl & ~O_NONBLOCK);
		if (nout > 0 && poll(&w, 1, 2000) == 1)
			send(client, out, nout, MSG_NOSIGNAL);
		rec[0] = HOLDER_EXIT;
		rec[1] = (char)status;
		if (poll(&w, 1, 2000) == 1)
			send(client, rec, 2, MSG_NOSIGNAL);
		close(client);
	}
	unlink(holder_path);
	_exit(0);
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
		snprintf(holder_path, sizeof holder_path, "%s", path);
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
		holder_loop(lfd, master, ui, conn->detached_max);
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

int
holder_find(const struct server_conn *conn, char *since, size_t sincesize)
{
	struct sockaddr_un sun;
	struct dirent *de = NULL;
	struct stat sb;
	struct tm tm;
	char path[sizeof sun.sun_path];
	size_t len = strlen(conn->login);
	DIR *d = NULL;
	int fd = -1;

	if ((d = opendir(conn->session_dir)) == NULL)
		return -1;
	while (fd == -1 && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, conn->login, len) != 0 || de->d_name[len] != '@')
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
