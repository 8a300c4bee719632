# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: what the server tests share: tests/cli/lib.sh's TAP helpers, a
# SKIP when a tool is missing, and the demo school served on a free port.
. "${top_srcdir:-.}/tests/cli/lib.sh"
unset LC_ALL LANGUAGE
export LANG=C.UTF-8

# need TOOL...: the whole test is skipped when one is missing.
need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
	done
}
need python3

# On exit, also on an interrupt: run the test's own $on_exit (its tmux, say),
# then kill every process of this test's server, found by the database path
# on its command line (unique to this test's temp dir): the listener, its
# connection processes and the journal holders that outlive them.
on_exit=
srv=
cleanup() {
	eval "$on_exit"
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	pids=$(pgrep -f -- "--db $db ")
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
"$DAPTER" --db "$db" demo --no-serve >/dev/null || { echo "Bail out! no demo school"; exit 1; }

# demo_password LOGIN: the demo's password for LOGIN (LOGIN-demo, made longer
# where that is under the 10 characters a password needs).
demo_password() {
	case $1 in
	olga) echo olga-demo-1 ;;
	*) echo "$1-demo" ;;
	esac
}

# start_server ARGS...: serve the demo school with ARGS on $listen (default
# 127.0.0.1); wait until it listens, and set $port to the port it took. The
# first start lets the server pick a free port itself (--port 0), so no
# other process can take it in between; a restart takes the same port again.
port=
start_server() {
	: >"$tmp/serve.out"
	"$DAPTER" --db "$db" serve --listen "${listen:-127.0.0.1}" --port "${port:-0}" "$@" \
	    >"$tmp/serve.out" 2>"$tmp/serve.log" &
	srv=$!
	i=0
	until grep -q "^Serving" "$tmp/serve.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] && kill -0 "$srv" 2>/dev/null || {
			echo "Bail out! the server did not start"; cat "$tmp/serve.log"; exit 1; }
		sleep 0.1
	done
	port=$(sed -n 's/^Serving .* port \([0-9]*\)\.$/\1/p' "$tmp/serve.out")
}

# within CMD...: up to 10 s for CMD to succeed, tried every 0.1 s; 1 if it never did.
within() {
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ "$_w" -lt 100 ] || return 1
		sleep 0.1
	done
}

# grid_cells PANE DAY: the column of DAY (its heading, "23") of the journal
# page in PANE (tmux capture-pane), a line per pupil: the cursor mark (">"
# or " ") and the cell ("-" when empty). The headings are ASCII, the names
# are not: sed counts characters (this is a UTF-8 locale).
grid_cells() {
	skip=$(awk -v d=" $2 " '/^ Pupil/ { i = index($0 " ", d); if (i) print i - 1; exit }' "$1")
	[ -n "$skip" ] || return 1
	sed -n '/^ Pupil/,$p' "$1" | sed -n '2,$p' | sed -n '/^[> ][^ ]/!q;p' |
	    sed -E "s/^(.).{$((skip - 1))}(.{0,3}).*/\1\2/; s/^(.) */\1/; s/ *$//; s/^(.)$/\1-/"
}

stop_server() {
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	srv=
}
