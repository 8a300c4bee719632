#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
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
# bytes client->server, bytes server->client, and the payload size; for the
# journal, also the bytes and reads (about one a packet: the relay and the
# server set TCP_NODELAY) each way by phase and per typed mark, and the floor
# a mark could cost: one packet each way, SSH's framing and MAC around the key
# and a minimal screen update (the cell, the row's figures and the cursor).
# The journal's task runs twice, on a server with --compression no and on one
# with the default (auto: OpenSSH compresses from the login on), side by side.
# With sshd and sc (as root), the same task in sc over OpenSSH, and the ratios.
# KEEP_LOG=DIR keeps the journal's relay log and phase stamps.
set -u
dapter=${1:-${DAPTER:-$(dirname "$0")/../src/dapter}}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-bench.XXXXXX")
srv= rp= sshd_pid=
# On exit, also on an interrupt: the relay, the tmux server, and every
# process of the server on this run's database (holders included).
cleanup() {
	[ -n "$rp" ] && kill "$rp" 2>/dev/null
	[ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null
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
cp "$tmp/db" "$tmp/db.orig" || exit 1
# serve ARGS: the server with ARGS, on a free port it takes itself (port 0)
# and says; the last one stops first.
serve() {
	[ -n "$srv" ] && { kill "$srv"; wait "$srv" 2>/dev/null; }
	rm -f "$tmp/out"
	"$dapter" --db "$tmp/db" serve --listen 127.0.0.1 --port 0 "$@" >"$tmp/out" \
	    2>>"$tmp/log" &
	srv=$!
	until_in "$tmp/out" "^Serving" "the server"
	port=$(sed -n 's/^Serving .* port \([0-9]*\)\.$/\1/p' "$tmp/out")
}
serve

# relay PORT [LOG]: forwards one connection to the server on PORT, then
# prints "up down". It listens on a port of its own choosing (printed as
# "ready PORT", so no other process can take it first) and gives up after
# 300 s. LOG gets a line per read: time, "up" or "down", bytes.
cat >"$tmp/relay.py" <<'PY'
import selectors, socket, sys, time
rport = int(sys.argv[1])
log = open(sys.argv[2], "w") if len(sys.argv) > 2 else None
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
        if log:
            log.write("%.6f %s %d\n" % (time.time(), "up" if src is c else "down", len(data)))
        peer[src].sendall(data)
if log:
    log.close()
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

echo "dapter serve (compression auto), OpenSSH $(ssh -V 2>&1 | cut -d' ' -f1), password login," \
    "one exec each:"
run 'marks export "7 Ә" Алгебра' marks export "'7 Ә'" Алгебра
run 'journal list' journal list
run 'version' version

command -v tmux >/dev/null 2>&1 || exit 0
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
# journal NAME: the everyday task over ssh -t on the server running now;
# the relay's log in $tmp/NAME.log, the phases' stamps in $tmp/NAME.stamps.
journal() {
	rm -f "$tmp/relay.out"
	python3 "$tmp/relay.py" "$port" "$tmp/$1.log" >"$tmp/relay.out" &
	rp=$!
	until_in "$tmp/relay.out" "^ready" "the relay"
	rport=$(sed -n 's/^ready //p' "$tmp/relay.out")
	# stamp PHASE: what the relay logs from now on counts for PHASE.
	stamp() {
		python3 -c 'import sys, time; print(sys.argv[1], "%.6f" % time.time())' \
		    "$1" >>"$tmp/$journal_name.stamps"
	}
	journal_name=$1
	tm new-session -d -s b -x 80 -y 24 \
	    "SSHPASS=aigerim-demo sshpass -e ssh -t -p $rport -F /dev/null \
	    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
	    -o PubkeyAuthentication=no -o PreferredAuthentications=password aigerim@127.0.0.1; \
	    sleep 60"
	wait_for "My journals"
	sleep 0.3	# a screen's last bytes, before the next phase's count starts
	stamp page
	tm send-keys -t =b: Enter
	wait_for "7 Ә · Алгебра"
	sleep 0.3
	stamp marks
	for m in 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5; do
		tm send-keys -t =b: "$m"
		sleep 0.05
	done
	wait_for "Яхияев Ерлан"
	sleep 0.3
	stamp topic
	tm send-keys -t =b: t C-u "Көпмүшелерді көбейту" Enter Enter
	wait_for "FA: Көпмүшелерді көбейту"
	sleep 0.3
	stamp quit
	tm send-keys -t =b: q
	wait_for "My journals"
	tm send-keys -t =b: q
	wait_for "(y/n)"
	tm send-keys -t =b: y
	wait "$rp" || exit 1
	rp=
	tm kill-server 2>/dev/null
	set -- $(tail -n 1 "$tmp/relay.out")
	printf '%-34s up %6s B  down %6s B  (%s)\n' "journal 80x24: 25 marks, topic" "$1" "$2" \
	    "$journal_name"
	echo $(($1 + $2)) >"$tmp/$journal_name.total"
}
# Both runs start from the same school: the copy made before any server ran.
serve --compression no
journal "compression no"
kill "$srv"
wait "$srv" 2>/dev/null
srv=
rm -f "$tmp/db-wal" "$tmp/db-shm"
cp "$tmp/db.orig" "$tmp/db" || exit 1
serve
journal "compression auto"
[ -n "${KEEP_LOG:-}" ] && cp "$tmp"/compression* "$KEEP_LOG"
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
runs = ["compression no", "compression auto"]
def phases(name):
    stamps = [("login", 0.0)] + [(l.split()[0], float(l.split()[1]))
                                 for l in open("%s/%s.stamps" % (tmp, name))]
    p = {n: {"up": [0, 0], "down": [0, 0]} for n, _ in stamps}
    for line in open("%s/%s.log" % (tmp, name)):
        t, way, b = line.split()
        n = [q for q, t0 in stamps if t0 <= float(t)][-1]
        p[n][way][0] += int(b)
        p[n][way][1] += 1
    return [n for n, _ in stamps], p
got = {r: phases(r) for r in runs}
names = got[runs[0]][0]
print("journal by phase:        %-24s %s" % ("compression no", "compression auto (default)"))
for n in names:
    for way in ("up", "down"):
        cells = ["%6d B in %3d reads" % tuple(got[r][1][n][way]) for r in runs]
        print("journal, %-6s %-4s  %-24s %s" % (n, way, cells[0], cells[1]))
marks = 25
# chacha20-poly1305: length 4, padding length 1, padding 4 or more to a
# multiple of 8, MAC 16; CHANNEL_DATA: type 1, channel 4, data length 4.
def packet(data):
    payload = 1 + 4 + 4 + data
    pad = 8 - (1 + payload) % 8
    return 4 + 1 + payload + (pad if pad >= 4 else pad + 8) + 16
# a key (1 B) up; down: the cell, the percent, the cursor: about 30 B of screen
# (uncompressed: compression can take a mark below it)
floor = packet(1) + packet(30)
for r in runs:
    m = got[r][1]["marks"]
    print("journal, per typed mark (%s): up %.0f B in %.1f reads, down %.0f B in %.1f"
          " reads; 25 marks %d B, %.1f x the floor of %d B (one packet each way)" % (
              r, m["up"][0] / marks, m["up"][1] / marks, m["down"][0] / marks,
              m["down"][1] / marks, m["up"][0] + m["down"][0],
              (m["up"][0] + m["down"][0]) / (floor * marks), floor))
PY
# The same task in sc, a classic curses spreadsheet, over OpenSSH (key login):
# a sheet of the 25 pupils, 25 marks down a column, a label, quit.
sshd=$(command -v sshd || echo /usr/sbin/sshd)
why=
for tool in "$sshd" sc ssh-keygen; do
	command -v "$tool" >/dev/null 2>&1 || why="no $tool"
done
[ -n "$why" ] || [ "$(id -u)" -eq 0 ] || why="sshd must run as root to log users in"
if [ -n "$why" ]; then
	echo "sc over OpenSSH: skipped ($why)"
	exit 0
fi
ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey" && ssh-keygen -q -t ed25519 -N '' -f "$tmp/id" || exit 1
cp "$tmp/id.pub" "$tmp/authorized_keys"
# sshd cannot say which port it took: a free one, asked just before.
sport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/sshd_config" <<CONF
Port $sport
ListenAddress 127.0.0.1
HostKey $tmp/hostkey
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
UsePAM no
PrintMotd no
PrintLastLog no
CONF
mkdir -p /run/sshd
"$sshd" -D -e -f "$tmp/sshd_config" 2>"$tmp/sshd.log" &
sshd_pid=$!
"$dapter" --db "$tmp/db" marks export "7 Ә" Алгебра | tail -n +3 | cut -d, -f2 |
    awk 'BEGIN { print "format A 26 2 0"; print "label A0 = \"Pupil\""; print "label B0 = \"23\"" }
	NF { printf "label A%d = \"%s\"\n", NR, $0 }' >"$tmp/j.sc"
rm -f "$tmp/relay.out"
python3 "$tmp/relay.py" "$sport" >"$tmp/relay.out" &
rp=$!
until_in "$tmp/relay.out" "^ready" "the relay"
rport=$(sed -n 's/^ready //p' "$tmp/relay.out")
tm new-session -d -s b -x 80 -y 24 \
    "ssh -t -p $rport -F /dev/null -i $tmp/id -o IdentitiesOnly=yes \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    root@127.0.0.1 sc $tmp/j.sc; sleep 60"
wait_for "Pupil"
tm send-keys -t =b: j l
for m in 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5; do
	tm send-keys -t =b: = "$m" Enter j
	sleep 0.05
done
wait_for "B26"
# sc reads bytes, not UTF-8: the topic in Latin letters, as an sc user would.
tm send-keys -t =b: k '<' "Kopmusheler" Enter
sleep 0.3
tm send-keys -t =b: q
sleep 0.3
tm send-keys -t =b: n
i=0
while kill -0 "$rp" 2>/dev/null && [ "$i" -lt 150 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -0 "$rp" 2>/dev/null && { echo "ssh-bytes: sc did not quit" >&2; tm kill-server; exit 1; }
wait "$rp" || exit 1
rp=
tm kill-server 2>/dev/null
set -- $(tail -n 1 "$tmp/relay.out")
printf '%-34s up %6s B  down %6s B\n' "sc 80x24 over OpenSSH: 25 marks" "$1" "$2"
sc_total=$(($1 + $2))
for c in no auto; do
	echo "dapter's journal task, compression $c, is $(python3 -c \
	    "print('%.2f' % ($(cat "$tmp/compression $c.total") / $sc_total))") of sc's bytes"
done
