#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The fail2ban filter shipped in data/fail2ban, run by the real fail2ban-regex
# on the log of real failed logins: it finds each failed password's address,
# not a login, a refused key or a success, and a login crafted to carry
# another address ("x from 10.9.8.7 by password") still bans only the sender.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass ssh-keygen fail2ban-regex
start_server
filter="${top_srcdir:-.}/data/fail2ban/dapter.conf"
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
    -o ConnectTimeout=10 -F /dev/null -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1"
# fail PASSWORD LOGIN METHOD: one login over ssh by METHOD.
fail() {
	SSHPASS=$1 sshpass -e ssh $opts -o PreferredAuthentications="$3" -l "$2" 127.0.0.1 \
	    version >/dev/null 2>&1 </dev/null
}
fail wrong-1 aigerim password
fail wrong-2 marat keyboard-interactive
fail wrong-3 "x from 10.9.8.7 by password" password
fail "$(demo_password aigerim)" aigerim password
# The ssh client is gone once the server has logged, but wait for the lines.
i=0
until [ "$(grep -c ': refused ' "$tmp/serve.log")" -ge 3 ] &&
    grep -q ': login aigerim ' "$tmp/serve.log"; do
	i=$((i + 1))
	[ $i -lt 300 ] || break
	sleep 0.1
done
has "$tmp/serve.log" "refused x from 10.9.8.7 by password from 127.0.0.1 by password" \
    "the crafted login is in the log as sent"

# regex LOG: the addresses fail2ban-regex finds in LOG, one a line.
regex() {
	fail2ban-regex -o ip "$1" "$filter" >"$tmp/ips" 2>"$tmp/regex.err"
}
regex "$tmp/serve.log"
tap_result $? "fail2ban-regex reads the filter and the log"
[ "$(grep -c . "$tmp/ips")" -eq 3 ]; tap_result $? "it finds the three failed passwords"
[ "$(sort -u "$tmp/ips")" = 127.0.0.1 ]; tap_result $? "each at the address that sent it"
lacks "$tmp/ips" "10.9.8" "no address a login carried"

# The same lines as syslog or fail2ban's journal backend shows them:
# "DATE HOST dapter[PID]: MESSAGE" (journald keeps its own time and pid).
sed -n 's/^[0-9TZ:-]* dapter\[\([0-9]*\)\]: /Nov 29 18:00:00 school dapter[\1]: /p' \
    "$tmp/serve.log" >"$tmp/syslog"
regex "$tmp/syslog"
tap_result $? "fail2ban-regex reads the syslog form"
[ "$(grep -c . "$tmp/ips")" -eq 3 ] && [ "$(sort -u "$tmp/ips")" = 127.0.0.1 ]
tap_result $? "and finds the same three at 127.0.0.1"

# Under systemd stderr is the journal ($JOURNAL_STREAM names its device and
# inode): the lines start with journald's priority instead of a time stamp.
stop_server
: >"$tmp/serve.log"
JOURNAL_STREAM=$(stat -c %d:%i "$tmp/serve.log")
export JOURNAL_STREAM
start_server
unset JOURNAL_STREAM
fail wrong-5 olga password
fail "$(demo_password marat)" marat password
i=0
until grep -q ': login marat ' "$tmp/serve.log"; do
	i=$((i + 1))
	[ $i -lt 300 ] || break
	sleep 0.1
done
grep -Eq '^<4>ssh-[0-9]+: refused olga from 127\.0\.0\.1 by password' "$tmp/serve.log"
tap_result $? "a refused login is a warning (<4>) in the journal"
grep -Eq '^<6>ssh-[0-9]+: login marat from 127\.0\.0\.1 by password$' "$tmp/serve.log"
tap_result $? "a login is info (<6>)"
grep -Eq '^<6>listening on ' "$tmp/serve.log"; tap_result $? "so is the server's start"
lacks "$tmp/serve.log" "Z dapter[" "no time stamp of its own: journald keeps the time and pid"

grep -q "^journalmatch = _SYSTEMD_UNIT=dapter.service$" "$filter"
tap_result $? "the filter reads dapter.service's journal"
done_testing
