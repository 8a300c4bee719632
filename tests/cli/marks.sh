#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Lessons and marks: CSV round trip, ranges, closed periods, grades.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\nАхметова,Дана\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null

d lesson add "7 Ә" Алгебра 2026-09-02 --topic "Бірмүшелер"
status 0 "lesson add"
d lesson add "7 Ә" Алгебра 2026-10-01 --kind sor --max 20 --topic "БЖБ 1"
status 0 "a section summative with its maximum"
d lesson add "7 Ә" Алгебра 2026-10-20 --kind soch --max 25
status 0 "a term summative"
d lesson add "7 Ә" Алгебра 2026-10-21 --kind sor
status 1 "a summative work without its maximum is refused"
d lesson add "7 Ә" Алгебра 2026-07-15
status 1 "a lesson in the summer holidays belongs to no period"

d marks export "7 Ә" Алгебра --period q1
status 0 "marks export"
head -n 2 "$tmp/out" >"$tmp/head"
printf 'Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q1\nID,Pupil,2026-09-02,2026-10-01 SA-S/20,2026-10-20 SA-T/25\n' >"$tmp/want"
same "$tmp/head" "$tmp/want" "the export names the journal and its lessons"
has "$tmp/out" ",Ахметова Дана,,," "pupils in Kazakh order (А before Ә), empty cells"

# A teacher fills the file offline: marks, attendance in Russian and Kazakh, a new lesson.
sed -e 's/^ID,Pupil,\(.*\)$/ID,Pupil,\1,2026-10-22/' \
    -e 's/^\(1,Әлиев Нұр\),,,$/\1,8,17,20,н/' \
    -e 's/^\(2,Беков Ерлан\),,,$/\1,10,15,25,о 7/' \
    -e 's/^\(3,Ахметова Дана\),,,$/\1,ж,,12,/' "$tmp/out" >"$tmp/filled.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/filled.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the teacher imports her filled file"
has "$tmp/out" "Set 10 marks, cleared 0, added 1 lessons" "the import reports what changed"
d marks export "7 Ә" Алгебра --period q1
has "$tmp/out" "1,Әлиев Нұр,8,17,20,a" "the marks and attendance read back"
has "$tmp/out" "2,Беков Ерлан,10,15,25,l 7" "late with a mark reads back"

d grades "7 Ә" Алгебра --period q1
status 0 "grades"
# Әлиев: ФО 8/10 = 80% -> 20; СОр 17/20 = 85% -> 21.25; СОч 20/25 = 80% -> 40; 81.25 -> 81 -> 4.
has "$tmp/out" "Әлиев Нұр	80.00	85.00	80.00	81.25	4" "grades: 25/25/50 weights give 81.25 -> 4"
# Беков: ФО (10 + 7)/2 = 8.5 -> 21.25; СОр 15/20 -> 18.75; СОч 25/25 -> 50; 90 -> 5.
has "$tmp/out" "Беков Ерлан	85.00	75.00	100.00	90.00	5" "grades: a mark given with a late counts"
has "$tmp/out" "Ахметова Дана	-	-	48.00	48.00	n/a" "no ФО and a missed СОр: temporarily not attested"

sed 's/^\(1,Әлиев Нұр\),8,/\1,11,/' "$tmp/filled.csv" >"$tmp/bad.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a ФО mark of 11 is refused"
has "$tmp/err" "from 1 to 10" "the refusal names the range"
has "$tmp/err" "Nothing was changed" "and the import changes nothing"
d marks export "7 Ә" Алгебра --period q1
has "$tmp/out" "1,Әлиев Нұр,8,17,20,a" "the old mark is kept"

"$DAPTER" --db "$db" --as pavel marks import <"$tmp/filled.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "another teacher may not import into this journal"

d period close q1
status 0 "the operator closes the first quarter"
sed 's/^\(1,Әлиев Нұр\),8,/\1,9,/' "$tmp/filled.csv" >"$tmp/late.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/late.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a closed period refuses a change"
has "$tmp/err" "is closed" "saying the period is closed"
"$DAPTER" --db "$db" --as aruzhan lesson add "7 Ә" Алгебра 2026-09-03 >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a closed period refuses a new lesson"
d period reopen q1
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/late.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "after reopening the change lands"
d audit log
has "$tmp/out" "period.close" "closing is audited"
has "$tmp/out" "period.reopen" "reopening is audited"
has "$tmp/out" "8 -> 9" "the mark change is audited with old and new value"
# Excel in Russian or Kazakh: a BOM and ';' by the user's language, and back.
bom=$(printf '\357\273\277')
d user lang aruzhan ru
"$DAPTER" --db "$db" --as aruzhan marks export "7 Ә" Алгебра --period q1 >"$tmp/ru.csv" 2>"$tmp/err"
st=$?; status 0 "a Russian teacher's marks export"
[ "$(head -c 3 "$tmp/ru.csv")" = "$bom" ]; tap_result $? "it starts with a UTF-8 BOM"
has "$tmp/ru.csv" "1;Әлиев Нұр;9;17;20;н" "and separates by ';'"
lacks "$tmp/ru.csv" "1,Әлиев" "and not by ','"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/ru.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the Russian export imports back"
has "$tmp/out" "Выставлено оценок: 0, удалено: 0, добавлено уроков: 0" "and changes nothing"
"$DAPTER" --db "$db" --as aruzhan marks export "7 Ә" Алгебра --period q1 >"$tmp/ru2.csv"
same "$tmp/ru2.csv" "$tmp/ru.csv" "the journal reads back unchanged"
"$DAPTER" --db "$db" --as aruzhan marks export "7 Ә" Алгебра --period q1 --csv plain \
    >"$tmp/plain.csv"
[ "$(head -c 3 "$tmp/plain.csv")" != "$bom" ]; tap_result $? "--csv plain writes no BOM"
has "$tmp/plain.csv" "1,Әлиев Нұр,9,17,20,н" "and separates by ','"
"$DAPTER" --db "$db" --as aruzhan marks export "7 Ә" Алгебра --period q1 --separator , \
    >"$tmp/sep.csv"
[ "$(head -c 3 "$tmp/sep.csv")" = "$bom" ]; tap_result $? "--separator keeps the BOM"
has "$tmp/sep.csv" "1,Әлиев Нұр,9,17,20,н" "and sets the separator alone"
d marks export "7 Ә" Алгебра --period q1 --csv excel
has "$tmp/out" "1;Әлиев Нұр;9;17;20;a" "--csv excel in English: ';'"
d marks export "7 Ә" Алгебра --period q1
[ "$(head -c 3 "$tmp/out")" != "$bom" ]; tap_result $? "an English export has no BOM"
has "$tmp/out" "1,Әлиев Нұр,9,17,20,a" "and uses ','"
d marks export "7 Ә" Алгебра --csv lotus
status 2 "an unknown --csv style is refused"
has "$tmp/err" "--csv is excel" "naming the styles"
done_testing
