#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Keymaps: a broken file is reported as FILE:LINE and the default keymap
# takes over; the shipped vi and phone keymaps load and work; hotkeys answer
# on a Cyrillic layout; the help screen lists the bindings.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
printf '# a keymap with a mistake\nglobal ? help\ngrid x no-such-action\n' >"$tmp/broken.keys"
start a 80 24 DAPTER_KEYMAP="$tmp/broken.keys" -- --as aigerim
check "a broken keymap shows FILE:LINE on the status line" \
    wait_for a "broken.keys:3: unknown action \"no-such-action\""
check "the default keymap takes over" wait_re a "^Enter Open +\? Help +q Quit +c Class +R Reports +w Language"
keys a q y
wait_for a "EXITED" >/dev/null
check "the error also went to stderr" grep -q "broken.keys:3: unknown action" "$tmp/a.err"

for km in default vi phone; do
	start "$km" 80 24 DAPTER_KEYMAP="$km" -- --as aigerim
	wait_for "$km" "My journals" >/dev/null
	check "the shipped $km keymap loads without an error" \
	    sh -c "! tmux -u -L '$sock' capture-pane -p -t '$km' | grep -q ':[0-9]*: '"
done
keys vi Enter
wait_for vi "7 Ә · Алгебра" >/dev/null
keys vi j j 9
check "vi: j moves down, a digit writes a mark" wait_re vi "^.Байжанова Әйгерім .* 9 "
keys phone Enter
wait_for phone "7 Ә · Алгебра" >/dev/null
keys phone Space 8
check "phone: Space moves down, a digit writes a mark" wait_re phone "^.Әбілқасымова Аружан .* 8 "

keys default Enter
wait_for default "7 Ә · Алгебра" >/dev/null
keys default Down Down Down н
check "default: н (Russian letter) marks absent" wait_re default "^.Бекмұхамбетов Алихан .* a "
# One rule on a Cyrillic layout: attendance by the letters of its codes,
# never by the place of a Latin letter (ф is at a, у at e, ш at i).
keys default ф у ш ә
check "default: ф у ш mark no attendance; ә (key of 2 on the Kazakh layout) writes 2" \
    wait_re default "^.Ғалымжанова Дильназ .* 2 "
keys default F1
check "F1 shows the keys of the page" wait_for default "Add a lesson for today"
keys default PageDown
check "PageDown scrolls the help to every screen's keys" \
    wait_for default "Switch the language (kk, ru, en)"
keys default q
check "q leaves the help" wait_for default "7 Ә · Алгебра"
keys default '?'
check "? shows the keys too" wait_re default "a н ж +Absent\$"
check "and the rule for Cyrillic layouts" wait_for default "attendance is н п б о or ж д а к,"
keys default '?'
check "? again closes the help it opened" wait_for default "7 Ә · Алгебра"
keys default й
check "й (key of q) goes back on the Russian layout" wait_for default "My journals"
tap_done
