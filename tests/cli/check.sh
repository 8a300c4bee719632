#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The server's configuration file (/etc/dapter/dapter.conf) and `dapter check`,
# the health a monitor polls.
. "${top_srcdir:-.}/tests/cli/lib.sh"

"$DAPTER" --db "$db" init --school "№ 1 мектеп" >/dev/null 2>&1 ||
    { echo "Bail out! cannot make a school"; exit 1; }
conf="$tmp/dapter.conf"
unset DAPTER_DB

# c ARGS: dapter with the test's configuration file and no --db.
c() {
	DAPTER_CONF="$conf" "$DAPTER" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	return 0
}

printf '# the school\ndb = %s\n  backup-dir =  %s/backups  \n' "$db" "$tmp" >"$conf"
c class add "7 Ә"
status 0 "a command without --db works on the database the configuration file names"
d class list
has "$tmp/out" "7 Ә" "it wrote into that database"
DAPTER_DB="$tmp/other.db" c class list
status 1 "\$DAPTER_DB overrides the file"
has "$tmp/err" "other.db" "and is the database named in the error"
c --db "$tmp/third.db" class list
has "$tmp/err" "third.db" "--db overrides the file"

printf 'db = %s\nport = 22\nbakup-dir = /tmp\n' "$db" >"$conf"
c class list
status 1 "a misspelt setting stops the command"
has "$tmp/err" "dapter.conf:3: unknown setting \"bakup-dir\"" "and names the file, line and setting"
c --version
status 0 "--version works with a broken configuration file"
c help check
status 0 "and so does help"
printf 'db %s\n' "$db" >"$conf"
c class list
has "$tmp/err" "dapter.conf:1: expected \"key = value\"" "a line without = is named"
DAPTER_CONF="$tmp/none.conf" "$DAPTER" --db "$db" class list >/dev/null 2>&1
tap_result $? "a missing configuration file is no error"

# check: every finding on its own line, exit 1 while one fails.
printf 'db = %s\nbackup-dir = %s/backups\n' "$db" "$tmp" >"$conf"
c check
status 1 "check fails while there is no backup"
has "$tmp/out" "FAIL backups: none in $tmp/backups" "and says where it looked"
has "$tmp/out" "ok   database $db: quick_check holds" "the database passes quick_check"
has "$tmp/out" "ok   audit: head " "the audit head is printed"
head=$(sqlite3 "$db" "SELECT id || ':' || hash FROM audit ORDER BY id DESC LIMIT 1")
has "$tmp/out" "audit: head $head" "it is the last record's id and hash"
c backup "$tmp/backups"
c backup "$tmp/backups"
[ "$(ls "$tmp"/backups/dapter-*.db | wc -l)" -eq 2 ]
tap_result $? "two backups in a row are two files (the second never overwrites the first)"
c check
status 0 "after a backup every finding is ok"
[ "$(grep -c '^ok   ' "$tmp/out")" -eq 6 ]
tap_result $? "six findings: database, disk, backups, host keys, audit, clock"
touch -d '2 days ago' "$tmp"/backups/dapter-*.db
c check
status 1 "a backup two days old fails"
has "$tmp/out" "FAIL backups: the newest" "and names the newest"
c check --backup-dir "$tmp/elsewhere"
has "$tmp/out" "FAIL backups: none in $tmp/elsewhere" "--backup-dir overrides the file"
touch "$tmp"/backups/dapter-*.db

# (the backups above made the key that signs their checkpoints)
mkdir -p "$db.keys" && chmod 755 "$db.keys" && touch "$db.keys/ssh_host_ed25519_key"
c check
has "$tmp/out" "FAIL host keys: $db.keys can be read by others" "a host key directory others can read fails"
chmod 700 "$db.keys"; chmod 644 "$db.keys/ssh_host_ed25519_key"
c check
has "$tmp/out" "FAIL host keys: $db.keys/ssh_host_ed25519_key can be read by others" \
    "and so does a readable key"
chmod 600 "$db.keys/ssh_host_ed25519_key"
c check
status 0 "private keys pass"

# A clock gone back: the last audit record is dated in the future.
sqlite3 "$db" "INSERT INTO audit (id, at, login, session, action, object, prev_hash, hash)
    SELECT max(id) + 1, '2099-01-01T00:00:00Z', 'operator', 'x', 'note', 'clock', hash, hash
    FROM audit" 2>"$tmp/err" || sed 's/^/# sqlite3: /' "$tmp/err"
c check
status 1 "a clock behind the last audit record fails"
has "$tmp/out" "before the last audit record (2099-01-01T00:00:00Z)" "and says so"

c --as nobody check
status 3 "check is for the server's operator"
done_testing
