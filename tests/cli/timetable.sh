#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The weekly timetable from the files a school keeps in Excel (UTF-8 with a
# BOM and ';', Kazakh headers; Windows-1251, Russian headers): all or
# nothing with every bad line named, shown one lesson a line, and a new
# timetable from a date on keeps the past.
. "${top_srcdir:-.}/tests/cli/lib.sh"
data="$top_srcdir/tests/data"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
d subject add "Русский язык" --hours 2
d subject add Информатика --hours 1
d assign pavel "7 Ә" "Русский язык"

d timetable import "7 Ә" "$data/timetable-7a.csv"
status 1 "a timetable naming a teacher not assigned to the subject is refused"
has "$tmp/err" "line 4: pavel does not teach Информатика (group 1) in 7 Ә" \
    "the line and the missing assignment are named"
has "$tmp/err" "Nothing was imported" "and nothing is written"
d timetable show "7 Ә"
status 4 "the class still has no timetable"

d assign pavel "7 Ә" Информатика --subgroup 1
d timetable import "7 Ә" "$data/timetable-7a.csv" --dry-run
status 0 "--dry-run checks the file"
has "$tmp/out" "10 lessons a week would be the timetable of 7 Ә from 2026-09-01" \
    "the first timetable of a class holds from the school year's first day"
d timetable show "7 Ә"
status 4 "--dry-run writes nothing"

d timetable import "7 Ә" "$data/timetable-7a.csv"
status 0 "the UTF-8 sample (BOM, ';', Kazakh headers and weekdays) imports"
d timetable show "7 Ә"
status 0 "timetable show"
same "$tmp/out" "$data/timetable-7a.show.txt" "the week is shown one lesson a line, by weekday"
d audit log --last 1
has "$tmp/out" "timetable.set" "the import is audited"

d timetable import "7 Ә" "$data/timetable-7a-cp1251.csv" --from 2026-09-01
status 0 "the Windows-1251 sample (Russian headers and weekdays) imports"
has "$tmp/out" "Read as Windows-1251" "the conversion is reported"
d timetable show "7 Ә"
same "$tmp/out" "$data/timetable-7a.show.txt" "both samples make the same timetable"
d timetable import "7 Ә" "$data/timetable-7a.xlsx" --from 2026-09-01
status 0 "the XLSX sample (lesson numbers and rooms as numbers, a second sheet) imports"
has "$tmp/out" "Read as XLSX" "the workbook is reported"
d timetable show "7 Ә"
same "$tmp/out" "$data/timetable-7a.show.txt" "the workbook makes the same timetable"

printf 'День;Урок;Предмет;Учитель\nПн;1;Алгебра;aruzhan\nВс;2;Алгебра;aruzhan\nВт;9;Алгебра;aruzhan\nСр;1;Химия;aruzhan\nЧт;1;Алгебра;nobody\nПт;1;Алгебра;pavel\nПн;1;Алгебра;aruzhan\n' \
    >"$tmp/bad.csv"
d timetable import "7 Ә" "$tmp/bad.csv" --from 2026-11-16
status 1 "a timetable with bad lines is refused"
has "$tmp/err" 'line 3: Weekday "Вс"' "a Sunday is named by its line"
has "$tmp/err" 'line 4: Lesson number "9"' "a lesson number past 8 is named"
has "$tmp/err" 'line 5: Unknown subject "Химия"' "an unknown subject is named"
has "$tmp/err" 'line 6: Unknown teacher "nobody"' "an unknown teacher is named"
has "$tmp/err" "line 7: pavel does not teach Алгебра in 7 Ә" "an unassigned teacher is named"
has "$tmp/err" "line 8: Lesson 1 on Monday is on line 2 already" "two lessons at once are named"
d timetable show "7 Ә"
same "$tmp/out" "$data/timetable-7a.show.txt" "after the refused file the timetable is as it was"

printf 'Күн;Сабақ;Пән;Мұғалім\nдүйсенбі;1;алгебра;Аружан Серікқызы\n2;3;Алгебра;aruzhan\n' >"$tmp/new.csv"
d timetable import "7 Ә" "$tmp/new.csv" --from 16.11.2026
status 0 "a new timetable from a date imports (names and numbers for weekdays, full names)"
has "$tmp/out" "2 lessons a week are the timetable of 7 Ә from 2026-11-16" "from that date"
d timetable show "7 Ә" --date 2026-11-13
same "$tmp/out" "$data/timetable-7a.show.txt" "the days before keep the timetable they had"
d timetable show "7 Ә" --date 2026-11-16
has "$tmp/out" "7 Ә: the timetable from 2026-11-16" "the new one holds from its first day"
lacks "$tmp/out" "Русский язык" "with its own lessons only"

d --as aruzhan timetable import "7 Ә" "$data/timetable-7a.csv"
status 3 "a teacher may not import a timetable"
d --as aruzhan timetable show "7 Ә"
status 0 "but reads it"

# Headers as a spreadsheet abbreviates them, the dot kept: "Каб.", "No.".
printf 'День_недели;No.;Предмет;Учитель;Каб.\nПн.;1;Алгебра;aruzhan;312\n' >"$tmp/abbr.csv"
d timetable import "7 Ә" "$tmp/abbr.csv" --from 2026-12-07
status 0 "abbreviated headers name their columns"
d timetable show "7 Ә" --date 2026-12-07
has "$tmp/out" "312" "the room is read from \"Каб.\""
done_testing
