#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The terminal and the key reader: a terminal that cannot address its cursor
# is refused with a message that says what to use; PuTTY's application keypad
# types digits; a key sequence nobody knows is never read as Esc.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
# TERM=dumb: only the last line would ever show.
start d 80 24 TERM=dumb -- --as aigerim
check "TERM=dumb is refused" wait_for d "EXITED 1"
check "saying which TERM to use" grep -q "TERM=xterm-256color" "$tmp/d.err"
start r 80 24 TERM=dumb DAPTER_LANG=ru -- --as aigerim
wait_for r "EXITED 1" >/dev/null
check "in the user's language" grep -q "TERM=xterm-256color.*консол" "$tmp/r.err"

# PuTTY's application keypad sends ESC O p .. ESC O y for 0..9.
start a 80 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
check "the page opens" wait_for a "7 Ә · Алгебра"
keys a Home
check "Home goes to the first lesson" wait_re a "^04\.11 "
keys a -H 1b 4f 77
check "ESC O w types a 7" wait_re a "^ Ахметов Нұрсұлтан +7 "
keys a -H 1b 4f 41 1b 4f 79
check "ESC O A goes up and ESC O y types a 9" wait_re a "^ Ахметов Нұрсұлтан +9 "
keys a -H 1b 5b 41
check "CSI Up goes up" wait_re a "^>Ахметов"
keys a -H 1b 5b 31 3b 35 42 1b 5b 32 30 30 7e
keys a Down
check "C-Down and a paste's start are swallowed whole, never Esc" wait_re a "^>Әбілқасымова"
check "the page is still open, in English" wait_re a "^7 Ә · Алгебра.*\[EN\]"

# A prompt's given value is replaced by the first character typed.
keys a End Enter
check "Enter opens the lesson editor" wait_for a "Topic: "
keys a Enter Enter Enter
check "the kind prompt shows FA" wait_re a "^Kind \(1 FA, 2 SA-S, 3 SA-T\): FA *$"
keys a 2
check "typing 2 replaces FA" wait_re a "^Kind \(1 FA, 2 SA-S, 3 SA-T\): 2 *$"
keys a Enter
check "2 is a kind: the maximum is asked" wait_re a "^Maximum points: "
keys a 1 5
check "the maximum reads 15" wait_re a "^Maximum points: 15 *$"
keys a Escape
check "Esc leaves the editor" wait_gone a "Maximum points"
keys a Enter
check "the topic is given" wait_re a "^Topic: .+"
topic=$(screen a | sed -n 's/^Topic: //p' | sed 's/ *$//')
keys a End " (2)" Enter Enter Enter Enter
i=0
until "$DAPTER" --db "$db" lesson list "7 Ә" Алгебра 2>&1 | grep -qF "$topic (2)" ||
    [ $i -ge $((100 * slow)) ]; do
	i=$((i + 1))
	sleep 0.1
done
"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра >"$tmp/lessons" 2>&1
check "a cursor key first keeps the given text to edit" grep -qF "$topic (2)" "$tmp/lessons"
tap_done
