/*
 * password: yescrypt hashes through libxcrypt.
 *
 * password_verify() takes as long for a missing hash as for a real one, so
 * the time of a login does not tell whether the account exists.
 */
#ifndef DAPTER_PASSWORD_H
#define DAPTER_PASSWORD_H

#define PASSWORD_MIN 8
#define PASSWORD_MAX 256

/* A new "$y$..." hash of `password`, malloc'd; NULL when libxcrypt fails. */
char *password_hash(const char *password);
/* 1 when `password` matches `hash`; 0 otherwise, also for hash == NULL. */
int password_verify(const char *password, const char *hash);

#endif
