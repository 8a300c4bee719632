#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A shared lab PC: the lock key locks the journal on purpose, the lock screen
# names whose journal it is and lets another teacher log in beside it; Esc on
# the lock screen and q or Esc on the home screen never quit without a question.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Escape
check "Esc on the home screen asks first" wait_for a "Quit the journal? (y/n)"
keys a n
check "n keeps the journal" wait_gone a "(y/n)"
check "and its home screen" wait_for a "My journals"
keys a q
check "q asks too" wait_for a "Quit the journal? (y/n)"
keys a Escape
check "Esc says no" wait_gone a "(y/n)"
keys a Enter
check "the page opens" wait_for a "7 Ә · Алгебра"
keys a L
check "L locks the journal" wait_for a "This session is locked. Password of aigerim:"
check "the lock screen names the teacher" wait_for a "Айгерім Нұрланқызы Бекова"
check "and offers another teacher" wait_for a "Tab: another teacher"
keys a Escape Escape C-c
check "Esc and C-c on the lock screen quit nothing" wait_gone a "EXITED" 10
check "the lock screen stays" wait_for a "This session is locked"

# Another teacher logs in while aigerim's journal waits locked.
keys a Tab
check "Tab asks for another teacher's login" wait_for a "Another teacher"
keys a marat Enter marat-demo Enter
check "marat's journals open" wait_for a "My journals: Марат"
check "naming the journal that waits locked" wait_for a "aigerim's journal waits locked"
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
check "both sessions are online" sh -c "grep -q aigerim '$tmp/sessions' && grep -q marat '$tmp/sessions'"
keys a q
check "marat's q asks before logging out" wait_for a "Log out? The locked journal comes back. (y/n)"
keys a y
check "aigerim's lock screen comes back" wait_for a "This session is locked. Password of aigerim:"
i=0
until ! "$DAPTER" --db "$db" session list 2>&1 | grep -q marat || [ $i -ge $((50 * slow)) ]; do
	i=$((i + 1))
	sleep 0.1
done
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
check "marat's session has ended" sh -c "! grep -q marat '$tmp/sessions'"
keys a aigerim-demo Enter
check "aigerim's password opens her page again" wait_for a "7 Ә · Алгебра"
keys a q q
check "quit asks" wait_for a "Quit the journal? (y/n)"
keys a y
check "y quits" wait_for a "EXITED 0"
tap_done
