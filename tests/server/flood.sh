#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: connections that never log in cannot keep a teacher out.
# 200 silent TCP connections are held open from 127.0.0.2 (the attacker);
# meanwhile a teacher at 127.0.0.3 logs in and runs `journal list`. Then
# --max-sessions counts logged-in connections only: a login past it is told
# that the server is full, while a silent connection still gets a process.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass
python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.2", 0))' 2>/dev/null ||
    { echo "1..0 # SKIP no 127.0.0.2 on this machine"; exit 0; }

# hold.py PORT N SECONDS READY: opens N connections from 127.0.0.2 that never
# speak, writes READY once all are made, holds them SECONDS at most (or
# until READY is removed), then prints how many the server closed.
cat >"$tmp/hold.py" <<'PY'
import os, socket, sys, time
port, n, hold, ready = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
socks = []
for i in range(n):
    s = socket.socket()
    s.settimeout(5)
    s.bind(("127.0.0.2", 0))
    try:
        s.connect(("127.0.0.1", port))
    except OSError:
        s.close()
        continue
    s.setblocking(False)
    socks.append(s)
open(ready, "w").close()
end = time.time() + hold
closed = set()
while time.time() < end and os.path.exists(ready):
    for s in socks:
        if s in closed:
            continue
        try:
            if s.recv(4096) == b"":
                closed.add(s)
        except BlockingIOError:
            pass
        except OSError:
            closed.add(s)
    time.sleep(0.2)
print("made %d closed %d" % (len(socks), len(closed)))
PY

# wait_for FILE SECONDS: FILE exists within SECONDS.
wait_for() {
	i=0
	until [ -e "$1" ]; do
		i=$((i + 1)); [ $i -lt $(($2 * 10)) ] || return 1
		sleep 0.1
	done
}
opts="-p PORT -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o PubkeyAuthentication=no -o ConnectTimeout=20"
# login FROM USER ARGS...: ssh from address FROM; status in $st.
login() {
	from=$1 u=$2
	shift 2
	SSHPASS=$u-demo timeout 60 sshpass -e ssh $(echo "$opts" | sed "s/PORT/$port/") \
	    -b "$from" "$u@127.0.0.1" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
}

start_server --login-grace 120
python3 "$tmp/hold.py" "$port" 200 120 "$tmp/ready" >"$tmp/hold.out" &
holder=$!
wait_for "$tmp/ready" 60; tap_result $? "200 silent connections from 127.0.0.2 are opened"
login 127.0.0.3 marat journal list
status 0 "meanwhile a teacher at 127.0.0.3 logs in"
has "$tmp/out" "Алгебра" "and her journal list comes back"
login 127.0.0.2 zaure version
[ "$st" -ne 0 ]; tap_result $? "the flooding address itself is refused past its limit"
rm -f "$tmp/ready"
wait "$holder"
sed 's/^/# /' "$tmp/hold.out"
has "$tmp/serve.log" "too many connections not logged in from this address" \
    "the refusals are logged with their reason"
n=$(grep -c "refused a connection from 127.0.0.2" "$tmp/serve.log")
[ "$n" -le 70 ]; tap_result $? "and a flood of refusals makes at most a line a second ($n lines)"
stop_server

# --max-sessions 1: one teacher holds the only session (ssh -N, no channel).
start_server --max-sessions 1
SSHPASS=marat-demo sshpass -e ssh $(echo "$opts" | sed "s/PORT/$port/") -N \
    marat@127.0.0.1 >/dev/null 2>&1 </dev/null &
held=$!
i=0
until grep -q "login marat from" "$tmp/serve.log"; do
	i=$((i + 1)); [ $i -lt 300 ] || break
	sleep 0.1
done
login 127.0.0.1 zaure version
[ "$st" -ne 0 ]; tap_result $? "a login past --max-sessions is refused"
has "$tmp/err" "every session is taken" "and told that the server is full"
has "$tmp/serve.log" "zaure logged in from 127.0.0.1, but every session is taken" \
    "which the log says too"
kill "$held" 2>/dev/null
wait "$held" 2>/dev/null
i=0
until login 127.0.0.1 zaure version && [ "$st" -eq 0 ]; do
	i=$((i + 1)); [ $i -lt 50 ] || break
	sleep 0.2
done
status 0 "the slot is free again once that session ended"
done_testing
