#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two sessions on one journal page: the second sees it read-only with the
# holder's name and follows the first one's marks; the same teacher opening
# it elsewhere takes her page over.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
check "aigerim opens 7 Ә Алгебра" wait_for a "7 Ә · Алгебра · quarter 2  "
check "aigerim's page is not read-only" wait_gone a "read-only" 5

start b 80 24 -- --as zaure
check "zaure (head) sees the journals" wait_for b "My journals"
keys b Enter
check "zaure's page is read-only" wait_for b "7 Ә · Алгебра · quarter 2 · read-only"
check "zaure sees who is editing it" wait_for b "Being edited by Айгерім Нұрланқызы Бекова since"
keys b 5
check "a digit on a read-only page says why" wait_for b "Read-only"
# Idle: two poll ticks pass with nothing new, and nothing goes to the terminal.
tm pipe-pane -o -t =b: "cat >'$tmp/idle.bytes'"
sleep 4.5
tm pipe-pane -t =b:
check "an idle read-only page writes no bytes" test ! -s "$tmp/idle.bytes"
keys a 7
check "zaure's page shows aigerim's new mark" wait_re b "^.Ахметов Нұрсұлтан .* 7 " 100
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
check "session list shows aigerim online, from this terminal, holding the page" \
    sh -c "grep 'aigerim' '$tmp/sessions' | grep 'local /dev/pts' | grep -q 'journal:'"
check "and zaure too" grep -q "zaure" "$tmp/sessions"
keys a q
check "after aigerim leaves, nobody is editing" wait_gone b "Being edited by" 100

start c 80 24 -- --as aigerim
wait_for c "My journals" >/dev/null
keys a Enter
check "aigerim opens the page again" wait_gone a "read-only" 30
keys c Enter
check "aigerim's second session takes her own page over" wait_for c "7 Ә · Алгебра · quarter 2  "
check "the first session turns read-only" wait_for a "read-only" 100
keys c q q y
check "the second session quits" wait_for c "EXITED 0"
keys a q q y
check "the first session quits" wait_for a "EXITED 0"
keys b q q y
check "zaure quits" wait_for b "EXITED 0"
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
check "nobody is online after everyone quit" test ! -s "$tmp/sessions"
sed "s/^/#   still online: /" "$tmp/sessions"
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/export.csv" 2>&1
check "the mark typed in the first session is stored" \
    sh -c "grep '^2,' '$tmp/export.csv' | grep -q ',7\$'"
tap_done
