/*
 * server_module: what the SSH server module (dapter-server.so) and the
 * program agree on. libssh pulls in OpenSSL, Kerberos and GSSAPI: half of
 * the program's start-up CPU when linked in, paid by every journal session
 * and every command over an SSH exec though only the listener and its forks
 * use it. The module holds ssh_*.c; server_run() (server_module.c) loads it
 * when `dapter serve` or `dapter demo` starts. Commands and the UI that the
 * server starts run as the program itself, without it.
 *
 * Change SERVER_MODULE_ABI whenever this struct or struct server_opts
 * changes.
 */
#ifndef DAPTER_SERVER_MODULE_H
#define DAPTER_SERVER_MODULE_H

#include "module.h"
#include "server.h"

#define SERVER_MODULE_FILE "dapter-server.so"
#define SERVER_MODULE_SYMBOL "dapter_server_module"
#define SERVER_MODULE_ABI 1

struct server_module {
	struct module_head head;	/* SERVER_MODULE_ABI, PACKAGE_VERSION */
	int (*run)(const struct server_opts *opts);
};

/* The server itself (ssh_server.c, in the module): what server_run() calls. */
int server_listen(const struct server_opts *opts);

#endif
