#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: the limits that keep a school's server alive. A client
# that never logs in is cut off after --login-grace; connections not logged
# in beyond --max-startups-per-address are closed at once (--max-sessions,
# which counts logged-in ones, is flood.sh's); many logins at the same
# moment all get their answer; a login that starts nothing (ssh -N) ends
# after --link-timeout.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass

# idle.py N HOLD: opens N connections that never speak; prints, for each,
# the seconds until the server closed it (or "open" after HOLD seconds).
cat >"$tmp/idle.py" <<'PY'
import selectors, socket, sys, time
port, n, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
sel = selectors.DefaultSelector()
began, took = {}, {}
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    began[s] = time.time()
    sel.register(s, selectors.EVENT_READ, i)
    time.sleep(0.3)
end = time.time() + hold
while len(took) < n and time.time() < end:
    for key, _ in sel.select(timeout=0.1):
        s = key.fileobj
        if not s.recv(4096):
            took[key.data] = time.time() - began[s]
            sel.unregister(s)
for i in range(n):
    print("%.1f" % took[i] if i in took else "open")
PY
start_server --login-grace 2 --max-startups-per-address 2
python3 "$tmp/idle.py" "$port" 3 6 >"$tmp/idle"
first=$(sed -n 1p "$tmp/idle") third=$(sed -n 3p "$tmp/idle")
python3 -c "import sys; sys.exit(0 if 1.5 <= float('$first') <= 4.5 else 1)" 2>/dev/null
tap_result $? "a client that does not log in is cut off after the grace time ($first s)"
python3 -c "import sys; sys.exit(0 if float('$third') < 1.0 else 1)" 2>/dev/null
tap_result $? "a connection beyond --max-startups-per-address is closed at once ($third s)"
has "$tmp/serve.log" "no login from 127.0.0.1 in 2 s" "the cut-off is logged"
has "$tmp/serve.log" "refused a connection from 127.0.0.1: too many connections not logged in from this address" \
    "the refusal is logged with the address and the reason"
# The ended connections are reaped as their processes exit: poll, bounded.
i=0
while :; do
	SSHPASS=marat-demo sshpass -e ssh -p "$port" -F /dev/null -o StrictHostKeyChecking=no \
	    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no \
	    marat@127.0.0.1 journal list >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	i=$((i + 1))
	[ "$st" -ne 0 ] && [ $i -lt 20 ] || break
	sleep 0.5
done
status 0 "slots are free again once those connections ended"
stop_server

start_server
n=12
i=0
wait_start=$(date +%s)
while [ $i -lt $n ]; do
	SSHPASS=zaure-demo sshpass -e ssh -p "$port" -F /dev/null -o StrictHostKeyChecking=no \
	    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no \
	    zaure@127.0.0.1 marks export "'8 Б'" Алгебра >"$tmp/par.$i" 2>&1 </dev/null &
	pids="${pids:-} $!"
	i=$((i + 1))
done
for p in $pids; do
	wait "$p"
done
i=0 good=0
"$DAPTER" --db "$db" --as zaure marks export "8 Б" Алгебра >"$tmp/want"
while [ $i -lt $n ]; do
	cmp -s "$tmp/par.$i" "$tmp/want" && good=$((good + 1))
	i=$((i + 1))
done
[ $good -eq $n ]; tap_result $? "$n logins at once all get the same CSV ($good of $n)"
[ $(($(date +%s) - wait_start)) -lt 25 ]; tap_result $? "and none of them hangs"
stop_server

start_server --link-timeout 3
SSHPASS=marat-demo timeout 60 sshpass -e ssh -p "$port" -F /dev/null -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no -N \
    marat@127.0.0.1 >/dev/null 2>&1 </dev/null &
held=$!
i=0
while kill -0 "$held" 2>/dev/null && [ $i -lt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
! kill -0 "$held" 2>/dev/null; tap_result $? "a login that starts nothing is closed after --link-timeout"
kill "$held" 2>/dev/null
has "$tmp/serve.log" "marat started nothing in 3 s, closing" "which the log says"
done_testing
