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
# XLSX workbooks (issue 13): the 7A pupils with ИИН, as Excel saves them
# (shared strings, dates, ИИН as numbers, an empty column, a second sheet)
# and as other programs do (inline strings, a dd.mm.yyyy date style),
# import exactly as the CSV they were made from (tests/data/mkxlsx.c).
data="${top_srcdir:-.}/tests/data"
# The birth dates and genders that roster list does not show.
pupils() {
	sqlite3 "$db" "SELECT p.surname, p.birth, p.gender FROM pupil p JOIN class c
	    ON c.id = p.class_id WHERE c.name = '$1' ORDER BY p.sort_key" >"$tmp/pupils"
}
d class add "7 Б"
d roster import "7 Б" "$data/roster-7a.csv"
status 0 "the 7A roster with ИИН imports from CSV"
d roster list "7 Б"
cp "$tmp/out" "$tmp/from-csv"
pupils "7 Б"
cp "$tmp/pupils" "$tmp/pupils-csv"
has "$tmp/pupils-csv" "Үмбетов|2012-03-14|M" "the CSV's birth dates are stored"
for f in roster-7a.xlsx:В roster-7a-inline.xlsx:Г; do
	class="7 ${f#*:}" f=${f%:*}
	d class add "$class"
	d roster import "$class" "$data/$f"
	status 0 "$f imports"
	has "$tmp/out" "Read as XLSX." "$f: the import says it read a workbook"
	has "$tmp/out" "27 pupils added" "$f: all 27 pupils are added"
	d roster list "$class"
	same "$tmp/out" "$tmp/from-csv" "$f: the roster is the CSV's, 12-digit ИИН included"
	pupils "$class"
	same "$tmp/pupils" "$tmp/pupils-csv" "$f: the same birth dates and genders"
done

# A problem in a workbook is named by the row Excel shows; an empty row counts.
d roster import "9 А" "$data/roster-bad.xlsx"
status 1 "a workbook with bad rows is refused"
has "$tmp/err" "line 4: Given name" "the empty given name is named by its row, after an empty row"
has "$tmp/err" 'line 5: Birth date "31.02.2012"' "the impossible date by its row"
has "$tmp/err" "Nothing was imported" "and nothing is written"
d roster import "9 А" "$data/roster-bad.csv"
cp "$tmp/err" "$tmp/err-csv"
d roster import "9 А" "$data/roster-bad.xlsx"
same "$tmp/err" "$tmp/err-csv" "the workbook's problems are the CSV's, line for line"

printf 'PK\003\004 cut short' >"$tmp/cut.xlsx"
d roster import "9 А" "$tmp/cut.xlsx"
status 1 "a workbook cut short is refused"
has "$tmp/err" "damaged or cut short" "saying it is damaged"
printf '\320\317\021\340\241\261\032\341old' >"$tmp/old.xls"
d roster import "9 А" "$tmp/old.xls"
status 1 "an Excel 97 workbook (.xls) is refused"
has "$tmp/err" "old Excel workbook (.xls)" "with what to save it as"
done_testing
