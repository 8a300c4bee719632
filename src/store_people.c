/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store_people: users (teachers, heads, admins), their SSH keys, and pupils.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "iin.h"
#include "password.h"
#include "sha256.h"
#include "store_internal.h"
#include "text.h"

int
login_valid(const char *login)
{
	size_t i;

	if (login == NULL || !islower((unsigned char)login[0]))
		return 0;
	for (i = 0; login[i] != '\0'; i++) {
		unsigned char c = (unsigned char)login[i];

		if (i >= STORE_LOGIN_MAX || !(islower(c) || isdigit(c) || c == '.' || c == '_' ||
		    c == '-'))
			return 0;
	}
	return 1;
}

/* "SHA256:..." of an OpenSSH key blob given in base64, as ssh-keygen -l shows it. */
void
store_key_fingerprint(const char *b64, char *out, size_t outsize)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char digest[32];
	struct sha256 c;
	uint32_t acc = 0;
	size_t i, o;
	int bits = 0;

	sha256_init(&c);
	for (i = 0; b64 != NULL && b64[i] != '\0' && b64[i] != '='; i++) {
		const char *p = strchr(set, b64[i]);

		if (p == NULL)
			break;
		acc = acc << 6 | (uint32_t)(p - set);
		if ((bits += 6) >= 8) {
			unsigned char byte = (unsigned char)(acc >> (bits - 8));

			bits -= 8;
			sha256_update(&c, &byte, 1);
		}
	}
	sha256_final(&c, digest);
	o = (size_t)snprintf(out, outsize, "SHA256:");
	acc = 0;
	bits = 0;
	for (i = 0; i < sizeof digest && o + 1 < outsize; i++) {
		acc = acc << 8 | digest[i];
		bits += 8;
		while (bits >= 6 && o + 1 < outsize) {
			out[o++] = set[(acc >> (bits - 6)) & 63];
			bits -= 6;
		}
	}
	if (bits > 0 && o + 1 < outsize)
		out[o++] = set[(acc << (6 - bits)) & 63];
	out[o] = '\0';
}

int64_t
store_user_id(struct store *st, const char *login)
{
	struct user u;

	if (store_user_find(st, login, &u) != STORE_OK)
		return 0;
	return u.id;
}

static int
password_acceptable(struct store *st, const char *password)
{
	size_t len = password != NULL ? strlen(password) : 0, chars = 0, i;

	if (!text_is_utf8(password != NULL ? password : "", len))
		return store_fail(st, STORE_INVALID, _("A password must be valid UTF-8 text."));
	/* Characters, not bytes: five Cyrillic letters are not ten. */
	for (i = 0; i < len; i++)
		chars += ((unsigned char)password[i] & 0xc0) != 0x80;
	if (chars < PASSWORD_MIN || len > PASSWORD_MAX)
		return store_fail(st, STORE_INVALID,
		    _("A password must be %d to %d characters long."), PASSWORD_MIN, PASSWORD_MAX);
	if (password_common(password))
		return store_fail(st, STORE_INVALID,
		    _("This password is among the first that guessers try. Choose another: "
		    "a few unrelated words make a good one."));
	return STORE_OK;
}

int
store_user_add(struct store *st, const char *login, const char *name, enum role role,
    const char *password)
{
	char clean[STORE_NAME_MAX + 1], today[11], pw[STORE_PW_STATE_MAX];
	char value[sizeof pw + 16];
	char *hash = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (!login_valid(login))
		return store_fail(st, STORE_INVALID,
		    _("A login is 1 to 32 small Latin letters, digits, '.', '_' or '-', "
		    "starting with a letter."));
	if ((rc = store_clean_text(st, _("Name"), name, STORE_NAME_MAX, 0, clean,
	    sizeof clean)) != STORE_OK)
		return rc;
	if (password != NULL) {
		if ((rc = password_acceptable(st, password)) != STORE_OK)
			return rc;
		if ((hash = password_hash(password)) == NULL)
			return store_fail(st, STORE_FAILED, _("Could not hash the password."));
	}
	store_today(today);
	if ((rc = store_write_begin(st)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "INSERT INTO user(login, name, role, pw_hash, created)"
	    " VALUES (?,?,?,?,?)")) == NULL) {
		rc = store_write_end(st, STORE_FAILED);
		goto out;
	}
	store_bind_text(s, 1, login);
	store_bind_text(s, 2, clean);
	store_bind_text(s, 3, role_name(role));
	if (hash != NULL)
		store_bind_text(s, 4, hash);
	store_bind_text(s, 5, today);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("User %s exists already."), login) :
		    store_fail_db(st);
		rc = store_write_end(st, rc);
		goto out;
	}
	/* The role and the password's fingerprint: what verify replays. */
	store_pw_state(hash, pw);
	snprintf(value, sizeof value, "%s %s", role_name(role), pw);
	rc = store_audit_append(st, "user.add", login, NULL, value);
	rc = store_write_end(st, rc);
out:
	free(hash);
	return rc;
}

#define USER_COLUMNS "id, login, name, role, disabled, lang, keymap"

static void
user_row(sqlite3_stmt *s, struct user *u)
{
	u->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, u->login, sizeof u->login);
	store_col_text(s, 2, u->name, sizeof u->name);
	role_parse((const char *)sqlite3_column_text(s, 3), &u->role);
	u->disabled = sqlite3_column_int(s, 4);
	store_col_text(s, 5, u->lang, sizeof u->lang);
	store_col_text(s, 6, u->keymap, sizeof u->keymap);
}

int
store_user_find(struct store *st, const char *login, struct user *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " USER_COLUMNS " FROM user WHERE login = ?");

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, login);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_NOT_FOUND, _("There is no user %s."), login);
	user_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_user_get(struct store *st, int64_t id, struct user *out)
{
	sqlite3_stmt *s = store_row_by_id(st, "SELECT " USER_COLUMNS " FROM user WHERE id = ?",
	    id, _("No such user."));

	if (s == NULL)
		return STORE_NOT_FOUND;
	user_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

int
store_user_list(struct store *st, struct user **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct user *u = NULL;
	int step, rc;

	*rows = NULL;
	*n = 0;
	if ((rc = store_require_head(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT " USER_COLUMNS " FROM user ORDER BY login")) == NULL)
		return STORE_FAILED;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((u = store_grow(st, (void **)rows, n, sizeof *u)) == NULL)
			return STORE_FAILED;
		user_row(s, u);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

/* One UPDATE of a user's column with its audit record. */
static int
user_update(struct store *st, const char *sql, const char *login, const char *value,
    const char *action, const char *audit_old, const char *audit_new)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, sql)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, value);
	store_bind_text(s, 2, login);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		rc = store_fail(st, STORE_NOT_FOUND, _("There is no user %s."), login);
		goto out;
	}
	rc = store_audit_append(st, action, login, audit_old, audit_new);
out:
	return store_write_end(st, rc);
}

int
store_user_set_disabled(struct store *st, const char *login, int disabled)
{
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (disabled && st->actor.user_id != 0 && strcmp(login, st->actor.login) == 0)
		return store_fail(st, STORE_INVALID, _("You cannot disable your own account."));
	return user_update(st, "UPDATE user SET disabled = ? WHERE login = ?", login,
	    disabled ? "1" : "0", disabled ? "user.disable" : "user.enable", NULL,
	    disabled ? "disabled" : "enabled");
}

int
store_user_set_password(struct store *st, const char *login, const char *password)
{
	char *hash = NULL, pw[STORE_PW_STATE_MAX];
	int rc;

	/*
	 * An admin sets anyone else's; one's own needs the current password
	 * (store_user_change_password): a session left open must not be
	 * enough to take the account over.
	 */
	if (st->actor.operator == 0 && strcmp(login, st->actor.login) == 0)
		return store_fail(st, STORE_DENIED,
		    _("To change your own password, give the current one first."));
	if (st->actor.operator == 0 && (rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if ((rc = password_acceptable(st, password)) != STORE_OK)
		return rc;
	if ((hash = password_hash(password)) == NULL)
		return store_fail(st, STORE_FAILED, _("Could not hash the password."));
	/* The audit says that it changed, never the hash: its fingerprint (store_pw_state). */
	store_pw_state(hash, pw);
	rc = user_update(st, "UPDATE user SET pw_hash = ? WHERE login = ?", login, hash,
	    "user.passwd", NULL, pw);
	free(hash);
	return rc;
}

int
store_user_change_password(struct store *st, const char *old, const char *password)
{
	char *hash = NULL, pw[STORE_PW_STATE_MAX];
	int rc;

	if (st->actor.operator || st->actor.user_id == 0)
		return store_fail(st, STORE_INVALID,
		    _("Only a logged-in user changes her own password; the operator sets one with "
		    "`dapter user passwd LOGIN --password-stdin`."));
	if (store_user_check_password(st, st->actor.login, old, NULL) != STORE_OK)
		return store_fail(st, STORE_DENIED,
		    _("The current password is wrong; nothing was changed."));
	if ((rc = password_acceptable(st, password)) != STORE_OK)
		return rc;
	if (strcmp(old, password) == 0)
		return store_fail(st, STORE_INVALID,
		    _("The new password is the old one; choose another."));
	if ((hash = password_hash(password)) == NULL)
		return store_fail(st, STORE_FAILED, _("Could not hash the password."));
	store_pw_state(hash, pw);
	rc = user_update(st, "UPDATE user SET pw_hash = ? WHERE login = ?", st->actor.login, hash,
	    "user.passwd", NULL, pw);
	free(hash);
	return rc;
}

int
store_user_set_lang(struct store *st, const char *login, const char *lang)
{
	if (strcmp(lang, "kk") != 0 && strcmp(lang, "ru") != 0 && strcmp(lang, "en") != 0)
		return store_fail(st, STORE_INVALID, _("Languages are kk, ru and en."));
	if (st->actor.operator == 0 && strcmp(login, st->actor.login) != 0)
		return store_fail(st, STORE_DENIED, _("You may change only your own settings."));
	return user_update(st, "UPDATE user SET lang = ? WHERE login = ?", login, lang,
	    "user.lang", NULL, lang);
}

int
store_user_check_password(struct store *st, const char *login, const char *password,
    struct user *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " USER_COLUMNS ", pw_hash FROM user"
	    " WHERE login = ?");
	char *hash = NULL;
	struct user u;
	int found = 0, ok;

	if (s == NULL)
		return STORE_FAILED;
	memset(&u, 0, sizeof u);
	store_bind_text(s, 1, login);
	if (sqlite3_step(s) == SQLITE_ROW) {
		user_row(s, &u);
		if (sqlite3_column_text(s, 7) != NULL)
			hash = strdup((const char *)sqlite3_column_text(s, 7));
		found = 1;
	}
	sqlite3_reset(s);
	/* Always hash: an unknown login costs the same time as a wrong password. */
	ok = password_verify(password != NULL ? password : "", hash);
	free(hash);
	if (!found || !ok || u.disabled)
		return store_fail(st, STORE_DENIED, _("Wrong login or password."));
	if (out != NULL)
		*out = u;
	return STORE_OK;
}

/* Installed by the program (main.c); NULL in a test that adds no keys. */
static store_key_reader key_reader;

void
store_key_reader_set(store_key_reader reader)
{
	key_reader = reader;
}

int
store_user_key_add(struct store *st, const char *login, const char *line)
{
	char type[64] = "", blob[16384] = "", comment[256] = "", parsed_type[64] = "";
	char why[512] = "", object[STORE_LOGIN_MAX + 32], value[sizeof parsed_type + 64];
	sqlite3_stmt *s = NULL;
	char *canonical = NULL;
	int64_t uid;
	int rc, n = 0, read;
	size_t i;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if ((uid = store_user_id(st, login)) == 0)
		return STORE_NOT_FOUND;
	if (sscanf(line, "%63s %16383s %n", type, blob, &n) < 2 ||
	    (strncmp(type, "ssh-", 4) != 0 && strncmp(type, "ecdsa-", 6) != 0 &&
	    strncmp(type, "sk-", 3) != 0))
		return store_fail(st, STORE_INVALID,
		    _("That is not an OpenSSH public key line (\"ssh-ed25519 AAAA... comment\")."));
	for (i = 0; blob[i] != '\0'; i++)
		if (!isalnum((unsigned char)blob[i]) && strchr("+/=", blob[i]) == NULL)
			return store_fail(st, STORE_INVALID,
			    _("The key's base64 part has characters it cannot have."));
	/* A program that adds keys installs a reader: its absence is a bug. */
	if (key_reader == NULL)
		abort();
	/*
	 * The reader reads the key as the server will at login, and its type must
	 * be the one the line names: what is stored is a key, never text that only
	 * looks like one (a "type" carrying escape sequences was echoed raw).
	 * The canonical type and base64 are what a login compares.
	 */
	read = key_reader(type, blob, parsed_type, sizeof parsed_type, &canonical, why,
	    sizeof why);
	if (read < 0) {
		rc = store_fail(st, STORE_FAILED, "%s", why);
		goto done;
	}
	if (read > 0 || strcmp(parsed_type, type) != 0) {
		rc = store_fail(st, STORE_INVALID,
		    _("That line is no public key SSH can read: copy the whole line of the .pub "
		    "file (\"ssh-ed25519 AAAA... comment\")."));
		goto done;
	}
	if (n > 0 && (rc = store_clean_text(st, _("Key comment"), line + n, sizeof comment - 1,
	    TEXT_ALLOW_EMPTY, comment, sizeof comment)) != STORE_OK)
		goto done;
	if ((rc = store_write_begin(st)) != STORE_OK)
		goto done;
	if ((s = store_stmt(st, "INSERT INTO user_key(user_id, type, blob, comment)"
	    " VALUES (?,?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, uid);
	store_bind_text(s, 2, parsed_type);
	store_bind_text(s, 3, canonical);
	store_bind_text(s, 4, comment);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT ?
		    store_fail(st, STORE_EXISTS, _("This key is registered already.")) :
		    store_fail_db(st);
		goto out;
	}
	/* The key's row and fingerprint: verify finds it removed or swapped with sqlite3. */
	snprintf(object, sizeof object, "%s key:%lld", login,
	    (long long)sqlite3_last_insert_rowid(st->db));
	snprintf(value, sizeof value, "%s ", parsed_type);
	store_key_fingerprint(canonical, value + strlen(value), sizeof value - strlen(value));
	rc = store_audit_append(st, "user.key.add", object, NULL, value);
out:
	rc = store_write_end(st, rc);
done:
	free(canonical);
	return rc;
}

int
store_user_by_key(struct store *st, const char *type, const char *base64, struct user *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT u.id, u.login, u.name, u.role, u.disabled,"
	    " u.lang, u.keymap FROM user_key k JOIN user u ON u.id = k.user_id"
	    " WHERE k.type = ? AND k.blob = ? AND u.disabled = 0");

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, type);
	store_bind_text(s, 2, base64);
	if (sqlite3_step(s) != SQLITE_ROW)
		return store_fail(st, STORE_DENIED, _("Unknown key."));
	user_row(s, out);
	sqlite3_reset(s);
	return STORE_OK;
}

/* ---- pupils ---- */

/* A pupil's names as typed, checked and cleaned into `out` (a surname and a given name). */
static int
pupil_clean_names(struct store *st, const struct pupil *in, struct pupil *out)
{
	int rc;

	if ((rc = store_clean_text(st, _("Surname"), in->surname, STORE_NAME_MAX, 0,
	    out->surname, sizeof out->surname)) != STORE_OK ||
	    (rc = store_clean_text(st, _("Given name"), in->given, STORE_NAME_MAX, 0, out->given,
	    sizeof out->given)) != STORE_OK)
		return rc;
	return store_clean_text(st, _("Patronymic"), in->patronymic, STORE_NAME_MAX,
	    TEXT_ALLOW_EMPTY, out->patronymic, sizeof out->patronymic);
}

int
store_pupil_add(struct store *st, int64_t class_id, struct pupil *in)
{
	struct pupil p;
	char full[3 * STORE_NAME_MAX + 3], object[STORE_CLASS_MAX + 32];
	char *key = NULL, *state = NULL;
	sqlite3_stmt *s = NULL;
	struct class c;
	int rc;

	memset(&p, 0, sizeof p);
	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_class_get(st, class_id, &c)) != STORE_OK ||
	    (rc = pupil_clean_names(st, in, &p)) != STORE_OK)
		return rc;
	if (in->birth[0] != '\0' && !date_parse(in->birth, p.birth))
		return store_fail(st, STORE_INVALID,
		    _("Birth date \"%s\": write YYYY-MM-DD or DD.MM.YYYY."), in->birth);
	if (in->gender != 0 && in->gender != 'M' && in->gender != 'F')
		return store_fail(st, STORE_INVALID, _("Gender is M or F."));
	p.gender = in->gender;
	/* The IIN is never echoed whole: a wrong one is named by its last digits. */
	if (in->iin[0] != '\0' && !iin_valid(in->iin)) {
		iin_mask(in->iin, p.iin, sizeof p.iin);
		return store_fail(st, STORE_INVALID, _("IIN %s: not 12 digits with a right check "
		    "digit."), p.iin);
	}
	snprintf(p.iin, sizeof p.iin, "%s", in->iin);
	pupil_full_name(&p, full, sizeof full);
	if ((key = text_sort_key(full)) == NULL)
		return store_fail(st, STORE_FAILED, _("Out of memory."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "INSERT INTO pupil(class_id, surname, given, patronymic, birth,"
	    " gender, sort_key, iin) VALUES (?,?,?,?,?,?,?,?)")) == NULL) {
		rc = store_write_end(st, STORE_FAILED);
		goto out;
	}
	sqlite3_bind_int64(s, 1, class_id);
	store_bind_text(s, 2, p.surname);
	store_bind_text(s, 3, p.given);
	store_bind_text(s, 4, p.patronymic);
	store_bind_text(s, 5, p.birth);
	store_bind_text(s, 6, p.gender == 'M' ? "M" : p.gender == 'F' ? "F" : "");
	store_bind_text(s, 7, key);
	store_bind_text(s, 8, p.iin);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_write_end(st, store_fail_db(st));
		goto out;
	}
	in->id = sqlite3_last_insert_rowid(st->db);
	/* A pupil put in a class belongs to it from the year's first day. */
	if ((s = store_stmt(st, "INSERT INTO enrolment(pupil_id, class_id, since)"
	    " SELECT ?, c.id, y.starts FROM class c JOIN year y ON y.id = c.year_id"
	    " WHERE c.id = ?")) == NULL) {
		rc = store_write_end(st, STORE_FAILED);
		goto out;
	}
	sqlite3_bind_int64(s, 1, in->id);
	sqlite3_bind_int64(s, 2, class_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_write_end(st, store_fail_db(st));
		goto out;
	}
	/*
	 * The row and its class history as the replay reads them back, under its
	 * id: verify then finds a name, birth date, IIN or stay changed with sqlite3.
	 */
	if ((state = store_audit_value(st, "", "SELECT " STORE_PUPIL_STATE " || "
	    STORE_ENROLMENT_STATE("?1") " FROM pupil WHERE id = ?1", in->id)) == NULL) {
		rc = store_write_end(st, STORE_FAILED);
		goto out;
	}
	snprintf(object, sizeof object, "%s pupil:%lld", c.name, (long long)in->id);
	rc = store_write_end(st, store_audit_append(st, "pupil.add", object, NULL, state));
out:
	free(state);
	free(key);
	return rc;
}

/*
 * Teachers see the pupils of classes they teach, lead, or substitute in
 * today; heads and admins all.
 */
static int
class_readable(struct store *st, int64_t class_id)
{
	sqlite3_stmt *s = NULL;
	char today[11];
	int ok;

	if (st->actor.role != ROLE_TEACHER)
		return 1;
	if ((s = store_stmt(st, "SELECT 1 FROM class WHERE id = ?1 AND teacher_id = ?2"
	    " UNION ALL SELECT 1 FROM assignment WHERE class_id = ?1 AND user_id = ?2"
	    " UNION ALL SELECT 1 FROM substitution WHERE class_id = ?1 AND user_id = ?2"
	    " AND starts <= ?3 AND ends >= ?3")) == NULL)
		return 0;
	store_today(today);
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, st->actor.user_id);
	store_bind_text(s, 3, today);
	ok = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return ok;
}

int
store_pupil_list(struct store *st, int64_t class_id, int64_t subject_id, int subgroup,
    struct pupil **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct pupil *p = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (!class_readable(st, class_id))
		return store_fail(st, STORE_DENIED, _("You do not teach in this class."));
	/* Everyone ever enrolled in the class; `left` is set for those who moved on. */
	if ((s = store_stmt(st, "SELECT p.id, ?1, p.surname, p.given, p.patronymic,"
	    " p.birth, coalesce(g.subgroup, 0), p.gender,"
	    " CASE WHEN count(*) > count(e.until) THEN '' ELSE max(e.until) END, p.iin"
	    " FROM enrolment e JOIN pupil p ON p.id = e.pupil_id LEFT JOIN pupil_subgroup g"
	    " ON g.pupil_id = p.id AND g.subject_id = ?2"
	    " WHERE e.class_id = ?1 AND (?3 = 0 OR coalesce(g.subgroup, 0) = ?3)"
	    " GROUP BY p.id ORDER BY p.sort_key")) == NULL)
		return STORE_FAILED;
	sqlite3_bind_int64(s, 1, class_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, subgroup);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((p = store_grow(st, (void **)rows, n, sizeof *p)) == NULL)
			return STORE_FAILED;
		p->id = sqlite3_column_int64(s, 0);
		p->class_id = sqlite3_column_int64(s, 1);
		store_col_text(s, 2, p->surname, sizeof p->surname);
		store_col_text(s, 3, p->given, sizeof p->given);
		store_col_text(s, 4, p->patronymic, sizeof p->patronymic);
		store_col_text(s, 5, p->birth, sizeof p->birth);
		p->subgroup = sqlite3_column_int(s, 6);
		p->gender = (char)sqlite3_column_text(s, 7)[0];
		store_col_text(s, 8, p->left, sizeof p->left);
		store_col_text(s, 9, p->iin, sizeof p->iin);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_pupil_set_subgroup(struct store *st, int64_t pupil_id, int64_t subject_id, int subgroup)
{
	sqlite3_stmt *s = NULL;
	char object[64], value[16];
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (subgroup < 0 || subgroup > 9)
		return store_fail(st, STORE_INVALID, _("A subgroup is a number from 0 to 9."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "INSERT INTO pupil_subgroup(pupil_id, subject_id, subgroup)"
	    " VALUES (?,?,?) ON CONFLICT DO UPDATE SET subgroup = excluded.subgroup")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, subgroup);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	snprintf(object, sizeof object, "pupil:%lld/subject:%lld", (long long)pupil_id,
	    (long long)subject_id);
	snprintf(value, sizeof value, "%d", subgroup);
	rc = store_audit_append(st, "pupil.subgroup", object, NULL, value);
out:
	return store_write_end(st, rc);
}

void
pupil_full_name(const struct pupil *p, char *out, size_t outsize)
{
	snprintf(out, outsize, "%s %s%s%s", p->surname, p->given, p->patronymic[0] ? " " : "",
	    p->patronymic);
}

int
store_pupil_move(struct store *st, int64_t pupil_id, int64_t to_class_id, const char *date)
{
	struct class from, to;
	sqlite3_stmt *s = NULL;
	char day[11], value[STORE_CLASS_MAX * 2 + 32], object[32];
	char *logged = NULL;
	int64_t from_id = 0;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_class_get(st, to_class_id, &to)) != STORE_OK)
		return rc;
	if (!date_parse(date, day))
		return store_fail(st, STORE_INVALID, _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
	/* The pupil's class is read under the write lock: a move a moment ago counts. */
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "SELECT class_id FROM pupil WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		from_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (from_id == 0) {
		rc = store_fail(st, STORE_NOT_FOUND, _("No such pupil."));
		goto out;
	}
	if (from_id == to_class_id) {
		rc = store_fail(st, STORE_INVALID, _("The pupil is in %s already."), to.name);
		goto out;
	}
	if ((rc = store_class_get(st, from_id, &from)) != STORE_OK)
		goto out;
	/* Close the current stay and open the next: the old journal keeps its marks. */
	if ((s = store_stmt(st, "UPDATE enrolment SET until = ?3 WHERE pupil_id = ?1"
	    " AND class_id = ?2 AND until IS NULL AND since < ?3")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, from_id);
	store_bind_text(s, 3, day);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) != 1) {
		rc = store_fail(st, STORE_INVALID, _("The move must come after the pupil joined %s."),
		    from.name);
		goto out;
	}
	if ((s = store_stmt(st, "INSERT INTO enrolment(pupil_id, class_id, since)"
	    " VALUES (?,?,?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	sqlite3_bind_int64(s, 2, to_class_id);
	store_bind_text(s, 3, day);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if ((s = store_stmt(st, "UPDATE pupil SET class_id = ? WHERE id = ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, to_class_id);
	sqlite3_bind_int64(s, 2, pupil_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	snprintf(object, sizeof object, "pupil:%lld", (long long)pupil_id);
	snprintf(value, sizeof value, "%s -> %s from %s", from.name, to.name, day);
	if ((logged = store_audit_value(st, value, "SELECT " STORE_ENROLMENT_STATE("?1"),
	    pupil_id)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	rc = store_audit_append(st, "pupil.move", object, from.name, logged);
out:
	free(logged);
	return store_write_end(st, rc);
}

int
store_pupil_rename(struct store *st, int64_t pupil_id, const struct pupil *in)
{
	struct pupil p, old;
	char before[3 * STORE_NAME_MAX + 3], after[sizeof before], object[32];
	char *key = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	memset(&p, 0, sizeof p);
	memset(&old, 0, sizeof old);
	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = pupil_clean_names(st, in, &p)) != STORE_OK)
		return rc;
	pupil_full_name(&p, after, sizeof after);
	/* The sort key follows the name: a new surname moves the pupil in the list. */
	if ((key = text_sort_key(after)) == NULL)
		return store_fail(st, STORE_FAILED, _("Out of memory."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		goto out;
	if ((s = store_stmt(st, "SELECT surname, given, patronymic FROM pupil WHERE id = ?")) ==
	    NULL) {
		rc = store_write_end(st, STORE_FAILED);
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		rc = store_write_end(st, store_fail(st, STORE_NOT_FOUND, _("No such pupil.")));
		goto out;
	}
	store_col_text(s, 0, old.surname, sizeof old.surname);
	store_col_text(s, 1, old.given, sizeof old.given);
	store_col_text(s, 2, old.patronymic, sizeof old.patronymic);
	sqlite3_reset(s);
	pupil_full_name(&old, before, sizeof before);
	/* Nothing changes: nothing to write or audit. */
	if (strcmp(before, after) == 0) {
		rc = store_write_end(st, STORE_OK);
		goto out;
	}
	if ((s = store_stmt(st, "UPDATE pupil SET surname = ?, given = ?, patronymic = ?,"
	    " sort_key = ? WHERE id = ?")) == NULL) {
		rc = store_write_end(st, STORE_FAILED);
		goto out;
	}
	store_bind_text(s, 1, p.surname);
	store_bind_text(s, 2, p.given);
	store_bind_text(s, 3, p.patronymic);
	store_bind_text(s, 4, key);
	sqlite3_bind_int64(s, 5, pupil_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_write_end(st, store_fail_db(st));
		goto out;
	}
	snprintf(object, sizeof object, "pupil:%lld", (long long)pupil_id);
	rc = store_write_end(st, store_audit_append(st, "pupil.rename", object, before, after));
out:
	free(key);
	return rc;
}

int
store_pupil_leave(struct store *st, int64_t pupil_id, const char *date)
{
	sqlite3_stmt *s = NULL;
	char day[11], object[32], value[64];
	char *logged = NULL;
	int64_t marks = 0;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (!date_parse(date, day))
		return store_fail(st, STORE_INVALID,
		    _("Dates are written YYYY-MM-DD or DD.MM.YYYY."));
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* Marks from the day on would be in lessons he is not in: the admin clears them first. */
	if ((s = store_stmt(st, "SELECT count(*) FROM mark m JOIN lesson l ON l.id = m.lesson_id"
	    " WHERE m.pupil_id = ? AND l.date >= ?")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	store_bind_text(s, 2, day);
	if (sqlite3_step(s) == SQLITE_ROW)
		marks = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (marks > 0) {
		rc = store_fail(st, STORE_INVALID, _("The pupil has marks from %s on (%lld): "
		    "clear them first, or give a later date."), day, (long long)marks);
		goto out;
	}
	/* The current stay ends; the earlier ones and their marks stay as they are. */
	if ((s = store_stmt(st, "UPDATE enrolment SET until = ?2 WHERE pupil_id = ?1"
	    " AND until IS NULL AND since < ?2")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, pupil_id);
	store_bind_text(s, 2, day);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) != 1) {
		rc = store_fail(st, STORE_INVALID, _("The pupil is not at school on %s: the date "
		    "must come after the pupil joined the class, and the pupil must not have left "
		    "already."), day);
		goto out;
	}
	snprintf(object, sizeof object, "pupil:%lld", (long long)pupil_id);
	snprintf(value, sizeof value, "left %s", day);
	if ((logged = store_audit_value(st, value, "SELECT " STORE_ENROLMENT_STATE("?1"),
	    pupil_id)) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	rc = store_audit_append(st, "pupil.leave", object, NULL, logged);
out:
	free(logged);
	return store_write_end(st, rc);
}

int
store_user_set_role(struct store *st, const char *login, enum role role)
{
	struct user u;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK ||
	    (rc = store_user_find(st, login, &u)) != STORE_OK)
		return rc;
	if (st->actor.user_id == u.id && role != ROLE_ADMIN)
		return store_fail(st, STORE_INVALID, _("You cannot take your own admin role away."));
	return user_update(st, "UPDATE user SET role = ? WHERE login = ?", login,
	    role_name(role), "user.role", role_name(u.role), role_name(role));
}

int
store_user_reset_password(struct store *st, const char *login, char *out, size_t outsize)
{
	/* No 0/O, 1/l/I: read aloud or copied from a screen without mistakes. */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	unsigned char raw[12];
	char pw[sizeof raw + 1];
	size_t i;
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if (getentropy(raw, sizeof raw) != 0)
		return store_fail(st, STORE_FAILED, _("No randomness for a new password."));
	for (i = 0; i < sizeof raw; i++)
		pw[i] = alphabet[raw[i] % (sizeof alphabet - 1)];
	pw[sizeof raw] = '\0';
	if ((rc = store_user_set_password(st, login, pw)) == STORE_OK)
		snprintf(out, outsize, "%s", pw);
	explicit_bzero(pw, sizeof pw);
	return rc;
}

int
store_user_key_list(struct store *st, const char *login, struct user_key **rows, size_t *n)
{
	sqlite3_stmt *s = NULL;
	struct user_key *k = NULL;
	int step;

	*rows = NULL;
	*n = 0;
	if (st->actor.role != ROLE_ADMIN && strcmp(st->actor.login, login) != 0)
		return store_fail(st, STORE_DENIED, _("You may see only your own keys."));
	if ((s = store_stmt(st, "SELECT k.id, k.type, k.blob, k.comment FROM user_key k"
	    " JOIN user u ON u.id = k.user_id WHERE u.login = ? ORDER BY k.id")) == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, login);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if ((k = store_grow(st, (void **)rows, n, sizeof *k)) == NULL)
			return STORE_FAILED;
		k->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, k->type, sizeof k->type);
		store_key_fingerprint((const char *)sqlite3_column_text(s, 2), k->fingerprint,
		    sizeof k->fingerprint);
		store_col_text(s, 3, k->comment, sizeof k->comment);
	}
	return step == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}

int
store_user_key_remove(struct store *st, const char *login, int64_t key_id)
{
	sqlite3_stmt *s = NULL;
	char object[64];
	int rc;

	if ((rc = store_require_admin(st)) != STORE_OK)
		return rc;
	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	if ((s = store_stmt(st, "DELETE FROM user_key WHERE id = ? AND user_id ="
	    " (SELECT id FROM user WHERE login = ?)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, key_id);
	store_bind_text(s, 2, login);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		rc = store_fail(st, STORE_NOT_FOUND, _("%s has no key %lld."), login,
		    (long long)key_id);
		goto out;
	}
	snprintf(object, sizeof object, "%s key:%lld", login, (long long)key_id);
	rc = store_audit_append(st, "user.key.remove", object, NULL, NULL);
out:
	return store_write_end(st, rc);
}

int
store_login_failures(struct store *st, const char *key, int window)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count FROM login_failure WHERE key = ?"
	    " AND first > ?");
	int n = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, (long long)time(NULL) - window);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_login_failure_note(struct store *st, const char *key, int window)
{
	sqlite3_stmt *s = NULL;
	long long now = (long long)time(NULL);
	int rc;

	if ((rc = store_write_begin(st)) != STORE_OK)
		return rc;
	/* A count older than the window starts again from one. */
	if ((s = store_stmt(st, "INSERT INTO login_failure(key, count, first) VALUES (?1, 1, ?2)"
	    " ON CONFLICT DO UPDATE SET count = CASE WHEN first > ?2 - ?3 THEN count + 1"
	    " ELSE 1 END, first = CASE WHEN first > ?2 - ?3 THEN first ELSE ?2 END")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	store_bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int(s, 3, window);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = store_fail_db(st);
		goto out;
	}
	/*
	 * The keys carry names a client chose before logging in: counts past
	 * their window go, and the table never holds more than the newest
	 * STORE_LOGIN_FAILURES_MAX of them, however many names are tried.
	 */
	if ((s = store_stmt(st, "DELETE FROM login_failure WHERE first <= ?1 - ?2 OR key IN"
	    " (SELECT key FROM login_failure ORDER BY first DESC LIMIT -1 OFFSET ?3)")) == NULL) {
		rc = STORE_FAILED;
		goto out;
	}
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int(s, 2, window);
	sqlite3_bind_int(s, 3, STORE_LOGIN_FAILURES_MAX);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail_db(st);
out:
	return store_write_end(st, rc);
}

int
store_login_failure_clear(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM login_failure WHERE key = ?");

	if (s == NULL)
		return STORE_FAILED;
	store_bind_text(s, 1, key);
	return sqlite3_step(s) == SQLITE_DONE ? STORE_OK : store_fail_db(st);
}
