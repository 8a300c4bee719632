#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The login screen, opening a journal and fast entry of a column of marks,
# checked afterwards through `dapter marks export`.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 --
check "the login screen shows the school" wait_for a "Школа-гимназия"
keys a aigerim Enter
keys a wrong-secret Enter
check "a wrong password is refused" wait_for a "Wrong login or password."
check "the password never shows" sh -c "! tmux -u -L '$sock' capture-pane -p -t a | grep -q wrong-secret"
keys a aigerim-demo Enter
check "after login the home screen lists my journals" wait_for a "My journals"
check "7 Ә Алгебра is on the list" wait_re a "7 Ә +Алгебра"
keys a Enter
check "Enter opens the journal page" wait_for a "7 Ә · Алгебра"
check "today's lesson is selected, its topic on the status line" \
    wait_for a "23.11 FA: Қысқаша көбейту формулалары"
keys a 12345678901234567890
check "the grid scrolls to the 20th pupil and shows 10" wait_re a "Ізбасарова Томирис.* 10 "

keys a t C-u "Көпмүшелерді көбейту" Enter "§12, 3-есеп" Enter
check "the new topic shows on the status line" wait_for a "FA: Көпмүшелерді көбейту"
keys a q
check "q goes back to the journals" wait_for a "My journals"
keys a q y
check "q on the home screen quits" wait_for a "EXITED 0"

"$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/export.csv" 2>"$tmp/export.err"
got=$(tail -n +3 "$tmp/export.csv" | awk -F, 'NF > 2 { printf "%s ", $NF }')
want="1 2 3 4 5 6 7 8 9 10 1 2 3 4 5 6 7 8 9 10 "
check "the column of marks is in the store" test "$got" = "$want"
[ "$got" = "$want" ] || echo "#   got \"$got\""
"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра >"$tmp/lessons" 2>&1
check "the topic is in the store" grep -q "2026-11-23.*Көпмүшелерді көбейту" "$tmp/lessons"
# Tab moves between the fields; it never leaves the login screen.
start t 80 24 --
check "a second login screen" wait_for t "Password:"
keys t marat Tab marat-demo Enter
check "login, Tab, password, Enter: logged in" wait_for t "My journals"
tap_done
