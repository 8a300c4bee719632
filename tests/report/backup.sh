#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Backups taken while teachers write, retention, and restore with its checks.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }
bk="$tmp/backups"

# A teacher keeps adding lessons while the operator takes backups.
(
	i=0
	while [ $i -lt 40 ]; do
		"$DAPTER" --db "$db" --as aigerim lesson add "7 Ә" Алгебра 2026-11-20 \
		    --topic "Қайталау $i" >/dev/null 2>>"$tmp/writer.err" || echo x >>"$tmp/writer.fail"
		i=$((i + 1))
	done
) &
writer=$!
ok=0
for n in 1 2 3; do
	d backup "$bk" --keep 2
	[ "$st" -eq 0 ] || ok=1
	sleep 1
done
wait "$writer"
tap_result $ok "three backups while a teacher writes"
[ ! -e "$tmp/writer.fail" ]
tap_result $? "the teacher's writes were never refused during the backups"
n=0
last=""
for f in "$bk"/dapter-*.db; do
	[ -f "$f" ] && n=$((n + 1)) && last=$f	# the glob sorts: the newest comes last
done
[ "$n" -eq 2 ]
tap_result $? "--keep 2 leaves the newest two backups (found $n)"
mode=$(stat -c %a "$last")
[ "$mode" = 600 ]
tap_result $? "a backup is readable by the operator only (mode $mode)"

# From its first byte: made under umask 077, never chmod'ed after (a reader
# who opened it in between would keep it), even from a careless umask 000.
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	(umask 000 && strace -f -o "$tmp/trace" -e trace=umask,chmod,fchmod,fchmodat \
	    "$DAPTER" --db "$db" backup "$tmp/private" >/dev/null 2>&1)
	made=$(find "$tmp/private" -name 'dapter-*.db' -perm 600 | wc -l)
	grep -q "umask(077)" "$tmp/trace" && ! grep -q "chmod" "$tmp/trace" && [ "$made" -eq 1 ]
	tap_result $? "a backup is created 0600 under umask 077, with no chmod after"
	grep "chmod" "$tmp/trace" | sed 's/^/#   /' | head -n 3
	[ "$(stat -c %a "$tmp/private")" = 700 ]
	tap_result $? "its new folder is 0700"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - # SKIP strace cannot run here"
fi

"$DAPTER" --db "$tmp/restored.db" restore "$last" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "restore a backup to a new path"
"$DAPTER" --db "$tmp/restored.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the restored database's audit chain holds"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$tmp/restored.db" 'PRAGMA integrity_check' >"$tmp/out" 2>&1
	has "$tmp/out" "ok" "the restored database passes integrity_check"
fi

# The newest copy after the writes continues the live journal's audit.
d backup "$tmp/fresh"
fresh=$(cat "$tmp/out")
d restore "$fresh"
status 0 "restore over the live database"
ls "$db".before-restore-* >/dev/null 2>&1
tap_result $? "the replaced database is kept as .before-restore-DATE"
d audit verify
status 0 "the audit chain holds after the restore"

# A damaged copy is refused, and the database stays as it was.
cp "$last" "$tmp/bad.db"
dd if=/dev/urandom of="$tmp/bad.db" bs=1024 seek=8 count=16 conv=notrunc 2>/dev/null
cp "$db" "$tmp/before.db"
d restore "$tmp/bad.db"
status 1 "a damaged backup is refused"
same "$db" "$tmp/before.db" "and the database is untouched"
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$last" "$tmp/forged.db"
	sqlite3 "$tmp/forged.db" "DROP TRIGGER audit_no_update;
	    UPDATE audit SET new = '10' WHERE id = (SELECT max(id) FROM audit);" 2>/dev/null
	d restore "$tmp/forged.db"
	status 1 "a backup whose audit chain is broken is refused"
fi

# Beside each copy: a signed audit checkpoint and the host keys (0600).
stem=${last%.db}
[ -s "$stem.checkpoint" ] && [ -s "$stem.checkpoint.sig" ]
tap_result $? "a backup writes a signed checkpoint beside the copy"
printf 'dapter namespaces="dapter-audit" %s\n' "$(ssh-keygen -y -f "$db.keys/ssh_host_ed25519_key")" >"$tmp/allowed"
ssh-keygen -Y verify -f "$tmp/allowed" -I dapter -n dapter-audit -s "$stem.checkpoint.sig" \
    <"$stem.checkpoint" >"$tmp/out" 2>&1
tap_result $? "ssh-keygen -Y verify checks the backup's checkpoint"
"$DAPTER" --db "$last" audit verify --checkpoint "$stem.checkpoint" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the copy holds its checkpoint's head"
mode=$(stat -c %a "$stem.keys/ssh_host_ed25519_key" 2>/dev/null)
[ "$mode" = 600 ] && cmp -s "$stem.keys/ssh_host_ed25519_key" "$db.keys/ssh_host_ed25519_key"
tap_result $? "the host key is in the backup, mode 0600 (mode $mode)"
mkdir "$tmp/moved"
"$DAPTER" --db "$tmp/moved/school.db" restore "$last" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "restore on a fresh directory"
cmp -s "$tmp/moved/school.db.keys/ssh_host_ed25519_key" "$db.keys/ssh_host_ed25519_key" &&
    [ "$(stat -c %a "$tmp/moved/school.db.keys/ssh_host_ed25519_key")" = 600 ]
tap_result $? "the restore brings the host keys back, mode 0600"
n=$(ls "$bk" | grep -c '\.keys$')
[ "$n" -eq 2 ]; tap_result $? "pruning removes the old copies' keys too (found $n)"

# An older copy does not continue the journal: refused without --force; the restore is audited.
d restore "$last"
status 1 "a copy older than the journal is refused"
has "$tmp/err" "does not continue" "the refusal says why"
d restore "$last" --force
status 0 "--force restores it anyway"
d audit log --last 1
has "$tmp/out" "restore" "the restore is in the audit log"
has "$tmp/out" "forced" "and says it was forced"
d audit verify
status 0 "the chain holds after a forced restore"

# Refused while another dapter process has the database open.
mkfifo "$tmp/fifo"
"$DAPTER" --db "$db" --as aigerim marks import <"$tmp/fifo" >/dev/null 2>&1 &
holder=$!
exec 3>"$tmp/fifo"
i=0
while flock -n -x "$db.lock" true 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
d backup "$tmp/fresh2"
fresh=$(cat "$tmp/out")
d restore "$fresh"
status 1 "restore is refused while a session has the database open"
has "$tmp/err" "open in another dapter process" "and says why"
exec 3>&-
wait "$holder"
d restore "$fresh"
status 0 "and goes ahead once it closed"

# A kill at every step leaves a database that opens and verifies.
for n in 1 2 3 4 5; do
	d backup "$tmp/kill$n"
	copy=$(cat "$tmp/out")
	was=$("$DAPTER" --db "$db" audit head)
	DAPTER_RESTORE_STOP=$n "$DAPTER" --db "$db" restore "$copy" >/dev/null 2>&1
	d audit verify
	status 0 "killed at restore step $n, the journal opens and its chain holds"
	now=$("$DAPTER" --db "$db" audit head)
	if [ $n -lt 5 ]; then [ "$now" = "$was" ]; tap_result $? "before the rename it is the old journal"
	else [ "$now" != "$was" ]; tap_result $? "after the rename it is the restored journal"; fi
done
d backup "$tmp/kill6"
d restore "$(cat "$tmp/out")"
status 0 "a restore after the kills goes through"

# A database moved aside by an older, interrupted restore: never sent to init.
mkdir "$tmp/aside"
cp "$fresh" "$tmp/aside/school.db.before-restore-2026-11-23-101010"
"$DAPTER" --db "$tmp/aside/school.db" audit verify >"$tmp/out" 2>"$tmp/err"
lacks "$tmp/err" "init --school" "a missing database with a .before-restore copy does not suggest init"
has "$tmp/err" "school.db.before-restore-2026-11-23-101010" "it names the copy to move back"

# A schema upgrade keeps the database as it was, says so, and is audited.
mkdir "$tmp/old"
cp "$fresh" "$tmp/old/school.db"
# Schema 2 as it was: without what migrations 3 (failed logins), 4 (the
# end of the year: year works and exams, the scheme's weights, the IIN), 5
# (the timetable), 6 (the class history's index by pupil), 7 (the
# calendar-thematic plan), 8 (subjects per grade and class, holidays per
# grade), 9 (comments on cells) and 10 (make-up lessons) add.
# The demo's timetable is in its audit, as no schema 2 school's was: its rows
# are kept aside and put back once the upgrade has made the table again.
sqlite3 -cmd ".mode insert timetable" "$tmp/old/school.db" "SELECT * FROM timetable" \
    >"$tmp/timetable.sql"
sqlite3 "$tmp/old/school.db" "DROP TABLE plan_topic; DROP TABLE plan;
    DROP TABLE login_failure; DROP TABLE year_work;
    DROP TABLE timetable; DROP INDEX enrolment_pupil; DROP TABLE comment;
    ALTER TABLE lesson DROP COLUMN makeup;
    ALTER TABLE scheme DROP COLUMN w_work; ALTER TABLE scheme DROP COLUMN w_exam;
    ALTER TABLE pupil DROP COLUMN iin; DROP VIEW subject_in_class;
    DROP TABLE subject_rule; ALTER TABLE holiday DROP COLUMN grade;
    PRAGMA user_version = 2;"
"$DAPTER" --db "$tmp/old/school.db" audit log --last 1 >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "an older schema upgrades at open"
has "$tmp/err" "from schema 2 to" "the upgrade says what it did"
kept=$(ls "$tmp/old"/school.db.before-schema-2-* 2>/dev/null | head -n 1)
[ -n "$kept" ] && [ "$(sqlite3 "$kept" 'PRAGMA user_version')" = 2 ] &&
    [ "$(stat -c %a "$kept")" = 600 ]
tap_result $? "a copy of the database as it was is kept first, mode 0600"
has "$tmp/out" "schema.upgrade" "the upgrade is in the audit log"
sqlite3 "$tmp/old/school.db" <"$tmp/timetable.sql"
"$DAPTER" --db "$tmp/old/school.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the upgraded database verifies"
lacks "$tmp/err" "schema" "an up-to-date database upgrades nothing"

d backup "$bk" --keep 0
status 2 "--keep 0 is a usage error"
"$DAPTER" --db "$db" --as admin backup "$bk" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "backup is for the server's operator only"
"$DAPTER" --db "$db" --as admin restore "$last" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "and so is restore"
done_testing
