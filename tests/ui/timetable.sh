#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lessons from the timetable: the page shows the term's timetabled days up
# to today as columns (a holiday skipped, two lessons a day as two columns)
# with today's column there without `n`; nothing is written until a mark
# is, and then the lesson with it. A digit on a day without a lesson never
# lands in the timetabled day before. "My journals" starts with today's
# lessons in timetable order. `n` adds a make-up lesson beside the day's
# timetabled one, never in its place.
. "$top_srcdir/tests/ui/lib.sh"

lessons() {	# the lessons written in 7 Ә Алгебра, "ID<TAB>DATE<TAB>..."
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>/dev/null
}

timetable_school
dd assign pavel "5 А" "Русский язык"
dd holiday add 2026-11-16 2026-11-16 Day off

# Monday 23.11: Алгебра is lesson 1 on Mondays, 2 on Tuesdays, 3 and 4 on
# Wednesdays and 2 on Fridays; 16.11 is a holiday.
start a 80 24 DAPTER_TODAY=2026-11-23 -- --as aruzhan
wait_for a "My journals" >/dev/null
keys a Enter
check "today's timetabled lesson is the page's column without n" \
    wait_for a "23.11 FA: (no topic)"
check "the term's timetabled days are columns, two on Wednesdays, the holiday skipped" \
    wait_re a " 11  11  13  17  18  18  20  23 "
check "an untouched timetabled day writes nothing" test -z "$(lessons)"
keys a 8
check "a mark typed on today's column shows" wait_re a "^.Ахметов Нұрсұлтан +8 "
check "the mark wrote today's lesson, and only it" \
    test "$(lessons | cut -f2)" = "2026-11-23"
check "the store has the mark in it" sh -c '"$DAPTER" --db "$0" marks export "7 Ә" Алгебра \
    --period q2 | grep -q "^[0-9]*,Ахметов Нұрсұлтан.*,8"' "$db"
keys a Up Left 7
check "a mark on a past timetabled day writes that day's lesson" \
    wait_re a "^.Ахметов Нұрсұлтан .* 7   8 "
check "the 20.11 lesson is written with it" test -n "$(lessons | grep 2026-11-20)"
check "the audit chain holds" sh -c '"$DAPTER" --db "$0" audit verify >/dev/null' "$db"
keys a q
wait_for a "(y/n)" >/dev/null
keys a y
wait_for a "EXITED" >/dev/null

# Thursday 26.11: no Алгебра; Wednesday's two lessons are timetabled, unwritten.
start b 80 24 DAPTER_TODAY=2026-11-26 -- --as aruzhan
wait_for b "My journals" >/dev/null
keys b Enter
check "a day without a lesson says so" wait_for b "No lesson today, 26.11"
keys b 9
check "a digit asks to add today's lesson" \
    wait_for b "There is no lesson today. Add today's lesson? (y/n)"
keys b n
check "no: the question goes" wait_gone b "Add today's lesson?"
check "no: the digit did not land in Wednesday's timetabled lesson" \
    test -z "$(lessons | grep 2026-11-25)"
keys b Left t
wait_for b "Topic:" >/dev/null
keys b Enter
wait_for b "Homework:" >/dev/null
keys b Enter
check "the editor leaves" wait_gone b "Homework:"
check "Enter through an empty topic editor writes no lesson" \
    test -z "$(lessons | grep 2026-11-25)"
keys b t
wait_for b "Topic:" >/dev/null
keys b "Теңдеулер" Enter
wait_for b "Homework:" >/dev/null
keys b Enter
check "a topic typed on a timetabled day shows" wait_for b "25.11 FA: Теңдеулер"
check "and writes that day's lesson with it" sh -c '"$DAPTER" --db "$0" lesson list "7 Ә" \
    Алгебра | grep 2026-11-25 | grep -q Теңдеулер' "$db"

# Thursday: pavel has Русский язык 1st and Информатика 2nd; 5 А has none.
start c 80 24 DAPTER_TODAY=2026-11-26 -- --as pavel
check "My journals starts with today's first lesson" \
    wait_re c "^ +1 +7 Ә +Русский язык"
check "then today's second" after c "Русский язык" "^ +2 +7 Ә +Информатика"
check "then the journals without a lesson today" after c "Информатика" "^ +5 А +Русский язык"

# Friday 27.11: Алгебра is lesson 2, not yet written. `n` adds a make-up
# lesson beside it; the timetabled column stays, to be written by typing in it.
start d 80 24 DAPTER_TODAY=2026-11-27 -- --as aruzhan
wait_for d "My journals" >/dev/null
keys d Enter
wait_for d "27.11 FA: (no topic)" >/dev/null
keys d n
wait_for d "Topic:" >/dev/null
keys d "Қосымша сабақ" Enter
wait_for d "Homework:" >/dev/null
keys d Enter
check "n adds a make-up lesson" wait_for d "27.11 FA: Қосымша сабақ"
check "the make-up lesson alone is written" test "$(lessons | grep -c 2026-11-27)" = 1
keys d Right
check "beside today's timetabled lesson, which keeps its column" \
    wait_for d "27.11 FA: (no topic)"
keys d 9
check "the mark is in the timetabled column" wait_re d "^.Ахметов Нұрсұлтан .* 9 "
check "a mark typed in the timetabled column writes it" \
    test "$(lessons | grep -c 2026-11-27)" = 2
check "and the day still has two columns, not three" wait_re d " 25  27  27 +% "
# The command line: `lesson add --makeup` stands beside the timetabled lesson
# of its day (Friday 4.12: two columns); without it the lesson is the
# timetabled one (Friday 11.12: one column).
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-12-04 --makeup --topic Қосымша >/dev/null
check "lesson add --makeup is taken" test "$(lessons | grep -c 2026-12-04)" = 1
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-12-11 --topic Теңдеулер >/dev/null
start e 80 24 DAPTER_TODAY=2026-12-11 -- --as aruzhan
wait_for e "My journals" >/dev/null
keys e Enter
check "the make-up lesson is a column beside its day's timetabled one, the other fills it" \
    wait_re e " 04  04  07  08  09  09  11 +% "
tap_done
