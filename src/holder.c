/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * holder: the session holder's own process (server.h, ssh_holder.c). It
 * keeps a journal's pty across dropped connections, and needs neither
 * libssh nor anything of the connection it was started from: holder_start()
 * forks it and execs the program again as "dapter-holder", so that the
 * school day it may live holds no copy of a connection's memory (its keys,
 * its compression state, a password read) and maps no more than it uses.
 *
 *   dapter-holder --db DB SOCKET UI_PID DETACHED_MAX
 *
 * with the listening socket SOCKET on descriptor 3 and the pty's master on
 * 4; UI_PID is the journal's process, a child of this one. "--db DB" is only
 * there so that every process of a school names its database.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
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

#include "holder.h"
#include "holder_proto.h"
#include "server.h"

/* The socket's path, to remove when the holder ends. */
static char holder_path[sizeof ((struct sockaddr_un *)0)->sun_path];

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

/*
 * Whether the journal is detached shows in its socket's mode (u+x), so that
 * holder_bound() counts detached journals without asking each holder; the
 * socket's mtime stays the journal's start.
 */
static void
holder_mark(int detached)
{
	chmod(holder_path, detached ? 0700 : 0600);
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
holder_run(int lfd, int master, pid_t ui, int detached_max)
{
	char rec[HOLDER_RECORD + 1], in[2 * HOLDER_RECORD], out[HOLDER_RECORD + 1];
	size_t nin = 0, nout = 0;
	int client = -1, pending = -1, fresh = 0, status, hangup = 0, type, replaced = 0;
	int attached = 0;	/* the client has sent a record: it is a connection, not a probe */
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
		if (ix_p != -1 && (pfd[ix_p].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = recv(pending, rec, 1, MSG_PEEK | MSG_DONTWAIT);
			if (n > 0 && rec[0] == HOLDER_END) {
				/* Only a detached journal is ended for a newer one. */
				close(pending);
				pending = -1;
			} else if (n > 0) {
				if (client != -1)
					close(client);
				client = pending;
				pending = -1;
				nout = 0;
				fresh = 1;
				attached = 0;
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
			if (n > 0 && type != HOLDER_END && !attached) {
				attached = 1;
				holder_mark(0);
			}
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
				close(client);
				client = -1;
				nout = 0;
				alone_since = time(NULL);
				/* A journal left alone locks itself at once (ui_main.c). */
				kill(ui, SIGUSR1);
				holder_mark(1);
			} else if (type == HOLDER_END && !attached) {
				/* A newer journal of the bounds replaces this detached one. */
				holder_send(client, HOLDER_END, NULL, 0);
				replaced = 1;
				hangup = 1;
				break;
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
		/*
		 * After the connections' records and closes: a login that has just
		 * declined this journal (closed) and then asks it to end must find
		 * it detached.
		 */
		if (pfd[0].revents & POLLIN) {
			int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

			if (fd != -1 && client == -1) {
				client = fd;
				nout = 0;
				fresh = 1;
				attached = 0;
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
	if (replaced)
		server_log(SERVER_LOG_INFO, "holder %s: the journal is closed for a newer one",
		    strrchr(holder_path, '/') + 1);
	else if (hangup)
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


/* A decimal number from 1 to max, or -1. */
static long
holder_number(const char *s, long max)
{
	char *end = NULL;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && n >= 1 && n <= max ? n : -1;
}

int
holder_main(int argc, char **argv)
{
	long ui, detached_max;

	if (argc != 6 || strcmp(argv[1], "--db") != 0 ||
	    strlen(argv[3]) >= sizeof holder_path || strchr(argv[3], '/') == NULL ||
	    (ui = holder_number(argv[4], INT_MAX)) == -1 ||
	    (detached_max = holder_number(argv[5], INT_MAX)) == -1) {
		fprintf(stderr, "usage: dapter-holder --db DB SOCKET UI_PID DETACHED_MAX "
		    "(started by dapter serve, not by hand)\n");
		return 2;
	}
	if (fcntl(HOLDER_FD_LISTEN, F_GETFD) == -1 || fcntl(HOLDER_FD_PTY, F_GETFD) == -1) {
		fprintf(stderr, "dapter-holder: descriptors 3 and 4 are not open\n");
		return 2;
	}
	memcpy(holder_path, argv[3], strlen(argv[3]) + 1);
	fcntl(HOLDER_FD_LISTEN, F_SETFD, FD_CLOEXEC);
	fcntl(HOLDER_FD_PTY, F_SETFD, FD_CLOEXEC);
	holder_run(HOLDER_FD_LISTEN, HOLDER_FD_PTY, (pid_t)ui, (int)detached_max);
	return 0;	/* not reached: holder_run() ends the process */
}
