/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sshsig: signs a text with the server's ed25519 host key in OpenSSH's
 * SSHSIG format (PROTOCOL.sshsig), so that anyone can check it with
 *
 *     ssh-keygen -Y verify -f allowed_signers -I dapter -n dapter-audit -s FILE.sig < FILE
 *
 * and no dapter at all. libssh 0.10 (Debian 12) has no sshsig API, so the
 * key file (unencrypted openssh-key-v1, as libssh writes it) is parsed here
 * and the ed25519 signature made with OpenSSL's libcrypto.
 *
 * These live in the SSH server module (dapter-server.so) with libssh and
 * libcrypto; the program calls them as server_sign_key_ensure(),
 * server_sign() and server_verify() (server_module.h).
 */
#ifndef DAPTER_SSHSIG_H
#define DAPTER_SSHSIG_H

#include <stddef.h>

#define SSHSIG_NAMESPACE "dapter-audit"
#define SSHSIG_KEY_FILE "ssh_host_ed25519_key"

/*
 * Makes DIR (0700) and DIR/ssh_host_ed25519_key (0600) when missing, as
 * `serve` would on its first start. 0, or -1 with a sentence in err.
 */
int sshsig_key_ensure(const char *dir, char *err, size_t errsize);
/*
 * Signs msg with the ed25519 key file in namespace ns; *armored (malloc'd)
 * is the "-----BEGIN SSH SIGNATURE-----" text. 0, or -1 with err.
 */
int sshsig_sign(const char *key_path, const char *ns, const void *msg, size_t len,
    char **armored, char *err, size_t errsize);
/* 0 when armored is a good SSHSIG of msg by the key file in namespace ns; else -1 with err. */
int sshsig_verify(const char *key_path, const char *ns, const void *msg, size_t len,
    const char *armored, char *err, size_t errsize);

#endif
