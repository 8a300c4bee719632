#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A session left alone locks itself (DAPTER_IDLE_LOCK seconds) and asks for
# the user's password; the journal page comes back as it was.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 DAPTER_IDLE_LOCK=3 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
check "the journal opens" wait_for a "23.11 FA:"
check "left alone, the session locks itself" wait_for a "This session is locked. Password of aigerim:" 100
check "the page is gone from the screen" wait_gone a "Ахметов" 10
# Two more quiet ticks pass on the lock screen: it must not stack another one.
sleep 4.5
keys a not-the-password Enter
check "a wrong password keeps it locked" wait_for a "Wrong password."
keys a aigerim-demo Enter
check "the right password brings the page back" wait_for a "23.11 FA:"
check "one password was enough (no lock screen under it)" wait_gone a "This session is locked" 10
keys a 4
check "and the page is still editable" wait_re a "^.Ахметов Нұрсұлтан .* 4 "
keys a q q y
check "quit" wait_for a "EXITED 0"
tap_done
