#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: slowing password guesses costs the guesser, never the owner.
# 127.0.0.2 guesses olga's password 60 times, in parallel; olga at 127.0.0.3
# logs in at once. From one address for both (a school behind one NAT
# address), 10 parallel wrong passwords for olga still let her right one in
# within the login grace, and her key is never slowed. 60 wrong passwords
# for made-up logins from one address leave that address's teachers a way in.
# Hostile names (controls, bidi) reach the log neutralised.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass ssh-keygen
python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.5", 0))' 2>/dev/null ||
    { echo "1..0 # SKIP no 127.0.0.5 on this machine"; exit 0; }
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key"
"$DAPTER" --db "$db" user key add olga "$tmp/key.pub" >/dev/null ||
    { echo "Bail out! cannot add a key"; exit 1; }
start_server
opts="-p $port -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o ConnectTimeout=30"
pw="-o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1
    -o PreferredAuthentications=password"
# guess FROM USER N [spray]: N wrong passwords for USER (spray: USER1, USER2...,
# one try each) from FROM, ten at a time.
guess() {
	g=0
	while [ $g -lt "$3" ]; do
		pids=
		for k in 1 2 3 4 5 6 7 8 9 10; do
			u=$2
			[ "${4:-}" = spray ] && u=$2$g$k
			SSHPASS=wrong-$g-$k timeout 120 sshpass -e ssh $opts $pw -b "$1" "$u@127.0.0.1" \
			    version >/dev/null 2>&1 </dev/null &
			pids="$pids $!"
		done
		for p in $pids; do wait "$p"; done
		g=$((g + 10))
	done
}
# login FROM USER: the right password from FROM; status in $st, seconds in $took.
login() {
	t0=$(date +%s)
	SSHPASS=$(demo_password "$2") timeout 120 sshpass -e ssh $opts $pw -b "$1" "$2@127.0.0.1" version \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	took=$(($(date +%s) - t0))
}
slowed() { grep -c "slowing a login as $1 from $2 " "$tmp/serve.log"; }
refused() { grep -c "refused $1 from $2 " "$tmp/serve.log"; }

guess 127.0.0.2 olga 60
n=$(refused olga 127.0.0.2)
[ "$n" -ge 60 ]; tap_result $? "60 wrong passwords for olga from 127.0.0.2 ($n refused)"
login 127.0.0.3 olga
status 0 "olga logs in from 127.0.0.3"
[ "$(slowed olga 127.0.0.3)" -eq 0 ]; tap_result $? "at once: the guessing address pays, not her"

guess 127.0.0.4 olga 10
login 127.0.0.4 olga
status 0 "after 10 parallel wrong passwords from her own address, olga's right one gets in"
[ "$(slowed olga 127.0.0.4)" -ge 1 ]; tap_result $? "slowed ($took s), since that address was guessing"
grep "slowing a login as olga from 127.0.0.4 " "$tmp/serve.log" | sed 's/.* by \([0-9]*\) s$/\1/' |
    sort -n | tail -n 1 >"$tmp/most"
[ "$(cat "$tmp/most")" -le 10 ]; tap_result $? "and no wait comes near the 30 s grace ($(cat "$tmp/most") s at most)"
guess 127.0.0.4 olga 10
t0=$(date +%s)
timeout 120 ssh $opts -b 127.0.0.4 -i "$tmp/key" -o IdentitiesOnly=yes -o BatchMode=yes \
    olga@127.0.0.1 version >"$tmp/out" 2>"$tmp/err" </dev/null
st=$?
status 0 "her key logs in from the guessing address too"
id=$(sed -n 's/.* \(ssh-[0-9]*\): login olga from 127.0.0.4 by publickey$/\1/p' "$tmp/serve.log")
[ -n "$id" ] && ! grep -q "$id: slowing" "$tmp/serve.log"; tap_result $? "never slowed"

guess 127.0.0.5 nosuchuser 60 spray
login 127.0.0.5 marat
status 0 "after 60 wrong passwords from 127.0.0.5, a teacher behind it still gets in"
[ "$took" -lt 30 ]; tap_result $? "within the grace ($took s)"

# A login name with a terminal escape, a bidi override and a C1 control
# (OpenSSH refuses controls on its command line, not in a config file).
printf 'Host hostile\n  HostName 127.0.0.1\n  User "x\033[2J\342\200\256y\302\233z"\n' >"$tmp/cfg"
SSHPASS=wrong timeout 60 sshpass -e ssh $opts -F "$tmp/cfg" $pw -b 127.0.0.3 hostile version \
    >/dev/null 2>&1 </dev/null
grep -q "refused x.*y.*z from 127.0.0.3" "$tmp/serve.log"; tap_result $? "a hostile login name is logged"
python3 - "$tmp/serve.log" <<'PY'
import sys
for line in open(sys.argv[1], "rb").read().split(b"\n"):
    if b"\x1b" in line or b"\xe2\x80\xae" in line or b"\xc2\x9b" in line or (
            line and not line.startswith((b"20", b"dapter["))):
        sys.exit(1)
PY
tap_result $? "neutralised: no escape, no bidi override, no line of its own"

# The failure counts hold names a client chose: they expire and are bounded.
DB=$db python3 - <<'PY'
import os, sqlite3, time
con = sqlite3.connect(os.environ["DB"], timeout=30)
now = int(time.time())
con.execute("INSERT OR REPLACE INTO login_failure(key, count, first) VALUES ('pair:old 1.2.3.4', 9, ?)",
            (now - 3600,))
con.executemany("INSERT OR REPLACE INTO login_failure(key, count, first) VALUES (?, 1, ?)",
                [("pair:name%d 10.0.0.1" % i, now - 60) for i in range(10050)])
con.commit()
PY
SSHPASS=wrong timeout 60 sshpass -e ssh $opts $pw -b 127.0.0.3 olga@127.0.0.1 version \
    >/dev/null 2>&1 </dev/null
rows=$(DB=$db python3 -c 'import os, sqlite3; c = sqlite3.connect(os.environ["DB"]); print(c.execute("SELECT count(*) FROM login_failure").fetchone()[0], c.execute("SELECT count(*) FROM login_failure WHERE key = \x27pair:old 1.2.3.4\x27").fetchone()[0], c.execute("SELECT count(*) FROM login_failure WHERE key = \x27pair:olga 127.0.0.3\x27").fetchone()[0])')
set -- $rows
[ "$1" -le 10000 ] && [ "$2" -eq 0 ] && [ "$3" -eq 1 ]
tap_result $? "the login failure table forgets expired counts and keeps the newest 10000 ($rows)"
done_testing
