#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administrator's tools: resets, roles, keys, classes over the years,
# pupils moving with their history, substitutes, and the audit filters.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null

d user reset pavel
status 0 "user reset"
pw=$(sed -n 's/^New password for pavel: //p' "$tmp/out")
[ ${#pw} -eq 12 ]; tap_result $? "the new password is shown once, 12 characters"
d audit log --last 1
has "$tmp/out" "user.passwd	pavel" "the reset is audited"
lacks "$tmp/out" "$pw" "the audit log never holds the password"

d user role pavel head
status 0 "user role"
d user list
has "$tmp/out" "pavel	head" "the role changed"
d user role pavel boss
status 2 "an unknown role is a usage error"

ssh-keygen -q -t ed25519 -N '' -C "pavel@lab" -f "$tmp/key" >/dev/null
d user key add pavel "$tmp/key.pub"
status 0 "user key add"
d user key list pavel
fp=$(ssh-keygen -l -f "$tmp/key.pub" | cut -d' ' -f2)
has "$tmp/out" "$fp" "key list shows the fingerprint ssh-keygen shows"
has "$tmp/out" "pavel@lab" "and the comment"
d user key add pavel "$tmp/key.pub"
status 1 "the same key twice is refused"
id=$(cut -f1 "$tmp/out")
d user key remove pavel 1
status 0 "user key remove"
d user key list pavel
[ ! -s "$tmp/out" ]; tap_result $? "the key is gone"

d class rename "7 Ә" "7 Б"
status 0 "class rename"
d class list
has "$tmp/out" "7 Б" "the class has its new name"
d class rename "7 Б" "7 Ә"

d lesson add "7 Ә" Алгебра 2026-09-10
lesson=$(cat "$tmp/out")
d class add "7 А"
d pupil move "Беков Ерлан" --from "7 Ә" --to "7 А" --date 2026-10-01
status 0 "pupil move"
d roster list "7 Ә"
lacks "$tmp/out" "Беков" "the moved pupil leaves the roster"
d roster list "7 А"
has "$tmp/out" "Беков Ерлан" "and joins the new class"
d marks export "7 Ә" Алгебра --period q1
has "$tmp/out" "Беков Ерлан" "the old journal keeps the moved pupil's row"
sed 's/^\([0-9]*,Беков Ерлан\),$/\1,9/' "$tmp/out" >"$tmp/m.csv"
"$DAPTER" --db "$db" marks import <"$tmp/m.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "a mark before the move still lands in the old journal"
d lesson add "7 Ә" Алгебра 2026-10-05
sed -e 's/^ID,Pupil,2026-09-10$/ID,Pupil,2026-09-10,2026-10-05/' \
    -e 's/^\([0-9]*,Беков Ерлан\),9$/\1,9,7/' "$tmp/m.csv" >"$tmp/m2.csv"
"$DAPTER" --db "$db" marks import <"$tmp/m2.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a mark after the move is refused in the old class"
has "$tmp/err" "lesson's day" "saying he was not in the class that day"

d class promote "7 Ә"
status 4 "promotion needs next year"
has "$tmp/err" "dapter year add 2027" "and says how to add it"
d year add 2027
d class promote "7 Ә"
status 0 "class promote"
has "$tmp/out" "is now 8 Ә of 2027-2028" "the class goes up a grade"
sqlite3 "$db" "SELECT count(*) FROM pupil p JOIN class c ON c.id = p.class_id WHERE c.name = '8 Ә'" >"$tmp/n"
printf '1\n' >"$tmp/want"
same "$tmp/n" "$tmp/want" "its current pupil moved up with it"

d substitute pavel "7 Ә" Алгебра --from 2026-11-20 --to 2026-11-27
status 0 "a substitute is named for a week"
d --as pavel lesson add "7 Ә" Алгебра 2026-11-23
status 0 "the substitute writes the journal during the week"
d --as pavel journal list
has "$tmp/out" "7 Ә	Алгебра" "and sees it among his journals"
DAPTER_TODAY=2026-11-30 "$DAPTER" --db "$db" --as pavel lesson add "7 Ә" Алгебра 2026-11-30 \
    >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "after the week he may not"

d session list
status 0 "session list"
d lock break "7 Ә" Алгебра
status 4 "breaking a lock nobody holds says so"

d audit log --about "7 Ә/Алгебра"
has "$tmp/out" "lesson.add" "audit log --about finds a journal's records"
lacks "$tmp/out" "user.add" "and only them"
d audit log --user nobody
[ ! -s "$tmp/out" ]; tap_result $? "audit log --user filters by login"
done_testing
