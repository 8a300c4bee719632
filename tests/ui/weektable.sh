#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The admin's screen for a class's timetable: a grid of weekdays by lesson
# numbers, reached with a key on the classes screen. Enter picks the
# subject and then one of its teachers in the class; a key sets the room,
# another clears a cell; the grid is saved as one timetable from a date,
# which `dapter timetable show` then prints. At 40x12 the grid scrolls to
# Saturday's eighth lesson.
. "$top_srcdir/tests/ui/lib.sh"

show() {
	"$DAPTER" --db "$db" timetable show "7 Ә" 2>&1
}

dd init --school "Мектеп № 1"
echo "admin-pass-123" | dd user add boss --name "Бас Әкімші" --role admin --password-stdin
echo "aruzhan-pass-1" | dd user add aruzhan --name "Аружан Серікқызы" --role teacher \
    --password-stdin
echo "pavel-pass-12" | dd user add pavel --name "Павел Ким" --role teacher --password-stdin
dd class add "7 Ә"
dd subject add Алгебра --hours 3
dd subject add Информатика --hours 1
dd assign aruzhan "7 Ә" Алгебра
dd assign pavel "7 Ә" Информатика --subgroup 1
dd assign aruzhan "7 Ә" Информатика --subgroup 1

start a 80 24 -- --as boss
wait_for a "My journals" >/dev/null
keys a A
wait_for a "Classes and rosters" >/dev/null
admin_menu a 1
check "the classes screen names the timetable's key" wait_for a "T Timetable"
keys a T
check "the grid has the weekdays as columns" wait_re a "^ +Mon +Tue +Wed +Thu +Fri +Sat *$"
check "and the lesson numbers as rows, 1 to 8, at 80x24" wait_re a "^ 8 "
keys a Enter
check "Enter lists the class's subjects" wait_for a "Информатика (group 1)"
keys a Enter
check "then the subject's teachers in the class" wait_for a "aruzhan  Аружан Серікқызы"
keys a Enter
check "the cell shows the subject and the teacher's initials" wait_re a "^ 1 Алгебра АС "
keys a c
wait_for a "Room:" >/dev/null
keys a 204 Enter
check "the status line tells the cell's lesson and room" \
    wait_for a "Monday, 1: Алгебра, Аружан Серікқызы, room 204"
keys a Right Down Enter
wait_for a "Информатика (group 1)" >/dev/null
keys a Down Enter
wait_for a "pavel  Павел Ким" >/dev/null
keys a Down
wait_for a "aruzhan  Аружан" >/dev/null
keys a Up Enter
check "a second lesson on Tuesday" wait_re a "^ 2 · +Информат.* ПК "
check "the title says it is not saved" wait_for a "Timetable of 7 Ә (not saved)"
check "nothing is written before it is saved" sh -c '! "$0" --db "$1" timetable show "7 Ә" \
    >/dev/null 2>&1' "$DAPTER" "$db"
keys a s
check "saving asks the first day, the year's first for a class without one" \
    wait_for a "The new timetable holds from (date): 2026-09-01"
keys a Enter
check "the timetable is saved" wait_for a "The timetable of 7 Ә from 2026-09-01 is saved: 2 lessons."
check "timetable show prints Monday's lesson with its room" \
    sh -c 'printf "%s\n" "$0" | grep -q "^  1  Алгебра .*aruzhan .*204"' "$(show)"
check "and Tuesday's, of the subgroup, with its teacher" \
    sh -c 'printf "%s\n" "$0" | grep -q "^  2  Информатика (group 1) .*pavel"' "$(show)"
check "the save is audited" sh -c '"$0" --db "$1" audit log --last 1 | grep -q timetable.set' \
    "$DAPTER" "$db"
keys a x
check "a key clears the cell" wait_for a "Tuesday, 2: no lesson"
keys a q
check "leaving with a change asks to save it" wait_for a "The timetable is changed. Save it? (y/n)"
keys a n
check "no: the change is left unsaved" wait_for a "T Timetable"
check "and the store keeps both lessons" sh -c 'printf "%s\n" "$0" | grep -q "Информатика"' \
    "$(show)"

# 40x12: the grid scrolls to Saturday and to the eighth lesson.
start b 40 12 -- --as boss
wait_for b "My journals" >/dev/null
keys b A
wait_for b "Classes and rosters" >/dev/null
admin_menu b 1
wait_for b "7 Ә" >/dev/null
keys b T
check "at 40x12 the grid shows fewer weekdays" wait_re b "^ +Mon +Tue +Wed +Thu *$"
keys b Right Right Right Right Right End
check "and scrolls to Saturday" wait_re b "^ +Wed +Thu +Fri +Sat *$"
check "and to the eighth lesson" wait_for b "Saturday, 8: no lesson"
keys b Enter
wait_for b "Алгебра" >/dev/null
keys b Enter
wait_for b "aruzhan" >/dev/null
keys b Enter
check "the cell is entered at 40x12" wait_re b "^ 8 .*Алге.* АС"
keys b s
wait_for b "(date):" >/dev/null
keys b "2026-11-23" Enter
check "and saved from a date typed" wait_for b "The timetable of 7 Ә from 2026-11-23 is"
check "timetable show has the new one from that date, Saturday's lesson in it" \
    sh -c 'printf "%s\n" "$0" | grep -q "from 2026-11-23" &&
    printf "%s\n" "$0" | grep -q "^  8  Алгебра"' "$(show)"
tap_done
