#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: password guessing is slowed per account and per address,
# across connections, without locking out a school behind one address.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass ssh-keygen
start_server
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
    -o ConnectTimeout=10 -F /dev/null"
# s PASSWORD USER ARGS...: ssh with a password; output in $tmp/out, $tmp/err; status in $st.
s() {
	pw=$1 u=$2
	shift 2
	SSHPASS=$pw sshpass -e ssh $opts -o PubkeyAuthentication=no "$u@127.0.0.1" "$@" \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
}
o1="-o NumberOfPasswordPrompts=1 -o PreferredAuthentications=password,keyboard-interactive"
for n in 1 2 3 4; do
	SSHPASS=wrong-$n sshpass -e ssh $opts $o1 -o PubkeyAuthentication=no olga@127.0.0.1 version \
	    >/dev/null 2>&1 </dev/null
done
grep -c "refused olga" "$tmp/serve.log" >"$tmp/n"
[ "$(cat "$tmp/n")" -ge 4 ]; tap_result $? "four wrong passwords for olga, each on its own connection"
t0=$(date +%s)
s olga-demo-1 olga version
t1=$(date +%s)
status 0 "the right password still opens the account (slowed, not locked)"
[ $((t1 - t0)) -ge 2 ]; tap_result $? "but only after a wait (took $((t1 - t0)) s)"
has "$tmp/serve.log" "slowing a login as olga from 127.0.0.1" "the slowing is logged"
# Not slowed is read from the log, not the clock: a loaded machine is slow anyway.
slowed() { grep -c "slowing a login as $1 " "$tmp/serve.log"; }
s marat-demo marat version
status 0 "another teacher from the same address logs in"
[ "$(slowed marat)" -eq 0 ]; tap_result $? "without waiting: a school shares one address"
before=$(slowed olga)
s olga-demo-1 olga version
status 0 "olga logs in again"
[ "$(slowed olga)" -eq "$before" ]; tap_result $? "at once: a good login cleared the account's count"
for n in 1 2 3 4; do
	SSHPASS=wrong-$n sshpass -e ssh $opts $o1 -o PubkeyAuthentication=no nosuchuser@127.0.0.1 version \
	    >/dev/null 2>&1 </dev/null
done
t0=$(date +%s)
s whatever nosuchuser version
t1=$(date +%s)
[ "$st" -ne 0 ] && [ $((t1 - t0)) -ge 2 ]; tap_result $? "an unknown login is slowed like a real one (no enumeration by timing)"
done_testing
