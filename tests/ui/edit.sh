#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Editing on the journal page: summative points of two digits, attendance
# letters, clearing a cell, adding today's lesson, and a closed term that
# refuses a mark and keeps the old one.
. "$top_srcdir/tests/ui/lib.sh"

cell() {	# cell PUPIL_ID: the last column of the pupil's row in the export
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 2>/dev/null |
	    awk -F, -v id="$1" '$1 == id { print $NF }'
}
col() {		# col PUPIL_ID N: the Nth column of the pupil's row
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 2>/dev/null |
	    awk -F, -v id="$1" -v n="$2" '$1 == id { print $n }'
}

demo_db
start a 80 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
wait_for a "23.11 FA:" >/dev/null
# Column 20.11 is regular; 18.11 is СОр out of 15.
keys a Left Left
check "the status line names the summative work and its maximum" wait_for a "18.11 SA-S/15:"
keys a 1 2
check "12 points: saved once no third digit fits" wait_re a "^.Ахметов Нұрсұлтан .* 12 "
keys a 1 Enter
check "1 point and Enter: saved, the cursor moves on" wait_re a "^>Байжанова"
keys a a Up a Up e
check "attendance: a, a again takes it away, then e" wait_re a "^.Байжанова Әйгерім .* e10 "
keys a Up Up Up BSpace
check "Backspace clears a cell" wait_re a "^>Ахметов Нұрсұлтан +10 +20 +[0-9]+%"
keys a n
check "n adds a lesson for today and asks for its topic" wait_for a "Topic:"
keys a "Жаңа сабақ" Enter "12-жаттығу" Enter
check "the new lesson's topic and homework show" wait_for a "23.11 FA: Жаңа сабақ · Homework: 12-жаттығу"
keys a 7
check "a mark in the new lesson" wait_re a "^.Ахметов Нұрсұлтан .* 7 "
keys a Enter
check "Enter opens the whole lesson: topic first" wait_for a "Topic: Жаңа сабақ"
keys a Enter Enter
check "then homework, then the date" wait_for a "Date: 2026-11-23"
keys a Enter C-u 5 Enter
check "a kind that is no kind is refused with a hint" wait_for a "Type 1 (FA), 2 (SA-S) or 3 (SA-T): 5"
keys a C-u 2 Enter
check "a summative kind asks for its maximum" wait_for a "Maximum points:"
keys a C-u 20 Enter
check "its formative mark would read as points: the editor asks" \
    wait_for a "Read the 1 formative marks of this lesson as points out of 20? (y/n)"
keys a y
check "the lesson becomes a section summative of 20 points" wait_for a "SA-S/20"
"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра >"$tmp/lessons" 2>&1
check "the store has it: SA-S/20 with its topic" grep -q "2026-11-23	SA-S/20	Жаңа сабақ" "$tmp/lessons"
"$DAPTER" --db "$db" period close q2 >/dev/null 2>&1
keys a Up 3
check "a closed term refuses the mark with the store's reason" wait_for a "Period quarter 2 is closed"
check "the old mark stays on screen" wait_re a "^>Ахметов Нұрсұлтан .* 7 "
keys a q q y
check "quit" wait_for a "EXITED 0"
check "1 point stored" test "$(col 1 9)" = "1"
check "the excused pupil keeps her points" test "$(col 3 9)" = "e 10"
check "the cleared cell is empty" test "$(col 2 9)" = ""
check "the new lesson's mark is stored" test "$(cell 2)" = "7"
tap_done
