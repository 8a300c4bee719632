#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The calendar-thematic plan on the page (issue 13): a new lesson takes the
# plan's next topic, the plan screen shows it done, Down in the topic editor
# picks another topic from the plan, the page says where a СОр is due, and
# the plan screen works at 40x12.
. "$top_srcdir/tests/ui/lib.sh"

dd() {
	"$DAPTER" --db "$db" "$@"
}
topic_of_today() {
	dd lesson list "7 Ә" Алгебра 2>&1 | grep "	2026-11-23	" | cut -f4
}

{
	dd init --school "Мектеп" &&
	echo "teacher-pass-1" | dd user add aruzhan --name "Аружан Серікқызы" --role teacher \
	    --password-stdin &&
	dd class add "7 Ә" &&
	printf 'Тегі;Аты\nӘбенов;Ерлан\nБекова;Дана\n' >"$tmp/roster.csv" &&
	dd roster import "7 Ә" "$tmp/roster.csv" &&
	dd subject add Алгебра --hours 3 &&
	dd assign aruzhan "7 Ә" Алгебра &&
	dd plan import 7 Алгебра "$top_srcdir/tests/data/plan-algebra-7.csv" &&
	dd lesson add "7 Ә" Алгебра 2026-11-18 && dd lesson add "7 Ә" Алгебра 2026-11-20
} >"$tmp/setup.log" 2>&1 || { echo "Bail out! cannot set up the school"; cat "$tmp/setup.log"; exit 1; }

start a 100 24 -- --as aruzhan
wait_for a "My journals" >/dev/null
keys a Enter
check "the page opens on today's place without a lesson" wait_for a "No lesson today"
keys a n
check "a new lesson's topic editor offers the plan" wait_for a "Topic (Down: the plan's):"
check "with the plan's next topic in it" wait_for a "Степень с целым показателем"
keys a Enter Enter
check "the page shows the new lesson's topic" wait_for a "23.11 FA: Степень с целым показателем"
check "and the plan's homework" wait_for a "Homework: §2, № 20–28"
check "the store has the topic" test "$(topic_of_today)" = "Степень с целым показателем"

keys a p
check "p opens the plan" wait_for a "7 Ә · Алгебра · plan"
check "the first topic is done" wait_re a "✓ +1 .*Степень с натуральным показателем"
check "the second is one of its two hours" wait_re a "1/2 +2 .*Степень с целым показателем"
check "the status line says how far behind the class is" wait_for a "3 of 42 h given · behind by"
check "the plan marks where a СОр is due" wait_re a "Решение задач по теме «Степень» +SA-S"
keys a q
check "q goes back to the page" wait_for a "23.11 FA: Степень с целым показателем"

# Another topic from the list: Down in the topic editor, then the topic after.
keys a t
wait_for a "Topic (Down: the plan's):" >/dev/null
keys a Down
check "Down opens the plan to pick from" wait_for a "take the topic"
keys a Down Enter
check "the picked topic is in the editor" wait_for a "Topic (Down: the plan's): Стандартный вид числа"
keys a Enter Enter
check "the lesson takes the picked topic" wait_for a "23.11 FA: Стандартный вид числа"
check "the store has it" test "$(topic_of_today)" = "Стандартный вид числа"

# The topic after which the plan has a СОр: the page says it is due.
keys a t Down Down Down Enter
wait_for a "Topic (Down: the plan's): Решение задач" >/dev/null
keys a Enter Enter
check "the page shows that a СОр is due after this lesson" \
    wait_for a "SA-S due · 23.11 FA: Решение задач по теме «Степень»"
keys a q q y
check "quit" wait_for a "EXITED 0"

start b 40 12 -- --as aruzhan
wait_for b "My journals" >/dev/null
keys b Enter
wait_for b "SA-S due" >/dev/null
keys b p
check "the plan screen opens at 40x12" wait_for b "Алгебра · plan"
check "with the done marks and the topics" wait_re b "✓ +1 .*Степень"
keys b End
check "it scrolls to the last topic" wait_re b "26 .*Повторение и"
keys b q q q y
check "quit at 40x12" wait_for b "EXITED 0"
# A timetabled lesson takes the next topic when its first mark writes it;
# the topic editor of one not yet written shows the topic it will take.
{
	dd class add "7 Б" &&
	printf 'Тегі;Аты\nЖақсыбеков;Арман\n' >"$tmp/roster-b.csv" &&
	dd roster import "7 Б" "$tmp/roster-b.csv" &&
	dd assign aruzhan "7 Б" Алгебра &&
	printf 'Күн;Сабақ;Пән;Мұғалім;Кабинет;Топ\nДс;1;Алгебра;aruzhan;204;\n' \
	    >"$tmp/timetable.csv" &&
	dd timetable import "7 Б" "$tmp/timetable.csv"
} >"$tmp/setup-b.log" 2>&1 || { cat "$tmp/setup-b.log"; exit 1; }
start c 100 24 -- --as aruzhan
wait_for c "My journals" >/dev/null
keys c Enter
check "today's timetabled lesson of 7 Б opens first" wait_for c "7 Б · Алгебра"
keys c 8
check "its first mark writes it with the plan's first topic" \
    wait_for c "23.11 FA: Степень с натуральным показателем и её свойства"
dd lesson list "7 Б" Алгебра >"$tmp/lessons-b" 2>&1
check "the store has the topic" grep -q "2026-11-23	FA	Степень с натуральным" "$tmp/lessons-b"
keys c Left t
check "an unwritten timetabled lesson's editor shows the topic it will take" \
    wait_for c "Topic (Down: the plan's): Степень с натуральным показателем"
keys c Escape q q y
check "quit the timetabled page" wait_for c "EXITED 0"
dd lesson list "7 Б" Алгебра >"$tmp/lessons-b" 2>&1
check "Escape in the editor writes nothing" test "$(wc -l <"$tmp/lessons-b")" -eq 1
dd audit verify >/dev/null 2>&1
check "the audit chain holds" test $? -eq 0
tap_done
