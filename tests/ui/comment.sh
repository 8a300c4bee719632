#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A comment on a cell in the grid (issue 13): typed in Kazakh with a new line
# at 80x24, marked on the cell, its start on the status line, reopened and
# edited at 40x12; a bidi override refused in the editor with the text kept;
# Esc leaves it as it was; the editor keeps the page's lock alive; a second
# session, and the page of a closed period, read it read-only; emptied, it
# goes with its marker; `marks export` and the audit (old -> new) have it;
# grade 1 is attendance and comments, its digits say so and Enter opens the
# comment; on a timetabled day not yet written it writes its lesson.
. "$top_srcdir/tests/ui/lib.sh"

UI_HEARTBEAT_S=30	# ui_internal.h
heartbeat() {	# the newest heartbeat of a page lock
	sqlite3 "$db" "SELECT coalesce(max(heartbeat), 0) FROM lock" 2>/dev/null || echo 0
}
beats_after() {	# beats_after SECONDS TENTHS: 0 once a lock's heartbeat is later than SECONDS
	i=0
	while [ "$i" -lt $(($2 * slow)) ]; do
		[ "$(heartbeat)" -gt "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# the lock's heartbeat stayed at $(heartbeat)"
	return 1
}

demo_db
start a 80 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
wait_for a "23.11 FA:" >/dev/null
keys a c
check "c opens the comment of the cell, named by pupil and day" \
    wait_for a "Comment · Ахметов Нұрсұлтан · 23.11"
check "the editor says how to save, cancel and start a new line" \
    wait_for a "Enter save  Esc cancel"
check "and how to start a new line" wait_for a "Tab starts a new line."
keys a "Жақсы жұмыс, бірақ" Tab "келесіде мұқият бол"
check "Tab starts a new line" wait_re a "^ келесіде мұқият бол"
keys a Enter
check "Enter saves it" wait_for a "The comment is saved."
check "the cell shows the marker after it" wait_re a "^>Ахметов Нұрсұлтан .* \*  +[0-9]+%"
keys a Down Up
check "the status line starts with the comment, its lines joined" \
    wait_for a "* Жақсы жұмыс, бірақ келесіде мұқият бол · 23.11 FA:"
check "a cell without a comment has no marker" wait_re a "^ Әбілқасымова Аружан [^*]*%"

# Reopened at 40x12: both lines shown, edited at the end.
tm resize-window -t "=a:" -x 40 -y 12
check "at 40x12 the marker keeps the columns aligned" wait_re a "^>Ахметов Н\. +13 +\* +[0-9]+%"
check "at 40x12 the status line shows the comment's start, cut by width" \
    wait_for a "* Жақсы жұмыс, бірақ келесіде … · 23.11"
keys a c
check "reopened, the first line" wait_re a "^ Жақсы жұмыс, бірақ *$"
check "and the second" wait_re a "^ келесіде мұқият бол *$"
keys a BSpace BSpace BSpace "болыңыз"
check "Backspace takes whole Kazakh letters" wait_re a "^ келесіде мұқият болыңыз"
keys a Enter
check "the edit is saved" wait_for a "The comment is saved."
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 --csv plain >"$tmp/export" 2>&1
check "marks export has the comment with its new line" grep -q "^келесіде мұқият болыңыз\"" \
    "$tmp/export"
check "in a comment column beside the lesson" grep -q "2026-11-23,2026-11-23 comment" "$tmp/export"
"$DAPTER" --db "$db" audit log --last 2 >"$tmp/audit" 2>&1
check "the audit has the change, old -> new" grep -q \
    "comment.set.*pupil:.*Жақсы жұмыс, бірақ келесіде мұқият бол -> Жақсы жұмыс, бірақ келесіде мұқият болыңыз" \
    "$tmp/audit"

# A bidi override typed (or pasted) in: refused, the editor stays with the text.
keys a c
wait_for a "Enter save" >/dev/null
keys a -l " ‮txt"
keys a Enter
check "a bidi override is refused with the store's reason" wait_for a "Comment: The text contains a hidden"
check "the editor stays open" wait_for a "Enter save  Esc cancel"
keys a Escape
check "Esc leaves the editor" wait_gone a "Enter save  Esc cancel"
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 --csv plain >"$tmp/export2" 2>&1
check "nothing changed" cmp -s "$tmp/export" "$tmp/export2"
keys a c
wait_for a "Enter save" >/dev/null
# A long comment keeps the page's lock alive: the editor heartbeats it, as
# the page's own quiet ticks would (they do not run meanwhile).
h0=$(heartbeat)
check "the editor beats the page's lock within $UI_HEARTBEAT_S s" beats_after "$h0" 450
keys a C-u "бәрі өшті"
keys a Escape
wait_gone a "Enter save" >/dev/null
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 --csv plain >"$tmp/export2" 2>&1
check "Esc keeps the comment as it was" cmp -s "$tmp/export" "$tmp/export2"

# Another session reads it: the page is aigerim's, the head only reads.
start b 40 12 DAPTER_LANG=kk -- --as zaure
wait_for b "7 Ә" >/dev/null
keys b Enter
check "the head's page shows the marker" wait_re b "^>Ахметов Н\. +13 +\*"
keys b c
check "c shows her the comment" wait_re b "^ келесіде мұқият болыңыз"
check "read-only, in Kazakh" wait_for b "Бұл түсініктемені тек оқуға болады."
keys b x Escape
check "she leaves it unchanged" wait_gone b "Бұл түсініктемені"
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 --csv plain >"$tmp/export2" 2>&1
check "the reader changed nothing" cmp -s "$tmp/export" "$tmp/export2"
keys b q q y
wait_for b "EXITED 0" >/dev/null
# A closed period: its page shows the comment to read, never to change.
"$DAPTER" --db "$db" period close q2 >/dev/null 2>&1
keys a q
wait_for a "My journals" >/dev/null
keys a Enter
check "the page of a closed period says so" wait_for a "quarter 2 · closed"
keys a c
check "its comment opens read-only" wait_for a "This comment is read-only."
check "whole" wait_re a "^ келесіде мұқият болыңыз"
keys a Escape
wait_gone a "This comment is read-only." >/dev/null
"$DAPTER" --db "$db" period reopen q2 >/dev/null 2>&1
keys a q
wait_for a "My journals" >/dev/null
keys a Enter
wait_gone a "· closed" >/dev/null

# Emptied, the comment goes, and its marker with it.
keys a c
wait_for a "Enter save" >/dev/null
keys a C-u
keys a Enter
check "an emptied comment is removed" wait_for a "The comment is removed."
check "and the marker goes" wait_re a "^>Ахметов Н\. +13 +[0-9]+%"
"$DAPTER" --db "$db" audit log --last 1 >"$tmp/audit" 2>&1
check "the removal is audited, old -> nothing" grep -q "comment.set.*болыңыз -> -" "$tmp/audit"
keys a q q y
check "the teacher quits" wait_for a "EXITED 0"

# Grade 1: attendance and comments, at 40x12.
"$DAPTER" --db "$db" class add "1 А" >/dev/null 2>&1
"$DAPTER" --db "$db" subject add "Сауат ашу" --hours 2 >/dev/null 2>&1
"$DAPTER" --db "$db" assign aigerim "1 А" "Сауат ашу" >/dev/null 2>&1
printf 'Тегі,Аты\nСәкен,Әли\nАбай,Дана\n' >"$tmp/r1.csv"
"$DAPTER" --db "$db" roster import "1 А" "$tmp/r1.csv" >/dev/null 2>&1
"$DAPTER" --db "$db" lesson add "1 А" "Сауат ашу" 2026-11-23 >/dev/null 2>&1
start g 40 12 DAPTER_LANG=kk -- --as aigerim
wait_for g "1 А" >/dev/null
# Monday: her timetabled lessons (7 Ә, 8 Б) head her home; 1 А comes after them.
keys g Down Down Enter
wait_for g "1 А · Сауат ашу" >/dev/null
check "grade 1: the comment key is the first hint" wait_re g "^c түсініктеме"
keys g 5
check "grade 1: a digit says it is not marked, and names the comment key" \
    wait_for g "1-сыныпта баға қойылмайды"
keys g Enter
check "grade 1: Enter opens the comment" wait_for g "Абай Дана · 23.11"
keys g "Әріптерді таниды"
keys g Enter
check "grade 1: the comment is on the empty cell" wait_re g "^>Абай Дана +\*"
keys g Down ж
check "grade 1: attendance still goes in" wait_re g "^>Сәкен Әли +ж"
keys g q q y
check "quit" wait_for g "EXITED 0"
"$DAPTER" --db "$db" marks export "1 А" "Сауат ашу" --period q2 --csv plain >"$tmp/g1" 2>&1
check "grade 1: the export has the comment" grep -q ",Абай Дана,,Әріптерді таниды" "$tmp/g1"
# A timetabled day not yet written: a comment writes its lesson with it; an
# editor left empty writes nothing.
db="$tmp/timetable.db"
tt() {
	"$DAPTER" --db "$db" "$@" >/dev/null 2>"$tmp/setup.err" ||
	    { echo "Bail out! $*: $(cat "$tmp/setup.err")"; exit 1; }
}
tt init --school "Мектеп № 1"
echo "aruzhan-pass-1" | tt user add aruzhan --name "Аружан Серікқызы" --role teacher \
    --password-stdin
echo "pavel-pass-12" | tt user add pavel --name "Павел Ким" --role teacher --password-stdin
tt class add "7 Ә"
tt subject add Алгебра --hours 3
tt subject add "Русский язык" --hours 2
tt subject add Информатика --hours 1
tt assign aruzhan "7 Ә" Алгебра
tt assign pavel "7 Ә" "Русский язык"
tt assign pavel "7 Ә" Информатика --subgroup 1
printf 'Тегі;Аты\nАхметов;Нұрсұлтан\nБекова;Аружан\n' >"$tmp/roster.csv"
tt roster import "7 Ә" "$tmp/roster.csv"
tt timetable import "7 Ә" "$top_srcdir/tests/data/timetable-7a.csv"
start t 80 24 -- --as aruzhan
wait_for t "My journals" >/dev/null
keys t Enter
wait_for t "23.11 FA: (no topic)" >/dev/null
keys t Left c
wait_for t "Comment · Ахметов Нұрсұлтан · 20.11" >/dev/null
keys t Escape
wait_gone t "Enter save" >/dev/null
check "a comment left empty on a timetabled day writes no lesson" \
    test -z "$("$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>/dev/null)"
keys t Right c
wait_for t "Comment · Ахметов Нұрсұлтан · 23.11" >/dev/null
keys t "Бүгін белсенді"
keys t Enter
check "a comment on today's timetabled column is saved" wait_for t "The comment is saved."
check "on its cell" wait_re t "^>Ахметов Нұрсұлтан +\*"
check "and it wrote today's lesson, and only it" \
    test "$("$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>/dev/null | cut -f2)" = "2026-11-23"
keys t q q y
wait_for t "EXITED 0" >/dev/null
tap_done
