#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The admin's roster and assignments: a pupil renamed, a pupil who left the
# school on a date (in the lessons before it, in none after), an assignment
# ended, and an import prompt that never offers the last file again.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
printf 'Тегі;Аты\nСейтқали;Ерлан\n' >"$tmp/one.csv"
start a 100 30 -- --as admin
wait_for a "My journals" >/dev/null
keys a A
wait_for a "Classes and rosters" >/dev/null
keys a Down Enter
wait_for a "8 Б" >/dev/null
keys a Enter
check "the roster of 7 Ә opens" wait_for a "Ахметов Нұрсұлтан"
keys a n
check "n asks for the surname, filled in" wait_for a "Surname: Ахметов"
keys a C-u "Ахметжан" Enter
wait_for a "Given name: Нұрсұлтан" >/dev/null
keys a Enter
wait_for a "Patronymic:" >/dev/null
keys a Enter
check "the pupil is renamed" wait_for a "Ахметжан Нұрсұлтан Бауыржанұлы"
check "the store has the new name" sh -c '"$DAPTER" --db "$0" roster list "7 Ә" |
    grep -q "^Ахметжан Нұрсұлтан Бауыржанұлы"' "$db"
keys a L
check "L asks for the day the pupil left" wait_for a "Left the school on: 2026-11-23"
keys a C-u 20.11.2026 Enter
check "and asks to be sure" wait_for a "left the school on 2026-11-20: in no lesson from that day on? (y/n)"
keys a y
check "the roster says when the pupil left" wait_re a "Ахметжан Нұрсұлтан .*left 2026-11-20"
"$DAPTER" --db "$db" audit log --last 2 >"$tmp/audit" 2>&1
check "rename and leave are audited" sh -c 'grep -q "pupil.rename.*Ахметов Нұрсұлтан Бауыржанұлы -> Ахметжан" "$0" &&
    grep -q "pupil.leave.*left 2026-11-20" "$0"' "$tmp/audit"

# The teacher's page: the pupil is in the lessons before 20.11, in none after.
start b 100 30 -- --as aigerim
wait_for b "My journals" >/dev/null
keys b Enter
wait_for b "23.11 FA:" >/dev/null
check "the left pupil's later cells are closed" wait_re b "^.Ахметжан Нұрсұлтан +.* 13 +· +· "
keys b 5
check "and take no mark" wait_for b "not in this class or subgroup on the lesson's day"
keys b q q y
check "quit" wait_for b "EXITED 0"

keys a i
wait_for a "CSV or XLSX file on the server" >/dev/null
keys a "$tmp/one.csv" Enter
wait_for a "1 pupils would be added" >/dev/null
keys a n
wait_for a "Nothing was imported." >/dev/null
# An Excel workbook at the same prompt: read through the same import (issue 13).
keys a i
wait_for a "CSV or XLSX file on the server" >/dev/null
keys a "$top_srcdir/tests/data/roster-7a.xlsx" Enter
check "an XLSX workbook is previewed as a CSV file is" wait_for a "27 pupils would be added"
keys a n
wait_for a "Nothing was imported." >/dev/null
keys a i
wait_for a "CSV or XLSX file on the server" >/dev/null
check "the import prompt is empty, not the last file" \
    sh -c '! tmux -u -L "$0" capture-pane -p -t "=a:" | grep -qF "$1"' "$sock" "$tmp/one.csv"
# A class list pasted at the file prompt: its first line is no file name.
tm set-buffer -b list "Тегі;Аты
Сейтқали;Ерлан
"
tm paste-buffer -b list -t "=a:"
check "a paste at the file prompt goes on as a paste" wait_for a "Paste the class list of 7 Ә"
check "with its first line" wait_for a "Тегі;Аты"
keys a C-d
check "and is previewed" wait_for a "1 pupils would be added"
keys a n
wait_for a "Nothing was imported." >/dev/null
keys a q
wait_for a "8 Б" >/dev/null
classes=$("$DAPTER" --db "$db" class list 2>&1)
# A class list pasted where no prompt is: "Йолдасбекова" starts with й = q.
tm set-buffer -b roster "Йолдасбекова;Айым;Ерланқызы
Дүйсенов;Мирас;Асқарұлы
adxP
"
tm paste-buffer -b roster -t "=a:"
check "a paste on the Classes list is ignored, and says so" \
    wait_for a "A paste here is not a command: it was ignored."
check "the Classes list stays" wait_for a "8 Б"
check "the paste changed no class" test "$("$DAPTER" --db "$db" class list 2>&1)" = "$classes"
keys a q
wait_for a "Classes and rosters" >/dev/null
keys a Down Down Enter
wait_for a "Assignments" >/dev/null
wait_for a "aigerim" >/dev/null
keys a x
check "x asks before ending the assignment" wait_re a "Should [a-z]+ no longer teach .* in .*\? \(y/n\)"
who=$(screen a | sed -n 's/.*Should \([a-z]*\) no longer teach \(.*\) in \(.*\)? (y\/n).*/\1	\3	\2/p')
keys a y
check "the assignment is ended" wait_for a "no longer teaches"
check "the store no longer has it" sh -c '! "$DAPTER" --db "$0" journal list |
    grep -q "^$1	$2	0	$3\$"' "$db" "$(echo "$who" | cut -f2)" "$(echo "$who" | cut -f3)" \
    "$(echo "$who" | cut -f1)"
keys a q q q y
check "quit" wait_for a "EXITED 0"


# Two teachers of one journal: one row on the home screen, both named.
echo "dana-pass-12" | "$DAPTER" --db "$db" user add dana --name "Дана" --role teacher \
    --password-stdin >/dev/null 2>&1
"$DAPTER" --db "$db" assign dana "8 Б" Алгебра >/dev/null 2>&1
"$DAPTER" --db "$db" assign aigerim "8 Б" Алгебра >/dev/null 2>&1
# As the class teacher she also reads every journal of 8 Б: that doubled the row.
"$DAPTER" --db "$db" class teacher "8 Б" dana >/dev/null 2>&1
start c 100 30 -- --as zaure
wait_for c "My journals" >/dev/null
check "the head sees the shared journal once, naming both teachers" \
    wait_re c "8 Б +Алгебра +read-only [a-z]+, [a-z]+"
check "and no second row of it" test "$(screen c | grep -c "8 Б *Алгебра")" -eq 1
keys c q
wait_for c "EXITED 0" >/dev/null
start d 100 30 -- --as dana
wait_for d "My journals" >/dev/null
check "the teacher sees her shared journal once" test "$(screen d | grep -c "8 Б *Алгебра")" -eq 1
keys d q
wait_for d "EXITED 0" >/dev/null

# A new password at 40 columns: on a screen of its own, whole, and it works.
start e 40 12 -- --as admin
wait_for e "My journals" >/dev/null
keys e A
wait_for e "Users" >/dev/null
keys e Enter
wait_for e "aigerim" >/dev/null
keys e Down p
wait_for e "New password for aigerim? (y/n)" >/dev/null
keys e y
check "the new password shows whole at 40 columns" wait_re e "^ [a-hj-km-np-z2-9]{12} *\$"
pw=$(screen e | sed -n 's/^ \([a-hj-km-np-z2-9]\{12\}\) *$/\1/p' | head -n 1)
keys e Space
check "a key takes it away" wait_gone e "$pw"
keys e q q q
wait_for e "EXITED 0" >/dev/null
start f 80 24 --
wait_for f "Login:" >/dev/null
keys f aigerim Enter "$pw" Enter
check "the password read off the screen logs in" wait_for f "My journals"
keys f q
wait_for f "EXITED 0" >/dev/null
tap_done
