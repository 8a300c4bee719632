#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The page opens on today. With no lesson today a digit never lands in the
# last lesson: it offers today's lesson first; a past lesson takes a mark
# only once the teacher moves there. A Sunday asks before a lesson is added,
# a lesson added by mistake goes (its marks counted in the question), and a
# closed term keeps its lessons.
. "$top_srcdir/tests/ui/lib.sh"

lessons() {	# the lessons of 7 Ә Алгебра, "ID<TAB>DATE<TAB>KIND<TAB>TOPIC"
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>/dev/null
}
mark_on() {	# mark_on DATE: Ахметов's cell in the lesson of DATE
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 2>/dev/null |
	    awk -F, -v date="$1" '
	    $1 == "ID" { for (i = 1; i <= NF; i++) if (index($i, date) == 1) col = i }
	    $2 ~ /^Ахметов / && col { print $col }'
}

demo_db
# Tuesday 24.11: Алгебра is on Mondays, Wednesdays and Fridays.
start a 80 24 DAPTER_TODAY=2026-11-24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
check "no lesson today: the status line says so and offers n" \
    wait_for a "No lesson today, 24.11: n adds it"
keys a 7
check "a digit asks to add today's lesson instead of writing into 23.11" \
    wait_for a "There is no lesson today. Add today's lesson? (y/n)"
keys a n
check "no: the question goes" wait_gone a "Add today's lesson?"
check "no: the 23.11 lesson got no mark" test -z "$(mark_on 2026-11-23)"
check "no: no lesson was added" test -z "$(lessons | grep 2026-11-24)"
keys a 8
wait_for a "Add today's lesson? (y/n)" >/dev/null
keys a y
check "yes: today's lesson is added and the mark goes there" \
    wait_re a "^.Ахметов Нұрсұлтан .* 8 *[0-9]+%"
check "the store has the new lesson with the mark" test "$(mark_on 2026-11-24)" = "8"
keys a Up Left 9
check "a past lesson takes a mark once the teacher moved there" \
    wait_re a "^.Ахметов Нұрсұлтан .* 9 +8 "
check "the 23.11 lesson has the mark" test "$(mark_on 2026-11-23)" = "9"
keys a Right D
check "D asks before removing, counting the marks that go with it" \
    wait_for a "Remove the lesson of 24.11 and the marks in it (1)? (y/n)"
keys a n
check "no: the lesson stays" wait_gone a "Remove the lesson"
check "no: the store keeps it" test -n "$(lessons | grep 2026-11-24)"
keys a D
wait_for a "Remove the lesson of 24.11" >/dev/null
keys a y
check "yes: the lesson is removed" wait_for a "The lesson is removed."
check "the store no longer has it" test -z "$(lessons | grep 2026-11-24)"
"$DAPTER" --db "$db" audit log --last 3 >"$tmp/audit" 2>&1
check "the removal is audited with what went" grep -q "lesson.remove.*2026-11-24.*marks=1" \
    "$tmp/audit"
"$DAPTER" --db "$db" period close q2 >/dev/null 2>&1
keys a D
wait_for a "Remove the lesson of 23.11" >/dev/null
keys a y
check "a closed term refuses the removal" wait_for a "Period quarter 2 is closed"
check "the closed term keeps the lesson" test -n "$(lessons | grep 2026-11-23)"
"$DAPTER" --db "$db" period reopen q2 >/dev/null 2>&1
keys a '['
wait_for a "7 Ә · Алгебра · quarter 1" >/dev/null
check "a past term opens on no lesson and says today is elsewhere" \
    wait_for a "Today is not in this term: choose a lesson with the arrows."
before=$("$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q1 2>/dev/null)
keys a 5 End
wait_for a "FA:" >/dev/null
check "a digit there wrote nothing" test "$("$DAPTER" --db "$db" marks export "7 Ә" Алгебра \
    --period q1 2>/dev/null)" = "$before"
keys a q q y
check "quit" wait_for a "EXITED 0"

# Sunday 29.11.
start b 80 24 DAPTER_TODAY=2026-11-29 -- --as aigerim
wait_for b "My journals" >/dev/null
keys b Enter
wait_for b "No lesson today, 29.11" >/dev/null
keys b n
check "a lesson on a Sunday asks first" \
    wait_for b "Today is a Sunday. Add a lesson on it all the same? (y/n)"
keys b n
check "no: nothing is added" wait_gone b "Today is a Sunday"
check "no: the store has no Sunday lesson" test -z "$(lessons | grep 2026-11-29)"
keys b n
wait_for b "Today is a Sunday" >/dev/null
keys b y
check "yes: the Sunday lesson is added and its topic asked" wait_for b "Topic:"
check "the store has the Sunday lesson" test -n "$(lessons | grep 2026-11-29)"
keys b Escape q q y
check "quit" wait_for b "EXITED 0"
tap_done
