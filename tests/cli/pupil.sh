#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A pupil renamed and a pupil who left the school (history kept), and an
# assignment ended: the commands, their refusals, roles and audit.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты,Әкесінің аты\nӘлиев,Нұр,Асқарұлы\nБеков,Ерлан,\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null &&
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-16 >/dev/null &&
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-20 >/dev/null ||
    { echo "Bail out! cannot set up the pupils"; exit 1; }
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 |
    sed -e 's/^\([0-9]*,Беков Ерлан\),,$/\1,8,9/' >"$tmp/m.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/m.csv" >/dev/null ||
    { echo "Bail out! cannot set the marks"; exit 1; }

# ---- rename ----
d pupil rename "Әлиев Нұр" --class "7 Ә" --surname Әлиұлы
status 0 "pupil rename"
d roster list "7 Ә"
has "$tmp/out" "Әлиұлы Нұр Асқарұлы" "the new surname, the rest kept"
lacks "$tmp/out" "Әлиев" "the old surname is gone from the roster"
d pupil rename "Әлиұлы Нұр" --class "7 Ә" --patronymic ""
status 0 "an empty --patronymic takes it away"
d roster list "7 Ә"
has "$tmp/out" "Әлиұлы Нұр" "the patronymic is gone"
d pupil rename "Әлиұлы Нұр" --class "7 Ә" --surname ""
status 1 "an empty surname is refused"
d pupil rename "Әлиұлы Нұр" --class "7 Ә"
status 2 "a rename with no new name is a usage error"
d pupil rename "Әлиұлы Нұр" --surname X
status 2 "a rename without --class is a usage error"
d --as aruzhan pupil rename "Әлиұлы Нұр" --class "7 Ә" --surname X
status 3 "a teacher may not rename a pupil"
d audit log --last 5
has "$tmp/out" "pupil.rename	pupil:1	Әлиев Нұр Асқарұлы -> Әлиұлы Нұр Асқарұлы" \
    "the audit keeps the old name"

# ---- left the school ----
d pupil leave "Беков Ерлан" --class "7 Ә" --date 2026-11-18
status 1 "leaving before a day with marks is refused"
has "$tmp/err" "The pupil has marks from 2026-11-18 on (1)" "the refusal counts the marks"
d pupil leave "Беков Ерлан" --class "7 Ә" --date 2026-11-21
status 0 "pupil leave"
d roster list "7 Ә"
lacks "$tmp/out" "Беков Ерлан" "the roster of today no longer lists him"
d marks export "7 Ә" Алгебра --period q2
has "$tmp/out" ",Беков Ерлан,8,9" "his marks before that day stay"
d lesson add "7 Ә" Алгебра 2026-11-23
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 |
    sed -e 's/^\([0-9]*,Беков Ерлан,8,9\),$/\1,7/' >"$tmp/m2.csv"
d marks import <"$tmp/m2.csv"
status 1 "a mark after the day he left is refused"
d pupil leave "Беков Ерлан" --class "7 Ә" --date 2026-11-25
status 4 "a pupil who left cannot leave again"
d audit log --last 3
has "$tmp/out" "pupil.leave	pupil:2	- -> left 2026-11-21" "the leaving is audited"

# ---- unassign ----
d unassign pavel "7 Ә" Алгебра
status 4 "ending an assignment nobody has"
has "$tmp/err" "pavel does not teach Алгебра in 7 Ә." "says who does not teach what"
d --as aruzhan unassign aruzhan "7 Ә" Алгебра
status 3 "a teacher may not end assignments"
d unassign aruzhan "7 Ә" Алгебра
status 0 "unassign"
d journal list
lacks "$tmp/out" "aruzhan" "the journal has no teacher now"
d lesson list "7 Ә" Алгебра
has "$tmp/out" "2026-11-20" "the journal keeps its lessons"
d audit log --last 1
has "$tmp/out" "unassign	7 Ә/Алгебра/0	aruzhan aruzhan class:" "the audit names who no longer teaches, and the row"
d audit verify
status 0 "the audit chain holds"
done_testing
