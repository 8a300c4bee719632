#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Roster import as schools send the files: Kazakh order, encodings, all or nothing.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }

d roster import "7 Ә" "$shared/roster-7a.csv"
status 0 "the shared 7A roster imports"
has "$tmp/out" "27 pupils added" "all 27 pupils are added"
d roster list "7 Ә"
status 0 "roster list"
cut -d' ' -f1,2 "$tmp/out" >"$tmp/got"
same "$tmp/got" "$shared/roster-7a.sorted.txt" "roster list is in Kazakh alphabetical order"
has "$tmp/out" "Үмбетов Нұрлан Асқарұлы" "roster list shows the patronymic"
d roster import "7 Ә" "$shared/roster-7a.csv"
has "$tmp/out" "0 pupils added to 7 Ә (27 already there)" "a re-import adds nobody twice"

d class add "8 Б"
d roster import "8 Б" "$shared/roster-8b-cp1251.csv"
status 0 "a Windows-1251 roster from a Russian Excel imports"
has "$tmp/out" "Read as Windows-1251" "the conversion is reported"
d roster list "8 Б"
has "$tmp/out" "Ёжиков Пётр Алексеевич" "Cyrillic comes through intact"
has "$tmp/out" "Смирнова Анна Игоревна" "DD.MM.YYYY rows import"

d class add "9 А"
printf 'Тегі;Аты\n?мбетов;Н?рлан\n' >"$tmp/lost.csv"
d roster import "9 А" "$tmp/lost.csv"
status 1 "a file whose Kazakh letters became ? is refused"
has "$tmp/err" "CSV UTF-8" "with the hint to save as CSV UTF-8"
has "$tmp/err" "line 2" "naming the line"

printf 'surname,given_name,birth_date\nАлиев,Нұр,2012-01-01\nБеков,,2012-02-02\nСаин,Ерік,31.02.2012\nТоқтар,Ұлан,2012-03-03\n' >"$tmp/bad.csv"
d roster import "9 А" "$tmp/bad.csv"
status 1 "a roster with bad lines is refused"
has "$tmp/err" "line 3" "the empty given name is named by its line"
has "$tmp/err" "line 4" "the impossible date is named by its line"
has "$tmp/err" "Nothing was imported" "and nothing is written"
d roster list "9 А"
[ ! -s "$tmp/out" ]; tap_result $? "the class is still empty after the failed import"

printf '\357\273\277ФИО;Дата рождения\n"Ким Виктория";23.03.2011\n"Ли Ан Сергеевна";01.01.2011\n' >"$tmp/bom.csv"
d roster import "9 А" "$tmp/bom.csv" --dry-run
has "$tmp/out" "2 pupils would be added" "--dry-run says what would happen"
d roster list "9 А"
[ ! -s "$tmp/out" ]; tap_result $? "--dry-run writes nothing"
d roster import "9 А" "$tmp/bom.csv"
status 0 "a UTF-8 file with BOM and a full-name column imports"
d roster list "9 А"
has "$tmp/out" "Ли Ан Сергеевна" "the full name splits into surname, name, patronymic"

printf 'Тегі,Аты\nЖақсы,Ерлан\n' | iconv -f utf-8 -t utf-16 >"$tmp/u16.csv"
d roster import "9 А" "$tmp/u16.csv"
status 0 "a UTF-16 file (Excel's Unicode text) imports"
has "$tmp/out" "Read as UTF-16" "the conversion is reported"

head -c 3000 /dev/urandom >"$tmp/binary.csv"
printf '\000' >>"$tmp/binary.csv"
d roster import "9 А" "$tmp/binary.csv"
status 1 "a binary file is refused"
has "$tmp/err" "not text" "as not text"

printf 'Тегі,Аты\n"Жа\033[31mқсы",Ерлан\n' >"$tmp/esc.csv"
d roster import "9 А" "$tmp/esc.csv"
status 1 "an escape sequence inside a name is refused"
if grep -q "$(printf '\033')" "$tmp/err"; then tap_result 1 "the error never echoes the raw escape"; else tap_result 0 "the error never echoes the raw escape"; fi

printf 'Тегі,Аты\n"Жақсы,Ерлан\n' >"$tmp/quote.csv"
d roster import "9 А" "$tmp/quote.csv"
status 1 "an unterminated quote is refused"
has "$tmp/err" "line 2" "at the line where the field starts"
done_testing
