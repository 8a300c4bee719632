/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * server_module: server_run() loads the SSH server module
 * (dapter-server.so, module.h) and runs the server from it; the server_*
 * functions load it for a key to read or an audit checkpoint to sign. See
 * server_module.h for why the server is a module.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>

#include "cmd.h"
#include "i18n.h"
#include "server_module.h"

/* The module, loaded once; NULL with how it failed in *status, path and why. */
static const struct server_module *
server_module(enum module_status *status, char *path, size_t pathsize, char *why,
    size_t whysize)
{
	static const struct server_module *loaded;
	const struct module_head *head = NULL;

	*status = MODULE_OK;
	if (loaded == NULL && (*status = module_load(SERVER_MODULE_FILE, SERVER_MODULE_SYMBOL,
	    SERVER_MODULE_ABI, &head, path, pathsize, why, whysize)) == MODULE_OK)
		loaded = (const struct server_module *)head;
	return loaded;
}

int
server_run(const struct server_opts *o)
{
	const struct server_module *m = NULL;
	enum module_status status;
	char path[PATH_MAX], why[512];

	if ((m = server_module(&status, path, sizeof path, why, sizeof why)) != NULL)
		return m->run(o);
	switch (status) {
	case MODULE_OK:
		break;
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

/* The module for a key or a signature; NULL with a translated sentence in err. */
static const struct server_module *
ssh_keys(char *err, size_t errsize)
{
	const struct server_module *m = NULL;
	enum module_status status;
	char path[PATH_MAX], why[512];

	if ((m = server_module(&status, path, sizeof path, why, sizeof why)) != NULL)
		return m;
	switch (status) {
	case MODULE_OK:
		break;
	case MODULE_MISSING:
		snprintf(err, errsize, _("SSH keys and signed audit checkpoints need %s, which is "
		    "missing: reinstall dapter."), path);
		break;
	case MODULE_BROKEN:
		snprintf(err, errsize, _("Could not load %s (%s): install libssh (on Debian: "
		    "apt-get install libssh-4)."), path, why);
		break;
	case MODULE_FOREIGN:
		snprintf(err, errsize, _("%s belongs to another version of dapter: "
		    "reinstall dapter."), path);
		break;
	}
	return NULL;
}

int
server_key_read(const char *type, const char *base64, char *ctype, size_t ctypesize,
    char **canonical, char *err, size_t errsize)
{
	const struct server_module *m = ssh_keys(err, errsize);

	*canonical = NULL;
	return m != NULL ? m->key_read(type, base64, ctype, ctypesize, canonical, err, errsize) :
	    -1;
}

int
server_sign_key_ensure(const char *dir, char *err, size_t errsize)
{
	const struct server_module *m = ssh_keys(err, errsize);

	return m != NULL ? m->sign_key_ensure(dir, err, errsize) : -1;
}

int
server_sign(const char *key_path, const char *ns, const void *msg, size_t len, char **armored,
    char *err, size_t errsize)
{
	const struct server_module *m = ssh_keys(err, errsize);

	return m != NULL ? m->sign(key_path, ns, msg, len, armored, err, errsize) : -1;
}

int
server_verify(const char *key_path, const char *ns, const void *msg, size_t len,
    const char *armored, char *err, size_t errsize)
{
	const struct server_module *m = ssh_keys(err, errsize);

	return m != NULL ? m->verify(key_path, ns, msg, len, armored, err, errsize) : -1;
}
