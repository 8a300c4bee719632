#!/bin/sh
# ssh-bytes: bytes on the wire, both ways, for one exec of
# `marks export "7 Ә" Алгебра` (and `journal list`) over `dapter serve`,
# counted by a small TCP relay between OpenSSH and the server; with tmux,
# also the everyday task in the journal over ssh -t at 80x24: log in, open
# 7 Ә Алгебра, 25 marks down today's column, a topic, quit (as
# bench/ui-bytes.sh does on a local terminal).
#
#   bench/ssh-bytes.sh [path/to/dapter]
#
# Needs ssh, sshpass and python3. Prints one line per run: the command,
# bytes client->server, bytes server->client, and the payload size.
set -u
dapter=${1:-${DAPTER:-$(dirname "$0")/../src/dapter}}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-bench.XXXXXX")
srv= rp=
# On exit, also on an interrupt: the relay, the tmux server, and every
# process of the server on this run's database (holders included).
cleanup() {
	[ -n "$rp" ] && kill "$rp" 2>/dev/null
	tmux -L "bench$$" kill-server 2>/dev/null
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	pids=$(pgrep -f -- "--db $tmp/db ")
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
top=$(cd "$(dirname "$0")/.." && pwd)
export DAPTER_TODAY=2026-11-23 LANG=C.UTF-8
export DAPTER_KEYMAPDIR="${DAPTER_KEYMAPDIR:-$top/keymaps}"
export DAPTER_LOCALEDIR="${DAPTER_LOCALEDIR:-$top/locales}"
unset LC_ALL LANGUAGE

# until_in FILE PATTERN WHAT: up to 60 s for PATTERN in FILE, or give up saying WHAT.
until_in() {
	i=0
	until grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || { echo "ssh-bytes: timed out waiting for $3" >&2; exit 1; }
		sleep 0.1
	done
}
"$dapter" --db "$tmp/db" demo --no-serve >/dev/null || exit 1
# Five more pupils make the 25 rows of a full class.
printf 'Тегі;Аты\nЯхина;Алина\nЯкупов;Арман\nЯсинова;Дана\nЯковлев;Илья\nЯхияев;Ерлан\n' |
    "$dapter" --db "$tmp/db" roster import "7 Ә" - >/dev/null || exit 1
# Port 0: the server takes a free port itself and says which.
"$dapter" --db "$tmp/db" serve --listen 127.0.0.1 --port 0 >"$tmp/out" 2>"$tmp/log" &
srv=$!
until_in "$tmp/out" "^Serving" "the server"
port=$(sed -n 's/^Serving .* port \([0-9]*\)\.$/\1/p' "$tmp/out")

# relay: forwards one connection to the server on PORT, then prints "up
# down". It listens on a port of its own choosing (printed as "ready PORT",
# so no other process can take it first) and gives up after 300 s.
cat >"$tmp/relay.py" <<'PY'
import selectors, socket, sys, time
rport = int(sys.argv[1])
deadline = time.time() + 300
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(1)
print("ready", ls.getsockname()[1], flush=True)
ls.settimeout(120)
try:
    c, _ = ls.accept()
except socket.timeout:
    sys.exit("relay: nobody connected")
s = socket.create_connection(("127.0.0.1", rport), timeout=30)
for x in (c, s):
    x.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
count = {c: 0, s: 0}
peer = {c: s, s: c}
sel = selectors.DefaultSelector()
sel.register(c, selectors.EVENT_READ)
sel.register(s, selectors.EVENT_READ)
open_ = 2
while open_:
    if time.time() > deadline:
        sys.exit("relay: the connection did not end")
    for key, _ in sel.select(timeout=1):
        src = key.fileobj
        data = src.recv(65536)
        if not data:
            sel.unregister(src)
            open_ -= 1
            try:
                peer[src].shutdown(socket.SHUT_WR)
            except OSError:
                pass
            continue
        count[src] += len(data)
        peer[src].sendall(data)
print(count[c], count[s], flush=True)
PY

run() {
	label=$1
	shift
	# A fresh file: the last run's "ready" must not be taken for this one's.
	rm -f "$tmp/relay.out"
	python3 "$tmp/relay.py" "$port" >"$tmp/relay.out" &
	rp=$!
	until_in "$tmp/relay.out" "^ready" "the relay"
	rport=$(sed -n 's/^ready //p' "$tmp/relay.out")
	SSHPASS=aigerim-demo sshpass -e ssh -p "$rport" -F /dev/null \
	    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
	    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
	    -o ConnectTimeout=30 aigerim@127.0.0.1 "$@" >"$tmp/payload" </dev/null
	wait "$rp" || exit 1
	rp=
	set -- $(tail -n 1 "$tmp/relay.out")
	printf '%-34s up %6s B  down %6s B  payload %6s B\n' "$label" "$1" "$2" \
	    "$(wc -c <"$tmp/payload")"
}

echo "dapter serve, OpenSSH $(ssh -V 2>&1 | cut -d' ' -f1), password login, one exec each:"
run 'marks export "7 Ә" Алгебра' marks export "'7 Ә'" Алгебра
run 'journal list' journal list
run 'version' version

command -v tmux >/dev/null 2>&1 || exit 0
rm -f "$tmp/relay.out"
python3 "$tmp/relay.py" "$port" >"$tmp/relay.out" &
rp=$!
until_in "$tmp/relay.out" "^ready" "the relay"
rport=$(sed -n 's/^ready //p' "$tmp/relay.out")
tm() {
	tmux -L "bench$$" -f /dev/null "$@"
}
wait_for() {
	i=0
	while [ "$i" -lt 150 ]; do
		tm capture-pane -p -J -t =b: | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "ssh-bytes: timed out waiting for \"$1\"" >&2
	tm kill-server 2>/dev/null
	exit 1
}
tm new-session -d -s b -x 80 -y 24 \
    "SSHPASS=aigerim-demo sshpass -e ssh -t -p $rport -F /dev/null \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o PubkeyAuthentication=no -o PreferredAuthentications=password aigerim@127.0.0.1; sleep 60"
wait_for "My journals"
tm send-keys -t =b: Enter
wait_for "7 Ә · Алгебра"
for m in 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5; do
	tm send-keys -t =b: "$m"
	sleep 0.05
done
wait_for "Яхияев Ерлан"
tm send-keys -t =b: t C-u "Көпмүшелерді көбейту" Enter Enter
wait_for "FA: Көпмүшелерді көбейту"
tm send-keys -t =b: q
wait_for "My journals"
tm send-keys -t =b: q
wait_for "(y/n)"
tm send-keys -t =b: y
wait "$rp" || exit 1
rp=
tm kill-server 2>/dev/null
set -- $(tail -n 1 "$tmp/relay.out")
printf '%-34s up %6s B  down %6s B\n' "journal 80x24: 25 marks, topic" "$1" "$2"
