#!/bin/sh
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
tap_done
