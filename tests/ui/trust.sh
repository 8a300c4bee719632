#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 11 in the journal editor. Revocation: a teacher disabled, or given
# another role, while her journal page is open writes no more; the page says
# so within seconds. Over SSH the admin's roster import opens no server file.
. "$top_srcdir/tests/ui/lib.sh"

cell() {	# cell PUPIL_ID N: the Nth column of the pupil's row in the export
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 2>/dev/null |
	    awk -F, -v id="$1" -v n="$2" '$1 == id { print $n }'
}

demo_db
before=$(cell 1 9)
start a 100 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
check "her journal page is open" wait_for a "23.11 FA:"
check "and hers to write" wait_gone a "read-only" 10
"$DAPTER" --db "$db" user disable aigerim >/dev/null 2>&1
check "disabled from the command line, the open page says so" \
    wait_for a "Your account has been disabled"
check "and turns read-only" wait_for a "read-only"
keys a Left Left 3
check "the next mark is refused with the reason" wait_for a "Your account has been disabled"
check "the mark never reached the store" test "$(cell 1 9)" = "$before"
check "her lock on the page is let go" \
    test -z "$(sqlite3 "$db" "SELECT resource FROM lock l JOIN session s ON s.id = l.session JOIN user u ON u.id = s.user_id WHERE u.login = 'aigerim'" 2>&1)"
keys a q q y
check "she can still leave" wait_for a "EXITED 0"

"$DAPTER" --db "$db" user enable aigerim >/dev/null 2>&1
start b 100 24 -- --as aigerim
wait_for b "My journals" >/dev/null
keys b Enter
wait_for b "23.11 FA:" >/dev/null
"$DAPTER" --db "$db" user role aigerim head >/dev/null 2>&1
check "a role changed under an open page turns it read-only with the reason" \
    wait_for b "Your role has changed"
keys b Left Left 4
check "and the mark is refused" wait_for b "Your role has changed"
check "the mark never reached the store" test "$(cell 1 9)" = "$before"
keys b q q y
wait_for b "EXITED" >/dev/null
"$DAPTER" --db "$db" user role aigerim teacher >/dev/null 2>&1

# ---- over SSH, the import's path field opens no file on the server ----
printf 'Тегі;Аты\nСекрет;Файл\n' >"$tmp/server-file.csv"
no_preview() {
	! screen "$1" | grep -qE "would be added|line [0-9]+:"
}
for origin in "DAPTER_ORIGIN=ssh 10.0.0.5" "SSH_CONNECTION=10.0.0.5 50000 10.0.0.1 22"; do
	start c 100 30 "$origin" -- --as admin
	wait_for c "A Administration" >/dev/null
	keys c A
	wait_for c "Classes and rosters" >/dev/null
	keys c Down Enter
	wait_for c "8 Б" >/dev/null
	keys c i
	wait_for c "CSV or XLSX file on the server" >/dev/null
	keys c "$tmp/server-file.csv" Enter
	check "over SSH ($origin), a path in Import CSV is refused" \
	    wait_for c "files on the server cannot be opened"
	check "and the file was not read: no preview of its pupils" no_preview c
	keys c q q q y
	wait_for c "EXITED" >/dev/null
	tm kill-session -t "=c" 2>/dev/null
done
tap_done
