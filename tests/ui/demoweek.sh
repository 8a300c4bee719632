#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo school has a timetable: its teachers' homes start with the day's
# lessons in order, and on the days after the demo was made the lessons
# appear on the page by themselves, as a school with a timetable sees them.
. "$top_srcdir/tests/ui/lib.sh"

lessons() {	# the lessons written in 7 Ә Алгебра, "ID<TAB>DATE<TAB>..."
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>/dev/null
}

demo_db	# made on Monday 23.11
check "the demo's classes have a timetable" sh -c '"$0" --db "$1" timetable show "7 Ә" |
    grep -q "^  1  Алгебра .*aigerim .*204"' "$DAPTER" "$db"
check "the demo's timetable passes the audit" \
    sh -c '"$0" --db "$1" audit verify >/dev/null' "$DAPTER" "$db"

start a 80 24 DAPTER_TODAY=2026-11-23 -- --as aigerim
check "Monday: the home starts with the first lesson, its number before it" \
    wait_re a "^ +1 +7 Ә +Алгебра"
check "then the second" after a "7 Ә +Алгебра" "^ +2 +8 Б +Алгебра"

start b 80 24 DAPTER_TODAY=2026-11-24 -- --as marat
check "Tuesday: marat's lessons in their order" wait_re b "^ +1 +7 Ә +Қазақ әдебиеті"
check "his second lesson after it" after b "Қазақ әдебиеті" "^ +2 +8 Б +Русский язык"

# Wednesday 25.11, two days after the demo was made: nothing was written.
start c 80 24 DAPTER_TODAY=2026-11-25 -- --as aigerim
wait_for c "My journals" >/dev/null
keys c Enter
check "a day after the demo, today's lesson is on the page by itself" \
    wait_for c "25.11 FA: (no topic)"
check "and costs nothing until something is written" test -z "$(lessons | grep 2026-11-25)"
tap_done
