#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The end of the year: year marks, the year summative work after a «2», exams,
# final marks, and the year closed with its last period (issue 12, points 3-5).
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
"$DAPTER" --db "$db" class add "9 А" >/dev/null &&
"$DAPTER" --db "$db" class add "3 Б" >/dev/null &&
"$DAPTER" --db "$db" assign aruzhan "9 А" Алгебра >/dev/null &&
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\nАхметова,Дана\n' >"$tmp/r.csv" &&
"$DAPTER" --db "$db" roster import "9 А" "$tmp/r.csv" >/dev/null &&
"$DAPTER" --db "$db" roster import "3 Б" "$tmp/r.csv" >/dev/null ||
    { echo "Bail out! cannot add the classes"; exit 1; }

# fill SUBJECT PERIOD MONTH ӘЛИЕВ БЕКОВ АХМЕТОВА: a lesson, an СОр of 20 and an
# СОч of 25 on days 10-12 of MONTH, and each pupil's "ФО,СОр,СОч" marks.
fill() {
	"$DAPTER" --db "$db" lesson add "9 А" "$1" "$3-10" >/dev/null &&
	"$DAPTER" --db "$db" lesson add "9 А" "$1" "$3-11" --kind sor --max 20 >/dev/null &&
	"$DAPTER" --db "$db" lesson add "9 А" "$1" "$3-12" --kind soch --max 25 >/dev/null &&
	"$DAPTER" --db "$db" marks export "9 А" "$1" --period "$2" >"$tmp/q.csv" &&
	sed -e "s/^\([0-9]*,Әлиев Нұр\),,,\$/\1,$4/" \
	    -e "s/^\([0-9]*,Беков Ерлан\),,,\$/\1,$5/" \
	    -e "s/^\([0-9]*,Ахметова Дана\),,,\$/\1,$6/" "$tmp/q.csv" >"$tmp/f.csv" &&
	"$DAPTER" --db "$db" marks import <"$tmp/f.csv" >/dev/null ||
	    { echo "Bail out! cannot fill $1 $2"; exit 1; }
}

# Every quarter, Әлиев earns 2s (ФО 2, 2/20, 5/25: 17.5 %), Беков 4s (ФО 8,
# 15/20, 18/25: 74.75 %), Ахметова 5s (everything full).
fill Алгебра q1 2026-09 2,2,5 8,15,18 10,20,25
fill Алгебра q2 2026-11 2,2,5 8,15,18 10,20,25
fill Алгебра q3 2027-02 2,2,5 8,15,18 10,20,25
fill Алгебра q4 2027-05 2,2,5 8,15,18 10,20,25

d grades "9 А" Алгебра --year
status 0 "grades --year while the year goes on"
has "$tmp/out" "Pupil	1	2	3	4	Year	Year work	Exam	Final" "grades --year: its columns"
has "$tmp/out" "Әлиев Нұр	2	2	2	2				" "no year mark while the year goes on"

export DAPTER_TODAY=2027-06-01
d grades "9 А" Алгебра --year
has "$tmp/out" "Әлиев Нұр	2	2	2	2	2			work due" \
    "a year 2 without its year work: the work is due"
has "$tmp/out" "Беков Ерлан	4	4	4	4	4			4" "year 4, no exam: final 4"
has "$tmp/out" "Ахметова Дана	5	5	5	5	5			5" "year 5, no exam: final 5"

d --as aruzhan exam set "9 А" Алгебра "Әлиев Нұр" 5 --work
status 0 "the teacher records the year work after a 2"
d --as aruzhan exam set "9 А" Алгебра "Беков Ерлан" 26/30
status 0 "the teacher records an exam as points"
d exam set "9 А" Алгебра "Ахметова Дана" 11/30
status 0 "the operator records an exam of 11 of 30"
d grades "9 А" Алгебра --year
has "$tmp/out" "Әлиев Нұр	2	2	2	2	2	5		4" \
    "year 2 and year work 5: final the rounded mean, 3.5 -> 4"
has "$tmp/out" "Беков Ерлан	4	4	4	4	4		26/30 (5)	5" \
    "year 4 and exam 26/30 (a 5): final 4.5 -> 5"
has "$tmp/out" "Ахметова Дана	5	5	5	5	5		11/30 (2)	retake" \
    "an exam of 0-11 of 30 is a 2: a retake, no final mark"
d exam list "9 А" Алгебра
status 0 "exam list"
has "$tmp/out" "Беков Ерлан		26/30 (5)" "exam list shows the points and their mark"

d --as pavel exam set "9 А" Алгебра "Беков Ерлан" 4
status 3 "another teacher may not record an exam"
d exam set "9 А" Алгебра "Беков Ерлан" 31/30
status 1 "points above the maximum are refused"
has "$tmp/err" "31/30" "the refusal names the value"
d exam set "9 А" Алгебра "Беков Ерлан" 6
status 1 "a mark of 6 is refused"
d exam set "9 А" Алгебра "Беков Ерлан" five
status 2 "a value that is no number is a usage error"
"$DAPTER" --db "$db" assign aruzhan "3 Б" Алгебра >/dev/null
d exam set "3 Б" Алгебра "Беков Ерлан" 4
status 1 "no exams in grade 3"
has "$tmp/err" "from grade 5" "the refusal says from which grade"
d audit log
has "$tmp/out" "exam.set" "an exam is audited"
has "$tmp/out" "yearwork.set" "a year work is audited"

# The summary sheet and the pupil's extract carry the year's end too.
d report summary "9 А" --format csv
status 0 "report summary after the year"
has "$tmp/out" ",Yr,Ex,Fin," "the summary has year, work/exam and final columns"
has "$tmp/out" ",Беков Ерлан,4,4,4,4,4,5,5" "the summary: year 4, exam 5, final 5"
has "$tmp/out" ",Әлиев Нұр,2,2,2,2,2,5,4" "the summary: year 2, year work 5, final 4"
has "$tmp/out" ",Ахметова Дана,5,5,5,5,5,2,retake" "the summary: an exam 2 is a retake"
lacks "$tmp/out" "repeats the year?" "one year 2 is no repeat"
# Under each column: Әлиев 2, Беков 4, Ахметова 5: pass rate 2/3, quality 2/3;
# the final: 4, 5 and a retake (not counted): 100 and 100.
has "$tmp/out" ",\"Pass rate, %\",67,67,67,67,67,,100," "the summary's pass rate per column"
has "$tmp/out" ",\"Quality, %\",67,67,67,67,67,,100," "and its quality of knowledge"
has "$tmp/out" "Director: ____" "the summary has its signature lines"
# Two more subjects with a year 2 for Әлиев: three in all.
for subj in Физика Химия; do
	"$DAPTER" --db "$db" subject add $subj >/dev/null &&
	"$DAPTER" --db "$db" assign pavel "9 А" $subj >/dev/null ||
	    { echo "Bail out! cannot add $subj"; exit 1; }
	fill $subj q1 2026-09 2,2,5 8,15,18 2,2,5
done
d report summary "9 А" --format csv
has "$tmp/out" ",Әлиев Нұр,2,2,2,2,2,5,4,2,,,,2,work due,2,,,,2,work due,repeats the year?" \
    "a year 2 in three subjects: repeats the year? (decided by nobody)"
lacks "$tmp/out" "Ахметова Дана,5,5,5,5,5,2,retake,2,,,,2,work due,2,,,,2,work due,repeats" \
    "two year 2s are no repeat"
d report summary "9 А" --lang ru
has "$tmp/out" "оставить на повторный год?" "the note is translated"
d report pupil "Беков Ерлан" --class "9 А" --format csv
has "$tmp/out" ",exam,26/30 (5),,5" "the extract has the exam"
has "$tmp/out" ",final,,,5" "and the final mark"
d report pupil "Әлиев Нұр" --class "9 А" --format csv
has "$tmp/out" ",year work,5,,5" "the extract has the year work"
has "$tmp/out" ",final,,,4" "and its final mark"

# The year closes with its last period: its year and final marks close too.
d period close q4
status 0 "the last quarter is closed"
d exam set "9 А" Алгебра "Ахметова Дана" 20/30
status 1 "a retake after the year is closed is refused"
has "$tmp/err" "year and final marks can no longer change" "the refusal says why"
d exam set "9 А" Алгебра "Әлиев Нұр" - --work
status 1 "clearing a year work after the close is refused"
d grades "9 А" Алгебра --year
has "$tmp/out" "Ахметова Дана	5	5	5	5	5		11/30 (2)	retake" "the closed year is unchanged"
d period reopen q4
d exam set "9 А" Алгебра "Ахметова Дана" 20/30
status 0 "reopened, the retake is recorded"
d grades "9 А" Алгебра --year
has "$tmp/out" "Ахметова Дана	5	5	5	5	5		20/30 (4)	5" "retake 20/30 (4): final 4.5 -> 5"
done_testing
