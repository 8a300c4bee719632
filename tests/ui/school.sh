#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration screens that shape the school, driven as the admin
# would: a teacher's SSH key pasted and removed, a class renamed, given a
# class teacher and promoted, a pupil moved and put in a subgroup, a class
# list pasted into the terminal, a subject, a substitute teacher, a term's
# dates, a new school year, a holiday, the audit filtered by date, and the
# lists at 40 columns. Each change is checked in the store, not only on screen.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
q() { "$DAPTER" --db "$db" "$@" 2>&1; }
# menu N: from the top of the admin menu, open its Nth item (0: Users).
menu() {
	keys a PPage
	i=0
	while [ "$i" -lt "$1" ]; do
		keys a Down
		i=$((i + 1))
	done
	keys a Enter
}
start a 100 30 -- --as admin
wait_for a "My journals" >/dev/null
keys a A
wait_for a "Classes and rosters" >/dev/null

# ---- a user's SSH keys ----
ssh-keygen -q -t ed25519 -N '' -C 'aigerim@lab' -f "$tmp/key" || { echo "Bail out! ssh-keygen"; exit 1; }
fp=$(ssh-keygen -lf "$tmp/key.pub" | cut -d' ' -f2)
menu 0
wait_for a "zaure" >/dev/null
# By login: admin, aigerim, ...
keys a Down Enter
check "Enter on a user opens her SSH keys" wait_for a "SSH keys of aigerim"
check "which says she has none" wait_for a "No keys: this user logs in with a password."
keys a a
wait_for a "Paste the public key line" >/dev/null
keys a -l "$(cat "$tmp/key.pub")"
keys a Enter
check "a pasted key is added" wait_for a "Key added: aigerim can log in with it."
check "the list shows its fingerprint as ssh-keygen prints it" wait_for a "$fp"
check "the store has it" sh -c '"$DAPTER" --db "$0" user key list aigerim | grep -qF "$1"' "$db" "$fp"
keys a a
wait_for a "Paste the public key line" >/dev/null
keys a "ssh-ed25519 not-a-key" Enter
check "a broken key line is refused with the store's words" wait_re a "[Kk]ey"
check "and not added" test "$(q user key list aigerim | wc -l)" -eq 1
keys a x
check "removing asks first" wait_for a "Remove key $fp of aigerim? (y/n)"
keys a y
check "the key is removed" wait_for a "The key is removed."
check "the store has no key" test -z "$(q user key list aigerim)"
check "the audit has the key's addition and removal" \
    sh -c '"$DAPTER" --db "$0" audit log | grep -c "key" | grep -qx 2' "$db"
keys a q q

# ---- classes: rename, class teacher, promote ----
wait_for a "Classes and rosters" >/dev/null
menu 1
wait_for a "8 Б" >/dev/null
keys a Down n
wait_for a "New name of the class:" >/dev/null
keys a C-u "8 В" Enter
check "n renames a class" wait_for a "Class 8 Б is now 8 В."
check "the store has the new name" sh -c '"$DAPTER" --db "$0" class list | grep -qx "8 В"' "$db"
keys a t
wait_for a "Class teacher's login" >/dev/null
keys a Tab
check "Tab lists the logins" wait_for a "olga"
keys a q C-u olga Enter
check "t makes olga the class teacher" wait_for a "olga is the class teacher of 8 В."
check "the list shows her" wait_re a "8 В +2026-2027 +olga"
keys a P
check "promoting asks first" wait_for a "Move 8 В and its pupils up into the school year 2027-2028? (y/n)"
keys a y
check "without next year, the store says what to do" wait_for a "dapter year add 2027"

# ---- a roster: move a pupil, a subgroup, a pasted class list ----
keys a Up Enter
check "Enter opens the roster of 7 Ә" wait_for a "Class 7 Ә:"
keys a m
wait_for a "Move to class" >/dev/null
keys a "8 В" Enter
wait_for a "From the date:" >/dev/null
keys a C-u "01.12.2026" Enter
check "m asks before moving, naming both classes" wait_for a "from 7 Ә to 8 В from 2026-12-01? (y/n)"
keys a y
check "the pupil is moved" wait_for a "Ахметов Нұрсұлтан Бауыржанұлы moved to 8 В."
check "8 В's roster has him" sh -c '"$DAPTER" --db "$0" roster list "8 В" | grep -q "Ахметов Нұрсұлтан"' "$db"
check "7 Ә's roster keeps him, marked as left" wait_for a "left 2026-12-01"
keys a Down g
wait_for a "Subject (Tab: list):" >/dev/null
keys a "Информатика" Enter
wait_for a "Subgroup" >/dev/null
keys a C-u 2 Enter
check "g puts a pupil into a subgroup" wait_for a "Әбілқасымова: subgroup 2 in Информатика."
check "the store has it" sh -c 'sqlite3 "$0" "SELECT subgroup FROM pupil_subgroup" | grep -qx 2' "$db"
keys a q
wait_for a "Classes" >/dev/null
keys a a
wait_for a "New class" >/dev/null
keys a "10 А" Enter
wait_for a "Class 10 А added." >/dev/null
keys a NPage
keys a i
wait_for a "CSV or XLSX file on the server (empty: paste it here):" >/dev/null
keys a C-u Enter
check "an empty path opens the paste screen" wait_for a "Paste the class list of 10 А"
# Cells copied from Excel arrive tab-separated.
keys a -l "Тегі	Аты	Әкесінің аты	Туған күні	Жынысы"
keys a Enter
keys a -l "Нұрланов	Ерасыл	Қанатұлы	05.05.2010	М"
keys a Enter
keys a -l "Серікова	Дана	Маратқызы	07.07.2010	Ж"
keys a Enter
check "the paste arrives on screen" wait_for a "3 lines"
keys a C-d
check "C-d ends the paste: the preview counts the pupils" wait_for a "2 pupils would be added"
keys a y
check "and y imports them" wait_for a "2 pupils added to 10 А."
check "the store lists them" sh -c '"$DAPTER" --db "$0" roster list "10 А" | grep -q "Серікова Дана"' "$db"
keys a i C-u Enter
wait_for a "Paste the class list" >/dev/null
keys a -l "Тегі;Аты"
keys a Enter -l "Ескі;"
keys a Enter C-d
check "a bad paste is refused by line, and nothing is written" wait_for a "nothing was written"
keys a q q

# ---- subjects and substitute teachers ----
wait_for a "Classes and rosters" >/dev/null
menu 2
check "the Subjects screen lists the subjects" wait_re a "Алгебра +3 +criteria"
keys a a
wait_for a "New subject:" >/dev/null
keys a "География" Enter
wait_for a "Hours a week" >/dev/null
keys a C-u 1 Enter
wait_for a "Scheme (Tab: list):" >/dev/null
keys a Enter
check "a subject is added" wait_for a "Subject География added."
check "the store has it, one hour a week" sh -c '"$DAPTER" --db "$0" subject list | grep -q "^География	1	criteria"' "$db"
keys a q
menu 4
check "the substitutes screen starts empty" wait_for a "No substitutions."
keys a a
wait_for a "Teacher's login" >/dev/null
keys a marat Enter
wait_for a "Class (Tab: list):" >/dev/null
keys a "7 Ә" Enter
wait_for a "Subject (Tab: list):" >/dev/null
keys a "Алгебра" Enter
wait_for a "Subgroup" >/dev/null
keys a Enter
wait_for a "First day:" >/dev/null
keys a C-u "24.11.2026" Enter
wait_for a "Last day:" >/dev/null
keys a C-u "27.11.2026" Enter
check "a substitute is added" wait_for a "marat substitutes in 7 Ә, Алгебра, from 2026-11-24 to 2026-11-27."
check "and listed with the days" wait_re a "marat +7 Ә +Алгебра +2026-11-24..2026-11-27"
check "marat may write the journal on those days" \
    sh -c 'DAPTER_TODAY=2026-11-25 "$DAPTER" --db "$0" --as marat journal list | grep -q "^7 Ә	Алгебра"' "$db"
keys a x
check "ending it asks first" wait_for a "End the substitution of marat in 7 Ә, Алгебра? (y/n)"
keys a y
check "the substitution is removed" wait_for a "The substitution is removed."
check "the store has none" test -z "$(q substitute list)"
keys a q

# ---- terms: dates, another year; holidays ----
menu 5
check "the Terms screen names the year" wait_for a "Terms of 2026-2027"
keys a Down e
wait_for a "First day:" >/dev/null
keys a Enter
wait_for a "Last day:" >/dev/null
keys a C-u "28.12.2026" Enter
check "e moves a term's last day" wait_for a "Term quarter 2 runs from 2026-11-03 to 2026-12-28."
check "the store has the dates" sh -c '"$DAPTER" --db "$0" period list | grep -q "q2	2026-11-03	2026-12-28"' "$db"
keys a e Enter C-u "01.10.2026" Enter
check "a term cannot end before it starts: the store says why" wait_for a "is after the last"
check "and the dates stay" sh -c '"$DAPTER" --db "$0" period list | grep -q "q2	2026-11-03	2026-12-28"' "$db"
keys a a
wait_for a "School year" >/dev/null
keys a Enter
check "a adds next school year" wait_for a "The school year 2027-2028 is added."
check "and shows its terms" wait_for a "Terms of 2027-2028"
keys a y C-u 2026 Enter
check "y shows another year" wait_for a "Terms of 2026-2027"
keys a q
menu 6
check "the Holidays screen lists the year's holidays" wait_for a "Holidays of 2026-2027"
keys a a
wait_for a "Name of the holiday:" >/dev/null
keys a "Тәуелсіздік күні" Enter
wait_for a "First day:" >/dev/null
keys a C-u "16.12.2026" Enter
wait_for a "Last day:" >/dev/null
keys a C-u "17.12.2026" Enter
check "a holiday asks for its grade" wait_for a "Grade (empty: every grade):"
keys a Enter
check "a holiday is added" wait_for a "Holiday Тәуелсіздік күні added."
check "the store lists it" sh -c '"$DAPTER" --db "$0" holiday list | grep -q "2026-12-16	2026-12-17	Тәуелсіздік күні"' "$db"
keys a a
wait_for a "Name of the holiday:" >/dev/null
keys a "Қате" Enter C-u "16.12.2026" Enter C-u "16.12.2026" Enter Enter
check "an overlapping holiday is refused" wait_re a "Тәуелсіздік күні"
check "and not stored" test "$(q holiday list | grep -c "Қате")" -eq 0
# The demo's grade 1 has its own week in February; grade 2 gets a day in it.
check "the list gives a grade's holiday its grade" \
    wait_re a "2027-02-08 +2027-02-14 +1 +Extra holidays of grade 1"
keys a a
wait_for a "Name of the holiday:" >/dev/null
keys a "Екінші сынып" Enter C-u "09.02.2027" Enter C-u "09.02.2027" Enter
wait_for a "Grade (empty: every grade):" >/dev/null
keys a 2 Enter
check "another grade's holiday may fall in grade 1's" wait_for a "Holiday Екінші сынып added."
check "the store has it for grade 2" sh -c '"$DAPTER" --db "$0" holiday list | grep -q "2027-02-09	2027-02-09	Екінші сынып	2"' "$db"
# By first day: the autumn holidays, then this one.
keys a PPage Down x
check "removing a holiday asks first" wait_for a "Remove the holiday Тәуелсіздік күні (2026-12-16..2026-12-17)? (y/n)"
keys a y
check "the holiday is removed" wait_for a "The holiday is removed."
check "the store no longer lists it" test "$(q holiday list | grep -c "Тәуелсіздік")" -eq 0
keys a q

# ---- the audit by date (its times are the real clock's, in UTC) ----
today=$(date -u +%d.%m.%Y) iso=$(date -u +%Y-%m-%d) tomorrow=$(date -u -d tomorrow +%d.%m.%Y)
menu 8
wait_for a "Audit:" >/dev/null
keys a f Enter Enter C-u "$tomorrow" Enter Enter
check "a filter from tomorrow finds nothing" wait_for a "Audit: 0 newest records"
keys a f Enter C-u "holiday" Enter C-u "$today" Enter C-u "$today" Enter
check "today's holiday records are found" wait_re a "holiday.add .*Тәуелсіздік"
check "with old -> new" wait_re a "holiday.remove .*Тәуелсіздік күні ->"
check "the title names the filter" wait_for a "holiday $iso..$iso"
keys a q q q y
wait_for a "EXITED 0" >/dev/null

# ---- 40 columns: what matters stays ----
start n 40 12 -- --as admin
wait_for n "My journals" >/dev/null
keys n A
wait_for n "Users" >/dev/null
keys n Enter
check "at 40 columns the users list keeps login and role" wait_re n "^ aigerim +teacher"
check "and the start of the name" wait_re n "^ aigerim +teacher +Айгерім"
keys n q Down Down Down Down Down Down Down Enter
check "the sessions list keeps login and state, dropping where from" wait_re n "^ admin +active"
keys n q q q y
check "quit" wait_for n "EXITED 0"
tap_done
