/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sshsig: SSHSIG signatures made with the host key (see include/sshsig.h).
 *
 * The signed blob, from OpenSSH's PROTOCOL.sshsig:
 *   "SSHSIG" string(namespace) string(reserved "") string("sha512")
 *   string(SHA-512 of the message)
 * and the signature file, base64 in BEGIN/END SSH SIGNATURE lines (70 columns):
 *   "SSHSIG" uint32(1) string(public key) string(namespace) string("")
 *   string("sha512") string(string("ssh-ed25519") string(64-byte signature))
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "i18n.h"
#include "sshsig.h"

/* A growing byte buffer for SSH wire encoding. */
struct buf {
	unsigned char *p;
	size_t len, cap;
	int failed;
};

static void
buf_put(struct buf *b, const void *data, size_t len)
{
	unsigned char *grown = NULL;
	size_t cap;

	if (b->failed)
		return;
	if (b->len + len > b->cap) {
		cap = (b->len + len) * 2 + 64;
		if ((grown = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->p = grown;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
}

static void
buf_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = { v >> 24, v >> 16, v >> 8, v };

	buf_put(b, x, 4);
}

static void
buf_string(struct buf *b, const void *data, size_t len)
{
	buf_u32(b, (uint32_t)len);
	buf_put(b, data, len);
}

static void
fail(char *err, size_t errsize, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
fail(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
}

/* Reads a wire string at *pos of p[0..len); NULL when it runs past the end. */
static const unsigned char *
get_string(const unsigned char *p, size_t len, size_t *pos, size_t *outlen)
{
	uint32_t n;

	if (len - *pos < 4)
		return NULL;
	n = (uint32_t)p[*pos] << 24 | (uint32_t)p[*pos + 1] << 16 | (uint32_t)p[*pos + 2] << 8 |
	    p[*pos + 3];
	*pos += 4;
	if (len - *pos < n)
		return NULL;
	*outlen = n;
	*pos += n;
	return p + *pos - n;
}

/*
 * Loads the seed and public half of an unencrypted openssh-key-v1 ed25519
 * key: magic, cipher "none", kdf "none", kdf options, 1 key, its public
 * blob, then the private section: two equal check words, "ssh-ed25519",
 * the public key (32) and the private key (seed 32 + public 32).
 */
static int
load_ed25519(const char *path, unsigned char seed[32], unsigned char pub[32], char *err,
    size_t errsize)
{
	static const char begin[] = "-----BEGIN OPENSSH PRIVATE KEY-----";
	static const char magic[] = "openssh-key-v1";
	FILE *f = NULL;
	char line[256], *b64 = NULL, *grown = NULL;
	unsigned char *raw = NULL;
	const unsigned char *v = NULL, *priv = NULL;
	size_t b64len = 0, rawlen, pos, n, privlen, ppos = 0;
	int rc = -1, in = 0, dec;

	if ((f = fopen(path, "r")) == NULL) {
		fail(err, errsize, _("Cannot read the host key %s: %s."), path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!in) {
			in = strcmp(line, begin) == 0;
			continue;
		}
		if (strncmp(line, "-----END", 8) == 0)
			break;
		if ((grown = realloc(b64, b64len + strlen(line) + 1)) == NULL)
			goto bad;
		b64 = grown;
		memcpy(b64 + b64len, line, strlen(line) + 1);
		b64len += strlen(line);
	}
	if (b64 == NULL || (raw = malloc(b64len)) == NULL)
		goto bad;
	if ((dec = EVP_DecodeBlock(raw, (unsigned char *)b64, (int)b64len)) < 0)
		goto bad;
	/* EVP_DecodeBlock counts the padding's zero bytes; the parse below ignores them. */
	rawlen = (size_t)dec;
	if (rawlen < sizeof magic || memcmp(raw, magic, sizeof magic) != 0)
		goto bad;
	pos = sizeof magic;
	if ((v = get_string(raw, rawlen, &pos, &n)) == NULL || n != 4 || memcmp(v, "none", 4) != 0) {
		fail(err, errsize, _("The host key %s is encrypted; dapter needs it as serve "
		    "writes it."), path);
		goto out;
	}
	if ((v = get_string(raw, rawlen, &pos, &n)) == NULL ||	/* kdf name */
	    (v = get_string(raw, rawlen, &pos, &n)) == NULL ||	/* kdf options */
	    rawlen - pos < 4 || raw[pos + 3] != 1 ||	/* one key */
	    (pos += 4, (v = get_string(raw, rawlen, &pos, &n)) == NULL) ||	/* public blob */
	    (priv = get_string(raw, rawlen, &pos, &privlen)) == NULL || privlen < 8 ||
	    memcmp(priv, priv + 4, 4) != 0)
		goto bad;
	ppos = 8;
	if ((v = get_string(priv, privlen, &ppos, &n)) == NULL || n != 11 ||
	    memcmp(v, "ssh-ed25519", 11) != 0 ||
	    (v = get_string(priv, privlen, &ppos, &n)) == NULL || n != 32)
		goto bad;
	memcpy(pub, v, 32);
	if ((v = get_string(priv, privlen, &ppos, &n)) == NULL || n != 64 ||
	    memcmp(v + 32, pub, 32) != 0)
		goto bad;
	memcpy(seed, v, 32);
	rc = 0;
	goto out;
bad:
	fail(err, errsize, _("The host key %s is not an ed25519 key in OpenSSH's format."), path);
out:
	if (raw != NULL)
		OPENSSL_cleanse(raw, b64len);
	free(raw);
	if (b64 != NULL)
		OPENSSL_cleanse(b64, b64len);
	free(b64);
	fclose(f);
	return rc;
}

static void
pubkey_blob(struct buf *b, const unsigned char pub[32])
{
	buf_string(b, "ssh-ed25519", 11);
	buf_string(b, pub, 32);
}

/* What an SSHSIG signature signs: the namespace and the message's SHA-512. */
static void
signed_blob(struct buf *tbs, const char *ns, const void *msg, size_t len)
{
	unsigned char digest[SHA512_DIGEST_LENGTH];

	SHA512(msg, len, digest);
	buf_put(tbs, "SSHSIG", 6);
	buf_string(tbs, ns, strlen(ns));
	buf_string(tbs, "", 0);
	buf_string(tbs, "sha512", 6);
	buf_string(tbs, digest, sizeof digest);
}

/* Base64 of data (malloc'd), or NULL. */
static char *
base64(const unsigned char *data, size_t len)
{
	char *out = NULL;

	if ((out = malloc(4 * ((len + 2) / 3) + 1)) == NULL)
		return NULL;
	EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	return out;
}

int
sshsig_key_ensure(const char *dir, char *err, size_t errsize)
{
	char path[4096];
	ssh_key key = NULL;
	mode_t old_mask;
	int rc = -1;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fail(err, errsize, _("Cannot create %s: %s."), dir, strerror(errno));
		return -1;
	}
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, SSHSIG_KEY_FILE) >= sizeof path) {
		fail(err, errsize, _("The path %s is too long."), dir);
		return -1;
	}
	if (access(path, F_OK) == 0)
		return 0;
	/* The same key serve makes on its first start (ssh_server.c). */
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
		fail(err, errsize, _("Cannot make an ed25519 host key."));
		return -1;
	}
	old_mask = umask(077);
	if (ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path) != SSH_OK ||
	    chmod(path, 0600) != 0)
		fail(err, errsize, _("Cannot write %s."), path);
	else
		rc = 0;
	umask(old_mask);
	ssh_key_free(key);
	return rc;
}

int
sshsig_sign(const char *key_path, const char *ns, const void *msg, size_t len, char **armored,
    char *err, size_t errsize)
{
	unsigned char seed[32], pub[32], sig[64];
	struct buf tbs = { 0 }, out = { 0 }, wrapped = { 0 };
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *md = NULL;
	size_t siglen = sizeof sig, i;
	char *b64 = NULL;
	int rc = -1;

	*armored = NULL;
	if (load_ed25519(key_path, seed, pub, err, errsize) != 0)
		return -1;
	signed_blob(&tbs, ns, msg, len);
	if (tbs.failed)
		goto nomem;
	if ((pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32)) == NULL ||
	    (md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(md, NULL, NULL, NULL, pkey) != 1 ||
	    EVP_DigestSign(md, sig, &siglen, tbs.p, tbs.len) != 1 || siglen != 64) {
		fail(err, errsize, _("Cannot sign with the host key %s."), key_path);
		goto out;
	}
	buf_put(&out, "SSHSIG", 6);
	buf_u32(&out, 1);
	{
		struct buf pk = { 0 }, sg = { 0 };

		pubkey_blob(&pk, pub);
		buf_string(&sg, "ssh-ed25519", 11);
		buf_string(&sg, sig, 64);
		buf_string(&out, pk.p, pk.len);
		buf_string(&out, ns, strlen(ns));
		buf_string(&out, "", 0);
		buf_string(&out, "sha512", 6);
		buf_string(&out, sg.p, sg.len);
		if (pk.failed || sg.failed)
			out.failed = 1;
		free(pk.p);
		free(sg.p);
	}
	if (out.failed || (b64 = base64(out.p, out.len)) == NULL)
		goto nomem;
	buf_put(&wrapped, "-----BEGIN SSH SIGNATURE-----\n", 30);
	for (i = 0; i < strlen(b64); i += 70) {
		buf_put(&wrapped, b64 + i, strlen(b64 + i) < 70 ? strlen(b64 + i) : 70);
		buf_put(&wrapped, "\n", 1);
	}
	buf_put(&wrapped, "-----END SSH SIGNATURE-----\n", 29);	/* with the NUL */
	if (wrapped.failed)
		goto nomem;
	*armored = (char *)wrapped.p;
	wrapped.p = NULL;
	rc = 0;
	goto out;
nomem:
	fail(err, errsize, _("Out of memory."));
out:
	OPENSSL_cleanse(seed, sizeof seed);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	free(tbs.p);
	free(out.p);
	free(wrapped.p);
	free(b64);
	return rc;
}

int
sshsig_verify(const char *key_path, const char *ns, const void *msg, size_t len,
    const char *armored, char *err, size_t errsize)
{
	unsigned char seed[32], pub[32];
	struct buf b64 = { 0 }, tbs = { 0 }, pk = { 0 };
	unsigned char *raw = NULL;
	const unsigned char *v = NULL, *sig = NULL;
	const char *p = NULL, *line = NULL;
	size_t n, siglen, pos = 10, spos = 0;
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *md = NULL;
	int rc = -1, dec, pad = 0;

	if (load_ed25519(key_path, seed, pub, err, errsize) != 0)
		return -1;
	OPENSSL_cleanse(seed, sizeof seed);
	/* The base64 lines between the BEGIN and END lines. */
	if ((p = strstr(armored, "-----BEGIN SSH SIGNATURE-----\n")) == NULL)
		goto bad;
	for (p += 30; *p != '\0' && strncmp(p, "-----END", 8) != 0; p = line + 1) {
		if ((line = strchr(p, '\n')) == NULL)
			goto bad;
		buf_put(&b64, p, (size_t)(line - p));
	}
	buf_put(&b64, "", 1);
	if (b64.failed || b64.len < 2 || (raw = malloc(b64.len)) == NULL)
		goto bad;
	if ((dec = EVP_DecodeBlock(raw, b64.p, (int)b64.len - 1)) < 0)
		goto bad;
	pad = b64.len > 2 && b64.p[b64.len - 2] == '=' ? (b64.p[b64.len - 3] == '=' ? 2 : 1) : 0;
	n = (size_t)dec - (size_t)pad;
	pubkey_blob(&pk, pub);
	/* "SSHSIG", version 1, our key, the namespace, "", "sha512", the signature. */
	if (n < 10 || memcmp(raw, "SSHSIG\0\0\0\1", 10) != 0 ||
	    (v = get_string(raw, n, &pos, &siglen)) == NULL || pk.failed || siglen != pk.len ||
	    memcmp(v, pk.p, pk.len) != 0) {
		fail(err, errsize, _("The signature is not by this server's host key %s."),
		    key_path);
		goto out;
	}
	if ((v = get_string(raw, n, &pos, &siglen)) == NULL || siglen != strlen(ns) ||
	    memcmp(v, ns, siglen) != 0 || get_string(raw, n, &pos, &siglen) == NULL ||
	    (v = get_string(raw, n, &pos, &siglen)) == NULL || siglen != 6 ||
	    memcmp(v, "sha512", 6) != 0 || (sig = get_string(raw, n, &pos, &n)) == NULL ||
	    (v = get_string(sig, n, &spos, &siglen)) == NULL || siglen != 11 ||
	    memcmp(v, "ssh-ed25519", 11) != 0 || (v = get_string(sig, n, &spos, &siglen)) == NULL ||
	    siglen != 64)
		goto bad;
	signed_blob(&tbs, ns, msg, len);
	if (tbs.failed ||
	    (pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32)) == NULL ||
	    (md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestVerifyInit(md, NULL, NULL, NULL, pkey) != 1 ||
	    EVP_DigestVerify(md, v, 64, tbs.p, tbs.len) != 1) {
		fail(err, errsize, _("The signature does not match the signed text."));
		goto out;
	}
	rc = 0;
	goto out;
bad:
	fail(err, errsize, _("That is not an SSH signature (SSHSIG) of namespace %s."), ns);
out:
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	free(raw);
	free(b64.p);
	free(tbs.p);
	free(pk.p);
	return rc;
}
