#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report analysis (issue 12, point 8): each summative work's high, middle and
# low levels, its mean percent and who did not write it.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\nАхметова,Дана\nІзбасар,Томирис\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null &&
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-09-02 >/dev/null &&
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-10-01 --kind sor --max 20 \
    --topic "БЖБ 1" >/dev/null &&
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-10-20 --kind soch --max 25 >/dev/null &&
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q1 >"$tmp/q.csv" ||
    { echo "Bail out! cannot add the lessons"; exit 1; }
# СОр of 20: 17 (85 %, high), 16 (80 %, middle), 7 (35 %, low), Ізбасар missed it.
# СОч of 25: 25 (high), 10 (40 %, middle), 9 (36 %, low), 25 (high).
sed -e 's/^\([0-9]*,Әлиев Нұр\),,,$/\1,8,17,25/' \
    -e 's/^\([0-9]*,Беков Ерлан\),,,$/\1,8,16,10/' \
    -e 's/^\([0-9]*,Ахметова Дана\),,,$/\1,8,7,9/' \
    -e 's/^\([0-9]*,Ізбасар Томирис\),,,$/\1,8,н,25/' "$tmp/q.csv" >"$tmp/f.csv"
"$DAPTER" --db "$db" marks import <"$tmp/f.csv" >/dev/null ||
    { echo "Bail out! cannot import the marks"; exit 1; }

d report analysis "7 Ә" Алгебра --period q1 --format csv
status 0 "report analysis"
has "$tmp/out" "Date,Work,Topic,Wrote,High 85-100 %,Middle 40-84 %,Low 0-39 %,Mean %,Did not write" \
    "its columns"
has "$tmp/out" "01.10.2026,SA-S/20,БЖБ 1,3,1,1,1,66.67,Ізбасар Томирис" \
    "the section work: 85 % high, 80 % middle, 35 % low, mean 66.67, the pupil who missed it"
has "$tmp/out" "20.10.2026,SA-T/25,,4,2,1,1,69.00," "the term work: 2 high, 1 middle, 1 low, mean (100+40+36+100)/4 = 69"
lacks "$tmp/out" "02.09.2026" "a regular lesson is no summative work"
d report analysis "7 Ә" Алгебра --period q1 --lang kk
status 0 "report analysis in Kazakh"
has "$tmp/out" "Жоғары" "the Kazakh heads name the levels"
d report analysis "7 Ә" Алгебра --period q1 --format pdf --lang ru
status 0 "report analysis as pdf"
if command -v pdftotext >/dev/null 2>&1; then
	cp "$tmp/out" "$tmp/a.pdf"
	pdftotext -layout "$tmp/a.pdf" "$tmp/a.txt"
	has "$tmp/a.txt" "Ізбасар Томирис" "the PDF names who did not write"
	has "$tmp/a.txt" "66.67" "and the mean"
fi
d report analysis "7 Ә" Алгебра --period q2
status 0 "a period without summative work"
has "$tmp/out" "No summative work in this period." "says so"
"$DAPTER" --db "$db" --as pavel report analysis "7 Ә" Алгебра --period q1 \
    >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "another teacher may not read the journal's analysis"
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$db" "UPDATE lesson SET max_points = 10 WHERE date = '2026-10-01'"
	d report analysis "7 Ә" Алгебра --period q1
	status 1 "a page broken behind dapter's back: incomplete (exit 1)"
	has "$tmp/err" "Not computed: 7 Ә Алгебра 2026-q1" "naming the page"
	lacks "$tmp/out" "01.10.2026" "its works are not analysed from points it cannot read"
fi
done_testing
