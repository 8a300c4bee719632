#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A school from nothing with the commands alone, and the refusals on the way.
. "${top_srcdir:-.}/tests/cli/lib.sh"

d class list
status 1 "a missing database is an error, not a new file"
has "$tmp/err" "dapter init --school" "the error says how to create one"
[ ! -e "$db" ]; tap_result $? "no database file appears by accident"

d init --school "Мектеп № 1"
status 0 "init creates the database"
d init --school "Other"
status 1 "init refuses to overwrite a journal"
has "$tmp/err" "will not overwrite" "and says so"

d year current
status 0 "init made the current school year"
has "$tmp/out" "2026-2027" "the year of 2026-11-23 is 2026-2027"
d period list
has "$tmp/out" "2026-q1	2026-09-01" "the first quarter starts on 1 September"
has "$tmp/out" "2026-h2" "half-years exist for one-hour subjects"

d class add "7ә"
status 0 "class add works right after init"
d class add "7 Ә"
status 1 "the same class twice is refused (7ә and 7 Ә are one class)"
d class add "10 а"
d class add "Seven"
status 1 "a class name without a grade is refused"
d class list
printf '7 Ә\n10 А\n' >"$tmp/want"
same "$tmp/out" "$tmp/want" "class list: one a line, canonical names, by grade"

echo "short" | "$DAPTER" --db "$db" user add anna --name "Анна" --role teacher \
    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 1 "a password under 8 characters is refused"
d user add "Bad Login" --name X --role teacher
status 1 "a login with capitals and spaces is refused"
d user add eve --name "$(printf 'Eve\033[2J')" --role teacher
status 1 "a name with an escape sequence is refused"
has "$tmp/err" "control character" "the refusal names the problem"
d user add eve --name "$(printf 'Eve \342\200\256evil')" --role teacher
status 1 "a name with a bidi override is refused"
echo "teacher-pass" | "$DAPTER" --db "$db" user add anna --name "Анна Ли" --role teacher \
    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "user add with a password from stdin"
d user list
has "$tmp/out" "anna	teacher	Анна Ли" "user list shows login, role and name"
d subject add "Алгебра" --hours 3
status 0 "subject add"
d subject add "алгебра"
status 1 "subject names are unique"
d assign anna "7 Ә" алгебра
status 0 "assign finds the subject case-insensitively"
d --as anna journal list
has "$tmp/out" "7 Ә	Алгебра	0	anna" "the teacher sees the journal she teaches"
d user disable anna
d --as anna journal list
status 3 "a disabled user can act no more"

d help "roster import"
status 0 "help COMMAND"
has "$tmp/out" "Usage: dapter roster import CLASS FILE" "help shows the usage line"
d roster
status 2 "an incomplete command is a usage error"
d class add
status 2 "a missing argument is a usage error"
has "$tmp/err" "Usage: dapter class add" "and shows the usage"
done_testing
