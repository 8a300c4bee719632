/*
 * server_module: server_run() loads the SSH server module
 * (dapter-server.so, module.h) and runs the server from it. See
 * server_module.h for why the server is a module.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>

#include "cmd.h"
#include "i18n.h"
#include "server_module.h"

int
server_run(const struct server_opts *o)
{
	const struct module_head *head = NULL;
	char path[PATH_MAX], why[512];

	switch (module_load(SERVER_MODULE_FILE, SERVER_MODULE_SYMBOL, SERVER_MODULE_ABI, &head,
	    path, sizeof path, why, sizeof why)) {
	case MODULE_OK:
		return ((const struct server_module *)head)->run(o);
	case MODULE_MISSING:
		fprintf(o->err, _("dapter: the SSH server needs %s, which is missing: "
		    "reinstall dapter.\n"), path);
		break;
	case MODULE_BROKEN:
		fprintf(o->err, _("dapter: could not load %s (%s): install libssh "
		    "(on Debian: apt-get install libssh-4).\n"), path, why);
		break;
	case MODULE_FOREIGN:
		fprintf(o->err, "dapter: ");
		fprintf(o->err, _("%s belongs to another version of dapter: reinstall dapter."),
		    path);
		fprintf(o->err, "\n");
		break;
	}
	return CMD_FAIL;
}
