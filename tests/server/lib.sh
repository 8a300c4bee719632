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

srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$DAPTER" --db "$db" demo --no-serve >/dev/null || { echo "Bail out! no demo school"; exit 1; }

# start_server ARGS...: serve the demo school with ARGS; wait until it listens.
start_server() {
	: >"$tmp/serve.out"
	"$DAPTER" --db "$db" serve --listen 127.0.0.1 --port "$port" "$@" \
	    >"$tmp/serve.out" 2>"$tmp/serve.log" &
	srv=$!
	i=0
	until grep -q "^Serving" "$tmp/serve.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] && kill -0 "$srv" 2>/dev/null || {
			echo "Bail out! the server did not start"; cat "$tmp/serve.log"; exit 1; }
		sleep 0.1
	done
}

stop_server() {
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	srv=
}
