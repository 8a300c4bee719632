#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lessons on days off, and lessons removed: a Sunday or a holiday needs
# --day-off, a lesson with marks goes only with --with-marks, #N picks the
# lesson of a day, a closed period refuses, the audit keeps what went.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null &&
"$DAPTER" --db "$db" holiday add 2026-12-07 2026-12-08 "Тәуелсіздік күні" >/dev/null ||
    { echo "Bail out! cannot set up the pupils and the holiday"; exit 1; }

# ---- days off ----

d --as aruzhan lesson add "7 Ә" Алгебра 2026-11-22
status 2 "a lesson on a Sunday is refused without --day-off"
has "$tmp/err" "2026-11-22 is a Sunday: add --day-off" "the refusal names the day and the flag"
d --as aruzhan lesson add "7 Ә" Алгебра 07.12.2026
status 2 "a lesson in the holidays is refused without --day-off"
has "$tmp/err" "2026-12-07 is in the holidays: add --day-off" "the holiday refusal says so"
d lesson list "7 Ә" Алгебра
lacks "$tmp/out" "2026-11-22" "the refused lesson was not added"
d --as aruzhan lesson add "7 Ә" Алгебра 2026-11-22 --day-off
status 0 "--day-off accepts the Sunday lesson"
d --as aruzhan lesson add "7 Ә" Алгебра 2026-11-23
status 0 "a Monday needs no flag"

# ---- removal ----

d --as aruzhan lesson add "7 Ә" Алгебра 2026-11-23 --topic "Екінші"
status 0 "a second lesson on the same day"
d --as aruzhan marks export "7 Ә" Алгебра --period q2
sed -e 's/^\([0-9]*,Әлиев Нұр\),,,$/\1,,,9/' "$tmp/out" >"$tmp/filled.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/filled.csv" >/dev/null 2>&1 ||
    echo "# the mark import failed"
d --as aruzhan lesson remove "7 Ә" Алгебра 2026-11-23 "#2"
status 1 "a lesson with marks is refused without --with-marks"
has "$tmp/err" "Marks in the lesson of 2026-11-23: 1." "the refusal counts the marks"
has "$tmp/err" "--with-marks" "and names the flag"
d --as aruzhan lesson remove "7 Ә" Алгебра 2026-11-23 "#3"
status 4 "a lesson number the day does not have"
d --as aruzhan lesson remove "7 Ә" Алгебра 2026-11-23 second
status 2 "a lesson number that is not #N is a usage error"
d --as pavel lesson remove "7 Ә" Алгебра 2026-11-22
status 3 "another teacher may not remove the lesson"
d --as aruzhan lesson remove "7 Ә" Алгебра 2026-11-22
status 0 "a lesson without marks is removed"
d --as aruzhan lesson remove "7 Ә" Алгебра 2026-11-23 "#2" --with-marks
status 0 "--with-marks removes the lesson and its marks"
d lesson list "7 Ә" Алгебра
lacks "$tmp/out" "2026-11-22" "the Sunday lesson is gone"
lacks "$tmp/out" "Екінші" "the second lesson of the day is gone"
has "$tmp/out" "2026-11-23" "the first lesson of the day stays"
d audit log --last 2
has "$tmp/out" "lesson.remove	7 Ә/Алгебра lesson:" "the removal is audited"
has "$tmp/out" "topic=Екінші homework= marks=1" "the audit keeps the lesson and its mark count"
d audit verify
status 0 "the audit chain holds"

"$DAPTER" --db "$db" period close q2 >/dev/null
d --as aruzhan lesson remove "7 Ә" Алгебра 2026-11-23
status 1 "a closed period refuses the removal"
has "$tmp/err" "Period quarter 2 is closed" "the refusal names the period"
done_testing
