#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A terminal that goes away (a closed PuTTY, a dead phone) ends the journal
# within seconds on every screen: no process spins on, no page stays held.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
# gone NAME DESCRIPTION: kill NAME's terminal; its dapter must end and let go.
gone() {
	pid=$(pgrep -f -- "--db $db --as" | head -n 1)
	tm kill-session -t "=$1"
	i=0
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "$2: the journal ends with its terminal" test -n "$pid" -a "$i" -lt 100
	"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
	check "$2: nothing stays online or held" test ! -s "$tmp/sessions"
}

start h 80 24 -- --as aigerim
wait_for h "My journals" >/dev/null
gone h "home screen"

start g 80 24 -- --as aigerim
wait_for g "My journals" >/dev/null
keys g Enter
wait_for g "7 Ә · Алгебра" >/dev/null
gone g "journal page"

start a 80 24 -- --as admin
wait_for a "My journals" >/dev/null
keys a A
wait_for a "Administration" >/dev/null
keys a Enter
wait_for a "Users" >/dev/null
gone a "administration: users"

start b 80 24 -- --as admin
wait_for b "My journals" >/dev/null
keys b A
wait_for b "Administration" >/dev/null
keys b a
gone b "administration: a prompt"
tap_done
