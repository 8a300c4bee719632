/*
 * ssh_module: the one symbol the SSH server module (dapter-server.so)
 * exports; server_run() finds the server through it. See server_module.h.
 */
#include "config.h"

#include "server_module.h"

extern const struct server_module dapter_server_module;

const struct server_module dapter_server_module = {
	.head = { .abi = SERVER_MODULE_ABI, .version = PACKAGE_VERSION },
	.run = server_listen,
};
