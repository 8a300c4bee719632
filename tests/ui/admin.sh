#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration screens, driven as the admin would: add a teacher, add
# a class and import its roster (a preview that names the bad line and
# writes nothing, then the fixed file), assign the teacher, close a term that
# a teacher then cannot write in, and see that teacher online.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 100 30 -- --as admin
wait_for a "My journals" >/dev/null
check "the home screen offers Administration to the admin" wait_for a "A Administration"
keys a A
check "A opens the administration menu" wait_for a "Classes and rosters"

# Users: add a teacher; her password is shown once.
keys a Enter
check "the Users screen lists the demo users" wait_for a "zaure"
keys a a
wait_for a "Login of the new user:" >/dev/null
keys a dana Enter
wait_for a "Full name:" >/dev/null
keys a "Дана Серікқызы" Enter
wait_for a "Role (teacher, head, admin):" >/dev/null
keys a Enter
check "the new user's password is shown once" wait_for a "User dana added. Password, shown once:"
check "the store lists her" sh -c '"$DAPTER" --db "$0" user list | grep -q "^dana	teacher	Дана Серікқызы"' "$db"
keys a Down
check "the password is gone after the next key" wait_gone a "shown once"
# By login: admin, aigerim, dana.
keys a Up Up Down Down d
check "d disables her" wait_for a "User dana disabled."
check "the list says so" wait_re a "dana +teacher .* disabled"
keys a d
check "d again enables her" wait_for a "User dana enabled."
keys a R C-u head Enter
check "R changes her role" wait_for a "dana is now head."
check "the store has the role" sh -c '"$DAPTER" --db "$0" user list | grep -q "^dana	head"' "$db"
keys a R C-u teacher Enter
wait_for a "dana is now teacher." >/dev/null
keys a p
check "a new password asks first" wait_for a "New password for dana? (y/n)"
keys a y
check "the new password is shown once" wait_for a "New password of dana, shown once:"
keys a Space
wait_gone a "shown once" >/dev/null
keys a Up Up d
check "the admin cannot disable herself: the store's refusal shows" wait_for a "You cannot disable your own account."
keys a q
wait_for a "Classes and rosters" >/dev/null

# Classes: add 9 А and import a roster with an impossible date on line 3.
keys a Down Enter
check "the Classes screen lists the demo classes" wait_for a "8 Б"
keys a a
wait_for a "New class" >/dev/null
keys a "9 А" Enter
check "the class is added" wait_for a "Class 9 А added."
printf 'Тегі;Аты;Әкесінің аты;Туған күні;Жынысы\nСейтқали;Ерлан;Маратұлы;01.02.2012;М\nОспанова;Дина;Асқарқызы;31.02.2012;Ж\n' >"$tmp/9a.csv"
keys a NPage
keys a i
wait_for a "CSV or XLSX file on the server:" >/dev/null
keys a "$tmp/9a.csv" Enter
check "the preview names line 3" wait_for a "line 3:"
check "and says nothing was written" wait_for a "nothing was written"
check "the store has no pupils in 9 А" test -z "$("$DAPTER" --db "$db" roster list "9 А" 2>/dev/null)"
keys a q
printf 'Тегі;Аты;Әкесінің аты;Туған күні;Жынысы\nСейтқали;Ерлан;Маратұлы;01.02.2012;М\nОспанова;Дина;Асқарқызы;28.02.2012;Ж\n' >"$tmp/9a.csv"
keys a i
wait_for a "CSV or XLSX file on the server:" >/dev/null
keys a "$tmp/9a.csv" Enter
check "the fixed file: 2 pupils would be added" wait_for a "2 pupils would be added"
keys a y
check "the import is done" wait_for a "2 pupils added to 9 А."
check "the store lists the pupils" sh -c '"$DAPTER" --db "$0" roster list "9 А" | grep -q "Оспанова Дина"' "$db"
keys a Enter
check "the roster screen shows them" wait_for a "Сейтқали Ерлан"
keys a q q

# Assignments: dana teaches Алгебра in 9 А.
wait_for a "Classes and rosters" >/dev/null
keys a Down Down
keys a Enter
check "the Assignments screen lists the teachers" wait_for a "aigerim"
keys a a
wait_for a "Teacher's login:" >/dev/null
keys a dana Enter
wait_for a "Class (Tab: list):" >/dev/null
keys a Tab
check "Tab lists the classes to pick from" wait_for a "9 А"
keys a NPage Enter
wait_for a "Subject (Tab: list):" >/dev/null
keys a C-u "Алгебра" Enter
wait_for a "Subgroup" >/dev/null
keys a Enter
check "the assignment is made" wait_for a "dana now teaches Алгебра in 9 А."
check "her journal list has it" sh -c '"$DAPTER" --db "$0" --as dana journal list | grep -q "^9 А	Алгебра	0	dana"' "$db"
keys a q

# Terms: close q2 while aigerim has 7 Ә Алгебра open.
start b 80 24 -- --as aigerim
wait_for b "My journals" >/dev/null
keys b Enter
wait_for b "23.11 FA:" >/dev/null
wait_for a "Classes and rosters" >/dev/null
keys a Down Down
keys a Enter
check "the Terms screen lists the quarters" wait_for a "quarter 2"
keys a Down
wait_re a "quarter 2 .*open" >/dev/null
keys a d
check "closing asks first" wait_for a "Close term quarter 2? (y/n)"
keys a y
check "the term is closed" wait_for a "Term quarter 2 is closed."
check "the store says closed" sh -c '"$DAPTER" --db "$0" period list | grep -q "q2.*closed"' "$db"
before=$(screen b | grep "^>")
keys b 3
check "the teacher's mark is refused as closed" wait_for b "is closed"
check "her old value stays" test "$(screen b | grep "^>")" = "$before"
keys a q

# Sessions: aigerim is online.
wait_for a "Classes and rosters" >/dev/null
keys a Down Down
keys a Enter
check "the Sessions screen shows aigerim online" wait_re a "aigerim +local"
check "with the journal page she holds, by name" wait_re a "aigerim +local.*7 Ә · .* · quarter 2"
# Sessions are listed by login: admin, then aigerim.
keys a Down b
check "breaking her lock asks first" wait_re a "Break the lock of aigerim on 7 Ә · .* · quarter 2\?"
keys a y
check "the lock is broken" wait_re a "The lock on 7 Ә · .* · quarter 2 is broken\."
check "the audit has the break" sh -c '"$DAPTER" --db "$0" audit log | grep -q "lock.break"' "$db"
keys a q
wait_for a "Classes and rosters" >/dev/null
keys a Down
keys a Enter
check "the Audit screen shows the closing" wait_for a "period.close"
keys a f
wait_for a "Filter by user" >/dev/null
keys a Enter
wait_for a "Class, subject or other text" >/dev/null
keys a "9 А" Enter
wait_for a "From date" >/dev/null
keys a Enter
wait_for a "To date" >/dev/null
keys a Enter
check "the filter keeps the records about 9 А" wait_for a "class.add 9 А"
check "and drops the others" wait_gone a "period.close"
keys a v
check "verify says the chain holds" wait_re a "The audit chain holds: [0-9]+ records\."
keys a q q q q y
check "quit" wait_for a "EXITED 0"
keys b q
wait_for b "My journals" >/dev/null
check "a teacher is not offered Administration" wait_gone b "Administration"
keys b A
check "and is refused it" wait_for b "Only the admin and the head may open the administration."

# Her own password, from the home screen: the old one, then the new one twice.
keys b P
check "P asks for the old password" wait_for b "Old password:"
keys b wrong-old Enter "new-secret-9" Enter "new-secret-9" Enter
check "a wrong old password changes nothing" wait_for b "The current password is wrong"
keys b P
wait_for b "Old password:" >/dev/null
keys b aigerim-demo Enter "new-secret-9" Enter "new-secret-8" Enter
check "two different new passwords change nothing" wait_for b "The two new passwords differ"
keys b P
wait_for b "Old password:" >/dev/null
keys b aigerim-demo Enter "new-secret-9" Enter "new-secret-9" Enter
check "the password is changed" wait_for b "Your password is changed."
keys b q y
check "the teacher quits" wait_for b "EXITED 0"
start c 80 24 --
wait_for c "Login:" >/dev/null
keys c aigerim Enter "new-secret-9" Enter
check "she logs in with the new password" wait_for c "My journals"
keys c q y
wait_for c "EXITED 0" >/dev/null

# The head: terms, sessions and audit only; breaking a lock is the admin's.
start h 80 24 -- --as zaure
wait_for h "My journals" >/dev/null
keys h A
check "the head's menu starts with Terms" wait_re h "^ +Terms"
check "without Users" wait_gone h "Users"
keys h Down Down Enter
wait_for h "zaure" >/dev/null
keys h NPage b
check "a session without a page has no lock to break" wait_for h "This session holds no journal page."
keys h q q q y
check "the head quits" wait_for h "EXITED 0"
tap_done
