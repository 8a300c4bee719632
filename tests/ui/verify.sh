#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The audit screen's Verify shows what `dapter audit verify` prints: the chain, the rows an
# older audit cannot replay ("Not replayed", translated), or the row changed behind dapter's
# back, wrapped to a 40x12 terminal and scrolled, where the status line showed one line cut.
. "$top_srcdir/tests/ui/lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP needs sqlite3"; exit 0; }
. "$top_srcdir/tests/cli/audit-old.sh"

demo_db
# Rows that records in the old form (no ids) explain: verify cannot replay them, and says so.
append_old class.add "6 Ж" "6 Ж"
sqlite3 "$db" "INSERT INTO class(year_id, grade, name) SELECT year_id, 6, '6 Ж' FROM class
    WHERE name = '7 Ә' ORDER BY id DESC LIMIT 1"
c6=$(sqlite3 "$db" "SELECT id FROM class WHERE name = '6 Ж'")
append_old assign "6 Ж/Алгебра/0" olga
sqlite3 "$db" "INSERT INTO assignment(user_id, class_id, subject_id, subgroup) SELECT u.id, $c6,
    s.id, 0 FROM user u, subject s WHERE u.login = 'olga' AND s.name = 'Алгебра'"
append_old timetable.set "6 Ж timetable from 2026-09-01" "1 1.1 Алгебра/0 olga "
sqlite3 "$db" "INSERT INTO timetable(class_id, valid_from, weekday, num, subject_id, teacher_id)
    SELECT $c6, '2026-09-01', 1, 1, s.id, u.id FROM subject s, user u
    WHERE s.name = 'Алгебра' AND u.login = 'olga'"
"$DAPTER" --db "$db" audit verify >"$tmp/cli" 2>&1
check "the command line says what it could not replay" grep -q "Not replayed: the timetables" \
    "$tmp/cli"

start a 40 12 -- --as admin
wait_for a "My journals" >/dev/null
keys a A
wait_for a "Users" >/dev/null
admin_menu a 8
wait_for a "Verify" >/dev/null
keys a v
check "Verify shows the chain's line as the command line prints it" \
    wait_re a "The audit chain holds: [0-9]+ records\."
check "and the classes not replayed" wait_for a "Not replayed: 1 classes"
check "and the assignments" wait_for a "Not replayed: 1 assignments"
w=$(screen a | wc -L)
check "wrapped between words within 40 columns" test "$w" -le 40
check "the last line is below the screen" wait_gone a "them."
keys a Down Down Down Down Down Down
check "the arrows scroll to it" wait_re a "^ *them\. *$"
keys a q
check "back on the audit list" wait_for a "Filter"

# The same screen in Russian: the counts are translated.
start b 40 12 DAPTER_LANG=ru -- --as admin
wait_for b "Журнал" >/dev/null
keys b A
wait_for b "Аудит" >/dev/null
admin_menu b 8
keys b v
check "in Russian the rows not replayed are named in Russian" wait_for b "Не воспроизведено:"
keys b q q q q y
check "quit" wait_for b "EXITED 0"

# A class renamed with sqlite3: Verify names the row, whole, on the screen.
c7=$(sqlite3 "$db" "SELECT id FROM class WHERE name = '7 Ә' ORDER BY id DESC LIMIT 1")
sqlite3 "$db" "UPDATE class SET name = '7 Щ' WHERE id = $c7"
keys a v
check "Verify names the class changed behind dapter's back" \
    wait_for a "class:$c7 was changed behind"
check "with what the table and the audit say" wait_for a "name=7 Щ"
keys a q q q q y
check "quit" wait_for a "EXITED 0"
tap_done
