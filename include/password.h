/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * password: yescrypt hashes through libxcrypt.
 *
 * password_verify() takes as long for a missing hash as for a real one, so
 * the time of a login does not tell whether the account exists.
 */
#ifndef DAPTER_PASSWORD_H
#define DAPTER_PASSWORD_H

/* NIST SP 800-63B asks for 8 at least; a school's passwords are guessed over SSH by anyone: 10. */
#define PASSWORD_MIN 10
#define PASSWORD_MAX 256

/*
 * 1 when `password` is among those guessed first: a list of the most common
 * ones (case does not matter), one character repeated, or a run of digits
 * or keyboard letters such as 1234567890 and qwertyuiop (in either layout).
 */
int password_common(const char *password);

/* A new "$y$..." hash of `password`, malloc'd; NULL when libxcrypt fails. */
char *password_hash(const char *password);
/* 1 when `password` matches `hash`; 0 otherwise, also for hash == NULL. */
int password_verify(const char *password, const char *hash);

#endif
