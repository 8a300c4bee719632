#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Records: the journal page, summary sheet, pupil extract and attendance in
# txt, csv, xlsx and pdf, on the demo school.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }

# fits FILE DESCRIPTION: no line wider than 80 columns (characters, not bytes).
fits() {
	w=$(LC_ALL=C.UTF-8 wc -L <"$1")
	if [ "$w" -le 80 ]; then
		tap_result 0 "$2"
	else
		tap_result 1 "$2"
		echo "#   the widest line takes $w columns:"
		LC_ALL=C.UTF-8 awk 'length($0) > 80' "$1" | head -n 3 | sed 's/^/#   | /'
	fi
}

d report journal "7 Ә" Алгебра --period q1
status 0 "report journal as text"
cp "$tmp/out" "$tmp/journal.txt"
fits "$tmp/journal.txt" "the journal page fits 80 columns"
has "$tmp/journal.txt" "Әбілқасымова Аружан Ерланқызы" "it names the pupils in Kazakh letters"
has "$tmp/journal.txt" "Қысқаша көбейту формулалары" "it lists the lesson topics"
has "$tmp/journal.txt" "21.09" "a lesson date heads its column"
has "$tmp/journal.txt" "SA-S/20" "a summative work shows its maximum"

# A long topic and a homework of several lines wrap inside their columns.
t="Қазақстанның тарихы мен мәдениеті"
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-20 --topic "$t $t $t $t $t" \
    --homework "$(printf 'бірінші жол\nекінші жол, өте ұзақ үй тапсырмасы %.0s' 1 2 3)" \
    >/dev/null 2>&1
d report journal "7 Ә" Алгебра --period q2
status 0 "report journal with a long topic"
fits "$tmp/out" "a long topic wraps within 80 columns"
has "$tmp/out" "Қазақстанның тарихы мен" "the long topic is there"
has "$tmp/out" "бірінші жол екінші жол" "a homework's lines are folded into its cell"

d report summary "7 Ә"
status 0 "report summary as text"
fits "$tmp/out" "the summary sheet fits 80 columns"
has "$tmp/out" "Қазақ әдебиеті" "the summary has every subject of the class"
has "$tmp/out" "Ізбасарова Томирис" "and every pupil"

d report pupil "Ахметов Нұрсұлтан" --class "7 Ә"
status 0 "report pupil as text"
fits "$tmp/out" "the pupil's extract fits 80 columns"
has "$tmp/out" "SA-S 18/20, SA-S -/15, SA-T 25/25" "the extract lists the summative points"
has "$tmp/out" "96.43" "and the period percent"
d report pupil "Жоқ Адам" --class "7 Ә"
status 4 "an unknown pupil is not found"

d report attendance "8 Б" --period q1
status 0 "report attendance as text"
fits "$tmp/out" "the attendance sheet fits 80 columns"
has "$tmp/out" "Total" "attendance has totals"

# The year's absences per pupil are the "a" cells of the class's journal pages.
for page in "Алгебра|q1" "Алгебра|q2" "Информатика|h1" "Русский язык|q1" "Русский язык|q2"; do
	"$DAPTER" --db "$db" marks export "8 Б" "${page%|*}" --period "${page#*|}" | tail -n +3
done | awk -F, '{ for (i = 3; i <= NF; i++) if ($i ~ /^a( |$)/) n[$2]++ }
    END { for (k in n) print k "\t" n[k] }' | sort >"$tmp/want"
d report attendance "8 Б" --format csv
grep -E '^[0-9]+,' "$tmp/out" | awk -F, '$(NF-3) != "" { print $2 "\t" $(NF-3) }' |
    sort >"$tmp/got"
same "$tmp/got" "$tmp/want" "attendance totals count the journals' absences"

d report attendance "8 Б" --lang ru
has "$tmp/out" "н п б о" "--lang ru heads attendance with н п б о"
d report summary "7 Ә" --lang kk --format csv
status 0 "--lang kk with csv"
[ "$(head -c 3 "$tmp/out")" = "$(printf '\357\273\277')" ]
tap_result $? "a Kazakh CSV report starts with a BOM for Excel"
grep -qE '^1;' "$tmp/out"; tap_result $? "and separates by ';'"

# The CSV's period results are `dapter grades`, to the digit.
for j in "7 Ә|Алгебра|q1" "7 Ә|Қазақ әдебиеті|q2" "8 Б|Информатика|h1"; do
	class=${j%%|*}; rest=${j#*|}; subj=${rest%%|*}; per=${rest#*|}
	d grades "$class" "$subj" --period "$per"
	tail -n +2 "$tmp/out" | cut -f5,6 >"$tmp/want"
	d report journal "$class" "$subj" --period "$per" --format csv
	grep -E '^[0-9]+,' "$tmp/out" | awk -F, '{ print $(NF-1) "\t" $NF }' >"$tmp/got"
	if [ -s "$tmp/want" ]; then
		same "$tmp/got" "$tmp/want" "csv percent and mark equal grades: $class $subj $per"
	else
		tap_result 1 "grades printed nothing for $class $subj $per"
	fi
done

# The summary's period marks are `dapter grades`' marks (Алгебра: columns 3-6).
for q in 1 2; do
	d grades "7 Ә" Алгебра --period q$q
	tail -n +2 "$tmp/out" | cut -f6 >"$tmp/want"
	d report summary "7 Ә" --format csv
	grep -E '^[0-9]+,' "$tmp/out" | cut -d, -f$((q + 2)) >"$tmp/got"
	same "$tmp/got" "$tmp/want" "the summary's Алгебра q$q marks equal grades"
done

d report journal "7 Ә" Алгебра --period q1 --format pdf
status 0 "report journal as pdf"
cp "$tmp/out" "$tmp/j.pdf"
head -c 5 "$tmp/j.pdf" >"$tmp/magic"
printf '%%PDF-' >"$tmp/want"
same "$tmp/magic" "$tmp/want" "the output is a PDF"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$tmp/j.pdf" "$tmp/j.txt" 2>/dev/null
	has "$tmp/j.txt" "Ә" "the PDF's text holds Ә"
	has "$tmp/j.txt" "Қ" "the PDF's text holds Қ"
	has "$tmp/j.txt" "Әбілқасымова Аружан" "the PDF names a pupil"
	pdftoppm -png -r 50 -f 1 -l 1 "$tmp/j.pdf" "$tmp/page" 2>/dev/null
	ls "$tmp"/page*.png >/dev/null 2>&1
	tap_result $? "pdftoppm renders the first page"
	pdfinfo "$tmp/j.pdf" >"$tmp/info" 2>/dev/null
	has "$tmp/info" "841.89 x 595.28" "the page is A4 landscape"
	pdftotext -f 2 -l 2 "$tmp/j.pdf" "$tmp/p2.txt" 2>/dev/null
	has "$tmp/p2.txt" "Pupil" "the heads are repeated on the next page"
	has "$tmp/p2.txt" "Ізбасарова" "and so are the names"
else
	echo "# pdftotext missing (apt-get install poppler-utils): PDF content not checked"
fi
d report summary "8 Б" --format pdf --lang ru
status 0 "the summary sheet as pdf"

# The summary sheet is signed in every format.
for f in txt csv; do
	d report summary "7 Ә" --format $f
	has "$tmp/out" "Director: ____" "the $f summary has the director's signature line"
	has "$tmp/out" "Class teacher: ____" "and the class teacher's"
done
if command -v pdftotext >/dev/null 2>&1; then
	d report summary "7 Ә" --format pdf --lang ru
	cp "$tmp/out" "$tmp/s.pdf"
	pdftotext "$tmp/s.pdf" "$tmp/s.txt" 2>/dev/null
	has "$tmp/s.txt" "Директор: ____" "the pdf summary has the director's signature line"
	has "$tmp/s.txt" "Классный руководитель: ____" "and the class teacher's"
fi
if command -v unzip >/dev/null 2>&1; then
	d report summary "7 Ә" --format xlsx
	cp "$tmp/out" "$tmp/s.xlsx"
	unzip -p "$tmp/s.xlsx" xl/sharedStrings.xml >"$tmp/strings" 2>/dev/null
	has "$tmp/strings" "Director: ____" "the xlsx summary has the signature lines"
fi

d report journal "7 Ә" Алгебра --period q1 --format xlsx
status 0 "report journal as xlsx"
cp "$tmp/out" "$tmp/j.xlsx"
if command -v unzip >/dev/null 2>&1; then
	unzip -tq "$tmp/j.xlsx" >/dev/null 2>&1
	tap_result $? "the xlsx is a valid zip"
	unzip -p "$tmp/j.xlsx" xl/sharedStrings.xml >"$tmp/strings" 2>/dev/null
	has "$tmp/strings" "Әбілқасымова Аружан Ерланқызы" "its shared strings hold Kazakh names intact"
	unzip -p "$tmp/j.xlsx" xl/worksheets/sheet1.xml >"$tmp/sheet" 2>/dev/null
	has "$tmp/sheet" 'state="frozen"' "the heads and names are frozen"
	unzip -p "$tmp/j.xlsx" xl/styles.xml >"$tmp/styles" 2>/dev/null
	has "$tmp/styles" "<b/>" "the heads are bold"
	has "$tmp/sheet" '<pageSetup paperSize="9"' "the sheet prints on A4"
	has "$tmp/sheet" 'orientation="landscape"' "in landscape"
	has "$tmp/sheet" '<pageSetUpPr fitToPage="1"/>' "fitted to the page"
	has "$tmp/sheet" 'fitToHeight="0"' "one page wide, as many pages long as it takes"
	unzip -p "$tmp/j.xlsx" xl/workbook.xml >"$tmp/book" 2>/dev/null
	has "$tmp/book" '_xlnm.Print_Titles' "the heads are repeated on every printed page"
else
	echo "# unzip missing: xlsx content not checked"
fi

# Subgroups: each pupil's extract reads the journal of her own subgroup.
"$DAPTER" --db "$db" subject add Ағылшын --hours 2 >/dev/null 2>&1 &&
"$DAPTER" --db "$db" assign olga "7 Ә" Ағылшын --subgroup 1 >/dev/null 2>&1 &&
"$DAPTER" --db "$db" assign marat "7 Ә" Ағылшын --subgroup 2 >/dev/null 2>&1 &&
"$DAPTER" --db "$db" subgroup set "7 Ә" Ағылшын 1 "Ахметов Нұрсұлтан" >/dev/null 2>&1 &&
"$DAPTER" --db "$db" subgroup set "7 Ә" Ағылшын 2 "Әбілқасымова Аружан" >/dev/null 2>&1 &&
"$DAPTER" --db "$db" lesson add "7 Ә" Ағылшын 2026-11-16 --subgroup 1 --kind sor --max 10 \
    >/dev/null 2>&1
tap_result $? "a subject taught in two subgroups"
d report journal "7 Ә" Ағылшын --subgroup 1
has "$tmp/out" "Journal: Ағылшын, subgroup 1" "the page names its subgroup"
lacks "$tmp/out" "Әбілқасымова" "and lists only its pupils"
d report pupil "Ахметов Нұрсұлтан" --class "7 Ә"
has "$tmp/out" "SA-S -/10" "a pupil's extract has her subgroup's summative work"
d report pupil "Әбілқасымова Аружан" --class "7 Ә"
lacks "$tmp/out" "SA-S -/10" "but not the other subgroup's"

d report journal "7 Ә" Алгебра --year 2026 --period q1 --format csv
grep -E '^[0-9]+,' "$tmp/out" | awk -F, '{ print $(NF-1) "\t" $NF }' >"$tmp/got"
d grades "7 Ә" Алгебра --period q1
tail -n +2 "$tmp/out" | cut -f5,6 >"$tmp/want"
same "$tmp/got" "$tmp/want" "--year 2026 --period q1 is the same page"
d report journal "7 Ә" Алгебра --year 2025 --period q1
status 4 "a class in a year without it is not found"

d report journal "7 Ә" Алгебра --format odt
status 2 "an unknown format is a usage error"
"$DAPTER" --db "$db" --as olga report journal "7 Ә" Алгебра --period q1 >"$tmp/out" 2>"$tmp/err"
st=$?
status 3 "a teacher may not print another teacher's journal"
"$DAPTER" --db "$db" --as olga report summary "7 Ә" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "a teacher prints the summary of her own journals"
lacks "$tmp/out" "Алгебра" "without the journals she may not read"
"$DAPTER" --db "$db" --as zaure report summary "8 Б" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "the head of studies prints any class's summary"
has "$tmp/out" "Русский язык" "with every subject"
done_testing
