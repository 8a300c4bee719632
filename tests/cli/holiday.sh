#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Holidays per grade (issue 12, point 2): grade 1's extra week in February is
# a holiday for grade 1 alone, in the calendar, in a new lesson's day and in
# the days missed that report attendance counts.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv" &&
for c in "1 А" "2 А"; do
	"$DAPTER" --db "$db" class add "$c" >/dev/null &&
	"$DAPTER" --db "$db" roster import "$c" "$tmp/r.csv" >/dev/null &&
	"$DAPTER" --db "$db" assign aruzhan "$c" Алгебра >/dev/null || exit 1
done || { echo "Bail out! cannot add the classes"; exit 1; }

d holiday add 2027-02-15 2027-02-19 --grade 1 Бірінші сынып демалысы
status 0 "holiday add --grade 1"
d holiday list
has "$tmp/out" "2027-02-15	2027-02-19	Бірінші сынып демалысы	1" \
    "holiday list gives the grade of a grade's holiday"
has "$tmp/out" "Winter holidays
" "and none for the holidays of every grade"
d audit log --last 1
has "$tmp/out" "2027-02-15..2027-02-19 grade 1 Бірінші сынып демалысы" "it is audited with its grade"
d holiday add 2027-02-17 2027-02-17 Күн
status 1 "a holiday of every grade may not overlap grade 1's"
has "$tmp/err" "Бірінші сынып демалысы" "naming it"
d holiday add 2027-02-16 2027-02-16 --grade 2 Екінші сынып
status 0 "another grade's holiday may"
d holiday add 2027-02-18 2027-02-18 --grade 1 Тағы
status 1 "grade 1's own may not"
d holiday add 2027-02-01 2027-02-02 --grade 0 Нөл
status 2 "grade 0 is a usage error"
d --as aruzhan holiday add 2027-02-01 2027-02-02 --grade 1 Мұғалім
status 3 "a teacher may not add a grade's holiday"

# A new lesson's day: a holiday for grade 1, a school day for grade 3.
"$DAPTER" --db "$db" class add "3 А" >/dev/null
d lesson add "1 А" Алгебра 2027-02-17
status 2 "grade 1's lesson in its holiday needs --day-off"
has "$tmp/err" "in the holidays" "saying why"
d lesson add "3 А" Алгебра 2027-02-17
status 0 "grade 3 has school that day"

# Days missed: Әлиев misses every lesson of 10 and 17 February in both classes.
for c in "1 А" "2 А"; do
	"$DAPTER" --db "$db" lesson add "$c" Алгебра 2027-02-10 >/dev/null &&
	"$DAPTER" --db "$db" lesson add "$c" Алгебра 2027-02-17 --day-off >/dev/null &&
	"$DAPTER" --db "$db" marks export "$c" Алгебра --period q3 >"$tmp/q.csv" &&
	sed 's/^\([0-9]*,Әлиев Нұр\),,$/\1,a,a/' "$tmp/q.csv" >"$tmp/f.csv" &&
	"$DAPTER" --db "$db" marks import <"$tmp/f.csv" >/dev/null ||
	    { echo "Bail out! cannot fill $c"; exit 1; }
done
d report attendance "2 А" --period q3 --format csv
status 0 "report attendance of grade 2"
has "$tmp/out" "1,Әлиев Нұр,2,,,,2,2," "two lessons and two days missed in grade 2"
d report attendance "1 А" --period q3 --format csv
status 0 "report attendance of grade 1"
has "$tmp/out" "1,Әлиев Нұр,2,,,,1,2," "grade 1's holiday is no school day missed, its lesson still missed"
d report card "1 А" --period q3 --pupil "Әлиев Нұр"
status 0 "grade 1's report card"
d audit verify
status 0 "the audit chain holds"

# The demo's year has grade 1's week, named in the user's language.
"$DAPTER" --db "$tmp/demo.db" demo --no-serve >/dev/null 2>&1
DAPTER_LANG=ru "$DAPTER" --db "$tmp/demo.db" holiday list >"$tmp/out" 2>&1
has "$tmp/out" "2027-02-08	2027-02-14	Дополнительные каникулы для первоклассников	1" \
    "the demo's year has grade 1's extra week"
done_testing
