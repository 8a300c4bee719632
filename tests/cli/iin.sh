#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The pupil's ИИН (issue 12, point 10): optional, from the roster's ИИН/ЖСН/IIN
# column, checked by its check digit, whole only in the admin's roster and
# the pupil's own extract, never in the audit log.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
"$DAPTER" --db "$db" assign aruzhan "7 Ә" Алгебра >/dev/null 2>&1

# A wrong check digit on line 3: the import names the line and adds nobody.
printf 'Тегі,Аты,ИИН\nӘлиев,Нұр,100101500002\nБеков,Ерлан,100101500003\n' >"$tmp/bad.csv"
d roster import "7 Ә" "$tmp/bad.csv"
status 1 "a roster with a wrong IIN check digit is refused"
has "$tmp/err" "line 3" "naming its line"
has "$tmp/err" "********0003" "and the IIN by its last digits"
lacks "$tmp/err" "100101500003" "never the whole number"
d roster list "7 Ә"
lacks "$tmp/out" "Әлиев" "and nobody is added (all or nothing)"

printf 'Тегі,Аты,ИИН\nӘлиев,Нұр,100101500002\nБеков,Ерлан,100101 000 107\nАхметова,Дана,\n' \
    >"$tmp/ok.csv"
d roster import "7 Ә" "$tmp/ok.csv"
status 0 "a roster with IINs (spaces inside, one missing) imports"
has "$tmp/out" "3 pupils added" "every pupil is added"
d roster list "7 Ә"
has "$tmp/out" "Әлиев Нұр	100101500002" "the admin's roster shows the IIN whole"
has "$tmp/out" "Беков Ерлан	100101000107" "typed spaces dropped"
has "$tmp/out" "Ахметова Дана
" "a pupil without an IIN has none"
"$DAPTER" --db "$db" --as aruzhan roster list "7 Ә" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "a teacher's roster"
has "$tmp/out" "Әлиев Нұр	********0002" "shows the IIN masked"
lacks "$tmp/out" "100101500002" "never whole"
d report pupil "Әлиев Нұр" --class "7 Ә"
has "$tmp/out" "IIN 100101500002" "the pupil's own extract carries it whole"
d audit log
lacks "$tmp/out" "100101500002" "the audit log never holds an IIN"
lacks "$tmp/out" "100101000107" "of anyone"

for head in ЖСН IIN; do
	d class add "8 Б"
	printf 'Тегі,Аты,%s\nОмаров,Ерлан,100101500002\n' "$head" >"$tmp/h.csv"
	d roster import "8 Б" "$tmp/h.csv"
	status 0 "the column may be named $head"
done
d roster list "8 Б"
has "$tmp/out" "Омаров Ерлан	100101500002" "and its IIN is read"
printf 'Тегі,Аты,ИИН\nСейітов,Бек,1001015000\n' >"$tmp/short.csv"
d roster import "8 Б" "$tmp/short.csv"
status 1 "an IIN of 10 digits is refused"
has "$tmp/err" "line 2" "naming its line"
done_testing
