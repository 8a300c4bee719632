#!/bin/sh
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
done_testing
