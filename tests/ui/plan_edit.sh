#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The plan screen edits the plan (issue 13, point 5): the subject's teacher
# changes a topic's text and hours, inserts a topic, removes one and moves
# one, at 80x24 and at 40x12; `plan show` and the audit (old -> new) have it.
# The class teacher, who teaches another subject, sees the plan read only and
# is told so; a journal with no plan starts one from an empty list; an edit
# over a plan another session changed meanwhile is refused.
. "$top_srcdir/tests/ui/lib.sh"

dd() {
	"$DAPTER" --db "$db" "$@"
}

{
	dd init --school "Мектеп" &&
	echo "teacher-pass-1" | dd user add aruzhan --name "Аружан Серікқызы" --role teacher \
	    --password-stdin &&
	echo "teacher-pass-2" | dd user add bolat --name "Болат Ахметов" --role teacher \
	    --password-stdin &&
	dd class add "7 Ә" &&
	printf 'Тегі;Аты\nӘбенов;Ерлан\nБекова;Дана\n' >"$tmp/roster.csv" &&
	dd roster import "7 Ә" "$tmp/roster.csv" &&
	dd subject add Алгебра --hours 3 &&
	dd subject add Физика --hours 2 &&
	dd subject add Геометрия --hours 2 &&
	dd assign aruzhan "7 Ә" Алгебра &&
	dd assign aruzhan "7 Ә" Геометрия &&
	dd assign bolat "7 Ә" Физика &&
	dd class teacher "7 Ә" bolat &&
	dd plan import 7 Алгебра "$top_srcdir/tests/data/plan-algebra-7.csv"
} >"$tmp/setup.log" 2>&1 || { echo "Bail out! cannot set up the school"; cat "$tmp/setup.log"; exit 1; }

show() {
	dd plan show "7 Ә" "$1" >"$tmp/show" 2>&1
}
# open_plan NAME COLS ROWS LOGIN DOWNS SUBJECT: LOGIN's journal of 7 Ә in
# SUBJECT, DOWNS rows down My journals, then its plan screen.
open_plan() {
	start "$1" "$2" "$3" -- --as "$4"
	wait_for "$1" "My journals" >/dev/null
	i=0
	while [ "$i" -lt "$5" ]; do
		keys "$1" Down
		i=$((i + 1))
	done
	keys "$1" Enter
	wait_for "$1" "No lesson today" >/dev/null
	keys "$1" p
	wait_for "$1" "7 Ә · $6 · plan"
}

check "p opens the plan" open_plan a 80 24 aruzhan 0 Алгебра
check "its writer is offered to edit it" wait_for a "Enter edit"

# Topic 1: a new text and three hours.
keys a Enter
check "Enter opens the first topic's form" wait_for a "Алгебра · plan · topic 1"
check "with its text" wait_re a "Topic +Степень с натуральным показателем и её свойства"
keys a "Степень и её свойства" Enter 3 Enter Enter Enter Enter Enter
check "the form saves: the list has the new text" wait_re a "1 +02.09 +3 +Степень и её свойства"
show Алгебра
check "plan show prints the new text and hours" \
    grep -qE "^1 +3 +2026-09-02 +Степень и её свойства$" "$tmp/show"

# A topic inserted after topic 1: the numbers after it follow.
keys a a
check "a opens the form of a new topic 2" wait_for a "Алгебра · plan · topic 2"
keys a "Повторение степеней" Enter Enter Enter "§1, № 13" Enter Enter y Enter
check "the new topic is topic 2" wait_re a "2 +1 +Повторение степеней +SA-S"
check "the next ones are numbered after it" wait_re a "3 +07.09 +2 +Степень с целым показателем"
show Алгебра
check "plan show prints the inserted topic" grep -qE "^2 +1 +Повторение степеней  \[SA-S due\]$" \
    "$tmp/show"
check "and 27 topics" grep -qE "^27 " "$tmp/show"

# Hours the import refuses, refused with its words; the form stays.
keys a Down Enter Enter 99 Enter Enter Enter Enter Enter
check "hours out of range are refused with the import's words" \
    wait_for a "a plan's topic takes 1 to 40 hours"
keys a Escape
wait_for a "Enter edit" >/dev/null

# Topic 3 removed, after a question.
keys a x
check "x asks before it removes" wait_for a "Remove topic 3, «Степень с целым показателем», from the plan? (y/n)"
keys a y
check "the topic after it is topic 3 now" wait_re a "3 +11.09 +1 +Стандартный вид числа"
show Алгебра
check "plan show no longer has it" sh -c "! grep -qE '2026-09-07 +Степень с целым' '$tmp/show'"
check "and 26 topics again" grep -qE "^26 " "$tmp/show"

# The topic under the cursor moves up, and down again; the cursor goes along.
keys a K
check "K moves the topic up" wait_re a "2 +11.09 +1 +Стандартный вид числа"
check "past the one before" wait_re a "3 +1 +Повторение степеней"
show Алгебра
check "plan show has the new order" grep -qE "^2 +1 +2026-09-11 +Стандартный вид числа" "$tmp/show"
keys a J
check "J moves it down again" wait_re a "3 +11.09 +1 +Стандартный вид числа"
keys a q q q y
check "quit" wait_for a "EXITED 0"

dd audit log --about "grade:7/Алгебра plan" >"$tmp/audit" 2>&1
check "the audit has the changed text old -> new" \
    grep -q "topic=Степень с натуральным показателем и её свойства.*topic=Степень и её свойства" \
    "$tmp/audit"
check "and the removal" grep -q "plan.remove" "$tmp/audit"
dd audit verify >/dev/null 2>&1
check "the audit chain holds" test $? -eq 0

# At 40x12: the form fits, an edit saves.
check "the plan opens at 40x12" open_plan b 40 12 aruzhan 0 Алгебра
keys b Down Down Enter
check "the form opens at 40x12" wait_for b "topic 2"
check "its last field is on screen" wait_for b "SA-S after it"
keys b "Степени: повторение" Enter 2 Enter Enter Enter Enter Enter
check "the edit saves at 40x12" wait_re b "2 +Степени: повторение"
keys b q q q y
check "quit at 40x12" wait_for b "EXITED 0"
show Алгебра
check "plan show has the 40x12 edit" grep -qE "^2 +2 +Степени: повторение" "$tmp/show"

# The class teacher teaches physics: the algebra plan is read only for him.
check "another subject's teacher sees the plan" open_plan c 80 24 bolat 1 Алгебра
check "read only, and the status line says so" wait_for c "read only ·"
check "with no edit key offered" wait_gone c "Enter edit"
keys c Enter
check "an edit key says who may change it" \
    wait_for c "Only a teacher of the subject in grade 7"
keys c x
check "no question to remove" wait_gone c "(y/n)"
keys c q q q y
check "quit as bolat" wait_for c "EXITED 0"
show Алгебра
check "he changed nothing" grep -qE "^2 +2 +Степени: повторение" "$tmp/show"

# A journal with no plan: its teacher starts one for the class.
check "the plan of a journal without one opens" open_plan d 80 24 aruzhan 1 Геометрия
check "and offers to start one" wait_for d "start one here"
keys d a
check "which: the grade's or the class's" wait_for d "Start the plan for all of grade 7? No: for 7 Ә alone."
keys d n
check "the form of topic 1" wait_for d "Геометрия · plan · topic 1"
keys d "Начальные геометрические сведения" Enter 2 Enter 01.09.2026 Enter Enter Planimetry Enter Enter
check "the plan starts with it" wait_re d "1 +01.09 +2 +Начальные геометрические сведения"
keys d q q q y
check "quit the started plan" wait_for d "EXITED 0"
show Геометрия
check "plan show: the class's own plan" grep -q "the class's own plan" "$tmp/show"
check "with its first topic" grep -qE "^1 +2 +2026-09-01 +Начальные геометрические сведения" \
    "$tmp/show"

# Two editors: a change saved over a plan another session changed meanwhile
# is refused, and the screen reads the plan again.
check "the plan opens for a second edit" open_plan e 80 24 aruzhan 0 Алгебра
keys e Enter
wait_for e "Алгебра · plan · topic 1" >/dev/null
dd plan import 7 Алгебра "$top_srcdir/tests/data/plan-algebra-7.csv" >"$tmp/reimport.log" 2>&1
check "meanwhile the plan is imported again" test $? -eq 0
keys e "Другая тема" Enter Enter Enter Enter Enter Enter
check "the edit over it is refused" wait_for e "The plan was changed in another session"
check "and the screen shows the plan as it is now" \
    wait_re e "1 +02.09 +2 +Степень с натуральным показателем и её свойства"
show Алгебра
check "plan show: the import's topic, not the stale edit" \
    grep -qE "^1 +2 +2026-09-02 +Степень с натуральным показателем и её свойства$" "$tmp/show"
keys e q q q y
check "quit the second editor" wait_for e "EXITED 0"
tap_done
