#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: per-source penalties (OpenSSH's PerSourcePenalties). 127.0.0.2
# fails to log in until it is refused, and the refusal is logged; a teacher at
# another address logs in meanwhile, and so does a session already logged in
# from a penalised address; after its penalty, 127.0.0.2 logs in. 127.0.0.5
# opens raw TCP connections that leave without a word, and is refused too.
# 127.0.0.3 is exempt: it fails as often and is never refused.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass timeout
python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.5", 0))' 2>/dev/null ||
    { echo "1..0 # SKIP no 127.0.0.5 on this machine"; exit 0; }
# Loopback is private, exempt by default: this server exempts only 127.0.0.3. Each failed
# login owes 10 s, each silent connection 4; past 15 owed an address is refused, 25 at most.
start_server --penalty-exempt 127.0.0.3 --penalties "authfail:10 noauth:4 min:15 max:25"
opts="-p $port -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o ConnectTimeout=20 -o PubkeyAuthentication=no"
one="-o NumberOfPasswordPrompts=1 -o PreferredAuthentications=password"
# fail FROM USER: one wrong password for USER from FROM, on its own connection.
fail() {
	SSHPASS=wrong-pass-1 timeout 60 sshpass -e ssh $opts $one -b "$1" "$2@127.0.0.1" version \
	    >/dev/null 2>&1 </dev/null
}
# login FROM USER: the right password from FROM; status in $st.
login() {
	SSHPASS=$(demo_password "$2") timeout 60 sshpass -e ssh $opts -b "$1" "$2@127.0.0.1" \
	    version >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
}
# logged TEXT: the server's log has TEXT.
logged() { grep -qF -- "$1" "$tmp/serve.log"; }
# penalise FROM USER: failed logins from FROM until it is penalised (10 at most); $tries.
penalise() {
	tries=0
	until logged "penalty: $1 refused"; do
		tries=$((tries + 1)); [ $tries -le 10 ] || break
		fail "$1" "$2"
	done
}

# A teacher logs in from 127.0.0.6 and keeps her connection (a master, no channel yet).
SSHPASS=$(demo_password marat) sshpass -e ssh $opts -b 127.0.0.6 -M -S "$tmp/ctl" -N \
    marat@127.0.0.1 >/dev/null 2>&1 </dev/null &
master=$!
on_exit='kill $master 2>/dev/null'
i=0
until logged "login marat from 127.0.0.6"; do
	i=$((i + 1)); [ $i -lt 300 ] || break
	sleep 0.1
done
logged "login marat from 127.0.0.6"; tap_result $? "a teacher holds a connection from 127.0.0.6"

penalise 127.0.0.2 olga
n=$tries
logged "penalty: 127.0.0.2 refused for"; tap_result $? "failed logins from 127.0.0.2 earn it a penalty ($n tries)"
has "$tmp/serve.log" "failed authentication" "the log says why"
login 127.0.0.2 zaure
[ "$st" -ne 0 ]; tap_result $? "even a right password from 127.0.0.2 is refused while it lasts"
has "$tmp/serve.log" "refused a connection from 127.0.0.2: penalty: failed authentication" \
    "the refusal is logged with its reason"
login 127.0.0.4 zaure
status 0 "a teacher at another address logs in meanwhile"

# Another address fails from where the teacher's connection is; that connection goes on.
penalise 127.0.0.6 nosuchuser
logged "penalty: 127.0.0.6 refused for"; tap_result $? "127.0.0.6 is penalised too"
timeout 60 ssh $opts -S "$tmp/ctl" marat@127.0.0.1 version >"$tmp/out" 2>"$tmp/err" </dev/null
st=$?
status 0 "the session that logged in from 127.0.0.6 before goes on"
kill $master 2>/dev/null

# 127.0.0.3 is exempt: as many failures, and never a penalty.
k=0
while [ $k -lt $((n + 2)) ]; do
	fail 127.0.0.3 nosuchuser
	k=$((k + 1))
done
login 127.0.0.3 aigerim
status 0 "127.0.0.3, exempt, logs in after $k failed logins"
lacks "$tmp/serve.log" "127.0.0.3 refused" "and is never penalised"

# Raw TCP connections that leave before a word: "noauth", 4 s each.
cat >"$tmp/raw.py" <<'PY'
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
for i in range(n):
    s = socket.socket()
    s.settimeout(10)
    s.bind(("127.0.0.5", 0))
    s.connect(("127.0.0.1", port))
    s.close()
# A connection now: closed before the server's version line.
s = socket.socket()
s.settimeout(10)
s.bind(("127.0.0.5", 0))
s.connect(("127.0.0.1", port))
try:
    print("banner" if s.recv(64).startswith(b"SSH-") else "closed")
except OSError:
    print("closed")
PY
r=0
until logged "penalty: 127.0.0.5 refused"; do
	r=$((r + 1)); [ $r -le 10 ] || break
	python3 "$tmp/raw.py" "$port" 3 >"$tmp/raw.out" 2>&1
done
logged "penalty: 127.0.0.5 refused for"; tap_result $? "silent connections from 127.0.0.5 earn it a penalty"
has "$tmp/serve.log" "connections without attempting authentication" "the log says why"
python3 "$tmp/raw.py" "$port" 0 >"$tmp/raw.out" 2>&1
has "$tmp/raw.out" "closed" "its next connection is closed before a byte of SSH"

# After its penalty (25 s at most), 127.0.0.2 logs in.
i=0
until login 127.0.0.2 zaure && [ "$st" -eq 0 ]; do
	i=$((i + 1)); [ $i -lt 60 ] || break
	sleep 1
done
status 0 "after its penalty, 127.0.0.2 logs in"
done_testing
