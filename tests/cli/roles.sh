#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command as the acting user obeys roles: each refusal is checked.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
echo "head-pass-1" | "$DAPTER" --db "$db" user add zaure --name "Зәуре" --role head \
    --password-stdin >/dev/null
"$DAPTER" --db "$db" subject add Физика >/dev/null
"$DAPTER" --db "$db" assign pavel "7 Ә" Физика >/dev/null
printf 'Тегі,Аты\nӘлиев,Нұр\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null

d --as aruzhan user add x --name X --role teacher
status 3 "a teacher may not add users"
d --as aruzhan user list
status 3 "a teacher may not list users"
d --as aruzhan class add "5 А"
status 3 "a teacher may not add classes"
d --as aruzhan roster import "7 Ә" "$tmp/r.csv"
status 3 "a teacher may not import rosters"
d --as aruzhan period close q2
status 3 "a teacher may not close periods"
d --as aruzhan audit log
status 3 "a teacher may not read the audit log"
d --as aruzhan backup "$tmp"
status 3 "backups are the operator's"
d --as aruzhan lesson add "7 Ә" Физика 2026-11-23
status 3 "a teacher may not add lessons to another teacher's journal"
d --as aruzhan marks export "7 Ә" Физика
status 3 "a teacher may not read another teacher's journal"
d --as aruzhan lesson add "7 Ә" Алгебра 2026-11-23
status 0 "a teacher adds a lesson to her own journal"
d --as aruzhan user passwd pavel --password-stdin
status 3 "a teacher may not set another user's password"
printf 'teacher-pass-1\nnew-password-1\n' | "$DAPTER" --db "$db" --as aruzhan user passwd \
    aruzhan --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "a teacher sets her own password, giving the current one"

d --as zaure marks export "7 Ә" Физика
status 0 "the head reads every journal"
d --as zaure lesson add "7 Ә" Физика 2026-11-23
status 3 "the head may not write a journal she is not assigned to"
d --as zaure period close q2
status 0 "the head closes a period"
d --as zaure user add x --name X --role teacher
status 3 "the head may not add users"

d --as boss marks export "7 Ә" Физика
status 0 "an admin reads every journal"
d --as boss lesson add "7 Ә" Физика 2026-11-20
status 3 "an admin may not write a teacher's journal (read-only unless assigned)"
d --as boss user disable boss
status 1 "an admin may not disable herself"
d --as nobody journal list
status 3 "an unknown --as user is refused"
d --as boss init --school X
status 3 "init is not for --as"
done_testing
