#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A subject's hours for one class from the administration (issue 12, point
# 1): a change that moves period marks lists them pupil by pupil and is made
# only when the admin says so.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 -- --as admin
wait_for a "My journals" >/dev/null
keys a A
wait_for a "Classes and rosters" >/dev/null
admin_menu a 2
check "the Subjects screen offers hours and scheme" wait_for a "Enter Hours and scheme"
# By name: Алгебра, Информатика (one hour: half-years), ...
keys a Down Enter
check "it asks where the change holds" wait_for a "Grade or class (empty: school):"
keys a "7 Ә" Enter
check "7 Ә has no hours of its own" wait_for a "Hours a week (or inherit): inherit"
keys a 2 Enter
check "nor a scheme" wait_for a "Scheme (Tab: list): inherit"
keys a Enter
check "two hours move 7 Ә's marks: they are listed first" wait_for a "Period marks the change moves"
check "pupil by pupil, with the period and the mark before and after" \
    wait_re a "7 Ә +Ахметов Нұрсұлтан Бауыржанұлы +half-year 1 +5 > -"
keys a q
check "q changes nothing" wait_for a "Nothing was changed."
check "the store has no rule for 7 Ә" sh -c \
    '! "$0" --db "$1" subject show Информатика | grep -q "7 Ә"' "$DAPTER" "$db"

keys a Enter
wait_for a "Grade or class" >/dev/null
keys a "7 Ә" Enter
wait_for a "Hours a week" >/dev/null
keys a 2 Enter
wait_for a "Scheme (Tab: list)" >/dev/null
keys a Enter
wait_for a "Period marks the change moves" >/dev/null
keys a Enter
check "Enter makes the change" wait_for a "Информатика: hours and scheme saved."
check "the store has 7 Ә's two hours" sh -c \
    '"$0" --db "$1" subject show Информатика | grep -q "^7 Ә 2026-2027	2	-$"' "$DAPTER" "$db"
check "the change is audited" sh -c \
    '"$0" --db "$1" audit log --last 1 | grep -q "subject.rule	Информатика/7 Ә"' "$DAPTER" "$db"
tap_done
