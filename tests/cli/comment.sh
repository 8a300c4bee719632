#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A comment on a cell (issue 13): `marks export` writes a lesson's comments in a
# column beside its marks, `marks import` reads them back (set, changed,
# cleared, audited old -> new, all or nothing), hostile text is refused by line,
# a closed period keeps them, grade 1 takes comments and no marks, `audit
# verify` replays them, a lesson removed takes its comments along; the
# pupil's extract, the report card and the journal page show them as
# feedback, and the year's archive keeps them.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-20 >/dev/null
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-23 >/dev/null

as_teacher() {
	"$DAPTER" --db "$db" --as aruzhan "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

d marks export "7 Ә" Алгебра --period q2
status 0 "marks export"
lacks "$tmp/out" "comment" "no comment: no comment column"

# The teacher adds a comment column after a lesson's column, as Excel users do.
cat >"$tmp/in.csv" <<'CSV'
Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q2
ID,Pupil,2026-11-20,2026-11-20 comment,2026-11-23
1,Әлиев Нұр,8,"Жақсы жұмыс.
Келесіде мұқият бол.",
2,Беков Ерлан,,Молодец,9
CSV
as_teacher marks import <"$tmp/in.csv"
status 0 "a file with a comment column imports"
has "$tmp/out" "Set 2 marks, cleared 0, added 0 lessons" "the marks land"
has "$tmp/out" "Set 2 comments, cleared 0." "and the comments, counted"

d marks export "7 Ә" Алгебра --period q2
cp "$tmp/in.csv" "$tmp/want"
same "$tmp/out" "$tmp/want" "the export is the file imported: a comment column, a newline kept"

# The same file again changes nothing; an edited one changes one comment, clears another.
as_teacher marks import <"$tmp/want"
status 0 "the export imports as it is"
lacks "$tmp/out" "comments" "nothing to say about unchanged comments"
sed -e 's/Молодец/Молодец без ошибок/' -e 's/^Келесіде мұқият бол\.",$/Келесіде мұқият бол.",7/' \
    "$tmp/want" >"$tmp/edit.csv"
as_teacher marks import --dry-run <"$tmp/edit.csv"
has "$tmp/out" "Would set 1 comments, clear 0." "--dry-run says what the comments would become"
d audit log --last 1
lacks "$tmp/out" "без ошибок" "and changes nothing"
as_teacher marks import <"$tmp/edit.csv"
status 0 "an edited export imports"
has "$tmp/out" "Set 1 comments, cleared 0." "one comment changed"
d audit log --last 6
has "$tmp/out" "comment.set" "a comment's change is audited"
has "$tmp/out" "Молодец -> Молодец без ошибок" "with the old and the new text"
has "$tmp/out" "- -> Жақсы жұмыс. Келесіде мұқият бол." "a new comment from nothing"

printf '%s\n%s\n%s\n' 'Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q2' \
    'ID,Pupil,2026-11-20 comment' '1,Әлиев Нұр,' >"$tmp/clear.csv"
as_teacher marks import <"$tmp/clear.csv"
status 0 "an emptied comment cell imports"
has "$tmp/out" "Set 0 comments, cleared 1." "it clears the comment"
d audit log --last 1
has "$tmp/out" "Жақсы жұмыс. Келесіде мұқият бол. -> -" "the clearing is audited"

# Hostile text: each refused by line and column, translated, nothing changed.
d marks export "7 Ә" Алгебра --period q2
cp "$tmp/out" "$tmp/before"
printf '%s\n%s\n%s\n' 'Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q2' \
    'ID,Pupil,2026-11-20,2026-11-20 comment' '1,Әлиев Нұр,9,ok' >"$tmp/h1.csv"
printf '2,Беков Ерлан,,"\033[2Jстерто"\n' >>"$tmp/h1.csv"
as_teacher marks import <"$tmp/h1.csv"
status 1 "a comment with an escape sequence is refused"
has "$tmp/err" "line 4: Column 4: Comment: The text contains a control character" \
    "the refusal names the line, the column and why"
has "$tmp/err" "Nothing was changed." "and nothing changes"
head -n 3 "$tmp/h1.csv" >"$tmp/h2.csv"
printf '2,Беков Ерлан,,"abc\342\200\256def"\n' >>"$tmp/h2.csv"
as_teacher marks import <"$tmp/h2.csv"
status 1 "a comment with a bidi override (U+202E) is refused"
has "$tmp/err" "changes its direction" "the refusal says why"
printf '2,Беков Ерлан,,"a\000b"\n' >"$tmp/nul"
head -n 3 "$tmp/h1.csv" | cat - "$tmp/nul" >"$tmp/h3.csv"
as_teacher marks import <"$tmp/h3.csv"
status 1 "a file with a NUL byte is refused"
has "$tmp/err" "The file is not text in UTF-8" "as not text"
awk 'BEGIN { s = ""; for (i = 0; i < 501; i++) s = s "ж"; print "2,Беков Ерлан,,\"" s "\"" }' \
    >"$tmp/long"
head -n 3 "$tmp/h1.csv" | cat - "$tmp/long" >"$tmp/h4.csv"
as_teacher marks import <"$tmp/h4.csv"
status 1 "a comment of 501 letters is refused"
has "$tmp/err" "line 4: Column 4: Comment: The text is too long." "as too long"
DAPTER_LANG=ru as_teacher marks import <"$tmp/h1.csv"
has "$tmp/err" "Комментарий" "the refusal is translated (ru)"
DAPTER_LANG=kk as_teacher marks import <"$tmp/h1.csv"
has "$tmp/err" "Түсініктеме" "the refusal is translated (kk)"
d marks export "7 Ә" Алгебра --period q2
same "$tmp/out" "$tmp/before" "no refused file changed a cell"

# The pupil's extract and report card carry the feedback; the journal page
# (which the archive keeps as PDF and CSV) lists the page's comments.
d report pupil "Беков Ерлан" --class "7 Ә"
status 0 "report pupil"
has "$tmp/out" "Feedback" "the extract has a feedback table"
has "$tmp/out" "20.11.2026 Алгебра Молодец без ошибок" "with the date, subject and comment"
d report card "7 Ә" --period q2 --pupil "Беков Ерлан"
has "$tmp/out" "20.11.2026 Алгебра Молодец без ошибок" "the report card of the quarter has it"
d report card "7 Ә" --period q1 --pupil "Беков Ерлан"
lacks "$tmp/out" "Feedback" "a quarter without comments has no feedback table"
d report journal "7 Ә" Алгебра --period q2 --format csv
has "$tmp/out" "20.11.2026,Беков Ерлан,Молодец без ошибок" "the journal page lists its comments"
DAPTER_LANG=kk d report pupil "Беков Ерлан" --class "7 Ә"
has "$tmp/out" "Кері байланыс" "the feedback table in Kazakh"

# Another teacher's journal: no comments from her.
"$DAPTER" --db "$db" --as pavel marks import <"$tmp/edit.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "another teacher may not comment in this journal"

d audit verify
status 0 "audit verify replays the comments"

# A comment changed behind dapter's back is found.
cp "$db" "$tmp/tampered.db"
sqlite3 "$tmp/tampered.db" "UPDATE comment SET text = 'подделка' WHERE pupil_id = 2" 2>/dev/null &&
{
	"$DAPTER" --db "$tmp/tampered.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
	status 1 "a comment edited with sqlite3 fails audit verify"
	has "$tmp/err" "comment" "and verify names it"
}

# A lesson with a comment and no mark asks before it goes, and takes the comment along.
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-24 >/dev/null
printf '%s\n%s\n%s\n' 'Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q2' \
    'ID,Pupil,2026-11-24 comment' '2,Беков Ерлан,Тек пікір' >"$tmp/only.csv"
as_teacher marks import <"$tmp/only.csv"
status 0 "a comment column alone (no marks column) imports"
d lesson remove "7 Ә" Алгебра 2026-11-24
status 1 "a lesson with a comment is not removed without --with-marks"
d lesson remove "7 Ә" Алгебра 2026-11-24 --with-marks
status 0 "with --with-marks it goes"
d audit verify
status 0 "and the audit still holds"

# A closed period keeps its comments.
d period close q2
as_teacher marks import <"$tmp/edit.csv"
status 1 "a closed period refuses comments"
has "$tmp/err" "is closed" "saying the period is closed"
d period reopen q2

# Grade 1 is not marked: comments and attendance are its page.
"$DAPTER" --db "$db" class add "1 А" >/dev/null
"$DAPTER" --db "$db" subject add "Сауат ашу" --hours 2 >/dev/null
"$DAPTER" --db "$db" assign aruzhan "1 А" "Сауат ашу" >/dev/null
printf 'Тегі,Аты\nСәкен,Әли\n' >"$tmp/r1.csv"
"$DAPTER" --db "$db" roster import "1 А" "$tmp/r1.csv" >/dev/null
"$DAPTER" --db "$db" lesson add "1 А" "Сауат ашу" 2026-11-23 >/dev/null
d marks export "1 А" "Сауат ашу" --period q2
id1=$(awk -F, 'NR == 3 { print $1 }' "$tmp/out")
printf '%s\n%s\n%s\n' 'Class,1 А,Subject,Сауат ашу,Subgroup,0,Period,2026-q2' \
    'ID,Pupil,2026-11-23,2026-11-23 comment' "$id1,Сәкен Әли,ж,Әріптерді жақсы таниды" \
    >"$tmp/g1.csv"
as_teacher marks import <"$tmp/g1.csv"
status 0 "grade 1: attendance and a comment import"
d marks export "1 А" "Сауат ашу" --period q2
has "$tmp/out" "$id1,Сәкен Әли,a,Әріптерді жақсы таниды" "grade 1: they read back"
sed 's/,ж,/,7,/' "$tmp/g1.csv" >"$tmp/g1m.csv"
as_teacher marks import <"$tmp/g1m.csv"
status 1 "grade 1: a mark is refused"
has "$tmp/err" "Grade 1 is not marked: record attendance and comments only." "saying what to do"

# The year's archive keeps them: on the journal pages it prints and in its database.
d archive 2026 "$tmp/archive" --force
status 0 "the year is archived"
a="$tmp/archive/dapter-archive-2026"
grep -rl "Молодец без ошибок" "$a/journals" 2>/dev/null | grep -q "\.csv$"
tap_result $? "the archived journal page (CSV) has the comment"
[ "$(sqlite3 "$a/dapter-2026.db" "SELECT count(*) FROM comment" 2>/dev/null)" = 2 ]
tap_result $? "the archived database has the comments"

done_testing
