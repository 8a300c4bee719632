#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report quality (issue 12, point 7): pass rate and quality of knowledge.
# The school's counts are the sums of `dapter grades` over every journal.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }

# Sum every journal's `dapter grades` of the first quarter (one-hour subjects:
# the first half-year): 5, 4, 3, 2, pass, fail, n/a.
d subject list
cp "$tmp/out" "$tmp/subjects"
d class list
cp "$tmp/out" "$tmp/classes"
# This year's journals: the demo's last year (9 А) is not this year's school.
d journal list
awk -F '	' 'NR == FNR { this[$0] = 1; next } this[$1]' "$tmp/classes" "$tmp/out" \
    >"$tmp/journals"
: >"$tmp/marks"
while IFS='	' read -r class subject subgroup teacher; do
	hours=$(awk -F '	' -v s="$subject" '$1 == s { print $2 }' "$tmp/subjects")
	p=q1
	[ "$hours" = 1 ] && p=h1
	"$DAPTER" --db "$db" grades "$class" "$subject" --period $p --subgroup "$subgroup" \
	    >"$tmp/g" || { echo "Bail out! grades $class $subject failed"; exit 1; }
	tail -n +2 "$tmp/g" | awk -F '	' '{ print $NF }' >>"$tmp/marks"
done <"$tmp/journals"
awk '
	$0 == "5" { n5++ } $0 == "4" { n4++ } $0 == "3" { n3++ } $0 == "2" { n2++ }
	$0 == "pass" { p++ } $0 == "fail" { f++ } $0 == "n/a" { na++ }
	END {
		total = n5 + n4 + n3 + n2 + p + f + na
		printf "School,%d,%d,%d,%d,%d,%d,%d,%d,%.2f,%.2f\n", total, n5, n4, n3, n2, p, f,
		    na, (n5 + n4 + n3 + p) * 100 / total, (n5 + n4) * 100 / (n5 + n4 + n3 + n2 + na)
	}' "$tmp/marks" >"$tmp/want"
d report quality --school --period q1 --format csv
status 0 "report quality --school"
grep '^School,' "$tmp/out" >"$tmp/got"
same "$tmp/got" "$tmp/want" "the school's counts and percentages are the sums of dapter grades"
[ "$(cut -d, -f2 "$tmp/got")" -gt 50 ]; tap_result $? "and they count the demo's results"
lacks "$tmp/out" "9 А" "last year's class is not in this year's figures"
grep '^7 Ә,[0-9]' "$tmp/out" | cut -d, -f2- >"$tmp/class_row"
d report quality "7 Ә" --period q1 --format csv
status 0 "report quality for one class"
grep '^Class 7 Ә,' "$tmp/out" | cut -d, -f4- >"$tmp/class_total"
same "$tmp/class_total" "$tmp/class_row" "the class's total is its row of the school's report"
has "$tmp/out" "Teacher" "the class's report has its teachers"

d report quality --school --period q1
status 0 "report quality as text"
has "$tmp/out" "Pass rate and quality of knowledge: quarter 1" "its title names the period"
d report quality --school --period q1 --lang kk
has "$tmp/out" "Үлгерім" "the Kazakh report names the pass rate"
d report quality --school --period q1 --lang ru
has "$tmp/out" "Успеваемость" "the Russian report names the pass rate"
has "$tmp/out" "Качество" "and the quality of knowledge"
d report quality --school --period q1 --format xlsx
status 0 "report quality as xlsx"
d report quality --school --period q1 --format pdf --lang kk
status 0 "report quality as pdf"
if command -v pdftotext >/dev/null 2>&1; then
	cp "$tmp/out" "$tmp/q.pdf"
	pdftotext -layout "$tmp/q.pdf" "$tmp/q.txt"
	has "$tmp/q.txt" "$(cut -d, -f2 "$tmp/want")" "the PDF has the school's count of results"
	has "$tmp/q.txt" "Мектеп" "the PDF has Kazakh letters"
fi

d report quality --school --period year --format csv
status 0 "report quality of the year while it goes on"
has "$tmp/out" "School,0,0,0,0,0,0,0,0,-,-" "no year marks yet: nothing counted, no percentages"

# Last year's year marks: the demo's 9 А, with its «2»s.
d report summary "9 А" --year 2025 --format csv
status 0 "last year's summary"
grep '^[0-9]' "$tmp/out" | cut -d, -f7 >"$tmp/alg_years"
d report quality "9 А" --year 2025 --period year --format csv
status 0 "report quality of last year's year marks"
awk '$0 == "2" { n2++ } END { print n2 + 0 }' "$tmp/alg_years" >"$tmp/want2"
grep '^9 А,Алгебра,' "$tmp/out" | cut -d, -f8 >"$tmp/got2"
same "$tmp/got2" "$tmp/want2" "its 2s in algebra are the summary's year 2s"
has "$tmp/out" "Class 9 А,,,32," "every pupil and subject of the year counted once"

d report quality --period q1
status 2 "neither a class nor --school: a usage error"
d report quality "7 Ә" --school
status 2 "both a class and --school: a usage error"
d report quality --school --period q9
status 1 "an unknown period is refused"
"$DAPTER" --db "$db" --as olga report quality --school --period q1 --format csv \
    >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "a teacher's report"
lacks "$tmp/out" "Алгебра" "holds only the journals she may read"

# A page broken behind dapter's back (sqlite3): its results count nowhere and
# the report names it and exits 1, as the other records do.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$db" "UPDATE lesson SET max_points = 1 WHERE id = (SELECT l.id FROM lesson l
	    JOIN class c ON c.id = l.class_id JOIN subject s ON s.id = l.subject_id
	    WHERE c.name = '7 Ә' AND s.name = 'Алгебра' AND l.kind = 'sor'
	    AND l.date < '2026-11-01' ORDER BY l.date LIMIT 1)"
	d report quality --school --period q1 --format csv
	status 1 "a broken page: the report says it is incomplete (exit 1)"
	has "$tmp/err" "Not computed: 7 Ә Алгебра 2026-q1" "naming the page"
	lacks "$tmp/out" "7 Ә,Алгебра" "its results count nowhere"
	has "$tmp/out" "7 Ә,Қазақ әдебиеті" "the other pages are counted"
fi
done_testing
