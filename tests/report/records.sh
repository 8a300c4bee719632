#!/bin/sh
# The records of a class hold up: a lesson change that would break its marks
# is refused (and a formative lesson becomes summative only when asked to
# read its marks as points); a page broken behind dapter's back never fails
# a whole-class report.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }

# lesson_id DATE: the number of 7 Ә Алгебра's lesson of DATE.
lesson_id() {
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра | awk -v d="$1" '$2 == d { print $1 }'
}
sor=$(lesson_id 2026-11-11)	# СОр of 20 with marks of 18 and 20
fa=$(lesson_id 2026-11-16)	# ФО with two marks

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
done_testing
