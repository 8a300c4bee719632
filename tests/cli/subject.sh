#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Subjects per grade and class (issue 12, point 1): hours and scheme set for a
# grade or a class over the school's value, and a change that would move
# period marks already given listed and refused without --yes.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
"$DAPTER" --db "$db" class add "5 А" >/dev/null &&
"$DAPTER" --db "$db" class add "9 А" >/dev/null &&
"$DAPTER" --db "$db" class add "9 Б" >/dev/null &&
"$DAPTER" --db "$db" subject add Информатика --hours 2 >/dev/null &&
"$DAPTER" --db "$db" subject add Музыка --hours 2 >/dev/null &&
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv" &&
for c in "5 А" "9 А" "9 Б"; do
	"$DAPTER" --db "$db" roster import "$c" "$tmp/r.csv" >/dev/null || exit 1
done || { echo "Bail out! cannot add the classes"; exit 1; }

# fill CLASS SUBJECT PERIOD DAY ӘЛИЕВ БЕКОВ: a lesson, an СОр of 20 and an СОч
# of 25 on DAY, and each pupil's "ФО,СОр,СОч" marks.
fill() {
	"$DAPTER" --db "$db" lesson add "$1" "$2" "$4" >/dev/null &&
	"$DAPTER" --db "$db" lesson add "$1" "$2" "$4" --kind sor --max 20 >/dev/null &&
	"$DAPTER" --db "$db" lesson add "$1" "$2" "$4" --kind soch --max 25 >/dev/null &&
	"$DAPTER" --db "$db" marks export "$1" "$2" --period "$3" >"$tmp/q.csv" &&
	sed -e "s/^\([0-9]*,Әлиев Нұр\),,,\$/\1,$5/" \
	    -e "s/^\([0-9]*,Беков Ерлан\),,,\$/\1,$6/" "$tmp/q.csv" >"$tmp/f.csv" &&
	"$DAPTER" --db "$db" marks import <"$tmp/f.csv" >/dev/null ||
	    { echo "Bail out! cannot fill $1 $2 $3"; exit 1; }
}

# ---- hours per grade: Информатика is 1 hour in grade 5, 2 in grade 9 ----
d subject set Информатика --grade 5 --hours 1
status 0 "subject set --grade 5 --hours 1"
d subject show Информатика
status 0 "subject show"
has "$tmp/out" "school	2	criteria" "subject show gives the school's values first"
has "$tmp/out" "grade 5 2026-2027	1	-" "and grade 5's hour, its scheme inherited"
d lesson add "5 А" Информатика 2026-11-20 --kind soch --max 20
status 1 "grade 5's one-hour Информатика has no СОч"
has "$tmp/err" "one-hour subject" "saying why"
d lesson add "9 Б" Информатика 2026-11-20 --kind soch --max 20
status 0 "grade 9's two-hour Информатика has its СОч"
d grades "5 А" Информатика --period q2
status 1 "grade 5's Информатика is not assessed by quarters"
has "$tmp/err" "half-years" "it is by half-years"
d grades "5 А" Информатика --period h1
status 0 "grade 5's Информатика has its half-year"
d grades "9 А" Информатика --period q2
status 0 "grade 9's Информатика has its quarter"
d grades "9 А" Информатика --period h1
status 1 "and no half-year"
d audit log --last 5
has "$tmp/out" "subject.rule	Информатика/grade 5 2026-2027	hours inherited, scheme inherited -> hours 1, scheme inherited" \
    "the grade's rule is audited, old -> new"

# ---- pass/fail in one grade only ----
d subject set Музыка --grade 9 --scheme passfail
status 0 "Музыка is pass/fail in grade 9"
fill "9 А" Музыка q2 2026-11-16 8,15,20 2,2,5
fill "5 А" Музыка q2 2026-11-16 8,15,20 2,2,5
d grades "9 А" Музыка --period q2
has "$tmp/out" "Әлиев Нұр	" "grade 9's Музыка is graded"
has "$tmp/out" "pass" "as pass"
has "$tmp/out" "fail" "or fail"
d grades "5 А" Музыка --period q2
has "$tmp/out" "	4" "grade 5's Музыка keeps its marks 2..5"
lacks "$tmp/out" "pass" "and no pass/fail"

# ---- a change that moves marks: listed, refused without --yes ----
fill "9 А" Информатика q1 2026-10-12 8,15,20 2,2,5
fill "9 А" Информатика q2 2026-11-16 10,20,25 2,2,5
d grades "9 А" Информатика --period q2
cp "$tmp/out" "$tmp/before"
d audit log --last 1
cp "$tmp/out" "$tmp/audit-before"
d subject set Информатика --class "9 А" --scheme passfail
status 1 "a change that moves period marks is refused without --yes"
has "$tmp/err" "Add --yes" "saying how to make it"
has "$tmp/out" "9 А	Әлиев Нұр	2026-q1	4	pass" "it lists each moved mark: class, pupil, period, before, after"
has "$tmp/out" "9 А	Беков Ерлан	2026-q2	2	fail" "pupil by pupil"
lacks "$tmp/out" "9 Б" "and no class without marks"
d grades "9 А" Информатика --period q2
same "$tmp/out" "$tmp/before" "the refused change recomputed nothing"
d audit log --last 1
same "$tmp/out" "$tmp/audit-before" "and wrote no audit record"
d subject show Информатика
lacks "$tmp/out" "9 А" "and set no rule"

# Hours that move the marks to half-years list both sides.
d subject set Информатика --class "9 А" --hours 1
status 1 "one hour a week for 9 А is refused without --yes"
has "$tmp/out" "9 А	Әлиев Нұр	2026-q1	4	-" "its quarter marks go"
has "$tmp/out" "9 А	Әлиев Нұр	2026-h1	-	" "and half-year marks come"

# A closed period's marks never move.
"$DAPTER" --db "$db" period close q1 >/dev/null
d subject set Информатика --class "9 А" --scheme passfail --yes
status 1 "a change that moves a closed period's marks is refused, --yes or not"
has "$tmp/err" "closed" "saying the period is closed"
d subject show Информатика
lacks "$tmp/out" "9 А" "and nothing was set"
"$DAPTER" --db "$db" period reopen q1 >/dev/null

d subject set Информатика --class "9 А" --scheme passfail --yes
status 0 "with --yes the change is made"
has "$tmp/out" "9 А	Әлиев Нұр	2026-q2	5	pass" "and the moved marks are listed"
d grades "9 А" Информатика --period q2
has "$tmp/out" "pass" "9 А's Информатика is now pass/fail"
d grades "9 Б" Информатика --period q2
status 0 "9 Б's Информатика"
lacks "$tmp/out" "pass" "is not pass/fail"
d subject show Информатика
has "$tmp/out" "9 А 2026-2027	-	passfail" "subject show lists the class's own scheme"
d audit log --last 1
has "$tmp/out" "subject.rule	Информатика/9 А" "the class's rule is audited"

d subject set Информатика --class "9 А" --scheme inherit --yes
status 0 "inherit drops the class's own scheme"
d subject show Информатика
lacks "$tmp/out" "9 А" "and its rule is gone"
d subject set Информатика --grade 5 --hours 1
status 0 "the same rule again"
d audit log --last 1
lacks "$tmp/out" "grade 5" "changes nothing and is not audited again"

# Marks the new scheme cannot read (ФО 8 where 5 is the most) stop the change.
d subject set Музыка --class "5 А" --scheme classic --yes
status 1 "a scheme the marks given do not fit is refused, --yes or not"
has "$tmp/err" "do not fit the change" "saying the marks do not fit"
d subject show Музыка
lacks "$tmp/out" "5 А" "and nothing was set"

# ---- the school's value: every class without its own inherits it ----
d subject set Музыка --hours 1 --yes
status 0 "subject set without --grade or --class sets the school's value"
d subject list
has "$tmp/out" "Музыка	1	criteria" "subject list shows it"

# ---- wrong calls ----
d subject set Информатика --grade 5 --class "9 А" --hours 1
status 2 "--grade and --class together are a usage error"
d subject set Информатика --grade 5
status 2 "neither --hours nor --scheme is a usage error"
d subject set Информатика --grade 13 --hours 1
status 2 "grade 13 is a usage error"
has "$tmp/err" "1 to 12" "naming the grades"
d subject set Информатика --hours 0
status 2 "0 hours is a usage error"
d subject set Информатика --hours inherit
status 1 "the school's value inherits nothing"
d subject set Информатика --grade 5 --scheme ungraded
status 1 "an unknown scheme is refused"
has "$tmp/err" "criteria, classic or passfail" "naming the schemes"
d subject set Физика --hours 1
status 4 "an unknown subject is not found"
d --as aruzhan subject set Информатика --grade 5 --hours 2
status 3 "a teacher may not change a subject"
d subject show Информатика
has "$tmp/out" "grade 5 2026-2027	1	-" "the refused changes left grade 5 as it was"

# A new school year keeps the grades' hours and schemes.
d year add 2027
status 0 "year add 2027"
d subject show Информатика
has "$tmp/out" "grade 5 2027-2028	1	-" "the new year's grade 5 has Информатика's one hour too"

d audit verify
status 0 "the audit chain holds"
done_testing
