/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_module: the one symbol the SSH server module (dapter-server.so)
 * exports; the program finds the server, the key reader and the audit
 * signatures through it. See server_module.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "server_module.h"
#include "sshsig.h"

/*
 * A public key read by libssh as ssh_auth.c reads the one a login offers,
 * so that what `user key add` stores is what a login compares.
 */
static int
key_read(const char *type, const char *base64, char *ctype, size_t ctypesize, char **canonical,
    char *err, size_t errsize)
{
	ssh_key key = NULL;
	const char *name = NULL;
	char *b64 = NULL;
	int rc = 1;

	*canonical = NULL;
	if (ssh_pki_import_pubkey_base64(base64, ssh_key_type_from_name(type), &key) != SSH_OK ||
	    (name = ssh_key_type_to_char(ssh_key_type(key))) == NULL ||
	    ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		goto out;
	if ((size_t)snprintf(ctype, ctypesize, "%s", name) >= ctypesize)
		goto out;
	/* The caller frees with free(); libssh's string is its own to free. */
	if ((*canonical = strdup(b64)) == NULL) {
		snprintf(err, errsize, "%s", _("Out of memory."));
		rc = -1;
		goto out;
	}
	rc = 0;
out:
	ssh_string_free_char(b64);
	ssh_key_free(key);
	return rc;
}

extern const struct server_module dapter_server_module;

const struct server_module dapter_server_module = {
	.head = { .abi = SERVER_MODULE_ABI, .version = PACKAGE_VERSION },
	.run = server_listen,
	.key_read = key_read,
	.sign_key_ensure = sshsig_key_ensure,
	.sign = sshsig_sign,
	.verify = sshsig_verify,
};
