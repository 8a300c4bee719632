#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The school's calendar and its substitutes: holidays added and removed,
# periods moved, substitutions listed and ended; each refusal, roles, audit.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
echo "head-pass-1" | "$DAPTER" --db "$db" user add zaure --name "Зәуре" --role head \
    --password-stdin >/dev/null &&
"$DAPTER" --db "$db" subject add Физика >/dev/null &&
"$DAPTER" --db "$db" assign pavel "7 Ә" Физика >/dev/null &&
"$DAPTER" --db "$db" subject add Музыка --hours 1 >/dev/null &&
"$DAPTER" --db "$db" assign aruzhan "7 Ә" Музыка >/dev/null ||
    { echo "Bail out! cannot set up the head and the subjects"; exit 1; }
t=$(printf '\t')

# audit_count: how many audit records there are, to see a refusal write none.
audit_count() { "$DAPTER" --db "$db" audit log | wc -l; }

# ---- holidays ----

d holiday list
status 0 "holiday list shows the current year"
has "$tmp/out" "2026-10-27${t}2026-11-02${t}Autumn holidays" \
    "the year comes with its standard holidays, named in the user's language"
d holiday list 2027
status 4 "holiday list of a year never added"
has "$tmp/err" "dapter year add 2027" "says how to add the year"
d holiday list 1999
status 2 "holiday list of a year no school has is a usage error"

d --as boss holiday add 2026-12-07 2026-12-08 Тәуелсіздік күні
status 0 "holiday add"
hid=$(cat "$tmp/out")
case $hid in '' | *[!0-9]*) r=1 ;; *) r=0 ;; esac
tap_result $r "holiday add prints the new holiday's number"
d holiday list
has "$tmp/out" "$hid${t}2026-12-07${t}2026-12-08${t}Тәуелсіздік күні" \
    "the holiday is listed, its name's words joined without quotes"
d audit log --last 1
has "$tmp/out" "boss${t}" "holiday add is audited as the acting admin"
has "$tmp/out" "holiday.add${t}holiday:$hid${t}- -> 2026-12-07..2026-12-08 Тәуелсіздік күні" \
    "holiday add is audited with its days and name"
d holiday add 08.03.2027 08.03.2027 Әйелдер күні
status 0 "holiday add takes DD.MM.YYYY"
d holiday list
has "$tmp/out" "2027-03-08${t}2027-03-08${t}Әйелдер күні" "and stores the day as YYYY-MM-DD"

n0=$(audit_count)
d holiday add 2026-13-01 2026-12-02 Жоқ
status 1 "holiday add refuses a first day that is no date"
has "$tmp/err" "YYYY-MM-DD or DD.MM.YYYY" "saying how dates are written"
d holiday add 2026-12-01 2026-12-32 Жоқ
status 1 "holiday add refuses a last day that is no date"
d holiday add 2026-12-05 2026-12-02 Жоқ
status 1 "holiday add refuses reversed days"
has "$tmp/err" "The first day (2026-12-05) is after the last (2026-12-02)" \
    "naming both days"
d holiday add 2027-05-30 2027-06-02 Жоқ
status 1 "holiday add refuses days past the end of the school year"
has "$tmp/err" "not inside the school year 2026-2027, which runs from 2026-09-01 to 2027-05-31" \
    "saying when the year runs"
d holiday add 2026-12-08 2026-12-09 Жоқ
status 1 "holiday add refuses an overlap with another holiday"
has "$tmp/err" "overlaps the holiday \"Тәуелсіздік күні\" (2026-12-07 to 2026-12-08)" \
    "naming the holiday it overlaps"
d holiday add 2026-12-28 2026-12-29 Жоқ
status 1 "holiday add refuses an overlap with a standard holiday"
has "$tmp/err" "\"Winter holidays\"" "naming the standard holiday in the user's language"
DAPTER_LANG=ru "$DAPTER" --db "$db" holiday add 2026-12-28 2026-12-29 Жоқ \
    >"$tmp/out" 2>"$tmp/err"
has "$tmp/err" "пересекаются с каникулами «Зимние каникулы»" \
    "the refusal and the standard holiday's name are translated (ru)"
DAPTER_LANG=kk "$DAPTER" --db "$db" holiday list >"$tmp/out" 2>"$tmp/err"
has "$tmp/out" "2026-10-27${t}2026-11-02${t}Күзгі каникул" \
    "holiday list names the standard holidays in Kazakh"
d holiday add 2027-10-05 2027-10-06 Жоқ
status 4 "holiday add in a school year never added"
d holiday add 2026-12-15 2026-12-16
status 2 "holiday add without a name is a usage error"
d --as aruzhan holiday add 2026-12-15 2026-12-16 Жоқ
status 3 "a teacher may not add holidays"
d --as zaure holiday add 2026-12-15 2026-12-16 Жоқ
status 3 "the head may not add holidays"
d holiday list
lacks "$tmp/out" "Жоқ" "no refused holiday was added"
[ "$(audit_count)" -eq "$n0" ]; tap_result $? "refused holiday adds write no audit record"

d --as zaure holiday remove "$hid"
status 3 "the head may not remove holidays"
d holiday remove abc
status 2 "holiday remove of something not a number is a usage error"
d holiday remove 0
status 2 "holiday remove 0 is a usage error"
d holiday remove
status 2 "holiday remove without a number is a usage error"
d holiday remove 999
status 4 "holiday remove of an unknown number"
has "$tmp/err" "There is no holiday 999" "says there is no such holiday"
[ "$(audit_count)" -eq "$n0" ]; tap_result $? "refused holiday removes write no audit record"
d holiday remove "$hid"
status 0 "holiday remove"
d holiday list
lacks "$tmp/out" "Тәуелсіздік" "the removed holiday is gone from the list"
d audit log --last 1
has "$tmp/out" "holiday.remove${t}holiday:$hid${t}2026-12-07..2026-12-08 Тәуелсіздік күні -> -" \
    "holiday remove is audited with what was removed"
d holiday remove "$hid"
status 4 "a holiday is removed only once"
d holiday add 2026-12-08 2026-12-09 Жаңа
status 0 "the removed holiday's days are free again"

# ---- period dates ----

d period dates q2 2026-11-03 2026-12-25
status 0 "period dates"
d period list
has "$tmp/out" "2026-q2${t}2026-11-03${t}2026-12-25${t}open" "the period has its new days"
has "$tmp/out" "2026-q3${t}2026-12-26${t}" "and the next quarter starts the day after: no day between"
d audit log --last 1
has "$tmp/out" "period.dates${t}period:" "period dates is audited"
has "$tmp/out" "2026-q2${t}2026-11-03..2027-01-07 -> 2026-11-03..2026-12-25" \
    "with the old days and the new"
d audit log --last 2
has "$tmp/out" "2026-q3${t}2027-01-08..2027-03-29 -> 2026-12-26..2027-03-29" \
    "the quarter that followed is audited too"
n0=$(audit_count)
d period dates 2026-q2 2026-11-03 2026-12-25
status 0 "period dates to the days it already has, the year written in front"
[ "$(audit_count)" -eq "$n0" ]; tap_result $? "and nothing moved, so nothing is audited"

# The first quarter has no quarter before it: its first days would be in none.
d lesson add "7 Ә" Алгебра 2026-09-02
d period dates q1 2026-09-03 2026-11-02
status 1 "period dates refuses to leave a recorded lesson in no period"
has "$tmp/err" \
    "Lessons already recorded in 2026-q1 would fall outside 2026-09-03 to 2026-11-02 (1 of them)" \
    "saying how many lessons"
d period dates q1 2026-09-02 2026-11-02
status 0 "the period may start on the day of its first lesson"
d period dates q1 2026-09-01 2026-11-02
d lesson add "7 Ә" Музыка 2026-09-03
n0=$(audit_count)
d period dates h1 2026-09-04 2026-12-25
status 1 "a half-year keeps the lessons of one-hour subjects"
has "$tmp/err" "(1 of them)" "and counts only those (not the quarter subject's lesson)"
d period dates q2 2026-09-01 2026-12-25
status 1 "period dates refuses to swallow the period before"
has "$tmp/err" "2026-q2 would overlap 2026-q1, which runs from 2026-09-01 to 2026-11-02" \
    "naming the neighbour and its days"
d period dates q2 2026-11-03 2027-04-01
status 1 "period dates refuses to swallow the period after"
has "$tmp/err" "would overlap 2026-q3" "naming the period after"
d period dates q2 2026-12-25 2026-11-03
status 1 "period dates refuses reversed days"
d period dates q2 2026-11-03 2026-02-30
status 1 "period dates refuses a day that is no date"
d period dates q4 2027-03-30 2027-06-15
status 1 "period dates refuses days outside the school year"
has "$tmp/err" "not inside the school year 2026-2027" "saying so"
d period dates q9 2026-11-03 2026-12-25
status 1 "period dates refuses a period name that is no period (as period close does)"
has "$tmp/err" "Write q1..q4 for quarters, h1 or h2 for half-years" "saying how periods are named"
d period dates 2030-q1 2030-09-01 2030-10-01
status 4 "period dates of a period in a year never added"
d period dates q2 2026-11-03
status 2 "period dates without the last day is a usage error"
d --as zaure period dates q2 2026-11-03 2026-12-31
status 3 "the head may not move a period's days"
d --as aruzhan period dates q2 2026-11-03 2026-12-31
status 3 "a teacher may not move a period's days"
[ "$(audit_count)" -eq "$n0" ]; tap_result $? "refused period moves write no audit record"
d period close q1
d period dates q1 2026-09-02 2026-11-02
status 1 "period dates refuses a closed period"
has "$tmp/err" "reopen it before moving its days" "saying to reopen it first"
d period dates q2 2026-11-05 2026-12-25
status 1 "nor moves the edge it shares with a closed period"
has "$tmp/err" "2026-q1 is closed" "naming that period"
d audit log --last 1
lacks "$tmp/out" "period.dates" "the refused moves are not audited"
d period reopen q1
d period list
has "$tmp/out" "2026-q2${t}2026-11-03${t}2026-12-25${t}open" "and leave the period as it was"

# ---- substitutes ----

d substitute pavel "7 Ә" Алгебра --from 2026-11-20 --to 2026-11-27
status 0 "substitute LOGIN CLASS SUBJECT --from --to still names a substitute"
d substitute aruzhan "7 Ә" Физика --from 2026-12-01 --to 2026-12-04
d substitute pavel "7 Ә" Алгебра --from 2026-11-28 --to 2026-11-27
status 1 "substitute refuses reversed days"
d substitute pavel "7 Ә" Алгебра --from 2026-11-28
status 2 "substitute without --to is a usage error"
d substitute pavel "7 Ә" Алгебра --from 2026-11-28 --to 2035-01-01
status 1 "substitute refuses days beyond the class's school year"
has "$tmp/err" "is not inside the school year 2026-2027" "and says which year"
d substitute list
status 0 "substitute list"
has "$tmp/out" "pavel${t}7 Ә${t}Алгебра${t}0${t}2026-11-20${t}2026-11-27" \
    "lists substitute, class, subject, subgroup and days"
has "$tmp/out" "aruzhan${t}7 Ә${t}Физика" "every substitution, for an admin"
sid=$(grep -F "pavel${t}" "$tmp/out" | cut -f1)
d --as zaure substitute list
has "$tmp/out" "aruzhan${t}7 Ә${t}Физика" "the head sees every substitution"
d --as pavel substitute list
status 0 "a teacher may list substitutions"
has "$tmp/out" "pavel${t}7 Ә${t}Алгебра" "a teacher sees her own substitution"
lacks "$tmp/out" "aruzhan" "and not other teachers'"
d --as pavel lesson add "7 Ә" Алгебра 2026-11-23
status 0 "the substitute writes the journal during the substitution"

n0=$(audit_count)
d --as pavel substitute remove "$sid"
status 3 "a teacher may not end a substitution"
d --as zaure substitute remove "$sid"
status 3 "the head may not end a substitution"
d substitute remove x
status 2 "substitute remove of something not a number is a usage error"
d substitute remove
status 2 "substitute remove without a number is a usage error"
d substitute remove 999
status 4 "substitute remove of an unknown number"
has "$tmp/err" "There is no substitution 999" "says there is no such substitution"
[ "$(audit_count)" -eq "$n0" ]; tap_result $? "refused substitution changes write no audit record"
d substitute remove "$sid"
status 0 "substitute remove"
d substitute list
lacks "$tmp/out" "pavel" "the ended substitution is gone from the list"
d audit log --last 1
has "$tmp/out" "substitute.remove${t}7 Ә subject:" "substitute remove is audited"
has "$tmp/out" "${t}pavel 2026-11-20..2026-11-27 substitution:" "with the substitution it ended, by its id"
d --as pavel lesson add "7 Ә" Алгебра 2026-11-24
status 3 "once ended, the substitute may no longer write the journal"

# A teacher whose login is a subcommand's word still gets the add form.
echo "teacher-pass-3" | "$DAPTER" --db "$db" user add remove --name "Ремова" --role teacher \
    --password-stdin >/dev/null
d substitute remove "7 Ә" Алгебра --from 2026-12-01 --to 2026-12-02
status 0 "substitute remove CLASS SUBJECT --from --to names the teacher \"remove\""
d substitute list
has "$tmp/out" "remove${t}7 Ә${t}Алгебра" "and lists her substitution"

d audit verify
status 0 "the audit chain verifies after every change"
has "$tmp/out" "The audit chain holds" "verify says the chain holds"
done_testing
