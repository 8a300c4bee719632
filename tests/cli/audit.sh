#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The audit chain: every change recorded, and a change behind dapter's back caught.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-23 --topic "Бірмүшелер" >/dev/null

d audit verify
status 0 "a fresh chain verifies"
has "$tmp/out" "The audit chain holds" "verify says the chain holds"
d audit log
has "$tmp/out" "operator" "local commands are audited as the operator"
has "$tmp/out" "user.add	aruzhan" "user creation is audited"
has "$tmp/out" "lesson.add" "lesson creation is audited"
lacks "$tmp/out" '$y$' "password hashes never reach the audit log"

cp "$db" "$tmp/copy.db"
sqlite3 "$tmp/copy.db" "UPDATE audit SET new = 'admin' WHERE action = 'user.add'" 2>"$tmp/err"
has "$tmp/err" "append-only" "a plain UPDATE of the audit table is stopped by its trigger"

sqlite3 "$tmp/copy.db" "DROP TRIGGER audit_no_update;
    UPDATE audit SET new = 'admin' WHERE action = 'user.add' AND object = 'aruzhan';"
"$DAPTER" --db "$tmp/copy.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a record changed behind dapter's back fails verify"
id=$(sqlite3 "$tmp/copy.db" "SELECT id FROM audit WHERE object = 'aruzhan' AND action = 'user.add'")
has "$tmp/err" "record $id" "verify names the first broken record"

cp "$db" "$tmp/copy2.db"
sqlite3 "$tmp/copy2.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 3;"
"$DAPTER" --db "$tmp/copy2.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a deleted record fails verify"
has "$tmp/err" "record 3 is missing" "verify names the missing record"

# The chain is checkable without dapter: recompute the last hash with sqlite3 and sha256sum.
last=$(sqlite3 "$db" "SELECT id FROM audit ORDER BY id DESC LIMIT 1")
rec() { sqlite3 "$db" "SELECT $1 FROM audit WHERE id = $last"; }
field() { if [ "$(rec "$1 IS NULL")" = 1 ]; then printf -- '-:\n'; else v=$(rec "$1"); printf '%s:%s\n' "$(printf %s "$v" | wc -c)" "$v"; fi; }
got=$({ field prev_hash; field id; field at; field login; field session; field action; field object; field old; field new; } | sha256sum | cut -d' ' -f1)
[ "$got" = "$(rec hash)" ]; tap_result $? "the README's recipe recomputes a record's hash with sqlite3 and sha256sum"

# Anchors outside the file: a head, a signed checkpoint, and the state replayed from the chain.
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 >"$tmp/m.csv"
sed -e 's/^\(1,Әлиев Нұр\),$/\1,8/' -e 's/^\(2,Беков Ерлан\),$/\1,н/' "$tmp/m.csv" >"$tmp/f.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/f.csv" >/dev/null 2>&1
for i in $(seq 1 60); do "$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-24 --topic "t$i" >/dev/null; done
d audit head
status 0 "audit head prints the head"
head=$(cat "$tmp/out")
n=$(sqlite3 "$db" "SELECT max(id) FROM audit")
case "$head" in "$n:"????????????????????????????????????????????????????????????????) r=0 ;; *) r=1 ;; esac
tap_result $r "the head is the last record's ID:HASH"

# An attacker who knows the schema puts the triggers back after her edit.
retrigger="CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
cp "$db" "$tmp/cut.db"
sqlite3 "$tmp/cut.db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
    DELETE FROM audit WHERE id > $n - 50; $retrigger"
"$DAPTER" --db "$tmp/cut.db" audit verify --head "$head" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "verify --head fails after the last 50 records are deleted"
has "$tmp/err" "record $n" "it names the missing head record"
sqlite3 "$tmp/cut.db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
    DELETE FROM audit; $retrigger"
"$DAPTER" --db "$tmp/cut.db" audit verify --head "$head" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "verify --head fails after every record is deleted"

# A forged chain: every hash recomputed by the README's recipe after changing record 2.
cp "$db" "$tmp/forged.db"
sqlite3 "$tmp/forged.db" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
    UPDATE audit SET new = 'admin' WHERE id = 2;"
prev=$(sqlite3 "$tmp/forged.db" "SELECT prev_hash FROM audit WHERE id = 2")
for id in $(sqlite3 "$tmp/forged.db" "SELECT id FROM audit WHERE id >= 2 ORDER BY id"); do
	frec() { sqlite3 "$tmp/forged.db" "SELECT $1 FROM audit WHERE id = $id"; }
	ffield() { if [ "$(frec "$1 IS NULL")" = 1 ]; then printf -- '-:\n'; else v=$(frec "$1"); printf '%s:%s\n' "$(printf %s "$v" | wc -c)" "$v"; fi; }
	h=$({ printf '%s:%s\n' 64 "$prev"; ffield id; ffield at; ffield login; ffield session; ffield action; ffield object; ffield old; ffield new; } | sha256sum | cut -d' ' -f1)
	sqlite3 "$tmp/forged.db" "UPDATE audit SET prev_hash = '$prev', hash = '$h' WHERE id = $id"
	prev=$h
done
sqlite3 "$tmp/forged.db" "$retrigger"
"$DAPTER" --db "$tmp/forged.db" audit verify >/dev/null 2>&1
tap_result $? "(the forged chain is self-consistent, as the recipe allows)"
"$DAPTER" --db "$tmp/forged.db" audit verify --head "$head" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "verify --head fails on a rewritten chain"

# A signed checkpoint that ssh-keygen checks with no dapter at all.
d audit head "$tmp/cp.txt"
status 0 "audit head FILE writes a checkpoint"
[ -s "$tmp/cp.txt" ] && [ -s "$tmp/cp.txt.sig" ]; tap_result $? "the checkpoint and its .sig exist"
has "$tmp/cp.txt" "$head" "the checkpoint names the head"
printf 'dapter namespaces="dapter-audit" %s\n' "$(ssh-keygen -y -f "$db.keys/ssh_host_ed25519_key" | cut -d' ' -f1-2)" >"$tmp/allowed"
ssh-keygen -Y verify -f "$tmp/allowed" -I dapter -n dapter-audit -s "$tmp/cp.txt.sig" <"$tmp/cp.txt" >"$tmp/out" 2>&1
tap_result $? "ssh-keygen -Y verify checks the checkpoint with the host key"
sed 's/^/#   /' "$tmp/out" | head -n 3
sed 's/records/Records/' "$tmp/cp.txt" >"$tmp/cp2.txt"
ssh-keygen -Y verify -f "$tmp/allowed" -I dapter -n dapter-audit -s "$tmp/cp.txt.sig" <"$tmp/cp2.txt" >/dev/null 2>&1
[ $? -ne 0 ]; tap_result $? "a changed checkpoint fails ssh-keygen's check"
"$DAPTER" --db "$tmp/cut.db" audit verify --checkpoint "$tmp/cp.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "verify --checkpoint fails on a truncated chain"
d audit verify --checkpoint "$tmp/cp.txt"
status 0 "verify --checkpoint passes on the database it was made from"
# A checkpoint forged along with the chain: its signature is not the server's.
printf 'dapter audit checkpoint\nhead: %s\n' "$(sqlite3 "$tmp/forged.db" "SELECT id || ':' || hash FROM audit ORDER BY id DESC LIMIT 1")" >"$tmp/fake.txt"
cp "$tmp/cp.txt.sig" "$tmp/fake.txt.sig"
"$DAPTER" --db "$tmp/forged.db" audit verify --checkpoint "$tmp/fake.txt" --keys "$db.keys" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "verify --checkpoint refuses a checkpoint whose signature does not match"
has "$tmp/err" "does not match" "and says so"

# Paper as an anchor: a report's footer carries the head as of printing.
d report journal "7 Ә" Алгебра --period q2
printed=$(grep -o 'audit [0-9]*:[0-9a-f]*' "$tmp/out" | cut -d' ' -f2)
[ "${printed%%:*}" = "$n" ]; tap_result $? "a report's footer prints the audit head ($printed)"
d audit verify --head "$printed"
status 0 "the printed head verifies on the journal it was printed from"
"$DAPTER" --db "$tmp/forged.db" audit verify --head "$printed" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "and fails on a rewritten chain"

# The state replayed from the chain: a change made with sqlite3 fails verify, naming the row.
# tamper SQL: verify a copy of the journal changed by SQL; its status in $st.
tamper() {
	cp "$db" "$tmp/tampered.db"
	sqlite3 "$tmp/tampered.db" "$1"
	"$DAPTER" --db "$tmp/tampered.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
}
tamper "UPDATE mark SET value = 10 WHERE value = 8"
status 1 "an UPDATE mark made with sqlite3 fails verify"
has "$tmp/err" "pupil:1" "verify names the changed mark's row"
tamper "DELETE FROM mark WHERE attendance = 'absent'"
status 1 "an attendance deleted with sqlite3 fails verify"
tamper "INSERT INTO mark(lesson_id, pupil_id, value) VALUES (2, 1, 9)"
status 1 "a mark added with sqlite3 fails verify"
tamper "UPDATE lesson SET topic = 'Жаңа тақырып' WHERE id = 1"
status 1 "a lesson's topic changed with sqlite3 fails verify"
has "$tmp/err" "lesson:1 was changed" "verify names the changed lesson"
tamper "INSERT INTO lesson(class_id, subject_id, date, kind)
    SELECT class_id, subject_id, '2026-11-25', 'regular' FROM lesson LIMIT 1"
status 1 "a lesson added with sqlite3 fails verify"

# The append-only triggers: missing ones fail verify, and an open puts them back, audited.
cp "$db" "$tmp/trig.db"
sqlite3 "$tmp/trig.db" "DROP TRIGGER audit_no_update"
"$DAPTER" --db "$tmp/trig.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a dropped append-only trigger fails verify"
has "$tmp/err" "audit_no_update" "verify names the missing trigger"
"$DAPTER" --db "$tmp/trig.db" class list >/dev/null 2>&1
[ "$(sqlite3 "$tmp/trig.db" "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'")" = 1 ]
tap_result $? "opening the database puts the trigger back"
"$DAPTER" --db "$tmp/trig.db" audit log --last 1 >"$tmp/out" 2>&1
has "$tmp/out" "audit.triggers" "the repair is audited"
done_testing
