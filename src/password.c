/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * password: yescrypt hashing and checking. See password.h.
 */
#include "config.h"

#include <crypt.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "password.h"

/*
 * The most common passwords of ten characters or more in the leaked lists
 * (shorter ones are refused by length anyway), with the Kazakh and Russian
 * schools' own favourites. Lower case; compared without regard to case.
 */
static const char *const common[] = {
	"1234567890", "0987654321", "1234554321", "1111111111", "1q2w3e4r5t",
	"1qaz2wsx3edc", "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456",
	"password12", "password123", "password1234", "password01", "password1!",
	"passw0rd123", "iloveyou12", "iloveyou123", "abcdefghij", "abcd123456",
	"123456789a", "a123456789", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123",
	"1234567890q", "123qweasdzxc", "football12", "princess12", "sunshine12",
	"welcome123", "changeme123", "administrator", "admin12345", "admin123456",
	"teacher123", "teacher1234", "school1234", "mektep1234", "mektep123",
	"kazakhstan", "kazakhstan1", "astana2024", "almaty2024",
	"йцукенгшщз", "йцукенгшщзх", "пароль1234", "пароль12345", "учитель123",
	"мектеп1234", "қазақстан1",
};

/* A run that only steps along a row: 0123456789, 9876543210, qwertyuiop. */
static int
password_run(const char *pw)
{
	static const char *const rows[] = {
		"01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz",
	};
	size_t i, n = strlen(pw);
	char rev[64];

	if (n >= sizeof rev)
		return 0;
	for (i = 0; i < n; i++)
		rev[i] = pw[n - 1 - i];
	rev[n] = '\0';
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (strstr(rows[i], pw) != NULL || strstr(rows[i], rev) != NULL)
			return 1;
	return 0;
}

int
password_common(const char *password)
{
	char lower[PASSWORD_MAX + 1];
	size_t i, n = strlen(password);

	if (n == 0 || n > PASSWORD_MAX)
		return 0;
	/* ASCII letters fold; the Cyrillic entries are listed as people type them. */
	for (i = 0; i <= n; i++)
		lower[i] = (char)tolower((unsigned char)password[i]);
	for (i = 1; i < n && lower[i] == lower[0]; i++)
		;
	if (i == n)
		return 1;
	if (password_run(lower))
		return 1;
	for (i = 0; i < sizeof common / sizeof common[0]; i++)
		if (strcmp(lower, common[i]) == 0)
			return 1;
	return 0;
}

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
