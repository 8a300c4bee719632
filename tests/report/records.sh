#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The records of a class hold up: a lesson change that would break its marks
# is refused (and a formative lesson becomes summative only when asked to
# read its marks as points); a page broken behind dapter's back never fails
# a whole-class report.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }

# lesson_id DATE PERIOD: the number of 7 Ә Алгебра's lesson of DATE.
lesson_id() {
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра --period "$2" |
	    awk -v d="$1" '$2 == d { print $1 }'
}
sor=$(lesson_id 2026-11-11 q2)	# СОр of 20 with marks of 18 and 20
fa=$(lesson_id 2026-11-16 q2)	# ФО with two marks

d --as aigerim lesson set "$sor" --max 5
status 1 "a maximum of 5 under marks of 20 is refused"
has "$tmp/err" "has 20 here, and the lesson would take 0 to 5" "naming a mark that breaks it"
d --as aigerim lesson set "$sor" --kind regular
status 1 "turning a СОр of 18 and 20 points formative is refused"
d lesson list "7 Ә" Алгебра
has "$tmp/out" "2026-11-11	SA-S/20	" "the lesson keeps its kind and maximum"
d --as aigerim lesson set "$sor" --max 25
status 0 "a larger maximum that every mark fits is taken"
d --as aigerim lesson set "$fa" --kind sor --max 20
status 1 "formative marks are not read as points unasked"
has "$tmp/err" "--reinterpret-marks" "the refusal names the flag that asks for it"
d --as aigerim lesson set "$fa" --kind sor --max 20 --reinterpret-marks
status 0 "--reinterpret-marks turns them into points"
d lesson list "7 Ә" Алгебра
has "$tmp/out" "2026-11-16	SA-S/20	" "the lesson is a СОр of 20"
d --as marat lesson set "$fa" --topic "Бөгде"
status 3 "another teacher's lesson is not hers to change"
d lesson set x --max 5
status 2 "a lesson number that is no number is a usage error"
d grades "7 Ә" Алгебра
status 0 "grades computes the class after every change"
d audit verify
status 0 "the audit chain holds"

# A page broken behind dapter's back (sqlite3 on the file): 7 Ә Алгебра's
# СОр of 2026-09-21 (marks up to 20) made a work of 5 points.
bad=$(lesson_id 2026-09-21 q1)
sqlite3 "$db" "UPDATE lesson SET max_points = 5 WHERE id = $bad" ||
    echo "Bail out! sqlite3 cannot edit the test database"
page="7 Ә Алгебра 2026-q1"
d grades "7 Ә" Алгебра --period q1
status 1 "grades on the broken page fails"
has "$tmp/err" "$page: the marks of" "naming the page"
has "$tmp/err" "on the lesson of 2026-09-21)" "and the lesson whose mark does not fit"
d report summary "7 Ә"
status 1 "the class's summary says it is incomplete (exit 1)"
has "$tmp/err" "Not computed: $page" "naming the page on stderr"
has "$tmp/out" "Not computed: $page" "and in the report"
has "$tmp/out" "Информатика" "the other subjects are printed"
has "$tmp/out" "Ахметов Нұрсұлтан Бауыржанұлы" "and every pupil"
d report summary "7 Ә" --format csv
status 1 "the CSV summary, too, is printed and marked incomplete"
has "$tmp/out" "Қазақ әдебиеті" "with the other subjects"
d report pupil "Ахметов Нұрсұлтан" --class "7 Ә"
status 1 "a pupil's extract is printed and marked incomplete"
has "$tmp/out" "Информатика" "with the other subjects"
d report journal "7 Ә" Алгебра --period q1
status 1 "the broken page's journal prints its marks without results"
has "$tmp/out" "Not computed: $page" "saying why"
has "$tmp/out" "Ахметов Нұрсұлтан Бауыржанұлы" "its marks are there"
d report journal "7 Ә" Алгебра --period q2
status 0 "another page of the same journal is whole"
d report attendance "7 Ә"
status 0 "attendance has nothing to compute and is whole"
done_testing
