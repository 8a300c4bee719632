#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report card (issue 12, point 6): a page per pupil with every subject's
# period marks, the year, exam and final mark, lessons and days missed.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }

# Last year's 9 А: Оспанова has a year 2 in algebra, her year work and an exam.
d report card "9 А" --year 2025 --pupil "Оспанова Дария" --format csv
status 0 "a pupil's report card for last year"
has "$tmp/out" "Report card: Оспанова Дария Бауыржанқызы" "it names the pupil"
d report summary "9 А" --year 2025 --format csv
grep ',Оспанова Дария' "$tmp/out" | cut -d, -f3-10 >"$tmp/want"
d report card "9 А" --year 2025 --pupil "Оспанова Дария" --format csv
grep '^Алгебра,' "$tmp/out" | cut -d, -f2- >"$tmp/got"
same "$tmp/got" "$tmp/want" "the card's algebra row is the summary's: periods, year, work and exam, final"
has "$tmp/out" "Director: ____" "the card has the director's signature line"
has "$tmp/out" "Class teacher: ____" "and the class teacher's"

# The lessons missed are the attendance report's totals for the pupil.
d report attendance "9 А" --year 2025 --format csv
grep ',Абенова Аружан' "$tmp/out" | awk -F, '{ print $(NF-3) + 0, $(NF-2) + 0, $(NF-1) + 0, $NF + 0 }' \
    >"$tmp/want"
d report card "9 А" --year 2025 --pupil "Абенова Аружан" --format csv
awk -F, '/^a absent,/ { a = $2 } /^e absent for a good reason,/ { e = $2 }
	/^i ill,/ { i = $2 } /^l late,/ { l = $2 } END { print a, e, i, l }' "$tmp/out" >"$tmp/got"
same "$tmp/got" "$tmp/want" "lessons missed by reason equal report attendance's totals"
awk -F, '/^Missed in all,/ { print ($2 > 0 && $3 > 0 && $3 <= $2) }' "$tmp/out" >"$tmp/got"
echo 1 >"$tmp/want"
same "$tmp/got" "$tmp/want" "whole days missed are counted, no more than the lessons"

# report attendance gives the class teacher the same whole days (point 9).
d report attendance "9 А" --year 2025 --format csv
has "$tmp/out" ",Days," "report attendance has a column of days missed"
grep ',Абенова Аружан' "$tmp/out" | awk -F, '{ print $(NF-4) }' >"$tmp/want"
d report card "9 А" --year 2025 --pupil "Абенова Аружан" --format csv
awk -F, '/^Missed in all,/ { print $3 }' "$tmp/out" >"$tmp/got"
same "$tmp/got" "$tmp/want" "its days are the report card's whole days missed"

# A class: one page per pupil.
d report card "9 А" --year 2025
status 0 "the class's report cards as text"
[ "$(grep -c 'Report card: ' "$tmp/out")" -eq 8 ]; tap_result $? "eight pupils, eight cards"
[ "$(tr -cd '\f' <"$tmp/out" | wc -c)" -eq 7 ]; tap_result $? "a form feed between the pages"
d report card "9 А" --year 2025 --format pdf --lang kk
status 0 "the class's report cards as pdf"
if command -v pdftotext >/dev/null 2>&1; then
	cp "$tmp/out" "$tmp/c.pdf"
	pdftotext -f 5 -l 5 -layout "$tmp/c.pdf" "$tmp/p5.txt"
	has "$tmp/p5.txt" "Оспанова Дария" "the fifth page is the fifth pupil's, in Kazakh letters"
	has "$tmp/p5.txt" "Қазақ әдебиеті" "with her subjects"
	has "$tmp/p5.txt" "Директор" "and the signature lines"
	pdftotext -f 9 -l 9 "$tmp/c.pdf" "$tmp/p9.txt" 2>/dev/null
	[ ! -s "$tmp/p9.txt" ]; tap_result $? "and no ninth page"
fi
# The summary sheet of the same year on paper: Kazakh letters and its totals.
d report summary "9 А" --year 2025 --format csv
grep '^,"Pass rate, %",' "$tmp/out" | cut -d, -f4 >"$tmp/pass"
d report summary "9 А" --year 2025 --format pdf --lang kk
status 0 "the summary sheet as pdf"
if command -v pdftotext >/dev/null 2>&1; then
	cp "$tmp/out" "$tmp/s.pdf"
	pdftotext -layout "$tmp/s.pdf" "$tmp/s.txt"
	has "$tmp/s.txt" "Оспанова Дария" "the summary PDF names the pupils in Kazakh letters"
	has "$tmp/s.txt" "Үлгерім, %" "and its pass-rate row"
	has "$tmp/s.txt" "қайта оқуға қалдыру?" "and the repeater's note"
	grep 'Үлгерім, %' "$tmp/s.txt" | tr -s ' ' '\n' | grep -qx "$(cat "$tmp/pass")"
	tap_result $? "with the algebra pass rate of the CSV"
fi
d report card "9 А" --year 2025 --format xlsx
status 0 "the class's report cards as xlsx"

# This year, by quarter: periods after it stay empty, no year columns filled.
d report card "7 Ә" --period q1 --pupil "Ахметов Нұрсұлтан" --format csv
status 0 "a quarter's card"
has "$tmp/out" "For quarter 1" "names its quarter"
grep '^Алгебра,' "$tmp/out" | cut -d, -f3- >"$tmp/got"
echo ",,,,," >"$tmp/want"
same "$tmp/got" "$tmp/want" "nothing after the first quarter"
d report card "7 Ә" --pupil "Жоқ Адам"
status 4 "an unknown pupil is not found"
done_testing
