#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The calendar-thematic plan (issue 13): imported as schools keep it in Excel,
# all or nothing; lessons take its topics in order; `plan show` says what is done.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
data="${top_srcdir:-.}/tests/data"

d plan import 7 Алгебра "$data/plan-algebra-7.csv"
status 0 "the grade's plan imports from a UTF-8 CSV with a BOM and ';'"
has "$tmp/out" "26 topics (42 hours) are the plan of Алгебра in grade 7" "it says what it read"
d audit log --about "grade:7/Алгебра plan"
has "$tmp/out" "plan.add" "each topic is audited"
has "$tmp/out" "topic=Степень с натуральным показателем и её свойства" "with its text"
grep -c "plan.add" "$tmp/out" >"$tmp/n"
[ "$(cat "$tmp/n")" = 26 ]; tap_result $? "one audit record per topic (got $(cat "$tmp/n"))"

d plan import "7 Ә" Алгебра "$data/plan-algebra-7-cp1251.csv" --dry-run
status 0 "its Windows-1251 twin reads too"
has "$tmp/out" "Read as Windows-1251" "the conversion is reported"
has "$tmp/out" "26 topics (42 hours) would be the plan of Алгебра in 7 Ә" "--dry-run says what would be"
d plan show "7 Ә" Алгебра
has "$tmp/out" "the plan of grade 7" "--dry-run wrote no plan of the class"
has "$tmp/out" "Решение задач по теме «Степень»  [SA-S due]" "the СОр column marks where a СОр is due"

# Every problem named by its line, and nothing written.
sed -e '5s/;1;/;один;/' -e '9s/25\.09\.2026/31.09.2026/' -e '12s/^11;/10;/' \
    "$data/plan-algebra-7.csv" >"$tmp/bad.csv"
d plan import "7 Ә" Алгебра "$tmp/bad.csv"
status 1 "a plan with bad lines is refused"
has "$tmp/err" "line 5: Hours \"один\"" "the hours that are no number are named by line"
has "$tmp/err" "line 9: Date \"31.09.2026\"" "the impossible date is named by line"
has "$tmp/err" "line 12: Topic 10 is already on line 11" "the number used twice is named by line"
has "$tmp/err" "Nothing was imported" "and nothing is written"
d plan show "7 Ә" Алгебра
has "$tmp/out" "the plan of grade 7" "the class still follows the grade's plan"
printf 'Тема;Часы\nДроби;2\n' >"$tmp/nonum.csv"
d plan import 7 Алгебра "$tmp/nonum.csv"
status 1 "a file without the number column is refused"
has "$tmp/err" "№, Тақырып, Сағат" "with the columns it needs, in Kazakh and Russian too"

d --as pavel plan import "7 Ә" Алгебра "$data/plan-algebra-7.csv"
status 3 "a teacher of another subject may not import the class's plan"
has "$tmp/err" "Only a teacher of the subject in 7 Ә" "and is told who may"
d audit log
cp "$tmp/out" "$tmp/audit-before"
d --as aruzhan plan import 7 Алгебра "$data/plan-algebra-7-cp1251.csv"
status 0 "the subject's teacher imports her grade's plan"
d audit log
same "$tmp/out" "$tmp/audit-before" "the same plan again changes and audits nothing"
d --as aruzhan plan import 7 Алгебра "$data/plan-algebra-7.xlsx"
status 0 "its XLSX twin (numbers as numbers, dates as dates, a second sheet) imports"
has "$tmp/out" "Read as XLSX." "the workbook is reported"
d audit log
same "$tmp/out" "$tmp/audit-before" "and is the same plan: nothing changes, nothing is audited"

# Five lessons follow the plan in order: a topic of two hours fills two lessons.
for day in 2026-11-04 2026-11-06 2026-11-09 2026-11-11 2026-11-13; do
	d lesson add "7 Ә" Алгебра "$day"
done
status 0 "lessons are added without a topic"
d lesson list "7 Ә" Алгебра
cut -f2,4 "$tmp/out" >"$tmp/got"
cat >"$tmp/want" <<'EOF'
2026-11-04	Степень с натуральным показателем и её свойства
2026-11-06	Степень с натуральным показателем и её свойства
2026-11-09	Степень с целым показателем
2026-11-11	Степень с целым показателем
2026-11-13	Стандартный вид числа
EOF
same "$tmp/got" "$tmp/want" "the five lessons take the plan's topics in order"
d audit log --about "lesson:1 "
has "$tmp/out" "homework=§1, № 5–12" "the plan's homework comes with the topic"

d plan show "7 Ә" Алгебра
head -n 7 "$tmp/out" >"$tmp/got"
cat >"$tmp/want" <<'EOF'
Алгебра · 7 Ә: the plan of grade 7.
No.   Hours  Planned     Done        Topic
== Степень с целым показателем ==
1     2      2026-09-02  2026-11-06  Степень с натуральным показателем и её свойства
2     2      2026-09-07  2026-11-11  Степень с целым показателем
3     1      2026-09-11  2026-11-13  Стандартный вид числа
4     1      2026-09-14              Решение задач по теме «Степень»  [SA-S due]
EOF
same "$tmp/got" "$tmp/want" "plan show marks the topics done, with the day"
has "$tmp/out" "Lessons given: 5. Hours of the plan given: 5 of 42." "it counts the hours given"
has "$tmp/out" "By its dates the plan has 33 hours given by today." "the plan's dates put 33 hours before today"
has "$tmp/out" "Behind the plan by 28 h." "so the class is 28 hours behind"

d lesson add "7 Ә" Алгебра 2026-11-16 --topic "Контрольная работа"
d lesson add "7 Ә" Алгебра 2026-11-18
d lesson list "7 Ә" Алгебра
has "$tmp/out" "Контрольная работа" "a topic of her own is kept"
has "$tmp/out" "Решение задач по теме «Степень»" "and the next lesson takes the next topic still"
d lesson set 1 --topic "Степень с целым показателем"
d plan show "7 Ә" Алгебра
has "$tmp/out" "1     2      2026-09-02  1/2" "a lesson given another topic leaves its old one half done"

d --as pavel plan show "7 Ә" Алгебра
status 3 "a teacher who does not teach the journal may not read its plan"

# A class's own plan, imported beside the grade's, is the one its lessons follow.
printf '№;Тема;Часы\n1;Повторение курса 6 класса;1\n2;Своя тема класса;2\n' >"$tmp/own.csv"
d --as aruzhan plan import "7 Ә" Алгебра "$tmp/own.csv"
status 0 "the class's teacher imports a plan of the class's own"
d lesson add "7 Ә" Алгебра 2026-11-20
d lesson list "7 Ә" Алгебра
has "$tmp/out" "2026-11-20	FA	Повторение курса 6 класса" "the next lesson takes the class's plan, not the grade's"
d plan show "7 Ә" Алгебра
has "$tmp/out" "the class's own plan" "plan show names the class's own plan"
d plan show "7 Ә" Алгебра
has "$tmp/out" "1     1                  2026-11-20  Повторение курса 6 класса" "and marks its topic done"

# A class's own plan overrides the grade's; a plan without a СОр column gives
# each section's last topic a СОр; sections may be rows of their own.
d class add "5 А"
d subject add "Қазақ тілі" --hours 2
d plan import "5 А" "Қазақ тілі" "$data/plan-kazakh-5.csv"
status 0 "a Kazakh plan with section rows imports"
has "$tmp/out" "19 topics (26 hours) are the plan of Қазақ тілі in 5 А" "every topic is read"
d plan show "5 А" "Қазақ тілі"
has "$tmp/out" "the class's own plan" "the class's own plan is shown"
has "$tmp/out" "== 2-бөлім. Менің туған өлкем ==" "a section row heads its topics"
has "$tmp/out" "Екпін  [SA-S due]" "a СОр is due after the section's last topic"
lacks "$tmp/out" "Буын және тасымал  [SA-S" "and not inside the section"
has "$tmp/out" "On schedule." "no lessons yet, no dates: on schedule"

d audit verify
status 0 "the audit chain holds"
done_testing
