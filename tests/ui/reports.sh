#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Reports screen (issue 12, from the UI): a class teacher reads her
# class's report cards as text at 80x24, with the ssh commands that fetch
# them as files; the head reads a class's pass rate and quality from the
# administration at 40x12; a teacher without a class is told who may.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
printf 'host = school\n' >"$tmp/dapter.conf"

start a 80 24 "DAPTER_CONF=$tmp/dapter.conf" -- --as aigerim
wait_for a "My journals" >/dev/null
check "a class teacher's home offers her reports" wait_for a "R Reports"
keys a R
check "R opens the Reports screen" wait_for a "Analysis of summative work"
keys a Enter
check "a report card asks for the period, today's offered" wait_for a "Period (or year): 2026-q2"
keys a Enter
check "the cards of her own class, which she was not asked for" \
    wait_for a "Report cards: 7 Ә, quarter 2"
check "the ssh command that fetches them as PDF" \
    wait_for a "ssh -p 2222 aigerim@school report card 7Ә --period 2026-q2 --format pdf \\"
check "a long command goes on in the next line" wait_for a "    > card.pdf"
check "and as CSV" wait_for a "--format csv \\"
check "the cards as text below" wait_for a "Report card: "
keys a Right
check "Right scrolls the text sideways" wait_gone a "ssh -p 2222"
check "to the rest of the lines" wait_for a "--period 2026-q2 --format pdf"
keys a Left
check "Left scrolls back" wait_for a "ssh -p 2222 aigerim@school"
keys a PageDown
check "PageDown scrolls down" wait_gone a "As a file, over SSH:"
keys a q
check "q goes back to the list of papers" wait_for a "Summary sheet"
keys a Down Enter
check "the summary sheet needs no period" wait_for a "Summary sheet: 7 Ә"
check "its command names no period" wait_for a "report summary 7Ә --format pdf > summary.pdf"
keys a q q
check "and back home" wait_for a "My journals"

# A teacher who is no class teacher: her home is as it was, and R says why not.
start o 80 24 -- --as olga
wait_for o "My journals" >/dev/null
check "a teacher without a class has no Reports hint" sh -c \
    '! tmux -u -L "$0" capture-pane -p -t "=o:" | grep -q "Reports"' "$sock"
keys o R
check "R tells her who has reports" wait_for o "Reports are for the class teacher"

# The head, from the administration, at 40x12.
start b 40 12 "DAPTER_CONF=$tmp/dapter.conf" -- --as zaure
wait_for b "My journals" >/dev/null
keys b A
wait_for b "Administration" >/dev/null
# The head's menu: Terms, Holidays, Sessions, Audit, Reports.
admin_menu b 4
check "the head opens Reports from the administration" wait_for b "Pass rate and quality"
keys b Down Down Enter
check "she is asked for the class" wait_for b "Class:"
keys b "8 Б" Enter
check "and the period, or the year" wait_for b "Period (or year):"
keys b year Enter
check "its command fits in 40 columns" wait_for b " ssh -p 2222 zaure@school report \\"
check "on lines of its own" wait_for b "     quality 8Б --period year \\"
check "to the file it writes" wait_for b "     --format pdf > quality.pdf"
keys b PageDown
check "below, the class's pass rate and quality of the year" \
    wait_for b "Class 8 Б, school year 2026-2027"
check "the keys fit at 40 columns" wait_for b "q Back"
keys b End
check "End shows the paper's last line" wait_for b "Made by dapter"
keys b q q q q
check "back home" wait_for b "My journals"
tap_done
