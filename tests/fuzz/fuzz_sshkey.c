/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_sshkey: store_user_key_add() of any public key line.
 *
 * `user key add LOGIN FILE` takes the lines of a .pub file someone sent
 * the admin, and a stored key opens a login, so the parser must take any
 * bytes. Checked: a line refused adds no key and says why; a line taken
 * adds exactly one key whose type is an SSH key type, whose fingerprint is
 * "SHA256:..." and whose type and comment a terminal can show as they are
 * (the list prints both). Each key taken is removed again, so every input
 * meets the same journal.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_school.h"
#include "server_module.h"

#define T "fuzz_sshkey"
#define LOGIN "aigul"

static size_t
count_keys(struct user_key **rows)
{
	size_t n = 0;

	if (store_user_key_list(fuzz_st, LOGIN, rows, &n) != STORE_OK) {
		fprintf(stderr, "fuzz: cannot list keys: %s\n", store_error(fuzz_st));
		abort();
	}
	return n;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_school_open();
	/* Keys are read by libssh in the server module, as `user key add` reads them. */
	store_key_reader_set(server_key_read);
	if (store_user_add(fuzz_st, LOGIN, "Айгүл", ROLE_TEACHER, "fuzz-Passw0rd-long") !=
	    STORE_OK) {
		fprintf(stderr, "fuzz: cannot add a user: %s\n", store_error(fuzz_st));
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct user_key *keys = NULL;
	char *line = NULL;
	size_t n;
	int rc;

	line = fuzz_cstring(data, size);
	rc = store_user_key_add(fuzz_st, LOGIN, line);
	n = count_keys(&keys);
	if (rc != STORE_OK) {
		if (n != 0)
			fuzz_fail(T, "a refused line added a key");
		if (*store_error(fuzz_st) == '\0')
			fuzz_fail(T, "a line refused without saying why");
		goto out;
	}
	if (n != 1)
		fuzz_fail(T, "a line taken did not add exactly one key");
	if (strncmp(keys[0].type, "ssh-", 4) != 0 && strncmp(keys[0].type, "ecdsa-", 6) != 0 &&
	    strncmp(keys[0].type, "sk-", 3) != 0)
		fuzz_fail(T, "a key stored with a type SSH does not have");
	if (strncmp(keys[0].fingerprint, "SHA256:", 7) != 0)
		fuzz_fail(T, "a key stored without a SHA256 fingerprint");
	if (!fuzz_terminal_safe(keys[0].type, 0) || !fuzz_terminal_safe(keys[0].comment, 0))
		fuzz_fail(T, "a key's type or comment would act on a terminal");
	if (store_user_key_remove(fuzz_st, LOGIN, keys[0].id) != STORE_OK) {
		fprintf(stderr, "fuzz: cannot remove a key: %s\n", store_error(fuzz_st));
		abort();
	}
out:
	free(keys);
	free(line);
	return 0;
}
