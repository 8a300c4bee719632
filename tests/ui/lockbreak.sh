#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An admin breaks the lock of a live journal page: the teacher's session
# turns read-only and names who broke it, instead of taking the page back at
# its next tick; opening the page again makes it hers again.
. "$top_srcdir/tests/ui/lib.sh"

held() {	# the journal pages aigerim's sessions hold now
	"$DAPTER" --db "$db" session list 2>/dev/null | awk '$2 == "aigerim"' | grep -o "journal:[0-9:]*"
}
wait_held() {	# wait_held: 0 once aigerim holds a page (10 s)
	i=0
	while [ "$i" -lt $((100 * slow)) ]; do
		[ -n "$(held)" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
mark() {	# Ахметов's mark in the lesson of 23.11
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 2>/dev/null |
	    awk -F, '$2 ~ /^Ахметов / { print $NF }'
}

demo_db
admin=$("$DAPTER" --db "$db" user list | awk -F'\t' '$1 == "admin" { print $3 }')
start a 80 24 -- --as aigerim
wait_for a "My journals" >/dev/null
keys a Enter
wait_for a "23.11 FA:" >/dev/null
check "the open page holds its lock" wait_held
"$DAPTER" --db "$db" --as admin lock break "7 Ә" Алгебра >/dev/null 2>&1
check "the admin breaks it" test $? -eq 0
check "the teacher's page says who broke the lock" wait_for a "$admin broke your lock"
check "and is read-only" wait_for a "read-only"
keys a 7
check "a mark is refused with the reason" wait_for a "Read-only: $admin broke your lock."
check "and not written" test -z "$(mark)"
keys a Down
wait_re a "^>Әбілқасымова" >/dev/null
check "the page was not taken back" test -z "$(held)"
keys a q
wait_for a "My journals" >/dev/null
keys a Enter
wait_for a "23.11 FA:" >/dev/null
check "opening the page again takes the lock" wait_held
keys a Up 7
check "and the teacher writes again" wait_re a "^.Ахметов Нұрсұлтан .* 7 +[0-9]+%"
check "the mark is stored" test "$(mark)" = "7"
keys a q q y
check "quit" wait_for a "EXITED 0"
tap_done
