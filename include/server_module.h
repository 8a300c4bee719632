/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server_module: what the SSH server module (dapter-server.so) and the
 * program agree on. libssh pulls in OpenSSL, Kerberos and GSSAPI: half of
 * the program's start-up CPU when linked in, paid by every journal session
 * and every command over an SSH exec though only the listener and its forks
 * use it. The module holds ssh_*.c; server_run() (server_module.c) loads it
 * when `dapter serve` or `dapter demo` starts. Commands and the UI that the
 * server starts run as the program itself, without it.
 *
 * The module also does the program's two other uses of libssh and OpenSSL's
 * libcrypto, so that the program links neither: reading a public key as a
 * login will (`user key add`, the admin screen; through the store's key
 * reader, which main() installs) and signing audit checkpoints with the
 * host key (sshsig.h; `audit head FILE`, `audit verify --checkpoint`, the
 * backups and archives). The server_* functions below load the module on
 * their first call.
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
#define SERVER_MODULE_ABI 2

struct server_module {
	struct module_head head;	/* SERVER_MODULE_ABI, PACKAGE_VERSION */
	int (*run)(const struct server_opts *opts);
	int (*key_read)(const char *type, const char *base64, char *ctype, size_t ctypesize,
	    char **canonical, char *err, size_t errsize);
	int (*sign_key_ensure)(const char *dir, char *err, size_t errsize);
	int (*sign)(const char *key_path, const char *ns, const void *msg, size_t len,
	    char **armored, char *err, size_t errsize);
	int (*verify)(const char *key_path, const char *ns, const void *msg, size_t len,
	    const char *armored, char *err, size_t errsize);
};

/* The server itself (ssh_server.c, in the module): what server_run() calls. */
int server_listen(const struct server_opts *opts);

/*
 * The program's side (server_module.c): each loads the module and calls the
 * entry of the same name; a missing or broken module is a -1 with a
 * translated sentence in err. server_key_read() is a store_key_reader
 * (store.h); the others are sshsig.h's functions.
 */
int server_key_read(const char *type, const char *base64, char *ctype, size_t ctypesize,
    char **canonical, char *err, size_t errsize);
int server_sign_key_ensure(const char *dir, char *err, size_t errsize);
int server_sign(const char *key_path, const char *ns, const void *msg, size_t len,
    char **armored, char *err, size_t errsize);
int server_verify(const char *key_path, const char *ns, const void *msg, size_t len,
    const char *armored, char *err, size_t errsize);

#endif
