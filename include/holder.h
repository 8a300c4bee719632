/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * holder: the session holder's own process (src/holder.c), which keeps a
 * journal's pty across dropped connections. holder_start() (ssh_holder.c,
 * in the server module) forks it and execs the program again under the name
 * HOLDER_PROGRAM, with the holder's listening socket on HOLDER_FD_LISTEN and
 * the pty's master on HOLDER_FD_PTY; main() hands that name to holder_main().
 * The records on the socket are holder_proto.h's.
 */
#ifndef DAPTER_HOLDER_H
#define DAPTER_HOLDER_H

#include <stddef.h>

#define HOLDER_PROGRAM	"dapter-holder"
#define HOLDER_FD_LISTEN	3
#define HOLDER_FD_PTY	4

/*
 * `dapter-holder --db DB SOCKET UI_PID DETACHED_MAX`: relays between the
 * pty and the connection attached to SOCKET until the UI ends, then ends
 * the process. Returns 2 only for arguments it was not started with.
 */
int holder_main(int argc, char **argv);
/* Sends one record without blocking; 0, or -1 (EAGAIN: try again later). */
int holder_send(int fd, int type, const void *buf, size_t len);

#endif
