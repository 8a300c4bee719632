#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The journal page at 40x12 and 120x40, and a resize in between: nothing
# wider than the pane, pupils' names visible (shortened when narrow).
. "$top_srcdir/tests/ui/lib.sh"

# fits NAME COLS ROWS: every line of the pane fits COLS display columns.
fits() {
	w=$(screen "$1" | wc -L)
	n=$(screen "$1" | wc -l)
	[ "$w" -le "$2" ] && [ "$n" -le "$3" ] || { echo "#   width $w, lines $n"; return 1; }
}

demo_db
start s 40 12 -- --as aigerim
check "40x12: the home screen shows" wait_for s "My journals"
keys s Enter
check "40x12: the journal opens" wait_for s "7 Ә · Алгебра"
check "40x12: names shrink to \"Surname I.\"" wait_for s "Ахметов Н."
check "40x12: the term mark column shows" wait_for s "Mark"
check "40x12: nothing is wider than the pane" fits s 40 12
keys s Down Down Down Down Down Down Down Down
check "40x12: rows scroll down to the 9th pupil" wait_for s "Қасымов Н."
check "40x12: the key hints fit" wait_re s "^1-9,0=10 mark"

tm resize-window -t =s: -x 100 -y 30 2>/dev/null || tm refresh-client -t =s: -C 100,30
check "resized to 100x30: full names come back" wait_for s "Ахметов Нұрсұлтан"
check "resized: nothing is wider than the pane" fits s 100 30

start b 120 40 -- --as aigerim
check "120x40: the home screen shows" wait_for b "My journals"
keys b Enter
check "120x40: the journal opens" wait_for b "7 Ә · Алгебра"
check "120x40: full names" wait_for b "Ахметов Нұрсұлтан"
check "120x40: all 20 pupils fit" wait_for b "Ізбасарова Томирис"
check "120x40: the term percent shows" wait_re b "Ахметов Нұрсұлтан .*[0-9]+%"
check "120x40: nothing is wider than the pane" fits b 120 40
tap_done
