#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Substitutions follow the timetable: a substitute has the absent teacher's
# timetabled lessons of her days on her home screen, in the day's order
# with their numbers, and on the page writes the lessons of those days only;
# the other days of the journal are read-only.
. "$top_srcdir/tests/ui/lib.sh"

lessons() {	# the lessons written in 7 Ә Алгебра, "ID<TAB>DATE<TAB>..."
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>/dev/null
}

timetable_school
echo "marat-pass-123" | dd user add marat --name "Марат Оспанов" --role teacher \
    --password-stdin
dd assign marat "5 А" "Русский язык"
# Marat stands in for Аружан on Tuesday and Wednesday.
dd substitute marat "7 Ә" Алгебра --from 2026-11-24 --to 2026-11-25

# Tuesday 24.11: his own 5 А (no lesson today) would come first by grade.
start a 80 24 DAPTER_TODAY=2026-11-24 -- --as marat
check "the substitute's home starts with today's substituted lesson and its number" \
    wait_re a "^ +2 +7 Ә +Алгебра"
check "then his own journal without a lesson today" after a "Алгебра" "^ +5 А +Русский язык"
keys a Enter
check "the page opens on today's timetabled lesson" wait_for a "24.11 FA: (no topic)"
keys a 8
check "a mark typed in today's lesson shows" wait_re a "^.Ахметов Нұрсұлтан +8 "
check "the mark wrote today's lesson" test "$(lessons | cut -f2)" = "2026-11-24"
keys a Left
wait_for a "23.11 FA: (no topic)" >/dev/null
keys a 7
check "a day outside his substitution is read-only, and says why" \
    wait_for a "You substitute in this journal on other days"
check "nothing was written on it" test "$(lessons | cut -f2)" = "2026-11-24"
check "the mark stays where it was" wait_re a "^.Ахметов Нұрсұлтан +8 "
keys a q
wait_for a "(y/n)" >/dev/null
keys a y
wait_for a "EXITED" >/dev/null

# Wednesday 25.11: two lessons of Алгебра, 3 and 4; the journal stands at the first.
start b 80 24 DAPTER_TODAY=2026-11-25 -- --as marat
check "the second day has its own lesson numbers" wait_re b "^ +3 +7 Ә +Алгебра"

# Thursday 26.11: the substitution is over; his home has his own journal only.
start c 80 24 DAPTER_TODAY=2026-11-26 -- --as marat
wait_for c "My journals" >/dev/null
check "after the substitution the journal is not on his home" \
    sh -c '! tmux -u -L "$0" capture-pane -p -t "=c:" | grep -q "7 Ә"' "$sock"
tap_done
