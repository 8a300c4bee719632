#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The term results of a journal page, the class view, and other terms.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 -- --as zaure
check "the head sees every journal" wait_for a "My journals: Зәуре Қасымова"
keys a c
check "c shows the class view" wait_for a "7 Ә · class view"
check "the class view has a column per subject, named on two lines" wait_re a "^ +Алгеб Инфор Қазақ"
check "and a term mark per pupil" wait_re a "^.Ахметов Нұрсұлтан +n/a +5 +n/a"
keys a q
check "q goes back to the journals" wait_for a "My journals"
keys a Enter
check "the journal opens read-only for the head" wait_for a "quarter 2 · read-only"
keys a s
check "s shows the term results" wait_for a "7 Ә · Алгебра · quarter 2 · read-only · term results"
check "with the shares of each kind of work" wait_re a "^.Ахметов Нұрсұлтан +100% +[0-9]+% +- +[0-9]+% +n/a"
check "and how the percent is made, from the scheme" wait_for a "% = 25% FA + 25% SA-S + 50% SA-T"
keys a q
check "q goes back to the page" wait_for a "23.11 FA:"
keys a '['
check "[ goes to the previous term" wait_for a "7 Ә · Алгебра · quarter 1"
check "its term marks show" wait_re a "^.Ахметов Нұрсұлтан .*96% +5"
keys a ']' ']'
check "] ] goes to the third term" wait_for a "7 Ә · Алгебра · quarter 3"
check "a term without lessons says so" wait_for a "No lessons in this term yet"
keys a q q y
check "quit" wait_for a "EXITED 0"
tap_done
