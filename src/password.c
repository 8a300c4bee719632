/*
 * password: yescrypt hashing and checking. See password.h.
 */
#include "config.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "password.h"

/* A hash of a random password: what a missing account is checked against. */
static const char decoy[] = "$y$j9T$kaBUxnQ.vngg8kSmEPCf70$iMYpAWMQweI3RBbwGCB68Tm9ktq3vCOPpWc9ouclI33";

char *
password_hash(const char *password)
{
	struct crypt_data *data = NULL;
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	char *out = NULL;

	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof setting) == NULL)
		goto out;
	if ((data = calloc(1, sizeof *data)) == NULL)
		goto out;
	if (crypt_rn(password, setting, data, sizeof *data) == NULL || data->output[0] == '*')
		goto out;
	out = strdup(data->output);
out:
	free(data);
	return out;
}

int
password_verify(const char *password, const char *hash)
{
	struct crypt_data *data = NULL;
	const char *against = hash != NULL && hash[0] == '$' ? hash : decoy;
	size_t len = 0;
	int ok = 0, diff = 0;

	if ((data = calloc(1, sizeof *data)) == NULL)
		return 0;
	if (crypt_rn(password, against, data, sizeof *data) != NULL && data->output[0] != '*') {
		len = strlen(against);
		if (strlen(data->output) == len) {
			/* Constant time over the hash, for good measure. */
			for (size_t i = 0; i < len; i++)
				diff |= data->output[i] ^ against[i];
			ok = diff == 0 && against != decoy;
		}
	}
	explicit_bzero(data, sizeof *data);
	free(data);
	return ok;
}
