#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The lesson editor never saves a lesson its marks do not fit: a smaller
# maximum or a formative kind under summative points is refused with the
# store's reason and the lesson stays as it was; a formative lesson with
# marks becomes a summative one only after a question that counts them.
. "$top_srcdir/tests/ui/lib.sh"

lessons() {
	"$DAPTER" --db "$db" lesson list "7 Ә" Алгебра --period q2 2>&1
}

demo_db
start a 100 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
wait_for a "23.11 FA:" >/dev/null
# 11.11 is a СОр of 20 points with marks of 18 and 20.
keys a Left Left Left Left Left
check "the page is on the summative work of 11.11" wait_for a "11.11 SA-S/20:"
keys a Enter Enter Enter Enter Enter C-u 5 Enter
check "a maximum of 5 under marks of 20 is refused with the reason" \
    wait_for a "has 20 here, and the lesson would take 0 to 5"
lessons >"$tmp/lessons"
check "the store keeps the maximum of 20" grep -q "2026-11-11	SA-S/20	" "$tmp/lessons"
keys a Enter Enter Enter Enter C-u 1 Enter
check "turning it formative is refused too" wait_for a "would take 1 to 10"
lessons >"$tmp/lessons"
check "the lesson is still SA-S/20" grep -q "2026-11-11	SA-S/20	" "$tmp/lessons"
"$DAPTER" --db "$db" grades "7 Ә" Алгебра --period q2 >"$tmp/grades" 2>&1
check "grades still computes the class" test $? -eq 0
# 16.11 is formative with two marks: as СОр/20 they would read as points.
keys a Right Right
check "the page is on the formative lesson of 16.11" wait_for a "16.11 FA:"
keys a Enter Enter Enter Enter C-u 2 Enter C-u 20 Enter
check "the editor asks before reading 2 marks as points" \
    wait_for a "Read the 2 formative marks of this lesson as points out of 20? (y/n)"
keys a n
check "no leaves the lesson as it was" wait_for a "The lesson is left as it was."
lessons >"$tmp/lessons"
check "the store keeps it formative" grep -q "2026-11-16	FA	" "$tmp/lessons"
keys a Enter Enter Enter Enter C-u 2 Enter C-u 20 Enter
wait_for a "(y/n)" >/dev/null
keys a y
check "yes makes it a summative work of 20 points" wait_for a "16.11 SA-S/20:"
lessons >"$tmp/lessons"
check "the store has it" grep -q "2026-11-16	SA-S/20	" "$tmp/lessons"
keys a q q y
check "quit" wait_for a "EXITED 0"
"$DAPTER" --db "$db" audit verify >/dev/null 2>&1
check "the audit chain holds" test $? -eq 0
tap_done
